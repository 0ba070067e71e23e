/* vigie-backup-endpoint-view.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-monitor.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_BACKUP_ENDPOINT_VIEW (vigie_backup_endpoint_view_get_type ())

G_DECLARE_FINAL_TYPE (VigieBackupEndpointView, vigie_backup_endpoint_view, VIGIE,
                      BACKUP_ENDPOINT_VIEW, AdwBin)

void vigie_backup_endpoint_view_set_monitor  (VigieBackupEndpointView *self,
                                              VigieMonitor            *monitor);
/* endpoint_name: a backup server (PBS, Veeam), or NULL for none. */
void vigie_backup_endpoint_view_set_endpoint (VigieBackupEndpointView *self,
                                              const char              *endpoint_name);

G_END_DECLS
