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

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  JsonNode *root = vigie_json_parse_bytes (task_data, &error);

  /* The tree holds copies of what it needs: the reply (4 MB for an Incus
   * list of 3,000 instances) goes now, not once the caller has read the
   * tree. Only this thread reads the task's data. */
  g_task_set_task_data (task, NULL, NULL);
  if (root == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
}

void
vigie_json_parse_bytes_async (GBytes              *bytes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, vigie_json_parse_bytes_async);
  if (bytes == NULL || g_bytes_get_size (bytes) < VIGIE_JSON_THREAD_MIN_SIZE)
    {
      GError *error = NULL;
      JsonNode *root = vigie_json_parse_bytes (bytes, &error);

      if (root == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
      return;
    }
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  /* A cancelled caller gets its answer at once; the tree, when the worker
   * has built it, is dropped. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, parse_thread);
}

JsonNode *
vigie_json_parse_bytes_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
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

