/* vigiectl-endpoint.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vigiectl endpoint list|show|remove|export|import, per the contract, and
 * the subcommands' dispatch; `endpoint add` is in vigiectl-endpoint-add.c.
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>

#include "vigie-backends.h"
#include "vigie-tls.h"
#include "vigiectl.h"

static void
print_endpoint_usage (FILE *out)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n", _("Usage:"));
  g_string_append (text, "  vigiectl endpoint add NAME --kind KIND --url URL [AUTH] [TRUST] "
                         "[--no-verify]\n"
                         "  vigiectl endpoint list [--format table|json]\n"
                         "  vigiectl endpoint show NAME [--format table|json]\n"
                         "  vigiectl endpoint remove NAME\n"
                         "  vigiectl endpoint export FILE\n"
                         "  vigiectl endpoint import FILE\n\n");
  g_string_append_printf (text, "%s\n", _("Authentication (AUTH):"));
  g_string_append_printf (text, "  --user USER --password-stdin         %s\n",
                          _("a user and the password read from standard input"));
  g_string_append_printf (text, "  --token-id ID --secret-stdin         %s\n",
                          _("an API token and its secret read from standard input"));
  g_string_append_printf (text, "  --client-cert FILE --client-key FILE %s\n",
                          _("a TLS client certificate (Incus)"));
  g_string_append_printf (text, "  --trust-token TOKEN                  %s\n",
                          _("make a key pair and enrol it with this token (Incus)"));
  g_string_append_printf (text, "  --trust-token-stdin                  %s\n",
                          _("the same, the token read from standard input"));
  g_string_append_printf (text, "%s\n", _("Trust (TRUST):"));
  g_string_append_printf (text, "  --fingerprint SHA256                 %s\n",
                          _("pin this server certificate"));
  g_string_append_printf (text, "  --trust-on-first-use                 %s\n",
                          _("pin whatever certificate the server shows now"));
  g_string_append_printf (text, "  %s\n",
                          _("(neither is needed with a trust token, which names the server "
                            "certificate, nor when the system’s CAs verify the server)"));
  g_string_append_printf (text, "  --no-verify                          %s\n",
                          _("save without connecting first"));
  fputs (text->str, out);
}

/* Output */

static gboolean
parse_format (const char  *format,
              gboolean    *json)
{
  if (format == NULL || g_str_equal (format, "table"))
    *json = FALSE;
  else if (g_str_equal (format, "json"))
    *json = TRUE;
  else
    {
      vigiectl_error (_("unknown format “%s” (table or json)"), format);
      return FALSE;
    }
  return TRUE;
}

static void
add_nullable (JsonBuilder *builder,
              const char  *member,
              const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
build_endpoint_json (JsonBuilder   *builder,
                     VigieEndpoint *endpoint,
                     const char    *schema)
{
  g_autofree char *fingerprint = vigie_fingerprint_format (vigie_endpoint_get_fingerprint (endpoint));
  g_auto(GStrv) options = vigie_endpoint_list_options (endpoint);

  json_builder_begin_object (builder);
  if (schema != NULL)
    {
      json_builder_set_member_name (builder, "schema");
      json_builder_add_string_value (builder, schema);
    }
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, vigie_endpoint_get_name (endpoint));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, vigie_endpoint_get_uuid (endpoint));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, vigie_kind_to_string (vigie_endpoint_get_kind (endpoint)));
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, vigie_endpoint_get_url (endpoint));
  add_nullable (builder, "user", vigie_endpoint_get_user (endpoint));
  add_nullable (builder, "token_id", vigie_endpoint_get_token_id (endpoint));
  add_nullable (builder, "fingerprint", fingerprint);
  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  for (guint i = 0; options[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, options[i]);
      json_builder_add_string_value (builder, vigie_endpoint_get_option (endpoint, options[i]));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static gboolean
parse_format_option (int          *argc,
                     char       ***argv,
                     const char   *parameter,
                     gboolean     *json)
{
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, argc, argv, &error))
    {
      vigiectl_error ("%s", error->message);
      return FALSE;
    }
  return parse_format (format, json);
}

static int
endpoint_list (Vigiectl  *ctl,
               int        argc,
               char     **argv)
{
  gboolean json = FALSE;
  guint n;

  if (!parse_format_option (&argc, &argv, "", &json))
    return VIGIECTL_EXIT_USAGE;
  if (argc != 1)
    {
      vigiectl_error (_("endpoint list takes no argument"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (!vigiectl_load_store (ctl))
    return VIGIECTL_EXIT_USAGE;

  n = g_list_model_get_n_items (G_LIST_MODEL (ctl->store));
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "schema");
      json_builder_add_string_value (builder, "vigie.endpoints/1");
      json_builder_set_member_name (builder, "endpoints");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieEndpoint) endpoint = g_list_model_get_item (G_LIST_MODEL (ctl->store), i);
          build_endpoint_json (builder, endpoint, NULL);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    {
      int width = 4;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieEndpoint) endpoint = g_list_model_get_item (G_LIST_MODEL (ctl->store), i);
          width = MAX (width, (int) g_utf8_strlen (vigie_endpoint_get_name (endpoint), -1));
        }
      /* Column headers stay in English: scripts parse them. */
      g_print ("%-*s  %-8s  %-6s  %s\n", width, "NAME", "KIND", "PINNED", "URL");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieEndpoint) endpoint = g_list_model_get_item (G_LIST_MODEL (ctl->store), i);
          const char *endpoint_name = vigie_endpoint_get_name (endpoint);
          int pad = width - (int) g_utf8_strlen (endpoint_name, -1);

          g_print ("%s%*s  %-8s  %-6s  %s\n", endpoint_name, pad, "",
                   vigie_kind_to_string (vigie_endpoint_get_kind (endpoint)),
                   vigie_endpoint_get_fingerprint (endpoint) != NULL ? "yes" : "no",
                   vigie_endpoint_get_url (endpoint));
        }
    }
  return VIGIECTL_EXIT_OK;
}

/* The endpoint named @name, from the endpoint list loaded first; NULL
 * (and why, printed) when the list cannot be read or has no such name. */
static VigieEndpoint *
load_endpoint (Vigiectl   *ctl,
               const char *name)
{
  VigieEndpoint *endpoint;

  if (!vigiectl_load_store (ctl))
    return NULL;
  endpoint = vigie_endpoint_store_find_by_name (ctl->store, name);
  if (endpoint == NULL)
    vigiectl_error (_("no endpoint named “%s”"), name);
  return endpoint;
}

static void
print_field (const char *label,
             const char *value)
{
  g_print ("%-14s %s\n", label, value != NULL ? value : "—");
}

static int
endpoint_show (Vigiectl  *ctl,
               int        argc,
               char     **argv)
{
  VigieEndpoint *endpoint;
  gboolean json = FALSE;

  if (!parse_format_option (&argc, &argv, "NAME", &json))
    return VIGIECTL_EXIT_USAGE;
  if (argc != 2)
    {
      vigiectl_error (_("endpoint show takes one NAME"));
      return VIGIECTL_EXIT_USAGE;
    }
  endpoint = load_endpoint (ctl, argv[1]);
  if (endpoint == NULL)
    return VIGIECTL_EXIT_USAGE;

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      build_endpoint_json (builder, endpoint, "vigie.endpoint/1");
      print_json (builder);
    }
  else
    {
      g_autofree char *fingerprint =
        vigie_fingerprint_format (vigie_endpoint_get_fingerprint (endpoint));
      g_autofree char *kind = g_strdup_printf ("%s (%s)",
                                               vigie_kind_to_string (vigie_endpoint_get_kind (endpoint)),
                                               vigie_kind_get_product_name (vigie_endpoint_get_kind (endpoint)));
      g_auto(GStrv) options = vigie_endpoint_list_options (endpoint);

      print_field (_("Name:"), vigie_endpoint_get_name (endpoint));
      print_field (_("Kind:"), kind);
      print_field (_("URL:"), vigie_endpoint_get_url (endpoint));
      print_field (_("UUID:"), vigie_endpoint_get_uuid (endpoint));
      print_field (_("User:"), vigie_endpoint_get_user (endpoint));
      print_field (_("Token ID:"), vigie_endpoint_get_token_id (endpoint));
      print_field (_("Fingerprint:"), fingerprint != NULL ? fingerprint
                                                          : _("none (the system’s CAs decide)"));
      for (guint i = 0; options[i] != NULL; i++)
        {
          const char *value = vigie_endpoint_get_option (endpoint, options[i]);
          g_autofree char *label = g_strdup_printf ("%s:", options[i]);

          /* A PEM certificate is public but long: say what it is. */
          if (strstr (value, "-----BEGIN") != NULL)
            {
              g_autofree char *summary = g_strdup_printf (_("(PEM, %u bytes)"),
                                                          (guint) strlen (value));
              print_field (label, summary);
            }
          else
            print_field (label, value);
        }
    }
  return VIGIECTL_EXIT_OK;
}

static int
endpoint_remove (Vigiectl  *ctl,
                 int        argc,
                 char     **argv)
{
  g_autoptr(VigieEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;
  int status = VIGIECTL_EXIT_OK;

  if (argc != 2)
    {
      vigiectl_error (_("endpoint remove takes one NAME"));
      return VIGIECTL_EXIT_USAGE;
    }
  endpoint = load_endpoint (ctl, argv[1]);
  if (endpoint == NULL)
    return VIGIECTL_EXIT_USAGE;
  g_object_ref (endpoint);

  if (!vigiectl_clear_secrets (ctl, vigie_endpoint_get_uuid (endpoint), &error))
    {
      vigiectl_error (_("the secrets of %s could not be cleared: %s"), argv[1], error->message);
      g_clear_error (&error);
      status = VIGIECTL_EXIT_PARTIAL;
    }
  vigie_endpoint_store_remove (ctl->store, endpoint);
  if (!vigie_endpoint_store_save (ctl->store, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  g_print (_("Removed %s\n"), argv[1]);
  return status;
}

static int
endpoint_export (Vigiectl  *ctl,
                 int        argc,
                 char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (argc != 2)
    {
      vigiectl_error (_("endpoint export takes one FILE (- for standard output)"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (!vigiectl_load_store (ctl))
    return VIGIECTL_EXIT_USAGE;
  data = vigie_endpoint_store_export_to_data (ctl->store, &length);
  if (g_str_equal (argv[1], "-"))
    {
      fwrite (data, 1, length, stdout);
      return VIGIECTL_EXIT_OK;
    }
  /* It names the servers a person administers: created 0600 (a temporary
   * file renamed into place), never readable by others even for a moment. */
  if (!g_file_set_contents_full (argv[1], data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  return VIGIECTL_EXIT_OK;
}

static int
endpoint_import (Vigiectl  *ctl,
                 int        argc,
                 char     **argv)
{
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  int added;

  if (argc != 2)
    {
      vigiectl_error (_("endpoint import takes one FILE (- for standard input)"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (!vigiectl_load_store (ctl))
    return VIGIECTL_EXIT_USAGE;
  if (g_str_equal (argv[1], "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL,
                                  &error) < 0)
        {
          vigiectl_error ("%s", error->message);
          return VIGIECTL_EXIT_USAGE;
        }
      length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
      data = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
    }
  else if (!g_file_get_contents (argv[1], &data, &length, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }

  added = vigie_endpoint_store_import_from_data (ctl->store, data != NULL ? data : "", length,
                                                 skipped, &error);
  if (added < 0)
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  if (added > 0 && !vigie_endpoint_store_save (ctl->store, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  for (guint i = 0; i < skipped->len; i++)
    vigiectl_error (_("skipped %s: an endpoint of that name exists"),
                    (char *) g_ptr_array_index (skipped, i));
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %d endpoint; its secrets are asked for "
                        "when it is first used\n",
                        "Imported %d endpoints; their secrets are asked for when they are "
                        "first used\n", added), added);
  return VIGIECTL_EXIT_OK;
}

/* remove, export and import take a NAME or a FILE: `--help` is help, not
 * a file to write, and any other option is a mistake. `--` ends the
 * options, for a file whose name starts with a dash. */
static gboolean
plain_arguments (int   *argc,
                 char **argv,
                 int   *status)
{
  for (int i = 2; i < *argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        {
          memmove (argv + i, argv + i + 1, (*argc - i) * sizeof (char *));
          (*argc)--;
          return TRUE;
        }
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_endpoint_usage (stdout);
          *status = VIGIECTL_EXIT_OK;
          return FALSE;
        }
      if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          vigiectl_error (_("unknown option “%s” (a file name starting with - goes after --)"),
                          argv[i]);
          *status = VIGIECTL_EXIT_USAGE;
          return FALSE;
        }
    }
  return TRUE;
}

int
vigiectl_endpoint (Vigiectl  *ctl,
                   int        argc,
                   char     **argv)
{
  static const struct {
    const char      *name;
    VigiectlCommand  run;
    gboolean         plain;   /* no GOptionContext: options handled below */
  } subcommands[] = {
    { "add", vigiectl_endpoint_add, FALSE },
    { "list", endpoint_list, FALSE },
    { "show", endpoint_show, FALSE },
    { "remove", endpoint_remove, TRUE },
    { "export", endpoint_export, TRUE },
    { "import", endpoint_import, TRUE },
  };

  /* GOptionContext would name the program after the subcommand. */
  if (g_get_prgname () == NULL)
    g_set_prgname ("vigiectl");
  if (argc < 2)
    {
      print_endpoint_usage (stderr);
      return VIGIECTL_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_endpoint_usage (stdout);
      return VIGIECTL_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      {
        int status;

        if (subcommands[i].plain && !plain_arguments (&argc, argv, &status))
          return status;
        return subcommands[i].run (ctl, argc - 1, argv + 1);
      }

  vigiectl_error (_("unknown endpoint command “%s”"), argv[1]);
  print_endpoint_usage (stderr);
  return VIGIECTL_EXIT_USAGE;
}
