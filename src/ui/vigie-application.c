/* vigie-application.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-application.h"
#include "vigie-instances-page-profile.h"
#include "vigie-lab-register.h"
#include "vigie-lab-thread.h"
#include "vigie-preferences-window.h"
#include "vigie-window.h"

struct _VigieApplication
{
  AdwApplication      parent_instance;

  VigieContext       *context;
  VigieEndpointStore *store;
  GSettings          *settings;
  GError             *store_error;
  VigieLabThread     *lab;   /* the demo lab, in a thread of its own */
  char               *config_dir;
  gboolean            demo;
};

G_DEFINE_FINAL_TYPE (VigieApplication, vigie_application, ADW_TYPE_APPLICATION)

VigieApplication *
vigie_application_new (void)
{
  return g_object_new (VIGIE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/vigie/Vigie",
                       NULL);
}

static void
vigie_application_dispose (GObject *object)
{
  VigieApplication *self = (VigieApplication *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_error (&self->store_error);
  g_clear_object (&self->lab);
  g_clear_pointer (&self->config_dir, g_free);

  G_OBJECT_CLASS (vigie_application_parent_class)->dispose (object);
}

static gint
vigie_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  VigieApplication *self = VIGIE_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("vigie %s\n", PACKAGE_VERSION);
      return 0;
    }
  /* A G_OPTION_ARG_FILENAME option arrives as a bytestring. */
  g_variant_dict_lookup (options, "config-dir", "^ay", &self->config_dir);
  self->demo = g_variant_dict_contains (options, "demo");
  return -1;
}

static void
on_settings_changed (VigieApplication *self,
                     const char       *key)
{
  if (g_str_equal (key, "timeout"))
    vigie_context_set_timeout (self->context, g_settings_get_uint (self->settings, "timeout"));
  else if (g_str_equal (key, "rpo-hours"))
    vigie_context_set_rpo_hours (self->context,
                                 g_settings_get_double (self->settings, "rpo-hours"));
}

static void
vigie_application_startup (GApplication *app)
{
  VigieApplication *self = VIGIE_APPLICATION (app);
  g_autoptr(VigieSecretStore) secrets = NULL;
  g_autoptr(VigieClock) clock = NULL;

  G_APPLICATION_CLASS (vigie_application_parent_class)->startup (app);

  /* VIGIE_NOW (RFC 3339) fixes "today" for support statuses, as for
   * vigiectl, so that screenshots and tests give the same page on any day. */
  if (g_getenv ("VIGIE_NOW") != NULL)
    {
      gint64 now = vigie_parse_time (g_getenv ("VIGIE_NOW"));

      if (now > 0)
        clock = vigie_clock_new_fixed (now);
      else
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("VIGIE_NOW must be a date and time such as "
                                       "2026-12-06T12:00:00Z, not “%s”"),
                                     g_getenv ("VIGIE_NOW"));
          g_printerr ("vigie: %s\n", message);
        }
    }

  self->settings = g_settings_new (APP_ID);

  /* The demo lab keeps its throwaway credentials in memory and its own
   * endpoint list, so it never touches the user's keyring or list. */
  if (self->demo)
    {
      secrets = vigie_secret_store_new_memory ();
      if (self->config_dir == NULL)
        self->config_dir = g_build_filename (g_get_user_cache_dir (), "vigie", "demo", NULL);
    }
  else
    secrets = vigie_secret_store_new ();
  self->context = vigie_context_new (secrets, clock);
  vigie_context_set_timeout (self->context, g_settings_get_uint (self->settings, "timeout"));
  vigie_context_set_rpo_hours (self->context, g_settings_get_double (self->settings, "rpo-hours"));
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);

  self->store = vigie_endpoint_store_new (self->config_dir);
  vigie_endpoint_store_load (self->store, &self->store_error);
}

static void
demo_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  VigieApplication *self = VIGIE_APPLICATION (object);
  g_autoptr(GError) error = NULL;

  if (!vigie_application_start_demo_finish (self, result, &error))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

      g_warning ("The demo lab did not start: %s", error->message);
      if (VIGIE_IS_WINDOW (window))
        vigie_window_show_toast (VIGIE_WINDOW (window), error->message);
    }
}

static void
vigie_application_activate (GApplication *app)
{
  VigieApplication *self = VIGIE_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      vigie_profile_start_measure ();
      window = GTK_WINDOW (vigie_window_new (self));
      if (self->demo)
        vigie_application_start_demo_async (self, NULL, demo_started_cb, NULL);
    }
  gtk_window_present (window);
}

static void
lab_registered_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_lab_register_finish (VIGIE_LAB (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
lab_started_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigieApplication *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;

  if (!vigie_lab_thread_start_finish (VIGIE_LAB_THREAD (object), result, &error))
    {
      if (self->lab == VIGIE_LAB_THREAD (object))
        g_clear_object (&self->lab);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Ephemeral: the lab's endpoints and secrets live as long as this process. */
  vigie_lab_register_async (vigie_lab_thread_get_lab (VIGIE_LAB_THREAD (object)), self->store,
                            vigie_context_get_secret_store (self->context), TRUE, cancellable,
                            lab_registered_cb, g_steal_pointer (&task));
}

void
vigie_application_start_demo_async (VigieApplication    *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIGIE_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_application_start_demo_async);

  if (self->lab != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* Its own thread and main context: its servers answer whatever the
   * app's main loop is doing, and never make it wait. */
  self->lab = vigie_lab_thread_new ("127.0.0.1", 0, 0);
  vigie_lab_thread_start_async (self->lab, cancellable, lab_started_cb, g_steal_pointer (&task));
}

gboolean
vigie_application_start_demo_finish (VigieApplication  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
vigie_application_class_init (VigieApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = vigie_application_dispose;
  app_class->handle_local_options = vigie_application_handle_local_options;
  app_class->startup = vigie_application_startup;
  app_class->activate = vigie_application_activate;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  VigieApplication *self = user_data;
  static const char *developers[] = { "The Vigie developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", "Vigie",
                         "application-icon", APP_ID,
                         "developer-name", _("The Vigie developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Watch hypervisors, backups and versions in one window"),
                         "website", "https://github.com/vigie/vigie",
                         "issue-url", "https://github.com/vigie/vigie/issues",
                         "developers", developers,
                         /* Translators: put your name here, one per line */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Vigie developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  VigieApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  VigiePreferencesWindow *prefs = vigie_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), window);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Close windows so they save their size, then quit. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
vigie_application_init (VigieApplication *self)
{
  static const char *quit_accels[] = { "<primary>q", NULL };
  static const char *prefs_accels[] = { "<primary>comma", NULL };
  static const char *add_accels[] = { "<primary>n", NULL };
  static const char *refresh_accels[] = { "<primary>r", "F5", NULL };
  const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Serve the demo lab on loopback and show it"), NULL },
    { "config-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Where the endpoint list is"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.add-endpoint",
                                         add_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.refresh",
                                         refresh_accels);
}

VigieContext *
vigie_application_get_context (VigieApplication *self)
{
  g_return_val_if_fail (VIGIE_IS_APPLICATION (self), NULL);
  return self->context;
}

VigieEndpointStore *
vigie_application_get_endpoint_store (VigieApplication *self)
{
  g_return_val_if_fail (VIGIE_IS_APPLICATION (self), NULL);
  return self->store;
}

GSettings *
vigie_application_get_settings (VigieApplication *self)
{
  g_return_val_if_fail (VIGIE_IS_APPLICATION (self), NULL);
  return self->settings;
}

gboolean
vigie_application_get_demo (VigieApplication *self)
{
  g_return_val_if_fail (VIGIE_IS_APPLICATION (self), FALSE);
  return self->demo;
}

/**
 * vigie_application_get_history_dir:
 *
 * Where the inventory history is, the folder `vigiectl inventory` uses too:
 * beside the endpoint list with --config-dir (and for the demo lab, whose
 * list is in its own folder of the cache: its history never mixes with the
 * user's), else in the user's state folder.
 *
 * Returns: (transfer full): a path
 */
char *
vigie_application_get_history_dir (VigieApplication *self)
{
  g_return_val_if_fail (VIGIE_IS_APPLICATION (self), NULL);

  if (self->config_dir != NULL)
    return g_build_filename (self->config_dir, "history", NULL);
  return g_build_filename (g_get_user_state_dir (), "vigie", "history", NULL);
}

const GError *
vigie_application_get_store_error (VigieApplication *self)
{
  g_return_val_if_fail (VIGIE_IS_APPLICATION (self), NULL);
  return self->store_error;
}
