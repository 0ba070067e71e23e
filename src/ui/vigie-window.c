/* vigie-window.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-backends.h"
#include "vigie-backup-endpoint-view.h"
#include "vigie-endpoint-dialog.h"
#include "vigie-backups-page.h"
#include "vigie-changes-dialog.h"
#include "vigie-compare-page.h"
#include "vigie-endpoint-row.h"
#include "vigie-export-dialog.h"
#include "vigie-instances-page.h"
#include "vigie-memory.h"
#include "vigie-overview-page.h"
#include "vigie-page-bin.h"
#include "vigie-terminal-page.h"
#include "vigie-ui-util.h"
#include "vigie-window.h"

struct _VigieWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GtkSortListModel     *sorted_endpoints;
  GCancellable         *cancellable;
  VigieEndpointStore   *store;
  VigieContext         *context;
  VigieBackendFactory   factory;
  VigieMonitor         *monitor;
  GtkFlattenListModel  *sidebar_model;
  VigieHistoryRecorder *recorder;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkStack             *sidebar_stack;
  GtkListBox           *endpoint_list;
  AdwViewStack         *view_stack;
  GtkWidget            *content;
  GtkWidget            *switcher_bar;
  VigieBackupsPage     *backups_page;
  VigieComparePage     *compare_page;
  VigieOverviewPage    *overview_page;
  VigieInstancesPage   *instances_page;
  GtkStack             *instances_stack;
  VigieBackupEndpointView *backup_endpoint_view;
  VigieTerminalPage    *terminal_page;
};

G_DEFINE_FINAL_TYPE (VigieWindow, vigie_window, ADW_TYPE_APPLICATION_WINDOW)

void
vigie_window_show_toast_full (VigieWindow *self,
                              const char  *message,
                              guint        timeout)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (VIGIE_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* A toast's title is markup in libadwaita 1.2, and messages carry names
   * and errors from the servers: "a & b" would show nothing. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
vigie_window_show_toast (VigieWindow *self,
                         const char  *message)
{
  vigie_window_show_toast_full (self, message, 5);
}

static int
compare_endpoints (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  VigieEndpoint *ea = (VigieEndpoint *) a;
  VigieEndpoint *eb = (VigieEndpoint *) b;
  int by_kind = (int) vigie_endpoint_get_kind (ea) - (int) vigie_endpoint_get_kind (eb);

  if (by_kind != 0)
    return by_kind;
  return g_utf8_collate (vigie_endpoint_get_name (ea), vigie_endpoint_get_name (eb));
}

/* The monitor: one backend per endpoint, refreshed together. Kept in one
 * place so every page shares it. */

/* A round that has settled for this long gives back the pages it freed. */
#define TRIM_DELAY_MS 3000

static void
on_monitor_refreshed (VigieMonitor *monitor)
{
  vigie_memory_trim_soon (TRIM_DELAY_MS);
}

static void
on_refresh_interval_changed (VigieWindow *self)
{
  vigie_monitor_set_interval (self->monitor,
                              g_settings_get_uint (self->settings, "refresh-interval"));
}

/**
 * vigie_window_get_monitor:
 *
 * Returns: (transfer none): the window's monitor, made on first use
 */
VigieMonitor *
vigie_window_get_monitor (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  if (self->monitor == NULL)
    {
      self->monitor = vigie_monitor_new (self->store, self->context,
                                         self->factory != NULL ? self->factory
                                                               : vigie_backend_new_for_endpoint);
      /* The Backups page needs what every endpoint backed up. */
      vigie_monitor_set_flags (self->monitor, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS);
      /* Endpoints that push their changes (Incus events) are read when they change. */
      vigie_monitor_set_watching (self->monitor, TRUE);
      g_signal_connect (self->monitor, "refreshed", G_CALLBACK (on_monitor_refreshed), NULL);
      if (self->settings != NULL)
        {
          on_refresh_interval_changed (self);
          g_signal_connect_object (self->settings, "changed::refresh-interval",
                                   G_CALLBACK (on_refresh_interval_changed), self,
                                   G_CONNECT_SWAPPED);
        }
    }
  return self->monitor;
}

/* sidebar */

/* "All Endpoints" sums up: how many instances, how many endpoints fail. */
static void
update_all_row (AdwActionRow *row,
                guint         position,
                guint         removed,
                guint         added,
                GListModel   *inventories)
{
  guint n = g_list_model_get_n_items (inventories);
  guint instances = 0, failing = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieInventory) inventory = g_list_model_get_item (inventories, i);

      instances += g_list_model_get_n_items (G_LIST_MODEL (inventory->instances));
      if (inventory->status != VIGIE_STATUS_OK)
        failing++;
    }
  if (failing > 0)
    /* Translators: sidebar summary, e.g. “60 instances · 1 failing” */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u instance · %u failing",
                                         "%u instances · %u failing", instances),
                            instances, failing);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u instance", "%u instances",
                                         instances), instances);
  adw_action_row_set_subtitle (row, text);
}

static GtkWidget *
create_all_row (VigieWindow *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("view-grid-symbolic");
  GListModel *inventories = vigie_monitor_get_inventories (vigie_window_get_monitor (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("All Endpoints"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, "all-endpoints");
  g_signal_connect_object (inventories, "items-changed", G_CALLBACK (update_all_row), row,
                           G_CONNECT_SWAPPED);
  update_all_row (ADW_ACTION_ROW (row), 0, 0, 0, inventories);
  return row;
}

static GtkWidget *
create_endpoint_row (gpointer item,
                     gpointer user_data)
{
  VigieWindow *self = user_data;

  if (!VIGIE_IS_ENDPOINT (item))
    return create_all_row (self);
  return vigie_endpoint_row_new (VIGIE_ENDPOINT (item), vigie_window_get_monitor (self));
}

/* Rows are sorted by kind; a header opens each kind's group. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  VigieEndpoint *endpoint, *previous = NULL;
  GtkWidget *label;

  if (!VIGIE_IS_ENDPOINT_ROW (row))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  endpoint = vigie_endpoint_row_get_endpoint (VIGIE_ENDPOINT_ROW (row));
  if (before != NULL && VIGIE_IS_ENDPOINT_ROW (before))
    previous = vigie_endpoint_row_get_endpoint (VIGIE_ENDPOINT_ROW (before));
  if (previous != NULL && vigie_endpoint_get_kind (previous) == vigie_endpoint_get_kind (endpoint))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (vigie_kind_get_product_name (vigie_endpoint_get_kind (endpoint)));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_header (row, label);
}

static void
show_endpoint (VigieWindow   *self,
               VigieEndpoint *endpoint)
{
  const char *name = endpoint != NULL ? vigie_endpoint_get_name (endpoint) : NULL;
  /* A backup server has no instances: its datastores and jobs instead. */
  gboolean backup_only = endpoint != NULL &&
                         vigie_kind_has_role (vigie_endpoint_get_kind (endpoint),
                                              VIGIE_ROLE_BACKUP) &&
                         !vigie_kind_has_role (vigie_endpoint_get_kind (endpoint),
                                               VIGIE_ROLE_COMPUTE);

  vigie_overview_page_set_endpoint (self->overview_page, name);
  vigie_instances_page_set_endpoint (self->instances_page, name);
  vigie_backups_page_set_endpoint (self->backups_page, name);
  vigie_backup_endpoint_view_set_endpoint (self->backup_endpoint_view,
                                           backup_only ? name : NULL);
  gtk_stack_set_visible_child (self->instances_stack,
                               backup_only ? GTK_WIDGET (self->backup_endpoint_view)
                                           : GTK_WIDGET (self->instances_page));
}

/* Alt+1…5: a page by name (overview, instances, backups, compare,
 * terminals), on whatever the sidebar has selected. */
static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  const char *page = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, page) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, page);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* An alert's button: the endpoint selected in the sidebar ("" for all of
 * them), and the page where to act. */
static void
show_endpoint_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  const char *name, *page;
  GtkListBoxRow *row;

  g_variant_get (parameter, "(&s&s)", &name, &page);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->endpoint_list, i)) != NULL; i++)
    {
      gboolean match = *name == '\0'
                       ? !VIGIE_IS_ENDPOINT_ROW (row)
                       : VIGIE_IS_ENDPOINT_ROW (row) &&
                         g_strcmp0 (vigie_endpoint_get_name (vigie_endpoint_row_get_endpoint (
                                      VIGIE_ENDPOINT_ROW (row))), name) == 0;

      if (match)
        {
          gtk_list_box_select_row (self->endpoint_list, row);
          break;
        }
    }
  if (*page != '\0' && adw_view_stack_get_child_by_name (self->view_stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, page);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_endpoint_list_row_selected_cb (VigieWindow   *self,
                                  GtkListBoxRow *row)
{
  /* The list unselects its rows while the window is disposed. */
  if (self->endpoint_list == NULL || self->overview_page == NULL)
    return;
  if (row == NULL)
    {
      /* The selected endpoint went away: back to everything. */
      GtkListBoxRow *all = gtk_list_box_get_row_at_index (self->endpoint_list, 0);

      show_endpoint (self, NULL);
      if (all != NULL)
        gtk_list_box_select_row (self->endpoint_list, all);
      return;
    }
  show_endpoint (self, VIGIE_IS_ENDPOINT_ROW (row)
                         ? vigie_endpoint_row_get_endpoint (VIGIE_ENDPOINT_ROW (row)) : NULL);
}

static void
update_sidebar (VigieWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted_endpoints));

  gtk_stack_set_visible_child_name (self->sidebar_stack, n > 0 ? "list" : "empty");
  if (n > 0 && gtk_list_box_get_selected_row (self->endpoint_list) == NULL)
    gtk_list_box_select_row (self->endpoint_list,
                             gtk_list_box_get_row_at_index (self->endpoint_list, 0));
}

static void
on_endpoints_changed (VigieWindow *self)
{
  update_sidebar (self);
}

static void
on_endpoint_list_row_activated_cb (VigieWindow   *self,
                                   GtkListBoxRow *row)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_button_clicked_cb (VigieWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
add_endpoint_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  VigieEndpointDialog *dialog;

  dialog = vigie_endpoint_dialog_new (GTK_WINDOW (widget), self->context, self->store, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_or_remove_endpoint_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  VigieEndpoint *endpoint;

  endpoint = vigie_endpoint_store_find_by_uuid (self->store,
                                                g_variant_get_string (parameter, NULL));
  if (endpoint == NULL)
    return;
  if (g_str_equal (action_name, "win.remove-endpoint"))
    vigie_endpoint_dialog_confirm_remove (GTK_WINDOW (widget), self->context, self->store,
                                          endpoint);
  else
    gtk_window_present (GTK_WINDOW (vigie_endpoint_dialog_new (GTK_WINDOW (widget),
                                                               self->context, self->store,
                                                               endpoint)));
}

static void
demo_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VigieWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_application_start_demo_finish (VIGIE_APPLICATION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        vigie_window_show_toast (self, error->message);
      return;
    }
  vigie_window_show_toast (self, _("The demo lab is running on this computer"));
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  VigieApplication *app = VIGIE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (app == NULL)
    return;
  vigie_application_start_demo_async (app, self->cancellable, demo_started_cb,
                                      g_object_ref (self));
}

static void
export_estate_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  vigie_export_dialog_present (VIGIE_WINDOW (widget));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);

  if (self->store != NULL)
    vigie_monitor_refresh (vigie_window_get_monitor (self));
}

/* What changed since the last session: only a window of the app records
 * the history (the tests' windows have none). */
static void
show_changes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);

  if (self->recorder != NULL)
    gtk_window_present (GTK_WINDOW (vigie_changes_dialog_new (GTK_WINDOW (self),
                                                              self->recorder)));
}

static void
refresh_endpoint_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  VigieEndpoint *endpoint;

  if (self->store == NULL)
    return;
  endpoint = vigie_endpoint_store_find_by_uuid (self->store,
                                                g_variant_get_string (parameter, NULL));
  if (endpoint != NULL)
    vigie_monitor_refresh_endpoint (vigie_window_get_monitor (self), endpoint);
}

/* Never enabled: the menu item of an offline node's console points here
 * so that it shows, greyed. */
static void
host_offline_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
}

/* terminals */

static VigieBackend *
backend_for_uuid (VigieWindow    *self,
                  const char     *uuid,
                  VigieEndpoint **endpoint_out)
{
  VigieEndpoint *endpoint = vigie_endpoint_store_find_by_uuid (self->store, uuid);

  if (endpoint_out != NULL)
    *endpoint_out = endpoint;
  if (endpoint == NULL)
    return NULL;
  return vigie_monitor_get_backend (vigie_window_get_monitor (self), endpoint);
}

/**
 * vigie_window_open_ssh_terminal:
 * @host: (nullable): a host name, or %NULL for the endpoint's own host
 *
 * Opens a tab with `ssh` to the endpoint, as its "ssh-user" option or the
 * "default-ssh-user" setting says, and shows the Terminals page.
 */
void
vigie_window_open_ssh_terminal (VigieWindow   *self,
                                VigieEndpoint *endpoint,
                                const char    *host)
{
  VigieBackend *backend;
  g_autofree char *user = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VIGIE_IS_WINDOW (self));
  g_return_if_fail (VIGIE_IS_ENDPOINT (endpoint));

  backend = vigie_monitor_get_backend (vigie_window_get_monitor (self), endpoint);
  if (vigie_endpoint_get_option (endpoint, "ssh-user") != NULL)
    user = g_strdup (vigie_endpoint_get_option (endpoint, "ssh-user"));
  else if (self->settings != NULL)
    user = g_settings_get_string (self->settings, "default-ssh-user");
  argv = backend != NULL ? vigie_backend_build_ssh_argv (backend, host, user, &error) : NULL;
  if (argv == NULL)
    {
      /* Translators: %s is an endpoint name */
      g_autofree char *message = g_strdup_printf (_("“%s” has no host name to connect to"),
                                                  vigie_endpoint_get_name (endpoint));
      vigie_window_show_toast (self, error != NULL ? error->message : message);
      return;
    }
  title = vigie_ui_terminal_title (vigie_endpoint_get_name (endpoint), host, TRUE);
  vigie_terminal_page_open_command (self->terminal_page, title, (const char * const *) argv);
  adw_view_stack_set_visible_child_name (self->view_stack, "terminals");
}

typedef struct {
  VigieWindow *self;
  char        *title;
} ConsoleData;

static void
open_console_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ConsoleData *data = user_data;
  VigieWindow *self = data->self;
  g_autoptr(VigieConsole) console = NULL;
  g_autoptr(GError) error = NULL;

  console = vigie_backend_open_console_finish (VIGIE_BACKEND (object), result, &error);
  /* The window went away meanwhile: the console closes with its last ref. */
  if (self->terminal_page == NULL)
    {
      if (console != NULL)
        vigie_console_close (console);
    }
  else if (console == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: the first %s is a terminal title, the second why it failed */
      g_autofree char *message = g_strdup_printf (_("Could not open %s: %s"), data->title,
                                                  error->message);
      vigie_window_show_toast (self, message);
    }
  else if (console != NULL)
    {
      if (vigie_terminal_page_open_console (self->terminal_page, data->title, console, &error))
        adw_view_stack_set_visible_child_name (self->view_stack, "terminals");
      else
        vigie_window_show_toast (self, error->message);
    }
  g_object_unref (data->self);
  g_free (data->title);
  g_free (data);
}

static void
open_console (VigieWindow   *self,
              VigieBackend  *backend,
              const char    *target,
              VigieInstance *instance,
              const char    *title)
{
  ConsoleData *data = g_new0 (ConsoleData, 1);

  data->self = g_object_ref (self);
  data->title = g_strdup (title);
  vigie_backend_open_console_async (backend, target, instance, self->cancellable,
                                    open_console_cb, data);
}

static void
open_ssh_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  VigieEndpoint *endpoint = vigie_endpoint_store_find_by_uuid (self->store,
                                                              g_variant_get_string (parameter,
                                                                                    NULL));

  if (endpoint != NULL)
    vigie_window_open_ssh_terminal (self, endpoint, NULL);
}

static void
open_ssh_host_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  const char *uuid, *host;
  VigieEndpoint *endpoint;

  g_variant_get (parameter, "(&s&s)", &uuid, &host);
  endpoint = vigie_endpoint_store_find_by_uuid (self->store, uuid);
  if (endpoint != NULL)
    vigie_window_open_ssh_terminal (self, endpoint, *host != '\0' ? host : NULL);
}

static void
open_node_console_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  const char *uuid, *node;
  VigieBackend *backend;
  VigieEndpoint *endpoint = NULL;
  g_autofree char *title = NULL;

  g_variant_get (parameter, "(&s&s)", &uuid, &node);
  backend = backend_for_uuid (self, uuid, &endpoint);
  if (backend == NULL)
    return;
  title = vigie_ui_terminal_title (vigie_endpoint_get_name (endpoint), node, FALSE);
  open_console (self, backend, node, NULL, title);
}

static void
on_instances_page_open_terminal_cb (VigieWindow   *self,
                                    VigieInstance *instance)
{
  VigieEndpoint *endpoint = vigie_endpoint_store_find_by_name (self->store, instance->endpoint);
  VigieBackend *backend;

  if (endpoint == NULL)
    return;
  backend = vigie_monitor_get_backend (vigie_window_get_monitor (self), endpoint);
  if (backend != NULL)
    {
      g_autofree char *title = NULL;

      title = vigie_ui_terminal_title (vigie_endpoint_get_name (endpoint),
                                       instance->name != NULL ? instance->name : instance->id,
                                       FALSE);
      open_console (self, backend, NULL, instance, title);
    }
}

static void
save_window_state (VigieWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
vigie_window_close_request (GtkWindow *window)
{
  save_window_state (VIGIE_WINDOW (window));
  return GTK_WINDOW_CLASS (vigie_window_parent_class)->close_request (window);
}

static void
vigie_window_dispose (GObject *object)
{
  VigieWindow *self = (VigieWindow *) object;

  g_cancellable_cancel (self->cancellable);
  /* Stop the rounds even if something else still holds the monitor. */
  if (self->monitor != NULL)
    vigie_monitor_set_interval (self->monitor, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sidebar_model);
  g_clear_object (&self->sorted_endpoints);
  g_clear_object (&self->recorder);
  g_clear_object (&self->monitor);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vigie_window_parent_class)->dispose (object);
}

static void
vigie_window_class_init (VigieWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = vigie_window_dispose;
  window_class->close_request = vigie_window_close_request;

  g_type_ensure (VIGIE_TYPE_PAGE_BIN);
  g_type_ensure (VIGIE_TYPE_OVERVIEW_PAGE);
  g_type_ensure (VIGIE_TYPE_INSTANCES_PAGE);
  g_type_ensure (VIGIE_TYPE_TERMINAL_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, endpoint_list);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, content);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, instances_page);
  g_type_ensure (VIGIE_TYPE_BACKUP_ENDPOINT_VIEW);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, instances_stack);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, backup_endpoint_view);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, terminal_page);
  g_type_ensure (VIGIE_TYPE_BACKUPS_PAGE);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, backups_page);
  g_type_ensure (VIGIE_TYPE_COMPARE_PAGE);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, compare_page);
  gtk_widget_class_bind_template_callback (widget_class, on_endpoint_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_endpoint_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_instances_page_open_terminal_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.add-endpoint", NULL, add_endpoint_action);
  gtk_widget_class_install_action (widget_class, "win.edit-endpoint", "s",
                                   edit_or_remove_endpoint_action);
  gtk_widget_class_install_action (widget_class, "win.remove-endpoint", "s",
                                   edit_or_remove_endpoint_action);
  gtk_widget_class_install_action (widget_class, "win.demo", NULL, demo_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.export-estate", NULL,
                                   export_estate_action);
  gtk_widget_class_install_action (widget_class, "win.show-changes", NULL, show_changes_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-endpoint", "s",
                                   refresh_endpoint_action);
  gtk_widget_class_install_action (widget_class, "win.host-offline", NULL, host_offline_action);
  gtk_widget_class_install_action (widget_class, "win.show-endpoint", "(ss)",
                                   show_endpoint_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  {
    static const char *pages[] = { "overview", "instances", "backups", "compare", "terminals" };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                           "win.show-page", "s", pages[i]);
  }
  gtk_widget_class_install_action (widget_class, "win.open-ssh", "s", open_ssh_action);
  gtk_widget_class_install_action (widget_class, "win.open-ssh-host", "(ss)",
                                   open_ssh_host_action);
  gtk_widget_class_install_action (widget_class, "win.open-node-console", "(ss)",
                                   open_node_console_action);
}

/* The bar at the bottom of a narrow window gives its five buttons the same
 * width (64 px each at 360 px), which cuts the longer titles
 * ("Sauvegardes"), and libadwaita 1.2 has no setting for it: its buttons
 * all ask for the same natural width. Each button asks for its title's
 * width instead, and the rest is shared out: the titles fit side by side,
 * in English and French. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             const char *css_class)
{
  /* A label with a text: not the empty badge of the icon. */
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)) &&
      (!GTK_IS_LABEL (root) || *gtk_label_get_text (GTK_LABEL (root)) != '\0'))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Once shown, so that the labels have their style (bold, smaller). */
static void
on_switcher_map_cb (GtkWidget *switcher,
                    gpointer   user_data)
{
  for (GtkWidget *button = gtk_widget_get_first_child (switcher); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      GtkWidget *narrow = find_widget (button, GTK_TYPE_BOX, "narrow");
      GtkWidget *label = narrow != NULL ? find_widget (narrow, GTK_TYPE_LABEL, NULL) : NULL;
      int natural = 0;

      if (label == NULL)
        continue;
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      gtk_widget_set_size_request (button, natural, -1);
      gtk_widget_set_hexpand (button, TRUE);
    }
}

static void
fit_switcher_bar (GtkWidget *bar)
{
  GtkWidget *switcher = find_widget (bar, ADW_TYPE_VIEW_SWITCHER, NULL);
  GtkLayoutManager *layout = switcher != NULL ? gtk_widget_get_layout_manager (switcher) : NULL;

  if (!GTK_IS_BOX_LAYOUT (layout))
    return;
  gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (layout), FALSE);
  g_signal_connect (switcher, "map", G_CALLBACK (on_switcher_map_cb), NULL);
}

static void
vigie_window_init (VigieWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fit_switcher_bar (self->switcher_bar);
  vigie_ui_fix_accessible_names (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-changes", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.host-offline", FALSE);
}

/* The live sidebar and pages over the monitor. */
static void
setup_endpoints (VigieWindow         *self,
                 VigieEndpointStore  *store,
                 VigieContext        *context,
                 VigieBackendFactory  factory)
{
  GtkCustomSorter *sorter;
  GListStore *sections, *all;
  g_autoptr(GObject) all_marker = g_object_new (G_TYPE_OBJECT, NULL);
  VigieMonitor *monitor;

  self->store = g_object_ref (store);
  self->context = context != NULL ? g_object_ref (context) : vigie_context_new (NULL, NULL);
  self->factory = factory;
  monitor = vigie_window_get_monitor (self);

  sorter = gtk_custom_sorter_new (compare_endpoints, NULL, NULL);
  self->sorted_endpoints = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                                    GTK_SORTER (sorter));
  /* An "All Endpoints" row first, then the endpoints grouped by kind. */
  all = g_list_store_new (G_TYPE_OBJECT);
  g_list_store_append (all, all_marker);
  sections = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (sections, all);
  g_list_store_append (sections, self->sorted_endpoints);
  g_object_unref (all);
  self->sidebar_model = gtk_flatten_list_model_new (G_LIST_MODEL (sections));
  gtk_list_box_bind_model (self->endpoint_list, G_LIST_MODEL (self->sidebar_model),
                           create_endpoint_row, self, NULL);
  gtk_list_box_set_header_func (self->endpoint_list, update_header, NULL, NULL);
  g_signal_connect_object (self->sorted_endpoints, "items-changed",
                           G_CALLBACK (on_endpoints_changed), self, G_CONNECT_SWAPPED);

  vigie_overview_page_set_monitor (self->overview_page, monitor);
  vigie_instances_page_set_monitor (self->instances_page, monitor);
  vigie_backup_endpoint_view_set_monitor (self->backup_endpoint_view, monitor);
  if (self->settings != NULL)
    vigie_backups_page_set_settings (self->backups_page, self->settings);
  if (self->settings != NULL)
    vigie_instances_page_set_settings (self->instances_page, self->settings);
  vigie_backups_page_set_monitor (self->backups_page, monitor);
  /* The Instances details pane shows each instance's backups. */
  vigie_instances_page_set_coverage (self->instances_page,
                                     vigie_backups_page_get_coverage (self->backups_page));
  if (self->settings != NULL)
    vigie_compare_page_set_settings (self->compare_page, self->settings);
  vigie_compare_page_set_monitor (self->compare_page, monitor);
  update_sidebar (self);
  vigie_monitor_refresh (monitor);
}

static void
vigie_window_setup (VigieWindow      *self,
                    VigieApplication *app)
{
  VigieEndpointStore *store = vigie_application_get_endpoint_store (app);
  const GError *store_error = vigie_application_get_store_error (app);

  self->settings = g_object_ref (vigie_application_get_settings (app));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  setup_endpoints (self, store, vigie_application_get_context (app), NULL);
  {
    g_autofree char *history = vigie_application_get_history_dir (app);

    self->recorder = vigie_history_recorder_new (vigie_window_get_monitor (self), history);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-changes", TRUE);

  if (store_error != NULL)
    vigie_window_show_toast (self, store_error->message);
}

VigieWindow *
vigie_window_new (VigieApplication *application)
{
  VigieWindow *self = g_object_new (VIGIE_TYPE_WINDOW, "application", application, NULL);

  vigie_window_setup (self, application);
  return self;
}

/**
 * vigie_window_new_for_store:
 * @settings: (nullable): the application's settings
 * @factory: (nullable): makes backends; %NULL for the real ones
 *
 * A window over @store without an application, for tests.
 */
VigieWindow *
vigie_window_new_for_store (VigieEndpointStore  *store,
                            VigieContext        *context,
                            GSettings           *settings,
                            VigieBackendFactory  factory)
{
  VigieWindow *self;

  g_return_val_if_fail (VIGIE_IS_ENDPOINT_STORE (store), NULL);

  self = g_object_new (VIGIE_TYPE_WINDOW, NULL);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  setup_endpoints (self, store, context, factory);
  return self;
}

VigieTerminalPage *
vigie_window_get_terminal_page (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);
  return self->terminal_page;
}

VigieInstancesPage *
vigie_window_get_instances_page (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);
  return self->instances_page;
}

VigieComparePage *
vigie_window_get_compare_page (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);
  return self->compare_page;
}

VigieOverviewPage *
vigie_window_get_overview_page (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);
  return self->overview_page;
}
