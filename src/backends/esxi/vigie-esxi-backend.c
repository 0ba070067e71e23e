/* vigie-esxi-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * VMware ESXi and vCenter over the vim25 SOAP API: RetrieveServiceContent,
 * SessionManager.Login (the vmware_soap_session cookie lives in the HTTP
 * client's cookie jar), then one ContainerView over the root folder and a
 * RetrievePropertiesEx/ContinueRetrievePropertiesEx loop for the whole
 * inventory. Morefs always come from ServiceContent: they differ between
 * ESXi (ha-*) and vCenter.
 */

#define G_LOG_DOMAIN "vigie-esxi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-error.h"
#include "vigie-esxi-private.h"
#include "vigie-esxi-soap.h"
#include "vigie-esxi-stream.h"
#include "vigie-url-policy.h"

G_DEFINE_FINAL_TYPE (VigieEsxiBackend, vigie_esxi_backend, VIGIE_TYPE_BACKEND)

static const VigieBackendField fields[] = {
  { "url", N_("Address"), VIGIE_FIELD_URL, TRUE, N_("https://host") },
  { "user", N_("User"), VIGIE_FIELD_TEXT, TRUE, N_("root") },
  { "password", N_("Password"), VIGIE_FIELD_SECRET, TRUE, NULL },
  { NULL }
};

void
vigie_esxi_reply_free (VigieEsxiReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->doc, xmlFreeDoc);
  g_free (reply);
}

VigieEsxiServiceContent *
vigie_esxi_backend_get_content (VigieEsxiBackend *self)
{
  return self->content;
}

const char *
vigie_esxi_backend_get_restriction (VigieEsxiBackend *self)
{
  return self->restriction;
}

void
vigie_esxi_backend_set_restricted (VigieEsxiBackend *self,
                                   const char       *reason)
{
  g_free (self->restriction);
  self->restriction = g_strdup (reason);
}

/* Wipes a request that may hold a password before freeing it. */
static void
envelope_free (char *envelope)
{
  if (envelope == NULL)
    return;
  memset (envelope, 0, strlen (envelope));
  g_free (envelope);
}

/* one call */

typedef struct {
  char        *method;
  char        *envelope;
  SoupMessage *message;
  gboolean     may_relogin;
  gboolean     retried;
  GError      *failure;    /* why the call fails should the session give up */
  VigieEsxiObjectFunc on_object;   /* streamed: each object as it arrives */
  gpointer            on_object_data;
  VigieEsxiStream    *stream;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->method);
  envelope_free (data->envelope);
  g_clear_object (&data->message);
  g_clear_error (&data->failure);
  g_clear_pointer (&data->stream, vigie_esxi_stream_free);
  g_free (data);
}

static void call_send (GTask *task);

static void
call_recover_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (vigie_session_recover_finish (VIGIE_SESSION (object), result, &error))
    {
      data->retried = TRUE;
      g_clear_error (&data->failure);
      call_send (g_steal_pointer (&task));
      return;
    }
  g_task_return_error (task, error != NULL ? g_steal_pointer (&error)
                                           : g_steal_pointer (&data->failure));
}

/* The session expired: the session logs in again (once per round) and the
 * call is sent again, or it fails with @failure. */
static void
call_fail_or_recover (GTask  *task,
                      GError *failure)
{
  VigieEsxiBackend *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);

  /* The Login call itself (may_relogin FALSE) is never retried. */
  if (!data->may_relogin)
    {
      g_task_return_error (task, failure);
      return;
    }
  data->failure = failure;
  vigie_session_recover_async (self->session, data->retried, g_task_get_cancellable (task),
                               call_recover_cb, g_object_ref (task));
}

static void
call_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigieEsxiBackend *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieEsxiFault) fault = NULL;
  g_autoptr(VigieEsxiReply) reply = g_new0 (VigieEsxiReply, 1);
  const char *text;
  const char *reason;
  gsize size = 0;
  guint status;

  body = vigie_http_client_send_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  status = soup_message_get_status (data->message);
  reason = soup_message_get_reason_phrase (data->message);
  text = g_bytes_get_data (body, &size);
  g_debug ("%s: HTTP %u, %" G_GSIZE_FORMAT " bytes", data->method, status, size);

  /* SOAP faults come with HTTP 500; anything else that is not 200 is an
   * HTTP-level failure (proxy, wrong path, overload). A 401 (a proxy in
   * front, vCenter) is an expired session like NotAuthenticated. */
  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      call_fail_or_recover (task, vigie_http_status_error (status, reason, body));
      return;
    }
  if (status != SOUP_STATUS_OK && status != SOUP_STATUS_INTERNAL_SERVER_ERROR)
    {
      g_task_return_error (task, vigie_http_status_error (status, reason, body));
      return;
    }
  /* A 200 reply to a streamed call went to the stream as it came. */
  if (data->stream != NULL && status == SOUP_STATUS_OK)
    reply->doc = vigie_esxi_stream_finish (data->stream, &error);
  else
    reply->doc = vigie_esxi_parse_document (text, size, &error);
  g_clear_pointer (&body, g_bytes_unref);
  if (reply->doc == NULL)
    {
      if (status != SOUP_STATUS_OK)
        g_task_return_error (task, vigie_http_status_error (status, reason, NULL));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  reply->response = vigie_esxi_parse_response (reply->doc, data->method, &fault, &error);
  if (fault != NULL)
    {
      if (g_strcmp0 (fault->type, "NotAuthenticated") == 0)
        {
          call_fail_or_recover (task, vigie_esxi_fault_to_error (fault));
          return;
        }
      if (g_strcmp0 (fault->type, "RestrictedVersion") == 0)
        vigie_esxi_backend_set_restricted (self, _("The host’s licence (free ESXi) makes the "
                                                   "API read-only"));
      g_task_return_error (task, vigie_esxi_fault_to_error (fault));
      return;
    }
  /* A 500 that is not a SOAP fault is the web server's, not the API's. */
  if (status != SOUP_STATUS_OK)
    {
      g_task_return_error (task, vigie_http_status_error (status, reason, NULL));
      return;
    }
  if (reply->response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) vigie_esxi_reply_free);
}

/* The vim25 methods that only read: a 502, 503 or 504 (hostd restarting
 * behind its proxy) sends them again as a GET would be. Logins, views and
 * tasks are never sent twice. */
static gboolean
is_read_only (const char *method)
{
  static const char * const reads[] = {
    "RetrieveServiceContent", "RetrievePropertiesEx", "ContinueRetrievePropertiesEx", NULL,
  };

  return method != NULL && g_strv_contains (reads, method);
}

/* The SOAP endpoint: the URL's own path, or /sdk when it has none. */
static const char *
sdk_path (VigieHttpClient *http)
{
  g_autoptr(GUri) uri = g_uri_parse (vigie_http_client_get_base_url (http),
                                     G_URI_FLAGS_NONE, NULL);
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;

  if (path == NULL || path[0] == '\0' || g_str_equal (path, "/"))
    return "/sdk";
  return "";
}

/* The calls that change nothing on the server (or nothing that matters
 * when repeated: a second view, a second session). */
static gboolean
may_share_connection (const char *method)
{
  static const char * const reads[] = {
    "RetrieveServiceContent", "Login", "Logout", "RetrievePropertiesEx",
    "ContinueRetrievePropertiesEx", "CreateContainerView", "DestroyView", NULL
  };

  return g_strv_contains (reads, method);
}

static void
call_send (GTask *task)
{
  VigieEsxiBackend *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  VigieHttpClient *http = vigie_backend_get_http (VIGIE_BACKEND (self));
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *headers;
  char *copy;

  if (http == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                               _("The endpoint’s address is not usable"));
      g_object_unref (task);
      return;
    }
  g_clear_object (&data->message);
  data->message = vigie_http_client_new_message (http, "POST", sdk_path (http));
  headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (headers, "SOAPAction",
                                self->soap_action ? self->soap_action : "\"urn:vim25\"");
  /* The copy the request reads is wiped too when libsoup lets it go. */
  copy = g_strdup (data->envelope);
  bytes = g_bytes_new_with_free_func (copy, strlen (copy), (GDestroyNotify) envelope_free, copy);
  if (is_read_only (data->method))
    vigie_http_message_set_read_only_body (data->message, "text/xml; charset=utf-8", bytes);
  else
    soup_message_set_request_body_from_bytes (data->message, "text/xml; charset=utf-8", bytes);
  /* libsoup opens a new connection for every request not marked idempotent
   * (a POST could have been half-done on a connection the server was
   * closing); these calls may be sent again, and then share one connection.
   * Being resent after a 5xx is a narrower rule: is_read_only(). */
  if (may_share_connection (data->method))
    soup_message_add_flags (data->message, SOUP_MESSAGE_IDEMPOTENT);
  g_clear_pointer (&data->stream, vigie_esxi_stream_free);
  if (data->on_object != NULL)
    {
      data->stream = vigie_esxi_stream_new (data->on_object, data->on_object_data);
      vigie_esxi_stream_set_max_held (data->stream,
                                      vigie_http_client_get_max_response_size (http));
    }
  vigie_http_client_send_to_sink_async (http, data->message,
                                        data->stream != NULL ? vigie_esxi_stream_feed : NULL,
                                        data->stream, g_task_get_cancellable (task),
                                        call_sent_cb, task);
}

void
vigie_esxi_backend_call_full_async (VigieEsxiBackend    *self,
                                    const char          *method,
                                    char                *envelope,
                                    gboolean             may_relogin,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);

  g_task_set_source_tag (task, vigie_esxi_backend_call_async);
  data->method = g_strdup (method);
  data->envelope = envelope;
  data->may_relogin = may_relogin;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  call_send (task);
}

void
vigie_esxi_backend_call_stream_async (VigieEsxiBackend    *self,
                                      const char          *method,
                                      char                *envelope,
                                      VigieEsxiObjectFunc  on_object,
                                      gpointer             on_object_data,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);

  g_task_set_source_tag (task, vigie_esxi_backend_call_async);
  data->method = g_strdup (method);
  data->envelope = envelope;
  data->may_relogin = TRUE;
  data->on_object = on_object;
  data->on_object_data = on_object_data;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  call_send (task);
}

void
vigie_esxi_backend_call_async (VigieEsxiBackend    *self,
                               const char          *method,
                               char                *envelope,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  vigie_esxi_backend_call_full_async (self, method, envelope, TRUE, cancellable, callback,
                                      user_data);
}

VigieEsxiReply *
vigie_esxi_backend_call_finish (VigieEsxiBackend  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* login: the session's hook */

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(VigieEsxiReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = vigie_esxi_backend_call_finish (VIGIE_ESXI_BACKEND (object), result, &error);
  if (reply == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* A Login that carries a still-valid session cookie is refused by some
 * servers (vcsim): forget the old session first. */
static void
forget_session (VigieEsxiBackend *self)
{
  VigieHttpClient *http = vigie_backend_get_http (VIGIE_BACKEND (self));

  if (http != NULL)
    vigie_http_client_forget_cookies (http, "vmware_soap_session");
}

static void
login_secret_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSecret) password = NULL;
  const char *user;

  password = vigie_backend_lookup_secret_finish (VIGIE_BACKEND (self), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  user = vigie_endpoint_get_user (vigie_backend_get_endpoint (VIGIE_BACKEND (self)));
  if (password == NULL || user == NULL || *user == '\0' || self->content == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS,
                               _("No user name and password are stored for this endpoint"));
      return;
    }
  forget_session (self);
  vigie_esxi_backend_call_full_async (self, "Login",
                                      vigie_esxi_soap_login (self->content->session_manager,
                                                             user, password),
                                      FALSE, NULL, login_cb, g_steal_pointer (&task));
}

static void
login_async (VigieBackend        *backend,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, login_async);
  vigie_backend_lookup_secret_async (backend, VIGIE_SECRET_PASSWORD, NULL, login_secret_cb, task);
}

static gboolean
login_finish (VigieBackend  *backend,
              GAsyncResult  *result,
              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* connect */

static void
connect_login_cb (GObject      *object,
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

static void
connect_content_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(VigieEsxiReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  VigieEsxiServiceContent *content;

  reply = vigie_esxi_backend_call_finish (self, result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  content = vigie_esxi_parse_service_content (reply->response, &error);
  if (content == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_pointer (&self->content, vigie_esxi_service_content_free);
  self->content = content;
  /* Later calls ask for the version the server speaks (a vCenter answers
   * older clients with a reduced ServiceContent). */
  g_free (self->soap_action);
  self->soap_action = content->api_version != NULL
                      ? g_strdup_printf ("\"urn:vim25/%s\"", content->api_version)
                      : NULL;
  g_debug ("%s %s (%s), API %s", content->name, content->version, content->api_type,
           content->api_version);
  vigie_session_reset (self->session);
  vigie_session_ensure_async (self->session, g_task_get_cancellable (task), connect_login_cb,
                              g_object_ref (task));
}

static void
vigie_esxi_backend_connect_async (VigieBackend        *backend,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (backend);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, vigie_esxi_backend_connect_async);
  vigie_esxi_backend_call_full_async (self, "RetrieveServiceContent",
                                      vigie_esxi_soap_retrieve_service_content (),
                                      FALSE, cancellable, connect_content_cb, task);
}

static gboolean
vigie_esxi_backend_connect_finish (VigieBackend  *backend,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ensure_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_backend_connect_finish (VIGIE_BACKEND (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
vigie_esxi_backend_ensure_async (VigieEsxiBackend    *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, vigie_esxi_backend_ensure_async);
  if (self->content != NULL &&
      vigie_backend_get_state (VIGIE_BACKEND (self)) == VIGIE_CONNECTION_CONNECTED)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  vigie_backend_connect_async (VIGIE_BACKEND (self), cancellable, ensure_cb, task);
}

gboolean
vigie_esxi_backend_ensure_finish (VigieEsxiBackend  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* disconnect */

static void
logout_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VigieEsxiReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = vigie_esxi_backend_call_finish (VIGIE_ESXI_BACKEND (object), result, &error);
  if (reply == NULL)
    g_debug ("Logout: %s", error->message);
}

static void
vigie_esxi_backend_disconnect (VigieBackend *backend)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (backend);

  if (self->content == NULL)
    return;
  if (vigie_backend_get_state (backend) == VIGIE_CONNECTION_CONNECTED)
    vigie_esxi_backend_call_full_async (self, "Logout",
                                        vigie_esxi_soap_logout (self->content->session_manager),
                                        FALSE, NULL, logout_cb, NULL);
  g_clear_pointer (&self->content, vigie_esxi_service_content_free);
  vigie_session_reset (self->session);
}

static void
vigie_esxi_backend_finalize (GObject *object)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);

  g_clear_pointer (&self->content, vigie_esxi_service_content_free);
  g_clear_object (&self->session);
  g_free (self->soap_action);
  g_free (self->restriction);

  G_OBJECT_CLASS (vigie_esxi_backend_parent_class)->finalize (object);
}

static void
vigie_esxi_backend_class_init (VigieEsxiBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  object_class->finalize = vigie_esxi_backend_finalize;

  backend_class->kind = VIGIE_KIND_ESXI;
  backend_class->fields = fields;
  backend_class->default_port = "443";
  backend_class->product_name = "VMware ESXi";
  backend_class->icon_name = "network-server-symbolic";
  backend_class->roles = VIGIE_ROLE_COMPUTE | VIGIE_ROLE_HARDWARE;
  backend_class->capabilities = VIGIE_CAP_INSTANCE_CONSOLE | VIGIE_CAP_ACTIONS;
  backend_class->connect_async = vigie_esxi_backend_connect_async;
  backend_class->connect_finish = vigie_esxi_backend_connect_finish;
  backend_class->fetch_async = vigie_esxi_backend_fetch_async;
  backend_class->fetch_finish = vigie_esxi_backend_fetch_finish;
  backend_class->list_actions = vigie_esxi_backend_list_actions;
  backend_class->run_action_async = vigie_esxi_backend_run_action_async;
  backend_class->run_action_finish = vigie_esxi_backend_run_action_finish;
  backend_class->open_console_async = vigie_esxi_backend_open_console_async;
  backend_class->open_console_finish = vigie_esxi_backend_open_console_finish;
  backend_class->disconnect = vigie_esxi_backend_disconnect;
}

static void
vigie_esxi_backend_init (VigieEsxiBackend *self)
{
  /* The server ends idle sessions itself: no renewal by the clock. */
  self->session = vigie_session_new (VIGIE_BACKEND (self), 0, login_async, login_finish);
}
