/* vigie-instances-page-details.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-coverage.h"
#include "vigie-resources.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_INSTANCE_DETAILS (vigie_instance_details_get_type ())

G_DECLARE_FINAL_TYPE (VigieInstanceDetails, vigie_instance_details, VIGIE, INSTANCE_DETAILS,
                      AdwBin)

GtkWidget *vigie_instance_details_new          (void);
void       vigie_instance_details_set_instance (VigieInstanceDetails *self,
                                                VigieInstance        *instance,
                                                VigieKind             kind,
                                                VigieCoverage        *coverage);

G_END_DECLS
