/* vigie-memory.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each refresh round builds every endpoint's inventory anew and frees the
 * old one: 10,000 guests are a few hundred thousand small blocks made and
 * freed a round, in an order that leaves holes in the heap. glibc's malloc
 * keeps those pages (it gives memory back only from the top of a heap), so
 * the app grew by a few MB a round while what it used stayed flat
 * (bench/RESULTS.md). Once a round has settled, malloc_trim() hands the
 * free pages inside the heap back to the system. It walks every free block,
 * which takes tens of milliseconds at 10,000 guests: it runs in a worker,
 * so the main loop only waits for it if it allocates in the meantime.
 */

#include "config.h"

#include <gio/gio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "vigie-instances-page-profile.h"
#include "vigie-memory.h"

static guint trim_id;
static gboolean trimming;
static guint n_trims;

static void
trim_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
#ifdef __GLIBC__
  gint64 start = g_get_monotonic_time ();

  malloc_trim (0);
  /* For bench/app-rounds.sh: what the heap uses, what it holds. */
  if (vigie_profile_enabled ())
    {
      struct mallinfo2 info = mallinfo2 ();

      g_printerr ("vigie-heap: in_use_kb=%zu held_kb=%zu mmapped_kb=%zu trim_ms=%" G_GINT64_FORMAT "\n",
                  info.uordblks / 1024, info.arena / 1024, info.hblkhd / 1024,
                  (g_get_monotonic_time () - start) / 1000);
    }
#endif
  g_task_return_boolean (task, TRUE);
}

static void
trim_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  trimming = FALSE;
  n_trims++;
}

static gboolean
trim_now (gpointer user_data)
{
  g_autoptr(GTask) task = NULL;

  trim_id = 0;
  /* One at a time: a call during a trim waits for the next settle. */
  if (trimming)
    return G_SOURCE_REMOVE;
  trimming = TRUE;
  task = g_task_new (NULL, NULL, trim_done, NULL);
  g_task_set_source_tag (task, trim_now);
  g_task_run_in_thread (task, trim_thread);
  return G_SOURCE_REMOVE;
}

/**
 * vigie_memory_trim_soon:
 * @delay_ms: how long the app must go without another call
 *
 * Gives the heap's free pages back to the system once @delay_ms have passed
 * without another call: after a refresh round, when the next is not about
 * to start. Main thread only.
 */
void
vigie_memory_trim_soon (guint delay_ms)
{
  g_clear_handle_id (&trim_id, g_source_remove);
  trim_id = g_timeout_add (delay_ms, trim_now, NULL);
}

/* How many trims have ended, for tests. */
guint
vigie_memory_get_n_trims (void)
{
  return n_trims;
}
