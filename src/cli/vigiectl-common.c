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

#include <glib/gi18n.h>

#include "vigie-backends.h"
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

typedef struct {
  gboolean   done;
  GPtrArray *inventories;
} FetchWait;

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FetchWait *wait = user_data;

  wait->inventories = vigie_fetch_all_finish (result, NULL);
  wait->done = TRUE;
}

GPtrArray *
vigiectl_fetch (Vigiectl        *ctl,
                GPtrArray       *backends,
                VigieFetchFlags  flags)
{
  FetchWait wait = { FALSE, NULL };

  vigie_fetch_all_async (backends, flags, NULL, fetched_cb, &wait);
  vigiectl_wait (&wait.done);
  return wait.inventories;
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

/* Parses a report command's options: no argument beyond them, and --format
 * table (the default), json or csv. Prints the reason and returns FALSE on
 * bad usage. */
gboolean
vigiectl_parse_report_options (GOptionContext   *context,
                               int              *argc,
                               char           ***argv,
                               char            **format)
{
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
  if (!g_str_equal (*format, "table") && !g_str_equal (*format, "json") &&
      !g_str_equal (*format, "csv"))
    {
      vigiectl_error (_("unknown format “%s” (table, json or csv)"), *format);
      return FALSE;
    }
  return TRUE;
}
