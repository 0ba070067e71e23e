/* test-report.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report writers' building blocks, directly: the null conventions of
 * the JSON helpers, printable text, CSV fields and numbers. (Whole reports
 * are checked against the contract in test-backend, test-coverage and the
 * CLI tests.)
 */

#include "config.h"

#include <math.h>

#include "vigie-clock.h"
#include "vigie-report.h"
#include "vigie-resources.h"

static char *
object_of (void (*fill) (JsonBuilder *builder))
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_builder_begin_object (builder);
  fill (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
fill_nulls (JsonBuilder *builder)
{
  vigie_json_add_string (builder, "s", NULL);
  vigie_json_add_int (builder, "i", VIGIE_UNSET);
  vigie_json_add_fraction (builder, "f", -1.0);
  vigie_json_add_fraction (builder, "nan", NAN);
  vigie_json_add_time (builder, "t", 0);
}

static void
fill_values (JsonBuilder *builder)
{
  vigie_json_add_string (builder, "s", "");
  vigie_json_add_int (builder, "i", 0);
  vigie_json_add_fraction (builder, "f", 0.5);
  vigie_json_add_time (builder, "t", 86400);
}

/* What a backend did not report is null, never 0, "" or a made-up date;
 * what it reported as 0 or "" stays so. */
static void
test_json_nulls (void)
{
  g_autofree char *nulls = object_of (fill_nulls);
  g_autofree char *values = object_of (fill_values);
  g_autofree char *day = vigie_format_time (86400);
  g_autofree char *expected = g_strdup_printf ("{\"s\":\"\",\"i\":0,\"f\":0.5,\"t\":\"%s\"}", day);

  g_assert_cmpstr (nulls, ==, "{\"s\":null,\"i\":null,\"f\":null,\"nan\":null,\"t\":null}");
  g_assert_cmpstr (day, ==, "1970-01-02T00:00:00Z");
  g_assert_cmpstr (values, ==, expected);
}

/* Text from servers printed on a terminal: controls and bad UTF-8 made
 * visible, the rest (including non-ASCII) unchanged. */
static void
test_printable (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { "été", "été" },
    { "a\x1b[2Jb", "a\\x1b[2Jb" },
    { "tab\there", "tab\\x09here" },
    { "del\x7f", "del\\x7f" },
    { "c1\xc2\x9b", "c1\\u009b" },
    { "bad\xff", "bad\xef\xbf\xbd" },
  };
  g_autofree char *empty = vigie_report_printable (NULL);

  g_assert_cmpstr (empty, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = vigie_report_printable (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_csv_fields (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "=1+1", "\"'=1+1\"" },
    { "-3", "\"'-3\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      vigie_csv_append_field (out, cases[i].in);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
  {
    g_autoptr(GString) out = g_string_new (NULL);

    /* A number Vigie formatted stays a number; NULL is an empty field. */
    vigie_csv_append_number (out, "-3");
    vigie_csv_append_field (out, NULL);
    g_assert_cmpstr (out->str, ==, "-3");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vigie/report/json-nulls", test_json_nulls);
  g_test_add_func ("/vigie/report/printable", test_printable);
  g_test_add_func ("/vigie/report/csv-fields", test_csv_fields);
  return g_test_run ();
}
