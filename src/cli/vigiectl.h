/* vigiectl.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-backend.h"
#include "vigie-endpoint-store.h"
#include "vigie-report-doc.h"

G_BEGIN_DECLS

/* Exit codes of the contract. */
#define VIGIECTL_EXIT_OK      0
#define VIGIECTL_EXIT_USAGE   1
#define VIGIECTL_EXIT_PARTIAL 2

typedef struct {
  char               *config_dir;
  guint               timeout;
  VigieEndpointStore *store;
  VigieContext       *context;
} Vigiectl;

typedef int (*VigiectlCommand) (Vigiectl *ctl,
                                int       argc,
                                char    **argv);

int      vigiectl_endpoint  (Vigiectl *ctl, int argc, char **argv);
int      vigiectl_inventory (Vigiectl *ctl, int argc, char **argv);
int      vigiectl_backups   (Vigiectl *ctl, int argc, char **argv);
int      vigiectl_compare   (Vigiectl *ctl, int argc, char **argv);
int      vigiectl_products  (Vigiectl *ctl, int argc, char **argv);
int      vigiectl_export    (Vigiectl *ctl, int argc, char **argv);
int      vigiectl_migrate_check (Vigiectl *ctl, int argc, char **argv);
int      vigiectl_lab       (Vigiectl *ctl, int argc, char **argv);
int      vigiectl_action    (Vigiectl *ctl, int argc, char **argv);
/* vigiectl-endpoint-add.c: `endpoint add`, and the removal of an
 * endpoint's secrets that `endpoint remove` shares. */
int      vigiectl_endpoint_add  (Vigiectl *ctl, int argc, char **argv);
gboolean vigiectl_clear_secrets (Vigiectl    *ctl,
                                 const char  *uuid,
                                 GError     **error);

/* Loads the endpoint list; prints the error and returns FALSE when it
 * cannot be read. */
gboolean vigiectl_load_store (Vigiectl *ctl);
/* One async call waited for: pass vigiectl_result_cb and &result (a
 * GAsyncResult * set to NULL, unreffed by the caller) to the call;
 * vigiectl_wait_result() runs the default main context until it finished
 * and returns the result. */
void          vigiectl_result_cb   (GObject       *object,
                                    GAsyncResult  *result,
                                    gpointer       user_data);
GAsyncResult *vigiectl_wait_result (GAsyncResult **result);
void     vigiectl_error     (const char *format,
                             ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS

G_BEGIN_DECLS
GPtrArray *vigiectl_select_backends (Vigiectl        *ctl,
                                     GStrv            names);
GPtrArray *vigiectl_fetch           (Vigiectl        *ctl,
                                     GPtrArray       *backends,
                                     VigieFetchFlags  flags);
/* Inventories and backups (never NULL), with the pins the backup servers
 * reported noted for the coverage engine. */
GPtrArray *vigiectl_fetch_with_backups (Vigiectl     *ctl,
                                        GPtrArray    *backends);
int        vigiectl_exit_status     (GPtrArray       *inventories);
/* With --endpoint, the backup endpoints still count for the coverage of the
 * chosen hypervisors: adds every PBS and Veeam endpoint not chosen yet. */
void       vigiectl_add_backup_endpoints (Vigiectl   *ctl,
                                          GPtrArray  *backends);
gboolean   vigiectl_parse_report_options (GOptionContext *context,
                                          int            *argc,
                                          char         ***argv,
                                          char          **format,
                                          char          **output,
                                          char          **lang);
/* History of inventories (vigiectl-history.c). names: the --endpoint
 * filter; a filtered run is not recorded. coverage may be NULL. */
void       vigiectl_history_record  (Vigiectl        *ctl,
                                     GStrv            names,
                                     GPtrArray       *inventories,
                                     GListModel      *coverage,
                                     gint64           now);
int        vigiectl_inventory_since (Vigiectl        *ctl,
                                     GStrv            names,
                                     const char      *since,
                                     const char      *format,
                                     const char      *output,
                                     const char      *lang);
/* lang: NULL (the locale's), "en" or "fr"; FALSE for another one. */
gboolean   vigiectl_set_language    (const char      *lang);
/* output: NULL for standard output. Prints the error and returns FALSE. */
gboolean   vigiectl_write_output    (const char      *output,
                                     const char      *text);
/* Writes a report document as markdown, html or pdf (pdf: output set). */
gboolean   vigiectl_write_document  (VigieReportDoc  *doc,
                                     const char      *format,
                                     const char      *output);
G_END_DECLS
