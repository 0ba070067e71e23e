/* vigie-backends.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registry of kinds: one line per backend. Everything else about a
 * kind (its VigieKind, product name, icon, roles, capabilities, default
 * port, form fields) is on its backend class, in its own directory; this
 * file copies it into core's kind table (vigie-kind.h) on first use.
 */

#define G_LOG_DOMAIN "vigie-backend"

#include "config.h"

#include "vigie-backends.h"
#include "esxi/vigie-esxi-backend.h"
#include "incus/vigie-incus-backend.h"
#include "pbs/vigie-pbs-backend.h"
#include "proxmox/vigie-proxmox-backend.h"
#include "veeam/vigie-veeam-backend.h"

static GType (* const registry[]) (void) = {
  vigie_esxi_backend_get_type,
  vigie_proxmox_backend_get_type,
  vigie_incus_backend_get_type,
  vigie_pbs_backend_get_type,
  vigie_veeam_backend_get_type,
};

static void
register_kinds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (registry); i++)
    {
      GType type = registry[i] ();
      /* Class structures live as long as the type system: never unref'd. */
      VigieBackendClass *klass = g_type_class_ref (type);
      VigieKindInfo info = {
        .kind = klass->kind,
        .backend_type = type,
        .product_name = klass->product_name,
        .icon_name = klass->icon_name,
        .roles = klass->roles,
        .capabilities = klass->capabilities,
        .default_port = klass->default_port,
      };

      vigie_kind_register (&info);
    }
}

/* Hands the registry to core before main(), so that every program and
 * test linking the library (link_whole) knows the kinds without a call. */
__attribute__ ((constructor)) static void
install_provider (void)
{
  vigie_kind_set_provider (register_kinds);
}

GType
vigie_backend_type_for_kind (VigieKind kind)
{
  const VigieKindInfo *info = vigie_kind_lookup (kind);

  return info != NULL ? info->backend_type : G_TYPE_INVALID;
}

VigieBackend *
vigie_backend_new_for_endpoint (VigieEndpoint *endpoint,
                                VigieContext  *context)
{
  GType type;

  g_return_val_if_fail (VIGIE_IS_ENDPOINT (endpoint), NULL);

  type = vigie_backend_type_for_kind (vigie_endpoint_get_kind (endpoint));
  if (type == G_TYPE_INVALID)
    return NULL;
  return g_object_new (type, "endpoint", endpoint, "context", context, NULL);
}

const VigieBackendField *
vigie_backend_fields_for_kind (VigieKind kind)
{
  GType type = vigie_backend_type_for_kind (kind);
  g_autoptr(GTypeClass) klass = NULL;

  if (type == G_TYPE_INVALID)
    return NULL;
  klass = g_type_class_ref (type);
  /* Class structures live as long as the type system: safe to return. */
  return VIGIE_BACKEND_CLASS (klass)->fields;
}

gboolean
vigie_backend_kind_has_field (VigieKind   kind,
                              const char *key)
{
  const VigieBackendField *fields = vigie_backend_fields_for_kind (kind);

  for (guint i = 0; fields != NULL && fields[i].key != NULL; i++)
    if (g_str_equal (fields[i].key, key))
      return TRUE;
  return FALSE;
}

const char *
vigie_backend_default_port (VigieKind kind)
{
  const VigieKindInfo *info = vigie_kind_lookup (kind);

  return info != NULL ? info->default_port : NULL;
}
