/* vigie-estate-summary.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The estate at a glance: what every endpoint's latest inventory adds up to
 * (endpoints, hosts and instances by state, backup coverage, versions and
 * their support) and the alerts a sysadmin has to act on, each naming the
 * endpoint where to act. Pure: inventories, a time and an RPO in.
 */

#pragma once

#include <gio/gio.h>

#include "vigie-coverage.h"
#include "vigie-inventory.h"
#include "vigie-knowledge.h"

G_BEGIN_DECLS

/* A datastore at least this full (used / total) raises an alert. */
#define VIGIE_ESTATE_STORAGE_FULL 0.9

typedef enum {
  VIGIE_ALERT_UNREACHABLE = 0,     /* the endpoint did not answer, or refused us */
  VIGIE_ALERT_CERTIFICATE_CHANGED,
  VIGIE_ALERT_JOB_FAILED,
  VIGIE_ALERT_END_OF_SUPPORT,
  VIGIE_ALERT_SUPPORT_ENDING,
  VIGIE_ALERT_HOST_OFFLINE,
  VIGIE_ALERT_STORAGE_FULL,
} VigieAlertKind;

/* Where to act on an alert. */
typedef enum {
  VIGIE_ALERT_PLACE_ENDPOINT = 0,  /* the endpoint's overview */
  VIGIE_ALERT_PLACE_BACKUPS,       /* the Backups page, for that endpoint */
} VigieAlertPlace;

typedef struct {
  VigieAlertKind   kind;
  gboolean         error;      /* an error, else a warning */
  VigieAlertPlace  place;
  char            *endpoint;   /* the endpoint's name */
  char            *subject;    /* host, job or datastore name; NULL for the endpoint */
  char            *title;      /* translated: what is wrong */
  char            *detail;     /* translated: why, or since when (may be NULL) */
} VigieEstateAlert;

/* One version seen on the estate, with how many endpoints run it. */
typedef struct {
  VigieKind           kind;
  char               *product;  /* what the endpoints report, else the kind's product */
  char               *version;
  guint               endpoints;
  VigieSupportStatus  support;
  char               *line;     /* "Proxmox VE 8", NULL when the base does not know */
  char               *ends;     /* "2026-08-31", NULL when unknown */
} VigieEstateVersion;

typedef struct {
  guint                endpoints;
  guint                endpoints_ok;        /* answered (possibly with warnings) */
  guint                endpoints_failing;   /* answered with an error */
  guint                endpoints_pending;   /* not answered yet */
  guint                hosts;
  guint                hosts_online;
  guint                hosts_offline;
  guint                hosts_maintenance;
  guint                instances;           /* templates included */
  guint                running;
  guint                stopped;             /* templates excluded */
  guint                paused;              /* paused or suspended */
  guint                unknown;             /* state not known */
  guint                templates;
  guint                vms;
  guint                containers;
  VigieCoverageSummary coverage;
  gboolean             coverage_known;      /* FALSE: not computed yet */
  GPtrArray           *versions;            /* VigieEstateVersion*, by kind then product */
  GPtrArray           *alerts;              /* VigieEstateAlert*, errors first */
} VigieEstateSummary;

/* inventories: VigieInventory*, one per endpoint (a placeholder not yet
 * fetched counts as pending). now: Unix seconds. knowledge NULL is the
 * built-in base. */
VigieEstateSummary *vigie_estate_summary_compute  (GPtrArray          *inventories,
                                                   VigieKnowledge     *knowledge,
                                                   gint64              now,
                                                   double              rpo_hours);
/* The same, with the backup coverage of the answered inventories already
 * summed up (vigie_estate_summary_answered()), or unknown when @coverage is
 * NULL (coverage_known FALSE). */
VigieEstateSummary *vigie_estate_summary_compute_with_coverage (GPtrArray                  *inventories,
                                                                VigieKnowledge             *knowledge,
                                                                gint64                      now,
                                                                const VigieCoverageSummary *coverage);
/* The inventories the summary counts: status ok and fetched (borrowed). */
GPtrArray          *vigie_estate_summary_answered (GPtrArray          *inventories);
void                vigie_estate_summary_free     (VigieEstateSummary *summary);
/* Whether an inventory is a real answer, not the placeholder of an endpoint
 * not read yet. */
gboolean            vigie_estate_inventory_is_fetched (VigieInventory *inventory);
/* A stable key of an alert (kind, endpoint, subject), to keep its row. */
char               *vigie_estate_alert_key        (const VigieEstateAlert *alert);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieEstateSummary, vigie_estate_summary_free)

G_END_DECLS
