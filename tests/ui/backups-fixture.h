/* backups-fixture.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-made inventories for the Backups page: its test and its demo. The
 * inventories and instances are made as the coverage tests make theirs
 * (tests/core/coverage-fixture.c, linked in).
 */

#pragma once

#include "coverage-fixture.h"
#include "vigie-clock.h"
#include "vigie-inventory.h"

#define FIXTURE_NOW "2026-11-25T18:00:00Z"

static inline VigieStorage *
fixture_storage (VigieInventory *inv,
                 const char     *name,
                 const char     *type,
                 gint64          used_gib,
                 gint64          total_gib)
{
  g_autoptr(VigieStorage) storage = vigie_storage_new ();

  storage->name = g_strdup (name);
  storage->type = g_strdup (type);
  storage->used_bytes = used_gib << 30;
  storage->total_bytes = total_gib << 30;
  storage->content = g_strdup ("backup,iso");
  vigie_inventory_add_storage (inv, storage);
  return storage;
}

static inline VigieBackupItem *
fixture_backup (VigieInventory    *inv,
                VigieBackupSource  source,
                const char        *location,
                const char        *type,
                const char        *id,
                gint64             time)
{
  g_autoptr(VigieBackupItem) item = vigie_backup_item_new (source);

  item->location = g_strdup (location);
  item->target_type = g_strdup (type);
  item->target_id = g_strdup (id);
  item->time = time;
  item->size = (gint64) 7 << 30;
  item->volid = g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT, type, id, time);
  vigie_inventory_add_backup (inv, item);
  return item;
}

static inline VigieJob *
fixture_job (VigieInventory *inv,
             const char     *name,
             VigieJobResult  result,
             gint64          last_run,
             gint64          next_run)
{
  g_autoptr(VigieJob) job = vigie_job_new ();

  job->id = g_strdup (name);
  job->name = g_strdup (name);
  job->kind = g_strdup ("backup");
  job->enabled = 1;
  job->last_result = result;
  job->last_run = last_run;
  job->next_run = next_run;
  if (result == VIGIE_JOB_FAILED)
    job->message = g_strdup ("ERROR: Backup of VM 102 failed - unable to connect to PBS");
  vigie_inventory_add_job (inv, job);
  return job;
}

/* 7 instances: 3 protected, 1 stale, 1 unprotected, 2 failed. */
static inline GPtrArray *
fixture_inventories (void)
{
  GPtrArray *invs = inventories_new ();
  gint64 now = vigie_parse_time (FIXTURE_NOW);
  const gint64 h = 3600;
  VigieInventory *pve = inv_new (invs, "pve-lab", VIGIE_KIND_PROXMOX, "https://pve.lab:8006");
  VigieInventory *pbs = inv_new (invs, "pbs-lab", VIGIE_KIND_PBS, "https://pbs.lab:8007");
  VigieInventory *esx = inv_new (invs, "esxi-lab", VIGIE_KIND_ESXI, "https://esxi.lab/sdk");
  VigieInventory *veeam = inv_new (invs, "veeam-lab", VIGIE_KIND_VEEAM, "https://veeam.lab:9419");
  VigieInventory *incus = inv_new (invs, "incus-lab", VIGIE_KIND_INCUS, "https://incus.lab:8443");
  VigieInventory *old = inv_new (invs, "esxi-old", VIGIE_KIND_ESXI, "https://esxi-old.lab/sdk");
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                                 "No answer in 30 seconds");
  VigieStorage *storage;
  VigieBackupItem *item;
  VigieJob *job;

  vigie_inventory_set_error (old, error);

  add_instance (pve, "100", "web-frontend", VIGIE_INSTANCE_VM);
  add_instance (pve, "101", "postgres", VIGIE_INSTANCE_VM);
  add_instance (pve, "102", "gitlab", VIGIE_INSTANCE_VM);
  add_instance (pve, "200", "dns", VIGIE_INSTANCE_CONTAINER);
  storage = fixture_storage (pve, "pbs-main", "pbs", 900, 2000);
  storage->pbs_server = g_strdup ("pbs.lab");
  storage->pbs_datastore = g_strdup ("store1");
  fixture_storage (pve, "local", "dir", 80, 100);
  fixture_storage (pbs, "store1", "datastore", 1100, 2000);

  item = fixture_backup (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - 3 * h);
  item->verified = VIGIE_VERIFIED_OK;
  fixture_backup (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - 27 * h);
  fixture_backup (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "pbs-main", "vm", "100", now - 3 * h);
  item = fixture_backup (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "101", now - 5 * h);
  item->verified = VIGIE_VERIFIED_FAILED;
  fixture_backup (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "102", now - 30 * h);
  item = fixture_backup (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "vm", "102", now - 6 * h);
  item->failed = TRUE;
  fixture_backup (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "ct", "200", now - 120 * h);
  fixture_job (pve, "backup-nightly", VIGIE_JOB_FAILED, now - 6 * h, now + 18 * h);

  add_instance (esx, "vm-12", "mail", VIGIE_INSTANCE_VM);
  add_instance (esx, "vm-13", "fileserver", VIGIE_INSTANCE_VM);
  item = fixture_backup (veeam, VIGIE_BACKUP_SOURCE_VEEAM, "Daily VMware", "vm", "vm-12", now - 10 * h);
  item->target_name = g_strdup ("mail");
  fixture_storage (veeam, "Default Backup Repository", "WinLocal", 3400, 4000);
  fixture_job (veeam, "Daily VMware", VIGIE_JOB_SUCCESS, now - 11 * h, now + 13 * h);
  /* A Veeam job that is no backup (issue 10: only backups were listed). */
  job = fixture_job (veeam, "DR replica", VIGIE_JOB_SUCCESS, now - 12 * h, now + 12 * h);
  g_free (job->kind);
  job->kind = g_strdup ("replica");

  add_instance (incus, "builder", "builder", VIGIE_INSTANCE_CONTAINER)->project =
    g_strdup ("default");
  item = fixture_backup (incus, VIGIE_BACKUP_SOURCE_INCUS, NULL, "container", "builder", now - h);
  item->target_project = g_strdup ("default");
  return invs;
}
