/* test-esxi-lab.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ESXi backend against the demo lab's ESXi service (over TLS, pinned),
 * which shares no protocol code with it.
 */

#include "config.h"

#include <string.h>

#include "vigie-backends.h"
#include "vigie-error.h"
#include "vigie-lab.h"
#include "esxi/vigie-esxi-backend.h"

typedef struct {
  VigieLab        *lab;
  VigieLabService *service;
  VigieBackend    *backend;
} Fixture;

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (vigie_secret_store_store_finish (VIGIE_SECRET_STORE (object), result, NULL));
  *done = TRUE;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_system ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, clock);
  g_autoptr(VigieEndpoint) endpoint = NULL;
  gboolean done = FALSE;

  fixture->lab = vigie_lab_new ("127.0.0.1", 0, GPOINTER_TO_UINT (data));
  g_assert_true (vigie_lab_start (fixture->lab, &error));
  g_assert_no_error (error);
  fixture->service = vigie_lab_find_service (fixture->lab, "lab-esxi");
  g_assert_nonnull (fixture->service);
  g_assert_true (g_str_has_suffix (fixture->service->url, "/sdk"));

  endpoint = vigie_endpoint_new ("lab-esxi", VIGIE_KIND_ESXI, fixture->service->url);
  vigie_endpoint_set_user (endpoint, fixture->service->user);
  vigie_endpoint_set_fingerprint (endpoint, fixture->service->fingerprint);
  vigie_context_set_timeout (context, 20);
  vigie_secret_store_store_async (secrets, vigie_endpoint_get_uuid (endpoint),
                                  VIGIE_SECRET_PASSWORD, "lab", fixture->service->secret, NULL,
                                  store_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  fixture->backend = vigie_backend_new_for_endpoint (endpoint, context);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->backend);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  vigie_lab_stop (fixture->lab);
  g_clear_object (&fixture->lab);
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

static VigieInventory *
fetch (VigieBackend *backend)
{
  VigieInventory *inventory = NULL;

  vigie_backend_fetch_async (backend, VIGIE_FETCH_INVENTORY, NULL, fetch_cb, &inventory);
  while (inventory == NULL)
    g_main_context_iteration (NULL, TRUE);
  return inventory;
}

static VigieInstance *
find_by_name (VigieInventory *inventory,
              const char     *name)
{
  GListModel *model = G_LIST_MODEL (inventory->instances);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VigieInstance) instance = g_list_model_get_item (model, i);

      if (g_strcmp0 (instance->name, name) == 0)
        return instance;   /* the inventory keeps it alive */
    }
  g_assert_not_reached ();
  return NULL;
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
    *error = g_error_new_literal (G_IO_ERROR, 0, "ok");
}

static GError *
run_action (VigieBackend  *backend,
            VigieInstance *instance,
            const char    *action)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;

  g_hash_table_insert (params, "name", "from-vigie");
  g_hash_table_insert (params, "description", "made by test-esxi-lab");
  vigie_backend_run_action_async (backend, instance, action, params, NULL, action_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (error->domain == G_IO_ERROR && error->code == 0)
    g_clear_error (&error);
  return error;
}

static void
test_inventory (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(VigieInventory) inventory = fetch (fixture->backend);
  g_autoptr(VigieHost) host = NULL;
  VigieInstance *web, *db, *tmpl;

  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpstr (inventory->product, ==, "VMware ESXi");
  g_assert_cmpstr (inventory->version, ==, "8.0.3");
  g_assert_cmpstr (inventory->api_version, ==, "8.0.3.0");
  g_assert_cmpstr (inventory->license, ==, "Evaluation Mode");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->storage)), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (inventory->extra, "networks"), ==, "3");

  host = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), 0);
  g_assert_cmpstr (host->name, ==, "esxi-lab.vigie.test");
  g_assert_cmpint (host->state, ==, VIGIE_HOST_ONLINE);
  g_assert_cmpint (host->cpu_cores, ==, 16);
  g_assert_cmpint (host->cpu_threads, ==, 32);
  g_assert_cmpfloat (host->cpu_usage, >, 0);
  g_assert_cmpfloat (host->cpu_usage, <, 1);

  web = find_by_name (inventory, "web-01");
  g_assert_cmpint (web->state, ==, VIGIE_STATE_RUNNING);
  g_assert_cmpint (web->snapshots, ==, 2);
  g_assert_cmpstr (web->host, ==, "esxi-lab.vigie.test");
  g_assert_cmpuint (web->addresses->len, ==, 1);
  db = find_by_name (inventory, "db-01");
  g_assert_cmpint (db->snapshots, ==, 4);
  g_assert_cmpint (find_by_name (inventory, "backup-proxy")->state, ==, VIGIE_STATE_SUSPENDED);
  tmpl = find_by_name (inventory, "tmpl-debian-12");
  g_assert_true (tmpl->template);
}

static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(VigieInventory) before = fetch (fixture->backend);
  g_autoptr(VigieInventory) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) tools_error = NULL;
  g_autoptr(GError) again_error = NULL;

  error = run_action (fixture->backend, find_by_name (before, "web-02"), VIGIE_ACTION_STOP);
  g_assert_no_error (error);
  error = run_action (fixture->backend, find_by_name (before, "mail-01"), VIGIE_ACTION_SNAPSHOT);
  g_assert_no_error (error);
  /* No VMware Tools in that guest: the server refuses. */
  tools_error = run_action (fixture->backend, find_by_name (before, "legacy-app"),
                            VIGIE_ACTION_SHUTDOWN);
  g_assert_nonnull (tools_error);
  /* A task that fails: its message comes back. */
  again_error = run_action (fixture->backend, find_by_name (before, "web-01"),
                            VIGIE_ACTION_START);
  g_assert_error (again_error, VIGIE_ERROR, VIGIE_ERROR_FAILED);
  g_assert_nonnull (strstr (again_error->message, "Powered on"));

  after = fetch (fixture->backend);
  g_assert_cmpint (find_by_name (after, "web-02")->state, ==, VIGIE_STATE_STOPPED);
  g_assert_cmpint (find_by_name (after, "mail-01")->snapshots, ==, 1);
}

static void
vmrc_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  char **uri = user_data;
  g_autoptr(GError) error = NULL;

  *uri = vigie_esxi_backend_get_vmrc_uri_finish (VIGIE_ESXI_BACKEND (object), result, &error);
  g_assert_no_error (error);
}

static void
test_vmrc (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(VigieInventory) inventory = fetch (fixture->backend);
  g_autofree char *uri = NULL;
  g_autofree char *moid = NULL;
  VigieInstance *web = find_by_name (inventory, "web-01");

  vigie_esxi_backend_get_vmrc_uri_async (VIGIE_ESXI_BACKEND (fixture->backend), web, NULL,
                                         vmrc_cb, &uri);
  while (uri == NULL)
    g_main_context_iteration (NULL, TRUE);
  moid = g_strdup_printf ("/?moid=%s", web->id);
  g_assert_true (g_str_has_prefix (uri, "vmrc://clone:cst-"));
  g_assert_nonnull (strstr (uri, "@127.0.0.1:"));
  g_assert_true (g_str_has_suffix (uri, moid));
}

static void
test_scale (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(VigieInventory) inventory = fetch (fixture->backend);

  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)), ==,
                    fixture->service->scale);
}

static void
on_request_read (SoupServer        *server,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  guint *continues = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  if (strstr (text, "ContinueRetrievePropertiesEx") != NULL)
    (*continues)++;
}

/* A lab host with more VMs than one page: the backend's paging loop
 * against the lab's own paging, over plain HTTP on loopback. */
static void
test_paging (void)
{
  VigieLabService service = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_system ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, clock);
  g_autoptr(VigieEndpoint) endpoint = NULL;
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieInventory) inventory = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  gboolean done = FALSE;
  guint continues = 0;

  service.kind = VIGIE_KIND_ESXI;
  service.scale = 1234;
  service.now = 1764093600;
  service.server = soup_server_new (NULL, NULL);
  g_signal_connect (service.server, "request-read", G_CALLBACK (on_request_read), &continues);
  g_assert_true (vigie_lab_esxi_setup (&service, &error));
  g_assert_no_error (error);
  g_assert_true (soup_server_listen_local (service.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  uris = soup_server_get_uris (service.server);
  url = g_strdup_printf ("http://127.0.0.1:%d%s", g_uri_get_port (uris->data), service.path);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  endpoint = vigie_endpoint_new ("lab-esxi-big", VIGIE_KIND_ESXI, url);
  vigie_endpoint_set_user (endpoint, service.user);
  vigie_secret_store_store_async (secrets, vigie_endpoint_get_uuid (endpoint),
                                  VIGIE_SECRET_PASSWORD, "lab", service.secret, NULL, store_cb,
                                  &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  backend = vigie_backend_new_for_endpoint (endpoint, context);
  inventory = fetch (backend);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)), ==, 1234);
  /* 1,234 VMs + host, datastores, networks in pages of 500. */
  g_assert_cmpuint (continues, ==, 2);

  g_clear_object (&backend);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  soup_server_disconnect (service.server);
  g_clear_object (&service.server);
  service.state_free (service.state);
  g_free (service.path);
  g_free (service.user);
  g_free (service.secret);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/vigie/esxi-lab/inventory", Fixture, GUINT_TO_POINTER (1), fixture_setup,
              test_inventory, fixture_teardown);
  g_test_add ("/vigie/esxi-lab/actions", Fixture, GUINT_TO_POINTER (1), fixture_setup,
              test_actions, fixture_teardown);
  g_test_add ("/vigie/esxi-lab/vmrc", Fixture, GUINT_TO_POINTER (1), fixture_setup,
              test_vmrc, fixture_teardown);
  g_test_add_func ("/vigie/esxi-lab/paging", test_paging);
  /* 300 asked: the lab's ESXi service serves about a third. */
  g_test_add ("/vigie/esxi-lab/scale", Fixture, GUINT_TO_POINTER (300), fixture_setup,
              test_scale, fixture_teardown);

  return g_test_run ();
}
