/* vigie-incus-backend.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-backend.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_INCUS_BACKEND (vigie_incus_backend_get_type ())

G_DECLARE_FINAL_TYPE (VigieIncusBackend, vigie_incus_backend, VIGIE, INCUS_BACKEND, VigieBackend)

G_END_DECLS
