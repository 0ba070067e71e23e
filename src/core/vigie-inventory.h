/* vigie-inventory.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-enums.h"
#include "vigie-resources.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_INVENTORY (vigie_inventory_get_type ())

G_DECLARE_FINAL_TYPE (VigieInventory, vigie_inventory, VIGIE, INVENTORY, GObject)

/**
 * VigieInventory:
 *
 * What one endpoint reported in one fetch: its product and version, its
 * hosts, instances and storage, and (when backups were asked for) the
 * backups and jobs it knows. The lists are GListStores that views bind to.
 */
struct _VigieInventory
{
  GObject       parent_instance;

  char         *endpoint;      /* endpoint name, for people */
  char         *endpoint_uuid; /* the endpoint's identity (it survives a rename) */
  VigieKind     kind;
  char         *url;
  VigieStatus   status;
  char         *error;         /* human message when status != ok */
  char         *product;
  char         *version;
  char         *build;
  char         *api_version;
  double        latency_ms;    /* < 0 when unknown */
  char         *license;       /* edition or licence name, when known */

  GListStore   *hosts;         /* VigieHost */
  GListStore   *instances;     /* VigieInstance */
  GListStore   *storage;       /* VigieStorage */
  GListStore   *backups;       /* VigieBackupItem */
  GListStore   *jobs;          /* VigieJob */
  GPtrArray    *warnings;      /* char*: partial failures */
  GHashTable   *extra;         /* char* -> char*: cluster name, quorum, … */
};

VigieInventory *vigie_inventory_new          (const char     *endpoint,
                                              VigieKind       kind,
                                              const char     *url);
/* The endpoint it belongs to, on itself and on every resource it holds:
 * the monitor calls it when a result arrives, so that one fetched before a
 * rename carries the endpoint's current name. */
void            vigie_inventory_set_endpoint (VigieInventory *self,
                                              const char     *name,
                                              const char     *uuid);
void            vigie_inventory_set_error    (VigieInventory *self,
                                              const GError   *error);
void            vigie_inventory_add_warning  (VigieInventory *self,
                                              const char     *format,
                                              ...) G_GNUC_PRINTF (2, 3);
void            vigie_inventory_add_instance (VigieInventory *self,
                                              VigieInstance  *instance);
void            vigie_inventory_add_host     (VigieInventory *self,
                                              VigieHost      *host);
void            vigie_inventory_add_storage  (VigieInventory *self,
                                              VigieStorage   *storage);
void            vigie_inventory_add_backup   (VigieInventory *self,
                                              VigieBackupItem *item);
void            vigie_inventory_add_job      (VigieInventory *self,
                                              VigieJob       *job);
VigieInstance  *vigie_inventory_find_instance (VigieInventory *self,
                                               const char     *id,
                                               const char     *project);

/* An inventory is not changed once the monitor holds it, but for a rename,
 * which rewrites the endpoint name of every resource it holds. A copy of
 * its own lists (and extra), sharing the resources, for a worker thread to
 * read while the main thread reads the original (a GListStore caches its
 * last position: two threads must not read one). */
VigieInventory *vigie_inventory_snapshot      (VigieInventory *self);
/* vigie_inventory_set_endpoint() for an inventory that snapshots may share
 * with a worker thread. It never waits for the worker: the names it
 * replaces stay readable until the last reader unlocks, and the names
 * generation changes, so a reader may see old and new names mixed and
 * knows its result is stale. */
void            vigie_inventory_rename        (VigieInventory *self,
                                               const char     *name,
                                               const char     *uuid);
/* Held by a worker thread while it reads the resources of snapshots. */
void            vigie_inventory_names_read_lock   (void);
void            vigie_inventory_names_read_unlock (void);
guint           vigie_inventory_names_generation  (void);

G_END_DECLS
