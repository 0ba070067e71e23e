/* vigie-esxi-parse-hardware.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a VM's migration readiness needs from its configuration: firmware,
 * secure boot, Changed Block Tracking, disk controllers, passthrough devices,
 * datastores and provisioned size (the disks' capacity). Each becomes an instance extra only when
 * the server sent it; an absent property stays unknown (docs/migrate.md).
 */

#define G_LOG_DOMAIN "vigie-esxi"

#include "config.h"

#include <string.h>

#include "vigie-esxi-parse.h"
#include "vigie-esxi-soap.h"

static gboolean
is_vim (xmlNode    *node,
        const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         xmlStrEqual (node->ns->href, (const xmlChar *) VIGIE_ESXI_NS_VIM25) &&
         (name == NULL || xmlStrEqual (node->name, (const xmlChar *) name));
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strstrip (g_strdup ((const char *) content));

  xmlFree (content);
  return text;
}

/* The VirtualDevice subtypes that hold disks, as short names (IDE left out:
 * every VM has its IDE controllers, whether or not a disk is on them). */
static const struct {
  const char *type;
  const char *name;
} controllers[] = {
  { "ParaVirtualSCSIController", "pvscsi" },
  { "VirtualLsiLogicController", "lsilogic" },
  { "VirtualLsiLogicSASController", "lsilogic-sas" },
  { "VirtualBusLogicController", "buslogic" },
  { "VirtualAHCIController", "sata" },
  { "VirtualNVMEController", "nvme" },
};

/* capacityInBytes (vSphere 5.5 on), else capacityInKB; -1 when neither. */
static gint64
disk_capacity (xmlNode *disk)
{
  gint64 bytes = -1, kib = -1;

  for (xmlNode *c = disk->children; c != NULL; c = c->next)
    {
      g_autofree char *text = NULL;
      gint64 value;

      if (!is_vim (c, "capacityInBytes") && !is_vim (c, "capacityInKB"))
        continue;
      text = node_text (c);
      if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL))
        continue;
      if (is_vim (c, "capacityInBytes"))
        bytes = value;
      else
        kib = value;
    }
  if (bytes > 0)
    return bytes;
  if (kib >= 0 && kib <= G_MAXINT64 / 1024)
    return kib * 1024;
  return bytes;
}

static void
parse_devices (xmlNode       *array,
               VigieInstance *instance)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_autofree char *count = NULL;
  guint passthrough = 0;
  gint64 capacity = 0;
  gboolean disks = FALSE;

  for (xmlNode *d = array->children; d != NULL; d = d->next)
    {
      g_autofree char *type = NULL;

      if (!is_vim (d, NULL))
        continue;
      type = vigie_esxi_xsi_type (d);
      if (type == NULL)
        continue;
      /* DirectPath I/O, dynamic DirectPath and vGPU are all this type. */
      if (g_str_equal (type, "VirtualPCIPassthrough"))
        passthrough++;
      /* The disks' full size is what an import copies, thin or not. */
      if (g_str_equal (type, "VirtualDisk"))
        {
          gint64 bytes = disk_capacity (d);

          if (bytes >= 0 && bytes <= G_MAXINT64 - capacity)
            {
              capacity += bytes;
              disks = TRUE;
            }
        }
      for (guint i = 0; i < G_N_ELEMENTS (controllers); i++)
        if (g_str_equal (type, controllers[i].type) &&
            !g_ptr_array_find_with_equal_func (found, controllers[i].name, g_str_equal, NULL))
          g_ptr_array_add (found, (gpointer) controllers[i].name);
    }
  g_ptr_array_add (found, NULL);
  joined = g_strjoinv (",", (char **) found->pdata);
  count = g_strdup_printf ("%u", passthrough);
  vigie_resource_set_extra (&instance->extra, "controllers", joined);
  vigie_resource_set_extra (&instance->extra, "passthrough", count);
  if (disks)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, capacity);

      vigie_resource_set_extra (&instance->extra, "provisioned_bytes", text);
    }
}

static void
parse_datastores (xmlNode       *array,
                  VigieInstance *instance)
{
  g_autoptr(GPtrArray) morefs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (xmlNode *m = array->children; m != NULL; m = m->next)
    {
      char *moref;

      if (!is_vim (m, NULL))
        continue;
      moref = node_text (m);
      if (*moref == '\0' || strchr (moref, ',') != NULL)
        {
          g_free (moref);
          continue;
        }
      g_ptr_array_add (morefs, moref);
    }
  g_ptr_array_add (morefs, NULL);
  joined = g_strjoinv (",", (char **) morefs->pdata);
  vigie_resource_set_extra (&instance->extra, "datastores", joined);
}

static gboolean
extra_missing (VigieInstance *instance,
                    const char    *key)
{
  return instance->extra == NULL || !g_hash_table_contains (instance->extra, key);
}

void
vigie_esxi_parse_vm_hardware (VigieEsxiObject *object,
                              VigieInstance   *instance)
{
  g_autofree char *firmware = vigie_esxi_object_get_string (object, "config.firmware");
  xmlNode *boot = vigie_esxi_object_get_node (object, "config.bootOptions");
  xmlNode *devices = vigie_esxi_object_get_node (object, "config.hardware.device");
  xmlNode *datastores = vigie_esxi_object_get_node (object, "datastore");
  gboolean cbt;
  gint64 committed, uncommitted;

  if (firmware != NULL && (g_str_equal (firmware, "bios") || g_str_equal (firmware, "efi")))
    vigie_resource_set_extra (&instance->extra, "firmware", firmware);

  /* Only an explicit value: an unset member is not a "false" we could see. */
  for (xmlNode *c = boot != NULL ? boot->children : NULL; c != NULL; c = c->next)
    if (is_vim (c, "efiSecureBootEnabled"))
      {
        g_autofree char *text = node_text (c);

        if (g_str_equal (text, "true") || g_str_equal (text, "false"))
          vigie_resource_set_extra (&instance->extra, "secure_boot", text);
      }

  if (vigie_esxi_object_get_bool (object, "config.changeTrackingEnabled", &cbt))
    vigie_resource_set_extra (&instance->extra, "cbt", cbt ? "true" : "false");
  if (devices != NULL)
    parse_devices (devices, instance);
  if (datastores != NULL)
    parse_datastores (datastores, instance);

  /* Without a disk list, committed and uncommitted space is the estimate. */
  if (extra_missing (instance, "provisioned_bytes") &&
      vigie_esxi_object_get_int (object, "summary.storage.committed", &committed) &&
      vigie_esxi_object_get_int (object, "summary.storage.uncommitted", &uncommitted) &&
      committed >= 0 && uncommitted >= 0 && committed <= G_MAXINT64 - uncommitted)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, committed + uncommitted);

      vigie_resource_set_extra (&instance->extra, "provisioned_bytes", text);
    }
}
