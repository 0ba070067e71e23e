/* vigie-json.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-json.h"

JsonObject *
vigie_json_node_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
vigie_json_node_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
vigie_json_get_object (JsonObject *object,
                       const char *member)
{
  return vigie_json_node_object (object ? json_object_get_member (object, member) : NULL);
}

JsonArray *
vigie_json_get_array (JsonObject *object,
                      const char *member)
{
  return vigie_json_node_array (object ? json_object_get_member (object, member) : NULL);
}

const char *
vigie_json_get_string (JsonObject *object,
                       const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
vigie_json_get_number (JsonObject *object,
                       const char *member,
                       double     *value)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  if (type == G_TYPE_DOUBLE && !isfinite (json_node_get_double (node)))
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

/* Bounded parsing
 *
 * The scan below must see every bracket json-glib's scanner will see, so it
 * follows that scanner (json-scanner.c in json-glib 1.6) where they could
 * part ways: double-quoted strings with backslash escapes, single-quoted
 * strings without, C comments. Two escapes make json-glib read past a
 * closing quote ("\u12" then a non-hex character, a surrogate not followed
 * by its pair): they are refused rather than followed, as is a NUL byte,
 * where json-glib stops reading. Brackets inside strings and comments do
 * not count; unbalanced closing ones are ignored (json-glib fails on them
 * without recursing). */

static gboolean
bounds_invalid (GError     **error,
                const char  *why)
{
  g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
               _("The server’s reply is not valid JSON (%s)"), why);
  return FALSE;
}

/* The four hex digits at p as a number, or -1. */
static int
hex4 (const char *p,
      const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      value = value * 16 + g_ascii_xdigit_value (p[i]);
    }
  return value;
}

/* Skips a double-quoted string whose opening quote is before *p; FALSE on an
 * escape or byte json-glib would read differently. */
static gboolean
skip_string (const char **p,
             const char  *end)
{
  const char *s = *p;

  while (s < end)
    {
      char c = *s++;

      if (c == '"')
        break;
      if (c == '\0')
        return FALSE;
      if (c != '\\' || s == end)
        continue;
      c = *s++;
      if (c == '\0')
        return FALSE;
      /* json-glib reads "\u" followed by a non-hex character as nothing. */
      if (c != 'u' || s == end || !g_ascii_isxdigit (*s))
        continue;
      {
        int unit = hex4 (s, end);

        if (unit < 0)
          return FALSE;
        s += 4;
        if (unit >= 0xd800 && unit <= 0xdfff)
          {
            int low = end - s >= 6 && s[0] == '\\' && s[1] == 'u' ? hex4 (s + 2, end) : -1;

            if (unit > 0xdbff || low < 0xdc00 || low > 0xdfff)
              return FALSE;
            s += 6;
          }
      }
    }
  *p = s;
  return TRUE;
}

gboolean
vigie_json_check_bounds (const char  *data,
                         gsize        size,
                         guint        max_depth,
                         GError     **error)
{
  const char *p = data;
  const char *end = data + size;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  if (size > VIGIE_JSON_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (VIGIE_JSON_MAX_SIZE);

      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                   _("The server’s reply is larger than %s"), limit);
      return FALSE;
    }
  while (p < end)
    {
      switch (*p++)
        {
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                           _("The server’s reply nests deeper than %u levels"), max_depth);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        case '"':
          if (!skip_string (&p, end))
            return bounds_invalid (error, _("malformed string"));
          break;
        case '\'':
          while (p < end && *p != '\'' && *p != '\0')
            p++;
          if (p < end && *p == '\0')
            return bounds_invalid (error, _("NUL byte"));
          if (p < end)
            p++;
          break;
        case '/':
          if (p < end && *p == '*')
            {
              const char *close = g_strstr_len (p + 1, end - p - 1, "*/");

              /* g_strstr_len stops at a NUL: json-glib stops there too. */
              p = close != NULL ? close + 2 : end;
            }
          break;
        case '\0':
          return bounds_invalid (error, _("NUL byte"));
        default:
          break;
        }
    }
  return TRUE;
}

JsonNode *
vigie_json_parse_bounded (const char  *data,
                          gsize        size,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  if (data == NULL || size == 0)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL, _("The server sent an empty reply"));
      return NULL;
    }
  if (!vigie_json_check_bounds (data, size, VIGIE_JSON_MAX_DEPTH, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                   _("The server’s reply is not valid JSON (%s)"),
                   local_error ? local_error->message : _("empty document"));
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

/* Splitting an array member
 *
 * The scan below is strict JSON only: whatever it is not sure of (a
 * comment, a single-quoted string, an escaped key, the member twice,
 * anything after the root) sends the document to json-glib whole, which reads it as it always
 * does; the result is the same, only the peak is not lower. */

typedef struct {
  const char *p;
  const char *end;
} Scan;

static void
scan_space (Scan *scan)
{
  while (scan->p < scan->end &&
         (*scan->p == ' ' || *scan->p == '\t' || *scan->p == '\n' || *scan->p == '\r'))
    scan->p++;
}

/* After the opening quote; FALSE when the string does not end. */
static gboolean
scan_string (Scan *scan)
{
  while (scan->p < scan->end)
    {
      char c = *scan->p++;

      if (c == '"')
        return TRUE;
      if (c == '\\')
        {
          if (scan->p == scan->end)
            return FALSE;
          scan->p++;
        }
    }
  return FALSE;
}

/* One value of any kind, at its first byte. */
static gboolean
scan_value (Scan *scan)
{
  const char *start = scan->p;
  guint depth = 0;

  if (scan->p == scan->end)
    return FALSE;
  if (*scan->p == '"')
    {
      scan->p++;
      return scan_string (scan);
    }
  if (*scan->p != '{' && *scan->p != '[')
    {
      while (scan->p < scan->end &&
             (g_ascii_isalnum (*scan->p) || *scan->p == '-' || *scan->p == '+' || *scan->p == '.'))
        scan->p++;
      return scan->p > start;
    }
  while (scan->p < scan->end)
    {
      char c = *scan->p++;

      switch (c)
        {
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (--depth == 0)
            return TRUE;
          break;
        case '"':
          if (!scan_string (scan))
            return FALSE;
          break;
        case '/':
        case '\'':
        case '\0':
          return FALSE;
        default:
          break;
        }
    }
  return FALSE;
}

/* A number, true, false or null exactly as JSON spells them. json-glib
 * reads more ("1.", ".5", "0x10", "00"), and reads some of it alone but
 * not inside an array ("." alone is 0.0): such an element is left to the
 * whole document's parse. */
static gboolean
is_strict_scalar (const char *p,
                  const char *end)
{
  gsize length = end - p;

  if ((length == 4 && (memcmp (p, "true", 4) == 0 || memcmp (p, "null", 4) == 0)) ||
      (length == 5 && memcmp (p, "false", 5) == 0))
    return TRUE;
  if (p < end && *p == '-')
    p++;
  if (p == end || !g_ascii_isdigit (*p))
    return FALSE;
  if (*p++ != '0')
    while (p < end && g_ascii_isdigit (*p))
      p++;
  if (p < end && *p == '.')
    {
      if (++p == end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p == end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  return p == end;
}

typedef struct {
  const char *start;   /* of the member's array, at '[' */
  const char *end;     /* after its ']' */
  GArray     *bounds;  /* element i: [2i, 2i+1) as offsets into the document */
} SplitScan;

/* TRUE when the root is an object holding @member once as an array, in
 * strict JSON; the elements' bounds in split->bounds. */
static gboolean
scan_member_array (const char *data,
                   gsize       size,
                   const char *member,
                   SplitScan  *split)
{
  Scan scan = { data, data + size };
  gsize member_len = strlen (member);

  scan_space (&scan);
  if (scan.p == scan.end || *scan.p++ != '{')
    return FALSE;
  scan_space (&scan);
  if (scan.p < scan.end && *scan.p == '}')
    return FALSE;
  while (TRUE)
    {
      const char *key;
      gboolean ours;

      scan_space (&scan);
      if (scan.p == scan.end || *scan.p++ != '"')
        return FALSE;
      key = scan.p;
      if (!scan_string (&scan))
        return FALSE;
      /* An escaped key could spell the member another way. */
      if (memchr (key, '\\', scan.p - 1 - key) != NULL)
        return FALSE;
      ours = (gsize) (scan.p - 1 - key) == member_len && memcmp (key, member, member_len) == 0;
      scan_space (&scan);
      if (scan.p == scan.end || *scan.p++ != ':')
        return FALSE;
      scan_space (&scan);
      if (ours && split->start != NULL)
        return FALSE;
      if (ours && scan.p < scan.end && *scan.p == '[')
        {
          split->start = scan.p++;
          scan_space (&scan);
          if (scan.p < scan.end && *scan.p == ']')
            scan.p++;
          else
            while (TRUE)
              {
                gsize bounds[2];

                scan_space (&scan);
                bounds[0] = scan.p - data;
                if (!scan_value (&scan))
                  return FALSE;
                bounds[1] = scan.p - data;
                if (data[bounds[0]] != '{' && data[bounds[0]] != '[' && data[bounds[0]] != '"' &&
                    !is_strict_scalar (data + bounds[0], scan.p))
                  return FALSE;
                g_array_append_vals (split->bounds, bounds, 2);
                scan_space (&scan);
                if (scan.p == scan.end)
                  return FALSE;
                if (*scan.p == ']')
                  {
                    scan.p++;
                    break;
                  }
                if (*scan.p++ != ',')
                  return FALSE;
              }
          split->end = scan.p;
        }
      else if (!scan_value (&scan))
        return FALSE;
      scan_space (&scan);
      if (scan.p == scan.end)
        return FALSE;
      if (*scan.p == '}')
        break;
      if (*scan.p++ != ',')
        return FALSE;
    }
  scan.p++;
  scan_space (&scan);
  return scan.p == scan.end && split->start != NULL;
}

static void
split_tree (JsonNode             *root,
            const char           *member,
            VigieJsonElementFunc  func,
            gpointer              user_data,
            GPtrArray            *elements)
{
  JsonArray *array = vigie_json_get_array (vigie_json_node_object (root), member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      gpointer element = func (json_array_get_element (array, i), user_data);

      if (element != NULL)
        g_ptr_array_add (elements, element);
    }
}

JsonNode *
vigie_json_parse_split (const char            *data,
                        gsize                  size,
                        const char            *member,
                        VigieJsonElementFunc   func,
                        gpointer               user_data,
                        GDestroyNotify         element_free,
                        GPtrArray            **elements,
                        GError               **error)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (element_free);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GString) rest = NULL;
  SplitScan split = { NULL, NULL, bounds };
  JsonNode *root;

  g_return_val_if_fail (member != NULL && func != NULL && elements != NULL, NULL);

  *elements = NULL;
  if (data == NULL || size == 0 || !vigie_json_check_bounds (data, size, VIGIE_JSON_MAX_DEPTH, NULL) ||
      !scan_member_array (data, size, member, &split))
    {
      /* Read whole; the member, when it is an array, split the same way. */
      root = vigie_json_parse_bounded (data, size, error);
      if (root == NULL)
        return NULL;
      if (vigie_json_get_array (vigie_json_node_object (root), member) == NULL)
        return root;
      split_tree (root, member, func, user_data, kept);
      json_object_set_array_member (json_node_get_object (root), member, json_array_new ());
      *elements = g_steal_pointer (&kept);
      return root;
    }

  parser = json_parser_new_immutable ();
  for (guint i = 0; i < bounds->len; i += 2)
    {
      gsize from = g_array_index (bounds, gsize, i);
      gsize to = g_array_index (bounds, gsize, i + 1);
      g_autoptr(GError) local_error = NULL;
      gpointer element;

      if (!json_parser_load_from_data (parser, data + from, (gssize) (to - from), &local_error))
        {
          g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                       _("The server’s reply is not valid JSON (%s)"), local_error->message);
          return NULL;
        }
      element = func (json_parser_get_root (parser), user_data);
      if (element != NULL)
        g_ptr_array_add (kept, element);
    }
  g_clear_object (&parser);

  /* The rest of the document, with the member's array left empty. */
  rest = g_string_sized_new (size - (split.end - split.start) + 2);
  g_string_append_len (rest, data, split.start - data);
  g_string_append (rest, "[]");
  g_string_append_len (rest, split.end, data + size - split.end);
  root = vigie_json_parse_bounded (rest->str, rest->len, error);
  if (root == NULL)
    return NULL;
  *elements = g_steal_pointer (&kept);
  return root;
}

static void
unref_in_thread (gpointer data,
                 gpointer user_data)
{
  json_node_unref (data);
}

void
vigie_json_node_unref_later (JsonNode *node)
{
  static GThreadPool *pool;

  if (node == NULL)
    return;
  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (unref_in_thread, NULL, 1, FALSE, NULL));
  g_thread_pool_push (pool, node, NULL);
}

/* Checked numbers */

gboolean
vigie_json_double_to_int (double  number,
                          gint64 *value)
{
  /* 2^63 is exact as a double; G_MAXINT64 is not and rounds up to it. */
  if (!isfinite (number) || number >= 9223372036854775808.0 ||
      number < -9223372036854775808.0)
    return FALSE;
  *value = (gint64) number;
  return TRUE;
}

gboolean
vigie_json_get_int (JsonObject *object,
                    const char *member,
                    gint64     *value)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  double number;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) != G_TYPE_DOUBLE)
    return FALSE;
  number = json_node_get_double (node);
  if (!isfinite (number) || floor (number) != number)
    return FALSE;
  return vigie_json_double_to_int (number, value);
}
