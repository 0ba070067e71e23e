/* test-veeam-parse.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "veeam/vigie-veeam-parse.h"
#include "vigie-json.h"

static JsonNode *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "veeam", "data",
                                                 name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static JsonArray *
page (JsonNode *root)
{
  JsonArray *data = NULL;
  gint64 total;

  g_assert_true (vigie_veeam_parse_page (root, &data, &total));
  return data;
}

static void
test_token (void)
{
  g_autoptr(JsonNode) root = load ("token.json");
  g_autoptr(JsonNode) bad = json_from_string ("{\"token_type\":\"bearer\"}", NULL);
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  gint64 expires = 0;

  g_assert_true (vigie_veeam_parse_token (root, &access, &refresh, &expires));
  g_assert_cmpstr (access, ==, "eyJhbGciOiJIUzI1NiJ9.eyJ1bmlxdWVfbmFtZSI6ImFkbWluIn0.c2ln");
  g_assert_cmpstr (refresh, ==, "eyJhbGciOiJIUzI1NiJ9.cmVmcmVzaA.c2ln");
  g_assert_cmpint (expires, ==, 900);
  g_assert_false (vigie_veeam_parse_token (bad, &access, &refresh, &expires));
}

static void
test_revisions (void)
{
  g_autoptr(JsonNode) root = load ("unsupported-version.json");
  const char *message = json_object_get_string_member (json_node_get_object (root), "message");
  g_autoptr(GPtrArray) revs = vigie_veeam_parse_revisions (message);
  g_autoptr(GPtrArray) vbr11 = vigie_veeam_parse_revisions (
    "Unsupported RESTAPI version. The following versions are supported: v1.0-rev1.");
  g_autoptr(GPtrArray) none = vigie_veeam_parse_revisions ("Bad request");

  g_assert_cmpuint (revs->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (revs, 0), ==, "1.0-rev1");
  g_assert_cmpstr (g_ptr_array_index (revs, 3), ==, "1.1-rev2");
  g_assert_cmpuint (vbr11->len, ==, 1);
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_cmpint (vigie_veeam_compare_revisions ("1.1-rev2", "1.1-rev10"), <, 0);
  g_assert_cmpint (vigie_veeam_compare_revisions ("1.2-rev0", "1.1-rev2"), >, 0);
  g_assert_cmpint (vigie_veeam_compare_revisions ("1.0-rev2", "1.0-rev2"), ==, 0);
}

static void
test_server_info (void)
{
  g_autoptr(JsonNode) v11 = load ("serverinfo-1.1.json");
  g_autoptr(JsonNode) v13 = load ("serverinfo-1.3.json");
  g_autoptr(JsonNode) lic = load ("license.json");
  g_autofree char *name = NULL, *build = NULL, *platform = NULL;
  g_autofree char *name3 = NULL, *build3 = NULL, *platform3 = NULL;
  g_autofree char *status = NULL;
  g_autofree char *edition = NULL;

  g_assert_true (vigie_veeam_parse_server_info (v11, &name, &build, &platform));
  g_assert_cmpstr (name, ==, "vbr01.tech.local");
  g_assert_cmpstr (build, ==, "12.2.0.334");
  g_assert_null (platform);
  g_assert_true (vigie_veeam_parse_server_info (v13, &name3, &build3, &platform3));
  g_assert_cmpstr (build3, ==, "13.0.0.4883");
  g_assert_cmpstr (platform3, ==, "Linux");
  edition = vigie_veeam_parse_license (lic, &status);
  g_assert_cmpstr (edition, ==, "EnterprisePlus");
  g_assert_cmpstr (status, ==, "Valid");
}

static void
test_job_states_rev0 (void)
{
  g_autoptr(JsonNode) root = load ("jobstates-1.0-rev2.json");
  g_autoptr(GHashTable) sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) jobs = vigie_veeam_parse_job_states (page (root), sessions);
  VigieJob *job;

  g_assert_cmpuint (jobs->len, ==, 3);
  job = g_ptr_array_index (jobs, 0);
  g_assert_cmpstr (job->name, ==, "Exchange Backup");
  g_assert_cmpstr (job->kind, ==, "backup");
  g_assert_cmpint (job->enabled, ==, 1);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_SUCCESS);
  g_assert_cmpint (job->last_run, ==, 1782500412);   /* 22:00:12.747+03:00 */
  g_assert_cmpint (job->next_run, ==, 1782586800);
  g_assert_cmpstr (g_hash_table_lookup (sessions, job->id), ==,
                   "4c5f0000-0000-0000-0000-000000000001");
  job = g_ptr_array_index (jobs, 1);
  g_assert_cmpint (job->enabled, ==, 0);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_NONE);
  g_assert_cmpint (job->last_run, ==, 0);
  g_assert_cmpint (job->next_run, ==, 0);
  job = g_ptr_array_index (jobs, 2);
  g_assert_cmpstr (job->kind, ==, "replica");
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_RUNNING);
}

static void
test_job_states_rev2 (void)
{
  g_autoptr(JsonNode) root = load ("jobstates-1.1-rev2.json");
  g_autoptr(GPtrArray) jobs = vigie_veeam_parse_job_states (page (root), NULL);
  VigieJob *job;

  g_assert_cmpuint (jobs->len, ==, 3);
  job = g_ptr_array_index (jobs, 0);
  g_assert_cmpstr (job->kind, ==, "backup");
  g_assert_cmpint (job->enabled, ==, 1);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_FAILED);
  /* Unknown enums and mistyped values: tolerated, unknown. */
  job = g_ptr_array_index (jobs, 1);
  g_assert_cmpstr (job->kind, ==, "backup");
  g_assert_cmpint (job->enabled, ==, VIGIE_UNSET);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_NONE);
  g_assert_cmpint (job->last_run, ==, 0);
  job = g_ptr_array_index (jobs, 2);
  g_assert_cmpstr (job->kind, ==, "backup-copy");
  g_assert_cmpstr (job->name, ==, job->id);
  g_assert_cmpint (job->enabled, ==, 0);
}

static void
test_jobs (void)
{
  g_autoptr(JsonNode) states = load ("jobstates-1.0-rev2.json");
  g_autoptr(JsonNode) root = load ("jobs.json");
  g_autoptr(GPtrArray) jobs = vigie_veeam_parse_job_states (page (states), NULL);
  g_autoptr(GHashTable) includes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  VigieJob *job;
  GPtrArray *objects;
  VigieVeeamObject *object;

  vigie_veeam_apply_jobs (page (root), jobs, includes);
  job = g_ptr_array_index (jobs, 0);
  g_assert_cmpint (job->enabled, ==, 1);
  g_assert_cmpstr (job->schedule, ==, "daily Everyday 22:00");
  g_assert_cmpuint (job->targets->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (job->targets, 0), ==, "vm-42");
  g_assert_cmpstr (g_ptr_array_index (job->targets, 1), ==, "vm-43");
  objects = g_hash_table_lookup (includes, job->id);
  g_assert_cmpuint (objects->len, ==, 2);
  object = g_ptr_array_index (objects, 1);
  g_assert_cmpstr (object->name, ==, "exch02");
  g_assert_cmpstr (object->host, ==, "vc01.tech.local");
  job = g_ptr_array_index (jobs, 1);
  g_assert_cmpint (job->enabled, ==, 0);
  g_assert_null (job->schedule);
  g_assert_true (g_hash_table_contains (includes, "unknown-job"));
  /* /jobs/states left it out: still listed, by id, with its type. */
  g_assert_cmpuint (jobs->len, ==, 4);
  job = g_ptr_array_index (jobs, 3);
  g_assert_cmpstr (job->id, ==, "unknown-job");
  g_assert_cmpstr (job->name, ==, "unknown-job");
  g_assert_cmpstr (job->kind, ==, "mystery");
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_NONE);
}

/* Every type of job, as revisions 1.2 (VBR 12.3) and 1.3 (VBR 13) spell
 * them, is listed with one spelling of its type. */
static void
test_job_types (void)
{
  g_autoptr(JsonNode) rev12 = load ("jobstates-1.2-rev1.json");
  g_autoptr(JsonNode) rev13 = load ("jobstates-1.3-rev1.json");
  g_autoptr(JsonNode) jobs13 = load ("jobs-1.3-rev1.json");
  g_autoptr(GPtrArray) a = vigie_veeam_parse_job_states (page (rev12), NULL);
  g_autoptr(GPtrArray) b = vigie_veeam_parse_job_states (page (rev13), NULL);
  const char *kinds12[] = { "backup", "replica", "backup-copy", "entra-id-backup", "backup" };
  const char *kinds13[] = { "backup", "replica", "backup-copy", "agent-backup", "agent-backup",
                            "file-backup", "object-storage-backup", "backup", "somethingnext",
                            "agent-backup" };
  VigieJob *job;

  g_assert_cmpuint (a->len, ==, G_N_ELEMENTS (kinds12));
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (((VigieJob *) g_ptr_array_index (a, i))->kind, ==, kinds12[i]);
  job = g_ptr_array_index (a, 2);
  g_assert_cmpint (job->enabled, ==, 0);
  job = g_ptr_array_index (a, 3);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_RUNNING);

  vigie_veeam_apply_jobs (page (jobs13), b, NULL);
  g_assert_cmpuint (b->len, ==, G_N_ELEMENTS (kinds13));
  for (guint i = 0; i < b->len; i++)
    g_assert_cmpstr (((VigieJob *) g_ptr_array_index (b, i))->kind, ==, kinds13[i]);
  job = g_ptr_array_index (b, 0);
  g_assert_cmpstr (job->schedule, ==, "daily Everyday 22:00");
  job = g_ptr_array_index (b, 9);
  g_assert_cmpstr (job->name, ==, "Mac agents");
  g_assert_cmpint (job->enabled, ==, 0);

  g_assert_cmpstr (vigie_veeam_job_kind (NULL), ==, "unknown");
  g_assert_cmpstr (vigie_veeam_job_kind ("EntraIDAuditLogBackup"), ==, "entra-id-backup");
  g_assert_cmpstr (vigie_veeam_job_kind ("LegacyBackupCopy"), ==, "backup-copy");
  g_assert_cmpstr (vigie_veeam_job_kind ("NutanixAHVBackupJob"), ==, "backup");
}

static void
test_sessions (void)
{
  g_autoptr(JsonNode) root = load ("sessions.json");
  g_autoptr(GHashTable) sessions = vigie_veeam_parse_sessions (page (root));
  VigieVeeamSession *s;

  g_assert_cmpuint (g_hash_table_size (sessions), ==, 3);
  s = g_hash_table_lookup (sessions, "4c5f0000-0000-0000-0000-000000000001");
  g_assert_cmpint (s->result, ==, VIGIE_JOB_FAILED);
  g_assert_cmpstr (s->message, ==, "Processing exch02 Error: Failed to create VM snapshot");
  g_assert_cmpint (s->creation_time, ==, 1782500412);
  s = g_hash_table_lookup (sessions, "4c5f0000-0000-0000-0000-000000000002");
  g_assert_cmpint (s->result, ==, VIGIE_JOB_NONE);
  s = g_hash_table_lookup (sessions, "4c5f0000-0000-0000-0000-000000000003");
  g_assert_null (s->job_id);
  g_assert_cmpint (s->creation_time, ==, 0);
}

static void
test_restore_points (void)
{
  g_autoptr(JsonNode) b = load ("backups.json");
  g_autoptr(JsonNode) o = load ("backupobjects.json");
  g_autoptr(JsonNode) p = load ("restorepoints.json");
  g_autoptr(GHashTable) backups = vigie_veeam_parse_backups (page (b));
  g_autoptr(GPtrArray) objects = vigie_veeam_parse_objects (page (o));
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = NULL;
  VigieVeeamObject *object;
  VigieBackupItem *item;

  g_assert_cmpuint (g_hash_table_size (backups), ==, 2);
  g_assert_cmpuint (objects->len, ==, 3);
  object = g_ptr_array_index (objects, 0);
  g_assert_cmpstr (object->object_id, ==, "vm-42");
  g_assert_cmpstr (object->host, ==, "vc01.tech.local");   /* from the path */
  g_assert_null (object->uuid);
  object = g_ptr_array_index (objects, 1);
  g_assert_cmpstr (object->host, ==, "esx02.tech.local");
  g_assert_cmpstr (object->uuid, ==, "4231c0de-1234-5678-9abc-def012345678");
  object = g_ptr_array_index (objects, 2);
  g_assert_null (object->object_id);

  g_hash_table_insert (names, "53b8b0d4-1f2e-4a6b-9d1c-000000000001", "Exchange (renamed)");
  items = vigie_veeam_parse_restore_points (page (p), g_ptr_array_index (objects, 0),
                                            backups, names);
  g_assert_cmpuint (items->len, ==, 2);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpint (item->source, ==, VIGIE_BACKUP_SOURCE_VEEAM);
  g_assert_cmpstr (item->location, ==, "Exchange (renamed)");
  g_assert_cmpstr (item->job, ==, "Exchange (renamed)");
  g_assert_cmpstr (item->target_type, ==, "vm");
  g_assert_cmpstr (item->target_id, ==, "vm-42");
  g_assert_cmpstr (item->target_name, ==, "exch01");
  g_assert_cmpstr (item->target_host, ==, "vc01.tech.local");
  g_assert_cmpint (item->time, ==, 1782418233);
  g_assert_cmpint (item->size, ==, VIGIE_UNSET);
  g_assert_cmpint (item->verified, ==, VIGIE_VERIFIED_NONE);
  g_assert_cmpstr (item->volid, ==, "9e9e9e9e-0000-0000-0000-000000000001");
  /* A backup without a job: its own name. */
  item = g_ptr_array_index (items, 1);
  g_assert_cmpstr (item->job, ==, "VeeamZIP exch01");
}

static void
test_repositories (void)
{
  g_autoptr(JsonNode) root = load ("repositories-states.json");
  g_autoptr(GPtrArray) stores = vigie_veeam_parse_repositories (page (root));
  VigieStorage *s;

  /* The last one has no name: skipped. */
  g_assert_cmpuint (stores->len, ==, 2);
  s = g_ptr_array_index (stores, 0);
  g_assert_cmpstr (s->name, ==, "Backup Repository 1");
  g_assert_cmpstr (s->type, ==, "WinLocal");
  g_assert_cmpstr (s->host, ==, "enterprise03.tech.local");
  g_assert_cmpint (s->total_bytes, ==, (gint64) (299.4 * 1073741824.0));
  g_assert_cmpint (s->used_bytes, ==, (gint64) ((299.4 - 217.8) * 1073741824.0));
  g_assert_true (s->active);
  s = g_ptr_array_index (stores, 1);
  g_assert_cmpint (s->total_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (s->used_bytes, ==, 12 * G_GINT64_CONSTANT (1073741824));
  g_assert_false (s->active);
  g_assert_cmpstr (s->type, ==, "SomethingNew");
}

/* Valid JSON no server sends: sizes that do not fit in bytes, numbers
 * where strings belong and strings where numbers belong. */
static void
test_hostile (void)
{
  g_autoptr(JsonNode) root = load ("hostile.json");
  g_autoptr(JsonNode) token = json_from_string ("{\"access_token\":\"a\",\"expires_in\":1e300,"
                                                "\"refresh_token\":5}", NULL);
  g_autoptr(GPtrArray) stores = NULL;
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  JsonArray *data = NULL;
  gint64 total = 0, expires = 1;
  VigieStorage *s;

  g_assert_true (vigie_veeam_parse_page (root, &data, &total));
  g_assert_cmpint (total, ==, -1);
  stores = vigie_veeam_parse_repositories (data);
  g_assert_cmpuint (stores->len, ==, 3);
  s = g_ptr_array_index (stores, 0);
  g_assert_cmpint (s->total_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (s->used_bytes, ==, VIGIE_UNSET);
  g_assert_null (s->host);
  g_assert_null (s->extra != NULL ? g_hash_table_lookup (s->extra, "backup-bytes") : NULL);
  g_assert_null (s->extra != NULL ? g_hash_table_lookup (s->extra, "path") : NULL);
  s = g_ptr_array_index (stores, 1);
  g_assert_null (s->type);
  g_assert_cmpint (s->total_bytes, ==, VIGIE_UNSET);
  s = g_ptr_array_index (stores, 2);
  g_assert_cmpint (s->total_bytes, ==, 1073741824);
  g_assert_cmpint (s->used_bytes, ==, 536870912);

  g_assert_true (vigie_veeam_parse_token (token, &access, &refresh, &expires));
  g_assert_cmpint (expires, ==, 0);
  g_assert_null (refresh);
}

static void
test_garbage (void)
{
  const char *docs[] = { "null", "[]", "{}", "{\"data\":null}", "{\"data\":{}}",
                         "{\"data\":[null,1,\"x\",[]],\"pagination\":\"no\"}" };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(JsonNode) root = json_from_string (docs[i], NULL);
      JsonArray *data = NULL;
      gint64 total = 0;
      g_autofree char *a = NULL, *b = NULL, *c = NULL;

      if (vigie_veeam_parse_page (root, &data, &total))
        {
          g_autoptr(GPtrArray) jobs = vigie_veeam_parse_job_states (data, NULL);
          g_autoptr(GPtrArray) objects = vigie_veeam_parse_objects (data);
          g_autoptr(GPtrArray) stores = vigie_veeam_parse_repositories (data);
          g_autoptr(GHashTable) sessions = vigie_veeam_parse_sessions (data);
          g_autoptr(GHashTable) backups = vigie_veeam_parse_backups (data);
          g_autoptr(GPtrArray) points = vigie_veeam_parse_restore_points (data, NULL, NULL, NULL);

          vigie_veeam_apply_jobs (data, jobs, NULL);
          g_assert_cmpint (total, ==, -1);
          g_assert_cmpuint (jobs->len + objects->len + stores->len + points->len, ==, 0);
          g_assert_cmpuint (g_hash_table_size (sessions) + g_hash_table_size (backups), ==, 0);
        }
      g_assert_false (vigie_veeam_parse_server_info (root, &a, &b, &c));
    }
}

/* Found by fuzz-veeam: an empty "id" became a NULL hash key and crashed
 * g_str_hash; a total of 1e999 was cast to gint64 (undefined). */
static void
test_hostile_ids_and_numbers (void)
{
  const char *text =
    "{\"data\": [{\"id\": \"\", \"jobId\": \"j\", \"name\": \"x\", \"type\": \"VM\"},"
    " {\"id\": \"s1\", \"jobId\": \"j\"}], \"pagination\": {\"total\": 1e999}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = vigie_json_parse_bounded (text, strlen (text), &error);
  g_autoptr(GHashTable) sessions = NULL;
  g_autoptr(GHashTable) backups = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  JsonArray *data = NULL;
  gint64 total = 0;

  g_assert_no_error (error);
  g_assert_true (vigie_veeam_parse_page (root, &data, &total));
  g_assert_cmpint (total, ==, -1);
  sessions = vigie_veeam_parse_sessions (data);
  backups = vigie_veeam_parse_backups (data);
  objects = vigie_veeam_parse_objects (data);
  g_assert_cmpuint (g_hash_table_size (sessions), ==, 1);
  g_assert_nonnull (g_hash_table_lookup (sessions, "s1"));
  g_assert_cmpuint (g_hash_table_size (backups), ==, 1);
  g_assert_cmpuint (objects->len, ==, 1);
}

/* Found by fuzz-veeam: a capacity of 2.7e95 GB was cast to gint64. */
static void
test_huge_repository (void)
{
  const char *text = "[{\"name\": \"big\", \"capacityGB\": 2.7e95, \"usedSpaceGB\": 1e300}]";
  g_autoptr(JsonNode) root = vigie_json_parse_bounded (text, strlen (text), NULL);
  g_autoptr(GPtrArray) stores = vigie_veeam_parse_repositories (json_node_get_array (root));
  VigieStorage *storage;

  g_assert_cmpuint (stores->len, ==, 1);
  storage = g_ptr_array_index (stores, 0);
  g_assert_cmpint (storage->total_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (storage->used_bytes, ==, VIGIE_UNSET);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/veeam-parse/token", test_token);
  g_test_add_func ("/vigie/veeam-parse/revisions", test_revisions);
  g_test_add_func ("/vigie/veeam-parse/server-info", test_server_info);
  g_test_add_func ("/vigie/veeam-parse/job-states-1.0-rev2", test_job_states_rev0);
  g_test_add_func ("/vigie/veeam-parse/job-states-1.1-rev2", test_job_states_rev2);
  g_test_add_func ("/vigie/veeam-parse/jobs", test_jobs);
  g_test_add_func ("/vigie/veeam-parse/job-types", test_job_types);
  g_test_add_func ("/vigie/veeam-parse/sessions", test_sessions);
  g_test_add_func ("/vigie/veeam-parse/restore-points", test_restore_points);
  g_test_add_func ("/vigie/veeam-parse/repositories", test_repositories);
  g_test_add_func ("/vigie/veeam-parse/garbage", test_garbage);
  g_test_add_func ("/vigie/veeam-parse/hostile", test_hostile);

  g_test_add_func ("/vigie/veeam-parse/hostile-ids-and-numbers", test_hostile_ids_and_numbers);
  g_test_add_func ("/vigie/veeam-parse/huge-repository", test_huge_repository);
  return g_test_run ();
}
