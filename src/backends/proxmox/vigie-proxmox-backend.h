/* vigie-proxmox-backend.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-backend.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_PROXMOX_BACKEND (vigie_proxmox_backend_get_type ())

G_DECLARE_FINAL_TYPE (VigieProxmoxBackend, vigie_proxmox_backend, VIGIE, PROXMOX_BACKEND, VigieBackend)

G_END_DECLS
