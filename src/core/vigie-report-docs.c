/* vigie-report-docs.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inventory and the backup coverage as report documents (Markdown,
 * HTML, PDF: vigie-report-doc.h), from the same rows as their table views.
 */

#define G_LOG_DOMAIN "vigie-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-clock.h"
#include "vigie-coverage.h"
#include "vigie-report.h"

/* "Generated: …" and "Endpoints: name (product version, status), …". */
static void
add_common_facts (VigieReportDoc *doc,
                  GPtrArray      *inventories,
                  gint64          now)
{
  g_autofree char *date = vigie_format_time (now);
  g_autofree char *generated = g_strdup_printf (_("Generated: %s"), date);
  g_autoptr(GString) endpoints = g_string_new (NULL);
  g_autofree char *line = NULL;

  vigie_report_doc_add_fact (doc, generated);
  for (guint i = 0; inventories != NULL && i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);
      g_autofree char *support = vigie_report_support_cell (inv, now);

      if (endpoints->len > 0)
        g_string_append (endpoints, ", ");
      g_string_append_printf (endpoints, "%s (%s %s, %s, %s)", inv->endpoint,
                              inv->product ? inv->product : vigie_kind_to_string (inv->kind),
                              inv->version ? inv->version : "?",
                              vigie_status_to_string (inv->status), support);
    }
  line = g_strdup_printf (_("Endpoints: %s"), endpoints->len ? endpoints->str : _("none"));
  vigie_report_doc_add_fact (doc, line);
}

static GPtrArray *
host_rows (VigieInventory *inv)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inv->hosts));

  g_ptr_array_add (rows, g_strsplit (_("NAME|STATE|VERSION|CORES|MEMORY"), "|", -1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieHost) host = g_list_model_get_item (G_LIST_MODEL (inv->hosts), i);
      GStrv row = g_new0 (char *, 6);

      row[0] = g_strdup (host->name != NULL ? host->name : "-");
      row[1] = g_strdup (vigie_host_state_to_string (host->state));
      row[2] = g_strdup (host->version != NULL ? host->version : "-");
      row[3] = host->cpu_cores >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, host->cpu_cores)
                                    : g_strdup ("-");
      row[4] = vigie_format_bytes (host->memory_bytes);
      g_ptr_array_add (rows, row);
    }
  return rows;
}

VigieReportDoc *
vigie_report_inventory_doc (GPtrArray  *inventories,
                            gint64      now,
                            const char *lang)
{
  VigieReportDoc *doc = vigie_report_doc_new (_("Inventory report"), lang);
  g_autoptr(GPtrArray) instances = NULL;
  GPtrArray *endpoints = NULL;

  add_common_facts (doc, inventories, now);
  vigie_report_inventory_rows (inventories, now, &endpoints, &instances);
  vigie_report_doc_add_heading (doc, _("Endpoints"));
  vigie_report_doc_add_table (doc, endpoints);

  for (guint i = 0; inventories != NULL && i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      g_autoptr(GPtrArray) ignored = NULL;
      GPtrArray *own = NULL;
      g_autofree char *title = NULL;

      g_ptr_array_add (one, inv);
      vigie_report_inventory_rows (one, now, &ignored, &own);
      vigie_report_doc_add_heading (doc, inv->endpoint);
      if (inv->status != VIGIE_STATUS_OK)
        {
          g_autofree char *reason = g_strdup_printf ("%s: %s",
                                                     vigie_status_to_string (inv->status),
                                                     inv->error ? inv->error : "");

          vigie_report_doc_add_paragraph (doc, reason);
        }
      title = g_strdup_printf (_("Hosts of %s"), inv->endpoint);
      vigie_report_doc_add_paragraph (doc, title);
      vigie_report_doc_add_table (doc, host_rows (inv));
      g_clear_pointer (&title, g_free);
      title = g_strdup_printf (_("Instances of %s"), inv->endpoint);
      vigie_report_doc_add_paragraph (doc, title);
      vigie_report_doc_add_table (doc, own);
    }
  return doc;
}

VigieReportDoc *
vigie_report_backups_doc (GPtrArray  *inventories,
                          GListModel *coverage,
                          GListModel *jobs,
                          double      rpo_hours,
                          gint64      now,
                          const char *lang)
{
  VigieReportDoc *doc = vigie_report_doc_new (_("Backup coverage report"), lang);
  g_autofree char *rpo = g_strdup_printf (_("Recovery point objective: %g hours"), rpo_hours);
  g_autofree char *summary = vigie_report_backups_summary (coverage);

  add_common_facts (doc, inventories, now);
  vigie_report_doc_add_fact (doc, rpo);
  vigie_report_doc_add_heading (doc, _("Summary"));
  vigie_report_doc_add_paragraph (doc, g_strchomp (summary));
  for (guint i = 0; inventories != NULL && i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);
      g_autofree char *line = NULL;

      if (inv->status == VIGIE_STATUS_OK)
        continue;
      line = g_strdup_printf (_("%s: %s: %s\n"), inv->endpoint,
                              vigie_status_to_string (inv->status),
                              inv->error ? inv->error : "");
      vigie_report_doc_add_paragraph (doc, g_strchomp (line));
    }
  vigie_report_doc_add_heading (doc, _("Instances"));
  vigie_report_doc_add_table (doc, vigie_report_backups_rows (coverage));
  if (jobs != NULL && g_list_model_get_n_items (jobs) > 0)
    {
      vigie_report_doc_add_heading (doc, _("Jobs"));
      vigie_report_doc_add_table (doc, vigie_report_jobs_rows (jobs));
    }
  return doc;
}
