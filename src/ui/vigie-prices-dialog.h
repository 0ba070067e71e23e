/* vigie-prices-dialog.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-compare.h"

G_BEGIN_DECLS

/* Called after the prices file was written or removed. */
typedef void (*VigiePricesChanged) (gpointer data);

/* A window to type one's own price for each compared product line, in
 * $config_dir/prices.json (docs/compare.md, "Price overrides"). Rows are
 * named "amount:LINE", "currency:LINE", "subscribe:LINE"; the buttons
 * "save" and "reset". @date (YYYY-MM-DD) goes into the file's source. */
GtkWidget *vigie_prices_dialog_new (GtkWindow          *parent,
                                    VigieComparison    *comparison,
                                    const char         *path,
                                    const char         *date,
                                    VigiePricesChanged  changed,
                                    gpointer            data);

G_END_DECLS
