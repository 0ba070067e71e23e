/* vigie-incus-parse.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions from the Incus (and LXD 5.x) REST API's JSON to Vigie's
 * resource objects. No I/O: unit tested with fixture files.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-resources.h"

G_BEGIN_DECLS

/* What GET /1.0 says about the server. Strings are NULL when absent. */
typedef struct {
  char     *server;            /* "incus" or "lxd" */
  char     *server_version;
  char     *server_name;
  char     *api_version;
  gboolean  trusted;
  gboolean  clustered;
  char     *kernel;
  char     *kernel_version;
  char     *driver;
  char     *driver_version;
  char     *storage;
  char     *os_name;
  char     *os_version;
  char     *certificate_fingerprint;
  GStrv     api_extensions;    /* never NULL */
} VigieIncusServer;

void              vigie_incus_server_free            (VigieIncusServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieIncusServer, vigie_incus_server_free)
VigieIncusServer *vigie_incus_parse_server           (JsonNode         *metadata,
                                                      GError          **error);
gboolean          vigie_incus_server_has_extension   (VigieIncusServer *server,
                                                      const char       *name);

/* The envelope of every reply: returns (transfer full) its metadata (a null
 * node when absent) for "sync" and "async" replies, and the operation URL of
 * an async one; an "error" envelope becomes an error with the server's
 * message (403 → AUTH_FAILED/NOT_ALLOWED, 404 → NOT_FOUND). */
JsonNode         *vigie_incus_parse_envelope         (JsonNode         *root,
                                                      char            **operation,
                                                      GError          **error);

/* An operation object (the metadata of an async reply or of …/wait). */
typedef struct {
  char       *id;
  char       *klass;           /* task, websocket, token */
  char       *status;
  int         status_code;     /* 103 running, 200 success, 400 failure, 401 cancelled */
  char       *err;
  int         return_code;     /* metadata.return of an exec; VIGIE_UNSET when absent */
  GHashTable *fds;             /* exec/console: fd name → websocket secret */
} VigieIncusOperation;

void                 vigie_incus_operation_free      (VigieIncusOperation *op);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieIncusOperation, vigie_incus_operation_free)
VigieIncusOperation *vigie_incus_parse_operation     (JsonNode         *metadata,
                                                      GError          **error);
gboolean             vigie_incus_operation_is_done   (VigieIncusOperation *op);

VigieInstanceState vigie_incus_parse_status          (const char       *status,
                                                      gint64            status_code);
/* One Instance (recursion=1) or InstanceFull (recursion=2) object. */
VigieInstance    *vigie_incus_parse_instance         (JsonObject       *object);
/* vigie-incus-parse-devices.c: disks, nics and snapshots one by one. */
void              vigie_incus_parse_instance_devices (JsonObject       *object,
                                                      VigieInstance    *instance);
/* GPtrArray of VigieInstance from a list of objects (URL strings are skipped). */
GPtrArray        *vigie_incus_parse_instances        (JsonNode         *metadata,
                                                      GError          **error);
/* One element of an instance list, read as the reply is split
 * (vigie_incus_request_list_async()): the instance (NULL when it could not
 * be read), its name and project ("default" when absent), and its backups
 * when the element lists them (InstanceFull has "backups": an array or
 * null) — else backups_listed is FALSE and they are asked for apart. */
typedef struct {
  VigieInstance *instance;
  char          *name;
  char          *project;
  GPtrArray     *backups;          /* VigieBackupItem, or NULL */
  gboolean       backups_listed;
} VigieIncusListEntry;

void              vigie_incus_list_entry_free        (gpointer          entry);
/* A VigieJsonElementFunc: NULL for an element without a name (a URL string
 * of recursion=0, …). Runs in any thread. */
gpointer          vigie_incus_parse_list_entry       (JsonNode         *element,
                                                      gpointer          unused);
/* GPtrArray of VigieBackupItem (source INCUS) from …/backups?recursion=1. */
GPtrArray        *vigie_incus_parse_backups          (JsonNode         *metadata,
                                                      const char       *instance,
                                                      const char       *project,
                                                      GError          **error);
/* Project names from /1.0/projects (URLs or objects). */
GStrv             vigie_incus_parse_names            (JsonNode         *metadata,
                                                      GError          **error);
char             *vigie_incus_name_from_url          (const char       *url);
/* A storage pool (recursion=1 object) and its …/resources, which may be NULL. */
VigieStorage     *vigie_incus_parse_storage_pool     (JsonObject       *pool,
                                                      JsonNode         *resources);
/* space.total / space.used of a pool's …/resources; leaves absent ones as they are. */
void              vigie_incus_parse_pool_space       (JsonNode         *resources,
                                                      gint64           *total,
                                                      gint64           *used);
/* A host from /1.0/resources (may be NULL) named name. */
VigieHost        *vigie_incus_parse_host             (const char       *name,
                                                      JsonNode         *resources);
/* GPtrArray of VigieHost from /1.0/cluster/members?recursion=1. */
GPtrArray        *vigie_incus_parse_cluster_members  (JsonNode         *metadata,
                                                      GError          **error);

/* A trust token (base64 of a JSON CertificateAddToken). */
typedef struct {
  char   *client_name;
  char   *fingerprint;         /* normalised: lower-case hex without colons */
  GStrv   addresses;           /* never NULL */
  char   *secret;
  gint64  expires_at;          /* 0 when none */
} VigieIncusToken;

void              vigie_incus_token_free             (VigieIncusToken  *token);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieIncusToken, vigie_incus_token_free)
VigieIncusToken  *vigie_incus_parse_token            (const char       *token,
                                                      GError          **error);

/* A /1.0/events message; FALSE when it is not a lifecycle event about an
 * instance. *name is the instance name (a snapshot or backup event names
 * its instance). */
gboolean          vigie_incus_parse_event            (JsonNode         *root,
                                                      char            **project,
                                                      char            **name,
                                                      char            **action);

/* "512MiB", "1GB", "2048" → bytes; VIGIE_UNSET for percentages and garbage. */
gint64            vigie_incus_parse_size             (const char       *text);
/* limits.cpu: "2" → 2, "0-3" → 4, "0,2,4" → 3; VIGIE_UNSET when unparsable. */
gint64            vigie_incus_parse_cpu_limit        (const char       *text);

G_END_DECLS
