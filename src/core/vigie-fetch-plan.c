/* vigie-fetch-plan.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-deadline.h"
#include "vigie-error.h"
#include "vigie-fetch-plan.h"

typedef struct {
  VigieFetchPlan       *plan;       /* a reference while in flight */
  const VigieFetchOps  *ops;
  char                 *path;
  VigieFetchFailure     failure;
  VigieFetchReplyFunc   reply;
  VigieFetchHandler     handler;
  gpointer              data;
  GDestroyNotify        data_free;
} Request;

struct _VigieFetchPlan
{
  GObject              parent_instance;

  const VigieFetchOps *ops;
  guint                limit;
  guint                per_connection;
  gpointer             user_data;
  guint                deadline_seconds;

  GTask               *task;        /* a reference while running */
  VigieFetchPhaseFunc  phase_func;
  VigieDeadline        deadline;
  GQueue               queue;
  guint                in_flight;
  guint                peak;
  guint                phase;
  GError              *fatal;
};

G_DEFINE_FINAL_TYPE (VigieFetchPlan, vigie_fetch_plan, G_TYPE_OBJECT)

static void
request_free (Request *request)
{
  if (request->data_free != NULL)
    request->data_free (request->data);
  g_free (request->path);
  g_clear_object (&request->plan);
  g_free (request);
}

static void
vigie_fetch_plan_finalize (GObject *object)
{
  VigieFetchPlan *self = VIGIE_FETCH_PLAN (object);

  g_assert (self->task == NULL);
  g_queue_clear_full (&self->queue, (GDestroyNotify) request_free);
  vigie_deadline_clear (&self->deadline);
  g_clear_error (&self->fatal);

  G_OBJECT_CLASS (vigie_fetch_plan_parent_class)->finalize (object);
}

static void
vigie_fetch_plan_class_init (VigieFetchPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_fetch_plan_finalize;
}

static void
vigie_fetch_plan_init (VigieFetchPlan *self)
{
  g_queue_init (&self->queue);
}

VigieFetchPlan *
vigie_fetch_plan_new (const VigieFetchOps *ops,
                      guint                limit,
                      gpointer             user_data)
{
  VigieFetchPlan *self;

  g_return_val_if_fail (ops != NULL && ops->send != NULL && ops->receive != NULL, NULL);
  g_return_val_if_fail (limit > 0, NULL);

  self = g_object_new (VIGIE_TYPE_FETCH_PLAN, NULL);
  self->ops = ops;
  self->limit = limit;
  self->user_data = user_data;
  return self;
}

gpointer
vigie_fetch_plan_get_user_data (VigieFetchPlan *self)
{
  g_return_val_if_fail (VIGIE_IS_FETCH_PLAN (self), NULL);
  return self->user_data;
}

void
vigie_fetch_plan_set_per_connection (VigieFetchPlan *self,
                                     guint           requests)
{
  g_return_if_fail (VIGIE_IS_FETCH_PLAN (self));
  self->per_connection = requests;
}

/* How many requests may be in flight now: the limit, or with
 * per_connection one for every per_connection requests waiting or in
 * flight, and never fewer than were at once before (their connections are
 * open already). */
static guint
allowed_in_flight (VigieFetchPlan *self)
{
  guint pending, wanted;

  if (self->per_connection == 0)
    return self->limit;
  pending = self->in_flight + g_queue_get_length (&self->queue);
  wanted = (pending + self->per_connection - 1) / self->per_connection;
  return CLAMP (MAX (wanted, self->peak), 1, self->limit);
}

void
vigie_fetch_plan_set_deadline (VigieFetchPlan *self,
                               guint           seconds)
{
  g_return_if_fail (VIGIE_IS_FETCH_PLAN (self));
  g_return_if_fail (self->task == NULL);
  self->deadline_seconds = seconds;
}

static Request *
queue_request (VigieFetchPlan      *self,
               const VigieFetchOps *ops,
               VigieFetchFailure    failure,
               gpointer             request_data,
               GDestroyNotify       request_free_func,
               const char          *path)
{
  Request *request = g_new0 (Request, 1);

  request->ops = ops != NULL ? ops : self->ops;
  request->path = g_strdup (path);
  request->failure = failure;
  request->data = request_data;
  request->data_free = request_free_func;
  g_queue_push_tail (&self->queue, request);
  return request;
}

void
vigie_fetch_plan_add_full (VigieFetchPlan      *self,
                           const VigieFetchOps *ops,
                           VigieFetchFailure    failure,
                           VigieFetchReplyFunc  reply,
                           gpointer             request_data,
                           GDestroyNotify       request_free_func,
                           const char          *path)
{
  g_return_if_fail (VIGIE_IS_FETCH_PLAN (self));
  g_return_if_fail (path != NULL);

  queue_request (self, ops, failure, request_data, request_free_func, path)->reply = reply;
}

gpointer
vigie_fetch_plan_receive_task (VigieFetchPlan  *plan,
                               GObject         *source,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
vigie_fetch_plan_add_handler (VigieFetchPlan      *self,
                              const VigieFetchOps *ops,
                              VigieFetchFailure    failure,
                              VigieFetchHandler    handler,
                              gpointer             request_data,
                              GDestroyNotify       request_free_func,
                              const char          *path)
{
  g_return_if_fail (VIGIE_IS_FETCH_PLAN (self));
  g_return_if_fail (handler != NULL && path != NULL);

  queue_request (self, ops, failure, request_data, request_free_func, path)->handler = handler;
}

void
vigie_fetch_plan_add (VigieFetchPlan      *self,
                      VigieFetchFailure    failure,
                      VigieFetchReplyFunc  reply,
                      gpointer             request_data,
                      GDestroyNotify       request_free_func,
                      const char          *format,
                      ...)
{
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, format);
  path = g_strdup_vprintf (format, args);
  va_end (args);
  vigie_fetch_plan_add_full (self, NULL, failure, reply, request_data, request_free_func, path);
}

void
vigie_fetch_plan_fail (VigieFetchPlan *self,
                       const GError   *error)
{
  g_return_if_fail (VIGIE_IS_FETCH_PLAN (self));
  g_return_if_fail (error != NULL);

  if (self->fatal == NULL)
    self->fatal = g_error_copy (error);
}

gboolean
vigie_fetch_plan_has_failed (VigieFetchPlan *self)
{
  g_return_val_if_fail (VIGIE_IS_FETCH_PLAN (self), FALSE);
  return self->fatal != NULL;
}

guint
vigie_fetch_plan_get_phase (VigieFetchPlan *self)
{
  g_return_val_if_fail (VIGIE_IS_FETCH_PLAN (self), 0);
  return self->phase;
}

guint
vigie_fetch_plan_get_peak (VigieFetchPlan *self)
{
  g_return_val_if_fail (VIGIE_IS_FETCH_PLAN (self), 0);
  return self->peak;
}

/* running */

static void
complete (VigieFetchPlan *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  vigie_deadline_stop (&self->deadline);
  g_queue_clear_full (&self->queue, (GDestroyNotify) request_free);
  if (self->fatal != NULL)
    g_task_return_error (task, g_error_copy (self->fatal));
  else
    g_task_return_boolean (task, TRUE);
}

static void pump (VigieFetchPlan *self);

/* The phase has ended: start the next ones until one has requests. */
static void
advance (VigieFetchPlan *self)
{
  for (;;)
    {
      self->phase++;
      if (!self->phase_func (self, self->phase, self->user_data))
        {
          complete (self);
          return;
        }
      if (self->fatal != NULL || !g_queue_is_empty (&self->queue))
        {
          pump (self);
          return;
        }
    }
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(VigieFetchPlan) self = g_steal_pointer (&request->plan);
  g_autoptr(GError) error = NULL;
  gpointer reply;

  self->in_flight--;
  reply = request->ops->receive (self, object, result, &error);
  if (error != NULL && self->fatal == NULL &&
      ((request->failure & VIGIE_FETCH_FATAL) != 0 ||
       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    self->fatal = g_steal_pointer (&error);
  else if (self->fatal == NULL && request->reply != NULL)
    request->reply (self, request->path, reply, error, request->data);
  else if (self->fatal == NULL && request->handler != NULL)
    request->handler (self->user_data, request->data, reply, error);
  if (reply != NULL && request->ops->reply_free != NULL)
    request->ops->reply_free (reply);
  request_free (request);
  pump (self);
}

static void
pump (VigieFetchPlan *self)
{
  while (self->fatal == NULL && self->in_flight < allowed_in_flight (self) &&
         !g_queue_is_empty (&self->queue))
    {
      Request *request = g_queue_pop_head (&self->queue);

      self->in_flight++;
      self->peak = MAX (self->peak, self->in_flight);
      request->plan = g_object_ref (self);
      request->ops->send (self, request->path, self->deadline.cancellable, request_cb, request);
    }
  if (self->in_flight > 0)
    return;
  if (self->fatal != NULL)
    complete (self);
  else if (g_queue_is_empty (&self->queue))
    advance (self);
}

static gboolean
on_deadline (gpointer user_data)
{
  VigieFetchPlan *self = user_data;

  if (self->fatal == NULL)
    self->fatal = g_error_new (VIGIE_ERROR, VIGIE_ERROR_TIMEOUT,
                               _("The endpoint did not answer within %u seconds"),
                               self->deadline_seconds);
  /* The deadline cancels what is in flight right after; the plan ends
   * once they have answered. */
  return G_SOURCE_REMOVE;
}

void
vigie_fetch_plan_run_async (VigieFetchPlan      *self,
                            VigieFetchPhaseFunc  phase,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (VIGIE_IS_FETCH_PLAN (self));
  g_return_if_fail (phase != NULL);
  g_return_if_fail (self->task == NULL && self->phase == 0);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, vigie_fetch_plan_run_async);
  /* Errors are the plan's to report: a cancelled caller sees cancellation
   * through the requests, after those in flight answered. */
  g_task_set_check_cancellable (self->task, FALSE);
  self->phase_func = phase;
  vigie_deadline_start (&self->deadline, cancellable, self->deadline_seconds, on_deadline, self);
  advance (self);
}

gboolean
vigie_fetch_plan_run_finish (VigieFetchPlan  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
run_task_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_fetch_plan_run_finish (VIGIE_FETCH_PLAN (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
vigie_fetch_plan_run_task (VigieFetchPlan      *self,
                           VigieFetchPhaseFunc  phase,
                           GTask               *task)
{
  g_return_if_fail (VIGIE_IS_FETCH_PLAN (self));
  g_return_if_fail (G_IS_TASK (task));

  vigie_fetch_plan_run_async (self, phase, g_task_get_cancellable (task), run_task_cb, task);
}
