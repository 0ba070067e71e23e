/* vigie-instances-page-profile.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean vigie_profile_enabled       (void);
gint64   vigie_profile_begin         (void);
void     vigie_profile_log           (const char *event,
                                      double      ms,
                                      guint       rows);
void     vigie_profile_until_painted (GtkWidget  *widget,
                                      const char *event,
                                      gint64      start_us,
                                      guint       rows);
void     vigie_profile_start_probe   (void);
/* VIGIE_PROFILE_MEASURE=1: CPU time measuring labels, by their holders. */
void     vigie_profile_start_measure (void);

G_END_DECLS
