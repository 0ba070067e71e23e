/* vigie-report-doc.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report formats' building blocks (vigie-report-doc.h): Markdown,
 * self-contained HTML, and A4 PDF with cairo and Pango (neither is GTK).
 */

#define G_LOG_DOMAIN "vigie-report"

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-report-doc.h"

/* ---- Markdown and HTML ---- */

void
vigie_report_md_cell (GString    *out,
                      const char *text)
{
  g_autofree char *flat = NULL;

  g_string_append_c (out, ' ');
  if (text != NULL)
    {
      flat = g_strdelimit (g_strdup (text), "\n\r", ' ');
      for (const char *p = flat; *p != '\0'; p++)
        {
          if (*p == '|' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
    }
  g_string_append (out, " |");
}

void
vigie_report_html_text (GString    *out,
                        const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

void
vigie_report_html_element (GString    *out,
                           const char *tag,
                           const char *text)
{
  g_string_append_printf (out, "<%s>", tag);
  vigie_report_html_text (out, text);
  g_string_append_printf (out, "</%s>", tag);
}

static const char style[] =
  "body{font-family:sans-serif;margin:2em;color:#222}"
  "table{border-collapse:collapse;margin:1em 0;width:100%}"
  "th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top;font-size:0.9em}"
  "th{background:#eee;text-align:left}"
  "td.score{white-space:nowrap;font-weight:bold}"
  "p.why{color:#555;font-size:0.85em;margin:2px 0 0}"
  ".bar{background:#3465a4;height:1em;display:inline-block}"
  "a{color:#1a5fb4}"
  "@media print{body{margin:0}a{color:#222;text-decoration:none}"
  "tr,li{page-break-inside:avoid}h2{page-break-after:avoid}thead{display:table-header-group}}";

void
vigie_report_html_begin (GString    *out,
                         const char *lang,
                         const char *title)
{
  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                          "<meta charset=\"utf-8\">\n<title>", lang);
  vigie_report_html_text (out, title);
  g_string_append_printf (out, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
}

const char *
vigie_report_ui_lang (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], "fr"))
      return "fr";
    else if (g_str_has_prefix (names[i], "en"))
      break;
  return "en";
}

/* ---- PDF ---- */

VigieReportPdf *
vigie_report_pdf_open (const char  *path,
                       const char  *title,
                       GError     **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, VIGIE_REPORT_PAGE_WIDTH,
                                                       VIGIE_REPORT_PAGE_HEIGHT);
  cairo_status_t status = cairo_surface_status (surface);
  VigieReportPdf *pdf;

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_FAILED, _("%s cannot be written: %s"), path,
                   cairo_status_to_string (status));
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Vigie " PACKAGE_VERSION);
  pdf = g_new0 (VigieReportPdf, 1);
  pdf->surface = surface;
  pdf->cr = cairo_create (surface);
  pdf->path = g_strdup (path);
  pdf->y = VIGIE_REPORT_MARGIN;
  pdf->page = 1;
  return pdf;
}

static void
finish_page (VigieReportPdf *pdf)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 8");
  g_autofree char *number = g_strdup_printf (_("Page %u"), pdf->page);
  int width, height;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, number, -1);
  pango_layout_get_size (layout, &width, &height);
  cairo_set_source_rgb (pdf->cr, 0.4, 0.4, 0.4);
  cairo_move_to (pdf->cr, (VIGIE_REPORT_PAGE_WIDTH - (double) width / PANGO_SCALE) / 2,
                 VIGIE_REPORT_PAGE_HEIGHT - VIGIE_REPORT_MARGIN / 2 -
                 (double) height / PANGO_SCALE);
  pango_cairo_show_layout (pdf->cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = VIGIE_REPORT_MARGIN;
}

gboolean
vigie_report_pdf_close (VigieReportPdf  *pdf,
                        GError         **error)
{
  cairo_status_t status;
  gboolean ok;

  finish_page (pdf);
  cairo_destroy (pdf->cr);
  cairo_surface_finish (pdf->surface);
  status = cairo_surface_status (pdf->surface);
  cairo_surface_destroy (pdf->surface);
  ok = status == CAIRO_STATUS_SUCCESS;
  if (!ok)
    g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_FAILED, _("%s cannot be written: %s"),
                 pdf->path, cairo_status_to_string (status));
  g_free (pdf->path);
  g_free (pdf);
  return ok;
}

void
vigie_report_pdf_make_room (VigieReportPdf *pdf,
                            double          height)
{
  if (pdf->y + height > VIGIE_REPORT_PAGE_HEIGHT - VIGIE_REPORT_MARGIN &&
      pdf->y > VIGIE_REPORT_MARGIN)
    finish_page (pdf);
}

static PangoLayout *
text_layout (VigieReportPdf *pdf,
             const char     *text,
             const char     *font_name,
             double          width)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *font = pango_font_description_from_string (font_name);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_font_description_free (font);
  return layout;
}

void
vigie_report_pdf_paragraph (VigieReportPdf *pdf,
                            const char     *text,
                            const char     *font_name,
                            double          indent,
                            double          space_after)
{
  PangoLayout *layout = text_layout (pdf, text, font_name,
                                     VIGIE_REPORT_PAGE_WIDTH - 2 * VIGIE_REPORT_MARGIN - indent);
  int height;

  pango_layout_get_size (layout, NULL, &height);
  vigie_report_pdf_make_room (pdf, (double) height / PANGO_SCALE);
  cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
  cairo_move_to (pdf->cr, VIGIE_REPORT_MARGIN + indent, pdf->y);
  pango_cairo_show_layout (pdf->cr, layout);
  pdf->y += (double) height / PANGO_SCALE + space_after;
  g_object_unref (layout);
}

void
vigie_report_pdf_heading (VigieReportPdf *pdf,
                          const char     *text)
{
  vigie_report_pdf_make_room (pdf, 60);
  pdf->y += 8;
  vigie_report_pdf_paragraph (pdf, text, "Sans Bold 13", 0, 6);
}

#define CELL_PAD 3.0

/* Draws one row of cells; returns its height. */
static double
table_row (VigieReportPdf *pdf,
           GStrv           row,
           const double   *widths,
           guint           n,
           gboolean        header,
           gboolean        draw)
{
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double height = 0, x = VIGIE_REPORT_MARGIN;

  for (guint c = 0; c < n; c++)
    {
      const char *text = c < g_strv_length (row) ? row[c] : "";
      PangoLayout *layout = text_layout (pdf, text, header ? "Sans Bold 7" : "Sans 7",
                                         widths[c] - 2 * CELL_PAD);
      int h;

      pango_layout_get_size (layout, NULL, &h);
      height = MAX (height, (double) h / PANGO_SCALE + 2 * CELL_PAD);
      g_ptr_array_add (layouts, layout);
    }
  if (!draw)
    return height;
  for (guint c = 0; c < n; c++)
    {
      if (header)
        {
          cairo_set_source_rgb (pdf->cr, 0.93, 0.93, 0.93);
          cairo_rectangle (pdf->cr, x, pdf->y, widths[c], height);
          cairo_fill (pdf->cr);
        }
      cairo_set_source_rgb (pdf->cr, 0.73, 0.73, 0.73);
      cairo_set_line_width (pdf->cr, 0.5);
      cairo_rectangle (pdf->cr, x, pdf->y, widths[c], height);
      cairo_stroke (pdf->cr);
      cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
      cairo_move_to (pdf->cr, x + CELL_PAD, pdf->y + CELL_PAD);
      pango_cairo_show_layout (pdf->cr, g_ptr_array_index (layouts, c));
      x += widths[c];
    }
  pdf->y += height;
  return height;
}

void
vigie_report_pdf_table (VigieReportPdf *pdf,
                        GPtrArray      *rows)
{
  double full = VIGIE_REPORT_PAGE_WIDTH - 2 * VIGIE_REPORT_MARGIN;
  g_autofree double *widths = NULL;
  double total = 0;
  GStrv header;
  guint n;

  if (rows->len == 0)
    return;
  header = g_ptr_array_index (rows, 0);
  n = g_strv_length (header);
  if (n == 0)
    return;
  /* Each column as wide as its longest text, within reason, then scaled to the page. */
  widths = g_new0 (double, n);
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n && row[c] != NULL; c++)
        /* Bold capitals in the header take more room. */
        widths[c] = MAX (widths[c], MIN (g_utf8_strlen (row[c], -1), 40) * (r == 0 ? 1.4 : 1.0)
                                    + 4);
    }
  for (guint c = 0; c < n; c++)
    total += widths[c];
  for (guint c = 0; c < n; c++)
    widths[c] = full * widths[c] / total;

  vigie_report_pdf_make_room (pdf, 2 * table_row (pdf, header, widths, n, TRUE, FALSE));
  table_row (pdf, header, widths, n, TRUE, TRUE);
  for (guint r = 1; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);
      double height = table_row (pdf, row, widths, n, FALSE, FALSE);

      if (pdf->y + height > VIGIE_REPORT_PAGE_HEIGHT - VIGIE_REPORT_MARGIN)
        {
          finish_page (pdf);
          table_row (pdf, header, widths, n, TRUE, TRUE);
        }
      table_row (pdf, row, widths, n, FALSE, TRUE);
    }
  pdf->y += 8;
}

/* ---- The document ---- */

typedef enum {
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_TABLE,
} BlockKind;

typedef struct {
  BlockKind  kind;
  char      *text;
  GPtrArray *rows;
} Block;

struct _VigieReportDoc
{
  char      *title;
  char      *lang;
  GPtrArray *facts;
  GArray    *blocks;
};

static void
block_clear (Block *block)
{
  g_free (block->text);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
}

VigieReportDoc *
vigie_report_doc_new (const char *title,
                      const char *lang)
{
  VigieReportDoc *doc = g_new0 (VigieReportDoc, 1);

  doc->title = g_strdup (title);
  doc->lang = g_strdup (lang != NULL ? lang : vigie_report_ui_lang ());
  doc->facts = g_ptr_array_new_with_free_func (g_free);
  doc->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (doc->blocks, (GDestroyNotify) block_clear);
  return doc;
}

void
vigie_report_doc_free (VigieReportDoc *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->title);
  g_free (doc->lang);
  g_ptr_array_unref (doc->facts);
  g_array_unref (doc->blocks);
  g_free (doc);
}

void
vigie_report_doc_add_fact (VigieReportDoc *doc,
                           const char     *text)
{
  g_ptr_array_add (doc->facts, g_strdup (text));
}

static void
add_block (VigieReportDoc *doc,
           BlockKind       kind,
           const char     *text,
           GPtrArray      *rows)
{
  Block block = { kind, g_strdup (text), rows };

  g_array_append_val (doc->blocks, block);
}

void
vigie_report_doc_add_heading (VigieReportDoc *doc,
                              const char     *text)
{
  add_block (doc, BLOCK_HEADING, text, NULL);
}

void
vigie_report_doc_add_paragraph (VigieReportDoc *doc,
                                const char     *text)
{
  add_block (doc, BLOCK_PARAGRAPH, text, NULL);
}

void
vigie_report_doc_add_table (VigieReportDoc *doc,
                            GPtrArray      *rows)
{
  add_block (doc, BLOCK_TABLE, NULL, rows);
}

char *
vigie_report_doc_to_markdown (VigieReportDoc *doc)
{
  GString *out = g_string_new ("# ");

  g_string_append_printf (out, "%s\n\n", doc->title);
  for (guint i = 0; i < doc->facts->len; i++)
    g_string_append_printf (out, "- %s\n", (char *) g_ptr_array_index (doc->facts, i));
  for (guint b = 0; b < doc->blocks->len; b++)
    {
      Block *block = &g_array_index (doc->blocks, Block, b);

      if (block->kind == BLOCK_HEADING)
        g_string_append_printf (out, "\n## %s\n", block->text);
      else if (block->kind == BLOCK_PARAGRAPH)
        g_string_append_printf (out, "\n%s\n", block->text);
      else if (block->rows->len > 0)
        {
          guint n = g_strv_length (g_ptr_array_index (block->rows, 0));

          g_string_append_c (out, '\n');
          for (guint r = 0; r < block->rows->len; r++)
            {
              GStrv row = g_ptr_array_index (block->rows, r);

              g_string_append_c (out, '|');
              for (guint c = 0; c < n; c++)
                vigie_report_md_cell (out, c < g_strv_length (row) ? row[c] : "");
              g_string_append_c (out, '\n');
              if (r == 0)
                {
                  g_string_append_c (out, '|');
                  for (guint c = 0; c < n; c++)
                    g_string_append (out, "---|");
                  g_string_append_c (out, '\n');
                }
            }
        }
    }
  return g_string_free (out, FALSE);
}

char *
vigie_report_doc_to_html (VigieReportDoc *doc)
{
  GString *out = g_string_new (NULL);

  vigie_report_html_begin (out, doc->lang, doc->title);
  vigie_report_html_element (out, "h1", doc->title);
  g_string_append (out, "\n<ul>\n");
  for (guint i = 0; i < doc->facts->len; i++)
    {
      vigie_report_html_element (out, "li", g_ptr_array_index (doc->facts, i));
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "</ul>\n");
  for (guint b = 0; b < doc->blocks->len; b++)
    {
      Block *block = &g_array_index (doc->blocks, Block, b);

      if (block->kind == BLOCK_HEADING)
        vigie_report_html_element (out, "h2", block->text);
      else if (block->kind == BLOCK_PARAGRAPH)
        vigie_report_html_element (out, "p", block->text);
      else if (block->rows->len > 0)
        {
          guint n = g_strv_length (g_ptr_array_index (block->rows, 0));

          g_string_append (out, "<table>\n");
          for (guint r = 0; r < block->rows->len; r++)
            {
              GStrv row = g_ptr_array_index (block->rows, r);

              g_string_append (out, r == 0 ? "<thead><tr>" : "<tr>");
              for (guint c = 0; c < n; c++)
                vigie_report_html_element (out, r == 0 ? "th" : "td",
                                           c < g_strv_length (row) ? row[c] : "");
              g_string_append (out, r == 0 ? "</tr></thead>\n<tbody>\n" : "</tr>\n");
            }
          g_string_append (out, "</tbody>\n</table>");
        }
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free (out, FALSE);
}

gboolean
vigie_report_doc_write_pdf (VigieReportDoc  *doc,
                            const char      *path,
                            GError         **error)
{
  VigieReportPdf *pdf = vigie_report_pdf_open (path, doc->title, error);

  if (pdf == NULL)
    return FALSE;
  vigie_report_pdf_paragraph (pdf, doc->title, "Sans Bold 18", 0, 10);
  for (guint i = 0; i < doc->facts->len; i++)
    vigie_report_pdf_paragraph (pdf, g_ptr_array_index (doc->facts, i), "Sans 8", 0, 2);
  for (guint b = 0; b < doc->blocks->len; b++)
    {
      Block *block = &g_array_index (doc->blocks, Block, b);

      if (block->kind == BLOCK_HEADING)
        vigie_report_pdf_heading (pdf, block->text);
      else if (block->kind == BLOCK_PARAGRAPH)
        vigie_report_pdf_paragraph (pdf, block->text, "Sans 9", 0, 4);
      else
        vigie_report_pdf_table (pdf, block->rows);
    }
  return vigie_report_pdf_close (pdf, error);
}
