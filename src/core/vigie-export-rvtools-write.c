/* vigie-export-rvtools-write.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writers of the estate export: one xlsx workbook (libxlsxwriter), or
 * one RVTools_tab<Sheet>.csv per sheet (the CSV writer of vigie-report.c,
 * which neutralises formulas).
 */

#define G_LOG_DOMAIN "vigie-export"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "vigie-export-rvtools-private.h"
#include "vigie-report.h"

/* Excel's limit for the text of one cell, in characters; bytes are a safe
 * bound for it. */
#define XLSX_MAX_TEXT 32767

static char *
format_number (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (number == floor (number) && fabs (number) < 1e15)
    return g_strdup_printf ("%.0f", number);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", number));
}

static char *
clip_text (const char *text)
{
  const char *end;

  if (strlen (text) <= XLSX_MAX_TEXT)
    return g_strdup (text);
  end = g_utf8_find_prev_char (text, text + XLSX_MAX_TEXT);
  return g_strndup (text, end - text);
}

static gboolean
write_sheet (lxw_workbook      *workbook,
             lxw_format        *bold,
             VigieExportSheet  *sheet,
             GError           **error)
{
  lxw_worksheet *worksheet = workbook_add_worksheet (workbook, sheet->name);
  lxw_error status = LXW_NO_ERROR;

  if (worksheet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot add the sheet “%s” to the workbook"), sheet->name);
      return FALSE;
    }
  for (guint c = 0; c < sheet->n_columns && status == LXW_NO_ERROR; c++)
    status = worksheet_write_string (worksheet, 0, c, sheet->columns[c], bold);
  for (guint r = 0; r < sheet->rows->len && status == LXW_NO_ERROR; r++)
    {
      VigieExportCell *row = g_ptr_array_index (sheet->rows, r);

      for (guint c = 0; c < sheet->n_columns && status == LXW_NO_ERROR; c++)
        {
          if (row[c].is_number)
            status = worksheet_write_number (worksheet, r + 1, c, row[c].number, NULL);
          else if (row[c].text != NULL)
            {
              g_autofree char *text = clip_text (row[c].text);

              status = worksheet_write_string (worksheet, r + 1, c, text, NULL);
            }
        }
    }
  if (status == LXW_NO_ERROR)
    {
      worksheet_freeze_panes (worksheet, 1, 0);
      status = worksheet_autofilter (worksheet, 0, 0, sheet->rows->len, sheet->n_columns - 1);
    }
  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write the sheet “%s”: %s"), sheet->name, lxw_strerror (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
vigie_export_write_xlsx (GPtrArray   *sheets,
                         const char  *path,
                         GError     **error)
{
  /* Written beside the target and renamed: a failed export never leaves a
   * half workbook where a good one was. */
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  lxw_workbook *workbook;
  lxw_format *bold;
  lxw_error status;
  gboolean ok = TRUE;

  workbook = workbook_new (partial);
  if (workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot create the workbook “%s”"), path);
      return FALSE;
    }
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  for (guint i = 0; i < sheets->len && ok; i++)
    ok = write_sheet (workbook, bold, g_ptr_array_index (sheets, i), error);
  status = workbook_close (workbook);
  if (ok && status != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), path, lxw_strerror (status));
      ok = FALSE;
    }
  if (ok && g_rename (partial, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (partial);
  return ok;
}

static char *
sheet_csv (VigieExportSheet *sheet)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < sheet->n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      vigie_csv_append_field (out, sheet->columns[c]);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < sheet->rows->len; r++)
    {
      VigieExportCell *row = g_ptr_array_index (sheet->rows, r);

      for (guint c = 0; c < sheet->n_columns; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          if (row[c].is_number)
            {
              g_autofree char *number = format_number (row[c].number);

              vigie_csv_append_number (out, number);
            }
          else
            vigie_csv_append_field (out, row[c].text);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

gboolean
vigie_export_write_csv (GPtrArray   *sheets,
                        const char  *directory,
                        GError     **error)
{
  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the directory “%s”: %s"), directory, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < sheets->len; i++)
    {
      VigieExportSheet *sheet = g_ptr_array_index (sheets, i);
      g_autofree char *name = g_strdup_printf ("RVTools_tab%s.csv", sheet->name);
      g_autofree char *file = g_build_filename (directory, name, NULL);
      g_autofree char *text = sheet_csv (sheet);

      if (!g_file_set_contents (file, text, -1, error))
        return FALSE;
    }
  return TRUE;
}
