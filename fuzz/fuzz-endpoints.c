/* fuzz-endpoints.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The endpoint list keyfile (endpoints.conf, or a file a person imports):
 * read into a store, and what was accepted written back and read again
 * (it must read: the writer escapes what the reader would trip on).
 */

#include "config.h"

#include "fuzz-common.h"
#include "vigie-endpoint-store.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* Never loaded or saved: the directory is only a path. */
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new ("/nonexistent/vigie-fuzz");
  g_autoptr(VigieEndpointStore) again = vigie_endpoint_store_new ("/nonexistent/vigie-fuzz");
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  gsize length = 0;

  if (vigie_endpoint_store_import_from_data (store, (const char *) data, size, skipped,
                                             NULL) < 0)
    return 0;
  text = vigie_endpoint_store_export_to_data (store, &length);
  g_assert_cmpint (vigie_endpoint_store_import_from_data (again, text, length, NULL, NULL), >=,
                   0);
  return 0;
}
