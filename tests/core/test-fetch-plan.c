/* test-fetch-plan.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fetch scheduler with fake requests that answer on a later main loop
 * iteration: the concurrency limit holds, phases run in order, a failed
 * request warns or fails the fetch as declared (and nothing runs after a
 * fatal one), the plan's deadline ends it as a timeout without cancelling
 * the caller's cancellable, and the caller's cancellation ends it.
 */

#include "config.h"

#include "vigie-error.h"
#include "vigie-fetch-plan.h"

typedef struct {
  GPtrArray *sent;       /* paths, in the order they were sent */
  GPtrArray *handled;    /* "phase:path" or "phase:path:error" */
  GPtrArray *second;     /* what phase 2 adds */
  GPtrArray *hung;       /* GTask *, until cancelled */
  guint      last_phase;
  gboolean   done;
  gboolean   ok;
  GError    *error;
} Fixture;

/* "ok…" answers its path, "fail…" VIGIE_ERROR_FAILED, "hang" only
 * cancellation. */

static gboolean
answer (gpointer user_data)
{
  GTask *task = user_data;
  const char *path = g_task_get_task_data (task);
  Fixture *fixture = vigie_fetch_plan_get_user_data (g_task_get_source_object (task));

  g_ptr_array_remove (fixture->hung, task);
  if (g_str_has_prefix (path, "fail"))
    g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_FAILED, "%s failed", path);
  else
    g_task_return_pointer (task, g_strdup (path), g_free);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, answer, g_object_ref (user_data), g_object_unref);
}

static void
fake_send (VigieFetchPlan      *plan,
           const char          *path,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  Fixture *fixture = vigie_fetch_plan_get_user_data (plan);
  g_autoptr(GTask) task = g_task_new (plan, cancellable, callback, user_data);

  g_task_set_task_data (task, g_strdup (path), g_free);
  g_ptr_array_add (fixture->sent, g_strdup (path));
  if (g_str_equal (path, "hang"))
    {
      /* Borrowed by the handler: the fixture holds it until cancelled. */
      g_ptr_array_add (fixture->hung, g_object_ref (task));
      g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), task, NULL);
    }
  else
    g_idle_add_full (G_PRIORITY_DEFAULT, answer, g_object_ref (task), g_object_unref);
}

/* The sends return a GTask holding the reply: core's receive serves. */
static const VigieFetchOps fake_ops = { fake_send, vigie_fetch_plan_receive_task, g_free };

static void
on_reply (VigieFetchPlan *plan,
          const char     *path,
          gpointer        reply,
          const GError   *error,
          gpointer        request_data)
{
  Fixture *fixture = vigie_fetch_plan_get_user_data (plan);

  if (error != NULL)
    g_ptr_array_add (fixture->handled, g_strdup_printf ("%u:%s:%s",
                                                        vigie_fetch_plan_get_phase (plan), path,
                                                        error->message));
  else
    {
      g_assert_cmpstr (reply, ==, path);
      g_ptr_array_add (fixture->handled, g_strdup_printf ("%u:%s",
                                                          vigie_fetch_plan_get_phase (plan),
                                                          path));
    }
  /* A handler may add requests to its phase. */
  if (g_str_equal (path, "ok-more"))
    vigie_fetch_plan_add (plan, VIGIE_FETCH_WARN, on_reply, NULL, NULL, "ok-added");
  if (g_str_equal (path, "ok-unusable"))
    {
      g_autoptr(GError) local = g_error_new (VIGIE_ERROR, VIGIE_ERROR_PROTOCOL, "unusable");

      vigie_fetch_plan_fail (plan, local);
    }
}

/* Phase 1 is set up by the test (fixture->first), phase 2 adds
 * fixture->second, there is no phase 3. */
static const char * const *first_paths;
static const VigieFetchFailure *first_failures;

static gboolean
on_phase (VigieFetchPlan *plan,
          guint           phase,
          gpointer        user_data)
{
  Fixture *fixture = user_data;

  fixture->last_phase = phase;
  if (phase == 1)
    for (guint i = 0; first_paths[i] != NULL; i++)
      vigie_fetch_plan_add (plan, first_failures ? first_failures[i] : VIGIE_FETCH_WARN,
                            on_reply, NULL, NULL, "%s", first_paths[i]);
  else if (phase == 2)
    for (guint i = 0; fixture->second != NULL && i < fixture->second->len; i++)
      vigie_fetch_plan_add (plan, VIGIE_FETCH_WARN, on_reply, NULL, NULL, "%s",
                            (char *) g_ptr_array_index (fixture->second, i));
  return phase <= 2;
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->ok = vigie_fetch_plan_run_finish (VIGIE_FETCH_PLAN (object), result, &fixture->error);
  fixture->done = TRUE;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->sent = g_ptr_array_new_with_free_func (g_free);
  fixture->handled = g_ptr_array_new_with_free_func (g_free);
  fixture->hung = g_ptr_array_new_with_free_func (g_object_unref);
  first_failures = NULL;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_ptr_array_unref (fixture->sent);
  g_ptr_array_unref (fixture->handled);
  g_assert_cmpuint (fixture->hung->len, ==, 0);
  g_ptr_array_unref (fixture->hung);
  g_clear_pointer (&fixture->second, g_ptr_array_unref);
  g_clear_error (&fixture->error);
}

static VigieFetchPlan *
run (Fixture      *fixture,
     guint         limit,
     guint         deadline,
     GCancellable *cancellable)
{
  VigieFetchPlan *plan = vigie_fetch_plan_new (&fake_ops, limit, fixture);

  vigie_fetch_plan_set_deadline (plan, deadline);
  vigie_fetch_plan_run_async (plan, on_phase, cancellable, run_cb, fixture);
  while (!fixture->done)
    g_main_context_iteration (NULL, TRUE);
  return plan;
}

static gboolean
handled (Fixture    *fixture,
         const char *entry)
{
  for (guint i = 0; i < fixture->handled->len; i++)
    if (g_str_equal (g_ptr_array_index (fixture->handled, i), entry))
      return TRUE;
  return FALSE;
}

static void
test_limit (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const paths[] = {
    "ok1", "ok2", "ok3", "ok4", "ok5", "ok6", "ok7", "ok-more", "ok9", "ok10", NULL
  };
  g_autoptr(VigieFetchPlan) plan = NULL;

  first_paths = paths;
  fixture->second = g_ptr_array_new ();
  g_ptr_array_add (fixture->second, "ok-detail1");
  g_ptr_array_add (fixture->second, "ok-detail2");
  plan = run (fixture, 3, 0, NULL);
  g_assert_no_error (fixture->error);
  g_assert_true (fixture->ok);
  g_assert_cmpuint (vigie_fetch_plan_get_peak (plan), ==, 3);
  g_assert_cmpuint (fixture->sent->len, ==, 13);
  g_assert_cmpuint (fixture->handled->len, ==, 13);
  /* Everything phase 1 added, including what a handler added, ran before
   * phase 2 started. */
  for (guint i = 0; i < 11; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (fixture->handled, i), "1:"));
  g_assert_true (handled (fixture, "1:ok-added"));
  g_assert_true (handled (fixture, "2:ok-detail1"));
  g_assert_true (handled (fixture, "2:ok-detail2"));
  g_assert_cmpuint (fixture->last_phase, ==, 3);
  g_assert_finalize_object (g_steal_pointer (&plan));
}

static void
test_limit_one (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const paths[] = { "ok1", "ok2", "ok3", NULL };
  g_autoptr(VigieFetchPlan) plan = NULL;

  first_paths = paths;
  plan = run (fixture, 1, 0, NULL);
  g_assert_true (fixture->ok);
  g_assert_cmpuint (vigie_fetch_plan_get_peak (plan), ==, 1);
  /* One at a time keeps the order. */
  g_assert_cmpstr (g_ptr_array_index (fixture->handled, 0), ==, "1:ok1");
  g_assert_cmpstr (g_ptr_array_index (fixture->handled, 2), ==, "1:ok3");
}

/* With a share per connection, a few requests go one at a time (over one
 * connection) and many use more of the limit: 3 waiting → 1 in flight,
 * 10 waiting at 4 a connection → 3. */
static void
test_per_connection (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const few[] = { "ok1", "ok2", "ok3", NULL };
  static const char * const many[] = {
    "ok1", "ok2", "ok3", "ok4", "ok5", "ok6", "ok7", "ok8", "ok9", "ok10", NULL
  };
  static const struct {
    const char * const *paths;
    guint               handled;
    guint               peak;
  } cases[] = { { few, 3, 1 }, { many, 10, 3 } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VigieFetchPlan) plan = vigie_fetch_plan_new (&fake_ops, 6, fixture);

      first_paths = cases[i].paths;
      fixture->done = FALSE;
      g_ptr_array_set_size (fixture->handled, 0);
      vigie_fetch_plan_set_per_connection (plan, 4);
      vigie_fetch_plan_run_async (plan, on_phase, NULL, run_cb, fixture);
      while (!fixture->done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (fixture->ok);
      g_assert_cmpuint (fixture->handled->len, ==, cases[i].handled);
      g_assert_cmpuint (vigie_fetch_plan_get_peak (plan), ==, cases[i].peak);
      g_assert_finalize_object (g_steal_pointer (&plan));
    }
}

static void
test_warning (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const paths[] = { "ok1", "fail-minor", "ok3", NULL };
  g_autoptr(VigieFetchPlan) plan = NULL;

  first_paths = paths;
  plan = run (fixture, 2, 0, NULL);
  g_assert_no_error (fixture->error);
  g_assert_true (fixture->ok);
  g_assert_true (handled (fixture, "1:fail-minor:fail-minor failed"));
  g_assert_true (handled (fixture, "1:ok3"));
  g_assert_cmpuint (fixture->last_phase, ==, 3);
}

static void
test_fatal (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const paths[] = { "ok1", "fail-minor", "fail-major", "ok-after", NULL };
  static const VigieFetchFailure failures[] = {
    VIGIE_FETCH_FATAL, VIGIE_FETCH_WARN, VIGIE_FETCH_FATAL, VIGIE_FETCH_WARN
  };
  g_autoptr(VigieFetchPlan) plan = NULL;

  first_paths = paths;
  first_failures = failures;
  fixture->second = g_ptr_array_new ();
  g_ptr_array_add (fixture->second, "ok-detail");
  plan = run (fixture, 1, 0, NULL);
  g_assert_error (fixture->error, VIGIE_ERROR, VIGIE_ERROR_FAILED);
  g_assert_cmpstr (fixture->error->message, ==, "fail-major failed");
  g_assert_false (fixture->ok);
  g_assert_true (vigie_fetch_plan_has_failed (plan));
  g_assert_true (handled (fixture, "1:ok1"));
  g_assert_true (handled (fixture, "1:fail-minor:fail-minor failed"));
  /* Nothing is sent or handled after the fatal failure, no next phase. */
  g_assert_cmpuint (fixture->sent->len, ==, 3);
  g_assert_cmpuint (fixture->handled->len, ==, 2);
  g_assert_cmpuint (fixture->last_phase, ==, 1);
}

static void
test_handler_fails (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const paths[] = { "ok-unusable", NULL };
  g_autoptr(VigieFetchPlan) plan = NULL;

  first_paths = paths;
  plan = run (fixture, 4, 0, NULL);
  g_assert_error (fixture->error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL);
  g_assert_cmpuint (fixture->last_phase, ==, 1);
}

static void
test_deadline (Fixture       *fixture,
               gconstpointer  data)
{
  static const char * const paths[] = { "ok1", "hang", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(VigieFetchPlan) plan = NULL;

  first_paths = paths;
  plan = run (fixture, 4, 1, cancellable);
  g_assert_error (fixture->error, VIGIE_ERROR, VIGIE_ERROR_TIMEOUT);
  g_assert_false (g_cancellable_is_cancelled (cancellable));
  g_assert_true (handled (fixture, "1:ok1"));
  g_assert_cmpuint (fixture->last_phase, ==, 1);
  g_assert_finalize_object (g_steal_pointer (&plan));
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const paths[] = { "hang", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(VigieFetchPlan) plan = NULL;

  first_paths = paths;
  g_idle_add (cancel_later, cancellable);
  plan = run (fixture, 4, 0, cancellable);
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A handler per request gets the plan's user data, the request's own
 * data (freed after), the reply or a warning. */
static void
on_handled (Fixture      *fixture,
            char         *request,
            char         *reply,
            const GError *error)
{
  g_ptr_array_add (fixture->handled, g_strdup_printf ("%s=%s", request,
                                                      error ? error->message : reply));
}

static gboolean
on_handler_phase (VigieFetchPlan *plan,
                  guint           phase,
                  gpointer        user_data)
{
  if (phase > 1)
    return FALSE;
  vigie_fetch_plan_add_handler (plan, NULL, VIGIE_FETCH_WARN, (VigieFetchHandler) on_handled,
                                g_strdup ("a"), g_free, "ok-a");
  vigie_fetch_plan_add_handler (plan, NULL, VIGIE_FETCH_WARN, (VigieFetchHandler) on_handled,
                                g_strdup ("b"), g_free, "fail-b");
  return TRUE;
}

static void
test_handlers (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(VigieFetchPlan) plan = vigie_fetch_plan_new (&fake_ops, 2, fixture);

  vigie_fetch_plan_run_async (plan, on_handler_phase, NULL, run_cb, fixture);
  while (!fixture->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (fixture->error);
  g_assert_true (fixture->ok);
  g_assert_cmpuint (fixture->handled->len, ==, 2);
  g_assert_true (handled (fixture, "a=ok-a"));
  g_assert_true (handled (fixture, "b=fail-b failed"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/vigie/fetch-plan/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("limit", test_limit);
  ADD ("limit-one", test_limit_one);
  ADD ("per-connection", test_per_connection);
  ADD ("warning", test_warning);
  ADD ("fatal", test_fatal);
  ADD ("handler-fails", test_handler_fails);
  ADD ("deadline", test_deadline);
  ADD ("cancelled", test_cancelled);
  ADD ("handlers", test_handlers);
#undef ADD

  return g_test_run ();
}
