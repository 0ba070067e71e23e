/* vigie-migrate-section.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_MIGRATE_SECTION (vigie_migrate_section_get_type ())

G_DECLARE_FINAL_TYPE (VigieMigrateSection, vigie_migrate_section, VIGIE, MIGRATE_SECTION, GtkBox)

/* Migration readiness (docs/migrate.md) as `vigiectl migrate-check` gives
 * it: one row per guest for the chosen target, filtered by verdict and
 * endpoint, each with its reasons and their sources, the data to copy and
 * the backup path. */
GtkWidget *vigie_migrate_section_new    (void);
/* inventories: VigieInventory*, hypervisors and backup servers (for the
 * coverage); recomputes, and rebuilds the rows only when they changed. */
void       vigie_migrate_section_update (VigieMigrateSection *self,
                                         GPtrArray           *inventories,
                                         gint64               now,
                                         double               rpo_hours);
/* "Ready: %u · Needs work: %u · Blocked: %u" for the target and filters shown. */
const char *vigie_migrate_section_get_counts_text (VigieMigrateSection *self);

G_END_DECLS
