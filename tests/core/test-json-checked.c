/* test-json-checked.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checked number readers of vigie-json: what a server sends is never
 * cast to an integer it does not fit.
 */

#include "config.h"

#include <math.h>

#include "vigie-json.h"

static JsonObject *
parse (JsonParser *parser,
       const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_get_int (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = parse (parser,
                         "{\"int\":42,\"neg\":-7,\"big\":1e300,\"nbig\":-1e300,\"frac\":2.5,"
                         "\"whole\":3.0,\"exp\":1e3,\"edge\":9223372036854775808.0,"
                         "\"max\":9223372036854775807,\"str\":\"3\",\"bool\":true,"
                         "\"null\":null,\"obj\":{},\"arr\":[1]}");
  gint64 v = 0;

  g_assert_true (vigie_json_get_int (o, "int", &v));
  g_assert_cmpint (v, ==, 42);
  g_assert_true (vigie_json_get_int (o, "neg", &v));
  g_assert_cmpint (v, ==, -7);
  g_assert_true (vigie_json_get_int (o, "whole", &v));
  g_assert_cmpint (v, ==, 3);
  g_assert_true (vigie_json_get_int (o, "exp", &v));
  g_assert_cmpint (v, ==, 1000);
  g_assert_true (vigie_json_get_int (o, "max", &v));
  g_assert_cmpint (v, ==, G_MAXINT64);

  v = 99;
  for (guint i = 0; i < 10; i++)
    {
      const char *bad[] = { "big", "nbig", "frac", "edge", "str", "bool", "null", "obj", "arr",
                            "missing" };

      g_assert_false (vigie_json_get_int (o, bad[i], &v));
    }
  g_assert_false (vigie_json_get_int (NULL, "int", &v));
  /* A refused member leaves the output alone. */
  g_assert_cmpint (v, ==, 99);
}

static void
test_double_to_int (void)
{
  gint64 v = 0;

  g_assert_true (vigie_json_double_to_int (536870912.0 * 2.0, &v));
  g_assert_cmpint (v, ==, 1073741824);
  g_assert_true (vigie_json_double_to_int (-2.9, &v));
  g_assert_cmpint (v, ==, -2);
  g_assert_true (vigie_json_double_to_int (-9223372036854775808.0, &v));
  g_assert_cmpint (v, ==, G_MININT64);
  g_assert_false (vigie_json_double_to_int (9223372036854775808.0, &v));
  g_assert_false (vigie_json_double_to_int (1e300 * 1073741824.0, &v));
  g_assert_false (vigie_json_double_to_int (-1e300, &v));
  g_assert_false (vigie_json_double_to_int (NAN, &v));
  g_assert_false (vigie_json_double_to_int (INFINITY, &v));
}

static void
test_get_number (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = parse (parser, "{\"d\":2.5,\"i\":3,\"s\":\"2.5\",\"big\":1e300}");
  double d = 0;

  g_assert_true (vigie_json_get_number (o, "d", &d));
  g_assert_cmpfloat (d, ==, 2.5);
  g_assert_true (vigie_json_get_number (o, "i", &d));
  g_assert_cmpfloat (d, ==, 3.0);
  /* Finite: a caller may still scale it, through vigie_json_double_to_int. */
  g_assert_true (vigie_json_get_number (o, "big", &d));
  g_assert_false (vigie_json_get_number (o, "s", &d));
  g_assert_null (vigie_json_get_string (o, "d"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/json-checked/get-int", test_get_int);
  g_test_add_func ("/vigie/json-checked/double-to-int", test_double_to_int);
  g_test_add_func ("/vigie/json-checked/get-number", test_get_number);

  return g_test_run ();
}
