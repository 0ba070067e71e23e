/* vigie-proxmox-fetch.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inventory of a Proxmox VE node or cluster, in four phases:
 *
 *  1. cluster-wide lists: /version, /cluster/status, /nodes,
 *     /cluster/resources?type=vm and ?type=storage, /storage,
 *     /access/permissions, and with backups /cluster/backup and
 *     /cluster/backup-info/not-backed-up;
 *  2. details per node (status, version, vzdump tasks), per backup storage
 *     (content), and per guest (config, snapshots, addresses) for a few
 *     guests per refresh: at most VIGIE_PROXMOX_DETAILS_PERCENT requests
 *     per 100 guests (and VIGIE_PROXMOX_DETAILS_MIN), the rest kept from
 *     earlier refreshes or marked details_pending;
 *  3. with backups, the head of the log of the newest multi-guest vzdump
 *     tasks (which storage and guests they were for);
 *  4. what needs everything: job runs, failed attempts, offline nodes.
 *
 * Only /version, /nodes and the guest list failing fail the endpoint; the
 * rest become warnings. Requests run a few at a time, not all at once.
 *
 * What the backups developer can rely on (VIGIE_FETCH_BACKUPS):
 *  - one VigieBackupItem (source VZDUMP, failed FALSE) per volume that
 *    /nodes/N/storage/S/content?content=backup lists, in every active
 *    storage whose content includes "backup": location = storage id,
 *    target_id = vmid, target_type "vm" or "ct", time = ctime, size,
 *    verified (PBS-backed only), protected_, and volid exactly as PVE
 *    spells it. For a storage of type pbs the volid is
 *    "STORAGE:backup/vm/100/2026-11-25T01:00:00Z" and namespace_ is the
 *    storage's configured namespace (NULL for the root): with the
 *    storage's pbs_server/pbs_datastore/pbs_namespace that identifies the
 *    PBS snapshot "vm/100" at that time, so it can be counted once. A shared
 *    storage is listed once (from one online node), a local one per node.
 *  - one VigieBackupItem with failed TRUE per failed single-guest vzdump
 *    task (id = vmid) in the node task lists: time = task start, volid =
 *    the task's UPID, location NULL (the task list names no storage).
 *  - one VigieJob (kind "backup") per /cluster/backup entry: id, name (its
 *    comment, else its id), schedule, enabled, next_run, targets (vmids) or
 *    all_targets; last_run/last_result/message from the newest vzdump task
 *    that can belong to it (see vigie_proxmox_apply_job_runs()).
 *  - VigieInstance.in_backup_job: 0 for the guests that
 *    /cluster/backup-info/not-backed-up lists (no job covers them), 1 for
 *    the other guests, unset for templates (PVE says nothing of them).
 */

#define G_LOG_DOMAIN "vigie-proxmox"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-fetch-plan.h"
#include "vigie-proxmox-parse.h"
#include "vigie-proxmox-private.h"

#define MAX_IN_FLIGHT 6

typedef struct _Fetch Fetch;
typedef struct _Request Request;

typedef void (*Handler) (Fetch         *fetch,
                         Request       *request,
                         JsonNode      *data,
                         const GError  *error);

struct _Request
{
  char      *path;
  JsonNode **slot;       /* phase 1: where the reply goes */
  GObject   *target;     /* the host, instance or storage it is about */
  char      *node;       /* the node it goes through, for 595 */
  char      *arg;
  gboolean   snapshots;  /* a guest's config: its snapshots are read too */
  VigieProxmoxTask *task; /* a vzdump task whose log it reads (Fetch.tasks owns it) */
};

struct _Fetch
{
  GTask          *task;        /* not a reference: the task owns the Fetch */
  VigieInventory *inventory;
  VigieFetchFlags flags;
  VigieFetchPlan *plan;        /* runs the requests a few at a time, phase by phase */

  JsonNode       *version;
  JsonNode       *cluster_status;
  JsonNode       *nodes;
  JsonNode       *guests;
  JsonNode       *storage_resources;
  JsonNode       *storage_config;
  JsonNode       *permissions;
  JsonNode       *backup_jobs;
  JsonNode       *not_backed_up;

  GHashTable     *unreachable;   /* node name → the warning already given */
  GPtrArray      *tasks;         /* VigieProxmoxTask */
  GHashTable     *task_upids;
};

static void
request_free (Request *request)
{
  g_free (request->path);
  g_clear_object (&request->target);
  g_free (request->node);
  g_free (request->arg);
  g_free (request);
}

/* The phase-1 lists, once read (or with the fetch). */
static void
free_lists (Fetch *fetch)
{
  g_clear_pointer (&fetch->version, json_node_unref);
  g_clear_pointer (&fetch->cluster_status, json_node_unref);
  g_clear_pointer (&fetch->nodes, json_node_unref);
  g_clear_pointer (&fetch->guests, json_node_unref);
  g_clear_pointer (&fetch->storage_resources, json_node_unref);
  g_clear_pointer (&fetch->storage_config, json_node_unref);
  g_clear_pointer (&fetch->permissions, json_node_unref);
}

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->plan);
  g_clear_object (&fetch->inventory);
  free_lists (fetch);
  g_clear_pointer (&fetch->backup_jobs, json_node_unref);
  g_clear_pointer (&fetch->not_backed_up, json_node_unref);
  g_clear_pointer (&fetch->unreachable, g_hash_table_unref);
  g_clear_pointer (&fetch->tasks, g_ptr_array_unref);
  g_clear_pointer (&fetch->task_upids, g_hash_table_unref);
  g_free (fetch);
}

static Request *
enqueue (Fetch      *fetch,
         Handler     handler,
         const char *node,
         gpointer    target,
         const char *format,
         ...) G_GNUC_PRINTF (5, 6);

static Request *
enqueue_path (Fetch             *fetch,
              VigieFetchFailure  failure,
              Handler            handler,
              const char        *node,
              gpointer           target,
              char              *path)
{
  Request *request = g_new0 (Request, 1);

  request->path = path;
  request->node = g_strdup (node);
  request->target = target ? g_object_ref (target) : NULL;
  vigie_fetch_plan_add_handler (fetch->plan, NULL, failure, (VigieFetchHandler) handler, request,
                                (GDestroyNotify) request_free, path);
  return request;
}

static Request *
enqueue (Fetch      *fetch,
         Handler     handler,
         const char *node,
         gpointer    target,
         const char *format,
         ...)
{
  va_list args;
  char *path;

  va_start (args, format);
  path = g_strdup_vprintf (format, args);
  va_end (args);
  return enqueue_path (fetch, VIGIE_FETCH_WARN, handler, node, target, path);
}

static char *
escape (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

static const char *
guest_kind (VigieInstance *instance)
{
  return instance->type == VIGIE_INSTANCE_CONTAINER ? "lxc" : "qemu";
}

static void
node_unreachable (Fetch        *fetch,
                  const char   *node,
                  const GError *error)
{
  if (node == NULL || g_hash_table_contains (fetch->unreachable, node))
    return;
  g_hash_table_insert (fetch->unreachable, g_strdup (node), NULL);
  vigie_inventory_add_warning (fetch->inventory,
                               _("Node %s is unreachable (%s): its guests are listed with an "
                                 "unknown state"),
                               node, error ? error->message : _("offline"));
}

/* Common error handling for phase 2: a node that the cluster cannot reach
 * gives one warning, not one per request. */
static gboolean
request_failed (Fetch        *fetch,
                Request      *request,
                const GError *error)
{
  if (error == NULL)
    return FALSE;
  if (g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_UNREACHABLE) && request->node != NULL)
    node_unreachable (fetch, request->node, error);
  else
    vigie_inventory_add_warning (fetch->inventory, _("Could not read %s: %s"), request->path,
                                 error->message);
  return TRUE;
}

static void
plan_send (VigieFetchPlan      *plan,
           const char          *path,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  Fetch *fetch = vigie_fetch_plan_get_user_data (plan);

  vigie_proxmox_backend_call_async (g_task_get_source_object (fetch->task), "GET", path, NULL,
                                    cancellable, callback, user_data);
}

static gpointer
plan_receive (VigieFetchPlan  *plan,
              GObject         *source,
              GAsyncResult    *result,
              GError         **error)
{
  return vigie_proxmox_backend_call_finish (VIGIE_PROXMOX_BACKEND (source), result, NULL, error);
}

static const VigieFetchOps plan_ops = {
  plan_send, plan_receive, (GDestroyNotify) json_node_unref
};

/* Phase 1 */

static void
store_reply (Fetch        *fetch,
             Request      *request,
             JsonNode     *data,
             const GError *error)
{
  if (error != NULL)
    {
      vigie_inventory_add_warning (fetch->inventory, _("Could not read %s: %s"), request->path,
                                   error->message);
      return;
    }
  g_clear_pointer (request->slot, json_node_unref);
  *request->slot = json_node_ref (data);
}

static void
enqueue_list (Fetch       *fetch,
              JsonNode   **slot,
              gboolean     fatal,
              const char  *path)
{
  Request *request = enqueue_path (fetch, fatal ? VIGIE_FETCH_FATAL : VIGIE_FETCH_WARN,
                                   store_reply, NULL, NULL, g_strdup (path));

  request->slot = slot;
}

static void
start_phase1 (Fetch *fetch)
{
  enqueue_list (fetch, &fetch->version, TRUE, "/version");
  enqueue_list (fetch, &fetch->nodes, TRUE, "/nodes");
  enqueue_list (fetch, &fetch->guests, TRUE, "/cluster/resources?type=vm");
  enqueue_list (fetch, &fetch->cluster_status, FALSE, "/cluster/status");
  enqueue_list (fetch, &fetch->storage_resources, FALSE, "/cluster/resources?type=storage");
  enqueue_list (fetch, &fetch->storage_config, FALSE, "/storage");
  enqueue_list (fetch, &fetch->permissions, FALSE, "/access/permissions");
  if (fetch->flags & VIGIE_FETCH_BACKUPS)
    {
      enqueue_list (fetch, &fetch->backup_jobs, FALSE, "/cluster/backup");
      enqueue_list (fetch, &fetch->not_backed_up, FALSE, "/cluster/backup-info/not-backed-up");
    }
}

/* Phase 2 handlers */

static void
node_status_cb (Fetch        *fetch,
                Request      *request,
                JsonNode     *data,
                const GError *error)
{
  if (!request_failed (fetch, request, error))
    vigie_proxmox_apply_node_status (VIGIE_HOST (request->target), data);
}

static void
node_version_cb (Fetch        *fetch,
                 Request      *request,
                 JsonNode     *data,
                 const GError *error)
{
  VigieHost *host = VIGIE_HOST (request->target);
  g_autofree char *version = NULL;
  g_autofree char *repoid = NULL;

  if (request_failed (fetch, request, error))
    return;
  if (vigie_proxmox_parse_version (data, &version, NULL, &repoid))
    {
      g_free (host->version);
      host->version = g_steal_pointer (&version);
      g_free (host->build);
      host->build = g_steal_pointer (&repoid);
    }
}

static void
node_tasks_cb (Fetch        *fetch,
               Request      *request,
               JsonNode     *data,
               const GError *error)
{
  g_autoptr(GPtrArray) tasks = NULL;

  if (request_failed (fetch, request, error))
    return;
  tasks = vigie_proxmox_parse_tasks (data);
  for (guint i = 0; i < tasks->len; i++)
    {
      VigieProxmoxTask *task = g_ptr_array_index (tasks, i);

      if (task->upid != NULL && g_hash_table_contains (fetch->task_upids, task->upid))
        continue;
      if (task->upid != NULL)
        g_hash_table_add (fetch->task_upids, g_strdup (task->upid));
      g_ptr_array_add (fetch->tasks, task);
      tasks->pdata[i] = NULL;
    }
}

static VigieProxmoxDetails *
fetch_details (Fetch *fetch)
{
  return vigie_proxmox_backend_get_details (g_task_get_source_object (fetch->task));
}

static void
snapshots_cb (Fetch        *fetch,
              Request      *request,
              JsonNode     *data,
              const GError *error)
{
  if (!request_failed (fetch, request, error))
    vigie_proxmox_details_set_snapshots (fetch_details (fetch), VIGIE_INSTANCE (request->target),
                                         data);
}

static void
interfaces_cb (Fetch        *fetch,
               Request      *request,
               JsonNode     *data,
               const GError *error)
{
  VigieInstance *instance = VIGIE_INSTANCE (request->target);

  /* The agent may be enabled but not installed or not answering yet:
   * that is normal, not worth a warning. */
  if (error != NULL && instance->type == VIGIE_INSTANCE_VM)
    {
      g_debug ("%s: %s", request->path, error->message);
      return;
    }
  if (!request_failed (fetch, request, error))
    vigie_proxmox_details_set_interfaces (fetch_details (fetch), instance, data);
}

/* A guest's config; then its snapshots when the config's digest changed
 * (they live in the same file), and its addresses when it runs. */
static void
config_cb (Fetch        *fetch,
           Request      *request,
           JsonNode     *data,
           const GError *error)
{
  VigieInstance *instance = VIGIE_INSTANCE (request->target);
  gboolean lxc = instance->type == VIGIE_INSTANCE_CONTAINER;
  gboolean agent = FALSE;
  const char *kind = lxc ? "lxc" : "qemu";

  if (request_failed (fetch, request, error))
    return;
  if (lxc)
    vigie_proxmox_apply_lxc_config (instance, data);
  else
    vigie_proxmox_apply_qemu_config (instance, data, &agent);
  if (vigie_proxmox_details_set_config (fetch_details (fetch), instance, data, agent) &&
      !request->snapshots)
    enqueue (fetch, snapshots_cb, instance->host, instance, "/nodes/%s/%s/%s/snapshot",
             request->arg, kind, instance->id);
  if (instance->state != VIGIE_STATE_RUNNING)
    return;
  if (lxc)
    enqueue (fetch, interfaces_cb, instance->host, instance, "/nodes/%s/lxc/%s/interfaces",
             request->arg, instance->id);
  else if (agent)
    enqueue (fetch, interfaces_cb, instance->host, instance,
             "/nodes/%s/qemu/%s/agent/network-get-interfaces", request->arg, instance->id);
}

static void
content_cb (Fetch        *fetch,
            Request      *request,
            JsonNode     *data,
            const GError *error)
{
  VigieStorage *storage = VIGIE_STORAGE (request->target);
  g_autoptr(GPtrArray) items = NULL;

  if (error != NULL)
    {
      vigie_inventory_add_warning (fetch->inventory,
                                   _("Could not list the backups in storage %s: %s"),
                                   storage->name, error->message);
      return;
    }
  items = vigie_proxmox_parse_backup_content (data, storage->name, storage->pbs_namespace);
  for (guint i = 0; i < items->len; i++)
    vigie_inventory_add_backup (fetch->inventory, g_ptr_array_index (items, i));
}

/* Phase 2: what phase 1 found */

static gboolean
node_is_reachable (Fetch      *fetch,
                   const char *node)
{
  return node != NULL && !g_hash_table_contains (fetch->unreachable, node);
}

static void
add_hosts (Fetch *fetch)
{
  g_autoptr(VigieProxmoxCluster) cluster = NULL;
  g_autoptr(GPtrArray) hosts = vigie_proxmox_parse_nodes (fetch->nodes);

  cluster = vigie_proxmox_parse_cluster_status (fetch->cluster_status);

  if (cluster != NULL && cluster->name != NULL)
    {
      vigie_resource_set_extra (&fetch->inventory->extra, "cluster", cluster->name);
      if (cluster->quorate != VIGIE_UNSET)
        vigie_resource_set_extra (&fetch->inventory->extra, "quorate",
                                  cluster->quorate ? "true" : "false");
      if (cluster->quorate == 0)
        vigie_inventory_add_warning (fetch->inventory,
                                     _("Cluster %s has lost quorum: it refuses changes"),
                                     cluster->name);
    }

  for (guint i = 0; i < hosts->len; i++)
    {
      VigieHost *host = g_ptr_array_index (hosts, i);
      g_autofree char *node = escape (host->name);
      gpointer online = cluster ? g_hash_table_lookup (cluster->node_online, host->name) : NULL;

      if (GPOINTER_TO_INT (online) == 2 && host->state != VIGIE_HOST_OFFLINE)
        {
          VigieHost *stale = host;

          stale->state = VIGIE_HOST_OFFLINE;
          stale->cpu_usage = -1.0;
          stale->memory_used_bytes = VIGIE_UNSET;
          stale->uptime_seconds = VIGIE_UNSET;
        }
      vigie_inventory_add_host (fetch->inventory, host);
      if (host->state != VIGIE_HOST_ONLINE)
        {
          node_unreachable (fetch, host->name, NULL);
          continue;
        }
      enqueue (fetch, node_status_cb, host->name, host, "/nodes/%s/status", node);
      enqueue (fetch, node_version_cb, host->name, host, "/nodes/%s/version", node);
      if (fetch->flags & VIGIE_FETCH_BACKUPS)
        enqueue (fetch, node_tasks_cb, host->name, NULL,
                 "/nodes/%s/tasks?typefilter=vzdump&source=all&limit=500", node);
    }
}

/* Every guest's list entry and figures come from /cluster/resources; its
 * own calls (config, snapshots, addresses) are read for a few guests per
 * refresh, the rest kept from earlier refreshes (see
 * vigie-proxmox-details.c). */
static void
add_guests (Fetch *fetch)
{
  g_autoptr(GPtrArray) guests = vigie_proxmox_parse_guests (fetch->guests);
  g_autoptr(GPtrArray) reachable = g_ptr_array_new ();
  g_autoptr(GPtrArray) read = NULL;
  guint budget;
  guint pending;

  for (guint i = 0; i < guests->len; i++)
    {
      VigieInstance *instance = g_ptr_array_index (guests, i);

      vigie_inventory_add_instance (fetch->inventory, instance);
      if (node_is_reachable (fetch, instance->host))
        g_ptr_array_add (reachable, instance);
    }

  read = vigie_proxmox_details_plan (fetch_details (fetch), reachable, &budget, &pending);
  g_debug ("%u guests: reading the details of %u (budget %u requests), %u still pending",
           reachable->len, read->len, budget, pending);
  for (guint i = 0; i < read->len; i++)
    {
      VigieInstance *instance = g_ptr_array_index (read, i);
      g_autofree char *node = escape (instance->host);
      Request *request;

      request = enqueue (fetch, config_cb, instance->host, instance, "/nodes/%s/%s/%s/config",
                         node, guest_kind (instance), instance->id);
      request->arg = g_strdup (node);
      if (!vigie_proxmox_details_has_snapshots (fetch_details (fetch), instance))
        {
          request->snapshots = TRUE;
          enqueue (fetch, snapshots_cb, instance->host, instance, "/nodes/%s/%s/%s/snapshot",
                   node, guest_kind (instance), instance->id);
        }
    }
  if (pending > 0)
    {
      vigie_inventory_add_warning (fetch->inventory,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "The details (snapshots, addresses, OS) of %u "
                                                "guest are still loading: a few are read at "
                                                "each refresh",
                                                "The details (snapshots, addresses, OS) of %u "
                                                "guests are still loading: a few are read at "
                                                "each refresh", pending),
                                   pending);
    }
}

/* A node that sees the storage as available, to list its content. */
static const char *
storage_node (Fetch        *fetch,
              VigieStorage *storage)
{
  JsonArray *array;

  if (!storage->shared)
    return node_is_reachable (fetch, storage->host) ? storage->host : NULL;
  if (fetch->storage_resources == NULL || !JSON_NODE_HOLDS_ARRAY (fetch->storage_resources))
    return NULL;
  array = json_node_get_array (fetch->storage_resources);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *node = vigie_proxmox_json_get_string (item, "node");

      if (g_strcmp0 (vigie_proxmox_json_get_string (item, "storage"), storage->name) == 0 &&
          g_strcmp0 (vigie_proxmox_json_get_string (item, "status"), "available") == 0 &&
          node_is_reachable (fetch, node))
        return node;
    }
  return NULL;
}

static gboolean
has_content (VigieStorage *storage,
             const char   *content)
{
  g_auto(GStrv) parts = NULL;

  if (storage->content == NULL)
    return FALSE;
  parts = g_strsplit (storage->content, ",", -1);
  return g_strv_contains ((const char * const *) parts, content);
}

static void
add_storage (Fetch *fetch)
{
  g_autoptr(GPtrArray) storages = NULL;

  if (fetch->storage_resources == NULL)
    return;
  storages = vigie_proxmox_parse_storage (fetch->storage_resources, fetch->storage_config);
  for (guint i = 0; i < storages->len; i++)
    {
      VigieStorage *storage = g_ptr_array_index (storages, i);
      const char *node;
      g_autofree char *enode = NULL;
      g_autofree char *estorage = NULL;

      vigie_inventory_add_storage (fetch->inventory, storage);
      if (!(fetch->flags & VIGIE_FETCH_BACKUPS) || !has_content (storage, "backup"))
        continue;
      if (storage->host != NULL && !node_is_reachable (fetch, storage->host))
        continue;  /* already warned about the node */
      node = storage_node (fetch, storage);
      if (node == NULL)
        {
          vigie_inventory_add_warning (fetch->inventory,
                                       _("Storage %s is not available: its backups are not "
                                         "listed"), storage->name);
          continue;
        }
      enode = escape (node);
      estorage = escape (storage->name);
      enqueue (fetch, content_cb, node, storage, "/nodes/%s/storage/%s/content?content=backup",
               enode, estorage);
    }
}

static void
start_phase2 (Fetch *fetch)
{
  VigieProxmoxBackend *self = g_task_get_source_object (fetch->task);
  VigieInventory *inventory = fetch->inventory;
  g_autofree char *version = NULL;
  g_autofree char *release = NULL;
  g_autofree char *repoid = NULL;

  if (!vigie_proxmox_parse_version (fetch->version, &version, &release, &repoid))
    {
      g_autoptr(GError) error = g_error_new (VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                                             _("The server’s /version reply names no version"));

      vigie_fetch_plan_fail (fetch->plan, error);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (fetch->nodes) || !JSON_NODE_HOLDS_ARRAY (fetch->guests))
    {
      g_autoptr(GError) error = g_error_new (VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                                             _("The server’s node or guest list is not a list"));

      vigie_fetch_plan_fail (fetch->plan, error);
      return;
    }
  g_free (inventory->product);
  inventory->product = g_strdup (vigie_kind_get_product_name (VIGIE_KIND_PROXMOX));
  g_free (inventory->version);
  inventory->version = g_steal_pointer (&version);
  g_free (inventory->build);
  inventory->build = g_steal_pointer (&repoid);
  if (release != NULL)
    vigie_resource_set_extra (&inventory->extra, "release", release);

  vigie_proxmox_backend_set_permissions (self, fetch->permissions);
  add_hosts (fetch);
  add_guests (fetch);
  add_storage (fetch);

  /* Read now: the lists go, not when the last guest's details answer
   * (the clusters of a 10,000-guest estate held theirs meanwhile). */
  free_lists (fetch);
}

/* Phase 3: which job ran the multi-guest vzdump tasks? Their log head
 * names the storage and guests; read it for the newest few per node. */

#define LOGS_PER_NODE 8

static void
vzdump_log_cb (Fetch        *fetch,
               Request      *request,
               JsonNode     *data,
               const GError *error)
{
  if (error != NULL)
    {
      g_debug ("%s: %s", request->path, error->message);
      return;
    }
  vigie_proxmox_apply_vzdump_log (request->task, data);
}

static gint
newest_first (gconstpointer a,
              gconstpointer b)
{
  const VigieProxmoxTask *ta = *(VigieProxmoxTask **) a;
  const VigieProxmoxTask *tb = *(VigieProxmoxTask **) b;

  return (ta->starttime < tb->starttime) - (ta->starttime > tb->starttime);
}

static void
start_phase3 (Fetch *fetch)
{
  g_autoptr(GHashTable) per_node = NULL;

  if (!(fetch->flags & VIGIE_FETCH_BACKUPS) || fetch->backup_jobs == NULL)
    return;
  per_node = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_sort (fetch->tasks, newest_first);
  for (guint i = 0; i < fetch->tasks->len; i++)
    {
      VigieProxmoxTask *task = g_ptr_array_index (fetch->tasks, i);
      g_autofree char *node = NULL;
      g_autofree char *upid = NULL;
      guint n;

      if (g_strcmp0 (task->type, "vzdump") != 0 || (task->id != NULL && *task->id != '\0') ||
          task->upid == NULL || task->node == NULL || !node_is_reachable (fetch, task->node))
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (per_node, task->node));
      if (n >= LOGS_PER_NODE)
        continue;
      g_hash_table_insert (per_node, task->node, GUINT_TO_POINTER (n + 1));
      node = escape (task->node);
      upid = escape (task->upid);
      /* The task list outlives the request. */
      enqueue (fetch, vzdump_log_cb, task->node, NULL, "/nodes/%s/tasks/%s/log?start=0&limit=20",
               node, upid)->task = task;
    }
}

/* Phase 4 */

static void
mark_unreachable (Fetch *fetch)
{
  GListModel *hosts = G_LIST_MODEL (fetch->inventory->hosts);
  GListModel *instances = G_LIST_MODEL (fetch->inventory->instances);

  for (guint i = 0; i < g_list_model_get_n_items (hosts); i++)
    {
      g_autoptr(VigieHost) host = g_list_model_get_item (hosts, i);

      if (!g_hash_table_contains (fetch->unreachable, host->name) ||
          host->state == VIGIE_HOST_OFFLINE)
        continue;
      /* Listed online, but the cluster cannot reach it (595). */
      host->state = VIGIE_HOST_OFFLINE;
      host->cpu_usage = -1.0;
      host->memory_used_bytes = VIGIE_UNSET;
      host->uptime_seconds = VIGIE_UNSET;
    }
  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(VigieInstance) instance = g_list_model_get_item (instances, i);

      if (instance->host == NULL || g_hash_table_contains (fetch->unreachable, instance->host))
        vigie_proxmox_mark_guest_unknown (instance);
    }
}

static void
add_backup_facts (Fetch *fetch)
{
  g_autoptr(GPtrArray) jobs = vigie_proxmox_parse_backup_jobs (fetch->backup_jobs);
  g_auto(GStrv) uncovered = NULL;

  vigie_proxmox_apply_job_runs (jobs, fetch->tasks);
  for (guint i = 0; i < jobs->len; i++)
    vigie_inventory_add_job (fetch->inventory, g_ptr_array_index (jobs, i));

  for (guint i = 0; i < fetch->tasks->len; i++)
    {
      const VigieProxmoxTask *task = g_ptr_array_index (fetch->tasks, i);
      g_autoptr(VigieBackupItem) item = vigie_proxmox_backup_item_from_task (task, NULL);

      if (item == NULL)
        continue;
      for (guint j = 0; j < jobs->len; j++)
        {
          VigieJob *job = g_ptr_array_index (jobs, j);

          /* Name the job when exactly it can have run this attempt. */
          if (job->last_run == task->starttime && job->last_result == VIGIE_JOB_FAILED)
            {
              g_free (item->job);
              item->job = g_strdup (job->name);
            }
        }
      vigie_inventory_add_backup (fetch->inventory, item);
    }

  if (fetch->not_backed_up != NULL)
    {
      GListModel *instances = G_LIST_MODEL (fetch->inventory->instances);

      uncovered = vigie_proxmox_parse_not_backed_up (fetch->not_backed_up);
      /* PVE leaves templates out of the list: for them it says nothing. */
      for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
        {
          g_autoptr(VigieInstance) instance = g_list_model_get_item (instances, i);

          if (!instance->template)
            instance->in_backup_job = !g_strv_contains ((const char * const *) uncovered,
                                                        instance->id);
        }
    }
}

static gboolean
on_phase (VigieFetchPlan *plan,
          guint           phase,
          gpointer        user_data)
{
  Fetch *fetch = user_data;

  if (phase == 1)
    start_phase1 (fetch);
  else if (phase == 2)
    start_phase2 (fetch);
  else if (phase == 3)
    start_phase3 (fetch);
  else
    {
      mark_unreachable (fetch);
      if (fetch->flags & VIGIE_FETCH_BACKUPS)
        add_backup_facts (fetch);
      return FALSE;
    }
  return TRUE;
}

void
vigie_proxmox_fetch_async (VigieBackend        *backend,
                           VigieFetchFlags      flags,
                           VigieInventory      *inventory,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Fetch *fetch;

  task = g_task_new (backend, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_proxmox_fetch_async);
  fetch = g_new0 (Fetch, 1);
  fetch->task = task;
  fetch->inventory = g_object_ref (inventory);
  fetch->flags = flags;
  fetch->unreachable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fetch->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_proxmox_task_free);
  fetch->task_upids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fetch->plan = vigie_fetch_plan_new (&plan_ops, MAX_IN_FLIGHT, fetch);
  /* HTTP/1.1: a connection, and its TLS handshake, per request in flight. */
  vigie_fetch_plan_set_per_connection (fetch->plan, VIGIE_FETCH_REQUESTS_PER_CONNECTION);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  /* The task holds its own reference until the plan has run. */
  vigie_fetch_plan_run_task (fetch->plan, on_phase, task);
}

gboolean
vigie_proxmox_fetch_finish (VigieBackend  *backend,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
