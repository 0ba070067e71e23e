/* vigie-bulk-action.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-backend.h"

G_BEGIN_DECLS

typedef enum {
  VIGIE_BULK_PENDING = 0,
  VIGIE_BULK_RUNNING,
  VIGIE_BULK_OK,
  VIGIE_BULK_FAILED,
  VIGIE_BULK_NOT_ALLOWED,
} VigieBulkStatus;

#define VIGIE_BULK_ACTION_PER_ENDPOINT 4
#define VIGIE_BULK_ACTION_OVERALL      8

#define VIGIE_TYPE_BULK_ACTION (vigie_bulk_action_get_type ())

G_DECLARE_FINAL_TYPE (VigieBulkAction, vigie_bulk_action, VIGIE, BULK_ACTION, GObject)

VigieBulkAction *vigie_bulk_action_new          (const char       *action,
                                                 GHashTable       *params);
void             vigie_bulk_action_set_limits   (VigieBulkAction  *self,
                                                 guint             per_endpoint,
                                                 guint             overall);
/* Returns the item's index; an instance already added (same key: endpoint
 * uuid, project, id) is not added twice, and one whose endpoint is not
 * @backend's is added failed. */
guint            vigie_bulk_action_add          (VigieBulkAction  *self,
                                                 const char       *label,
                                                 VigieBackend     *backend,
                                                 VigieInstance    *instance);
guint            vigie_bulk_action_add_failed   (VigieBulkAction  *self,
                                                 const char       *label,
                                                 const char       *reason);
guint            vigie_bulk_action_get_n_items  (VigieBulkAction  *self);
const char      *vigie_bulk_action_get_label    (VigieBulkAction  *self,
                                                 guint             index);
const char      *vigie_bulk_action_get_key      (VigieBulkAction  *self,
                                                 guint             index);
VigieBulkStatus  vigie_bulk_action_get_status   (VigieBulkAction  *self,
                                                 guint             index,
                                                 const char      **reason);
guint            vigie_bulk_action_get_peak     (VigieBulkAction  *self);

void             vigie_bulk_action_run_async    (VigieBulkAction     *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* TRUE when every item succeeded; FALSE (no error) when one failed or was
 * not allowed; FALSE with an error only when cancelled. */
gboolean         vigie_bulk_action_run_finish   (VigieBulkAction  *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);

G_END_DECLS
