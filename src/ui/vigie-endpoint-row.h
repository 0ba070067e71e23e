/* vigie-endpoint-row.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-monitor.h"
#include "vigie-ui-util.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ENDPOINT_ROW (vigie_endpoint_row_get_type ())

G_DECLARE_FINAL_TYPE (VigieEndpointRow, vigie_endpoint_row, VIGIE, ENDPOINT_ROW, AdwActionRow)

GtkWidget     *vigie_endpoint_row_new          (VigieEndpoint    *endpoint,
                                                VigieMonitor     *monitor);
VigieEndpoint *vigie_endpoint_row_get_endpoint (VigieEndpointRow *self);
VigieUiStatus  vigie_endpoint_row_get_status   (VigieEndpointRow *self);
/* For tests: how many times the row changed what it shows. */
guint          vigie_endpoint_row_get_n_updates (VigieEndpointRow *self);

G_END_DECLS
