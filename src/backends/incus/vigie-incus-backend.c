/* vigie-incus-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-incus"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-incus-backend.h"

struct _VigieIncusBackend
{
  VigieBackend parent_instance;
};

G_DEFINE_FINAL_TYPE (VigieIncusBackend, vigie_incus_backend, VIGIE_TYPE_BACKEND)

static const VigieBackendField fields[] = {
  { "url", N_("Address"), VIGIE_FIELD_URL, TRUE, N_("https://host:8443 or unix:/var/lib/incus/unix.socket") },
  { "trust-token", N_("Trust token"), VIGIE_FIELD_SECRET, FALSE, NULL },
  { "client-cert", N_("Client certificate (PEM or PKCS#12)"), VIGIE_FIELD_FILE, FALSE, NULL },
  { "client-key", N_("Client private key (PEM)"), VIGIE_FIELD_FILE, FALSE, NULL },
  { NULL }
};

static void
vigie_incus_backend_class_init (VigieIncusBackendClass *klass)
{
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  backend_class->kind = VIGIE_KIND_INCUS;
  backend_class->fields = fields;
  backend_class->default_port = "8443";
}

static void
vigie_incus_backend_init (VigieIncusBackend *self)
{
}
