/* fuzz-json.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bounded JSON parser: whatever the bytes, no crash, and no tree deeper
 * than VIGIE_JSON_MAX_DEPTH out of json-glib (else the scan missed brackets
 * json-glib saw, and a deeper input would overflow its stack). What parses
 * is generated and parsed again (not asserted: json-glib writes 1e999 as
 * inf). Read split on its "metadata" list (vigie_json_parse_split), the
 * same document gives the same verdict and the same elements.
 */

#include "config.h"

#include "fuzz-common.h"

/* Depth of the tree, counting arrays and objects as the scan does; walked
 * with a stack of its own, not by recursion. */
static guint
tree_depth (JsonNode *root)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (guint));
  guint zero = 0, deepest = 0;

  g_ptr_array_add (nodes, root);
  g_array_append_val (depths, zero);
  while (nodes->len > 0)
    {
      JsonNode *node = g_ptr_array_steal_index (nodes, nodes->len - 1);
      guint depth = g_array_index (depths, guint, depths->len - 1);
      g_autoptr(GList) members = NULL;

      g_array_set_size (depths, depths->len - 1);
      if (!JSON_NODE_HOLDS_ARRAY (node) && !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      depth++;
      deepest = MAX (deepest, depth);
      members = JSON_NODE_HOLDS_ARRAY (node)
                ? json_array_get_elements (json_node_get_array (node))
                : json_object_get_values (json_node_get_object (node));
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_ptr_array_add (nodes, l->data);
          g_array_append_val (depths, depth);
        }
    }
  return deepest;
}

static gpointer
element_text (JsonNode *element,
              gpointer  user_data)
{
  return json_to_string (element, FALSE);
}

static void
check_split (const uint8_t *data,
             size_t         size,
             JsonNode      *root)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(JsonNode) rest = vigie_json_parse_split ((const char *) data, size, "metadata",
                                                     element_text, NULL, g_free, &elements,
                                                     NULL);
  JsonArray *array = vigie_json_get_array (vigie_json_node_object (root), "metadata");

  g_assert_true ((rest == NULL) == (root == NULL));
  g_assert_true ((elements == NULL) == (array == NULL));
  if (array == NULL)
    return;
  g_assert_cmpuint (elements->len, ==, json_array_get_length (array));
  for (guint i = 0; i < elements->len; i++)
    {
      g_autofree char *text = json_to_string (json_array_get_element (array, i), FALSE);

      g_assert_cmpstr (g_ptr_array_index (elements, i), ==, text);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = fuzz_json (data, size);
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  check_split (data, size, root);
  if (root == NULL)
    return 0;
  g_assert_cmpuint (tree_depth (root), <=, VIGIE_JSON_MAX_DEPTH);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  again = vigie_json_parse_bounded (text, length, NULL);
  return 0;
}
