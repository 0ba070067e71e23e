/* test-estate-summary.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "vigie-clock.h"
#include "vigie-error.h"
#include "vigie-estate-summary.h"

#define NOW_TEXT "2026-12-06T12:00:00Z"
#define GIB ((gint64) 1 << 30)

static VigieInventory *
answered (const char *name,
          VigieKind   kind,
          const char *product,
          const char *version)
{
  VigieInventory *inventory = vigie_inventory_new (name, kind, "https://127.0.0.1:1");

  inventory->product = g_strdup (product);
  inventory->version = g_strdup (version);
  inventory->latency_ms = 3;
  return inventory;
}

static void
add_instance (VigieInventory     *inventory,
              const char         *id,
              VigieInstanceType   type,
              VigieInstanceState  state,
              gboolean            template)
{
  g_autoptr(VigieInstance) instance = vigie_instance_new ();

  instance->id = g_strdup (id);
  instance->name = g_strdup (id);
  instance->type = type;
  instance->state = state;
  instance->template = template;
  vigie_inventory_add_instance (inventory, instance);
}

static void
add_host (VigieInventory *inventory,
          const char     *name,
          VigieHostState  state)
{
  g_autoptr(VigieHost) host = vigie_host_new ();

  host->name = g_strdup (name);
  host->state = state;
  vigie_inventory_add_host (inventory, host);
}

static void
add_storage (VigieInventory *inventory,
             const char     *name,
             const char     *host,
             gboolean        shared,
             gint64          used,
             gint64          total)
{
  g_autoptr(VigieStorage) storage = vigie_storage_new ();

  storage->name = g_strdup (name);
  storage->host = g_strdup (host);
  storage->shared = shared;
  storage->used_bytes = used;
  storage->total_bytes = total;
  vigie_inventory_add_storage (inventory, storage);
}

static VigieEstateAlert *
find_alert (VigieEstateSummary *summary,
            VigieAlertKind      kind,
            const char         *endpoint)
{
  for (guint i = 0; i < summary->alerts->len; i++)
    {
      VigieEstateAlert *alert = g_ptr_array_index (summary->alerts, i);

      if (alert->kind == kind && g_strcmp0 (alert->endpoint, endpoint) == 0)
        return alert;
    }
  return NULL;
}

static guint
count_alerts (VigieEstateSummary *summary,
              VigieAlertKind      kind)
{
  guint n = 0;

  for (guint i = 0; i < summary->alerts->len; i++)
    if (((VigieEstateAlert *) g_ptr_array_index (summary->alerts, i))->kind == kind)
      n++;
  return n;
}

static void
test_counts (void)
{
  g_autoptr(GPtrArray) inventories = g_ptr_array_new_with_free_func (g_object_unref);
  VigieInventory *pve = answered ("pve", VIGIE_KIND_PROXMOX, "Proxmox VE", "8.4.1");
  VigieInventory *incus = answered ("incus", VIGIE_KIND_INCUS, "incus", "6.0.3");
  VigieInventory *pending = vigie_inventory_new ("new", VIGIE_KIND_ESXI, "https://127.0.0.1:2");
  g_autoptr(VigieEstateSummary) summary = NULL;

  add_instance (pve, "100", VIGIE_INSTANCE_VM, VIGIE_STATE_RUNNING, FALSE);
  add_instance (pve, "101", VIGIE_INSTANCE_VM, VIGIE_STATE_STOPPED, FALSE);
  /* A template is stopped by nature: counted apart. */
  add_instance (pve, "9000", VIGIE_INSTANCE_VM, VIGIE_STATE_STOPPED, TRUE);
  add_instance (pve, "200", VIGIE_INSTANCE_CONTAINER, VIGIE_STATE_PAUSED, FALSE);
  add_instance (incus, "c1", VIGIE_INSTANCE_CONTAINER, VIGIE_STATE_RUNNING, FALSE);
  add_host (pve, "pve1", VIGIE_HOST_ONLINE);
  add_host (pve, "pve2", VIGIE_HOST_MAINTENANCE);
  add_host (incus, "incus", VIGIE_HOST_ONLINE);
  g_ptr_array_add (inventories, pve);
  g_ptr_array_add (inventories, incus);
  g_ptr_array_add (inventories, pending);

  summary = vigie_estate_summary_compute (inventories, NULL, vigie_parse_time (NOW_TEXT), 24);
  g_assert_cmpuint (summary->endpoints, ==, 3);
  g_assert_cmpuint (summary->endpoints_ok, ==, 2);
  g_assert_cmpuint (summary->endpoints_pending, ==, 1);
  g_assert_cmpuint (summary->endpoints_failing, ==, 0);
  g_assert_cmpuint (summary->hosts, ==, 3);
  g_assert_cmpuint (summary->hosts_online, ==, 2);
  g_assert_cmpuint (summary->hosts_maintenance, ==, 1);
  g_assert_cmpuint (summary->hosts_offline, ==, 0);
  g_assert_cmpuint (summary->instances, ==, 5);
  g_assert_cmpuint (summary->running, ==, 2);
  g_assert_cmpuint (summary->stopped, ==, 1);
  g_assert_cmpuint (summary->templates, ==, 1);
  g_assert_cmpuint (summary->paused, ==, 1);
  g_assert_cmpuint (summary->unknown, ==, 0);
  g_assert_cmpuint (summary->vms, ==, 3);
  g_assert_cmpuint (summary->containers, ==, 2);
  /* Coverage from the coverage engine: nothing backed up here. */
  g_assert_cmpuint (summary->coverage.unprotected, >, 0);
  g_assert_cmpuint (summary->coverage.protected_, ==, 0);
  /* Versions: the end-of-support Proxmox 8.4 and a supported Incus. */
  g_assert_cmpuint (summary->versions->len, ==, 2);
  {
    VigieEstateVersion *v = g_ptr_array_index (summary->versions, 0);

    g_assert_cmpint (v->kind, ==, VIGIE_KIND_PROXMOX);
    g_assert_cmpstr (v->version, ==, "8.4.1");
    g_assert_cmpint (v->support, ==, VIGIE_SUPPORT_END_OF_SUPPORT);
    g_assert_cmpstr (v->line, ==, "Proxmox VE 8");
    g_assert_cmpuint (v->endpoints, ==, 1);
  }
  g_assert_nonnull (find_alert (summary, VIGIE_ALERT_END_OF_SUPPORT, "pve"));
  g_assert_cmpstr (find_alert (summary, VIGIE_ALERT_END_OF_SUPPORT, "pve")->detail, ==,
                   "Proxmox VE 8: end of support since 31 August 2026");
  /* A maintenance host and a pending endpoint are no alert. */
  g_assert_cmpuint (summary->alerts->len, ==, 1);
}

static void
test_alerts (void)
{
  g_autoptr(GPtrArray) inventories = g_ptr_array_new_with_free_func (g_object_unref);
  VigieInventory *esxi = answered ("esxi", VIGIE_KIND_ESXI, "VMware ESXi", "8.0.3");
  VigieInventory *pbs = answered ("pbs", VIGIE_KIND_PBS, "Proxmox Backup Server", "4.1.2");
  VigieInventory *down = vigie_inventory_new ("down", VIGIE_KIND_PROXMOX, "https://127.0.0.1:3");
  VigieInventory *moved = vigie_inventory_new ("moved", VIGIE_KIND_INCUS, "https://127.0.0.1:4");
  g_autoptr(GError) unreachable = g_error_new_literal (VIGIE_ERROR, VIGIE_ERROR_UNREACHABLE,
                                                       "Connection refused");
  g_autoptr(GError) changed = g_error_new_literal (VIGIE_ERROR,
                                                   VIGIE_ERROR_CERTIFICATE_CHANGED,
                                                   "The certificate changed");
  g_autoptr(VigieJob) job = vigie_job_new ();
  g_autoptr(VigieJob) good = vigie_job_new ();
  g_autoptr(VigieEstateSummary) summary = NULL;
  VigieEstateAlert *alert;

  vigie_inventory_set_error (down, unreachable);
  vigie_inventory_set_error (moved, changed);
  add_host (esxi, "esx1", VIGIE_HOST_OFFLINE);
  add_storage (esxi, "datastore1", "esx1", FALSE, 95 * GIB, 100 * GIB);
  add_storage (esxi, "datastore2", "esx1", FALSE, 89 * GIB, 100 * GIB);
  /* A shared storage seen by two nodes: one alert. */
  add_storage (esxi, "nfs", "esx1", TRUE, 99 * GIB, 100 * GIB);
  add_storage (esxi, "nfs", "esx2", TRUE, 99 * GIB, 100 * GIB);
  job->name = g_strdup ("nightly");
  job->last_result = VIGIE_JOB_FAILED;
  job->message = g_strdup ("datastore full");
  vigie_inventory_add_job (pbs, job);
  good->name = g_strdup ("verify");
  good->last_result = VIGIE_JOB_SUCCESS;
  vigie_inventory_add_job (pbs, good);
  g_ptr_array_add (inventories, esxi);
  g_ptr_array_add (inventories, pbs);
  g_ptr_array_add (inventories, down);
  g_ptr_array_add (inventories, moved);

  summary = vigie_estate_summary_compute (inventories, NULL, vigie_parse_time (NOW_TEXT), 24);
  g_assert_cmpuint (summary->endpoints_failing, ==, 2);
  g_assert_cmpuint (summary->hosts_offline, ==, 1);

  alert = find_alert (summary, VIGIE_ALERT_UNREACHABLE, "down");
  g_assert_nonnull (alert);
  g_assert_true (alert->error);
  g_assert_cmpint (alert->place, ==, VIGIE_ALERT_PLACE_ENDPOINT);
  g_assert_cmpstr (alert->detail, ==, "Connection refused");
  alert = find_alert (summary, VIGIE_ALERT_CERTIFICATE_CHANGED, "moved");
  g_assert_nonnull (alert);
  g_assert_null (find_alert (summary, VIGIE_ALERT_UNREACHABLE, "moved"));
  alert = find_alert (summary, VIGIE_ALERT_HOST_OFFLINE, "esxi");
  g_assert_nonnull (alert);
  g_assert_cmpstr (alert->subject, ==, "esx1");
  g_assert_cmpstr (alert->title, ==, "Host esx1 of esxi is offline");
  alert = find_alert (summary, VIGIE_ALERT_JOB_FAILED, "pbs");
  g_assert_nonnull (alert);
  g_assert_cmpint (alert->place, ==, VIGIE_ALERT_PLACE_BACKUPS);
  g_assert_cmpstr (alert->subject, ==, "nightly");
  g_assert_cmpstr (alert->detail, ==, "datastore full");
  g_assert_cmpuint (count_alerts (summary, VIGIE_ALERT_JOB_FAILED), ==, 1);
  /* 95 % and the shared 99 % alert, once each; 89 % does not. */
  g_assert_cmpuint (count_alerts (summary, VIGIE_ALERT_STORAGE_FULL), ==, 2);
  alert = find_alert (summary, VIGIE_ALERT_STORAGE_FULL, "esxi");
  g_assert_cmpstr (alert->subject, ==, "nfs");
  g_assert_true (alert->error);
  g_assert_cmpstr (alert->title, ==, "Datastore nfs of esxi is 99 % full");
  /* Errors first, warnings last. */
  for (guint i = 1; i < summary->alerts->len; i++)
    g_assert_true (((VigieEstateAlert *) g_ptr_array_index (summary->alerts, i - 1))->error ||
                   !((VigieEstateAlert *) g_ptr_array_index (summary->alerts, i))->error);
  g_assert_false (((VigieEstateAlert *) g_ptr_array_index (summary->alerts,
                                                           summary->alerts->len - 1))->error);
}

static void
test_alert_key (void)
{
  VigieEstateAlert a = { .kind = VIGIE_ALERT_HOST_OFFLINE, .endpoint = "e", .subject = "h" };
  VigieEstateAlert b = { .kind = VIGIE_ALERT_HOST_OFFLINE, .endpoint = "e", .subject = NULL };
  g_autofree char *ka = vigie_estate_alert_key (&a);
  g_autofree char *kb = vigie_estate_alert_key (&b);

  g_assert_cmpstr (ka, !=, kb);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vigie/estate-summary/counts", test_counts);
  g_test_add_func ("/vigie/estate-summary/alerts", test_alerts);
  g_test_add_func ("/vigie/estate-summary/alert-key", test_alert_key);
  return g_test_run ();
}
