/* test-proxmox-parse.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Proxmox VE parsers against fixtures written from the API reference:
 * the {"data": …} envelope, numbers as strings, 0/1 booleans, tag
 * separators, templates, QMP states, offline nodes, lxc/qemu.
 */

#include "config.h"

#include "proxmox/vigie-proxmox-parse.h"
#include "vigie-error.h"
#include "vigie-http-client.h"

/* The fixture's "data" member; *root keeps it alive. */
static JsonNode *
load (const char  *name,
      JsonNode   **root)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "proxmox", "data",
                                                 name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  JsonNode *data;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  g_assert_no_error (error);
  bytes = g_bytes_new (text, length);
  *root = vigie_json_parse_bytes (bytes, &error);
  g_assert_no_error (error);
  data = vigie_proxmox_unwrap (*root, &error);
  g_assert_no_error (error);
  return data;
}

static VigieInstance *
find_instance (GPtrArray  *array,
               const char *id)
{
  for (guint i = 0; i < array->len; i++)
    {
      VigieInstance *instance = g_ptr_array_index (array, i);

      if (g_strcmp0 (instance->id, id) == 0)
        return instance;
    }
  return NULL;
}

static void
test_envelope (void)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length;

  path = g_test_build_filename (G_TEST_DIST, "backends", "proxmox", "data", "no-envelope.json",
                                NULL);
  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  bytes = g_bytes_new (text, length);
  root = vigie_json_parse_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_null (vigie_proxmox_unwrap (root, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_null (vigie_proxmox_unwrap (NULL, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
}

static void
test_scalars (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  gint64 i = 0;
  double d = 0;
  gboolean b = FALSE;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"a\":3,\"b\":\"3\",\"c\":\"3x\",\"d\":2.5,\"e\":\"2.5\",\"f\":1,\"g\":\"1\",\"h\":true,"
    "\"i\":0,\"j\":\"no\",\"k\":null,\"l\":[1],\"m\":\"\",\"n\":9223372036854775808.0,"
    "\"o\":-9223372036854775808.0}", -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (vigie_proxmox_json_get_int (o, "a", &i) && i == 3);
  g_assert_true (vigie_proxmox_json_get_int (o, "b", &i) && i == 3);
  g_assert_false (vigie_proxmox_json_get_int (o, "c", &i));
  g_assert_false (vigie_proxmox_json_get_int (o, "k", &i));
  g_assert_false (vigie_proxmox_json_get_int (o, "l", &i));
  g_assert_false (vigie_proxmox_json_get_int (o, "m", &i));
  g_assert_false (vigie_proxmox_json_get_int (o, "missing", &i));
  /* 2^63 does not fit (casting it is undefined); -2^63 does. */
  g_assert_false (vigie_proxmox_json_get_int (o, "n", &i));
  g_assert_true (vigie_proxmox_json_get_int (o, "o", &i) && i == G_MININT64);
  g_assert_true (vigie_proxmox_json_get_double (o, "d", &d) && d == 2.5);
  g_assert_true (vigie_proxmox_json_get_double (o, "e", &d) && d == 2.5);
  g_assert_true (vigie_proxmox_json_get_double (o, "a", &d) && d == 3.0);
  g_assert_true (vigie_proxmox_json_get_bool (o, "f", &b) && b);
  g_assert_true (vigie_proxmox_json_get_bool (o, "g", &b) && b);
  g_assert_true (vigie_proxmox_json_get_bool (o, "h", &b) && b);
  g_assert_true (vigie_proxmox_json_get_bool (o, "i", &b) && !b);
  g_assert_false (vigie_proxmox_json_get_bool (o, "j", &b));
  g_assert_null (vigie_proxmox_json_get_string (o, "a"));
  g_assert_cmpstr (vigie_proxmox_json_get_string (o, "b"), ==, "3");
  g_assert_null (vigie_proxmox_json_get_string (NULL, "b"));
}

/* Valid JSON no server sends: integers out of range, numbers where
 * strings belong and strings where numbers belong. */
static void
test_hostile (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) guests = vigie_proxmox_parse_guests (load ("resources-hostile.json", &root));
  JsonObject *o;
  VigieInstance *g;
  gint64 i = 7;
  double d = 0;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"big\":1e300,\"edge\":9223372036854775808.0,\"frac\":2.5,\"whole\":4.0,"
    "\"sbig\":\"99999999999999999999\"}", -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (vigie_proxmox_json_get_int (o, "big", &i));
  g_assert_false (vigie_proxmox_json_get_int (o, "edge", &i));
  g_assert_false (vigie_proxmox_json_get_int (o, "frac", &i));
  g_assert_false (vigie_proxmox_json_get_int (o, "sbig", &i));
  g_assert_cmpint (i, ==, 7);
  g_assert_true (vigie_proxmox_json_get_int (o, "whole", &i) && i == 4);
  g_assert_true (vigie_proxmox_json_get_double (o, "big", &d) && d == 1e300);

  g = find_instance (guests, "900");
  g_assert_nonnull (g);
  g_assert_cmpint (g->cpus, ==, VIGIE_UNSET);
  g_assert_cmpint (g->memory_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (g->memory_used_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (g->disk_bytes, ==, VIGIE_UNSET);
  g_assert_true (g->cpu_usage < 0 || g->cpu_usage <= 1.0);
  g_assert_cmpuint (g->tags->len, ==, 0);
  g = find_instance (guests, "901");
  g_assert_nonnull (g);
  g_assert_null (g->host);
  g_assert_cmpint (g->state, ==, VIGIE_STATE_UNKNOWN);
  g_assert_cmpint (g->cpus, ==, VIGIE_UNSET);
  g_assert_cmpint (g->memory_bytes, ==, 4294967296);
  g_assert_cmpint (g->disk_bytes, ==, 8000000000);
  g_assert_null (find_instance (guests, "1e+300"));
}

static void
test_tags (void)
{
  g_auto(GStrv) a = vigie_proxmox_split_tags ("prod;web");
  g_auto(GStrv) b = vigie_proxmox_split_tags ("infra,dns dns");
  g_auto(GStrv) c = vigie_proxmox_split_tags (" ; ;");
  g_auto(GStrv) d = vigie_proxmox_split_tags (NULL);

  g_assert_cmpuint (g_strv_length (a), ==, 2);
  g_assert_cmpstr (a[0], ==, "prod");
  g_assert_cmpstr (a[1], ==, "web");
  g_assert_cmpuint (g_strv_length (b), ==, 2);
  g_assert_cmpstr (b[1], ==, "dns");
  g_assert_cmpuint (g_strv_length (c), ==, 0);
  g_assert_cmpuint (g_strv_length (d), ==, 0);
}

static void
test_states (void)
{
  g_assert_cmpint (vigie_proxmox_guest_state ("running", NULL), ==, VIGIE_STATE_RUNNING);
  g_assert_cmpint (vigie_proxmox_guest_state ("stopped", NULL), ==, VIGIE_STATE_STOPPED);
  g_assert_cmpint (vigie_proxmox_guest_state ("paused", NULL), ==, VIGIE_STATE_PAUSED);
  g_assert_cmpint (vigie_proxmox_guest_state ("prelaunch", NULL), ==, VIGIE_STATE_PAUSED);
  g_assert_cmpint (vigie_proxmox_guest_state ("running", "paused"), ==, VIGIE_STATE_PAUSED);
  g_assert_cmpint (vigie_proxmox_guest_state ("running", "prelaunch"), ==, VIGIE_STATE_PAUSED);
  g_assert_cmpint (vigie_proxmox_guest_state ("stopped", "paused"), ==, VIGIE_STATE_STOPPED);
  g_assert_cmpint (vigie_proxmox_guest_state ("suspended", NULL), ==, VIGIE_STATE_SUSPENDED);
  g_assert_cmpint (vigie_proxmox_guest_state ("unknown", NULL), ==, VIGIE_STATE_UNKNOWN);
  g_assert_cmpint (vigie_proxmox_guest_state ("io-error", NULL), ==, VIGIE_STATE_UNKNOWN);
  g_assert_cmpint (vigie_proxmox_guest_state (NULL, NULL), ==, VIGIE_STATE_UNKNOWN);
  g_assert_cmpint (vigie_proxmox_node_state ("online"), ==, VIGIE_HOST_ONLINE);
  g_assert_cmpint (vigie_proxmox_node_state ("offline"), ==, VIGIE_HOST_OFFLINE);
  g_assert_cmpint (vigie_proxmox_node_state ("unknown"), ==, VIGIE_HOST_UNKNOWN);
}

static void
test_version (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) old_root = NULL;
  g_autofree char *version = NULL;
  g_autofree char *release = NULL;
  g_autofree char *repoid = NULL;
  g_autofree char *old = NULL;

  g_assert_true (vigie_proxmox_parse_version (load ("version.json", &root), &version, &release,
                                              &repoid));
  g_assert_cmpstr (version, ==, "9.2.11");
  g_assert_cmpstr (release, ==, "9.2");
  g_assert_cmpstr (repoid, ==, "0f3e1c9a7b2d4e58");
  g_assert_true (vigie_proxmox_parse_version (load ("version-old.json", &old_root), &old, NULL,
                                              NULL));
  g_assert_cmpstr (old, ==, "7.2-3");
  g_assert_false (vigie_proxmox_parse_version (NULL, NULL, NULL, NULL));
}

static void
test_cluster_status (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) root2 = NULL;
  g_autoptr(VigieProxmoxCluster) cluster = NULL;
  g_autoptr(VigieProxmoxCluster) standalone = NULL;

  cluster = vigie_proxmox_parse_cluster_status (load ("cluster-status.json", &root));
  g_assert_cmpstr (cluster->name, ==, "prod");
  g_assert_cmpint (cluster->quorate, ==, 1);
  g_assert_cmpint (cluster->n_nodes, ==, 3);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (cluster->node_online, "pve1")), ==, 1);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (cluster->node_online, "pve3")), ==, 2);

  standalone = vigie_proxmox_parse_cluster_status (load ("cluster-status-standalone.json",
                                                         &root2));
  g_assert_null (standalone->name);
  g_assert_cmpint (standalone->quorate, ==, VIGIE_UNSET);
  g_assert_null (vigie_proxmox_parse_cluster_status (NULL));
}

static void
test_nodes (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) status_root = NULL;
  g_autoptr(GPtrArray) hosts = vigie_proxmox_parse_nodes (load ("nodes.json", &root));
  VigieHost *host;

  g_assert_cmpuint (hosts->len, ==, 3);
  host = g_ptr_array_index (hosts, 0);
  g_assert_cmpstr (host->name, ==, "pve1");
  g_assert_cmpint (host->state, ==, VIGIE_HOST_ONLINE);
  g_assert_cmpint (host->memory_used_bytes, ==, 34359738368);  /* sent as a string */
  g_assert_cmpint (host->cpu_threads, ==, 32);
  g_assert_cmpint (host->cpu_cores, ==, VIGIE_UNSET);

  host = g_ptr_array_index (hosts, 1);
  g_assert_cmpfloat (host->cpu_usage, ==, 0.25);
  g_assert_cmpint (host->cpu_threads, ==, 16);
  g_assert_cmpint (host->uptime_seconds, ==, 1000);

  /* Offline: its last figures are stale, so null. */
  host = g_ptr_array_index (hosts, 2);
  g_assert_cmpint (host->state, ==, VIGIE_HOST_OFFLINE);
  g_assert_cmpfloat (host->cpu_usage, <, 0);
  g_assert_cmpint (host->memory_bytes, ==, VIGIE_UNSET);

  host = g_ptr_array_index (hosts, 0);
  vigie_proxmox_apply_node_status (host, load ("node-status.json", &status_root));
  g_assert_cmpint (host->cpu_cores, ==, 32);
  g_assert_cmpint (host->cpu_threads, ==, 64);
  g_assert_cmpint (host->memory_bytes, ==, 135089737728);
  g_assert_cmpint (host->memory_used_bytes, ==, 40000000000);
  g_assert_cmpstr (host->version, ==, "9.2.11");
  g_assert_cmpstr (g_hash_table_lookup (host->extra, "cpu-sockets"), ==, "2");
  g_assert_cmpstr (host->cpu_model, ==, "Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz");

  g_ptr_array_unref (vigie_proxmox_parse_nodes (NULL));
}

static void
test_guests (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) guests = vigie_proxmox_parse_guests (load ("resources-vm.json", &root));
  VigieInstance *g;

  /* Nodes, storage, the vmid-less item and the number are not guests. */
  g_assert_cmpuint (guests->len, ==, 9);

  g = find_instance (guests, "100");
  g_assert_cmpstr (g->name, ==, "web01");
  g_assert_cmpint (g->type, ==, VIGIE_INSTANCE_VM);
  g_assert_cmpint (g->state, ==, VIGIE_STATE_RUNNING);
  g_assert_cmpstr (g->host, ==, "pve1");
  g_assert_cmpint (g->cpus, ==, 2);
  g_assert_cmpint (g->memory_bytes, ==, 1073741824);
  g_assert_cmpint (g->memory_used_bytes, ==, 842551296);
  g_assert_cmpfloat (g->cpu_usage, ==, 0.0249);
  g_assert_cmpint (g->disk_bytes, ==, 34359738368);
  g_assert_false (g->template);
  g_assert_cmpuint (g->tags->len, ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (g->extra, "hastate"), ==, "started");
  g_assert_cmpstr (g->pool, ==, "production");
  g_assert_cmpint (g->snapshots, ==, VIGIE_UNSET);
  g_assert_false (g->details_pending);
  g_assert_cmpint (g->in_backup_job, ==, VIGIE_UNSET);

  g = find_instance (guests, "101");
  g_assert_null (g->pool);
  g_assert_cmpint (g->state, ==, VIGIE_STATE_PAUSED);
  g = find_instance (guests, "102");
  g_assert_cmpint (g->state, ==, VIGIE_STATE_PAUSED);
  g_assert_cmpint (g->cpus, ==, 4);
  g_assert_cmpint (g->memory_bytes, ==, 4294967296);

  g = find_instance (guests, "103");
  g_assert_cmpint (g->type, ==, VIGIE_INSTANCE_CONTAINER);
  g_assert_cmpfloat (g->cpu_usage, ==, 0.01);
  g_assert_cmpint (g->memory_used_bytes, ==, 52428800);
  g_assert_cmpuint (g->tags->len, ==, 2);

  g = find_instance (guests, "104");
  g_assert_true (g->template);
  g_assert_cmpint (g->state, ==, VIGIE_STATE_STOPPED);

  g = find_instance (guests, "105");
  g_assert_true (g->template);   /* "1" as a string */
  g_assert_null (g->name);       /* absent: not made up */
  g_assert_cmpuint (g->tags->len, ==, 1);
  g_assert_cmpint (g->cpus, ==, VIGIE_UNSET);

  g = find_instance (guests, "300");
  g_assert_cmpint (g->state, ==, VIGIE_STATE_UNKNOWN);
  g_assert_cmpfloat (g->cpu_usage, <, 0);
  vigie_proxmox_mark_guest_unknown (g);
  g_assert_cmpint (g->snapshots, ==, VIGIE_UNSET);

  g = find_instance (guests, "301");
  g_assert_cmpint (g->state, ==, VIGIE_STATE_SUSPENDED);

  g = find_instance (guests, "302");
  g_assert_cmpint (g->state, ==, VIGIE_STATE_UNKNOWN);
  g_assert_cmpfloat (g->cpu_usage, <, 0);
  g_assert_cmpint (g->memory_bytes, ==, VIGIE_UNSET);
}

static void
test_guest_details (void)
{
  g_autoptr(JsonNode) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL;
  g_autoptr(JsonNode) r7 = NULL;
  g_autoptr(VigieInstance) vm = vigie_instance_new ();
  g_autoptr(VigieInstance) ct = vigie_instance_new ();
  gboolean agent = FALSE;

  vigie_proxmox_apply_qemu_config (vm, load ("qemu-config.json", &r1), &agent);
  g_assert_true (agent);
  g_assert_cmpstr (vm->os, ==, "l26");
  /* No "bios" nor "scsihw": the documented defaults, SeaBIOS and LSI. */
  g_assert_cmpstr (g_hash_table_lookup (vm->extra, "firmware"), ==, "bios");
  g_assert_false (g_hash_table_contains (vm->extra, "secure_boot"));
  g_assert_cmpstr (g_hash_table_lookup (vm->extra, "controllers"), ==, "lsi");
  g_assert_cmpstr (g_hash_table_lookup (vm->extra, "passthrough"), ==, "0");
  g_assert_cmpstr (vm->uuid, ==, "5b0c3e4a-1111-4222-8333-444455556666");
  vigie_proxmox_apply_qemu_config (vm, load ("qemu-config-noagent.json", &r2), &agent);
  g_assert_false (agent);
  g_assert_cmpstr (vm->os, ==, "win11");
  g_assert_cmpstr (g_hash_table_lookup (vm->extra, "firmware"), ==, "efi");
  g_assert_cmpstr (g_hash_table_lookup (vm->extra, "secure_boot"), ==, "true");
  g_assert_cmpstr (g_hash_table_lookup (vm->extra, "controllers"), ==, "virtio-scsi-single");
  g_assert_cmpstr (g_hash_table_lookup (vm->extra, "passthrough"), ==, "2");

  /* Loopback and link-local go; the odd non-string address too. */
  vigie_proxmox_apply_agent_interfaces (vm, load ("agent-interfaces.json", &r3));
  g_assert_cmpuint (vm->addresses->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (vm->addresses, 0), ==, "10.0.0.5");
  g_assert_cmpstr (g_ptr_array_index (vm->addresses, 1), ==, "2001:db8::5");
  g_assert_cmpstr (g_ptr_array_index (vm->addresses, 2), ==, "172.17.0.1");

  vigie_proxmox_apply_lxc_config (ct, load ("lxc-config.json", &r4));
  g_assert_cmpstr (ct->os, ==, "alpine");
  g_assert_cmpstr (ct->name, ==, "ct-dns");   /* filled only when missing */
  g_assert_cmpstr (vm->name, ==, "web01");
  vigie_proxmox_apply_lxc_interfaces (ct, load ("lxc-interfaces.json", &r5));
  g_assert_cmpuint (ct->addresses->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (ct->addresses, 0), ==, "10.0.0.6");
  g_assert_cmpstr (g_ptr_array_index (ct->addresses, 1), ==, "2001:db8::6");

  g_assert_cmpint (vigie_proxmox_count_snapshots (load ("snapshots.json", &r6)), ==, 2);
  g_assert_cmpint (vigie_proxmox_count_snapshots (load ("snapshots-none.json", &r7)), ==, 0);
  g_assert_cmpint (vigie_proxmox_count_snapshots (NULL), ==, VIGIE_UNSET);
}

static void
test_guest_devices (void)
{
  g_autoptr(JsonNode) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL;
  g_autoptr(VigieInstance) vm = vigie_instance_new ();
  g_autoptr(VigieInstance) win = vigie_instance_new ();
  VigieDisk *disk;
  VigieNic *nic;
  VigieSnapshot *snapshot;

  /* The agent's eth0 has net0's MAC: its global addresses are net0's. */
  vigie_proxmox_apply_qemu_config (vm, load ("qemu-config.json", &r1), NULL);
  g_assert_cmpuint (vm->disks->len, ==, 0);
  g_assert_cmpuint (vm->nics->len, ==, 1);
  vigie_proxmox_apply_agent_interfaces (vm, load ("agent-interfaces.json", &r2));
  nic = g_ptr_array_index (vm->nics, 0);
  g_assert_cmpstr (nic->label, ==, "net0");
  g_assert_cmpstr (nic->adapter, ==, "virtio");
  g_assert_cmpstr (nic->network, ==, "vmbr0");
  g_assert_cmpint (nic->connected, ==, 1);
  g_assert_cmpuint (nic->addresses->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (nic->addresses, 0), ==, "10.0.0.5");
  g_assert_cmpstr (g_ptr_array_index (nic->addresses, 1), ==, "2001:db8::5");

  /* CD-ROM and unused volumes are no disks; sizes in G, M, T; the EFI
   * vars disk is not one either. Sorted by key. */
  vigie_proxmox_apply_qemu_config (win, load ("qemu-config-noagent.json", &r3), NULL);
  g_assert_cmpuint (win->disks->len, ==, 3);
  disk = g_ptr_array_index (win->disks, 0);
  g_assert_cmpstr (disk->label, ==, "sata1");
  g_assert_cmpstr (disk->path, ==, "/dev/disk/by-id/ata-X");
  g_assert_null (disk->storage);
  g_assert_cmpint (disk->capacity_bytes, ==, G_GINT64_CONSTANT (1) << 40);
  disk = g_ptr_array_index (win->disks, 1);
  g_assert_cmpstr (disk->label, ==, "scsi0");
  g_assert_cmpstr (disk->storage, ==, "local-lvm");
  g_assert_cmpstr (disk->controller, ==, "virtio-scsi-single");
  g_assert_cmpint (disk->capacity_bytes, ==, G_GINT64_CONSTANT (64) << 30);
  g_assert_cmpint (disk->unit, ==, 0);
  disk = g_ptr_array_index (win->disks, 2);
  g_assert_cmpstr (disk->label, ==, "virtio1");
  g_assert_cmpint (disk->capacity_bytes, ==, G_GINT64_CONSTANT (1536) << 20);
  g_assert_cmpint (disk->unit, ==, 1);
  g_assert_cmpint (disk->thin, ==, VIGIE_UNSET);
  nic = g_ptr_array_index (win->nics, 0);
  g_assert_cmpstr (nic->adapter, ==, "e1000");
  g_assert_cmpstr (nic->mac, ==, "BC:24:11:00:00:02");
  g_assert_cmpint (nic->connected, ==, 0);

  vigie_proxmox_apply_lxc_config (win, load ("lxc-config.json", &r4));
  g_assert_cmpuint (win->disks->len, ==, 0);

  vigie_proxmox_apply_snapshot_list (vm, load ("snapshots.json", &r5));
  g_assert_cmpuint (vm->snapshot_list->len, ==, 2);
  snapshot = g_ptr_array_index (vm->snapshot_list, 0);
  g_assert_cmpstr (snapshot->name, ==, "before-upgrade");
  g_assert_null (snapshot->description);
  g_assert_cmpint (snapshot->time, ==, 1780000000);
  snapshot = g_ptr_array_index (vm->snapshot_list, 1);
  g_assert_cmpstr (snapshot->description, ==, "ok");
  vigie_proxmox_apply_snapshot_list (vm, load ("snapshots-none.json", &r6));
  g_assert_cmpuint (vm->snapshot_list->len, ==, 0);
  vigie_proxmox_apply_snapshot_list (vm, NULL);
  g_assert_null (vm->snapshot_list);
}

static VigieStorage *
find_storage (GPtrArray  *array,
              const char *name,
              const char *host)
{
  for (guint i = 0; i < array->len; i++)
    {
      VigieStorage *s = g_ptr_array_index (array, i);

      if (g_strcmp0 (s->name, name) == 0 && g_strcmp0 (s->host, host) == 0)
        return s;
    }
  return NULL;
}

static void
test_storage (void)
{
  g_autoptr(JsonNode) r1 = NULL, r2 = NULL;
  JsonNode *resources = load ("resources-storage.json", &r1);
  g_autoptr(GPtrArray) storage = vigie_proxmox_parse_storage (resources,
                                                              load ("storage-config.json", &r2));
  g_autoptr(GPtrArray) bare = NULL;
  VigieStorage *s;

  /* local ×3 (per node), nfs once, pbs1 once */
  g_assert_cmpuint (storage->len, ==, 5);
  s = find_storage (storage, "local", "pve2");
  g_assert_nonnull (s);
  g_assert_false (s->shared);
  g_assert_cmpint (s->total_bytes, ==, 200000);
  g_assert_cmpint (s->used_bytes, ==, 2000);
  g_assert_cmpstr (s->type, ==, "dir");
  s = find_storage (storage, "local", "pve3");
  g_assert_false (s->active);
  g_assert_cmpint (s->total_bytes, ==, VIGIE_UNSET);

  /* Seen first from the offline node: the figures come from another. */
  s = find_storage (storage, "nfs", NULL);
  g_assert_true (s->shared);
  g_assert_true (s->active);
  g_assert_cmpint (s->total_bytes, ==, 50000);
  g_assert_null (s->pbs_server);
  g_assert_cmpstr (g_hash_table_lookup (s->extra, "server"), ==, "192.0.2.50");

  s = find_storage (storage, "pbs1", NULL);
  g_assert_true (s->shared);   /* PBS is always shared, whatever the flag */
  g_assert_cmpstr (s->type, ==, "pbs");
  g_assert_cmpstr (s->content, ==, "backup");
  g_assert_cmpstr (s->pbs_server, ==, "pbs.example.com");
  g_assert_cmpstr (s->pbs_datastore, ==, "main");
  g_assert_cmpstr (s->pbs_namespace, ==, "cluster-a");
  g_assert_cmpstr (s->pbs_fingerprint, ==, "09:54:ef:aa");
  g_assert_cmpint (s->pbs_port, ==, 8007);

  /* Without the configuration (no permission): types still from resources. */
  bare = vigie_proxmox_parse_storage (resources, NULL);
  s = find_storage (bare, "pbs1", NULL);
  g_assert_nonnull (s);
  g_assert_null (s->pbs_datastore);
}

static void
test_jobs_and_tasks (void)
{
  g_autoptr(JsonNode) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autoptr(GPtrArray) jobs = vigie_proxmox_parse_backup_jobs (load ("backup-jobs.json", &r1));
  g_autoptr(GPtrArray) tasks = vigie_proxmox_parse_tasks (load ("tasks.json", &r2));
  g_autoptr(VigieBackupItem) item = NULL;
  VigieProxmoxTask *task;
  VigieJob *job;

  g_assert_cmpuint (jobs->len, ==, 3);
  job = g_ptr_array_index (jobs, 0);
  g_assert_cmpstr (job->id, ==, "backup-1a2b3c4d-5e6f");
  g_assert_cmpstr (job->name, ==, "Nightly");
  g_assert_cmpstr (job->kind, ==, "backup");
  g_assert_cmpstr (job->schedule, ==, "01:00");
  g_assert_cmpint (job->enabled, ==, 1);
  g_assert_cmpint (job->next_run, ==, 1795654800);
  g_assert_cmpuint (job->targets->len, ==, 2);
  g_assert_false (job->all_targets);
  g_assert_cmpstr (vigie_proxmox_job_get_storage (job), ==, "pbs1");
  job = g_ptr_array_index (jobs, 1);
  g_assert_true (job->all_targets);
  g_assert_cmpint (job->enabled, ==, 1);           /* absent: the default */
  g_assert_cmpint (job->next_run, ==, 1795840200); /* as a string */
  g_assert_cmpstr (vigie_proxmox_job_get_node (job), ==, "pve2");
  job = g_ptr_array_index (jobs, 2);
  g_assert_cmpint (job->enabled, ==, 0);           /* "0" */
  g_assert_cmpint (job->next_run, ==, 0);

  g_assert_cmpuint (tasks->len, ==, 6);
  task = g_ptr_array_index (tasks, 0);
  g_assert_cmpint (task->result, ==, VIGIE_JOB_SUCCESS);
  g_assert_null (task->id);
  task = g_ptr_array_index (tasks, 1);
  g_assert_cmpint (task->result, ==, VIGIE_JOB_FAILED);
  g_assert_cmpint (task->starttime, ==, 1764091088);
  g_assert_cmpstr (task->id, ==, "101");
  task = g_ptr_array_index (tasks, 2);
  g_assert_cmpint (task->result, ==, VIGIE_JOB_WARNING);
  g_assert_cmpstr (task->id, ==, "100");             /* a number */
  /* Still running, and with only its UPID to say where and when. */
  task = g_ptr_array_index (tasks, 3);
  g_assert_cmpint (task->result, ==, VIGIE_JOB_RUNNING);
  g_assert_cmpstr (task->node, ==, "pve2");
  g_assert_cmpint (task->starttime, ==, 0x6925F000);
  task = g_ptr_array_index (tasks, 5);
  g_assert_cmpint (task->result, ==, VIGIE_JOB_NONE);

  g_assert_cmpint (vigie_proxmox_task_result ("OK"), ==, VIGIE_JOB_SUCCESS);
  g_assert_cmpint (vigie_proxmox_task_result ("WARNINGS: 1"), ==, VIGIE_JOB_WARNING);
  g_assert_cmpint (vigie_proxmox_task_result ("interrupted by signal"), ==, VIGIE_JOB_FAILED);
  g_assert_cmpint (vigie_proxmox_task_result (NULL), ==, VIGIE_JOB_RUNNING);

  /* The multi-guest run of pve1 wrote to pbs1 for 100 and 101. */
  task = g_ptr_array_index (tasks, 0);
  g_assert_true (vigie_proxmox_apply_vzdump_log (task, load ("vzdump-log.json", &r3)));
  g_assert_cmpstr (task->storage, ==, "pbs1");
  g_assert_cmpuint (g_strv_length (task->vmids), ==, 2);
  task = g_ptr_array_index (tasks, 3);
  g_assert_true (vigie_proxmox_apply_vzdump_log (task, load ("vzdump-log-all.json", &r4)));
  g_assert_cmpstr (task->storage, ==, "nfs");
  g_assert_cmpuint (g_strv_length (task->vmids), ==, 0);

  vigie_proxmox_apply_job_runs (jobs, tasks);
  /* Nightly (100,101 on pbs1): newest is 101's failure. */
  job = g_ptr_array_index (jobs, 0);
  g_assert_cmpint (job->last_run, ==, 1764091088);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_FAILED);
  g_assert_cmpstr (job->message, ==, "job errors");
  /* All guests, nfs, pve2 only: the running task there. */
  job = g_ptr_array_index (jobs, 1);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_RUNNING);
  job = g_ptr_array_index (jobs, 2);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_NONE);
  g_assert_cmpint (job->last_run, ==, 0);

  item = vigie_proxmox_backup_item_from_task (g_ptr_array_index (tasks, 1), NULL);
  g_assert_nonnull (item);
  g_assert_true (item->failed);
  g_assert_cmpstr (item->target_id, ==, "101");
  g_assert_cmpint (item->time, ==, 1764091088);
  g_assert_null (vigie_proxmox_backup_item_from_task (g_ptr_array_index (tasks, 0), NULL));
  g_assert_null (vigie_proxmox_backup_item_from_task (g_ptr_array_index (tasks, 2), NULL));
}

static void
test_upid (void)
{
  g_autofree char *node = NULL;
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;
  gint64 start = 0;

  g_assert_true (vigie_proxmox_parse_upid ("UPID:pve1:000FF1FD:10F9374C:630D702C:vzdump:110:"
                                           "root@pam:", &node, &type, &id, &start));
  g_assert_cmpstr (node, ==, "pve1");
  g_assert_cmpstr (type, ==, "vzdump");
  g_assert_cmpstr (id, ==, "110");
  g_assert_cmpint (start, ==, 0x630D702C);
  g_assert_false (vigie_proxmox_parse_upid ("UPID:pve1:x", NULL, NULL, NULL, NULL));
  g_assert_false (vigie_proxmox_parse_upid ("UPID:pve1:1:2:zz:t:i:u:", NULL, NULL, NULL, NULL));
  g_assert_false (vigie_proxmox_parse_upid ("UPID:pve1:1:2:8000000000000000:t:i:u:", NULL, NULL,
                                            NULL, NULL));
  g_assert_false (vigie_proxmox_parse_upid ("UPID:pve1:1:2:1FFFFFFFFFFFFFFFF:t:i:u:", NULL, NULL,
                                            NULL, NULL));
  g_assert_false (vigie_proxmox_parse_upid (NULL, NULL, NULL, NULL, NULL));
}

static void
test_backup_content (void)
{
  g_autoptr(JsonNode) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(GPtrArray) pbs = vigie_proxmox_parse_backup_content (load ("content-pbs.json", &r1),
                                                                 "pbs1", "cluster-a");
  g_autoptr(GPtrArray) dir = vigie_proxmox_parse_backup_content (load ("content-dir.json", &r2),
                                                                 "local", NULL);
  g_auto(GStrv) uncovered = vigie_proxmox_parse_not_backed_up (load ("not-backed-up.json", &r3));
  VigieBackupItem *b;

  g_assert_cmpuint (pbs->len, ==, 3);
  b = g_ptr_array_index (pbs, 0);
  g_assert_cmpint (b->source, ==, VIGIE_BACKUP_SOURCE_VZDUMP);
  g_assert_cmpstr (b->volid, ==, "pbs1:backup/vm/100/2026-11-25T01:00:02Z");
  g_assert_cmpstr (b->location, ==, "pbs1");
  g_assert_cmpstr (b->namespace_, ==, "cluster-a");
  g_assert_cmpstr (b->target_id, ==, "100");
  g_assert_cmpstr (b->target_type, ==, "vm");
  g_assert_cmpint (b->time, ==, 1795654802);
  g_assert_cmpint (b->size, ==, 8589934592);
  g_assert_cmpint (b->verified, ==, VIGIE_VERIFIED_OK);
  g_assert_true (b->protected_);
  g_assert_false (b->failed);
  b = g_ptr_array_index (pbs, 1);
  g_assert_cmpstr (b->target_type, ==, "ct");  /* from the format */
  g_assert_cmpstr (b->target_id, ==, "103");
  g_assert_cmpint (b->time, ==, 1795568402);
  g_assert_cmpint (b->size, ==, VIGIE_UNSET);   /* PBS's "1" means unknown */
  g_assert_cmpint (b->verified, ==, VIGIE_VERIFIED_FAILED);
  b = g_ptr_array_index (pbs, 2);
  g_assert_cmpint (b->verified, ==, VIGIE_VERIFIED_NONE);
  g_assert_cmpint (b->size, ==, VIGIE_UNSET);

  g_assert_cmpuint (dir->len, ==, 3);
  b = g_ptr_array_index (dir, 1);
  g_assert_cmpstr (b->target_type, ==, "ct");
  g_assert_cmpint (b->size, ==, 4567);
  g_assert_null (b->namespace_);
  b = g_ptr_array_index (dir, 2);
  g_assert_null (b->target_id);
  g_assert_null (b->target_type);

  g_assert_cmpuint (g_strv_length (uncovered), ==, 2);
  g_assert_cmpstr (uncovered[1], ==, "105");
}

static void
test_auth_replies (void)
{
  g_autoptr(JsonNode) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *user = NULL;
  g_autofree char *vnc = NULL;
  g_autofree char *vnc_user = NULL;
  g_autofree char *upid = NULL;
  gint64 port = 0;

  g_assert_true (vigie_proxmox_parse_ticket (load ("ticket.json", &r1), &ticket, &csrf, &user,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ticket, ==, "PVE:root@pam:6925F2C0::c2lnbmF0dXJl");
  g_assert_cmpstr (csrf, ==, "6925F2C0:Y3NyZg");
  g_assert_cmpstr (user, ==, "root@pam");
  g_assert_false (vigie_proxmox_parse_ticket (load ("ticket-tfa.json", &r2), &ticket, &csrf,
                                              NULL, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_false (vigie_proxmox_parse_ticket (load ("ticket-empty.json", &r3), &ticket, &csrf,
                                              NULL, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);

  g_assert_true (vigie_proxmox_parse_termproxy (load ("termproxy.json", &r4), &port, &vnc,
                                                &vnc_user, &upid));
  g_assert_cmpint (port, ==, 5900);  /* sent as a string */
  g_assert_cmpstr (vnc_user, ==, "root@pam");
  g_assert_true (g_str_has_prefix (upid, "UPID:pve1:"));
}

static void
test_permissions (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *data = load ("permissions.json", &root);

  /* /vms/100 is listed: it decides (VM.Backup is 0 there). */
  g_assert_cmpint (vigie_proxmox_has_privilege (data, "/vms/100", "VM.Snapshot"), ==, 1);
  g_assert_cmpint (vigie_proxmox_has_privilege (data, "/vms/100", "VM.Backup"), ==, 0);
  g_assert_cmpint (vigie_proxmox_has_privilege (data, "/vms/100", "VM.PowerMgmt"), ==, 0);
  /* /vms/200 is not: /vms decides. */
  g_assert_cmpint (vigie_proxmox_has_privilege (data, "/vms/200", "VM.Snapshot"), ==, 1);
  g_assert_cmpint (vigie_proxmox_has_privilege (data, "/vms/200", "VM.Backup"), ==, 0);
  g_assert_cmpint (vigie_proxmox_has_privilege (data, "/nodes/pve1", "Sys.Audit"), ==, 1);
  g_assert_cmpint (vigie_proxmox_has_privilege (NULL, "/vms/100", "VM.Backup"), ==, -1);
}

static void
test_task_replies (void)
{
  g_autoptr(JsonNode) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autofree char *exit_ok = NULL;
  g_autofree char *exit_err = NULL;
  g_autofree char *tail = NULL;
  gboolean stopped = TRUE;

  g_assert_true (vigie_proxmox_parse_task_status (load ("task-status-running.json", &r1),
                                                  &stopped, NULL));
  g_assert_false (stopped);
  g_assert_true (vigie_proxmox_parse_task_status (load ("task-status-ok.json", &r2), &stopped,
                                                  &exit_ok));
  g_assert_true (stopped);
  g_assert_cmpstr (exit_ok, ==, "OK");
  g_assert_true (vigie_proxmox_parse_task_status (load ("task-status-error.json", &r3), &stopped,
                                                  &exit_err));
  g_assert_cmpstr (exit_err, ==, "start failed: QEMU exited with code 1");
  tail = vigie_proxmox_parse_task_log_tail (load ("task-log.json", &r4), 2);
  g_assert_cmpstr (tail, ==, "line 8\nTASK ERROR: start failed: QEMU exited with code 1");
}

static void
test_truncated (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "proxmox", "data",
                                                 "truncated.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) guests = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  bytes = g_bytes_new (text, length);
  g_assert_null (vigie_json_parse_bytes (bytes, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);

  /* Every parser takes NULL or the wrong node type without a fuss. */
  guests = vigie_proxmox_parse_guests (NULL);
  g_assert_cmpuint (guests->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/proxmox-parse/envelope", test_envelope);
  g_test_add_func ("/vigie/proxmox-parse/scalars", test_scalars);
  g_test_add_func ("/vigie/proxmox-parse/tags", test_tags);
  g_test_add_func ("/vigie/proxmox-parse/hostile", test_hostile);
  g_test_add_func ("/vigie/proxmox-parse/states", test_states);
  g_test_add_func ("/vigie/proxmox-parse/version", test_version);
  g_test_add_func ("/vigie/proxmox-parse/cluster-status", test_cluster_status);
  g_test_add_func ("/vigie/proxmox-parse/nodes", test_nodes);
  g_test_add_func ("/vigie/proxmox-parse/guests", test_guests);
  g_test_add_func ("/vigie/proxmox-parse/guest-details", test_guest_details);
  g_test_add_func ("/vigie/proxmox-parse/guest-devices", test_guest_devices);
  g_test_add_func ("/vigie/proxmox-parse/storage", test_storage);
  g_test_add_func ("/vigie/proxmox-parse/jobs-and-tasks", test_jobs_and_tasks);
  g_test_add_func ("/vigie/proxmox-parse/upid", test_upid);
  g_test_add_func ("/vigie/proxmox-parse/backup-content", test_backup_content);
  g_test_add_func ("/vigie/proxmox-parse/auth-replies", test_auth_replies);
  g_test_add_func ("/vigie/proxmox-parse/permissions", test_permissions);
  g_test_add_func ("/vigie/proxmox-parse/task-replies", test_task_replies);
  g_test_add_func ("/vigie/proxmox-parse/truncated", test_truncated);
  return g_test_run ();
}
