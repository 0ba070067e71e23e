/* vigie-export-rvtools-columns.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RVTools' sheets and their headers, in RVTools' order, as a real RVTools
 * 4.x export writes them (header lists of Yoobuu/Kylow
 * vmware_rvtools_exporter src/rvtools_compat.py, taken from a real export;
 * see docs/export.md). Site-specific custom attributes are left out except
 * "Backup status" and "Last backup", which Vigie fills from its backup
 * coverage, at the place RVTools puts custom attributes (after Annotation).
 */

#define G_LOG_DOMAIN "vigie-export"

#include "config.h"

#include "vigie-export-rvtools-private.h"

#define VM_HEAD "VM", "Powerstate", "Template", "SRM Placeholder"
#define VM_TAIL "Annotation", "Backup status", "Last backup", "Datacenter", "Cluster", "Host", \
  "Folder", "OS according to the configuration file", "OS according to the VMware Tools", \
  "VM ID", "VM UUID", "VI SDK Server", "VI SDK UUID"

static const char *const vinfo[] = {
  VM_HEAD, "Config status", "DNS Name", "Connection state", "Guest state", "Heartbeat",
  "Consolidation Needed", "PowerOn", "Suspended To Memory", "Suspend time", "Suspend Interval",
  "Creation date", "Change Version", "CPUs", "Overall Cpu Readiness", "Memory", "Active Memory",
  "NICs", "Disks", "Total disk capacity MiB", "Fixed Passthru HotPlug",
  "min Required EVC Mode Key", "Latency Sensitivity", "Op Notification Timeout", "EnableUUID",
  "CBT", "Primary IP Address", "Network #1", "Network #2", "Network #3", "Network #4",
  "Network #5", "Network #6", "Network #7", "Network #8", "Num Monitors", "Video Ram KiB",
  "Resource pool", "Folder ID", "Folder", "vApp", "DAS protection", "FT State", "FT Role",
  "FT Latency", "FT Bandwidth", "FT Sec. Latency", "Vm Failover In Progress", "Provisioned MiB",
  "In Use MiB", "Unshared MiB", "HA Restart Priority", "HA Isolation Response",
  "HA VM Monitoring", "Cluster rule(s)", "Cluster rule name(s)", "Boot Required", "Boot delay",
  "Boot retry delay", "Boot retry enabled", "Boot BIOS setup", "Reboot PowerOff",
  "EFI Secure boot", "Firmware", "HW version", "HW upgrade status", "HW upgrade policy",
  "HW target", "Path", "Log directory", "Snapshot directory", "Suspend directory", "Annotation",
  "Backup status", "Last backup", "Datacenter", "Cluster", "Host",
  "OS according to the configuration file", "OS according to the VMware Tools",
  "Customization Info", "Guest Detailed Data", "VM ID", "SMBIOS UUID", "VM UUID",
  "VI SDK Server type", "VI SDK API Version", "VI SDK Server", "VI SDK UUID",
};

static const char *const vcpu[] = {
  VM_HEAD, "CPUs", "Sockets", "Cores p/s", "Max", "Overall", "Level", "Shares", "Reservation",
  "Entitlement", "DRS Entitlement", "Limit", "Hot Add", "Hot Remove", "Numa Hotadd Exposed",
  VM_TAIL,
};

static const char *const vmemory[] = {
  VM_HEAD, "Size MiB", "Memory Reservation Locked To Max", "Overhead", "Max", "Consumed",
  "Consumed Overhead", "Private", "Shared", "Swapped", "Ballooned", "Active", "Entitlement",
  "DRS Entitlement", "Level", "Shares", "Reservation", "Limit", "Hot Add", VM_TAIL,
};

static const char *const vdisk[] = {
  VM_HEAD, "Disk", "Disk Key", "Disk UUID", "Disk Path", "Capacity MiB", "Raw", "Disk Mode",
  "Sharing mode", "Thin", "Eagerly Scrub", "Split", "Write Through", "Level", "Shares",
  "Reservation", "Limit", "Controller", "Label", "SCSI Unit #", "Unit #", "Shared Bus", "Path",
  "Raw LUN ID", "Raw Comp. Mode", "Internal Sort Column", VM_TAIL,
};

static const char *const vpartition[] = {
  VM_HEAD, "Disk Key", "Disk", "Capacity MiB", "Consumed MiB", "Free MiB", "Free %",
  "Internal Sort Column", VM_TAIL,
};

static const char *const vnetwork[] = {
  VM_HEAD, "NIC label", "Adapter", "Network", "Switch", "Connected", "Starts Connected",
  "Mac Address", "Type", "IPv4 Address", "IPv6 Address", "Direct Path IO",
  "Internal Sort Column", VM_TAIL,
};

/* RVTools' vSnapshot has Powerstate but neither Template nor SRM Placeholder. */
static const char *const vsnapshot[] = {
  "VM", "Powerstate", "Name", "Description", "Date / time", "Filename", "Size MiB (vmsn)",
  "Size MiB (total)", "Quiesced", "State", VM_TAIL,
};

static const char *const vhost[] = {
  "Host", "Datacenter", "Cluster", "Config status", "Compliance Check State",
  "in Maintenance Mode", "in Quarantine Mode", "vSAN Fault Domain Name", "CPU Model", "Speed",
  "HT Available", "HT Active", "# CPU", "Cores per CPU", "# Cores", "CPU usage %", "# Memory",
  "Memory Tiering Type", "Memory usage %", "Console", "# NICs", "# HBAs", "# VMs total", "# VMs",
  "VMs per Core", "# vCPUs", "vCPUs per Core", "vRAM", "VM Used memory", "VM Memory Swapped",
  "VM Memory Ballooned", "VMotion support", "Storage VMotion support", "Current EVC", "Max EVC",
  "Assigned License(s)", "ATS Heartbeat", "ATS Locking", "Current CPU power man. policy",
  "Supported CPU power man.", "Host Power Policy", "ESX Version", "Boot time", "DNS Servers",
  "DHCP", "Domain", "Domain List", "DNS Search Order", "NTP Server(s)", "NTPD running",
  "Time Zone", "Time Zone Name", "GMT Offset", "Vendor", "Model", "Serial number", "Service tag",
  "OEM specific string", "BIOS Vendor", "BIOS Version", "BIOS Date", "Certificate Issuer",
  "Certificate Start Date", "Certificate Expiry Date", "Certificate Status",
  "Certificate Subject", "Object ID", "AutoDeploy.MachineIdentity", "Backup status",
  "Last backup", "UUID", "VI SDK Server", "VI SDK UUID",
};

static const char *const vcluster[] = {
  "Name", "Config status", "OverallStatus", "NumHosts", "numEffectiveHosts", "TotalCpu",
  "NumCpuCores", "NumCpuThreads", "Effective Cpu", "TotalMemory", "Effective Memory",
  "Num VMotions", "HA enabled", "Failover Level", "AdmissionControlEnabled", "Host monitoring",
  "HB Datastore Candidate Policy", "Isolation Response", "Restart Priority", "Cluster Settings",
  "Max Failures", "Max Failure Window", "Failure Interval", "Min Up Time", "VM Monitoring",
  "DRS enabled", "DRS default VM behavior", "DRS vmotion rate", "DPM enabled",
  "DPM default behavior", "DPM Host Power Action Rate", "Object ID", "Backup status",
  "Last backup", "VI SDK Server", "VI SDK UUID",
};

static const char *const vdatastore[] = {
  "Name", "Config status", "Address", "Accessible", "Type", "# VMs total", "# VMs",
  "Capacity MiB", "Provisioned MiB", "In Use MiB", "Free MiB", "Free %", "SIOC enabled",
  "SIOC Threshold", "# Hosts", "Hosts", "Cluster name", "Cluster capacity MiB",
  "Cluster free space MiB", "Block size", "Max Blocks", "# Extents", "Major Version", "Version",
  "VMFS Upgradeable", "MHA", "URL", "Object ID", "Backup status", "Last backup",
  "VI SDK Server", "VI SDK UUID",
};

static const char *const vsource[] = {
  "Name", "OS type", "API type", "API version", "Version", "Patch level", "Build", "Fullname",
  "Product name", "Product version", "Product line", "Vendor", "VI SDK Server", "VI SDK UUID",
};

static const char *const vlicense[] = {
  "Name", "Key", "Labels", "Cost Unit", "Total", "Used", "Expiration Date", "Features",
  "VI SDK Server", "VI SDK UUID",
};

/* "Generator" is Vigie's own: RVTools' columns never claim to be RVTools. */
static const char *const vmetadata[] = {
  "RVTools major version", "RVTools version", "xlsx creation datetime", "Server", "Generator",
};

#define SHEET(name, columns) { name, columns, G_N_ELEMENTS (columns), NULL }

static const VigieExportSheet templates[] = {
  SHEET ("vInfo", vinfo),
  SHEET ("vCPU", vcpu),
  SHEET ("vMemory", vmemory),
  SHEET ("vDisk", vdisk),
  SHEET ("vPartition", vpartition),
  SHEET ("vNetwork", vnetwork),
  SHEET ("vSnapshot", vsnapshot),
  SHEET ("vHost", vhost),
  SHEET ("vCluster", vcluster),
  SHEET ("vDatastore", vdatastore),
  SHEET ("vSource", vsource),
  SHEET ("vLicense", vlicense),
  SHEET ("vMetaData", vmetadata),
};

static void
row_free (gpointer data,
          gpointer user_data)
{
  VigieExportSheet *sheet = user_data;
  VigieExportCell *row = data;

  for (guint i = 0; i < sheet->n_columns; i++)
    g_free (row[i].text);
  g_free (row);
}

static void
sheet_free (VigieExportSheet *sheet)
{
  g_ptr_array_foreach (sheet->rows, row_free, sheet);
  g_ptr_array_unref (sheet->rows);
  g_free (sheet);
}

GPtrArray *
vigie_export_sheets_new (void)
{
  GPtrArray *sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      VigieExportSheet *sheet = g_new0 (VigieExportSheet, 1);

      *sheet = templates[i];
      sheet->rows = g_ptr_array_new ();
      g_ptr_array_add (sheets, sheet);
    }
  return sheets;
}

VigieExportSheet *
vigie_export_sheets_find (GPtrArray  *sheets,
                          const char *name)
{
  for (guint i = 0; i < sheets->len; i++)
    {
      VigieExportSheet *sheet = g_ptr_array_index (sheets, i);

      if (g_str_equal (sheet->name, name))
        return sheet;
    }
  g_return_val_if_reached (NULL);
}

VigieExportCell *
vigie_export_sheet_add_row (VigieExportSheet *sheet)
{
  VigieExportCell *row = g_new0 (VigieExportCell, sheet->n_columns);

  g_ptr_array_add (sheet->rows, row);
  return row;
}

static int
column_index (VigieExportSheet *sheet,
              const char       *column)
{
  for (guint i = 0; i < sheet->n_columns; i++)
    if (g_str_equal (sheet->columns[i], column))
      return (int) i;
  return -1;
}

gboolean
vigie_export_sheet_has_column (VigieExportSheet *sheet,
                               const char       *column)
{
  return column_index (sheet, column) >= 0;
}

void
vigie_export_cell_set_text (VigieExportSheet *sheet,
                            VigieExportCell  *row,
                            const char       *column,
                            const char       *text)
{
  int i = column_index (sheet, column);

  g_return_if_fail (i >= 0);
  if (text == NULL || *text == '\0')
    return;
  g_free (row[i].text);
  /* The xlsx XML and CSV readers want UTF-8; a server's bytes may not be. */
  row[i].text = g_utf8_make_valid (text, -1);
  row[i].is_number = FALSE;
}

void
vigie_export_cell_set_number (VigieExportSheet *sheet,
                              VigieExportCell  *row,
                              const char       *column,
                              double            number)
{
  int i = column_index (sheet, column);

  g_return_if_fail (i >= 0);
  g_clear_pointer (&row[i].text, g_free);
  row[i].number = number;
  row[i].is_number = TRUE;
}
