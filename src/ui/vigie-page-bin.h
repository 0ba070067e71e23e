/* vigie-page-bin.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_PAGE_BIN (vigie_page_bin_get_type ())

G_DECLARE_FINAL_TYPE (VigiePageBin, vigie_page_bin, VIGIE, PAGE_BIN, AdwBin)

GtkWidget *vigie_page_bin_new            (void);
/* For tests: how many times the child was measured. */
guint      vigie_page_bin_get_n_measured (VigiePageBin *self);

G_END_DECLS
