/* vigie-terminal.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <vte/vte.h>

#include "vigie-console.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_TERMINAL (vigie_terminal_get_type ())

G_DECLARE_FINAL_TYPE (VigieTerminal, vigie_terminal, VIGIE, TERMINAL, GtkWidget)

/**
 * VigieTerminal:
 *
 * One terminal tab: a VTE terminal running either a local child (ssh) or
 * bridged to a VigieConsole through a PTY pair, so the terminal never knows
 * which backend speaks on the other side. When the session ends, a bar
 * says how, and the title gets a suffix.
 */
VigieTerminal *vigie_terminal_new               (const char          *title);
void           vigie_terminal_spawn             (VigieTerminal       *self,
                                                 const char * const  *argv);
gboolean       vigie_terminal_attach_console    (VigieTerminal       *self,
                                                 VigieConsole        *console,
                                                 GError             **error);
const char    *vigie_terminal_get_title         (VigieTerminal       *self);
gboolean       vigie_terminal_get_ended         (VigieTerminal       *self);
int            vigie_terminal_get_exit_status   (VigieTerminal       *self);
const char    *vigie_terminal_get_message       (VigieTerminal       *self);
VteTerminal   *vigie_terminal_get_vte           (VigieTerminal       *self);
gsize          vigie_terminal_get_pending       (VigieTerminal       *self);
VigieConsole  *vigie_terminal_get_console       (VigieTerminal       *self);

G_END_DECLS
