/* vigiectl.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vigiectl: Vigie's core on the command line, per ../contract.
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vigie-error.h"
#include "vigie-report.h"
#include "vigiectl.h"

static const struct {
  const char      *name;
  VigiectlCommand  run;
  const char      *summary;
} commands[] = {
  { "endpoint", vigiectl_endpoint, N_("Add, list, show, remove, export or import endpoints") },
  { "inventory", vigiectl_inventory, N_("Hosts, instances and storage of every endpoint") },
  { "backups", vigiectl_backups, N_("Backup coverage of every instance, and backup jobs") },
  { "compare", vigiectl_compare, N_("Compare the endpoints’ products side by side") },
  { "export", vigiectl_export, N_("The estate as a workbook shaped like an RVTools export") },
  { "migrate-check", vigiectl_migrate_check,
    N_("What it takes to move each VM to Proxmox VE or Incus") },
  { "products", vigiectl_products, N_("The knowledge base’s product lines and their support") },
  { "action", vigiectl_action, N_("Run one action on many instances (start, stop, snapshot…)") },
  { "lab", vigiectl_lab, N_("Serve the demo lab on loopback until interrupted") },
};

void
vigiectl_error (const char *format,
                ...)
{
  g_autofree char *message = NULL;
  g_autofree char *printable = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Errors may quote a server: no escape sequence reaches the terminal. */
  printable = vigie_report_printable (message);
  g_printerr ("vigiectl: %s\n", printable);
}

gboolean
vigiectl_load_store (Vigiectl *ctl)
{
  g_autoptr(GError) error = NULL;

  if (ctl->store != NULL)
    return TRUE;
  ctl->store = vigie_endpoint_store_new (ctl->config_dir);
  if (!vigie_endpoint_store_load (ctl->store, &error))
    {
      vigiectl_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

void
vigiectl_result_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GAsyncResult *
vigiectl_wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
print_usage (FILE *out)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n  vigiectl [--config-dir DIR] [--timeout SECONDS] COMMAND …\n\n",
                          _("Usage:"));
  g_string_append_printf (text, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_printf (text, "\n%s\n", _("Options:"));
  g_string_append_printf (text, "  --config-dir DIR   %s\n",
                          _("where the endpoint list is (default: $XDG_CONFIG_HOME/vigie)"));
  g_string_append_printf (text, "  --timeout SECONDS  %s\n",
                          _("how long each endpoint may take as a whole (default: 30)"));
  g_string_append_printf (text, "  --help             %s\n", _("show this help"));
  g_string_append_printf (text, "  --version          %s\n", _("show the version"));
  g_string_append_printf (text, "\n%s\n",
                          _("Exit status: 0 when every endpoint answered, 2 when at least one "
                            "failed, 1 on bad usage."));
  fputs (text->str, out);
}

static void
setup_locale (void)
{
  const char *localedir = g_getenv ("VIGIE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int   argc,
      char *argv[])
{
  Vigiectl ctl = { NULL, 30, NULL, NULL };
  int i;
  int status;

  /* Debug messages go to standard error: standard output is for the JSON,
   * CSV and tables that scripts read. */
  g_log_writer_default_set_use_stderr (TRUE);

  setup_locale ();

  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_usage (stdout);
          return VIGIECTL_EXIT_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("vigiectl %s\n", PACKAGE_VERSION);
          return VIGIECTL_EXIT_OK;
        }
      else if (g_str_equal (arg, "--config-dir") && i + 1 < argc)
        ctl.config_dir = g_strdup (argv[++i]);
      else if (g_str_has_prefix (arg, "--config-dir="))
        ctl.config_dir = g_strdup (arg + strlen ("--config-dir="));
      else if ((g_str_equal (arg, "--timeout") && i + 1 < argc) ||
               g_str_has_prefix (arg, "--timeout="))
        {
          const char *value = g_str_has_prefix (arg, "--timeout=") ? arg + 10 : argv[++i];
          guint64 seconds;

          if (!g_ascii_string_to_unsigned (value, 10, 1, 86400, &seconds, NULL))
            {
              vigiectl_error (_("--timeout takes a number of seconds, not “%s”"), value);
              return VIGIECTL_EXIT_USAGE;
            }
          ctl.timeout = seconds;
        }
      else if (arg[0] == '-')
        {
          vigiectl_error (_("unknown option “%s”"), arg);
          print_usage (stderr);
          return VIGIECTL_EXIT_USAGE;
        }
      else
        break;
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return VIGIECTL_EXIT_USAGE;
    }

  /* VIGIE_NOW (RFC 3339) fixes "today" for support statuses, so that scripts
   * and tests give the same answer on any day. */
  if (g_getenv ("VIGIE_NOW") != NULL)
    {
      gint64 now = vigie_parse_time (g_getenv ("VIGIE_NOW"));
      g_autoptr(VigieClock) clock = NULL;

      if (now <= 0)
        {
          vigiectl_error (_("VIGIE_NOW must be a date and time such as 2026-12-06T12:00:00Z, "
                            "not “%s”"), g_getenv ("VIGIE_NOW"));
          return VIGIECTL_EXIT_USAGE;
        }
      clock = vigie_clock_new_fixed (now);
      ctl.context = vigie_context_new (NULL, clock);
    }
  else
    ctl.context = vigie_context_new (NULL, NULL);
  vigie_context_set_timeout (ctl.context, ctl.timeout);

  status = -1;
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      {
        status = commands[c].run (&ctl, argc - i, argv + i);
        break;
      }
  if (status < 0)
    {
      vigiectl_error (_("unknown command “%s”"), argv[i]);
      print_usage (stderr);
      status = VIGIECTL_EXIT_USAGE;
    }

  g_clear_object (&ctl.store);
  g_clear_object (&ctl.context);
  g_free (ctl.config_dir);
  return status;
}
