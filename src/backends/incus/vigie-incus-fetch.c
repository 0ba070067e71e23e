/* vigie-incus-fetch.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fetching an Incus server's inventory: projects, instances (with their
 * state, snapshots and backups), storage pools, cluster members and host
 * resources, a few calls at a time (per-instance backups on servers whose
 * instance list lacks them, per-pool usage and per-member resources are
 * bounded too): the fetch plan of vigie-fetch-plan.h. Only the instance
 * list failing fails the endpoint.
 */

#define G_LOG_DOMAIN "vigie-incus"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-fetch-plan.h"
#include "vigie-json.h"
#include "vigie-incus-private.h"

typedef struct {
  gint64 cpu_ns;
  gint64 when_us;
} CpuSample;

/* Fetch */

#define MAX_IN_FLIGHT 8

typedef struct {
  VigieInventory  *inventory;
  VigieFetchFlags  flags;
  VigieFetchPlan  *plan;
  GPtrArray       *hosts;        /* VigieHost awaiting /1.0/resources */
  GHashTable      *pools;        /* name → VigieStorage awaiting resources */
  gint64           host_threads;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_clear_object (&data->inventory);
  g_clear_object (&data->plan);
  g_clear_pointer (&data->hosts, g_ptr_array_unref);
  g_clear_pointer (&data->pools, g_hash_table_unref);
  g_free (data);
}

static void update_cpu_usage (VigieIncusBackend *self, VigieInstance *instance,
                              gint64 host_threads);

/* Phase 1: every call (handlers add the per-item ones); phase 2: hosts
 * and CPU usage once the host resources are in. */
static gboolean
on_phase (VigieFetchPlan *plan,
          guint           phase,
          gpointer        user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);

  if (phase == 1)
    return TRUE;
  for (guint i = 0; i < data->hosts->len; i++)
    {
      VigieHost *host = g_ptr_array_index (data->hosts, i);

      if (host->cpu_threads > 0 && data->host_threads <= 0)
        data->host_threads = host->cpu_threads;
      vigie_inventory_add_host (data->inventory, host);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (data->inventory->instances)); i++)
    {
      g_autoptr(VigieInstance) instance =
        g_list_model_get_item (G_LIST_MODEL (data->inventory->instances), i);

      update_cpu_usage (g_task_get_source_object (task), instance, data->host_threads);
    }
  return FALSE;
}

/* A reply's handler, as the plan calls it (VigieFetchHandler): @item is
 * borrowed, it lives in FetchData. */
typedef void (*FetchHandler) (GTask *task, gpointer item, JsonNode *metadata,
                              const GError *error);

static void
plan_send (VigieFetchPlan      *plan,
           const char          *path,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = vigie_fetch_plan_get_user_data (plan);

  vigie_incus_request_async (g_task_get_source_object (task), "GET", path, NULL, cancellable,
                             callback, user_data);
}

static gpointer
plan_receive (VigieFetchPlan  *plan,
              GObject         *source,
              GAsyncResult    *result,
              GError         **error)
{
  return vigie_incus_request_finish (VIGIE_BACKEND (source), result, NULL, error);
}

/* The instance list of a few hundred instances is a tree of tens of
 * thousands of nodes: it is freed off the main loop, which has the
 * inventory to finish. */
static const VigieFetchOps plan_ops = {
  plan_send, plan_receive, (GDestroyNotify) vigie_json_node_unref_later
};

/* The instance list is read one instance at a time (3,348 instances: a
 * 3.9 MB reply, a 45 MB tree if read whole): its handler gets a GPtrArray
 * of VigieIncusListEntry. */
static void
list_send (VigieFetchPlan      *plan,
           const char          *path,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = vigie_fetch_plan_get_user_data (plan);

  vigie_incus_request_list_async (g_task_get_source_object (task), path,
                                  vigie_incus_parse_list_entry, vigie_incus_list_entry_free,
                                  cancellable, callback, user_data);
}

static gpointer
list_receive (VigieFetchPlan  *plan,
              GObject         *source,
              GAsyncResult    *result,
              GError         **error)
{
  return vigie_incus_request_list_finish (VIGIE_BACKEND (source), result, error);
}

static const VigieFetchOps list_ops = {
  list_send, list_receive, (GDestroyNotify) g_ptr_array_unref
};

static void
fetch_call (GTask        *task,
            const char   *path,
            FetchHandler  handler,
            gpointer      item)
{
  FetchData *data = g_task_get_task_data (task);

  vigie_fetch_plan_add_handler (data->plan, NULL, VIGIE_FETCH_WARN, (VigieFetchHandler) handler,
                                item, NULL, path);
}

static void
warn (GTask        *task,
      const char   *what,
      const GError *error)
{
  FetchData *data = g_task_get_task_data (task);

  /* Translators: first %s is what failed (e.g. "storage pools"), second the reason. */
  vigie_inventory_add_warning (data->inventory, _("Could not read %s: %s"), what, error->message);
}

static void
on_projects (GTask        *task,
             gpointer      item,
             JsonNode     *metadata,
             const GError *error)
{
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *joined = NULL;

  if (error == NULL)
    names = vigie_incus_parse_names (metadata, &local_error);
  if (names == NULL)
    {
      warn (task, _("projects"), error ? error : local_error);
      return;
    }
  joined = g_strjoinv (",", names);
  vigie_resource_set_extra (&data->inventory->extra, "projects", joined);
}

static void on_instances (GTask *task, gpointer item, GPtrArray *entries,
                          const GError *error);

static void
fetch_instances (GTask      *task,
                 const char *path)
{
  FetchData *data = g_task_get_task_data (task);

  vigie_fetch_plan_add_handler (data->plan, &list_ops, VIGIE_FETCH_WARN,
                                (VigieFetchHandler) on_instances, NULL, NULL, path);
}

/* recursion=2 (state, snapshots, backups in one call) came with
 * container_full; without it the state is unknown rather than wrong. */
static int
recursion_level (GTask *task)
{
  VigieIncusBackend *self = g_task_get_source_object (task);

  return vigie_incus_server_has_extension (self->server, "container_full") ? 2 : 1;
}

/* Servers without instance_all_projects: one instance list per project. */
static void
on_projects_then_instances (GTask        *task,
                            gpointer      item,
                            JsonNode     *metadata,
                            const GError *error)
{
  g_auto(GStrv) names = NULL;

  on_projects (task, item, metadata, error);
  if (error == NULL)
    names = vigie_incus_parse_names (metadata, NULL);
  if (names == NULL || names[0] == NULL)
    {
      g_autofree char *path = g_strdup_printf ("/1.0/instances?recursion=%d",
                                               recursion_level (task));

      fetch_instances (task, path);
      return;
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (names[i], NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/1.0/instances?recursion=%d&project=%s",
                                               recursion_level (task), escaped);

      fetch_instances (task, path);
    }
}

static void
update_cpu_usage (VigieIncusBackend *self,
                  VigieInstance     *instance,
                  gint64             host_threads)
{
  const char *text = instance->extra ? g_hash_table_lookup (instance->extra, "cpu_time_ns") : NULL;
  g_autofree char *key = NULL;
  CpuSample *previous;
  CpuSample *sample;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu_ns;
  gint64 cpus;

  if (text == NULL || instance->state != VIGIE_STATE_RUNNING)
    return;
  key = g_strdup_printf ("%s/%s", instance->project, instance->name);
  cpu_ns = g_ascii_strtoll (text, NULL, 10);
  previous = g_hash_table_lookup (self->cpu_samples, key);
  cpus = instance->cpus > 0 ? instance->cpus : host_threads;
  /* Usage is cumulative: a fraction needs two samples a moment apart.
   * A sample too close to the previous one is not kept. */
  if (previous != NULL && now - previous->when_us < G_USEC_PER_SEC / 2 &&
      cpu_ns >= previous->cpu_ns)
    return;
  if (previous != NULL && cpus > 0 && cpu_ns >= previous->cpu_ns)
    {
      double busy = (double) (cpu_ns - previous->cpu_ns);
      double span = (double) (now - previous->when_us) * 1000.0 * (double) cpus;

      instance->cpu_usage = CLAMP (busy / span, 0.0, 1.0);
    }
  sample = g_new0 (CpuSample, 1);
  sample->cpu_ns = cpu_ns;
  sample->when_us = now;
  g_hash_table_replace (self->cpu_samples, g_steal_pointer (&key), sample);
}

static void on_backups_of (GTask *task, gpointer item, JsonNode *metadata,
                          const GError *error);

static void
on_instances (GTask        *task,
              gpointer      item,
              GPtrArray    *entries,
              const GError *error)
{
  VigieIncusBackend *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);

  if (entries == NULL)
    {
      /* The one failure that fails the endpoint. */
      vigie_fetch_plan_fail (data->plan, error);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      VigieIncusListEntry *entry = g_ptr_array_index (entries, i);
      VigieInstance *instance = entry->instance;

      if (instance == NULL)
        continue;
      if (instance->host == NULL && self->server != NULL && !self->server->clustered)
        instance->host = g_strdup (self->server->server_name);
      vigie_inventory_add_instance (data->inventory, instance);
    }

  if ((data->flags & VIGIE_FETCH_BACKUPS) == 0)
    return;
  /* InstanceFull carries its backups; ask per instance only when it does not. */
  for (guint i = 0; i < entries->len; i++)
    {
      VigieIncusListEntry *entry = g_ptr_array_index (entries, i);
      VigieInstance *instance;

      if (entry->name == NULL)
        continue;
      instance = vigie_inventory_find_instance (data->inventory, entry->name, entry->project);
      if (entry->backups_listed)
        {
          for (guint j = 0; entry->backups != NULL && j < entry->backups->len; j++)
            {
              VigieBackupItem *backup = g_ptr_array_index (entry->backups, j);

              if (instance != NULL)
                backup->target_type = g_strdup (vigie_instance_type_to_string (instance->type));
              vigie_inventory_add_backup (data->inventory, backup);
            }
        }
      else if (instance != NULL)
        {
          g_autofree char *path = vigie_incus_instance_path (entry->name, entry->project,
                                                             "/backups");
          g_autofree char *full = g_strconcat (path, "&recursion=1", NULL);

          fetch_call (task, full, on_backups_of, instance);
        }
    }
}

static void
on_backups_of (GTask        *task,
               gpointer      item,
               JsonNode     *metadata,
               const GError *error)
{
  FetchData *data = g_task_get_task_data (task);
  VigieInstance *instance = item;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (error == NULL)
    items = vigie_incus_parse_backups (metadata, instance->name, instance->project, &local_error);
  if (items == NULL)
    {
      g_autofree char *what = g_strdup_printf (_("the backups of %s"), instance->name);

      warn (task, what, error ? error : local_error);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    {
      VigieBackupItem *backup = g_ptr_array_index (items, i);

      backup->target_type = g_strdup (vigie_instance_type_to_string (instance->type));
      vigie_inventory_add_backup (data->inventory, backup);
    }
}

static void
on_pool_resources (GTask        *task,
                   gpointer      item,
                   JsonNode     *metadata,
                   const GError *error)
{
  VigieStorage *storage = item;

  if (error != NULL || metadata == NULL || !JSON_NODE_HOLDS_OBJECT (metadata))
    {
      if (error != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("the usage of storage pool %s"),
                                                   storage->name);

          warn (task, what, error);
        }
      return;
    }
  vigie_incus_parse_pool_space (metadata, &storage->total_bytes, &storage->used_bytes);
}

static void
on_pools (GTask        *task,
          gpointer      item,
          JsonNode     *metadata,
          const GError *error)
{
  FetchData *data = g_task_get_task_data (task);
  JsonArray *array;

  if (error != NULL || metadata == NULL || !JSON_NODE_HOLDS_ARRAY (metadata))
    {
      g_autoptr(GError) shape = NULL;

      if (error == NULL)
        shape = g_error_new (VIGIE_ERROR, VIGIE_ERROR_PROTOCOL, _("unexpected reply"));
      warn (task, _("storage pools"), error ? error : shape);
      return;
    }
  array = json_node_get_array (metadata);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      VigieStorage *storage;
      g_autofree char *escaped = NULL;
      g_autofree char *path = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      storage = vigie_incus_parse_storage_pool (json_node_get_object (node), NULL);
      if (storage == NULL)
        continue;
      vigie_inventory_add_storage (data->inventory, storage);
      escaped = g_uri_escape_string (storage->name, NULL, FALSE);
      path = g_strdup_printf ("/1.0/storage-pools/%s/resources", escaped);
      /* The inventory's store keeps it alive until the fetch ends. */
      fetch_call (task, path, on_pool_resources, storage);
      g_object_unref (storage);
    }
}

static void
on_host_resources (GTask        *task,
                   gpointer      item,
                   JsonNode     *metadata,
                   const GError *error)
{
  VigieHost *host = item;
  g_autoptr(VigieHost) parsed = NULL;

  if (error != NULL)
    {
      /* Restricted certificates may not read the host's hardware. */
      if (!g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED))
        {
          g_autofree char *what = g_strdup_printf (_("the resources of %s"), host->name);

          warn (task, what, error);
        }
      return;
    }
  parsed = vigie_incus_parse_host (host->name, metadata);
  host->cpu_cores = parsed->cpu_cores;
  host->cpu_threads = parsed->cpu_threads;
  host->cpu_sockets = parsed->cpu_sockets;
  host->memory_bytes = parsed->memory_bytes;
  host->memory_used_bytes = parsed->memory_used_bytes;
  if (parsed->cpu_model != NULL)
    {
      g_free (host->cpu_model);
      host->cpu_model = g_strdup (parsed->cpu_model);
    }
}

static void
on_members (GTask        *task,
            gpointer      item,
            JsonNode     *metadata,
            const GError *error)
{
  VigieIncusBackend *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) members = NULL;

  if (error == NULL)
    members = vigie_incus_parse_cluster_members (metadata, &local_error);
  if (members == NULL)
    {
      VigieHost *host = vigie_incus_parse_host (self->server->server_name, NULL);

      warn (task, _("cluster members"), error ? error : local_error);
      host->state = VIGIE_HOST_UNKNOWN;
      g_ptr_array_add (data->hosts, host);
      return;
    }
  for (guint i = 0; i < members->len; i++)
    {
      VigieHost *host = g_object_ref (g_ptr_array_index (members, i));
      g_autofree char *escaped = g_uri_escape_string (host->name, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/1.0/resources?target=%s", escaped);

      host->version = g_strdup (self->server->server_version);
      g_ptr_array_add (data->hosts, host);
      if (host->state == VIGIE_HOST_ONLINE)
        fetch_call (task, path, on_host_resources, host);
    }
}

void
vigie_incus_backend_fetch_async (VigieBackend        *backend,
                                 VigieFetchFlags      flags,
                                 VigieInventory      *inventory,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  VigieIncusBackend *self = VIGIE_INCUS_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  VigieIncusServer *server = self->server;
  FetchData *data;

  g_task_set_source_tag (task, vigie_incus_backend_fetch_async);
  if (server == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_FAILED,
                               _("Not connected to the server"));
      return;
    }

  data = g_new0 (FetchData, 1);
  data->inventory = g_object_ref (inventory);
  data->flags = flags;
  data->hosts = g_ptr_array_new_with_free_func (g_object_unref);
  data->plan = vigie_fetch_plan_new (&plan_ops, MAX_IN_FLIGHT, task);
  /* Incus and LXD speak HTTP/2, where requests share one connection; over
   * HTTP/1.1 (an older server, a proxy, the demo lab) each in flight holds
   * one, and its TLS handshake. */
  if (vigie_backend_get_http (backend) != NULL &&
      vigie_http_client_prefers_few_connections (vigie_backend_get_http (backend)))
    vigie_fetch_plan_set_per_connection (data->plan, VIGIE_FETCH_REQUESTS_PER_CONNECTION);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  inventory->product = g_strdup (server->server);
  inventory->version = g_strdup (server->server_version);
  inventory->api_version = g_strdup (server->api_version);
#define EXTRA(key, value) \
  if ((value) != NULL) vigie_resource_set_extra (&inventory->extra, key, value)
  EXTRA ("server_name", server->server_name);
  EXTRA ("kernel", server->kernel);
  EXTRA ("kernel_version", server->kernel_version);
  EXTRA ("driver", server->driver);
  EXTRA ("driver_version", server->driver_version);
  EXTRA ("storage", server->storage);
  EXTRA ("os_name", server->os_name);
  EXTRA ("os_version", server->os_version);
#undef EXTRA
  vigie_resource_set_extra (&inventory->extra, "clustered", server->clustered ? "true" : "false");

  if (vigie_incus_server_has_extension (server, "instance_all_projects"))
    {
      g_autofree char *path = g_strdup_printf ("/1.0/instances?recursion=%d&all-projects=true",
                                               recursion_level (task));

      fetch_call (task, "/1.0/projects", on_projects, NULL);
      fetch_instances (task, path);
    }
  else if (vigie_incus_server_has_extension (server, "projects"))
    fetch_call (task, "/1.0/projects", on_projects_then_instances, NULL);
  else
    {
      g_autofree char *path = g_strdup_printf ("/1.0/instances?recursion=%d",
                                               recursion_level (task));

      fetch_instances (task, path);
    }
  fetch_call (task, "/1.0/storage-pools?recursion=1", on_pools, NULL);
  if (server->clustered)
    fetch_call (task, "/1.0/cluster/members?recursion=1", on_members, NULL);
  else
    {
      const char *name = server->server_name;
      VigieHost *host;

      if (name == NULL)
        name = vigie_endpoint_get_name (vigie_backend_get_endpoint (backend));
      host = vigie_incus_parse_host (name, NULL);

      host->version = g_strdup (server->server_version);
      g_ptr_array_add (data->hosts, host);
      fetch_call (task, "/1.0/resources", on_host_resources, host);
    }
  /* The plan holds the task until it has run. */
  vigie_fetch_plan_run_task (data->plan, on_phase, g_steal_pointer (&task));
}

gboolean
vigie_incus_backend_fetch_finish (VigieBackend  *backend,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
