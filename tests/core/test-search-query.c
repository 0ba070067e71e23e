/* test-search-query.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "vigie-os-name.h"
#include "vigie-search-query.h"

static void
check_term (VigieSearchQuery *query,
            guint             index,
            VigieSearchField  field,
            const char       *value,
            gboolean          negate)
{
  const VigieSearchTerm *term = vigie_search_query_get_term (query, index);

  g_assert_cmpint (term->field, ==, field);
  g_assert_cmpstr (term->value, ==, value);
  g_assert_cmpint (term->negate, ==, negate);
}

static void
test_parse (void)
{
  g_autoptr(VigieSearchQuery) empty = vigie_search_query_parse ("   ");
  g_autoptr(VigieSearchQuery) none = vigie_search_query_parse (NULL);
  g_autoptr(VigieSearchQuery) query = NULL;

  g_assert_cmpuint (vigie_search_query_get_n_terms (empty), ==, 0);
  g_assert_cmpuint (vigie_search_query_get_n_terms (none), ==, 0);

  query = vigie_search_query_parse ("node:PVE2  state:running tag:prod type:vm Web");
  g_assert_cmpuint (vigie_search_query_get_n_terms (query), ==, 5);
  check_term (query, 0, VIGIE_SEARCH_NODE, "pve2", FALSE);
  check_term (query, 1, VIGIE_SEARCH_STATE, "running", FALSE);
  check_term (query, 2, VIGIE_SEARCH_TAG, "prod", FALSE);
  check_term (query, 3, VIGIE_SEARCH_TYPE, "vm", FALSE);
  check_term (query, 4, VIGIE_SEARCH_ANY, "web", FALSE);
  g_clear_pointer (&query, vigie_search_query_free);

  /* Aliases, quotes, negation, keys in any case. */
  query = vigie_search_query_parse ("HOST:esx-01 vmid:100 name:\"web server\" -tag:old "
                                    "-stopped \"two words\" ip:10.0.1. os:win project:lab "
                                    "endpoint:lab-incus id:vm-42");
  g_assert_cmpuint (vigie_search_query_get_n_terms (query), ==, 11);
  check_term (query, 0, VIGIE_SEARCH_NODE, "esx-01", FALSE);
  check_term (query, 1, VIGIE_SEARCH_ID, "100", FALSE);
  check_term (query, 2, VIGIE_SEARCH_NAME, "web server", FALSE);
  check_term (query, 3, VIGIE_SEARCH_TAG, "old", TRUE);
  check_term (query, 4, VIGIE_SEARCH_ANY, "stopped", TRUE);
  check_term (query, 5, VIGIE_SEARCH_ANY, "two words", FALSE);
  check_term (query, 6, VIGIE_SEARCH_IP, "10.0.1.", FALSE);
  check_term (query, 7, VIGIE_SEARCH_OS, "win", FALSE);
  check_term (query, 8, VIGIE_SEARCH_PROJECT, "lab", FALSE);
  check_term (query, 9, VIGIE_SEARCH_ENDPOINT, "lab-incus", FALSE);
  check_term (query, 10, VIGIE_SEARCH_ID, "vm-42", FALSE);
  g_clear_pointer (&query, vigie_search_query_free);

  /* An unknown key is a word; a key still being typed filters nothing;
   * an unclosed quote runs to the end; a lone dash is a word. */
  query = vigie_search_query_parse ("fe80::1 color:red node: name:\"half open - ");
  g_assert_cmpuint (vigie_search_query_get_n_terms (query), ==, 3);
  check_term (query, 0, VIGIE_SEARCH_ANY, "fe80::1", FALSE);
  check_term (query, 1, VIGIE_SEARCH_ANY, "color:red", FALSE);
  check_term (query, 2, VIGIE_SEARCH_NAME, "half open - ", FALSE);
  g_clear_pointer (&query, vigie_search_query_free);

  query = vigie_search_query_parse ("- x");
  g_assert_cmpuint (vigie_search_query_get_n_terms (query), ==, 2);
  check_term (query, 0, VIGIE_SEARCH_ANY, "-", FALSE);
  check_term (query, 1, VIGIE_SEARCH_ANY, "x", FALSE);
}

static void
test_equal (void)
{
  g_autoptr(VigieSearchQuery) a = vigie_search_query_parse ("node:pve  web");
  g_autoptr(VigieSearchQuery) b = vigie_search_query_parse ("NODE:pve web ");
  g_autoptr(VigieSearchQuery) c = vigie_search_query_parse ("node:pve -web");
  g_autoptr(VigieSearchQuery) d = vigie_search_query_parse ("node:");

  g_assert_true (vigie_search_query_equal (a, b));
  g_assert_false (vigie_search_query_equal (a, c));
  g_assert_true (vigie_search_query_equal (d, NULL));
  g_assert_false (vigie_search_query_equal (NULL, a));
}

static VigieInstance *
make_instance (const char         *endpoint,
               const char         *id,
               const char         *name,
               const char         *host,
               VigieInstanceState  state)
{
  VigieInstance *instance = vigie_instance_new ();

  instance->endpoint = g_strdup (endpoint);
  instance->id = g_strdup (id);
  instance->name = g_strdup (name);
  instance->host = g_strdup (host);
  instance->state = state;
  return instance;
}

static gboolean
matches (const char    *text,
         VigieInstance *instance)
{
  g_autoptr(VigieSearchQuery) query = vigie_search_query_parse (text);

  return vigie_search_query_matches (query, instance);
}

static void
test_matches (void)
{
  g_autoptr(VigieInstance) web = make_instance ("lab-proxmox", "100", "Web-01", "pve2",
                                                VIGIE_STATE_RUNNING);
  g_autoptr(VigieInstance) ct = make_instance ("lab-incus", "db", "db", "incus1",
                                               VIGIE_STATE_STOPPED);
  g_autoptr(VigieInstance) tpl = make_instance ("lab-proxmox", "9000", "debian-tpl", "pve1",
                                                VIGIE_STATE_STOPPED);

  web->os = g_strdup ("win11");
  web->uuid = g_strdup ("4C4C4544-0042");
  vigie_instance_add_tag (web, "Prod");
  vigie_instance_add_tag (web, "frontend");
  vigie_instance_add_address (web, "10.0.1.20");
  vigie_instance_add_address (web, "fe80::1");
  ct->type = VIGIE_INSTANCE_CONTAINER;
  ct->project = g_strdup ("students");
  ct->os = g_strdup ("Debian 12");
  tpl->template = TRUE;

  g_assert_true (matches (NULL, web));
  g_assert_true (matches ("web", web));
  g_assert_true (matches ("WEB-01", web));
  g_assert_false (matches ("web", ct));
  /* Free text looks at every field. */
  g_assert_true (matches ("pve2", web));
  g_assert_true (matches ("frontend", web));
  g_assert_true (matches ("10.0.1", web));
  g_assert_true (matches ("fe80::1", web));
  g_assert_true (matches ("students", ct));
  g_assert_true (matches ("lab-incus", ct));
  g_assert_true (matches ("4c4c", web));
  /* The OS by its code and by its words. */
  g_assert_true (matches ("win11", web));
  g_assert_true (matches ("windows 11", web));
  g_assert_true (matches ("os:windows", web));
  g_assert_false (matches ("os:windows", ct));
  g_assert_true (matches ("os:debian", ct));

  g_assert_true (matches ("node:pve2", web));
  g_assert_false (matches ("node:pve2", tpl));
  g_assert_true (matches ("host:incus", ct));
  g_assert_true (matches ("state:running", web));
  g_assert_true (matches ("state:run", web));
  g_assert_false (matches ("state:running", ct));
  g_assert_true (matches ("state:stopped", ct));
  /* A template is not a stopped guest. */
  g_assert_false (matches ("state:stopped", tpl));
  g_assert_true (matches ("tag:prod", web));
  g_assert_true (matches ("tag:front", web));
  g_assert_false (matches ("tag:end", web));
  g_assert_false (matches ("tag:prod", ct));
  g_assert_true (matches ("type:vm", web));
  g_assert_false (matches ("type:vm", ct));
  g_assert_false (matches ("type:vm", tpl));
  g_assert_true (matches ("type:template", tpl));
  g_assert_true (matches ("type:container", ct));
  g_assert_true (matches ("type:ct", ct));
  g_assert_true (matches ("project:students", ct));
  g_assert_true (matches ("project:default", web));
  g_assert_false (matches ("project:students", web));
  g_assert_true (matches ("endpoint:proxmox", web));
  /* An id is whole: 100 is not 1000. */
  g_assert_true (matches ("vmid:100", web));
  g_assert_true (matches ("id:100", web));
  g_assert_false (matches ("vmid:10", web));
  g_assert_true (matches ("id:4c4c4544-0042", web));
  g_assert_true (matches ("ip:10.0.1.", web));
  g_assert_false (matches ("ip:0.1.20", web));
  g_assert_true (matches ("name:\"web-01\"", web));
  g_assert_false (matches ("name:pve2", web));

  /* All terms must match; negation. */
  g_assert_true (matches ("node:pve2 state:running tag:prod type:vm web", web));
  g_assert_false (matches ("node:pve2 state:stopped", web));
  g_assert_true (matches ("-tag:prod", ct));
  g_assert_false (matches ("-tag:prod", web));
  g_assert_false (matches ("-web", web));
}

/* Typing more of a search only narrows (issue 13: the filter then looks
 * again only at the rows shown): a query said to narrow another never
 * selects an instance the other does not, over every pair below. */
static gboolean
narrows (const char *text,
         const char *wider)
{
  g_autoptr(VigieSearchQuery) a = vigie_search_query_parse (text);
  g_autoptr(VigieSearchQuery) b = vigie_search_query_parse (wider);

  return vigie_search_query_narrows (vigie_search_query_get_n_terms (a) ? a : NULL,
                                     vigie_search_query_get_n_terms (b) ? b : NULL);
}

static void
test_narrows (void)
{
  const char *queries[] = { "", "w", "we", "web", "web-0", "web-01", "-w", "-we", "-web",
                            "state:r", "state:run", "state:s", "tag:p", "tag:prod", "ip:10",
                            "ip:10.0.1", "type:v", "type:vm", "type:c", "type:ct", "id:100",
                            "id:10", "web node:pve", "node:pve web", "node:pve2", "d", "db",
                            "os:win", "os:win11", "-d", "-db", "name:web", "name:w", NULL };
  g_autoptr(GPtrArray) instances = g_ptr_array_new_with_free_func (g_object_unref);
  VigieInstance *web, *ct;

  web = make_instance ("lab-proxmox", "100", "Web-01", "pve2", VIGIE_STATE_RUNNING);
  web->os = g_strdup ("win11");
  vigie_instance_add_tag (web, "Prod");
  vigie_instance_add_address (web, "10.0.1.20");
  g_ptr_array_add (instances, web);
  ct = make_instance ("lab-incus", "db", "db", "incus1", VIGIE_STATE_STOPPED);
  ct->type = VIGIE_INSTANCE_CONTAINER;
  g_ptr_array_add (instances, ct);
  g_ptr_array_add (instances, make_instance ("lab-proxmox", "10", "vm-10", "pve1",
                                             VIGIE_STATE_STOPPED));
  g_ptr_array_add (instances, make_instance ("lab-esxi", "vm-7", "web", "esx1",
                                             VIGIE_STATE_RUNNING));

  for (guint i = 0; queries[i] != NULL; i++)
    for (guint j = 0; queries[j] != NULL; j++)
      {
        if (!narrows (queries[i], queries[j]))
          continue;
        for (guint k = 0; k < instances->len; k++)
          if (matches (queries[i], instances->pdata[k]))
            g_assert_true (matches (queries[j], instances->pdata[k]));
      }

  /* A letter more narrows, a letter less widens. */
  g_assert_true (narrows ("web", "we"));
  g_assert_false (narrows ("we", "web"));
  g_assert_true (narrows ("web", ""));
  g_assert_false (narrows ("", "web"));
  g_assert_true (narrows ("web node:pve", "web"));
  g_assert_true (narrows ("node:pve web", "web"));
  g_assert_true (narrows ("ip:10.0.1", "ip:10"));
  /* Negated: a shorter word excludes more. */
  g_assert_true (narrows ("-w", "-web"));
  g_assert_false (narrows ("-web", "-w"));
  /* Whole values are not narrowed by a longer text. */
  g_assert_false (narrows ("id:100", "id:10"));
  g_assert_false (narrows ("type:vm", "type:v"));
  g_assert_false (narrows ("name:web", "web"));
}

static void
test_keys (void)
{
  g_autoptr(VigieInstance) a = make_instance ("e", "1", "lab-esxi-2", NULL, VIGIE_STATE_RUNNING);
  g_autoptr(VigieInstance) b = make_instance ("e", "2", "lab-esxi-10", NULL, VIGIE_STATE_RUNNING);
  g_autoptr(VigieInstance) c = make_instance ("e", "3", NULL, NULL, VIGIE_STATE_RUNNING);
  const VigieInstanceKeys *ka = vigie_instance_get_keys (a);
  g_autofree char *identity = vigie_instance_identity ("e", NULL, "1");
  const char *key = vigie_instance_get_sort_key (a, VIGIE_SORT_NAME);

  /* Made once, kept with the instance. */
  g_assert_true (vigie_instance_get_keys (a) == ka);
  g_assert_true (vigie_instance_get_sort_key (a, VIGIE_SORT_NAME) == key);
  /* Natural order: 2 before 10. */
  g_assert_cmpint (vigie_natural_compare (key, vigie_instance_get_sort_key (b, VIGIE_SORT_NAME)),
                   <, 0);
  g_assert_cmpint (vigie_natural_compare ("a2", "a10"), <, 0);
  g_assert_cmpint (vigie_natural_compare ("a10", "a2"), >, 0);
  g_assert_cmpint (vigie_natural_compare ("a02", "a2"), ==, 0);
  g_assert_cmpint (vigie_natural_compare ("a2b", "a2c"), <, 0);
  g_assert_cmpint (vigie_natural_compare ("a", "a1"), <, 0);
  g_assert_cmpint (vigie_natural_compare ("vm-100", "vm-99"), >, 0);
  g_assert_cmpint (vigie_natural_compare (NULL, "a"), >, 0);
  g_assert_cmpint (vigie_natural_compare ("10.0.0.2", "10.0.0.10"), <, 0);
  /* No name: the id stands for it. */
  g_assert_cmpstr (vigie_instance_get_keys (c)->name, ==, "3");
  g_assert_cmpstr (ka->identity, ==, identity);
  g_assert_cmpstr (vigie_instance_get_identity (b), ==, "e\x1f\x1f" "2");
  g_assert_null (vigie_instance_get_sort_key (a, VIGIE_SORT_HOST));
}

static void
test_os_names (void)
{
  g_assert_cmpstr (vigie_os_name_describe ("l26"), ==, "Linux (kernel 2.6 or later)");
  g_assert_cmpstr (vigie_os_name_describe ("win11"), ==, "Windows 11 or Server 2022/2025");
  g_assert_cmpstr (vigie_os_name_describe ("debian"), ==, "Debian");
  g_assert_null (vigie_os_name_describe ("Debian GNU/Linux 12 (64-bit)"));
  g_assert_null (vigie_os_name_describe (NULL));
  g_assert_cmpstr (vigie_os_name_display ("Ubuntu 24.04"), ==, "Ubuntu 24.04");
  g_assert_cmpstr (vigie_os_name_display ("wxp"), ==, "Windows XP");
  g_assert_null (vigie_os_name_display (NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vigie/search-query/parse", test_parse);
  g_test_add_func ("/vigie/search-query/equal", test_equal);
  g_test_add_func ("/vigie/search-query/matches", test_matches);
  g_test_add_func ("/vigie/search-query/narrows", test_narrows);
  g_test_add_func ("/vigie/search-query/keys", test_keys);
  g_test_add_func ("/vigie/search-query/os-names", test_os_names);
  return g_test_run ();
}
