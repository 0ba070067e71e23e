/* vigie-instances-page-bulk.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-monitor.h"

G_BEGIN_DECLS

void vigie_instances_bulk_run (GtkWidget    *widget,
                               VigieMonitor *monitor,
                               GPtrArray    *instances,
                               VigieAction  *action,
                               GCancellable *cancellable);

G_END_DECLS
