/* vigie-veeam-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-veeam-backend.h"

G_BEGIN_DECLS

struct _VigieVeeamBackend
{
  VigieBackend  parent_instance;

  char         *password;
  char         *revision;
  char         *access_token;
  char         *refresh_token;
  gint64        expires_at;     /* 0: unknown, refresh on 401 only */
  GPtrArray    *renew_waiters;  /* GTask * of GETs waiting on the renewal after a 401 */

  char         *name;
  char         *build;
  char         *platform;
  char         *info_warning;
};

const char *vigie_veeam_newest_revision     (void);
gint64      vigie_veeam_backend_now         (VigieVeeamBackend    *self);
void        vigie_veeam_token_async         (VigieVeeamBackend    *self,
                                             gboolean              refresh,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    vigie_veeam_token_finish        (VigieVeeamBackend    *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* A valid access token: refreshed when about to expire (or when force). */
void        vigie_veeam_ensure_token_async  (VigieVeeamBackend    *self,
                                             gboolean              force,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    vigie_veeam_ensure_token_finish (VigieVeeamBackend    *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void        vigie_veeam_get_async           (VigieVeeamBackend    *self,
                                             const char           *path,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
JsonNode   *vigie_veeam_get_finish          (VigieVeeamBackend    *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* Every page of a collection (skip/limit until pagination.total). */
void        vigie_veeam_get_all_async       (VigieVeeamBackend    *self,
                                             const char           *path,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
JsonArray  *vigie_veeam_get_all_finish      (VigieVeeamBackend    *self,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
