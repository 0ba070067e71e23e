/* vigie-json.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Defensive readers for JSON replies, shared by the REST backends' parsers:
 * each checks presence and node type first and answers NULL/FALSE rather
 * than reading a value of the wrong type. Quirks of one product (numbers
 * sent as strings, 0/1 booleans) stay in that backend's parser.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonObject *vigie_json_node_object  (JsonNode   *node);
JsonArray  *vigie_json_node_array   (JsonNode   *node);
JsonObject *vigie_json_get_object   (JsonObject *object,
                                     const char *member);
JsonArray  *vigie_json_get_array    (JsonObject *object,
                                     const char *member);
/* A string member, or NULL when absent or not a string. */
const char *vigie_json_get_string   (JsonObject *object,
                                     const char *member);
/* A number member (integer or not) into *value; FALSE when absent, not
 * a number or not finite. */
gboolean    vigie_json_get_number   (JsonObject *object,
                                     const char *member,
                                     double     *value);
/* An integer member into *value: a JSON integer, or a number written with
 * a fraction or exponent ("3.0", "1e3") that is finite, integral and
 * within gint64. FALSE (missing) otherwise, e.g. for 1e300, 2.5 or "3". */
gboolean    vigie_json_get_int      (JsonObject *object,
                                     const char *member,
                                     gint64     *value);
/* A double that came from the network (a size in GB times 2^30, …) into a
 * gint64, truncated toward zero; FALSE when it is not finite or does not
 * fit, so that no cast is ever undefined. */
gboolean    vigie_json_double_to_int (double      number,
                                      gint64     *value);

/* Bounded parsing
 *
 * Every JSON document read from the network or from disk goes through
 * vigie_json_parse_bounded(): json-glib recurses once per nesting level, so
 * a hostile "[[[[…" of a few hundred kilobytes would overflow the stack and
 * take every other endpoint's results down with it. The document is scanned
 * first, without recursion, and refused when it nests deeper than
 * VIGIE_JSON_MAX_DEPTH, is larger than VIGIE_JSON_MAX_SIZE (the HTTP
 * client's default reply limit), holds a NUL byte, or has a \u escape that
 * json-glib would read past the end of its string. */
#define VIGIE_JSON_MAX_DEPTH 128
#define VIGIE_JSON_MAX_SIZE  (64 * 1024 * 1024)

/* The root node, or NULL with VIGIE_ERROR_PROTOCOL. */
JsonNode   *vigie_json_parse_bounded (const char  *data,
                                      gsize        size,
                                      GError     **error);
/* TRUE when data nests at most max_depth arrays and objects deep, and is
 * safe to hand to json-glib (see above); else FALSE with
 * VIGIE_ERROR_PROTOCOL. */
gboolean    vigie_json_check_bounds  (const char  *data,
                                      gsize        size,
                                      guint        max_depth,
                                      GError     **error);

/* Reading a big array one element at a time
 *
 * json-glib builds the whole tree of a document: an Incus list of 3,348
 * instances is a 3.9 MB reply and a 45 MB tree, all of it alive until the
 * last instance is read. vigie_json_parse_split() reads the root object's
 * @member array one element at a time: @func gets each element's tree
 * (borrowed, freed after the call) and returns what to keep (NULL: nothing),
 * gathered in *elements (freed with @element_free). It returns the root
 * with that array emptied, or NULL with the same errors as
 * vigie_json_parse_bounded(). *elements is NULL when the root holds no
 * such array. A document the strict scan cannot split (comments, the
 * member twice, …) is read whole and split afterwards: same result. */
typedef gpointer (*VigieJsonElementFunc) (JsonNode *element,
                                          gpointer  user_data);

JsonNode   *vigie_json_parse_split   (const char            *data,
                                      gsize                  size,
                                      const char            *member,
                                      VigieJsonElementFunc   func,
                                      gpointer               user_data,
                                      GDestroyNotify         element_free,
                                      GPtrArray            **elements,
                                      GError               **error);

/* Drops a reference to @node in a worker thread. Freeing a parsed tree of
 * many thousand nodes costs half as much as parsing it, and nothing needs
 * to wait for it. The caller must hold the only references into the tree
 * (json-glib's objects and arrays count references without atomics). */
void        vigie_json_node_unref_later (JsonNode *node);

G_END_DECLS
