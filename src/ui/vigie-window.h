/* vigie-window.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-application.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_WINDOW (vigie_window_get_type ())

G_DECLARE_FINAL_TYPE (VigieWindow, vigie_window, VIGIE, WINDOW, AdwApplicationWindow)

VigieWindow *vigie_window_new        (VigieApplication *application);
void         vigie_window_show_toast (VigieWindow      *self,
                                      const char       *message);

G_END_DECLS
