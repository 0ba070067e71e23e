/* fuzz-upid.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text fields the backends take apart themselves: Proxmox VE and PBS
 * task ids (UPIDs), PBS backup worker ids, Veeam API revisions, Incus
 * sizes, CPU limits and resource URLs, Proxmox tags.
 */

#include "config.h"

#include "fuzz-common.h"
#include "incus/vigie-incus-parse.h"
#include "pbs/vigie-pbs-parse.h"
#include "proxmox/vigie-proxmox-parse.h"
#include "veeam/vigie-veeam-parse.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autofree char *node = NULL, *type = NULL, *id = NULL, *url_name = NULL;
  g_autofree char *store = NULL, *ns = NULL, *btype = NULL, *bid = NULL;
  g_auto(VigiePbsUpid) upid = { 0 };
  g_autoptr(GPtrArray) revisions = NULL;
  g_auto(GStrv) tags = NULL;
  gint64 starttime = 0;

  vigie_proxmox_parse_upid (text, &node, &type, &id, &starttime);
  vigie_pbs_parse_upid (text, &upid);
  vigie_pbs_parse_backup_worker (text, &store, &ns, &btype, &bid);
  revisions = vigie_veeam_parse_revisions (text);
  vigie_veeam_compare_revisions (text, "1.1-rev2");
  vigie_incus_parse_size (text);
  vigie_incus_parse_cpu_limit (text);
  url_name = vigie_incus_name_from_url (text);
  tags = vigie_proxmox_split_tags (text);
  return 0;
}
