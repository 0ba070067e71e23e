/* vigie-overview-summary.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-estate-summary.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_OVERVIEW_SUMMARY (vigie_overview_summary_get_type ())

G_DECLARE_FINAL_TYPE (VigieOverviewSummary, vigie_overview_summary, VIGIE, OVERVIEW_SUMMARY,
                      GtkBox)

GtkWidget *vigie_overview_summary_new   (void);
/* Shows @summary (borrowed), changing only the rows whose text changed. */
void       vigie_overview_summary_show  (VigieOverviewSummary *self,
                                         VigieEstateSummary   *summary);
/* The rows of the alerts shown, in order (borrowed). */
GPtrArray *vigie_overview_summary_get_alert_rows (VigieOverviewSummary *self);

G_END_DECLS
