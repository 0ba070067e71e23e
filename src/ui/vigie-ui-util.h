/* vigie-ui-util.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the sidebar, the overview and the instance list word and draw the
 * same facts, so they never disagree.
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-backend.h"
#include "vigie-inventory.h"

G_BEGIN_DECLS

typedef enum {
  VIGIE_UI_STATUS_PENDING = 0,   /* not read yet, or being read */
  VIGIE_UI_STATUS_OK,
  VIGIE_UI_STATUS_WARNING,       /* answered, but the user has something to do */
  VIGIE_UI_STATUS_ERROR,
} VigieUiStatus;

const char    *vigie_ui_kind_icon_name        (VigieKind           kind);
gboolean       vigie_ui_inventory_is_fetched  (VigieInventory     *inventory);
VigieUiStatus  vigie_ui_endpoint_status       (VigieInventory     *inventory,
                                               VigieBackend       *backend);
const char    *vigie_ui_status_icon_name      (VigieUiStatus       status);
const char    *vigie_ui_status_css_class      (VigieUiStatus       status);
char          *vigie_ui_status_text           (VigieInventory     *inventory,
                                               VigieBackend       *backend);
char          *vigie_ui_product_line          (VigieInventory     *inventory);
void           vigie_ui_count_instances       (VigieInventory     *inventory,
                                               guint              *total,
                                               guint              *running,
                                               guint              *stopped);
char          *vigie_ui_format_bytes          (gint64              bytes);
void           vigie_ui_fix_accessible_names  (GtkWidget          *root);
void           vigie_ui_column_view_scroll_to (GtkColumnView      *column_view,
                                               guint               position);
char          *vigie_ui_terminal_title        (const char         *endpoint,
                                               const char         *target,
                                               gboolean            ssh);
const char    *vigie_ui_instance_state_css    (VigieInstanceState  state);
/* A job's last result, as a word: “Succeeded”, “Failed”, “Never run”, … */
const char    *vigie_ui_job_result_label      (VigieJobResult      result);
const char    *vigie_ui_host_state_label      (VigieHostState      state);
void           vigie_ui_set_icon_status       (GtkImage           *image,
                                               VigieUiStatus       status);

/* A page (an AdwBin) that lays its child out itself, to see its width, and
 * switches to a compact layout below @compact_below pixels. The allocation
 * records the new mode in @compact and schedules @apply (given @bin) in an
 * idle, once, so that the layout changes after this allocation, not during
 * it; @idle holds that source. measure() is the child's. */
void        vigie_ui_bin_allocate_compact (GtkWidget      *bin,
                                           int             width,
                                           int             height,
                                           int             baseline,
                                           int             compact_below,
                                           gboolean       *compact,
                                           guint          *idle,
                                           GSourceFunc     apply);
/* An AdwBin without its layout manager: its child measured and given the
 * whole allocation when visible. */
void        vigie_ui_bin_allocate         (GtkWidget      *bin,
                                           int             width,
                                           int             height,
                                           int             baseline);
void        vigie_ui_bin_measure          (GtkWidget      *bin,
                                           GtkOrientation  orientation,
                                           int             for_size,
                                           int            *minimum,
                                           int            *natural,
                                           int            *minimum_baseline,
                                           int            *natural_baseline);

/* An AdwEntryRow titled @title holding @text (or empty), its editable in @out. */
GtkWidget  *vigie_ui_entry_row_new (const char   *title,
                                    const char   *text,
                                    GtkEditable **out);

G_END_DECLS
