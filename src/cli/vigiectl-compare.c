/* vigiectl-compare.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vigiectl compare: endpoints and knowledge-base product lines side by
 * side (contract 1.1, "Comparison"), in every report format.
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-compare.h"
#include "vigie-coverage.h"
#include "vigie-json.h"
#include "vigie-report.h"
#include "vigiectl.h"

static JsonObject *
read_json_object (const char  *path,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  object = vigie_json_node_object (json_parser_get_root (parser));
  if (object == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it must hold a JSON object"));
      return NULL;
    }
  return json_object_ref (object);
}

/* hosts × sockets × cores from the options, over $config_dir/hardware.json. */
static gboolean
hardware_profile (const char           *config_dir,
                  int                   hosts,
                  int                   sockets,
                  int                   cores,
                  VigieHardwareProfile *profile,
                  gboolean             *have)
{
  g_autofree char *path = g_build_filename (config_dir, "hardware.json", NULL);
  g_autoptr(GError) error = NULL;

  if (!vigie_hardware_profile_load (path, profile, have, &error))
    {
      vigiectl_error ("%s", error->message);
      return FALSE;
    }
  if (hosts > 0)
    profile->hosts = hosts;
  if (sockets > 0)
    profile->sockets = sockets;
  if (cores > 0)
    profile->cores = cores;
  *have |= hosts > 0 || sockets > 0 || cores > 0;
  if (!vigie_hardware_profile_check (profile, &error))
    {
      vigiectl_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

int
vigiectl_compare (Vigiectl *ctl,
                  int       argc,
                  char    **argv)
{
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) products = NULL;
  g_autofree char *format = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *weights_path = NULL;
  g_autofree char *prices_path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *config_dir = NULL;
  g_autofree char *text = NULL;
  gboolean backup = FALSE;
  int hosts = 0, sockets = 0, cores = 0;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backends = NULL;
  g_autoptr(GPtrArray) inventories = NULL;
  g_autoptr(VigieComparison) comparison = NULL;
  g_autoptr(JsonObject) weights = NULL;
  VigieHardwareProfile profile;
  gboolean have_profile;
  const GOptionEntry entries[] = {
    { "endpoint", 0, 0, G_OPTION_ARG_STRING_ARRAY, &names,
      N_("Only this endpoint (repeatable; default: all)"), N_("NAME") },
    { "product", 0, 0, G_OPTION_ARG_STRING_ARRAY, &products,
      N_("Also this product line of the knowledge base (repeatable; see vigiectl products)"),
      N_("LINE") },
    { "backup", 0, 0, G_OPTION_ARG_NONE, &backup, N_("Compare backup solutions"), NULL },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset,
      N_("Weights: balanced, teaching-lab, small-business or cost-first"), N_("NAME") },
    { "weights", 0, 0, G_OPTION_ARG_FILENAME, &weights_path,
      N_("A JSON object {\"criterion\": weight} merged over the preset"), N_("FILE") },
    { "prices", 0, 0, G_OPTION_ARG_FILENAME, &prices_path,
      N_("Price overrides (default: prices.json in the configuration directory)"), N_("FILE") },
    { "hosts", 0, 0, G_OPTION_ARG_INT, &hosts, N_("Hardware profile: number of hosts"),
      N_("N") },
    { "sockets", 0, 0, G_OPTION_ARG_INT, &sockets,
      N_("Hardware profile: CPU sockets per host"), N_("N") },
    { "cores", 0, 0, G_OPTION_ARG_INT, &cores, N_("Hardware profile: cores per CPU socket"),
      N_("N") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("table, json, markdown, csv, html or pdf"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Write to this file"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Report language: en or fr"), N_("LANG") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Compare the endpoints’ products side by side"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!vigiectl_parse_report_options (context, &argc, &argv, &format, &output, &lang))
    return VIGIECTL_EXIT_USAGE;
  if (hosts < 0 || sockets < 0 || cores < 0)
    {
      vigiectl_error (_("--hosts, --sockets and --cores take a number greater than 0"));
      return VIGIECTL_EXIT_USAGE;
    }

  comparison = vigie_comparison_new (backup ? VIGIE_COMPARE_BACKUP : VIGIE_COMPARE_HYPERVISORS);
  vigie_comparison_set_language (comparison, lang);
  vigie_comparison_set_now (comparison,
                            vigie_clock_now (vigie_context_get_clock (ctl->context)));
  vigie_comparison_set_rpo_hours (comparison, vigie_context_get_rpo_hours (ctl->context));
  for (guint i = 0; products != NULL && products[i] != NULL; i++)
    if (!vigie_comparison_add_product (comparison, products[i], &error))
      {
        vigiectl_error ("%s", error->message);
        return VIGIECTL_EXIT_USAGE;
      }
  if (preset != NULL && !vigie_comparison_apply_preset (comparison, preset, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  if (weights_path != NULL)
    {
      weights = read_json_object (weights_path, &error);
      if (weights == NULL || !vigie_comparison_merge_weights (comparison, weights, &error))
        {
          vigiectl_error (_("%s cannot be used: %s"), weights_path, error->message);
          return VIGIECTL_EXIT_USAGE;
        }
    }

  config_dir = ctl->config_dir != NULL ? g_strdup (ctl->config_dir)
                                       : g_build_filename (g_get_user_config_dir (), "vigie",
                                                           NULL);
  if (prices_path != NULL && !g_file_test (prices_path, G_FILE_TEST_EXISTS))
    {
      vigiectl_error (_("%s does not exist"), prices_path);
      return VIGIECTL_EXIT_USAGE;
    }
  if (prices_path == NULL)
    prices_path = g_build_filename (config_dir, "prices.json", NULL);
  if (!vigie_comparison_load_prices_file (comparison, prices_path, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  if (!hardware_profile (config_dir, hosts, sockets, cores, &profile, &have_profile))
    return VIGIECTL_EXIT_USAGE;
  if (have_profile)
    vigie_comparison_set_hardware (comparison, &profile);

  backends = vigiectl_select_backends (ctl, names);
  if (backends == NULL)
    return VIGIECTL_EXIT_USAGE;
  inventories = vigiectl_fetch_with_backups (ctl, backends);
  vigie_comparison_compute (comparison, inventories);

  if (g_str_equal (format, "pdf"))
    {
      if (!vigie_comparison_write_pdf (comparison, output, &error))
        {
          vigiectl_error ("%s", error->message);
          return VIGIECTL_EXIT_USAGE;
        }
      return vigiectl_exit_status (inventories);
    }
  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonNode) root = vigie_comparison_to_json (comparison);
      g_autofree char *json = vigie_json_to_string (root);

      text = g_strconcat (json, "\n", NULL);
    }
  else if (g_str_equal (format, "csv"))
    text = vigie_comparison_to_csv (comparison);
  else if (g_str_equal (format, "markdown"))
    text = vigie_comparison_to_markdown (comparison);
  else if (g_str_equal (format, "html"))
    text = vigie_comparison_to_html (comparison);
  else
    text = vigie_comparison_to_table (comparison);
  if (!vigiectl_write_output (output, text))
    return VIGIECTL_EXIT_USAGE;
  return vigiectl_exit_status (inventories);
}
