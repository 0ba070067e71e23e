/* vigie-veeam-backend.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-backend.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_VEEAM_BACKEND (vigie_veeam_backend_get_type ())

G_DECLARE_FINAL_TYPE (VigieVeeamBackend, vigie_veeam_backend, VIGIE, VEEAM_BACKEND, VigieBackend)

G_END_DECLS
