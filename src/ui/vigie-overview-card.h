/* vigie-overview-card.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-monitor.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_OVERVIEW_CARD (vigie_overview_card_get_type ())

G_DECLARE_FINAL_TYPE (VigieOverviewCard, vigie_overview_card, VIGIE, OVERVIEW_CARD, AdwBin)

GtkWidget  *vigie_overview_card_new          (VigieMonitor      *monitor,
                                              const char        *endpoint_name);
const char *vigie_overview_card_get_endpoint (VigieOverviewCard *self);
/* Shows @inventory, changing only the rows that changed: what the user
 * unfolded, focused or scrolled to stays. */
void        vigie_overview_card_update       (VigieOverviewCard *self,
                                              VigieInventory    *inventory);
VigieInventory *vigie_overview_card_get_inventory (VigieOverviewCard *self);
/* Builds the card's widgets, or drops them for the endpoint's name at the
 * card's height (not while it holds the focus): the Overview builds only
 * the cards near what it shows. A new card is not built. */
void        vigie_overview_card_set_built    (VigieOverviewCard *self,
                                              gboolean           built);
gboolean    vigie_overview_card_get_built    (VigieOverviewCard *self);
/* For tests: how many inventories the card has shown. */
guint       vigie_overview_card_get_n_updates (VigieOverviewCard *self);
/* Backup servers' datastores and jobs unfolded from the start (the view of
 * a backup endpoint selected in the sidebar). */
void        vigie_overview_card_set_unfold_backups (VigieOverviewCard *self,
                                                    gboolean           unfold);

G_END_DECLS
