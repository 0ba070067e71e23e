/* test-incus-lab.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Incus backend against the demo lab's Incus server, in process.
 */

#include "config.h"

#include <string.h>

#include "incus/vigie-incus-backend.h"
#include "incus/vigie-incus-console.h"
#include "vigie-error.h"
#include "vigie-lab.h"
#include "vigie-tls.h"
#include "test-incus-common.h"

typedef struct {
  VigieLab          *lab;
  VigieLabService   *service;
  VigieContext      *context;
  VigieEndpoint     *endpoint;
  VigieIncusBackend *backend;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_system ();
  g_autoptr(GAsyncResult) result = NULL;

  f->lab = vigie_lab_new ("127.0.0.1", 0, 1);
  g_assert_true (vigie_lab_start (f->lab, &error));
  g_assert_no_error (error);
  f->service = vigie_lab_find_service (f->lab, "lab-incus");
  g_assert_nonnull (f->service);
  f->context = vigie_context_new (secrets, clock);
  vigie_context_set_timeout (f->context, 20);

  f->endpoint = vigie_endpoint_new ("lab-incus", VIGIE_KIND_INCUS, f->service->url);
  vigie_endpoint_set_fingerprint (f->endpoint, f->service->fingerprint);
  vigie_endpoint_set_option (f->endpoint, "client-cert", f->service->client_cert_pem);
  vigie_secret_store_store_async (secrets, vigie_endpoint_get_uuid (f->endpoint),
                                  VIGIE_SECRET_CLIENT_KEY, "key", f->service->secret, NULL,
                                  test_got_result, &result);
  g_assert_true (vigie_secret_store_store_finish (secrets, test_wait (&result), &error));
  f->backend = g_object_new (VIGIE_TYPE_INCUS_BACKEND, "endpoint", f->endpoint,
                             "context", f->context, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  vigie_backend_disconnect (VIGIE_BACKEND (f->backend));
  g_clear_object (&f->backend);
  g_clear_object (&f->endpoint);
  g_clear_object (&f->context);
  vigie_lab_stop (f->lab);
  g_clear_object (&f->lab);
}

static VigieInventory *
fetch (VigieBackend    *backend,
       VigieFetchFlags  flags)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VigieInventory *inventory;

  vigie_backend_fetch_async (backend, flags, NULL, test_got_result, &result);
  inventory = vigie_backend_fetch_finish (backend, test_wait (&result), &error);
  g_assert_no_error (error);
  return inventory;
}

static const char *
extra_of (VigieInventory *inventory,
          const char     *key)
{
  return inventory->extra != NULL ? g_hash_table_lookup (inventory->extra, key) : NULL;
}

static VigieInstance *
find (VigieInventory *inventory,
      const char     *name,
      const char     *project)
{
  VigieInstance *instance = vigie_inventory_find_instance (inventory, name, project);

  g_assert_nonnull (instance);
  return instance;
}

static char *
run_action (VigieBackend   *backend,
            VigieInstance  *instance,
            const char     *action,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vigie_backend_run_action_async (backend, instance, action, NULL, NULL, test_got_result, &result);
  return vigie_backend_run_action_finish (backend, test_wait (&result), error);
}

static void
test_inventory (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(VigieInventory) inventory = fetch (VIGIE_BACKEND (f->backend),
                                               VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS);
  g_autoptr(VigieHost) host = NULL;
  g_autoptr(VigieStorage) storage = NULL;
  VigieInstance *instance;

  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpstr (inventory->product, ==, "incus");
  g_assert_cmpstr (inventory->version, ==, "6.0.3");
  g_assert_cmpstr (extra_of (inventory, "projects"), ==, "default,lab");
  g_assert_cmpstr (extra_of (inventory, "clustered"), ==, "false");
  g_assert_cmpstr (extra_of (inventory, "driver"), ==, "lxc | qemu");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)), ==, 15);
  g_assert_cmpuint (inventory->warnings->len, ==, 0);

  instance = find (inventory, "cache-01", "default");
  g_assert_cmpint (instance->state, ==, VIGIE_STATE_PAUSED);
  instance = find (inventory, "db-01", "default");
  g_assert_cmpint (instance->type, ==, VIGIE_INSTANCE_VM);
  g_assert_cmpint (instance->snapshots, ==, 3);
  g_assert_cmpint (instance->cpus, ==, 4);
  g_assert_cmpint (instance->memory_bytes, ==, 8192LL * 1024 * 1024);
  g_assert_cmpstr (instance->os, ==, "Ubuntu 24.04");
  g_assert_cmpstr (instance->host, ==, "lab-incus");
  g_assert_cmpuint (instance->addresses->len, ==, 2);   /* loopback skipped */
  instance = find (inventory, "student-03", "lab");
  g_assert_cmpint (instance->state, ==, VIGIE_STATE_STOPPED);
  g_assert_cmpint (instance->memory_used_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (instance->snapshots, ==, 0);
  g_assert_null (vigie_inventory_find_instance (inventory, "student-03", "default"));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts)), ==, 1);
  host = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), 0);
  g_assert_cmpstr (host->name, ==, "lab-incus");
  g_assert_cmpint (host->cpu_threads, ==, 16);
  g_assert_cmpint (host->cpu_cores, ==, 8);
  g_assert_cmpint (host->memory_bytes, ==, 64LL * 1024 * 1024 * 1024);

  storage = g_list_model_get_item (G_LIST_MODEL (inventory->storage), 0);
  g_assert_cmpstr (storage->name, ==, "default");
  g_assert_cmpint (storage->total_bytes, ==, 240LL * 1024 * 1024 * 1024);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->backups)), ==, 9);
  {
    g_autoptr(VigieBackupItem) item = g_list_model_get_item (G_LIST_MODEL (inventory->backups), 0);

    g_assert_cmpint (item->source, ==, VIGIE_BACKUP_SOURCE_INCUS);
    g_assert_nonnull (item->target_type);
    g_assert_nonnull (item->target_project);
    g_assert_cmpint (item->time, >, 0);
  }
}

static gboolean
action_allowed (GListModel *actions,
                const char *id,
                const char **reason)
{
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(VigieAction) action = g_list_model_get_item (actions, i);

      if (g_str_equal (action->id, id))
        {
          if (reason != NULL)
            *reason = action->reason;
          return action->allowed;
        }
    }
  g_assert_not_reached ();
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  VigieBackend *backend = VIGIE_BACKEND (f->backend);
  g_autoptr(VigieInventory) before = fetch (backend, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS);
  g_autoptr(VigieInventory) after = NULL;
  g_autoptr(GListModel) actions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  VigieInstance *proxy = find (before, "proxy-01", "default");
  VigieInstance *student = find (before, "student-02", "lab");
  const char *reason = NULL;

  actions = vigie_backend_list_actions (backend, proxy);
  g_assert_true (action_allowed (actions, VIGIE_ACTION_START, NULL));
  g_assert_false (action_allowed (actions, VIGIE_ACTION_STOP, &reason));
  g_assert_nonnull (reason);
  g_assert_false (action_allowed (actions, VIGIE_ACTION_RESUME, NULL));
  g_assert_true (action_allowed (actions, VIGIE_ACTION_SNAPSHOT, NULL));
  g_assert_true (action_allowed (actions, VIGIE_ACTION_BACKUP, NULL));

  message = run_action (backend, proxy, VIGIE_ACTION_START, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  message = run_action (backend, student, VIGIE_ACTION_PAUSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&message, g_free);
  message = run_action (backend, student, VIGIE_ACTION_SNAPSHOT, &error);
  g_assert_no_error (error);
  g_clear_pointer (&message, g_free);
  message = run_action (backend, student, VIGIE_ACTION_BACKUP, &error);
  g_assert_no_error (error);
  g_clear_pointer (&message, g_free);

  /* The server's own reason comes back when an operation fails. */
  message = run_action (backend, find (before, "web-01", "default"), VIGIE_ACTION_START, &error);
  g_assert_null (message);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "already running"));

  after = fetch (backend, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS);
  g_assert_cmpint (find (after, "proxy-01", "default")->state, ==, VIGIE_STATE_RUNNING);
  student = find (after, "student-02", "lab");
  g_assert_cmpint (student->state, ==, VIGIE_STATE_PAUSED);
  g_assert_cmpint (student->snapshots, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (after->backups)), ==, 10);

  g_clear_object (&actions);
  actions = vigie_backend_list_actions (backend, student);
  g_assert_true (action_allowed (actions, VIGIE_ACTION_RESUME, NULL));
  g_assert_false (action_allowed (actions, VIGIE_ACTION_START, NULL));
}

static void
test_cpu_usage (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(VigieInventory) first = fetch (VIGIE_BACKEND (f->backend), VIGIE_FETCH_INVENTORY);
  g_autoptr(VigieInventory) second = NULL;
  gboolean waited = FALSE;
  VigieInstance *db;

  /* One sample is no usage. */
  g_assert_cmpfloat (find (first, "db-01", "default")->cpu_usage, <, 0);
  g_timeout_add (700, test_timeout_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  second = fetch (VIGIE_BACKEND (f->backend), VIGIE_FETCH_INVENTORY);
  db = find (second, "db-01", "default");
  g_assert_cmpfloat (db->cpu_usage, >, 0.05);
  g_assert_cmpfloat (db->cpu_usage, <=, 1.0);
  g_assert_cmpfloat (find (second, "build-01", "default")->cpu_usage, <, 0);   /* stopped */
}

static void
test_legacy_projects (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(VigieInventory) inventory = NULL;

  vigie_lab_incus_set_legacy (f->service, TRUE);
  inventory = fetch (VIGIE_BACKEND (f->backend), VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)), ==, 15);
  g_assert_cmpint (find (inventory, "student-04", "lab")->state, ==, VIGIE_STATE_PAUSED);
}

static void
test_cluster (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(VigieInventory) inventory = NULL;
  g_autoptr(VigieHost) online = NULL;
  g_autoptr(VigieHost) offline = NULL;

  vigie_lab_incus_set_clustered (f->service, TRUE);
  inventory = fetch (VIGIE_BACKEND (f->backend), VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpstr (extra_of (inventory, "clustered"), ==, "true");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts)), ==, 2);
  online = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), 0);
  offline = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), 1);
  g_assert_cmpstr (online->name, ==, "lab-incus");
  g_assert_cmpint (online->state, ==, VIGIE_HOST_ONLINE);
  g_assert_cmpint (online->cpu_threads, ==, 16);
  g_assert_cmpstr (online->version, ==, "6.0.3");
  g_assert_cmpstr (offline->name, ==, "lab-incus-2");
  g_assert_cmpint (offline->state, ==, VIGIE_HOST_OFFLINE);
  g_assert_cmpint (offline->cpu_threads, ==, VIGIE_UNSET);
  /* The lab's instances say "none" as location: no member is invented. */
  g_assert_null (find (inventory, "web-01", "default")->host);
}

typedef struct {
  guint    connections;
  gboolean connected;
  gboolean changed;
  char    *project;
  char    *name;
  char    *action;
} EventState;

static void
on_connected (VigieIncusBackend *backend,
              EventState        *state)
{
  state->connected = TRUE;
  state->connections++;
}

static void
on_changed (VigieIncusBackend *backend,
            const char        *project,
            const char        *name,
            const char        *action,
            EventState        *state)
{
  if (state->changed)
    return;
  state->changed = TRUE;
  state->project = g_strdup (project);
  state->name = g_strdup (name);
  state->action = g_strdup (action);
}

static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  VigieBackend *backend = VIGIE_BACKEND (f->backend);
  g_autoptr(VigieInventory) inventory = fetch (backend, VIGIE_FETCH_INVENTORY);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  EventState state = { 0 };

  g_signal_connect (f->backend, "events-connected", G_CALLBACK (on_connected), &state);
  g_signal_connect (f->backend, "instance-changed", G_CALLBACK (on_changed), &state);
  vigie_incus_backend_watch_events (f->backend);
  g_assert_true (test_wait_flag (&state.connected, 10));
  g_assert_true (vigie_incus_backend_is_watching_events (f->backend));

  message = run_action (backend, find (inventory, "k8s-01", "lab"), VIGIE_ACTION_STOP, &error);
  g_assert_no_error (error);
  g_assert_true (test_wait_flag (&state.changed, 10));
  g_assert_cmpstr (state.project, ==, "lab");
  g_assert_cmpstr (state.name, ==, "k8s-01");
  g_assert_cmpstr (state.action, ==, "instance-stopped");

  /* A dropped stream comes back (backoff starts at one second). */
  state.connected = FALSE;
  vigie_lab_incus_drop_event_listeners (f->service);
  g_assert_true (test_wait_flag (&state.connected, 10));
  g_assert_cmpuint (state.connections, ==, 2);

  vigie_incus_backend_unwatch_events (f->backend);
  g_assert_false (vigie_incus_backend_is_watching_events (f->backend));
  g_signal_handlers_disconnect_by_data (f->backend, &state);
  g_free (state.project);
  g_free (state.name);
  g_free (state.action);
}

static void
test_untrusted (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("stranger", VIGIE_KIND_INCUS,
                                                          f->service->url);
  g_autoptr(VigieIncusBackend) backend = NULL;
  g_autoptr(VigieInventory) inventory = NULL;
  g_autoptr(VigieInventory) bare = NULL;
  g_autoptr(VigieIncusBackend) nocert = NULL;

  vigie_endpoint_set_fingerprint (endpoint, f->service->fingerprint);
  backend = g_object_new (VIGIE_TYPE_INCUS_BACKEND, "endpoint", endpoint, "context", f->context,
                          NULL);
  g_assert_true (vigie_tls_generate_self_signed ("stranger", VIGIE_KEY_EC_P384, NULL, NULL, 30,
                                                 &cert, &key, &error));
  g_assert_true (vigie_incus_backend_set_client_pem (backend, cert, key, &error));
  inventory = fetch (VIGIE_BACKEND (backend), VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_AUTH_FAILED);
  g_assert_nonnull (inventory->error);
  g_assert_cmpint (vigie_backend_get_state (VIGIE_BACKEND (backend)), !=, VIGIE_CONNECTION_CONNECTED);

  /* No certificate at all. */
  nocert = g_object_new (VIGIE_TYPE_INCUS_BACKEND, "endpoint", endpoint, "context", f->context,
                         NULL);
  bare = fetch (VIGIE_BACKEND (nocert), VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (bare->status, ==, VIGIE_STATUS_AUTH_FAILED);
}

static void
test_enrol (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *token = vigie_lab_incus_make_token (f->service);
  g_autofree char *url = vigie_incus_token_get_url (token);
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("enrolled", VIGIE_KIND_INCUS, url);
  g_autoptr(VigieIncusBackend) backend = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *cert2 = NULL;
  g_autofree char *key2 = NULL;
  g_autoptr(VigieInventory) inventory = NULL;

  g_assert_cmpstr (url, ==, f->service->url);
  backend = g_object_new (VIGIE_TYPE_INCUS_BACKEND, "endpoint", endpoint, "context", f->context,
                          NULL);
  vigie_incus_backend_enrol_async (backend, token, NULL, test_got_result, &result);
  g_assert_true (vigie_incus_backend_enrol_finish (backend, test_wait (&result), &cert, &key,
                                                   &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (cert, "BEGIN CERTIFICATE"));
  g_assert_nonnull (strstr (key, "PRIVATE KEY"));
  g_assert_cmpstr (vigie_endpoint_get_fingerprint (endpoint), ==, f->service->fingerprint);
  g_assert_cmpint (vigie_backend_get_state (VIGIE_BACKEND (backend)), ==, VIGIE_CONNECTION_CONNECTED);
  inventory = fetch (VIGIE_BACKEND (backend), VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);

  /* What the add flow does with files the user already has. */
  g_assert_true (vigie_incus_import_pem (cert, key, &cert2, &key2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cert2, ==, cert);
  vigie_secret_free (g_steal_pointer (&key));
}

static char *
make_token (const char *fingerprint,
            const char *expires_at)
{
  g_autofree char *json = g_strdup_printf ("{\"client_name\":\"x\",\"fingerprint\":\"%s\","
                                           "\"addresses\":[],\"secret\":\"s3cr3t\","
                                           "\"expires_at\":\"%s\"}", fingerprint, expires_at);

  return g_base64_encode ((const guchar *) json, strlen (json));
}

static void
test_enrol_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *wrong = make_token ("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                                       "2099-01-01T00:00:00Z");
  g_autofree char *expired = make_token (f->service->fingerprint, "2001-01-01T00:00:00Z");
  g_autofree char *forged = make_token (f->service->fingerprint, "2099-01-01T00:00:00Z");
  const char *tokens[] = { wrong, expired, forged };
  const int codes[] = { VIGIE_ERROR_UNTRUSTED, VIGIE_ERROR_INVALID, VIGIE_ERROR_AUTH_FAILED };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("x", VIGIE_KIND_INCUS, f->service->url);
      g_autoptr(VigieIncusBackend) backend = g_object_new (VIGIE_TYPE_INCUS_BACKEND, "endpoint",
                                                           endpoint, "context", f->context, NULL);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *cert = NULL;
      g_autofree char *key = NULL;

      vigie_incus_backend_enrol_async (backend, tokens[i], NULL, test_got_result, &result);
      g_assert_false (vigie_incus_backend_enrol_finish (backend, test_wait (&result), &cert, &key,
                                                        &error));
      g_assert_nonnull (error);
      g_test_message ("token %u refused: %s", i, error->message);
      g_assert_error (error, VIGIE_ERROR, codes[i]);
      g_assert_null (cert);
      g_assert_cmpint (vigie_backend_get_state (VIGIE_BACKEND (backend)), !=,
                       VIGIE_CONNECTION_CONNECTED);
    }
}

typedef struct {
  GString  *output;
  gboolean  closed;
  int       status;
} ConsoleState;

static void
on_output (VigieConsole *console,
           GBytes       *bytes,
           ConsoleState *state)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  g_string_append_len (state->output, data, size);
}

static void
on_closed (VigieConsole *console,
           int           status,
           const char   *message,
           ConsoleState *state)
{
  state->closed = TRUE;
  state->status = status;
}

static void
test_console (Fixture       *f,
              gconstpointer  data)
{
  VigieBackend *backend = VIGIE_BACKEND (f->backend);
  g_autoptr(VigieInventory) inventory = fetch (backend, VIGIE_FETCH_INVENTORY);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieConsole) console = NULL;
  ConsoleState state = { g_string_new (NULL), FALSE, -2 };
  gboolean timed_out = FALSE;

  vigie_backend_open_console_async (backend, NULL, find (inventory, "web-01", "default"), NULL,
                                    test_got_result, &result);
  console = vigie_backend_open_console_finish (backend, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_true (VIGIE_IS_INCUS_CONSOLE (console));
  g_signal_connect (console, "output", G_CALLBACK (on_output), &state);
  g_signal_connect (console, "closed", G_CALLBACK (on_closed), &state);
  vigie_console_resize (console, 120, 40);
  vigie_console_write (console, (const guint8 *) "hello\n", 6);
  while (strstr (state.output->str, "command not found") == NULL && !timed_out)
    {
      g_timeout_add_seconds (5, test_timeout_cb, &timed_out);
      g_main_context_iteration (NULL, TRUE);
    }
  /* The lab's shell: a prompt with the instance's name, and an answer. */
  g_assert_nonnull (strstr (state.output->str, "root@web-01:~# "));
  g_assert_nonnull (strstr (state.output->str, "hello: command not found"));
  vigie_console_write (console, (const guint8 *) "exit\n", 5);
  g_assert_true (test_wait_flag (&state.closed, 10));
  g_assert_cmpint (state.status, ==, 0);
  g_assert_true (vigie_console_is_closed (console));
  g_signal_handlers_disconnect_by_data (console, &state);
  g_string_free (state.output, TRUE);

  /* A stopped instance has no terminal. */
  g_clear_object (&result);
  vigie_backend_open_console_async (backend, NULL, find (inventory, "build-01", "default"), NULL,
                                    test_got_result, &result);
  g_assert_null (vigie_backend_open_console_finish (backend, test_wait (&result), &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/vigie/incus-lab/inventory", test_inventory);
  ADD ("/vigie/incus-lab/legacy-projects", test_legacy_projects);
  ADD ("/vigie/incus-lab/cluster", test_cluster);
  ADD ("/vigie/incus-lab/cpu-usage", test_cpu_usage);
  ADD ("/vigie/incus-lab/actions", test_actions);
  ADD ("/vigie/incus-lab/events", test_events);
  ADD ("/vigie/incus-lab/untrusted", test_untrusted);
  ADD ("/vigie/incus-lab/enrol", test_enrol);
  ADD ("/vigie/incus-lab/enrol-refused", test_enrol_refused);
  ADD ("/vigie/incus-lab/console", test_console);
#undef ADD

  return g_test_run ();
}
