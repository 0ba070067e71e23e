/* vigie-instances-page-columns.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkColumnViewColumn *vigie_instances_columns_add (GtkColumnView *column_view);

G_END_DECLS
