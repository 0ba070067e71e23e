/* vigie-migrate-report.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vigiectl migrate-check's outputs (JSON "vigie.migrate-check/1", table,
 * CSV) and the readiness section of report documents (markdown, HTML, PDF:
 * the Compare report's appendix and migrate-check --format markdown).
 */

#define G_LOG_DOMAIN "vigie-migrate"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-migrate.h"
#include "vigie-report.h"

char *
vigie_migrate_to_json (GListModel *checks,
                       GPtrArray  *inventories,
                       gint64      now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = g_list_model_get_n_items (checks);

  json_builder_begin_object (builder);
  vigie_json_add_string (builder, "schema", "vigie.migrate-check/1");
  vigie_json_add_time (builder, "generated_at", now);
  json_builder_set_member_name (builder, "endpoints");
  json_builder_begin_array (builder);
  for (guint i = 0; inventories != NULL && i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);

      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "name", inv->endpoint);
      vigie_json_add_string (builder, "kind", vigie_kind_to_string (inv->kind));
      vigie_json_add_string (builder, "status", vigie_status_to_string (inv->status));
      vigie_json_add_string (builder, "error", inv->error);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMigrateCheck) check = g_list_model_get_item (checks, i);

      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "endpoint", check->endpoint);
      vigie_json_add_string (builder, "kind", vigie_kind_to_string (check->kind));
      vigie_json_add_string (builder, "id", check->instance_id);
      vigie_json_add_string (builder, "name", check->name);
      vigie_json_add_string (builder, "type", vigie_instance_type_to_string (check->type));
      vigie_json_add_string (builder, "os", check->os);
      vigie_json_add_string (builder, "to", vigie_migrate_target_to_string (check->target));
      vigie_json_add_string (builder, "verdict", vigie_readiness_to_string (check->verdict));
      vigie_json_add_int (builder, "data_bytes", check->data_bytes);
      vigie_json_add_string (builder, "backup_path", check->backup_path);
      json_builder_set_member_name (builder, "reasons");
      json_builder_begin_array (builder);
      for (guint r = 0; r < check->reasons->len; r++)
        {
          VigieMigrateReason *reason = g_ptr_array_index (check->reasons, r);

          json_builder_begin_object (builder);
          vigie_json_add_string (builder, "rule", reason->rule);
          vigie_json_add_string (builder, "level", vigie_reason_level_to_string (reason->level));
          vigie_json_add_string (builder, "text", reason->text);
          vigie_json_add_string (builder, "detail", reason->detail);
          vigie_json_add_string (builder, "source", reason->source);
          vigie_json_add_string (builder, "checked", reason->checked);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return vigie_json_to_string (root);
}

/* "snapshots (2), vmware-tools": the rules that are not notes first. */
static char *
rule_list (VigieMigrateCheck *check)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < check->reasons->len; r++)
    {
      VigieMigrateReason *reason = g_ptr_array_index (check->reasons, r);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, reason->rule);
      if (reason->level == VIGIE_REASON_UNKNOWN)
        g_string_append (out, "?");
      else if (reason->detail != NULL)
        g_string_append_printf (out, " (%s)", reason->detail);
    }
  return g_string_free (out, FALSE);
}

static char *
bytes_cell (gint64 bytes)
{
  return bytes >= 0 ? vigie_format_bytes (bytes) : g_strdup ("-");
}

static GPtrArray *
table_rows (GListModel *checks,
            gboolean    with_endpoint)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n = g_list_model_get_n_items (checks);
  GStrvBuilder *header = g_strv_builder_new ();

  if (with_endpoint)
    g_strv_builder_add (header, _("ENDPOINT"));
  g_strv_builder_add_many (header, _("NAME"), _("TO"), _("VERDICT"), _("DATA"), _("BACKUP PATH"),
                           _("REASONS"), NULL);
  g_ptr_array_add (rows, g_strv_builder_end (header));
  g_strv_builder_unref (header);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMigrateCheck) check = g_list_model_get_item (checks, i);
      GStrvBuilder *row = g_strv_builder_new ();
      g_autofree char *data = bytes_cell (check->data_bytes);
      g_autofree char *rules = rule_list (check);

      if (with_endpoint)
        g_strv_builder_add (row, check->endpoint);
      g_strv_builder_add_many (row, check->name != NULL ? check->name : check->instance_id,
                               vigie_migrate_target_describe (check->target),
                               vigie_readiness_describe (check->verdict), data,
                               check->backup_path != NULL ? _("Veeam restore") : "-",
                               rules, NULL);
      g_ptr_array_add (rows, g_strv_builder_end (row));
      g_strv_builder_unref (row);
    }
  return rows;
}

char *
vigie_migrate_to_table (GListModel *checks)
{
  g_autoptr(GPtrArray) rows = table_rows (checks, TRUE);

  return vigie_format_table (rows);
}

char *
vigie_migrate_to_csv (GListModel *checks)
{
  GString *out = g_string_new ("endpoint,kind,id,name,to,verdict,data_bytes,backup_path,"
                               "reasons,sources\r\n");
  guint n = g_list_model_get_n_items (checks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMigrateCheck) check = g_list_model_get_item (checks, i);
      g_autofree char *rules = rule_list (check);
      g_autoptr(GString) sources = g_string_new (NULL);
      g_autofree char *bytes = check->data_bytes >= 0
                               ? g_strdup_printf ("%" G_GINT64_FORMAT, check->data_bytes)
                               : g_strdup ("");

      for (guint r = 0; r < check->reasons->len; r++)
        {
          VigieMigrateReason *reason = g_ptr_array_index (check->reasons, r);

          g_string_append_printf (sources, "%s%s", sources->len > 0 ? " " : "", reason->source);
        }
      vigie_csv_append_field (out, check->endpoint);
      g_string_append_c (out, ',');
      vigie_csv_append_field (out, vigie_kind_to_string (check->kind));
      g_string_append_c (out, ',');
      vigie_csv_append_field (out, check->instance_id);
      g_string_append_c (out, ',');
      vigie_csv_append_field (out, check->name);
      g_string_append_c (out, ',');
      vigie_csv_append_field (out, vigie_migrate_target_to_string (check->target));
      g_string_append_c (out, ',');
      vigie_csv_append_field (out, vigie_readiness_to_string (check->verdict));
      g_string_append_c (out, ',');
      vigie_csv_append_number (out, bytes);
      g_string_append_c (out, ',');
      vigie_csv_append_field (out, check->backup_path);
      g_string_append_c (out, ',');
      vigie_csv_append_field (out, rules);
      g_string_append_c (out, ',');
      vigie_csv_append_field (out, sources->str);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/* ---- The Compare report's appendix ---- */

static GPtrArray *
rule_rows (GListModel *checks)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n = g_list_model_get_n_items (checks);

  g_ptr_array_add (rows, g_strdupv ((char *[]) { _("RULE"), _("WHY"), _("SOURCE"), NULL }));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMigrateCheck) check = g_list_model_get_item (checks, i);

      for (guint r = 0; r < check->reasons->len; r++)
        {
          VigieMigrateReason *reason = g_ptr_array_index (check->reasons, r);
          g_autofree char *source = NULL;

          if (reason->level == VIGIE_REASON_UNKNOWN ||
              g_hash_table_contains (seen, reason->rule))
            continue;
          g_hash_table_add (seen, g_strdup (reason->rule));
          source = g_strdup_printf ("%s (%s)", reason->source, reason->checked);
          g_ptr_array_add (rows, g_strdupv ((char *[]) { reason->rule, reason->text, source,
                                                         NULL }));
        }
    }
  return rows;
}

void
vigie_migrate_add_to_doc (GListModel     *checks,
                          VigieReportDoc *doc)
{
  guint n = g_list_model_get_n_items (checks);

  vigie_report_doc_add_heading (doc, _("Migration readiness"));
  if (n == 0)
    {
      vigie_report_doc_add_paragraph (doc, _("No ESXi VM or Proxmox VE guest to check."));
      return;
    }
  vigie_report_doc_add_paragraph (doc, _("What it takes to move each guest (docs/migrate.md). "
                                         "A rule followed by ? could not be checked: Vigie does "
                                         "not know that fact."));
  vigie_report_doc_add_table (doc, table_rows (checks, TRUE));
  vigie_report_doc_add_table (doc, rule_rows (checks));
}

static void
markdown_table (GString   *out,
                GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      g_string_append_c (out, '|');
      for (guint c = 0; row[c] != NULL; c++)
        vigie_report_md_cell (out, row[c]);
      g_string_append_c (out, '\n');
      if (i == 0)
        {
          g_string_append_c (out, '|');
          for (guint c = 0; row[c] != NULL; c++)
            g_string_append (out, "---|");
          g_string_append_c (out, '\n');
        }
    }
}

static void
html_table (GString   *out,
            GPtrArray *rows)
{
  g_string_append (out, "\n<table>\n");
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      g_string_append (out, "<tr>");
      for (guint c = 0; row[c] != NULL; c++)
        vigie_report_html_element (out, i == 0 ? "th" : "td", row[c]);
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</table>\n");
}

void
vigie_migrate_append_markdown (GString    *out,
                               GListModel *checks)
{
  g_autoptr(GPtrArray) rows = table_rows (checks, TRUE);
  g_autoptr(GPtrArray) sources = rule_rows (checks);

  g_string_append_printf (out, "\n## %s\n\n%s\n\n", _("Appendix: migration readiness"),
                          _("What it takes to move each guest (docs/migrate.md). A rule "
                            "followed by ? could not be checked: Vigie does not know that fact."));
  markdown_table (out, rows);
  g_string_append_c (out, '\n');
  markdown_table (out, sources);
}

void
vigie_migrate_append_html (GString    *out,
                           GListModel *checks)
{
  g_autoptr(GPtrArray) rows = table_rows (checks, TRUE);
  g_autoptr(GPtrArray) sources = rule_rows (checks);

  vigie_report_html_element (out, "h2", _("Appendix: migration readiness"));
  vigie_report_html_element (out, "p",
                             _("What it takes to move each guest (docs/migrate.md). A rule "
                               "followed by ? could not be checked: Vigie does not know that "
                               "fact."));
  html_table (out, rows);
  html_table (out, sources);
}

void
vigie_migrate_append_pdf (VigieReportPdf *pdf,
                          GListModel     *checks)
{
  g_autoptr(GPtrArray) rows = table_rows (checks, TRUE);
  g_autoptr(GPtrArray) sources = rule_rows (checks);

  vigie_report_pdf_heading (pdf, _("Appendix: migration readiness"));
  vigie_report_pdf_paragraph (pdf, _("What it takes to move each guest (docs/migrate.md). A rule "
                                     "followed by ? could not be checked: Vigie does not know "
                                     "that fact."), "Sans 9", 0, 6);
  vigie_report_pdf_table (pdf, rows);
  vigie_report_pdf_table (pdf, sources);
}
