/* test-pbs-client.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PBS backend against an in-process SoupServer on 127.0.0.1, and
 * against the demo lab's PBS.
 */

#include "config.h"

#include <string.h>

#include "vigie-backends.h"
#include "vigie-error.h"
#include "vigie-lab.h"

#define T0 1782518400   /* 2026-06-27T00:00:00Z */

typedef enum {
  MODE_OK,
  MODE_PLAIN_ERROR,
  MODE_UNAUTHORIZED,
  MODE_TRUNCATED,
  MODE_NO_DATA,
} Mode;

typedef struct {
  SoupServer       *server;
  char             *url;
  Mode              mode;
  guint             logins;
  guint             requests;
  VigieSecretStore *secrets;
  VigieClock       *clock;
  VigieContext     *context;
} Fixture;

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json;charset=UTF-8", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  const char *cookie = soup_message_headers_get_one (headers, "Cookie");

  f->requests++;
  if (g_str_equal (path, "/api2/json/access/ticket"))
    {
      SoupMessageBody *request = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) body = soup_message_body_flatten (request);
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_autoptr(GHashTable) form = soup_form_decode (text);
      g_autofree char *answer = NULL;

      if (g_strcmp0 (g_hash_table_lookup (form, "username"), "admin@pbs") != 0 ||
          g_strcmp0 (g_hash_table_lookup (form, "password"), "p@ss w=rd") != 0)
        {
          reply (msg, 401, "authentication failed - invalid credentials");
          return;
        }
      f->logins++;
      answer = g_strdup_printf ("{\"data\":{\"username\":\"admin@pbs\",\"ticket\":"
                                "\"PBS:admin@pbs:%08X::sig%u\",\"CSRFPreventionToken\":\"c%u\"}}",
                                T0, f->logins, f->logins);
      reply (msg, 200, answer);
      return;
    }

  if (g_strcmp0 (auth, "PBSAPIToken=root@pam!vigie:s3cret") != 0)
    {
      g_autofree char *expected = g_strdup_printf ("PBSAuthCookie=PBS:admin@pbs:%08X::sig%u",
                                                   T0, f->logins);

      if (f->logins == 0 || g_strcmp0 (cookie, expected) != 0)
        {
          reply (msg, 401, "authentication failed - invalid credentials");
          return;
        }
    }

  if (f->mode == MODE_UNAUTHORIZED)
    {
      reply (msg, 401, "authentication failed - no permissions");
      return;
    }
  if (g_str_equal (path, "/api2/json/version"))
    {
      if (f->mode == MODE_PLAIN_ERROR)
        reply (msg, 400, "unable to read version file - No such file or directory (os error 2)");
      else if (f->mode == MODE_TRUNCATED)
        reply (msg, 200, "{\"data\":{\"version\":\"4.1\",\"rel");
      else if (f->mode == MODE_NO_DATA)
        reply (msg, 200, "{\"version\":\"4.1\"}");
      else
        reply (msg, 200, "{\"data\":{\"version\":\"4.1\",\"release\":\"2\",\"repoid\":\"abc\"}}");
    }
  else if (g_str_equal (path, "/api2/json/admin/datastore"))
    reply (msg, 200, "{\"data\":[{\"store\":\"store1\"}]}");
  else if (g_str_equal (path, "/api2/json/status/datastore-usage"))
    reply (msg, 200, "{\"data\":[{\"store\":\"store1\",\"total\":1000,\"used\":250}]}");
  else if (g_str_equal (path, "/api2/json/nodes/localhost/status"))
    reply (msg, 200, "{\"data\":{\"memory\":{\"total\":100,\"used\":50},"
                     "\"uptime\":9,\"cpu\":0.5}}");
  else if (g_str_equal (path, "/api2/json/admin/datastore/store1/namespace"))
    reply (msg, 200, "{\"data\":[{\"ns\":\"\"},{\"ns\":\"pve\"}]}");
  else if (g_str_equal (path, "/api2/json/admin/datastore/store1/snapshots"))
    {
      const char *ns = query ? g_hash_table_lookup (query, "ns") : NULL;

      if (g_strcmp0 (ns, "pve") == 0)
        reply (msg, 200, "{\"data\":[{\"backup-type\":\"vm\",\"backup-id\":\"100\","
                         "\"backup-time\":1782500000,\"size\":42,\"protected\":false,"
                         "\"verification\":{\"state\":\"ok\"}}]}");
      else
        reply (msg, 200, "{\"data\":[]}");
    }
  else if (g_str_equal (path, "/api2/json/admin/gc"))
    /* A PBS 3.2: no such path, a plain-text 400 as PBS sends it. */
    reply (msg, 400, "Path '/api2/json/admin/gc' not found.");
  else if (g_str_equal (path, "/api2/json/admin/datastore/store1/gc"))
    reply (msg, 200, "{\"data\":{\"upid\":\"UPID:pbs:00000001:00000002:00000000:6A3F0000:"
                     "garbage_collection:store1:root@pam:\",\"disk-bytes\":5}}");
  else if (g_str_equal (path, "/api2/json/admin/verify"))
    reply (msg, 403, "permission check failed");
  else if (g_str_has_prefix (path, "/api2/json/admin/"))
    reply (msg, 200, "{\"data\":[]}");
  else if (g_str_equal (path, "/api2/json/nodes/localhost/tasks"))
    reply (msg, 200, "{\"data\":[{\"worker_type\":\"backup\","
                     "\"worker_id\":\"store1:ns/pve/vm/101\","
                     "\"starttime\":1782510000,\"status\":\"job failed\"}],\"total\":1}");
  else
    reply (msg, 404, "Path not found.");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, handler, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  f->secrets = vigie_secret_store_new_memory ();
  f->clock = vigie_clock_new_fixed (T0);
  f->context = vigie_context_new (f->secrets, f->clock);
  vigie_context_set_timeout (f->context, 20);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  g_clear_object (&f->secrets);
  g_free (f->url);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  vigie_secret_store_store_finish (VIGIE_SECRET_STORE (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static VigieBackend *
make_backend (VigieContext       *context,
              const char         *url,
              const char         *user,
              const char         *token_id,
              VigieSecretPurpose  purpose,
              const char         *secret,
              const char         *fingerprint)
{
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("pbs-test", VIGIE_KIND_PBS, url);
  gboolean done = FALSE;

  if (user != NULL)
    vigie_endpoint_set_user (endpoint, user);
  if (token_id != NULL)
    vigie_endpoint_set_token_id (endpoint, token_id);
  if (fingerprint != NULL)
    vigie_endpoint_set_fingerprint (endpoint, fingerprint);
  vigie_secret_store_store_async (vigie_context_get_secret_store (context),
                                  vigie_endpoint_get_uuid (endpoint), purpose, "test", secret,
                                  NULL, store_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return vigie_backend_new_for_endpoint (endpoint, context);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  VigieInventory **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = vigie_backend_fetch_finish (VIGIE_BACKEND (object), result, &error);
  g_assert_no_error (error);
}

static VigieInventory *
fetch (VigieBackend    *backend,
       VigieFetchFlags  flags)
{
  VigieInventory *inventory = NULL;

  vigie_backend_fetch_async (backend, flags, NULL, fetch_cb, &inventory);
  while (inventory == NULL)
    g_main_context_iteration (NULL, TRUE);
  return inventory;
}

static VigieBackend *
token_backend (Fixture *f)
{
  return make_backend (f->context, f->url, NULL, "root@pam!vigie", VIGIE_SECRET_TOKEN,
                       "s3cret", NULL);
}

static void
test_token (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = token_backend (f);
  g_autoptr(VigieInventory) inv = fetch (backend, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS);
  g_autoptr(VigieStorage) storage = NULL;
  g_autoptr(VigieHost) host = NULL;
  guint n_backups;

  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpstr (inv->product, ==, "Proxmox Backup Server");
  g_assert_cmpstr (inv->version, ==, "4.1.2");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inv->instances)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inv->hosts)), ==, 1);
  host = g_list_model_get_item (G_LIST_MODEL (inv->hosts), 0);
  g_assert_cmpstr (host->name, ==, "127.0.0.1");
  g_assert_cmpstr (host->version, ==, "4.1.2");
  storage = g_list_model_get_item (G_LIST_MODEL (inv->storage), 0);
  g_assert_cmpstr (storage->name, ==, "store1");
  g_assert_cmpint (storage->total_bytes, ==, 1000);
  g_assert_cmpint (storage->used_bytes, ==, 250);

  /* One snapshot in ns "pve", one failed task for vm/101. */
  n_backups = g_list_model_get_n_items (G_LIST_MODEL (inv->backups));
  g_assert_cmpuint (n_backups, ==, 2);
  for (guint i = 0; i < n_backups; i++)
    {
      g_autoptr(VigieBackupItem) item = g_list_model_get_item (G_LIST_MODEL (inv->backups), i);

      g_assert_cmpstr (item->endpoint, ==, "pbs-test");
      g_assert_cmpstr (item->namespace_, ==, "pve");
      if (item->failed)
        g_assert_cmpstr (item->target_id, ==, "101");
      else
        {
          g_assert_cmpstr (item->target_id, ==, "100");
          g_assert_cmpint (item->verified, ==, VIGIE_VERIFIED_OK);
        }
    }
  /* /admin/gc is missing: the per-datastore status stands in. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inv->jobs)), ==, 1);
  /* /admin/verify refused: a warning, with the server's plain-text words. */
  g_assert_cmpuint (inv->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (inv->warnings, 0), "permission check failed"));
}

static void
test_ticket (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = make_backend (f->context, f->url, "admin@pbs", NULL,
                                                  VIGIE_SECRET_PASSWORD, "p@ss w=rd", NULL);
  g_autoptr(VigieInventory) inv = fetch (backend, VIGIE_FETCH_INVENTORY);
  g_autoptr(VigieInventory) inv2 = NULL;
  g_autoptr(VigieInventory) inv3 = NULL;

  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpstr (inv->version, ==, "4.1.2");
  g_assert_cmpuint (f->logins, ==, 1);

  /* Still fresh: no new login. */
  vigie_clock_advance (f->clock, 10 * 60);
  inv2 = fetch (backend, VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (inv2->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (f->logins, ==, 1);

  /* Past the renewal age on the injected clock: a new ticket first. */
  vigie_clock_advance (f->clock, 2 * 60 * 60);
  inv3 = fetch (backend, VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (inv3->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (f->logins, ==, 2);
}

static void
test_bad_password (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = make_backend (f->context, f->url, "admin@pbs", NULL,
                                                  VIGIE_SECRET_PASSWORD, "wrong", NULL);
  g_autoptr(VigieInventory) inv = fetch (backend, VIGIE_FETCH_INVENTORY);

  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_AUTH_FAILED);
  g_assert_nonnull (strstr (inv->error, "invalid credentials"));
}

static void
test_error_mode (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = token_backend (f);
  g_autoptr(VigieInventory) inv = NULL;

  f->mode = GPOINTER_TO_INT (data);
  inv = fetch (backend, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS);
  switch (f->mode)
    {
    case MODE_PLAIN_ERROR:
      g_assert_cmpint (inv->status, ==, VIGIE_STATUS_ERROR);
      g_assert_nonnull (strstr (inv->error, "unable to read version file"));
      break;
    case MODE_UNAUTHORIZED:
      g_assert_cmpint (inv->status, ==, VIGIE_STATUS_AUTH_FAILED);
      break;
    case MODE_TRUNCATED:
    case MODE_NO_DATA:
      g_assert_cmpint (inv->status, ==, VIGIE_STATUS_PROTOCOL_ERROR);
      break;
    case MODE_OK:
    default:
      g_assert_not_reached ();
    }
}

static void
test_lab (void)
{
  g_autoptr(VigieLab) lab = vigie_lab_new ("127.0.0.1", 0, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_fixed (T0);
  g_autoptr(VigieContext) context = vigie_context_new (secrets, clock);
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieBackend) ticket_backend = NULL;
  g_autoptr(VigieInventory) inv = NULL;
  g_autoptr(VigieInventory) inv2 = NULL;
  g_autoptr(GHashTable) newest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  VigieLabService *service;
  guint n_failed = 0, n_bad_verify = 0, n_failed_jobs = 0;
  guint n;

  vigie_lab_set_now (lab, T0);
  vigie_lab_start (lab, &error);
  g_assert_no_error (error);
  service = vigie_lab_find_service (lab, "lab-pbs");
  g_assert_nonnull (service);
  g_assert_cmpstr (service->token_id, ==, "root@pam!vigie");
  g_assert_cmpint (service->secret_purpose, ==, VIGIE_SECRET_TOKEN);

  backend = make_backend (context, service->url, NULL, service->token_id, VIGIE_SECRET_TOKEN,
                          service->secret, service->fingerprint);
  inv = fetch (backend, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS);
  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (inv->warnings->len, ==, 0);
  g_assert_cmpstr (inv->version, ==, "4.1.2");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inv->hosts)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inv->storage)), ==, 2);

  n = g_list_model_get_n_items (G_LIST_MODEL (inv->backups));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieBackupItem) item = g_list_model_get_item (G_LIST_MODEL (inv->backups), i);
      gint64 best;

      if (item->failed)
        {
          n_failed++;
          g_assert_cmpstr (item->target_id, ==, "207");
          g_assert_cmpstr (item->namespace_, ==, "pve-demo");
          continue;
        }
      if (g_strcmp0 (item->namespace_, "pve-demo") != 0)
        continue;
      g_assert_cmpstr (item->location, ==, "store1");
      best = GPOINTER_TO_SIZE (g_hash_table_lookup (newest, item->target_id));
      if (item->time > best)
        {
          g_hash_table_insert (newest, g_strdup (item->target_id), GSIZE_TO_POINTER (item->time));
          if (item->verified == VIGIE_VERIFIED_FAILED)
            n_bad_verify++;
        }
    }
  g_assert_cmpuint (n_failed, ==, 1);
  g_assert_cmpuint (n_bad_verify, ==, 1);
  /* As the demo cluster's job wrote them (daily at 01:00), plus the manual
   * ones: never backed up 106, 206; fresh 100; stale 201. */
  g_assert_false (g_hash_table_contains (newest, "106"));
  g_assert_false (g_hash_table_contains (newest, "206"));
  g_assert_cmpint (T0 - (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (newest, "100")), <,
                   24 * 3600);
  g_assert_cmpint (GPOINTER_TO_SIZE (g_hash_table_lookup (newest, "100")) % (24 * 3600), ==,
                   3600);
  g_assert_cmpint (T0 - (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (newest, "201")), >,
                   3 * 24 * 3600);
  g_assert_cmpuint (g_hash_table_size (newest), ==, 9);

  n = g_list_model_get_n_items (G_LIST_MODEL (inv->jobs));
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieJob) job = g_list_model_get_item (G_LIST_MODEL (inv->jobs), i);

      if (job->last_result == VIGIE_JOB_FAILED)
        {
          n_failed_jobs++;
          g_assert_cmpstr (job->kind, ==, "verify");
        }
      g_assert_cmpint (job->last_run, >, 0);
      g_assert_cmpint (job->next_run, >, T0);
    }
  g_assert_cmpuint (n_failed_jobs, ==, 1);

  /* The lab also takes a user and password (the same secret). */
  ticket_backend = make_backend (context, service->url, service->user, NULL,
                                 VIGIE_SECRET_PASSWORD, service->secret, service->fingerprint);
  inv2 = fetch (ticket_backend, VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (inv2->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inv2->storage)), ==, 2);

  vigie_lab_stop (lab);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/vigie/pbs-client/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("token", test_token, NULL);
  ADD ("ticket", test_ticket, NULL);
  ADD ("bad-password", test_bad_password, NULL);
  ADD ("plain-text-error", test_error_mode, GINT_TO_POINTER (MODE_PLAIN_ERROR));
  ADD ("unauthorized", test_error_mode, GINT_TO_POINTER (MODE_UNAUTHORIZED));
  ADD ("truncated", test_error_mode, GINT_TO_POINTER (MODE_TRUNCATED));
  ADD ("no-data", test_error_mode, GINT_TO_POINTER (MODE_NO_DATA));
  g_test_add_func ("/vigie/pbs-client/lab", test_lab);

  return g_test_run ();
}
