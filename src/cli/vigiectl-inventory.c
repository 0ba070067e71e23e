/* vigiectl-inventory.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "vigie-knowledge.h"
#include "vigie-report.h"
#include "vigiectl.h"

static void
write_stdout (const char *text,
              gsize       length,
              gpointer    user_data)
{
  fwrite (text, 1, length, stdout);
}

int
vigiectl_inventory (Vigiectl *ctl,
                    int       argc,
                    char    **argv)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) backends = NULL;
  g_autoptr(GPtrArray) inventories = NULL;
  g_autofree char *output = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *since = NULL;
  gint64 now;
  const GOptionEntry entries[] = {
    { "endpoint", 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, N_("Only this endpoint (repeatable)"),
      N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("table, json, markdown, csv, html or pdf"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &path, N_("Write to this file"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Report language: en or fr"), N_("LANG") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since,
      N_("Print what changed since then: a date, a date and time, a duration (36h, 7d) "
         "or “last” (the previous run)"), N_("TIME") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Hosts, instances and storage of every endpoint"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!vigiectl_parse_report_options (context, &argc, &argv, &format, &path, &lang))
    return VIGIECTL_EXIT_USAGE;

  if (since != NULL)
    return vigiectl_inventory_since (ctl, names, since, format, path, lang);

  backends = vigiectl_select_backends (ctl, names);
  if (backends == NULL)
    return VIGIECTL_EXIT_USAGE;
  /* Every report names the support status of each product: its
   * knowledge base is read while the endpoints are. */
  vigie_knowledge_preload ();
  inventories = vigiectl_fetch (ctl, backends, VIGIE_FETCH_INVENTORY);
  /* Waits for the preload: a thread still reading the built-in resources
   * while the process exits (no endpoint answered, a usage error) finds
   * them unregistered and aborts. */
  vigie_knowledge_get_default ();
  if (inventories == NULL)
    inventories = g_ptr_array_new_with_free_func (g_object_unref);
  now = vigie_clock_now (vigie_context_get_clock (ctl->context));
  vigiectl_history_record (ctl, names, inventories, NULL, now);

  if (g_str_equal (format, "markdown") || g_str_equal (format, "html") ||
      g_str_equal (format, "pdf"))
    {
      g_autoptr(VigieReportDoc) doc = vigie_report_inventory_doc (inventories, now, lang);

      if (!vigiectl_write_document (doc, format, path))
        return VIGIECTL_EXIT_USAGE;
      return vigiectl_exit_status (inventories);
    }
  if (g_str_equal (format, "json") && path == NULL)
    {
      /* Printed as it is made: no copy of the document is held. */
      vigie_report_inventory_json_emit (inventories, now, write_stdout, NULL);
      write_stdout ("\n", 1, NULL);
      fflush (stdout);
      return vigiectl_exit_status (inventories);
    }
  if (g_str_equal (format, "json"))
    {
      GString *json = vigie_report_inventory_json_text (inventories, now);

      g_string_append_c (json, '\n');
      output = g_string_free (json, FALSE);
    }
  else if (g_str_equal (format, "csv"))
    output = vigie_report_inventory_csv (inventories);
  else
    output = vigie_report_inventory_table (inventories, now);
  if (!vigiectl_write_output (path, output))
    return VIGIECTL_EXIT_USAGE;
  return vigiectl_exit_status (inventories);
}
