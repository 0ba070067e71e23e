/* vigie-page-bin.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of the window's AdwViewStack. The stack measures every page, the
 * hidden ones too (it is homogeneous), so each change on a hidden page made
 * GTK lay out its text again: the Backups table or the Overview's cards,
 * while endpoints arrived, cost up to a second of the main loop at a time.
 * Hidden (not child-visible), this bin asks for no size and does not
 * measure its child; shown again, it is measured afresh.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include "vigie-page-bin.h"
#include "vigie-ui-util.h"

struct _VigiePageBin
{
  AdwBin parent_instance;

  guint  n_measured;
};

G_DEFINE_FINAL_TYPE (VigiePageBin, vigie_page_bin, ADW_TYPE_BIN)

static void
vigie_page_bin_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  VigiePageBin *self = VIGIE_PAGE_BIN (widget);

  *minimum = *natural = 0;
  if (!gtk_widget_get_child_visible (widget))
    return;
  self->n_measured++;
  vigie_ui_bin_measure (widget, orientation, for_size, minimum, natural, minimum_baseline,
                        natural_baseline);
}

/* Its size was not asked while hidden: the stack asks again. */
static void
vigie_page_bin_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vigie_page_bin_parent_class)->map (widget);
  gtk_widget_queue_resize (widget);
}

static void
vigie_page_bin_class_init (VigiePageBinClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = vigie_page_bin_measure;
  widget_class->size_allocate = vigie_ui_bin_allocate;
  widget_class->map = vigie_page_bin_map;
}

static void
vigie_page_bin_init (VigiePageBin *self)
{
  /* AdwBin's layout manager would measure the child itself. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
}

GtkWidget *
vigie_page_bin_new (void)
{
  return g_object_new (VIGIE_TYPE_PAGE_BIN, NULL);
}

guint
vigie_page_bin_get_n_measured (VigiePageBin *self)
{
  g_return_val_if_fail (VIGIE_IS_PAGE_BIN (self), 0);
  return self->n_measured;
}
