/* vigie-ui-focus.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keyboard focus across the window: one Tab press leaves a table.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void vigie_ui_focus_tab_leaves (GtkWidget *table,
                                ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
