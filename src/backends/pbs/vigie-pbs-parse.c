/* vigie-pbs-parse.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PBS speaks serde JSON: real booleans, kebab-case members, except the task
 * list, which is snake_case. Every reply is {"data": …}.
 */

#define G_LOG_DOMAIN "vigie-pbs"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vigie-json.h"
#include "vigie-clock.h"
#include "vigie-pbs-parse.h"

static char *
dup_str (JsonObject *obj,
         const char *key)
{
  return g_strdup (vigie_json_get_string (obj, key));
}

/* Integers, also as numeric strings; VIGIE_UNSET otherwise. */
static gint64
get_int (JsonObject *obj,
         const char *key)
{
  const char *text = vigie_json_get_string (obj, key);
  gint64 value;

  if (vigie_json_get_int (obj, key, &value))
    return value;
  if (text != NULL && g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return value;
  return VIGIE_UNSET;
}

static double
get_double (JsonObject *obj,
            const char *key)
{
  double value;

  return vigie_json_get_number (obj, key, &value) ? value : -1.0;
}

/* TRUE, FALSE, or -1 when absent or not a boolean-ish value. */
static int
get_bool (JsonObject *obj,
          const char *key)
{
  JsonNode *node = obj ? json_object_get_member (obj, key) : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node) != 0;
  if (type == G_TYPE_STRING)
    return g_strcmp0 (json_node_get_string (node), "1") == 0 ||
           g_ascii_strcasecmp (json_node_get_string (node), "true") == 0;
  return -1;
}

JsonNode *
vigie_pbs_reply_data (JsonNode *root)
{
  JsonObject *obj = vigie_json_node_object (root);

  if (obj == NULL)
    return NULL;
  return json_object_get_member (obj, "data");
}

static JsonArray *
reply_array (JsonNode *root)
{
  return vigie_json_node_array (vigie_pbs_reply_data (root));
}

/* A UPID is UPID:node:pid:pstart:task_id:starttime:type:id:user: on PBS;
 * Proxmox VE has no task_id, so both layouts are accepted. */
gboolean
vigie_pbs_parse_upid (const char   *text,
                      VigiePbsUpid *upid)
{
  g_auto(GStrv) parts = NULL;
  guint n;
  guint start;

  g_return_val_if_fail (upid != NULL, FALSE);

  memset (upid, 0, sizeof *upid);
  if (text == NULL || !g_str_has_prefix (text, "UPID:"))
    return FALSE;
  parts = g_strsplit (text, ":", -1);
  n = g_strv_length (parts);
  if (n == 10)
    start = 5;
  else if (n == 9)
    start = 4;
  else
    return FALSE;
  upid->starttime = g_ascii_strtoll (parts[start], NULL, 16);
  if (upid->starttime <= 0)
    return FALSE;
  upid->node = g_strdup (parts[1]);
  upid->worker_type = g_strdup (parts[start + 1]);
  upid->worker_id = *parts[start + 2] ? g_strdup (parts[start + 2]) : NULL;
  upid->user = g_strdup (parts[start + 3]);
  return TRUE;
}

void
vigie_pbs_upid_clear (VigiePbsUpid *upid)
{
  g_clear_pointer (&upid->node, g_free);
  g_clear_pointer (&upid->worker_type, g_free);
  g_clear_pointer (&upid->worker_id, g_free);
  g_clear_pointer (&upid->user, g_free);
}

char *
vigie_pbs_parse_version (JsonNode  *root,
                         char     **repoid)
{
  JsonObject *obj = vigie_json_node_object (vigie_pbs_reply_data (root));
  const char *version = vigie_json_get_string (obj, "version");
  const char *release = vigie_json_get_string (obj, "release");

  if (repoid != NULL)
    *repoid = dup_str (obj, "repoid");
  if (version == NULL)
    return NULL;
  /* PBS: version is major.minor and release the patch level (4.1 + 2). */
  if (release != NULL && *release != '\0' && strchr (release, '.') == NULL)
    return g_strdup_printf ("%s.%s", version, release);
  return g_strdup (version);
}

gboolean
vigie_pbs_parse_ticket (JsonNode  *root,
                        char     **ticket,
                        char     **csrf_token)
{
  JsonObject *obj = vigie_json_node_object (vigie_pbs_reply_data (root));
  const char *t = vigie_json_get_string (obj, "ticket");

  if (t == NULL || *t == '\0')
    return FALSE;
  *ticket = g_strdup (t);
  *csrf_token = dup_str (obj, "CSRFPreventionToken");
  return TRUE;
}

VigieHost *
vigie_pbs_parse_node_status (JsonNode   *root,
                             const char *name)
{
  JsonObject *obj = vigie_json_node_object (vigie_pbs_reply_data (root));
  JsonObject *memory, *cpuinfo;
  VigieHost *host;
  double cpu;

  if (obj == NULL)
    return NULL;
  host = vigie_host_new ();
  host->name = g_strdup (name);
  host->state = VIGIE_HOST_ONLINE;
  memory = vigie_json_get_object (obj, "memory");
  host->memory_bytes = get_int (memory, "total");
  host->memory_used_bytes = get_int (memory, "used");
  host->uptime_seconds = get_int (obj, "uptime");
  cpu = get_double (obj, "cpu");
  host->cpu_usage = cpu >= 0 ? CLAMP (cpu, 0.0, 1.0) : -1.0;
  /* cpuinfo.cpus counts logical CPUs; PBS does not report physical cores. */
  cpuinfo = vigie_json_get_object (obj, "cpuinfo");
  host->cpu_threads = get_int (cpuinfo, "cpus");
  host->cpu_sockets = get_int (cpuinfo, "sockets");
  host->cpu_model = g_strdup (vigie_json_get_string (cpuinfo, "model"));
  if (vigie_json_get_string (obj, "kversion") != NULL)
    vigie_resource_set_extra (&host->extra, "kernel", vigie_json_get_string (obj, "kversion"));
  return host;
}

GPtrArray *
vigie_pbs_parse_datastores (JsonNode   *list,
                            JsonNode   *usage,
                            const char *host)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *stores = reply_array (list);
  JsonArray *usages = reply_array (usage);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);

  /* The usage list also names every store the user may see: use it when
   * the plain list did not answer. */
  if (stores == NULL)
    stores = usages;
  if (stores == NULL)
    return result;

  for (guint i = 0; usages != NULL && i < json_array_get_length (usages); i++)
    {
      JsonObject *u = vigie_json_node_object (json_array_get_element (usages, i));
      const char *store = vigie_json_get_string (u, "store");

      if (store != NULL)
        g_hash_table_insert (by_name, (gpointer) store, u);
    }

  for (guint i = 0; i < json_array_get_length (stores); i++)
    {
      JsonObject *s = vigie_json_node_object (json_array_get_element (stores, i));
      const char *name = vigie_json_get_string (s, "store");
      JsonObject *u;
      VigieStorage *storage;
      const char *mount, *backend;

      if (name == NULL)
        continue;
      u = g_hash_table_lookup (by_name, name);
      storage = vigie_storage_new ();
      storage->name = g_strdup (name);
      backend = vigie_json_get_string (s, "backend-type");
      if (backend == NULL)
        backend = vigie_json_get_string (u, "backend-type");
      storage->type = g_strdup (backend != NULL ? backend : "datastore");
      storage->host = g_strdup (host);
      storage->shared = FALSE;
      storage->content = g_strdup ("backup");
      if (u != NULL)
        {
          storage->total_bytes = get_int (u, "total");
          storage->used_bytes = get_int (u, "used");
          if (vigie_json_get_string (u, "error") != NULL)
            {
              storage->active = FALSE;
              vigie_resource_set_extra (&storage->extra, "error",
                                        vigie_json_get_string (u, "error"));
            }
        }
      mount = vigie_json_get_string (s, "mount-status");
      if (mount == NULL)
        mount = vigie_json_get_string (u, "mount-status");
      if (g_strcmp0 (mount, "notmounted") == 0)
        storage->active = FALSE;
      if (vigie_json_get_string (s, "maintenance") != NULL)
        vigie_resource_set_extra (&storage->extra, "maintenance",
                                  vigie_json_get_string (s, "maintenance"));
      if (vigie_json_get_string (s, "comment") != NULL)
        vigie_resource_set_extra (&storage->extra, "comment", vigie_json_get_string (s, "comment"));
      g_ptr_array_add (result, storage);
    }
  return result;
}

GPtrArray *
vigie_pbs_parse_namespaces (JsonNode *root)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = reply_array (root);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = vigie_json_node_object (json_array_get_element (array, i));
      const char *ns = vigie_json_get_string (item, "ns");

      if (ns != NULL)
        g_ptr_array_add (result, g_strdup (ns));
    }
  return result;
}

static gboolean
is_backup_type (const char *type)
{
  return g_strcmp0 (type, "vm") == 0 || g_strcmp0 (type, "ct") == 0 ||
         g_strcmp0 (type, "host") == 0;
}

GPtrArray *
vigie_pbs_parse_snapshots (JsonNode   *root,
                           const char *store,
                           const char *ns)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = reply_array (root);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *s = vigie_json_node_object (json_array_get_element (array, i));
      const char *type = vigie_json_get_string (s, "backup-type");
      const char *id = vigie_json_get_string (s, "backup-id");
      gint64 time = get_int (s, "backup-time");
      const char *state = vigie_json_get_string (vigie_json_get_object (s, "verification"),
                                                 "state");
      g_autofree char *stamp = NULL;
      VigieBackupItem *item;

      /* Without type, id and time there is no backup to speak of. */
      if (!is_backup_type (type) || id == NULL || time <= 0)
        continue;
      item = vigie_backup_item_new (VIGIE_BACKUP_SOURCE_PBS);
      item->location = g_strdup (store);
      item->namespace_ = ns != NULL && *ns != '\0' ? g_strdup (ns) : NULL;
      item->target_type = g_strdup (type);
      item->target_id = g_strdup (id);
      item->time = time;
      item->size = get_int (s, "size");
      if (g_strcmp0 (state, "ok") == 0)
        item->verified = VIGIE_VERIFIED_OK;
      else if (g_strcmp0 (state, "failed") == 0)
        item->verified = VIGIE_VERIFIED_FAILED;
      item->protected_ = get_bool (s, "protected") == TRUE;
      stamp = vigie_format_time (time);
      item->volid = g_strdup_printf ("%s/%s/%s", type, id, stamp);
      g_ptr_array_add (result, item);
    }
  return result;
}

/* Undoes the systemd unit-name escaping PBS applies to worker ids inside
 * UPIDs ("store1:vm/100" becomes "store1\x3avm-100"): '-' stands for '/'
 * and \xNN for a byte. A worker id with a '/' is taken as plain. */
static char *
unescape_worker_id (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean escaped = strchr (text, '/') == NULL && strstr (text, "\\x") != NULL;

  for (const char *p = text; *p; p++)
    {
      if (escaped && *p == '-')
        g_string_append_c (out, '/');
      else if (p[0] == '\\' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[2]) * 16 +
                                          g_ascii_xdigit_value (p[3])));
          p += 3;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* "store1:vm/100", or with a namespace "store1:ns/a/ns/b/vm/100" (PBS
 * prints a namespace as a path with "ns/" before each level). */
gboolean
vigie_pbs_parse_backup_worker (const char  *worker_id,
                               char       **store,
                               char       **ns,
                               char       **type,
                               char       **id)
{
  g_autofree char *plain = NULL;
  g_auto(GStrv) parts = NULL;
  const char *colon;
  guint n;
  GString *nspath;

  if (worker_id == NULL)
    return FALSE;
  plain = unescape_worker_id (worker_id);
  colon = strchr (plain, ':');
  if (colon == NULL || colon == plain)
    return FALSE;
  parts = g_strsplit (colon + 1, "/", -1);
  n = g_strv_length (parts);
  if (n < 2 || (n % 2) != 0 || !is_backup_type (parts[n - 2]) || *parts[n - 1] == '\0')
    return FALSE;
  nspath = g_string_new (NULL);
  for (guint i = 0; i + 2 < n; i += 2)
    {
      if (g_strcmp0 (parts[i], "ns") != 0)
        {
          g_string_free (nspath, TRUE);
          return FALSE;
        }
      if (nspath->len > 0)
        g_string_append_c (nspath, '/');
      g_string_append (nspath, parts[i + 1]);
    }
  *store = g_strndup (plain, colon - plain);
  if (nspath->len > 0)
    *ns = g_string_free (nspath, FALSE);
  else
    {
      *ns = NULL;
      g_string_free (nspath, TRUE);
    }
  *type = g_strdup (parts[n - 2]);
  *id = g_strdup (parts[n - 1]);
  return TRUE;
}

VigieJobResult
vigie_pbs_task_result (const char *state)
{
  if (state == NULL || g_ascii_strcasecmp (state, "unknown") == 0)
    return VIGIE_JOB_NONE;
  if (strcmp (state, "OK") == 0)
    return VIGIE_JOB_SUCCESS;
  if (g_str_has_prefix (state, "WARNINGS"))
    return VIGIE_JOB_WARNING;
  return VIGIE_JOB_FAILED;
}

GPtrArray *
vigie_pbs_parse_failed_backups (JsonNode *root)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = reply_array (root);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *t = vigie_json_node_object (json_array_get_element (array, i));
      const char *status = vigie_json_get_string (t, "status");
      g_autofree char *store = NULL, *ns = NULL, *type = NULL, *id = NULL;
      gint64 start = get_int (t, "starttime");
      VigieBackupItem *item;

      /* typefilter is a substring match: "tape-backup" is not ours. */
      if (g_strcmp0 (vigie_json_get_string (t, "worker_type"), "backup") != 0 ||
          vigie_pbs_task_result (status) != VIGIE_JOB_FAILED)
        continue;
      if (!vigie_pbs_parse_backup_worker (vigie_json_get_string (t, "worker_id"), &store, &ns,
                                          &type, &id))
        continue;
      if (start <= 0)
        {
          g_auto(VigiePbsUpid) upid = { 0 };

          if (vigie_pbs_parse_upid (vigie_json_get_string (t, "upid"), &upid))
            start = upid.starttime;
        }
      item = vigie_backup_item_new (VIGIE_BACKUP_SOURCE_PBS);
      item->failed = TRUE;
      item->location = g_steal_pointer (&store);
      item->namespace_ = g_steal_pointer (&ns);
      item->target_type = g_steal_pointer (&type);
      item->target_id = g_steal_pointer (&id);
      item->time = start > 0 ? start : 0;
      g_ptr_array_add (result, item);
    }
  return result;
}

/* /admin/verify, /admin/prune, /admin/sync (job config + schedule state)
 * and /admin/gc (one entry per datastore, no id). */
GPtrArray *
vigie_pbs_parse_jobs (JsonNode   *root,
                      const char *kind)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = reply_array (root);
  gboolean gc = g_strcmp0 (kind, "gc") == 0;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *j = vigie_json_node_object (json_array_get_element (array, i));
      const char *id = vigie_json_get_string (j, gc ? "store" : "id");
      const char *state = vigie_json_get_string (j, "last-run-state");
      const char *upid_text = vigie_json_get_string (j, "last-run-upid");
      g_auto(VigiePbsUpid) upid = { 0 };
      gint64 next;
      int disabled;
      VigieJob *job;

      if (upid_text == NULL && gc)
        upid_text = vigie_json_get_string (j, "upid");
      if (id == NULL)
        continue;
      job = vigie_job_new ();
      job->id = gc ? g_strdup_printf ("gc/%s", id) : g_strdup (id);
      job->name = g_strdup (id);
      job->kind = g_strdup (kind);
      job->schedule = dup_str (j, "schedule");
      disabled = get_bool (j, "disable");
      if (disabled >= 0)
        job->enabled = !disabled;
      next = get_int (j, "next-run");
      job->next_run = next > 0 ? next : 0;
      if (vigie_pbs_parse_upid (upid_text, &upid))
        job->last_run = upid.starttime;
      job->last_result = vigie_pbs_task_result (state);
      /* A run that has started but not ended has an upid and no state. */
      if (state == NULL && job->last_run > 0 && get_int (j, "last-run-endtime") <= 0 && !gc)
        job->last_result = VIGIE_JOB_RUNNING;
      if (job->last_result == VIGIE_JOB_FAILED)
        job->message = g_strdup (state);
      g_ptr_array_add (result, job);
    }
  return result;
}
