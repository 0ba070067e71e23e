/* vigie-lab-proxmox.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Proxmox VE cluster for the demo lab, written from the API
 * documentation and sharing no code with the backend.
 *
 * Cluster "demo", PVE 8.4.1 (release 8.4, repoid 2a5fa54a): nodes pve1 and
 * pve2 online, pve3 offline (every /nodes/pve3/… URL answers 595 "No route
 * to host", as a PVE node proxying to a dead peer does).
 *
 * Credentials: API token "root@pam!vigie" with service->secret as its
 * secret; user "root@pam" with the same secret as password gets a ticket
 * (PVEAuthCookie + CSRFPreventionToken, checked on every write). Anything
 * else is 401.
 *
 * Backups, for whoever keeps the PBS lab consistent with this one. Let D be
 * the newest UTC midnight such that D + 01:00 is not after the lab's "now",
 * and D_k = D - k days.
 *  - PVE storage "pbs" (type pbs, shared): server 127.0.0.1, datastore
 *    "store1", namespace "pve-demo", username "root@pam!pve-demo".
 *    Job "backup-pbs-daily" (schedule 01:00, vmid 100,101,104,200,202).
 *    Snapshots for k = 0, 1, 2 and guest index i in that list:
 *    backup-time D_k + 3600 + 120 * i, i.e. groups vm/100, vm/101, ct/104,
 *    vm/200, ct/202; volid "pbs:backup/<vm|ct>/<vmid>/<RFC 3339 time>Z".
 *    All verified "ok" except the newest of vm/101 ("failed").
 *  - "nfs-backup" (nfs, shared): job "backup-nfs-weekly" (sat 02:30, vmid
 *    102,205). vzdump archives of 102 at W = D_3 + 02:30 and of 205 at
 *    W - 7 days; the run for 205 at W + 600 s failed (task "job errors"),
 *    so that job is failing and 205's last attempt failed.
 *  - "local" on pve2: one old manual archive of CT 203 (D_10 + 02:00).
 *  - Job "backup-local-sunday" (disabled, vmid 106, storage local).
 *  - Guests in no job: everything else (see /cluster/backup-info).
 *  - The token may not snapshot or back up VM 101 (/access/permissions
 *    grants only VM.Audit and VM.PowerMgmt on /vms/101): those give 403.
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "vigie-lab-proxmox-private.h"

/* JSON helpers */

static void
reply_node (SoupServerMessage *msg,
            JsonNode          *data)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  char *text;
  gsize length;

  json_object_set_member (object, "data", data ? data : json_node_new (JSON_NODE_NULL));
  json_node_set_object (root, object);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &length);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json;charset=UTF-8", SOUP_MEMORY_TAKE,
                                    text, length);
}

void
lab_pve_reply_builder (SoupServerMessage *msg,
                       JsonBuilder       *builder)
{
  reply_node (msg, json_builder_get_root (builder));
}

void
lab_pve_reply_string (SoupServerMessage *msg,
                      const char        *value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, value);
  reply_node (msg, node);
}

/* PVE puts the message in the reason phrase (and, since 2025, in the body). */
void
lab_pve_reply_error (SoupServerMessage *msg,
                     guint              status,
                     const char        *reason)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize length;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "data");
  json_builder_add_null_value (b);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, reason);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &length);
  soup_server_message_set_status (msg, status, reason);
  soup_server_message_set_response (msg, "application/json;charset=UTF-8", SOUP_MEMORY_TAKE,
                                    text, length);
}

/* Auth */

static char *
cookie_ticket (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Cookie");
  g_auto(GStrv) parts = NULL;

  if (header == NULL)
    return NULL;
  parts = g_strsplit (header, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = parts[i];

      while (*p == ' ')
        p++;
      if (g_str_has_prefix (p, "PVEAuthCookie="))
        return g_uri_unescape_string (p + strlen ("PVEAuthCookie="), NULL);
    }
  return NULL;
}

/* The user the request acts as, or NULL after answering 401. */
static const char *
authenticate (LabState          *state,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *ticket = NULL;
  const char *csrf;

  if (auth != NULL && g_str_has_prefix (auth, "PVEAPIToken"))
    {
      g_autofree char *expected = g_strdup_printf ("%s=%s", TOKEN_ID, state->secret);
      const char *value = auth + strlen ("PVEAPIToken");

      if ((*value == '=' || *value == ' ') && g_str_equal (value + 1, expected))
        return TOKEN_ID;
      lab_pve_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid token value!");
      return NULL;
    }
  ticket = cookie_ticket (msg);
  if (ticket == NULL || (csrf = g_hash_table_lookup (state->tickets, ticket)) == NULL)
    {
      lab_pve_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "No ticket");
      return NULL;
    }
  if (g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0 &&
      g_strcmp0 (soup_message_headers_get_one (headers, "CSRFPreventionToken"), csrf) != 0)
    {
      lab_pve_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "Permission denied - invalid csrf token");
      return NULL;
    }
  return USER;
}

GHashTable *
lab_pve_form_params (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

static void
handle_ticket (LabState          *state,
               SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = lab_pve_form_params (msg);
  const char *username = g_hash_table_lookup (form, "username");
  const char *password = g_hash_table_lookup (form, "password");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *ticket = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *random = g_uuid_string_random ();

  if (g_strcmp0 (username, USER) != 0 || password == NULL ||
      (!g_str_equal (password, state->secret) && !g_hash_table_contains (state->tickets, password)))
    {
      lab_pve_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "authentication failure");
      return;
    }
  ticket = g_strdup_printf ("PVE:%s:%08X::%s", USER, (guint) lab_pve_now (state), random);
  csrf = g_strdup_printf ("%08X:%s", (guint) lab_pve_now (state), random + 9);
  g_hash_table_insert (state->tickets, g_strdup (ticket), g_strdup (csrf));

  json_builder_begin_object (b);
  MEMBER_STR (b, "username", USER);
  MEMBER_STR (b, "ticket", ticket);
  MEMBER_STR (b, "CSRFPreventionToken", csrf);
  MEMBER_STR (b, "clustername", "demo");
  json_builder_end_object (b);
  lab_pve_reply_builder (msg, b);
}

/* Cluster-wide */

static void
add_guest_resource (JsonBuilder *b,
                    LabGuest    *g)
{
  gboolean offline = g_str_equal (g->node, OFFLINE_NODE);
  g_autofree char *id = g_strdup_printf ("%s/%d", g->lxc ? "lxc" : "qemu", g->vmid);

  json_builder_begin_object (b);
  MEMBER_STR (b, "id", id);
  MEMBER_STR (b, "type", g->lxc ? "lxc" : "qemu");
  MEMBER_STR (b, "node", g->node);
  MEMBER_INT (b, "vmid", g->vmid);
  MEMBER_STR (b, "name", g->name);
  if (offline)
    MEMBER_STR (b, "status", "unknown");
  else
    MEMBER_STR (b, "status", !g->lxc && lab_pve_is_running (g) ? g->qmp : g->status);
  MEMBER_INT (b, "template", g->template ? 1 : 0);
  if (g->tags != NULL)
    MEMBER_STR (b, "tags", g->tags);
  if (g->hastate != NULL)
    MEMBER_STR (b, "hastate", g->hastate);
  if (!offline)
    {
      MEMBER_INT (b, "maxcpu", g->cpus);
      MEMBER_INT (b, "maxmem", g->maxmem);
      MEMBER_INT (b, "maxdisk", g->maxdisk);
      MEMBER_INT (b, "disk", g->lxc ? g->maxdisk / 3 : 0);
      MEMBER_DBL (b, "cpu", lab_pve_is_running (g) ? 0.01 * (g->vmid % 50) : 0.0);
      MEMBER_INT (b, "mem", lab_pve_is_running (g) ? g->maxmem / 2 : 0);
      MEMBER_INT (b, "uptime", lab_pve_is_running (g) ? 86400 + g->vmid : 0);
    }
  json_builder_end_object (b);
}

typedef struct {
  const char *name;
  const char *type;
  const char *content;
  gboolean    shared;
  gint64      total;
} LabStorageDef;

static const LabStorageDef storages[] = {
  { "local", "dir", "iso,vztmpl,backup", FALSE, 100LL * 1024 * 1024 * 1024 },
  { "local-lvm", "lvmthin", "images,rootdir", FALSE, 800LL * 1024 * 1024 * 1024 },
  { "nfs-backup", "nfs", "backup,iso", TRUE, 4LL * 1024 * 1024 * 1024 * 1024 },
  { "pbs", "pbs", "backup", TRUE, 8LL * 1024 * 1024 * 1024 * 1024 },
};

gboolean
lab_pve_storage_takes_backups (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (storages); i++)
    if (g_str_equal (storages[i].name, name))
      return strstr (storages[i].content, "backup") != NULL;
  return FALSE;
}

static void
add_storage_resource (JsonBuilder         *b,
                      const LabStorageDef *s,
                      const char          *node)
{
  gboolean offline = g_str_equal (node, OFFLINE_NODE);
  g_autofree char *id = g_strdup_printf ("storage/%s/%s", node, s->name);

  json_builder_begin_object (b);
  MEMBER_STR (b, "id", id);
  MEMBER_STR (b, "type", "storage");
  MEMBER_STR (b, "storage", s->name);
  MEMBER_STR (b, "node", node);
  MEMBER_STR (b, "plugintype", s->type);
  MEMBER_STR (b, "content", s->content);
  MEMBER_INT (b, "shared", s->shared ? 1 : 0);
  MEMBER_STR (b, "status", offline ? "unknown" : "available");
  if (!offline)
    {
      MEMBER_INT (b, "maxdisk", s->total);
      MEMBER_INT (b, "disk", s->total / 3 + (g_str_equal (node, "pve2") ? 1024 : 0));
    }
  json_builder_end_object (b);
}

static void
handle_resources (LabState          *state,
                  SoupServerMessage *msg,
                  GHashTable        *query)
{
  const char *type = query ? g_hash_table_lookup (query, "type") : NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  if (type == NULL || g_str_equal (type, "node"))
    for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
      {
        g_autofree char *id = g_strdup_printf ("node/%s", nodes[i]);

        json_builder_begin_object (b);
        MEMBER_STR (b, "id", id);
        MEMBER_STR (b, "type", "node");
        MEMBER_STR (b, "node", nodes[i]);
        MEMBER_STR (b, "status", g_str_equal (nodes[i], OFFLINE_NODE) ? "offline" : "online");
        json_builder_end_object (b);
      }
  if (type == NULL || g_str_equal (type, "vm"))
    for (guint i = 0; i < state->guests->len; i++)
      add_guest_resource (b, g_ptr_array_index (state->guests, i));
  if (type == NULL || g_str_equal (type, "storage"))
    for (guint n = 0; n < G_N_ELEMENTS (nodes); n++)
      for (guint i = 0; i < G_N_ELEMENTS (storages); i++)
        add_storage_resource (b, &storages[i], nodes[n]);
  json_builder_end_array (b);
  lab_pve_reply_builder (msg, b);
}

static void
handle_cluster_status (SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  json_builder_begin_object (b);
  MEMBER_STR (b, "type", "cluster");
  MEMBER_STR (b, "id", "cluster");
  MEMBER_STR (b, "name", "demo");
  MEMBER_INT (b, "nodes", G_N_ELEMENTS (nodes));
  MEMBER_INT (b, "version", 7);
  MEMBER_INT (b, "quorate", 1);
  json_builder_end_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      g_autofree char *id = g_strdup_printf ("node/%s", nodes[i]);
      g_autofree char *ip = g_strdup_printf ("192.0.2.%u", 11 + i);

      json_builder_begin_object (b);
      MEMBER_STR (b, "type", "node");
      MEMBER_STR (b, "id", id);
      MEMBER_STR (b, "name", nodes[i]);
      MEMBER_INT (b, "nodeid", i + 1);
      MEMBER_STR (b, "ip", ip);
      MEMBER_INT (b, "local", i == 0);
      MEMBER_INT (b, "online", !g_str_equal (nodes[i], OFFLINE_NODE));
      MEMBER_STR (b, "level", "");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  lab_pve_reply_builder (msg, b);
}

static void
handle_nodes (SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      gboolean offline = g_str_equal (nodes[i], OFFLINE_NODE);
      g_autofree char *id = g_strdup_printf ("node/%s", nodes[i]);

      json_builder_begin_object (b);
      MEMBER_STR (b, "node", nodes[i]);
      MEMBER_STR (b, "id", id);
      MEMBER_STR (b, "type", "node");
      MEMBER_STR (b, "status", offline ? "offline" : "online");
      MEMBER_STR (b, "level", "");
      if (!offline)
        {
          MEMBER_DBL (b, "cpu", 0.12 + 0.1 * i);
          MEMBER_INT (b, "maxcpu", 16);
          MEMBER_INT (b, "mem", (gint64) (20 + 10 * i) * 1024 * 1024 * 1024);
          MEMBER_INT (b, "maxmem", 64LL * 1024 * 1024 * 1024);
          MEMBER_INT (b, "uptime", 1234567 + i * 1000);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  lab_pve_reply_builder (msg, b);
}

static void
handle_storage_config (LabState          *state,
                       SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (storages); i++)
    {
      json_builder_begin_object (b);
      MEMBER_STR (b, "storage", storages[i].name);
      MEMBER_STR (b, "type", storages[i].type);
      MEMBER_STR (b, "content", storages[i].content);
      if (g_str_equal (storages[i].type, "nfs"))
        {
          MEMBER_STR (b, "server", "192.0.2.50");
          MEMBER_STR (b, "export", "/export/pve");
          MEMBER_STR (b, "path", "/mnt/pve/nfs-backup");
          MEMBER_STR (b, "prune-backups", "keep-last=4");
        }
      else if (g_str_equal (storages[i].type, "pbs"))
        {
          VigieLabService *pbs = state->lab ? vigie_lab_find_service (state->lab, "lab-pbs") : NULL;
          g_autoptr(GUri) pbs_uri = pbs && pbs->url ? g_uri_parse (pbs->url, G_URI_FLAGS_NONE, NULL) : NULL;

          /* Where the lab's own PBS listens, as a real cluster would be set up. */
          MEMBER_STR (b, "server", pbs_uri ? g_uri_get_host (pbs_uri) : "127.0.0.1");
          if (pbs_uri != NULL && g_uri_get_port (pbs_uri) > 0)
            MEMBER_INT (b, "port", g_uri_get_port (pbs_uri));
          MEMBER_STR (b, "datastore", "store1");
          MEMBER_STR (b, "namespace", "pve-demo");
          MEMBER_STR (b, "username", "root@pam!pve-demo");
          if (pbs != NULL && pbs->fingerprint != NULL)
            {
              GString *fp = g_string_new (NULL);

              for (guint k = 0; pbs->fingerprint[k] != '\0'; k += 2)
                g_string_append_printf (fp, "%s%.2s", k ? ":" : "", pbs->fingerprint + k);
              MEMBER_STR (b, "fingerprint", fp->str);
              g_string_free (fp, TRUE);
            }
        }
      else if (g_str_equal (storages[i].type, "dir"))
        MEMBER_STR (b, "path", "/var/lib/vz");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  lab_pve_reply_builder (msg, b);
}

static void
handle_permissions (SoupServerMessage *msg)
{
  static const char *privs[] = {
    "VM.Audit", "VM.PowerMgmt", "VM.Snapshot", "VM.Backup", "VM.Console", "Sys.Audit",
    "Sys.Console", "Datastore.Audit", "Datastore.AllocateSpace",
  };
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "/");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (privs); i++)
    MEMBER_INT (b, privs[i], 1);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "/vms/101");
  json_builder_begin_object (b);
  MEMBER_INT (b, "VM.Audit", 1);
  MEMBER_INT (b, "VM.PowerMgmt", 1);
  json_builder_end_object (b);
  json_builder_end_object (b);
  lab_pve_reply_builder (msg, b);
}

static void
add_job (JsonBuilder *b,
         const char  *id,
         const char  *schedule,
         const char  *storage,
         const char  *vmid,
         gboolean     enabled,
         gint64       next_run,
         const char  *comment)
{
  json_builder_begin_object (b);
  MEMBER_STR (b, "id", id);
  MEMBER_STR (b, "type", "vzdump");
  MEMBER_STR (b, "schedule", schedule);
  MEMBER_STR (b, "storage", storage);
  MEMBER_STR (b, "vmid", vmid);
  MEMBER_STR (b, "mode", "snapshot");
  if (!enabled)
    MEMBER_INT (b, "enabled", 0);
  else
    MEMBER_INT (b, "next-run", next_run);
  if (comment != NULL)
    MEMBER_STR (b, "comment", comment);
  json_builder_set_member_name (b, "prune-backups");
  json_builder_begin_object (b);
  MEMBER_STR (b, "keep-daily", "7");
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
handle_backup_jobs (LabState          *state,
                    SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gint64 d0 = state->now - state->now % DAY;
  gint64 next = d0 + 3600 > state->now ? d0 + 3600 : d0 + DAY + 3600;

  json_builder_begin_array (b);
  add_job (b, "backup-pbs-daily", "01:00", "pbs", "100,101,104,200,202", TRUE, next,
           "Daily to PBS");
  add_job (b, "backup-nfs-weekly", "sat 02:30", "nfs-backup", "102,205", TRUE,
           next + 2 * DAY + 5400, NULL);
  add_job (b, "backup-local-sunday", "sun 03:00", "local", "106", FALSE, 0, NULL);
  json_builder_end_array (b);
  lab_pve_reply_builder (msg, b);
}

static void
handle_not_backed_up (LabState          *state,
                      SoupServerMessage *msg)
{
  static const int covered[] = { 100, 101, 104, 200, 202, 102, 205, 106 };
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < state->guests->len; i++)
    {
      LabGuest *g = g_ptr_array_index (state->guests, i);
      gboolean found = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (covered); j++)
        found |= covered[j] == g->vmid;
      if (found || g->template)
        continue;
      json_builder_begin_object (b);
      MEMBER_INT (b, "vmid", g->vmid);
      MEMBER_STR (b, "type", g->lxc ? "lxc" : "qemu");
      MEMBER_STR (b, "name", g->name);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  lab_pve_reply_builder (msg, b);
}

static void
answer (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        LabState          *state);

/* With VIGIE_LAB_LATENCY_MS (benchmarks), each request is answered that
 * long after it arrived, without blocking the others: like a busy
 * pveproxy, not like a server with one worker. */
typedef struct {
  LabState          *state;
  SoupServer        *server;
  SoupServerMessage *msg;
  char              *path;
  GHashTable        *query;
  GSource           *source;
} Delayed;

static void
delayed_free (Delayed *delayed)
{
  g_source_unref (delayed->source);
  g_object_unref (delayed->server);
  g_object_unref (delayed->msg);
  g_free (delayed->path);
  g_clear_pointer (&delayed->query, g_hash_table_unref);
  g_free (delayed);
}

static void
delayed_remove (gpointer data)
{
  Delayed *delayed = data;

  g_source_destroy (delayed->source);
  delayed_free (delayed);
}

static gboolean
delayed_answer (gpointer data)
{
  Delayed *delayed = data;

  g_hash_table_steal (delayed->state->delayed, delayed);
  answer (delayed->server, delayed->msg, delayed->path, delayed->query, delayed->state);
  soup_server_message_unpause (delayed->msg);
  delayed_free (delayed);
  return G_SOURCE_REMOVE;
}

static void
api_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  LabState *state = user_data;
  Delayed *delayed;

  if (state->latency_ms == 0 ||
      soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                    "Upgrade") != NULL)
    {
      answer (server, msg, path, query, state);
      return;
    }
  delayed = g_new0 (Delayed, 1);
  delayed->state = state;
  delayed->server = g_object_ref (server);
  delayed->msg = g_object_ref (msg);
  delayed->path = g_strdup (path);
  delayed->query = query ? g_hash_table_ref (query) : NULL;
  /* In the lab's context (the app runs it in a thread of its own), not
   * the default one. */
  delayed->source = g_timeout_source_new (state->latency_ms);
  g_source_set_callback (delayed->source, delayed_answer, delayed, NULL);
  g_source_attach (delayed->source, g_main_context_get_thread_default ());
  g_hash_table_add (state->delayed, delayed);
  /* A status set: the websocket handler on the same path leaves it alone. */
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_pause (msg);
}

static void
answer (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        LabState          *state)
{
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) parts = NULL;
  const char *user;
  const char *rest;

  if (!g_str_has_prefix (path, "/api2/json/"))
    {
      lab_pve_reply_error (msg, SOUP_STATUS_NOT_IMPLEMENTED, "no such uri");
      return;
    }
  rest = path + strlen ("/api2/json/");
  parts = g_strsplit (rest, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *plain = g_uri_unescape_string (parts[i], NULL);

      if (plain != NULL)
        {
          g_free (parts[i]);
          parts[i] = plain;
        }
    }

  if (g_str_equal (rest, "access/ticket") && g_str_equal (method, "POST"))
    {
      handle_ticket (state, msg);
      return;
    }
  user = authenticate (state, msg);
  if (user == NULL)
    return;

  if (g_str_equal (rest, "version"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      MEMBER_STR (b, "version", "8.4.1");
      MEMBER_STR (b, "release", "8.4");
      MEMBER_STR (b, "repoid", "2a5fa54a");
      MEMBER_STR (b, "console", "xtermjs");
      json_builder_end_object (b);
      lab_pve_reply_builder (msg, b);
    }
  else if (g_str_equal (rest, "cluster/status"))
    handle_cluster_status (msg);
  else if (g_str_equal (rest, "cluster/resources"))
    handle_resources (state, msg, query);
  else if (g_str_equal (rest, "cluster/backup"))
    handle_backup_jobs (state, msg);
  else if (g_str_equal (rest, "cluster/backup-info/not-backed-up"))
    handle_not_backed_up (state, msg);
  else if (g_str_equal (rest, "storage"))
    handle_storage_config (state, msg);
  else if (g_str_equal (rest, "access/permissions"))
    handle_permissions (msg);
  else if (g_str_equal (rest, "nodes"))
    handle_nodes (msg);
  else if (g_str_equal (parts[0], "nodes"))
    lab_pve_handle_node (state, msg, query, user, parts);
  else
    lab_pve_reply_error (msg, SOUP_STATUS_NOT_IMPLEMENTED, "no such uri");
}

gboolean
vigie_lab_proxmox_setup (VigieLabService *service,
                         GError         **error)
{
  LabState *state = g_new0 (LabState, 1);
  char *protocols[] = { (char *) "binary", NULL };

  state->now = service->now;
  state->secret = g_uuid_string_random ();
  state->guests = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_pve_guest_free);
  state->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_pve_task_free);
  state->volumes = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_pve_volume_free);
  state->tickets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->vnc_tickets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->pid = service->index * 1000;
  state->lab = service->lab;
  state->delayed = g_hash_table_new_full (NULL, NULL, delayed_remove, NULL);
  if (g_getenv ("VIGIE_LAB_LATENCY_MS") != NULL)
    state->latency_ms = MIN (g_ascii_strtoull (g_getenv ("VIGIE_LAB_LATENCY_MS"), NULL, 10), 10000);
  lab_pve_build_demo (state, service->scale);

  service->user = g_strdup (USER);
  service->token_id = g_strdup (TOKEN_ID);
  service->secret = g_strdup (state->secret);
  service->secret_purpose = VIGIE_SECRET_TOKEN;
  service->state = state;
  service->state_free = (GDestroyNotify) lab_pve_state_free;

  soup_server_add_handler (service->server, "/api2/json", api_handler, state, NULL);
  soup_server_add_websocket_handler (service->server, "/api2/json", NULL, protocols,
                                     lab_pve_shell_handler, NULL, NULL);
  return TRUE;
}
