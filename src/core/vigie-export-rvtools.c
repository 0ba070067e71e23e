/* vigie-export-rvtools.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills the RVTools-shaped sheets from the inventories, per the contract's
 * "Estate export" section and docs/export.md: what a platform reports goes
 * in RVTools' column for it, in RVTools' units (MiB) and spellings
 * (poweredOn, True); what it does not report stays empty.
 */

#define G_LOG_DOMAIN "vigie-export"

#include "config.h"

#include <string.h>

#include "vigie-clock.h"
#include "vigie-coverage.h"
#include "vigie-export-rvtools-private.h"
#include "vigie-inventory.h"

#define MIB (1024.0 * 1024.0)

typedef struct {
  VigieInventory *inventory;
  const char     *server;        /* VI SDK Server: the endpoint's host name */
  const char     *cluster;       /* the endpoint's cluster, when one */
} Source;

static const char *
extra (GHashTable *table,
       const char *key)
{
  return table != NULL ? g_hash_table_lookup (table, key) : NULL;
}

static gboolean
is_hypervisor (VigieInventory *inventory)
{
  return inventory->kind == VIGIE_KIND_ESXI || inventory->kind == VIGIE_KIND_PROXMOX ||
         inventory->kind == VIGIE_KIND_INCUS;
}

static char *
server_of (VigieInventory *inventory)
{
  g_autoptr(GUri) uri = NULL;

  if (inventory->url != NULL)
    uri = g_uri_parse (inventory->url, G_URI_FLAGS_NONE, NULL);
  /* With its port when not the default: two endpoints on one address (a
   * lab, a tunnel) stay two servers, and VM + VI SDK Server stays a key. */
  if (uri != NULL && g_uri_get_host (uri) != NULL && g_uri_get_port (uri) > 0 &&
      g_uri_get_port (uri) != 443)
    return g_strdup_printf (strchr (g_uri_get_host (uri), ':') != NULL ? "[%s]:%d" : "%s:%d",
                            g_uri_get_host (uri), g_uri_get_port (uri));
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    return g_strdup (g_uri_get_host (uri));
  return g_strdup (inventory->endpoint);
}

/* RVTools' "VI SDK Server type" / vSource "API type": vSphere's own apiType
 * (VirtualCenter, HostAgent), else the product's name. */
static const char *
api_type (VigieInventory *inventory)
{
  if (inventory->kind == VIGIE_KIND_ESXI)
    return extra (inventory->extra, "api_type");
  return vigie_kind_get_product_name (inventory->kind);
}

static const char *
powerstate (VigieInstanceState state)
{
  switch (state)
    {
    case VIGIE_STATE_RUNNING:
      return "poweredOn";
    case VIGIE_STATE_STOPPED:
      return "poweredOff";
    case VIGIE_STATE_PAUSED:
    case VIGIE_STATE_SUSPENDED:
      return "suspended";
    case VIGIE_STATE_UNKNOWN:
    default:
      return NULL;
    }
}

static char *
format_datetime (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds <= 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (unix_seconds);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : NULL;
}

static void
set_mib (VigieExportSheet *sheet,
         VigieExportCell  *row,
         const char       *column,
         gint64            bytes)
{
  if (bytes >= 0)
    vigie_export_cell_set_number (sheet, row, column, (double) (bytes / (gint64) MIB));
}

static void
set_count (VigieExportSheet *sheet,
           VigieExportCell  *row,
           const char       *column,
           gint64            count)
{
  if (count >= 0)
    vigie_export_cell_set_number (sheet, row, column, (double) count);
}

static VigieHost *
find_host (VigieInventory *inventory,
           const char     *name)
{
  GListModel *hosts = G_LIST_MODEL (inventory->hosts);

  for (guint i = 0; name != NULL && i < g_list_model_get_n_items (hosts); i++)
    {
      g_autoptr(VigieHost) host = g_list_model_get_item (hosts, i);

      if (g_strcmp0 (host->name, name) == 0)
        return host;
    }
  return NULL;
}

static const char *
host_cluster (Source    *source,
              VigieHost *host)
{
  const char *cluster = host != NULL ? extra (host->extra, "cluster") : NULL;

  return cluster != NULL ? cluster : source->cluster;
}

static VigieCoverage *
find_coverage (GListModel     *coverage,
               VigieInstance  *instance)
{
  for (guint i = 0; coverage != NULL && i < g_list_model_get_n_items (coverage); i++)
    {
      g_autoptr(VigieCoverage) row = g_list_model_get_item (coverage, i);

      if (g_strcmp0 (row->endpoint, instance->endpoint) == 0 &&
          g_strcmp0 (row->instance_id, instance->id) == 0 &&
          g_strcmp0 (row->project, instance->project) == 0)
        return row;
    }
  return NULL;
}

/* "true"/"false" as RVTools writes them; NULL (empty) for anything else. */
static const char *
boolean_text (const char *value)
{
  if (g_strcmp0 (value, "true") == 0)
    return "True";
  if (g_strcmp0 (value, "false") == 0)
    return "False";
  return NULL;
}

/* The columns every VM sheet shares (VM, Powerstate, … VI SDK UUID). */
static void
fill_vm_common (VigieExportSheet *sheet,
                VigieExportCell  *row,
                Source           *source,
                VigieInstance    *instance,
                VigieCoverage    *coverage)
{
  VigieInventory *inventory = source->inventory;
  VigieHost *host = find_host (inventory, instance->host);
  gboolean esxi = inventory->kind == VIGIE_KIND_ESXI;
  const char *bios_uuid = esxi ? extra (instance->extra, "bios_uuid") : instance->uuid;
  const char *vm_uuid = esxi ? extra (instance->extra, "instance_uuid") : instance->uuid;

  vigie_export_cell_set_text (sheet, row, "VM", instance->name != NULL ? instance->name
                                                                        : instance->id);
  vigie_export_cell_set_text (sheet, row, "Powerstate", powerstate (instance->state));
  if (vigie_export_sheet_has_column (sheet, "Template"))
    vigie_export_cell_set_text (sheet, row, "Template", instance->template ? "True" : "False");
  /* Site Recovery Manager placeholders exist only in vSphere. */
  if (vigie_export_sheet_has_column (sheet, "SRM Placeholder") && !esxi)
    vigie_export_cell_set_text (sheet, row, "SRM Placeholder", "False");
  vigie_export_cell_set_text (sheet, row, "Annotation", extra (instance->extra, "description"));
  if (coverage != NULL)
    {
      g_autofree char *last = format_datetime (coverage->last_backup);

      vigie_export_cell_set_text (sheet, row, "Backup status",
                                  vigie_backup_status_to_string (coverage->status));
      vigie_export_cell_set_text (sheet, row, "Last backup", last);
    }
  vigie_export_cell_set_text (sheet, row, "Datacenter", inventory->endpoint);
  vigie_export_cell_set_text (sheet, row, "Cluster", host_cluster (source, host));
  vigie_export_cell_set_text (sheet, row, "Host", instance->host);
  vigie_export_cell_set_text (sheet, row, "Folder", instance->project);
  vigie_export_cell_set_text (sheet, row, "OS according to the configuration file", instance->os);
  vigie_export_cell_set_text (sheet, row, "VM ID", instance->id);
  vigie_export_cell_set_text (sheet, row, "VM UUID", vm_uuid);
  if (vigie_export_sheet_has_column (sheet, "SMBIOS UUID"))
    vigie_export_cell_set_text (sheet, row, "SMBIOS UUID", bios_uuid);
  vigie_export_cell_set_text (sheet, row, "VI SDK Server", source->server);
}

static void
fill_vinfo (VigieExportSheet *sheet,
            Source           *source,
            VigieInstance    *instance,
            VigieCoverage    *coverage)
{
  VigieInventory *inventory = source->inventory;
  VigieExportCell *row = vigie_export_sheet_add_row (sheet);
  const char *used_text = extra (instance->extra, "disk_used_bytes");

  fill_vm_common (sheet, row, source, instance, coverage);
  set_count (sheet, row, "CPUs", instance->cpus);
  set_mib (sheet, row, "Memory", instance->memory_bytes);
  if (instance->nics != NULL)
    set_count (sheet, row, "NICs", instance->nics->len);
  if (instance->disks != NULL)
    set_count (sheet, row, "Disks", instance->disks->len);
  if (instance->addresses != NULL && instance->addresses->len > 0)
    vigie_export_cell_set_text (sheet, row, "Primary IP Address",
                                g_ptr_array_index (instance->addresses, 0));
  vigie_export_cell_set_text (sheet, row, "Resource pool", instance->pool);
  /* What disk_bytes means differs per platform (see docs/export.md). */
  if (inventory->kind == VIGIE_KIND_ESXI)
    {
      const char *provisioned = extra (instance->extra, "provisioned_bytes");

      set_mib (sheet, row, "In Use MiB", instance->disk_bytes);
      if (provisioned != NULL)
        set_mib (sheet, row, "Provisioned MiB", g_ascii_strtoll (provisioned, NULL, 10));
    }
  else
    {
      set_mib (sheet, row, "Total disk capacity MiB", instance->disk_bytes);
      set_mib (sheet, row, "Provisioned MiB", instance->disk_bytes);
    }
  if (used_text != NULL)
    set_mib (sheet, row, "In Use MiB", g_ascii_strtoll (used_text, NULL, 10));
  vigie_export_cell_set_text (sheet, row, "VI SDK Server type", api_type (inventory));
  vigie_export_cell_set_text (sheet, row, "VI SDK API Version", inventory->api_version);
  /* What the migration readiness reads (vigie-migrate.c), in vSphere's
   * spellings; empty when the backend could not see it. */
  vigie_export_cell_set_text (sheet, row, "Firmware", extra (instance->extra, "firmware"));
  vigie_export_cell_set_text (sheet, row, "EFI Secure boot",
                              boolean_text (extra (instance->extra, "secure_boot")));
  vigie_export_cell_set_text (sheet, row, "CBT", boolean_text (extra (instance->extra, "cbt")));
}

static const char *
tristate_text (int value)
{
  if (value == VIGIE_UNSET)
    return NULL;
  return value ? "True" : "False";
}

/* RVTools writes a NIC's addresses as one cell per family. */
static char *
join_addresses (VigieNic *nic,
                gboolean  ipv6)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < nic->addresses->len; i++)
    {
      const char *address = g_ptr_array_index (nic->addresses, i);

      if ((strchr (address, ':') != NULL) != ipv6)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, address);
    }
  return text->len > 0 ? g_strdup (text->str) : NULL;
}

/* vDisk, vNetwork and vSnapshot: one row per disk, NIC and snapshot the
 * backend read; nothing when it did not read them (never a made-up row). */
static void
fill_devices (GPtrArray     *sheets,
              Source        *source,
              VigieInstance *instance,
              VigieCoverage *coverage)
{
  VigieExportSheet *sheet = vigie_export_sheets_find (sheets, "vDisk");

  for (guint i = 0; instance->disks != NULL && i < instance->disks->len; i++)
    {
      VigieDisk *disk = g_ptr_array_index (instance->disks, i);
      VigieExportCell *row = vigie_export_sheet_add_row (sheet);

      fill_vm_common (sheet, row, source, instance, coverage);
      vigie_export_cell_set_text (sheet, row, "Disk", disk->label);
      vigie_export_cell_set_text (sheet, row, "Disk Key", disk->key);
      vigie_export_cell_set_text (sheet, row, "Disk UUID", disk->uuid);
      vigie_export_cell_set_text (sheet, row, "Disk Path", disk->path);
      set_mib (sheet, row, "Capacity MiB", disk->capacity_bytes);
      vigie_export_cell_set_text (sheet, row, "Disk Mode", disk->mode);
      vigie_export_cell_set_text (sheet, row, "Thin", tristate_text (disk->thin));
      vigie_export_cell_set_text (sheet, row, "Controller", disk->controller);
      set_count (sheet, row, "Unit #", disk->unit);
    }

  sheet = vigie_export_sheets_find (sheets, "vNetwork");
  for (guint i = 0; instance->nics != NULL && i < instance->nics->len; i++)
    {
      VigieNic *nic = g_ptr_array_index (instance->nics, i);
      VigieExportCell *row = vigie_export_sheet_add_row (sheet);
      g_autofree char *ipv4 = join_addresses (nic, FALSE);
      g_autofree char *ipv6 = join_addresses (nic, TRUE);

      fill_vm_common (sheet, row, source, instance, coverage);
      vigie_export_cell_set_text (sheet, row, "NIC label", nic->label);
      vigie_export_cell_set_text (sheet, row, "Adapter", nic->adapter);
      vigie_export_cell_set_text (sheet, row, "Network", nic->network);
      vigie_export_cell_set_text (sheet, row, "Connected", tristate_text (nic->connected));
      vigie_export_cell_set_text (sheet, row, "Starts Connected",
                                  tristate_text (nic->starts_connected));
      vigie_export_cell_set_text (sheet, row, "Mac Address", nic->mac);
      vigie_export_cell_set_text (sheet, row, "IPv4 Address", ipv4);
      vigie_export_cell_set_text (sheet, row, "IPv6 Address", ipv6);
    }

  sheet = vigie_export_sheets_find (sheets, "vSnapshot");
  for (guint i = 0; instance->snapshot_list != NULL && i < instance->snapshot_list->len; i++)
    {
      VigieSnapshot *snapshot = g_ptr_array_index (instance->snapshot_list, i);
      VigieExportCell *row = vigie_export_sheet_add_row (sheet);
      g_autofree char *time = format_datetime (snapshot->time);

      fill_vm_common (sheet, row, source, instance, coverage);
      vigie_export_cell_set_text (sheet, row, "Name", snapshot->name);
      vigie_export_cell_set_text (sheet, row, "Description", snapshot->description);
      vigie_export_cell_set_text (sheet, row, "Date / time", time);
      vigie_export_cell_set_text (sheet, row, "Quiesced", tristate_text (snapshot->quiesced));
      vigie_export_cell_set_text (sheet, row, "State", snapshot->state);
    }
}

static void
fill_instance (GPtrArray     *sheets,
               Source        *source,
               VigieInstance *instance,
               GListModel    *coverage)
{
  VigieCoverage *row_coverage = find_coverage (coverage, instance);
  VigieExportSheet *sheet;
  VigieExportCell *row;

  fill_vinfo (vigie_export_sheets_find (sheets, "vInfo"), source, instance, row_coverage);

  sheet = vigie_export_sheets_find (sheets, "vCPU");
  row = vigie_export_sheet_add_row (sheet);
  fill_vm_common (sheet, row, source, instance, row_coverage);
  set_count (sheet, row, "CPUs", instance->cpus);

  sheet = vigie_export_sheets_find (sheets, "vMemory");
  row = vigie_export_sheet_add_row (sheet);
  fill_vm_common (sheet, row, source, instance, row_coverage);
  set_mib (sheet, row, "Size MiB", instance->memory_bytes);

  fill_devices (sheets, source, instance, row_coverage);
}

static void
fill_host (GPtrArray *sheets,
           Source    *source,
           VigieHost *host)
{
  VigieInventory *inventory = source->inventory;
  VigieExportSheet *sheet = vigie_export_sheets_find (sheets, "vHost");
  VigieExportCell *row = vigie_export_sheet_add_row (sheet);
  GListModel *instances = G_LIST_MODEL (inventory->instances);
  const char *model = host->cpu_model;
  gint64 vms = 0, vcpus = 0, vram = 0;

  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(VigieInstance) instance = g_list_model_get_item (instances, i);

      if (g_strcmp0 (instance->host, host->name) != 0)
        continue;
      vms++;
      vcpus += MAX (instance->cpus, 0);
      vram += MAX (instance->memory_bytes, 0);
    }

  vigie_export_cell_set_text (sheet, row, "Host", host->name);
  vigie_export_cell_set_text (sheet, row, "Datacenter", inventory->endpoint);
  vigie_export_cell_set_text (sheet, row, "Cluster", host_cluster (source, host));
  if (host->state != VIGIE_HOST_UNKNOWN)
    vigie_export_cell_set_text (sheet, row, "in Maintenance Mode",
                                host->state == VIGIE_HOST_MAINTENANCE ? "True" : "False");
  vigie_export_cell_set_text (sheet, row, "CPU Model", model);
  set_count (sheet, row, "# CPU", host->cpu_sockets);
  if (host->cpu_sockets > 0 && host->cpu_cores > 0 && host->cpu_cores % host->cpu_sockets == 0)
    set_count (sheet, row, "Cores per CPU", host->cpu_cores / host->cpu_sockets);
  set_count (sheet, row, "# Cores", host->cpu_cores);
  if (host->cpu_usage >= 0)
    vigie_export_cell_set_number (sheet, row, "CPU usage %",
                                  (double) (gint64) (host->cpu_usage * 100 + 0.5));
  set_mib (sheet, row, "# Memory", host->memory_bytes);
  if (host->memory_bytes > 0 && host->memory_used_bytes >= 0)
    vigie_export_cell_set_number (sheet, row, "Memory usage %",
                                  (double) (gint64) (100.0 * host->memory_used_bytes /
                                                     host->memory_bytes + 0.5));
  set_count (sheet, row, "# VMs", vms);
  set_count (sheet, row, "# vCPUs", vcpus);
  set_mib (sheet, row, "vRAM", vram);
  if (inventory->kind == VIGIE_KIND_ESXI && host->version != NULL)
    {
      g_autofree char *version = host->build != NULL
        ? g_strdup_printf ("VMware ESXi %s build-%s", host->version, host->build)
        : g_strdup_printf ("VMware ESXi %s", host->version);

      vigie_export_cell_set_text (sheet, row, "ESX Version", version);
    }
  vigie_export_cell_set_text (sheet, row, "VI SDK Server", source->server);
}

static void
fill_storage (GPtrArray    *sheets,
              Source       *source,
              VigieStorage *storage)
{
  VigieExportSheet *sheet = vigie_export_sheets_find (sheets, "vDatastore");
  VigieExportCell *row = vigie_export_sheet_add_row (sheet);

  vigie_export_cell_set_text (sheet, row, "Name", storage->name);
  vigie_export_cell_set_text (sheet, row, "Accessible", storage->active ? "True" : "False");
  vigie_export_cell_set_text (sheet, row, "Type", storage->type);
  set_mib (sheet, row, "Capacity MiB", storage->total_bytes);
  set_mib (sheet, row, "In Use MiB", storage->used_bytes);
  if (storage->total_bytes >= 0 && storage->used_bytes >= 0 &&
      storage->used_bytes <= storage->total_bytes)
    {
      set_mib (sheet, row, "Free MiB", storage->total_bytes - storage->used_bytes);
      if (storage->total_bytes > 0)
        vigie_export_cell_set_number (sheet, row, "Free %",
                                      (double) (gint64) (100.0 * (storage->total_bytes -
                                                                  storage->used_bytes) /
                                                         storage->total_bytes + 0.5));
    }
  vigie_export_cell_set_text (sheet, row, "Hosts", storage->host);
  if (storage->host != NULL)
    set_count (sheet, row, "# Hosts", 1);
  vigie_export_cell_set_text (sheet, row, "Cluster name", source->cluster);
  vigie_export_cell_set_text (sheet, row, "VI SDK Server", source->server);
}

static void
fill_endpoint (GPtrArray *sheets,
               Source    *source)
{
  VigieInventory *inventory = source->inventory;
  VigieExportSheet *sheet = vigie_export_sheets_find (sheets, "vSource");
  VigieExportCell *row = vigie_export_sheet_add_row (sheet);
  const char *full_name = extra (inventory->extra, "full_name");

  vigie_export_cell_set_text (sheet, row, "Name", source->server);
  vigie_export_cell_set_text (sheet, row, "API type", api_type (inventory));
  vigie_export_cell_set_text (sheet, row, "API version", inventory->api_version);
  vigie_export_cell_set_text (sheet, row, "Version", inventory->version);
  vigie_export_cell_set_text (sheet, row, "Build", inventory->build);
  vigie_export_cell_set_text (sheet, row, "Fullname", full_name);
  vigie_export_cell_set_text (sheet, row, "Product name", inventory->product);
  vigie_export_cell_set_text (sheet, row, "Product version", inventory->version);
  vigie_export_cell_set_text (sheet, row, "VI SDK Server", source->server);

  if (source->cluster != NULL)
    {
      GListModel *hosts = G_LIST_MODEL (inventory->hosts);
      gint64 cores = 0, threads = 0;

      sheet = vigie_export_sheets_find (sheets, "vCluster");
      row = vigie_export_sheet_add_row (sheet);
      for (guint i = 0; i < g_list_model_get_n_items (hosts); i++)
        {
          g_autoptr(VigieHost) host = g_list_model_get_item (hosts, i);

          cores += MAX (host->cpu_cores, 0);
          threads += MAX (host->cpu_threads, 0);
        }
      vigie_export_cell_set_text (sheet, row, "Name", source->cluster);
      set_count (sheet, row, "NumHosts", g_list_model_get_n_items (hosts));
      set_count (sheet, row, "NumCpuCores", cores);
      set_count (sheet, row, "NumCpuThreads", threads);
      vigie_export_cell_set_text (sheet, row, "VI SDK Server", source->server);
    }

  if (inventory->license != NULL)
    {
      sheet = vigie_export_sheets_find (sheets, "vLicense");
      row = vigie_export_sheet_add_row (sheet);
      vigie_export_cell_set_text (sheet, row, "Name", inventory->license);
      vigie_export_cell_set_text (sheet, row, "VI SDK Server", source->server);
    }
}

static void
fill_inventory (GPtrArray      *sheets,
                VigieInventory *inventory,
                GListModel     *coverage)
{
  g_autofree char *server = server_of (inventory);
  Source source = { inventory, server, extra (inventory->extra, "cluster") };

  if (inventory->status == VIGIE_STATUS_OK)
    fill_endpoint (sheets, &source);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inventory->instances)); i++)
    {
      g_autoptr(VigieInstance) instance =
        g_list_model_get_item (G_LIST_MODEL (inventory->instances), i);

      fill_instance (sheets, &source, instance, coverage);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts)); i++)
    {
      g_autoptr(VigieHost) host = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), i);

      fill_host (sheets, &source, host);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inventory->storage)); i++)
    {
      g_autoptr(VigieStorage) storage =
        g_list_model_get_item (G_LIST_MODEL (inventory->storage), i);

      fill_storage (sheets, &source, storage);
    }
}

static void
fill_metadata (GPtrArray *sheets,
               GPtrArray *inventories,
               gint64     now)
{
  VigieExportSheet *sheet = vigie_export_sheets_find (sheets, "vMetaData");
  VigieExportCell *row = vigie_export_sheet_add_row (sheet);
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *created = format_datetime (now);
  g_autofree char *joined = NULL;

  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inventory = g_ptr_array_index (inventories, i);

      if (is_hypervisor (inventory))
        g_ptr_array_add (servers, server_of (inventory));
    }
  g_ptr_array_add (servers, NULL);
  joined = g_strjoinv (", ", (char **) servers->pdata);
  /* RVTools' two version columns stay empty: this file is not RVTools'. */
  vigie_export_cell_set_text (sheet, row, "xlsx creation datetime", created);
  vigie_export_cell_set_text (sheet, row, "Server", joined);
  vigie_export_cell_set_text (sheet, row, "Generator", "Vigie " PACKAGE_VERSION);
}

gboolean
vigie_export_rvtools (GPtrArray          *inventories,
                      GListModel         *coverage,
                      gint64              now,
                      VigieExportFormat   format,
                      const char         *path,
                      GError            **error)
{
  g_autoptr(GPtrArray) sheets = NULL;

  g_return_val_if_fail (inventories != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  sheets = vigie_export_sheets_new ();
  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inventory = g_ptr_array_index (inventories, i);

      if (is_hypervisor (inventory))
        fill_inventory (sheets, inventory, coverage);
    }
  fill_metadata (sheets, inventories, now);

  if (format == VIGIE_EXPORT_RVTOOLS_CSV)
    return vigie_export_write_csv (sheets, path, error);
  return vigie_export_write_xlsx (sheets, path, error);
}

gboolean
vigie_export_estate (GPtrArray          *inventories,
                     gint64              now,
                     double              rpo_hours,
                     VigieExportFormat   format,
                     const char         *path,
                     GError            **error)
{
  g_autoptr(GListStore) coverage = NULL;

  g_return_val_if_fail (inventories != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  coverage = vigie_coverage_compute (inventories, now, rpo_hours);
  return vigie_export_rvtools (inventories, G_LIST_MODEL (coverage), now, format, path, error);
}

typedef struct {
  GPtrArray          *inventories;
  gint64              now;
  double              rpo_hours;
  VigieExportFormat   format;
  char               *path;
} EstateJob;

static void
estate_job_free (EstateJob *job)
{
  g_ptr_array_unref (job->inventories);
  g_free (job->path);
  g_free (job);
}

static void
estate_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  EstateJob *job = task_data;
  GError *error = NULL;

  if (vigie_export_estate (job->inventories, job->now, job->rpo_hours, job->format, job->path,
                           &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
vigie_export_estate_async (GPtrArray           *inventories,
                           gint64               now,
                           double               rpo_hours,
                           VigieExportFormat    format,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EstateJob *job;

  g_return_if_fail (inventories != NULL);
  g_return_if_fail (path != NULL);

  job = g_new0 (EstateJob, 1);
  job->inventories = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < inventories->len; i++)
    g_ptr_array_add (job->inventories, g_object_ref (g_ptr_array_index (inventories, i)));
  job->now = now;
  job->rpo_hours = rpo_hours;
  job->format = format;
  job->path = g_strdup (path);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_export_estate_async);
  g_task_set_task_data (task, job, (GDestroyNotify) estate_job_free);
  g_task_run_in_thread (task, estate_thread);
}

gboolean
vigie_export_estate_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
