/* vigie-lab-proxmox-shell.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo Proxmox VE cluster's node shell: the websocket a termproxy
 * ticket opens, answering as an echo terminal.
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <string.h>

#include "vigie-lab-proxmox-private.h"

/* The node shell: an echo terminal. */

typedef struct {
  gboolean  authenticated;
  GString  *line;
} Shell;

static void
shell_free (Shell *shell)
{
  g_string_free (shell->line, TRUE);
  g_free (shell);
}

static void
shell_send (SoupWebsocketConnection *conn,
            const char              *text)
{
  soup_websocket_connection_send_binary (conn, text, strlen (text));
}

static void
on_shell_message (SoupWebsocketConnection *conn,
                  gint                     type,
                  GBytes                  *message,
                  Shell                   *shell)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (message, &length);
  g_autofree char *text = g_strndup (data, length);
  char *colon;

  if (!shell->authenticated)
    {
      if (!g_str_has_prefix (text, USER ":PVEVNC:") || !g_str_has_suffix (text, "\n"))
        {
          soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                           "bad ticket");
          return;
        }
      shell->authenticated = TRUE;
      shell_send (conn, "OK");
      shell_send (conn, "Welcome to the Vigie demo lab (an echo shell).\r\nroot@pve:~# ");
      return;
    }
  if (text[0] != '0' || text[1] != ':')
    return;  /* resize "1:C:R:" and ping "2" */
  colon = strchr (text + 2, ':');
  if (colon == NULL)
    return;
  for (const char *p = colon + 1; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_autofree char *out = NULL;

          if (g_str_equal (shell->line->str, "exit"))
            {
              soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
              return;
            }
          out = shell->line->len > 0
                  ? g_strdup_printf ("\r\n%s\r\nroot@pve:~# ", shell->line->str)
                  : g_strdup ("\r\nroot@pve:~# ");
          shell_send (conn, out);
          g_string_truncate (shell->line, 0);
        }
      else
        {
          char echo[2] = { *p, '\0' };

          g_string_append_c (shell->line, *p);
          shell_send (conn, echo);
        }
    }
}

void
lab_pve_shell_handler (SoupServer              *server,
                       SoupServerMessage       *msg,
                       const char              *path,
                       SoupWebsocketConnection *conn,
                       gpointer                 user_data)
{
  Shell *shell = g_new0 (Shell, 1);

  shell->line = g_string_new (NULL);
  g_object_set_data_full (G_OBJECT (conn), "shell", shell, (GDestroyNotify) shell_free);
  g_signal_connect (conn, "message", G_CALLBACK (on_shell_message), shell);
  /* The connection lives until it closes. */
  g_signal_connect (conn, "closed", G_CALLBACK (g_object_unref), NULL);
  g_object_ref (conn);
}
