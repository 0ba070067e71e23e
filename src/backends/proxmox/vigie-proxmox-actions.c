/* vigie-proxmox-actions.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Guest actions and the node shell. Every write returns a UPID at once and
 * runs as a task; an action is done when its task has stopped, and it
 * failed unless the task's exit status is "OK" (or "WARNINGS: n"), in which
 * case the end of the task log says why.
 *
 * HA-managed guests need nothing special: PVE turns start, shutdown and
 * stop into hastart/hastop tasks that hand the request to the HA manager,
 * so the task ending well means "requested", not "done".
 */

#define G_LOG_DOMAIN "vigie-proxmox"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-proxmox-console.h"
#include "vigie-proxmox-parse.h"
#include "vigie-proxmox-private.h"

#define LOG_TAIL_LINES 5

static gboolean
is_ha_managed (VigieInstance *instance)
{
  const char *hastate = instance->extra ? g_hash_table_lookup (instance->extra, "hastate") : NULL;

  return hastate != NULL && *hastate != '\0';
}

static const char *
guest_kind (VigieInstance *instance)
{
  return instance->type == VIGIE_INSTANCE_CONTAINER ? "lxc" : "qemu";
}

/* Capability model */

static void
add_action (GListStore          *store,
            VigieProxmoxBackend *self,
            VigieInstance       *instance,
            const char          *id,
            const char          *privilege,
            const char          *state_reason)
{
  g_autoptr(VigieAction) action = NULL;
  g_autofree char *path = g_strdup_printf ("/vms/%s", instance->id);
  g_autofree char *reason = NULL;
  int allowed = vigie_proxmox_has_privilege (vigie_proxmox_backend_get_permissions (self), path,
                                             privilege);

  if (state_reason != NULL)
    reason = g_strdup (state_reason);
  else if (allowed == 0)
    /* Translators: the first %s is a privilege name, the second a path like /vms/100 */
    reason = g_strdup_printf (_("These credentials lack the %s privilege on %s"), privilege, path);
  action = vigie_action_new (id, NULL, reason == NULL, reason);
  g_list_store_append (store, action);
}

GListModel *
vigie_proxmox_list_actions (VigieBackend  *backend,
                            VigieInstance *instance)
{
  VigieProxmoxBackend *self = VIGIE_PROXMOX_BACKEND (backend);
  GListStore *store = g_list_store_new (VIGIE_TYPE_ACTION);
  const char *power_reason = NULL;
  const char *start_reason = NULL;
  const char *running_reason = NULL;
  const char *snapshot_reason = NULL;
  const char *backup_reason = NULL;

  if (instance == NULL || instance->id == NULL)
    return G_LIST_MODEL (store);

  if (instance->template)
    {
      power_reason = _("A template cannot run; clone it first");
      snapshot_reason = _("Templates cannot take snapshots");
    }
  else if (instance->state == VIGIE_STATE_UNKNOWN || instance->host == NULL)
    {
      power_reason = _("The node that hosts this guest is unreachable");
      snapshot_reason = power_reason;
      backup_reason = power_reason;
    }
  else
    {
      if (instance->state == VIGIE_STATE_RUNNING || instance->state == VIGIE_STATE_PAUSED ||
          instance->state == VIGIE_STATE_SUSPENDED)
        start_reason = _("The guest is already running");
      if (instance->state == VIGIE_STATE_STOPPED)
        running_reason = _("The guest is not running");
    }

  add_action (store, self, instance, VIGIE_ACTION_START, "VM.PowerMgmt",
              power_reason ? power_reason : start_reason);
  add_action (store, self, instance, VIGIE_ACTION_SHUTDOWN, "VM.PowerMgmt",
              power_reason ? power_reason : running_reason);
  add_action (store, self, instance, VIGIE_ACTION_STOP, "VM.PowerMgmt",
              power_reason ? power_reason : running_reason);
  add_action (store, self, instance, VIGIE_ACTION_REBOOT, "VM.PowerMgmt",
              power_reason ? power_reason : running_reason);
  add_action (store, self, instance, VIGIE_ACTION_SNAPSHOT, "VM.Snapshot", snapshot_reason);
  add_action (store, self, instance, VIGIE_ACTION_BACKUP, "VM.Backup", backup_reason);
  return G_LIST_MODEL (store);
}

/* Running an action: POST, then follow the task */

typedef struct {
  char     *node;      /* escaped */
  char     *upid;
  char     *label;
  gboolean  ha;
  guint     polls;
  guint     timeout_id;
  char     *exitstatus;
} ActionData;

static void
action_data_free (ActionData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_free (data->node);
  g_free (data->upid);
  g_free (data->label);
  g_free (data->exitstatus);
  g_free (data);
}

static GError *
action_error (const GError *error,
              guint         status)
{
  if (status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED,
                        _("The server does not allow this action: %s"), error->message);
  return g_error_copy (error);
}

static void poll_task (GTask *task);

static void
log_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ActionData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) log = NULL;
  g_autofree char *tail = NULL;

  log = vigie_proxmox_backend_call_finish (VIGIE_PROXMOX_BACKEND (object), result, NULL, NULL);
  tail = log ? vigie_proxmox_parse_task_log_tail (log, LOG_TAIL_LINES) : NULL;
  if (tail != NULL)
    g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_FAILED,
                             /* Translators: %s are an action, the task's exit status, its log */
                             _("%s failed: %s\n%s"), data->label,
                             data->exitstatus ? data->exitstatus : _("unknown error"), tail);
  else
    g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_FAILED, _("%s failed: %s"),
                             data->label,
                             data->exitstatus ? data->exitstatus : _("unknown error"));
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VigieProxmoxBackend *self = VIGIE_PROXMOX_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  ActionData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) status = NULL;
  g_autofree char *exitstatus = NULL;
  g_autofree char *upid = NULL;
  g_autofree char *path = NULL;
  GCancellable *cancellable;
  gboolean stopped = FALSE;
  guint code = 0;

  status = vigie_proxmox_backend_call_finish (self, result, &code, &error);
  if (status == NULL)
    {
      g_task_return_error (task, action_error (error, code));
      return;
    }
  if (!vigie_proxmox_parse_task_status (status, &stopped, &exitstatus))
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server’s task status reply has no status"));
      return;
    }
  if (!stopped)
    {
      /* Quick at first (most power actions take a second), then every second. */
      guint delay = data->polls < 4 ? 100 * (1u << data->polls) : 1000;

      data->polls++;
      data->timeout_id = g_timeout_add_once (delay, (GSourceOnceFunc) poll_task,
                                             g_steal_pointer (&task));
      return;
    }
  switch (vigie_proxmox_task_result (exitstatus))
    {
    case VIGIE_JOB_SUCCESS:
    case VIGIE_JOB_WARNING:
      if (data->ha)
        g_task_return_pointer (task, g_strdup_printf (_("%s: requested from the HA manager"),
                                                      data->label), g_free);
      else
        g_task_return_pointer (task, g_strdup_printf (_("%s: done (%s)"), data->label,
                                                      exitstatus), g_free);
      return;
    case VIGIE_JOB_FAILED:
    case VIGIE_JOB_RUNNING:
    case VIGIE_JOB_NONE:
    default:
      break;
    }
  data->exitstatus = g_steal_pointer (&exitstatus);
  upid = g_uri_escape_string (data->upid, NULL, FALSE);
  path = g_strdup_printf ("/nodes/%s/tasks/%s/log?start=0&limit=5000", data->node, upid);
  cancellable = g_task_get_cancellable (task);
  vigie_proxmox_backend_call_async (self, "GET", path, NULL, cancellable, log_cb,
                                    g_steal_pointer (&task));
}

static void
poll_task (GTask *task)
{
  VigieProxmoxBackend *self = g_task_get_source_object (task);
  ActionData *data = g_task_get_task_data (task);
  g_autofree char *upid = g_uri_escape_string (data->upid, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/nodes/%s/tasks/%s/status", data->node, upid);

  data->timeout_id = 0;
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  vigie_proxmox_backend_call_async (self, "GET", path, NULL, g_task_get_cancellable (task),
                                    status_cb, task);
}

static void
post_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ActionData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *node = NULL;
  guint code = 0;

  reply = vigie_proxmox_backend_call_finish (VIGIE_PROXMOX_BACKEND (object), result, &code,
                                             &error);
  if (reply == NULL)
    {
      g_task_return_error (task, action_error (error, code));
      return;
    }
  if (!JSON_NODE_HOLDS_VALUE (reply) || json_node_get_value_type (reply) != G_TYPE_STRING ||
      !vigie_proxmox_parse_upid (json_node_get_string (reply), &node, NULL, NULL, NULL))
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server did not answer with a task id"));
      return;
    }
  data->upid = g_strdup (json_node_get_string (reply));
  /* Follow the task on the node that runs it (the UPID says which). */
  g_free (data->node);
  data->node = g_uri_escape_string (node, NULL, FALSE);
  poll_task (g_steal_pointer (&task));
}

static gboolean
valid_snapshot_name (const char *name)
{
  gsize len = name ? strlen (name) : 0;

  if (len < 2 || len > 40 || !g_ascii_isalpha (name[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isalnum (name[i]) && name[i] != '_' && name[i] != '-')
      return FALSE;
  return g_ascii_strcasecmp (name, "current") != 0 && g_ascii_strcasecmp (name, "pending") != 0;
}

void
vigie_proxmox_run_action_async (VigieBackend        *backend,
                                VigieInstance       *instance,
                                const char          *action,
                                GHashTable          *params,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  VigieProxmoxBackend *self = VIGIE_PROXMOX_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *form = NULL;
  const char *kind;
  ActionData *data;

  task = g_task_new (backend, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_proxmox_run_action_async);
  if (instance == NULL || instance->id == NULL || instance->host == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                               _("Actions need a guest and the node it runs on"));
      return;
    }
  data = g_new0 (ActionData, 1);
  data->node = g_uri_escape_string (instance->host, NULL, FALSE);
  data->label = g_strdup (vigie_action_get_default_label (action));
  data->ha = is_ha_managed (instance);
  g_task_set_task_data (task, data, (GDestroyNotify) action_data_free);
  kind = guest_kind (instance);

  if (g_str_equal (action, VIGIE_ACTION_START) || g_str_equal (action, VIGIE_ACTION_STOP) ||
      g_str_equal (action, VIGIE_ACTION_SHUTDOWN) || g_str_equal (action, VIGIE_ACTION_REBOOT))
    {
      path = g_strdup_printf ("/nodes/%s/%s/%s/status/%s", data->node, kind, instance->id,
                              action);
      /* Reboot is not an HA request: PVE reboots the guest where it runs. */
      if (g_str_equal (action, VIGIE_ACTION_REBOOT))
        data->ha = FALSE;
    }
  else if (g_str_equal (action, VIGIE_ACTION_SNAPSHOT))
    {
      const char *name = params ? g_hash_table_lookup (params, "name") : NULL;
      const char *description = params ? g_hash_table_lookup (params, "description") : NULL;

      if (!valid_snapshot_name (name))
        {
          g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                                   _("A snapshot name starts with a letter and has 2 to 40 "
                                     "letters, digits, “-” or “_” (not “current”)"));
          return;
        }
      path = g_strdup_printf ("/nodes/%s/%s/%s/snapshot", data->node, kind, instance->id);
      form = description != NULL && *description != '\0'
               ? soup_form_encode ("snapname", name, "description", description, NULL)
               : soup_form_encode ("snapname", name, NULL);
      data->ha = FALSE;
    }
  else if (g_str_equal (action, VIGIE_ACTION_BACKUP))
    {
      const char *storage = params ? g_hash_table_lookup (params, "storage") : NULL;

      path = g_strdup_printf ("/nodes/%s/vzdump", data->node);
      /* vzdump only backs up guests of the node it is called on. */
      form = storage != NULL && *storage != '\0'
               ? soup_form_encode ("vmid", instance->id, "storage", storage,
                                   "mode", "snapshot", NULL)
               : soup_form_encode ("vmid", instance->id, "mode", "snapshot", NULL);
      data->ha = FALSE;
    }
  else
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED,
                               _("Proxmox VE guests have no “%s” action here"), action);
      return;
    }

  vigie_proxmox_backend_call_async (self, "POST", path, form, cancellable, post_cb,
                                    g_steal_pointer (&task));
}

char *
vigie_proxmox_run_action_finish (VigieBackend  *backend,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Node shell (and guest terminals) over termproxy */

typedef struct {
  char   *prefix;    /* /nodes/N or /nodes/N/lxc/V */
  char   *user;
  char   *ticket;
} ConsoleData;

static void
console_data_free (ConsoleData *data)
{
  g_free (data->prefix);
  g_free (data->user);
  if (data->ticket != NULL)
    vigie_secret_free (data->ticket);
  g_free (data);
}

static void
websocket_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ConsoleData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;

  connection = vigie_http_client_websocket_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  if (connection == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, vigie_proxmox_console_new (connection, data->user, data->ticket, 0),
                         g_object_unref);
}

static void
termproxy_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VigieProxmoxBackend *self = VIGIE_PROXMOX_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  ConsoleData *data = g_task_get_task_data (task);
  VigieHttpClient *http = vigie_backend_get_http (VIGIE_BACKEND (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *path = NULL;
  const char *base;
  const char * const protocols[] = { "binary", NULL };
  GCancellable *cancellable;
  gint64 port = 0;
  guint code = 0;

  reply = vigie_proxmox_backend_call_finish (self, result, &code, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, action_error (error, code));
      return;
    }
  if (!vigie_proxmox_parse_termproxy (reply, &port, &data->ticket, &data->user, NULL))
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server’s terminal reply has no port or ticket"));
      return;
    }
  ticket = g_uri_escape_string (data->ticket, NULL, FALSE);
  base = vigie_http_client_get_base_url (http);
  path = g_strdup_printf ("%s%s/vncwebsocket?port=%" G_GINT64_FORMAT "&vncticket=%s",
                          g_str_has_suffix (base, "/api2/json") ? "" : "/api2/json",
                          data->prefix, port, ticket);
  message = vigie_http_client_new_message (http, "GET", path);
  cancellable = g_task_get_cancellable (task);
  vigie_http_client_websocket_async (http, message, protocols, cancellable, websocket_cb,
                                     g_steal_pointer (&task));
}

void
vigie_proxmox_open_console_async (VigieBackend        *backend,
                                  const char          *target,
                                  VigieInstance       *instance,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *node = NULL;
  g_autofree char *path = NULL;
  ConsoleData *data;

  task = g_task_new (backend, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_proxmox_open_console_async);
  if (instance != NULL && instance->host != NULL && instance->id != NULL)
    {
      node = g_uri_escape_string (instance->host, NULL, FALSE);
      data = g_new0 (ConsoleData, 1);
      data->prefix = g_strdup_printf ("/nodes/%s/%s/%s", node, guest_kind (instance),
                                      instance->id);
    }
  else if (target != NULL && *target != '\0')
    {
      node = g_uri_escape_string (target, NULL, FALSE);
      data = g_new0 (ConsoleData, 1);
      data->prefix = g_strdup_printf ("/nodes/%s", node);
    }
  else
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                               _("Name the node to open a shell on"));
      return;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) console_data_free);
  path = g_strdup_printf ("%s/termproxy", data->prefix);
  vigie_proxmox_backend_call_async (VIGIE_PROXMOX_BACKEND (backend), "POST", path, NULL,
                                    cancellable, termproxy_cb, g_steal_pointer (&task));
}

VigieConsole *
vigie_proxmox_open_console_finish (VigieBackend  *backend,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
