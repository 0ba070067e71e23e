/* vigie-overview-summary.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The top of the Overview: the estate in a few lines (endpoints, hosts,
 * instances, backup coverage, versions and their support) and the alerts,
 * each with a button to the place where to act. The figures come from
 * vigie-estate-summary.c; this only shows them.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-overview-summary.h"
#include "vigie-overview-rows.h"
#include "vigie-ui-support.h"
#include "vigie-ui-util.h"

struct _VigieOverviewSummary
{
  GtkBox               parent_instance;

  AdwPreferencesGroup *estate;
  AdwActionRow        *endpoints_row;
  AdwActionRow        *hosts_row;
  AdwActionRow        *instances_row;
  AdwActionRow        *backups_row;
  AdwExpanderRow      *versions_row;
  GPtrArray           *version_rows;
  char                *versions_key;
  AdwPreferencesGroup *alerts;
  GPtrArray           *alert_rows;
  AdwActionRow        *no_alerts_row;
};

G_DEFINE_FINAL_TYPE (VigieOverviewSummary, vigie_overview_summary, GTK_TYPE_BOX)

static AdwActionRow *
figure_row (AdwPreferencesGroup *group,
            const char          *title,
            const char          *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (group, row);
  return ADW_ACTION_ROW (row);
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  if (g_strcmp0 (adw_action_row_get_subtitle (row), text) != 0)
    adw_action_row_set_subtitle (row, text);
}

static void
show_figures (VigieOverviewSummary *self,
              VigieEstateSummary   *summary)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  /* Translators: endpoints by state, e.g. “5 answering, 1 failing, 0 waiting” */
  text = g_strdup_printf (_("%u answering, %u failing, %u waiting"), summary->endpoints_ok,
                          summary->endpoints_failing, summary->endpoints_pending);
  set_subtitle (self->endpoints_row, text);
  g_clear_pointer (&text, g_free);

  /* Translators: hosts by state, e.g. “3 online, 1 offline, 0 in maintenance” */
  text = g_strdup_printf (_("%u online, %u offline, %u in maintenance"), summary->hosts_online,
                          summary->hosts_offline, summary->hosts_maintenance);
  set_subtitle (self->hosts_row, text);
  g_clear_pointer (&text, g_free);

  /* Translators: instances by state; templates are not stopped guests.
   * E.g. “12 running, 3 stopped, 1 paused, 0 unknown, 2 templates” */
  g_string_append_printf (line, _("%u running, %u stopped, %u paused, %u unknown, %u templates"),
                          summary->running, summary->stopped, summary->paused,
                          summary->unknown, summary->templates);
  g_string_append (line, "\n");
  /* Translators: instances by type, e.g. “10 VMs, 8 containers” */
  g_string_append_printf (line, _("%u VMs, %u containers"), summary->vms, summary->containers);
  set_subtitle (self->instances_row, line->str);
  text = g_strdup_printf ("%u", summary->instances);
  gtk_label_set_text (g_object_get_data (G_OBJECT (self->instances_row), "vigie-total"), text);
  g_clear_pointer (&text, g_free);

  /* Computed off the main thread: until it is, the row says nothing. */
  if (!summary->coverage_known)
    return;
  /* Translators: backup coverage, e.g. “8 protected, 2 stale, 4 unprotected, 1 failed” */
  text = g_strdup_printf (_("%u protected, %u stale, %u unprotected, %u failed"),
                          summary->coverage.protected_, summary->coverage.stale,
                          summary->coverage.unprotected, summary->coverage.failed);
  set_subtitle (self->backups_row, text);
}

static const char *
support_css (VigieSupportStatus status)
{
  switch (status)
    {
    case VIGIE_SUPPORT_SUPPORTED: return "vigie-status-ok";
    case VIGIE_SUPPORT_ENDING_SOON: return "vigie-status-warning";
    case VIGIE_SUPPORT_END_OF_SUPPORT: return "vigie-status-error";
    case VIGIE_SUPPORT_UNKNOWN:
    default:
      return "dim-label";
    }
}

static void
show_versions (VigieOverviewSummary *self,
               VigieEstateSummary   *summary)
{
  GString *key = g_string_new (NULL);
  guint outside = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < summary->versions->len; i++)
    {
      VigieEstateVersion *v = g_ptr_array_index (summary->versions, i);

      g_string_append_printf (key, "%s %s %u %d %s\n", v->product, v->version, v->endpoints,
                              v->support, v->ends != NULL ? v->ends : "");
      if (v->support == VIGIE_SUPPORT_END_OF_SUPPORT || v->support == VIGIE_SUPPORT_ENDING_SOON)
        outside++;
    }
  if (outside > 0)
    /* Translators: versions on the estate, e.g. “5 versions, 2 to upgrade” */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u version, %u to upgrade",
                                             "%u versions, %u to upgrade",
                                             summary->versions->len),
                                summary->versions->len, outside);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u version", "%u versions",
                                             summary->versions->len), summary->versions->len);
  if (g_strcmp0 (adw_expander_row_get_subtitle (self->versions_row), subtitle) != 0)
    adw_expander_row_set_subtitle (self->versions_row, subtitle);
  if (g_strcmp0 (key->str, self->versions_key) == 0)
    {
      g_string_free (key, TRUE);
      return;
    }
  g_free (self->versions_key);
  self->versions_key = g_string_free (key, FALSE);
  for (guint i = 0; i < self->version_rows->len; i++)
    adw_expander_row_remove (self->versions_row, g_ptr_array_index (self->version_rows, i));
  g_ptr_array_set_size (self->version_rows, 0);
  for (guint i = 0; i < summary->versions->len; i++)
    {
      VigieEstateVersion *v = g_ptr_array_index (summary->versions, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *status = gtk_label_new (vigie_support_status_describe (v->support));
      g_autofree char *title = g_strdup_printf ("%s %s", v->product, v->version);
      g_autofree char *count = NULL;
      g_autofree char *ends = vigie_ui_format_date (v->ends);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      /* Translators: how many endpoints run a version */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u endpoint", "%u endpoints",
                                            v->endpoints), v->endpoints);
      if (ends != NULL)
        {
          /* Translators: endpoints running a version, then its end of
           * support, e.g. “2 endpoints · support ends on 31 August 2026” */
          g_autofree char *line = g_strdup_printf (_("%s · support ends on %s"), count, ends);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), count);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_label_set_wrap (GTK_LABEL (status), TRUE);
      gtk_label_set_justify (GTK_LABEL (status), GTK_JUSTIFY_RIGHT);
      gtk_widget_add_css_class (status, support_css (v->support));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
      adw_expander_row_add_row (self->versions_row, row);
      g_ptr_array_add (self->version_rows, row);
    }
}

/* What an alert's row shows: the row is kept while this does not change. */
static char *
alert_content (VigieEstateAlert *alert)
{
  return g_strdup_printf ("%d %d\n%s\n%s", alert->error, alert->place, alert->title,
                          alert->detail != NULL ? alert->detail : "");
}

/* An alert's title says what is wrong: it wraps, up to three lines, so that
 * a narrow window still shows it (a kept row lays it out once per width). */
static void
wrap_title (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "title"))
      {
        gtk_label_set_wrap (GTK_LABEL (child), TRUE);
        gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
        gtk_label_set_lines (GTK_LABEL (child), 3);
      }
    else
      wrap_title (child);
}

static GtkWidget *
alert_row_new (VigieEstateAlert *alert)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *button;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alert->title);
  if (alert->detail != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), alert->detail);
  /* The detail on one line, the whole alert in the row's tooltip: wrapped
   * text is laid out again for each width its ancestors try (at 10,000
   * guests the alerts' rows were the Overview's costliest labels). */
  tooltip = alert->detail != NULL ? g_strdup_printf ("%s\n%s", alert->title, alert->detail)
                                  : g_strdup (alert->title);
  gtk_widget_set_tooltip_text (row, tooltip);
  gtk_widget_add_css_class (row, alert->error ? "vigie-alert-error" : "vigie-alert-warning");
  vigie_ui_set_icon_status (GTK_IMAGE (icon), alert->error ? VIGIE_UI_STATUS_ERROR
                                                           : VIGIE_UI_STATUS_WARNING);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  alert->error ? _("Error") : _("Warning"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  /* The place to act: the endpoint itself, or its backups. */
  button = gtk_button_new_with_label (alert->place == VIGIE_ALERT_PLACE_BACKUPS ? _("Backups")
                                                                              : _("Show"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (alert->place == VIGIE_ALERT_PLACE_BACKUPS)
    /* Translators: a button of an alert; %s is an endpoint name */
    label = g_strdup_printf (_("Show the backups of %s"), alert->endpoint);
  else
    /* Translators: a button of an alert; %s is an endpoint name */
    label = g_strdup_printf (_("Show %s"), alert->endpoint);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-endpoint");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new ("(ss)", alert->endpoint,
                                                         alert->place == VIGIE_ALERT_PLACE_BACKUPS
                                                         ? "backups" : "overview"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  vigie_overview_single_line_labels (row);
  wrap_title (row);
  g_object_set_data_full (G_OBJECT (row), "vigie-alert-key", vigie_estate_alert_key (alert),
                          g_free);
  g_object_set_data_full (G_OBJECT (row), "vigie-alert-content", alert_content (alert), g_free);
  return row;
}

/* The alerts in the summary's order. A row whose alert is still there with
 * the same text is kept where it is (its text laid out once): while 100
 * endpoints answer one after the other, each answer adds an alert or two
 * and no longer makes every row again. */
static void
show_alerts (VigieOverviewSummary *self,
             VigieEstateSummary   *summary)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (self->no_alerts_row)));
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *title = NULL;
  int offset = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->no_alerts_row)) + 1;

  for (guint i = 0; i < summary->alerts->len; i++)
    {
      VigieEstateAlert *alert = g_ptr_array_index (summary->alerts, i);

      g_hash_table_replace (wanted, vigie_estate_alert_key (alert), alert);
    }
  /* Rows of alerts gone, or whose text or kind changed, go. */
  for (guint i = 0; i < self->alert_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->alert_rows, i);
      const char *key = g_object_get_data (G_OBJECT (row), "vigie-alert-key");
      VigieEstateAlert *alert = g_hash_table_lookup (wanted, key);
      g_autofree char *content = alert != NULL ? alert_content (alert) : NULL;

      if (content != NULL && !g_hash_table_contains (kept, key) &&
          g_str_equal (content, g_object_get_data (G_OBJECT (row), "vigie-alert-content")))
        g_hash_table_insert (kept, (gpointer) key, row);
      else
        adw_preferences_group_remove (self->alerts, row);
    }
  /* The others stay in place; new ones are inserted where they belong, and
   * a kept row out of order moves. */
  for (guint i = 0; i < summary->alerts->len; i++)
    {
      VigieEstateAlert *alert = g_ptr_array_index (summary->alerts, i);
      g_autofree char *key = vigie_estate_alert_key (alert);
      GtkWidget *row = g_hash_table_lookup (kept, key);

      if (row != NULL && gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) != offset + (int) i)
        {
          g_object_ref (row);
          gtk_list_box_remove (list, row);
          gtk_list_box_insert (list, row, offset + (int) i);
          g_object_unref (row);
        }
      else if (row == NULL)
        {
          row = alert_row_new (alert);
          gtk_list_box_insert (list, row, offset + (int) i);
        }
      g_hash_table_remove (kept, key);
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_set_size (self->alert_rows, 0);
  g_ptr_array_extend (self->alert_rows, rows, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->no_alerts_row), summary->alerts->len == 0);
  /* Translators: the title of the Overview's list of alerts */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Alert", "%u Alerts",
                                        summary->alerts->len), summary->alerts->len);
  if (g_strcmp0 (adw_preferences_group_get_title (self->alerts), title) != 0)
    adw_preferences_group_set_title (self->alerts, title);
}

/* The rows of the alerts shown, in order (borrowed). */
GPtrArray *
vigie_overview_summary_get_alert_rows (VigieOverviewSummary *self)
{
  g_return_val_if_fail (VIGIE_IS_OVERVIEW_SUMMARY (self), NULL);
  return self->alert_rows;
}

void
vigie_overview_summary_show (VigieOverviewSummary *self,
                             VigieEstateSummary   *summary)
{
  g_return_if_fail (VIGIE_IS_OVERVIEW_SUMMARY (self));
  g_return_if_fail (summary != NULL);

  show_figures (self, summary);
  show_versions (self, summary);
  show_alerts (self, summary);
}

static void
vigie_overview_summary_finalize (GObject *object)
{
  VigieOverviewSummary *self = (VigieOverviewSummary *) object;

  g_ptr_array_unref (self->version_rows);
  g_ptr_array_unref (self->alert_rows);
  g_free (self->versions_key);

  G_OBJECT_CLASS (vigie_overview_summary_parent_class)->finalize (object);
}

static void
vigie_overview_summary_class_init (VigieOverviewSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_overview_summary_finalize;
}

static void
vigie_overview_summary_init (VigieOverviewSummary *self)
{
  GtkWidget *button, *total;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 24);
  self->version_rows = g_ptr_array_new ();
  self->alert_rows = g_ptr_array_new ();

  self->estate = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  /* Translators: the title of the summary at the top of the Overview */
  adw_preferences_group_set_title (self->estate, _("Estate"));
  self->endpoints_row = figure_row (self->estate, _("Endpoints"), "network-workgroup-symbolic");
  self->hosts_row = figure_row (self->estate, _("Hosts"), "network-server-symbolic");
  self->instances_row = figure_row (self->estate, _("Instances"), "computer-symbolic");
  total = gtk_label_new (NULL);
  gtk_widget_add_css_class (total, "numeric");
  gtk_widget_add_css_class (total, "title-3");
  gtk_widget_set_tooltip_text (total, _("Instances in all"));
  adw_action_row_add_suffix (self->instances_row, total);
  g_object_set_data (G_OBJECT (self->instances_row), "vigie-total", total);
  self->backups_row = figure_row (self->estate, _("Backup Coverage"), "document-save-symbolic");
  button = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Show the Backups page"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show the Backups page"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-endpoint");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new ("(ss)", "", "backups"));
  adw_action_row_add_suffix (self->backups_row, button);
  adw_action_row_set_activatable_widget (self->backups_row, button);
  self->versions_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->versions_row), _("Versions"));
  adw_expander_row_set_icon_name (self->versions_row, "software-update-available-symbolic");
  adw_preferences_group_add (self->estate, GTK_WIDGET (self->versions_row));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->estate));

  self->alerts = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->alerts, _("Alerts"));
  self->no_alerts_row = figure_row (self->alerts, _("Nothing needs your attention"),
                                    "emblem-ok-symbolic");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->alerts));
}

GtkWidget *
vigie_overview_summary_new (void)
{
  return g_object_new (VIGIE_TYPE_OVERVIEW_SUMMARY, NULL);
}
