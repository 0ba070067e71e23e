/* vigie-action-runner.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs one action of the capability model on one instance the way a person
 * expects: it asks for the action's parameters (a snapshot's name, a
 * backup's storage) or confirms what stops or interrupts the guest, says
 * in a toast that it runs for as long as the backend's task does, then how
 * it ended, then has the endpoint read again.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-action-runner.h"
#include "vigie-ui-util.h"

/* By identity (it survives a rename); by name only for an instance made
 * outside an inventory. */
static VigieEndpoint *
endpoint_for_instance (VigieMonitor  *monitor,
                       VigieInstance *instance)
{
  VigieEndpointStore *store = vigie_monitor_get_store (monitor);

  if (instance->endpoint_uuid != NULL)
    return vigie_endpoint_store_find_by_uuid (store, instance->endpoint_uuid);
  if (instance->endpoint != NULL)
    return vigie_endpoint_store_find_by_name (store, instance->endpoint);
  return NULL;
}

static VigieBackend *
backend_for_instance (VigieMonitor  *monitor,
                      VigieInstance *instance)
{
  VigieEndpoint *endpoint = endpoint_for_instance (monitor, instance);

  return endpoint != NULL ? vigie_monitor_get_backend (monitor, endpoint) : NULL;
}

/* @timeout 0 keeps the toast until it is dismissed: the progress toast
 * lasts as long as the backend's task, not a timer. Returns the toast
 * (owned by the overlay), or NULL with no overlay. */
static AdwToast *
show_toast (GtkWidget  *widget,
            const char *message,
            guint       timeout)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_debug ("%s", message);
      return NULL;
    }
  /* Markup in libadwaita 1.2; instance names come from the servers. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return toast;
}

typedef struct {
  GtkWidget          *widget;      /* for dialogs and toasts */
  VigieMonitor       *monitor;
  char               *label;
  char               *name;
  AdwToast           *progress;    /* shown while the backend's task runs */
} RunData;

static void
on_progress_dismissed (AdwToast *toast,
                       RunData  *data)
{
  /* Closed by hand: the result gets a toast of its own. */
  g_signal_handlers_disconnect_by_data (toast, data);
  g_clear_object (&data->progress);
}

static void
run_data_free (RunData *data)
{
  g_object_unref (data->widget);
  g_object_unref (data->monitor);
  g_free (data->label);
  g_free (data->name);
  if (data->progress != NULL)
    {
      g_signal_handlers_disconnect_by_data (data->progress, data);
      adw_toast_dismiss (data->progress);
    }
  g_clear_object (&data->progress);
  g_free (data);
}

static gboolean
dismiss_toast (gpointer toast)
{
  adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

static void
run_action_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  RunData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  message = vigie_backend_run_action_finish (VIGIE_BACKEND (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      run_data_free (data);
      return;
    }
  if (error != NULL)
    /* Translators: “Shut Down” on “web-01” failed: the reason */
    text = g_strdup_printf (_("%s on “%s” failed: %s"), data->label, data->name,
                            error->message);
  else if (message != NULL && *message != '\0')
    text = g_strdup_printf ("%s: %s", data->name, message);
  else
    /* Translators: “Shut Down” on “web-01” is done */
    text = g_strdup_printf (_("%s on “%s”: done"), data->label, data->name);
  if (data->progress != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      /* The progress toast says how it ended, then goes. Not dismissed and
       * replaced at once: libadwaita 1.2 crashes when a toast is dismissed
       * while it is still sliding in (a quick task). */
      g_signal_handlers_disconnect_by_data (data->progress, data);
      adw_toast_set_title (data->progress, escaped);
      g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 5, dismiss_toast,
                                  g_steal_pointer (&data->progress), g_object_unref);
    }
  else
    show_toast (data->widget, text, 5);
  /* Read the endpoint it ran on again, not every endpoint. */
  vigie_monitor_refresh_endpoint (data->monitor,
                                  vigie_backend_get_endpoint (VIGIE_BACKEND (object)));
  run_data_free (data);
}

static void
run_action (GtkWidget     *widget,
            VigieMonitor  *monitor,
            VigieInstance *instance,
            VigieAction   *action,
            GHashTable    *params,
            GCancellable  *cancellable)
{
  VigieBackend *backend = backend_for_instance (monitor, instance);
  g_autofree char *text = NULL;
  RunData *data;

  if (backend == NULL)
    return;
  data = g_new0 (RunData, 1);
  data->widget = g_object_ref (widget);
  data->monitor = g_object_ref (monitor);
  data->label = g_strdup (action->label);
  data->name = g_strdup (instance->name != NULL ? instance->name : instance->id);
  text = vigie_action_format_progress (action->id, action->label, data->name);
  data->progress = show_toast (widget, text, 0);
  if (data->progress != NULL)
    g_signal_connect (g_object_ref (data->progress), "dismissed",
                      G_CALLBACK (on_progress_dismissed), data);
  vigie_backend_run_action_async (backend, instance, action->id, params, cancellable,
                                  run_action_cb, data);
}

typedef struct {
  GtkWidget          *widget;
  VigieMonitor       *monitor;
  GCancellable       *cancellable;
  VigieInstance      *instance;
  VigieAction        *action;
  GtkEditable        *name_entry;
  GtkEditable        *description_entry;
  GtkEditable        *storage_entry;
  AdwComboRow        *storage_combo;
} AskData;

static AskData *
ask_data_new (GtkWidget     *widget,
              VigieMonitor  *monitor,
              VigieInstance *instance,
              VigieAction   *action,
              GCancellable  *cancellable)
{
  AskData *data = g_new0 (AskData, 1);

  data->widget = g_object_ref (widget);
  data->monitor = g_object_ref (monitor);
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  data->instance = g_object_ref (instance);
  data->action = g_object_ref (action);
  return data;
}

static void
ask_data_free (AskData *data)
{
  g_object_unref (data->widget);
  g_object_unref (data->monitor);
  g_clear_object (&data->cancellable);
  g_object_unref (data->instance);
  g_object_unref (data->action);
  g_free (data);
}

static void
ask_data_closure_notify (gpointer  data,
                         GClosure *closure)
{
  ask_data_free (data);
}

/* @data belongs to the handler's closure, freed with the dialog whether it
 * was answered or closed some other way. */
static void
on_params_dialog_response (AdwMessageDialog *dialog,
                           const char       *response,
                           AskData          *data)
{
  g_autoptr(GHashTable) params = NULL;

  if (g_strcmp0 (response, "run") == 0)
    {
      params = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      /* Only the dialog's own fields: a confirmation has none. */
      if (data->name_entry != NULL)
        g_hash_table_insert (params, "name",
                             g_strdup (gtk_editable_get_text (data->name_entry)));
      if (data->description_entry != NULL)
        g_hash_table_insert (params, "description",
                             g_strdup (gtk_editable_get_text (data->description_entry)));
      if (data->storage_combo != NULL)
        {
          GtkStringObject *item = adw_combo_row_get_selected_item (data->storage_combo);

          if (item != NULL)
            g_hash_table_insert (params, "storage",
                                 g_strdup (gtk_string_object_get_string (item)));
        }
      if (data->storage_entry != NULL)
        g_hash_table_insert (params, "storage",
                             g_strdup (gtk_editable_get_text (data->storage_entry)));
      run_action (data->widget, data->monitor, data->instance, data->action, params,
                  data->cancellable);
    }
}

static GtkStringList *
backup_storages (VigieMonitor  *monitor,
                 VigieInstance *instance)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  VigieEndpoint *endpoint;
  VigieInventory *inventory;
  guint n;

  endpoint = endpoint_for_instance (monitor, instance);
  inventory = endpoint ? vigie_monitor_get_inventory (monitor, endpoint) : NULL;
  if (inventory == NULL)
    return list;
  n = g_list_model_get_n_items (G_LIST_MODEL (inventory->storage));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieStorage) storage = NULL;

      storage = g_list_model_get_item (G_LIST_MODEL (inventory->storage), i);

      /* Proxmox says which storage takes backups; elsewhere offer them all. */
      if (storage->content != NULL && strstr (storage->content, "backup") == NULL)
        continue;
      if (storage->host != NULL && instance->host != NULL &&
          g_strcmp0 (storage->host, instance->host) != 0)
        continue;
      gtk_string_list_append (list, storage->name);
    }
  return list;
}

static void
ask_params (AskData *data)
{
  VigieInstance *instance = data->instance;
  VigieAction *action = data->action;
  GtkRoot *root = gtk_widget_get_root (data->widget);
  const char *name = instance->name != NULL ? instance->name : instance->id;
  GtkWidget *dialog, *list;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   action->label, NULL);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  if (g_strcmp0 (action->id, VIGIE_ACTION_SNAPSHOT) == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *suggested = g_date_time_format (now, "vigie-%Y%m%d-%H%M%S");

      /* Translators: %s is an instance name */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("A snapshot of “%s” keeps its disks as they are now."),
                                      name);
      gtk_list_box_append (GTK_LIST_BOX (list),
                           vigie_ui_entry_row_new (_("Name"), suggested, &data->name_entry));
      gtk_list_box_append (GTK_LIST_BOX (list),
                           vigie_ui_entry_row_new (_("Description"), NULL, &data->description_entry));
    }
  else
    {
      g_autoptr(GtkStringList) storages = backup_storages (data->monitor, instance);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("Where should the backup of “%s” go?"), name);
      if (g_list_model_get_n_items (G_LIST_MODEL (storages)) > 0)
        {
          GtkWidget *row = adw_combo_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Storage"));
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (storages));
          data->storage_combo = ADW_COMBO_ROW (row);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      else
        gtk_list_box_append (GTK_LIST_BOX (list),
                             vigie_ui_entry_row_new (_("Storage"), NULL, &data->storage_entry));
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "run", action->label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "run",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "run");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_params_dialog_response), data,
                         ask_data_closure_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Stopping or interrupting a guest stops what it serves: ask first, naming
 * the instance and its endpoint (names repeat across endpoints), with Cancel
 * as the default so that no Enter typed ahead runs it. */
static void
confirm_disruptive (AskData *data)
{
  GtkRoot *root = gtk_widget_get_root (data->widget);
  VigieInstance *instance = data->instance;
  VigieAction *action = data->action;
  const char *name = instance->name != NULL ? instance->name : instance->id;
  const char *endpoint = instance->endpoint != NULL ? instance->endpoint : "";
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (g_strcmp0 (action->id, VIGIE_ACTION_STOP) == 0)
    {
      /* Translators: %s is an instance name */
      heading = g_strdup_printf (_("Power Off “%s”?"), name);
      /* Translators: first %s is an instance name, second its endpoint's */
      body = g_strdup_printf (_("“%s” on “%s” stops at once, as if unplugged: what its guest "
                                "has not saved is lost. Shut Down asks the guest to stop "
                                "cleanly."), name, endpoint);
    }
  else if (g_strcmp0 (action->id, VIGIE_ACTION_SHUTDOWN) == 0)
    {
      /* Translators: %s is an instance name */
      heading = g_strdup_printf (_("Shut Down “%s”?"), name);
      /* Translators: first %s is an instance name, second its endpoint's */
      body = g_strdup_printf (_("The guest of “%s” on “%s” is asked to stop: what it serves "
                                "is unavailable until someone starts it again."),
                              name, endpoint);
    }
  else if (g_strcmp0 (action->id, VIGIE_ACTION_REBOOT) == 0)
    {
      /* Translators: %s is an instance name */
      heading = g_strdup_printf (_("Reboot “%s”?"), name);
      /* Translators: first %s is an instance name, second its endpoint's */
      body = g_strdup_printf (_("“%s” on “%s” restarts: what it serves is interrupted until "
                                "it is back."), name, endpoint);
    }
  else if (g_strcmp0 (action->id, VIGIE_ACTION_SUSPEND) == 0)
    {
      /* Translators: %s is an instance name */
      heading = g_strdup_printf (_("Suspend “%s”?"), name);
      /* Translators: first %s is an instance name, second its endpoint's */
      body = g_strdup_printf (_("“%s” on “%s” stops running, its memory kept: what it serves "
                                "is unavailable until it is resumed."), name, endpoint);
    }
  else if (g_strcmp0 (action->id, VIGIE_ACTION_PAUSE) == 0)
    {
      /* Translators: %s is an instance name */
      heading = g_strdup_printf (_("Pause “%s”?"), name);
      /* Translators: first %s is an instance name, second its endpoint's */
      body = g_strdup_printf (_("“%s” on “%s” is frozen: what it serves is unavailable until "
                                "it is resumed."), name, endpoint);
    }
  else
    {
      /* Translators: an action on an instance, e.g. “Hibernate “web-01”?” */
      heading = g_strdup_printf (_("%s “%s”?"), action->label, name);
      /* Translators: first %s is an instance name, second its endpoint's */
      body = g_strdup_printf (_("This interrupts “%s” on “%s” and what it serves."),
                              name, endpoint);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "run", action->label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "run", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_params_dialog_response), data,
                         ask_data_closure_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * vigie_run_instance_action:
 * @widget: where the dialogs and toasts belong
 *
 * Runs @action on @instance, asking first when it needs to.
 */
void
vigie_run_instance_action (GtkWidget     *widget,
                           VigieMonitor  *monitor,
                           VigieInstance *instance,
                           VigieAction   *action,
                           GCancellable  *cancellable)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (VIGIE_IS_MONITOR (monitor));
  g_return_if_fail (VIGIE_IS_INSTANCE (instance));
  g_return_if_fail (VIGIE_IS_ACTION (action));

  if (!action->allowed)
    return;
  if (action->params != NULL && action->params[0] != NULL)
    ask_params (ask_data_new (widget, monitor, instance, action, cancellable));
  else if (action->disruptive)
    confirm_disruptive (ask_data_new (widget, monitor, instance, action, cancellable));
  else
    run_action (widget, monitor, instance, action, NULL, cancellable);
}
