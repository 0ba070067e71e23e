/* vigie-compare-sections.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts of the Compare page built from a computed comparison: the grid
 * of criteria (grouped by theme, one weight slider per scored criterion, a
 * totals row), the cost lines of each column and the claims checked.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vigie-compare-cell.h"
#include "vigie-compare-chart.h"
#include "vigie-compare-page-private.h"

static void
clear_container (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
      else if (GTK_IS_BOX (container))
        gtk_box_remove (GTK_BOX (container), child);
      else if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_widget_unparent (child);
    }
}

static GtkWidget *
wrapped_label (const char *text,
               int         max_chars)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (max_chars > 0)
    gtk_label_set_max_width_chars (GTK_LABEL (label), max_chars);
  return label;
}

static char *
format_weight (double weight)
{
  /* Translators: a criterion's weight, e.g. "×1.5" */
  return g_strdup_printf (_("×%g"), weight);
}

static void
on_weight_changed_cb (GtkRange *range,
                      gpointer  user_data)
{
  VigieComparePage *self = user_data;
  const char *id = g_object_get_data (G_OBJECT (range), "criterion");
  GtkLabel *value = g_object_get_data (G_OBJECT (range), "value-label");
  double weight = round (gtk_range_get_value (range) * 2) / 2;
  g_autofree char *text = format_weight (weight);

  gtk_label_set_text (value, text);
  if (!self->updating)
    vigie_compare_page_weight_changed (self, id, weight);
}

static GtkWidget *
criterion_header (VigieComparePage            *self,
                  const VigieCompareCriterion *criterion)
{
  /* Compact, the name and the slider share a line above the cells. */
  GtkWidget *box = gtk_box_new (self->compact ? GTK_ORIENTATION_HORIZONTAL
                                : GTK_ORIENTATION_VERTICAL, self->compact ? 12 : 0);
  GtkWidget *label = wrapped_label (criterion->label, 22);
  GtkWidget *line, *scale, *value;
  g_autofree char *accessible = NULL;
  g_autofree char *text = NULL;
  double weight;

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (label, self->compact);
  gtk_box_append (GTK_BOX (box), label);
  if (!criterion->scored)
    {
      GtkWidget *note = gtk_label_new (_("not scored"));

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_set_valign (note, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (box), note);
      return box;
    }
  weight = vigie_comparison_get_weight (self->comparison, criterion->id);
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 5, 0.5);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_range_set_round_digits (GTK_RANGE (scale), 1);
  gtk_range_set_value (GTK_RANGE (scale), weight);
  gtk_widget_set_hexpand (scale, !self->compact);
  gtk_widget_set_size_request (scale, self->compact ? 110 : 90, -1);
  /* Translators: the accessible name of a weight slider, %s is a criterion */
  accessible = g_strdup_printf (_("Weight of %s"), criterion->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_set_tooltip_text (scale, accessible);
  text = format_weight (weight);
  value = gtk_label_new (text);
  gtk_label_set_width_chars (GTK_LABEL (value), 4);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_widget_add_css_class (value, "caption");
  gtk_widget_add_css_class (value, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (scale), "value-label", value);
  g_object_set_data_full (G_OBJECT (scale), "criterion", g_strdup (criterion->id), g_free);
  g_signal_connect (scale, "value-changed", G_CALLBACK (on_weight_changed_cb), self);
  g_hash_table_insert (self->ranges, g_strdup (criterion->id), scale);
  gtk_box_append (GTK_BOX (line), scale);
  gtk_box_append (GTK_BOX (line), value);
  gtk_box_append (GTK_BOX (box), line);
  return box;
}

static GtkWidget *
column_header (const VigieCompareColumn *column)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = wrapped_label (vigie_compare_column_title (column), 20);
  g_autofree char *subtitle = NULL;
  GtkWidget *label;

  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  if (column->endpoint != NULL)
    /* Translators: a column's product and version, e.g. "Proxmox VE 8.4.1" */
    subtitle = g_strdup_printf (_("%s %s"), column->product != NULL ? column->product : "",
                                column->version != NULL ? column->version : "");
  else
    subtitle = g_strdup (_("Knowledge base"));
  label = wrapped_label (g_strstrip (subtitle), 20);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  if (column->endpoint != NULL && column->status != VIGIE_STATUS_OK)
    {
      label = wrapped_label (_("Did not answer: no live values"), 20);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "vigie-status-error");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  return box;
}

/* Wide, a criterion is a row: its name and slider, then a cell per column.
 * Compact (a narrow window), the name and slider span the columns and the
 * cells are on the line below: the grid loses its first column. */
void
vigie_compare_page_build_grid (VigieComparePage *self)
{
  VigieComparison *comparison = self->comparison;
  guint n_columns = vigie_comparison_get_n_columns (comparison);
  guint n_criteria = vigie_comparison_get_n_criteria (comparison);
  int first = self->compact ? 0 : 1;     /* the grid column of the first compared column */
  int row = 0;
  int group = -1;
  GtkWidget *label;

  clear_container (GTK_WIDGET (self->grid));
  /* Compact, the cells and the mode buttons are tighter (style.css): four
   * columns and the three modes on one line in 360 px, in French too. */
  if (self->compact)
    gtk_widget_add_css_class (GTK_WIDGET (self), "vigie-compare-compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "vigie-compare-compact");
  gtk_grid_set_column_spacing (self->grid, self->compact ? 4 : 6);
  g_hash_table_remove_all (self->ranges);
  g_ptr_array_set_size (self->total_labels, 0);
  g_ptr_array_set_size (self->cells, 0);
  g_ptr_array_set_size (self->headers, 0);

  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *header = column_header (vigie_comparison_get_column (comparison, c));

      gtk_grid_attach (self->grid, header, first + c, row, 1, 1);
      g_ptr_array_add (self->headers, header);
    }
  row++;
  for (guint r = 0; r < n_criteria; r++)
    {
      const VigieCompareCriterion *criterion = vigie_comparison_get_criterion (comparison, r);

      if ((int) criterion->group != group)
        {
          group = criterion->group;
          label = gtk_label_new (vigie_compare_group_label (criterion->group));
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "heading");
          gtk_widget_add_css_class (label, "vigie-compare-group");
          gtk_grid_attach (self->grid, label, 0, row++, first + n_columns, 1);
          /* Compact, the headers are screens away: each theme but the first
           * names the columns again. */
          for (guint c = 0; self->compact && r > 0 && c < n_columns; c++)
            {
              const VigieCompareColumn *column = vigie_comparison_get_column (comparison, c);

              label = wrapped_label (vigie_compare_column_title (column), 20);
              gtk_widget_add_css_class (label, "caption-heading");
              gtk_widget_add_css_class (label, "dim-label");
              gtk_widget_set_margin_start (label, 3);
              gtk_widget_set_margin_bottom (label, 6);
              gtk_widget_set_valign (label, GTK_ALIGN_START);
              gtk_grid_attach (self->grid, label, c, row, 1, 1);
            }
          if (self->compact && r > 0 && n_columns > 0)
            row++;
        }
      if (self->compact)
        gtk_grid_attach (self->grid, criterion_header (self, criterion), 0, row++,
                         MAX (n_columns, 1), 1);
      else
        gtk_grid_attach (self->grid, criterion_header (self, criterion), 0, row, 1, 1);
      for (guint c = 0; c < n_columns; c++)
        {
          GtkWidget *cell = vigie_compare_cell_view_new (comparison, r, c);

          gtk_widget_set_hexpand (cell, TRUE);
          vigie_compare_cell_view_set_compact (VIGIE_COMPARE_CELL_VIEW (cell), self->compact);
          if ((self->compact ? r : (guint) row) % 2 == 0)
            gtk_widget_add_css_class (cell, "even");
          gtk_grid_attach (self->grid, cell, first + c, row, 1, 1);
          g_ptr_array_add (self->cells, cell);
        }
      row++;
    }

  label = gtk_label_new (_("Weighted score"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  if (self->compact)
    gtk_grid_attach (self->grid, label, 0, row++, MAX (n_columns, 1), 1);
  else
    gtk_grid_attach (self->grid, label, 0, row, 1, 1);
  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *total = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (total), 0);
      gtk_label_set_wrap (GTK_LABEL (total), TRUE);
      gtk_widget_set_margin_top (total, self->compact ? 0 : 12);
      gtk_widget_set_margin_start (total, self->compact ? 3 : 8);
      gtk_widget_add_css_class (total, "heading");
      gtk_grid_attach (self->grid, total, first + c, row, 1, 1);
      g_ptr_array_add (self->total_labels, total);
    }
}

void
vigie_compare_page_update_grid (VigieComparePage *self)
{
  VigieComparison *comparison = self->comparison;

  g_assert (self->headers->len == vigie_comparison_get_n_columns (comparison));

  /* Headers hold no focus nor popover: new ones for a new status or version. */
  for (guint c = 0; c < self->headers->len; c++)
    {
      GtkWidget *header = column_header (vigie_comparison_get_column (comparison, c));

      gtk_grid_remove (self->grid, g_ptr_array_index (self->headers, c));
      gtk_grid_attach (self->grid, header, (self->compact ? 0 : 1) + c, 0, 1, 1);
      g_ptr_array_index (self->headers, c) = header;
    }
  for (guint i = 0; i < self->cells->len; i++)
    vigie_compare_cell_view_set_comparison (g_ptr_array_index (self->cells, i), comparison);
}

/* Sliders follow the weights after a preset or a restore. */
void
vigie_compare_page_update_totals (VigieComparePage *self)
{
  VigieComparison *comparison = self->comparison;
  g_autoptr(GArray) order = vigie_compare_ranking (comparison);
  g_autoptr(GString) ranking = g_string_new (NULL);
  g_autoptr(GString) costs = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  self->updating = TRUE;
  g_hash_table_iter_init (&iter, self->ranges);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_range_set_value (GTK_RANGE (value), vigie_comparison_get_weight (comparison, key));
  self->updating = FALSE;

  for (guint i = 0; i < order->len; i++)
    {
      guint c = g_array_index (order, guint, i);
      const VigieCompareColumn *column = vigie_comparison_get_column (comparison, c);
      g_autofree char *score = vigie_compare_format_score (vigie_comparison_get_score (comparison,
                                                                                       c));
      g_autofree char *text = NULL;

      if (i > 0)
        g_string_append (ranking, " · ");
      /* Translators: one place of the ranking: rank, column, weighted score */
      g_string_append_printf (ranking, _("%u. %s %s"), i + 1, vigie_compare_column_title (column),
                              score);
      if (c < self->total_labels->len)
        {
          /* Translators: a column's weighted score and its rank, e.g. "4.6 (1st of 3)" */
          text = g_strdup_printf (_("%s (rank %u of %u)"), score, i + 1, order->len);
          gtk_label_set_text (g_ptr_array_index (self->total_labels, c), text);
        }
    }
  g_free (self->ranking_text);
  if (order->len > 0)
    /* Translators: the ranking line above the comparison */
    self->ranking_text = g_strdup_printf (_("Ranking: %s"), ranking->str);
  else
    self->ranking_text = g_strdup ("");
  gtk_label_set_text (self->ranking_label, self->ranking_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->totals_chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->ranking_text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->totals_chart));
}

/* Cost lines */

static GtkWidget *
link_label (const char *url)
{
  g_autofree char *text = vigie_compare_source_label (url);
  g_autofree char *markup = NULL;
  GtkWidget *label;

  if (text == NULL)
    return NULL;
  markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", url, text);
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_widget_set_tooltip_text (label, url);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  return label;
}

static char *
cost_calculation (const VigieCompareCostLine *line)
{
  g_autofree char *unit = NULL;
  g_autofree char *total = NULL;

  if (line->unit_price < 0)
    return g_strdup_printf (_("%g × unknown price"), line->quantity);
  unit = g_strdup_printf ("%g %s", line->unit_price, line->currency ? line->currency : "");
  total = vigie_compare_ui_amount (line->total, line->currency);
  /* Translators: a cost line, e.g. "32 × 135 USD = 4320 USD" */
  return g_strdup_printf (_("%g × %s = %s"), line->quantity, g_strstrip (unit), total);
}

static GtkWidget *
cost_line_row (const VigieCompareCostLine *line,
               guint                       segment)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *dot = gtk_label_new (NULL);
  GtkWidget *item, *details, *link;
  g_autofree char *calculation = cost_calculation (line);
  g_autoptr(GString) detail = g_string_new (calculation);

  if (!line->optional)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span>",
                                                         vigie_compare_cost_color (segment));

      gtk_label_set_markup (GTK_LABEL (dot), markup);
    }
  gtk_label_set_width_chars (GTK_LABEL (dot), 2);
  gtk_widget_set_valign (dot, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), dot);
  item = wrapped_label (line->item, 60);
  gtk_box_append (GTK_BOX (text_box), item);
  if (line->optional)
    g_string_append_printf (detail, " · %s", _("optional, not counted"));
  if (line->overridden)
    g_string_append_printf (detail, " · %s", _("overridden: your price"));
  if (line->checked != NULL)
    {
      /* Translators: when a price was read, e.g. "checked 2026-12-06" */
      g_autofree char *checked = g_strdup_printf (_("checked %s"), line->checked);

      g_string_append_printf (detail, " · %s", checked);
    }
  details = wrapped_label (detail->str, 60);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (text_box), details);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (box), text_box);
  link = link_label (line->source);
  if (link != NULL)
    {
      gtk_widget_set_valign (link, GTK_ALIGN_START);
      gtk_widget_add_css_class (link, "caption");
      gtk_box_append (GTK_BOX (box), link);
    }
  if (line->optional)
    gtk_widget_add_css_class (item, "dim-label");
  return box;
}

/* The number, "?" when unknown. */
static char *
format_count (gint64 n)
{
  return n >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, n) : g_strdup ("?");
}

/* Which plural form: unknown counts read as plural. */
static gulong
plural (gint64 n)
{
  return n >= 0 ? (gulong) MIN (n, G_MAXLONG) : 2;
}

static char *
describe_counted (VigieComparePage *self)
{
  VigieComparison *comparison = self->comparison;
  const VigieCompareCounted *counted = vigie_comparison_get_counted (comparison);
  g_autofree char *n_hosts = format_count (counted->hosts);
  g_autofree char *n_sockets = format_count (counted->sockets);
  g_autofree char *n_cores = format_count (counted->cores);
  g_autofree char *n_instances = format_count (counted->instances);
  /* Translators: part of the estate the cost is computed for, %s is a number or "?" */
  g_autofree char *hosts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s host", "%s hosts",
                                                         plural (counted->hosts)), n_hosts);
  g_autofree char *sockets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s CPU socket",
                                                           "%s CPU sockets",
                                                           plural (counted->sockets)),
                                              n_sockets);
  g_autofree char *cores = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s core", "%s cores",
                                                         plural (counted->cores)), n_cores);
  g_autofree char *instances = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s instance",
                                                             "%s instances",
                                                             plural (counted->instances)),
                                                n_instances);
  /* Translators: the estate the cost is computed for: hosts, sockets, cores, instances */
  g_autofree char *what = g_strdup_printf (_("%s, %s, %s, %s"), hosts, sockets, cores,
                                           instances);
  GString *text;

  text = g_string_new (NULL);
  if (counted->from_profile && self->profile_saved)
    g_string_printf (text, _("Priced for your hardware profile (hardware.json), not the live "
                             "hosts: %s."), what);
  else if (counted->from_profile)
    g_string_printf (text, _("Priced for the default hardware profile, as no endpoint reports "
                             "its hosts: %s."), what);
  else
    g_string_printf (text, _("Priced for the live estate: %s."), what);
  if (vigie_comparison_get_prices_overridden (comparison))
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Prices overridden by %s."),
                              vigie_comparison_get_prices_origin (comparison));
    }
  else
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("Prices from the knowledge base, dated and sourced; no currency "
                               "is converted."));
    }
  return g_string_free (text, FALSE);
}

void
vigie_compare_page_build_costs (VigieComparePage *self)
{
  VigieComparison *comparison = self->comparison;
  GPtrArray *lines = vigie_comparison_get_cost_lines (comparison);
  g_autofree char *counted = describe_counted (self);
  g_autoptr(GString) summary = g_string_new (NULL);

  gtk_label_set_text (self->counted_label, counted);
  clear_container (GTK_WIDGET (self->cost_box));
  for (guint c = 0; c < vigie_comparison_get_n_columns (comparison); c++)
    {
      const VigieCompareColumn *column = vigie_comparison_get_column (comparison, c);
      int criterion = vigie_comparison_find_criterion (comparison, "license_cost");
      const VigieCompareCell *cell = criterion >= 0
                                     ? vigie_comparison_get_cell (comparison, criterion, c) : NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      g_autofree char *amount = vigie_compare_ui_amount (cell ? cell->amount : -1,
                                                             cell ? cell->currency : NULL);
      /* Translators: a column and its yearly cost, e.g. "lab-esxi: 10800 USD" */
      g_autofree char *heading = g_strdup_printf (_("%s: %s"), vigie_compare_column_title (column),
                                                  amount);
      GtkWidget *title = wrapped_label (heading, 0);
      guint segment = 0;

      gtk_widget_add_css_class (title, "heading");
      gtk_box_append (GTK_BOX (box), title);
      for (guint i = 0; i < lines->len; i++)
        {
          const VigieCompareCostLine *line = g_ptr_array_index (lines, i);

          if (!g_str_equal (line->column, column->key))
            continue;
          gtk_box_append (GTK_BOX (box), cost_line_row (line, segment));
          if (!line->optional)
            segment++;
        }
      gtk_box_append (self->cost_box, box);
      if (summary->len > 0)
        g_string_append (summary, "; ");
      g_string_append (summary, heading);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cost_chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary->str, -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->cost_chart), -1,
                               vigie_compare_chart_height (comparison));
  gtk_widget_set_size_request (GTK_WIDGET (self->totals_chart), -1,
                               vigie_compare_chart_height (comparison));
  gtk_widget_queue_draw (GTK_WIDGET (self->cost_chart));
}

/* Claims */

static const char *
describe_verdict (const char *verdict,
                  const char **css)
{
  if (g_strcmp0 (verdict, "true") == 0)
    {
      *css = "score-5";
      /* Translators: the verdict on a claim */
      return _("True");
    }
  if (g_strcmp0 (verdict, "false") == 0)
    {
      *css = "score-0";
      return _("False");
    }
  *css = "score-2";
  return _("Partly true");
}

void
vigie_compare_page_build_claims (VigieComparePage *self)
{
  GPtrArray *claims = vigie_comparison_get_claims (self->comparison);

  clear_container (GTK_WIDGET (self->claims_list));
  for (guint i = 0; i < claims->len; i++)
    {
      const VigieCompareClaim *claim = g_ptr_array_index (claims, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *verdict, *text, *links;
      GString *sources;
      const char *css = NULL;
      const char *label = describe_verdict (claim->verdict, &css);
      g_autofree char *accessible = NULL;

      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      verdict = gtk_label_new (label);
      gtk_widget_add_css_class (verdict, "vigie-score");
      gtk_widget_add_css_class (verdict, css);
      gtk_widget_set_valign (verdict, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (top), verdict);
      text = wrapped_label (claim->claim, 0);
      gtk_widget_add_css_class (text, "heading");
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (top), text);
      gtk_box_append (GTK_BOX (box), top);
      if (claim->explanation != NULL)
        {
          GtkWidget *explanation = wrapped_label (claim->explanation, 0);

          gtk_label_set_selectable (GTK_LABEL (explanation), TRUE);
          gtk_box_append (GTK_BOX (box), explanation);
        }
      /* One wrapping label, so that long addresses never widen the page. */
      sources = g_string_new (NULL);
      for (guint s = 0; claim->sources != NULL && claim->sources[s] != NULL; s++)
        {
          g_autofree char *text = vigie_compare_source_label (claim->sources[s]);
          g_autofree char *markup = g_markup_printf_escaped ("<a href=\"%s\" title=\"%s\">%s</a>",
                                                             claim->sources[s], claim->sources[s],
                                                             text);

          if (sources->len > 0)
            g_string_append (sources, " · ");
          g_string_append (sources, markup);
        }
      if (claim->checked != NULL)
        {
          /* Translators: when a claim was checked, e.g. "checked 2026-11-30" */
          g_autofree char *checked = g_strdup_printf (_("checked %s"), claim->checked);
          g_autofree char *markup = g_markup_escape_text (checked, -1);

          if (sources->len > 0)
            g_string_append (sources, " · ");
          g_string_append (sources, markup);
        }
      links = wrapped_label (NULL, 0);
      gtk_label_set_markup (GTK_LABEL (links), sources->str);
      gtk_widget_add_css_class (links, "caption");
      g_string_free (sources, TRUE);
      gtk_box_append (GTK_BOX (box), links);
      /* Translators: a claim's accessible name: verdict, then the claim */
      accessible = g_strdup_printf (_("%s: %s"), label, claim->claim);
      gtk_list_box_append (self->claims_list, box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
    }
  if (claims->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("The knowledge base checks no claim about these "
                                         "products."));

      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_list_box_append (self->claims_list, none);
    }
}
