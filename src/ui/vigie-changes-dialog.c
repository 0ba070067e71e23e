/* vigie-changes-dialog.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's "vigiectl inventory --since": the recorded snapshot is read in
 * a thread, compared with what the monitor shows now by the core's diff
 * (which does not read an endpoint that failed as having lost its
 * instances), and each change is a row.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-changes-dialog.h"
#include "vigie-enum-types.h"
#include "vigie-history.h"
#include "vigie-kind.h"
#include "vigie-ui-a11y.h"

struct _VigieChangesDialog
{
  AdwWindow             parent_instance;

  VigieHistoryRecorder *recorder;
  GCancellable         *cancellable;

  GtkDropDown          *since_dropdown;
  GtkLabel             *base_label;
  GtkListBox           *list;
};

G_DEFINE_FINAL_TYPE (VigieChangesDialog, vigie_changes_dialog, ADW_TYPE_WINDOW)

/* The dropdown's choices, in seconds back from now; 0 is "since the last
 * session". */
static const gint64 since_seconds[] = { 0, 3600, 24 * 3600, 7 * 24 * 3600, 30 * 24 * 3600 };

/* A contract spelling ("running", "stale", "unreachable") in words. */
static const char *
value_label (VigieChangeKind  kind,
             const char      *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *found;
  GType type;

  if (value == NULL)
    return NULL;
  switch (kind)
    {
    case VIGIE_CHANGE_STATE:
    case VIGIE_CHANGE_INSTANCE_ADDED:
    case VIGIE_CHANGE_INSTANCE_REMOVED:
      type = VIGIE_TYPE_INSTANCE_STATE;
      break;
    case VIGIE_CHANGE_COVERAGE_LOST:
      type = VIGIE_TYPE_BACKUP_STATUS;
      break;
    case VIGIE_CHANGE_ENDPOINT_UNREACHABLE:
      type = VIGIE_TYPE_STATUS;
      break;
    case VIGIE_CHANGE_ENDPOINT_ADDED:
    case VIGIE_CHANGE_ENDPOINT_REMOVED:
      return vigie_kind_get_product_name (vigie_kind_from_string (value));
    case VIGIE_CHANGE_VERSION:
    default:
      return value;
    }
  klass = g_type_class_ref (type);
  found = g_enum_get_value_by_nick (klass, value);
  if (found == NULL)
    return value;
  if (type == VIGIE_TYPE_INSTANCE_STATE)
    return vigie_instance_state_get_label (found->value);
  if (type == VIGIE_TYPE_BACKUP_STATUS)
    return vigie_backup_status_get_label (found->value);
  return vigie_status_get_label (found->value);
}

static const char *
change_icon (VigieChangeKind kind)
{
  switch (kind)
    {
    case VIGIE_CHANGE_ENDPOINT_ADDED:
    case VIGIE_CHANGE_INSTANCE_ADDED:       return "list-add-symbolic";
    case VIGIE_CHANGE_ENDPOINT_REMOVED:
    case VIGIE_CHANGE_INSTANCE_REMOVED:     return "list-remove-symbolic";
    case VIGIE_CHANGE_ENDPOINT_UNREACHABLE:
    case VIGIE_CHANGE_COVERAGE_LOST:        return "dialog-warning-symbolic";
    case VIGIE_CHANGE_VERSION:              return "software-update-available-symbolic";
    case VIGIE_CHANGE_STATE:
    default:                                return "view-refresh-symbolic";
    }
}

static GtkWidget *
change_row_new (VigieChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (change_icon (change->kind));
  const char *from = value_label (change->kind, change->from);
  const char *to = value_label (change->kind, change->to);
  g_autofree char *what = NULL;
  g_autofree char *subtitle = NULL;

  if (change->kind == VIGIE_CHANGE_STATE || change->kind == VIGIE_CHANGE_VERSION ||
      change->kind == VIGIE_CHANGE_COVERAGE_LOST ||
      change->kind == VIGIE_CHANGE_ENDPOINT_UNREACHABLE)
    /* Translators: a change and its values, e.g. “State changed: Stopped → Running” */
    what = g_strdup_printf (_("%s: %s → %s"), vigie_change_kind_get_label (change->kind),
                            from != NULL ? from : "—", to != NULL ? to : "—");
  else
    what = g_strdup (vigie_change_kind_get_label (change->kind));

  if (change->instance_id != NULL)
    /* Translators: what changed · the instance's endpoint */
    subtitle = g_strdup_printf (_("%s · %s"), what, change->endpoint);
  else
    subtitle = g_steal_pointer (&what);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 change->name != NULL ? change->name
                                 : change->instance_id != NULL ? change->instance_id
                                 : change->endpoint);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  vigie_change_kind_get_label (change->kind), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (change->kind == VIGIE_CHANGE_COVERAGE_LOST ||
      change->kind == VIGIE_CHANGE_ENDPOINT_UNREACHABLE)
    gtk_widget_add_css_class (icon, "warning");
  return row;
}

static void
clear_list (VigieChangesDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static char *
format_local (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  /* ISO order: no 12/06 versus 06/12 to guess. */
  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

/* Loading */

typedef struct {
  char     *dir;
  gint64    when;
  gboolean  exact;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->dir);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  JsonNode *node = vigie_history_load_at (data->dir, data->when, &data->exact, &error);

  if (node != NULL)
    g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
  else
    g_task_return_error (task, error);
}

static void
show_changes (VigieChangesDialog *self,
              JsonNode           *base,
              gboolean            exact)
{
  g_autoptr(JsonNode) current = vigie_history_recorder_snapshot (self->recorder);
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *taken = format_local (vigie_history_taken_at (base));
  g_autofree char *text = NULL;

  clear_list (self);
  if (current == NULL)
    {
      gtk_label_set_text (self->base_label,
                          _("Some endpoints are still being read: try again in a moment."));
      return;
    }
  changes = vigie_history_diff (base, current);
  if (exact)
    /* Translators: %s is a date and time */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u change since the inventory recorded on %s.",
                                         "%u changes since the inventory recorded on %s.",
                                         changes->len), changes->len, taken);
  else
    /* Translators: %s is a date and time */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Nothing was recorded that early: %u change since "
                                         "the oldest inventory, recorded on %s.",
                                         "Nothing was recorded that early: %u changes since "
                                         "the oldest inventory, recorded on %s.",
                                         changes->len), changes->len, taken);
  gtk_label_set_text (self->base_label, text);
  for (guint i = 0; i < changes->len; i++)
    gtk_list_box_append (self->list, change_row_new (g_ptr_array_index (changes, i)));
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VigieChangesDialog *self = VIGIE_CHANGES_DIALOG (object);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) base = g_task_propagate_pointer (G_TASK (result), &error);

  if (base == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      clear_list (self);
      gtk_label_set_text (self->base_label,
                          _("No inventory has been recorded yet: Vigie records one after each "
                            "refresh, and “vigiectl inventory” does too. Changes show from the "
                            "next one on."));
      return;
    }
  show_changes (self, base, data->exact);
}

static void
reload (VigieChangesDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->since_dropdown);
  gint64 back = selected < G_N_ELEMENTS (since_seconds) ? since_seconds[selected] : 0;
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->dir = g_strdup (vigie_history_recorder_get_dir (self->recorder));
  /* The newest record taken before this session started. */
  data->when = back == 0 ? vigie_history_recorder_get_session_start (self->recorder) - 1
                         : vigie_history_recorder_now (self->recorder) - back;
  gtk_label_set_text (self->base_label, _("Reading the history…"));
  task = g_task_new (self, self->cancellable, loaded_cb, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static void
on_since_dropdown_selected_cb (VigieChangesDialog *self)
{
  if (self->recorder != NULL)
    reload (self);
}

static void
vigie_changes_dialog_dispose (GObject *object)
{
  VigieChangesDialog *self = (VigieChangesDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->recorder);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_CHANGES_DIALOG);

  G_OBJECT_CLASS (vigie_changes_dialog_parent_class)->dispose (object);
}

static void
vigie_changes_dialog_class_init (VigieChangesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_changes_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-changes-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieChangesDialog, since_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VigieChangesDialog, base_label);
  gtk_widget_class_bind_template_child (widget_class, VigieChangesDialog, list);
  gtk_widget_class_bind_template_callback (widget_class, on_since_dropdown_selected_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vigie_changes_dialog_init (VigieChangesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vigie_ui_name_drop_down_items (self->since_dropdown);
}

GtkWidget *
vigie_changes_dialog_new (GtkWindow            *parent,
                          VigieHistoryRecorder *recorder)
{
  VigieChangesDialog *self;
  GtkWidget *placeholder;

  g_return_val_if_fail (VIGIE_IS_HISTORY_RECORDER (recorder), NULL);

  self = g_object_new (VIGIE_TYPE_CHANGES_DIALOG, "transient-for", parent, NULL);
  self->recorder = g_object_ref (recorder);
  placeholder = gtk_label_new (_("Nothing changed"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);
  vigie_ui_focus_tab_leaves (GTK_WIDGET (self->list), NULL);
  reload (self);
  return GTK_WIDGET (self);
}
