/* vigie-ui-demo.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window over the test backend, to look at the pages with data in
 * them while the real backends are written. Not a test: run it by hand.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "vigie-backends.h"
#include "vigie-test-backend.h"
#include "vigie-window.h"

static VigieBackend *
demo_factory (VigieEndpoint *endpoint,
              VigieContext  *context)
{
  /* The backup servers keep their real (not yet written) backends. */
  if (vigie_endpoint_get_kind (endpoint) == VIGIE_KIND_PBS)
    return vigie_backend_new_for_endpoint (endpoint, context);
  return vigie_test_backend_factory (endpoint, context);
}

static void
add (VigieEndpointStore *store,
     const char         *name,
     VigieKind           kind,
     const char         *url,
     const char * const *options)
{
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new (name, kind, url);

  for (guint i = 0; options != NULL && options[i] != NULL; i += 2)
    vigie_endpoint_set_option (endpoint, options[i], options[i + 1]);
  vigie_endpoint_store_add (store, endpoint, NULL);
}

static GtkWidget *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
popup_actions (gpointer user_data)
{
  GtkWidget *button = find_menu_button (user_data);

  if (button != NULL)
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  return G_SOURCE_REMOVE;
}

static void
on_refreshed (VigieMonitor *monitor,
              VigieWindow  *window)
{
  g_signal_handlers_disconnect_by_func (monitor, on_refreshed, window);
  vigie_instances_page_select (vigie_window_get_instances_page (window),
                               atoi (g_getenv ("VIGIE_DEMO_SELECT")));
  if (g_getenv ("VIGIE_DEMO_POPUP") != NULL)
    g_timeout_add (500, popup_actions, vigie_window_get_instances_page (window));
}

static void
on_activate (GtkApplication *app,
             gpointer        user_data)
{
  const char * const pve[] = { "test-instances", "40", "test-product", "Proxmox VE",
                               "test-version", "8.2.4", "test-hosts", "3",
                               "test-warning", "Node node3 did not answer: connection refused",
                               NULL };
  const char * const esxi[] = { "test-instances", "12", "test-product", "VMware ESXi",
                                "test-version", "8.0.3", "test-build", "24022510", NULL };
  const char * const incus[] = { "test-instances", "8", "test-product", "incus",
                                 "test-version", "6.0.1", NULL };
  g_autofree char *dir = g_dir_make_tmp ("vigie-demo-XXXXXX", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.vigie.Vigie");
  VigieWindow *window;
  int width;

  add (store, "pve-lab", VIGIE_KIND_PROXMOX, "https://pve.lab.test:8006", pve);
  add (store, "esxi-01", VIGIE_KIND_ESXI, "https://esxi01.lab.test/sdk", esxi);
  add (store, "incus-lab", VIGIE_KIND_INCUS, "https://incus.lab.test:8443", incus);
  add (store, "pbs-main", VIGIE_KIND_PBS, "https://pbs.lab.test:8007", NULL);
  window = vigie_window_new_for_store (store, context, settings, demo_factory);
  gtk_window_set_application (GTK_WINDOW (window), app);
  width = g_getenv ("VIGIE_DEMO_WIDTH") != NULL ? atoi (g_getenv ("VIGIE_DEMO_WIDTH")) : 1260;
  gtk_window_set_default_size (GTK_WINDOW (window), width, 780);
  if (g_getenv ("VIGIE_DEMO_PAGE") != NULL)
    {
      GtkWidget *page = GTK_WIDGET (vigie_window_get_overview_page (window));
      GtkWidget *stack = gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK);

      if (stack != NULL)
        adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack),
                                               g_getenv ("VIGIE_DEMO_PAGE"));
    }
  if (g_getenv ("VIGIE_DEMO_SELECT") != NULL)
    g_signal_connect (vigie_window_get_monitor (window), "refreshed",
                      G_CALLBACK (on_refreshed), window);
  if (g_getenv ("VIGIE_DEMO_COMMAND") != NULL)
    {
      const char * const argv[] = { "sh", "-c", g_getenv ("VIGIE_DEMO_COMMAND"), NULL };

      vigie_terminal_page_open_command (vigie_window_get_terminal_page (window), "SSH: node1",
                                        argv);
    }
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  const char *localedir = g_getenv ("VIGIE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = adw_application_new ("io.github.vigie.Vigie.Demo", G_APPLICATION_NON_UNIQUE);
  g_object_set (app, "resource-base-path", "/io/github/vigie/Vigie", NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
