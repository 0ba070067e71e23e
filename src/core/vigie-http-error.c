/* vigie-http-error.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An HTTP status that is not success, turned into a VIGIE_ERROR with the
 * server's own words when its body has them.
 */

#define G_LOG_DOMAIN "vigie-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-http-client.h"

/* The server's own words, when its body has them: JSON "message", "error",
 * "errors", or a short plain-text body (PBS sends text with a JSON type). */
static char *
reason_from_body (GBytes *body)
{
  g_autoptr(JsonNode) root = NULL;
  gsize size = 0;
  const char *text;

  if (body == NULL)
    return NULL;
  text = g_bytes_get_data (body, &size);
  if (size == 0)
    return NULL;
  root = vigie_json_parse_bytes (body, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *obj = json_node_get_object (root);
      static const char *keys[] = { "message", "error", "errors", "error_description", "detail" };

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          JsonNode *node = json_object_get_member (obj, keys[i]);

          if (node == NULL)
            continue;
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
              *json_node_get_string (node) != '\0')
            return g_strdup (json_node_get_string (node));
          if (JSON_NODE_HOLDS_OBJECT (node))
            {
              g_autoptr(JsonGenerator) gen = json_generator_new ();
              json_generator_set_root (gen, node);
              return json_generator_to_data (gen, NULL);
            }
        }
      return NULL;
    }
  if (root == NULL && size < 512 && g_utf8_validate (text, size, NULL))
    {
      g_autofree char *copy = g_strndup (text, size);
      return g_strdup (g_strstrip (copy));
    }
  return NULL;
}

GError *
vigie_http_status_error (guint       status,
                         const char *reason,
                         GBytes     *body)
{
  g_autofree char *detail = reason_from_body (body);
  const char *why = detail != NULL && *detail != '\0' ? detail : reason;

  if (why == NULL || *why == '\0')
    why = soup_status_get_phrase (status);
  if (why == NULL)
    why = "";

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED,
                        _("The server refused the credentials (%u %s)"), status, why);
  return g_error_new (VIGIE_ERROR, VIGIE_ERROR_FAILED,
                      _("The server answered %u %s"), status, why);
}
