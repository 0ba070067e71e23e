/* test-history.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The history of inventories: snapshots saved and found again by time,
 * pruned to their bounds, damaged files skipped; the diff between two of
 * them (added, removed, state, version, unreachable, coverage lost) and
 * what it must not claim (an endpoint that failed has not lost its
 * instances); times the user may type.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "vigie-coverage.h"
#include "vigie-history.h"
#include "vigie-inventory.h"
#include "vigie-report.h"

#define T0 1796000000  /* 2026-11-30 */

static VigieInstance *
instance (const char         *id,
          const char         *name,
          VigieInstanceState  state)
{
  VigieInstance *inst = vigie_instance_new ();

  inst->id = g_strdup (id);
  inst->name = g_strdup (name);
  inst->type = VIGIE_INSTANCE_VM;
  inst->state = state;
  return inst;
}

static VigieInventory *
inventory (const char *endpoint,
           const char *version)
{
  VigieInventory *inv = vigie_inventory_new (endpoint, VIGIE_KIND_PROXMOX, "https://127.0.0.1:1");

  inv->status = VIGIE_STATUS_OK;
  inv->version = g_strdup (version);
  return inv;
}

static void
add (VigieInventory *inv,
     VigieInstance  *inst)
{
  vigie_inventory_add_instance (inv, inst);
  g_object_unref (inst);
}

static VigieCoverage *
coverage (const char        *endpoint,
          const char        *id,
          VigieBackupStatus  status)
{
  VigieCoverage *c = vigie_coverage_new ();

  c->endpoint = g_strdup (endpoint);
  c->instance_id = g_strdup (id);
  c->status = status;
  return c;
}

static VigieChange *
find (GPtrArray       *changes,
      VigieChangeKind  kind,
      const char      *endpoint,
      const char      *id)
{
  for (guint i = 0; i < changes->len; i++)
    {
      VigieChange *c = g_ptr_array_index (changes, i);

      if (c->kind == kind && g_strcmp0 (c->endpoint, endpoint) == 0 &&
          g_strcmp0 (c->instance_id, id) == 0)
        return c;
    }
  return NULL;
}

static void
test_diff (void)
{
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListStore) cov_before = g_list_store_new (VIGIE_TYPE_COVERAGE);
  g_autoptr(GListStore) cov_after = g_list_store_new (VIGIE_TYPE_COVERAGE);
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(VigieCoverage) c1 = coverage ("pve", "100", VIGIE_BACKUP_PROTECTED);
  g_autoptr(VigieCoverage) c2 = coverage ("pve", "100", VIGIE_BACKUP_STALE);
  g_autoptr(VigieCoverage) c3 = coverage ("pve", "101", VIGIE_BACKUP_UNPROTECTED);
  g_autoptr(VigieCoverage) c4 = coverage ("pve", "101", VIGIE_BACKUP_UNPROTECTED);
  VigieInventory *pve, *esx, *gone, *incus;
  VigieChange *c;

  /* Before: pve 8.4 with 100 (running, protected), 101, 102; esx answers
   * with one VM; "old" exists; incus answers. */
  pve = inventory ("pve", "8.4.1");
  add (pve, instance ("100", "web", VIGIE_STATE_RUNNING));
  add (pve, instance ("101", "db", VIGIE_STATE_RUNNING));
  add (pve, instance ("102", "old-vm", VIGIE_STATE_STOPPED));
  g_ptr_array_add (before, pve);
  esx = inventory ("esx", "8.0.3");
  add (esx, instance ("vm-1", "mail", VIGIE_STATE_RUNNING));
  g_ptr_array_add (before, esx);
  gone = inventory ("old", "7.0");
  g_ptr_array_add (before, gone);
  incus = inventory ("incus", "6.0.3");
  add (incus, instance ("c1", "c1", VIGIE_STATE_RUNNING));
  g_ptr_array_add (before, incus);
  g_list_store_append (cov_before, c1);
  g_list_store_append (cov_before, c3);
  a = vigie_history_snapshot (before, G_LIST_MODEL (cov_before), T0);

  /* After: pve upgraded to 9.0, 100 stopped and stale, 102 removed, 103
   * added; esx fails (its VM is unknown, not removed); "old" is gone;
   * "new" appears; incus unchanged. */
  pve = inventory ("pve", "9.0.3");
  add (pve, instance ("100", "web", VIGIE_STATE_STOPPED));
  add (pve, instance ("101", "db", VIGIE_STATE_RUNNING));
  add (pve, instance ("103", "new-vm", VIGIE_STATE_RUNNING));
  g_ptr_array_add (after, pve);
  esx = inventory ("esx", NULL);
  esx->status = VIGIE_STATUS_UNREACHABLE;
  g_ptr_array_add (after, esx);
  g_ptr_array_add (after, inventory ("new", "4.1"));
  incus = inventory ("incus", "6.0.3");
  add (incus, instance ("c1", "c1", VIGIE_STATE_RUNNING));
  g_ptr_array_add (after, incus);
  g_list_store_append (cov_after, c2);
  g_list_store_append (cov_after, c4);
  b = vigie_history_snapshot (after, G_LIST_MODEL (cov_after), T0 + 3600);

  changes = vigie_history_diff (a, b);

  c = find (changes, VIGIE_CHANGE_VERSION, "pve", NULL);
  g_assert_nonnull (c);
  g_assert_cmpstr (c->from, ==, "8.4.1");
  g_assert_cmpstr (c->to, ==, "9.0.3");
  c = find (changes, VIGIE_CHANGE_STATE, "pve", "100");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->name, ==, "web");
  g_assert_cmpstr (c->from, ==, "running");
  g_assert_cmpstr (c->to, ==, "stopped");
  c = find (changes, VIGIE_CHANGE_COVERAGE_LOST, "pve", "100");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->to, ==, "stale");
  g_assert_nonnull (find (changes, VIGIE_CHANGE_INSTANCE_REMOVED, "pve", "102"));
  c = find (changes, VIGIE_CHANGE_INSTANCE_ADDED, "pve", "103");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->to, ==, "running");
  c = find (changes, VIGIE_CHANGE_ENDPOINT_UNREACHABLE, "esx", NULL);
  g_assert_nonnull (c);
  g_assert_cmpstr (c->to, ==, "unreachable");
  g_assert_null (find (changes, VIGIE_CHANGE_INSTANCE_REMOVED, "esx", "vm-1"));
  g_assert_nonnull (find (changes, VIGIE_CHANGE_ENDPOINT_REMOVED, "old", NULL));
  g_assert_nonnull (find (changes, VIGIE_CHANGE_ENDPOINT_ADDED, "new", NULL));
  /* Nothing else: 101 unchanged (unprotected both times), incus unchanged. */
  g_assert_cmpuint (changes->len, ==, 8);

  /* Ordered by endpoint, endpoint changes before instances. */
  c = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (c->endpoint, ==, "esx");
  c = g_ptr_array_index (changes, 3);
  g_assert_cmpstr (c->endpoint, ==, "pve");
  g_assert_cmpint (c->kind, ==, VIGIE_CHANGE_VERSION);

  /* A diff with itself is empty. */
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = vigie_history_diff (b, b);
  g_assert_cmpuint (changes->len, ==, 0);
}

/* Coverage is only compared when both snapshots looked at backups. */
static void
test_diff_without_coverage (void)
{
  g_autoptr(GPtrArray) invs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListStore) cov = g_list_store_new (VIGIE_TYPE_COVERAGE);
  g_autoptr(VigieCoverage) c1 = coverage ("pve", "100", VIGIE_BACKUP_PROTECTED);
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  VigieInventory *pve = inventory ("pve", "8.4.1");

  add (pve, instance ("100", "web", VIGIE_STATE_RUNNING));
  g_ptr_array_add (invs, pve);
  g_list_store_append (cov, c1);
  a = vigie_history_snapshot (invs, G_LIST_MODEL (cov), T0);
  b = vigie_history_snapshot (invs, NULL, T0 + 60);
  changes = vigie_history_diff (a, b);
  g_assert_cmpuint (changes->len, ==, 0);
}

/* The recorder's text is the file of the tree, and only what precedes its
 * body depends on the time: the same estate later has the same body. */
static void
test_snapshot_text (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-history-XXXXXX", NULL);
  g_autoptr(GPtrArray) invs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListStore) cov = g_list_store_new (VIGIE_TYPE_COVERAGE);
  g_autoptr(VigieCoverage) c1 = coverage ("pve", "100", VIGIE_BACKUP_PROTECTED);
  g_autoptr(JsonNode) tree = NULL;
  g_autoptr(JsonNode) loaded = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) later = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  VigieInventory *pve = inventory ("pve", "8.4.1");
  gsize body, later_body, changed_body;

  add (pve, instance ("100", "web \"prod\"", VIGIE_STATE_RUNNING));
  add (pve, instance ("101", "db", VIGIE_STATE_STOPPED));
  g_ptr_array_add (invs, pve);
  g_ptr_array_add (invs, inventory ("esx", NULL));
  g_list_store_append (cov, c1);

  tree = vigie_history_snapshot (invs, G_LIST_MODEL (cov), T0);
  expected = vigie_json_to_string (tree);
  text = vigie_history_snapshot_text (invs, G_LIST_MODEL (cov), T0, &body);
  g_assert_cmpstr (text->str, ==, expected);
  g_assert_cmpuint (body, >, 0);
  g_assert_cmpuint (body, <, text->len);
  g_assert_nonnull (strstr (text->str + body, "\"endpoints\""));
  g_assert_null (strstr (text->str + body, "taken_at"));

  later = vigie_history_snapshot_text (invs, G_LIST_MODEL (cov), T0 + 600, &later_body);
  g_assert_cmpstr (text->str + body, ==, later->str + later_body);
  g_assert_cmpstr (text->str, !=, later->str);

  VIGIE_INSTANCE (g_list_model_get_object (G_LIST_MODEL (pve->instances), 1))->state = VIGIE_STATE_RUNNING;
  g_object_unref (g_list_model_get_object (G_LIST_MODEL (pve->instances), 1));
  changed = vigie_history_snapshot_text (invs, G_LIST_MODEL (cov), T0 + 600, &changed_body);
  g_assert_cmpstr (text->str + body, !=, changed->str + changed_body);

  /* Saved, it is read back as the tree it stands for. */
  g_assert_true (vigie_history_save (dir, text->str, text->len, T0, &error));
  g_assert_no_error (error);
  loaded = vigie_history_load_at (dir, T0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (loaded, tree));
  {
    g_autofree char *path = g_build_filename (dir, "inventory-001796000000.json", NULL);

    g_assert_cmpint (g_unlink (path), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
}

static GString *
one_endpoint_snapshot (gint64      when,
                       const char *version)
{
  g_autoptr(GPtrArray) invs = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (invs, inventory ("pve", version));
  return vigie_history_snapshot_text (invs, NULL, when, NULL);
}

static void
test_save_load_prune (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-history-XXXXXX", NULL);
  g_autofree char *damaged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  JsonNode *node;
  gboolean exact = FALSE;
  GStatBuf st;
  guint files = 0;

  /* Nothing recorded yet. */
  node = vigie_history_load_at (dir, T0, &exact, &error);
  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *version = g_strdup_printf ("8.%d", i);
      g_autoptr(GString) snap = one_endpoint_snapshot (T0 + i * 3600, version);

      g_assert_true (vigie_history_save (dir, snap->str, snap->len, T0 + i * 3600, &error));
      g_assert_no_error (error);
    }

  /* The newest at or before the time asked. */
  node = vigie_history_load_at (dir, T0 + 3600 + 10, &exact, &error);
  g_assert_no_error (error);
  g_assert_true (exact);
  g_assert_cmpint (vigie_history_taken_at (node), ==, T0 + 3600);
  json_node_unref (node);
  /* Before the first one: the oldest, and it says so. */
  node = vigie_history_load_at (dir, T0 - 1, &exact, &error);
  g_assert_false (exact);
  g_assert_cmpint (vigie_history_taken_at (node), ==, T0);
  json_node_unref (node);

  /* A damaged newest file is skipped, not fatal. */
  damaged = g_build_filename (dir, "inventory-001796010000.json", NULL);
  g_assert_true (g_file_set_contents (damaged, "[[[[ not json", -1, NULL));
  node = vigie_history_load_at (dir, T0 + 10 * 3600, &exact, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vigie_history_taken_at (node), ==, T0 + 2 * 3600);
  json_node_unref (node);
  g_unlink (damaged);

  /* Private files. */
  {
    g_autofree char *path = g_build_filename (dir, "inventory-001796000000.json", NULL);

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* Ninety-one days later, only the new one is left. */
  {
    gint64 later = T0 + (gint64) 91 * 86400;
    g_autoptr(GString) snap = one_endpoint_snapshot (later, "9.0");

    g_assert_true (vigie_history_save (dir, snap->str, snap->len, later, &error));
  }
  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    files++;
  g_assert_cmpuint (files, ==, 1);

  /* At most VIGIE_HISTORY_KEEP, the newest kept. */
  for (int i = 0; i < VIGIE_HISTORY_KEEP + 5; i++)
    {
      gint64 when = T0 + (gint64) 92 * 86400 + i;
      g_autoptr(GString) snap = one_endpoint_snapshot (when, "9.0");

      g_assert_true (vigie_history_save (dir, snap->str, snap->len, when, NULL));
    }
  g_clear_pointer (&d, g_dir_close);
  d = g_dir_open (dir, 0, NULL);
  files = 0;
  while (g_dir_read_name (d) != NULL)
    files++;
  g_assert_cmpuint (files, ==, VIGIE_HISTORY_KEEP);
  node = vigie_history_load_at (dir, G_MAXINT64, &exact, NULL);
  g_assert_cmpint (vigie_history_taken_at (node), ==,
                   T0 + (gint64) 92 * 86400 + VIGIE_HISTORY_KEEP + 4);
  json_node_unref (node);

  /* Clean up. */
  {
    const char *name;

    g_clear_pointer (&d, g_dir_close);
    d = g_dir_open (dir, 0, NULL);
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

static void
test_parse_since (void)
{
  g_autoptr(GError) error = NULL;
  gint64 when = 0;
  const char *bad[] = { "", "3x", "h", "-2h", "12", "2026-13-01", "yesterday", "2h ",
                        "99999999999999999999d" };

  g_assert_true (vigie_history_parse_since ("90m", T0, &when, NULL));
  g_assert_cmpint (when, ==, T0 - 90 * 60);
  g_assert_true (vigie_history_parse_since ("36h", T0, &when, NULL));
  g_assert_cmpint (when, ==, T0 - 36 * 3600);
  g_assert_true (vigie_history_parse_since ("7d", T0, &when, NULL));
  g_assert_cmpint (when, ==, T0 - 7 * 86400);
  g_assert_true (vigie_history_parse_since ("2w", T0, &when, NULL));
  g_assert_cmpint (when, ==, T0 - 14 * 86400);
  g_assert_true (vigie_history_parse_since ("2026-12-01T08:00:00Z", T0, &when, NULL));
  g_assert_cmpint (when, ==, 1796112000);
  g_assert_true (vigie_history_parse_since ("2026-12-01", T0, &when, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (vigie_history_parse_since (bad[i], T0, &when, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
}

static void
test_writers (void)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_change_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *csv = NULL;
  VigieChange *c = g_new0 (VigieChange, 1);

  c->kind = VIGIE_CHANGE_STATE;
  c->endpoint = g_strdup ("pve");
  c->instance_id = g_strdup ("100");
  c->name = g_strdup ("=cmd|' /C calc'!A0");
  c->from = g_strdup ("running");
  c->to = g_strdup ("stopped");
  g_ptr_array_add (changes, c);

  csv = vigie_history_changes_csv (changes);
  g_assert_true (g_str_has_prefix (csv, "change,endpoint,id,project,name,from,to\r\n"));
  /* A formula from a server is neutralised. */
  g_assert_null (strstr (csv, ",=cmd"));
  g_assert_nonnull (strstr (csv, "state,pve,100,,"));
  rows = vigie_history_changes_rows (changes);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[2], ==, "=cmd|' /C calc'!A0 (100)");
  json = vigie_history_changes_json (changes, T0, T0 - 60, T0 + 60);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "schema"), ==,
                   "vigie.changes/1");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (json), "changes")), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/history/diff", test_diff);
  g_test_add_func ("/history/diff-without-coverage", test_diff_without_coverage);
  g_test_add_func ("/history/save-load-prune", test_save_load_prune);
  g_test_add_func ("/history/snapshot-text", test_snapshot_text);
  g_test_add_func ("/history/parse-since", test_parse_since);
  g_test_add_func ("/history/writers", test_writers);
  return g_test_run ();
}
