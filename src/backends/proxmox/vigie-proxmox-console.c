/* vigie-proxmox-console.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The termproxy protocol, as pve-xtermjs speaks it: the first frame is
 * "user@realm:ticket\n" and the server's first reply starts with "OK";
 * after that, output is raw terminal bytes, and input goes as
 * "0:BYTELENGTH:DATA", window sizes as "1:COLS:ROWS:", keep-alives as "2".
 */

#define G_LOG_DOMAIN "vigie-proxmox"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "vigie-proxmox-console.h"

#define DEFAULT_PING_INTERVAL 30

struct _VigieProxmoxConsole
{
  VigieConsole             parent_instance;

  SoupWebsocketConnection *connection;
  guint                    ping_id;
  gboolean                 authenticated;
  char                    *error;
};

G_DEFINE_FINAL_TYPE (VigieProxmoxConsole, vigie_proxmox_console, VIGIE_TYPE_CONSOLE)

static void
send_frame (VigieProxmoxConsole *self,
            const guint8        *data,
            gsize                length)
{
  if (self->connection == NULL ||
      soup_websocket_connection_get_state (self->connection) != SOUP_WEBSOCKET_STATE_OPEN)
    return;
  soup_websocket_connection_send_binary (self->connection, data, length);
}

static gboolean
on_ping (gpointer user_data)
{
  VigieProxmoxConsole *self = user_data;

  send_frame (self, (const guint8 *) "2", 1);
  return G_SOURCE_CONTINUE;
}

static void
on_message (SoupWebsocketConnection *connection,
            gint                     type,
            GBytes                  *message,
            VigieProxmoxConsole     *self)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (message, &length);

  if (!self->authenticated)
    {
      if (length < 2 || data[0] != 'O' || data[1] != 'K')
        {
          g_free (self->error);
          self->error = g_strdup (_("The node refused the terminal ticket"));
          soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                           NULL);
          return;
        }
      self->authenticated = TRUE;
      data += 2;
      length -= 2;
    }
  vigie_console_emit_output (VIGIE_CONSOLE (self), data, length);
}

static void
on_closed (SoupWebsocketConnection *connection,
           VigieProxmoxConsole     *self)
{
  g_autoptr(VigieProxmoxConsole) hold = g_object_ref (self);
  const char *reason = soup_websocket_connection_get_close_data (connection);

  g_clear_handle_id (&self->ping_id, g_source_remove);
  vigie_console_emit_closed (VIGIE_CONSOLE (self), -1,
                             self->error != NULL ? self->error
                                                 : (reason != NULL && *reason != '\0' ? reason
                                                                                      : NULL));
}

static void
on_error (SoupWebsocketConnection *connection,
          GError                  *error,
          VigieProxmoxConsole     *self)
{
  g_debug ("terminal websocket: %s", error->message);
  if (self->error == NULL)
    self->error = g_strdup (error->message);
}

static void
vigie_proxmox_console_write (VigieConsole *console,
                             const guint8 *data,
                             gsize         length)
{
  VigieProxmoxConsole *self = VIGIE_PROXMOX_CONSOLE (console);
  g_autoptr(GByteArray) frame = NULL;
  g_autofree char *header = NULL;

  if (length == 0)
    return;
  header = g_strdup_printf ("0:%" G_GSIZE_FORMAT ":", length);
  frame = g_byte_array_sized_new (strlen (header) + length);
  g_byte_array_append (frame, (const guint8 *) header, strlen (header));
  g_byte_array_append (frame, data, length);
  send_frame (self, frame->data, frame->len);
}

static void
vigie_proxmox_console_resize (VigieConsole *console,
                              guint         columns,
                              guint         rows)
{
  VigieProxmoxConsole *self = VIGIE_PROXMOX_CONSOLE (console);
  g_autofree char *frame = g_strdup_printf ("1:%u:%u:", columns, rows);

  send_frame (self, (const guint8 *) frame, strlen (frame));
}

static void
vigie_proxmox_console_close (VigieConsole *console)
{
  VigieProxmoxConsole *self = VIGIE_PROXMOX_CONSOLE (console);

  g_clear_handle_id (&self->ping_id, g_source_remove);
  if (self->connection != NULL &&
      soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  else
    vigie_console_emit_closed (console, -1, NULL);
}

static void
vigie_proxmox_console_dispose (GObject *object)
{
  VigieProxmoxConsole *self = (VigieProxmoxConsole *) object;

  g_clear_handle_id (&self->ping_id, g_source_remove);
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_clear_object (&self->connection);
    }

  G_OBJECT_CLASS (vigie_proxmox_console_parent_class)->dispose (object);
}

static void
vigie_proxmox_console_finalize (GObject *object)
{
  VigieProxmoxConsole *self = (VigieProxmoxConsole *) object;

  g_free (self->error);

  G_OBJECT_CLASS (vigie_proxmox_console_parent_class)->finalize (object);
}

static void
vigie_proxmox_console_class_init (VigieProxmoxConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VigieConsoleClass *console_class = VIGIE_CONSOLE_CLASS (klass);

  object_class->dispose = vigie_proxmox_console_dispose;
  object_class->finalize = vigie_proxmox_console_finalize;
  console_class->write = vigie_proxmox_console_write;
  console_class->resize = vigie_proxmox_console_resize;
  console_class->close = vigie_proxmox_console_close;
}

static void
vigie_proxmox_console_init (VigieProxmoxConsole *self)
{
}

VigieConsole *
vigie_proxmox_console_new (SoupWebsocketConnection *connection,
                           const char              *user,
                           const char              *ticket,
                           guint                    ping_interval)
{
  VigieProxmoxConsole *self;
  g_autofree char *hello = NULL;

  g_return_val_if_fail (SOUP_IS_WEBSOCKET_CONNECTION (connection), NULL);
  g_return_val_if_fail (user != NULL && ticket != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_PROXMOX_CONSOLE, NULL);
  self->connection = g_object_ref (connection);
  /* Terminal output can be large; libsoup's default cap is 128 KiB per message. */
  soup_websocket_connection_set_max_incoming_payload_size (connection, 16 * 1024 * 1024);
  g_signal_connect (connection, "message", G_CALLBACK (on_message), self);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), self);
  g_signal_connect (connection, "error", G_CALLBACK (on_error), self);

  hello = g_strdup_printf ("%s:%s\n", user, ticket);
  send_frame (self, (const guint8 *) hello, strlen (hello));
  explicit_bzero (hello, strlen (hello));
  self->ping_id = g_timeout_add_seconds (ping_interval ? ping_interval : DEFAULT_PING_INTERVAL,
                                         on_ping, self);
  return VIGIE_CONSOLE (self);
}
