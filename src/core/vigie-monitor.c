/* vigie-monitor.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-monitor"

#include "config.h"

#include "vigie-monitor.h"

/* An empty inventory for @endpoint, until it answers. */
VigieInventory *
vigie_monitor_placeholder_for (VigieEndpoint *endpoint)
{
  VigieInventory *inventory;

  g_return_val_if_fail (VIGIE_IS_ENDPOINT (endpoint), NULL);

  inventory = vigie_inventory_new (vigie_endpoint_get_name (endpoint),
                                   vigie_endpoint_get_kind (endpoint),
                                   vigie_endpoint_get_url (endpoint));
  inventory->endpoint_uuid = g_strdup (vigie_endpoint_get_uuid (endpoint));
  return inventory;
}

/* fetch all */

typedef struct {
  GPtrArray *results;
  guint      pending;
} FetchAllData;

static void
fetch_all_data_free (FetchAllData *data)
{
  g_ptr_array_unref (data->results);
  g_free (data);
}

typedef struct {
  GTask *task;
  guint  index;
} FetchOne;

static void
fetch_one_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FetchOne *one = user_data;
  GTask *task = one->task;
  FetchAllData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  VigieInventory *inventory;

  inventory = vigie_backend_fetch_finish (VIGIE_BACKEND (object), result, &error);
  if (inventory != NULL)
    {
      g_clear_object (&g_ptr_array_index (data->results, one->index));
      g_ptr_array_index (data->results, one->index) = inventory;
    }
  g_free (one);

  if (--data->pending == 0)
    {
      if (g_task_return_error_if_cancelled (task))
        ;
      else
        g_task_return_pointer (task, g_ptr_array_ref (data->results),
                               (GDestroyNotify) g_ptr_array_unref);
    }
  g_object_unref (task);
}

void
vigie_fetch_all_async (GPtrArray           *backends,
                       VigieFetchFlags      flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchAllData *data;

  g_return_if_fail (backends != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_fetch_all_async);
  data = g_new0 (FetchAllData, 1);
  data->results = g_ptr_array_new_full (backends->len, g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_all_data_free);

  if (backends->len == 0)
    {
      g_task_return_pointer (task, g_ptr_array_ref (data->results),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  for (guint i = 0; i < backends->len; i++)
    {
      VigieBackend *backend = g_ptr_array_index (backends, i);
      VigieEndpoint *endpoint = vigie_backend_get_endpoint (backend);

      /* A placeholder in case the fetch is cancelled before it answers. */
      g_ptr_array_add (data->results, vigie_monitor_placeholder_for (endpoint));
    }
  data->pending = backends->len;
  for (guint i = 0; i < backends->len; i++)
    {
      FetchOne *one = g_new0 (FetchOne, 1);

      one->task = g_object_ref (task);
      one->index = i;
      vigie_backend_fetch_async (g_ptr_array_index (backends, i), flags, cancellable,
                                 fetch_one_cb, one);
    }
}

GPtrArray *
vigie_fetch_all_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* monitor */

struct _VigieMonitor
{
  GObject              parent_instance;

  VigieEndpointStore  *store;
  VigieContext        *context;
  VigieBackendFactory  factory;
  GHashTable          *backends;     /* uuid -> VigieBackend */
  GListStore          *inventories;  /* VigieInventory, store order */
  GHashTable          *by_uuid;      /* endpoint uuid -> VigieInventory in inventories */
  GCancellable        *cancellable;
  VigieFetchFlags      flags;
  guint                interval;
  guint                timer_id;
  guint                pending;      /* endpoints of this round not answered yet */
  guint                running;      /* of them, read now and not slow */
  GQueue              *waiting;      /* of them, uuids to read once a place frees */
  guint                max_reading;
  guint                slow_ms;
  gboolean             again;
  GHashTable          *queued;       /* uuids to read once the round is over */
  /* Push updates (vigie_monitor_set_watching). */
  gboolean             watching;
  GHashTable          *watches;      /* uuid -> Watch */
  guint                debounce_ms;
  guint                backoff_min_ms;
  guint                backoff_max_ms;
};

G_DEFINE_FINAL_TYPE (VigieMonitor, vigie_monitor, G_TYPE_OBJECT)

enum {
  REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct _Watch Watch;

static void watch_free   (Watch        *watch);
static void sync_watches (VigieMonitor *self);
static void start_queued (VigieMonitor *self);

/* A round reads at most MAX_READING endpoints at once: the others wait
 * their turn. With 100 endpoints read at once on the demo lab, their
 * replies all came back in one burst that the main loop handled in one
 * go (bench/RESULTS.md: the refresh's longest stall halved with the
 * bound). An endpoint still reading after SLOW_MS gives its place to the
 * next: a slow one never holds the others back, and endpoints far away,
 * whose time is mostly the network's, start 8 every half second instead
 * of 8 a wave (100 endpoints that take 1 s each: about 7 s to read them
 * all, 13 s with 2 s; the same stalls and memory on the lab with either). */
#define MAX_READING 8
#define SLOW_MS     500

static void
vigie_monitor_dispose (GObject *object)
{
  VigieMonitor *self = (VigieMonitor *) object;

  g_clear_pointer (&self->watches, g_hash_table_unref);
  g_clear_pointer (&self->queued, g_hash_table_unref);
  if (self->waiting != NULL)
    g_queue_free_full (g_steal_pointer (&self->waiting), g_free);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->backends, g_hash_table_unref);
  g_clear_pointer (&self->by_uuid, g_hash_table_unref);
  g_clear_object (&self->inventories);

  G_OBJECT_CLASS (vigie_monitor_parent_class)->dispose (object);
}

static void
vigie_monitor_class_init (VigieMonitorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vigie_monitor_dispose;

  signals[REFRESHED] = g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vigie_monitor_init (VigieMonitor *self)
{
  self->backends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->inventories = g_list_store_new (VIGIE_TYPE_INVENTORY);
  self->by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->flags = VIGIE_FETCH_INVENTORY;
  self->queued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->waiting = g_queue_new ();
  self->max_reading = MAX_READING;
  self->slow_ms = SLOW_MS;
  self->watches = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) watch_free);
  self->debounce_ms = 500;
  self->backoff_min_ms = 1000;
  self->backoff_max_ms = 60000;
}

/* Keeps one inventory per endpoint, in the store's order. */
static void
sync_with_store (VigieMonitor *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_object_unref);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieEndpoint) endpoint = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const char *uuid = vigie_endpoint_get_uuid (endpoint);
      VigieInventory *existing = g_hash_table_lookup (self->by_uuid, uuid);
      VigieInventory *inventory;

      /* A renamed endpoint keeps what it reported, under its new name; one
       * that now points elsewhere waits for its next answer. */
      if (existing != NULL && g_strcmp0 (existing->url, vigie_endpoint_get_url (endpoint)) != 0)
        existing = NULL;
      if (existing != NULL)
        {
          inventory = g_object_ref (existing);
          if (g_strcmp0 (inventory->endpoint, vigie_endpoint_get_name (endpoint)) != 0)
            vigie_inventory_rename (inventory, vigie_endpoint_get_name (endpoint), uuid);
        }
      else
        inventory = vigie_monitor_placeholder_for (endpoint);
      g_hash_table_add (keep, (gpointer) uuid);
      g_hash_table_insert (by_uuid, g_strdup (uuid), g_object_ref (inventory));
      g_ptr_array_add (items, inventory);
    }
  g_clear_pointer (&self->by_uuid, g_hash_table_unref);
  self->by_uuid = g_steal_pointer (&by_uuid);

  /* Drop backends of endpoints that went away (or were edited). */
  g_hash_table_iter_init (&iter, self->backends);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (keep, key))
      g_hash_table_iter_remove (&iter);

  g_list_store_splice (self->inventories, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->inventories)),
                       items->pdata, items->len);
  sync_watches (self);
}

static void
on_store_changed (VigieMonitor *self,
                  guint         position,
                  guint         removed,
                  guint         added)
{
  /* An edited endpoint is replaced in the store: forget its backend. */
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VigieEndpoint) endpoint = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      VigieBackend *backend = g_hash_table_lookup (self->backends,
                                                   vigie_endpoint_get_uuid (endpoint));

      if (backend != NULL && vigie_backend_get_endpoint (backend) != endpoint)
        g_hash_table_remove (self->backends, vigie_endpoint_get_uuid (endpoint));
    }
  sync_with_store (self);
  if (added > 0)
    vigie_monitor_refresh (self);
}

VigieMonitor *
vigie_monitor_new (VigieEndpointStore  *store,
                   VigieContext        *context,
                   VigieBackendFactory  factory)
{
  VigieMonitor *self = g_object_new (VIGIE_TYPE_MONITOR, NULL);

  self->store = g_object_ref (store);
  self->context = g_object_ref (context);
  self->factory = factory;
  g_signal_connect_object (store, "items-changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
  sync_with_store (self);
  return self;
}

GListModel *
vigie_monitor_get_inventories (VigieMonitor *self)
{
  g_return_val_if_fail (VIGIE_IS_MONITOR (self), NULL);
  return G_LIST_MODEL (self->inventories);
}

VigieEndpointStore *
vigie_monitor_get_store (VigieMonitor *self)
{
  g_return_val_if_fail (VIGIE_IS_MONITOR (self), NULL);
  return self->store;
}

VigieContext *
vigie_monitor_get_context (VigieMonitor *self)
{
  g_return_val_if_fail (VIGIE_IS_MONITOR (self), NULL);
  return self->context;
}

VigieBackend *
vigie_monitor_get_backend (VigieMonitor  *self,
                           VigieEndpoint *endpoint)
{
  VigieBackend *backend;

  g_return_val_if_fail (VIGIE_IS_MONITOR (self), NULL);

  backend = g_hash_table_lookup (self->backends, vigie_endpoint_get_uuid (endpoint));
  if (backend == NULL && self->factory != NULL)
    {
      backend = self->factory (endpoint, self->context);
      if (backend != NULL)
        g_hash_table_insert (self->backends, g_strdup (vigie_endpoint_get_uuid (endpoint)),
                             backend);
    }
  return backend;
}

VigieInventory *
vigie_monitor_get_inventory (VigieMonitor  *self,
                             VigieEndpoint *endpoint)
{
  g_return_val_if_fail (VIGIE_IS_MONITOR (self), NULL);
  g_return_val_if_fail (VIGIE_IS_ENDPOINT (endpoint), NULL);

  return vigie_monitor_get_inventory_for_uuid (self, vigie_endpoint_get_uuid (endpoint));
}

VigieInventory *
vigie_monitor_get_inventory_for_uuid (VigieMonitor *self,
                                      const char   *endpoint_uuid)
{
  g_return_val_if_fail (VIGIE_IS_MONITOR (self), NULL);

  if (self->by_uuid == NULL || endpoint_uuid == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_uuid, endpoint_uuid);
}

VigieBackend *
vigie_monitor_get_backend_for_uuid (VigieMonitor *self,
                                    const char   *endpoint_uuid)
{
  VigieEndpoint *endpoint;

  g_return_val_if_fail (VIGIE_IS_MONITOR (self), NULL);

  if (self->store == NULL || endpoint_uuid == NULL)
    return NULL;
  endpoint = vigie_endpoint_store_find_by_uuid (self->store, endpoint_uuid);
  return endpoint != NULL ? vigie_monitor_get_backend (self, endpoint) : NULL;
}

/* The instance with that key (vigie_instance_get_key()) in the newest
 * inventory of its endpoint, or NULL. */
VigieInstance *
vigie_monitor_find_instance (VigieMonitor *self,
                             const char   *key)
{
  g_autofree char *uuid = NULL;
  g_autofree char *project = NULL;
  g_autofree char *id = NULL;
  VigieInventory *inventory;
  guint n;

  g_return_val_if_fail (VIGIE_IS_MONITOR (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!vigie_instance_key_parse (key, &uuid, &project, &id))
    return NULL;
  inventory = vigie_monitor_get_inventory_for_uuid (self, uuid);
  if (inventory == NULL)
    return NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (inventory->instances));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieInstance) instance = NULL;

      instance = g_list_model_get_item (G_LIST_MODEL (inventory->instances), i);

      if (g_strcmp0 (instance->id, id) == 0 && g_strcmp0 (instance->project, project) == 0)
        return instance;
    }
  return NULL;
}

void
vigie_monitor_set_flags (VigieMonitor    *self,
                         VigieFetchFlags  flags)
{
  g_return_if_fail (VIGIE_IS_MONITOR (self));
  self->flags = flags;
}

static gboolean
on_timer (gpointer user_data)
{
  vigie_monitor_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

void
vigie_monitor_set_interval (VigieMonitor *self,
                            guint         seconds)
{
  g_return_if_fail (VIGIE_IS_MONITOR (self));

  self->interval = seconds;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (seconds > 0)
    self->timer_id = g_timeout_add_seconds (seconds, on_timer, self);
}

gboolean
vigie_monitor_get_busy (VigieMonitor *self)
{
  g_return_val_if_fail (VIGIE_IS_MONITOR (self), FALSE);
  return self->pending > 0;
}

typedef struct {
  VigieMonitor *self;
  char         *uuid;
  guint         slow_id;   /* until the endpoint counts as slow */
} RefreshOne;

static void read_more (VigieMonitor *self);

/* The round is over: what was asked meanwhile is read now. */
static void
round_done (VigieMonitor *self)
{
  g_signal_emit (self, signals[REFRESHED], 0);
  if (self->store == NULL)
    ;  /* disposed */
  else if (self->again)
    {
      self->again = FALSE;
      vigie_monitor_refresh (self);
    }
  else if (g_hash_table_size (self->queued) > 0)
    start_queued (self);
}

/* Slow: its place goes to the next endpoint; its answer is still taken. */
static gboolean
on_slow (gpointer user_data)
{
  RefreshOne *one = user_data;

  one->slow_id = 0;
  one->self->running--;
  read_more (one->self);
  return G_SOURCE_REMOVE;
}

static void
refresh_one_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RefreshOne *one = user_data;
  VigieMonitor *self = one->self;
  g_autoptr(VigieInventory) inventory = NULL;
  g_autoptr(GError) error = NULL;

  inventory = vigie_backend_fetch_finish (VIGIE_BACKEND (object), result, &error);
  if (inventory != NULL && self->store != NULL)
    {
      /* Found by identity, not by name: an endpoint renamed while it was
       * being read keeps the answer, under the name it has now. One
       * removed meanwhile has no place for it, nor has the answer of an
       * address it no longer has (the round after this one reads it). */
      VigieEndpoint *endpoint = vigie_endpoint_store_find_by_uuid (self->store, one->uuid);
      VigieInventory *old = g_hash_table_lookup (self->by_uuid, one->uuid);
      guint position;

      if (endpoint != NULL && old != NULL &&
          g_strcmp0 (inventory->url, vigie_endpoint_get_url (endpoint)) == 0 &&
          g_list_store_find (self->inventories, old, &position))
        {
          vigie_inventory_set_endpoint (inventory, vigie_endpoint_get_name (endpoint), one->uuid);
          g_hash_table_insert (self->by_uuid, g_strdup (one->uuid), g_object_ref (inventory));
          g_list_store_splice (self->inventories, position, 1, (gpointer *) &inventory, 1);
        }
    }
  if (one->slow_id != 0)
    {
      g_clear_handle_id (&one->slow_id, g_source_remove);
      self->running--;
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (--self->pending == 0)
        round_done (self);
      else
        read_more (self);
    }
  g_free (one->uuid);
  g_object_unref (one->self);
  g_free (one);
}

static gboolean
start_one (VigieMonitor  *self,
           VigieEndpoint *endpoint)
{
  VigieBackend *backend = vigie_monitor_get_backend (self, endpoint);
  RefreshOne *one;

  if (backend == NULL)
    return FALSE;
  one = g_new0 (RefreshOne, 1);
  one->self = g_object_ref (self);
  one->uuid = g_strdup (vigie_endpoint_get_uuid (endpoint));
  one->slow_id = g_timeout_add (self->slow_ms, on_slow, one);
  self->running++;
  vigie_backend_fetch_async (backend, self->flags, self->cancellable, refresh_one_cb, one);
  return TRUE;
}

/* Starts waiting endpoints while there is room. One gone meanwhile, or
 * with no backend, is done at once. */
static void
read_more (VigieMonitor *self)
{
  while (self->waiting != NULL && self->running < self->max_reading &&
         !g_queue_is_empty (self->waiting))
    {
      g_autofree char *uuid = g_queue_pop_head (self->waiting);
      VigieEndpoint *endpoint = vigie_endpoint_store_find_by_uuid (self->store, uuid);

      if ((endpoint == NULL || !start_one (self, endpoint)) && --self->pending == 0)
        {
          round_done (self);
          return;
        }
    }
}

/* A round over @endpoints (VigieEndpoint). */
static void
start_round (VigieMonitor *self,
             GPtrArray    *endpoints)
{
  if (endpoints->len == 0)
    {
      g_signal_emit (self, signals[REFRESHED], 0);
      return;
    }
  self->pending = endpoints->len;
  for (guint i = 0; i < endpoints->len; i++)
    g_queue_push_tail (self->waiting,
                       g_strdup (vigie_endpoint_get_uuid (g_ptr_array_index (endpoints, i))));
  read_more (self);
}

/* For tests: how many endpoints a round reads at once, and after how long
 * one reading counts as slow. */
void
vigie_monitor_set_reading_limits (VigieMonitor *self,
                                  guint         max_reading,
                                  guint         slow_ms)
{
  g_return_if_fail (VIGIE_IS_MONITOR (self));
  g_return_if_fail (max_reading > 0);

  self->max_reading = max_reading;
  self->slow_ms = slow_ms;
}

void
vigie_monitor_refresh (VigieMonitor *self)
{
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_if_fail (VIGIE_IS_MONITOR (self));

  if (self->pending > 0)
    {
      self->again = TRUE;
      return;
    }
  g_hash_table_remove_all (self->queued);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (endpoints, g_list_model_get_item (G_LIST_MODEL (self->store), i));
  start_round (self, endpoints);
}

static void
start_queued (VigieMonitor *self)
{
  g_autoptr(GList) uuids = g_hash_table_get_keys (self->queued);
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = uuids; l != NULL; l = l->next)
    {
      VigieEndpoint *endpoint = vigie_endpoint_store_find_by_uuid (self->store, l->data);

      if (endpoint != NULL)
        g_ptr_array_add (endpoints, g_object_ref (endpoint));
    }
  g_clear_pointer (&uuids, g_list_free);
  g_hash_table_remove_all (self->queued);
  if (endpoints->len > 0)
    start_round (self, endpoints);
}

/* After an action or a pushed change: read that endpoint again, not all of
 * them. During a round, it is read again once the round is over. */
void
vigie_monitor_refresh_endpoint (VigieMonitor  *self,
                                VigieEndpoint *endpoint)
{
  g_return_if_fail (VIGIE_IS_MONITOR (self));
  g_return_if_fail (VIGIE_IS_ENDPOINT (endpoint));

  if (self->pending > 0)
    {
      g_hash_table_add (self->queued, g_strdup (vigie_endpoint_get_uuid (endpoint)));
      return;
    }
  self->pending = 1;
  if (!start_one (self, endpoint))
    {
      self->pending = 0;
      g_signal_emit (self, signals[REFRESHED], 0);
    }
}

/* push updates */

struct _Watch {
  VigieMonitor *monitor;       /* unowned: the monitor owns the watch */
  VigieBackend *backend;
  char         *uuid;
  guint         debounce_id;
  guint         retry_id;
  guint         backoff_ms;    /* the next reconnection's delay */
  guint         last_delay_ms; /* the last one scheduled, for tests */
  gboolean      lost;          /* events may have been missed */
};

static void
watch_free (Watch *watch)
{
  g_clear_handle_id (&watch->debounce_id, g_source_remove);
  g_clear_handle_id (&watch->retry_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (watch->backend, watch);
  vigie_backend_unwatch (watch->backend);
  g_object_unref (watch->backend);
  g_free (watch->uuid);
  g_free (watch);
}

static gboolean
on_watch_debounce (gpointer user_data)
{
  Watch *watch = user_data;
  VigieMonitor *self = watch->monitor;
  VigieEndpoint *endpoint;

  watch->debounce_id = 0;
  endpoint = vigie_endpoint_store_find_by_uuid (self->store, watch->uuid);
  if (endpoint != NULL)
    vigie_monitor_refresh_endpoint (self, endpoint);
  return G_SOURCE_REMOVE;
}

/* A burst of events (an instance started: several lifecycle and operation
 * events) gives one read. */
static void
on_watch_changed (VigieBackend *backend,
                  Watch        *watch)
{
  if (watch->debounce_id == 0)
    watch->debounce_id = g_timeout_add (watch->monitor->debounce_ms, on_watch_debounce, watch);
}

static void
on_watch_connected (VigieBackend *backend,
                    Watch        *watch)
{
  watch->backoff_ms = watch->monitor->backoff_min_ms;
  if (watch->lost)
    {
      watch->lost = FALSE;
      on_watch_changed (backend, watch);
    }
}

static gboolean
on_watch_retry (gpointer user_data)
{
  Watch *watch = user_data;

  watch->retry_id = 0;
  vigie_backend_watch (watch->backend);
  return G_SOURCE_REMOVE;
}

static void
on_watch_lost (VigieBackend *backend,
               Watch        *watch)
{
  VigieMonitor *self = watch->monitor;

  watch->lost = TRUE;
  if (watch->retry_id != 0)
    return;
  g_debug ("watch of %s lost: again in %u ms", watch->uuid, watch->backoff_ms);
  watch->last_delay_ms = watch->backoff_ms;
  watch->retry_id = g_timeout_add (watch->backoff_ms, on_watch_retry, watch);
  watch->backoff_ms = MIN (watch->backoff_ms * 2, self->backoff_max_ms);
}

/* One watch per endpoint whose backend can push, while watching. */
static void
sync_watches (VigieMonitor *self)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n;

  if (self->watches == NULL)
    return;
  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Watch *watch = value;

      if (!self->watching || g_hash_table_lookup (self->backends, key) != watch->backend)
        g_hash_table_iter_remove (&iter);
    }
  if (!self->watching)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieEndpoint) endpoint = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const char *uuid = vigie_endpoint_get_uuid (endpoint);
      VigieBackend *backend;
      Watch *watch;

      if (g_hash_table_contains (self->watches, uuid))
        continue;
      backend = vigie_monitor_get_backend (self, endpoint);
      if (backend == NULL || VIGIE_BACKEND_GET_CLASS (backend)->watch == NULL)
        continue;
      watch = g_new0 (Watch, 1);
      watch->monitor = self;
      watch->backend = g_object_ref (backend);
      watch->uuid = g_strdup (uuid);
      watch->backoff_ms = self->backoff_min_ms;
      g_hash_table_insert (self->watches, watch->uuid, watch);
      g_signal_connect (backend, "changed", G_CALLBACK (on_watch_changed), watch);
      g_signal_connect (backend, "watch-connected", G_CALLBACK (on_watch_connected), watch);
      g_signal_connect (backend, "watch-lost", G_CALLBACK (on_watch_lost), watch);
      vigie_backend_watch (backend);
    }
}

void
vigie_monitor_set_watching (VigieMonitor *self,
                            gboolean      watching)
{
  g_return_if_fail (VIGIE_IS_MONITOR (self));

  if (self->watches == NULL)
    return;
  self->watching = !!watching;
  sync_watches (self);
}

void
vigie_monitor_set_watch_timing (VigieMonitor *self,
                                guint         debounce_ms,
                                guint         backoff_min_ms,
                                guint         backoff_max_ms)
{
  g_return_if_fail (VIGIE_IS_MONITOR (self));
  g_return_if_fail (backoff_min_ms > 0 && backoff_min_ms <= backoff_max_ms);

  self->debounce_ms = debounce_ms;
  self->backoff_min_ms = backoff_min_ms;
  self->backoff_max_ms = backoff_max_ms;
}

guint
vigie_monitor_get_watch_retry_delay (VigieMonitor  *self,
                                     VigieEndpoint *endpoint)
{
  Watch *watch;

  g_return_val_if_fail (VIGIE_IS_MONITOR (self), 0);
  g_return_val_if_fail (VIGIE_IS_ENDPOINT (endpoint), 0);

  if (self->watches == NULL)
    return 0;
  watch = g_hash_table_lookup (self->watches, vigie_endpoint_get_uuid (endpoint));
  return watch != NULL ? watch->last_delay_ms : 0;
}
