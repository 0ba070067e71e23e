/* backups-page-demo.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Backups page on hand-made inventories, to look at it (not a test).
 */

#include "config.h"

#include <adwaita.h>

#include "vigie-backups-page.h"
#include "backups-fixture.h"

static void
on_activate (GtkApplication *app)
{
  g_autoptr(GPtrArray) invs = fixture_inventories ();
  g_autoptr(VigieClock) clock = vigie_clock_new_fixed (vigie_parse_time (FIXTURE_NOW));
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = vigie_backups_page_new ();

  vigie_backups_page_set_clock (VIGIE_BACKUPS_PAGE (page), clock);
  vigie_backups_page_set_inventories (VIGIE_BACKUPS_PAGE (page), invs);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (g_getenv ("DEMO_SELECT") != NULL)
    {
      GListModel *visible = vigie_backups_page_get_visible (VIGIE_BACKUPS_PAGE (page));

      gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (visible),
                                         atoi (g_getenv ("DEMO_SELECT")));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.vigie.BackupsDemo",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
