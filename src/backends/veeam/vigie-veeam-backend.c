/* vigie-veeam-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-veeam"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-veeam-backend.h"

struct _VigieVeeamBackend
{
  VigieBackend parent_instance;
};

G_DEFINE_FINAL_TYPE (VigieVeeamBackend, vigie_veeam_backend, VIGIE_TYPE_BACKEND)

static const VigieBackendField fields[] = {
  { "url", N_("Address"), VIGIE_FIELD_URL, TRUE, N_("https://host") },
  { "user", N_("User"), VIGIE_FIELD_TEXT, TRUE, N_("DOMAIN\\user") },
  { "password", N_("Password"), VIGIE_FIELD_SECRET, TRUE, NULL },
  { NULL }
};

static void
vigie_veeam_backend_class_init (VigieVeeamBackendClass *klass)
{
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  backend_class->kind = VIGIE_KIND_VEEAM;
  backend_class->fields = fields;
  backend_class->default_port = "9419";
}

static void
vigie_veeam_backend_init (VigieVeeamBackend *self)
{
}
