/* vigie-terminal-page.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-console.h"
#include "vigie-terminal.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_TERMINAL_PAGE (vigie_terminal_page_get_type ())

G_DECLARE_FINAL_TYPE (VigieTerminalPage, vigie_terminal_page, VIGIE, TERMINAL_PAGE, AdwBin)

GtkWidget     *vigie_terminal_page_new             (void);
VigieTerminal *vigie_terminal_page_open_command    (VigieTerminalPage  *self,
                                                    const char         *title,
                                                    const char * const *argv);
VigieTerminal *vigie_terminal_page_open_console    (VigieTerminalPage  *self,
                                                    const char         *title,
                                                    VigieConsole       *console,
                                                    GError            **error);
guint          vigie_terminal_page_get_n_terminals (VigieTerminalPage  *self);

G_END_DECLS
