/* vigie-inventory.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include "vigie-error.h"
#include "vigie-inventory.h"

G_DEFINE_FINAL_TYPE (VigieInventory, vigie_inventory, G_TYPE_OBJECT)

/* Renames write the resources' names that workers read. A rename never
 * waits for them: the name it replaces is kept alive until no reader is
 * left (retired), and the generation tells a reader that names changed
 * under it. */
static GMutex     names_mutex;
static guint      names_readers;
static GPtrArray *names_retired;
static guint      names_generation;

static void
vigie_inventory_finalize (GObject *object)
{
  VigieInventory *self = (VigieInventory *) object;

  g_free (self->endpoint);
  g_free (self->endpoint_uuid);
  g_free (self->url);
  g_free (self->error);
  g_free (self->product);
  g_free (self->version);
  g_free (self->build);
  g_free (self->api_version);
  g_free (self->license);
  g_clear_object (&self->hosts);
  g_clear_object (&self->instances);
  g_clear_object (&self->storage);
  g_clear_object (&self->backups);
  g_clear_object (&self->jobs);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->extra, g_hash_table_unref);

  G_OBJECT_CLASS (vigie_inventory_parent_class)->finalize (object);
}

static void
vigie_inventory_class_init (VigieInventoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_inventory_finalize;
}

static void
vigie_inventory_init (VigieInventory *self)
{
  self->latency_ms = -1.0;
  self->hosts = g_list_store_new (VIGIE_TYPE_HOST);
  self->instances = g_list_store_new (VIGIE_TYPE_INSTANCE);
  self->storage = g_list_store_new (VIGIE_TYPE_STORAGE);
  self->backups = g_list_store_new (VIGIE_TYPE_BACKUP_ITEM);
  self->jobs = g_list_store_new (VIGIE_TYPE_JOB);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
}

VigieInventory *
vigie_inventory_new (const char *endpoint,
                     VigieKind   kind,
                     const char *url)
{
  VigieInventory *self = g_object_new (VIGIE_TYPE_INVENTORY, NULL);

  self->endpoint = g_strdup (endpoint);
  self->kind = kind;
  self->url = g_strdup (url);
  return self;
}

/* g_set_str() is GLib 2.76. */
static void
set_str (char       **field,
         const char  *value)
{
  if (*field == value)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

typedef void (*SetStr) (char **field, const char *value);

static void
relabel (GListModel *model,
         gsize       name_offset,
         gsize       uuid_offset,
         const char *name,
         const char *uuid,
         SetStr      set)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (name_offset != 0)
        set (&G_STRUCT_MEMBER (char *, item, name_offset), name);
      set (&G_STRUCT_MEMBER (char *, item, uuid_offset), uuid);
    }
}

/* Every resource's endpoint name and uuid, each field set by @set. */
static void
relabel_all (VigieInventory *self,
             const char     *name,
             const char     *uuid,
             SetStr          set)
{
  relabel (G_LIST_MODEL (self->instances), G_STRUCT_OFFSET (VigieInstance, endpoint),
           G_STRUCT_OFFSET (VigieInstance, endpoint_uuid), name, uuid, set);
  relabel (G_LIST_MODEL (self->hosts), 0, G_STRUCT_OFFSET (VigieHost, endpoint_uuid), name, uuid,
           set);
  relabel (G_LIST_MODEL (self->storage), 0, G_STRUCT_OFFSET (VigieStorage, endpoint_uuid),
           name, uuid, set);
  relabel (G_LIST_MODEL (self->backups), G_STRUCT_OFFSET (VigieBackupItem, endpoint),
           G_STRUCT_OFFSET (VigieBackupItem, endpoint_uuid), name, uuid, set);
  relabel (G_LIST_MODEL (self->jobs), G_STRUCT_OFFSET (VigieJob, endpoint),
           G_STRUCT_OFFSET (VigieJob, endpoint_uuid), name, uuid, set);
}

void
vigie_inventory_set_endpoint (VigieInventory *self,
                              const char     *name,
                              const char     *uuid)
{
  g_return_if_fail (VIGIE_IS_INVENTORY (self));

  set_str (&self->endpoint, name);
  set_str (&self->endpoint_uuid, uuid);
  relabel_all (self, name, uuid, set_str);
}

void
vigie_inventory_set_error (VigieInventory *self,
                           const GError   *error)
{
  g_return_if_fail (VIGIE_IS_INVENTORY (self));

  self->status = vigie_error_to_status (error);
  g_free (self->error);
  self->error = error != NULL ? g_strdup (error->message) : NULL;
}

void
vigie_inventory_add_warning (VigieInventory *self,
                             const char     *format,
                             ...)
{
  va_list args;

  g_return_if_fail (VIGIE_IS_INVENTORY (self));

  va_start (args, format);
  g_ptr_array_add (self->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

void
vigie_inventory_add_instance (VigieInventory *self,
                              VigieInstance  *instance)
{
  g_return_if_fail (VIGIE_IS_INVENTORY (self));

  if (instance->endpoint == NULL)
    instance->endpoint = g_strdup (self->endpoint);
  if (instance->endpoint_uuid == NULL)
    instance->endpoint_uuid = g_strdup (self->endpoint_uuid);
  g_list_store_append (self->instances, instance);
}

void
vigie_inventory_add_host (VigieInventory *self,
                          VigieHost      *host)
{
  if (host->endpoint_uuid == NULL)
    host->endpoint_uuid = g_strdup (self->endpoint_uuid);
  g_list_store_append (self->hosts, host);
}

void
vigie_inventory_add_storage (VigieInventory *self,
                             VigieStorage   *storage)
{
  if (storage->endpoint_uuid == NULL)
    storage->endpoint_uuid = g_strdup (self->endpoint_uuid);
  g_list_store_append (self->storage, storage);
}

void
vigie_inventory_add_backup (VigieInventory  *self,
                            VigieBackupItem *item)
{
  if (item->endpoint == NULL)
    item->endpoint = g_strdup (self->endpoint);
  if (item->endpoint_uuid == NULL)
    item->endpoint_uuid = g_strdup (self->endpoint_uuid);
  g_list_store_append (self->backups, item);
}

void
vigie_inventory_add_job (VigieInventory *self,
                         VigieJob       *job)
{
  if (job->endpoint == NULL)
    job->endpoint = g_strdup (self->endpoint);
  if (job->endpoint_uuid == NULL)
    job->endpoint_uuid = g_strdup (self->endpoint_uuid);
  g_list_store_append (self->jobs, job);
}

VigieInstance *
vigie_inventory_find_instance (VigieInventory *self,
                               const char     *id,
                               const char     *project)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->instances));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieInstance) inst = g_list_model_get_item (G_LIST_MODEL (self->instances), i);

      if (g_strcmp0 (inst->id, id) == 0 &&
          (project == NULL || g_strcmp0 (inst->project, project) == 0))
        return inst;
    }
  return NULL;
}

void
vigie_inventory_names_read_lock (void)
{
  g_mutex_lock (&names_mutex);
  names_readers++;
  g_mutex_unlock (&names_mutex);
}

void
vigie_inventory_names_read_unlock (void)
{
  g_autoptr(GPtrArray) retired = NULL;

  g_mutex_lock (&names_mutex);
  g_assert (names_readers > 0);
  if (--names_readers == 0)
    retired = g_steal_pointer (&names_retired);
  g_mutex_unlock (&names_mutex);
}

guint
vigie_inventory_names_generation (void)
{
  return g_atomic_int_get (&names_generation);
}

/* A name a reader may hold is retired, not freed; the new one is
 * published with one pointer store. */
static void
rename_str (char       **field,
            const char  *value)
{
  char *old = *field;

  if (g_strcmp0 (old, value) == 0)
    return;
  g_atomic_pointer_set (field, g_strdup (value));
  if (old == NULL)
    return;
  if (names_readers == 0)
    g_free (old);
  else
    {
      if (names_retired == NULL)
        names_retired = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (names_retired, old);
    }
}

void
vigie_inventory_rename (VigieInventory *self,
                        const char     *name,
                        const char     *uuid)
{
  g_return_if_fail (VIGIE_IS_INVENTORY (self));

  /* Workers read snapshots: copies of the lists, not of the inventory
   * itself, whose own fields only the main thread reads. */
  set_str (&self->endpoint, name);
  set_str (&self->endpoint_uuid, uuid);
  g_mutex_lock (&names_mutex);
  g_atomic_int_inc (&names_generation);
  relabel_all (self, name, uuid, rename_str);
  g_mutex_unlock (&names_mutex);
}

static GListStore *
copy_store (GListStore *store)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);
  GListStore *copy = g_list_store_new (g_list_model_get_item_type (model));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  g_list_store_splice (copy, 0, 0, items->pdata, items->len);
  return copy;
}

VigieInventory *
vigie_inventory_snapshot (VigieInventory *self)
{
  VigieInventory *copy;

  g_return_val_if_fail (VIGIE_IS_INVENTORY (self), NULL);

  copy = vigie_inventory_new (self->endpoint, self->kind, self->url);
  copy->endpoint_uuid = g_strdup (self->endpoint_uuid);
  copy->status = self->status;
  copy->error = g_strdup (self->error);
  copy->product = g_strdup (self->product);
  copy->version = g_strdup (self->version);
  copy->build = g_strdup (self->build);
  copy->api_version = g_strdup (self->api_version);
  copy->latency_ms = self->latency_ms;
  copy->license = g_strdup (self->license);
  g_object_unref (copy->hosts);
  copy->hosts = copy_store (self->hosts);
  g_object_unref (copy->instances);
  copy->instances = copy_store (self->instances);
  g_object_unref (copy->storage);
  copy->storage = copy_store (self->storage);
  g_object_unref (copy->backups);
  copy->backups = copy_store (self->backups);
  g_object_unref (copy->jobs);
  copy->jobs = copy_store (self->jobs);
  for (guint i = 0; i < self->warnings->len; i++)
    g_ptr_array_add (copy->warnings, g_strdup (g_ptr_array_index (self->warnings, i)));
  if (self->extra != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      copy->extra = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, self->extra);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (copy->extra, g_strdup (key), g_strdup (value));
    }
  return copy;
}
