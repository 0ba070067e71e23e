/* vigie-proxmox-parse-tasks.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backup jobs, tasks (UPIDs, status, logs) and backup volumes: the parsers
 * behind the backups view. Pure functions, as in vigie-proxmox-parse.c.
 */

#define G_LOG_DOMAIN "vigie-proxmox"

#include "config.h"

#include <string.h>

#include "vigie-proxmox-parse.h"
#include "vigie-proxmox-parse-private.h"

GPtrArray *
vigie_proxmox_parse_backup_jobs (JsonNode *data)
{
  JsonArray *array = vigie_proxmox_node_get_array (data);
  GPtrArray *jobs = g_ptr_array_new_with_free_func (g_object_unref);

  if (array == NULL)
    return jobs;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = vigie_proxmox_array_get_object (array, i);
      g_autoptr(VigieJob) job = NULL;
      const char *id = vigie_proxmox_json_get_string (item, "id");
      const char *comment = vigie_proxmox_json_get_string (item, "comment");
      const char *vmids;
      gboolean b;
      gint64 v;

      if (id == NULL)
        continue;
      job = vigie_job_new ();
      job->storage = g_strdup (vigie_proxmox_json_get_string (item, "storage"));
      job->node = g_strdup (vigie_proxmox_json_get_string (item, "node"));
      job->id = g_strdup (id);
      job->name = g_strdup (comment != NULL && *comment != '\0' ? comment : id);
      job->kind = g_strdup ("backup");
      job->schedule = g_strdup (vigie_proxmox_json_get_string (item, "schedule"));
      /* The job schema's default for "enabled" is 1: PVE omits it then. */
      if (vigie_proxmox_json_get_bool (item, "enabled", &b))
        job->enabled = b ? 1 : 0;
      else
        job->enabled = 1;
      if (vigie_proxmox_json_get_int (item, "next-run", &v) && v > 0)
        job->next_run = v;
      if (vigie_proxmox_json_get_bool (item, "all", &b) && b)
        job->all_targets = TRUE;
      vmids = vigie_proxmox_json_get_string (item, "vmid");
      if (vmids == NULL && vigie_proxmox_json_get_int (item, "vmid", &v))
        {
          g_ptr_array_add (job->targets, g_strdup_printf ("%" G_GINT64_FORMAT, v));
        }
      else if (vmids != NULL)
        {
          g_auto(GStrv) parts = g_strsplit_set (vmids, ", ;", -1);

          for (guint j = 0; parts[j] != NULL; j++)
            if (*parts[j] != '\0')
              g_ptr_array_add (job->targets, g_strdup (parts[j]));
        }
      g_ptr_array_add (jobs, g_steal_pointer (&job));
    }
  return jobs;
}

const char *
vigie_proxmox_job_get_storage (VigieJob *job)
{
  return job->storage;
}

const char *
vigie_proxmox_job_get_node (VigieJob *job)
{
  return job->node;
}

static gboolean
job_covers (VigieJob   *job,
            const char *vmid)
{
  if (job->all_targets)
    return TRUE;
  for (guint i = 0; i < job->targets->len; i++)
    if (g_strcmp0 (g_ptr_array_index (job->targets, i), vmid) == 0)
      return TRUE;
  return FALSE;
}

void
vigie_proxmox_apply_job_runs (GPtrArray *jobs,
                              GPtrArray *tasks)
{
  for (guint i = 0; i < jobs->len; i++)
    {
      VigieJob *job = g_ptr_array_index (jobs, i);
      const char *node = vigie_proxmox_job_get_node (job);
      const VigieProxmoxTask *last = NULL;

      for (guint j = 0; j < tasks->len; j++)
        {
          const VigieProxmoxTask *task = g_ptr_array_index (tasks, j);

          if (g_strcmp0 (task->type, "vzdump") != 0 || task->starttime <= 0)
            continue;
          if (node != NULL && g_strcmp0 (node, task->node) != 0)
            continue;
          if (task->id != NULL && *task->id != '\0' && !job_covers (job, task->id))
            continue;
          /* A multi-guest run: its log head says where it wrote and what. */
          if (task->storage != NULL && vigie_proxmox_job_get_storage (job) != NULL &&
              g_strcmp0 (task->storage, vigie_proxmox_job_get_storage (job)) != 0)
            continue;
          if (task->vmids != NULL && task->vmids[0] != NULL && !job->all_targets)
            {
              gboolean any = FALSE;

              for (guint k = 0; task->vmids[k] != NULL && !any; k++)
                any = job_covers (job, task->vmids[k]);
              if (!any)
                continue;
            }
          if (last == NULL || task->starttime > last->starttime)
            last = task;
        }
      if (last == NULL)
        continue;
      job->last_run = last->starttime;
      job->last_result = last->result;
      g_clear_pointer (&job->message, g_free);
      if (last->result == VIGIE_JOB_FAILED || last->result == VIGIE_JOB_WARNING)
        job->message = g_strdup (last->status);
    }
}

void
vigie_proxmox_task_free (VigieProxmoxTask *task)
{
  if (task == NULL)
    return;
  g_free (task->upid);
  g_free (task->node);
  g_free (task->type);
  g_free (task->id);
  g_free (task->user);
  g_free (task->status);
  g_free (task->storage);
  g_strfreev (task->vmids);
  g_free (task);
}

gboolean
vigie_proxmox_apply_vzdump_log (VigieProxmoxTask *task,
                                JsonNode         *data)
{
  JsonArray *array = vigie_proxmox_node_get_array (data);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *line = vigie_proxmox_array_get_object (array, i);
      const char *t = vigie_proxmox_json_get_string (line, "t");
      const char *cmd;
      g_autoptr(GStrvBuilder) vmids = NULL;
      g_auto(GStrv) words = NULL;
      gboolean options = FALSE;

      if (t == NULL || (cmd = strstr (t, "starting new backup job: vzdump")) == NULL)
        continue;
      vmids = g_strv_builder_new ();
      words = g_strsplit (cmd + strlen ("starting new backup job: vzdump"), " ", -1);
      /* vzdump VMID… [--option value]…: guests come before the options. */
      for (guint w = 0; words[w] != NULL; w++)
        {
          const char *word = words[w];
          gboolean digits = *word != '\0';

          for (const char *c = word; *c != '\0'; c++)
            digits &= g_ascii_isdigit (*c);
          options |= word[0] == '-';
          if (digits && !options)
            g_strv_builder_add (vmids, word);
          else if (g_str_equal (word, "--storage") && words[w + 1] != NULL)
            {
              g_free (task->storage);
              task->storage = g_strdup (words[++w]);
            }
          else if (g_str_equal (word, "--vmid") && words[w + 1] != NULL)
            {
              g_auto(GStrv) list = g_strsplit (words[++w], ",", -1);

              g_strv_builder_addv (vmids, (const char **) list);
            }
        }
      g_strfreev (task->vmids);
      task->vmids = g_strv_builder_end (vmids);
      return TRUE;
    }
  return FALSE;
}

VigieJobResult
vigie_proxmox_task_result (const char *status)
{
  if (status == NULL || *status == '\0' || g_str_equal (status, "RUNNING"))
    return VIGIE_JOB_RUNNING;
  if (g_str_equal (status, "OK"))
    return VIGIE_JOB_SUCCESS;
  if (g_str_has_prefix (status, "WARNINGS"))
    return VIGIE_JOB_WARNING;
  if (g_str_equal (status, "unexpected status"))
    return VIGIE_JOB_NONE;
  return VIGIE_JOB_FAILED;
}

gboolean
vigie_proxmox_parse_upid (const char  *upid,
                          char       **node,
                          char       **type,
                          char       **id,
                          gint64      *starttime)
{
  g_auto(GStrv) parts = NULL;
  char *end = NULL;
  guint64 start;

  if (upid == NULL || !g_str_has_prefix (upid, "UPID:"))
    return FALSE;
  /* UPID:node:pid:pstart:starttime:type:id:user: (the user may hold ':'? no:
   * user@realm!token has none) */
  parts = g_strsplit (upid, ":", 9);
  if (g_strv_length (parts) < 8 || *parts[1] == '\0')
    return FALSE;
  start = g_ascii_strtoull (parts[4], &end, 16);
  /* A start past gint64 (or past guint64: G_MAXUINT64) is no time. */
  if (end == parts[4] || *end != '\0' || start > G_MAXINT64)
    return FALSE;
  if (node != NULL)
    *node = g_strdup (parts[1]);
  if (type != NULL)
    *type = g_strdup (parts[5]);
  if (id != NULL)
    *id = g_strdup (parts[6]);
  if (starttime != NULL)
    *starttime = (gint64) start;
  return TRUE;
}

GPtrArray *
vigie_proxmox_parse_tasks (JsonNode *data)
{
  JsonArray *array = vigie_proxmox_node_get_array (data);
  GPtrArray *tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_proxmox_task_free);

  if (array == NULL)
    return tasks;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = vigie_proxmox_array_get_object (array, i);
      VigieProxmoxTask *task;
      const char *upid = vigie_proxmox_json_get_string (item, "upid");
      gint64 v;

      if (item == NULL)
        continue;
      task = g_new0 (VigieProxmoxTask, 1);
      task->upid = g_strdup (upid);
      task->node = g_strdup (vigie_proxmox_json_get_string (item, "node"));
      task->type = g_strdup (vigie_proxmox_json_get_string (item, "type"));
      task->id = vigie_proxmox_json_dup_id (item, "id");
      task->user = g_strdup (vigie_proxmox_json_get_string (item, "user"));
      if (vigie_proxmox_json_get_int (item, "starttime", &v) && v > 0)
        task->starttime = v;
      if (vigie_proxmox_json_get_int (item, "endtime", &v) && v > 0)
        task->endtime = v;
      /* Fill what the item lacks from its UPID. */
      if (upid != NULL && (task->node == NULL || task->type == NULL || task->starttime == 0))
        {
          g_autofree char *node = NULL;
          g_autofree char *type = NULL;
          g_autofree char *id = NULL;
          gint64 start = 0;

          if (vigie_proxmox_parse_upid (upid, &node, &type, &id, &start))
            {
              if (task->node == NULL)
                task->node = g_steal_pointer (&node);
              if (task->type == NULL)
                task->type = g_steal_pointer (&type);
              if (task->id == NULL && id != NULL && *id != '\0')
                task->id = g_steal_pointer (&id);
              if (task->starttime == 0)
                task->starttime = start;
            }
        }
      task->status = g_strdup (vigie_proxmox_json_get_string (item, "status"));
      /* A finished task without a status is "unknown", not running. */
      if (task->status == NULL && task->endtime > 0)
        task->result = VIGIE_JOB_NONE;
      else
        task->result = vigie_proxmox_task_result (task->status);
      g_ptr_array_add (tasks, task);
    }
  return tasks;
}

gboolean
vigie_proxmox_parse_task_status (JsonNode  *data,
                                 gboolean  *stopped,
                                 char     **exitstatus)
{
  JsonObject *object = vigie_proxmox_node_get_object (data);
  const char *status;

  if (object == NULL)
    return FALSE;
  status = vigie_proxmox_json_get_string (object, "status");
  if (status == NULL)
    return FALSE;
  *stopped = g_str_equal (status, "stopped");
  if (exitstatus != NULL)
    *exitstatus = *stopped ? g_strdup (vigie_proxmox_json_get_string (object, "exitstatus"))
                           : NULL;
  return TRUE;
}

char *
vigie_proxmox_parse_task_log_tail (JsonNode *data,
                                   guint     lines)
{
  JsonArray *array = vigie_proxmox_node_get_array (data);
  g_autoptr(GString) text = g_string_new (NULL);
  guint len, first;

  if (array == NULL)
    return NULL;
  len = json_array_get_length (array);
  first = len > lines ? len - lines : 0;
  for (guint i = first; i < len; i++)
    {
      JsonObject *line = vigie_proxmox_array_get_object (array, i);
      const char *t = vigie_proxmox_json_get_string (line, "t");

      if (t == NULL || *t == '\0' || g_str_equal (t, "no content"))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, t);
    }
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

GPtrArray *
vigie_proxmox_parse_backup_content (JsonNode   *data,
                                    const char *storage,
                                    const char *namespace_)
{
  JsonArray *array = vigie_proxmox_node_get_array (data);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  if (array == NULL)
    return items;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = vigie_proxmox_array_get_object (array, i);
      g_autoptr(VigieBackupItem) item = NULL;
      JsonObject *verification;
      const char *content = vigie_proxmox_json_get_string (entry, "content");
      const char *subtype = vigie_proxmox_json_get_string (entry, "subtype");
      const char *format = vigie_proxmox_json_get_string (entry, "format");
      const char *volid = vigie_proxmox_json_get_string (entry, "volid");
      gboolean b;
      gint64 v;

      if (entry == NULL || volid == NULL || (content != NULL && !g_str_equal (content, "backup")))
        continue;
      item = vigie_backup_item_new (VIGIE_BACKUP_SOURCE_VZDUMP);
      item->location = g_strdup (storage);
      item->namespace_ = g_strdup (namespace_);
      item->volid = g_strdup (volid);
      item->target_id = vigie_proxmox_json_dup_id (entry, "vmid");
      if (g_strcmp0 (subtype, "qemu") == 0 || g_strcmp0 (format, "pbs-vm") == 0)
        item->target_type = g_strdup ("vm");
      else if (g_strcmp0 (subtype, "lxc") == 0 || g_strcmp0 (format, "pbs-ct") == 0)
        item->target_type = g_strdup ("ct");
      if (vigie_proxmox_json_get_int (entry, "ctime", &v) && v > 0)
        item->time = v;
      if (vigie_proxmox_json_get_int (entry, "size", &v) && v >= 0)
        {
          /* PBS reports 1 when it does not know the size. */
          if (!(v <= 1 && format != NULL && g_str_has_prefix (format, "pbs-")))
            item->size = v;
        }
      verification = vigie_proxmox_node_get_object (json_object_get_member (entry, "verification"));
      if (verification != NULL)
        {
          const char *state = vigie_proxmox_json_get_string (verification, "state");

          if (g_strcmp0 (state, "ok") == 0)
            item->verified = VIGIE_VERIFIED_OK;
          else if (g_strcmp0 (state, "failed") == 0)
            item->verified = VIGIE_VERIFIED_FAILED;
        }
      if (vigie_proxmox_json_get_bool (entry, "protected", &b))
        item->protected_ = b;
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  return items;
}

VigieBackupItem *
vigie_proxmox_backup_item_from_task (const VigieProxmoxTask *task,
                                     const char             *storage)
{
  VigieBackupItem *item;

  if (task == NULL || task->result != VIGIE_JOB_FAILED ||
      g_strcmp0 (task->type, "vzdump") != 0 || task->id == NULL || *task->id == '\0')
    return NULL;
  item = vigie_backup_item_new (VIGIE_BACKUP_SOURCE_VZDUMP);
  item->failed = TRUE;
  item->target_id = g_strdup (task->id);
  item->time = task->starttime;
  item->location = g_strdup (storage);
  /* The UPID identifies the attempt, so it is counted once. */
  item->volid = g_strdup (task->upid);
  return item;
}

GStrv
vigie_proxmox_parse_not_backed_up (JsonNode *data)
{
  JsonArray *array = vigie_proxmox_node_get_array (data);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (array != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *item = vigie_proxmox_array_get_object (array, i);
        g_autofree char *vmid = vigie_proxmox_json_dup_id (item, "vmid");

        if (vmid != NULL)
          g_strv_builder_add (builder, vmid);
      }
  return g_strv_builder_end (builder);
}

