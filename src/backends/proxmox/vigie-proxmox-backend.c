/* vigie-proxmox-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Proxmox VE: authentication and the one call path every request takes.
 * An API token is a static header and needs no CSRF token. A ticket (user
 * and password) goes in the PVEAuthCookie cookie, with the
 * CSRFPreventionToken header on every write; it lives 2 h, so it is renewed
 * ahead of that by the injected clock, and once more when a call is
 * answered 401 (the server restarted, or the clock lied).
 *
 * The inventory lives in vigie-proxmox-fetch.c, actions and the node shell
 * in vigie-proxmox-actions.c, the parsers in vigie-proxmox-parse.c.
 */

#define G_LOG_DOMAIN "vigie-proxmox"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-url-policy.h"
#include "vigie-proxmox-backend.h"
#include "vigie-proxmox-parse.h"
#include "vigie-proxmox-private.h"

#define API_PATH "/api2/json"
#define TICKET_LIFETIME (2 * 60 * 60)
/* Renew a quarter of an hour before the server would refuse the ticket. */
#define TICKET_RENEW_AFTER (TICKET_LIFETIME - 15 * 60)

struct _VigieProxmoxBackend
{
  VigieBackend  parent_instance;

  gboolean      use_token;
  char         *user;        /* user@realm, for tickets */
  char         *password;    /* kept (wiped on free) to log in again */
  char         *ticket;
  char         *csrf_token;
  gint64        ticket_time;
  gboolean      logging_in;
  GPtrArray    *login_waiters;  /* GTask *, waiting on the login in flight */
  GError       *login_refused;  /* the password was refused: no new login until connect */

  char         *version;
  char         *repoid;
  JsonNode     *permissions;
  VigieProxmoxDetails *details;  /* per-guest details, kept between refreshes */
};

G_DEFINE_FINAL_TYPE (VigieProxmoxBackend, vigie_proxmox_backend, VIGIE_TYPE_BACKEND)

static const VigieBackendField fields[] = {
  { "url", N_("Address"), VIGIE_FIELD_URL, TRUE, N_("https://host") },
  { "user", N_("User"), VIGIE_FIELD_TEXT, FALSE, N_("root@pam") },
  { "password", N_("Password"), VIGIE_FIELD_SECRET, FALSE, NULL },
  { "token-id", N_("API token ID"), VIGIE_FIELD_TEXT, FALSE, N_("user@realm!token") },
  { "token-secret", N_("API token secret"), VIGIE_FIELD_SECRET, FALSE, NULL },
  { NULL }
};

static void
clear_password (VigieProxmoxBackend *self)
{
  g_clear_pointer (&self->password, vigie_secret_free);
}

static void
clear_ticket (VigieProxmoxBackend *self)
{
  g_clear_error (&self->login_refused);
  g_clear_pointer (&self->ticket, vigie_secret_free);
  g_clear_pointer (&self->csrf_token, vigie_secret_free);
  self->ticket_time = 0;
}

static gint64
now (VigieProxmoxBackend *self)
{
  VigieContext *context = vigie_backend_get_context (VIGIE_BACKEND (self));

  if (context != NULL && vigie_context_get_clock (context) != NULL)
    return vigie_clock_now (vigie_context_get_clock (context));
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The API lives under /api2/json; accept a URL that already ends there. */
static char *
api_path (VigieProxmoxBackend *self,
          const char          *path)
{
  VigieHttpClient *http = vigie_backend_get_http (VIGIE_BACKEND (self));
  const char *base = http ? vigie_http_client_get_base_url (http) : NULL;

  if (base != NULL && (g_str_has_suffix (base, API_PATH) || g_str_has_suffix (base, API_PATH "/")))
    return g_strdup (path);
  return g_strconcat (API_PATH, path, NULL);
}

static void
vigie_proxmox_backend_disconnect (VigieBackend *backend)
{
  VigieProxmoxBackend *self = VIGIE_PROXMOX_BACKEND (backend);
  VigieHttpClient *http = vigie_backend_get_http (backend);

  clear_ticket (self);
  clear_password (self);
  if (http != NULL)
    {
      vigie_http_client_set_header (http, "Authorization", NULL);
      vigie_http_client_forget_cookies (http, NULL);
    }
  self->use_token = FALSE;
}

static void
vigie_proxmox_backend_finalize (GObject *object)
{
  VigieProxmoxBackend *self = (VigieProxmoxBackend *) object;

  clear_ticket (self);
  clear_password (self);
  g_free (self->user);
  g_free (self->version);
  g_free (self->repoid);
  g_clear_pointer (&self->permissions, json_node_unref);
  g_clear_pointer (&self->details, vigie_proxmox_details_free);
  g_clear_pointer (&self->login_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_proxmox_backend_parent_class)->finalize (object);
}

/* Login */

static void
set_cookie (VigieProxmoxBackend *self)
{
  VigieHttpClient *http = vigie_backend_get_http (VIGIE_BACKEND (self));
  /* The web UI URL-escapes the ticket in its cookie; the server unescapes it. */
  g_autofree char *value = g_uri_escape_string (self->ticket, NULL, FALSE);

  vigie_http_client_set_cookie (http, "PVEAuthCookie", value);
}

static void
finish_login (VigieProxmoxBackend *self,
              const GError        *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->login_waiters);

  self->logging_in = FALSE;
  self->login_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VigieProxmoxBackend) self = user_data;
  g_autoptr(SoupMessage) message = g_object_steal_data (G_OBJECT (self), "login-message");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *username = NULL;
  JsonNode *data;
  guint status;

  body = vigie_http_client_send_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  if (body == NULL)
    goto out;
  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      const char *reason = soup_message_get_reason_phrase (message);

      /* PVE says why in the reason phrase ("authentication failure"). */
      g_set_error (&error, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED,
                   _("The server refused the user name or password (%u %s)"), status,
                   reason != NULL && *reason != '\0' ? reason : soup_status_get_phrase (status));
      goto out;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      error = vigie_http_status_error (status, soup_message_get_reason_phrase (message), body);
      goto out;
    }
  root = vigie_json_parse_bytes (body, &error);
  if (root == NULL)
    goto out;
  data = vigie_proxmox_unwrap (root, &error);
  if (data == NULL)
    goto out;
  if (!vigie_proxmox_parse_ticket (data, &ticket, &csrf, &username, &error))
    goto out;

  clear_ticket (self);
  self->ticket = g_steal_pointer (&ticket);
  self->csrf_token = g_steal_pointer (&csrf);
  self->ticket_time = now (self);
  set_cookie (self);
  g_debug ("logged in as %s", username ? username : self->user);

out:
  if (error != NULL)
    clear_ticket (self);
  if (g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED))
    self->login_refused = g_error_copy (error);
  vigie_backend_reauth_done (VIGIE_BACKEND (self), error);
  finish_login (self, error);
}

/* Logs in (or renews the ticket); concurrent callers share one request. */
static void
login_async (VigieProxmoxBackend *self,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  VigieHttpClient *http = vigie_backend_get_http (VIGIE_BACKEND (self));
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = NULL;
  g_autofree char *form = NULL;
  g_autoptr(GBytes) body = NULL;

  g_task_set_source_tag (task, login_async);
  if (self->login_waiters == NULL)
    self->login_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->login_waiters, task);
  if (self->logging_in)
    return;

  if (self->user == NULL || self->password == NULL)
    {
      g_autoptr(GError) error = g_error_new (VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS,
                                             _("No password is stored for this endpoint"));
      finish_login (self, error);
      return;
    }

  self->logging_in = TRUE;
  path = api_path (self, "/access/ticket");
  message = vigie_http_client_new_message (http, "POST", path);
  form = soup_form_encode ("username", self->user, "password", self->password, NULL);
  body = g_bytes_new_with_free_func (form, strlen (form), (GDestroyNotify) vigie_secret_free,
                                     form);
  form = NULL;
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");
  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", body);
  g_object_set_data_full (G_OBJECT (self), "login-message", g_object_ref (message),
                          g_object_unref);
  /* Not bound to one caller's cancellable: other callers may wait on it. */
  vigie_http_client_send_async (http, message, NULL, login_cb, g_object_ref (self));
}

static gboolean
login_finish (VigieProxmoxBackend  *self,
              GAsyncResult         *result,
              GError              **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
ticket_needs_renewal (VigieProxmoxBackend *self)
{
  if (self->use_token)
    return FALSE;
  return self->ticket == NULL || now (self) - self->ticket_time >= TICKET_RENEW_AFTER;
}

/* Calls */

typedef struct {
  char        *method;
  char        *path;
  char        *form;
  SoupMessage *message;
  guint        status;
  gboolean     retried;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->method);
  g_free (data->path);
  if (data->form != NULL)
    vigie_secret_free (data->form);
  g_clear_object (&data->message);
  g_free (data);
}

static void call_send (GTask *task);

static void
call_login_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!login_finish (VIGIE_PROXMOX_BACKEND (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  call_send (g_steal_pointer (&task));
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigieProxmoxBackend *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  GCancellable *cancellable;
  const char *reason;
  JsonNode *payload;

  body = vigie_http_client_send_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->status = soup_message_get_status (data->message);
  reason = soup_message_get_reason_phrase (data->message);

  if (data->status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_autofree char *shown = NULL;

      /* The ticket is no longer good: log in once more (once per round)
       * and retry; a token cannot be renewed. */
      switch (vigie_backend_reauth (VIGIE_BACKEND (self), !self->use_token && !data->retried))
        {
        case VIGIE_REAUTH_LOGIN:
          shown = vigie_http_redact_url (data->path);
          g_debug ("%s %s: 401, logging in again", data->method, shown);
          data->retried = TRUE;
          if (!self->logging_in)
            clear_ticket (self);
          cancellable = g_task_get_cancellable (task);
          login_async (self, cancellable, call_login_cb, g_steal_pointer (&task));
          return;
        case VIGIE_REAUTH_RETRY:
          data->retried = TRUE;
          call_send (g_steal_pointer (&task));
          return;
        case VIGIE_REAUTH_GIVE_UP:
        default:
          break;
        }
    }
  if (data->status >= VIGIE_PROXMOX_STATUS_NODE_UNREACHABLE && data->status < 600)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_UNREACHABLE,
                               _("The cluster cannot reach that node (%u %s)"), data->status,
                               reason != NULL ? reason : "");
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (data->status))
    {
      g_autofree char *shown = vigie_http_redact_url (data->path);

      g_debug ("%s %s: %u %s", data->method, shown, data->status, reason ? reason : "");
      g_task_return_error (task, vigie_http_status_error (data->status, reason, body));
      return;
    }
  root = vigie_json_parse_bytes (body, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  payload = vigie_proxmox_unwrap (root, &error);
  if (payload == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, json_node_ref (payload), (GDestroyNotify) json_node_unref);
}

static void
call_send (GTask *task)
{
  VigieProxmoxBackend *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  VigieHttpClient *http = vigie_backend_get_http (VIGIE_BACKEND (self));
  SoupMessageHeaders *headers;
  g_autofree char *path = api_path (self, data->path);

  g_clear_object (&data->message);
  data->message = vigie_http_client_new_message (http, data->method, path);
  headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (!self->use_token && !g_str_equal (data->method, "GET") && self->csrf_token != NULL)
    soup_message_headers_replace (headers, "CSRFPreventionToken", self->csrf_token);
  if (data->form != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (data->form, strlen (data->form));

      soup_message_set_request_body_from_bytes (data->message,
                                                "application/x-www-form-urlencoded", body);
    }
  else if (!g_str_equal (data->method, "GET"))
    {
      g_autoptr(GBytes) body = g_bytes_new_static ("", 0);

      soup_message_set_request_body_from_bytes (data->message,
                                                "application/x-www-form-urlencoded", body);
    }
  vigie_http_client_send_async (http, data->message, g_task_get_cancellable (task), call_cb,
                                task);
}

static void
call_start (GTask *task)
{
  VigieProxmoxBackend *self = g_task_get_source_object (task);

  /* Every call of a fetch would log in again with the refused password. */
  if (self->login_refused != NULL && !self->use_token)
    {
      g_task_return_error (task, g_error_copy (self->login_refused));
      g_object_unref (task);
      return;
    }
  if (ticket_needs_renewal (self))
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      login_async (self, cancellable, call_login_cb, task);
      return;
    }
  call_send (task);
}

static void
call_connect_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_backend_connect_finish (VIGIE_BACKEND (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  call_start (g_steal_pointer (&task));
}

void
vigie_proxmox_backend_call_async (VigieProxmoxBackend *self,
                                  const char          *method,
                                  const char          *path,
                                  const char          *form,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VigieConnectionState state;
  CallData *data;

  g_return_if_fail (VIGIE_IS_PROXMOX_BACKEND (self));
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_proxmox_backend_call_async);
  data = g_new0 (CallData, 1);
  data->method = g_strdup (method);
  data->path = g_strdup (path);
  data->form = g_strdup (form);
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  if (vigie_backend_get_http (VIGIE_BACKEND (self)) == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                               _("The endpoint’s address is not usable"));
      return;
    }
  state = vigie_backend_get_state (VIGIE_BACKEND (self));
  if (state != VIGIE_CONNECTION_CONNECTED && state != VIGIE_CONNECTION_CONNECTING)
    {
      /* An action or a console before any fetch: connect first. */
      vigie_backend_connect_async (VIGIE_BACKEND (self), cancellable, call_connect_cb,
                                   g_steal_pointer (&task));
      return;
    }
  call_start (g_steal_pointer (&task));
}

JsonNode *
vigie_proxmox_backend_call_finish (VigieProxmoxBackend  *self,
                                   GAsyncResult         *result,
                                   guint                *status,
                                   GError              **error)
{
  CallData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (status != NULL)
    *status = data->status;
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
vigie_proxmox_backend_set_permissions (VigieProxmoxBackend *self,
                                       JsonNode            *permissions)
{
  g_clear_pointer (&self->permissions, json_node_unref);
  if (permissions != NULL)
    self->permissions = json_node_ref (permissions);
}

VigieProxmoxDetails *
vigie_proxmox_backend_get_details (VigieProxmoxBackend *self)
{
  g_return_val_if_fail (VIGIE_IS_PROXMOX_BACKEND (self), NULL);
  if (self->details == NULL)
    self->details = vigie_proxmox_details_new ();
  return self->details;
}

JsonNode *
vigie_proxmox_backend_get_permissions (VigieProxmoxBackend *self)
{
  return self->permissions;
}

const char *
vigie_proxmox_backend_get_version (VigieProxmoxBackend *self)
{
  return self->version;
}

const char *
vigie_proxmox_backend_get_repoid (VigieProxmoxBackend *self)
{
  return self->repoid;
}

/* Connect: find the credentials, log in when they are a password, read
 * /version (which also proves that a token is good). */

static void
connect_version_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  VigieProxmoxBackend *self = VIGIE_PROXMOX_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *version = NULL;
  g_autofree char *repoid = NULL;

  data = vigie_proxmox_backend_call_finish (self, result, NULL, &error);
  if (data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!vigie_proxmox_parse_version (data, &version, NULL, &repoid))
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server’s /version reply names no version"));
      return;
    }
  g_free (self->version);
  self->version = g_steal_pointer (&version);
  g_free (self->repoid);
  self->repoid = g_steal_pointer (&repoid);
  g_task_return_boolean (task, TRUE);
}

static void
connect_version (GTask *task)
{
  VigieProxmoxBackend *self = g_task_get_source_object (task);

  vigie_proxmox_backend_call_async (self, "GET", "/version", NULL, g_task_get_cancellable (task),
                                    connect_version_cb, task);
}

static void
connect_password_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  VigieBackend *backend = VIGIE_BACKEND (object);
  VigieProxmoxBackend *self = VIGIE_PROXMOX_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = vigie_backend_lookup_secret_finish (backend, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (secret == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS,
                               _("No password is stored for this endpoint"));
      return;
    }
  clear_password (self);
  clear_ticket (self);
  self->password = secret;
  self->use_token = FALSE;
  connect_version (g_steal_pointer (&task));
}

static void
connect_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  VigieBackend *backend = VIGIE_BACKEND (object);
  VigieProxmoxBackend *self = VIGIE_PROXMOX_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSecret) secret = NULL;
  g_autoptr(VigieSecret) header = NULL;
  const char *token_id = vigie_endpoint_get_token_id (vigie_backend_get_endpoint (backend));

  secret = vigie_backend_lookup_secret_finish (backend, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (secret == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS,
                               _("No API token secret is stored for this endpoint"));
      return;
    }
  clear_ticket (self);
  clear_password (self);
  self->use_token = TRUE;
  header = g_strdup_printf ("PVEAPIToken=%s=%s", token_id, secret);
  vigie_http_client_set_header (vigie_backend_get_http (backend), "Authorization", header);
  connect_version (g_steal_pointer (&task));
}

static void
vigie_proxmox_backend_connect_async (VigieBackend        *backend,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  VigieProxmoxBackend *self = VIGIE_PROXMOX_BACKEND (backend);
  VigieEndpoint *endpoint = vigie_backend_get_endpoint (backend);
  const char *token_id = vigie_endpoint_get_token_id (endpoint);
  const char *user = vigie_endpoint_get_user (endpoint);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_proxmox_backend_connect_async);

  if (token_id != NULL && *token_id != '\0')
    {
      if (strchr (token_id, '!') == NULL || strchr (token_id, '@') == NULL)
        {
          g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                                   _("“%s” is not an API token ID of the form "
                                     "user@realm!token"), token_id);
          return;
        }
      vigie_backend_lookup_secret_async (backend, VIGIE_SECRET_TOKEN, cancellable,
                                         connect_token_cb, g_steal_pointer (&task));
      return;
    }
  if (user != NULL && *user != '\0')
    {
      g_free (self->user);
      /* A bare name is a Linux PAM user, as in the web UI's default realm. */
      self->user = strchr (user, '@') != NULL ? g_strdup (user) : g_strconcat (user, "@pam", NULL);
      vigie_backend_lookup_secret_async (backend, VIGIE_SECRET_PASSWORD, cancellable,
                                         connect_password_cb, g_steal_pointer (&task));
      return;
    }
  g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS,
                           _("Give either an API token or a user name and password"));
}

static gboolean
vigie_proxmox_backend_connect_finish (VigieBackend  *backend,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
vigie_proxmox_backend_class_init (VigieProxmoxBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  object_class->finalize = vigie_proxmox_backend_finalize;

  backend_class->kind = VIGIE_KIND_PROXMOX;
  backend_class->fields = fields;
  backend_class->default_port = "8006";
  backend_class->product_name = "Proxmox VE";
  backend_class->icon_name = "network-server-symbolic";
  backend_class->roles = VIGIE_ROLE_COMPUTE | VIGIE_ROLE_HARDWARE;
  backend_class->capabilities = VIGIE_CAP_NODE_CONSOLE | VIGIE_CAP_INSTANCE_CONSOLE |
                                VIGIE_CAP_ACTIONS | VIGIE_CAP_BACKUPS;
  backend_class->connect_async = vigie_proxmox_backend_connect_async;
  backend_class->connect_finish = vigie_proxmox_backend_connect_finish;
  backend_class->fetch_async = vigie_proxmox_fetch_async;
  backend_class->fetch_finish = vigie_proxmox_fetch_finish;
  backend_class->list_actions = vigie_proxmox_list_actions;
  backend_class->run_action_async = vigie_proxmox_run_action_async;
  backend_class->run_action_finish = vigie_proxmox_run_action_finish;
  backend_class->open_console_async = vigie_proxmox_open_console_async;
  backend_class->open_console_finish = vigie_proxmox_open_console_finish;
  backend_class->disconnect = vigie_proxmox_backend_disconnect;
}

static void
vigie_proxmox_backend_init (VigieProxmoxBackend *self)
{
}
