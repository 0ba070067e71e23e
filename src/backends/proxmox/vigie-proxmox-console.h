/* vigie-proxmox-console.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "vigie-console.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_PROXMOX_CONSOLE (vigie_proxmox_console_get_type ())

G_DECLARE_FINAL_TYPE (VigieProxmoxConsole, vigie_proxmox_console, VIGIE, PROXMOX_CONSOLE,
                      VigieConsole)

/* Bridges a termproxy websocket (already open) into a VigieConsole: sends
 * "USER:TICKET\n" at once, expects "OK" first, then frames input as
 * "0:LEN:DATA", resizes as "1:COLS:ROWS:" and pings "2" every
 * @ping_interval seconds (0: the default 30). */
VigieConsole *vigie_proxmox_console_new (SoupWebsocketConnection *connection,
                                         const char              *user,
                                         const char              *ticket,
                                         guint                    ping_interval);

G_END_DECLS
