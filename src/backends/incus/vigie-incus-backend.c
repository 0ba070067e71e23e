/* vigie-incus-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Incus (and LXD 5.x) over its REST API: HTTPS with a TLS client
 * certificate, or a local unix: socket. Features are gated on the names in
 * api_extensions, never on counts or versions.
 */

#define G_LOG_DOMAIN "vigie-incus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-error.h"
#include "vigie-incus-console.h"
#include "vigie-incus-private.h"

#define EVENTS_MAX_BACKOFF 60

enum {
  INSTANCE_CHANGED,
  EVENTS_CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VigieIncusBackend, vigie_incus_backend, VIGIE_TYPE_BACKEND)

static const VigieBackendField fields[] = {
  { "url", N_("Address"), VIGIE_FIELD_URL, TRUE, N_("https://host:8443 or unix:/var/lib/incus/unix.socket") },
  { "trust-token", N_("Trust token"), VIGIE_FIELD_SECRET, FALSE, NULL },
  { "client-cert", N_("Client certificate (PEM or PKCS#12)"), VIGIE_FIELD_FILE, FALSE, NULL },
  { "client-key", N_("Client private key (PEM)"), VIGIE_FIELD_FILE, FALSE, NULL },
  { NULL }
};

static gboolean
is_unix (VigieBackend *backend)
{
  return g_str_has_prefix (vigie_endpoint_get_url (vigie_backend_get_endpoint (backend)), "unix:");
}

/* Connect */

/* What the client showed, for the message when the server does not trust it. */
typedef enum {
  CLIENT_NONE,
  CLIENT_CERT,
  CLIENT_ENROLLED,
} ClientCredit;

static void
server_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VigieIncusBackend *self = VIGIE_INCUS_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(VigieIncusServer) server = NULL;

  metadata = vigie_incus_request_finish (VIGIE_BACKEND (self), result, NULL, &error);
  if (metadata == NULL || (server = vigie_incus_parse_server (metadata, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!server->trusted)
    {
      if (GPOINTER_TO_INT (g_task_get_task_data (task)) == CLIENT_ENROLLED)
        g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED,
                                 _("The server accepted the trust token but still does not "
                                   "trust Vigie’s client certificate"));
      else if (GPOINTER_TO_INT (g_task_get_task_data (task)) == CLIENT_CERT)
        g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED,
                                 _("The server does not trust Vigie’s client certificate; add it "
                                   "to the server’s trust store or enrol with a trust token"));
      else
        g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED,
                                 _("The server does not trust this client: no client certificate "
                                   "is set for this endpoint; enrol with a trust token"));
      return;
    }
  g_debug ("%s %s, %u API extensions", server->server ? server->server : "?",
           server->server_version ? server->server_version : "?",
           g_strv_length (server->api_extensions));
  g_clear_pointer (&self->server, vigie_incus_server_free);
  self->server = g_steal_pointer (&server);
  g_task_return_boolean (task, TRUE);
}

static void
get_server (GTask        *task,
            ClientCredit  credit)
{
  VigieBackend *backend = g_task_get_source_object (task);

  g_task_set_task_data (task, GINT_TO_POINTER (credit), NULL);
  vigie_incus_request_async (backend, "GET", "/1.0", NULL, g_task_get_cancellable (task),
                             server_cb, task);
}

static const char *
enrol_token (VigieBackend *backend)
{
  const char *token = vigie_endpoint_get_option (vigie_backend_get_endpoint (backend),
                                                 VIGIE_ENDPOINT_OPTION_ENROL_TOKEN);

  return token != NULL && *token != '\0' ? token : NULL;
}

static void
enrol_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  VigieBackend *backend = VIGIE_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_incus_enrol_certificate_finish (backend, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The token is used up: connecting again must not send it again. */
  vigie_endpoint_set_option (vigie_backend_get_endpoint (backend),
                             VIGIE_ENDPOINT_OPTION_ENROL_TOKEN, NULL);
  get_server (g_steal_pointer (&task), CLIENT_ENROLLED);
}

/* The add flows leave a trust token in the "enrol-token" option (in
 * memory only) beside a new key pair: have the server trust the pair
 * first, then read /1.0 as usual. */
static void
enrol_or_get_server (GTask      *task,
                     const char *cert_pem)
{
  VigieBackend *backend = g_task_get_source_object (task);
  const char *token = enrol_token (backend);

  if (token == NULL)
    {
      get_server (task, CLIENT_CERT);
      return;
    }
  vigie_incus_enrol_certificate_async (backend, token, cert_pem, g_task_get_cancellable (task),
                                       enrol_cb, task);
}

static GTlsCertificate *
certificate_from_pem (const char  *cert_pem,
                      const char  *key_pem,
                      GError     **error)
{
  g_autofree char *pem = g_strconcat (cert_pem, "\n", key_pem, NULL);
  g_autoptr(GError) local_error = NULL;
  GTlsCertificate *cert;

  cert = g_tls_certificate_new_from_pem (pem, -1, &local_error);
  memset (pem, 0, strlen (pem));
  if (cert == NULL)
    g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                 _("The client certificate or its key cannot be read: %s"),
                 local_error->message);
  return cert;
}

static char *
endpoint_cert_pem (VigieBackend *backend)
{
  const char *value = vigie_endpoint_get_option (vigie_backend_get_endpoint (backend),
                                                 "client-cert");
  char *contents = NULL;

  if (value == NULL || *value == '\0')
    return NULL;
  if (strstr (value, "-----BEGIN") != NULL)
    return g_strdup (value);
  /* Older configurations kept a path. */
  if (g_file_get_contents (value, &contents, NULL, NULL))
    return contents;
  return NULL;
}

static void
key_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  VigieBackend *backend = VIGIE_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSecret) key = NULL;
  g_autofree char *cert_pem = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;

  key = vigie_backend_lookup_secret_finish (backend, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (key == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS, "%s",
                               _("The private key of the client certificate is not in the keyring"));
      return;
    }
  cert_pem = endpoint_cert_pem (backend);
  cert = certificate_from_pem (cert_pem, key, &error);
  if (cert == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  vigie_http_client_set_client_certificate (vigie_backend_get_http (backend), cert);
  enrol_or_get_server (g_steal_pointer (&task), cert_pem);
}

static void
vigie_incus_backend_connect_async (VigieBackend        *backend,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  VigieIncusBackend *self = VIGIE_INCUS_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *cert_pem = NULL;

  g_task_set_source_tag (task, vigie_incus_backend_connect_async);

  if (is_unix (backend) && enrol_token (backend) != NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID, "%s",
                               _("Trust tokens are for HTTPS endpoints, not local sockets"));
      return;
    }
  /* The socket's permissions are the authentication. */
  if (is_unix (backend))
    {
      get_server (g_steal_pointer (&task), CLIENT_NONE);
      return;
    }
  if (self->cert_pem != NULL)
    {
      enrol_or_get_server (g_steal_pointer (&task), self->cert_pem);
      return;
    }
  cert_pem = endpoint_cert_pem (backend);
  if (cert_pem == NULL && enrol_token (backend) != NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID, "%s",
                               _("A trust token needs a new client certificate to enrol"));
      return;
    }
  if (cert_pem == NULL)
    {
      get_server (g_steal_pointer (&task), CLIENT_NONE);
      return;
    }
  vigie_backend_lookup_secret_async (backend, VIGIE_SECRET_CLIENT_KEY, cancellable, key_cb,
                                     g_steal_pointer (&task));
}

static gboolean
vigie_incus_backend_connect_finish (VigieBackend  *backend,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
vigie_incus_backend_set_client_pem (VigieIncusBackend  *self,
                                    const char         *cert_pem,
                                    const char         *key_pem,
                                    GError            **error)
{
  g_autoptr(GTlsCertificate) cert = NULL;
  VigieHttpClient *http;

  g_return_val_if_fail (VIGIE_IS_INCUS_BACKEND (self), FALSE);
  g_return_val_if_fail (cert_pem != NULL && key_pem != NULL, FALSE);

  cert = certificate_from_pem (cert_pem, key_pem, error);
  if (cert == NULL)
    return FALSE;
  http = vigie_backend_get_http (VIGIE_BACKEND (self));
  if (http == NULL)
    {
      g_set_error_literal (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                           _("The endpoint’s address is not valid"));
      return FALSE;
    }
  vigie_http_client_set_client_certificate (http, cert);
  g_free (self->cert_pem);
  self->cert_pem = g_strdup (cert_pem);
  if (self->key_pem != NULL)
    vigie_secret_free (self->key_pem);
  self->key_pem = g_strdup (key_pem);
  return TRUE;
}

/* Actions */

static GListModel *
vigie_incus_backend_list_actions (VigieBackend  *backend,
                                  VigieInstance *instance)
{
  return vigie_incus_list_actions (VIGIE_INCUS_BACKEND (backend)->server, instance);
}

/* Events */

static void events_connect (VigieIncusBackend *self);

static gboolean
on_events_retry (gpointer user_data)
{
  VigieIncusBackend *self = user_data;

  self->events_retry_id = 0;
  events_connect (self);
  return G_SOURCE_REMOVE;
}

static void
events_schedule_retry (VigieIncusBackend *self)
{
  if (!self->watching || self->events_retry_id != 0)
    return;
  if (self->watched)
    {
      /* The monitor reconnects, with its own backoff. */
      vigie_incus_backend_unwatch_events (self);
      vigie_backend_emit_watch_lost (VIGIE_BACKEND (self));
      return;
    }
  g_debug ("events: reconnecting in %u s", self->events_backoff);
  self->events_retry_id = g_timeout_add_seconds (self->events_backoff, on_events_retry, self);
  self->events_backoff = MIN (self->events_backoff * 2, EVENTS_MAX_BACKOFF);
}

static void
on_events_message (SoupWebsocketConnection *conn,
                   int                      type,
                   GBytes                  *message,
                   gpointer                 user_data)
{
  VigieIncusBackend *self = user_data;
  g_autoptr(JsonNode) root = vigie_json_parse_bytes (message, NULL);
  g_autofree char *project = NULL;
  g_autofree char *name = NULL;
  g_autofree char *action = NULL;

  if (root == NULL)
    return;
  if (vigie_incus_parse_event (root, &project, &name, &action))
    {
      g_signal_emit (self, signals[INSTANCE_CHANGED], 0, project, name, action);
      vigie_backend_emit_changed (VIGIE_BACKEND (self));
    }
}

static void
on_events_closed (SoupWebsocketConnection *conn,
                  gpointer                 user_data)
{
  VigieIncusBackend *self = user_data;

  g_debug ("events: connection closed");
  if (self->events == conn)
    {
      g_signal_handlers_disconnect_by_data (conn, self);
      g_clear_object (&self->events);
    }
  events_schedule_retry (self);
}

static void
events_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VigieIncusBackend) self = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *conn;

  conn = vigie_http_client_websocket_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  if (conn == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("events: %s", error->message);
          events_schedule_retry (self);
        }
      return;
    }
  if (!self->watching)
    {
      soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_object_unref (conn);
      return;
    }
  self->events = conn;
  self->events_backoff = 1;
  /* The server pings; a listener that falls behind is dropped, not lagged. */
  soup_websocket_connection_set_keepalive_interval (conn, 30);
  g_signal_connect (conn, "message", G_CALLBACK (on_events_message), self);
  g_signal_connect (conn, "closed", G_CALLBACK (on_events_closed), self);
  g_signal_emit (self, signals[EVENTS_CONNECTED], 0);
  vigie_backend_emit_watch_connected (VIGIE_BACKEND (self));
}

static void
events_connect (VigieIncusBackend *self)
{
  VigieHttpClient *http = vigie_backend_get_http (VIGIE_BACKEND (self));
  g_autoptr(SoupMessage) message = NULL;
  const char *path = "/1.0/events?type=lifecycle,operation";

  if (http == NULL || !self->watching)
    return;
  /* Without event_project the stream covers the default project only. */
  if (self->server != NULL && vigie_incus_server_has_extension (self->server, "event_project"))
    path = "/1.0/events?type=lifecycle,operation&all-projects=true";
  message = vigie_http_client_new_message (http, "GET", path);
  vigie_http_client_websocket_async (http, message, NULL, self->events_cancellable, events_cb,
                                     g_object_ref (self));
}

static void
events_connect_after_connect_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(VigieIncusBackend) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_backend_connect_finish (VIGIE_BACKEND (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("events: %s", error->message);
          events_schedule_retry (self);
        }
      return;
    }
  events_connect (self);
}

/**
 * vigie_incus_backend_watch_events:
 *
 * Listens to the server's /1.0/events (lifecycle and operation events of
 * every project) and emits "instance-changed" (project, name, action) for
 * each instance event, e.g. ("default", "web1", "instance-started"). After
 * each (re)connection it emits "events-connected": events may have been
 * missed, refetch everything. A lost connection is retried with
 * exponential backoff (1 s doubling to 60 s) until unwatch.
 */
void
vigie_incus_backend_watch_events (VigieIncusBackend *self)
{
  g_return_if_fail (VIGIE_IS_INCUS_BACKEND (self));

  if (self->watching)
    return;
  self->watching = TRUE;
  self->events_backoff = 1;
  self->events_cancellable = g_cancellable_new ();
  /* The client certificate is set up by connecting. */
  if (vigie_backend_get_state (VIGIE_BACKEND (self)) == VIGIE_CONNECTION_CONNECTED)
    events_connect (self);
  else
    vigie_backend_connect_async (VIGIE_BACKEND (self), self->events_cancellable,
                                 events_connect_after_connect_cb, g_object_ref (self));
}

void
vigie_incus_backend_unwatch_events (VigieIncusBackend *self)
{
  g_return_if_fail (VIGIE_IS_INCUS_BACKEND (self));

  self->watching = FALSE;
  g_clear_handle_id (&self->events_retry_id, g_source_remove);
  if (self->events_cancellable != NULL)
    g_cancellable_cancel (self->events_cancellable);
  g_clear_object (&self->events_cancellable);
  if (self->events != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->events, self);
      if (soup_websocket_connection_get_state (self->events) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->events, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&self->events);
    }
}

gboolean
vigie_incus_backend_is_watching_events (VigieIncusBackend *self)
{
  g_return_val_if_fail (VIGIE_IS_INCUS_BACKEND (self), FALSE);
  return self->events != NULL;
}

static void
vigie_incus_backend_watch (VigieBackend *backend)
{
  VigieIncusBackend *self = VIGIE_INCUS_BACKEND (backend);

  self->watched = TRUE;
  vigie_incus_backend_watch_events (self);
}

static void
vigie_incus_backend_unwatch (VigieBackend *backend)
{
  VigieIncusBackend *self = VIGIE_INCUS_BACKEND (backend);

  self->watched = FALSE;
  vigie_incus_backend_unwatch_events (self);
}

/* Console */

static void
console_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  VigieConsole *console;

  console = vigie_incus_console_open_finish (result, &error);
  if (console == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, console, g_object_unref);
}

static void
vigie_incus_backend_open_console_async (VigieBackend        *backend,
                                        const char          *target,
                                        VigieInstance       *instance,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, vigie_incus_backend_open_console_async);
  if (instance == NULL || instance->name == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED,
                               _("Incus opens terminals into instances, not on hosts"));
      return;
    }
  if (instance->state != VIGIE_STATE_RUNNING)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                               _("The instance must be running to open a terminal in it"));
      return;
    }
  vigie_incus_console_open_async (backend, instance->name, instance->project, NULL, 80, 24,
                                  cancellable, console_cb, g_steal_pointer (&task));
}

static VigieConsole *
vigie_incus_backend_open_console_finish (VigieBackend  *backend,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
vigie_incus_backend_disconnect (VigieBackend *backend)
{
  VigieIncusBackend *self = VIGIE_INCUS_BACKEND (backend);
  gboolean lost = self->watched && self->watching;

  vigie_incus_backend_unwatch_events (self);
  g_clear_pointer (&self->server, vigie_incus_server_free);
  /* The monitor watches again after its backoff. */
  if (lost)
    vigie_backend_emit_watch_lost (backend);
}

static void
vigie_incus_backend_dispose (GObject *object)
{
  VigieIncusBackend *self = VIGIE_INCUS_BACKEND (object);

  vigie_incus_backend_unwatch_events (self);
  G_OBJECT_CLASS (vigie_incus_backend_parent_class)->dispose (object);
}

static void
vigie_incus_backend_finalize (GObject *object)
{
  VigieIncusBackend *self = VIGIE_INCUS_BACKEND (object);

  g_clear_pointer (&self->server, vigie_incus_server_free);
  g_clear_pointer (&self->cpu_samples, g_hash_table_unref);
  g_free (self->cert_pem);
  if (self->key_pem != NULL)
    vigie_secret_free (self->key_pem);
  G_OBJECT_CLASS (vigie_incus_backend_parent_class)->finalize (object);
}

static void
vigie_incus_backend_class_init (VigieIncusBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  object_class->dispose = vigie_incus_backend_dispose;
  object_class->finalize = vigie_incus_backend_finalize;

  backend_class->kind = VIGIE_KIND_INCUS;
  backend_class->fields = fields;
  backend_class->default_port = "8443";
  backend_class->product_name = "Incus";
  backend_class->icon_name = "application-x-executable-symbolic";
  backend_class->roles = VIGIE_ROLE_COMPUTE;
  backend_class->capabilities = VIGIE_CAP_INSTANCE_CONSOLE | VIGIE_CAP_EVENTS |
                                VIGIE_CAP_ACTIONS | VIGIE_CAP_BACKUPS;
  backend_class->connect_async = vigie_incus_backend_connect_async;
  backend_class->connect_finish = vigie_incus_backend_connect_finish;
  backend_class->fetch_async = vigie_incus_backend_fetch_async;
  backend_class->fetch_finish = vigie_incus_backend_fetch_finish;
  backend_class->list_actions = vigie_incus_backend_list_actions;
  backend_class->run_action_async = vigie_incus_run_action_async;
  backend_class->run_action_finish = vigie_incus_run_action_finish;
  backend_class->open_console_async = vigie_incus_backend_open_console_async;
  backend_class->open_console_finish = vigie_incus_backend_open_console_finish;
  backend_class->disconnect = vigie_incus_backend_disconnect;
  backend_class->watch = vigie_incus_backend_watch;
  backend_class->unwatch = vigie_incus_backend_unwatch;

  /**
   * VigieIncusBackend::instance-changed:
   * @project: the instance's project
   * @name: the instance's name
   * @action: the lifecycle action, e.g. "instance-started"
   */
  signals[INSTANCE_CHANGED] =
    g_signal_new ("instance-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * VigieIncusBackend::events-connected:
   *
   * The event stream is (again) connected; what happened meanwhile is lost.
   */
  signals[EVENTS_CONNECTED] =
    g_signal_new ("events-connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vigie_incus_backend_init (VigieIncusBackend *self)
{
  self->cpu_samples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->events_backoff = 1;
}
