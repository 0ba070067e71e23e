/* vigie-compare-pdf.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The comparison as an A4 PDF, drawn with cairo and Pango (neither is
 * GTK): the report's facts, a bar chart of the weighted scores, every
 * criterion with each column's value, score and source number, the cost
 * lines, the claims and the numbered sources; page numbers at the foot.
 */

#define G_LOG_DOMAIN "vigie-compare"

#include "config.h"

#include <pango/pangocairo.h>
#include <glib/gi18n-lib.h>

#include "vigie-compare-private.h"
#include "vigie-migrate.h"
#include "vigie-report-doc.h"

static void
bar_chart (VigieReportPdf  *pdf,
           VigieComparison *self)
{
  const double label_width = 150;
  const double bar_height = 14;
  double full = VIGIE_REPORT_PAGE_WIDTH - 2 * VIGIE_REPORT_MARGIN - label_width - 40;

  for (guint c = 0; c < vigie_comparison_get_n_columns (self); c++)
    {
      double score = vigie_comparison_get_score (self, c);
      g_autofree char *text = vigie_compare_format_score (score);
      PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
      PangoFontDescription *font = pango_font_description_from_string ("Sans 9");

      vigie_report_pdf_make_room (pdf, bar_height + 6);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (int) ((label_width - 6) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_text (layout, vigie_comparison_get_column (self, c)->key, -1);
      cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
      cairo_move_to (pdf->cr, VIGIE_REPORT_MARGIN, pdf->y);
      pango_cairo_show_layout (pdf->cr, layout);

      cairo_set_source_rgb (pdf->cr, 0.2, 0.4, 0.64);
      cairo_rectangle (pdf->cr, VIGIE_REPORT_MARGIN + label_width, pdf->y,
                       score > 0 ? full * score / 5 : 0.5, bar_height);
      cairo_fill (pdf->cr);

      pango_layout_set_width (layout, -1);
      pango_layout_set_text (layout, text, -1);
      cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
      cairo_move_to (pdf->cr,
                     VIGIE_REPORT_MARGIN + label_width + (score > 0 ? full * score / 5 : 0) + 4,
                     pdf->y);
      pango_cairo_show_layout (pdf->cr, layout);
      pdf->y += bar_height + 6;
      pango_font_description_free (font);
      g_object_unref (layout);
    }
}

gboolean
vigie_comparison_write_pdf (VigieComparison  *self,
                            const char       *path,
                            GError          **error)
{
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GListStore) migration = NULL;
  g_autoptr(GPtrArray) urls = NULL;
  g_autoptr(GPtrArray) facts = NULL;
  VigieReportPdf *pdf;
  guint n;

  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pdf = vigie_report_pdf_open (path, vigie_compare_title (self), error);
  if (pdf == NULL)
    return FALSE;

  n = vigie_comparison_get_n_columns (self);
  urls = vigie_compare_sources (self, &index);
  facts = vigie_compare_facts_lines (self);

  vigie_report_pdf_paragraph (pdf, vigie_compare_title (self), "Sans Bold 18", 0, 10);
  for (guint i = 0; i < facts->len; i++)
    vigie_report_pdf_paragraph (pdf, g_ptr_array_index (facts, i), "Sans 8", 0, 2);

  vigie_report_pdf_heading (pdf, _("Weighted scores"));
  bar_chart (pdf, self);

  for (VigieCompareGroup g = 0; g < VIGIE_COMPARE_N_GROUPS; g++)
    {
      gboolean header = FALSE;

      for (guint r = 0; r < vigie_comparison_get_n_criteria (self); r++)
        {
          const VigieCompareCriterion *criterion = vigie_comparison_get_criterion (self, r);
          g_autofree char *title = NULL;

          if (criterion->group != g)
            continue;
          if (!header)
            vigie_report_pdf_heading (pdf, vigie_compare_group_label (g));
          header = TRUE;
          title = criterion->scored
                  ? g_strdup_printf (_("%s (weight %g)"), criterion->label,
                                     vigie_comparison_get_weight (self, criterion->id))
                  : g_strdup (criterion->label);
          vigie_report_pdf_make_room (pdf, 40);
          vigie_report_pdf_paragraph (pdf, title, "Sans Bold 10", 0, 2);
          for (guint c = 0; c < n; c++)
            {
              const VigieCompareCell *cell = vigie_comparison_get_cell (self, r, c);
              g_autofree char *text = vigie_compare_cell_text (cell);
              g_autofree char *ref = vigie_compare_source_ref (index, cell->source);
              g_autofree char *line = g_strdup_printf ("%s: %s %s",
                                                       vigie_comparison_get_column (self, c)->key,
                                                       text, ref);

              vigie_report_pdf_paragraph (pdf, line, "Sans 9", 12, 1);
            }
          if (n > 0)
            {
              const VigieCompareCell *cell = vigie_comparison_get_cell (self, r, 0);

              if (cell->explanation != NULL && criterion->scored)
                vigie_report_pdf_paragraph (pdf, cell->explanation, "Sans Italic 8", 12, 4);
            }
        }
    }

  vigie_report_pdf_heading (pdf, _("Cost of the estate"));
  for (guint i = 0; i < self->cost_lines->len; i++)
    {
      VigieCompareCostLine *cost = g_ptr_array_index (self->cost_lines, i);
      g_autofree char *unit = vigie_compare_format_amount (cost->unit_price, cost->currency);
      g_autofree char *total = vigie_compare_format_amount (cost->total, cost->currency);
      g_autofree char *ref = vigie_compare_source_ref (index, cost->source);
      g_autofree char *line =
        g_strdup_printf ("%s — %s%s: %g × %s = %s %s %s", cost->column,
                         cost->optional ? _("(not counted) ") : "", cost->item, cost->quantity,
                         unit ? unit : _("unknown"), total ? total : _("unknown"), ref,
                         cost->overridden ? _("your prices") : cost->checked ? cost->checked : "");

      vigie_report_pdf_paragraph (pdf, line, "Sans 9", 0, 3);
    }

  if (self->claims->len > 0)
    vigie_report_pdf_heading (pdf, _("Claims checked"));
  for (guint i = 0; i < self->claims->len; i++)
    {
      VigieCompareClaim *claim = g_ptr_array_index (self->claims, i);
      g_autoptr(GString) refs = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint s = 0; claim->sources[s] != NULL; s++)
        {
          g_autofree char *ref = vigie_compare_source_ref (index, claim->sources[s]);

          g_string_append_printf (refs, " %s", ref);
        }
      vigie_report_pdf_paragraph (pdf, claim->claim, "Sans Bold 9", 0, 1);
      text = g_strdup_printf ("%s. %s%s", vigie_compare_verdict_label (claim->verdict),
                              claim->explanation, refs->str);
      vigie_report_pdf_paragraph (pdf, text, "Sans 9", 12, 5);
    }

  vigie_report_pdf_heading (pdf, _("Sources"));
  for (guint i = 0; i < urls->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("%u. %s", i + 1,
                                               (char *) g_ptr_array_index (urls, i));

      vigie_report_pdf_paragraph (pdf, line, "Sans 8", 0, 2);
    }
  if ((migration = vigie_compare_migration (self)) != NULL)
    vigie_migrate_append_pdf (pdf, G_LIST_MODEL (migration));

  return vigie_report_pdf_close (pdf, error);
}
