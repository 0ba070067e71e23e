/* vigie-compare-cell.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cell of the Compare page: the value, a score pill and where the value
 * comes from; clicking it opens a popover that explains the score (the rule,
 * the value, the source, when it was checked and how sure the knowledge base
 * is). Everything comes from the engine's cell; nothing is recomputed here.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vigie-compare-cell.h"
#include "vigie-knowledge.h"

enum {
  FACT_VALUE, FACT_SCORE, FACT_WEIGHT, FACT_RULE, FACT_DETAILS, FACT_SOURCE, FACT_CHECKED,
  FACT_CONFIDENCE, N_FACTS
};

struct _VigieCompareCellView
{
  GtkWidget        parent_instance;

  VigieComparison *comparison;
  guint            criterion;
  guint            column;
  GtkWidget       *button;
  GtkWidget       *value;
  GtkWidget       *pill;      /* NULL for a criterion that is not scored */
  GtkWidget       *link;
  GtkWidget       *popover;
  GtkWidget       *title;     /* the popover's, once it was opened */
  GtkWidget       *fact_headings[N_FACTS];
  GtkWidget       *facts[N_FACTS];
};

G_DEFINE_FINAL_TYPE (VigieCompareCellView, vigie_compare_cell_view, GTK_TYPE_WIDGET)

static const char *const pill_classes[] = {
  "score-none", "score-0", "score-1", "score-2", "score-3", "score-4", "score-5",
};

void
vigie_compare_score_pill_set_score (GtkWidget *pill,
                                    double     score)
{
  g_autofree char *text = vigie_compare_format_score (score);
  g_autofree char *accessible = NULL;
  guint level = score < 0 || isnan (score) ? 0 : 1 + (guint) MIN (5, floor (score + 0.25));

  for (guint i = 0; i < G_N_ELEMENTS (pill_classes); i++)
    gtk_widget_remove_css_class (pill, pill_classes[i]);
  gtk_widget_add_css_class (pill, pill_classes[level]);
  gtk_label_set_text (GTK_LABEL (pill), text);
  if (level == 0)
    accessible = g_strdup (_("No score"));
  else
    /* Translators: a score pill, e.g. "Score 4.5 of 5" */
    accessible = g_strdup_printf (_("Score %s of 5"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (pill), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_set_tooltip_text (pill, accessible);
}

GtkWidget *
vigie_compare_score_pill_new (double score)
{
  GtkWidget *pill = gtk_label_new (NULL);

  gtk_widget_add_css_class (pill, "vigie-score");
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (pill, GTK_ALIGN_START);
  vigie_compare_score_pill_set_score (pill, score);
  return pill;
}

char *
vigie_compare_source_label (const char *source)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (source == NULL)
    return NULL;
  if (g_str_equal (source, "live"))
    /* Translators: the source of a value read from the endpoint itself */
    return g_strdup (_("Live"));
  uri = g_uri_parse (source, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL || *host == '\0')
    return g_strdup (_("Source"));
  return g_strdup (g_str_has_prefix (host, "www.") ? host + 4 : host);
}

static const char *
column_name (const VigieCompareColumn *column)
{
  if (column->endpoint != NULL)
    return column->endpoint;
  return column->line_name != NULL ? column->line_name : column->key;
}

/* The engine writes the contract's spelling of a support status; people
 * read it in their language. */
static const char *
display_value (const VigieCompareCriterion *criterion,
               const VigieCompareCell      *cell)
{
  if (cell->value == NULL)
    return NULL;
  if (g_str_equal (criterion->id, "support_status"))
    for (VigieSupportStatus s = VIGIE_SUPPORT_UNKNOWN; s <= VIGIE_SUPPORT_END_OF_SUPPORT; s++)
      if (g_strcmp0 (vigie_support_status_to_string (s), cell->value) == 0)
        return vigie_support_status_describe (s);
  return cell->value;
}

static const char *
describe_confidence (const char *confidence,
                     const char *criterion_id)
{
  gboolean price = g_str_equal (criterion_id, "license_cost") ||
                   g_str_equal (criterion_id, "cost_model");

  if (g_strcmp0 (confidence, "high") == 0)
    return _("High");
  if (g_strcmp0 (confidence, "medium") == 0)
    return _("Medium");
  if (g_strcmp0 (confidence, "low") == 0)
    return price ? _("Low: this price is an estimate, ask a reseller for a quote")
                 : _("Low: check this before relying on it");
  return confidence;
}

/* The popover's rows are made once and filled at every update: a refresh
 * must not take the focus (often on the source link) from under the user. */
static GtkWidget *
build_popover_content (VigieCompareCellView *self)
{
  const char *titles[N_FACTS] = {
    _("Value"), _("Score"), _("Weight"), _("Rule"), _("Details"), _("Source"), _("Checked"),
    _("Confidence"),
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid = gtk_grid_new ();

  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->title), 48);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_box_append (GTK_BOX (box), self->title);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < N_FACTS; i++)
    {
      GtkWidget *heading = gtk_label_new (titles[i]);
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_label_set_yalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
      gtk_grid_attach (GTK_GRID (grid), heading, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), label, 1, i, 1, 1);
      self->fact_headings[i] = heading;
      self->facts[i] = label;
    }
  gtk_box_append (GTK_BOX (box), grid);
  return box;
}

/* A row shows only when it has something to say. */
static void
set_fact (VigieCompareCellView *self,
          guint                 fact,
          const char           *text,
          gboolean              markup)
{
  gboolean shown = text != NULL && *text != '\0';

  gtk_widget_set_visible (self->fact_headings[fact], shown);
  gtk_widget_set_visible (self->facts[fact], shown);
  if (!shown)
    gtk_label_set_text (GTK_LABEL (self->facts[fact]), "");
  else if (markup)
    gtk_label_set_markup (GTK_LABEL (self->facts[fact]), text);
  else
    gtk_label_set_text (GTK_LABEL (self->facts[fact]), text);
}

static void
fill_popover (VigieCompareCellView *self)
{
  const VigieCompareCriterion *criterion = vigie_comparison_get_criterion (self->comparison,
                                                                           self->criterion);
  const VigieCompareColumn *column = vigie_comparison_get_column (self->comparison, self->column);
  const VigieCompareCell *cell = vigie_comparison_get_cell (self->comparison, self->criterion,
                                                            self->column);
  g_autofree char *heading = NULL;
  g_autofree char *score = NULL;
  g_autofree char *source = NULL;
  g_autofree char *weight = NULL;

  if (self->title == NULL)
    gtk_popover_set_child (GTK_POPOVER (self->popover), build_popover_content (self));

  /* Translators: a popover title, "criterion — column", e.g. "Clustering — lab-esxi" */
  heading = g_strdup_printf (_("%s — %s"), criterion->label, column_name (column));
  gtk_label_set_text (GTK_LABEL (self->title), heading);
  set_fact (self, FACT_VALUE,
            cell->value != NULL ? display_value (criterion, cell) : _("Unknown"), FALSE);
  if (criterion->scored)
    {
      g_autofree char *text = vigie_compare_format_score (cell->score);

      /* Translators: a score out of 5, e.g. "4.5 / 5" */
      score = cell->score >= 0 ? g_strdup_printf (_("%s / 5"), text)
                               : g_strdup (_("No score: the value is unknown"));
      weight = g_strdup_printf ("%g", vigie_comparison_get_weight (self->comparison,
                                                                  criterion->id));
    }
  else
    score = g_strdup (_("Not scored: descriptive only"));
  set_fact (self, FACT_SCORE, score, FALSE);
  set_fact (self, FACT_WEIGHT, weight, FALSE);
  set_fact (self, FACT_RULE, cell->explanation, FALSE);
  set_fact (self, FACT_DETAILS, cell->detail, FALSE);
  if (g_strcmp0 (cell->source, "live") == 0)
    source = g_strdup (_("Live: read from the endpoint"));
  else if (cell->source != NULL)
    source = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", cell->source, cell->source);
  set_fact (self, FACT_SOURCE, source != NULL ? source : _("None"),
            source != NULL && g_strcmp0 (cell->source, "live") != 0);
  set_fact (self, FACT_CHECKED, cell->checked, FALSE);
  set_fact (self, FACT_CONFIDENCE, describe_confidence (cell->confidence, criterion->id), FALSE);
}

void
vigie_compare_cell_view_popup (VigieCompareCellView *self)
{
  g_return_if_fail (VIGIE_IS_COMPARE_CELL_VIEW (self));

  /* Built on demand: a page has a few hundred cells. */
  fill_popover (self);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

GtkPopover *
vigie_compare_cell_view_get_popover (VigieCompareCellView *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARE_CELL_VIEW (self), NULL);
  return GTK_POPOVER (self->popover);
}

static void
on_button_clicked_cb (VigieCompareCellView *self)
{
  vigie_compare_cell_view_popup (self);
}

static void
vigie_compare_cell_view_dispose (GObject *object)
{
  VigieCompareCellView *self = (VigieCompareCellView *) object;
  GtkWidget *child;

  /* Closed first: GTK 4.8 warns when an open popover loses its parent. */
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->button = self->value = self->pill = self->link = self->title = NULL;
  g_clear_object (&self->comparison);
  G_OBJECT_CLASS (vigie_compare_cell_view_parent_class)->dispose (object);
}

static void
vigie_compare_cell_view_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  VigieCompareCellView *self = VIGIE_COMPARE_CELL_VIEW (widget);

  GTK_WIDGET_CLASS (vigie_compare_cell_view_parent_class)->size_allocate (widget, width, height,
                                                                          baseline);
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
vigie_compare_cell_view_class_init (VigieCompareCellViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_compare_cell_view_dispose;
  widget_class->size_allocate = vigie_compare_cell_view_size_allocate;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vigie-compare-cell");
}

static void
vigie_compare_cell_view_init (VigieCompareCellView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
}

/* Everything the cell shows comes from the comparison's cell: a refresh
 * gives a new comparison of the same shape and the cell follows it. */
static void
update (VigieCompareCellView *self)
{
  const VigieCompareCriterion *criterion = vigie_comparison_get_criterion (self->comparison,
                                                                           self->criterion);
  const VigieCompareColumn *column = vigie_comparison_get_column (self->comparison, self->column);
  const VigieCompareCell *cell = vigie_comparison_get_cell (self->comparison, self->criterion,
                                                            self->column);
  const char *text = cell->value != NULL ? display_value (criterion, cell) : "–";
  g_autofree char *score = vigie_compare_format_score (cell->score);
  g_autofree char *accessible = NULL;
  g_autofree char *source = vigie_compare_source_label (cell->source);

  gtk_label_set_text (GTK_LABEL (self->value), text);
  if (self->pill != NULL)
    vigie_compare_score_pill_set_score (self->pill, cell->score);
  gtk_widget_set_tooltip_text (self->button, text);
  if (criterion->scored && cell->score >= 0)
    /* Translators: a cell's accessible name: column, criterion, value, score */
    accessible = g_strdup_printf (_("%s, %s: %s, score %s of 5"), column_name (column),
                                  criterion->label, text, score);
  else
    /* Translators: a cell's accessible name: column, criterion, value */
    accessible = g_strdup_printf (_("%s, %s: %s"), column_name (column), criterion->label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);

  gtk_widget_set_visible (self->link, source != NULL);
  if (source == NULL)
    gtk_label_set_text (GTK_LABEL (self->link), "");
  else if (g_str_equal (cell->source, "live"))
    {
      gtk_label_set_text (GTK_LABEL (self->link), source);
      gtk_widget_set_tooltip_text (self->link, _("Read from the endpoint"));
    }
  else
    {
      g_autofree char *markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>",
                                                         cell->source, source);

      gtk_label_set_markup (GTK_LABEL (self->link), markup);
      gtk_widget_set_tooltip_text (self->link, cell->source);
    }

  /* An open popover stays open and shows the new values. */
  if (self->title != NULL && gtk_widget_get_visible (self->popover))
    fill_popover (self);
}

void
vigie_compare_cell_view_set_comparison (VigieCompareCellView *self,
                                        VigieComparison      *comparison)
{
  g_return_if_fail (VIGIE_IS_COMPARE_CELL_VIEW (self));
  g_return_if_fail (VIGIE_IS_COMPARISON (comparison));
  g_return_if_fail (self->criterion < vigie_comparison_get_n_criteria (comparison));
  g_return_if_fail (self->column < vigie_comparison_get_n_columns (comparison));

  g_set_object (&self->comparison, comparison);
  update (self);
}

void
vigie_compare_cell_view_set_compact (VigieCompareCellView *self,
                                     gboolean              compact)
{
  g_return_if_fail (VIGIE_IS_COMPARE_CELL_VIEW (self));

  gtk_label_set_width_chars (GTK_LABEL (self->value), compact ? 4 : 10);
}

GtkWidget *
vigie_compare_cell_view_new (VigieComparison *comparison,
                             guint            criterion_index,
                             guint            column_index)
{
  VigieCompareCellView *self;
  const VigieCompareCriterion *criterion;
  GtkWidget *box;

  g_return_val_if_fail (VIGIE_IS_COMPARISON (comparison), NULL);

  self = g_object_new (VIGIE_TYPE_COMPARE_CELL_VIEW, NULL);
  self->comparison = g_object_ref (comparison);
  self->criterion = criterion_index;
  self->column = column_index;
  criterion = vigie_comparison_get_criterion (comparison, criterion_index);

  self->button = gtk_button_new ();
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_add_css_class (self->button, "vigie-compare-value");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  self->value = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->value), 0);
  gtk_label_set_wrap (GTK_LABEL (self->value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (self->value), 3);
  gtk_label_set_ellipsize (GTK_LABEL (self->value), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->value), 20);
  gtk_label_set_width_chars (GTK_LABEL (self->value), 10);
  gtk_box_append (GTK_BOX (box), self->value);
  if (criterion->scored)
    {
      self->pill = vigie_compare_score_pill_new (-1);
      gtk_box_append (GTK_BOX (box), self->pill);
    }
  gtk_button_set_child (GTK_BUTTON (self->button), box);
  g_signal_connect_object (self->button, "clicked", G_CALLBACK (on_button_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  self->link = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->link), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->link), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->link, "caption");
  gtk_widget_add_css_class (self->link, "vigie-compare-source");
  gtk_widget_set_parent (self->link, GTK_WIDGET (self));

  self->popover = gtk_popover_new ();
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  gtk_widget_set_visible (self->popover, FALSE);
  update (self);
  return GTK_WIDGET (self);
}
