/* vigie-lab-proxmox-node.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo Proxmox VE cluster's /nodes/{node}/… API: node status and
 * version, tasks and their logs, backup volumes, vzdump; guests, terminals
 * and their websockets are handed to vigie-lab-proxmox-guest.c. The
 * offline node answers 595, as a PVE node proxying to a dead peer does.
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <stdlib.h>

#include <json-glib/json-glib.h>

#include "vigie-lab-proxmox-private.h"

static void
handle_node_status (SoupServerMessage *msg,
                    const char        *node)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  MEMBER_INT (b, "uptime", 1234567);
  MEMBER_DBL (b, "cpu", 0.15);
  MEMBER_STR (b, "pveversion", "pve-manager/8.4.1/2a5fa54a8503f96d");
  MEMBER_STR (b, "kversion", "Linux 6.8.12-9-pve #1 SMP PREEMPT_DYNAMIC PMX 6.8.12-9");
  json_builder_set_member_name (b, "loadavg");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "0.42");
  json_builder_add_string_value (b, "0.38");
  json_builder_add_string_value (b, "0.35");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "cpuinfo");
  json_builder_begin_object (b);
  MEMBER_STR (b, "model", "AMD EPYC 7302P 16-Core Processor");
  MEMBER_INT (b, "sockets", 1);
  MEMBER_INT (b, "cores", 8);
  MEMBER_INT (b, "cpus", 16);
  MEMBER_STR (b, "mhz", "3000.000");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "memory");
  json_builder_begin_object (b);
  MEMBER_INT (b, "total", 64LL * 1024 * 1024 * 1024);
  MEMBER_INT (b, "used", (g_str_equal (node, "pve1") ? 20LL : 30LL) * 1024 * 1024 * 1024);
  MEMBER_INT (b, "free", 30LL * 1024 * 1024 * 1024);
  json_builder_end_object (b);
  json_builder_end_object (b);
  lab_pve_reply_builder (msg, b);
}

static void
handle_node_version (SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  MEMBER_STR (b, "version", "8.4.1");
  MEMBER_STR (b, "release", "8.4");
  MEMBER_STR (b, "repoid", "2a5fa54a");
  json_builder_end_object (b);
  lab_pve_reply_builder (msg, b);
}

static void
add_task_fields (JsonBuilder *b,
                 LabTask     *t,
                 gboolean     running)
{
  MEMBER_STR (b, "upid", t->upid);
  MEMBER_STR (b, "node", t->node);
  MEMBER_STR (b, "type", t->type);
  MEMBER_STR (b, "id", t->id);
  MEMBER_STR (b, "user", t->user);
  MEMBER_INT (b, "starttime", t->start);
  MEMBER_INT (b, "pid", 4096);
  MEMBER_INT (b, "pstart", 33554432);
  if (!running)
    MEMBER_INT (b, "endtime", t->end);
}

static void
handle_node_tasks (LabState          *state,
                   SoupServerMessage *msg,
                   const char        *node,
                   GHashTable        *query)
{
  const char *filter = query ? g_hash_table_lookup (query, "typefilter") : NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = state->tasks->len; i > 0; i--)
    {
      LabTask *t = g_ptr_array_index (state->tasks, i - 1);

      if (!g_str_equal (t->node, node) || (filter != NULL && !g_str_equal (filter, t->type)))
        continue;
      json_builder_begin_object (b);
      add_task_fields (b, t, t->polls_left > 0);
      MEMBER_STR (b, "status", t->polls_left > 0 ? "RUNNING" : t->exitstatus);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  lab_pve_reply_builder (msg, b);
}

static void
handle_task (LabState          *state,
             SoupServerMessage *msg,
             const char        *node,
             const char        *upid,
             const char        *what)
{
  LabTask *t = lab_pve_find_task (state, upid);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (t == NULL || !g_str_equal (t->node, node))
    {
      lab_pve_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "unable to parse worker upid");
      return;
    }
  if (g_strcmp0 (what, "status") == 0)
    {
      gboolean running = t->polls_left > 0;

      if (running)
        t->polls_left--;
      json_builder_begin_object (b);
      add_task_fields (b, t, running);
      MEMBER_STR (b, "status", running ? "running" : "stopped");
      if (!running)
        MEMBER_STR (b, "exitstatus", t->exitstatus);
      json_builder_end_object (b);
    }
  else if (g_strcmp0 (what, "log") == 0)
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < t->log->len; i++)
        {
          json_builder_begin_object (b);
          MEMBER_INT (b, "n", i + 1);
          MEMBER_STR (b, "t", g_ptr_array_index (t->log, i));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  else
    {
      lab_pve_reply_error (msg, SOUP_STATUS_NOT_IMPLEMENTED, "no such uri");
      return;
    }
  lab_pve_reply_builder (msg, b);
}

static void
handle_content (LabState          *state,
                SoupServerMessage *msg,
                const char        *node,
                const char        *storage)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < state->volumes->len; i++)
    {
      LabVolume *v = g_ptr_array_index (state->volumes, i);

      if (!g_str_equal (v->storage, storage) || (v->node != NULL && !g_str_equal (v->node, node)))
        continue;
      json_builder_begin_object (b);
      MEMBER_STR (b, "volid", v->volid);
      MEMBER_STR (b, "content", "backup");
      MEMBER_STR (b, "format", v->format);
      MEMBER_STR (b, "subtype", v->lxc ? "lxc" : "qemu");
      MEMBER_INT (b, "vmid", v->vmid);
      MEMBER_INT (b, "ctime", v->ctime);
      MEMBER_INT (b, "size", v->size);
      if (v->verify != NULL)
        {
          json_builder_set_member_name (b, "verification");
          json_builder_begin_object (b);
          MEMBER_STR (b, "state", v->verify);
          MEMBER_STR (b, "upid", "UPID:pbs:000012AB:00ABCDEF:00000000:verify:store1:root@pam:");
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  lab_pve_reply_builder (msg, b);
}

static void
handle_vzdump (LabState          *state,
               SoupServerMessage *msg,
               const char        *node,
               const char        *user)
{
  g_autoptr(GHashTable) form = lab_pve_form_params (msg);
  const char *vmid = g_hash_table_lookup (form, "vmid");
  const char *storage = g_hash_table_lookup (form, "storage");
  LabGuest *g = vmid ? lab_pve_find_guest (state, atoi (vmid)) : NULL;
  LabTask *t;

  if (storage != NULL && !lab_pve_storage_takes_backups (storage))
    {
      g_autofree char *reason = g_strdup_printf ("storage '%s' does not exist", storage);
      lab_pve_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, reason);
      return;
    }
  if (g == NULL || !g_str_equal (g->node, node))
    {
      lab_pve_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "guest is not on this node");
      return;
    }
  if (g->vmid == 101)
    {
      lab_pve_reply_error (msg, SOUP_STATUS_FORBIDDEN,
                           "Permission check failed (/vms/101, VM.Backup)");
      return;
    }
  if (storage == NULL)
    storage = "local";
  t = lab_pve_start_task (state, node, "vzdump", vmid, user, "OK");
  g_ptr_array_add (t->log, g_strdup_printf ("INFO: starting new backup job: vzdump %s "
                                            "--storage %s --mode snapshot", vmid, storage));
  g_ptr_array_add (t->log, g_strdup_printf ("INFO: Finished Backup of VM %s", vmid));
  g_ptr_array_add (t->log, g_strdup ("TASK OK"));
  lab_pve_add_volume (state, storage, g_str_equal (storage, "local") ? node : NULL, g->vmid, g->lxc,
                      t->start, g_str_equal (storage, "pbs") ? "ok" : NULL);
  lab_pve_reply_string (msg, t->upid);
}

void
lab_pve_handle_node (LabState          *state,
                     SoupServerMessage *msg,
                     GHashTable        *query,
                     const char        *user,
                     char             **parts)
{
  const char *node = parts[1];
  const char *method = soup_server_message_get_method (msg);
  const char *what = node ? parts[2] : NULL;
  gboolean known = FALSE;

  for (guint i = 0; node != NULL && i < G_N_ELEMENTS (nodes); i++)
    known |= g_str_equal (nodes[i], node);
  if (!known)
    {
      g_autofree char *reason = g_strdup_printf ("hostname lookup '%s' failed", node ? node : "");
      lab_pve_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, reason);
      return;
    }
  if (g_str_equal (node, OFFLINE_NODE))
    {
      lab_pve_reply_error (msg, 595, "No route to host");
      return;
    }
  if (what == NULL)
    lab_pve_reply_error (msg, SOUP_STATUS_NOT_IMPLEMENTED, "no such uri");
  else if (g_str_equal (what, "status") && parts[3] == NULL)
    handle_node_status (msg, node);
  else if (g_str_equal (what, "version"))
    handle_node_version (msg);
  else if (g_str_equal (what, "tasks") && parts[3] == NULL)
    handle_node_tasks (state, msg, node, query);
  else if (g_str_equal (what, "tasks") && parts[4] != NULL)
    handle_task (state, msg, node, parts[3], parts[4]);
  else if (g_str_equal (what, "storage") && parts[3] != NULL &&
           g_strcmp0 (parts[4], "content") == 0)
    handle_content (state, msg, node, parts[3]);
  else if (g_str_equal (what, "vzdump") && g_str_equal (method, "POST"))
    handle_vzdump (state, msg, node, user);
  else if (g_str_equal (what, "termproxy") && g_str_equal (method, "POST"))
    lab_pve_handle_termproxy (state, msg, node, user);
  else if (g_str_equal (what, "vncwebsocket"))
    lab_pve_handle_vncwebsocket (state, msg, node, query);
  else if ((g_str_equal (what, "qemu") || g_str_equal (what, "lxc")) && parts[3] != NULL)
    lab_pve_handle_guest (state, msg, node, user, query, parts + 2);
  else
    lab_pve_reply_error (msg, SOUP_STATUS_NOT_IMPLEMENTED, "no such uri");
}
