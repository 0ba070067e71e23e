/* vigie-test-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "vigie-error.h"
#include "vigie-test-backend.h"

/* echo console */

struct _VigieEchoConsole
{
  VigieConsole  parent_instance;

  GByteArray   *received;
  guint         columns;
  guint         rows;
  gboolean      close_called;
};

G_DEFINE_FINAL_TYPE (VigieEchoConsole, vigie_echo_console, VIGIE_TYPE_CONSOLE)

static void
vigie_echo_console_write (VigieConsole *console,
                          const guint8 *data,
                          gsize         length)
{
  VigieEchoConsole *self = VIGIE_ECHO_CONSOLE (console);
  g_autoptr(GString) reply = g_string_new ("ECHO[");

  g_byte_array_append (self->received, data, length);
  /* Upper-cased and bracketed, so a local echo could not pass for it. */
  for (gsize i = 0; i < length; i++)
    if (data[i] != '\r' && data[i] != '\n')
      g_string_append_c (reply, g_ascii_toupper (data[i]));
  g_string_append (reply, "]\r\n");
  vigie_console_emit_output (console, (const guint8 *) reply->str, reply->len);
}

static void
vigie_echo_console_resize (VigieConsole *console,
                           guint         columns,
                           guint         rows)
{
  VigieEchoConsole *self = VIGIE_ECHO_CONSOLE (console);

  self->columns = columns;
  self->rows = rows;
}

static void
vigie_echo_console_close (VigieConsole *console)
{
  VIGIE_ECHO_CONSOLE (console)->close_called = TRUE;
  vigie_console_emit_closed (console, 0, NULL);
}

static void
vigie_echo_console_finalize (GObject *object)
{
  g_byte_array_unref (VIGIE_ECHO_CONSOLE (object)->received);
  G_OBJECT_CLASS (vigie_echo_console_parent_class)->finalize (object);
}

static void
vigie_echo_console_class_init (VigieEchoConsoleClass *klass)
{
  VigieConsoleClass *console_class = VIGIE_CONSOLE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = vigie_echo_console_finalize;
  console_class->write = vigie_echo_console_write;
  console_class->resize = vigie_echo_console_resize;
  console_class->close = vigie_echo_console_close;
}

static void
vigie_echo_console_init (VigieEchoConsole *self)
{
  self->received = g_byte_array_new ();
}

VigieEchoConsole *
vigie_echo_console_new (void)
{
  return g_object_new (VIGIE_TYPE_ECHO_CONSOLE, NULL);
}

GByteArray *
vigie_echo_console_get_received (VigieEchoConsole *self)
{
  return self->received;
}

guint
vigie_echo_console_get_columns (VigieEchoConsole *self)
{
  return self->columns;
}

guint
vigie_echo_console_get_rows (VigieEchoConsole *self)
{
  return self->rows;
}

gboolean
vigie_echo_console_get_close_called (VigieEchoConsole *self)
{
  return self->close_called;
}

/* test backend */

struct _VigieTestBackend
{
  VigieBackend  parent_instance;

  char         *last_action;
  GHashTable   *last_params;
  guint         n_fetches;
  gboolean      hold_actions;
  GTask        *held_action;
};

G_DEFINE_FINAL_TYPE (VigieTestBackend, vigie_test_backend, VIGIE_TYPE_BACKEND)

static gboolean
connect_later (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;

  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

/* The endpoint option "test-connect-ms" makes connecting take that long. */
static void
test_connect_async (VigieBackend        *backend,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  const char *delay = vigie_endpoint_get_option (vigie_backend_get_endpoint (backend),
                                                 "test-connect-ms");

  if (delay != NULL)
    g_timeout_add (atoi (delay), connect_later, g_steal_pointer (&task));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
test_connect_finish (VigieBackend  *backend,
                     GAsyncResult  *result,
                     GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fill_inventory (VigieBackend   *backend,
                VigieInventory *inventory)
{
  VigieEndpoint *endpoint = vigie_backend_get_endpoint (backend);
  const char *option = vigie_endpoint_get_option (endpoint, "test-instances");
  guint n = option != NULL ? (guint) g_ascii_strtoull (option, NULL, 10) : 3;
  g_autoptr(VigieHost) host = vigie_host_new ();
  g_autoptr(VigieStorage) storage = vigie_storage_new ();

  const char *product = vigie_endpoint_get_option (endpoint, "test-product");
  const char *version = vigie_endpoint_get_option (endpoint, "test-version");
  const char *warning = vigie_endpoint_get_option (endpoint, "test-warning");
  const char *hosts = vigie_endpoint_get_option (endpoint, "test-hosts");
  /* Names the first instance and the storage, as a hostile server would. */
  const char *first_name = vigie_endpoint_get_option (endpoint, "test-instance-name");
  const char *storage_name = vigie_endpoint_get_option (endpoint, "test-storage-name");
  guint n_hosts = hosts != NULL ? (guint) g_ascii_strtoull (hosts, NULL, 10) : 1;

  g_free (inventory->product);
  inventory->product = g_strdup (product != NULL ? product : "Test Hypervisor");
  g_free (inventory->version);
  inventory->version = g_strdup (version != NULL ? version : "1.0");
  g_free (inventory->build);
  inventory->build = g_strdup (vigie_endpoint_get_option (endpoint, "test-build"));
  if (warning != NULL)
    vigie_inventory_add_warning (inventory, "%s", warning);

  host->name = g_strdup ("node1");
  host->state = VIGIE_HOST_ONLINE;
  host->version = g_strdup (inventory->version);
  host->cpu_usage = 0.42;
  host->memory_bytes = 64LL << 30;
  host->memory_used_bytes = 60LL << 30;
  /* "SOCKETS,CORES": the first host reports its CPUs (priced per core). */
  if (vigie_endpoint_get_option (endpoint, "test-cpus") != NULL)
    {
      g_auto(GStrv) cpus = g_strsplit (vigie_endpoint_get_option (endpoint, "test-cpus"), ",", 2);

      host->cpu_sockets = g_ascii_strtoll (cpus[0], NULL, 10);
      host->cpu_cores = cpus[1] != NULL ? g_ascii_strtoll (cpus[1], NULL, 10) : 0;
    }
  vigie_inventory_add_host (inventory, host);
  for (guint h = 1; h < n_hosts; h++)
    {
      g_autoptr(VigieHost) other = vigie_host_new ();

      other->name = g_strdup_printf ("node%u", h + 1);
      other->state = h == 2 ? VIGIE_HOST_OFFLINE : VIGIE_HOST_ONLINE;
      other->version = g_strdup (inventory->version);
      other->cpu_usage = h == 2 ? -1 : 0.1 * h;
      other->memory_bytes = 128LL << 30;
      other->memory_used_bytes = h == 2 ? -1 : (32LL * h) << 30;
      vigie_inventory_add_host (inventory, other);
    }

  storage->name = g_strdup (storage_name != NULL ? storage_name : "local");
  storage->content = g_strdup ("images,backup");
  storage->total_bytes = 1LL << 40;
  storage->used_bytes = 1LL << 38;
  vigie_inventory_add_storage (inventory, storage);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieInstance) instance = vigie_instance_new ();
      g_autofree char *address = g_strdup_printf ("10.%u.%u.%u", (i >> 16) & 0xff,
                                                  (i >> 8) & 0xff, i & 0xff);

      instance->id = g_strdup_printf ("%u", 100 + i);
      instance->name = i == 0 && first_name != NULL ? g_strdup (first_name)
                                                    : g_strdup_printf ("vm-%05u", i);
      instance->type = i % 5 == 0 ? VIGIE_INSTANCE_CONTAINER : VIGIE_INSTANCE_VM;
      instance->state = i % 3 == 0 ? VIGIE_STATE_RUNNING
                        : i % 3 == 1 ? VIGIE_STATE_STOPPED : VIGIE_STATE_PAUSED;
      instance->host = g_strdup ("node1");
      instance->os = g_strdup (i % 2 ? "Windows Server 2022" : "Debian 12");
      instance->cpus = 1 + i % 8;
      instance->memory_bytes = (gint64) (1 + i % 16) << 30;
      vigie_instance_add_address (instance, address);
      vigie_inventory_add_instance (inventory, instance);
    }
}

static void
test_fetch_async (VigieBackend        *backend,
                  VigieFetchFlags      flags,
                  VigieInventory      *inventory,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  VIGIE_TEST_BACKEND (backend)->n_fetches++;
  fill_inventory (backend, inventory);
  g_task_return_boolean (task, TRUE);
}

static gboolean
test_fetch_finish (VigieBackend  *backend,
                   GAsyncResult  *result,
                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static GListModel *
test_list_actions (VigieBackend  *backend,
                   VigieInstance *instance)
{
  GListStore *store = g_list_store_new (VIGIE_TYPE_ACTION);
  gboolean running = instance->state == VIGIE_STATE_RUNNING;
  g_autoptr(VigieAction) start = NULL;
  g_autoptr(VigieAction) stop = NULL;
  g_autoptr(VigieAction) snapshot = NULL;
  g_autoptr(VigieAction) backup = NULL;
  /* The ones that stop or interrupt a running guest, besides the power off. */
  const char * const disruptive[] = { VIGIE_ACTION_SHUTDOWN, VIGIE_ACTION_REBOOT,
                                      VIGIE_ACTION_SUSPEND };

  start = vigie_action_new (VIGIE_ACTION_START, NULL, !running,
                            running ? "The instance is already running" : NULL);
  stop = vigie_action_new (VIGIE_ACTION_STOP, NULL, running,
                           running ? NULL : "The instance is not running");
  snapshot = vigie_action_new (VIGIE_ACTION_SNAPSHOT, NULL, FALSE,
                               "This licence does not allow snapshots");
  g_list_store_append (store, start);
  for (guint i = 0; i < G_N_ELEMENTS (disruptive); i++)
    {
      g_autoptr(VigieAction) action = vigie_action_new (disruptive[i], NULL, running,
                                                        running ? NULL
                                                                : "The instance is not running");

      g_list_store_append (store, action);
    }
  g_list_store_append (store, stop);
  backup = vigie_action_new (VIGIE_ACTION_BACKUP, NULL, TRUE, NULL);
  g_list_store_append (store, snapshot);
  g_list_store_append (store, backup);
  return G_LIST_MODEL (store);
}

static void
test_run_action_async (VigieBackend        *backend,
                       VigieInstance       *instance,
                       const char          *action,
                       GHashTable          *params,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  VigieTestBackend *self = VIGIE_TEST_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_free (self->last_action);
  self->last_action = g_strdup (action);
  g_clear_pointer (&self->last_params, g_hash_table_unref);
  self->last_params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (params != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (self->last_params, g_strdup (key), g_strdup (value));
    }
  if (self->hold_actions)
    {
      /* Like a real task: it runs until the test says how it ended. */
      g_clear_object (&self->held_action);
      self->held_action = g_steal_pointer (&task);
      return;
    }
  g_task_return_pointer (task, g_strdup ("done"), g_free);
}

static char *
test_run_action_finish (VigieBackend  *backend,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_open_console_async (VigieBackend        *backend,
                         const char          *target,
                         VigieInstance       *instance,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_task_return_pointer (task, vigie_echo_console_new (), g_object_unref);
}

static VigieConsole *
test_open_console_finish (VigieBackend  *backend,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
vigie_test_backend_finalize (GObject *object)
{
  g_free (VIGIE_TEST_BACKEND (object)->last_action);
  g_clear_pointer (&VIGIE_TEST_BACKEND (object)->last_params, g_hash_table_unref);
  g_clear_object (&VIGIE_TEST_BACKEND (object)->held_action);
  G_OBJECT_CLASS (vigie_test_backend_parent_class)->finalize (object);
}

static void
vigie_test_backend_class_init (VigieTestBackendClass *klass)
{
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = vigie_test_backend_finalize;
  backend_class->kind = VIGIE_KIND_PROXMOX;
  backend_class->connect_async = test_connect_async;
  backend_class->connect_finish = test_connect_finish;
  backend_class->fetch_async = test_fetch_async;
  backend_class->fetch_finish = test_fetch_finish;
  backend_class->list_actions = test_list_actions;
  backend_class->run_action_async = test_run_action_async;
  backend_class->run_action_finish = test_run_action_finish;
  backend_class->open_console_async = test_open_console_async;
  backend_class->open_console_finish = test_open_console_finish;
}

static void
vigie_test_backend_init (VigieTestBackend *self)
{
}

VigieBackend *
vigie_test_backend_factory (VigieEndpoint *endpoint,
                            VigieContext  *context)
{
  return g_object_new (VIGIE_TYPE_TEST_BACKEND, "endpoint", endpoint, "context", context, NULL);
}

const char *
vigie_test_backend_get_last_action (VigieTestBackend *self)
{
  return self->last_action;
}

guint
vigie_test_backend_get_n_fetches (VigieTestBackend *self)
{
  return self->n_fetches;
}

const char *
vigie_test_backend_get_last_param (VigieTestBackend *self,
                                   const char       *key)
{
  return self->last_params != NULL ? g_hash_table_lookup (self->last_params, key) : NULL;
}

/* Actions run from now on wait for vigie_test_backend_end_action(). */
void
vigie_test_backend_hold_actions (VigieTestBackend *self)
{
  self->hold_actions = TRUE;
}

gboolean
vigie_test_backend_has_held_action (VigieTestBackend *self)
{
  return self->held_action != NULL;
}

/* Ends the held action: done, or failed with @error_message. */
void
vigie_test_backend_end_action (VigieTestBackend *self,
                               const char       *error_message)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->held_action);

  g_return_if_fail (task != NULL);
  if (error_message != NULL)
    g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_FAILED, "%s", error_message);
  else
    g_task_return_pointer (task, NULL, NULL);
}
