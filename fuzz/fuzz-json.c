/* fuzz-json.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bounded JSON parser: whatever the bytes, no crash, no stack overflow
 * (the scan and json-glib must agree on the depth); what parses is
 * generated and parsed again (not asserted: json-glib writes 1e999 as inf).
 */

#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = fuzz_json (data, size);
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (root == NULL)
    return 0;
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  again = vigie_json_parse_bounded (text, length, NULL);
  return 0;
}
