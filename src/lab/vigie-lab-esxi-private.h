/* vigie-lab-esxi-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo ESXi host's model (vigie-lab-esxi-model.c: VMs, snapshots, the
 * properties a RetrievePropertiesEx asks for) and its SOAP front
 * (vigie-lab-esxi.c). Lab code only: the backend never includes this.
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _LabSnapshot LabSnapshot;
struct _LabSnapshot
{
  int        id;
  char      *name;
  char      *description;
  gint64     created;
  GPtrArray *children;   /* LabSnapshot* */
};

typedef struct {
  char       *moref;
  char       *name;
  char       *power;     /* poweredOn, poweredOff, suspended */
  char       *guest;
  int         cpus;
  int         memory_mb;
  gint64      committed;
  char       *ip;
  gboolean    tools;
  gboolean    template_;
  char       *uuid;
  char       *instance_uuid;
  GPtrArray  *snapshots; /* roots */
  LabSnapshot *current;
  gboolean    efi;
  gboolean    secure_boot;
  gboolean    cbt;
  const char *controller; /* VirtualDevice type of its disk controller */
} LabVm;

typedef struct {
  char *state;
  char *error;           /* localizedMessage when state is "error" */
  char *result_type;
  char *result;
} LabTask;


typedef struct {
  char       *user;
  char       *password;
  gint64      now;
  GHashTable *sessions;  /* id → user */
  GPtrArray  *vms;       /* LabVm* */
  GHashTable *tasks;     /* moref → LabTask* */
  GHashTable *pending;   /* token → LabPending* */
  guint       next_task;
  int         next_snapshot;
  guint       next_view;
  guint       next_token;
} LabEsxi;


void          vigie_lab_esxi_snapshot_free (LabSnapshot *snapshot);
void          vigie_lab_esxi_vm_free       (LabVm       *vm);
void          vigie_lab_esxi_task_free     (LabTask     *task);
LabSnapshot  *vigie_lab_esxi_snapshot_new  (LabEsxi     *lab,
                                            const char  *name,
                                            const char  *description,
                                            gint64       created);
/* The demo VMs: eight of them, or scale when it is larger. */
void          vigie_lab_esxi_populate      (LabEsxi     *lab,
                                            guint        scale);
LabVm        *vigie_lab_esxi_find_vm       (LabEsxi     *lab,
                                            const char  *moref);
/* "Type\tmoref" strings of every object of a type, appended to objects. */
void          vigie_lab_esxi_add_objects   (LabEsxi     *lab,
                                            GPtrArray   *objects,
                                            const char  *type);
/* One <objects> element with the paths asked for its type; paths holds
 * {type, path} string pairs. */
void          vigie_lab_esxi_write_object  (LabEsxi     *lab,
                                            GString     *out,
                                            const char  *type,
                                            const char  *moref,
                                            GPtrArray   *paths);
void          vigie_lab_esxi_escape        (GString     *out,
                                            const char  *text);
char         *vigie_lab_esxi_iso_time      (gint64       unix_seconds);

G_END_DECLS
