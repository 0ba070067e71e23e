/* vigie-esxi-backend.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-backend.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ESXI_BACKEND (vigie_esxi_backend_get_type ())

G_DECLARE_FINAL_TYPE (VigieEsxiBackend, vigie_esxi_backend, VIGIE, ESXI_BACKEND, VigieBackend)

G_END_DECLS
