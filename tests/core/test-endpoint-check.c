/* test-endpoint-check.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "vigie-endpoint-check.h"
#include "vigie-error.h"
#include "vigie-tls.h"

static GHashTable *
new_secrets (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) vigie_secret_free);
}

static void
test_client_certificate (void)
{
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("i", VIGIE_KIND_INCUS, "https://h");
  g_autoptr(GHashTable) secrets = new_secrets ();
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *other_cert = NULL;
  g_autofree char *other_key = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (vigie_tls_generate_self_signed ("a", VIGIE_KEY_EC_P256, NULL, NULL, 1,
                                                 &cert, &key, &error));
  g_assert_true (vigie_tls_generate_self_signed ("b", VIGIE_KEY_EC_P256, NULL, NULL, 1,
                                                 &other_cert, &other_key, &error));
  bytes = g_bytes_new (cert, strlen (cert));

  /* A PEM certificate alone is not enough. */
  g_assert_false (vigie_endpoint_set_client_certificate (endpoint, secrets, bytes, NULL, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
  g_clear_error (&error);
  /* A key that is not the certificate's. */
  g_assert_false (vigie_endpoint_set_client_certificate (endpoint, secrets, bytes, other_key,
                                                         &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (vigie_endpoint_get_option (endpoint, VIGIE_ENDPOINT_OPTION_CLIENT_CERT));
  g_assert_cmpuint (g_hash_table_size (secrets), ==, 0);

  g_assert_true (vigie_endpoint_set_client_certificate (endpoint, secrets, bytes, key, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (vigie_endpoint_get_option (endpoint, VIGIE_ENDPOINT_OPTION_CLIENT_CERT), ==,
                   cert);
  g_assert_cmpstr (g_hash_table_lookup (secrets, GINT_TO_POINTER (VIGIE_SECRET_CLIENT_KEY)), ==,
                   key);
}

static void
test_enrolment (void)
{
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("i", VIGIE_KIND_INCUS, "https://h");
  g_autoptr(GHashTable) secrets = new_secrets ();
  g_autoptr(GError) error = NULL;
  const char *key;

  g_assert_true (vigie_endpoint_prepare_enrolment (endpoint, secrets, "TOKEN", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (vigie_endpoint_get_option (endpoint, VIGIE_ENDPOINT_OPTION_ENROL_TOKEN), ==,
                   "TOKEN");
  g_assert_true (g_str_has_prefix (vigie_endpoint_get_option (endpoint,
                                                              VIGIE_ENDPOINT_OPTION_CLIENT_CERT),
                                   "-----BEGIN CERTIFICATE-----"));
  key = g_hash_table_lookup (secrets, GINT_TO_POINTER (VIGIE_SECRET_CLIENT_KEY));
  g_assert_nonnull (key);
  g_assert_nonnull (strstr (key, "PRIVATE KEY"));
}

static void
save_result (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_check_failures (void)
{
  g_autoptr(VigieSecretStore) store = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (store, NULL);
  const char *urls[] = { "ftp://nope", "https://127.0.0.1:9" };

  vigie_context_set_timeout (context, 2);
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("x", VIGIE_KIND_PROXMOX, urls[i]);
      g_autoptr(GHashTable) secrets = new_secrets ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(VigieCertificateInfo) presented = NULL;
      g_autoptr(GError) error = NULL;

      g_hash_table_insert (secrets, GINT_TO_POINTER (VIGIE_SECRET_PASSWORD), g_strdup ("pw"));
      vigie_endpoint_check_async (endpoint, context, secrets, FALSE, NULL, save_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (vigie_endpoint_check_finish (endpoint, result, &presented, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == VIGIE_ERROR);
      g_assert_null (presented);
      /* Nothing reaches the context's own store. */
      {
        g_autoptr(GAsyncResult) lookup = NULL;
        g_autoptr(VigieSecret) secret = NULL;

        vigie_secret_store_lookup_async (store, vigie_endpoint_get_uuid (endpoint),
                                         VIGIE_SECRET_PASSWORD, NULL, save_result, &lookup);
        while (lookup == NULL)
          g_main_context_iteration (NULL, TRUE);
        secret = vigie_secret_store_lookup_finish (store, lookup, NULL);
        g_assert_null (secret);
      }
    }
}

/* Editing an endpoint whose secret fields were left empty reads the
 * keyring; when the keyring cannot be reached, that is what the person is
 * told, not "no password is stored". Runs in a child whose session bus
 * address leads nowhere. */
static void
test_keyring_failure (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(VigieSecretStore) store = NULL;
      g_autoptr(VigieContext) context = NULL;
      g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("v", VIGIE_KIND_VEEAM,
                                                              "https://127.0.0.1:9");
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigie-test-bus", TRUE);
      store = vigie_secret_store_new ();
      context = vigie_context_new (store, NULL);
      vigie_context_set_timeout (context, 5);
      vigie_endpoint_set_user (endpoint, "admin");
      vigie_endpoint_check_async (endpoint, context, NULL, TRUE, NULL, save_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (vigie_endpoint_check_finish (endpoint, result, NULL, &error));
      g_assert_false (g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS));
      g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "keyring"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/endpoint-check/client-certificate", test_client_certificate);
  g_test_add_func ("/vigie/endpoint-check/enrolment", test_enrolment);
  g_test_add_func ("/vigie/endpoint-check/failures", test_check_failures);
  g_test_add_func ("/vigie/endpoint-check/keyring-failure", test_keyring_failure);

  return g_test_run ();
}
