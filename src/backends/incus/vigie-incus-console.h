/* vigie-incus-console.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-backend.h"
#include "vigie-console.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_INCUS_CONSOLE (vigie_incus_console_get_type ())

G_DECLARE_FINAL_TYPE (VigieIncusConsole, vigie_incus_console, VIGIE, INCUS_CONSOLE, VigieConsole)

/* An interactive exec session in an instance: POST …/exec, then the data
 * ("0") and "control" websockets of its operation. command NULL starts the
 * user's login shell. "closed" carries the command's exit status. */
void          vigie_incus_console_open_async  (VigieBackend        *backend,
                                               const char          *instance,
                                               const char          *project,
                                               const char * const  *command,
                                               guint                columns,
                                               guint                rows,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
VigieConsole *vigie_incus_console_open_finish (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
