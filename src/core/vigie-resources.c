/* vigie-resources.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include "vigie-resources.h"

G_DEFINE_FINAL_TYPE (VigieInstance, vigie_instance, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (VigieHost, vigie_host, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (VigieStorage, vigie_storage, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (VigieBackupItem, vigie_backup_item, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (VigieJob, vigie_job, G_TYPE_OBJECT)

void
vigie_resource_set_extra (GHashTable **extra,
                          const char  *key,
                          const char  *value)
{
  if (*extra == NULL)
    *extra = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (value == NULL)
    g_hash_table_remove (*extra, key);
  else
    g_hash_table_insert (*extra, g_strdup (key), g_strdup (value));
}

/* Instance */

static void
vigie_instance_finalize (GObject *object)
{
  VigieInstance *self = (VigieInstance *) object;

  g_free (self->endpoint);
  g_free (self->endpoint_uuid);
  g_free (self->id);
  g_free (self->name);
  g_free (self->host);
  g_free (self->project);
  g_free (self->os);
  g_free (self->uuid);
  g_free (self->pool);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->extra, g_hash_table_unref);
  g_clear_pointer (&self->disks, g_ptr_array_unref);
  g_clear_pointer (&self->nics, g_ptr_array_unref);
  g_clear_pointer (&self->snapshot_list, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_instance_parent_class)->finalize (object);
}

static void
vigie_instance_class_init (VigieInstanceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_instance_finalize;
}

static void
vigie_instance_init (VigieInstance *self)
{
  self->cpus = VIGIE_UNSET;
  self->memory_bytes = VIGIE_UNSET;
  self->memory_used_bytes = VIGIE_UNSET;
  self->cpu_usage = -1.0;
  self->disk_bytes = VIGIE_UNSET;
  self->snapshots = VIGIE_UNSET;
  self->in_backup_job = VIGIE_UNSET;
  self->addresses = g_ptr_array_new_with_free_func (g_free);
  self->tags = g_ptr_array_new_with_free_func (g_free);
}

VigieInstance *
vigie_instance_new (void)
{
  return g_object_new (VIGIE_TYPE_INSTANCE, NULL);
}

void
vigie_instance_add_address (VigieInstance *self,
                            const char    *address)
{
  g_return_if_fail (VIGIE_IS_INSTANCE (self));

  if (address == NULL || *address == '\0')
    return;
  for (guint i = 0; i < self->addresses->len; i++)
    if (g_str_equal (g_ptr_array_index (self->addresses, i), address))
      return;
  g_ptr_array_add (self->addresses, g_strdup (address));
}

void
vigie_instance_add_tag (VigieInstance *self,
                        const char    *tag)
{
  g_return_if_fail (VIGIE_IS_INSTANCE (self));

  if (tag == NULL || *tag == '\0')
    return;
  g_ptr_array_add (self->tags, g_strdup (tag));
}

/* Instance keys: each part escaped (g_strescape leaves no control
 * character), joined by \x1f, so no two triples give the same key. */

char *
vigie_instance_key_build (const char *endpoint_uuid,
                          const char *project,
                          const char *id)
{
  g_autofree char *e = g_strescape (endpoint_uuid != NULL ? endpoint_uuid : "", NULL);
  g_autofree char *p = g_strescape (project != NULL ? project : "", NULL);
  g_autofree char *i = g_strescape (id != NULL ? id : "", NULL);

  return g_strjoin ("\x1f", e, p, i, NULL);
}

char *
vigie_instance_get_key (VigieInstance *self)
{
  g_return_val_if_fail (VIGIE_IS_INSTANCE (self), NULL);

  return vigie_instance_key_build (self->endpoint_uuid, self->project, self->id);
}

/**
 * vigie_instance_key_parse:
 * @project: (out): NULL when the key has no project
 *
 * The parts of a key from vigie_instance_key_build(); FALSE when @key is not
 * one.
 */
gboolean
vigie_instance_key_parse (const char  *key,
                          char       **endpoint_uuid,
                          char       **project,
                          char       **id)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (key != NULL, FALSE);

  parts = g_strsplit (key, "\x1f", -1);
  if (g_strv_length (parts) != 3)
    return FALSE;
  if (endpoint_uuid != NULL)
    *endpoint_uuid = g_strcompress (parts[0]);
  if (project != NULL)
    *project = parts[1][0] != '\0' ? g_strcompress (parts[1]) : NULL;
  if (id != NULL)
    *id = g_strcompress (parts[2]);
  return TRUE;
}

/* Host */

static void
vigie_host_finalize (GObject *object)
{
  VigieHost *self = (VigieHost *) object;

  g_free (self->endpoint_uuid);
  g_free (self->name);
  g_free (self->version);
  g_free (self->build);
  g_free (self->cpu_model);
  g_clear_pointer (&self->extra, g_hash_table_unref);

  G_OBJECT_CLASS (vigie_host_parent_class)->finalize (object);
}

static void
vigie_host_class_init (VigieHostClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_host_finalize;
}

static void
vigie_host_init (VigieHost *self)
{
  self->cpu_cores = VIGIE_UNSET;
  self->cpu_threads = VIGIE_UNSET;
  self->cpu_sockets = VIGIE_UNSET;
  self->cpu_usage = -1.0;
  self->memory_bytes = VIGIE_UNSET;
  self->memory_used_bytes = VIGIE_UNSET;
  self->uptime_seconds = VIGIE_UNSET;
}

VigieHost *
vigie_host_new (void)
{
  return g_object_new (VIGIE_TYPE_HOST, NULL);
}

/* Storage */

static void
vigie_storage_finalize (GObject *object)
{
  VigieStorage *self = (VigieStorage *) object;

  g_free (self->endpoint_uuid);
  g_free (self->name);
  g_free (self->type);
  g_free (self->host);
  g_free (self->content);
  g_free (self->pbs_server);
  g_free (self->pbs_datastore);
  g_free (self->pbs_namespace);
  g_free (self->pbs_fingerprint);
  g_clear_pointer (&self->extra, g_hash_table_unref);

  G_OBJECT_CLASS (vigie_storage_parent_class)->finalize (object);
}

static void
vigie_storage_class_init (VigieStorageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_storage_finalize;
}

static void
vigie_storage_init (VigieStorage *self)
{
  self->total_bytes = VIGIE_UNSET;
  self->used_bytes = VIGIE_UNSET;
  self->pbs_port = VIGIE_UNSET;
  self->active = TRUE;
}

VigieStorage *
vigie_storage_new (void)
{
  return g_object_new (VIGIE_TYPE_STORAGE, NULL);
}

/* Backup item */

static void
vigie_backup_item_finalize (GObject *object)
{
  VigieBackupItem *self = (VigieBackupItem *) object;

  g_free (self->endpoint);
  g_free (self->endpoint_uuid);
  g_free (self->location);
  g_free (self->namespace_);
  g_free (self->target_type);
  g_free (self->target_id);
  g_free (self->target_uuid);
  g_free (self->target_name);
  g_free (self->target_project);
  g_free (self->target_host);
  g_free (self->job);
  g_free (self->volid);

  G_OBJECT_CLASS (vigie_backup_item_parent_class)->finalize (object);
}

static void
vigie_backup_item_class_init (VigieBackupItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_backup_item_finalize;
}

static void
vigie_backup_item_init (VigieBackupItem *self)
{
  self->size = VIGIE_UNSET;
}

VigieBackupItem *
vigie_backup_item_new (VigieBackupSource source)
{
  VigieBackupItem *self = g_object_new (VIGIE_TYPE_BACKUP_ITEM, NULL);

  self->source = source;
  return self;
}

const char *
vigie_backup_source_to_string (VigieBackupSource source)
{
  switch (source)
    {
    case VIGIE_BACKUP_SOURCE_PBS: return "pbs";
    case VIGIE_BACKUP_SOURCE_VEEAM: return "veeam";
    case VIGIE_BACKUP_SOURCE_INCUS: return "incus";
    case VIGIE_BACKUP_SOURCE_VZDUMP:
    default: return "vzdump";
    }
}

/* Job */

static void
vigie_job_finalize (GObject *object)
{
  VigieJob *self = (VigieJob *) object;

  g_free (self->storage);
  g_free (self->node);
  g_free (self->endpoint);
  g_free (self->endpoint_uuid);
  g_free (self->id);
  g_free (self->name);
  g_free (self->kind);
  g_free (self->schedule);
  g_free (self->message);
  g_clear_pointer (&self->targets, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_job_parent_class)->finalize (object);
}

static void
vigie_job_class_init (VigieJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_job_finalize;
}

static void
vigie_job_init (VigieJob *self)
{
  self->enabled = VIGIE_UNSET;
  self->targets = g_ptr_array_new_with_free_func (g_free);
}

VigieJob *
vigie_job_new (void)
{
  return g_object_new (VIGIE_TYPE_JOB, NULL);
}
