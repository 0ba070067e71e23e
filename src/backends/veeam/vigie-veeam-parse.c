/* vigie-veeam-parse.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-veeam"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vigie-json.h"
#include "vigie-clock.h"
#include "vigie-veeam-parse.h"

#define GIB 1073741824.0

static char *
dup_str (JsonObject *obj,
         const char *key)
{
  const char *s = vigie_json_get_string (obj, key);

  return s != NULL && *s != '\0' ? g_strdup (s) : NULL;
}

/* Whether obj has an "id" usable as a key: dup_str gives NULL for "", and a
 * NULL key crashes g_str_hash (found by fuzz-veeam). */
static gboolean
has_id (JsonObject *obj)
{
  const char *id = vigie_json_get_string (obj, "id");

  return id != NULL && *id != '\0';
}

/* TRUE, FALSE or -1 when absent or mistyped. */
static int
get_bool (JsonObject *obj,
          const char *key)
{
  JsonNode *node = obj ? json_object_get_member (obj, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return -1;
  return json_node_get_boolean (node);
}

static gboolean
is (const char *value,
    const char *expected)
{
  return value != NULL && g_ascii_strcasecmp (value, expected) == 0;
}

void
vigie_veeam_backup_free (VigieVeeamBackup *backup)
{
  g_free (backup->id);
  g_free (backup->job_id);
  g_free (backup->name);
  g_free (backup);
}

void
vigie_veeam_object_free (VigieVeeamObject *object)
{
  g_free (object->id);
  g_free (object->name);
  g_free (object->type);
  g_free (object->object_id);
  g_free (object->uuid);
  g_free (object->host);
  g_free (object->platform);
  g_free (object);
}

void
vigie_veeam_session_free (VigieVeeamSession *session)
{
  g_free (session->id);
  g_free (session->job_id);
  g_free (session->message);
  g_free (session);
}

gboolean
vigie_veeam_parse_token (JsonNode  *root,
                         char     **access_token,
                         char     **refresh_token,
                         gint64    *expires_in)
{
  JsonObject *obj = vigie_json_node_object (root);
  const char *access = vigie_json_get_string (obj, "access_token");
  gint64 expires;

  if (access == NULL || *access == '\0')
    return FALSE;
  *access_token = g_strdup (access);
  *refresh_token = dup_str (obj, "refresh_token");
  *expires_in = vigie_json_get_int (obj, "expires_in", &expires) && expires > 0 ? expires : 0;
  return TRUE;
}

/* Every "1.1-rev2" in a text such as "Unsupported RESTAPI version. The
 * following versions are supported: v1.0-rev1, v1.1-rev2." */
GPtrArray *
vigie_veeam_parse_revisions (const char *text)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (text == NULL)
    return result;
  regex = g_regex_new ("([0-9]+\\.[0-9]+-rev[0-9]+)", G_REGEX_CASELESS, 0, NULL);
  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *rev = g_match_info_fetch (match, 1);
      g_autofree char *lower = g_ascii_strdown (rev, -1);
      gboolean seen = FALSE;

      for (guint i = 0; i < result->len; i++)
        seen |= g_str_equal (g_ptr_array_index (result, i), lower);
      if (!seen)
        g_ptr_array_add (result, g_steal_pointer (&lower));
      g_match_info_next (match, NULL);
    }
  return result;
}

static void
split_revision (const char *rev,
                guint64    *major,
                guint64    *minor,
                guint64    *r)
{
  const char *p = rev;
  char *end = NULL;

  *major = *minor = *r = 0;
  *major = g_ascii_strtoull (p, &end, 10);
  if (end == NULL || *end != '.')
    return;
  *minor = g_ascii_strtoull (end + 1, &end, 10);
  if (end == NULL || g_ascii_strncasecmp (end, "-rev", 4) != 0)
    return;
  *r = g_ascii_strtoull (end + 4, NULL, 10);
}

int
vigie_veeam_compare_revisions (const char *a,
                               const char *b)
{
  guint64 a1, a2, a3, b1, b2, b3;

  split_revision (a, &a1, &a2, &a3);
  split_revision (b, &b1, &b2, &b3);
  if (a1 != b1)
    return a1 < b1 ? -1 : 1;
  if (a2 != b2)
    return a2 < b2 ? -1 : 1;
  if (a3 != b3)
    return a3 < b3 ? -1 : 1;
  return 0;
}

/* {"data": [...], "pagination": {"total", "count", "skip", "limit"}};
 * total is -1 when the reply has no pagination. */
gboolean
vigie_veeam_parse_page (JsonNode   *root,
                        JsonArray **data,
                        gint64     *total)
{
  JsonObject *obj = vigie_json_node_object (root);

  *data = vigie_json_get_array (obj, "data");
  if (!vigie_json_get_int (vigie_json_get_object (obj, "pagination"), "total", total) ||
      *total < 0)
    *total = -1;
  return *data != NULL;
}

gboolean
vigie_veeam_parse_server_info (JsonNode  *root,
                               char     **name,
                               char     **build,
                               char     **platform)
{
  JsonObject *obj = vigie_json_node_object (root);

  *name = dup_str (obj, "name");
  *build = dup_str (obj, "buildVersion");
  *platform = dup_str (obj, "platform");
  return *build != NULL;
}

char *
vigie_veeam_parse_license (JsonNode  *root,
                           char     **status)
{
  JsonObject *obj = vigie_json_node_object (root);

  if (status != NULL)
    *status = dup_str (obj, "status");
  return dup_str (obj, "edition");
}

VigieJobResult
vigie_veeam_parse_result (const char *text)
{
  if (is (text, "success"))
    return VIGIE_JOB_SUCCESS;
  if (is (text, "warning"))
    return VIGIE_JOB_WARNING;
  if (is (text, "failed"))
    return VIGIE_JOB_FAILED;
  return VIGIE_JOB_NONE;
}

GPtrArray *
vigie_veeam_parse_repositories (JsonArray *items)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *r = vigie_json_node_object (json_array_get_element (items, i));
      const char *name = vigie_json_get_string (r, "name");
      double capacity, free_gb, used;
      gint64 bytes;
      gboolean has_capacity, has_free, has_used;
      VigieStorage *storage;
      int online;

      if (name == NULL)
        continue;
      storage = vigie_storage_new ();
      storage->name = g_strdup (name);
      storage->type = dup_str (r, "type");
      storage->host = dup_str (r, "hostName");
      /* A size that does not fit in bytes (1e300 GB) is null. */
      has_capacity = vigie_json_get_number (r, "capacityGB", &capacity) && capacity >= 0 &&
                     vigie_json_double_to_int (capacity * GIB, &bytes);
      has_free = vigie_json_get_number (r, "freeGB", &free_gb) && free_gb >= 0;
      has_used = vigie_json_get_number (r, "usedSpaceGB", &used) && used >= 0;
      if (has_capacity)
        storage->total_bytes = bytes;
      /* usedSpaceGB counts backup files (it can exceed capacity minus free
       * on deduplicating storage); what the disk has used is capacity - free. */
      if (has_capacity && has_free)
        {
          if (vigie_json_double_to_int ((capacity - MIN (free_gb, capacity)) * GIB, &bytes))
            storage->used_bytes = bytes;
        }
      else if (has_used && vigie_json_double_to_int (used * GIB, &bytes))
        storage->used_bytes = bytes;
      if (has_used && vigie_json_double_to_int (used * GIB, &bytes))
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, bytes);

          vigie_resource_set_extra (&storage->extra, "backup-bytes", text);
        }
      online = get_bool (r, "isOnline");
      storage->active = online != FALSE;
      storage->content = g_strdup ("backup");
      if (vigie_json_get_string (r, "path") != NULL)
        vigie_resource_set_extra (&storage->extra, "path", vigie_json_get_string (r, "path"));
      g_ptr_array_add (result, storage);
    }
  return result;
}

/* The job's type, in one spelling whatever the revision: 1.0-1.2 say
 * "Backup" and "VSphereReplica", 1.3 "VSphereBackup", "HyperVReplica",
 * "WindowsAgentBackup", "ProxmoxBackupJob", … An unknown type keeps its
 * name, lower-cased, so nothing is hidden. */
const char *
vigie_veeam_job_kind (const char *type)
{
  static const struct {
    const char *needle;
    const char *kind;
  } kinds[] = {
    /* Order matters: "FileBackupCopy" is a copy, "EntraIDTenantBackup" not a file backup. */
    { "copy", "backup-copy" },
    { "replica", "replica" },
    { "agent", "agent-backup" },
    { "entraid", "entra-id-backup" },
    { "filebackup", "file-backup" },
    { "nasbackup", "file-backup" },
    { "objectstorage", "object-storage-backup" },
    { "backup", "backup" },
  };
  g_autofree char *lower = type != NULL && *type != '\0' ? g_ascii_strdown (type, -1) : NULL;

  if (lower == NULL)
    return "unknown";
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strstr (lower, kinds[i].needle) != NULL)
      return kinds[i].kind;
  return g_intern_string (lower);
}

GPtrArray *
vigie_veeam_parse_job_states (JsonArray  *items,
                              GHashTable *session_ids)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *j = vigie_json_node_object (json_array_get_element (items, i));
      const char *id = vigie_json_get_string (j, "id");
      const char *status = vigie_json_get_string (j, "status");
      const char *session = vigie_json_get_string (j, "sessionId");
      VigieJob *job;

      if (id == NULL)
        continue;
      job = vigie_job_new ();
      job->id = g_strdup (id);
      job->name = dup_str (j, "name");
      if (job->name == NULL)
        job->name = g_strdup (id);
      job->kind = g_strdup (vigie_veeam_job_kind (vigie_json_get_string (j, "type")));
      job->last_result = vigie_veeam_parse_result (vigie_json_get_string (j, "lastResult"));
      if (is (status, "running") || is (status, "starting") || is (status, "stopping"))
        job->last_result = VIGIE_JOB_RUNNING;
      if (is (status, "disabled"))
        job->enabled = 0;
      else if (is (status, "inactive") || is (status, "enabled") || is (status, "running") ||
               is (status, "stopped") || is (status, "starting") || is (status, "stopping"))
        job->enabled = 1;
      job->last_run = vigie_parse_time (vigie_json_get_string (j, "lastRun"));
      job->next_run = vigie_parse_time (vigie_json_get_string (j, "nextRun"));
      if (session_ids != NULL && session != NULL)
        g_hash_table_insert (session_ids, g_strdup (id), g_strdup (session));
      g_ptr_array_add (result, job);
    }
  return result;
}

static VigieVeeamObject *
object_from_inventory (JsonObject *o)
{
  JsonObject *inner = vigie_json_get_object (o, "inventoryObject");
  VigieVeeamObject *object;

  if (inner != NULL)
    o = inner;
  if (vigie_json_get_string (o, "objectId") == NULL && vigie_json_get_string (o, "name") == NULL)
    return NULL;
  object = g_new0 (VigieVeeamObject, 1);
  object->name = dup_str (o, "name");
  object->type = dup_str (o, "type");
  object->object_id = dup_str (o, "objectId");
  object->host = dup_str (o, "hostName");
  object->platform = dup_str (o, "platform");
  return object;
}

/* /jobs: whether a job is disabled, its daily schedule and the VMs it
 * includes (job id → GPtrArray of VigieVeeamObject in @includes). A job
 * that @jobs lacks is appended to it. */
void
vigie_veeam_apply_jobs (JsonArray  *items,
                        GPtrArray  *jobs,
                        GHashTable *includes)
{
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *j = vigie_json_node_object (json_array_get_element (items, i));
      const char *id = vigie_json_get_string (j, "id");
      JsonObject *machines = vigie_json_get_object (j, "virtualMachines");
      JsonArray *vms = vigie_json_get_array (machines, "includes");
      JsonObject *schedule = vigie_json_get_object (j, "schedule");
      JsonObject *daily = vigie_json_get_object (schedule, "daily");
      VigieJob *job = NULL;
      GPtrArray *objects = NULL;
      int disabled;

      if (id == NULL)
        continue;
      for (guint k = 0; jobs != NULL && k < jobs->len; k++)
        if (g_strcmp0 (((VigieJob *) g_ptr_array_index (jobs, k))->id, id) == 0)
          job = g_ptr_array_index (jobs, k);
      /* A job /jobs lists that /jobs/states left out is still a job. */
      if (job == NULL && jobs != NULL)
        {
          job = vigie_job_new ();
          job->id = g_strdup (id);
          job->name = dup_str (j, "name");
          if (job->name == NULL)
            job->name = g_strdup (id);
          job->kind = g_strdup (vigie_veeam_job_kind (vigie_json_get_string (j, "type")));
          g_ptr_array_add (jobs, job);
        }
      if (includes != NULL)
        {
          objects = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_veeam_object_free);
          g_hash_table_replace (includes, g_strdup (id), objects);
        }
      for (guint k = 0; vms != NULL && k < json_array_get_length (vms); k++)
        {
          VigieVeeamObject *object =
            object_from_inventory (vigie_json_node_object (json_array_get_element (vms, k)));

          if (object == NULL)
            continue;
          if (job != NULL && object->object_id != NULL)
            g_ptr_array_add (job->targets, g_strdup (object->object_id));
          if (objects != NULL)
            g_ptr_array_add (objects, object);
          else
            vigie_veeam_object_free (object);
        }
      if (job == NULL)
        continue;
      disabled = get_bool (j, "isDisabled");
      if (disabled >= 0)
        job->enabled = !disabled;
      if (job->schedule == NULL && get_bool (schedule, "runAutomatically") != FALSE &&
          get_bool (daily, "isEnabled") == TRUE)
        {
          const char *time = vigie_json_get_string (daily, "localTime");
          const char *kind = vigie_json_get_string (daily, "dailyKind");

          job->schedule = g_strdup_printf ("daily%s%s%s%s",
                                           kind ? " " : "", kind ? kind : "",
                                           time ? " " : "", time ? time : "");
        }
    }
}

GHashTable *
vigie_veeam_parse_backups (JsonArray *items)
{
  GHashTable *result = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) vigie_veeam_backup_free);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *b = vigie_json_node_object (json_array_get_element (items, i));
      VigieVeeamBackup *backup;

      if (!has_id (b))
        continue;
      backup = g_new0 (VigieVeeamBackup, 1);
      backup->id = dup_str (b, "id");
      backup->job_id = dup_str (b, "jobId");
      backup->name = dup_str (b, "name");
      g_hash_table_replace (result, backup->id, backup);
    }
  return result;
}

/* The host part of a VMware object path ("vc01.lab\DC\web-01" or
 * "esx01.lab/web-01"). */
static char *
host_from_path (const char *path)
{
  const char *sep;

  if (path == NULL)
    return NULL;
  sep = strpbrk (path, "\\/");
  if (sep == NULL || sep == path)
    return NULL;
  return g_strndup (path, sep - path);
}

GPtrArray *
vigie_veeam_parse_objects (JsonArray *items)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_veeam_object_free);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *o = vigie_json_node_object (json_array_get_element (items, i));
      VigieVeeamObject *object;

      if (!has_id (o))
        continue;
      object = g_new0 (VigieVeeamObject, 1);
      object->id = dup_str (o, "id");
      object->name = dup_str (o, "name");
      object->type = dup_str (o, "type");
      object->object_id = dup_str (o, "objectId");
      object->platform = dup_str (o, "platformName");
      object->uuid = dup_str (o, "uuid");
      if (object->uuid == NULL)
        object->uuid = dup_str (o, "instanceUuid");
      object->host = dup_str (o, "hostName");
      if (object->host == NULL)
        object->host = host_from_path (vigie_json_get_string (o, "path"));
      g_ptr_array_add (result, object);
    }
  return result;
}

GHashTable *
vigie_veeam_parse_sessions (JsonArray *items)
{
  GHashTable *result = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) vigie_veeam_session_free);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *s = vigie_json_node_object (json_array_get_element (items, i));
      JsonObject *result_obj = vigie_json_get_object (s, "result");
      VigieVeeamSession *session;

      if (!has_id (s))
        continue;
      session = g_new0 (VigieVeeamSession, 1);
      session->id = dup_str (s, "id");
      session->job_id = dup_str (s, "jobId");
      session->result = vigie_veeam_parse_result (vigie_json_get_string (result_obj, "result"));
      session->message = dup_str (result_obj, "message");
      session->creation_time = vigie_parse_time (vigie_json_get_string (s, "creationTime"));
      g_hash_table_replace (result, session->id, session);
    }
  return result;
}

static const char *
target_type (VigieVeeamObject *object)
{
  if (object == NULL)
    return NULL;
  if (is (object->type, "vm") || is (object->type, "virtualmachine"))
    return "vm";
  return NULL;
}

/* Restore points of one backup object. @backups: backup id →
 * VigieVeeamBackup; @job_names: job id → name. */
GPtrArray *
vigie_veeam_parse_restore_points (JsonArray        *items,
                                  VigieVeeamObject *object,
                                  GHashTable       *backups,
                                  GHashTable       *job_names)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *p = vigie_json_node_object (json_array_get_element (items, i));
      gint64 time = vigie_parse_time (vigie_json_get_string (p, "creationTime"));
      const char *backup_id = vigie_json_get_string (p, "backupId");
      VigieVeeamBackup *backup = backup_id && backups ? g_hash_table_lookup (backups, backup_id)
                                                     : NULL;
      const char *job = NULL;
      VigieBackupItem *item;

      if (time <= 0)
        continue;
      if (backup != NULL && backup->job_id != NULL && job_names != NULL)
        job = g_hash_table_lookup (job_names, backup->job_id);
      if (job == NULL && backup != NULL)
        job = backup->name;
      item = vigie_backup_item_new (VIGIE_BACKUP_SOURCE_VEEAM);
      item->location = g_strdup (job);
      item->job = g_strdup (job);
      item->target_type = g_strdup (target_type (object));
      if (object != NULL)
        {
          item->target_id = g_strdup (object->object_id);
          item->target_uuid = g_strdup (object->uuid);
          item->target_name = g_strdup (object->name);
          item->target_host = g_strdup (object->host);
        }
      if (item->target_name == NULL)
        item->target_name = dup_str (p, "name");
      item->time = time;
      item->volid = dup_str (p, "id");
      g_ptr_array_add (result, item);
    }
  return result;
}
