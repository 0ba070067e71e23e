/* test-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base class's rules, with fake backends: an endpoint that hangs is
 * reported as timeout when the context's timeout expires, one that fails
 * keeps its status and message, and neither holds up the others.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "vigie-backend.h"
#include "vigie-error.h"
#include "vigie-monitor.h"
#include "vigie-report.h"

typedef enum { FAKE_OK, FAKE_FAIL, FAKE_HANG, FAKE_AUTH } FakeMode;

#define FAKE_TYPE_BACKEND (fake_backend_get_type ())
G_DECLARE_FINAL_TYPE (FakeBackend, fake_backend, FAKE, BACKEND, VigieBackend)

struct _FakeBackend
{
  VigieBackend  parent_instance;
  FakeMode      mode;
  guint         connects;
  guint         fetches;
  GTask        *hung;     /* kept so a hung fetch never completes on its own */
};

G_DEFINE_FINAL_TYPE (FakeBackend, fake_backend, VIGIE_TYPE_BACKEND)

static void
fake_connect_async (VigieBackend        *backend,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  FakeBackend *self = FAKE_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  self->connects++;
  if (self->mode == FAKE_AUTH)
    g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED, "wrong password");
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
fake_connect_finish (VigieBackend  *backend,
                     GAsyncResult  *result,
                     GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_hung_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  FakeBackend *self = user_data;

  if (self->hung != NULL)
    {
      GTask *task = g_steal_pointer (&self->hung);

      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }
}

static void
fake_fetch_async (VigieBackend        *backend,
                  VigieFetchFlags      flags,
                  VigieInventory      *inventory,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  FakeBackend *self = FAKE_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(VigieInstance) instance = vigie_instance_new ();

  self->fetches++;
  switch (self->mode)
    {
    case FAKE_OK:
      inventory->product = g_strdup ("Fake");
      inventory->version = g_strdup ("1.0");
      instance->id = g_strdup ("1");
      instance->name = g_strdup ("web-01");
      instance->state = VIGIE_STATE_RUNNING;
      vigie_inventory_add_instance (inventory, instance);
      vigie_inventory_add_warning (inventory, "node %s is offline", "pve3");
      g_task_return_boolean (task, TRUE);
      break;
    case FAKE_FAIL:
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL, "garbage reply");
      break;
    case FAKE_HANG:
      self->hung = g_steal_pointer (&task);
      g_cancellable_connect (cancellable, G_CALLBACK (on_hung_cancelled), self, NULL);
      break;
    case FAKE_AUTH:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
fake_fetch_finish (VigieBackend  *backend,
                   GAsyncResult  *result,
                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fake_backend_class_init (FakeBackendClass *klass)
{
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  backend_class->kind = VIGIE_KIND_PROXMOX;
  backend_class->connect_async = fake_connect_async;
  backend_class->connect_finish = fake_connect_finish;
  backend_class->fetch_async = fake_fetch_async;
  backend_class->fetch_finish = fake_fetch_finish;
}

static void
fake_backend_init (FakeBackend *self)
{
}

static VigieBackend *
fake_new (const char   *name,
          FakeMode      mode,
          VigieContext *context)
{
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new (name, VIGIE_KIND_PROXMOX,
                                                          "https://127.0.0.1:1");
  FakeBackend *self = g_object_new (FAKE_TYPE_BACKEND, "endpoint", endpoint,
                                    "context", context, NULL);

  self->mode = mode;
  return VIGIE_BACKEND (self);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GPtrArray **out = user_data;

  *out = vigie_fetch_all_finish (result, NULL);
}

static GPtrArray *
fetch_all (GPtrArray *backends)
{
  GPtrArray *result = NULL;

  vigie_fetch_all_async (backends, VIGIE_FETCH_INVENTORY, NULL, fetched_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

static void
test_one_broken_endpoint_blocks_none (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autoptr(GPtrArray) backends = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) inventories = NULL;
  VigieInventory *ok, *fail, *hang, *auth;
  gint64 started;

  vigie_context_set_timeout (context, 1);
  g_ptr_array_add (backends, fake_new ("good", FAKE_OK, context));
  g_ptr_array_add (backends, fake_new ("broken", FAKE_FAIL, context));
  g_ptr_array_add (backends, fake_new ("hung", FAKE_HANG, context));
  g_ptr_array_add (backends, fake_new ("locked", FAKE_AUTH, context));

  started = g_get_monotonic_time ();
  inventories = fetch_all (backends);
  /* Bounded by the 1 s timeout, not by the hung endpoint (generous margin). */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);

  g_assert_cmpuint (inventories->len, ==, 4);
  ok = g_ptr_array_index (inventories, 0);
  fail = g_ptr_array_index (inventories, 1);
  hang = g_ptr_array_index (inventories, 2);
  auth = g_ptr_array_index (inventories, 3);

  g_assert_cmpstr (ok->endpoint, ==, "good");
  g_assert_cmpint (ok->status, ==, VIGIE_STATUS_OK);
  g_assert_null (ok->error);
  g_assert_cmpstr (ok->product, ==, "Fake");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ok->instances)), ==, 1);
  g_assert_cmpuint (ok->warnings->len, ==, 1);
  g_assert_cmpfloat (ok->latency_ms, >=, 0);
  g_assert_cmpint (vigie_backend_get_state (g_ptr_array_index (backends, 0)), ==,
                   VIGIE_CONNECTION_CONNECTED);

  g_assert_cmpint (fail->status, ==, VIGIE_STATUS_PROTOCOL_ERROR);
  g_assert_cmpstr (fail->error, ==, "garbage reply");
  g_assert_cmpint (vigie_backend_get_state (g_ptr_array_index (backends, 1)), ==,
                   VIGIE_CONNECTION_FAILED);

  g_assert_cmpint (hang->status, ==, VIGIE_STATUS_TIMEOUT);
  g_assert_nonnull (hang->error);

  g_assert_cmpint (auth->status, ==, VIGIE_STATUS_AUTH_FAILED);
  g_assert_cmpint (vigie_backend_get_state (g_ptr_array_index (backends, 3)), ==,
                   VIGIE_CONNECTION_NEEDS_CREDENTIALS);
  /* Let the cancelled hung fetch unwind before the backends go. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_connect_once (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autoptr(GPtrArray) backends = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  FakeBackend *fake;

  g_ptr_array_add (backends, fake_new ("good", FAKE_OK, context));
  fake = g_ptr_array_index (backends, 0);
  first = fetch_all (backends);
  second = fetch_all (backends);
  g_assert_cmpuint (fake->connects, ==, 1);
  g_assert_cmpuint (fake->fetches, ==, 2);
}

static VigieBackend *
fake_factory (VigieEndpoint *endpoint,
              VigieContext  *context)
{
  FakeBackend *self = g_object_new (FAKE_TYPE_BACKEND, "endpoint", endpoint,
                                    "context", context, NULL);

  self->mode = FAKE_OK;
  return VIGIE_BACKEND (self);
}

static void
on_refreshed (VigieMonitor *monitor,
              guint        *rounds)
{
  (*rounds)++;
}

/* The monitor reads every endpoint per round, keeps one inventory each in the
 * store's order, and after an action reads only that endpoint again. */
static void
test_monitor_refresh (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autofree char *dir = g_dir_make_tmp ("vigie-monitor-XXXXXX", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  g_autoptr(VigieEndpoint) a = vigie_endpoint_new ("a", VIGIE_KIND_PROXMOX, "https://127.0.0.1:1");
  g_autoptr(VigieEndpoint) b = vigie_endpoint_new ("b", VIGIE_KIND_PROXMOX, "https://127.0.0.1:2");
  g_autoptr(VigieMonitor) monitor = NULL;
  g_autoptr(VigieInventory) first = NULL;
  FakeBackend *fa, *fb;
  guint rounds = 0;

  vigie_endpoint_store_add (store, a, NULL);
  vigie_endpoint_store_add (store, b, NULL);
  monitor = vigie_monitor_new (store, context, fake_factory);
  g_signal_connect (monitor, "refreshed", G_CALLBACK (on_refreshed), &rounds);
  g_assert_cmpuint (g_list_model_get_n_items (vigie_monitor_get_inventories (monitor)), ==, 2);

  vigie_monitor_refresh (monitor);
  while (rounds < 1)
    g_main_context_iteration (NULL, TRUE);
  fa = FAKE_BACKEND (vigie_monitor_get_backend (monitor, a));
  fb = FAKE_BACKEND (vigie_monitor_get_backend (monitor, b));
  g_assert_cmpuint (fa->fetches, ==, 1);
  g_assert_cmpuint (fb->fetches, ==, 1);
  first = g_list_model_get_item (vigie_monitor_get_inventories (monitor), 0);
  g_assert_cmpstr (first->endpoint, ==, "a");
  g_assert_cmpstr (first->product, ==, "Fake");

  vigie_monitor_refresh_endpoint (monitor, b);
  while (rounds < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fa->fetches, ==, 1);
  g_assert_cmpuint (fb->fetches, ==, 2);
  /* a's inventory is the same object; b's was replaced. */
  g_assert_true (vigie_monitor_get_inventory (monitor, a) == first);

  g_assert_true (vigie_endpoint_store_remove (store, a));
  g_assert_cmpuint (g_list_model_get_n_items (vigie_monitor_get_inventories (monitor)), ==, 1);
  g_rmdir (dir);
}

static void
test_inventory_json_nulls (void)
{
  g_autoptr(GPtrArray) inventories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VigieInventory) inventory = vigie_inventory_new ("pve", VIGIE_KIND_PROXMOX,
                                                             "https://127.0.0.1:8006");
  g_autoptr(VigieInstance) instance = vigie_instance_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *endpoint, *inst;

  instance->id = g_strdup ("100");
  instance->name = g_strdup ("web");
  instance->cpus = 2;
  vigie_inventory_add_instance (inventory, instance);
  g_ptr_array_add (inventories, g_object_ref (inventory));

  root = vigie_report_inventory_json (inventories, 1764093600);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "generated_at"),
                   ==, "2025-11-25T18:00:00Z");
  endpoint = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "endpoints"), 0);
  g_assert_cmpstr (json_object_get_string_member (endpoint, "status"), ==, "ok");
  g_assert_true (json_object_get_null_member (endpoint, "version"));
  g_assert_true (json_object_get_null_member (endpoint, "latency_ms"));
  inst = json_array_get_object_element (json_object_get_array_member (endpoint, "instances"), 0);
  g_assert_cmpint (json_object_get_int_member (inst, "cpus"), ==, 2);
  /* Unknown values are null, never a made-up 0. */
  g_assert_true (json_object_get_null_member (inst, "memory_bytes"));
  g_assert_true (json_object_get_null_member (inst, "cpu_usage"));
  g_assert_true (json_object_get_null_member (inst, "snapshots"));
  g_assert_cmpstr (json_object_get_string_member (inst, "state"), ==, "unknown");
}

static void
test_csv_quoting (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  vigie_csv_append_field (out, "plain");
  g_string_append_c (out, ',');
  vigie_csv_append_field (out, "a,b \"c\"");
  g_assert_cmpstr (out->str, ==, "plain,\"a,b \"\"c\"\"\"");
}

/* Host names come from servers: only a host name or an address becomes
 * ssh's host argument, and nothing can pass for an option. */
static void
test_ssh_argv (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autoptr(VigieBackend) backend = fake_new ("pve", FAKE_OK, context);
  const char *good[] = { "node1", "pve-1.lab.example", "10.0.0.5", "fe80::1", "2001:db8::40",
                         "host_name.example.", "héberg.example" };
  const char *bad[] = { "-oProxyCommand=touch /tmp/x", "host name", "host\tname", "a\nb",
                        "user@host", "", "a..b", ".example", "x/y", "node1;reboot",
                        "-", "[::1]", "ex.-bad" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) argv = vigie_backend_build_ssh_argv (backend, good[i], NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (argv);
      g_assert_cmpstr (argv[0], ==, "ssh");
      g_assert_cmpstr (argv[1], ==, "--");
      g_assert_cmpstr (argv[2], ==, good[i]);
      g_assert_null (argv[3]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) argv = vigie_backend_build_ssh_argv (backend, bad[i], "root", &error);

      g_assert_null (argv);
      g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
    }

  /* The endpoint's own host, with a user kept apart from it. */
  {
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) argv = vigie_backend_build_ssh_argv (backend, NULL, "admin@corp", &error);
    const char *expected[] = { "ssh", "-l", "admin@corp", "--", "127.0.0.1", NULL };

    g_assert_no_error (error);
    g_assert_cmpstrv (argv, expected);
  }
  for (guint i = 0; i < 3; i++)
    {
      const char *users[] = { "-oProxyCommand=x", "ro ot", "root\n" };
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) argv = vigie_backend_build_ssh_argv (backend, "node1", users[i], &error);

      g_assert_null (argv);
      g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID);
    }
}


/* OWASP's CSV injection advice: a text cell that a spreadsheet would read
 * as a formula gets a leading quote, and quotes; numbers stay numbers. */
static void
test_csv_formulas (void)
{
  const struct { const char *in; const char *out; } text[] = {
    { "=1+2", "\"'=1+2\"" },
    { "+cmd", "\"'+cmd\"" },
    { "-2+3", "\"'-2+3\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"" },
    { "\tx", "\"'\tx\"" },
    { "\rx", "\"'\rx\"" },
    { "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
    { "a=b", "a=b" },
    { "web-01", "web-01" },
    { "", "" },
    /* Controls other than tab, CR and LF are escaped; quoting keeps LF. */
    { "a\033[31mred", "a\\x1b[31mred" },
    { "bell\a del\177 csi\302\233", "bell\\x07 del\\x7f csi\\u009b" },
    { "two\nlines", "\"two\nlines\"" },
  };
  const char *numbers[] = { "-3", "+4", "12", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (text); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      vigie_csv_append_field (out, text[i].in);
      g_assert_cmpstr (out->str, ==, text[i].out);
    }
  for (guint i = 0; numbers[i] != NULL; i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      vigie_csv_append_number (out, numbers[i]);
      g_assert_cmpstr (out->str, ==, numbers[i]);
    }
}

/* No byte a server sent reaches the terminal as a control character. */
static void
test_table_controls (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *table = NULL;
  g_autofree char *printable = NULL;
  const char *header[] = { "NAME", "OS", NULL };
  const char *row[] = { "evil\033]0;pwned\007\033[2J", "tab\there\nnext \302\233 \377", NULL };

  g_ptr_array_add (rows, g_strdupv ((char **) header));
  g_ptr_array_add (rows, g_strdupv ((char **) row));
  table = vigie_format_table (rows);
  for (const char *p = table; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_true (c == '\n' || (c >= 0x20 && c != 0x7f && (c < 0x80 || c >= 0xa0)));
    }
  g_assert_true (g_utf8_validate (table, -1, NULL));
  g_assert_nonnull (strstr (table, "evil\\x1b]0;pwned\\x07\\x1b[2J"));
  g_assert_nonnull (strstr (table, "tab\\x09here\\x0anext \\u009b \xef\xbf\xbd\n"));
  /* Columns line up on what is shown. */
  g_assert_true (g_str_has_prefix (table, "NAME                         OS\n"));

  printable = vigie_report_printable ("ok \033[0m");
  g_assert_cmpstr (printable, ==, "ok \\x1b[0m");
}

/* Through the inventory writers: names are neutralised, numbers are not. */
static void
test_inventory_csv_hostile (void)
{
  g_autoptr(GPtrArray) inventories = g_ptr_array_new_with_free_func (g_object_unref);
  VigieInventory *inventory = vigie_inventory_new ("=pve", VIGIE_KIND_PROXMOX,
                                                   "https://pve.example:8006");
  g_autoptr(VigieInstance) instance = vigie_instance_new ();
  g_autofree char *csv = NULL;
  g_autofree char *table = NULL;
  g_auto(GStrv) lines = NULL;

  instance->id = g_strdup ("100");
  instance->name = g_strdup ("=cmd|' /C calc'!A0");
  instance->os = g_strdup ("@evil\033[2J");
  instance->cpus = 2;
  vigie_inventory_add_instance (inventory, instance);
  g_ptr_array_add (inventories, inventory);

  csv = vigie_report_inventory_csv (inventories);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[1], ==,
                   "\"'=pve\",proxmox,ok,100,\"'=cmd|' /C calc'!A0\",vm,unknown,,,"
                   "\"'@evil\\x1b[2J\",2,,,,,,false");
  table = vigie_report_inventory_table (inventories, 0);
  g_assert_null (strchr (table, '\033'));
  g_assert_nonnull (strstr (table, "=cmd|' /C calc'!A0"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/backend/one-broken-endpoint-blocks-none",
                   test_one_broken_endpoint_blocks_none);
  g_test_add_func ("/vigie/backend/connect-once", test_connect_once);
  g_test_add_func ("/vigie/backend/ssh-argv", test_ssh_argv);
  g_test_add_func ("/vigie/monitor/refresh", test_monitor_refresh);
  g_test_add_func ("/vigie/report/inventory-json-nulls", test_inventory_json_nulls);
  g_test_add_func ("/vigie/report/csv-quoting", test_csv_quoting);
  g_test_add_func ("/vigie/report/csv-formulas", test_csv_formulas);
  g_test_add_func ("/vigie/report/table-controls", test_table_controls);
  g_test_add_func ("/vigie/report/inventory-csv-hostile", test_inventory_csv_hostile);

  return g_test_run ();
}
