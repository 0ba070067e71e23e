/* vigie-incus-enrol.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Getting a client certificate the server trusts: importing an existing
 * one, or enrolling a new one with a trust token (`incus config trust add
 * NAME` / `lxc config trust add --name NAME` on the server).
 */

#define G_LOG_DOMAIN "vigie-incus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-clock.h"
#include "vigie-error.h"
#include "vigie-session.h"
#include "vigie-incus-private.h"
#include "vigie-tls.h"

/* Import */

static char *
first_block (const char *pem,
             const char *kind)
{
  g_autofree char *begin = g_strdup_printf ("-----BEGIN %s-----", kind);
  g_autofree char *end = g_strdup_printf ("-----END %s-----", kind);
  const char *start = strstr (pem, begin);
  const char *stop;

  if (start == NULL)
    return NULL;
  stop = strstr (start, end);
  if (stop == NULL)
    return NULL;
  return g_strdup_printf ("%.*s\n", (int) (stop + strlen (end) - start), start);
}

/**
 * vigie_incus_import_pem:
 * @cert_pem: PEM text holding the client certificate (it may also hold the key)
 * @key_pem: (nullable): PEM text of its private key, when not in @cert_pem
 * @out_cert_pem: (out): the certificate alone, PEM
 * @out_key_pem: (out): the private key alone, PEM: store it in the keyring
 *   (VIGIE_SECRET_CLIENT_KEY), free it with vigie_secret_free()
 *
 * Checks that the certificate and key form a usable pair.
 */
gboolean
vigie_incus_import_pem (const char  *cert_pem,
                        const char  *key_pem,
                        char       **out_cert_pem,
                        char       **out_key_pem,
                        GError     **error)
{
  static const char *key_kinds[] = { "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY" };
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *both = NULL;
  g_autoptr(GTlsCertificate) tls = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (cert_pem != NULL, FALSE);

  cert = first_block (cert_pem, "CERTIFICATE");
  for (guint i = 0; key == NULL && i < G_N_ELEMENTS (key_kinds); i++)
    key = first_block (key_pem != NULL ? key_pem : cert_pem, key_kinds[i]);
  if (cert == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("No PEM certificate found in the client certificate"));
      return FALSE;
    }
  if (key == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("No PEM private key found for the client certificate"));
      return FALSE;
    }
  both = g_strconcat (cert, key, NULL);
  tls = g_tls_certificate_new_from_pem (both, -1, &local_error);
  memset (both, 0, strlen (both));
  if (tls == NULL)
    {
      memset (key, 0, strlen (key));
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("The client certificate or its key cannot be read: %s"), local_error->message);
      return FALSE;
    }
  *out_cert_pem = g_steal_pointer (&cert);
  *out_key_pem = g_steal_pointer (&key);
  return TRUE;
}

/**
 * vigie_incus_import_pkcs12:
 * @data: the bytes of a .pfx/.p12 bundle
 * @password: (nullable): its password
 *
 * Like vigie_incus_import_pem(), from a PKCS#12 bundle.
 */
gboolean
vigie_incus_import_pkcs12 (GBytes      *data,
                           const char  *password,
                           char       **out_cert_pem,
                           char       **out_key_pem,
                           GError     **error)
{
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL, FALSE);

  if (!vigie_tls_pkcs12_to_pem (data, password, &cert, &key, error))
    return FALSE;
  ok = vigie_incus_import_pem (cert, key, out_cert_pem, out_key_pem, error);
  if (key != NULL)
    memset (key, 0, strlen (key));
  return ok;
}

/**
 * vigie_incus_import_files:
 * @cert_path: a PEM certificate (which may hold the key too) or a PKCS#12 bundle
 * @key_path: (nullable): the PEM private key, when separate
 * @password: (nullable): the PKCS#12 password
 *
 * What `vigiectl endpoint add --client-cert FILE --client-key FILE` and the
 * Add-endpoint dialog use: reads the files and returns the PEM pair.
 */
gboolean
vigie_incus_import_files (const char  *cert_path,
                          const char  *key_path,
                          const char  *password,
                          char       **out_cert_pem,
                          char       **out_key_pem,
                          GError     **error)
{
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  gsize length = 0;
  gboolean ok;

  g_return_val_if_fail (cert_path != NULL, FALSE);

  if (!g_file_get_contents (cert_path, &cert, &length, error))
    return FALSE;
  if (key_path != NULL && !g_file_get_contents (key_path, &key, NULL, error))
    return FALSE;
  if (memchr (cert, '\0', length) != NULL || strstr (cert, "-----BEGIN") == NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&cert), length);

      return vigie_incus_import_pkcs12 (bytes, password, out_cert_pem, out_key_pem, error);
    }
  ok = vigie_incus_import_pem (cert, key, out_cert_pem, out_key_pem, error);
  if (key != NULL)
    memset (key, 0, strlen (key));
  return ok;
}

/**
 * vigie_incus_token_get_url:
 * @token: a trust token
 *
 * Returns: (nullable): https://ADDRESS for the first address the token
 *   names (an endpoint URL when the user gave only a token), or NULL.
 */
char *
vigie_incus_token_get_url (const char *token)
{
  g_autoptr(VigieIncusToken) parsed = vigie_incus_parse_token (token, NULL);

  if (parsed == NULL || parsed->addresses[0] == NULL)
    return NULL;
  return g_strdup_printf ("https://%s", parsed->addresses[0]);
}

/* Enrolment */

typedef struct {
  char        *body;          /* holds the token: wiped */
  char        *fingerprint;   /* the server's, from the token */
  SoupMessage *probe;
} EnrolData;

static void
enrol_data_free (EnrolData *data)
{
  if (data->body != NULL)
    memset (data->body, 0, strlen (data->body));
  g_free (data->body);
  g_free (data->fingerprint);
  g_clear_object (&data->probe);
  g_free (data);
}

static void
enrol_post_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) metadata = NULL;

  metadata = vigie_incus_request_finish (VIGIE_BACKEND (object), result, NULL, &error);
  if (metadata == NULL)
    {
      if (g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED) ||
          g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED))
        g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED,
                                 _("The server refused the trust token (expired, already "
                                   "used, or made for another server): %s"), error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
enrol_probe_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EnrolData *data = g_task_get_task_data (task);
  VigieBackend *backend = g_task_get_source_object (task);
  VigieHttpClient *http = VIGIE_HTTP_CLIENT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *seen = NULL;
  GTlsCertificate *peer;
  GCancellable *cancellable;

  body = vigie_http_client_send_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  if (body == NULL &&
      !g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED) &&
      !g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_UNTRUSTED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  peer = soup_message_get_tls_peer_certificate (data->probe);
  if (peer != NULL)
    seen = vigie_certificate_fingerprint (peer);
  else if (vigie_http_client_get_presented_certificate (http) != NULL)
    seen = g_strdup (vigie_http_client_get_presented_certificate (http)->fingerprint);
  if (seen == NULL || g_strcmp0 (seen, data->fingerprint) != 0)
    {
      g_autofree char *shown = vigie_fingerprint_format (seen);

      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_UNTRUSTED,
                               _("The server’s certificate (%s) is not the one named in the "
                                 "trust token"), shown ? shown : "?");
      return;
    }
  cancellable = g_task_get_cancellable (task);
  vigie_incus_request_async (backend, "POST", "/1.0/certificates", data->body, cancellable,
                             enrol_post_cb, g_steal_pointer (&task));
}

static char *
pem_to_base64_der (const char *pem)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (pem, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "-----"))
      g_string_append (body, g_strstrip (lines[i]));
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* The token's checks that need no server: well formed, not expired, an
 * HTTPS endpoint, and a pin that is the token's own when there is one. */
static VigieIncusToken *
check_token (VigieBackend  *backend,
             const char    *token,
             GError       **error)
{
  g_autoptr(VigieIncusToken) parsed = NULL;
  VigieEndpoint *endpoint = vigie_backend_get_endpoint (backend);
  const char *pinned = vigie_endpoint_get_fingerprint (endpoint);

  parsed = vigie_incus_parse_token (token, error);
  if (parsed == NULL)
    return NULL;
  if (parsed->expires_at > 0 && parsed->expires_at < vigie_backend_now (backend))
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("The trust token has expired; ask for a new one"));
      return NULL;
    }
  if (g_str_has_prefix (vigie_endpoint_get_url (endpoint), "unix:"))
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("Trust tokens are for HTTPS endpoints, not local sockets"));
      return NULL;
    }
  if (pinned != NULL && g_strcmp0 (pinned, parsed->fingerprint) != 0)
    {
      g_autofree char *in_token = vigie_fingerprint_format (parsed->fingerprint);
      g_autofree char *given = vigie_fingerprint_format (pinned);

      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("The trust token names the server certificate %s, not the pinned %s; "
                     "leave out the fingerprint, the token carries it"), in_token, given);
      return NULL;
    }
  return g_steal_pointer (&parsed);
}

/**
 * vigie_incus_enrol_certificate_async:
 * @token: the trust token
 * @cert_pem: the client certificate to have trusted; the HTTP client must
 *   already present it
 *
 * Pins the endpoint to the server certificate the token names, checks that
 * the server shows it, then asks the server to trust @cert_pem. Does not
 * connect. The token is never logged.
 */
void
vigie_incus_enrol_certificate_async (VigieBackend        *backend,
                                     const char          *token,
                                     const char          *cert_pem,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(VigieIncusToken) parsed = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *trimmed = NULL;
  VigieHttpClient *http;
  EnrolData *data;

  g_return_if_fail (VIGIE_IS_INCUS_BACKEND (backend));
  g_return_if_fail (token != NULL);
  g_return_if_fail (cert_pem != NULL);

  task = g_task_new (backend, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_incus_enrol_certificate_async);
  data = g_new0 (EnrolData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) enrol_data_free);

  parsed = check_token (backend, token, &error);
  if (parsed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Pin before the first connection: the token vouches for the server. */
  vigie_endpoint_set_fingerprint (vigie_backend_get_endpoint (backend), parsed->fingerprint);

  trimmed = g_strdup (token);
  g_strstrip (trimmed);
  certificate = pem_to_base64_der (cert_pem);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "client");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, parsed->client_name ? parsed->client_name : "vigie");
  json_builder_set_member_name (builder, "certificate");
  json_builder_add_string_value (builder, certificate);
  json_builder_set_member_name (builder, "trust_token");
  json_builder_add_string_value (builder, trimmed);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, trimmed);
  json_builder_end_object (builder);
  data->body = vigie_incus_json_to_string (builder);
  data->fingerprint = g_strdup (parsed->fingerprint);
  memset (trimmed, 0, strlen (trimmed));

  /* A server whose certificate a system CA vouches for is not checked
   * against the pin before the request goes out: look at what it showed
   * before the token's secret is sent. */
  http = vigie_backend_get_http (backend);
  data->probe = vigie_http_client_new_message (http, "GET", "/1.0");
  vigie_http_client_send_async (http, data->probe, cancellable, enrol_probe_cb,
                                g_steal_pointer (&task));
}

gboolean
vigie_incus_enrol_certificate_finish (VigieBackend  *backend,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  char *cert_pem;
  char *key_pem;
} NewPair;

static void
new_pair_free (NewPair *pair)
{
  g_free (pair->cert_pem);
  if (pair->key_pem != NULL)
    vigie_secret_free (pair->key_pem);
  g_free (pair);
}

static void
enrol_connect_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_backend_connect_finish (VIGIE_BACKEND (object), result, &error))
    {
      g_prefix_error (&error, _("Enrolled, but the server still does not trust Vigie: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
enrol_certificate_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (!vigie_incus_enrol_certificate_finish (VIGIE_BACKEND (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Check what we got, and leave the backend connected. */
  vigie_backend_connect_async (VIGIE_BACKEND (object), cancellable, enrol_connect_cb,
                               g_steal_pointer (&task));
}

/**
 * vigie_incus_backend_enrol_async:
 * @self: a backend whose endpoint has the server's URL (see
 *   vigie_incus_token_get_url() when only a token is known)
 * @token: the trust token made on the server by `incus config trust add NAME`
 *   (LXD: `lxc config trust add --name NAME`)
 *
 * Makes a new EC P-384 key pair and self-signed certificate, pins the
 * server certificate to the fingerprint inside the token (so there is no
 * trust-on-first-use question), and asks the server to trust the new
 * certificate. The whole token goes in both "trust_token" (Incus) and
 * "password" (LXD 5.0); each server ignores the field it does not know.
 * On success the endpoint's fingerprint is set and the backend is
 * connected; the caller saves the certificate in the endpoint's
 * "client-cert" option and the key in the keyring (VIGIE_SECRET_CLIENT_KEY).
 *
 * The add flows do not call this: they put the token in the endpoint's
 * "enrol-token" option, and connecting enrols (see vigie-incus-backend.h).
 */
void
vigie_incus_backend_enrol_async (VigieIncusBackend   *self,
                                 const char          *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(VigieIncusToken) parsed = NULL;
  g_autoptr(GError) error = NULL;
  NewPair *pair;

  g_return_if_fail (VIGIE_IS_INCUS_BACKEND (self));
  g_return_if_fail (token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_incus_backend_enrol_async);
  pair = g_new0 (NewPair, 1);
  g_task_set_task_data (task, pair, (GDestroyNotify) new_pair_free);

  parsed = check_token (VIGIE_BACKEND (self), token, &error);
  if (parsed == NULL ||
      !vigie_tls_generate_self_signed (parsed->client_name ? parsed->client_name : "vigie",
                                       VIGIE_KEY_EC_P384, NULL, NULL, 3650,
                                       &pair->cert_pem, &pair->key_pem, &error) ||
      !vigie_incus_backend_set_client_pem (self, pair->cert_pem, pair->key_pem, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  vigie_incus_enrol_certificate_async (VIGIE_BACKEND (self), token, pair->cert_pem, cancellable,
                                       enrol_certificate_cb, g_steal_pointer (&task));
}

/**
 * vigie_incus_backend_enrol_finish:
 * @cert_pem: (out): the new client certificate, PEM
 * @key_pem: (out): its private key, PEM; free with vigie_secret_free()
 */
gboolean
vigie_incus_backend_enrol_finish (VigieIncusBackend  *self,
                                  GAsyncResult       *result,
                                  char              **cert_pem,
                                  char              **key_pem,
                                  GError            **error)
{
  NewPair *pair;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  pair = g_task_get_task_data (G_TASK (result));
  if (cert_pem != NULL)
    *cert_pem = g_steal_pointer (&pair->cert_pem);
  if (key_pem != NULL)
    *key_pem = g_steal_pointer (&pair->key_pem);
  return TRUE;
}
