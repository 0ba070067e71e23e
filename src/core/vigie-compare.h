/* vigie-compare.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The comparison engine (contract 1.1, "Comparison"): connected endpoints
 * and knowledge-base product lines side by side, one cell per criterion and
 * column with a value, a 0..5 score from a documented rule (docs/compare.md),
 * an explanation and a source; weights and presets; weighted totals; the
 * yearly licence cost of the estate (vigie-compare-cost.c) and the checked
 * claims. GTK-free; the writers are in vigie-compare-report.c and
 * vigie-compare-pdf.c.
 *
 * Use: new → (set_language, set_now, set_hardware, set_prices,
 * add_product...) → compute (inventories) → read; weights may change at any
 * time after, which re-computes the totals and emits "changed".
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-hardware-profile.h"
#include "vigie-inventory.h"

G_BEGIN_DECLS

typedef enum {
  VIGIE_COMPARE_HYPERVISORS,
  VIGIE_COMPARE_BACKUP,
} VigieCompareMode;

/* The themes rows are grouped by, in display order. */
typedef enum {
  VIGIE_COMPARE_GROUP_SUPPORT,         /* "support": product, version, support status */
  VIGIE_COMPARE_GROUP_COST,            /* "cost" */
  VIGIE_COMPARE_GROUP_FEATURES,        /* "features" */
  VIGIE_COMPARE_GROUP_ADMINISTRATION,  /* "administration" */
  VIGIE_COMPARE_GROUP_LIVE,            /* "live": read from the endpoints */
  VIGIE_COMPARE_N_GROUPS
} VigieCompareGroup;

typedef struct {
  char        *key;        /* endpoint name, or "product:LINE" */
  VigieKind    kind;
  char        *endpoint;   /* NULL for a product line without endpoint */
  VigieStatus  status;     /* the endpoint's; OK for a product line */
  char        *product;    /* product name, as reported or from the knowledge base */
  char        *version;    /* running version, or the line's latest */
  char        *line;       /* knowledge-base line id, NULL when not placed */
  char        *line_name;  /* "Proxmox VE 9" */
} VigieCompareColumn;

typedef struct {
  const char        *id;     /* the contract's criterion id */
  VigieCompareGroup  group;
  char              *label;  /* translated */
  gboolean           scored; /* FALSE: descriptive only (product, instance counts) */
} VigieCompareCriterion;

/* Strings NULL and numbers < 0 are null. */
typedef struct {
  char     *value;        /* what the user reads */
  double    number;       /* the value as a number when it is one (JSON number), else NAN */
  double    score;        /* 0..5, < 0 when there is no score */
  char     *source;       /* "live", a URL, or NULL */
  char     *explanation;  /* how the score follows from the value */
  char     *detail;       /* the knowledge base's sentence about it, when there is one */
  char     *checked;      /* when the source was read (facts only) */
  char     *confidence;   /* "high", "medium", "low" (facts only) */
  double    amount;       /* license_cost: per year for the estate */
  char     *currency;     /* license_cost: ISO 4217 */
} VigieCompareCell;

/* What the cost is computed for. -1 is unknown. */
typedef struct {
  gint64   hosts;
  gint64   sockets;
  gint64   cores;
  gint64   instances;
  gint64   unreported;    /* hosts that did not report sockets and cores: not in the counts */
  gboolean from_profile;  /* a hardware profile (user's or default), not the live estate */
} VigieCompareCounted;

typedef struct {
  char     *column;       /* column key */
  char     *item;         /* translated */
  double    quantity;
  double    unit_price;   /* < 0 unknown */
  char     *currency;
  double    total;        /* < 0 unknown */
  char     *source;
  char     *checked;
  gboolean  optional;     /* shown, not counted in the column's amount */
  gboolean  overridden;   /* the price comes from the user's prices file */
} VigieCompareCostLine;

typedef struct {
  char  *id;
  char  *claim;           /* in the comparison's language */
  char  *verdict;         /* "true", "false", "partly" */
  char  *explanation;
  GStrv  sources;
  char  *checked;
} VigieCompareClaim;

#define VIGIE_TYPE_COMPARISON (vigie_comparison_get_type ())

G_DECLARE_FINAL_TYPE (VigieComparison, vigie_comparison, VIGIE, COMPARISON, GObject)

VigieComparison   *vigie_comparison_new              (VigieCompareMode      mode);
VigieCompareMode   vigie_comparison_get_mode         (VigieComparison      *self);
/* "en" or "fr" for the knowledge base's texts; NULL: the locale's. */
void               vigie_comparison_set_language     (VigieComparison      *self,
                                                      const char           *lang);
const char        *vigie_comparison_get_language     (VigieComparison      *self);
/* Unix seconds: "today" for support statuses and backup ages. */
void               vigie_comparison_set_now          (VigieComparison      *self,
                                                      gint64                now);
gint64             vigie_comparison_get_now          (VigieComparison      *self);
void               vigie_comparison_set_rpo_hours    (VigieComparison      *self,
                                                      double                rpo_hours);
/* NULL: count the live estate (or the default profile without endpoint). */
void               vigie_comparison_set_hardware     (VigieComparison      *self,
                                                      const VigieHardwareProfile *profile);
/* The user's price overrides (docs/compare.md, "Price overrides");
 * origin names where they come from (the file). */
gboolean           vigie_comparison_set_prices       (VigieComparison      *self,
                                                      JsonObject           *overrides,
                                                      const char           *origin,
                                                      GError              **error);
/* Loads $config_dir/prices.json style files; a missing file is no error. */
gboolean           vigie_comparison_load_prices_file (VigieComparison      *self,
                                                      const char           *path,
                                                      GError              **error);
gboolean           vigie_comparison_get_prices_overridden (VigieComparison *self);
const char        *vigie_comparison_get_prices_origin (VigieComparison     *self);
/* A knowledge-base line id (vigiectl products); VIGIE_ERROR_INVALID on an
 * unknown id or one of the other category. */
gboolean           vigie_comparison_add_product      (VigieComparison      *self,
                                                      const char           *line_id,
                                                      GError              **error);
/* inventories: VigieInventory* of every selected endpoint (those of the
 * other category feed coverage and the counts); fetched with
 * VIGIE_FETCH_BACKUPS for the coverage criteria. Builds columns, cells,
 * cost and claims; may be called again after a refresh. */
void               vigie_comparison_compute          (VigieComparison      *self,
                                                      GPtrArray            *inventories);
/* Every selected endpoint (the contract's "endpoints"). */
GPtrArray         *vigie_comparison_get_inventories  (VigieComparison      *self);

guint              vigie_comparison_get_n_columns    (VigieComparison      *self);
const VigieCompareColumn *vigie_comparison_get_column (VigieComparison     *self,
                                                      guint                 column);
/* Rows in display order: grouped by VigieCompareGroup. */
guint              vigie_comparison_get_n_criteria   (VigieComparison      *self);
const VigieCompareCriterion *vigie_comparison_get_criterion (VigieComparison *self,
                                                      guint                 criterion);
int                vigie_comparison_find_criterion   (VigieComparison      *self,
                                                      const char           *id);
const VigieCompareCell *vigie_comparison_get_cell    (VigieComparison      *self,
                                                      guint                 criterion,
                                                      guint                 column);

/* Weights (>= 0; 0 leaves a criterion out of the totals). */
double             vigie_comparison_get_weight       (VigieComparison      *self,
                                                      const char           *criterion_id);
void               vigie_comparison_set_weight       (VigieComparison      *self,
                                                      const char           *criterion_id,
                                                      double                weight);
/* Resets every weight to the preset's; VIGIE_ERROR_INVALID on an unknown one. */
gboolean           vigie_comparison_apply_preset     (VigieComparison      *self,
                                                      const char           *preset,
                                                      GError              **error);
/* The preset the weights are, NULL once one was edited. */
const char        *vigie_comparison_get_preset       (VigieComparison      *self);
/* {"criterion_id": weight} merged over the current weights. */
gboolean           vigie_comparison_merge_weights    (VigieComparison      *self,
                                                      JsonObject           *weights,
                                                      GError              **error);
/* The weights as a JSON object string, to remember them. */
char              *vigie_comparison_weights_to_string (VigieComparison     *self);
/* Weighted mean score of a column over the criteria that have one; < 0 when none. */
double             vigie_comparison_get_score        (VigieComparison      *self,
                                                      guint                 column);

const VigieCompareCounted *vigie_comparison_get_counted (VigieComparison   *self);
/* VigieCompareCostLine*, borrowed, in column order. */
GPtrArray         *vigie_comparison_get_cost_lines   (VigieComparison      *self);
/* VigieCompareClaim*, borrowed: the claims about the compared products. */
GPtrArray         *vigie_comparison_get_claims       (VigieComparison      *self);

/* "balanced", "teaching-lab", "small-business", "cost-first", NULL-terminated. */
const char * const *vigie_compare_presets            (void);
const char        *vigie_compare_preset_label        (const char           *preset);
const char        *vigie_compare_group_to_string     (VigieCompareGroup     group);
const char        *vigie_compare_group_label         (VigieCompareGroup     group);
/* "3.4", or "–" when < 0. */
char              *vigie_compare_format_score        (double                score);

/* Writers (vigie-compare-report.c, vigie-compare-pdf.c). */
JsonNode          *vigie_comparison_to_json          (VigieComparison      *self);
char              *vigie_comparison_to_table         (VigieComparison      *self);
char              *vigie_comparison_to_csv           (VigieComparison      *self);
char              *vigie_comparison_to_markdown      (VigieComparison      *self);
char              *vigie_comparison_to_html          (VigieComparison      *self);
gboolean           vigie_comparison_write_pdf        (VigieComparison      *self,
                                                      const char           *path,
                                                      GError              **error);

G_END_DECLS
