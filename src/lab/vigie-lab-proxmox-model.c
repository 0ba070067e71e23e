/* vigie-lab-proxmox-model.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo Proxmox VE cluster's model: its guests, tasks and backup
 * volumes, the demo data (described in vigie-lab-proxmox.c) and the
 * lookups the HTTP handlers use. Shares nothing with the backend.
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include "vigie-lab-proxmox-private.h"

void
lab_pve_guest_free (LabGuest *g)
{
  g_free (g->name);
  g_free (g->node);
  g_free (g->status);
  g_free (g->qmp);
  g_free (g->tags);
  g_free (g->hastate);
  g_free (g->ostype);
  g_free (g->ip);
  g_ptr_array_unref (g->snapshots);
  g_free (g);
}

void
lab_pve_task_free (LabTask *t)
{
  g_free (t->upid);
  g_free (t->node);
  g_free (t->type);
  g_free (t->id);
  g_free (t->user);
  g_free (t->exitstatus);
  g_ptr_array_unref (t->log);
  g_free (t);
}

void
lab_pve_volume_free (LabVolume *v)
{
  g_free (v->storage);
  g_free (v->node);
  g_free (v->volid);
  g_free (v->verify);
  g_free (v->format);
  g_free (v);
}

void
lab_pve_state_free (LabState *state)
{
  g_free (state->secret);
  g_ptr_array_unref (state->guests);
  g_ptr_array_unref (state->tasks);
  g_ptr_array_unref (state->volumes);
  g_hash_table_unref (state->tickets);
  g_hash_table_unref (state->vnc_tickets);
  g_hash_table_unref (state->delayed);  /* removes the sources still pending */
  g_free (state);
}

gint64
lab_pve_now (LabState *state)
{
  /* Demo data is relative to the lab's "now"; later events use the clock. */
  return MAX (state->now, g_get_real_time () / G_USEC_PER_SEC);
}

/* Demo data */

static LabGuest *
add_guest (LabState   *state,
           int         vmid,
           const char *name,
           gboolean    lxc,
           const char *node,
           const char *status,
           const char *tags)
{
  LabGuest *g = g_new0 (LabGuest, 1);

  g->vmid = vmid;
  g->name = g_strdup (name);
  g->lxc = lxc;
  g->node = g_strdup (node);
  g->status = g_strdup (status);
  g->qmp = lxc ? NULL : g_strdup (status);
  g->tags = g_strdup (tags);
  g->ostype = g_strdup (lxc ? "debian" : "l26");
  g->cpus = 1 + vmid % 4;
  g->maxmem = (gint64) (1 + vmid % 8) * 1024 * 1024 * 1024;
  g->maxdisk = (gint64) (8 + vmid % 56) * 1024 * 1024 * 1024;
  g->snapshots = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (state->guests, g);
  return g;
}

static char *
make_upid (LabState   *state,
           const char *node,
           gint64      start,
           const char *type,
           const char *id,
           const char *user)
{
  state->pid += 17;
  return g_strdup_printf ("UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, 0x1000 + state->pid,
                          0x2000000 + state->pid * 3, (guint) start, type, id, user);
}

static LabTask *
add_task (LabState   *state,
          const char *node,
          gint64      start,
          const char *type,
          const char *id,
          const char *exitstatus)
{
  LabTask *t = g_new0 (LabTask, 1);

  t->node = g_strdup (node);
  t->type = g_strdup (type);
  t->id = g_strdup (id);
  t->user = g_strdup (USER);
  t->start = start;
  t->end = start + 120;
  t->exitstatus = g_strdup (exitstatus);
  t->upid = make_upid (state, node, start, type, id, USER);
  t->log = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (state->tasks, t);
  return t;
}

void
lab_pve_add_volume (LabState   *state,
                    const char *storage,
                    const char *node,
                    int         vmid,
                    gboolean    lxc,
                    gint64      ctime,
                    const char *verify)
{
  LabVolume *v = g_new0 (LabVolume, 1);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ctime);

  v->storage = g_strdup (storage);
  v->node = g_strdup (node);
  v->vmid = vmid;
  v->lxc = lxc;
  v->ctime = ctime;
  v->size = (gint64) (2 + vmid % 7) * 1024 * 1024 * 1024 + vmid;
  v->verify = g_strdup (verify);
  if (g_str_equal (storage, "pbs"))
    {
      g_autofree char *iso = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");

      v->volid = g_strdup_printf ("pbs:backup/%s/%d/%s", lxc ? "ct" : "vm", vmid, iso);
      v->format = g_strdup (lxc ? "pbs-ct" : "pbs-vm");
    }
  else
    {
      g_autofree char *stamp = g_date_time_format (dt, "%Y_%m_%d-%H_%M_%S");

      v->format = g_strdup (lxc ? "tar.zst" : "vma.zst");
      v->volid = g_strdup_printf ("%s:backup/vzdump-%s-%d-%s.%s", storage, lxc ? "lxc" : "qemu",
                                  vmid, stamp, v->format);
    }
  g_ptr_array_add (state->volumes, v);
}

void
lab_pve_build_demo (LabState *state,
                    guint     scale)
{
  static const int pbs_job[] = { 100, 101, 104, 200, 202 };
  gint64 d0 = state->now - state->now % DAY;
  gint64 weekly;
  LabGuest *g;
  LabTask *t;

  if (d0 + 3600 > state->now)
    d0 -= DAY;
  weekly = d0 - 3 * DAY + 9000;

  g = add_guest (state, 100, "web01", FALSE, "pve1", "running", "web;prod");
  g->agent = TRUE;
  g->ip = g_strdup ("10.10.0.100");
  g->hastate = g_strdup ("started");
  g_ptr_array_add (g->snapshots, g_strdup ("before-upgrade"));
  g_ptr_array_add (g->snapshots, g_strdup ("after-upgrade"));
  g = add_guest (state, 101, "db01", FALSE, "pve1", "running", "db;prod");
  g->agent = TRUE;
  g->ip = g_strdup ("10.10.0.101");
  g_ptr_array_add (g->snapshots, g_strdup ("pre-migration"));
  g = add_guest (state, 102, "win-ad", FALSE, "pve1", "running", "windows");
  g_free (g->ostype);
  g->ostype = g_strdup ("win11");
  g = add_guest (state, 103, "build01", FALSE, "pve1", "running", "ci");
  g_free (g->qmp);
  g->qmp = g_strdup ("paused");
  g = add_guest (state, 104, "ct-dns", TRUE, "pve1", "running", "infra,dns");
  g->ip = g_strdup ("10.10.0.104");
  g = add_guest (state, 105, "ct-proxy", TRUE, "pve1", "running", "infra");
  g->ip = g_strdup ("10.10.0.105");
  add_guest (state, 106, "test-vm", FALSE, "pve1", "stopped", NULL);
  g = add_guest (state, 107, "debian12-template", FALSE, "pve1", "stopped", "template");
  g->template = TRUE;
  g = add_guest (state, 108, "ct-template", TRUE, "pve1", "stopped", NULL);
  g->template = TRUE;
  g = add_guest (state, 200, "app01", FALSE, "pve2", "running", "app prod");
  g->agent = TRUE;
  g->ip = g_strdup ("10.10.0.200");
  add_guest (state, 201, "app02", FALSE, "pve2", "running", "app");
  g = add_guest (state, 202, "ct-cache", TRUE, "pve2", "running", "app");
  g->ip = g_strdup ("10.10.0.202");
  add_guest (state, 203, "ct-monitor", TRUE, "pve2", "stopped", "infra");
  g = add_guest (state, 204, "incoming", FALSE, "pve2", "running", NULL);
  g_free (g->qmp);
  g->qmp = g_strdup ("prelaunch");
  add_guest (state, 205, "legacy-erp", FALSE, "pve2", "stopped", "legacy");
  g = add_guest (state, 206, "ct-mail", TRUE, "pve2", "running", "mail");
  g->ip = g_strdup ("10.10.0.206");
  add_guest (state, 207, "staging", FALSE, "pve2", "stopped", "staging");
  add_guest (state, 300, "gpu01", FALSE, OFFLINE_NODE, "running", "gpu");
  add_guest (state, 301, "ct-old", TRUE, OFFLINE_NODE, "stopped", NULL);
  add_guest (state, 302, "archive", FALSE, OFFLINE_NODE, "stopped", NULL);

  for (guint i = state->guests->len; i < scale; i++)
    {
      g_autofree char *name = g_strdup_printf ("guest-%u", 1000 + i);

      add_guest (state, 1000 + i, name, i % 3 == 0, nodes[i % 2],
                 i % 4 == 0 ? "stopped" : "running", "scale");
    }

  /* Daily PBS job: one multi-guest vzdump task per node and day. */
  for (int k = 0; k < 3; k++)
    {
      gint64 start = d0 - k * DAY + 3600;

      for (guint i = 0; i < G_N_ELEMENTS (pbs_job); i++)
        lab_pve_add_volume (state, "pbs", NULL, pbs_job[i], pbs_job[i] == 104 || pbs_job[i] == 202,
                            start + 120 * i, k == 0 && pbs_job[i] == 101 ? "failed" : "ok");
      t = add_task (state, "pve1", start, "vzdump", "", "OK");
      g_ptr_array_add (t->log, g_strdup ("INFO: starting new backup job: vzdump 100 101 104 "
                                         "--storage pbs --mode snapshot --quiet 1"));
      g_ptr_array_add (t->log, g_strdup ("INFO: Backup job finished successfully"));
      g_ptr_array_add (t->log, g_strdup ("TASK OK"));
      t = add_task (state, "pve2", start + 360, "vzdump", "", "OK");
      g_ptr_array_add (t->log, g_strdup ("INFO: starting new backup job: vzdump 200 202 "
                                         "--storage pbs --mode snapshot --quiet 1"));
      g_ptr_array_add (t->log, g_strdup ("INFO: Backup job finished successfully"));
      g_ptr_array_add (t->log, g_strdup ("TASK OK"));
    }

  /* Weekly NFS job: 102 fine, 205 failing since this week. */
  lab_pve_add_volume (state, "nfs-backup", NULL, 102, FALSE, weekly, NULL);
  lab_pve_add_volume (state, "nfs-backup", NULL, 205, FALSE, weekly - 7 * DAY + 600, NULL);
  t = add_task (state, "pve1", weekly, "vzdump", "102", "OK");
  g_ptr_array_add (t->log, g_strdup ("INFO: starting new backup job: vzdump 102 "
                                     "--storage nfs-backup --mode snapshot --quiet 1"));
  g_ptr_array_add (t->log, g_strdup ("TASK OK"));
  t = add_task (state, "pve2", weekly - 7 * DAY + 600, "vzdump", "205", "OK");
  g_ptr_array_add (t->log, g_strdup ("TASK OK"));
  t = add_task (state, "pve2", weekly + 600, "vzdump", "205", "job errors");
  g_ptr_array_add (t->log, g_strdup ("INFO: starting new backup job: vzdump 205 "
                                     "--storage nfs-backup --mode snapshot --quiet 1"));
  g_ptr_array_add (t->log, g_strdup ("ERROR: Backup of VM 205 failed - vma_queue_write: "
                                     "write error - No space left on device"));
  g_ptr_array_add (t->log, g_strdup ("INFO: Failed at " "the end of the archive"));
  g_ptr_array_add (t->log, g_strdup ("TASK ERROR: job errors"));

  /* A manual archive, long ago. */
  lab_pve_add_volume (state, "local", "pve2", 203, TRUE, d0 - 10 * DAY + 7200, NULL);
}

LabGuest *
lab_pve_find_guest (LabState *state,
                    int       vmid)
{
  for (guint i = 0; i < state->guests->len; i++)
    {
      LabGuest *g = g_ptr_array_index (state->guests, i);

      if (g->vmid == vmid)
        return g;
    }
  return NULL;
}

gboolean
lab_pve_is_running (LabGuest *g)
{
  return g_str_equal (g->status, "running");
}

LabTask *
lab_pve_find_task (LabState   *state,
                   const char *upid)
{
  for (guint i = 0; i < state->tasks->len; i++)
    {
      LabTask *t = g_ptr_array_index (state->tasks, i);

      if (g_str_equal (t->upid, upid))
        return t;
    }
  return NULL;
}

LabTask *
lab_pve_start_task (LabState   *state,
                    const char *node,
                    const char *type,
                    const char *id,
                    const char *user,
                    const char *exitstatus)
{
  LabTask *t = add_task (state, node, lab_pve_now (state), type, id, exitstatus);

  g_free (t->user);
  t->user = g_strdup (user);
  g_free (t->upid);
  t->upid = make_upid (state, node, t->start, type, id, user);
  t->end = t->start + 2;
  t->polls_left = 1;
  return t;
}
