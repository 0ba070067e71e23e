/* vigie-proxmox-details.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-resources.h"

G_BEGIN_DECLS

/* Per-guest detail requests per refresh: this share of the guests (in
 * requests, not guests), and at least VIGIE_PROXMOX_DETAILS_MIN so that a
 * small cluster is read whole at every refresh. */
#define VIGIE_PROXMOX_DETAILS_PERCENT 15
#define VIGIE_PROXMOX_DETAILS_MIN     80

/* What each guest's own calls said (config, snapshots, addresses), kept
 * by the backend between refreshes: /cluster/resources gives the list and
 * the figures of every guest in one call; the rest is read a few guests
 * per refresh. */
typedef struct _VigieProxmoxDetails VigieProxmoxDetails;

VigieProxmoxDetails *vigie_proxmox_details_new  (void);
void       vigie_proxmox_details_free           (VigieProxmoxDetails *self);

/* Starts a refresh over the guests whose node answers (VigieInstance*, as
 * /cluster/resources gave them). Forgets the guests that are gone, applies
 * what is known to the guests not read this time, and returns those to
 * read now (VigieInstance*, a new array), the ones never read first, then
 * those whose resources line changed, then the least recently read, as
 * many as fit in the budget: at most *budget requests if each needs the
 * most it can (config, snapshots, addresses). Guests with nothing known
 * or out-of-date details that are not read now carry extra "details" =
 * "pending"; *pending says how many. */
GPtrArray *vigie_proxmox_details_plan           (VigieProxmoxDetails *self,
                                                 GPtrArray           *guests,
                                                 guint               *budget,
                                                 guint               *pending);

/* Whether the guest's snapshots were read before: if not, read them with
 * its config, not after. */
gboolean   vigie_proxmox_details_has_snapshots  (VigieProxmoxDetails *self,
                                                 VigieInstance       *instance);
/* A guest read now: its config arrived. Returns TRUE when its snapshots
 * must be read (none known, or the config digest changed); otherwise the
 * known count is applied. */
gboolean   vigie_proxmox_details_set_config     (VigieProxmoxDetails *self,
                                                 VigieInstance       *instance,
                                                 JsonNode            *config,
                                                 gboolean             agent);
void       vigie_proxmox_details_set_snapshots  (VigieProxmoxDetails *self,
                                                 VigieInstance       *instance,
                                                 JsonNode            *snapshots);
void       vigie_proxmox_details_set_interfaces (VigieProxmoxDetails *self,
                                                 VigieInstance       *instance,
                                                 JsonNode            *interfaces);

G_END_DECLS
