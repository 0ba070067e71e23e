/* vigie-instances-page-columns.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkColumnViewColumn *vigie_instances_columns_add             (GtkColumnView *column_view);
void                 vigie_instances_columns_add_menu        (GtkColumnView *column_view,
                                                              GtkWidget     *owner,
                                                              GtkMenuButton *button);
void                 vigie_instances_columns_bind_settings   (GtkColumnView *column_view,
                                                              GSettings     *settings);
void                 vigie_instances_columns_unbind_settings (GtkColumnView *column_view);

G_END_DECLS
