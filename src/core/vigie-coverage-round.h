/* vigie-coverage-round.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-coverage.h"
#include "vigie-monitor.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_COVERAGE_ROUND (vigie_coverage_round_get_type ())

G_DECLARE_FINAL_TYPE (VigieCoverageRound, vigie_coverage_round, VIGIE, COVERAGE_ROUND, GObject)

/* What one computation found, for the inventories the monitor held when it
 * started. Read on the main thread only. */
typedef struct {
  guint                serial;         /* increases with each computation started */
  gboolean             end_of_round;   /* started by the monitor's "refreshed" */
  guint                names_generation; /* vigie_inventory_names_generation() at start */
  GPtrArray           *inventories;    /* the monitor's VigieInventory (not the copies) */
  gint64               now;
  double               rpo_hours;
  VigieClock          *clock;          /* where now came from */
  GListStore          *coverage;       /* VigieCoverage of every inventory */
  GListStore          *jobs;           /* VigieJob */
  GListModel          *diffed;         /* the coverage changes is against, NULL for none */
  GPtrArray           *changes;        /* VigieCoverageChange since the previous result */
  VigieCoverageSummary answered;       /* coverage of the answered inventories only,
                                        * what the estate summary counts */
} VigieCoverageResult;

/* The one of @monitor (made on first use, it lives as long as @monitor):
 * the backup coverage, computed once per refresh round on a worker thread,
 * for every page that shows it. */
VigieCoverageRound        *vigie_coverage_round_get        (VigieMonitor       *monitor);
/* Starts a computation now, over the monitor's current inventories; one
 * still running is cancelled and its result never delivered. */
void                       vigie_coverage_round_start      (VigieCoverageRound *self,
                                                            gboolean            end_of_round);
gboolean                   vigie_coverage_round_is_busy    (VigieCoverageRound *self);
/* The newest result delivered ("computed" was emitted), or NULL. */
const VigieCoverageResult *vigie_coverage_round_get_result (VigieCoverageRound *self);

/* Calls @destroy on @data on a worker thread: what 10,000 guests hold
 * takes a tenth of a second to free. Only for what no other thread uses
 * (references dropped, or plain data). */
void                       vigie_drop_later                (gpointer            data,
                                                            GDestroyNotify      destroy);

/* For tests: called in each computation's thread, at its start and (done)
 * once it returned its result. */
typedef void (*VigieCoverageRoundHook) (gboolean done,
                                        gpointer user_data);
void                       vigie_coverage_round_set_hook   (VigieCoverageRoundHook hook,
                                                            gpointer               user_data);

G_END_DECLS
