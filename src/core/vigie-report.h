/* vigie-report.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writers for the contract's outputs (../contract): JSON documents and
 * their table and CSV views.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-inventory.h"
#include "vigie-report-doc.h"

G_BEGIN_DECLS

/* JSON helpers that honour the null conventions of vigie-resources.h. */
void      vigie_json_add_string   (JsonBuilder *builder,
                                   const char  *member,
                                   const char  *value);
void      vigie_json_add_int      (JsonBuilder *builder,
                                   const char  *member,
                                   gint64       value);
void      vigie_json_add_fraction (JsonBuilder *builder,
                                   const char  *member,
                                   double       value);
void      vigie_json_add_time     (JsonBuilder *builder,
                                   const char  *member,
                                   gint64       unix_seconds);
char     *vigie_json_to_string    (JsonNode    *root);

/* inventories: VigieInventory*; now: generated_at. */
JsonNode *vigie_report_inventory_json  (GPtrArray *inventories,
                                        gint64     now);
/* The same text as vigie_json_to_string() of the above, built one instance
 * at a time (the whole tree is never in memory), given piece by piece to
 * @emit, or whole. */
typedef void (*VigieReportEmit) (const char *text,
                                 gsize       length,
                                 gpointer    user_data);
void      vigie_report_inventory_json_emit (GPtrArray       *inventories,
                                            gint64           now,
                                            VigieReportEmit  emit,
                                            gpointer         user_data);
GString  *vigie_report_inventory_json_text (GPtrArray *inventories,
                                            gint64     now);
char     *vigie_report_inventory_table (GPtrArray *inventories,
                                        gint64     now);
char     *vigie_report_inventory_csv   (GPtrArray *inventories);
/* The table view's rows (GStrv, first the header): one per endpoint and
 * one per instance. */
void      vigie_report_inventory_rows  (GPtrArray  *inventories,
                                        gint64      now,
                                        GPtrArray **endpoints,
                                        GPtrArray **instances);
/* The inventory as a document (vigie-report-docs.c). lang: NULL for the UI's. */
VigieReportDoc *vigie_report_inventory_doc (GPtrArray  *inventories,
                                            gint64      now,
                                            const char *lang);

/* The contract's "support" member of an endpoint (vigie-report-support.c),
 * and its table cell: "end-of-support (outdated)". now: Unix seconds. */
void      vigie_report_add_support     (JsonBuilder    *builder,
                                        VigieInventory *inventory,
                                        gint64          now);
char     *vigie_report_support_cell    (VigieInventory *inventory,
                                        gint64          now);

/* A CSV text field: quoted per RFC 4180 when needed, controls escaped,
 * formulas neutralised (see vigie-report.c). */
void      vigie_csv_append_field  (GString     *out,
                                   const char  *value);
/* A CSV number that Vigie formatted: as it is. */
void      vigie_csv_append_number (GString     *out,
                                   const char  *value);
/* @value with control characters (C0, DEL, C1) shown as \xNN or \u00NN
 * escapes and invalid UTF-8 as U+FFFD: safe to print on a terminal. */
char     *vigie_report_printable  (const char  *value);
/* A text table: rows of columns (GStrv, made printable in place), first
 * row the header. */
char     *vigie_format_table      (GPtrArray   *rows);
char     *vigie_format_bytes      (gint64       bytes);

G_END_DECLS
