/* fuzz-knowledge.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The knowledge-base file (data/knowledge/knowledge.json; built in today,
 * but read by the same loader a file on disk would go through): loaded,
 * then every line of every product asked for its support status at a few
 * versions, its successor and a fact, as the inventory and the comparison
 * ask.
 */

#include "config.h"

#include "fuzz-common.h"
#include "vigie-knowledge.h"

static const char *versions[] = { "8.0.3", "9.0.1.0101", "8.4.1", "4.1", "6.0.3", "12.3.2.4465",
                                  "", "x", NULL };

/* What the contract writers rely on: a known status, a tri-state outdated,
 * (a placed line may still lack a name or dates: those print as null). */
static void
check (const VigieSupport *support)
{
  if (support == NULL)
    return;
  g_assert_cmpint (support->status, <=, VIGIE_SUPPORT_END_OF_SUPPORT);
  g_assert_true (support->outdated >= -1 && support->outdated <= 1);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(VigieKnowledge) knowledge = NULL;
  JsonArray *products;

  knowledge = vigie_knowledge_new_from_data ((const char *) data, (gssize) size, NULL);
  if (knowledge == NULL)
    return 0;
  products = vigie_knowledge_get_products (knowledge);
  for (guint i = 0; products != NULL && i < json_array_get_length (products); i++)
    {
      JsonObject *product = vigie_json_node_object (json_array_get_element (products, i));
      JsonArray *lines = vigie_json_get_array (product, "lines");

      for (guint j = 0; lines != NULL && j < json_array_get_length (lines); j++)
        {
          JsonObject *line = vigie_json_node_object (json_array_get_element (lines, j));
          const char *id = vigie_json_get_string (line, "id");

          for (guint v = 0; versions[v] != NULL; v++)
            {
              g_autoptr(VigieSupport) support =
                vigie_knowledge_line_support (product, line, versions[v], "24022510",
                                              1796515200 /* 2026-12-06 */);

              check (support);
            }
          if (id != NULL)
            vigie_knowledge_successor (knowledge, id, 1796515200);
          vigie_knowledge_get_fact (product, line, "licence");
        }
    }
  for (guint k = VIGIE_KIND_ESXI; k <= VIGIE_KIND_VEEAM; k++)
    for (guint v = 0; versions[v] != NULL; v++)
      {
        g_autoptr(VigieSupport) support =
          vigie_knowledge_support (knowledge, k, "VMware ESXi", versions[v], NULL, 0);

        check (support);
      }
  return 0;
}
