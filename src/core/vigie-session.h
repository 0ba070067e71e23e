/* vigie-session.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "vigie-backend.h"

G_BEGIN_DECLS

/**
 * VigieSession:
 *
 * The authenticated session of one backend: what every REST backend used
 * to write for itself. The backend gives a login hook (which keeps its own
 * ticket, cookie or bearer token on the HTTP client); the session decides
 * when to call it:
 *
 *  - `ensure` logs in when there is no login yet or the last one is older
 *    than its lifetime on the context's clock; concurrent callers share one
 *    login (they wait on it), which no single caller's cancellable stops;
 *  - a login refused (VIGIE_ERROR_AUTH_FAILED) is remembered: every later
 *    `ensure` fails with it at once, until `reset` (a new connect), so a
 *    fetch's many calls do not each try the refused password again;
 *  - `request_json` answered 401 asks vigie_backend_reauth(): it logs in
 *    again at most once per refresh round and sends the request exactly
 *    once more; a second 401 is an error, never a loop;
 *  - static credentials (an API token in a header) need no login: `ensure`
 *    succeeds at once and a 401 is final.
 *
 * The backend owns its session; the session does not keep the backend
 * alive.
 */
#define VIGIE_TYPE_SESSION (vigie_session_get_type ())

G_DECLARE_FINAL_TYPE (VigieSession, vigie_session, VIGIE, SESSION, GObject)

/* The login hook: authenticate with the credentials the backend holds and
 * keep what the server gave. Return FALSE + error on failure
 * (VIGIE_ERROR_AUTH_FAILED when the server refused the credentials). */
typedef void     (*VigieSessionLoginFunc)       (VigieBackend        *backend,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
typedef gboolean (*VigieSessionLoginFinishFunc) (VigieBackend        *backend,
                                                 GAsyncResult        *result,
                                                 GError             **error);
/* Called on every request message before it is sent (a CSRF header on
 * writes, an API version header…). */
typedef void     (*VigieSessionPrepareFunc)     (VigieBackend        *backend,
                                                 SoupMessage         *message);

/* The error for a reply that is not 2xx (and not a 401 to retry);
 * vigie_http_status_error() unless the product has statuses of its own. */
typedef GError  *(*VigieSessionStatusErrorFunc) (VigieBackend        *backend,
                                                 guint                status,
                                                 const char          *reason,
                                                 GBytes              *body);

/* lifetime: seconds after which a login is renewed before use; 0 never. */
VigieSession *vigie_session_new              (VigieBackend                *backend,
                                              guint                        lifetime,
                                              VigieSessionLoginFunc        login,
                                              VigieSessionLoginFinishFunc  login_finish);
void          vigie_session_set_prepare      (VigieSession                *self,
                                              VigieSessionPrepareFunc      prepare);
void          vigie_session_set_status_error (VigieSession                *self,
                                              VigieSessionStatusErrorFunc  status_error);
/* From a login hook: how long this login lasts when the server said so. */
void          vigie_session_set_lifetime     (VigieSession                *self,
                                              guint                        lifetime);
/* TRUE: the credentials are static (a token header): no login, a 401 is final. */
void          vigie_session_set_static       (VigieSession                *self,
                                              gboolean                     is_static);
gboolean      vigie_session_get_static       (VigieSession                *self);
/* Forget the login and a refused one (connect, disconnect). */
void          vigie_session_reset            (VigieSession                *self);
/* Forget the login: the next ensure logs in again. */
void          vigie_session_invalidate       (VigieSession                *self);
gboolean      vigie_session_is_valid         (VigieSession                *self);
guint         vigie_session_get_login_count  (VigieSession                *self);

void          vigie_session_ensure_async     (VigieSession                *self,
                                              GCancellable                *cancellable,
                                              GAsyncReadyCallback          callback,
                                              gpointer                     user_data);
gboolean      vigie_session_ensure_finish    (VigieSession                *self,
                                              GAsyncResult                *result,
                                              GError                     **error);

/* A request whose reply is JSON, after ensure, with the retry above. body
 * (may be NULL) is kept for the retry. Errors: transport errors as mapped
 * by the HTTP client, a non-2xx status vigie_http_status_error(), a reply
 * that does not parse VIGIE_ERROR_PROTOCOL; see
 * vigie_session_set_status_error(). *status is the last reply's
 * (0 when none came). */
void          vigie_session_request_json_async  (VigieSession         *self,
                                                 const char           *method,
                                                 const char           *path,
                                                 GBytes               *body,
                                                 const char           *content_type,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
JsonNode     *vigie_session_request_json_finish (VigieSession         *self,
                                                 GAsyncResult         *result,
                                                 guint                *status,
                                                 GError              **error);

/* For requests the session does not send itself (SOAP): the server said
 * the session is no longer good (401, NotAuthenticated). Completes TRUE
 * when the request should be sent once more — after a new login, or one
 * another caller made this round — and FALSE when it must fail as it is;
 * with an error only when the login failed. retried: this request was
 * already sent again once. */
void          vigie_session_recover_async    (VigieSession                *self,
                                              gboolean                     retried,
                                              GCancellable                *cancellable,
                                              GAsyncReadyCallback          callback,
                                              gpointer                     user_data);
gboolean      vigie_session_recover_finish   (VigieSession                *self,
                                              GAsyncResult                *result,
                                              GError                     **error);

/* Now, on the backend's context clock (the system's when it has none):
 * the one clock every backend reads. */
gint64        vigie_backend_now              (VigieBackend                *backend);

G_END_DECLS
