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
 */
typedef struct {
  GCancellable *cancellable;       /* hand this one to the operation */
  gboolean      expired;
  /*< private >*/
  GCancellable *user_cancellable;
  gulong        user_cancel_id;
  guint         timer_id;
  GSourceFunc   on_expired;
  gpointer      on_expired_data;
} VigieDeadline;

/* on_expired (may be NULL) runs before the cancellable is cancelled. */
void vigie_deadline_start (VigieDeadline *self,
                           GCancellable  *user_cancellable,
                           guint          seconds,
                           GSourceFunc    on_expired,
                           gpointer       user_data);
void vigie_deadline_stop  (VigieDeadline *self);
void vigie_deadline_clear (VigieDeadline *self);

G_END_DECLS
