/* fuzz-incus.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every Incus/LXD reply parser on one document: through the envelope
 * ({"type": "sync", "metadata": …}) as the backend reads replies, and on the
 * document itself (events arrive without one); and the instance list read
 * one element at a time, as the backend reads it (vigie_json_parse_split).
 */

#include "config.h"

#include "fuzz-common.h"
#include "incus/vigie-incus-parse.h"

static void
parse_metadata (JsonNode *metadata)
{
  g_autoptr(VigieIncusServer) server = vigie_incus_parse_server (metadata, NULL);
  g_autoptr(VigieIncusOperation) op = vigie_incus_parse_operation (metadata, NULL);
  JsonArray *array = vigie_json_node_array (metadata);
  VigieHost *host;
  gint64 total = 0, used = 0;

  fuzz_unref_array (vigie_incus_parse_instances (metadata, NULL));
  g_strfreev (vigie_incus_parse_names (metadata, NULL));
  if (server != NULL)
    vigie_incus_server_has_extension (server, "instances");
  if (op != NULL)
    vigie_incus_operation_is_done (op);
  fuzz_unref_array (vigie_incus_parse_backups (metadata, "web1", "lab", NULL));
  fuzz_unref_array (vigie_incus_parse_backups (metadata, "web1", NULL, NULL));
  fuzz_unref_array (vigie_incus_parse_cluster_members (metadata, NULL));
  vigie_incus_parse_pool_space (metadata, &total, &used);
  host = vigie_incus_parse_host ("host", metadata);
  g_clear_object (&host);
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && i < 8; i++)
    {
      JsonObject *object = vigie_json_node_object (json_array_get_element (array, i));
      VigieStorage *storage;
      VigieInstance *instance;

      if (object == NULL)
        continue;
      storage = vigie_incus_parse_storage_pool (object, metadata);
      g_clear_object (&storage);
      instance = vigie_incus_parse_instance (object);
      g_clear_object (&instance);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = fuzz_json (data, size);
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(JsonNode) rest = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *operation = NULL, *project = NULL, *name = NULL, *action = NULL;

  rest = vigie_json_parse_split ((const char *) data, size, "metadata",
                                 vigie_incus_parse_list_entry, NULL,
                                 vigie_incus_list_entry_free, &entries, NULL);
  /* Whatever the scan made of it, json-glib's verdict on the document. */
  g_assert_true ((rest == NULL) == (root == NULL));
  if (root == NULL)
    return 0;
  metadata = vigie_incus_parse_envelope (root, &operation, NULL);
  if (metadata != NULL)
    parse_metadata (metadata);
  parse_metadata (root);
  vigie_incus_parse_event (root, &project, &name, &action);
  return 0;
}
