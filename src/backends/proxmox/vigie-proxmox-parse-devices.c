/* vigie-proxmox-parse-devices.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A guest's disks and network adapters from its configuration
 * (GET /nodes/{node}/qemu|lxc/{vmid}/config: ide/sata/scsi/virtioN and
 * netN for QEMU, rootfs/mpN and netN for LXC, as qm.adoc and pct.adoc
 * spell them) and its snapshots (…/snapshot), one by one
 * (vigie-devices.h). CD-ROMs, unused volumes, the EFI and TPM state
 * volumes are not disks a guest sees, so they are left out.
 */

#define G_LOG_DOMAIN "vigie-proxmox"

#include "config.h"

#include "vigie-proxmox-parse-private.h"
#include <string.h>

#include "vigie-proxmox-parse.h"

/* "32G", "512M", "1T", "4096" (bytes): the size= of a volume. */
static gint64
parse_size (const char *text)
{
  static const char units[] = "KMGT";
  char *end = NULL;
  gint64 value;
  const char *unit;

  if (text == NULL || !g_ascii_isdigit (*text))
    return VIGIE_UNSET;
  value = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || value < 0)
    return VIGIE_UNSET;
  if (*end == '\0')
    return value;
  if (end[1] != '\0' || (unit = strchr (units, g_ascii_toupper (*end))) == NULL)
    return VIGIE_UNSET;
  for (const char *u = units; u <= unit; u++)
    {
      if (value > G_MAXINT64 / 1024)
        return VIGIE_UNSET;
      value *= 1024;
    }
  return value;
}

/* "local-lvm:vm-100-disk-0,size=32G,ssd=1" → volume and its options. */
static GHashTable *
parse_property (const char  *text,
                char       **first)
{
  GHashTable *options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  *first = NULL;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *eq = strchr (parts[i], '=');

      if (eq == NULL)
        {
          if (i == 0)
            *first = g_strdup (parts[i]);
          continue;
        }
      *eq = '\0';
      g_hash_table_replace (options, g_strdup (parts[i]), g_strdup (eq + 1));
    }
  return options;
}

static gboolean
key_has_index (const char *key,
               const char *prefix)
{
  const char *p;

  if (!g_str_has_prefix (key, prefix) || key[strlen (prefix)] == '\0')
    return FALSE;
  for (p = key + strlen (prefix); *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static const char *
disk_bus (const char *key,
          gboolean    lxc)
{
  static const char *const qemu[] = { "scsi", "virtio", "sata", "ide" };

  if (lxc)
    return g_str_equal (key, "rootfs") || key_has_index (key, "mp") ? "" : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (qemu); i++)
    if (key_has_index (key, qemu[i]))
      return qemu[i];
  return NULL;
}

static VigieDisk *
parse_disk (const char *key,
            const char *value,
            const char *bus,
            const char *scsihw)
{
  g_autofree char *volume = NULL;
  g_autoptr(GHashTable) options = parse_property (value, &volume);
  const char *media = g_hash_table_lookup (options, "media");
  const char *file = volume != NULL ? volume : g_hash_table_lookup (options, "volume");
  VigieDisk *disk;

  if (g_strcmp0 (media, "cdrom") == 0 || file == NULL || g_str_equal (file, "none"))
    return NULL;
  disk = vigie_disk_new ();
  disk->label = g_strdup (key);
  disk->path = g_strdup (file);
  if (strchr (file, ':') != NULL && file[0] != '/')
    disk->storage = g_strndup (file, strchr (file, ':') - file);
  disk->capacity_bytes = parse_size (g_hash_table_lookup (options, "size"));
  /* The SCSI bus is as good as its controller model (scsihw). */
  if (g_str_equal (bus, "scsi"))
    disk->controller = g_strdup (scsihw != NULL ? scsihw : "lsi");
  else if (*bus != '\0')
    disk->controller = g_strdup (bus);
  disk->unit = g_ascii_strtoll (key + strlen (bus), NULL, 10);
  if (*bus == '\0')
    disk->unit = VIGIE_UNSET;
  return disk;
}

/* QEMU: "virtio=BC:24:11:00:00:64,bridge=vmbr0,link_down=1";
 * LXC: "name=eth0,bridge=vmbr0,hwaddr=BC:24:…,ip=dhcp,type=veth". */
static VigieNic *
parse_nic (const char *key,
           const char *value,
           gboolean    lxc)
{
  static const char *const models[] = { "virtio", "e1000", "e1000e", "rtl8139", "vmxnet3",
                                        "e1000-82540em", "e1000-82544gc", "e1000-82545em",
                                        "i82551", "i82557b", "i82559er", "ne2k_isa",
                                        "ne2k_pci", "pcnet" };
  g_autofree char *first = NULL;
  g_autoptr(GHashTable) options = parse_property (value, &first);
  VigieNic *nic = vigie_nic_new ();
  const char *link_down = g_hash_table_lookup (options, "link_down");

  nic->label = g_strdup (key);
  nic->network = g_strdup (g_hash_table_lookup (options, "bridge"));
  if (lxc)
    {
      nic->adapter = g_strdup (g_hash_table_lookup (options, "type"));
      nic->mac = g_strdup (g_hash_table_lookup (options, "hwaddr"));
    }
  else
    for (guint i = 0; i < G_N_ELEMENTS (models); i++)
      if (g_hash_table_contains (options, models[i]))
        {
          nic->adapter = g_strdup (models[i]);
          nic->mac = g_strdup (g_hash_table_lookup (options, models[i]));
          break;
        }
  if (link_down != NULL)
    nic->connected = g_str_equal (link_down, "1") ? 0 : 1;
  else
    nic->connected = 1;  /* link_down defaults to 0 */
  return nic;
}

static gint
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

void
vigie_proxmox_apply_config_devices (VigieInstance *instance,
                                    JsonObject    *config,
                                    gboolean       lxc)
{
  g_autoptr(GList) members = json_object_get_members (config);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  const char *scsihw = vigie_proxmox_json_get_string (config, "scsihw");

  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (keys, l->data);
  g_ptr_array_sort (keys, compare_keys);

  g_clear_pointer (&instance->disks, g_ptr_array_unref);
  g_clear_pointer (&instance->nics, g_ptr_array_unref);
  instance->disks = vigie_disk_array_new ();
  instance->nics = vigie_nic_array_new ();
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const char *value = vigie_proxmox_json_get_string (config, key);
      const char *bus = disk_bus (key, lxc);

      if (value == NULL)
        continue;
      if (bus != NULL)
        {
          VigieDisk *disk = parse_disk (key, value, bus, scsihw);

          if (disk != NULL)
            g_ptr_array_add (instance->disks, disk);
        }
      else if (key_has_index (key, "net"))
        g_ptr_array_add (instance->nics, parse_nic (key, value, lxc));
    }
}

void
vigie_proxmox_apply_snapshot_list (VigieInstance *instance,
                                   JsonNode      *data)
{
  JsonArray *array = vigie_proxmox_node_get_array (data);

  g_clear_pointer (&instance->snapshot_list, g_ptr_array_unref);
  if (array == NULL)
    return;
  instance->snapshot_list = vigie_snapshot_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = vigie_proxmox_array_get_object (array, i);
      const char *name = vigie_proxmox_json_get_string (item, "name");
      const char *description = vigie_proxmox_json_get_string (item, "description");
      VigieSnapshot *snapshot;
      gint64 time;

      /* "current" is the "You are here!" pseudo-entry, not a snapshot. */
      if (name == NULL || g_str_equal (name, "current"))
        continue;
      snapshot = vigie_snapshot_new ();
      snapshot->name = g_strdup (name);
      if (description != NULL && *description != '\0')
        snapshot->description = g_strdup (description);
      time = vigie_proxmox_json_get_int_or_unset (item, "snaptime");
      snapshot->time = time > 0 ? time : 0;
      g_ptr_array_add (instance->snapshot_list, snapshot);
    }
  /* Oldest first, as vSphere's tree reads. */
  for (guint i = 0; i + 1 < instance->snapshot_list->len; i++)
    for (guint j = i + 1; j < instance->snapshot_list->len; j++)
      {
        VigieSnapshot *a = g_ptr_array_index (instance->snapshot_list, i);
        VigieSnapshot *b = g_ptr_array_index (instance->snapshot_list, j);

        if (b->time < a->time)
          {
            instance->snapshot_list->pdata[i] = b;
            instance->snapshot_list->pdata[j] = a;
          }
      }
}
