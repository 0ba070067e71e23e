/* vigie-instances-compact.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Instances table in a narrow window: a list of one column (the name,
 * then state, type and endpoint, then host and first address) over the
 * table's own selection model, swapped in as the scrolled window's child.
 * The width is read from the horizontal adjustment's page size, which the
 * scrolled window sets when it is allocated; the swap waits for an idle.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-instance-slots.h"
#include "vigie-instances-compact.h"
#include "vigie-ui-a11y.h"
#include "vigie-inventory.h"

typedef struct {
  GtkScrolledWindow *scrolled;     /* unowned: this data lives on it */
  GtkColumnView     *column_view;  /* owned while the list is shown */
  GtkListView       *list_view;    /* owned */
  int                threshold;
  gboolean           compact;
  guint              idle;
} Compact;

static void
compact_free (Compact *compact)
{
  g_clear_handle_id (&compact->idle, g_source_remove);
  g_clear_object (&compact->column_view);
  g_clear_object (&compact->list_view);
  g_free (compact);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, i == 0 ? "heading" : "caption");
      if (i == 2)
        gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
fill_row (GtkListItem *item)
{
  VigieInstance *instance = vigie_instance_slot_get_instance (gtk_list_item_get_item (item));
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *what = gtk_widget_get_next_sibling (name);
  GtkWidget *where = gtk_widget_get_next_sibling (what);
  const char *type = instance->template ? _("Template")
                     : instance->type == VIGIE_INSTANCE_VM ? _("VM") : _("Container");
  const char *address = instance->addresses != NULL && instance->addresses->len > 0
                          ? g_ptr_array_index (instance->addresses, 0) : NULL;
  g_autofree char *line2 = NULL;
  g_autofree char *line3 = NULL;

  /* Translators: a state, a type and an endpoint, e.g. “Running · VM · lab-proxmox” */
  line2 = g_strdup_printf (_("%s · %s · %s"), vigie_instance_state_get_label (instance->state),
                           type, instance->endpoint != NULL ? instance->endpoint : "");
  if (instance->host != NULL && address != NULL)
    line3 = g_strdup_printf ("%s · %s", instance->host, address);
  else
    line3 = g_strdup (instance->host != NULL ? instance->host : address != NULL ? address : "");
  gtk_label_set_text (GTK_LABEL (name), instance->name != NULL ? instance->name : instance->id);
  gtk_label_set_text (GTK_LABEL (what), line2);
  gtk_label_set_text (GTK_LABEL (where), line3);
  gtk_widget_set_visible (where, *line3 != '\0');
  /* A screen reader reads the row by its instance's name. */
  vigie_ui_name_list_cell (gtk_list_item_get_child (item), name);
}

/* The row stays when its slot takes another instance: only its labels change. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  fill_row (item);
  g_signal_connect_swapped (gtk_list_item_get_item (item), "changed", G_CALLBACK (fill_row), item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), fill_row, item);
}

static void
on_list_activate_cb (GtkListView *list,
                     guint        position,
                     Compact     *compact)
{
  g_signal_emit_by_name (compact->column_view, "activate", position);
}

static gboolean
apply_cb (gpointer user_data)
{
  Compact *compact = user_data;
  GtkWidget *want = compact->compact ? GTK_WIDGET (compact->list_view)
                                     : GTK_WIDGET (compact->column_view);

  compact->idle = 0;
  if (gtk_scrolled_window_get_child (compact->scrolled) != want)
    {
      gtk_list_view_set_model (compact->list_view,
                               gtk_column_view_get_model (compact->column_view));
      gtk_scrolled_window_set_child (compact->scrolled, want);
    }
  return G_SOURCE_REMOVE;
}

static void
on_page_size_cb (GtkAdjustment *adjustment,
                 GParamSpec    *pspec,
                 Compact       *compact)
{
  double width = gtk_adjustment_get_page_size (adjustment);
  gboolean narrow;

  /* 0 before the first allocation. */
  if (width <= 0)
    return;
  narrow = width < compact->threshold;
  if (narrow == compact->compact)
    return;
  compact->compact = narrow;
  if (compact->idle == 0)
    compact->idle = g_idle_add (apply_cb, compact);
}

void
vigie_instances_compact_attach (GtkScrolledWindow *scrolled,
                                GtkColumnView     *column_view,
                                int                threshold)
{
  Compact *compact;
  GtkListItemFactory *factory;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled));
  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));

  compact = g_new0 (Compact, 1);
  compact->scrolled = scrolled;
  compact->column_view = g_object_ref (column_view);
  compact->threshold = threshold;
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  compact->list_view = GTK_LIST_VIEW (g_object_ref_sink (gtk_list_view_new (NULL, factory)));
  gtk_list_view_set_single_click_activate (compact->list_view, FALSE);
  gtk_list_view_set_show_separators (compact->list_view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (compact->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Instances"), -1);
  g_signal_connect (compact->list_view, "activate", G_CALLBACK (on_list_activate_cb), compact);
  /* Either view of the list: one Tab press leaves it. */
  vigie_ui_focus_tab_leaves (GTK_WIDGET (column_view), GTK_WIDGET (compact->list_view), NULL);
  g_object_set_data_full (G_OBJECT (scrolled), "vigie-compact", compact,
                          (GDestroyNotify) compact_free);
  g_signal_connect (gtk_scrolled_window_get_hadjustment (scrolled), "notify::page-size",
                    G_CALLBACK (on_page_size_cb), compact);
}

gboolean
vigie_instances_compact_get (GtkScrolledWindow *scrolled)
{
  Compact *compact = g_object_get_data (G_OBJECT (scrolled), "vigie-compact");

  return compact != NULL && compact->compact && compact->idle == 0;
}
