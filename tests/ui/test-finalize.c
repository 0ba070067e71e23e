/* test-finalize.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the window made is finalized once it is destroyed: the window,
 * its monitor, each page (Overview, Instances, Backups, Compare, Terminals)
 * after it was shown with data, a terminal tab, and every dialog after use.
 * As GNOME Console's tests do, each object gets a weak pointer, and the
 * main loop runs until they are all cleared. A last case holds one extra
 * reference on purpose and checks that the watch names it: a watch that
 * could not fail would prove nothing.
 */

#include "config.h"

#include "vigie-backups-page.h"
#include "vigie-endpoint-dialog.h"
#include "vigie-endpoint-row.h"
#include "vigie-instances-page-details.h"
#include "vigie-overview-card.h"
#include "vigie-preferences-window.h"
#include "vigie-terminal.h"
#include "vigie-test-backend.h"
#include "vigie-test-estate.h"
#include "vigie-test-util.h"
#include "vigie-window.h"

static gboolean have_display;

/* Weak pointers, each with what it watches. */
typedef struct {
  const char *what;
  gpointer    object;
} Watch;

typedef struct {
  VigieTestEstate     estate;
  VigieWindow        *window;
  /* The weak pointers point into it: a fixed array, so it never moves. */
  Watch               watches[32];
  guint               n_watches;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (have_display)
    vigie_test_estate_init (&fixture->estate);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < fixture->n_watches; i++)
    {
      Watch *watch = &fixture->watches[i];

      if (watch->object != NULL)
        g_object_remove_weak_pointer (watch->object, &watch->object);
    }
  if (!have_display)
    return;
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  vigie_test_estate_clear (&fixture->estate);
}

static void
watch (Fixture    *fixture,
       const char *what,
       gpointer    object)
{
  Watch *slot;

  g_assert_true (G_IS_OBJECT (object));
  g_assert_cmpuint (fixture->n_watches, <, G_N_ELEMENTS (fixture->watches));
  slot = &fixture->watches[fixture->n_watches++];
  slot->what = what;
  slot->object = object;
  g_object_add_weak_pointer (G_OBJECT (object), &slot->object);
}

typedef struct {
  Fixture           *fixture;
  const char *const *except;   /* watches allowed to stay, or NULL */
} GoneCheck;

static gboolean
excepted (const char *const *except,
          const char        *what)
{
  return except != NULL && g_strv_contains (except, what);
}

static gboolean
all_gone (gpointer data)
{
  GoneCheck *check = data;

  for (guint i = 0; i < check->fixture->n_watches; i++)
    {
      Watch *watch = &check->fixture->watches[i];

      if (watch->object != NULL && !excepted (check->except, watch->what))
        return FALSE;
    }
  return TRUE;
}

/* Runs the main loop until every watched object but those in @except is
 * finalized; fails naming those still alive. */
static void
assert_finalized (Fixture           *fixture,
                  const char *const *except)
{
  GoneCheck check = { fixture, except };
  g_autoptr(GString) alive = g_string_new (NULL);

  if (vigie_test_wait_until (all_gone, &check, 30))
    return;
  for (guint i = 0; i < fixture->n_watches; i++)
    {
      Watch *watch = &fixture->watches[i];

      if (watch->object != NULL && !excepted (except, watch->what))
        g_string_append_printf (alive, "\n  %s (%s, %u references)", watch->what,
                                G_OBJECT_TYPE_NAME (watch->object),
                                G_OBJECT (watch->object)->ref_count);
    }
  g_error ("still alive:%s", alive->str);
}

static Watch *
find_watch (Fixture    *fixture,
            const char *what)
{
  for (guint i = 0; i < fixture->n_watches; i++)
    if (g_str_equal (fixture->watches[i].what, what))
      return &fixture->watches[i];
  g_assert_not_reached ();
}

static gboolean
has_terminals (gpointer data)
{
  return vigie_terminal_page_get_n_terminals (data) >= 2;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  GtkWidget *found = vigie_test_find_widget (root, vigie_test_match_type,
                                             GSIZE_TO_POINTER (type));

  g_assert_nonnull (found);
  return found;
}

/* A window over three endpoints, every page shown with its data, two
 * terminals open. */
static void
open_window (Fixture *fixture)
{
  static const char *pages[] = { "overview", "instances", "backups", "compare", "terminals" };
  VigieInstancesPage *instances;

  vigie_test_estate_add (&fixture->estate, "pve", VIGIE_KIND_PROXMOX);
  vigie_test_estate_add (&fixture->estate, "pbs", VIGIE_KIND_PBS);
  vigie_test_estate_add (&fixture->estate, "incus", VIGIE_KIND_INCUS);
  fixture->window = vigie_window_new_for_store (fixture->estate.store, fixture->estate.context,
                                                NULL, vigie_test_backend_factory);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (vigie_test_wait_until (vigie_test_rows_ok,
                                        vigie_test_endpoint_list (GTK_WIDGET (fixture->window)),
                                        60));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", pages[i]);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
    }

  instances = vigie_window_get_instances_page (fixture->window);
  vigie_instances_page_select (instances, 0);
  g_signal_emit_by_name (vigie_instances_page_get_action_button (instances, "terminal"),
                         "clicked");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-node-console", "(ss)",
                              vigie_test_estate_uuid (&fixture->estate, "pve"), "node1");
  g_assert_true (vigie_test_wait_until (has_terminals,
                                        vigie_window_get_terminal_page (fixture->window), 30));
}

static void
watch_window (Fixture *fixture)
{
  VigieWindow *window = fixture->window;

  watch (fixture, "window", window);
  watch (fixture, "monitor", vigie_window_get_monitor (window));
  watch (fixture, "overview page", vigie_window_get_overview_page (window));
  watch (fixture, "overview card", find_type (GTK_WIDGET (window), VIGIE_TYPE_OVERVIEW_CARD));
  watch (fixture, "instances page", vigie_window_get_instances_page (window));
  watch (fixture, "instance details",
         find_type (GTK_WIDGET (window), VIGIE_TYPE_INSTANCE_DETAILS));
  watch (fixture, "backups page", find_type (GTK_WIDGET (window), VIGIE_TYPE_BACKUPS_PAGE));
  watch (fixture, "compare page", vigie_window_get_compare_page (window));
  watch (fixture, "terminals page", vigie_window_get_terminal_page (window));
  watch (fixture, "terminal", find_type (GTK_WIDGET (window), VIGIE_TYPE_TERMINAL));
  watch (fixture, "endpoint row", find_type (GTK_WIDGET (window), VIGIE_TYPE_ENDPOINT_ROW));
}

static void
test_window (Fixture       *fixture,
             gconstpointer  data)
{
  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  open_window (fixture);
  watch_window (fixture);
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  assert_finalized (fixture, NULL);
}

/* The same, with one extra reference on a page: the watch must see it,
 * and what the page holds (its details pane, the monitor) stays too. */
static void
test_detects_leak (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *const kept_alive[] = { "instances page", "instance details", "monitor",
                                            NULL };
  VigieInstancesPage *page;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  open_window (fixture);
  watch_window (fixture);
  page = g_object_ref (vigie_window_get_instances_page (fixture->window));
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  /* Everything else goes; the page stays as long as the test holds it. */
  assert_finalized (fixture, kept_alive);
  for (guint i = 0; kept_alive[i] != NULL; i++)
    g_assert_nonnull (find_watch (fixture, kept_alive[i])->object);
  g_assert_true (find_watch (fixture, "instances page")->object == page);
  g_object_unref (page);
  assert_finalized (fixture, NULL);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static gboolean
has_toplevel (gpointer type)
{
  return find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

/* While the window is open, only the dialog must go. */
static const char *const only_window[] = { "window", "monitor", "overview page",
                                           "overview card", "instances page",
                                           "instance details", "backups page", "compare page",
                                           "terminals page", "terminal", "endpoint row", NULL };

/* Opens a dialog with @action, watches it, closes it as the user does
 * (its close request), and waits for it to be finalized. */
static void
use_dialog (Fixture    *fixture,
            const char *what,
            GType       type,
            const char *action,
            GVariant   *parameter)
{
  GtkWindow *dialog;

  gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), action, parameter);
  g_assert_true (vigie_test_wait_until (has_toplevel, GSIZE_TO_POINTER (type), 10));
  dialog = find_toplevel (type);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  watch (fixture, what, dialog);
  gtk_window_close (dialog);
  assert_finalized (fixture, only_window);
}

static void
test_dialogs (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;
  VigiePreferencesWindow *preferences;
  GtkWidget *prices;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  open_window (fixture);
  watch_window (fixture);
  use_dialog (fixture, "add endpoint dialog", VIGIE_TYPE_ENDPOINT_DIALOG, "win.add-endpoint",
              NULL);
  use_dialog (fixture, "edit endpoint dialog", VIGIE_TYPE_ENDPOINT_DIALOG, "win.edit-endpoint",
              g_variant_new_string (vigie_test_estate_uuid (&fixture->estate, "pve")));
  use_dialog (fixture, "remove confirmation", ADW_TYPE_MESSAGE_DIALOG, "win.remove-endpoint",
              g_variant_new_string (vigie_test_estate_uuid (&fixture->estate, "incus")));
  /* Closed unanswered: nothing was removed. */
  g_assert_nonnull (vigie_endpoint_store_find_by_name (fixture->estate.store, "incus"));

  prices = vigie_compare_page_edit_prices (vigie_window_get_compare_page (fixture->window));
  g_assert_nonnull (prices);
  gtk_test_widget_wait_for_draw (prices);
  watch (fixture, "prices dialog", prices);
  gtk_window_close (GTK_WINDOW (prices));
  assert_finalized (fixture, only_window);

  settings = g_settings_new (APP_ID);
  preferences = vigie_preferences_window_new (settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (preferences));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (preferences));
  watch (fixture, "preferences window", preferences);
  gtk_window_close (GTK_WINDOW (preferences));
  assert_finalized (fixture, only_window);

  /* And the window after them all. */
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  assert_finalized (fixture, NULL);
}

static const struct {
  const char *path;
  void      (*func) (Fixture *fixture, gconstpointer data);
} cases[] = {
  { "/vigie/finalize/window", test_window },
  { "/vigie/finalize/detects-leak", test_detects_leak },
  { "/vigie/finalize/dialogs", test_dialogs },
};

int
main (int   argc,
      char *argv[])
{
  /* Labels are compared in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add (cases[i].path, Fixture, NULL, fixture_set_up, cases[i].func, fixture_tear_down);
  return g_test_run ();
}
