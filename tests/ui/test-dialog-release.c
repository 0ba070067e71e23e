/* test-dialog-release.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A dialog that goes away unanswered (its parent closed, the window
 * destroyed) must not keep what its response handler would have used:
 * the confirmation of a removal, of a power off, the certificate dialog
 * of the endpoint dialog. And a removal whose keyring call and save both
 * fail reports the save's error, once.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "vigie-action-runner.h"
#include "vigie-certificate-dialog.h"
#include "vigie-endpoint-dialog.h"
#include "vigie-test-backend.h"
#include "vigie-test-util.h"
#include "vigie-tls.h"

static gboolean have_display;

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static AdwMessageDialog *
find_dialog_with_heading (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_dialog_with_heading (gpointer data)
{
  return find_dialog_with_heading (data) != NULL;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_remove_unanswered (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autofree char *dir = g_dir_make_tmp ("vigie-ui-XXXXXX", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  VigieEndpoint *endpoint = vigie_endpoint_new ("pve", VIGIE_KIND_PROXMOX,
                                                "https://pve.example:8006");
  gpointer weak = endpoint;

  if (!have_display)
    {
      g_test_skip ("no display");
      g_object_unref (endpoint);
      return;
    }

  g_object_add_weak_pointer (G_OBJECT (endpoint), &weak);
  vigie_endpoint_dialog_confirm_remove (NULL, context, store, endpoint);
  g_assert_true (vigie_test_wait_until (has_message_dialog, NULL, 5));
  g_object_unref (endpoint);
  g_assert_nonnull (weak);

  /* Gone without an answer: nothing is removed, nothing is kept. */
  gtk_window_destroy (GTK_WINDOW (find_message_dialog ()));
  g_assert_true (vigie_test_wait_until (pointer_cleared, &weak, 5));
  g_rmdir (dir);
}

static gboolean
store_is_empty (gpointer data)
{
  return g_list_model_get_n_items (data) == 0;
}

/* The keyring is unreachable and the list cannot be written: the error
 * shown is the save's, and the first error is not reused for it. */
static void
test_remove_both_fail (void)
{
  g_autoptr(VigieSecretStore) secrets = NULL;
  g_autoptr(VigieContext) context = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-ui-XXXXXX", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("pve", VIGIE_KIND_PROXMOX,
                                                          "https://pve.example:8006");
  AdwMessageDialog *dialog;
  GLogLevelFlags fatal;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  /* No session bus (see main): the Secret Service call fails at once. */
  secrets = vigie_secret_store_new ();
  context = vigie_context_new (secrets, NULL);
  g_assert_true (vigie_endpoint_store_add (store, endpoint, NULL));
  /* A file where the directory was: saving fails too. */
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_assert_true (g_file_set_contents (dir, "", 0, NULL));

  vigie_endpoint_dialog_confirm_remove (NULL, context, store, endpoint);
  g_assert_true (vigie_test_wait_until (has_message_dialog, NULL, 5));
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING);
  dialog = find_message_dialog ();
  /* As a click does: the answer, then the dialog closes. */
  adw_message_dialog_response (dialog, "remove");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (vigie_test_wait_until (store_is_empty, store, 10));
  g_assert_true (vigie_test_wait_until (has_dialog_with_heading,
                                        "The Endpoint List Could Not Be Saved", 5));
  g_log_set_always_fatal (fatal);

  dialog = find_dialog_with_heading ("The Endpoint List Could Not Be Saved");
  g_test_message ("body: %s", adw_message_dialog_get_body (dialog));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "eyring"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_unlink (dir);
}

static void
test_power_off_unanswered (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autofree char *dir = g_dir_make_tmp ("vigie-ui-XXXXXX", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  g_autoptr(VigieMonitor) monitor = NULL;
  VigieInstance *instance = vigie_instance_new ();
  VigieAction *action = vigie_action_new (VIGIE_ACTION_STOP, NULL, TRUE, NULL);
  GtkWidget *window;
  gpointer weak_instance = instance;
  gpointer weak_action = action;

  if (!have_display)
    {
      g_test_skip ("no display");
      g_object_unref (instance);
      g_object_unref (action);
      return;
    }

  monitor = vigie_monitor_new (store, context, vigie_test_backend_factory);
  instance->id = g_strdup ("100");
  instance->name = g_strdup ("web-01");
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("x"));
  gtk_window_present (GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (instance), &weak_instance);
  g_object_add_weak_pointer (G_OBJECT (action), &weak_action);

  /* A hard power off asks first. */
  vigie_run_instance_action (gtk_window_get_child (GTK_WINDOW (window)), monitor, instance,
                             action, NULL);
  g_assert_true (vigie_test_wait_until (has_dialog_with_heading, "Power Off “web-01”?", 5));
  g_object_unref (instance);
  g_object_unref (action);

  gtk_window_destroy (GTK_WINDOW (find_dialog_with_heading ("Power Off “web-01”?")));
  g_assert_true (vigie_test_wait_until (pointer_cleared, &weak_instance, 5));
  g_assert_true (vigie_test_wait_until (pointer_cleared, &weak_action, 5));
  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

static gboolean
has_certificate_dialog (gpointer data)
{
  return VIGIE_IS_CERTIFICATE_DIALOG (find_message_dialog ());
}

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
label_is_error (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

/* A server with a certificate nobody signed: the endpoint dialog asks
 * whether to trust it. Closing the endpoint dialog unanswered closes the
 * question and frees both. */
static void
test_certificate_unanswered (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autofree char *dir = g_dir_make_tmp ("vigie-ui-XXXXXX", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  g_autofree char *cert_pem = NULL;
  g_autofree char *key_pem = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  VigieEndpointDialog *dialog;
  gpointer question;
  gpointer weak;
  GtkWidget *row;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  g_assert_true (vigie_tls_generate_self_signed ("untrusted", VIGIE_KEY_EC_P256, "localhost",
                                                 "127.0.0.1", 1, &cert_pem, &key_pem, &error));
  pem = g_strconcat (cert_pem, key_pem, NULL);
  certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY |
                                                      SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));

  dialog = vigie_endpoint_dialog_new (NULL, context, store, NULL);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                       "Kind")),
                              VIGIE_KIND_PROXMOX - 1);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                 "Name")), "pve");
  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Address");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), url);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                 "User")), "root@pam");
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog),
                                                 ADW_TYPE_PASSWORD_ENTRY_ROW, "Password")),
                         "secret");
  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_emit_by_name (vigie_test_find_widget (GTK_WIDGET (dialog), vigie_test_match_button,
                                                 "_Test Connection"),
                         "clicked");
  if (!vigie_test_wait_until (has_certificate_dialog, NULL, 20))
    {
      GtkWidget *l = vigie_test_find_widget (GTK_WIDGET (dialog), label_is_error, NULL);
      g_error ("no certificate dialog; status: %s", l ? gtk_label_get_text (GTK_LABEL (l)) : "?");
    }

  /* The endpoint dialog closed while the question is open: both go. */
  question = find_message_dialog ();
  g_object_add_weak_pointer (G_OBJECT (question), &question);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (vigie_test_wait_until (pointer_cleared, &question, 5));
  g_assert_true (vigie_test_wait_until (pointer_cleared, &weak, 5));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Labels are compared in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  /* A session bus nobody listens on, set before anything connects: the
   * keyring is unreachable, and nothing autolaunches one. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigie-test-bus", TRUE);
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();

  g_test_add_func ("/vigie/dialog-release/remove-unanswered", test_remove_unanswered);
  g_test_add_func ("/vigie/dialog-release/remove-both-fail", test_remove_both_fail);
  g_test_add_func ("/vigie/dialog-release/power-off-unanswered", test_power_off_unanswered);
  g_test_add_func ("/vigie/dialog-release/certificate-unanswered",
                   test_certificate_unanswered);
  return g_test_run ();
}
