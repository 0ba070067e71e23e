/* vigie-lab-esxi-model.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo ESXi host's inventory and how each vim25 property of it is
 * written. Shares nothing with the ESXi backend.
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <string.h>

#include "vigie-lab-esxi-private.h"

#define HOST_MOREF "ha-host"
#define GIB        (G_GINT64_CONSTANT (1024) * 1024 * 1024)

void
vigie_lab_esxi_snapshot_free (LabSnapshot *snapshot)
{
  g_free (snapshot->name);
  g_free (snapshot->description);
  g_ptr_array_unref (snapshot->children);
  g_free (snapshot);
}

void
vigie_lab_esxi_vm_free (LabVm *vm)
{
  g_free (vm->moref);
  g_free (vm->name);
  g_free (vm->power);
  g_free (vm->guest);
  g_free (vm->ip);
  g_free (vm->uuid);
  g_free (vm->instance_uuid);
  g_ptr_array_unref (vm->snapshots);
  g_free (vm);
}

void
vigie_lab_esxi_task_free (LabTask *task)
{
  g_free (task->state);
  g_free (task->error);
  g_free (task->result_type);
  g_free (task->result);
  g_free (task);
}

/* demo data */

LabSnapshot *
vigie_lab_esxi_snapshot_new (LabEsxi     *lab,
                             const char  *name,
                             const char  *description,
                             gint64       created)
{
  LabSnapshot *snapshot = g_new0 (LabSnapshot, 1);

  snapshot->id = ++lab->next_snapshot;
  snapshot->name = g_strdup (name);
  snapshot->description = g_strdup (description);
  snapshot->created = created;
  snapshot->children =
    g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_lab_esxi_snapshot_free);
  return snapshot;
}

/* A snapshot taken days before the lab's "now". */
static LabSnapshot *
snap (LabEsxi    *lab,
      const char *name,
      const char *description,
      int         days)
{
  return vigie_lab_esxi_snapshot_new (lab, name, description, lab->now - days * 24 * 3600);
}

static LabVm *
vm_add (LabEsxi    *lab,
        const char *name,
        const char *power,
        const char *guest,
        int         cpus,
        int         memory_mb,
        int         disk_gib,
        gboolean    tools)
{
  LabVm *vm = g_new0 (LabVm, 1);
  guint n = lab->vms->len + 1;

  /* Standalone ESXi names its VMs with small integers. */
  vm->moref = g_strdup_printf ("%u", n);
  vm->name = g_strdup (name);
  vm->power = g_strdup (power);
  vm->guest = g_strdup (guest);
  vm->cpus = cpus;
  vm->memory_mb = memory_mb;
  vm->committed = disk_gib * GIB;
  vm->tools = tools;
  if (g_str_equal (power, "poweredOn") && tools)
    vm->ip = g_strdup_printf ("192.168.50.%u", 10 + n % 240);
  vm->uuid = g_strdup_printf ("564d%04x-1a2b-3c4d-5e6f-%012x", n, n * 7919);
  vm->instance_uuid = g_strdup_printf ("5212%04x-aa00-bb11-cc22-%012x", n, n * 104729);
  vm->snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_lab_esxi_snapshot_free);
  vm->controller = "VirtualLsiLogicController";
  g_ptr_array_add (lab->vms, vm);
  return vm;
}

void
vigie_lab_esxi_populate (LabEsxi *lab,
                         guint    scale)
{
  LabVm *vm;
  LabSnapshot *a, *b;

  vm = vm_add (lab, "web-01", "poweredOn", "Ubuntu Linux (64-bit)", 2, 4096, 40, TRUE);
  a = snap (lab, "before-upgrade", "Before the 24.04 upgrade", 30);
  b = snap (lab, "after-upgrade", "Upgrade done", 29);
  g_ptr_array_add (a->children, b);
  g_ptr_array_add (vm->snapshots, a);
  vm->current = b;

  vm_add (lab, "web-02", "poweredOn", "Ubuntu Linux (64-bit)", 2, 4096, 40, TRUE);

  vm = vm_add (lab, "db-01", "poweredOn", "Debian GNU/Linux 12 (64-bit)", 4, 16384, 200, TRUE);
  vm->controller = "ParaVirtualSCSIController";
  vm->cbt = TRUE;
  a = snap (lab, "base", "Fresh install", 90);
  b = snap (lab, "pg15", "PostgreSQL 15", 60);
  g_ptr_array_add (a->children, b);
  g_ptr_array_add (b->children, snap (lab, "pg16", "PostgreSQL 16", 5));
  g_ptr_array_add (a->children, snap (lab, "test-restore", NULL, 40));
  g_ptr_array_add (vm->snapshots, a);
  vm->current = b;

  vm_add (lab, "mail-01", "poweredOff", "Rocky Linux (64-bit)", 2, 8192, 120, FALSE);
  vm = vm_add (lab, "backup-proxy", "suspended", "Microsoft Windows Server 2019 (64-bit)", 4,
               8192, 80, FALSE);
  vm->efi = TRUE;
  vm->controller = "VirtualLsiLogicSASController";
  vm = vm_add (lab, "win-ad-01", "poweredOn", "Microsoft Windows Server 2022 (64-bit)", 2, 8192,
               60, TRUE);
  vm->efi = TRUE;
  vm->secure_boot = TRUE;
  vm->cbt = TRUE;
  vm->controller = "ParaVirtualSCSIController";

  vm = vm_add (lab, "legacy-app", "poweredOff", "CentOS 7 (64-bit)", 1, 2048, 30, FALSE);
  g_ptr_array_add (vm->snapshots, snap (lab, "last-known-good", NULL, 400));
  vm->current = g_ptr_array_index (vm->snapshots, 0);

  vm = vm_add (lab, "tmpl-debian-12", "poweredOff", "Debian GNU/Linux 12 (64-bit)", 2, 2048, 16,
               FALSE);
  vm->template_ = TRUE;

  for (guint i = lab->vms->len; i < scale; i++)
    {
      g_autofree char *name = g_strdup_printf ("gen-%04u", i + 1);

      vm_add (lab, name, i % 4 == 0 ? "poweredOff" : "poweredOn", "Other Linux (64-bit)",
              1 + i % 4, 1024 * (1 + i % 8), 10 + i % 50, i % 3 != 0);
    }
}

/* XML output */

void
vigie_lab_esxi_escape (GString    *out,
                       const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

char *
vigie_lab_esxi_iso_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* properties */

static gint64
host_used_mhz (LabEsxi *lab)
{
  gint64 used = 0;

  for (guint i = 0; i < lab->vms->len; i++)
    {
      LabVm *vm = g_ptr_array_index (lab->vms, i);

      if (g_str_equal (vm->power, "poweredOn"))
        used += 300 * vm->cpus;
    }
  return used;
}

static gint64
host_used_mb (LabEsxi *lab)
{
  gint64 used = 2048;

  for (guint i = 0; i < lab->vms->len; i++)
    {
      LabVm *vm = g_ptr_array_index (lab->vms, i);

      if (g_str_equal (vm->power, "poweredOn"))
        used += vm->memory_mb;
    }
  return used;
}

static void
prop (GString    *out,
      const char *path,
      const char *type,
      const char *value_xml)
{
  g_string_append_printf (out, "<propSet><name>%s</name><val xsi:type=\"%s\">%s</val></propSet>",
                          path, type, value_xml);
}

static void
prop_str (GString    *out,
          const char *path,
          const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  prop (out, path, "xsd:string", escaped);
}

static void
prop_int (GString    *out,
          const char *path,
          const char *type,
          gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  prop (out, path, type, text);
}

static void
write_snapshot (GString     *out,
                const char  *element,
                LabVm       *vm,
                LabSnapshot *snapshot)
{
  g_autofree char *created = vigie_lab_esxi_iso_time (snapshot->created);

  g_string_append_printf (out, "<%s><snapshot type=\"VirtualMachineSnapshot\">%s-snapshot-%d"
                          "</snapshot><vm type=\"VirtualMachine\">%s</vm><name>", element,
                          vm->moref, snapshot->id, vm->moref);
  vigie_lab_esxi_escape (out, snapshot->name);
  g_string_append (out, "</name>");
  if (snapshot->description != NULL)
    {
      g_string_append (out, "<description>");
      vigie_lab_esxi_escape (out, snapshot->description);
      g_string_append (out, "</description>");
    }
  g_string_append_printf (out, "<id>%d</id><createTime>%s</createTime><state>poweredOff</state>"
                          "<quiesced>false</quiesced>", snapshot->id, created);
  for (guint i = 0; i < snapshot->children->len; i++)
    write_snapshot (out, "childSnapshotList", vm, g_ptr_array_index (snapshot->children, i));
  g_string_append_printf (out, "</%s>", element);
}

static void
vm_prop (LabEsxi    *lab,
         GString    *out,
         LabVm      *vm,
         const char *path)
{
  gboolean on = g_str_equal (vm->power, "poweredOn");

  if (g_str_equal (path, "name"))
    prop_str (out, path, vm->name);
  else if (g_str_equal (path, "runtime.powerState"))
    prop (out, path, "VirtualMachinePowerState", vm->power);
  else if (g_str_equal (path, "runtime.host"))
    g_string_append_printf (out, "<propSet><name>%s</name><val xsi:type=\"ManagedObjectReference\""
                            " type=\"HostSystem\">" HOST_MOREF "</val></propSet>", path);
  else if (g_str_equal (path, "config.guestFullName"))
    prop_str (out, path, vm->guest);
  else if (g_str_equal (path, "guest.guestFullName") && on && vm->tools)
    prop_str (out, path, vm->guest);
  else if (g_str_equal (path, "config.hardware.numCPU"))
    prop_int (out, path, "xsd:int", vm->cpus);
  else if (g_str_equal (path, "config.hardware.memoryMB"))
    prop_int (out, path, "xsd:int", vm->memory_mb);
  else if (g_str_equal (path, "config.template"))
    prop (out, path, "xsd:boolean", vm->template_ ? "true" : "false");
  else if (g_str_equal (path, "config.uuid"))
    prop_str (out, path, vm->uuid);
  else if (g_str_equal (path, "config.instanceUuid"))
    prop_str (out, path, vm->instance_uuid);
  else if (g_str_equal (path, "summary.storage.committed"))
    prop_int (out, path, "xsd:long", vm->committed);
  else if (g_str_equal (path, "summary.quickStats.overallCpuUsage"))
    prop_int (out, path, "xsd:int", on ? 300 * vm->cpus : 0);
  else if (g_str_equal (path, "summary.quickStats.guestMemoryUsage"))
    prop_int (out, path, "xsd:int", on ? vm->memory_mb / 3 : 0);
  else if (g_str_equal (path, "snapshot") && vm->snapshots->len > 0)
    {
      g_string_append_printf (out, "<propSet><name>snapshot</name>"
                              "<val xsi:type=\"VirtualMachineSnapshotInfo\">");
      if (vm->current != NULL)
        g_string_append_printf (out, "<currentSnapshot type=\"VirtualMachineSnapshot\">"
                                "%s-snapshot-%d</currentSnapshot>", vm->moref, vm->current->id);
      for (guint i = 0; i < vm->snapshots->len; i++)
        write_snapshot (out, "rootSnapshotList", vm, g_ptr_array_index (vm->snapshots, i));
      g_string_append (out, "</val></propSet>");
    }
  else if (g_str_equal (path, "guest.ipAddress") && on && vm->ip != NULL)
    prop_str (out, path, vm->ip);
  else if (g_str_equal (path, "guest.net") && on && vm->ip != NULL)
    g_string_append_printf (out, "<propSet><name>guest.net</name>"
                            "<val xsi:type=\"ArrayOfGuestNicInfo\"><GuestNicInfo>"
                            "<network>VM Network</network><ipAddress>%s</ipAddress>"
                            "<macAddress>00:0c:29:00:00:%02x</macAddress><connected>true"
                            "</connected><deviceConfigId>4000</deviceConfigId></GuestNicInfo>"
                            "</val></propSet>", vm->ip,
                            (guint) (g_ascii_strtoull (vm->moref, NULL, 10) & 0xff));
  else if (g_str_equal (path, "guest.toolsRunningStatus"))
    prop_str (out, path, on && vm->tools ? "guestToolsRunning" : "guestToolsNotRunning");
  else if (g_str_equal (path, "config.firmware"))
    prop_str (out, path, vm->efi ? "efi" : "bios");
  else if (g_str_equal (path, "config.bootOptions"))
    g_string_append_printf (out, "<propSet><name>%s</name>"
                            "<val xsi:type=\"VirtualMachineBootOptions\"><bootDelay>0</bootDelay>"
                            "<efiSecureBootEnabled>%s</efiSecureBootEnabled></val></propSet>", path,
                            vm->secure_boot ? "true" : "false");
  else if (g_str_equal (path, "config.changeTrackingEnabled"))
    prop (out, path, "xsd:boolean", vm->cbt ? "true" : "false");
  else if (g_str_equal (path, "config.hardware.device"))
    {
      g_string_append_printf (out, "<propSet><name>%s</name><val xsi:type=\"ArrayOfVirtualDevice\">"
                              "<VirtualDevice xsi:type=\"VirtualIDEController\"><key>200</key>"
                              "<deviceInfo><label>IDE 0</label><summary>IDE 0</summary>"
                              "</deviceInfo></VirtualDevice><VirtualDevice xsi:type=\"%s\">"
                              "<key>1000</key><deviceInfo><label>SCSI controller 0</label>"
                              "<summary>SCSI</summary></deviceInfo></VirtualDevice>"
                              "<VirtualDevice xsi:type=\"VirtualDisk\"><key>2000</key>"
                              "<deviceInfo><label>Hard disk 1</label><summary>disk</summary>"
                              "</deviceInfo><backing xsi:type=\"VirtualDiskFlatVer2BackingInfo\">"
                              "<fileName>[datastore1] ", path, vm->controller);
      vigie_lab_esxi_escape (out, vm->name);
      g_string_append (out, "/");
      vigie_lab_esxi_escape (out, vm->name);
      g_string_append_printf (out, ".vmdk</fileName><datastore type=\"Datastore\">datastore1"
                              "</datastore><diskMode>persistent</diskMode>"
                              "<thinProvisioned>true</thinProvisioned></backing>"
                              "<controllerKey>1000</controllerKey><unitNumber>0</unitNumber>"
                              "<capacityInKB>%" G_GINT64_FORMAT "</capacityInKB><capacityInBytes>%"
                              G_GINT64_FORMAT "</capacityInBytes></VirtualDevice>"
                              "<VirtualDevice xsi:type=\"VirtualVmxnet3\"><key>4000</key>"
                              "<deviceInfo><label>Network adapter 1</label><summary>VM Network"
                              "</summary></deviceInfo><backing xsi:type=\"VirtualEthernetCard"
                              "NetworkBackingInfo\"><deviceName>VM Network</deviceName>"
                              "</backing><connectable><startConnected>true</startConnected>"
                              "<allowGuestControl>true</allowGuestControl><connected>%s"
                              "</connected></connectable><unitNumber>7</unitNumber>"
                              "<addressType>generated</addressType><macAddress>"
                              "00:0c:29:00:00:%02x</macAddress></VirtualDevice></val></propSet>",
                              vm->committed / 1024, vm->committed, on ? "true" : "false",
                              (guint) (g_ascii_strtoull (vm->moref, NULL, 10) & 0xff));
    }
  else if (g_str_equal (path, "datastore"))
    g_string_append_printf (out, "<propSet><name>%s</name><val xsi:type=\"ArrayOfManagedObject"
                            "Reference\"><ManagedObjectReference type=\"Datastore\">datastore1"
                            "</ManagedObjectReference></val></propSet>", path);
  else if (g_str_equal (path, "summary.storage.uncommitted"))
    prop_int (out, path, "xsd:long", 0);
  /* Anything else is unset: left out, as a real host does. */
}

static void
host_prop (LabEsxi    *lab,
           GString    *out,
           const char *path)
{
  if (g_str_equal (path, "name"))
    prop_str (out, path, "esxi-lab.vigie.test");
  else if (g_str_equal (path, "parent"))
    g_string_append (out, "<propSet><name>parent</name>"
                     "<val xsi:type=\"ManagedObjectReference\" type=\"ComputeResource\">"
                     "ha-compute-res</val></propSet>");
  else if (g_str_equal (path, "summary.config.product.version"))
    prop_str (out, path, "8.0.3");
  else if (g_str_equal (path, "summary.config.product.build"))
    prop_str (out, path, "24022510");
  else if (g_str_equal (path, "summary.hardware.numCpuCores"))
    prop_int (out, path, "xsd:short", 16);
  else if (g_str_equal (path, "summary.hardware.numCpuPkgs"))
    prop_int (out, path, "xsd:short", 2);
  else if (g_str_equal (path, "summary.hardware.numCpuThreads"))
    prop_int (out, path, "xsd:short", 32);
  else if (g_str_equal (path, "summary.hardware.cpuMhz"))
    prop_int (out, path, "xsd:int", 2400);
  else if (g_str_equal (path, "summary.hardware.cpuModel"))
    prop_str (out, path, "Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz");
  else if (g_str_equal (path, "summary.hardware.memorySize"))
    prop_int (out, path, "xsd:long", 128 * GIB);
  else if (g_str_equal (path, "summary.quickStats.overallCpuUsage"))
    prop_int (out, path, "xsd:int", host_used_mhz (lab));
  else if (g_str_equal (path, "summary.quickStats.overallMemoryUsage"))
    prop_int (out, path, "xsd:int", host_used_mb (lab));
  else if (g_str_equal (path, "summary.quickStats.uptime"))
    prop_int (out, path, "xsd:int", 41 * 24 * 3600 + 3 * 3600);
  else if (g_str_equal (path, "runtime.connectionState"))
    prop (out, path, "HostSystemConnectionState", "connected");
  else if (g_str_equal (path, "runtime.inMaintenanceMode"))
    prop (out, path, "xsd:boolean", "false");
}

static void
datastore_prop (GString    *out,
                guint       index,
                const char *path)
{
  static const struct {
    const char *name, *type, *url;
    gint64 capacity_gib, free_gib;
  } stores[] = {
    { "datastore1", "VMFS", "ds:///vmfs/volumes/6512a3f1-0c0ffee0/", 1800, 1130 },
    { "nas-iso", "NFS", "ds:///vmfs/volumes/8c2a11be-4e5c1d00/", 4000, 3100 },
  };

  if (g_str_equal (path, "name"))
    prop_str (out, path, stores[index].name);
  else if (g_str_equal (path, "summary.type"))
    prop_str (out, path, stores[index].type);
  else if (g_str_equal (path, "summary.url"))
    prop_str (out, path, stores[index].url);
  else if (g_str_equal (path, "summary.capacity"))
    prop_int (out, path, "xsd:long", stores[index].capacity_gib * GIB);
  else if (g_str_equal (path, "summary.freeSpace"))
    prop_int (out, path, "xsd:long", stores[index].free_gib * GIB);
  else if (g_str_equal (path, "summary.multipleHostAccess"))
    prop (out, path, "xsd:boolean", index == 1 ? "true" : "false");
  else if (g_str_equal (path, "summary.accessible"))
    prop (out, path, "xsd:boolean", "true");
  else if (g_str_equal (path, "host"))
    g_string_append_printf (out, "<propSet><name>host</name>"
                            "<val xsi:type=\"ArrayOfDatastoreHostMount\"><DatastoreHostMount>"
                            "<key type=\"HostSystem\">" HOST_MOREF "</key>"
                            "<mountInfo><accessMode>readWrite</accessMode><mounted>true</mounted>"
                            "</mountInfo></DatastoreHostMount></val></propSet>");
}

static const char *networks[] = { "VM Network", "Management Network", "Backup" };

LabVm *
vigie_lab_esxi_find_vm (LabEsxi    *lab,
                        const char *moref)
{
  for (guint i = 0; i < lab->vms->len; i++)
    {
      LabVm *vm = g_ptr_array_index (lab->vms, i);

      if (g_strcmp0 (vm->moref, moref) == 0)
        return vm;
    }
  return NULL;
}

/* Writes one ObjectContent with the paths asked for its type. */
void
vigie_lab_esxi_write_object (LabEsxi    *lab,
                             GString    *out,
                             const char *type,
                             const char *moref,
                             GPtrArray  *paths)
{
  g_string_append_printf (out, "<objects><obj type=\"%s\">", type);
  vigie_lab_esxi_escape (out, moref);
  g_string_append (out, "</obj>");
  for (guint i = 0; i < paths->len; i++)
    {
      char **pair = g_ptr_array_index (paths, i);
      const char *path = pair[1];

      if (!g_str_equal (pair[0], type))
        continue;
      if (g_str_equal (type, "VirtualMachine"))
        {
          LabVm *vm = vigie_lab_esxi_find_vm (lab, moref);

          if (vm != NULL)
            vm_prop (lab, out, vm, path);
        }
      else if (g_str_equal (type, "HostSystem"))
        host_prop (lab, out, path);
      else if (g_str_equal (type, "Datastore"))
        datastore_prop (out, g_str_equal (moref, "datastore1") ? 0 : 1, path);
      else if (g_str_equal (type, "Network") && g_str_equal (path, "name"))
        {
          guint n = (guint) g_ascii_strtoull (moref + strlen ("HaNetwork-"), NULL, 10);

          prop_str (out, path, networks[MIN (n, G_N_ELEMENTS (networks) - 1)]);
        }
      else if (g_str_equal (type, "LicenseManager") && g_str_equal (path, "licenses"))
        g_string_append (out, "<propSet><name>licenses</name>"
                         "<val xsi:type=\"ArrayOfLicenseManagerLicenseInfo\">"
                         "<LicenseManagerLicenseInfo><licenseKey>00000-00000-00000-00000-00000"
                         "</licenseKey><editionKey>eval</editionKey><name>Evaluation Mode</name>"
                         "<total>0</total></LicenseManagerLicenseInfo></val></propSet>");
      else if (g_str_equal (type, "Task"))
        {
          LabTask *task = g_hash_table_lookup (lab->tasks, moref);

          if (task == NULL)
            continue;
          if (g_str_equal (path, "info.state"))
            prop (out, path, "TaskInfoState", task->state);
          else if (g_str_equal (path, "info.error") && task->error != NULL)
            {
              g_string_append (out, "<propSet><name>info.error</name>"
                               "<val xsi:type=\"LocalizedMethodFault\">"
                               "<fault xsi:type=\"InvalidPowerState\"></fault><localizedMessage>");
              vigie_lab_esxi_escape (out, task->error);
              g_string_append (out, "</localizedMessage></val></propSet>");
            }
          else if (g_str_equal (path, "info.result") && task->result != NULL)
            g_string_append_printf (out, "<propSet><name>info.result</name>"
                                    "<val xsi:type=\"ManagedObjectReference\" type=\"%s\">%s"
                                    "</val></propSet>", task->result_type, task->result);
        }
    }
  g_string_append (out, "</objects>");
}

void
vigie_lab_esxi_add_objects (LabEsxi    *lab,
                            GPtrArray  *objects,
                            const char *type)
{
  if (g_str_equal (type, "VirtualMachine"))
    for (guint i = 0; i < lab->vms->len; i++)
      {
        LabVm *vm = g_ptr_array_index (lab->vms, i);

        g_ptr_array_add (objects, g_strdup_printf ("VirtualMachine\t%s", vm->moref));
      }
  else if (g_str_equal (type, "HostSystem"))
    g_ptr_array_add (objects, g_strdup ("HostSystem\t" HOST_MOREF));
  else if (g_str_equal (type, "Datastore"))
    {
      g_ptr_array_add (objects, g_strdup ("Datastore\tdatastore1"));
      g_ptr_array_add (objects, g_strdup ("Datastore\tnas-iso"));
    }
  else if (g_str_equal (type, "Network"))
    for (guint i = 0; i < G_N_ELEMENTS (networks); i++)
      g_ptr_array_add (objects, g_strdup_printf ("Network\tHaNetwork-%u", i));
}
