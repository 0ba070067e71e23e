/* vigie-fetch-plan.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * VigieFetchPlan:
 *
 * The requests of one fetch, run a few at a time: what every backend used
 * to schedule for itself (a pending counter, a queue). A fetch runs in
 * phases: the plan asks the backend to start phase 1, 2, … (lists first,
 * then details that need them); a phase ends when all its requests — and
 * those their handlers added — have answered. At most @limit requests are
 * in flight at once.
 *
 * A request is FATAL (its failure fails the fetch) or not (its handler gets
 * the error and makes it a warning); cancellation is always fatal. After a
 * fatal failure no request starts and no handler runs; the plan ends with
 * that error once the requests in flight have answered. With a deadline,
 * the plan ends VIGIE_ERROR_TIMEOUT when it expires, cancelling what is in
 * flight but never the caller's cancellable.
 */
#define VIGIE_TYPE_FETCH_PLAN (vigie_fetch_plan_get_type ())

G_DECLARE_FINAL_TYPE (VigieFetchPlan, vigie_fetch_plan, VIGIE, FETCH_PLAN, GObject)

typedef enum {
  VIGIE_FETCH_WARN  = 0,
  VIGIE_FETCH_FATAL = 1 << 0,
} VigieFetchFailure;

/* How a plan sends a request for @path and reads its reply. receive returns
 * the reply (freed with reply_free after the handler ran) or NULL + error. */
typedef void     (*VigieFetchSendFunc)    (VigieFetchPlan       *plan,
                                           const char           *path,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
typedef gpointer (*VigieFetchReceiveFunc) (VigieFetchPlan       *plan,
                                           GObject              *source,
                                           GAsyncResult         *result,
                                           GError              **error);

/* A receive for sends whose result is a GTask holding the reply (a
 * g_task_return_pointer()): most backends' _finish is no more than that. */
gpointer vigie_fetch_plan_receive_task (VigieFetchPlan  *plan,
                                        GObject         *source,
                                        GAsyncResult    *result,
                                        GError         **error);

typedef struct {
  VigieFetchSendFunc     send;
  VigieFetchReceiveFunc  receive;
  GDestroyNotify         reply_free;
} VigieFetchOps;

/* A reply (error NULL) or a failure that is not fatal. */
typedef void     (*VigieFetchReplyFunc)   (VigieFetchPlan       *plan,
                                           const char           *path,
                                           gpointer              reply,
                                           const GError         *error,
                                           gpointer              request_data);
/* The same, as most backends keep it: one handler per request, called with
 * the plan's user data (the backend's fetch state) and the request's data,
 * so no backend needs a reply function that only unpacks and forwards. */
typedef void     (*VigieFetchHandler)     (gpointer              fetch,
                                           gpointer              request_data,
                                           gpointer              reply,
                                           const GError         *error);
/* Start phase @phase (1, 2, …) by adding its requests; FALSE when there is
 * no such phase: the fetch is complete. */
typedef gboolean (*VigieFetchPhaseFunc)   (VigieFetchPlan       *plan,
                                           guint                 phase,
                                           gpointer              user_data);

/* ops is not copied; user_data is the backend’s fetch state. Requests
 * added before running belong to phase 1. */
VigieFetchPlan *vigie_fetch_plan_new          (const VigieFetchOps  *ops,
                                               guint                 limit,
                                               gpointer              user_data);
gpointer        vigie_fetch_plan_get_user_data (VigieFetchPlan      *self);
/* Over HTTP/1.1 each request in flight holds a connection, and each new
 * connection is a TLS handshake (on both sides: key exchange and
 * signature, about 6 M instructions for the client alone). With
 * @requests > 0, one more request goes in flight only for every @requests
 * waiting, up to the limit: a small endpoint's few dozen requests share a
 * connection or two, a big cluster's hundreds of details still use them
 * all. 0 (the default): always the limit. */
#define VIGIE_FETCH_REQUESTS_PER_CONNECTION 32
void            vigie_fetch_plan_set_per_connection (VigieFetchPlan *self,
                                                     guint           requests);
/* 0 (the default): no deadline of its own. */
void            vigie_fetch_plan_set_deadline (VigieFetchPlan       *self,
                                               guint                 seconds);
void            vigie_fetch_plan_add          (VigieFetchPlan       *self,
                                               VigieFetchFailure     failure,
                                               VigieFetchReplyFunc   reply,
                                               gpointer              request_data,
                                               GDestroyNotify        request_free,
                                               const char           *format,
                                               ...) G_GNUC_PRINTF (6, 7);
/* The same with other ops (NULL: the plan's). */
void            vigie_fetch_plan_add_full     (VigieFetchPlan       *self,
                                               const VigieFetchOps  *ops,
                                               VigieFetchFailure     failure,
                                               VigieFetchReplyFunc   reply,
                                               gpointer              request_data,
                                               GDestroyNotify        request_free,
                                               const char           *path);
/* Adds a request whose reply goes to @handler (see VigieFetchHandler). */
void            vigie_fetch_plan_add_handler  (VigieFetchPlan       *self,
                                               const VigieFetchOps  *ops,
                                               VigieFetchFailure     failure,
                                               VigieFetchHandler     handler,
                                               gpointer              request_data,
                                               GDestroyNotify        request_free,
                                               const char           *path);
/* From a handler: fail the fetch (the reply was unusable). */
void            vigie_fetch_plan_fail         (VigieFetchPlan       *self,
                                               const GError         *error);
gboolean        vigie_fetch_plan_has_failed   (VigieFetchPlan       *self);
guint           vigie_fetch_plan_get_phase    (VigieFetchPlan       *self);
/* The most requests that were in flight at once (tests, debugging). */
guint           vigie_fetch_plan_get_peak     (VigieFetchPlan       *self);

void            vigie_fetch_plan_run_async    (VigieFetchPlan       *self,
                                               VigieFetchPhaseFunc   phase,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean        vigie_fetch_plan_run_finish   (VigieFetchPlan       *self,
                                               GAsyncResult         *result,
                                               GError              **error);
/* Runs with @task's cancellable and returns the plan's result on @task (a
 * boolean, or the error): a backend's fetch_async in one line. Takes the
 * reference to @task. */
void            vigie_fetch_plan_run_task     (VigieFetchPlan       *self,
                                               VigieFetchPhaseFunc   phase,
                                               GTask                *task);

G_END_DECLS
