/* vigie-instances-page.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every instance of every endpoint in one list: a chain of list models over
 * the monitor's inventories (flattened, sorted, filtered, shown through
 * slots that keep their rows: vigie-instance-slots.c), so a refresh swaps
 * one endpoint's rows and 10,000 instances cost only the visible cells.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-action-runner.h"
#include "vigie-instance-slots.h"
#include "vigie-instances-compact.h"
#include "vigie-instances-page.h"
#include "vigie-wrap-box.h"
#include "vigie-instances-page-actions.h"
#include "vigie-instances-page-bulk.h"
#include "vigie-instances-page-columns.h"
#include "vigie-instances-page-details.h"
#include "vigie-instances-page-profile.h"
#include "vigie-search-query.h"
#include "vigie-ui-util.h"

struct _VigieInstancesPage
{
  AdwBin                parent_instance;

  VigieMonitor         *monitor;
  GListStore           *sources;         /* each inventory's instance store */
  GtkFlattenListModel  *flat;
  GtkFilterListModel   *filtered;
  GtkSortListModel     *sorted;
  VigieInstanceSlots   *slots;           /* what the views show */
  GtkMultiSelection    *selection;
  VigieInstancesFilter *filter;
  GCancellable         *cancellable;

  /* identity (endpoint, project, id) -> instance, for every listed one:
   * the selection survives refreshes, which replace every object */
  GHashTable           *by_identity;
  gboolean              replacing;       /* a refresh is swapping instance stores */
  gboolean              settling;        /* the list shown is changing */
  GHashTable           *selected_ids;    /* identities of the selected instances */
  VigieInstance        *selected;        /* the one selected, NULL for none or many */
  GHashTable           *action_buttons;  /* action id -> GtkButton */

  GListModel           *coverage;        /* VigieCoverage, from the Backups page */
  GHashTable           *coverage_index;  /* identity -> VigieCoverage, made when asked */

  gboolean              setting_entry;
  gint64                sort_start;      /* VIGIE_PROFILE */

  /* template children */
  GtkSearchEntry       *search_entry;
  GtkDropDown          *state_dropdown;
  GtkLabel             *count_label;
  GtkMenuButton        *columns_button;
  GtkStack             *stack;
  GtkScrolledWindow    *scrolled;
  GtkColumnView        *column_view;
  VigieInstanceDetails *details;
  GtkWidget            *details_box;
  GtkWidget            *multi_box;
  GtkLabel             *multi_title;
  GtkLabel             *multi_body;
  GtkRevealer          *action_revealer;
  GtkLabel             *selection_label;
  GtkMenuButton        *actions_button;
  GtkPopover           *actions_popover;
  GtkBox               *action_box;
  GtkButton            *terminal_button;
};

G_DEFINE_FINAL_TYPE (VigieInstancesPage, vigie_instances_page, ADW_TYPE_BIN)

enum {
  OPEN_TERMINAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_actions (VigieInstancesPage *self);
static void update_details (VigieInstancesPage *self);

/* helpers */

static VigieEndpoint *
endpoint_for_instance (VigieInstancesPage *self,
                       VigieInstance      *instance)
{
  if (self->monitor == NULL || instance == NULL || instance->endpoint == NULL)
    return NULL;
  return vigie_endpoint_store_find_by_name (vigie_monitor_get_store (self->monitor),
                                            instance->endpoint);
}

/* filtering */

static void
update_count (VigieInstancesPage *self)
{
  guint total = vigie_instances_page_get_n_instances (self);
  guint shown = vigie_instances_page_get_n_visible (self);
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u instance", "%u instances", total),
                            total);
  else
    /* Translators: shown when a search or a filter hides some instances, e.g.
     * “1 instance of 43”; the plural follows the first number, the one shown */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u instance of %u",
                                         "%u instances of %u", shown), shown, total);
  gtk_label_set_text (self->count_label, text);

  if (shown > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (total > 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
filter_changed (VigieInstancesPage *self,
                gint64              start)
{
  update_count (self);
  if (start != 0)
    {
      guint rows = vigie_instances_page_get_n_visible (self);

      vigie_profile_log ("filter", (g_get_monotonic_time () - start) / 1000.0, rows);
      vigie_profile_until_painted (GTK_WIDGET (self->column_view), "filter-painted", start, rows);
    }
}

static gint64
profile_start (void)
{
  return vigie_profile_begin ();
}

void
vigie_instances_page_set_endpoint (VigieInstancesPage *self,
                                   const char         *endpoint_name)
{
  gint64 start = profile_start ();

  g_return_if_fail (VIGIE_IS_INSTANCES_PAGE (self));

  if (vigie_instances_filter_set_endpoint (self->filter, endpoint_name))
    filter_changed (self, start);
}

void
vigie_instances_page_set_search (VigieInstancesPage *self,
                                 const char         *text)
{
  gint64 start = profile_start ();

  g_return_if_fail (VIGIE_IS_INSTANCES_PAGE (self));

  if (vigie_instances_filter_set_search (self->filter, text))
    filter_changed (self, start);
  /* Setting the text empties the entry first, which a search entry reports
   * at once: that must not clear the search just set. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    {
      self->setting_entry = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
      self->setting_entry = FALSE;
    }
}

void
vigie_instances_page_set_state_filter (VigieInstancesPage *self,
                                       VigieStateFilter    filter)
{
  gint64 start = profile_start ();

  g_return_if_fail (VIGIE_IS_INSTANCES_PAGE (self));

  if (vigie_instances_filter_set_state (self->filter, filter))
    filter_changed (self, start);
  if (gtk_drop_down_get_selected (self->state_dropdown) != (guint) filter)
    gtk_drop_down_set_selected (self->state_dropdown, filter);
}

static void
on_search_entry_search_changed_cb (VigieInstancesPage *self)
{
  if (self->setting_entry)
    return;
  vigie_instances_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Escape in the entry clears the search. */
static void
on_search_entry_stop_search_cb (VigieInstancesPage *self)
{
  vigie_instances_page_set_search (self, NULL);
}

static void
on_state_dropdown_selected_cb (VigieInstancesPage *self)
{
  vigie_instances_page_set_state_filter (self, gtk_drop_down_get_selected (self->state_dropdown));
}

/* Ctrl+F from anywhere in the window, while the page is shown. */
static gboolean
focus_search (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  VigieInstancesPage *self = VIGIE_INSTANCES_PAGE (widget);

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* selection: kept as the set of selected identities, so that it survives
 * a refresh (which replaces every object) and follows a sort (GTK's
 * multi-selection keeps its objects when they move) */

static void
forget_selection (VigieInstancesPage *self)
{
  g_clear_object (&self->selected);
  if (self->selected_ids != NULL)
    g_hash_table_remove_all (self->selected_ids);
}

/* Where @instance is in the list shown: a binary search with the list's
 * own sorter (a total order), else G_MAXUINT when it is filtered out. */
static guint
sorted_position (VigieInstancesPage *self,
                 VigieInstance      *instance)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  GtkSorter *sorter = gtk_sort_list_model_get_sorter (self->sorted);
  guint lo = 0, hi = g_list_model_get_n_items (model);

  if (sorter == NULL || gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE)
    {
      for (guint i = 0; i < hi; i++)
        {
          g_autoptr(VigieInstance) item = g_list_model_get_item (model, i);

          if (item == instance)
            return i;
        }
      return G_MAXUINT;
    }
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(VigieInstance) item = g_list_model_get_item (model, mid);

      if (gtk_sorter_compare (sorter, item, instance) == GTK_ORDERING_SMALLER)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < g_list_model_get_n_items (model))
    {
      g_autoptr(VigieInstance) item = g_list_model_get_item (model, lo);

      if (item == instance)
        return lo;
    }
  return G_MAXUINT;
}

/* The selected instances, in the list's order. */
static GPtrArray *
selected_instances (VigieInstancesPage *self)
{
  g_autoptr(GtkBitset) bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *instances = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_iter_init_first (&iter, bitset, &position))
    do
      g_ptr_array_add (instances, g_list_model_get_item (G_LIST_MODEL (self->filtered), position));
    while (gtk_bitset_iter_next (&iter, &position));
  return instances;
}

/* Reads the selection again; TRUE when it changed. */
static gboolean
sync_selection (VigieInstancesPage *self)
{
  g_autoptr(GPtrArray) instances = selected_instances (self);
  gboolean changed = instances->len != g_hash_table_size (self->selected_ids);
  VigieInstance *single = instances->len == 1 ? g_ptr_array_index (instances, 0) : NULL;

  for (guint i = 0; i < instances->len && !changed; i++)
    changed = !g_hash_table_contains (self->selected_ids,
                                      vigie_instance_get_identity (g_ptr_array_index (instances,
                                                                                      i)));
  if (single != self->selected)
    {
      changed = TRUE;
      g_set_object (&self->selected, single);
    }
  if (!changed)
    return FALSE;
  g_hash_table_remove_all (self->selected_ids);
  for (guint i = 0; i < instances->len; i++)
    g_hash_table_add (self->selected_ids,
                      g_strdup (vigie_instance_get_identity (g_ptr_array_index (instances, i))));
  return TRUE;
}

/* After a refresh, a sort or a filter: the selected instances where they
 * are now (the new objects after a refresh), by identity; those no longer
 * shown drop out, as what is not shown is not acted on. */
static void
reselect (VigieInstancesPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  GHashTableIter iter;
  gpointer identity;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (g_hash_table_size (self->selected_ids) == 0)
    return;
  g_hash_table_iter_init (&iter, self->selected_ids);
  while (g_hash_table_iter_next (&iter, &identity, NULL))
    {
      VigieInstance *instance = g_hash_table_lookup (self->by_identity, identity);
      guint position = instance != NULL ? sorted_position (self, instance) : G_MAXUINT;

      if (position != G_MAXUINT)
        gtk_bitset_add (selected, position);
    }
  mask = gtk_bitset_new_range (0, n);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
  /* What is gone stays unselected; what stays has new states, so new
   * actions, either way. */
  sync_selection (self);
  update_actions (self);
  update_details (self);
}

static void
on_selection_changed (VigieInstancesPage *self)
{
  /* A refresh replaced the objects, or a sort moved them (GTK 4.8's
   * multi-selection keeps positions): found again once the models settle. */
  if (self->replacing || self->settling)
    return;
  if (sync_selection (self))
    {
      update_actions (self);
      update_details (self);
    }
}

void
vigie_instances_page_select (VigieInstancesPage *self,
                             guint               position)
{
  g_return_if_fail (VIGIE_IS_INSTANCES_PAGE (self));

  if (position == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}

/* Adds @position to the selection, as a Ctrl-click does. */
void
vigie_instances_page_select_also (VigieInstancesPage *self,
                                  guint               position)
{
  g_return_if_fail (VIGIE_IS_INSTANCES_PAGE (self));

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, FALSE);
}

VigieInstance *
vigie_instances_page_get_selected (VigieInstancesPage *self)
{
  g_return_val_if_fail (VIGIE_IS_INSTANCES_PAGE (self), NULL);
  return self->selected;
}

guint
vigie_instances_page_get_n_selected (VigieInstancesPage *self)
{
  g_return_val_if_fail (VIGIE_IS_INSTANCES_PAGE (self), 0);
  return g_hash_table_size (self->selected_ids);
}

/* details */

static VigieCoverage *
coverage_for (VigieInstancesPage *self,
              VigieInstance      *instance)
{
  guint n;

  if (self->coverage == NULL)
    return NULL;
  if (self->coverage_index == NULL)
    {
      n = g_list_model_get_n_items (self->coverage);
      self->coverage_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    g_object_unref);
      for (guint i = 0; i < n; i++)
        {
          VigieCoverage *row = g_list_model_get_item (self->coverage, i);

          g_hash_table_replace (self->coverage_index,
                                vigie_instance_identity (row->endpoint, row->project,
                                                         row->instance_id),
                                row);
        }
    }
  return g_hash_table_lookup (self->coverage_index, vigie_instance_get_identity (instance));
}

/* Many selected: how many, where, in which states, instead of details. */
static void
update_multi_summary (VigieInstancesPage *self)
{
  g_autoptr(GPtrArray) instances = selected_instances (self);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  vigie_instances_describe_selection (instances, &title, &body);
  gtk_label_set_text (self->multi_title, title);
  gtk_label_set_text (self->multi_body, body);
}

static void
update_details (VigieInstancesPage *self)
{
  VigieEndpoint *endpoint = endpoint_for_instance (self, self->selected);
  guint n = g_hash_table_size (self->selected_ids);

  gtk_widget_set_visible (self->details_box, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->details), n == 1);
  gtk_widget_set_visible (self->multi_box, n > 1);
  if (n > 1)
    update_multi_summary (self);
  vigie_instance_details_set_instance (self->details, self->selected,
                                       endpoint != NULL ? vigie_endpoint_get_kind (endpoint)
                                                        : VIGIE_KIND_UNKNOWN,
                                       self->selected != NULL
                                       ? coverage_for (self, self->selected) : NULL);
}

static void
on_coverage_changed (VigieInstancesPage *self)
{
  g_clear_pointer (&self->coverage_index, g_hash_table_unref);
  if (self->selected != NULL)
    update_details (self);
}

/* The backup coverage the Backups page computes, for the details pane. */
void
vigie_instances_page_set_coverage (VigieInstancesPage *self,
                                   GListModel         *coverage)
{
  g_return_if_fail (VIGIE_IS_INSTANCES_PAGE (self));
  g_return_if_fail (coverage == NULL || G_IS_LIST_MODEL (coverage));

  if (self->coverage != NULL)
    g_signal_handlers_disconnect_by_data (self->coverage, self);
  g_set_object (&self->coverage, coverage);
  if (coverage != NULL)
    g_signal_connect_object (coverage, "items-changed", G_CALLBACK (on_coverage_changed), self,
                             G_CONNECT_SWAPPED);
  on_coverage_changed (self);
}

/* actions */

static void
on_action_button_clicked (GtkButton          *button,
                          VigieInstancesPage *self)
{
  VigieAction *action = g_object_get_data (G_OBJECT (button), "vigie-action");
  g_autoptr(GPtrArray) instances = NULL;

  gtk_popover_popdown (self->actions_popover);
  if (action == NULL || self->monitor == NULL)
    return;
  /* One instance: its own dialogs and toasts, as before there was a
   * multi-selection. */
  if (self->selected != NULL)
    {
      vigie_run_instance_action (GTK_WIDGET (self), self->monitor, self->selected, action,
                                 self->cancellable);
      return;
    }
  instances = selected_instances (self);
  if (instances->len > 0)
    vigie_instances_bulk_run (GTK_WIDGET (self), self->monitor, instances, action,
                              self->cancellable);
}

static void
clear_action_box (VigieInstancesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->action_box))) != NULL)
    gtk_box_remove (self->action_box, child);
  g_hash_table_remove_all (self->action_buttons);
}

static void
update_terminal_button (VigieInstancesPage *self,
                        VigieBackend       *backend)
{
  GtkWidget *button = GTK_WIDGET (self->terminal_button);
  const char *reason = NULL;

  if (self->selected == NULL)
    reason = _("Select a single instance to open a shell inside it");
  else if (backend == NULL || VIGIE_BACKEND_GET_CLASS (backend)->open_console_async == NULL)
    reason = _("This endpoint offers no shell inside its instances");
  else if (self->selected->state != VIGIE_STATE_RUNNING)
    reason = _("The instance is not running");

  gtk_widget_set_sensitive (button, reason == NULL);
  gtk_widget_set_tooltip_text (button,
                               reason != NULL ? reason : _("Open a shell inside the instance"));
}

static void
update_actions (VigieInstancesPage *self)
{
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  guint n_selected = g_hash_table_size (self->selected_ids);
  VigieBackend *backend;
  guint n;

  clear_action_box (self);
  if (n_selected == 0 || self->monitor == NULL)
    {
      gtk_revealer_set_reveal_child (self->action_revealer, FALSE);
      return;
    }

  if (self->selected != NULL)
    {
      /* Names repeat across endpoints: say which one. */
      g_autofree char *text = g_strdup_printf ("%s · %s",
                                               self->selected->name != NULL
                                               ? self->selected->name : self->selected->id,
                                               self->selected->endpoint);

      gtk_label_set_text (self->selection_label, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u instance selected",
                                                            "%u instances selected",
                                                            n_selected), n_selected);

      gtk_label_set_text (self->selection_label, text);
    }
  backend = vigie_instances_backend_for (self->monitor, self->selected);
  update_terminal_button (self, backend);
  gtk_revealer_set_reveal_child (self->action_revealer, TRUE);

  /* The capability model: every action shows, the ones that may not run
   * now are insensitive and say why; over many instances, on how many. */
  instances = selected_instances (self);
  actions = vigie_instances_merge_actions (self->monitor, instances);
  n = actions->len;
  gtk_widget_set_sensitive (GTK_WIDGET (self->actions_button), n > 0);
  /* Twice over the list: the hard power off goes last, away from the rest. */
  for (guint k = 0; k < 2 * n; k++)
    {
      VigieAction *action = g_ptr_array_index (actions, k % n);
      gboolean is_stop = g_strcmp0 (action->id, VIGIE_ACTION_STOP) == 0;
      GtkWidget *button, *box, *label;

      if ((k < n) == is_stop)
        continue;
      button = gtk_button_new ();
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      label = gtk_label_new (action->label);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_sensitive (button, action->allowed);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      action->label, -1);
      if (action->reason != NULL)
        {
          /* Why not (or not everywhere), in plain sight under the action,
           * and as its tooltip. */
          GtkWidget *reason = gtk_label_new (action->reason);

          gtk_label_set_xalign (GTK_LABEL (reason), 0);
          gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (reason), 36);
          gtk_widget_add_css_class (reason, "caption");
          gtk_box_append (GTK_BOX (box), reason);
          gtk_widget_set_tooltip_text (button, action->reason);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, action->reason,
                                          -1);
        }
      if (is_stop)
        gtk_widget_add_css_class (label, "error");
      g_object_set_data_full (G_OBJECT (button), "vigie-action", g_object_ref (action),
                              g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_action_button_clicked), self, 0);
      gtk_box_append (self->action_box, button);
      g_hash_table_insert (self->action_buttons, g_strdup (action->id), button);
    }
}

GtkWidget *
vigie_instances_page_get_action_button (VigieInstancesPage *self,
                                        const char         *action_id)
{
  g_return_val_if_fail (VIGIE_IS_INSTANCES_PAGE (self), NULL);

  if (g_strcmp0 (action_id, "terminal") == 0)
    return GTK_WIDGET (self->terminal_button);
  return g_hash_table_lookup (self->action_buttons, action_id);
}

static void
on_terminal_button_clicked_cb (VigieInstancesPage *self)
{
  if (self->selected != NULL)
    g_signal_emit (self, signals[OPEN_TERMINAL], 0, self->selected);
}

/* Enter or a double click on a row: its actions, without the mouse trip. */
static void
on_column_view_activate_cb (VigieInstancesPage *self,
                            guint               position)
{
  /* On a row of a multi-selection: the actions of all of them. */
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  if (g_hash_table_size (self->selected_ids) > 0 && gtk_widget_get_sensitive (GTK_WIDGET (self->actions_button)) &&
      gtk_widget_get_first_child (GTK_WIDGET (self->action_box)) != NULL)
    gtk_menu_button_popup (self->actions_button);
}

/* model */

static void
index_store (VigieInstancesPage *self,
             GListModel         *store,
             gboolean            add)
{
  guint n = g_list_model_get_n_items (store);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieInstance) instance = g_list_model_get_item (store, i);
      const char *identity = vigie_instance_get_identity (instance);

      if (add)
        g_hash_table_replace (self->by_identity, (gpointer) identity, instance);
      else if (g_hash_table_lookup (self->by_identity, identity) == instance)
        g_hash_table_remove (self->by_identity, identity);
    }
}

/* Mirrors the monitor's inventories as their instance stores, for the
 * flatten model (a GtkMapListModel in GTK 4.8 lost a replaced item). The
 * selection and the scroll position stay where they were. */
static void
on_inventories_changed (VigieInstancesPage *self,
                        guint               position,
                        guint               removed,
                        guint               added,
                        GListModel         *inventories)
{
  g_autoptr(GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double scroll = gtk_adjustment_get_value (vadjustment);
  gint64 start = profile_start ();

  for (guint i = position; i < position + removed; i++)
    {
      g_autoptr(GListModel) store = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      index_store (self, store, FALSE);
    }
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VigieInventory) inventory = g_list_model_get_item (inventories, i);

      index_store (self, G_LIST_MODEL (inventory->instances), TRUE);
      g_ptr_array_add (stores, g_object_ref (inventory->instances));
    }
  self->replacing = TRUE;
  g_list_store_splice (self->sources, position, removed, stores->pdata, stores->len);
  self->replacing = FALSE;
  reselect (self);
  gtk_adjustment_set_value (vadjustment, scroll);
  if (start != 0)
    {
      guint rows = vigie_instances_page_get_n_instances (self);

      vigie_profile_log ("update", (g_get_monotonic_time () - start) / 1000.0, rows);
      vigie_profile_until_painted (GTK_WIDGET (self->column_view), "update-painted", start, rows);
    }
}

void
vigie_instances_page_set_monitor (VigieInstancesPage *self,
                                  VigieMonitor       *monitor)
{
  GListModel *inventories;

  g_return_if_fail (VIGIE_IS_INSTANCES_PAGE (self));
  g_return_if_fail (VIGIE_IS_MONITOR (monitor));
  g_return_if_fail (self->monitor == NULL);

  self->monitor = g_object_ref (monitor);
  inventories = vigie_monitor_get_inventories (monitor);
  g_signal_connect_object (inventories, "items-changed", G_CALLBACK (on_inventories_changed),
                           self, G_CONNECT_SWAPPED);
  on_inventories_changed (self, 0, 0, g_list_model_get_n_items (inventories), inventories);
  update_count (self);
}

/* Restores the columns shown and their order, and remembers the user's
 * changes to them. */
void
vigie_instances_page_set_settings (VigieInstancesPage *self,
                                   GSettings          *settings)
{
  g_return_if_fail (VIGIE_IS_INSTANCES_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  vigie_instances_columns_bind_settings (self->column_view, settings);
}

GtkColumnView *
vigie_instances_page_get_column_view (VigieInstancesPage *self)
{
  g_return_val_if_fail (VIGIE_IS_INSTANCES_PAGE (self), NULL);
  return self->column_view;
}

guint
vigie_instances_page_get_n_instances (VigieInstancesPage *self)
{
  g_return_val_if_fail (VIGIE_IS_INSTANCES_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->flat));
}

guint
vigie_instances_page_get_n_visible (VigieInstancesPage *self)
{
  g_return_val_if_fail (VIGIE_IS_INSTANCES_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

/* The filtered, sorted list as shown (for tests and exports). */
GListModel *
vigie_instances_page_get_model (VigieInstancesPage *self)
{
  g_return_val_if_fail (VIGIE_IS_INSTANCES_PAGE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

/* sorting: timed for VIGIE_PROFILE around the sort model's own handler */

static void
on_sorter_changed_before (VigieInstancesPage *self)
{
  self->sort_start = vigie_profile_begin ();
}

static void
on_sorter_changed_after (VigieInstancesPage *self)
{
  guint rows;

  if (self->sort_start == 0 || self->sorted == NULL)
    return;
  rows = vigie_instances_page_get_n_visible (self);
  vigie_profile_log ("sort", (g_get_monotonic_time () - self->sort_start) / 1000.0, rows);
  vigie_profile_until_painted (GTK_WIDGET (self->column_view), "sort-painted",
                               self->sort_start, rows);
  self->sort_start = 0;
}

static void
on_shown_changing (VigieInstancesPage *self)
{
  self->settling = TRUE;
}

/* The selected row stays in sight when the order changes. */
static void
on_shown_changed (VigieInstancesPage *self)
{
  g_autoptr(GtkBitset) bitset = NULL;

  self->settling = FALSE;
  update_count (self);
  if (self->replacing || g_hash_table_size (self->selected_ids) == 0)
    return;
  reselect (self);
  bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (!gtk_bitset_is_empty (bitset))
    vigie_ui_column_view_scroll_to (self->column_view, gtk_bitset_get_minimum (bitset));
}

/* GObject */

static void
vigie_instances_page_dispose (GObject *object)
{
  VigieInstancesPage *self = (VigieInstancesPage *) object;

  g_cancellable_cancel (self->cancellable);
  /* Removing the columns changes the sorter: nothing may react any more. */
  if (self->sorted != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->filtered, self);
      g_signal_handlers_disconnect_by_data (self->selection, self);
      gtk_sort_list_model_set_sorter (self->sorted, NULL);
    }
  if (self->coverage != NULL)
    g_signal_handlers_disconnect_by_data (self->coverage, self);
  if (self->column_view != NULL)
    {
      vigie_instances_columns_unbind_settings (self->column_view);
      gtk_column_view_set_model (self->column_view, NULL);
    }
  /* AdwBin unparents its child itself: drop it first, or it is unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_INSTANCES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->flat);
  g_clear_object (&self->sources);
  g_clear_object (&self->filter);
  g_clear_object (&self->monitor);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->coverage);
  g_clear_pointer (&self->coverage_index, g_hash_table_unref);
  g_clear_pointer (&self->action_buttons, g_hash_table_unref);
  g_clear_pointer (&self->by_identity, g_hash_table_unref);
  forget_selection (self);
  g_clear_pointer (&self->selected_ids, g_hash_table_unref);

  G_OBJECT_CLASS (vigie_instances_page_parent_class)->dispose (object);
}

static void
vigie_instances_page_class_init (VigieInstancesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_instances_page_dispose;

  /**
   * VigieInstancesPage::open-terminal:
   * @instance: the selected instance
   *
   * The user asked for a shell inside @instance.
   */
  signals[OPEN_TERMINAL] = g_signal_new ("open-terminal", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, VIGIE_TYPE_INSTANCE);

  g_type_ensure (VIGIE_TYPE_INSTANCE_DETAILS);
  g_type_ensure (VIGIE_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-instances-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, columns_button);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, details);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, details_box);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, multi_box);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, multi_title);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, multi_body);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, action_revealer);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, actions_button);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, actions_popover);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, action_box);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, terminal_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_state_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_terminal_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

static void
vigie_instances_page_init (VigieInstancesPage *self)
{
  GtkColumnViewColumn *name_column;
  GtkEventController *shortcuts;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->action_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* keys belong to the instances' keys, values to the stores */
  self->by_identity = g_hash_table_new (g_str_hash, g_str_equal);
  self->selected_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  name_column = vigie_instances_columns_add (self->column_view);
  vigie_instances_columns_add_menu (self->column_view, GTK_WIDGET (self), self->columns_button);
  gtk_column_view_sort_by_column (self->column_view, name_column, GTK_SORT_ASCENDING);
  /* Typing anywhere on the page starts a search; Ctrl+F anywhere in the
   * window while the page shows. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (focus_search,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->sources = g_list_store_new (G_TYPE_LIST_MODEL);
  self->flat = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->sources)));
  /* Sorted below the filter: a search keystroke only hides or shows rows
   * already in order, none leaves or enters the sort model. */
  sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_object (sorter, "changed", G_CALLBACK (on_sorter_changed_before), self,
                           G_CONNECT_SWAPPED);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->flat)),
                                          g_object_ref (sorter));
  self->filter = vigie_instances_filter_new ();
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  /* Before the selection hears of it. */
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (on_shown_changing),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sorter, "changed", G_CALLBACK (on_sorter_changed_after), self,
                           G_CONNECT_SWAPPED);
  self->slots = vigie_instance_slots_new (G_LIST_MODEL (self->filtered));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  /* One column when the list itself is narrow, not beside the details. */
  vigie_instances_compact_attach (self->scrolled, self->column_view, 420);
  vigie_profile_start_probe ();

  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_shown_changed), self, G_CONNECT_SWAPPED);
  update_count (self);
}

GtkWidget *
vigie_instances_page_new (void)
{
  return g_object_new (VIGIE_TYPE_INSTANCES_PAGE, NULL);
}
