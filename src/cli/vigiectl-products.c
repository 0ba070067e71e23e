/* vigiectl-products.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vigiectl products: the knowledge base's product lines (the ids that
 * compare --product takes), with their dates and support status today.
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-knowledge.h"
#include "vigie-report.h"
#include "vigiectl.h"

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
member_true (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* A date fact's value ("2026-08-31"), or NULL. */
static const char *
fact_date (JsonObject *line,
           const char *member)
{
  return member_string (member_object (line, member), "value");
}

typedef struct {
  JsonObject   *product;
  JsonObject   *line;
  VigieSupport *support;   /* of the line's latest version, today */
} Row;

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->support, vigie_support_free);
}

static GArray *
collect (gint64 now)
{
  JsonArray *products = vigie_knowledge_get_products (vigie_knowledge_get_default ());
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));

  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  for (guint p = 0; p < json_array_get_length (products); p++)
    {
      JsonObject *product = json_node_get_object (json_array_get_element (products, p));
      JsonArray *lines = json_object_get_array_member (product, "lines");

      for (guint l = 0; l < json_array_get_length (lines); l++)
        {
          JsonObject *line = json_node_get_object (json_array_get_element (lines, l));
          JsonObject *latest = member_object (member_object (line, "latest"), "value");
          Row row = { product, line, NULL };

          row.support = vigie_knowledge_line_support (product, line,
                                                      member_string (latest, "version"),
                                                      NULL, now);
          g_array_append_val (rows, row);
        }
    }
  return rows;
}

static char *
products_json (GArray *rows,
               gint64  now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  vigie_json_add_string (builder, "schema", "vigie.products/1");
  vigie_json_add_time (builder, "generated_at", now);
  json_builder_set_member_name (builder, "products");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      JsonObject *latest = member_object (member_object (row->line, "latest"), "value");

      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "id", member_string (row->line, "id"));
      vigie_json_add_string (builder, "name", member_string (row->line, "name"));
      vigie_json_add_string (builder, "product", member_string (row->product, "id"));
      vigie_json_add_string (builder, "vendor", member_string (row->product, "vendor"));
      vigie_json_add_string (builder, "kind", member_string (row->product, "kind"));
      vigie_json_add_string (builder, "category", member_string (row->product, "category"));
      json_builder_set_member_name (builder, "edition");
      json_builder_add_boolean_value (builder, member_true (row->line, "edition"));
      json_builder_set_member_name (builder, "feature_releases");
      json_builder_add_boolean_value (builder, member_true (row->line, "feature"));
      vigie_json_add_string (builder, "released", fact_date (row->line, "released"));
      vigie_json_add_string (builder, "ends", fact_date (row->line, "end_of_support"));
      vigie_json_add_string (builder, "latest", member_string (latest, "version"));
      vigie_json_add_string (builder, "latest_label", member_string (latest, "label"));
      vigie_json_add_string (builder, "latest_released", member_string (latest, "released"));
      vigie_json_add_string (builder, "status", vigie_support_status_to_string (row->support->status));
      vigie_json_add_string (builder, "source",
                             member_string (member_object (row->line, "end_of_support"), "source"));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return vigie_json_to_string (root);
}

static char *
or_dash (const char *value)
{
  return g_strdup (value != NULL ? value : "-");
}

static char *
products_table (GArray *rows)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (table, g_strsplit (_("ID|PRODUCT LINE|CATEGORY|RELEASED|ENDS|LATEST|SUPPORT"),
                                      "|", -1));
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      JsonObject *latest = member_object (member_object (row->line, "latest"), "value");
      GStrv cells = g_new0 (char *, 8);

      cells[0] = or_dash (member_string (row->line, "id"));
      cells[1] = or_dash (member_string (row->line, "name"));
      cells[2] = or_dash (member_string (row->product, "category"));
      cells[3] = or_dash (fact_date (row->line, "released"));
      cells[4] = or_dash (fact_date (row->line, "end_of_support"));
      cells[5] = or_dash (member_string (latest, "label"));
      cells[6] = g_strdup (vigie_support_status_to_string (row->support->status));
      g_ptr_array_add (table, cells);
    }
  return vigie_format_table (table);
}

int
vigiectl_products (Vigiectl *ctl,
                   int       argc,
                   char    **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  gint64 now = vigie_clock_now (vigie_context_get_clock (ctl->context));
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("The knowledge base’s product lines and their support"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  if (argc > 1)
    {
      vigiectl_error (_("unexpected argument “%s”"), argv[1]);
      return VIGIECTL_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "table") && !g_str_equal (format, "json"))
    {
      vigiectl_error (_("unknown format “%s” (table or json)"), format);
      return VIGIECTL_EXIT_USAGE;
    }

  rows = collect (now);
  if (format != NULL && g_str_equal (format, "json"))
    {
      output = products_json (rows, now);
      g_print ("%s\n", output);
    }
  else
    {
      output = products_table (rows);
      g_print ("%s", output);
    }
  return VIGIECTL_EXIT_OK;
}
