/* test-version.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "vigie-version.h"

static VigieVersion
parse (VigieVersionScheme  scheme,
       const char         *text,
       const char         *build)
{
  VigieVersion v;

  g_assert_true (vigie_version_parse (scheme, text, build, &v));
  return v;
}

static void
check (VigieVersionScheme  scheme,
       const char         *text,
       const char         *build,
       const char         *expected,
       const char         *key)
{
  VigieVersion v = parse (scheme, text, build);
  g_autofree char *str = vigie_version_to_string (&v);
  g_autofree char *line = vigie_version_line_key (&v);

  g_assert_cmpstr (str, ==, expected);
  g_assert_cmpstr (line, ==, key);
}

static void
test_parse_schemes (void)
{
  check (VIGIE_VERSION_SCHEME_ESXI, "8.0.3", "24022510", "8.0.3 (24022510)", "8.0");
  check (VIGIE_VERSION_SCHEME_ESXI, "8.0.3-0.70.24674464", NULL, "8.0.3 (24674464)", "8.0");
  check (VIGIE_VERSION_SCHEME_ESXI, "7.0.3", NULL, "7.0.3", "7.0");
  check (VIGIE_VERSION_SCHEME_ESXI, "9.0.1.0101", NULL, "9.0.1.0101", "9.0");
  check (VIGIE_VERSION_SCHEME_ESXI, "9.1.0.0200.24999999", NULL, "9.1.0.0200 (24999999)", "9.1");
  check (VIGIE_VERSION_SCHEME_PROXMOX, "8.4.1", NULL, "8.4.1", "8");
  check (VIGIE_VERSION_SCHEME_PROXMOX, "7.4-20", NULL, "7.4.20", "7");
  check (VIGIE_VERSION_SCHEME_PBS, "4.1", "2", "4.1.2", "4");
  check (VIGIE_VERSION_SCHEME_PBS, "4.1.2", NULL, "4.1.2", "4");
  check (VIGIE_VERSION_SCHEME_INCUS, "6.0.3", NULL, "6.0.3", "6.0");
  check (VIGIE_VERSION_SCHEME_INCUS, "7.5", NULL, "7.5", "7.5");
  check (VIGIE_VERSION_SCHEME_LXD, "5.21.3", NULL, "5.21.3", "5.21");
  check (VIGIE_VERSION_SCHEME_VEEAM, "12.3.2.4465", NULL, "12.3.2.4465", "12");
}

static void
test_parse_rejects (void)
{
  const struct { VigieVersionScheme scheme; const char *text; const char *build; } bad[] = {
    { VIGIE_VERSION_SCHEME_ESXI, NULL, NULL },
    { VIGIE_VERSION_SCHEME_ESXI, "", NULL },
    { VIGIE_VERSION_SCHEME_ESXI, "8", NULL },
    { VIGIE_VERSION_SCHEME_ESXI, "8.0 Update 3", NULL },
    { VIGIE_VERSION_SCHEME_ESXI, "8.0.3", "build-1" },
    { VIGIE_VERSION_SCHEME_PROXMOX, "pve-manager/8.4.1", NULL },
    { VIGIE_VERSION_SCHEME_PROXMOX, "8.4.1.2", NULL },
    { VIGIE_VERSION_SCHEME_PBS, "4.1", "x" },
    { VIGIE_VERSION_SCHEME_INCUS, "6.0.3-rc1", NULL },
    { VIGIE_VERSION_SCHEME_LXD, "5..21", NULL },
    { VIGIE_VERSION_SCHEME_VEEAM, "12.3.2.4465.1", NULL },
    { VIGIE_VERSION_SCHEME_VEEAM, "99999999999999999999.1", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      VigieVersion v;

      g_assert_false (vigie_version_parse (bad[i].scheme, bad[i].text, bad[i].build, &v));
    }
}

static void
test_order (void)
{
  /* Each scheme's versions in ascending order. */
  const struct { VigieVersionScheme scheme; const char *list[6]; } orders[] = {
    { VIGIE_VERSION_SCHEME_ESXI, { "7.0.3", "8.0.2", "8.0.3", "9.0.1.0101", "9.0.2.0100", "9.1.0.0200" } },
    { VIGIE_VERSION_SCHEME_PROXMOX, { "7.4-3", "7.4-20", "8.0.3", "8.4.1", "8.4.21", "9.2.11" } },
    { VIGIE_VERSION_SCHEME_PBS, { "2.4.1", "3.4.2", "4.0.9", "4.1.2", "4.1.10", "4.2" } },
    { VIGIE_VERSION_SCHEME_INCUS, { "6.0.3", "6.0.6", "6.17", "7.0.1", "7.4", "7.5.1" } },
    { VIGIE_VERSION_SCHEME_LXD, { "5.0.9", "5.9", "5.20", "5.21.3", "5.21.7", "6.9" } },
    { VIGIE_VERSION_SCHEME_VEEAM, { "12.1.0.2131", "12.2.0.334", "12.3.2.4465", "12.3.2.4854", "13.0.0.4967", "13.1.1.18" } },
  };

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    for (guint i = 0; i + 1 < G_N_ELEMENTS (orders[o].list); i++)
      {
        VigieVersion a = parse (orders[o].scheme, orders[o].list[i], NULL);
        VigieVersion b = parse (orders[o].scheme, orders[o].list[i + 1], NULL);

        g_assert_cmpint (vigie_version_compare (&a, &b), <, 0);
        g_assert_cmpint (vigie_version_compare (&b, &a), >, 0);
        g_assert_cmpint (vigie_version_compare (&a, &a), ==, 0);
        g_assert_cmpint (vigie_version_is_older (&a, &b), ==, 1);
        g_assert_cmpint (vigie_version_is_older (&b, &a), ==, 0);
      }
}

static void
test_builds (void)
{
  VigieVersion u3 = parse (VIGIE_VERSION_SCHEME_ESXI, "8.0.3", "24022510");
  VigieVersion u3i = parse (VIGIE_VERSION_SCHEME_ESXI, "8.0.3", "25205845");
  VigieVersion u3k = parse (VIGIE_VERSION_SCHEME_ESXI, "8.0.3", NULL);
  VigieVersion esx = parse (VIGIE_VERSION_SCHEME_ESXI, "9.0.2", "24999999");
  VigieVersion esx_latest = parse (VIGIE_VERSION_SCHEME_ESXI, "9.0.2.0100", NULL);
  VigieVersion pbs = parse (VIGIE_VERSION_SCHEME_PBS, "4.2", NULL);
  VigieVersion pbs0 = parse (VIGIE_VERSION_SCHEME_PBS, "4.2.0", NULL);

  g_assert_cmpint (vigie_version_compare (&u3, &u3i), <, 0);
  g_assert_cmpint (vigie_version_is_older (&u3, &u3i), ==, 1);
  g_assert_cmpint (vigie_version_is_older (&u3i, &u3), ==, 0);
  /* Only one side has a build: the numbers cannot tell. */
  g_assert_cmpint (vigie_version_is_older (&u3i, &u3k), ==, -1);
  g_assert_cmpint (vigie_version_is_older (&esx, &esx_latest), ==, -1);
  g_assert_cmpint (vigie_version_is_older (&esx_latest, &esx), ==, -1);
  g_assert_cmpint (vigie_version_is_older (&pbs0, &pbs), ==, 0);
  g_assert_cmpint (vigie_version_is_older (&pbs, &pbs0), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vigie/version/parse-schemes", test_parse_schemes);
  g_test_add_func ("/vigie/version/parse-rejects", test_parse_rejects);
  g_test_add_func ("/vigie/version/order", test_order);
  g_test_add_func ("/vigie/version/builds", test_builds);
  return g_test_run ();
}
