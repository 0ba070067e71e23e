/* test-json-thread.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A big JSON reply is parsed in a worker thread while the caller's main
 * loop keeps dispatching; a small one is parsed at once. The parse hook
 * holds the parse until the main loop has dispatched an idle source a few
 * times: it can only get there when the parse is not on the main thread.
 * Nothing is timed; the condition wait has a generous safety limit so a
 * regression fails instead of hanging.
 */

#include <string.h>

#include "vigie-error.h"
#include "vigie-http-client.h"

#define DISPATCHES_WANTED 3

typedef struct {
  SoupServer   *server;
  char         *url;
  char         *big;          /* a reply over VIGIE_JSON_THREAD_MIN_SIZE */
  guint         n_big;        /* of guests in it */
  char         *big_broken;   /* the same, cut short */

  GMutex        lock;
  GCond         cond;
  GThread      *main_thread;
  GThread      *parse_thread; /* of the last parse over the threshold */
  GThread      *small_thread; /* of the last parse under it */
  gboolean      parsing;
  gboolean      hook_done;
  guint         dispatches;   /* idle dispatches while a big parse ran */
  GCancellable *cancel_at_first_dispatch;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  const char *body = NULL;

  if (g_str_equal (path, "/big"))
    body = fixture->big;
  else if (g_str_equal (path, "/big-broken"))
    body = fixture->big_broken;
  else if (g_str_equal (path, "/small"))
    body = "{\"data\": [1, 2, 3]}";
  if (body == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

/* In the parsing thread: a big parse waits for the main loop to show it
 * is still running. On the main thread that could never happen. */
static void
parse_hook (gsize    size,
            gpointer user_data)
{
  Fixture *fixture = user_data;
  gint64 limit = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_mutex_lock (&fixture->lock);
  if (size < VIGIE_JSON_THREAD_MIN_SIZE)
    {
      fixture->small_thread = g_thread_self ();
      g_mutex_unlock (&fixture->lock);
      return;
    }
  fixture->parse_thread = g_thread_self ();
  fixture->parsing = TRUE;
  fixture->hook_done = FALSE;
  fixture->dispatches = 0;
  if (g_thread_self () != fixture->main_thread)
    while (fixture->dispatches < DISPATCHES_WANTED)
      if (!g_cond_wait_until (&fixture->cond, &fixture->lock, limit))
        break;
  fixture->parsing = FALSE;
  fixture->hook_done = TRUE;
  g_cond_broadcast (&fixture->cond);
  g_mutex_unlock (&fixture->lock);
}

static gboolean
idle_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  GCancellable *cancel = NULL;

  g_mutex_lock (&fixture->lock);
  if (fixture->parsing)
    {
      if (fixture->dispatches++ == 0)
        cancel = fixture->cancel_at_first_dispatch;
      g_cond_broadcast (&fixture->cond);
    }
  g_mutex_unlock (&fixture->lock);
  if (cancel != NULL)
    g_cancellable_cancel (cancel);
  return G_SOURCE_CONTINUE;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new ("{\"data\": [");
  g_autoptr(GError) error = NULL;
  GSList *uris;

  /* A /cluster/resources-like list, well over the threshold. */
  for (guint i = 0; big->len < 2 * VIGIE_JSON_THREAD_MIN_SIZE; i++, fixture->n_big++)
    g_string_append_printf (big, "%s{\"vmid\": %u, \"name\": \"guest-%u\", \"status\": "
                            "\"running\", \"maxmem\": 2147483648, \"node\": \"pve%u\"}",
                            i > 0 ? ", " : "", 100 + i, i, i % 16);
  g_string_append (big, "]}");
  fixture->big = g_strdup (big->str);
  fixture->big_broken = g_strndup (big->str, big->len - 2);

  g_mutex_init (&fixture->lock);
  g_cond_init (&fixture->cond);
  fixture->main_thread = g_thread_self ();
  vigie_json_set_parse_hook (parse_hook, fixture);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vigie_json_set_parse_hook (NULL, NULL);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->cancel_at_first_dispatch);
  g_free (fixture->url);
  g_free (fixture->big);
  g_free (fixture->big_broken);
  g_mutex_clear (&fixture->lock);
  g_cond_clear (&fixture->cond);
}

typedef struct {
  GAsyncResult *result;
  GThread      *thread;
} Done;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Done *done = user_data;

  done->result = g_object_ref (result);
  done->thread = g_thread_self ();
}

static JsonNode *
get_json (Fixture       *fixture,
          const char    *path,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (fixture->url, NULL);
  Done done = { NULL, NULL };
  guint idle = g_idle_add (idle_cb, fixture);
  JsonNode *root;

  g_assert_nonnull (client);
  vigie_http_client_request_json_async (client, "GET", path, NULL, NULL, cancellable,
                                        done_cb, &done);
  while (done.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (idle);
  /* The answer comes back to the caller's thread. */
  g_assert_true (done.thread == fixture->main_thread);
  root = vigie_http_client_request_json_finish (client, done.result, NULL, error);
  g_object_unref (done.result);
  return root;
}

static void
test_big_off_main (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = get_json (fixture, "/big", NULL, &error);
  JsonArray *list;

  g_assert_no_error (error);
  g_assert_nonnull (root);
  list = json_object_get_array_member (json_node_get_object (root), "data");
  g_assert_cmpuint (json_array_get_length (list), ==, fixture->n_big);
  g_assert_nonnull (fixture->parse_thread);
  g_assert_true (fixture->parse_thread != fixture->main_thread);
  /* The main loop dispatched while the reply was being parsed. */
  g_assert_cmpuint (fixture->dispatches, >=, DISPATCHES_WANTED);
}

static void
test_small_inline (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = get_json (fixture, "/small", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_true (fixture->small_thread == fixture->main_thread);
  g_assert_null (fixture->parse_thread);
}

static void
test_big_broken (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = get_json (fixture, "/big-broken", NULL, &error);

  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
  g_assert_true (fixture->parse_thread != fixture->main_thread);
}

static void
test_big_cancelled (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  fixture->cancel_at_first_dispatch = g_cancellable_new ();
  root = get_json (fixture, "/big", fixture->cancel_at_first_dispatch, &error);
  g_assert_null (root);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (fixture->parse_thread != fixture->main_thread);

  /* The worker finishes on its own; let it leave the hook before the
   * fixture goes. The idle is gone, so release it. */
  g_mutex_lock (&fixture->lock);
  fixture->dispatches = DISPATCHES_WANTED;
  g_cond_broadcast (&fixture->cond);
  while (!fixture->hook_done)
    g_cond_wait (&fixture->cond, &fixture->lock);
  g_mutex_unlock (&fixture->lock);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/vigie/json-thread/big-off-main", test_big_off_main);
  ADD ("/vigie/json-thread/small-inline", test_small_inline);
  ADD ("/vigie/json-thread/big-broken", test_big_broken);
  ADD ("/vigie/json-thread/big-cancelled", test_big_cancelled);
#undef ADD

  return g_test_run ();
}
