/* fault-proxy.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One request per connection (every answer says Connection: close), so
 * that "new connections" and "requests" are the same thing and a
 * certificate change takes effect at once.
 */

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "fault-proxy.h"
#include "vigie-http-client.h"
#include "vigie-tls.h"

struct _FaultProxy
{
  GSocketService  *service;
  GTlsCertificate *certificate;
  GTlsCertificate *other;
  char            *url;
  char            *fingerprint;
  char            *upstream;        /* scheme://host:port */
  char            *upstream_fingerprint;
  GTlsCertificate *client_cert;
  SoupSession     *session;
  gboolean         soap;
  gboolean         armed;
  gboolean         writes_only;     /* reads pass through unharmed */
  Fault            fault;
  GPtrArray       *seen;            /* "METHOD" or "METHOD login", since arming */
  GPtrArray       *keys;            /* "METHOD path body-checksum", since arming */
  GPtrArray       *held;            /* Conn * that never get an answer */
  GPtrArray       *delayed;         /* Conn * waiting for their slow answer */
  GCancellable    *cancellable;     /* cancelled when the proxy goes */
};

typedef struct {
  FaultProxy        *proxy;         /* only while cancellable is not cancelled */
  GCancellable      *cancellable;
  GIOStream         *tls;
  GSocketConnection *base;
  GDataInputStream  *in;
  char              *method;
  char              *path;
  GPtrArray         *headers;       /* "Name: value" */
  gsize              length;
  GBytes            *body;
  GBytes            *response;
  gboolean           faulty;        /* this request gets the fault */
  guint              delay_id;      /* FAULT_SLOW: until it is forwarded */
} Conn;

static const char *names[N_FAULTS] = {
  "truncate", "garbage", "oversize", "hang", "reset", "unauthorized", "unavailable",
  "certificate", "slow",
};

const char *
fault_name (Fault fault)
{
  return names[fault];
}

static void
conn_free (Conn *conn)
{
  g_clear_object (&conn->cancellable);
  g_clear_object (&conn->in);
  g_clear_object (&conn->tls);
  g_clear_object (&conn->base);
  g_free (conn->method);
  g_free (conn->path);
  g_clear_pointer (&conn->headers, g_ptr_array_unref);
  g_clear_pointer (&conn->body, g_bytes_unref);
  g_clear_pointer (&conn->response, g_bytes_unref);
  g_free (conn);
}

static void
closed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (object), result, NULL);
  conn_free (user_data);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Conn *conn = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_io_stream_close_async (conn->tls, G_PRIORITY_DEFAULT, conn->cancellable, closed_cb,
                           conn);
}

/* Writes @head, then @body_len bytes of @body, and closes. */
static void
write_raw (Conn       *conn,
           GString    *head,
           const void *body,
           gsize       body_len)
{
  g_string_append_len (head, body, body_len);
  conn->response = g_string_free_to_bytes (head);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (conn->tls),
                                   g_bytes_get_data (conn->response, NULL),
                                   g_bytes_get_size (conn->response), G_PRIORITY_DEFAULT,
                                   conn->cancellable, written_cb, conn);
}

static void
write_canned (Conn       *conn,
              guint       status,
              const char *type,
              const char *body)
{
  GString *head = g_string_new (NULL);

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\nContent-Type: %s\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                          status, soup_status_get_phrase (status), type, strlen (body));
  write_raw (conn, head, body, strlen (body));
}

static const char not_authenticated[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
  "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body><soapenv:Fault>"
  "<faultcode>ServerFaultCode</faultcode><faultstring>The session is not authenticated."
  "</faultstring><detail><NotAuthenticatedFault xmlns=\"urn:vim25\" "
  "xsi:type=\"NotAuthenticated\"><object type=\"Folder\">ha-folder-root</object>"
  "<privilegeId>System.View</privilegeId></NotAuthenticatedFault></detail></soapenv:Fault>"
  "</soapenv:Body></soapenv:Envelope>";

static void
forwarded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Conn *conn = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GString *head;
  gsize size = 0;
  const char *data;
  gsize declared;
  gsize sent;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (g_cancellable_is_cancelled (conn->cancellable))
    {
      conn_free (conn);
      return;
    }
  if (body == NULL)
    {
      g_printerr ("# fault proxy: upstream %s %s: %s\n", conn->method, conn->path,
                  error->message);
      write_canned (conn, 502, "text/plain", "upstream failed");
      return;
    }
  data = g_bytes_get_data (body, &size);
  declared = size;
  sent = size;
  if (conn->faulty && conn->proxy->fault == FAULT_TRUNCATE)
    {
      declared = size + 64;
      sent = size / 2;
    }
  else if (conn->faulty && conn->proxy->fault == FAULT_OVERSIZE)
    {
      declared = VIGIE_HTTP_DEFAULT_MAX_RESPONSE + 1;
      sent = 0;
    }

  head = g_string_new (NULL);
  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", soup_message_get_status (message),
                          soup_message_get_reason_phrase (message));
  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (message));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "Content-Length") != 0 &&
        g_ascii_strcasecmp (name, "Transfer-Encoding") != 0 &&
        g_ascii_strcasecmp (name, "Content-Encoding") != 0 &&
        g_ascii_strcasecmp (name, "Connection") != 0 &&
        g_ascii_strcasecmp (name, "Keep-Alive") != 0)
      g_string_append_printf (head, "%s: %s\r\n", name, value);
  g_string_append_printf (head, "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n\r\n", declared);
  write_raw (conn, head, data, sent);
}

static gboolean
on_upstream_certificate (SoupMessage          *message,
                         GTlsCertificate      *certificate,
                         GTlsCertificateFlags  errors,
                         gpointer              user_data)
{
  FaultProxy *self = user_data;
  g_autofree char *seen = vigie_certificate_fingerprint (certificate);

  return g_strcmp0 (seen, self->upstream_fingerprint) == 0;
}

static void
forward (Conn *conn)
{
  FaultProxy *self = conn->proxy;
  g_autofree char *url = g_strconcat (self->upstream, conn->path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (conn->method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  for (guint i = 0; i < conn->headers->len; i++)
    {
      const char *line = g_ptr_array_index (conn->headers, i);
      const char *colon = strchr (line, ':');
      g_autofree char *name = NULL;

      if (colon == NULL)
        continue;
      name = g_strndup (line, colon - line);
      if (g_ascii_strcasecmp (name, "Host") == 0 ||
          g_ascii_strcasecmp (name, "Connection") == 0 ||
          g_ascii_strcasecmp (name, "Content-Length") == 0 ||
          g_ascii_strcasecmp (name, "Accept-Encoding") == 0)
        continue;
      soup_message_headers_append (headers, name, g_strstrip ((char *) colon + 1));
    }
  if (conn->body != NULL && g_bytes_get_size (conn->body) > 0)
    soup_message_set_request_body_from_bytes (message, NULL, conn->body);
  if (self->client_cert != NULL)
    soup_message_set_tls_client_certificate (message, self->client_cert);
  g_signal_connect (message, "accept-certificate", G_CALLBACK (on_upstream_certificate), self);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    conn->cancellable, forwarded_cb, conn);
}

static gboolean
is_login (Conn *conn)
{
  gsize size = 0;
  const char *body = conn->body ? g_bytes_get_data (conn->body, &size) : NULL;
  g_autofree char *text = body ? g_strndup (body, size) : NULL;

  return g_str_has_suffix (conn->path, "/access/ticket") ||
         strstr (conn->path, "/oauth2/token") != NULL ||
         (text != NULL && strstr (text, ":Login>") != NULL);
}

static gboolean
forward_later_cb (gpointer user_data)
{
  Conn *conn = user_data;

  conn->delay_id = 0;
  g_ptr_array_remove (conn->proxy->delayed, conn);
  forward (conn);
  return G_SOURCE_REMOVE;
}

/* A request that only reads: a GET, or a SOAP query. */
static gboolean
is_read (Conn *conn)
{
  gsize size = 0;
  const char *body = conn->body ? g_bytes_get_data (conn->body, &size) : NULL;
  g_autofree char *text = body ? g_strndup (body, size) : NULL;

  return g_str_equal (conn->method, "GET") || g_str_equal (conn->method, "HEAD") ||
         (text != NULL && strstr (text, "Retrieve") != NULL);
}

static void
handle (Conn *conn)
{
  FaultProxy *self = conn->proxy;
  struct linger linger = { 1, 0 };
  GSocket *socket;

  conn->faulty = self->armed && !(self->writes_only && is_read (conn));
  if (!conn->faulty)
    {
      forward (conn);
      return;
    }
  g_ptr_array_add (self->seen, g_strconcat (conn->method, is_login (conn) ? " login" : "",
                                            NULL));
  {
    g_autofree char *sum = conn->body != NULL
      ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, conn->body) : g_strdup ("-");

    g_ptr_array_add (self->keys, g_strdup_printf ("%s %s %s", conn->method, conn->path, sum));
  }
  switch (self->fault)
    {
    case FAULT_GARBAGE:
      write_raw (conn, g_string_new ("\x16\x03\x01 this is \xff\xfe not HTTP\r\n\r\n"), "", 0);
      break;
    case FAULT_HANG:
      g_ptr_array_add (self->held, conn);
      break;
    case FAULT_RESET:
      socket = g_socket_connection_get_socket (conn->base);
      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
      g_socket_close (socket, NULL);
      conn_free (conn);
      break;
    case FAULT_UNAUTHORIZED:
      if (self->soap)
        write_canned (conn, 500, "text/xml; charset=utf-8", not_authenticated);
      else
        write_canned (conn, 401, "application/json",
                      "{\"type\":\"error\",\"error\":\"not authorized\",\"error_code\":401,"
                      "\"message\":\"authentication failure\"}");
      break;
    case FAULT_UNAVAILABLE:
      write_canned (conn, 503, "application/json",
                    "{\"type\":\"error\",\"error\":\"unavailable\",\"error_code\":503,"
                    "\"message\":\"service unavailable\"}");
      break;
    case FAULT_SLOW:
      conn->delay_id = g_timeout_add (SLOW_DELAY_MS, forward_later_cb, conn);
      g_ptr_array_add (self->delayed, conn);
      break;
    case FAULT_TRUNCATE:
    case FAULT_OVERSIZE:
    case FAULT_CERTIFICATE:
    case N_FAULTS:
    default:
      forward (conn);
      break;
    }
}

static void
body_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Conn *conn = user_data;
  GBytes *bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);

  if (bytes == NULL || g_bytes_get_size (bytes) < conn->length ||
      g_cancellable_is_cancelled (conn->cancellable))
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      conn_free (conn);
      return;
    }
  conn->body = bytes;
  handle (conn);
}

static void
line_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Conn *conn = user_data;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish (conn->in, result, NULL, NULL);
  if (line == NULL || g_cancellable_is_cancelled (conn->cancellable))
    {
      conn_free (conn);
      return;
    }
  if (conn->method == NULL)
    {
      g_auto(GStrv) parts = g_strsplit (line, " ", 3);

      if (g_strv_length (parts) != 3)
        {
          conn_free (conn);
          return;
        }
      conn->method = g_strdup (parts[0]);
      conn->path = g_strdup (parts[1]);
    }
  else if (*line != '\0')
    {
      if (g_ascii_strncasecmp (line, "Content-Length:", 15) == 0)
        conn->length = g_ascii_strtoull (line + 15, NULL, 10);
      g_ptr_array_add (conn->headers, g_steal_pointer (&line));
    }
  else if (conn->length > 0)
    {
      /* One read is enough for the small bodies of these conversations. */
      g_input_stream_read_bytes_async (G_INPUT_STREAM (conn->in), conn->length,
                                       G_PRIORITY_DEFAULT, conn->cancellable, body_cb, conn);
      return;
    }
  else
    {
      handle (conn);
      return;
    }
  g_data_input_stream_read_line_async (conn->in, G_PRIORITY_DEFAULT, conn->cancellable,
                                       line_cb, conn);
}

static void
handshake_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Conn *conn = user_data;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), result, NULL) ||
      g_cancellable_is_cancelled (conn->cancellable))
    {
      conn_free (conn);
      return;
    }
  conn->in = g_data_input_stream_new (g_io_stream_get_input_stream (conn->tls));
  g_data_input_stream_set_newline_type (conn->in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  g_data_input_stream_read_line_async (conn->in, G_PRIORITY_DEFAULT, conn->cancellable,
                                       line_cb, conn);
}

static gboolean
accept_any (GTlsConnection       *connection,
            GTlsCertificate      *certificate,
            GTlsCertificateFlags  errors,
            gpointer              user_data)
{
  return TRUE;
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  FaultProxy *self = user_data;
  gboolean other = self->armed && self->fault == FAULT_CERTIFICATE;
  Conn *conn;
  GIOStream *tls;

  tls = g_tls_server_connection_new (G_IO_STREAM (connection),
                                     other ? self->other : self->certificate, NULL);
  g_assert_nonnull (tls);
  /* Incus authenticates by client certificate: ask for one, take any.
   * (Only then: glib-networking reports a reset after a request for a
   * certificate that the client did not send as "certificate required".) */
  if (self->client_cert != NULL)
    g_object_set (tls, "authentication-mode", G_TLS_AUTHENTICATION_REQUESTED, NULL);
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (accept_any), NULL);
  conn = g_new0 (Conn, 1);
  conn->proxy = self;
  conn->cancellable = g_object_ref (self->cancellable);
  conn->tls = tls;
  conn->base = g_object_ref (connection);
  conn->headers = g_ptr_array_new_with_free_func (g_free);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT,
                                    conn->cancellable, handshake_cb, conn);
  return TRUE;
}

static GTlsCertificate *
make_certificate (const char *name)
{
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *pem = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;

  g_assert_true (vigie_tls_generate_self_signed (name, VIGIE_KEY_EC_P256, "localhost",
                                                 "127.0.0.1", 30, &cert, &key, &error));
  pem = g_strconcat (cert, key, NULL);
  certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  return certificate;
}

FaultProxy *
fault_proxy_new (const char      *upstream_url,
                 const char      *upstream_fingerprint,
                 GTlsCertificate *upstream_client_cert,
                 gboolean         soap)
{
  FaultProxy *self = g_new0 (FaultProxy, 1);
  g_autoptr(GUri) uri = g_uri_parse (upstream_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;

  g_assert_nonnull (uri);
  self->upstream = g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                                    g_uri_get_port (uri));
  self->upstream_fingerprint = g_strdup (upstream_fingerprint);
  if (upstream_client_cert != NULL)
    self->client_cert = g_object_ref (upstream_client_cert);
  self->soap = soap;
  self->session = soup_session_new ();
  self->cancellable = g_cancellable_new ();
  self->seen = g_ptr_array_new_with_free_func (g_free);
  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->held = g_ptr_array_new_with_free_func ((GDestroyNotify) conn_free);
  self->delayed = g_ptr_array_new ();
  self->certificate = make_certificate ("fault-proxy");
  self->other = make_certificate ("fault-proxy-other");
  self->fingerprint = vigie_certificate_fingerprint (self->certificate);

  self->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming), self);
  g_socket_service_start (self->service);
  path = g_uri_get_path (uri);
  self->url = g_strdup_printf ("https://127.0.0.1:%u%s",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)),
                               path != NULL ? path : "");
  return self;
}

void
fault_proxy_free (FaultProxy *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  g_ptr_array_unref (self->held);
  for (guint i = 0; i < self->delayed->len; i++)
    {
      Conn *conn = g_ptr_array_index (self->delayed, i);

      g_clear_handle_id (&conn->delay_id, g_source_remove);
      conn_free (conn);
    }
  g_ptr_array_unref (self->delayed);
  g_ptr_array_unref (self->seen);
  g_ptr_array_unref (self->keys);
  soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->certificate);
  g_clear_object (&self->other);
  g_clear_object (&self->client_cert);
  g_free (self->url);
  g_free (self->fingerprint);
  g_free (self->upstream);
  g_free (self->upstream_fingerprint);
  g_free (self);
}

const char *
fault_proxy_get_url (FaultProxy *self)
{
  return self->url;
}

const char *
fault_proxy_get_fingerprint (FaultProxy *self)
{
  return self->fingerprint;
}

void
fault_proxy_arm (FaultProxy *self,
                 Fault       fault)
{
  self->armed = TRUE;
  self->writes_only = FALSE;
  self->fault = fault;
  g_ptr_array_set_size (self->seen, 0);
  g_ptr_array_set_size (self->keys, 0);
}

void
fault_proxy_arm_writes (FaultProxy *self,
                        Fault       fault)
{
  fault_proxy_arm (self, fault);
  self->writes_only = TRUE;
}

guint
fault_proxy_count_repeats (FaultProxy *self,
                           const char *method)
{
  g_autofree char *prefix = g_strconcat (method, " ", NULL);
  guint n = 0;

  for (guint i = 0; i < self->keys->len; i++)
    {
      const char *key = g_ptr_array_index (self->keys, i);

      if (!g_str_has_prefix (key, prefix))
        continue;
      for (guint j = 0; j < i; j++)
        if (g_str_equal (key, g_ptr_array_index (self->keys, j)))
          {
            n++;
            break;
          }
    }
  return n;
}

guint
fault_proxy_count (FaultProxy *self,
                   const char *what)
{
  guint n = 0;

  for (guint i = 0; i < self->seen->len; i++)
    {
      const char *entry = g_ptr_array_index (self->seen, i);

      if (what == NULL ||
          (g_str_equal (what, "login") && g_str_has_suffix (entry, " login")) ||
          (!g_str_equal (what, "login") && g_str_has_prefix (entry, what) &&
           (entry[strlen (what)] == '\0' || entry[strlen (what)] == ' ')))
        n++;
    }
  return n;
}
