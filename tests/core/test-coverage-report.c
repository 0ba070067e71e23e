/* test-coverage-report.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is made of the coverage once matched: backup jobs, the diff between
 * two refreshes, and the vigie.backups/1 JSON and table/CSV writers,
 * checked against the contract. Matching itself is in test-coverage.c.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "coverage-fixture.h"

static VigieJob *
make_job (VigieInventory *inv,
          const char     *id,
          const char     *kind,
          VigieJobResult  result)
{
  g_autoptr(VigieJob) job = vigie_job_new ();

  job->id = g_strdup (id);
  job->name = g_strdup (id);
  job->kind = g_strdup (kind);
  job->last_result = result;
  vigie_inventory_add_job (inv, job);
  return job;
}

static void
test_jobs (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) jobs = NULL;
  VigieInventory *pve = inv_new (invs, "pve1", VIGIE_KIND_PROXMOX, "https://pve1:8006");
  VigieInventory *pbs = inv_new (invs, "pbs1", VIGIE_KIND_PBS, "https://pbs:8007");
  VigieInventory *veeam = inv_new (invs, "veeam1", VIGIE_KIND_VEEAM, "https://veeam:9419");
  g_autoptr(VigieJob) first = NULL;

  make_job (pve, "backup-1", "backup", VIGIE_JOB_SUCCESS);
  make_job (pbs, "verify-1", "verify", VIGIE_JOB_SUCCESS);
  make_job (pbs, "gc-1", "gc", VIGIE_JOB_FAILED);
  make_job (veeam, "Daily", NULL, VIGIE_JOB_WARNING);
  make_job (veeam, "Weekly", "VSphereBackup", VIGIE_JOB_SUCCESS);
  make_job (pve, "backup-2", "vzdump", VIGIE_JOB_NONE);
  make_job (pbs, "sync-1", "sync", VIGIE_JOB_SUCCESS);
  /* Veeam's other data protection jobs are jobs too. */
  make_job (veeam, "DR replica", "replica", VIGIE_JOB_SUCCESS);
  make_job (veeam, "Offsite", "backup-copy", VIGIE_JOB_FAILED);
  make_job (veeam, "Laptops", "agent-backup", VIGIE_JOB_NONE);

  jobs = vigie_coverage_collect_jobs (invs);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (jobs)), ==, 7);
  first = g_list_model_get_item (G_LIST_MODEL (jobs), 0);
  g_assert_cmpstr (first->endpoint, ==, "pve1");
}

static GListStore *
rows_with (const char        *name,
           VigieBackupStatus  status)
{
  GListStore *store = g_list_store_new (VIGIE_TYPE_COVERAGE);
  g_autoptr(VigieCoverage) row = vigie_coverage_new ();

  row->endpoint = g_strdup ("pve1");
  row->instance_id = g_strdup (name);
  row->instance_name = g_strdup (name);
  row->status = status;
  g_list_store_append (store, row);
  return store;
}

static GListStore *
jobs_with (VigieJobResult result)
{
  GListStore *store = g_list_store_new (VIGIE_TYPE_JOB);
  g_autoptr(VigieJob) job = vigie_job_new ();

  job->endpoint = g_strdup ("veeam1");
  job->id = g_strdup ("j1");
  job->name = g_strdup ("Daily");
  job->last_result = result;
  job->message = g_strdup ("No space left");
  g_list_store_append (store, job);
  return store;
}

static void
test_diff (void)
{
  g_autoptr(GListStore) protected_ = rows_with ("web", VIGIE_BACKUP_PROTECTED);
  g_autoptr(GListStore) stale = rows_with ("web", VIGIE_BACKUP_STALE);
  g_autoptr(GListStore) failed = rows_with ("web", VIGIE_BACKUP_FAILED);
  g_autoptr(GListStore) other = rows_with ("db", VIGIE_BACKUP_UNPROTECTED);
  g_autoptr(GListStore) ok_jobs = jobs_with (VIGIE_JOB_SUCCESS);
  g_autoptr(GListStore) failed_jobs = jobs_with (VIGIE_JOB_FAILED);
  g_autoptr(GPtrArray) changes = NULL;
  VigieCoverageChange *change;

  /* First round: nothing to compare with. */
  changes = vigie_coverage_diff (NULL, G_LIST_MODEL (stale), NULL, G_LIST_MODEL (failed_jobs));
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_pointer (&changes, g_ptr_array_unref);

  changes = vigie_coverage_diff (G_LIST_MODEL (protected_), G_LIST_MODEL (stale),
                                 G_LIST_MODEL (ok_jobs), G_LIST_MODEL (failed_jobs));
  g_assert_cmpuint (changes->len, ==, 2);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpint (change->kind, ==, VIGIE_COVERAGE_CHANGE_INSTANCE);
  g_assert_cmpstr (change->name, ==, "web");
  g_assert_cmpint (change->old_status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpint (change->new_status, ==, VIGIE_BACKUP_STALE);
  change = g_ptr_array_index (changes, 1);
  g_assert_cmpint (change->kind, ==, VIGIE_COVERAGE_CHANGE_JOB);
  g_assert_cmpstr (change->name, ==, "Daily");
  g_assert_cmpstr (change->message, ==, "No space left");
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* Staying bad, or getting worse from stale, is not news again. */
  changes = vigie_coverage_diff (G_LIST_MODEL (stale), G_LIST_MODEL (failed),
                                 G_LIST_MODEL (failed_jobs), G_LIST_MODEL (failed_jobs));
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* Getting better is not either; nor an instance that is gone. */
  changes = vigie_coverage_diff (G_LIST_MODEL (failed), G_LIST_MODEL (protected_),
                                 G_LIST_MODEL (failed_jobs), G_LIST_MODEL (ok_jobs));
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = vigie_coverage_diff (G_LIST_MODEL (protected_), G_LIST_MODEL (other), NULL, NULL);
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_pointer (&changes, g_ptr_array_unref);

  changes = vigie_coverage_diff (G_LIST_MODEL (protected_), G_LIST_MODEL (failed), NULL, NULL);
  g_assert_cmpuint (changes->len, ==, 1);
}

/* Rows are told apart by (endpoint uuid, project, id): an instance that got
 * worse while its endpoint was renamed is news, the same id on another
 * endpoint is not. Rows take the uuid of their inventory. */
static void
test_diff_identity (void)
{
  g_autoptr(GPtrArray) inventories = g_ptr_array_new_with_free_func (g_object_unref);
  VigieInventory *inv = inv_new (inventories, "pve1", VIGIE_KIND_PROXMOX, "https://pve1:8006");
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(GListStore) before = rows_with ("web", VIGIE_BACKUP_PROTECTED);
  g_autoptr(GListStore) after = rows_with ("web", VIGIE_BACKUP_STALE);
  g_autoptr(GListStore) elsewhere = rows_with ("web", VIGIE_BACKUP_STALE);
  g_autoptr(VigieCoverage) row = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  VigieCoverage *b, *a, *e;

  vigie_inventory_set_endpoint (inv, "pve1", "uuid-1");
  add_instance (inv, "101", "web", VIGIE_INSTANCE_VM);
  rows = vigie_coverage_compute (inventories, test_now (), 24);
  row = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_assert_cmpstr (row->endpoint_uuid, ==, "uuid-1");

  b = g_list_model_get_item (G_LIST_MODEL (before), 0);
  a = g_list_model_get_item (G_LIST_MODEL (after), 0);
  e = g_list_model_get_item (G_LIST_MODEL (elsewhere), 0);
  b->endpoint_uuid = g_strdup ("uuid-1");
  a->endpoint_uuid = g_strdup ("uuid-1");
  g_free (a->endpoint);
  a->endpoint = g_strdup ("pve-renamed");
  e->endpoint_uuid = g_strdup ("uuid-2");
  changes = vigie_coverage_diff (G_LIST_MODEL (before), G_LIST_MODEL (after), NULL, NULL);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((VigieCoverageChange *) g_ptr_array_index (changes, 0))->endpoint, ==,
                   "pve-renamed");
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = vigie_coverage_diff (G_LIST_MODEL (before), G_LIST_MODEL (elsewhere), NULL, NULL);
  g_assert_cmpuint (changes->len, ==, 0);
  g_object_unref (a);
  g_object_unref (b);
  g_object_unref (e);
}

/* Everything at once, written as vigie.backups/1, checked against the
 * contract's schema (python3-jsonschema when present) and structurally. */
static GPtrArray *
build_lab (gint64 now)
{
  GPtrArray *invs = inventories_new ();
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Timed out");
  VigieInventory *pve = inv_new (invs, "pve1", VIGIE_KIND_PROXMOX, "https://pve1:8006");
  VigieInventory *pbs = inv_new (invs, "pbs1", VIGIE_KIND_PBS, "https://pbs:8007");
  VigieInventory *esx = inv_new (invs, "esx1", VIGIE_KIND_ESXI, "https://esx1/sdk");
  VigieInventory *veeam = inv_new (invs, "veeam1", VIGIE_KIND_VEEAM, "https://veeam:9419");
  VigieInventory *incus = inv_new (invs, "incus1", VIGIE_KIND_INCUS, "https://incus:8443");
  VigieInventory *down = inv_new (invs, "esx-down", VIGIE_KIND_ESXI, "https://down/sdk");
  VigieJob *job;

  vigie_inventory_set_error (down, error);
  add_storage (pve, "pbs", "pbs", "pbs", "store1", "prod");
  add_instance (pve, "100", "web", VIGIE_INSTANCE_VM);
  add_instance (pve, "200", "dns, \"primary\"", VIGIE_INSTANCE_CONTAINER);
  add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - HOUR)->namespace_ =
    g_strdup ("prod");
  add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "ct", "200", now - 40 * HOUR);
  add_vm (esx, "vm-1", "mail", NULL, NULL);
  add_veeam (veeam, "vm-1", NULL, "mail", NULL, now - 3 * HOUR);
  add_instance (incus, "c1", "c1", VIGIE_INSTANCE_CONTAINER)->project = g_strdup ("default");
  job = make_job (pve, "backup-1", "backup", VIGIE_JOB_SUCCESS);
  job->enabled = 1;
  job->schedule = g_strdup ("21:00");
  job->last_run = now - 21 * HOUR;
  job->next_run = now + 3 * HOUR;
  job = make_job (veeam, "Daily", "backup", VIGIE_JOB_FAILED);
  job->last_run = now - HOUR;
  return invs;
}

static void
check_structure (JsonObject *obj)
{
  const char *top[] = { "schema", "generated_at", "rpo_hours", "endpoints", "coverage", "jobs",
                        "summary" };
  const char *row_members[] = { "endpoint", "instance_id", "instance_name", "project", "type",
                                "last_backup", "age_hours", "source", "backup_count",
                                "verified", "status" };
  const char *job_members[] = { "endpoint", "name", "enabled", "schedule", "last_result",
                                "last_run", "next_run" };
  JsonArray *array;

  for (guint i = 0; i < G_N_ELEMENTS (top); i++)
    g_assert_true (json_object_has_member (obj, top[i]));
  g_assert_cmpstr (json_object_get_string_member (obj, "schema"), ==, "vigie.backups/1");
  array = json_object_get_array_member (obj, "coverage");
  for (guint i = 0; i < json_array_get_length (array); i++)
    for (guint k = 0; k < G_N_ELEMENTS (row_members); k++)
      g_assert_true (json_object_has_member (json_array_get_object_element (array, i),
                                             row_members[k]));
  array = json_object_get_array_member (obj, "jobs");
  for (guint i = 0; i < json_array_get_length (array); i++)
    for (guint k = 0; k < G_N_ELEMENTS (job_members); k++)
      g_assert_true (json_object_has_member (json_array_get_object_element (array, i),
                                             job_members[k]));
}

static void
test_json_schema (void)
{
  gint64 now = test_now ();
  g_autoptr(GPtrArray) invs = build_lab (now);
  g_autoptr(GListStore) coverage = vigie_coverage_compute (invs, now, 24);
  g_autoptr(GListStore) jobs = vigie_coverage_collect_jobs (invs);
  g_autoptr(JsonNode) root = vigie_report_backups_json (invs, G_LIST_MODEL (coverage),
                                                        G_LIST_MODEL (jobs), 24, now);
  g_autofree char *text = vigie_json_to_string (root);
  g_autofree char *dir = g_dir_make_tmp ("vigie-coverage-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "backups.json", NULL);
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "..", "docs", "contract",
                                                   "backups.schema.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *obj = json_node_get_object (root);
  JsonObject *summary = json_object_get_object_member (obj, "summary");
  JsonObject *first;
  int status = 0;

  check_structure (obj);
  g_assert_cmpstr (json_object_get_string_member (obj, "generated_at"), ==, "2026-11-25T18:00:00Z");
  g_assert_cmpint (json_object_get_int_member (summary, "instances"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (summary, "protected"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "stale"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "unprotected"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "failed"), ==, 1);
  first = json_array_get_object_element (json_object_get_array_member (obj, "coverage"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "source"), ==, "pbs:pbs1/store1/prod");
  g_assert_cmpstr (json_object_get_string_member (first, "last_backup"), ==, "2026-11-25T17:00:00Z");
  g_assert_cmpfloat (json_object_get_double_member (first, "age_hours"), ==, 1.0);
  g_assert_true (json_object_get_null_member (first, "project"));

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);

  /* The contract's validator, when this machine has it. */
  if (!g_spawn_command_line_sync ("python3 -c 'import jsonschema'", NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("python3-jsonschema not installed: structural check only");
    }
  else
    {
      const char *argv[] = {
        "python3", "-c",
        "import json, sys, jsonschema\n"
        "schema = json.load (open (sys.argv[1]))\n"
        "doc = json.load (open (sys.argv[2]))\n"
        "jsonschema.validate (doc, schema, format_checker=jsonschema.FormatChecker ())\n",
        schema, path, NULL
      };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("schema validation failed: %s", err);
    }
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_table_csv (void)
{
  gint64 now = test_now ();
  g_autoptr(GPtrArray) invs = build_lab (now);
  g_autoptr(GListStore) coverage = vigie_coverage_compute (invs, now, 24);
  g_autoptr(GListStore) jobs = vigie_coverage_collect_jobs (invs);
  g_autofree char *table = vigie_report_backups_table (invs, G_LIST_MODEL (coverage),
                                                       G_LIST_MODEL (jobs));
  g_autofree char *csv = vigie_report_backups_csv (G_LIST_MODEL (coverage));
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  g_assert_nonnull (strstr (table, "pbs:pbs1/store1/prod"));
  g_assert_nonnull (strstr (table, "esx-down"));
  g_assert_nonnull (strstr (table, "backup-1"));
  g_assert_true (g_str_has_prefix (lines[0], "endpoint,instance_id,instance_name,project,type,"));
  g_assert_cmpuint (g_strv_length (lines), ==, 6);  /* header, 4 rows, "" */
  g_assert_cmpstr (lines[1], ==,
                   "pve1,100,web,,vm,2026-11-25T17:00:00Z,1.00,pbs:pbs1/store1/prod,1,none,protected,false");
  g_assert_nonnull (strstr (lines[2], "\"dns, \"\"primary\"\"\""));
}

static void
test_format_age (void)
{
  const struct { double hours; const char *text; } cases[] = {
    { -1, "-" }, { 0.5, "30 min" }, { 3.2, "3 h" }, { 47.9, "47 h" }, { 120, "5 d" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = vigie_format_age (cases[i].hours);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/coverage/jobs", test_jobs);
  g_test_add_func ("/vigie/coverage/diff", test_diff);
  g_test_add_func ("/vigie/coverage/diff-identity", test_diff_identity);
  g_test_add_func ("/vigie/coverage/json-schema", test_json_schema);
  g_test_add_func ("/vigie/coverage/table-csv", test_table_csv);
  g_test_add_func ("/vigie/coverage/format-age", test_format_age);

  return g_test_run ();
}
