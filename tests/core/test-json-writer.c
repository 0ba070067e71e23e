/* test-json-writer.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-json-writer.h"

/* One document written twice through the same calls: into a JsonBuilder,
 * then printed by json-glib's pretty generator, and as text by the writer.
 * The two texts must be the same bytes. */
typedef void (*WriteFunc) (VigieJsonWriter *writer);

static char *
through_json_glib (WriteFunc write)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  VigieJsonWriter writer;

  vigie_json_writer_init_builder (&writer, builder);
  write (&writer);
  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
through_writer (WriteFunc write,
                guint     level)
{
  GString *out = g_string_new (NULL);
  VigieJsonWriter writer;

  vigie_json_writer_init_text (&writer, out, level);
  write (&writer);
  return g_string_free (out, FALSE);
}

static void
write_scalars (VigieJsonWriter *writer)
{
  const double doubles[] = { 0, 1, 0.1, 0.5, 1e21, 1e-7, 1e300, 5e-324, 2.5e15, 1e17,
                             123456789.125, 0.333333333333, -2.75, 42 };
  const gint64 ints[] = { 0, 1, -1, G_MAXINT64, G_MININT64, 1099511627776 };
  char every_byte[128];

  for (guint i = 1; i < 128; i++)
    every_byte[i - 1] = (char) i;
  every_byte[127] = '\0';

  vigie_json_writer_begin_object (writer);
  vigie_json_writer_member (writer, "control and ASCII");
  vigie_json_writer_string (writer, every_byte);
  vigie_json_writer_member (writer, "unicode");
  vigie_json_writer_string (writer, "é€😀 — “quoted” \\ \"x\"");
  vigie_json_writer_member (writer, "empty");
  vigie_json_writer_string (writer, "");
  vigie_json_writer_member (writer, "a \"member\"\n\\");
  vigie_json_writer_null (writer);
  vigie_json_writer_member (writer, "null string");
  vigie_json_writer_string (writer, NULL);
  vigie_json_writer_member (writer, "yes");
  vigie_json_writer_boolean (writer, TRUE);
  vigie_json_writer_member (writer, "no");
  vigie_json_writer_boolean (writer, FALSE);
  vigie_json_writer_member (writer, "doubles");
  vigie_json_writer_begin_array (writer);
  for (guint i = 0; i < G_N_ELEMENTS (doubles); i++)
    vigie_json_writer_double (writer, doubles[i]);
  vigie_json_writer_end_array (writer);
  vigie_json_writer_member (writer, "ints");
  vigie_json_writer_begin_array (writer);
  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    vigie_json_writer_int (writer, ints[i]);
  vigie_json_writer_end_array (writer);
  vigie_json_writer_end_object (writer);
}

/* What reads back: no exponent, which json-glib 1.6 prints as "1e+21.0". */
static void
write_parsable (VigieJsonWriter *writer)
{
  vigie_json_writer_begin_object (writer);
  vigie_json_writer_member (writer, "unicode");
  vigie_json_writer_string (writer, "é€😀 — “quoted” \\ \"x\"\n\x01\x7f");
  vigie_json_writer_member (writer, "null string");
  vigie_json_writer_string (writer, NULL);
  vigie_json_writer_member (writer, "doubles");
  vigie_json_writer_begin_array (writer);
  vigie_json_writer_double (writer, 0.1);
  vigie_json_writer_double (writer, 0.333333333333);
  vigie_json_writer_double (writer, 42);
  vigie_json_writer_end_array (writer);
  vigie_json_writer_end_object (writer);
}

static void
write_nested (VigieJsonWriter *writer)
{
  vigie_json_writer_begin_array (writer);
  vigie_json_writer_begin_object (writer);
  vigie_json_writer_end_object (writer);
  vigie_json_writer_begin_array (writer);
  vigie_json_writer_end_array (writer);
  vigie_json_writer_begin_object (writer);
  vigie_json_writer_member (writer, "empty object");
  vigie_json_writer_begin_object (writer);
  vigie_json_writer_end_object (writer);
  vigie_json_writer_member (writer, "empty array");
  vigie_json_writer_begin_array (writer);
  vigie_json_writer_end_array (writer);
  vigie_json_writer_member (writer, "deep");
  vigie_json_writer_begin_array (writer);
  vigie_json_writer_begin_array (writer);
  vigie_json_writer_begin_object (writer);
  vigie_json_writer_member (writer, "x");
  vigie_json_writer_begin_array (writer);
  vigie_json_writer_string (writer, "y");
  vigie_json_writer_null (writer);
  vigie_json_writer_end_array (writer);
  vigie_json_writer_end_object (writer);
  vigie_json_writer_end_array (writer);
  vigie_json_writer_int (writer, 3);
  vigie_json_writer_end_array (writer);
  vigie_json_writer_end_object (writer);
  vigie_json_writer_double (writer, 1.5);
  vigie_json_writer_end_array (writer);
}

/* json-glib's text for the value nested @level arrays deep, without the
 * arrays' lines: the value as json-glib lays it out at that level. */
static char *
through_json_glib_at (WriteFunc write,
                      guint     level)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  VigieJsonWriter writer;
  guint n;

  vigie_json_writer_init_builder (&writer, builder);
  for (guint i = 0; i < level; i++)
    json_builder_begin_array (builder);
  write (&writer);
  for (guint i = 0; i < level; i++)
    json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >, 2 * level);
  for (guint i = level; i < n - level; i++)
    {
      if (i > level)
        g_string_append_c (out, '\n');
      g_string_append (out, i == level ? lines[i] + 2 * level : lines[i]);
    }
  return g_strdup (out->str);
}

static void
test_same_text (void)
{
  const WriteFunc writes[] = { write_scalars, write_parsable, write_nested };

  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_autofree char *expected = through_json_glib (writes[i]);
      g_autofree char *text = through_writer (writes[i], 0);

      g_assert_cmpstr (text, ==, expected);
      /* At a depth: as json-glib lays out the same value inside others. */
      for (guint level = 1; level < 5; level++)
        {
          g_autofree char *deeper = through_writer (writes[i], level);
          g_autofree char *expected_deeper = through_json_glib_at (writes[i], level);

          g_assert_cmpstr (deeper, ==, expected_deeper);
        }
    }
}

/* The text reads back as the same values. */
static void
test_parses_back (void)
{
  g_autofree char *text = through_writer (write_parsable, 0);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonArray *doubles;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "unicode"), ==,
                   "é€😀 — “quoted” \\ \"x\"\n\x01\x7f");
  g_assert_true (json_object_get_null_member (object, "null string"));
  doubles = json_object_get_array_member (object, "doubles");
  g_assert_cmpfloat (json_array_get_double_element (doubles, 0), ==, 0.1);
  g_assert_cmpfloat (json_array_get_double_element (doubles, 1), ==, 0.333333333333);
  g_assert_cmpfloat (json_array_get_double_element (doubles, 2), ==, 42);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vigie/json-writer/same-text", test_same_text);
  g_test_add_func ("/vigie/json-writer/parses-back", test_parses_back);
  return g_test_run ();
}
