/* vigiectl-common.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What inventory, backups and compare share: choosing endpoints and
 * fetching them all concurrently.
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "vigie-backends.h"
#include "vigie-coverage.h"
#include "vigie-monitor.h"
#include "vigiectl.h"

/* names: NULL or empty for all. Returns NULL (error printed) on an
 * unknown name. */
GPtrArray *
vigiectl_select_backends (Vigiectl *ctl,
                          GStrv     names)
{
  g_autoptr(GPtrArray) backends = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (!vigiectl_load_store (ctl))
    return NULL;

  if (names != NULL && names[0] != NULL)
    {
      for (guint i = 0; names[i] != NULL; i++)
        {
          VigieEndpoint *endpoint = vigie_endpoint_store_find_by_name (ctl->store, names[i]);

          if (endpoint == NULL)
            {
              vigiectl_error (_("no endpoint named “%s”"), names[i]);
              return NULL;
            }
          g_ptr_array_add (backends, vigie_backend_new_for_endpoint (endpoint, ctl->context));
        }
      return g_steal_pointer (&backends);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (ctl->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieEndpoint) endpoint = g_list_model_get_item (G_LIST_MODEL (ctl->store), i);
      VigieBackend *backend = vigie_backend_new_for_endpoint (endpoint, ctl->context);

      if (backend != NULL)
        g_ptr_array_add (backends, backend);
    }
  return g_steal_pointer (&backends);
}

GPtrArray *
vigiectl_fetch (Vigiectl        *ctl,
                GPtrArray       *backends,
                VigieFetchFlags  flags)
{
  g_autoptr(GAsyncResult) result = NULL;

  vigie_fetch_all_async (backends, flags, NULL, vigiectl_result_cb, &result);
  return vigie_fetch_all_finish (vigiectl_wait_result (&result), NULL);
}

GPtrArray *
vigiectl_fetch_with_backups (Vigiectl  *ctl,
                             GPtrArray *backends)
{
  GPtrArray *inventories = vigiectl_fetch (ctl, backends,
                                           VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS);

  if (inventories == NULL)
    inventories = g_ptr_array_new_with_free_func (g_object_unref);
  vigie_coverage_note_fingerprints (inventories, ctl->store);
  return inventories;
}

int
vigiectl_exit_status (GPtrArray *inventories)
{
  for (guint i = 0; inventories != NULL && i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);

      if (inv->status != VIGIE_STATUS_OK)
        return VIGIECTL_EXIT_PARTIAL;
    }
  return VIGIECTL_EXIT_OK;
}

/* Reports are written in the language asked for, whatever the locale. */
gboolean
vigiectl_set_language (const char *lang)
{
  const char *current;

  if (lang == NULL)
    return TRUE;
  if (!g_str_equal (lang, "en") && !g_str_equal (lang, "fr"))
    return FALSE;
  g_setenv ("LANGUAGE", lang, TRUE);
  /* gettext ignores LANGUAGE in the C locale. */
  current = setlocale (LC_MESSAGES, NULL);
  if (current == NULL || g_str_equal (current, "C") || g_str_equal (current, "POSIX"))
    setlocale (LC_MESSAGES, "C.UTF-8");
  else
    setlocale (LC_MESSAGES, "");
  return TRUE;
}

gboolean
vigiectl_write_output (const char  *output,
              const char  *text)
{
  g_autoptr(GError) error = NULL;

  if (output == NULL)
    {
      g_print ("%s", text);
      return TRUE;
    }
  if (!g_file_set_contents (output, text, -1, &error))
    {
      vigiectl_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Parses a report command's options: no argument beyond them, --format
 * table (the default), json, csv, markdown, html or pdf (which needs
 * --output), --lang en or fr (output, lang: where those options are
 * stored). Prints the reason and returns FALSE on bad usage. */
gboolean
vigiectl_parse_report_options (GOptionContext   *context,
                               int              *argc,
                               char           ***argv,
                               char            **format,
                               char            **output,
                               char            **lang)
{
  static const char * const formats[] = {
    "table", "json", "markdown", "csv", "html", "pdf", NULL
  };
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      vigiectl_error ("%s", error->message);
      return FALSE;
    }
  if (*argc > 1)
    {
      vigiectl_error (_("unexpected argument “%s”"), (*argv)[1]);
      return FALSE;
    }
  if (*format == NULL)
    *format = g_strdup ("table");
  if (!g_strv_contains (formats, *format))
    {
      vigiectl_error (_("unknown format “%s” (table, json, markdown, csv, html or pdf)"),
                      *format);
      return FALSE;
    }
  if (g_str_equal (*format, "pdf") && *output == NULL)
    {
      vigiectl_error (_("--format pdf needs --output FILE"));
      return FALSE;
    }
  if (!vigiectl_set_language (*lang))
    {
      vigiectl_error (_("unknown language “%s” (en or fr)"), *lang);
      return FALSE;
    }
  return TRUE;
}

gboolean
vigiectl_write_document (VigieReportDoc *doc,
                         const char     *format,
                         const char     *output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_str_equal (format, "pdf"))
    {
      if (!vigie_report_doc_write_pdf (doc, output, &error))
        {
          vigiectl_error ("%s", error->message);
          return FALSE;
        }
      return TRUE;
    }
  text = g_str_equal (format, "html") ? vigie_report_doc_to_html (doc)
                                      : vigie_report_doc_to_markdown (doc);
  return vigiectl_write_output (output, text);
}

static gboolean
is_backup_kind (VigieKind kind)
{
  return kind == VIGIE_KIND_PBS || kind == VIGIE_KIND_VEEAM;
}

/* With --endpoint, the backup endpoints still count for the coverage of the
 * chosen hypervisors: a PBS is where a Proxmox VE guest's backups are. */
void
vigiectl_add_backup_endpoints (Vigiectl  *ctl,
                      GPtrArray *backends)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (ctl->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieEndpoint) endpoint = g_list_model_get_item (G_LIST_MODEL (ctl->store), i);
      gboolean chosen = FALSE;
      VigieBackend *backend;

      if (!is_backup_kind (vigie_endpoint_get_kind (endpoint)))
        continue;
      for (guint j = 0; j < backends->len && !chosen; j++)
        chosen = vigie_backend_get_endpoint (g_ptr_array_index (backends, j)) == endpoint;
      if (chosen)
        continue;
      backend = vigie_backend_new_for_endpoint (endpoint, ctl->context);
      if (backend != NULL)
        g_ptr_array_add (backends, backend);
    }
}
