/* vigie-coverage-round.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The backup coverage of the whole estate costs from 0.1 to 1.2 s of CPU
 * at 10,000 guests: it is computed once per refresh round, on a worker
 * thread, and shared by the Backups page and the Overview's summary.
 *
 * What a worker reads is its own: copies of the inventories' lists and of
 * the previous result's lists, made on the main thread (a GListStore
 * caches its last position, so two threads must never read one). The
 * resources in them are shared and not changed, but for a rename, which
 * does not wait for the worker (vigie_inventory_rename()): a result that
 * a rename overtook is computed again. A worker still running when a
 * newer computation starts is cancelled: its result is dropped.
 */

#define G_LOG_DOMAIN "vigie-coverage"

#include "config.h"

#include "vigie-coverage-round.h"
#include "vigie-estate-summary.h"

struct _VigieCoverageRound
{
  GObject              parent_instance;

  VigieMonitor        *monitor;       /* weak: it owns this */
  GCancellable        *cancellable;   /* of the computation running, if any */
  guint                serial;        /* of the newest computation started */
  VigieCoverageResult *result;        /* the newest delivered */
};

G_DEFINE_FINAL_TYPE (VigieCoverageRound, vigie_coverage_round, G_TYPE_OBJECT)

enum {
  COMPUTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static VigieCoverageRoundHook round_hook;
static gpointer               round_hook_data;

typedef struct {
  GPtrArray           *snapshot;      /* VigieInventory copies */
  GListStore          *old_coverage;  /* copies of the previous result's lists, or NULL */
  GListStore          *old_jobs;
  VigieCoverageResult *result;        /* filled by the worker but for what the caller set */
} Request;

static void
result_free (VigieCoverageResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->inventories, g_ptr_array_unref);
  g_clear_object (&result->clock);
  g_clear_object (&result->coverage);
  g_clear_object (&result->jobs);
  g_clear_object (&result->diffed);
  g_clear_pointer (&result->changes, g_ptr_array_unref);
  g_free (result);
}

typedef struct {
  gpointer       data;
  GDestroyNotify destroy;
} Drop;

static void
drop_func (gpointer data,
           gpointer user_data)
{
  Drop *drop = data;

  drop->destroy (drop->data);
  g_free (drop);
}

void
vigie_drop_later (gpointer       data,
                  GDestroyNotify destroy)
{
  static GThreadPool *pool;
  Drop *drop;

  if (data == NULL)
    return;
  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (drop_func, NULL, 1, FALSE, NULL));
  drop = g_new (Drop, 1);
  drop->data = data;
  drop->destroy = destroy;
  g_thread_pool_push (pool, drop, NULL);
}

static void
request_free (Request *request)
{
  g_clear_pointer (&request->snapshot, g_ptr_array_unref);
  g_clear_object (&request->old_coverage);
  g_clear_object (&request->old_jobs);
  result_free (request->result);
  g_free (request);
}

void
vigie_coverage_round_set_hook (VigieCoverageRoundHook hook,
                               gpointer               user_data)
{
  round_hook = hook;
  round_hook_data = user_data;
}

static GListStore *
copy_store (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);
  GListStore *copy = g_list_store_new (g_list_model_get_item_type (model));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  g_list_store_splice (copy, 0, 0, items->pdata, items->len);
  return copy;
}

/* Whether an inventory adds anything to the coverage. */
static gboolean
is_empty (VigieInventory *inventory)
{
  return g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (inventory->backups)) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (inventory->storage)) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (inventory->jobs)) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts)) == 0;
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  VigieCoverageResult *result = request->result;
  g_autoptr(GPtrArray) answered = NULL;
  gboolean same = TRUE;

  if (round_hook != NULL)
    round_hook (FALSE, round_hook_data);
  if (g_task_return_error_if_cancelled (task))
    {
      if (round_hook != NULL)
        round_hook (TRUE, round_hook_data);
      return;
    }

  vigie_inventory_names_read_lock ();
  result->coverage = vigie_coverage_compute (request->snapshot, result->now, result->rpo_hours);
  result->jobs = vigie_coverage_collect_jobs (request->snapshot);
  if (request->old_coverage != NULL)
    result->changes = vigie_coverage_diff (G_LIST_MODEL (request->old_coverage),
                                           G_LIST_MODEL (result->coverage),
                                           G_LIST_MODEL (request->old_jobs),
                                           G_LIST_MODEL (result->jobs));

  /* The estate summary counts the endpoints that answered: the same
   * coverage unless one that did not still holds something. */
  answered = vigie_estate_summary_answered (request->snapshot);
  for (guint i = 0, k = 0; i < request->snapshot->len; i++)
    {
      VigieInventory *inventory = g_ptr_array_index (request->snapshot, i);

      if (k < answered->len && g_ptr_array_index (answered, k) == inventory)
        k++;
      else if (!is_empty (inventory))
        same = FALSE;
    }
  if (same)
    vigie_coverage_summarize (G_LIST_MODEL (result->coverage), &result->answered);
  else
    {
      g_autoptr(GListStore) rows = vigie_coverage_compute (answered, result->now,
                                                           result->rpo_hours);

      vigie_coverage_summarize (G_LIST_MODEL (rows), &result->answered);
    }
  vigie_inventory_names_read_unlock ();
  /* Not left for the main thread to free. */
  g_clear_pointer (&request->snapshot, g_ptr_array_unref);
  g_clear_object (&request->old_coverage);
  g_clear_object (&request->old_jobs);

  g_task_return_pointer (task, g_steal_pointer (&request->result), (GDestroyNotify) result_free);
  if (round_hook != NULL)
    round_hook (TRUE, round_hook_data);
}

static void
on_computed (GObject      *object,
             GAsyncResult *async_result,
             gpointer      user_data)
{
  VigieCoverageRound *self = VIGIE_COVERAGE_ROUND (object);
  g_autoptr(GError) error = NULL;
  VigieCoverageResult *result = g_task_propagate_pointer (G_TASK (async_result), &error);

  /* Cancelled: a newer computation superseded it. */
  if (result == NULL)
    return;
  if (result->serial != self->serial)
    {
      result_free (result);
      return;
    }
  /* It may hold old and new names mixed. */
  if (result->names_generation != vigie_inventory_names_generation ())
    {
      gboolean end_of_round = result->end_of_round;

      result_free (result);
      vigie_coverage_round_start (self, end_of_round);
      return;
    }
  g_clear_object (&self->cancellable);
  vigie_drop_later (g_steal_pointer (&self->result), (GDestroyNotify) result_free);
  self->result = result;
  g_signal_emit (self, signals[COMPUTED], 0);
}

void
vigie_coverage_round_start (VigieCoverageRound *self,
                            gboolean            end_of_round)
{
  g_autoptr(GTask) task = NULL;
  GListModel *model;
  VigieContext *context;
  Request *request;
  guint n;

  g_return_if_fail (VIGIE_IS_COVERAGE_ROUND (self));

  if (self->monitor == NULL)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  request = g_new0 (Request, 1);
  request->result = g_new0 (VigieCoverageResult, 1);
  request->result->serial = ++self->serial;
  request->result->end_of_round = end_of_round;
  request->result->names_generation = vigie_inventory_names_generation ();
  context = vigie_monitor_get_context (self->monitor);
  if (context != NULL)
    {
      request->result->clock = g_object_ref (vigie_context_get_clock (context));
      request->result->now = vigie_clock_now (request->result->clock);
      request->result->rpo_hours = vigie_context_get_rpo_hours (context);
    }
  else
    {
      request->result->now = g_get_real_time () / G_USEC_PER_SEC;
      request->result->rpo_hours = 24.0;
    }

  model = vigie_monitor_get_inventories (self->monitor);
  n = g_list_model_get_n_items (model);
  request->result->inventories = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (request->result->inventories, g_list_model_get_item (model, i));
  vigie_coverage_note_fingerprints (request->result->inventories,
                                    vigie_monitor_get_store (self->monitor));
  request->snapshot = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (request->snapshot,
                     vigie_inventory_snapshot (g_ptr_array_index (request->result->inventories, i)));
  if (self->result != NULL)
    {
      request->old_coverage = copy_store (G_LIST_MODEL (self->result->coverage));
      request->old_jobs = copy_store (G_LIST_MODEL (self->result->jobs));
      request->result->diffed = G_LIST_MODEL (g_object_ref (self->result->coverage));
    }

  task = g_task_new (self, self->cancellable, on_computed, NULL);
  g_task_set_source_tag (task, vigie_coverage_round_start);
  /* A superseded computation is not waited for: its result is dropped. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, compute_thread);
}

gboolean
vigie_coverage_round_is_busy (VigieCoverageRound *self)
{
  g_return_val_if_fail (VIGIE_IS_COVERAGE_ROUND (self), FALSE);
  return self->cancellable != NULL;
}

const VigieCoverageResult *
vigie_coverage_round_get_result (VigieCoverageRound *self)
{
  g_return_val_if_fail (VIGIE_IS_COVERAGE_ROUND (self), NULL);
  return self->result;
}

static void
on_refreshed_cb (VigieCoverageRound *self)
{
  vigie_coverage_round_start (self, TRUE);
}

static void
vigie_coverage_round_dispose (GObject *object)
{
  VigieCoverageRound *self = (VigieCoverageRound *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->monitor);

  G_OBJECT_CLASS (vigie_coverage_round_parent_class)->dispose (object);
}

static void
vigie_coverage_round_finalize (GObject *object)
{
  VigieCoverageRound *self = (VigieCoverageRound *) object;

  result_free (self->result);

  G_OBJECT_CLASS (vigie_coverage_round_parent_class)->finalize (object);
}

static void
vigie_coverage_round_class_init (VigieCoverageRoundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_coverage_round_dispose;
  object_class->finalize = vigie_coverage_round_finalize;

  /**
   * VigieCoverageRound::computed:
   *
   * A computation finished and is the newest one started: its result is
   * vigie_coverage_round_get_result().
   */
  signals[COMPUTED] = g_signal_new ("computed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vigie_coverage_round_init (VigieCoverageRound *self)
{
}

VigieCoverageRound *
vigie_coverage_round_get (VigieMonitor *monitor)
{
  static GQuark quark;
  VigieCoverageRound *self;

  g_return_val_if_fail (VIGIE_IS_MONITOR (monitor), NULL);

  if (quark == 0)
    quark = g_quark_from_static_string ("vigie-coverage-round");
  self = g_object_get_qdata (G_OBJECT (monitor), quark);
  if (self != NULL)
    return self;
  self = g_object_new (VIGIE_TYPE_COVERAGE_ROUND, NULL);
  g_set_weak_pointer (&self->monitor, monitor);
  g_signal_connect_object (monitor, "refreshed", G_CALLBACK (on_refreshed_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_set_qdata_full (G_OBJECT (monitor), quark, self, g_object_unref);
  return self;
}
