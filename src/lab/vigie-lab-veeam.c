/* vigie-lab-veeam.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Veeam Backup & Replication 12.2 REST server for the demo lab, written
 * from the API documentation, not from the backend. It speaks revisions up
 * to 1.1-rev2 and answers 400 with the supported list to anything else;
 * 1.0 revisions get lower-case enums, 1.1 capitalised ones. Pages hold at
 * most PAGE items whatever limit is asked, so clients must page.
 *
 * The protected VMs match the demo ESXi host (vigie-lab-esxi-model.c,
 * "esxi-lab.vigie.test", whose VMs are morefs 1, 2, 3, …):
 *   "Web tier"      web-01 (1), web-02 (2)         succeeded 3 h ago
 *   "Databases"     db-01 (3), mail-01 (4)         last run failed; newest
 *                                                   restore points 2 days old
 *   "Infra weekly"  legacy-app (vm-5 on esxi-01, vm-6 on esxi-02): one name
 *                   on two hosts Vigie does not know, while the demo host
 *                   has its own legacy-app: ambiguous, never guessed;
 *                   warning, 6 days ago
 *   "Legacy"        disabled, never ran
 * and jobs of the other types a server runs (replica, backup copy, file
 * backup, Windows and Linux agents, Entra ID), without restore points.
 * Revisions up to 1.1 have no documented list of job types: the lab uses
 * the spellings of 1.2 (VSphereReplica, FileBackupCopy, EntraIDTenantBackup)
 * and of 1.3 for the agent and file jobs.
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "vigie-lab.h"

#define HOUR (60 * 60)
#define DAY (24 * HOUR)
#define PAGE 3
#define USER "vigie\\admin"
#define SUPPORTED "v1.0-rev1, v1.0-rev2, v1.1-rev0, v1.1-rev1, v1.1-rev2"

static const char * const revisions[] = {
  "1.0-rev1", "1.0-rev2", "1.1-rev0", "1.1-rev1", "1.1-rev2", NULL
};

typedef struct {
  gint64      now;
  char       *password;
  GHashTable *access;     /* valid access tokens */
  GHashTable *refresh;    /* valid refresh tokens (each works once) */
  guint       serial;
} VeeamLab;

static void
veeam_lab_free (gpointer data)
{
  VeeamLab *lab = data;

  g_free (lab->password);
  g_hash_table_unref (lab->access);
  g_hash_table_unref (lab->refresh);
  g_free (lab);
}

typedef struct {
  const char *id;
  const char *name;
  const char *type;         /* EJobType */
  const char *backup_id;
  const char *session_id;
  const char *result;       /* None, Success, Warning, Failed */
  gint64      last_ago;     /* 0: never ran */
  gint64      points_ago;   /* age of the newest restore point */
  gboolean    disabled;
  const char *message;
} LabJob;

/* The first three have backups and sessions (sessions and backups index
 * them); the others show that a server runs more than backup jobs. */
static const LabJob lab_jobs[] = {
  { "6f1c7a2e-0b1d-4c7e-9a10-000000000001", "Web tier", "Backup",
    "b0000000-0000-4000-8000-000000000001",
    "50000000-0000-4000-8000-000000000001", "Success", 3 * HOUR, 3 * HOUR, FALSE, NULL },
  { "6f1c7a2e-0b1d-4c7e-9a10-000000000002", "Databases", "Backup",
    "b0000000-0000-4000-8000-000000000002",
    "50000000-0000-4000-8000-000000000002", "Failed", 5 * HOUR, 2 * DAY + HOUR, FALSE,
    "Processing mail-01 Error: Failed to create VM snapshot: the operation is not allowed "
    "in the current state" },
  { "6f1c7a2e-0b1d-4c7e-9a10-000000000003", "Infra weekly", "Backup",
    "b0000000-0000-4000-8000-000000000003",
    "50000000-0000-4000-8000-000000000003", "Warning", 6 * DAY, 6 * DAY, FALSE,
    "Changed block tracking is disabled for legacy-app" },
  { "6f1c7a2e-0b1d-4c7e-9a10-000000000004", "Legacy", "Backup", NULL, NULL, "None", 0, 0, TRUE,
    NULL },
  { "6f1c7a2e-0b1d-4c7e-9a10-000000000005", "DR replica", "VSphereReplica", NULL, NULL,
    "Success", 2 * HOUR, 0, FALSE, NULL },
  { "6f1c7a2e-0b1d-4c7e-9a10-000000000006", "Offsite copy", "FileBackupCopy", NULL, NULL,
    "Warning", 9 * HOUR, 0, FALSE, NULL },
  { "6f1c7a2e-0b1d-4c7e-9a10-000000000007", "File shares", "FileBackup", NULL, NULL,
    "Success", 4 * HOUR, 0, FALSE, NULL },
  { "6f1c7a2e-0b1d-4c7e-9a10-000000000008", "Laptops", "WindowsAgentBackup", NULL, NULL,
    "Failed", 20 * HOUR, 0, FALSE, NULL },
  { "6f1c7a2e-0b1d-4c7e-9a10-000000000009", "Linux servers", "LinuxAgentBackup", NULL, NULL,
    "Success", 7 * HOUR, 0, FALSE, NULL },
  { "6f1c7a2e-0b1d-4c7e-9a10-00000000000a", "Microsoft 365 tenant", "EntraIDTenantBackup", NULL,
    NULL, "Success", 1 * HOUR, 0, FALSE, NULL },
};

typedef struct {
  const char *id;
  const char *moref;
  const char *name;
  const char *host;
  guint       job;
} LabObject;

static const LabObject lab_objects[] = {
  { "0b000000-0000-4000-8000-000000000001", "1", "web-01", "esxi-lab.vigie.test", 0 },
  { "0b000000-0000-4000-8000-000000000002", "2", "web-02", "esxi-lab.vigie.test", 0 },
  { "0b000000-0000-4000-8000-000000000003", "3", "db-01", "esxi-lab.vigie.test", 1 },
  { "0b000000-0000-4000-8000-000000000004", "4", "mail-01", "esxi-lab.vigie.test", 1 },
  { "0b000000-0000-4000-8000-000000000005", "vm-5", "legacy-app", "esxi-01.lab.vigie.test", 2 },
  { "0b000000-0000-4000-8000-000000000006", "vm-6", "legacy-app", "esxi-02.lab.vigie.test", 2 },
};

#define POINTS_PER_OBJECT 4

static void
send_json (SoupServerMessage *msg,
           guint              status,
           JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  gsize len = strlen (text);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), len);
}

static void
send_error (SoupServerMessage *msg,
            guint              status,
            const char        *code,
            const char        *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "errorCode");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  send_json (msg, status, node);
}

/* ISO 8601 with an offset and a fraction, as Veeam writes them. */
static char *
lab_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) with_fraction = g_date_time_add (local, 123456);

  return g_date_time_format (with_fraction, "%Y-%m-%dT%H:%M:%S.%f%:z");
}

static void
add_time (JsonBuilder *b,
          const char  *member,
          gint64       unix_seconds)
{
  g_autofree char *text = unix_seconds > 0 ? lab_time (unix_seconds) : NULL;

  json_builder_set_member_name (b, member);
  if (text != NULL)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
}

static void
add_str (JsonBuilder *b,
         const char  *member,
         const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* 1.0 revisions spell some enums in lower case. */
static char *
enum_value (const char *revision,
            const char *value)
{
  if (g_str_has_prefix (revision, "1.0-"))
    return g_ascii_strdown (value, -1);
  return g_strdup (value);
}

static void
add_enum (JsonBuilder *b,
          const char  *revision,
          const char  *member,
          const char  *value)
{
  g_autofree char *text = enum_value (revision, value);

  add_str (b, member, text);
}

/* Auth */

static char *
new_token (VeeamLab   *lab,
           const char *kind)
{
  lab->serial++;
  return g_strdup_printf ("eyJsYWIiOiJ2ZWVhbSJ9.%s%u.%08x", kind, lab->serial,
                          g_str_hash (lab->password) ^ lab->serial);
}

static void
handle_token (VeeamLab          *lab,
              SoupServerMessage *msg)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GHashTable) form = soup_form_decode (text);
  const char *grant = g_hash_table_lookup (form, "grant_type");
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  if (g_strcmp0 (grant, "password") == 0)
    {
      const char *user = g_hash_table_lookup (form, "username");
      const char *password = g_hash_table_lookup (form, "password");

      if (user == NULL || password == NULL ||
          (g_ascii_strcasecmp (user, USER) != 0 && g_ascii_strcasecmp (user, ".\\admin") != 0) ||
          g_strcmp0 (password, lab->password) != 0)
        {
          send_error (msg, SOUP_STATUS_UNAUTHORIZED, "AccessDenied",
                      "Unable to log in: the user name or password is incorrect.");
          return;
        }
    }
  else if (g_strcmp0 (grant, "refresh_token") == 0)
    {
      const char *token = g_hash_table_lookup (form, "refresh_token");

      if (token == NULL || !g_hash_table_remove (lab->refresh, token))
        {
          send_error (msg, SOUP_STATUS_UNAUTHORIZED, "AccessDenied", "Invalid refresh token.");
          return;
        }
    }
  else
    {
      send_error (msg, SOUP_STATUS_BAD_REQUEST, "UnexpectedContent",
                  "grant_type must be password or refresh_token.");
      return;
    }

  access = new_token (lab, "a");
  refresh = new_token (lab, "r");
  g_hash_table_add (lab->access, g_strdup (access));
  g_hash_table_add (lab->refresh, g_strdup (refresh));
  json_builder_begin_object (b);
  add_str (b, "access_token", access);
  add_str (b, "token_type", "bearer");
  add_str (b, "refresh_token", refresh);
  json_builder_set_member_name (b, "expires_in");
  json_builder_add_int_value (b, 900);
  add_time (b, ".issued", lab->now);
  add_time (b, ".expires", lab->now + 900);
  add_str (b, "username", USER);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  send_json (msg, SOUP_STATUS_OK, node);
}

/* Collections */

typedef void (*ItemFunc) (VeeamLab    *lab,
                          const char  *revision,
                          JsonBuilder *b,
                          guint        index,
                          gconstpointer data);

static void
send_page (SoupServerMessage *msg,
           GHashTable        *query,
           VeeamLab          *lab,
           const char        *revision,
           guint              total,
           ItemFunc           func,
           gconstpointer      data)
{
  const char *skip_text = query ? g_hash_table_lookup (query, "skip") : NULL;
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint skip = skip_text ? (guint) g_ascii_strtoull (skip_text, NULL, 10) : 0;
  guint limit = limit_text ? (guint) g_ascii_strtoull (limit_text, NULL, 10) : 200;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  guint count = 0;

  limit = CLAMP (limit, 1, PAGE);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "data");
  json_builder_begin_array (b);
  for (guint i = skip; i < total && count < limit; i++, count++)
    func (lab, revision, b, i, data);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "pagination");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, total);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, count);
  json_builder_set_member_name (b, "skip");
  json_builder_add_int_value (b, skip);
  json_builder_set_member_name (b, "limit");
  json_builder_add_int_value (b, limit);
  json_builder_end_object (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  send_json (msg, SOUP_STATUS_OK, node);
}

static void
job_state_item (VeeamLab     *lab,
                const char   *revision,
                JsonBuilder  *b,
                guint         i,
                gconstpointer data)
{
  const LabJob *j = &lab_jobs[i];

  json_builder_begin_object (b);
  add_str (b, "id", j->id);
  add_str (b, "name", j->name);
  add_str (b, "type", j->type);
  add_str (b, "description", "Created by VBR-LAB\\admin");
  add_enum (b, revision, "status", j->disabled ? "Disabled" : "Inactive");
  add_time (b, "lastRun", j->last_ago ? lab->now - j->last_ago : 0);
  add_enum (b, revision, "lastResult", j->result);
  add_time (b, "nextRun", j->disabled ? 0 : lab->now + 21 * HOUR - (gint64) i * HOUR);
  add_enum (b, revision, "workload", "Vm");
  add_str (b, "repositoryId", "7e000000-0000-4000-8000-000000000001");
  add_str (b, "repositoryName", "Default Backup Repository");
  json_builder_set_member_name (b, "objectsCount");
  json_builder_add_int_value (b, j->backup_id ? 2 : 0);
  add_str (b, "sessionId", j->session_id);
  json_builder_end_object (b);
}

static void
include_object (JsonBuilder     *b,
                const LabObject *o)
{
  json_builder_begin_object (b);
  add_str (b, "platform", "VMware");
  add_str (b, "hostName", o->host);
  add_str (b, "name", o->name);
  add_str (b, "type", "VirtualMachine");
  add_str (b, "objectId", o->moref);
  json_builder_end_object (b);
}

static void
job_item (VeeamLab     *lab,
          const char   *revision,
          JsonBuilder  *b,
          guint         i,
          gconstpointer data)
{
  const LabJob *j = &lab_jobs[i];

  json_builder_begin_object (b);
  add_str (b, "id", j->id);
  add_str (b, "name", j->name);
  add_str (b, "type", j->type);
  json_builder_set_member_name (b, "isDisabled");
  json_builder_add_boolean_value (b, j->disabled);
  json_builder_set_member_name (b, "virtualMachines");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "includes");
  json_builder_begin_array (b);
  for (guint k = 0; k < G_N_ELEMENTS (lab_objects); k++)
    if (lab_objects[k].job == i)
      include_object (b, &lab_objects[k]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "excludes");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "schedule");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "runAutomatically");
  json_builder_add_boolean_value (b, !j->disabled);
  json_builder_set_member_name (b, "daily");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "isEnabled");
  json_builder_add_boolean_value (b, TRUE);
  add_str (b, "localTime", i == 2 ? "23:00" : "22:00");
  add_enum (b, revision, "dailyKind", i == 2 ? "SelectedDays" : "Everyday");
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* Sessions: the last one of each job that ran, then a successful one a
 * day earlier for each. */
static guint
n_sessions (void)
{
  return 2 * 3;
}

static void
session_item (VeeamLab     *lab,
              const char   *revision,
              JsonBuilder  *b,
              guint         i,
              gconstpointer data)
{
  const LabJob *j = &lab_jobs[i % 3];
  gboolean last = i < 3;
  g_autofree char *id = last ? g_strdup (j->session_id)
                             : g_strdup_printf ("51000000-0000-4000-8000-00000000000%u", i);
  gint64 start = lab->now - j->last_ago - (last ? 0 : DAY);

  json_builder_begin_object (b);
  add_str (b, "id", id);
  add_str (b, "name", j->name);
  add_str (b, "jobId", j->id);
  add_str (b, "sessionType", "BackupJob");
  add_time (b, "creationTime", start);
  add_time (b, "endTime", start + 1200);
  add_enum (b, revision, "state", "Stopped");
  json_builder_set_member_name (b, "progressPercent");
  json_builder_add_int_value (b, 100);
  json_builder_set_member_name (b, "result");
  json_builder_begin_object (b);
  add_enum (b, revision, "result", last ? j->result : "Success");
  add_str (b, "message", last ? j->message : NULL);
  json_builder_set_member_name (b, "isCanceled");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_end_object (b);
  add_str (b, "resourceId", j->backup_id);
  json_builder_set_member_name (b, "usn");
  json_builder_add_int_value (b, 1000 + i);
  add_str (b, "platformName", "VMware");
  json_builder_end_object (b);
}

static void
backup_item (VeeamLab     *lab,
             const char   *revision,
             JsonBuilder  *b,
             guint         i,
             gconstpointer data)
{
  const LabJob *j = &lab_jobs[i];

  json_builder_begin_object (b);
  add_str (b, "id", j->backup_id);
  add_str (b, "jobId", j->id);
  add_str (b, "policyUniqueId", "");
  add_str (b, "name", j->name);
  add_str (b, "platformName", "VMware");
  add_str (b, "platformId", "00000000-0000-0000-0000-000000000000");
  add_time (b, "creationTime", lab->now - 90 * DAY);
  add_str (b, "repositoryId", "7e000000-0000-4000-8000-000000000001");
  json_builder_end_object (b);
}

static void
object_item (VeeamLab     *lab,
             const char   *revision,
             JsonBuilder  *b,
             guint         i,
             gconstpointer data)
{
  const LabObject *o = &lab_objects[i];
  g_autofree char *path = g_strdup_printf ("%s\\%s", o->host, o->name);

  json_builder_begin_object (b);
  add_str (b, "id", o->id);
  add_str (b, "name", o->name);
  add_str (b, "type", "VM");
  add_str (b, "platformName", "VMware");
  add_str (b, "platformId", "00000000-0000-0000-0000-000000000000");
  json_builder_set_member_name (b, "restorePointsCount");
  json_builder_add_int_value (b, POINTS_PER_OBJECT);
  add_str (b, "objectId", o->moref);
  add_str (b, "path", path);
  add_str (b, "viType", "VirtualMachine");
  json_builder_end_object (b);
}

static void
point_item (VeeamLab     *lab,
            const char   *revision,
            JsonBuilder  *b,
            guint         i,
            gconstpointer data)
{
  const LabObject *o = data;
  const LabJob *j = &lab_jobs[o->job];
  g_autofree char *id = g_strdup_printf ("9%07u-0000-4000-8000-%012u",
                                         (guint) (o - lab_objects), i);
  gint64 time = lab->now - j->points_ago - (gint64) i * DAY;

  json_builder_begin_object (b);
  add_str (b, "id", id);
  add_str (b, "name", o->name);
  add_str (b, "platformName", "VMware");
  add_str (b, "platformId", "00000000-0000-0000-0000-000000000000");
  add_time (b, "creationTime", time);
  add_str (b, "backupId", j->backup_id);
  add_enum (b, revision, "type", i == POINTS_PER_OBJECT - 1 ? "Full" : "Increment");
  json_builder_set_member_name (b, "allowedOperations");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "StartEntireVmRestore");
  json_builder_end_array (b);
  add_enum (b, revision, "malwareStatus", "Clean");
  json_builder_end_object (b);
}

static void
repository_item (VeeamLab     *lab,
                 const char   *revision,
                 JsonBuilder  *b,
                 guint         i,
                 gconstpointer data)
{
  json_builder_begin_object (b);
  add_str (b, "type", i == 0 ? "WinLocal" : "LinuxHardened");
  add_str (b, "id", i == 0 ? "7e000000-0000-4000-8000-000000000001"
                           : "7e000000-0000-4000-8000-000000000002");
  add_str (b, "name", i == 0 ? "Default Backup Repository" : "Hardened Linux");
  add_str (b, "description", "Created by VBR-LAB\\admin");
  add_str (b, "hostId", "8d000000-0000-4000-8000-00000000000" "1");
  add_str (b, "hostName", i == 0 ? "vbr-lab.vigie.test" : "repo-01.vigie.test");
  add_str (b, "path", i == 0 ? "C:\\Backup" : "/mnt/veeam");
  json_builder_set_member_name (b, "capacityGB");
  json_builder_add_double_value (b, i == 0 ? 499.5 : 2047.9);
  json_builder_set_member_name (b, "freeGB");
  json_builder_add_double_value (b, i == 0 ? 210.25 : 1530.0);
  json_builder_set_member_name (b, "usedSpaceGB");
  json_builder_add_double_value (b, i == 0 ? 301.4 : 402.1);
  json_builder_set_member_name (b, "isOnline");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
}

static void
send_object (SoupServerMessage *msg,
             const char        *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert (node != NULL);
  send_json (msg, SOUP_STATUS_OK, node);
}

static const char *
check_revision (SoupServerMessage *msg)
{
  const char *rev = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "x-api-version");

  for (guint i = 0; rev != NULL && revisions[i] != NULL; i++)
    if (g_str_equal (rev, revisions[i]))
      return revisions[i];
  send_error (msg, SOUP_STATUS_BAD_REQUEST, "UnknownError",
              "Unsupported RESTAPI version. The following versions are supported: "
              SUPPORTED ".");
  return NULL;
}

static gboolean
authorized (VeeamLab          *lab,
            SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");

  return auth != NULL && g_str_has_prefix (auth, "Bearer ") &&
         g_hash_table_contains (lab->access, auth + strlen ("Bearer "));
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  VeeamLab *lab = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *revision;

  revision = check_revision (msg);
  if (revision == NULL)
    return;
  if (g_str_equal (path, "/api/oauth2/token") && g_str_equal (method, "POST"))
    {
      handle_token (lab, msg);
      return;
    }
  if (!authorized (lab, msg))
    {
      send_error (msg, SOUP_STATUS_UNAUTHORIZED, "AccessDenied",
                  "Unauthorized. Get bearer JWT token at /api/oauth2/token");
      return;
    }
  if (!g_str_equal (method, "GET"))
    {
      send_error (msg, 405, "MethodNotAllowed", "The demo lab is read-only.");
      return;
    }

  if (g_str_equal (path, "/api/v1/serverInfo"))
    send_object (msg, "{\"vbrId\":\"4c2f8a90-5d1e-4b7a-9c3d-0e1f2a3b4c5d\","
                      "\"name\":\"vbr-lab.vigie.test\",\"buildVersion\":\"12.2.0.334\","
                      "\"patches\":[],\"databaseVendor\":\"PostgreSQL\","
                      "\"sqlServerEdition\":\"\",\"sqlServerVersion\":\"PostgreSQL 15.8\","
                      "\"databaseSchemaVersion\":\"7512\",\"databaseContentVersion\":\"7512\"}");
  else if (g_str_equal (path, "/api/v1/serverTime"))
    {
      g_autofree char *now = lab_time (lab->now);
      g_autofree char *json = g_strdup_printf ("{\"serverTime\":\"%s\",\"timeZone\":"
                                               "\"(UTC+01:00) Paris\"}", now);
      send_object (msg, json);
    }
  else if (g_str_equal (path, "/api/v1/license"))
    send_object (msg, "{\"status\":\"Valid\",\"type\":\"Free\",\"edition\":\"Community\","
                      "\"licensedTo\":\"Vigie demo lab\",\"supportId\":\"\","
                      "\"autoUpdateEnabled\":false,\"freeAgentInstanceConsumptionEnabled\":true,"
                      "\"cloudConnect\":\"Disabled\",\"instanceLicenseSummary\":"
                      "{\"licensedInstancesNumber\":10,\"usedInstancesNumber\":6}}");
  else if (g_str_equal (path, "/api/v1/jobs/states"))
    send_page (msg, query, lab, revision, G_N_ELEMENTS (lab_jobs), job_state_item, NULL);
  else if (g_str_equal (path, "/api/v1/jobs"))
    send_page (msg, query, lab, revision, G_N_ELEMENTS (lab_jobs), job_item, NULL);
  else if (g_str_equal (path, "/api/v1/sessions"))
    send_page (msg, query, lab, revision, n_sessions (), session_item, NULL);
  else if (g_str_equal (path, "/api/v1/backups"))
    send_page (msg, query, lab, revision, 3, backup_item, NULL);
  else if (g_str_equal (path, "/api/v1/backupObjects"))
    send_page (msg, query, lab, revision, G_N_ELEMENTS (lab_objects), object_item, NULL);
  else if (g_str_equal (path, "/api/v1/backupInfrastructure/repositories/states"))
    send_page (msg, query, lab, revision, 2, repository_item, NULL);
  else if (g_str_has_prefix (path, "/api/v1/backupObjects/") &&
           g_str_has_suffix (path, "/restorePoints"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (lab_objects); i++)
        {
          g_autofree char *expected = g_strdup_printf ("/api/v1/backupObjects/%s/restorePoints",
                                                       lab_objects[i].id);

          if (g_str_equal (path, expected))
            {
              send_page (msg, query, lab, revision, POINTS_PER_OBJECT, point_item,
                         &lab_objects[i]);
              return;
            }
        }
      send_error (msg, SOUP_STATUS_NOT_FOUND, "NotFound", "Resource does not exist");
    }
  else
    send_error (msg, SOUP_STATUS_NOT_FOUND, "NotFound", "Resource does not exist");
}

gboolean
vigie_lab_veeam_setup (VigieLabService *service,
                       GError         **error)
{
  VeeamLab *lab = g_new0 (VeeamLab, 1);

  lab->now = service->now;
  lab->password = g_strdup ("Vigie-lab-Veeam-2026");
  lab->access = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lab->refresh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  service->user = g_strdup (USER);
  service->secret = g_strdup (lab->password);
  service->secret_purpose = VIGIE_SECRET_PASSWORD;
  service->state = lab;
  service->state_free = veeam_lab_free;
  soup_server_add_handler (service->server, NULL, handle_request, lab, NULL);
  return TRUE;
}
