/* test-knowledge.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "vigie-clock.h"
#include "vigie-knowledge.h"

static gint64
day (const char *date)
{
  g_autofree char *text = g_strdup_printf ("%sT12:00:00Z", date);
  gint64 t = vigie_parse_time (text);

  g_assert_cmpint (t, >, 0);
  return t;
}

static VigieSupport *
support (VigieKind   kind,
         const char *product,
         const char *version,
         const char *build,
         const char *date)
{
  return vigie_knowledge_support (vigie_knowledge_get_default (), kind, product, version, build,
                                  day (date));
}

#define TODAY "2026-12-06"

static void
test_lab (void)
{
  g_autoptr(VigieSupport) pve = support (VIGIE_KIND_PROXMOX, "Proxmox VE", "8.4.1", NULL, TODAY);
  g_autoptr(VigieSupport) veeam = support (VIGIE_KIND_VEEAM, "Veeam Backup & Replication",
                                           "12.2.0.334", NULL, TODAY);
  g_autoptr(VigieSupport) esxi = support (VIGIE_KIND_ESXI, "VMware ESXi", "8.0.3", "24022510", TODAY);
  g_autoptr(VigieSupport) pbs = support (VIGIE_KIND_PBS, "Proxmox Backup Server", "4.1.2", NULL, TODAY);
  g_autoptr(VigieSupport) incus = support (VIGIE_KIND_INCUS, "incus", "6.0.3", NULL, TODAY);

  /* The contract's example. */
  g_assert_cmpint (pve->status, ==, VIGIE_SUPPORT_END_OF_SUPPORT);
  g_assert_cmpstr (pve->line, ==, "Proxmox VE 8");
  g_assert_cmpstr (pve->line_id, ==, "proxmox-ve-8");
  g_assert_cmpstr (pve->ends, ==, "2026-08-31");
  g_assert_cmpstr (pve->latest, ==, "8.4.21");
  g_assert_cmpint (pve->outdated, ==, 1);
  g_assert_true (g_str_has_prefix (pve->source, "https://"));

  g_assert_cmpint (veeam->status, ==, VIGIE_SUPPORT_ENDING_SOON);
  g_assert_cmpstr (veeam->ends, ==, "2027-02-01");
  g_assert_cmpint (veeam->outdated, ==, 1);

  g_assert_cmpint (esxi->status, ==, VIGIE_SUPPORT_SUPPORTED);
  g_assert_cmpstr (esxi->line_id, ==, "esxi-8");
  g_assert_cmpint (esxi->outdated, ==, 1);

  g_assert_cmpint (pbs->status, ==, VIGIE_SUPPORT_SUPPORTED);
  g_assert_null (pbs->ends);
  g_assert_cmpstr (pbs->latest, ==, "4.2");
  g_assert_cmpint (pbs->outdated, ==, 1);

  g_assert_cmpint (incus->status, ==, VIGIE_SUPPORT_SUPPORTED);
  g_assert_cmpstr (incus->line_id, ==, "incus-6-lts");
  g_assert_cmpstr (incus->ends, ==, "2029-06-30");
}

static const char *
kind_product (JsonObject *product,
              VigieKind  *kind)
{
  JsonArray *names = json_object_get_array_member (product, "server");

  *kind = vigie_kind_from_string (json_object_get_string_member (product, "kind"));
  return json_array_get_string_element (names, 0);
}

static char *
shift (const char *date,
       int         days)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  g_assert_true (g_date_valid (&d));
  if (days >= 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d));
}

/* Every dated line, at its latest version, on each side of both boundaries. */
static void
test_boundaries (void)
{
  JsonArray *products = vigie_knowledge_get_products (vigie_knowledge_get_default ());
  guint checked = 0;

  for (guint p = 0; p < json_array_get_length (products); p++)
    {
      JsonObject *product = json_array_get_object_element (products, p);
      JsonArray *lines = json_object_get_array_member (product, "lines");
      VigieKind kind;
      const char *name = kind_product (product, &kind);

      for (guint l = 0; l < json_array_get_length (lines); l++)
        {
          JsonObject *line = json_array_get_object_element (lines, l);
          JsonObject *eos = json_object_get_object_member (line, "end_of_support");
          JsonObject *latest = json_object_get_object_member (
            json_object_get_object_member (line, "latest"), "value");
          const char *version = json_object_get_string_member (latest, "version");
          const char *id = json_object_get_string_member (line, "id");
          const char *ends;
          const struct { int offset; VigieSupportStatus status; } sides[] = {
            { -181, VIGIE_SUPPORT_SUPPORTED },
            { -180, VIGIE_SUPPORT_ENDING_SOON },
            { 0, VIGIE_SUPPORT_ENDING_SOON },
            { 1, VIGIE_SUPPORT_END_OF_SUPPORT },
          };

          if (json_object_has_member (line, "edition") || json_object_has_member (line, "feature"))
            continue;
          g_test_message ("%s %s", id, version);
          if (json_object_get_null_member (eos, "value"))
            {
              g_autoptr(VigieSupport) s = support (kind, name, version, NULL, "2099-01-01");

              g_assert_cmpint (s->status, ==, VIGIE_SUPPORT_SUPPORTED);
              g_assert_null (s->ends);
              continue;
            }
          ends = json_object_get_string_member (eos, "value");
          for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
            {
              g_autofree char *date = shift (ends, sides[i].offset);
              g_autoptr(VigieSupport) s = support (kind, name, version, NULL, date);

              g_assert_cmpstr (s->line_id, ==, id);
              g_assert_cmpstr (s->ends, ==, ends);
              g_assert_cmpstr (s->status == sides[i].status ? date : "wrong status", ==, date);
              g_assert_cmpint (s->outdated, !=, 1);
              checked++;
            }
        }
    }
  g_assert_cmpuint (checked, >=, 4 * 12);
}

static void
test_feature_releases (void)
{
  g_autoptr(VigieSupport) old = support (VIGIE_KIND_INCUS, "incus", "7.3", NULL, TODAY);
  g_autoptr(VigieSupport) last = support (VIGIE_KIND_INCUS, "incus", "7.5", NULL, TODAY);
  g_autoptr(VigieSupport) newer = support (VIGIE_KIND_INCUS, "incus", "7.6", NULL, TODAY);
  g_autoptr(VigieSupport) lts = support (VIGIE_KIND_INCUS, "incus", "7.0.1", NULL, TODAY);
  g_autoptr(VigieSupport) early = support (VIGIE_KIND_INCUS, "incus", "0.7", NULL, TODAY);
  g_autoptr(VigieSupport) lxd = support (VIGIE_KIND_INCUS, "lxd", "6.5", NULL, TODAY);
  g_autoptr(VigieSupport) lxd_lts = support (VIGIE_KIND_INCUS, "LXD", "5.21.3", NULL, TODAY);

  g_assert_cmpint (old->status, ==, VIGIE_SUPPORT_END_OF_SUPPORT);
  g_assert_cmpstr (old->line_id, ==, "incus-latest");
  g_assert_cmpint (old->outdated, ==, 1);
  g_assert_cmpint (last->status, ==, VIGIE_SUPPORT_SUPPORTED);
  g_assert_cmpint (last->outdated, ==, 1);  /* 7.5 < 7.5.1 */
  g_assert_cmpint (newer->status, ==, VIGIE_SUPPORT_SUPPORTED);
  g_assert_cmpint (newer->outdated, ==, 0);
  g_assert_cmpstr (lts->line_id, ==, "incus-7-lts");
  g_assert_cmpint (lts->outdated, ==, 0);
  g_assert_cmpint (early->status, ==, VIGIE_SUPPORT_UNKNOWN);
  g_assert_cmpint (lxd->status, ==, VIGIE_SUPPORT_END_OF_SUPPORT);
  g_assert_cmpstr (lxd->line_id, ==, "lxd-latest");
  g_assert_cmpstr (lxd_lts->line_id, ==, "lxd-5-21-lts");
  g_assert_cmpint (lxd_lts->outdated, ==, 1);
}

static void
test_unknown (void)
{
  const struct { VigieKind kind; const char *product, *version, *build; } cases[] = {
    { VIGIE_KIND_ESXI, "VMware vCenter Server", "8.0.3", NULL },
    { VIGIE_KIND_ESXI, "VMware ESXi", "6.7.0", NULL },
    { VIGIE_KIND_ESXI, "VMware ESXi", NULL, NULL },
    { VIGIE_KIND_PROXMOX, "Proxmox VE", "6.4-1", NULL },
    { VIGIE_KIND_PROXMOX, "Proxmox VE", "garbage", NULL },
    { VIGIE_KIND_VEEAM, NULL, "11.0.1.1261", NULL },
    { VIGIE_KIND_INCUS, "something-else", "6.0.3", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VigieSupport) s = support (cases[i].kind, cases[i].product, cases[i].version,
                                           cases[i].build, TODAY);

      g_assert_cmpint (s->status, ==, VIGIE_SUPPORT_UNKNOWN);
      g_assert_null (s->line);
      g_assert_null (s->ends);
      g_assert_null (s->latest);
      g_assert_cmpint (s->outdated, ==, -1);
      g_assert_null (s->source);
    }
}

static void
test_outdated (void)
{
  g_autoptr(VigieSupport) pve = support (VIGIE_KIND_PROXMOX, NULL, "8.4.21", NULL, TODAY);
  g_autoptr(VigieSupport) esxi = support (VIGIE_KIND_ESXI, "VMware ESXi", "8.0.3", "25205845", TODAY);
  g_autoptr(VigieSupport) esx = support (VIGIE_KIND_ESXI, "VMware ESXi", "9.0.2", "24999999", TODAY);
  g_autoptr(VigieSupport) pbs = support (VIGIE_KIND_PBS, NULL, "4.1", NULL, TODAY);
  g_autoptr(VigieSupport) pbs_release = support (VIGIE_KIND_PBS, NULL, "4.2", "3", TODAY);
  g_autoptr(VigieSupport) veeam = support (VIGIE_KIND_VEEAM, NULL, "13.1.1.18", NULL, TODAY);

  g_assert_cmpint (pve->outdated, ==, 0);
  g_assert_cmpint (pve->status, ==, VIGIE_SUPPORT_END_OF_SUPPORT);
  /* The newest known build, while 8.0 U3k's is not known: cannot tell. */
  g_assert_cmpint (esxi->outdated, ==, -1);
  g_assert_cmpstr (esx->line_id, ==, "esx-9-0");
  g_assert_cmpint (esx->outdated, ==, -1);
  g_assert_cmpint (pbs->outdated, ==, 1);
  g_assert_cmpint (pbs_release->outdated, ==, 0);
  g_assert_cmpint (veeam->outdated, ==, 0);
  g_assert_cmpint (veeam->status, ==, VIGIE_SUPPORT_SUPPORTED);
}

static void
test_facts_and_text (void)
{
  VigieKnowledge *kb = vigie_knowledge_get_default ();
  JsonObject *product = NULL;
  JsonObject *line = vigie_knowledge_lookup_line (kb, "veeam-13-ce", &product);
  JsonObject *fact;

  g_assert_nonnull (line);
  g_assert_cmpstr (json_object_get_string_member (product, "id"), ==, "veeam");
  fact = vigie_knowledge_get_fact (product, line, "cost_model");
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (fact, "value"),
                                                  "licence_required"));
  fact = vigie_knowledge_get_fact (product, line, "tape");
  g_assert_cmpstr (json_object_get_string_member (fact, "value"), ==, "built-in");
  g_assert_cmpstr (vigie_knowledge_text (json_object_get_object_member (fact, "text"), "fr"), ==,
                   "Prise en charge native des bandes.");
  g_assert_cmpstr (vigie_knowledge_text (json_object_get_object_member (fact, "text"), "en"), ==,
                   "Native tape support.");
  g_assert_null (vigie_knowledge_lookup_line (kb, "no-such-line", NULL));
  g_assert_cmpuint (json_array_get_length (vigie_knowledge_get_claims (kb)), ==, 5);
}

static void
test_bad_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieKnowledge) kb = vigie_knowledge_new_from_data ("{\"schema\": \"other\"}", -1, &error);

  g_assert_null (kb);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (vigie_knowledge_new_from_data ("[1,", -1, &error));
  g_assert_nonnull (error);
}

static const char *
successor_id (const char *line_id,
              const char *date)
{
  JsonObject *line = vigie_knowledge_successor (vigie_knowledge_get_default (), line_id,
                                                day (date));

  return line != NULL ? json_object_get_string_member (line, "id") : NULL;
}

static void
test_successor (void)
{
  g_assert_cmpstr (successor_id ("proxmox-ve-8", TODAY), ==, "proxmox-ve-9");
  g_assert_cmpstr (successor_id ("pbs-3", TODAY), ==, "pbs-4");
  /* Not the Community Edition of 13. */
  g_assert_cmpstr (successor_id ("veeam-12", TODAY), ==, "veeam-13");
  /* The next line up while it stays supported… */
  g_assert_cmpstr (successor_id ("esxi-7", TODAY), ==, "esxi-8");
  /* …else a newer one that does (8.0 and 9.0 both end within 180 days). */
  g_assert_cmpstr (successor_id ("esxi-7", "2027-06-01"), ==, "esx-9-1");
  /* Every newer line past its end: nothing to name. */
  g_assert_null (successor_id ("esxi-8", "2028-09-01"));
  g_assert_null (successor_id ("proxmox-ve-9", TODAY));
  g_assert_null (successor_id ("incus-latest", TODAY));
  g_assert_null (successor_id ("no-such-line", TODAY));
  g_assert_null (successor_id (NULL, TODAY));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vigie/knowledge/lab", test_lab);
  g_test_add_func ("/vigie/knowledge/boundaries", test_boundaries);
  g_test_add_func ("/vigie/knowledge/feature-releases", test_feature_releases);
  g_test_add_func ("/vigie/knowledge/unknown", test_unknown);
  g_test_add_func ("/vigie/knowledge/outdated", test_outdated);
  g_test_add_func ("/vigie/knowledge/facts-and-text", test_facts_and_text);
  g_test_add_func ("/vigie/knowledge/bad-data", test_bad_data);
  g_test_add_func ("/vigie/knowledge/successor", test_successor);
  return g_test_run ();
}
