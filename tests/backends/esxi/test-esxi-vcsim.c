/* test-esxi-vcsim.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ESXi backend against govmomi's simulator (tests/lab/vcsim-up.sh), in
 * ESXi and vCenter mode. What the backend reports is compared with the
 * model vcsim-up.sh configured and with a direct SOAP query made here
 * (a few lines of libsoup + XPath, not the backend's code).
 */

#include "config.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>

#include "vigie-backends.h"
#include "vigie-error.h"
#include "esxi/vigie-esxi-backend.h"

typedef struct {
  const char *url_var;
  const char *vms_var;
  const char *product;
  const char *root_folder;
  const char *session_manager;
  const char *collector;
} Mode;

static const Mode esx_mode = {
  "VIGIE_VCSIM_ESX_URL", "VIGIE_VCSIM_ESX_VMS", "VMware ESXi",
  "ha-folder-root", "ha-sessionmgr", "ha-property-collector",
};
static const Mode vc_mode = {
  "VIGIE_VCSIM_VC_URL", "VIGIE_VCSIM_VC_VMS", "VMware vCenter Server",
  "group-d1", "SessionManager", "propertyCollector",
};

static gboolean
peer_available (const Mode *mode)
{
  if (g_getenv (mode->url_var) != NULL && g_getenv ("VIGIE_VCSIM_PASSWORD") != NULL &&
      g_getenv ("VIGIE_VCSIM_FINGERPRINT") != NULL)
    return TRUE;
  if (g_strcmp0 (g_getenv ("VIGIE_REQUIRE_PEERS"), "1") == 0)
    g_error ("%s is not set and VIGIE_REQUIRE_PEERS=1 (run tests/lab/vcsim-up.sh)",
             mode->url_var);
  g_test_skip ("vcsim is not running (tests/lab/vcsim-up.sh)");
  return FALSE;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (vigie_secret_store_store_finish (VIGIE_SECRET_STORE (object), result, NULL));
  *done = TRUE;
}

static VigieBackend *
make_backend (const Mode *mode,
              const char *password,
              const char *fingerprint)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_system ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, clock);
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("vcsim", VIGIE_KIND_ESXI,
                                                          g_getenv (mode->url_var));
  gboolean done = FALSE;

  vigie_context_set_timeout (context, 60);
  vigie_endpoint_set_user (endpoint, g_getenv ("VIGIE_VCSIM_USER"));
  vigie_endpoint_set_fingerprint (endpoint, fingerprint);
  vigie_secret_store_store_async (secrets, vigie_endpoint_get_uuid (endpoint),
                                  VIGIE_SECRET_PASSWORD, "vcsim", password, NULL, store_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return vigie_backend_new_for_endpoint (endpoint, context);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  VigieInventory **inventory = user_data;
  g_autoptr(GError) error = NULL;

  *inventory = vigie_backend_fetch_finish (VIGIE_BACKEND (object), result, &error);
  g_assert_no_error (error);
}

static VigieInventory *
fetch (VigieBackend *backend)
{
  VigieInventory *inventory = NULL;

  vigie_backend_fetch_async (backend, VIGIE_FETCH_INVENTORY, NULL, fetch_cb, &inventory);
  while (inventory == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (inventory->status != VIGIE_STATUS_OK)
    g_test_message ("status %s: %s", vigie_status_to_string (inventory->status),
                    inventory->error);
  return inventory;
}

/* The direct query */

static gboolean
accept_pinned (SoupMessage          *message,
               GTlsCertificate      *certificate,
               GTlsCertificateFlags  errors,
               gpointer              user_data)
{
  g_autofree char *seen = vigie_certificate_fingerprint (certificate);
  g_autofree char *pinned = vigie_fingerprint_normalize (g_getenv ("VIGIE_VCSIM_FINGERPRINT"));

  return g_strcmp0 (seen, pinned) == 0;
}

static xmlDoc *
soap (SoupSession *session,
      const Mode  *mode,
      const char  *cookie,
      const char  *call)
{
  g_autofree char *body = g_strdup_printf ("<?xml version=\"1.0\"?><e:Envelope xmlns:e="
                                           "\"http://schemas.xmlsoap.org/soap/envelope/\" "
                                           "xmlns:xsi=\"http://www.w3.org/2001/"
                                           "XMLSchema-instance\" xmlns:vim25=\"urn:vim25\">"
                                           "<e:Body>%s</e:Body></e:Envelope>", call);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", g_getenv (mode->url_var));
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_pinned), NULL);
  if (cookie != NULL)
    soup_message_headers_append (soup_message_get_request_headers (message), "Cookie", cookie);
  soup_message_set_request_body_from_bytes (message, "text/xml", request);
  reply = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  if (g_getenv ("VIGIE_TEST_DEBUG") != NULL)
    g_printerr ("%.*s\n", (int) MIN (g_bytes_get_size (reply), 1500),
                (const char *) g_bytes_get_data (reply, NULL));
  return xmlReadMemory (g_bytes_get_data (reply, NULL), (int) g_bytes_get_size (reply),
                        "reply.xml", NULL, XML_PARSE_NONET);
}

static char *
login_direct (SoupSession *session,
              const Mode  *mode)
{
  g_autofree char *call = g_markup_printf_escaped ("<Login xmlns=\"urn:vim25\"><_this "
                                                   "type=\"SessionManager\">%s</_this><userName>"
                                                   "%s</userName><password>%s</password></Login>",
                                                   mode->session_manager,
                                                   g_getenv ("VIGIE_VCSIM_USER"),
                                                   g_getenv ("VIGIE_VCSIM_PASSWORD"));
  xmlDoc *doc = soap (session, mode, NULL, call);
  SoupCookieJar *jar = SOUP_COOKIE_JAR (soup_session_get_feature (session, SOUP_TYPE_COOKIE_JAR));
  g_autoptr(GUri) uri = g_uri_parse (g_getenv (mode->url_var), G_URI_FLAGS_NONE, NULL);

  xmlFreeDoc (doc);
  return soup_cookie_jar_get_cookies (jar, uri, TRUE);
}

/* moref → "name\tpowerState\thost-name" of every VM, straight from the server. */
static GHashTable *
query_vms (const Mode *mode)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *cookie = NULL;
  g_autofree char *view_call = NULL;
  g_autofree char *props_call = NULL;
  g_autofree char *view = NULL;
  g_autoptr(GHashTable) hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTable *vms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlDoc *doc;
  xmlXPathContext *xpath;
  xmlXPathObject *result;

  soup_session_add_feature_by_type (session, SOUP_TYPE_COOKIE_JAR);
  cookie = login_direct (session, mode);
  g_assert_nonnull (cookie);

  view_call = g_strdup_printf ("<CreateContainerView xmlns=\"urn:vim25\">"
                               "<_this type=\"ViewManager\">ViewManager</_this>"
                               "<container type=\"Folder\">%s</container>"
                               "<type>VirtualMachine</type><type>HostSystem</type>"
                               "<recursive>true</recursive></CreateContainerView>",
                               mode->root_folder);
  doc = soap (session, mode, NULL, view_call);
  xpath = xmlXPathNewContext (doc);
  xmlXPathRegisterNs (xpath, (const xmlChar *) "v", (const xmlChar *) "urn:vim25");
  result = xmlXPathEvalExpression ((const xmlChar *) "string(//v:returnval)", xpath);
  view = g_markup_escape_text ((const char *) result->stringval, -1);
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (xpath);
  xmlFreeDoc (doc);

  props_call = g_strdup_printf ("<RetrievePropertiesEx xmlns=\"urn:vim25\"><_this type="
                                "\"PropertyCollector\">%s</_this><specSet><propSet><type>"
                                "VirtualMachine</type><pathSet>name</pathSet><pathSet>"
                                "runtime.powerState</pathSet><pathSet>runtime.host</pathSet>"
                                "</propSet><propSet><type>HostSystem</type><pathSet>name"
                                "</pathSet></propSet><objectSet><obj type=\"ContainerView\">%s"
                                "</obj><skip>true</skip>"
                                "<selectSet xsi:type=\"vim25:TraversalSpec\"><name>v</name>"
                                "<type>ContainerView</type><path>view</path></selectSet>"
                                "</objectSet></specSet><options/></RetrievePropertiesEx>",
                                mode->collector, view);
  doc = soap (session, mode, NULL, props_call);
  xpath = xmlXPathNewContext (doc);
  xmlXPathRegisterNs (xpath, (const xmlChar *) "v", (const xmlChar *) "urn:vim25");
  result = xmlXPathEvalExpression ((const xmlChar *) "//v:objects", xpath);
  g_assert_nonnull (result->nodesetval);
  /* Hosts first, then VMs with their host's name. */
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < result->nodesetval->nodeNr; i++)
      {
        xmlNode *objects = result->nodesetval->nodeTab[i];
        g_autofree char *moref = NULL;
        g_autofree char *type = NULL;
        g_autofree char *name = NULL;
        g_autofree char *power = NULL;
        g_autofree char *host = NULL;

        for (xmlNode *c = objects->children; c != NULL; c = c->next)
          {
            xmlChar *text = xmlNodeGetContent (c);

            if (g_str_equal ((const char *) c->name, "obj"))
              {
                xmlChar *t = xmlGetProp (c, (const xmlChar *) "type");

                moref = g_strdup ((const char *) text);
                type = g_strdup ((const char *) t);
                xmlFree (t);
              }
            else if (g_str_equal ((const char *) c->name, "propSet"))
              {
                xmlChar *n = NULL;
                xmlChar *v = NULL;

                for (xmlNode *m = c->children; m != NULL; m = m->next)
                  {
                    if (m->type != XML_ELEMENT_NODE)
                      continue;
                    if (xmlStrEqual (m->name, (const xmlChar *) "name"))
                      n = xmlNodeGetContent (m);
                    else if (xmlStrEqual (m->name, (const xmlChar *) "val"))
                      v = xmlNodeGetContent (m);
                  }

                if (xmlStrEqual (n, (const xmlChar *) "name"))
                  name = g_strdup ((const char *) v);
                else if (xmlStrEqual (n, (const xmlChar *) "runtime.powerState"))
                  power = g_strdup ((const char *) v);
                else if (xmlStrEqual (n, (const xmlChar *) "runtime.host"))
                  host = g_strdup ((const char *) v);
                xmlFree (n);
                xmlFree (v);
              }
            xmlFree (text);
          }
        if (pass == 0 && g_strcmp0 (type, "HostSystem") == 0)
          g_hash_table_replace (hosts, g_steal_pointer (&moref), g_steal_pointer (&name));
        else if (pass == 1 && g_strcmp0 (type, "VirtualMachine") == 0)
          g_hash_table_replace (vms, g_steal_pointer (&moref),
                                g_strdup_printf ("%s\t%s\t%s", name, power,
                                                 host != NULL && g_hash_table_lookup (hosts, host)
                                                 ? (char *) g_hash_table_lookup (hosts, host)
                                                 : "?"));
      }
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (xpath);
  xmlFreeDoc (doc);
  return vms;
}

/* Ends the backend's session behind its back, with its own cookie. */
static void
logout_behind (VigieBackend *backend,
               const Mode   *mode)
{
  SoupSession *backend_session = vigie_http_client_get_session (vigie_backend_get_http (backend));
  SoupCookieJar *jar = SOUP_COOKIE_JAR (soup_session_get_feature (backend_session,
                                                                  SOUP_TYPE_COOKIE_JAR));
  g_autoptr(GUri) uri = g_uri_parse (g_getenv (mode->url_var), G_URI_FLAGS_NONE, NULL);
  g_autofree char *cookie = soup_cookie_jar_get_cookies (jar, uri, TRUE);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *call = g_strdup_printf ("<Logout xmlns=\"urn:vim25\"><_this type="
                                           "\"SessionManager\">%s</_this></Logout>",
                                           mode->session_manager);

  g_assert_nonnull (cookie);
  g_assert_nonnull (strstr (cookie, "vmware_soap_session="));
  xmlFreeDoc (soap (session, mode, cookie, call));
}

static char *
backend_cookie (VigieBackend *backend,
                const Mode   *mode)
{
  SoupSession *session = vigie_http_client_get_session (vigie_backend_get_http (backend));
  SoupCookieJar *jar = SOUP_COOKIE_JAR (soup_session_get_feature (session, SOUP_TYPE_COOKIE_JAR));
  g_autoptr(GUri) uri = g_uri_parse (g_getenv (mode->url_var), G_URI_FLAGS_NONE, NULL);

  return soup_cookie_jar_get_cookies (jar, uri, TRUE);
}

/* tests */

static void
test_inventory (gconstpointer data)
{
  const Mode *mode = data;
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieInventory) inventory = NULL;
  g_autoptr(GHashTable) direct = NULL;
  guint expected = 0;
  guint n_vms, compared = 0, in_cluster = 0;

  if (!peer_available (mode))
    return;
  backend = make_backend (mode, g_getenv ("VIGIE_VCSIM_PASSWORD"),
                          g_getenv ("VIGIE_VCSIM_FINGERPRINT"));
  inventory = fetch (backend);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpstr (inventory->product, ==, mode->product);
  g_assert_nonnull (inventory->version);
  g_assert_nonnull (inventory->build);
  g_assert_nonnull (inventory->api_version);
  g_assert_cmpstr (inventory->license, ==, "Evaluation Mode");

  /* The model vcsim-up.sh configured. */
  n_vms = g_list_model_get_n_items (G_LIST_MODEL (inventory->instances));
  if (g_getenv (mode->vms_var) != NULL)
    expected = (guint) g_ascii_strtoull (g_getenv (mode->vms_var), NULL, 10);
  g_test_message ("%s: %u VMs, %u hosts, %u datastores", mode->product, n_vms,
                  g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts)),
                  g_list_model_get_n_items (G_LIST_MODEL (inventory->storage)));
  if (expected > 0)
    g_assert_cmpuint (n_vms, ==, expected);
  if (mode == &vc_mode)
    {
      g_assert_cmpuint (n_vms, >=, 1000);
      if (g_getenv ("VIGIE_VCSIM_VC_HOSTS") != NULL)
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts)), ==,
                          g_ascii_strtoull (g_getenv ("VIGIE_VCSIM_VC_HOSTS"), NULL, 10));
      g_assert_nonnull (g_hash_table_lookup (inventory->extra, "clusters"));
    }
  else
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->storage)), >=, 1);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts)); i++)
    {
      g_autoptr(VigieHost) host = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), i);

      g_assert_nonnull (host->name);
      g_assert_cmpint (host->state, ==, VIGIE_HOST_ONLINE);
      g_assert_cmpint (host->cpu_cores, >, 0);
      if (host->extra != NULL && g_hash_table_lookup (host->extra, "cluster") != NULL)
        in_cluster++;
    }
  if (mode == &vc_mode)
    g_assert_cmpuint (in_cluster, ==, 4);    /* 2 clusters of 2 hosts, 1 standalone */

  /* Every VM as the server says, straight from it. */
  direct = query_vms (mode);
  g_assert_cmpuint (g_hash_table_size (direct), ==, n_vms);
  for (guint i = 0; i < n_vms; i++)
    {
      g_autoptr(VigieInstance) instance =
        g_list_model_get_item (G_LIST_MODEL (inventory->instances), i);
      const char *facts = g_hash_table_lookup (direct, instance->id);
      g_auto(GStrv) parts = NULL;
      const char *state = NULL;

      g_assert_nonnull (facts);
      parts = g_strsplit (facts, "\t", 3);
      g_assert_cmpstr (instance->name, ==, parts[0]);
      if (g_str_equal (parts[1], "poweredOn"))
        state = "running";
      else if (g_str_equal (parts[1], "poweredOff"))
        state = "stopped";
      else if (g_str_equal (parts[1], "suspended"))
        state = "suspended";
      g_assert_cmpstr (vigie_instance_state_to_string (instance->state), ==, state);
      g_assert_cmpstr (instance->host, ==, parts[2]);
      g_assert_nonnull (instance->uuid);
      g_assert_cmpint (instance->snapshots, >=, 0);
      compared++;
    }
  g_assert_cmpuint (compared, ==, n_vms);
}

static void
action_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  g_autofree char *message = vigie_backend_run_action_finish (VIGIE_BACKEND (object), result,
                                                             error);

  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, 0, "ok");
}

static void
run_action (VigieBackend  *backend,
            VigieInstance *instance,
            const char    *action)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;

  g_hash_table_insert (params, "name", "vigie-test");
  g_hash_table_insert (params, "description", "test-esxi-vcsim");
  vigie_backend_run_action_async (backend, instance, action, params, NULL, action_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!(error->domain == G_IO_ERROR && error->code == 0))
    g_error ("%s on %s: %s", action, instance->id, error->message);
  g_clear_error (&error);
}

static VigieInstance *
find (VigieInventory *inventory,
      const char     *id)
{
  VigieInstance *instance = vigie_inventory_find_instance (inventory, id, NULL);

  g_assert_nonnull (instance);
  return instance;
}

static void
test_actions (gconstpointer data)
{
  const Mode *mode = data;
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieInventory) first = NULL;
  g_autoptr(VigieInventory) off = NULL;
  g_autoptr(VigieInventory) on = NULL;
  g_autoptr(VigieInstance) vm = NULL;
  g_autofree char *id = NULL;
  gint64 snapshots;

  if (!peer_available (mode))
    return;
  backend = make_backend (mode, g_getenv ("VIGIE_VCSIM_PASSWORD"),
                          g_getenv ("VIGIE_VCSIM_FINGERPRINT"));
  first = fetch (backend);
  g_assert_cmpint (first->status, ==, VIGIE_STATUS_OK);
  /* The last VM: the other tests compare the whole list, order aside. */
  vm = g_list_model_get_item (G_LIST_MODEL (first->instances),
                              g_list_model_get_n_items (G_LIST_MODEL (first->instances)) - 1);
  id = g_strdup (vm->id);
  g_assert_cmpint (vm->state, ==, VIGIE_STATE_RUNNING);
  snapshots = vm->snapshots;

  run_action (backend, vm, VIGIE_ACTION_STOP);
  off = fetch (backend);
  g_assert_cmpint (find (off, id)->state, ==, VIGIE_STATE_STOPPED);

  run_action (backend, find (off, id), VIGIE_ACTION_START);
  run_action (backend, find (off, id), VIGIE_ACTION_SNAPSHOT);
  on = fetch (backend);
  g_assert_cmpint (find (on, id)->state, ==, VIGIE_STATE_RUNNING);
  g_assert_cmpint (find (on, id)->snapshots, ==, snapshots + 1);
}

static void
test_bad_password (gconstpointer data)
{
  const Mode *mode = data;
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieInventory) inventory = NULL;

  if (!peer_available (mode))
    return;
  backend = make_backend (mode, "not-the-password", g_getenv ("VIGIE_VCSIM_FINGERPRINT"));
  inventory = fetch (backend);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_AUTH_FAILED);
}

static void
test_session_expired (gconstpointer data)
{
  const Mode *mode = data;
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieInventory) first = NULL;
  g_autoptr(VigieInventory) second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!peer_available (mode))
    return;
  backend = make_backend (mode, g_getenv ("VIGIE_VCSIM_PASSWORD"),
                          g_getenv ("VIGIE_VCSIM_FINGERPRINT"));
  first = fetch (backend);
  g_assert_cmpint (first->status, ==, VIGIE_STATUS_OK);
  before = backend_cookie (backend, mode);
  logout_behind (backend, mode);

  second = fetch (backend);
  g_assert_cmpint (second->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second->instances)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (first->instances)));
  /* It logged in again: a new session cookie. */
  after = backend_cookie (backend, mode);
  g_assert_cmpstr (before, !=, after);
}

static void
test_certificate_changed (gconstpointer data)
{
  const Mode *mode = data;
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieInventory) inventory = NULL;

  if (!peer_available (mode))
    return;
  if (g_getenv ("VIGIE_VCSIM_WRONG_FINGERPRINT") == NULL)
    {
      g_test_skip ("VIGIE_VCSIM_WRONG_FINGERPRINT is not set");
      return;
    }
  backend = make_backend (mode, g_getenv ("VIGIE_VCSIM_PASSWORD"),
                          g_getenv ("VIGIE_VCSIM_WRONG_FINGERPRINT"));
  inventory = fetch (backend);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_CERTIFICATE_CHANGED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/vigie/esxi-vcsim/esx/inventory", &esx_mode, test_inventory);
  g_test_add_data_func ("/vigie/esxi-vcsim/esx/actions", &esx_mode, test_actions);
  g_test_add_data_func ("/vigie/esxi-vcsim/esx/bad-password", &esx_mode, test_bad_password);
  g_test_add_data_func ("/vigie/esxi-vcsim/esx/session-expired", &esx_mode,
                        test_session_expired);
  g_test_add_data_func ("/vigie/esxi-vcsim/esx/certificate-changed", &esx_mode,
                        test_certificate_changed);
  g_test_add_data_func ("/vigie/esxi-vcsim/vc/inventory", &vc_mode, test_inventory);
  g_test_add_data_func ("/vigie/esxi-vcsim/vc/actions", &vc_mode, test_actions);
  g_test_add_data_func ("/vigie/esxi-vcsim/vc/bad-password", &vc_mode, test_bad_password);
  g_test_add_data_func ("/vigie/esxi-vcsim/vc/session-expired", &vc_mode, test_session_expired);
  g_test_add_data_func ("/vigie/esxi-vcsim/vc/certificate-changed", &vc_mode,
                        test_certificate_changed);

  return g_test_run ();
}
