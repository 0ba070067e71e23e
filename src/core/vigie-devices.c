/* vigie-devices.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-devices"

#include "config.h"

#include "vigie-devices.h"
#include "vigie-resources.h"

VigieDisk *
vigie_disk_new (void)
{
  VigieDisk *disk = g_new0 (VigieDisk, 1);

  disk->capacity_bytes = VIGIE_UNSET;
  disk->unit = VIGIE_UNSET;
  disk->thin = VIGIE_UNSET;
  return disk;
}

void
vigie_disk_free (VigieDisk *disk)
{
  if (disk == NULL)
    return;
  g_free (disk->label);
  g_free (disk->key);
  g_free (disk->uuid);
  g_free (disk->path);
  g_free (disk->storage);
  g_free (disk->controller);
  g_free (disk->mode);
  g_free (disk);
}

VigieNic *
vigie_nic_new (void)
{
  VigieNic *nic = g_new0 (VigieNic, 1);

  nic->connected = VIGIE_UNSET;
  nic->starts_connected = VIGIE_UNSET;
  nic->addresses = g_ptr_array_new_with_free_func (g_free);
  return nic;
}

void
vigie_nic_free (VigieNic *nic)
{
  if (nic == NULL)
    return;
  g_free (nic->label);
  g_free (nic->adapter);
  g_free (nic->network);
  g_free (nic->mac);
  g_ptr_array_unref (nic->addresses);
  g_free (nic);
}

void
vigie_nic_add_address (VigieNic   *nic,
                       const char *address)
{
  g_return_if_fail (nic != NULL);

  if (address == NULL || *address == '\0' ||
      g_ptr_array_find_with_equal_func (nic->addresses, address, g_str_equal, NULL))
    return;
  g_ptr_array_add (nic->addresses, g_strdup (address));
}

VigieSnapshot *
vigie_snapshot_new (void)
{
  VigieSnapshot *snapshot = g_new0 (VigieSnapshot, 1);

  snapshot->quiesced = VIGIE_UNSET;
  return snapshot;
}

void
vigie_snapshot_free (VigieSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->name);
  g_free (snapshot->description);
  g_free (snapshot->state);
  g_free (snapshot);
}

GPtrArray *
vigie_disk_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_disk_free);
}

GPtrArray *
vigie_nic_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_nic_free);
}

GPtrArray *
vigie_snapshot_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_snapshot_free);
}

static gboolean
mac_equal (const char *a,
           const char *b)
{
  for (; *a != '\0' && *b != '\0'; a++, b++)
    {
      char ca = *a == '-' ? ':' : g_ascii_tolower (*a);
      char cb = *b == '-' ? ':' : g_ascii_tolower (*b);

      if (ca != cb)
        return FALSE;
    }
  return *a == '\0' && *b == '\0';
}

VigieNic *
vigie_nic_array_find_mac (GPtrArray  *nics,
                          const char *mac)
{
  for (guint i = 0; nics != NULL && mac != NULL && i < nics->len; i++)
    {
      VigieNic *nic = g_ptr_array_index (nics, i);

      if (nic->mac != NULL && mac_equal (nic->mac, mac))
        return nic;
    }
  return NULL;
}
