/* vigie-esxi-actions.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Power and snapshot actions on ESXi/vCenter VMs, each followed to the end
 * of its Task, and the console hand-off (there is no embeddable console:
 * WebMKS needs VMware's JavaScript client).
 */

#define G_LOG_DOMAIN "vigie-esxi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-error.h"
#include "vigie-esxi-private.h"
#include "vigie-esxi-soap.h"

#define TASK_POLL_MS   500
#define TASK_MAX_POLLS (2 * 60 * 60)   /* an hour at TASK_POLL_MS */

typedef struct {
  const char *id;
  const char *method;
  gboolean    has_task;
} ActionMethod;

static const ActionMethod action_methods[] = {
  { VIGIE_ACTION_START, "PowerOnVM_Task", TRUE },
  { VIGIE_ACTION_STOP, "PowerOffVM_Task", TRUE },
  { VIGIE_ACTION_SHUTDOWN, "ShutdownGuest", FALSE },
  { VIGIE_ACTION_REBOOT, "RebootGuest", FALSE },
  { VIGIE_ACTION_SUSPEND, "SuspendVM_Task", TRUE },
  { VIGIE_ACTION_SNAPSHOT, "CreateSnapshot_Task", TRUE },
};

static const ActionMethod *
find_action (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_methods); i++)
    if (g_strcmp0 (action_methods[i].id, id) == 0)
      return &action_methods[i];
  return NULL;
}

/* Whether an action may run now, and why not. */
static gboolean
action_allowed (VigieEsxiBackend  *self,
                VigieInstance     *instance,
                const char        *id,
                const char       **reason)
{
  const char *restriction = vigie_esxi_backend_get_restriction (self);
  const char *tools = instance->extra ? g_hash_table_lookup (instance->extra, "tools") : NULL;
  gboolean running = instance->state == VIGIE_STATE_RUNNING;

  *reason = NULL;
  if (restriction != NULL)
    {
      *reason = restriction;
      return FALSE;
    }
  if (instance->template && !g_str_equal (id, VIGIE_ACTION_SNAPSHOT))
    {
      *reason = _("A template cannot be powered on");
      return FALSE;
    }
  if (g_str_equal (id, VIGIE_ACTION_START))
    {
      if (running)
        *reason = _("The virtual machine is already running");
      return !running;
    }
  if (g_str_equal (id, VIGIE_ACTION_STOP))
    {
      if (instance->state == VIGIE_STATE_STOPPED)
        *reason = _("The virtual machine is already powered off");
      return instance->state != VIGIE_STATE_STOPPED;
    }
  if (g_str_equal (id, VIGIE_ACTION_SUSPEND))
    {
      if (!running)
        *reason = _("Only a running virtual machine can be suspended");
      return running;
    }
  if (g_str_equal (id, VIGIE_ACTION_SHUTDOWN) || g_str_equal (id, VIGIE_ACTION_REBOOT))
    {
      if (!running)
        *reason = _("The virtual machine is not running");
      else if (g_strcmp0 (tools, "guestToolsRunning") != 0)
        *reason = _("VMware Tools are not running in the guest");
      return *reason == NULL;
    }
  if (g_str_equal (id, VIGIE_ACTION_SNAPSHOT))
    return TRUE;
  *reason = _("This action is not available for ESXi virtual machines");
  return FALSE;
}

GListModel *
vigie_esxi_backend_list_actions (VigieBackend  *backend,
                                 VigieInstance *instance)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (backend);
  GListStore *store = g_list_store_new (VIGIE_TYPE_ACTION);

  if (instance == NULL)
    return G_LIST_MODEL (store);
  for (guint i = 0; i < G_N_ELEMENTS (action_methods); i++)
    {
      const char *reason = NULL;
      gboolean allowed = action_allowed (self, instance, action_methods[i].id, &reason);
      g_autoptr(VigieAction) action =
        vigie_action_new (action_methods[i].id,
                          vigie_action_get_default_label (action_methods[i].id),
                          allowed, reason);

      if (g_str_equal (action_methods[i].id, VIGIE_ACTION_SNAPSHOT))
        {
          const char * const params[] = { "name", "description", NULL };

          g_strfreev (action->params);
          action->params = g_strdupv ((char **) params);
        }
      g_list_store_append (store, action);
    }
  return G_LIST_MODEL (store);
}

/* run */

typedef struct {
  VigieInstance      *instance;
  const ActionMethod *method;
  char               *snapshot_name;
  char               *snapshot_description;
  char               *task;
  guint               polls;
  guint               timeout_id;
} ActionData;

static void
action_data_free (ActionData *data)
{
  g_clear_object (&data->instance);
  g_free (data->snapshot_name);
  g_free (data->snapshot_description);
  g_free (data->task);
  if (data->timeout_id != 0)
    g_source_remove (data->timeout_id);
  g_free (data);
}

static void poll_task (GTask *task);

static char *
done_message (ActionData *data)
{
  if (data->method->has_task)
    return g_strdup (_("Done"));
  /* Guest shutdown and reboot return at once: the guest does the rest. */
  return g_strdup (_("Requested from the guest"));
}

static gboolean
on_poll_timeout (gpointer user_data)
{
  GTask *task = user_data;
  ActionData *data = g_task_get_task_data (task);

  data->timeout_id = 0;
  poll_task (task);
  return G_SOURCE_REMOVE;
}

static void
task_info_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  ActionData *data = g_task_get_task_data (task);
  g_autoptr(VigieEsxiReply) reply = NULL;
  g_autoptr(GPtrArray) objects = vigie_esxi_object_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *message = NULL;
  VigieEsxiTaskState state;

  reply = vigie_esxi_backend_call_finish (self, result, &error);
  if (reply == NULL ||
      !vigie_esxi_parse_retrieve_result (reply->response, objects, &token, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (objects->len == 0)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server lost track of the task"));
      return;
    }
  state = vigie_esxi_parse_task_info (g_ptr_array_index (objects, 0), &message, NULL);
  switch (state)
    {
    case VIGIE_ESXI_TASK_SUCCESS:
      g_task_return_pointer (task, done_message (data), g_free);
      return;
    case VIGIE_ESXI_TASK_ERROR:
      if (g_strcmp0 (message, "RestrictedVersion") == 0)
        {
          vigie_esxi_backend_set_restricted (self, _("The host’s licence (free ESXi) makes "
                                                     "the API read-only"));
          g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED, "%s",
                                   vigie_esxi_backend_get_restriction (self));
          return;
        }
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_FAILED, "%s",
                               message != NULL ? message : _("The task failed"));
      return;
    case VIGIE_ESXI_TASK_QUEUED:
    case VIGIE_ESXI_TASK_RUNNING:
    case VIGIE_ESXI_TASK_UNKNOWN:
    default:
      break;
    }
  if (++data->polls > TASK_MAX_POLLS)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_TIMEOUT,
                               _("The task did not finish in time"));
      return;
    }
  data->timeout_id = g_timeout_add (TASK_POLL_MS, on_poll_timeout, g_object_ref (task));
}

static void
poll_task (GTask *task)
{
  VigieEsxiBackend *self = g_task_get_source_object (task);
  ActionData *data = g_task_get_task_data (task);
  const char * const paths[] = { "info.state", "info.error", NULL };
  VigieEsxiServiceContent *content = vigie_esxi_backend_get_content (self);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (content == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_FAILED, _("Not connected"));
      g_object_unref (task);
      return;
    }
  vigie_esxi_backend_call_async (self, "RetrievePropertiesEx",
                                 vigie_esxi_soap_retrieve_object (content->property_collector,
                                                                  "Task", data->task, paths),
                                 g_task_get_cancellable (task), task_info_cb, task);
}

static void
method_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  ActionData *data = g_task_get_task_data (task);
  g_autoptr(VigieEsxiReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = vigie_esxi_backend_call_finish (self, result, &error);
  if (reply == NULL)
    {
      /* RestrictedVersion comes back as NOT_ALLOWED and is remembered. */
      if (g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED) &&
          vigie_esxi_backend_get_restriction (self) != NULL)
        {
          g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED, "%s",
                                   vigie_esxi_backend_get_restriction (self));
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!data->method->has_task)
    {
      g_task_return_pointer (task, done_message (data), g_free);
      return;
    }
  data->task = vigie_esxi_parse_returnval_text (reply->response);
  if (data->task == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server did not return a task"));
      return;
    }
  poll_task (g_object_ref (task));
}

static void
run_ensure_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  ActionData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;
  char *envelope;

  if (!vigie_esxi_backend_ensure_finish (self, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The state-dependent checks are the server's: our copy may be stale.
   * What the licence forbids, we refuse here. */
  if (!action_allowed (self, data->instance, data->method->id, &reason) &&
      vigie_esxi_backend_get_restriction (self) != NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED, "%s", reason);
      return;
    }
  if (data->snapshot_name != NULL)
    envelope = vigie_esxi_soap_create_snapshot (data->instance->id, data->snapshot_name,
                                                data->snapshot_description);
  else
    envelope = vigie_esxi_soap_vm_method (data->method->method, data->instance->id);
  vigie_esxi_backend_call_async (self, data->method->method, envelope,
                                 g_task_get_cancellable (task), method_cb,
                                 g_object_ref (task));
}

void
vigie_esxi_backend_run_action_async (VigieBackend        *backend,
                                     VigieInstance       *instance,
                                     const char          *action,
                                     GHashTable          *params,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  const ActionMethod *method = find_action (action);
  ActionData *data;

  g_task_set_source_tag (task, vigie_esxi_backend_run_action_async);
  if (instance == NULL || instance->id == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                               _("ESXi actions apply to virtual machines"));
      return;
    }
  if (method == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED,
                               _("This action is not available for ESXi virtual machines"));
      return;
    }
  data = g_new0 (ActionData, 1);
  data->instance = g_object_ref (instance);
  data->method = method;
  g_task_set_task_data (task, data, (GDestroyNotify) action_data_free);

  if (g_str_equal (action, VIGIE_ACTION_SNAPSHOT))
    {
      const char *name = params ? g_hash_table_lookup (params, "name") : NULL;
      const char *description = params ? g_hash_table_lookup (params, "description") : NULL;

      if (name == NULL || *name == '\0')
        {
          g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                                   _("A snapshot needs a name"));
          return;
        }
      data->snapshot_name = g_strdup (name);
      data->snapshot_description = g_strdup (description);
    }
  vigie_esxi_backend_ensure_async (self, cancellable, run_ensure_cb, g_object_ref (task));
}

char *
vigie_esxi_backend_run_action_finish (VigieBackend  *backend,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* console */

void
vigie_esxi_backend_open_console_async (VigieBackend        *backend,
                                       const char          *target,
                                       VigieInstance       *instance,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_task_report_new_error (backend, callback, user_data,
                           vigie_esxi_backend_open_console_async,
                           VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED,
                           instance != NULL
                           ? _("ESXi has no console Vigie can embed; open the virtual machine "
                               "in VMware Remote Console (VMRC) or use SSH to the host")
                           : _("ESXi has no console over its API; use SSH to the host"));
}

VigieConsole *
vigie_esxi_backend_open_console_finish (VigieBackend  *backend,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clone_ticket_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  VigieInstance *instance = g_task_get_task_data (task);
  g_autoptr(VigieEsxiReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *host = NULL;
  g_autofree char *escaped_ticket = NULL;
  g_autofree char *escaped_moid = NULL;
  int port;

  reply = vigie_esxi_backend_call_finish (self, result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ticket = vigie_esxi_parse_returnval_text (reply->response);
  uri = g_uri_parse (vigie_endpoint_get_url (vigie_backend_get_endpoint (VIGIE_BACKEND (self))),
                     G_URI_FLAGS_NONE, NULL);
  if (ticket == NULL || *ticket == '\0' || uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server did not give a console ticket"));
      return;
    }
  port = g_uri_get_port (uri);
  if (strchr (g_uri_get_host (uri), ':') != NULL)
    host = g_strdup_printf ("[%s]", g_uri_get_host (uri));
  else
    host = g_strdup (g_uri_get_host (uri));
  if (port > 0 && port != 443)
    {
      char *with_port = g_strdup_printf ("%s:%d", host, port);

      g_free (host);
      host = with_port;
    }
  escaped_ticket = g_uri_escape_string (ticket, NULL, FALSE);
  escaped_moid = g_uri_escape_string (instance->id, NULL, FALSE);
  g_task_return_pointer (task,
                         g_strdup_printf ("vmrc://clone:%s@%s/?moid=%s", escaped_ticket, host,
                                          escaped_moid),
                         g_free);
}

static void
vmrc_ensure_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_esxi_backend_ensure_finish (self, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  vigie_esxi_backend_call_async (self, "AcquireCloneTicket",
                                 vigie_esxi_soap_acquire_clone_ticket (
                                   vigie_esxi_backend_get_content (self)->session_manager),
                                 g_task_get_cancellable (task), clone_ticket_cb,
                                 g_object_ref (task));
}

void
vigie_esxi_backend_get_vmrc_uri_async (VigieEsxiBackend    *self,
                                       VigieInstance       *instance,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (VIGIE_IS_ESXI_BACKEND (self));
  g_return_if_fail (VIGIE_IS_INSTANCE (instance));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_esxi_backend_get_vmrc_uri_async);
  g_task_set_task_data (task, g_object_ref (instance), g_object_unref);
  if (instance->id == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                               _("ESXi actions apply to virtual machines"));
      g_object_unref (task);
      return;
    }
  vigie_esxi_backend_ensure_async (self, cancellable, vmrc_ensure_cb, task);
}

char *
vigie_esxi_backend_get_vmrc_uri_finish (VigieEsxiBackend  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
