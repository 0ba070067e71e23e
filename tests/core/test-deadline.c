/* test-deadline.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * VigieDeadline: its cancellable follows the caller's, expires by itself
 * (saying so, and calling back before it cancels), never cancels the
 * caller's, and once stopped or cleared does nothing more.
 */

#include "config.h"

#include "vigie-deadline.h"

typedef struct {
  VigieDeadline *deadline;
  guint          calls;
  gboolean       cancelled_when_called;
} Expiry;

static gboolean
on_expired (gpointer user_data)
{
  Expiry *expiry = user_data;

  expiry->calls++;
  expiry->cancelled_when_called = g_cancellable_is_cancelled (expiry->deadline->cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_caller_cancels (void)
{
  g_autoptr(GCancellable) caller = g_cancellable_new ();
  VigieDeadline deadline = { 0 };
  Expiry expiry = { &deadline, 0, FALSE };

  vigie_deadline_start (&deadline, caller, 3600, on_expired, &expiry);
  g_assert_false (g_cancellable_is_cancelled (deadline.cancellable));
  g_cancellable_cancel (caller);
  g_assert_true (g_cancellable_is_cancelled (deadline.cancellable));
  g_assert_false (deadline.expired);
  g_assert_cmpuint (expiry.calls, ==, 0);
  vigie_deadline_clear (&deadline);
  g_assert_null (deadline.cancellable);
}

static void
test_expires (void)
{
  g_autoptr(GCancellable) caller = g_cancellable_new ();
  VigieDeadline deadline = { 0 };
  Expiry expiry = { &deadline, 0, FALSE };

  vigie_deadline_start (&deadline, caller, 1, on_expired, &expiry);
  while (!g_cancellable_is_cancelled (deadline.cancellable))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (deadline.expired);
  g_assert_cmpuint (expiry.calls, ==, 1);
  /* Called back first, so it can record why before anyone sees the cancel. */
  g_assert_false (expiry.cancelled_when_called);
  /* The caller's cancellable may guard other operations: untouched. */
  g_assert_false (g_cancellable_is_cancelled (caller));
  vigie_deadline_clear (&deadline);
}

/* A loop stalled for longer than the deadline (a busy app) does not use
 * up the operation's time: the tick that comes late counts as one a little
 * long, and the deadline expires later, counted in ticks of a free loop. */
static void
test_stall_not_counted (void)
{
  VigieDeadline deadline = { 0 };
  Expiry expiry = { &deadline, 0, FALSE };

  vigie_deadline_start (&deadline, NULL, 2, on_expired, &expiry);
  g_usleep (3500 * G_TIME_SPAN_MILLISECOND);
  while (deadline.counted_us == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (deadline.counted_us, <=, VIGIE_DEADLINE_MAX_TICK);
  g_assert_false (deadline.expired);
  g_assert_false (g_cancellable_is_cancelled (deadline.cancellable));
  while (!g_cancellable_is_cancelled (deadline.cancellable))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (deadline.expired);
  g_assert_cmpuint (expiry.calls, ==, 1);
  vigie_deadline_clear (&deadline);
}

/* Without a caller's cancellable or a callback, and with 0 seconds: no
 * expiry at all. */
static void
test_no_timeout (void)
{
  VigieDeadline deadline = { 0 };

  vigie_deadline_start (&deadline, NULL, 0, NULL, NULL);
  g_assert_cmpuint (deadline.timer_id, ==, 0);
  g_assert_null (deadline.user_cancellable);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (g_cancellable_is_cancelled (deadline.cancellable));
  g_assert_false (deadline.expired);
  vigie_deadline_clear (&deadline);
}

/* Stopped: it never expires. Cleared: the caller's cancel reaches nothing. */
static void
test_stop_and_clear (void)
{
  g_autoptr(GCancellable) caller = g_cancellable_new ();
  g_autoptr(GCancellable) ours = NULL;
  VigieDeadline deadline = { 0 };
  Expiry expiry = { &deadline, 0, FALSE };

  vigie_deadline_start (&deadline, caller, 1, on_expired, &expiry);
  vigie_deadline_stop (&deadline);
  g_assert_cmpuint (deadline.timer_id, ==, 0);
  ours = g_object_ref (deadline.cancellable);
  vigie_deadline_clear (&deadline);
  g_assert_null (deadline.user_cancellable);
  g_cancellable_cancel (caller);
  g_assert_false (g_cancellable_is_cancelled (ours));
  g_assert_cmpuint (expiry.calls, ==, 0);
  g_assert_false (deadline.expired);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vigie/deadline/caller-cancels", test_caller_cancels);
  g_test_add_func ("/vigie/deadline/expires", test_expires);
  g_test_add_func ("/vigie/deadline/stall-not-counted", test_stall_not_counted);
  g_test_add_func ("/vigie/deadline/no-timeout", test_no_timeout);
  g_test_add_func ("/vigie/deadline/stop-and-clear", test_stop_and_clear);
  return g_test_run ();
}
