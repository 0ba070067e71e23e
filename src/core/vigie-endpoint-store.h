/* vigie-endpoint-store.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-endpoint.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ENDPOINT_STORE (vigie_endpoint_store_get_type ())

G_DECLARE_FINAL_TYPE (VigieEndpointStore, vigie_endpoint_store, VIGIE, ENDPOINT_STORE, GObject)

/* A GListModel of VigieEndpoint, kept in CONFIG_DIR/endpoints.conf (a
 * keyfile, mode 0600, written atomically). No secret is ever in it. */
VigieEndpointStore *vigie_endpoint_store_new             (const char          *config_dir);
const char         *vigie_endpoint_store_get_path        (VigieEndpointStore  *self);
/* A missing file is an empty list. A file that does not parse (NUL bytes,
 * not UTF-8, not a keyfile) is renamed aside (endpoints.conf.TIMESTAMP.bak)
 * and reported with VIGIE_ERROR_CONFIG; the list stays empty and the next
 * save cannot overwrite the original. A file that cannot be read (or
 * renamed) makes every save fail until a load succeeds. */
gboolean            vigie_endpoint_store_load            (VigieEndpointStore  *self,
                                                          GError             **error);
gboolean            vigie_endpoint_store_save            (VigieEndpointStore  *self,
                                                          GError             **error);
VigieEndpoint      *vigie_endpoint_store_find_by_name    (VigieEndpointStore  *self,
                                                          const char          *name);
VigieEndpoint      *vigie_endpoint_store_find_by_uuid    (VigieEndpointStore  *self,
                                                          const char          *uuid);
/* Fails with VIGIE_ERROR_INVALID when the name is taken. */
gboolean            vigie_endpoint_store_add             (VigieEndpointStore  *self,
                                                          VigieEndpoint       *endpoint,
                                                          GError             **error);
/* Replaces the endpoint with the same uuid (edit). */
gboolean            vigie_endpoint_store_replace         (VigieEndpointStore  *self,
                                                          VigieEndpoint       *endpoint,
                                                          GError             **error);
gboolean            vigie_endpoint_store_remove          (VigieEndpointStore  *self,
                                                          VigieEndpoint       *endpoint);
/* The list without any secret, for a teacher to hand a class. */
char               *vigie_endpoint_store_export_to_data  (VigieEndpointStore  *self,
                                                          gsize               *length);
/* Adds the endpoints of an exported file (new uuids; names that clash get
 * skipped and reported). Returns the number added. */
int                 vigie_endpoint_store_import_from_data (VigieEndpointStore *self,
                                                          const char          *data,
                                                          gsize                length,
                                                          GPtrArray           *skipped,
                                                          GError             **error);

G_END_DECLS
