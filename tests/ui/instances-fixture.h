/* instances-fixture.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Instances page in a window over two test endpoints ("big", 10,000
 * synthetic instances, and "small", 5), refreshed once: the fixture of the
 * Instances page's tests.
 */

#pragma once

#include <glib/gstdio.h>

#include "vigie-instances-page.h"
#include "vigie-test-backend.h"
#include "vigie-test-util.h"

static gboolean have_display;

typedef struct {
  char               *dir;
  VigieEndpointStore *store;
  VigieMonitor       *monitor;
  GtkWindow          *window;
  VigieInstancesPage *page;
  GtkWidget          *overlay;
  gboolean            refreshed;
} Fixture;

static inline void
on_refreshed (VigieMonitor *monitor,
              Fixture      *fixture)
{
  fixture->refreshed = TRUE;
}

static inline gboolean
is_refreshed (gpointer data)
{
  return ((Fixture *) data)->refreshed;
}

static inline void
add_endpoint (VigieEndpointStore *store,
              const char         *name,
              const char         *n_instances)
{
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new (name, VIGIE_KIND_PROXMOX,
                                                          "https://test.invalid:8006");
  g_autoptr(GError) error = NULL;

  vigie_endpoint_set_option (endpoint, "test-instances", n_instances);
  vigie_endpoint_store_add (store, endpoint, &error);
  g_assert_no_error (error);
}

static inline void
refresh_and_wait (Fixture *fixture)
{
  fixture->refreshed = FALSE;
  vigie_monitor_refresh (fixture->monitor);
  g_assert_true (vigie_test_wait_until (is_refreshed, fixture, 30));
}

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(VigieSecretStore) secrets = NULL;
  g_autoptr(VigieContext) context = NULL;

  if (!have_display)
    return;
  fixture->dir = g_dir_make_tmp ("vigie-test-XXXXXX", NULL);
  fixture->store = vigie_endpoint_store_new (fixture->dir);
  add_endpoint (fixture->store, "big", "10000");
  add_endpoint (fixture->store, "small", "5");
  secrets = vigie_secret_store_new_memory ();
  context = vigie_context_new (secrets, NULL);
  fixture->monitor = vigie_monitor_new (fixture->store, context, vigie_test_backend_factory);
  g_signal_connect (fixture->monitor, "refreshed", G_CALLBACK (on_refreshed), fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->page = VIGIE_INSTANCES_PAGE (vigie_instances_page_new ());
  /* As in the window: the toasts need an overlay above the page. */
  fixture->overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (fixture->overlay), GTK_WIDGET (fixture->page));
  gtk_window_set_child (fixture->window, fixture->overlay);
  gtk_window_set_default_size (fixture->window, 1000, 600);
  vigie_instances_page_set_monitor (fixture->page, fixture->monitor);
  gtk_window_present (fixture->window);
  refresh_and_wait (fixture);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (!have_display)
    return;
  gtk_window_destroy (fixture->window);
  vigie_test_spin (0.05);
  g_signal_handlers_disconnect_by_data (fixture->monitor, fixture);
  g_clear_object (&fixture->monitor);
  g_clear_object (&fixture->store);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}
