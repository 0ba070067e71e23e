/* test-migrate.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Migration readiness (docs/migrate.md): each rule on fixture VMs, each
 * reason with its source, unknown inputs said unknown, the Veeam path.
 */

#include "config.h"

#include <string.h>

#include "vigie-migrate.h"

/* 2026-12-06T12:00:00Z */
#define NOW 1796558400

typedef struct {
  GPtrArray      *inventories;
  VigieInventory *esxi;
  VigieInventory *pve;
  VigieInventory *veeam;
  GListStore     *checks;
} Fixture;

static VigieInstance *
add_vm (VigieInventory *inv,
        const char     *id,
        const char     *name,
        const char     *os,
        ...)
{
  g_autoptr(VigieInstance) vm = vigie_instance_new ();
  va_list args;
  const char *key;

  vm->id = g_strdup (id);
  vm->name = g_strdup (name);
  vm->type = VIGIE_INSTANCE_VM;
  vm->os = g_strdup (os);
  vm->snapshots = 0;
  vm->disk_bytes = 10 * G_GINT64_CONSTANT (1073741824);
  vm->uuid = g_strdup_printf ("4210-%s", id);
  va_start (args, os);
  while ((key = va_arg (args, const char *)) != NULL)
    vigie_resource_set_extra (&vm->extra, key, va_arg (args, const char *));
  va_end (args);
  vigie_inventory_add_instance (inv, vm);
  return vm;
}

static void
add_datastore (VigieInventory *inv,
               const char     *moref,
               const char     *name,
               const char     *type)
{
  g_autoptr(VigieStorage) storage = vigie_storage_new ();

  storage->name = g_strdup (name);
  storage->type = g_strdup (type);
  vigie_resource_set_extra (&storage->extra, "moref", moref);
  vigie_inventory_add_storage (inv, storage);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(VigieBackupItem) item = vigie_backup_item_new (VIGIE_BACKUP_SOURCE_VEEAM);
  g_autoptr(GListStore) coverage = NULL;
  VigieInstance *vm;

  f->inventories = g_ptr_array_new_with_free_func (g_object_unref);
  f->esxi = vigie_inventory_new ("esx", VIGIE_KIND_ESXI, "https://esx.example/sdk");
  f->pve = vigie_inventory_new ("pve", VIGIE_KIND_PROXMOX, "https://pve.example:8006");
  f->veeam = vigie_inventory_new ("vbr", VIGIE_KIND_VEEAM, "https://vbr.example:9419");
  g_ptr_array_add (f->inventories, f->esxi);
  g_ptr_array_add (f->inventories, f->pve);
  g_ptr_array_add (f->inventories, f->veeam);

  add_datastore (f->esxi, "datastore-1", "vmfs-01", "VMFS");
  add_datastore (f->esxi, "datastore-2", "vsanDatastore", "vsan");

  vm = add_vm (f->esxi, "vm-1", "win-uefi", "Microsoft Windows Server 2022 (64-bit)",
               "firmware", "efi", "secure_boot", "true", "controllers", "pvscsi",
               "passthrough", "0", "datastores", "datastore-1", "cbt", "true",
               "tools", "guestToolsRunning", "provisioned_bytes", "64424509440", NULL);
  vm->snapshots = 3;
  add_vm (f->esxi, "vm-2", "on-vsan", "Ubuntu Linux (64-bit)", "firmware", "bios",
          "controllers", "lsilogic", "passthrough", "0", "datastores", "datastore-1,datastore-2",
          "cbt", "true", NULL);
  add_vm (f->esxi, "vm-3", "linux-bios", "Debian GNU/Linux 12 (64-bit)", "firmware", "bios",
          "controllers", "lsilogic", "passthrough", "0", "datastores", "datastore-1",
          "cbt", "true", NULL);
  vm = add_vm (f->esxi, "vm-4", "tmpl", "Debian GNU/Linux 12 (64-bit)", "firmware", "bios",
               "controllers", "lsilogic", "passthrough", "0", "datastores", "datastore-1",
               "cbt", "true", NULL);
  vm->template = TRUE;
  add_vm (f->esxi, "vm-5", "gpu", "Ubuntu Linux (64-bit)", "firmware", "bios",
          "controllers", "lsilogic", "passthrough", "1", "datastores", "datastore-1",
          "cbt", "false", NULL);
  /* Nothing known beyond its name: every input stays unknown. */
  vm = add_vm (f->esxi, "vm-6", "bare", NULL, NULL);
  vm->snapshots = VIGIE_UNSET;
  vm->disk_bytes = VIGIE_UNSET;

  vm = add_vm (f->pve, "101", "ct-dns", "debian", NULL);
  vm->type = VIGIE_INSTANCE_CONTAINER;
  add_vm (f->pve, "102", "pve-gpu", "l26", "firmware", "efi", "secure_boot", "false",
          "controllers", "virtio-scsi-single", "passthrough", "2", NULL);

  /* Veeam protects linux-bios (matched by its UUID). */
  item->target_type = g_strdup ("vm");
  item->target_id = g_strdup ("vm-3");
  item->target_uuid = g_strdup ("4210-vm-3");
  item->target_name = g_strdup ("linux-bios");
  item->location = g_strdup ("Daily");
  item->time = NOW - 3600;
  vigie_inventory_add_backup (f->veeam, item);

  coverage = vigie_coverage_compute (f->inventories, NOW, 24);
  f->checks = vigie_migrate_check_all (f->inventories, G_LIST_MODEL (coverage),
                                       vigie_knowledge_get_default (), VIGIE_MIGRATE_TO_ALL,
                                       "en");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->checks);
  g_clear_pointer (&f->inventories, g_ptr_array_unref);
}

static VigieMigrateCheck *
find (Fixture            *f,
      const char         *name,
      VigieMigrateTarget  target)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->checks));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMigrateCheck) check = g_list_model_get_item (G_LIST_MODEL (f->checks), i);

      if (g_strcmp0 (check->name, name) == 0 && check->target == target)
        return check;  /* the store keeps it alive */
    }
  g_assert_not_reached ();
  return NULL;
}

static VigieMigrateReason *
reason (VigieMigrateCheck *check,
        const char        *rule)
{
  for (guint i = 0; i < check->reasons->len; i++)
    {
      VigieMigrateReason *r = g_ptr_array_index (check->reasons, i);

      if (g_str_equal (r->rule, rule))
        return r;
    }
  return NULL;
}

/* The reason is there, at this level, with a source and the date it was read. */
static VigieMigrateReason *
assert_reason (VigieMigrateCheck *check,
               const char        *rule,
               VigieReasonLevel   level,
               const char        *source_part)
{
  VigieMigrateReason *r = reason (check, rule);

  if (r == NULL)
    g_error ("%s → %s: no reason %s", check->name,
             vigie_migrate_target_to_string (check->target), rule);
  g_assert_cmpint (r->level, ==, level);
  g_assert_nonnull (r->text);
  g_assert_cmpuint (strlen (r->text), >, 20);
  g_assert_true (g_str_has_prefix (r->source, "https://"));
  if (source_part != NULL)
    g_assert_nonnull (strstr (r->source, source_part));
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", r->checked, 0, 0));
  return r;
}

static void
test_targets (Fixture       *f,
              gconstpointer  data)
{
  /* 6 ESXi VMs × 2 targets, 2 Proxmox VE guests × Incus, nothing from Veeam. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->checks)), ==, 14);
}

static void
test_windows_uefi_pvscsi_snapshots (Fixture       *f,
                                    gconstpointer  data)
{
  VigieMigrateCheck *pve = find (f, "win-uefi", VIGIE_MIGRATE_TO_PROXMOX);
  VigieMigrateCheck *incus = find (f, "win-uefi", VIGIE_MIGRATE_TO_INCUS);
  VigieMigrateReason *r;

  g_assert_cmpint (pve->verdict, ==, VIGIE_READINESS_NEEDS_WORK);
  assert_reason (pve, "windows-virtio", VIGIE_REASON_NEEDS_WORK, "Windows_VirtIO_Drivers");
  r = assert_reason (pve, "snapshots", VIGIE_REASON_NEEDS_WORK, NULL);
  g_assert_cmpstr (r->detail, ==, "3");
  r = assert_reason (pve, "controller", VIGIE_REASON_NOTE, "qm.adoc");
  g_assert_cmpstr (r->detail, ==, "pvscsi");
  assert_reason (pve, "firmware-efi", VIGIE_REASON_NOTE, "qm.adoc");
  assert_reason (pve, "secure-boot", VIGIE_REASON_NEEDS_WORK, "qm.adoc");
  assert_reason (pve, "vmware-tools", VIGIE_REASON_NOTE, "Migrate_to_Proxmox_VE");
  g_assert_null (reason (pve, "cbt"));          /* CBT is on */
  g_assert_null (reason (pve, "vsan"));
  g_assert_null (reason (pve, "passthrough"));
  /* Provisioned, not committed. */
  g_assert_cmpint (pve->data_bytes, ==, G_GINT64_CONSTANT (64424509440));
  g_assert_null (pve->backup_path);

  g_assert_cmpint (incus->verdict, ==, VIGIE_READINESS_NEEDS_WORK);
  assert_reason (incus, "windows-virtio-incus", VIGIE_REASON_NEEDS_WORK,
                 "import_machines_to_instances");
  assert_reason (incus, "controller-incus", VIGIE_REASON_NOTE, NULL);
  assert_reason (incus, "disk-image-incus", VIGIE_REASON_NOTE, NULL);
  g_assert_null (reason (incus, "firmware-bios-incus"));  /* UEFI suits Incus */

  /* Blocking and needs-work reasons come before the notes. */
  g_assert_cmpint (((VigieMigrateReason *) g_ptr_array_index (pve->reasons, 0))->level, ==,
                   VIGIE_REASON_NEEDS_WORK);
}

static void
test_vsan (Fixture       *f,
           gconstpointer  data)
{
  VigieMigrateCheck *pve = find (f, "on-vsan", VIGIE_MIGRATE_TO_PROXMOX);
  VigieMigrateReason *r;

  g_assert_cmpint (pve->verdict, ==, VIGIE_READINESS_NEEDS_WORK);
  r = assert_reason (pve, "vsan", VIGIE_REASON_NEEDS_WORK, "qm.adoc");
  g_assert_cmpstr (r->detail, ==, "vsanDatastore");
  /* The Incus path exports the disks anyway: no vSAN rule there. */
  g_assert_null (reason (find (f, "on-vsan", VIGIE_MIGRATE_TO_INCUS), "vsan"));
}

static void
test_linux_bios_ready (Fixture       *f,
                       gconstpointer  data)
{
  VigieMigrateCheck *pve = find (f, "linux-bios", VIGIE_MIGRATE_TO_PROXMOX);
  VigieMigrateCheck *incus = find (f, "linux-bios", VIGIE_MIGRATE_TO_INCUS);

  g_assert_cmpint (pve->verdict, ==, VIGIE_READINESS_READY);
  for (guint i = 0; i < pve->reasons->len; i++)
    g_assert_cmpint (((VigieMigrateReason *) g_ptr_array_index (pve->reasons, i))->level, ==,
                     VIGIE_REASON_NOTE);
  g_assert_cmpint (pve->data_bytes, ==, 10 * G_GINT64_CONSTANT (1073741824));
  /* Veeam protects it: a restore into Proxmox VE is a path. */
  g_assert_cmpstr (pve->backup_path, ==, "veeam");
  assert_reason (pve, "veeam-restore", VIGIE_REASON_NOTE, "veeam");
  g_assert_null (incus->backup_path);

  /* Incus boots VMs with UEFI: a BIOS guest needs CSM. */
  g_assert_cmpint (incus->verdict, ==, VIGIE_READINESS_NEEDS_WORK);
  assert_reason (incus, "firmware-bios-incus", VIGIE_REASON_NEEDS_WORK, "instance_options");
}

static void
test_template (Fixture       *f,
               gconstpointer  data)
{
  VigieMigrateCheck *pve = find (f, "tmpl", VIGIE_MIGRATE_TO_PROXMOX);

  g_assert_cmpint (pve->verdict, ==, VIGIE_READINESS_NEEDS_WORK);
  assert_reason (pve, "template", VIGIE_REASON_NEEDS_WORK, NULL);
  assert_reason (find (f, "tmpl", VIGIE_MIGRATE_TO_INCUS), "template",
                 VIGIE_REASON_NEEDS_WORK, NULL);
}

static void
test_passthrough (Fixture       *f,
                  gconstpointer  data)
{
  VigieMigrateCheck *pve = find (f, "gpu", VIGIE_MIGRATE_TO_PROXMOX);
  VigieMigrateCheck *incus = find (f, "gpu", VIGIE_MIGRATE_TO_INCUS);
  VigieMigrateCheck *from_pve = find (f, "pve-gpu", VIGIE_MIGRATE_TO_INCUS);

  g_assert_cmpint (pve->verdict, ==, VIGIE_READINESS_BLOCKED);
  assert_reason (pve, "passthrough", VIGIE_REASON_BLOCKS, "passthrough");
  g_assert_cmpint (incus->verdict, ==, VIGIE_READINESS_BLOCKED);
  /* CBT off: a note on the Proxmox VE path. */
  assert_reason (pve, "cbt", VIGIE_REASON_NOTE, "migration-planner");
  g_assert_null (reason (incus, "cbt"));

  g_assert_cmpint (from_pve->verdict, ==, VIGIE_READINESS_BLOCKED);
  g_assert_cmpstr (assert_reason (from_pve, "passthrough", VIGIE_REASON_BLOCKS, NULL)->detail,
                   ==, "2");
}

static void
test_container (Fixture       *f,
                gconstpointer  data)
{
  VigieMigrateCheck *ct = find (f, "ct-dns", VIGIE_MIGRATE_TO_INCUS);

  g_assert_cmpint (ct->verdict, ==, VIGIE_READINESS_NEEDS_WORK);
  g_assert_cmpint (ct->type, ==, VIGIE_INSTANCE_CONTAINER);
  assert_reason (ct, "lxc-container", VIGIE_REASON_NEEDS_WORK, "import_machines_to_instances");
}

static void
test_unknown_stays_unknown (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const pve_rules[] = {
    "passthrough", "snapshots", "firmware-efi", "vsan", "windows-virtio", "controller", NULL
  };
  VigieMigrateCheck *pve = find (f, "bare", VIGIE_MIGRATE_TO_PROXMOX);

  for (guint i = 0; pve_rules[i] != NULL; i++)
    {
      VigieMigrateReason *r = assert_reason (pve, pve_rules[i], VIGIE_REASON_UNKNOWN, NULL);

      g_assert_nonnull (strstr (r->text, "not known"));
    }
  /* Nothing invented: no verdict-changing reason, no size. */
  g_assert_cmpint (pve->verdict, ==, VIGIE_READINESS_READY);
  g_assert_cmpint (pve->data_bytes, ==, VIGIE_UNSET);
  assert_reason (find (f, "bare", VIGIE_MIGRATE_TO_INCUS), "firmware-bios-incus",
                 VIGIE_REASON_UNKNOWN, NULL);
}

static void
test_writers (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *json = vigie_migrate_to_json (G_LIST_MODEL (f->checks), f->inventories, NOW);
  g_autofree char *csv = vigie_migrate_to_csv (G_LIST_MODEL (f->checks));
  g_autoptr(VigieReportDoc) doc = vigie_report_doc_new ("t", "en");
  g_autofree char *markdown = NULL;

  g_assert_nonnull (strstr (json, "\"schema\" : \"vigie.migrate-check/1\""));
  g_assert_nonnull (strstr (json, "\"verdict\" : \"blocked\""));
  g_assert_true (g_str_has_prefix (csv, "endpoint,kind,id,name,to,verdict,data_bytes,"));
  vigie_migrate_add_to_doc (G_LIST_MODEL (f->checks), doc);
  markdown = vigie_report_doc_to_markdown (doc);
  g_assert_nonnull (strstr (markdown, "Migration readiness"));
  g_assert_nonnull (strstr (markdown, "https://github.com/proxmox/pve-docs/blob/HEAD/qm.adoc"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/vigie/migrate/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("targets", test_targets);
  ADD ("windows-uefi-pvscsi-snapshots", test_windows_uefi_pvscsi_snapshots);
  ADD ("vsan", test_vsan);
  ADD ("linux-bios-ready", test_linux_bios_ready);
  ADD ("template", test_template);
  ADD ("passthrough", test_passthrough);
  ADD ("container", test_container);
  ADD ("unknown-stays-unknown", test_unknown_stays_unknown);
  ADD ("writers", test_writers);
#undef ADD

  return g_test_run ();
}
