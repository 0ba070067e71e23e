/* vigie-endpoint-dialog.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Add/Edit Endpoint form. Its fields are the backend's own
 * (vigie_backend_fields_for_kind), so a new kind brings its form along.
 * Nothing is saved before the endpoint answered, secrets typed here stay in
 * memory until then, and secrets already stored are never shown back:
 * an empty secret field while editing means "keep the stored one".
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vigie-backends.h"
#include "vigie-certificate-dialog.h"
#include "vigie-endpoint-check.h"
#include "vigie-endpoint-dialog.h"
#include "vigie-endpoint-form.h"
#include "vigie-error.h"
#include "vigie-ui-util.h"
#include "vigie-url-policy.h"

typedef struct {
  const VigieBackendField *field;
  GtkWidget               *row;
  GtkWidget               *hint_row;    /* its example, or what is wrong with it */
  char                    *hint;
  gboolean                 touched;
  GBytes                  *file_data;   /* FILE fields: the chosen file's content */
} FieldRow;

struct _VigieEndpointDialog
{
  AdwWindow           parent_instance;

  VigieContext       *context;
  VigieEndpointStore *store;
  VigieEndpoint      *editing;        /* NULL when adding */
  char               *fingerprint;    /* the pin the form works with */
  char               *enrolled_cert;  /* a pair a trust token got trusted */
  char               *enrolled_key;
  GArray             *kinds;          /* combo position → VigieKind */
  GPtrArray          *field_rows;     /* FieldRow */
  GCancellable       *cancellable;
  gboolean            busy;
  gboolean            can_work;    /* the form is complete enough to try */
  gboolean            name_touched;
  GtkWidget          *name_hint_row;
  gboolean            then_save;   /* the running check saves once it succeeds */

  /* What the last check ran with, kept for saving. */
  VigieEndpoint      *pending;
  GHashTable         *pending_secrets;
  GQueue              secrets_to_store;

  /* template children */
  GtkLabel           *title_label;
  GtkWidget          *save_button;
  GtkWidget          *test_button;
  AdwComboRow        *kind_row;
  AdwEntryRow        *name_row;
  AdwPreferencesGroup *fields_group;
  GtkSpinner         *spinner;
  GtkLabel           *status_label;
};

G_DEFINE_FINAL_TYPE (VigieEndpointDialog, vigie_endpoint_dialog, ADW_TYPE_WINDOW)

static void
field_row_free (FieldRow *field_row)
{
  g_clear_pointer (&field_row->file_data, g_bytes_unref);
  g_free (field_row->hint);
  g_free (field_row);
}

static GHashTable *
new_secret_table (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) vigie_secret_free);
}

static VigieKind
get_selected_kind (VigieEndpointDialog *self)
{
  guint position = adw_combo_row_get_selected (self->kind_row);

  if (position == GTK_INVALID_LIST_POSITION || position >= self->kinds->len)
    return VIGIE_KIND_UNKNOWN;
  return g_array_index (self->kinds, VigieKind, position);
}

static void
set_status (VigieEndpointDialog *self,
            const char          *text,
            gboolean             is_error)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      if (text != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
    }
}

static void
set_busy (VigieEndpointDialog *self,
          gboolean             busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->save_button, !busy && self->can_work);
  gtk_widget_set_sensitive (self->test_button, !busy && self->can_work);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fields_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), !busy && self->editing == NULL);
}

static void validate (VigieEndpointDialog *self);

/* File fields */

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  char *contents = NULL;
  gsize length = 0;
  FieldRow *field_row;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      return;
    }
  field_row = g_object_get_data (G_OBJECT (row), "field-row");
  if (field_row == NULL)
    {
      /* The kind changed meanwhile: the row is gone. */
      explicit_bzero (contents, length);
      g_free (contents);
      return;
    }
  g_clear_pointer (&field_row->file_data, g_bytes_unref);
  field_row->file_data = g_bytes_new_take (contents, length);
  name = g_file_get_basename (G_FILE (object));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
  validate (VIGIE_ENDPOINT_DIALOG (gtk_widget_get_root (row)));
}

static void
on_file_chooser_response (GtkNativeDialog *chooser,
                          int              response,
                          gpointer         user_data)
{
  GtkWidget *row = user_data;
  VigieEndpointDialog *self = VIGIE_ENDPOINT_DIALOG (gtk_widget_get_root (row));

  if (response == GTK_RESPONSE_ACCEPT && self != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        g_file_load_contents_async (file, self->cancellable, file_loaded_cb, g_object_ref (row));
    }
  g_object_unref (chooser);
}

static void
unref_closure_data (gpointer  data,
                    GClosure *closure)
{
  g_object_unref (data);
}

static void
on_choose_file_clicked (GtkButton *button,
                        GtkWidget *row)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                         GTK_WINDOW (gtk_widget_get_root (row)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_file_chooser_response),
                         g_object_ref (row), unref_closure_data, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Building the form */

static const char *
initial_text (VigieEndpointDialog *self,
              const char          *key)
{
  if (self->editing == NULL)
    return NULL;
  if (g_str_equal (key, "url"))
    return vigie_endpoint_get_url (self->editing);
  if (g_str_equal (key, "user"))
    return vigie_endpoint_get_user (self->editing);
  if (g_str_equal (key, "token-id"))
    return vigie_endpoint_get_token_id (self->editing);
  return vigie_endpoint_get_option (self->editing, key);
}

static GtkWidget *
build_row (VigieEndpointDialog     *self,
           const VigieBackendField *field,
           FieldRow                *field_row)
{
  GtkWidget *row;
  const char *text;

  switch (field->type)
    {
    case VIGIE_FIELD_SECRET:
      row = adw_password_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
      vigie_endpoint_form_name_peek (row);
      if (self->editing != NULL)
        gtk_widget_set_tooltip_text (row, _("Leave empty to keep the stored secret"));
      break;

    case VIGIE_FIELD_FILE:
      {
        GtkWidget *button = gtk_button_new_with_mnemonic (_("_Choose…"));

        row = adw_action_row_new ();
        /* The subtitle shows a file name or an error: never markup. */
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     self->editing != NULL ? _("Unchanged")
                                                           : _("No file chosen"));
        gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
        g_signal_connect (button, "clicked", G_CALLBACK (on_choose_file_clicked), row);
        vigie_ui_fix_accessible_names (button);
      }
      break;

    case VIGIE_FIELD_TEXT:
    case VIGIE_FIELD_URL:
    default:
      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
      text = initial_text (self, field->key);
      if (text != NULL && field->type != VIGIE_FIELD_FILE)
        gtk_editable_set_text (GTK_EDITABLE (row), text);
      break;
    }
  g_object_set_data (G_OBJECT (row), "field-row", field_row);
  return row;
}

static void
clear_field_rows (VigieEndpointDialog *self)
{
  for (guint i = 0; i < self->field_rows->len; i++)
    {
      FieldRow *field_row = g_ptr_array_index (self->field_rows, i);

      g_object_set_data (G_OBJECT (field_row->row), "field-row", NULL);
      g_signal_handlers_disconnect_by_data (field_row->row, field_row);
      adw_preferences_group_remove (self->fields_group, field_row->row);
      adw_preferences_group_remove (self->fields_group, field_row->hint_row);
    }
  g_ptr_array_set_size (self->field_rows, 0);
}

static void
on_field_changed (GtkEditable *editable,
                  FieldRow    *field_row)
{
  field_row->touched = TRUE;
  validate (VIGIE_ENDPOINT_DIALOG (gtk_widget_get_root (GTK_WIDGET (editable))));
}

static void
rebuild_fields (VigieEndpointDialog *self)
{
  VigieKind kind = get_selected_kind (self);
  const VigieBackendField *fields = vigie_backend_fields_for_kind (kind);
  const char *explain = vigie_endpoint_form_explain (kind);
  g_autofree char *description = NULL;

  clear_field_rows (self);
  set_status (self, NULL, FALSE);
  for (guint i = 0; fields != NULL && fields[i].key != NULL; i++)
    {
      FieldRow *field_row = g_new0 (FieldRow, 1);

      field_row->field = &fields[i];
      field_row->row = build_row (self, &fields[i], field_row);
      field_row->hint = vigie_endpoint_form_hint (kind, &fields[i]);
      field_row->hint_row = vigie_endpoint_form_hint_row_new (field_row->row, field_row->hint);
      adw_preferences_group_add (self->fields_group, field_row->row);
      adw_preferences_group_add (self->fields_group, field_row->hint_row);
      vigie_endpoint_form_show_error (field_row->row, field_row->hint_row, field_row->hint,
                                      NULL);
      if (GTK_IS_EDITABLE (field_row->row))
        g_signal_connect (field_row->row, "changed", G_CALLBACK (on_field_changed), field_row);
      g_ptr_array_add (self->field_rows, field_row);
    }
  /* How to sign in, when the kind offers a choice; editing adds that
   * secrets are never shown back. */
  if (self->editing != NULL)
    description = g_strjoin (" ", explain != NULL ? explain : "",
                             _("Secrets are not shown; leave them empty to keep the stored "
                               "ones."), NULL);
  adw_preferences_group_set_description (self->fields_group,
                                         description != NULL ? g_strstrip (description)
                                                             : explain);
  validate (self);
}

/* Whether the form can work, said on each field as the person types; Save
 * and Test Connection wait for it. */
static void
validate (VigieEndpointDialog *self)
{
  g_autofree VigieFormField *fields = NULL;
  g_autofree char *name = NULL;
  const char *name_error = NULL;
  g_autofree char *duplicate = NULL;
  VigieEndpoint *same_name;
  guint n;

  if (self == NULL || self->field_rows == NULL || self->name_hint_row == NULL)
    return;
  n = self->field_rows->len;
  fields = g_new0 (VigieFormField, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      FieldRow *field_row = g_ptr_array_index (self->field_rows, i);
      const char *text = NULL;

      if (GTK_IS_EDITABLE (field_row->row))
        text = gtk_editable_get_text (GTK_EDITABLE (field_row->row));
      fields[i].field = field_row->field;
      fields[i].text = text != NULL && *text != '\0' ? text : NULL;
      fields[i].has_file = field_row->file_data != NULL;
      fields[i].touched = field_row->touched;
    }
  self->can_work = vigie_endpoint_form_check (get_selected_kind (self), self->editing != NULL,
                                              fields, n);
  for (guint i = 0; i < n; i++)
    {
      FieldRow *field_row = g_ptr_array_index (self->field_rows, i);

      vigie_endpoint_form_show_error (field_row->row, field_row->hint_row, field_row->hint,
                                      fields[i].error);
    }
  vigie_form_fields_clear (fields, n);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  same_name = vigie_endpoint_store_find_by_name (self->store, name);
  if (*name == '\0')
    {
      self->can_work = FALSE;
      if (self->name_touched)
        name_error = _("Give the endpoint a name");
    }
  else if (same_name != NULL &&
           (self->editing == NULL ||
            g_strcmp0 (vigie_endpoint_get_uuid (same_name),
                       vigie_endpoint_get_uuid (self->editing)) != 0))
    {
      self->can_work = FALSE;
      duplicate = g_strdup_printf (_("An endpoint named “%s” already exists"), name);
      name_error = duplicate;
    }
  vigie_endpoint_form_show_error (GTK_WIDGET (self->name_row), self->name_hint_row, NULL,
                                  name_error);
  set_busy (self, self->busy);
}

static void
on_name_changed (VigieEndpointDialog *self)
{
  self->name_touched = TRUE;
  validate (self);
}

static void
on_kind_row_selected_cb (VigieEndpointDialog *self)
{
  rebuild_fields (self);
}

/* Reading the form */

static const char *
row_text (FieldRow *field_row)
{
  const char *text;

  if (field_row->field->type == VIGIE_FIELD_FILE)
    return NULL;
  text = gtk_editable_get_text (GTK_EDITABLE (field_row->row));
  return (text != NULL && *text != '\0') ? text : NULL;
}

static FieldRow *
find_field (VigieEndpointDialog *self,
            const char          *key)
{
  for (guint i = 0; i < self->field_rows->len; i++)
    {
      FieldRow *field_row = g_ptr_array_index (self->field_rows, i);

      if (g_str_equal (field_row->field->key, key))
        return field_row;
    }
  return NULL;
}

/* The endpoint and the secrets the form describes, or NULL with an error
 * for the person to fix. */
static VigieEndpoint *
build_endpoint (VigieEndpointDialog  *self,
                GHashTable          **secrets_out,
                GError              **error)
{
  g_autoptr(VigieEndpoint) endpoint = NULL;
  g_autoptr(GHashTable) secrets = new_secret_table ();
  g_autofree char *url = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  VigieKind kind = get_selected_kind (self);
  VigieEndpoint *same_name;
  FieldRow *url_row = find_field (self, "url");
  FieldRow *cert_row = find_field (self, "client-cert");
  FieldRow *key_row = find_field (self, "client-key");
  FieldRow *token_row = find_field (self, "trust-token");

  if (*name == '\0')
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID, _("Give the endpoint a name"));
      return NULL;
    }
  same_name = vigie_endpoint_store_find_by_name (self->store, name);
  if (same_name != NULL && (self->editing == NULL ||
                            g_strcmp0 (vigie_endpoint_get_uuid (same_name),
                                       vigie_endpoint_get_uuid (self->editing)) != 0))
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("An endpoint named “%s” already exists"), name);
      return NULL;
    }
  if (url_row == NULL || row_text (url_row) == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID, _("Give the endpoint’s address"));
      return NULL;
    }
  url = vigie_endpoint_complete_url (kind, row_text (url_row));
  if (!vigie_endpoint_check_url (url, error))
    return NULL;

  if (self->editing != NULL)
    {
      endpoint = vigie_endpoint_copy (self->editing);
      vigie_endpoint_set_name (endpoint, name);
      vigie_endpoint_set_url (endpoint, url);
    }
  else
    endpoint = vigie_endpoint_new (name, kind, url);
  /* A new address means a new server: its pin no longer applies. */
  if (self->editing != NULL &&
      g_strcmp0 (url, vigie_endpoint_get_url (self->editing)) != 0 &&
      g_strcmp0 (self->fingerprint, vigie_endpoint_get_fingerprint (self->editing)) == 0)
    g_clear_pointer (&self->fingerprint, g_free);
  vigie_endpoint_set_fingerprint (endpoint, self->fingerprint);

  for (guint i = 0; i < self->field_rows->len; i++)
    {
      FieldRow *field_row = g_ptr_array_index (self->field_rows, i);
      const VigieBackendField *field = field_row->field;
      const char *text = row_text (field_row);
      VigieSecretPurpose purpose;

      if (g_str_equal (field->key, "user"))
        vigie_endpoint_set_user (endpoint, text);
      else if (g_str_equal (field->key, "token-id"))
        vigie_endpoint_set_token_id (endpoint, text);
      else if (g_str_equal (field->key, "trust-token"))
        {
          if (text != NULL && !vigie_endpoint_prepare_enrolment (endpoint, secrets, text, error))
            return NULL;
        }
      else if (field->type == VIGIE_FIELD_SECRET &&
               vigie_secret_purpose_for_field (field->key, &purpose))
        {
          if (text != NULL)
            g_hash_table_replace (secrets, GINT_TO_POINTER (purpose), g_strdup (text));
        }
      else if (field->type == VIGIE_FIELD_TEXT)
        vigie_endpoint_set_option (endpoint, field->key, text);

      if (field->required && self->editing == NULL &&
          field->type != VIGIE_FIELD_FILE && text == NULL)
        {
          g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID, _("“%s” is required"),
                       _(field->label));
          return NULL;
        }
    }

  /* A token works once: after it enrolled a pair, checking again and
   * saving use that pair. */
  if (token_row != NULL && row_text (token_row) == NULL && self->enrolled_cert != NULL &&
      (cert_row == NULL || cert_row->file_data == NULL))
    {
      vigie_endpoint_set_option (endpoint, VIGIE_ENDPOINT_OPTION_CLIENT_CERT, self->enrolled_cert);
      g_hash_table_replace (secrets, GINT_TO_POINTER (VIGIE_SECRET_CLIENT_KEY),
                            g_strdup (self->enrolled_key));
    }
  else if (cert_row != NULL && cert_row->file_data != NULL)
    {
      g_autoptr(VigieSecret) key_pem = NULL;

      if (key_row != NULL && key_row->file_data != NULL)
        key_pem = g_strndup (g_bytes_get_data (key_row->file_data, NULL),
                             g_bytes_get_size (key_row->file_data));
      if (!vigie_endpoint_set_client_certificate (endpoint, secrets, cert_row->file_data,
                                                  key_pem, error))
        return NULL;
    }
  else if (key_row != NULL && key_row->file_data != NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("Choose the certificate that goes with the private key"));
      return NULL;
    }

  *secrets_out = g_steal_pointer (&secrets);
  return g_steal_pointer (&endpoint);
}

/* Saving: secrets to the keyring, then the list */

static void store_next_secret (VigieEndpointDialog *self);

static void
finish_save (VigieEndpointDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  vigie_endpoint_set_option (self->pending, VIGIE_ENDPOINT_OPTION_ENROL_TOKEN, NULL);
  if (self->editing != NULL)
    ok = vigie_endpoint_store_replace (self->store, self->pending, &error);
  else
    ok = vigie_endpoint_store_add (self->store, self->pending, &error);
  if (ok)
    ok = vigie_endpoint_store_save (self->store, &error);
  set_busy (self, FALSE);
  if (!ok)
    {
      set_status (self, error->message, TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VigieEndpointDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_secret_store_store_finish (VIGIE_SECRET_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_busy (self, FALSE);
          set_status (self, error->message, TRUE);
        }
      return;
    }
  store_next_secret (self);
}

static void
store_next_secret (VigieEndpointDialog *self)
{
  gpointer key;
  const char *secret;
  g_autofree char *label = NULL;

  if (g_queue_is_empty (&self->secrets_to_store))
    {
      finish_save (self);
      return;
    }
  key = g_queue_pop_head (&self->secrets_to_store);
  secret = g_hash_table_lookup (self->pending_secrets, key);
  /* Translators: the keyring item's label; %s is the endpoint's name. */
  label = g_strdup_printf (_("Vigie: %s"), vigie_endpoint_get_name (self->pending));
  vigie_secret_store_store_async (vigie_context_get_secret_store (self->context),
                                  vigie_endpoint_get_uuid (self->pending), GPOINTER_TO_INT (key),
                                  label, secret, self->cancellable, secret_stored_cb,
                                  g_object_ref (self));
}

static void
start_save (VigieEndpointDialog *self)
{
  g_autoptr(GList) keys = g_hash_table_get_keys (self->pending_secrets);

  set_status (self, _("Saving…"), FALSE);
  g_queue_clear (&self->secrets_to_store);
  for (GList *l = keys; l != NULL; l = l->next)
    g_queue_push_tail (&self->secrets_to_store, l->data);
  store_next_secret (self);
}

/* Checking */

/* After a check that enrolled with a trust token: keep the pair the server
 * now trusts and the pin the token named, and empty the token field. */
static void
remember_enrolment (VigieEndpointDialog *self)
{
  FieldRow *token_row = find_field (self, "trust-token");
  const char *key;

  if (vigie_endpoint_get_option (self->pending, VIGIE_ENDPOINT_OPTION_ENROL_TOKEN) == NULL)
    return;
  vigie_endpoint_set_option (self->pending, VIGIE_ENDPOINT_OPTION_ENROL_TOKEN, NULL);
  key = g_hash_table_lookup (self->pending_secrets, GINT_TO_POINTER (VIGIE_SECRET_CLIENT_KEY));
  g_free (self->enrolled_cert);
  self->enrolled_cert = g_strdup (vigie_endpoint_get_option (self->pending,
                                                             VIGIE_ENDPOINT_OPTION_CLIENT_CERT));
  g_clear_pointer (&self->enrolled_key, vigie_secret_free);
  self->enrolled_key = g_strdup (key);
  g_free (self->fingerprint);
  self->fingerprint = g_strdup (vigie_endpoint_get_fingerprint (self->pending));
  if (token_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (token_row->row), "");
}

static void run_check (VigieEndpointDialog *self, gboolean then_save);

static void
on_certificate_response (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  VigieEndpointDialog *self = user_data;

  if (g_strcmp0 (response, "accept") != 0)
    {
      set_status (self, _("The certificate was not trusted; nothing was saved."), TRUE);
      return;
    }
  g_free (self->fingerprint);
  self->fingerprint =
    g_strdup (vigie_certificate_dialog_get_fingerprint (VIGIE_CERTIFICATE_DIALOG (dialog)));
  run_check (self, self->then_save);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VigieEndpointDialog) self = user_data;
  g_autoptr(VigieCertificateInfo) presented = NULL;
  g_autoptr(GError) error = NULL;

  if (vigie_endpoint_check_finish (VIGIE_ENDPOINT (object), result, &presented, &error))
    {
      remember_enrolment (self);
      if (self->then_save)
        {
          start_save (self);
          return;
        }
      set_busy (self, FALSE);
      set_status (self, _("Connected"), FALSE);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (presented != NULL &&
      (g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_UNTRUSTED) ||
       g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED)))
    {
      const char *pinned = g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED)
                           ? vigie_endpoint_get_fingerprint (VIGIE_ENDPOINT (object)) : NULL;
      VigieCertificateDialog *dialog;

      set_status (self, error->message, TRUE);
      dialog = vigie_certificate_dialog_new (GTK_WINDOW (self),
                                             vigie_endpoint_get_name (VIGIE_ENDPOINT (object)),
                                             presented, pinned);
      /* Its answer is for this dialog: it goes when this one goes, and
       * holds no reference to it (closed unanswered, it leaks nothing). */
      gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_certificate_response),
                               self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  set_status (self, error->message, TRUE);
}

static void
run_check (VigieEndpointDialog *self,
           gboolean             then_save)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) secrets = NULL;
  VigieEndpoint *endpoint;

  if (self->busy)
    return;
  endpoint = build_endpoint (self, &secrets, &error);
  if (endpoint == NULL)
    {
      set_status (self, error->message, TRUE);
      return;
    }
  g_clear_object (&self->pending);
  g_clear_pointer (&self->pending_secrets, g_hash_table_unref);
  self->pending = endpoint;
  self->pending_secrets = g_steal_pointer (&secrets);

  self->then_save = then_save;
  set_busy (self, TRUE);
  set_status (self, _("Connecting…"), FALSE);
  vigie_endpoint_check_async (self->pending, self->context, self->pending_secrets,
                              self->editing != NULL, self->cancellable, check_cb,
                              g_object_ref (self));
}

static void
on_test_button_clicked_cb (VigieEndpointDialog *self)
{
  run_check (self, FALSE);
}

static void
on_save_button_clicked_cb (VigieEndpointDialog *self)
{
  run_check (self, TRUE);
}

static void
on_cancel_button_clicked_cb (VigieEndpointDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* Object */

static void
vigie_endpoint_dialog_dispose (GObject *object)
{
  VigieEndpointDialog *self = (VigieEndpointDialog *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->field_rows != NULL)
    clear_field_rows (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_ENDPOINT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_object (&self->editing);
  g_clear_object (&self->pending);
  g_clear_pointer (&self->pending_secrets, g_hash_table_unref);
  g_queue_clear (&self->secrets_to_store);

  G_OBJECT_CLASS (vigie_endpoint_dialog_parent_class)->dispose (object);
}

static void
vigie_endpoint_dialog_finalize (GObject *object)
{
  VigieEndpointDialog *self = (VigieEndpointDialog *) object;

  g_free (self->fingerprint);
  g_free (self->enrolled_cert);
  g_clear_pointer (&self->enrolled_key, vigie_secret_free);
  g_clear_pointer (&self->kinds, g_array_unref);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_endpoint_dialog_parent_class)->finalize (object);
}

static void
vigie_endpoint_dialog_class_init (VigieEndpointDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_endpoint_dialog_dispose;
  object_class->finalize = vigie_endpoint_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-endpoint-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, VigieEndpointDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_test_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vigie_endpoint_dialog_init (VigieEndpointDialog *self)
{
  self->kinds = g_array_new (FALSE, FALSE, sizeof (VigieKind));
  self->field_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) field_row_free);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->secrets_to_store);

  /* The kind model must exist before the template's notify::selected runs. */
  gtk_widget_init_template (GTK_WIDGET (self));
  vigie_ui_fix_accessible_names (GTK_WIDGET (self));
  self->name_hint_row = vigie_endpoint_form_hint_row_new (GTK_WIDGET (self->name_row), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (
                               GTK_WIDGET (self->name_row), ADW_TYPE_PREFERENCES_GROUP)),
                             self->name_hint_row);
}

VigieEndpointDialog *
vigie_endpoint_dialog_new (GtkWindow          *parent,
                           VigieContext       *context,
                           VigieEndpointStore *store,
                           VigieEndpoint      *endpoint)
{
  VigieEndpointDialog *self;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_return_val_if_fail (VIGIE_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (VIGIE_IS_ENDPOINT_STORE (store), NULL);
  g_return_val_if_fail (endpoint == NULL || VIGIE_IS_ENDPOINT (endpoint), NULL);

  self = g_object_new (VIGIE_TYPE_ENDPOINT_DIALOG, "transient-for", parent, NULL);
  /* No wider than a narrow window (360 px on a phone) it comes from. */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (gtk_widget_get_width (GTK_WIDGET (parent)) < width)
        gtk_window_set_default_size (GTK_WINDOW (self),
                                     gtk_widget_get_width (GTK_WIDGET (parent)), height);
    }
  self->context = g_object_ref (context);
  self->store = g_object_ref (store);
  if (endpoint != NULL)
    {
      self->editing = g_object_ref (endpoint);
      self->fingerprint = g_strdup (vigie_endpoint_get_fingerprint (endpoint));
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Endpoint"));
      gtk_label_set_text (self->title_label, _("Edit Endpoint"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), vigie_endpoint_get_name (endpoint));
    }
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_name_changed), self);

  for (VigieKind kind = VIGIE_KIND_UNKNOWN + 1; kind < VIGIE_N_KINDS; kind++)
    {
      if (vigie_backend_fields_for_kind (kind) == NULL)
        continue;
      if (endpoint != NULL && vigie_endpoint_get_kind (endpoint) == kind)
        selected = self->kinds->len;
      g_array_append_val (self->kinds, kind);
      gtk_string_list_append (names, vigie_kind_get_product_name (kind));
    }
  vigie_endpoint_form_whole_names (self->kind_row);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->kind_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), endpoint == NULL);
  rebuild_fields (self);
  return self;
}
