/* vigiectl-export.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vigiectl export: the estate export of contract 1.1, a workbook shaped
 * like an RVTools export (or its CSV files) from every selected hypervisor
 * endpoint, with the backup coverage of every backup endpoint.
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-backends.h"
#include "vigie-clock.h"
#include "vigie-export-rvtools.h"
#include "vigiectl.h"

int
vigiectl_export (Vigiectl *ctl,
                 int       argc,
                 char    **argv)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) backends = NULL;
  g_autoptr(GPtrArray) inventories = NULL;
  g_autoptr(GError) error = NULL;
  VigieExportFormat export_format;
  gint64 now;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("rvtools-xlsx or rvtools-csv"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The workbook to write, or the directory of the CSV files"), N_("PATH") },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, N_("Only this endpoint (repeatable)"),
      N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Export the estate as a workbook shaped like an RVTools export"));
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
  if (format == NULL)
    {
      vigiectl_error (_("--format is required (rvtools-xlsx or rvtools-csv)"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (g_str_equal (format, "rvtools-xlsx"))
    export_format = VIGIE_EXPORT_RVTOOLS_XLSX;
  else if (g_str_equal (format, "rvtools-csv"))
    export_format = VIGIE_EXPORT_RVTOOLS_CSV;
  else
    {
      vigiectl_error (_("unknown format “%s” (rvtools-xlsx or rvtools-csv)"), format);
      return VIGIECTL_EXIT_USAGE;
    }
  if (output == NULL || *output == '\0')
    {
      vigiectl_error (_("--output is required"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (export_format == VIGIE_EXPORT_RVTOOLS_XLSX && g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      vigiectl_error (_("“%s” is a directory: the workbook needs a file name"), output);
      return VIGIECTL_EXIT_USAGE;
    }
  if (export_format == VIGIE_EXPORT_RVTOOLS_CSV && g_file_test (output, G_FILE_TEST_EXISTS) &&
      !g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      vigiectl_error (_("“%s” is not a directory: CSV files go in a directory"), output);
      return VIGIECTL_EXIT_USAGE;
    }

  backends = vigiectl_select_backends (ctl, names);
  if (backends == NULL)
    return VIGIECTL_EXIT_USAGE;
  if (names != NULL && names[0] != NULL)
    vigiectl_add_backup_endpoints (ctl, backends);
  inventories = vigiectl_fetch_with_backups (ctl, backends);
  now = vigie_clock_now (vigie_context_get_clock (ctl->context));

  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inventory = g_ptr_array_index (inventories, i);

      if (inventory->status != VIGIE_STATUS_OK)
        vigiectl_error (_("%s: %s"), inventory->endpoint,
                        inventory->error != NULL ? inventory->error
                                                 : vigie_status_to_string (inventory->status));
    }

  if (!vigie_export_estate (inventories, now, vigie_context_get_rpo_hours (ctl->context),
                            export_format, output, &error))
    {
      vigiectl_error ("%s", error->message);
      /* Nothing written: not a partial success. */
      return VIGIECTL_EXIT_USAGE;
    }
  return vigiectl_exit_status (inventories);
}
