/* test-json-bounded.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vigie_json_parse_bounded(), the one parser every JSON reply goes through:
 * a hostile nesting is refused before json-glib recurses into it, and the
 * ways json-glib's scanner could see brackets the scan does not (quotes,
 * escapes, comments, NUL bytes) are refused or followed.
 */

#include <string.h>

#include "vigie-error.h"
#include "vigie-http-client.h"
#include "vigie-json.h"

static JsonNode *
parse (const char  *text,
       GError     **error)
{
  return vigie_json_parse_bounded (text, strlen (text), error);
}

/* text with @depth opening brackets, then @middle, then the closing ones. */
static char *
nested (guint       depth,
        const char *middle)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, i % 2 ? "{\"a\":" : "[");
  g_string_append (s, middle);
  for (guint i = depth; i > 0; i--)
    g_string_append (s, (i - 1) % 2 ? "}" : "]");
  return g_string_free (s, FALSE);
}

static void
test_hostile_nesting (void)
{
  /* What a hostile endpoint sent: json-glib alone overflows its stack. */
  gsize size = 200 * 1024;
  g_autofree char *text = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  memset (text, '[', size);
  bytes = g_bytes_new (text, size);
  root = vigie_json_parse_bytes (bytes, &error);
  g_assert_null (root);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "128"));
}

static void
test_depth_limit (void)
{
  g_autofree char *deepest = nested (VIGIE_JSON_MAX_DEPTH, "1");
  g_autofree char *deeper = nested (VIGIE_JSON_MAX_DEPTH + 1, "1");
  g_autoptr(JsonNode) ok = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(GError) error = NULL;

  ok = parse (deepest, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
  refused = parse (deeper, &error);
  g_assert_null (refused);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  g_assert_false (vigie_json_check_bounds ("[[[]]]", 6, 2, NULL));
  g_assert_true (vigie_json_check_bounds ("[[]][[]]", 8, 2, NULL));
  /* Closing brackets that open nothing do not buy depth. */
  g_assert_false (vigie_json_check_bounds ("]]]][[[", 7, 2, NULL));
}

static void
test_brackets_in_strings (void)
{
  g_autofree char *many = g_strnfill (10000, '[');
  g_autofree char *dq = g_strdup_printf ("{\"note\": \"%s\", \"q\": \"a\\\"%s\"}", many, many);
  g_autofree char *sq = g_strdup_printf ("['%s']", many);
  g_autofree char *comment = g_strdup_printf ("[1 /* %s */]", many);
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(JsonNode) c = NULL;
  g_autoptr(JsonNode) d = NULL;
  g_autoptr(GError) error = NULL;

  a = parse (dq, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (a), "note"), ==, many);
  b = parse (sq, &error);
  g_assert_no_error (error);
  c = parse (comment, &error);
  g_assert_no_error (error);
  /* Real escapes read as json-glib reads them. */
  d = parse ("[\"\\u005b\\ud83d\\ude00\\\\\", \"\\u\"]", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (d), 0), ==,
                   "[\xf0\x9f\x98\x80\\");
}

static void
test_scanner_mismatch_refused (void)
{
  /* json-glib reads "\u12" followed by a non-hex character, or a lone
   * surrogate, past the closing quote: the brackets after it would be
   * outside any string for json-glib and inside one for a naive scan. */
  g_autofree char *deep = nested (1000, "1");
  const char *prefixes[] = { "[\"\\u12\" x\"", "[\"\\ud800\"x\"", "[\"\\udc00\" \"",
                             "[\"\\ud800\\u0041\" \"" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *text = g_strconcat (prefixes[i], deep, "]", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = parse (text, &error);

      g_assert_null (root);
      g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = vigie_json_parse_bounded ("[1]\0[", 5, &error);

    g_assert_null (root);
    g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  }
}

static void
test_size_and_empty (void)
{
  gsize size = VIGIE_JSON_MAX_SIZE + 1;
  g_autofree char *huge = g_malloc (size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) empty_error = NULL;

  memset (huge, ' ', size);
  huge[0] = '1';
  g_assert_null (vigie_json_parse_bounded (huge, size, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  g_assert_null (vigie_json_parse_bounded (NULL, 0, &empty_error));
  g_assert_error (empty_error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vigie/json-bounded/hostile-nesting", test_hostile_nesting);
  g_test_add_func ("/vigie/json-bounded/depth-limit", test_depth_limit);
  g_test_add_func ("/vigie/json-bounded/brackets-in-strings", test_brackets_in_strings);
  g_test_add_func ("/vigie/json-bounded/scanner-mismatch-refused", test_scanner_mismatch_refused);
  g_test_add_func ("/vigie/json-bounded/size-and-empty", test_size_and_empty);
  return g_test_run ();
}
