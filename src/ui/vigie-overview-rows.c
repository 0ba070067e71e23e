/* vigie-overview-rows.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pieces an Overview card's rows are made of: usage bars, text rows
 * whose subtitle is set only when it changes, one-line labels, a host's
 * details in one line, a job's last result; and what stands for a card
 * not built.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-overview-rows.h"
#include "vigie-ui-support.h"
#include "vigie-ui-util.h"

GtkWidget *
vigie_overview_usage_new (const char *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  GtkWidget *value = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 80, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  /* Usage is fine until it is high: plain until 80 %, a warning above
   * (the default offsets read low as bad, the other way round). */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), "vigie-normal", 0.8);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), "vigie-high", 1.0);
  gtk_label_set_width_chars (GTK_LABEL (value), 5);
  gtk_label_set_xalign (GTK_LABEL (value), 1.0);
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (value, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), value);
  g_object_set_data_full (G_OBJECT (box), "vigie-name", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (box), "vigie-bar", bar);
  g_object_set_data (G_OBJECT (box), "vigie-value", value);
  return box;
}

void
vigie_overview_usage_set (GtkWidget *box,
                          double     fraction)
{
  GtkWidget *bar = g_object_get_data (G_OBJECT (box), "vigie-bar");
  GtkLabel *value = g_object_get_data (G_OBJECT (box), "vigie-value");
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  if (fraction >= 0)
    {
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (fraction, 0.0, 1.0));
      text = g_strdup_printf ("%.0f %%", fraction * 100.0);
    }
  else
    {
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), 0.0);
      text = g_strdup ("—");
    }
  gtk_widget_set_sensitive (bar, fraction >= 0);
  gtk_label_set_text (value, text);
  /* Translators: e.g. “CPU: 42 %” for screen readers */
  description = g_strdup_printf (_("%s: %s"),
                                 (const char *) g_object_get_data (G_OBJECT (box), "vigie-name"),
                                 text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
}

double
vigie_overview_fraction (gint64 used,
                         gint64 total)
{
  if (used < 0 || total <= 0)
    return -1;
  return (double) used / (double) total;
}

GtkWidget *
vigie_overview_text_row_new (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names and messages come from the endpoints: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

/* Setting the same text again would still notify the accessibility tree. */
void
vigie_overview_set_subtitle (AdwActionRow *row,
                             const char   *subtitle)
{
  if (g_strcmp0 (adw_action_row_get_subtitle (row), subtitle) != 0)
    {
      adw_action_row_set_subtitle (row, subtitle != NULL ? subtitle : "");
      /* A one-line row says the whole of it when hovered. */
      if (g_object_get_data (G_OBJECT (row), "vigie-one-line") != NULL)
        gtk_widget_set_tooltip_text (GTK_WIDGET (row), subtitle);
    }
}

/* A section's title and summary on one line each: a label that does not
 * wrap has one size whatever the width it is offered, so GTK measures it
 * once; a wrapping one, in the boxes of a row in an expander in a card, was
 * laid out again for each width its ancestors tried. */
void
vigie_overview_single_line_labels (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      {
        gtk_label_set_wrap (GTK_LABEL (child), FALSE);
        gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      }
    else if (!GTK_IS_REVEALER (child))
      vigie_overview_single_line_labels (child);
}

GtkRevealer *
vigie_overview_find_revealer (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkRevealer *found = GTK_IS_REVEALER (child) ? GTK_REVEALER (child) : vigie_overview_find_revealer (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
format_uptime (gint64 seconds)
{
  if (seconds >= 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "up %d day", "up %d days",
                                         (gulong) (seconds / 86400)), (int) (seconds / 86400));
  if (seconds >= 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "up %d hour", "up %d hours",
                                         (gulong) (seconds / 3600)), (int) (seconds / 3600));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "up %d minute", "up %d minutes",
                                       (gulong) (seconds / 60)), (int) (seconds / 60));
}

/* What the backends fetched about a host, in one line: state, version, CPU
 * model, sockets/cores/threads, memory, uptime. */
char *
vigie_overview_host_details (VigieHost *host)
{
  GString *line = g_string_new (vigie_ui_host_state_label (host->state));
  const char *model = host->cpu_model;
  g_autoptr(GPtrArray) cpu = g_ptr_array_new_with_free_func (g_free);

  if (host->version != NULL)
    g_string_append_printf (line, " · %s", host->version);
  if (model != NULL)
    g_string_append_printf (line, "\n%s", model);
  if (host->cpu_sockets > 0)
    g_ptr_array_add (cpu, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d socket",
                                                        "%d sockets", host->cpu_sockets),
                                           (int) host->cpu_sockets));
  if (host->cpu_cores > 0)
    g_ptr_array_add (cpu, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d core", "%d cores",
                                                        host->cpu_cores),
                                           (int) host->cpu_cores));
  if (host->cpu_threads > 0)
    g_ptr_array_add (cpu, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d thread",
                                                        "%d threads", host->cpu_threads),
                                           (int) host->cpu_threads));
  if (host->memory_bytes > 0)
    {
      g_autofree char *memory = vigie_ui_format_bytes (host->memory_bytes);

      /* Translators: a host's memory size, e.g. “64 GiB memory” */
      g_ptr_array_add (cpu, g_strdup_printf (_("%s memory"), memory));
    }
  if (host->uptime_seconds > 0 && host->state == VIGIE_HOST_ONLINE)
    g_ptr_array_add (cpu, format_uptime (host->uptime_seconds));
  if (cpu->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (cpu, NULL);
      joined = g_strjoinv (", ", (char **) cpu->pdata);
      g_string_append (line, model != NULL ? ", " : "\n");
      g_string_append (line, joined);
    }
  return g_string_free (line, FALSE);
}

char *
vigie_overview_instance_counts (VigieInventory *inventory)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (inventory->instances));
  guint running = 0, stopped = 0, templates = 0;

  /* A template never runs: not a stopped guest. */
  for (guint i = 0; i < total; i++)
    {
      g_autoptr(VigieInstance) instance = NULL;

      instance = g_list_model_get_item (G_LIST_MODEL (inventory->instances), i);
      if (instance->template)
        templates++;
      else if (instance->state == VIGIE_STATE_RUNNING)
        running++;
      else if (instance->state == VIGIE_STATE_STOPPED)
        stopped++;
    }
  if (templates > 0)
    /* Translators: instance counts, e.g. “3 running, 2 stopped, 1 template, 6 in all” */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u running, %u stopped, %u template, %u in all",
                                         "%u running, %u stopped, %u templates, %u in all",
                                         templates),
                            running, stopped, templates, total);
  /* Translators: instance counts, e.g. “3 running, 2 stopped, 5 in all” */
  return g_strdup_printf (_("%u running, %u stopped, %u in all"), running, stopped, total);
}

/* A card's name and description, and each of its rows (Adwaita's rows are
 * 50 px at least, 60 with a subtitle): a placeholder about as tall keeps
 * the scroll bar and what scrolls into view close to the built cards. */
#define CARD_HEADER_HEIGHT 58
#define CARD_ROW_HEIGHT    60

GtkWidget *
vigie_overview_placeholder_new (const char *name,
                                int         height)
{
  GtkWidget *label = gtk_label_new (name);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_size_request (label, -1,
                               height >= 0 ? height : CARD_HEADER_HEIGHT + 2 * CARD_ROW_HEIGHT);
  return label;
}

int
vigie_overview_estimate_height (VigieInventory *inventory)
{
  guint rows = 1; /* the status */
  guint n;

  g_return_val_if_fail (VIGIE_IS_INVENTORY (inventory), -1);

  if (inventory->status != VIGIE_STATUS_OK)
    return CARD_HEADER_HEIGHT + rows * CARD_ROW_HEIGHT;
  if (!vigie_kind_has_role (inventory->kind, VIGIE_ROLE_BACKUP))
    rows++;
  if (inventory->license != NULL)
    rows++;
  /* Each section a row; a few hosts or warnings are unfolded. */
  n = g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts));
  rows += n > 0 ? 1 + (n <= 4 ? n : 0) : 0;
  rows += g_list_model_get_n_items (G_LIST_MODEL (inventory->storage)) > 0 ? 1 : 0;
  rows += g_list_model_get_n_items (G_LIST_MODEL (inventory->jobs)) > 0 ? 1 : 0;
  n = inventory->warnings->len;
  rows += n > 0 ? 1 + (n <= 3 ? n : 0) : 0;
  return CARD_HEADER_HEIGHT + rows * CARD_ROW_HEIGHT;
}
