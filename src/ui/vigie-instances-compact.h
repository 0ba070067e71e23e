/* vigie-instances-compact.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Below @threshold px of @scrolled's width, shows a one-column list of the
 * same instances (same selection model) instead of @column_view; "activate"
 * on the list is "activate" on the column view. The columns are left as
 * they are. */
void     vigie_instances_compact_attach (GtkScrolledWindow *scrolled,
                                         GtkColumnView     *column_view,
                                         int                threshold);
gboolean vigie_instances_compact_get    (GtkScrolledWindow *scrolled);

G_END_DECLS
