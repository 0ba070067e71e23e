/* vigie-report-doc.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every report document shares (comparison, inventory, backups):
 * Markdown cells, a self-contained HTML page that prints well, an A4 PDF
 * drawn with cairo and Pango with page numbers; and a simple document of
 * facts, headings and tables written in those three formats.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* ---- Building blocks ---- */

/* " text |": pipes and backslashes escaped, line breaks flattened. */
void      vigie_report_md_cell      (GString    *out,
                                     const char *text);
void      vigie_report_html_text    (GString    *out,
                                     const char *text);
void      vigie_report_html_element (GString    *out,
                                     const char *tag,
                                     const char *text);
/* Up to and including <body>, with the inline style sheet. */
void      vigie_report_html_begin   (GString    *out,
                                     const char *lang,
                                     const char *title);
/* The language of the reports: "fr" when the UI language is French, else "en". */
const char *vigie_report_ui_lang    (void);

#define VIGIE_REPORT_PAGE_WIDTH  595.28  /* A4 in points */
#define VIGIE_REPORT_PAGE_HEIGHT 841.89
#define VIGIE_REPORT_MARGIN      50.0

typedef struct {
  cairo_surface_t *surface;
  cairo_t         *cr;
  char            *path;
  double           y;      /* where the next block starts */
  guint            page;
} VigieReportPdf;

VigieReportPdf *vigie_report_pdf_open      (const char      *path,
                                            const char      *title,
                                            GError         **error);
/* Numbers the last page, finishes the file and frees pdf. */
gboolean        vigie_report_pdf_close     (VigieReportPdf  *pdf,
                                            GError         **error);
/* Starts a new page when height does not fit on this one. */
void            vigie_report_pdf_make_room (VigieReportPdf  *pdf,
                                            double           height);
/* Plain text (not markup) wrapped to the page. */
void            vigie_report_pdf_paragraph (VigieReportPdf  *pdf,
                                            const char      *text,
                                            const char      *font_name,
                                            double           indent,
                                            double           space_after);
void            vigie_report_pdf_heading   (VigieReportPdf  *pdf,
                                            const char      *text);
/* rows: GStrv, the first one the header (repeated on every page). */
void            vigie_report_pdf_table     (VigieReportPdf  *pdf,
                                            GPtrArray       *rows);

/* ---- A document of facts, headings, paragraphs and tables ---- */

typedef struct _VigieReportDoc VigieReportDoc;

VigieReportDoc *vigie_report_doc_new       (const char      *title,
                                            const char      *lang);
void            vigie_report_doc_free      (VigieReportDoc  *doc);
/* A line under the title: the date, the endpoints… */
void            vigie_report_doc_add_fact  (VigieReportDoc  *doc,
                                            const char      *text);
void            vigie_report_doc_add_heading (VigieReportDoc *doc,
                                              const char     *text);
void            vigie_report_doc_add_paragraph (VigieReportDoc *doc,
                                                const char     *text);
/* rows: GStrv (first the header), taken. */
void            vigie_report_doc_add_table (VigieReportDoc  *doc,
                                            GPtrArray       *rows);
char           *vigie_report_doc_to_markdown (VigieReportDoc *doc);
char           *vigie_report_doc_to_html   (VigieReportDoc  *doc);
gboolean        vigie_report_doc_write_pdf (VigieReportDoc  *doc,
                                            const char      *path,
                                            GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieReportDoc, vigie_report_doc_free)

G_END_DECLS
