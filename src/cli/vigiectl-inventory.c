/* vigiectl-inventory.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-report.h"
#include "vigiectl.h"

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
  const GOptionEntry entries[] = {
    { "endpoint", 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, N_("Only this endpoint (repeatable)"),
      N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, json or csv"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Hosts, instances and storage of every endpoint"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!vigiectl_parse_report_options (context, &argc, &argv, &format))
    return VIGIECTL_EXIT_USAGE;

  backends = vigiectl_select_backends (ctl, names);
  if (backends == NULL)
    return VIGIECTL_EXIT_USAGE;
  inventories = vigiectl_fetch (ctl, backends, VIGIE_FETCH_INVENTORY);

  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonNode) root =
        vigie_report_inventory_json (inventories,
                                     vigie_clock_now (vigie_context_get_clock (ctl->context)));
      output = vigie_json_to_string (root);
      g_print ("%s\n", output);
    }
  else if (g_str_equal (format, "csv"))
    {
      output = vigie_report_inventory_csv (inventories);
      g_print ("%s", output);
    }
  else
    {
      output = vigie_report_inventory_table (inventories,
                                             vigie_clock_now (vigie_context_get_clock (ctl->context)));
      g_print ("%s", output);
    }
  return vigiectl_exit_status (inventories);
}
