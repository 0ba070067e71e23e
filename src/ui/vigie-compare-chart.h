/* vigie-compare-chart.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-compare.h"

G_BEGIN_DECLS

/* Column indices, best weighted total first; columns without a total last. */
GArray     *vigie_compare_ranking           (VigieComparison *comparison);
const char *vigie_compare_column_title      (const VigieCompareColumn *column);
/* The height each chart needs for the comparison's columns. */
int         vigie_compare_chart_height      (VigieComparison *comparison);
/* GtkDrawingArea draw functions; user_data is the VigieComparison. */
void        vigie_compare_draw_totals       (GtkDrawingArea  *area,
                                             cairo_t         *cr,
                                             int              width,
                                             int              height,
                                             gpointer         user_data);
void        vigie_compare_draw_costs        (GtkDrawingArea  *area,
                                             cairo_t         *cr,
                                             int              width,
                                             int              height,
                                             gpointer         user_data);
/* The colour of a column's n-th counted cost line, as in the chart. */
const char *vigie_compare_cost_color        (guint            n);
/* "4320 USD", "free", "unknown". */
char       *vigie_compare_ui_amount         (double           amount,
                                             const char      *currency);

G_END_DECLS
