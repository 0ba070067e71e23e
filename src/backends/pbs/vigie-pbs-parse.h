/* vigie-pbs-parse.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions: Proxmox Backup Server JSON in, Vigie resources out. Each
 * takes the whole reply ({"data": …}) and never fails on a missing or
 * mistyped member: that value stays null.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-resources.h"

G_BEGIN_DECLS

typedef struct {
  char   *node;
  gint64  starttime;
  char   *worker_type;
  char   *worker_id;
  char   *user;
} VigiePbsUpid;

void            vigie_pbs_upid_clear            (VigiePbsUpid *upid);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VigiePbsUpid, vigie_pbs_upid_clear)

gboolean        vigie_pbs_parse_upid            (const char   *text,
                                                 VigiePbsUpid *upid);

JsonNode       *vigie_pbs_reply_data            (JsonNode     *root);
char           *vigie_pbs_parse_version         (JsonNode     *root,
                                                 char        **repoid);
gboolean        vigie_pbs_parse_ticket          (JsonNode     *root,
                                                 char        **ticket,
                                                 char        **csrf_token);
VigieHost      *vigie_pbs_parse_node_status     (JsonNode     *root,
                                                 const char   *name);
GPtrArray      *vigie_pbs_parse_datastores      (JsonNode     *list,
                                                 JsonNode     *usage,
                                                 const char   *host);
GPtrArray      *vigie_pbs_parse_namespaces      (JsonNode     *root);
GPtrArray      *vigie_pbs_parse_snapshots       (JsonNode     *root,
                                                 const char   *store,
                                                 const char   *ns);
GPtrArray      *vigie_pbs_parse_failed_backups  (JsonNode     *root);
GPtrArray      *vigie_pbs_parse_jobs            (JsonNode     *root,
                                                 const char   *kind);
VigieJobResult  vigie_pbs_task_result           (const char   *state);
gboolean        vigie_pbs_parse_backup_worker   (const char   *worker_id,
                                                 char        **store,
                                                 char        **ns,
                                                 char        **type,
                                                 char        **id);

G_END_DECLS
