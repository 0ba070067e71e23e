/* test-endpoint-store.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "vigie-endpoint-store.h"
#include "vigie-error.h"

#define FINGERPRINT "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:" \
                    "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("vigie-store-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GPtrArray *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

static VigieEndpoint *
make_full_endpoint (void)
{
  VigieEndpoint *endpoint = vigie_endpoint_new ("pve-1", VIGIE_KIND_PROXMOX,
                                                "https://pve.example:8006");

  vigie_endpoint_set_user (endpoint, "root@pam");
  vigie_endpoint_set_token_id (endpoint, "root@pam!vigie");
  vigie_endpoint_set_fingerprint (endpoint, FINGERPRINT);
  vigie_endpoint_set_option (endpoint, "node", "pve1");
  vigie_endpoint_set_option (endpoint, "note", "with = sign; and ünïcode\nand a newline");
  return endpoint;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (fixture->dir);
  g_autoptr(VigieEndpointStore) again = vigie_endpoint_store_new (fixture->dir);
  g_autoptr(VigieEndpoint) endpoint = make_full_endpoint ();
  g_autoptr(VigieEndpoint) second = vigie_endpoint_new ("incus", VIGIE_KIND_INCUS,
                                                        "unix:/var/lib/incus/unix.socket");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) options = NULL;
  VigieEndpoint *read;
  struct stat st;

  g_assert_true (vigie_endpoint_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  g_assert_true (vigie_endpoint_store_add (store, endpoint, &error));
  g_assert_true (vigie_endpoint_store_add (store, second, &error));
  g_assert_no_error (error);
  /* Names are unique. */
  {
    g_autoptr(VigieEndpoint) clash = vigie_endpoint_new ("pve-1", VIGIE_KIND_ESXI, "https://x");
    g_assert_false (vigie_endpoint_store_add (store, clash, &error));
    g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_true (vigie_endpoint_store_save (store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (vigie_endpoint_store_get_path (store), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (vigie_endpoint_store_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);

  read = vigie_endpoint_store_find_by_uuid (again, vigie_endpoint_get_uuid (endpoint));
  g_assert_nonnull (read);
  g_assert_cmpstr (vigie_endpoint_get_name (read), ==, "pve-1");
  g_assert_cmpint (vigie_endpoint_get_kind (read), ==, VIGIE_KIND_PROXMOX);
  g_assert_cmpstr (vigie_endpoint_get_url (read), ==, "https://pve.example:8006");
  g_assert_cmpstr (vigie_endpoint_get_user (read), ==, "root@pam");
  g_assert_cmpstr (vigie_endpoint_get_token_id (read), ==, "root@pam!vigie");
  g_assert_cmpstr (vigie_endpoint_get_fingerprint (read), ==,
                   "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
  options = vigie_endpoint_list_options (read);
  g_assert_cmpuint (g_strv_length (options), ==, 2);
  g_assert_cmpstr (vigie_endpoint_get_option (read, "node"), ==, "pve1");
  g_assert_cmpstr (vigie_endpoint_get_option (read, "note"), ==,
                   "with = sign; and ünïcode\nand a newline");

  read = vigie_endpoint_store_find_by_name (again, "incus");
  g_assert_nonnull (read);
  g_assert_cmpstr (vigie_endpoint_get_uuid (read), ==, vigie_endpoint_get_uuid (second));
  g_assert_cmpstr (vigie_endpoint_get_url (read), ==, "unix:/var/lib/incus/unix.socket");
  g_assert_null (vigie_endpoint_get_user (read));
  g_assert_null (vigie_endpoint_get_fingerprint (read));

  /* Remove, save, reload. */
  g_assert_true (vigie_endpoint_store_remove (again, read));
  g_assert_true (vigie_endpoint_store_save (again, &error));
  g_assert_true (vigie_endpoint_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_null (vigie_endpoint_store_find_by_name (store, "incus"));
}

static void
test_atomic_save (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (fixture->dir);
  g_autoptr(VigieEndpoint) endpoint = make_full_endpoint ();
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  struct stat st;

  /* A save over an existing file, which is more permissive than it should be. */
  g_assert_true (g_file_set_contents (vigie_endpoint_store_get_path (store), "", 0, NULL));
  g_assert_cmpint (g_chmod (vigie_endpoint_store_get_path (store), 0644), ==, 0);
  g_assert_true (vigie_endpoint_store_load (store, &error));
  g_assert_no_error (error);

  g_assert_true (vigie_endpoint_store_add (store, endpoint, &error));
  for (int i = 0; i < 3; i++)
    {
      g_assert_true (vigie_endpoint_store_save (store, &error));
      g_assert_no_error (error);
    }

  names = list_dir (fixture->dir);
  g_assert_cmpuint (names->len, ==, 1);   /* no temporary file left */
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "endpoints.conf");
  g_assert_cmpint (g_stat (vigie_endpoint_store_get_path (store), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (vigie_endpoint_store_get_path (store), &contents, NULL,
                                      NULL));
  g_assert_nonnull (strstr (contents, "pve-1"));
}

static void
test_corrupt_kept_aside (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (fixture->dir);
  g_autoptr(VigieEndpoint) endpoint = make_full_endpoint ();
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  static const char garbage[] = "[endpoint 1234\nthis is = not\x01 a keyfile\n\xff\xfe";
  g_autofree char *bak_path = NULL;
  g_autofree char *bak = NULL;
  gsize bak_len = 0;

  g_assert_true (g_file_set_contents (vigie_endpoint_store_get_path (store), garbage,
                                      sizeof garbage - 1, NULL));

  g_assert_false (vigie_endpoint_store_load (store, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  names = list_dir (fixture->dir);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (names, 0), "endpoints.conf."));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (names, 0), ".bak"));
  /* The timestamp: endpoints.conf.YYYYMMDDTHHMMSS.bak */
  g_assert_true (g_ascii_isdigit (((char *) g_ptr_array_index (names, 0))[15]));
  bak_path = g_build_filename (fixture->dir, g_ptr_array_index (names, 0), NULL);
  /* The message tells where the copy is. */
  g_assert_nonnull (strstr (error->message, bak_path));

  /* The next save writes a fresh list and leaves the copy alone. */
  g_assert_true (vigie_endpoint_store_add (store, endpoint, NULL));
  g_assert_true (vigie_endpoint_store_save (store, NULL));
  g_assert_true (g_file_get_contents (bak_path, &bak, &bak_len, NULL));
  g_assert_cmpmem (bak, bak_len, garbage, sizeof garbage - 1);

  /* A second damaged file within the same second gets its own copy. */
  g_clear_pointer (&names, g_ptr_array_unref);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (vigie_endpoint_store_get_path (store), "[[[", 3, NULL));
  g_assert_false (vigie_endpoint_store_load (store, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG);
  names = list_dir (fixture->dir);
  g_assert_cmpuint (names->len, ==, 2);
  g_clear_pointer (&bak, g_free);
  g_assert_true (g_file_get_contents (bak_path, &bak, &bak_len, NULL));
  g_assert_cmpmem (bak, bak_len, garbage, sizeof garbage - 1);
}

/* A list zeroed at its start (a crash during a write) must not read as
 * empty: GKeyFile alone stops each line at the NUL and finds nothing. */
static void
test_nul_bytes_kept_aside (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (fixture->dir);
  g_autoptr(VigieEndpoint) endpoint = make_full_endpoint ();
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  static const char zeroed[] = "\0\0\0\0\0\0\0\0\n[endpoint 1234]\nname=a\nkind=pbs\n"
                               "url=https://a:8007\n";
  g_autofree char *bak_path = NULL;
  g_autofree char *bak = NULL;
  gsize bak_len = 0;

  g_assert_true (g_file_set_contents (vigie_endpoint_store_get_path (store), zeroed,
                                      sizeof zeroed - 1, NULL));
  g_assert_false (vigie_endpoint_store_load (store, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "NUL"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  names = list_dir (fixture->dir);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (names, 0), ".bak"));
  bak_path = g_build_filename (fixture->dir, g_ptr_array_index (names, 0), NULL);
  g_assert_nonnull (strstr (error->message, bak_path));

  /* Saving a new list leaves the damaged one as it was. */
  g_assert_true (vigie_endpoint_store_add (store, endpoint, NULL));
  g_assert_true (vigie_endpoint_store_save (store, NULL));
  g_assert_true (g_file_get_contents (bak_path, &bak, &bak_len, NULL));
  g_assert_cmpmem (bak, bak_len, zeroed, sizeof zeroed - 1);
}

/* A list that exists but cannot be read (here a symbolic link to itself)
 * is never replaced by a save of what little was loaded. */
static void
test_unreadable_not_overwritten (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (fixture->dir);
  g_autoptr(VigieEndpoint) endpoint = make_full_endpoint ();
  g_autoptr(GError) error = NULL;
  const char *path = vigie_endpoint_store_get_path (store);
  g_autofree char *target = NULL;

  g_assert_cmpint (symlink ("endpoints.conf", path), ==, 0);
  g_assert_false (vigie_endpoint_store_load (store, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG);
  g_clear_error (&error);

  g_assert_true (vigie_endpoint_store_add (store, endpoint, NULL));
  g_assert_false (vigie_endpoint_store_save (store, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, path));
  target = g_file_read_link (path, NULL);
  g_assert_cmpstr (target, ==, "endpoints.conf");

  /* Once it is readable again, saving works. */
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_true (vigie_endpoint_store_load (store, NULL));
  g_assert_true (vigie_endpoint_store_add (store, endpoint, NULL));
  g_assert_true (vigie_endpoint_store_save (store, NULL));
}

static void
test_unknown_kind_is_config_error (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (fixture->dir);
  g_autoptr(GError) error = NULL;
  static const char text[] = "[endpoint abc]\nname=x\nkind=hyper-v\nurl=https://x\n";

  g_assert_true (g_file_set_contents (vigie_endpoint_store_get_path (store), text, -1, NULL));
  g_assert_false (vigie_endpoint_store_load (store, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG);
}

static void
test_export_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *other_dir = g_build_filename (fixture->dir, "other", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (fixture->dir);
  g_autoptr(VigieEndpointStore) other = vigie_endpoint_store_new (other_dir);
  g_autoptr(VigieEndpoint) endpoint = make_full_endpoint ();
  g_autoptr(VigieEndpoint) esxi = vigie_endpoint_new ("esxi", VIGIE_KIND_ESXI,
                                                      "https://esxi.example/sdk");
  g_autoptr(VigieEndpoint) taken = vigie_endpoint_new ("esxi", VIGIE_KIND_PBS,
                                                       "https://pbs.example:8007");
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  VigieEndpoint *imported;
  gsize length = 0;
  int added;

  /* A secret held in memory for the time of an add must not leak out. */
  vigie_endpoint_set_option (endpoint, "enrol-token", "SECRET-ENROL-TOKEN");
  vigie_endpoint_set_user (esxi, "root");
  g_assert_true (vigie_endpoint_store_add (store, endpoint, NULL));
  g_assert_true (vigie_endpoint_store_add (store, esxi, NULL));

  exported = vigie_endpoint_store_export_to_data (store, &length);
  g_assert_nonnull (exported);
  g_assert_null (strstr (exported, "SECRET-ENROL-TOKEN"));
  g_assert_null (strstr (exported, "enrol-token"));
  g_assert_nonnull (strstr (exported, "pve-1"));
  g_assert_true (vigie_endpoint_store_save (store, NULL));
  {
    g_autofree char *saved = NULL;

    g_assert_true (g_file_get_contents (vigie_endpoint_store_get_path (store), &saved, NULL,
                                        NULL));
    g_assert_null (strstr (saved, "SECRET-ENROL-TOKEN"));
  }

  g_assert_true (vigie_endpoint_store_add (other, taken, NULL));
  added = vigie_endpoint_store_import_from_data (other, exported, length, skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, 1);
  g_assert_cmpuint (skipped->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (skipped, 0), ==, "esxi");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);

  imported = vigie_endpoint_store_find_by_name (other, "pve-1");
  g_assert_nonnull (imported);
  g_assert_cmpstr (vigie_endpoint_get_uuid (imported), !=, vigie_endpoint_get_uuid (endpoint));
  g_assert_true (g_uuid_string_is_valid (vigie_endpoint_get_uuid (imported)));
  g_assert_cmpstr (vigie_endpoint_get_token_id (imported), ==, "root@pam!vigie");
  g_assert_cmpstr (vigie_endpoint_get_option (imported, "node"), ==, "pve1");
  g_assert_null (vigie_endpoint_get_option (imported, "enrol-token"));
  /* The clashing name kept its own endpoint. */
  g_assert_cmpint (vigie_endpoint_get_kind (vigie_endpoint_store_find_by_name (other, "esxi")),
                   ==, VIGIE_KIND_PBS);

  /* Not an endpoint list. */
  added = vigie_endpoint_store_import_from_data (other, "\x01garbage[", 9, NULL, &error);
  g_assert_cmpint (added, ==, -1);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);

  /* Found by fuzz-endpoints: an empty name (or one cut short by a NUL) made
   * a nameless endpoint that could not be written back. */
  g_clear_error (&error);
  added = vigie_endpoint_store_import_from_data (other,
    "[endpoint 1]\nname=\nkind=proxmox\nurl=https://pve:8006\n", -1, NULL, &error);
  g_assert_cmpint (added, ==, -1);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG);
  g_clear_error (&error);
  added = vigie_endpoint_store_import_from_data (other,
    "[endpoint 1]\nname=x\nkind=proxmox\nurl=\n", -1, NULL, &error);
  g_assert_cmpint (added, ==, -1);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/vigie/endpoint-store/round-trip", test_round_trip);
  ADD ("/vigie/endpoint-store/atomic-save", test_atomic_save);
  ADD ("/vigie/endpoint-store/corrupt-kept-aside", test_corrupt_kept_aside);
  ADD ("/vigie/endpoint-store/nul-bytes", test_nul_bytes_kept_aside);
  ADD ("/vigie/endpoint-store/unreadable", test_unreadable_not_overwritten);
  ADD ("/vigie/endpoint-store/unknown-kind", test_unknown_kind_is_config_error);
  ADD ("/vigie/endpoint-store/export-import", test_export_import);
#undef ADD

  return g_test_run ();
}
