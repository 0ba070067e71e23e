/* vigie-proxmox-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-proxmox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-proxmox-backend.h"

struct _VigieProxmoxBackend
{
  VigieBackend parent_instance;
};

G_DEFINE_FINAL_TYPE (VigieProxmoxBackend, vigie_proxmox_backend, VIGIE_TYPE_BACKEND)

static const VigieBackendField fields[] = {
  { "url", N_("Address"), VIGIE_FIELD_URL, TRUE, N_("https://host") },
  { "user", N_("User"), VIGIE_FIELD_TEXT, FALSE, N_("root@pam") },
  { "password", N_("Password"), VIGIE_FIELD_SECRET, FALSE, NULL },
  { "token-id", N_("API token ID"), VIGIE_FIELD_TEXT, FALSE, N_("user@realm!token") },
  { "token-secret", N_("API token secret"), VIGIE_FIELD_SECRET, FALSE, NULL },
  { NULL }
};

static void
vigie_proxmox_backend_class_init (VigieProxmoxBackendClass *klass)
{
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  backend_class->kind = VIGIE_KIND_PROXMOX;
  backend_class->fields = fields;
  backend_class->default_port = "8006";
}

static void
vigie_proxmox_backend_init (VigieProxmoxBackend *self)
{
}
