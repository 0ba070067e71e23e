/* vigie-preferences-window.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-preferences-window.h"
#include "vigie-ui-util.h"

struct _VigiePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkSpinButton        *refresh_spin;
  GtkSpinButton        *rpo_spin;
  GtkSpinButton        *timeout_spin;
  AdwEntryRow          *ssh_user_row;
};

G_DEFINE_FINAL_TYPE (VigiePreferencesWindow, vigie_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
vigie_preferences_window_dispose (GObject *object)
{
  VigiePreferencesWindow *self = (VigiePreferencesWindow *) object;

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (vigie_preferences_window_parent_class)->dispose (object);
}

static void
vigie_preferences_window_class_init (VigiePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, refresh_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, rpo_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, ssh_user_row);
}

static void
vigie_preferences_window_init (VigiePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vigie_ui_fix_accessible_names (GTK_WIDGET (self));
}

VigiePreferencesWindow *
vigie_preferences_window_new (GSettings *settings)
{
  VigiePreferencesWindow *self = g_object_new (VIGIE_TYPE_PREFERENCES_WINDOW, NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "refresh-interval",
                   gtk_spin_button_get_adjustment (self->refresh_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "rpo-hours",
                   gtk_spin_button_get_adjustment (self->rpo_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "timeout",
                   gtk_spin_button_get_adjustment (self->timeout_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "default-ssh-user", self->ssh_user_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  return self;
}
