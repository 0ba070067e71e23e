/* vigie-migrate.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Migration readiness: for every VM of an ESXi endpoint, what it takes to
 * move it to Proxmox VE and to Incus; for every Proxmox VE guest, to Incus.
 * The rules and their sources are in the knowledge base ("migration"); the
 * table of rules is docs/migrate.md. Pure: inventories and coverage in,
 * checks out; no I/O.
 */

#pragma once

#include "vigie-coverage.h"
#include "vigie-inventory.h"
#include "vigie-knowledge.h"
#include "vigie-report-doc.h"

G_BEGIN_DECLS

typedef enum {
  VIGIE_MIGRATE_TO_PROXMOX = 1 << 0,
  VIGIE_MIGRATE_TO_INCUS   = 1 << 1,
} VigieMigrateTarget;

#define VIGIE_MIGRATE_TO_ALL (VIGIE_MIGRATE_TO_PROXMOX | VIGIE_MIGRATE_TO_INCUS)

typedef enum {
  VIGIE_READINESS_READY,
  VIGIE_READINESS_NEEDS_WORK,
  VIGIE_READINESS_BLOCKED,
} VigieReadiness;

/* How far one reason weighs: a note changes nothing, an unknown input is
 * said and left unknown, the other two set the verdict. */
typedef enum {
  VIGIE_REASON_NOTE,
  VIGIE_REASON_UNKNOWN,
  VIGIE_REASON_NEEDS_WORK,
  VIGIE_REASON_BLOCKS,
} VigieReasonLevel;

typedef struct {
  char             *rule;       /* knowledge-base rule id */
  VigieReasonLevel  level;
  char             *text;       /* in the checks' language */
  char             *detail;     /* what was seen ("pvscsi", "3 snapshots"), may be NULL */
  char             *source;     /* URL */
  char             *checked;    /* date the source was read */
} VigieMigrateReason;

#define VIGIE_TYPE_MIGRATE_CHECK (vigie_migrate_check_get_type ())

G_DECLARE_FINAL_TYPE (VigieMigrateCheck, vigie_migrate_check, VIGIE, MIGRATE_CHECK, GObject)

/* One guest and one target. A plain record. */
struct _VigieMigrateCheck
{
  GObject             parent_instance;

  char               *endpoint;
  VigieKind           kind;         /* the source's kind */
  char               *instance_id;
  char               *name;
  VigieInstanceType   type;
  char               *os;
  VigieMigrateTarget  target;
  VigieReadiness      verdict;      /* from the known facts only */
  GPtrArray          *reasons;      /* VigieMigrateReason*, blocking ones first */
  gint64              data_bytes;   /* provisioned disk, VIGIE_UNSET when unknown */
  char               *backup_path;  /* "veeam": a Veeam restore into the target exists */
};

const char     *vigie_migrate_target_to_string (VigieMigrateTarget target);
const char     *vigie_readiness_to_string      (VigieReadiness     verdict);
/* Translated, for tables. */
const char     *vigie_readiness_describe       (VigieReadiness     verdict);
const char     *vigie_reason_level_to_string   (VigieReasonLevel   level);
const char     *vigie_migrate_target_describe  (VigieMigrateTarget target);

/* inventories: VigieInventory*; coverage: VigieCoverage (may be NULL);
 * targets: a mask of VigieMigrateTarget; lang: "en", "fr" or NULL (the
 * locale's). Returns a GListStore of VigieMigrateCheck in inventory order. */
GListStore     *vigie_migrate_check_all   (GPtrArray      *inventories,
                                           GListModel     *coverage,
                                           VigieKnowledge *knowledge,
                                           guint           targets,
                                           const char     *lang);

/* vigie-migrate-report.c: the contract-style writers of vigiectl
 * migrate-check, and the Compare report's appendix. */
char           *vigie_migrate_to_json     (GListModel     *checks,
                                           GPtrArray      *inventories,
                                           gint64          now);
char           *vigie_migrate_to_table    (GListModel     *checks);
char           *vigie_migrate_to_csv      (GListModel     *checks);
/* A heading, a table of checks and the reasons with their sources. */
void            vigie_migrate_add_to_doc  (GListModel     *checks,
                                           VigieReportDoc *doc);

/* The Compare report's appendix, after its sources. */
void            vigie_migrate_append_markdown (GString        *out,
                                               GListModel     *checks);
void            vigie_migrate_append_html     (GString        *out,
                                               GListModel     *checks);
void            vigie_migrate_append_pdf      (VigieReportPdf *pdf,
                                               GListModel     *checks);

G_END_DECLS
