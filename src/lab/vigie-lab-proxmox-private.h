/* vigie-lab-proxmox-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo Proxmox VE cluster's model (vigie-lab-proxmox-model.c), its
 * HTTP API (vigie-lab-proxmox.c, per node in vigie-lab-proxmox-node.c, per
 * guest in vigie-lab-proxmox-guest.c) and its node shell
 * (vigie-lab-proxmox-shell.c). Lab code only: the backend never includes
 * this.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-lab.h"

G_BEGIN_DECLS

#define DAY (24 * 60 * 60)
#define OFFLINE_NODE "pve3"
#define TOKEN_ID "root@pam!vigie"
#define USER "root@pam"

typedef struct {
  int        vmid;
  char      *name;
  gboolean   lxc;
  char      *node;
  char      *status;      /* running, stopped */
  char      *qmp;         /* running, paused, prelaunch (qemu) */
  gboolean   template;
  char      *tags;
  char      *hastate;
  gboolean   agent;
  char      *ostype;
  int        cpus;
  gint64     maxmem;
  gint64     maxdisk;
  char      *ip;
  GPtrArray *snapshots;   /* char* */
} LabGuest;

typedef struct {
  char      *upid;
  char      *node;
  char      *type;
  char      *id;
  char      *user;
  gint64     start;
  gint64     end;
  char      *exitstatus;
  int        polls_left;  /* "running" for that many status polls */
  GPtrArray *log;
} LabTask;

typedef struct {
  char    *storage;
  char    *node;          /* NULL for shared storage */
  char    *volid;
  int      vmid;
  gboolean lxc;
  gint64   ctime;
  gint64   size;
  char    *verify;        /* "ok", "failed" or NULL */
  char    *format;
} LabVolume;

typedef struct {
  gint64      now;
  char       *secret;
  GPtrArray  *guests;
  GPtrArray  *tasks;
  GPtrArray  *volumes;
  GHashTable *tickets;     /* ticket → CSRF token */
  GHashTable *vnc_tickets; /* vnc ticket → node */
  guint       pid;
  VigieLab   *lab;         /* unowned: to point the pbs storage at the lab's PBS */
  guint       latency_ms;  /* VIGIE_LAB_LATENCY_MS: answer like a busy pveproxy */
  GHashTable *delayed;     /* the timeout sources of requests still waiting */
} LabState;

static const char * const nodes[] = { "pve1", "pve2", "pve3" };

void        lab_pve_guest_free          (LabGuest                 *g);
void        lab_pve_task_free           (LabTask                  *t);
void        lab_pve_volume_free         (LabVolume                *v);
void        lab_pve_state_free          (LabState                 *state);
gint64      lab_pve_now                 (LabState                 *state);
void        lab_pve_add_volume          (LabState                 *state,
                                         const char               *storage,
                                         const char               *node,
                                         int                       vmid,
                                         gboolean                  lxc,
                                         gint64                    ctime,
                                         const char               *verify);
void        lab_pve_build_demo          (LabState                 *state,
                                         guint                     scale);
LabGuest   *lab_pve_find_guest          (LabState                 *state,
                                         int                       vmid);
gboolean    lab_pve_is_running          (LabGuest                 *g);
LabTask    *lab_pve_find_task           (LabState                 *state,
                                         const char               *upid);
/* A task of the lab's "now", still running for one status poll. */
LabTask    *lab_pve_start_task          (LabState                 *state,
                                         const char               *node,
                                         const char               *type,
                                         const char               *id,
                                         const char               *user,
                                         const char               *exitstatus);

/* vigie-lab-proxmox.c */
#define MEMBER_STR(b, k, v) G_STMT_START { json_builder_set_member_name (b, k); \
  json_builder_add_string_value (b, v); } G_STMT_END
#define MEMBER_INT(b, k, v) G_STMT_START { json_builder_set_member_name (b, k); \
  json_builder_add_int_value (b, v); } G_STMT_END
#define MEMBER_DBL(b, k, v) G_STMT_START { json_builder_set_member_name (b, k); \
  json_builder_add_double_value (b, v); } G_STMT_END

void        lab_pve_reply_builder       (SoupServerMessage        *msg,
                                         JsonBuilder              *builder);
void        lab_pve_reply_string        (SoupServerMessage        *msg,
                                         const char               *value);
void        lab_pve_reply_error         (SoupServerMessage        *msg,
                                         guint                     status,
                                         const char               *reason);
GHashTable *lab_pve_form_params         (SoupServerMessage        *msg);
/* Whether the cluster has a storage @name that holds backups. */
gboolean    lab_pve_storage_takes_backups (const char             *name);

/* vigie-lab-proxmox-node.c */
/* /nodes/{node}/…, split at the slashes in @parts ("nodes", node, …). */
void        lab_pve_handle_node         (LabState                 *state,
                                         SoupServerMessage        *msg,
                                         GHashTable               *query,
                                         const char               *user,
                                         char                    **parts);

/* vigie-lab-proxmox-guest.c */
void        lab_pve_handle_guest        (LabState                 *state,
                                         SoupServerMessage        *msg,
                                         const char               *node,
                                         const char               *user,
                                         GHashTable               *query,
                                         char                    **rest);
void        lab_pve_handle_termproxy    (LabState                 *state,
                                         SoupServerMessage        *msg,
                                         const char               *node,
                                         const char               *user);
/* The upgrade request of a terminal: valid only with a live vnc ticket. */
void        lab_pve_handle_vncwebsocket (LabState                 *state,
                                         SoupServerMessage        *msg,
                                         const char               *node,
                                         GHashTable               *query);

/* vigie-lab-proxmox-shell.c */
void        lab_pve_shell_handler       (SoupServer               *server,
                                         SoupServerMessage        *msg,
                                         const char               *path,
                                         SoupWebsocketConnection  *conn,
                                         gpointer                  user_data);

G_END_DECLS
