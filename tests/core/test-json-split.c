/* test-json-split.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vigie_json_parse_split(): a big list read one element at a time gives
 * what the whole tree gives — the same elements in the same order, the
 * rest of the document untouched — each element in a tree of its own (so
 * the whole list's tree is never built), and documents the strict scan
 * cannot split are read whole to the same result. Errors are the bounded
 * parser's.
 */

#include <string.h>

#include "vigie-error.h"
#include "vigie-http-client.h"
#include "vigie-json.h"

typedef struct {
  guint calls;
  guint own_trees;     /* elements that were the root of their own tree */
} Seen;

/* Keeps each element as its JSON text. */
static gpointer
element_text (JsonNode *element,
              gpointer  user_data)
{
  Seen *seen = user_data;

  seen->calls++;
  if (json_node_get_parent (element) == NULL)
    seen->own_trees++;
  if (JSON_NODE_HOLDS_NULL (element))
    return NULL;
  return json_to_string (element, FALSE);
}

static JsonNode *
split (const char  *text,
       GPtrArray  **elements,
       Seen        *seen,
       GError     **error)
{
  return vigie_json_parse_split (text, strlen (text), "metadata", element_text, seen, g_free,
                                 elements, error);
}

/* The elements json-glib's whole tree has, as text. */
static GPtrArray *
tree_elements (const char *text)
{
  g_autoptr(JsonNode) root = vigie_json_parse_bounded (text, strlen (text), NULL);
  JsonArray *array = vigie_json_get_array (vigie_json_node_object (root), "metadata");
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (array);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!JSON_NODE_HOLDS_NULL (json_array_get_element (array, i)))
      g_ptr_array_add (texts, json_to_string (json_array_get_element (array, i), FALSE));
  return texts;
}

static void
assert_same_as_tree (const char *text,
                     gboolean    split_apart)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) expected = tree_elements (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  Seen seen = { 0 };
  JsonObject *object;

  root = split (text, &elements, &seen, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_nonnull (elements);
  g_assert_cmpuint (elements->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (elements, i), ==, g_ptr_array_index (expected, i));
  /* Apart: each element its own tree; read whole: each inside the list. */
  g_assert_cmpuint (seen.own_trees, ==, split_apart ? seen.calls : 0);

  object = json_node_get_object (root);
  g_assert_nonnull (vigie_json_get_array (object, "metadata"));
  g_assert_cmpuint (json_array_get_length (vigie_json_get_array (object, "metadata")), ==, 0);
}

static void
test_envelope (void)
{
  const char *text =
    "{\"type\":\"sync\",\"status_code\":200,\"metadata\":[\n"
    "  {\"name\":\"c1\",\"state\":{\"status\":\"Running\"},\"tags\":[1,[2,{}]]},\n"
    "  {\"name\":\"c2\",\"description\":\"has ] and } and \\\"quotes\\\", commas\"},\n"
    "  \"/1.0/instances/c3\", 42, -1.5e3, true, null, [] ,{}\n"
    "],\"operation\":\"\"}";
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(JsonNode) root = NULL;
  Seen seen = { 0 };

  assert_same_as_tree (text, TRUE);
  root = split (text, &elements, &seen, NULL);
  /* null is seen and kept as nothing; the others in order. */
  g_assert_cmpuint (seen.calls, ==, 9);
  g_assert_cmpuint (elements->len, ==, 8);
  g_assert_cmpstr (g_ptr_array_index (elements, 2), ==, "\"/1.0/instances/c3\"");
  /* The rest of the envelope is the document's. */
  g_assert_cmpstr (vigie_json_get_string (json_node_get_object (root), "type"), ==, "sync");
  g_assert_cmpstr (vigie_json_get_string (json_node_get_object (root), "operation"), ==, "");

  assert_same_as_tree ("{\"metadata\":[]}", TRUE);
  assert_same_as_tree ("  {\"metadata\" : [ ] , \"x\" : {\"metadata\":[9]}}\r\n", TRUE);
  assert_same_as_tree ("{\"metadata\":[\"\\u00e9t\\u00e9\", \"a\\\\\"]}", TRUE);
}

/* What the strict scan leaves to json-glib gives the same elements. */
static void
test_read_whole (void)
{
  /* json-glib reads comments and single-quoted strings; the scan does not. */
  assert_same_as_tree ("{\"metadata\":[{\"a\":1}, /* two */ {\"a\":2}]}", FALSE);
  assert_same_as_tree ("{\"metadata\":[{\"a\":'x'}]}", FALSE);
  /* Numbers json-glib reads beyond JSON's grammar (it reads "." alone, not
   * in a list). */
  assert_same_as_tree ("{\"metadata\":[1.]}", FALSE);
  assert_same_as_tree ("{\"metadata\":[0x10, 1]}", FALSE);
  /* The member spelled with an escape, and given twice: json-glib's rule. */
  assert_same_as_tree ("{\"meta\\u0064ata\":[1,2]}", FALSE);
  assert_same_as_tree ("{\"metadata\":[1],\"metadata\":[2,3]}", FALSE);
  assert_same_as_tree ("{\"meta\\u0064ata\":[1],\"metadata\":[2,3]}", FALSE);
}

static void
test_no_list (void)
{
  const char *texts[] = {
    "{\"type\":\"error\",\"error\":\"not found\",\"metadata\":null}",
    "{\"metadata\":{\"a\":[1]}}",
    "{\"other\":[1,2]}",
    "[1,2,3]",
    "\"metadata\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) elements = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;
      Seen seen = { 0 };

      root = split (texts[i], &elements, &seen, &error);
      g_assert_no_error (error);
      g_assert_nonnull (root);
      g_assert_null (elements);
      g_assert_cmpuint (seen.calls, ==, 0);
    }
}

static void
test_errors (void)
{
  g_autofree char *deep = NULL;
  GString *s = g_string_new ("{\"metadata\":[");
  const char *texts[] = {
    "",
    "{\"metadata\":[{\"a\":1},{\"a\":}]}",          /* an element json-glib refuses */
    "{\"metadata\":[{\"a\":1},{\"a\":2}",           /* truncated */
    "{\"metadata\":[{\"a\":1}] \"x\":1}",           /* the rest is not JSON */
    "{\"metadata\":[{\"a\":\"unterminated}]}",
    "{\"metadata\":[1 2]}",
    "{\"metadata\":[tru]}",
    "{\"metadata\":[1]} trailing",
    "{\"metadata\":[1, .]}",                     /* json-glib reads "." alone as 0.0 */
  };

  for (guint i = 0; i < 200; i++)
    g_string_append_c (s, '[');
  deep = g_string_free (s, FALSE);
  for (guint i = 0; i <= G_N_ELEMENTS (texts); i++)
    {
      const char *text = i < G_N_ELEMENTS (texts) ? texts[i] : deep;
      g_autoptr(GPtrArray) elements = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;
      Seen seen = { 0 };

      root = split (text, &elements, &seen, &error);
      g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
      g_assert_null (root);
      g_assert_null (elements);
    }
}

/* Off the caller's thread for a big reply, with the same result. */
typedef struct {
  GMainLoop *loop;
  JsonNode  *root;
  GPtrArray *elements;
} AsyncData;

static void
split_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncData *data = user_data;

  data->root = vigie_json_parse_split_finish (result, &data->elements, NULL);
  g_main_loop_quit (data->loop);
}

static gpointer
element_name (JsonNode *element,
              gpointer  user_data)
{
  GThread **thread = user_data;

  *thread = g_thread_self ();
  return g_strdup (vigie_json_get_string (vigie_json_node_object (element), "name"));
}

static void
test_async (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\":\"sync\",\"metadata\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData data = { loop, NULL, NULL };
  g_autofree char *last = NULL;
  GThread *thread = NULL;
  guint n;

  for (n = 0; text->len < VIGIE_JSON_THREAD_MIN_SIZE; n++)
    g_string_append_printf (text, "%s{\"name\":\"c%u\",\"pad\":\"%0200d\"}", n ? "," : "", n, 0);
  g_string_append (text, "]}");
  bytes = g_bytes_new (text->str, text->len);
  vigie_json_parse_split_async (bytes, "metadata", element_name, &thread, g_free, NULL,
                                split_done, &data);
  g_main_loop_run (loop);
  g_assert_nonnull (data.root);
  g_assert_nonnull (data.elements);
  g_assert_cmpuint (data.elements->len, ==, n);
  last = g_strdup_printf ("c%u", n - 1);
  g_assert_cmpstr (g_ptr_array_index (data.elements, n - 1), ==, last);
  g_assert_true (thread != NULL && thread != g_thread_self ());
  json_node_unref (data.root);
  g_ptr_array_unref (data.elements);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/json-split/envelope", test_envelope);
  g_test_add_func ("/vigie/json-split/read-whole", test_read_whole);
  g_test_add_func ("/vigie/json-split/no-list", test_no_list);
  g_test_add_func ("/vigie/json-split/errors", test_errors);
  g_test_add_func ("/vigie/json-split/async", test_async);
  return g_test_run ();
}
