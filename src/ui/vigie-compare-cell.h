/* vigie-compare-cell.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-compare.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_COMPARE_CELL_VIEW (vigie_compare_cell_view_get_type ())

G_DECLARE_FINAL_TYPE (VigieCompareCellView, vigie_compare_cell_view, VIGIE, COMPARE_CELL_VIEW,
                      GtkWidget)

/* One cell of the comparison: its value, a score pill and its source; a
 * click opens a popover explaining the score. */
GtkWidget  *vigie_compare_cell_view_new         (VigieComparison      *comparison,
                                                 guint                 criterion,
                                                 guint                 column);
/* Shows the same cell of comparison, one of the same columns and criteria
 * (after a refresh); an open popover stays open with the new values. */
void        vigie_compare_cell_view_set_comparison (VigieCompareCellView *self,
                                                 VigieComparison      *comparison);
/* Narrower: the value wraps on fewer characters, for the compact grid. */
void        vigie_compare_cell_view_set_compact (VigieCompareCellView *self,
                                                 gboolean              compact);
void        vigie_compare_cell_view_popup       (VigieCompareCellView *self);
GtkPopover *vigie_compare_cell_view_get_popover (VigieCompareCellView *self);

/* A score pill: "4.5" on a colour that follows the score (the number is
 * always written, so colour is never the only cue). */
GtkWidget  *vigie_compare_score_pill_new        (double                score);
void        vigie_compare_score_pill_set_score  (GtkWidget            *pill,
                                                 double                score);
/* "vmware.com" for a URL, "Live" for live data, NULL for none. */
char       *vigie_compare_source_label          (const char           *source);

G_END_DECLS
