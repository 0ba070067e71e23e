/* coverage-fixture.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inventories built by hand for the coverage tests, on a fixed clock.
 */

#include "config.h"

#include "coverage-fixture.h"

gint64
test_now (void)
{
  g_autoptr(VigieClock) clock = vigie_clock_new_fixed (vigie_parse_time ("2026-11-25T18:00:00Z"));

  return vigie_clock_now (clock);
}

VigieInventory *
inv_new (GPtrArray  *inventories,
         const char *name,
         VigieKind   kind,
         const char *url)
{
  VigieInventory *inv = vigie_inventory_new (name, kind, url);

  g_ptr_array_add (inventories, inv);
  return inv;
}

VigieInstance *
add_instance (VigieInventory    *inv,
              const char        *id,
              const char        *name,
              VigieInstanceType  type)
{
  g_autoptr(VigieInstance) inst = vigie_instance_new ();

  inst->id = g_strdup (id);
  inst->name = g_strdup (name);
  inst->type = type;
  vigie_inventory_add_instance (inv, inst);
  return inst;
}

VigieStorage *
add_storage (VigieInventory *inv,
             const char     *name,
             const char     *type,
             const char     *server,
             const char     *datastore,
             const char     *namespace_)
{
  g_autoptr(VigieStorage) storage = vigie_storage_new ();

  storage->name = g_strdup (name);
  storage->type = g_strdup (type);
  storage->pbs_server = g_strdup (server);
  storage->pbs_datastore = g_strdup (datastore);
  storage->pbs_namespace = g_strdup (namespace_);
  storage->total_bytes = 1000;
  storage->used_bytes = 400;
  vigie_inventory_add_storage (inv, storage);
  return storage;
}

char *
pbs_snapshot (const char *type,
              const char *id,
              gint64      time)
{
  g_autofree char *when = vigie_format_time (time);

  return g_strdup_printf ("%s/%s/%s", type, id, when);
}

VigieBackupItem *
add_item (VigieInventory    *inv,
          VigieBackupSource  source,
          const char        *location,
          const char        *target_type,
          const char        *target_id,
          gint64             time)
{
  g_autoptr(VigieBackupItem) item = vigie_backup_item_new (source);
  g_autofree char *snapshot = pbs_snapshot (target_type ? target_type : "x", target_id, time);

  item->location = g_strdup (location);
  item->target_type = g_strdup (target_type);
  item->target_id = g_strdup (target_id);
  item->time = time;
  item->size = 1024 * 1024;
  if (source == VIGIE_BACKUP_SOURCE_PBS)
    item->volid = g_steal_pointer (&snapshot);
  else
    item->volid = g_strdup_printf ("%s:backup/%s", location, snapshot);
  vigie_inventory_add_backup (inv, item);
  return item;
}

VigieCoverage *
find_row (GListStore *coverage,
          const char *endpoint,
          const char *project,
          const char *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (coverage));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieCoverage) row = g_list_model_get_item (G_LIST_MODEL (coverage), i);

      if (g_str_equal (row->endpoint, endpoint) && g_str_equal (row->instance_id, id) &&
          g_strcmp0 (row->project, project) == 0)
        return row;
    }
  g_error ("no coverage row %s/%s", endpoint, id);
  return NULL;
}

GPtrArray *
inventories_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

VigieInstance *
add_vm (VigieInventory *inv,
        const char     *moref,
        const char     *name,
        const char     *uuid,
        const char     *host)
{
  VigieInstance *inst = add_instance (inv, moref, name, VIGIE_INSTANCE_VM);

  inst->uuid = g_strdup (uuid);
  inst->host = g_strdup (host);
  return inst;
}

VigieBackupItem *
add_veeam (VigieInventory *veeam,
           const char     *moref,
           const char     *uuid,
           const char     *name,
           const char     *host,
           gint64          time)
{
  VigieBackupItem *item = add_item (veeam, VIGIE_BACKUP_SOURCE_VEEAM, "Daily", "vm", moref, time);

  item->target_uuid = g_strdup (uuid);
  item->target_name = g_strdup (name);
  item->target_host = g_strdup (host);
  item->job = g_strdup ("Daily");
  return item;
}
