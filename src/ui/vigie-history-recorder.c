/* vigie-history-recorder.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's side of the inventory history (src/core/vigie-history.c): the
 * same snapshots as `vigiectl inventory`, in the same folder, written in a
 * thread so that the main loop never waits on the disk.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include "vigie-coverage-round.h"
#include "vigie-estate-summary.h"
#include "vigie-history.h"
#include "vigie-history-recorder.h"

/* Without a change, one snapshot an hour is enough to answer "since". */
#define UNCHANGED_INTERVAL (60 * 60)

struct _VigieHistoryRecorder
{
  GObject             parent_instance;

  VigieMonitor       *monitor;
  VigieCoverageRound *round;          /* the monitor's, borrowed */
  char               *dir;
  gint64              session_start;
  /* A digest of the last snapshot saved, what follows its time: a round
   * that found the estate as it was saves nothing. */
  char               *last_digest;
  gint64              last_saved_at;
  guint               n_rounds;       /* rounds looked at, for tests */
  GCancellable       *cancellable;
};

G_DEFINE_FINAL_TYPE (VigieHistoryRecorder, vigie_history_recorder, G_TYPE_OBJECT)

typedef struct {
  char       *dir;
  GPtrArray  *inventories;   /* VigieInventory copies: this thread's own lists */
  GListStore *coverage;      /* a copy of the round's list */
  gint64      now;
  char       *last_digest;   /* NULL for none */
  gint64      last_saved_at;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->dir);
  g_clear_pointer (&data->inventories, g_ptr_array_unref);
  g_clear_object (&data->coverage);
  g_free (data->last_digest);
  g_free (data);
}

/* The snapshot and the file, in a thread: at 10,000 guests they took
 * 330 ms of the main loop at the end of each round. The snapshot is
 * written as text, never as a tree: comparing it with the last one is
 * comparing digests. Returns the digest of what was saved, or NULL when
 * nothing changed. */
static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *digest = NULL;
  gsize body;

  /* Resources are shared with the main thread; a rename waits for this. */
  vigie_inventory_names_read_lock ();
  text = vigie_history_snapshot_text (data->inventories, G_LIST_MODEL (data->coverage),
                                      data->now, &body);
  vigie_inventory_names_read_unlock ();
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->str + body,
                                        text->len - body);
  if (data->last_digest != NULL && data->now - data->last_saved_at < UNCHANGED_INTERVAL &&
      g_str_equal (digest, data->last_digest))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (vigie_history_save (data->dir, text->str, text->len, data->now, &error))
    g_task_return_pointer (task, g_steal_pointer (&digest), g_free);
  else
    g_task_return_error (task, error);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VigieHistoryRecorder *self = VIGIE_HISTORY_RECORDER (object);
  SaveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_task_propagate_pointer (G_TASK (result), &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->n_rounds++;
  if (saved != NULL)
    {
      /* Rounds may overlap: keep the newest. */
      if (self->last_digest == NULL || data->now >= self->last_saved_at)
        {
          g_free (self->last_digest);
          self->last_digest = g_steal_pointer (&saved);
          self->last_saved_at = data->now;
        }
      return;
    }
  /* Not worth a dialog: the next round tries again. */
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot record the inventory history: %s", error->message);
}

gint64
vigie_history_recorder_now (VigieHistoryRecorder *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY_RECORDER (self), 0);

  return vigie_clock_now (vigie_context_get_clock (vigie_monitor_get_context (self->monitor)));
}

JsonNode *
vigie_history_recorder_snapshot (VigieHistoryRecorder *self)
{
  GListModel *model;
  g_autoptr(GPtrArray) inventories = NULL;
  g_autoptr(GListStore) coverage = NULL;
  guint n;
  gint64 now;

  g_return_val_if_fail (VIGIE_IS_HISTORY_RECORDER (self), NULL);

  model = vigie_monitor_get_inventories (self->monitor);
  n = g_list_model_get_n_items (model);
  inventories = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      VigieInventory *inventory = g_list_model_get_item (model, i);

      g_ptr_array_add (inventories, inventory);
      if (inventory->status == VIGIE_STATUS_OK && !vigie_estate_inventory_is_fetched (inventory))
        return NULL;
    }
  now = vigie_history_recorder_now (self);
  coverage = vigie_coverage_compute (inventories, now,
                                     vigie_context_get_rpo_hours (
                                       vigie_monitor_get_context (self->monitor)));
  return vigie_history_snapshot (inventories, G_LIST_MODEL (coverage), now);
}

/* After each refresh round, with the coverage the round computed off the
 * main thread (computing it here again cost 60-100 ms of the main loop per
 * round at 2,000 guests); the rest in save_thread(). */
static void
on_round_computed_cb (VigieHistoryRecorder *self)
{
  const VigieCoverageResult *result = vigie_coverage_round_get_result (self->round);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GListModel *coverage;
  SaveData *data;
  guint n;

  /* The Overview asks for some between rounds. */
  if (result == NULL || !result->end_of_round || result->inventories->len == 0)
    return;
  for (guint i = 0; i < result->inventories->len; i++)
    {
      VigieInventory *inventory = g_ptr_array_index (result->inventories, i);

      /* An endpoint not read yet would read as having lost its instances. */
      if (inventory->status == VIGIE_STATUS_OK && !vigie_estate_inventory_is_fetched (inventory))
        return;
    }

  data = g_new0 (SaveData, 1);
  data->dir = g_strdup (self->dir);
  data->now = result->now;
  data->last_digest = g_strdup (self->last_digest);
  data->last_saved_at = self->last_saved_at;
  /* A GListStore caches its last position: two threads never read one. */
  data->inventories = g_ptr_array_new_full (result->inventories->len, g_object_unref);
  for (guint i = 0; i < result->inventories->len; i++)
    g_ptr_array_add (data->inventories,
                     vigie_inventory_snapshot (g_ptr_array_index (result->inventories, i)));
  coverage = G_LIST_MODEL (result->coverage);
  n = g_list_model_get_n_items (coverage);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (coverage, i));
  data->coverage = g_list_store_new (VIGIE_TYPE_COVERAGE);
  g_list_store_splice (data->coverage, 0, 0, items->pdata, items->len);

  task = g_task_new (self, self->cancellable, save_done_cb, NULL);
  g_task_set_source_tag (task, on_round_computed_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

static void
vigie_history_recorder_dispose (GObject *object)
{
  VigieHistoryRecorder *self = (VigieHistoryRecorder *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (vigie_history_recorder_parent_class)->dispose (object);
}

static void
vigie_history_recorder_finalize (GObject *object)
{
  VigieHistoryRecorder *self = (VigieHistoryRecorder *) object;

  g_free (self->dir);
  g_free (self->last_digest);

  G_OBJECT_CLASS (vigie_history_recorder_parent_class)->finalize (object);
}

static void
vigie_history_recorder_class_init (VigieHistoryRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_history_recorder_dispose;
  object_class->finalize = vigie_history_recorder_finalize;
}

static void
vigie_history_recorder_init (VigieHistoryRecorder *self)
{
  self->cancellable = g_cancellable_new ();
}

VigieHistoryRecorder *
vigie_history_recorder_new (VigieMonitor *monitor,
                            const char   *dir)
{
  VigieHistoryRecorder *self;

  g_return_val_if_fail (VIGIE_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_HISTORY_RECORDER, NULL);
  self->monitor = g_object_ref (monitor);
  self->dir = g_strdup (dir);
  self->session_start = vigie_history_recorder_now (self);
  self->round = vigie_coverage_round_get (monitor);
  g_signal_connect_object (self->round, "computed", G_CALLBACK (on_round_computed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

const char *
vigie_history_recorder_get_dir (VigieHistoryRecorder *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY_RECORDER (self), NULL);
  return self->dir;
}

gint64
vigie_history_recorder_get_session_start (VigieHistoryRecorder *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY_RECORDER (self), 0);
  return self->session_start;
}

/* How many rounds' snapshots were saved or found unchanged (tests). */
guint
vigie_history_recorder_get_n_rounds (VigieHistoryRecorder *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY_RECORDER (self), 0);
  return self->n_rounds;
}
