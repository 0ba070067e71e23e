/* test-compare.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The comparison engine: every scoring rule, weights and presets changing
 * the ranking, and the cost model on fixture estates with exact amounts.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-compare-private.h"
#include "vigie-error.h"

/* 2026-12-06T12:00:00Z */
#define NOW 1796558400

static void
test_rule_levels (void)
{
  g_assert_cmpfloat (vigie_compare_score_level ("built-in"), ==, 5);
  g_assert_cmpfloat (vigie_compare_score_level ("paid"), ==, 3);
  g_assert_cmpfloat (vigie_compare_score_level ("limited"), ==, 2);
  g_assert_cmpfloat (vigie_compare_score_level ("preview"), ==, 1);
  g_assert_cmpfloat (vigie_compare_score_level ("none"), ==, 0);
  g_assert_cmpfloat (vigie_compare_score_level (NULL), <, 0);
  g_assert_cmpfloat (vigie_compare_score_level ("maybe"), <, 0);
}

static void
test_rule_support_version (void)
{
  g_assert_cmpfloat (vigie_compare_score_support (VIGIE_SUPPORT_SUPPORTED), ==, 5);
  g_assert_cmpfloat (vigie_compare_score_support (VIGIE_SUPPORT_ENDING_SOON), ==, 2);
  g_assert_cmpfloat (vigie_compare_score_support (VIGIE_SUPPORT_END_OF_SUPPORT), ==, 0);
  g_assert_cmpfloat (vigie_compare_score_support (VIGIE_SUPPORT_UNKNOWN), <, 0);
  g_assert_cmpfloat (vigie_compare_score_version (0), ==, 5);
  g_assert_cmpfloat (vigie_compare_score_version (1), ==, 3);
  g_assert_cmpfloat (vigie_compare_score_version (-1), <, 0);
}

static void
test_rule_usage_share (void)
{
  g_assert_cmpfloat (vigie_compare_score_usage (0), ==, 5);
  g_assert_cmpfloat (vigie_compare_score_usage (0.5), ==, 5);
  g_assert_cmpfloat (vigie_compare_score_usage (0.55), ==, 4);
  g_assert_cmpfloat (vigie_compare_score_usage (0.7), ==, 3);
  g_assert_cmpfloat (vigie_compare_score_usage (0.75), ==, 2);
  g_assert_cmpfloat (vigie_compare_score_usage (0.9), ==, 1);
  g_assert_cmpfloat (vigie_compare_score_usage (0.95), ==, 0);
  g_assert_cmpfloat (vigie_compare_score_usage (-1), <, 0);
  g_assert_cmpfloat (vigie_compare_score_share (5, 20), ==, 1.3);
  g_assert_cmpfloat (vigie_compare_score_share (20, 20), ==, 5);
  g_assert_cmpfloat (vigie_compare_score_share (0, 20), ==, 0);
  g_assert_cmpfloat (vigie_compare_score_share (0, 0), <, 0);
}

static void
test_rule_cost (void)
{
  g_assert_cmpfloat (vigie_compare_score_cost (0, 3), ==, 5);
  g_assert_cmpfloat (vigie_compare_score_cost (1500, 3), ==, 4);   /* 500 a host */
  g_assert_cmpfloat (vigie_compare_score_cost (1110, 3), ==, 4);   /* 370 a host */
  g_assert_cmpfloat (vigie_compare_score_cost (4500, 3), ==, 3);   /* 1500 a host */
  g_assert_cmpfloat (vigie_compare_score_cost (4320, 1), ==, 1);
  g_assert_cmpfloat (vigie_compare_score_cost (3000, 1), ==, 2);
  g_assert_cmpfloat (vigie_compare_score_cost (7000, 1), ==, 0);
  g_assert_cmpfloat (vigie_compare_score_cost (-1, 1), <, 0);
}

static JsonObject *
object_from (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonArray *
array_from (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static void
test_rule_facts (void)
{
  g_autoptr(JsonObject) free_ = object_from ("{\"licence_required\": false, \"unit\": \"socket\"}");
  g_autoptr(JsonObject) socket = object_from ("{\"licence_required\": true, \"unit\": \"socket\"}");
  g_autoptr(JsonObject) core = object_from ("{\"licence_required\": true, \"unit\": \"core\"}");
  g_autoptr(JsonObject) vms = object_from ("{\"vms\": true, \"system_containers\": false}");
  g_autoptr(JsonObject) all = object_from ("{\"vms\": true, \"system_containers\": true, "
                                           "\"app_containers\": \"preview\"}");
  g_autoptr(JsonObject) cts = object_from ("{\"vms\": false, \"system_containers\": true}");
  g_autoptr(JsonArray) five = array_from ("[\"web-ui\", \"rest-api\", \"cli\", \"terraform\", "
                                          "\"ansible\", \"vcenter\"]");
  g_autoptr(JsonArray) two = array_from ("[\"cli\", \"rest-api\"]");
  g_autoptr(JsonArray) web = array_from ("[\"web-ui\"]");

  g_assert_cmpfloat (vigie_compare_score_cost_model (free_), ==, 5);
  g_assert_cmpfloat (vigie_compare_score_cost_model (socket), ==, 3);
  g_assert_cmpfloat (vigie_compare_score_cost_model (core), ==, 2);
  g_assert_cmpfloat (vigie_compare_score_cost_model (NULL), <, 0);
  g_assert_cmpfloat (vigie_compare_score_virtualization (vms), ==, 3);
  g_assert_cmpfloat (vigie_compare_score_virtualization (all), ==, 4.5);
  g_assert_cmpfloat (vigie_compare_score_virtualization (NULL), <, 0);
  g_assert_cmpfloat (vigie_compare_score_guest_os (vms, "built-in"), ==, 5);
  g_assert_cmpfloat (vigie_compare_score_guest_os (vms, "none"), ==, 3);
  g_assert_cmpfloat (vigie_compare_score_guest_os (cts, NULL), ==, 2);
  g_assert_cmpfloat (vigie_compare_score_interfaces (five), ==, 5);
  g_assert_cmpfloat (vigie_compare_score_interfaces (two), ==, 2);
  g_assert_cmpfloat (vigie_compare_score_platforms (1), ==, 2);
  g_assert_cmpfloat (vigie_compare_score_platforms (2), ==, 3);
  g_assert_cmpfloat (vigie_compare_score_platforms (4), ==, 4);
  g_assert_cmpfloat (vigie_compare_score_platforms (7), ==, 5);
  g_assert_cmpfloat (vigie_compare_score_ease (web, "built-in"), ==, 5);
  g_assert_cmpfloat (vigie_compare_score_ease (web, "paid"), ==, 3);
  g_assert_cmpfloat (vigie_compare_score_ease (two, "built-in"), ==, 4);
}

static VigieComparison *
compare_lines (const char * const *lines,
               GPtrArray          *inventories)
{
  VigieComparison *comparison = vigie_comparison_new (VIGIE_COMPARE_HYPERVISORS);

  vigie_comparison_set_language (comparison, "en");
  vigie_comparison_set_now (comparison, NOW);
  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    g_assert_true (vigie_comparison_add_product (comparison, lines[i], NULL));
  vigie_comparison_compute (comparison, inventories);
  return comparison;
}

static int
column_of (VigieComparison *comparison,
           const char      *key)
{
  for (guint c = 0; c < vigie_comparison_get_n_columns (comparison); c++)
    if (g_str_equal (vigie_comparison_get_column (comparison, c)->key, key))
      return c;
  g_assert_not_reached ();
}

static void
test_weights_ranking (void)
{
  const char * const lines[] = { "esxi-8", "incus-7-lts", NULL };
  g_autoptr(VigieComparison) comparison = compare_lines (lines, NULL);
  g_autoptr(JsonObject) ha_only = NULL;
  g_autoptr(JsonObject) bad = object_from ("{\"license_cost\": -1}");
  g_autoptr(JsonObject) unknown = object_from ("{\"speed\": 2}");
  g_autoptr(GError) error = NULL;
  int esxi = column_of (comparison, "product:esxi-8");
  int incus = column_of (comparison, "product:incus-7-lts");
  g_autofree char *all_zero = NULL;
  g_autoptr(GString) json = g_string_new ("{");

  /* Balanced and cost-first: Incus (free, containers) ahead. */
  g_assert_cmpstr (vigie_comparison_get_preset (comparison), ==, "balanced");
  g_assert_cmpfloat (vigie_comparison_get_score (comparison, incus), >,
                     vigie_comparison_get_score (comparison, esxi));
  g_assert_true (vigie_comparison_apply_preset (comparison, "cost-first", NULL));
  g_assert_cmpfloat (vigie_comparison_get_weight (comparison, "license_cost"), ==, 5);
  g_assert_cmpfloat (vigie_comparison_get_score (comparison, incus), >,
                     vigie_comparison_get_score (comparison, esxi));

  /* Only high availability counts: ESXi's paid HA (3) beats Incus's limited one (2). */
  for (guint r = 0; r < vigie_comparison_get_n_criteria (comparison); r++)
    g_string_append_printf (json, "%s\"%s\": %s", r ? ", " : "",
                            vigie_comparison_get_criterion (comparison, r)->id,
                            g_str_equal (vigie_comparison_get_criterion (comparison, r)->id,
                                         "high_availability") ? "1" : "0");
  g_string_append (json, "}");
  ha_only = object_from (json->str);
  g_assert_true (vigie_comparison_merge_weights (comparison, ha_only, NULL));
  g_assert_null (vigie_comparison_get_preset (comparison));
  g_assert_cmpfloat (vigie_comparison_get_score (comparison, esxi), ==, 3);
  g_assert_cmpfloat (vigie_comparison_get_score (comparison, incus), ==, 2);

  /* Bad weights change nothing. */
  g_assert_false (vigie_comparison_merge_weights (comparison, bad, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (vigie_comparison_merge_weights (comparison, unknown, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpfloat (vigie_comparison_get_score (comparison, esxi), ==, 3);
  g_assert_false (vigie_comparison_apply_preset (comparison, "fastest", &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);

  /* Nothing weighs: no total. */
  vigie_comparison_set_weight (comparison, "high_availability", 0);
  g_assert_cmpfloat (vigie_comparison_get_score (comparison, esxi), <, 0);
  all_zero = vigie_comparison_weights_to_string (comparison);
  g_assert_nonnull (strstr (all_zero, "\"high_availability\":0"));
}

static VigieInventory *
estate (const char *name,
        VigieKind   kind,
        guint       n_hosts,
        gint64      sockets,
        gint64      cores)
{
  VigieInventory *inv = vigie_inventory_new (name, kind, "https://127.0.0.1:1");

  for (guint h = 0; h < n_hosts; h++)
    {
      g_autoptr(VigieHost) host = vigie_host_new ();

      host->name = g_strdup_printf ("%s-%u", name, h);
      host->cpu_sockets = sockets;
      host->cpu_cores = cores;
      vigie_inventory_add_host (inv, host);
    }
  return inv;
}

static double
amount_of (VigieComparison *comparison,
           const char      *key)
{
  int row = vigie_comparison_find_criterion (comparison, "license_cost");

  return vigie_comparison_get_cell (comparison, row, column_of (comparison, key))->amount;
}

static VigieCompareCostLine *
find_line (VigieComparison *comparison,
           const char      *column,
           const char      *item_part)
{
  GPtrArray *lines = vigie_comparison_get_cost_lines (comparison);

  for (guint i = 0; i < lines->len; i++)
    {
      VigieCompareCostLine *line = g_ptr_array_index (lines, i);

      if (g_str_equal (line->column, column) && strstr (line->item, item_part) != NULL)
        return line;
    }
  return NULL;
}

/* One host with two 12-core CPUs: VVF counts 16 cores per CPU. */
static void
test_cost_core_minimum (void)
{
  const char * const lines[] = { "esxi-8", NULL };
  g_autoptr(GPtrArray) inventories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VigieComparison) comparison = NULL;
  VigieCompareCostLine *line;

  g_ptr_array_add (inventories, estate ("host", VIGIE_KIND_PROXMOX, 1, 2, 24));
  comparison = compare_lines (lines, inventories);
  g_assert_cmpint (vigie_comparison_get_counted (comparison)->cores, ==, 24);
  g_assert_cmpint (vigie_comparison_get_counted (comparison)->sockets, ==, 2);

  line = find_line (comparison, "product:esxi-8", "VVF");
  g_assert_nonnull (line);
  g_assert_cmpfloat (line->quantity, ==, 24);
  g_assert_cmpfloat (line->unit_price, ==, 135);
  g_assert_cmpfloat (line->total, ==, 3240);
  g_assert_cmpstr (line->currency, ==, "USD");
  g_assert_cmpstr (line->checked, ==, "2026-12-06");
  line = find_line (comparison, "product:esxi-8", "Minimum of 16 cores per CPU");
  g_assert_nonnull (line);
  g_assert_cmpfloat (line->quantity, ==, 8);
  g_assert_cmpfloat (line->total, ==, 1080);
  g_assert_cmpfloat (amount_of (comparison, "product:esxi-8"), ==, 4320);
  /* The live Proxmox VE column costs nothing; its subscriptions are options. */
  g_assert_cmpfloat (amount_of (comparison, "host"), ==, 0);
  line = find_line (comparison, "host", "Subscription Basic");
  g_assert_true (line->optional);
  g_assert_cmpfloat (line->quantity, ==, 2);
  g_assert_cmpfloat (line->total, ==, 740);
}

/* A 3-node Proxmox cluster, one socket each, with the user's prices. */
static void
test_cost_proxmox_cluster (void)
{
  const char * const lines[] = { "esxi-8", NULL };
  g_autoptr(GPtrArray) inventories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VigieComparison) comparison = vigie_comparison_new (VIGIE_COMPARE_HYPERVISORS);
  g_autoptr(JsonObject) prices =
    object_from ("{\"source\": \"Quote 2026-11\", \"products\": {"
                 "\"proxmox-ve\": {\"plan\": \"basic\", \"subscribe\": true},"
                 "\"esxi\": {\"plan\": \"VCF\", \"amount\": 300}}}");
  g_autoptr(JsonObject) bad = object_from ("{\"products\": {\"esxi\": {\"amount\": \"cheap\"}}}");
  g_autoptr(GError) error = NULL;
  VigieCompareCostLine *line;

  g_ptr_array_add (inventories, estate ("pve", VIGIE_KIND_PROXMOX, 3, 1, 8));
  vigie_comparison_set_now (comparison, NOW);
  vigie_comparison_set_language (comparison, "en");
  g_assert_false (vigie_comparison_set_prices (comparison, bad, "bad.json", &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
  g_assert_false (vigie_comparison_get_prices_overridden (comparison));
  g_assert_true (vigie_comparison_set_prices (comparison, prices, "prices.json", NULL));
  g_assert_true (vigie_comparison_add_product (comparison, lines[0], NULL));
  vigie_comparison_compute (comparison, inventories);

  g_assert_true (vigie_comparison_get_prices_overridden (comparison));
  line = find_line (comparison, "pve", "Subscription Basic");
  g_assert_false (line->optional);
  g_assert_cmpfloat (line->quantity, ==, 3);
  g_assert_cmpfloat (line->total, ==, 1110);
  g_assert_cmpstr (line->currency, ==, "EUR");
  g_assert_cmpfloat (amount_of (comparison, "pve"), ==, 1110);
  /* 3 sockets × 16 cores at the user's 300 USD: 24 + 24 cores. */
  line = find_line (comparison, "product:esxi-8", "VCF");
  g_assert_true (line->overridden);
  g_assert_cmpstr (line->source, ==, "Quote 2026-11");
  g_assert_cmpfloat (amount_of (comparison, "product:esxi-8"), ==, 48 * 300);
}

/* An Incus host is free; the free ESXi edition too; Veeam has no price. */
static void
test_cost_free_and_unknown (void)
{
  const char * const lines[] = { "esxi-8-free", NULL };
  g_autoptr(GPtrArray) inventories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VigieComparison) comparison = NULL;
  g_autoptr(VigieComparison) backup = vigie_comparison_new (VIGIE_COMPARE_BACKUP);
  VigieHardwareProfile profile = { 2, 1, 8, 25 };
  int row;

  g_ptr_array_add (inventories, estate ("incus", VIGIE_KIND_INCUS, 1, 1, 8));
  ((VigieInventory *) inventories->pdata[0])->product = g_strdup ("incus");
  comparison = compare_lines (lines, inventories);
  g_assert_cmpfloat (amount_of (comparison, "incus"), ==, 0);
  g_assert_cmpfloat (amount_of (comparison, "product:esxi-8-free"), ==, 0);
  row = vigie_comparison_find_criterion (comparison, "api_access");
  g_assert_cmpstr (vigie_comparison_get_cell (comparison, row,
                                              column_of (comparison, "product:esxi-8-free"))->value,
                   ==, "read-only (free licence)");

  /* Veeam per workload, packs of 10: 25 instances count as 30, price unknown. */
  vigie_comparison_set_now (backup, NOW);
  vigie_comparison_set_hardware (backup, &profile);
  g_assert_true (vigie_comparison_add_product (backup, "veeam-13", NULL));
  g_assert_true (vigie_comparison_add_product (backup, "pbs-4", NULL));
  vigie_comparison_compute (backup, NULL);
  g_assert_true (vigie_comparison_get_counted (backup)->from_profile);
  g_assert_cmpint (vigie_comparison_get_counted (backup)->cores, ==, 16);
  g_assert_cmpfloat (find_line (backup, "product:veeam-13", "packs of 10")->quantity, ==, 5);
  g_assert_cmpfloat (find_line (backup, "product:veeam-13", "packs of 10")->total, <, 0);
  g_assert_cmpfloat (amount_of (backup, "product:veeam-13"), <, 0);
  g_assert_cmpfloat (amount_of (backup, "product:pbs-4"), ==, 0);
}

static void
test_products_and_claims (void)
{
  const char * const lines[] = { "proxmox-ve-9", NULL };
  g_autoptr(VigieComparison) comparison = compare_lines (lines, NULL);
  g_autoptr(VigieComparison) other = vigie_comparison_new (VIGIE_COMPARE_HYPERVISORS);
  g_autoptr(GError) error = NULL;
  GPtrArray *claims = vigie_comparison_get_claims (comparison);
  int row = vigie_comparison_find_criterion (comparison, "support_status");

  g_assert_cmpuint (claims->len, ==, 2);
  for (guint i = 0; i < claims->len; i++)
    g_assert_true (g_str_has_prefix (((VigieCompareClaim *) g_ptr_array_index (claims, i))->id,
                                     "proxmox-"));
  g_assert_cmpstr (vigie_comparison_get_cell (comparison, row, 0)->value, ==, "supported");
  g_assert_cmpfloat (vigie_comparison_get_cell (comparison, row, 0)->score, ==, 5);
  g_assert_true (g_str_has_prefix (vigie_comparison_get_cell (comparison, row, 0)->source,
                                   "https://"));
  /* Live criteria of a product line without endpoint: null, explained. */
  row = vigie_comparison_find_criterion (comparison, "cpu_usage");
  g_assert_null (vigie_comparison_get_cell (comparison, row, 0)->value);
  g_assert_cmpfloat (vigie_comparison_get_cell (comparison, row, 0)->score, <, 0);
  g_assert_nonnull (vigie_comparison_get_cell (comparison, row, 0)->explanation);

  g_assert_false (vigie_comparison_add_product (other, "esxi-42", &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (vigie_comparison_add_product (other, "pbs-4", &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_add_func ("/vigie/compare/rule-levels", test_rule_levels);
  g_test_add_func ("/vigie/compare/rule-support-version", test_rule_support_version);
  g_test_add_func ("/vigie/compare/rule-usage-share", test_rule_usage_share);
  g_test_add_func ("/vigie/compare/rule-cost", test_rule_cost);
  g_test_add_func ("/vigie/compare/rule-facts", test_rule_facts);
  g_test_add_func ("/vigie/compare/weights-ranking", test_weights_ranking);
  g_test_add_func ("/vigie/compare/cost-core-minimum", test_cost_core_minimum);
  g_test_add_func ("/vigie/compare/cost-proxmox-cluster", test_cost_proxmox_cluster);
  g_test_add_func ("/vigie/compare/cost-free-and-unknown", test_cost_free_and_unknown);
  g_test_add_func ("/vigie/compare/products-and-claims", test_products_and_claims);
  return g_test_run ();
}
