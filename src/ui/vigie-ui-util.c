/* vigie-ui-util.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "vigie-ui-a11y.h"
#include "vigie-ui-util.h"

const char *
vigie_ui_kind_icon_name (VigieKind kind)
{
  return vigie_kind_get_icon_name (kind);
}

/* The monitor holds an empty inventory for an endpoint until its first
 * answer: it has status ok but neither latency nor product. */
gboolean
vigie_ui_inventory_is_fetched (VigieInventory *inventory)
{
  if (inventory == NULL)
    return FALSE;
  return inventory->status != VIGIE_STATUS_OK || inventory->latency_ms >= 0 ||
         inventory->product != NULL;
}

VigieUiStatus
vigie_ui_endpoint_status (VigieInventory *inventory,
                          VigieBackend   *backend)
{
  VigieConnectionState state = backend ? vigie_backend_get_state (backend)
                                       : VIGIE_CONNECTION_DISCONNECTED;

  if (state == VIGIE_CONNECTION_CONNECTING || !vigie_ui_inventory_is_fetched (inventory))
    return VIGIE_UI_STATUS_PENDING;
  /* The endpoint is there; the user must give credentials or trust it. */
  if (state == VIGIE_CONNECTION_NEEDS_CREDENTIALS || state == VIGIE_CONNECTION_UNTRUSTED)
    return VIGIE_UI_STATUS_WARNING;
  switch (inventory->status)
    {
    case VIGIE_STATUS_OK:
      return inventory->warnings->len > 0 ? VIGIE_UI_STATUS_WARNING : VIGIE_UI_STATUS_OK;
    case VIGIE_STATUS_AUTH_FAILED:
    case VIGIE_STATUS_UNTRUSTED:
    case VIGIE_STATUS_CERTIFICATE_CHANGED:
      return VIGIE_UI_STATUS_WARNING;
    case VIGIE_STATUS_UNREACHABLE:
    case VIGIE_STATUS_TIMEOUT:
    case VIGIE_STATUS_PROTOCOL_ERROR:
    case VIGIE_STATUS_ERROR:
    default:
      return VIGIE_UI_STATUS_ERROR;
    }
}

const char *
vigie_ui_status_icon_name (VigieUiStatus status)
{
  switch (status)
    {
    case VIGIE_UI_STATUS_OK: return "emblem-ok-symbolic";
    case VIGIE_UI_STATUS_WARNING: return "dialog-warning-symbolic";
    case VIGIE_UI_STATUS_ERROR: return "dialog-error-symbolic";
    case VIGIE_UI_STATUS_PENDING:
    default:
      return "content-loading-symbolic";
    }
}

const char *
vigie_ui_status_css_class (VigieUiStatus status)
{
  switch (status)
    {
    case VIGIE_UI_STATUS_OK: return "vigie-status-ok";
    case VIGIE_UI_STATUS_WARNING: return "vigie-status-warning";
    case VIGIE_UI_STATUS_ERROR: return "vigie-status-error";
    case VIGIE_UI_STATUS_PENDING:
    default:
      return "dim-label";
    }
}

void
vigie_ui_set_icon_status (GtkImage      *image,
                          VigieUiStatus  status)
{
  static const VigieUiStatus all[] = {
    VIGIE_UI_STATUS_PENDING, VIGIE_UI_STATUS_OK, VIGIE_UI_STATUS_WARNING, VIGIE_UI_STATUS_ERROR
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (image), vigie_ui_status_css_class (all[i]));
  gtk_widget_add_css_class (GTK_WIDGET (image), vigie_ui_status_css_class (status));
  gtk_image_set_from_icon_name (image, vigie_ui_status_icon_name (status));
}

/* One line for people: what the endpoint's state is, with the error. */
char *
vigie_ui_status_text (VigieInventory *inventory,
                      VigieBackend   *backend)
{
  VigieConnectionState state = backend ? vigie_backend_get_state (backend)
                                       : VIGIE_CONNECTION_DISCONNECTED;

  if (state == VIGIE_CONNECTION_CONNECTING)
    return g_strdup (_("Connecting…"));
  if (!vigie_ui_inventory_is_fetched (inventory))
    return g_strdup (_("Waiting for an answer…"));
  if (inventory->status == VIGIE_STATUS_OK && inventory->warnings->len > 0)
    /* Translators: an endpoint that answered, but not every part of it */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Connected, with %u warning",
                                         "Connected, with %u warnings", inventory->warnings->len),
                            inventory->warnings->len);
  if (inventory->status == VIGIE_STATUS_OK)
    return g_strdup (vigie_status_get_label (VIGIE_STATUS_OK));
  if (inventory->error != NULL)
    return g_strdup (inventory->error);
  return g_strdup (vigie_status_get_label (inventory->status));
}

char *
vigie_ui_product_line (VigieInventory *inventory)
{
  GString *line;

  if (inventory == NULL || inventory->product == NULL)
    return NULL;
  line = g_string_new (inventory->product);
  if (inventory->version != NULL)
    g_string_append_printf (line, " %s", inventory->version);
  if (inventory->build != NULL)
    /* Translators: a product's build number, after its version */
    g_string_append_printf (line, _(" (build %s)"), inventory->build);
  return g_string_free (line, FALSE);
}

void
vigie_ui_count_instances (VigieInventory *inventory,
                          guint          *total,
                          guint          *running,
                          guint          *stopped)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inventory->instances));
  guint r = 0, s = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieInstance) instance = NULL;

      instance = g_list_model_get_item (G_LIST_MODEL (inventory->instances), i);

      if (instance->state == VIGIE_STATE_RUNNING)
        r++;
      else if (instance->state == VIGIE_STATE_STOPPED && !instance->template)
        s++;
    }
  if (total != NULL)
    *total = n;
  if (running != NULL)
    *running = r;
  if (stopped != NULL)
    *stopped = s;
}

static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            g_string_append_c (text, *++p);
          continue;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/**
 * vigie_ui_fix_accessible_names:
 *
 * Names what GTK 4.8 names badly under @root, for screen readers: a
 * button with a mnemonic is named with its underscore and its text twice
 * (“Open _Terminal Open Terminal”), and the button inside a GtkDropDown
 * after its class (“GtkToggleButton”), and its items too
 * (“GtkListItemWidget”). Call it once the widgets exist.
 */
void
vigie_ui_fix_accessible_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)) &&
      gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    {
      g_autofree char *text = strip_mnemonic (gtk_button_get_label (GTK_BUTTON (root)));

      gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
    }
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (root)) &&
      gtk_menu_button_get_label (GTK_MENU_BUTTON (root)) != NULL)
    {
      g_autofree char *text = strip_mnemonic (gtk_menu_button_get_label (GTK_MENU_BUTTON (root)));

      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
    }
  if (GTK_IS_DROP_DOWN (root))
    {
      /* Its button is its first child: named by the drop-down. */
      GtkWidget *button = gtk_widget_get_first_child (root);

      if (GTK_IS_TOGGLE_BUTTON (button))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, root, NULL, -1);
      vigie_ui_name_drop_down_items (GTK_DROP_DOWN (root));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    vigie_ui_fix_accessible_names (child);
}

/* One rule for every terminal tab: the endpoint, then what the session is
 * on (a node, a host or an instance); SSH sessions say so. @target NULL: the
 * endpoint's own host. */
char *
vigie_ui_terminal_title (const char *endpoint,
                         const char *target,
                         gboolean    ssh)
{
  g_return_val_if_fail (endpoint != NULL, NULL);

  if (target != NULL && *target != '\0' && g_strcmp0 (target, endpoint) != 0)
    {
      if (ssh)
        /* Translators: an SSH terminal tab title: an endpoint, then a host
         * (e.g. “lab-proxmox — pve1 (SSH)”) */
        return g_strdup_printf (_("%s — %s (SSH)"), endpoint, target);
      /* Translators: a console tab title: an endpoint, then a node or an
       * instance (e.g. “lab-proxmox — pve1”, “lab-incus — web1”) */
      return g_strdup_printf (C_("terminal tab", "%s — %s"), endpoint, target);
    }
  if (ssh)
    /* Translators: an SSH terminal tab title: an endpoint (its own host) */
    return g_strdup_printf (_("%s (SSH)"), endpoint);
  return g_strdup (endpoint);
}

char *
vigie_ui_format_bytes (gint64 bytes)
{
  if (bytes < 0)
    return g_strdup ("—");
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

const char *
vigie_ui_instance_state_css (VigieInstanceState state)
{
  switch (state)
    {
    case VIGIE_STATE_RUNNING: return "running";
    case VIGIE_STATE_PAUSED:
    case VIGIE_STATE_SUSPENDED: return "paused";
    case VIGIE_STATE_STOPPED:
    case VIGIE_STATE_UNKNOWN:
    default:
      return "stopped";
    }
}

const char *
vigie_ui_job_result_label (VigieJobResult result)
{
  switch (result)
    {
    case VIGIE_JOB_SUCCESS: return _("Succeeded");
    case VIGIE_JOB_WARNING: return _("Warnings");
    case VIGIE_JOB_FAILED: return _("Failed");
    case VIGIE_JOB_RUNNING: return _("Running");
    case VIGIE_JOB_NONE:
    default: return _("Never run");
    }
}

const char *
vigie_ui_host_state_label (VigieHostState state)
{
  switch (state)
    {
    case VIGIE_HOST_ONLINE: return _("Online");
    case VIGIE_HOST_OFFLINE: return _("Offline");
    case VIGIE_HOST_MAINTENANCE: return _("Maintenance");
    case VIGIE_HOST_UNKNOWN:
    default:
      return _("Unknown");
    }
}

GtkWidget *
vigie_ui_entry_row_new (const char   *title,
                        const char   *text,
                        GtkEditable **out)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  *out = GTK_EDITABLE (row);
  return row;
}

/* GTK 4.8's column view keeps its scroll action on the list inside. */
void
vigie_ui_column_view_scroll_to (GtkColumnView *column_view,
                                guint          position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
        return;
      }
}

void
vigie_ui_bin_allocate_compact (GtkWidget   *bin,
                               int          width,
                               int          height,
                               int          baseline,
                               int          compact_below,
                               gboolean    *compact,
                               guint       *idle,
                               GSourceFunc  apply)
{
  if ((width < compact_below) != *compact)
    {
      *compact = width < compact_below;
      if (*idle == 0)
        *idle = g_idle_add (apply, bin);
    }
  vigie_ui_bin_allocate (bin, width, height, baseline);
}

void
vigie_ui_bin_allocate (GtkWidget *bin,
                       int        width,
                       int        height,
                       int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (bin));

  if (child != NULL && gtk_widget_get_visible (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

/* AdwBin's layout manager would allocate without telling the page. */
void
vigie_ui_bin_measure (GtkWidget      *bin,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (bin));

  *minimum = *natural = 0;
  if (child != NULL && gtk_widget_get_visible (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                        natural_baseline);
}
