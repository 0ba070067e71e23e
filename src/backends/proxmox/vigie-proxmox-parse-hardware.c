/* vigie-proxmox-parse-hardware.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a QEMU guest's migration readiness needs from its configuration
 * (GET /nodes/{node}/qemu/{vmid}/config): firmware, secure boot keys, the
 * SCSI controller and PCI passthrough devices, as instance extras named as
 * the ESXi backend names them (docs/migrate.md).
 */

#define G_LOG_DOMAIN "vigie-proxmox"

#include "config.h"

#include "vigie-proxmox-parse-private.h"
#include <string.h>

#include "vigie-proxmox-parse.h"

static gboolean
is_hostpci (const char *key)
{
  if (!g_str_has_prefix (key, "hostpci") || key[7] == '\0')
    return FALSE;
  for (const char *p = key + 7; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

void
vigie_proxmox_apply_qemu_hardware (VigieInstance *instance,
                                   JsonObject    *config)
{
  const char *bios = vigie_proxmox_json_get_string (config, "bios");
  const char *efidisk = vigie_proxmox_json_get_string (config, "efidisk0");
  const char *scsihw = vigie_proxmox_json_get_string (config, "scsihw");
  g_autoptr(GList) members = json_object_get_members (config);
  g_autofree char *count = NULL;
  gboolean efi;
  guint passthrough = 0;

  /* "bios" defaults to seabios when the config leaves it out (qm.adoc). */
  if (bios == NULL || g_str_equal (bios, "seabios"))
    efi = FALSE;
  else if (g_str_equal (bios, "ovmf"))
    efi = TRUE;
  else
    return;
  vigie_resource_set_extra (&instance->extra, "firmware", efi ? "efi" : "bios");
  if (efi)
    vigie_resource_set_extra (&instance->extra, "secure_boot",
                              efidisk != NULL && strstr (efidisk, "pre-enrolled-keys=1") != NULL
                              ? "true" : "false");

  /* "scsihw" defaults to lsi (qm.adoc). */
  vigie_resource_set_extra (&instance->extra, "controllers", scsihw != NULL ? scsihw : "lsi");

  for (GList *l = members; l != NULL; l = l->next)
    if (is_hostpci (l->data))
      passthrough++;
  count = g_strdup_printf ("%u", passthrough);
  vigie_resource_set_extra (&instance->extra, "passthrough", count);
}
