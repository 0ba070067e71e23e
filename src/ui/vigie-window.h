/* vigie-window.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-application.h"
#include "vigie-compare-page.h"
#include "vigie-instances-page.h"
#include "vigie-monitor.h"
#include "vigie-overview-page.h"
#include "vigie-terminal-page.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_WINDOW (vigie_window_get_type ())

G_DECLARE_FINAL_TYPE (VigieWindow, vigie_window, VIGIE, WINDOW, AdwApplicationWindow)

VigieWindow        *vigie_window_new                (VigieApplication    *application);
VigieWindow        *vigie_window_new_for_store      (VigieEndpointStore  *store,
                                                     VigieContext        *context,
                                                     GSettings           *settings,
                                                     VigieBackendFactory  factory);
/* @message is plain text, never markup. */
void                vigie_window_show_toast         (VigieWindow         *self,
                                                     const char          *message);
/* @timeout in seconds; 0 keeps it until it is dismissed. */
void                vigie_window_show_toast_full    (VigieWindow         *self,
                                                     const char          *message,
                                                     guint                timeout);
VigieMonitor       *vigie_window_get_monitor        (VigieWindow         *self);
void                vigie_window_open_ssh_terminal  (VigieWindow         *self,
                                                     VigieEndpoint       *endpoint,
                                                     const char          *host);
VigieOverviewPage  *vigie_window_get_overview_page  (VigieWindow         *self);
VigieComparePage   *vigie_window_get_compare_page   (VigieWindow         *self);
VigieInstancesPage *vigie_window_get_instances_page (VigieWindow         *self);
VigieTerminalPage  *vigie_window_get_terminal_page  (VigieWindow         *self);

G_END_DECLS
