/* test-memory.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After a refresh round the app gives back the pages the round freed
 * (vigie-memory.c): freed blocks inside the heap stop counting in its
 * resident memory, and a window's round leads to such a trim.
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "vigie-memory.h"
#include "window-fixture.h"

#define BLOCK   4000
#define BLOCKS  16384   /* 64 MB */


static gsize
resident_kb (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &text, NULL, NULL));
  fields = g_strsplit (text, " ", -1);
  return g_ascii_strtoull (fields[1], NULL, 10) * (gsize) sysconf (_SC_PAGESIZE) / 1024;
}

static gboolean
trimmed (gpointer data)
{
  return vigie_memory_get_n_trims () > GPOINTER_TO_UINT (data);
}

/* A round's garbage: blocks freed between blocks kept, so that the heap
 * cannot shrink from its top. */
static void
test_trim_gives_back (void)
{
  g_autofree gpointer *blocks = g_new (gpointer, BLOCKS);
  guint before = vigie_memory_get_n_trims ();
  gsize full, after;

#if !defined (__GLIBC__) || defined (__SANITIZE_ADDRESS__)
  g_test_skip ("the heap is not glibc's malloc (malloc_trim() is glibc's)");
  return;
#endif
  for (guint i = 0; i < BLOCKS; i++)
    {
      blocks[i] = g_malloc (BLOCK);
      memset (blocks[i], 0x5a, BLOCK);
    }
  for (guint i = 0; i < BLOCKS; i++)
    if (i % 16 != 15)
      g_clear_pointer (&blocks[i], g_free);
  full = resident_kb ();

  vigie_memory_trim_soon (50);
  vigie_memory_trim_soon (50);   /* one trim for both */
  g_assert_true (vigie_test_wait_until (trimmed, GUINT_TO_POINTER (before), 10));
  after = resident_kb ();
  g_test_message ("resident %zu kB with the freed blocks, %zu kB after the trim", full, after);
  g_assert_cmpuint (vigie_memory_get_n_trims (), ==, before + 1);
  /* Of the 60 MB freed, at least half is given back. */
  g_assert_cmpuint (full, >, after + 30 * 1024);
  for (guint i = 0; i < BLOCKS; i++)
    g_free (blocks[i]);
}

/* The window's refresh rounds are what trims. */
static void
test_window_round_trims (Fixture       *fixture,
                         gconstpointer  data)
{
  guint before = vigie_memory_get_n_trims ();

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  vigie_test_estate_add (&fixture->estate, "pve-a", VIGIE_KIND_PROXMOX);
  open_window (fixture);
  g_assert_true (vigie_test_wait_until (vigie_test_rows_ok, endpoint_list (fixture), 30));
  g_assert_true (vigie_test_wait_until (trimmed, GUINT_TO_POINTER (before), 15));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();

  g_test_add_func ("/vigie/memory/trim-gives-back", test_trim_gives_back);
  g_test_add ("/vigie/memory/window-round-trims", Fixture, NULL,
              fixture_set_up, test_window_round_trims, fixture_tear_down);
  return g_test_run ();
}
