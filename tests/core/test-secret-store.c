/* test-secret-store.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keyring variant runs against a real Secret Service (CI: an unlocked
 * gnome-keyring-daemon inside dbus-run-session). Without one it skips,
 * unless VIGIE_REQUIRE_SECRET_SERVICE=1.
 */

#include <libsecret/secret.h>

#include "vigie-secret-store.h"

static const VigieSecretPurpose purposes[] = {
  VIGIE_SECRET_PASSWORD, VIGIE_SECRET_TOKEN, VIGIE_SECRET_CLIENT_KEY,
};

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
save_result (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
store (VigieSecretStore    *secrets,
       const char          *uuid,
       VigieSecretPurpose   purpose,
       const char          *secret,
       GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vigie_secret_store_store_async (secrets, uuid, purpose, "Vigie test", secret, NULL,
                                  save_result, &result);
  return vigie_secret_store_store_finish (secrets, wait_for_result (&result), error);
}

static char *
lookup (VigieSecretStore    *secrets,
        const char          *uuid,
        VigieSecretPurpose   purpose,
        GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vigie_secret_store_lookup_async (secrets, uuid, purpose, NULL, save_result, &result);
  return vigie_secret_store_lookup_finish (secrets, wait_for_result (&result), error);
}

static gboolean
clear (VigieSecretStore  *secrets,
       const char        *uuid,
       GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vigie_secret_store_clear_async (secrets, uuid, NULL, save_result, &result);
  return vigie_secret_store_clear_finish (secrets, wait_for_result (&result), error);
}

static void
exercise (VigieSecretStore *secrets)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *other = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (purposes); i++)
    {
      g_autofree char *secret = g_strdup_printf ("s3cret-%u-%s\nline two", i, uuid);
      g_autoptr(VigieSecret) missing = NULL;
      g_autoptr(VigieSecret) found = NULL;

      missing = lookup (secrets, uuid, purposes[i], &error);
      g_assert_no_error (error);
      g_assert_null (missing);

      g_assert_true (store (secrets, uuid, purposes[i], secret, &error));
      g_assert_no_error (error);
      found = lookup (secrets, uuid, purposes[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (found, ==, secret);
    }

  /* A second store replaces the first. */
  g_assert_true (store (secrets, uuid, VIGIE_SECRET_PASSWORD, "replaced", &error));
  g_assert_no_error (error);
  {
    g_autoptr(VigieSecret) found = lookup (secrets, uuid, VIGIE_SECRET_PASSWORD, &error);
    g_assert_cmpstr (found, ==, "replaced");
  }

  /* Another endpoint's secret survives the clear. */
  g_assert_true (store (secrets, other, VIGIE_SECRET_TOKEN, "other-token", &error));
  g_assert_no_error (error);

  g_assert_true (clear (secrets, uuid, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (purposes); i++)
    {
      g_autoptr(VigieSecret) gone = lookup (secrets, uuid, purposes[i], &error);

      g_assert_no_error (error);
      g_assert_null (gone);
    }
  {
    g_autoptr(VigieSecret) kept = lookup (secrets, other, VIGIE_SECRET_TOKEN, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (kept, ==, "other-token");
  }

  /* Clearing what is not there is not an error. */
  g_assert_true (clear (secrets, uuid, &error));
  g_assert_no_error (error);
  g_assert_true (clear (secrets, other, &error));
  g_assert_no_error (error);
}

static void
test_memory (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();

  exercise (secrets);
  g_assert_finalize_object (g_steal_pointer (&secrets));
}

static gboolean
have_secret_service (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

static void
test_keyring (void)
{
  g_autoptr(VigieSecretStore) secrets = NULL;

  if (!have_secret_service ())
    {
      if (g_strcmp0 (g_getenv ("VIGIE_REQUIRE_SECRET_SERVICE"), "1") == 0)
        g_error ("VIGIE_REQUIRE_SECRET_SERVICE=1 but no org.freedesktop.secrets on the "
                 "session bus");
      g_test_skip ("no Secret Service on the session bus");
      return;
    }

  secrets = vigie_secret_store_new ();
  exercise (secrets);
  g_clear_object (&secrets);
  secret_service_disconnect ();
}

/* The Secret Service's sessions: one object each under .../session. */
static guint
count_sessions (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  const char *xml = NULL;
  guint n = 0;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets",
                                       "/org/freedesktop/secrets/session",
                                       "org.freedesktop.DBus.Introspectable", "Introspect",
                                       NULL, G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply == NULL)
    return 0;
  g_variant_get (reply, "(&s)", &xml);
  info = g_dbus_node_info_new_for_xml (xml, NULL);
  for (guint i = 0; info != NULL && info->nodes != NULL && info->nodes[i] != NULL; i++)
    n++;
  return n;
}

#define N_CONCURRENT 8

/* A refresh asks for every endpoint's secret at once: each gets its own,
 * and they share one Secret Service session (libsecret alone opens one per
 * call made before the first is ready, a Diffie-Hellman exchange each). */
static void
test_keyring_concurrent (void)
{
  g_autoptr(VigieSecretStore) secrets = NULL;
  GAsyncResult *results[N_CONCURRENT + 1] = { NULL };
  g_autofree char *missing = g_uuid_string_random ();
  char *uuids[N_CONCURRENT];
  guint before;

  if (!have_secret_service ())
    {
      if (g_strcmp0 (g_getenv ("VIGIE_REQUIRE_SECRET_SERVICE"), "1") == 0)
        g_error ("VIGIE_REQUIRE_SECRET_SERVICE=1 but no org.freedesktop.secrets on the "
                 "session bus");
      g_test_skip ("no Secret Service on the session bus");
      return;
    }

  secrets = vigie_secret_store_new ();
  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = g_strdup_printf ("secret %u", i);

      uuids[i] = g_uuid_string_random ();
      g_assert_true (store (secrets, uuids[i], VIGIE_SECRET_TOKEN, value, &error));
      g_assert_no_error (error);
    }
  /* Storing reached the service already: start again from nothing. */
  g_clear_object (&secrets);
  secret_service_disconnect ();
  before = count_sessions ();

  secrets = vigie_secret_store_new ();
  for (guint i = 0; i < N_CONCURRENT; i++)
    vigie_secret_store_lookup_async (secrets, uuids[i], VIGIE_SECRET_TOKEN, NULL, save_result,
                                     &results[i]);
  vigie_secret_store_lookup_async (secrets, missing, VIGIE_SECRET_TOKEN, NULL, save_result,
                                   &results[N_CONCURRENT]);
  for (guint i = 0; i <= N_CONCURRENT; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;
      g_autofree char *expected = i < N_CONCURRENT ? g_strdup_printf ("secret %u", i) : NULL;

      value = vigie_secret_store_lookup_finish (secrets, wait_for_result (&results[i]), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, expected);
      g_clear_object (&results[i]);
    }
  g_assert_cmpuint (count_sessions (), <=, before + 1);

  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      vigie_secret_store_clear_async (secrets, uuids[i], NULL, save_result, &result);
      g_assert_true (vigie_secret_store_clear_finish (secrets, wait_for_result (&result), NULL));
      g_free (uuids[i]);
    }
  g_clear_object (&secrets);
  secret_service_disconnect ();
}

static void
test_purpose_names (void)
{
  g_assert_cmpstr (vigie_secret_purpose_to_string (VIGIE_SECRET_PASSWORD), ==, "password");
  g_assert_cmpstr (vigie_secret_purpose_to_string (VIGIE_SECRET_TOKEN), ==, "token");
  g_assert_cmpstr (vigie_secret_purpose_to_string (VIGIE_SECRET_CLIENT_KEY), ==, "client-key");
}

static void
test_purpose_for_field (void)
{
  VigieSecretPurpose purpose = VIGIE_SECRET_CLIENT_KEY;

  g_assert_true (vigie_secret_purpose_for_field ("password", &purpose));
  g_assert_cmpint (purpose, ==, VIGIE_SECRET_PASSWORD);
  g_assert_true (vigie_secret_purpose_for_field ("token-secret", &purpose));
  g_assert_cmpint (purpose, ==, VIGIE_SECRET_TOKEN);
  g_assert_true (vigie_secret_purpose_for_field ("client-key", &purpose));
  g_assert_cmpint (purpose, ==, VIGIE_SECRET_CLIENT_KEY);
  /* A trust token is used once and never kept. */
  g_assert_false (vigie_secret_purpose_for_field ("trust-token", &purpose));
  g_assert_false (vigie_secret_purpose_for_field ("user", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/secret-store/purposes", test_purpose_names);
  g_test_add_func ("/vigie/secret-store/purpose-for-field", test_purpose_for_field);
  g_test_add_func ("/vigie/secret-store/memory", test_memory);
  g_test_add_func ("/vigie/secret-store/keyring", test_keyring);
  g_test_add_func ("/vigie/secret-store/keyring-concurrent", test_keyring_concurrent);

  return g_test_run ();
}
