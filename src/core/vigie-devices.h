/* vigie-devices.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An instance's disks, network adapters and snapshots one by one, as its
 * backend read them (VMware virtual disks and NICs, Proxmox VE config
 * entries, Incus devices). The estate export's vDisk, vNetwork and
 * vSnapshot sheets and `vigiectl inventory` show them. Same conventions as
 * vigie-resources.h: NULL / VIGIE_UNSET / 0 when the backend did not say.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char   *label;          /* "Hard disk 1", "scsi0", "root" */
  char   *key;            /* ESXi device key */
  char   *uuid;           /* ESXi backing uuid */
  char   *path;           /* "[ds1] vm/vm.vmdk", "local-lvm:vm-100-disk-0" */
  char   *storage;        /* datastore, Proxmox VE storage, Incus pool */
  gint64  capacity_bytes;
  char   *controller;     /* "SCSI controller 0", "virtio-scsi-single" */
  gint64  unit;           /* unit number on its controller */
  char   *mode;           /* ESXi disk mode: persistent, independent_persistent, … */
  int     thin;           /* 1, 0 or VIGIE_UNSET */
} VigieDisk;

typedef struct {
  char      *label;       /* "Network adapter 1", "net0", "eth0" */
  char      *adapter;     /* vmxnet3, e1000e, virtio, veth, bridged, … */
  char      *network;     /* port group, bridge, Incus network */
  char      *mac;
  int        connected;   /* 1, 0 or VIGIE_UNSET */
  int        starts_connected;
  GPtrArray *addresses;   /* char*, the guest's addresses on this adapter */
} VigieNic;

typedef struct {
  char   *name;
  char   *description;
  gint64  time;           /* Unix seconds, 0 when unknown */
  char   *state;          /* the VM's power state when taken (vSphere spelling) */
  int     quiesced;       /* 1, 0 or VIGIE_UNSET */
} VigieSnapshot;

VigieDisk     *vigie_disk_new          (void);
void           vigie_disk_free         (VigieDisk     *disk);
VigieNic      *vigie_nic_new           (void);
void           vigie_nic_free          (VigieNic      *nic);
void           vigie_nic_add_address   (VigieNic      *nic,
                                        const char    *address);
VigieSnapshot *vigie_snapshot_new      (void);
void           vigie_snapshot_free     (VigieSnapshot *snapshot);

/* New arrays that own their elements. */
GPtrArray     *vigie_disk_array_new    (void);
GPtrArray     *vigie_nic_array_new     (void);
GPtrArray     *vigie_snapshot_array_new (void);

/* The NIC whose MAC address is @mac (any case, ':' or '-'), or NULL. */
VigieNic      *vigie_nic_array_find_mac (GPtrArray    *nics,
                                         const char   *mac);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieDisk, vigie_disk_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieNic, vigie_nic_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieSnapshot, vigie_snapshot_free)

G_END_DECLS
