/* vigie-bulk-action.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One action on many instances, across endpoints: each item is checked
 * against its backend's capability model first (so a refusal comes with the
 * model's reason, not a server error), then run with a bounded number in
 * flight per endpoint and overall, so that thirty snapshots neither queue
 * one by one nor flood one server. vigiectl action and the app's
 * multi-selection both use it.
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-bulk-action.h"
#include "vigie-error.h"

typedef struct {
  char            *label;
  char            *key;       /* vigie_instance_key_build(); NULL when it cannot run */
  VigieBackend    *backend;   /* NULL for an item that failed before it could run */
  VigieInstance   *instance;
  VigieBulkStatus  status;
  char            *reason;
} Item;

struct _VigieBulkAction
{
  GObject     parent_instance;

  char       *action;
  GHashTable *params;       /* char* -> char*, may be NULL */
  guint       per_endpoint;
  guint       overall;
  GArray     *items;        /* Item */
  GHashTable *running_per_backend; /* VigieBackend* -> count */
  guint       running;
  guint       peak;
  GTask      *task;         /* while it runs */
};

G_DEFINE_FINAL_TYPE (VigieBulkAction, vigie_bulk_action, G_TYPE_OBJECT)

enum {
  ITEM_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->label);
  g_free (item->key);
  g_clear_object (&item->backend);
  g_clear_object (&item->instance);
  g_free (item->reason);
}

static void
vigie_bulk_action_finalize (GObject *object)
{
  VigieBulkAction *self = (VigieBulkAction *) object;

  g_assert (self->task == NULL);
  g_free (self->action);
  g_clear_pointer (&self->params, g_hash_table_unref);
  g_array_unref (self->items);
  g_hash_table_unref (self->running_per_backend);

  G_OBJECT_CLASS (vigie_bulk_action_parent_class)->finalize (object);
}

static void
vigie_bulk_action_class_init (VigieBulkActionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_bulk_action_finalize;

  /**
   * VigieBulkAction::item-finished:
   * @index: the item that ended (ok, failed or not allowed)
   */
  signals[ITEM_FINISHED] = g_signal_new ("item-finished", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
vigie_bulk_action_init (VigieBulkAction *self)
{
  self->per_endpoint = VIGIE_BULK_ACTION_PER_ENDPOINT;
  self->overall = VIGIE_BULK_ACTION_OVERALL;
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  self->running_per_backend = g_hash_table_new (NULL, NULL);
}

/**
 * vigie_bulk_action_new:
 * @action: an action id of the capability model (VIGIE_ACTION_…)
 * @params: (nullable): the action's parameters, char* -> char*; referenced
 */
VigieBulkAction *
vigie_bulk_action_new (const char *action,
                       GHashTable *params)
{
  VigieBulkAction *self;

  g_return_val_if_fail (action != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_BULK_ACTION, NULL);
  self->action = g_strdup (action);
  self->params = params != NULL ? g_hash_table_ref (params) : NULL;
  return self;
}

/* At most @per_endpoint items of one endpoint and @overall in all run at
 * once (each at least 1). */
void
vigie_bulk_action_set_limits (VigieBulkAction *self,
                              guint            per_endpoint,
                              guint            overall)
{
  g_return_if_fail (VIGIE_IS_BULK_ACTION (self));
  g_return_if_fail (self->task == NULL);

  self->per_endpoint = MAX (per_endpoint, 1);
  self->overall = MAX (overall, 1);
}

/* @label names the item in results (e.g. the target as the user wrote it).
 * Returns the item's index. */
guint
vigie_bulk_action_add (VigieBulkAction *self,
                       const char      *label,
                       VigieBackend    *backend,
                       VigieInstance   *instance)
{
  Item item = { 0 };
  const char *uuid;
  g_autofree char *key = NULL;

  g_return_val_if_fail (VIGIE_IS_BULK_ACTION (self), 0);
  g_return_val_if_fail (VIGIE_IS_BACKEND (backend), 0);
  g_return_val_if_fail (VIGIE_IS_INSTANCE (instance), 0);
  g_return_val_if_fail (self->task == NULL, 0);

  /* Instances are told apart by (endpoint uuid, project, id), never by
   * name: one selected twice runs once, and one that a backend for another
   * endpoint would act on does not run at all. */
  uuid = vigie_endpoint_get_uuid (vigie_backend_get_endpoint (backend));
  if (instance->endpoint_uuid != NULL && g_strcmp0 (instance->endpoint_uuid, uuid) != 0)
    return vigie_bulk_action_add_failed (self, label,
                                         _("This instance belongs to another endpoint"));
  key = vigie_instance_key_build (uuid, instance->project, instance->id);
  for (guint i = 0; i < self->items->len; i++)
    if (g_strcmp0 (g_array_index (self->items, Item, i).key, key) == 0)
      return i;

  item.key = g_steal_pointer (&key);
  item.label = g_strdup (label);
  item.backend = g_object_ref (backend);
  item.instance = g_object_ref (instance);
  item.status = VIGIE_BULK_PENDING;
  g_array_append_val (self->items, item);
  return self->items->len - 1;
}

/* An item that cannot run (no such instance, an endpoint that did not
 * answer): it is reported failed with @reason when the run starts, among
 * the others. */
guint
vigie_bulk_action_add_failed (VigieBulkAction *self,
                              const char      *label,
                              const char      *reason)
{
  Item item = { 0 };

  g_return_val_if_fail (VIGIE_IS_BULK_ACTION (self), 0);
  g_return_val_if_fail (reason != NULL, 0);
  g_return_val_if_fail (self->task == NULL, 0);

  item.label = g_strdup (label);
  item.status = VIGIE_BULK_PENDING;
  item.reason = g_strdup (reason);
  g_array_append_val (self->items, item);
  return self->items->len - 1;
}

guint
vigie_bulk_action_get_n_items (VigieBulkAction *self)
{
  g_return_val_if_fail (VIGIE_IS_BULK_ACTION (self), 0);

  return self->items->len;
}

/* The instance key of item @index (vigie_instance_get_key()), NULL for an
 * item added failed. */
const char *
vigie_bulk_action_get_key (VigieBulkAction *self,
                           guint            index)
{
  g_return_val_if_fail (VIGIE_IS_BULK_ACTION (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return g_array_index (self->items, Item, index).key;
}

const char *
vigie_bulk_action_get_label (VigieBulkAction *self,
                             guint            index)
{
  g_return_val_if_fail (VIGIE_IS_BULK_ACTION (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return g_array_index (self->items, Item, index).label;
}

/**
 * vigie_bulk_action_get_status:
 * @reason: (out) (optional) (transfer none): why it failed or was not allowed
 */
VigieBulkStatus
vigie_bulk_action_get_status (VigieBulkAction  *self,
                              guint             index,
                              const char      **reason)
{
  Item *item;

  g_return_val_if_fail (VIGIE_IS_BULK_ACTION (self), VIGIE_BULK_FAILED);
  g_return_val_if_fail (index < self->items->len, VIGIE_BULK_FAILED);

  item = &g_array_index (self->items, Item, index);
  if (reason != NULL)
    *reason = item->reason;
  return item->status;
}

/* The most items that ran at once in the last run. */
guint
vigie_bulk_action_get_peak (VigieBulkAction *self)
{
  g_return_val_if_fail (VIGIE_IS_BULK_ACTION (self), 0);

  return self->peak;
}

static void schedule (VigieBulkAction *self);

static void
finish_item (VigieBulkAction *self,
             guint            index,
             VigieBulkStatus  status,
             const char      *reason)
{
  Item *item = &g_array_index (self->items, Item, index);

  item->status = status;
  if (reason != NULL)
    {
      g_free (item->reason);
      item->reason = g_strdup (reason);
    }
  g_signal_emit (self, signals[ITEM_FINISHED], 0, index);
}

typedef struct {
  VigieBulkAction *self;
  guint            index;
} RunData;

static void
run_action_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  RunData *data = user_data;
  VigieBulkAction *self = data->self;
  VigieBackend *backend = VIGIE_BACKEND (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint count;

  message = vigie_backend_run_action_finish (backend, result, &error);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->running_per_backend, backend));
  g_assert (count > 0 && self->running > 0);
  g_hash_table_insert (self->running_per_backend, backend, GUINT_TO_POINTER (count - 1));
  self->running--;

  if (error == NULL)
    finish_item (self, data->index, VIGIE_BULK_OK, NULL);
  else if (g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED) ||
           g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED))
    finish_item (self, data->index, VIGIE_BULK_NOT_ALLOWED, error->message);
  else
    finish_item (self, data->index, VIGIE_BULK_FAILED, error->message);

  g_free (data);
  schedule (self);
  g_object_unref (self);
}

/* Whether the capability model lets the action run on @item now; when not,
 * @reason says why. */
static gboolean
check_allowed (VigieBulkAction  *self,
               Item             *item,
               char            **reason)
{
  g_autoptr(GListModel) actions = vigie_backend_list_actions (item->backend, item->instance);
  guint n = g_list_model_get_n_items (actions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieAction) action = g_list_model_get_item (actions, i);

      if (g_strcmp0 (action->id, self->action) != 0)
        continue;
      if (action->allowed)
        return TRUE;
      *reason = g_strdup (action->reason != NULL
                            ? action->reason
                            : _("The endpoint does not allow it now"));
      return FALSE;
    }
  /* Translators: %s is an action, e.g. “Take Snapshot” */
  *reason = g_strdup_printf (_("“%s” is not offered for this instance"),
                             vigie_action_get_default_label (self->action));
  return FALSE;
}

static gboolean
may_start (VigieBulkAction *self,
           Item            *item)
{
  guint count;

  if (self->running >= self->overall)
    return FALSE;
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->running_per_backend, item->backend));
  return count < self->per_endpoint;
}

static gboolean
all_finished (VigieBulkAction *self)
{
  for (guint i = 0; i < self->items->len; i++)
    if (g_array_index (self->items, Item, i).status <= VIGIE_BULK_RUNNING)
      return FALSE;
  return self->running == 0;
}

static void
complete (VigieBulkAction *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  gboolean all_ok = TRUE;

  for (guint i = 0; i < self->items->len; i++)
    if (g_array_index (self->items, Item, i).status != VIGIE_BULK_OK)
      all_ok = FALSE;
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_boolean (task, all_ok);
}

/* Starts every pending item the limits let through; items of a busy
 * endpoint wait while those of another go ahead. */
static void
schedule (VigieBulkAction *self)
{
  GCancellable *cancellable;

  /* A backend that answers at once may have ended the run from inside. */
  if (self->task == NULL)
    return;
  cancellable = g_task_get_cancellable (self->task);
  for (guint i = 0; i < self->items->len && self->task != NULL; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      g_autofree char *reason = NULL;
      RunData *data;
      guint count;

      if (item->status != VIGIE_BULK_PENDING)
        continue;
      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (item->backend == NULL)
        {
          finish_item (self, i, VIGIE_BULK_FAILED, NULL);
          continue;
        }
      if (!check_allowed (self, item, &reason))
        {
          finish_item (self, i, VIGIE_BULK_NOT_ALLOWED, reason);
          continue;
        }
      if (!may_start (self, item))
        continue;

      item->status = VIGIE_BULK_RUNNING;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (self->running_per_backend, item->backend));
      g_hash_table_insert (self->running_per_backend, item->backend, GUINT_TO_POINTER (count + 1));
      self->running++;
      self->peak = MAX (self->peak, self->running);
      data = g_new0 (RunData, 1);
      data->self = g_object_ref (self);
      data->index = i;
      vigie_backend_run_action_async (item->backend, item->instance, self->action,
                                      self->params, cancellable, run_action_cb, data);
    }

  if (self->task != NULL && self->running == 0 &&
      (all_finished (self) || g_cancellable_is_cancelled (cancellable)))
    complete (self);
}

/**
 * vigie_bulk_action_run_async:
 *
 * Runs the action on every item; VigieBulkAction::item-finished tells of
 * each as it ends. Run once.
 */
void
vigie_bulk_action_run_async (VigieBulkAction     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (VIGIE_IS_BULK_ACTION (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, vigie_bulk_action_run_async);
  self->peak = 0;
  /* Keep it alive until the last item ends, whatever the caller does. */
  g_task_set_task_data (self->task, g_object_ref (self), g_object_unref);
  schedule (self);
}

gboolean
vigie_bulk_action_run_finish (VigieBulkAction  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (VIGIE_IS_BULK_ACTION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
