/* vigie-certificate-dialog.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a person needs to decide whether to trust a server certificate the
 * system does not: who it names, who signed it, when it is valid, and its
 * SHA-256 fingerprint to compare with the one the server's console shows.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vigie-certificate-dialog.h"
#include "vigie-endpoint.h"

struct _VigieCertificateDialog
{
  AdwMessageDialog  parent_instance;

  char             *fingerprint;   /* lower-case hex, what "accept" pins */
  gboolean          changed;

  /* template children */
  GtkLabel         *subject_label;
  GtkLabel         *issuer_label;
  GtkLabel         *validity_label;
  GtkLabel         *fingerprint_label;
  GtkWidget        *previous_box;
  GtkLabel         *previous_label;
  GtkCheckButton   *confirm_check;
};

G_DEFINE_FINAL_TYPE (VigieCertificateDialog, vigie_certificate_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_time == 0)
    return g_strdup (_("unknown"));
  utc = g_date_time_new_from_unix_utc (unix_time);
  if (utc == NULL)
    return g_strdup (_("unknown"));
  local = g_date_time_to_local (utc);
  /* Not %x: “12/07/26” reads as two different days in English and French.
   * Translators: a certificate's validity date, the format of
   * g_date_time_format() (%-d day, %B month name, %Y year, %H:%M time, %Z
   * time zone) */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M %Z"));
}

/* AA:BB:… in two lines of 16 bytes, so that both fingerprints line up. */
static char *
format_fingerprint (const char *fingerprint)
{
  g_autofree char *formatted = vigie_fingerprint_format (fingerprint);

  if (formatted == NULL || strlen (formatted) != 95)
    return g_steal_pointer (&formatted);
  return g_strdup_printf ("%.48s\n%s", formatted, formatted + 48);
}

static void
on_confirm_check_toggled_cb (VigieCertificateDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "accept",
                                           gtk_check_button_get_active (self->confirm_check));
}

static void
vigie_certificate_dialog_finalize (GObject *object)
{
  VigieCertificateDialog *self = (VigieCertificateDialog *) object;

  g_free (self->fingerprint);

  G_OBJECT_CLASS (vigie_certificate_dialog_parent_class)->finalize (object);
}

static void
vigie_certificate_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VIGIE_TYPE_CERTIFICATE_DIALOG);

  G_OBJECT_CLASS (vigie_certificate_dialog_parent_class)->dispose (object);
}

static void
vigie_certificate_dialog_class_init (VigieCertificateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_certificate_dialog_dispose;
  object_class->finalize = vigie_certificate_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-certificate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieCertificateDialog, subject_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCertificateDialog, issuer_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCertificateDialog, validity_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCertificateDialog, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCertificateDialog, previous_box);
  gtk_widget_class_bind_template_child (widget_class, VigieCertificateDialog, previous_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCertificateDialog, confirm_check);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_check_toggled_cb);
}

static void
vigie_certificate_dialog_init (VigieCertificateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

VigieCertificateDialog *
vigie_certificate_dialog_new (GtkWindow                  *parent,
                              const char                 *endpoint_name,
                              const VigieCertificateInfo *info,
                              const char                 *pinned)
{
  VigieCertificateDialog *self;
  g_autofree char *shown = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *validity = NULL;
  g_autofree char *body = NULL;
  gboolean expired;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->fingerprint != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_CERTIFICATE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->fingerprint = g_strdup (info->fingerprint);
  self->changed = pinned != NULL;

  shown = format_fingerprint (info->fingerprint);
  gtk_label_set_text (self->subject_label, info->subject ? info->subject : _("unknown"));
  gtk_label_set_text (self->issuer_label, info->issuer ? info->issuer : _("unknown"));
  before = format_time (info->not_before);
  after = format_time (info->not_after);
  /* Translators: a certificate's validity, "from DATE to DATE" */
  validity = g_strdup_printf (_("from %s to %s"), before, after);
  expired = info->not_after != 0 && info->not_after < g_get_real_time () / G_USEC_PER_SEC;
  if (expired)
    {
      g_autofree char *with = g_strdup_printf (_("%s (expired)"), validity);
      gtk_label_set_text (self->validity_label, with);
      gtk_widget_add_css_class (GTK_WIDGET (self->validity_label), "error");
    }
  else
    gtk_label_set_text (self->validity_label, validity);
  gtk_label_set_text (self->fingerprint_label, shown);

  if (self->changed)
    {
      g_autofree char *was = format_fingerprint (pinned);

      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Certificate Changed"));
      body = g_strdup_printf (_("The certificate of “%s” is not the one you trusted before. "
                                "This happens when the server was reinstalled or its "
                                "certificate renewed, but it is also what an attacker "
                                "intercepting the connection would show. Check the new "
                                "fingerprint with the server’s administrator before you "
                                "trust it."), endpoint_name);
      gtk_label_set_text (self->previous_label, was != NULL ? was : pinned);
      gtk_widget_set_visible (self->previous_box, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->confirm_check), TRUE);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                        "cancel", _("_Cancel"),
                                        "accept", _("_Trust New Certificate"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "accept",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "accept", FALSE);
    }
  else
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Trust This Certificate?"));
      body = g_strdup_printf (_("Your system does not know the certificate of “%s”. Compare "
                                "its fingerprint with the one the server shows on its console "
                                "or web interface; if they are the same, trust it, and Vigie "
                                "will accept this certificate and no other."), endpoint_name);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                        "cancel", _("_Cancel"),
                                        "accept", _("_Trust"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "accept",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  return self;
}

const char *
vigie_certificate_dialog_get_fingerprint (VigieCertificateDialog *self)
{
  g_return_val_if_fail (VIGIE_IS_CERTIFICATE_DIALOG (self), NULL);
  return self->fingerprint;
}
