/* vigie-resources.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The resource objects every backend produces: instances, hosts, storage,
 * backups and backup jobs. They are plain records with public fields, so
 * parsers fill them directly and list views read them directly; each is a
 * GObject so it can sit in a GListStore.
 *
 * Conventions: a string the backend does not provide is NULL; an integer is
 * VIGIE_UNSET (-1); a fraction is a negative number; a time is a Unix time in
 * seconds, 0 when unknown. Those become JSON null, never a made-up value.
 */

#pragma once

#include <gio/gio.h>

#include "vigie-devices.h"
#include "vigie-enums.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_INSTANCE    (vigie_instance_get_type ())
#define VIGIE_TYPE_HOST        (vigie_host_get_type ())
#define VIGIE_TYPE_STORAGE     (vigie_storage_get_type ())
#define VIGIE_TYPE_BACKUP_ITEM (vigie_backup_item_get_type ())
#define VIGIE_TYPE_JOB         (vigie_job_get_type ())

G_DECLARE_FINAL_TYPE (VigieInstance, vigie_instance, VIGIE, INSTANCE, GObject)
G_DECLARE_FINAL_TYPE (VigieHost, vigie_host, VIGIE, HOST, GObject)
G_DECLARE_FINAL_TYPE (VigieStorage, vigie_storage, VIGIE, STORAGE, GObject)
G_DECLARE_FINAL_TYPE (VigieBackupItem, vigie_backup_item, VIGIE, BACKUP_ITEM, GObject)
G_DECLARE_FINAL_TYPE (VigieJob, vigie_job, VIGIE, JOB, GObject)

struct _VigieInstance
{
  GObject             parent_instance;

  char               *endpoint;     /* endpoint name, set by the inventory */
  char               *endpoint_uuid; /* the endpoint's identity, set by the inventory */
  char               *id;           /* moref, VMID as string, Incus name */
  char               *name;
  VigieInstanceType   type;
  VigieInstanceState  state;
  char               *host;
  char               *project;      /* Incus project; NULL elsewhere */
  char               *os;
  gint64              cpus;
  gint64              memory_bytes;
  gint64              memory_used_bytes;
  double              cpu_usage;    /* 0..1, < 0 when unknown */
  gint64              disk_bytes;
  gint64              snapshots;
  GPtrArray          *addresses;    /* char* */
  GPtrArray          *tags;         /* char* */
  gboolean            template;
  char               *uuid;         /* ESXi config.uuid / instanceUuid, PVE smbios uuid */
  char               *pool;         /* Proxmox VE resource pool; NULL elsewhere */
  /* TRUE while the backend has not read this guest's details (snapshots,
   * addresses, OS) yet: they are read a few guests per refresh. */
  gboolean            details_pending;
  /* Whether a scheduled backup job covers it: 1, 0 (no job names it), or
   * VIGIE_UNSET when the backend cannot tell. */
  int                 in_backup_job;
  GHashTable         *extra;        /* backend-specific string facts (char* -> char*) */
  /* One by one, NULL when the backend did not read them (vigie-devices.h). */
  GPtrArray          *disks;        /* VigieDisk* */
  GPtrArray          *nics;         /* VigieNic* */
  GPtrArray          *snapshot_list; /* VigieSnapshot*, oldest first */
};

struct _VigieHost
{
  GObject         parent_instance;

  char           *endpoint_uuid;  /* set by the inventory */
  char           *name;
  VigieHostState  state;
  char           *version;
  char           *build;
  gint64          cpu_cores;
  gint64          cpu_threads;
  gint64          cpu_sockets;    /* physical CPU packages */
  double          cpu_usage;
  gint64          memory_bytes;
  gint64          memory_used_bytes;
  gint64          uptime_seconds;
  char           *cpu_model;      /* "Intel(R) Xeon(R) …", as the server spells it */
  GHashTable     *extra;
};

struct _VigieStorage
{
  GObject     parent_instance;

  char       *endpoint_uuid;  /* set by the inventory */
  char       *name;
  char       *type;
  char       *host;         /* NULL for shared storage */
  gint64      total_bytes;
  gint64      used_bytes;
  gboolean    shared;
  gboolean    active;
  char       *content;      /* Proxmox content types, comma-separated */
  /* For a Proxmox VE storage of type pbs: where it writes. */
  char       *pbs_server;
  char       *pbs_datastore;
  char       *pbs_namespace;
  char       *pbs_fingerprint;
  gint64      pbs_port;       /* VIGIE_UNSET unless configured */
  GHashTable *extra;
};

typedef enum {
  VIGIE_BACKUP_SOURCE_VZDUMP = 0,  /* seen in a Proxmox VE storage (also PBS-backed) */
  VIGIE_BACKUP_SOURCE_PBS,         /* seen in a PBS datastore */
  VIGIE_BACKUP_SOURCE_VEEAM,       /* a Veeam restore point */
  VIGIE_BACKUP_SOURCE_INCUS,       /* an Incus instance backup */
} VigieBackupSource;

/* One backup (or one failed backup attempt, with failed = TRUE), as one
 * backup source sees it. The coverage engine matches it to an instance. */
struct _VigieBackupItem
{
  GObject            parent_instance;

  VigieBackupSource  source;
  char              *endpoint;       /* the endpoint that reported it */
  char              *endpoint_uuid;  /* its identity, set by the inventory */
  char              *location;       /* storage, datastore, or Veeam job name */
  char              *namespace_;     /* PBS namespace; NULL or "" for the root */
  char              *target_type;    /* "vm", "ct", "host" (PBS types), "vm"/"container" */
  char              *target_id;      /* VMID, moref, Incus name */
  char              *target_uuid;    /* ESXi BIOS/instance UUID when known */
  char              *target_name;
  char              *target_project; /* Incus project */
  char              *target_host;    /* vCenter/ESXi host name for Veeam objects */
  gint64             time;           /* backup time (Unix seconds) */
  gint64             size;
  VigieVerified      verified;
  gboolean           failed;         /* a failed attempt, not a usable backup */
  gboolean           protected_;
  char              *job;            /* job name, when known */
  char              *volid;          /* identity to count one backup once */
};

struct _VigieJob
{
  GObject         parent_instance;

  char           *endpoint;
  char           *endpoint_uuid;  /* set by the inventory */
  char           *id;
  char           *name;
  char           *kind;           /* "backup", "verify", "prune", "sync", "gc", … */
  int             enabled;        /* 1, 0, or VIGIE_UNSET */
  char           *schedule;
  VigieJobResult  last_result;
  gint64          last_run;       /* start of the last run; 0 when never */
  gint64          next_run;
  char           *message;        /* the last run's error, when it failed */
  char           *storage;        /* where it writes (a Proxmox VE storage), when known */
  char           *node;           /* the node it runs on, when it is pinned to one */
  GPtrArray      *targets;        /* instance ids it covers (char*), may be empty */
  gboolean        all_targets;    /* covers every guest ("all" in Proxmox) */
};

VigieInstance   *vigie_instance_new     (void);
VigieHost       *vigie_host_new         (void);
VigieStorage    *vigie_storage_new      (void);
VigieBackupItem *vigie_backup_item_new  (VigieBackupSource source);
VigieJob        *vigie_job_new          (void);

void             vigie_instance_add_address (VigieInstance *self,
                                             const char    *address);
void             vigie_instance_add_tag     (VigieInstance *self,
                                             const char    *tag);
void             vigie_resource_set_extra   (GHashTable   **extra,
                                             const char    *key,
                                             const char    *value);

const char      *vigie_backup_source_to_string (VigieBackupSource source);

/* An instance's identity across refreshes and renames: its endpoint's UUID,
 * its project (NULL is "") and its id. Names repeat across endpoints and
 * change; this does not. The key is a string, for hash tables and
 * selections; two instances have the same key only when all three match. */
char            *vigie_instance_key_build      (const char       *endpoint_uuid,
                                                const char       *project,
                                                const char       *id);
char            *vigie_instance_get_key        (VigieInstance    *self);
gboolean         vigie_instance_key_parse      (const char       *key,
                                                char            **endpoint_uuid,
                                                char            **project,
                                                char            **id);

G_END_DECLS
