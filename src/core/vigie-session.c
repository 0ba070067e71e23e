/* vigie-session.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-url-policy.h"
#include "vigie-session.h"

struct _VigieSession
{
  GObject                      parent_instance;

  VigieBackend                *backend;       /* weak: the backend owns us */
  guint                        lifetime;
  VigieSessionLoginFunc        login;
  VigieSessionLoginFinishFunc  login_finish;
  VigieSessionPrepareFunc      prepare;
  VigieSessionStatusErrorFunc  status_error;
  gboolean                     is_static;

  gboolean                     valid;
  gint64                       login_time;
  guint                        logins;
  gboolean                     logging_in;
  GPtrArray                   *waiters;       /* GTask *, waiting on the login in flight */
  GError                      *refused;
};

G_DEFINE_FINAL_TYPE (VigieSession, vigie_session, G_TYPE_OBJECT)

gint64
vigie_backend_now (VigieBackend *backend)
{
  VigieContext *context = backend != NULL ? vigie_backend_get_context (backend) : NULL;

  if (context != NULL && vigie_context_get_clock (context) != NULL)
    return vigie_clock_now (vigie_context_get_clock (context));
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
vigie_session_finalize (GObject *object)
{
  VigieSession *self = VIGIE_SESSION (object);

  g_assert (self->waiters == NULL || self->waiters->len == 0);
  g_clear_weak_pointer (&self->backend);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_clear_error (&self->refused);

  G_OBJECT_CLASS (vigie_session_parent_class)->finalize (object);
}

static void
vigie_session_class_init (VigieSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_session_finalize;
}

static void
vigie_session_init (VigieSession *self)
{
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

VigieSession *
vigie_session_new (VigieBackend                *backend,
                   guint                        lifetime,
                   VigieSessionLoginFunc        login,
                   VigieSessionLoginFinishFunc  login_finish)
{
  VigieSession *self;

  g_return_val_if_fail (VIGIE_IS_BACKEND (backend), NULL);
  g_return_val_if_fail ((login == NULL) == (login_finish == NULL), NULL);

  self = g_object_new (VIGIE_TYPE_SESSION, NULL);
  g_set_weak_pointer (&self->backend, backend);
  self->lifetime = lifetime;
  self->login = login;
  self->login_finish = login_finish;
  self->is_static = login == NULL;
  return self;
}

void
vigie_session_set_prepare (VigieSession            *self,
                           VigieSessionPrepareFunc  prepare)
{
  g_return_if_fail (VIGIE_IS_SESSION (self));
  self->prepare = prepare;
}

void
vigie_session_set_status_error (VigieSession                *self,
                                VigieSessionStatusErrorFunc  status_error)
{
  g_return_if_fail (VIGIE_IS_SESSION (self));
  self->status_error = status_error;
}

void
vigie_session_set_lifetime (VigieSession *self,
                            guint         lifetime)
{
  g_return_if_fail (VIGIE_IS_SESSION (self));
  self->lifetime = lifetime;
}

void
vigie_session_set_static (VigieSession *self,
                          gboolean      is_static)
{
  g_return_if_fail (VIGIE_IS_SESSION (self));
  g_return_if_fail (is_static || self->login != NULL);
  self->is_static = is_static;
}

gboolean
vigie_session_get_static (VigieSession *self)
{
  g_return_val_if_fail (VIGIE_IS_SESSION (self), FALSE);
  return self->is_static;
}

void
vigie_session_invalidate (VigieSession *self)
{
  g_return_if_fail (VIGIE_IS_SESSION (self));
  self->valid = FALSE;
  self->login_time = 0;
}

void
vigie_session_reset (VigieSession *self)
{
  g_return_if_fail (VIGIE_IS_SESSION (self));
  vigie_session_invalidate (self);
  g_clear_error (&self->refused);
}

gboolean
vigie_session_is_valid (VigieSession *self)
{
  g_return_val_if_fail (VIGIE_IS_SESSION (self), FALSE);
  return self->is_static || self->valid;
}

guint
vigie_session_get_login_count (VigieSession *self)
{
  g_return_val_if_fail (VIGIE_IS_SESSION (self), 0);
  return self->logins;
}

/* ensure */

static gboolean
needs_login (VigieSession *self)
{
  if (self->is_static)
    return FALSE;
  if (!self->valid)
    return TRUE;
  return self->lifetime > 0 &&
         vigie_backend_now (self->backend) - self->login_time >= (gint64) self->lifetime;
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VigieSession) self = user_data;
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);
  g_autoptr(GError) error = NULL;

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->logging_in = FALSE;
  if (self->login_finish (VIGIE_BACKEND (object), result, &error))
    {
      self->valid = TRUE;
      self->login_time = vigie_backend_now (VIGIE_BACKEND (object));
    }
  else
    {
      vigie_session_invalidate (self);
      if (g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED))
        {
          g_clear_error (&self->refused);
          self->refused = g_error_copy (error);
        }
    }
  vigie_backend_reauth_done (VIGIE_BACKEND (object), error);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

void
vigie_session_ensure_async (VigieSession        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIGIE_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_session_ensure_async);
  if (self->refused != NULL && !self->is_static)
    {
      g_task_return_error (task, g_error_copy (self->refused));
      return;
    }
  if (!self->logging_in && !needs_login (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->backend == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The backend is gone");
      return;
    }
  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  if (self->logging_in)
    return;
  self->logging_in = TRUE;
  self->logins++;
  /* Not bound to one caller's cancellable: other callers may wait on it. */
  self->login (self->backend, NULL, login_cb, g_object_ref (self));
}

gboolean
vigie_session_ensure_finish (VigieSession  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* recover */

static void
recover_ensure_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_session_ensure_finish (VIGIE_SESSION (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
vigie_session_recover_async (VigieSession        *self,
                             gboolean             retried,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIGIE_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_session_recover_async);
  if (self->backend == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  /* One refresh round logs in again at most once (see vigie_backend_reauth). */
  switch (vigie_backend_reauth (self->backend, !self->is_static && !retried))
    {
    case VIGIE_REAUTH_LOGIN:
      g_debug ("%s: the session expired, logging in again",
               vigie_endpoint_get_name (vigie_backend_get_endpoint (self->backend)));
      if (!self->logging_in)
        vigie_session_invalidate (self);
      vigie_session_ensure_async (self, cancellable, recover_ensure_cb, g_steal_pointer (&task));
      return;
    case VIGIE_REAUTH_RETRY:
      g_task_return_boolean (task, TRUE);
      return;
    case VIGIE_REAUTH_GIVE_UP:
    default:
      g_task_return_boolean (task, FALSE);
      return;
    }
}

gboolean
vigie_session_recover_finish (VigieSession  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* request_json */

typedef struct {
  VigieBackend *backend;
  char         *method;
  char         *path;
  GBytes       *body;
  char         *content_type;
  SoupMessage  *message;
  guint         status;
  gboolean      retried;
  GError       *failure;    /* the 401's error, should the session give up */
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->backend);
  g_free (request->method);
  g_free (request->path);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  g_clear_object (&request->message);
  g_clear_error (&request->failure);
  g_free (request);
}

static void request_send (GTask *task);

static void
request_ensure_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_session_ensure_finish (VIGIE_SESSION (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  request_send (g_steal_pointer (&task));
}

static GError *
status_error (VigieSession *self,
              Request      *request,
              const char   *reason,
              GBytes       *body)
{
  g_autofree char *shown = vigie_http_redact_url (request->path);

  g_debug ("%s %s: %u %s", request->method, shown, request->status, reason ? reason : "");
  if (self->status_error != NULL)
    return self->status_error (request->backend, request->status, reason, body);
  return vigie_http_status_error (request->status, reason, body);
}

static void
request_recover_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (vigie_session_recover_finish (VIGIE_SESSION (object), result, &error))
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      request->retried = TRUE;
      g_clear_error (&request->failure);
      request_send (g_steal_pointer (&task));
      return;
    }
  g_task_return_error (task, error != NULL ? g_steal_pointer (&error)
                                           : g_steal_pointer (&request->failure));
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigieSession *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *reason;

  body = vigie_http_client_send_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  request->status = soup_message_get_status (request->message);
  reason = soup_message_get_reason_phrase (request->message);
  if (request->status == SOUP_STATUS_UNAUTHORIZED)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      request->failure = status_error (self, request, reason, body);
      vigie_session_recover_async (self, request->retried, cancellable, request_recover_cb,
                                   g_steal_pointer (&task));
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (request->status))
    {
      g_task_return_error (task, status_error (self, request, reason, body));
      return;
    }
  /* The cancellable is read before the call, which steals the task. */
  cancellable = g_task_get_cancellable (task);
  vigie_json_parse_bytes_async (body, cancellable, vigie_json_parse_bytes_return_cb, g_steal_pointer (&task));
}

static void
request_send (GTask *task)
{
  VigieSession *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  VigieHttpClient *http = vigie_backend_get_http (request->backend);

  g_clear_object (&request->message);
  request->message = vigie_http_client_new_json_message (http, request->method, request->path,
                                                         request->body, request->content_type);
  if (self->prepare != NULL)
    self->prepare (request->backend, request->message);
  vigie_http_client_send_async (http, request->message, g_task_get_cancellable (task),
                                request_cb, task);
}

void
vigie_session_request_json_async (VigieSession        *self,
                                  const char          *method,
                                  const char          *path,
                                  GBytes              *body,
                                  const char          *content_type,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (VIGIE_IS_SESSION (self));
  g_return_if_fail (method != NULL && path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_session_request_json_async);
  request = g_new0 (Request, 1);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->body = body != NULL ? g_bytes_ref (body) : NULL;
  request->content_type = g_strdup (content_type);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (self->backend == NULL || vigie_backend_get_http (self->backend) == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                               _("The endpoint’s address is not usable"));
      return;
    }
  request->backend = g_object_ref (self->backend);
  if (self->is_static && self->refused == NULL)
    {
      request_send (g_steal_pointer (&task));
      return;
    }
  vigie_session_ensure_async (self, cancellable, request_ensure_cb, g_steal_pointer (&task));
}

JsonNode *
vigie_session_request_json_finish (VigieSession  *self,
                                   GAsyncResult  *result,
                                   guint         *status,
                                   GError       **error)
{
  Request *request;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  request = g_task_get_task_data (G_TASK (result));
  if (status != NULL)
    *status = request->status;
  return g_task_propagate_pointer (G_TASK (result), error);
}
