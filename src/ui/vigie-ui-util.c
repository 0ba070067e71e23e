/* vigie-ui-util.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

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
      else if (instance->state == VIGIE_STATE_STOPPED)
        s++;
    }
  if (total != NULL)
    *total = n;
  if (running != NULL)
    *running = r;
  if (stopped != NULL)
    *stopped = s;
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
