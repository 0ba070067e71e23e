/* test-markup.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names from the servers are text, never markup: libadwaita 1.2 parses
 * toast titles, row titles and subtitles, and group titles as Pango
 * markup, so "a & b" would show nothing and an <a href> a live link. The
 * window is filled by the test backend with such names, and what the
 * labels show must be the names as they are.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "vigie-action-runner.h"
#include "vigie-endpoint-row.h"
#include "vigie-test-backend.h"
#include "vigie-test-estate.h"
#include "vigie-test-util.h"
#include "vigie-window.h"

#define AMPERSAND "a & b"
#define LINK "<a href=\"http://x\">link</a>"

static gboolean have_display;

typedef struct {
  char               *dir;
  VigieEndpointStore *store;
  VigieContext       *context;
  VigieWindow        *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(VigieSecretStore) secrets = NULL;
  g_autoptr(VigieEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_display)
    return;
  fixture->dir = g_dir_make_tmp ("vigie-test-XXXXXX", NULL);
  fixture->store = vigie_endpoint_store_new (fixture->dir);
  secrets = vigie_secret_store_new_memory ();
  fixture->context = vigie_context_new (secrets, NULL);

  endpoint = vigie_endpoint_new (AMPERSAND, VIGIE_KIND_PROXMOX, "https://test.invalid:8006");
  vigie_endpoint_set_option (endpoint, "test-instance-name", LINK);
  vigie_endpoint_set_option (endpoint, "test-storage-name", AMPERSAND " " LINK);
  vigie_endpoint_set_option (endpoint, "test-warning", "warning: " LINK " & more");
  vigie_endpoint_store_add (fixture->store, endpoint, &error);
  g_assert_no_error (error);

  fixture->window = vigie_window_new_for_store (fixture->store, fixture->context, NULL,
                                                vigie_test_backend_factory);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (!have_display)
    return;
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  vigie_test_spin (0.1);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* The label under @root (included) showing exactly @text, or NULL. */
static GtkLabel *
find_label_showing (GtkWidget  *root,
                    const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return g_ptr_array_index (labels, i);
  return NULL;
}

/* No label parses a server's name as markup: a markup label holds the
 * name only escaped. */
static void
assert_no_raw_markup (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (!gtk_label_get_use_markup (label))
        continue;
      if (strstr (gtk_label_get_label (label), LINK) != NULL ||
          strstr (gtk_label_get_label (label), AMPERSAND) != NULL)
        g_error ("a markup label holds a raw name: %s", gtk_label_get_label (label));
    }
}

static gboolean
endpoint_row_ok (gpointer data)
{
  GtkWidget *row = vigie_test_find_widget (data, vigie_test_match_type,
                                           GSIZE_TO_POINTER (VIGIE_TYPE_ENDPOINT_ROW));

  return row != NULL &&
         vigie_endpoint_row_get_status (VIGIE_ENDPOINT_ROW (row)) != VIGIE_UI_STATUS_PENDING &&
         vigie_overview_page_get_n_groups (vigie_window_get_overview_page (data)) > 0;
}

static GtkWidget *
toast_overlay (Fixture *fixture)
{
  return vigie_test_find_widget (GTK_WIDGET (fixture->window), vigie_test_match_type,
                                 GSIZE_TO_POINTER (ADW_TYPE_TOAST_OVERLAY));
}

typedef struct {
  GtkWidget  *root;
  const char *text;
} Shown;

static gboolean
label_shown (gpointer data)
{
  Shown *shown = data;

  return find_label_showing (shown->root, shown->text) != NULL;
}

static gboolean
match_storage (GtkWidget *widget,
               gpointer   data)
{
  return ADW_IS_EXPANDER_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Storage") == 0;
}

static void
test_rows_show_names (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *row;
  GtkWidget *overview;
  GtkWidget *expander;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  g_assert_true (vigie_test_wait_until (endpoint_row_ok, fixture->window, 30));

  /* The sidebar row's title. */
  row = vigie_test_find_widget (GTK_WIDGET (fixture->window), vigie_test_match_type,
                                GSIZE_TO_POINTER (VIGIE_TYPE_ENDPOINT_ROW));
  g_assert_nonnull (find_label_showing (row, AMPERSAND));

  /* The overview: the endpoint's group title, the storage row, the warning.
   * A folded section has no rows: the storage row is made when unfolded. */
  overview = GTK_WIDGET (vigie_window_get_overview_page (fixture->window));
  g_assert_true (vigie_test_wait_overview_built (fixture->window));
  g_assert_nonnull (find_label_showing (overview, AMPERSAND));
  expander = vigie_test_find_widget (overview, match_storage, NULL);
  g_assert_nonnull (expander);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  g_assert_nonnull (find_label_showing (overview, AMPERSAND " " LINK));
  g_assert_nonnull (find_label_showing (overview, "warning: " LINK " & more"));

  assert_no_raw_markup (GTK_WIDGET (fixture->window));
}

static void
test_window_toast (Fixture       *fixture,
                   gconstpointer  data)
{
  Shown shown;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  /* An error message quoting a server's words. */
  vigie_window_show_toast (fixture->window, "“" AMPERSAND "” says " LINK);
  shown.root = toast_overlay (fixture);
  shown.text = "“" AMPERSAND "” says " LINK;
  g_assert_true (vigie_test_wait_until (label_shown, &shown, 10));
  assert_no_raw_markup (GTK_WIDGET (fixture->window));
}

static void
test_action_toast (Fixture       *fixture,
                   gconstpointer  data)
{
  VigieMonitor *monitor;
  VigieEndpoint *endpoint;
  VigieInventory *inventory;
  g_autoptr(VigieInstance) instance = NULL;
  g_autoptr(VigieAction) action = NULL;
  Shown shown;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  g_assert_true (vigie_test_wait_until (endpoint_row_ok, fixture->window, 30));
  monitor = vigie_window_get_monitor (fixture->window);
  endpoint = vigie_endpoint_store_find_by_name (fixture->store, AMPERSAND);
  inventory = vigie_monitor_get_inventory (monitor, endpoint);
  g_assert_nonnull (inventory);
  instance = g_list_model_get_item (G_LIST_MODEL (inventory->instances), 0);
  g_assert_cmpstr (instance->name, ==, LINK);

  /* Running an action says so in a toast, with the instance's name, for as
   * long as it runs. */
  vigie_test_backend_hold_actions (VIGIE_TEST_BACKEND (vigie_monitor_get_backend (monitor,
                                                                                  endpoint)));
  action = vigie_action_new (VIGIE_ACTION_START, NULL, TRUE, NULL);
  vigie_run_instance_action (GTK_WIDGET (vigie_window_get_instances_page (fixture->window)),
                             monitor, instance, action, NULL);
  shown.root = toast_overlay (fixture);
  shown.text = "Starting “" LINK "”…";
  g_assert_true (vigie_test_wait_until (label_shown, &shown, 10));
  assert_no_raw_markup (GTK_WIDGET (fixture->window));
}

int
main (int   argc,
      char *argv[])
{
  /* The strings compared are the English ones. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();

  g_test_add ("/vigie/markup/rows-show-names", Fixture, NULL,
              fixture_set_up, test_rows_show_names, fixture_tear_down);
  g_test_add ("/vigie/markup/window-toast", Fixture, NULL,
              fixture_set_up, test_window_toast, fixture_tear_down);
  g_test_add ("/vigie/markup/action-toast", Fixture, NULL,
              fixture_set_up, test_action_toast, fixture_tear_down);
  return g_test_run ();
}
