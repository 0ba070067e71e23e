/* vigie-incus-parse-devices.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An instance's disk and nic devices (expanded_devices), the addresses the
 * guest holds on each nic (state.network, by the nic's "name"), and its
 * snapshots (InstanceFull "snapshots"), one by one (vigie-devices.h).
 */

#define G_LOG_DOMAIN "vigie-incus"

#include "config.h"

#include <string.h>

#include "vigie-incus-parse.h"
#include "vigie-json.h"

static const char *
config_string (JsonObject *object,
               const char *key)
{
  const char *value = vigie_json_get_string (vigie_json_get_object (object, "expanded_config"),
                                             key);

  return value != NULL ? value
                       : vigie_json_get_string (vigie_json_get_object (object, "config"), key);
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static VigieDisk *
parse_disk (JsonObject *object,
            const char *name,
            JsonObject *device)
{
  VigieDisk *disk = vigie_disk_new ();
  JsonObject *usage = vigie_json_get_object (vigie_json_get_object (
    vigie_json_get_object (object, "state"), "disk"), name);
  const char *pool = vigie_json_get_string (device, "pool");
  const char *source = vigie_json_get_string (device, "source");

  disk->label = g_strdup (name);
  disk->storage = dup_nonempty (pool);
  /* A volume of a pool ("pool/volume"), a host path, or the root disk. */
  if (source != NULL && *source != '\0')
    disk->path = pool != NULL ? g_strdup_printf ("%s/%s", pool, source) : g_strdup (source);
  disk->capacity_bytes = vigie_incus_parse_size (vigie_json_get_string (device, "size"));
  if (disk->capacity_bytes < 0 && usage != NULL)
    {
      gint64 total;

      if (vigie_json_get_int (usage, "total", &total) && total > 0)
        disk->capacity_bytes = total;
    }
  return disk;
}

static VigieNic *
parse_nic (JsonObject    *object,
           const char    *device_name,
           JsonObject    *device,
           VigieInstance *instance)
{
  VigieNic *nic = vigie_nic_new ();
  const char *network = vigie_json_get_string (device, "network");
  const char *ifname = vigie_json_get_string (device, "name");
  g_autofree char *hwaddr_key = g_strdup_printf ("volatile.%s.hwaddr", device_name);
  JsonObject *state = NULL;
  JsonArray *addresses;
  const char *host_state;

  nic->label = g_strdup (device_name);
  nic->adapter = dup_nonempty (vigie_json_get_string (device, "nictype"));
  nic->network = dup_nonempty (network != NULL ? network
                                               : vigie_json_get_string (device, "parent"));
  nic->mac = dup_nonempty (vigie_json_get_string (device, "hwaddr"));
  if (nic->mac == NULL)
    nic->mac = dup_nonempty (config_string (object, hwaddr_key));

  state = vigie_json_get_object (vigie_json_get_object (vigie_json_get_object (object, "state"),
                                                        "network"),
                                 ifname != NULL ? ifname : device_name);
  if (state == NULL)
    return nic;
  if (nic->mac == NULL)
    nic->mac = dup_nonempty (vigie_json_get_string (state, "hwaddr"));
  host_state = vigie_json_get_string (state, "state");
  if (g_strcmp0 (host_state, "up") == 0)
    nic->connected = 1;
  else if (g_strcmp0 (host_state, "down") == 0)
    nic->connected = 0;
  /* The addresses the inventory shows (global ones) that sit on this nic. */
  addresses = vigie_json_get_array (state, "addresses");
  for (guint i = 0; addresses != NULL && i < json_array_get_length (addresses); i++)
    {
      JsonObject *a = vigie_json_node_object (json_array_get_element (addresses, i));
      const char *text = vigie_json_get_string (a, "address");

      if (text != NULL &&
          g_ptr_array_find_with_equal_func (instance->addresses, text, g_str_equal, NULL))
        vigie_nic_add_address (nic, text);
    }
  return nic;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
parse_snapshots (JsonArray     *snapshots,
                 VigieInstance *instance)
{
  for (guint i = 0; i < json_array_get_length (snapshots); i++)
    {
      JsonObject *item = vigie_json_node_object (json_array_get_element (snapshots, i));
      const char *name = vigie_json_get_string (item, "name");
      const char *created = vigie_json_get_string (item, "created_at");
      const char *slash;
      VigieSnapshot *snapshot;

      if (item == NULL || name == NULL || *name == '\0')
        continue;
      snapshot = vigie_snapshot_new ();
      /* Some servers spell it "instance/snapshot". */
      slash = strrchr (name, '/');
      snapshot->name = g_strdup (slash != NULL ? slash + 1 : name);
      snapshot->description = dup_nonempty (vigie_json_get_string (item, "description"));
      if (created != NULL)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (created, NULL);

          /* 0001-01-01 is Go's zero time: unknown. */
          if (dt != NULL && g_date_time_to_unix (dt) > 0)
            snapshot->time = g_date_time_to_unix (dt);
        }
      g_ptr_array_add (instance->snapshot_list, snapshot);
    }
}

void
vigie_incus_parse_instance_devices (JsonObject    *object,
                                    VigieInstance *instance)
{
  JsonObject *devices = vigie_json_get_object (object, "expanded_devices");
  JsonArray *snapshots = vigie_json_get_array (object, "snapshots");

  if (devices == NULL)
    devices = vigie_json_get_object (object, "devices");
  if (devices != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (devices);
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

      for (GList *l = names; l != NULL; l = l->next)
        g_ptr_array_add (sorted, l->data);
      g_ptr_array_sort (sorted, compare_names);
      instance->disks = vigie_disk_array_new ();
      instance->nics = vigie_nic_array_new ();
      for (guint i = 0; i < sorted->len; i++)
        {
          const char *name = g_ptr_array_index (sorted, i);
          JsonObject *device = vigie_json_get_object (devices, name);
          const char *type = vigie_json_get_string (device, "type");

          if (g_strcmp0 (type, "disk") == 0)
            g_ptr_array_add (instance->disks, parse_disk (object, name, device));
          else if (g_strcmp0 (type, "nic") == 0)
            g_ptr_array_add (instance->nics, parse_nic (object, name, device, instance));
        }
    }

  /* As for the count: only InstanceFull says; null there is none. */
  if (snapshots != NULL)
    {
      instance->snapshot_list = vigie_snapshot_array_new ();
      parse_snapshots (snapshots, instance);
    }
  else if (json_object_has_member (object, "state") && json_object_has_member (object, "snapshots"))
    instance->snapshot_list = vigie_snapshot_array_new ();
}
