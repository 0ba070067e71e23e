/* fuzz-compare-files.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files a user hands the comparison: prices.json (price overrides) and
 * a --weights file, read as JSON the way vigiectl and the Compare page read
 * them, then a comparison of two product lines computed and priced with
 * them (the overrides reach the cost lines).
 */

#include "config.h"

#include "fuzz-common.h"
#include "vigie-compare.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = fuzz_json (data, size);
  g_autoptr(GPtrArray) inventories = g_ptr_array_new ();
  JsonObject *object = vigie_json_node_object (root);

  if (object == NULL)
    return 0;
  for (guint mode = 0; mode < 2; mode++)
    {
      g_autoptr(VigieComparison) comparison =
        vigie_comparison_new (mode == 0 ? VIGIE_COMPARE_HYPERVISORS : VIGIE_COMPARE_BACKUP);
      g_autofree char *weights = NULL;

      vigie_comparison_set_language (comparison, "en");
      vigie_comparison_set_now (comparison, 1796515200);
      vigie_comparison_set_prices (comparison, object, "fuzz", NULL);
      vigie_comparison_merge_weights (comparison, object, NULL);
      if (mode == 0)
        {
          vigie_comparison_add_product (comparison, "proxmox-ve-9", NULL);
          vigie_comparison_add_product (comparison, "esxi-8", NULL);
        }
      else
        {
          vigie_comparison_add_product (comparison, "pbs-4", NULL);
          vigie_comparison_add_product (comparison, "veeam-13", NULL);
        }
      vigie_comparison_compute (comparison, inventories);
      for (guint c = 0; c < vigie_comparison_get_n_columns (comparison); c++)
        vigie_comparison_get_score (comparison, c);
      weights = vigie_comparison_weights_to_string (comparison);
    }
  return 0;
}
