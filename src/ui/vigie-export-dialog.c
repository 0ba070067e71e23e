/* vigie-export-dialog.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's side of `vigiectl export` (docs/export.md): the same core
 * writer, over the inventories the window's monitor already holds, in a
 * thread so that a large estate does not stall the window.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-clock.h"
#include "vigie-export-dialog.h"
#include "vigie-export-rvtools.h"
#include "vigie-inventory.h"
#include "vigie-monitor.h"

typedef struct {
  VigieWindow          *window;      /* weak */
  GPtrArray            *inventories; /* what the dialog offered, VigieInventory* */
  GPtrArray            *checks;      /* GtkCheckButton*, one per hypervisor inventory */
  GtkCheckButton       *csv;
  AdwMessageDialog     *dialog;
  GtkFileChooserNative *chooser;
} Export;

static void
export_free (Export *self)
{
  g_clear_weak_pointer (&self->window);
  g_ptr_array_unref (self->inventories);
  g_ptr_array_unref (self->checks);
  g_clear_object (&self->chooser);
  g_free (self);
}

static gboolean
is_hypervisor (VigieInventory *inventory)
{
  return inventory->kind == VIGIE_KIND_ESXI || inventory->kind == VIGIE_KIND_PROXMOX ||
         inventory->kind == VIGIE_KIND_INCUS;
}

/* The checked hypervisor endpoints and every backup endpoint, whose
 * backups the coverage columns need. */
static GPtrArray *
selected_inventories (Export *self)
{
  GPtrArray *selected = g_ptr_array_new_with_free_func (g_object_unref);
  guint check = 0;

  for (guint i = 0; i < self->inventories->len; i++)
    {
      VigieInventory *inventory = g_ptr_array_index (self->inventories, i);

      if (is_hypervisor (inventory) &&
          !gtk_check_button_get_active (g_ptr_array_index (self->checks, check++)))
        continue;
      g_ptr_array_add (selected, g_object_ref (inventory));
    }
  return selected;
}

static void
update_export_enabled (Export *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->checks->len; i++)
    any |= gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  adw_message_dialog_set_response_enabled (self->dialog, "export", any);
}

typedef struct {
  VigieWindow *window;  /* strong: until the toast */
  char        *path;
  guint        failed;
} Written;

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Written *written = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!vigie_export_estate_finish (result, &error))
    /* Translators: %s is the reason, e.g. "Permission denied". */
    message = g_strdup_printf (_("Could not export the estate: %s"), error->message);
  else if (written->failed > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Estate exported to %s; %u endpoint did not answer",
                                            "Estate exported to %s; %u endpoints did not answer",
                                            written->failed),
                               written->path, written->failed);
  else
    message = g_strdup_printf (_("Estate exported to %s"), written->path);
  /* It names where the file went: it stays until it is dismissed. */
  vigie_window_show_toast_full (written->window, message, 0);
  g_object_unref (written->window);
  g_free (written->path);
  g_free (written);
}

static void
start_export (Export     *self,
              const char *path)
{
  g_autoptr(GPtrArray) inventories = selected_inventories (self);
  VigieMonitor *monitor;
  VigieContext *context;
  VigieExportFormat format;
  Written *written;

  if (self->window == NULL)
    return;
  monitor = vigie_window_get_monitor (self->window);
  context = vigie_monitor_get_context (monitor);
  format = gtk_check_button_get_active (self->csv) ? VIGIE_EXPORT_RVTOOLS_CSV
                                                   : VIGIE_EXPORT_RVTOOLS_XLSX;
  written = g_new0 (Written, 1);
  written->window = g_object_ref (self->window);
  written->path = g_strdup (path);
  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inventory = g_ptr_array_index (inventories, i);

      if (is_hypervisor (inventory) && inventory->status != VIGIE_STATUS_OK)
        written->failed++;
    }
  vigie_export_estate_async (inventories, vigie_clock_now (vigie_context_get_clock (context)),
                             vigie_context_get_rpo_hours (context), format, path, NULL,
                             written_cb, written);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  Export *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        start_export (self, path);
      else if (self->window != NULL)
        vigie_window_show_toast (self->window,
                                 _("Could not export the estate: choose a local folder"));
    }
  export_free (self);
}

static void
ask_where (Export *self)
{
  gboolean csv = gtk_check_button_get_active (self->csv);
  const char *test_path = g_getenv ("VIGIE_TEST_EXPORT_PATH");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = NULL;

  if (test_path != NULL && *test_path != '\0')
    {
      start_export (self, test_path);
      export_free (self);
      return;
    }
  if (self->window == NULL)
    {
      export_free (self);
      return;
    }
  self->chooser = gtk_file_chooser_native_new (csv ? _("Export Estate to a Folder")
                                                   : _("Export Estate"),
                                               GTK_WINDOW (self->window),
                                               csv ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                   : GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (!csv)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      /* Translators: a file name; keep it short, without spaces. */
      name = g_date_time_format (now, _("estate-%Y-%m-%d.xlsx"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
      gtk_file_filter_set_name (filter, _("Workbooks"));
      gtk_file_filter_add_suffix (filter, "xlsx");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  Export *self = user_data;

  if (g_strcmp0 (response, "export") == 0)
    ask_where (self);
  else
    export_free (self);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

void
vigie_export_dialog_present (VigieWindow *window)
{
  GListModel *model = vigie_monitor_get_inventories (vigie_window_get_monitor (window));
  Export *self = g_new0 (Export, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *xlsx;

  g_set_weak_pointer (&self->window, window);
  self->inventories = g_ptr_array_new_with_free_func (g_object_unref);
  self->checks = g_ptr_array_new ();
  self->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                             _("Export Estate"), NULL));
  adw_message_dialog_set_body (self->dialog,
                               _("A workbook shaped like an RVTools export, which migration "
                                 "planners and sizers read. Backup status comes from every "
                                 "backup endpoint."));

  gtk_box_append (GTK_BOX (box), heading (_("Endpoints")));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VigieInventory) inventory = g_list_model_get_item (model, i);
      GtkWidget *check;

      g_ptr_array_add (self->inventories, g_object_ref (inventory));
      if (!is_hypervisor (inventory))
        continue;
      check = gtk_check_button_new_with_label (inventory->endpoint);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_tooltip_text (check, vigie_kind_get_product_name (inventory->kind));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_export_enabled), self);
      g_ptr_array_add (self->checks, check);
      gtk_box_append (GTK_BOX (box), check);
    }
  if (self->checks->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No hypervisor endpoint to export"));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (box), none);
    }

  gtk_box_append (GTK_BOX (box), heading (_("Format")));
  xlsx = gtk_check_button_new_with_mnemonic (_("_Workbook (.xlsx)"));
  self->csv = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_CSV files in a folder")));
  gtk_check_button_set_group (self->csv, GTK_CHECK_BUTTON (xlsx));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (xlsx), TRUE);
  gtk_box_append (GTK_BOX (box), xlsx);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->csv));
  adw_message_dialog_set_extra_child (self->dialog, box);

  adw_message_dialog_add_responses (self->dialog, "cancel", _("_Cancel"),
                                    "export", _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (self->dialog, "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (self->dialog, "export");
  adw_message_dialog_set_close_response (self->dialog, "cancel");
  update_export_enabled (self);
  g_signal_connect (self->dialog, "response", G_CALLBACK (dialog_response_cb), self);
  gtk_window_present (GTK_WINDOW (self->dialog));
}
