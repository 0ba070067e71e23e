/* vigie-instances-page-actions.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-monitor.h"

G_BEGIN_DECLS

VigieBackend *vigie_instances_backend_for   (VigieMonitor  *monitor,
                                             VigieInstance *instance);
GPtrArray    *vigie_instances_merge_actions (VigieMonitor  *monitor,
                                             GPtrArray     *instances);
void          vigie_instances_describe_selection (GPtrArray  *instances,
                                                  char      **title_out,
                                                  char      **body_out);

G_END_DECLS
