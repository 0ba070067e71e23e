/* vigie-compare-profile.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hardware profile on the Compare page: hosts × sockets per host ×
 * cores per socket, kept in hardware.json (vigie-hardware-profile.c in
 * core, shared with vigiectl compare) and priced instead of the live hosts
 * until "Use Live Hosts" removes it.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-compare-page-private.h"
#include "vigie-error.h"
#include "vigie-window.h"

/* A file of the configuration directory, beside the endpoint list. */
char *
vigie_compare_page_config_path (VigieComparePage *self,
                                const char       *name)
{
  g_autofree char *dir = NULL;

  if (self->monitor == NULL)
    return NULL;
  dir = g_path_get_dirname (vigie_endpoint_store_get_path (vigie_monitor_get_store (self->monitor)));
  return g_build_filename (dir, name, NULL);
}

/* hardware.json, read at every computation so that a profile saved by
 * vigiectl or by hand is used from the next refresh. A file that cannot
 * be used is said on the page and the live hosts are counted. */
void
vigie_compare_page_load_hardware_profile (VigieComparePage *self)
{
  g_autofree char *path = vigie_compare_page_config_path (self, "hardware.json");
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  g_clear_pointer (&self->profile_error, g_free);
  self->profile_saved = FALSE;
  if (path == NULL)
    {
      vigie_hardware_profile_init_default (&self->profile);
      return;
    }
  if (!vigie_hardware_profile_load (path, &self->profile, &found, &error))
    {
      /* Translators: %s says what is wrong with hardware.json */
      self->profile_error = g_strdup_printf (_("Your hardware profile is not used: %s"),
                                             error->message);
      vigie_hardware_profile_init_default (&self->profile);
      return;
    }
  self->profile_saved = found;
}

static gboolean
have_live_hosts (VigieComparePage *self)
{
  GListModel *inventories;

  if (self->monitor == NULL)
    return FALSE;
  inventories = vigie_monitor_get_inventories (self->monitor);
  for (guint i = 0; i < g_list_model_get_n_items (inventories); i++)
    {
      g_autoptr(VigieInventory) inv = g_list_model_get_item (inventories, i);

      if (vigie_kind_has_role (inv->kind, VIGIE_ROLE_COMPUTE) && inv->status == VIGIE_STATUS_OK &&
          g_list_model_get_n_items (G_LIST_MODEL (inv->hosts)) > 0)
        return TRUE;
    }
  return FALSE;
}

/* The spin buttons show the profile in use, or the counted live estate as
 * a profile to start from. */
void
vigie_compare_page_update_profile_controls (VigieComparePage *self)
{
  const VigieCompareCounted *counted = vigie_comparison_get_counted (self->comparison);
  VigieHardwareProfile shown = self->profile;

  if (!self->profile_saved && !counted->from_profile && counted->hosts > 0)
    {
      shown.hosts = counted->hosts;
      shown.sockets = MAX (1, (counted->sockets + counted->hosts / 2) / counted->hosts);
      shown.cores = counted->sockets > 0
                    ? MAX (1, (counted->cores + counted->sockets / 2) / counted->sockets) : 1;
    }
  self->updating = TRUE;
  gtk_spin_button_set_value (self->hosts_spin, shown.hosts);
  gtk_spin_button_set_value (self->sockets_spin, shown.sockets);
  gtk_spin_button_set_value (self->cores_spin, shown.cores);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->live_hosts_button), self->profile_saved);
  /* Without a hypervisor endpoint, forgetting the profile prices the default one. */
  gtk_button_set_label (self->live_hosts_button, have_live_hosts (self)
                                                 ? _("_Use Live Hosts")
                                                 : _("_Use the Default Profile"));
  gtk_label_set_text (self->profile_error_label,
                      self->profile_error != NULL ? self->profile_error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->profile_error_label), self->profile_error != NULL);
}

static void
show_toast (VigieComparePage *self,
            const char       *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), VIGIE_TYPE_WINDOW);

  if (window != NULL)
    vigie_window_show_toast (VIGIE_WINDOW (window), message);
}

gboolean
vigie_compare_page_set_hardware_profile (VigieComparePage  *self,
                                         gint64             hosts,
                                         gint64             sockets,
                                         gint64             cores,
                                         GError           **error)
{
  g_autofree char *path = NULL;
  VigieHardwareProfile profile;

  g_return_val_if_fail (VIGIE_IS_COMPARE_PAGE (self), FALSE);

  path = vigie_compare_page_config_path (self, "hardware.json");
  if (path == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG, _("No configuration directory"));
      return FALSE;
    }
  /* The instances of a profile written by hand are kept. */
  profile = self->profile;
  profile.hosts = hosts;
  profile.sockets = sockets;
  profile.cores = cores;
  if (!vigie_hardware_profile_save (path, &profile, error))
    return FALSE;
  vigie_compare_page_rebuild (self);
  return TRUE;
}

void
vigie_compare_page_on_profile_changed_cb (VigieComparePage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->updating || self->comparison == NULL)
    return;
  if (!vigie_compare_page_set_hardware_profile (self,
                                                gtk_spin_button_get_value_as_int (self->hosts_spin),
                                                gtk_spin_button_get_value_as_int (self->sockets_spin),
                                                gtk_spin_button_get_value_as_int (self->cores_spin),
                                                &error))
    {
      show_toast (self, error->message);
      vigie_compare_page_update_profile_controls (self);
    }
}

void
vigie_compare_page_on_live_hosts_button_clicked_cb (VigieComparePage *self)
{
  g_autofree char *path = vigie_compare_page_config_path (self, "hardware.json");
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  if (!vigie_hardware_profile_remove (path, &error))
    show_toast (self, error->message);
  vigie_compare_page_rebuild (self);
}
