/* vigie-incus-request.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-incus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-error.h"
#include "vigie-incus-private.h"

typedef struct {
  SoupMessage          *message;
  GBytes               *body;      /* the reply, for its status error */
  VigieJsonElementFunc  split;     /* a list read element by element, or NULL */
  GDestroyNotify        split_free;
} RequestData;

static void
request_data_free (RequestData *data)
{
  g_clear_object (&data->message);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data);
}

typedef struct {
  JsonNode  *metadata;
  char      *operation;
  GPtrArray *elements;  /* a split list's */
} RequestResult;

static void
request_result_free (RequestResult *result)
{
  g_clear_pointer (&result->metadata, json_node_unref);
  g_clear_pointer (&result->elements, g_ptr_array_unref);
  g_free (result->operation);
  g_free (result);
}

static void
request_parsed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RequestData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  RequestResult *res;
  guint status = soup_message_get_status (data->message);

  if (data->split != NULL)
    root = vigie_json_parse_split_finish (result, &elements, &error);
  else
    root = vigie_json_parse_bytes_finish (result, &error);
  if (root == NULL)
    {
      /* Not the API's envelope: a proxy or another server answered. */
      if (!SOUP_STATUS_IS_SUCCESSFUL (status) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          const char *reason = soup_message_get_reason_phrase (data->message);

          g_task_return_error (task, vigie_http_status_error (status, reason, data->body));
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_pointer (&data->body, g_bytes_unref);
  res = g_new0 (RequestResult, 1);
  res->metadata = vigie_incus_parse_envelope (root, &res->operation, &error);
  if (res->metadata == NULL)
    {
      request_result_free (res);
      g_debug ("%s %s: %u %s", soup_message_get_method (data->message),
               g_uri_get_path (soup_message_get_uri (data->message)), status,
               error ? error->message : "");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  res->elements = g_steal_pointer (&elements);
  g_task_return_pointer (task, res, (GDestroyNotify) request_result_free);
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RequestData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&data->body, g_bytes_unref);
  data->body = vigie_http_client_send_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  if (data->body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* A client certificate cannot log in again: the round ends auth-failed. */
  if (soup_message_get_status (data->message) == SOUP_STATUS_UNAUTHORIZED)
    vigie_backend_reauth (g_task_get_source_object (task), FALSE);
  /* The cancellable is read before the call, which steals the task. */
  cancellable = g_task_get_cancellable (task);
  if (data->split != NULL)
    vigie_json_parse_split_async (data->body, "metadata", data->split, NULL, data->split_free,
                                  cancellable, request_parsed_cb, g_steal_pointer (&task));
  else
    vigie_json_parse_bytes_async (data->body, cancellable, request_parsed_cb,
                                  g_steal_pointer (&task));
}

static void
request_start (VigieBackend         *backend,
               const char           *method,
               const char           *path,
               const char           *body,
               VigieJsonElementFunc  split,
               GDestroyNotify        split_free,
               GCancellable         *cancellable,
               GAsyncReadyCallback   callback,
               gpointer              user_data)
{
  VigieHttpClient *http = vigie_backend_get_http (backend);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  RequestData *data;

  task = g_task_new (backend, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_incus_request_async);
  if (http == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                               _("The endpoint’s address is not valid"));
      return;
    }
  if (body != NULL)
    bytes = g_bytes_new (body, strlen (body));
  data = g_new0 (RequestData, 1);
  data->split = split;
  data->split_free = split_free;
  data->message = vigie_http_client_new_json_message (http, method, path, bytes, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) request_data_free);
  vigie_http_client_send_async (http, data->message, cancellable, request_cb,
                                g_steal_pointer (&task));
}

void
vigie_incus_request_async (VigieBackend        *backend,
                           const char          *method,
                           const char          *path,
                           const char          *body,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  request_start (backend, method, path, body, NULL, NULL, cancellable, callback, user_data);
}

void
vigie_incus_request_list_async (VigieBackend         *backend,
                                const char           *path,
                                VigieJsonElementFunc  func,
                                GDestroyNotify        element_free,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  request_start (backend, "GET", path, NULL, func, element_free, cancellable, callback,
                 user_data);
}

GPtrArray *
vigie_incus_request_list_finish (VigieBackend  *backend,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  RequestResult *res;
  GPtrArray *elements;

  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);

  res = g_task_propagate_pointer (G_TASK (result), error);
  if (res == NULL)
    return NULL;
  elements = g_steal_pointer (&res->elements);
  request_result_free (res);
  if (elements == NULL)
    g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                 _("The server’s reply has an unexpected shape (%s)"), "metadata");
  return elements;
}

JsonNode *
vigie_incus_request_finish (VigieBackend  *backend,
                            GAsyncResult  *result,
                            char         **operation,
                            GError       **error)
{
  RequestResult *res;
  JsonNode *metadata;

  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);

  if (operation != NULL)
    *operation = NULL;
  res = g_task_propagate_pointer (G_TASK (result), error);
  if (res == NULL)
    return NULL;
  metadata = g_steal_pointer (&res->metadata);
  if (operation != NULL)
    *operation = g_steal_pointer (&res->operation);
  request_result_free (res);
  return metadata;
}

/* Operations */

typedef struct {
  char   *id;
  gint64  deadline;   /* monotonic µs */
} WaitData;

static void
wait_data_free (WaitData *data)
{
  g_free (data->id);
  g_free (data);
}

static void wait_next (GTask *task);

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WaitData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(VigieIncusOperation) op = NULL;

  metadata = vigie_incus_request_finish (VIGIE_BACKEND (object), result, NULL, &error);
  if (metadata == NULL || (op = vigie_incus_parse_operation (metadata, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!vigie_incus_operation_is_done (op))
    {
      if (g_get_monotonic_time () >= data->deadline)
        {
          g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_TIMEOUT,
                                   _("The server’s operation did not finish in time"));
          return;
        }
      wait_next (g_steal_pointer (&task));
      return;
    }
  if (op->status_code >= 400 || g_strcmp0 (op->status, "Failure") == 0)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_FAILED, "%s",
                               op->err != NULL ? op->err : _("The operation failed"));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&op), (GDestroyNotify) vigie_incus_operation_free);
}

static void
wait_next (GTask *task)
{
  WaitData *data = g_task_get_task_data (task);
  VigieBackend *backend = g_task_get_source_object (task);
  VigieHttpClient *http = vigie_backend_get_http (backend);
  g_autofree char *path = NULL;
  gint64 left = (data->deadline - g_get_monotonic_time ()) / G_USEC_PER_SEC;
  guint step;

  /* Long polls stay under the HTTP client's own deadline. */
  step = http != NULL && vigie_http_client_get_timeout (http) > 5
           ? vigie_http_client_get_timeout (http) - 5 : 20;
  step = CLAMP (left, 1, MIN (step, 20));
  path = g_strdup_printf ("/1.0/operations/%s/wait?timeout=%u", data->id, step);
  vigie_incus_request_async (backend, "GET", path, NULL, g_task_get_cancellable (task),
                             wait_cb, task);
}

void
vigie_incus_wait_operation_async (VigieBackend        *backend,
                                  const char          *operation,
                                  guint                max_seconds,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  WaitData *data = g_new0 (WaitData, 1);

  g_task_set_source_tag (task, vigie_incus_wait_operation_async);
  data->id = vigie_incus_name_from_url (operation);
  data->deadline = g_get_monotonic_time () + (gint64) MAX (max_seconds, 1) * G_USEC_PER_SEC;
  g_task_set_task_data (task, data, (GDestroyNotify) wait_data_free);
  if (data->id == NULL || *data->id == '\0')
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server started an operation without naming it"));
      return;
    }
  wait_next (g_steal_pointer (&task));
}

VigieIncusOperation *
vigie_incus_wait_operation_finish (VigieBackend  *backend,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
vigie_incus_instance_path (const char *name,
                           const char *project,
                           const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *escaped_project = g_uri_escape_string (project ? project : "default",
                                                           NULL, FALSE);

  return g_strdup_printf ("/1.0/instances/%s%s?project=%s", escaped, suffix ? suffix : "",
                          escaped_project);
}

char *
vigie_incus_json_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}
