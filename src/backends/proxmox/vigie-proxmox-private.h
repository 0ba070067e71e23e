/* vigie-proxmox-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-proxmox-backend.h"
#include "vigie-proxmox-details.h"

G_BEGIN_DECLS

/* Statuses ≥ 590 are the pseudo-statuses a PVE node answers when it cannot
 * reach the node a /nodes/N/… request is for (595 No route to host). */
#define VIGIE_PROXMOX_STATUS_NODE_UNREACHABLE 590

/* One API call under /api2/json: authentication (token, or ticket with
 * CSRF token, renewed before it expires and once more on a 401) is done
 * here. form is an application/x-www-form-urlencoded body or NULL. The
 * result is the reply's "data" member. Errors: statuses ≥ 590 give
 * VIGIE_ERROR_UNREACHABLE, others vigie_http_status_error(), a reply that
 * is not JSON or has no "data" VIGIE_ERROR_PROTOCOL. */
void      vigie_proxmox_backend_call_async      (VigieProxmoxBackend  *self,
                                                 const char           *method,
                                                 const char           *path,
                                                 const char           *form,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
JsonNode *vigie_proxmox_backend_call_finish     (VigieProxmoxBackend  *self,
                                                 GAsyncResult         *result,
                                                 guint                *status,
                                                 GError              **error);

/* What the last fetch learnt that actions need. */
void      vigie_proxmox_backend_set_permissions (VigieProxmoxBackend  *self,
                                                 JsonNode             *permissions);
JsonNode *vigie_proxmox_backend_get_permissions (VigieProxmoxBackend  *self);
const char *vigie_proxmox_backend_get_version   (VigieProxmoxBackend  *self);
/* The per-guest details read by earlier fetches (owned by the backend). */
VigieProxmoxDetails *vigie_proxmox_backend_get_details (VigieProxmoxBackend *self);
const char *vigie_proxmox_backend_get_repoid    (VigieProxmoxBackend  *self);

/* In vigie-proxmox-fetch.c. */
void      vigie_proxmox_fetch_async             (VigieBackend         *backend,
                                                 VigieFetchFlags       flags,
                                                 VigieInventory       *inventory,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean  vigie_proxmox_fetch_finish            (VigieBackend         *backend,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* In vigie-proxmox-actions.c. */
GListModel *vigie_proxmox_list_actions          (VigieBackend         *backend,
                                                 VigieInstance        *instance);
void      vigie_proxmox_run_action_async        (VigieBackend         *backend,
                                                 VigieInstance        *instance,
                                                 const char           *action,
                                                 GHashTable           *params,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char     *vigie_proxmox_run_action_finish       (VigieBackend         *backend,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void      vigie_proxmox_open_console_async      (VigieBackend         *backend,
                                                 const char           *target,
                                                 VigieInstance        *instance,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
VigieConsole *vigie_proxmox_open_console_finish (VigieBackend         *backend,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
