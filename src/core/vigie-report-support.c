/* vigie-report-support.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The support status of each endpoint in the inventory report (contract 1.1).
 */

#define G_LOG_DOMAIN "vigie-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-knowledge.h"
#include "vigie-report.h"

static VigieSupport *
inventory_support (VigieInventory *inventory,
                   gint64          now)
{
  return vigie_knowledge_support (vigie_knowledge_get_default (), inventory->kind,
                                  inventory->product, inventory->version, inventory->build, now);
}

void
vigie_report_add_support (JsonBuilder    *builder,
                          VigieInventory *inventory,
                          gint64          now)
{
  g_autoptr(VigieSupport) support = NULL;

  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (VIGIE_IS_INVENTORY (inventory));

  support = inventory_support (inventory, now);
  json_builder_set_member_name (builder, "support");
  json_builder_begin_object (builder);
  vigie_json_add_string (builder, "status", vigie_support_status_to_string (support->status));
  vigie_json_add_string (builder, "line", support->line);
  vigie_json_add_string (builder, "line_id", support->line_id);
  vigie_json_add_string (builder, "ends", support->ends);
  vigie_json_add_string (builder, "latest", support->latest);
  json_builder_set_member_name (builder, "outdated");
  if (support->outdated < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, support->outdated == 1);
  vigie_json_add_string (builder, "source", support->source);
  json_builder_end_object (builder);
}

char *
vigie_report_support_cell (VigieInventory *inventory,
                           gint64          now)
{
  g_autoptr(VigieSupport) support = NULL;

  g_return_val_if_fail (VIGIE_IS_INVENTORY (inventory), NULL);

  support = inventory_support (inventory, now);
  if (support->status == VIGIE_SUPPORT_UNKNOWN)
    return g_strdup ("-");
  /* The contract's status words, like the STATUS column; the date says when. */
  return g_strdup_printf ("%s%s%s%s", vigie_support_status_to_string (support->status),
                          support->ends ? " " : "", support->ends ? support->ends : "",
                          support->outdated == 1 ? _(" (outdated)") : "");
}
