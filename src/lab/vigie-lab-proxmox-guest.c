/* vigie-lab-proxmox-guest.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo Proxmox VE cluster's per-guest API: /nodes/N/{qemu,lxc}/V/…
 * (config, status and its changes, snapshots, agent, termproxy and the
 * vncwebsocket upgrade).
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <stdlib.h>

#include <json-glib/json-glib.h>

#include "vigie-lab-proxmox-private.h"

/* Like PVE's: a digest of the whole configuration file, so it changes
 * with the settings and with the snapshots (they live in the same file). */
static char *
config_digest (const LabGuest *g)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s|%s|%d|%" G_GINT64_FORMAT "|%d|%d|%s|%s", g->name,
                          g->ostype ? g->ostype : "", g->cpus, g->maxmem, g->template, g->agent,
                          g->tags ? g->tags : "", g->node);
  for (guint i = 0; i < g->snapshots->len; i++)
    g_string_append_printf (text, "|%s", (const char *) g_ptr_array_index (g->snapshots, i));
  return g_compute_checksum_for_string (G_CHECKSUM_SHA1, text->str, text->len);
}

/* /nodes/N/{qemu,lxc}/V/… */

void
lab_pve_handle_guest (LabState          *state,
                      SoupServerMessage *msg,
                      const char        *node,
                      const char        *user,
                      GHashTable        *query,
                      char             **rest)
{
  const char *method = soup_server_message_get_method (msg);
  gboolean lxc = g_str_equal (rest[0], "lxc");
  LabGuest *g = rest[1] ? lab_pve_find_guest (state, atoi (rest[1])) : NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *what = rest[1] ? rest[2] : NULL;

  if (g == NULL || g->lxc != lxc || !g_str_equal (g->node, node))
    {
      g_autofree char *reason =
        g_strdup_printf ("Configuration file 'nodes/%s/%s/%s.conf' does not exist", node,
                         lxc ? "lxc" : "qemu-server", rest[1] ? rest[1] : "");
      lab_pve_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, reason);
      return;
    }
  /* A guest's own terminal (lxc console, qemu serial): the node's protocol. */
  if (g_strcmp0 (what, "termproxy") == 0 && g_str_equal (method, "POST"))
    {
      lab_pve_handle_termproxy (state, msg, node, user);
      return;
    }
  if (g_strcmp0 (what, "vncwebsocket") == 0)
    {
      lab_pve_handle_vncwebsocket (state, msg, node, query);
      return;
    }
  if (g_strcmp0 (what, "config") == 0)
    {
      g_autofree char *net = lxc
        ? g_strdup_printf ("name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:%02X:%02X,ip=dhcp,type=veth",
                           g->vmid / 256, g->vmid % 256)
        : g_strdup_printf ("virtio=BC:24:11:00:%02X:%02X,bridge=vmbr0", g->vmid / 256,
                           g->vmid % 256);
      /* Sizes as qm/pct write them: whole GiB, else MiB. */
      g_autofree char *size = g->maxdisk % (1024 * 1024 * 1024) == 0
        ? g_strdup_printf ("%" G_GINT64_FORMAT "G", g->maxdisk / (1024 * 1024 * 1024))
        : g_strdup_printf ("%" G_GINT64_FORMAT "M", g->maxdisk / (1024 * 1024));
      g_autofree char *disk = lxc
        ? g_strdup_printf ("local-lvm:subvol-%d-disk-0,size=%s", g->vmid, size)
        : g_strdup_printf ("local-lvm:vm-%d-disk-0,iothread=1,size=%s", g->vmid, size);
      g_autofree char *smbios = g_strdup_printf ("uuid=6a1f0c2e-0000-4000-8000-%012d", g->vmid);
      g_autofree char *digest = config_digest (g);

      json_builder_begin_object (b);
      MEMBER_STR (b, lxc ? "hostname" : "name", g->name);
      MEMBER_STR (b, "ostype", g->ostype);
      MEMBER_INT (b, "cores", g->cpus);
      MEMBER_INT (b, "memory", g->maxmem / (1024 * 1024));
      MEMBER_STR (b, "net0", net);
      if (g->maxdisk > 0)
        MEMBER_STR (b, lxc ? "rootfs" : "scsi0", disk);
      if (!lxc)
        {
          MEMBER_STR (b, "ide2", "none,media=cdrom");
          MEMBER_STR (b, "smbios1", smbios);
          if (g->agent)
            MEMBER_STR (b, "agent", g->vmid % 2 ? "enabled=1,fstrim_cloned_disks=1" : "1");
        }
      if (g->template)
        MEMBER_INT (b, "template", 1);
      MEMBER_STR (b, "digest", digest);
      json_builder_end_object (b);
      lab_pve_reply_builder (msg, b);
    }
  else if (g_strcmp0 (what, "snapshot") == 0 && g_str_equal (method, "GET"))
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < g->snapshots->len; i++)
        {
          json_builder_begin_object (b);
          MEMBER_STR (b, "name", g_ptr_array_index (g->snapshots, i));
          MEMBER_STR (b, "description", "");
          MEMBER_INT (b, "snaptime", state->now - (g->snapshots->len - i) * DAY);
          if (i > 0)
            MEMBER_STR (b, "parent", g_ptr_array_index (g->snapshots, i - 1));
          json_builder_end_object (b);
        }
      json_builder_begin_object (b);
      MEMBER_STR (b, "name", "current");
      MEMBER_STR (b, "description", "You are here!");
      MEMBER_STR (b, "digest", "0a1b2c3d");
      MEMBER_INT (b, "running", lab_pve_is_running (g) ? 1 : 0);
      if (g->snapshots->len > 0)
        MEMBER_STR (b, "parent", g_ptr_array_index (g->snapshots, g->snapshots->len - 1));
      json_builder_end_object (b);
      json_builder_end_array (b);
      lab_pve_reply_builder (msg, b);
    }
  else if (g_strcmp0 (what, "snapshot") == 0 && g_str_equal (method, "POST"))
    {
      g_autoptr(GHashTable) form = lab_pve_form_params (msg);
      const char *name = g_hash_table_lookup (form, "snapname");
      gboolean used = FALSE;
      LabTask *t;

      if (g->vmid == 101)
        {
          lab_pve_reply_error (msg, SOUP_STATUS_FORBIDDEN,
                               "Permission check failed (/vms/101, VM.Snapshot)");
          return;
        }
      if (name == NULL)
        {
          lab_pve_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Parameter verification failed.");
          return;
        }
      for (guint i = 0; i < g->snapshots->len; i++)
        used |= g_str_equal (g_ptr_array_index (g->snapshots, i), name);
      t = lab_pve_start_task (state, node, lxc ? "vzsnapshot" : "qmsnapshot", rest[1], user,
                              used ? "snapshot name already used" : "OK");
      if (used)
        {
          g_ptr_array_add (t->log, g_strdup_printf ("snapshot create failed: starting cleanup"));
          g_ptr_array_add (t->log, g_strdup_printf ("TASK ERROR: snapshot name '%s' already "
                                                    "used", name));
          g_free (t->exitstatus);
          t->exitstatus = g_strdup_printf ("snapshot name '%s' already used", name);
        }
      else
        {
          g_ptr_array_add (g->snapshots, g_strdup (name));
          g_ptr_array_add (t->log, g_strdup ("TASK OK"));
        }
      lab_pve_reply_string (msg, t->upid);
    }
  else if (g_strcmp0 (what, "status") == 0 && rest[3] != NULL && g_str_equal (method, "POST"))
    {
      const char *action = rest[3];
      gboolean ha = g->hastate != NULL && !g_str_equal (action, "reboot");
      const char *prefix = lxc ? "vz" : "qm";
      g_autofree char *type = NULL;
      const char *failure = NULL;
      LabTask *t;

      if (g_str_equal (action, "start"))
        failure = lab_pve_is_running (g) ? "VM already running" :
                  g->vmid == 205 ? "start failed: QEMU exited with code 1" :
                  g->template ? "you can't start a vm if it's a template" : NULL;
      else if (g_str_equal (action, "stop") || g_str_equal (action, "shutdown") ||
               g_str_equal (action, "reboot"))
        failure = lab_pve_is_running (g) ? NULL : "VM is not running";
      else
        {
          lab_pve_reply_error (msg, SOUP_STATUS_NOT_IMPLEMENTED, "no such uri");
          return;
        }
      type = ha ? g_strdup (g_str_equal (action, "start") ? "hastart" : "hastop")
                : g_strconcat (prefix, action, NULL);
      t = lab_pve_start_task (state, node, type, rest[1], user, failure ? failure : "OK");
      if (failure != NULL)
        {
          if (g->vmid == 205)
            {
              g_ptr_array_add (t->log, g_strdup ("kvm: -drive file=/dev/pve/vm-205-disk-0: "
                                                 "Could not open '/dev/pve/vm-205-disk-0': "
                                                 "No such file or directory"));
            }
          g_ptr_array_add (t->log, g_strdup_printf ("TASK ERROR: %s", failure));
        }
      else
        {
          g_ptr_array_add (t->log, g_strdup ("TASK OK"));
          g_free (g->status);
          g_free (g->qmp);
          g->status = g_strdup (g_str_equal (action, "start") || g_str_equal (action, "reboot")
                                  ? "running" : "stopped");
          g->qmp = lxc ? NULL : g_strdup (g->status);
          if (ha)
            {
              g_free (g->hastate);
              g->hastate = g_strdup (lab_pve_is_running (g) ? "started" : "stopped");
            }
        }
      lab_pve_reply_string (msg, t->upid);
    }
  else if (g_strcmp0 (what, "status") == 0 && g_strcmp0 (rest[3], "current") == 0)
    {
      json_builder_begin_object (b);
      MEMBER_INT (b, "vmid", g->vmid);
      MEMBER_STR (b, "name", g->name);
      MEMBER_STR (b, "status", g->status);
      if (!lxc)
        MEMBER_STR (b, "qmpstatus", lab_pve_is_running (g) ? g->qmp : "stopped");
      json_builder_end_object (b);
      lab_pve_reply_builder (msg, b);
    }
  else if (!lxc && g_strcmp0 (what, "agent") == 0 &&
           g_strcmp0 (rest[3], "network-get-interfaces") == 0)
    {
      if (!g->agent)
        lab_pve_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                             "No QEMU guest agent configured");
      else if (!lab_pve_is_running (g) || g_strcmp0 (g->qmp, "running") != 0)
        {
          g_autofree char *reason = g_strdup_printf ("VM %d is not running", g->vmid);
          lab_pve_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, reason);
        }
      else
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "result");
          json_builder_begin_array (b);
          json_builder_begin_object (b);
          MEMBER_STR (b, "name", "lo");
          json_builder_set_member_name (b, "ip-addresses");
          json_builder_begin_array (b);
          json_builder_begin_object (b);
          MEMBER_STR (b, "ip-address", "127.0.0.1");
          MEMBER_STR (b, "ip-address-type", "ipv4");
          MEMBER_INT (b, "prefix", 8);
          json_builder_end_object (b);
          json_builder_end_array (b);
          json_builder_end_object (b);
          json_builder_begin_object (b);
          g_autofree char *mac = g_strdup_printf ("bc:24:11:00:%02x:%02x", g->vmid / 256,
                                                  g->vmid % 256);

          MEMBER_STR (b, "name", "eth0");
          MEMBER_STR (b, "hardware-address", mac);
          json_builder_set_member_name (b, "ip-addresses");
          json_builder_begin_array (b);
          json_builder_begin_object (b);
          MEMBER_STR (b, "ip-address", g->ip);
          MEMBER_STR (b, "ip-address-type", "ipv4");
          MEMBER_INT (b, "prefix", 24);
          json_builder_end_object (b);
          json_builder_begin_object (b);
          MEMBER_STR (b, "ip-address", "fe80::be24:11ff:fe00:1");
          MEMBER_STR (b, "ip-address-type", "ipv6");
          MEMBER_INT (b, "prefix", 64);
          json_builder_end_object (b);
          json_builder_end_array (b);
          json_builder_end_object (b);
          json_builder_end_array (b);
          json_builder_end_object (b);
          lab_pve_reply_builder (msg, b);
        }
    }
  else if (lxc && g_strcmp0 (what, "interfaces") == 0)
    {
      if (!lab_pve_is_running (g))
        {
          lab_pve_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "container not running");
          return;
        }
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      MEMBER_STR (b, "name", "lo");
      MEMBER_STR (b, "inet", "127.0.0.1/8");
      MEMBER_STR (b, "inet6", "::1/128");
      json_builder_end_object (b);
      if (g->ip != NULL)
        {
          g_autofree char *inet = g_strdup_printf ("%s/24", g->ip);
          g_autofree char *mac = g_strdup_printf ("bc:24:11:00:%02x:%02x", g->vmid / 256,
                                                  g->vmid % 256);

          json_builder_begin_object (b);
          MEMBER_STR (b, "name", "eth0");
          MEMBER_STR (b, "hwaddr", mac);
          MEMBER_STR (b, "inet", inet);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      lab_pve_reply_builder (msg, b);
    }
  else
    lab_pve_reply_error (msg, SOUP_STATUS_NOT_IMPLEMENTED, "no such uri");
}

void
lab_pve_handle_termproxy (LabState          *state,
                          SoupServerMessage *msg,
                          const char        *node,
                          const char        *user)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *random = g_uuid_string_random ();
  g_autofree char *ticket = g_strdup_printf ("PVEVNC:%08X::%s", (guint) lab_pve_now (state),
                                             random);
  LabTask *t = lab_pve_start_task (state, node, "vncshell", "", user, "OK");

  t->polls_left = 1000;
  g_hash_table_insert (state->vnc_tickets, g_strdup (ticket), g_strdup (node));
  json_builder_begin_object (b);
  MEMBER_INT (b, "port", 5900);
  MEMBER_STR (b, "ticket", ticket);
  MEMBER_STR (b, "user", USER);
  MEMBER_STR (b, "upid", t->upid);
  json_builder_end_object (b);
  lab_pve_reply_builder (msg, b);
}

/* The upgrade request of a terminal: valid only with a live vnc ticket. */
void
lab_pve_handle_vncwebsocket (LabState          *state,
                             SoupServerMessage *msg,
                             const char        *node,
                             GHashTable        *query)
{
  const char *ticket = query ? g_hash_table_lookup (query, "vncticket") : NULL;
  const char *port = query ? g_hash_table_lookup (query, "port") : NULL;

  if (ticket == NULL || g_strcmp0 (g_hash_table_lookup (state->vnc_tickets, ticket), node) != 0 ||
      g_strcmp0 (port, "5900") != 0)
    {
      lab_pve_reply_error (msg, SOUP_STATUS_FORBIDDEN, "permission denied - invalid vncticket");
      return;
    }
  /* Leave the status unset: SoupServer then completes the upgrade. */
}
