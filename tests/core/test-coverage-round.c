/* test-coverage-round.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The coverage of a refresh round is computed on a worker thread, once,
 * and a computation superseded by a newer one is never delivered. A
 * rename never waits for a worker, and a result it overtook is computed
 * again.
 */

#include "config.h"

#include "fake-backend.h"
#include "vigie-coverage.h"
#include "vigie-coverage-round.h"
#include "vigie-monitor.h"

typedef struct {
  GMutex   lock;
  GCond    cond;
  guint    calls;
  guint    done;
  GThread *thread;     /* of the first computation */
  gboolean hold;       /* the first computation waits for released */
  gboolean entered;
  gboolean released;
} Hook;

typedef struct {
  FakeEstate          estate;
  VigieEndpoint      *a;
  VigieEndpoint      *b;
  VigieMonitor       *monitor;
  VigieCoverageRound *round;
  guint               computed;
  Hook                hook;
} Fixture;

static void
hook_cb (gboolean done,
         gpointer user_data)
{
  Hook *hook = user_data;

  g_mutex_lock (&hook->lock);
  if (done)
    {
      hook->done++;
      g_cond_broadcast (&hook->cond);
    }
  else if (hook->calls++ == 0)
    {
      hook->thread = g_thread_self ();
      hook->entered = TRUE;
      g_cond_broadcast (&hook->cond);
      while (hook->hold && !hook->released)
        g_cond_wait (&hook->cond, &hook->lock);
    }
  g_mutex_unlock (&hook->lock);
}

static void
on_computed (Fixture *f)
{
  f->computed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fake_estate_init (&f->estate, 3600);
  f->a = fake_estate_add (&f->estate, "alpha", VIGIE_KIND_INCUS, "https://127.0.0.1:1");
  f->b = fake_estate_add (&f->estate, "beta", VIGIE_KIND_INCUS, "https://127.0.0.2:1");
  f->monitor = vigie_monitor_new (f->estate.store, f->estate.context, fake_backend_new);
  f->round = vigie_coverage_round_get (f->monitor);
  g_assert_true (vigie_coverage_round_get (f->monitor) == f->round);
  g_signal_connect_swapped (f->round, "computed", G_CALLBACK (on_computed), f);
  g_mutex_init (&f->hook.lock);
  g_cond_init (&f->hook.cond);
  vigie_coverage_round_set_hook (hook_cb, &f->hook);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->round, f);
  g_clear_object (&f->monitor);
  /* Whatever still runs sees no hook (it is not waited for). */
  vigie_coverage_round_set_hook (NULL, NULL);
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  fake_estate_clear (&f->estate);
}

static void
wait_computed (Fixture *f,
               guint    n)
{
  while (f->computed < n)
    g_main_context_iteration (NULL, TRUE);
}

/* After a first refresh round, a computation started and held in its
 * thread (the hook waits until released); the counters start again. */
static void
start_held (Fixture  *f,
            gboolean  end_of_round)
{
  vigie_monitor_refresh (f->monitor);
  wait_computed (f, 1);
  g_mutex_lock (&f->hook.lock);
  while (f->hook.done < 1)
    g_cond_wait (&f->hook.cond, &f->hook.lock);
  f->computed = 0;
  f->hook.calls = 0;
  f->hook.done = 0;
  f->hook.entered = FALSE;
  f->hook.hold = TRUE;
  g_mutex_unlock (&f->hook.lock);

  vigie_coverage_round_start (f->round, end_of_round);
  g_mutex_lock (&f->hook.lock);
  while (!f->hook.entered)
    g_cond_wait (&f->hook.cond, &f->hook.lock);
  g_mutex_unlock (&f->hook.lock);
}

/* A refresh round computes the coverage once, not on the main thread. */
static void
test_round (Fixture       *f,
            gconstpointer  data)
{
  const VigieCoverageResult *result;

  vigie_monitor_refresh (f->monitor);
  wait_computed (f, 1);
  result = vigie_coverage_round_get_result (f->round);
  g_assert_nonnull (result);
  g_assert_true (result->end_of_round);
  g_assert_cmpuint (f->hook.calls, ==, 1);
  g_assert_nonnull (f->hook.thread);
  g_assert_true (f->hook.thread != g_thread_self ());
  /* One instance ("web") per endpoint, no backup anywhere. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (result->coverage)), ==, 2);
  g_assert_cmpuint (result->inventories->len, ==, 2);
  g_assert_cmpuint (result->answered.instances, ==, 2);
  g_assert_cmpuint (result->answered.unprotected, ==, 2);
  g_assert_false (vigie_coverage_round_is_busy (f->round));
}

/* Two computations quickly: the first, still running when the second
 * starts, is never delivered, even when it ends after the second. */
static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  const VigieCoverageResult *result;

  /* The first sees both endpoints and waits in its thread. */
  start_held (f, FALSE);
  g_assert_true (vigie_coverage_round_is_busy (f->round));

  /* The second sees one endpoint, and ends first. */
  g_assert_true (vigie_endpoint_store_remove (f->estate.store, f->b));
  vigie_coverage_round_start (f->round, TRUE);
  wait_computed (f, 1);
  result = vigie_coverage_round_get_result (f->round);
  g_assert_cmpuint (result->inventories->len, ==, 1);

  /* The first ends now, and whatever it returned reaches the main loop. */
  g_mutex_lock (&f->hook.lock);
  f->hook.released = TRUE;
  g_cond_broadcast (&f->hook.cond);
  while (f->hook.done < 2)
    g_cond_wait (&f->hook.cond, &f->hook.lock);
  g_mutex_unlock (&f->hook.lock);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (f->hook.calls, ==, 2);
  g_assert_cmpuint (f->computed, ==, 1);
  result = vigie_coverage_round_get_result (f->round);
  g_assert_true (result->end_of_round);
  g_assert_cmpuint (result->inventories->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (result->coverage)), ==, 1);
  g_assert_false (vigie_coverage_round_is_busy (f->round));
}

typedef struct {
  GMutex   lock;
  GCond    cond;
  gboolean reading;
  gboolean done;
} Reader;

/* A worker reading names, until told to stop. */
static gpointer
reader_thread (gpointer user_data)
{
  Reader *reader = user_data;

  vigie_inventory_names_read_lock ();
  g_mutex_lock (&reader->lock);
  reader->reading = TRUE;
  g_cond_broadcast (&reader->cond);
  while (!reader->done)
    g_cond_wait (&reader->cond, &reader->lock);
  g_mutex_unlock (&reader->lock);
  vigie_inventory_names_read_unlock ();
  return NULL;
}

static VigieInventory *
inventory_at (Fixture *f,
              guint    i)
{
  g_autoptr(VigieInventory) inventory =
    g_list_model_get_item (vigie_monitor_get_inventories (f->monitor), i);

  return inventory;
}

/* A rename while a worker reads names completes at once; the name it
 * replaced stays readable until the worker is done. (With a lock the
 * reader held, it waited for the whole computation.) */
static void
test_rename_no_wait (Fixture       *f,
                     gconstpointer  data)
{
  Reader reader = { 0 };
  g_autoptr(GThread) thread = NULL;
  g_autoptr(VigieInstance) instance = NULL;
  VigieInventory *inventory;
  const char *old;
  guint generation;

  vigie_monitor_refresh (f->monitor);
  wait_computed (f, 1);
  inventory = inventory_at (f, 0);
  instance = g_list_model_get_item (G_LIST_MODEL (inventory->instances), 0);
  old = instance->endpoint;
  g_assert_cmpstr (old, ==, "alpha");

  g_mutex_init (&reader.lock);
  g_cond_init (&reader.cond);
  thread = g_thread_new ("reader", reader_thread, &reader);
  g_mutex_lock (&reader.lock);
  while (!reader.reading)
    g_cond_wait (&reader.cond, &reader.lock);
  g_mutex_unlock (&reader.lock);

  generation = vigie_inventory_names_generation ();
  vigie_inventory_rename (inventory, "gamma", vigie_endpoint_get_uuid (f->a));
  g_assert_cmpuint (vigie_inventory_names_generation (), !=, generation);
  g_assert_cmpstr (inventory->endpoint, ==, "gamma");
  g_assert_cmpstr (instance->endpoint, ==, "gamma");
  g_assert_cmpstr (instance->endpoint_uuid, ==, vigie_endpoint_get_uuid (f->a));
  /* What the reader may have read is still there. */
  g_assert_cmpstr (old, ==, "alpha");

  g_mutex_lock (&reader.lock);
  reader.done = TRUE;
  g_cond_broadcast (&reader.cond);
  g_mutex_unlock (&reader.lock);
  g_thread_join (g_steal_pointer (&thread));
  g_mutex_clear (&reader.lock);
  g_cond_clear (&reader.cond);
}

/* A computation that a rename overtook is not delivered as it is: it may
 * hold old and new names mixed. It is computed again. */
static void
test_rename_overtakes (Fixture       *f,
                       gconstpointer  data)
{
  const VigieCoverageResult *result;
  gboolean seen = FALSE;

  start_held (f, TRUE);

  vigie_inventory_rename (inventory_at (f, 0), "gamma", vigie_endpoint_get_uuid (f->a));
  g_mutex_lock (&f->hook.lock);
  f->hook.released = TRUE;
  g_cond_broadcast (&f->hook.cond);
  g_mutex_unlock (&f->hook.lock);
  wait_computed (f, 1);

  g_assert_cmpuint (f->hook.calls, ==, 2);
  result = vigie_coverage_round_get_result (f->round);
  g_assert_true (result->end_of_round);
  g_assert_cmpuint (result->names_generation, ==, vigie_inventory_names_generation ());
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (result->coverage)); i++)
    {
      g_autoptr(VigieCoverage) row = g_list_model_get_item (G_LIST_MODEL (result->coverage), i);

      g_assert_cmpstr (row->endpoint, !=, "alpha");
      seen |= g_strcmp0 (row->endpoint, "gamma") == 0;
    }
  g_assert_true (seen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/vigie/coverage-round/round", Fixture, NULL, fixture_set_up, test_round,
              fixture_tear_down);
  g_test_add ("/vigie/coverage-round/stale", Fixture, NULL, fixture_set_up, test_stale,
              fixture_tear_down);
  g_test_add ("/vigie/coverage-round/rename-no-wait", Fixture, NULL, fixture_set_up,
              test_rename_no_wait, fixture_tear_down);
  g_test_add ("/vigie/coverage-round/rename-overtakes", Fixture, NULL, fixture_set_up,
              test_rename_overtakes, fixture_tear_down);
  return g_test_run ();
}
