/* test-monitor.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The monitor's rounds, with a fake backend whose reads the test holds and
 * releases: refreshes asked for during a round coalesce into one more round,
 * an endpoint renamed, edited or removed while it is being read, a monitor
 * disposed in the middle of a round, and identities (endpoint uuid, project,
 * id) that survive a rename. Push updates are in test-monitor-watch.c.
 */

#include "config.h"

#include "fake-backend.h"
#include "vigie-backend.h"
#include "vigie-coverage.h"
#include "vigie-enum-types.h"
#include "vigie-monitor.h"

typedef struct {
  FakeEstate          estate;
  VigieEndpoint      *a;
  VigieEndpoint      *b;
  VigieMonitor       *monitor;
  guint               rounds;
  GPtrArray          *seen;   /* VigieInventory at position 0 after each round */
} Fixture;

static void
on_refreshed (VigieMonitor *monitor,
              Fixture      *f)
{
  f->rounds++;
  g_ptr_array_add (f->seen, g_list_model_get_item (vigie_monitor_get_inventories (monitor), 0));
}

static void
wait_rounds (Fixture *f,
             guint    rounds)
{
  while (f->rounds < rounds)
    g_main_context_iteration (NULL, TRUE);
}

static FakeBackend *
backend_of (Fixture       *f,
            VigieEndpoint *endpoint)
{
  return FAKE_BACKEND (vigie_monitor_get_backend (f->monitor, endpoint));
}

static void
wait_held (FakeBackend *backend,
           guint        n)
{
  while (backend->held->len < n)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* The endpoint deadline is not what these tests are about. */
  fake_estate_init (&f->estate, 3600);
  f->a = fake_estate_add (&f->estate, "alpha", VIGIE_KIND_INCUS, "https://127.0.0.1:1");
  f->b = fake_estate_add (&f->estate, "beta", VIGIE_KIND_INCUS, "https://127.0.0.2:1");
  f->monitor = vigie_monitor_new (f->estate.store, f->estate.context, fake_backend_new);
  f->seen = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (f->monitor, "refreshed", G_CALLBACK (on_refreshed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->monitor);
  g_clear_pointer (&f->seen, g_ptr_array_unref);
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  fake_estate_clear (&f->estate);
}

static VigieInventory *
inventory_at (Fixture *f,
              guint    position)
{
  g_autoptr(VigieInventory) inventory =
    g_list_model_get_item (vigie_monitor_get_inventories (f->monitor), position);

  return inventory;  /* the list keeps it */
}

/* Every inventory and resource carries the endpoint's uuid; the instance key
 * leads back to the instance and its backend. */
static void
test_identity (Fixture       *f,
               gconstpointer  data)
{
  VigieInventory *inventory;
  VigieInstance *instance;
  g_autofree char *key = NULL;
  g_autofree char *other = NULL;

  vigie_monitor_refresh (f->monitor);
  wait_rounds (f, 1);
  inventory = vigie_monitor_get_inventory (f->monitor, f->a);
  g_assert_true (inventory == inventory_at (f, 0));
  g_assert_cmpstr (inventory->endpoint_uuid, ==, vigie_endpoint_get_uuid (f->a));
  g_assert_true (vigie_monitor_get_inventory_for_uuid (f->monitor,
                                                       vigie_endpoint_get_uuid (f->b)) ==
                 inventory_at (f, 1));
  instance = g_list_model_get_item (G_LIST_MODEL (inventory->instances), 0);
  g_object_unref (instance);
  g_assert_cmpstr (instance->endpoint_uuid, ==, vigie_endpoint_get_uuid (f->a));

  key = vigie_instance_get_key (instance);
  g_assert_true (vigie_monitor_find_instance (f->monitor, key) == instance);
  g_assert_true (vigie_monitor_get_backend_for_uuid (f->monitor, instance->endpoint_uuid) ==
                 vigie_monitor_get_backend (f->monitor, f->a));
  /* Same id and project on the other endpoint: another instance. */
  other = vigie_instance_key_build (vigie_endpoint_get_uuid (f->b), "prod", "100");
  g_assert_cmpstr (key, !=, other);
  g_assert_true (vigie_monitor_find_instance (f->monitor, other) != instance);
  g_assert_nonnull (vigie_monitor_find_instance (f->monitor, other));
  g_clear_pointer (&other, g_free);
  other = vigie_instance_key_build (vigie_endpoint_get_uuid (f->a), NULL, "100");
  g_assert_null (vigie_monitor_find_instance (f->monitor, other));
  g_assert_null (vigie_monitor_find_instance (f->monitor, "not a key"));
}

/* Keys are unambiguous, whatever the parts hold. */
static void
test_keys (void)
{
  g_autofree char *k1 = vigie_instance_key_build ("u", "a\x1f" "b", "c");
  g_autofree char *k2 = vigie_instance_key_build ("u", "a", "b\x1f" "c");
  g_autofree char *k3 = vigie_instance_key_build ("u", NULL, "c");
  g_autofree char *uuid = NULL, *project = NULL, *id = NULL;

  g_assert_cmpstr (k1, !=, k2);
  g_assert_true (vigie_instance_key_parse (k1, &uuid, &project, &id));
  g_assert_cmpstr (uuid, ==, "u");
  g_assert_cmpstr (project, ==, "a\x1f" "b");
  g_assert_cmpstr (id, ==, "c");
  g_clear_pointer (&project, g_free);
  g_clear_pointer (&uuid, g_free);
  g_clear_pointer (&id, g_free);
  g_assert_true (vigie_instance_key_parse (k3, &uuid, &project, &id));
  g_assert_null (project);
  g_assert_false (vigie_instance_key_parse ("a\x1f" "b", NULL, NULL, NULL));
}

/* An endpoint renamed while it is being read keeps the answer, under its
 * new name; a renamed endpoint keeps what it had shown. */
static void
test_rename_mid_round (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(VigieEndpoint) renamed = vigie_endpoint_copy (f->a);
  FakeBackend *old;
  VigieInventory *result;
  VigieInstance *instance;

  fake_backend_hold = FAKE_HOLD_UNTIL_RELEASE;
  vigie_monitor_refresh (f->monitor);
  old = g_object_ref (backend_of (f, f->a));
  wait_held (old, 1);

  vigie_endpoint_set_name (renamed, "gamma");
  g_assert_true (vigie_endpoint_store_replace (f->estate.store, renamed, NULL));
  g_assert_cmpstr (inventory_at (f, 0)->endpoint, ==, "gamma");

  fake_backend_hold = FAKE_HOLD_NONE;
  fake_backend_release (backend_of (f, f->b));
  fake_backend_release (old);
  wait_rounds (f, 1);
  /* The answer of the read started before the rename, at its place. */
  result = g_ptr_array_index (f->seen, 0);
  g_assert_cmpstr (result->product, ==, "read as alpha at https://127.0.0.1:1");
  g_assert_cmpstr (result->endpoint, ==, "gamma");
  g_assert_cmpstr (result->endpoint_uuid, ==, vigie_endpoint_get_uuid (renamed));
  instance = g_list_model_get_item (G_LIST_MODEL (result->instances), 0);
  g_object_unref (instance);
  g_assert_cmpstr (instance->endpoint, ==, "gamma");
  g_assert_cmpstr (instance->endpoint_uuid, ==, vigie_endpoint_get_uuid (renamed));

  /* The rename asked for a read with the new settings, after the round. */
  wait_rounds (f, 2);
  g_assert_cmpstr (inventory_at (f, 0)->product, ==, "read as gamma at https://127.0.0.1:1");
  g_assert_true (vigie_monitor_get_inventory (f->monitor, renamed) == inventory_at (f, 0));
  g_object_unref (old);
}

/* An endpoint pointed elsewhere during a read: the round ends, and one more
 * reads it at its new address. */
static void
test_edit_mid_round (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VigieEndpoint) edited = vigie_endpoint_copy (f->a);
  g_autoptr(FakeBackend) old = NULL;

  fake_backend_hold = FAKE_HOLD_UNTIL_RELEASE;
  vigie_monitor_refresh (f->monitor);
  old = g_object_ref (backend_of (f, f->a));
  wait_held (old, 1);

  vigie_endpoint_set_url (edited, "https://127.0.0.3:1");
  g_assert_true (vigie_endpoint_store_replace (f->estate.store, edited, NULL));
  /* What the old address showed is not shown as the new one's. */
  g_assert_null (inventory_at (f, 0)->product);
  g_assert_cmpstr (inventory_at (f, 0)->url, ==, "https://127.0.0.3:1");
  g_assert_true (backend_of (f, edited) != old);

  fake_backend_hold = FAKE_HOLD_NONE;
  fake_backend_release (backend_of (f, f->b));
  fake_backend_release (old);
  wait_rounds (f, 1);
  /* The old address's answer, arrived after the edit, is not shown. */
  g_assert_null (((VigieInventory *) g_ptr_array_index (f->seen, 0))->product);
  wait_rounds (f, 2);
  g_assert_cmpuint (old->fetches, ==, 1);
  g_assert_cmpuint (backend_of (f, edited)->fetches, ==, 1);
  g_assert_cmpstr (inventory_at (f, 0)->product, ==, "read as alpha at https://127.0.0.3:1");
  g_assert_cmpuint (backend_of (f, f->b)->fetches, ==, 2);
}

/* An endpoint removed during a read: its answer has no place, the round
 * still ends, the other endpoint is unaffected. */
static void
test_remove_mid_round (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(FakeBackend) old = NULL;

  fake_backend_hold = FAKE_HOLD_UNTIL_RELEASE;
  vigie_monitor_refresh (f->monitor);
  old = g_object_ref (backend_of (f, f->a));
  wait_held (old, 1);
  wait_held (backend_of (f, f->b), 1);

  g_assert_true (vigie_endpoint_store_remove (f->estate.store, f->a));
  g_assert_cmpuint (g_list_model_get_n_items (vigie_monitor_get_inventories (f->monitor)), ==, 1);
  g_assert_null (vigie_monitor_get_inventory (f->monitor, f->a));

  fake_backend_release (old);
  fake_backend_release (backend_of (f, f->b));
  wait_rounds (f, 1);
  g_assert_cmpuint (g_list_model_get_n_items (vigie_monitor_get_inventories (f->monitor)), ==, 1);
  g_assert_cmpstr (inventory_at (f, 0)->endpoint, ==, "beta");
  g_assert_cmpstr (inventory_at (f, 0)->product, ==, "read as beta at https://127.0.0.2:1");
  g_assert_null (vigie_monitor_get_inventory_for_uuid (f->monitor, vigie_endpoint_get_uuid (f->a)));
}

/* Refreshes asked for during a round give one more round, not one each;
 * one endpoint asked for several times is read once more, alone. */
static void
test_coalesced (Fixture       *f,
                gconstpointer  data)
{
  FakeBackend *a = backend_of (f, f->a);
  FakeBackend *b = backend_of (f, f->b);

  fake_backend_hold = FAKE_HOLD_UNTIL_RELEASE;
  vigie_monitor_refresh (f->monitor);
  wait_held (a, 1);
  wait_held (b, 1);
  g_assert_true (vigie_monitor_get_busy (f->monitor));
  for (guint i = 0; i < 3; i++)
    vigie_monitor_refresh (f->monitor);
  fake_backend_hold = FAKE_HOLD_NONE;
  fake_backend_release (a);
  fake_backend_release (b);
  wait_rounds (f, 2);
  g_assert_false (vigie_monitor_get_busy (f->monitor));
  g_assert_cmpuint (a->fetches, ==, 2);
  g_assert_cmpuint (b->fetches, ==, 2);

  fake_backend_hold = FAKE_HOLD_UNTIL_RELEASE;
  vigie_monitor_refresh (f->monitor);
  wait_held (a, 1);
  wait_held (b, 1);
  for (guint i = 0; i < 3; i++)
    vigie_monitor_refresh_endpoint (f->monitor, f->b);
  fake_backend_hold = FAKE_HOLD_NONE;
  fake_backend_release (a);
  fake_backend_release (b);
  wait_rounds (f, 4);
  g_assert_cmpuint (a->fetches, ==, 3);
  g_assert_cmpuint (b->fetches, ==, 4);
  /* Nothing else was left queued. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->rounds, ==, 4);
}

/* Disposed during a round: the reads are cancelled, nobody is called back. */
static void
test_dispose_mid_round (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(FakeBackend) a = NULL;

  fake_backend_hold = FAKE_HOLD_UNTIL_RELEASE;
  vigie_monitor_refresh (f->monitor);
  a = g_object_ref (backend_of (f, f->a));
  wait_held (a, 1);
  g_object_run_dispose (G_OBJECT (f->monitor));
  fake_backend_release (a);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->rounds, ==, 0);
  g_assert_cmpuint (a->fetches, ==, 1);
}

/* Enums have GTypes (gnome.mkenums_simple): the backend's state and a
 * coverage row's status are enum properties, and the generated nicks are
 * the contract's spellings. */
static void
test_enum_types (void)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (VIGIE_TYPE_KIND);
  g_autoptr(GEnumClass) statuses = g_type_class_ref (VIGIE_TYPE_STATUS);
  g_autoptr(GEnumClass) states = g_type_class_ref (VIGIE_TYPE_CONNECTION_STATE);
  g_autoptr(GTypeClass) backend = g_type_class_ref (FAKE_TYPE_BACKEND);
  g_autoptr(GTypeClass) coverage = g_type_class_ref (VIGIE_TYPE_COVERAGE);
  g_autoptr(VigieCoverage) row = vigie_coverage_new ();
  VigieBackupStatus status = VIGIE_BACKUP_UNPROTECTED;

  for (VigieKind kind = VIGIE_KIND_UNKNOWN + 1; kind < VIGIE_N_KINDS; kind++)
    g_assert_cmpstr (g_enum_get_value (kinds, kind)->value_nick, ==, vigie_kind_to_string (kind));
  for (VigieStatus s = VIGIE_STATUS_OK; s <= VIGIE_STATUS_ERROR; s++)
    g_assert_cmpstr (g_enum_get_value (statuses, s)->value_nick, ==, vigie_status_to_string (s));
  g_assert_cmpstr (g_enum_get_value (states, VIGIE_CONNECTION_NEEDS_CREDENTIALS)->value_nick, ==,
                   "needs-credentials");
  g_assert_true (g_object_class_find_property (G_OBJECT_CLASS (backend), "state")->value_type ==
                 VIGIE_TYPE_CONNECTION_STATE);
  g_assert_true (g_object_class_find_property (G_OBJECT_CLASS (coverage), "status")->value_type ==
                 VIGIE_TYPE_BACKUP_STATUS);
  row->status = VIGIE_BACKUP_STALE;
  g_object_get (row, "status", &status, NULL);
  g_assert_cmpint (status, ==, VIGIE_BACKUP_STALE);
}

/* A round reads a few endpoints at once, the next when one answers; one
 * that is slow gives its place, and its answer still counts. */
static guint
fetches_started (Fixture   *f,
                 GPtrArray *endpoints)
{
  guint n = 0;

  for (guint i = 0; i < endpoints->len; i++)
    n += backend_of (f, g_ptr_array_index (endpoints, i))->fetches;
  return n;
}

static GPtrArray *
add_endpoints (Fixture *f,
               guint    n)
{
  GPtrArray *endpoints = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (endpoints, g_object_ref (f->a));
  g_ptr_array_add (endpoints, g_object_ref (f->b));
  for (guint i = endpoints->len; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("e%02u", i);
      g_autofree char *url = g_strdup_printf ("https://127.0.0.%u:1", i + 1);

      g_ptr_array_add (endpoints, fake_estate_add (&f->estate, name, VIGIE_KIND_INCUS, url));
    }
  /* Each one added is read at once: done before the test's round. */
  while (vigie_monitor_get_busy (f->monitor))
    g_main_context_iteration (NULL, TRUE);
  f->rounds = 0;
  for (guint i = 0; i < endpoints->len; i++)
    backend_of (f, g_ptr_array_index (endpoints, i))->fetches = 0;
  return endpoints;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_bounded_round (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) endpoints = add_endpoints (f, 20);
  FakeBackend *first;

  vigie_monitor_set_reading_limits (f->monitor, 3, 60000);
  fake_backend_hold = FAKE_HOLD_UNTIL_RELEASE;
  vigie_monitor_refresh (f->monitor);
  spin (200);
  g_assert_cmpuint (fetches_started (f, endpoints), ==, 3);

  /* One answers: the next starts, no more. */
  first = backend_of (f, g_ptr_array_index (endpoints, 0));
  g_assert_cmpuint (first->held->len, ==, 1);
  fake_backend_release (first);
  spin (200);
  g_assert_cmpuint (fetches_started (f, endpoints), ==, 4);
  g_assert_cmpuint (f->rounds, ==, 0);

  /* The rest answer as they are started: the round ends once. */
  fake_backend_hold = FAKE_HOLD_NONE;
  for (guint i = 0; i < endpoints->len; i++)
    fake_backend_release (backend_of (f, g_ptr_array_index (endpoints, i)));
  wait_rounds (f, 1);
  g_assert_cmpuint (fetches_started (f, endpoints), ==, 20);
  spin (100);
  g_assert_cmpuint (f->rounds, ==, 1);
}

static void
test_slow_gives_way (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) endpoints = add_endpoints (f, 12);
  VigieInventory *before;
  gint64 deadline;

  vigie_monitor_set_reading_limits (f->monitor, 3, 50);
  before = vigie_monitor_get_inventory (f->monitor, f->a);

  /* None answers: each gives its place once slow, all are read. */
  fake_backend_hold = FAKE_HOLD_UNTIL_RELEASE;
  vigie_monitor_refresh (f->monitor);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (fetches_started (f, endpoints) < endpoints->len && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (fetches_started (f, endpoints), ==, endpoints->len);
  g_assert_cmpuint (f->rounds, ==, 0);

  /* The slow ones' answers still count, and end the round. */
  for (guint i = 0; i < endpoints->len; i++)
    fake_backend_release (backend_of (f, g_ptr_array_index (endpoints, i)));
  wait_rounds (f, 1);
  g_assert_true (vigie_monitor_get_inventory (f->monitor, f->a) != before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/vigie/monitor/identity", test_identity);
  ADD ("/vigie/monitor/rename-mid-round", test_rename_mid_round);
  ADD ("/vigie/monitor/edit-mid-round", test_edit_mid_round);
  ADD ("/vigie/monitor/remove-mid-round", test_remove_mid_round);
  ADD ("/vigie/monitor/coalesced", test_coalesced);
  ADD ("/vigie/monitor/dispose-mid-round", test_dispose_mid_round);
  ADD ("/vigie/monitor/bounded-round", test_bounded_round);
  ADD ("/vigie/monitor/slow-gives-way", test_slow_gives_way);
#undef ADD
  g_test_add_func ("/vigie/monitor/keys", test_keys);
  g_test_add_func ("/vigie/enums/gtypes", test_enum_types);

  return g_test_run ();
}
