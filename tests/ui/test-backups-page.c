/* test-backups-page.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "vigie-backups-page.h"
#include "backups-fixture.h"

static VigieBackupsPage *
make_page (GtkWindow **window)
{
  g_autoptr(GPtrArray) invs = fixture_inventories ();
  g_autoptr(VigieClock) clock = vigie_clock_new_fixed (vigie_parse_time (FIXTURE_NOW));
  VigieBackupsPage *page = VIGIE_BACKUPS_PAGE (vigie_backups_page_new ());

  vigie_backups_page_set_clock (page, clock);
  vigie_backups_page_set_inventories (page, invs);
  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (*window, GTK_WIDGET (page));
  gtk_window_present (*window);
  return page;
}

static void
test_summary (void)
{
  GtkWindow *window;
  VigieBackupsPage *page = make_page (&window);

  g_assert_cmpuint (g_list_model_get_n_items (vigie_backups_page_get_coverage (page)), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (vigie_backups_page_get_visible (page)), ==, 7);
  /* Worst first. */
  {
    g_autoptr(VigieCoverage) first = g_list_model_get_item (vigie_backups_page_get_visible (page), 0);
    g_autoptr(VigieCoverage) last = g_list_model_get_item (vigie_backups_page_get_visible (page), 6);

    g_assert_cmpint (first->status, ==, VIGIE_BACKUP_FAILED);
    g_assert_cmpint (last->status, ==, VIGIE_BACKUP_PROTECTED);
  }
  g_assert_cmpstr (gtk_label_get_text (vigie_backups_page_get_summary_label (page, VIGIE_BACKUP_PROTECTED)),
                   ==, "● Protected: 3");
  g_assert_cmpstr (gtk_label_get_text (vigie_backups_page_get_summary_label (page, VIGIE_BACKUP_STALE)),
                   ==, "● Stale: 1");
  g_assert_cmpstr (gtk_label_get_text (vigie_backups_page_get_summary_label (page, VIGIE_BACKUP_UNPROTECTED)),
                   ==, "● Unprotected: 1");
  g_assert_cmpstr (gtk_label_get_text (vigie_backups_page_get_summary_label (page, VIGIE_BACKUP_FAILED)),
                   ==, "● Failed: 2");

  /* A stricter RPO turns the 10 h old one stale. */
  vigie_backups_page_set_rpo_hours (page, 8);
  g_assert_cmpstr (gtk_label_get_text (vigie_backups_page_get_summary_label (page, VIGIE_BACKUP_STALE)),
                   ==, "● Stale: 2");
  gtk_window_destroy (window);
}

static void
test_filter (void)
{
  GtkWindow *window;
  VigieBackupsPage *page = make_page (&window);
  GListModel *visible = vigie_backups_page_get_visible (page);
  g_autoptr(VigieCoverage) first = NULL;

  vigie_backups_page_set_filter (page, "GIT", -1);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  first = g_list_model_get_item (visible, 0);
  g_assert_cmpstr (first->instance_name, ==, "gitlab");

  vigie_backups_page_set_filter (page, NULL, VIGIE_BACKUP_FAILED);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 2);
  vigie_backups_page_set_filter (page, "post", VIGIE_BACKUP_FAILED);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  vigie_backups_page_set_filter (page, "post", VIGIE_BACKUP_PROTECTED);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  vigie_backups_page_set_filter (page, NULL, -1);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 7);
  gtk_window_destroy (window);
}

static void
test_details (void)
{
  GtkWindow *window;
  VigieBackupsPage *page = make_page (&window);
  GListModel *visible = vigie_backups_page_get_visible (page);
  GtkLabel *title = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                              VIGIE_TYPE_BACKUPS_PAGE,
                                                              "details_title"));
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                               VIGIE_TYPE_BACKUPS_PAGE,
                                                               "details_list"));
  guint rows = 0;

  vigie_backups_page_set_filter (page, "gitlab", -1);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (visible), 0);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "gitlab");
  /* Its good backup and the failed attempt after it. */
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      rows++;
  g_assert_cmpuint (rows, ==, 2);
  gtk_window_destroy (window);
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) invs = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *page = vigie_backups_page_new ();

  g_object_ref_sink (page);
  g_ptr_array_add (invs, vigie_inventory_new ("pbs", VIGIE_KIND_PBS, "https://pbs:8007"));
  vigie_backups_page_set_inventories (VIGIE_BACKUPS_PAGE (page), invs);
  g_assert_cmpuint (g_list_model_get_n_items (vigie_backups_page_get_coverage (VIGIE_BACKUPS_PAGE (page))), ==, 0);
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/vigie/backups-page/summary", test_summary);
  g_test_add_func ("/vigie/backups-page/filter", test_filter);
  g_test_add_func ("/vigie/backups-page/details", test_details);
  g_test_add_func ("/vigie/backups-page/empty", test_empty);

  return g_test_run ();
}
