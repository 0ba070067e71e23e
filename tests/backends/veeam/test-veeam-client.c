/* test-veeam-client.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Veeam backend against an in-process SoupServer on 127.0.0.1, and
 * against the demo lab's Veeam.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vigie-backends.h"
#include "vigie-error.h"
#include "vigie-lab.h"

#define T0 1782518400
#define N_OBJECTS 7
#define PAGE 3

typedef enum {
  MODE_OK,
  MODE_TRUNCATED,
  MODE_VIEWER,
  MODE_ALWAYS_401,
} Mode;

typedef struct {
  SoupServer       *server;
  char             *url;
  Mode              mode;
  GStrv             supported;
  guint             password_grants;
  guint             refresh_grants;
  guint             object_pages;
  guint             serial;
  GHashTable       *access;
  GHashTable       *refresh;
  char             *last_revision;
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
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
issue_token (Fixture           *f,
             SoupServerMessage *msg)
{
  g_autofree char *access = g_strdup_printf ("access-%u", ++f->serial);
  g_autofree char *refresh = g_strdup_printf ("refresh-%u", f->serial);
  g_autofree char *body = NULL;

  g_hash_table_add (f->access, g_strdup (access));
  g_hash_table_add (f->refresh, g_strdup (refresh));
  body = g_strdup_printf ("{\"access_token\":\"%s\",\"token_type\":\"bearer\","
                          "\"refresh_token\":\"%s\",\"expires_in\":900}", access, refresh);
  reply (msg, 200, body);
}

static void
collection (SoupServerMessage *msg,
            GHashTable        *query,
            guint              total,
            const char        *format)
{
  const char *skip_text = query ? g_hash_table_lookup (query, "skip") : NULL;
  guint skip = skip_text ? atoi (skip_text) : 0;
  g_autoptr(GString) body = g_string_new ("{\"data\":[");
  guint count = 0;

  for (guint i = skip; i < total && count < PAGE; i++, count++)
    {
      if (count > 0)
        g_string_append_c (body, ',');
      g_string_append_printf (body, format, i, i, i);
    }
  g_string_append_printf (body, "],\"pagination\":{\"total\":%u,\"count\":%u,\"skip\":%u,"
                          "\"limit\":%u}}", total, count, skip, PAGE);
  reply (msg, 200, body->str);
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
  const char *rev = soup_message_headers_get_one (headers, "x-api-version");
  const char *auth = soup_message_headers_get_one (headers, "Authorization");

  if (rev == NULL || !g_strv_contains ((const char * const *) f->supported, rev))
    {
      g_autofree char *list = g_strjoinv (", v", f->supported);
      g_autofree char *body = g_strdup_printf ("{\"errorCode\":\"UnknownError\",\"message\":"
                                               "\"Unsupported RESTAPI version. The following "
                                               "versions are supported: v%s.\"}", list);
      reply (msg, 400, body);
      return;
    }
  g_free (f->last_revision);
  f->last_revision = g_strdup (rev);

  if (g_str_equal (path, "/api/oauth2/token"))
    {
      SoupMessageBody *request = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_autoptr(GHashTable) form = soup_form_decode (text);
      const char *grant = g_hash_table_lookup (form, "grant_type");

      if (g_strcmp0 (grant, "password") == 0 &&
          g_strcmp0 (g_hash_table_lookup (form, "username"), "TECH\\admin") == 0 &&
          g_strcmp0 (g_hash_table_lookup (form, "password"), "s3cret&=") == 0)
        {
          f->password_grants++;
          issue_token (f, msg);
        }
      else if (g_strcmp0 (grant, "refresh_token") == 0 &&
               g_hash_table_remove (f->refresh, g_hash_table_lookup (form, "refresh_token")))
        {
          f->refresh_grants++;
          issue_token (f, msg);
        }
      else
        reply (msg, 400, "{\"error\":\"invalid_grant\",\"error_description\":"
                         "\"The user name or password is incorrect\"}");
      return;
    }
  if (f->mode == MODE_ALWAYS_401 || auth == NULL || !g_str_has_prefix (auth, "Bearer ") ||
      !g_hash_table_contains (f->access, auth + 7))
    {
      reply (msg, 401, "{\"errorCode\":\"AccessDenied\",\"message\":\"Unauthorized\"}");
      return;
    }

  if (g_str_equal (path, "/api/v1/serverInfo"))
    {
      if (f->mode == MODE_VIEWER)
        reply (msg, 403, "{\"errorCode\":\"AccessDenied\",\"message\":\"Access is denied\"}");
      else
        reply (msg, 200, "{\"vbrId\":\"x\",\"name\":\"vbr01\",\"buildVersion\":\"12.2.0.334\"}");
    }
  else if (g_str_equal (path, "/api/v1/license"))
    reply (msg, 200, "{\"status\":\"Valid\",\"edition\":\"Standard\",\"type\":\"Perpetual\"}");
  else if (g_str_equal (path, "/api/v1/backupInfrastructure/repositories/states"))
    collection (msg, query, 2, "{\"id\":\"r%u\",\"name\":\"repo%u\",\"type\":\"WinLocal\","
                               "\"capacityGB\":100,\"freeGB\":40,\"usedSpaceGB\":%u,"
                               "\"isOnline\":true}");
  else if (g_str_equal (path, "/api/v1/jobs/states"))
    {
      if (f->mode == MODE_TRUNCATED)
        reply (msg, 200, "{\"data\":[{\"id\":\"j1\",\"na");
      else
        reply (msg, 200, "{\"data\":[{\"id\":\"j1\",\"name\":\"Job one\",\"type\":\"Backup\","
                         "\"status\":\"Inactive\",\"lastResult\":\"FAILED\",\"sessionId\":\"s1\","
                         "\"lastRun\":\"2026-06-26T22:00:00Z\"}],"
                         "\"pagination\":{\"total\":1,\"count\":1}}");
    }
  else if (g_str_equal (path, "/api/v1/jobs"))
    reply (msg, 200, "{\"data\":[],\"pagination\":{\"total\":0,\"count\":0}}");
  else if (g_str_equal (path, "/api/v1/sessions"))
    reply (msg, 200, "{\"data\":[{\"id\":\"s1\",\"jobId\":\"j1\",\"creationTime\":"
                     "\"2026-06-26T22:00:00Z\",\"result\":{\"result\":\"Failed\","
                     "\"message\":\"disk full\"}}],\"pagination\":{\"total\":1,\"count\":1}}");
  else if (g_str_equal (path, "/api/v1/backups"))
    reply (msg, 200, "{\"data\":[{\"id\":\"b1\",\"jobId\":\"j1\",\"name\":\"Job one\"}],"
                     "\"pagination\":{\"total\":1,\"count\":1}}");
  else if (g_str_equal (path, "/api/v1/backupObjects"))
    {
      f->object_pages++;
      collection (msg, query, N_OBJECTS, "{\"id\":\"o%u\",\"name\":\"vm%u\",\"type\":\"VM\","
                                         "\"objectId\":\"vm-%u\"}");
    }
  else if (g_str_has_prefix (path, "/api/v1/backupObjects/"))
    reply (msg, 200, "{\"data\":[{\"id\":\"p\",\"creationTime\":\"2026-06-25T22:00:00Z\","
                     "\"backupId\":\"b1\"}],\"pagination\":{\"total\":1,\"count\":1}}");
  else
    reply (msg, 404, "{\"errorCode\":\"NotFound\",\"message\":\"Resource does not exist\"}");
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
  f->supported = g_strsplit ("1.2-rev1,1.1-rev2", ",", -1);
  f->access = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->refresh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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
  g_strfreev (f->supported);
  g_hash_table_unref (f->access);
  g_hash_table_unref (f->refresh);
  g_free (f->last_revision);
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
make_backend (VigieContext *context,
              const char   *url,
              const char   *user,
              const char   *password,
              const char   *fingerprint)
{
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("veeam-test", VIGIE_KIND_VEEAM, url);
  gboolean done = FALSE;

  vigie_endpoint_set_user (endpoint, user);
  if (fingerprint != NULL)
    vigie_endpoint_set_fingerprint (endpoint, fingerprint);
  vigie_secret_store_store_async (vigie_context_get_secret_store (context),
                                  vigie_endpoint_get_uuid (endpoint), VIGIE_SECRET_PASSWORD,
                                  "test", password, NULL, store_cb, &done);
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
default_backend (Fixture *f)
{
  return make_backend (f->context, f->url, "TECH\\admin", "s3cret&=", NULL);
}

static void
test_fetch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = default_backend (f);
  g_autoptr(VigieInventory) inv = fetch (backend, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS);
  g_autoptr(VigieStorage) storage = NULL;
  g_autoptr(VigieJob) job = NULL;
  guint n, n_failed = 0, n_points = 0;

  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (inv->warnings->len, ==, 0);
  g_assert_cmpstr (inv->product, ==, "Veeam Backup & Replication");
  g_assert_cmpstr (inv->version, ==, "12.2.0.334");
  g_assert_cmpstr (inv->api_version, ==, "1.2-rev1");
  g_assert_cmpstr (inv->license, ==, "Standard");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inv->hosts)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inv->storage)), ==, 2);
  storage = g_list_model_get_item (G_LIST_MODEL (inv->storage), 0);
  g_assert_cmpint (storage->total_bytes, ==, 100 * G_GINT64_CONSTANT (1073741824));
  g_assert_cmpint (storage->used_bytes, ==, 60 * G_GINT64_CONSTANT (1073741824));

  /* Pagination: 7 objects in pages of 3. */
  g_assert_cmpuint (f->object_pages, ==, 3);
  n = g_list_model_get_n_items (G_LIST_MODEL (inv->backups));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieBackupItem) item = g_list_model_get_item (G_LIST_MODEL (inv->backups), i);

      g_assert_cmpstr (item->job, ==, "Job one");
      g_assert_nonnull (item->target_id);
      if (item->failed)
        n_failed++;
      else
        n_points++;
    }
  g_assert_cmpuint (n_points, ==, N_OBJECTS);
  g_assert_cmpuint (n_failed, ==, N_OBJECTS);   /* the job's last session failed */
  job = g_list_model_get_item (G_LIST_MODEL (inv->jobs), 0);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_FAILED);   /* "FAILED": any case */
  g_assert_cmpstr (job->message, ==, "disk full");
  g_assert_cmpuint (f->password_grants, ==, 1);
  g_assert_cmpuint (f->refresh_grants, ==, 0);
}

static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = default_backend (f);
  g_autoptr(VigieInventory) inv = fetch (backend, VIGIE_FETCH_INVENTORY);
  g_autoptr(VigieInventory) inv2 = NULL;
  g_autoptr(VigieInventory) inv3 = NULL;

  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (f->password_grants, ==, 1);

  vigie_clock_advance (f->clock, 300);
  inv2 = fetch (backend, VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (inv2->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (f->refresh_grants, ==, 0);

  /* Past expires_in (900 s) on the injected clock: the refresh grant. */
  vigie_clock_advance (f->clock, 700);
  inv3 = fetch (backend, VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (inv3->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (f->refresh_grants, ==, 1);
  g_assert_cmpuint (f->password_grants, ==, 1);
}

static void
test_refresh_on_401 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = default_backend (f);
  g_autoptr(VigieInventory) inv = fetch (backend, VIGIE_FETCH_INVENTORY);
  g_autoptr(VigieInventory) inv2 = NULL;

  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_OK);
  /* The server forgets every access token (a restart, a revocation). */
  g_hash_table_remove_all (f->access);
  inv2 = fetch (backend, VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (inv2->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (inv2->warnings->len, ==, 0);
  g_assert_cmpuint (f->refresh_grants, >=, 1);
}

static void
test_revision_fallback (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieInventory) inv = NULL;

  g_strfreev (f->supported);
  f->supported = g_strsplit ("1.0-rev1,1.0-rev2,1.1-rev0", ",", -1);
  backend = default_backend (f);
  inv = fetch (backend, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS);
  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpstr (inv->api_version, ==, "1.1-rev0");
  g_assert_cmpstr (f->last_revision, ==, "1.1-rev0");
}

static void
test_no_common_revision (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieInventory) inv = NULL;

  g_strfreev (f->supported);
  f->supported = g_strsplit ("1.3-rev2", ",", -1);
  backend = default_backend (f);
  inv = fetch (backend, VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_PROTOCOL_ERROR);
  g_assert_nonnull (strstr (inv->error, "1.3-rev2"));
}

static void
test_bad_password (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = make_backend (f->context, f->url, "TECH\\admin", "nope",
                                                  NULL);
  g_autoptr(VigieInventory) inv = fetch (backend, VIGIE_FETCH_INVENTORY);

  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_AUTH_FAILED);
  g_assert_nonnull (strstr (inv->error, "incorrect"));
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = default_backend (f);
  g_autoptr(VigieInventory) inv = NULL;

  f->mode = MODE_TRUNCATED;
  inv = fetch (backend, VIGIE_FETCH_BACKUPS);
  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_PROTOCOL_ERROR);
}

static void
test_viewer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = default_backend (f);
  g_autoptr(VigieInventory) inv = NULL;

  f->mode = MODE_VIEWER;
  inv = fetch (backend, VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_OK);
  g_assert_null (inv->version);
  g_assert_cmpuint (inv->warnings->len, ==, 1);
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(VigieBackend) backend = default_backend (f);
  g_autoptr(VigieInventory) inv = NULL;

  /* Tokens are issued but every call is refused, even after a refresh. */
  f->mode = MODE_ALWAYS_401;
  inv = fetch (backend, VIGIE_FETCH_INVENTORY);
  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_AUTH_FAILED);
  g_assert_cmpuint (f->refresh_grants, >=, 1);
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
  g_autoptr(VigieInventory) inv = NULL;
  g_autoptr(GHashTable) newest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  VigieLabService *service;
  guint n, n_failed = 0, n_app = 0, n_failed_jobs = 0;

  vigie_lab_set_now (lab, T0);
  vigie_lab_start (lab, &error);
  g_assert_no_error (error);
  service = vigie_lab_find_service (lab, "lab-veeam");
  g_assert_nonnull (service);
  g_assert_cmpint (service->secret_purpose, ==, VIGIE_SECRET_PASSWORD);

  backend = make_backend (context, service->url, service->user, service->secret,
                          service->fingerprint);
  inv = fetch (backend, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS);
  g_assert_cmpint (inv->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (inv->warnings->len, ==, 0);
  g_assert_cmpstr (inv->api_version, ==, "1.1-rev2");
  g_assert_cmpstr (inv->version, ==, "12.2.0.334");
  g_assert_cmpstr (inv->license, ==, "Community");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inv->storage)), ==, 2);

  n = g_list_model_get_n_items (G_LIST_MODEL (inv->jobs));
  g_assert_cmpuint (n, ==, 10);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieJob) job = g_list_model_get_item (G_LIST_MODEL (inv->jobs), i);
      const char *kinds[] = { "backup", "backup", "backup", "backup", "replica", "backup-copy",
                              "file-backup", "agent-backup", "agent-backup", "entra-id-backup" };

      /* Every job the server runs, not only its backup jobs. */
      g_assert_cmpstr (job->kind, ==, kinds[i]);

      if (job->last_result == VIGIE_JOB_FAILED && g_str_equal (job->kind, "backup"))
        {
          n_failed_jobs++;
          g_assert_cmpstr (job->name, ==, "Databases");
          g_assert_nonnull (job->message);
          g_assert_cmpuint (job->targets->len, ==, 2);
        }
      if (g_str_equal (job->name, "Legacy"))
        g_assert_cmpint (job->enabled, ==, 0);
    }
  g_assert_cmpuint (n_failed_jobs, ==, 1);

  n = g_list_model_get_n_items (G_LIST_MODEL (inv->backups));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieBackupItem) item = g_list_model_get_item (G_LIST_MODEL (inv->backups), i);
      gint64 best;

      g_assert_cmpint (item->source, ==, VIGIE_BACKUP_SOURCE_VEEAM);
      g_assert_nonnull (item->target_id);
      g_assert_nonnull (item->target_host);
      if (item->failed)
        {
          n_failed++;
          g_assert_cmpstr (item->job, ==, "Databases");
          continue;
        }
      if (g_strcmp0 (item->target_name, "legacy-app") == 0)
        n_app++;
      best = GPOINTER_TO_SIZE (g_hash_table_lookup (newest, item->target_id));
      if (item->time > best)
        g_hash_table_insert (newest, g_strdup (item->target_id), GSIZE_TO_POINTER (item->time));
    }
  g_assert_cmpuint (n, ==, 6 * 4 + 2);
  g_assert_cmpuint (n_failed, ==, 2);
  g_assert_cmpuint (n_app, ==, 8);
  g_assert_cmpuint (g_hash_table_size (newest), ==, 6);
  g_assert_cmpint (T0 - (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (newest, "1")), <,
                   24 * 3600);
  g_assert_cmpint (T0 - (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (newest, "vm-6")), >,
                   5 * 24 * 3600);

  vigie_lab_stop (lab);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/vigie/veeam-client/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("fetch", test_fetch);
  ADD ("refresh", test_refresh);
  ADD ("refresh-on-401", test_refresh_on_401);
  ADD ("revision-fallback", test_revision_fallback);
  ADD ("no-common-revision", test_no_common_revision);
  ADD ("bad-password", test_bad_password);
  ADD ("truncated", test_truncated);
  ADD ("viewer", test_viewer);
  ADD ("unauthorized", test_unauthorized);
  g_test_add_func ("/vigie/veeam-client/lab", test_lab);

  return g_test_run ();
}
