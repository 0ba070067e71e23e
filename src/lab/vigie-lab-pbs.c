/* vigie-lab-pbs.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Proxmox Backup Server 4.1 for the demo lab, written from the API
 * documentation, not from the backend. It matches the demo Proxmox VE
 * cluster (vigie-lab-proxmox.c), which backs up into datastore "store1",
 * namespace "pve-demo":
 *   100, 101, 104, 200, 202  the daily job's snapshots, the same ones PVE
 *                            lists; the newest of 101 failed verification,
 *                            the newest of 100 is protected
 *   201                      stale (five days old)
 *   207                      good two days ago, then a failed backup task
 *   105                      fresh, not verified yet
 *   118                      a guest deleted since
 *   every other guest        never backed up here
 * "store2" holds synced copies of 100 and 101 and a host backup. Jobs: a
 * failed verify job, prune, sync and garbage collection that went well.
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "vigie-lab.h"

#define HOUR (60 * 60)
#define DAY (24 * HOUR)
#define GIB (G_GINT64_CONSTANT (1) << 30)
#define TOKEN_ID "root@pam!vigie"
#define USER "root@pam"

typedef struct {
  gint64      now;
  char       *secret;
  GHashTable *tickets;    /* ticket → expiry (lab time) */
  guint       serial;
} PbsLab;

static void
pbs_lab_free (gpointer data)
{
  PbsLab *lab = data;

  g_free (lab->secret);
  g_hash_table_unref (lab->tickets);
  g_free (lab);
}

/* PBS sends errors as plain text, with a JSON content type. */
static void
send_error (SoupServerMessage *msg,
            guint              status,
            const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json;charset=UTF-8",
                                    SOUP_MEMORY_COPY, text, strlen (text));
}

static void
send_data (SoupServerMessage *msg,
           JsonNode          *data,
           gint64             total)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "data");
  json_builder_add_value (builder, json_node_ref (data));
  if (total >= 0)
    {
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, total);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json;charset=UTF-8",
                                    SOUP_MEMORY_TAKE, g_steal_pointer (&text), strlen (text));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    g_error ("lab-pbs: bad built-in JSON: %s", text);
  return json_node_ref (json_parser_get_root (parser));
}

static char *
upid (const char *type,
      const char *id,
      gint64      start,
      guint       n)
{
  g_autoptr(GString) escaped = g_string_new (NULL);

  /* The UPID carries the worker id systemd-escaped. */
  for (const char *p = id; p != NULL && *p; p++)
    {
      if (*p == '/')
        g_string_append_c (escaped, '-');
      else if (*p == ':' || *p == '-')
        g_string_append_printf (escaped, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (escaped, *p);
    }
  return g_strdup_printf ("UPID:pbs-lab:%08X:%08X:%08X:%08X:%s:%s:%s:",
                          1000 + n, 4242 + n, n, (guint) start, type, escaped->str, USER);
}

/* Authentication */

static gboolean
authorized (PbsLab            *lab,
            SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  const char *cookie = soup_message_headers_get_one (headers, "Cookie");

  if (auth != NULL && g_str_has_prefix (auth, "PBSAPIToken"))
    {
      const char *value = auth + strlen ("PBSAPIToken");
      const char *colon;

      if (*value != '=' && *value != ' ')
        return FALSE;
      value++;
      colon = strchr (value, ':');
      return colon != NULL &&
             strncmp (value, TOKEN_ID, colon - value) == 0 &&
             strlen (TOKEN_ID) == (gsize) (colon - value) &&
             g_strcmp0 (colon + 1, lab->secret) == 0;
    }
  if (cookie != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (cookie, ";", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          const char *c = g_strstrip (parts[i]);
          g_autofree char *ticket = NULL;
          gpointer expiry;

          if (!g_str_has_prefix (c, "PBSAuthCookie="))
            continue;
          ticket = g_uri_unescape_string (c + strlen ("PBSAuthCookie="), NULL);
          if (ticket != NULL && g_hash_table_lookup_extended (lab->tickets, ticket, NULL, &expiry))
            return TRUE;
        }
    }
  return FALSE;
}

static void
handle_ticket (PbsLab            *lab,
               SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GHashTable) form = soup_form_decode (text);
  const char *user = g_hash_table_lookup (form, "username");
  const char *password = g_hash_table_lookup (form, "password");
  g_autofree char *ticket = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) data = NULL;

  if (g_strcmp0 (user, USER) != 0 || password == NULL ||
      (g_strcmp0 (password, lab->secret) != 0 &&
       !g_hash_table_contains (lab->tickets, password)))
    {
      send_error (msg, SOUP_STATUS_UNAUTHORIZED, "authentication failed - invalid credentials");
      return;
    }
  lab->serial++;
  ticket = g_strdup_printf ("PBS:%s:%08X::lab%u", USER, (guint) lab->now, lab->serial);
  g_hash_table_insert (lab->tickets, g_strdup (ticket), GINT_TO_POINTER (1));
  json = g_strdup_printf ("{\"username\":\"%s\",\"ticket\":\"%s\","
                          "\"CSRFPreventionToken\":\"%08X:lab%u\"}",
                          USER, ticket, (guint) lab->now, lab->serial);
  data = parse_json (json);
  send_data (msg, data, -1);
}

/* Data */

static void
add_snapshot (JsonBuilder *b,
              const char  *type,
              guint        id,
              gint64       time,
              gint64       size,
              const char  *verify,
              gboolean     protected,
              guint        n)
{
  g_autofree char *ids = g_strdup_printf ("%u", id);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "backup-type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "backup-id");
  json_builder_add_string_value (b, ids);
  json_builder_set_member_name (b, "backup-time");
  json_builder_add_int_value (b, time);
  json_builder_set_member_name (b, "comment");
  json_builder_add_string_value (b, g_str_equal (type, "ct") ? "container" : "vm");
  json_builder_set_member_name (b, "owner");
  json_builder_add_string_value (b, "root@pam!pve-demo");
  json_builder_set_member_name (b, "protected");
  json_builder_add_boolean_value (b, protected);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, size);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "filename");
  json_builder_add_string_value (b, "index.json.blob");
  json_builder_set_member_name (b, "crypt-mode");
  json_builder_add_string_value (b, "none");
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, 512 + n);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "filename");
  json_builder_add_string_value (b, g_str_equal (type, "ct") ? "root.pxar.didx"
                                                             : "drive-scsi0.img.fidx");
  json_builder_set_member_name (b, "crypt-mode");
  json_builder_add_string_value (b, "none");
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, size - 512 - n);
  json_builder_end_object (b);
  json_builder_end_array (b);
  if (verify != NULL)
    {
      g_autofree char *u = upid ("verify", "store1:ns/pve-demo", time + HOUR, n);

      json_builder_set_member_name (b, "verification");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, verify);
      json_builder_set_member_name (b, "upid");
      json_builder_add_string_value (b, u);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

/* The newest UTC midnight D such that D + 01:00 is not after now: the demo
 * Proxmox VE cluster's daily job runs at 01:00 (see vigie-lab-proxmox.c). */
static gint64
job_day (gint64 now)
{
  gint64 day = now - now % DAY;

  return day + HOUR <= now ? day : day - DAY;
}

/* What the demo cluster's "backup-pbs-daily" job wrote: the same snapshots
 * Proxmox VE lists in its "pbs" storage, so one backup is seen twice. */
static const struct {
  const char *type;
  guint       id;
} daily_job[] = {
  { "vm", 100 }, { "vm", 101 }, { "ct", 104 }, { "vm", 200 }, { "ct", 202 },
};

static void
add_job_snapshots (JsonBuilder *b,
                   gint64       now)
{
  gint64 day = job_day (now);

  for (guint i = 0; i < G_N_ELEMENTS (daily_job); i++)
    for (guint k = 3; k > 0; k--)
      {
        gint64 t = day - (gint64) (k - 1) * DAY + HOUR + 120 * i;
        gint64 size = (gint64) ((daily_job[i].id % 100) + 2) * GIB / 2 + k * 4096;
        gboolean newest = k == 1;
        const char *verify = newest && daily_job[i].id == 101 ? "failed" : "ok";

        add_snapshot (b, daily_job[i].type, daily_job[i].id, t, size, verify,
                      newest && daily_job[i].id == 100, daily_job[i].id + k);
      }
}

/* Backups made by hand into the same namespace, for the rest of the mix:
 * 201 stale (five days old), 207 good two days ago then a failed task (see
 * tasks_node), 105 fresh but never verified, and 118, a guest deleted since
 * (its group matches no instance). */
static void
add_manual_snapshots (JsonBuilder *b,
                      gint64       now)
{
  add_snapshot (b, "vm", 201, now - 5 * DAY - 2 * HOUR, 3 * GIB, "ok", FALSE, 40);
  add_snapshot (b, "vm", 207, now - 2 * DAY - 3 * HOUR, 4 * GIB, "ok", FALSE, 41);
  add_snapshot (b, "ct", 105, now - 6 * HOUR, GIB, NULL, FALSE, 42);
  add_snapshot (b, "vm", 118, now - 40 * DAY, 2 * GIB, "ok", FALSE, 43);
}

static JsonNode *
snapshots_node (PbsLab     *lab,
                const char *store,
                const char *ns)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  if (g_strcmp0 (store, "store1") == 0 && g_strcmp0 (ns, "pve-demo") == 0)
    {
      add_job_snapshots (b, lab->now);
      add_manual_snapshots (b, lab->now);
    }
  else if (g_strcmp0 (store, "store2") == 0 && (ns == NULL || *ns == '\0'))
    {
      /* Copies pulled by the sync job, and the server's own host backup. */
      add_snapshot (b, "vm", 100, lab->now - DAY - 5 * HOUR, 2 * GIB, "ok", FALSE, 1);
      add_snapshot (b, "vm", 101, lab->now - DAY - 5 * HOUR, 3 * GIB / 2, NULL, FALSE, 2);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static JsonNode *
tasks_node (PbsLab *lab,
            gboolean errors_only)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  struct {
    const char *type;
    const char *id;
    gint64      ago;
    const char *status;
  } tasks[] = {
    { "backup", "store1:ns/pve-demo/vm/207", 3 * HOUR,
      "backup ended with error: connection error: Connection timed out (os error 110)" },
    { "backup", "store1:ns/pve-demo/vm/100", 2 * HOUR, "OK" },
    { "backup", "store1:ns/pve-demo/ct/200", 2 * HOUR, "OK" },
    { "verificationjob", "store1:v-store1-weekly", 20 * HOUR,
      "verification failed - please check the log for details" },
    { "prunejob", "store1:p-store1-daily", 6 * HOUR, "OK" },
    { "syncjob", "store2:s-store2-pull", DAY + 5 * HOUR, "OK" },
    { "garbage_collection", "store1", 5 * HOUR, "OK" },
    { "tape-backup", "store1:lto", 30 * HOUR, "tape drive not ready" },
  };

  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (tasks); i++)
    {
      gint64 start = lab->now - tasks[i].ago;
      g_autofree char *u = upid (tasks[i].type, tasks[i].id, start, i);

      if (errors_only && g_str_equal (tasks[i].status, "OK"))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "upid");
      json_builder_add_string_value (b, u);
      json_builder_set_member_name (b, "node");
      json_builder_add_string_value (b, "pbs-lab");
      json_builder_set_member_name (b, "pid");
      json_builder_add_int_value (b, 1000 + i);
      json_builder_set_member_name (b, "pstart");
      json_builder_add_int_value (b, 4242 + i);
      json_builder_set_member_name (b, "starttime");
      json_builder_add_int_value (b, start);
      json_builder_set_member_name (b, "endtime");
      json_builder_add_int_value (b, start + 300);
      json_builder_set_member_name (b, "worker_type");
      json_builder_add_string_value (b, tasks[i].type);
      json_builder_set_member_name (b, "worker_id");
      json_builder_add_string_value (b, tasks[i].id);
      json_builder_set_member_name (b, "user");
      json_builder_add_string_value (b, USER);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, tasks[i].status);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

typedef struct {
  const char *kind;
  const char *id;
  const char *store;
  const char *schedule;
  const char *worker;
  gint64      ago;
  gint64      next;
  const char *state;
} LabJob;

static const LabJob lab_jobs[] = {
  { "verify", "v-store1-weekly", "store1", "sat 03:00", "verificationjob", 20 * HOUR, 5 * DAY,
    "verification failed - please check the log for details" },
  { "prune", "p-store1-daily", "store1", "daily", "prunejob", 6 * HOUR, 18 * HOUR, "OK" },
  { "sync", "s-store2-pull", "store2", "hourly", "syncjob", DAY + 5 * HOUR, HOUR,
    "WARNINGS: 1" },
  { "gc", NULL, "store1", "daily", "garbage_collection", 5 * HOUR, 19 * HOUR, "OK" },
  { "gc", NULL, "store2", "sun 02:00", "garbage_collection", 3 * DAY, 4 * DAY, "OK" },
};

static JsonNode *
jobs_node (PbsLab     *lab,
           const char *kind,
           const char *only_store)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean single = only_store != NULL;

  if (!single)
    json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (lab_jobs); i++)
    {
      const LabJob *j = &lab_jobs[i];
      gint64 start = lab->now - j->ago;
      g_autofree char *wid = NULL;
      g_autofree char *u = NULL;

      if (!g_str_equal (j->kind, kind) || (single && !g_str_equal (j->store, only_store)))
        continue;
      wid = j->id ? g_strdup_printf ("%s:%s", j->store, j->id) : g_strdup (j->store);
      u = upid (j->worker, wid, start, 50 + i);
      json_builder_begin_object (b);
      if (j->id != NULL)
        {
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, j->id);
        }
      json_builder_set_member_name (b, "store");
      json_builder_add_string_value (b, j->store);
      if (!single)
        {
          json_builder_set_member_name (b, "schedule");
          json_builder_add_string_value (b, j->schedule);
          json_builder_set_member_name (b, "next-run");
          json_builder_add_int_value (b, lab->now + j->next);
          json_builder_set_member_name (b, "last-run-state");
          json_builder_add_string_value (b, j->state);
          json_builder_set_member_name (b, "last-run-upid");
          json_builder_add_string_value (b, u);
          json_builder_set_member_name (b, "last-run-endtime");
          json_builder_add_int_value (b, start + 600);
        }
      else
        {
          json_builder_set_member_name (b, "upid");
          json_builder_add_string_value (b, u);
        }
      if (g_str_equal (kind, "verify"))
        {
          json_builder_set_member_name (b, "ns");
          json_builder_add_string_value (b, "pve-demo");
          json_builder_set_member_name (b, "outdated-after");
          json_builder_add_int_value (b, 30);
        }
      else if (g_str_equal (kind, "prune"))
        {
          json_builder_set_member_name (b, "keep-daily");
          json_builder_add_int_value (b, 7);
          json_builder_set_member_name (b, "keep-weekly");
          json_builder_add_int_value (b, 4);
          json_builder_set_member_name (b, "disable");
          json_builder_add_boolean_value (b, FALSE);
        }
      else if (g_str_equal (kind, "sync"))
        {
          json_builder_set_member_name (b, "remote-store");
          json_builder_add_string_value (b, "store1");
          json_builder_set_member_name (b, "sync-direction");
          json_builder_add_string_value (b, "pull");
        }
      else
        {
          json_builder_set_member_name (b, "index-data-bytes");
          json_builder_add_int_value (b, 180 * GIB);
          json_builder_set_member_name (b, "disk-bytes");
          json_builder_add_int_value (b, 61 * GIB);
          json_builder_set_member_name (b, "removed-bytes");
          json_builder_add_int_value (b, 2 * GIB);
        }
      json_builder_end_object (b);
    }
  if (!single)
    json_builder_end_array (b);
  return json_builder_get_root (b);
}

static JsonNode *
static_node (PbsLab     *lab,
             const char *path)
{
  if (g_str_equal (path, "/version"))
    return parse_json ("{\"version\":\"4.1\",\"release\":\"2\","
                       "\"repoid\":\"6c9a3bd1e0f2a4c58d7b91e3f0a2c4d6b8e1f3a5\"}");
  if (g_str_equal (path, "/admin/datastore"))
    return parse_json ("[{\"store\":\"store1\",\"comment\":\"Proxmox VE backups\","
                       "\"mount-status\":\"nonremovable\",\"backend-type\":\"filesystem\"},"
                       "{\"store\":\"store2\",\"comment\":\"Sync copies\","
                       "\"mount-status\":\"nonremovable\",\"backend-type\":\"filesystem\"}]");
  if (g_str_equal (path, "/status/datastore-usage"))
    {
      g_autofree char *json =
        g_strdup_printf ("[{\"store\":\"store1\",\"total\":%" G_GINT64_FORMAT
                         ",\"used\":%" G_GINT64_FORMAT ",\"avail\":%" G_GINT64_FORMAT
                         ",\"estimated-full-date\":%" G_GINT64_FORMAT
                         ",\"mount-status\":\"nonremovable\",\"backend-type\":\"filesystem\"},"
                         "{\"store\":\"store2\",\"total\":%" G_GINT64_FORMAT
                         ",\"used\":%" G_GINT64_FORMAT ",\"avail\":%" G_GINT64_FORMAT
                         ",\"mount-status\":\"nonremovable\",\"backend-type\":\"filesystem\"}]",
                         2000 * GIB, 612 * GIB, 1388 * GIB, lab->now + 400 * DAY,
                         1000 * GIB, 95 * GIB, 905 * GIB);
      return parse_json (json);
    }
  if (g_str_equal (path, "/nodes/localhost/status"))
    {
      g_autofree char *json =
        g_strdup_printf ("{\"memory\":{\"total\":%" G_GINT64_FORMAT ",\"used\":%" G_GINT64_FORMAT
                         ",\"free\":%" G_GINT64_FORMAT "},"
                         "\"swap\":{\"total\":0,\"used\":0,\"free\":0},"
                         "\"root\":{\"total\":%" G_GINT64_FORMAT ",\"used\":%" G_GINT64_FORMAT
                         ",\"avail\":%" G_GINT64_FORMAT "},"
                         "\"uptime\":%d,\"loadavg\":[0.42,0.37,0.30],"
                         "\"kversion\":\"Linux 6.17.2-1-pve #1 SMP PREEMPT_DYNAMIC\","
                         "\"cpu\":0.07,\"wait\":0.01,"
                         "\"cpuinfo\":{\"model\":\"AMD EPYC 7313P 16-Core Processor\","
                         "\"sockets\":1,\"cpus\":32},"
                         "\"info\":{\"fingerprint\":\"lab\"},"
                         "\"boot-info\":{\"mode\":\"efi\",\"secureboot\":false}}",
                         64 * GIB, 21 * GIB, 43 * GIB, 100 * GIB, 9 * GIB, 91 * GIB,
                         12 * DAY + 3 * HOUR);
      return parse_json (json);
    }
  if (g_str_equal (path, "/admin/datastore/store1/namespace"))
    return parse_json ("[{\"ns\":\"\"},{\"ns\":\"pve-demo\",\"comment\":\"lab-proxmox\"}]");
  if (g_str_equal (path, "/admin/datastore/store2/namespace"))
    return parse_json ("[{\"ns\":\"\"}]");
  return NULL;
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *full_path,
                GHashTable        *query,
                gpointer           user_data)
{
  PbsLab *lab = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *path;
  g_autoptr(JsonNode) node = NULL;
  gint64 total = -1;

  if (!g_str_has_prefix (full_path, "/api2/json/"))
    {
      send_error (msg, SOUP_STATUS_NOT_FOUND, "Path not found.");
      return;
    }
  path = full_path + strlen ("/api2/json");

  if (g_str_equal (path, "/access/ticket") && g_str_equal (method, "POST"))
    {
      handle_ticket (lab, msg);
      return;
    }
  if (!authorized (lab, msg))
    {
      send_error (msg, SOUP_STATUS_UNAUTHORIZED, "authentication failed - invalid credentials");
      return;
    }
  if (!g_str_equal (method, "GET"))
    {
      send_error (msg, SOUP_STATUS_BAD_REQUEST, "the demo lab is read-only");
      return;
    }

  node = static_node (lab, path);
  if (node == NULL && g_str_has_prefix (path, "/admin/datastore/") &&
      g_str_has_suffix (path, "/snapshots"))
    {
      g_autofree char *store = g_strndup (path + strlen ("/admin/datastore/"),
                                          strlen (path) - strlen ("/admin/datastore/") -
                                          strlen ("/snapshots"));
      const char *ns = query ? g_hash_table_lookup (query, "ns") : NULL;

      if (g_str_equal (store, "store1") || g_str_equal (store, "store2"))
        node = snapshots_node (lab, store, ns);
      else
        {
          send_error (msg, SOUP_STATUS_BAD_REQUEST,
                      "datastore does not exist or is not accessible");
          return;
        }
    }
  else if (node == NULL && g_str_has_prefix (path, "/admin/datastore/") &&
           g_str_has_suffix (path, "/gc"))
    {
      g_autofree char *store = g_strndup (path + strlen ("/admin/datastore/"),
                                          strlen (path) - strlen ("/admin/datastore/") -
                                          strlen ("/gc"));
      node = jobs_node (lab, "gc", store);
    }
  else if (node == NULL && g_str_equal (path, "/nodes/localhost/tasks"))
    {
      const char *errors = query ? g_hash_table_lookup (query, "errors") : NULL;

      node = tasks_node (lab, errors != NULL && (g_str_equal (errors, "1") ||
                                                 g_str_equal (errors, "true")));
      total = json_array_get_length (json_node_get_array (node));
    }
  else if (node == NULL && g_str_equal (path, "/admin/verify"))
    node = jobs_node (lab, "verify", NULL);
  else if (node == NULL && g_str_equal (path, "/admin/prune"))
    node = jobs_node (lab, "prune", NULL);
  else if (node == NULL && g_str_equal (path, "/admin/sync"))
    node = jobs_node (lab, "sync", NULL);
  else if (node == NULL && g_str_equal (path, "/admin/gc"))
    node = jobs_node (lab, "gc", NULL);

  if (node == NULL)
    {
      g_autofree char *text = g_strdup_printf ("Path '%s' not found.", full_path);

      send_error (msg, SOUP_STATUS_NOT_FOUND, text);
      return;
    }
  send_data (msg, node, total);
}

gboolean
vigie_lab_pbs_setup (VigieLabService *service,
                     GError         **error)
{
  PbsLab *lab = g_new0 (PbsLab, 1);

  lab->now = service->now;
  lab->secret = g_strdup ("5d3c1f9e-7a2b-4c8d-9e0f-lab0pbs0token");
  lab->tickets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  service->user = g_strdup (USER);
  service->token_id = g_strdup (TOKEN_ID);
  service->secret = g_strdup (lab->secret);
  service->secret_purpose = VIGIE_SECRET_TOKEN;
  service->state = lab;
  service->state_free = pbs_lab_free;
  soup_server_add_handler (service->server, NULL, handle_request, lab, NULL);
  return TRUE;
}
