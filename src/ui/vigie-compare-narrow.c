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
#include "vigie-ui-util.h"

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

  /* The grid is rebuilt after this allocation, not during it. */
  vigie_ui_bin_allocate_compact (widget, width, height, baseline, COMPACT_BELOW,
                                 &self->compact, &self->compact_idle, apply_compact_cb);
}

gboolean
vigie_compare_page_get_compact (VigieComparePage *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARE_PAGE (self), FALSE);
  return self->compact && self->compact_idle == 0;
}
