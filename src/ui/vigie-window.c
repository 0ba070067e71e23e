/* vigie-window.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-endpoint-dialog.h"
#include "vigie-backends.h"
#include "vigie-backups-page.h"
#include "vigie-monitor.h"
#include "vigie-window.h"

struct _VigieWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GtkSortListModel     *sorted_endpoints;
  GCancellable         *cancellable;
  /* Refreshes every endpoint; the pages bind to it. */
  VigieMonitor         *monitor;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkStack             *sidebar_stack;
  GtkListBox           *endpoint_list;
  AdwViewStack         *view_stack;
  GtkWidget            *content;
  VigieBackupsPage     *backups_page;
};

G_DEFINE_FINAL_TYPE (VigieWindow, vigie_window, ADW_TYPE_APPLICATION_WINDOW)

void
vigie_window_show_toast (VigieWindow *self,
                         const char  *message)
{
  AdwToast *toast;

  g_return_if_fail (VIGIE_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
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

static const char *
icon_for_kind (VigieKind kind)
{
  switch (kind)
    {
    case VIGIE_KIND_PBS:
    case VIGIE_KIND_VEEAM:
      return "drive-harddisk-symbolic";
    case VIGIE_KIND_INCUS:
      return "application-x-executable-symbolic";
    case VIGIE_KIND_ESXI:
    case VIGIE_KIND_PROXMOX:
    case VIGIE_KIND_UNKNOWN:
    case VIGIE_N_KINDS:
    default:
      return "network-server-symbolic";
    }
}

/* Edit and Remove, per endpoint (the actions take its uuid). */
static GtkWidget *
create_endpoint_menu_button (VigieEndpoint *endpoint)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove…"), NULL);
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_item_set_action_and_target (edit, "win.edit-endpoint", "s",
                                     vigie_endpoint_get_uuid (endpoint));
  g_menu_item_set_action_and_target (remove, "win.remove-endpoint", "s",
                                     vigie_endpoint_get_uuid (endpoint));
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, remove);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Endpoint Menu"));
  return button;
}

static GtkWidget *
create_endpoint_row (gpointer item,
                     gpointer user_data)
{
  VigieEndpoint *endpoint = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_for_kind (vigie_endpoint_get_kind (endpoint)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vigie_endpoint_get_name (endpoint));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), vigie_endpoint_get_url (endpoint));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_endpoint_menu_button (endpoint));
  g_object_set_data_full (G_OBJECT (row), "endpoint", g_object_ref (endpoint), g_object_unref);
  return row;
}

/* Rows are sorted by kind; a header opens each kind's group. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  VigieEndpoint *endpoint = g_object_get_data (G_OBJECT (row), "endpoint");
  VigieEndpoint *previous = before ? g_object_get_data (G_OBJECT (before), "endpoint") : NULL;
  GtkWidget *label;

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
update_sidebar (VigieWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted_endpoints));

  gtk_stack_set_visible_child_name (self->sidebar_stack, n > 0 ? "list" : "empty");
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
  VigieApplication *app = VIGIE_APPLICATION (gtk_window_get_application (GTK_WINDOW (widget)));
  VigieEndpointDialog *dialog;

  dialog = vigie_endpoint_dialog_new (GTK_WINDOW (widget), vigie_application_get_context (app),
                                      vigie_application_get_endpoint_store (app), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_or_remove_endpoint_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  VigieApplication *app = VIGIE_APPLICATION (gtk_window_get_application (GTK_WINDOW (widget)));
  VigieEndpointStore *store = vigie_application_get_endpoint_store (app);
  VigieEndpoint *endpoint;

  endpoint = vigie_endpoint_store_find_by_uuid (store, g_variant_get_string (parameter, NULL));
  if (endpoint == NULL)
    return;
  if (g_str_equal (action_name, "win.remove-endpoint"))
    vigie_endpoint_dialog_confirm_remove (GTK_WINDOW (widget),
                                          vigie_application_get_context (app), store, endpoint);
  else
    gtk_window_present (GTK_WINDOW (vigie_endpoint_dialog_new (GTK_WINDOW (widget),
                                                               vigie_application_get_context (app),
                                                               store, endpoint)));
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

  vigie_application_start_demo_async (app, self->cancellable, demo_started_cb,
                                      g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);

  if (self->monitor != NULL)
    vigie_monitor_refresh (self->monitor);
}

static void
save_window_state (VigieWindow *self)
{
  int width, height;

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
  g_clear_object (&self->cancellable);
  if (self->monitor != NULL)
    vigie_monitor_set_interval (self->monitor, 0);
  g_clear_object (&self->monitor);
  g_clear_object (&self->sorted_endpoints);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_WINDOW);

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, endpoint_list);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, content);
  g_type_ensure (VIGIE_TYPE_BACKUPS_PAGE);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, backups_page);
  gtk_widget_class_bind_template_callback (widget_class, on_endpoint_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.add-endpoint", NULL, add_endpoint_action);
  gtk_widget_class_install_action (widget_class, "win.edit-endpoint", "s",
                                   edit_or_remove_endpoint_action);
  gtk_widget_class_install_action (widget_class, "win.remove-endpoint", "s",
                                   edit_or_remove_endpoint_action);
  gtk_widget_class_install_action (widget_class, "win.demo", NULL, demo_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
}

static void
vigie_window_init (VigieWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* Monitor: one refresh round for every page. */

static void
on_refresh_interval_changed_cb (VigieWindow *self)
{
  vigie_monitor_set_interval (self->monitor,
                              g_settings_get_uint (self->settings, "refresh-interval"));
}

static void
on_window_map_cb (VigieWindow *self)
{
  vigie_monitor_refresh (self->monitor);
}

static void
setup_monitor (VigieWindow      *self,
               VigieApplication *app)
{
  self->monitor = vigie_monitor_new (vigie_application_get_endpoint_store (app),
                                     vigie_application_get_context (app),
                                     vigie_backend_new_for_endpoint);
  vigie_monitor_set_flags (self->monitor, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS);
  g_signal_connect_object (self->settings, "changed::refresh-interval",
                           G_CALLBACK (on_refresh_interval_changed_cb), self, G_CONNECT_SWAPPED);
  on_refresh_interval_changed_cb (self);
  g_signal_connect (self, "map", G_CALLBACK (on_window_map_cb), NULL);

  vigie_backups_page_set_settings (self->backups_page, self->settings);
  vigie_backups_page_set_monitor (self->backups_page, self->monitor);
}

static void
vigie_window_setup (VigieWindow      *self,
                    VigieApplication *app)
{
  VigieEndpointStore *store = vigie_application_get_endpoint_store (app);
  const GError *store_error = vigie_application_get_store_error (app);
  GtkCustomSorter *sorter;

  self->settings = g_object_ref (vigie_application_get_settings (app));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  sorter = gtk_custom_sorter_new (compare_endpoints, NULL, NULL);
  self->sorted_endpoints = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                                    GTK_SORTER (sorter));
  gtk_list_box_bind_model (self->endpoint_list, G_LIST_MODEL (self->sorted_endpoints),
                           create_endpoint_row, self, NULL);
  gtk_list_box_set_header_func (self->endpoint_list, update_header, NULL, NULL);
  g_signal_connect_object (self->sorted_endpoints, "items-changed",
                           G_CALLBACK (on_endpoints_changed), self, G_CONNECT_SWAPPED);
  update_sidebar (self);
  setup_monitor (self, app);

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
