/* test-overview-sections.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview's endpoint cards in the main window: a section keeps its
 * folding across refreshes, is made only when it has something to list,
 * holds rows only while unfolded and hides them once folded; its labels
 * stay on one line, as do the card's name and status; a hidden Overview
 * updates no card until it shows.
 */

#include "config.h"

#include "vigie-overview-card.h"
#include "vigie-overview-rows.h"
#include "window-fixture.h"

/* The window over one Proxmox endpoint, its rows in; its Overview page, or
 * NULL (the test skipped) without a display. */
static VigieOverviewPage *
open_overview (Fixture *fixture)
{
  if (!have_display)
    {
      g_test_skip ("no display");
      return NULL;
    }
  vigie_test_estate_add (&fixture->estate, "pve", VIGIE_KIND_PROXMOX);
  open_window (fixture);
  g_assert_true (vigie_test_wait_until (vigie_test_rows_ok, endpoint_list (fixture), 30));
  g_assert_true (vigie_test_wait_overview_built (fixture->window));
  return vigie_window_get_overview_page (fixture->window);
}

static gboolean
match_storage_expander (GtkWidget *widget,
                        gpointer   data)
{
  return ADW_IS_EXPANDER_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Storage") == 0;
}

static void
on_refreshed (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* One refresh round of every endpoint, to its end. */
static void
refresh_and_wait (Fixture *fixture)
{
  VigieMonitor *monitor = vigie_window_get_monitor (fixture->window);
  gboolean refreshed = FALSE;

  g_signal_connect_swapped (monitor, "refreshed", G_CALLBACK (on_refreshed), &refreshed);
  vigie_monitor_refresh (monitor);
  g_assert_true (vigie_test_wait_until (flag_set, &refreshed, 30));
  g_signal_handlers_disconnect_by_data (monitor, &refreshed);
}

/* A refresh rebuilds the overview; what the user unfolded stays unfolded. */
static void
test_overview_keeps_expanded (Fixture       *fixture,
                              gconstpointer  data)
{
  VigieOverviewPage *overview;
  GtkWidget *expander;

  overview = open_overview (fixture);
  if (overview == NULL)
    return;
  expander = vigie_test_find_widget (GTK_WIDGET (overview), match_storage_expander, NULL);
  g_assert_nonnull (expander);
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);

  refresh_and_wait (fixture);
  expander = vigie_test_find_widget (GTK_WIDGET (overview), match_storage_expander, NULL);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
}

static GtkWidget *
find_revealer (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_REVEALER (child) ? child : find_revealer (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The rows a section folds, and how many of them are visible. */
static guint
section_rows (GtkWidget *expander,
              guint     *visible)
{
  GtkWidget *list = gtk_revealer_get_child (GTK_REVEALER (find_revealer (expander)));
  guint n = 0;

  *visible = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row))
      {
        n++;
        *visible += gtk_widget_get_visible (row);
      }
  return n;
}

static gboolean
section_folded_hidden (gpointer expander)
{
  guint visible;

  return section_rows (expander, &visible) > 0 && visible == 0;
}

/* Labels under @widget, but under a @stop (a section's revealer, a card's
 * list of rows), in *labels; returns how many of them wrap. */
static guint
wrapping_labels (GtkWidget *widget,
                 GType      stop,
                 guint     *labels)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      {
        (*labels)++;
        n += gtk_label_get_wrap (GTK_LABEL (child));
      }
    else if (!G_TYPE_CHECK_INSTANCE_TYPE (child, stop))
      n += wrapping_labels (child, stop, labels);
  return n;
}

/* A folded section's rows are hidden until the next refresh drops them, so
 * that a change on the Overview does not lay out their text again (a
 * GtkRevealer measures its child even when it shows none of it); unfolded,
 * they show. */
static void
test_overview_folded_hidden (Fixture       *fixture,
                             gconstpointer  data)
{
  VigieOverviewPage *overview;
  GtkWidget *expander;
  guint n, visible;

  overview = open_overview (fixture);
  if (overview == NULL)
    return;
  expander = vigie_test_find_widget (GTK_WIDGET (overview), match_storage_expander, NULL);
  g_assert_nonnull (expander);
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  /* Folded from the start: no row made, so none shown. */
  section_rows (expander, &visible);
  g_assert_cmpuint (visible, ==, 0);
  /* Its title and summary do not wrap: measured once, whatever the width. */
  visible = 0;
  g_assert_cmpuint (wrapping_labels (expander, GTK_TYPE_REVEALER, &visible), ==, 0);
  g_assert_cmpuint (visible, >=, 2);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  n = section_rows (expander, &visible);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (visible, ==, n);
  /* Its rows are one line each too, and say the whole of it when hovered. */
  for (GtkWidget *row = gtk_widget_get_first_child (
         gtk_revealer_get_child (GTK_REVEALER (find_revealer (expander))));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      {
        guint labels = 0;
        const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

        g_assert_cmpuint (wrapping_labels (row, GTK_TYPE_REVEALER, &labels), ==, 0);
        g_assert_cmpuint (labels, >=, 2);
        if (subtitle != NULL && *subtitle != '\0')
          g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, subtitle);
      }

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), FALSE);
  g_assert_true (vigie_test_wait_until (section_folded_hidden, expander, 30));
}

static gboolean
overview_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* A refresh while another page shows changes no card of the Overview; they
 * are brought up to date when it shows again. */
static void
test_overview_hidden_no_updates (Fixture       *fixture,
                                 gconstpointer  data)
{
  VigieOverviewPage *overview;
  VigieOverviewCard *card;
  VigieMonitor *monitor;
  guint n;

  overview = open_overview (fixture);
  if (overview == NULL)
    return;
  monitor = vigie_window_get_monitor (fixture->window);
  card = VIGIE_OVERVIEW_CARD (vigie_overview_page_get_card (overview, "pve"));
  n = vigie_overview_card_get_n_updates (card);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "instances");
  g_assert_true (vigie_test_wait_until (overview_unmapped, overview, 30));
  refresh_and_wait (fixture);
  g_assert_cmpuint (vigie_overview_card_get_n_updates (card), ==, n);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "overview");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overview)));
  g_assert_cmpuint (vigie_overview_card_get_n_updates (card), ==, n + 1);
  g_assert_true (vigie_overview_card_get_inventory (card) ==
                 vigie_monitor_get_inventory (monitor,
                                              vigie_endpoint_store_find_by_name (
                                                fixture->estate.store, "pve")));
}

static gboolean
match_row_titled (GtkWidget *widget,
                  gpointer   title)
{
  return ADW_IS_PREFERENCES_ROW (widget) && !ADW_IS_EXPANDER_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
match_expander_titled (GtkWidget *widget,
                       gpointer   title)
{
  return ADW_IS_EXPANDER_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* An Overview section holds rows only while unfolded, and is made only
 * when it has something to list: at 100 endpoints the folded rows and the
 * empty sections were tens of MB of widgets. Unfolding shows what the
 * inventory says; a refresh of a folded section drops its rows. */
static void
test_overview_folded_rows (Fixture       *fixture,
                           gconstpointer  data)
{
  VigieOverviewPage *overview;
  GtkWidget *card;
  GtkWidget *expander;
  GtkWidget *row;

  overview = open_overview (fixture);
  if (overview == NULL)
    return;
  card = vigie_overview_page_get_card (overview, "pve");
  g_assert_nonnull (card);

  /* No warnings: no Warnings section at all. */
  g_assert_null (vigie_test_find_widget (card, match_expander_titled, "Warnings"));
  /* One host, unfolded: its row is there. */
  expander = vigie_test_find_widget (card, match_expander_titled, "Hosts");
  g_assert_nonnull (expander);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  /* Storage is folded: its subtitle sums it up, no row for "local" yet. */
  expander = vigie_test_find_widget (card, match_expander_titled, "Storage");
  g_assert_nonnull (expander);
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==,
                   "256.0\u00a0GiB of 1.0\u00a0TiB");
  g_assert_null (vigie_test_find_widget (expander, match_row_titled, "local"));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  row = vigie_test_find_widget (expander, match_row_titled, "local");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "256.0\u00a0GiB of 1.0\u00a0TiB");

  /* Folded again: the next refresh drops the row, the section stays. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), FALSE);
  refresh_and_wait (fixture);
  g_assert_true (vigie_test_find_widget (card, match_expander_titled, "Storage") == expander);
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_null (vigie_test_find_widget (expander, match_row_titled, "local"));
}

static gboolean
match_label_text (GtkWidget *widget,
                  gpointer   text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* A card's name and its Status row are one line each, the status whole in
 * the row's tooltip: at 100 endpoints their wrapped text was laid out again
 * for each width the Overview's boxes tried. */
static void
test_overview_card_one_line (Fixture       *fixture,
                             gconstpointer  data)
{
  VigieOverviewPage *overview;
  GtkWidget *card, *row, *name;
  const char *status;
  guint labels = 0;

  overview = open_overview (fixture);
  if (overview == NULL)
    return;
  card = vigie_overview_page_get_card (overview, "pve");
  g_assert_nonnull (card);
  name = vigie_test_find_widget (card, match_label_text, "pve");
  g_assert_nonnull (name);
  g_assert_false (gtk_label_get_wrap (GTK_LABEL (name)));
  /* Nor its product and address (outside the list of rows). */
  g_assert_cmpuint (wrapping_labels (card, GTK_TYPE_LIST_BOX, &labels), ==, 0);
  g_assert_cmpuint (labels, >=, 2);
  labels = 0;
  row = vigie_test_find_widget (card, match_row_titled, "Status");
  g_assert_nonnull (row);
  g_assert_cmpuint (wrapping_labels (row, GTK_TYPE_REVEALER, &labels), ==, 0);
  g_assert_cmpuint (labels, >=, 2);
  status = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_true (status != NULL && *status != '\0');
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, status);
}

/* Cards near what the page shows. */

#define N_CARDS 30

static GtkWidget *
nth_card (VigieOverviewPage *overview,
          guint              i)
{
  g_autofree char *name = g_strdup_printf ("pve-%02u", i);

  return vigie_overview_page_get_card (overview, name);
}

typedef struct {
  VigieOverviewPage *overview;
  guint              i;
} CardWait;

static gboolean
card_built (gpointer data)
{
  CardWait *wait = data;

  return vigie_overview_card_get_built (VIGIE_OVERVIEW_CARD (nth_card (wait->overview, wait->i)));
}

static gboolean
card_dropped (gpointer data)
{
  return !card_built (data);
}

/* Where a card is, from the top of what the page shows. */
static double
card_top (VigieOverviewPage *overview,
          GtkWidget         *card)
{
  graphene_rect_t bounds;
  GtkWidget *scroller = gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (
    gtk_widget_get_parent (card))));

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  g_assert_true (gtk_widget_compute_bounds (card, scroller, &bounds));
  return bounds.origin.y;
}

static gboolean
match_shown_button (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         gtk_widget_is_sensitive (widget);
}

/* The first visible card built, from the top. */
static guint
first_card_shown (VigieOverviewPage *overview)
{
  for (guint i = 0; i < N_CARDS; i++)
    {
      GtkWidget *card = nth_card (overview, i);

      if (card_top (overview, card) + gtk_widget_get_height (card) > 0)
        return i;
    }
  g_assert_not_reached ();
}

/* At 100 endpoints, building every card was about 90 MB of widgets: only
 * those near what the page shows are built, those far away dropped, and
 * a card built again unfolds what the user unfolded. Building a card above
 * what is shown does not move what the user reads. */
/* A window over N_CARDS endpoints, once its first card is built. */
static VigieOverviewPage *
open_many_cards (Fixture *fixture)
{
  CardWait wait;

  for (guint i = 0; i < N_CARDS; i++)
    {
      g_autofree char *endpoint = g_strdup_printf ("pve-%02u", i);

      vigie_test_estate_add (&fixture->estate, endpoint, VIGIE_KIND_PROXMOX);
    }
  open_window (fixture);
  g_assert_true (vigie_test_wait_until (vigie_test_rows_ok, endpoint_list (fixture), 60));
  wait.overview = vigie_window_get_overview_page (fixture->window);
  wait.i = 0;
  g_assert_true (vigie_test_wait_until (card_built, &wait, 10));
  vigie_test_spin (0.5);
  return wait.overview;
}

static void
test_overview_cards_near_view (Fixture       *fixture,
                               gconstpointer  data)
{
  VigieOverviewPage *overview;
  GtkAdjustment *adjustment;
  GtkWidget *first, *last, *expander, *name, *focus;
  g_autoptr(VigieInventory) failing = NULL;
  g_autoptr(VigieInventory) held = NULL;
  CardWait wait;
  guint shown;
  double top, step;
  int dropped_height;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  overview = open_many_cards (fixture);
  wait.overview = overview;

  /* The first cards are built, not the last: it is its name. */
  g_assert_cmpuint (vigie_overview_page_get_n_groups (overview), ==, N_CARDS);
  g_test_message ("%u of %u cards built", vigie_overview_page_get_n_built (overview), N_CARDS);
  g_assert_cmpuint (vigie_overview_page_get_n_built (overview), >=, 2);
  g_assert_cmpuint (vigie_overview_page_get_n_built (overview), <, N_CARDS / 2);
  first = nth_card (overview, 0);
  last = nth_card (overview, N_CARDS - 1);
  g_assert_false (vigie_overview_card_get_built (VIGIE_OVERVIEW_CARD (last)));
  g_assert_nonnull (vigie_test_find_widget (last, match_label_text, "pve-29"));
  g_assert_null (vigie_test_find_widget (last, match_row_titled, "Status"));
  g_assert_true (vigie_overview_card_get_inventory (VIGIE_OVERVIEW_CARD (last)) != NULL);

  /* The user unfolds the first card's storage, then goes to the end: the
   * last card is built, the first dropped. */
  expander = vigie_test_find_widget (first, match_storage_expander, NULL);
  g_assert_nonnull (expander);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  adjustment = vigie_overview_page_get_vadjustment (overview);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wait.i = N_CARDS - 1;
  g_assert_true (vigie_test_wait_until (card_built, &wait, 10));
  wait.i = 0;
  g_assert_true (vigie_test_wait_until (card_dropped, &wait, 10));
  name = vigie_test_find_widget (first, match_label_text, "pve-00");
  g_assert_nonnull (name);
  dropped_height = gtk_widget_get_height (first);
  g_assert_cmpint (dropped_height, >, 0);

  /* Away from the view, an update keeps the height the card had: an
   * estimate (a failing endpoint's card is a line) would move the page. */
  failing = vigie_inventory_new ("pve-00", VIGIE_KIND_PROXMOX, "https://127.0.0.1:8006");
  failing->status = VIGIE_STATUS_UNREACHABLE;
  failing->error = g_strdup ("timed out");
  g_assert_cmpint (vigie_overview_estimate_height (failing), <, dropped_height - 50);
  held = g_object_ref (vigie_overview_card_get_inventory (VIGIE_OVERVIEW_CARD (first)));
  vigie_overview_card_update (VIGIE_OVERVIEW_CARD (first), failing);
  vigie_test_spin (0.5);
  g_assert_false (vigie_overview_card_get_built (VIGIE_OVERVIEW_CARD (first)));
  g_assert_cmpint (gtk_widget_get_height (first), ==, dropped_height);
  vigie_overview_card_update (VIGIE_OVERVIEW_CARD (first), held);
  g_assert_cmpuint (vigie_overview_page_get_n_built (overview), <, N_CARDS / 2);

  /* Half a page up: the cards built above stay where the user reads. */
  shown = first_card_shown (overview);
  top = card_top (overview, nth_card (overview, shown));
  step = gtk_adjustment_get_page_size (adjustment) / 2;
  for (guint i = 0; i < 4; i++)
    {
      double now, before = gtk_adjustment_get_value (adjustment);

      gtk_adjustment_set_value (adjustment, before - step);
      vigie_test_spin (0.3);
      now = card_top (overview, nth_card (overview, shown));
      g_test_message ("scrolled from %.0f by %.0f: card %u from %.0f to %.0f", before, step,
                      shown, top, now);
      g_assert_cmpfloat_with_epsilon (now, top + step, 1.0);
      top = now;
    }

  /* Back at the top: the first card is built again, its storage unfolded. */
  gtk_adjustment_set_value (adjustment, 0);
  g_assert_true (vigie_test_wait_until (card_built, &wait, 10));
  expander = vigie_test_find_widget (first, match_storage_expander, NULL);
  g_assert_nonnull (expander);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));

  /* A card holding the focus is kept, however far the user scrolls. */
  focus = vigie_test_find_widget (first, match_shown_button, NULL);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_grab_focus (focus));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wait.i = N_CARDS - 1;
  g_assert_true (vigie_test_wait_until (card_built, &wait, 10));
  vigie_test_spin (0.3);
  g_assert_true (vigie_overview_card_get_built (VIGIE_OVERVIEW_CARD (first)));
}

/* Tab goes through every card, those not built yet included: each is
 * built as the focus comes in, even when the keys come faster than the
 * page lays itself out (no main loop turn between them here). */
static void
test_overview_tab_builds_cards (Fixture       *fixture,
                                gconstpointer  data)
{
  VigieOverviewPage *overview;
  GtkWidget *first, *last, *focus;
  guint tabs = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  overview = open_many_cards (fixture);
  first = nth_card (overview, 0);
  last = nth_card (overview, N_CARDS - 1);
  g_assert_false (vigie_overview_card_get_built (VIGIE_OVERVIEW_CARD (last)));

  focus = vigie_test_find_widget (first, match_shown_button, NULL);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_grab_focus (focus));
  do
    {
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
      focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
      g_assert_nonnull (focus);
    }
  while (!gtk_widget_is_ancestor (focus, last) && ++tabs < 2000);
  g_test_message ("%u presses of Tab to the last card", tabs);
  g_assert_cmpuint (tabs, <, 2000);
  g_assert_true (vigie_overview_card_get_built (VIGIE_OVERVIEW_CARD (last)));
  vigie_test_spin (0.5);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), last));

  /* And back: Shift+Tab reaches the first card again. */
  tabs = 0;
  do
    {
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_BACKWARD));
      focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
    }
  while (!gtk_widget_is_ancestor (focus, first) && ++tabs < 2000);
  g_assert_cmpuint (tabs, <, 2000);
  g_assert_true (vigie_overview_card_get_built (VIGIE_OVERVIEW_CARD (first)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();

  g_test_add ("/vigie/overview-sections/keeps-expanded", Fixture, NULL,
              fixture_set_up, test_overview_keeps_expanded, fixture_tear_down);
  g_test_add ("/vigie/overview-sections/folded-hidden", Fixture, NULL,
              fixture_set_up, test_overview_folded_hidden, fixture_tear_down);
  g_test_add ("/vigie/overview-sections/hidden-no-updates", Fixture, NULL,
              fixture_set_up, test_overview_hidden_no_updates, fixture_tear_down);
  g_test_add ("/vigie/overview-sections/folded-rows", Fixture, NULL,
              fixture_set_up, test_overview_folded_rows, fixture_tear_down);
  g_test_add ("/vigie/overview-sections/card-one-line", Fixture, NULL,
              fixture_set_up, test_overview_card_one_line, fixture_tear_down);
  g_test_add ("/vigie/overview-sections/cards-near-view", Fixture, NULL,
              fixture_set_up, test_overview_cards_near_view, fixture_tear_down);
  g_test_add ("/vigie/overview-sections/tab-builds-cards", Fixture, NULL,
              fixture_set_up, test_overview_tab_builds_cards, fixture_tear_down);
  return g_test_run ();
}
