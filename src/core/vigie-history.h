/* vigie-history.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A short history of inventories on disk, and what changed between two of
 * them: instances added or removed, state changes, versions upgraded,
 * endpoints gone or unreachable, backup coverage lost.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vigie-report-doc.h"

G_BEGIN_DECLS

/* At most this many snapshots are kept, none older than this many days
 * (the newest is always kept). */
#define VIGIE_HISTORY_KEEP      200
#define VIGIE_HISTORY_KEEP_DAYS 90

typedef enum {
  VIGIE_CHANGE_ENDPOINT_ADDED,
  VIGIE_CHANGE_ENDPOINT_REMOVED,
  VIGIE_CHANGE_ENDPOINT_UNREACHABLE,  /* answered then, fails now */
  VIGIE_CHANGE_VERSION,               /* endpoint version changed */
  VIGIE_CHANGE_INSTANCE_ADDED,
  VIGIE_CHANGE_INSTANCE_REMOVED,
  VIGIE_CHANGE_STATE,                 /* running → stopped, … */
  VIGIE_CHANGE_COVERAGE_LOST,         /* was protected, is not any more */
} VigieChangeKind;

typedef struct {
  VigieChangeKind  kind;
  char            *endpoint;
  char            *instance_id;   /* NULL for endpoint changes */
  char            *project;       /* Incus project, else NULL */
  char            *name;          /* instance name, NULL for endpoint changes */
  char            *from;          /* NULL when not applicable */
  char            *to;
} VigieChange;

void        vigie_change_free          (VigieChange *change);
const char *vigie_change_kind_to_string (VigieChangeKind kind);
const char *vigie_change_kind_get_label (VigieChangeKind kind);

/* A snapshot (JSON, "vigie.history/1") of what @inventories (VigieInventory*)
 * show at @now; @coverage (VigieCoverage, may be NULL) adds each
 * instance's backup status. */
JsonNode   *vigie_history_snapshot     (GPtrArray   *inventories,
                                        GListModel  *coverage,
                                        gint64       now);
/* That snapshot as the text of its file, without the tree; *@body (may
 * be NULL): the offset where the text stops depending on @now. */
GString    *vigie_history_snapshot_text (GPtrArray  *inventories,
                                         GListModel *coverage,
                                         gint64      now,
                                         gsize      *body);
/* Writes a snapshot's text (vigie_history_snapshot_text()) into @dir
 * (created 0700, file 0600) and prunes what is beyond VIGIE_HISTORY_KEEP
 * snapshots or VIGIE_HISTORY_KEEP_DAYS days. */
gboolean    vigie_history_save         (const char  *dir,
                                        const char  *text,
                                        gsize        length,
                                        gint64       now,
                                        GError     **error);
/* The newest snapshot taken at or before @when, else the oldest one (and
 * *@exact FALSE); NULL with G_IO_ERROR_NOT_FOUND when there is none.
 * Damaged files are skipped. */
JsonNode   *vigie_history_load_at      (const char  *dir,
                                        gint64       when,
                                        gboolean    *exact,
                                        GError     **error);
/* When the snapshot was taken (Unix seconds), 0 if unknown. */
gint64      vigie_history_taken_at     (JsonNode    *snapshot);
/* The changes from @before to @after, endpoints in name order. */
GPtrArray  *vigie_history_diff         (JsonNode    *before,
                                        JsonNode    *after);
/* "2026-12-01", "2026-12-01T08:00:00Z", "36h", "7d", "90m": a point in
 * time (Unix seconds) relative to @now for durations; FALSE with
 * G_IO_ERROR_INVALID_ARGUMENT otherwise. */
gboolean    vigie_history_parse_since  (const char  *text,
                                        gint64       now,
                                        gint64      *when,
                                        GError     **error);

/* Writers: JSON ("vigie.changes/1"); the rows of the table view (GStrv,
 * first the header); CSV; a report document (markdown, html, pdf). */
JsonNode   *vigie_history_changes_json (GPtrArray   *changes,
                                        gint64       since,
                                        gint64       base_taken_at,
                                        gint64       now);
GPtrArray  *vigie_history_changes_rows (GPtrArray   *changes);
char       *vigie_history_changes_csv  (GPtrArray   *changes);
VigieReportDoc *vigie_history_changes_doc (GPtrArray  *changes,
                                           gint64      since,
                                           gint64      base_taken_at,
                                           gint64      now,
                                           const char *lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieChange, vigie_change_free)

G_END_DECLS
