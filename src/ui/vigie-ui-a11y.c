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
