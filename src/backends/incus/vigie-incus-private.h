/* vigie-incus-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Incus backend's files share: the backend's instance struct, one
 * request in the API's envelope, waiting for an operation, and the fetch.
 */

#pragma once

#include "vigie-incus-backend.h"
#include "vigie-incus-parse.h"

G_BEGIN_DECLS

struct _VigieIncusBackend
{
  VigieBackend      parent_instance;

  VigieIncusServer *server;
  char             *cert_pem;        /* set by set_client_pem() or enrolment */
  char             *key_pem;
  GHashTable       *cpu_samples;     /* "project/name" → CpuSample */

  SoupWebsocketConnection *events;
  GCancellable     *events_cancellable;
  guint             events_retry_id;
  guint             events_backoff;
  gboolean          watching;
  gboolean          watched;       /* through VigieBackendClass.watch: no own retry */
};

/* body is a JSON document or NULL. Returns the envelope's metadata. */
void                 vigie_incus_request_async          (VigieBackend        *backend,
                                                         const char          *method,
                                                         const char          *path,
                                                         const char          *body,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
JsonNode            *vigie_incus_request_finish         (VigieBackend        *backend,
                                                         GAsyncResult        *result,
                                                         char               **operation,
                                                         GError             **error);

/* A GET of a list whose envelope's metadata is read one element at a time
 * (vigie_json_parse_split(): @func may run in a worker thread); finish
 * returns what @func kept, or NULL with an error. */
void                 vigie_incus_request_list_async     (VigieBackend        *backend,
                                                         const char          *path,
                                                         VigieJsonElementFunc func,
                                                         GDestroyNotify       element_free,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray           *vigie_incus_request_list_finish    (VigieBackend        *backend,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Waits until the operation (its URL or id) ends; fails with the server's
 * message when it failed. */
void                 vigie_incus_wait_operation_async   (VigieBackend        *backend,
                                                         const char          *operation,
                                                         guint                max_seconds,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
VigieIncusOperation *vigie_incus_wait_operation_finish  (VigieBackend        *backend,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Enrolment (vigie-incus-enrol.c): pins the endpoint to the server
 * certificate the trust token names, then asks the server to trust
 * cert_pem, which the HTTP client must already present. Does not connect. */
void                 vigie_incus_enrol_certificate_async  (VigieBackend        *backend,
                                                           const char          *token,
                                                           const char          *cert_pem,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean             vigie_incus_enrol_certificate_finish (VigieBackend        *backend,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Actions (vigie-incus-actions.c); server may be NULL before connecting. */
GListModel          *vigie_incus_list_actions           (VigieIncusServer    *server,
                                                         VigieInstance       *instance);
void                 vigie_incus_run_action_async       (VigieBackend        *backend,
                                                         VigieInstance       *instance,
                                                         const char          *action,
                                                         GHashTable          *params,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
char                *vigie_incus_run_action_finish      (VigieBackend        *backend,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* The inventory (vigie-incus-fetch.c). */
void                 vigie_incus_backend_fetch_async    (VigieBackend        *backend,
                                                         VigieFetchFlags      flags,
                                                         VigieInventory      *inventory,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean             vigie_incus_backend_fetch_finish   (VigieBackend        *backend,
                                                         GAsyncResult        *result,
                                                         GError             **error);

char                *vigie_incus_instance_path          (const char          *name,
                                                         const char          *project,
                                                         const char          *suffix);
char                *vigie_incus_json_to_string         (JsonBuilder         *builder);

G_END_DECLS
