/* test-faults.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fault injection, backend × fault: each backend connects to a demo lab
 * service through a proxy that then breaks the conversation in one way;
 * the fetch must end in the contract's status, within the endpoint's
 * timeout (a short one here), with at most one new login after a 401,
 * while a healthy endpoint fetched at the same time completes. A login
 * that hangs is bounded by the same deadline, and an action answered 503
 * is never sent again.
 */

#include "config.h"

#include <string.h>

#include "fault-proxy.h"
#include "vigie-backends.h"
#include "vigie-error.h"
#include "vigie-lab.h"

#define T0 1782518400   /* 2026-06-27T00:00:00Z */
/* The endpoint timeout: short where the fault is a hang (the wait is the
 * test), long enough elsewhere for a loaded machine under ASan. */
#define TIMEOUT_HANG 2
#define TIMEOUT 20
/* A slow login: each request answered after SLOW_DELAY_MS (3 s), so one
 * is within this limit and two are past it. */
#define TIMEOUT_SLOW 4
/* A whole healthy fetch through the proxy (a new TLS connection per
 * request) or beside a fault: generous, it is no measure. */
#define TIMEOUT_HEALTHY 180

static VigieLab *lab;

static const struct {
  Fault        fault;
  VigieStatus  status;
} expected[] = {
  { FAULT_TRUNCATE, VIGIE_STATUS_PROTOCOL_ERROR },
  { FAULT_GARBAGE, VIGIE_STATUS_PROTOCOL_ERROR },
  { FAULT_OVERSIZE, VIGIE_STATUS_PROTOCOL_ERROR },
  { FAULT_HANG, VIGIE_STATUS_TIMEOUT },
  { FAULT_RESET, VIGIE_STATUS_UNREACHABLE },
  { FAULT_UNAUTHORIZED, VIGIE_STATUS_AUTH_FAILED },
  { FAULT_UNAVAILABLE, VIGIE_STATUS_ERROR },
  { FAULT_CERTIFICATE, VIGIE_STATUS_CERTIFICATE_CHANGED },
};

/* New logins a backend may make after a 401 in the middle of a session:
 * one (Veeam's one renewal is a refresh grant, then the password grant
 * when the refresh is refused); none with a client certificate. */
static const struct {
  const char *service;
  guint       relogins;
} backends[] = {
  { "lab-esxi", 1 },
  { "lab-proxmox", 1 },
  { "lab-pbs", 1 },
  { "lab-incus", 0 },
  { "lab-veeam", 2 },
};

typedef struct {
  guint service;
  guint fault;
} Case;

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  vigie_secret_store_store_finish (VIGIE_SECRET_STORE (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static VigieBackend *
make_backend_at (VigieContext    *context,
                 VigieLabService *service,
                 const char      *url,
                 const char      *fingerprint)
{
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("faulty", service->kind, url);
  VigieSecretPurpose purpose = service->secret_purpose;
  gboolean done = FALSE;

  vigie_endpoint_set_fingerprint (endpoint, fingerprint);
  /* A password rather than the lab's token where both work: a ticket is
   * what can be renewed after a 401. */
  if (service->user != NULL)
    {
      vigie_endpoint_set_user (endpoint, service->user);
      purpose = VIGIE_SECRET_PASSWORD;
    }
  if (service->client_cert_pem != NULL)
    vigie_endpoint_set_option (endpoint, "client-cert", service->client_cert_pem);
  vigie_secret_store_store_async (vigie_context_get_secret_store (context),
                                  vigie_endpoint_get_uuid (endpoint), purpose, "test",
                                  service->secret, NULL, store_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return vigie_backend_new_for_endpoint (endpoint, context);
}

static VigieBackend *
make_backend (VigieContext    *context,
              VigieLabService *service,
              FaultProxy      *proxy)
{
  return make_backend_at (context, service, fault_proxy_get_url (proxy),
                          fault_proxy_get_fingerprint (proxy));
}

static GTlsCertificate *
lab_client_certificate (VigieLabService *service)
{
  g_autofree char *pem = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificate *cert;

  if (service->client_cert_pem == NULL)
    return NULL;
  pem = g_strconcat (service->client_cert_pem, service->secret, NULL);
  cert = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  return cert;
}

static void
test_fault (gconstpointer user_data)
{
  const Case *c = user_data;
  VigieLabService *service = vigie_lab_find_service (lab, backends[c->service].service);
  Fault fault = expected[c->fault].fault;
  g_autoptr(GTlsCertificate) client = lab_client_certificate (service);
  g_autoptr(FaultProxy) proxy = fault_proxy_new (service->url, service->fingerprint, client,
                                                 service->kind == VIGIE_KIND_ESXI);
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_fixed (T0);
  g_autoptr(VigieContext) context = vigie_context_new (secrets, clock);
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieInventory) inventory = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  /* Another endpoint of the same run, fetched at the same time. */
  VigieLabService *other = vigie_lab_find_service (lab, backends[(c->service + 1) %
                                                                 G_N_ELEMENTS (backends)].service);
  g_autoptr(VigieClock) other_clock = vigie_clock_new_fixed (T0);
  g_autoptr(VigieContext) other_context = vigie_context_new (secrets, other_clock);
  g_autoptr(VigieBackend) healthy = NULL;
  g_autoptr(VigieInventory) healthy_inventory = NULL;
  g_autoptr(GAsyncResult) healthy_result = NULL;

  /* A healthy session first, with a limit a loaded machine under ASan
   * keeps (its TLS handshakes alone took over 2 s there). */
  vigie_context_set_timeout (context, TIMEOUT);
  backend = make_backend (context, service, proxy);
  vigie_backend_connect_async (backend, NULL, result_cb, &result);
  g_assert_true (vigie_backend_connect_finish (backend, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* The fetch's deadline is read when it starts. */
  vigie_context_set_timeout (context, fault == FAULT_HANG ? TIMEOUT_HANG : TIMEOUT);
  fault_proxy_arm (proxy, fault);
  vigie_context_set_timeout (other_context, TIMEOUT_HEALTHY);
  healthy = make_backend_at (other_context, other, other->url, other->fingerprint);
  vigie_backend_fetch_async (healthy, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS, NULL,
                             result_cb, &healthy_result);
  vigie_backend_fetch_async (backend, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS, NULL,
                             result_cb, &result);
  inventory = vigie_backend_fetch_finish (backend, wait_for (&result), &error);
  g_assert_no_error (error);
  healthy_inventory = vigie_backend_fetch_finish (healthy, wait_for (&healthy_result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vigie_status_to_string (healthy_inventory->status), ==,
                   vigie_status_to_string (VIGIE_STATUS_OK));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (healthy_inventory->hosts)) +
                    g_list_model_get_n_items (G_LIST_MODEL (healthy_inventory->instances)) +
                    g_list_model_get_n_items (G_LIST_MODEL (healthy_inventory->backups)) +
                    g_list_model_get_n_items (G_LIST_MODEL (healthy_inventory->jobs)), >, 0);
  g_test_message ("%s, %s: %s (%s), %u requests, %u logins", service->name, fault_name (fault),
                  vigie_status_to_string (inventory->status), inventory->error,
                  fault_proxy_count (proxy, NULL), fault_proxy_count (proxy, "login"));
  g_assert_cmpstr (vigie_status_to_string (inventory->status), ==,
                   vigie_status_to_string (expected[c->fault].status));
  g_assert_nonnull (inventory->error);

  if (fault == FAULT_UNAUTHORIZED)
    g_assert_cmpuint (fault_proxy_count (proxy, "login"), ==, backends[c->service].relogins);
  /* A read answered 503 is sent again (twice): a GET, or one of ESXi's
   * SOAP queries (POSTs). No other POST ever is. */
  if (fault == FAULT_UNAVAILABLE && service->kind != VIGIE_KIND_ESXI)
    g_assert_cmpuint (fault_proxy_count_repeats (proxy, "GET"), >=, 2);
  if (fault == FAULT_UNAVAILABLE && service->kind == VIGIE_KIND_ESXI)
    g_assert_cmpuint (fault_proxy_count_repeats (proxy, "POST"), >=, 2);
  if (service->kind != VIGIE_KIND_ESXI)
    g_assert_cmpuint (fault_proxy_count_repeats (proxy, "POST"), ==, 0);
}

/* A login that never gets an answer: connecting alone, and a fetch that
 * has to connect first, both end at the endpoint's deadline. */
static void
test_login_hang (gconstpointer user_data)
{
  VigieLabService *service = vigie_lab_find_service (lab, user_data);
  g_autoptr(GTlsCertificate) client = lab_client_certificate (service);
  g_autoptr(FaultProxy) proxy = fault_proxy_new (service->url, service->fingerprint, client,
                                                 service->kind == VIGIE_KIND_ESXI);
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_fixed (T0);
  g_autoptr(VigieContext) context = vigie_context_new (secrets, clock);
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieInventory) inventory = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vigie_context_set_timeout (context, TIMEOUT_HANG);
  backend = make_backend (context, service, proxy);
  fault_proxy_arm (proxy, FAULT_HANG);

  vigie_backend_connect_async (backend, NULL, result_cb, &result);
  g_assert_false (vigie_backend_connect_finish (backend, wait_for (&result), &error));
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_TIMEOUT);
  g_assert_cmpuint (fault_proxy_count (proxy, NULL), >=, 1);
  g_clear_object (&result);
  g_clear_error (&error);

  vigie_backend_fetch_async (backend, VIGIE_FETCH_INVENTORY, NULL, result_cb, &result);
  inventory = vigie_backend_fetch_finish (backend, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vigie_status_to_string (inventory->status), ==,
                   vigie_status_to_string (VIGIE_STATUS_TIMEOUT));
}

/* A login of several requests, each answered well within the endpoint's
 * timeout but together past it: connecting ends at the deadline (a timeout
 * per request alone would let it run on). */
static void
test_login_slow (gconstpointer user_data)
{
  VigieLabService *service = vigie_lab_find_service (lab, user_data);
  g_autoptr(GTlsCertificate) client = lab_client_certificate (service);
  g_autoptr(FaultProxy) proxy = fault_proxy_new (service->url, service->fingerprint, client,
                                                 service->kind == VIGIE_KIND_ESXI);
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_fixed (T0);
  g_autoptr(VigieContext) context = vigie_context_new (secrets, clock);
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vigie_context_set_timeout (context, TIMEOUT_SLOW);
  backend = make_backend (context, service, proxy);
  fault_proxy_arm (proxy, FAULT_SLOW);
  vigie_backend_connect_async (backend, NULL, result_cb, &result);
  g_assert_false (vigie_backend_connect_finish (backend, wait_for (&result), &error));
  g_test_message ("%s: %s after %u requests", service->name, error->message,
                  fault_proxy_count (proxy, NULL));
  /* How many requests got through depends on the machine's load; the
   * deadline ends the login whatever their number. */
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_TIMEOUT);
}

static void
action_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  g_autofree char *message = NULL;

  message = vigie_backend_run_action_finish (VIGIE_BACKEND (object), result, error);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, 0, "succeeded");
}

/* An action (a snapshot) answered 503 fails at once: it may have been
 * done, so it is never sent again, while the reads around it pass. */
static void
test_action_unavailable (gconstpointer user_data)
{
  VigieLabService *service = vigie_lab_find_service (lab, user_data);
  g_autoptr(GTlsCertificate) client = lab_client_certificate (service);
  g_autoptr(FaultProxy) proxy = fault_proxy_new (service->url, service->fingerprint, client,
                                                 service->kind == VIGIE_KIND_ESXI);
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_fixed (T0);
  g_autoptr(VigieContext) context = vigie_context_new (secrets, clock);
  g_autoptr(VigieBackend) backend = NULL;
  g_autoptr(VigieInventory) inventory = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(VigieInstance) instance = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  vigie_context_set_timeout (context, TIMEOUT_HEALTHY);
  backend = make_backend (context, service, proxy);
  vigie_backend_fetch_async (backend, VIGIE_FETCH_INVENTORY, NULL, result_cb, &result);
  inventory = vigie_backend_fetch_finish (backend, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);

  n = g_list_model_get_n_items (G_LIST_MODEL (inventory->instances));
  for (guint i = 0; i < n && instance == NULL; i++)
    {
      GListModel *instances = G_LIST_MODEL (inventory->instances);
      g_autoptr(VigieInstance) candidate = g_list_model_get_item (instances, i);
      g_autoptr(GListModel) actions = vigie_backend_list_actions (backend, candidate);

      for (guint j = 0; j < g_list_model_get_n_items (actions); j++)
        {
          g_autoptr(VigieAction) action = g_list_model_get_item (actions, j);

          if (g_str_equal (action->id, VIGIE_ACTION_SNAPSHOT) && action->allowed)
            instance = g_object_ref (candidate);
        }
    }
  g_assert_nonnull (instance);

  fault_proxy_arm_writes (proxy, FAULT_UNAVAILABLE);
  g_hash_table_insert (params, "name", "before-upgrade");
  vigie_backend_run_action_async (backend, instance, VIGIE_ACTION_SNAPSHOT, params, NULL,
                                  action_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("%s: %s; %u requests faulted", service->name, error->message,
                  fault_proxy_count (proxy, NULL));
  g_assert_false (error->domain == G_IO_ERROR && error->code == 0);
  /* The action got the 503 (ESXi's fetch may also end its view then), and
   * nothing was sent twice. */
  g_assert_cmpuint (fault_proxy_count (proxy, NULL), >=, 1);
  g_assert_cmpuint (fault_proxy_count_repeats (proxy, "POST"), ==, 0);
  g_assert_cmpuint (fault_proxy_count_repeats (proxy, "PUT"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  int ret;

  g_test_init (&argc, &argv, NULL);

  lab = vigie_lab_new ("127.0.0.1", 0, 1);
  vigie_lab_set_now (lab, T0);
  if (!vigie_lab_start (lab, &error))
    g_error ("lab: %s", error->message);

  for (guint s = 0; s < G_N_ELEMENTS (backends); s++)
    for (guint f = 0; f < G_N_ELEMENTS (expected); f++)
      {
        Case *c = g_new0 (Case, 1);
        g_autofree char *path = NULL;

        c->service = s;
        c->fault = f;
        g_ptr_array_add (cases, c);
        path = g_strdup_printf ("/vigie/faults/%s/%s", backends[s].service + strlen ("lab-"),
                                fault_name (expected[f].fault));
        g_test_add_data_func (path, c, test_fault);
      }
  for (guint s = 0; s < G_N_ELEMENTS (backends); s++)
    {
      g_autofree char *path = g_strdup_printf ("/vigie/faults/%s/login-hang",
                                               backends[s].service + strlen ("lab-"));

      g_test_add_data_func (path, backends[s].service, test_login_hang);
    }
  /* The logins of several requests (Incus has none: one GET with its
   * client certificate; PBS and Proxmox log in with one). */
  g_test_add_data_func ("/vigie/faults/esxi/login-slow", "lab-esxi", test_login_slow);
  g_test_add_data_func ("/vigie/faults/veeam/login-slow", "lab-veeam", test_login_slow);
  g_test_add_data_func ("/vigie/faults/proxmox/login-slow", "lab-proxmox", test_login_slow);
  g_test_add_data_func ("/vigie/faults/pbs/login-slow", "lab-pbs", test_login_slow);
  /* The backends with actions (PBS and Veeam only read). */
  g_test_add_data_func ("/vigie/faults/esxi/action-unavailable", "lab-esxi",
                        test_action_unavailable);
  g_test_add_data_func ("/vigie/faults/proxmox/action-unavailable", "lab-proxmox",
                        test_action_unavailable);
  g_test_add_data_func ("/vigie/faults/incus/action-unavailable", "lab-incus",
                        test_action_unavailable);
  ret = g_test_run ();
  g_clear_object (&lab);
  return ret;
}
