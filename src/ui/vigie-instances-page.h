/* vigie-instances-page.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-instances-page-filter.h"
#include "vigie-monitor.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_INSTANCES_PAGE (vigie_instances_page_get_type ())

G_DECLARE_FINAL_TYPE (VigieInstancesPage, vigie_instances_page, VIGIE, INSTANCES_PAGE, AdwBin)

GtkWidget     *vigie_instances_page_new              (void);
void           vigie_instances_page_set_monitor      (VigieInstancesPage *self,
                                                      VigieMonitor       *monitor);
void           vigie_instances_page_set_coverage     (VigieInstancesPage *self,
                                                      GListModel         *coverage);
void           vigie_instances_page_set_endpoint     (VigieInstancesPage *self,
                                                      const char         *endpoint_name);
void           vigie_instances_page_set_search       (VigieInstancesPage *self,
                                                      const char         *text);
void           vigie_instances_page_set_state_filter (VigieInstancesPage *self,
                                                      VigieStateFilter    filter);
guint          vigie_instances_page_get_n_instances  (VigieInstancesPage *self);
guint          vigie_instances_page_get_n_visible    (VigieInstancesPage *self);
GListModel    *vigie_instances_page_get_model        (VigieInstancesPage *self);
void           vigie_instances_page_select           (VigieInstancesPage *self,
                                                      guint               position);
void           vigie_instances_page_select_also      (VigieInstancesPage *self,
                                                      guint               position);
VigieInstance *vigie_instances_page_get_selected     (VigieInstancesPage *self);
guint          vigie_instances_page_get_n_selected   (VigieInstancesPage *self);
void           vigie_instances_page_set_settings     (VigieInstancesPage *self,
                                                      GSettings          *settings);
GtkColumnView *vigie_instances_page_get_column_view  (VigieInstancesPage *self);
GtkWidget     *vigie_instances_page_get_action_button (VigieInstancesPage *self,
                                                       const char         *action_id);

G_END_DECLS
