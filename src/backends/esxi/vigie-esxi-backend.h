/* vigie-esxi-backend.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-backend.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ESXI_BACKEND (vigie_esxi_backend_get_type ())

G_DECLARE_FINAL_TYPE (VigieEsxiBackend, vigie_esxi_backend, VIGIE, ESXI_BACKEND, VigieBackend)

/* VMware Remote Console hand-off: a vmrc://clone:TICKET@HOST/?moid=ID URI
 * from SessionManager.AcquireCloneTicket, for g_app_info_launch_default_for_uri().
 * The ticket is a credential: do not log or store the URI. */
void  vigie_esxi_backend_get_vmrc_uri_async  (VigieEsxiBackend    *self,
                                              VigieInstance       *instance,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char *vigie_esxi_backend_get_vmrc_uri_finish (VigieEsxiBackend    *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
