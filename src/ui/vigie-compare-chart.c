/* vigie-compare-chart.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Compare page's two charts, drawn with cairo: the weighted totals as
 * bars from 0 to 5, best first, and each column's yearly cost as a stacked
 * bar of its counted cost lines. Every number is also written beside its
 * bar, and the page gives both charts an accessible description.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vigie-compare-chart.h"

#define ROW_HEIGHT 30
#define BAR_HEIGHT 16
#define GAP        12

/* libadwaita's palette: blue 3, green 4, yellow 5, orange 3, purple 3, red 3. */
static const char *const cost_colors[] = {
  "#3584e4", "#2ec27e", "#e5a50a", "#ff7800", "#9141ac", "#e01b24",
};

const char *
vigie_compare_cost_color (guint n)
{
  return cost_colors[n % G_N_ELEMENTS (cost_colors)];
}

const char *
vigie_compare_column_title (const VigieCompareColumn *column)
{
  if (column->endpoint != NULL)
    return column->endpoint;
  return column->line_name != NULL ? column->line_name : column->key;
}

char *
vigie_compare_ui_amount (double      amount,
                             const char *currency)
{
  if (amount < 0 || isnan (amount))
    return g_strdup (_("unknown"));
  if (amount == 0)
    return g_strdup (_("free"));
  /* Translators: an amount per year and its currency, e.g. "4320 USD" */
  return g_strdup_printf (_("%.0f %s"), amount, currency != NULL ? currency : "");
}

static int
by_score (gconstpointer a,
          gconstpointer b,
          gpointer      user_data)
{
  VigieComparison *comparison = user_data;
  guint ca = *(const guint *) a, cb = *(const guint *) b;
  double sa = vigie_comparison_get_score (comparison, ca);
  double sb = vigie_comparison_get_score (comparison, cb);

  /* Rounded as shown, so that equal totals keep the columns' order. */
  sa = sa < 0 ? -1 : round (sa * 10);
  sb = sb < 0 ? -1 : round (sb * 10);
  if (sa != sb)
    return sa > sb ? -1 : 1;
  return ca < cb ? -1 : ca > cb;
}

GArray *
vigie_compare_ranking (VigieComparison *comparison)
{
  guint n = vigie_comparison_get_n_columns (comparison);
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  for (guint c = 0; c < n; c++)
    g_array_append_val (order, c);
  g_array_sort_with_data (order, by_score, comparison);
  return order;
}

int
vigie_compare_chart_height (VigieComparison *comparison)
{
  return MAX (1, (int) vigie_comparison_get_n_columns (comparison)) * ROW_HEIGHT + 4;
}

static void
get_fg (GtkWidget *widget,
        GdkRGBA   *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
}

/* The names' column: as wide as the widest name, at most a third. */
static int
names_width (GtkWidget       *widget,
             VigieComparison *comparison,
             int              width)
{
  int widest = 0;

  for (guint c = 0; c < vigie_comparison_get_n_columns (comparison); c++)
    {
      const VigieCompareColumn *column = vigie_comparison_get_column (comparison, c);
      g_autoptr(PangoLayout) layout =
        gtk_widget_create_pango_layout (widget, vigie_compare_column_title (column));
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
      int w;

      /* Measured in bold: the first of the ranking is drawn so. */
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  return MIN (widest, width / 3);
}

static void
draw_text (cairo_t     *cr,
           GtkWidget   *widget,
           const char  *text,
           double       x,
           double       y_center,
           int          max_width,
           gboolean     bold)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int h;

  if (bold)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
    }
  if (max_width > 0)
    {
      pango_layout_set_width (layout, max_width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, NULL, &h);
  cairo_move_to (cr, x, y_center - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
rounded_bar (cairo_t *cr,
             double   x,
             double   y,
             double   w,
             double   h)
{
  double r = MIN (h / 2, w / 2);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_line_to (cr, x, y + h);
  cairo_line_to (cr, x, y);
  cairo_close_path (cr);
}

void
vigie_compare_draw_totals (GtkDrawingArea *area,
                           cairo_t        *cr,
                           int             width,
                           int             height,
                           gpointer        user_data)
{
  VigieComparison *comparison = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  g_autoptr(GArray) order = vigie_compare_ranking (comparison);
  int names = names_width (widget, comparison, width);
  double x0 = names + GAP, bar_width = MAX (10, width - x0 - 48);
  GdkRGBA fg, accent;

  get_fg (widget, &fg);
  gdk_rgba_parse (&accent, "#3584e4");

  /* The 0..5 scale, faint, behind the bars. */
  for (int tick = 0; tick <= 5; tick++)
    {
      double x = round (x0 + bar_width * tick / 5.0) + 0.5;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, tick == 0 ? 0.4 : 0.1);
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, height);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < order->len; i++)
    {
      guint c = g_array_index (order, guint, i);
      const VigieCompareColumn *column = vigie_comparison_get_column (comparison, c);
      double score = vigie_comparison_get_score (comparison, c);
      double y = 2 + i * ROW_HEIGHT + ROW_HEIGHT / 2.0;
      g_autofree char *text = vigie_compare_format_score (score);

      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, widget, vigie_compare_column_title (column), 0, y, names, i == 0);
      if (score > 0)
        {
          double w = bar_width * MIN (score, 5) / 5.0;

          cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, i == 0 ? 1 : 0.6);
          rounded_bar (cr, x0, y - BAR_HEIGHT / 2.0, w, BAR_HEIGHT);
          cairo_fill (cr);
        }
      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, widget, text, x0 + bar_width * MAX (0, MIN (score, 5)) / 5.0 + 6, y, 0,
                 i == 0);
    }
}

/* A column's counted amount: the sum of its counted lines, or unknown. */
static double
column_amount (VigieComparison *comparison,
               const char      *key,
               const char     **currency)
{
  GPtrArray *lines = vigie_comparison_get_cost_lines (comparison);
  double sum = 0;
  gboolean any = FALSE;

  *currency = NULL;
  for (guint i = 0; i < lines->len; i++)
    {
      VigieCompareCostLine *line = g_ptr_array_index (lines, i);

      if (!g_str_equal (line->column, key) || line->optional)
        continue;
      any = TRUE;
      if (line->total < 0)
        return -1;
      sum += line->total;
      if (line->currency != NULL)
        *currency = line->currency;
    }
  return any ? sum : -1;
}

void
vigie_compare_draw_costs (GtkDrawingArea *area,
                          cairo_t        *cr,
                          int             width,
                          int             height,
                          gpointer        user_data)
{
  VigieComparison *comparison = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  GPtrArray *lines = vigie_comparison_get_cost_lines (comparison);
  guint n = vigie_comparison_get_n_columns (comparison);
  int names = names_width (widget, comparison, width);
  double x0 = names + GAP, bar_width = MAX (10, width - x0 - 110);
  double highest = 0;
  GdkRGBA fg;

  get_fg (widget, &fg);
  /* Currencies are not converted: USD ≈ EUR at this precision (docs/compare.md). */
  for (guint c = 0; c < n; c++)
    {
      const char *currency;

      highest = MAX (highest, column_amount (comparison,
                                             vigie_comparison_get_column (comparison, c)->key,
                                             &currency));
    }
  for (guint c = 0; c < n; c++)
    {
      const VigieCompareColumn *column = vigie_comparison_get_column (comparison, c);
      const char *currency;
      double amount = column_amount (comparison, column->key, &currency);
      double y = 2 + c * ROW_HEIGHT + ROW_HEIGHT / 2.0;
      double x = x0;
      g_autofree char *text = vigie_compare_ui_amount (amount, currency);
      guint segment = 0;

      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, widget, vigie_compare_column_title (column), 0, y, names, FALSE);
      for (guint i = 0; amount > 0 && highest > 0 && i < lines->len; i++)
        {
          VigieCompareCostLine *line = g_ptr_array_index (lines, i);
          double w;
          GdkRGBA color;

          if (!g_str_equal (line->column, column->key) || line->optional)
            continue;
          w = bar_width * line->total / highest;
          gdk_rgba_parse (&color, vigie_compare_cost_color (segment++));
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_rectangle (cr, x, y - BAR_HEIGHT / 2.0, w, BAR_HEIGHT);
          cairo_fill (cr);
          x += w;
        }
      if (amount < 0)
        {
          /* Unknown: a dashed outline, never an empty bar that reads as free. */
          static const double dash[] = { 4, 3 };

          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.5);
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
          cairo_set_line_width (cr, 1);
          cairo_rectangle (cr, x0 + 0.5, y - BAR_HEIGHT / 2.0 + 0.5, bar_width / 4,
                           BAR_HEIGHT - 1);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          x = x0 + bar_width / 4;
        }
      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, widget, text, x + 6, y, 0, FALSE);
    }
}
