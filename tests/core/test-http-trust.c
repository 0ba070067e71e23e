/* test-http-trust.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the HTTP client lets reach a server, seen from the server's side.
 * The server's certificate is issued by a test CA that the client's TLS
 * database trusts, as a public CA would be: a pin to another certificate
 * must refuse it during the handshake, so the server records no request at
 * all (not one that was answered and then thrown away). Also: redirects
 * are followed within the same origin only, and the URL policy.
 */

#include <string.h>
#include <arpa/inet.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "vigie-endpoint.h"
#include "vigie-error.h"
#include "vigie-http-client.h"
#include "vigie-pin-database.h"
#include "vigie-url-policy.h"

#define WRONG_PIN "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

typedef struct {
  char            *dir;
  char            *ca_path;
  GTlsDatabase    *ca_database;   /* trusts the test CA */
  GTlsCertificate *server_cert;   /* issued by the test CA, for 127.0.0.1 */
  char            *server_fp;
  SoupServer      *server;
  char            *url;
  guint            requests;      /* requests the server read */
  GPtrArray       *websockets;
  /* A plain-HTTP server beside it, for redirects to another scheme. */
  SoupServer      *plain;
  char            *plain_url;
  guint            plain_requests;
  guint            plain_cookies;
} Fixture;

/* Certificates */

static void
must (int ret)
{
  if (ret < 0)
    g_error ("gnutls: %s", gnutls_strerror (ret));
}

static char *
export_crt (gnutls_x509_crt_t crt)
{
  gnutls_datum_t out = { NULL, 0 };
  char *pem;

  must (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &out));
  pem = g_strndup ((const char *) out.data, out.size);
  gnutls_free (out.data);
  return pem;
}

static char *
export_key (gnutls_x509_privkey_t key)
{
  gnutls_datum_t out = { NULL, 0 };
  char *pem;

  must (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN,
                                           &out));
  pem = g_strndup ((const char *) out.data, out.size);
  gnutls_free (out.data);
  return pem;
}

static void
make_crt (const char             *dn,
          gboolean                is_ca,
          gnutls_x509_crt_t       issuer,
          gnutls_x509_privkey_t   issuer_key,
          gnutls_x509_crt_t      *crt_out,
          gnutls_x509_privkey_t  *key_out)
{
  gnutls_x509_crt_t crt;
  gnutls_x509_privkey_t key;
  const char *err = NULL;
  guint8 serial[16];
  guint8 id[64];
  size_t id_size = sizeof id;
  time_t now = time (NULL);

  for (guint i = 0; i < sizeof serial; i++)
    serial[i] = g_random_int_range (0, 256);
  serial[0] &= 0x7f;
  must (gnutls_x509_privkey_init (&key));
  must (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                      GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0));
  must (gnutls_x509_crt_init (&crt));
  must (gnutls_x509_crt_set_version (crt, 3));
  must (gnutls_x509_crt_set_serial (crt, serial, sizeof serial));
  must (gnutls_x509_crt_set_activation_time (crt, now - 3600));
  must (gnutls_x509_crt_set_expiration_time (crt, now + 2 * 86400));
  must (gnutls_x509_crt_set_dn (crt, dn, &err));
  must (gnutls_x509_crt_set_key (crt, key));
  must (gnutls_x509_crt_get_key_id (crt, 0, id, &id_size));
  must (gnutls_x509_crt_set_subject_key_id (crt, id, id_size));
  if (is_ca)
    {
      must (gnutls_x509_crt_set_basic_constraints (crt, 1, -1));
      must (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN));
    }
  else
    {
      guint8 addr[4];

      must (gnutls_x509_crt_set_basic_constraints (crt, 0, -1));
      must (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE));
      must (gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0));
      g_assert_cmpint (inet_pton (AF_INET, "127.0.0.1", addr), ==, 1);
      must (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, addr, 4,
                                                  GNUTLS_FSAN_APPEND));
      must (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, "localhost",
                                                  strlen ("localhost"), GNUTLS_FSAN_APPEND));
      id_size = sizeof id;
      must (gnutls_x509_crt_get_subject_key_id (issuer, id, &id_size, NULL));
      must (gnutls_x509_crt_set_authority_key_id (crt, id, id_size));
    }
  must (gnutls_x509_crt_sign2 (crt, issuer != NULL ? issuer : crt,
                               issuer_key != NULL ? issuer_key : key, GNUTLS_DIG_SHA256, 0));
  *crt_out = crt;
  *key_out = key;
}

/* Server */

static void
on_request_read (SoupServer        *server,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (server == fixture->server)
    fixture->requests++;
  else
    {
      fixture->plain_requests++;
      if (soup_message_headers_get_one (headers, "Cookie") != NULL)
        fixture->plain_cookies++;
    }
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  static const char ok[] = "{\"ok\": true}";

  if (g_str_equal (path, "/ok"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, ok,
                                        strlen (ok));
    }
  else if (g_str_equal (path, "/moved"))
    {
      soup_server_message_set_redirect (msg, 302, "/ok");
    }
  else if (g_str_equal (path, "/loop"))
    {
      soup_server_message_set_redirect (msg, 307, "/loop");
    }
  else if (g_str_equal (path, "/to-plain"))
    {
      g_autofree char *target = g_strdup_printf ("%s/ok?ticket=SECRET-TICKET", fixture->plain_url);

      soup_server_message_set_status (msg, 302, NULL);
      soup_message_headers_replace (headers, "Location", target);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static void
websocket_cb (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *connection,
              gpointer                 user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->websockets, g_object_ref (connection));
}

static char *
listen_url (SoupServer *server,
            gboolean    https)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *url;

  g_assert_true (soup_server_listen_local (server, 0,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY |
                                           (https ? SOUP_SERVER_LISTEN_HTTPS : 0), &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("%s://127.0.0.1:%d", https ? "https" : "http",
                         g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  gnutls_x509_crt_t ca, leaf;
  gnutls_x509_privkey_t ca_key, leaf_key;
  g_autofree char *ca_pem = NULL;
  g_autofree char *leaf_pem = NULL;
  g_autofree char *leaf_key_pem = NULL;
  g_autofree char *both = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("vigie-trust-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->websockets = g_ptr_array_new_with_free_func (g_object_unref);

  make_crt ("CN=Vigie Test CA,O=Vigie", TRUE, NULL, NULL, &ca, &ca_key);
  make_crt ("CN=127.0.0.1,O=Vigie", FALSE, ca, ca_key, &leaf, &leaf_key);
  ca_pem = export_crt (ca);
  leaf_pem = export_crt (leaf);
  leaf_key_pem = export_key (leaf_key);
  gnutls_x509_crt_deinit (ca);
  gnutls_x509_crt_deinit (leaf);
  gnutls_x509_privkey_deinit (ca_key);
  gnutls_x509_privkey_deinit (leaf_key);

  fixture->ca_path = g_build_filename (fixture->dir, "ca.pem", NULL);
  g_assert_true (g_file_set_contents (fixture->ca_path, ca_pem, -1, NULL));
  fixture->ca_database = g_tls_file_database_new (fixture->ca_path, &error);
  g_assert_no_error (error);
  both = g_strconcat (leaf_pem, "\n", leaf_key_pem, NULL);
  fixture->server_cert = g_tls_certificate_new_from_pem (both, -1, &error);
  g_assert_no_error (error);
  fixture->server_fp = vigie_certificate_fingerprint (fixture->server_cert);

  fixture->server = soup_server_new ("tls-certificate", fixture->server_cert, NULL);
  g_signal_connect (fixture->server, "request-read", G_CALLBACK (on_request_read), fixture);
  soup_server_add_websocket_handler (fixture->server, "/ws", NULL, NULL, websocket_cb, fixture,
                                     NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  fixture->url = listen_url (fixture->server, TRUE);

  fixture->plain = soup_server_new (NULL, NULL);
  g_signal_connect (fixture->plain, "request-read", G_CALLBACK (on_request_read), fixture);
  soup_server_add_handler (fixture->plain, NULL, server_cb, fixture, NULL);
  fixture->plain_url = listen_url (fixture->plain, FALSE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  soup_server_disconnect (fixture->server);
  soup_server_disconnect (fixture->plain);
  g_clear_pointer (&fixture->websockets, g_ptr_array_unref);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->plain);
  g_clear_object (&fixture->server_cert);
  g_clear_object (&fixture->ca_database);
  g_remove (fixture->ca_path);
  g_rmdir (fixture->dir);
  g_free (fixture->ca_path);
  g_free (fixture->dir);
  g_free (fixture->url);
  g_free (fixture->plain_url);
  g_free (fixture->server_fp);
}

/* Client */

static VigieHttpClient *
make_client (Fixture    *fixture,
             const char *pin)
{
  g_autoptr(GError) error = NULL;
  VigieHttpClient *client = vigie_http_client_new (fixture->url, &error);

  g_assert_no_error (error);
  vigie_http_client_set_tls_database (client, fixture->ca_database);
  vigie_http_client_set_timeout (client, 20);
  vigie_http_client_set_pinned_fingerprint (client, pin);
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
          GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vigie_http_client_request_json_async (client, "GET", path, NULL, NULL, NULL,
                                        save_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return vigie_http_client_request_json_finish (client, result, NULL, error);
}

static SoupWebsocketConnection *
open_websocket (VigieHttpClient  *client,
                GError          **error)
{
  g_autoptr(SoupMessage) message = vigie_http_client_new_message (client, "GET", "/ws");
  g_autoptr(GAsyncResult) result = NULL;

  vigie_http_client_websocket_async (client, message, NULL, NULL, save_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return vigie_http_client_websocket_finish (client, result, error);
}

/* Lets the server side run whatever the client's last step queued. */
static void
settle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Without a pin the test CA decides: the path the pin must override. */
static void
test_ca_trusted (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = get_json (client, "/ok", &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_cmpuint (fixture->requests, ==, 1);
}

/* A pinned client never needs the system's CAs: the process's default
 * database is the lazy pin database, so glib-networking does not parse the
 * CA bundle for each new connection's default; the pin still decides. */
static void
test_pinned_loads_no_system_cas (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (fixture->url, &error);
  g_autoptr(GTlsDatabase) fallback = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_no_error (error);
  vigie_http_client_set_pinned_fingerprint (client, fixture->server_fp);
  root = get_json (client, "/ok", &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  fallback = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  g_assert_true (VIGIE_IS_PIN_DATABASE (fallback));
  g_assert_null (vigie_pin_database_dup_pin (VIGIE_PIN_DATABASE (fallback)));
  g_clear_pointer (&root, json_node_unref);

  /* Without a pin, the lazy default still refuses what no CA signed. */
  vigie_http_client_set_pinned_fingerprint (client, NULL);
  root = get_json (client, "/ok", &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_UNTRUSTED);
}

static void
test_pin_mismatch_sends_nothing (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, WRONG_PIN);
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  vigie_http_client_set_header (client, "Authorization", "PVEAPIToken=root@pam!t=SECRET");
  root = get_json (client, "/ok", &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED);
  g_assert_cmpstr (vigie_http_client_get_presented_certificate (client)->fingerprint, ==,
                   fixture->server_fp);
  g_clear_error (&error);

  ws = open_websocket (client, &error);
  g_assert_null (ws);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED);
  g_clear_error (&error);

  /* A second attempt, on what could have been a kept-alive connection. */
  root = get_json (client, "/ok", &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED);

  settle ();
  g_assert_cmpuint (fixture->requests, ==, 0);
  g_assert_cmpuint (fixture->websockets->len, ==, 0);
}

static void
test_pin_match (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, fixture->server_fp);
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = get_json (client, "/ok", &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  ws = open_websocket (client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ws);
  soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_assert_cmpuint (fixture->requests, ==, 2);
}

/* A pin changed on a client that has a kept-alive connection applies to
 * the next request: that connection was verified under the old pin. */
static void
test_pin_change_applies_at_once (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, fixture->server_fp);
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (vigie_http_client_set_cookie (client, "PVEAuthCookie", "SECRET-TICKET"));
  root = get_json (client, "/ok", &error);
  g_assert_no_error (error);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (fixture->requests, ==, 1);

  vigie_http_client_set_pinned_fingerprint (client, WRONG_PIN);
  root = get_json (client, "/ok", &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED);
  g_clear_error (&error);
  ws = open_websocket (client, &error);
  g_assert_null (ws);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED);
  settle ();
  g_assert_cmpuint (fixture->requests, ==, 1);

  /* Back to the right pin: it works again, cookies kept. */
  g_clear_error (&error);
  vigie_http_client_set_pinned_fingerprint (client, fixture->server_fp);
  root = get_json (client, "/ok", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->requests, ==, 2);
}

/* Another client of the same process, with the wrong pin, gets nothing
 * from the first one's TLS session (no resumption past the check). */
static void
test_other_client_wrong_pin (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(VigieHttpClient) good = make_client (fixture, fixture->server_fp);
  g_autoptr(VigieHttpClient) bad = make_client (fixture, WRONG_PIN);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = get_json (good, "/ok", &error);
  g_assert_no_error (error);
  g_clear_pointer (&root, json_node_unref);
  for (guint i = 0; i < 2; i++)
    {
      root = get_json (bad, "/ok", &error);
      g_assert_null (root);
      g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED);
      g_clear_error (&error);
    }
  settle ();
  g_assert_cmpuint (fixture->requests, ==, 1);
}

static void
test_redirect_same_origin (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, fixture->server_fp);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = get_json (client, "/moved", &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "ok"));
  g_assert_cmpuint (fixture->requests, ==, 2);
}

static void
test_redirect_loop (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, fixture->server_fp);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = get_json (client, "/loop", &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  /* The first request and five redirects. */
  g_assert_cmpuint (fixture->requests, ==, 6);
}

/* https → http is another origin: not followed, so neither the ticket
 * cookie nor anything else goes out in the clear. */
static void
test_redirect_to_plain_http (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = make_client (fixture, fixture->server_fp);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (vigie_http_client_set_cookie (client, "PVEAuthCookie", "SECRET-TICKET"));
  root = get_json (client, "/to-plain", &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  g_assert_null (strstr (error->message, "SECRET-TICKET"));
  settle ();
  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_cmpuint (fixture->plain_requests, ==, 0);
  g_assert_cmpuint (fixture->plain_cookies, ==, 0);
}

static void
test_url_policy (void)
{
  static const char *allowed[] = {
    "https://pve.example.org:8006", "https://10.0.0.1", "HTTPS://10.0.0.1/sdk",
    "http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:8443", "http://[::1]:80",
    "http://LOCALHOST", "unix:/var/lib/incus/unix.socket", "unix:///run/lxd.socket",
  };
  static const char *refused[] = {
    "http://10.0.0.1", "http://pve.example.org:8006", "http://[::2]", "http://localhost.evil.org",
    "http://127.0.0.1.nip.io", "ftp://127.0.0.1", "https://", "pve:8006", "unix:", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieHttpClient) client = NULL;

      g_assert_true (vigie_endpoint_check_url (allowed[i], &error));
      g_assert_no_error (error);
      client = vigie_http_client_new (allowed[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (client);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieHttpClient) client = NULL;

      g_assert_false (vigie_endpoint_check_url (refused[i], &error));
      g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
      g_clear_error (&error);
      client = vigie_http_client_new (refused[i], &error);
      g_assert_null (client);
      g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (vigie_endpoint_check_url ("http://10.0.0.1:8006", &error));
    g_assert_nonnull (strstr (error->message, "http://10.0.0.1:8006"));
    g_assert_nonnull (strstr (error->message, "https://"));
  }
}

static void
test_redact_url (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "/api2/json/nodes/pve/vncwebsocket?port=5900&vncticket=PVEVNC:ABC%2Bdef",
      "/api2/json/nodes/pve/vncwebsocket?port=5900&vncticket=[redacted]" },
    { "https://h:8443/1.0/operations/42/websocket?secret=s3cr3t",
      "https://h:8443/1.0/operations/42/websocket?secret=[redacted]" },
    { "GET /1.0/operations/42/websocket?secret=s3cr3t&x=1 HTTP/1.1",
      "GET /1.0/operations/42/websocket?secret=[redacted]&x=1 HTTP/1.1" },
    { "/x?Access_Token=a&refresh_token=b&password=c&name=vm1#frag",
      "/x?Access_Token=[redacted]&refresh_token=[redacted]&password=[redacted]&name=vm1#frag" },
    { "/api2/json/cluster/resources?type=vm", "/api2/json/cluster/resources?type=vm" },
    { "/plain/path", "/plain/path" },
    { "/flag?ticket", "/flag?ticket" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = vigie_http_redact_url (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_null (vigie_http_redact_url (NULL));
  {
    g_autofree char *line = vigie_http_redact_header_line (
      "GET /api2/json/nodes/pve/vncwebsocket?port=5900&vncticket=PVEVNC:SECRET HTTP/1.1");

    g_assert_nonnull (line);
    g_assert_null (strstr (line, "SECRET"));
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

/* Console tickets and exec secrets ride in URL queries: the debug log
 * (VIGIE_HTTP_DEBUG) shows the request lines without them. */
static void
test_debug_log_redacts_queries (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saw_ticket = FALSE, saw_secret = FALSE;
  guint handler;

  g_setenv ("VIGIE_HTTP_DEBUG", "1", TRUE);
  client = make_client (fixture, fixture->server_fp);
  g_unsetenv ("VIGIE_HTTP_DEBUG");
  handler = g_log_set_handler ("vigie-http", G_LOG_LEVEL_DEBUG, capture_log, lines);

  root = get_json (client, "/ok?port=5900&vncticket=PVEVNC:SECRET-Q", &error);
  g_assert_no_error (error);
  message = vigie_http_client_new_message (client, "GET", "/ws?secret=SECRET-Q");
  vigie_http_client_websocket_async (client, message, NULL, NULL, save_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ws = vigie_http_client_websocket_finish (client, result, &error);
  g_assert_no_error (error);
  soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_log_remove_handler ("vigie-http", handler);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      g_assert_null (strstr (line, "SECRET-Q"));
      saw_ticket |= strstr (line, "GET /ok?port=5900&vncticket=[redacted]") != NULL;
      saw_secret |= strstr (line, "GET /ws?secret=[redacted]") != NULL;
    }
  g_assert_true (saw_ticket);
  g_assert_true (saw_secret);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/vigie/http-trust/ca-trusted", test_ca_trusted);
  ADD ("/vigie/http-trust/pin-mismatch-sends-nothing", test_pin_mismatch_sends_nothing);
  ADD ("/vigie/http-trust/pin-match", test_pin_match);
  ADD ("/vigie/http-trust/pinned-loads-no-system-cas", test_pinned_loads_no_system_cas);
  ADD ("/vigie/http-trust/pin-change-applies-at-once", test_pin_change_applies_at_once);
  ADD ("/vigie/http-trust/other-client-wrong-pin", test_other_client_wrong_pin);
  ADD ("/vigie/http-trust/redirect-same-origin", test_redirect_same_origin);
  ADD ("/vigie/http-trust/redirect-loop", test_redirect_loop);
  ADD ("/vigie/http-trust/redirect-to-plain-http", test_redirect_to_plain_http);
  ADD ("/vigie/http-trust/debug-log-redacts-queries", test_debug_log_redacts_queries);
#undef ADD
  g_test_add_func ("/vigie/http-trust/url-policy", test_url_policy);
  g_test_add_func ("/vigie/http-trust/redact-url", test_redact_url);

  return g_test_run ();
}
