/* vigie-compare-html.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The comparison as Markdown and as one self-contained HTML file (inline
 * style, no external resource) that prints well.
 */

#define G_LOG_DOMAIN "vigie-compare"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "vigie-compare-private.h"
#include "vigie-migrate.h"
#include "vigie-report-doc.h"

/* ---- Markdown ---- */

static char *
money (double      value,
       const char *currency)
{
  char *text = vigie_compare_format_amount (value, currency);

  return text != NULL ? text : g_strdup (_("unknown"));
}

char *
vigie_comparison_to_markdown (VigieComparison *self)
{
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GListStore) migration = NULL;
  g_autoptr(GPtrArray) urls = NULL;
  g_autoptr(GPtrArray) facts = NULL;
  GString *out = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);

  n = self->columns->len;
  urls = vigie_compare_sources (self, &index);
  facts = vigie_compare_facts_lines (self);
  g_string_append_printf (out, "# %s\n\n", vigie_compare_title (self));
  for (guint i = 0; i < facts->len; i++)
    g_string_append_printf (out, "- %s\n", (char *) g_ptr_array_index (facts, i));

  for (VigieCompareGroup g = 0; g < VIGIE_COMPARE_N_GROUPS; g++)
    {
      gboolean header = FALSE;

      for (guint r = 0; r < self->criteria->len; r++)
        {
          VigieCompareCriterion *criterion = g_ptr_array_index (self->criteria, r);
          g_autofree char *weight = NULL;

          if (criterion->group != g)
            continue;
          if (!header)
            {
              g_string_append_printf (out, "\n## %s\n\n|", vigie_compare_group_label (g));
              vigie_report_md_cell (out, _("Criterion"));
              vigie_report_md_cell (out, _("Weight"));
              for (guint c = 0; c < n; c++)
                vigie_report_md_cell (out, vigie_comparison_get_column (self, c)->key);
              g_string_append (out, "\n|---|---|");
              for (guint c = 0; c < n; c++)
                g_string_append (out, "---|");
              g_string_append_c (out, '\n');
              header = TRUE;
            }
          weight = criterion->scored
                   ? g_strdup_printf ("%g", vigie_comparison_get_weight (self, criterion->id))
                   : g_strdup ("–");
          g_string_append_c (out, '|');
          vigie_report_md_cell (out, criterion->label);
          vigie_report_md_cell (out, weight);
          for (guint c = 0; c < n; c++)
            {
              const VigieCompareCell *cell = vigie_comparison_get_cell (self, r, c);
              g_autofree char *text = vigie_compare_cell_text (cell);
              g_autofree char *ref = vigie_compare_source_ref (index, cell->source);
              g_autofree char *both = g_strdup_printf ("%s %s", text, ref);

              vigie_report_md_cell (out, both);
            }
          g_string_append_c (out, '\n');
        }
    }

  g_string_append_printf (out, "\n## %s\n\n|", _("Weighted scores"));
  for (guint c = 0; c < n; c++)
    vigie_report_md_cell (out, vigie_comparison_get_column (self, c)->key);
  g_string_append (out, "\n|");
  for (guint c = 0; c < n; c++)
    g_string_append (out, "---|");
  g_string_append (out, "\n|");
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *score = vigie_compare_format_score (vigie_comparison_get_score (self, c));

      vigie_report_md_cell (out, score);
    }
  g_string_append_c (out, '\n');

  g_string_append_printf (out, "\n## %s\n\n|", _("Cost of the estate"));
  vigie_report_md_cell (out, _("Column"));
  vigie_report_md_cell (out, _("Item"));
  vigie_report_md_cell (out, _("Quantity"));
  vigie_report_md_cell (out, _("Unit price"));
  vigie_report_md_cell (out, _("Total"));
  vigie_report_md_cell (out, _("Source"));
  g_string_append (out, "\n|---|---|---|---|---|---|\n");
  for (guint i = 0; i < self->cost_lines->len; i++)
    {
      VigieCompareCostLine *line = g_ptr_array_index (self->cost_lines, i);
      g_autofree char *item = line->optional
                              ? g_strdup_printf ("(%s) %s", _("not counted"), line->item)
                              : g_strdup (line->item);
      g_autofree char *quantity = g_strdup_printf ("%g", line->quantity);
      g_autofree char *unit = money (line->unit_price, line->currency);
      g_autofree char *total = money (line->total, line->currency);
      g_autofree char *ref = vigie_compare_source_ref (index, line->source);
      g_autofree char *source = g_strdup_printf ("%s %s", ref,
                                                 line->overridden ? _("your prices")
                                                 : line->checked ? line->checked : "");

      g_string_append_c (out, '|');
      vigie_report_md_cell (out, line->column);
      vigie_report_md_cell (out, item);
      vigie_report_md_cell (out, quantity);
      vigie_report_md_cell (out, unit);
      vigie_report_md_cell (out, total);
      vigie_report_md_cell (out, source);
      g_string_append_c (out, '\n');
    }

  if (self->claims->len > 0)
    g_string_append_printf (out, "\n## %s\n\n", _("Claims checked"));
  for (guint i = 0; i < self->claims->len; i++)
    {
      VigieCompareClaim *claim = g_ptr_array_index (self->claims, i);

      g_string_append_printf (out, "- **%s** — *%s*. %s", claim->claim,
                              vigie_compare_verdict_label (claim->verdict), claim->explanation);
      for (guint s = 0; claim->sources[s] != NULL; s++)
        {
          g_autofree char *ref = vigie_compare_source_ref (index, claim->sources[s]);

          g_string_append_printf (out, " %s", ref);
        }
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, "\n## %s\n\n", _("Sources"));
  for (guint i = 0; i < urls->len; i++)
    g_string_append_printf (out, "%u. <%s>\n", i + 1, (char *) g_ptr_array_index (urls, i));
  if ((migration = vigie_compare_migration (self)) != NULL)
    vigie_migrate_append_markdown (out, G_LIST_MODEL (migration));
  return g_string_free (out, FALSE);
}

/* ---- HTML ---- */

char *
vigie_comparison_to_html (VigieComparison *self)
{
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GListStore) migration = NULL;
  g_autoptr(GPtrArray) urls = NULL;
  g_autoptr(GPtrArray) facts = NULL;
  GString *out = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);

  n = self->columns->len;
  urls = vigie_compare_sources (self, &index);
  facts = vigie_compare_facts_lines (self);
  vigie_report_html_begin (out, vigie_compare_lang (self), vigie_compare_title (self));
  vigie_report_html_element (out, "h1", vigie_compare_title (self));
  g_string_append (out, "\n<ul>\n");
  for (guint i = 0; i < facts->len; i++)
    {
      vigie_report_html_element (out, "li", g_ptr_array_index (facts, i));
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "</ul>\n");

  for (VigieCompareGroup g = 0; g < VIGIE_COMPARE_N_GROUPS; g++)
    {
      gboolean header = FALSE;

      for (guint r = 0; r < self->criteria->len; r++)
        {
          VigieCompareCriterion *criterion = g_ptr_array_index (self->criteria, r);

          if (criterion->group != g)
            continue;
          if (!header)
            {
              vigie_report_html_element (out, "h2", vigie_compare_group_label (g));
              g_string_append (out, "\n<table>\n<tr>");
              vigie_report_html_element (out, "th", _("Criterion"));
              vigie_report_html_element (out, "th", _("Weight"));
              for (guint c = 0; c < n; c++)
                vigie_report_html_element (out, "th", vigie_comparison_get_column (self, c)->key);
              g_string_append (out, "</tr>\n");
              header = TRUE;
            }
          g_string_append (out, "<tr>");
          vigie_report_html_element (out, "th", criterion->label);
          if (criterion->scored)
            g_string_append_printf (out, "<td>%g</td>",
                                    vigie_comparison_get_weight (self, criterion->id));
          else
            g_string_append (out, "<td>–</td>");
          for (guint c = 0; c < n; c++)
            {
              const VigieCompareCell *cell = vigie_comparison_get_cell (self, r, c);
              g_autofree char *text = vigie_compare_cell_text (cell);
              g_autofree char *ref = vigie_compare_source_ref (index, cell->source);

              g_string_append (out, "<td>");
              vigie_report_html_text (out, text);
              if (*ref != '\0')
                {
                  guint number = GPOINTER_TO_UINT (g_hash_table_lookup (index, cell->source));

                  if (number > 0)
                    g_string_append_printf (out, " <a href=\"#source-%u\">%s</a>", number, ref);
                  else
                    {
                      g_string_append_c (out, ' ');
                      vigie_report_html_text (out, ref);
                    }
                }
              if (cell->explanation != NULL)
                {
                  g_string_append (out, "<p class=\"why\">");
                  vigie_report_html_text (out, cell->explanation);
                  g_string_append (out, "</p>");
                }
              g_string_append (out, "</td>");
            }
          g_string_append (out, "</tr>\n");
        }
      if (header)
        g_string_append (out, "</table>\n");
    }

  vigie_report_html_element (out, "h2", _("Weighted scores"));
  g_string_append (out, "\n<table>\n");
  for (guint c = 0; c < n; c++)
    {
      double score = vigie_comparison_get_score (self, c);
      g_autofree char *text = vigie_compare_format_score (score);

      g_string_append (out, "<tr>");
      vigie_report_html_element (out, "th", vigie_comparison_get_column (self, c)->key);
      g_string_append_printf (out, "<td class=\"score\">%s</td><td><span class=\"bar\" "
                              "style=\"width:%.0f%%\"></span></td></tr>\n", text,
                              score > 0 ? score * 20 : 0);
    }
  g_string_append (out, "</table>\n");

  vigie_report_html_element (out, "h2", _("Cost of the estate"));
  g_string_append (out, "\n<table>\n<tr>");
  vigie_report_html_element (out, "th", _("Column"));
  vigie_report_html_element (out, "th", _("Item"));
  vigie_report_html_element (out, "th", _("Quantity"));
  vigie_report_html_element (out, "th", _("Unit price"));
  vigie_report_html_element (out, "th", _("Total"));
  vigie_report_html_element (out, "th", _("Source"));
  g_string_append (out, "</tr>\n");
  for (guint i = 0; i < self->cost_lines->len; i++)
    {
      VigieCompareCostLine *line = g_ptr_array_index (self->cost_lines, i);
      g_autofree char *item = line->optional
                              ? g_strdup_printf ("(%s) %s", _("not counted"), line->item)
                              : g_strdup (line->item);
      g_autofree char *quantity = g_strdup_printf ("%g", line->quantity);
      g_autofree char *unit = money (line->unit_price, line->currency);
      g_autofree char *total = money (line->total, line->currency);
      g_autofree char *ref = vigie_compare_source_ref (index, line->source);

      g_string_append (out, "<tr>");
      vigie_report_html_element (out, "td", line->column);
      vigie_report_html_element (out, "td", item);
      vigie_report_html_element (out, "td", quantity);
      vigie_report_html_element (out, "td", unit);
      vigie_report_html_element (out, "td", total);
      g_string_append (out, "<td>");
      vigie_report_html_text (out, ref);
      g_string_append_c (out, ' ');
      vigie_report_html_text (out, line->overridden ? _("your prices") : line->checked);
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</table>\n");

  if (self->claims->len > 0)
    {
      vigie_report_html_element (out, "h2", _("Claims checked"));
      g_string_append (out, "\n<ul>\n");
    }
  for (guint i = 0; i < self->claims->len; i++)
    {
      VigieCompareClaim *claim = g_ptr_array_index (self->claims, i);

      g_string_append (out, "<li>");
      vigie_report_html_element (out, "strong", claim->claim);
      g_string_append (out, " — ");
      vigie_report_html_element (out, "em", vigie_compare_verdict_label (claim->verdict));
      g_string_append (out, ". ");
      vigie_report_html_text (out, claim->explanation);
      for (guint s = 0; claim->sources[s] != NULL; s++)
        {
          guint number = GPOINTER_TO_UINT (g_hash_table_lookup (index, claim->sources[s]));

          g_string_append_printf (out, " <a href=\"#source-%u\">[%u]</a>", number, number);
        }
      g_string_append (out, "</li>\n");
    }
  if (self->claims->len > 0)
    g_string_append (out, "</ul>\n");

  vigie_report_html_element (out, "h2", _("Sources"));
  g_string_append (out, "\n<ol>\n");
  for (guint i = 0; i < urls->len; i++)
    {
      const char *url = g_ptr_array_index (urls, i);

      g_string_append_printf (out, "<li id=\"source-%u\"><a href=\"", i + 1);
      vigie_report_html_text (out, url);
      g_string_append (out, "\">");
      vigie_report_html_text (out, url);
      g_string_append (out, "</a></li>\n");
    }
  g_string_append (out, "</ol>\n");
  if ((migration = vigie_compare_migration (self)) != NULL)
    vigie_migrate_append_html (out, G_LIST_MODEL (migration));
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free (out, FALSE);
}
