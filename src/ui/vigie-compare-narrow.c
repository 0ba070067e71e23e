/* vigie-compare-narrow.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Compare page in a narrow window: below a width, its grid of criteria
 * is rebuilt in a compact layout (a criterion's name above its cells). The
 * page allocates its child itself, to see its width.
 */

#include "config.h"

#include "vigie-compare-page-private.h"

/* Below this width the grid is compact: a criterion's name above its cells. */
#define COMPACT_BELOW 640

static gboolean
apply_compact_cb (gpointer user_data)
{
  VigieComparePage *self = user_data;

  self->compact_idle = 0;
  /* A stale page is rebuilt, compact or not, when it shows. */
  if (self->comparison != NULL && !self->stale)
    {
      vigie_compare_page_build_grid (self);
      vigie_compare_page_update_totals (self);
    }
  return G_SOURCE_REMOVE;
}

void
vigie_compare_page_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  VigieComparePage *self = VIGIE_COMPARE_PAGE (widget);
  gboolean compact = width < COMPACT_BELOW;

  /* The grid is rebuilt after this allocation, not during it. */
  if (compact != self->compact)
    {
      self->compact = compact;
      if (self->compact_idle == 0)
        self->compact_idle = g_idle_add (apply_compact_cb, self);
    }
  if (adw_bin_get_child (ADW_BIN (widget)) != NULL)
    gtk_widget_allocate (adw_bin_get_child (ADW_BIN (widget)), width, height, baseline, NULL);
}

/* AdwBin's layout manager would allocate without telling the page: the
 * page lays its child out itself, to see its width. */
void
vigie_compare_page_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  *minimum = *natural = 0;
  if (child != NULL && gtk_widget_get_visible (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                        natural_baseline);
}

gboolean
vigie_compare_page_get_compact (VigieComparePage *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARE_PAGE (self), FALSE);
  return self->compact && self->compact_idle == 0;
}
