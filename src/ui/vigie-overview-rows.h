/* vigie-overview-rows.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-inventory.h"

G_BEGIN_DECLS

/* A usage bar named @name (“CPU”, “Memory”, …): plain up to 80 %, a warning
 * above; set to a fraction, or to a negative one for “—”. */
GtkWidget   *vigie_overview_usage_new          (const char     *name);
void         vigie_overview_usage_set          (GtkWidget      *box,
                                                double          fraction);
/* @used of @total as a fraction, or -1 when either is unknown. */
double       vigie_overview_fraction           (gint64          used,
                                                gint64          total);
/* An action row titled @title, never read as markup. */
GtkWidget   *vigie_overview_text_row_new       (const char     *title);
/* Sets the subtitle only when it changes; a one-line row (data
 * "vigie-one-line") also gets it whole as its tooltip. */
void         vigie_overview_set_subtitle       (AdwActionRow   *row,
                                                const char     *subtitle);
/* Every label under @widget, but in a revealer, on one line, ellipsized. */
void         vigie_overview_single_line_labels (GtkWidget      *widget);
GtkRevealer *vigie_overview_find_revealer      (GtkWidget      *widget);
char        *vigie_overview_host_details       (VigieHost      *host);
/* “3 running, 2 stopped, 5 in all”: templates apart. */
char        *vigie_overview_instance_counts    (VigieInventory *inventory);
/* What a card not built is: the endpoint's name, @height pixels tall (or
 * about a card's height if negative). */
GtkWidget   *vigie_overview_placeholder_new    (const char     *name,
                                                int             height);
/* About the height of a card built to show @inventory, in pixels. */
int          vigie_overview_estimate_height    (VigieInventory *inventory);

G_END_DECLS
