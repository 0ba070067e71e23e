/* vigie-backends.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that knows every backend. Adding a backend is adding a
 * directory and a line in vigie-backends.c.
 */

#pragma once

#include "vigie-backend.h"

G_BEGIN_DECLS

GType                    vigie_backend_type_for_kind    (VigieKind      kind);
VigieBackend            *vigie_backend_new_for_endpoint (VigieEndpoint *endpoint,
                                                         VigieContext  *context);
const VigieBackendField *vigie_backend_fields_for_kind  (VigieKind      kind);
/* Whether the kind's backend has a field keyed @key ("password", …). */
gboolean                 vigie_backend_kind_has_field   (VigieKind      kind,
                                                         const char    *key);
const char              *vigie_backend_default_port     (VigieKind      kind);

G_END_DECLS
