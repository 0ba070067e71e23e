/* fuzz-proxmox.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every Proxmox VE reply parser on one document, as the backend calls
 * them: unwrapped from {"data": …} first, and also given the root itself
 * (a server may send the wrong shape for any endpoint).
 */

#include "config.h"

#include "fuzz-common.h"
#include "proxmox/vigie-proxmox-parse.h"

static void
parse_all (JsonNode *data)
{
  g_autoptr(VigieInstance) vm = vigie_instance_new ();
  g_autoptr(VigieInstance) ct = vigie_instance_new ();
  g_autoptr(VigieHost) host = vigie_host_new ();
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autofree char *version = NULL, *release = NULL, *repoid = NULL;
  g_autofree char *exitstatus = NULL, *tail = NULL;
  g_autofree char *ticket = NULL, *csrf = NULL, *user = NULL;
  g_autofree char *vnc = NULL, *vnc_user = NULL, *upid = NULL;
  VigieProxmoxCluster *cluster;
  g_auto(GStrv) uncovered = NULL;
  gboolean agent = FALSE, stopped = FALSE;
  gint64 port = 0;

  vigie_proxmox_parse_version (data, &version, &release, &repoid);
  cluster = vigie_proxmox_parse_cluster_status (data);
  g_clear_pointer (&cluster, vigie_proxmox_cluster_free);
  fuzz_unref_array (vigie_proxmox_parse_nodes (data));
  vigie_proxmox_apply_node_status (host, data);
  fuzz_unref_array (vigie_proxmox_parse_guests (data));
  vigie_proxmox_apply_qemu_config (vm, data, &agent);
  vigie_proxmox_apply_agent_interfaces (vm, data);
  vigie_proxmox_apply_lxc_config (ct, data);
  vigie_proxmox_apply_lxc_interfaces (ct, data);
  vigie_proxmox_count_snapshots (data);
  fuzz_unref_array (vigie_proxmox_parse_storage (data, data));
  fuzz_unref_array (vigie_proxmox_parse_storage (data, NULL));
  jobs = vigie_proxmox_parse_backup_jobs (data);
  tasks = vigie_proxmox_parse_tasks (data);
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      VigieProxmoxTask *task = g_ptr_array_index (tasks, i);

      vigie_proxmox_apply_vzdump_log (task, data);
      VigieBackupItem *item = vigie_proxmox_backup_item_from_task (task, NULL);

      g_clear_object (&item);
      item = vigie_proxmox_backup_item_from_task (task, "local");
      g_clear_object (&item);
    }
  if (jobs != NULL && tasks != NULL)
    vigie_proxmox_apply_job_runs (jobs, tasks);
  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    {
      vigie_proxmox_job_get_storage (g_ptr_array_index (jobs, i));
      vigie_proxmox_job_get_node (g_ptr_array_index (jobs, i));
    }
  vigie_proxmox_parse_task_status (data, &stopped, &exitstatus);
  tail = vigie_proxmox_parse_task_log_tail (data, 5);
  fuzz_unref_array (vigie_proxmox_parse_backup_content (data, "pbs", NULL));
  fuzz_unref_array (vigie_proxmox_parse_backup_content (data, "local", "ns"));
  uncovered = vigie_proxmox_parse_not_backed_up (data);
  vigie_proxmox_parse_ticket (data, &ticket, &csrf, &user, NULL);
  vigie_proxmox_parse_termproxy (data, &port, &vnc, &vnc_user, &upid);
  vigie_proxmox_has_privilege (data, "/vms/100", "VM.Backup");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = fuzz_json (data, size);
  JsonNode *unwrapped;

  if (root == NULL)
    return 0;
  unwrapped = vigie_proxmox_unwrap (root, NULL);
  if (unwrapped != NULL)
    parse_all (unwrapped);
  parse_all (root);
  return 0;
}
