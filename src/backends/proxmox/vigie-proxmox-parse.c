/* vigie-proxmox-parse.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-proxmox"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-json.h"
#include "vigie-proxmox-parse.h"
#include "vigie-proxmox-parse-private.h"

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
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    return vigie_json_get_int (object, member, out);
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
    return vigie_json_get_number (object, member, out);
  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      char *end = NULL;
      double v;

      if (s == NULL || *s == '\0')
        return FALSE;
      errno = 0;
      v = g_ascii_strtod (s, &end);
      if (errno != 0 || end == s || *end != '\0' || !isfinite (v))
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
char *
vigie_proxmox_json_dup_id (JsonObject *object,
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

gint64
vigie_proxmox_json_get_int_or_unset (JsonObject *object,
                                     const char *member)
{
  gint64 v;

  if (vigie_proxmox_json_get_int (object, member, &v) && v >= 0)
    return v;
  return VIGIE_UNSET;
}

JsonArray *
vigie_proxmox_node_get_array (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

JsonObject *
vigie_proxmox_node_get_object (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

JsonObject *
vigie_proxmox_array_get_object (JsonArray *array,
                                guint      i)
{
  return vigie_proxmox_node_get_object (json_array_get_element (array, i));
}

JsonNode *
vigie_proxmox_unwrap (JsonNode  *root,
                      GError   **error)
{
  JsonObject *object = vigie_proxmox_node_get_object (root);
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
  JsonObject *object = vigie_proxmox_node_get_object (data);
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
  JsonArray *array = vigie_proxmox_node_get_array (data);
  VigieProxmoxCluster *cluster;

  if (array == NULL)
    return NULL;

  cluster = g_new0 (VigieProxmoxCluster, 1);
  cluster->quorate = VIGIE_UNSET;
  cluster->n_nodes = VIGIE_UNSET;
  cluster->node_online = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = vigie_proxmox_array_get_object (array, i);
      const char *type = vigie_proxmox_json_get_string (item, "type");
      const char *name = vigie_proxmox_json_get_string (item, "name");
      gboolean b;

      if (g_strcmp0 (type, "cluster") == 0)
        {
          g_free (cluster->name);
          cluster->name = g_strdup (name);
          if (vigie_proxmox_json_get_bool (item, "quorate", &b))
            cluster->quorate = b ? 1 : 0;
          cluster->n_nodes = vigie_proxmox_json_get_int_or_unset (item, "nodes");
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
  JsonArray *array = vigie_proxmox_node_get_array (data);
  GPtrArray *hosts = g_ptr_array_new_with_free_func (g_object_unref);

  if (array == NULL)
    return hosts;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = vigie_proxmox_array_get_object (array, i);
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
            host->cpu_usage = MIN (cpu, 1.0);
          host->cpu_threads = vigie_proxmox_json_get_int_or_unset (item, "maxcpu");
          host->memory_bytes = vigie_proxmox_json_get_int_or_unset (item, "maxmem");
          host->memory_used_bytes = vigie_proxmox_json_get_int_or_unset (item, "mem");
          host->uptime_seconds = vigie_proxmox_json_get_int_or_unset (item, "uptime");
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
  JsonObject *object = vigie_proxmox_node_get_object (data);
  JsonObject *cpuinfo;
  JsonObject *memory;
  const char *pveversion;
  gint64 v;

  if (object == NULL)
    return;
  cpuinfo = vigie_proxmox_node_get_object (json_object_get_member (object, "cpuinfo"));
  if (cpuinfo != NULL)
    {
      /* PVE's read_cpuinfo sums "cpu cores" over sockets: cores is the
       * physical total, cpus the logical one. */
      if ((v = vigie_proxmox_json_get_int_or_unset (cpuinfo, "cores")) > 0)
        host->cpu_cores = v;
      if ((v = vigie_proxmox_json_get_int_or_unset (cpuinfo, "cpus")) > 0)
        host->cpu_threads = v;
      if ((v = vigie_proxmox_json_get_int_or_unset (cpuinfo, "sockets")) > 0)
        host->cpu_sockets = v;
      g_free (host->cpu_model);
      host->cpu_model = g_strdup (vigie_proxmox_json_get_string (cpuinfo, "model"));
      if ((v = vigie_proxmox_json_get_int_or_unset (cpuinfo, "sockets")) > 0)
        {
          g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT, v);
          vigie_resource_set_extra (&host->extra, "cpu-sockets", s);
        }
    }
  memory = vigie_proxmox_node_get_object (json_object_get_member (object, "memory"));
  if (memory != NULL)
    {
      if ((v = vigie_proxmox_json_get_int_or_unset (memory, "total")) >= 0)
        host->memory_bytes = v;
      if ((v = vigie_proxmox_json_get_int_or_unset (memory, "used")) >= 0)
        host->memory_used_bytes = v;
    }
  if ((v = vigie_proxmox_json_get_int_or_unset (object, "uptime")) >= 0)
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
  instance->id = vigie_proxmox_json_dup_id (resource, "vmid");
  if (instance->id == NULL)
    return NULL;
  instance->type = g_str_equal (type, "lxc") ? VIGIE_INSTANCE_CONTAINER : VIGIE_INSTANCE_VM;
  instance->name = g_strdup (vigie_proxmox_json_get_string (resource, "name"));
  instance->host = g_strdup (vigie_proxmox_json_get_string (resource, "node"));
  s = vigie_proxmox_json_get_string (resource, "qmpstatus");
  instance->state = vigie_proxmox_guest_state (vigie_proxmox_json_get_string (resource, "status"),
                                               s);
  if (vigie_proxmox_json_get_int (resource, "maxcpu", &v) && v > 0)
    instance->cpus = v;
  else if (vigie_proxmox_json_get_int (resource, "cpus", &v) && v > 0)
    instance->cpus = v;
  if ((v = vigie_proxmox_json_get_int_or_unset (resource, "maxmem")) > 0)
    instance->memory_bytes = v;
  if (instance->state == VIGIE_STATE_RUNNING || instance->state == VIGIE_STATE_PAUSED)
    {
      instance->memory_used_bytes = vigie_proxmox_json_get_int_or_unset (resource, "mem");
      if (vigie_proxmox_json_get_double (resource, "cpu", &cpu) && cpu >= 0)
        instance->cpu_usage = MIN (cpu, 1.0);
    }
  else if (instance->state == VIGIE_STATE_STOPPED)
    {
      instance->memory_used_bytes = 0;
      instance->cpu_usage = 0.0;
    }
  if ((v = vigie_proxmox_json_get_int_or_unset (resource, "maxdisk")) > 0)
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
    instance->pool = g_strdup (s);
  if ((v = vigie_proxmox_json_get_int_or_unset (resource, "uptime")) >= 0)
    {
      g_autofree char *uptime = g_strdup_printf ("%" G_GINT64_FORMAT, v);
      vigie_resource_set_extra (&instance->extra, "uptime", uptime);
    }
  return g_steal_pointer (&instance);
}

GPtrArray *
vigie_proxmox_parse_guests (JsonNode *data)
{
  JsonArray *array = vigie_proxmox_node_get_array (data);
  GPtrArray *guests = g_ptr_array_new_with_free_func (g_object_unref);

  if (array == NULL)
    return guests;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = vigie_proxmox_array_get_object (array, i);
      VigieInstance *instance = vigie_proxmox_parse_guest (item);

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
apply_config_facts (VigieInstance *instance,
                    JsonObject    *config,
                    const char    *name_key)
{
  const char *ostype = vigie_proxmox_json_get_string (config, "ostype");
  const char *name = vigie_proxmox_json_get_string (config, name_key);

  /* /cluster/resources leaves the name out when it has no RRD data yet. */
  if (instance->name == NULL && name != NULL && *name != '\0')
    instance->name = g_strdup (name);

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
  JsonObject *config = vigie_proxmox_node_get_object (data);
  const char *agent;
  const char *smbios;
  gboolean b;

  if (agent_enabled != NULL)
    *agent_enabled = FALSE;
  if (config == NULL)
    return;
  apply_config_facts (instance, config, "name");
  vigie_proxmox_apply_qemu_hardware (instance, config);
  vigie_proxmox_apply_config_devices (instance, config, FALSE);

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
  JsonObject *config = vigie_proxmox_node_get_object (data);

  if (config == NULL)
    return;
  apply_config_facts (instance, config, "hostname");
  vigie_proxmox_apply_config_devices (instance, config, TRUE);
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
             VigieNic      *nic,
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
  if (is_loopback_or_link_local (copy))
    return;
  vigie_instance_add_address (instance, copy);
  if (nic != NULL)
    vigie_nic_add_address (nic, copy);
}

void
vigie_proxmox_apply_agent_interfaces (VigieInstance *instance,
                                      JsonNode      *data)
{
  JsonObject *object = vigie_proxmox_node_get_object (data);
  JsonArray *ifaces;

  /* {"result": [{"name": "eth0", "ip-addresses": [{"ip-address": …}]}]} */
  if (object == NULL)
    return;
  ifaces = vigie_proxmox_node_get_array (json_object_get_member (object, "result"));
  if (ifaces == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (ifaces); i++)
    {
      JsonObject *iface = vigie_proxmox_array_get_object (ifaces, i);
      JsonArray *addrs;
      VigieNic *nic;

      if (iface == NULL || g_strcmp0 (vigie_proxmox_json_get_string (iface, "name"), "lo") == 0)
        continue;
      nic = vigie_nic_array_find_mac (instance->nics,
                                      vigie_proxmox_json_get_string (iface, "hardware-address"));
      addrs = vigie_proxmox_node_get_array (json_object_get_member (iface, "ip-addresses"));
      if (addrs == NULL)
        continue;
      for (guint j = 0; j < json_array_get_length (addrs); j++)
        {
          JsonObject *addr = vigie_proxmox_array_get_object (addrs, j);

          add_address (instance, nic, vigie_proxmox_json_get_string (addr, "ip-address"));
        }
    }
}

void
vigie_proxmox_apply_lxc_interfaces (VigieInstance *instance,
                                    JsonNode      *data)
{
  JsonArray *ifaces = vigie_proxmox_node_get_array (data);

  /* [{"name": "eth0", "hwaddr": …, "inet": "10.0.0.5/24", "inet6": "…/64"}] */
  if (ifaces == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (ifaces); i++)
    {
      JsonObject *iface = vigie_proxmox_array_get_object (ifaces, i);
      VigieNic *nic;

      if (iface == NULL || g_strcmp0 (vigie_proxmox_json_get_string (iface, "name"), "lo") == 0)
        continue;
      nic = vigie_nic_array_find_mac (instance->nics,
                                      vigie_proxmox_json_get_string (iface, "hwaddr"));
      add_address (instance, nic, vigie_proxmox_json_get_string (iface, "inet"));
      add_address (instance, nic, vigie_proxmox_json_get_string (iface, "inet6"));
    }
}

gint64
vigie_proxmox_count_snapshots (JsonNode *data)
{
  JsonArray *array = vigie_proxmox_node_get_array (data);
  gint64 count = 0;

  if (array == NULL)
    return VIGIE_UNSET;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = vigie_proxmox_array_get_object (array, i);
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
      JsonObject *item = vigie_proxmox_array_get_object (config, i);

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
  JsonArray *array = vigie_proxmox_node_get_array (resources);
  JsonArray *config = vigie_proxmox_node_get_array (config_node);
  GPtrArray *storages = g_ptr_array_new_with_free_func (g_object_unref);

  if (array == NULL)
    return storages;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = vigie_proxmox_array_get_object (array, i);
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
              storage->total_bytes = vigie_proxmox_json_get_int_or_unset (item, "maxdisk");
              storage->used_bytes = vigie_proxmox_json_get_int_or_unset (item, "disk");
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
          storage->total_bytes = vigie_proxmox_json_get_int_or_unset (item, "maxdisk");
          storage->used_bytes = vigie_proxmox_json_get_int_or_unset (item, "disk");
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

              if (vigie_proxmox_json_get_int (cfg, "port", &port) && port > 0 && port <= 65535)
                storage->pbs_port = port;
              if (vigie_proxmox_json_get_string (cfg, "username") != NULL)
                vigie_resource_set_extra (&storage->extra, "pbs-username",
                                          vigie_proxmox_json_get_string (cfg, "username"));
            }
        }
      g_ptr_array_add (storages, storage);
    }
  return storages;
}

gboolean
vigie_proxmox_parse_ticket (JsonNode  *data,
                            char     **ticket,
                            char     **csrf_token,
                            char     **username,
                            GError   **error)
{
  JsonObject *object = vigie_proxmox_node_get_object (data);
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
  JsonObject *object = vigie_proxmox_node_get_object (data);
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
  JsonObject *object = vigie_proxmox_node_get_object (data);
  g_autofree char *p = NULL;

  if (object == NULL || path == NULL)
    return -1;
  /* /access/permissions lists the effective privileges of every path that
   * has an ACL; the most specific listed ancestor decides. */
  p = g_strdup (path);
  for (;;)
    {
      JsonObject *privs = vigie_proxmox_node_get_object (json_object_get_member (object, p));
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
