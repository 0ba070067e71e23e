/* test-hardware-profile.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * hardware.json: a good file is read over the default profile, a missing
 * one is the default, a malformed one is refused with an error naming it
 * and is never written over; counts out of bounds are refused; saving keeps
 * the file's other members; removing it is idempotent.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "vigie-error.h"
#include "vigie-hardware-profile.h"

static char *
scratch_file (const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-hardware-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, "hardware.json", NULL);
  if (contents != NULL)
    {
      g_file_set_contents (path, contents, -1, &error);
      g_assert_no_error (error);
    }
  return path;
}

static void
remove_scratch (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_missing_is_default (void)
{
  g_autofree char *path = scratch_file (NULL);
  g_autoptr(GError) error = NULL;
  VigieHardwareProfile profile = { 7, 7, 7, 7 };
  gboolean found = TRUE;

  g_assert_true (vigie_hardware_profile_load (path, &profile, &found, &error));
  g_assert_no_error (error);
  g_assert_false (found);
  g_assert_cmpint (profile.hosts, ==, 1);
  g_assert_cmpint (profile.sockets, ==, 1);
  g_assert_cmpint (profile.cores, ==, 16);
  g_assert_cmpint (profile.instances, ==, -1);
  remove_scratch (path);
}

static void
test_good_file (void)
{
  g_autofree char *path = scratch_file ("{\"hosts\": 3, \"sockets\": 2, \"cores\": 12, "
                                        "\"instances\": 60}");
  g_autofree char *partial = scratch_file ("{\"hosts\": 4.0}");
  g_autoptr(GError) error = NULL;
  VigieHardwareProfile profile;
  gboolean found = FALSE;

  g_assert_true (vigie_hardware_profile_load (path, &profile, &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  g_assert_cmpint (profile.hosts, ==, 3);
  g_assert_cmpint (profile.sockets, ==, 2);
  g_assert_cmpint (profile.cores, ==, 12);
  g_assert_cmpint (profile.instances, ==, 60);

  /* What the file leaves out is the default's. */
  g_assert_true (vigie_hardware_profile_load (partial, &profile, &found, &error));
  g_assert_true (found);
  g_assert_cmpint (profile.hosts, ==, 4);
  g_assert_cmpint (profile.sockets, ==, 1);
  g_assert_cmpint (profile.cores, ==, 16);
  g_assert_cmpint (profile.instances, ==, -1);
  remove_scratch (path);
  remove_scratch (partial);
}

static void
test_malformed_file (void)
{
  const char *bad[] = {
    "{\"hosts\": 3,",                 /* not JSON */
    "[3, 2, 12]",                     /* not an object */
    "{\"hosts\": \"three\"}",         /* not a number */
    "{\"sockets\": 2.5}",             /* not whole */
    "{\"cores\": -1}",                /* below 0 */
    "{\"hosts\": 100001}",            /* above the bound */
    "{\"instances\": 1e300}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = scratch_file (bad[i]);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      VigieHardwareProfile profile;
      VigieHardwareProfile wanted = { 2, 2, 8, -1 };
      gboolean found = TRUE;

      g_test_message ("%s", bad[i]);
      g_assert_false (vigie_hardware_profile_load (path, &profile, &found, &error));
      g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_false (found);
      g_clear_error (&error);

      /* The user's file is not written over. */
      g_assert_false (vigie_hardware_profile_save (path, &wanted, &error));
      g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG);
      g_assert_nonnull (strstr (error->message, path));
      g_file_get_contents (path, &contents, NULL, NULL);
      g_assert_cmpstr (contents, ==, bad[i]);
      remove_scratch (path);
    }
}

static void
test_bounds (void)
{
  g_autoptr(GError) error = NULL;
  VigieHardwareProfile profile = { 100000, 0, 100000, -1 };

  g_assert_true (vigie_hardware_profile_check (&profile, &error));
  g_assert_no_error (error);
  profile.sockets = 100001;
  g_assert_false (vigie_hardware_profile_check (&profile, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "sockets"));
  g_clear_error (&error);
  profile.sockets = 2;
  profile.hosts = -1;
  g_assert_false (vigie_hardware_profile_check (&profile, &error));
  g_assert_nonnull (strstr (error->message, "hosts"));
  g_clear_error (&error);
  profile.hosts = 1;
  profile.instances = -2;
  g_assert_false (vigie_hardware_profile_check (&profile, &error));
  g_assert_nonnull (strstr (error->message, "instances"));
}

static void
test_save_and_remove (void)
{
  g_autofree char *path = scratch_file ("{\"instances\": 60, \"note\": \"lab room B\"}");
  g_autofree char *fresh = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  VigieHardwareProfile profile = { 3, 2, 12, -1 };
  VigieHardwareProfile read;
  gboolean found = FALSE;

  /* The counts are replaced, the rest of the file is kept. */
  g_assert_true (vigie_hardware_profile_save (path, &profile, &error));
  g_assert_no_error (error);
  g_assert_true (vigie_hardware_profile_load (path, &read, &found, &error));
  g_assert_true (found);
  g_assert_cmpint (read.hosts, ==, 3);
  g_assert_cmpint (read.sockets, ==, 2);
  g_assert_cmpint (read.cores, ==, 12);
  g_assert_cmpint (read.instances, ==, 60);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_nonnull (strstr (contents, "lab room B"));

  /* Out of bounds: refused, the file unchanged. */
  profile.cores = 100001;
  g_assert_false (vigie_hardware_profile_save (path, &profile, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (vigie_hardware_profile_load (path, &read, &found, &error));
  g_assert_cmpint (read.cores, ==, 12);

  g_assert_true (vigie_hardware_profile_remove (path, &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (vigie_hardware_profile_remove (path, &error));
  g_assert_no_error (error);

  /* A configuration directory that does not exist yet is made. */
  dir = g_path_get_dirname (path);
  fresh = g_build_filename (dir, "new", "hardware.json", NULL);
  profile.cores = 8;
  g_assert_true (vigie_hardware_profile_save (fresh, &profile, &error));
  g_assert_no_error (error);
  g_assert_true (vigie_hardware_profile_load (fresh, &read, &found, &error));
  g_assert_cmpint (read.cores, ==, 8);
  g_remove (fresh);
  {
    g_autofree char *sub = g_path_get_dirname (fresh);

    g_rmdir (sub);
  }
  remove_scratch (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_add_func ("/vigie/hardware-profile/missing", test_missing_is_default);
  g_test_add_func ("/vigie/hardware-profile/good", test_good_file);
  g_test_add_func ("/vigie/hardware-profile/malformed", test_malformed_file);
  g_test_add_func ("/vigie/hardware-profile/bounds", test_bounds);
  g_test_add_func ("/vigie/hardware-profile/save-remove", test_save_and_remove);
  return g_test_run ();
}
