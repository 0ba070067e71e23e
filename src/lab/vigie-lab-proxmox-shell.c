/* vigie-lab-proxmox-shell.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo Proxmox VE cluster's node shell: the websocket a termproxy
 * ticket opens.
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <string.h>

#include "vigie-lab-proxmox-private.h"
#include "vigie-lab-shell.h"

/* The node shell: the lab's shell (vigie-lab-shell.c) behind termproxy's
 * framing ("0:LENGTH:DATA" for input, "1:COLS:ROWS:" to resize, "2" to
 * ping). */

typedef struct {
  gboolean  authenticated;
  LabShell *shell;
} Shell;

static void
shell_free (Shell *shell)
{
  lab_shell_free (shell->shell);
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
  g_autoptr(GString) out = g_string_new (NULL);
  char *colon;

  if (!shell->authenticated)
    {
      g_autofree char *welcome = NULL;

      if (!g_str_has_prefix (text, USER ":PVEVNC:") || !g_str_has_suffix (text, "\n"))
        {
          soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                           "bad ticket");
          return;
        }
      shell->authenticated = TRUE;
      shell_send (conn, "OK");
      welcome = lab_shell_start (shell->shell);
      shell_send (conn, welcome);
      return;
    }
  if (text[0] != '0' || text[1] != ':')
    return;  /* resize "1:C:R:" and ping "2" */
  colon = strchr (text + 2, ':');
  if (colon == NULL)
    return;
  if (lab_shell_feed (shell->shell, colon + 1, strlen (colon + 1), out))
    {
      shell_send (conn, out->str);
      soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      return;
    }
  if (out->len > 0)
    shell_send (conn, out->str);
}

/* The node's name from ".../nodes/NODE/vncwebsocket". */
static char *
node_of (const char *path)
{
  const char *start = strstr (path, "/nodes/");
  const char *end;

  if (start == NULL)
    return g_strdup ("pve");
  start += strlen ("/nodes/");
  end = strchr (start, '/');
  return end != NULL && end > start ? g_strndup (start, end - start) : g_strdup ("pve");
}

void
lab_pve_shell_handler (SoupServer              *server,
                       SoupServerMessage       *msg,
                       const char              *path,
                       SoupWebsocketConnection *conn,
                       gpointer                 user_data)
{
  Shell *shell = g_new0 (Shell, 1);
  g_autofree char *node = node_of (path);

  shell->shell = lab_shell_new (node, "Debian GNU/Linux 12 (bookworm), Proxmox VE");
  g_object_set_data_full (G_OBJECT (conn), "shell", shell, (GDestroyNotify) shell_free);
  g_signal_connect (conn, "message", G_CALLBACK (on_shell_message), shell);
  /* The connection lives until it closes. */
  g_signal_connect (conn, "closed", G_CALLBACK (g_object_unref), NULL);
  g_object_ref (conn);
}
