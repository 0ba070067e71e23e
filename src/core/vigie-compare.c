/* vigie-compare.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The comparison object: its columns and criteria, the weights and presets,
 * the weighted totals and the claims. Cells are filled by
 * vigie-compare-cells.c, costs by vigie-compare-cost.c.
 */

#define G_LOG_DOMAIN "vigie-compare"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "vigie-compare-private.h"
#include "vigie-report-doc.h"
#include "vigie-coverage.h"
#include "vigie-kind.h"
#include "vigie-error.h"
#include "vigie-json.h"

#define MODE_HYP    (1 << VIGIE_COMPARE_HYPERVISORS)
#define MODE_BACKUP (1 << VIGIE_COMPARE_BACKUP)
#define MODE_BOTH   (MODE_HYP | MODE_BACKUP)

/* The contract's criteria, in display order within each group. */
static const struct {
  const char        *id;
  VigieCompareGroup  group;
  const char        *label;
  gboolean           scored;
  guint              modes;
} criteria_table[] = {
  { "product", VIGIE_COMPARE_GROUP_SUPPORT, N_("Product"), FALSE, MODE_BOTH },
  { "version", VIGIE_COMPARE_GROUP_SUPPORT, N_("Version"), TRUE, MODE_BOTH },
  { "support_status", VIGIE_COMPARE_GROUP_SUPPORT, N_("Support status"), TRUE, MODE_BOTH },
  { "license_cost", VIGIE_COMPARE_GROUP_COST, N_("Licence cost per year"), TRUE, MODE_BOTH },
  { "cost_model", VIGIE_COMPARE_GROUP_COST, N_("Cost model"), TRUE, MODE_HYP },
  { "purpose", VIGIE_COMPARE_GROUP_FEATURES, N_("Purpose"), FALSE, MODE_BACKUP },
  { "supported_platforms", VIGIE_COMPARE_GROUP_FEATURES, N_("Supported platforms"), TRUE,
    MODE_BACKUP },
  { "virtualization", VIGIE_COMPARE_GROUP_FEATURES, N_("Virtualization"), TRUE, MODE_HYP },
  { "clustering", VIGIE_COMPARE_GROUP_FEATURES, N_("Clustering"), TRUE, MODE_HYP },
  { "live_migration", VIGIE_COMPARE_GROUP_FEATURES, N_("Live migration"), TRUE, MODE_HYP },
  { "high_availability", VIGIE_COMPARE_GROUP_FEATURES, N_("High availability"), TRUE, MODE_HYP },
  { "distributed_storage", VIGIE_COMPARE_GROUP_FEATURES, N_("Distributed storage"), TRUE,
    MODE_HYP },
  { "backup_integration", VIGIE_COMPARE_GROUP_FEATURES, N_("Backup integration"), TRUE,
    MODE_HYP },
  { "guest_os_support", VIGIE_COMPARE_GROUP_FEATURES, N_("Guest operating systems"), TRUE,
    MODE_HYP },
  { "windows_guests", VIGIE_COMPARE_GROUP_FEATURES, N_("Windows guests"), TRUE, MODE_HYP },
  { "container_support", VIGIE_COMPARE_GROUP_FEATURES, N_("Containers"), TRUE, MODE_HYP },
  { "migration_in", VIGIE_COMPARE_GROUP_FEATURES, N_("Migration from other platforms"), TRUE,
    MODE_HYP },
  { "deduplication", VIGIE_COMPARE_GROUP_FEATURES, N_("Deduplication"), TRUE, MODE_BACKUP },
  { "incremental", VIGIE_COMPARE_GROUP_FEATURES, N_("Incremental backups"), TRUE, MODE_BACKUP },
  { "encryption", VIGIE_COMPARE_GROUP_FEATURES, N_("Encryption"), TRUE, MODE_BACKUP },
  { "verification", VIGIE_COMPARE_GROUP_FEATURES, N_("Verification"), TRUE, MODE_BACKUP },
  { "immutability", VIGIE_COMPARE_GROUP_FEATURES, N_("Immutability"), TRUE, MODE_BACKUP },
  { "file_restore", VIGIE_COMPARE_GROUP_FEATURES, N_("File restore"), TRUE, MODE_BACKUP },
  { "offsite_replication", VIGIE_COMPARE_GROUP_FEATURES, N_("Off-site replication"), TRUE,
    MODE_BACKUP },
  { "tape", VIGIE_COMPARE_GROUP_FEATURES, N_("Tape"), TRUE, MODE_BACKUP },
  { "management_interfaces", VIGIE_COMPARE_GROUP_ADMINISTRATION, N_("Management interfaces"),
    TRUE, MODE_HYP },
  { "api_access", VIGIE_COMPARE_GROUP_ADMINISTRATION, N_("API access"), TRUE, MODE_HYP },
  { "ease_of_administration", VIGIE_COMPARE_GROUP_ADMINISTRATION, N_("Ease of administration"),
    TRUE, MODE_BOTH },
  { "instances_total", VIGIE_COMPARE_GROUP_LIVE, N_("Instances"), FALSE, MODE_HYP },
  { "instances_running", VIGIE_COMPARE_GROUP_LIVE, N_("Running instances"), FALSE, MODE_HYP },
  { "cpu_usage", VIGIE_COMPARE_GROUP_LIVE, N_("CPU usage"), TRUE, MODE_HYP },
  { "memory_usage", VIGIE_COMPARE_GROUP_LIVE, N_("Memory usage"), TRUE, MODE_HYP },
  { "storage_usage", VIGIE_COMPARE_GROUP_LIVE, N_("Storage usage"), TRUE, MODE_HYP },
  { "backup_coverage", VIGIE_COMPARE_GROUP_LIVE, N_("Backup coverage"), TRUE, MODE_HYP },
  { "protected_instances", VIGIE_COMPARE_GROUP_LIVE, N_("Protected instances"), TRUE,
    MODE_BACKUP },
};

/* A preset: the weight of every scored criterion not listed, then the listed ones. */
typedef struct {
  const char *id;
  double      weight;
} PresetWeight;

static const PresetWeight teaching_lab[] = {
  { "license_cost", 3 }, { "cost_model", 2 }, { "ease_of_administration", 3 },
  { "management_interfaces", 2 }, { "api_access", 2 }, { "container_support", 2 },
  { "virtualization", 2 }, { "windows_guests", 0.5 }, { "high_availability", 0.5 },
  { "distributed_storage", 0.5 }, { "version", 0.5 }, { "cpu_usage", 0.5 },
  { "memory_usage", 0.5 }, { "storage_usage", 0.5 }, { "backup_coverage", 0.5 },
  { "tape", 0 }, { "immutability", 0.5 }, { "offsite_replication", 0.5 }, { NULL, 0 }
};
static const PresetWeight small_business[] = {
  { "support_status", 3 }, { "version", 2 }, { "high_availability", 2 },
  { "live_migration", 2 }, { "backup_integration", 3 }, { "backup_coverage", 3 },
  { "windows_guests", 2 }, { "license_cost", 2 }, { "ease_of_administration", 2 },
  { "migration_in", 2 }, { "immutability", 3 }, { "encryption", 2 }, { "verification", 2 },
  { "offsite_replication", 3 }, { "protected_instances", 3 }, { "file_restore", 2 },
  { NULL, 0 }
};
static const PresetWeight cost_first[] = {
  { "license_cost", 5 }, { "cost_model", 3 }, { NULL, 0 }
};

static const struct {
  const char         *id;
  const char         *label;
  double              others;
  const PresetWeight *weights;
} presets[] = {
  { "balanced", N_("Balanced"), 1, NULL },
  { "teaching-lab", N_("Teaching lab"), 1, teaching_lab },
  { "small-business", N_("Small business"), 1, small_business },
  { "cost-first", N_("Cost first"), 0.5, cost_first },
};

static const char * const preset_ids[] = {
  "balanced", "teaching-lab", "small-business", "cost-first", NULL
};

static const char * const group_ids[] = {
  "support", "cost", "features", "administration", "live"
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VigieComparison, vigie_comparison, G_TYPE_OBJECT)

const char * const *
vigie_compare_presets (void)
{
  return preset_ids;
}

const char *
vigie_compare_preset_label (const char *preset)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_strcmp0 (presets[i].id, preset) == 0)
      return _(presets[i].label);
  return NULL;
}

const char *
vigie_compare_group_to_string (VigieCompareGroup group)
{
  g_return_val_if_fail (group < VIGIE_COMPARE_N_GROUPS, NULL);
  return group_ids[group];
}

const char *
vigie_compare_group_label (VigieCompareGroup group)
{
  switch (group)
    {
    case VIGIE_COMPARE_GROUP_SUPPORT:
      return _("Product and support");
    case VIGIE_COMPARE_GROUP_COST:
      return _("Cost");
    case VIGIE_COMPARE_GROUP_FEATURES:
      return _("Features");
    case VIGIE_COMPARE_GROUP_ADMINISTRATION:
      return _("Administration");
    case VIGIE_COMPARE_GROUP_LIVE:
      return _("Live state");
    case VIGIE_COMPARE_N_GROUPS:
    default:
      return NULL;
    }
}

char *
vigie_compare_format_score (double score)
{
  if (score < 0 || isnan (score))
    return g_strdup ("–");
  return g_strdup_printf ("%.1f", score);
}

VigieCompareCell *
vigie_compare_cell_new (void)
{
  VigieCompareCell *cell = g_new0 (VigieCompareCell, 1);

  cell->number = NAN;
  cell->score = -1;
  cell->amount = -1;
  return cell;
}

void
vigie_compare_cell_free (VigieCompareCell *cell)
{
  if (cell == NULL)
    return;
  g_free (cell->value);
  g_free (cell->source);
  g_free (cell->explanation);
  g_free (cell->detail);
  g_free (cell->checked);
  g_free (cell->confidence);
  g_free (cell->currency);
  g_free (cell);
}

static void
column_info_free (VigieCompareColumnInfo *info)
{
  g_free (info->pub.key);
  g_free (info->pub.endpoint);
  g_free (info->pub.product);
  g_free (info->pub.version);
  g_free (info->pub.line);
  g_free (info->pub.line_name);
  g_clear_object (&info->inventory);
  g_clear_pointer (&info->support, vigie_support_free);
  g_free (info->currency);
  g_free (info->plan);
  g_free (info);
}

static void
criterion_free (VigieCompareCriterion *criterion)
{
  g_free (criterion->label);
  g_free (criterion);
}

static void
claim_free (VigieCompareClaim *claim)
{
  g_free (claim->id);
  g_free (claim->claim);
  g_free (claim->verdict);
  g_free (claim->explanation);
  g_strfreev (claim->sources);
  g_free (claim->checked);
  g_free (claim);
}

static void
vigie_comparison_finalize (GObject *object)
{
  VigieComparison *self = VIGIE_COMPARISON (object);

  g_free (self->lang);
  g_clear_pointer (&self->prices, json_node_unref);
  g_free (self->prices_origin);
  g_clear_pointer (&self->product_ids, g_ptr_array_unref);
  g_clear_pointer (&self->inventories, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->weights, g_hash_table_unref);
  g_free (self->preset);
  g_clear_pointer (&self->hosts, g_array_unref);
  g_clear_pointer (&self->cost_lines, g_ptr_array_unref);
  g_clear_pointer (&self->claims, g_ptr_array_unref);
  g_clear_object (&self->coverage);
  G_OBJECT_CLASS (vigie_comparison_parent_class)->finalize (object);
}

static void
vigie_comparison_class_init (VigieComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_comparison_finalize;

  /* Emitted when the weights, and so the totals, changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vigie_comparison_init (VigieComparison *self)
{
  self->rpo_hours = 24;
  self->product_ids = g_ptr_array_new_with_free_func (g_free);
  self->inventories = g_ptr_array_new_with_free_func (g_object_unref);
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_info_free);
  self->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) criterion_free);
  self->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_compare_cell_free);
  self->weights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->hosts = g_array_new (FALSE, TRUE, sizeof (VigieCompareHostCount));
  self->cost_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_compare_cost_line_free);
  self->claims = g_ptr_array_new_with_free_func ((GDestroyNotify) claim_free);
}

VigieComparison *
vigie_comparison_new (VigieCompareMode mode)
{
  VigieComparison *self = g_object_new (VIGIE_TYPE_COMPARISON, NULL);

  self->mode = mode;
  for (VigieCompareGroup g = 0; g < VIGIE_COMPARE_N_GROUPS; g++)
    for (guint i = 0; i < G_N_ELEMENTS (criteria_table); i++)
      {
        VigieCompareCriterion *criterion;

        if (criteria_table[i].group != g || (criteria_table[i].modes & (1 << mode)) == 0)
          continue;
        criterion = g_new0 (VigieCompareCriterion, 1);
        criterion->id = criteria_table[i].id;
        criterion->group = g;
        criterion->label = g_strdup (_(criteria_table[i].label));
        criterion->scored = criteria_table[i].scored;
        g_ptr_array_add (self->criteria, criterion);
      }
  vigie_comparison_apply_preset (self, "balanced", NULL);
  return self;
}

VigieCompareMode
vigie_comparison_get_mode (VigieComparison *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), VIGIE_COMPARE_HYPERVISORS);
  return self->mode;
}

void
vigie_comparison_set_language (VigieComparison *self,
                               const char      *lang)
{
  g_return_if_fail (VIGIE_IS_COMPARISON (self));
  g_free (self->lang);
  self->lang = g_strdup (lang);
}

const char *
vigie_comparison_get_language (VigieComparison *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);
  return self->lang;
}

/* The language of the knowledge base's texts: the one set, else the locale's. */
const char *
vigie_compare_lang (VigieComparison *self)
{
  return self->lang != NULL ? self->lang : vigie_report_ui_lang ();
}

void
vigie_comparison_set_now (VigieComparison *self,
                          gint64           now)
{
  g_return_if_fail (VIGIE_IS_COMPARISON (self));
  self->now = now;
}

gint64
vigie_comparison_get_now (VigieComparison *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), 0);
  return self->now;
}

void
vigie_comparison_set_rpo_hours (VigieComparison *self,
                                double           rpo_hours)
{
  g_return_if_fail (VIGIE_IS_COMPARISON (self));
  g_return_if_fail (rpo_hours > 0);
  self->rpo_hours = rpo_hours;
}

void
vigie_comparison_set_hardware (VigieComparison            *self,
                               const VigieHardwareProfile *profile)
{
  g_return_if_fail (VIGIE_IS_COMPARISON (self));
  self->have_profile = profile != NULL;
  if (profile != NULL)
    self->profile = *profile;
}

gboolean
vigie_comparison_set_prices (VigieComparison  *self,
                             JsonObject       *overrides,
                             const char       *origin,
                             GError          **error)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), FALSE);

  if (overrides != NULL && !vigie_compare_check_prices (overrides, error))
    return FALSE;
  g_clear_pointer (&self->prices, json_node_unref);
  g_clear_pointer (&self->prices_origin, g_free);
  if (overrides != NULL)
    {
      self->prices = json_node_init_object (json_node_alloc (), overrides);
      self->prices_origin = g_strdup (origin);
    }
  return TRUE;
}

gboolean
vigie_comparison_load_prices_file (VigieComparison  *self,
                                   const char       *path,
                                   GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;

  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), FALSE);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG, _("%s cannot be read: %s"), path,
                   local_error->message);
      return FALSE;
    }
  root = vigie_json_node_object (json_parser_get_root (parser));
  if (root == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG, _("%s must hold a JSON object"), path);
      return FALSE;
    }
  if (!vigie_comparison_set_prices (self, root, path, &local_error))
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG, "%s: %s", path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
vigie_comparison_get_prices_overridden (VigieComparison *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), FALSE);
  return self->prices != NULL;
}

const char *
vigie_comparison_get_prices_origin (VigieComparison *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);
  return self->prices_origin;
}

gboolean
vigie_comparison_add_product (VigieComparison  *self,
                              const char       *line_id,
                              GError          **error)
{
  JsonObject *product = NULL;
  JsonObject *line;
  const char *category;

  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), FALSE);
  g_return_val_if_fail (line_id != NULL, FALSE);

  line = vigie_knowledge_lookup_line (vigie_knowledge_get_default (), line_id, &product);
  if (line == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("unknown product line “%s” (see vigiectl products)"), line_id);
      return FALSE;
    }
  category = vigie_json_get_string (product, "category");
  /* Proxmox VE and Incus are also their own backup tools (vzdump, exports). */
  if (self->mode == VIGIE_COMPARE_HYPERVISORS && g_strcmp0 (category, "hypervisor") != 0)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("“%s” is a backup product: compare it with --backup"), line_id);
      return FALSE;
    }
  if (self->mode == VIGIE_COMPARE_BACKUP && g_strcmp0 (category, "backup") != 0 &&
      vigie_json_get_object (product, "backup") == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("“%s” has no backup tool to compare"), line_id);
      return FALSE;
    }
  for (guint i = 0; i < self->product_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->product_ids, i), line_id))
      return TRUE;
  g_ptr_array_add (self->product_ids, g_strdup (line_id));
  return TRUE;
}

static gboolean
kind_is_column (VigieCompareMode mode,
                VigieKind        kind)
{
  /* Hypervisors that keep backups of their own are in both comparisons. */
  if (vigie_kind_has_role (kind, VIGIE_ROLE_COMPUTE))
    return mode == VIGIE_COMPARE_HYPERVISORS || vigie_kind_has_capability (kind, VIGIE_CAP_BACKUPS);
  if (vigie_kind_has_role (kind, VIGIE_ROLE_BACKUP))
    return mode == VIGIE_COMPARE_BACKUP;
  return FALSE;
}

static char *
latest_version (JsonObject *line)
{
  JsonObject *latest = vigie_json_get_object (vigie_json_get_object (line, "latest"), "value");

  return g_strdup (vigie_json_get_string (latest, "version"));
}

static VigieCompareColumnInfo *
column_for_inventory (VigieComparison *self,
                      VigieInventory  *inv)
{
  VigieKnowledge *kb = vigie_knowledge_get_default ();
  VigieCompareColumnInfo *info = g_new0 (VigieCompareColumnInfo, 1);

  info->inventory = g_object_ref (inv);
  info->amount = -1;
  info->product = vigie_knowledge_find_product (kb, inv->kind, inv->product);
  if (info->product != NULL && inv->version != NULL)
    info->line = vigie_knowledge_find_line (kb, info->product, inv->version, inv->build);
  info->support = vigie_knowledge_support (kb, inv->kind, inv->product, inv->version, inv->build,
                                           self->now);
  info->pub.key = g_strdup (inv->endpoint);
  info->pub.kind = inv->kind;
  info->pub.endpoint = g_strdup (inv->endpoint);
  info->pub.status = inv->status;
  info->pub.product = g_strdup (inv->product != NULL ? inv->product
                                : vigie_json_get_string (info->product, "name"));
  info->pub.version = g_strdup (inv->version);
  info->pub.line = g_strdup (vigie_json_get_string (info->line, "id"));
  info->pub.line_name = g_strdup (vigie_json_get_string (info->line, "name"));
  return info;
}

static VigieCompareColumnInfo *
column_for_line (VigieComparison *self,
                 const char      *line_id)
{
  VigieCompareColumnInfo *info = g_new0 (VigieCompareColumnInfo, 1);
  g_autofree char *version = NULL;

  info->amount = -1;
  info->line = vigie_knowledge_lookup_line (vigie_knowledge_get_default (), line_id,
                                            &info->product);
  g_assert (info->line != NULL);
  version = latest_version (info->line);
  info->support = vigie_knowledge_line_support (info->product, info->line, version, NULL,
                                                self->now);
  info->pub.key = g_strdup_printf ("product:%s", line_id);
  info->pub.kind = vigie_kind_from_string (vigie_json_get_string (info->product, "kind"));
  info->pub.status = VIGIE_STATUS_OK;
  info->pub.product = g_strdup (vigie_json_get_string (info->product, "name"));
  info->pub.version = g_steal_pointer (&version);
  info->pub.line = g_strdup (line_id);
  info->pub.line_name = g_strdup (vigie_json_get_string (info->line, "name"));
  return info;
}

/* The claims about the compared products: a claim's id starts with the
 * first word of its product's id ("proxmox-ha-needs-ceph"). */
static void
collect_claims (VigieComparison *self)
{
  JsonArray *claims = vigie_knowledge_get_claims (vigie_knowledge_get_default ());
  const char *lang = vigie_compare_lang (self);

  g_ptr_array_set_size (self->claims, 0);
  for (guint i = 0; claims != NULL && i < json_array_get_length (claims); i++)
    {
      JsonObject *object = vigie_json_node_object (json_array_get_element (claims, i));
      const char *id = vigie_json_get_string (object, "id");
      JsonArray *sources = vigie_json_get_array (object, "sources");
      gboolean relevant = self->columns->len == 0;
      VigieCompareClaim *claim;
      GPtrArray *urls;

      if (object == NULL || id == NULL)
        continue;
      for (guint c = 0; !relevant && c < self->columns->len; c++)
        {
          VigieCompareColumnInfo *info = g_ptr_array_index (self->columns, c);
          const char *product_id = vigie_json_get_string (info->product, "id");
          g_autofree char *word = NULL;
          const char *dash;

          if (product_id == NULL)
            continue;
          dash = strchr (product_id, '-');
          word = dash ? g_strndup (product_id, dash - product_id) : g_strdup (product_id);
          relevant = g_str_has_prefix (id, word) && id[strlen (word)] == '-';
        }
      if (!relevant)
        continue;
      claim = g_new0 (VigieCompareClaim, 1);
      claim->id = g_strdup (id);
      claim->claim = g_strdup (vigie_knowledge_text (vigie_json_get_object (object, "claim"),
                                                     lang));
      claim->verdict = g_strdup (vigie_json_get_string (object, "verdict"));
      claim->explanation =
        g_strdup (vigie_knowledge_text (vigie_json_get_object (object, "explanation"), lang));
      claim->checked = g_strdup (vigie_json_get_string (object, "checked"));
      urls = g_ptr_array_new ();
      for (guint s = 0; sources != NULL && s < json_array_get_length (sources); s++)
        {
          JsonNode *node = json_array_get_element (sources, s);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_ptr_array_add (urls, g_strdup (json_node_get_string (node)));
        }
      g_ptr_array_add (urls, NULL);
      claim->sources = (GStrv) g_ptr_array_free (urls, FALSE);
      g_ptr_array_add (self->claims, claim);
    }
}

void
vigie_comparison_compute (VigieComparison *self,
                          GPtrArray       *inventories)
{
  g_return_if_fail (VIGIE_IS_COMPARISON (self));

  g_ptr_array_set_size (self->inventories, 0);
  g_ptr_array_set_size (self->columns, 0);
  g_ptr_array_set_size (self->cells, 0);
  g_ptr_array_set_size (self->cost_lines, 0);
  g_clear_object (&self->coverage);

  for (guint i = 0; inventories != NULL && i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);

      g_ptr_array_add (self->inventories, g_object_ref (inv));
      if (kind_is_column (self->mode, inv->kind))
        g_ptr_array_add (self->columns, column_for_inventory (self, inv));
    }
  for (guint i = 0; i < self->product_ids->len; i++)
    g_ptr_array_add (self->columns,
                     column_for_line (self, g_ptr_array_index (self->product_ids, i)));

  self->coverage = vigie_coverage_compute (self->inventories, self->now, self->rpo_hours);
  vigie_compare_count_estate (self);
  for (guint c = 0; c < self->columns->len; c++)
    vigie_compare_cost_column (self, g_ptr_array_index (self->columns, c));

  for (guint r = 0; r < self->criteria->len; r++)
    {
      VigieCompareCriterion *criterion = g_ptr_array_index (self->criteria, r);

      for (guint c = 0; c < self->columns->len; c++)
        {
          VigieCompareCell *cell = vigie_compare_cell_new ();

          vigie_compare_fill_cell (self, criterion->id, g_ptr_array_index (self->columns, c),
                                   cell);
          if (!criterion->scored)
            cell->score = -1;
          g_ptr_array_add (self->cells, cell);
        }
    }
  collect_claims (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

GPtrArray *
vigie_comparison_get_inventories (VigieComparison *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);
  return self->inventories;
}

guint
vigie_comparison_get_n_columns (VigieComparison *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), 0);
  return self->columns->len;
}

const VigieCompareColumn *
vigie_comparison_get_column (VigieComparison *self,
                             guint            column)
{
  VigieCompareColumnInfo *info;

  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  info = g_ptr_array_index (self->columns, column);
  return &info->pub;
}

guint
vigie_comparison_get_n_criteria (VigieComparison *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), 0);
  return self->criteria->len;
}

const VigieCompareCriterion *
vigie_comparison_get_criterion (VigieComparison *self,
                                guint            criterion)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (criterion < self->criteria->len, NULL);
  return g_ptr_array_index (self->criteria, criterion);
}

int
vigie_comparison_find_criterion (VigieComparison *self,
                                 const char      *id)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), -1);
  for (guint i = 0; i < self->criteria->len; i++)
    {
      VigieCompareCriterion *criterion = g_ptr_array_index (self->criteria, i);

      if (g_strcmp0 (criterion->id, id) == 0)
        return i;
    }
  return -1;
}

const VigieCompareCell *
vigie_comparison_get_cell (VigieComparison *self,
                           guint            criterion,
                           guint            column)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (criterion < self->criteria->len && column < self->columns->len, NULL);
  g_return_val_if_fail (self->cells->len == self->criteria->len * self->columns->len, NULL);
  return g_ptr_array_index (self->cells, criterion * self->columns->len + column);
}

double
vigie_comparison_get_weight (VigieComparison *self,
                             const char      *criterion_id)
{
  double *weight;

  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), 0);
  weight = g_hash_table_lookup (self->weights, criterion_id);
  return weight != NULL ? *weight : 0;
}

static void
store_weight (VigieComparison *self,
              const char      *id,
              double           weight)
{
  g_hash_table_insert (self->weights, g_strdup (id), g_memdup2 (&weight, sizeof weight));
}

void
vigie_comparison_set_weight (VigieComparison *self,
                             const char      *criterion_id,
                             double           weight)
{
  g_return_if_fail (VIGIE_IS_COMPARISON (self));
  g_return_if_fail (vigie_comparison_find_criterion (self, criterion_id) >= 0);
  g_return_if_fail (weight >= 0 && isfinite (weight));

  if (vigie_comparison_get_weight (self, criterion_id) == weight)
    return;
  store_weight (self, criterion_id, weight);
  g_clear_pointer (&self->preset, g_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
vigie_comparison_apply_preset (VigieComparison  *self,
                               const char       *preset,
                               GError          **error)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), FALSE);

  for (guint p = 0; p < G_N_ELEMENTS (presets); p++)
    {
      if (g_strcmp0 (presets[p].id, preset) != 0)
        continue;
      for (guint i = 0; i < self->criteria->len; i++)
        {
          VigieCompareCriterion *criterion = g_ptr_array_index (self->criteria, i);
          double weight = criterion->scored ? presets[p].others : 0;

          for (guint w = 0; criterion->scored && presets[p].weights != NULL &&
                            presets[p].weights[w].id != NULL; w++)
            if (g_str_equal (presets[p].weights[w].id, criterion->id))
              weight = presets[p].weights[w].weight;
          store_weight (self, criterion->id, weight);
        }
      g_free (self->preset);
      self->preset = g_strdup (preset);
      g_signal_emit (self, signals[CHANGED], 0);
      return TRUE;
    }
  g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
               _("unknown preset “%s” (balanced, teaching-lab, small-business or cost-first)"),
               preset);
  return FALSE;
}

const char *
vigie_comparison_get_preset (VigieComparison *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);
  return self->preset;
}

gboolean
vigie_comparison_merge_weights (VigieComparison  *self,
                                JsonObject       *weights,
                                GError          **error)
{
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), FALSE);
  g_return_val_if_fail (weights != NULL, FALSE);

  /* Check everything first, so that bad input changes nothing. */
  members = json_object_get_members (weights);
  for (GList *l = members; l != NULL; l = l->next)
    {
      double value;

      if (vigie_comparison_find_criterion (self, l->data) < 0)
        {
          g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                       _("unknown criterion “%s” in the weights"), (const char *) l->data);
          return FALSE;
        }
      if (!vigie_json_get_number (weights, l->data, &value) || value < 0 || !isfinite (value))
        {
          g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                       _("the weight of “%s” must be a number of 0 or more"),
                       (const char *) l->data);
          return FALSE;
        }
    }
  for (GList *l = members; l != NULL; l = l->next)
    {
      double value = 0;

      vigie_json_get_number (weights, l->data, &value);
      store_weight (self, l->data, value);
    }
  if (members != NULL)
    {
      g_clear_pointer (&self->preset, g_free);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  return TRUE;
}

char *
vigie_comparison_weights_to_string (VigieComparison *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < self->criteria->len; i++)
    {
      VigieCompareCriterion *criterion = g_ptr_array_index (self->criteria, i);

      json_builder_set_member_name (builder, criterion->id);
      json_builder_add_double_value (builder, vigie_comparison_get_weight (self, criterion->id));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

double
vigie_comparison_get_score (VigieComparison *self,
                            guint            column)
{
  double sum = 0;
  double weights = 0;

  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), -1);
  g_return_val_if_fail (column < self->columns->len, -1);

  for (guint r = 0; r < self->criteria->len; r++)
    {
      VigieCompareCriterion *criterion = g_ptr_array_index (self->criteria, r);
      const VigieCompareCell *cell = vigie_comparison_get_cell (self, r, column);
      double weight = vigie_comparison_get_weight (self, criterion->id);

      if (cell->score < 0 || weight <= 0)
        continue;
      sum += weight * cell->score;
      weights += weight;
    }
  return weights > 0 ? sum / weights : -1;
}

const VigieCompareCounted *
vigie_comparison_get_counted (VigieComparison *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);
  return &self->counted;
}

GPtrArray *
vigie_comparison_get_cost_lines (VigieComparison *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);
  return self->cost_lines;
}

GPtrArray *
vigie_comparison_get_claims (VigieComparison *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARISON (self), NULL);
  return self->claims;
}
