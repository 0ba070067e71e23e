/* vigie-incus-parse.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-incus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-endpoint.h"
#include "vigie-clock.h"
#include "vigie-error.h"
#include "vigie-incus-parse.h"
#include "vigie-json.h"

/* Defensive accessors (vigie-json.h, plus these): a missing or mistyped
 * member is NULL / VIGIE_UNSET. */

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static gint64
get_int (JsonObject *object,
         const char *member)
{
  gint64 value;

  return vigie_json_get_int (object, member, &value) ? value : VIGIE_UNSET;
}

/* An int-sized member (a status or an exit code); VIGIE_UNSET otherwise. */
static int
get_small_int (JsonObject *object,
               const char *member)
{
  gint64 value = get_int (object, member);

  return value >= G_MININT && value <= G_MAXINT ? (int) value : VIGIE_UNSET;
}

static gboolean
get_bool (JsonObject *object,
          const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return FALSE;
  node = json_object_get_member (object, member);
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static GError *
shape_error (const char *what)
{
  return g_error_new (VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                      _("The server’s reply has an unexpected shape (%s)"), what);
}

/* Server */

void
vigie_incus_server_free (VigieIncusServer *server)
{
  if (server == NULL)
    return;
  g_free (server->server);
  g_free (server->server_version);
  g_free (server->server_name);
  g_free (server->api_version);
  g_free (server->kernel);
  g_free (server->kernel_version);
  g_free (server->driver);
  g_free (server->driver_version);
  g_free (server->storage);
  g_free (server->os_name);
  g_free (server->os_version);
  g_free (server->certificate_fingerprint);
  g_strfreev (server->api_extensions);
  g_free (server);
}

VigieIncusServer *
vigie_incus_parse_server (JsonNode  *metadata,
                          GError   **error)
{
  g_autoptr(VigieIncusServer) server = NULL;
  g_autoptr(GStrvBuilder) extensions = g_strv_builder_new ();
  JsonObject *object;
  JsonObject *env;
  JsonArray *array;

  if (metadata == NULL || !JSON_NODE_HOLDS_OBJECT (metadata))
    {
      g_propagate_error (error, shape_error ("/1.0"));
      return NULL;
    }
  object = json_node_get_object (metadata);
  if (vigie_json_get_string (object, "api_version") == NULL &&
      vigie_json_get_string (object, "auth") == NULL)
    {
      g_propagate_error (error, shape_error ("/1.0"));
      return NULL;
    }

  server = g_new0 (VigieIncusServer, 1);
  server->api_version = dup_nonempty (vigie_json_get_string (object, "api_version"));
  server->trusted = g_strcmp0 (vigie_json_get_string (object, "auth"), "trusted") == 0;

  array = vigie_json_get_array (object, "api_extensions");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (extensions, json_node_get_string (node));
    }
  server->api_extensions = g_strv_builder_end (extensions);

  env = vigie_json_get_object (object, "environment");
  server->server = dup_nonempty (vigie_json_get_string (env, "server"));
  server->server_version = dup_nonempty (vigie_json_get_string (env, "server_version"));
  server->server_name = dup_nonempty (vigie_json_get_string (env, "server_name"));
  server->clustered = get_bool (env, "server_clustered");
  server->kernel = dup_nonempty (vigie_json_get_string (env, "kernel"));
  server->kernel_version = dup_nonempty (vigie_json_get_string (env, "kernel_version"));
  server->driver = dup_nonempty (vigie_json_get_string (env, "driver"));
  server->driver_version = dup_nonempty (vigie_json_get_string (env, "driver_version"));
  server->storage = dup_nonempty (vigie_json_get_string (env, "storage"));
  server->os_name = dup_nonempty (vigie_json_get_string (env, "os_name"));
  server->os_version = dup_nonempty (vigie_json_get_string (env, "os_version"));
  server->certificate_fingerprint =
    dup_nonempty (vigie_json_get_string (env, "certificate_fingerprint"));
  return g_steal_pointer (&server);
}

gboolean
vigie_incus_server_has_extension (VigieIncusServer *server,
                                  const char       *name)
{
  g_return_val_if_fail (server != NULL, FALSE);
  return g_strv_contains ((const char * const *) server->api_extensions, name);
}

/* Envelope */

JsonNode *
vigie_incus_parse_envelope (JsonNode  *root,
                            char     **operation,
                            GError   **error)
{
  JsonObject *object;
  JsonNode *metadata;
  const char *type;

  if (operation != NULL)
    *operation = NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, shape_error ("envelope"));
      return NULL;
    }
  object = json_node_get_object (root);
  type = vigie_json_get_string (object, "type");
  if (g_strcmp0 (type, "error") == 0)
    {
      const char *message = vigie_json_get_string (object, "error");
      gint64 code = get_int (object, "error_code");
      int vcode = VIGIE_ERROR_FAILED;

      if (code == 403)
        vcode = VIGIE_ERROR_NOT_ALLOWED;
      else if (code == 401)
        vcode = VIGIE_ERROR_AUTH_FAILED;
      else if (code == 404)
        vcode = VIGIE_ERROR_NOT_FOUND;
      g_set_error (error, VIGIE_ERROR, vcode, _("The server answered: %s"),
                   message != NULL && *message != '\0' ? message : _("unknown error"));
      return NULL;
    }
  if (g_strcmp0 (type, "sync") != 0 && g_strcmp0 (type, "async") != 0)
    {
      g_propagate_error (error, shape_error ("envelope type"));
      return NULL;
    }
  if (operation != NULL && g_strcmp0 (type, "async") == 0)
    *operation = dup_nonempty (vigie_json_get_string (object, "operation"));
  metadata = json_object_get_member (object, "metadata");
  return metadata != NULL ? json_node_copy (metadata) : json_node_new (JSON_NODE_NULL);
}

/* Operations */

void
vigie_incus_operation_free (VigieIncusOperation *op)
{
  if (op == NULL)
    return;
  g_free (op->id);
  g_free (op->klass);
  g_free (op->status);
  g_free (op->err);
  g_clear_pointer (&op->fds, g_hash_table_unref);
  g_free (op);
}

VigieIncusOperation *
vigie_incus_parse_operation (JsonNode  *metadata,
                             GError   **error)
{
  VigieIncusOperation *op;
  JsonObject *object;
  JsonObject *meta;
  JsonObject *fds;

  if (metadata == NULL || !JSON_NODE_HOLDS_OBJECT (metadata))
    {
      g_propagate_error (error, shape_error ("operation"));
      return NULL;
    }
  object = json_node_get_object (metadata);
  op = g_new0 (VigieIncusOperation, 1);
  op->id = dup_nonempty (vigie_json_get_string (object, "id"));
  op->klass = dup_nonempty (vigie_json_get_string (object, "class"));
  op->status = dup_nonempty (vigie_json_get_string (object, "status"));
  op->status_code = get_small_int (object, "status_code");
  op->err = dup_nonempty (vigie_json_get_string (object, "err"));
  op->fds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  meta = vigie_json_get_object (object, "metadata");
  op->return_code = get_small_int (meta, "return");
  fds = vigie_json_get_object (meta, "fds");
  if (fds != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, fds);
      while (json_object_iter_next (&iter, &name, &node))
        if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
          g_hash_table_insert (op->fds, g_strdup (name), g_strdup (json_node_get_string (node)));
    }
  return op;
}

gboolean
vigie_incus_operation_is_done (VigieIncusOperation *op)
{
  g_return_val_if_fail (op != NULL, TRUE);
  /* 1xx codes are in progress (100 created, 103 running, 105 pending…). */
  if (op->status_code > 0)
    return op->status_code >= 200;
  return g_strcmp0 (op->status, "Success") == 0 || g_strcmp0 (op->status, "Failure") == 0 ||
         g_strcmp0 (op->status, "Cancelled") == 0;
}

/* Sizes */

gint64
vigie_incus_parse_size (const char *text)
{
  static const struct { const char *suffix; gint64 factor; } units[] = {
    { "KiB", 1024LL }, { "MiB", 1024LL * 1024 }, { "GiB", 1024LL * 1024 * 1024 },
    { "TiB", 1024LL * 1024 * 1024 * 1024 }, { "PiB", 1024LL * 1024 * 1024 * 1024 * 1024 },
    { "kB", 1000LL }, { "KB", 1000LL }, { "MB", 1000LL * 1000 }, { "GB", 1000LL * 1000 * 1000 },
    { "TB", 1000LL * 1000 * 1000 * 1000 }, { "PB", 1000LL * 1000 * 1000 * 1000 * 1000 },
    { "B", 1 }, { "", 1 },
  };
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0' || strchr (text, '%') != NULL)
    return VIGIE_UNSET;
  value = g_ascii_strtod (text, &end);
  if (end == text || value < 0)
    return VIGIE_UNSET;
  while (*end == ' ')
    end++;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (end, units[i].suffix) == 0)
      {
        gint64 bytes;

        /* "1e300GB" is a number too: never cast what does not fit. */
        return vigie_json_double_to_int (value * units[i].factor, &bytes) ? bytes : VIGIE_UNSET;
      }
  return VIGIE_UNSET;
}

gint64
vigie_incus_parse_cpu_limit (const char *text)
{
  g_auto(GStrv) parts = NULL;
  gint64 count = 0;

  if (text == NULL || *text == '\0')
    return VIGIE_UNSET;
  if (strchr (text, '-') == NULL && strchr (text, ',') == NULL)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT32, &n, NULL))
        return VIGIE_UNSET;
      return (gint64) n;
    }
  /* A CPU set pins specific CPUs: count them. */
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) range = g_strsplit (parts[i], "-", 2);
      guint64 a, b;

      /* "," splits into empty parts, and "" into no range at all (found by
       * fuzz-upid). */
      if (range[0] == NULL ||
          !g_ascii_string_to_unsigned (g_strstrip (range[0]), 10, 0, 65535, &a, NULL))
        return VIGIE_UNSET;
      if (range[1] == NULL)
        b = a;
      else if (!g_ascii_string_to_unsigned (g_strstrip (range[1]), 10, a, 65535, &b, NULL))
        return VIGIE_UNSET;
      count += (gint64) (b - a + 1);
    }
  return count;
}

/* Instances */

VigieInstanceState
vigie_incus_parse_status (const char *status,
                          gint64      status_code)
{
  if (status != NULL)
    {
      if (g_ascii_strcasecmp (status, "Running") == 0)
        return VIGIE_STATE_RUNNING;
      if (g_ascii_strcasecmp (status, "Stopped") == 0)
        return VIGIE_STATE_STOPPED;
      if (g_ascii_strcasecmp (status, "Frozen") == 0)
        return VIGIE_STATE_PAUSED;
    }
  switch (status_code)
    {
    case 103: return VIGIE_STATE_RUNNING;
    case 102: return VIGIE_STATE_STOPPED;
    case 110: return VIGIE_STATE_PAUSED;
    default: return VIGIE_STATE_UNKNOWN;
    }
}

static gboolean
address_is_shown (JsonObject *address)
{
  const char *text = vigie_json_get_string (address, "address");
  const char *scope = vigie_json_get_string (address, "scope");
  g_autoptr(GInetAddress) inet = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  /* Loopback and link-local addresses say nothing about how to reach it. */
  if (g_strcmp0 (scope, "local") == 0 || g_strcmp0 (scope, "link") == 0)
    return FALSE;
  inet = g_inet_address_new_from_string (text);
  return inet == NULL || (!g_inet_address_get_is_loopback (inet) &&
                          !g_inet_address_get_is_link_local (inet));
}

static void
parse_state (VigieInstance *instance,
             JsonObject    *state)
{
  JsonObject *memory = vigie_json_get_object (state, "memory");
  JsonObject *cpu = vigie_json_get_object (state, "cpu");
  JsonObject *network = vigie_json_get_object (state, "network");
  JsonObject *disk = vigie_json_get_object (state, "disk");
  JsonObject *os_info = vigie_json_get_object (state, "os_info");
  gint64 value;

  if (state == NULL)
    return;
  if (vigie_json_get_string (state, "status") != NULL)
    instance->state = vigie_incus_parse_status (vigie_json_get_string (state, "status"),
                                                get_int (state, "status_code"));

  value = get_int (memory, "usage");
  if (value >= 0 && instance->state == VIGIE_STATE_RUNNING)
    instance->memory_used_bytes = value;
  value = get_int (memory, "total");
  if (value > 0 && instance->memory_bytes < 0)
    instance->memory_bytes = value;

  /* Cumulative nanoseconds: one sample is no fraction; the backend
   * compares two fetches. */
  value = get_int (cpu, "usage");
  if (value >= 0)
    {
      g_autofree char *ns = g_strdup_printf ("%" G_GINT64_FORMAT, value);
      vigie_resource_set_extra (&instance->extra, "cpu_time_ns", ns);
    }

  if (network != NULL)
    {
      JsonObjectIter iter;
      const char *ifname;
      JsonNode *node;

      json_object_iter_init (&iter, network);
      while (json_object_iter_next (&iter, &ifname, &node))
        {
          JsonArray *addresses;

          if (!JSON_NODE_HOLDS_OBJECT (node) || g_strcmp0 (ifname, "lo") == 0)
            continue;
          addresses = vigie_json_get_array (json_node_get_object (node), "addresses");
          for (guint i = 0; addresses != NULL && i < json_array_get_length (addresses); i++)
            {
              JsonNode *a = json_array_get_element (addresses, i);

              if (JSON_NODE_HOLDS_OBJECT (a) && address_is_shown (json_node_get_object (a)))
                vigie_instance_add_address (instance,
                                            vigie_json_get_string (json_node_get_object (a),
                                                                   "address"));
            }
        }
    }

  if (disk != NULL)
    {
      JsonObject *root = vigie_json_get_object (disk, "root");
      gint64 used = get_int (root, "usage");
      gint64 total = get_int (root, "total");

      if (used >= 0)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, used);
          vigie_resource_set_extra (&instance->extra, "disk_used_bytes", text);
        }
      if (total > 0 && instance->disk_bytes < 0)
        instance->disk_bytes = total;
      else if (instance->disk_bytes < 0 && used >= 0)
        instance->disk_bytes = used;
    }

  if (os_info != NULL && vigie_json_get_string (os_info, "os") != NULL && instance->os == NULL)
    {
      const char *os = vigie_json_get_string (os_info, "os");
      const char *version = vigie_json_get_string (os_info, "os_version");

      instance->os = version != NULL && *version != '\0'
                       ? g_strdup_printf ("%s %s", os, version) : dup_nonempty (os);
    }
}

static const char *
config_string (JsonObject *object,
               const char *key)
{
  const char *value = vigie_json_get_string (vigie_json_get_object (object, "expanded_config"),
                                             key);

  return value != NULL ? value
                       : vigie_json_get_string (vigie_json_get_object (object, "config"), key);
}

VigieInstance *
vigie_incus_parse_instance (JsonObject *object)
{
  g_autoptr(VigieInstance) instance = NULL;
  JsonObject *devices;
  JsonArray *snapshots;
  const char *name = vigie_json_get_string (object, "name");
  const char *type = vigie_json_get_string (object, "type");
  const char *location = vigie_json_get_string (object, "location");
  const char *os = config_string (object, "image.os");
  const char *release = config_string (object, "image.release");
  const char *description = config_string (object, "image.description");
  const char *project = vigie_json_get_string (object, "project");

  if (name == NULL || *name == '\0')
    return NULL;

  instance = vigie_instance_new ();
  instance->id = g_strdup (name);
  instance->name = g_strdup (name);
  /* LXD before the VM work has no "type": only containers existed then. */
  instance->type = g_strcmp0 (type, "virtual-machine") == 0 ? VIGIE_INSTANCE_VM
                                                           : VIGIE_INSTANCE_CONTAINER;
  instance->state = vigie_incus_parse_status (vigie_json_get_string (object, "status"),
                                              get_int (object, "status_code"));
  instance->project = g_strdup (project != NULL && *project != '\0' ? project : "default");
  if (location != NULL && *location != '\0' && g_strcmp0 (location, "none") != 0)
    instance->host = g_strdup (location);

  if (os != NULL && *os != '\0')
    instance->os = release != NULL && *release != '\0'
                     ? g_strdup_printf ("%s %s", os, release) : g_strdup (os);
  else
    instance->os = dup_nonempty (description);

  instance->cpus = vigie_incus_parse_cpu_limit (config_string (object, "limits.cpu"));
  instance->memory_bytes = vigie_incus_parse_size (config_string (object, "limits.memory"));
  devices = vigie_json_get_object (object, "expanded_devices");
  if (devices == NULL)
    devices = vigie_json_get_object (object, "devices");
  instance->disk_bytes =
    vigie_incus_parse_size (vigie_json_get_string (vigie_json_get_object (devices, "root"),
                                                   "size"));
  instance->template = FALSE;
  instance->uuid = dup_nonempty (config_string (object, "volatile.uuid"));
  if (vigie_json_get_string (object, "description") != NULL &&
      *vigie_json_get_string (object, "description") != '\0')
    vigie_resource_set_extra (&instance->extra, "description",
                              vigie_json_get_string (object, "description"));
  if (vigie_json_get_string (object, "architecture") != NULL)
    vigie_resource_set_extra (&instance->extra, "architecture",
                              vigie_json_get_string (object, "architecture"));

  /* recursion=2 (InstanceFull) carries state and snapshots; recursion=1 does
   * not, and then the count is unknown rather than zero. */
  parse_state (instance, vigie_json_get_object (object, "state"));
  snapshots = vigie_json_get_array (object, "snapshots");
  if (snapshots != NULL)
    instance->snapshots = json_array_get_length (snapshots);
  else if (json_object_has_member (object, "state") && json_object_has_member (object, "snapshots"))
    instance->snapshots = 0;   /* InstanceFull with "snapshots": null: none */
  vigie_incus_parse_instance_devices (object, instance);
  return g_steal_pointer (&instance);
}

GPtrArray *
vigie_incus_parse_instances (JsonNode  *metadata,
                             GError   **error)
{
  g_autoptr(GPtrArray) instances = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (metadata == NULL || !JSON_NODE_HOLDS_ARRAY (metadata))
    {
      g_propagate_error (error, shape_error ("instances"));
      return NULL;
    }
  array = json_node_get_array (metadata);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      VigieInstance *instance;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      instance = vigie_incus_parse_instance (json_node_get_object (node));
      if (instance != NULL)
        g_ptr_array_add (instances, instance);
    }
  return g_steal_pointer (&instances);
}

void
vigie_incus_list_entry_free (gpointer data)
{
  VigieIncusListEntry *entry = data;

  g_clear_object (&entry->instance);
  g_free (entry->name);
  g_free (entry->project);
  g_clear_pointer (&entry->backups, g_ptr_array_unref);
  g_free (entry);
}

gpointer
vigie_incus_parse_list_entry (JsonNode *element,
                              gpointer  unused)
{
  VigieIncusListEntry *entry;
  JsonObject *object = vigie_json_node_object (element);
  JsonNode *backups;
  const char *name;
  const char *project;

  /* Without a name, no instance either (vigie_incus_parse_instance()). */
  name = vigie_json_get_string (vigie_json_node_object (element), "name");
  if (name == NULL)
    return NULL;
  project = vigie_json_get_string (object, "project");
  entry = g_new0 (VigieIncusListEntry, 1);
  entry->instance = vigie_incus_parse_instance (object);
  entry->name = g_strdup (name);
  entry->project = g_strdup (project != NULL && *project != '\0' ? project : "default");
  backups = json_object_get_member (object, "backups");
  if (backups != NULL && JSON_NODE_HOLDS_ARRAY (backups))
    entry->backups = vigie_incus_parse_backups (backups, entry->name, entry->project, NULL);
  entry->backups_listed = backups != NULL &&
                          (JSON_NODE_HOLDS_ARRAY (backups) || JSON_NODE_HOLDS_NULL (backups));
  return entry;
}

/* Backups */

GPtrArray *
vigie_incus_parse_backups (JsonNode    *metadata,
                           const char  *instance,
                           const char  *project,
                           GError     **error)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (metadata == NULL || !JSON_NODE_HOLDS_ARRAY (metadata))
    {
      g_propagate_error (error, shape_error ("backups"));
      return NULL;
    }
  array = json_node_get_array (metadata);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      VigieBackupItem *item;
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      name = vigie_json_get_string (object, "name");
      if (name == NULL)
        continue;
      item = vigie_backup_item_new (VIGIE_BACKUP_SOURCE_INCUS);
      item->target_id = g_strdup (instance);
      item->target_name = g_strdup (instance);
      item->target_project = g_strdup (project != NULL ? project : "default");
      item->time = vigie_parse_time (vigie_json_get_string (object, "created_at"));
      item->size = VIGIE_UNSET;
      item->location = g_strdup (project != NULL ? project : "default");
      /* Backup names are "INSTANCE/BACKUP": unique per project. */
      item->volid = g_strdup_printf ("%s/%s", project != NULL ? project : "default", name);
      g_ptr_array_add (backups, item);
    }
  return g_steal_pointer (&backups);
}

/* Names */

char *
vigie_incus_name_from_url (const char *url)
{
  const char *slash;
  g_autofree char *path = NULL;
  char *query;

  if (url == NULL || *url == '\0')
    return NULL;
  path = g_strdup (url);
  query = strchr (path, '?');
  if (query != NULL)
    *query = '\0';
  slash = strrchr (path, '/');
  return g_uri_unescape_string (slash != NULL ? slash + 1 : path, NULL);
}

GStrv
vigie_incus_parse_names (JsonNode  *metadata,
                         GError   **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonArray *array;

  if (metadata == NULL || !JSON_NODE_HOLDS_ARRAY (metadata))
    {
      g_propagate_error (error, shape_error ("list"));
      return NULL;
    }
  array = json_node_get_array (metadata);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          const char *name = vigie_json_get_string (json_node_get_object (node), "name");

          if (name != NULL && *name != '\0')
            g_strv_builder_add (names, name);
        }
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_autofree char *name = vigie_incus_name_from_url (json_node_get_string (node));

          if (name != NULL && *name != '\0')
            g_strv_builder_add (names, name);
        }
    }
  return g_strv_builder_end (names);
}

/* Storage and hosts */

VigieStorage *
vigie_incus_parse_storage_pool (JsonObject *pool,
                                JsonNode   *resources)
{
  VigieStorage *storage;
  const char *name = vigie_json_get_string (pool, "name");
  const char *status = vigie_json_get_string (pool, "status");

  if (name == NULL || *name == '\0')
    return NULL;
  storage = vigie_storage_new ();
  storage->name = g_strdup (name);
  storage->type = dup_nonempty (vigie_json_get_string (pool, "driver"));
  storage->active = status == NULL || g_strcmp0 (status, "Created") == 0;
  if (status != NULL)
    vigie_resource_set_extra (&storage->extra, "status", status);
  if (vigie_json_get_string (pool, "description") != NULL &&
      *vigie_json_get_string (pool, "description") != '\0')
    vigie_resource_set_extra (&storage->extra, "description",
                              vigie_json_get_string (pool, "description"));
  /* Remote drivers are reachable from every cluster member. */
  storage->shared = g_strcmp0 (storage->type, "ceph") == 0 ||
                    g_strcmp0 (storage->type, "cephfs") == 0 ||
                    g_strcmp0 (storage->type, "cephobject") == 0 ||
                    g_strcmp0 (storage->type, "lvmcluster") == 0;
  vigie_incus_parse_pool_space (resources, &storage->total_bytes, &storage->used_bytes);
  return storage;
}

void
vigie_incus_parse_pool_space (JsonNode *resources,
                              gint64   *total,
                              gint64   *used)
{
  JsonObject *space;

  if (resources == NULL || !JSON_NODE_HOLDS_OBJECT (resources))
    return;
  space = vigie_json_get_object (json_node_get_object (resources), "space");
  if (get_int (space, "total") >= 0)
    *total = get_int (space, "total");
  if (get_int (space, "used") >= 0)
    *used = get_int (space, "used");
}

VigieHost *
vigie_incus_parse_host (const char *name,
                        JsonNode   *resources)
{
  VigieHost *host = vigie_host_new ();
  JsonObject *object;
  JsonObject *cpu;
  JsonObject *memory;
  JsonArray *sockets;

  host->name = g_strdup (name);
  host->state = VIGIE_HOST_ONLINE;
  if (resources == NULL || !JSON_NODE_HOLDS_OBJECT (resources))
    return host;
  object = json_node_get_object (resources);
  cpu = vigie_json_get_object (object, "cpu");
  memory = vigie_json_get_object (object, "memory");

  host->cpu_threads = get_int (cpu, "total");
  sockets = vigie_json_get_array (cpu, "sockets");
  if (sockets != NULL)
    {
      gint64 cores = 0;
      gboolean known = TRUE;

      for (guint i = 0; i < json_array_get_length (sockets); i++)
        {
          JsonNode *node = json_array_get_element (sockets, i);
          JsonArray *list = JSON_NODE_HOLDS_OBJECT (node)
                              ? vigie_json_get_array (json_node_get_object (node), "cores") : NULL;

          if (list == NULL)
            {
              known = FALSE;
              break;
            }
          cores += json_array_get_length (list);
          if (i == 0 && host->cpu_model == NULL)
            host->cpu_model = g_strdup (vigie_json_get_string (json_node_get_object (node),
                                                               "name"));
        }
      if (known && cores > 0)
        host->cpu_cores = cores;
      if (json_array_get_length (sockets) > 0)
        host->cpu_sockets = json_array_get_length (sockets);
    }
  host->memory_bytes = get_int (memory, "total");
  host->memory_used_bytes = get_int (memory, "used");
  return host;
}

GPtrArray *
vigie_incus_parse_cluster_members (JsonNode  *metadata,
                                   GError   **error)
{
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (metadata == NULL || !JSON_NODE_HOLDS_ARRAY (metadata))
    {
      g_propagate_error (error, shape_error ("cluster members"));
      return NULL;
    }
  array = json_node_get_array (metadata);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *name;
      const char *status;
      VigieHost *host;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      name = vigie_json_get_string (object, "server_name");
      if (name == NULL || *name == '\0')
        continue;
      status = vigie_json_get_string (object, "status");
      host = vigie_host_new ();
      host->name = g_strdup (name);
      if (g_strcmp0 (status, "Online") == 0)
        host->state = VIGIE_HOST_ONLINE;
      else if (g_strcmp0 (status, "Evacuated") == 0)
        host->state = VIGIE_HOST_MAINTENANCE;
      else if (g_strcmp0 (status, "Offline") == 0)
        host->state = VIGIE_HOST_OFFLINE;
      else
        host->state = VIGIE_HOST_UNKNOWN;
      if (vigie_json_get_string (object, "url") != NULL)
        vigie_resource_set_extra (&host->extra, "url", vigie_json_get_string (object, "url"));
      if (vigie_json_get_string (object, "message") != NULL &&
          *vigie_json_get_string (object, "message") != '\0')
        vigie_resource_set_extra (&host->extra, "message",
                                  vigie_json_get_string (object, "message"));
      g_ptr_array_add (hosts, host);
    }
  return g_steal_pointer (&hosts);
}

/* Trust tokens */

void
vigie_incus_token_free (VigieIncusToken *token)
{
  if (token == NULL)
    return;
  g_free (token->client_name);
  g_free (token->fingerprint);
  g_strfreev (token->addresses);
  if (token->secret != NULL)
    memset (token->secret, 0, strlen (token->secret));
  g_free (token->secret);
  g_free (token);
}

VigieIncusToken *
vigie_incus_parse_token (const char  *text,
                         GError     **error)
{
  g_autoptr(VigieIncusToken) token = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GStrvBuilder) addresses = g_strv_builder_new ();
  g_autofree char *clean = NULL;
  g_autofree guchar *decoded = NULL;
  JsonObject *object;
  JsonArray *array;
  gsize length = 0;

  if (text == NULL)
    text = "";
  /* Tolerate what copy and paste adds: blanks, newlines, missing padding. */
  clean = g_strdup (text);
  g_strdelimit (clean, "\r\n\t", ' ');
  {
    char *out = clean;

    for (const char *in = clean; *in != '\0'; in++)
      if (*in != ' ')
        *out++ = *in == '-' ? '+' : *in == '_' ? '/' : *in;
    *out = '\0';
  }
  if (strlen (clean) % 4 != 0)
    {
      g_autofree char *padded = g_strnfill (4 - strlen (clean) % 4, '=');
      char *joined = g_strconcat (clean, padded, NULL);

      g_free (clean);
      clean = joined;
    }
  if (*clean != '\0')
    decoded = g_base64_decode (clean, &length);
  if (decoded != NULL && length > 0)
    root = vigie_json_parse_bounded ((const char *) decoded, length, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("This is not an Incus trust token"));
      return NULL;
    }
  object = json_node_get_object (root);
  token = g_new0 (VigieIncusToken, 1);
  token->client_name = dup_nonempty (vigie_json_get_string (object, "client_name"));
  /* A token without one is refused below (found by fuzz-incus-token: the
   * normaliser does not take NULL). */
  if (vigie_json_get_string (object, "fingerprint") != NULL)
    token->fingerprint =
      vigie_fingerprint_normalize (vigie_json_get_string (object, "fingerprint"));
  token->secret = dup_nonempty (vigie_json_get_string (object, "secret"));
  token->expires_at = vigie_parse_time (vigie_json_get_string (object, "expires_at"));
  array = vigie_json_get_array (object, "addresses");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (addresses, json_node_get_string (node));
    }
  token->addresses = g_strv_builder_end (addresses);
  if (token->secret == NULL || token->fingerprint == NULL || *token->fingerprint == '\0')
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("The trust token lacks its secret or the server’s fingerprint"));
      return NULL;
    }
  return g_steal_pointer (&token);
}

/* Events */

gboolean
vigie_incus_parse_event (JsonNode  *root,
                         char     **project,
                         char     **name,
                         char     **action)
{
  JsonObject *object;
  JsonObject *metadata;
  const char *source;
  const char *verb;
  g_autofree char *path = NULL;
  char *query;
  char *p;

  *project = *name = *action = NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  if (g_strcmp0 (vigie_json_get_string (object, "type"), "lifecycle") != 0)
    return FALSE;
  metadata = vigie_json_get_object (object, "metadata");
  verb = vigie_json_get_string (metadata, "action");
  source = vigie_json_get_string (metadata, "source");
  if (verb == NULL || source == NULL || !g_str_has_prefix (verb, "instance-"))
    return FALSE;

  /* source: /1.0/instances/NAME[/snapshots/SNAP|/backups/B][?project=P] */
  path = g_strdup (source);
  query = strchr (path, '?');
  if (query != NULL)
    *query++ = '\0';
  if (!g_str_has_prefix (path, "/1.0/instances/"))
    return FALSE;
  p = path + strlen ("/1.0/instances/");
  if (strchr (p, '/') != NULL)
    *strchr (p, '/') = '\0';
  if (*p == '\0')
    return FALSE;
  *name = g_uri_unescape_string (p, NULL);

  if (vigie_json_get_string (object, "project") != NULL &&
      *vigie_json_get_string (object, "project") != '\0')
    *project = g_strdup (vigie_json_get_string (object, "project"));
  else if (query != NULL)
    {
      g_autoptr(GHashTable) params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
      const char *value = params != NULL ? g_hash_table_lookup (params, "project") : NULL;

      *project = g_strdup (value);
    }
  if (*project == NULL)
    *project = g_strdup ("default");
  *action = g_strdup (verb);
  return TRUE;
}
