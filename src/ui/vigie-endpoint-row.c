/* vigie-endpoint-row.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sidebar row that follows its endpoint live: the backend's connection
 * state while it connects, then what the latest inventory says (product,
 * version and instance count, or the error in words).
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "vigie-endpoint-row.h"
#include "vigie-ui-support.h"

struct _VigieEndpointRow
{
  AdwActionRow   parent_instance;

  VigieEndpoint *endpoint;
  VigieMonitor  *monitor;
  VigieBackend  *backend;
  VigieUiStatus  status;
  char          *menu_key;   /* what the menu is to be built from */
  gboolean       menu_stale; /* built from another key, or not yet */
  guint          n_updates;  /* for tests */

  /* template children */
  GtkImage      *kind_icon;
  GtkImage      *support_icon;
  GtkStack      *status_stack;
  GtkSpinner    *spinner;
  GtkImage      *status_icon;
  GtkMenuButton *menu_button;
};

G_DEFINE_FINAL_TYPE (VigieEndpointRow, vigie_endpoint_row, ADW_TYPE_ACTION_ROW)

static GMenuModel *
build_menu (VigieEndpointRow *self,
            VigieInventory   *inventory)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) terminals = g_menu_new ();
  g_autoptr(GMenu) other = g_menu_new ();
  g_autoptr(GMenu) manage = g_menu_new ();
  g_autoptr(GMenuItem) edit = NULL;
  g_autoptr(GMenuItem) remove = NULL;
  const char *uuid = vigie_endpoint_get_uuid (self->endpoint);
  g_autoptr(GMenuItem) ssh = g_menu_item_new (_("Open _SSH Terminal"), NULL);

  g_menu_item_set_action_and_target_value (ssh, "win.open-ssh", g_variant_new_string (uuid));
  g_menu_append_item (terminals, ssh);

  /* Nodes with a console over the product's own protocol (Proxmox termproxy). */
  if (self->backend != NULL &&
      VIGIE_BACKEND_GET_CLASS (self->backend)->open_console_async != NULL && inventory != NULL &&
      vigie_kind_has_capability (vigie_endpoint_get_kind (self->endpoint), VIGIE_CAP_NODE_CONSOLE))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieHost) host = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), i);
          g_autoptr(GMenuItem) item = NULL;
          g_autofree char *label = NULL;

          if (host->name == NULL)
            continue;
          if (host->state == VIGIE_HOST_OFFLINE)
            {
              /* As on the Overview: an offline node has no console to open.
               * win.host-offline is never enabled, so the item is greyed. */
              /* Translators: %s is a cluster node name */
              label = g_strdup_printf (_("Open Console on %s (offline)"), host->name);
              item = g_menu_item_new (label, "win.host-offline");
            }
          else
            {
              /* Translators: %s is a cluster node name */
              label = g_strdup_printf (_("Open Console on %s"), host->name);
              item = g_menu_item_new (label, NULL);
              g_menu_item_set_action_and_target_value (item, "win.open-node-console",
                                                       g_variant_new ("(ss)", uuid, host->name));
            }
          g_menu_append_item (terminals, item);
        }
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (terminals));
  {
    g_autoptr(GMenuItem) refresh = g_menu_item_new (_("_Refresh"), NULL);

    /* This endpoint only: the header bar's Refresh is for all of them. */
    g_menu_item_set_action_and_target_value (refresh, "win.refresh-endpoint",
                                             g_variant_new_string (uuid));
    g_menu_append_item (other, refresh);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));
  /* Edit and Remove take the endpoint's uuid. */
  edit = g_menu_item_new (_("_Edit…"), NULL);
  g_menu_item_set_action_and_target_value (edit, "win.edit-endpoint", g_variant_new_string (uuid));
  g_menu_append_item (manage, edit);
  remove = g_menu_item_new (_("_Remove…"), NULL);
  g_menu_item_set_action_and_target_value (remove, "win.remove-endpoint",
                                           g_variant_new_string (uuid));
  g_menu_append_item (manage, remove);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (manage));
  return G_MENU_MODEL (menu);
}

/* An icon when the version's support ends soon or has ended; its tooltip
 * and accessible description say which line and when. */
static void
update_support (VigieEndpointRow *self,
                VigieInventory   *inventory)
{
  g_autoptr(VigieSupport) support = NULL;
  g_autofree char *summary = NULL;
  const char *icon_name = NULL;

  support = vigie_ui_support_of_inventory (inventory, vigie_monitor_get_context (self->monitor));
  if (support != NULL)
    icon_name = vigie_ui_support_icon_name (support->status);
  gtk_widget_set_visible (GTK_WIDGET (self->support_icon), icon_name != NULL);
  if (icon_name == NULL)
    return;
  summary = vigie_ui_support_summary (support);
  gtk_image_set_from_icon_name (self->support_icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->support_icon), "vigie-status-warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->support_icon), "vigie-status-error");
  gtk_widget_add_css_class (GTK_WIDGET (self->support_icon),
                            support->status == VIGIE_SUPPORT_END_OF_SUPPORT
                            ? "vigie-status-error" : "vigie-status-warning");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->support_icon), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->support_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  vigie_support_status_describe (support->status),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}

static void
update (VigieEndpointRow *self)
{
  VigieInventory *inventory = vigie_monitor_get_inventory (self->monitor, self->endpoint);
  g_autofree char *status_text = vigie_ui_status_text (inventory, self->backend);
  g_autofree char *product = vigie_ui_product_line (inventory);
  g_autofree char *subtitle = NULL;

  self->n_updates++;
  self->status = self->backend == NULL && vigie_ui_inventory_is_fetched (inventory) == FALSE
                 ? VIGIE_UI_STATUS_ERROR
                 : vigie_ui_endpoint_status (inventory, self->backend);

  switch (self->status)
    {
    case VIGIE_UI_STATUS_PENDING:
      gtk_stack_set_visible_child (self->status_stack, GTK_WIDGET (self->spinner));
      gtk_spinner_start (self->spinner);
      subtitle = g_strdup (status_text);
      break;
    case VIGIE_UI_STATUS_OK:
    case VIGIE_UI_STATUS_WARNING:
    case VIGIE_UI_STATUS_ERROR:
    default:
      gtk_spinner_stop (self->spinner);
      gtk_stack_set_visible_child (self->status_stack, GTK_WIDGET (self->status_icon));
      vigie_ui_set_icon_status (self->status_icon, self->status);
      if (inventory != NULL && inventory->status == VIGIE_STATUS_OK)
        {
          const char *version;
          guint total;

          vigie_ui_count_instances (inventory, &total, NULL, NULL);
          /* The kind's header above names the product: the version is enough. */
          version = inventory->version != NULL ? inventory->version
                    : product != NULL ? product : status_text;
          if (vigie_kind_has_role (inventory->kind, VIGIE_ROLE_BACKUP))
            subtitle = g_strdup (version);
          else
            /* Translators: sidebar subtitle, a version and a count,
             * e.g. “8.2.4 · 12 instances” */
            subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u instance",
                                                     "%s · %u instances", total),
                                        version, total);
        }
      else if (self->backend == NULL)
        subtitle = g_strdup (_("Vigie does not know this kind of endpoint"));
      else
        subtitle = g_strdup (status_text);
      break;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  update_support (self, inventory);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               self->status == VIGIE_UI_STATUS_OK && product != NULL ? product
                                                                                   : subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_stack), status_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle, -1);
  /* Rebuilding the menu would close it under the pointer: only when the
   * nodes it lists changed. */
  {
    GString *key = g_string_new (NULL);
    guint n = inventory != NULL ? g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts)) : 0;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(VigieHost) host = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), i);

        g_string_append_printf (key, "%s %d\n", host->name ? host->name : "",
                                host->state == VIGIE_HOST_OFFLINE);
      }
    if (self->menu_key == NULL || strcmp (self->menu_key, key->str) != 0)
      {
        g_free (self->menu_key);
        self->menu_key = g_string_free (key, FALSE);
        self->menu_stale = TRUE;
      }
    else
      g_string_free (key, TRUE);
  }
}

/* The menu is built when it opens: a popover menu is about 100 KB of
 * widgets, and a sidebar of 100 endpoints held one each (two while the
 * first answers came) that were seldom opened. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  VigieEndpointRow *self = user_data;
  g_autoptr(GMenuModel) menu = NULL;

  if (!self->menu_stale && gtk_menu_button_get_menu_model (button) != NULL)
    return;
  menu = build_menu (self, vigie_monitor_get_inventory (self->monitor, self->endpoint));
  gtk_menu_button_set_menu_model (button, menu);
  self->menu_stale = FALSE;
}

/* Every endpoint's refresh replaces one item of the monitor's list: only the
 * row of that endpoint has anything to change. */
static void
on_inventories_changed (VigieEndpointRow *self,
                        guint             position,
                        guint             removed,
                        guint             added,
                        GListModel       *inventories)
{
  const char *name = vigie_endpoint_get_name (self->endpoint);

  if (removed != added)
    {
      update (self);
      return;
    }
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VigieInventory) inventory = g_list_model_get_item (inventories, i);

      if (g_strcmp0 (inventory->endpoint, name) == 0)
        {
          update (self);
          return;
        }
    }
}

static void
on_secondary_click (GtkGestureClick  *gesture,
                    int               n_press,
                    double            x,
                    double            y,
                    VigieEndpointRow *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_menu_button_popup (self->menu_button);
}

static void
on_long_press (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               VigieEndpointRow    *self)
{
  gtk_menu_button_popup (self->menu_button);
}

VigieEndpoint *
vigie_endpoint_row_get_endpoint (VigieEndpointRow *self)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT_ROW (self), NULL);
  return self->endpoint;
}

VigieUiStatus
vigie_endpoint_row_get_status (VigieEndpointRow *self)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT_ROW (self), VIGIE_UI_STATUS_PENDING);
  return self->status;
}

guint
vigie_endpoint_row_get_n_updates (VigieEndpointRow *self)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT_ROW (self), 0);
  return self->n_updates;
}

static void
vigie_endpoint_row_dispose (GObject *object)
{
  VigieEndpointRow *self = (VigieEndpointRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_ENDPOINT_ROW);
  g_clear_object (&self->backend);
  g_clear_object (&self->monitor);
  g_clear_object (&self->endpoint);
  g_clear_pointer (&self->menu_key, g_free);

  G_OBJECT_CLASS (vigie_endpoint_row_parent_class)->dispose (object);
}

static void
vigie_endpoint_row_class_init (VigieEndpointRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_endpoint_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-endpoint-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointRow, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointRow, support_icon);
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointRow, status_stack);
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointRow, menu_button);
}

static void
vigie_endpoint_row_init (VigieEndpointRow *self)
{
  GtkGesture *click, *press;

  gtk_widget_init_template (GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_long_press), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));
}

GtkWidget *
vigie_endpoint_row_new (VigieEndpoint *endpoint,
                        VigieMonitor  *monitor)
{
  VigieEndpointRow *self;
  VigieBackend *backend;

  g_return_val_if_fail (VIGIE_IS_ENDPOINT (endpoint), NULL);
  g_return_val_if_fail (VIGIE_IS_MONITOR (monitor), NULL);

  self = g_object_new (VIGIE_TYPE_ENDPOINT_ROW, NULL);
  self->endpoint = g_object_ref (endpoint);
  self->monitor = g_object_ref (monitor);
  backend = vigie_monitor_get_backend (monitor, endpoint);
  self->backend = backend != NULL ? g_object_ref (backend) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), vigie_endpoint_get_name (endpoint));
  {
    /* Translators: the accessible name of an endpoint's ⋮ menu button,
     * %s is the endpoint's name */
    g_autofree char *label = g_strdup_printf (_("Menu for %s"),
                                              vigie_endpoint_get_name (endpoint));

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), label);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
  gtk_image_set_from_icon_name (self->kind_icon,
                                vigie_ui_kind_icon_name (vigie_endpoint_get_kind (endpoint)));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_popup_cb, self, NULL);
  if (self->backend != NULL)
    g_signal_connect_object (self->backend, "notify::state", G_CALLBACK (update), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (vigie_monitor_get_inventories (monitor), "items-changed",
                           G_CALLBACK (on_inventories_changed), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}
