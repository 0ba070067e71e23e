/* vigie-deadline.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * VigieDeadline:
 *
 * A cancellable for one operation that is cancelled when the caller's is,
 * or when @seconds pass — without ever cancelling the caller's, which may
 * guard other operations. Embed it in the operation's data (it must not
 * move) and tell the two apart afterwards with @expired.
 *
 * The time counted is the endpoint's, not the caller's: it advances by
 * ticks of a second, and a tick that comes late because the thread's main
 * loop was busy counts at most VIGIE_DEADLINE_MAX_TICK, so a reply that
 * waited behind a stalled loop does not use up its endpoint's time.
 */
typedef struct {
  GCancellable *cancellable;       /* hand this one to the operation */
  gboolean      expired;
  /*< private >*/
  GCancellable *user_cancellable;
  gulong        user_cancel_id;
  guint         timer_id;
  gint64        limit_us;          /* the operation's time, 0: none */
  gint64        counted_us;        /* counted so far */
  gint64        last_tick_us;      /* monotonic */
  GSourceFunc   on_expired;
  gpointer      on_expired_data;
} VigieDeadline;

#define VIGIE_DEADLINE_TICK_MS  1000
#define VIGIE_DEADLINE_MAX_TICK (3 * G_USEC_PER_SEC / 2)

/* on_expired (may be NULL) runs before the cancellable is cancelled. */
void vigie_deadline_start (VigieDeadline *self,
                           GCancellable  *user_cancellable,
                           guint          seconds,
                           GSourceFunc    on_expired,
                           gpointer       user_data);
void vigie_deadline_stop  (VigieDeadline *self);
void vigie_deadline_clear (VigieDeadline *self);

G_END_DECLS
