/* vigie-esxi-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What vigie-esxi-backend.c (session, SOAP calls) shares with
 * vigie-esxi-fetch.c (inventory) and vigie-esxi-actions.c (power, snapshot,
 * tasks, console hand-off).
 */

#pragma once

#include "vigie-session.h"
#include "vigie-esxi-backend.h"
#include "vigie-esxi-parse.h"
#include "vigie-esxi-stream.h"

G_BEGIN_DECLS

struct _VigieEsxiBackend
{
  VigieBackend             parent_instance;

  VigieEsxiServiceContent *content;
  char                    *soap_action;
  char                    *restriction;
  VigieSession            *session;         /* shares one Login, retries once after expiry */
};

typedef struct {
  xmlDoc  *doc;
  xmlNode *response;   /* the <METHODResponse> element, inside doc */
} VigieEsxiReply;

void                     vigie_esxi_reply_free              (VigieEsxiReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieEsxiReply, vigie_esxi_reply_free)

/* One SOAP call; takes the envelope. A NotAuthenticated fault logs in again
 * once and repeats the call. */
void                     vigie_esxi_backend_call_async      (VigieEsxiBackend    *self,
                                                             const char          *method,
                                                             char                *envelope,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
/* The same; may_relogin is FALSE for the calls that must not log in again
 * (RetrieveServiceContent, Login, Logout, DestroyView). */
void                     vigie_esxi_backend_call_full_async (VigieEsxiBackend    *self,
                                                             const char          *method,
                                                             char                *envelope,
                                                             gboolean             may_relogin,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
/* A RetrievePropertiesEx (or Continue…) whose objects go to on_object one
 * by one as the reply arrives; the reply then has none left in it. */
void                     vigie_esxi_backend_call_stream_async (VigieEsxiBackend    *self,
                                                               const char          *method,
                                                               char                *envelope,
                                                               VigieEsxiObjectFunc  on_object,
                                                               gpointer             on_object_data,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
VigieEsxiReply          *vigie_esxi_backend_call_finish     (VigieEsxiBackend    *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
/* Connects (service content, login) unless already connected. */
void                     vigie_esxi_backend_ensure_async    (VigieEsxiBackend    *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean                 vigie_esxi_backend_ensure_finish   (VigieEsxiBackend    *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
VigieEsxiServiceContent *vigie_esxi_backend_get_content     (VigieEsxiBackend    *self);
/* Why changes are refused (free licence), or NULL. */
const char              *vigie_esxi_backend_get_restriction (VigieEsxiBackend    *self);
void                     vigie_esxi_backend_set_restricted  (VigieEsxiBackend    *self,
                                                             const char          *reason);

/* vigie-esxi-fetch.c */
void                     vigie_esxi_backend_fetch_async     (VigieBackend        *backend,
                                                             VigieFetchFlags      flags,
                                                             VigieInventory      *inventory,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean                 vigie_esxi_backend_fetch_finish    (VigieBackend        *backend,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* vigie-esxi-actions.c */
GListModel              *vigie_esxi_backend_list_actions    (VigieBackend        *backend,
                                                             VigieInstance       *instance);
void                     vigie_esxi_backend_run_action_async (VigieBackend       *backend,
                                                             VigieInstance       *instance,
                                                             const char          *action,
                                                             GHashTable          *params,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
char                    *vigie_esxi_backend_run_action_finish (VigieBackend      *backend,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void                     vigie_esxi_backend_open_console_async (VigieBackend     *backend,
                                                             const char          *target,
                                                             VigieInstance       *instance,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
VigieConsole            *vigie_esxi_backend_open_console_finish (VigieBackend    *backend,
                                                             GAsyncResult        *result,
                                                             GError             **error);

G_END_DECLS
