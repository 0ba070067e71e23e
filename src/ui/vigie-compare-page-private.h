/* vigie-compare-page-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What vigie-compare-page.c and vigie-compare-sections.c share.
 */

#pragma once

#include "vigie-wrap-box.h"
#include "vigie-compare-page.h"
#include "vigie-migrate-section.h"

G_BEGIN_DECLS

struct _VigieComparePage
{
  AdwBin            parent_instance;

  VigieMonitor     *monitor;
  GSettings        *settings;
  char             *weights[2];      /* per mode: a preset id or a JSON object of weights */
  VigieCompareMode  mode;
  VigieComparison  *comparison;
  GPtrArray        *keys[2];         /* per mode: the chosen column keys; NULL: automatic */
  GHashTable       *ranges;          /* criterion id → GtkRange (borrowed) */
  GPtrArray        *total_labels;    /* GtkLabel per column, the grid's totals row */
  GPtrArray        *cells;           /* VigieCompareCellView of the grid (borrowed) */
  GPtrArray        *headers;         /* the column headers of the grid (borrowed) */
  char             *shape;           /* mode, columns and criteria the grid was built for */
  gboolean          profile_saved;   /* hardware.json holds the user's profile */
  char             *profile_error;   /* why hardware.json could not be used, or NULL */
  VigieHardwareProfile profile;      /* the one shown in the spin buttons */
  char             *ranking_text;
  gboolean          updating;        /* sliders and presets set from code */
  gboolean          stale;           /* refreshed while hidden: rebuilt when shown or read */
  gboolean          compact;         /* a narrow window: the grid's compact layout */
  guint             compact_idle;

  /* template children */
  GtkToggleButton  *hypervisors_button;
  GtkToggleButton  *backup_button;
  GtkToggleButton  *migrate_button;
  VigieMigrateSection *migrate_section;
  GtkDropDown      *preset_dropdown;
  GtkButton        *export_button;
  VigieWrapBox     *chips_box;        /* wraps in a narrow window */
  GtkMenuButton    *add_button;
  GtkLabel         *ranking_label;
  GtkStack         *stack;
  GtkDrawingArea   *totals_chart;
  GtkGrid          *grid;
  GtkLabel         *counted_label;
  GtkDrawingArea   *cost_chart;
  GtkBox           *cost_box;
  GtkButton        *prices_button;
  GtkSpinButton    *hosts_spin;
  GtkSpinButton    *sockets_spin;
  GtkSpinButton    *cores_spin;
  GtkButton        *live_hosts_button;
  GtkLabel         *profile_error_label;
  GtkListBox       *claims_list;
};

/* vigie-compare-page.c */
/* A new comparison for the mode, the columns, the weights, the prices and
 * the hardware profile; the grid is rebuilt only when its shape changed. */
void  vigie_compare_page_rebuild           (VigieComparePage *self);

/* vigie-compare-profile.c: the hardware profile. */
/* A file of the configuration directory, NULL without a monitor. */
char *vigie_compare_page_config_path       (VigieComparePage *self,
                                            const char       *name);
void  vigie_compare_page_load_hardware_profile   (VigieComparePage *self);
void  vigie_compare_page_update_profile_controls (VigieComparePage *self);
void  vigie_compare_page_on_profile_changed_cb   (VigieComparePage *self);
void  vigie_compare_page_on_live_hosts_button_clicked_cb (VigieComparePage *self);

/* vigie-compare-sections.c: the parts of the page built from the comparison. */
void vigie_compare_page_build_grid   (VigieComparePage *self);
/* The same columns and criteria, new values: cells, headers and totals in place. */
void vigie_compare_page_update_grid  (VigieComparePage *self);
void vigie_compare_page_build_costs  (VigieComparePage *self);
void vigie_compare_page_build_claims (VigieComparePage *self);
/* Totals, ranking, charts: after every weight change. */
void vigie_compare_page_update_totals (VigieComparePage *self);
/* A slider moved (the sections call it). */
void vigie_compare_page_weight_changed (VigieComparePage *self,
                                        const char       *criterion_id,
                                        double            weight);
/* vigie-compare-narrow.c: the page's own layout, compact when narrow. */
void vigie_compare_page_size_allocate (GtkWidget      *widget,
                                       int             width,
                                       int             height,
                                       int             baseline);

G_END_DECLS
