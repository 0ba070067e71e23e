/* vigie-backups-rows.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cells and rows of the Backups page: the coverage table's columns
 * (and its one column for a narrow window), where a backup is in words, the
 * jobs, the backup storage, the backups of one instance, the "backup"
 * action behind Back Up Now, and the notifications of what got worse.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vigie-backups-rows.h"
#include "vigie-action.h"
#include "vigie-kind.h"
#include "vigie-report.h"
#include "vigie-ui-util.h"

const char *
vigie_backups_status_css_class (VigieBackupStatus status)
{
  switch (status)
    {
    case VIGIE_BACKUP_PROTECTED: return "success";
    case VIGIE_BACKUP_STALE: return "warning";
    case VIGIE_BACKUP_FAILED:
    case VIGIE_BACKUP_UNPROTECTED:
    default: return "error";
    }
}

/* Worst first when sorted descending. */
static int
status_severity (VigieBackupStatus status)
{
  switch (status)
    {
    case VIGIE_BACKUP_PROTECTED: return 0;
    case VIGIE_BACKUP_STALE: return 1;
    case VIGIE_BACKUP_UNPROTECTED: return 2;
    case VIGIE_BACKUP_FAILED:
    default: return 3;
    }
}

/* The coverage table */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
setup_instance_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *id = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (id), 0);
  gtk_label_set_ellipsize (GTK_LABEL (id), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (id, "caption");
  gtk_widget_add_css_class (id, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), id);
  gtk_list_item_set_child (item, box);
}

static void
bind_instance_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  VigieCoverage *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *id = gtk_widget_get_next_sibling (name);
  g_autofree char *detail = NULL;

  if (row->project != NULL)
    /* Translators: an instance id, its type and its Incus project */
    detail = g_strdup_printf (_("%s · %s · project %s"), row->instance_id,
                              row->type == VIGIE_INSTANCE_VM ? _("VM") : _("container"),
                              row->project);
  else
    detail = g_strdup_printf ("%s · %s", row->instance_id,
                              row->type == VIGIE_INSTANCE_VM ? _("VM") : _("container"));
  gtk_label_set_text (GTK_LABEL (name), row->instance_name);
  gtk_label_set_text (GTK_LABEL (id), detail);
}

static void
bind_endpoint_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  VigieCoverage *row = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), row->endpoint);
}

static void
bind_status_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  VigieCoverage *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *classes[] = { "caption-heading", vigie_backups_status_css_class (row->status), NULL };
  g_autofree char *text = NULL;

  if (row->ambiguous)
    /* Translators: a backup status, and that some backups could not be attributed */
    text = g_strdup_printf (_("%s (ambiguous)"), vigie_backup_status_get_label (row->status));
  else
    text = g_strdup (vigie_backup_status_get_label (row->status));
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_css_classes (label, classes);
  gtk_widget_set_tooltip_text (label,
                               row->ambiguous
                                 ? _("Some backups match this instance and another one: "
                                     "they are not counted")
                                 : NULL);
}

/* A row kept from one refresh to the next says when its age reads
 * otherwise ("notify::age-hours"): the cells that show it listen while
 * bound, and show it again in place. */
static void
watch_age (GtkListItem *item,
           GCallback    show)
{
  VigieCoverage *row = gtk_list_item_get_item (item);
  gulong handler = g_signal_connect_object (row, "notify::age-hours", show, item,
                                            G_CONNECT_SWAPPED);

  g_object_set_data (G_OBJECT (item), "vigie-age-handler", GSIZE_TO_POINTER (handler));
}

static void
unbind_age_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gulong handler = GPOINTER_TO_SIZE (g_object_steal_data (G_OBJECT (item), "vigie-age-handler"));
  GObject *row = gtk_list_item_get_item (item);

  if (handler != 0 && row != NULL)
    g_signal_handler_disconnect (row, handler);
}

static void
show_age (GtkListItem *item)
{
  VigieCoverage *row = gtk_list_item_get_item (item);
  g_autofree char *age = vigie_format_age (row->age_hours);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), row->age_hours < 0 ? "—" : age);
}

static void
bind_age_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  show_age (item);
  watch_age (item, G_CALLBACK (show_age));
}

/* Where a backup is, in words: the server that holds it, then its
 * datastore, storage or repository, its namespace and its job. The
 * technical path ("pbs:lab-pbs/store1/ns") goes in a tooltip. */
char *
vigie_backups_describe_item (VigieBackupItem *backup)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean has_location = backup->location != NULL && *backup->location != '\0';

  g_return_val_if_fail (VIGIE_IS_BACKUP_ITEM (backup), NULL);

  g_ptr_array_add (parts, g_strdup (backup->endpoint != NULL ? backup->endpoint : "?"));
  switch (backup->source)
    {
    case VIGIE_BACKUP_SOURCE_PBS:
      if (has_location)
        /* Translators: where a backup is; %s is a PBS datastore name */
        g_ptr_array_add (parts, g_strdup_printf (_("datastore %s"), backup->location));
      if (backup->namespace_ != NULL && *backup->namespace_ != '\0')
        /* Translators: where a backup is; %s is a PBS namespace */
        g_ptr_array_add (parts, g_strdup_printf (_("namespace %s"), backup->namespace_));
      break;
    case VIGIE_BACKUP_SOURCE_VEEAM:
      /* Veeam names the job in location when it has no repository name. */
      if (has_location && g_strcmp0 (backup->location, backup->job) != 0)
        /* Translators: where a backup is; %s is a Veeam repository name */
        g_ptr_array_add (parts, g_strdup_printf (_("repository %s"), backup->location));
      else if (has_location && backup->job == NULL)
        g_ptr_array_add (parts, g_strdup_printf (_("job %s"), backup->location));
      break;
    case VIGIE_BACKUP_SOURCE_INCUS:
      /* Translators: where a backup is: kept by the Incus server itself */
      g_ptr_array_add (parts, g_strdup (_("instance backup")));
      break;
    case VIGIE_BACKUP_SOURCE_VZDUMP:
    default:
      if (has_location)
        /* Translators: where a backup is; %s is a Proxmox VE storage name */
        g_ptr_array_add (parts, g_strdup_printf (_("storage %s"), backup->location));
      break;
    }
  if (backup->job != NULL && *backup->job != '\0')
    /* Translators: where a backup is; %s is a backup job name */
    g_ptr_array_add (parts, g_strdup_printf (_("job %s"), backup->job));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* The newest good backup: the one the coverage's source names. */
static VigieBackupItem *
newest_backup (VigieCoverage *row)
{
  guint n = row->backups != NULL ? row->backups->len : 0;
  VigieBackupItem *best = NULL;

  for (guint i = 0; i < n; i++)
    {
      VigieBackupItem *item = g_ptr_array_index (row->backups, i);

      if (!item->failed && (best == NULL || item->time > best->time))
        best = item;
    }
  return best;
}

char *
vigie_backups_describe_source (VigieCoverage *row)
{
  VigieBackupItem *newest;

  g_return_val_if_fail (VIGIE_IS_COVERAGE (row), NULL);

  if (row->source == NULL)
    return NULL;
  newest = newest_backup (row);
  return newest != NULL ? vigie_backups_describe_item (newest) : g_strdup (row->source);
}

static void
bind_source_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  VigieCoverage *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *words = vigie_backups_describe_source (row);

  g_autofree char *tooltip = words != NULL ? g_strconcat (words, "\n", row->source, NULL) : NULL;

  gtk_label_set_text (GTK_LABEL (label), words != NULL ? words : "—");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* The words, whole, then the technical path. */
  gtk_widget_set_tooltip_text (label, tooltip);
}

static void
bind_verified_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  VigieCoverage *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *ok_classes[] = { NULL };
  const char *failed_classes[] = { "error", NULL };

  gtk_label_set_text (GTK_LABEL (label),
                      row->age_hours < 0 ? "—" : vigie_backups_verified_label (row->verified));
  gtk_widget_set_css_classes (label, row->verified == VIGIE_VERIFIED_FAILED ? failed_classes
                                                                            : ok_classes);
}

/* One column for a narrow window: the name, then the status and age, then
 * the endpoint and where the newest backup is. */
static void
setup_compact_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      if (i == 0)
        gtk_widget_add_css_class (label, "heading");
      else
        gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_item_set_child (item, box);
}

static void
show_compact (GtkListItem *item)
{
  VigieCoverage *row = gtk_list_item_get_item (item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *status = gtk_widget_get_next_sibling (name);
  GtkWidget *where = gtk_widget_get_next_sibling (status);
  const char *classes[] = { "caption", vigie_backups_status_css_class (row->status), NULL };
  const char *dim[] = { "caption", "dim-label", NULL };
  g_autofree char *age = vigie_format_age (row->age_hours);
  g_autofree char *source = vigie_backups_describe_source (row);
  g_autofree char *line2 = NULL;
  g_autofree char *line3 = NULL;

  if (row->age_hours >= 0)
    /* Translators: a backup status and the newest backup's age, e.g. “Stale · 3 d” */
    line2 = g_strdup_printf (_("%s · %s"), vigie_backup_status_get_label (row->status), age);
  else
    line2 = g_strdup (vigie_backup_status_get_label (row->status));
  line3 = source != NULL ? g_strdup_printf ("%s · %s", row->endpoint, source)
                         : g_strdup (row->endpoint);
  gtk_label_set_text (GTK_LABEL (name), row->instance_name);
  gtk_label_set_text (GTK_LABEL (status), line2);
  gtk_widget_set_css_classes (status, classes);
  gtk_label_set_text (GTK_LABEL (where), line3);
  gtk_widget_set_css_classes (where, dim);
  gtk_widget_set_tooltip_text (where, row->source);
}

static void
bind_compact_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  show_compact (item);
  watch_age (item, G_CALLBACK (show_compact));
}

static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const VigieCoverage *ra = a;
  const VigieCoverage *rb = b;
  int sa = status_severity (ra->status);
  int sb = status_severity (rb->status);

  if (sa != sb)
    return sa < sb ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  /* Within a status, the older backup is the more worrying. */
  if (ra->age_hours != rb->age_hours)
    return ra->age_hours < rb->age_hours ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return GTK_ORDERING_EQUAL;
}

static int
compare_age (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const VigieCoverage *ra = a;
  const VigieCoverage *rb = b;
  /* No backup at all sorts as the oldest. */
  double aa = ra->age_hours < 0 ? G_MAXDOUBLE : ra->age_hours;
  double ab = rb->age_hours < 0 ? G_MAXDOUBLE : rb->age_hours;

  return aa < ab ? GTK_ORDERING_SMALLER : aa > ab ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
compare_text (const char *a,
              const char *b)
{
  return g_utf8_collate (a != NULL ? a : "", b != NULL ? b : "");
}

static int
compare_endpoint (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return compare_text (((VigieCoverage *) a)->endpoint, ((VigieCoverage *) b)->endpoint);
}

static int
compare_source (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return compare_text (((VigieCoverage *) a)->source, ((VigieCoverage *) b)->source);
}

static GtkColumnViewColumn *
add_column (GtkColumnView *view,
            const char    *title,
            GCallback      setup,
            GCallback      bind,
            GtkSorter     *sorter,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);
  /* Nothing for the cells that do not watch the age. */
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_age_cb), NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);
  g_clear_object (&sorter);
  g_object_unref (column);
  return column;
}

void
vigie_backups_setup_columns (GtkColumnView *view)
{
  GtkExpression *name = gtk_property_expression_new (VIGIE_TYPE_COVERAGE, NULL, "instance-name");
  GtkColumnViewColumn *status, *compact;

  add_column (view, _("Instance"), G_CALLBACK (setup_instance_cb), G_CALLBACK (bind_instance_cb),
              GTK_SORTER (gtk_string_sorter_new (name)), TRUE);
  add_column (view, _("Endpoint"), G_CALLBACK (setup_label_cb), G_CALLBACK (bind_endpoint_cb),
              GTK_SORTER (gtk_custom_sorter_new (compare_endpoint, NULL, NULL)), FALSE);
  status = add_column (view, _("Status"), G_CALLBACK (setup_label_cb), G_CALLBACK (bind_status_cb),
                       GTK_SORTER (gtk_custom_sorter_new (compare_status, NULL, NULL)), FALSE);
  add_column (view, _("Age"), G_CALLBACK (setup_label_cb), G_CALLBACK (bind_age_cb),
              GTK_SORTER (gtk_custom_sorter_new (compare_age, NULL, NULL)), FALSE);
  add_column (view, _("Source"), G_CALLBACK (setup_label_cb), G_CALLBACK (bind_source_cb),
              GTK_SORTER (gtk_custom_sorter_new (compare_source, NULL, NULL)), TRUE);
  add_column (view, _("Verified"), G_CALLBACK (setup_label_cb), G_CALLBACK (bind_verified_cb),
              NULL, FALSE);

  /* The narrow window's one column, hidden until then. */
  compact = add_column (view, _("Instances"), G_CALLBACK (setup_compact_cb),
                        G_CALLBACK (bind_compact_cb),
                        GTK_SORTER (gtk_custom_sorter_new (compare_status, NULL, NULL)), TRUE);
  g_object_set_data (G_OBJECT (compact), "vigie-compact", GINT_TO_POINTER (TRUE));
  gtk_column_view_column_set_visible (compact, FALSE);

  /* Worst first. */
  gtk_column_view_sort_by_column (view, status, GTK_SORT_DESCENDING);
}

void
vigie_backups_set_compact (GtkColumnView *view,
                           gboolean       compact)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  guint n = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      gboolean is_compact = g_object_get_data (G_OBJECT (column), "vigie-compact") != NULL;

      gtk_column_view_column_set_visible (column, is_compact == compact);
    }
}

const char *
vigie_backups_verified_label (VigieVerified verified)
{
  switch (verified)
    {
    case VIGIE_VERIFIED_OK: return _("Verified");
    case VIGIE_VERIFIED_FAILED: return _("Verification failed");
    case VIGIE_VERIFIED_NONE:
    default: return _("Not verified");
    }
}

char *
vigie_backups_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_seconds <= 0)
    return g_strdup (_("never"));
  utc = g_date_time_new_from_unix_utc (unix_seconds);
  if (utc == NULL)
    return g_strdup ("-");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static const char *
job_icon (VigieJobResult result)
{
  switch (result)
    {
    case VIGIE_JOB_SUCCESS: return "emblem-ok-symbolic";
    case VIGIE_JOB_WARNING: return "dialog-warning-symbolic";
    case VIGIE_JOB_FAILED: return "dialog-error-symbolic";
    case VIGIE_JOB_RUNNING: return "media-playback-start-symbolic";
    case VIGIE_JOB_NONE:
    default: return "content-loading-symbolic";
    }
}

/* The kinds of Veeam jobs other than backups; NULL for plain backups and
 * kinds without a name of their own. */
static const char *
job_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "replica") == 0)
    return _("Replica");
  if (g_strcmp0 (kind, "backup-copy") == 0)
    return _("Backup copy");
  if (g_strcmp0 (kind, "file-backup") == 0)
    return _("File backup");
  if (g_strcmp0 (kind, "agent-backup") == 0)
    return _("Agent backup");
  if (g_strcmp0 (kind, "entra-id-backup") == 0)
    return _("Microsoft Entra ID backup");
  if (g_strcmp0 (kind, "object-storage-backup") == 0)
    return _("Object storage backup");
  return NULL;
}

/* One cell of a job row's facts, after a separator when it is not the
 * first; @accessible_format names the fact for a screen reader. */
static void
add_fact (GtkWidget  *facts,
          const char *text,
          const char *accessible_format,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);
  g_autofree char *accessible = g_strdup_printf (accessible_format, text);

  if (gtk_widget_get_first_child (facts) != NULL)
    gtk_box_append (GTK_BOX (facts), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_widget_add_css_class (label, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_box_append (GTK_BOX (facts), label);
}

GtkWidget *
vigie_backups_job_row_new (gpointer item,
                gpointer user_data)
{
  VigieJob *job = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (job_icon (job->last_result));
  GtkWidget *facts;
  g_autofree char *last = vigie_backups_format_time (job->last_run);
  g_autofree char *next = job->next_run > 0 ? vigie_backups_format_time (job->next_run) : NULL;
  g_autofree char *subtitle = NULL;

  if (next != NULL)
    /* Translators: endpoint · last run · next run */
    subtitle = g_strdup_printf (_("%s · last run %s · next run %s"), job->endpoint, last, next);
  else
    subtitle = g_strdup_printf (_("%s · last run %s"), job->endpoint, last);
  if (job->last_result == VIGIE_JOB_FAILED && job->message != NULL)
    {
      g_autofree char *with_message = g_strconcat (subtitle, "\n", job->message, NULL);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with_message);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 job->name != NULL ? job->name : job->id != NULL ? job->id : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  if (job->last_result == VIGIE_JOB_SUCCESS)
    gtk_widget_add_css_class (icon, "success");
  else if (job->last_result == VIGIE_JOB_WARNING)
    gtk_widget_add_css_class (icon, "warning");
  else if (job->last_result == VIGIE_JOB_FAILED)
    gtk_widget_add_css_class (icon, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  vigie_ui_job_result_label (job->last_result), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  /* The job's type and its last result are two facts: two cells apart,
   * each read out with its name ("Type: Replica", "Result: Succeeded"),
   * not "Replica Succeeded" run together. */
  facts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_valign (facts, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (facts, "vigie-job-facts");
  if (job_kind_label (job->kind) != NULL)
    /* Translators: a backup job's type, e.g. "Type: Replica" */
    add_fact (facts, job_kind_label (job->kind), _("Type: %s"), "dim-label");
  /* Translators: a backup job's last result, e.g. "Result: Succeeded" */
  add_fact (facts, vigie_ui_job_result_label (job->last_result), _("Result: %s"),
            job->last_result == VIGIE_JOB_SUCCESS ? "vigie-status-ok"
            : job->last_result == VIGIE_JOB_WARNING ? "vigie-status-warning"
            : job->last_result == VIGIE_JOB_FAILED ? "vigie-status-error" : "dim-label");
  if (job->enabled == 0)
    /* Translators: a backup job's schedule, "Schedule: Disabled" */
    add_fact (facts, _("Disabled"), _("Schedule: %s"), "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), facts);
  return row;
}

GtkWidget *
vigie_backups_placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  return label;
}

gboolean
vigie_backups_is_backup_storage (VigieInventory *inv,
                   VigieStorage   *storage)
{
  if (vigie_kind_has_role (inv->kind, VIGIE_ROLE_BACKUP))
    return TRUE;
  /* Proxmox VE's own storage types and content flags. */
  if (inv->kind == VIGIE_KIND_PROXMOX)
    return g_strcmp0 (storage->type, "pbs") == 0 ||
           (storage->content != NULL && strstr (storage->content, "backup") != NULL);
  return FALSE;
}

GtkWidget *
vigie_backups_storage_row_new (VigieInventory *inv,
                    VigieStorage   *storage)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), storage->name ? storage->name : "");
  if (storage->total_bytes > 0 && storage->used_bytes >= 0)
    {
      g_autofree char *used = g_format_size_full (storage->used_bytes, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *total = g_format_size_full (storage->total_bytes, G_FORMAT_SIZE_IEC_UNITS);
      double fraction = CLAMP ((double) storage->used_bytes / storage->total_bytes, 0, 1);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
      g_autofree char *percent = g_strdup_printf (_("%d %% used"), (int) (fraction * 100 + 0.5));

      /* Usage, not charge: fine up to 90 %, a warning past it. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH, 0.9);
      gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW, 1.0);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), fraction);
      gtk_widget_set_size_request (bar, 160, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (bar, percent);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      percent, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      /* Translators: endpoint · storage type · "1.2 TiB of 4 TiB" */
      subtitle = g_strdup_printf (_("%s · %s · %s of %s"), inv->endpoint,
                                  storage->type ? storage->type : "-", used, total);
    }
  else
    subtitle = g_strdup_printf (_("%s · %s · usage unknown"), inv->endpoint,
                                storage->type ? storage->type : "-");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

GtkWidget *
vigie_backups_backup_row_new (gpointer item,
                   gpointer user_data)
{
  VigieBackupItem *backup = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = vigie_backups_format_time (backup->time);
  g_autofree char *source = vigie_backups_describe_item (backup);
  g_autofree char *path = vigie_coverage_describe_source (backup);
  g_autofree char *size = backup->size >= 0 ? g_format_size_full (backup->size,
                                                                  G_FORMAT_SIZE_IEC_UNITS)
                                            : g_strdup (_("size unknown"));
  g_autofree char *subtitle = NULL;
  GtkWidget *icon;

  if (backup->failed)
    {
      subtitle = g_strdup_printf (_("Failed attempt · %s"), source);
      icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Failed attempt"), -1);
    }
  else
    {
      /* Translators: source · size · verification */
      subtitle = g_strdup_printf (_("%s · %s · %s"), source, size,
                                  vigie_backups_verified_label (backup->verified));
      icon = gtk_image_new_from_icon_name (backup->verified == VIGIE_VERIFIED_FAILED
                                             ? "dialog-warning-symbolic"
                                             : "document-save-symbolic");
      if (backup->verified == VIGIE_VERIFIED_FAILED)
        gtk_widget_add_css_class (icon, "warning");
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_tooltip_text (row, path);
  return row;
}

/* "Back Up Now" runs the backend's "backup" action (Proxmox VE's vzdump,
 * an Incus backup): insensitive, with the reason shown, where there is
 * none or it may not run now. */
VigieAction *
vigie_backups_find_backup_action (VigieMonitor   *monitor,
                                  const char     *key,
                                  VigieInstance **instance_out,
                                  char          **reason_out)
{
  VigieInstance *instance = NULL;
  VigieBackend *backend = NULL;
  VigieInventory *inventory = NULL;
  g_autoptr(GListModel) actions = NULL;
  g_autofree char *uuid = NULL;
  guint n;

  *instance_out = NULL;
  *reason_out = NULL;
  if (monitor != NULL && key != NULL)
    instance = vigie_monitor_find_instance (monitor, key);
  if (instance == NULL)
    {
      *reason_out = g_strdup (_("This instance is not in the latest inventory of its "
                                "endpoint."));
      return NULL;
    }
  if (vigie_instance_key_parse (key, &uuid, NULL, NULL))
    {
      backend = vigie_monitor_get_backend_for_uuid (monitor, uuid);
      inventory = vigie_monitor_get_inventory_for_uuid (monitor, uuid);
    }
  if (backend != NULL)
    actions = vigie_backend_list_actions (backend, instance);
  n = actions != NULL ? g_list_model_get_n_items (actions) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieAction) action = g_list_model_get_item (actions, i);

      if (g_strcmp0 (action->id, VIGIE_ACTION_BACKUP) != 0)
        continue;
      if (!action->allowed)
        {
          *reason_out = g_strdup (action->reason != NULL ? action->reason
                                                         : _("The endpoint does not allow it now."));
          return NULL;
        }
      *instance_out = instance;
      return g_steal_pointer (&action);
    }
  /* Translators: %s is a product name (VMware ESXi…) */
  *reason_out = g_strdup_printf (_("%s cannot start a backup itself: run the job of the backup "
                                   "product that protects this instance."),
                                 vigie_kind_get_product_name (inventory != NULL
                                                                ? inventory->kind
                                                                : VIGIE_KIND_ESXI));
  return NULL;
}

static GApplication *
get_application (GtkWidget *self)
{
  GtkRoot *root = gtk_widget_get_root (self);

  if (GTK_IS_WINDOW (root) && gtk_window_get_application (GTK_WINDOW (root)) != NULL)
    return G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root)));
  return NULL;
}

/* A desktop notification for each thing that got worse. */
void
vigie_backups_notify_changes (GtkWidget *self,
                              GPtrArray *changes)
{
  GApplication *app = get_application (self);

  for (guint i = 0; app != NULL && i < changes->len; i++)
    {
      VigieCoverageChange *change = g_ptr_array_index (changes, i);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *id = NULL;
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;

      if (change->kind == VIGIE_COVERAGE_CHANGE_JOB)
        {
          title = g_strdup_printf (_("Backup job “%s” failed"), change->name);
          body = change->message != NULL
                   ? g_strdup_printf (_("On %s: %s"), change->endpoint, change->message)
                   : g_strdup_printf (_("On %s"), change->endpoint);
          id = g_strdup_printf ("backup-job-%s-%s", change->endpoint, change->name);
        }
      else
        {
          title = g_strdup_printf (_("“%s” is no longer protected"), change->name);
          /* Translators: endpoint, then the new backup status (Stale, Failed…) */
          body = g_strdup_printf (_("On %s, its backups are now: %s"), change->endpoint,
                                  vigie_backup_status_get_label (change->new_status));
          id = g_strdup_printf ("backup-instance-%s-%s", change->endpoint, change->name);
        }
      notification = g_notification_new (title);
      g_notification_set_body (notification, body);
      g_notification_set_default_action_and_target (notification, "app.activate", NULL);
      g_application_send_notification (app, id, notification);
    }
}
