/* test-pbs-parse.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pbs/vigie-pbs-parse.h"

static JsonNode *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "pbs", "data",
                                                 name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
test_version (void)
{
  g_autoptr(JsonNode) v4 = load ("pbs4-version.json");
  g_autoptr(JsonNode) v3 = load ("pbs3-version.json");
  g_autoptr(JsonNode) bad = json_from_string ("{\"data\":{\"release\":\"1\"}}", NULL);
  g_autofree char *repoid = NULL;
  g_autofree char *version4 = vigie_pbs_parse_version (v4, &repoid);
  g_autofree char *version3 = vigie_pbs_parse_version (v3, NULL);
  g_autofree char *none = vigie_pbs_parse_version (bad, NULL);

  g_assert_cmpstr (version4, ==, "4.1.2");
  g_assert_cmpstr (repoid, ==, "04249710f0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5");
  g_assert_cmpstr (version3, ==, "3.4.2");
  g_assert_null (none);
  g_assert_null (vigie_pbs_parse_version (NULL, NULL));
}

static void
test_ticket (void)
{
  g_autoptr(JsonNode) root = load ("pbs-ticket.json");
  g_autoptr(JsonNode) empty = json_from_string ("{\"data\":{}}", NULL);
  g_autofree char *ticket = NULL;
  g_autofree char *csrf = NULL;

  g_assert_true (vigie_pbs_parse_ticket (root, &ticket, &csrf));
  g_assert_cmpstr (ticket, ==, "PBS:root@pam:6A3F0000::c2lnbmF0dXJl");
  g_assert_cmpstr (csrf, ==, "6A3F0000:Y3NyZg");
  g_assert_false (vigie_pbs_parse_ticket (empty, &ticket, &csrf));
}

static void
test_node_status (void)
{
  g_autoptr(JsonNode) root = load ("pbs-node-status.json");
  g_autoptr(JsonNode) bad = load ("pbs3-node-status.json");
  g_autoptr(VigieHost) host = vigie_pbs_parse_node_status (root, "pbs.example");
  g_autoptr(VigieHost) odd = vigie_pbs_parse_node_status (bad, "pbs.example");

  g_assert_cmpstr (host->name, ==, "pbs.example");
  g_assert_cmpint (host->state, ==, VIGIE_HOST_ONLINE);
  g_assert_cmpint (host->memory_bytes, ==, 68719476736);
  g_assert_cmpint (host->memory_used_bytes, ==, 22548578304);
  g_assert_cmpint (host->uptime_seconds, ==, 1047600);
  g_assert_cmpint (host->cpu_threads, ==, 32);
  g_assert_cmpint (host->cpu_cores, ==, VIGIE_UNSET);
  g_assert_cmpstr (host->cpu_model, ==, "AMD EPYC 7313P 16-Core Processor");
  g_assert_cmpfloat_with_epsilon (host->cpu_usage, 0.0734, 1e-9);

  /* Mistyped members stay null. */
  g_assert_cmpint (odd->memory_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (odd->uptime_seconds, ==, VIGIE_UNSET);
  g_assert_cmpint (odd->cpu_threads, ==, VIGIE_UNSET);
  g_assert_null (odd->cpu_model);
  g_assert_cmpfloat (odd->cpu_usage, <, 0);
}

static void
test_datastores_pbs4 (void)
{
  g_autoptr(JsonNode) list = load ("pbs4-datastore.json");
  g_autoptr(JsonNode) usage = load ("pbs4-datastore-usage.json");
  g_autoptr(GPtrArray) stores = vigie_pbs_parse_datastores (list, usage, "pbs.example");
  VigieStorage *s;

  g_assert_cmpuint (stores->len, ==, 3);
  s = g_ptr_array_index (stores, 0);
  g_assert_cmpstr (s->name, ==, "fast");
  g_assert_cmpstr (s->type, ==, "filesystem");
  g_assert_cmpstr (s->host, ==, "pbs.example");
  g_assert_cmpint (s->total_bytes, ==, 7999425155072);
  g_assert_cmpint (s->used_bytes, ==, 409493594112);
  g_assert_true (s->active);
  s = g_ptr_array_index (stores, 1);
  g_assert_cmpstr (s->name, ==, "usb");
  g_assert_false (s->active);
  g_assert_cmpint (s->total_bytes, ==, VIGIE_UNSET);
  s = g_ptr_array_index (stores, 2);
  g_assert_cmpstr (s->type, ==, "s3");
  g_assert_cmpstr (g_hash_table_lookup (s->extra, "maintenance"), ==, "read-only");
}

/* Valid JSON that no PBS sends: numbers too big for an integer, strings
 * where numbers belong and numbers where strings belong. */
static void
test_hostile (void)
{
  g_autoptr(JsonNode) list = load ("pbs4-datastore.json");
  g_autoptr(JsonNode) usage = load ("pbs-hostile-usage.json");
  g_autoptr(JsonNode) snapshots = load ("pbs-hostile-snapshots.json");
  g_autoptr(GPtrArray) stores = vigie_pbs_parse_datastores (list, usage, "pbs.example");
  g_autoptr(GPtrArray) items = vigie_pbs_parse_snapshots (snapshots, "store1", NULL);
  VigieStorage *s;
  VigieBackupItem *item;

  g_assert_cmpuint (stores->len, ==, 3);
  s = g_ptr_array_index (stores, 0);
  g_assert_cmpint (s->total_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (s->used_bytes, ==, VIGIE_UNSET);
  s = g_ptr_array_index (stores, 1);
  g_assert_cmpint (s->total_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (s->used_bytes, ==, VIGIE_UNSET);
  s = g_ptr_array_index (stores, 2);
  g_assert_cmpint (s->total_bytes, ==, 1099511627776);
  g_assert_cmpint (s->used_bytes, ==, 1000);

  /* A time of 1e300 and ids that are not strings are skipped. */
  g_assert_cmpuint (items->len, ==, 2);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->target_id, ==, "101");
  g_assert_cmpint (item->size, ==, VIGIE_UNSET);
  g_assert_cmpint (item->verified, ==, VIGIE_VERIFIED_NONE);
  item = g_ptr_array_index (items, 1);
  g_assert_cmpint (item->time, ==, 1780600000);
  g_assert_cmpint (item->size, ==, 2048);
}

static void
test_datastores_pbs3 (void)
{
  g_autoptr(JsonNode) list = load ("pbs3-datastore.json");
  g_autoptr(JsonNode) usage = load ("pbs3-datastore-usage.json");
  g_autoptr(GPtrArray) stores = vigie_pbs_parse_datastores (list, usage, NULL);
  g_autoptr(GPtrArray) only_usage = vigie_pbs_parse_datastores (NULL, usage, NULL);
  g_autoptr(GPtrArray) nothing = vigie_pbs_parse_datastores (NULL, NULL, NULL);
  VigieStorage *s;

  g_assert_cmpuint (stores->len, ==, 2);
  s = g_ptr_array_index (stores, 0);
  g_assert_cmpstr (s->type, ==, "datastore");
  g_assert_cmpint (s->total_bytes, ==, 1099511627776);   /* numeric string */
  g_assert_cmpint (s->used_bytes, ==, 274877906944);
  s = g_ptr_array_index (stores, 1);
  g_assert_cmpint (s->total_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (s->used_bytes, ==, VIGIE_UNSET);
  g_assert_cmpuint (only_usage->len, ==, 2);
  g_assert_cmpuint (nothing->len, ==, 0);
}

static void
test_namespaces (void)
{
  g_autoptr(JsonNode) root = load ("pbs4-namespace.json");
  g_autoptr(GPtrArray) ns = vigie_pbs_parse_namespaces (root);

  g_assert_cmpuint (ns->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (ns, 0), ==, "");
  g_assert_cmpstr (g_ptr_array_index (ns, 1), ==, "pve-demo");
  g_assert_cmpstr (g_ptr_array_index (ns, 2), ==, "pve-demo/child");
}

static void
test_snapshots_pbs4 (void)
{
  g_autoptr(JsonNode) root = load ("pbs4-snapshots.json");
  g_autoptr(GPtrArray) items = vigie_pbs_parse_snapshots (root, "store1", "pve-demo");
  VigieBackupItem *item;

  /* Missing type, unknown type and a string time are skipped. */
  g_assert_cmpuint (items->len, ==, 4);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpint (item->source, ==, VIGIE_BACKUP_SOURCE_PBS);
  g_assert_cmpstr (item->location, ==, "store1");
  g_assert_cmpstr (item->namespace_, ==, "pve-demo");
  g_assert_cmpstr (item->target_type, ==, "vm");
  g_assert_cmpstr (item->target_id, ==, "100");
  g_assert_null (item->target_name);
  g_assert_cmpint (item->time, ==, 1780867436);
  g_assert_cmpint (item->size, ==, 10737418752);
  g_assert_cmpint (item->verified, ==, VIGIE_VERIFIED_OK);
  g_assert_true (item->protected_);
  g_assert_false (item->failed);
  g_assert_cmpstr (item->volid, ==, "vm/100/2026-06-07T21:23:56Z");
  item = g_ptr_array_index (items, 1);
  g_assert_cmpint (item->verified, ==, VIGIE_VERIFIED_FAILED);
  g_assert_false (item->protected_);
  item = g_ptr_array_index (items, 2);
  g_assert_cmpstr (item->target_type, ==, "ct");
  g_assert_cmpint (item->size, ==, VIGIE_UNSET);
  g_assert_cmpint (item->verified, ==, VIGIE_VERIFIED_NONE);
  item = g_ptr_array_index (items, 3);
  g_assert_cmpstr (item->target_type, ==, "host");
  g_assert_cmpstr (item->target_id, ==, "gateway");
}

static void
test_snapshots_pbs3 (void)
{
  g_autoptr(JsonNode) root = load ("pbs3-snapshots.json");
  g_autoptr(GPtrArray) items = vigie_pbs_parse_snapshots (root, "backup", "");
  VigieBackupItem *item;

  g_assert_cmpuint (items->len, ==, 2);
  item = g_ptr_array_index (items, 0);
  g_assert_null (item->namespace_);
  g_assert_cmpint (item->size, ==, VIGIE_UNSET);
  g_assert_cmpint (item->verified, ==, VIGIE_VERIFIED_NONE);
  item = g_ptr_array_index (items, 1);
  g_assert_cmpint (item->verified, ==, VIGIE_VERIFIED_NONE);
  g_assert_false (item->protected_);
}

static void
test_upid (void)
{
  g_auto(VigiePbsUpid) pbs = { 0 };
  g_auto(VigiePbsUpid) pve = { 0 };
  VigiePbsUpid bad;

  g_assert_true (vigie_pbs_parse_upid ("UPID:elsa:00004F37:0039E469:00000000:5CA78B83:"
                                       "garbage_collection::root@pam:", &pbs));
  g_assert_cmpstr (pbs.node, ==, "elsa");
  g_assert_cmpint (pbs.starttime, ==, 0x5CA78B83);
  g_assert_cmpstr (pbs.worker_type, ==, "garbage_collection");
  g_assert_null (pbs.worker_id);
  g_assert_cmpstr (pbs.user, ==, "root@pam");
  g_assert_true (vigie_pbs_parse_upid ("UPID:pve1:000FF1FD:10F9374C:630D702C:vzdump:110:"
                                       "root@pam:", &pve));
  g_assert_cmpint (pve.starttime, ==, 0x630D702C);
  g_assert_cmpstr (pve.worker_id, ==, "110");
  g_assert_false (vigie_pbs_parse_upid ("UPID:broken", &bad));
  g_assert_false (vigie_pbs_parse_upid (NULL, &bad));
}

static void
test_backup_worker (void)
{
  struct { const char *in; const char *store, *ns, *type, *id; } cases[] = {
    { "store1:vm/100", "store1", NULL, "vm", "100" },
    { "store1:ns/pve-demo/vm/112", "store1", "pve-demo", "vm", "112" },
    { "s:ns/a/ns/b/ct/200", "s", "a/b", "ct", "200" },
    { "store1\\x3avm-100", "store1", NULL, "vm", "100" },
    { "store1\\x3ans-pve\\x2ddemo-vm-112", "store1", "pve-demo", "vm", "112" },
  };
  const char *bad[] = { "store1", ":vm/100", "store1:qemu/100", "store1:x/a/vm/1", "s:vm/" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *store = NULL, *ns = NULL, *type = NULL, *id = NULL;

      g_assert_true (vigie_pbs_parse_backup_worker (cases[i].in, &store, &ns, &type, &id));
      g_assert_cmpstr (store, ==, cases[i].store);
      g_assert_cmpstr (ns, ==, cases[i].ns);
      g_assert_cmpstr (type, ==, cases[i].type);
      g_assert_cmpstr (id, ==, cases[i].id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *store = NULL, *ns = NULL, *type = NULL, *id = NULL;

      g_assert_false (vigie_pbs_parse_backup_worker (bad[i], &store, &ns, &type, &id));
    }
}

static void
test_failed_backups (void)
{
  g_autoptr(JsonNode) root = load ("pbs-tasks.json");
  g_autoptr(GPtrArray) items = vigie_pbs_parse_failed_backups (root);
  VigieBackupItem *item;

  /* OK, WARNINGS, tape-backup, unparsable worker ids and running tasks are not failures. */
  g_assert_cmpuint (items->len, ==, 2);
  item = g_ptr_array_index (items, 0);
  g_assert_true (item->failed);
  g_assert_cmpstr (item->location, ==, "store1");
  g_assert_cmpstr (item->namespace_, ==, "pve-demo");
  g_assert_cmpstr (item->target_type, ==, "vm");
  g_assert_cmpstr (item->target_id, ==, "112");
  g_assert_cmpint (item->time, ==, 1782517760);
  g_assert_null (item->volid);
  item = g_ptr_array_index (items, 1);
  g_assert_cmpstr (item->location, ==, "store2");
  g_assert_cmpstr (item->target_id, ==, "300");
  g_assert_cmpint (item->time, ==, 0x6A3F3000);   /* from the UPID */
}

static void
test_jobs (void)
{
  g_autoptr(JsonNode) verify = load ("pbs-verify-jobs.json");
  g_autoptr(JsonNode) prune = load ("pbs-prune-jobs.json");
  g_autoptr(JsonNode) gc = load ("pbs-gc.json");
  g_autoptr(GPtrArray) vjobs = vigie_pbs_parse_jobs (verify, "verify");
  g_autoptr(GPtrArray) pjobs = vigie_pbs_parse_jobs (prune, "prune");
  g_autoptr(GPtrArray) gjobs = vigie_pbs_parse_jobs (gc, "gc");
  VigieJob *job;

  g_assert_cmpuint (vjobs->len, ==, 3);
  job = g_ptr_array_index (vjobs, 0);
  g_assert_cmpstr (job->id, ==, "v-weekly");
  g_assert_cmpstr (job->kind, ==, "verify");
  g_assert_cmpstr (job->schedule, ==, "sat 03:00");
  g_assert_cmpint (job->enabled, ==, VIGIE_UNSET);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_FAILED);
  g_assert_cmpstr (job->message, ==, "verification failed - please check the log for details");
  g_assert_cmpint (job->last_run, ==, 0x6A3E0000);
  g_assert_cmpint (job->next_run, ==, 1783000000);
  job = g_ptr_array_index (vjobs, 1);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_NONE);
  g_assert_cmpint (job->last_run, ==, 0);
  g_assert_null (job->schedule);
  job = g_ptr_array_index (vjobs, 2);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_RUNNING);

  job = g_ptr_array_index (pjobs, 0);
  g_assert_cmpint (job->enabled, ==, 0);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_WARNING);
  g_assert_null (job->message);

  g_assert_cmpuint (gjobs->len, ==, 2);
  job = g_ptr_array_index (gjobs, 0);
  g_assert_cmpstr (job->id, ==, "gc/store1");
  g_assert_cmpstr (job->name, ==, "store1");
  g_assert_cmpstr (job->kind, ==, "gc");
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_SUCCESS);
  g_assert_cmpint (job->last_run, ==, 0x6A3E3000);
  job = g_ptr_array_index (gjobs, 1);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_NONE);
}

static void
test_garbage (void)
{
  const char *docs[] = { "null", "[]", "{}", "{\"data\":null}", "{\"data\":{}}",
                         "{\"data\":[null,1,\"x\",[]]}", "{\"data\":\"text\"}" };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(JsonNode) root = json_from_string (docs[i], NULL);
      g_autoptr(GPtrArray) a = vigie_pbs_parse_snapshots (root, "s", NULL);
      g_autoptr(GPtrArray) b = vigie_pbs_parse_failed_backups (root);
      g_autoptr(GPtrArray) c = vigie_pbs_parse_jobs (root, "gc");
      g_autoptr(GPtrArray) d = vigie_pbs_parse_datastores (root, root, NULL);
      g_autoptr(GPtrArray) e = vigie_pbs_parse_namespaces (root);
      g_autoptr(VigieHost) h = vigie_pbs_parse_node_status (root, "x");
      g_autofree char *v = vigie_pbs_parse_version (root, NULL);

      g_assert_cmpuint (a->len + b->len + c->len + d->len + e->len, ==, 0);
      g_assert_null (v);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/pbs-parse/version", test_version);
  g_test_add_func ("/vigie/pbs-parse/ticket", test_ticket);
  g_test_add_func ("/vigie/pbs-parse/node-status", test_node_status);
  g_test_add_func ("/vigie/pbs-parse/datastores-pbs4", test_datastores_pbs4);
  g_test_add_func ("/vigie/pbs-parse/datastores-pbs3", test_datastores_pbs3);
  g_test_add_func ("/vigie/pbs-parse/hostile", test_hostile);
  g_test_add_func ("/vigie/pbs-parse/namespaces", test_namespaces);
  g_test_add_func ("/vigie/pbs-parse/snapshots-pbs4", test_snapshots_pbs4);
  g_test_add_func ("/vigie/pbs-parse/snapshots-pbs3", test_snapshots_pbs3);
  g_test_add_func ("/vigie/pbs-parse/upid", test_upid);
  g_test_add_func ("/vigie/pbs-parse/backup-worker", test_backup_worker);
  g_test_add_func ("/vigie/pbs-parse/failed-backups", test_failed_backups);
  g_test_add_func ("/vigie/pbs-parse/jobs", test_jobs);
  g_test_add_func ("/vigie/pbs-parse/garbage", test_garbage);

  return g_test_run ();
}
