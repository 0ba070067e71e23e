/* vigie-lab-thread.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include "vigie-lab-thread.h"

struct _VigieLabThread
{
  GObject       parent_instance;

  char         *address;
  guint         port;
  guint         scale;

  GMainContext *context;     /* the lab thread's own */
  GMainLoop    *loop;
  GThread      *thread;
  GTask        *start_task;  /* handed to the thread, which returns it */
  VigieLab     *lab;         /* made, started, stopped and freed in the thread */
};

G_DEFINE_FINAL_TYPE (VigieLabThread, vigie_lab_thread, G_TYPE_OBJECT)

static void
vigie_lab_thread_finalize (GObject *object)
{
  VigieLabThread *self = (VigieLabThread *) object;

  vigie_lab_thread_stop (self);
  g_assert (self->lab == NULL);
  g_clear_object (&self->start_task);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_free (self->address);

  G_OBJECT_CLASS (vigie_lab_thread_parent_class)->finalize (object);
}

static void
vigie_lab_thread_class_init (VigieLabThreadClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_lab_thread_finalize;
}

static void
vigie_lab_thread_init (VigieLabThread *self)
{
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
}

VigieLabThread *
vigie_lab_thread_new (const char *address,
                      guint       port,
                      guint       scale)
{
  VigieLabThread *self = g_object_new (VIGIE_TYPE_LAB_THREAD, NULL);

  self->address = g_strdup (address);
  self->port = port;
  self->scale = scale;
  return self;
}

typedef struct
{
  GTask  *task;
  GError *error;
} StartResult;

/* In the starter's context: the task (and the reference it holds on the
 * VigieLabThread) is released there, never in the lab thread — a last
 * reference dropped in the lab thread would make it join itself. */
static gboolean
return_start_cb (gpointer data)
{
  StartResult *result = data;

  if (result->error != NULL)
    g_task_return_error (result->task, result->error);
  else
    g_task_return_boolean (result->task, TRUE);
  g_object_unref (result->task);
  g_free (result);
  return G_SOURCE_REMOVE;
}

/* The thread holds no reference of its own: finalizing the object joins it
 * first. */
static gpointer
lab_thread_main (gpointer data)
{
  VigieLabThread *self = data;
  StartResult *result = g_new0 (StartResult, 1);

  result->task = g_steal_pointer (&self->start_task);

  /* Every server, socket and timeout the lab makes attaches here. */
  g_main_context_push_thread_default (self->context);
  self->lab = vigie_lab_new (self->address, self->port, self->scale);
  vigie_lab_start (self->lab, &result->error);
  g_main_context_invoke (g_task_get_context (result->task), return_start_cb, result);

  g_main_loop_run (self->loop);

  /* Stopped: close the servers and their connections where they live. */
  vigie_lab_stop (self->lab);
  g_clear_object (&self->lab);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

void
vigie_lab_thread_start_async (VigieLabThread      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (VIGIE_IS_LAB_THREAD (self));
  g_return_if_fail (self->thread == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_lab_thread_start_async);
  self->start_task = task;
  self->thread = g_thread_new ("vigie-lab", lab_thread_main, self);
}

gboolean
vigie_lab_thread_start_finish (VigieLabThread  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

VigieLab *
vigie_lab_thread_get_lab (VigieLabThread *self)
{
  g_return_val_if_fail (VIGIE_IS_LAB_THREAD (self), NULL);
  return self->thread != NULL ? self->lab : NULL;
}

GMainContext *
vigie_lab_thread_get_context (VigieLabThread *self)
{
  g_return_val_if_fail (VIGIE_IS_LAB_THREAD (self), NULL);
  return self->context;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
vigie_lab_thread_stop (VigieLabThread *self)
{
  g_return_if_fail (VIGIE_IS_LAB_THREAD (self));

  if (self->thread == NULL)
    return;
  /* Through the lab's context, so a stop that comes while the lab is still
   * starting quits the loop once it runs, not before. */
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (g_steal_pointer (&self->thread));
}
