/* vigie-compare-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the comparison's files share, and the scoring rules as pure
 * functions (each is one row of the table in docs/compare.md; the unit
 * tests call them directly).
 */

#pragma once

#include "vigie-compare.h"
#include "vigie-knowledge.h"

G_BEGIN_DECLS

/* A column and what it was built from. */
typedef struct {
  VigieCompareColumn  pub;
  JsonObject         *product;    /* knowledge-base product, NULL when unknown */
  JsonObject         *line;       /* knowledge-base line, NULL when not placed */
  VigieInventory     *inventory;  /* NULL for a product line */
  VigieSupport       *support;
  double              amount;     /* yearly cost for the estate, < 0 unknown */
  char               *currency;
  char               *plan;       /* the priced item counted, translated */
  gboolean            overridden;
} VigieCompareColumnInfo;

/* Per host of the counted estate, for the per-CPU minimum. */
typedef struct {
  gint64 sockets;
  gint64 cores;
} VigieCompareHostCount;

struct _VigieComparison
{
  GObject               parent_instance;

  VigieCompareMode      mode;
  char                 *lang;
  gint64                now;
  double                rpo_hours;
  gboolean              have_profile;
  VigieHardwareProfile  profile;
  JsonNode             *prices;         /* the user's overrides (object), or NULL */
  char                 *prices_origin;
  GPtrArray            *product_ids;    /* char* */
  GPtrArray            *inventories;    /* VigieInventory* */
  GPtrArray            *columns;        /* VigieCompareColumnInfo* */
  GPtrArray            *criteria;       /* VigieCompareCriterion* */
  GPtrArray            *cells;          /* VigieCompareCell*, criterion-major */
  GHashTable           *weights;        /* criterion id -> double* */
  char                 *preset;
  VigieCompareCounted   counted;
  GArray               *hosts;          /* VigieCompareHostCount of the counted estate */
  GPtrArray            *cost_lines;     /* VigieCompareCostLine* */
  GPtrArray            *claims;         /* VigieCompareClaim* */
  GListStore           *coverage;
};

VigieCompareCell *vigie_compare_cell_new   (void);
void              vigie_compare_cell_free  (VigieCompareCell *cell);
const char       *vigie_compare_lang       (VigieComparison  *self);
/* The report's migration readiness appendix (docs/migrate.md): NULL for a
 * backup comparison or an estate with no ESXi VM nor Proxmox VE guest. */
GListStore       *vigie_compare_migration  (VigieComparison  *self);

/* vigie-compare-cost.c */
void     vigie_compare_count_estate   (VigieComparison        *self);
void     vigie_compare_cost_column    (VigieComparison        *self,
                                       VigieCompareColumnInfo *info);
void     vigie_compare_cost_cell      (VigieComparison        *self,
                                       VigieCompareColumnInfo *info,
                                       VigieCompareCell       *cell);
gboolean vigie_compare_check_prices   (JsonObject             *overrides,
                                       GError                **error);
void     vigie_compare_cost_line_free (VigieCompareCostLine   *line);
/* "4320 USD" (no grouping, so that scripts read it back). */
char    *vigie_compare_format_amount  (double                  amount,
                                       const char             *currency);

/* vigie-compare-cells.c: one cell of a column. */
void     vigie_compare_fill_cell      (VigieComparison        *self,
                                       const char             *criterion_id,
                                       VigieCompareColumnInfo *info,
                                       VigieCompareCell       *cell);

/* vigie-compare-report.c: what every report shares. */
GPtrArray  *vigie_compare_sources       (VigieComparison        *self,
                                         GHashTable            **index);
char       *vigie_compare_source_ref    (GHashTable             *index,
                                         const char             *source);
const char *vigie_compare_verdict_label (const char             *verdict);
const char *vigie_compare_title         (VigieComparison        *self);
char       *vigie_compare_cell_text     (const VigieCompareCell *cell);
GPtrArray  *vigie_compare_facts_lines   (VigieComparison        *self);

/* The rules. Each returns a score 0..5, or -1 (no score). */
double   vigie_compare_score_level        (const char         *level);
double   vigie_compare_score_support      (VigieSupportStatus  status);
double   vigie_compare_score_version      (int                 outdated);
double   vigie_compare_score_usage        (double              fraction);
double   vigie_compare_score_share        (gint64              part,
                                           gint64              whole);
double   vigie_compare_score_cost         (double              amount,
                                           gint64              hosts);
double   vigie_compare_score_cost_model   (JsonObject         *cost_model);
double   vigie_compare_score_virtualization (JsonObject       *virtualization);
double   vigie_compare_score_interfaces   (JsonArray          *interfaces);
double   vigie_compare_score_platforms    (guint               n_platforms);
double   vigie_compare_score_guest_os     (JsonObject         *virtualization,
                                           const char         *windows_level);
double   vigie_compare_score_ease         (JsonArray          *interfaces,
                                           const char         *clustering_level);

G_END_DECLS
