/* json-stall.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a big JSON reply costs the caller's main loop: a Proxmox VE
 * /cluster/resources-shaped reply of GUESTS guests is served from a thread
 * of its own and read RUNS times with vigie_http_client_request_json_async(),
 * while a 1 ms timeout on the main loop records the longest gap between
 * its dispatches. Prints, per run, the wall time, the main thread's CPU
 * time and the longest stall, in ms. Build: `meson compile -C BUILD
 * json-stall`; run: `BUILD/bench/json-stall [GUESTS [RUNS]]`.
 */

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vigie-http-client.h"

typedef struct {
  GBytes *reply;
  char   *url;
  GMutex  lock;
  GCond   cond;
} Server;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *s = user_data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    g_bytes_get_data (s->reply, NULL),
                                    g_bytes_get_size (s->reply));
}

static gpointer
server_thread (gpointer user_data)
{
  Server *s = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, server_cb, s, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL))
    g_error ("cannot listen");
  uris = soup_server_get_uris (server);
  g_mutex_lock (&s->lock);
  s->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&s->cond);
  g_mutex_unlock (&s->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  for (;;)
    g_main_context_iteration (context, TRUE);
  return NULL;
}

static GBytes *
make_reply (guint guests)
{
  GString *json = g_string_new ("{\"data\":[");

  for (guint i = 0; i < guests; i++)
    g_string_append_printf (json,
                            "%s{\"id\":\"qemu/%u\",\"type\":\"qemu\",\"vmid\":%u,"
                            "\"name\":\"guest-%05u.lab.example\",\"node\":\"pve%02u\","
                            "\"status\":\"%s\",\"maxcpu\":%u,\"cpu\":0.0%u,"
                            "\"maxmem\":%u,\"mem\":%u,\"maxdisk\":34359738368,"
                            "\"disk\":0,\"uptime\":%u,\"template\":0,\"tags\":\"web;prod\","
                            "\"netin\":%u,\"netout\":%u,\"diskread\":%u,\"diskwrite\":%u,"
                            "\"hastate\":\"started\",\"pool\":\"pool-%u\"}",
                            i > 0 ? "," : "", 100 + i, 100 + i, i, i % 32,
                            i % 3 ? "running" : "stopped", 1 + i % 8, i % 97,
                            1073741824u * (1 + i % 4), 536870912u + i, i * 17,
                            i * 1031, i * 977, i * 4099, i * 2053, i % 10);
  g_string_append (json, "]}");
  return g_string_free_to_bytes (json);
}

typedef struct {
  gint64 last;
  gint64 longest;
  guint  dispatches;
} Probe;

static gboolean
probe_cb (gpointer user_data)
{
  Probe *probe = user_data;
  gint64 now = g_get_monotonic_time ();

  probe->longest = MAX (probe->longest, now - probe->last);
  probe->last = now;
  probe->dispatches++;
  return G_SOURCE_CONTINUE;
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = vigie_http_client_request_json_finish (VIGIE_HTTP_CLIENT (object), result,
                                                         NULL, &error);

  if (root == NULL)
    g_error ("%s", error->message);
  *(JsonNode **) user_data = root;
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  guint guests = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 5;
  Server s = { 0 };
  g_autoptr(VigieHttpClient) client = NULL;

  g_mutex_init (&s.lock);
  g_cond_init (&s.cond);
  s.reply = make_reply (guests);
  g_thread_unref (g_thread_new ("server", server_thread, &s));
  g_mutex_lock (&s.lock);
  while (s.url == NULL)
    g_cond_wait (&s.cond, &s.lock);
  g_mutex_unlock (&s.lock);
  client = vigie_http_client_new (s.url, NULL);

  g_print ("%u guests, reply %zu bytes\n", guests, g_bytes_get_size (s.reply));
  g_print ("| run | wall (ms) | main-thread CPU (ms) | longest main-loop stall (ms) |\n");
  g_print ("|---|---|---|---|\n");
  for (guint run = 0; run <= runs; run++)
    {
      Probe probe = { 0 };
      JsonNode *root = NULL;
      GSource *timeout = g_timeout_source_new (1);
      gint64 start = g_get_monotonic_time ();
      double cpu = thread_cpu_ms ();

      probe.last = start;
      g_source_set_callback (timeout, probe_cb, &probe, NULL);
      g_source_attach (timeout, NULL);
      vigie_http_client_request_json_async (client, "GET", "/api2/json/cluster/resources", NULL,
                                            NULL, NULL, done_cb, &root);
      while (root == NULL)
        g_main_context_iteration (NULL, TRUE);
      /* The gap up to the reply's callback, which may have been the parse. */
      probe_cb (&probe);
      cpu = thread_cpu_ms () - cpu;
      g_source_destroy (timeout);
      g_source_unref (timeout);
      /* Run 0 warms up (connection, thread pool). */
      if (run > 0)
        g_print ("| %u | %.1f | %.1f | %.1f |\n", run,
                 (g_get_monotonic_time () - start) / 1e3, cpu, probe.longest / 1e3);
      json_node_unref (root);
    }
  return 0;
}
