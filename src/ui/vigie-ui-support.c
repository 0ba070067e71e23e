/* vigie-ui-support.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every text here is set on non-markup labels: line names come from the
 * knowledge base ("Veeam Backup & Replication 12") and versions from servers.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "vigie-json.h"
#include "vigie-ui-support.h"

VigieSupport *
vigie_ui_support_of_inventory (VigieInventory *inventory,
                               VigieContext   *context)
{
  VigieClock *clock;

  g_return_val_if_fail (inventory == NULL || VIGIE_IS_INVENTORY (inventory), NULL);

  if (inventory == NULL || inventory->version == NULL)
    return NULL;
  clock = context != NULL ? vigie_context_get_clock (context) : NULL;
  return vigie_knowledge_support (vigie_knowledge_get_default (), inventory->kind,
                                  inventory->product, inventory->version, inventory->build,
                                  clock != NULL ? vigie_clock_now (clock)
                                                : g_get_real_time () / G_USEC_PER_SEC);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day;
  char tail;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

char *
vigie_ui_format_date (const char *iso_date)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (!parse_date (iso_date, &date))
    return NULL;
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);
  /* Translators: a day in a sentence, e.g. “31 August 2026”; the format of
   * g_date_time_format() (%-d day, %B month name, %Y year) */
  return g_date_time_format (time, _("%-d %B %Y"));
}

/* Days from now's UTC date to the end of support (negative once past). */
static int
days_left (const VigieSupport *support,
           gint64              now)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (now);
  GDate today, ends;

  if (time == NULL || !parse_date (support->ends, &ends))
    return G_MININT;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (time), g_date_time_get_month (time),
                  g_date_time_get_year (time));
  return g_date_days_between (&today, &ends);
}

const char *
vigie_ui_support_icon_name (VigieSupportStatus status)
{
  /* Not the connection status's triangle and stop sign beside them in the
   * sidebar: a clock running out, then an exclamation mark in a circle. */
  switch (status)
    {
    case VIGIE_SUPPORT_ENDING_SOON:
      return "alarm-symbolic";
    case VIGIE_SUPPORT_END_OF_SUPPORT:
      return "emblem-important-symbolic";
    case VIGIE_SUPPORT_SUPPORTED:
    case VIGIE_SUPPORT_UNKNOWN:
    default:
      return NULL;
    }
}

static const char *
status_css (VigieSupportStatus status)
{
  switch (status)
    {
    case VIGIE_SUPPORT_SUPPORTED:
      return "support-supported";
    case VIGIE_SUPPORT_ENDING_SOON:
      return "support-ending-soon";
    case VIGIE_SUPPORT_END_OF_SUPPORT:
      return "support-end-of-support";
    case VIGIE_SUPPORT_UNKNOWN:
    default:
      return "support-unknown";
    }
}

char *
vigie_ui_support_summary (const VigieSupport *support)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (support != NULL, NULL);

  date = vigie_ui_format_date (support->ends);
  switch (support->status)
    {
    case VIGIE_SUPPORT_END_OF_SUPPORT:
      if (date != NULL)
        /* Translators: a product line and a date, e.g.
         * “Proxmox VE 8: end of support since 31 August 2026” */
        return g_strdup_printf (_("%s: end of support since %s"), support->line, date);
      /* Translators: a product line, e.g. “Incus feature releases: no longer supported” */
      return g_strdup_printf (_("%s: no longer supported"), support->line);
    case VIGIE_SUPPORT_ENDING_SOON:
      /* Translators: a product line and a date, e.g.
       * “Veeam Backup & Replication 12: support ends on 1 February 2027” */
      return g_strdup_printf (_("%s: support ends on %s"), support->line, date);
    case VIGIE_SUPPORT_SUPPORTED:
      if (date != NULL)
        /* Translators: a product line and a date */
        return g_strdup_printf (_("%s: supported until %s"), support->line, date);
      /* Translators: a product line, e.g. “Proxmox VE 9: supported” */
      return g_strdup_printf (_("%s: supported, no end announced"), support->line);
    case VIGIE_SUPPORT_UNKNOWN:
    default:
      return g_strdup (_("Vigie does not know the support dates of this version"));
    }
}

char *
vigie_ui_support_message (const VigieSupport *support,
                          gint64              now)
{
  g_autofree char *date = NULL;
  g_autofree char *when = NULL;
  int days;

  g_return_val_if_fail (support != NULL, NULL);

  date = vigie_ui_format_date (support->ends);
  switch (support->status)
    {
    case VIGIE_SUPPORT_END_OF_SUPPORT:
      if (date != NULL)
        /* Translators: a product line and a date, e.g.
         * “Proxmox VE 8 reached end of support on 31 August 2026.” */
        return g_strdup_printf (_("%s reached end of support on %s."), support->line, date);
      /* Translators: a feature release line, e.g. “Incus feature releases” */
      return g_strdup_printf (_("%s: a newer release replaced this one, which is no longer "
                                "supported."), support->line);
    case VIGIE_SUPPORT_ENDING_SOON:
      days = days_left (support, now);
      if (days <= 0)
        when = g_strdup (_("today"));
      else
        /* Translators: how far the end of support is, e.g. “in 57 days” */
        when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", days),
                                days);
      /* Translators: a product line, a date and how far it is, e.g.
       * “Veeam Backup & Replication 12 reaches end of support on 1 February 2027, in 57 days.” */
      return g_strdup_printf (_("%s reaches end of support on %s, %s."), support->line, date,
                              when);
    case VIGIE_SUPPORT_SUPPORTED:
    case VIGIE_SUPPORT_UNKNOWN:
    default:
      return NULL;
    }
}

char *
vigie_ui_support_advice (const VigieSupport *support,
                         gint64              now)
{
  JsonObject *successor;
  const char *name;

  g_return_val_if_fail (support != NULL, NULL);

  if (support->status != VIGIE_SUPPORT_END_OF_SUPPORT &&
      support->status != VIGIE_SUPPORT_ENDING_SOON)
    return NULL;
  successor = vigie_knowledge_successor (vigie_knowledge_get_default (), support->line_id, now);
  name = successor != NULL ? vigie_json_get_string (successor, "name") : NULL;
  if (support->status == VIGIE_SUPPORT_ENDING_SOON)
    {
      if (name != NULL)
        /* Translators: a product line, e.g. “Plan the upgrade to Veeam Backup & Replication 13.” */
        return g_strdup_printf (_("Plan the upgrade to %s."), name);
      return g_strdup (_("Plan an upgrade to a supported release."));
    }
  if (name != NULL)
    /* Translators: a product line, e.g. “Upgrade to Proxmox VE 9.” */
    return g_strdup_printf (_("Upgrade to %s."), name);
  /* A feature release is replaced by the newest of its line. */
  if (support->ends == NULL && support->latest != NULL)
    /* Translators: a version number, e.g. “Update to version 7.5.1.” */
    return g_strdup_printf (_("Update to version %s."), support->latest);
  return g_strdup (_("Upgrade to a supported release."));
}

static GtkWidget *
badge_new (const char *text,
           const char *css_class,
           const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "vigie-badge");
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_tooltip_text (label, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  tooltip, -1);
  return label;
}

GtkWidget *
vigie_ui_support_badges_new (const VigieSupport *support)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *summary = NULL;

  g_return_val_if_fail (support != NULL, NULL);

  summary = vigie_ui_support_summary (support);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (box, "vigie-support-badges");
  gtk_box_append (GTK_BOX (box), badge_new (vigie_support_status_describe (support->status),
                                            status_css (support->status), summary));
  if (support->outdated == 1 && support->latest != NULL)
    {
      /* Translators: tooltip of the “Update available” badge */
      g_autofree char *latest = g_strdup_printf (_("Version %s is available"), support->latest);

      gtk_box_append (GTK_BOX (box), badge_new (_("Update available"), "update-available",
                                                latest));
    }
  return box;
}

GtkWidget *
vigie_ui_support_alert_new (const VigieSupport *support,
                            gint64              now)
{
  g_autofree char *message = NULL;
  g_autofree char *advice = NULL;
  GtkWidget *row, *icon;
  gboolean ended;

  g_return_val_if_fail (support != NULL, NULL);

  message = vigie_ui_support_message (support, now);
  if (message == NULL)
    return NULL;
  advice = vigie_ui_support_advice (support, now);
  ended = support->status == VIGIE_SUPPORT_END_OF_SUPPORT;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), advice);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "vigie-support-alert");
  gtk_widget_add_css_class (row, ended ? "vigie-alert-error" : "vigie-alert-warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  advice, -1);

  icon = gtk_image_new_from_icon_name (vigie_ui_support_icon_name (support->status));
  gtk_widget_add_css_class (icon, ended ? "vigie-status-error" : "vigie-status-warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  vigie_support_status_describe (support->status), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (support->source != NULL)
    {
      /* Translators: a link to where the end-of-support date comes from */
      GtkWidget *link = gtk_link_button_new_with_label (support->source, _("Source"));

      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (link, support->source);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
    }
  return row;
}
