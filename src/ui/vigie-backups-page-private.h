/* vigie-backups-page-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by vigie-backups-page.c (the widgets) and
 * vigie-backups-page-compute.c (computing and applying the coverage).
 */

#pragma once

#include "vigie-backups-page.h"
#include "vigie-coverage-round.h"

G_BEGIN_DECLS

struct _VigieBackupsPage
{
  AdwBin               parent_instance;

  VigieMonitor        *monitor;
  GSettings           *settings;
  VigieClock          *clock;
  double               rpo_hours;
  GPtrArray           *inventories;     /* VigieInventory, as last computed */
  GListStore          *coverage;        /* VigieCoverage */
  GListStore          *jobs;            /* VigieJob */
  GListStore          *previous_coverage;
  GListStore          *previous_jobs;
  VigieCoverageSummary summary;
  char                *search_text;     /* casefolded, NULL when empty */
  char                *endpoint;        /* the sidebar's endpoint, NULL for all */
  char                *details_key;     /* instance key of the row in the panel */
  char                *storage_key;     /* what the storage rows show */
  GCancellable        *cancellable;
  VigieCoverageRound  *round;           /* the monitor's, borrowed */
  guint                n_applied;       /* for tests: round results shown */
  int                  status_filter;   /* VigieBackupStatus or -1 */
  gboolean             compact;         /* one column, for a narrow window */
  gboolean             rows_bound;      /* the views have their models: shown once */
  guint                compact_idle;

  GtkCustomFilter     *endpoint_filter;
  GtkFilterListModel  *endpoint_rows;   /* coverage of the selected endpoint */
  GtkCustomFilter     *jobs_filter;
  GtkFilterListModel  *endpoint_jobs;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;

  /* template children */
  GtkStack            *stack;
  AdwFlap             *flap;
  GtkLabel            *total_label;
  GtkLabel            *errors_label;
  GtkDrawingArea      *chart;
  GtkLabel            *protected_label;
  GtkLabel            *stale_label;
  GtkLabel            *unprotected_label;
  GtkLabel            *failed_label;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_dropdown;
  GtkScrolledWindow   *table_scroller;
  GtkColumnView       *column_view;
  GtkLabel            *no_match_label;
  GtkListBox          *jobs_list;
  GtkListBox          *storage_list;
  GtkLabel            *details_title;
  GtkLabel            *details_subtitle;
  GtkLabel            *details_status;
  GtkLabel            *details_ambiguous;
  GtkListBox          *details_list;
  GtkLabel            *details_hint;
  GtkButton           *backup_button;
  GtkLabel            *backup_reason;
  GtkWidget           *details_backups_heading;
  GtkStack            *sections;
};

/* vigie-backups-page.c */
void vigie_backups_page_update_all     (VigieBackupsPage *self);
void vigie_backups_page_show_details   (VigieBackupsPage *self,
                                        VigieCoverage    *row);
void vigie_backups_page_emit_changes   (VigieBackupsPage *self,
                                        GPtrArray        *changes);

/* vigie-backups-page-compute.c */
/* Computes on the main thread and shows the result; with notify, signals
 * what got worse since the previous computation. */
void vigie_backups_page_recompute      (VigieBackupsPage *self,
                                        gboolean          notify);
void vigie_backups_page_take_inventories (VigieBackupsPage *self);
/* Follows the coverage the monitor's VigieCoverageRound computes. */
void vigie_backups_page_follow_round   (VigieBackupsPage *self);

G_END_DECLS
