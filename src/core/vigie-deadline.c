/* vigie-deadline.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include "vigie-deadline.h"

static void
on_user_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

static gboolean
on_timer (gpointer user_data)
{
  VigieDeadline *self = user_data;
  gint64 now = g_get_monotonic_time ();

  /* A tick late by a stall of the loop counts as one a little long. */
  self->counted_us += MIN (now - self->last_tick_us, VIGIE_DEADLINE_MAX_TICK);
  self->last_tick_us = now;
  if (self->counted_us < self->limit_us)
    return G_SOURCE_CONTINUE;

  self->timer_id = 0;
  self->expired = TRUE;
  if (self->on_expired != NULL)
    self->on_expired (self->on_expired_data);
  g_cancellable_cancel (self->cancellable);
  return G_SOURCE_REMOVE;
}

void
vigie_deadline_start (VigieDeadline *self,
                      GCancellable  *user_cancellable,
                      guint          seconds,
                      GSourceFunc    on_expired,
                      gpointer       user_data)
{
  g_return_if_fail (self != NULL);

  self->cancellable = g_cancellable_new ();
  self->expired = FALSE;
  self->on_expired = on_expired;
  self->on_expired_data = user_data;
  if (user_cancellable != NULL)
    {
      self->user_cancellable = g_object_ref (user_cancellable);
      self->user_cancel_id = g_cancellable_connect (user_cancellable,
                                                    G_CALLBACK (on_user_cancelled),
                                                    self->cancellable, NULL);
    }
  self->limit_us = (gint64) seconds * G_USEC_PER_SEC;
  self->counted_us = 0;
  self->last_tick_us = g_get_monotonic_time ();
  if (seconds > 0)
    self->timer_id = g_timeout_add (VIGIE_DEADLINE_TICK_MS, on_timer, self);
}

void
vigie_deadline_stop (VigieDeadline *self)
{
  g_return_if_fail (self != NULL);
  g_clear_handle_id (&self->timer_id, g_source_remove);
}

void
vigie_deadline_clear (VigieDeadline *self)
{
  g_return_if_fail (self != NULL);

  vigie_deadline_stop (self);
  if (self->user_cancel_id != 0)
    g_cancellable_disconnect (self->user_cancellable, self->user_cancel_id);
  self->user_cancel_id = 0;
  g_clear_object (&self->user_cancellable);
  g_clear_object (&self->cancellable);
}
