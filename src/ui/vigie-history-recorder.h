/* vigie-history-recorder.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vigie-monitor.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_HISTORY_RECORDER (vigie_history_recorder_get_type ())

G_DECLARE_FINAL_TYPE (VigieHistoryRecorder, vigie_history_recorder, VIGIE, HISTORY_RECORDER,
                      GObject)

/* Records into @dir (the history `vigiectl inventory` keeps too) what the
 * monitor sees after each round in which every endpoint answered or failed:
 * when something changed, else at most once an hour. */
VigieHistoryRecorder *vigie_history_recorder_new          (VigieMonitor         *monitor,
                                                           const char           *dir);
const char           *vigie_history_recorder_get_dir      (VigieHistoryRecorder *self);
/* When this process started recording: "since the last session" is what
 * was recorded before it. */
gint64                vigie_history_recorder_get_session_start (VigieHistoryRecorder *self);
gint64                vigie_history_recorder_now          (VigieHistoryRecorder *self);
/* What the monitor shows now, as a snapshot; NULL while an endpoint is
 * still being read for the first time. */
JsonNode             *vigie_history_recorder_snapshot     (VigieHistoryRecorder *self);
guint                 vigie_history_recorder_get_n_rounds (VigieHistoryRecorder *self);

G_END_DECLS
