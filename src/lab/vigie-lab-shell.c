/* vigie-lab-shell.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <string.h>

#include "vigie-lab-shell.h"

#define MAX_LINE 1024

typedef enum {
  INPUT_TEXT,
  INPUT_ESCAPE,     /* after ESC */
  INPUT_SEQUENCE,   /* after ESC [ or ESC O, until the final byte */
} InputState;

struct _LabShell
{
  char       *host;
  char       *system;
  GString    *line;
  InputState  input;
  gboolean    after_cr;   /* a "\r\n" pair is one Enter */
  gint64      started;    /* monotonic, for uptime */
};

LabShell *
lab_shell_new (const char *host,
               const char *system)
{
  LabShell *shell = g_new0 (LabShell, 1);

  shell->host = g_strdup (host);
  shell->system = g_strdup (system);
  shell->line = g_string_new (NULL);
  shell->started = g_get_monotonic_time ();
  return shell;
}

void
lab_shell_free (LabShell *shell)
{
  if (shell == NULL)
    return;
  g_free (shell->host);
  g_free (shell->system);
  g_string_free (shell->line, TRUE);
  g_free (shell);
}

static void
prompt (LabShell *shell,
        GString  *out)
{
  g_string_append_printf (out, "root@%s:~# ", shell->host);
}

char *
lab_shell_start (LabShell *shell)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s — Vigie demo lab\r\n"
                          "This is a make-believe shell: type “help” to see what it knows.\r\n\r\n",
                          shell->system);
  prompt (shell, out);
  return g_string_free (out, FALSE);
}

static void
say (GString    *out,
     const char *text)
{
  /* Lines end with CR LF on a terminal. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append_c (out, '\r');
      g_string_append_c (out, *p);
    }
}

static void
run_command (LabShell   *shell,
             const char *line,
             GString    *out)
{
  g_auto(GStrv) argv = NULL;
  const char *cmd;

  if (!g_shell_parse_argv (line, NULL, &argv, NULL))
    {
      /* Empty, or an unterminated quote. */
      if (strspn (line, " \t") != strlen (line))
        say (out, "-bash: syntax error: unexpected end of file\n");
      return;
    }
  cmd = argv[0];
  if (g_str_equal (cmd, "help"))
    say (out, "Commands: cat /etc/os-release, clear, date, df -h, echo, exit, free -h, "
              "help, hostname, id, ls, pwd, uname -a, uptime, whoami\n");
  else if (g_str_equal (cmd, "hostname"))
    g_string_append_printf (out, "%s\r\n", shell->host);
  else if (g_str_equal (cmd, "whoami"))
    say (out, "root\n");
  else if (g_str_equal (cmd, "id"))
    say (out, "uid=0(root) gid=0(root) groups=0(root)\n");
  else if (g_str_equal (cmd, "pwd"))
    say (out, "/root\n");
  else if (g_str_equal (cmd, "ls"))
    say (out, "notes.txt  scripts\n");
  else if (g_str_equal (cmd, "echo"))
    {
      g_autofree char *text = g_strjoinv (" ", argv + 1);

      g_string_append_printf (out, "%s\r\n", text);
    }
  else if (g_str_equal (cmd, "date"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *text = g_date_time_format (now, "%a %b %e %H:%M:%S UTC %Y");

      g_string_append_printf (out, "%s\r\n", text);
    }
  else if (g_str_equal (cmd, "uptime"))
    {
      gint64 minutes = (g_get_monotonic_time () - shell->started) / G_USEC_PER_SEC / 60;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *clock = g_date_time_format (now, "%H:%M:%S");

      g_string_append_printf (out, " %s up %" G_GINT64_FORMAT " min,  1 user,  "
                              "load average: 0.08, 0.03, 0.01\r\n", clock, minutes);
    }
  else if (g_str_equal (cmd, "uname"))
    g_string_append_printf (out, "%s\r\n", argv[1] != NULL && g_str_equal (argv[1], "-a")
                            ? "Linux lab 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian "
                              "6.1.119-1 x86_64 GNU/Linux"
                            : "Linux");
  else if (g_str_equal (cmd, "cat") && argv[1] != NULL &&
           g_str_equal (argv[1], "/etc/os-release"))
    g_string_append_printf (out, "PRETTY_NAME=\"%s\"\r\n", shell->system);
  else if (g_str_equal (cmd, "cat") && argv[1] != NULL && g_str_equal (argv[1], "notes.txt"))
    say (out, "This machine belongs to the Vigie demo lab. Nothing here is real.\n");
  else if (g_str_equal (cmd, "free"))
    say (out, "               total        used        free      shared  buff/cache   available\n"
              "Mem:           2.0Gi       312Mi       1.4Gi       1.0Mi       290Mi       1.6Gi\n"
              "Swap:             0B          0B          0B\n");
  else if (g_str_equal (cmd, "df"))
    say (out, "Filesystem      Size  Used Avail Use% Mounted on\n"
              "/dev/sda1        20G  3.1G   16G  17% /\n");
  else if (g_str_equal (cmd, "clear"))
    g_string_append (out, "\033[H\033[2J");
  else
    g_string_append_printf (out, "-bash: %s: command not found\r\n", cmd);
}

/* Removes the last character (UTF-8) of the line and from the screen. */
static void
erase_one (LabShell *shell,
           GString  *out)
{
  const char *start = shell->line->str;
  const char *last;

  if (shell->line->len == 0)
    return;
  last = g_utf8_find_prev_char (start, start + shell->line->len);
  g_string_truncate (shell->line, last ? (gsize) (last - start) : 0);
  g_string_append (out, "\b \b");
}

gboolean
lab_shell_feed (LabShell   *shell,
                const char *data,
                gsize       length,
                GString    *out)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];
      gboolean after_cr = shell->after_cr;

      shell->after_cr = FALSE;
      if (shell->input == INPUT_ESCAPE)
        {
          shell->input = (c == '[' || c == 'O') ? INPUT_SEQUENCE : INPUT_TEXT;
          continue;
        }
      if (shell->input == INPUT_SEQUENCE)
        {
          /* Arrows, Home, Delete…: not supported, swallowed whole. */
          if (c >= 0x40 && c <= 0x7e)
            shell->input = INPUT_TEXT;
          continue;
        }
      switch (c)
        {
        case '\033':
          shell->input = INPUT_ESCAPE;
          break;
        case '\n':
          if (after_cr)
            break;
          G_GNUC_FALLTHROUGH;
        case '\r':
          {
            g_autofree char *line = g_strstrip (g_strdup (shell->line->str));

            shell->after_cr = (c == '\r');
            g_string_truncate (shell->line, 0);
            g_string_append (out, "\r\n");
            if (g_str_equal (line, "exit") || g_str_equal (line, "logout") ||
                g_str_has_prefix (line, "exit "))
              {
                say (out, "logout\n");
                return TRUE;
              }
            run_command (shell, line, out);
            prompt (shell, out);
          }
          break;
        case 0x7f:
        case '\b':
          erase_one (shell, out);
          break;
        case 0x15:  /* Ctrl+U */
          while (shell->line->len > 0)
            erase_one (shell, out);
          break;
        case 0x03:  /* Ctrl+C */
          g_string_truncate (shell->line, 0);
          g_string_append (out, "^C\r\n");
          prompt (shell, out);
          break;
        case 0x04:  /* Ctrl+D */
          if (shell->line->len == 0)
            {
              say (out, "logout\n");
              return TRUE;
            }
          break;
        case 0x0c:  /* Ctrl+L */
          g_string_append (out, "\033[H\033[2J");
          prompt (shell, out);
          g_string_append_len (out, shell->line->str, shell->line->len);
          break;
        default:
          if ((c >= 0x20 || c == '\t') && shell->line->len < MAX_LINE)
            {
              if (c == '\t')
                c = ' ';
              g_string_append_c (shell->line, c);
              g_string_append_c (out, c);
            }
          break;
        }
    }
  return FALSE;
}
