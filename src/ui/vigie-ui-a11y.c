/* vigie-ui-a11y.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include "vigie-ui-a11y.h"

/* GtkListView, GtkColumnView (GTK 4.8) and GtkListBox move Tab from row to
 * row and let it out only past the last one: with a few hundred instances
 * the controls after a table are out of reach. Tab and Shift+Tab anywhere
 * in a table go to the control after or before it instead; the arrow keys
 * still move from row to row, and Tab back into the table lands on the row
 * it left. The table is made unfocusable for this one move, so that the
 * window's own focus chain passes over it (GtkWidget skips a widget that
 * cannot take the focus, with everything inside it). */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   gpointer               user_data)
{
  GtkWidget *table = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkRoot *root = gtk_widget_get_root (table);
  GtkDirectionType direction;
  gboolean could_focus;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return GDK_EVENT_PROPAGATE;
  /* Ctrl+Tab and friends keep their meaning. */
  if ((state & gtk_accelerator_get_default_mod_mask () & ~GDK_SHIFT_MASK) != 0 || root == NULL)
    return GDK_EVENT_PROPAGATE;

  direction = (state & GDK_SHIFT_MASK) != 0 || keyval == GDK_KEY_ISO_Left_Tab
              ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  could_focus = gtk_widget_get_can_focus (table);
  gtk_widget_set_can_focus (table, FALSE);
  gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (table, could_focus);
  /* Nothing else to go to: stay in the table. */
  if (gtk_root_get_focus (root) == NULL)
    gtk_widget_grab_focus (table);

  return GDK_EVENT_STOP;
}

/**
 * vigie_ui_focus_tab_leaves:
 * @table: a list or table widget
 * @...: more of them, then %NULL
 *
 * One Tab press leaves each table (a #GtkColumnView, #GtkListView or
 * #GtkListBox of rows without controls of their own), to the control after
 * it; Shift+Tab to the one before it.
 */
void
vigie_ui_focus_tab_leaves (GtkWidget *table,
                           ...)
{
  va_list args;

  g_return_if_fail (GTK_IS_WIDGET (table));

  va_start (args, table);
  for (GtkWidget *widget = table; widget != NULL; widget = va_arg (args, GtkWidget *))
    {
      GtkEventController *keys;

      g_assert (GTK_IS_WIDGET (widget));

      /* Capture: before the focused row (or a cell's widget) sees it. */
      keys = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), NULL);
      gtk_widget_add_controller (widget, keys);
    }
  va_end (args);
}

/**
 * vigie_ui_name_icon_buttons:
 * @root: a widget
 *
 * Names each icon-only button under @root by its tooltip: GTK 4.8 names it
 * after its GtkImage (“GtkImage”), as it does the close button of every
 * libadwaita tab. Only for widgets Vigie does not build itself: its own
 * buttons have names of their own in their .ui files.
 */
void
vigie_ui_name_icon_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) == NULL &&
      gtk_button_get_icon_name (GTK_BUTTON (root)) != NULL &&
      gtk_widget_get_tooltip_text (root) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_widget_get_tooltip_text (root), -1);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    vigie_ui_name_icon_buttons (child);
}

/* @widget labelled by @label, once: a relation set again is sent again to
 * the accessibility bus, and GTK 4.8 stalls when every row of a list does
 * so on each rebind (a search, a sort). */
static void
label_once (GtkWidget *widget,
            GtkWidget *label)
{
  if (g_object_get_data (G_OBJECT (widget), "vigie-labelled-by") == label)
    return;
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  g_object_set_data (G_OBJECT (widget), "vigie-labelled-by", label);
}

/**
 * vigie_ui_name_list_cell:
 * @child: the widget a list item factory made, bound to its item
 * @row_label: (nullable): the widget that says what the row is (the label
 *   of an instance's name)
 *
 * GTK 4.8 names the rows of a list and the rows and cells of a column view
 * after their classes ("GtkListItemWidget", "GtkColumnViewCell"), which a
 * screen reader then reads. A column view's cell around @child is
 * labelled by @child, its row by @row_label; a list's row (the item
 * around @child) by @row_label, else by @child. They keep their widgets
 * when rebound to another item: the names follow the labels' texts. Call
 * it when @child is bound.
 */
void
vigie_ui_name_list_cell (GtkWidget *child,
                         GtkWidget *row_label)
{
  GtkWidget *item;
  GtkWidget *row;

  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (row_label == NULL || GTK_IS_WIDGET (row_label));

  item = gtk_widget_get_parent (child);
  if (item == NULL)
    return;
  /* GTK binds a list's item before it puts it in the list. */
  row = gtk_widget_get_parent (item);
  if (row == NULL || GTK_IS_LIST_VIEW (row))
    {
      label_once (item, row_label != NULL ? row_label : child);
      return;
    }
  label_once (item, child);
  if (row_label != NULL)
    label_once (row, row_label);
}

/* The text the drop-down's own factory put in its item: its first label. */
static GtkWidget *
first_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_drop_down_item_bound_cb (GtkSignalListItemFactory *factory,
                            GtkListItem              *list_item,
                            gpointer                  user_data)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkWidget *item = child != NULL ? gtk_widget_get_parent (child) : NULL;
  GtkWidget *label = child != NULL ? first_label (child) : NULL;

  /* The popup's items, and the one in the drop-down's button that shows
   * the choice (GTK 4.8 lets it take the focus). */
  if (label != NULL && item != NULL)
    label_once (item, label);
}

/**
 * vigie_ui_name_drop_down_items:
 * @drop_down: a drop-down with GTK's own item factory
 *
 * GTK 4.8 names the items of a drop-down's list after their class
 * ("GtkListItemWidget"): each is named by its text instead, after GTK's
 * factory has filled it (its check mark kept). A drop-down with a factory
 * of the app's own names its items itself.
 */
void
vigie_ui_name_drop_down_items (GtkDropDown *drop_down)
{
  GtkListItemFactory *factory;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  factory = gtk_drop_down_get_factory (drop_down);
  if (!GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory) ||
      g_object_get_data (G_OBJECT (factory), "vigie-names-items") != NULL)
    return;
  g_signal_connect_after (factory, "bind", G_CALLBACK (on_drop_down_item_bound_cb), NULL);
  g_object_set_data (G_OBJECT (factory), "vigie-names-items", GINT_TO_POINTER (TRUE));
  /* The button's item is bound already. Its class is private to GTK. */
  {
    GType item_type = g_type_from_name ("GtkListItemWidget");
    GtkWidget *item = item_type != 0 ? find_type (GTK_WIDGET (drop_down), item_type) : NULL;
    GtkWidget *label = item != NULL ? first_label (item) : NULL;

    if (label != NULL)
      label_once (item, label);
  }
}
