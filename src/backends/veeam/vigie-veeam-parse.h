/* vigie-veeam-parse.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions: Veeam Backup & Replication REST JSON in, Vigie resources
 * out. Enum values are compared without case (revisions changed it) and an
 * unknown value maps to none/unknown; a missing or mistyped member is null.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-resources.h"

G_BEGIN_DECLS

/* What the backend needs to join backups, objects and jobs. */
typedef struct {
  char *id;
  char *job_id;
  char *name;          /* the job's name at backup time */
} VigieVeeamBackup;

typedef struct {
  char *id;
  char *name;
  char *type;          /* "VM", … */
  char *object_id;     /* vSphere moref ("vm-42") */
  char *uuid;
  char *host;
  char *platform;
} VigieVeeamObject;

typedef struct {
  char           *id;
  char           *job_id;
  VigieJobResult  result;
  char           *message;
  gint64          creation_time;
} VigieVeeamSession;

void               vigie_veeam_backup_free       (VigieVeeamBackup  *backup);
void               vigie_veeam_object_free       (VigieVeeamObject  *object);
void               vigie_veeam_session_free      (VigieVeeamSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieVeeamObject, vigie_veeam_object_free)

gboolean           vigie_veeam_parse_token       (JsonNode    *root,
                                                  char       **access_token,
                                                  char       **refresh_token,
                                                  gint64      *expires_in);
GPtrArray         *vigie_veeam_parse_revisions   (const char  *text);
int                vigie_veeam_compare_revisions (const char  *a,
                                                  const char  *b);
gboolean           vigie_veeam_parse_page        (JsonNode    *root,
                                                  JsonArray  **data,
                                                  gint64      *total);
gboolean           vigie_veeam_parse_server_info (JsonNode    *root,
                                                  char       **name,
                                                  char       **build,
                                                  char       **platform);
char              *vigie_veeam_parse_license     (JsonNode    *root,
                                                  char       **status);
VigieJobResult     vigie_veeam_parse_result      (const char  *text);
/* "backup", "replica", "backup-copy", "file-backup", "agent-backup",
 * "entra-id-backup", "object-storage-backup", another type lower-cased, or
 * "unknown". */
const char        *vigie_veeam_job_kind          (const char  *type);
GPtrArray         *vigie_veeam_parse_repositories (JsonArray  *items);
GPtrArray         *vigie_veeam_parse_job_states  (JsonArray   *items,
                                                  GHashTable  *session_ids);
void               vigie_veeam_apply_jobs        (JsonArray   *items,
                                                  GPtrArray   *jobs,
                                                  GHashTable  *includes);
GHashTable        *vigie_veeam_parse_backups     (JsonArray   *items);
GPtrArray         *vigie_veeam_parse_objects     (JsonArray   *items);
GHashTable        *vigie_veeam_parse_sessions    (JsonArray   *items);
GPtrArray         *vigie_veeam_parse_restore_points (JsonArray        *items,
                                                     VigieVeeamObject *object,
                                                     GHashTable       *backups,
                                                     GHashTable       *job_names);

G_END_DECLS
