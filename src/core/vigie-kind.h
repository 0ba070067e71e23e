/* vigie-kind.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What each kind of endpoint is and can do, so that the UI, the coverage
 * engine, the comparison and the CLI ask instead of switching on VigieKind.
 * Core knows no backend: the descriptions come from a provider that the
 * backends' registry (src/backends/vigie-backends.c) installs, read from
 * each backend's class.
 */

#pragma once

#include <glib-object.h>

#include "vigie-enums.h"

G_BEGIN_DECLS

/* What a product is, for the views that group or filter endpoints. */
typedef enum {
  VIGIE_ROLE_COMPUTE  = 1 << 0,  /* runs instances (VMs, containers) */
  VIGIE_ROLE_BACKUP   = 1 << 1,  /* a backup product: holds backups of others */
  VIGIE_ROLE_HARDWARE = 1 << 2,  /* runs on bare metal: its hosts are machines */
} VigieKindRoles;

/* What a backend offers beyond its inventory. */
typedef enum {
  VIGIE_CAP_NODE_CONSOLE     = 1 << 0,  /* a host shell over the product's protocol */
  VIGIE_CAP_INSTANCE_CONSOLE = 1 << 1,  /* an instance console over the product's protocol */
  VIGIE_CAP_EVENTS           = 1 << 2,  /* pushes changes (VigieBackendClass.watch) */
  VIGIE_CAP_ACTIONS          = 1 << 3,  /* instance actions (start, stop, …) */
  VIGIE_CAP_BACKUPS          = 1 << 4,  /* reports backups with VIGIE_FETCH_BACKUPS */
} VigieKindCapabilities;

typedef struct {
  VigieKind              kind;
  GType                  backend_type;
  const char            *product_name;  /* a product name, not translated */
  const char            *icon_name;
  VigieKindRoles         roles;
  VigieKindCapabilities  capabilities;
  const char            *default_port;  /* for URLs given as a bare host */
} VigieKindInfo;

/* Called once, on the first lookup, to register every kind. */
typedef void (*VigieKindProvider) (void);

void                  vigie_kind_set_provider        (VigieKindProvider      provider);
void                  vigie_kind_register            (const VigieKindInfo   *info);
/* NULL for VIGIE_KIND_UNKNOWN and kinds that no backend registered. */
const VigieKindInfo  *vigie_kind_lookup              (VigieKind              kind);
gboolean              vigie_kind_has_role            (VigieKind              kind,
                                                      VigieKindRoles         role);
gboolean              vigie_kind_has_capability      (VigieKind              kind,
                                                      VigieKindCapabilities  capability);
/* The registered kinds' contract spellings, "esxi, proxmox, …", for help
 * and error messages. */
char                 *vigie_kind_list_names          (void);
/* A generic server icon for unknown kinds. */
const char           *vigie_kind_get_icon_name       (VigieKind              kind);

G_END_DECLS
