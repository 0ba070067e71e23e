/* vigie-backup-endpoint-view.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Instances page shows for a backup server selected in the
 * sidebar, which has no instances of its own: its card, with its datastores
 * or repositories (and the backups each holds) and its jobs unfolded.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include "vigie-backup-endpoint-view.h"
#include "vigie-overview-card.h"

struct _VigieBackupEndpointView
{
  AdwBin        parent_instance;

  VigieMonitor *monitor;
  GtkBox       *box;
  GtkWidget    *card;
};

G_DEFINE_FINAL_TYPE (VigieBackupEndpointView, vigie_backup_endpoint_view, ADW_TYPE_BIN)

static void
update (VigieBackupEndpointView *self)
{
  GListModel *inventories;
  const char *name;

  if (self->card == NULL || self->monitor == NULL)
    return;
  inventories = vigie_monitor_get_inventories (self->monitor);
  name = vigie_overview_card_get_endpoint (VIGIE_OVERVIEW_CARD (self->card));
  for (guint i = 0; i < g_list_model_get_n_items (inventories); i++)
    {
      g_autoptr(VigieInventory) inventory = g_list_model_get_item (inventories, i);

      if (g_strcmp0 (inventory->endpoint, name) == 0)
        {
          vigie_overview_card_update (VIGIE_OVERVIEW_CARD (self->card), inventory);
          return;
        }
    }
}

void
vigie_backup_endpoint_view_set_monitor (VigieBackupEndpointView *self,
                                        VigieMonitor            *monitor)
{
  g_return_if_fail (VIGIE_IS_BACKUP_ENDPOINT_VIEW (self));
  g_return_if_fail (VIGIE_IS_MONITOR (monitor));
  g_return_if_fail (self->monitor == NULL);

  self->monitor = g_object_ref (monitor);
  /* Only while shown does a refresh concern it. */
  g_signal_connect_object (vigie_monitor_get_inventories (monitor), "items-changed",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
}

void
vigie_backup_endpoint_view_set_endpoint (VigieBackupEndpointView *self,
                                         const char              *endpoint_name)
{
  g_return_if_fail (VIGIE_IS_BACKUP_ENDPOINT_VIEW (self));

  if (self->card != NULL && endpoint_name != NULL &&
      g_strcmp0 (vigie_overview_card_get_endpoint (VIGIE_OVERVIEW_CARD (self->card)),
                 endpoint_name) == 0)
    return;
  if (self->card != NULL)
    {
      gtk_box_remove (self->box, self->card);
      self->card = NULL;
    }
  if (endpoint_name == NULL || self->monitor == NULL)
    return;
  self->card = vigie_overview_card_new (self->monitor, endpoint_name);
  vigie_overview_card_set_built (VIGIE_OVERVIEW_CARD (self->card), TRUE);
  vigie_overview_card_set_unfold_backups (VIGIE_OVERVIEW_CARD (self->card), TRUE);
  gtk_box_append (self->box, self->card);
  update (self);
}

static void
vigie_backup_endpoint_view_dispose (GObject *object)
{
  VigieBackupEndpointView *self = (VigieBackupEndpointView *) object;

  adw_bin_set_child (ADW_BIN (self), NULL);
  self->card = NULL;
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (vigie_backup_endpoint_view_parent_class)->dispose (object);
}

static void
vigie_backup_endpoint_view_class_init (VigieBackupEndpointViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vigie_backup_endpoint_view_dispose;
}

static void
vigie_backup_endpoint_view_init (VigieBackupEndpointView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_widget_set_margin_start (GTK_WIDGET (self->box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->box), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->box), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->box), 24);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 800);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  adw_bin_set_child (ADW_BIN (self), scroller);
}
