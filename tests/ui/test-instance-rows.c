/* test-instance-rows.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Instances list keeps its rows when a search or a sort changes what
 * it shows (GTK 4.8 made new rows for the items that came, up to 200 of
 * nine cells each: the cost of a search letter over 10,000 instances),
 * and each kept row shows the instance now at its place.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vigie-instances-page.h"
#include "vigie-test-backend.h"
#include "vigie-test-util.h"

static gboolean
match_inscription (GtkWidget *widget,
                   gpointer   text)
{
  return GTK_IS_INSCRIPTION (widget) &&
         g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0;
}

static char *
visible_name (VigieInstancesPage *page,
              guint               position)
{
  g_autoptr(VigieInstance) instance = g_list_model_get_item (vigie_instances_page_get_model (page),
                                                             position);

  return g_strdup (instance->name);
}

static gboolean have_display;
static gboolean refreshed;

static void
on_refreshed (VigieMonitor *monitor,
              gpointer      user_data)
{
  refreshed = TRUE;
}

static gboolean
is_refreshed (gpointer data)
{
  return refreshed;
}

/* The name cell of the first row is the same widget after a search, a sort
 * and the search erased, and reads the first instance shown each time. */
static void
test_rows_kept (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-test-XXXXXX", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("big", VIGIE_KIND_PROXMOX,
                                                          "https://test.invalid:8006");
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autoptr(VigieMonitor) monitor = NULL;
  g_autoptr(GtkWidget) cell = NULL;
  g_autoptr(GError) error = NULL;
  GtkColumnView *view;
  GtkColumnViewColumn *name_column;
  VigieInstancesPage *page;
  GtkWindow *window;
  char *name;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  vigie_endpoint_set_option (endpoint, "test-instances", "500");
  vigie_endpoint_store_add (store, endpoint, &error);
  g_assert_no_error (error);
  monitor = vigie_monitor_new (store, context, vigie_test_backend_factory);
  g_signal_connect (monitor, "refreshed", G_CALLBACK (on_refreshed), NULL);
  window = GTK_WINDOW (gtk_window_new ());
  page = VIGIE_INSTANCES_PAGE (vigie_instances_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_set_default_size (window, 1000, 600);
  vigie_instances_page_set_monitor (page, monitor);
  gtk_window_present (window);
  vigie_monitor_refresh (monitor);
  g_assert_true (vigie_test_wait_until (is_refreshed, NULL, 30));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  view = vigie_instances_page_get_column_view (page);

  cell = vigie_test_find_widget (GTK_WIDGET (view), match_inscription, (gpointer) "vm-00000");
  g_assert_nonnull (cell);
  g_object_ref (cell);

  /* 100 rows of 500, none of those shown before. */
  vigie_instances_page_set_search (page, "vm-003");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 100);
  g_assert_true (gtk_widget_is_ancestor (cell, GTK_WIDGET (view)));
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (cell)), ==, "vm-00300");

  name_column = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  gtk_column_view_sort_by_column (view, name_column, GTK_SORT_DESCENDING);
  g_object_unref (name_column);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_ancestor (cell, GTK_WIDGET (view)));
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (cell)), ==, "vm-00399");

  vigie_instances_page_set_search (page, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_ancestor (cell, GTK_WIDGET (view)));
  name = visible_name (page, 0);
  g_assert_cmpstr (name, ==, "vm-00499");
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (cell)), ==, name);
  g_free (name);

  gtk_window_destroy (window);
  vigie_test_spin (0.05);
  g_signal_handlers_disconnect_by_func (monitor, on_refreshed, NULL);
  g_clear_object (&monitor);
  g_clear_object (&store);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();
  g_test_add_func ("/vigie/instances/rows-kept", test_rows_kept);
  return g_test_run ();
}
