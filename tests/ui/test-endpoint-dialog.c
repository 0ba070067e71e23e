/* test-endpoint-dialog.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>
#include <glib/gstdio.h>

#include "vigie-backends.h"
#include "vigie-certificate-dialog.h"
#include "vigie-endpoint-dialog.h"

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GPtrArray *
find_all (GtkWidget *root,
          GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);
  return found;
}

/* Compares ignoring line breaks (long fingerprints are split in two). */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      g_autofree char *shown = g_strdup (gtk_label_get_text (g_ptr_array_index (labels, i)));
      g_autoptr(GString) joined = g_string_new (NULL);

      for (const char *p = shown; *p != '\0'; p++)
        if (*p != '\n')
          g_string_append_c (joined, *p);
      if (g_strcmp0 (joined->str, text) == 0)
        return g_ptr_array_index (labels, i);
    }
  return NULL;
}

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  g_autoptr(GPtrArray) rows = find_all (root, type);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static guint
count_fields (GtkWidget *dialog)
{
  /* The name row is an AdwEntryRow too. */
  g_autoptr(GPtrArray) entries = find_all (dialog, ADW_TYPE_ENTRY_ROW);
  g_autoptr(GPtrArray) files = find_all (dialog, ADW_TYPE_ACTION_ROW);
  guint n = entries->len - 1;

  for (guint i = 0; i < files->len; i++)
    if (!ADW_IS_COMBO_ROW (g_ptr_array_index (files, i)))
      n++;
  return n;
}

static void
test_fields_follow_kind (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autofree char *dir = g_dir_make_tmp ("vigie-ui-XXXXXX", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  VigieEndpointDialog *dialog = vigie_endpoint_dialog_new (NULL, context, store, NULL);
  AdwComboRow *kind_row;
  GListModel *kinds;

  kind_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Kind"));
  g_assert_nonnull (kind_row);
  kinds = adw_combo_row_get_model (kind_row);
  g_assert_cmpuint (g_list_model_get_n_items (kinds), ==, VIGIE_N_KINDS - 1);

  for (guint i = 0; i < g_list_model_get_n_items (kinds); i++)
    {
      VigieKind kind = i + 1;
      const VigieBackendField *fields = vigie_backend_fields_for_kind (kind);
      guint n = 0;
      guint secrets_n = 0;
      g_autoptr(GPtrArray) passwords = NULL;

      adw_combo_row_set_selected (kind_row, i);
      for (; fields[n].key != NULL; n++)
        if (fields[n].type == VIGIE_FIELD_SECRET)
          secrets_n++;
      g_assert_cmpuint (count_fields (GTK_WIDGET (dialog)), ==, n);
      passwords = find_all (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW);
      g_assert_cmpuint (passwords->len, ==, secrets_n);
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_rmdir (dir);
}

static void
test_failed_check_saves_nothing (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autofree char *dir = g_dir_make_tmp ("vigie-ui-XXXXXX", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  VigieEndpointDialog *dialog = vigie_endpoint_dialog_new (NULL, context, store, NULL);
  AdwComboRow *kind_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                   "Kind"));
  GtkWidget *name_row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name");
  GtkWidget *url_row;
  GtkWidget *save;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(GPtrArray) spinners = NULL;
  GtkSpinner *spinner;

  vigie_context_set_timeout (context, 2);
  adw_combo_row_set_selected (kind_row, VIGIE_KIND_PROXMOX - 1);
  url_row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Address");
  g_assert_nonnull (url_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "pve");
  /* Nothing listens on port 9. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://127.0.0.1:9");

  buttons = find_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);
  save = NULL;
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Save") == 0)
      save = g_ptr_array_index (buttons, i);
  g_assert_nonnull (save);
  spinners = find_all (GTK_WIDGET (dialog), GTK_TYPE_SPINNER);
  spinner = g_ptr_array_index (spinners, 0);

  g_object_ref (dialog);
  g_signal_emit_by_name (save, "clicked");
  g_assert_true (gtk_spinner_get_spinning (spinner));
  while (gtk_spinner_get_spinning (spinner))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_false (g_file_test (vigie_endpoint_store_get_path (store), G_FILE_TEST_EXISTS));
  /* The reason is shown, as an error. */
  {
    g_autoptr(GPtrArray) labels = find_all (GTK_WIDGET (dialog), GTK_TYPE_LABEL);
    GtkWidget *status = NULL;

    for (guint i = 0; i < labels->len; i++)
      if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "error"))
        status = g_ptr_array_index (labels, i);
    g_assert_nonnull (status);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), !=, "");
    g_test_message ("status: %s", gtk_label_get_text (GTK_LABEL (status)));
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_rmdir (dir);
}

/* Plain http:// to another computer is refused before any connection,
 * with the reason shown; nothing is saved. */
static void
test_plain_http_refused (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autofree char *dir = g_dir_make_tmp ("vigie-ui-XXXXXX", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  VigieEndpointDialog *dialog = vigie_endpoint_dialog_new (NULL, context, store, NULL);
  AdwComboRow *kind_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                   "Kind"));
  GtkWidget *name_row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name");
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) spinners = NULL;
  GtkWidget *url_row;
  GtkWidget *save = NULL;
  GtkWidget *status = NULL;

  adw_combo_row_set_selected (kind_row, VIGIE_KIND_PROXMOX - 1);
  url_row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Address");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "pve");
  gtk_editable_set_text (GTK_EDITABLE (url_row), "http://10.0.0.1:8006");
  buttons = find_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Save") == 0)
      save = g_ptr_array_index (buttons, i);
  g_assert_nonnull (save);
  g_signal_emit_by_name (save, "clicked");

  /* Refused at once: no check started. */
  spinners = find_all (GTK_WIDGET (dialog), GTK_TYPE_SPINNER);
  g_assert_false (gtk_spinner_get_spinning (g_ptr_array_index (spinners, 0)));
  labels = find_all (GTK_WIDGET (dialog), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "error"))
      status = g_ptr_array_index (labels, i);
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), "http://10.0.0.1:8006"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), "https://"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_false (g_file_test (vigie_endpoint_store_get_path (store), G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_rmdir (dir);
}

static void
test_edit_shows_no_secret (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autofree char *dir = g_dir_make_tmp ("vigie-ui-XXXXXX", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("pve", VIGIE_KIND_PROXMOX,
                                                          "https://pve.example:8006");
  g_autoptr(GPtrArray) passwords = NULL;
  VigieEndpointDialog *dialog;
  GtkWidget *row;

  vigie_endpoint_set_user (endpoint, "root@pam");
  g_assert_true (vigie_endpoint_store_add (store, endpoint, NULL));
  dialog = vigie_endpoint_dialog_new (NULL, context, store, endpoint);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Endpoint");
  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "pve");
  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Address");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "https://pve.example:8006");
  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "User");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "root@pam");
  /* The kind of an endpoint is fixed; its secrets are never shown back. */
  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Kind");
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, VIGIE_KIND_PROXMOX - 1);
  passwords = find_all (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW);
  g_assert_cmpuint (passwords->len, >, 0);
  for (guint i = 0; i < passwords->len; i++)
    g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (passwords, i)), ==, "");

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_rmdir (dir);
}

static VigieCertificateInfo *
make_info (void)
{
  VigieCertificateInfo *info = g_new0 (VigieCertificateInfo, 1);

  info->subject = g_strdup ("CN=pve.example");
  info->issuer = g_strdup ("CN=Proxmox Virtual Environment");
  info->not_before = 1700000000;
  info->not_after = g_get_real_time () / G_USEC_PER_SEC + 86400;
  info->fingerprint = g_strdup ("0123456789abcdef0123456789abcdef"
                                "0123456789abcdef0123456789abcdef");
  return info;
}

static void
test_certificate_untrusted (void)
{
  g_autoptr(VigieCertificateInfo) info = make_info ();
  g_autofree char *formatted = vigie_fingerprint_format (info->fingerprint);
  VigieCertificateDialog *dialog = vigie_certificate_dialog_new (NULL, "pve", info, NULL);

  g_assert_nonnull (find_label (GTK_WIDGET (dialog), formatted));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "CN=pve.example"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "CN=Proxmox Virtual Environment"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "accept"));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept"));
  g_assert_cmpstr (vigie_certificate_dialog_get_fingerprint (dialog), ==, info->fingerprint);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_certificate_changed (void)
{
  g_autoptr(VigieCertificateInfo) info = make_info ();
  const char *old = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
  g_autofree char *formatted = vigie_fingerprint_format (info->fingerprint);
  g_autofree char *old_formatted = vigie_fingerprint_format (old);
  VigieCertificateDialog *dialog = vigie_certificate_dialog_new (NULL, "pve", info, old);
  g_autoptr(GPtrArray) checks = find_all (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON);
  GtkCheckButton *confirm;

  /* Both fingerprints are shown. */
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), formatted));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), old_formatted));
  /* Accepting needs an explicit confirmation first. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept"));
  g_assert_cmpuint (checks->len, ==, 1);
  confirm = g_ptr_array_index (checks, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (confirm)));
  gtk_check_button_set_active (confirm, TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept"));
  gtk_check_button_set_active (confirm, FALSE);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The kind names are shown whole, in the row and in its list, in a dialog
 * of its usual size and in one 360 px wide: libadwaita's own factory cut
 * "Veeam Backup & Replication" at 20 characters. */
static void
check_kind_names_whole (GtkWidget *root,
                        guint     *checked)
{
  g_autoptr(GPtrArray) labels = find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (!gtk_widget_get_mapped (GTK_WIDGET (label))
          || strstr (gtk_label_get_text (label), "Replication") == NULL)
        continue;
      g_assert_cmpstr (gtk_label_get_text (label), ==, "Veeam Backup & Replication");
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
      (*checked)++;
    }
}

static void
test_kind_names_whole (void)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (secrets, NULL);
  g_autofree char *dir = g_dir_make_tmp ("vigie-ui-XXXXXX", NULL);
  g_autoptr(VigieEndpointStore) store = vigie_endpoint_store_new (dir);
  const int widths[] = { 0, 360 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      VigieEndpointDialog *dialog = vigie_endpoint_dialog_new (NULL, context, store, NULL);
      AdwComboRow *kind_row;
      GListModel *kinds;
      g_autoptr(GPtrArray) popovers = NULL;
      GtkWidget *popover;
      guint checked = 0;

      if (widths[w] > 0)
        gtk_window_set_default_size (GTK_WINDOW (dialog), widths[w], 640);
      kind_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Kind"));
      kinds = adw_combo_row_get_model (kind_row);
      for (guint i = 0; i < g_list_model_get_n_items (kinds); i++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (kinds), i),
                       "Veeam Backup & Replication") == 0)
          adw_combo_row_set_selected (kind_row, i);
      gtk_window_present (GTK_WINDOW (dialog));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
      if (widths[w] > 0)
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, widths[w]);
      /* The row. */
      check_kind_names_whole (GTK_WIDGET (kind_row), &checked);
      g_assert_cmpuint (checked, ==, 1);

      /* Its list. */
      gtk_widget_activate (GTK_WIDGET (kind_row));
      popovers = find_all (GTK_WIDGET (kind_row), GTK_TYPE_POPOVER);
      g_assert_cmpuint (popovers->len, ==, 1);
      popover = g_ptr_array_index (popovers, 0);
      g_assert_true (gtk_widget_get_visible (popover));
      gtk_test_widget_wait_for_draw (popover);
      check_kind_names_whole (popover, &checked);
      g_assert_cmpuint (checked, ==, 2);
      gtk_popover_popdown (GTK_POPOVER (popover));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Labels are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/vigie/endpoint-dialog/fields-follow-kind", test_fields_follow_kind);
  g_test_add_func ("/vigie/endpoint-dialog/failed-check-saves-nothing",
                   test_failed_check_saves_nothing);
  g_test_add_func ("/vigie/endpoint-dialog/edit-shows-no-secret", test_edit_shows_no_secret);
  g_test_add_func ("/vigie/endpoint-dialog/plain-http-refused", test_plain_http_refused);
  g_test_add_func ("/vigie/endpoint-dialog/kind-names-whole", test_kind_names_whole);
  g_test_add_func ("/vigie/certificate-dialog/untrusted", test_certificate_untrusted);
  g_test_add_func ("/vigie/certificate-dialog/changed", test_certificate_changed);

  return g_test_run ();
}
