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

/* The prices file's key for a column: its line id, else its product id;
 * NULL for a product the knowledge base does not know. */
char      *vigie_prices_dialog_key (const VigieCompareColumn *column);

/* A window to type one's own price for each compared product line, in
 * $config_dir/prices.json (docs/compare.md, "Price overrides"). Rows are
 * named "amount:KEY", "currency:KEY", "subscribe:KEY"; the buttons
 * "save" and "reset". @date (YYYY-MM-DD) goes into the file's source. */
GtkWidget *vigie_prices_dialog_new (GtkWindow          *parent,
                                    VigieComparison    *comparison,
                                    const char         *path,
                                    const char         *date,
                                    VigiePricesChanged  changed,
                                    gpointer            data);

G_END_DECLS
