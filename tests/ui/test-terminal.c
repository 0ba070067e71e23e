/* test-terminal.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The console bridge: bytes typed into the terminal reach the console,
 * console output shows in the terminal, resizes reach the console, and the
 * end of the session is shown. Also the ssh-style local child path.
 */

#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "vigie-terminal-page.h"
#include "vigie-test-backend.h"
#include "vigie-test-util.h"

static gboolean have_display;

typedef struct {
  GtkWindow         *window;
  VigieTerminalPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (!have_display)
    return;
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->page = VIGIE_TERMINAL_PAGE (vigie_terminal_page_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (fixture->window, 640, 400);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  vigie_test_spin (0.05);
}

static char *
terminal_text (VteTerminal *vte)
{
#if VTE_CHECK_VERSION (0, 76, 0)
  return vte_terminal_get_text_format (vte, VTE_FORMAT_TEXT);
#else
  return vte_terminal_get_text (vte, NULL, NULL, NULL);
#endif
}

typedef struct {
  VigieEchoConsole *console;
  VteTerminal      *vte;
  const char       *needle;
  guint             columns;
} Wait;

static gboolean
console_has_size (gpointer data)
{
  Wait *wait = data;

  return vigie_echo_console_get_columns (wait->console) > 0 &&
         vigie_echo_console_get_columns (wait->console) ==
           vte_terminal_get_column_count (wait->vte) &&
         vigie_echo_console_get_rows (wait->console) == vte_terminal_get_row_count (wait->vte);
}

static gboolean
console_received (gpointer data)
{
  Wait *wait = data;
  GByteArray *received = vigie_echo_console_get_received (wait->console);

  return received->len >= strlen (wait->needle) &&
         memmem (received->data, received->len, wait->needle, strlen (wait->needle)) != NULL;
}

static gboolean
terminal_shows (gpointer data)
{
  Wait *wait = data;
  g_autofree char *text = terminal_text (wait->vte);

  return text != NULL && strstr (text, wait->needle) != NULL;
}

static gboolean
console_columns_changed (gpointer data)
{
  Wait *wait = data;

  return vigie_echo_console_get_columns (wait->console) != wait->columns && console_has_size (data);
}

static void
test_console_bridge (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(VigieEchoConsole) console = NULL;
  g_autoptr(GError) error = NULL;
  VigieTerminal *terminal;
  Wait wait = { 0 };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  console = vigie_echo_console_new ();
  terminal = vigie_terminal_page_open_console (fixture->page, "echo", VIGIE_CONSOLE (console),
                                               &error);
  g_assert_no_error (error);
  g_assert_nonnull (terminal);
  g_assert_cmpuint (vigie_terminal_page_get_n_terminals (fixture->page), ==, 1);
  g_assert_cmpstr (vigie_terminal_get_title (terminal), ==, "echo");
  wait.console = console;
  wait.vte = vigie_terminal_get_vte (terminal);

  /* The first allocation tells the console how big the terminal is. */
  g_assert_true (vigie_test_wait_until (console_has_size, &wait, 5));

  /* Typing goes to the console as bytes, untouched by a line discipline. */
  vte_terminal_feed_child (wait.vte, "hello\r", 6);
  wait.needle = "hello\r";
  g_assert_true (vigie_test_wait_until (console_received, &wait, 5));

  /* What the console says shows in the terminal. */
  wait.needle = "ECHO[HELLO]";
  g_assert_true (vigie_test_wait_until (terminal_shows, &wait, 5));

  /* A bigger window is a bigger terminal, and the console hears of it. */
  wait.columns = vigie_echo_console_get_columns (console);
  gtk_window_set_default_size (fixture->window, 1000, 600);
  g_assert_true (vigie_test_wait_until (console_columns_changed, &wait, 5));
  g_assert_cmpuint (vigie_echo_console_get_columns (console), >, wait.columns);

  /* The end of the session is shown, with its exit status. */
  g_assert_false (vigie_terminal_get_ended (terminal));
  vigie_console_emit_closed (VIGIE_CONSOLE (console), 3, NULL);
  g_assert_true (vigie_terminal_get_ended (terminal));
  g_assert_cmpint (vigie_terminal_get_exit_status (terminal), ==, 3);
  g_assert_nonnull (strstr (vigie_terminal_get_message (terminal), "exit status 3"));
  g_assert_true (g_str_has_suffix (vigie_terminal_get_title (terminal), "(ended)"));
}

static gboolean
console_drained (gpointer data)
{
  Wait *wait = data;

  return !vigie_console_get_paused (VIGIE_CONSOLE (wait->console)) &&
         vigie_console_get_held (VIGIE_CONSOLE (wait->console)) == 0 &&
         terminal_shows (data);
}

/* A console that sends faster than VTE reads: what waits is bounded, the
 * console is paused (back-pressure), and everything shows in the end. */
static void
test_console_flood (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VigieEchoConsole) console = NULL;
  g_autofree guint8 *chunk = NULL;
  VigieTerminal *terminal;
  const gsize chunk_size = 64 * 1024;
  gsize max_pending = 0;
  Wait wait = { 0 };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  console = vigie_echo_console_new ();
  terminal = vigie_terminal_page_open_console (fixture->page, "flood", VIGIE_CONSOLE (console),
                                               NULL);
  g_assert_nonnull (terminal);
  wait.console = console;
  wait.vte = vigie_terminal_get_vte (terminal);

  /* 2.5 MiB with no main loop iteration: VTE reads nothing meanwhile. */
  chunk = g_malloc (chunk_size);
  for (gsize i = 0; i < chunk_size; i++)
    chunk[i] = (i + 1) % 64 == 0 ? '\n' : 'a' + i % 26;
  for (guint i = 0; i < 40; i++)
    {
      vigie_console_emit_output (VIGIE_CONSOLE (console), chunk, chunk_size);
      max_pending = MAX (max_pending, vigie_terminal_get_pending (terminal));
    }
  vigie_console_emit_output (VIGIE_CONSOLE (console), (const guint8 *) "\r\nFLOOD-END\r\n", 13);
  g_test_message ("most pending: %" G_GSIZE_FORMAT ", held: %" G_GSIZE_FORMAT, max_pending,
                  vigie_console_get_held (VIGIE_CONSOLE (console)));
  g_assert_cmpuint (max_pending, <=, 1024 * 1024 + chunk_size);
  g_assert_true (vigie_console_get_paused (VIGIE_CONSOLE (console)));
  g_assert_cmpuint (vigie_console_get_held (VIGIE_CONSOLE (console)), >, 0);

  /* VTE catches up; the console resumes and all of it gets through. */
  wait.needle = "FLOOD-END";
  g_assert_true (vigie_test_wait_until (console_drained, &wait, 120));
  g_assert_cmpuint (vigie_terminal_get_pending (terminal), ==, 0);
}

typedef struct {
  gsize     received;
  GString  *tail;
} Reader;

static void
on_output (VigieConsole *console,
           GBytes       *bytes,
           Reader       *reader)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  reader->received += length;
  g_string_append_len (reader->tail, data, length);
  if (reader->tail->len > 4096)
    g_string_erase (reader->tail, 0, reader->tail->len - 4096);
}

static gboolean
reader_told (gpointer data)
{
  return strstr (((Reader *) data)->tail->str, "of output skipped") != NULL;
}

/* Past what a paused console may hold, output is skipped, and the reader
 * is told so in the stream, after what was held. No terminal: the reader
 * is this test. */
static void
test_console_skips (void)
{
  g_autoptr(VigieEchoConsole) console = vigie_echo_console_new ();
  g_autofree guint8 *chunk = g_malloc (1024 * 1024);
  Reader reader = { 0, g_string_new (NULL) };

  memset (chunk, 'x', 1024 * 1024);
  g_signal_connect (console, "output", G_CALLBACK (on_output), &reader);
  vigie_console_set_paused (VIGIE_CONSOLE (console), TRUE);
  for (guint i = 0; i < 10; i++)
    vigie_console_emit_output (VIGIE_CONSOLE (console), chunk, 1024 * 1024);
  g_assert_cmpuint (reader.received, ==, 0);
  g_assert_cmpuint (vigie_console_get_held (VIGIE_CONSOLE (console)), ==, VIGIE_CONSOLE_MAX_HELD);

  /* Resuming does not emit from the call itself, but from the main loop. */
  vigie_console_set_paused (VIGIE_CONSOLE (console), FALSE);
  g_assert_cmpuint (reader.received, ==, 0);
  g_assert_true (vigie_test_wait_until (reader_told, &reader, 30));
  g_assert_cmpuint (vigie_console_get_held (VIGIE_CONSOLE (console)), ==, 0);
  g_assert_cmpuint (reader.received, >, VIGIE_CONSOLE_MAX_HELD);
  g_assert_nonnull (strstr (reader.tail->str, "xxxx\r\n["));
  g_test_message ("%s", reader.tail->str + reader.tail->len - 80);
  g_string_free (reader.tail, TRUE);
}

static void
test_console_close_tab (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(VigieEchoConsole) console = NULL;
  VigieTerminal *terminal;
  AdwTabView *view;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  console = vigie_echo_console_new ();
  terminal = vigie_terminal_page_open_console (fixture->page, "echo", VIGIE_CONSOLE (console),
                                               NULL);
  g_assert_nonnull (terminal);
  view = ADW_TAB_VIEW (vigie_test_find_widget (GTK_WIDGET (fixture->page), vigie_test_match_type,
                                               GSIZE_TO_POINTER (ADW_TYPE_TAB_VIEW)));
  g_assert_nonnull (view);
  /* Ctrl+Shift+W, the page's capture-phase shortcut, closes the selected tab. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->page));
    gboolean activated = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !activated; i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
            gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
          continue;
        for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
            g_autofree char *trigger = gtk_shortcut_trigger_to_string (
                                         gtk_shortcut_get_trigger (shortcut));

            if (g_str_equal (trigger, "<Shift><Control>w"))
              activated = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                        GTK_WIDGET (fixture->page), NULL);
          }
      }
    g_assert_true (activated);
  }
  vigie_test_spin (0.1);
  /* Closing the tab ends the remote session. */
  g_assert_cmpuint (vigie_terminal_page_get_n_terminals (fixture->page), ==, 0);
  g_assert_true (vigie_echo_console_get_close_called (console));
}

static gboolean
terminal_ended (gpointer data)
{
  return vigie_terminal_get_ended (data);
}

static void
test_command_exit_status (Fixture       *fixture,
                          gconstpointer  data)
{
  const char * const argv[] = { "sh", "-c", "echo started; exit 7", NULL };
  VigieTerminal *terminal;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  terminal = vigie_terminal_page_open_command (fixture->page, "sh", argv);
  g_assert_true (vigie_test_wait_until (terminal_ended, terminal, 10));
  g_assert_cmpint (vigie_terminal_get_exit_status (terminal), ==, 7);
  g_assert_nonnull (strstr (vigie_terminal_get_message (terminal), "exit status 7"));
}

static void
test_command_missing (Fixture       *fixture,
                      gconstpointer  data)
{
  const char * const argv[] = { "vigie-no-such-program", NULL };
  VigieTerminal *terminal;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  terminal = vigie_terminal_page_open_command (fixture->page, "missing", argv);
  g_assert_true (vigie_test_wait_until (terminal_ended, terminal, 10));
  g_assert_nonnull (vigie_terminal_get_message (terminal));
}

/* VTE emits child-exited while it is disposed (toolchain notes, G7). */
static void
test_dispose_running_child (Fixture       *fixture,
                            gconstpointer  data)
{
  const char * const argv[] = { "sleep", "30", NULL };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  vigie_terminal_page_open_command (fixture->page, "sleep", argv);
  vigie_test_spin (0.3);
  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  vigie_test_spin (0.1);
}

int
main (int   argc,
      char *argv[])
{
  /* The notice is looked for in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();

  g_test_add ("/vigie/terminal/console-bridge", Fixture, NULL,
              fixture_set_up, test_console_bridge, fixture_tear_down);
  g_test_add ("/vigie/terminal/console-flood", Fixture, NULL,
              fixture_set_up, test_console_flood, fixture_tear_down);
  g_test_add_func ("/vigie/terminal/console-skips", test_console_skips);
  g_test_add ("/vigie/terminal/console-close-tab", Fixture, NULL,
              fixture_set_up, test_console_close_tab, fixture_tear_down);
  g_test_add ("/vigie/terminal/command-exit-status", Fixture, NULL,
              fixture_set_up, test_command_exit_status, fixture_tear_down);
  g_test_add ("/vigie/terminal/command-missing", Fixture, NULL,
              fixture_set_up, test_command_missing, fixture_tear_down);
  g_test_add ("/vigie/terminal/dispose-running-child", Fixture, NULL,
              fixture_set_up, test_dispose_running_child, fixture_tear_down);
  return g_test_run ();
}
