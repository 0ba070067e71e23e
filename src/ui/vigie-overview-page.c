/* vigie-overview-page.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One group per endpoint: what it is, whether it answers (and if not, why,
 * in words), its hosts with their load, its instances and storage, and the
 * partial failures it reported. There are few endpoints, so a refresh
 * simply rebuilds the groups.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-overview-page.h"
#include "vigie-ui-support.h"
#include "vigie-ui-util.h"

struct _VigieOverviewPage
{
  AdwBin        parent_instance;

  VigieMonitor *monitor;
  char         *endpoint_filter;
  guint         n_groups;
  GHashTable   *expanded;      /* "endpoint/section" -> folded or not, across refreshes */

  /* template children */
  GtkStack     *stack;
  GtkBox       *groups_box;
};

G_DEFINE_FINAL_TYPE (VigieOverviewPage, vigie_overview_page, ADW_TYPE_BIN)

static GtkWidget *
usage_widget (const char *name,
              double      fraction)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  GtkWidget *value;
  g_autofree char *text = NULL;

  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 80, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  /* Usage is fine until it is high: plain until 80 %, a warning above
   * (the default offsets read low as bad, the other way round). */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), "vigie-normal", 0.8);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), "vigie-high", 1.0);
  if (fraction >= 0)
    {
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (fraction, 0.0, 1.0));
      text = g_strdup_printf ("%.0f %%", fraction * 100.0);
    }
  else
    {
      gtk_widget_set_sensitive (bar, FALSE);
      text = g_strdup ("—");
    }
  value = gtk_label_new (text);
  gtk_label_set_width_chars (GTK_LABEL (value), 5);
  gtk_label_set_xalign (GTK_LABEL (value), 1.0);
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (value, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), value);
  /* Translators: e.g. “CPU: 42 %” for screen readers */
  {
    g_autofree char *description = g_strdup_printf (_("%s: %s"), name, text);

    gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    description, -1);
  }
  return box;
}

static double
fraction_of (gint64 used,
             gint64 total)
{
  if (used < 0 || total <= 0)
    return -1;
  return (double) used / (double) total;
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names and messages come from the endpoints: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
on_expander_expanded (AdwExpanderRow    *expander,
                      GParamSpec        *pspec,
                      VigieOverviewPage *self)
{
  g_hash_table_insert (self->expanded,
                       g_strdup (g_object_get_data (G_OBJECT (expander), "vigie-key")),
                       GINT_TO_POINTER (adw_expander_row_get_expanded (expander) ? 2 : 1));
}

/* Every refresh rebuilds the groups: what the user unfolded stays so. */
static void
add_expander (VigieOverviewPage   *self,
              AdwPreferencesGroup *group,
              VigieInventory      *inventory,
              GtkWidget           *expander,
              const char          *section,
              gboolean             expanded)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", inventory->endpoint, section);
  int saved = GPOINTER_TO_INT (g_hash_table_lookup (self->expanded, key));

  if (saved != 0)
    expanded = saved == 2;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), expanded);
  g_object_set_data_full (G_OBJECT (expander), "vigie-key", g_steal_pointer (&key), g_free);
  g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (on_expander_expanded),
                           self, 0);
  adw_preferences_group_add (group, expander);
}

static VigieEndpoint *
endpoint_of (VigieOverviewPage *self,
             VigieInventory    *inventory)
{
  return vigie_endpoint_store_find_by_name (vigie_monitor_get_store (self->monitor),
                                            inventory->endpoint);
}

static GtkWidget *
terminal_button (const char *icon_name,
                 const char *label,
                 const char *action,
                 GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

/* A host's terminals: SSH, and the product's own console when it has one
 * (a Proxmox node). The window's actions open them. */
static void
add_terminal_buttons (AdwActionRow  *row,
                      VigieEndpoint *endpoint,
                      VigieBackend  *backend,
                      const char    *host,
                      gboolean       only_host,
                      gboolean       reachable)
{
  const char *uuid = vigie_endpoint_get_uuid (endpoint);
  GtkWidget *button;

  if (backend != NULL && VIGIE_BACKEND_GET_CLASS (backend)->open_console_async != NULL &&
      vigie_kind_has_capability (vigie_endpoint_get_kind (endpoint), VIGIE_CAP_NODE_CONSOLE))
    {
      button = terminal_button ("utilities-terminal-symbolic", _("Open Console"),
                                "win.open-node-console", g_variant_new ("(ss)", uuid, host));
      adw_action_row_add_suffix (row, button);
      if (!reachable)
        {
          gtk_widget_set_sensitive (button, FALSE);
          gtk_widget_set_tooltip_text (button, _("The host is offline"));
        }
    }
  /* A lone host is best reached at the endpoint's own address; cluster
   * nodes by their names. */
  button = terminal_button ("network-server-symbolic", _("Open SSH Terminal"),
                            "win.open-ssh-host",
                            g_variant_new ("(ss)", uuid, only_host ? "" : host));
  adw_action_row_add_suffix (row, button);
  if (!reachable)
    {
      gtk_widget_set_sensitive (button, FALSE);
      gtk_widget_set_tooltip_text (button, _("The host is offline"));
    }
}

static void
add_host_rows (VigieOverviewPage   *self,
               AdwPreferencesGroup *group,
               VigieInventory      *inventory)
{
  VigieEndpoint *endpoint = endpoint_of (self, inventory);
  VigieBackend *backend = endpoint ? vigie_monitor_get_backend (self->monitor, endpoint) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts));
  guint online = 0;
  GtkWidget *expander;
  g_autofree char *subtitle = NULL;

  if (n == 0)
    return;
  expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Hosts"));
  adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (expander), "network-server-symbolic");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieHost) host = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), i);
      g_autofree char *line = NULL;
      GtkWidget *row, *bars;

      if (host->state == VIGIE_HOST_ONLINE)
        online++;
      if (host->version != NULL)
        line = g_strdup_printf ("%s · %s", vigie_ui_host_state_label (host->state), host->version);
      else
        line = g_strdup (vigie_ui_host_state_label (host->state));
      row = text_row (host->name != NULL ? host->name : _("Unnamed host"), line);
      bars = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_set_valign (bars, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (bars), usage_widget (_("CPU"), host->cpu_usage));
      gtk_box_append (GTK_BOX (bars),
                      usage_widget (_("Memory"),
                                    fraction_of (host->memory_used_bytes, host->memory_bytes)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bars);
      if (endpoint != NULL && host->name != NULL)
        add_terminal_buttons (ADW_ACTION_ROW (row), endpoint, backend, host->name, n == 1,
                              host->state != VIGIE_HOST_OFFLINE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  /* Translators: hosts of an endpoint, e.g. “2 of 3 online” */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u online", "%u of %u online",
                                           n),
                              online, n);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  add_expander (self, group, inventory, expander, "hosts", n <= 4);
}

static void
add_storage_rows (VigieOverviewPage   *self,
                  AdwPreferencesGroup *group,
                  VigieInventory      *inventory)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inventory->storage));
  gint64 used = 0, total = 0;
  GtkWidget *expander;
  g_autofree char *used_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *subtitle = NULL;

  if (n == 0)
    return;
  expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Storage"));
  adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (expander), "drive-harddisk-symbolic");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieStorage) storage = g_list_model_get_item (G_LIST_MODEL (inventory->storage),
                                                                i);
      g_autofree char *s_used = vigie_ui_format_bytes (storage->used_bytes);
      g_autofree char *s_total = vigie_ui_format_bytes (storage->total_bytes);
      g_autofree char *line = NULL;
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (storage->used_bytes > 0)
        used += storage->used_bytes;
      if (storage->total_bytes > 0)
        total += storage->total_bytes;
      /* Translators: storage use, e.g. “1.2 GiB of 10 GiB” */
      line = g_strdup_printf (_("%s of %s"), s_used, s_total);
      if (storage->host != NULL && !storage->shared)
        title = g_strdup_printf ("%s (%s)", storage->name, storage->host);
      row = text_row (title != NULL ? title : storage->name, line);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 usage_widget (_("Used"),
                                               fraction_of (storage->used_bytes,
                                                            storage->total_bytes)));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  used_text = vigie_ui_format_bytes (used);
  total_text = vigie_ui_format_bytes (total);
  subtitle = g_strdup_printf (_("%s of %s"), used_text, total_text);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  add_expander (self, group, inventory, expander, "storage", FALSE);
}

static void
add_warning_rows (VigieOverviewPage   *self,
                  AdwPreferencesGroup *group,
                  VigieInventory      *inventory)
{
  GtkWidget *expander;
  g_autofree char *subtitle = NULL;

  if (inventory->warnings->len == 0)
    return;
  expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Warnings"));
  adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (expander), "dialog-warning-symbolic");
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u part of the endpoint did not answer",
                                           "%u parts of the endpoint did not answer",
                                           inventory->warnings->len),
                              inventory->warnings->len);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  for (guint i = 0; i < inventory->warnings->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (inventory->warnings, i));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), label);
    }
  /* What went wrong is what the user came to read. */
  add_expander (self, group, inventory, expander, "warnings", inventory->warnings->len <= 3);
}

/* Whether the version is still supported: a badge by the endpoint's name, and
 * an alert under its status when the user has an upgrade to plan or to do. */
static void
add_support (VigieOverviewPage   *self,
             AdwPreferencesGroup *group,
             VigieInventory      *inventory)
{
  VigieContext *context = vigie_monitor_get_context (self->monitor);
  g_autoptr(VigieSupport) support = vigie_ui_support_of_inventory (inventory, context);
  GtkWidget *alert;
  gint64 now;

  if (support == NULL)
    return;
  now = context != NULL ? vigie_clock_now (vigie_context_get_clock (context))
                        : g_get_real_time () / G_USEC_PER_SEC;
  adw_preferences_group_set_header_suffix (group, vigie_ui_support_badges_new (support));
  alert = vigie_ui_support_alert_new (support, now);
  if (alert != NULL)
    adw_preferences_group_add (group, alert);
}

static GtkWidget *
build_group (VigieOverviewPage *self,
             VigieInventory    *inventory)
{
  VigieEndpoint *endpoint = endpoint_of (self, inventory);
  VigieBackend *backend = endpoint ? vigie_monitor_get_backend (self->monitor, endpoint) : NULL;
  VigieUiStatus status = vigie_ui_endpoint_status (inventory, backend);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *product = vigie_ui_product_line (inventory);
  g_autofree char *status_text = vigie_ui_status_text (inventory, backend);
  g_autofree char *description = NULL;
  g_autofree char *title = NULL;
  GtkWidget *row, *icon;

  /* A group's title and description are markup in libadwaita 1.2, and
   * products have ampersands (Veeam Backup & Replication). */
  title = g_markup_escape_text (inventory->endpoint, -1);
  adw_preferences_group_set_title (group, title);
  description = g_markup_printf_escaped ("%s · %s",
                                         product != NULL ? product
                                         : vigie_kind_get_product_name (inventory->kind),
                                         inventory->url);
  adw_preferences_group_set_description (group, description);

  row = text_row (_("Status"), status_text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  icon = gtk_image_new ();
  vigie_ui_set_icon_status (GTK_IMAGE (icon), status);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (inventory->status == VIGIE_STATUS_OK && inventory->latency_ms >= 0)
    {
      g_autofree char *latency = g_strdup_printf (_("%.0f ms"), inventory->latency_ms);
      GtkWidget *label = gtk_label_new (latency);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_tooltip_text (label, _("Time the last refresh took"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (group, row);
  add_support (self, group, inventory);

  if (inventory->status != VIGIE_STATUS_OK)
    return GTK_WIDGET (group);

  if (!vigie_kind_has_role (inventory->kind, VIGIE_ROLE_BACKUP) &&
      vigie_ui_inventory_is_fetched (inventory))
    {
      guint total, running, stopped;
      g_autofree char *counts = NULL;

      vigie_ui_count_instances (inventory, &total, &running, &stopped);
      /* Translators: instance counts, e.g. “3 running, 2 stopped, 5 in all” */
      counts = g_strdup_printf (_("%u running, %u stopped, %u in all"), running, stopped, total);
      row = text_row (_("Instances"), counts);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "computer-symbolic");
      adw_preferences_group_add (group, row);
    }
  if (inventory->license != NULL)
    {
      row = text_row (_("License"), inventory->license);
      adw_preferences_group_add (group, row);
    }
  add_host_rows (self, group, inventory);
  add_storage_rows (self, group, inventory);
  add_warning_rows (self, group, inventory);
  return GTK_WIDGET (group);
}

static VigieKind
endpoint_kind (VigieOverviewPage *self,
               VigieInventory    *inventory)
{
  VigieEndpoint *endpoint = endpoint_of (self, inventory);

  return endpoint != NULL ? vigie_endpoint_get_kind (endpoint) : inventory->kind;
}

/* The sidebar's order: by the endpoint's kind, then by name. */
static int
compare_inventories (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  VigieOverviewPage *self = user_data;
  VigieInventory *ia = *(VigieInventory **) a;
  VigieInventory *ib = *(VigieInventory **) b;
  VigieKind ka = endpoint_kind (self, ia);
  VigieKind kb = endpoint_kind (self, ib);

  if (ka != kb)
    return (int) ka - (int) kb;
  return g_utf8_collate (ia->endpoint, ib->endpoint);
}

static void
rebuild (VigieOverviewPage *self)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *inventories;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
  self->n_groups = 0;

  if (self->monitor == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  inventories = vigie_monitor_get_inventories (self->monitor);
  n = g_list_model_get_n_items (inventories);
  for (guint i = 0; i < n; i++)
    {
      VigieInventory *inventory = g_list_model_get_item (inventories, i);

      if (self->endpoint_filter != NULL &&
          g_strcmp0 (inventory->endpoint, self->endpoint_filter) != 0)
        g_object_unref (inventory);
      else
        g_ptr_array_add (sorted, inventory);
    }
  g_ptr_array_sort_with_data (sorted, compare_inventories, self);
  for (guint i = 0; i < sorted->len; i++)
    gtk_box_append (self->groups_box, build_group (self, g_ptr_array_index (sorted, i)));
  self->n_groups = sorted->len;
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

void
vigie_overview_page_set_monitor (VigieOverviewPage *self,
                                 VigieMonitor      *monitor)
{
  g_return_if_fail (VIGIE_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (VIGIE_IS_MONITOR (monitor));
  g_return_if_fail (self->monitor == NULL);

  self->monitor = g_object_ref (monitor);
  g_signal_connect_object (vigie_monitor_get_inventories (monitor), "items-changed",
                           G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

void
vigie_overview_page_set_endpoint (VigieOverviewPage *self,
                                  const char        *endpoint_name)
{
  g_return_if_fail (VIGIE_IS_OVERVIEW_PAGE (self));

  if (g_strcmp0 (endpoint_name, self->endpoint_filter) == 0)
    return;
  g_free (self->endpoint_filter);
  self->endpoint_filter = g_strdup (endpoint_name);
  rebuild (self);
}

guint
vigie_overview_page_get_n_groups (VigieOverviewPage *self)
{
  g_return_val_if_fail (VIGIE_IS_OVERVIEW_PAGE (self), 0);
  return self->n_groups;
}

static void
vigie_overview_page_dispose (GObject *object)
{
  VigieOverviewPage *self = (VigieOverviewPage *) object;

  /* AdwBin unparents its child itself: drop it first, or it is unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (vigie_overview_page_parent_class)->dispose (object);
}

static void
vigie_overview_page_finalize (GObject *object)
{
  VigieOverviewPage *self = (VigieOverviewPage *) object;

  g_free (self->endpoint_filter);
  g_hash_table_unref (self->expanded);

  G_OBJECT_CLASS (vigie_overview_page_parent_class)->finalize (object);
}

static void
vigie_overview_page_class_init (VigieOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_overview_page_dispose;
  object_class->finalize = vigie_overview_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VigieOverviewPage, groups_box);
}

static void
vigie_overview_page_init (VigieOverviewPage *self)
{
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vigie_overview_page_new (void)
{
  return g_object_new (VIGIE_TYPE_OVERVIEW_PAGE, NULL);
}
