/* vigie-lab-incus-websockets.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo Incus server's websockets: /1.0/events (lifecycle events to
 * every trusted listener) and an exec operation's sockets, which echo what
 * they receive.
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "vigie-http-client.h"
#include "vigie-lab-incus-private.h"

/* Events */

void
lab_incus_emit_event (LabIncus    *lab,
                      LabInstance *instance,
                      const char  *action,
                      const char  *suffix)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *source = NULL;
  g_autofree char *now = lab_incus_iso_time (g_get_real_time () / G_USEC_PER_SEC);

  source = g_strdup_printf ("/1.0/instances/%s%s%s%s", instance->name, suffix ? suffix : "",
                            g_str_equal (instance->project, "default") ? "" : "?project=",
                            g_str_equal (instance->project, "default") ? "" : instance->project);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "lifecycle");
  json_builder_set_member_name (b, "timestamp");
  json_builder_add_string_value (b, now);
  json_builder_set_member_name (b, "location");
  json_builder_add_string_value (b, "none");
  json_builder_set_member_name (b, "project");
  json_builder_add_string_value (b, instance->project);
  json_builder_set_member_name (b, "metadata");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "action");
  json_builder_add_string_value (b, action);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, source);
  json_builder_set_member_name (b, "context");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  for (guint i = 0; i < lab->listeners->len; i++)
    {
      SoupWebsocketConnection *conn = g_ptr_array_index (lab->listeners, i);

      if (soup_websocket_connection_get_state (conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_send_text (conn, text);
    }
}

static void
on_listener_closed (SoupWebsocketConnection *conn,
                    gpointer                 user_data)
{
  LabIncus *lab = user_data;

  g_signal_handlers_disconnect_by_data (conn, lab);
  g_ptr_array_remove (lab->listeners, conn);
}

gboolean
lab_incus_is_trusted (LabIncus          *lab,
                      SoupServerMessage *msg)
{
  GTlsCertificate *peer = soup_server_message_get_tls_peer_certificate (msg);
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autofree char *fingerprint = NULL;
  const char *remembered;

  if (peer != NULL)
    fingerprint = vigie_certificate_fingerprint (peer);
  /* Later requests on a kept-alive connection may not carry the peer
   * certificate: use what the handshake showed. */
  remembered = socket != NULL ? g_object_get_data (G_OBJECT (socket), "vigie-lab-peer") : NULL;
  if (fingerprint == NULL && remembered != NULL)
    fingerprint = g_strdup (remembered);
  return fingerprint != NULL && g_hash_table_contains (lab->trusted, fingerprint);
}

void
lab_incus_events_ws (SoupServer              *server,
                     SoupServerMessage       *msg,
                     const char              *path,
                     SoupWebsocketConnection *conn,
                     gpointer                 user_data)
{
  LabIncus *lab = user_data;

  if (!lab_incus_is_trusted (lab, msg))
    {
      soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                       "not authorized");
      return;
    }
  g_ptr_array_add (lab->listeners, g_object_ref (conn));
  g_signal_connect (conn, "closed", G_CALLBACK (on_listener_closed), lab);
}

/* Exec: the lab's shell (vigie-lab-shell.c) answers; "exit" ends it with
 * status 0. */

static void
finish_exec (LabIncus     *lab,
             LabOperation *op,
             int           code)
{
  if (op->code != 103)
    return;
  g_free (op->status);
  op->status = g_strdup ("Success");
  op->code = 200;
  op->return_code = code;
  for (guint i = 0; i < op->sockets->len; i++)
    {
      SoupWebsocketConnection *conn = g_ptr_array_index (op->sockets, i);

      if (soup_websocket_connection_get_state (conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
    }
}

static void
on_exec_data (SoupWebsocketConnection *conn,
              int                      type,
              GBytes                  *message,
              gpointer                 user_data)
{
  LabIncus *lab = user_data;
  LabOperation *op = g_object_get_data (G_OBJECT (conn), "lab-operation");
  gsize size = 0;
  const char *data = g_bytes_get_data (message, &size);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean done;

  if (op == NULL || op->shell == NULL)
    return;
  done = lab_shell_feed (op->shell, data, size, out);
  if (out->len > 0)
    soup_websocket_connection_send_binary (conn, out->str, out->len);
  if (done)
    finish_exec (lab, op, 0);
}

void
lab_incus_operations_ws (SoupServer              *server,
                         SoupServerMessage       *msg,
                         const char              *path,
                         SoupWebsocketConnection *conn,
                         gpointer                 user_data)
{
  LabIncus *lab = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GHashTable) params = NULL;
  g_auto(GStrv) parts = NULL;
  LabOperation *op;
  const char *secret;

  parts = g_strsplit (path + strlen ("/1.0/operations/"), "/", 3);
  op = g_hash_table_lookup (lab->operations, parts[0]);
  params = g_uri_get_query (uri) ? g_uri_parse_params (g_uri_get_query (uri), -1, "&",
                                                        G_URI_PARAMS_NONE, NULL) : NULL;
  secret = params ? g_hash_table_lookup (params, "secret") : NULL;
  if (op == NULL || secret == NULL || op->secret_data == NULL)
    {
      soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "bad secret");
      return;
    }
  g_ptr_array_add (op->sockets, g_object_ref (conn));
  if (g_str_equal (secret, op->secret_data))
    {
      g_object_set_data (G_OBJECT (conn), "lab-operation", op);
      g_signal_connect (conn, "message", G_CALLBACK (on_exec_data), lab);
    }
  /* Like wait-for-websocket: the "command" starts once both are there. */
  if (op->sockets->len == 2)
    {
      g_autofree char *banner = op->shell ? lab_shell_start (op->shell) : NULL;

      for (guint i = 0; banner != NULL && i < op->sockets->len; i++)
        {
          SoupWebsocketConnection *socket = g_ptr_array_index (op->sockets, i);

          if (g_object_get_data (G_OBJECT (socket), "lab-operation") != NULL)
            soup_websocket_connection_send_binary (socket, banner, strlen (banner));
        }
    }
}
