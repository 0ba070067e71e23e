/* vigie-json.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include <math.h>

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
