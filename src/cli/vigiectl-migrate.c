/* vigiectl-migrate.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vigiectl migrate-check: what it takes to move every ESXi VM to Proxmox VE
 * or Incus and every Proxmox VE guest to Incus (docs/migrate.md). Exit
 * codes as for inventory: 0, 2 when an endpoint failed, 1 for bad usage.
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-clock.h"
#include "vigie-coverage.h"
#include "vigie-migrate.h"
#include "vigiectl.h"

int
vigiectl_migrate_check (Vigiectl *ctl,
                        int       argc,
                        char    **argv)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *to = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) backends = NULL;
  g_autoptr(GPtrArray) inventories = NULL;
  g_autoptr(GListStore) coverage = NULL;
  g_autoptr(GListStore) checks = NULL;
  guint targets = VIGIE_MIGRATE_TO_ALL;
  gint64 now;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Only this target: proxmox or incus"),
      N_("TARGET") },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, N_("Only this endpoint (repeatable)"),
      N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("table, json, markdown, csv, html or pdf"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Write to this file"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Report language: en or fr"), N_("LANG") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("What it takes to move each VM to Proxmox VE or Incus"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!vigiectl_parse_report_options (context, &argc, &argv, &format, &output, &lang))
    return VIGIECTL_EXIT_USAGE;
  if (g_strcmp0 (to, "proxmox") == 0)
    targets = VIGIE_MIGRATE_TO_PROXMOX;
  else if (g_strcmp0 (to, "incus") == 0)
    targets = VIGIE_MIGRATE_TO_INCUS;
  else if (to != NULL)
    {
      vigiectl_error (_("unknown target “%s” (proxmox or incus)"), to);
      return VIGIECTL_EXIT_USAGE;
    }

  backends = vigiectl_select_backends (ctl, names);
  if (backends == NULL)
    return VIGIECTL_EXIT_USAGE;
  if (names != NULL && names[0] != NULL)
    vigiectl_add_backup_endpoints (ctl, backends);
  inventories = vigiectl_fetch_with_backups (ctl, backends);
  now = vigie_clock_now (vigie_context_get_clock (ctl->context));
  coverage = vigie_coverage_compute (inventories, now, vigie_context_get_rpo_hours (ctl->context));
  checks = vigie_migrate_check_all (inventories, G_LIST_MODEL (coverage),
                                    vigie_knowledge_get_default (), targets,
                                    lang != NULL ? lang : vigie_report_ui_lang ());

  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inventory = g_ptr_array_index (inventories, i);

      if (inventory->status != VIGIE_STATUS_OK)
        vigiectl_error (_("%s: %s"), inventory->endpoint,
                        inventory->error != NULL ? inventory->error
                                                 : vigie_status_to_string (inventory->status));
    }

  if (g_str_equal (format, "markdown") || g_str_equal (format, "html") ||
      g_str_equal (format, "pdf"))
    {
      g_autoptr(VigieReportDoc) doc = vigie_report_doc_new (_("Migration readiness"),
                                                            lang != NULL ? lang
                                                                         : vigie_report_ui_lang ());
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (now);
      g_autofree char *when = g_date_time_format (date, "%Y-%m-%d %H:%M UTC");

      vigie_report_doc_add_fact (doc, when);
      vigie_migrate_add_to_doc (G_LIST_MODEL (checks), doc);
      if (!vigiectl_write_document (doc, format, output))
        return VIGIECTL_EXIT_USAGE;
      return vigiectl_exit_status (inventories);
    }
  if (g_str_equal (format, "json"))
    {
      g_autofree char *json = vigie_migrate_to_json (G_LIST_MODEL (checks), inventories, now);

      text = g_strconcat (json, "\n", NULL);
    }
  else if (g_str_equal (format, "csv"))
    text = vigie_migrate_to_csv (G_LIST_MODEL (checks));
  else
    text = vigie_migrate_to_table (G_LIST_MODEL (checks));
  if (!vigiectl_write_output (output, text))
    return VIGIECTL_EXIT_USAGE;
  return vigiectl_exit_status (inventories);
}
