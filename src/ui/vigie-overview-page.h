/* vigie-overview-page.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-monitor.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_OVERVIEW_PAGE (vigie_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (VigieOverviewPage, vigie_overview_page, VIGIE, OVERVIEW_PAGE, AdwBin)

GtkWidget *vigie_overview_page_new          (void);
void       vigie_overview_page_set_monitor  (VigieOverviewPage *self,
                                             VigieMonitor      *monitor);
void       vigie_overview_page_set_endpoint (VigieOverviewPage *self,
                                             const char        *endpoint_name);
guint      vigie_overview_page_get_n_groups (VigieOverviewPage *self);
GtkWidget *vigie_overview_page_get_card     (VigieOverviewPage *self,
                                             const char        *endpoint_name);
guint      vigie_overview_page_get_n_built  (VigieOverviewPage *self);
GtkAdjustment *vigie_overview_page_get_vadjustment (VigieOverviewPage *self);

G_END_DECLS
