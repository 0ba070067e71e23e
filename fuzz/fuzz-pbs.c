/* fuzz-pbs.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every Proxmox Backup Server reply parser on one document.
 */

#include "config.h"

#include "fuzz-common.h"
#include "pbs/vigie-pbs-parse.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = fuzz_json (data, size);
  g_autofree char *version = NULL, *repoid = NULL, *ticket = NULL, *csrf = NULL;
  VigieHost *host;

  if (root == NULL)
    return 0;
  version = vigie_pbs_parse_version (root, &repoid);
  vigie_pbs_parse_ticket (root, &ticket, &csrf);
  host = vigie_pbs_parse_node_status (root, "pbs.example");
  g_clear_object (&host);
  fuzz_unref_array (vigie_pbs_parse_datastores (root, root, "pbs.example"));
  fuzz_unref_array (vigie_pbs_parse_datastores (root, NULL, NULL));
  fuzz_unref_array (vigie_pbs_parse_datastores (NULL, root, NULL));
  fuzz_unref_array (vigie_pbs_parse_namespaces (root));
  fuzz_unref_array (vigie_pbs_parse_snapshots (root, "store1", "ns"));
  fuzz_unref_array (vigie_pbs_parse_snapshots (root, "store1", NULL));
  fuzz_unref_array (vigie_pbs_parse_failed_backups (root));
  fuzz_unref_array (vigie_pbs_parse_jobs (root, "verify"));
  fuzz_unref_array (vigie_pbs_parse_jobs (root, "sync"));
  return 0;
}
