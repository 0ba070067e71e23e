/* vigie-json-writer.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-json"

#include "config.h"

#include <string.h>

#include "vigie-json-writer.h"

/* The layout is json-glib 1.6's pretty printer (json-generator.c): a
 * container's elements each on their own line, one level deeper, "," after
 * all but the last, the closing bracket on its own line at the container's
 * level; "[]" for an empty array but "{", the level's indentation, "}" for
 * an empty object; members as "name" : value. test-json-writer holds the
 * text to json-glib's own, byte for byte. */

void
vigie_json_writer_init_text (VigieJsonWriter *writer,
                             GString         *out,
                             guint            level)
{
  g_return_if_fail (writer != NULL && out != NULL);

  memset (writer, 0, sizeof *writer);
  writer->out = out;
  writer->level = level;
}

void
vigie_json_writer_init_builder (VigieJsonWriter *writer,
                                JsonBuilder     *builder)
{
  g_return_if_fail (writer != NULL && JSON_IS_BUILDER (builder));

  memset (writer, 0, sizeof *writer);
  writer->builder = builder;
}

static void
indent (VigieJsonWriter *writer,
        guint            level)
{
  static const char spaces[] = "                                ";

  while (level > 0)
    {
      guint n = MIN (level, (sizeof spaces - 1) / 2);

      g_string_append_len (writer->out, spaces, n * 2);
      level -= n;
    }
}

/* json-glib's json_strescape(): quotes and backslashes, and the control
 * characters 0x01–0x1e and 0x7f (0x1f and bytes of UTF-8 sequences go as
 * they are). */
static void
append_escaped (GString    *out,
                const char *text)
{
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape;
      char code[8];

      if (c == '"')
        escape = "\\\"";
      else if (c == '\\')
        escape = "\\\\";
      else if ((c > 0 && c < 0x1f) || c == 0x7f)
        {
          switch (c)
            {
            case '\b': escape = "\\b"; break;
            case '\f': escape = "\\f"; break;
            case '\n': escape = "\\n"; break;
            case '\r': escape = "\\r"; break;
            case '\t': escape = "\\t"; break;
            default:
              g_snprintf (code, sizeof code, "\\u00%02x", c);
              escape = code;
              break;
            }
        }
      else
        continue;
      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

/* Where a value goes: after the "," and line break of the element before
 * it, or its member name. */
static void
begin_value (VigieJsonWriter *writer)
{
  guint top;

  if (writer->depth == 0 || writer->member)
    {
      writer->member = FALSE;
      return;
    }
  top = writer->depth - 1;
  g_assert (!writer->object[top]);
  g_string_append (writer->out, writer->count[top] == 0 ? "\n" : ",\n");
  indent (writer, writer->level + writer->depth);
  writer->count[top]++;
}

static void
begin_container (VigieJsonWriter *writer,
                 gboolean         object)
{
  begin_value (writer);
  g_assert (writer->depth < VIGIE_JSON_WRITER_MAX_DEPTH);
  g_string_append_c (writer->out, object ? '{' : '[');
  writer->object[writer->depth] = object;
  writer->count[writer->depth] = 0;
  writer->depth++;
}

static void
end_container (VigieJsonWriter *writer,
               gboolean         object)
{
  guint top;

  g_assert (writer->depth > 0 && !writer->member);
  top = --writer->depth;
  g_assert (writer->object[top] == object);
  if (writer->count[top] > 0)
    g_string_append_c (writer->out, '\n');
  if (writer->count[top] > 0 || object)
    indent (writer, writer->level + writer->depth);
  g_string_append_c (writer->out, object ? '}' : ']');
}

void
vigie_json_writer_begin_object (VigieJsonWriter *writer)
{
  if (writer->builder != NULL)
    json_builder_begin_object (writer->builder);
  else
    begin_container (writer, TRUE);
}

void
vigie_json_writer_end_object (VigieJsonWriter *writer)
{
  if (writer->builder != NULL)
    json_builder_end_object (writer->builder);
  else
    end_container (writer, TRUE);
}

void
vigie_json_writer_begin_array (VigieJsonWriter *writer)
{
  if (writer->builder != NULL)
    json_builder_begin_array (writer->builder);
  else
    begin_container (writer, FALSE);
}

void
vigie_json_writer_end_array (VigieJsonWriter *writer)
{
  if (writer->builder != NULL)
    json_builder_end_array (writer->builder);
  else
    end_container (writer, FALSE);
}

void
vigie_json_writer_member (VigieJsonWriter *writer,
                          const char      *name)
{
  guint top;

  g_return_if_fail (name != NULL);

  if (writer->builder != NULL)
    {
      json_builder_set_member_name (writer->builder, name);
      return;
    }
  g_assert (writer->depth > 0 && !writer->member);
  top = writer->depth - 1;
  g_assert (writer->object[top]);
  g_string_append (writer->out, writer->count[top] == 0 ? "\n" : ",\n");
  indent (writer, writer->level + writer->depth);
  append_escaped (writer->out, name);
  g_string_append_len (writer->out, " : ", 3);
  writer->count[top]++;
  writer->member = TRUE;
}

void
vigie_json_writer_string (VigieJsonWriter *writer,
                          const char      *value)
{
  if (value == NULL)
    {
      vigie_json_writer_null (writer);
      return;
    }
  if (writer->builder != NULL)
    {
      json_builder_add_string_value (writer->builder, value);
      return;
    }
  begin_value (writer);
  append_escaped (writer->out, value);
}

void
vigie_json_writer_int (VigieJsonWriter *writer,
                       gint64           value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  if (writer->builder != NULL)
    {
      json_builder_add_int_value (writer->builder, value);
      return;
    }
  begin_value (writer);
  /* What "%" G_GINT64_FORMAT prints, without printf's cost per call. */
  do
    {
      *--p = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (writer->out, p, digits + sizeof digits - p);
}

void
vigie_json_writer_double (VigieJsonWriter *writer,
                          double           value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (writer->builder != NULL)
    {
      json_builder_add_double_value (writer->builder, value);
      return;
    }
  begin_value (writer);
  g_ascii_dtostr (text, sizeof text, value);
  g_string_append (writer->out, text);
  /* json-glib 1.6 keeps a double from reading as an integer this way,
   * exponents included ("1e+21.0"). */
  if (strchr (text, '.') == NULL)
    g_string_append_len (writer->out, ".0", 2);
}

void
vigie_json_writer_boolean (VigieJsonWriter *writer,
                           gboolean         value)
{
  if (writer->builder != NULL)
    {
      json_builder_add_boolean_value (writer->builder, value);
      return;
    }
  begin_value (writer);
  g_string_append (writer->out, value ? "true" : "false");
}

void
vigie_json_writer_null (VigieJsonWriter *writer)
{
  if (writer->builder != NULL)
    {
      json_builder_add_null_value (writer->builder);
      return;
    }
  begin_value (writer);
  g_string_append_len (writer->out, "null", 4);
}
