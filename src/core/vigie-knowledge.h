/* vigie-knowledge.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in knowledge base (data/knowledge/knowledge.json, compiled into
 * the library as a GResource): product lines, their support dates and facts.
 * See docs/knowledge.md.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-enums.h"

G_BEGIN_DECLS

#define VIGIE_SUPPORT_WARNING_DAYS 180

typedef enum {
  VIGIE_SUPPORT_UNKNOWN,
  VIGIE_SUPPORT_SUPPORTED,
  VIGIE_SUPPORT_ENDING_SOON,
  VIGIE_SUPPORT_END_OF_SUPPORT,
} VigieSupportStatus;

/* The contract's "support" object. NULL strings and outdated -1 are null. */
typedef struct {
  VigieSupportStatus  status;
  char               *line_id;    /* "proxmox-ve-8" */
  char               *line;       /* "Proxmox VE 8" */
  char               *ends;       /* "2026-08-31" */
  char               *latest;     /* "8.4.21" */
  int                 outdated;   /* 1, 0, -1 unknown */
  char               *source;     /* where the end date comes from */
} VigieSupport;

const char   *vigie_support_status_to_string (VigieSupportStatus status);
/* Translated, for tables and the UI. */
const char   *vigie_support_status_describe  (VigieSupportStatus status);
void          vigie_support_free             (VigieSupport      *support);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieSupport, vigie_support_free)

#define VIGIE_TYPE_KNOWLEDGE (vigie_knowledge_get_type ())

G_DECLARE_FINAL_TYPE (VigieKnowledge, vigie_knowledge, VIGIE, KNOWLEDGE, GObject)

/* The built-in base, loaded once; never NULL (the build checks it). */
VigieKnowledge *vigie_knowledge_get_default   (void);
/* Loads the built-in knowledge base in a worker thread, for a report to
 * find it ready once its endpoints have answered. */
void            vigie_knowledge_preload       (void);
VigieKnowledge *vigie_knowledge_new_from_data (const char      *data,
                                               gssize           length,
                                               GError         **error);
/* Borrowed objects of the JSON document (see knowledge.schema.json). */
JsonArray      *vigie_knowledge_get_products  (VigieKnowledge  *self);
JsonArray      *vigie_knowledge_get_claims    (VigieKnowledge  *self);
/* The migration readiness rules (docs/migrate.md); NULL when absent. */
JsonArray      *vigie_knowledge_get_migration (VigieKnowledge  *self);
JsonObject     *vigie_knowledge_lookup_line   (VigieKnowledge  *self,
                                               const char      *line_id,
                                               JsonObject     **product);
/* The product an endpoint runs: kind, and the product name it reported. */
JsonObject     *vigie_knowledge_find_product  (VigieKnowledge  *self,
                                               VigieKind        kind,
                                               const char      *product_name);
/* The release line holding version (NULL when it cannot be placed). */
JsonObject     *vigie_knowledge_find_line     (VigieKnowledge  *self,
                                               JsonObject      *product,
                                               const char      *version,
                                               const char      *build);
/* now: Unix seconds (from the context's clock); today is its UTC date. */
VigieSupport   *vigie_knowledge_support       (VigieKnowledge  *self,
                                               VigieKind        kind,
                                               const char      *product_name,
                                               const char      *version,
                                               const char      *build,
                                               gint64           now);
/* The same for a line already chosen (an edition, or its latest version). */
VigieSupport   *vigie_knowledge_line_support  (JsonObject      *product,
                                               JsonObject      *line,
                                               const char      *version,
                                               const char      *build,
                                               gint64           now);
/* The line to upgrade to from line_id: the oldest newer line of its product
 * (neither an edition nor a feature line) still supported on now's date, else
 * one ending soon; NULL when the base knows none. */
JsonObject     *vigie_knowledge_successor     (VigieKnowledge  *self,
                                               const char      *line_id,
                                               gint64           now);
/* A fact of a line, else of its product (NULL when neither has it). */
JsonObject     *vigie_knowledge_get_fact      (JsonObject      *product,
                                               JsonObject      *line,
                                               const char      *name);
/* text: a {"en", "fr"} object; lang NULL means the current locale's. */
const char     *vigie_knowledge_text          (JsonObject      *text,
                                               const char      *lang);

G_END_DECLS
