/* vigie-coverage.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backup coverage: which instance of which hypervisor endpoint has a recent
 * backup anywhere (Proxmox VE storage, PBS, Veeam, Incus), per the
 * contract's "Backup correlation" section. Pure: inventories, a time and an
 * RPO in, results out; no I/O, no wall clock.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-endpoint-store.h"
#include "vigie-inventory.h"
#include "vigie-report-doc.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_COVERAGE (vigie_coverage_get_type ())

G_DECLARE_FINAL_TYPE (VigieCoverage, vigie_coverage, VIGIE, COVERAGE, GObject)

/**
 * VigieCoverage:
 *
 * One row of the coverage table: one instance and its newest backup. A
 * plain record like the resources; "status" and "instance-name" are also
 * read-only properties so that list models can sort and filter on them.
 */
struct _VigieCoverage
{
  GObject            parent_instance;

  char              *endpoint;
  char              *endpoint_uuid;  /* with project and instance_id: its identity */
  char              *instance_id;
  char              *instance_name;
  char              *project;        /* Incus project; NULL elsewhere */
  VigieInstanceType  type;
  gint64             last_backup;    /* newest good backup, 0 when none */
  double             age_hours;      /* < 0 when there is no backup */
  char              *source;         /* where the newest backup is; NULL when none */
  guint              backup_count;   /* distinct good backups */
  VigieVerified      verified;       /* of the newest backup */
  VigieBackupStatus  status;
  gboolean           ambiguous;      /* some backup could belong to it and to another */
  gint64             last_failure;   /* newest failed attempt, 0 when none */
  GPtrArray         *backups;        /* VigieBackupItem (owned): distinct backups and
                                      * failed attempts matched to it, newest first;
                                      * NULL when none (a list store per row was 2 MB
                                      * per 10,000 rows, held by every round) */
};

typedef struct {
  guint instances;
  guint protected_;
  guint stale;
  guint unprotected;
  guint failed;
} VigieCoverageSummary;

/* What changed between two refreshes that deserves a notification. */
typedef enum {
  VIGIE_COVERAGE_CHANGE_INSTANCE,  /* was protected, is not any more */
  VIGIE_COVERAGE_CHANGE_JOB,       /* its last result became failed */
} VigieCoverageChangeKind;

typedef struct {
  VigieCoverageChangeKind  kind;
  char                    *endpoint;
  char                    *name;        /* instance or job name */
  VigieBackupStatus        old_status;  /* instances only */
  VigieBackupStatus        new_status;  /* instances only */
  char                    *message;     /* the job's error, when known */
} VigieCoverageChange;

VigieCoverage *vigie_coverage_new             (void);
/* A row that stays shown as it gets older: with @notify, "notify::age-hours"
 * (its cells show the age again). */
void           vigie_coverage_set_age_hours   (VigieCoverage *self,
                                               double         age_hours,
                                               gboolean       notify);

/* inventories: VigieInventory*. Returns a GListStore of VigieCoverage, one
 * per VM or container of every esxi, proxmox and incus inventory, in the
 * inventories' order, but for templates without any backup (a template
 * never runs: it is not an unprotected guest). An instance is protected
 * when the age of its newest backup is <= rpo_hours (to the second). */
GListStore    *vigie_coverage_compute         (GPtrArray            *inventories,
                                               gint64                now,
                                               double                rpo_hours);
/* Copies the pinned certificate fingerprint of each PBS endpoint of @store
 * into its inventory's extra "fingerprint" (unless the backend set one), so
 * that a PVE pbs storage configured by IP still finds its PBS. */
void           vigie_coverage_note_fingerprints (GPtrArray          *inventories,
                                                 VigieEndpointStore *store);
/* Every backup job (kind NULL, "vzdump" or containing "backup") of every
 * inventory: VigieJob. */
GListStore    *vigie_coverage_collect_jobs    (GPtrArray            *inventories);
void           vigie_coverage_summarize       (GListModel           *coverage,
                                               VigieCoverageSummary *summary);
/* "pbs:ENDPOINT/DATASTORE[/NS]", "vzdump:ENDPOINT/STORAGE", … for one item. */
char          *vigie_coverage_describe_source (VigieBackupItem      *item);

/* old_*: the previous round (NULL on the first one: no change then).
 * Returns VigieCoverageChange* (free with vigie_coverage_change_free). */
GPtrArray     *vigie_coverage_diff            (GListModel           *old_coverage,
                                               GListModel           *new_coverage,
                                               GListModel           *old_jobs,
                                               GListModel           *new_jobs);
void           vigie_coverage_change_free     (VigieCoverageChange  *change);

/* "vigie.backups/1" and its table and CSV views (vigie-coverage-report.c). */
JsonNode      *vigie_report_backups_json      (GPtrArray            *inventories,
                                               GListModel           *coverage,
                                               GListModel           *jobs,
                                               double                rpo_hours,
                                               gint64                now);
char          *vigie_report_backups_table     (GPtrArray            *inventories,
                                               GListModel           *coverage,
                                               GListModel           *jobs);
char          *vigie_report_backups_csv       (GListModel           *coverage);
/* The table view's pieces, for the report documents: rows of GStrv (first
 * the header), and the "N instances: …" line. */
GPtrArray     *vigie_report_backups_rows      (GListModel           *coverage);
GPtrArray     *vigie_report_jobs_rows         (GListModel           *jobs);
char          *vigie_report_backups_summary   (GListModel           *coverage);
/* The backup coverage as a document (vigie-report-docs.c). */
VigieReportDoc *vigie_report_backups_doc      (GPtrArray            *inventories,
                                               GListModel           *coverage,
                                               GListModel           *jobs,
                                               double                rpo_hours,
                                               gint64                now,
                                               const char           *lang);
/* "3 h", "5 d", "-" for people. */
char          *vigie_format_age               (double                hours);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieCoverageChange, vigie_coverage_change_free)

G_END_DECLS
