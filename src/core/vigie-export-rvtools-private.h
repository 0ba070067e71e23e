/* vigie-export-rvtools-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sheets of an RVTools-shaped export, between the code that fills them
 * (vigie-export-rvtools.c) and the writers (vigie-export-rvtools-write.c).
 */

#pragma once

#include "vigie-export-rvtools.h"

G_BEGIN_DECLS

/* One cell: empty (text NULL, not a number), text, or a number. */
typedef struct {
  char     *text;
  double    number;
  gboolean  is_number;
} VigieExportCell;

typedef struct {
  const char         *name;      /* "vInfo" */
  const char *const  *columns;   /* RVTools' headers, in RVTools' order */
  guint               n_columns;
  GPtrArray          *rows;      /* VigieExportCell[n_columns] */
} VigieExportSheet;

/* The sheets in RVTools' tab order, with their columns (…-columns.c). */
GPtrArray  *vigie_export_sheets_new     (void);
VigieExportSheet *vigie_export_sheets_find (GPtrArray  *sheets,
                                            const char *name);
VigieExportCell  *vigie_export_sheet_add_row (VigieExportSheet *sheet);
/* Set a cell by column name; a column the sheet does not have is a bug. */
void        vigie_export_cell_set_text  (VigieExportSheet *sheet,
                                         VigieExportCell  *row,
                                         const char       *column,
                                         const char       *text);
void        vigie_export_cell_set_number (VigieExportSheet *sheet,
                                          VigieExportCell  *row,
                                          const char       *column,
                                          double            number);
gboolean    vigie_export_sheet_has_column (VigieExportSheet *sheet,
                                           const char       *column);

gboolean    vigie_export_write_xlsx     (GPtrArray   *sheets,
                                         const char  *path,
                                         GError     **error);
gboolean    vigie_export_write_csv      (GPtrArray   *sheets,
                                         const char  *directory,
                                         GError     **error);

G_END_DECLS
