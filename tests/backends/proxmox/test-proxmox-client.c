/* test-proxmox-client.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Proxmox VE backend against an in-process SoupServer on 127.0.0.1:
 * token and ticket authentication, ticket renewal with an injected clock,
 * CSRF on writes, 401/500/595/garbage replies, actions and task following,
 * and the termproxy bridge.
 */

#include "config.h"

#include <string.h>

#include "proxmox/vigie-proxmox-backend.h"
#include "proxmox/vigie-proxmox-console.h"
#include "vigie-error.h"

#define TOKEN_ID "root@pam!test"
#define SECRET "s3cret-uuid"
#define START_TIME 1795600000

typedef enum {
  VERSION_OK,
  VERSION_500,
  VERSION_TRUNCATED,
  VERSION_NO_ENVELOPE,
} VersionMode;

typedef struct {
  SoupServer   *server;
  char         *url;
  gboolean      ticket_mode;
  VersionMode   version_mode;
  guint         n_tickets;
  char         *ticket;        /* the one valid ticket */
  char         *csrf;
  GPtrArray    *requests;      /* "METHOD path csrf=…" */
  guint         status_polls;
  gboolean      bad_nodes;
  /* websocket */
  SoupWebsocketConnection *ws;
  GPtrArray    *frames;
  /* client side */
  VigieClock   *clock;
  VigieContext *context;
  VigieBackend *backend;
  GAsyncResult *result;
} Fixture;

/* Server */

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *reason,
       const char        *body)
{
  soup_server_message_set_status (msg, status, reason);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static char *
cookie_ticket (SoupServerMessage *msg)
{
  const char *cookie = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Cookie");
  const char *start = cookie ? strstr (cookie, "PVEAuthCookie=") : NULL;
  g_autofree char *value = NULL;
  char *end;

  if (start == NULL)
    return NULL;
  value = g_strdup (start + strlen ("PVEAuthCookie="));
  end = strchr (value, ';');
  if (end != NULL)
    *end = '\0';
  return g_uri_unescape_string (value, NULL);
}

static gboolean
check_auth (Fixture           *f,
            SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);

  if (!f->ticket_mode)
    {
      if (g_strcmp0 (soup_message_headers_get_one (headers, "Authorization"),
                     "PVEAPIToken=" TOKEN_ID "=" SECRET) != 0)
        {
          reply (msg, 401, "invalid token value!", "{\"data\":null}");
          return FALSE;
        }
      return TRUE;
    }
  {
    g_autofree char *ticket = cookie_ticket (msg);

    if (f->ticket == NULL || g_strcmp0 (ticket, f->ticket) != 0)
      {
        reply (msg, 401, "No ticket", "{\"data\":null}");
        return FALSE;
      }
  }
  if (!g_str_equal (method, "GET") &&
      g_strcmp0 (soup_message_headers_get_one (headers, "CSRFPreventionToken"), f->csrf) != 0)
    {
      reply (msg, 401, "Permission denied - invalid csrf token", "{\"data\":null}");
      return FALSE;
    }
  return TRUE;
}

static void
handle_ticket (Fixture           *f,
               SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GHashTable) form = soup_form_decode (text);
  const char *password = g_hash_table_lookup (form, "password");
  g_autofree char *json = NULL;

  f->n_tickets++;
  if (g_strcmp0 (g_hash_table_lookup (form, "username"), "root@pam") != 0 ||
      (g_strcmp0 (password, SECRET) != 0 && g_strcmp0 (password, f->ticket) != 0))
    {
      reply (msg, 401, "authentication failure", "{\"data\":null}");
      return;
    }
  g_free (f->ticket);
  g_free (f->csrf);
  /* ':' '=' and '+' must survive the cookie. */
  f->ticket = g_strdup_printf ("PVE:root@pam:%08X::sig+%u/=", f->n_tickets, f->n_tickets);
  f->csrf = g_strdup_printf ("%08X:csrf%u", f->n_tickets, f->n_tickets);
  json = g_strdup_printf ("{\"data\":{\"username\":\"root@pam\",\"ticket\":\"%s\","
                          "\"CSRFPreventionToken\":\"%s\"}}", f->ticket, f->csrf);
  reply (msg, 200, NULL, json);
}

#define UPID_OK "UPID:n1:00001000:00002000:6925F100:qmstart:100:root@pam:"
#define UPID_FAIL "UPID:n1:00001001:00002001:6925F101:qmstop:100:root@pam:"

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *csrf = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "CSRFPreventionToken");
  g_autofree char *decoded = g_uri_unescape_string (path, NULL);

  g_ptr_array_add (f->requests, g_strdup_printf ("%s %s csrf=%s", method, decoded,
                                                 csrf ? csrf : "-"));

  if (g_str_equal (decoded, "/api2/json/access/ticket") && g_str_equal (method, "POST"))
    {
      handle_ticket (f, msg);
      return;
    }
  if (!check_auth (f, msg))
    return;

  if (g_str_equal (decoded, "/api2/json/version"))
    {
      switch (f->version_mode)
        {
        case VERSION_OK:
          reply (msg, 200, NULL, "{\"data\":{\"version\":\"9.2.11\",\"release\":\"9.2\","
                                 "\"repoid\":\"abc123\"}}");
          break;
        case VERSION_500:
          reply (msg, 500, "proxy loop detected", "{\"data\":null}");
          break;
        case VERSION_TRUNCATED:
          reply (msg, 200, NULL, "{\"data\":{\"version\":\"9.2");
          break;
        case VERSION_NO_ENVELOPE:
        default:
          reply (msg, 200, NULL, "{\"version\":\"9.2.11\"}");
          break;
        }
    }
  else if (g_str_equal (decoded, "/api2/json/nodes") && f->bad_nodes)
    reply (msg, 200, NULL, "{\"data\":\"oops\"}");
  else if (g_str_equal (decoded, "/api2/json/nodes"))
    reply (msg, 200, NULL, "{\"data\":[{\"node\":\"n1\",\"status\":\"online\",\"maxcpu\":4},"
                           "{\"node\":\"n2\",\"status\":\"online\",\"maxcpu\":4}]}");
  else if (g_str_equal (decoded, "/api2/json/cluster/resources") &&
           g_strcmp0 (g_hash_table_lookup (query, "type"), "vm") == 0)
    reply (msg, 200, NULL,
           "{\"data\":[{\"id\":\"qemu/100\",\"type\":\"qemu\",\"vmid\":100,\"node\":\"n1\","
           "\"status\":\"running\",\"name\":\"a\"},"
           "{\"id\":\"lxc/200\",\"type\":\"lxc\",\"vmid\":200,\"node\":\"n2\","
           "\"status\":\"running\",\"name\":\"b\"}]}");
  else if (g_str_has_prefix (decoded, "/api2/json/nodes/n2/"))
    reply (msg, 595, "No route to host", "");
  else if (g_str_equal (decoded, "/api2/json/nodes/n1/status"))
    reply (msg, 200, NULL, "{\"data\":{\"cpuinfo\":{\"cores\":\"2\",\"cpus\":4}}}");
  else if (g_str_equal (decoded, "/api2/json/nodes/n1/qemu/100/snapshot") &&
           g_str_equal (method, "GET"))
    reply (msg, 200, NULL, "{\"data\":[{\"name\":\"s1\"},{\"name\":\"current\"}]}");
  else if (g_str_equal (decoded, "/api2/json/nodes/n1/qemu/100/snapshot"))
    reply (msg, 403, "Permission check failed (/vms/100, VM.Snapshot)", "{\"data\":null}");
  else if (g_str_equal (decoded, "/api2/json/nodes/n1/qemu/100/status/start"))
    reply (msg, 200, NULL, "{\"data\":\"" UPID_OK "\"}");
  else if (g_str_equal (decoded, "/api2/json/nodes/n1/qemu/100/status/stop"))
    reply (msg, 200, NULL, "{\"data\":\"" UPID_FAIL "\"}");
  else if (g_str_equal (decoded, "/api2/json/nodes/n1/tasks/" UPID_OK "/status"))
    {
      if (f->status_polls++ == 0)
        reply (msg, 200, NULL, "{\"data\":{\"status\":\"running\",\"upid\":\"" UPID_OK "\"}}");
      else
        reply (msg, 200, NULL, "{\"data\":{\"status\":\"stopped\",\"exitstatus\":\"OK\"}}");
    }
  else if (g_str_equal (decoded, "/api2/json/nodes/n1/tasks/" UPID_FAIL "/status"))
    reply (msg, 200, NULL, "{\"data\":{\"status\":\"stopped\",\"exitstatus\":\"command "
                           "'qm stop' failed\"}}");
  else if (g_str_equal (decoded, "/api2/json/nodes/n1/tasks/" UPID_FAIL "/log"))
    reply (msg, 200, NULL, "{\"data\":[{\"n\":1,\"t\":\"trying to acquire lock...\"},"
                           "{\"n\":2,\"t\":\"can't lock file '/var/lock/qemu-server/"
                           "lock-100.conf' - got timeout\"},{\"n\":3,\"t\":\"TASK ERROR: "
                           "command 'qm stop' failed\"}],\"total\":3}");
  else if (g_str_equal (decoded, "/api2/json/nodes/n1/termproxy") && g_str_equal (method, "POST"))
    reply (msg, 200, NULL, "{\"data\":{\"port\":5901,\"ticket\":\"PVEVNC:A1::t+k/=\","
                           "\"user\":\"root@pam\","
                           "\"upid\":\"UPID:n1:1:2:3:vncshell::root@pam:\"}}");
  else if (g_str_equal (decoded, "/api2/json/nodes/n1/vncwebsocket"))
    {
      if (g_strcmp0 (g_hash_table_lookup (query, "port"), "5901") != 0 ||
          g_strcmp0 (g_hash_table_lookup (query, "vncticket"), "PVEVNC:A1::t+k/=") != 0)
        reply (msg, 403, "invalid vncticket", "{\"data\":null}");
      /* else: leave it to the websocket handler */
    }
  else
    reply (msg, 501, "Method not implemented", "{\"data\":null}");
}

static void
on_ws_message (SoupWebsocketConnection *conn,
               gint                     type,
               GBytes                  *message,
               Fixture                 *f)
{
  gsize length;
  const char *data = g_bytes_get_data (message, &length);

  g_ptr_array_add (f->frames, g_strndup (data, length));
  if (f->frames->len == 1)
    soup_websocket_connection_send_text (conn, "OKwelcome\r\n");
}

static void
ws_cb (SoupServer              *server,
       SoupServerMessage       *msg,
       const char              *path,
       SoupWebsocketConnection *conn,
       gpointer                 user_data)
{
  Fixture *f = user_data;

  g_set_object (&f->ws, conn);
  g_signal_connect (conn, "message", G_CALLBACK (on_ws_message), f);
}

/* Fixture */

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *f)
{
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return f->result;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieEndpoint) endpoint = NULL;
  g_autoslist(GUri) uris = NULL;
  char *protocols[] = { (char *) "binary", NULL };

  f->ticket_mode = GPOINTER_TO_INT (data);
  f->requests = g_ptr_array_new_with_free_func (g_free);
  f->frames = g_ptr_array_new_with_free_func (g_free);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  soup_server_add_handler (f->server, "/api2/json/nodes/n1/vncwebsocket", server_cb, f, NULL);
  soup_server_add_websocket_handler (f->server, "/api2/json/nodes/n1/vncwebsocket", NULL,
                                     protocols, ws_cb, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  f->clock = vigie_clock_new_fixed (START_TIME);
  f->context = vigie_context_new (secrets, f->clock);
  vigie_context_set_timeout (f->context, 10);
  endpoint = vigie_endpoint_new ("test", VIGIE_KIND_PROXMOX, f->url);
  if (f->ticket_mode)
    vigie_endpoint_set_user (endpoint, "root@pam");
  else
    vigie_endpoint_set_token_id (endpoint, TOKEN_ID);
  vigie_secret_store_store_async (secrets, vigie_endpoint_get_uuid (endpoint),
                                  f->ticket_mode ? VIGIE_SECRET_PASSWORD : VIGIE_SECRET_TOKEN,
                                  "test", SECRET, NULL, got_result, f);
  g_assert_true (vigie_secret_store_store_finish (secrets, wait_result (f), &error));
  g_clear_object (&f->result);
  f->backend = g_object_new (VIGIE_TYPE_PROXMOX_BACKEND, "endpoint", endpoint,
                             "context", f->context, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->result);
  g_assert_finalize_object (f->backend);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  g_clear_object (&f->ws);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->url);
  g_free (f->ticket);
  g_free (f->csrf);
  g_ptr_array_unref (f->requests);
  g_ptr_array_unref (f->frames);
}

static gboolean
connect_backend (Fixture  *f,
                 GError  **error)
{
  gboolean ok;

  vigie_backend_connect_async (f->backend, NULL, got_result, f);
  ok = vigie_backend_connect_finish (f->backend, wait_result (f), error);
  g_clear_object (&f->result);
  return ok;
}

static guint
count_requests (Fixture    *f,
                const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < f->requests->len; i++)
    n += g_str_has_prefix (g_ptr_array_index (f->requests, i), prefix);
  return n;
}

static VigieInstance *
make_guest (const char *id,
            const char *node)
{
  VigieInstance *instance = vigie_instance_new ();

  instance->id = g_strdup (id);
  instance->host = g_strdup (node);
  instance->state = VIGIE_STATE_STOPPED;
  return instance;
}

static char *
run_action (Fixture       *f,
            VigieInstance *instance,
            const char    *action,
            GHashTable    *params,
            GError       **error)
{
  char *message;

  vigie_backend_run_action_async (f->backend, instance, action, params, NULL, got_result, f);
  message = vigie_backend_run_action_finish (f->backend, wait_result (f), error);
  g_clear_object (&f->result);
  return message;
}

/* Tests */

static void
test_token (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieInstance) guest = make_guest ("100", "n1");
  g_autofree char *message = NULL;

  g_assert_true (connect_backend (f, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vigie_backend_get_state (f->backend), ==, VIGIE_CONNECTION_CONNECTED);
  g_assert_cmpuint (f->n_tickets, ==, 0);
  /* Writes with a token carry no CSRF token. */
  message = run_action (f, guest, "start", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (f, "POST /api2/json/nodes/n1/qemu/100/status/start csrf=-"),
                    ==, 1);
}

static void
test_ticket (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieInstance) guest = make_guest ("100", "n1");
  g_autofree char *message = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (connect_backend (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_tickets, ==, 1);
  /* The cookie made it (else /version would have been 401), and writes
   * carry the CSRF token. */
  message = run_action (f, guest, "start", NULL, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("POST /api2/json/nodes/n1/qemu/100/status/start csrf=%s", f->csrf);
  g_assert_cmpuint (count_requests (f, expected), ==, 1);
  g_assert_cmpuint (count_requests (f, "GET /api2/json/nodes/n1/tasks/"), ==, 2);
}

static void
test_ticket_renewal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieInstance) guest = make_guest ("100", "n1");
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;

  g_assert_true (connect_backend (f, &error));
  g_assert_cmpuint (f->n_tickets, ==, 1);
  vigie_clock_advance (f->clock, 60 * 60);
  m1 = run_action (f, guest, "start", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_tickets, ==, 1);

  /* Past two hours the ticket is no good: a new one first, not a 401. */
  vigie_clock_advance (f->clock, 60 * 60 + 1);
  f->status_polls = 0;
  m2 = run_action (f, guest, "start", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_tickets, ==, 2);
  g_assert_cmpuint (count_requests (f, "POST /api2/json/nodes/n1/qemu/100/status/start"), ==, 2);
}

static void
test_ticket_relogin (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieInstance) guest = make_guest ("100", "n1");
  g_autofree char *message = NULL;

  g_assert_true (connect_backend (f, &error));
  /* The server forgets the ticket (restart): 401, log in again, retry. */
  g_clear_pointer (&f->ticket, g_free);
  message = run_action (f, guest, "start", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_tickets, ==, 2);
}

static void
test_bad_password (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  VigieEndpoint *endpoint = vigie_backend_get_endpoint (f->backend);

  vigie_endpoint_set_user (endpoint, "mallory@pam");
  g_assert_false (connect_backend (f, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "authentication failure"));
  g_assert_cmpint (vigie_backend_get_state (f->backend), ==, VIGIE_CONNECTION_NEEDS_CREDENTIALS);
}

static void
test_bad_token (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  VigieEndpoint *endpoint = vigie_backend_get_endpoint (f->backend);

  vigie_endpoint_set_token_id (endpoint, "root@pam!other");
  g_assert_false (connect_backend (f, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "invalid token value!"));
}

static void
test_server_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->version_mode = VERSION_500;
  g_assert_false (connect_backend (f, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "proxy loop detected"));
  g_clear_error (&error);

  f->version_mode = VERSION_TRUNCATED;
  g_assert_false (connect_backend (f, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  g_clear_error (&error);

  f->version_mode = VERSION_NO_ENVELOPE;
  g_assert_false (connect_backend (f, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
}

static void
test_offline_node (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieInventory) inventory = NULL;
  g_autoptr(VigieHost) n1 = NULL;
  g_autoptr(VigieHost) n2 = NULL;
  VigieInstance *guest;
  gboolean warned = FALSE;

  vigie_backend_fetch_async (f->backend, VIGIE_FETCH_INVENTORY, NULL, got_result, f);
  inventory = vigie_backend_fetch_finish (f->backend, wait_result (f), &error);
  g_clear_object (&f->result);
  g_assert_no_error (error);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpstr (inventory->version, ==, "9.2.11");

  n1 = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), 0);
  n2 = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), 1);
  g_assert_cmpint (n1->state, ==, VIGIE_HOST_ONLINE);
  g_assert_cmpint (n1->cpu_cores, ==, 2);
  g_assert_cmpint (n2->state, ==, VIGIE_HOST_OFFLINE);
  guest = vigie_inventory_find_instance (inventory, "100", NULL);
  g_assert_cmpint (guest->state, ==, VIGIE_STATE_RUNNING);
  g_assert_cmpint (guest->snapshots, ==, 1);
  guest = vigie_inventory_find_instance (inventory, "200", NULL);
  g_assert_cmpint (guest->state, ==, VIGIE_STATE_UNKNOWN);
  g_assert_cmpint (guest->snapshots, ==, VIGIE_UNSET);
  for (guint i = 0; i < inventory->warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (inventory->warnings, i);

      /* One warning for the node, naming the 595, not one per request. */
      if (strstr (warning, "n2") != NULL)
        {
          g_assert_false (warned);
          g_assert_nonnull (strstr (warning, "595"));
          warned = TRUE;
        }
    }
  g_assert_true (warned);
}

static void
test_garbage_list (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieInventory) inventory = NULL;

  f->bad_nodes = TRUE;
  vigie_backend_fetch_async (f->backend, VIGIE_FETCH_INVENTORY, NULL, got_result, f);
  inventory = vigie_backend_fetch_finish (f->backend, wait_result (f), &error);
  g_clear_object (&f->result);
  g_assert_no_error (error);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_PROTOCOL_ERROR);
  g_assert_nonnull (inventory->error);
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieInstance) guest = make_guest ("100", "n1");
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GListModel) actions = NULL;
  g_autofree char *message = NULL;

  actions = vigie_backend_list_actions (f->backend, guest);
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 6);

  message = run_action (f, guest, "start", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  g_assert_cmpuint (f->status_polls, ==, 2);
  g_clear_pointer (&message, g_free);

  message = run_action (f, guest, "stop", NULL, &error);
  g_assert_null (message);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "command 'qm stop' failed"));
  g_assert_nonnull (strstr (error->message, "got timeout"));
  g_clear_error (&error);

  g_hash_table_insert (params, (char *) "name", (char *) "before_update");
  message = run_action (f, guest, "snapshot", params, &error);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  g_hash_table_insert (params, (char *) "name", (char *) "current");
  message = run_action (f, guest, "snapshot", params, &error);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
  g_clear_error (&error);

  message = run_action (f, guest, "pause", NULL, &error);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED);
}

typedef struct {
  GString *output;
  int      closed;
} ConsoleState;

static void
on_output (VigieConsole *console,
           GBytes       *bytes,
           ConsoleState *state)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_string_append_len (state->output, data, length);
}

static void
on_closed (VigieConsole *console,
           int           status,
           const char   *message,
           ConsoleState *state)
{
  state->closed++;
}

static void
test_console (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieConsole) console = NULL;
  ConsoleState state = { g_string_new (NULL), 0 };
  const guint8 input[] = { 'l', 's', 0xc3, 0xa9, '\n' };

  vigie_backend_open_console_async (f->backend, "n1", NULL, NULL, got_result, f);
  console = vigie_backend_open_console_finish (f->backend, wait_result (f), &error);
  g_clear_object (&f->result);
  g_assert_no_error (error);
  g_assert_true (VIGIE_IS_PROXMOX_CONSOLE (console));
  g_signal_connect (console, "output", G_CALLBACK (on_output), &state);
  g_signal_connect (console, "closed", G_CALLBACK (on_closed), &state);

  while (state.output->len == 0)
    g_main_context_iteration (NULL, TRUE);
  /* "OK" is the handshake's answer, not terminal output. */
  g_assert_cmpstr (state.output->str, ==, "welcome\r\n");
  g_assert_cmpstr (g_ptr_array_index (f->frames, 0), ==, "root@pam:PVEVNC:A1::t+k/=\n");

  vigie_console_write (console, input, sizeof input);
  vigie_console_resize (console, 120, 40);
  while (f->frames->len < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (g_ptr_array_index (f->frames, 1), ==, "0:5:ls\xc3\xa9\n");
  g_assert_cmpstr (g_ptr_array_index (f->frames, 2), ==, "1:120:40:");

  /* The server hangs up: closed, once. */
  soup_websocket_connection_close (f->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, "bye");
  while (state.closed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (vigie_console_is_closed (console));
  vigie_console_close (console);
  g_assert_cmpint (state.closed, ==, 1);
  g_string_free (state.output, TRUE);
}

static void
test_console_ping (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupWebsocketConnection) conn = NULL;
  g_autoptr(VigieConsole) console = NULL;
  g_autofree char *url = g_strdup_printf ("%s/api2/json/nodes/n1/vncwebsocket?port=5901&"
                                          "vncticket=PVEVNC%%3AA1%%3A%%3At%%2Bk%%2F%%3D", f->url);
  char *protocols[] = { (char *) "binary", NULL };

  message = soup_message_new ("GET", url);
  soup_message_headers_append (soup_message_get_request_headers (message), "Authorization",
                               "PVEAPIToken=" TOKEN_ID "=" SECRET);
  soup_session_websocket_connect_async (session, message, NULL, protocols, G_PRIORITY_DEFAULT,
                                        NULL, got_result, f);
  conn = soup_session_websocket_connect_finish (session, wait_result (f), &error);
  g_clear_object (&f->result);
  g_assert_no_error (error);

  console = vigie_proxmox_console_new (conn, "root@pam", "PVEVNC:A1::t+k/=", 1);
  while (f->frames->len < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (g_ptr_array_index (f->frames, 1), ==, "2");
  vigie_console_close (console);
  while (!vigie_console_is_closed (console))
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, mode, func) \
  g_test_add ("/vigie/proxmox-client/" path, Fixture, GINT_TO_POINTER (mode), fixture_set_up, \
              func, fixture_tear_down)
  ADD ("token", 0, test_token);
  ADD ("ticket", 1, test_ticket);
  ADD ("ticket-renewal", 1, test_ticket_renewal);
  ADD ("ticket-relogin", 1, test_ticket_relogin);
  ADD ("bad-password", 1, test_bad_password);
  ADD ("bad-token", 0, test_bad_token);
  ADD ("server-errors", 0, test_server_errors);
  ADD ("offline-node", 0, test_offline_node);
  ADD ("offline-node-ticket", 1, test_offline_node);
  ADD ("garbage-list", 0, test_garbage_list);
  ADD ("actions", 0, test_actions);
  ADD ("actions-ticket", 1, test_actions);
  ADD ("console", 0, test_console);
  ADD ("console-ticket", 1, test_console);
  ADD ("console-ping", 0, test_console_ping);
#undef ADD
  return g_test_run ();
}
