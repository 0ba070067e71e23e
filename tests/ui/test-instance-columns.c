/* test-instance-columns.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Instances page's columns: the ones hidden or shown are remembered,
 * and a column shown again comes back in its place.
 */

#include "config.h"

#include "instances-fixture.h"

static GtkColumnViewColumn *
column_titled (GtkColumnView *column_view,
               const char    *title,
               guint         *position)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        {
          *position = i;
          return column;
        }
    }
  g_assert_not_reached ();
}

/* A column hidden from the columns menu, and one moved, stay so after a
 * restart (a new page over the same settings). */
static void
test_columns_remembered (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GSettings) settings2 = NULL;
  g_auto(GStrv) saved = NULL;
  GtkColumnView *column_view;
  GtkColumnViewColumn *column;
  GtkWidget *page2;
  GtkWindow *window2;
  guint position;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  settings = g_settings_new (APP_ID);
  g_settings_reset (settings, "instance-columns");
  vigie_instances_page_set_settings (fixture->page, settings);
  column_view = vigie_instances_page_get_column_view (fixture->page);
  g_assert_true (gtk_column_view_column_get_visible (column_titled (column_view, "Host",
                                                                    &position)));

  /* From the columns menu. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "columns.host", NULL));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (column_view, "Host",
                                                                     &position)));
  column = column_titled (column_view, "OS", &position);
  gtk_column_view_insert_column (column_view, 1, column);
  saved = g_settings_get_strv (settings, "instance-columns");
  g_assert_cmpstr (saved[0], ==, "name");
  g_assert_cmpstr (saved[1], ==, "os");
  g_assert_false (g_strv_contains ((const char * const *) saved, "host"));
  g_assert_true (g_strv_contains ((const char * const *) saved, "-host"));

  /* The first page goes as the app would, then a new one comes. */
  gtk_window_destroy (fixture->window);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  vigie_test_spin (0.05);
  g_clear_pointer (&saved, g_strfreev);
  saved = g_settings_get_strv (settings, "instance-columns");
  g_assert_false (g_strv_contains ((const char * const *) saved, "host"));

  settings2 = g_settings_new (APP_ID);
  window2 = fixture->window;
  page2 = vigie_instances_page_new ();
  gtk_window_set_child (window2, page2);
  vigie_instances_page_set_settings (VIGIE_INSTANCES_PAGE (page2), settings2);
  gtk_window_present (window2);
  column_view = vigie_instances_page_get_column_view (VIGIE_INSTANCES_PAGE (page2));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (column_view, "Host",
                                                                     &position)));
  g_assert_true (gtk_column_view_column_get_visible (column_titled (column_view, "OS",
                                                                    &position)));
  g_assert_cmpuint (position, ==, 1);
  g_settings_reset (settings2, "instance-columns");
}

/* Shown again after a restart, a hidden column comes back in its place, not
 * at the end: from the setting as it is saved now (hidden columns kept in
 * place) and from one saved before (hidden columns left out). */
static void
test_column_shown_in_place (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *const legacy[] = { "name", "os", "state", "type", "endpoint", "cpus", "memory",
                                 "ip", NULL };
  g_autoptr(GSettings) settings = NULL;
  GtkColumnView *column_view;
  guint position;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  settings = g_settings_new (APP_ID);
  g_settings_reset (settings, "instance-columns");
  vigie_instances_page_set_settings (fixture->page, settings);
  column_view = vigie_instances_page_get_column_view (fixture->page);
  column_titled (column_view, "Host", &position);
  g_assert_cmpuint (position, ==, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "columns.host", NULL));

  for (guint round = 0; round < 2; round++)
    {
      GtkWidget *page = vigie_instances_page_new ();

      if (round == 1)
        g_settings_set_strv (settings, "instance-columns", legacy);
      /* A restart: a new page over the same settings. */
      gtk_window_set_child (fixture->window, page);
      fixture->page = VIGIE_INSTANCES_PAGE (page);
      vigie_instances_page_set_settings (fixture->page, settings);
      column_view = vigie_instances_page_get_column_view (fixture->page);
      g_assert_false (gtk_column_view_column_get_visible (column_titled (column_view, "Host",
                                                                         &position)));
      g_assert_cmpuint (position, ==, round == 0 ? 4 : 5);

      g_assert_true (gtk_widget_activate_action (page, "columns.host", NULL));
      g_assert_true (gtk_column_view_column_get_visible (column_titled (column_view, "Host",
                                                                        &position)));
      /* After the endpoint, as before it was hidden (and after the OS
       * column moved before it in the old setting). */
      g_assert_cmpuint (position, ==, round == 0 ? 4 : 5);
      column_titled (column_view, "Endpoint", &position);
      g_assert_cmpuint (position, ==, round == 0 ? 3 : 4);
      if (round == 0)
        g_assert_true (gtk_widget_activate_action (page, "columns.host", NULL));
    }
  g_settings_reset (settings, "instance-columns");
}

int
main (int   argc,
      char *argv[])
{
  /* The strings compared are the English ones. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();

  g_test_add ("/vigie/instances/columns-remembered", Fixture, NULL,
              fixture_set_up, test_columns_remembered, fixture_tear_down);
  g_test_add ("/vigie/instances/column-shown-in-place", Fixture, NULL,
              fixture_set_up, test_column_shown_in_place, fixture_tear_down);
  return g_test_run ();
}
