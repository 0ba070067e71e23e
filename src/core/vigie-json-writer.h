/* vigie-json-writer.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define VIGIE_JSON_WRITER_MAX_DEPTH 16

/**
 * VigieJsonWriter:
 *
 * Writes one JSON value either into a #JsonBuilder or straight as text,
 * the very text json-glib's pretty generator (indent 2) prints for the tree
 * the builder would hold: its layout, its string escapes, its doubles. A
 * report lists its members once and writes 10,000 instances without a
 * builder, a tree and a generator for each. A stack value, no allocation
 * but the text's.
 */
typedef struct {
  JsonBuilder *builder;           /* NULL: text into @out */
  GString     *out;
  guint        level;             /* indentation level of the first value */
  guint        depth;             /* containers open */
  gboolean     member;            /* a member name was just written */
  guint        count[VIGIE_JSON_WRITER_MAX_DEPTH];
  gboolean     object[VIGIE_JSON_WRITER_MAX_DEPTH];
} VigieJsonWriter;

void vigie_json_writer_init_text    (VigieJsonWriter *writer,
                                     GString         *out,
                                     guint            level);
void vigie_json_writer_init_builder (VigieJsonWriter *writer,
                                     JsonBuilder     *builder);

void vigie_json_writer_begin_object (VigieJsonWriter *writer);
void vigie_json_writer_end_object   (VigieJsonWriter *writer);
void vigie_json_writer_begin_array  (VigieJsonWriter *writer);
void vigie_json_writer_end_array    (VigieJsonWriter *writer);
void vigie_json_writer_member       (VigieJsonWriter *writer,
                                     const char      *name);
void vigie_json_writer_string       (VigieJsonWriter *writer,
                                     const char      *value);
void vigie_json_writer_int          (VigieJsonWriter *writer,
                                     gint64           value);
void vigie_json_writer_double       (VigieJsonWriter *writer,
                                     double           value);
void vigie_json_writer_boolean      (VigieJsonWriter *writer,
                                     gboolean         value);
void vigie_json_writer_null         (VigieJsonWriter *writer);

G_END_DECLS
