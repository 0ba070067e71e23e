/* vigie-test-estate.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window tests build a window over: an endpoint list in a
 * temporary directory and a context with its secrets in memory.
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-context.h"
#include "vigie-endpoint-store.h"

G_BEGIN_DECLS

typedef struct {
  char               *dir;
  VigieEndpointStore *store;
  VigieContext       *context;
} VigieTestEstate;

void        vigie_test_estate_init   (VigieTestEstate *estate);
void        vigie_test_estate_clear  (VigieTestEstate *estate);
/* Adds an endpoint at https://test.invalid (the test backend answers it). */
void        vigie_test_estate_add    (VigieTestEstate *estate,
                                      const char      *name,
                                      VigieKind        kind);
const char *vigie_test_estate_uuid   (VigieTestEstate *estate,
                                      const char      *name);
/* The sidebar's endpoint list (the parent of the first endpoint row). */
GtkListBox *vigie_test_endpoint_list (GtkWidget       *window);
/* Whether every endpoint row of @list (a GtkListBox) reports OK. */
gboolean    vigie_test_rows_ok       (gpointer         list);
/* Waits until every card shown on the window's Overview is built (the
 * page builds those near what it shows once laid out). */
gboolean    vigie_test_wait_overview_built (gpointer     window);

G_END_DECLS
