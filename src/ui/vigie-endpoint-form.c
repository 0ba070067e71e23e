/* vigie-endpoint-form.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Add Endpoint form says under its fields and when it can work:
 * examples shown, not hidden in tooltips; an address refused as the person
 * types it, not after a click on Save.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-endpoint-check.h"
#include "vigie-endpoint-form.h"
#include "vigie-url-policy.h"

char *
vigie_endpoint_form_hint (VigieKind                kind,
                          const VigieBackendField *field)
{
  const char *port = vigie_backend_default_port (kind);

  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field->key, "trust-token"))
    return g_strdup (_("Made on the server with “incus config trust add NAME”; it works once"));
  if (g_str_equal (field->key, "client-cert"))
    return g_strdup (_("Or a certificate the server already trusts, with its key"));
  if (field->placeholder == NULL)
    return NULL;
  if (field->type == VIGIE_FIELD_URL && port != NULL)
    /* Translators: a hint under the address field; %s is an example
     * address, %s a port number */
    return g_strdup_printf (_("For example: %s (port %s when none is given)"),
                            _(field->placeholder), port);
  /* Translators: a hint under a form field; %s is an example value. */
  return g_strdup_printf (_("For example: %s"), _(field->placeholder));
}

const char *
vigie_endpoint_form_explain (VigieKind kind)
{
  if (vigie_backend_kind_has_field (kind, "password") &&
      vigie_backend_kind_has_field (kind, "token-secret"))
    return _("Sign in with a user and its password, or with an API token: its ID and its "
             "secret.");
  if (vigie_backend_kind_has_field (kind, "trust-token") &&
      vigie_backend_kind_has_field (kind, "client-cert"))
    return _("Use a trust token made on the server, or a client certificate the server "
             "already trusts. A local socket (unix:) needs neither.");
  return NULL;
}

static void
name_by_tooltip (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_BUTTON)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    tooltip, -1);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_by_tooltip (child);
}

/* libadwaita 1.2's show-text icon of a password row is a button named
 * after its class (“GtkImage”): named by its tooltip. */
void
vigie_endpoint_form_name_peek (GtkWidget *password_row)
{
  g_return_if_fail (GTK_IS_WIDGET (password_row));
  name_by_tooltip (password_row);
}

GtkWidget *
vigie_endpoint_form_hint_row_new (GtkWidget  *field_row,
                                  const char *hint)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *label = gtk_label_new (hint);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Read with its field (its description), not a stop of its own. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "vigie-field-hint");
  if (hint != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (field_row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hint, -1);
  return row;
}

void
vigie_endpoint_form_show_error (GtkWidget  *field_row,
                                GtkWidget  *hint_row,
                                const char *hint,
                                const char *error)
{
  GtkWidget *label = hint_row != NULL ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (hint_row))
                                      : NULL;
  const char *text = error != NULL ? error : hint;

  if (error != NULL)
    gtk_widget_add_css_class (field_row, "error");
  else
    gtk_widget_remove_css_class (field_row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (field_row), GTK_ACCESSIBLE_STATE_INVALID,
                               error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                             : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (field_row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  if (label == NULL)
    return;
  gtk_widget_set_visible (hint_row, text != NULL);
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text != NULL ? text : "") != 0)
    gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  if (error != NULL)
    {
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "error");
    }
  else
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "dim-label");
    }
}

static VigieFormField *
find (VigieFormField *fields,
      guint           n_fields,
      const char     *key)
{
  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].field->key, key))
      return &fields[i];
  return NULL;
}

static gboolean
filled (VigieFormField *field)
{
  return field != NULL && field->text != NULL;
}

gboolean
vigie_endpoint_form_check (VigieKind       kind,
                           gboolean        editing,
                           VigieFormField *fields,
                           guint           n_fields)
{
  gboolean ok = TRUE;
  VigieFormField *user = find (fields, n_fields, "user");
  VigieFormField *password = find (fields, n_fields, "password");
  VigieFormField *token_id = find (fields, n_fields, "token-id");
  VigieFormField *token_secret = find (fields, n_fields, "token-secret");

  for (guint i = 0; i < n_fields; i++)
    {
      VigieFormField *f = &fields[i];

      g_clear_pointer (&f->error, g_free);
      if (f->field->type == VIGIE_FIELD_URL && f->text != NULL)
        {
          g_autofree char *url = vigie_endpoint_complete_url (kind, f->text);
          g_autoptr(GError) error = NULL;

          if (!vigie_endpoint_check_url (url, &error))
            {
              f->error = g_strdup (error->message);
              ok = FALSE;
            }
          continue;
        }
      if (!f->field->required || f->field->type == VIGIE_FIELD_FILE || f->text != NULL)
        continue;
      /* A stored secret stays when its field is left empty. */
      if (editing && f->field->type == VIGIE_FIELD_SECRET)
        continue;
      ok = FALSE;
      /* Not before the person got there: a new form is not all red. */
      if (f->touched)
        /* Translators: %s is a form field's label */
        f->error = g_strdup_printf (_("“%s” is required"), _(f->field->label));
    }

  /* A user and its password, or a whole API token. */
  if (password != NULL && token_secret != NULL && !password->field->required)
    {
      gboolean by_password = filled (user) && (filled (password) || editing);
      gboolean by_token = filled (token_id) && (filled (token_secret) || editing);

      if (!by_password && !by_token)
        {
          ok = FALSE;
          if (filled (user) && password->touched && !filled (password))
            password->error = g_strdup (_("Give the user’s password, or an API token instead"));
          else if (filled (token_id) && token_secret->touched && !filled (token_secret))
            token_secret->error = g_strdup (_("Give the token’s secret"));
        }
    }
  return ok;
}

void
vigie_form_fields_clear (VigieFormField *fields,
                         guint           n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    g_clear_pointer (&fields[i].error, g_free);
}

/* The kind list */

static void
on_kind_selected_item_changed (AdwComboRow *row,
                               GParamSpec  *pspec,
                               GtkListItem *list_item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (list_item));

  gtk_widget_set_opacity (check, adw_combo_row_get_selected_item (row)
                                 == gtk_list_item_get_item (list_item) ? 1.0 : 0.0);
}

static void
setup_kind_item (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  /* Wrapped when the window is narrow, never cut. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_kind_item (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                AdwComboRow              *row)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *check = gtk_widget_get_last_child (box);
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  gboolean in_list = gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER) != NULL;

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (item));
  /* The check mark only in the popover's list, not in the row, and lined
   * up at the end of the list. */
  gtk_widget_set_hexpand (label, in_list);
  gtk_widget_set_visible (check, in_list);
  if (gtk_widget_get_visible (check))
    {
      g_signal_connect (row, "notify::selected-item",
                        G_CALLBACK (on_kind_selected_item_changed), list_item);
      on_kind_selected_item_changed (row, NULL, list_item);
    }
}

static void
unbind_kind_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, on_kind_selected_item_changed, list_item);
}

/**
 * vigie_endpoint_form_whole_names:
 * @row: a combo row over a #GtkStringList
 *
 * Shows the names of @row's items whole: libadwaita's own factory cuts
 * them at 20 characters ("Veeam Backup & Replica…").
 */
void
vigie_endpoint_form_whole_names (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_kind_item), row);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_kind_item), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_kind_item), row);
  adw_combo_row_set_factory (row, factory);
}
