/* vigie-incus-actions.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Instance actions: PUT …/state, POST …/snapshots and …/backups, each an
 * operation followed to its end.
 */

#define G_LOG_DOMAIN "vigie-incus"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-incus-private.h"

#define ACTION_TIMEOUT 30

static void
add_action (GListStore *store,
            const char *id,
            const char *reason)
{
  g_autoptr(VigieAction) action = vigie_action_new (id, vigie_action_get_default_label (id),
                                                    reason == NULL, reason);

  g_list_store_append (store, action);
}

GListModel *
vigie_incus_list_actions (VigieIncusServer *server,
                          VigieInstance    *instance)
{
  GListStore *store = g_list_store_new (VIGIE_TYPE_ACTION);
  VigieInstanceState state = instance != NULL ? instance->state : VIGIE_STATE_UNKNOWN;
  const char *not_running = NULL;
  const char *not_stopped = NULL;
  const char *not_paused = NULL;
  const char *unknown = NULL;
  const char *no_backups = NULL;

  if (state == VIGIE_STATE_UNKNOWN)
    unknown = _("The instance’s state is unknown; refresh first");
  switch (state)
    {
    case VIGIE_STATE_RUNNING:
      not_stopped = _("The instance is already running");
      not_paused = _("The instance is not frozen");
      break;
    case VIGIE_STATE_PAUSED:
      not_stopped = _("The instance is frozen; resume it instead");
      not_running = _("The instance is frozen; resume it first");
      break;
    case VIGIE_STATE_STOPPED:
      not_running = _("The instance is stopped");
      not_paused = _("The instance is not frozen");
      break;
    case VIGIE_STATE_SUSPENDED:
    case VIGIE_STATE_UNKNOWN:
    default:
      not_running = not_stopped = not_paused = unknown;
      break;
    }
  /* Instance backups came with this extension; both Incus and LXD keep its old name. */
  if (server != NULL && !vigie_incus_server_has_extension (server, "container_backup"))
    no_backups = _("This server cannot make instance backups");

  add_action (store, VIGIE_ACTION_START, not_stopped);
  add_action (store, VIGIE_ACTION_SHUTDOWN, not_running);
  add_action (store, VIGIE_ACTION_STOP, not_running);
  add_action (store, VIGIE_ACTION_REBOOT, not_running);
  add_action (store, VIGIE_ACTION_PAUSE, not_running);
  add_action (store, VIGIE_ACTION_RESUME, not_paused);
  add_action (store, VIGIE_ACTION_SNAPSHOT, unknown);
  add_action (store, VIGIE_ACTION_BACKUP, unknown ? unknown : no_backups);
  return G_LIST_MODEL (store);
}

typedef struct {
  char *done_message;
} ActionData;

static void
action_data_free (ActionData *data)
{
  g_free (data->done_message);
  g_free (data);
}

static void
action_wait_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ActionData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieIncusOperation) op = NULL;

  op = vigie_incus_wait_operation_finish (VIGIE_BACKEND (object), result, &error);
  if (op == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&data->done_message), g_free);
}

static void
action_request_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ActionData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  g_autofree char *operation = NULL;
  GCancellable *cancellable;

  metadata = vigie_incus_request_finish (VIGIE_BACKEND (object), result, &operation, &error);
  if (metadata == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (operation == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&data->done_message), g_free);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  vigie_incus_wait_operation_async (VIGIE_BACKEND (object), operation, 120, cancellable,
                                    action_wait_cb, g_steal_pointer (&task));
}

static const char *
param (GHashTable *params,
       const char *key)
{
  const char *value = params != NULL ? g_hash_table_lookup (params, key) : NULL;

  return value != NULL && *value != '\0' ? value : NULL;
}

void
vigie_incus_run_action_async (VigieBackend        *backend,
                                      VigieInstance       *instance,
                                      const char          *action,
                                      GHashTable          *params,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  const char *method = "PUT";
  const char *verb = NULL;
  gboolean force = FALSE;
  ActionData *data;

  g_task_set_source_tag (task, vigie_incus_run_action_async);
  if (instance == NULL || instance->name == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                               _("Incus actions apply to an instance"));
      return;
    }
  data = g_new0 (ActionData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) action_data_free);

  if (g_str_equal (action, VIGIE_ACTION_START))
    verb = "start";
  else if (g_str_equal (action, VIGIE_ACTION_SHUTDOWN))
    verb = "stop";
  else if (g_str_equal (action, VIGIE_ACTION_STOP))
    verb = "stop", force = TRUE;
  else if (g_str_equal (action, VIGIE_ACTION_REBOOT))
    verb = "restart";
  else if (g_str_equal (action, VIGIE_ACTION_PAUSE))
    verb = "freeze";
  else if (g_str_equal (action, VIGIE_ACTION_RESUME))
    verb = "unfreeze";

  json_builder_begin_object (builder);
  if (verb != NULL)
    {
      path = vigie_incus_instance_path (instance->name, instance->project, "/state");
      json_builder_set_member_name (builder, "action");
      json_builder_add_string_value (builder, verb);
      json_builder_set_member_name (builder, "timeout");
      json_builder_add_int_value (builder, ACTION_TIMEOUT);
      json_builder_set_member_name (builder, "force");
      json_builder_add_boolean_value (builder, force);
      /* Translators: first %s is an action label (e.g. "Start"), second an instance name. */
      data->done_message = g_strdup_printf (_("%s done on %s"),
                                            vigie_action_get_default_label (action),
                                            instance->name);
    }
  else if (g_str_equal (action, VIGIE_ACTION_SNAPSHOT))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *name = g_date_time_format (now, "vigie-%Y%m%d-%H%M%S");

      method = "POST";
      path = vigie_incus_instance_path (instance->name, instance->project, "/snapshots");
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder,
                                     param (params, "name") ? param (params, "name") : name);
      json_builder_set_member_name (builder, "stateful");
      json_builder_add_boolean_value (builder, FALSE);
      data->done_message = g_strdup_printf (_("Snapshot of %s created"), instance->name);
    }
  else if (g_str_equal (action, VIGIE_ACTION_BACKUP))
    {
      method = "POST";
      path = vigie_incus_instance_path (instance->name, instance->project, "/backups");
      if (param (params, "name") != NULL)
        {
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, param (params, "name"));
        }
      json_builder_set_member_name (builder, "instance_only");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "optimized_storage");
      json_builder_add_boolean_value (builder, FALSE);
      data->done_message = g_strdup_printf (_("Backup of %s created"), instance->name);
    }
  else
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED,
                               _("Incus instances have no “%s” action"), action);
      return;
    }
  json_builder_end_object (builder);
  body = vigie_incus_json_to_string (builder);
  vigie_incus_request_async (backend, method, path, body, cancellable, action_request_cb,
                             g_steal_pointer (&task));
}

char *
vigie_incus_run_action_finish (VigieBackend  *backend,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

