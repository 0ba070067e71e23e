/* vigie-instances-page.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every instance of every endpoint in one list. The model is a chain of
 * list models over the monitor's inventories (map each to its instance
 * store, flatten, filter, sort), so a refresh swaps one endpoint's rows and
 * a lab of 10,000 instances costs only the visible cells.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-action-runner.h"
#include "vigie-instances-page.h"
#include "vigie-instances-page-profile.h"
#include "vigie-ui-util.h"

typedef enum {
  COLUMN_NAME,
  COLUMN_STATE,
  COLUMN_TYPE,
  COLUMN_ENDPOINT,
  COLUMN_HOST,
  COLUMN_CPUS,
  COLUMN_MEMORY,
  COLUMN_OS,
  COLUMN_IP,
  N_COLUMNS
} Column;

struct _VigieInstancesPage
{
  AdwBin               parent_instance;

  VigieMonitor        *monitor;
  GListStore          *sources;         /* each inventory's instance store */
  GtkFlattenListModel *flat;
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  GtkFilter           *filter;
  GCancellable        *cancellable;

  char                *endpoint_filter;
  char                *search;          /* case-folded */
  VigieStateFilter     state_filter;
  gboolean             setting_entry;
  gboolean             replacing;       /* a refresh is swapping instance stores */

  /* The selection survives refreshes, which replace every instance object. */
  VigieInstance       *selected;
  char                *selected_endpoint;
  char                *selected_id;
  char                *selected_project;
  guint                reselect_id;
  GHashTable          *action_buttons;  /* action id -> GtkButton */
  gint64               sort_start;      /* VIGIE_PROFILE */

  /* template children */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *state_dropdown;
  GtkLabel            *count_label;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkRevealer         *action_revealer;
  GtkLabel            *selection_label;
  GtkMenuButton       *actions_button;
  GtkPopover          *actions_popover;
  GtkBox              *action_box;
  GtkButton           *terminal_button;
};

G_DEFINE_FINAL_TYPE (VigieInstancesPage, vigie_instances_page, ADW_TYPE_BIN)

enum {
  OPEN_TERMINAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_actions (VigieInstancesPage *self);

/* helpers */

static VigieBackend *
backend_for_instance (VigieInstancesPage *self,
                      VigieInstance      *instance)
{
  VigieEndpoint *endpoint;

  if (self->monitor == NULL || instance == NULL || instance->endpoint == NULL)
    return NULL;
  endpoint = vigie_endpoint_store_find_by_name (vigie_monitor_get_store (self->monitor),
                                                instance->endpoint);
  if (endpoint == NULL)
    return NULL;
  return vigie_monitor_get_backend (self->monitor, endpoint);
}

static char *
instance_addresses (VigieInstance *instance)
{
  GString *text;

  if (instance->addresses == NULL || instance->addresses->len == 0)
    return NULL;
  text = g_string_new (g_ptr_array_index (instance->addresses, 0));
  if (instance->addresses->len > 1)
    g_string_append_printf (text, " (+%u)", instance->addresses->len - 1);
  return g_string_free (text, FALSE);
}

static char *
cell_text (VigieInstance *instance,
           Column         column)
{
  switch (column)
    {
    case COLUMN_NAME:
      return g_strdup (instance->name != NULL ? instance->name : instance->id);
    case COLUMN_STATE:
      return g_strdup (vigie_instance_state_get_label (instance->state));
    case COLUMN_TYPE:
      if (instance->template)
        return g_strdup (_("Template"));
      return g_strdup (instance->type == VIGIE_INSTANCE_CONTAINER ? _("Container")
                                                                  : _("Virtual Machine"));
    case COLUMN_ENDPOINT:
      return g_strdup (instance->endpoint);
    case COLUMN_HOST:
      return g_strdup (instance->host);
    case COLUMN_CPUS:
      return instance->cpus >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, instance->cpus) : NULL;
    case COLUMN_MEMORY:
      return instance->memory_bytes >= 0 ? vigie_ui_format_bytes (instance->memory_bytes) : NULL;
    case COLUMN_OS:
      return g_strdup (instance->os);
    case COLUMN_IP:
      return instance_addresses (instance);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* cells */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *cell;

  if (column == COLUMN_STATE)
    {
      cell = gtk_label_new (NULL);
      gtk_widget_set_halign (cell, GTK_ALIGN_START);
      gtk_widget_add_css_class (cell, "vigie-badge");
    }
  else
    {
      cell = gtk_inscription_new (NULL);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell),
                                     column == COLUMN_NAME ? 12
                                     : column == COLUMN_CPUS ? 3 : 6);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell),
                                     column == COLUMN_NAME || column == COLUMN_OS ? 20
                                     : column == COLUMN_TYPE || column == COLUMN_IP ? 15
                                     : column == COLUMN_CPUS ? 4 : 10);
      if (column == COLUMN_CPUS || column == COLUMN_MEMORY)
        {
          gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
          gtk_widget_add_css_class (cell, "numeric");
        }
    }
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  VigieInstance *instance = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  g_autofree char *text = cell_text (instance, column);

  if (column == COLUMN_STATE)
    {
      static const char *classes[] = { "running", "stopped", "paused" };

      for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
        gtk_widget_remove_css_class (cell, classes[i]);
      gtk_widget_add_css_class (cell, vigie_ui_instance_state_css (instance->state));
      gtk_label_set_text (GTK_LABEL (cell), text);
    }
  else
    gtk_inscription_set_text (GTK_INSCRIPTION (cell), text != NULL ? text : "—");
}

/* sorting */

static int
compare_strings (const char *a,
                 const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_utf8_collate (a, b);
}

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return (a > b) - (a < b);
}

static const char *
first_address (VigieInstance *instance)
{
  if (instance->addresses == NULL || instance->addresses->len == 0)
    return NULL;
  return g_ptr_array_index (instance->addresses, 0);
}

static int
compare_instances (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  VigieInstance *ia = (VigieInstance *) a;
  VigieInstance *ib = (VigieInstance *) b;
  int result = 0;

  switch ((Column) GPOINTER_TO_UINT (user_data))
    {
    case COLUMN_NAME: result = compare_strings (ia->name, ib->name); break;
    case COLUMN_STATE: result = (int) ia->state - (int) ib->state; break;
    case COLUMN_TYPE: result = (int) ia->type - (int) ib->type; break;
    case COLUMN_ENDPOINT: result = compare_strings (ia->endpoint, ib->endpoint); break;
    case COLUMN_HOST: result = compare_strings (ia->host, ib->host); break;
    case COLUMN_CPUS: result = compare_int64 (ia->cpus, ib->cpus); break;
    case COLUMN_MEMORY: result = compare_int64 (ia->memory_bytes, ib->memory_bytes); break;
    case COLUMN_OS: result = compare_strings (ia->os, ib->os); break;
    case COLUMN_IP:
      result = compare_strings (first_address (ia), first_address (ib));
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  if (result == 0)
    result = compare_strings (ia->id, ib->id);
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
add_columns (VigieInstancesPage *self)
{
  static const struct {
    const char *title;
    gboolean    expand;
  } columns[N_COLUMNS] = {
    [COLUMN_NAME] = { N_("Name"), TRUE },
    [COLUMN_STATE] = { N_("State"), FALSE },
    [COLUMN_TYPE] = { N_("Type"), FALSE },
    [COLUMN_ENDPOINT] = { N_("Endpoint"), FALSE },
    [COLUMN_HOST] = { N_("Host"), FALSE },
    [COLUMN_CPUS] = { N_("CPUs"), FALSE },
    [COLUMN_MEMORY] = { N_("Memory"), FALSE },
    [COLUMN_OS] = { N_("OS"), TRUE },
    [COLUMN_IP] = { N_("IP Address"), FALSE },
  };
  GtkColumnViewColumn *name_column = NULL;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_instances, GUINT_TO_POINTER (i), NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
      if (i == COLUMN_NAME)
        name_column = column;
      g_object_unref (sorter);
      g_object_unref (column);
    }
  gtk_column_view_sort_by_column (self->column_view, name_column, GTK_SORT_ASCENDING);
}

/* filtering */

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
filter_instance (gpointer item,
                 gpointer user_data)
{
  VigieInstancesPage *self = user_data;
  VigieInstance *instance = item;

  if (self->endpoint_filter != NULL && g_strcmp0 (instance->endpoint, self->endpoint_filter) != 0)
    return FALSE;

  switch (self->state_filter)
    {
    case VIGIE_STATE_FILTER_RUNNING:
      if (instance->state != VIGIE_STATE_RUNNING)
        return FALSE;
      break;
    case VIGIE_STATE_FILTER_STOPPED:
      if (instance->state != VIGIE_STATE_STOPPED)
        return FALSE;
      break;
    case VIGIE_STATE_FILTER_OTHER:
      if (instance->state == VIGIE_STATE_RUNNING || instance->state == VIGIE_STATE_STOPPED)
        return FALSE;
      break;
    case VIGIE_STATE_FILTER_ALL:
    default:
      break;
    }

  if (self->search == NULL)
    return TRUE;
  if (contains_folded (instance->name, self->search) ||
      contains_folded (instance->os, self->search))
    return TRUE;
  for (guint i = 0; instance->addresses != NULL && i < instance->addresses->len; i++)
    if (contains_folded (g_ptr_array_index (instance->addresses, i), self->search))
      return TRUE;
  return FALSE;
}

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
refilter (VigieInstancesPage *self,
          GtkFilterChange     change)
{
  gtk_filter_changed (self->filter, change);
  update_count (self);
}

void
vigie_instances_page_set_endpoint (VigieInstancesPage *self,
                                   const char         *endpoint_name)
{
  g_return_if_fail (VIGIE_IS_INSTANCES_PAGE (self));

  if (g_strcmp0 (endpoint_name, self->endpoint_filter) == 0)
    return;
  g_free (self->endpoint_filter);
  self->endpoint_filter = g_strdup (endpoint_name);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

void
vigie_instances_page_set_search (VigieInstancesPage *self,
                                 const char         *text)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (VIGIE_IS_INSTANCES_PAGE (self));

  if (text != NULL && *text != '\0')
    folded = g_utf8_casefold (text, -1);
  if (g_strcmp0 (folded, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  {
    gint64 start = vigie_profile_enabled () ? g_get_monotonic_time () : 0;

    refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
    if (start != 0)
      {
        guint rows = vigie_instances_page_get_n_visible (self);

        vigie_profile_log ("filter", (g_get_monotonic_time () - start) / 1000.0, rows);
        vigie_profile_until_painted (GTK_WIDGET (self->column_view), "filter-painted", start, rows);
      }
  }
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
  g_return_if_fail (VIGIE_IS_INSTANCES_PAGE (self));

  if (filter == self->state_filter)
    return;
  self->state_filter = filter;
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
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

static void
on_state_dropdown_selected_cb (VigieInstancesPage *self)
{
  vigie_instances_page_set_state_filter (self, gtk_drop_down_get_selected (self->state_dropdown));
}

/* selection */

static void
forget_selection (VigieInstancesPage *self)
{
  g_clear_object (&self->selected);
  g_clear_pointer (&self->selected_endpoint, g_free);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->selected_project, g_free);
}

static gboolean
reselect (gpointer user_data)
{
  VigieInstancesPage *self = user_data;
  GListModel *model = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (model);

  self->reselect_id = 0;
  if (self->selected_id != NULL)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieInstance) instance = g_list_model_get_item (model, i);

          if (g_strcmp0 (instance->id, self->selected_id) == 0 &&
              g_strcmp0 (instance->endpoint, self->selected_endpoint) == 0 &&
              g_strcmp0 (instance->project, self->selected_project) == 0)
            {
              gtk_single_selection_set_selected (self->selection, i);
              return G_SOURCE_REMOVE;
            }
        }
    }
  forget_selection (self);
  update_actions (self);
  return G_SOURCE_REMOVE;
}

static void
on_selection_changed (VigieInstancesPage *self)
{
  VigieInstance *instance = gtk_single_selection_get_selected_item (self->selection);

  if (instance == NULL)
    {
      /* A refresh replaced the object: find it again once the models settle. */
      if (self->replacing && self->selected_id != NULL)
        {
          if (self->reselect_id == 0)
            self->reselect_id = g_idle_add (reselect, self);
          return;
        }
      forget_selection (self);
      update_actions (self);
      return;
    }
  if (instance == self->selected)
    return;
  forget_selection (self);
  self->selected = g_object_ref (instance);
  self->selected_endpoint = g_strdup (instance->endpoint);
  self->selected_id = g_strdup (instance->id);
  self->selected_project = g_strdup (instance->project);
  update_actions (self);
}

void
vigie_instances_page_select (VigieInstancesPage *self,
                             guint               position)
{
  g_return_if_fail (VIGIE_IS_INSTANCES_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

VigieInstance *
vigie_instances_page_get_selected (VigieInstancesPage *self)
{
  g_return_val_if_fail (VIGIE_IS_INSTANCES_PAGE (self), NULL);
  return self->selected;
}

/* actions */

static void
on_action_button_clicked (GtkButton          *button,
                          VigieInstancesPage *self)
{
  VigieAction *action = g_object_get_data (G_OBJECT (button), "vigie-action");

  gtk_popover_popdown (self->actions_popover);
  if (self->selected == NULL || action == NULL || self->monitor == NULL)
    return;
  vigie_run_instance_action (GTK_WIDGET (self), self->monitor, self->selected, action,
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

  if (backend == NULL || VIGIE_BACKEND_GET_CLASS (backend)->open_console_async == NULL)
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
  g_autoptr(GListModel) actions = NULL;
  VigieBackend *backend;
  guint n;

  clear_action_box (self);
  if (self->selected == NULL)
    {
      gtk_revealer_set_reveal_child (self->action_revealer, FALSE);
      return;
    }

  {
    /* Names repeat across endpoints: say which one. */
    g_autofree char *text = g_strdup_printf ("%s · %s",
                                             self->selected->name != NULL ? self->selected->name
                                                                          : self->selected->id,
                                             self->selected->endpoint);

    gtk_label_set_text (self->selection_label, text);
  }
  backend = backend_for_instance (self, self->selected);
  update_terminal_button (self, backend);
  gtk_revealer_set_reveal_child (self->action_revealer, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->actions_button), backend != NULL);
  if (backend == NULL)
    return;

  /* The capability model: every action shows, the ones that may not run
   * now are insensitive and say why. */
  actions = vigie_backend_list_actions (backend, self->selected);
  n = g_list_model_get_n_items (actions);
  /* Twice over the list: the hard power off goes last, away from the rest. */
  for (guint k = 0; k < 2 * n; k++)
    {
      g_autoptr(VigieAction) action = g_list_model_get_item (actions, k % n);
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
      if (!action->allowed && action->reason != NULL)
        {
          /* Why not, in plain sight under the action, and as its tooltip. */
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
  gtk_single_selection_set_selected (self->selection, position);
  if (self->selected != NULL && gtk_widget_get_sensitive (GTK_WIDGET (self->actions_button)) &&
      gtk_widget_get_first_child (GTK_WIDGET (self->action_box)) != NULL)
    gtk_menu_button_popup (self->actions_button);
}

/* model */

/* Mirrors the monitor's inventories as their instance stores, for the
 * flatten model (a GtkMapListModel in GTK 4.8 lost a replaced item). */
static void
on_inventories_changed (VigieInstancesPage *self,
                        guint               position,
                        guint               removed,
                        guint               added,
                        GListModel         *inventories)
{
  g_autoptr(GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VigieInventory) inventory = g_list_model_get_item (inventories, i);

      g_ptr_array_add (stores, g_object_ref (inventory->instances));
    }
  start = vigie_profile_enabled () ? g_get_monotonic_time () : 0;
  self->replacing = TRUE;
  g_list_store_splice (self->sources, position, removed, stores->pdata, stores->len);
  self->replacing = FALSE;
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
  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

/* The filtered, sorted list as shown (for tests and exports). */
GListModel *
vigie_instances_page_get_model (VigieInstancesPage *self)
{
  g_return_val_if_fail (VIGIE_IS_INSTANCES_PAGE (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

/* GObject */

static void
vigie_instances_page_dispose (GObject *object)
{
  VigieInstancesPage *self = (VigieInstancesPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reselect_id, g_source_remove);
  /* Removing the columns changes the sorter: nothing may react any more. */
  if (self->sorted != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sorted, self);
      g_signal_handlers_disconnect_by_data (self->selection, self);
      gtk_sort_list_model_set_sorter (self->sorted, NULL);
    }
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  /* AdwBin unparents its child itself: drop it first, or it is unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_INSTANCES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->flat);
  g_clear_object (&self->sources);
  g_clear_object (&self->filter);
  g_clear_object (&self->monitor);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->action_buttons, g_hash_table_unref);
  forget_selection (self);

  G_OBJECT_CLASS (vigie_instances_page_parent_class)->dispose (object);
}

static void
vigie_instances_page_finalize (GObject *object)
{
  VigieInstancesPage *self = (VigieInstancesPage *) object;

  g_free (self->endpoint_filter);
  g_free (self->search);

  G_OBJECT_CLASS (vigie_instances_page_parent_class)->finalize (object);
}

static void
vigie_instances_page_class_init (VigieInstancesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_instances_page_dispose;
  object_class->finalize = vigie_instances_page_finalize;

  /**
   * VigieInstancesPage::open-terminal:
   * @instance: the selected instance
   *
   * The user asked for a shell inside @instance.
   */
  signals[OPEN_TERMINAL] = g_signal_new ("open-terminal", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, VIGIE_TYPE_INSTANCE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-instances-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, action_revealer);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, actions_button);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, actions_popover);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, action_box);
  gtk_widget_class_bind_template_child (widget_class, VigieInstancesPage, terminal_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_state_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_terminal_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

static void
on_sorter_changed_before (VigieInstancesPage *self)
{
  if (vigie_profile_enabled ())
    self->sort_start = g_get_monotonic_time ();
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
vigie_instances_page_init (VigieInstancesPage *self)
{
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->action_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  add_columns (self);
  /* Typing anywhere on the page starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  self->sources = g_list_store_new (G_TYPE_LIST_MODEL);
  self->flat = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->sources)));
  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_instance, self, NULL));
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->flat)),
                                              g_object_ref (self->filter));
  sorter = gtk_column_view_get_sorter (self->column_view);
  /* Around the sort model's own handler: the first runs before it. */
  g_signal_connect_object (sorter, "changed", G_CALLBACK (on_sorter_changed_before), self,
                           G_CONNECT_SWAPPED);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (sorter, "changed", G_CALLBACK (on_sorter_changed_after), self,
                           G_CONNECT_SWAPPED);
  vigie_profile_start_probe ();
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sorted, "items-changed",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  update_count (self);
}

GtkWidget *
vigie_instances_page_new (void)
{
  return g_object_new (VIGIE_TYPE_INSTANCES_PAGE, NULL);
}
