/* fuzz-incus-token.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Incus trust tokens, as pasted by a person (base64 of JSON, with whatever
 * copy and paste adds).
 */

#include "config.h"

#include "fuzz-common.h"
#include "incus/vigie-incus-parse.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);

  vigie_incus_token_free (vigie_incus_parse_token (text, NULL));
  return 0;
}
