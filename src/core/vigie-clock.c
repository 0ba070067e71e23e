/* vigie-clock.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include "vigie-clock.h"

struct _VigieClock
{
  GObject  parent_instance;
  gboolean fixed;
  gint64   now;
};

G_DEFINE_FINAL_TYPE (VigieClock, vigie_clock, G_TYPE_OBJECT)

static void
vigie_clock_class_init (VigieClockClass *klass)
{
}

static void
vigie_clock_init (VigieClock *self)
{
}

VigieClock *
vigie_clock_new_system (void)
{
  return g_object_new (VIGIE_TYPE_CLOCK, NULL);
}

VigieClock *
vigie_clock_new_fixed (gint64 unix_seconds)
{
  VigieClock *self = g_object_new (VIGIE_TYPE_CLOCK, NULL);

  vigie_clock_set_fixed (self, unix_seconds);
  return self;
}

void
vigie_clock_set_fixed (VigieClock *self,
                       gint64      unix_seconds)
{
  g_return_if_fail (VIGIE_IS_CLOCK (self));
  self->fixed = TRUE;
  self->now = unix_seconds;
}

void
vigie_clock_advance (VigieClock *self,
                     gint64      seconds)
{
  g_return_if_fail (VIGIE_IS_CLOCK (self));
  g_return_if_fail (self->fixed);
  self->now += seconds;
}

gint64
vigie_clock_now (VigieClock *self)
{
  g_return_val_if_fail (VIGIE_IS_CLOCK (self), 0);

  if (self->fixed)
    return self->now;
  return g_get_real_time () / G_USEC_PER_SEC;
}

gint64
vigie_clock_now_monotonic_us (VigieClock *self)
{
  g_return_val_if_fail (VIGIE_IS_CLOCK (self), 0);

  if (self->fixed)
    return self->now * G_USEC_PER_SEC;
  return g_get_monotonic_time ();
}

char *
vigie_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds <= 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (unix_seconds);
  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

gint64
vigie_parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL || *text == '\0')
    return 0;
  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return 0;
  return g_date_time_to_unix (dt);
}
