/* test-esxi-client.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ESXi backend against an in-process SoupServer that replays recorded
 * vim25 replies: the paging loop, the session cookie, logging in again on
 * NotAuthenticated, faults and broken replies, tasks and the free licence.
 */

#include "config.h"

#include <string.h>

#include "vigie-backends.h"
#include "vigie-error.h"
#include "esxi/vigie-esxi-backend.h"

typedef struct {
  SoupServer *server;
  char       *url;
  char       *session;            /* the valid cookie value, NULL: none */
  guint       session_serial;
  GHashTable *calls;              /* method → count */
  gboolean    invalid_login;
  gboolean    always_not_auth;
  gboolean    free_license;
  gboolean    license_denied;
  const char *content_file;       /* reply to RetrieveServiceContent */
  guint       task_polls;
  GPtrArray  *errors;             /* what the server saw that it should not have */
  guint       tokens_seen;
  char       *vm_reply;           /* instead of vm-page1.xml, when set */
} Fake;

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "esxi", "data",
                                                 name, NULL);
  char *text = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &text, &size, NULL));
  return g_bytes_new_take (text, size);
}

static void
reply_file (SoupServerMessage *msg,
            guint              status,
            const char        *name)
{
  g_autoptr(GBytes) body = fixture (name);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/xml; charset=utf-8", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
reply_text (SoupServerMessage *msg,
            const char        *text)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/xml; charset=utf-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

/* The test server reads the method from the request text: it is the first
 * element of the body, and the backend's envelope layout is fixed. */
static char *
request_method (const char *body)
{
  const char *start = strstr (body, "<soapenv:Body><vim25:");
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("<soapenv:Body><vim25:");
  end = start + strcspn (start, "> ");
  return g_strndup (start, end - start);
}

static gboolean
has_session (Fake              *fake,
             SoupServerMessage *msg)
{
  const char *cookie = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Cookie");
  g_autofree char *expected = NULL;

  if (fake->session == NULL || cookie == NULL)
    return FALSE;
  expected = g_strdup_printf ("vmware_soap_session=\"%s\"", fake->session);
  return strstr (cookie, expected) != NULL;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fake *fake = user_data;
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  g_autofree char *body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *method = request_method (body);
  const char *action = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "SOAPAction");

  if (method == NULL || !g_str_equal (path, "/sdk"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  g_hash_table_insert (fake->calls, g_strdup (method),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (fake->calls,
                                                                                method)) + 1));

  if (g_str_equal (method, "RetrieveServiceContent"))
    {
      reply_file (msg, SOUP_STATUS_OK, fake->content_file);
      return;
    }
  if (g_strcmp0 (action, "\"urn:vim25/8.0.3.0\"") != 0)
    g_ptr_array_add (fake->errors, g_strdup_printf ("%s: SOAPAction %s", method, action));

  if (g_str_equal (method, "Login"))
    {
      g_autofree char *cookie = NULL;

      if (fake->invalid_login ||
          strstr (body, "<vim25:password>s3cr&amp;t</vim25:password>") == NULL)
        {
          reply_file (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "fault-invalid-login.xml");
          return;
        }
      g_free (fake->session);
      fake->session = g_strdup_printf ("session-%u", ++fake->session_serial);
      /* Quoted, as real hosts send it: the client must send it back as is. */
      cookie = g_strdup_printf ("vmware_soap_session=\"%s\"; Path=/; HttpOnly", fake->session);
      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie",
                                   cookie);
      reply_file (msg, SOUP_STATUS_OK, "login.xml");
      return;
    }
  if (fake->always_not_auth || !has_session (fake, msg))
    {
      reply_file (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "fault-not-authenticated.xml");
      return;
    }

  if (g_str_equal (method, "CreateContainerView"))
    reply_file (msg, SOUP_STATUS_OK, "create-view.xml");
  else if (g_str_equal (method, "DestroyView"))
    reply_file (msg, SOUP_STATUS_OK, "empty-response-destroyview.xml");
  else if (g_str_equal (method, "RetrievePropertiesEx") && strstr (body, "LicenseManager") &&
           fake->license_denied)
    reply_file (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "fault-no-permission.xml");
  else if (g_str_equal (method, "RetrievePropertiesEx") && strstr (body, "LicenseManager"))
    reply_file (msg, SOUP_STATUS_OK, fake->free_license ? "license-free.xml" : "license-eval.xml");
  else if (g_str_equal (method, "RetrievePropertiesEx") && strstr (body, ">Task<"))
    reply_file (msg, SOUP_STATUS_OK, ++fake->task_polls < 3 ? "task-running.xml"
                                                             : "task-success.xml");
  else if (g_str_equal (method, "RetrievePropertiesEx"))
    {
      /* Two passes over the view: hosts and the rest, then VMs. */
      if (strstr (body, "session[52a1f0c4-0000]5d859ae3&amp;view") == NULL)
        g_ptr_array_add (fake->errors, g_strdup ("view moref not escaped back"));
      if (strstr (body, "<vim25:type>VirtualMachine</vim25:type>") != NULL &&
          fake->vm_reply != NULL)
        reply_text (msg, fake->vm_reply);
      else if (strstr (body, "<vim25:type>VirtualMachine</vim25:type>") != NULL)
        reply_file (msg, SOUP_STATUS_OK, "vm-page1.xml");
      else
        reply_file (msg, SOUP_STATUS_OK, "infra-page1.xml");
    }
  else if (g_str_equal (method, "ContinueRetrievePropertiesEx"))
    {
      if (strstr (body, "<vim25:token>infra&amp;2</vim25:token>") != NULL)
        reply_file (msg, SOUP_STATUS_OK, "infra-page2.xml");
      else if (strstr (body, "<vim25:token>vm&amp;2</vim25:token>") != NULL)
        reply_file (msg, SOUP_STATUS_OK, "vm-page2.xml");
      else
        {
          g_ptr_array_add (fake->errors, g_strdup ("unknown paging token"));
          soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
          return;
        }
      fake->tokens_seen++;
    }
  else if (g_str_equal (method, "CreateSnapshot_Task") || g_str_equal (method, "PowerOffVM_Task"))
    {
      if (fake->free_license)
        reply_file (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "fault-restricted-version.xml");
      else
        reply_text (msg, "<?xml version=\"1.0\"?><soapenv:Envelope xmlns:soapenv="
                         "\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                         "<CreateSnapshot_TaskResponse xmlns=\"urn:vim25\">"
                         "<returnval type=\"Task\">task-7</returnval>"
                         "</CreateSnapshot_TaskResponse></soapenv:Body></soapenv:Envelope>");
    }
  else if (g_str_equal (method, "Logout"))
    reply_text (msg, "<?xml version=\"1.0\"?><soapenv:Envelope xmlns:soapenv="
                     "\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                     "<LogoutResponse xmlns=\"urn:vim25\"/></soapenv:Body></soapenv:Envelope>");
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_IMPLEMENTED, NULL);
}

static guint
calls (Fake       *fake,
       const char *method)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fake->calls, method));
}

static void
fake_setup (Fake          *fake,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fake->calls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->errors = g_ptr_array_new_with_free_func (g_free);
  fake->content_file = "service-content-esxi.xml";
  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, handler, fake, NULL);
  g_assert_true (soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake->server);
  fake->url = g_strdup_printf ("http://127.0.0.1:%d/sdk", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fake_teardown (Fake          *fake,
               gconstpointer  data)
{
  for (guint i = 0; i < fake->errors->len; i++)
    g_test_message ("server saw: %s", (char *) g_ptr_array_index (fake->errors, i));
  g_assert_cmpuint (fake->errors->len, ==, 0);
  soup_server_disconnect (fake->server);
  g_assert_finalize_object (fake->server);
  g_hash_table_unref (fake->calls);
  g_ptr_array_unref (fake->errors);
  g_free (fake->session);
  g_free (fake->url);
  g_free (fake->vm_reply);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (vigie_secret_store_store_finish (VIGIE_SECRET_STORE (object), result, NULL));
  *done = TRUE;
}

static VigieBackend *
make_backend (Fake       *fake,
              const char *password)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_system ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, clock);
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("fake", VIGIE_KIND_ESXI, fake->url);
  gboolean done = FALSE;

  vigie_context_set_timeout (context, 20);
  vigie_endpoint_set_user (endpoint, "root");
  vigie_secret_store_store_async (secrets, vigie_endpoint_get_uuid (endpoint),
                                  VIGIE_SECRET_PASSWORD, "test", password, NULL, store_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return vigie_backend_new_for_endpoint (endpoint, context);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  VigieInventory **inventory = user_data;
  g_autoptr(GError) error = NULL;

  *inventory = vigie_backend_fetch_finish (VIGIE_BACKEND (object), result, &error);
  g_assert_no_error (error);
}

static guint calls (Fake *fake, const char *method);

/* Also waits for the DestroyView the backend sends without waiting. */
static VigieInventory *
fetch_full (Fake         *fake,
            VigieBackend *backend)
{
  VigieInventory *inventory = NULL;

  vigie_backend_fetch_async (backend, VIGIE_FETCH_INVENTORY, NULL, fetch_cb, &inventory);
  while (inventory == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (inventory->status == VIGIE_STATUS_OK &&
         calls (fake, "DestroyView") < calls (fake, "CreateContainerView"))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return inventory;
}

#define fetch(backend) fetch_full (fake, (backend))

static void
test_paging (Fake          *fake,
             gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = make_backend (fake, "s3cr&t");
  g_autoptr(VigieInventory) inventory = fetch (backend);
  VigieInstance *web;
  g_autoptr(VigieHost) host = NULL;

  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpstr (inventory->product, ==, "VMware ESXi");
  g_assert_cmpstr (inventory->version, ==, "8.0.3");
  g_assert_cmpstr (inventory->build, ==, "24022510");
  g_assert_cmpstr (inventory->api_version, ==, "8.0.3.0");
  g_assert_cmpstr (inventory->license, ==, "Evaluation Mode");
  /* Licence, then the first page of each pass; one more page each. */
  g_assert_cmpuint (calls (fake, "RetrievePropertiesEx"), ==, 3);
  g_assert_cmpuint (calls (fake, "ContinueRetrievePropertiesEx"), ==, 2);
  g_assert_cmpuint (fake->tokens_seen, ==, 2);
  g_assert_cmpuint (calls (fake, "Login"), ==, 1);

  /* Objects of both pages, hosts resolved across them. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->storage)), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (inventory->extra, "networks"), ==, "2");
  web = vigie_inventory_find_instance (inventory, "vm-1", NULL);
  g_assert_nonnull (web);
  g_assert_cmpstr (web->host, ==, "esx01.lab");
  g_assert_cmpfloat_with_epsilon (web->cpu_usage, 0.125, 1e-9);
  host = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), 0);
  g_assert_cmpstr (g_hash_table_lookup (host->extra, "cluster"), ==, "Cluster-A");

  g_assert_cmpuint (calls (fake, "DestroyView"), ==, 1);
}

static void
test_relogin (Fake          *fake,
              gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = make_backend (fake, "s3cr&t");
  g_autoptr(VigieInventory) first = fetch (backend);
  g_autoptr(VigieInventory) second = NULL;

  g_assert_cmpint (first->status, ==, VIGIE_STATUS_OK);
  /* The session expires behind the backend's back. */
  g_clear_pointer (&fake->session, g_free);
  second = fetch (backend);
  g_assert_cmpint (second->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (calls (fake, "Login"), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second->instances)), ==, 4);
}

static void
test_license_denied (Fake          *fake,
                     gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = make_backend (fake, "s3cr&t");
  g_autoptr(VigieInventory) inventory = NULL;

  fake->license_denied = TRUE;
  inventory = fetch (backend);
  /* A read-only account: the rest of the inventory, a warning, no licence. */
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_null (inventory->license);
  g_assert_cmpuint (inventory->warnings->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)), ==, 4);
}

static void
concurrent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(VigieInventory) inventory = vigie_backend_fetch_finish (VIGIE_BACKEND (object),
                                                                    result, NULL);

  g_assert_nonnull (inventory);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  (*pending)--;
}

static void
test_concurrent_relogin (Fake          *fake,
                         gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = make_backend (fake, "s3cr&t");
  g_autoptr(VigieInventory) first = fetch (backend);
  guint pending = 2;

  g_clear_pointer (&fake->session, g_free);
  /* Both find the session gone; one Login serves both. */
  vigie_backend_fetch_async (backend, VIGIE_FETCH_INVENTORY, NULL, concurrent_cb, &pending);
  vigie_backend_fetch_async (backend, VIGIE_FETCH_INVENTORY, NULL, concurrent_cb, &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (calls (fake, "Login"), ==, 2);
  while (calls (fake, "DestroyView") < calls (fake, "CreateContainerView"))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_not_authenticated (Fake          *fake,
                        gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = make_backend (fake, "s3cr&t");
  g_autoptr(VigieInventory) inventory = NULL;

  fake->always_not_auth = TRUE;
  inventory = fetch (backend);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_AUTH_FAILED);
  /* The first login, and one more after NotAuthenticated: no loop. */
  g_assert_cmpuint (calls (fake, "Login"), ==, 2);
}

static void
test_invalid_login (Fake          *fake,
                    gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = make_backend (fake, "wrong");
  g_autoptr(VigieInventory) inventory = fetch (backend);

  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_AUTH_FAILED);
  g_assert_nonnull (inventory->error);
  g_assert_cmpint (vigie_backend_get_state (backend), ==, VIGIE_CONNECTION_NEEDS_CREDENTIALS);
  g_assert_cmpuint (calls (fake, "Login"), ==, 1);
}

static void
test_bad_reply (Fake          *fake,
                gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieInventory) inventory = NULL;

  fake->content_file = data;
  backend = make_backend (fake, "s3cr&t");
  inventory = fetch (backend);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_PROTOCOL_ERROR);
}

static void
action_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  g_autofree char *message = vigie_backend_run_action_finish (VIGIE_BACKEND (object), result,
                                                             error);

  if (*error == NULL)
    g_assert_nonnull (message);
  else
    g_assert_null (message);
  *error = *error != NULL ? *error : g_error_new_literal (G_IO_ERROR, 0, "ok");
}

static GError *
run_action (VigieBackend  *backend,
            VigieInstance *instance,
            const char    *action)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;

  g_hash_table_insert (params, "name", "before <upgrade> & co");
  vigie_backend_run_action_async (backend, instance, action, params, NULL, action_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (error->domain == G_IO_ERROR && error->code == 0)
    g_clear_error (&error);
  return error;
}

static VigieAction *
find_action (GListModel *actions,
             const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(VigieAction) action = g_list_model_get_item (actions, i);

      if (g_str_equal (action->id, id))
        return g_steal_pointer (&action);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_actions (Fake          *fake,
              gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = make_backend (fake, "s3cr&t");
  g_autoptr(VigieInventory) inventory = fetch (backend);
  VigieInstance *web = vigie_inventory_find_instance (inventory, "vm-1", NULL);
  VigieInstance *tmpl = vigie_inventory_find_instance (inventory, "vm-3", NULL);
  g_autoptr(GListModel) actions = vigie_backend_list_actions (backend, web);
  g_autoptr(GListModel) tmpl_actions = vigie_backend_list_actions (backend, tmpl);
  g_autoptr(VigieAction) start = find_action (actions, VIGIE_ACTION_START);
  g_autoptr(VigieAction) shutdown = find_action (actions, VIGIE_ACTION_SHUTDOWN);
  g_autoptr(VigieAction) snapshot = find_action (actions, VIGIE_ACTION_SNAPSHOT);
  g_autoptr(VigieAction) tmpl_start = find_action (tmpl_actions, VIGIE_ACTION_START);
  g_autoptr(GError) error = NULL;

  g_assert_false (start->allowed);      /* already running */
  g_assert_nonnull (start->reason);
  g_assert_true (shutdown->allowed);    /* tools running */
  g_assert_true (snapshot->allowed);
  g_assert_true (g_strv_contains ((const char * const *) snapshot->params, "name"));
  g_assert_false (tmpl_start->allowed);

  error = run_action (backend, web, VIGIE_ACTION_SNAPSHOT);
  g_assert_no_error (error);
  g_assert_cmpuint (calls (fake, "CreateSnapshot_Task"), ==, 1);
  g_assert_cmpuint (fake->task_polls, ==, 3);     /* running, running, success */
}

static void
test_free_license (Fake          *fake,
                   gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieInventory) inventory = NULL;
  g_autoptr(GListModel) actions = NULL;
  g_autoptr(GError) error = NULL;
  VigieInstance *web;

  fake->free_license = TRUE;
  backend = make_backend (fake, "s3cr&t");
  inventory = fetch (backend);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpstr (inventory->license, ==, "VMware vSphere 8 Hypervisor");
  web = vigie_inventory_find_instance (inventory, "vm-1", NULL);
  actions = vigie_backend_list_actions (backend, web);
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(VigieAction) action = g_list_model_get_item (actions, i);

      g_assert_false (action->allowed);
      g_assert_nonnull (action->reason);
    }
  error = run_action (backend, web, VIGIE_ACTION_STOP);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED);
  /* Refused before asking the server. */
  g_assert_cmpuint (calls (fake, "PowerOffVM_Task"), ==, 0);
}

static void
console_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;
  VigieConsole *console = vigie_backend_open_console_finish (VIGIE_BACKEND (object), result,
                                                             error);

  g_assert_null (console);
}

static void
test_console (Fake          *fake,
              gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = make_backend (fake, "s3cr&t");
  g_autoptr(VigieInstance) instance = vigie_instance_new ();
  GError *error = NULL;

  instance->id = g_strdup ("vm-1");
  vigie_backend_open_console_async (backend, NULL, instance, NULL, console_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "VMRC"));
  g_clear_error (&error);
}

/* One page of @count VMs, the one at @huge_at with a name of @huge_size
 * bytes (none when @huge_size is 0). */
static char *
vm_page (guint count,
         guint huge_at,
         gsize huge_size)
{
  g_autoptr(GString) page = g_string_new (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
    "<soapenv:Body><RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>");

  for (guint i = 0; i < count; i++)
    {
      g_string_append_printf (page, "<objects><obj type=\"VirtualMachine\">vm-%u</obj>"
                              "<propSet><name>name</name><val>guest-%u", 1000 + i, i);
      if (i == huge_at && huge_size > 0)
        {
          g_autofree char *fill = g_strnfill (huge_size, 'x');

          g_string_append (page, fill);
        }
      g_string_append (page, "</val></propSet><propSet><name>runtime.powerState</name>"
                             "<val>poweredOn</val></propSet><propSet>"
                             "<name>config.hardware.numCPU</name><val>2</val></propSet>"
                             "</objects>");
    }
  g_string_append (page, "</returnval></RetrievePropertiesExResponse></soapenv:Body>"
                         "</soapenv:Envelope>");
  return g_string_free (g_steal_pointer (&page), FALSE);
}

#define SMALL_CAP (64 * 1024)

/* A streamed page is capped on what is held, not on its size: many small
 * VMs well over the cap arrive, and one object over it is refused with a
 * clear error (a hostile or broken server) before the rest is read. */
static void
test_stream_cap (Fake          *fake,
                 gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = make_backend (fake, "s3cr&t");
  g_autoptr(VigieInventory) inventory = NULL;

  vigie_http_client_set_max_response_size (vigie_backend_get_http (backend), SMALL_CAP);
  fake->vm_reply = vm_page (3000, 0, 0);
  g_assert_cmpuint (strlen (fake->vm_reply), >, 4 * SMALL_CAP);
  inventory = fetch (backend);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)), ==, 3000);
  g_clear_object (&inventory);

  g_free (fake->vm_reply);
  fake->vm_reply = vm_page (50, 20, 2 * SMALL_CAP);
  inventory = fetch (backend);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_PROTOCOL_ERROR);
  g_assert_nonnull (inventory->error);
  g_assert_nonnull (strstr (inventory->error, "An object in the server’s reply is larger than"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)), <=, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/vigie/esxi-client/" path, Fake, data, fake_setup, func, fake_teardown)
  ADD ("paging", test_paging, NULL);
  ADD ("relogin", test_relogin, NULL);
  ADD ("not-authenticated", test_not_authenticated, NULL);
  ADD ("license-denied", test_license_denied, NULL);
  ADD ("concurrent-relogin", test_concurrent_relogin, NULL);
  ADD ("invalid-login", test_invalid_login, NULL);
  ADD ("malformed", test_bad_reply, "malformed.xml");
  ADD ("truncated", test_bad_reply, "truncated.xml");
  ADD ("wrong-namespace", test_bad_reply, "wrong-namespace.xml");
  ADD ("actions", test_actions, NULL);
  ADD ("free-license", test_free_license, NULL);
  ADD ("console", test_console, NULL);
  ADD ("stream-cap", test_stream_cap, NULL);
#undef ADD

  return g_test_run ();
}
