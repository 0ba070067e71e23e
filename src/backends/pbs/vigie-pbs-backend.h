/* vigie-pbs-backend.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-backend.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_PBS_BACKEND (vigie_pbs_backend_get_type ())

G_DECLARE_FINAL_TYPE (VigiePbsBackend, vigie_pbs_backend, VIGIE, PBS_BACKEND, VigieBackend)

G_END_DECLS
