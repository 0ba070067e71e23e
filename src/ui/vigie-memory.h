/* vigie-memory.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  vigie_memory_trim_soon      (guint delay_ms);
guint vigie_memory_get_n_trims    (void);

G_END_DECLS
