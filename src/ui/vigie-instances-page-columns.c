/* vigie-instances-page-columns.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Instances list's columns: their cells and their sorters. Sorting
 * compares keys made once per instance (vigie_instance_get_sort_key ()), in
 * natural order (lab-esxi-2 before lab-esxi-10), never collating or
 * case-folding strings on each comparison: 10,000 rows are about 140,000
 * comparisons. Which columns show, and in which order, is the user's
 * choice, kept in the "instance-columns" setting.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vigie-instance-slots.h"
#include "vigie-instances-page-columns.h"
#include "vigie-os-name.h"
#include "vigie-search-query.h"
#include "vigie-ui-a11y.h"
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

/* The names in the "instance-columns" setting. */
static const char *column_ids[N_COLUMNS] = {
  [COLUMN_NAME] = "name",
  [COLUMN_STATE] = "state",
  [COLUMN_TYPE] = "type",
  [COLUMN_ENDPOINT] = "endpoint",
  [COLUMN_HOST] = "host",
  [COLUMN_CPUS] = "cpus",
  [COLUMN_MEMORY] = "memory",
  [COLUMN_OS] = "os",
  [COLUMN_IP] = "ip",
};

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
      return g_strdup (vigie_os_name_display (instance->os));
    case COLUMN_IP:
      return instance_addresses (instance);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* The whole value of a cell cut short, and only then. A tooltip set on
 * each cell would be its accessible description, rebound with every row
 * (GTK 4.8 stalled the accessibility bus on a search cleared): this one
 * is asked for when the pointer rests. */
static gboolean
on_cell_query_tooltip (GtkWidget  *cell,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (cell));
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  if (text == NULL || *text == '\0')
    return FALSE;
  layout = gtk_widget_create_pango_layout (cell, text);
  pango_layout_get_pixel_size (layout, &width, NULL);
  if (width <= gtk_widget_get_width (cell))
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

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
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);
    }
  g_object_set_data (G_OBJECT (cell), "vigie-column", GUINT_TO_POINTER (column));
  gtk_list_item_set_child (list_item, cell);
}

/* Shows the instance of @list_item's slot in its cell. */
static void
fill_cell (GtkListItem *list_item)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "vigie-column"));
  VigieInstance *instance = vigie_instance_slot_get_instance (gtk_list_item_get_item (list_item));
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
  /* Each cell is read by its text, the row by its instance's name. */
  vigie_ui_name_list_cell (cell, column == COLUMN_NAME ? cell : NULL);
  /* A cut value has its tooltip (on_cell_query_tooltip ()); the details
   * pane shows whole values and the raw OS code. */
}

/* The row stays when its slot takes another instance (a search, a sort):
 * only its cells change. */
static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  fill_cell (list_item);
  g_signal_connect_swapped (gtk_list_item_get_item (list_item), "changed",
                            G_CALLBACK (fill_cell), list_item);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), fill_cell, list_item);
}

/* sorting */

static int
compare_keys (const char *a,
              const char *b)
{
  return vigie_natural_compare (a, b);
}

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return (a > b) - (a < b);
}

static int
compare_instances (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  VigieInstance *ia = (VigieInstance *) a;
  VigieInstance *ib = (VigieInstance *) b;
  int result = 0;

#define KEYS(k) vigie_instance_get_sort_key (ia, k), vigie_instance_get_sort_key (ib, k)
  switch ((Column) GPOINTER_TO_UINT (user_data))
    {
    case COLUMN_NAME: result = compare_keys (KEYS (VIGIE_SORT_NAME)); break;
    case COLUMN_STATE: result = (int) ia->state - (int) ib->state; break;
    case COLUMN_TYPE:
      result = (int) ia->template - (int) ib->template;
      if (result == 0)
        result = (int) ia->type - (int) ib->type;
      break;
    case COLUMN_ENDPOINT: result = compare_keys (KEYS (VIGIE_SORT_ENDPOINT)); break;
    case COLUMN_HOST: result = compare_keys (KEYS (VIGIE_SORT_HOST)); break;
    case COLUMN_CPUS: result = compare_int64 (ia->cpus, ib->cpus); break;
    case COLUMN_MEMORY: result = compare_int64 (ia->memory_bytes, ib->memory_bytes); break;
    case COLUMN_OS: result = compare_keys (KEYS (VIGIE_SORT_OS)); break;
    case COLUMN_IP: result = compare_keys (KEYS (VIGIE_SORT_ADDRESS)); break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  /* A total order, so that a row keeps its place among equals across
   * refreshes: then by name, then by identity. */
  if (result == 0)
    result = compare_keys (KEYS (VIGIE_SORT_NAME));
  if (result == 0)
    result = strcmp (vigie_instance_get_identity (ia), vigie_instance_get_identity (ib));
#undef KEYS
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* Adds the columns to @column_view; returns the name column (not owned). */
GtkColumnViewColumn *
vigie_instances_columns_add (GtkColumnView *column_view)
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
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), NULL);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), NULL);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_instances, GUINT_TO_POINTER (i), NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      g_object_set_data (G_OBJECT (column), "vigie-column-id", (gpointer) column_ids[i]);
      gtk_column_view_append_column (column_view, column);
      if (i == COLUMN_NAME)
        name_column = column;
      g_object_unref (sorter);
      g_object_unref (column);
    }
  return name_column;
}

/* choosing, moving and remembering columns */

static GtkColumnViewColumn *
find_column (GtkColumnView *column_view,
             const char    *id)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);
  guint n = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "vigie-column-id"), id) == 0)
        return column;  /* the view holds it */
    }
  return NULL;
}

/**
 * vigie_instances_columns_add_menu:
 * @owner: where the "columns" actions go (an ancestor of both)
 * @button: the menu button that offers the menu too
 *
 * One check item per column but the name's (always shown), in a menu on
 * each column header (right click) and on @button.
 */
void
vigie_instances_columns_add_menu (GtkColumnView *column_view,
                                  GtkWidget     *owner,
                                  GtkMenuButton *button)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  GListModel *columns = gtk_column_view_get_columns (column_view);
  guint n = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *id = g_object_get_data (G_OBJECT (column), "vigie-column-id");
      g_autoptr(GPropertyAction) action = NULL;
      g_autofree char *detailed = NULL;

      if (id == NULL || g_strcmp0 (id, column_ids[COLUMN_NAME]) == 0)
        continue;
      action = g_property_action_new (id, column, "visible");
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
      detailed = g_strconcat ("columns.", id, NULL);
      g_menu_append (section, gtk_column_view_column_get_title (column), detailed);
    }
  /* Translators: a section of the columns menu */
  g_menu_append_section (menu, _("Show Columns"), G_MENU_MODEL (section));
  gtk_widget_insert_action_group (owner, "columns", G_ACTION_GROUP (group));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      gtk_column_view_column_set_header_menu (column, G_MENU_MODEL (menu));
    }
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

typedef struct {
  GtkColumnView *column_view;  /* not owned: the binding is its data */
  GSettings     *settings;
  gboolean       restoring;
} Binding;

static void
binding_free (gpointer data)
{
  Binding *binding = data;

  g_object_unref (binding->settings);
  g_free (binding);
}

/* The setting names every column in the view's order, a hidden one with a
 * "-" in front: shown again, a column comes back where it was, not at the
 * end. */
#define HIDDEN_MARK '-'

static void
save_columns (Binding *binding)
{
  GListModel *columns = gtk_column_view_get_columns (binding->column_view);
  guint n = g_list_model_get_n_items (columns);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) saved = NULL;

  if (binding->restoring)
    return;
  /* A column being dragged is out of the list for a moment: not saved. */
  if (n < N_COLUMNS)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *id = g_object_get_data (G_OBJECT (column), "vigie-column-id");

      if (id == NULL)
        continue;
      if (gtk_column_view_column_get_visible (column))
        g_strv_builder_add (builder, id);
      else
        {
          g_autofree char *hidden = g_strdup_printf ("%c%s", HIDDEN_MARK, id);

          g_strv_builder_add (builder, hidden);
        }
    }
  ids = g_strv_builder_end (builder);
  saved = g_settings_get_strv (binding->settings, "instance-columns");
  if (!g_strv_equal ((const char * const *) ids, (const char * const *) saved))
    g_settings_set_strv (binding->settings, "instance-columns", (const char * const *) ids);
}

static void
restore_columns (Binding *binding)
{
  g_auto(GStrv) ids = g_settings_get_strv (binding->settings, "instance-columns");
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      gboolean hidden = ids[i][0] == HIDDEN_MARK;
      GtkColumnViewColumn *column = find_column (binding->column_view, ids[i] + (hidden ? 1 : 0));

      if (column == NULL || g_ptr_array_find (order, column, NULL))
        continue;
      g_ptr_array_add (order, column);
      if (!hidden)
        g_ptr_array_add (shown, column);
    }
  /* A column the setting does not name (one saved before hidden columns
   * were kept, or a new one) goes hidden after the column that comes
   * before it by default. */
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkColumnViewColumn *column = find_column (binding->column_view, column_ids[i]);
      guint after = 0;

      if (column == NULL || g_ptr_array_find (order, column, NULL))
        continue;
      for (guint j = i; j > 0; j--)
        {
          GtkColumnViewColumn *previous = find_column (binding->column_view, column_ids[j - 1]);

          if (g_ptr_array_find (order, previous, &after))
            {
              after++;
              break;
            }
        }
      g_ptr_array_insert (order, after, column);
    }

  binding->restoring = TRUE;
  for (guint i = 0; i < order->len; i++)
    {
      GtkColumnViewColumn *column = g_object_ref (g_ptr_array_index (order, i));
      const char *id = g_object_get_data (G_OBJECT (column), "vigie-column-id");

      gtk_column_view_insert_column (binding->column_view, i, column);
      /* Never the name hidden. */
      gtk_column_view_column_set_visible (column,
                                          g_ptr_array_find (shown, column, NULL)
                                          || g_strcmp0 (id, column_ids[COLUMN_NAME]) == 0);
      g_object_unref (column);
    }
  binding->restoring = FALSE;
}

/* Shows the columns the settings name, in their order, and keeps the
 * settings up to date as the user hides, shows or drags them. */
void
vigie_instances_columns_bind_settings (GtkColumnView *column_view,
                                       GSettings     *settings)
{
  Binding *binding;
  GListModel *columns = gtk_column_view_get_columns (column_view);
  guint n = g_list_model_get_n_items (columns);

  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));
  g_return_if_fail (G_IS_SETTINGS (settings));

  vigie_instances_columns_unbind_settings (column_view);
  binding = g_new0 (Binding, 1);
  binding->column_view = column_view;
  binding->settings = g_object_ref (settings);
  g_object_set_data_full (G_OBJECT (column_view), "vigie-columns-binding", binding, binding_free);
  restore_columns (binding);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_signal_connect_swapped (column, "notify::visible", G_CALLBACK (save_columns), binding);
    }
  g_signal_connect_swapped (columns, "items-changed", G_CALLBACK (save_columns), binding);
}

/* Before the view goes: taking its columns down is no choice to remember. */
void
vigie_instances_columns_unbind_settings (GtkColumnView *column_view)
{
  Binding *binding = g_object_get_data (G_OBJECT (column_view), "vigie-columns-binding");
  GListModel *columns = gtk_column_view_get_columns (column_view);
  guint n = g_list_model_get_n_items (columns);

  if (binding == NULL)
    return;
  g_signal_handlers_disconnect_by_data (columns, binding);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_signal_handlers_disconnect_by_data (column, binding);
    }
  g_object_set_data (G_OBJECT (column_view), "vigie-columns-binding", NULL);
}
