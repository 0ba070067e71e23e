/* vigie-overview-page.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The estate at a glance, then one card per endpoint. An endpoint's refresh
 * replaces its inventory in the monitor's list: only its card changes, in
 * place, so the page never jumps, folds or loses focus; cards come and go
 * with the endpoints. The summary is computed once per burst of refreshes.
 * Only the cards near what the page shows are built: at 100 endpoints,
 * building every card was about 90 MB of widgets and their accessibility
 * objects, and the first layout of all of them a stall of half a second.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-coverage-round.h"
#include "vigie-estate-summary.h"
#include "vigie-overview-card.h"
#include "vigie-overview-page.h"
#include "vigie-wrap-box.h"
#include "vigie-overview-summary.h"
#include "vigie-instances-page-profile.h"

struct _VigieOverviewPage
{
  AdwBin        parent_instance;

  VigieMonitor *monitor;
  char         *endpoint_filter;
  GHashTable   *cards;         /* endpoint name -> VigieOverviewCard (borrowed) */
  guint         summary_source;
  gboolean      summary_dirty; /* something changed while the page was hidden */
  gboolean      cards_dirty;   /* inventories changed while the page was hidden */
  guint         n_summaries;   /* for tests: how many times the summary was computed */
  gint64        summary_cost;  /* how long the last one took, in µs */
  guint         place_source;  /* cards to build or drop, once laid out */

  /* template children */
  GtkStack             *stack;
  GtkBox               *groups_box;
  GtkScrolledWindow    *scroller;
  VigieOverviewSummary *summary;
  GtkWidget            *all_button;
};

G_DEFINE_FINAL_TYPE (VigieOverviewPage, vigie_overview_page, ADW_TYPE_BIN)

static VigieKind
card_kind (VigieOverviewPage *self,
           VigieOverviewCard *card)
{
  VigieEndpoint *endpoint = vigie_endpoint_store_find_by_name (
    vigie_monitor_get_store (self->monitor), vigie_overview_card_get_endpoint (card));
  VigieInventory *inventory = vigie_overview_card_get_inventory (card);

  if (endpoint != NULL)
    return vigie_endpoint_get_kind (endpoint);
  return inventory != NULL ? inventory->kind : VIGIE_KIND_UNKNOWN;
}

/* The sidebar's order: by the endpoint's kind, then by name. */
static int
compare_cards (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  VigieOverviewPage *self = user_data;
  VigieOverviewCard *ca = *(VigieOverviewCard **) a;
  VigieOverviewCard *cb = *(VigieOverviewCard **) b;
  VigieKind ka = card_kind (self, ca);
  VigieKind kb = card_kind (self, cb);

  if (ka != kb)
    return (int) ka - (int) kb;
  return g_utf8_collate (vigie_overview_card_get_endpoint (ca),
                         vigie_overview_card_get_endpoint (cb));
}

static void
apply_filter (VigieOverviewPage *self)
{
  GHashTableIter iter;
  gpointer name, card;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &name, &card))
    gtk_widget_set_visible (card, self->endpoint_filter == NULL ||
                                  g_strcmp0 (name, self->endpoint_filter) == 0);
  /* The estate is what "All Endpoints" is about; one endpoint shown has a
   * way back to all of them (the sidebar is away in a narrow window). */
  gtk_widget_set_visible (GTK_WIDGET (self->summary), self->endpoint_filter == NULL);
  gtk_widget_set_visible (self->all_button, self->endpoint_filter != NULL);
}

/* Whether @result was computed from the inventories the monitor holds
 * now, with the RPO it has now. */
static gboolean
is_current (const VigieCoverageResult *result,
            GPtrArray                 *inventories,
            double                     rpo_hours)
{
  if (result == NULL || result->rpo_hours != rpo_hours ||
      result->inventories->len != inventories->len)
    return FALSE;
  for (guint i = 0; i < inventories->len; i++)
    if (g_ptr_array_index (result->inventories, i) != g_ptr_array_index (inventories, i))
      return FALSE;
  return TRUE;
}

/* The estate summary adds up every endpoint: computed once per burst of
 * refreshes, not once per endpoint. Its backup coverage is the one the
 * monitor's VigieCoverageRound computed off the main thread (the newest
 * one while a newer is computed). */
static gboolean
update_summary (gpointer user_data)
{
  VigieOverviewPage *self = user_data;
  GListModel *inventories = vigie_monitor_get_inventories (self->monitor);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VigieEstateSummary) summary = NULL;
  VigieContext *context = vigie_monitor_get_context (self->monitor);
  VigieCoverageRound *round = vigie_coverage_round_get (self->monitor);
  const VigieCoverageResult *result = vigie_coverage_round_get_result (round);
  gint64 now;
  double rpo;

  gint64 start = vigie_profile_begin ();
  gint64 began = g_get_monotonic_time ();

  self->summary_source = 0;
  for (guint i = 0; i < g_list_model_get_n_items (inventories); i++)
    g_ptr_array_add (all, g_list_model_get_item (inventories, i));
  now = context != NULL ? vigie_clock_now (vigie_context_get_clock (context))
                        : g_get_real_time () / G_USEC_PER_SEC;
  rpo = context != NULL ? vigie_context_get_rpo_hours (context) : 24.0;
  if (!is_current (result, all, rpo) && !vigie_coverage_round_is_busy (round))
    vigie_coverage_round_start (round, FALSE);
  summary = vigie_estate_summary_compute_with_coverage (all, NULL, now,
                                                        result != NULL ? &result->answered : NULL);
  vigie_overview_summary_show (self->summary, summary);
  self->n_summaries++;
  self->summary_cost = g_get_monotonic_time () - began;
  if (start != 0)
    vigie_profile_log ("overview-summary", (g_get_monotonic_time () - start) / 1000.0, 0);
  return G_SOURCE_REMOVE;
}

/* A hidden page adds nothing up: it does when it shows again. */
static void
queue_summary (VigieOverviewPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->summary_dirty = TRUE;
      return;
    }
  /* While endpoints keep arriving, the summary takes at most about a
   * tenth of the main loop: 10,000 guests make it cost 100 ms or more. */
  if (self->summary_source == 0)
    self->summary_source = g_timeout_add (CLAMP (self->summary_cost / 100, 250, 5000),
                                          update_summary, self);
}

/* Cards within a page above and two below what is shown are built; those
 * more than four pages away are dropped. A card built above what is shown
 * grows: the page scrolls by as much, so what the user reads stays put. */
#define BUILD_ABOVE 1.0
#define BUILD_BELOW 2.0
#define DROP_BEYOND 4.0

static gboolean
place_cards (gpointer user_data)
{
  VigieOverviewPage *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scroller);
  GtkWidget *content;
  double page = gtk_adjustment_get_page_size (adjustment);
  double value = gtk_adjustment_get_value (adjustment);
  double shift = 0.0;
  GtkWidget *child;
  guint built = 0;
  gint64 start = vigie_profile_begin ();

  self->place_source = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || page <= 0.0 || !GTK_IS_VIEWPORT (viewport))
    return G_SOURCE_REMOVE;
  /* Where the cards are in what scrolls: the scrolled offset is the
   * adjustment's value now, the cards' places those of the last layout
   * (which a change of size or of cards brings, then "changed"). */
  content = gtk_viewport_get_child (GTK_VIEWPORT (viewport));
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      VigieOverviewCard *card;
      graphene_rect_t bounds;
      double top, bottom;

      if (!VIGIE_IS_OVERVIEW_CARD (child) || !gtk_widget_get_visible (child) ||
          !gtk_widget_compute_bounds (child, content, &bounds))
        continue;
      card = VIGIE_OVERVIEW_CARD (child);
      top = bounds.origin.y - value;
      bottom = top + bounds.size.height;
      if (bottom > -BUILD_ABOVE * page && top < (1.0 + BUILD_BELOW) * page &&
          !vigie_overview_card_get_built (card))
        {
          int height;

          vigie_overview_card_set_built (card, TRUE);
          built++;
          if (bottom <= 0.0)
            {
              gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, (int) bounds.size.width,
                                  NULL, &height, NULL, NULL);
              shift += height - bounds.size.height;
            }
        }
      else if ((bottom < -DROP_BEYOND * page || top > (1.0 + DROP_BEYOND) * page) &&
               vigie_overview_card_get_built (card))
        vigie_overview_card_set_built (card, FALSE);
    }
  if (shift != 0.0)
    gtk_adjustment_configure (adjustment, value + shift, gtk_adjustment_get_lower (adjustment),
                              gtk_adjustment_get_upper (adjustment) + shift,
                              gtk_adjustment_get_step_increment (adjustment),
                              gtk_adjustment_get_page_increment (adjustment), page);
  if (start != 0 && built > 0)
    vigie_profile_log ("overview-cards-built", (g_get_monotonic_time () - start) / 1000.0, built);
  return G_SOURCE_REMOVE;
}

/* Once the page is laid out again: after a scroll, a resize, a card
 * changed, added or shown. */
static void
queue_place_cards (VigieOverviewPage *self)
{
  if (self->place_source == 0)
    self->place_source = g_idle_add (place_cards, self);
}

static void sync_cards (VigieOverviewPage *self);

static void
vigie_overview_page_map (GtkWidget *widget)
{
  VigieOverviewPage *self = VIGIE_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (vigie_overview_page_parent_class)->map (widget);
  if (self->cards_dirty && self->monitor != NULL)
    sync_cards (self);
  queue_place_cards (self);
  if (self->summary_dirty && self->monitor != NULL)
    {
      self->summary_dirty = FALSE;
      g_clear_handle_id (&self->summary_source, g_source_remove);
      update_summary (self);
    }
}

/* Endpoints added, removed or renamed: cards made or dropped, and put in
 * order. The cards of the others stay as they are. */
static void
sync_cards (VigieOverviewPage *self)
{
  GListModel *inventories = vigie_monitor_get_inventories (self->monitor);
  guint n = g_list_model_get_n_items (inventories);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer name, card;
  GtkWidget *previous = GTK_WIDGET (self->summary);

  self->cards_dirty = FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieInventory) inventory = g_list_model_get_item (inventories, i);

      card = g_hash_table_lookup (self->cards, inventory->endpoint);
      if (card == NULL)
        {
          card = vigie_overview_card_new (self->monitor, inventory->endpoint);
          g_hash_table_insert (self->cards, g_strdup (inventory->endpoint), card);
          gtk_box_append (self->groups_box, card);
        }
      g_hash_table_add (keep, inventory->endpoint);
      vigie_overview_card_update (card, inventory);
    }
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &name, &card))
    if (!g_hash_table_contains (keep, name))
      {
        gtk_box_remove (self->groups_box, card);
        g_hash_table_iter_remove (&iter);
      }
    else
      g_ptr_array_add (sorted, card);
  g_ptr_array_sort_with_data (sorted, compare_cards, self);
  for (guint i = 0; i < sorted->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (sorted, i);

      if (gtk_widget_get_prev_sibling (child) != previous)
        gtk_box_reorder_child_after (self->groups_box, child, previous);
      previous = child;
    }
  apply_filter (self);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  queue_place_cards (self);
}

static void
on_inventories_changed (VigieOverviewPage *self,
                        guint              position,
                        guint              removed,
                        guint              added,
                        GListModel        *inventories)
{
  gboolean in_place = removed == added;

  /* A hidden page changes no card: they are brought up to date when it
   * shows (card updates were a part of each endpoint's arrival in a refresh
   * at 10,000 guests while another page showed). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->cards_dirty = TRUE;
      queue_summary (self);
      return;
    }
  /* One endpoint refreshed: its inventory replaced at its place. Only its
   * card changes. */
  for (guint i = position; in_place && i < position + added; i++)
    {
      g_autoptr(VigieInventory) inventory = g_list_model_get_item (inventories, i);
      VigieOverviewCard *card = g_hash_table_lookup (self->cards, inventory->endpoint);

      if (card == NULL)
        in_place = FALSE;
      else
        vigie_overview_card_update (card, inventory);
    }
  if (!in_place)
    sync_cards (self);
  queue_summary (self);
}

void
vigie_overview_page_set_monitor (VigieOverviewPage *self,
                                 VigieMonitor      *monitor)
{
  g_return_if_fail (VIGIE_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (VIGIE_IS_MONITOR (monitor));
  g_return_if_fail (self->monitor == NULL);

  self->monitor = g_object_ref (monitor);
  g_signal_connect_object (vigie_monitor_get_inventories (monitor), "items-changed",
                           G_CALLBACK (on_inventories_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vigie_coverage_round_get (monitor), "computed",
                           G_CALLBACK (queue_summary), self, G_CONNECT_SWAPPED);
  sync_cards (self);
  update_summary (self);
}

void
vigie_overview_page_set_endpoint (VigieOverviewPage *self,
                                  const char        *endpoint_name)
{
  g_return_if_fail (VIGIE_IS_OVERVIEW_PAGE (self));

  if (g_strcmp0 (endpoint_name, self->endpoint_filter) == 0)
    return;
  g_free (self->endpoint_filter);
  self->endpoint_filter = g_strdup (endpoint_name);
  if (self->monitor != NULL)
    apply_filter (self);
  queue_place_cards (self);
}

/* The cards shown, or those of them built. */
static guint
count_cards (VigieOverviewPage *self,
             gboolean           built_only)
{
  GHashTableIter iter;
  gpointer card;
  guint n = 0;

  if (self->cards_dirty)
    sync_cards (self);
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &card))
    if (gtk_widget_get_visible (card) &&
        (!built_only || vigie_overview_card_get_built (card)))
      n++;
  return n;
}

guint
vigie_overview_page_get_n_groups (VigieOverviewPage *self)
{
  g_return_val_if_fail (VIGIE_IS_OVERVIEW_PAGE (self), 0);
  return count_cards (self, FALSE);
}

/* For tests: how many of the cards shown are built (those near what the
 * page shows). */
guint
vigie_overview_page_get_n_built (VigieOverviewPage *self)
{
  g_return_val_if_fail (VIGIE_IS_OVERVIEW_PAGE (self), 0);
  return count_cards (self, TRUE);
}

/**
 * vigie_overview_page_get_card:
 *
 * Returns: (transfer none) (nullable): the card of an endpoint, for tests
 */
GtkWidget *
vigie_overview_page_get_card (VigieOverviewPage *self,
                              const char        *endpoint_name)
{
  g_return_val_if_fail (VIGIE_IS_OVERVIEW_PAGE (self), NULL);
  if (self->cards_dirty)
    sync_cards (self);
  return g_hash_table_lookup (self->cards, endpoint_name);
}

/* For tests: the page's vertical scroll adjustment. */
GtkAdjustment *
vigie_overview_page_get_vadjustment (VigieOverviewPage *self)
{
  g_return_val_if_fail (VIGIE_IS_OVERVIEW_PAGE (self), NULL);
  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

static void
vigie_overview_page_dispose (GObject *object)
{
  VigieOverviewPage *self = (VigieOverviewPage *) object;

  /* AdwBin unparents its child itself: drop it first, or it is unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_handle_id (&self->summary_source, g_source_remove);
  g_clear_handle_id (&self->place_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (vigie_overview_page_parent_class)->dispose (object);
}

static void
vigie_overview_page_finalize (GObject *object)
{
  VigieOverviewPage *self = (VigieOverviewPage *) object;

  g_free (self->endpoint_filter);
  g_hash_table_unref (self->cards);

  G_OBJECT_CLASS (vigie_overview_page_parent_class)->finalize (object);
}

static void
vigie_overview_page_class_init (VigieOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_overview_page_dispose;
  object_class->finalize = vigie_overview_page_finalize;
  widget_class->map = vigie_overview_page_map;

  g_type_ensure (VIGIE_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VigieOverviewPage, groups_box);
  gtk_widget_class_bind_template_child (widget_class, VigieOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, VigieOverviewPage, summary);
  gtk_widget_class_bind_template_child (widget_class, VigieOverviewPage, all_button);
}

static void
vigie_overview_page_init (VigieOverviewPage *self)
{
  GtkAdjustment *adjustment;

  g_type_ensure (VIGIE_TYPE_OVERVIEW_SUMMARY);
  self->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Scrolled, resized, or a card grown, shrunk, added or shown: its
   * bounds change. */
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (queue_place_cards), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (queue_place_cards), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
vigie_overview_page_new (void)
{
  return g_object_new (VIGIE_TYPE_OVERVIEW_PAGE, NULL);
}
