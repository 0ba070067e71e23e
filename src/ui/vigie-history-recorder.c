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
#include "vigie-json.h"

/* Without a change, one snapshot an hour is enough to answer "since". */
#define UNCHANGED_INTERVAL (60 * 60)

struct _VigieHistoryRecorder
{
  GObject             parent_instance;

  VigieMonitor       *monitor;
  VigieCoverageRound *round;          /* the monitor's, borrowed */
  char               *dir;
  gint64              session_start;
  /* The last snapshot saved, as JSON text: its tree was 11 MB at 10,000
   * guests, the text a fifth of that; the worker reads it again to diff. */
  GBytes             *last_saved;
  gint64              last_saved_at;
  GCancellable       *cancellable;
};

G_DEFINE_FINAL_TYPE (VigieHistoryRecorder, vigie_history_recorder, G_TYPE_OBJECT)

typedef struct {
  char       *dir;
  GPtrArray  *inventories;   /* VigieInventory copies: this thread's own lists */
  GListStore *coverage;      /* a copy of the round's list */
  gint64      now;
  GBytes     *last_saved;    /* NULL for none */
  gint64      last_saved_at;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->dir);
  g_clear_pointer (&data->inventories, g_ptr_array_unref);
  g_clear_object (&data->coverage);
  g_clear_pointer (&data->last_saved, g_bytes_unref);
  g_free (data);
}

/* The snapshot, its diff with the last one saved and the file, in a
 * thread: at 10,000 guests they took 330 ms of the main loop at the end of
 * each round. Returns the snapshot saved, or NULL when nothing changed. */
static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;

  /* Resources are shared with the main thread; a rename waits for this. */
  vigie_inventory_names_read_lock ();
  snapshot = vigie_history_snapshot (data->inventories, G_LIST_MODEL (data->coverage),
                                     data->now);
  vigie_inventory_names_read_unlock ();
  if (data->last_saved != NULL && data->now - data->last_saved_at < UNCHANGED_INTERVAL)
    {
      gsize size;
      const char *text = g_bytes_get_data (data->last_saved, &size);
      g_autoptr(JsonNode) last = vigie_json_parse_bounded (text, size, NULL);
      g_autoptr(GPtrArray) changes = last != NULL ? vigie_history_diff (last, snapshot) : NULL;

      if (changes != NULL && changes->len == 0)
        {
          g_task_return_pointer (task, NULL, NULL);
          return;
        }
    }
  if (vigie_history_save (data->dir, snapshot, data->now, &error))
    {
      char *text = json_to_string (snapshot, FALSE);

      g_task_return_pointer (task, g_bytes_new_take (text, strlen (text)),
                             (GDestroyNotify) g_bytes_unref);
    }
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
  GBytes *saved = g_task_propagate_pointer (G_TASK (result), &error);

  if (saved != NULL)
    {
      /* Rounds may overlap: keep the newest. */
      if (self->last_saved == NULL || data->now >= self->last_saved_at)
        {
          g_clear_pointer (&self->last_saved, g_bytes_unref);
          self->last_saved = saved;
          self->last_saved_at = data->now;
        }
      else
        g_bytes_unref (saved);
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
  data->last_saved = self->last_saved != NULL ? g_bytes_ref (self->last_saved) : NULL;
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
  g_clear_pointer (&self->last_saved, g_bytes_unref);

  G_OBJECT_CLASS (vigie_history_recorder_parent_class)->dispose (object);
}

static void
vigie_history_recorder_finalize (GObject *object)
{
  VigieHistoryRecorder *self = (VigieHistoryRecorder *) object;

  g_free (self->dir);

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
