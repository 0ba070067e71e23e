/* vigie-action-runner.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-monitor.h"

G_BEGIN_DECLS

void vigie_run_instance_action (GtkWidget     *widget,
                                VigieMonitor  *monitor,
                                VigieInstance *instance,
                                VigieAction   *action,
                                GCancellable  *cancellable);

G_END_DECLS
