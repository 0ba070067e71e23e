/* test-proxmox-lab.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The backend against the demo lab's Proxmox VE cluster: two programs
 * written apart from the same documentation must agree.
 */

#include "config.h"

#include <string.h>

#include "vigie-backends.h"
#include "vigie-error.h"
#include "vigie-lab.h"

/* Guests of the one big cluster (data 3). */
#define BIG 300

typedef struct {
  VigieLab         *lab;
  VigieLabService  *service;
  VigieContext     *context;
  VigieBackend     *backend;
  GAsyncResult     *result;
} Fixture;

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *f)
{
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return f->result;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieClock) clock = vigie_clock_new_system ();
  g_autoptr(VigieEndpoint) endpoint = NULL;

  f->lab = vigie_lab_new ("127.0.0.1", 0, GPOINTER_TO_INT (data) == 2 ? 600 :
                                          GPOINTER_TO_INT (data) == 3 ? 3 * BIG : 1);
  vigie_lab_set_big (f->lab, GPOINTER_TO_INT (data) == 3);
  vigie_lab_set_now (f->lab, 1795600000);  /* 2026-11-25T09:06:40Z */
  g_assert_true (vigie_lab_start (f->lab, &error));
  g_assert_no_error (error);
  f->service = vigie_lab_find_service (f->lab, "lab-proxmox");
  g_assert_nonnull (f->service);

  f->context = vigie_context_new (secrets, clock);
  endpoint = vigie_endpoint_new ("lab-proxmox", VIGIE_KIND_PROXMOX, f->service->url);
  vigie_endpoint_set_fingerprint (endpoint, f->service->fingerprint);
  if (GPOINTER_TO_INT (data) != 1)
    {
      vigie_endpoint_set_token_id (endpoint, f->service->token_id);
      vigie_secret_store_store_async (secrets, vigie_endpoint_get_uuid (endpoint),
                                      VIGIE_SECRET_TOKEN, "lab", f->service->secret, NULL,
                                      got_result, f);
    }
  else
    {
      vigie_endpoint_set_user (endpoint, f->service->user);
      vigie_secret_store_store_async (secrets, vigie_endpoint_get_uuid (endpoint),
                                      VIGIE_SECRET_PASSWORD, "lab", f->service->secret, NULL,
                                      got_result, f);
    }
  g_assert_true (vigie_secret_store_store_finish (secrets, wait_result (f), &error));
  g_assert_no_error (error);
  g_clear_object (&f->result);
  f->backend = vigie_backend_new_for_endpoint (endpoint, f->context);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->result);
  g_clear_object (&f->backend);
  g_clear_object (&f->context);
  vigie_lab_stop (f->lab);
  g_clear_object (&f->lab);
}

static VigieInventory *
fetch (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  VigieInventory *inventory;

  vigie_backend_fetch_async (f->backend, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS, NULL,
                             got_result, f);
  inventory = vigie_backend_fetch_finish (f->backend, wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  return inventory;
}

static VigieHost *
find_host (VigieInventory *inventory,
           const char     *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts)); i++)
    {
      g_autoptr(VigieHost) host = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), i);

      if (g_strcmp0 (host->name, name) == 0)
        return host;
    }
  return NULL;
}

static VigieJob *
find_job (VigieInventory *inventory,
          const char     *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inventory->jobs)); i++)
    {
      g_autoptr(VigieJob) job = g_list_model_get_item (G_LIST_MODEL (inventory->jobs), i);

      if (g_strcmp0 (job->id, id) == 0)
        return job;
    }
  return NULL;
}

static void
test_inventory (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(VigieInventory) inventory = fetch (f);
  VigieInstance *inst;
  VigieHost *host;
  VigieJob *job;
  guint n_failed = 0, n_pbs = 0;

  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpstr (inventory->version, ==, "8.4.1");
  g_assert_cmpstr (g_hash_table_lookup (inventory->extra, "cluster"), ==, "demo");
  g_assert_cmpstr (g_hash_table_lookup (inventory->extra, "quorate"), ==, "true");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)), ==, 20);

  host = find_host (inventory, "pve1");
  g_assert_cmpint (host->state, ==, VIGIE_HOST_ONLINE);
  g_assert_cmpint (host->cpu_cores, ==, 8);
  g_assert_cmpint (host->cpu_threads, ==, 16);
  g_assert_cmpstr (host->version, ==, "8.4.1");
  host = find_host (inventory, "pve3");
  g_assert_cmpint (host->state, ==, VIGIE_HOST_OFFLINE);
  g_assert_cmpint (host->cpu_cores, ==, VIGIE_UNSET);
  g_assert_cmpuint (inventory->warnings->len, >=, 1);

  inst = vigie_inventory_find_instance (inventory, "100", NULL);
  g_assert_cmpstr (inst->name, ==, "web01");
  g_assert_cmpint (inst->state, ==, VIGIE_STATE_RUNNING);
  g_assert_cmpint (inst->snapshots, ==, 2);
  g_assert_cmpstr (inst->os, ==, "l26");
  g_assert_cmpuint (inst->addresses->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (inst->addresses, 0), ==, "10.10.0.100");
  g_assert_cmpuint (inst->tags->len, ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (inst->extra, "hastate"), ==, "started");
  inst = vigie_inventory_find_instance (inventory, "103", NULL);
  g_assert_cmpint (inst->state, ==, VIGIE_STATE_PAUSED);
  inst = vigie_inventory_find_instance (inventory, "204", NULL);
  g_assert_cmpint (inst->state, ==, VIGIE_STATE_PAUSED);
  inst = vigie_inventory_find_instance (inventory, "104", NULL);
  g_assert_cmpint (inst->type, ==, VIGIE_INSTANCE_CONTAINER);
  g_assert_cmpuint (inst->tags->len, ==, 2);
  g_assert_cmpuint (inst->addresses->len, ==, 1);
  g_assert_cmpint (inst->snapshots, ==, 0);
  inst = vigie_inventory_find_instance (inventory, "107", NULL);
  g_assert_true (inst->template);
  inst = vigie_inventory_find_instance (inventory, "300", NULL);
  g_assert_cmpint (inst->state, ==, VIGIE_STATE_UNKNOWN);
  g_assert_cmpint (inst->snapshots, ==, VIGIE_UNSET);
  g_assert_cmpstr (inst->name, ==, "gpu01");

  /* Storage: local per online and offline node, shared ones once. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inventory->storage)); i++)
    {
      g_autoptr(VigieStorage) s = g_list_model_get_item (G_LIST_MODEL (inventory->storage), i);

      if (g_strcmp0 (s->name, "pbs") == 0)
        {
          n_pbs++;
          g_assert_true (s->shared);
          g_assert_null (s->host);
          g_assert_cmpstr (s->pbs_server, ==, "127.0.0.1");
          g_assert_cmpstr (s->pbs_datastore, ==, "store1");
          g_assert_cmpstr (s->pbs_namespace, ==, "pve-demo");
        }
    }
  g_assert_cmpuint (n_pbs, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->storage)), ==, 8);

  /* Backups */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inventory->backups)); i++)
    {
      g_autoptr(VigieBackupItem) b = g_list_model_get_item (G_LIST_MODEL (inventory->backups), i);

      if (b->failed)
        {
          n_failed++;
          g_assert_cmpstr (b->target_id, ==, "205");
        }
      else if (g_strcmp0 (b->location, "pbs") == 0)
        {
          g_assert_cmpstr (b->namespace_, ==, "pve-demo");
          g_assert_true (g_str_has_prefix (b->volid, "pbs:backup/"));
        }
    }
  g_assert_cmpuint (n_failed, ==, 1);
  /* 15 on PBS, 2 on NFS, 1 local, 1 failed attempt */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->backups)), ==, 19);

  job = find_job (inventory, "backup-pbs-daily");
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_SUCCESS);
  g_assert_cmpint (job->enabled, ==, 1);
  g_assert_cmpuint (job->targets->len, ==, 5);
  job = find_job (inventory, "backup-nfs-weekly");
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_FAILED);
  g_assert_cmpstr (job->message, ==, "job errors");
  job = find_job (inventory, "backup-local-sunday");
  g_assert_cmpint (job->enabled, ==, 0);
  g_assert_cmpint (job->last_result, ==, VIGIE_JOB_NONE);
  /* /cluster/backup-info/not-backed-up → a typed fact on each guest. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)); i++)
    {
      g_autoptr(VigieInstance) inst = g_list_model_get_item (G_LIST_MODEL (inventory->instances),
                                                             i);
      static const char * const jobbed[] = { "100", "101", "104", "200", "202", "102", "205",
                                             "106", NULL };

      if (inst->template)
        g_assert_cmpint (inst->in_backup_job, ==, VIGIE_UNSET);
      else
        g_assert_cmpint (inst->in_backup_job, ==, g_strv_contains (jobbed, inst->id));
    }
}

static char *
run_action (Fixture       *f,
            VigieInstance *instance,
            const char    *action,
            GHashTable    *params,
            GError       **error)
{
  char *message;

  vigie_backend_run_action_async (f->backend, instance, action, params, NULL, got_result, f);
  message = vigie_backend_run_action_finish (f->backend, wait_result (f), error);
  g_clear_object (&f->result);
  return message;
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(VigieInventory) inventory = fetch (f);
  g_autoptr(VigieInventory) after = NULL;
  g_autoptr(GListModel) actions = NULL;
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  VigieInstance *inst;

  /* 101: the token lacks VM.Snapshot and VM.Backup there. */
  inst = vigie_inventory_find_instance (inventory, "101", NULL);
  actions = vigie_backend_list_actions (f->backend, inst);
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(VigieAction) a = g_list_model_get_item (actions, i);

      if (g_str_equal (a->id, "snapshot") || g_str_equal (a->id, "backup"))
        {
          g_assert_false (a->allowed);
          g_assert_nonnull (strstr (a->reason, "/vms/101"));
        }
      else if (g_str_equal (a->id, "start"))
        g_assert_false (a->allowed);
      else
        g_assert_true (a->allowed);
    }
  g_hash_table_insert (params, (char *) "name", (char *) "test1");
  message = run_action (f, inst, "snapshot", params, &error);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED);
  g_assert_null (message);
  g_clear_error (&error);

  /* Stop, snapshot, back up 106 … */
  inst = vigie_inventory_find_instance (inventory, "106", NULL);
  message = run_action (f, inst, "start", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&message, g_free);
  message = run_action (f, inst, "snapshot", params, &error);
  g_assert_no_error (error);
  g_clear_pointer (&message, g_free);
  g_hash_table_insert (params, (char *) "storage", (char *) "nfs-backup");
  message = run_action (f, inst, "backup", params, &error);
  g_assert_no_error (error);
  g_clear_pointer (&message, g_free);

  /* … a failing start carries the log tail … */
  inst = vigie_inventory_find_instance (inventory, "205", NULL);
  message = run_action (f, inst, "start", NULL, &error);
  g_assert_error (error, VIGIE_ERROR, VIGIE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "QEMU exited with code 1"));
  g_assert_nonnull (strstr (error->message, "Could not open"));
  g_clear_error (&error);

  /* … and an HA guest goes through the HA manager. */
  inst = vigie_inventory_find_instance (inventory, "100", NULL);
  message = run_action (f, inst, "shutdown", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (message, "HA"));
  g_clear_pointer (&message, g_free);

  after = fetch (f);
  inst = vigie_inventory_find_instance (after, "106", NULL);
  g_assert_cmpint (inst->state, ==, VIGIE_STATE_RUNNING);
  g_assert_cmpint (inst->snapshots, ==, 1);
  inst = vigie_inventory_find_instance (after, "100", NULL);
  g_assert_cmpint (inst->state, ==, VIGIE_STATE_STOPPED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (after->backups)), ==, 20);
}

typedef struct {
  GString  *output;
  gboolean  closed;
} ShellData;

static void
on_output (VigieConsole *console,
           GBytes       *bytes,
           ShellData    *shell)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_string_append_len (shell->output, data, length);
}

static void
on_closed (VigieConsole *console,
           int           status,
           const char   *message,
           ShellData    *shell)
{
  shell->closed = TRUE;
}

static void
run_shell (Fixture       *f,
           VigieInstance *instance)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieConsole) console = NULL;
  ShellData shell = { g_string_new (NULL), FALSE };

  vigie_backend_open_console_async (f->backend, instance ? NULL : "pve1", instance, NULL,
                                    got_result, f);
  console = vigie_backend_open_console_finish (f->backend, wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  g_signal_connect (console, "output", G_CALLBACK (on_output), &shell);
  g_signal_connect (console, "closed", G_CALLBACK (on_closed), &shell);
  while (strstr (shell.output->str, "# ") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (g_str_has_prefix (shell.output->str, "OK"));
  vigie_console_resize (console, 100, 30);
  vigie_console_write (console, (const guint8 *) "uptime\r", 7);
  /* The lab's shell echoes the command, then answers it. */
  while (strstr (shell.output->str, "uptime\r\n") == NULL ||
         strstr (shell.output->str, "load average") == NULL)
    g_main_context_iteration (NULL, TRUE);
  vigie_console_write (console, (const guint8 *) "exit\r", 5);
  while (!shell.closed)
    g_main_context_iteration (NULL, TRUE);
  g_string_free (shell.output, TRUE);
}

static void
test_shell (Fixture       *f,
            gconstpointer  data)
{
  run_shell (f, NULL);
}

/* A container's own console goes through the same termproxy protocol, on the
 * guest's URL (/nodes/N/lxc/VMID/termproxy). */
static void
test_guest_console (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(VigieInventory) inventory = fetch (f);
  VigieInstance *container = vigie_inventory_find_instance (inventory, "104", NULL);

  g_assert_nonnull (container);
  g_assert_cmpint (container->type, ==, VIGIE_INSTANCE_CONTAINER);
  run_shell (f, container);
}

static void
test_scale (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(VigieInventory) inventory = fetch (f);

  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)), ==,
                    f->service->scale);
}

/* What one fetch asked the lab. */
typedef struct {
  guint total;
  guint guest;       /* /nodes/N/{qemu,lxc}/V/… */
  guint snapshots;
} Counts;

static void
request_read_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  Counts *counts = user_data;
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  counts->total++;
  if (g_str_has_prefix (path, "/api2/json/nodes/") &&
      (strstr (path, "/qemu/") != NULL || strstr (path, "/lxc/") != NULL))
    counts->guest++;
  if (g_str_has_suffix (path, "/snapshot"))
    counts->snapshots++;
}

static VigieInventory *
fetch_counted (Fixture *f,
               Counts  *counts)
{
  gulong id;
  VigieInventory *inventory;

  memset (counts, 0, sizeof *counts);
  id = g_signal_connect (f->service->server, "request-read", G_CALLBACK (request_read_cb), counts);
  inventory = fetch (f);
  g_signal_handler_disconnect (f->service->server, id);
  g_test_message ("%u requests, %u about single guests, %u snapshot lists", counts->total,
                  counts->guest, counts->snapshots);
  g_assert_cmpint (inventory->status, ==, VIGIE_STATUS_OK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)), ==, BIG);
  return inventory;
}

static guint
count_pending (VigieInventory *inventory)
{
  GListModel *instances = G_LIST_MODEL (inventory->instances);
  guint pending = 0;

  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(VigieInstance) inst = g_list_model_get_item (instances, i);

      if (inst->details_pending)
        pending++;
    }
  return pending;
}

static gboolean
warns_loading (VigieInventory *inventory)
{
  for (guint i = 0; i < inventory->warnings->len; i++)
    if (strstr (g_ptr_array_index (inventory->warnings, i), "still loading") != NULL)
      return TRUE;
  return FALSE;
}

/* What /cluster/resources says, whatever the details. */
static void
assert_bulk_facts (VigieInventory *inventory)
{
  for (int vmid = 1020; vmid < 1000 + BIG; vmid += 37)
    {
      g_autofree char *id = g_strdup_printf ("%d", vmid);
      g_autofree char *name = g_strdup_printf ("guest-%d", vmid);
      VigieInstance *inst = vigie_inventory_find_instance (inventory, id, NULL);
      gboolean running = (vmid - 1000) % 4 != 0;

      g_assert_nonnull (inst);
      g_assert_cmpstr (inst->name, ==, name);
      g_assert_cmpint (inst->type, ==, (vmid - 1000) % 3 == 0 ? VIGIE_INSTANCE_CONTAINER
                                                              : VIGIE_INSTANCE_VM);
      g_assert_cmpint (inst->state, ==, running ? VIGIE_STATE_RUNNING : VIGIE_STATE_STOPPED);
      g_assert_cmpint (inst->cpus, ==, 1 + vmid % 4);
      g_assert_cmpint (inst->memory_bytes, ==, (gint64) (1 + vmid % 8) * 1024 * 1024 * 1024);
      g_assert_cmpint (inst->memory_used_bytes, ==, running ? inst->memory_bytes / 2 : 0);
      g_assert_cmpuint (inst->tags->len, ==, 1);
    }
}

/* One cluster with many guests: the list comes from the bulk calls, each
 * refresh reads the details of a few guests only (at most 15 requests per
 * 100 guests, 80 at least), and the details fill in over the refreshes. */
static void
test_big_cluster (Fixture       *f,
                  gconstpointer  data)
{
  const guint budget = MAX (80, (BIG * 15 + 99) / 100);
  g_autoptr(VigieInventory) first = NULL;
  g_autoptr(VigieInventory) inventory = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *message = NULL;
  Counts counts;
  guint pending;
  guint rounds = 0;
  guint others;
  VigieInstance *inst;

  first = fetch_counted (f, &counts);
  assert_bulk_facts (first);
  g_assert_cmpuint (counts.guest, <=, budget);
  others = counts.total - counts.guest;
  /* The cluster-wide calls do not grow with the guests. */
  g_assert_cmpuint (others, <=, 40);
  pending = count_pending (first);
  g_assert_cmpuint (pending, >, 0);
  g_assert_true (warns_loading (first));

  /* Each refresh reads more, within the budget, until nothing is pending. */
  while (pending > 0)
    {
      guint now;

      g_clear_object (&inventory);
      inventory = fetch_counted (f, &counts);
      assert_bulk_facts (inventory);
      g_assert_cmpuint (counts.guest, <=, budget);
      g_assert_cmpuint (counts.total, <=, BIG / 5 + budget);
      now = count_pending (inventory);
      g_assert_cmpuint (now, <, pending);
      pending = now;
      g_assert_cmpuint (++rounds, <, 20);
    }
  g_assert_cmpuint (rounds, >=, 2);
  g_assert_false (warns_loading (inventory));

  /* Every detail is there, as a full read gives it. */
  inst = vigie_inventory_find_instance (inventory, "100", NULL);
  g_assert_cmpint (inst->snapshots, ==, 2);
  g_assert_cmpstr (inst->os, ==, "l26");
  g_assert_cmpuint (inst->addresses->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (inst->addresses, 0), ==, "10.10.0.100");
  inst = vigie_inventory_find_instance (inventory, "104", NULL);
  g_assert_cmpuint (inst->addresses->len, ==, 1);
  g_assert_cmpint (inst->snapshots, ==, 0);
  inst = vigie_inventory_find_instance (inventory, "102", NULL);
  g_assert_cmpstr (inst->os, ==, "win11");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)); i++)
    {
      g_autoptr(VigieInstance) any = g_list_model_get_item (G_LIST_MODEL (inventory->instances),
                                                            i);

      if (any->state != VIGIE_STATE_UNKNOWN)
        g_assert_cmpint (any->snapshots, >=, 0);
    }

  /* Known details are kept: an unchanged config digest reads no snapshots. */
  g_clear_object (&inventory);
  inventory = fetch_counted (f, &counts);
  g_assert_cmpuint (count_pending (inventory), ==, 0);
  g_assert_cmpuint (counts.snapshots, ==, 0);
  g_assert_cmpuint (counts.guest, <=, budget);
  inst = vigie_inventory_find_instance (inventory, "100", NULL);
  g_assert_cmpint (inst->snapshots, ==, 2);
  g_assert_cmpuint (inst->addresses->len, ==, 1);

  /* A guest whose state changed is read again at the next refresh. */
  inst = vigie_inventory_find_instance (inventory, "106", NULL);
  g_assert_cmpint (inst->state, ==, VIGIE_STATE_STOPPED);
  message = run_action (f, inst, "start", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&message, g_free);
  g_hash_table_insert (params, (char *) "name", (char *) "big1");
  message = run_action (f, inst, "snapshot", params, &error);
  g_assert_no_error (error);
  g_clear_object (&inventory);
  inventory = fetch_counted (f, &counts);
  inst = vigie_inventory_find_instance (inventory, "106", NULL);
  g_assert_cmpint (inst->state, ==, VIGIE_STATE_RUNNING);
  g_assert_cmpint (inst->snapshots, ==, 1);
  g_assert_cmpuint (counts.guest, <=, budget);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/vigie/proxmox-lab/inventory-token", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_inventory, fixture_tear_down);
  g_test_add ("/vigie/proxmox-lab/inventory-ticket", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_inventory, fixture_tear_down);
  g_test_add ("/vigie/proxmox-lab/actions", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_actions, fixture_tear_down);
  g_test_add ("/vigie/proxmox-lab/shell-token", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_shell, fixture_tear_down);
  g_test_add ("/vigie/proxmox-lab/shell-ticket", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_shell, fixture_tear_down);
  g_test_add ("/vigie/proxmox-lab/guest-console", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_guest_console, fixture_tear_down);
  g_test_add ("/vigie/proxmox-lab/scale", Fixture, GINT_TO_POINTER (2),
              fixture_set_up, test_scale, fixture_tear_down);
  g_test_add ("/vigie/proxmox-lab/big-cluster", Fixture, GINT_TO_POINTER (3),
              fixture_set_up, test_big_cluster, fixture_tear_down);
  return g_test_run ();
}
