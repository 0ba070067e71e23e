/* vigie-proxmox-parse.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions from Proxmox VE API JSON to Vigie resources. Nothing here
 * does I/O. Every reader accepts the API's quirks: numbers sent as strings,
 * booleans sent as 0/1, keys that are missing — a missing or mistyped value
 * is left unset, never guessed.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-resources.h"

G_BEGIN_DECLS

/* Scalars. */
gboolean            vigie_proxmox_json_get_int        (JsonObject  *object,
                                                       const char  *member,
                                                       gint64      *out);
gboolean            vigie_proxmox_json_get_double     (JsonObject  *object,
                                                       const char  *member,
                                                       double      *out);
/* JSON true/false, a number ≠ 0, or the strings "1"/"0". */
gboolean            vigie_proxmox_json_get_bool       (JsonObject  *object,
                                                       const char  *member,
                                                       gboolean    *out);
const char         *vigie_proxmox_json_get_string     (JsonObject  *object,
                                                       const char  *member);

/* The "data" member of a reply; VIGIE_ERROR_PROTOCOL when the envelope is
 * missing. The node is owned by @root. */
JsonNode           *vigie_proxmox_unwrap              (JsonNode    *root,
                                                       GError     **error);

GStrv               vigie_proxmox_split_tags          (const char  *tags);
VigieInstanceState  vigie_proxmox_guest_state         (const char  *status,
                                                       const char  *qmpstatus);
VigieHostState      vigie_proxmox_node_state          (const char  *status);

/* /version */
gboolean            vigie_proxmox_parse_version       (JsonNode    *data,
                                                       char       **version,
                                                       char       **release,
                                                       char       **repoid);

/* /cluster/status */
typedef struct {
  char       *name;          /* NULL for a standalone node */
  int         quorate;       /* 1, 0 or VIGIE_UNSET */
  gint64      n_nodes;
  GHashTable *node_online;   /* node name -> GINT_TO_POINTER (1 online, 2 offline) */
} VigieProxmoxCluster;

VigieProxmoxCluster *vigie_proxmox_parse_cluster_status (JsonNode *data);
void                 vigie_proxmox_cluster_free         (VigieProxmoxCluster *cluster);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieProxmoxCluster, vigie_proxmox_cluster_free)

/* /nodes → VigieHost */
GPtrArray          *vigie_proxmox_parse_nodes         (JsonNode    *data);
/* /nodes/N/status: cores, threads, uptime, memory */
void                vigie_proxmox_apply_node_status   (VigieHost   *host,
                                                       JsonNode    *data);

/* One guest from /cluster/resources (type qemu or lxc); NULL when it is not
 * a guest or has no vmid. */
VigieInstance      *vigie_proxmox_parse_guest         (JsonObject  *resource);
/* Every guest of /cluster/resources[?type=vm]. */
GPtrArray          *vigie_proxmox_parse_guests        (JsonNode    *data);
/* A guest on an offline node: what /cluster/resources reports is stale. */
void                vigie_proxmox_mark_guest_unknown  (VigieInstance *instance);

/* /nodes/N/qemu/V/config: ostype (instance->os) and whether the guest agent
 * is enabled. */
/* vigie-proxmox-parse-hardware.c: firmware, secure boot, controller and
 * passthrough extras from a QEMU guest's config. */
void                vigie_proxmox_apply_qemu_hardware (VigieInstance *instance,
                                                       JsonObject    *config);
void                vigie_proxmox_apply_qemu_config   (VigieInstance *instance,
                                                       JsonNode      *data,
                                                       gboolean      *agent_enabled);
/* /nodes/N/lxc/V/config: ostype. */
void                vigie_proxmox_apply_lxc_config    (VigieInstance *instance,
                                                       JsonNode      *data);
/* .../agent/network-get-interfaces and /nodes/N/lxc/V/interfaces. */
void                vigie_proxmox_apply_agent_interfaces (VigieInstance *instance,
                                                          JsonNode      *data);
void                vigie_proxmox_apply_lxc_interfaces   (VigieInstance *instance,
                                                          JsonNode      *data);
/* .../snapshot: the count, without the "current" pseudo-entry; -1 when the
 * reply is not a list. */
gint64              vigie_proxmox_count_snapshots     (JsonNode    *data);
/* vigie-proxmox-parse-devices.c: disks, NICs and snapshots one by one. */
void                vigie_proxmox_apply_config_devices (VigieInstance *instance,
                                                        JsonObject    *config,
                                                        gboolean       lxc);
void                vigie_proxmox_apply_snapshot_list (VigieInstance *instance,
                                                       JsonNode      *data);

/* /cluster/resources?type=storage merged with /storage (config, may be
 * NULL): one VigieStorage per shared storage, one per node and storage
 * otherwise. */
GPtrArray          *vigie_proxmox_parse_storage       (JsonNode    *resources,
                                                       JsonNode    *config);

/* /cluster/backup → VigieJob (kind "backup"). */
GPtrArray          *vigie_proxmox_parse_backup_jobs   (JsonNode    *data);

/* A task from /nodes/N/tasks or /cluster/tasks. */
typedef struct _VigieProxmoxTask VigieProxmoxTask;

/* Sets each job's last_run/last_result/message from the newest vzdump task
 * that can belong to it. PVE does not record which job started a task: a
 * task belongs to a job when the job may run on the task's node and, for a
 * single-guest task (id = vmid), when the job covers that guest; a
 * multi-guest task (empty id) may belong to any job of its node. */
void                vigie_proxmox_apply_job_runs      (GPtrArray   *jobs,
                                                       GPtrArray   *tasks);
/* The storage and node a job names (NULL when it names none). */
const char         *vigie_proxmox_job_get_storage     (VigieJob    *job);
const char         *vigie_proxmox_job_get_node        (VigieJob    *job);

struct _VigieProxmoxTask {
  char           *upid;
  char           *node;
  char           *type;
  char           *id;          /* vmid for single-guest tasks, "" otherwise */
  char           *user;
  gint64          starttime;
  gint64          endtime;
  char           *status;      /* NULL while running */
  VigieJobResult  result;
  /* From the head of a vzdump task's log, when read: */
  char           *storage;
  GStrv           vmids;
};

void                vigie_proxmox_task_free           (VigieProxmoxTask *task);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieProxmoxTask, vigie_proxmox_task_free)
GPtrArray          *vigie_proxmox_parse_tasks         (JsonNode    *data);
/* "OK" → success, "WARNINGS: n" → warning, other text → failed, NULL or
 * "RUNNING" → running. */
VigieJobResult      vigie_proxmox_task_result         (const char  *status);

/* The head of a vzdump task log ("INFO: starting new backup job: vzdump
 * 100 101 --storage pbs --mode snapshot") → the task's storage and guests.
 * FALSE when the log has no such line. */
gboolean            vigie_proxmox_apply_vzdump_log    (VigieProxmoxTask *task,
                                                       JsonNode         *data);

/* UPID:node:pid:pstart:starttime:type:id:user: → its parts. */
gboolean            vigie_proxmox_parse_upid          (const char  *upid,
                                                       char       **node,
                                                       char       **type,
                                                       char       **id,
                                                       gint64      *starttime);
/* /nodes/N/tasks/UPID/status: TRUE when it has stopped; exitstatus set then. */
gboolean            vigie_proxmox_parse_task_status   (JsonNode    *data,
                                                       gboolean    *stopped,
                                                       char       **exitstatus);
/* /nodes/N/tasks/UPID/log: the last @lines lines, joined by newlines. */
char               *vigie_proxmox_parse_task_log_tail (JsonNode    *data,
                                                       guint        lines);

/* /nodes/N/storage/S/content?content=backup → VigieBackupItem (source
 * VZDUMP, location = storage, namespace_ = namespace). */
GPtrArray          *vigie_proxmox_parse_backup_content (JsonNode   *data,
                                                        const char *storage,
                                                        const char *namespace_);
/* A failed vzdump task about one guest → a failed VigieBackupItem; NULL for
 * tasks that did not fail or that name no guest. */
VigieBackupItem    *vigie_proxmox_backup_item_from_task (const VigieProxmoxTask *task,
                                                         const char             *storage);

/* /cluster/backup-info/not-backed-up → the vmids, as strings. */
GStrv               vigie_proxmox_parse_not_backed_up (JsonNode    *data);

/* /access/ticket */
gboolean            vigie_proxmox_parse_ticket        (JsonNode    *data,
                                                       char       **ticket,
                                                       char       **csrf_token,
                                                       char       **username,
                                                       GError     **error);
/* /nodes/N/termproxy */
gboolean            vigie_proxmox_parse_termproxy     (JsonNode    *data,
                                                       gint64      *port,
                                                       char       **ticket,
                                                       char       **user,
                                                       char       **upid);

/* /access/permissions: does the caller hold @privilege on @path (looking at
 * the path, then its parents)? TRUE/FALSE, or -1 when @data says nothing. */
int                 vigie_proxmox_has_privilege       (JsonNode    *data,
                                                       const char  *path,
                                                       const char  *privilege);

G_END_DECLS
