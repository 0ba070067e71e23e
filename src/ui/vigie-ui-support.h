/* vigie-ui-support.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the overview and the sidebar show whether an endpoint's version is
 * still supported (the knowledge base's answer, on the context clock's day).
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-context.h"
#include "vigie-inventory.h"
#include "vigie-knowledge.h"

G_BEGIN_DECLS

/* NULL until the endpoint has said which version it runs. */
VigieSupport *vigie_ui_support_of_inventory (VigieInventory     *inventory,
                                             VigieContext       *context);
/* "2026-08-31" in the user's words ("31 August 2026"); NULL if unreadable. */
char         *vigie_ui_format_date          (const char         *iso_date);
/* NULL for the statuses that need no attention (supported, unknown). */
const char   *vigie_ui_support_icon_name    (VigieSupportStatus  status);
/* One line for a tooltip: status, line and end date. */
char         *vigie_ui_support_summary      (const VigieSupport *support);
/* What happens and what to do, for ending-soon and end-of-support; else NULL. */
char         *vigie_ui_support_message      (const VigieSupport *support,
                                             gint64              now);
char         *vigie_ui_support_advice       (const VigieSupport *support,
                                             gint64              now);
/* The status badge, and "Update available" beside it when outdated. */
GtkWidget    *vigie_ui_support_badges_new   (const VigieSupport *support);
/* A row for a boxed list, or NULL when the status needs no alert. */
GtkWidget    *vigie_ui_support_alert_new    (const VigieSupport *support,
                                             gint64              now);

G_END_DECLS
