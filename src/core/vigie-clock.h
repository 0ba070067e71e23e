/* vigie-clock.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_CLOCK (vigie_clock_get_type ())

G_DECLARE_FINAL_TYPE (VigieClock, vigie_clock, VIGIE, CLOCK, GObject)

/* The wall clock, or a fixed time for tests: core code never asks the system. */
VigieClock *vigie_clock_new_system     (void);
VigieClock *vigie_clock_new_fixed      (gint64      unix_seconds);
void        vigie_clock_set_fixed      (VigieClock *self,
                                        gint64      unix_seconds);
void        vigie_clock_advance        (VigieClock *self,
                                        gint64      seconds);
gint64      vigie_clock_now            (VigieClock *self);
gint64      vigie_clock_now_monotonic_us (VigieClock *self);

/* RFC 3339 UTC ("2026-11-25T18:00:00Z"); NULL for 0. */
char       *vigie_format_time          (gint64      unix_seconds);
/* Parses RFC 3339 / ISO 8601 with any offset, to Unix seconds; 0 on failure. */
gint64      vigie_parse_time           (const char *text);

G_END_DECLS
