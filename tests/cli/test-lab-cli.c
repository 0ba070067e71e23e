/* test-lab-cli.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vigiectl end to end against the demo lab served in this process: adding
 * an endpoint by trust on first use, refusing one whose certificate nobody
 * approved, wrong credentials, and an inventory where one endpoint is down
 * (exit 2, the others complete). Needs a Secret Service (the CI provides an
 * unlocked throwaway gnome-keyring); skips without one unless required.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "vigie-lab.h"
#include "vigie-secret-store.h"

typedef struct {
  VigieLab *lab;
  char     *config_dir;
} Fixture;

typedef struct {
  gboolean  done;
  int       status;
  char     *out;
  char     *err;
} Run;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err,
                                        &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (G_SUBPROCESS (object)))
    g_error ("vigiectl died: %s", run->err ? run->err : "");
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  run->done = TRUE;
}

/* Runs vigiectl while this process keeps serving the lab. */
static int
vigiectl (Fixture     *f,
          const char  *stdin_text,
          char       **out,
          char       **err,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { FALSE, -1, NULL, NULL };
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("VIGIECTL"));
  g_ptr_array_add (argv, (gpointer) "--config-dir");
  g_ptr_array_add (argv, f->config_dir);
  g_ptr_array_add (argv, (gpointer) "--timeout");
  g_ptr_array_add (argv, (gpointer) "10");
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, stdin_text ? stdin_text : "", NULL,
                                       communicated_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  if (out != NULL)
    *out = g_steal_pointer (&run.out);
  if (err != NULL)
    *err = g_steal_pointer (&run.err);
  g_free (run.out);
  g_free (run.err);
  return run.status;
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  vigie_secret_store_store_finish (VIGIE_SECRET_STORE (object), result, error);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "stored");
}

static gboolean
have_keyring (void)
{
  g_autoptr(VigieSecretStore) store = vigie_secret_store_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  GError *error = NULL;
  gboolean ok;

  /* Without a session bus libsecret may try to autolaunch one and hang. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;
  vigie_secret_store_store_async (store, uuid, VIGIE_SECRET_PASSWORD, "vigie test probe", "x",
                                  NULL, stored_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  ok = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  return ok;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->config_dir = g_dir_make_tmp ("vigie-lab-cli-XXXXXX", NULL);
  f->lab = vigie_lab_new ("127.0.0.1", 0, 0);
  g_assert_true (vigie_lab_start (f->lab, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->config_dir, "endpoints.conf", NULL);

  vigiectl (f, NULL, NULL, NULL, "endpoint", "remove", "pve", NULL);
  vigiectl (f, NULL, NULL, NULL, "endpoint", "remove", "esx", NULL);
  g_unlink (path);
  g_rmdir (f->config_dir);
  g_free (f->config_dir);
  g_clear_object (&f->lab);
}

static gboolean
skip_without_keyring (void)
{
  if (have_keyring ())
    return FALSE;
  if (g_strcmp0 (g_getenv ("VIGIE_REQUIRE_SECRET_SERVICE"), "1") == 0)
    g_error ("no Secret Service on the session bus");
  g_test_skip ("no Secret Service on the session bus");
  return TRUE;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_trust_on_first_use (Fixture       *f,
                         gconstpointer  data)
{
  VigieLabService *pve = vigie_lab_find_service (f->lab, "lab-proxmox");
  g_autofree char *secret = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *pin = NULL;
  JsonObject *endpoint;
  JsonArray *endpoints;
  int status;

  if (skip_without_keyring ())
    return;

  /* Nobody approved the certificate: refused, with its fingerprint, and
   * nothing saved. */
  secret = g_strdup_printf ("%s\n", pve->secret);
  status = vigiectl (f, secret, &out, &err, "endpoint", "add", "pve", "--kind", "proxmox",
                     "--url", pve->url, "--token-id", pve->token_id, "--secret-stdin", NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "fingerprint"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = vigiectl (f, NULL, &out, &err, "endpoint", "list", "--format", "json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (out, "\"pve\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Trust on first use pins what the server shows now. */
  status = vigiectl (f, secret, &out, &err, "endpoint", "add", "pve", "--kind", "proxmox",
                     "--url", pve->url, "--token-id", pve->token_id, "--secret-stdin",
                     "--trust-on-first-use", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = vigiectl (f, NULL, &out, &err, "endpoint", "show", "pve", "--format", "json", NULL);
  g_assert_cmpint (status, ==, 0);
  endpoint = parse_object (parser, out);
  pin = g_utf8_strdown (json_object_get_string_member (endpoint, "fingerprint"), -1);
  {
    g_autoptr(GString) bare = g_string_new (NULL);

    for (const char *p = pin; *p; p++)
      if (*p != ':')
        g_string_append_c (bare, *p);
    g_assert_cmpstr (bare->str, ==, pve->fingerprint);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The secret came from the keyring: the inventory answers. */
  status = vigiectl (f, NULL, &out, &err, "inventory", "--endpoint", "pve", "--format", "json",
                     NULL);
  g_assert_cmpint (status, ==, 0);
  endpoints = json_object_get_array_member (parse_object (parser, out), "endpoints");
  endpoint = json_array_get_object_element (endpoints, 0);
  g_assert_cmpstr (json_object_get_string_member (endpoint, "status"), ==, "ok");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (endpoint, "instances")),
                    ==, 20);
}

static void
test_wrong_password_and_down_endpoint (Fixture       *f,
                                       gconstpointer  data)
{
  VigieLabService *esx = vigie_lab_find_service (f->lab, "lab-esxi");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *good = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *endpoints;
  int status;

  if (skip_without_keyring ())
    return;

  status = vigiectl (f, "not-the-password", &out, &err, "endpoint", "add", "esx", "--kind",
                     "esxi", "--url", esx->url, "--user", esx->user, "--password-stdin",
                     "--fingerprint", esx->fingerprint, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (err);
  g_assert_null (strchr (g_strstrip (err), '\n'));   /* the reason in one line */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  good = g_strdup (esx->secret);
  status = vigiectl (f, good, &out, &err, "endpoint", "add", "esx", "--kind", "esxi", "--url",
                     esx->url, "--user", esx->user, "--password-stdin", "--fingerprint",
                     esx->fingerprint, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An endpoint that is down: exit 2, and the others still complete. */
  status = vigiectl (f, "x", &out, &err, "endpoint", "add", "down", "--kind", "proxmox", "--url",
                     "https://127.0.0.1:1", "--token-id", "root@pam!x", "--secret-stdin",
                     "--no-verify", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = vigiectl (f, NULL, &out, &err, "inventory", "--format", "json", NULL);
  g_assert_cmpint (status, ==, 2);
  endpoints = json_object_get_array_member (parse_object (parser, out), "endpoints");
  g_assert_cmpuint (json_array_get_length (endpoints), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *e = json_array_get_object_element (endpoints, i);
      const char *name = json_object_get_string_member (e, "name");

      if (g_str_equal (name, "esx"))
        {
          g_assert_cmpstr (json_object_get_string_member (e, "status"), ==, "ok");
          JsonObject *support = json_object_get_object_member (e, "support");
          JsonObject *host = json_array_get_object_element (json_object_get_array_member (e, "hosts"), 0);

          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (e, "instances")),
                            ==, 8);
          /* ESXi 8.0.3 build 24022510, on VIGIE_NOW's day: supported, but
           * older than the newest 8.0 update whose build is known. */
          g_assert_cmpstr (json_object_get_string_member (support, "status"), ==, "supported");
          g_assert_cmpstr (json_object_get_string_member (support, "line"), ==, "ESXi 8.0");
          g_assert_cmpstr (json_object_get_string_member (support, "ends"), ==, "2027-10-11");
          g_assert_true (json_object_get_boolean_member (support, "outdated"));
          g_assert_cmpint (json_object_get_int_member (host, "cpu_sockets"), ==, 2);
        }
      else
        {
          JsonObject *support = json_object_get_object_member (e, "support");

          g_assert_cmpstr (json_object_get_string_member (e, "status"), ==, "unreachable");
          g_assert_cmpstr (json_object_get_string_member (support, "status"), ==, "unknown");
          g_assert_true (json_object_get_null_member (support, "line"));
        }
    }
  vigiectl (f, NULL, NULL, NULL, "endpoint", "remove", "down", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("VIGIE_NOW", "2026-12-06T12:00:00Z", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/vigie/lab-cli/trust-on-first-use", Fixture, NULL, fixture_set_up,
              test_trust_on_first_use, fixture_tear_down);
  g_test_add ("/vigie/lab-cli/wrong-password-and-down-endpoint", Fixture, NULL, fixture_set_up,
              test_wrong_password_and_down_endpoint, fixture_tear_down);

  return g_test_run ();
}
