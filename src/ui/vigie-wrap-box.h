/* vigie-wrap-box.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_WRAP_BOX (vigie_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (VigieWrapBox, vigie_wrap_box, VIGIE, WRAP_BOX, GtkWidget)

/* A toolbar row that wraps: its children side by side while they fit, on
 * more lines when the window is narrow. Children that expand share what
 * is left of their line. GTK 4.8 has no such box. */
GtkWidget *vigie_wrap_box_new    (void);
void       vigie_wrap_box_append (VigieWrapBox *self,
                                  GtkWidget    *child);

G_END_DECLS
