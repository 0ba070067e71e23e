/* vigie-incus-console.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exec protocol (doc/rest-api.yaml, "instance exec"): the reply is an
 * operation of class websocket whose metadata.fds holds one secret per
 * socket. Interactive mode has two: "0" carries PTY bytes both ways in
 * binary frames, "control" takes JSON commands such as window-resize
 * (sizes as strings: the server runs Atoi on them). The command starts
 * once both are connected; its exit code is the operation's
 * metadata.return.
 */

#define G_LOG_DOMAIN "vigie-incus"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-incus-console.h"
#include "vigie-incus-private.h"

struct _VigieIncusConsole
{
  VigieConsole             parent_instance;

  VigieBackend            *backend;
  char                    *operation;
  SoupWebsocketConnection *data;
  SoupWebsocketConnection *control;
  gboolean                 finishing;
  gboolean                 ready;
  gboolean                 done;
  guint                    grace_id;
  GByteArray              *early;    /* output before the caller could listen */
};

G_DEFINE_FINAL_TYPE (VigieIncusConsole, vigie_incus_console, VIGIE_TYPE_CONSOLE)

static void
vigie_incus_console_write (VigieConsole *console,
                           const guint8 *bytes,
                           gsize         length)
{
  VigieIncusConsole *self = VIGIE_INCUS_CONSOLE (console);

  if (self->data != NULL &&
      soup_websocket_connection_get_state (self->data) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_binary (self->data, bytes, length);
}

static char *
resize_message (guint columns,
                guint rows)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *width = g_strdup_printf ("%u", columns);
  g_autofree char *height = g_strdup_printf ("%u", rows);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "command");
  json_builder_add_string_value (builder, "window-resize");
  json_builder_set_member_name (builder, "args");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "width");
  json_builder_add_string_value (builder, width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_string_value (builder, height);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return vigie_incus_json_to_string (builder);
}

static void
vigie_incus_console_resize (VigieConsole *console,
                            guint         columns,
                            guint         rows)
{
  VigieIncusConsole *self = VIGIE_INCUS_CONSOLE (console);
  g_autofree char *message = NULL;

  if (self->control == NULL ||
      soup_websocket_connection_get_state (self->control) != SOUP_WEBSOCKET_STATE_OPEN)
    return;
  message = resize_message (columns, rows);
  soup_websocket_connection_send_text (self->control, message);
}

static void
close_socket (SoupWebsocketConnection *conn)
{
  if (conn != NULL && soup_websocket_connection_get_state (conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
}

static void
vigie_incus_console_close (VigieConsole *console)
{
  VigieIncusConsole *self = VIGIE_INCUS_CONSOLE (console);

  /* Closing the data socket hangs up the PTY; "closed" follows. */
  close_socket (self->data);
  close_socket (self->control);
}

static gboolean flush_early (gpointer user_data);

static void
final_wait_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VigieIncusConsole) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieIncusOperation) op = NULL;

  op = vigie_incus_wait_operation_finish (VIGIE_BACKEND (object), result, &error);
  flush_early (self);
  self->done = TRUE;
  close_socket (self->data);
  close_socket (self->control);
  if (op == NULL)
    vigie_console_emit_closed (VIGIE_CONSOLE (self), -1, error->message);
  else
    vigie_console_emit_closed (VIGIE_CONSOLE (self), op->return_code, NULL);
}

static void finish (VigieIncusConsole *self);

static void
on_data_message (SoupWebsocketConnection *conn,
                 int                      type,
                 GBytes                  *message,
                 gpointer                 user_data)
{
  VigieIncusConsole *self = user_data;
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (message, &size);

  if (self->done)
    return;
  if (size == 0)
    finish (self);
  else if (!self->ready)
    g_byte_array_append (self->early, bytes, size);
  else
    vigie_console_emit_output (VIGIE_CONSOLE (self), bytes, size);
}

/* The session ends when the server closes the data socket, or (LXD) sends
 * an empty message on it after the command's last output. LXD ends the
 * operation only once the client has closed the data socket in turn. */
static void
finish (VigieIncusConsole *self)
{
  if (self->finishing)
    return;
  self->finishing = TRUE;
  g_clear_handle_id (&self->grace_id, g_source_remove);
  close_socket (self->data);
  vigie_incus_wait_operation_async (self->backend, self->operation, 15, NULL, final_wait_cb,
                                    g_object_ref (self));
}

static void
on_data_closed (SoupWebsocketConnection *conn,
                gpointer                 user_data)
{
  finish (user_data);
}

static gboolean
on_grace_over (gpointer user_data)
{
  VigieIncusConsole *self = user_data;

  self->grace_id = 0;
  finish (self);
  return G_SOURCE_REMOVE;
}

/* The server closes the control socket as the command exits, often just
 * before the data socket delivers its last bytes: give those a moment. LXD
 * then ends the data socket itself (an empty message), so the wait is only
 * a bound for servers that do not; on a loaded machine the last bytes came
 * more than a second after the control socket closed, and were lost. */
#define DATA_GRACE_MS 5000

static void
on_control_closed (SoupWebsocketConnection *conn,
                   gpointer                 user_data)
{
  VigieIncusConsole *self = user_data;

  if (self->finishing || self->grace_id != 0)
    return;
  self->grace_id = g_timeout_add_full (G_PRIORITY_DEFAULT, DATA_GRACE_MS, on_grace_over,
                                       g_object_ref (self), g_object_unref);
}

static void
vigie_incus_console_dispose (GObject *object)
{
  VigieIncusConsole *self = VIGIE_INCUS_CONSOLE (object);

  if (self->data != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->data, self);
      close_socket (self->data);
    }
  if (self->control != NULL)
    g_signal_handlers_disconnect_by_data (self->control, self);
  g_clear_handle_id (&self->grace_id, g_source_remove);
  close_socket (self->control);
  g_clear_object (&self->data);
  g_clear_object (&self->control);
  g_clear_object (&self->backend);
  G_OBJECT_CLASS (vigie_incus_console_parent_class)->dispose (object);
}

static void
vigie_incus_console_finalize (GObject *object)
{
  VigieIncusConsole *self = VIGIE_INCUS_CONSOLE (object);

  g_free (self->operation);
  g_byte_array_unref (self->early);
  G_OBJECT_CLASS (vigie_incus_console_parent_class)->finalize (object);
}

static void
vigie_incus_console_class_init (VigieIncusConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VigieConsoleClass *console_class = VIGIE_CONSOLE_CLASS (klass);

  object_class->dispose = vigie_incus_console_dispose;
  object_class->finalize = vigie_incus_console_finalize;
  console_class->write = vigie_incus_console_write;
  console_class->resize = vigie_incus_console_resize;
  console_class->close = vigie_incus_console_close;
}

static void
vigie_incus_console_init (VigieIncusConsole *self)
{
  self->early = g_byte_array_new ();
}

static gboolean
flush_early (gpointer user_data)
{
  VigieIncusConsole *self = user_data;

  self->ready = TRUE;
  if (self->early->len > 0)
    {
      vigie_console_emit_output (VIGIE_CONSOLE (self), self->early->data, self->early->len);
      g_byte_array_set_size (self->early, 0);
    }
  return G_SOURCE_REMOVE;
}

/* Opening
 *
 * The data socket is opened first and listened to at once; only then is
 * the control socket opened. The server starts the command once both are
 * connected, so no output can come before someone listens: with both
 * requested together, a fast command's output and the data socket's end
 * could be read before the data socket's handlers were connected, and
 * were lost (seen under ASan on a loaded machine: status 3, no output). */

typedef struct {
  VigieIncusConsole *console;
  char              *control_path;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->console);
  g_free (data->control_path);
  g_free (data);
}

static void
control_socket_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  GError *error = NULL;
  SoupWebsocketConnection *conn;

  conn = vigie_http_client_websocket_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  if (conn == NULL)
    {
      close_socket (data->console->data);
      g_task_return_error (task, error);
      return;
    }
  data->console->control = conn;
  g_signal_connect (conn, "closed", G_CALLBACK (on_control_closed), data->console);
  /* Output that came early is delivered once the caller had a chance to
   * connect to "output": at a lower priority than the task's own return. */
  g_idle_add_full (G_PRIORITY_LOW, flush_early, g_object_ref (data->console), g_object_unref);
  g_task_return_pointer (task, g_object_ref (data->console), g_object_unref);
}

static void
data_socket_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  VigieHttpClient *http = VIGIE_HTTP_CLIENT (object);
  g_autoptr(SoupMessage) message = NULL;
  GCancellable *cancellable;
  GError *error = NULL;
  SoupWebsocketConnection *conn;

  conn = vigie_http_client_websocket_finish (http, result, &error);
  if (conn == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->console->data = conn;
  soup_websocket_connection_set_max_incoming_payload_size (conn, 0);
  g_signal_connect (conn, "message", G_CALLBACK (on_data_message), data->console);
  g_signal_connect (conn, "closed", G_CALLBACK (on_data_closed), data->console);

  cancellable = g_task_get_cancellable (task);
  message = vigie_http_client_new_message (http, "GET", data->control_path);
  vigie_http_client_websocket_async (http, message, NULL, cancellable, control_socket_cb,
                                     g_steal_pointer (&task));
}

static char *
socket_path (VigieIncusOperation *op,
             const char          *name)
{
  g_autofree char *secret = g_uri_escape_string (g_hash_table_lookup (op->fds, name), NULL,
                                                 FALSE);

  return g_strdup_printf ("/1.0/operations/%s/websocket?secret=%s", op->id, secret);
}

static void
exec_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  VigieBackend *backend = VIGIE_BACKEND (object);
  VigieHttpClient *http = vigie_backend_get_http (backend);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(VigieIncusOperation) op = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *data_path = NULL;
  g_autofree char *operation = NULL;
  GCancellable *cancellable;

  metadata = vigie_incus_request_finish (backend, result, &operation, &error);
  if (metadata == NULL || (op = vigie_incus_parse_operation (metadata, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (op->id == NULL || g_hash_table_lookup (op->fds, "0") == NULL ||
      g_hash_table_lookup (op->fds, "control") == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server did not offer the terminal’s sockets"));
      return;
    }
  data->console->operation = g_strdup (op->id);
  data->control_path = socket_path (op, "control");
  data_path = socket_path (op, "0");
  cancellable = g_task_get_cancellable (task);
  message = vigie_http_client_new_message (http, "GET", data_path);
  vigie_http_client_websocket_async (http, message, NULL, cancellable, data_socket_cb,
                                     g_steal_pointer (&task));
}

void
vigie_incus_console_open_async (VigieBackend        *backend,
                                const char          *instance,
                                const char          *project,
                                const char * const  *command,
                                guint                columns,
                                guint                rows,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  static const char *login_shell[] = { "/bin/sh", "-c", "exec ${SHELL:-/bin/sh} -l", NULL };
  OpenData *data;

  g_return_if_fail (VIGIE_IS_BACKEND (backend));
  g_return_if_fail (instance != NULL);

  g_task_set_source_tag (task, vigie_incus_console_open_async);
  data = g_new0 (OpenData, 1);
  data->console = g_object_new (VIGIE_TYPE_INCUS_CONSOLE, NULL);
  data->console->backend = g_object_ref (backend);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);

  if (command == NULL)
    command = login_shell;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "command");
  json_builder_begin_array (builder);
  for (guint i = 0; command[i] != NULL; i++)
    json_builder_add_string_value (builder, command[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "interactive");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "wait-for-websocket");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, columns);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, rows);
  json_builder_set_member_name (builder, "environment");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "TERM");
  json_builder_add_string_value (builder, "xterm-256color");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  body = vigie_incus_json_to_string (builder);
  path = vigie_incus_instance_path (instance, project, "/exec");
  vigie_incus_request_async (backend, "POST", path, body, cancellable, exec_cb,
                             g_steal_pointer (&task));
}

VigieConsole *
vigie_incus_console_open_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
