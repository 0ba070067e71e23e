/* vigie-backends.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-backend"

#include "config.h"

#include "vigie-backends.h"
#include "esxi/vigie-esxi-backend.h"
#include "incus/vigie-incus-backend.h"
#include "pbs/vigie-pbs-backend.h"
#include "proxmox/vigie-proxmox-backend.h"
#include "veeam/vigie-veeam-backend.h"

GType
vigie_backend_type_for_kind (VigieKind kind)
{
  switch (kind)
    {
    case VIGIE_KIND_ESXI: return VIGIE_TYPE_ESXI_BACKEND;
    case VIGIE_KIND_PROXMOX: return VIGIE_TYPE_PROXMOX_BACKEND;
    case VIGIE_KIND_INCUS: return VIGIE_TYPE_INCUS_BACKEND;
    case VIGIE_KIND_PBS: return VIGIE_TYPE_PBS_BACKEND;
    case VIGIE_KIND_VEEAM: return VIGIE_TYPE_VEEAM_BACKEND;
    case VIGIE_KIND_UNKNOWN:
    case VIGIE_N_KINDS:
    default:
      return G_TYPE_INVALID;
    }
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

const char *
vigie_backend_default_port (VigieKind kind)
{
  GType type = vigie_backend_type_for_kind (kind);
  g_autoptr(GTypeClass) klass = NULL;

  if (type == G_TYPE_INVALID)
    return NULL;
  klass = g_type_class_ref (type);
  return VIGIE_BACKEND_CLASS (klass)->default_port;
}
