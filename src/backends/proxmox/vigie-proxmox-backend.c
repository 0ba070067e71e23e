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
#include "vigie-session.h"
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
  VigieSession *session;     /* renews the ticket, shares logins, retries once */

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
  g_clear_pointer (&self->ticket, vigie_secret_free);
  g_clear_pointer (&self->csrf_token, vigie_secret_free);
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
  vigie_session_reset (self->session);
  vigie_session_set_static (self->session, FALSE);
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
  g_clear_object (&self->session);

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
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigieProxmoxBackend *self = g_task_get_source_object (task);
  SoupMessage *message = g_task_get_task_data (task);
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
  set_cookie (self);
  g_debug ("logged in as %s", username ? username : self->user);

out:
  if (error != NULL)
    {
      clear_ticket (self);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_boolean (task, TRUE);
}

/* The session's login hook: a new ticket for the stored password. */
static void
login_async (VigieBackend        *backend,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  VigieProxmoxBackend *self = VIGIE_PROXMOX_BACKEND (backend);
  VigieHttpClient *http = vigie_backend_get_http (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = NULL;
  g_autofree char *form = NULL;
  g_autoptr(GBytes) body = NULL;

  g_task_set_source_tag (task, login_async);
  if (self->user == NULL || self->password == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS,
                               _("No password is stored for this endpoint"));
      return;
    }

  path = api_path (self, "/access/ticket");
  form = soup_form_encode ("username", self->user, "password", self->password, NULL);
  body = g_bytes_new_with_free_func (form, strlen (form), (GDestroyNotify) vigie_secret_free,
                                     form);
  form = NULL;
  message = vigie_http_client_new_json_message (http, "POST", path, body,
                                                "application/x-www-form-urlencoded");
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  vigie_http_client_send_async (http, message, cancellable, login_cb, g_steal_pointer (&task));
}

static gboolean
login_finish (VigieBackend  *backend,
              GAsyncResult  *result,
              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static GError *
status_error (VigieBackend *backend,
              guint         status,
              const char   *reason,
              GBytes       *body)
{
  if (status >= VIGIE_PROXMOX_STATUS_NODE_UNREACHABLE && status < 600)
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_UNREACHABLE,
                        _("The cluster cannot reach that node (%u %s)"), status,
                        reason != NULL ? reason : "");
  return vigie_http_status_error (status, reason, body);
}

/* Writes with a ticket carry its CSRF token. */
static void
prepare_message (VigieBackend *backend,
                 SoupMessage  *message)
{
  VigieProxmoxBackend *self = VIGIE_PROXMOX_BACKEND (backend);

  if (!self->use_token && self->csrf_token != NULL &&
      !g_str_equal (soup_message_get_method (message), "GET"))
    soup_message_headers_replace (soup_message_get_request_headers (message),
                                  "CSRFPreventionToken", self->csrf_token);
}

/* Calls */

typedef struct {
  guint  status;
  char  *method;
  char  *path;
  char  *form;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->method);
  g_free (data->path);
  if (data->form != NULL)
    vigie_secret_free (data->form);
  g_free (data);
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  CallData *data = g_task_get_task_data (task);
  JsonNode *payload;

  root = vigie_session_request_json_finish (VIGIE_SESSION (object), result, &data->status,
                                            &error);
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
call_start (GTask      *task,
            const char *method,
            const char *path,
            const char *form)
{
  VigieProxmoxBackend *self = g_task_get_source_object (task);
  g_autofree char *full = api_path (self, path);
  g_autoptr(GBytes) body = NULL;

  if (form != NULL)
    {
      char *copy = g_strdup (form);

      /* A form may hold a password: wiped when the session is done with it. */
      body = g_bytes_new_with_free_func (copy, strlen (copy), (GDestroyNotify) vigie_secret_free,
                                         copy);
    }
  else if (!g_str_equal (method, "GET"))
    body = g_bytes_new_static ("", 0);
  vigie_session_request_json_async (self->session, method, full, body,
                                    "application/x-www-form-urlencoded",
                                    g_task_get_cancellable (task), call_cb, task);
}

static void
call_connect_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!vigie_backend_connect_finish (VIGIE_BACKEND (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  call_start (g_steal_pointer (&task), data->method, data->path, data->form);
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
      data->method = g_strdup (method);
      data->path = g_strdup (path);
      data->form = g_strdup (form);
      vigie_backend_connect_async (VIGIE_BACKEND (self), cancellable, call_connect_cb,
                                   g_steal_pointer (&task));
      return;
    }
  call_start (g_steal_pointer (&task), method, path, form);
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
  vigie_session_reset (self->session);
  vigie_session_set_static (self->session, FALSE);
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
  vigie_session_reset (self->session);
  vigie_session_set_static (self->session, TRUE);
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
  self->session = vigie_session_new (VIGIE_BACKEND (self), TICKET_RENEW_AFTER, login_async,
                                     login_finish);
  vigie_session_set_prepare (self->session, prepare_message);
  vigie_session_set_status_error (self->session, status_error);
}
