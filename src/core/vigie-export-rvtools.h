/* vigie-export-rvtools.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The estate export of contract 1.1: a workbook shaped like an RVTools
 * export (sheets vInfo … vMetaData, RVTools' column names and order, MiB),
 * filled from the inventories of ESXi, Proxmox VE and Incus endpoints and
 * from the backup coverage. GTK-free; writes xlsx with libxlsxwriter or
 * one RVTools_tab<Sheet>.csv per sheet.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  VIGIE_EXPORT_RVTOOLS_XLSX,
  VIGIE_EXPORT_RVTOOLS_CSV,
} VigieExportFormat;

/* inventories: VigieInventory* (non-hypervisor ones are skipped);
 * coverage: VigieCoverage from vigie_coverage_compute() over the same
 * inventories, or NULL; now: Unix seconds, the file's creation time.
 * path: the xlsx file, or the directory for CSV (created if missing). */
gboolean vigie_export_rvtools (GPtrArray          *inventories,
                               GListModel         *coverage,
                               gint64              now,
                               VigieExportFormat   format,
                               const char         *path,
                               GError            **error);

/* The estate export as vigiectl export and the app's "Export estate…" make
 * it: the backup coverage of @inventories (hypervisor and backup
 * endpoints alike) at @now with @rpo_hours, then vigie_export_rvtools().
 * The async version runs in a thread; it holds its own refs. */
gboolean vigie_export_estate        (GPtrArray           *inventories,
                                     gint64               now,
                                     double               rpo_hours,
                                     VigieExportFormat    format,
                                     const char          *path,
                                     GError             **error);
void     vigie_export_estate_async  (GPtrArray           *inventories,
                                     gint64               now,
                                     double               rpo_hours,
                                     VigieExportFormat    format,
                                     const char          *path,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean vigie_export_estate_finish (GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
