/* vigie-http-client.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupSession per endpoint. Trust is decided during the handshake by
 * the session's VigiePinDatabase: with a pin, exactly the pinned SHA-256
 * fingerprint; without one, the system's CAs. A refused certificate then
 * reaches accept-certificate, where we only note what was shown. There is
 * no accept-all switch, on purpose. Redirects are followed only within the
 * same origin (scheme, host, port).
 */

#define G_LOG_DOMAIN "vigie-http"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>

#include "vigie-deadline.h"
#include "vigie-endpoint.h"
#include "vigie-error.h"
#include "vigie-http-client.h"
#include "vigie-pin-database.h"
#include "vigie-url-policy.h"
#include "vigie-json.h"

#define READ_CHUNK (64 * 1024)
#define MAX_REDIRECTS 5

struct _VigieHttpClient
{
  GObject               parent_instance;

  SoupSession          *session;
  char                 *base_url;     /* what the user gave */
  GUri                 *base_uri;     /* where requests go (http://localhost for unix:) */
  char                 *pinned;
  VigiePinDatabase     *pins;
  GSocketAddress       *unix_address; /* NULL for TCP */
  gboolean              log_http;     /* VIGIE_HTTP_DEBUG when made */
  gboolean              multiplexed;  /* a reply came over HTTP/2 */
  guint                 timeout;
  gsize                 max_response;
  GTlsCertificate      *client_cert;
  GHashTable           *headers;
  VigieCertificateInfo *presented;
};

/* libsoup's default is 2 connections per host: a backend that keeps a few
 * requests in flight (Proxmox VE: 6) would see them wait in the library.
 * Bounded, so one endpoint never opens more than this. */
#define VIGIE_HTTP_MAX_CONNS_PER_HOST 6

/* Set on a message whose server certificate we refused, so that the error
 * of that message (and not of another one in flight) says why. */
#define REFUSED_KEY "vigie-certificate-refused"
enum { REFUSED_UNTRUSTED = 1, REFUSED_PIN_MISMATCH = 2 };

G_DEFINE_FINAL_TYPE (VigieHttpClient, vigie_http_client, G_TYPE_OBJECT)

/* Logging: secrets never reach the log. */

static void
logger_printer (SoupLogger         *logger,
                SoupLoggerLogLevel  level,
                char                direction,
                const char         *data,
                gpointer            user_data)
{
  g_autofree char *line = vigie_http_redact_header_line (data);

  if (line != NULL)
    g_debug ("%c %s", direction, line);
  else
    g_debug ("%c [redacted]", direction);
}

/* Object */

static void
vigie_http_client_finalize (GObject *object)
{
  VigieHttpClient *self = (VigieHttpClient *) object;

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_free (self->pinned);
  g_clear_object (&self->pins);
  g_clear_object (&self->unix_address);
  g_clear_object (&self->client_cert);
  g_clear_pointer (&self->headers, g_hash_table_unref);
  g_clear_pointer (&self->presented, vigie_certificate_info_free);

  G_OBJECT_CLASS (vigie_http_client_parent_class)->finalize (object);
}

static void
vigie_http_client_class_init (VigieHttpClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_http_client_finalize;
}

static void
vigie_http_client_init (VigieHttpClient *self)
{
  self->timeout = 30;
  self->max_response = VIGIE_HTTP_DEFAULT_MAX_RESPONSE;
  self->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static SoupCookieJar *
get_cookie_jar (VigieHttpClient *self)
{
  return SOUP_COOKIE_JAR (soup_session_get_feature (self->session, SOUP_TYPE_COOKIE_JAR));
}

/* A new session: its connections are all verified by the current trust
 * settings. Closing the old session's idle connections is not enough: one
 * that has just answered is not idle yet and would be reused. Requests in
 * flight finish on the old session (one still to connect meets the new pin,
 * the database is shared); cancelling them would leave their callers, the
 * monitor's refresh round, waiting for nothing. The cookies (login tickets)
 * carry over. */
static void
renew_session (VigieHttpClient *self)
{
  g_autoptr(SoupSession) old = g_steal_pointer (&self->session);
  g_autoptr(SoupCookieJar) jar = soup_cookie_jar_new ();

  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", "Vigie/" PACKAGE_VERSION,
                                "timeout", self->timeout,
                                "tls-database", self->pins,
                                "max-conns-per-host", VIGIE_HTTP_MAX_CONNS_PER_HOST,
                                self->unix_address != NULL ? "remote-connectable" : NULL,
                                self->unix_address,
                                NULL);
  if (old != NULL)
    {
      SoupCookieJar *old_jar = SOUP_COOKIE_JAR (soup_session_get_feature (old,
                                                                          SOUP_TYPE_COOKIE_JAR));
      GSList *cookies = old_jar != NULL ? soup_cookie_jar_all_cookies (old_jar) : NULL;

      for (GSList *l = cookies; l != NULL; l = l->next)
        soup_cookie_jar_add_cookie (jar, l->data);
      g_slist_free (cookies);
    }
  soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (jar));
  /* Nothing on this machine is reached through a proxy (GNOME's own
   * settings leave localhost and 127.0.0.0/8 out): without a resolver, the
   * proxy modules, GSettings and their D-Bus traffic are never loaded. */
  if (self->unix_address != NULL || vigie_host_is_loopback (g_uri_get_host (self->base_uri)))
    soup_session_set_proxy_resolver (self->session, NULL);

  if (self->log_http)
    {
      g_autoptr(SoupLogger) logger = soup_logger_new (SOUP_LOGGER_LOG_HEADERS);

      soup_logger_set_printer (logger, logger_printer, NULL, NULL);
      soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (logger));
    }
}

/**
 * vigie_http_client_new:
 * @base_url: `https://host:port[/path]`, `http://…` (loopback tests), or
 *   `unix:/path/to/socket`
 *
 * Returns: (transfer full) (nullable): a client, or %NULL with
 *   %VIGIE_ERROR_INVALID when @base_url is not usable.
 */
VigieHttpClient *
vigie_http_client_new (const char  *base_url,
                       GError     **error)
{
  g_autoptr(VigieHttpClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GSocketAddress) unix_address = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  if (!vigie_endpoint_check_url (base_url, error))
    return NULL;
  if (g_str_has_prefix (base_url, "unix:"))
    {
      const char *path = base_url + strlen ("unix:");

      while (path[0] == '/' && path[1] == '/')
        path++;
      unix_address = g_unix_socket_address_new (path);
      uri = g_uri_parse ("http://localhost", G_URI_FLAGS_NONE, NULL);
    }
  else
    uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED_PATH, NULL);

  vigie_pin_database_install_default ();
  self = g_object_new (VIGIE_TYPE_HTTP_CLIENT, NULL);
  self->base_url = g_strdup (base_url);
  self->base_uri = g_steal_pointer (&uri);
  self->unix_address = g_steal_pointer (&unix_address);
  self->pins = vigie_pin_database_new (NULL);
  self->log_http = g_getenv ("VIGIE_HTTP_DEBUG") != NULL;
  renew_session (self);

  return g_steal_pointer (&self);
}

const char *
vigie_http_client_get_base_url (VigieHttpClient *self)
{
  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), NULL);
  return self->base_url;
}

void
vigie_http_client_set_pinned_fingerprint (VigieHttpClient *self,
                                          const char      *fingerprint)
{
  g_autofree char *pin = NULL;

  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));

  pin = fingerprint != NULL ? vigie_fingerprint_normalize (fingerprint) : NULL;
  if (g_strcmp0 (pin, self->pinned) == 0)
    return;
  g_free (self->pinned);
  self->pinned = g_steal_pointer (&pin);
  vigie_pin_database_set_pin (self->pins, self->pinned);
  /* Kept-alive connections were verified against the old pin. */
  renew_session (self);
}

const char *
vigie_http_client_get_pinned_fingerprint (VigieHttpClient *self)
{
  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), NULL);
  return self->pinned;
}

void
vigie_http_client_set_timeout (VigieHttpClient *self,
                               guint            seconds)
{
  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));
  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
}

/**
 * vigie_http_client_prefers_few_connections:
 *
 * Returns: whether each request in flight costs a connection of its own
 *   and its TLS handshake: over TCP, unless a reply has come over HTTP/2
 *   (where requests share one connection). A unix socket costs no
 *   handshake.
 */
gboolean
vigie_http_client_prefers_few_connections (VigieHttpClient *self)
{
  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), FALSE);
  return self->unix_address == NULL && !self->multiplexed;
}

guint
vigie_http_client_get_timeout (VigieHttpClient *self)
{
  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), 0);
  return self->timeout;
}

void
vigie_http_client_set_max_response_size (VigieHttpClient *self,
                                         gsize            max_bytes)
{
  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));
  self->max_response = max_bytes;
}

gsize
vigie_http_client_get_max_response_size (VigieHttpClient *self)
{
  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), 0);
  return self->max_response;
}

void
vigie_http_client_set_client_certificate (VigieHttpClient *self,
                                          GTlsCertificate *certificate)
{
  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));
  g_set_object (&self->client_cert, certificate);
}

void
vigie_http_client_set_tls_database (VigieHttpClient *self,
                                    GTlsDatabase    *database)
{
  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));
  vigie_pin_database_set_inner (self->pins, database);
  renew_session (self);
}

void
vigie_http_client_set_header (VigieHttpClient *self,
                              const char      *name,
                              const char      *value)
{
  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));

  if (value == NULL)
    g_hash_table_remove (self->headers, name);
  else
    g_hash_table_insert (self->headers, g_strdup (name), g_strdup (value));
}

SoupSession *
vigie_http_client_get_session (VigieHttpClient *self)
{
  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), NULL);
  return self->session;
}

gboolean
vigie_http_client_set_cookie (VigieHttpClient *self,
                              const char      *name,
                              const char      *value)
{
  SoupCookieJar *jar;
  const char *host;

  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  jar = get_cookie_jar (self);
  host = g_uri_get_host (self->base_uri);
  if (jar == NULL || host == NULL)
    return FALSE;
  soup_cookie_jar_add_cookie (jar, soup_cookie_new (name, value, host, "/", -1));
  return TRUE;
}

void
vigie_http_client_forget_cookies (VigieHttpClient *self,
                                  const char      *name)
{
  SoupCookieJar *jar;
  GSList *cookies;

  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));

  /* Deleting cookies, not swapping jars: removing the jar feature trips
   * libsoup 3.2 (a critical in soup_session_feature_detach). */
  jar = get_cookie_jar (self);
  if (jar == NULL)
    return;
  cookies = soup_cookie_jar_all_cookies (jar);
  for (GSList *l = cookies; l != NULL; l = l->next)
    if (name == NULL || g_strcmp0 (soup_cookie_get_name (l->data), name) == 0)
      soup_cookie_jar_delete_cookie (jar, l->data);
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
}

const VigieCertificateInfo *
vigie_http_client_get_presented_certificate (VigieHttpClient *self)
{
  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), NULL);
  return self->presented;
}

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  VigieHttpClient *self = user_data;
  g_autoptr(VigieCertificateInfo) info = vigie_certificate_info_new_from_certificate (certificate);

  if (self->pinned != NULL && g_strcmp0 (info->fingerprint, self->pinned) == 0)
    return TRUE;

  g_object_set_data (G_OBJECT (message), REFUSED_KEY,
                     GINT_TO_POINTER (self->pinned != NULL ? REFUSED_PIN_MISMATCH
                                                           : REFUSED_UNTRUSTED));
  g_clear_pointer (&self->presented, vigie_certificate_info_free);
  self->presented = g_steal_pointer (&info);
  g_debug ("refused certificate %s (pinned %s, errors 0x%x)",
           self->presented->fingerprint, self->pinned ? self->pinned : "none", errors);
  return FALSE;
}

SoupMessage *
vigie_http_client_new_message (VigieHttpClient *self,
                               const char      *method,
                               const char      *path)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *joined = NULL;
  const char *base_path;
  SoupMessage *message;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* The path is appended to the base URL's path (e.g. https://h/sdk). */
  base_path = g_uri_get_path (self->base_uri);
  if (g_str_has_suffix (base_path, "/") && path[0] == '/')
    path++;
  if (path[0] == '\0' || path[0] == '/' || path[0] == '?' || base_path[0] == '\0')
    joined = g_strconcat (base_path, path, NULL);
  else
    joined = g_strconcat (base_path, "/", path, NULL);
  {
    g_autofree char *query = NULL;
    char *q = strchr (joined, '?');

    if (q != NULL)
      {
        query = g_strdup (q + 1);
        *q = '\0';
      }
    uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (self->base_uri), NULL,
                       g_uri_get_host (self->base_uri), g_uri_get_port (self->base_uri),
                       joined, query, NULL);
  }
  message = soup_message_new_from_uri (method, uri);
  g_hash_table_iter_init (&iter, self->headers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    soup_message_headers_replace (soup_message_get_request_headers (message), key, value);
  return message;
}

/* glib-networking caches TLS sessions process-wide under an id that
 * covers the client certificate only when the connection has it before the
 * handshake; libsoup hands it over later, when the server asks. A
 * connection with another key pair (another endpoint, a new enrolment)
 * would then resume a session of the first and the server would see the
 * first identity. Give the certificate before the handshake. */
static void
on_network_event (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  VigieHttpClient *self = user_data;

  if (event == G_SOCKET_CLIENT_TLS_HANDSHAKING && self->client_cert != NULL &&
      G_IS_TLS_CONNECTION (connection))
    g_tls_connection_set_certificate (G_TLS_CONNECTION (connection), self->client_cert);
}

static void
prepare_message (VigieHttpClient *self,
                 SoupMessage     *message)
{
  g_object_set_data (G_OBJECT (message), REFUSED_KEY, NULL);
  /* A backend may send the same message again (a retry after login). */
  if (g_signal_handler_find (message, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                             on_accept_certificate, self) == 0)
    g_signal_connect_object (message, "accept-certificate",
                             G_CALLBACK (on_accept_certificate), self, 0);
  if (self->client_cert != NULL)
    soup_message_set_tls_client_certificate (message, self->client_cert);
  /* libsoup would follow any redirect, to another host or to http://, and
   * the cookie jar would hand the ticket over; send_cb follows same-origin
   * ones only. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  if (g_signal_handler_find (message, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                             on_network_event, self) == 0)
    g_signal_connect_object (message, "network-event", G_CALLBACK (on_network_event), self, 0);
}

static GError *
certificate_changed_error (VigieHttpClient *self,
                           const char      *seen)
{
  g_autofree char *was = vigie_fingerprint_format (self->pinned);
  g_autofree char *now = vigie_fingerprint_format (seen);

  return g_error_new (VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED,
                      _("The server’s certificate changed: it was %s, it is now %s"),
                      was, now != NULL ? now : "?");
}

static GError *
map_transport_error (VigieHttpClient *self,
                     SoupMessage     *message,
                     const GError    *error,
                     gboolean         timed_out)
{
  int refused = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (message), REFUSED_KEY));

  if (timed_out)
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_TIMEOUT,
                        _("The server did not answer within %u seconds"), self->timeout);

  if (refused != 0 && self->presented != NULL)
    {
      g_autofree char *seen = vigie_fingerprint_format (self->presented->fingerprint);

      if (refused == REFUSED_PIN_MISMATCH)
        return certificate_changed_error (self, self->presented->fingerprint);
      return g_error_new (VIGIE_ERROR, VIGIE_ERROR_UNTRUSTED,
                          _("The server’s certificate is not trusted; its SHA-256 "
                            "fingerprint is %s"), seen != NULL ? seen : "?");
    }
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED))
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED,
                        _("The server requires a client certificate"));
  return vigie_error_from_gio (error);
}

/* send */

typedef struct {
  VigieHttpClient *self;
  SoupMessage     *message;
  GInputStream    *stream;
  GByteArray      *data;
  guint8          *buffer;      /* READ_CHUNK bytes, read into again and again */
  VigieHttpSink    sink;
  gpointer         sink_data;
  gboolean         sinking;     /* a 2xx reply: its body goes to the sink */
  gsize            received;
  VigieDeadline    deadline;
  guint            retries;
  guint            retry_id;
  guint            redirects;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_handle_id (&data->retry_id, g_source_remove);
  vigie_deadline_clear (&data->deadline);
  g_clear_object (&data->self);
  g_clear_object (&data->message);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->data, g_byte_array_unref);
  g_free (data->buffer);
  g_free (data);
}

static void
fail_send (GTask        *task,
           const GError *error)
{
  SendData *data = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !data->deadline.expired)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_error (task, map_transport_error (data->self, data->message, error,
                                                    data->deadline.expired));
}

static GError *
too_large_error (VigieHttpClient *self)
{
  g_autofree char *size = g_format_size (self->max_response);

  return g_error_new (VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                      _("The server’s reply is larger than %s"), size);
}

static void read_cb (GObject *object, GAsyncResult *result, gpointer user_data);


static void
read_next (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  /* One buffer for the whole body: a new 64 KiB block a read was 16 % of
   * the CPU of an inventory of 5,000 VMs (glibc tidies its free lists
   * before each such block). */
  if (data->buffer == NULL)
    data->buffer = g_malloc (READ_CHUNK);
  g_input_stream_read_async (data->stream, data->buffer, READ_CHUNK, G_PRIORITY_DEFAULT,
                             data->deadline.cancellable, read_cb, task);
}

static void
done_closed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  GBytes *bytes;

  /* The whole body was read: a failed (or timed out) close loses nothing. */
  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data->data));
  g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
  g_object_unref (task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize size;

  size = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (size < 0)
    {
      fail_send (task, error);
      g_object_unref (task);
      return;
    }
  if (size == 0)
    {
      goffset length = soup_message_headers_get_content_length (
                         soup_message_get_response_headers (data->message));

      /* The connection closed cleanly before the announced length. */
      if (length > 0 && (goffset) data->received < length)
        {
          g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                                   _("The server’s reply was cut short"));
          g_object_unref (task);
          return;
        }
      /* The connection goes back to the pool, for the next request to
       * reuse, only once the body stream is closed: returning first would
       * let the caller send its next request while this one still holds
       * the connection, and every request would open a new one. */
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, data->deadline.cancellable,
                                  done_closed_cb, task);
      return;
    }
  if (!data->sinking && data->received + (gsize) size > data->self->max_response)
    {
      g_task_return_error (task, too_large_error (data->self));
      g_cancellable_cancel (data->deadline.cancellable);
      g_object_unref (task);
      return;
    }
  data->received += (gsize) size;
  if (data->sinking)
    {
      if (!data->sink (data->buffer, (gsize) size, data->sink_data, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_cancellable_cancel (data->deadline.cancellable);
          g_object_unref (task);
          return;
        }
    }
  else
    g_byte_array_append (data->data, data->buffer, (guint) size);
  read_next (task);
}

/* A read answered 502, 503 or 504 (a proxy or a server restarting) is sent
 * again, twice at most, after 100 then 200 ms, within the same deadline.
 * Nothing else is: a POST, PUT or DELETE may have changed something, unless
 * its backend marked it read-only (ESXi's SOAP queries). */
#define MAX_RETRIES 2
#define RETRY_DELAY_MS 100

static void send_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static gboolean
retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  data->retry_id = 0;
  vigie_http_message_rewind (data->message);
  soup_session_send_async (data->self->session, data->message, G_PRIORITY_DEFAULT,
                           data->deadline.cancellable, send_cb, task);
  return G_SOURCE_REMOVE;
}

static void
retry_closed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);
  g_clear_object (&data->stream);
  data->retry_id = g_timeout_add (RETRY_DELAY_MS << data->retries, retry_cb, task);
  data->retries++;
}

static gboolean
maybe_retry (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  const char *method = soup_message_get_method (data->message);
  guint status = soup_message_get_status (data->message);

  if (data->retries >= MAX_RETRIES ||
      !vigie_http_message_is_read_only (data->message) ||
      (status != SOUP_STATUS_BAD_GATEWAY && status != SOUP_STATUS_SERVICE_UNAVAILABLE &&
       status != SOUP_STATUS_GATEWAY_TIMEOUT))
    return FALSE;
  g_debug ("%s %s: %u, trying again", method,
           g_uri_get_path (soup_message_get_uri (data->message)), status);
  /* The message is done only when its body stream is closed; then it can
   * be sent again. */
  g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, retry_closed_cb, task);
  return TRUE;
}

static void
redirect_closed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  /* A failed close leaves nothing to read: the request goes out anew. */
  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);
  g_clear_object (&data->stream);
  soup_session_send_async (data->self->session, data->message, G_PRIORITY_DEFAULT,
                           data->deadline.cancellable, send_cb, task);
}

/* Follows a redirect within the same origin, as the same message (its
 * caller reads the final status from it); refuses any other. Returns TRUE
 * when it took the task over. */
static gboolean
follow_redirect (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  guint status = soup_message_get_status (data->message);
  const char *location;
  g_autoptr(GUri) target = NULL;
  g_autofree char *shown = NULL;

  if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
    return FALSE;
  location = soup_message_headers_get_one (soup_message_get_response_headers (data->message),
                                           "Location");
  if (location == NULL)
    return FALSE;
  target = g_uri_parse_relative (soup_message_get_uri (data->message), location,
                                 SOUP_HTTP_URI_FLAGS, NULL);
  shown = vigie_http_redact_url (location);
  if (target == NULL || !vigie_uri_same_origin (target, data->self->base_uri))
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server redirected to “%s”, another server or scheme: "
                                 "Vigie does not follow it"), shown);
      g_object_unref (task);
      return TRUE;
    }
  if (++data->redirects > MAX_REDIRECTS)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server redirected more than %d times"), MAX_REDIRECTS);
      g_object_unref (task);
      return TRUE;
    }
  g_debug ("following a redirect to %s", shown);
  if (status == 303 ||
      ((status == 301 || status == 302) &&
       g_strcmp0 (soup_message_get_method (data->message), "POST") == 0))
    {
      soup_message_set_method (data->message, SOUP_METHOD_GET);
      soup_message_set_request_body (data->message, NULL, NULL, 0);
    }
  soup_message_set_uri (data->message, target);
  /* The message leaves the session's queue once its body is closed. */
  g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, data->deadline.cancellable,
                              redirect_closed_cb, task);
  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset length;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      fail_send (task, error);
      g_object_unref (task);
      return;
    }
  if (soup_message_get_http_version (data->message) == SOUP_HTTP_2_0)
    data->self->multiplexed = TRUE;
  if (follow_redirect (task))
    return;
  length = soup_message_headers_get_content_length (
             soup_message_get_response_headers (data->message));
  data->sinking = data->sink != NULL &&
                  SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (data->message));
  /* A body the sink takes is not kept: the sink caps what it holds. */
  if (!data->sinking && length > 0 && (gsize) length > data->self->max_response)
    {
      g_task_return_error (task, too_large_error (data->self));
      g_object_unref (task);
      return;
    }
  if (maybe_retry (task))
    return;
  /* A body of known size is read into one block, not grown by doubling. */
  if (!data->sinking && length > 0)
    {
      g_byte_array_unref (data->data);
      data->data = g_byte_array_sized_new ((guint) length);
    }
  read_next (task);
}

SoupMessage *
vigie_http_client_new_json_message (VigieHttpClient *self,
                                    const char      *method,
                                    const char      *path,
                                    GBytes          *body,
                                    const char      *content_type)
{
  SoupMessage *message = vigie_http_client_new_message (self, method, path);

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message,
                                              content_type != NULL
                                                ? content_type : "application/json",
                                              body);
  return message;
}

void
vigie_http_client_send_async (VigieHttpClient    *self,
                              SoupMessage        *message,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  vigie_http_client_send_to_sink_async (self, message, NULL, NULL, cancellable, callback,
                                        user_data);
}

/**
 * vigie_http_client_send_to_sink_async:
 * @sink: (nullable): receives the body of a 2xx reply chunk by chunk, as it
 *   arrives, instead of it being kept; returning %FALSE fails the send with
 *   its error
 *
 * As vigie_http_client_send_async(); the finish then returns an empty
 * #GBytes for a reply @sink took (any other reply is kept whole, for its
 * error message). The size limit does not apply to what @sink is given:
 * it caps what it holds itself; the deadline still ends the transfer.
 */
void
vigie_http_client_send_to_sink_async (VigieHttpClient    *self,
                                      SoupMessage        *message,
                                      VigieHttpSink       sink,
                                      gpointer            sink_data,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  GTask *task;
  SendData *data;

  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_http_client_send_async);

  data = g_new0 (SendData, 1);
  data->self = g_object_ref (self);
  data->message = g_object_ref (message);
  data->data = g_byte_array_new ();
  data->sink = sink;
  data->sink_data = sink_data;
  vigie_deadline_start (&data->deadline, cancellable, self->timeout, NULL, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  prepare_message (self, message);
  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT, data->deadline.cancellable,
                           send_cb, task);
}

GBytes *
vigie_http_client_send_finish (VigieHttpClient  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* WebSocket */

typedef struct {
  VigieHttpClient *self;
  SoupMessage     *message;
  VigieDeadline    deadline;
} WsData;

static void
ws_data_free (WsData *data)
{
  vigie_deadline_clear (&data->deadline);
  g_clear_object (&data->self);
  g_clear_object (&data->message);
  g_free (data);
}

static void
websocket_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WsData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *conn;

  conn = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  if (conn == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !data->deadline.expired)
        g_task_return_error (task, g_steal_pointer (&error));
      else if (error->domain == SOUP_WEBSOCKET_ERROR)
        g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                                 _("The server refused the WebSocket (%s)"), error->message);
      else
        g_task_return_error (task, map_transport_error (data->self, data->message, error,
                                                        data->deadline.expired));
      return;
    }
  g_task_return_pointer (task, conn, g_object_unref);
}

void
vigie_http_client_websocket_async (VigieHttpClient    *self,
                                   SoupMessage        *message,
                                   const char * const *protocols,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  WsData *data;

  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_http_client_websocket_async);
  data = g_new0 (WsData, 1);
  data->self = g_object_ref (self);
  data->message = g_object_ref (message);
  /* Our own cancellable, chained to the caller's: the deadline must never
   * cancel the caller's cancellable, which may guard other operations. */
  vigie_deadline_start (&data->deadline, cancellable, self->timeout, NULL, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) ws_data_free);

  /* An upgrade cannot happen over HTTP/2 (Incus negotiates h2 otherwise);
   * libsoup's websocket_connect forces HTTP/1.1 on the message itself. */
  prepare_message (self, message);
  soup_session_websocket_connect_async (self->session, message, NULL, (char **) protocols,
                                        G_PRIORITY_DEFAULT, data->deadline.cancellable, websocket_cb,
                                        g_steal_pointer (&task));
}

SoupWebsocketConnection *
vigie_http_client_websocket_finish (VigieHttpClient  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
