/* vigie-veeam-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Veeam Backup & Replication REST API at https://HOST:9419/api/v1.
 *
 * Authentication: OAuth2 password grant (POST /api/oauth2/token), then the
 * refresh_token grant when the access token is about to expire on the
 * context's clock, or when a call answers 401; the password again only when
 * the refresh is refused. Every request carries x-api-version: we offer the
 * newest revision we know, and when the server answers 400 with the list of
 * revisions it supports, we retry with the newest one both sides know.
 *
 * What an inventory holds: product "Veeam Backup & Replication", version
 * serverInfo.buildVersion (needs the Backup Administrator role; without it
 * the version is null and a warning says why), api_version the negotiated
 * revision, license the licence edition; one host, the server itself
 * (serverInfo.name, else the URL's host); one storage per repository
 * (repositories/states: capacity, and capacity - free as used; usedSpaceGB,
 * the size of the backup files, goes to extra "backup-bytes").
 *
 * With VIGIE_FETCH_BACKUPS: one VigieJob per job (jobs/states, plus /jobs for
 * enabled, daily schedule and the morefs of included VMs as targets), and one
 * VigieBackupItem per restore point of every backup object: source VEEAM,
 * location and job = the job's name, target_type "vm" for VMs, target_id the
 * vSphere moref (objectId), target_uuid when the object carries one,
 * target_name, target_host (hostName, else the first part of the object's
 * path), time, volid the restore point id. size and verified stay null/none:
 * the API does not give them per restore point. When a job's last session
 * failed, each object of that job (from its backups and its includes) gets
 * an item with failed = TRUE at the session's time.
 */

#define G_LOG_DOMAIN "vigie-veeam"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-error.h"
#include "vigie-fetch-plan.h"
#include "vigie-json.h"
#include "vigie-session.h"
#include "vigie-veeam-parse.h"
#include "vigie-veeam-private.h"

/* How far back sessions are read. */
#define SESSION_WINDOW (31 * 24 * 60 * 60)
/* Requests in flight at once during a fetch. */
#define MAX_IN_FLIGHT 6

G_DEFINE_FINAL_TYPE (VigieVeeamBackend, vigie_veeam_backend, VIGIE_TYPE_BACKEND)

static const VigieBackendField fields[] = {
  { "url", N_("Address"), VIGIE_FIELD_URL, TRUE, N_("https://host") },
  { "user", N_("User"), VIGIE_FIELD_TEXT, TRUE, N_("DOMAIN\\user") },
  { "password", N_("Password"), VIGIE_FIELD_SECRET, TRUE, NULL },
  { NULL }
};

/* connect: password, token (negotiating the revision), server info */

static void
info_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  VigieVeeamBackend *self = VIGIE_VEEAM_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_clear_pointer (&self->info_warning, g_free);
  root = vigie_veeam_get_finish (self, result, &error);
  if (root == NULL)
    {
      /* serverInfo needs the Backup Administrator role; a viewer still works. */
      if (g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED) ||
          g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_FAILED))
        {
          self->info_warning = g_strdup_printf (_("Server information unavailable: %s"),
                                                error->message);
          g_task_return_boolean (task, TRUE);
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->build, g_free);
  g_clear_pointer (&self->platform, g_free);
  if (!vigie_veeam_parse_server_info (root, &self->name, &self->build, &self->platform))
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server did not say which version it runs; "
                                 "is it Veeam Backup & Replication?"));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
connect_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigieVeeamBackend *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (!vigie_session_ensure_finish (VIGIE_SESSION (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  vigie_veeam_get_async (self, "/api/v1/serverInfo", cancellable, info_cb, g_steal_pointer (&task));
}

static void
secret_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VigieVeeamBackend *self = VIGIE_VEEAM_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  char *secret;

  secret = vigie_backend_lookup_secret_finish (VIGIE_BACKEND (self), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (secret == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS,
                               _("No password is stored for “%s”"),
                               vigie_endpoint_get_name (
                                 vigie_backend_get_endpoint (VIGIE_BACKEND (self))));
      return;
    }
  g_clear_pointer (&self->password, vigie_secret_free);
  self->password = secret;
  g_clear_pointer (&self->refresh_token, g_free);
  g_free (self->revision);
  self->revision = g_strdup (vigie_veeam_newest_revision ());
  /* A password grant with the newest revision, negotiated down if refused. */
  vigie_session_reset (self->session);
  vigie_session_ensure_async (self->session, cancellable, connect_token_cb,
                              g_steal_pointer (&task));
}

static void
vigie_veeam_backend_connect_async (VigieBackend        *backend,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  VigieEndpoint *endpoint = vigie_backend_get_endpoint (backend);
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, vigie_veeam_backend_connect_async);
  if (vigie_endpoint_get_user (endpoint) == NULL || *vigie_endpoint_get_user (endpoint) == '\0')
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS,
                               _("“%s” has no user"), vigie_endpoint_get_name (endpoint));
      return;
    }
  vigie_backend_lookup_secret_async (backend, VIGIE_SECRET_PASSWORD, cancellable, secret_cb,
                                     g_steal_pointer (&task));
}

static gboolean
vigie_veeam_backend_connect_finish (VigieBackend  *backend,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* fetch */

typedef struct {
  VigieVeeamBackend *self;
  VigieFetchPlan    *plan;
  VigieInventory    *inventory;
  VigieFetchFlags    flags;

  JsonArray         *job_states;
  JsonArray         *jobs;
  JsonArray         *sessions;
  JsonArray         *backups;
  GPtrArray         *objects;         /* VigieVeeamObject */
  GHashTable        *points;          /* object id → JsonArray of restore points */
  gboolean           backups_failed;
} Fetch;

typedef void (*PagesFunc) (Fetch        *fetch,
                           const char   *path,
                           gpointer      tag,
                           JsonArray    *items,
                           const GError *error);

typedef struct {
  PagesFunc  func;
  gpointer   tag;
} Request;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->plan);
  g_clear_object (&fetch->inventory);
  g_clear_pointer (&fetch->job_states, json_array_unref);
  g_clear_pointer (&fetch->jobs, json_array_unref);
  g_clear_pointer (&fetch->sessions, json_array_unref);
  g_clear_pointer (&fetch->backups, json_array_unref);
  g_clear_pointer (&fetch->objects, g_ptr_array_unref);
  g_clear_pointer (&fetch->points, g_hash_table_unref);
  g_free (fetch);
}

static void
fetch_warn (Fetch        *fetch,
            const char   *path,
            const GError *error)
{
  vigie_inventory_add_warning (fetch->inventory, "%s: %s", path, error->message);
}

static void
add_failed_item (Fetch             *fetch,
                 VigieVeeamObject  *object,
                 VigieJob          *job,
                 gint64             time,
                 GHashTable        *seen)
{
  VigieBackupItem *item;
  g_autofree char *key = NULL;

  key = g_strdup_printf ("%s|%s|%s", job->id, object->object_id ? object->object_id : "",
                         object->name ? object->name : "");
  if (g_hash_table_contains (seen, key))
    return;
  g_hash_table_add (seen, g_steal_pointer (&key));
  item = vigie_backup_item_new (VIGIE_BACKUP_SOURCE_VEEAM);
  item->failed = TRUE;
  item->location = g_strdup (job->name);
  item->job = g_strdup (job->name);
  item->target_type = g_strdup (object->object_id != NULL ? "vm" : NULL);
  item->target_id = g_strdup (object->object_id);
  item->target_uuid = g_strdup (object->uuid);
  item->target_name = g_strdup (object->name);
  item->target_host = g_strdup (object->host);
  item->time = time;
  vigie_inventory_add_backup (fetch->inventory, item);
  g_object_unref (item);
}

static void
assemble_backups (Fetch *fetch)
{
  g_autoptr(GHashTable) session_ids = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, g_free);
  g_autoptr(GHashTable) includes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) job_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) sessions = vigie_veeam_parse_sessions (fetch->sessions);
  g_autoptr(GHashTable) backups = vigie_veeam_parse_backups (fetch->backups);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) jobs = NULL;
  /* job id → objects seen in its restore points */
  g_autoptr(GHashTable) job_objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) g_ptr_array_unref);

  jobs = vigie_veeam_parse_job_states (fetch->job_states, session_ids);
  vigie_veeam_apply_jobs (fetch->jobs, jobs, includes);
  for (guint i = 0; i < jobs->len; i++)
    {
      VigieJob *job = g_ptr_array_index (jobs, i);

      g_hash_table_insert (job_names, job->id, job->name);
    }

  for (guint i = 0; fetch->objects != NULL && i < fetch->objects->len; i++)
    {
      VigieVeeamObject *object = g_ptr_array_index (fetch->objects, i);
      JsonArray *points = g_hash_table_lookup (fetch->points, object->id);
      g_autoptr(GPtrArray) items = NULL;

      if (points == NULL)
        continue;
      items = vigie_veeam_parse_restore_points (points, object, backups, job_names);
      for (guint k = 0; k < json_array_get_length (points); k++)
        {
          JsonObject *point = vigie_json_node_object (json_array_get_element (points, k));
          const char *backup_id = vigie_json_get_string (point, "backupId");
          VigieVeeamBackup *backup;
          GPtrArray *list;

          backup = backup_id ? g_hash_table_lookup (backups, backup_id) : NULL;
          if (backup == NULL || backup->job_id == NULL)
            continue;
          list = g_hash_table_lookup (job_objects, backup->job_id);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (job_objects, g_strdup (backup->job_id), list);
            }
          if (!g_ptr_array_find (list, object, NULL))
            g_ptr_array_add (list, object);
        }
      for (guint k = 0; k < items->len; k++)
        vigie_inventory_add_backup (fetch->inventory, g_ptr_array_index (items, k));
    }

  for (guint i = 0; i < jobs->len; i++)
    {
      VigieJob *job = g_ptr_array_index (jobs, i);
      const char *session_id = g_hash_table_lookup (session_ids, job->id);
      VigieVeeamSession *session = session_id ? g_hash_table_lookup (sessions, session_id) : NULL;
      GPtrArray *list;
      gint64 time;

      if (session != NULL && session->message != NULL && session->result == VIGIE_JOB_FAILED)
        job->message = g_strdup (session->message);
      /* A failed attempt per object, only when the session confirms it. */
      if (job->last_result == VIGIE_JOB_FAILED && session != NULL &&
          session->result == VIGIE_JOB_FAILED)
        {
          time = session->creation_time > 0 ? session->creation_time : job->last_run;
          list = g_hash_table_lookup (job_objects, job->id);
          for (guint k = 0; list != NULL && k < list->len; k++)
            add_failed_item (fetch, g_ptr_array_index (list, k), job, time, seen);
          list = g_hash_table_lookup (includes, job->id);
          for (guint k = 0; list != NULL && k < list->len; k++)
            add_failed_item (fetch, g_ptr_array_index (list, k), job, time, seen);
        }
      vigie_inventory_add_job (fetch->inventory, job);
    }
}

/* Requests are whole collections (every page) unless they say otherwise:
 * a collection is a JsonArray, a document a JsonNode. */

static void
pages_send (VigieFetchPlan      *plan,
            const char          *path,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  vigie_veeam_get_all_async (((Fetch *) vigie_fetch_plan_get_user_data (plan))->self, path,
                             cancellable, callback, user_data);
}

static void
document_send (VigieFetchPlan      *plan,
               const char          *path,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  vigie_veeam_get_async (((Fetch *) vigie_fetch_plan_get_user_data (plan))->self, path,
                         cancellable, callback, user_data);
}

static const VigieFetchOps pages_ops = {
  pages_send, vigie_fetch_plan_receive_task, (GDestroyNotify) json_array_unref
};
static const VigieFetchOps document_ops = {
  document_send, vigie_fetch_plan_receive_task, (GDestroyNotify) json_node_unref
};

static void
on_reply (VigieFetchPlan *plan,
          const char     *path,
          gpointer        reply,
          const GError   *error,
          gpointer        request_data)
{
  Request *request = request_data;

  request->func (vigie_fetch_plan_get_user_data (plan), path, request->tag, reply, error);
}

/* failure: VIGIE_FETCH_FATAL for what the endpoint cannot do without. */
static void
fetch_all (Fetch             *fetch,
           VigieFetchFailure  failure,
           PagesFunc          func,
           gpointer           tag,
           const char        *path)
{
  Request *request = g_new0 (Request, 1);

  request->func = func;
  request->tag = tag;
  vigie_fetch_plan_add_full (fetch->plan, NULL, failure, on_reply, request, g_free, path);
}

static void
on_repositories (Fetch        *fetch,
                 const char   *path,
                 gpointer      tag,
                 JsonArray    *items,
                 const GError *error)
{
  g_autoptr(GPtrArray) stores = NULL;

  stores = vigie_veeam_parse_repositories (items);
  for (guint i = 0; i < stores->len; i++)
    vigie_inventory_add_storage (fetch->inventory, g_ptr_array_index (stores, i));
}

static void
on_job_states (Fetch        *fetch,
               const char   *path,
               gpointer      tag,
               JsonArray    *items,
               const GError *error)
{
  fetch->job_states = json_array_ref (items);
}

/* /jobs, /sessions, /backups: secondary, a warning when they fail. */
static void
on_secondary (Fetch        *fetch,
              const char   *path,
              gpointer      tag,
              JsonArray    *items,
              const GError *error)
{
  JsonArray **slot = tag;

  if (error != NULL)
    fetch_warn (fetch, path, error);
  else
    *slot = json_array_ref (items);
}

static void
on_points (Fetch        *fetch,
           const char   *path,
           gpointer      tag,
           JsonArray    *items,
           const GError *error)
{
  VigieVeeamObject *object = tag;

  if (error != NULL)
    fetch_warn (fetch, path, error);
  else
    g_hash_table_replace (fetch->points, g_strdup (object->id), json_array_ref (items));
}

static void
on_objects (Fetch        *fetch,
            const char   *path,
            gpointer      tag,
            JsonArray    *items,
            const GError *error)
{
  if (error != NULL)
    {
      fetch_warn (fetch, path, error);
      return;
    }
  fetch->objects = vigie_veeam_parse_objects (items);
  for (guint i = 0; i < fetch->objects->len; i++)
    {
      VigieVeeamObject *object = g_ptr_array_index (fetch->objects, i);
      g_autofree char *id = g_uri_escape_string (object->id, NULL, TRUE);
      g_autofree char *points = g_strdup_printf ("/api/v1/backupObjects/%s/restorePoints", id);

      fetch_all (fetch, VIGIE_FETCH_WARN, on_points, object, points);
    }
}

static void
on_license (VigieFetchPlan *plan,
            const char     *path,
            gpointer        reply,
            const GError   *error,
            gpointer        request_data)
{
  Fetch *fetch = vigie_fetch_plan_get_user_data (plan);
  g_autofree char *status = NULL;

  if (error != NULL)
    {
      fetch_warn (fetch, path, error);
      return;
    }
  g_free (fetch->inventory->license);
  fetch->inventory->license = vigie_veeam_parse_license (reply, &status);
  if (status != NULL)
    vigie_resource_set_extra (&fetch->inventory->extra, "license-status", status);
}

static void
fetch_start (Fetch *fetch)
{
  VigieVeeamBackend *self = fetch->self;
  VigieInventory *inventory = fetch->inventory;
  g_autoptr(GUri) uri = g_uri_parse (inventory->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(VigieHost) host = vigie_host_new ();

  g_free (inventory->product);
  inventory->product = g_strdup ("Veeam Backup & Replication");
  g_free (inventory->version);
  inventory->version = g_strdup (self->build);
  g_free (inventory->api_version);
  inventory->api_version = g_strdup (self->revision);
  if (self->info_warning != NULL)
    vigie_inventory_add_warning (inventory, "%s", self->info_warning);

  host->name = g_strdup (self->name != NULL ? self->name : uri ? g_uri_get_host (uri) : NULL);
  host->state = VIGIE_HOST_ONLINE;
  host->version = g_strdup (self->build);
  if (self->platform != NULL)
    vigie_resource_set_extra (&host->extra, "platform", self->platform);
  vigie_inventory_add_host (inventory, host);

  if (fetch->flags & VIGIE_FETCH_INVENTORY)
    {
      vigie_fetch_plan_add_full (fetch->plan, &document_ops, VIGIE_FETCH_WARN, on_license, NULL,
                                 NULL, "/api/v1/license");
      fetch_all (fetch, VIGIE_FETCH_FATAL, on_repositories, NULL,
                 "/api/v1/backupInfrastructure/repositories/states");
    }
  if (fetch->flags & VIGIE_FETCH_BACKUPS)
    {
      gint64 now = vigie_backend_now (VIGIE_BACKEND (self));
      g_autofree char *since = vigie_format_time (now - SESSION_WINDOW);
      g_autofree char *sessions = g_strdup_printf ("/api/v1/sessions?createdAfterFilter=%s",
                                                   since);

      fetch->points = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) json_array_unref);
      fetch_all (fetch, VIGIE_FETCH_FATAL, on_job_states, NULL, "/api/v1/jobs/states");
      fetch_all (fetch, VIGIE_FETCH_WARN, on_secondary, &fetch->jobs, "/api/v1/jobs");
      fetch_all (fetch, VIGIE_FETCH_WARN, on_secondary, &fetch->sessions, sessions);
      fetch_all (fetch, VIGIE_FETCH_WARN, on_secondary, &fetch->backups, "/api/v1/backups");
      fetch_all (fetch, VIGIE_FETCH_WARN, on_objects, NULL, "/api/v1/backupObjects");
    }
}

/* Phase 1: every list; phase 2: the backups assembled from them. */
static gboolean
on_phase (VigieFetchPlan *plan,
          guint           phase,
          gpointer        user_data)
{
  Fetch *fetch = user_data;

  if (phase == 1)
    {
      fetch_start (fetch);
      return TRUE;
    }
  if (fetch->flags & VIGIE_FETCH_BACKUPS)
    assemble_backups (fetch);
  return FALSE;
}

static void
fetch_token_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!vigie_session_ensure_finish (VIGIE_SESSION (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  vigie_fetch_plan_run_task (fetch->plan, on_phase, task);
}

static void
vigie_veeam_backend_fetch_async (VigieBackend        *backend,
                                 VigieFetchFlags      flags,
                                 VigieInventory      *inventory,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  VigieVeeamBackend *self = VIGIE_VEEAM_BACKEND (backend);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Fetch *fetch = g_new0 (Fetch, 1);

  g_task_set_source_tag (task, vigie_veeam_backend_fetch_async);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  fetch->self = self;
  fetch->plan = vigie_fetch_plan_new (&pages_ops, MAX_IN_FLIGHT, fetch);
  /* HTTP/1.1: a connection, and its TLS handshake, per request in flight. */
  vigie_fetch_plan_set_per_connection (fetch->plan, VIGIE_FETCH_REQUESTS_PER_CONNECTION);
  fetch->inventory = g_object_ref (inventory);
  fetch->flags = flags;
  /* Renew an expiring token once, before the concurrent calls. */
  vigie_session_ensure_async (self->session, cancellable, fetch_token_cb, task);
}

static gboolean
vigie_veeam_backend_fetch_finish (VigieBackend  *backend,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
vigie_veeam_backend_disconnect (VigieBackend *backend)
{
  VigieVeeamBackend *self = VIGIE_VEEAM_BACKEND (backend);

  g_clear_pointer (&self->access_token, g_free);
  g_clear_pointer (&self->refresh_token, g_free);
  vigie_session_reset (self->session);
}

static void
vigie_veeam_backend_finalize (GObject *object)
{
  VigieVeeamBackend *self = VIGIE_VEEAM_BACKEND (object);

  g_clear_pointer (&self->password, vigie_secret_free);
  g_free (self->revision);
  g_free (self->access_token);
  g_free (self->refresh_token);
  g_clear_object (&self->session);
  g_free (self->name);
  g_free (self->build);
  g_free (self->platform);
  g_free (self->info_warning);

  G_OBJECT_CLASS (vigie_veeam_backend_parent_class)->finalize (object);
}

static void
vigie_veeam_backend_class_init (VigieVeeamBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  object_class->finalize = vigie_veeam_backend_finalize;

  backend_class->kind = VIGIE_KIND_VEEAM;
  backend_class->fields = fields;
  backend_class->default_port = "9419";
  backend_class->product_name = "Veeam Backup & Replication";
  backend_class->icon_name = "drive-harddisk-symbolic";
  backend_class->roles = VIGIE_ROLE_BACKUP;
  backend_class->capabilities = VIGIE_CAP_BACKUPS;
  backend_class->connect_async = vigie_veeam_backend_connect_async;
  backend_class->connect_finish = vigie_veeam_backend_connect_finish;
  backend_class->fetch_async = vigie_veeam_backend_fetch_async;
  backend_class->fetch_finish = vigie_veeam_backend_fetch_finish;
  backend_class->disconnect = vigie_veeam_backend_disconnect;
}

static void
vigie_veeam_backend_init (VigieVeeamBackend *self)
{
  self->revision = g_strdup (vigie_veeam_newest_revision ());
  self->session = vigie_session_new (VIGIE_BACKEND (self), 0, vigie_veeam_login_async,
                                     vigie_veeam_login_finish);
  vigie_session_set_prepare (self->session, vigie_veeam_prepare_message);
}
