/* vigie-export-dialog.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-window.h"

G_BEGIN_DECLS

/* "Export Estate…": asks which hypervisor endpoints and which format
 * (workbook or CSV folder), then where (a native file chooser), writes
 * with vigie_export_estate_async() from the window's monitor, and tells
 * the result in a toast with the path.
 *
 * Test only: with VIGIE_TEST_EXPORT_PATH set, that path is used instead of
 * asking with the file chooser (Xvfb has no portal to drive). */
void vigie_export_dialog_present (VigieWindow *window);

G_END_DECLS
