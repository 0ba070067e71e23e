/* vigie-ui-a11y.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keyboard and screen reader help GTK 4.8 does not give: one Tab press
 * leaves a table; icon buttons named by their tooltips; rows and cells of
 * lists named by their content.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void vigie_ui_focus_tab_leaves     (GtkWidget   *table,
                                    ...) G_GNUC_NULL_TERMINATED;
void vigie_ui_name_icon_buttons    (GtkWidget   *root);
void vigie_ui_name_list_cell       (GtkWidget   *child,
                                    GtkWidget   *row_label);
void vigie_ui_name_drop_down_items (GtkDropDown *drop_down);

G_END_DECLS
