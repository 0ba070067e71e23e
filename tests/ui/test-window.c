/* test-window.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: its empty state, the live sidebar grouped by kind,
 * filtering by endpoint, and terminals opened from the pages.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "vigie-backends.h"
#include "vigie-endpoint-row.h"
#include "vigie-overview-card.h"
#include "vigie-test-backend.h"
#include "vigie-test-estate.h"
#include "vigie-test-util.h"
#include "vigie-window.h"

#include "window-fixture.h"

static GtkWidget *
find_mapped_status_page (VigieWindow *window,
                         const char  *title)
{
  GtkWidget *page = vigie_test_find_widget (GTK_WIDGET (window), vigie_test_match_status_page,
                                            (gpointer) title);

  return page != NULL && gtk_widget_get_mapped (page) ? page : NULL;
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  VigieOverviewPage *overview;
  GtkWidget *empty, *button;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  open_window (fixture);
  empty = find_mapped_status_page (fixture->window, "No Endpoints");
  g_assert_nonnull (empty);
  button = vigie_test_find_widget (empty, vigie_test_match_button, "_Add an Endpoint");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "win.add-endpoint");
  button = vigie_test_find_widget (empty, vigie_test_match_button, "_Try the Demo Lab");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_nonnull (find_mapped_status_page (fixture->window, "Nothing to Watch Yet"));
  overview = vigie_window_get_overview_page (fixture->window);
  g_assert_cmpuint (vigie_overview_page_get_n_groups (overview), ==, 0);
}

static const char *
row_name (GtkListBoxRow *row)
{
  return vigie_endpoint_get_name (vigie_endpoint_row_get_endpoint (VIGIE_ENDPOINT_ROW (row)));
}

static VigieUiStatus
row_status (GtkListBoxRow *row)
{
  return vigie_endpoint_row_get_status (VIGIE_ENDPOINT_ROW (row));
}

static const char *
header_text (GtkListBoxRow *row)
{
  GtkWidget *header = gtk_list_box_row_get_header (row);

  return header != NULL ? gtk_label_get_text (GTK_LABEL (header)) : NULL;
}

static void
test_sidebar (Fixture       *fixture,
              gconstpointer  data)
{
  GtkListBox *list;
  GtkListBoxRow *row;
  VigieInstancesPage *instances;
  VigieOverviewPage *overview;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  vigie_test_estate_add (&fixture->estate, "pve-b", VIGIE_KIND_PROXMOX);
  vigie_test_estate_add (&fixture->estate, "esxi-a", VIGIE_KIND_ESXI);
  vigie_test_estate_add (&fixture->estate, "pve-a", VIGIE_KIND_PROXMOX);
  /* What endpoints say is text, never markup (GTest makes the warning fatal). */
  vigie_endpoint_set_option (vigie_endpoint_store_find_by_name (fixture->estate.store, "esxi-a"),
                             "test-product", "Backup & <Replication>");
  open_window (fixture);
  g_assert_null (find_mapped_status_page (fixture->window, "No Endpoints"));

  /* "All Endpoints", then the endpoints grouped by kind, by name within. */
  list = endpoint_list (fixture);
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_false (VIGIE_IS_ENDPOINT_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "All Endpoints");
  g_assert_true (gtk_list_box_get_selected_row (list) == row);
  row = gtk_list_box_get_row_at_index (list, 1);
  g_assert_cmpstr (row_name (row),
                   ==, "esxi-a");
  g_assert_cmpstr (header_text (row), ==, "VMware ESXi");
  row = gtk_list_box_get_row_at_index (list, 2);
  g_assert_cmpstr (row_name (row),
                   ==, "pve-a");
  g_assert_cmpstr (header_text (row), ==, "Proxmox VE");
  row = gtk_list_box_get_row_at_index (list, 3);
  g_assert_cmpstr (row_name (row),
                   ==, "pve-b");
  g_assert_null (header_text (row));
  g_assert_null (gtk_list_box_get_row_at_index (list, 4));

  /* The rows follow the endpoints' state: here every one answers. */
  g_assert_true (vigie_test_wait_until (vigie_test_rows_ok, list, 30));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "1.0 · 3 instances");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), ==, "Test Hypervisor 1.0");

  /* Selecting an endpoint narrows the pages to it. */
  instances = vigie_window_get_instances_page (fixture->window);
  overview = vigie_window_get_overview_page (fixture->window);
  g_assert_cmpuint (vigie_instances_page_get_n_visible (instances), ==, 9);
  g_assert_cmpuint (vigie_overview_page_get_n_groups (overview), ==, 3);
  gtk_list_box_select_row (list, row);
  g_assert_cmpuint (vigie_instances_page_get_n_visible (instances), ==, 3);
  g_assert_cmpuint (vigie_overview_page_get_n_groups (overview), ==, 1);
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpuint (vigie_instances_page_get_n_visible (instances), ==, 9);
  g_assert_cmpuint (vigie_overview_page_get_n_groups (overview), ==, 3);

  /* An endpoint added later shows up and is read. */
  vigie_test_estate_add (&fixture->estate, "incus-a", VIGIE_KIND_INCUS);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 4));
  g_assert_true (vigie_test_wait_until (vigie_test_rows_ok, list, 30));
  g_assert_cmpuint (vigie_instances_page_get_n_visible (instances), ==, 12);
}

static VigieBackend *
factory_with_real_pbs (VigieEndpoint *endpoint,
                       VigieContext  *context)
{
  if (vigie_endpoint_get_kind (endpoint) == VIGIE_KIND_PBS)
    return vigie_backend_new_for_endpoint (endpoint, context);
  return vigie_test_backend_factory (endpoint, context);
}

static gboolean
row_settled (gpointer data)
{
  return vigie_endpoint_row_get_status (data) != VIGIE_UI_STATUS_PENDING;
}

/* An endpoint that fails says why, in the sidebar and in the overview. */
static void
test_failing_endpoint (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkListBox *list;
  GtkListBoxRow *all, *row;
  VigieEndpoint *endpoint;
  VigieInventory *inventory;
  const char *subtitle;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  vigie_test_estate_add (&fixture->estate, "pve", VIGIE_KIND_PROXMOX);
  vigie_test_estate_add (&fixture->estate, "backup", VIGIE_KIND_PBS);
  fixture->window = vigie_window_new_for_store (fixture->estate.store, fixture->estate.context,
                                                NULL,
                                                factory_with_real_pbs);
  gtk_window_present (GTK_WINDOW (fixture->window));
  list = endpoint_list (fixture);
  row = gtk_list_box_get_row_at_index (list, 2);
  g_assert_cmpstr (row_name (row),
                   ==, "backup");
  g_assert_true (vigie_test_wait_until (row_settled, row, 30));
  /* A PBS at an address that does not exist, with no credentials: it fails
   * (red) or asks for credentials (orange), and says so in words. */
  endpoint = vigie_endpoint_row_get_endpoint (VIGIE_ENDPOINT_ROW (row));
  inventory = vigie_monitor_get_inventory (vigie_window_get_monitor (fixture->window), endpoint);
  g_assert_cmpint (inventory->status, !=, VIGIE_STATUS_OK);
  g_assert_nonnull (inventory->error);
  g_assert_true (row_status (row) == VIGIE_UI_STATUS_ERROR ||
                 row_status (row) == VIGIE_UI_STATUS_WARNING);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_cmpstr (subtitle, ==, inventory->error);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), ==, subtitle);

  all = gtk_list_box_get_row_at_index (list, 0);
  g_assert_true (vigie_test_wait_until (row_settled, gtk_list_box_get_row_at_index (list, 1), 30));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (all)), ==,
                   "3 instances · 1 failing");
}

static GtkListBoxRow *
row_named (GtkListBox *list,
           const char *name)
{
  GtkListBoxRow *row;

  for (int i = 1; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (row_name (row), name) == 0)
      return row;
  return NULL;
}

typedef struct {
  VigieOverviewCard *card;
  guint              n_updates;
} CardWait;

static gboolean
card_updated (gpointer data)
{
  CardWait *wait = data;

  return vigie_overview_card_get_n_updates (wait->card) > wait->n_updates;
}

/* Issue 13: one endpoint's refresh changes its card and its sidebar row,
 * and no other: the same widgets, the others untouched. */
static void
test_refresh_in_place (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *names[] = { "esxi-a", "pve-a", "pve-b" };
  VigieOverviewCard *cards[3];
  guint card_updates[3], row_updates[3];
  VigieOverviewPage *overview;
  GtkListBox *list;
  CardWait wait;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  vigie_test_estate_add (&fixture->estate, "pve-b", VIGIE_KIND_PROXMOX);
  vigie_test_estate_add (&fixture->estate, "esxi-a", VIGIE_KIND_ESXI);
  vigie_test_estate_add (&fixture->estate, "pve-a", VIGIE_KIND_PROXMOX);
  open_window (fixture);
  list = endpoint_list (fixture);
  g_assert_true (vigie_test_wait_until (vigie_test_rows_ok, list, 30));
  overview = vigie_window_get_overview_page (fixture->window);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      cards[i] = VIGIE_OVERVIEW_CARD (vigie_overview_page_get_card (overview, names[i]));
      g_assert_nonnull (cards[i]);
      card_updates[i] = vigie_overview_card_get_n_updates (cards[i]);
      row_updates[i] = vigie_endpoint_row_get_n_updates (VIGIE_ENDPOINT_ROW (row_named (list,
                                                                                  names[i])));
    }
  /* The cards follow the sidebar's order, after the estate summary. */
  g_assert_true (gtk_widget_get_prev_sibling (GTK_WIDGET (cards[1])) == GTK_WIDGET (cards[0]));
  g_assert_true (gtk_widget_get_prev_sibling (GTK_WIDGET (cards[2])) == GTK_WIDGET (cards[1]));

  wait.card = cards[1];
  wait.n_updates = card_updates[1];
  vigie_monitor_refresh_endpoint (vigie_window_get_monitor (fixture->window),
                                  vigie_endpoint_store_find_by_name (fixture->estate.store,
                                                                     "pve-a"));
  g_assert_true (vigie_test_wait_until (card_updated, &wait, 30));
  g_assert_true (vigie_test_wait_until (vigie_test_rows_ok, list, 30));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      guint rows = vigie_endpoint_row_get_n_updates (VIGIE_ENDPOINT_ROW (row_named (list,
                                                                                names[i])));

      /* The same card, not one made again. */
      g_assert_true (vigie_overview_page_get_card (overview, names[i]) == GTK_WIDGET (cards[i]));
      if (i == 1)
        {
          g_assert_cmpuint (vigie_overview_card_get_n_updates (cards[i]), ==,
                            card_updates[i] + 1);
          g_assert_cmpuint (rows, >, row_updates[i]);
        }
      else
        {
          g_assert_cmpuint (vigie_overview_card_get_n_updates (cards[i]), ==, card_updates[i]);
          g_assert_cmpuint (rows, ==, row_updates[i]);
        }
    }

  /* The page fits a phone's width (issue 14: the window works at 360 px). */
  {
    int min_width;

    gtk_widget_measure (GTK_WIDGET (overview), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL,
                        NULL, NULL);
    g_test_message ("overview minimum width: %d", min_width);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        int card_min;

        gtk_widget_measure (GTK_WIDGET (cards[i]), GTK_ORIENTATION_HORIZONTAL, -1, &card_min,
                            NULL, NULL, NULL);
        g_test_message ("card %s minimum width: %d", names[i], card_min);
      }
    g_assert_cmpint (min_width, <=, 360);
  }

  /* An endpoint removed takes its card away; the others stay. */
  vigie_endpoint_store_remove (fixture->estate.store,
                               vigie_endpoint_store_find_by_name (fixture->estate.store, "pve-b"));
  g_assert_null (vigie_overview_page_get_card (overview, "pve-b"));
  g_assert_true (vigie_overview_page_get_card (overview, "pve-a") == GTK_WIDGET (cards[1]));
  g_assert_cmpuint (vigie_overview_page_get_n_groups (overview), ==, 2);
}

static const char *
uuid_of (Fixture    *fixture,
         const char *name)
{
  return vigie_test_estate_uuid (&fixture->estate, name);
}

static gboolean
row_ok (gpointer data)
{
  return row_status (data) == VIGIE_UI_STATUS_OK;
}

/* The row follows the backend's state: a spinner while it connects. */
static void
test_connecting (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkListBoxRow *row;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  vigie_test_estate_add (&fixture->estate, "slow", VIGIE_KIND_PROXMOX);
  vigie_endpoint_set_option (vigie_endpoint_store_find_by_name (fixture->estate.store, "slow"),
                             "test-connect-ms", "3000");
  open_window (fixture);
  row = gtk_list_box_get_row_at_index (endpoint_list (fixture), 1);
  g_assert_cmpint (row_status (row), ==, VIGIE_UI_STATUS_PENDING);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Connecting…");
  g_assert_true (vigie_test_wait_until (row_ok, row, 20));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "1.0 · 3 instances");
}

static gboolean
has_terminal (gpointer data)
{
  return vigie_terminal_page_get_n_terminals (data) > 0;
}

static gboolean
match_tooltip (GtkWidget *widget,
               gpointer   text)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
has_five_terminals (gpointer data)
{
  return vigie_terminal_page_get_n_terminals (data) == 5;
}

static gboolean
has_three_terminals (gpointer data)
{
  return vigie_terminal_page_get_n_terminals (data) == 3;
}

static void
test_terminals (Fixture       *fixture,
                gconstpointer  data)
{
  VigieInstancesPage *instances;
  VigieTerminalPage *terminals;
  GtkListBox *list;
  GtkWidget *button;
  AdwTabView *view;
  AdwTabPage *page;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  vigie_test_estate_add (&fixture->estate, "pve", VIGIE_KIND_PROXMOX);
  open_window (fixture);
  list = endpoint_list (fixture);
  g_assert_true (vigie_test_wait_until (vigie_test_rows_ok, list, 30));

  /* A shell in the first (running) instance opens a console tab. */
  instances = vigie_window_get_instances_page (fixture->window);
  terminals = vigie_window_get_terminal_page (fixture->window);
  vigie_instances_page_select (instances, 0);
  button = vigie_instances_page_get_action_button (instances, "terminal");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (vigie_test_wait_until (has_terminal, terminals, 10));
  view = ADW_TAB_VIEW (vigie_test_find_widget (GTK_WIDGET (terminals), vigie_test_match_type,
                                               GSIZE_TO_POINTER (ADW_TYPE_TAB_VIEW)));
  page = adw_tab_view_get_selected_page (view);
  /* One rule for every tab: the endpoint, then what the session is on. */
  g_assert_cmpstr (adw_tab_page_get_title (page), ==, "pve — vm-00000");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (terminals)));

  /* The sidebar's SSH action opens an ssh tab. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-ssh", "s",
                              uuid_of (fixture, "pve"));
  g_assert_cmpuint (vigie_terminal_page_get_n_terminals (terminals), ==, 2);
  page = adw_tab_view_get_selected_page (view);
  g_assert_cmpstr (adw_tab_page_get_title (page), ==, "pve (SSH)");

  /* A node's console over the product's protocol, from the sidebar menu. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-node-console", "(ss)",
                              uuid_of (fixture, "pve"),
                              "node1");
  g_assert_true (vigie_test_wait_until (has_three_terminals, terminals, 10));
  page = adw_tab_view_get_selected_page (view);
  g_assert_cmpstr (adw_tab_page_get_title (page), ==, "pve — node1");

  /* The overview's host rows have the same two terminals. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-endpoint", "(ss)", "",
                              "overview");
  g_assert_true (vigie_test_wait_overview_built (fixture->window));
  button = vigie_test_find_widget (GTK_WIDGET (vigie_window_get_overview_page (fixture->window)),
                                   match_tooltip, "Open SSH Terminal");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (vigie_terminal_page_get_n_terminals (terminals), ==, 4);
  page = adw_tab_view_get_selected_page (view);
  /* The only host of an endpoint is reached at the endpoint's address. */
  g_assert_cmpstr (adw_tab_page_get_title (page), ==, "pve (SSH)");
  button = vigie_test_find_widget (GTK_WIDGET (vigie_window_get_overview_page (fixture->window)),
                                   match_tooltip, "Open Console");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (vigie_test_wait_until (has_five_terminals, terminals, 10));
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

/* The item of @menu (and its sections) whose label is @label, with its
 * action and target; FALSE when there is none. */
static gboolean
menu_item (GMenuModel  *menu,
           const char  *label,
           char       **action,
           GVariant   **target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_item (section, label, action, target))
        return TRUE;
      if (!g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) ||
          g_strcmp0 (text, label) != 0)
        continue;
      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", action);
      *target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      return TRUE;
    }
  return FALSE;
}

/* Issue 14: an endpoint's ⋮ menu is named after it; its Refresh refreshes
 * that endpoint alone; an offline node's console is greyed there, as on
 * the Overview. */
static void
test_endpoint_menu (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;
  VigieOverviewPage *overview;
  VigieOverviewCard *cards[2];
  guint updates[2];
  GtkMenuButton *button;
  GMenuModel *menu;
  GtkListBox *list;
  CardWait wait;
  gboolean enabled = TRUE;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  vigie_test_estate_add (&fixture->estate, "pve", VIGIE_KIND_PROXMOX);
  vigie_test_estate_add (&fixture->estate, "other", VIGIE_KIND_PROXMOX);
  vigie_endpoint_set_option (vigie_endpoint_store_find_by_name (fixture->estate.store, "pve"),
                             "test-hosts", "3");
  open_window (fixture);
  list = endpoint_list (fixture);
  g_assert_true (vigie_test_wait_until (vigie_test_rows_ok, list, 30));

  button = GTK_MENU_BUTTON (vigie_test_find_widget (GTK_WIDGET (row_named (list, "pve")),
                                                    vigie_test_match_type,
                                                    GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON)));
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, "Menu for pve");
  /* Built when it first opens, from the newest inventory. */
  g_assert_null (gtk_menu_button_get_menu_model (button));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  gtk_menu_button_popup (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);

  /* node2 is online, node3 offline. */
  g_assert_true (menu_item (menu, "Open Console on node2", &action, &target));
  g_assert_cmpstr (action, ==, "win.open-node-console");
  g_clear_pointer (&action, g_free);
  g_clear_pointer (&target, g_variant_unref);
  g_assert_false (menu_item (menu, "Open Console on node3", &action, &target));
  g_assert_true (menu_item (menu, "Open Console on node3 (offline)", &action, &target));
  g_assert_cmpstr (action, ==, "win.host-offline");
  /* Shown, greyed: the menu's buttons follow their actions. */
  vigie_test_spin (0.2);
  {
    GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
    g_autoptr(GPtrArray) items = g_ptr_array_new ();
    GType model_button = g_type_from_name ("GtkModelButton");

    g_assert_true (model_button != 0);
    collect_widgets (popover, model_button, items);
    for (guint i = 0; i < items->len; i++)
      {
        g_autofree char *text = NULL;

        g_object_get (g_ptr_array_index (items, i), "text", &text, NULL);
        if (g_strcmp0 (text, "Open Console on node3 (offline)") == 0)
          enabled = gtk_widget_get_sensitive (g_ptr_array_index (items, i));
        else if (g_strcmp0 (text, "Open Console on node2") == 0)
          g_assert_true (gtk_widget_get_sensitive (g_ptr_array_index (items, i)));
      }
    g_assert_false (enabled);
    gtk_menu_button_popdown (button);
  }
  g_clear_pointer (&action, g_free);
  g_clear_pointer (&target, g_variant_unref);

  /* Refresh names this endpoint: the other one's card stays as it was. */
  g_assert_true (menu_item (menu, "_Refresh", &action, &target));
  g_assert_cmpstr (action, ==, "win.refresh-endpoint");
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uuid_of (fixture, "pve"));
  overview = vigie_window_get_overview_page (fixture->window);
  cards[0] = VIGIE_OVERVIEW_CARD (vigie_overview_page_get_card (overview, "pve"));
  cards[1] = VIGIE_OVERVIEW_CARD (vigie_overview_page_get_card (overview, "other"));
  for (guint i = 0; i < 2; i++)
    updates[i] = vigie_overview_card_get_n_updates (cards[i]);
  wait.card = cards[0];
  wait.n_updates = updates[0];
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), action,
                                                     target));
  g_assert_true (vigie_test_wait_until (card_updated, &wait, 30));
  g_assert_true (vigie_test_wait_until (vigie_test_rows_ok, list, 30));
  vigie_test_spin (0.5);
  g_assert_cmpuint (vigie_overview_card_get_n_updates (cards[1]), ==, updates[1]);
}

/* Alt+1…5 switch pages: the class's key bindings name win.show-page with
 * each page, and the action shows it. */
static void
test_page_shortcuts (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *pages[] = { "overview", "instances", "backups", "compare", "terminals" };
  g_autoptr(GListModel) controllers = NULL;
  AdwViewStack *stack;
  guint found = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  open_window (fixture);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      guint n;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      n = g_list_model_get_n_items (G_LIST_MODEL (controller));
      for (guint k = 0; k < n; k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (
                                       gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GVariant *args = gtk_shortcut_get_arguments (shortcut);

          if (!GTK_IS_NAMED_ACTION (action) ||
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                         "win.show-page") != 0)
            continue;
          for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
            {
              g_autofree char *want = g_strdup_printf ("<Alt>%u", p + 1);

              if (g_str_equal (trigger, want) && args != NULL &&
                  g_str_equal (g_variant_get_string (args, NULL), pages[p]))
                found |= 1u << p;
            }
        }
    }
  g_assert_cmpuint (found, ==, 0x1f);

  stack = ADW_VIEW_STACK (vigie_test_find_widget (GTK_WIDGET (fixture->window),
                                                  vigie_test_match_type,
                                                  GSIZE_TO_POINTER (ADW_TYPE_VIEW_STACK)));
  g_assert_nonnull (stack);
  for (guint p = G_N_ELEMENTS (pages); p > 0; p--)
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                  pages[p - 1]);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, pages[p - 1]);
    }
  /* An unknown page changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "nope");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "overview");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();

  g_test_add ("/vigie/window/empty", Fixture, NULL,
              fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/vigie/window/sidebar", Fixture, NULL,
              fixture_set_up, test_sidebar, fixture_tear_down);
  g_test_add ("/vigie/window/connecting", Fixture, NULL,
              fixture_set_up, test_connecting, fixture_tear_down);
  g_test_add ("/vigie/window/failing-endpoint", Fixture, NULL,
              fixture_set_up, test_failing_endpoint, fixture_tear_down);
  g_test_add ("/vigie/window/endpoint-menu", Fixture, NULL,
              fixture_set_up, test_endpoint_menu, fixture_tear_down);
  g_test_add ("/vigie/window/refresh-in-place", Fixture, NULL,
              fixture_set_up, test_refresh_in_place, fixture_tear_down);
  g_test_add ("/vigie/window/page-shortcuts", Fixture, NULL,
              fixture_set_up, test_page_shortcuts, fixture_tear_down);
  g_test_add ("/vigie/window/terminals", Fixture, NULL,
              fixture_set_up, test_terminals, fixture_tear_down);
  return g_test_run ();
}
