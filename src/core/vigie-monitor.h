/* vigie-monitor.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-backend.h"
#include "vigie-endpoint-store.h"

G_BEGIN_DECLS

typedef VigieBackend *(*VigieBackendFactory) (VigieEndpoint *endpoint,
                                              VigieContext  *context);

/* Fetches every endpoint of @endpoints (VigieEndpoint) concurrently; one
 * that fails, hangs or answers garbage never holds up the others. The
 * result is a GPtrArray of VigieInventory in the same order. */
void       vigie_fetch_all_async  (GPtrArray           *backends,
                                   VigieFetchFlags      flags,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
GPtrArray *vigie_fetch_all_finish (GAsyncResult        *result,
                                   GError             **error);

VigieInventory *vigie_monitor_placeholder_for (VigieEndpoint *endpoint);

#define VIGIE_TYPE_MONITOR (vigie_monitor_get_type ())

G_DECLARE_FINAL_TYPE (VigieMonitor, vigie_monitor, VIGIE, MONITOR, GObject)

/**
 * VigieMonitor:
 *
 * Keeps one backend per endpoint of a store and the newest inventory of
 * each, refreshing them all every interval. Views bind to
 * vigie_monitor_get_inventories(), a GListModel of VigieInventory in the
 * store's order; "refreshed" is emitted when a round has finished. With
 * vigie_monitor_set_watching(), endpoints that push their changes are also
 * read when they change.
 */
VigieMonitor   *vigie_monitor_new               (VigieEndpointStore  *store,
                                                 VigieContext        *context,
                                                 VigieBackendFactory  factory);
GListModel     *vigie_monitor_get_inventories   (VigieMonitor        *self);
VigieBackend   *vigie_monitor_get_backend       (VigieMonitor        *self,
                                                 VigieEndpoint       *endpoint);
VigieInventory *vigie_monitor_get_inventory     (VigieMonitor        *self,
                                                 VigieEndpoint       *endpoint);
/* By the endpoint's UUID (VigieInventory.endpoint_uuid, on every resource):
 * an instance leads to its backend without going through its name. */
VigieInventory *vigie_monitor_get_inventory_for_uuid (VigieMonitor   *self,
                                                 const char          *endpoint_uuid);
VigieBackend   *vigie_monitor_get_backend_for_uuid (VigieMonitor     *self,
                                                 const char          *endpoint_uuid);
VigieInstance  *vigie_monitor_find_instance     (VigieMonitor        *self,
                                                 const char          *key);
VigieEndpointStore *vigie_monitor_get_store     (VigieMonitor        *self);
VigieContext   *vigie_monitor_get_context       (VigieMonitor        *self);
void            vigie_monitor_set_flags         (VigieMonitor        *self,
                                                 VigieFetchFlags      flags);
void            vigie_monitor_set_interval      (VigieMonitor        *self,
                                                 guint                seconds);
/* A round reads a few endpoints at once (8); one still reading after a
 * while (2 s) gives its place to the next. */
void            vigie_monitor_refresh           (VigieMonitor        *self);
void            vigie_monitor_set_reading_limits (VigieMonitor       *self,
                                                  guint               max_reading,
                                                  guint               slow_ms);
void            vigie_monitor_refresh_endpoint  (VigieMonitor        *self,
                                                 VigieEndpoint       *endpoint);
gboolean        vigie_monitor_get_busy          (VigieMonitor        *self);
/* Push updates: each backend that can (VigieBackendClass.watch) tells when
 * its endpoint changed, and that endpoint alone is read again, once per
 * burst (500 ms). A dropped event stream is watched again after 1 s,
 * doubling to 60 s; the read after it catches what was missed. */
void            vigie_monitor_set_watching      (VigieMonitor        *self,
                                                 gboolean             watching);
/* For tests: the debounce and the backoff bounds, in milliseconds. */
void            vigie_monitor_set_watch_timing  (VigieMonitor        *self,
                                                 guint                debounce_ms,
                                                 guint                backoff_min_ms,
                                                 guint                backoff_max_ms);
/* For tests: the delay of the last reconnection scheduled (ms), 0 if none. */
guint           vigie_monitor_get_watch_retry_delay (VigieMonitor    *self,
                                                 VigieEndpoint       *endpoint);

G_END_DECLS
