/* vigie-compare-report.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The comparison's outputs: the contract's JSON ("vigie.compare/1"), a
 * text table, CSV, Markdown and one self-contained printable HTML file.
 * Every report states its date, the endpoints and versions seen, the
 * weights, the prices used and whether the user overrode them, and a
 * numbered list of sources.
 */

#define G_LOG_DOMAIN "vigie-compare"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "vigie-clock.h"
#include "vigie-compare-private.h"
#include "vigie-migrate.h"
#include "vigie-report.h"

/* ---- shared ---- */

GPtrArray *
vigie_compare_sources (VigieComparison *self,
                       GHashTable     **index)
{
  GPtrArray *urls = g_ptr_array_new_with_free_func (g_free);
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

#define ADD_URL(url) \
  G_STMT_START { \
    const char *u_ = (url); \
    if (u_ != NULL && g_str_has_prefix (u_, "http") && !g_hash_table_contains (seen, u_)) \
      { \
        char *copy_ = g_strdup (u_); \
        g_ptr_array_add (urls, copy_); \
        g_hash_table_insert (seen, copy_, GUINT_TO_POINTER (urls->len)); \
      } \
  } G_STMT_END

  for (guint i = 0; i < self->cells->len; i++)
    ADD_URL (((VigieCompareCell *) g_ptr_array_index (self->cells, i))->source);
  for (guint i = 0; i < self->cost_lines->len; i++)
    ADD_URL (((VigieCompareCostLine *) g_ptr_array_index (self->cost_lines, i))->source);
  for (guint i = 0; i < self->claims->len; i++)
    {
      VigieCompareClaim *claim = g_ptr_array_index (self->claims, i);

      for (guint s = 0; claim->sources[s] != NULL; s++)
        ADD_URL (claim->sources[s]);
    }
#undef ADD_URL
  *index = seen;
  return urls;
}

/* "[3]" for a URL of the list, "live", or "". */
char *
vigie_compare_source_ref (GHashTable *index,
                          const char *source)
{
  guint n;

  if (source == NULL)
    return g_strdup ("");
  n = GPOINTER_TO_UINT (g_hash_table_lookup (index, source));
  if (n > 0)
    return g_strdup_printf ("[%u]", n);
  return g_strdup (g_str_equal (source, "live") ? _("live") : source);
}

GListStore *
vigie_compare_migration (VigieComparison *self)
{
  g_autoptr(GListStore) checks = NULL;

  if (self->mode != VIGIE_COMPARE_HYPERVISORS || self->inventories == NULL)
    return NULL;
  checks = vigie_migrate_check_all (self->inventories, G_LIST_MODEL (self->coverage),
                                    vigie_knowledge_get_default (), VIGIE_MIGRATE_TO_ALL,
                                    vigie_compare_lang (self));
  if (g_list_model_get_n_items (G_LIST_MODEL (checks)) == 0)
    return NULL;
  return g_steal_pointer (&checks);
}

const char *
vigie_compare_verdict_label (const char *verdict)
{
  if (g_strcmp0 (verdict, "true") == 0)
    /* Translators: the verdict on a claim */
    return _("true");
  if (g_strcmp0 (verdict, "false") == 0)
    /* Translators: the verdict on a claim */
    return _("false");
  /* Translators: the verdict on a claim */
  return _("partly true");
}

const char *
vigie_compare_title (VigieComparison *self)
{
  return self->mode == VIGIE_COMPARE_BACKUP ? _("Comparison of backup solutions")
                                            : _("Comparison of hypervisors");
}

char *
vigie_compare_cell_text (const VigieCompareCell *cell)
{
  g_autofree char *score = vigie_compare_format_score (cell->score);

  if (cell->score < 0)
    return g_strdup (cell->value != NULL ? cell->value : "–");
  return g_strdup_printf ("%s (%s)", cell->value != NULL ? cell->value : "–", score);
}

/* One line each: what the report was made from. */
GPtrArray *
vigie_compare_facts_lines (VigieComparison *self)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *date = vigie_format_time (self->now);
  g_autoptr(GString) endpoints = g_string_new (NULL);
  g_autoptr(GString) weights = g_string_new (NULL);
  const VigieCompareCounted *counted = &self->counted;
  g_autofree char *sockets = counted->sockets >= 0
                             ? g_strdup_printf ("%" G_GINT64_FORMAT, counted->sockets)
                             : g_strdup ("?");
  g_autofree char *cores = counted->cores >= 0
                           ? g_strdup_printf ("%" G_GINT64_FORMAT, counted->cores)
                           : g_strdup ("?");

  g_ptr_array_add (lines, g_strdup_printf (_("Generated: %s"), date));
  for (guint i = 0; i < self->inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (self->inventories, i);

      if (endpoints->len > 0)
        g_string_append (endpoints, ", ");
      g_string_append_printf (endpoints, "%s (%s %s, %s)", inv->endpoint,
                              inv->product ? inv->product : vigie_kind_to_string (inv->kind),
                              inv->version ? inv->version : "?",
                              vigie_status_to_string (inv->status));
    }
  g_ptr_array_add (lines, g_strdup_printf (_("Endpoints: %s"),
                                           endpoints->len ? endpoints->str : _("none")));
  for (guint i = 0; i < self->criteria->len; i++)
    {
      VigieCompareCriterion *criterion = g_ptr_array_index (self->criteria, i);

      if (!criterion->scored)
        continue;
      if (weights->len > 0)
        g_string_append (weights, ", ");
      g_string_append_printf (weights, "%s %g", criterion->id,
                              vigie_comparison_get_weight (self, criterion->id));
    }
  g_ptr_array_add (lines, g_strdup_printf (_("Weights (%s): %s"),
                                           self->preset ? vigie_compare_preset_label (self->preset)
                                                        : _("custom"), weights->str));
  g_ptr_array_add (lines, self->prices != NULL
                          ? g_strdup_printf (_("Prices: the knowledge base's, overridden by %s"),
                                             self->prices_origin ? self->prices_origin : "?")
                          : g_strdup (_("Prices: the knowledge base's (dated and sourced, see "
                                        "the cost lines)")));
  g_ptr_array_add (lines,
                   g_strdup_printf (_("Estate counted%s: %d hosts, %s sockets, %s cores, "
                                      "%d instances"),
                                    counted->from_profile ? _(" (hardware profile)") : "",
                                    (int) counted->hosts, sockets, cores,
                                    (int) counted->instances));
  return lines;
}

/* ---- JSON ---- */

static void
add_number_or_null (JsonBuilder *builder,
                    const char  *member,
                    double       value)
{
  json_builder_set_member_name (builder, member);
  if (value < 0 || isnan (value))
    json_builder_add_null_value (builder);
  else if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_cell (JsonBuilder            *builder,
          const char             *criterion_id,
          const VigieCompareCell *cell)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "value");
  if (!isnan (cell->number))
    {
      if (cell->number == floor (cell->number) && !g_str_has_suffix (criterion_id, "_usage") &&
          !g_str_equal (criterion_id, "backup_coverage"))
        json_builder_add_int_value (builder, (gint64) cell->number);
      else
        json_builder_add_double_value (builder, cell->number);
    }
  else if (cell->value != NULL)
    json_builder_add_string_value (builder, cell->value);
  else
    json_builder_add_null_value (builder);
  add_number_or_null (builder, "score", cell->score);
  vigie_json_add_string (builder, "source", cell->source);
  vigie_json_add_string (builder, "explanation", cell->explanation);
  vigie_json_add_string (builder, "detail", cell->detail);
  vigie_json_add_string (builder, "checked", cell->checked);
  vigie_json_add_string (builder, "confidence", cell->confidence);
  if (g_str_equal (criterion_id, "license_cost"))
    {
      add_number_or_null (builder, "amount", cell->amount);
      vigie_json_add_string (builder, "currency", cell->currency);
    }
  json_builder_end_object (builder);
}

JsonNode *
vigie_comparison_to_json (VigieComparison *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const VigieCompareCounted *counted = &self->counted;

  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);

  json_builder_begin_object (builder);
  vigie_json_add_string (builder, "schema", "vigie.compare/1");
  vigie_json_add_time (builder, "generated_at", self->now);
  vigie_json_add_string (builder, "mode",
                         self->mode == VIGIE_COMPARE_BACKUP ? "backup" : "hypervisors");
  vigie_json_add_string (builder, "language", vigie_compare_lang (self));

  json_builder_set_member_name (builder, "endpoints");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (self->inventories, i);
      g_autoptr(VigieSupport) support =
        vigie_knowledge_support (vigie_knowledge_get_default (), inv->kind, inv->product,
                                 inv->version, inv->build, self->now);

      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "name", inv->endpoint);
      vigie_json_add_string (builder, "kind", vigie_kind_to_string (inv->kind));
      vigie_json_add_string (builder, "status", vigie_status_to_string (inv->status));
      vigie_json_add_string (builder, "error", inv->error);
      vigie_json_add_string (builder, "product", inv->product);
      vigie_json_add_string (builder, "version", inv->version);
      vigie_json_add_string (builder, "support_status",
                             vigie_support_status_to_string (support->status));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < self->columns->len; c++)
    {
      const VigieCompareColumn *column = vigie_comparison_get_column (self, c);

      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "key", column->key);
      vigie_json_add_string (builder, "kind", vigie_kind_to_string (column->kind));
      vigie_json_add_string (builder, "endpoint", column->endpoint);
      vigie_json_add_string (builder, "product", column->product);
      vigie_json_add_string (builder, "version", column->version);
      vigie_json_add_string (builder, "line", column->line);
      vigie_json_add_string (builder, "line_name", column->line_name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "criteria");
  json_builder_begin_array (builder);
  for (guint r = 0; r < self->criteria->len; r++)
    {
      VigieCompareCriterion *criterion = g_ptr_array_index (self->criteria, r);

      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "id", criterion->id);
      vigie_json_add_string (builder, "label", criterion->label);
      vigie_json_add_string (builder, "group", vigie_compare_group_to_string (criterion->group));
      json_builder_set_member_name (builder, "weight");
      json_builder_add_double_value (builder, vigie_comparison_get_weight (self, criterion->id));
      json_builder_set_member_name (builder, "values");
      json_builder_begin_object (builder);
      for (guint c = 0; c < self->columns->len; c++)
        {
          json_builder_set_member_name (builder, vigie_comparison_get_column (self, c)->key);
          add_cell (builder, criterion->id, vigie_comparison_get_cell (self, r, c));
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "weights");
  json_builder_begin_object (builder);
  for (guint r = 0; r < self->criteria->len; r++)
    {
      VigieCompareCriterion *criterion = g_ptr_array_index (self->criteria, r);

      json_builder_set_member_name (builder, criterion->id);
      json_builder_add_double_value (builder, vigie_comparison_get_weight (self, criterion->id));
    }
  json_builder_end_object (builder);
  vigie_json_add_string (builder, "preset", self->preset);

  json_builder_set_member_name (builder, "scores");
  json_builder_begin_object (builder);
  for (guint c = 0; c < self->columns->len; c++)
    {
      double score = vigie_comparison_get_score (self, c);

      if (score < 0)
        continue;
      json_builder_set_member_name (builder, vigie_comparison_get_column (self, c)->key);
      json_builder_add_double_value (builder, round (score * 100) / 100);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "cost");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "counted");
  json_builder_begin_object (builder);
  vigie_json_add_int (builder, "hosts", counted->hosts);
  vigie_json_add_int (builder, "sockets", counted->sockets);
  vigie_json_add_int (builder, "cores", counted->cores);
  vigie_json_add_int (builder, "instances", counted->instances);
  vigie_json_add_int (builder, "hosts_without_cpu_count", counted->unreported);
  vigie_json_add_string (builder, "from", counted->from_profile ? "hardware-profile" : "live");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "prices_overridden");
  json_builder_add_boolean_value (builder, self->prices != NULL);
  vigie_json_add_string (builder, "prices_origin", self->prices_origin);
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->cost_lines->len; i++)
    {
      VigieCompareCostLine *line = g_ptr_array_index (self->cost_lines, i);

      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "column", line->column);
      vigie_json_add_string (builder, "item", line->item);
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_double_value (builder, line->quantity);
      add_number_or_null (builder, "unit_price", line->unit_price);
      vigie_json_add_string (builder, "currency", line->currency);
      add_number_or_null (builder, "total", line->total);
      vigie_json_add_string (builder, "source", line->source);
      vigie_json_add_string (builder, "checked", line->checked);
      json_builder_set_member_name (builder, "optional");
      json_builder_add_boolean_value (builder, line->optional);
      json_builder_set_member_name (builder, "overridden");
      json_builder_add_boolean_value (builder, line->overridden);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "claims");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->claims->len; i++)
    {
      VigieCompareClaim *claim = g_ptr_array_index (self->claims, i);

      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "id", claim->id);
      vigie_json_add_string (builder, "claim", claim->claim);
      vigie_json_add_string (builder, "verdict", claim->verdict);
      vigie_json_add_string (builder, "explanation", claim->explanation);
      vigie_json_add_string (builder, "checked", claim->checked);
      json_builder_set_member_name (builder, "sources");
      json_builder_begin_array (builder);
      for (guint s = 0; claim->sources[s] != NULL; s++)
        json_builder_add_string_value (builder, claim->sources[s]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- table ---- */

static char *
shorten (const char *text,
         guint       max)
{
  if (text == NULL)
    return g_strdup ("-");
  if (g_utf8_strlen (text, -1) <= max)
    return g_strdup (text);
  {
    g_autofree char *head = g_utf8_substring (text, 0, max - 1);

    return g_strconcat (head, "…", NULL);
  }
}

static char *
cost_line_money (double      value,
                 const char *currency)
{
  char *text = vigie_compare_format_amount (value, currency);

  return text != NULL ? text : g_strdup (_("unknown"));
}

char *
vigie_comparison_to_table (VigieComparison *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) costs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) facts = vigie_compare_facts_lines (self);
  g_autofree char *grid = NULL;
  g_autofree char *cost_grid = NULL;
  GString *out = g_string_new (NULL);
  guint n = self->columns->len;
  GStrv row;

  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);

  g_string_append_printf (out, "%s\n", vigie_compare_title (self));
  for (guint i = 0; i < facts->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (facts, i));
  g_string_append_c (out, '\n');

  row = g_new0 (char *, n + 3);
  row[0] = g_utf8_strup (_("Criterion"), -1);
  row[1] = g_utf8_strup (_("Weight"), -1);
  for (guint c = 0; c < n; c++)
    row[c + 2] = g_strdup (vigie_comparison_get_column (self, c)->key);
  g_ptr_array_add (rows, row);
  for (guint r = 0; r < self->criteria->len; r++)
    {
      VigieCompareCriterion *criterion = g_ptr_array_index (self->criteria, r);

      row = g_new0 (char *, n + 3);
      row[0] = g_strdup (criterion->label);
      row[1] = criterion->scored
               ? g_strdup_printf ("%g", vigie_comparison_get_weight (self, criterion->id))
               : g_strdup ("-");
      for (guint c = 0; c < n; c++)
        {
          g_autofree char *text = vigie_compare_cell_text (vigie_comparison_get_cell (self, r, c));

          row[c + 2] = shorten (text, 36);
        }
      g_ptr_array_add (rows, row);
    }
  row = g_new0 (char *, n + 3);
  row[0] = g_utf8_strup (_("Weighted score"), -1);
  row[1] = g_strdup ("");
  for (guint c = 0; c < n; c++)
    row[c + 2] = vigie_compare_format_score (vigie_comparison_get_score (self, c));
  g_ptr_array_add (rows, row);
  grid = vigie_format_table (rows);
  g_string_append (out, grid);

  g_string_append_printf (out, "\n%s\n", _("Cost of the estate"));
  g_ptr_array_add (costs, g_strsplit (_("COLUMN|ITEM|QUANTITY|UNIT PRICE|TOTAL|CHECKED"), "|",
                                      -1));
  for (guint i = 0; i < self->cost_lines->len; i++)
    {
      VigieCompareCostLine *line = g_ptr_array_index (self->cost_lines, i);

      row = g_new0 (char *, 7);
      row[0] = g_strdup (line->column);
      row[1] = line->optional ? g_strdup_printf ("(%s) %s", _("not counted"), line->item)
                              : g_strdup (line->item);
      row[2] = g_strdup_printf ("%g", line->quantity);
      row[3] = cost_line_money (line->unit_price, line->currency);
      row[4] = cost_line_money (line->total, line->currency);
      row[5] = g_strdup (line->overridden ? _("your prices") : line->checked ? line->checked : "-");
      g_ptr_array_add (costs, row);
    }
  cost_grid = vigie_format_table (costs);
  g_string_append (out, cost_grid);

  if (self->claims->len > 0)
    g_string_append_printf (out, "\n%s\n", _("Claims checked"));
  for (guint i = 0; i < self->claims->len; i++)
    {
      VigieCompareClaim *claim = g_ptr_array_index (self->claims, i);

      g_string_append_printf (out, "- %s — %s. %s\n", claim->claim,
                              vigie_compare_verdict_label (claim->verdict), claim->explanation);
    }
  return g_string_free (out, FALSE);
}

/* ---- CSV ---- */

char *
vigie_comparison_to_csv (VigieComparison *self)
{
  GString *out = g_string_new ("criterion,group,weight,column,value,score,source,explanation\n");

  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);

  for (guint r = 0; r < self->criteria->len; r++)
    {
      VigieCompareCriterion *criterion = g_ptr_array_index (self->criteria, r);

      for (guint c = 0; c < self->columns->len; c++)
        {
          const VigieCompareCell *cell = vigie_comparison_get_cell (self, r, c);
          char score_buf[G_ASCII_DTOSTR_BUF_SIZE];
          char weight[G_ASCII_DTOSTR_BUF_SIZE];
          /* Machine output: a dot whatever the locale (the contract). */
          const char *score = cell->score >= 0
                              ? g_ascii_formatd (score_buf, sizeof score_buf, "%g", cell->score)
                              : NULL;

          g_ascii_formatd (weight, sizeof weight, "%g",
                           vigie_comparison_get_weight (self, criterion->id));
          const char *fields[] = {
            criterion->id, vigie_compare_group_to_string (criterion->group), weight,
            vigie_comparison_get_column (self, c)->key, cell->value, score, cell->source,
            cell->explanation,
          };

          for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
            {
              if (f > 0)
                g_string_append_c (out, ',');
              vigie_csv_append_field (out, fields[f]);
            }
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}
