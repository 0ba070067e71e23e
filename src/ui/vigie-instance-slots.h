/* vigie-instance-slots.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-inventory.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_INSTANCE_SLOT (vigie_instance_slot_get_type ())
G_DECLARE_FINAL_TYPE (VigieInstanceSlot, vigie_instance_slot, VIGIE, INSTANCE_SLOT, GObject)

#define VIGIE_TYPE_INSTANCE_SLOTS (vigie_instance_slots_get_type ())
G_DECLARE_FINAL_TYPE (VigieInstanceSlots, vigie_instance_slots, VIGIE, INSTANCE_SLOTS, GObject)

VigieInstance      *vigie_instance_slot_get_instance (VigieInstanceSlot *slot);

VigieInstanceSlots *vigie_instance_slots_new         (GListModel        *instances);

G_END_DECLS
