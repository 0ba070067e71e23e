/* vigie-backups-page.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-clock.h"
#include "vigie-coverage.h"
#include "vigie-monitor.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_BACKUPS_PAGE (vigie_backups_page_get_type ())

G_DECLARE_FINAL_TYPE (VigieBackupsPage, vigie_backups_page, VIGIE, BACKUPS_PAGE, AdwBin)

GtkWidget  *vigie_backups_page_new             (void);
/* The page recomputes on the monitor's "refreshed" and notifies what got
 * worse since the previous round. */
void        vigie_backups_page_set_monitor     (VigieBackupsPage *self,
                                                VigieMonitor     *monitor);
/* Follows "rpo-hours". */
void        vigie_backups_page_set_settings    (VigieBackupsPage *self,
                                                GSettings        *settings);
void        vigie_backups_page_set_clock       (VigieBackupsPage *self,
                                                VigieClock       *clock);
void        vigie_backups_page_set_rpo_hours   (VigieBackupsPage *self,
                                                double            hours);
/* Recomputes from these VigieInventory (what the monitor path does too). */
void        vigie_backups_page_set_inventories (VigieBackupsPage *self,
                                                GPtrArray        *inventories);
/* Every row, and the rows the filters let through (VigieCoverage). */
GListModel *vigie_backups_page_get_coverage    (VigieBackupsPage *self);
GListModel *vigie_backups_page_get_visible     (VigieBackupsPage *self);
/* text: matched against instance names; status: a VigieBackupStatus or -1. */
void        vigie_backups_page_set_filter      (VigieBackupsPage *self,
                                                const char       *text,
                                                int               status);
/* The legend label of one status, for tests and screen readers. */
GtkLabel   *vigie_backups_page_get_summary_label (VigieBackupsPage  *self,
                                                  VigieBackupStatus  status);

void        vigie_backups_page_set_endpoint    (VigieBackupsPage *self,
                                                const char       *name);
gboolean    vigie_backups_page_get_compact     (VigieBackupsPage *self);

G_END_DECLS
