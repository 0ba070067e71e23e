/* vigie-compare-cells.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cell of the comparison: its value from the knowledge base or from the
 * endpoint, its score from vigie-compare-rules.c, and the sentence saying
 * which rule gave it.
 */

#define G_LOG_DOMAIN "vigie-compare"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "vigie-compare-private.h"
#include "vigie-coverage.h"
#include "vigie-json.h"

/* The backup criteria of a hypervisor's own backup tool are in its product's
 * "backup" object (vzdump, Incus exports). */
static JsonObject *
fact_of (VigieComparison        *self,
         VigieCompareColumnInfo *info,
         const char             *name)
{
  if (self->mode == VIGIE_COMPARE_BACKUP)
    {
      JsonObject *backup = vigie_json_get_object (info->product, "backup");
      JsonObject *fact = vigie_json_get_object (backup, name);

      if (fact != NULL)
        return fact;
    }
  return vigie_knowledge_get_fact (info->product, info->line, name);
}

static const char *
fact_level (JsonObject *fact)
{
  return vigie_json_get_string (fact, "value");
}

static void
cell_from_fact (VigieComparison  *self,
                VigieCompareCell *cell,
                JsonObject       *fact)
{
  if (fact == NULL)
    return;
  cell->source = g_strdup (vigie_json_get_string (fact, "source"));
  cell->checked = g_strdup (vigie_json_get_string (fact, "checked"));
  cell->confidence = g_strdup (vigie_json_get_string (fact, "confidence"));
  cell->detail = g_strdup (vigie_knowledge_text (vigie_json_get_object (fact, "text"),
                                                 vigie_compare_lang (self)));
}

static const char *
level_label (const char *level)
{
  if (g_strcmp0 (level, "built-in") == 0)
    /* Translators: a feature level in the comparison */
    return _("built in");
  if (g_strcmp0 (level, "paid") == 0)
    return _("paid add-on");
  if (g_strcmp0 (level, "limited") == 0)
    return _("limited");
  if (g_strcmp0 (level, "preview") == 0)
    return _("technology preview");
  if (g_strcmp0 (level, "none") == 0)
    /* Translators: a feature level in the comparison: not offered */
    return _("none");
  return NULL;
}

static void
no_fact (VigieCompareCell *cell)
{
  g_free (cell->explanation);
  cell->explanation = g_strdup (_("The knowledge base has no sourced answer, so there is no "
                                  "score."));
}

static void
level_cell (VigieComparison        *self,
            VigieCompareColumnInfo *info,
            const char             *fact_name,
            VigieCompareCell       *cell)
{
  JsonObject *fact = fact_of (self, info, fact_name);
  const char *level = fact_level (fact);

  cell_from_fact (self, cell, fact);
  cell->value = g_strdup (level_label (level));
  cell->score = vigie_compare_score_level (level);
  if (cell->score < 0)
    no_fact (cell);
  else
    cell->explanation = g_strdup (_("Built in scores 5, a paid add-on 3, limited 2, a "
                                    "technology preview 1, none 0."));
}

static char *
join_array (JsonArray *array)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, json_node_get_string (node));
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
percent (double fraction)
{
  return g_strdup_printf ("%.0f %%", fraction * 100);
}

/* The live criteria need an endpoint that answered. */
static gboolean
live_unavailable (VigieCompareColumnInfo *info,
                  VigieCompareCell       *cell)
{
  if (info->inventory == NULL)
    {
      cell->explanation = g_strdup (_("No endpoint runs this product line, so there is nothing "
                                      "live to read."));
      return TRUE;
    }
  if (info->inventory->status != VIGIE_STATUS_OK)
    {
      cell->explanation = g_strdup_printf (_("The endpoint did not answer (%s), so there is "
                                             "nothing live to read."),
                                           vigie_status_to_string (info->inventory->status));
      return TRUE;
    }
  cell->source = g_strdup ("live");
  return FALSE;
}

static void
usage_cell (VigieCompareCell *cell,
            double            fraction)
{
  if (fraction < 0)
    {
      cell->explanation = g_strdup (_("The endpoint did not report it, so there is no score."));
      return;
    }
  cell->number = fraction;
  cell->value = percent (fraction);
  cell->score = vigie_compare_score_usage (fraction);
  cell->explanation = g_strdup (_("Headroom for peaks and for a failed host: up to 50 % used "
                                  "scores 5, 60 % 4, 70 % 3, 80 % 2, 90 % 1, more 0."));
}

static void
live_cell (VigieComparison        *self,
           const char             *id,
           VigieCompareColumnInfo *info,
           VigieCompareCell       *cell)
{
  VigieInventory *inv = info->inventory;
  GListModel *hosts;
  double used = 0, total = 0;

  if (live_unavailable (info, cell))
    return;
  hosts = G_LIST_MODEL (inv->hosts);

  if (g_str_equal (id, "instances_total") || g_str_equal (id, "instances_running"))
    {
      gboolean running = g_str_equal (id, "instances_running");
      gint64 count = 0;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inv->instances)); i++)
        {
          g_autoptr(VigieInstance) instance = g_list_model_get_item (G_LIST_MODEL (inv->instances),
                                                                     i);

          if (!instance->template &&
              (!running || instance->state == VIGIE_STATE_RUNNING))
            count++;
        }
      cell->number = count;
      cell->value = g_strdup_printf ("%" G_GINT64_FORMAT, count);
      cell->explanation = g_strdup (_("Counted live; a size, not a quality, so not scored."));
    }
  else if (g_str_equal (id, "cpu_usage"))
    {
      /* Hosts weigh by their cores, so a small host does not count as a big one. */
      for (guint i = 0; i < g_list_model_get_n_items (hosts); i++)
        {
          g_autoptr(VigieHost) host = g_list_model_get_item (hosts, i);
          double weight = host->cpu_cores > 0 ? host->cpu_cores : 1;

          if (host->cpu_usage < 0 || isnan (host->cpu_usage))
            continue;
          used += host->cpu_usage * weight;
          total += weight;
        }
      usage_cell (cell, total > 0 ? used / total : -1);
    }
  else if (g_str_equal (id, "memory_usage"))
    {
      for (guint i = 0; i < g_list_model_get_n_items (hosts); i++)
        {
          g_autoptr(VigieHost) host = g_list_model_get_item (hosts, i);

          if (host->memory_bytes <= 0 || host->memory_used_bytes < 0)
            continue;
          used += host->memory_used_bytes;
          total += host->memory_bytes;
        }
      usage_cell (cell, total > 0 ? used / total : -1);
    }
  else if (g_str_equal (id, "storage_usage"))
    {
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      /* A shared storage is listed by each node that sees it: count it once. */
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inv->storage)); i++)
        {
          g_autoptr(VigieStorage) storage = g_list_model_get_item (G_LIST_MODEL (inv->storage), i);
          char *key = g_strdup_printf ("%s/%s", storage->shared ? "" : storage->host,
                                       storage->name);

          if (storage->total_bytes <= 0 || storage->used_bytes < 0 ||
              !g_hash_table_add (seen, key))
            continue;
          used += storage->used_bytes;
          total += storage->total_bytes;
        }
      usage_cell (cell, total > 0 ? used / total : -1);
    }
  else if (g_str_equal (id, "backup_coverage"))
    {
      gint64 rows = 0, protected_ = 0;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->coverage)); i++)
        {
          g_autoptr(VigieCoverage) row = g_list_model_get_item (G_LIST_MODEL (self->coverage), i);

          if (row->endpoint_uuid != NULL && inv->endpoint_uuid != NULL
              ? g_strcmp0 (row->endpoint_uuid, inv->endpoint_uuid) != 0
              : g_strcmp0 (row->endpoint, inv->endpoint) != 0)
            continue;
          rows++;
          protected_ += row->status == VIGIE_BACKUP_PROTECTED;
        }
      if (rows == 0)
        {
          cell->explanation = g_strdup (_("No instance to protect, so there is no score."));
          return;
        }
      cell->number = (double) protected_ / rows;
      cell->value = g_strdup_printf (_("%d of %d protected (%.0f %%)"), (int) protected_,
                                     (int) rows, 100.0 * protected_ / rows);
      cell->score = vigie_compare_score_share (protected_, rows);
      cell->explanation = g_strdup_printf (_("5 × the share of instances with a backup newer "
                                             "than the RPO (%g h)."), self->rpo_hours);
    }
}

/* Backup mode: the instances whose newest backup this column's endpoint holds. */
static void
protected_cell (VigieComparison        *self,
                VigieCompareColumnInfo *info,
                VigieCompareCell       *cell)
{
  const char *prefix;
  gint64 rows, held = 0;

  if (live_unavailable (info, cell))
    return;
  switch (info->inventory->kind)
    {
    case VIGIE_KIND_PBS:
      prefix = "pbs:";
      break;
    case VIGIE_KIND_VEEAM:
      prefix = "veeam:";
      break;
    case VIGIE_KIND_PROXMOX:
      prefix = "vzdump:";
      break;
    case VIGIE_KIND_INCUS:
    case VIGIE_KIND_ESXI:
    case VIGIE_KIND_UNKNOWN:
    default:
      prefix = "incus:";
      break;
    }
  rows = g_list_model_get_n_items (G_LIST_MODEL (self->coverage));
  for (guint i = 0; i < rows; i++)
    {
      g_autoptr(VigieCoverage) row = g_list_model_get_item (G_LIST_MODEL (self->coverage), i);
      const char *rest;

      if (row->status != VIGIE_BACKUP_PROTECTED || row->source == NULL ||
          !g_str_has_prefix (row->source, prefix))
        continue;
      rest = row->source + strlen (prefix);
      if (g_str_has_prefix (rest, info->inventory->endpoint) &&
          (rest[strlen (info->inventory->endpoint)] == '/' ||
           rest[strlen (info->inventory->endpoint)] == '\0'))
        held++;
    }
  if (rows == 0)
    {
      cell->explanation = g_strdup (_("No instance to protect, so there is no score."));
      return;
    }
  cell->number = held;
  cell->value = g_strdup_printf (_("%d of %d"), (int) held, (int) rows);
  cell->score = vigie_compare_score_share (held, rows);
  cell->explanation = g_strdup (_("5 × the share of all instances whose newest backup, newer "
                                  "than the RPO, is held here."));
}

static char *
cost_model_text (JsonObject *model)
{
  JsonNode *required = model ? json_object_get_member (model, "licence_required") : NULL;
  const char *unit = vigie_json_get_string (model, "unit");

  if (required == NULL || !JSON_NODE_HOLDS_VALUE (required))
    return NULL;
  if (!json_node_get_boolean (required))
    {
      if (g_strcmp0 (unit, "socket") == 0)
        return g_strdup (_("free; optional subscription per socket"));
      return g_strdup (_("free"));
    }
  if (g_strcmp0 (unit, "core") == 0)
    return g_strdup (_("licence per core"));
  if (g_strcmp0 (unit, "socket") == 0)
    return g_strdup (_("licence per socket"));
  if (g_strcmp0 (unit, "instance") == 0)
    return g_strdup (_("licence per protected workload"));
  return g_strdup (_("licence required"));
}

static char *
virtualization_text (JsonObject *value)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (json_object_get_boolean_member_with_default (value, "vms", FALSE))
    g_ptr_array_add (parts, (gpointer) _("virtual machines"));
  if (json_object_get_boolean_member_with_default (value, "system_containers", FALSE))
    g_ptr_array_add (parts, (gpointer) _("system containers"));
  if (json_object_get_boolean_member_with_default (value, "app_containers", FALSE))
    g_ptr_array_add (parts, (gpointer) _("application containers"));
  else if (g_strcmp0 (vigie_json_get_string (value, "app_containers"), "preview") == 0)
    g_ptr_array_add (parts, (gpointer) _("application containers (preview)"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static gboolean
esxi_free_licence (VigieInventory *inv)
{
  g_autofree char *lower = NULL;

  if (inv->kind != VIGIE_KIND_ESXI || inv->license == NULL)
    return FALSE;
  lower = g_ascii_strdown (inv->license, -1);
  return strstr (lower, "free") != NULL || strstr (lower, "hypervisor") != NULL;
}

static void
api_cell (VigieComparison        *self,
          VigieCompareColumnInfo *info,
          VigieCompareCell       *cell)
{
  VigieInventory *inv = info->inventory;
  const char *line_id = vigie_json_get_string (info->line, "id");
  gboolean free_edition = line_id != NULL && g_str_has_suffix (line_id, "-free");

  level_cell (self, info, "api_access", cell);
  if (inv == NULL && !free_edition)
    return;
  g_clear_pointer (&cell->value, g_free);
  g_free (cell->explanation);
  cell->explanation = g_strdup (_("An API that reads and writes scores 5; read-only (the free "
                                  "ESXi licence) 2; no access with the current credentials 0."));
  if (inv != NULL)
    {
      g_free (cell->source);
      cell->source = g_strdup ("live");
    }
  if (inv != NULL && inv->status != VIGIE_STATUS_OK)
    {
      cell->value = g_strdup_printf (_("no access (%s)"), vigie_status_to_string (inv->status));
      cell->score = 0;
    }
  else if (free_edition || esxi_free_licence (inv))
    {
      cell->value = g_strdup (_("read-only (free licence)"));
      cell->score = 2;
    }
  else
    {
      cell->value = g_strdup (_("read and write"));
      cell->score = 5;
    }
}

static void
support_cells (VigieComparison        *self,
               const char             *id,
               VigieCompareColumnInfo *info,
               VigieCompareCell       *cell)
{
  VigieSupport *support = info->support;
  const char *live = info->inventory != NULL && info->inventory->status == VIGIE_STATUS_OK
                     ? "live" : NULL;

  if (g_str_equal (id, "product"))
    {
      if (info->pub.line_name != NULL && info->inventory == NULL)
        cell->value = g_strdup (info->pub.line_name);
      else
        cell->value = g_strdup (info->pub.product);
      cell->source = g_strdup (live ? live : support ? support->source : NULL);
      cell->explanation = g_strdup (_("Descriptive: not scored."));
    }
  else if (g_str_equal (id, "version"))
    {
      cell->value = g_strdup (info->pub.version);
      if (info->inventory == NULL)
        {
          JsonObject *latest = vigie_json_get_object (info->line, "latest");

          cell->source = g_strdup (vigie_json_get_string (latest, "source"));
          cell->checked = g_strdup (vigie_json_get_string (latest, "checked"));
          cell->score = cell->value != NULL ? 5 : -1;
        }
      else
        {
          cell->source = g_strdup (live);
          cell->score = support != NULL && cell->value != NULL
                        ? vigie_compare_score_version (support->outdated) : -1;
        }
      if (cell->score >= 0)
        cell->explanation = g_strdup (_("The newest release of its line scores 5, an older one "
                                        "3 (updates are missing)."));
      else
        cell->explanation = g_strdup (_("Whether this is the newest release of its line cannot "
                                        "be told, so there is no score."));
      if (support != NULL && support->latest != NULL)
        cell->detail = g_strdup_printf (_("Newest release of the line: %s."), support->latest);
    }
  else
    {
      VigieSupportStatus status = support ? support->status : VIGIE_SUPPORT_UNKNOWN;

      cell->value = g_strdup (vigie_support_status_to_string (status));
      cell->score = vigie_compare_score_support (status);
      cell->source = g_strdup (support ? support->source : NULL);
      if (support != NULL && support->ends != NULL)
        cell->detail = g_strdup_printf (_("%s: general support ends on %s."), support->line,
                                        support->ends);
      else if (support != NULL && support->line != NULL)
        cell->detail = g_strdup_printf (_("%s: no end of support announced."), support->line);
      cell->explanation = g_strdup (status == VIGIE_SUPPORT_UNKNOWN
                                    ? _("The knowledge base cannot place this version in a "
                                        "release line, so there is no score.")
                                    : _("Supported scores 5, ending within 180 days 2, past its "
                                        "end of support 0."));
    }
}

void
vigie_compare_fill_cell (VigieComparison        *self,
                         const char             *id,
                         VigieCompareColumnInfo *info,
                         VigieCompareCell       *cell)
{
  static const char * const levels[] = {
    "clustering", "live_migration", "high_availability", "distributed_storage",
    "backup_integration", "windows_guests", "migration_in", "deduplication", "incremental",
    "encryption", "verification", "immutability", "file_restore", "offsite_replication", "tape",
    NULL
  };
  static const char * const live[] = {
    "instances_total", "instances_running", "cpu_usage", "memory_usage", "storage_usage",
    "backup_coverage", NULL
  };
  JsonObject *fact;

  if (g_str_equal (id, "product") || g_str_equal (id, "version") ||
      g_str_equal (id, "support_status"))
    support_cells (self, id, info, cell);
  else if (g_str_equal (id, "license_cost"))
    vigie_compare_cost_cell (self, info, cell);
  else if (g_strv_contains (levels, id))
    level_cell (self, info, id, cell);
  else if (g_str_equal (id, "container_support"))
    level_cell (self, info, "containers", cell);
  else if (g_strv_contains (live, id))
    live_cell (self, id, info, cell);
  else if (g_str_equal (id, "protected_instances"))
    protected_cell (self, info, cell);
  else if (g_str_equal (id, "api_access"))
    api_cell (self, info, cell);
  else if (g_str_equal (id, "cost_model"))
    {
      fact = fact_of (self, info, "cost_model");
      cell_from_fact (self, cell, fact);
      cell->value = cost_model_text (vigie_json_get_object (fact, "value"));
      cell->score = vigie_compare_score_cost_model (vigie_json_get_object (fact, "value"));
      cell->explanation = g_strdup (_("No licence needed scores 5; a licence per server or per "
                                      "socket 3; per core or per workload 2, since it grows "
                                      "with the hardware or the workloads."));
    }
  else if (g_str_equal (id, "virtualization"))
    {
      JsonObject *value;

      fact = fact_of (self, info, "virtualization");
      value = vigie_json_get_object (fact, "value");
      cell_from_fact (self, cell, fact);
      cell->value = value ? virtualization_text (value) : NULL;
      cell->score = vigie_compare_score_virtualization (value);
      cell->explanation = g_strdup (_("Virtual machines score 3, system containers add 1, "
                                      "application containers add 1 (0.5 in preview)."));
    }
  else if (g_str_equal (id, "guest_os_support"))
    {
      JsonObject *windows = fact_of (self, info, "windows_guests");
      JsonObject *value;

      fact = fact_of (self, info, "virtualization");
      value = vigie_json_get_object (fact, "value");
      cell_from_fact (self, cell, fact);
      cell->score = vigie_compare_score_guest_os (value, fact_level (windows));
      if (cell->score >= 5)
        cell->value = g_strdup (_("any OS in VMs, Windows included"));
      else if (cell->score >= 3)
        cell->value = g_strdup (_("VMs without Windows"));
      else if (cell->score >= 0)
        cell->value = g_strdup (_("Linux containers only"));
      cell->explanation = g_strdup (_("Any guest OS in virtual machines, Windows included, "
                                      "scores 5; virtual machines without Windows 3; Linux "
                                      "containers only 2."));
    }
  else if (g_str_equal (id, "management_interfaces"))
    {
      fact = fact_of (self, info, id);
      cell_from_fact (self, cell, fact);
      cell->value = join_array (vigie_json_get_array (fact, "value"));
      cell->score = vigie_compare_score_interfaces (vigie_json_get_array (fact, "value"));
      cell->explanation = g_strdup (_("One point each for a web interface, an API, a command "
                                      "line, Terraform and Ansible, at most 5."));
    }
  else if (g_str_equal (id, "supported_platforms"))
    {
      JsonArray *platforms;

      fact = fact_of (self, info, id);
      platforms = vigie_json_get_array (fact, "value");
      cell_from_fact (self, cell, fact);
      cell->value = join_array (platforms);
      cell->score = vigie_compare_score_platforms (platforms ? json_array_get_length (platforms)
                                                             : 0);
      cell->explanation = g_strdup (_("One platform scores 2, two 3, three or four 4, five or "
                                      "more 5."));
    }
  else if (g_str_equal (id, "purpose"))
    {
      fact = fact_of (self, info, id);
      cell_from_fact (self, cell, fact);
      cell->value = g_steal_pointer (&cell->detail);
      cell->explanation = g_strdup (_("Descriptive: not scored."));
    }
  else if (g_str_equal (id, "ease_of_administration"))
    {
      JsonObject *easy = vigie_knowledge_get_fact (info->product, info->line,
                                                   "administration_easy");
      JsonObject *hard = vigie_knowledge_get_fact (info->product, info->line,
                                                   "administration_hard");
      JsonObject *interfaces = vigie_knowledge_get_fact (info->product, info->line,
                                                         "management_interfaces");
      const char *lang = vigie_compare_lang (self);
      const char *easy_text = vigie_knowledge_text (vigie_json_get_object (easy, "text"), lang);
      const char *hard_text = vigie_knowledge_text (vigie_json_get_object (hard, "text"), lang);

      cell_from_fact (self, cell, easy ? easy : hard);
      g_clear_pointer (&cell->detail, g_free);
      cell->score = vigie_compare_score_ease (vigie_json_get_array (interfaces, "value"),
                                              fact_level (vigie_knowledge_get_fact (info->product,
                                                                                    info->line,
                                                                                    "clustering")));
      if (easy_text != NULL || hard_text != NULL)
        cell->value = g_strdup_printf ("+ %s − %s", easy_text ? easy_text : "-",
                                       hard_text ? hard_text : "-");
      cell->explanation = g_strdup (_("Starts at 3: a built-in web interface adds 1, "
                                      "clustering built in (no separate management server) "
                                      "adds 1, clustering only as a paid add-on takes 1 "
                                      "away."));
    }

  if (cell->score < 0 && cell->explanation == NULL)
    no_fact (cell);
}
