/* vigie-lab-register.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-endpoint-store.h"
#include "vigie-lab.h"
#include "vigie-secret-store.h"

G_BEGIN_DECLS

/* Registers the lab's services in @store as lab-* endpoints (replacing
 * earlier lab-* entries and their secrets), with their fingerprints pinned
 * and their secrets in @secrets. Saves the store unless @ephemeral. */
void     vigie_lab_register_async  (VigieLab            *lab,
                                    VigieEndpointStore  *store,
                                    VigieSecretStore    *secrets,
                                    gboolean             ephemeral,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean vigie_lab_register_finish (VigieLab            *lab,
                                    GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
