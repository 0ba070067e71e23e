/* vigie-esxi-parse-devices.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A VM's virtual disks and network adapters (config.hardware.device), the
 * guest's addresses on each adapter (guest.net, by deviceConfigId) and its
 * snapshot tree (snapshot.rootSnapshotList), one by one, as
 * vigie-devices.h records them. A member the server left out stays unknown.
 */

#define G_LOG_DOMAIN "vigie-esxi"

#include "config.h"

#include <string.h>

#include "vigie-esxi-parse.h"
#include "vigie-esxi-soap.h"

#define MAX_SNAPSHOT_DEPTH 256

static gboolean
is_vim (xmlNode    *node,
        const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         xmlStrEqual (node->ns->href, (const xmlChar *) VIGIE_ESXI_NS_VIM25) &&
         (name == NULL || xmlStrEqual (node->name, (const xmlChar *) name));
}

static xmlNode *
child (xmlNode    *node,
       const char *name)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (is_vim (c, name))
      return c;
  return NULL;
}

/* The stripped text of @node's child @name; NULL when absent or empty. */
static char *
child_text (xmlNode    *node,
            const char *name)
{
  xmlNode *c = child (node, name);
  xmlChar *content;
  char *text;

  if (c == NULL)
    return NULL;
  content = xmlNodeGetContent (c);
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static gint64
child_int (xmlNode    *node,
           const char *name)
{
  g_autofree char *text = child_text (node, name);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL))
    return VIGIE_UNSET;
  return value;
}

static int
child_bool (xmlNode    *node,
            const char *name)
{
  g_autofree char *text = child_text (node, name);

  if (g_strcmp0 (text, "true") == 0)
    return 1;
  if (g_strcmp0 (text, "false") == 0)
    return 0;
  return VIGIE_UNSET;
}

/* The VirtualEthernetCard subtypes, as RVTools names the adapter. */
static const struct {
  const char *type;
  const char *adapter;
} nic_types[] = {
  { "VirtualVmxnet3", "Vmxnet3" },
  { "VirtualVmxnet3Vrdma", "Vmxnet3Vrdma" },
  { "VirtualVmxnet2", "Vmxnet2" },
  { "VirtualVmxnet", "Vmxnet" },
  { "VirtualE1000e", "E1000E" },
  { "VirtualE1000", "E1000" },
  { "VirtualPCNet32", "PCNet32" },
  { "VirtualSriovEthernetCard", "SriovEthernetCard" },
};

static const char *
nic_adapter (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (nic_types); i++)
    if (g_str_equal (type, nic_types[i].type))
      return nic_types[i].adapter;
  return NULL;
}

static gint64
disk_capacity (xmlNode *disk)
{
  gint64 bytes = child_int (disk, "capacityInBytes");
  gint64 kib = child_int (disk, "capacityInKB");

  if (bytes > 0)
    return bytes;
  if (kib >= 0 && kib <= G_MAXINT64 / 1024)
    return kib * 1024;
  return bytes;
}

static VigieDisk *
parse_disk (xmlNode    *device,
            GHashTable *labels)
{
  VigieDisk *disk = vigie_disk_new ();
  xmlNode *backing = child (device, "backing");
  g_autofree char *controller = child_text (device, "controllerKey");
  g_autofree char *file = child_text (backing, "fileName");

  disk->label = child_text (child (device, "deviceInfo"), "label");
  disk->key = child_text (device, "key");
  disk->uuid = child_text (backing, "uuid");
  disk->path = g_steal_pointer (&file);
  /* "[datastore1] vm/vm.vmdk": the datastore is in the brackets. */
  if (disk->path != NULL && disk->path[0] == '[' && strchr (disk->path, ']') != NULL)
    disk->storage = g_strndup (disk->path + 1, strchr (disk->path, ']') - disk->path - 1);
  disk->capacity_bytes = disk_capacity (device);
  disk->mode = child_text (backing, "diskMode");
  disk->thin = child_bool (backing, "thinProvisioned");
  disk->unit = child_int (device, "unitNumber");
  if (controller != NULL)
    disk->controller = g_strdup (g_hash_table_lookup (labels, controller));
  return disk;
}

static VigieNic *
parse_nic (xmlNode    *device,
           const char *adapter)
{
  VigieNic *nic = vigie_nic_new ();
  xmlNode *info = child (device, "deviceInfo");
  xmlNode *connectable = child (device, "connectable");

  nic->label = child_text (info, "label");
  nic->adapter = g_strdup (adapter);
  /* A standard port group names itself in the backing; a distributed one
   * only by key, and deviceInfo.summary carries its name then. */
  nic->network = child_text (child (device, "backing"), "deviceName");
  if (nic->network == NULL)
    nic->network = child_text (info, "summary");
  nic->mac = child_text (device, "macAddress");
  nic->connected = child_bool (connectable, "connected");
  nic->starts_connected = child_bool (connectable, "startConnected");
  return nic;
}

static void
parse_devices (xmlNode       *array,
               VigieInstance *instance)
{
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) nic_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Controllers first: a disk names its controller by key. */
  for (xmlNode *d = array->children; d != NULL; d = d->next)
    {
      char *key, *label;

      if (!is_vim (d, NULL))
        continue;
      key = child_text (d, "key");
      label = child_text (child (d, "deviceInfo"), "label");
      if (key != NULL && label != NULL)
        g_hash_table_replace (labels, key, label);
      else
        {
          g_free (key);
          g_free (label);
        }
    }

  instance->disks = vigie_disk_array_new ();
  instance->nics = vigie_nic_array_new ();
  for (xmlNode *d = array->children; d != NULL; d = d->next)
    {
      g_autofree char *type = NULL;
      const char *adapter;

      if (!is_vim (d, NULL) || (type = vigie_esxi_xsi_type (d)) == NULL)
        continue;
      if (g_str_equal (type, "VirtualDisk"))
        g_ptr_array_add (instance->disks, parse_disk (d, labels));
      else if ((adapter = nic_adapter (type)) != NULL)
        g_ptr_array_add (instance->nics, parse_nic (d, adapter));
    }
}

/* guest.net: each GuestNicInfo names its adapter by deviceConfigId (the
 * device key), else by MAC address. */
static void
parse_guest_net (xmlNode       *array,
                 xmlNode       *devices,
                 VigieInstance *instance)
{
  for (xmlNode *g = array->children; g != NULL; g = g->next)
    {
      g_autofree char *key = NULL;
      g_autofree char *mac = NULL;
      VigieNic *nic = NULL;

      if (!is_vim (g, NULL))
        continue;
      key = child_text (g, "deviceConfigId");
      mac = child_text (g, "macAddress");
      for (xmlNode *d = devices != NULL ? devices->children : NULL;
           d != NULL && key != NULL && nic == NULL; d = d->next)
        {
          g_autofree char *dkey = child_text (d, "key");
          g_autofree char *dmac = child_text (d, "macAddress");

          if (g_strcmp0 (dkey, key) == 0 && dmac != NULL)
            nic = vigie_nic_array_find_mac (instance->nics, dmac);
        }
      if (nic == NULL)
        nic = vigie_nic_array_find_mac (instance->nics, mac);
      if (nic == NULL && key != NULL && instance->nics->len == 1 &&
          ((VigieNic *) g_ptr_array_index (instance->nics, 0))->mac == NULL)
        nic = g_ptr_array_index (instance->nics, 0);
      if (nic == NULL)
        continue;
      for (xmlNode *a = g->children; a != NULL; a = a->next)
        if (is_vim (a, "ipAddress"))
          {
            xmlChar *content = xmlNodeGetContent (a);
            g_autofree char *address = g_strstrip (g_strdup ((const char *) content));

            xmlFree (content);
            vigie_nic_add_address (nic, address);
          }
    }
}

static void
parse_snapshot_tree (xmlNode       *tree,
                     VigieInstance *instance,
                     guint          depth)
{
  VigieSnapshot *snapshot;
  g_autofree char *created = NULL;

  if (depth > MAX_SNAPSHOT_DEPTH)
    return;
  snapshot = vigie_snapshot_new ();
  snapshot->name = child_text (tree, "name");
  snapshot->description = child_text (tree, "description");
  snapshot->state = child_text (tree, "state");
  snapshot->quiesced = child_bool (tree, "quiesced");
  created = child_text (tree, "createTime");
  if (created != NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (created, NULL);

      if (dt != NULL)
        snapshot->time = g_date_time_to_unix (dt);
    }
  g_ptr_array_add (instance->snapshot_list, snapshot);
  for (xmlNode *c = tree->children; c != NULL; c = c->next)
    if (is_vim (c, "childSnapshotList"))
      parse_snapshot_tree (c, instance, depth + 1);
}

void
vigie_esxi_parse_vm_devices (VigieEsxiObject *object,
                             VigieInstance   *instance)
{
  xmlNode *devices = vigie_esxi_object_get_node (object, "config.hardware.device");
  xmlNode *net = vigie_esxi_object_get_node (object, "guest.net");
  xmlNode *snapshot = vigie_esxi_object_get_node (object, "snapshot");

  if (devices != NULL)
    parse_devices (devices, instance);
  if (net != NULL && instance->nics != NULL)
    parse_guest_net (net, devices, instance);

  /* As for the count: no snapshot property is no snapshot, one the server
   * could not read is unknown. */
  if (snapshot == NULL && instance->snapshots != 0)
    return;
  instance->snapshot_list = vigie_snapshot_array_new ();
  for (xmlNode *c = snapshot != NULL ? snapshot->children : NULL; c != NULL; c = c->next)
    if (is_vim (c, "rootSnapshotList"))
      parse_snapshot_tree (c, instance, 0);
}
