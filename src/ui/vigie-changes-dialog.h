/* vigie-changes-dialog.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-history-recorder.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_CHANGES_DIALOG (vigie_changes_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VigieChangesDialog, vigie_changes_dialog, VIGIE, CHANGES_DIALOG, AdwWindow)

/* What changed between a recorded inventory and what the monitor shows
 * now: since the last session, or the last hour, day, week or month. */
GtkWidget *vigie_changes_dialog_new (GtkWindow            *parent,
                                     VigieHistoryRecorder *recorder);

G_END_DECLS
