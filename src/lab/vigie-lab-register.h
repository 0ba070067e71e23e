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

/* Registers the lab's services in @store as lab-* endpoints marked with
 * the option lab=true (replacing what an earlier lab registered, and its
 * secrets; other endpoints, "lab-mine" too, stay), with their fingerprints
 * pinned and their secrets in @secrets. Saves the store unless @ephemeral.
 * Fails with VIGIE_ERROR_INVALID, changing nothing, when an endpoint the
 * lab did not make has one of its names. */
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
