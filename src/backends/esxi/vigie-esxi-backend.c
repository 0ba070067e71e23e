/* vigie-esxi-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-esxi"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-esxi-backend.h"

struct _VigieEsxiBackend
{
  VigieBackend parent_instance;
};

G_DEFINE_FINAL_TYPE (VigieEsxiBackend, vigie_esxi_backend, VIGIE_TYPE_BACKEND)

static const VigieBackendField fields[] = {
  { "url", N_("Address"), VIGIE_FIELD_URL, TRUE, N_("https://host") },
  { "user", N_("User"), VIGIE_FIELD_TEXT, TRUE, N_("root") },
  { "password", N_("Password"), VIGIE_FIELD_SECRET, TRUE, NULL },
  { NULL }
};

static void
vigie_esxi_backend_class_init (VigieEsxiBackendClass *klass)
{
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  backend_class->kind = VIGIE_KIND_ESXI;
  backend_class->fields = fields;
  backend_class->default_port = "443";
}

static void
vigie_esxi_backend_init (VigieEsxiBackend *self)
{
}
