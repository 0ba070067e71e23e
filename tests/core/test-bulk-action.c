/* test-bulk-action.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bulk action engine with fake backends that hold every action until
 * the test ends it: never more than the limits in flight (per endpoint and
 * overall), yet as many as they allow; a refusal of the capability model
 * and a failure are reported per item and hold up none of the others.
 */

#include "config.h"

#include "vigie-bulk-action.h"
#include "vigie-error.h"

#define FAKE_TYPE_BACKEND (fake_backend_get_type ())
G_DECLARE_FINAL_TYPE (FakeBackend, fake_backend, FAKE, BACKEND, VigieBackend)

struct _FakeBackend
{
  VigieBackend  parent_instance;
  guint         in_flight;
  guint         peak;
  guint         runs;
};

G_DEFINE_FINAL_TYPE (FakeBackend, fake_backend, VIGIE_TYPE_BACKEND)

/* Every action started and not yet ended, all fakes together. */
static GQueue held = G_QUEUE_INIT;
static guint in_flight;
static guint peak;

static GListModel *
fake_list_actions (VigieBackend  *backend,
                   VigieInstance *instance)
{
  GListStore *store = g_list_store_new (VIGIE_TYPE_ACTION);
  gboolean locked = g_str_has_prefix (instance->id, "locked");
  g_autoptr(VigieAction) snapshot =
    vigie_action_new (VIGIE_ACTION_SNAPSHOT, NULL, !locked, locked ? "held by a backup" : NULL);

  g_list_store_append (store, snapshot);
  return G_LIST_MODEL (store);
}

static void
fake_run_action_async (VigieBackend        *backend,
                       VigieInstance       *instance,
                       const char          *action,
                       GHashTable          *params,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  FakeBackend *self = FAKE_BACKEND (backend);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_assert_cmpstr (action, ==, VIGIE_ACTION_SNAPSHOT);
  g_assert_cmpstr (g_hash_table_lookup (params, "name"), ==, "before-exam");
  g_assert_false (g_str_has_prefix (instance->id, "locked"));
  g_task_set_task_data (task, g_object_ref (instance), g_object_unref);
  self->runs++;
  self->in_flight++;
  self->peak = MAX (self->peak, self->in_flight);
  in_flight++;
  peak = MAX (peak, in_flight);
  g_queue_push_tail (&held, task);
}

static char *
fake_run_action_finish (VigieBackend  *backend,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_backend_class_init (FakeBackendClass *klass)
{
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  backend_class->kind = VIGIE_KIND_PROXMOX;
  backend_class->list_actions = fake_list_actions;
  backend_class->run_action_async = fake_run_action_async;
  backend_class->run_action_finish = fake_run_action_finish;
}

static void
fake_backend_init (FakeBackend *self)
{
}

/* Ends the oldest action held: it fails on an instance named "broken". */
static void
end_one (void)
{
  g_autoptr(GTask) task = g_queue_pop_head (&held);
  FakeBackend *self = g_task_get_source_object (task);
  VigieInstance *instance = g_task_get_task_data (task);

  self->in_flight--;
  in_flight--;
  if (g_str_equal (instance->id, "broken"))
    g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_FAILED, "disk full");
  else
    g_task_return_pointer (task, g_strdup ("done"), g_free);
}

static void
ran_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  int *outcome = user_data;

  *outcome = vigie_bulk_action_run_finish (VIGIE_BULK_ACTION (object), result, NULL) ? 1 : 0;
}

static void
count_finished (VigieBulkAction *bulk,
                guint            index,
                gpointer         user_data)
{
  guint *finished = user_data;

  g_assert_cmpint (vigie_bulk_action_get_status (bulk, index, NULL), >, VIGIE_BULK_RUNNING);
  (*finished)++;
}

static void
test_bounded (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(VigieBulkAction) bulk = NULL;
  FakeBackend *fakes[3];
  const char *reason = NULL;
  guint finished = 0;
  guint index_locked = 0, index_broken = 0, index_missing = 0;
  int outcome = -1;

  g_hash_table_insert (params, "name", "before-exam");
  bulk = vigie_bulk_action_new (VIGIE_ACTION_SNAPSHOT, params);
  vigie_bulk_action_set_limits (bulk, 4, 8);

  for (guint f = 0; f < G_N_ELEMENTS (fakes); f++)
    {
      g_autofree char *name = g_strdup_printf ("ep%u", f);
      g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new (name, VIGIE_KIND_PROXMOX,
                                                              "https://127.0.0.1:1");

      fakes[f] = g_object_new (FAKE_TYPE_BACKEND, "endpoint", endpoint, "context", context,
                               NULL);
    }
  /* Ten students' instances on each endpoint, plus one locked by a backup
   * and one that fails on the first, and one that does not exist. */
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(VigieInstance) instance = vigie_instance_new ();

      instance->id = g_strdup_printf ("%u", i);
      vigie_bulk_action_add (bulk, instance->id, VIGIE_BACKEND (fakes[i % 3]), instance);
      if (i == 4)
        {
          g_autoptr(VigieInstance) locked = vigie_instance_new ();
          g_autoptr(VigieInstance) broken = vigie_instance_new ();

          locked->id = g_strdup ("locked-1");
          broken->id = g_strdup ("broken");
          index_locked = vigie_bulk_action_add (bulk, "locked", VIGIE_BACKEND (fakes[0]), locked);
          index_broken = vigie_bulk_action_add (bulk, "broken", VIGIE_BACKEND (fakes[0]), broken);
          index_missing = vigie_bulk_action_add_failed (bulk, "missing", "no such instance");
        }
    }
  g_signal_connect (bulk, "item-finished", G_CALLBACK (count_finished), &finished);

  vigie_bulk_action_run_async (bulk, NULL, ran_cb, &outcome);
  while (outcome < 0)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (outcome < 0)
        {
          g_assert_false (g_queue_is_empty (&held));
          end_one ();
        }
    }

  g_assert_cmpint (outcome, ==, 0);
  g_assert_cmpuint (finished, ==, 33);
  g_assert_cmpuint (vigie_bulk_action_get_n_items (bulk), ==, 33);
  /* Bounded, and as concurrent as the bounds allow. */
  g_assert_cmpuint (peak, ==, 8);
  g_assert_cmpuint (vigie_bulk_action_get_peak (bulk), ==, 8);
  for (guint f = 0; f < G_N_ELEMENTS (fakes); f++)
    {
      g_assert_cmpuint (fakes[f]->peak, <=, 4);
      g_assert_cmpuint (fakes[f]->in_flight, ==, 0);
    }
  g_assert_cmpuint (fakes[0]->runs + fakes[1]->runs + fakes[2]->runs, ==, 31);

  for (guint i = 0; i < 33; i++)
    if (i != index_locked && i != index_broken && i != index_missing)
      g_assert_cmpint (vigie_bulk_action_get_status (bulk, i, NULL), ==, VIGIE_BULK_OK);
  g_assert_cmpint (vigie_bulk_action_get_status (bulk, index_locked, &reason), ==,
                   VIGIE_BULK_NOT_ALLOWED);
  g_assert_cmpstr (reason, ==, "held by a backup");
  g_assert_cmpint (vigie_bulk_action_get_status (bulk, index_broken, &reason), ==,
                   VIGIE_BULK_FAILED);
  g_assert_cmpstr (reason, ==, "disk full");
  g_assert_cmpint (vigie_bulk_action_get_status (bulk, index_missing, &reason), ==,
                   VIGIE_BULK_FAILED);
  g_assert_cmpstr (reason, ==, "no such instance");
  g_assert_cmpstr (vigie_bulk_action_get_label (bulk, index_missing), ==, "missing");

  for (guint f = 0; f < G_N_ELEMENTS (fakes); f++)
    g_object_unref (fakes[f]);
}

/* One endpoint: its own limit is the bound even below the overall one. */
static void
test_per_endpoint (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("one", VIGIE_KIND_PROXMOX,
                                                          "https://127.0.0.1:1");
  g_autoptr(FakeBackend) fake = g_object_new (FAKE_TYPE_BACKEND, "endpoint", endpoint,
                                              "context", context, NULL);
  g_autoptr(VigieBulkAction) bulk = NULL;
  int outcome = -1;

  g_hash_table_insert (params, "name", "before-exam");
  bulk = vigie_bulk_action_new (VIGIE_ACTION_SNAPSHOT, params);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(VigieInstance) instance = vigie_instance_new ();

      instance->id = g_strdup_printf ("%u", i);
      vigie_bulk_action_add (bulk, instance->id, VIGIE_BACKEND (fake), instance);
    }
  peak = 0;
  vigie_bulk_action_run_async (bulk, NULL, ran_cb, &outcome);
  while (outcome < 0)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (outcome < 0)
        end_one ();
    }
  g_assert_cmpint (outcome, ==, 1);
  g_assert_cmpuint (fake->peak, ==, VIGIE_BULK_ACTION_PER_ENDPOINT);
  g_assert_cmpuint (fake->runs, ==, 10);
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (vigie_bulk_action_run_finish (VIGIE_BULK_ACTION (object), result, error));
  g_assert_nonnull (*error);
}

/* Cancelled: what runs ends, nothing more starts, the run ends cancelled. */
static void
test_cancel (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("one", VIGIE_KIND_PROXMOX,
                                                          "https://127.0.0.1:1");
  g_autoptr(FakeBackend) fake = g_object_new (FAKE_TYPE_BACKEND, "endpoint", endpoint,
                                              "context", context, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(VigieBulkAction) bulk = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (params, "name", "before-exam");
  bulk = vigie_bulk_action_new (VIGIE_ACTION_SNAPSHOT, params);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(VigieInstance) instance = vigie_instance_new ();

      instance->id = g_strdup_printf ("%u", i);
      vigie_bulk_action_add (bulk, instance->id, VIGIE_BACKEND (fake), instance);
    }
  vigie_bulk_action_run_async (bulk, cancellable, cancelled_cb, &error);
  g_assert_cmpuint (fake->runs, ==, VIGIE_BULK_ACTION_PER_ENDPOINT);
  g_cancellable_cancel (cancellable);
  while (error == NULL)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (error == NULL)
        end_one ();
    }
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fake->runs, ==, VIGIE_BULK_ACTION_PER_ENDPOINT);
  g_assert_cmpint (vigie_bulk_action_get_status (bulk, 9, NULL), ==, VIGIE_BULK_PENDING);
}

/* Instances are told apart by (endpoint uuid, project, id): the same one
 * twice is one item, same id in another project or on another endpoint is
 * another, and one from another endpoint is not run by this backend. */
static void
test_keys (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("one", VIGIE_KIND_INCUS,
                                                          "https://127.0.0.1:1");
  g_autoptr(FakeBackend) fake = g_object_new (FAKE_TYPE_BACKEND, "endpoint", endpoint,
                                              "context", context, NULL);
  g_autoptr(VigieBulkAction) bulk = vigie_bulk_action_new (VIGIE_ACTION_START, NULL);
  g_autoptr(VigieInstance) web = vigie_instance_new ();
  g_autoptr(VigieInstance) again = vigie_instance_new ();
  g_autoptr(VigieInstance) other_project = vigie_instance_new ();
  g_autoptr(VigieInstance) foreign = vigie_instance_new ();
  g_autofree char *key = NULL;
  const char *reason = NULL;
  guint first;

  web->id = g_strdup ("web");
  web->project = g_strdup ("prod");
  web->endpoint_uuid = g_strdup (vigie_endpoint_get_uuid (endpoint));
  again->id = g_strdup ("web");
  again->project = g_strdup ("prod");
  other_project->id = g_strdup ("web");
  other_project->project = g_strdup ("test");
  foreign->id = g_strdup ("db");
  foreign->endpoint_uuid = g_strdup ("another-endpoint");

  first = vigie_bulk_action_add (bulk, "web", VIGIE_BACKEND (fake), web);
  g_assert_cmpuint (vigie_bulk_action_add (bulk, "web", VIGIE_BACKEND (fake), again), ==, first);
  g_assert_cmpuint (vigie_bulk_action_add (bulk, "web (test)", VIGIE_BACKEND (fake),
                                           other_project), !=, first);
  vigie_bulk_action_add (bulk, "db", VIGIE_BACKEND (fake), foreign);
  g_assert_cmpuint (vigie_bulk_action_get_n_items (bulk), ==, 3);
  key = vigie_instance_get_key (web);
  g_assert_cmpstr (vigie_bulk_action_get_key (bulk, first), ==, key);
  g_assert_null (vigie_bulk_action_get_key (bulk, 2));
  g_assert_cmpint (vigie_bulk_action_get_status (bulk, 2, &reason), ==, VIGIE_BULK_PENDING);
  g_assert_cmpstr (reason, ==, "This instance belongs to another endpoint");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bulk-action/bounded", test_bounded);
  g_test_add_func ("/bulk-action/per-endpoint", test_per_endpoint);
  g_test_add_func ("/bulk-action/cancel", test_cancel);
  g_test_add_func ("/bulk-action/keys", test_keys);
  return g_test_run ();
}
