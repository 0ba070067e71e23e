/* test-coverage.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The correlation rules of the contract's "Backup correlation" section, on
 * inventories built by hand, with a fixed clock: which backup belongs to
 * which instance, and its status. The jobs, the diff and the report
 * writers are in test-coverage-report.c.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "coverage-fixture.h"

/* PBS group vm/100 ↔ the PVE storage pointing at that server and datastore;
 * the PVE view and the PBS view of one snapshot count once, as pbs:. */
static void
test_pbs_storage (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  gint64 now = test_now ();
  VigieInventory *pve = inv_new (invs, "pve1", VIGIE_KIND_PROXMOX, "https://pve1.lab:8006");
  VigieInventory *pbs = inv_new (invs, "pbs1", VIGIE_KIND_PBS, "https://PBS.lab.example:8007/");
  VigieCoverage *row;
  VigieBackupItem *item;

  add_instance (pve, "100", "web", VIGIE_INSTANCE_VM);
  add_instance (pve, "101", "db", VIGIE_INSTANCE_VM);
  add_instance (pve, "200", "dns", VIGIE_INSTANCE_CONTAINER);
  add_storage (pve, "local", "dir", NULL, NULL, NULL);
  add_storage (pve, "pbs-main", "pbs", "pbs.lab.example", "store1", NULL);

  item = add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - 2 * HOUR);
  item->verified = VIGIE_VERIFIED_OK;
  add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - 26 * HOUR);
  /* The same newest snapshot as PVE sees it through its pbs storage. */
  add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "pbs-main", "vm", "100", now - 2 * HOUR);
  /* ct/200 in PBS must not land on VM 200 types or VM 101. */
  add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "ct", "200", now - 30 * HOUR);
  /* A host backup is nobody's instance. */
  add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "host", "pve1", now - HOUR);
  /* Another datastore of that PBS: not this storage. */
  add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "other", "vm", "101", now - HOUR);

  coverage = vigie_coverage_compute (invs, now, 24);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (coverage)), ==, 3);

  row = find_row (coverage, "pve1", NULL, "100");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpuint (row->backup_count, ==, 2);
  g_assert_cmpstr (row->source, ==, "pbs:pbs1/store1");
  g_assert_cmpfloat_with_epsilon (row->age_hours, 2.0, 1e-9);
  g_assert_cmpint (row->verified, ==, VIGIE_VERIFIED_OK);
  g_assert_cmpint (row->last_backup, ==, now - 2 * HOUR);
  g_assert_false (row->ambiguous);
  g_assert_cmpuint (row->backups->len, ==, 2);

  row = find_row (coverage, "pve1", NULL, "101");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_UNPROTECTED);
  g_assert_cmpuint (row->backup_count, ==, 0);
  g_assert_null (row->source);
  g_assert_null (row->backups);
  g_assert_cmpfloat (row->age_hours, <, 0);

  row = find_row (coverage, "pve1", NULL, "200");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_STALE);
  g_assert_cmpstr (row->source, ==, "pbs:pbs1/store1");
}

/* A storage whose server names the port, or a short host name. */
static void
test_pbs_server_spelling (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  gint64 now = test_now ();
  VigieInventory *pve = inv_new (invs, "pve1", VIGIE_KIND_PROXMOX, "https://pve1:8006");
  VigieInventory *pbs = inv_new (invs, "pbs1", VIGIE_KIND_PBS, "https://10.0.0.5:8007");
  VigieInventory *pbs2 = inv_new (invs, "pbs2", VIGIE_KIND_PBS, "https://10.0.0.5:9007");

  add_instance (pve, "100", "web", VIGIE_INSTANCE_VM);
  add_storage (pve, "pbs-a", "pbs", "10.0.0.5", "store1", "")->pbs_port = 8007;
  add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - HOUR);
  /* Same host, other port: another PBS, and no storage points at it. */
  add_item (pbs2, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - 60);

  coverage = vigie_coverage_compute (invs, now, 24);
  g_assert_cmpint (find_row (coverage, "pve1", NULL, "100")->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpuint (find_row (coverage, "pve1", NULL, "100")->backup_count, ==, 1);
  g_assert_cmpfloat_with_epsilon (find_row (coverage, "pve1", NULL, "100")->age_hours, 1.0, 1e-9);
}

/* A storage configured by IP address, a PBS endpoint by name: the
 * certificate fingerprint ties them. A PVE view with only a volid (no
 * type, id or time) still dedupes against the PBS view. */
static void
test_pbs_fingerprint_and_volid (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  gint64 now = test_now ();
  VigieInventory *pve = inv_new (invs, "pve1", VIGIE_KIND_PROXMOX, "https://pve1:8006");
  VigieInventory *pbs = inv_new (invs, "pbs1", VIGIE_KIND_PBS, "https://backup.example.org:8007");
  VigieStorage *storage;
  VigieBackupItem *item;
  VigieCoverage *row;

  vigie_resource_set_extra (&pbs->extra, "fingerprint", "AB:CD:EF:01");
  add_instance (pve, "100", "web", VIGIE_INSTANCE_VM);
  storage = add_storage (pve, "pbs-ip", "pbs", "192.0.2.7", "store1", NULL);
  storage->pbs_fingerprint = g_strdup ("ab:cd:ef:01");
  add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - HOUR);
  item = add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "pbs-ip", "vm", "100", now - HOUR);
  g_clear_pointer (&item->target_type, g_free);
  item->time = 0;

  coverage = vigie_coverage_compute (invs, now, 24);
  row = find_row (coverage, "pve1", NULL, "100");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpuint (row->backup_count, ==, 1);
  g_assert_cmpstr (row->source, ==, "pbs:pbs1/store1");
}

/* The pinned fingerprint of the PBS endpoint serves when the backend
 * gave none. */
static void
test_note_fingerprints (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autofree char *dir = g_dir_make_tmp ("vigie-coverage-XXXXXX", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("pbs1", VIGIE_KIND_PBS,
                                                          "https://backup.example.org:8007");
  g_autoptr(GListStore) coverage = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = test_now ();
  VigieInventory *pve = inv_new (invs, "pve1", VIGIE_KIND_PROXMOX, "https://pve1:8006");
  VigieInventory *pbs = inv_new (invs, "pbs1", VIGIE_KIND_PBS, "https://backup.example.org:8007");

  vigie_endpoint_set_fingerprint (endpoint, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_assert_true (vigie_endpoint_store_add (store, endpoint, &error));
  g_assert_no_error (error);
  add_instance (pve, "100", "web", VIGIE_INSTANCE_VM);
  add_storage (pve, "pbs-ip", "pbs", "192.0.2.7", "store1", NULL)->pbs_fingerprint =
    g_strdup ("01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF");
  add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - HOUR);

  coverage = vigie_coverage_compute (invs, now, 24);
  g_assert_cmpint (find_row (coverage, "pve1", NULL, "100")->status, ==, VIGIE_BACKUP_UNPROTECTED);
  g_clear_object (&coverage);

  vigie_coverage_note_fingerprints (invs, store);
  coverage = vigie_coverage_compute (invs, now, 24);
  g_assert_cmpint (find_row (coverage, "pve1", NULL, "100")->status, ==, VIGIE_BACKUP_PROTECTED);
  g_rmdir (dir);
}

/* Two clusters, one PBS datastore, two namespaces, both with a VM 100. */
static void
test_two_clusters_namespaces (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  gint64 now = test_now ();
  VigieInventory *pve_a = inv_new (invs, "cluster-a", VIGIE_KIND_PROXMOX, "https://a:8006");
  VigieInventory *pve_b = inv_new (invs, "cluster-b", VIGIE_KIND_PROXMOX, "https://b:8006");
  VigieInventory *pbs = inv_new (invs, "pbs1", VIGIE_KIND_PBS, "https://pbs.lab:8007");
  VigieCoverage *a, *b;
  VigieBackupItem *item;

  add_instance (pve_a, "100", "web-a", VIGIE_INSTANCE_VM);
  add_instance (pve_b, "100", "web-b", VIGIE_INSTANCE_VM);
  add_storage (pve_a, "pbs", "pbs", "pbs.lab", "store1", "clusterA");
  add_storage (pve_b, "pbs", "pbs", "pbs.lab:8007", "store1", "clusterB");

  item = add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - HOUR);
  item->namespace_ = g_strdup ("clusterA");
  item = add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - 30 * HOUR);
  item->namespace_ = g_strdup ("clusterB");
  /* The root namespace belongs to neither. */
  add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - 60);
  /* Each cluster's own view of its snapshot, through its storage. */
  add_item (pve_a, VIGIE_BACKUP_SOURCE_VZDUMP, "pbs", "vm", "100", now - HOUR);
  add_item (pve_b, VIGIE_BACKUP_SOURCE_VZDUMP, "pbs", "vm", "100", now - 30 * HOUR);

  coverage = vigie_coverage_compute (invs, now, 24);
  a = find_row (coverage, "cluster-a", NULL, "100");
  b = find_row (coverage, "cluster-b", NULL, "100");
  g_assert_cmpint (a->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpstr (a->source, ==, "pbs:pbs1/store1/clusterA");
  g_assert_cmpuint (a->backup_count, ==, 1);
  g_assert_false (a->ambiguous);
  g_assert_cmpint (b->status, ==, VIGIE_BACKUP_STALE);
  g_assert_cmpstr (b->source, ==, "pbs:pbs1/store1/clusterB");
  g_assert_cmpuint (b->backup_count, ==, 1);
  g_assert_false (b->ambiguous);
}

/* Two clusters pointing at the same namespace with the same VMID: that
 * PBS group could be either's; say so rather than guess. */
static void
test_shared_namespace_ambiguous (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  gint64 now = test_now ();
  VigieInventory *pve_a = inv_new (invs, "cluster-a", VIGIE_KIND_PROXMOX, "https://a:8006");
  VigieInventory *pve_b = inv_new (invs, "cluster-b", VIGIE_KIND_PROXMOX, "https://b:8006");
  VigieInventory *pbs = inv_new (invs, "pbs1", VIGIE_KIND_PBS, "https://pbs.lab:8007");

  add_instance (pve_a, "100", "web-a", VIGIE_INSTANCE_VM);
  add_instance (pve_a, "101", "only-a", VIGIE_INSTANCE_VM);
  add_instance (pve_b, "100", "web-b", VIGIE_INSTANCE_VM);
  add_storage (pve_a, "pbs", "pbs", "pbs.lab", "store1", NULL);
  add_storage (pve_b, "pbs", "pbs", "pbs.lab", "store1", NULL);
  add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - HOUR);
  add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "101", now - HOUR);

  coverage = vigie_coverage_compute (invs, now, 24);
  g_assert_true (find_row (coverage, "cluster-a", NULL, "100")->ambiguous);
  g_assert_true (find_row (coverage, "cluster-b", NULL, "100")->ambiguous);
  g_assert_cmpint (find_row (coverage, "cluster-a", NULL, "100")->status, ==, VIGIE_BACKUP_UNPROTECTED);
  g_assert_cmpint (find_row (coverage, "cluster-b", NULL, "100")->status, ==, VIGIE_BACKUP_UNPROTECTED);
  /* Only one cluster has a 101: no doubt there. */
  g_assert_cmpint (find_row (coverage, "cluster-a", NULL, "101")->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_false (find_row (coverage, "cluster-a", NULL, "101")->ambiguous);
}

/* The PBS does not answer: what PVE sees in its pbs storage still counts,
 * with a vzdump: source since no connected PBS holds it. */
static void
test_pbs_endpoint_failed (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "timeout");
  gint64 now = test_now ();
  VigieInventory *pve = inv_new (invs, "pve1", VIGIE_KIND_PROXMOX, "https://pve1:8006");
  VigieInventory *pbs = inv_new (invs, "pbs1", VIGIE_KIND_PBS, "https://pbs.lab:8007");
  VigieCoverage *row;

  vigie_inventory_set_error (pbs, error);
  add_instance (pve, "100", "web", VIGIE_INSTANCE_VM);
  add_storage (pve, "pbs-main", "pbs", "pbs.lab", "store1", NULL);
  add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "pbs-main", "vm", "100", now - 3 * HOUR);

  coverage = vigie_coverage_compute (invs, now, 24);
  row = find_row (coverage, "pve1", NULL, "100");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpstr (row->source, ==, "vzdump:pve1/pbs-main");
  g_assert_cmpuint (row->backup_count, ==, 1);
}

/* Plain vzdump archives match their own endpoint only, by VMID. */
static void
test_vzdump_only (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  gint64 now = test_now ();
  VigieInventory *pve1 = inv_new (invs, "pve1", VIGIE_KIND_PROXMOX, "https://pve1:8006");
  VigieInventory *pve2 = inv_new (invs, "pve2", VIGIE_KIND_PROXMOX, "https://pve2:8006");
  VigieCoverage *row;

  add_instance (pve1, "100", "web", VIGIE_INSTANCE_VM);
  add_instance (pve1, "200", "dns", VIGIE_INSTANCE_CONTAINER);
  add_instance (pve2, "100", "other-web", VIGIE_INSTANCE_VM);
  add_storage (pve1, "local", "dir", NULL, NULL, NULL);
  add_item (pve1, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "qemu", "100", now - 5 * HOUR);
  add_item (pve1, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "qemu", "100", now - 29 * HOUR);
  add_item (pve1, VIGIE_BACKUP_SOURCE_VZDUMP, "nfs", "lxc", "200", now - 50 * HOUR);

  coverage = vigie_coverage_compute (invs, now, 24);
  row = find_row (coverage, "pve1", NULL, "100");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpstr (row->source, ==, "vzdump:pve1/local");
  g_assert_cmpuint (row->backup_count, ==, 2);
  row = find_row (coverage, "pve1", NULL, "200");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_STALE);
  g_assert_cmpstr (row->source, ==, "vzdump:pve1/nfs");
  row = find_row (coverage, "pve2", NULL, "100");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_UNPROTECTED);
}

/* A template never runs: without a backup it is not an unprotected guest
 * (issue 14); with one it is covered like any instance. */
static void
test_templates (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  gint64 now = test_now ();
  VigieInventory *pve = inv_new (invs, "pve", VIGIE_KIND_PROXMOX, "https://pve:8006");
  VigieCoverageSummary summary;

  add_instance (pve, "100", "web", VIGIE_INSTANCE_VM);
  add_instance (pve, "9000", "debian-template", VIGIE_INSTANCE_VM)->template = TRUE;
  add_instance (pve, "9001", "golden", VIGIE_INSTANCE_VM)->template = TRUE;
  add_storage (pve, "local", "dir", NULL, NULL, NULL);
  add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "qemu", "9001", now - 5 * HOUR);

  coverage = vigie_coverage_compute (invs, now, 24);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (coverage)), ==, 2);
  g_assert_cmpint (find_row (coverage, "pve", NULL, "100")->status, ==,
                   VIGIE_BACKUP_UNPROTECTED);
  g_assert_cmpint (find_row (coverage, "pve", NULL, "9001")->status, ==,
                   VIGIE_BACKUP_PROTECTED);
  vigie_coverage_summarize (G_LIST_MODEL (coverage), &summary);
  g_assert_cmpuint (summary.instances, ==, 2);
  g_assert_cmpuint (summary.unprotected, ==, 1);
  g_assert_cmpuint (summary.protected_, ==, 1);
}

static void
test_veeam_single_esxi (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  gint64 now = test_now ();
  VigieInventory *esx = inv_new (invs, "esx1", VIGIE_KIND_ESXI, "https://esx1.lab/sdk");
  VigieInventory *veeam = inv_new (invs, "veeam1", VIGIE_KIND_VEEAM, "https://veeam:9419");
  VigieBackupItem *item;
  VigieCoverage *row;

  add_vm (esx, "vm-1", "web", "4210aaaa-0000-0000-0000-000000000001", "esx1.lab");
  add_vm (esx, "vm-2", "db", NULL, "esx1.lab");
  add_vm (esx, "vm-3", "mail", NULL, "esx1.lab");
  /* By moref, even with a renamed VM. */
  add_veeam (veeam, "vm-1", NULL, "web-old-name", NULL, now - 4 * HOUR);
  /* By name only (no moref, no UUID), unique. */
  add_veeam (veeam, NULL, NULL, "db", NULL, now - 6 * HOUR);
  /* An agent backup of a physical machine called "mail" is not the VM. */
  item = add_veeam (veeam, NULL, NULL, "mail", NULL, now - HOUR);
  g_free (item->target_type);
  item->target_type = g_strdup ("host");

  coverage = vigie_coverage_compute (invs, now, 24);
  row = find_row (coverage, "esx1", NULL, "vm-1");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpstr (row->source, ==, "veeam:veeam1/Daily");
  row = find_row (coverage, "esx1", NULL, "vm-2");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpstr (row->source, ==, "veeam:veeam1/Daily");
  row = find_row (coverage, "esx1", NULL, "vm-3");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_UNPROTECTED);
}

/* A name that matches one VM, but the backup says its VM ran on another
 * host: same name, maybe another VM — reported, never guessed. */
static void
test_veeam_name_other_host (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  gint64 now = test_now ();
  VigieInventory *esx = inv_new (invs, "esx1", VIGIE_KIND_ESXI, "https://esx1.lab/sdk");
  VigieInventory *veeam = inv_new (invs, "veeam1", VIGIE_KIND_VEEAM, "https://veeam:9419");
  VigieCoverage *row;

  add_vm (esx, "7", "legacy-app", NULL, "esx1.lab");
  add_vm (esx, "8", "web", NULL, "esx1.lab");
  add_veeam (veeam, "vm-5", NULL, "legacy-app", "esx-other.lab", now - HOUR);
  /* The same name on the instance's own host is a match. */
  add_veeam (veeam, "vm-9", NULL, "web", "esx1.lab", now - HOUR);

  coverage = vigie_coverage_compute (invs, now, 24);
  row = find_row (coverage, "esx1", NULL, "7");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_UNPROTECTED);
  g_assert_true (row->ambiguous);
  g_assert_cmpint (row->backup_count, ==, 0);
  row = find_row (coverage, "esx1", NULL, "8");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_false (row->ambiguous);
}

/* Several ESXi endpoints: morefs repeat, so UUID first, then moref + host,
 * then a name only when unique; anything else is ambiguous. */
static void
test_veeam_several_esxi (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  gint64 now = test_now ();
  VigieInventory *esx1 = inv_new (invs, "esx1", VIGIE_KIND_ESXI, "https://esx1.lab/sdk");
  VigieInventory *esx2 = inv_new (invs, "esx2", VIGIE_KIND_ESXI, "https://vcenter2.lab/sdk");
  VigieInventory *veeam = inv_new (invs, "veeam1", VIGIE_KIND_VEEAM, "https://veeam:9419");
  VigieCoverage *row;

  add_vm (esx1, "vm-1", "web", "4210AAAA-0000-0000-0000-000000000001", "esx1.lab");
  add_vm (esx2, "vm-1", "web2", "4210bbbb-0000-0000-0000-000000000002", "esxi-b.lab");
  add_vm (esx1, "vm-2", "app", NULL, "esx1.lab");
  add_vm (esx2, "vm-7", "app", NULL, "esxi-b.lab");
  add_vm (esx1, "vm-3", "files", NULL, "esx1.lab");
  add_vm (esx2, "vm-3", "print", NULL, "esxi-b.lab");
  add_vm (esx2, "vm-4", "ldap", NULL, "esxi-b.lab");
  add_vm (esx1, "vm-5", "ci", NULL, "esx1.lab");
  add_vm (esx2, "vm-5", "ci-b", NULL, "esxi-b.lab");

  /* vm-1 exists in both; the UUID (other case, no dashes) says esx2. */
  add_veeam (veeam, "vm-1", "4210BBBB000000000000000000000002", "web2", NULL, now - HOUR);
  /* vm-3 in both; the host says esx1 (its VM's host). */
  add_veeam (veeam, "vm-3", NULL, "files", "esx1.lab", now - 2 * HOUR);
  /* "app" is a name in both endpoints: a clash, never guessed. */
  add_veeam (veeam, NULL, NULL, "app", NULL, now - HOUR);
  /* A unique name. */
  add_veeam (veeam, NULL, NULL, "ldap", NULL, now - 3 * HOUR);
  /* vm-5 in both, nothing else to tell them apart. */
  add_veeam (veeam, "vm-5", NULL, NULL, NULL, now - HOUR);

  coverage = vigie_coverage_compute (invs, now, 24);

  row = find_row (coverage, "esx2", NULL, "vm-1");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_false (row->ambiguous);
  row = find_row (coverage, "esx1", NULL, "vm-1");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_UNPROTECTED);
  g_assert_false (row->ambiguous);

  g_assert_cmpint (find_row (coverage, "esx1", NULL, "vm-3")->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpint (find_row (coverage, "esx2", NULL, "vm-3")->status, ==, VIGIE_BACKUP_UNPROTECTED);

  row = find_row (coverage, "esx1", NULL, "vm-2");
  g_assert_true (row->ambiguous);
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_UNPROTECTED);
  g_assert_cmpuint (row->backup_count, ==, 0);
  row = find_row (coverage, "esx2", NULL, "vm-7");
  g_assert_true (row->ambiguous);
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_UNPROTECTED);

  g_assert_cmpint (find_row (coverage, "esx2", NULL, "vm-4")->status, ==, VIGIE_BACKUP_PROTECTED);

  g_assert_true (find_row (coverage, "esx1", NULL, "vm-5")->ambiguous);
  g_assert_true (find_row (coverage, "esx2", NULL, "vm-5")->ambiguous);
  g_assert_cmpint (find_row (coverage, "esx1", NULL, "vm-5")->status, ==, VIGIE_BACKUP_UNPROTECTED);
}

static void
test_incus_project (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  gint64 now = test_now ();
  VigieInventory *incus = inv_new (invs, "incus1", VIGIE_KIND_INCUS, "https://incus:8443");
  VigieInventory *incus2 = inv_new (invs, "incus2", VIGIE_KIND_INCUS, "https://incus2:8443");
  VigieBackupItem *item;
  VigieCoverage *row;

  add_instance (incus, "web", "web", VIGIE_INSTANCE_CONTAINER)->project = g_strdup ("default");
  add_instance (incus, "web", "web", VIGIE_INSTANCE_CONTAINER)->project = g_strdup ("dev");
  add_instance (incus2, "web", "web", VIGIE_INSTANCE_CONTAINER)->project = g_strdup ("dev");
  item = add_item (incus, VIGIE_BACKUP_SOURCE_INCUS, NULL, "container", "web", now - HOUR);
  item->target_project = g_strdup ("dev");
  item->target_name = g_strdup ("web");

  coverage = vigie_coverage_compute (invs, now, 24);
  row = find_row (coverage, "incus1", "dev", "web");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpstr (row->source, ==, "incus:incus1");
  g_assert_cmpint (find_row (coverage, "incus1", "default", "web")->status, ==,
                   VIGIE_BACKUP_UNPROTECTED);
  g_assert_cmpint (find_row (coverage, "incus2", "dev", "web")->status, ==,
                   VIGIE_BACKUP_UNPROTECTED);
}

/* Protected when age <= RPO, to the second. */
static void
test_rpo_boundary (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  gint64 now = test_now ();
  VigieInventory *pve = inv_new (invs, "pve1", VIGIE_KIND_PROXMOX, "https://pve1:8006");

  add_instance (pve, "100", "at-rpo", VIGIE_INSTANCE_VM);
  add_instance (pve, "101", "past-rpo", VIGIE_INSTANCE_VM);
  add_instance (pve, "102", "future", VIGIE_INSTANCE_VM);
  add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "vm", "100", now - 24 * HOUR);
  add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "vm", "101", now - 24 * HOUR - 1);
  /* A clock skewed server: no negative age. */
  add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "vm", "102", now + 60);

  coverage = vigie_coverage_compute (invs, now, 24);
  g_assert_cmpint (find_row (coverage, "pve1", NULL, "100")->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpfloat_with_epsilon (find_row (coverage, "pve1", NULL, "100")->age_hours, 24.0, 1e-9);
  g_assert_cmpint (find_row (coverage, "pve1", NULL, "101")->status, ==, VIGIE_BACKUP_STALE);
  g_assert_cmpint (find_row (coverage, "pve1", NULL, "102")->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpfloat (find_row (coverage, "pve1", NULL, "102")->age_hours, ==, 0);
  g_clear_object (&coverage);

  /* A larger RPO makes the stale one protected; fractional hours work. */
  coverage = vigie_coverage_compute (invs, now, 24.5);
  g_assert_cmpint (find_row (coverage, "pve1", NULL, "101")->status, ==, VIGIE_BACKUP_PROTECTED);
}

static void
test_failures (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  g_autoptr(VigieJob) job = vigie_job_new ();
  gint64 now = test_now ();
  VigieInventory *pve = inv_new (invs, "pve1", VIGIE_KIND_PROXMOX, "https://pve1:8006");
  VigieInventory *pbs = inv_new (invs, "pbs1", VIGIE_KIND_PBS, "https://pbs:8007");
  VigieInventory *esx = inv_new (invs, "esx1", VIGIE_KIND_ESXI, "https://esx1/sdk");
  VigieInventory *veeam = inv_new (invs, "veeam1", VIGIE_KIND_VEEAM, "https://veeam:9419");
  VigieBackupItem *item;
  VigieCoverage *row;

  add_storage (pve, "pbs", "pbs", "pbs", "store1", NULL);
  add_instance (pve, "100", "verify-failed", VIGIE_INSTANCE_VM);
  add_instance (pve, "101", "older-verify-failed", VIGIE_INSTANCE_VM);
  add_instance (pve, "102", "attempt-after", VIGIE_INSTANCE_VM);
  add_instance (pve, "103", "attempt-before", VIGIE_INSTANCE_VM);
  add_instance (pve, "104", "never-succeeded", VIGIE_INSTANCE_VM);
  add_vm (esx, "vm-1", "job-failed", NULL, NULL);

  item = add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - HOUR);
  item->verified = VIGIE_VERIFIED_FAILED;
  /* PVE's view of it knows nothing of the verification: PBS's word wins. */
  add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "pbs", "vm", "100", now - HOUR);

  item = add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "101", now - 30 * HOUR);
  item->verified = VIGIE_VERIFIED_FAILED;
  item = add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "101", now - 2 * HOUR);
  item->verified = VIGIE_VERIFIED_OK;

  add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "vm", "102", now - 20 * HOUR);
  item = add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "vm", "102", now - 2 * HOUR);
  item->failed = TRUE;
  g_clear_pointer (&item->volid, g_free);

  item = add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "vm", "103", now - 20 * HOUR);
  item->failed = TRUE;
  add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "vm", "103", now - 2 * HOUR);

  item = add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "vm", "104", now - 2 * HOUR);
  item->failed = TRUE;

  /* The Veeam job of vm-1's newest restore point failed after it. */
  add_veeam (veeam, "vm-1", NULL, "job-failed", NULL, now - 20 * HOUR);
  job->name = g_strdup ("Daily");
  job->id = g_strdup ("1111-2222");
  job->kind = g_strdup ("backup");
  job->last_result = VIGIE_JOB_FAILED;
  job->last_run = now - 3 * HOUR;
  vigie_inventory_add_job (veeam, job);

  coverage = vigie_coverage_compute (invs, now, 24);

  row = find_row (coverage, "pve1", NULL, "100");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_FAILED);
  g_assert_cmpint (row->verified, ==, VIGIE_VERIFIED_FAILED);
  g_assert_cmpuint (row->backup_count, ==, 1);
  row = find_row (coverage, "pve1", NULL, "101");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_cmpint (row->verified, ==, VIGIE_VERIFIED_OK);
  row = find_row (coverage, "pve1", NULL, "102");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_FAILED);
  g_assert_cmpuint (row->backup_count, ==, 1);
  g_assert_cmpint (row->last_backup, ==, now - 20 * HOUR);
  /* Failed attempts show in the details, newest first. */
  g_assert_cmpuint (row->backups->len, ==, 2);
  item = g_ptr_array_index (row->backups, 0);
  g_assert_true (item->failed);
  row = find_row (coverage, "pve1", NULL, "103");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  row = find_row (coverage, "pve1", NULL, "104");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_FAILED);
  g_assert_cmpuint (row->backup_count, ==, 0);
  g_assert_null (row->source);
  row = find_row (coverage, "esx1", NULL, "vm-1");
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_FAILED);
}

/* A hypervisor that did not answer lists no instance; it is reported in the
 * endpoints, and its PBS backups are not handed to anyone else. */
static void
test_failed_endpoint (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  g_autoptr(GListStore) jobs = NULL;
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                                 "Connection refused");
  g_autoptr(JsonNode) root = NULL;
  gint64 now = test_now ();
  VigieInventory *down = inv_new (invs, "pve-down", VIGIE_KIND_PROXMOX, "https://down:8006");
  VigieInventory *pve = inv_new (invs, "pve1", VIGIE_KIND_PROXMOX, "https://pve1:8006");
  VigieInventory *pbs = inv_new (invs, "pbs1", VIGIE_KIND_PBS, "https://pbs:8007");
  JsonObject *obj, *endpoint;
  JsonArray *endpoints;

  vigie_inventory_set_error (down, error);
  add_instance (pve, "100", "web", VIGIE_INSTANCE_VM);
  add_storage (pve, "pbs", "pbs", "pbs", "store1", "pve1");
  /* vm/100 of the failed cluster's namespace. */
  add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", "100", now - HOUR)->namespace_ =
    g_strdup ("pve-down");

  coverage = vigie_coverage_compute (invs, now, 24);
  jobs = vigie_coverage_collect_jobs (invs);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (coverage)), ==, 1);
  g_assert_cmpint (find_row (coverage, "pve1", NULL, "100")->status, ==, VIGIE_BACKUP_UNPROTECTED);

  root = vigie_report_backups_json (invs, G_LIST_MODEL (coverage), G_LIST_MODEL (jobs), 24, now);
  obj = json_node_get_object (root);
  endpoints = json_object_get_array_member (obj, "endpoints");
  g_assert_cmpuint (json_array_get_length (endpoints), ==, 3);
  endpoint = json_array_get_object_element (endpoints, 0);
  g_assert_cmpstr (json_object_get_string_member (endpoint, "name"), ==, "pve-down");
  g_assert_cmpstr (json_object_get_string_member (endpoint, "status"), ==, "unreachable");
  g_assert_cmpstr (json_object_get_string_member (endpoint, "error"), ==, "Connection refused");
  endpoint = json_array_get_object_element (endpoints, 1);
  g_assert_cmpstr (json_object_get_string_member (endpoint, "status"), ==, "ok");
  g_assert_true (json_object_get_null_member (endpoint, "error"));
}

/* Thousands of instances and backups: every one matched, quickly (the
 * engine indexes identities instead of scanning every instance per item). */
static void
test_scale (void)
{
  g_autoptr(GPtrArray) invs = inventories_new ();
  g_autoptr(GListStore) coverage = NULL;
  VigieCoverageSummary summary;
  gint64 now = test_now ();
  gint64 start;
  VigieInventory *pve = inv_new (invs, "pve1", VIGIE_KIND_PROXMOX, "https://pve1:8006");
  VigieInventory *pbs = inv_new (invs, "pbs1", VIGIE_KIND_PBS, "https://pbs:8007");
  VigieInventory *esx = inv_new (invs, "esx1", VIGIE_KIND_ESXI, "https://esx1/sdk");
  VigieInventory *esx2 = inv_new (invs, "esx2", VIGIE_KIND_ESXI, "https://esx2/sdk");
  VigieInventory *veeam = inv_new (invs, "veeam1", VIGIE_KIND_VEEAM, "https://veeam:9419");
  const guint n = 4000;

  add_storage (pve, "pbs", "pbs", "pbs", "store1", NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *vmid = g_strdup_printf ("%u", 100 + i);
      g_autofree char *moref = g_strdup_printf ("vm-%u", i);
      g_autofree char *name = g_strdup_printf ("guest-%u", i);
      g_autofree char *uuid = g_strdup_printf ("4210%04x-0000-0000-0000-%012x", i, i);

      add_instance (pve, vmid, name, VIGIE_INSTANCE_VM);
      for (guint k = 0; k < 3; k++)
        {
          add_item (pbs, VIGIE_BACKUP_SOURCE_PBS, "store1", "vm", vmid, now - (1 + 24 * k) * HOUR);
          add_item (pve, VIGIE_BACKUP_SOURCE_VZDUMP, "pbs", "vm", vmid, now - (1 + 24 * k) * HOUR);
        }
      add_vm (esx, moref, name, uuid, NULL);
      add_vm (esx2, moref, name, NULL, NULL);
      add_veeam (veeam, moref, uuid, name, NULL, now - 2 * HOUR);
    }

  start = g_get_monotonic_time ();
  coverage = vigie_coverage_compute (invs, now, 24);
  g_test_message ("%u instances, %u backup items: %.0f ms", 3 * n, 7 * n,
                  (g_get_monotonic_time () - start) / 1000.0);
  vigie_coverage_summarize (G_LIST_MODEL (coverage), &summary);
  g_assert_cmpuint (summary.instances, ==, 3 * n);
  g_assert_cmpuint (summary.protected_, ==, 2 * n);
  g_assert_cmpuint (summary.unprotected, ==, n);
  g_assert_cmpuint (find_row (coverage, "pve1", NULL, "100")->backup_count, ==, 3);
  g_assert_cmpstr (find_row (coverage, "esx1", NULL, "vm-7")->source, ==, "veeam:veeam1/Daily");
  g_assert_false (find_row (coverage, "esx2", NULL, "vm-7")->ambiguous);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/coverage/pbs-storage", test_pbs_storage);
  g_test_add_func ("/vigie/coverage/pbs-server-spelling", test_pbs_server_spelling);
  g_test_add_func ("/vigie/coverage/pbs-fingerprint-and-volid", test_pbs_fingerprint_and_volid);
  g_test_add_func ("/vigie/coverage/note-fingerprints", test_note_fingerprints);
  g_test_add_func ("/vigie/coverage/two-clusters-namespaces", test_two_clusters_namespaces);
  g_test_add_func ("/vigie/coverage/shared-namespace-ambiguous", test_shared_namespace_ambiguous);
  g_test_add_func ("/vigie/coverage/pbs-endpoint-failed", test_pbs_endpoint_failed);
  g_test_add_func ("/vigie/coverage/vzdump-only", test_vzdump_only);
  g_test_add_func ("/vigie/coverage/templates", test_templates);
  g_test_add_func ("/vigie/coverage/veeam-single-esxi", test_veeam_single_esxi);
  g_test_add_func ("/vigie/coverage/veeam-several-esxi", test_veeam_several_esxi);
  g_test_add_func ("/vigie/coverage/veeam-name-other-host", test_veeam_name_other_host);
  g_test_add_func ("/vigie/coverage/incus-project", test_incus_project);
  g_test_add_func ("/vigie/coverage/rpo-boundary", test_rpo_boundary);
  g_test_add_func ("/vigie/coverage/failures", test_failures);
  g_test_add_func ("/vigie/coverage/failed-endpoint", test_failed_endpoint);
  g_test_add_func ("/vigie/coverage/scale", test_scale);

  return g_test_run ();
}
