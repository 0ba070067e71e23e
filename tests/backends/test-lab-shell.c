/* test-lab-shell.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo lab's make-believe shell: echo, a prompt with the machine's
 * name, commands with output, line editing, keys it does not know
 * swallowed, input split anywhere, and the ways out.
 */

#include "config.h"

#include <string.h>

#include "vigie-lab-shell.h"

/* Feeds @typed one byte at a time (as a slow terminal would) and returns
 * everything the shell said. */
static char *
type_slowly (LabShell   *shell,
             const char *typed,
             gboolean   *done)
{
  GString *out = g_string_new (NULL);

  *done = FALSE;
  for (gsize i = 0; typed[i] != '\0' && !*done; i++)
    *done = lab_shell_feed (shell, typed + i, 1, out);
  return g_string_free (out, FALSE);
}

static char *
type (LabShell   *shell,
      const char *typed,
      gboolean   *done)
{
  GString *out = g_string_new (NULL);

  *done = lab_shell_feed (shell, typed, strlen (typed), out);
  return g_string_free (out, FALSE);
}

static void
test_prompt_and_commands (void)
{
  g_autoptr(LabShell) shell = lab_shell_new ("web-01", "Debian 12");
  g_autofree char *welcome = lab_shell_start (shell);
  g_autofree char *out = NULL;
  gboolean done;

  g_assert_true (g_str_has_suffix (welcome, "root@web-01:~# "));
  g_assert_nonnull (strstr (welcome, "Debian 12"));

  out = type (shell, "hostname\r", &done);
  g_assert_false (done);
  /* The echo, then the answer, then a new prompt. */
  g_assert_cmpstr (out, ==, "hostname\r\nweb-01\r\nroot@web-01:~# ");
  g_clear_pointer (&out, g_free);

  out = type (shell, "echo 'hello   world' again\r", &done);
  g_assert_nonnull (strstr (out, "\r\nhello   world again\r\n"));
  g_clear_pointer (&out, g_free);

  out = type (shell, "cat /etc/os-release\r", &done);
  g_assert_nonnull (strstr (out, "PRETTY_NAME=\"Debian 12\""));
  g_clear_pointer (&out, g_free);

  out = type (shell, "help\r", &done);
  g_assert_nonnull (strstr (out, "uname -a"));
  g_clear_pointer (&out, g_free);

  out = type (shell, "rm -rf /\r", &done);
  g_assert_nonnull (strstr (out, "-bash: rm: command not found\r\n"));
  g_clear_pointer (&out, g_free);

  /* An empty line is just a new prompt; so is an unterminated quote's error. */
  out = type (shell, "\r", &done);
  g_assert_cmpstr (out, ==, "\r\nroot@web-01:~# ");
  g_clear_pointer (&out, g_free);
  out = type (shell, "echo 'oops\r", &done);
  g_assert_nonnull (strstr (out, "syntax error"));
}

static void
test_line_editing (void)
{
  g_autoptr(LabShell) shell = lab_shell_new ("pve", "Debian");
  g_autofree char *out = NULL;
  gboolean done;

  /* Backspace (DEL) removes one character, from the line and the screen. */
  out = type_slowly (shell, "whoamx\177i\r", &done);
  g_assert_nonnull (strstr (out, "\b \b"));
  g_assert_nonnull (strstr (out, "\r\nroot\r\n"));
  g_clear_pointer (&out, g_free);

  /* Ctrl+U clears the line; Ctrl+C abandons it. */
  out = type (shell, "garbage\025pwd\r", &done);
  g_assert_nonnull (strstr (out, "\r\n/root\r\n"));
  g_clear_pointer (&out, g_free);
  out = type (shell, "half\003", &done);
  g_assert_true (g_str_has_suffix (out, "^C\r\nroot@pve:~# "));
  g_clear_pointer (&out, g_free);
  out = type (shell, "id\r", &done);
  g_assert_nonnull (strstr (out, "uid=0(root)"));
  g_clear_pointer (&out, g_free);

  /* Arrow keys are swallowed whole, even split across reads. */
  out = type_slowly (shell, "\033[Ah\033OBostname\r", &done);
  g_assert_nonnull (strstr (out, "\r\npve\r\n"));
  g_assert_null (strstr (out, "[A"));
  g_clear_pointer (&out, g_free);

  /* CR LF is one Enter; a lone LF works too (a pipe, a test). */
  out = type (shell, "pwd\r\n", &done);
  g_assert_cmpstr (out, ==, "pwd\r\n/root\r\nroot@pve:~# ");
  g_clear_pointer (&out, g_free);
  out = type (shell, "pwd\n", &done);
  g_assert_cmpstr (out, ==, "pwd\r\n/root\r\nroot@pve:~# ");
  g_clear_pointer (&out, g_free);

  /* Ctrl+D on a line with text does nothing. */
  out = type (shell, "x\004", &done);
  g_assert_false (done);
  g_assert_cmpstr (out, ==, "x");
}

static void
test_ways_out (void)
{
  const char *exits[] = { "exit\r", "logout\r", "exit 3\r", "\004", "  exit  \n" };

  for (guint i = 0; i < G_N_ELEMENTS (exits); i++)
    {
      g_autoptr(LabShell) shell = lab_shell_new ("c1", "Alpine");
      g_autofree char *out = NULL;
      gboolean done;

      out = type (shell, exits[i], &done);
      g_assert_true (done);
      g_assert_true (g_str_has_suffix (out, "logout\r\n"));
    }
}

static void
test_long_line_bounded (void)
{
  g_autoptr(LabShell) shell = lab_shell_new ("c1", "Alpine");
  g_autofree char *line = g_strnfill (100000, 'a');
  g_autofree char *out = NULL;
  gboolean done;

  out = type (shell, line, &done);
  g_assert_false (done);
  g_assert_cmpuint (strlen (out), <=, 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lab-shell/prompt-and-commands", test_prompt_and_commands);
  g_test_add_func ("/lab-shell/line-editing", test_line_editing);
  g_test_add_func ("/lab-shell/ways-out", test_ways_out);
  g_test_add_func ("/lab-shell/long-line-bounded", test_long_line_bounded);
  return g_test_run ();
}
