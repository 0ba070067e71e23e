/* test-incus-parse.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "incus/vigie-incus-backend.h"
#include "incus/vigie-incus-parse.h"
#include "vigie-error.h"
#include "vigie-json.h"
#include "vigie-http-client.h"

static JsonNode *
load_metadata (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "incus", "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  JsonNode *metadata;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = g_bytes_new (contents, length);
  root = vigie_json_parse_bytes (bytes, &error);
  g_assert_no_error (error);
  metadata = vigie_incus_parse_envelope (root, NULL, &error);
  g_assert_no_error (error);
  return metadata;
}

static const char *
extra (GHashTable *table,
       const char *key)
{
  return table != NULL ? g_hash_table_lookup (table, key) : NULL;
}

static void
test_server_incus (void)
{
  g_autoptr(JsonNode) metadata = load_metadata ("incus-server.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieIncusServer) server = vigie_incus_parse_server (metadata, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (server->server, ==, "incus");
  g_assert_cmpstr (server->server_version, ==, "6.0.3");
  g_assert_cmpstr (server->server_name, ==, "node1");
  g_assert_true (server->trusted);
  g_assert_true (server->clustered);
  g_assert_cmpstr (server->driver, ==, "lxc | qemu");
  g_assert_true (vigie_incus_server_has_extension (server, "instances_state_total"));
  g_assert_false (vigie_incus_server_has_extension (server, "container_backup"));
}

static void
test_server_lxd (void)
{
  g_autoptr(JsonNode) metadata = load_metadata ("lxd-server.json");
  g_autoptr(JsonNode) untrusted_md = load_metadata ("lxd-server-untrusted.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieIncusServer) server = vigie_incus_parse_server (metadata, &error);
  g_autoptr(VigieIncusServer) untrusted = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (server->server, ==, "lxd");
  g_assert_cmpstr (server->server_version, ==, "5.0.2");
  g_assert_cmpstr (server->api_version, ==, "1.0");
  g_assert_true (server->trusted);
  g_assert_false (server->clustered);
  g_assert_cmpstr (server->storage, ==, "dir");

  untrusted = vigie_incus_parse_server (untrusted_md, &error);
  g_assert_no_error (error);
  g_assert_false (untrusted->trusted);
  g_assert_null (untrusted->server);
  g_assert_null (untrusted->server_version);
}

static void
test_envelope_error (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "incus", "data", "lxd-error-404.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new (contents, length);
  root = vigie_json_parse_bytes (bytes, NULL);
  metadata = vigie_incus_parse_envelope (root, NULL, &error);
  g_assert_null (metadata);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Instance not found"));
}

static void
test_instances_incus (void)
{
  g_autoptr(JsonNode) metadata = load_metadata ("incus-instances.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = vigie_incus_parse_instances (metadata, &error);
  VigieInstance *web, *db, *bare;

  g_assert_no_error (error);
  /* The nameless object and the bare URL are skipped. */
  g_assert_cmpuint (instances->len, ==, 3);

  web = g_ptr_array_index (instances, 0);
  g_assert_cmpstr (web->id, ==, "web1");
  g_assert_cmpstr (web->project, ==, "lab");
  g_assert_cmpint (web->type, ==, VIGIE_INSTANCE_VM);
  g_assert_cmpint (web->state, ==, VIGIE_STATE_PAUSED);
  g_assert_cmpstr (web->host, ==, "node2");
  g_assert_cmpstr (web->os, ==, "Debian bookworm");
  g_assert_cmpint (web->cpus, ==, 2);
  g_assert_cmpint (web->memory_bytes, ==, 2147483648);
  g_assert_cmpint (web->disk_bytes, ==, 10737418240);
  g_assert_cmpint (web->snapshots, ==, 2);
  g_assert_false (web->template);
  g_assert_cmpuint (web->addresses->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (web->addresses, 0), ==, "10.20.30.40");
  g_assert_cmpstr (g_ptr_array_index (web->addresses, 1), ==, "2001:db8::40");
  g_assert_cmpstr (extra (web->extra, "cpu_time_ns"), ==, "123456789000");
  g_assert_cmpstr (extra (web->extra, "disk_used_bytes"), ==, "1073741824");
  g_assert_cmpfloat (web->cpu_usage, <, 0);

  db = g_ptr_array_index (instances, 1);
  g_assert_cmpint (db->state, ==, VIGIE_STATE_RUNNING);
  g_assert_cmpint (db->type, ==, VIGIE_INSTANCE_CONTAINER);
  g_assert_cmpstr (db->project, ==, "default");
  g_assert_cmpstr (db->os, ==, "Alpine 3.20 amd64");
  g_assert_cmpint (db->cpus, ==, 4);                 /* "0-3" */
  g_assert_cmpint (db->memory_bytes, ==, VIGIE_UNSET);  /* "50%" */
  g_assert_cmpint (db->memory_used_bytes, ==, 104857600);
  g_assert_cmpint (db->snapshots, ==, 0);            /* InstanceFull, snapshots null */
  g_assert_cmpuint (db->addresses->len, ==, 0);

  /* Missing fields are unknown, not invented. */
  bare = g_ptr_array_index (instances, 2);
  g_assert_cmpint (bare->state, ==, VIGIE_STATE_STOPPED);
  g_assert_null (bare->os);
  g_assert_null (bare->host);
  g_assert_cmpint (bare->cpus, ==, VIGIE_UNSET);
  g_assert_cmpint (bare->memory_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (bare->memory_used_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (bare->disk_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (bare->snapshots, ==, VIGIE_UNSET);
  g_assert_null (bare->uuid);
}

static void
test_instances_lxd (void)
{
  g_autoptr(JsonNode) metadata = load_metadata ("lxd-instances.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = vigie_incus_parse_instances (metadata, &error);
  guint running = 0, seen_b = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (instances->len, ==, 3);
  for (guint i = 0; i < instances->len; i++)
    {
      VigieInstance *instance = g_ptr_array_index (instances, i);

      g_assert_cmpint (instance->type, ==, VIGIE_INSTANCE_CONTAINER);
      g_assert_cmpstr (instance->os, ==, "busybox static");
      g_assert_nonnull (instance->uuid);                 /* volatile.uuid */
      g_assert_null (instance->host);                 /* location "none" */
      g_assert_cmpint (instance->snapshots, ==, 0);
      if (instance->state == VIGIE_STATE_RUNNING)
        {
          running++;
          g_assert_cmpint (instance->memory_used_bytes, >, 0);
        }
      if (g_str_equal (instance->project, "vigie-b"))
        seen_b++;
    }
  g_assert_cmpuint (running, ==, 1);
  g_assert_cmpuint (seen_b, ==, 1);
}

/* The list as the backend reads it, one element at a time: the same
 * instances as the whole tree gives, with each one's backups when the
 * element lists them. */
static void
test_list_entries (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "incus", "data",
                                                 "incus-instances.json", NULL);
  g_autoptr(JsonNode) metadata = load_metadata ("incus-instances.json");
  g_autoptr(GPtrArray) instances = vigie_incus_parse_instances (metadata, NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonNode) rest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *full =
    "{\"type\":\"sync\",\"metadata\":["
    "{\"name\":\"c1\",\"project\":\"b\",\"type\":\"container\",\"status\":\"Stopped\","
    "\"backups\":[{\"name\":\"nightly\",\"created_at\":\"2026-11-24T02:00:00Z\"}]},"
    "{\"name\":\"c2\",\"project\":\"\",\"type\":\"container\",\"status\":\"Stopped\","
    "\"backups\":null}]}";
  VigieIncusListEntry *entry;
  gsize length = 0;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  rest = vigie_json_parse_split (contents, length, "metadata", vigie_incus_parse_list_entry,
                                 NULL, vigie_incus_list_entry_free, &entries, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);
  for (guint i = 0; i < entries->len; i++)
    {
      VigieInstance *instance = ((VigieIncusListEntry *) g_ptr_array_index (entries, i))->instance;

      if (instance == NULL)
        continue;
      g_assert_cmpuint (n, <, instances->len);
      g_assert_cmpstr (instance->id, ==, ((VigieInstance *) g_ptr_array_index (instances, n))->id);
      g_assert_cmpstr (instance->project, ==,
                       ((VigieInstance *) g_ptr_array_index (instances, n))->project);
      n++;
    }
  g_assert_cmpuint (n, ==, instances->len);

  /* web1 lists its backups (none); db1 does not say: asked apart. */
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->name, ==, "web1");
  g_assert_cmpstr (entry->project, ==, "lab");
  g_assert_true (entry->backups_listed);
  g_assert_nonnull (entry->backups);
  g_assert_cmpuint (entry->backups->len, ==, 0);
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->name, ==, "db1");
  g_assert_cmpstr (entry->project, ==, "default");
  g_assert_false (entry->backups_listed);
  g_assert_null (entry->backups);

  /* An InstanceFull with a backup, and one whose backups are null. */
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_clear_pointer (&rest, json_node_unref);
  rest = vigie_json_parse_split (full, strlen (full), "metadata", vigie_incus_parse_list_entry,
                                 NULL, vigie_incus_list_entry_free, &entries, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 0);
  g_assert_true (entry->backups_listed);
  g_assert_cmpuint (entry->backups->len, ==, 1);
  g_assert_cmpstr (((VigieBackupItem *) g_ptr_array_index (entry->backups, 0))->target_id, ==,
                   "c1");
  g_assert_cmpstr (((VigieBackupItem *) g_ptr_array_index (entry->backups, 0))->target_project,
                   ==, "b");
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->project, ==, "default");
  g_assert_true (entry->backups_listed);
  g_assert_null (entry->backups);
  for (guint i = 0; i < entries->len; i++)
    {
      entry = g_ptr_array_index (entries, i);
      g_assert_true (entry->instance != NULL || entry->name != NULL);
    }
}

static void
test_status (void)
{
  g_assert_cmpint (vigie_incus_parse_status ("Running", -1), ==, VIGIE_STATE_RUNNING);
  g_assert_cmpint (vigie_incus_parse_status ("Stopped", -1), ==, VIGIE_STATE_STOPPED);
  g_assert_cmpint (vigie_incus_parse_status ("Frozen", -1), ==, VIGIE_STATE_PAUSED);
  g_assert_cmpint (vigie_incus_parse_status ("Ready", -1), ==, VIGIE_STATE_UNKNOWN);
  g_assert_cmpint (vigie_incus_parse_status (NULL, 110), ==, VIGIE_STATE_PAUSED);
  g_assert_cmpint (vigie_incus_parse_status (NULL, -1), ==, VIGIE_STATE_UNKNOWN);
}

static void
test_sizes (void)
{
  g_assert_cmpint (vigie_incus_parse_size ("512MiB"), ==, 512 * 1024 * 1024);
  g_assert_cmpint (vigie_incus_parse_size ("1GB"), ==, 1000000000);
  g_assert_cmpint (vigie_incus_parse_size ("2048"), ==, 2048);
  g_assert_cmpint (vigie_incus_parse_size ("50%"), ==, VIGIE_UNSET);
  g_assert_cmpint (vigie_incus_parse_size ("lots"), ==, VIGIE_UNSET);
  g_assert_cmpint (vigie_incus_parse_size (NULL), ==, VIGIE_UNSET);
  g_assert_cmpint (vigie_incus_parse_cpu_limit ("2"), ==, 2);
  g_assert_cmpint (vigie_incus_parse_cpu_limit ("0-3,8"), ==, 5);
  g_assert_cmpint (vigie_incus_parse_cpu_limit ("x"), ==, VIGIE_UNSET);
  /* Found by fuzz-upid: empty parts made a critical (g_strstrip (NULL)). */
  g_assert_cmpint (vigie_incus_parse_cpu_limit (","), ==, VIGIE_UNSET);
  g_assert_cmpint (vigie_incus_parse_cpu_limit ("1,,2"), ==, VIGIE_UNSET);
  g_assert_cmpint (vigie_incus_parse_size ("1e300GiB"), ==, VIGIE_UNSET);
  g_assert_cmpint (vigie_incus_parse_size ("9000PiB"), ==, VIGIE_UNSET);
}

/* Valid JSON no server sends: 1e300 where an integer belongs, numbers
 * where strings belong and the other way round. */
static void
test_hostile (void)
{
  g_autoptr(JsonNode) metadata = load_metadata ("incus-hostile-instances.json");
  g_autoptr(JsonNode) op_metadata = load_metadata ("incus-hostile-operation.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = vigie_incus_parse_instances (metadata, &error);
  g_autoptr(VigieIncusOperation) op = NULL;
  VigieInstance *huge, *plain;

  g_assert_no_error (error);
  g_assert_cmpuint (instances->len, ==, 2);
  huge = g_ptr_array_index (instances, 0);
  g_assert_cmpstr (huge->id, ==, "huge");
  g_assert_cmpstr (huge->project, ==, "default");
  g_assert_cmpint (huge->state, ==, VIGIE_STATE_RUNNING);
  g_assert_cmpint (huge->memory_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (huge->memory_used_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (huge->disk_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (huge->cpus, ==, VIGIE_UNSET);
  g_assert_null (extra (huge->extra, "cpu_time_ns"));
  plain = g_ptr_array_index (instances, 1);
  g_assert_cmpstr (plain->id, ==, "plain");
  g_assert_cmpint (plain->state, ==, VIGIE_STATE_UNKNOWN);

  op = vigie_incus_parse_operation (op_metadata, &error);
  g_assert_no_error (error);
  g_assert_cmpint (op->status_code, ==, VIGIE_UNSET);
  g_assert_cmpint (op->return_code, ==, VIGIE_UNSET);
  g_assert_null (op->err);
  g_assert_null (g_hash_table_lookup (op->fds, "0"));
  g_assert_cmpstr (g_hash_table_lookup (op->fds, "control"), ==, "ab");
}

static void
test_backups (void)
{
  g_autoptr(JsonNode) metadata = load_metadata ("incus-backups.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = vigie_incus_parse_backups (metadata, "web1", "lab", &error);
  VigieBackupItem *item;

  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 2);
  item = g_ptr_array_index (backups, 0);
  g_assert_cmpint (item->source, ==, VIGIE_BACKUP_SOURCE_INCUS);
  g_assert_cmpstr (item->target_id, ==, "web1");
  g_assert_cmpstr (item->target_project, ==, "lab");
  g_assert_cmpint (item->time, ==, 1795485600);       /* 2026-11-24T02:00:00Z */
  g_assert_false (item->failed);
  item = g_ptr_array_index (backups, 1);
  g_assert_cmpint (item->time, ==, 1795568400);       /* 02:00+01:00 = 01:00Z */
}

static void
test_storage_and_hosts (void)
{
  g_autoptr(JsonNode) pools = load_metadata ("lxd-storage-pools.json");
  g_autoptr(JsonNode) space = load_metadata ("lxd-storage-pool-resources.json");
  g_autoptr(JsonNode) resources = load_metadata ("lxd-resources.json");
  g_autoptr(JsonNode) members = load_metadata ("incus-cluster-members.json");
  g_autoptr(VigieStorage) storage = NULL;
  g_autoptr(VigieHost) host = NULL;
  g_autoptr(VigieHost) empty = NULL;
  g_autoptr(GPtrArray) hosts = NULL;
  g_autoptr(GError) error = NULL;

  storage = vigie_incus_parse_storage_pool (json_array_get_object_element (json_node_get_array (pools), 0),
                                            space);
  g_assert_cmpstr (storage->name, ==, "default");
  g_assert_cmpstr (storage->type, ==, "dir");
  g_assert_true (storage->active);
  g_assert_false (storage->shared);
  g_assert_cmpint (storage->total_bytes, >, 0);
  g_assert_cmpint (storage->used_bytes, >=, 0);

  host = vigie_incus_parse_host ("lab-host", resources);
  g_assert_cmpint (host->cpu_threads, >, 0);
  g_assert_cmpint (host->cpu_cores, >, 0);
  g_assert_cmpstr (host->cpu_model, ==, "AMD EPYC");
  g_assert_cmpint (host->memory_bytes, >, 0);
  empty = vigie_incus_parse_host ("x", NULL);
  g_assert_cmpint (empty->cpu_threads, ==, VIGIE_UNSET);
  g_assert_null (empty->cpu_model);
  g_assert_cmpint (empty->memory_bytes, ==, VIGIE_UNSET);

  hosts = vigie_incus_parse_cluster_members (members, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hosts->len, ==, 3);
  g_assert_cmpint (((VigieHost *) g_ptr_array_index (hosts, 0))->state, ==, VIGIE_HOST_ONLINE);
  g_assert_cmpint (((VigieHost *) g_ptr_array_index (hosts, 1))->state, ==, VIGIE_HOST_MAINTENANCE);
  g_assert_cmpint (((VigieHost *) g_ptr_array_index (hosts, 2))->state, ==, VIGIE_HOST_OFFLINE);
}

static void
test_projects (void)
{
  g_autoptr(JsonNode) metadata = load_metadata ("lxd-projects.json");
  g_auto(GStrv) names = vigie_incus_parse_names (metadata, NULL);

  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "default");
  g_assert_cmpstr (names[1], ==, "vigie-b");
}

static void
test_operations (void)
{
  g_autoptr(JsonNode) exec = load_metadata ("incus-operation-exec.json");
  g_autoptr(JsonNode) done = load_metadata ("incus-operation-done.json");
  g_autoptr(JsonNode) failed = load_metadata ("incus-operation-failed.json");
  g_autoptr(VigieIncusOperation) op = NULL;
  g_autoptr(VigieIncusOperation) op2 = NULL;
  g_autoptr(VigieIncusOperation) op3 = NULL;

  op = vigie_incus_parse_operation (exec, NULL);
  g_assert_cmpstr (op->id, ==, "b8d84888-1dc2-44fd-b386-7f679e171ba5");
  g_assert_cmpstr (op->klass, ==, "websocket");
  g_assert_false (vigie_incus_operation_is_done (op));
  g_assert_cmpstr (g_hash_table_lookup (op->fds, "0"), ==, "1f6c0d2e3a4b");
  g_assert_cmpstr (g_hash_table_lookup (op->fds, "control"), ==, "9a8b7c6d5e4f");
  g_assert_cmpint (op->return_code, ==, VIGIE_UNSET);

  op2 = vigie_incus_parse_operation (done, NULL);
  g_assert_true (vigie_incus_operation_is_done (op2));
  g_assert_cmpint (op2->return_code, ==, 3);

  op3 = vigie_incus_parse_operation (failed, NULL);
  g_assert_true (vigie_incus_operation_is_done (op3));
  g_assert_cmpint (op3->status_code, ==, 400);
  g_assert_cmpstr (op3->err, ==, "Failed to create snapshot: disk full");
}

static void
test_token (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "incus", "data", "incus-token.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(VigieIncusToken) token = NULL;
  g_autoptr(VigieIncusToken) bad = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  token = vigie_incus_parse_token (text, &error);   /* with its trailing newline */
  g_assert_no_error (error);
  g_assert_cmpstr (token->client_name, ==, "vigie");
  g_assert_cmpstr (token->fingerprint, ==,
                   "5a4e8b2c6f1d3e7a9b0c2d4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a");
  g_assert_cmpstr (token->secret, ==, "0123456789abcdef0123456789abcdef");
  g_assert_cmpuint (g_strv_length (token->addresses), ==, 2);
  g_assert_cmpint (token->expires_at, ==, 1795716000);

  bad = vigie_incus_parse_token ("not a token", &error);
  g_assert_null (bad);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
  g_clear_error (&error);

  /* Found by fuzz-incus-token: no fingerprint made a critical. */
  {
    g_autofree char *no_fingerprint = g_base64_encode ((const guchar *) "{\"secret\": \"s\"}", 15);

    bad = vigie_incus_parse_token (no_fingerprint, &error);
    g_assert_null (bad);
    g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
  }
}

static void
test_event (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "incus", "data", "incus-event-lifecycle.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *project = NULL;
  g_autofree char *name = NULL;
  g_autofree char *action = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new (contents, length);
  root = vigie_json_parse_bytes (bytes, NULL);
  g_assert_true (vigie_incus_parse_event (root, &project, &name, &action));
  g_assert_cmpstr (project, ==, "lab");
  g_assert_cmpstr (name, ==, "web1");
  g_assert_cmpstr (action, ==, "instance-snapshot-created");
}

static void
test_import (void)
{
  g_autofree char *crt = g_test_build_filename (G_TEST_DIST, "backends", "incus", "data",
                                                "test-client.crt", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "backends", "incus", "data",
                                                "test-client.key", NULL);
  g_autofree char *p12 = g_test_build_filename (G_TEST_DIST, "backends", "incus", "data",
                                                "test-client.p12", NULL);
  g_autofree char *cert_pem = NULL;
  g_autofree char *key_pem = NULL;
  g_autofree char *cert_pem2 = NULL;
  g_autofree char *key_pem2 = NULL;
  g_autofree char *combined = NULL;
  g_autofree char *crt_text = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *none = NULL;
  g_autofree char *none_key = NULL;
  g_autoptr(GError) error = NULL;

  /* A PEM pair in two files. */
  g_assert_true (vigie_incus_import_files (crt, key, NULL, &cert_pem, &key_pem, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (cert_pem, "-----BEGIN CERTIFICATE-----"));
  g_assert_true (g_str_has_prefix (key_pem, "-----BEGIN PRIVATE KEY-----"));

  /* The same bundle as PKCS#12 gives the same certificate. */
  g_assert_true (vigie_incus_import_files (p12, NULL, "vigie", &cert_pem2, &key_pem2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cert_pem2, ==, cert_pem);
  g_clear_pointer (&cert_pem2, g_free);
  g_clear_pointer (&key_pem2, g_free);

  /* One PEM text holding both. */
  g_assert_true (g_file_get_contents (crt, &crt_text, NULL, NULL));
  g_assert_true (g_file_get_contents (key, &key_text, NULL, NULL));
  combined = g_strconcat (key_text, crt_text, NULL);
  g_assert_true (vigie_incus_import_pem (combined, NULL, &cert_pem2, &key_pem2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cert_pem2, ==, cert_pem);

  /* A certificate without its key is refused. */
  g_assert_false (vigie_incus_import_pem (crt_text, NULL, &none, &none_key, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
  g_clear_error (&error);

  /* A wrong PKCS#12 password is refused. */
  g_assert_false (vigie_incus_import_files (p12, NULL, "wrong", &none, &none_key, &error));
  g_assert_nonnull (error);
}

/* Found by fuzz-incus: a memory total of 214E483648 (inf) was cast to
 * gint64, which is undefined (UBSan stops the sanitizer build on it). */
static void
test_out_of_range_numbers (void)
{
  const char *text =
    "[{\"name\": \"big\", \"status\": \"Running\", \"status_code\": 1e999,"
    " \"state\": {\"memory\": {\"usage\": -1e300, \"total\": 214E483648},"
    " \"cpu\": {\"usage\": 9223372036854775808.0}}}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = vigie_json_parse_bounded (text, strlen (text), &error);
  g_autoptr(GPtrArray) instances = NULL;
  VigieInstance *instance;

  g_assert_no_error (error);
  instances = vigie_incus_parse_instances (root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (instances->len, ==, 1);
  instance = g_ptr_array_index (instances, 0);
  g_assert_cmpint (instance->memory_used_bytes, ==, VIGIE_UNSET);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/incus-parse/server-incus", test_server_incus);
  g_test_add_func ("/vigie/incus-parse/server-lxd", test_server_lxd);
  g_test_add_func ("/vigie/incus-parse/envelope-error", test_envelope_error);
  g_test_add_func ("/vigie/incus-parse/instances-incus", test_instances_incus);
  g_test_add_func ("/vigie/incus-parse/instances-lxd", test_instances_lxd);
  g_test_add_func ("/vigie/incus-parse/list-entries", test_list_entries);
  g_test_add_func ("/vigie/incus-parse/status", test_status);
  g_test_add_func ("/vigie/incus-parse/sizes", test_sizes);
  g_test_add_func ("/vigie/incus-parse/backups", test_backups);
  g_test_add_func ("/vigie/incus-parse/hostile", test_hostile);
  g_test_add_func ("/vigie/incus-parse/storage-hosts", test_storage_and_hosts);
  g_test_add_func ("/vigie/incus-parse/projects", test_projects);
  g_test_add_func ("/vigie/incus-parse/operations", test_operations);
  g_test_add_func ("/vigie/incus-parse/token", test_token);
  g_test_add_func ("/vigie/incus-parse/event", test_event);
  g_test_add_func ("/vigie/incus-parse/import", test_import);

  g_test_add_func ("/vigie/incus-parse/out-of-range-numbers", test_out_of_range_numbers);
  return g_test_run ();
}
