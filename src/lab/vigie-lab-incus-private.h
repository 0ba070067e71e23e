/* vigie-lab-incus-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo lab's Incus server: its state, the JSON it answers with
 * (vigie-lab-incus-json.c) and its websockets
 * (vigie-lab-incus-websockets.c).
 */

#pragma once

#include "vigie-lab-shell.h"

#include <json-glib/json-glib.h>

#include "vigie-lab.h"

G_BEGIN_DECLS

#define GIB ((gint64) 1024 * 1024 * 1024)
#define MIB ((gint64) 1024 * 1024)

typedef struct {
  char      *name;
  char      *project;
  gboolean   vm;
  char      *status;      /* Running, Stopped, Frozen */
  char      *os;
  char      *release;
  int        cpus;
  gint64     memory;
  gint64     disk;
  guint      address;     /* last octet of 10.66.0.x, 0 for none */
  GPtrArray *snapshots;   /* char* name */
  GPtrArray *backups;     /* char* "name@created" */
  gint64     cpu_ns;      /* CPU time at born_us */
  gint64     born_us;     /* monotonic time the lab made it */
} LabInstance;

typedef struct {
  char       *id;
  char       *klass;
  char       *status;
  int         code;
  char       *err;
  char       *resource;
  char       *secret_data;
  char       *secret_control;
  int         return_code;
  GPtrArray  *sockets;    /* exec websockets */
  LabShell   *shell;      /* exec: what answers on the data socket */
} LabOperation;

typedef struct {
  VigieLabService *service;
  GHashTable      *trusted;      /* fingerprints */
  GPtrArray       *instances;
  GHashTable      *operations;   /* id → LabOperation */
  GPtrArray       *listeners;    /* event websockets */
  guint            serial;
  gboolean         legacy;       /* behave like a server without instance_all_projects */
  gboolean         clustered;    /* two members, the second offline */
} LabIncus;
char         *lab_incus_iso_time      (gint64             unix_seconds);
void          lab_incus_reply         (SoupServerMessage *msg,
                                       guint              status,
                                       JsonBuilder       *builder);
JsonBuilder  *lab_incus_sync_begin    (void);
void          lab_incus_sync_end      (SoupServerMessage *msg,
                                       JsonBuilder       *b);
void          lab_incus_reply_error   (SoupServerMessage *msg,
                                       guint              status,
                                       const char        *message);
int           lab_incus_status_code_of (const char       *status);
char         *lab_incus_instance_url  (LabInstance       *instance);
void          lab_incus_add_state     (JsonBuilder       *b,
                                       LabInstance       *instance);
void          lab_incus_add_backups   (JsonBuilder       *b,
                                       LabInstance       *instance,
                                       gboolean           full);
void          lab_incus_add_instance  (JsonBuilder       *b,
                                       LabIncus          *lab,
                                       LabInstance       *instance,
                                       int                recursion);
LabOperation *lab_incus_new_operation (LabIncus          *lab,
                                       const char        *klass,
                                       const char        *resource);
void          lab_incus_add_operation (JsonBuilder       *b,
                                       LabOperation      *op);
void          lab_incus_reply_async   (SoupServerMessage *msg,
                                       LabOperation      *op);

/* vigie-lab-incus-websockets.c */
void          lab_incus_emit_event    (LabIncus                *lab,
                                       LabInstance             *instance,
                                       const char              *action,
                                       const char              *suffix);
gboolean      lab_incus_is_trusted    (LabIncus                *lab,
                                       SoupServerMessage       *msg);
void          lab_incus_events_ws     (SoupServer              *server,
                                       SoupServerMessage       *msg,
                                       const char              *path,
                                       SoupWebsocketConnection *conn,
                                       gpointer                 user_data);
void          lab_incus_operations_ws (SoupServer              *server,
                                       SoupServerMessage       *msg,
                                       const char              *path,
                                       SoupWebsocketConnection *conn,
                                       gpointer                 user_data);

G_END_DECLS
