/* vigie-instances-page-filter.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the state drop-down shows; a template is none of these but All. */
typedef enum {
  VIGIE_STATE_FILTER_ALL = 0,
  VIGIE_STATE_FILTER_RUNNING,
  VIGIE_STATE_FILTER_STOPPED,
  VIGIE_STATE_FILTER_OTHER,     /* paused, suspended, unknown */
} VigieStateFilter;

#define VIGIE_TYPE_INSTANCES_FILTER (vigie_instances_filter_get_type ())

G_DECLARE_FINAL_TYPE (VigieInstancesFilter, vigie_instances_filter, VIGIE, INSTANCES_FILTER,
                      GtkFilter)

VigieInstancesFilter *vigie_instances_filter_new          (void);
gboolean              vigie_instances_filter_set_endpoint (VigieInstancesFilter *self,
                                                           const char           *endpoint);
gboolean              vigie_instances_filter_set_state    (VigieInstancesFilter *self,
                                                           VigieStateFilter      state);
gboolean              vigie_instances_filter_set_search   (VigieInstancesFilter *self,
                                                           const char           *text);
GtkFilterChange       vigie_instances_filter_get_last_change (VigieInstancesFilter *self);

G_END_DECLS
