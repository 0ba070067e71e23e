/* vigie-lab-incus.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small Incus server for the demo lab: /1.0 with TLS client-certificate
 * trust, projects, instances (recursion 0/1/2, project, all-projects),
 * state changes, snapshots, backups, operations and their wait, storage
 * pools, resources, token enrolment, /1.0/events and an echoing exec.
 * Written from the REST API documentation, independently of the backend.
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "vigie-http-client.h"
#include "vigie-lab-incus-private.h"
#include "vigie-tls.h"

#define TOKEN_SECRET "7f3a9c1e5b2d4f60a8e1c3b5d7f9a2c4"

static void
lab_instance_free (LabInstance *instance)
{
  g_free (instance->name);
  g_free (instance->project);
  g_free (instance->status);
  g_free (instance->os);
  g_free (instance->release);
  g_ptr_array_unref (instance->snapshots);
  g_ptr_array_unref (instance->backups);
  g_free (instance);
}

static void
lab_operation_free (LabOperation *op)
{
  g_free (op->id);
  g_free (op->klass);
  g_free (op->status);
  g_free (op->err);
  g_free (op->resource);
  g_free (op->secret_data);
  g_free (op->secret_control);
  g_clear_pointer (&op->shell, lab_shell_free);
  g_ptr_array_unref (op->sockets);
  g_free (op);
}

static void
lab_incus_free (gpointer data)
{
  LabIncus *lab = data;

  g_hash_table_unref (lab->trusted);
  g_ptr_array_unref (lab->instances);
  g_hash_table_unref (lab->operations);
  for (guint i = 0; i < lab->listeners->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (lab->listeners, i), lab);
  g_ptr_array_unref (lab->listeners);
  g_free (lab);
}

/* Instances as JSON */

static LabInstance *
find_instance (LabIncus   *lab,
               const char *name,
               const char *project)
{
  for (guint i = 0; i < lab->instances->len; i++)
    {
      LabInstance *instance = g_ptr_array_index (lab->instances, i);

      if (g_str_equal (instance->name, name) && g_str_equal (instance->project, project))
        return instance;
    }
  return NULL;
}

/* Requests */

static JsonObject *
request_object (SoupServerMessage *msg,
                JsonParser        *parser)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *root;

  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
serve_server (LabIncus          *lab,
              SoupServerMessage *msg,
              gboolean           trusted)
{
  static const char *extensions[] = {
    "storage_zfs_remove_snapshots", "container_host_shutdown_timeout", "etag", "patch",
    "container_backup", "instances", "operation_wait", "projects", "clustering",
    "instances_state_total", "instance_state_started_at", "certificate_description",
    "container_exec_recording", "console_vga_type", "instance_all_projects",
    "event_project", "event_lifecycle", "container_full",
  };
  g_autoptr(JsonBuilder) b = lab_incus_sync_begin ();
  const char *url = lab->service->url ? lab->service->url : ":8443";
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%s", strrchr (url, ':') + 1);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "api_extensions");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (!lab->legacy || !g_str_equal (extensions[i], "instance_all_projects"))
      json_builder_add_string_value (b, extensions[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "api_status");
  json_builder_add_string_value (b, "stable");
  json_builder_set_member_name (b, "api_version");
  json_builder_add_string_value (b, "1.0");
  json_builder_set_member_name (b, "auth");
  json_builder_add_string_value (b, trusted ? "trusted" : "untrusted");
  json_builder_set_member_name (b, "auth_methods");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "tls");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "public");
  json_builder_add_boolean_value (b, FALSE);
  if (trusted)
    {
      static const char *env[] = {
        "server", "incus", "server_version", "6.0.3", "server_name", "lab-incus",
        "kernel", "Linux", "kernel_version", "6.1.0-lab", "kernel_architecture", "x86_64",
        "driver", "lxc | qemu", "driver_version", "6.0.2 | 8.2.2", "storage", "dir",
        "storage_version", "1", "firewall", "nftables", "project", "default",
        "os_name", "Debian GNU/Linux", "os_version", "12",
      };

      json_builder_set_member_name (b, "environment");
      json_builder_begin_object (b);
      for (guint i = 0; i < G_N_ELEMENTS (env); i += 2)
        {
          json_builder_set_member_name (b, env[i]);
          json_builder_add_string_value (b, env[i + 1]);
        }
      json_builder_set_member_name (b, "server_clustered");
      json_builder_add_boolean_value (b, lab->clustered);
      json_builder_set_member_name (b, "certificate_fingerprint");
      json_builder_add_string_value (b, lab->service->fingerprint ? lab->service->fingerprint : "");
      json_builder_set_member_name (b, "addresses");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, address);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  lab_incus_sync_end (msg, b);
}

static void
serve_instances (LabIncus          *lab,
                 SoupServerMessage *msg,
                 GHashTable        *query)
{
  const char *recursion = query ? g_hash_table_lookup (query, "recursion") : NULL;
  const char *project = query ? g_hash_table_lookup (query, "project") : NULL;
  const char *all = query ? g_hash_table_lookup (query, "all-projects") : NULL;
  gboolean all_projects = g_strcmp0 (all, "true") == 0 && !lab->legacy;
  int level = recursion ? atoi (recursion) : 0;
  g_autoptr(JsonBuilder) b = lab_incus_sync_begin ();

  if (project == NULL)
    project = "default";
  json_builder_begin_array (b);
  for (guint i = 0; i < lab->instances->len; i++)
    {
      LabInstance *instance = g_ptr_array_index (lab->instances, i);

      if (all_projects || g_str_equal (instance->project, project))
        lab_incus_add_instance (b, lab, instance, level);
    }
  json_builder_end_array (b);
  lab_incus_sync_end (msg, b);
}

static void
change_state (LabIncus          *lab,
              SoupServerMessage *msg,
              LabInstance       *instance)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body = request_object (msg, parser);
  const char *action = member_string (body, "action");
  g_autofree char *url = lab_incus_instance_url (instance);
  const char *event = NULL;
  const char *next = NULL;
  const char *refusal = NULL;
  LabOperation *op;

  if (g_strcmp0 (action, "start") == 0)
    {
      next = "Running", event = "instance-started";
      if (!g_str_equal (instance->status, "Stopped"))
        refusal = "The instance is already running";
    }
  else if (g_strcmp0 (action, "stop") == 0)
    {
      next = "Stopped", event = "instance-stopped";
      if (g_str_equal (instance->status, "Stopped"))
        refusal = "The instance is already stopped";
    }
  else if (g_strcmp0 (action, "restart") == 0)
    {
      next = "Running", event = "instance-restarted";
      if (!g_str_equal (instance->status, "Running"))
        refusal = "The instance isn't running";
    }
  else if (g_strcmp0 (action, "freeze") == 0)
    {
      next = "Frozen", event = "instance-paused";
      if (!g_str_equal (instance->status, "Running"))
        refusal = "The instance isn't running";
    }
  else if (g_strcmp0 (action, "unfreeze") == 0)
    {
      next = "Running", event = "instance-resumed";
      if (!g_str_equal (instance->status, "Frozen"))
        refusal = "The instance is not frozen";
    }
  else
    {
      lab_incus_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Unknown state action");
      return;
    }

  /* Like the real server: the request is accepted, the operation fails. */
  op = lab_incus_new_operation (lab, "task", url);
  if (refusal != NULL)
    {
      g_free (op->status);
      op->status = g_strdup ("Failure");
      op->code = 400;
      op->err = g_strdup (refusal);
    }
  else
    {
      g_free (instance->status);
      instance->status = g_strdup (next);
      lab_incus_emit_event (lab, instance, event, NULL);
    }
  lab_incus_reply_async (msg, op);
}

static void
create_snapshot (LabIncus          *lab,
                 SoupServerMessage *msg,
                 LabInstance       *instance)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body = request_object (msg, parser);
  const char *name = member_string (body, "name");
  g_autofree char *url = lab_incus_instance_url (instance);
  g_autofree char *fallback = g_strdup_printf ("snap%u", instance->snapshots->len);
  g_autofree char *suffix = NULL;

  if (name == NULL || *name == '\0')
    name = fallback;
  g_ptr_array_add (instance->snapshots, g_strdup (name));
  suffix = g_strdup_printf ("/snapshots/%s", name);
  lab_incus_emit_event (lab, instance, "instance-snapshot-created", suffix);
  lab_incus_reply_async (msg, lab_incus_new_operation (lab, "task", url));
}

static void
create_backup (LabIncus          *lab,
               SoupServerMessage *msg,
               LabInstance       *instance)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body = request_object (msg, parser);
  const char *name = member_string (body, "name");
  g_autofree char *url = lab_incus_instance_url (instance);
  g_autofree char *fallback = g_strdup_printf ("backup%u", instance->backups->len);
  g_autofree char *suffix = NULL;

  if (name == NULL || *name == '\0')
    name = fallback;
  g_ptr_array_add (instance->backups,
                   g_strdup_printf ("%s@%" G_GINT64_FORMAT, name,
                                    g_get_real_time () / G_USEC_PER_SEC));
  suffix = g_strdup_printf ("/backups/%s", name);
  lab_incus_emit_event (lab, instance, "instance-backup-created", suffix);
  lab_incus_reply_async (msg, lab_incus_new_operation (lab, "task", url));
}

static void
start_exec (LabIncus          *lab,
            SoupServerMessage *msg,
            LabInstance       *instance)
{
  g_autofree char *url = lab_incus_instance_url (instance);
  LabOperation *op;

  if (!g_str_equal (instance->status, "Running"))
    {
      lab_incus_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Instance is not running");
      return;
    }
  op = lab_incus_new_operation (lab, "websocket", url);
  g_free (op->status);
  op->status = g_strdup ("Running");
  op->code = 103;
  op->secret_data = g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());
  op->secret_control = g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());
  {
    g_autofree char *system = g_strdup_printf ("%s %s", instance->os ? instance->os : "Linux",
                                               instance->release ? instance->release : "");

    op->shell = lab_shell_new (instance->name, g_strstrip (system));
  }
  lab_incus_reply_async (msg, op);
}

static void
serve_instance (LabIncus          *lab,
                SoupServerMessage *msg,
                const char        *method,
                char             **parts,
                GHashTable        *query)
{
  const char *project = query ? g_hash_table_lookup (query, "project") : NULL;
  LabInstance *instance;
  const char *sub = parts[1];

  instance = find_instance (lab, parts[0], project ? project : "default");
  if (instance == NULL)
    {
      lab_incus_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Instance not found");
      return;
    }
  if (sub == NULL && g_str_equal (method, "GET"))
    {
      g_autoptr(JsonBuilder) b = lab_incus_sync_begin ();

      lab_incus_add_instance (b, lab, instance, 1);
      lab_incus_sync_end (msg, b);
    }
  else if (g_strcmp0 (sub, "state") == 0 && g_str_equal (method, "GET"))
    {
      g_autoptr(JsonBuilder) b = lab_incus_sync_begin ();

      lab_incus_add_state (b, instance);
      lab_incus_sync_end (msg, b);
    }
  else if (g_strcmp0 (sub, "state") == 0 && g_str_equal (method, "PUT"))
    change_state (lab, msg, instance);
  else if (g_strcmp0 (sub, "snapshots") == 0 && g_str_equal (method, "POST"))
    create_snapshot (lab, msg, instance);
  else if (g_strcmp0 (sub, "backups") == 0 && g_str_equal (method, "POST"))
    create_backup (lab, msg, instance);
  else if (g_strcmp0 (sub, "backups") == 0 && g_str_equal (method, "GET"))
    {
      const char *recursion = query ? g_hash_table_lookup (query, "recursion") : NULL;
      g_autoptr(JsonBuilder) b = lab_incus_sync_begin ();

      lab_incus_add_backups (b, instance, recursion != NULL && atoi (recursion) > 0);
      lab_incus_sync_end (msg, b);
    }
  else if (g_strcmp0 (sub, "exec") == 0 && g_str_equal (method, "POST"))
    start_exec (lab, msg, instance);
  else
    lab_incus_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not found");
}

static void
serve_operation (LabIncus          *lab,
                 SoupServerMessage *msg,
                 char             **parts)
{
  LabOperation *op = g_hash_table_lookup (lab->operations, parts[0]);
  g_autoptr(JsonBuilder) b = NULL;

  if (op == NULL)
    {
      lab_incus_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Operation not found");
      return;
    }
  /* Operations finish at once here, but for exec sessions, so …/wait
   * returns at once (a running exec is reported as running). */
  b = lab_incus_sync_begin ();
  lab_incus_add_operation (b, op);
  lab_incus_sync_end (msg, b);
}

static void
serve_certificates (LabIncus          *lab,
                    SoupServerMessage *msg)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) token_parser = json_parser_new ();
  JsonObject *body = request_object (msg, parser);
  const char *token = member_string (body, "trust_token");
  GTlsCertificate *peer = soup_server_message_get_tls_peer_certificate (msg);
  g_autofree char *fingerprint = NULL;
  g_autofree guchar *decoded = NULL;
  gsize length = 0;
  JsonNode *root;
  g_autoptr(JsonBuilder) b = NULL;

  if (token == NULL)
    token = member_string (body, "password");
  if (peer == NULL && soup_server_message_get_socket (msg) != NULL)
    {
      const char *remembered = g_object_get_data (G_OBJECT (soup_server_message_get_socket (msg)),
                                                  "vigie-lab-peer");

      fingerprint = g_strdup (remembered);
    }
  else if (peer != NULL)
    fingerprint = vigie_certificate_fingerprint (peer);
  if (fingerprint == NULL || token == NULL)
    {
      lab_incus_reply_error (msg, SOUP_STATUS_FORBIDDEN, "not authorized");
      return;
    }
  decoded = g_base64_decode (token, &length);
  if (decoded == NULL || length == 0 ||
      !json_parser_load_from_data (token_parser, (const char *) decoded, length, NULL) ||
      (root = json_parser_get_root (token_parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (member_string (json_node_get_object (root), "secret"), TOKEN_SECRET) != 0)
    {
      lab_incus_reply_error (msg, SOUP_STATUS_FORBIDDEN, "not authorized");
      return;
    }
  g_hash_table_add (lab->trusted, g_steal_pointer (&fingerprint));
  b = lab_incus_sync_begin ();
  json_builder_begin_object (b);
  json_builder_end_object (b);
  lab_incus_sync_end (msg, b);
}

static void
serve_pools (LabIncus          *lab,
             SoupServerMessage *msg,
             char             **parts)
{
  g_autoptr(JsonBuilder) b = lab_incus_sync_begin ();

  if (parts[0] == NULL)
    {
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, "default");
      json_builder_set_member_name (b, "driver");
      json_builder_add_string_value (b, "dir");
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, "Created");
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, "Lab pool");
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  else if (g_str_equal (parts[0], "default") && g_strcmp0 (parts[1], "resources") == 0)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "space");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "used");
      json_builder_add_int_value (b, 61 * GIB);
      json_builder_set_member_name (b, "total");
      json_builder_add_int_value (b, 240 * GIB);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  else
    {
      lab_incus_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Storage pool not found");
      return;
    }
  lab_incus_sync_end (msg, b);
}

static void
serve_resources (SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) b = lab_incus_sync_begin ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cpu");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, 16);
  json_builder_set_member_name (b, "sockets");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "Lab CPU 8-Core");
  json_builder_set_member_name (b, "cores");
  json_builder_begin_array (b);
  for (int i = 0; i < 8; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "core");
      json_builder_add_int_value (b, i);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "memory");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "used");
  json_builder_add_int_value (b, 21 * GIB);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, 64 * GIB);
  json_builder_end_object (b);
  json_builder_end_object (b);
  lab_incus_sync_end (msg, b);
}

static void
serve_members (SoupServerMessage *msg)
{
  static const char *members[][3] = {
    { "lab-incus", "Online", "Fully operational" },
    { "lab-incus-2", "Offline", "No heartbeat for 42s" },
  };
  g_autoptr(JsonBuilder) b = lab_incus_sync_begin ();

  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *url = g_strdup_printf ("https://127.0.0.%u:8443", i + 1);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "server_name");
      json_builder_add_string_value (b, members[i][0]);
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, url);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, members[i][1]);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, members[i][2]);
      json_builder_set_member_name (b, "architecture");
      json_builder_add_string_value (b, "x86_64");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  lab_incus_sync_end (msg, b);
}

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  LabIncus *lab = user_data;
  const char *method = soup_server_message_get_method (msg);
  gboolean trusted = lab_incus_is_trusted (lab, msg);
  g_auto(GStrv) parts = NULL;

  if (g_str_equal (path, "/1.0") || g_str_equal (path, "/1.0/"))
    {
      serve_server (lab, msg, trusted);
      return;
    }
  if (g_str_equal (path, "/1.0/certificates") && g_str_equal (method, "POST"))
    {
      serve_certificates (lab, msg);
      return;
    }
  if (!trusted)
    {
      lab_incus_reply_error (msg, SOUP_STATUS_FORBIDDEN, "not authorized");
      return;
    }
  if (g_str_equal (path, "/1.0/projects"))
    {
      g_autoptr(JsonBuilder) b = lab_incus_sync_begin ();

      json_builder_begin_array (b);
      json_builder_add_string_value (b, "/1.0/projects/default");
      json_builder_add_string_value (b, "/1.0/projects/lab");
      json_builder_end_array (b);
      lab_incus_sync_end (msg, b);
    }
  else if (g_str_equal (path, "/1.0/instances"))
    serve_instances (lab, msg, query);
  else if (g_str_has_prefix (path, "/1.0/instances/"))
    {
      parts = g_strsplit (path + strlen ("/1.0/instances/"), "/", 3);
      serve_instance (lab, msg, method, parts, query);
    }
  else if (g_str_has_prefix (path, "/1.0/operations/"))
    {
      parts = g_strsplit (path + strlen ("/1.0/operations/"), "/", 3);
      /* Leave the status unset: libsoup then runs the websocket handler. */
      if (parts[0] != NULL && g_strcmp0 (parts[1], "websocket") == 0)
        return;
      serve_operation (lab, msg, parts);
    }
  else if (g_str_equal (path, "/1.0/storage-pools") ||
           g_str_has_prefix (path, "/1.0/storage-pools/"))
    {
      parts = g_strsplit (path[strlen ("/1.0/storage-pools")] == '/'
                            ? path + strlen ("/1.0/storage-pools/") : "", "/", 3);
      serve_pools (lab, msg, parts);
    }
  else if (g_str_equal (path, "/1.0/resources"))
    {
      const char *target = query ? g_hash_table_lookup (query, "target") : NULL;

      if (target != NULL && !g_str_equal (target, "lab-incus"))
        lab_incus_reply_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "Member is offline");
      else
        serve_resources (msg);
    }
  else if (g_str_equal (path, "/1.0/cluster/members") && lab->clustered)
    serve_members (msg);
  else
    lab_incus_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not found");
}

static void
on_accept_certificate_requested (SoupServer        *server,
                                 SoupServerMessage *msg,
                                 gpointer           user_data);

static gboolean
accept_any_client (SoupServerMessage    *msg,
                   GTlsCertificate      *certificate,
                   GTlsCertificateFlags  errors,
                   gpointer              user_data)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  /* Self-signed client certificates never validate; each handler checks
   * the fingerprint against the trust store instead, as Incus does. */
  if (socket != NULL)
    g_object_set_data_full (G_OBJECT (socket), "vigie-lab-peer",
                            vigie_certificate_fingerprint (certificate), g_free);
  return TRUE;
}

static void
on_accept_certificate_requested (SoupServer        *server,
                                 SoupServerMessage *msg,
                                 gpointer           user_data)
{
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_client), NULL);
}

/* Data */

static void
add_lab_instance (LabIncus   *lab,
                  const char *name,
                  const char *project,
                  gboolean    vm,
                  const char *status,
                  const char *os,
                  const char *release,
                  int         cpus,
                  gint64      memory,
                  guint       snapshots,
                  guint       backups_age_hours)
{
  LabInstance *instance = g_new0 (LabInstance, 1);

  instance->name = g_strdup (name);
  instance->project = g_strdup (project);
  instance->vm = vm;
  instance->status = g_strdup (status);
  instance->os = g_strdup (os);
  instance->release = g_strdup (release);
  instance->cpus = cpus;
  instance->memory = memory;
  instance->disk = (vm ? 20 : 8) * GIB;
  instance->address = lab->instances->len + 10;
  instance->cpu_ns = (gint64) (lab->instances->len + 1) * 7300000000LL;
  instance->born_us = g_get_monotonic_time ();
  instance->snapshots = g_ptr_array_new_with_free_func (g_free);
  instance->backups = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < snapshots; i++)
    g_ptr_array_add (instance->snapshots, g_strdup_printf ("snap%u", i));
  if (backups_age_hours > 0)
    g_ptr_array_add (instance->backups,
                     g_strdup_printf ("nightly@%" G_GINT64_FORMAT,
                                      lab->service->now - (gint64) backups_age_hours * 3600));
  g_ptr_array_add (lab->instances, instance);
}

/* The token for this lab server (what `incus config trust add vigie` prints). */
char *
vigie_lab_incus_make_token (VigieLabService *service)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *address = NULL;
  g_autofree char *expires = lab_incus_iso_time (g_get_real_time () / G_USEC_PER_SEC + 86400);

  g_return_val_if_fail (service != NULL && service->url != NULL, NULL);
  address = g_strdup (service->url + strlen ("https://"));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "client_name");
  json_builder_add_string_value (b, "vigie");
  json_builder_set_member_name (b, "fingerprint");
  json_builder_add_string_value (b, service->fingerprint);
  json_builder_set_member_name (b, "addresses");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, address);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "secret");
  json_builder_add_string_value (b, TOKEN_SECRET);
  json_builder_set_member_name (b, "expires_at");
  json_builder_add_string_value (b, expires);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  return g_base64_encode ((const guchar *) text, strlen (text));
}

gboolean
vigie_lab_incus_setup (VigieLabService *service,
                       GError         **error)
{
  /* name, project, vm, status, os, release, cpus, MiB, snapshots, age of last backup (h) */
  static const struct {
    const char *name, *project;
    gboolean    vm;
    const char *status, *os, *release;
    int         cpus;
    gint64      memory_mib;
    guint       snapshots, backup_age_hours;
  } seed[] = {
    { "web-01", "default", FALSE, "Running", "Debian", "12", 2, 1024, 2, 20 },
    { "web-02", "default", FALSE, "Running", "Debian", "12", 2, 1024, 1, 20 },
    { "db-01", "default", TRUE, "Running", "Ubuntu", "24.04", 4, 8192, 3, 6 },
    { "cache-01", "default", FALSE, "Frozen", "Alpine", "3.20", 1, 512, 0, 0 },
    { "build-01", "default", TRUE, "Stopped", "Fedora", "41", 8, 16384, 0, 200 },
    { "mail-01", "default", FALSE, "Running", "Debian", "12", 1, 2048, 0, 30 },
    { "proxy-01", "default", FALSE, "Stopped", "Alpine", "3.20", 1, 256, 1, 0 },
    { "student-01", "lab", FALSE, "Running", "Debian", "12", 1, 512, 0, 0 },
    { "student-02", "lab", FALSE, "Running", "Debian", "12", 1, 512, 1, 0 },
    { "student-03", "lab", FALSE, "Stopped", "Debian", "12", 1, 512, 0, 0 },
    { "student-04", "lab", FALSE, "Frozen", "Debian", "12", 1, 512, 0, 0 },
    { "win-01", "lab", TRUE, "Stopped", "Windows", "11", 4, 8192, 2, 48 },
    { "k8s-01", "lab", TRUE, "Running", "Ubuntu", "24.04", 2, 4096, 0, 12 },
    { "k8s-02", "lab", TRUE, "Running", "Ubuntu", "24.04", 2, 4096, 0, 12 },
    { "nas-01", "lab", FALSE, "Running", "TrueNAS", "24.10", 2, 2048, 4, 3 },
  };
  LabIncus *lab = g_new0 (LabIncus, 1);
  g_autofree char *cert_pem = NULL;
  g_autofree char *key_pem = NULL;
  g_autofree char *pem = NULL;
  g_autoptr(GTlsCertificate) client = NULL;

  lab->service = service;
  lab->trusted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lab->instances = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_instance_free);
  lab->operations = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) lab_operation_free);
  lab->listeners = g_ptr_array_new_with_free_func (g_object_unref);
  service->state = lab;
  service->state_free = lab_incus_free;

  /* Vigie's own client certificate, trusted from the start. */
  if (!vigie_tls_generate_self_signed ("vigie-lab-client", VIGIE_KEY_EC_P384, NULL, NULL, 365,
                                       &cert_pem, &key_pem, error))
    return FALSE;
  pem = g_strconcat (cert_pem, key_pem, NULL);
  client = g_tls_certificate_new_from_pem (pem, -1, error);
  if (client == NULL)
    return FALSE;
  g_hash_table_add (lab->trusted, vigie_certificate_fingerprint (client));
  service->client_cert_pem = g_steal_pointer (&cert_pem);
  service->secret = g_steal_pointer (&key_pem);
  service->secret_purpose = VIGIE_SECRET_CLIENT_KEY;

  for (guint i = 0; i < G_N_ELEMENTS (seed); i++)
    add_lab_instance (lab, seed[i].name, seed[i].project, seed[i].vm, seed[i].status, seed[i].os,
                      seed[i].release, seed[i].cpus, seed[i].memory_mib * MIB, seed[i].snapshots,
                      seed[i].backup_age_hours);
  for (guint i = 0; i < service->scale; i++)
    {
      g_autofree char *name = g_strdup_printf ("scale-%04u", i + 1);

      add_lab_instance (lab, name, i % 2 ? "lab" : "default", i % 7 == 0,
                        i % 3 ? "Running" : "Stopped", "Debian", "12", 1, 512*MIB, i % 3,
                        i % 4 ? 20 : 0);
    }

  soup_server_set_tls_auth_mode (service->server, G_TLS_AUTHENTICATION_REQUESTED);
  g_signal_connect (service->server, "request-started",
                    G_CALLBACK (on_accept_certificate_requested), NULL);
  soup_server_add_handler (service->server, "/1.0", serve, lab, NULL);
  soup_server_add_websocket_handler (service->server, "/1.0/events", NULL, NULL,
                                     lab_incus_events_ws, lab, NULL);
  soup_server_add_websocket_handler (service->server, "/1.0/operations", NULL, NULL,
                                     lab_incus_operations_ws, lab, NULL);
  soup_server_add_handler (service->server, "/1.0/operations", serve, lab, NULL);
  return TRUE;
}

/* Test hooks. */

void
vigie_lab_incus_set_legacy (VigieLabService *service,
                            gboolean         legacy)
{
  LabIncus *lab = service->state;

  lab->legacy = legacy;
}

void
vigie_lab_incus_set_clustered (VigieLabService *service,
                               gboolean         clustered)
{
  LabIncus *lab = service->state;

  lab->clustered = clustered;
}

/* Drops every /1.0/events listener, as a server does with a slow one. */
void
vigie_lab_incus_drop_event_listeners (VigieLabService *service)
{
  LabIncus *lab = service->state;
  g_autoptr(GPtrArray) listeners = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < lab->listeners->len; i++)
    g_ptr_array_add (listeners, g_object_ref (g_ptr_array_index (lab->listeners, i)));
  for (guint i = 0; i < listeners->len; i++)
    soup_websocket_connection_close (g_ptr_array_index (listeners, i),
                                     SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "dropped");
}
