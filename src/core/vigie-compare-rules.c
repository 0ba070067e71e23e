/* vigie-compare-rules.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scoring rules: one function per row of the table in docs/compare.md.
 * Pure; -1 means "no score".
 */

#define G_LOG_DOMAIN "vigie-compare"

#include "config.h"

#include <math.h>

#include "vigie-compare-private.h"
#include "vigie-json.h"

double
vigie_compare_score_level (const char *level)
{
  static const struct { const char *level; double score; } levels[] = {
    { "built-in", 5 }, { "paid", 3 }, { "limited", 2 }, { "preview", 1 }, { "none", 0 },
  };

  for (guint i = 0; level != NULL && i < G_N_ELEMENTS (levels); i++)
    if (g_str_equal (level, levels[i].level))
      return levels[i].score;
  return -1;
}

double
vigie_compare_score_support (VigieSupportStatus status)
{
  switch (status)
    {
    case VIGIE_SUPPORT_SUPPORTED:
      return 5;
    case VIGIE_SUPPORT_ENDING_SOON:
      return 2;
    case VIGIE_SUPPORT_END_OF_SUPPORT:
      return 0;
    case VIGIE_SUPPORT_UNKNOWN:
    default:
      return -1;
    }
}

/* outdated: 1, 0, or -1 when it cannot be told. */
double
vigie_compare_score_version (int outdated)
{
  if (outdated == 0)
    return 5;
  if (outdated == 1)
    return 3;
  return -1;
}

double
vigie_compare_score_usage (double fraction)
{
  static const double limits[] = { 0.5, 0.6, 0.7, 0.8, 0.9 };

  if (fraction < 0 || isnan (fraction))
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    if (fraction <= limits[i] + 1e-9)
      return 5 - i;
  return 0;
}

/* 5 × part / whole, to one decimal. */
double
vigie_compare_score_share (gint64 part,
                           gint64 whole)
{
  if (whole <= 0 || part < 0)
    return -1;
  return round (50.0 * MIN (part, whole) / whole) / 10.0;
}

double
vigie_compare_score_cost (double amount,
                          gint64 hosts)
{
  static const double limits[] = { 0, 500, 1500, 3000, 6000 };
  double per_host;

  if (amount < 0 || isnan (amount))
    return -1;
  per_host = amount / MAX (hosts, 1);
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    if (per_host <= limits[i] + 1e-9)
      return 5 - i;
  return 0;
}

double
vigie_compare_score_cost_model (JsonObject *cost_model)
{
  JsonNode *required = cost_model ? json_object_get_member (cost_model, "licence_required")
                                  : NULL;
  const char *unit = vigie_json_get_string (cost_model, "unit");

  if (required == NULL || !JSON_NODE_HOLDS_VALUE (required) ||
      json_node_get_value_type (required) != G_TYPE_BOOLEAN)
    return -1;
  if (!json_node_get_boolean (required))
    return 5;
  if (g_strcmp0 (unit, "socket") == 0 || g_strcmp0 (unit, "server") == 0)
    return 3;
  if (g_strcmp0 (unit, "core") == 0 || g_strcmp0 (unit, "instance") == 0)
    return 2;
  return -1;
}

/* A member that is true, "built-in" (1), "preview" (0.5), else 0. */
static double
capability (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node) ? 1 : 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (g_str_equal (text, "preview"))
        return 0.5;
      return g_str_equal (text, "built-in") ? 1 : 0;
    }
  return 0;
}

double
vigie_compare_score_virtualization (JsonObject *virtualization)
{
  double score;

  if (virtualization == NULL)
    return -1;
  score = capability (virtualization, "vms") > 0 ? 3 : 0;
  score += capability (virtualization, "system_containers");
  score += capability (virtualization, "app_containers");
  return MIN (score, 5);
}

double
vigie_compare_score_guest_os (JsonObject *virtualization,
                              const char *windows_level)
{
  if (virtualization == NULL)
    return -1;
  if (capability (virtualization, "vms") > 0)
    return vigie_compare_score_level (windows_level) >= 3 ? 5 : 3;
  return capability (virtualization, "system_containers") > 0 ? 2 : 0;
}

/* One point per kind of interface, at most 5. */
double
vigie_compare_score_interfaces (JsonArray *interfaces)
{
  static const char * const kinds[][5] = {
    { "web-ui", "host-client", "vcenter", "console", "web-ui-optional" },
    { "rest-api", "soap-api", "rest-api-vcenter", NULL, NULL },
    { "cli", "powercli", "powershell", NULL, NULL },
    { "terraform", "terraform-community", NULL, NULL, NULL },
    { "ansible", NULL, NULL, NULL, NULL },
  };
  double score = 0;

  if (interfaces == NULL)
    return -1;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gboolean found = FALSE;

      for (guint i = 0; !found && i < json_array_get_length (interfaces); i++)
        {
          JsonNode *node = json_array_get_element (interfaces, i);

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            continue;
          for (guint n = 0; n < G_N_ELEMENTS (kinds[k]) && kinds[k][n] != NULL; n++)
            found |= g_str_equal (json_node_get_string (node), kinds[k][n]);
        }
      score += found ? 1 : 0;
    }
  return MIN (score, 5);
}

double
vigie_compare_score_platforms (guint n_platforms)
{
  if (n_platforms == 0)
    return -1;
  if (n_platforms == 1)
    return 2;
  if (n_platforms == 2)
    return 3;
  if (n_platforms <= 4)
    return 4;
  return 5;
}

/* 3, +1 with a built-in web interface, +1 with built-in clustering, -1 when
 * clustering needs a separately sold management server. */
double
vigie_compare_score_ease (JsonArray  *interfaces,
                          const char *clustering_level)
{
  double score = 3;
  gboolean web = FALSE;

  if (interfaces == NULL && clustering_level == NULL)
    return -1;
  for (guint i = 0; interfaces != NULL && i < json_array_get_length (interfaces); i++)
    {
      JsonNode *node = json_array_get_element (interfaces, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          (g_str_equal (json_node_get_string (node), "web-ui") ||
           g_str_equal (json_node_get_string (node), "host-client")))
        web = TRUE;
    }
  if (web)
    score += 1;
  if (g_strcmp0 (clustering_level, "built-in") == 0)
    score += 1;
  else if (g_strcmp0 (clustering_level, "paid") == 0)
    score -= 1;
  return CLAMP (score, 0, 5);
}
