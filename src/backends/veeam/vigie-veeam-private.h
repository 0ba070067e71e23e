/* vigie-veeam-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-session.h"
#include "vigie-veeam-backend.h"

G_BEGIN_DECLS

struct _VigieVeeamBackend
{
  VigieBackend  parent_instance;

  char         *password;
  char         *revision;
  char         *access_token;
  char         *refresh_token;
  VigieSession *session;        /* renews the token on expiry and once after a 401 */

  char         *name;
  char         *build;
  char         *platform;
  char         *info_warning;
};

const char *vigie_veeam_newest_revision     (void);
/* The session's login hook: a refresh grant when there is a refresh token
 * (a password grant when it is refused), else a password grant. */
void        vigie_veeam_login_async         (VigieBackend         *backend,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    vigie_veeam_login_finish        (VigieBackend         *backend,
                                             GAsyncResult         *result,
                                             GError              **error);
/* Every request carries the revision and the bearer token. */
void        vigie_veeam_prepare_message     (VigieBackend         *backend,
                                             SoupMessage          *message);
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
