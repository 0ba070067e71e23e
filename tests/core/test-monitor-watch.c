/* test-monitor-watch.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Push updates through the monitor, with a fake backend that watches: a
 * burst of changes gives one read of that endpoint alone, a dropped stream
 * is watched again with a doubling delay, and a monitor disposed in the
 * middle of a round stops watching and calls nobody back. Also the kind
 * table that the backends' registry fills.
 */

#include "config.h"

#include "fake-backend.h"
#include "vigie-backend.h"
#include "vigie-backends.h"
#include "vigie-kind.h"
#include "vigie-monitor.h"

/* Endpoints named "push…" get a backend that watches, the others one that
 * does not (the base class without watch: Proxmox's). */
static VigieBackend *
fake_factory (VigieEndpoint *endpoint,
              VigieContext  *context)
{
  if (g_str_has_prefix (vigie_endpoint_get_name (endpoint), "push"))
    return fake_backend_new (endpoint, context);
  return vigie_backend_new_for_endpoint (endpoint, context);
}

typedef struct {
  FakeEstate          estate;
  VigieEndpoint      *push;
  VigieEndpoint      *plain;
  VigieMonitor       *monitor;
  guint               rounds;
} Fixture;

static void
on_refreshed (VigieMonitor *monitor,
              Fixture      *f)
{
  f->rounds++;
}

static void
wait_rounds (Fixture *f,
             guint    rounds)
{
  while (f->rounds < rounds)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fake_estate_init (&f->estate, 5);
  /* Nothing listens on port 1: the plain endpoint's reads fail fast. */
  f->push = fake_estate_add (&f->estate, "push", VIGIE_KIND_INCUS, "https://127.0.0.1:1");
  f->plain = fake_estate_add (&f->estate, "plain", VIGIE_KIND_PROXMOX, "https://127.0.0.1:1");
  f->monitor = vigie_monitor_new (f->estate.store, f->estate.context, fake_factory);
  g_signal_connect (f->monitor, "refreshed", G_CALLBACK (on_refreshed), f);
  vigie_monitor_set_watch_timing (f->monitor, 20, 1, 8);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->monitor);
  g_clear_object (&f->push);
  g_clear_object (&f->plain);
  fake_estate_clear (&f->estate);
}

static FakeBackend *
push_backend (Fixture *f)
{
  return FAKE_BACKEND (vigie_monitor_get_backend (f->monitor, f->push));
}

static void
test_coalesced (Fixture       *f,
                gconstpointer  data)
{
  FakeBackend *push;
  VigieInventory *plain_inventory;
  guint plain_fetch_rounds;

  /* Not watching: nobody is asked to. */
  g_assert_cmpuint (push_backend (f)->watches, ==, 0);
  vigie_monitor_set_watching (f->monitor, TRUE);
  push = push_backend (f);
  g_assert_cmpuint (push->watches, ==, 1);

  vigie_monitor_refresh (f->monitor);
  wait_rounds (f, 1);
  g_assert_cmpuint (push->fetches, ==, 1);
  plain_inventory = vigie_monitor_get_inventory (f->monitor, f->plain);
  plain_fetch_rounds = f->rounds;

  /* A burst: one read of that endpoint, the other one untouched. */
  for (guint i = 0; i < 5; i++)
    vigie_backend_emit_changed (VIGIE_BACKEND (push));
  wait_rounds (f, plain_fetch_rounds + 1);
  g_assert_cmpuint (push->fetches, ==, 2);
  g_assert_true (vigie_monitor_get_inventory (f->monitor, f->plain) == plain_inventory);

  /* A later change is a later read; had the burst given more than one
   * read, they would have come before this one. */
  vigie_backend_emit_changed (VIGIE_BACKEND (push));
  wait_rounds (f, plain_fetch_rounds + 2);
  g_assert_cmpuint (push->fetches, ==, 3);
  g_assert_true (vigie_monitor_get_inventory (f->monitor, f->plain) == plain_inventory);

  /* Stopping unwatches; changes are ignored. */
  vigie_monitor_set_watching (f->monitor, FALSE);
  g_assert_cmpuint (push->unwatches, ==, 1);
}

static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  const guint delays[] = { 1, 2, 4, 8, 8 };
  FakeBackend *push;
  guint rounds;

  vigie_monitor_set_watching (f->monitor, TRUE);
  push = push_backend (f);
  g_assert_cmpuint (vigie_monitor_get_watch_retry_delay (f->monitor, f->push), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    {
      vigie_backend_emit_watch_lost (VIGIE_BACKEND (push));
      g_assert_cmpuint (vigie_monitor_get_watch_retry_delay (f->monitor, f->push), ==, delays[i]);
      while (push->watches < i + 2)
        g_main_context_iteration (NULL, TRUE);
    }

  /* Back: what was missed is read, and the next drop starts over. */
  rounds = f->rounds;
  vigie_backend_emit_watch_connected (VIGIE_BACKEND (push));
  wait_rounds (f, rounds + 1);
  g_assert_cmpuint (push->fetches, ==, 1);
  vigie_backend_emit_watch_lost (VIGIE_BACKEND (push));
  g_assert_cmpuint (vigie_monitor_get_watch_retry_delay (f->monitor, f->push), ==, 1);
}

static void
test_dispose_mid_round (Fixture       *f,
                        gconstpointer  data)
{
  FakeBackend *push;
  g_autoptr(VigieBackend) keep = NULL;

  vigie_monitor_set_watching (f->monitor, TRUE);
  push = push_backend (f);
  keep = g_object_ref (VIGIE_BACKEND (push));
  fake_backend_hold = FAKE_HOLD_UNTIL_CANCELLED;
  vigie_backend_emit_changed (VIGIE_BACKEND (push));
  while (push->fetches < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (push->held->len, ==, 1);
  /* A change and a drop while the read is held. */
  vigie_backend_emit_changed (VIGIE_BACKEND (push));
  vigie_backend_emit_watch_lost (VIGIE_BACKEND (push));

  g_object_run_dispose (G_OBJECT (f->monitor));
  g_assert_cmpuint (push->unwatches, ==, 1);
  g_assert_cmpuint (push->held->len, ==, 0);  /* cancelled */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* Nothing scheduled survived: no more reads, no more watches. */
  g_assert_cmpuint (push->fetches, ==, 1);
  g_assert_cmpuint (push->watches, ==, 1);
  vigie_backend_emit_changed (VIGIE_BACKEND (push));
  vigie_backend_emit_watch_lost (VIGIE_BACKEND (push));
  g_assert_cmpuint (f->rounds, ==, 0);
}

/* The registry fills the kind table from the backend classes. */
static void
test_kinds (void)
{
  const VigieKindInfo *info = vigie_kind_lookup (VIGIE_KIND_PBS);
  g_autofree char *names = NULL;

  g_assert_nonnull (info);
  g_assert_true (info->backend_type == vigie_backend_type_for_kind (VIGIE_KIND_PBS));
  g_assert_cmpstr (vigie_kind_get_product_name (VIGIE_KIND_PBS), ==, "Proxmox Backup Server");
  g_assert_cmpstr (vigie_backend_default_port (VIGIE_KIND_PBS), ==, "8007");
  g_assert_null (vigie_kind_lookup (VIGIE_KIND_UNKNOWN));
  g_assert_cmpstr (vigie_kind_get_icon_name (VIGIE_KIND_UNKNOWN), ==, "network-server-symbolic");

  for (VigieKind kind = VIGIE_KIND_UNKNOWN + 1; kind < VIGIE_N_KINDS; kind++)
    {
      gboolean compute = vigie_kind_has_role (kind, VIGIE_ROLE_COMPUTE);
      gboolean backup = vigie_kind_has_role (kind, VIGIE_ROLE_BACKUP);
      VigieBackendClass *klass = g_type_class_ref (vigie_backend_type_for_kind (kind));

      g_assert_nonnull (vigie_kind_lookup (kind));
      g_assert_true (compute != backup);
      /* Backup products neither run instances nor have consoles. */
      g_assert_true (!backup || !vigie_kind_has_capability (kind, VIGIE_CAP_INSTANCE_CONSOLE));
      /* Who says it pushes implements watch. */
      g_assert_true (vigie_kind_has_capability (kind, VIGIE_CAP_EVENTS) == (klass->watch != NULL));
      g_type_class_unref (klass);
    }
  names = vigie_kind_list_names ();
  g_assert_cmpstr (names, ==, "esxi, proxmox, incus, pbs, veeam");
  g_assert_true (vigie_kind_has_capability (VIGIE_KIND_PROXMOX, VIGIE_CAP_NODE_CONSOLE));
  g_assert_false (vigie_kind_has_capability (VIGIE_KIND_ESXI, VIGIE_CAP_NODE_CONSOLE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/vigie/monitor/watch/coalesced", test_coalesced);
  ADD ("/vigie/monitor/watch/backoff", test_backoff);
  ADD ("/vigie/monitor/watch/dispose-mid-round", test_dispose_mid_round);
#undef ADD
  g_test_add_func ("/vigie/kinds/registry", test_kinds);

  return g_test_run ();
}
