/* fuzz-common.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the libFuzzer targets: a critical or warning is a finding, like
 * a crash (the tests run with G_DEBUG=fatal-criticals too), and debug
 * messages stay quiet so the fuzzer runs at full speed.
 */

#pragma once

#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <glib.h>

#include "vigie-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize   (int *argc, char ***argv);

/* Criticals and warnings abort (SIGABRT, which libFuzzer catches and saves
 * the input of; GLib's own fatal path raises SIGTRAP, which it does not). */
static void
fuzz_log (const char     *domain,
          GLogLevelFlags  level,
          const char     *message,
          gpointer        user_data)
{
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return;
  g_printerr ("%s: %s\n", domain ? domain : "", message);
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_default_handler (fuzz_log, NULL);
  return 0;
}

/* The input as a NUL-terminated string (for parsers of text fields). */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  return g_strndup ((const char *) data, size);
}

/* The input through the one bounded JSON parser every reply goes through;
 * NULL when it refuses it. */
static inline JsonNode *
fuzz_json (const uint8_t *data,
           size_t         size)
{
  return vigie_json_parse_bounded ((const char *) data, size, NULL);
}

static inline void
fuzz_unref_array (GPtrArray *array)
{
  if (array != NULL)
    g_ptr_array_unref (array);
}
