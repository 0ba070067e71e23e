/* vigie-test-estate.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vigie-endpoint-row.h"
#include "vigie-test-estate.h"
#include "vigie-test-util.h"
#include "vigie-window.h"

void
vigie_test_estate_init (VigieTestEstate *estate)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();

  estate->dir = g_dir_make_tmp ("vigie-test-XXXXXX", NULL);
  estate->store = vigie_endpoint_store_new (estate->dir);
  estate->context = vigie_context_new (secrets, NULL);
}

void
vigie_test_estate_clear (VigieTestEstate *estate)
{
  g_clear_object (&estate->context);
  g_clear_object (&estate->store);
  if (estate->dir != NULL)
    g_rmdir (estate->dir);
  g_clear_pointer (&estate->dir, g_free);
}

void
vigie_test_estate_add (VigieTestEstate *estate,
                       const char      *name,
                       VigieKind        kind)
{
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new (name, kind, "https://test.invalid");
  g_autoptr(GError) error = NULL;

  vigie_endpoint_store_add (estate->store, endpoint, &error);
  g_assert_no_error (error);
}

const char *
vigie_test_estate_uuid (VigieTestEstate *estate,
                        const char      *name)
{
  return vigie_endpoint_get_uuid (vigie_endpoint_store_find_by_name (estate->store, name));
}

GtkListBox *
vigie_test_endpoint_list (GtkWidget *window)
{
  GtkWidget *row = vigie_test_find_widget (window, vigie_test_match_type,
                                           GSIZE_TO_POINTER (VIGIE_TYPE_ENDPOINT_ROW));

  g_assert_nonnull (row);
  return GTK_LIST_BOX (gtk_widget_get_parent (row));
}

static gboolean
overview_built (gpointer data)
{
  VigieOverviewPage *overview = data;
  guint n = vigie_overview_page_get_n_groups (overview);

  return n > 0 && vigie_overview_page_get_n_built (overview) >= n;
}

gboolean
vigie_test_wait_overview_built (gpointer window)
{
  return vigie_test_wait_until (overview_built,
                                vigie_window_get_overview_page (VIGIE_WINDOW (window)), 10);
}

gboolean
vigie_test_rows_ok (gpointer list)
{
  GtkListBoxRow *row;

  /* Row 0 is the "all endpoints" row. */
  for (int i = 1; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (vigie_endpoint_row_get_status (VIGIE_ENDPOINT_ROW (row)) != VIGIE_UI_STATUS_OK)
      return FALSE;
  return TRUE;
}
