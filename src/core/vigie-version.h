/* vigie-version.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The version numbers of each product, parsed into numbers so that they can
 * be ordered and placed in their release line. GTK-free, no I/O.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VIGIE_VERSION_SCHEME_ESXI,     /* 8.0.3 + build 24022510; ESX 9: 9.0.1.0101 */
  VIGIE_VERSION_SCHEME_PROXMOX,  /* 8.4.1, or 7.4-20 */
  VIGIE_VERSION_SCHEME_PBS,      /* 4.1.2, or 4.1 + release 2 */
  VIGIE_VERSION_SCHEME_INCUS,    /* 6.0.3 (LTS), 7.5 (feature release) */
  VIGIE_VERSION_SCHEME_LXD,      /* 5.21.3 */
  VIGIE_VERSION_SCHEME_VEEAM,    /* 12.3.2.4465 */
} VigieVersionScheme;

#define VIGIE_VERSION_MAX_PARTS 5

typedef struct {
  VigieVersionScheme scheme;
  guint              n_parts;
  gint64             parts[VIGIE_VERSION_MAX_PARTS];
  gint64             build;      /* -1 when unknown */
} VigieVersion;

gboolean  vigie_version_scheme_from_string (const char         *name,
                                            VigieVersionScheme *scheme);
/* build: ESXi's about.build, or PBS's /version release; may be NULL.
 * Returns FALSE (and leaves *version unusable) for text it cannot read. */
gboolean  vigie_version_parse              (VigieVersionScheme  scheme,
                                            const char         *text,
                                            const char         *build,
                                            VigieVersion       *version);
/* A total order: missing parts count as 0, then the build when both know it. */
int       vigie_version_compare            (const VigieVersion *a,
                                            const VigieVersion *b);
/* 1 when version is older than other, 0 when it is not, -1 when the numbers
 * cannot tell (an ESXi version with fewer parts than other, or only one side
 * has a build). Elsewhere a missing part is 0. */
int       vigie_version_is_older           (const VigieVersion *version,
                                            const VigieVersion *other);
/* The release line a version belongs to, as the knowledge base's line keys:
 * "8.0" (ESXi), "8" (Proxmox VE, PBS, Veeam), "6.0" or "7.5" (Incus, LXD). */
char     *vigie_version_line_key           (const VigieVersion *version);
char     *vigie_version_to_string          (const VigieVersion *version);

G_END_DECLS
