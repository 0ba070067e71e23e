/* backups-page-demo.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Backups page on hand-made inventories, to look at it (not a test).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "vigie-backups-page.h"
#include "backups-fixture.h"

static gboolean
select_later (gpointer user_data)
{
  GListModel *visible = vigie_backups_page_get_visible (VIGIE_BACKUPS_PAGE (user_data));

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (visible),
                                     atoi (g_getenv ("DEMO_SELECT")));
  return G_SOURCE_REMOVE;
}

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
  if (g_getenv ("DEMO_WIDTH") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (window), atoi (g_getenv ("DEMO_WIDTH")), 800);
  else
    gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  /* After the first allocation, when a narrow window has folded the panel. */
  if (g_getenv ("DEMO_SELECT") != NULL)
    g_timeout_add (1000, select_later, page);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VIGIE_LOCALEDIR") ? g_getenv ("VIGIE_LOCALEDIR")
                                                                : BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  app = adw_application_new ("io.github.vigie.BackupsDemo", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
