/* vigie-instances-page-details.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The details pane of the Instances page: everything the backend reported
 * about the selected instance, and its backups from the coverage. Only what
 * was fetched is shown; a field the backend does not know has no row.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-instances-page-details.h"
#include "vigie-os-name.h"
#include "vigie-ui-util.h"

struct _VigieInstanceDetails
{
  AdwBin    parent_instance;

  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkGrid  *grid;
  int       rows;
};

G_DEFINE_FINAL_TYPE (VigieInstanceDetails, vigie_instance_details, ADW_TYPE_BIN)

static void
add_row (VigieInstanceDetails *self,
         const char           *key,
         const char           *value,
         const char           *tooltip)
{
  GtkWidget *key_label, *value_label;

  if (value == NULL || *value == '\0')
    return;
  key_label = gtk_label_new (key);
  gtk_label_set_xalign (GTK_LABEL (key_label), 1);
  gtk_label_set_yalign (GTK_LABEL (key_label), 0);
  gtk_widget_add_css_class (key_label, "dim-label");
  value_label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (value_label), 32);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_hexpand (value_label, TRUE);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (value_label, tooltip);
  gtk_grid_attach (self->grid, key_label, 0, self->rows, 1, 1);
  gtk_grid_attach (self->grid, value_label, 1, self->rows, 1, 1);
  self->rows++;
}

static void
add_section (VigieInstanceDetails *self,
             const char           *title)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, self->rows > 0 ? 12 : 0);
  gtk_grid_attach (self->grid, label, 0, self->rows, 2, 1);
  self->rows++;
}

static char *
join (GPtrArray  *strings,
      const char *separator)
{
  g_autoptr(GString) text = NULL;

  if (strings == NULL || strings->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < strings->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? separator : "",
                            (char *) g_ptr_array_index (strings, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What each product calls an instance's id. */
static const char *
id_label (VigieKind kind)
{
  switch (kind)
    {
    case VIGIE_KIND_PROXMOX:
      return "VMID";
    case VIGIE_KIND_ESXI:
      /* Translators: vSphere's managed object reference (moref), e.g. vm-42 */
      return _("Managed object");
    default:
      return _("ID");
    }
}

static void
add_identity (VigieInstanceDetails *self,
              VigieInstance        *instance,
              VigieKind             kind)
{
  const char *os_words = vigie_os_name_describe (instance->os);
  g_autofree char *os_tooltip = NULL;

  add_section (self, _("Identity"));
  add_row (self, id_label (kind), instance->id, NULL);
  add_row (self, _("Name"), instance->name, NULL);
  add_row (self, "UUID", instance->uuid, NULL);
  add_row (self, _("Project"), instance->project, NULL);
  add_row (self, _("Endpoint"), instance->endpoint, NULL);
  add_row (self, _("Node"), instance->host, NULL);
  if (os_words != NULL)
    os_tooltip = g_strdup_printf (_("Reported as “%s”"), instance->os);
  add_row (self, _("Operating system"), vigie_os_name_display (instance->os), os_tooltip);
  add_row (self, _("Pool"), instance->pool, NULL);
}

static void
add_resources (VigieInstanceDetails *self,
               VigieInstance        *instance)
{
  g_autofree char *cpus = NULL;
  g_autofree char *memory = NULL;
  g_autofree char *disk = NULL;

  if (instance->cpus >= 0)
    cpus = g_strdup_printf ("%" G_GINT64_FORMAT, instance->cpus);
  if (cpus != NULL && instance->cpu_usage >= 0)
    {
      g_autofree char *count = g_steal_pointer (&cpus);

      /* Translators: CPUs and their use, e.g. “4 (12 % used)” */
      cpus = g_strdup_printf (_("%s (%.0f %% used)"), count, instance->cpu_usage * 100);
    }
  if (instance->memory_bytes >= 0 && instance->memory_used_bytes >= 0)
    {
      g_autofree char *used = vigie_ui_format_bytes (instance->memory_used_bytes);
      g_autofree char *total = vigie_ui_format_bytes (instance->memory_bytes);

      /* Translators: memory used of the total, e.g. “1.2 GB of 4.0 GB” */
      memory = g_strdup_printf (_("%s of %s"), used, total);
    }
  else if (instance->memory_bytes >= 0)
    memory = vigie_ui_format_bytes (instance->memory_bytes);
  if (instance->disk_bytes >= 0)
    disk = vigie_ui_format_bytes (instance->disk_bytes);
  if (cpus == NULL && memory == NULL && disk == NULL)
    return;
  add_section (self, _("Resources"));
  add_row (self, _("CPUs"), cpus, NULL);
  add_row (self, _("Memory"), memory, NULL);
  add_row (self, _("Disk"), disk, NULL);
}

static void
add_backups (VigieInstanceDetails *self,
             VigieInstance        *instance,
             VigieCoverage        *coverage)
{
  g_autofree char *last = NULL;
  g_autofree char *count = NULL;

  add_section (self, _("Backups"));
  /* What the endpoint itself says (Proxmox VE's not-backed-up list). */
  if (instance->in_backup_job == 0)
    add_row (self, _("Backup job"), _("No scheduled job covers it"), NULL);
  else if (instance->in_backup_job > 0)
    add_row (self, _("Backup job"), _("A scheduled job covers it"), NULL);
  if (coverage == NULL)
    {
      add_row (self, _("Status"), _("Not known yet"), NULL);
      return;
    }
  add_row (self, _("Status"), vigie_backup_status_get_label (coverage->status), NULL);
  if (coverage->last_backup > 0)
    {
      g_autofree char *age = vigie_format_age (coverage->age_hours);
      g_autofree char *when = vigie_format_time (coverage->last_backup);

      /* Translators: the newest backup, e.g. “3 h ago (2026-12-06 09:00)” */
      last = g_strdup_printf (_("%s ago (%s)"), age, when);
    }
  add_row (self, _("Newest"), last, NULL);
  if (coverage->backup_count > 0)
    count = g_strdup_printf ("%u", coverage->backup_count);
  add_row (self, _("Count"), count, NULL);
  add_row (self, _("Where"), coverage->source, NULL);
}

/* Shows @instance (NULL: nothing), named as @kind names it, with its
 * @coverage row when the backups are known. */
void
vigie_instance_details_set_instance (VigieInstanceDetails *self,
                                     VigieInstance        *instance,
                                     VigieKind             kind,
                                     VigieCoverage        *coverage)
{
  GtkWidget *child;
  g_autofree char *subtitle = NULL;
  g_autofree char *addresses = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *snapshots = NULL;

  g_return_if_fail (VIGIE_IS_INSTANCE_DETAILS (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  self->rows = 0;
  if (instance == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->subtitle_label, "");
      return;
    }

  gtk_label_set_text (self->title_label, instance->name != NULL ? instance->name : instance->id);
  subtitle = g_strdup_printf ("%s · %s",
                              instance->template ? _("Template")
                              : instance->type == VIGIE_INSTANCE_CONTAINER ? _("Container")
                              : _("Virtual Machine"),
                              vigie_instance_state_get_label (instance->state));
  gtk_label_set_text (self->subtitle_label, subtitle);

  add_identity (self, instance, kind);
  add_resources (self, instance);

  addresses = join (instance->addresses, "\n");
  tags = join (instance->tags, ", ");
  if (instance->snapshots >= 0)
    snapshots = g_strdup_printf ("%" G_GINT64_FORMAT, instance->snapshots);
  if (addresses != NULL || tags != NULL || snapshots != NULL)
    {
      add_section (self, _("More"));
      add_row (self, _("Addresses"), addresses, NULL);
      add_row (self, _("Tags"), tags, NULL);
      add_row (self, _("Snapshots"), snapshots, NULL);
    }
  if (instance->details_pending)
    add_row (self, _("Note"), _("Its addresses and snapshots are still being read"), NULL);
  /* A template is not backed up like a guest: it is not “unprotected”. */
  if (!instance->template)
    add_backups (self, instance, coverage);
}

static void
vigie_instance_details_class_init (VigieInstanceDetailsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/"
                                               "vigie-instances-page-details.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieInstanceDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, VigieInstanceDetails, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VigieInstanceDetails, grid);
}

static void
vigie_instance_details_init (VigieInstanceDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vigie_instance_details_new (void)
{
  return g_object_new (VIGIE_TYPE_INSTANCE_DETAILS, NULL);
}
