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
#include <glib.h>

#include "vigie-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize   (int *argc, char ***argv);

static void
fuzz_quiet_log (const char     *domain,
                GLogLevelFlags  level,
                const char     *message,
                gpointer        user_data)
{
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_handler (NULL, G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE,
                     fuzz_quiet_log, NULL);
  g_log_set_default_handler (g_log_default_handler, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
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
