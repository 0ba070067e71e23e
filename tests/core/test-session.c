/* test-session.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session every REST backend uses, against a loopback SoupServer that
 * accepts one token at a time: concurrent callers share one login, a 401
 * gives exactly one new login and one retry, a second 401 is an error (no
 * loop), invalidate and the lifetime on the context's clock log in again,
 * a refused login is not tried again until reset, static credentials never
 * log in.
 */

#include "config.h"

#include <string.h>

#include "vigie-error.h"
#include "vigie-http-client.h"
#include "vigie-session.h"

/* A backend whose login answers on the next main loop iteration with the
 * token "t<number of logins>", so that callers overlap it. */

#define FAKE_TYPE_BACKEND (fake_backend_get_type ())
G_DECLARE_FINAL_TYPE (FakeBackend, fake_backend, FAKE, BACKEND, VigieBackend)

struct _FakeBackend
{
  VigieBackend  parent_instance;
  VigieSession *session;
  guint         logins;
  gboolean      refuse;
  char         *token;
};

G_DEFINE_FINAL_TYPE (FakeBackend, fake_backend, VIGIE_TYPE_BACKEND)

static gboolean
login_done (gpointer user_data)
{
  GTask *task = user_data;
  FakeBackend *self = g_task_get_source_object (task);

  if (self->refuse)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED, "refused");
      return G_SOURCE_REMOVE;
    }
  g_free (self->token);
  self->token = g_strdup_printf ("t%u", self->logins);
  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static void
fake_login_async (VigieBackend        *backend,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  FakeBackend *self = FAKE_BACKEND (backend);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  self->logins++;
  g_idle_add_full (G_PRIORITY_DEFAULT, login_done, task, g_object_unref);
}

static gboolean
fake_login_finish (VigieBackend  *backend,
                   GAsyncResult  *result,
                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fake_prepare (VigieBackend *backend,
              SoupMessage  *message)
{
  FakeBackend *self = FAKE_BACKEND (backend);

  if (self->token != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "X-Token",
                                  self->token);
}

static void
fake_backend_finalize (GObject *object)
{
  FakeBackend *self = FAKE_BACKEND (object);

  g_assert_finalize_object (self->session);
  g_free (self->token);
  G_OBJECT_CLASS (fake_backend_parent_class)->finalize (object);
}

static void
fake_backend_class_init (FakeBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fake_backend_finalize;
}

static void
fake_backend_init (FakeBackend *self)
{
}

typedef struct {
  SoupServer   *server;
  char         *url;
  VigieClock   *clock;
  VigieContext *context;
  FakeBackend  *backend;
  const char   *accepted;   /* the one token the server takes; NULL: none */
  guint         requests;
  guint         pending;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  const char *token = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "X-Token");

  fixture->requests++;
  if (g_strcmp0 (token, fixture->accepted) != 0 || token == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  if (g_str_equal (path, "/big"))
    {
      g_autofree char *fill = g_strnfill (VIGIE_JSON_THREAD_MIN_SIZE, 'x');
      g_autofree char *body = g_strdup_printf ("{\"data\":\"%s\"}", fill);

      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                        strlen (body));
      return;
    }
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"ok\":true}", 11);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  fixture->clock = vigie_clock_new_fixed (1800000000);
  fixture->context = vigie_context_new (secrets, fixture->clock);
  endpoint = vigie_endpoint_new ("fake", VIGIE_KIND_PROXMOX, fixture->url);
  fixture->backend = g_object_new (FAKE_TYPE_BACKEND, "endpoint", endpoint,
                                   "context", fixture->context, NULL);
  fixture->backend->session = vigie_session_new (VIGIE_BACKEND (fixture->backend), 3600,
                                                 fake_login_async, fake_login_finish);
  vigie_session_set_prepare (fixture->backend->session, fake_prepare);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->backend);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->clock);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->url);
}

static void
wait_pending (Fixture *fixture)
{
  while (fixture->pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct {
  Fixture  *fixture;
  GError  **error;
  gboolean  ok;
} Call;

static void
ensure_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Call *call = user_data;

  call->ok = vigie_session_ensure_finish (VIGIE_SESSION (object), result, call->error);
  call->fixture->pending--;
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(JsonNode) root = NULL;

  root = vigie_session_request_json_finish (VIGIE_SESSION (object), result, NULL, call->error);
  call->ok = root != NULL;
  call->fixture->pending--;
}

static gboolean
ensure (Fixture  *fixture,
        GError  **error)
{
  Call call = { fixture, error, FALSE };

  fixture->pending++;
  vigie_session_ensure_async (fixture->backend->session, NULL, ensure_cb, &call);
  wait_pending (fixture);
  return call.ok;
}

static gboolean
request_path (Fixture    *fixture,
              const char *path,
              GError    **error)
{
  Call call = { fixture, error, FALSE };

  fixture->pending++;
  vigie_session_request_json_async (fixture->backend->session, "GET", path, NULL, NULL,
                                    NULL, request_cb, &call);
  wait_pending (fixture);
  return call.ok;
}

static gboolean
request (Fixture  *fixture,
         GError  **error)
{
  Call call = { fixture, error, FALSE };

  fixture->pending++;
  vigie_session_request_json_async (fixture->backend->session, "GET", "/data", NULL, NULL,
                                    NULL, request_cb, &call);
  wait_pending (fixture);
  return call.ok;
}

static void
test_concurrent_ensure (Fixture       *fixture,
                        gconstpointer  data)
{
  GError *errors[5] = { NULL };
  Call calls[5];

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      calls[i] = (Call) { fixture, &errors[i], FALSE };
      fixture->pending++;
      vigie_session_ensure_async (fixture->backend->session, NULL, ensure_cb, &calls[i]);
    }
  wait_pending (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_assert_no_error (errors[i]);
      g_assert_true (calls[i].ok);
    }
  g_assert_cmpuint (fixture->backend->logins, ==, 1);
  g_assert_true (vigie_session_is_valid (fixture->backend->session));
}

static void
test_retry_once (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The first login's token is already stale on the server. */
  fixture->accepted = "t2";
  g_assert_true (request (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->backend->logins, ==, 2);
  g_assert_cmpuint (fixture->requests, ==, 2);
}

static void
record_thread (gsize    size,
               gpointer user_data)
{
  if (size >= VIGIE_JSON_THREAD_MIN_SIZE)
    g_atomic_pointer_set ((GThread **) user_data, g_thread_self ());
}

/* A big reply (Proxmox's /cluster/resources) is parsed off the caller's
 * thread; the answer is the same. */
static void
test_big_reply (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GThread *parser = NULL;

  fixture->accepted = "t1";
  vigie_json_set_parse_hook (record_thread, &parser);
  g_assert_true (request_path (fixture, "/big", &error));
  vigie_json_set_parse_hook (NULL, NULL);
  g_assert_no_error (error);
  g_assert_nonnull (g_atomic_pointer_get (&parser));
  g_assert_true (g_atomic_pointer_get (&parser) != g_thread_self ());
}

static void
test_concurrent_401 (Fixture       *fixture,
                     gconstpointer  data)
{
  GError *errors[4] = { NULL };
  Call calls[4];

  g_assert_true (ensure (fixture, NULL));
  fixture->accepted = "t2";
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      calls[i] = (Call) { fixture, &errors[i], FALSE };
      fixture->pending++;
      vigie_session_request_json_async (fixture->backend->session, "GET", "/data", NULL, NULL,
                                        NULL, request_cb, &calls[i]);
    }
  wait_pending (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    g_assert_no_error (errors[i]);
  /* One login at first, one shared by the four refused requests. */
  g_assert_cmpuint (fixture->backend->logins, ==, 2);
  g_assert_cmpuint (fixture->requests, ==, 8);
}

static void
test_second_401 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->accepted = NULL;
  g_assert_false (request (fixture, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED);
  g_assert_cmpuint (fixture->backend->logins, ==, 2);
  g_assert_cmpuint (fixture->requests, ==, 2);
}

static void
test_invalidate (Fixture       *fixture,
                 gconstpointer  data)
{
  g_assert_true (ensure (fixture, NULL));
  g_assert_true (ensure (fixture, NULL));
  g_assert_cmpuint (fixture->backend->logins, ==, 1);

  vigie_session_invalidate (fixture->backend->session);
  g_assert_false (vigie_session_is_valid (fixture->backend->session));
  g_assert_true (ensure (fixture, NULL));
  g_assert_cmpuint (fixture->backend->logins, ==, 2);

  /* The lifetime runs on the context's clock. */
  vigie_clock_advance (fixture->clock, 3599);
  g_assert_true (ensure (fixture, NULL));
  g_assert_cmpuint (fixture->backend->logins, ==, 2);
  vigie_clock_advance (fixture->clock, 1);
  g_assert_true (ensure (fixture, NULL));
  g_assert_cmpuint (fixture->backend->logins, ==, 3);
  g_assert_cmpuint (vigie_session_get_login_count (fixture->backend->session), ==, 3);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) first = NULL;
  g_autoptr(GError) second = NULL;

  fixture->backend->refuse = TRUE;
  g_assert_false (ensure (fixture, &first));
  g_assert_error (first, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED);
  g_assert_false (ensure (fixture, &second));
  g_assert_error (second, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED);
  g_assert_cmpuint (fixture->backend->logins, ==, 1);

  fixture->backend->refuse = FALSE;
  vigie_session_reset (fixture->backend->session);
  g_assert_true (ensure (fixture, NULL));
  g_assert_cmpuint (fixture->backend->logins, ==, 2);
}

static void
test_static (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  vigie_session_set_static (fixture->backend->session, TRUE);
  fixture->accepted = "t1";
  g_assert_false (request (fixture, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED);
  g_assert_cmpuint (fixture->backend->logins, ==, 0);
  g_assert_cmpuint (fixture->requests, ==, 1);
}

static void
test_now (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_fixed (1234);
  g_autoptr(VigieContext) context = vigie_context_new (secrets, clock);
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("fake", VIGIE_KIND_PROXMOX,
                                                          "https://127.0.0.1:1");
  g_autoptr(VigieBackend) backend = g_object_new (FAKE_TYPE_BACKEND, "endpoint", endpoint,
                                                  "context", context, NULL);

  FAKE_BACKEND (backend)->session = vigie_session_new (backend, 0, NULL, NULL);
  g_assert_cmpint (vigie_backend_now (backend), ==, 1234);
  g_assert_cmpint (vigie_backend_now (NULL), >, 1234);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/vigie/session/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("concurrent-ensure", test_concurrent_ensure);
  ADD ("retry-once", test_retry_once);
  ADD ("big-reply", test_big_reply);
  ADD ("concurrent-401", test_concurrent_401);
  ADD ("second-401", test_second_401);
  ADD ("invalidate", test_invalidate);
  ADD ("refused", test_refused);
  ADD ("static", test_static);
#undef ADD
  g_test_add_func ("/vigie/session/now", test_now);

  return g_test_run ();
}
