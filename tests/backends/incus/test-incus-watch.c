/* test-incus-watch.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Push updates end to end: a monitor watching the demo lab's Incus reads
 * that endpoint again when an instance starts — and not the other
 * endpoint — then watches again after the event stream dropped.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vigie-backends.h"
#include "vigie-lab.h"
#include "vigie-monitor.h"
#include "test-incus-common.h"

typedef struct {
  guint    rounds;
  gboolean refreshed;
  gboolean connected;
} State;

static void
on_refreshed (VigieMonitor *monitor,
              State        *state)
{
  state->rounds++;
  state->refreshed = TRUE;
}

static void
on_watch_connected (VigieBackend *backend,
                    State        *state)
{
  state->connected = TRUE;
}

static char *
run_action (VigieBackend  *backend,
            VigieInstance *instance,
            const char    *action)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *message;

  vigie_backend_run_action_async (backend, instance, action, NULL, NULL, test_got_result, &result);
  message = vigie_backend_run_action_finish (backend, test_wait (&result), &error);
  g_assert_no_error (error);
  return message;
}

static void
test_monitor_watch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieLab) lab = vigie_lab_new ("127.0.0.1", 0, 1);
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_system ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, clock);
  g_autofree char *dir = g_dir_make_tmp ("vigie-incus-watch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "endpoints.conf", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  g_autoptr(VigieEndpoint) incus = NULL;
  g_autoptr(VigieEndpoint) pbs = NULL;
  g_autoptr(VigieMonitor) monitor = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *message = NULL;
  VigieLabService *service, *pbs_service;
  VigieInventory *incus_before, *pbs_before, *incus_after;
  VigieInstance *instance;
  VigieBackend *backend;
  State state = { 0 };

  g_assert_true (vigie_lab_start (lab, &error));
  g_assert_no_error (error);
  service = vigie_lab_find_service (lab, "lab-incus");
  pbs_service = vigie_lab_find_service (lab, "lab-pbs");
  g_assert_nonnull (service);
  g_assert_nonnull (pbs_service);
  vigie_context_set_timeout (context, 20);

  incus = vigie_endpoint_new ("lab-incus", VIGIE_KIND_INCUS, service->url);
  vigie_endpoint_set_fingerprint (incus, service->fingerprint);
  vigie_endpoint_set_option (incus, "client-cert", service->client_cert_pem);
  vigie_secret_store_store_async (secrets, vigie_endpoint_get_uuid (incus),
                                  VIGIE_SECRET_CLIENT_KEY, "key", service->secret, NULL,
                                  test_got_result, &result);
  g_assert_true (vigie_secret_store_store_finish (secrets, test_wait (&result), &error));
  /* The other endpoint cannot push: a backup server, here without its
   * password — whatever it answers, it must not be read again. */
  pbs = vigie_endpoint_new ("lab-pbs", VIGIE_KIND_PBS, pbs_service->url);
  vigie_endpoint_set_fingerprint (pbs, pbs_service->fingerprint);
  vigie_endpoint_store_add (store, incus, NULL);
  vigie_endpoint_store_add (store, pbs, NULL);

  monitor = vigie_monitor_new (store, context, vigie_backend_new_for_endpoint);
  g_signal_connect (monitor, "refreshed", G_CALLBACK (on_refreshed), &state);
  vigie_monitor_set_watch_timing (monitor, 100, 1000, 60000);
  backend = vigie_monitor_get_backend (monitor, incus);
  g_signal_connect (backend, "watch-connected", G_CALLBACK (on_watch_connected), &state);
  vigie_monitor_set_watching (monitor, TRUE);
  g_assert_true (test_wait_flag (&state.connected, 10));

  vigie_monitor_refresh (monitor);
  g_assert_true (test_wait_flag (&state.refreshed, 20));
  g_assert_cmpuint (state.rounds, ==, 1);
  incus_before = vigie_monitor_get_inventory (monitor, incus);
  pbs_before = vigie_monitor_get_inventory (monitor, pbs);
  instance = vigie_inventory_find_instance (incus_before, "build-01", "default");
  g_assert_nonnull (instance);
  g_assert_cmpint (instance->state, ==, VIGIE_STATE_STOPPED);

  /* Started behind the monitor's back: the event brings it. */
  state.refreshed = FALSE;
  message = run_action (backend, instance, VIGIE_ACTION_START);
  g_assert_true (test_wait_flag (&state.refreshed, 20));
  g_assert_cmpuint (state.rounds, ==, 2);
  incus_after = vigie_monitor_get_inventory (monitor, incus);
  g_assert_true (incus_after != incus_before);
  g_assert_true (vigie_monitor_get_inventory (monitor, pbs) == pbs_before);
  instance = vigie_inventory_find_instance (incus_after, "build-01", "default");
  g_assert_cmpint (instance->state, ==, VIGIE_STATE_RUNNING);

  /* The stream drops: watched again after a second, and read again for
   * what may have been missed — still that endpoint alone. */
  state.connected = FALSE;
  state.refreshed = FALSE;
  vigie_lab_incus_drop_event_listeners (service);
  g_assert_true (test_wait_flag (&state.connected, 10));
  g_assert_cmpuint (vigie_monitor_get_watch_retry_delay (monitor, incus), ==, 1000);
  g_assert_true (test_wait_flag (&state.refreshed, 20));
  g_assert_true (vigie_monitor_get_inventory (monitor, incus) != incus_after);
  g_assert_true (vigie_monitor_get_inventory (monitor, pbs) == pbs_before);

  g_signal_handlers_disconnect_by_data (backend, &state);
  g_signal_handlers_disconnect_by_data (monitor, &state);
  g_clear_object (&monitor);
  vigie_lab_stop (lab);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vigie/incus-lab/monitor-watch", test_monitor_watch);
  return g_test_run ();
}
