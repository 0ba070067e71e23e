/* vigie-backups-rows.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the Backups page.
 */

#pragma once

#include <adwaita.h>

#include "vigie-coverage.h"

G_BEGIN_DECLS

const char *vigie_backups_status_css_class  (VigieBackupStatus status);
const char *vigie_backups_verified_label    (VigieVerified   verified);
/* Instance, Endpoint, Status, Age, Source, Verified (for VigieCoverage),
 * sorted worst first. */
void        vigie_backups_setup_columns     (GtkColumnView  *view);
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

G_END_DECLS
