/* vigie-backups-rows.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the Backups page.
 */

#pragma once

#include <adwaita.h>

#include "vigie-action.h"
#include "vigie-coverage.h"
#include "vigie-monitor.h"

G_BEGIN_DECLS

const char *vigie_backups_status_css_class  (VigieBackupStatus status);
const char *vigie_backups_verified_label    (VigieVerified   verified);
/* Where a backup is, in words ("lab-pbs · datastore store1 · job daily"). */
char       *vigie_backups_describe_item     (VigieBackupItem *backup);
/* The same for a coverage row's newest backup; NULL when it has none. */
char       *vigie_backups_describe_source   (VigieCoverage  *row);
/* Instance, Endpoint, Status, Age, Source, Verified (for VigieCoverage),
 * sorted worst first. */
void        vigie_backups_setup_columns     (GtkColumnView  *view);
/* One column (name, status and age, where) instead of six. */
void        vigie_backups_set_compact       (GtkColumnView  *view,
                                             gboolean        compact);
/* Local time, "2026-11-25 18:00"; "never" for 0. */
char       *vigie_backups_format_time       (gint64          unix_seconds);
GtkWidget  *vigie_backups_placeholder_new   (const char     *text);
/* GtkListBoxCreateWidgetFunc for VigieJob */
GtkWidget  *vigie_backups_job_row_new       (gpointer        item,
                                             gpointer        user_data);
/* GtkListBoxCreateWidgetFunc for VigieBackupItem */
GtkWidget  *vigie_backups_backup_row_new    (gpointer        item,
                                             gpointer        user_data);
/* PBS datastores, Veeam repositories, Proxmox VE storage holding backups. */
gboolean    vigie_backups_is_backup_storage (VigieInventory *inv,
                                             VigieStorage   *storage);
GtkWidget  *vigie_backups_storage_row_new   (VigieInventory *inv,
                                             VigieStorage   *storage);

/* The "backup" action of the instance @key (vzdump, an Incus backup) when
 * it may run now; else NULL and *@reason_out says why. */
VigieAction *vigie_backups_find_backup_action (VigieMonitor   *monitor,
                                               const char     *key,
                                               VigieInstance **instance_out,
                                               char          **reason_out);

/* A desktop notification per VigieCoverageChange, from @page's application. */
void         vigie_backups_notify_changes     (GtkWidget      *page,
                                               GPtrArray      *changes);

G_END_DECLS
