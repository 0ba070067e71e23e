/* vigie-backups-page.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Backups page: a summary with a stacked bar, every instance's coverage
 * (filterable, sortable), the backup jobs, the backup storage (three tabs),
 * and the backups of the selected instance in a side panel, with "Back Up
 * Now" where its backend can start one. It shows the endpoint selected in
 * the sidebar, or all of them. All the reasoning is in
 * core (vigie-coverage); this file only shows it.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vigie-action-runner.h"
#include "vigie-backups-page-private.h"
#include "vigie-backups-rows.h"
#include "vigie-ui-a11y.h"
#include "vigie-ui-util.h"
#include "vigie-report.h"
#include "vigie-instances-page-profile.h"


G_DEFINE_FINAL_TYPE (VigieBackupsPage, vigie_backups_page, ADW_TYPE_BIN)

enum {
  CHANGES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Colours of the libadwaita palette (green 4, yellow 4, orange 3, red 3);
 * the legend repeats them beside text, so colour is never the only cue. */
static const char *const status_colors[] = {
  [VIGIE_BACKUP_UNPROTECTED] = "#ff7800",
  [VIGIE_BACKUP_PROTECTED] = "#2ec27e",
  [VIGIE_BACKUP_STALE] = "#f5c211",
  [VIGIE_BACKUP_FAILED] = "#e01b24",
};

/* The dropdown's order. */
static const int dropdown_status[] = {
  -1, VIGIE_BACKUP_PROTECTED, VIGIE_BACKUP_STALE, VIGIE_BACKUP_UNPROTECTED, VIGIE_BACKUP_FAILED,
};

static char *
format_rpo (double hours)
{
  if (hours == (int) hours)
    /* Translators: the recovery point objective, in hours */
    return g_strdup_printf (_("%d h"), (int) hours);
  return g_strdup_printf (_("%.1f h"), hours);
}

/* Summary */

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  VigieBackupsPage *self = user_data;
  const VigieBackupStatus order[] = {
    VIGIE_BACKUP_PROTECTED, VIGIE_BACKUP_STALE, VIGIE_BACKUP_UNPROTECTED, VIGIE_BACKUP_FAILED,
  };
  const guint counts[] = {
    self->summary.protected_, self->summary.stale, self->summary.unprotected, self->summary.failed,
  };
  double radius = height / 2.0;
  double x = 0;

  cairo_new_sub_path (cr);
  cairo_arc (cr, radius, radius, radius, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, width - radius, radius, radius, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  cairo_clip (cr);

  if (self->summary.instances == 0)
    {
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.2);
      cairo_paint (cr);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      double w = (double) width * counts[i] / self->summary.instances;
      GdkRGBA color;

      if (counts[i] == 0)
        continue;
      gdk_rgba_parse (&color, status_colors[order[i]]);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, x, 0, w, height);
      cairo_fill (cr);
      x += w;
    }
}

static void
set_legend (GtkLabel          *label,
            VigieBackupStatus  status,
            guint              count)
{
  /* Translators: a status and how many instances have it, e.g. "Stale: 3" */
  g_autofree char *text = g_strdup_printf (_("%s: %u"), vigie_backup_status_get_label (status),
                                           count);
  g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span> %s",
                                                     status_colors[status], text);

  gtk_label_set_markup (label, markup);
}

static void
update_summary (VigieBackupsPage *self)
{
  g_autofree char *rpo = format_rpo (self->rpo_hours);
  g_autofree char *total = NULL;
  g_autofree char *chart_text = NULL;

  vigie_coverage_summarize (G_LIST_MODEL (self->endpoint_rows), &self->summary);
  total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u instance, recovery point objective %s",
                                        "%u instances, recovery point objective %s",
                                        self->summary.instances),
                           self->summary.instances, rpo);
  gtk_label_set_text (self->total_label, total);
  set_legend (self->protected_label, VIGIE_BACKUP_PROTECTED, self->summary.protected_);
  set_legend (self->stale_label, VIGIE_BACKUP_STALE, self->summary.stale);
  set_legend (self->unprotected_label, VIGIE_BACKUP_UNPROTECTED, self->summary.unprotected);
  set_legend (self->failed_label, VIGIE_BACKUP_FAILED, self->summary.failed);

  chart_text = g_strdup_printf (_("%u protected, %u stale, %u unprotected, %u failed"),
                                self->summary.protected_, self->summary.stale,
                                self->summary.unprotected, self->summary.failed);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, chart_text, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->chart), chart_text);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

/* Endpoints that did not answer: their instances and backups are missing
 * from what the page shows, and the user must know it. */
static void
update_errors (VigieBackupsPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; self->inventories != NULL && i < self->inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (self->inventories, i);

      if (inv->status == VIGIE_STATUS_OK ||
          (self->endpoint != NULL && g_strcmp0 (inv->endpoint, self->endpoint) != 0))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: endpoint name, its status (Unreachable…), the error */
      g_string_append_printf (text, _("%s: %s — %s"), inv->endpoint,
                              vigie_status_get_label (inv->status),
                              inv->error != NULL ? inv->error : "");
    }
  gtk_label_set_text (self->errors_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->errors_label), text->len > 0);
}

/* Table */

/* An instance of the selected endpoint, or one whose backups it holds (a
 * backup server selected shows what it protects). */
static gboolean
filter_endpoint_row (gpointer item,
                     gpointer user_data)
{
  VigieBackupsPage *self = user_data;
  VigieCoverage *row = item;
  guint n;

  if (self->endpoint == NULL || g_strcmp0 (row->endpoint, self->endpoint) == 0)
    return TRUE;
  n = row->backups != NULL ? row->backups->len : 0;
  for (guint i = 0; i < n; i++)
    {
      VigieBackupItem *backup = g_ptr_array_index (row->backups, i);

      if (g_strcmp0 (backup->endpoint, self->endpoint) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
filter_endpoint_job (gpointer item,
                     gpointer user_data)
{
  VigieBackupsPage *self = user_data;

  return self->endpoint == NULL || g_strcmp0 (((VigieJob *) item)->endpoint, self->endpoint) == 0;
}

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  VigieBackupsPage *self = user_data;
  VigieCoverage *row = item;

  if (self->status_filter >= 0 && (int) row->status != self->status_filter)
    return FALSE;
  if (self->search_text != NULL)
    {
      g_autofree char *name = g_utf8_casefold (row->instance_name, -1);
      g_autofree char *id = g_utf8_casefold (row->instance_id, -1);

      if (strstr (name, self->search_text) == NULL && strstr (id, self->search_text) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
update_no_match (VigieBackupsPage *self)
{
  guint visible = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  gboolean empty = visible == 0;

  gtk_label_set_text (self->no_match_label,
                     g_list_model_get_n_items (G_LIST_MODEL (self->endpoint_rows)) > 0
                       ? _("No instance matches the filters.")
                       : _("No instance found yet."));
  gtk_widget_set_visible (GTK_WIDGET (self->no_match_label), empty);
}

static void
refilter (VigieBackupsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_no_match (self);
}

static void
on_search_entry_search_changed_cb (VigieBackupsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search_text, g_free);
  if (text != NULL && *text != '\0')
    self->search_text = g_utf8_casefold (text, -1);
  refilter (self);
}

static void
on_status_dropdown_selected_cb (VigieBackupsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  self->status_filter = selected < G_N_ELEMENTS (dropdown_status) ? dropdown_status[selected] : -1;
  refilter (self);
}

/* Jobs and storage */

static void
clear_list_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

/* The rows are made again only when what they show changed: a hundred
 * endpoints' storage rows cost more than the rest of a refresh. */
static void
update_storage (VigieBackupsPage *self)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();  /* inventory, storage, … */
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; self->inventories != NULL && i < self->inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (self->inventories, i);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (inv->storage));
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      if (self->endpoint != NULL && g_strcmp0 (inv->endpoint, self->endpoint) != 0)
        continue;
      for (guint k = 0; k < n; k++)
        {
          VigieStorage *storage = g_list_model_get_item (G_LIST_MODEL (inv->storage), k);

          /* A shared Proxmox storage is listed once per node. */
          if (!vigie_backups_is_backup_storage (inv, storage) || storage->name == NULL ||
              !g_hash_table_add (seen, storage->name))
            {
              g_object_unref (storage);
              continue;
            }
          g_string_append_printf (key, "%s\n%s\n%s\n%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                                  inv->endpoint, storage->name,
                                  storage->type != NULL ? storage->type : "",
                                  storage->total_bytes, storage->used_bytes);
          g_ptr_array_add (shown, inv);
          g_ptr_array_add (shown, storage);
        }
    }
  if (self->storage_key != NULL && g_str_equal (key->str, self->storage_key))
    {
      for (guint i = 1; i < shown->len; i += 2)
        g_object_unref (g_ptr_array_index (shown, i));
      return;
    }
  g_free (self->storage_key);
  self->storage_key = g_strdup (key->str);
  clear_list_box (self->storage_list);
  for (guint i = 0; i < shown->len; i += 2)
    {
      VigieStorage *storage = g_ptr_array_index (shown, i + 1);

      gtk_list_box_append (self->storage_list,
                           vigie_backups_storage_row_new (g_ptr_array_index (shown, i), storage));
      g_object_unref (storage);
    }
  if (shown->len == 0)
    gtk_list_box_append (self->storage_list,
                         vigie_backups_placeholder_new (_("No backup storage")));
}

/* Details */

/* "Back Up Now": insensitive, with the reason shown, where the backend
 * cannot start a backup of this instance. */
static VigieAction *
find_backup_action (VigieBackupsPage  *self,
                    VigieInstance    **instance_out,
                    char             **reason_out)
{
  return vigie_backups_find_backup_action (self->monitor, self->details_key, instance_out,
                                           reason_out);
}

static void
update_backup_button (VigieBackupsPage *self,
                      VigieCoverage    *row)
{
  VigieInstance *instance = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(VigieAction) action = find_backup_action (self, &instance, &reason);
  gboolean needed = row->status != VIGIE_BACKUP_PROTECTED;

  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_button), action != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->backup_button), reason);
  gtk_label_set_text (self->backup_reason, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->backup_reason), reason != NULL);
  if (needed)
    gtk_widget_add_css_class (GTK_WIDGET (self->backup_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->backup_button), "suggested-action");
  if (reason != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->backup_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->backup_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
on_backup_button_clicked_cb (VigieBackupsPage *self)
{
  VigieInstance *instance = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(VigieAction) action = find_backup_action (self, &instance, &reason);

  if (action != NULL)
    vigie_run_instance_action (GTK_WIDGET (self), self->monitor, instance, action,
                               self->cancellable);
}

void
vigie_backups_page_show_details (VigieBackupsPage *self,
                                 VigieCoverage    *row)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GListStore) backups = NULL;
  const char *classes[] = { vigie_backups_status_css_class (row->status), NULL };

  g_free (self->details_key);
  self->details_key = vigie_instance_key_build (row->endpoint_uuid, row->project, row->instance_id);
  gtk_label_set_text (self->details_title, row->instance_name);
  if (row->project != NULL)
    subtitle = g_strdup_printf (_("%s · %s · project %s"), row->endpoint, row->instance_id,
                                row->project);
  else
    subtitle = g_strdup_printf ("%s · %s", row->endpoint, row->instance_id);
  gtk_label_set_text (self->details_subtitle, subtitle);

  if (row->last_backup > 0)
    {
      g_autofree char *age = vigie_format_age (row->age_hours);

      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s: newest backup %s old, %u backup in all",
                                             "%s: newest backup %s old, %u backups in all",
                                             row->backup_count),
                                vigie_backup_status_get_label (row->status), age,
                                row->backup_count);
    }
  else
    status = g_strdup_printf (_("%s: no backup found"),
                              vigie_backup_status_get_label (row->status));
  if (row->status == VIGIE_BACKUP_FAILED)
    {
      const char *why;
      g_autofree char *with_reason = NULL;

      if (row->last_backup > 0 && row->verified == VIGIE_VERIFIED_FAILED)
        why = _("The newest backup failed verification.");
      else if (row->last_backup > 0)
        why = _("The last backup attempt failed after the newest good backup.");
      else
        why = _("Backups were attempted but none succeeded.");
      with_reason = g_strconcat (status, "\n", why, NULL);
      g_free (status);
      status = g_steal_pointer (&with_reason);
    }
  gtk_label_set_text (self->details_status, status);
  gtk_widget_set_css_classes (GTK_WIDGET (self->details_status), classes);
  gtk_widget_set_visible (GTK_WIDGET (self->details_ambiguous), row->ambiguous);
  if (row->status == VIGIE_BACKUP_UNPROTECTED)
    gtk_label_set_text (self->details_hint,
                        _("This instance is not protected: no backup of it was found on any "
                          "endpoint. Back it up now, and add it to a backup job so that it "
                          "stays protected."));
  else if (row->status == VIGIE_BACKUP_STALE)
    gtk_label_set_text (self->details_hint,
                        _("Its newest backup is older than the recovery point objective."));
  gtk_widget_set_visible (GTK_WIDGET (self->details_hint),
                          row->status == VIGIE_BACKUP_UNPROTECTED ||
                          row->status == VIGIE_BACKUP_STALE);
  gtk_widget_set_visible (self->details_backups_heading, row->backups != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->details_list), row->backups != NULL);
  update_backup_button (self, row);
  /* The row's backups, as a list for the details only. */
  backups = g_list_store_new (VIGIE_TYPE_BACKUP_ITEM);
  if (row->backups != NULL)
    g_list_store_splice (backups, 0, 0, row->backups->pdata, row->backups->len);
  gtk_list_box_bind_model (self->details_list, G_LIST_MODEL (backups),
                           vigie_backups_backup_row_new, NULL, NULL);
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

static void
on_selection_changed_cb (VigieBackupsPage *self)
{
  VigieCoverage *row = gtk_single_selection_get_selected_item (self->selection);

  if (row != NULL)
    vigie_backups_page_show_details (self, row);
}

static void
on_column_view_activate_cb (VigieBackupsPage *self,
                            guint             position)
{
  g_autoptr(VigieCoverage) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (row != NULL)
    vigie_backups_page_show_details (self, row);
}

static void
on_details_close_clicked_cb (VigieBackupsPage *self)
{
  adw_flap_set_reveal_flap (self->flap, FALSE);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

void
vigie_backups_page_update_all (VigieBackupsPage *self)
{
  update_summary (self);
  update_errors (self);
  update_storage (self);
  update_no_match (self);
}

void
vigie_backups_page_emit_changes (VigieBackupsPage *self,
                                 GPtrArray        *changes)
{
  g_signal_emit (self, signals[CHANGES], 0, changes);
  vigie_backups_notify_changes (GTK_WIDGET (self), changes);
}

static void
on_settings_changed_cb (VigieBackupsPage *self,
                        const char       *key)
{
  vigie_backups_page_set_rpo_hours (self, g_settings_get_double (self->settings, "rpo-hours"));
}

/* Narrow */

/* Below this width the table is one column: six would be cut. */
#define COMPACT_BELOW 640

static gboolean
apply_compact_cb (gpointer user_data)
{
  VigieBackupsPage *self = user_data;

  self->compact_idle = 0;
  vigie_backups_set_compact (self->column_view, self->compact);
  return G_SOURCE_REMOVE;
}

/* The table and the jobs get their rows when the page is first shown:
 * made while hidden, for the first round of 10,000 guests, they held the
 * main loop for 0.3-0.5 s while every endpoint was still arriving. */
static void
vigie_backups_page_map (GtkWidget *widget)
{
  VigieBackupsPage *self = VIGIE_BACKUPS_PAGE (widget);

  if (!self->rows_bound)
    {
      self->rows_bound = TRUE;
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
      gtk_list_box_bind_model (self->jobs_list, G_LIST_MODEL (self->endpoint_jobs),
                               vigie_backups_job_row_new, NULL, NULL);
    }
  GTK_WIDGET_CLASS (vigie_backups_page_parent_class)->map (widget);
}

static void
vigie_backups_page_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  VigieBackupsPage *self = VIGIE_BACKUPS_PAGE (widget);

  /* Columns change visibility after this allocation, not during it. */
  vigie_ui_bin_allocate_compact (widget, width, height, baseline, COMPACT_BELOW,
                                 &self->compact, &self->compact_idle, apply_compact_cb);
}

/* GObject */

static void
vigie_backups_page_dispose (GObject *object)
{
  VigieBackupsPage *self = (VigieBackupsPage *) object;

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->compact_idle, g_source_remove);
  g_clear_object (&self->selection);
  if (self->round != NULL)
    g_signal_handlers_disconnect_by_data (self->round, self);
  self->round = NULL;
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  g_clear_object (&self->clock);
  g_clear_object (&self->previous_coverage);
  g_clear_object (&self->previous_jobs);
  g_clear_pointer (&self->inventories, g_ptr_array_unref);
  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_BACKUPS_PAGE);

  G_OBJECT_CLASS (vigie_backups_page_parent_class)->dispose (object);
}

static void
vigie_backups_page_finalize (GObject *object)
{
  VigieBackupsPage *self = (VigieBackupsPage *) object;

  g_clear_object (&self->coverage);
  g_clear_object (&self->jobs);
  g_clear_object (&self->endpoint_rows);
  g_clear_object (&self->endpoint_jobs);
  g_free (self->search_text);
  g_free (self->endpoint);
  g_free (self->details_key);
  g_free (self->storage_key);

  G_OBJECT_CLASS (vigie_backups_page_parent_class)->finalize (object);
}

static void
vigie_backups_page_class_init (VigieBackupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_backups_page_dispose;
  object_class->finalize = vigie_backups_page_finalize;
  widget_class->measure = vigie_ui_bin_measure;
  widget_class->size_allocate = vigie_backups_page_size_allocate;
  widget_class->map = vigie_backups_page_map;

  /**
   * VigieBackupsPage::changes:
   * @changes: (element-type VigieCoverageChange): what got worse
   *
   * Emitted after a monitor round when an instance stopped being
   * protected or a job's last result became failed; the page also sends a
   * desktop notification for each.
   */
  signals[CHANGES] = g_signal_new ("changes", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-backups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, flap);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, errors_label);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, protected_label);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, stale_label);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, unprotected_label);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, failed_label);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, no_match_label);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, jobs_list);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, storage_list);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, details_title);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, details_subtitle);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, details_status);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, details_ambiguous);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, details_list);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, details_hint);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, backup_button);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, backup_reason);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, details_backups_heading);
  gtk_widget_class_bind_template_child (widget_class, VigieBackupsPage, sections);
  gtk_widget_class_bind_template_callback (widget_class, on_backup_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_close_clicked_cb);
}

static void
vigie_backups_page_init (VigieBackupsPage *self)
{
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  self->rpo_hours = 24;
  self->status_filter = -1;
  self->coverage = g_list_store_new (VIGIE_TYPE_COVERAGE);
  self->jobs = g_list_store_new (VIGIE_TYPE_JOB);

  self->cancellable = g_cancellable_new ();
  self->endpoint_filter = gtk_custom_filter_new (filter_endpoint_row, self, NULL);
  self->endpoint_rows = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->coverage)),
                                                   GTK_FILTER (self->endpoint_filter));
  self->jobs_filter = gtk_custom_filter_new (filter_endpoint_job, self, NULL);
  self->endpoint_jobs = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->jobs)),
                                                   GTK_FILTER (self->jobs_filter));
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->endpoint_rows)),
                                              GTK_FILTER (self->filter));
  vigie_backups_setup_columns (self->column_view);
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), g_object_ref (sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
  gtk_list_box_set_placeholder (self->jobs_list,
                                vigie_backups_placeholder_new (_("No backup jobs")));
  vigie_ui_focus_tab_leaves (GTK_WIDGET (self->column_view), GTK_WIDGET (self->jobs_list),
                             GTK_WIDGET (self->storage_list), NULL);

  vigie_backups_page_recompute (self, FALSE);
}

GtkWidget *
vigie_backups_page_new (void)
{
  return g_object_new (VIGIE_TYPE_BACKUPS_PAGE, NULL);
}

void
vigie_backups_page_set_monitor (VigieBackupsPage *self,
                                VigieMonitor     *monitor)
{
  g_return_if_fail (VIGIE_IS_BACKUPS_PAGE (self));
  g_return_if_fail (VIGIE_IS_MONITOR (monitor));

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_set_object (&self->monitor, monitor);
  g_set_object (&self->clock, vigie_context_get_clock (vigie_monitor_get_context (monitor)));
  vigie_backups_page_follow_round (self);
  vigie_backups_page_take_inventories (self);
  vigie_backups_page_recompute (self, FALSE);
}

void
vigie_backups_page_set_settings (VigieBackupsPage *self,
                                 GSettings        *settings)
{
  g_return_if_fail (VIGIE_IS_BACKUPS_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_object (settings, "changed::rpo-hours", G_CALLBACK (on_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  on_settings_changed_cb (self, "rpo-hours");
}

void
vigie_backups_page_set_clock (VigieBackupsPage *self,
                              VigieClock       *clock)
{
  g_return_if_fail (VIGIE_IS_BACKUPS_PAGE (self));

  g_set_object (&self->clock, clock);
}

void
vigie_backups_page_set_rpo_hours (VigieBackupsPage *self,
                                  double            hours)
{
  g_return_if_fail (VIGIE_IS_BACKUPS_PAGE (self));
  g_return_if_fail (hours > 0);

  if (self->rpo_hours == hours)
    return;
  self->rpo_hours = hours;
  vigie_backups_page_recompute (self, FALSE);
}

void
vigie_backups_page_set_inventories (VigieBackupsPage *self,
                                    GPtrArray        *inventories)
{
  g_return_if_fail (VIGIE_IS_BACKUPS_PAGE (self));
  g_return_if_fail (inventories != NULL);

  g_clear_pointer (&self->inventories, g_ptr_array_unref);
  self->inventories = g_ptr_array_new_full (inventories->len, g_object_unref);
  for (guint i = 0; i < inventories->len; i++)
    g_ptr_array_add (self->inventories, g_object_ref (g_ptr_array_index (inventories, i)));
  vigie_backups_page_recompute (self, FALSE);
}

GListModel *
vigie_backups_page_get_coverage (VigieBackupsPage *self)
{
  g_return_val_if_fail (VIGIE_IS_BACKUPS_PAGE (self), NULL);
  return G_LIST_MODEL (self->coverage);
}

GListModel *
vigie_backups_page_get_visible (VigieBackupsPage *self)
{
  g_return_val_if_fail (VIGIE_IS_BACKUPS_PAGE (self), NULL);
  return G_LIST_MODEL (self->selection);
}

void
vigie_backups_page_set_filter (VigieBackupsPage *self,
                               const char       *text,
                               int               status)
{
  g_return_if_fail (VIGIE_IS_BACKUPS_PAGE (self));

  /* Through the widgets, so what is shown matches what is filtered; the
   * entry's "search-changed" is delayed, so apply the text now. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  on_search_entry_search_changed_cb (self);
  for (guint i = 0; i < G_N_ELEMENTS (dropdown_status); i++)
    if (dropdown_status[i] == status)
      gtk_drop_down_set_selected (self->status_dropdown, i);
  on_status_dropdown_selected_cb (self);
}

GtkLabel *
vigie_backups_page_get_summary_label (VigieBackupsPage  *self,
                                      VigieBackupStatus  status)
{
  g_return_val_if_fail (VIGIE_IS_BACKUPS_PAGE (self), NULL);

  switch (status)
    {
    case VIGIE_BACKUP_PROTECTED: return self->protected_label;
    case VIGIE_BACKUP_STALE: return self->stale_label;
    case VIGIE_BACKUP_FAILED: return self->failed_label;
    case VIGIE_BACKUP_UNPROTECTED:
    default: return self->unprotected_label;
    }
}

/**
 * vigie_backups_page_set_endpoint:
 * @name: (nullable): the endpoint selected in the sidebar, %NULL for all
 *
 * Shows the coverage of @name's instances (or, for a backup server, of the
 * instances it holds backups of), its jobs and its storage.
 */
void
vigie_backups_page_set_endpoint (VigieBackupsPage *self,
                                 const char       *name)
{
  g_return_if_fail (VIGIE_IS_BACKUPS_PAGE (self));

  if (g_strcmp0 (self->endpoint, name) == 0)
    return;
  g_free (self->endpoint);
  self->endpoint = g_strdup (name);
  gtk_filter_changed (GTK_FILTER (self->endpoint_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->jobs_filter), GTK_FILTER_CHANGE_DIFFERENT);
  vigie_backups_page_update_all (self);
  if (gtk_single_selection_get_selected_item (self->selection) == NULL)
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* Whether the table is one column (the window is narrow). */
gboolean
vigie_backups_page_get_compact (VigieBackupsPage *self)
{
  g_return_val_if_fail (VIGIE_IS_BACKUPS_PAGE (self), FALSE);
  return self->compact && self->compact_idle == 0;
}
