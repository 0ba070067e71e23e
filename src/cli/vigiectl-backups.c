/* vigiectl-backups.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vigie-coverage.h"
#include "vigie-report.h"
#include "vigiectl.h"

static gboolean
parse_rpo (const char *text,
           double     *hours)
{
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (value) || value <= 0)
    return FALSE;
  *hours = value;
  return TRUE;
}

int
vigiectl_backups (Vigiectl *ctl,
                  int       argc,
                  char    **argv)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *format = NULL;
  g_autofree char *rpo_text = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) backends = NULL;
  g_autoptr(GPtrArray) inventories = NULL;
  g_autoptr(GListStore) coverage = NULL;
  g_autoptr(GListStore) jobs = NULL;
  g_autofree char *output = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lang = NULL;
  double rpo_hours = vigie_context_get_rpo_hours (ctl->context);
  gint64 now;
  const GOptionEntry entries[] = {
    { "endpoint", 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, N_("Only this endpoint (repeatable)"),
      N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("table, json, markdown, csv, html or pdf"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &path, N_("Write to this file"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Report language: en or fr"), N_("LANG") },
    { "rpo", 0, 0, G_OPTION_ARG_STRING, &rpo_text,
      N_("Recovery point objective: the age past which a backup is stale (default 24)"),
      N_("HOURS") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("The newest backup of every instance, anywhere"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!vigiectl_parse_report_options (context, &argc, &argv, &format, &path, &lang))
    return VIGIECTL_EXIT_USAGE;
  if (rpo_text != NULL && !parse_rpo (rpo_text, &rpo_hours))
    {
      vigiectl_error (_("invalid RPO “%s”: a number of hours greater than 0"), rpo_text);
      return VIGIECTL_EXIT_USAGE;
    }

  backends = vigiectl_select_backends (ctl, names);
  if (backends == NULL)
    return VIGIECTL_EXIT_USAGE;
  inventories = vigiectl_fetch_with_backups (ctl, backends);
  now = vigie_clock_now (vigie_context_get_clock (ctl->context));
  coverage = vigie_coverage_compute (inventories, now, rpo_hours);
  jobs = vigie_coverage_collect_jobs (inventories);
  vigiectl_history_record (ctl, names, inventories, G_LIST_MODEL (coverage), now);

  if (g_str_equal (format, "markdown") || g_str_equal (format, "html") ||
      g_str_equal (format, "pdf"))
    {
      g_autoptr(VigieReportDoc) doc =
        vigie_report_backups_doc (inventories, G_LIST_MODEL (coverage), G_LIST_MODEL (jobs),
                                  rpo_hours, now, lang);

      if (!vigiectl_write_document (doc, format, path))
        return VIGIECTL_EXIT_USAGE;
      return vigiectl_exit_status (inventories);
    }
  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonNode) root = vigie_report_backups_json (inventories, G_LIST_MODEL (coverage),
                                                            G_LIST_MODEL (jobs), rpo_hours, now);
      g_autofree char *json = vigie_json_to_string (root);

      output = g_strconcat (json, "\n", NULL);
    }
  else if (g_str_equal (format, "csv"))
    output = vigie_report_backups_csv (G_LIST_MODEL (coverage));
  else
    output = vigie_report_backups_table (inventories, G_LIST_MODEL (coverage),
                                         G_LIST_MODEL (jobs));
  if (!vigiectl_write_output (path, output))
    return VIGIECTL_EXIT_USAGE;
  return vigiectl_exit_status (inventories);
}
