/* test-history-recorder.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's inventory history over the monitor's rounds: a round that
 * found the estate as it was saves no new snapshot (within the hour), a
 * round that found a change does, and what is saved is the snapshot.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fake-backend.h"
#include "vigie-history.h"
#include "vigie-history-recorder.h"
#include "vigie-monitor.h"

#define T0 1796000000  /* 2026-11-30 */

static guint
count_snapshots (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_prefix (name, "inventory-");
  return n;
}

static void
wait_rounds (VigieHistoryRecorder *recorder,
             guint                 n)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (vigie_history_recorder_get_n_rounds (recorder) < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (vigie_history_recorder_get_n_rounds (recorder), ==, n);
}

static void
test_unchanged_rounds (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_fixed (T0);
  g_autoptr(VigieEndpoint) a = NULL;
  g_autoptr(VigieEndpoint) b = NULL;
  g_autoptr(VigieMonitor) monitor = NULL;
  g_autoptr(VigieHistoryRecorder) recorder = NULL;
  g_autoptr(JsonNode) newest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-recorder-XXXXXX", NULL);
  FakeEstate estate;
  JsonArray *endpoints;
  JsonObject *instance;
  gboolean exact;

  fake_estate_init (&estate, 3600);
  g_clear_object (&estate.context);
  estate.context = vigie_context_new (secrets, clock);
  a = fake_estate_add (&estate, "alpha", VIGIE_KIND_INCUS, "https://127.0.0.1:1");
  b = fake_estate_add (&estate, "beta", VIGIE_KIND_INCUS, "https://127.0.0.2:1");
  monitor = vigie_monitor_new (estate.store, estate.context, fake_backend_new);
  recorder = vigie_history_recorder_new (monitor, dir);

  /* The first round is saved. */
  vigie_monitor_refresh (monitor);
  wait_rounds (recorder, 1);
  g_assert_cmpuint (count_snapshots (dir), ==, 1);

  /* A minute later, the same estate: nothing new. */
  vigie_clock_advance (clock, 60);
  vigie_monitor_refresh (monitor);
  wait_rounds (recorder, 2);
  g_assert_cmpuint (count_snapshots (dir), ==, 1);

  /* An instance renamed: a second snapshot, with its new name. */
  fake_backend_instance_name = "web-renamed";
  vigie_clock_advance (clock, 60);
  vigie_monitor_refresh (monitor);
  wait_rounds (recorder, 3);
  g_assert_cmpuint (count_snapshots (dir), ==, 2);
  newest = vigie_history_load_at (dir, T0 + 120, &exact, &error);
  g_assert_no_error (error);
  g_assert_true (exact);
  g_assert_cmpint (vigie_history_taken_at (newest), ==, T0 + 120);
  endpoints = json_object_get_array_member (json_node_get_object (newest), "endpoints");
  g_assert_cmpuint (json_array_get_length (endpoints), ==, 2);
  instance = json_array_get_object_element (
    json_object_get_array_member (json_array_get_object_element (endpoints, 0), "instances"), 0);
  g_assert_cmpstr (json_object_get_string_member (instance, "name"), ==, "web-renamed");

  /* Unchanged for over an hour: saved again, so "since" finds one. */
  vigie_clock_advance (clock, 2 * 3600);
  vigie_monitor_refresh (monitor);
  wait_rounds (recorder, 4);
  g_assert_cmpuint (count_snapshots (dir), ==, 3);

  g_clear_object (&recorder);
  g_clear_object (&monitor);
  fake_estate_clear (&estate);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/history-recorder/unchanged-rounds", test_unchanged_rounds);
  return g_test_run ();
}
