/* vigie-os-name.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *vigie_os_name_describe (const char *os);
const char *vigie_os_name_display  (const char *os);

G_END_DECLS
