/* test-http-client.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The HTTP client against in-process SoupServers on 127.0.0.1 (and on a
 * Unix socket), with certificates made by vigie_tls_generate_self_signed.
 * The client's TLS database trusts only an unrelated CA, so every server
 * certificate goes through the pin check.
 */

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>

#include "vigie-endpoint.h"
#include "vigie-error.h"
#include "vigie-http-client.h"
#include "vigie-tls.h"
#include "vigie-url-policy.h"

typedef struct {
  char            *dir;
  GTlsCertificate *server_cert;
  GTlsCertificate *client_cert;
  GTlsDatabase    *database;      /* trusts an unrelated CA only */
  SoupServer      *server;
  char            *url;           /* https://127.0.0.1:PORT */
  GPtrArray       *paused;
  guint            unavailable;   /* requests to /503 and /503-once */
} Fixture;

static GTlsCertificate *
make_certificate (const char *cn,
                  char      **cert_pem_out)
{
  g_autofree char *cert_pem = NULL;
  g_autofree char *key_pem = NULL;
  g_autofree char *both = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificate *cert;

  g_assert_true (vigie_tls_generate_self_signed (cn, VIGIE_KEY_EC_P256, "localhost",
                                                 "127.0.0.1", 2, &cert_pem, &key_pem, &error));
  g_assert_no_error (error);
  both = g_strconcat (cert_pem, "\n", key_pem, NULL);
  cert = g_tls_certificate_new_from_pem (both, -1, &error);
  g_assert_no_error (error);
  if (cert_pem_out != NULL)
    *cert_pem_out = g_steal_pointer (&cert_pem);
  return cert;
}

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *reason,
       const char        *type,
       const char        *body)
{
  soup_server_message_set_status (msg, status, reason);
  if (body != NULL)
    soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;

  if (g_str_equal (path, "/ok"))
    reply (msg, 200, NULL, "application/json", "{\"ok\": true, \"path\": \"/ok\"}");
  else if (g_str_equal (path, "/big"))
    {
      g_autofree char *big = g_strnfill (4096, 'x');
      g_autofree char *json = g_strdup_printf ("{\"x\": \"%s\"}", big);

      reply (msg, 200, NULL, "application/json", json);
    }
  else if (g_str_equal (path, "/bad-json"))
    reply (msg, 200, NULL, "application/json", "{\"unterminated\": [1, 2");
  else if (g_str_equal (path, "/401"))
    reply (msg, 401, "Unauthorized", "application/json",
           "{\"message\": \"authentication failure for root@pam\"}");
  else if (g_str_equal (path, "/500"))
    reply (msg, 500, "Database on fire", NULL, NULL);
  else if (g_str_equal (path, "/503") ||
           (g_str_equal (path, "/503-once") && fixture->unavailable == 0))
    {
      fixture->unavailable++;
      reply (msg, 503, "Busy", "text/plain", "busy");
    }
  else if (g_str_equal (path, "/503-once"))
    {
      SoupMessageBody *request = soup_server_message_get_request_body (msg);
      g_autofree char *echo = g_strdup_printf ("{\"ok\": true, \"body\": \"%.*s\"}",
                                               (int) request->length, request->data);

      fixture->unavailable++;
      /* The body the second attempt carried (a resent POST's must be whole). */
      reply (msg, 200, NULL, "application/json", echo);
    }
  else if (g_str_equal (path, "/hang"))
    {
      g_ptr_array_add (fixture->paused, g_object_ref (msg));
      soup_server_message_pause (msg);
    }
  else
    reply (msg, 404, NULL, NULL, NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GTlsCertificate) unrelated = NULL;
  g_autofree char *unrelated_pem = NULL;
  g_autofree char *ca_path = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->dir = g_dir_make_tmp ("vigie-http-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->server_cert = make_certificate ("vigie-test-server", NULL);
  fixture->client_cert = make_certificate ("vigie-test-client", NULL);

  unrelated = make_certificate ("unrelated-ca", &unrelated_pem);
  ca_path = g_build_filename (fixture->dir, "ca.pem", NULL);
  g_assert_true (g_file_set_contents (ca_path, unrelated_pem, -1, NULL));
  fixture->database = g_tls_file_database_new (ca_path, &error);
  g_assert_no_error (error);

  fixture->server = soup_server_new ("tls-certificate", fixture->server_cert, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY |
                                           SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *ca_path = g_build_filename (fixture->dir, "ca.pem", NULL);

  soup_server_disconnect (fixture->server);
  g_clear_pointer (&fixture->paused, g_ptr_array_unref);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->server_cert);
  g_clear_object (&fixture->client_cert);
  g_clear_object (&fixture->database);
  g_remove (ca_path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->url);
}

static VigieHttpClient *
make_client (Fixture    *fixture,
             const char *url)
{
  g_autoptr(GError) error = NULL;
  VigieHttpClient *client = vigie_http_client_new (url != NULL ? url : fixture->url, &error);

  g_assert_no_error (error);
  vigie_http_client_set_tls_database (client, fixture->database);
  vigie_http_client_set_timeout (client, 10);
  return client;
}

static void
save_result (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static JsonNode *
get_json (VigieHttpClient  *client,
          const char       *path,
          guint            *status,
          GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vigie_http_client_request_json_async (client, "GET", path, NULL, NULL, NULL,
                                        save_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return vigie_http_client_request_json_finish (client, result, status, error);
}

static char *
server_fingerprint (Fixture *fixture)
{
  return vigie_certificate_fingerprint (fixture->server_cert);
}

static void
test_pinned (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, NULL);
  g_autofree char *fp = server_fingerprint (fixture);
  g_autofree char *formatted = vigie_fingerprint_format (fp);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  /* The pin is accepted in the AA:BB:… form people copy. */
  vigie_http_client_set_pinned_fingerprint (client, formatted);
  g_assert_cmpstr (vigie_http_client_get_pinned_fingerprint (client), ==, fp);
  root = get_json (client, "/ok", &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "ok"));
}

static void
test_pin_mismatch (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, NULL);
  g_autofree char *fp = server_fingerprint (fixture);
  g_autofree char *seen = vigie_fingerprint_format (fp);
  const char *wrong = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  g_autofree char *was = vigie_fingerprint_format (wrong);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  vigie_http_client_set_pinned_fingerprint (client, wrong);
  root = get_json (client, "/ok", NULL, &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED);
  g_assert_nonnull (strstr (error->message, was));
  g_assert_nonnull (strstr (error->message, seen));
  g_assert_cmpstr (vigie_http_client_get_presented_certificate (client)->fingerprint, ==, fp);
}

static void
test_unpinned (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, NULL);
  g_autoptr(VigieCertificateInfo) expected = NULL;
  g_autofree char *formatted = NULL;
  const VigieCertificateInfo *presented;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (vigie_http_client_get_presented_certificate (client));
  root = get_json (client, "/ok", NULL, &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_UNTRUSTED);

  expected = vigie_certificate_info_new_from_certificate (fixture->server_cert);
  presented = vigie_http_client_get_presented_certificate (client);
  g_assert_nonnull (presented);
  g_assert_cmpstr (presented->fingerprint, ==, expected->fingerprint);
  g_assert_cmpuint (strlen (presented->fingerprint), ==, 64);
  g_assert_cmpstr (presented->subject, ==, expected->subject);
  g_assert_nonnull (strstr (presented->subject, "vigie-test-server"));
  g_assert_cmpstr (presented->issuer, ==, expected->issuer);
  g_assert_cmpint (presented->not_before, ==, expected->not_before);
  g_assert_cmpint (presented->not_after, ==, expected->not_after);
  g_assert_cmpint (presented->not_before, <, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpint (presented->not_after, >, g_get_real_time () / G_USEC_PER_SEC);
  formatted = vigie_fingerprint_format (presented->fingerprint);
  g_assert_nonnull (strstr (error->message, formatted));

  /* Pinning what was presented (trust on first use) then works. */
  g_clear_error (&error);
  vigie_http_client_set_pinned_fingerprint (client, presented->fingerprint);
  root = get_json (client, "/ok", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
}

static gboolean
on_server_accept_certificate (SoupServerMessage    *msg,
                              GTlsCertificate      *certificate,
                              GTlsCertificateFlags  errors,
                              gpointer              user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *want = vigie_certificate_fingerprint (fixture->client_cert);
  g_autofree char *got = vigie_certificate_fingerprint (certificate);

  return g_strcmp0 (want, got) == 0;
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (on_server_accept_certificate),
                    user_data);
}

/* G19: a certificate the TLS database trusts never reaches
 * accept-certificate; a pin must still hold for it. */
static void
test_trusted_but_pinned (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, NULL);
  g_autofree char *pem = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "server-ca.pem", NULL);
  g_autofree char *fp = server_fingerprint (fixture);
  const char *wrong = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  g_autoptr(GTlsDatabase) trusting = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  g_object_get (fixture->server_cert, "certificate-pem", &pem, NULL);
  g_assert_true (g_file_set_contents (path, pem, -1, NULL));
  trusting = g_tls_file_database_new (path, &error);
  g_assert_no_error (error);
  vigie_http_client_set_tls_database (client, trusting);

  /* Trusted without a pin: the database alone accepts it. */
  root = get_json (client, "/ok", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&root, json_node_unref);

  vigie_http_client_set_pinned_fingerprint (client, fp);
  root = get_json (client, "/ok", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&root, json_node_unref);

  vigie_http_client_set_pinned_fingerprint (client, wrong);
  root = get_json (client, "/ok", NULL, &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED);
  g_assert_cmpstr (vigie_http_client_get_presented_certificate (client)->fingerprint, ==, fp);
  g_remove (path);
}

static void
test_client_certificate (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(VigieHttpClient) with = NULL;
  g_autoptr(VigieHttpClient) without = NULL;
  g_autoptr(VigieHttpClient) other = NULL;
  g_autoptr(GTlsCertificate) stranger = make_certificate ("stranger", NULL);
  g_autofree char *fp = server_fingerprint (fixture);
  g_autofree char *url = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server = soup_server_new ("tls-certificate", fixture->server_cert, NULL);
  soup_server_set_tls_auth_mode (server, G_TLS_AUTHENTICATION_REQUIRED);
  /* G18: the server asks accept-certificate for every client certificate. */
  g_signal_connect (server, "request-started", G_CALLBACK (on_request_started), fixture);
  soup_server_add_handler (server, NULL, server_cb, fixture, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY |
                                                      SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  with = make_client (fixture, url);
  vigie_http_client_set_pinned_fingerprint (with, fp);
  vigie_http_client_set_client_certificate (with, fixture->client_cert);
  root = get_json (with, "/ok", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_clear_pointer (&root, json_node_unref);

  without = make_client (fixture, url);
  vigie_http_client_set_pinned_fingerprint (without, fp);
  root = get_json (without, "/ok", NULL, &error);
  g_assert_null (root);
  /* G20: the failure takes several shapes; it is an error of ours, never a
   * certificate problem on the server's side. */
  g_assert_nonnull (error);
  g_assert_true (error->domain == VIGIE_ERROR);
  g_assert_cmpint (error->code, !=, VIGIE_ERROR_UNTRUSTED);
  g_assert_cmpint (error->code, !=, VIGIE_ERROR_CERTIFICATE_CHANGED);
  g_clear_error (&error);

  other = make_client (fixture, url);
  vigie_http_client_set_pinned_fingerprint (other, fp);
  vigie_http_client_set_client_certificate (other, stranger);
  root = get_json (other, "/ok", NULL, &error);
  g_assert_null (root);
  g_assert_nonnull (error);
  g_assert_true (error->domain == VIGIE_ERROR);

  soup_server_disconnect (server);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, NULL);
  g_autofree char *fp = server_fingerprint (fixture);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  vigie_http_client_set_pinned_fingerprint (client, fp);
  vigie_http_client_set_timeout (client, 1);
  start = g_get_monotonic_time ();
  root = get_json (client, "/hang", NULL, &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  g_assert_cmpuint (fixture->paused->len, ==, 1);
}

static void
test_max_size (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, NULL);
  g_autofree char *fp = server_fingerprint (fixture);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  vigie_http_client_set_pinned_fingerprint (client, fp);
  vigie_http_client_set_max_response_size (client, 1024);
  root = get_json (client, "/big", NULL, &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);

  /* The same reply fits a larger limit. */
  g_clear_error (&error);
  vigie_http_client_set_max_response_size (client, 8192);
  root = get_json (client, "/big", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
}

static void
test_http_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, NULL);
  g_autofree char *fp = server_fingerprint (fixture);
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  guint status = 0;

  vigie_http_client_set_pinned_fingerprint (client, fp);

  root = get_json (client, "/bad-json", &status, &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  g_assert_cmpuint (status, ==, 200);
  g_clear_error (&error);

  root = get_json (client, "/401", &status, &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED);
  g_assert_cmpuint (status, ==, 401);
  g_assert_nonnull (strstr (error->message, "authentication failure for root@pam"));
  g_clear_error (&error);

  root = get_json (client, "/500", &status, &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_FAILED);
  g_assert_cmpuint (status, ==, 500);
  g_assert_nonnull (strstr (error->message, "Database on fire"));
  g_assert_nonnull (strstr (error->message, "500"));
}

/* A read answered 503 is tried three times; a POST is never tried again. */
static void
test_retry_reads (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, NULL);
  g_autofree char *fp = server_fingerprint (fixture);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GBytes) query = g_bytes_new_static ("RetrieveProperties", 18);
  g_autofree char *text = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) reply = NULL;
  guint status = 0;

  vigie_http_client_set_pinned_fingerprint (client, fp);

  root = get_json (client, "/503", &status, &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_FAILED);
  g_assert_cmpuint (status, ==, 503);
  g_assert_cmpuint (fixture->unavailable, ==, 3);
  g_clear_error (&error);

  fixture->unavailable = 0;
  vigie_http_client_request_json_async (client, "POST", "/503", body, NULL, NULL,
                                        save_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  root = vigie_http_client_request_json_finish (client, result, &status, &error);
  g_assert_null (root);
  g_assert_cmpuint (status, ==, 503);
  g_assert_cmpuint (fixture->unavailable, ==, 1);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A POST its backend marked read-only (ESXi's SOAP queries) is sent
   * again like a GET. */
  fixture->unavailable = 0;
  message = vigie_http_client_new_message (client, "POST", "/503");
  vigie_http_message_set_read_only_body (message, "application/json", body);
  g_assert_true (vigie_http_message_is_read_only (message));
  vigie_http_client_send_async (client, message, NULL, save_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = vigie_http_client_send_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpuint (soup_message_get_status (message), ==, 503);
  g_assert_cmpuint (fixture->unavailable, ==, 3);
  g_clear_object (&result);
  g_clear_object (&message);
  g_clear_pointer (&reply, g_bytes_unref);

  /* Answered at the second attempt, which carried the whole body again. */
  fixture->unavailable = 0;
  message = vigie_http_client_new_message (client, "POST", "/503-once");
  vigie_http_message_set_read_only_body (message, "text/plain", query);
  vigie_http_client_send_async (client, message, NULL, save_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = vigie_http_client_send_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  g_assert_cmpuint (fixture->unavailable, ==, 2);
  text = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  g_assert_nonnull (strstr (text, "\"body\": \"RetrieveProperties\""));

  fixture->unavailable = 0;
  root = get_json (client, "/503-once", &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (fixture->unavailable, ==, 2);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(VigieHttpClient) client = NULL;
  g_autofree char *url = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  /* A port that was free a moment ago, and is closed again. */
  g_assert_true (g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective,
                                                &error));
  g_assert_no_error (error);
  url = g_strdup_printf ("https://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  g_socket_listener_close (listener);

  client = make_client (fixture, url);
  root = get_json (client, "/ok", NULL, &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_UNREACHABLE);
}

static void
test_unix_socket (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "s.sock", NULL);
  g_autofree char *url = g_strconcat ("unix:", path, NULL);
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(VigieHttpClient) client = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                         &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_no_error (error);
  soup_server_add_handler (server, NULL, server_cb, fixture, NULL);
  g_assert_true (soup_server_listen_socket (server, socket, 0, &error));
  g_assert_no_error (error);

  client = make_client (fixture, url);
  g_assert_cmpstr (vigie_http_client_get_base_url (client), ==, url);
  root = get_json (client, "/ok", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "path"), ==,
                   "/ok");

  soup_server_disconnect (server);
  g_remove (path);
}

static void
test_bad_urls (void)
{
  const char *bad[] = { "ftp://x", "unix:", "not a url", "https://", "file:///etc/passwd" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieHttpClient) client = vigie_http_client_new (bad[i], &error);

      g_assert_null (client);
      g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
    }
}

static void
websocket_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_websocket_deadline (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, NULL);
  g_autoptr(GCancellable) mine = g_cancellable_new ();
  g_autofree char *fp = server_fingerprint (fixture);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SoupWebsocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;

  vigie_http_client_set_pinned_fingerprint (client, fp);
  vigie_http_client_set_timeout (client, 1);
  message = vigie_http_client_new_message (client, "GET", "/hang");
  vigie_http_client_websocket_async (client, message, NULL, mine, websocket_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  conn = vigie_http_client_websocket_finish (client, result, &error);
  g_assert_null (conn);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_TIMEOUT);
  /* The deadline is the client's own business, not the caller's. */
  g_assert_false (g_cancellable_is_cancelled (mine));
}

static void
test_redaction (void)
{
  static const char *dropped[] = {
    "Authorization: Basic cm9vdDpzZWNyZXQ=",
    "authorization: PVEAPIToken=root@pam!vigie=1234",
    "Cookie: PVEAuthCookie=PVE:root@pam:ABC",
    "Set-Cookie: PBSAuthCookie=xyz",
    "CSRFPreventionToken: 5F00:abc",
    "X-Custom: PVEAPIToken=root@pam!t=abcd",
    "X-Other: Bearer eyJhbGciOi",
  };
  static const char *kept[] = {
    "Content-Type: application/json",
    "Host: 127.0.0.1:8006",
    "GET /api2/json/version HTTP/1.1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dropped); i++)
    {
      g_autofree char *line = vigie_http_redact_header_line (dropped[i]);
      g_assert_null (line);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *line = vigie_http_redact_header_line (kept[i]);
      g_assert_cmpstr (line, ==, kept[i]);
    }
}

static void
capture_log (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        user_data)
{
  g_ptr_array_add (user_data, g_strdup (message));
}

static void
test_debug_log_redacted (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *fp = server_fingerprint (fixture);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saw_request = FALSE;
  guint handler;

  /* The logger is added when the client is made. */
  g_setenv ("VIGIE_HTTP_DEBUG", "1", TRUE);
  client = make_client (fixture, NULL);
  g_unsetenv ("VIGIE_HTTP_DEBUG");
  handler = g_log_set_handler ("vigie-http", G_LOG_LEVEL_DEBUG, capture_log, lines);

  vigie_http_client_set_pinned_fingerprint (client, fp);
  vigie_http_client_set_header (client, "Authorization", "PVEAPIToken=root@pam!t=SECRET-XYZ");
  vigie_http_client_set_header (client, "Cookie", "PVEAuthCookie=SECRET-XYZ");
  vigie_http_client_set_header (client, "CSRFPreventionToken", "SECRET-XYZ");
  root = get_json (client, "/ok", NULL, &error);
  g_assert_no_error (error);
  g_log_remove_handler ("vigie-http", handler);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      g_assert_null (strstr (line, "SECRET-XYZ"));
      if (strstr (line, "GET /ok") != NULL)
        saw_request = TRUE;
    }
  /* The log did run: the request line is there, the secrets are not. */
  g_assert_true (saw_request);
}

static void
test_status_error (void)
{
  static const char json[] = "{\"errors\": {\"name\": \"bad\"}}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) forbidden = vigie_http_status_error (403, "Forbidden", NULL);
  g_autoptr(GError) detail = vigie_http_status_error (400, "Bad Request", body);

  g_assert_error (forbidden, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (forbidden->message, "Forbidden"));
  g_assert_error (detail, VIGIE_ERROR, VIGIE_ERROR_FAILED);
  g_assert_nonnull (strstr (detail->message, "bad"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/vigie/http-client/pinned", test_pinned);
  ADD ("/vigie/http-client/pin-mismatch", test_pin_mismatch);
  ADD ("/vigie/http-client/unpinned", test_unpinned);
  ADD ("/vigie/http-client/trusted-but-pinned", test_trusted_but_pinned);
  ADD ("/vigie/http-client/client-certificate", test_client_certificate);
  ADD ("/vigie/http-client/timeout", test_timeout);
  ADD ("/vigie/http-client/max-size", test_max_size);
  ADD ("/vigie/http-client/http-errors", test_http_errors);
  ADD ("/vigie/http-client/retry-reads", test_retry_reads);
  ADD ("/vigie/http-client/refused", test_refused);
  ADD ("/vigie/http-client/unix-socket", test_unix_socket);
  ADD ("/vigie/http-client/websocket-deadline", test_websocket_deadline);
  ADD ("/vigie/http-client/debug-log-redacted", test_debug_log_redacted);
#undef ADD
  g_test_add_func ("/vigie/http-client/bad-urls", test_bad_urls);
  g_test_add_func ("/vigie/http-client/redaction", test_redaction);
  g_test_add_func ("/vigie/http-client/status-error", test_status_error);

  return g_test_run ();
}
