/* vigie-compare-page.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-compare.h"
#include "vigie-monitor.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_COMPARE_PAGE (vigie_compare_page_get_type ())

G_DECLARE_FINAL_TYPE (VigieComparePage, vigie_compare_page, VIGIE, COMPARE_PAGE, AdwBin)

GtkWidget       *vigie_compare_page_new             (void);
/* Recomputes on the monitor's "refreshed"; its context gives "today", and
 * prices.json beside its endpoint list overrides prices. */
void             vigie_compare_page_set_monitor     (VigieComparePage  *self,
                                                     VigieMonitor      *monitor);
/* Remembers the mode and the weights ("compare-mode", "compare-weights"),
 * follows "rpo-hours". */
void             vigie_compare_page_set_settings    (VigieComparePage  *self,
                                                     GSettings         *settings);
void             vigie_compare_page_set_mode        (VigieComparePage  *self,
                                                     VigieCompareMode   mode);
VigieCompareMode vigie_compare_page_get_mode        (VigieComparePage  *self);
/* Column keys: endpoint names and "product:LINE"; at most 4 are kept. */
void             vigie_compare_page_set_columns     (VigieComparePage  *self,
                                                     const char *const *keys);
void             vigie_compare_page_add_column      (VigieComparePage  *self,
                                                     const char        *key);
void             vigie_compare_page_remove_column   (VigieComparePage  *self,
                                                     const char        *key);
/* The comparison shown (borrowed; a new one after each column change). */
VigieComparison *vigie_compare_page_get_comparison  (VigieComparePage  *self);
/* The weight slider of a scored criterion, NULL for the others. */
GtkRange        *vigie_compare_page_get_weight_range (VigieComparePage *self,
                                                     const char        *criterion_id);
void             vigie_compare_page_apply_preset    (VigieComparePage  *self,
                                                     const char        *preset);
/* The text the page shows for the ranking ("1. lab-incus 4.6 · …"). */
const char      *vigie_compare_page_get_ranking_text (VigieComparePage *self);
/* The grid's compact layout (a narrow window) is shown. */
gboolean         vigie_compare_page_get_compact      (VigieComparePage *self);
/* Writes the report, its format from path's extension (.pdf, .html, .htm,
 * .md, .csv). */
/* Opens "Edit Prices…" (the window, for tests); NULL without a monitor. */
GtkWidget       *vigie_compare_page_edit_prices     (VigieComparePage  *self);
/* Saves hosts × sockets per host × cores per socket to hardware.json and
 * prices the estate for it (instead of the live hosts). */
gboolean         vigie_compare_page_set_hardware_profile (VigieComparePage *self,
                                                     gint64             hosts,
                                                     gint64             sockets,
                                                     gint64             cores,
                                                     GError           **error);
gboolean         vigie_compare_page_export          (VigieComparePage  *self,
                                                     const char        *path,
                                                     GError           **error);

G_END_DECLS
