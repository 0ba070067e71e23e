/* test-compare-page.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Compare page over the test backend, on a fixed day: two endpoint
 * columns and a product line make the grid, each cell explains its score
 * and names its source, a weight slider changes the totals and the ranking,
 * and the weights are remembered; a refresh updates the cells in place (an
 * open popover stays open); "Edit Prices…" writes prices.json, the cost
 * follows and "Reset to List Prices" undoes it; the hardware profile set on
 * the page is written to hardware.json and priced, a malformed one is said
 * and not written over, "Use Live Hosts" forgets it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "vigie-compare-cell.h"
#include "vigie-compare-page.h"
#include "vigie-error.h"
#include "vigie-prices-dialog.h"
#include "vigie-test-backend.h"
#include "vigie-test-util.h"
#include "vigie-window.h"

#define APP_ID "io.github.vigie.Vigie"

static gboolean have_display;

typedef struct {
  char               *dir;
  VigieEndpointStore *store;
  VigieContext       *context;
  GSettings          *settings;
  VigieWindow        *window;
  VigieComparePage   *page;
} Fixture;

static void
add_endpoint (Fixture    *fixture,
              const char *name,
              VigieKind   kind,
              const char *product,
              const char *version,
              const char *cpus)
{
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new (name, kind, "https://test.invalid");
  g_autoptr(GError) error = NULL;

  vigie_endpoint_set_option (endpoint, "test-product", product);
  vigie_endpoint_set_option (endpoint, "test-version", version);
  vigie_endpoint_set_option (endpoint, "test-instances", "6");
  /* "SOCKETS,CORES": the prices test needs a host that reports its CPUs. */
  if (cpus != NULL)
    vigie_endpoint_set_option (endpoint, "test-cpus", cpus);
  vigie_endpoint_store_add (fixture->store, endpoint, &error);
  g_assert_no_error (error);
}

static gboolean
page_has_endpoints (gpointer data)
{
  Fixture *fixture = data;
  VigieComparison *comparison = vigie_compare_page_get_comparison (fixture->page);

  for (guint c = 0; c < vigie_comparison_get_n_columns (comparison); c++)
    if (g_strcmp0 (vigie_comparison_get_column (comparison, c)->endpoint, "pve") == 0)
      return TRUE;
  return FALSE;
}

/* The window with the page, not shown and not read yet. */
static void
fixture_set_up_unread (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(VigieSecretStore) secrets = NULL;
  g_autoptr(VigieClock) clock = NULL;

  if (!have_display)
    return;
  fixture->dir = g_dir_make_tmp ("vigie-test-XXXXXX", NULL);
  fixture->store = vigie_endpoint_store_new (fixture->dir);
  secrets = vigie_secret_store_new_memory ();
  clock = vigie_clock_new_fixed (vigie_parse_time ("2026-12-06T12:00:00Z"));
  fixture->context = vigie_context_new (secrets, clock);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "compare-weights");
  g_settings_reset (fixture->settings, "compare-mode");
  add_endpoint (fixture, "pve", VIGIE_KIND_PROXMOX, "Proxmox VE", "8.4.1", data);
  add_endpoint (fixture, "esx", VIGIE_KIND_ESXI, "VMware ESXi", "8.0.3", NULL);

  fixture->window = vigie_window_new_for_store (fixture->store, fixture->context,
                                                fixture->settings, vigie_test_backend_factory);
  /* The narrow end of what Vigie supports. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  fixture->page = vigie_window_get_compare_page (fixture->window);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture_set_up_unread (fixture, data);
  if (have_display)
    g_assert_true (vigie_test_wait_until (page_has_endpoints, fixture, 30));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (!have_display)
    return;
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  vigie_test_spin (0.1);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  {
    g_autofree char *prices = g_build_filename (fixture->dir, "prices.json", NULL);
    g_autofree char *hardware = g_build_filename (fixture->dir, "hardware.json", NULL);

    g_remove (prices);
    g_remove (hardware);
  }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
match_cell (GtkWidget *widget,
            gpointer   data)
{
  return VIGIE_IS_COMPARE_CELL_VIEW (widget);
}

static guint
count_cells (GtkWidget *root)
{
  guint n = match_cell (root, NULL) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_cells (child);
  return n;
}

static gboolean
match_label_prefix (GtkWidget *widget,
                    gpointer   prefix)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static gboolean
page_has_cells (gpointer data)
{
  Fixture *fixture = data;

  return count_cells (GTK_WIDGET (fixture->page)) > 0;
}

/* The page is built when it first shows, not with the window (it was a
 * sixth of the window's start-up at 2,000 guests). */
static void
test_built_when_shown (Fixture       *fixture,
                       gconstpointer  data)
{
  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  vigie_test_spin (0.5);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (fixture->page)));
  g_assert_cmpuint (count_cells (GTK_WIDGET (fixture->page)), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "compare");
  g_assert_true (vigie_test_wait_until (page_has_cells, fixture, 30));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->page)));
  g_assert_true (page_has_endpoints (fixture));
}

static void
show_columns (Fixture *fixture)
{
  const char *const keys[] = { "pve", "esx", "product:incus-6-lts", NULL };

  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (fixture->page), ADW_TYPE_VIEW_STACK)),
    "compare");
  vigie_compare_page_set_columns (fixture->page, keys);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static Fixture *current_fixture;

static gboolean
comparison_replaced (gpointer before)
{
  return vigie_compare_page_get_comparison (current_fixture->page) != before;
}

static void
test_grid (Fixture       *fixture,
           gconstpointer  data)
{
  VigieComparison *comparison;
  GtkWidget *cell, *found;
  GtkPopover *popover;
  int row;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  current_fixture = fixture;
  show_columns (fixture);
  comparison = vigie_compare_page_get_comparison (fixture->page);
  g_assert_cmpuint (vigie_comparison_get_n_columns (comparison), ==, 3);
  g_assert_cmpstr (vigie_comparison_get_column (comparison, 0)->endpoint, ==, "pve");
  g_assert_cmpstr (vigie_comparison_get_column (comparison, 1)->endpoint, ==, "esx");
  g_assert_cmpstr (vigie_comparison_get_column (comparison, 2)->line, ==, "incus-6-lts");
  /* One cell per criterion and column. */
  g_assert_cmpuint (count_cells (GTK_WIDGET (fixture->page)), ==,
                    3 * vigie_comparison_get_n_criteria (comparison));
  g_assert_nonnull (vigie_compare_page_get_weight_range (fixture->page, "license_cost"));
  g_assert_null (vigie_compare_page_get_weight_range (fixture->page, "product"));

  /* The popover of Proxmox VE 8's support status names the rule and the source. */
  row = vigie_comparison_find_criterion (comparison, "support_status");
  g_assert_cmpint (row, >=, 0);
  cell = vigie_test_find_widget (GTK_WIDGET (fixture->page), match_cell, NULL);
  while (cell != NULL)
    {
      GtkWidget *next;

      if (g_strcmp0 (gtk_widget_get_tooltip_text (gtk_widget_get_first_child (cell)),
                     "End of support") == 0)
        break;
      /* Cells are siblings in the grid. */
      for (next = gtk_widget_get_next_sibling (cell); next != NULL && !match_cell (next, NULL);
           next = gtk_widget_get_next_sibling (next))
        ;
      cell = next;
    }
  g_assert_nonnull (cell);
  vigie_compare_cell_view_popup (VIGIE_COMPARE_CELL_VIEW (cell));
  popover = vigie_compare_cell_view_get_popover (VIGIE_COMPARE_CELL_VIEW (cell));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  found = vigie_test_find_widget (GTK_WIDGET (popover), match_label_prefix, "https://");
  g_assert_nonnull (found);
  found = vigie_test_find_widget (GTK_WIDGET (popover), match_label_prefix, "Support status — pve");
  g_assert_nonnull (found);
  found = vigie_test_find_widget (GTK_WIDGET (popover), match_label_prefix, "0.0 / 5");
  g_assert_nonnull (found);

  /* A refresh gives a new comparison of the same shape: the same cell shows
   * it and its popover stays open. */
  {
    g_autoptr(VigieComparison) before = g_object_ref (comparison);
    g_autoptr(GtkWidget) kept = g_object_ref (cell);
    GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (cell, GTK_TYPE_SCROLLED_WINDOW)));

    g_assert_cmpfloat (gtk_adjustment_get_upper (scroll), >,
                       gtk_adjustment_get_page_size (scroll) + 200);
    gtk_adjustment_set_value (scroll, 200);
    vigie_monitor_refresh (vigie_window_get_monitor (fixture->window));
    g_assert_true (vigie_test_wait_until (comparison_replaced, before, 30));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
    g_assert_cmpfloat (gtk_adjustment_get_value (scroll), ==, 200);
    g_assert_true (gtk_widget_get_parent (kept) != NULL);
    g_assert_true (gtk_widget_is_ancestor (kept, GTK_WIDGET (fixture->page)));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
    g_assert_nonnull (vigie_test_find_widget (GTK_WIDGET (popover), match_label_prefix,
                                              "Support status — pve"));
    comparison = vigie_compare_page_get_comparison (fixture->page);
    g_assert_cmpuint (count_cells (GTK_WIDGET (fixture->page)), ==,
                      3 * vigie_comparison_get_n_criteria (comparison));
  }
  gtk_popover_popdown (popover);

  /* A column goes, the grid follows. */
  vigie_compare_page_remove_column (fixture->page, "esx");
  comparison = vigie_compare_page_get_comparison (fixture->page);
  g_assert_cmpuint (vigie_comparison_get_n_columns (comparison), ==, 2);
  g_assert_cmpuint (count_cells (GTK_WIDGET (fixture->page)), ==,
                    2 * vigie_comparison_get_n_criteria (comparison));
}

static void
test_weights (Fixture       *fixture,
              gconstpointer  data)
{
  VigieComparison *comparison;
  g_autofree char *before = NULL;
  g_autofree char *remembered = NULL;
  g_autoptr(GVariant) weights = NULL;
  double pve_before, incus_before;
  GtkRange *range;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  show_columns (fixture);
  comparison = vigie_compare_page_get_comparison (fixture->page);
  pve_before = vigie_comparison_get_score (comparison, 0);
  incus_before = vigie_comparison_get_score (comparison, 2);
  before = g_strdup (vigie_compare_page_get_ranking_text (fixture->page));
  /* Balanced: Incus 6.0 LTS first, the Proxmox VE 8 past its end after it. */
  g_assert_true (g_str_has_prefix (before, "Ranking: 1. Incus 6.0 LTS"));

  /* Clustering is built into both, so weigh high availability: Proxmox
   * VE's is built in, Incus's limited. */
  range = vigie_compare_page_get_weight_range (fixture->page, "high_availability");
  g_assert_nonnull (range);
  gtk_range_set_value (range, 5);
  g_assert_cmpfloat (vigie_comparison_get_weight (comparison, "high_availability"), ==, 5);
  g_assert_cmpfloat (vigie_comparison_get_score (comparison, 0), >, pve_before);
  g_assert_cmpfloat (vigie_comparison_get_score (comparison, 2), <, incus_before);
  g_assert_true (g_str_has_prefix (vigie_compare_page_get_ranking_text (fixture->page),
                                   "Ranking: 1. pve"));
  g_assert_null (vigie_comparison_get_preset (comparison));

  /* Remembered as the engine's JSON, and applied to the next comparison. */
  weights = g_settings_get_value (fixture->settings, "compare-weights");
  g_assert_true (g_variant_lookup (weights, "hypervisors", "s", &remembered));
  g_assert_nonnull (strstr (remembered, "\"high_availability\":5"));
  vigie_compare_page_remove_column (fixture->page, "esx");
  comparison = vigie_compare_page_get_comparison (fixture->page);
  g_assert_cmpfloat (vigie_comparison_get_weight (comparison, "high_availability"), ==, 5);
  g_assert_cmpfloat (gtk_range_get_value (vigie_compare_page_get_weight_range (fixture->page,
                                                                               "high_availability")),
                     ==, 5);

  /* A preset resets every slider. */
  vigie_compare_page_apply_preset (fixture->page, "balanced");
  g_assert_cmpfloat (gtk_range_get_value (vigie_compare_page_get_weight_range (fixture->page,
                                                                               "high_availability")),
                     ==, 1);
  g_assert_cmpstr (vigie_comparison_get_preset (comparison), ==, "balanced");
  g_assert_true (g_str_has_prefix (vigie_compare_page_get_ranking_text (fixture->page),
                                   "Ranking: 1. Incus 6.0 LTS"));
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  show_columns (fixture);
  path = g_build_filename (fixture->dir, "report.md", NULL);
  g_assert_true (vigie_compare_page_export (fixture->page, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Incus 6.0 LTS"));
  g_assert_nonnull (strstr (text, "pve"));
  g_remove (path);
  g_clear_pointer (&path, g_free);

  path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_assert_true (vigie_compare_page_export (fixture->page, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_remove (path);
  g_clear_pointer (&path, g_free);

  /* No known extension: a clear error, nothing written. */
  path = g_build_filename (fixture->dir, "report.docx", NULL);
  g_assert_false (vigie_compare_page_export (fixture->page, path, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static gboolean
match_name (GtkWidget *widget,
            gpointer   name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
match_label_contains (GtkWidget *widget,
                      gpointer   text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static double
column_cost (VigieComparison *comparison,
             guint            column)
{
  int criterion = vigie_comparison_find_criterion (comparison, "license_cost");

  g_assert_cmpint (criterion, >=, 0);
  return vigie_comparison_get_cell (comparison, criterion, column)->amount;
}

static gboolean
column_overridden (VigieComparison *comparison,
                   const char      *key)
{
  GPtrArray *lines = vigie_comparison_get_cost_lines (comparison);

  for (guint i = 0; i < lines->len; i++)
    {
      const VigieCompareCostLine *line = g_ptr_array_index (lines, i);

      if (g_str_equal (line->column, key) && line->overridden)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *prefix,
            const char *line)
{
  g_autofree char *name = g_strdup_printf ("%s:%s", prefix, line);
  GtkWidget *found = vigie_test_find_widget (root, match_name, name);

  g_assert_nonnull (found);
  return found;
}

static void
test_prices (Fixture       *fixture,
             gconstpointer  data)
{
  VigieComparison *comparison;
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *entry;
  const char *const keys[] = { "pve", "product:esxi-8", NULL };
  g_autofree char *esx_line = NULL;
  g_autofree char *pve_line = NULL;
  double esx_before, pve_before;
  GtkWidget *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  show_columns (fixture);
  vigie_compare_page_set_columns (fixture->page, keys);
  path = g_build_filename (fixture->dir, "prices.json", NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  comparison = vigie_compare_page_get_comparison (fixture->page);
  esx_line = vigie_prices_dialog_key (vigie_comparison_get_column (comparison, 1));
  pve_line = vigie_prices_dialog_key (vigie_comparison_get_column (comparison, 0));
  g_assert_nonnull (esx_line);
  g_assert_nonnull (pve_line);
  esx_before = column_cost (comparison, 1);
  pve_before = column_cost (comparison, 0);
  g_assert_cmpfloat (esx_before, >, 0);
  g_assert_cmpfloat (pve_before, ==, 0);
  g_assert_false (column_overridden (comparison, "product:esxi-8"));
  g_assert_null (vigie_test_find_widget (GTK_WIDGET (fixture->page), match_label_contains,
                                         "overridden"));

  /* ESXi at 1 EUR a unit, and the optional Proxmox VE subscription counted. */
  window = vigie_compare_page_edit_prices (fixture->page);
  g_assert_nonnull (window);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_named (window, "amount", esx_line)), 1);
  gtk_editable_set_text (GTK_EDITABLE (find_named (window, "currency", esx_line)), "eur");
  gtk_switch_set_active (GTK_SWITCH (find_named (window, "subscribe", pve_line)), TRUE);
  g_signal_emit_by_name (vigie_test_find_widget (window, match_name, "save"), "clicked");

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "source"), ==,
                   "Entered in Vigie on 2026-12-06");
  entry = json_object_get_object_member (json_object_get_object_member (root, "products"),
                                         esx_line);
  g_assert_cmpfloat (json_object_get_double_member (entry, "amount"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (entry, "currency"), ==, "EUR");
  g_assert_false (json_object_has_member (entry, "subscribe"));
  entry = json_object_get_object_member (json_object_get_object_member (root, "products"),
                                         pve_line);
  g_assert_true (json_object_get_boolean_member (entry, "subscribe"));
  g_assert_false (json_object_has_member (entry, "amount"));

  /* The page recomputed: ESXi's lines are the user's, the totals moved. */
  comparison = vigie_compare_page_get_comparison (fixture->page);
  g_assert_true (column_overridden (comparison, "product:esxi-8"));
  g_assert_cmpfloat (column_cost (comparison, 1), <, esx_before);
  g_assert_cmpfloat (column_cost (comparison, 0), >, 0);
  g_assert_true (vigie_comparison_get_prices_overridden (comparison));
  g_assert_nonnull (vigie_test_find_widget (GTK_WIDGET (fixture->page), match_label_contains,
                                            "overridden: your price"));
  g_assert_nonnull (vigie_test_find_widget (GTK_WIDGET (fixture->page), match_label_contains,
                                            "Prices overridden by "));

  /* A currency that is none: refused in the window, the file unchanged. */
  window = vigie_compare_page_edit_prices (fixture->page);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (find_named (window, "subscribe", pve_line))));
  gtk_editable_set_text (GTK_EDITABLE (find_named (window, "currency", esx_line)), "E1");
  g_signal_emit_by_name (vigie_test_find_widget (window, match_name, "save"), "clicked");
  g_assert_nonnull (vigie_test_find_widget (window, match_label_contains, "no currency code"));
  g_assert_true (column_overridden (vigie_compare_page_get_comparison (fixture->page),
                                    "product:esxi-8"));

  /* Reset: the file goes, the list prices come back. */
  g_signal_emit_by_name (vigie_test_find_widget (window, match_name, "reset"), "clicked");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  comparison = vigie_compare_page_get_comparison (fixture->page);
  g_assert_false (column_overridden (comparison, "product:esxi-8"));
  g_assert_false (vigie_comparison_get_prices_overridden (comparison));
  g_assert_cmpfloat (column_cost (comparison, 1), ==, esx_before);
  g_assert_cmpfloat (column_cost (comparison, 0), ==, pve_before);

  /* A file that is no JSON is not saved over: only reset can replace it. */
  g_assert_true (g_file_set_contents (path, "{\"products\": ", -1, NULL));
  window = vigie_compare_page_edit_prices (fixture->page);
  g_assert_nonnull (vigie_test_find_widget (window, match_label_contains, "cannot be read"));
  g_assert_false (gtk_widget_get_sensitive (vigie_test_find_widget (window, match_name, "save")));
  g_assert_true (gtk_widget_get_sensitive (vigie_test_find_widget (window, match_name, "reset")));
  g_signal_emit_by_name (vigie_test_find_widget (window, match_name, "reset"), "clicked");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_hardware_profile (Fixture       *fixture,
                       gconstpointer  data)
{
  VigieComparison *comparison;
  const VigieCompareCounted *counted;
  const char *const keys[] = { "pve", "product:esxi-8", NULL };
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *said;
  double esx_before;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  show_columns (fixture);
  vigie_compare_page_set_columns (fixture->page, keys);
  path = g_build_filename (fixture->dir, "hardware.json", NULL);
  comparison = vigie_compare_page_get_comparison (fixture->page);
  counted = vigie_comparison_get_counted (comparison);
  g_assert_false (counted->from_profile);
  esx_before = column_cost (comparison, 1);
  g_assert_nonnull (vigie_test_find_widget (GTK_WIDGET (fixture->page), match_label_prefix,
                                            "Priced for the live estate"));

  /* 3 hosts × 2 sockets × 12 cores: 72 cores, 96 with the 16-core minimum. */
  g_assert_true (vigie_compare_page_set_hardware_profile (fixture->page, 3, 2, 12, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"hosts\" : 3"));
  comparison = vigie_compare_page_get_comparison (fixture->page);
  counted = vigie_comparison_get_counted (comparison);
  g_assert_true (counted->from_profile);
  g_assert_cmpint (counted->cores, ==, 72);
  g_assert_cmpfloat (column_cost (comparison, 1), !=, esx_before);
  said = vigie_test_find_widget (GTK_WIDGET (fixture->page), match_label_prefix,
                                 "Priced for your hardware profile");
  g_assert_nonnull (said);
  g_assert_true (gtk_widget_get_visible (vigie_test_find_widget (GTK_WIDGET (fixture->page),
                                                                 match_name, "live_hosts")));

  /* A file that cannot be used is said on the page and not written over. */
  g_assert_true (g_file_set_contents (path, "{\"hosts\": \"three\"}", -1, NULL));
  vigie_compare_page_set_columns (fixture->page, keys);
  g_assert_nonnull (vigie_test_find_widget (GTK_WIDGET (fixture->page), match_label_contains,
                                            "must be a whole number"));
  counted = vigie_comparison_get_counted (vigie_compare_page_get_comparison (fixture->page));
  g_assert_false (counted->from_profile);
  g_assert_false (vigie_compare_page_set_hardware_profile (fixture->page, 4, 1, 8, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{\"hosts\": \"three\"}");

  /* "Use Live Hosts" forgets the profile. */
  g_assert_true (g_file_set_contents (path, "{\"hosts\": 2}", -1, NULL));
  vigie_compare_page_set_columns (fixture->page, keys);
  g_signal_emit_by_name (vigie_test_find_widget (GTK_WIDGET (fixture->page), match_name,
                                                 "live_hosts"), "clicked");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  counted = vigie_comparison_get_counted (vigie_compare_page_get_comparison (fixture->page));
  g_assert_false (counted->from_profile);
  g_assert_cmpfloat (column_cost (vigie_compare_page_get_comparison (fixture->page), 1), ==,
                     esx_before);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();

  g_test_add ("/vigie/compare-page/grid", Fixture, NULL, fixture_set_up, test_grid,
              fixture_tear_down);
  g_test_add ("/vigie/compare-page/built-when-shown", Fixture, NULL, fixture_set_up_unread,
              test_built_when_shown, fixture_tear_down);
  g_test_add ("/vigie/compare-page/weights", Fixture, NULL, fixture_set_up, test_weights,
              fixture_tear_down);
  g_test_add ("/vigie/compare-page/export", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);
  g_test_add ("/vigie/compare-page/prices", Fixture, "2,16", fixture_set_up, test_prices,
              fixture_tear_down);
  g_test_add ("/vigie/compare-page/hardware-profile", Fixture, "2,16", fixture_set_up,
              test_hardware_profile, fixture_tear_down);
  return g_test_run ();
}
