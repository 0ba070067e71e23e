/* vigie-proxmox-parse.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-proxmox"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-proxmox-parse.h"

/* Scalars */

static JsonNode *
get_value (JsonObject *object,
           const char *member)
{
  JsonNode *node;

  if (object == NULL || member == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return node;
}

gboolean
vigie_proxmox_json_get_int (JsonObject *object,
                            const char *member,
                            gint64     *out)
{
  JsonNode *node = get_value (object, member);
  GType type;

  if (node == NULL)
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (d < (double) G_MININT64 || d > (double) G_MAXINT64 || d != d)
        return FALSE;
      *out = (gint64) d;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      char *end = NULL;
      gint64 v;

      if (s == NULL || *s == '\0')
        return FALSE;
      errno = 0;
      v = g_ascii_strtoll (s, &end, 10);
      if (errno != 0 || end == s || *end != '\0')
        return FALSE;
      *out = v;
      return TRUE;
    }
  return FALSE;
}

gboolean
vigie_proxmox_json_get_double (JsonObject *object,
                               const char *member,
                               double     *out)
{
  JsonNode *node = get_value (object, member);
  GType type;

  if (node == NULL)
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      *out = json_node_get_double (node);
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      char *end = NULL;
      double v;

      if (s == NULL || *s == '\0')
        return FALSE;
      errno = 0;
      v = g_ascii_strtod (s, &end);
      if (errno != 0 || end == s || *end != '\0' || v != v)
        return FALSE;
      *out = v;
      return TRUE;
    }
  return FALSE;
}

gboolean
vigie_proxmox_json_get_bool (JsonObject *object,
                             const char *member,
                             gboolean   *out)
{
  JsonNode *node = get_value (object, member);
  GType type;

  if (node == NULL)
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node);
      return TRUE;
    }
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node) != 0;
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      *out = json_node_get_double (node) != 0.0;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);

      if (g_strcmp0 (s, "1") == 0 || g_strcmp0 (s, "true") == 0)
        *out = TRUE;
      else if (g_strcmp0 (s, "0") == 0 || g_strcmp0 (s, "false") == 0)
        *out = FALSE;
      else
        return FALSE;
      return TRUE;
    }
  return FALSE;
}

const char *
vigie_proxmox_json_get_string (JsonObject *object,
                               const char *member)
{
  JsonNode *node = get_value (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A string member, or a number member spelled as a string (vmid). */
static char *
dup_id (JsonObject *object,
        const char *member)
{
  const char *s = vigie_proxmox_json_get_string (object, member);
  gint64 v;

  if (s != NULL)
    return *s != '\0' ? g_strdup (s) : NULL;
  if (vigie_proxmox_json_get_int (object, member, &v))
    return g_strdup_printf ("%" G_GINT64_FORMAT, v);
  return NULL;
}

static gint64
get_int_or_unset (JsonObject *object,
                  const char *member)
{
  gint64 v;

  if (vigie_proxmox_json_get_int (object, member, &v) && v >= 0)
    return v;
  return VIGIE_UNSET;
}

static JsonArray *
node_get_array (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

static JsonObject *
node_get_object (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

static JsonObject *
array_get_object (JsonArray *array,
                  guint      i)
{
  return node_get_object (json_array_get_element (array, i));
}

JsonNode *
vigie_proxmox_unwrap (JsonNode  *root,
                      GError   **error)
{
  JsonObject *object = node_get_object (root);
  JsonNode *data;

  if (object == NULL || (data = json_object_get_member (object, "data")) == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                   _("The server’s reply has no “data” member"));
      return NULL;
    }
  return data;
}

GStrv
vigie_proxmox_split_tags (const char *tags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (tags == NULL)
    return g_strv_builder_end (builder);
  parts = g_strsplit_set (tags, ";, ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      if (parts[i][0] == '\0')
        continue;
      for (guint j = 0; j < i && !seen; j++)
        seen = g_strcmp0 (parts[i], parts[j]) == 0;
      if (!seen)
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

VigieInstanceState
vigie_proxmox_guest_state (const char *status,
                           const char *qmpstatus)
{
  /* /cluster/resources puts the QMP status in "status" already; the node
   * lists give it apart as "qmpstatus". The QMP one is more precise. */
  const char *s = status;

  if (qmpstatus != NULL && *qmpstatus != '\0' && g_strcmp0 (status, "stopped") != 0)
    s = qmpstatus;
  if (s == NULL)
    return VIGIE_STATE_UNKNOWN;
  if (g_str_equal (s, "running"))
    return VIGIE_STATE_RUNNING;
  if (g_str_equal (s, "stopped"))
    return VIGIE_STATE_STOPPED;
  if (g_str_equal (s, "paused") || g_str_equal (s, "prelaunch"))
    return VIGIE_STATE_PAUSED;
  if (g_str_equal (s, "suspended"))
    return VIGIE_STATE_SUSPENDED;
  return VIGIE_STATE_UNKNOWN;
}

VigieHostState
vigie_proxmox_node_state (const char *status)
{
  if (g_strcmp0 (status, "online") == 0)
    return VIGIE_HOST_ONLINE;
  if (g_strcmp0 (status, "offline") == 0)
    return VIGIE_HOST_OFFLINE;
  return VIGIE_HOST_UNKNOWN;
}

/* /version */

gboolean
vigie_proxmox_parse_version (JsonNode  *data,
                             char     **version,
                             char     **release,
                             char     **repoid)
{
  JsonObject *object = node_get_object (data);
  const char *v;

  if (object == NULL)
    return FALSE;
  v = vigie_proxmox_json_get_string (object, "version");
  if (version != NULL)
    *version = g_strdup (v);
  if (release != NULL)
    *release = g_strdup (vigie_proxmox_json_get_string (object, "release"));
  if (repoid != NULL)
    *repoid = g_strdup (vigie_proxmox_json_get_string (object, "repoid"));
  return v != NULL;
}

/* /cluster/status */

void
vigie_proxmox_cluster_free (VigieProxmoxCluster *cluster)
{
  if (cluster == NULL)
    return;
  g_free (cluster->name);
  g_clear_pointer (&cluster->node_online, g_hash_table_unref);
  g_free (cluster);
}

VigieProxmoxCluster *
vigie_proxmox_parse_cluster_status (JsonNode *data)
{
  JsonArray *array = node_get_array (data);
  VigieProxmoxCluster *cluster;

  if (array == NULL)
    return NULL;

  cluster = g_new0 (VigieProxmoxCluster, 1);
  cluster->quorate = VIGIE_UNSET;
  cluster->n_nodes = VIGIE_UNSET;
  cluster->node_online = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = array_get_object (array, i);
      const char *type = vigie_proxmox_json_get_string (item, "type");
      const char *name = vigie_proxmox_json_get_string (item, "name");
      gboolean b;

      if (g_strcmp0 (type, "cluster") == 0)
        {
          g_free (cluster->name);
          cluster->name = g_strdup (name);
          if (vigie_proxmox_json_get_bool (item, "quorate", &b))
            cluster->quorate = b ? 1 : 0;
          cluster->n_nodes = get_int_or_unset (item, "nodes");
        }
      else if (g_strcmp0 (type, "node") == 0 && name != NULL)
        {
          if (vigie_proxmox_json_get_bool (item, "online", &b))
            g_hash_table_insert (cluster->node_online, g_strdup (name),
                                 GINT_TO_POINTER (b ? 1 : 2));
        }
    }
  return cluster;
}

/* /nodes */

GPtrArray *
vigie_proxmox_parse_nodes (JsonNode *data)
{
  JsonArray *array = node_get_array (data);
  GPtrArray *hosts = g_ptr_array_new_with_free_func (g_object_unref);

  if (array == NULL)
    return hosts;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = array_get_object (array, i);
      const char *name = vigie_proxmox_json_get_string (item, "node");
      g_autoptr(VigieHost) host = NULL;
      double cpu;

      if (name == NULL || *name == '\0')
        continue;
      host = vigie_host_new ();
      host->name = g_strdup (name);
      host->state = vigie_proxmox_node_state (vigie_proxmox_json_get_string (item, "status"));
      if (host->state == VIGIE_HOST_ONLINE)
        {
          /* An offline node keeps its last figures in /nodes; they are stale. */
          if (vigie_proxmox_json_get_double (item, "cpu", &cpu) && cpu >= 0)
            host->cpu_usage = cpu;
          host->cpu_threads = get_int_or_unset (item, "maxcpu");
          host->memory_bytes = get_int_or_unset (item, "maxmem");
          host->memory_used_bytes = get_int_or_unset (item, "mem");
          host->uptime_seconds = get_int_or_unset (item, "uptime");
        }
      if (vigie_proxmox_json_get_string (item, "level") != NULL)
        vigie_resource_set_extra (&host->extra, "subscription-level",
                                  vigie_proxmox_json_get_string (item, "level"));
      if (vigie_proxmox_json_get_string (item, "ssl_fingerprint") != NULL)
        vigie_resource_set_extra (&host->extra, "ssl-fingerprint",
                                  vigie_proxmox_json_get_string (item, "ssl_fingerprint"));
      g_ptr_array_add (hosts, g_steal_pointer (&host));
    }
  return hosts;
}

void
vigie_proxmox_apply_node_status (VigieHost *host,
                                 JsonNode  *data)
{
  JsonObject *object = node_get_object (data);
  JsonObject *cpuinfo;
  JsonObject *memory;
  const char *pveversion;
  gint64 v;

  if (object == NULL)
    return;
  cpuinfo = node_get_object (json_object_get_member (object, "cpuinfo"));
  if (cpuinfo != NULL)
    {
      /* PVE's read_cpuinfo sums "cpu cores" over sockets: cores is the
       * physical total, cpus the logical one. */
      if ((v = get_int_or_unset (cpuinfo, "cores")) > 0)
        host->cpu_cores = v;
      if ((v = get_int_or_unset (cpuinfo, "cpus")) > 0)
        host->cpu_threads = v;
      if (vigie_proxmox_json_get_string (cpuinfo, "model") != NULL)
        vigie_resource_set_extra (&host->extra, "cpu-model",
                                  vigie_proxmox_json_get_string (cpuinfo, "model"));
      if ((v = get_int_or_unset (cpuinfo, "sockets")) > 0)
        {
          g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT, v);
          vigie_resource_set_extra (&host->extra, "cpu-sockets", s);
        }
    }
  memory = node_get_object (json_object_get_member (object, "memory"));
  if (memory != NULL)
    {
      if ((v = get_int_or_unset (memory, "total")) >= 0)
        host->memory_bytes = v;
      if ((v = get_int_or_unset (memory, "used")) >= 0)
        host->memory_used_bytes = v;
    }
  if ((v = get_int_or_unset (object, "uptime")) >= 0)
    host->uptime_seconds = v;
  pveversion = vigie_proxmox_json_get_string (object, "pveversion");
  if (pveversion != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (pveversion, "/", 3);

      /* "pve-manager/9.2.11/<repoid>" */
      if (host->version == NULL && g_strv_length (parts) >= 2 && *parts[1] != '\0')
        host->version = g_strdup (parts[1]);
      if (host->build == NULL && g_strv_length (parts) >= 3 && *parts[2] != '\0')
        host->build = g_strdup (parts[2]);
    }
  if (vigie_proxmox_json_get_string (object, "kversion") != NULL)
    vigie_resource_set_extra (&host->extra, "kernel",
                              vigie_proxmox_json_get_string (object, "kversion"));
}

/* Guests */

VigieInstance *
vigie_proxmox_parse_guest (JsonObject *resource)
{
  g_autoptr(VigieInstance) instance = NULL;
  g_auto(GStrv) tags = NULL;
  const char *type = vigie_proxmox_json_get_string (resource, "type");
  const char *s;
  gboolean b;
  double cpu;
  gint64 v;

  if (type == NULL && resource != NULL)
    {
      /* /nodes/N/qemu items carry no "type"; /cluster/resources ids do. */
      const char *id = vigie_proxmox_json_get_string (resource, "id");

      if (id != NULL && g_str_has_prefix (id, "qemu/"))
        type = "qemu";
      else if (id != NULL && g_str_has_prefix (id, "lxc/"))
        type = "lxc";
    }
  if (g_strcmp0 (type, "qemu") != 0 && g_strcmp0 (type, "lxc") != 0)
    return NULL;

  instance = vigie_instance_new ();
  instance->id = dup_id (resource, "vmid");
  if (instance->id == NULL)
    return NULL;
  instance->type = g_str_equal (type, "lxc") ? VIGIE_INSTANCE_CONTAINER : VIGIE_INSTANCE_VM;
  instance->name = g_strdup (vigie_proxmox_json_get_string (resource, "name"));
  instance->host = g_strdup (vigie_proxmox_json_get_string (resource, "node"));
  instance->state = vigie_proxmox_guest_state (vigie_proxmox_json_get_string (resource, "status"),
                                               vigie_proxmox_json_get_string (resource, "qmpstatus"));
  if (vigie_proxmox_json_get_int (resource, "maxcpu", &v) && v > 0)
    instance->cpus = v;
  else if (vigie_proxmox_json_get_int (resource, "cpus", &v) && v > 0)
    instance->cpus = v;
  if ((v = get_int_or_unset (resource, "maxmem")) > 0)
    instance->memory_bytes = v;
  if (instance->state == VIGIE_STATE_RUNNING || instance->state == VIGIE_STATE_PAUSED)
    {
      instance->memory_used_bytes = get_int_or_unset (resource, "mem");
      if (vigie_proxmox_json_get_double (resource, "cpu", &cpu) && cpu >= 0)
        instance->cpu_usage = cpu;
    }
  else if (instance->state == VIGIE_STATE_STOPPED)
    {
      instance->memory_used_bytes = 0;
      instance->cpu_usage = 0.0;
    }
  if ((v = get_int_or_unset (resource, "maxdisk")) > 0)
    instance->disk_bytes = v;
  if (vigie_proxmox_json_get_bool (resource, "template", &b))
    instance->template = b;
  tags = vigie_proxmox_split_tags (vigie_proxmox_json_get_string (resource, "tags"));
  for (guint i = 0; tags[i] != NULL; i++)
    vigie_instance_add_tag (instance, tags[i]);

  if ((s = vigie_proxmox_json_get_string (resource, "hastate")) != NULL)
    vigie_resource_set_extra (&instance->extra, "hastate", s);
  if ((s = vigie_proxmox_json_get_string (resource, "lock")) != NULL)
    vigie_resource_set_extra (&instance->extra, "lock", s);
  if ((s = vigie_proxmox_json_get_string (resource, "pool")) != NULL)
    vigie_resource_set_extra (&instance->extra, "pool", s);
  if ((v = get_int_or_unset (resource, "uptime")) >= 0)
    {
      g_autofree char *uptime = g_strdup_printf ("%" G_GINT64_FORMAT, v);
      vigie_resource_set_extra (&instance->extra, "uptime", uptime);
    }
  return g_steal_pointer (&instance);
}

GPtrArray *
vigie_proxmox_parse_guests (JsonNode *data)
{
  JsonArray *array = node_get_array (data);
  GPtrArray *guests = g_ptr_array_new_with_free_func (g_object_unref);

  if (array == NULL)
    return guests;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      VigieInstance *instance = vigie_proxmox_parse_guest (array_get_object (array, i));

      if (instance != NULL)
        g_ptr_array_add (guests, instance);
    }
  return guests;
}

void
vigie_proxmox_mark_guest_unknown (VigieInstance *instance)
{
  instance->state = VIGIE_STATE_UNKNOWN;
  instance->snapshots = VIGIE_UNSET;
  instance->cpu_usage = -1.0;
  instance->memory_used_bytes = VIGIE_UNSET;
}

static void
apply_ostype (VigieInstance *instance,
              JsonObject    *config)
{
  const char *ostype = vigie_proxmox_json_get_string (config, "ostype");

  if (ostype != NULL && *ostype != '\0')
    {
      g_free (instance->os);
      instance->os = g_strdup (ostype);
    }
}

void
vigie_proxmox_apply_qemu_config (VigieInstance *instance,
                                 JsonNode      *data,
                                 gboolean      *agent_enabled)
{
  JsonObject *config = node_get_object (data);
  const char *agent;
  const char *smbios;
  gboolean b;

  if (agent_enabled != NULL)
    *agent_enabled = FALSE;
  if (config == NULL)
    return;
  apply_ostype (instance, config);

  /* "agent" is a property string: "1", "enabled=1,fstrim_cloned_disks=1", or a number. */
  agent = vigie_proxmox_json_get_string (config, "agent");
  if (agent != NULL && agent_enabled != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (agent, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (g_str_equal (parts[i], "1") || g_str_equal (parts[i], "enabled=1") ||
              g_str_equal (parts[i], "enabled=yes") || g_str_equal (parts[i], "enabled=true"))
            *agent_enabled = TRUE;
        }
    }
  else if (agent_enabled != NULL && vigie_proxmox_json_get_bool (config, "agent", &b))
    *agent_enabled = b;

  /* "smbios1": "uuid=…,manufacturer=…" */
  smbios = vigie_proxmox_json_get_string (config, "smbios1");
  if (smbios != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (smbios, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (g_str_has_prefix (parts[i], "uuid=") && parts[i][5] != '\0')
          {
            g_free (instance->uuid);
            instance->uuid = g_strdup (parts[i] + 5);
          }
    }
}

void
vigie_proxmox_apply_lxc_config (VigieInstance *instance,
                                JsonNode      *data)
{
  JsonObject *config = node_get_object (data);

  if (config != NULL)
    apply_ostype (instance, config);
}

static gboolean
is_loopback_or_link_local (const char *address)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);

  if (inet == NULL)
    return TRUE;  /* not an address at all */
  return g_inet_address_get_is_loopback (inet) || g_inet_address_get_is_link_local (inet);
}

static void
add_address (VigieInstance *instance,
             const char    *address)
{
  g_autofree char *copy = NULL;
  char *slash;

  if (address == NULL || *address == '\0')
    return;
  copy = g_strdup (address);
  slash = strchr (copy, '/');
  if (slash != NULL)
    *slash = '\0';
  if (!is_loopback_or_link_local (copy))
    vigie_instance_add_address (instance, copy);
}

void
vigie_proxmox_apply_agent_interfaces (VigieInstance *instance,
                                      JsonNode      *data)
{
  JsonObject *object = node_get_object (data);
  JsonArray *ifaces;

  /* {"result": [{"name": "eth0", "ip-addresses": [{"ip-address": …}]}]} */
  if (object == NULL)
    return;
  ifaces = node_get_array (json_object_get_member (object, "result"));
  if (ifaces == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (ifaces); i++)
    {
      JsonObject *iface = array_get_object (ifaces, i);
      JsonArray *addrs;

      if (iface == NULL || g_strcmp0 (vigie_proxmox_json_get_string (iface, "name"), "lo") == 0)
        continue;
      addrs = node_get_array (json_object_get_member (iface, "ip-addresses"));
      if (addrs == NULL)
        continue;
      for (guint j = 0; j < json_array_get_length (addrs); j++)
        add_address (instance,
                     vigie_proxmox_json_get_string (array_get_object (addrs, j), "ip-address"));
    }
}

void
vigie_proxmox_apply_lxc_interfaces (VigieInstance *instance,
                                    JsonNode      *data)
{
  JsonArray *ifaces = node_get_array (data);

  /* [{"name": "eth0", "hwaddr": …, "inet": "10.0.0.5/24", "inet6": "…/64"}] */
  if (ifaces == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (ifaces); i++)
    {
      JsonObject *iface = array_get_object (ifaces, i);

      if (iface == NULL || g_strcmp0 (vigie_proxmox_json_get_string (iface, "name"), "lo") == 0)
        continue;
      add_address (instance, vigie_proxmox_json_get_string (iface, "inet"));
      add_address (instance, vigie_proxmox_json_get_string (iface, "inet6"));
    }
}

gint64
vigie_proxmox_count_snapshots (JsonNode *data)
{
  JsonArray *array = node_get_array (data);
  gint64 count = 0;

  if (array == NULL)
    return VIGIE_UNSET;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = array_get_object (array, i);
      const char *name = vigie_proxmox_json_get_string (item, "name");

      /* "current" is the "You are here!" pseudo-entry, not a snapshot. */
      if (name != NULL && !g_str_equal (name, "current"))
        count++;
    }
  return count;
}

/* Storage */

static JsonObject *
find_storage_config (JsonArray  *config,
                     const char *name)
{
  if (config == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (config); i++)
    {
      JsonObject *item = array_get_object (config, i);

      if (g_strcmp0 (vigie_proxmox_json_get_string (item, "storage"), name) == 0)
        return item;
    }
  return NULL;
}

static VigieStorage *
find_storage (GPtrArray  *storages,
              const char *name,
              const char *host)
{
  for (guint i = 0; i < storages->len; i++)
    {
      VigieStorage *storage = g_ptr_array_index (storages, i);

      if (g_strcmp0 (storage->name, name) == 0 && g_strcmp0 (storage->host, host) == 0)
        return storage;
    }
  return NULL;
}

GPtrArray *
vigie_proxmox_parse_storage (JsonNode *resources,
                             JsonNode *config_node)
{
  JsonArray *array = node_get_array (resources);
  JsonArray *config = node_get_array (config_node);
  GPtrArray *storages = g_ptr_array_new_with_free_func (g_object_unref);

  if (array == NULL)
    return storages;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = array_get_object (array, i);
      const char *name = vigie_proxmox_json_get_string (item, "storage");
      const char *node = vigie_proxmox_json_get_string (item, "node");
      const char *type = vigie_proxmox_json_get_string (item, "plugintype");
      const char *content = vigie_proxmox_json_get_string (item, "content");
      JsonObject *cfg;
      VigieStorage *storage;
      gboolean shared = FALSE;
      gboolean available;

      if (g_strcmp0 (vigie_proxmox_json_get_string (item, "type"), "storage") != 0 ||
          name == NULL)
        continue;
      cfg = find_storage_config (config, name);
      if (type == NULL)
        type = vigie_proxmox_json_get_string (cfg, "type");
      if (content == NULL)
        content = vigie_proxmox_json_get_string (cfg, "content");
      if (!vigie_proxmox_json_get_bool (item, "shared", &shared))
        vigie_proxmox_json_get_bool (cfg, "shared", &shared);
      /* A PBS storage is always shared, whatever the flag says. */
      if (g_strcmp0 (type, "pbs") == 0)
        shared = TRUE;
      available = g_strcmp0 (vigie_proxmox_json_get_string (item, "status"), "available") == 0;

      storage = find_storage (storages, name, shared ? NULL : node);
      if (storage != NULL)
        {
          /* A shared storage is listed once per node: take the figures of
           * a node that sees it. */
          if (available && !storage->active)
            {
              storage->active = TRUE;
              storage->total_bytes = get_int_or_unset (item, "maxdisk");
              storage->used_bytes = get_int_or_unset (item, "disk");
            }
          continue;
        }
      storage = vigie_storage_new ();
      storage->name = g_strdup (name);
      storage->type = g_strdup (type);
      storage->host = shared ? NULL : g_strdup (node);
      storage->shared = shared;
      storage->active = available;
      storage->content = g_strdup (content);
      if (available)
        {
          storage->total_bytes = get_int_or_unset (item, "maxdisk");
          storage->used_bytes = get_int_or_unset (item, "disk");
        }
      if (shared && node != NULL)
        vigie_resource_set_extra (&storage->extra, "seen-from", node);
      if (cfg != NULL)
        {
          storage->pbs_server = g_strdup (vigie_proxmox_json_get_string (cfg, "server"));
          storage->pbs_datastore = g_strdup (vigie_proxmox_json_get_string (cfg, "datastore"));
          storage->pbs_namespace = g_strdup (vigie_proxmox_json_get_string (cfg, "namespace"));
          storage->pbs_fingerprint = g_strdup (vigie_proxmox_json_get_string (cfg, "fingerprint"));
          if (g_strcmp0 (type, "pbs") != 0)
            {
              /* server/export belong to NFS/CIFS too: keep them as facts, not PBS. */
              if (storage->pbs_server != NULL)
                vigie_resource_set_extra (&storage->extra, "server", storage->pbs_server);
              g_clear_pointer (&storage->pbs_server, g_free);
              g_clear_pointer (&storage->pbs_datastore, g_free);
              g_clear_pointer (&storage->pbs_namespace, g_free);
              g_clear_pointer (&storage->pbs_fingerprint, g_free);
            }
          else
            {
              gint64 port;

              if (vigie_proxmox_json_get_int (cfg, "port", &port) && port > 0)
                {
                  g_autofree char *p = g_strdup_printf ("%" G_GINT64_FORMAT, port);
                  vigie_resource_set_extra (&storage->extra, "pbs-port", p);
                }
              if (vigie_proxmox_json_get_string (cfg, "username") != NULL)
                vigie_resource_set_extra (&storage->extra, "pbs-username",
                                          vigie_proxmox_json_get_string (cfg, "username"));
            }
        }
      g_ptr_array_add (storages, storage);
    }
  return storages;
}

/* Backup jobs and tasks */

GPtrArray *
vigie_proxmox_parse_backup_jobs (JsonNode *data)
{
  JsonArray *array = node_get_array (data);
  GPtrArray *jobs = g_ptr_array_new_with_free_func (g_object_unref);

  if (array == NULL)
    return jobs;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = array_get_object (array, i);
      g_autoptr(VigieJob) job = NULL;
      const char *id = vigie_proxmox_json_get_string (item, "id");
      const char *comment = vigie_proxmox_json_get_string (item, "comment");
      const char *vmids;
      gboolean b;
      gint64 v;

      if (id == NULL)
        continue;
      job = vigie_job_new ();
      g_object_set_data_full (G_OBJECT (job), "pve-storage",
                              g_strdup (vigie_proxmox_json_get_string (item, "storage")), g_free);
      g_object_set_data_full (G_OBJECT (job), "pve-node",
                              g_strdup (vigie_proxmox_json_get_string (item, "node")), g_free);
      job->id = g_strdup (id);
      job->name = g_strdup (comment != NULL && *comment != '\0' ? comment : id);
      job->kind = g_strdup ("backup");
      job->schedule = g_strdup (vigie_proxmox_json_get_string (item, "schedule"));
      /* The job schema's default for "enabled" is 1: PVE omits it then. */
      if (vigie_proxmox_json_get_bool (item, "enabled", &b))
        job->enabled = b ? 1 : 0;
      else
        job->enabled = 1;
      if (vigie_proxmox_json_get_int (item, "next-run", &v) && v > 0)
        job->next_run = v;
      if (vigie_proxmox_json_get_bool (item, "all", &b) && b)
        job->all_targets = TRUE;
      vmids = vigie_proxmox_json_get_string (item, "vmid");
      if (vmids == NULL && vigie_proxmox_json_get_int (item, "vmid", &v))
        {
          g_ptr_array_add (job->targets, g_strdup_printf ("%" G_GINT64_FORMAT, v));
        }
      else if (vmids != NULL)
        {
          g_auto(GStrv) parts = g_strsplit_set (vmids, ", ;", -1);

          for (guint j = 0; parts[j] != NULL; j++)
            if (*parts[j] != '\0')
              g_ptr_array_add (job->targets, g_strdup (parts[j]));
        }
      g_ptr_array_add (jobs, g_steal_pointer (&job));
    }
  return jobs;
}

const char *
vigie_proxmox_job_get_storage (VigieJob *job)
{
  return g_object_get_data (G_OBJECT (job), "pve-storage");
}

const char *
vigie_proxmox_job_get_node (VigieJob *job)
{
  return g_object_get_data (G_OBJECT (job), "pve-node");
}

static gboolean
job_covers (VigieJob   *job,
            const char *vmid)
{
  if (job->all_targets)
    return TRUE;
  for (guint i = 0; i < job->targets->len; i++)
    if (g_strcmp0 (g_ptr_array_index (job->targets, i), vmid) == 0)
      return TRUE;
  return FALSE;
}

void
vigie_proxmox_apply_job_runs (GPtrArray *jobs,
                              GPtrArray *tasks)
{
  for (guint i = 0; i < jobs->len; i++)
    {
      VigieJob *job = g_ptr_array_index (jobs, i);
      const char *node = vigie_proxmox_job_get_node (job);
      const VigieProxmoxTask *last = NULL;

      for (guint j = 0; j < tasks->len; j++)
        {
          const VigieProxmoxTask *task = g_ptr_array_index (tasks, j);

          if (g_strcmp0 (task->type, "vzdump") != 0 || task->starttime <= 0)
            continue;
          if (node != NULL && g_strcmp0 (node, task->node) != 0)
            continue;
          if (task->id != NULL && *task->id != '\0' && !job_covers (job, task->id))
            continue;
          /* A multi-guest run: its log head says where it wrote and what. */
          if (task->storage != NULL && vigie_proxmox_job_get_storage (job) != NULL &&
              g_strcmp0 (task->storage, vigie_proxmox_job_get_storage (job)) != 0)
            continue;
          if (task->vmids != NULL && task->vmids[0] != NULL && !job->all_targets)
            {
              gboolean any = FALSE;

              for (guint k = 0; task->vmids[k] != NULL && !any; k++)
                any = job_covers (job, task->vmids[k]);
              if (!any)
                continue;
            }
          if (last == NULL || task->starttime > last->starttime)
            last = task;
        }
      if (last == NULL)
        continue;
      job->last_run = last->starttime;
      job->last_result = last->result;
      g_clear_pointer (&job->message, g_free);
      if (last->result == VIGIE_JOB_FAILED || last->result == VIGIE_JOB_WARNING)
        job->message = g_strdup (last->status);
    }
}

void
vigie_proxmox_task_free (VigieProxmoxTask *task)
{
  if (task == NULL)
    return;
  g_free (task->upid);
  g_free (task->node);
  g_free (task->type);
  g_free (task->id);
  g_free (task->user);
  g_free (task->status);
  g_free (task->storage);
  g_strfreev (task->vmids);
  g_free (task);
}

gboolean
vigie_proxmox_apply_vzdump_log (VigieProxmoxTask *task,
                                JsonNode         *data)
{
  JsonArray *array = node_get_array (data);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *t = vigie_proxmox_json_get_string (array_get_object (array, i), "t");
      const char *cmd;
      g_autoptr(GStrvBuilder) vmids = NULL;
      g_auto(GStrv) words = NULL;

      if (t == NULL || (cmd = strstr (t, "starting new backup job: vzdump")) == NULL)
        continue;
      vmids = g_strv_builder_new ();
      words = g_strsplit (cmd + strlen ("starting new backup job: vzdump"), " ", -1);
      /* vzdump VMID… [--option value]…: guests come before the options. */
      for (guint w = 0, options = FALSE; words[w] != NULL; w++)
        {
          const char *word = words[w];
          gboolean digits = *word != '\0';

          for (const char *c = word; *c != '\0'; c++)
            digits &= g_ascii_isdigit (*c);
          options |= word[0] == '-';
          if (digits && !options)
            g_strv_builder_add (vmids, word);
          else if (g_str_equal (word, "--storage") && words[w + 1] != NULL)
            {
              g_free (task->storage);
              task->storage = g_strdup (words[++w]);
            }
          else if (g_str_equal (word, "--vmid") && words[w + 1] != NULL)
            {
              g_auto(GStrv) list = g_strsplit (words[++w], ",", -1);

              g_strv_builder_addv (vmids, (const char **) list);
            }
        }
      g_strfreev (task->vmids);
      task->vmids = g_strv_builder_end (vmids);
      return TRUE;
    }
  return FALSE;
}

VigieJobResult
vigie_proxmox_task_result (const char *status)
{
  if (status == NULL || *status == '\0' || g_str_equal (status, "RUNNING"))
    return VIGIE_JOB_RUNNING;
  if (g_str_equal (status, "OK"))
    return VIGIE_JOB_SUCCESS;
  if (g_str_has_prefix (status, "WARNINGS"))
    return VIGIE_JOB_WARNING;
  if (g_str_equal (status, "unexpected status"))
    return VIGIE_JOB_NONE;
  return VIGIE_JOB_FAILED;
}

gboolean
vigie_proxmox_parse_upid (const char  *upid,
                          char       **node,
                          char       **type,
                          char       **id,
                          gint64      *starttime)
{
  g_auto(GStrv) parts = NULL;
  char *end = NULL;
  guint64 start;

  if (upid == NULL || !g_str_has_prefix (upid, "UPID:"))
    return FALSE;
  /* UPID:node:pid:pstart:starttime:type:id:user: (the user may hold ':'? no:
   * user@realm!token has none) */
  parts = g_strsplit (upid, ":", 9);
  if (g_strv_length (parts) < 8 || *parts[1] == '\0')
    return FALSE;
  start = g_ascii_strtoull (parts[4], &end, 16);
  if (end == parts[4] || *end != '\0')
    return FALSE;
  if (node != NULL)
    *node = g_strdup (parts[1]);
  if (type != NULL)
    *type = g_strdup (parts[5]);
  if (id != NULL)
    *id = g_strdup (parts[6]);
  if (starttime != NULL)
    *starttime = (gint64) start;
  return TRUE;
}

GPtrArray *
vigie_proxmox_parse_tasks (JsonNode *data)
{
  JsonArray *array = node_get_array (data);
  GPtrArray *tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_proxmox_task_free);

  if (array == NULL)
    return tasks;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = array_get_object (array, i);
      VigieProxmoxTask *task;
      const char *upid = vigie_proxmox_json_get_string (item, "upid");
      gint64 v;

      if (item == NULL)
        continue;
      task = g_new0 (VigieProxmoxTask, 1);
      task->upid = g_strdup (upid);
      task->node = g_strdup (vigie_proxmox_json_get_string (item, "node"));
      task->type = g_strdup (vigie_proxmox_json_get_string (item, "type"));
      task->id = dup_id (item, "id");
      task->user = g_strdup (vigie_proxmox_json_get_string (item, "user"));
      if (vigie_proxmox_json_get_int (item, "starttime", &v) && v > 0)
        task->starttime = v;
      if (vigie_proxmox_json_get_int (item, "endtime", &v) && v > 0)
        task->endtime = v;
      /* Fill what the item lacks from its UPID. */
      if (upid != NULL && (task->node == NULL || task->type == NULL || task->starttime == 0))
        {
          g_autofree char *node = NULL;
          g_autofree char *type = NULL;
          g_autofree char *id = NULL;
          gint64 start = 0;

          if (vigie_proxmox_parse_upid (upid, &node, &type, &id, &start))
            {
              if (task->node == NULL)
                task->node = g_steal_pointer (&node);
              if (task->type == NULL)
                task->type = g_steal_pointer (&type);
              if (task->id == NULL && id != NULL && *id != '\0')
                task->id = g_steal_pointer (&id);
              if (task->starttime == 0)
                task->starttime = start;
            }
        }
      task->status = g_strdup (vigie_proxmox_json_get_string (item, "status"));
      /* A finished task without a status is "unknown", not running. */
      if (task->status == NULL && task->endtime > 0)
        task->result = VIGIE_JOB_NONE;
      else
        task->result = vigie_proxmox_task_result (task->status);
      g_ptr_array_add (tasks, task);
    }
  return tasks;
}

gboolean
vigie_proxmox_parse_task_status (JsonNode  *data,
                                 gboolean  *stopped,
                                 char     **exitstatus)
{
  JsonObject *object = node_get_object (data);
  const char *status;

  if (object == NULL)
    return FALSE;
  status = vigie_proxmox_json_get_string (object, "status");
  if (status == NULL)
    return FALSE;
  *stopped = g_str_equal (status, "stopped");
  if (exitstatus != NULL)
    *exitstatus = *stopped ? g_strdup (vigie_proxmox_json_get_string (object, "exitstatus"))
                           : NULL;
  return TRUE;
}

char *
vigie_proxmox_parse_task_log_tail (JsonNode *data,
                                   guint     lines)
{
  JsonArray *array = node_get_array (data);
  g_autoptr(GString) text = g_string_new (NULL);
  guint len, first;

  if (array == NULL)
    return NULL;
  len = json_array_get_length (array);
  first = len > lines ? len - lines : 0;
  for (guint i = first; i < len; i++)
    {
      const char *t = vigie_proxmox_json_get_string (array_get_object (array, i), "t");

      if (t == NULL || *t == '\0' || g_str_equal (t, "no content"))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, t);
    }
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

GPtrArray *
vigie_proxmox_parse_backup_content (JsonNode   *data,
                                    const char *storage,
                                    const char *namespace_)
{
  JsonArray *array = node_get_array (data);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  if (array == NULL)
    return items;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = array_get_object (array, i);
      g_autoptr(VigieBackupItem) item = NULL;
      JsonObject *verification;
      const char *content = vigie_proxmox_json_get_string (entry, "content");
      const char *subtype = vigie_proxmox_json_get_string (entry, "subtype");
      const char *format = vigie_proxmox_json_get_string (entry, "format");
      const char *volid = vigie_proxmox_json_get_string (entry, "volid");
      gboolean b;
      gint64 v;

      if (entry == NULL || volid == NULL || (content != NULL && !g_str_equal (content, "backup")))
        continue;
      item = vigie_backup_item_new (VIGIE_BACKUP_SOURCE_VZDUMP);
      item->location = g_strdup (storage);
      item->namespace_ = g_strdup (namespace_);
      item->volid = g_strdup (volid);
      item->target_id = dup_id (entry, "vmid");
      if (g_strcmp0 (subtype, "qemu") == 0 || g_strcmp0 (format, "pbs-vm") == 0)
        item->target_type = g_strdup ("vm");
      else if (g_strcmp0 (subtype, "lxc") == 0 || g_strcmp0 (format, "pbs-ct") == 0)
        item->target_type = g_strdup ("ct");
      if (vigie_proxmox_json_get_int (entry, "ctime", &v) && v > 0)
        item->time = v;
      if (vigie_proxmox_json_get_int (entry, "size", &v) && v >= 0)
        {
          /* PBS reports 1 when it does not know the size. */
          if (!(v <= 1 && format != NULL && g_str_has_prefix (format, "pbs-")))
            item->size = v;
        }
      verification = node_get_object (json_object_get_member (entry, "verification"));
      if (verification != NULL)
        {
          const char *state = vigie_proxmox_json_get_string (verification, "state");

          if (g_strcmp0 (state, "ok") == 0)
            item->verified = VIGIE_VERIFIED_OK;
          else if (g_strcmp0 (state, "failed") == 0)
            item->verified = VIGIE_VERIFIED_FAILED;
        }
      if (vigie_proxmox_json_get_bool (entry, "protected", &b))
        item->protected_ = b;
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  return items;
}

VigieBackupItem *
vigie_proxmox_backup_item_from_task (const VigieProxmoxTask *task,
                                     const char             *storage)
{
  VigieBackupItem *item;

  if (task == NULL || task->result != VIGIE_JOB_FAILED ||
      g_strcmp0 (task->type, "vzdump") != 0 || task->id == NULL || *task->id == '\0')
    return NULL;
  item = vigie_backup_item_new (VIGIE_BACKUP_SOURCE_VZDUMP);
  item->failed = TRUE;
  item->target_id = g_strdup (task->id);
  item->time = task->starttime;
  item->location = g_strdup (storage);
  /* The UPID identifies the attempt, so it is counted once. */
  item->volid = g_strdup (task->upid);
  return item;
}

GStrv
vigie_proxmox_parse_not_backed_up (JsonNode *data)
{
  JsonArray *array = node_get_array (data);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (array != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        g_autofree char *vmid = dup_id (array_get_object (array, i), "vmid");

        if (vmid != NULL)
          g_strv_builder_add (builder, vmid);
      }
  return g_strv_builder_end (builder);
}

gboolean
vigie_proxmox_parse_ticket (JsonNode  *data,
                            char     **ticket,
                            char     **csrf_token,
                            char     **username,
                            GError   **error)
{
  JsonObject *object = node_get_object (data);
  const char *t = vigie_proxmox_json_get_string (object, "ticket");
  const char *c = vigie_proxmox_json_get_string (object, "CSRFPreventionToken");
  gboolean b;

  if (object != NULL && vigie_proxmox_json_get_bool (object, "NeedTFA", &b) && b)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED,
                   _("This account needs a second factor; use an API token instead"));
      return FALSE;
    }
  if (t == NULL || *t == '\0' || c == NULL || *c == '\0')
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                   _("The server’s login reply has no ticket"));
      return FALSE;
    }
  *ticket = g_strdup (t);
  *csrf_token = g_strdup (c);
  if (username != NULL)
    *username = g_strdup (vigie_proxmox_json_get_string (object, "username"));
  return TRUE;
}

gboolean
vigie_proxmox_parse_termproxy (JsonNode  *data,
                               gint64    *port,
                               char     **ticket,
                               char     **user,
                               char     **upid)
{
  JsonObject *object = node_get_object (data);
  const char *t = vigie_proxmox_json_get_string (object, "ticket");
  const char *u = vigie_proxmox_json_get_string (object, "user");

  if (object == NULL || t == NULL || u == NULL ||
      !vigie_proxmox_json_get_int (object, "port", port) || *port <= 0 || *port > 65535)
    return FALSE;
  *ticket = g_strdup (t);
  *user = g_strdup (u);
  if (upid != NULL)
    *upid = g_strdup (vigie_proxmox_json_get_string (object, "upid"));
  return TRUE;
}

int
vigie_proxmox_has_privilege (JsonNode   *data,
                             const char *path,
                             const char *privilege)
{
  JsonObject *object = node_get_object (data);
  g_autofree char *p = NULL;

  if (object == NULL || path == NULL)
    return -1;
  /* /access/permissions lists the effective privileges of every path that
   * has an ACL; the most specific listed ancestor decides. */
  p = g_strdup (path);
  for (;;)
    {
      JsonObject *privs = node_get_object (json_object_get_member (object, p));
      char *slash;

      if (privs != NULL)
        {
          gboolean b = FALSE;

          return vigie_proxmox_json_get_bool (privs, privilege, &b) && b;
        }
      if (g_str_equal (p, "/"))
        return 0;
      slash = strrchr (p, '/');
      if (slash == p)
        p[1] = '\0';
      else if (slash != NULL)
        *slash = '\0';
      else
        return 0;
    }
}
