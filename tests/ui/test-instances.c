/* test-instances.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The instance list over 10,000 synthetic instances: it builds, it filters
 * by endpoint, state and search (counts, not timings), and the actions of
 * the selected instance follow the capability model. The columns' own
 * tests are in test-instance-columns.c.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "instances-fixture.h"
#include "vigie-search-query.h"

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  VigieInstancesPage *page = fixture->page;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_cmpuint (vigie_instances_page_get_n_instances (page), ==, 10005);
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 10005);

  vigie_instances_page_set_endpoint (page, "small");
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 5);
  vigie_instances_page_set_endpoint (page, NULL);
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 10005);

  /* i % 3 == 0 runs: 3334 of the big endpoint's, 2 of the small one's. */
  vigie_instances_page_set_state_filter (page, VIGIE_STATE_FILTER_RUNNING);
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 3336);
  vigie_instances_page_set_state_filter (page, VIGIE_STATE_FILTER_STOPPED);
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 3333 + 2);
  vigie_instances_page_set_state_filter (page, VIGIE_STATE_FILTER_OTHER);
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 3333 + 1);
  vigie_instances_page_set_state_filter (page, VIGIE_STATE_FILTER_ALL);

  /* Search looks at the OS, case-insensitively... */
  vigie_instances_page_set_search (page, "WINDOWS");
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 5000 + 2);
  /* ...combined with the state filter (i % 6 == 3)... */
  vigie_instances_page_set_state_filter (page, VIGIE_STATE_FILTER_RUNNING);
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 1667 + 1);
  vigie_instances_page_set_state_filter (page, VIGIE_STATE_FILTER_ALL);
  /* ...at addresses... */
  vigie_instances_page_set_search (page, "10.0.1.");
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 256);
  /* ...and at names. */
  vigie_instances_page_set_search (page, "vm-0999");
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 10);
  vigie_instances_page_set_search (page, "no such instance");
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 0);
  vigie_instances_page_set_search (page, NULL);
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 10005);

  /* Typed a letter at a time the list only narrows (the filter looks again
   * only at the rows shown), erased a letter at a time it only widens, and
   * each step shows what the whole search selects. */
  {
    const char *word = "vm-0999";
    guint before = vigie_instances_page_get_n_visible (page);

    for (gsize len = 1; len <= strlen (word); len++)
      {
        g_autofree char *typed = g_strndup (word, len);
        guint now;

        vigie_instances_page_set_search (page, typed);
        now = vigie_instances_page_get_n_visible (page);
        g_assert_cmpuint (now, <=, before);
        before = now;
      }
    g_assert_cmpuint (before, ==, 10);
    for (gsize len = strlen (word) - 1; len > 0; len--)
      {
        g_autofree char *typed = g_strndup (word, len);
        guint now;

        vigie_instances_page_set_search (page, typed);
        now = vigie_instances_page_get_n_visible (page);
        g_assert_cmpuint (now, >=, before);
        before = now;
      }
    vigie_instances_page_set_search (page, "vm-09");
    g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 1000);
    vigie_instances_page_set_search (page, NULL);
    g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 10005);
  }

  /* A refresh replaces every instance and keeps the filter. */
  vigie_instances_page_set_endpoint (page, "small");
  refresh_and_wait (fixture);
  g_assert_cmpuint (vigie_instances_page_get_n_instances (page), ==, 10005);
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 5);
}

static void
test_sorted_by_name (Fixture       *fixture,
                     gconstpointer  data)
{
  GListModel *model;
  g_autoptr(VigieInstance) first = NULL;
  g_autoptr(VigieInstance) last = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  model = vigie_instances_page_get_model (fixture->page);
  first = g_list_model_get_item (model, 0);
  last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
  g_assert_cmpstr (first->name, ==, "vm-00000");
  g_assert_cmpstr (last->name, ==, "vm-09999");
}

static guint
find_position (GListModel         *model,
               VigieInstanceState  state)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieInstance) instance = g_list_model_get_item (model, i);

      if (instance->state == state)
        return i;
    }
  g_assert_not_reached ();
}

static void
add_named_endpoint (VigieEndpointStore *store,
                    const char         *endpoint_name,
                    const char         *instance_name)
{
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new (endpoint_name, VIGIE_KIND_PROXMOX,
                                                          "https://test.invalid:8006");
  g_autoptr(GError) error = NULL;

  vigie_endpoint_set_option (endpoint, "test-instances", "1");
  vigie_endpoint_set_option (endpoint, "test-instance-name", instance_name);
  vigie_endpoint_store_add (store, endpoint, &error);
  g_assert_no_error (error);
}

static const char *
visible_name (VigieInstancesPage *page,
              guint               position)
{
  g_autoptr(VigieInstance) instance = g_list_model_get_item (vigie_instances_page_get_model (page),
                                                             position);

  /* the page's stores keep the instance alive */
  return instance->name;
}

static gboolean
has_all_instances (gpointer data)
{
  return vigie_instances_page_get_n_instances (data) == 10005 + 3;
}

static void test_search_syntax (Fixture       *fixture,
                                gconstpointer  data);

/* Names sort in natural order: lab-esxi-2 before lab-esxi-10, both ways. */
static void
test_natural_sort (Fixture       *fixture,
                   gconstpointer  data)
{
  VigieInstancesPage *page = fixture->page;
  GtkColumnView *view;
  g_autoptr(GtkColumnViewColumn) name_column = NULL;
  g_autoptr(GtkColumnViewColumn) host_column = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  /* One fixture of 10,000 rows for both: the search syntax first. */
  test_search_syntax (fixture, data);

  add_named_endpoint (fixture->store, "e10", "lab-esxi-10");
  add_named_endpoint (fixture->store, "e2", "lab-esxi-2");
  add_named_endpoint (fixture->store, "e1", "Lab-esxi-1");
  refresh_and_wait (fixture);
  g_assert_true (vigie_test_wait_until (has_all_instances, page, 30));
  vigie_instances_page_set_search (page, "lab-esxi");
  g_assert_cmpuint (vigie_instances_page_get_n_visible (page), ==, 3);
  g_assert_cmpstr (visible_name (page, 0), ==, "Lab-esxi-1");
  g_assert_cmpstr (visible_name (page, 1), ==, "lab-esxi-2");
  g_assert_cmpstr (visible_name (page, 2), ==, "lab-esxi-10");

  view = GTK_COLUMN_VIEW (vigie_test_find_widget (GTK_WIDGET (page), vigie_test_match_type,
                                                  (gpointer) GTK_TYPE_COLUMN_VIEW));
  name_column = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  host_column = g_list_model_get_item (gtk_column_view_get_columns (view), 4);
  gtk_column_view_sort_by_column (view, name_column, GTK_SORT_DESCENDING);
  g_assert_cmpstr (visible_name (page, 0), ==, "lab-esxi-10");
  g_assert_cmpstr (visible_name (page, 2), ==, "Lab-esxi-1");

  /* By host: all on node1, so the names decide, in natural order. */
  gtk_column_view_sort_by_column (view, host_column, GTK_SORT_ASCENDING);
  g_assert_cmpstr (visible_name (page, 0), ==, "Lab-esxi-1");
  g_assert_cmpstr (visible_name (page, 1), ==, "lab-esxi-2");
  g_assert_cmpstr (visible_name (page, 2), ==, "lab-esxi-10");
}

static guint
count_for (VigieInstancesPage *page,
           const char         *search)
{
  vigie_instances_page_set_search (page, search);
  return vigie_instances_page_get_n_visible (page);
}

/* key:value filters over 10,005 instances (see fill_inventory ()). */
static void
test_search_syntax (Fixture       *fixture,
                    gconstpointer  data)
{
  VigieInstancesPage *page = fixture->page;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  /* VMIDs are whole: 100 on each endpoint, not 1000. */
  g_assert_cmpuint (count_for (page, "vmid:100"), ==, 2);
  g_assert_cmpuint (count_for (page, "endpoint:small"), ==, 5);
  g_assert_cmpuint (count_for (page, "endpoint:small state:running"), ==, 2);
  g_assert_cmpuint (count_for (page, "node:node1 type:container endpoint:small"), ==, 1);
  g_assert_cmpuint (count_for (page, "node:nowhere"), ==, 0);
  g_assert_cmpuint (count_for (page, "endpoint:small -os:windows"), ==, 3);
  g_assert_cmpuint (count_for (page, "ip:10.0.1."), ==, 256);
  g_assert_cmpuint (count_for (page, "name:\"vm-0999\""), ==, 10);
  /* A key still being typed filters nothing yet. */
  g_assert_cmpuint (count_for (page, "node:"), ==, 10005);
  g_assert_cmpuint (count_for (page, NULL), ==, 10005);
}

/* The selection survives a refresh (which replaces every object) and a
 * sort, and the details pane shows the selected instance. */
static void
test_selection_kept (Fixture       *fixture,
                     gconstpointer  data)
{
  VigieInstancesPage *page = fixture->page;
  GListModel *model;
  VigieInstance *before;
  VigieInstance *after;
  g_autofree char *id = NULL;
  g_autoptr(VigieInstance) at = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  model = vigie_instances_page_get_model (page);
  vigie_instances_page_select (page, 7777);
  before = vigie_instances_page_get_selected (page);
  g_assert_nonnull (before);
  id = g_strdup (before->id);
  vigie_test_spin (0.05);
  g_assert_nonnull (vigie_test_find_widget (GTK_WIDGET (page), vigie_test_match_mapped_label,
                                            (gpointer) before->name));
  g_assert_nonnull (vigie_test_find_widget (GTK_WIDGET (page), vigie_test_match_mapped_label, (gpointer) id));

  refresh_and_wait (fixture);
  after = vigie_instances_page_get_selected (page);
  g_assert_nonnull (after);
  g_assert_true (after != before);
  g_assert_cmpstr (after->id, ==, id);
  at = g_list_model_get_item (model, 7777);
  g_assert_true (at == after);

  /* Another endpoint filter hides it: the selection goes. */
  vigie_instances_page_set_endpoint (page, "small");
  refresh_and_wait (fixture);
  g_assert_null (vigie_instances_page_get_selected (page));
}

static AdwMessageDialog *find_message_dialog (void);
static gboolean has_message_dialog (gpointer data);

static gboolean
selection_back (gpointer data)
{
  Fixture *fixture = data;

  return fixture->refreshed && vigie_instances_page_get_selected (fixture->page) != NULL;
}

/* The Actions menu button (the columns menu button comes first). */
static gboolean
match_actions_button (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), "_Actions") == 0;
}

static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  VigieInstancesPage *page = fixture->page;
  GListModel *model;
  VigieInstance *selected;
  VigieEndpoint *endpoint;
  VigieBackend *backend;
  GtkWidget *button;
  g_autofree char *selected_name = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  model = vigie_instances_page_get_model (page);
  g_assert_null (vigie_instances_page_get_action_button (page, VIGIE_ACTION_START));

  /* A running instance: it cannot start again, and says why. */
  vigie_instances_page_select (page, find_position (model, VIGIE_STATE_RUNNING));
  selected = vigie_instances_page_get_selected (page);
  g_assert_nonnull (selected);
  selected_name = g_strdup (selected->name);

  button = vigie_instances_page_get_action_button (page, VIGIE_ACTION_START);
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "The instance is already running");
  button = vigie_instances_page_get_action_button (page, VIGIE_ACTION_SNAPSHOT);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   "This licence does not allow snapshots");
  button = vigie_instances_page_get_action_button (page, VIGIE_ACTION_STOP);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_widget_get_sensitive (vigie_instances_page_get_action_button (page,
                                                                                   "terminal")));

  /* Running one reaches the backend, then the endpoints are read again;
   * the selection survives the new objects. */
  endpoint = vigie_endpoint_store_find_by_name (fixture->store, selected->endpoint);
  backend = vigie_monitor_get_backend (fixture->monitor, endpoint);
  fixture->refreshed = FALSE;
  g_signal_emit_by_name (button, "clicked");
  /* A hard power off is confirmed first. */
  g_assert_true (vigie_test_wait_until (has_message_dialog, NULL, 5));
  g_assert_null (vigie_test_backend_get_last_action (VIGIE_TEST_BACKEND (backend)));
  adw_message_dialog_response (find_message_dialog (), "run");
  g_assert_true (vigie_test_wait_until (selection_back, fixture, 30));
  g_assert_cmpstr (vigie_test_backend_get_last_action (VIGIE_TEST_BACKEND (backend)), ==,
                   VIGIE_ACTION_STOP);
  vigie_test_spin (0.1);
  g_assert_nonnull (vigie_instances_page_get_selected (page));
  g_assert_cmpstr (vigie_instances_page_get_selected (page)->name, ==, selected_name);

  /* A stopped one: the reverse, and no shell inside it. */
  vigie_instances_page_select (page, find_position (model, VIGIE_STATE_STOPPED));
  button = vigie_instances_page_get_action_button (page, VIGIE_ACTION_START);
  g_assert_true (gtk_widget_get_sensitive (button));
  button = vigie_instances_page_get_action_button (page, VIGIE_ACTION_STOP);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "The instance is not running");
  g_assert_false (gtk_widget_get_sensitive (vigie_instances_page_get_action_button (page,
                                                                                    "terminal")));

  /* Enter on a row opens its actions. */
  {
    GtkWidget *view = vigie_test_find_widget (GTK_WIDGET (page), vigie_test_match_type,
                                              GSIZE_TO_POINTER (GTK_TYPE_COLUMN_VIEW));
    GtkWidget *menu = vigie_test_find_widget (GTK_WIDGET (page), match_actions_button, NULL);
    GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu));

    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
    g_signal_emit_by_name (view, "activate", 0);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
    gtk_popover_popdown (popover);
  }

  /* Nothing selected: no actions. */
  vigie_instances_page_select (page, GTK_INVALID_LIST_POSITION);
  vigie_test_spin (0.05);
  g_assert_null (vigie_instances_page_get_selected (page));
  g_assert_null (vigie_instances_page_get_action_button (page, VIGIE_ACTION_START));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
backend_ran (gpointer data)
{
  return g_strcmp0 (vigie_test_backend_get_last_action (data), VIGIE_ACTION_BACKUP) == 0;
}

/* An action with parameters asks for them first: a backup asks where to. */
static void
test_backup_asks_storage (Fixture       *fixture,
                          gconstpointer  data)
{
  VigieInstancesPage *page = fixture->page;
  VigieInstance *selected;
  VigieBackend *backend;
  AdwMessageDialog *dialog;
  AdwComboRow *combo;
  GtkWidget *button;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  vigie_instances_page_set_endpoint (page, "small");
  vigie_instances_page_select (page, 0);
  selected = vigie_instances_page_get_selected (page);
  g_assert_nonnull (selected);
  backend = vigie_monitor_get_backend (fixture->monitor,
                                       vigie_endpoint_store_find_by_name (fixture->store, "small"));
  button = vigie_instances_page_get_action_button (page, VIGIE_ACTION_BACKUP);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (vigie_test_wait_until (has_message_dialog, NULL, 5));
  dialog = find_message_dialog ();
  g_assert_null (vigie_test_backend_get_last_action (VIGIE_TEST_BACKEND (backend)));

  /* The endpoint's backup storage is offered. */
  combo = ADW_COMBO_ROW (vigie_test_find_widget (adw_message_dialog_get_extra_child (dialog),
                                                 vigie_test_match_type,
                                                 GSIZE_TO_POINTER (ADW_TYPE_COMBO_ROW)));
  g_assert_nonnull (combo);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (combo)), ==,
                   "local");
  adw_message_dialog_response (dialog, "run");
  g_assert_true (vigie_test_wait_until (backend_ran, backend, 5));
  g_assert_cmpstr (vigie_test_backend_get_last_param (VIGIE_TEST_BACKEND (backend), "storage"),
                   ==, "local");
  dialog = find_message_dialog ();
  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
no_message_dialog (gpointer data)
{
  return !has_message_dialog (NULL);
}

static gboolean
action_held (gpointer data)
{
  return vigie_test_backend_has_held_action (data);
}

/* What stops or interrupts a guest is confirmed first, in a dialog naming
 * the instance and its endpoint whose default is Cancel: an Enter typed
 * ahead cancels. Only “run” reaches the backend, and a toast says it runs
 * until the backend's task ends, then how it ended. */
static void
test_disruptive_confirmed (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct {
    const char *id;
    const char *heading;
    const char *progress;
    const char *error;     /* how the task ends, NULL for done */
    const char *result;
  } cases[] = {
    { VIGIE_ACTION_SHUTDOWN, "Shut Down “%s”?", "Shutting down “%s”…", NULL,
      "Shut Down on “%s”: done" },
    { VIGIE_ACTION_STOP, "Power Off “%s”?", "Powering off “%s”…", NULL,
      "Power Off on “%s”: done" },
    { VIGIE_ACTION_REBOOT, "Reboot “%s”?", "Rebooting “%s”…", "The guest did not answer",
      "Reboot on “%s” failed: The guest did not answer" },
    { VIGIE_ACTION_SUSPEND, "Suspend “%s”?", "Suspending “%s”…", NULL,
      "Suspend on “%s”: done" },
  };
  VigieInstancesPage *page = fixture->page;
  VigieTestBackend *backend;
  VigieInstance *selected;
  g_autofree char *name = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  vigie_instances_page_set_endpoint (page, "small");
  vigie_instances_page_select (page, find_position (vigie_instances_page_get_model (page),
                                                    VIGIE_STATE_RUNNING));
  selected = vigie_instances_page_get_selected (page);
  g_assert_nonnull (selected);
  name = g_strdup (selected->name);
  backend = VIGIE_TEST_BACKEND (vigie_monitor_get_backend (
    fixture->monitor, vigie_endpoint_store_find_by_name (fixture->store, "small")));
  vigie_test_backend_hold_actions (backend);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *heading = g_strdup_printf (cases[i].heading, name);
      g_autofree char *progress = g_strdup_printf (cases[i].progress, name);
      g_autofree char *result = g_strdup_printf (cases[i].result, name);
      VigieTestLabel shown = { fixture->overlay, progress, NULL };
      VigieTestLabel ended = { fixture->overlay, result, NULL };
      AdwMessageDialog *dialog;
      GtkWidget *button, *focus;

      g_test_message ("action %s", cases[i].id);
      button = vigie_instances_page_get_action_button (page, cases[i].id);
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_get_sensitive (button));

      /* Enter in the dialog: Cancel, and nothing runs. */
      g_signal_emit_by_name (button, "clicked");
      g_assert_true (vigie_test_wait_until (has_message_dialog, NULL, 5));
      dialog = find_message_dialog ();
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), name));
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“small”"));
      g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
      g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "run"), ==,
                       ADW_RESPONSE_DESTRUCTIVE);
      vigie_test_spin (0.05);
      focus = gtk_window_get_focus (GTK_WINDOW (dialog));
      g_assert_true (GTK_IS_BUTTON (focus));
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==, "_Cancel");
      g_signal_emit_by_name (dialog, "activate-default");
      g_assert_true (vigie_test_wait_until (no_message_dialog, NULL, 5));
      g_assert_cmpstr (vigie_test_backend_get_last_action (backend), !=, cases[i].id);
      g_assert_false (vigie_test_backend_has_held_action (backend));

      /* Confirmed: it runs, and the toast lasts as long as its task. */
      g_signal_emit_by_name (vigie_instances_page_get_action_button (page, cases[i].id),
                             "clicked");
      g_assert_true (vigie_test_wait_until (has_message_dialog, NULL, 5));
      dialog = find_message_dialog ();
      button = vigie_test_find_widget (GTK_WIDGET (dialog), vigie_test_match_button,
                                       (gpointer) adw_message_dialog_get_response_label (dialog,
                                                                                         "run"));
      g_assert_nonnull (button);
      g_signal_emit_by_name (button, "clicked");
      g_assert_true (vigie_test_wait_until (no_message_dialog, NULL, 5));
      g_assert_true (vigie_test_wait_until (action_held, backend, 5));
      g_assert_cmpstr (vigie_test_backend_get_last_action (backend), ==, cases[i].id);
      g_assert_true (vigie_test_wait_until (vigie_test_label_shown, &shown, 5));
      vigie_test_spin (0.2);
      g_assert_true (vigie_test_label_shown (&shown));
      fixture->refreshed = FALSE;
      vigie_test_backend_end_action (backend, cases[i].error);
      g_assert_true (vigie_test_wait_until (vigie_test_label_shown, &ended, 5));
      g_assert_true (vigie_test_label_gone (&shown));
      g_assert_true (vigie_test_wait_until (selection_back, fixture, 30));
      /* Toasts queue: the next progress shows once this result has gone. */
      g_assert_true (vigie_test_wait_until (vigie_test_label_gone, &ended, 30));
    }
}

/* multi-selection and bulk actions */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
selected_ids (VigieInstancesPage *page)
{
  GtkSelectionModel *selection =
    GTK_SELECTION_MODEL (gtk_column_view_get_model (vigie_instances_page_get_column_view (page)));
  GListModel *model = vigie_instances_page_get_model (page);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (gtk_selection_model_is_selected (selection, i))
      {
        g_autoptr(VigieInstance) instance = g_list_model_get_item (model, i);

        g_ptr_array_add (ids, g_strdup (vigie_instance_get_identity (instance)));
      }
  g_ptr_array_sort (ids, compare_strings);
  return ids;
}

static void
assert_same_ids (GPtrArray *a,
                 GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

static GtkWindow *
find_window_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return window;
    }
  return NULL;
}

typedef struct {
  const char *title;
  const char *text;
} InWindow;

static gboolean
label_in_window (gpointer data)
{
  InWindow *in = data;
  GtkWindow *window = find_window_titled (in->title);

  return window != NULL &&
         vigie_test_find_widget (GTK_WIDGET (window), vigie_test_match_mapped_label,
                                 (gpointer) in->text) != NULL;
}

/* Ctrl-click adds to the selection; the selection, kept by identity,
 * survives a refresh and a sort; the actions are those of all the selected
 * instances, saying on how many they may run; a disruptive one is confirmed
 * naming how many and where, Cancel the default; run, it lists each
 * instance's outcome, not allowed ones with their reason. */
static void
test_multi_selection (Fixture       *fixture,
                      gconstpointer  data)
{
  VigieInstancesPage *page = fixture->page;
  GListModel *model;
  GtkWidget *button;
  AdwMessageDialog *dialog;
  GtkColumnViewColumn *column;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  VigieEndpoint *endpoint;
  VigieBackend *backend;
  guint running = 0, stopped;
  InWindow finished = { "Shut Down: Results", "Finished: 2 done, 0 failed, 1 not allowed" };
  InWindow refused = { "Shut Down: Results", "Not allowed: The instance is not running" };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  vigie_instances_page_set_endpoint (page, "small");
  model = vigie_instances_page_get_model (page);
  stopped = find_position (model, VIGIE_STATE_STOPPED);
  /* Two running ones and a stopped one. */
  vigie_instances_page_select (page, stopped);
  for (guint i = 0; i < g_list_model_get_n_items (model) && running < 2; i++)
    {
      g_autoptr(VigieInstance) instance = g_list_model_get_item (model, i);

      if (instance->state == VIGIE_STATE_RUNNING)
        {
          vigie_instances_page_select_also (page, i);
          running++;
        }
    }
  g_assert_cmpuint (running, ==, 2);
  g_assert_cmpuint (vigie_instances_page_get_n_selected (page), ==, 3);
  g_assert_null (vigie_instances_page_get_selected (page));
  vigie_test_spin (0.05);
  g_assert_nonnull (vigie_test_find_widget (GTK_WIDGET (page), vigie_test_match_mapped_label,
                                            "3 Instances Selected"));

  button = vigie_instances_page_get_action_button (page, VIGIE_ACTION_START);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (button),
                                   "Runs on 1 of 3 instances; not on “"));
  button = vigie_instances_page_get_action_button (page, VIGIE_ACTION_SNAPSHOT);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (button),
                                   "Not allowed on any of them; “"));
  g_assert_false (gtk_widget_get_sensitive (vigie_instances_page_get_action_button (page,
                                                                                    "terminal")));

  before = selected_ids (page);
  g_assert_cmpuint (before->len, ==, 3);
  refresh_and_wait (fixture);
  g_assert_cmpuint (vigie_instances_page_get_n_selected (page), ==, 3);
  after = selected_ids (page);
  assert_same_ids (before, after);
  column = g_list_model_get_item (gtk_column_view_get_columns (vigie_instances_page_get_column_view (page)), 1);
  gtk_column_view_sort_by_column (vigie_instances_page_get_column_view (page), column,
                                  GTK_SORT_DESCENDING);
  g_object_unref (column);
  sorted = selected_ids (page);
  assert_same_ids (before, sorted);

  /* Shut Down, confirmed: Cancel is the default and runs nothing. */
  endpoint = vigie_endpoint_store_find_by_name (fixture->store, "small");
  backend = vigie_monitor_get_backend (fixture->monitor, endpoint);
  button = vigie_instances_page_get_action_button (page, VIGIE_ACTION_SHUTDOWN);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (vigie_test_wait_until (has_message_dialog, NULL, 5));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Shut Down: 3 Instances?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "small (3)"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  vigie_test_spin (0.05);
  /* Enter: Cancel. */
  g_signal_emit_by_name (dialog, "activate-default");
  g_assert_true (vigie_test_wait_until (no_message_dialog, NULL, 5));
  g_assert_null (vigie_test_backend_get_last_action (VIGIE_TEST_BACKEND (backend)));

  /* Run: two shut down, the stopped one not allowed, with the reason. */
  button = vigie_instances_page_get_action_button (page, VIGIE_ACTION_SHUTDOWN);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (vigie_test_wait_until (has_message_dialog, NULL, 5));
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "run");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (vigie_test_wait_until (label_in_window, &finished, 30));
  g_assert_true (label_in_window (&refused));
  g_assert_cmpstr (vigie_test_backend_get_last_action (VIGIE_TEST_BACKEND (backend)), ==,
                   VIGIE_ACTION_SHUTDOWN);
  gtk_window_destroy (find_window_titled ("Shut Down: Results"));
}

int
main (int   argc,
      char *argv[])
{
  /* The strings compared are the English ones. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();

  g_test_add ("/vigie/instances/filter", Fixture, NULL,
              fixture_set_up, test_filter, fixture_tear_down);
  g_test_add ("/vigie/instances/sorted-by-name", Fixture, NULL,
              fixture_set_up, test_sorted_by_name, fixture_tear_down);
  g_test_add ("/vigie/instances/search-and-natural-sort", Fixture, NULL,
              fixture_set_up, test_natural_sort, fixture_tear_down);
  g_test_add ("/vigie/instances/selection-kept", Fixture, NULL,
              fixture_set_up, test_selection_kept, fixture_tear_down);
  g_test_add ("/vigie/instances/actions", Fixture, NULL,
              fixture_set_up, test_actions, fixture_tear_down);
  g_test_add ("/vigie/instances/disruptive-confirmed", Fixture, NULL,
              fixture_set_up, test_disruptive_confirmed, fixture_tear_down);
  g_test_add ("/vigie/instances/backup-asks-storage", Fixture, NULL,
              fixture_set_up, test_backup_asks_storage, fixture_tear_down);
  g_test_add ("/vigie/instances/multi-selection", Fixture, NULL,
              fixture_set_up, test_multi_selection, fixture_tear_down);
  return g_test_run ();
}
