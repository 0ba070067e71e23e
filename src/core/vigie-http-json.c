/* vigie-http-json.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON requests over VigieHttpClient: send, check the status, parse the
 * reply with the bounded parser (a big one in a worker thread).
 */

#define G_LOG_DOMAIN "vigie-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-http-client.h"
#include "vigie-json.h"

static VigieJsonParseHook parse_hook;
static gpointer           parse_hook_data;

void
vigie_json_set_parse_hook (VigieJsonParseHook hook,
                           gpointer           user_data)
{
  parse_hook = hook;
  parse_hook_data = user_data;
}

JsonNode *
vigie_json_parse_bytes (GBytes  *bytes,
                        GError **error)
{
  gsize size = 0;
  const char *text = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  if (parse_hook != NULL)
    parse_hook (size, parse_hook_data);
  /* Depth and size are bounded there, for every JSON reply. */
  return vigie_json_parse_bounded (text, size, error);
}

/* Parsing off the caller's thread
 *
 * A Proxmox /cluster/resources of 10,000 guests (3.5 MB) took 118 ms of the
 * main thread to parse (bench/json-stall), during which the app's main loop
 * draws nothing and every other endpoint's reply waits. Such a reply goes
 * to GTask's thread pool; the tree is built there by a JsonParser of its
 * own and handed over whole, nothing else is shared. A reply under
 * VIGIE_JSON_THREAD_MIN_SIZE (under a millisecond) is parsed at once. */

typedef struct {
  GBytes               *bytes;
  const char           *member;        /* NULL: a tree, not split */
  VigieJsonElementFunc  func;
  gpointer              func_data;
  GDestroyNotify        element_free;
} ParseJob;

typedef struct {
  JsonNode  *root;
  GPtrArray *elements;
} ParseResult;

static void
parse_job_free (ParseJob *job)
{
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

static void
parse_result_free (ParseResult *result)
{
  g_clear_pointer (&result->root, json_node_unref);
  g_clear_pointer (&result->elements, g_ptr_array_unref);
  g_free (result);
}

static void
parse_job_run (GTask    *task,
               ParseJob *job)
{
  GError *error = NULL;
  ParseResult *result = g_new0 (ParseResult, 1);

  if (job->member == NULL)
    result->root = vigie_json_parse_bytes (job->bytes, &error);
  else
    {
      gsize size = 0;
      const char *text = g_bytes_get_data (job->bytes, &size);

      if (parse_hook != NULL)
        parse_hook (size, parse_hook_data);
      result->root = vigie_json_parse_split (text, size, job->member, job->func, job->func_data,
                                             job->element_free, &result->elements, &error);
    }
  /* The tree holds copies of what it needs: the reply (4 MB for an Incus
   * list of 3,000 instances) goes now, not once the caller has read the
   * tree. Only the parsing thread reads the task's data. */
  g_task_set_task_data (task, NULL, NULL);
  if (result->root == NULL)
    {
      parse_result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, (GDestroyNotify) parse_result_free);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  parse_job_run (task, task_data);
}

static void
parse_async (ParseJob            *job,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, parse_async);
  g_task_set_task_data (task, job, (GDestroyNotify) parse_job_free);
  if (job->bytes == NULL || g_bytes_get_size (job->bytes) < VIGIE_JSON_THREAD_MIN_SIZE)
    {
      parse_job_run (task, job);
      return;
    }
  /* A cancelled caller gets its answer at once; the tree, when the worker
   * has built it, is dropped. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, parse_thread);
}

static JsonNode *
parse_finish (GAsyncResult  *result,
              GPtrArray    **elements,
              GError       **error)
{
  ParseResult *res;
  JsonNode *root;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == parse_async, NULL);

  res = g_task_propagate_pointer (G_TASK (result), error);
  if (res == NULL)
    return NULL;
  root = g_steal_pointer (&res->root);
  if (elements != NULL)
    *elements = g_steal_pointer (&res->elements);
  parse_result_free (res);
  return root;
}

void
vigie_json_parse_bytes_async (GBytes              *bytes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  ParseJob *job = g_new0 (ParseJob, 1);

  job->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  parse_async (job, cancellable, callback, user_data);
}

JsonNode *
vigie_json_parse_bytes_finish (GAsyncResult  *result,
                               GError       **error)
{
  return parse_finish (result, NULL, error);
}

void
vigie_json_parse_split_async (GBytes               *bytes,
                              const char           *member,
                              VigieJsonElementFunc  func,
                              gpointer              func_data,
                              GDestroyNotify        element_free,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  ParseJob *job = g_new0 (ParseJob, 1);

  g_return_if_fail (member != NULL && func != NULL);

  job->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  job->member = member;
  job->func = func;
  job->func_data = func_data;
  job->element_free = element_free;
  parse_async (job, cancellable, callback, user_data);
}

JsonNode *
vigie_json_parse_split_finish (GAsyncResult  *result,
                               GPtrArray    **elements,
                               GError       **error)
{
  g_return_val_if_fail (elements != NULL, NULL);

  *elements = NULL;
  return parse_finish (result, elements, error);
}

void
vigie_json_parse_bytes_return_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  JsonNode *root = vigie_json_parse_bytes_finish (result, &error);

  if (root == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
}

typedef struct {
  SoupMessage *message;
} JsonData;

static void
json_data_free (JsonData *data)
{
  g_clear_object (&data->message);
  g_free (data);
}

static void
request_json_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  JsonData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  body = vigie_http_client_send_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  status = soup_message_get_status (data->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, vigie_http_status_error (status,
                                                          soup_message_get_reason_phrase (data->message),
                                                          body));
      return;
    }
  /* The cancellable is read before the call, which steals the task. */
  cancellable = g_task_get_cancellable (task);
  vigie_json_parse_bytes_async (body, cancellable, vigie_json_parse_bytes_return_cb,
                                g_steal_pointer (&task));
}

void
vigie_http_client_request_json_async (VigieHttpClient    *self,
                                      const char         *method,
                                      const char         *path,
                                      GBytes             *body,
                                      const char         *content_type,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  JsonData *data;

  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_http_client_request_json_async);
  data = g_new0 (JsonData, 1);
  data->message = vigie_http_client_new_json_message (self, method, path, body, content_type);
  g_task_set_task_data (task, data, (GDestroyNotify) json_data_free);

  vigie_http_client_send_async (self, data->message, cancellable, request_json_cb,
                                g_steal_pointer (&task));
}

JsonNode *
vigie_http_client_request_json_finish (VigieHttpClient  *self,
                                       GAsyncResult     *result,
                                       guint            *status,
                                       GError          **error)
{
  JsonData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (status != NULL)
    *status = soup_message_get_status (data->message);
  return g_task_propagate_pointer (G_TASK (result), error);
}

