/* test-esxi-parse.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vim25 parsers against fixture replies written from the documentation.
 */

#include "config.h"

#include <libxml/parser.h>
#include <string.h>

#include "vigie-error.h"
#include "esxi/vigie-esxi-parse.h"
#include "esxi/vigie-esxi-soap.h"
#include "esxi/vigie-esxi-stream.h"

static xmlDoc *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "esxi", "data",
                                                 name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  xmlDoc *doc;

  g_assert_true (g_file_get_contents (path, &text, &size, &error));
  g_assert_no_error (error);
  doc = vigie_esxi_parse_document (text, size, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static xmlNode *
response (xmlDoc     *doc,
          const char *method)
{
  g_autoptr(GError) error = NULL;
  VigieEsxiFault *fault = NULL;
  xmlNode *node = vigie_esxi_parse_response (doc, method, &fault, &error);

  g_assert_no_error (error);
  g_assert_null (fault);
  g_assert_nonnull (node);
  return node;
}

static void
test_service_content_esxi (void)
{
  xmlDoc *doc = load ("service-content-esxi.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieEsxiServiceContent) content =
    vigie_esxi_parse_service_content (response (doc, "RetrieveServiceContent"), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (content->name, ==, "VMware ESXi");
  g_assert_cmpstr (content->version, ==, "8.0.3");
  g_assert_cmpstr (content->build, ==, "24022510");
  g_assert_cmpstr (content->api_version, ==, "8.0.3.0");
  g_assert_cmpstr (content->api_type, ==, "HostAgent");
  g_assert_null (content->instance_uuid);
  g_assert_cmpstr (content->root_folder, ==, "ha-folder-root");
  g_assert_cmpstr (content->property_collector, ==, "ha-property-collector");
  g_assert_cmpstr (content->session_manager, ==, "ha-sessionmgr");
  g_assert_cmpstr (content->view_manager, ==, "ViewManager");
  g_assert_cmpstr (content->license_manager, ==, "ha-license-manager");
  xmlFreeDoc (doc);
}

static void
test_service_content_vcenter (void)
{
  /* Other prefixes (S:, v:) for the same namespaces, members reordered. */
  xmlDoc *doc = load ("service-content-vcenter.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieEsxiServiceContent) content =
    vigie_esxi_parse_service_content (response (doc, "RetrieveServiceContent"), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (content->name, ==, "VMware vCenter Server");
  g_assert_cmpstr (content->api_type, ==, "VirtualCenter");
  g_assert_cmpstr (content->instance_uuid, ==, "dbed6e0c-bd88-4ef6-b594-21283e1c677f");
  g_assert_cmpstr (content->root_folder, ==, "group-d1");
  g_assert_cmpstr (content->property_collector, ==, "propertyCollector");
  g_assert_cmpstr (content->session_manager, ==, "SessionManager");
  xmlFreeDoc (doc);
}

static void
test_wrong_namespace (void)
{
  xmlDoc *doc = load ("wrong-namespace.xml");
  g_autoptr(GError) error = NULL;
  VigieEsxiFault *fault = NULL;

  g_assert_null (vigie_esxi_parse_response (doc, "RetrieveServiceContent", &fault, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  g_assert_null (fault);
  xmlFreeDoc (doc);
}

static VigieEsxiFault *
load_fault (const char *name)
{
  xmlDoc *doc = load (name);
  g_autoptr(GError) error = NULL;
  VigieEsxiFault *fault = NULL;

  g_assert_null (vigie_esxi_parse_response (doc, "Login", &fault, &error));
  g_assert_no_error (error);
  g_assert_nonnull (fault);
  xmlFreeDoc (doc);
  return fault;
}

static void
test_faults (void)
{
  g_autoptr(VigieEsxiFault) login = load_fault ("fault-invalid-login.xml");
  g_autoptr(VigieEsxiFault) session = load_fault ("fault-not-authenticated.xml");
  g_autoptr(VigieEsxiFault) permission = load_fault ("fault-no-permission.xml");
  g_autoptr(VigieEsxiFault) restricted = load_fault ("fault-restricted-version.xml");
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;

  g_assert_cmpstr (login->type, ==, "InvalidLogin");
  g_assert_nonnull (login->message);
  /* xsi:type under another prefix (i:type). */
  g_assert_cmpstr (session->type, ==, "NotAuthenticated");
  g_assert_cmpstr (session->privilege, ==, "System.View");
  /* No xsi:type at all: the element name tells. */
  g_assert_cmpstr (permission->type, ==, "NoPermission");
  g_assert_cmpstr (permission->privilege, ==, "Global.Licenses");
  g_assert_cmpstr (restricted->type, ==, "RestrictedVersion");

  e1 = vigie_esxi_fault_to_error (login);
  g_assert_error (e1, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED);
  e2 = vigie_esxi_fault_to_error (session);
  g_assert_error (e2, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED);
  e3 = vigie_esxi_fault_to_error (permission);
  g_assert_error (e3, VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED);
  e4 = vigie_esxi_fault_to_error (restricted);
  g_assert_error (e4, VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED);
}

static void
test_bad_documents (void)
{
  const char *names[] = { "truncated.xml", "malformed.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "esxi", "data",
                                                     names[i], NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      gsize size;

      g_assert_true (g_file_get_contents (path, &text, &size, NULL));
      g_assert_null (vigie_esxi_parse_document (text, size, &error));
      g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (vigie_esxi_parse_document ("", 0, &error));
    g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  }
}

/* A hostile reply: 100,000 nested elements (libxml2 stops at 256 without
 * XML_PARSE_HUGE), and DTDs: nested entities (libxml2 2.9.14 refuses them
 * itself) or any other (SOAP forbids a DTD; its entities would be expanded
 * when a node's text is read). All refused as protocol errors. */
static void
test_hostile_documents (void)
{
  g_autoptr(GString) deep = g_string_new ("<?xml version=\"1.0\"?>");
  const char *laughs =
    "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY a \"aaaaaaaaaa\">"
    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
    "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
    "<soapenv:Body><faultstring>&d;</faultstring></soapenv:Body></soapenv:Envelope>";
  const char *dtd =
    "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY a \"aaaaaaaaaa\">]>"
    "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
    "<soapenv:Body><faultstring>&a;</faultstring></soapenv:Body></soapenv:Envelope>";
  g_autoptr(GError) deep_error = NULL;
  g_autoptr(GError) dtd_error = NULL;
  g_autoptr(GError) laughs_error = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<a>");
  g_assert_null (vigie_esxi_parse_document (deep->str, deep->len, &deep_error));
  g_assert_error (deep_error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  g_assert_null (vigie_esxi_parse_document (laughs, strlen (laughs), &laughs_error));
  g_assert_error (laughs_error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  g_assert_null (vigie_esxi_parse_document (dtd, strlen (dtd), &dtd_error));
  g_assert_error (dtd_error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
}

static VigieEsxiObject *
find_object (GPtrArray  *objects,
             const char *moref)
{
  for (guint i = 0; i < objects->len; i++)
    {
      VigieEsxiObject *object = g_ptr_array_index (objects, i);

      if (g_str_equal (object->moref, moref))
        return object;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_inventory (void)
{
  xmlDoc *doc = load ("retrieve-inventory.xml");
  g_autoptr(GPtrArray) objects = vigie_esxi_object_array_new ();
  g_autoptr(GHashTable) hosts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) mhz = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) clusters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr(VigieInstance) web = NULL;
  g_autoptr(VigieInstance) db = NULL;
  g_autoptr(VigieInstance) tmpl = NULL;
  g_autoptr(VigieInstance) app = NULL;
  g_autoptr(VigieHost) h10 = NULL;
  g_autoptr(VigieHost) h11 = NULL;
  g_autoptr(VigieHost) h12 = NULL;
  g_autoptr(VigieStorage) local = NULL;
  g_autoptr(VigieStorage) shared = NULL;

  g_assert_true (vigie_esxi_parse_retrieve_result (response (doc, "RetrievePropertiesEx"),
                                                   objects, &token, &error));
  g_assert_no_error (error);
  g_assert_null (token);
  g_assert_cmpuint (objects->len, ==, 12);

  g_hash_table_insert (hosts, "host-10", "esx01.lab");
  g_hash_table_insert (hosts, "host-11", "esx02.lab");
  g_hash_table_insert (mhz, "host-10", GINT_TO_POINTER (2000));
  g_hash_table_insert (clusters, "domain-c7", "Cluster-A");

  web = vigie_esxi_parse_vm (find_object (objects, "vm-1"), hosts, mhz);
  g_assert_cmpstr (web->id, ==, "vm-1");
  g_assert_cmpstr (web->name, ==, "web-01");
  g_assert_cmpint (web->state, ==, VIGIE_STATE_RUNNING);
  g_assert_cmpstr (web->os, ==, "Ubuntu Linux (64-bit)");
  g_assert_cmpint (web->cpus, ==, 4);
  g_assert_cmpint (web->memory_bytes, ==, G_GINT64_CONSTANT (8192) * 1024 * 1024);
  g_assert_cmpint (web->memory_used_bytes, ==, G_GINT64_CONSTANT (2048) * 1024 * 1024);
  g_assert_cmpint (web->disk_bytes, ==, G_GINT64_CONSTANT (42949672960));
  g_assert_cmpint (web->snapshots, ==, 5);
  g_assert_cmpuint (web->addresses->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (web->addresses, 0), ==, "10.0.0.11");
  g_assert_cmpstr (g_ptr_array_index (web->addresses, 2), ==, "10.0.1.11");
  g_assert_cmpstr (web->host, ==, "esx01.lab");
  g_assert_cmpstr (web->uuid, ==, "4211c4a1-0000-0000-0000-000000000001");
  g_assert_cmpstr (g_hash_table_lookup (web->extra, "instance_uuid"), ==,
                   "5011c4a1-0000-0000-0000-000000000001");
  g_assert_cmpstr (g_hash_table_lookup (web->extra, "tools"), ==, "guestToolsRunning");
  g_assert_false (web->template);
  g_assert_cmpfloat_with_epsilon (web->cpu_usage, 0.125, 1e-9);
  /* What migration readiness reads (docs/migrate.md). */
  g_assert_cmpstr (g_hash_table_lookup (web->extra, "firmware"), ==, "efi");
  g_assert_cmpstr (g_hash_table_lookup (web->extra, "secure_boot"), ==, "true");
  g_assert_cmpstr (g_hash_table_lookup (web->extra, "cbt"), ==, "false");
  g_assert_cmpstr (g_hash_table_lookup (web->extra, "controllers"), ==, "pvscsi,sata");
  g_assert_cmpstr (g_hash_table_lookup (web->extra, "passthrough"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (web->extra, "datastores"), ==, "datastore-1,datastore-2");
  /* The disks' capacity (bytes, else KiB), not committed + uncommitted. */
  g_assert_cmpstr (g_hash_table_lookup (web->extra, "provisioned_bytes"), ==, "3221225472");

  db = vigie_esxi_parse_vm (find_object (objects, "vm-2"), hosts, mhz);
  g_assert_cmpstr (db->name, ==, "db-01");
  g_assert_cmpint (db->state, ==, VIGIE_STATE_STOPPED);
  g_assert_cmpstr (db->os, ==, "Debian GNU/Linux 12 (64-bit)");
  g_assert_cmpint (db->cpus, ==, VIGIE_UNSET);            /* "four" */
  g_assert_cmpint (db->memory_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (db->disk_bytes, ==, VIGIE_UNSET);
  g_assert_cmpint (db->snapshots, ==, 0);                 /* absent: none */
  g_assert_cmpuint (db->addresses->len, ==, 0);
  g_assert_null (db->host);
  g_assert_null (db->uuid);
  g_assert_cmpfloat (db->cpu_usage, <, 0);
  g_assert_true (g_hash_table_contains (find_object (objects, "vm-2")->missing, "guest.net"));
  /* Not sent: not known, no default. */
  for (guint i = 0; i < 6; i++)
    {
      static const char * const keys[] = {
        "firmware", "secure_boot", "cbt", "controllers", "passthrough", "datastores"
      };

      g_assert_true (db->extra == NULL || !g_hash_table_contains (db->extra, keys[i]));
    }

  tmpl = vigie_esxi_parse_vm (find_object (objects, "vm-3"), hosts, mhz);
  g_assert_true (tmpl->template);
  g_assert_cmpstr (tmpl->host, ==, "esx02.lab");

  app = vigie_esxi_parse_vm (find_object (objects, "vm-4"), hosts, mhz);
  g_assert_cmpint (app->state, ==, VIGIE_STATE_SUSPENDED);
  g_assert_cmpint (app->snapshots, ==, VIGIE_UNSET);      /* missingSet: unknown */
  g_assert_null (app->host);                              /* host-99 unknown */
  g_assert_cmpstr (g_hash_table_lookup (app->extra, "host_moref"), ==, "host-99");

  h10 = vigie_esxi_parse_host (find_object (objects, "host-10"), clusters);
  g_assert_cmpstr (h10->name, ==, "esx01.lab");
  g_assert_cmpint (h10->state, ==, VIGIE_HOST_ONLINE);
  g_assert_cmpstr (h10->version, ==, "8.0.3");
  g_assert_cmpstr (h10->build, ==, "24022510");
  g_assert_cmpint (h10->cpu_cores, ==, 8);
  g_assert_cmpint (h10->cpu_threads, ==, 16);
  g_assert_cmpstr (h10->cpu_model, ==, "Intel(R) Xeon(R) Silver 4210R");
  g_assert_cmpfloat_with_epsilon (h10->cpu_usage, 0.25, 1e-9);
  g_assert_cmpint (h10->memory_bytes, ==, G_GINT64_CONSTANT (68719476736));
  g_assert_cmpint (h10->memory_used_bytes, ==, G_GINT64_CONSTANT (16384) * 1024 * 1024);
  g_assert_cmpint (h10->uptime_seconds, ==, 86400);
  g_assert_cmpstr (g_hash_table_lookup (h10->extra, "cluster"), ==, "Cluster-A");

  h11 = vigie_esxi_parse_host (find_object (objects, "host-11"), clusters);
  g_assert_cmpint (h11->state, ==, VIGIE_HOST_MAINTENANCE);
  g_assert_cmpint (h11->cpu_cores, ==, VIGIE_UNSET);
  g_assert_cmpfloat (h11->cpu_usage, <, 0);
  g_assert_null (g_hash_table_lookup (h11->extra, "cluster"));
  g_assert_null (h11->version);

  h12 = vigie_esxi_parse_host (find_object (objects, "host-12"), clusters);
  g_assert_cmpint (h12->state, ==, VIGIE_HOST_OFFLINE);

  local = vigie_esxi_parse_datastore (find_object (objects, "datastore-20"), hosts);
  g_assert_cmpstr (local->name, ==, "datastore1");
  g_assert_cmpstr (local->type, ==, "VMFS");
  g_assert_cmpint (local->total_bytes, ==, G_GINT64_CONSTANT (1000000000000));
  g_assert_cmpint (local->used_bytes, ==, G_GINT64_CONSTANT (600000000000));
  g_assert_false (local->shared);
  g_assert_true (local->active);
  g_assert_cmpstr (local->host, ==, "esx01.lab");

  shared = vigie_esxi_parse_datastore (find_object (objects, "datastore-21"), hosts);
  g_assert_true (shared->shared);
  g_assert_null (shared->host);
  g_assert_cmpint (shared->used_bytes, ==, G_GINT64_CONSTANT (1500000000000));

  g_clear_pointer (&objects, g_ptr_array_unref);
  xmlFreeDoc (doc);
}

static void
test_paging_token (void)
{
  xmlDoc *doc = load ("retrieve-page1.xml");
  xmlDoc *doc2 = load ("retrieve-page2.xml");
  g_autoptr(GPtrArray) objects = vigie_esxi_object_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token2 = NULL;

  g_assert_true (vigie_esxi_parse_retrieve_result (response (doc, "RetrievePropertiesEx"),
                                                   objects, &token, &error));
  g_assert_cmpstr (token, ==, "1&page2");
  g_assert_cmpuint (objects->len, ==, 5);
  g_assert_true (vigie_esxi_parse_retrieve_result (response (doc2, "ContinueRetrievePropertiesEx"),
                                                   objects, &token2, &error));
  g_assert_null (token2);
  g_assert_cmpuint (objects->len, ==, 12);
  g_clear_pointer (&objects, g_ptr_array_unref);
  xmlFreeDoc (doc);
  xmlFreeDoc (doc2);
}

static void
test_empty_result (void)
{
  xmlDoc *doc = load ("retrieve-empty.xml");
  g_autoptr(GPtrArray) objects = vigie_esxi_object_array_new ();
  g_autofree char *token = NULL;

  g_assert_true (vigie_esxi_parse_retrieve_result (response (doc, "RetrievePropertiesEx"),
                                                   objects, &token, NULL));
  g_assert_cmpuint (objects->len, ==, 0);
  xmlFreeDoc (doc);
}

static void
test_license (void)
{
  const struct { const char *file; const char *name; gboolean is_free; } cases[] = {
    { "license-eval.xml", "Evaluation Mode", FALSE },
    { "license-free.xml", "VMware vSphere 8 Hypervisor", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      xmlDoc *doc = load (cases[i].file);
      g_autoptr(GPtrArray) objects = vigie_esxi_object_array_new ();
      g_autofree char *token = NULL;
      g_autofree char *name = NULL;
      gboolean is_free = !cases[i].is_free;

      g_assert_true (vigie_esxi_parse_retrieve_result (response (doc, "RetrievePropertiesEx"),
                                                       objects, &token, NULL));
      g_assert_cmpuint (objects->len, ==, 1);
      name = vigie_esxi_parse_license (g_ptr_array_index (objects, 0), &is_free);
      g_assert_cmpstr (name, ==, cases[i].name);
      g_assert_cmpint (is_free, ==, cases[i].is_free);
      g_clear_pointer (&objects, g_ptr_array_unref);
      xmlFreeDoc (doc);
    }
}

static void
test_task_info (void)
{
  const struct { const char *file; VigieEsxiTaskState state; const char *message; } cases[] = {
    { "task-success.xml", VIGIE_ESXI_TASK_SUCCESS, NULL },
    { "task-running.xml", VIGIE_ESXI_TASK_RUNNING, NULL },
    { "task-error.xml", VIGIE_ESXI_TASK_ERROR,
      "The attempted operation cannot be performed in the current state (Powered on)." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      xmlDoc *doc = load (cases[i].file);
      g_autoptr(GPtrArray) objects = vigie_esxi_object_array_new ();
      g_autofree char *token = NULL;
      g_autofree char *message = NULL;
      g_autofree char *result = NULL;

      g_assert_true (vigie_esxi_parse_retrieve_result (response (doc, "RetrievePropertiesEx"),
                                                       objects, &token, NULL));
      g_assert_cmpint (vigie_esxi_parse_task_info (g_ptr_array_index (objects, 0), &message,
                                                   &result), ==, cases[i].state);
      g_assert_cmpstr (message, ==, cases[i].message);
      if (cases[i].state == VIGIE_ESXI_TASK_SUCCESS)
        g_assert_cmpstr (result, ==, "snapshot-9");
      g_clear_pointer (&objects, g_ptr_array_unref);
      xmlFreeDoc (doc);
    }
}

static void
test_soap_escaping (void)
{
  g_autofree char *login = vigie_esxi_soap_login ("ha-sessionmgr", "ro<ot>", "p&ss\"'");
  g_autofree char *cont = vigie_esxi_soap_continue_retrieve ("pc", "1&page2");
  g_autoptr(GError) error = NULL;
  xmlDoc *doc;

  g_assert_nonnull (strstr (login, "<vim25:userName>ro&lt;ot&gt;</vim25:userName>"));
  g_assert_nonnull (strstr (login, "p&amp;ss"));
  g_assert_nonnull (strstr (cont, "1&amp;page2"));
  /* What we send is well-formed. */
  doc = vigie_esxi_parse_document (login, strlen (login), &error);
  g_assert_no_error (error);
  xmlFreeDoc (doc);
}

/* Every cut of a reply is refused or parsed; none crashes (run under ASan),
 * and every object of a reply with members dropped still converts. */
static void
test_robustness (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "esxi", "data",
                                                 "retrieve-inventory.xml", NULL);
  g_autofree char *text = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &text, &size, NULL));
  for (gsize cut = 0; cut < size; cut += 7)
    {
      g_autoptr(GError) error = NULL;
      xmlDoc *doc = vigie_esxi_parse_document (text, cut, &error);

      if (doc == NULL)
        g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  /* Drop one element of each kind in turn: names, values, objs. */
  {
    const char *drops[] = { "<name>", "<val ", "<obj ", "<propSet>", "<returnval>" };

    for (guint d = 0; d < G_N_ELEMENTS (drops); d++)
      {
        g_autoptr(GString) mutated = g_string_new (text);
        g_autoptr(GPtrArray) objects = vigie_esxi_object_array_new ();
        g_autofree char *token = NULL;
        VigieEsxiFault *fault = NULL;
        xmlNode *node;
        xmlDoc *doc;

        /* Renaming the element keeps the document well-formed. */
        for (char *at = strstr (mutated->str, drops[d]); at != NULL;
             at = strstr (at + 1, drops[d]))
          at[1] = 'x';
        g_string_replace (mutated, "</name>", "</xame>", 0);
        if (d != 0)
          g_string_replace (mutated, "</xame>", "</name>", 0);
        if (d == 1)
          g_string_replace (mutated, "</val>", "</xal>", 0);
        if (d == 2)
          g_string_replace (mutated, "</obj>", "</xbj>", 0);
        if (d == 3)
          g_string_replace (mutated, "</propSet>", "</xropSet>", 0);
        if (d == 4)
          g_string_replace (mutated, "</returnval>", "</xeturnval>", 0);
        doc = vigie_esxi_parse_document (mutated->str, mutated->len, NULL);
        g_assert_nonnull (doc);
        node = vigie_esxi_parse_response (doc, "RetrievePropertiesEx", &fault, NULL);
        g_assert_nonnull (node);
        g_assert_true (vigie_esxi_parse_retrieve_result (node, objects, &token, NULL));
        for (guint i = 0; i < objects->len; i++)
          {
            VigieEsxiObject *object = g_ptr_array_index (objects, i);
            g_autoptr(VigieInstance) vm = vigie_esxi_parse_vm (object, NULL, NULL);
            g_autoptr(VigieHost) host = vigie_esxi_parse_host (object, NULL);
            g_autoptr(VigieStorage) storage = vigie_esxi_parse_datastore (object, NULL);
            gboolean is_free;
            g_autofree char *license = vigie_esxi_parse_license (object, &is_free);

            g_assert_nonnull (vm);
            g_assert_nonnull (host);
            g_assert_nonnull (storage);
          }
        g_clear_pointer (&objects, g_ptr_array_unref);
        xmlFreeDoc (doc);
      }
  }
}

/* Each object handed out by the stream: "moref name", read while its nodes
 * are still there. */
static void
collect (VigieEsxiObject *object,
         gpointer         user_data)
{
  g_autofree char *name = vigie_esxi_object_get_string (object, "name");

  g_ptr_array_add (user_data, g_strdup_printf ("%s %s", object->moref, name ? name : "-"));
}

static xmlDoc *
stream_file (const char *name,
             gsize       chunk,
             GPtrArray  *seen,
             GError    **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "backends", "esxi", "data",
                                                 name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(VigieEsxiStream) stream = vigie_esxi_stream_new (collect, seen);
  gsize size;

  g_assert_true (g_file_get_contents (path, &text, &size, NULL));
  for (gsize at = 0; at < size; at += chunk)
    {
      /* Each chunk lent for the call only, as the HTTP client does. */
      g_autofree guint8 *lent = g_memdup2 (text + at, MIN (chunk, size - at));

      if (!vigie_esxi_stream_feed (lent, MIN (chunk, size - at), stream, error))
        return NULL;
    }
  return vigie_esxi_stream_finish (stream, error);
}

/* A reply parsed as it arrives hands out the same objects, in the same
 * order, as the whole document, whatever the chunks; what remains is the
 * envelope with the paging token. */
static void
test_stream (void)
{
  const char * const files[] = { "retrieve-inventory.xml", "retrieve-page1.xml", "vm-page1.xml" };
  const gsize chunks[] = { 1, 7, 100, 4096, 1 << 20 };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      xmlDoc *whole = load (files[f]);
      g_autoptr(GPtrArray) objects = vigie_esxi_object_array_new ();
      g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *token = NULL;

      g_assert_true (vigie_esxi_parse_retrieve_result (response (whole, "RetrievePropertiesEx"),
                                                       objects, &token, NULL));
      g_assert_cmpuint (objects->len, >, 0);
      for (guint i = 0; i < objects->len; i++)
        collect (g_ptr_array_index (objects, i), expected);

      for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
        {
          g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GPtrArray) left = vigie_esxi_object_array_new ();
          g_autoptr(GError) error = NULL;
          g_autofree char *left_token = NULL;
          xmlDoc *rest = stream_file (files[f], chunks[c], seen, &error);

          g_assert_no_error (error);
          g_assert_nonnull (rest);
          g_assert_cmpuint (seen->len, ==, expected->len);
          for (guint i = 0; i < seen->len; i++)
            g_assert_cmpstr (g_ptr_array_index (seen, i), ==, g_ptr_array_index (expected, i));
          g_assert_true (vigie_esxi_parse_retrieve_result (response (rest, "RetrievePropertiesEx"),
                                                           left, &left_token, NULL));
          g_assert_cmpuint (left->len, ==, 0);
          g_assert_cmpstr (left_token, ==, token);
          xmlFreeDoc (rest);
        }
      xmlFreeDoc (whole);
    }
}

/* A document type (entities) is refused before any object is read; a cut
 * reply fails at its end. */
static void
test_stream_refuses (void)
{
  const char *dtd = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]>"
                    "<soapenv:Envelope xmlns:soapenv=\"" VIGIE_ESXI_NS_SOAPENV "\">"
                    "<soapenv:Body><RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>"
                    "<objects><obj type=\"VirtualMachine\">vm-1</obj></objects>"
                    "<objects><obj type=\"VirtualMachine\">vm-2</obj></objects>"
                    "</returnval></RetrievePropertiesExResponse></soapenv:Body></soapenv:Envelope>";
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VigieEsxiStream) stream = vigie_esxi_stream_new (collect, seen);
  g_autoptr(GError) error = NULL;
  xmlDoc *doc;

  g_assert_false (vigie_esxi_stream_feed ((const guint8 *) dtd, strlen (dtd), stream, &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  g_assert_cmpuint (seen->len, ==, 0);
  g_clear_error (&error);

  doc = stream_file ("truncated.xml", 64, seen, &error);
  g_assert_null (doc);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/esxi-parse/hostile-documents", test_hostile_documents);
  g_test_add_func ("/vigie/esxi-parse/service-content-esxi", test_service_content_esxi);
  g_test_add_func ("/vigie/esxi-parse/service-content-vcenter", test_service_content_vcenter);
  g_test_add_func ("/vigie/esxi-parse/wrong-namespace", test_wrong_namespace);
  g_test_add_func ("/vigie/esxi-parse/faults", test_faults);
  g_test_add_func ("/vigie/esxi-parse/bad-documents", test_bad_documents);
  g_test_add_func ("/vigie/esxi-parse/inventory", test_inventory);
  g_test_add_func ("/vigie/esxi-parse/paging-token", test_paging_token);
  g_test_add_func ("/vigie/esxi-parse/stream", test_stream);
  g_test_add_func ("/vigie/esxi-parse/stream-refuses", test_stream_refuses);
  g_test_add_func ("/vigie/esxi-parse/empty-result", test_empty_result);
  g_test_add_func ("/vigie/esxi-parse/license", test_license);
  g_test_add_func ("/vigie/esxi-parse/task-info", test_task_info);
  g_test_add_func ("/vigie/esxi-parse/soap-escaping", test_soap_escaping);
  g_test_add_func ("/vigie/esxi-parse/robustness", test_robustness);

  return g_test_run ();
}
