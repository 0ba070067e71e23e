/* vigie-endpoint-dialog.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-context.h"
#include "vigie-endpoint-store.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ENDPOINT_DIALOG (vigie_endpoint_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VigieEndpointDialog, vigie_endpoint_dialog, VIGIE, ENDPOINT_DIALOG,
                      AdwWindow)

/* Adds an endpoint, or edits @endpoint when it is not NULL. It is saved
 * (secrets to the keyring, the rest to @store) only after it answered. */
VigieEndpointDialog *vigie_endpoint_dialog_new            (GtkWindow          *parent,
                                                           VigieContext       *context,
                                                           VigieEndpointStore *store,
                                                           VigieEndpoint      *endpoint);
/* Asks, then removes @endpoint from @store and its secrets from the keyring. */
void                 vigie_endpoint_dialog_confirm_remove (GtkWindow          *parent,
                                                           VigieContext       *context,
                                                           VigieEndpointStore *store,
                                                           VigieEndpoint      *endpoint);

G_END_DECLS
