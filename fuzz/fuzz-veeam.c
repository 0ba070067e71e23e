/* fuzz-veeam.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every Veeam REST reply parser on one document: the page's "data" array
 * goes through each list parser, as the backend does, and the results feed
 * each other (sessions into job states, backups into restore points).
 */

#include "config.h"

#include "fuzz-common.h"
#include "veeam/vigie-veeam-parse.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = fuzz_json (data, size);
  g_autofree char *access = NULL, *refresh = NULL, *name = NULL, *build = NULL;
  g_autofree char *platform = NULL, *edition = NULL, *status = NULL;
  g_autoptr(GHashTable) includes = NULL;
  g_autoptr(GHashTable) session_ids = NULL;
  g_autoptr(GHashTable) sessions = NULL;
  g_autoptr(GHashTable) backups = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  JsonArray *items = NULL;
  gint64 expires = 0, total = 0;

  if (root == NULL)
    return 0;
  vigie_veeam_parse_token (root, &access, &refresh, &expires);
  vigie_veeam_parse_server_info (root, &name, &build, &platform);
  edition = vigie_veeam_parse_license (root, &status);
  if (!vigie_veeam_parse_page (root, &items, &total))
    items = vigie_json_node_array (root);
  if (items == NULL)
    return 0;

  includes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  session_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  names = g_hash_table_new (g_str_hash, g_str_equal);
  fuzz_unref_array (vigie_veeam_parse_repositories (items));
  jobs = vigie_veeam_parse_job_states (items, session_ids);
  if (jobs != NULL)
    vigie_veeam_apply_jobs (items, jobs, includes);
  sessions = vigie_veeam_parse_sessions (items);
  backups = vigie_veeam_parse_backups (items);
  objects = vigie_veeam_parse_objects (items);
  fuzz_unref_array (vigie_veeam_parse_restore_points (items, NULL, NULL, NULL));
  for (guint i = 0; objects != NULL && i < objects->len && i < 4; i++)
    fuzz_unref_array (vigie_veeam_parse_restore_points (items, g_ptr_array_index (objects, i),
                                                        backups, names));
  return 0;
}
