/* vigie-application.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-context.h"
#include "vigie-endpoint-store.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_APPLICATION (vigie_application_get_type ())

G_DECLARE_FINAL_TYPE (VigieApplication, vigie_application, VIGIE, APPLICATION, AdwApplication)

VigieApplication   *vigie_application_new                (void);
VigieContext       *vigie_application_get_context        (VigieApplication *self);
VigieEndpointStore *vigie_application_get_endpoint_store (VigieApplication *self);
GSettings          *vigie_application_get_settings       (VigieApplication *self);
gboolean            vigie_application_get_demo           (VigieApplication *self);
char               *vigie_application_get_history_dir    (VigieApplication *self);
/* The error from loading the endpoint list, if any (shown once in the window). */
const GError       *vigie_application_get_store_error    (VigieApplication *self);
/* Serves the demo lab in this process and adds its endpoints (not saved). */
void                vigie_application_start_demo_async   (VigieApplication    *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean            vigie_application_start_demo_finish  (VigieApplication    *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
