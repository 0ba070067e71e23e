/* vigie-migrate-section.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Compare page's "Migration" view: vigie_migrate_check_all() over the
 * monitor's inventories, one expander row per guest with its reasons; each
 * reason links to its source, the date it was read in a tooltip. The
 * counts cover every guest; the rows are made PAGE_ROWS at a time ("Show
 * More"): thousands of expander rows took seconds to make and to measure,
 * even on a hidden page, and most of a gigabyte.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-coverage.h"
#include "vigie-migrate.h"
#include "vigie-migrate-section.h"
#include "vigie-ui-a11y.h"
#include "vigie-wrap-box.h"

struct _VigieMigrateSection
{
  GtkBox          parent_instance;

  GtkDropDown    *target_dropdown;
  GtkDropDown    *verdict_dropdown;
  GtkDropDown    *endpoint_dropdown;
  GtkStringList  *endpoints;       /* the endpoint filter's items, "All" first */
  GtkLabel       *counts_label;
  GtkListBox     *list;
  GtkWidget      *empty;
  GtkButton      *more_button;

  guint           n_rows;          /* rows made */
  guint           n_shown;         /* guests the filters let through */

  GListStore     *checks;          /* VigieMigrateCheck, both targets */
  char           *signature;       /* what the rows show, to skip a rebuild */
  char           *counts_text;
};

G_DEFINE_FINAL_TYPE (VigieMigrateSection, vigie_migrate_section, GTK_TYPE_BOX)

#define PAGE_ROWS 100

static VigieMigrateTarget
current_target (VigieMigrateSection *self)
{
  return gtk_drop_down_get_selected (self->target_dropdown) == 1 ? VIGIE_MIGRATE_TO_INCUS
                                                                  : VIGIE_MIGRATE_TO_PROXMOX;
}

/* The endpoint picked, NULL for all. */
static const char *
current_endpoint (VigieMigrateSection *self)
{
  guint selected = gtk_drop_down_get_selected (self->endpoint_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->endpoints, selected);
}

static gboolean
shown (VigieMigrateSection *self,
       VigieMigrateCheck   *check)
{
  guint verdict = gtk_drop_down_get_selected (self->verdict_dropdown);
  const char *endpoint = current_endpoint (self);

  if (check->target != current_target (self))
    return FALSE;
  if (endpoint != NULL && g_strcmp0 (check->endpoint, endpoint) != 0)
    return FALSE;
  /* 0 is every verdict; then ready, needs work, blocked. */
  return verdict == 0 || verdict == GTK_INVALID_LIST_POSITION ||
         (guint) check->verdict == verdict - 1;
}

static const char *
level_text (VigieReasonLevel level)
{
  switch (level)
    {
    case VIGIE_REASON_BLOCKS:
      /* Translators: how a migration reason weighs */
      return _("Blocks");
    case VIGIE_REASON_NEEDS_WORK:
      /* Translators: how a migration reason weighs */
      return _("Needs work");
    case VIGIE_REASON_UNKNOWN:
      /* Translators: how a migration reason weighs: a fact Vigie could not check */
      return _("Not checked");
    case VIGIE_REASON_NOTE:
    default:
      /* Translators: how a migration reason weighs */
      return _("Note");
    }
}

static GtkWidget *
reason_row (VigieMigrateReason *reason)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (reason->text != NULL ? reason->text : "", -1);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (reason->detail != NULL)
    {
      g_autofree char *detail = g_strdup_printf ("%s · %s", level_text (reason->level),
                                                 reason->detail);
      subtitle = g_markup_escape_text (detail, -1);
    }
  else
    subtitle = g_markup_escape_text (level_text (reason->level), -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (reason->source != NULL)
    {
      GtkWidget *link = gtk_link_button_new_with_label (reason->source, _("Source"));
      g_autofree char *tooltip = reason->checked != NULL
        /* Translators: %s is the page, %s the date it was read */
        ? g_strdup_printf (_("%s (read on %s)"), reason->source, reason->checked)
        : g_strdup (reason->source);

      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (link, tooltip);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
    }
  return row;
}

static char *
check_subtitle (VigieMigrateCheck *check)
{
  g_autofree char *size = check->data_bytes >= 0
    ? g_format_size_full (check->data_bytes, G_FORMAT_SIZE_IEC_UNITS) : NULL;
  g_autofree char *data = size != NULL
    /* Translators: %s is a size, e.g. "40.0 GiB" */
    ? g_strdup_printf (_("%s to copy"), size)
    : g_strdup (_("data to copy unknown"));
  const char *backup = g_strcmp0 (check->backup_path, "veeam") == 0
    /* Translators: how a guest can also be moved */
    ? _("a Veeam restore is possible")
    /* Translators: no backup-based path to the target */
    : _("no backup path");

  /* Translators: endpoint · verdict · data to copy · backup path */
  return g_strdup_printf (_("%s · %s · %s · %s"), check->endpoint,
                          vigie_readiness_describe (check->verdict), data, backup);
}

static GtkWidget *
check_row (VigieMigrateCheck *check)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *title = g_markup_escape_text (check->name != NULL ? check->name
                                                                     : check->instance_id, -1);
  g_autofree char *subtitle_text = check_subtitle (check);
  g_autofree char *subtitle = g_markup_escape_text (subtitle_text, -1);
  GtkWidget *badge = gtk_label_new (vigie_readiness_describe (check->verdict));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, check->verdict == VIGIE_READINESS_READY ? "success"
                                   : check->verdict == VIGIE_READINESS_BLOCKED ? "error"
                                   : "warning");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), badge);
  if (check->reasons->len == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none),
                                     _("Nothing in the way that Vigie knows of"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), none);
    }
  for (guint i = 0; i < check->reasons->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              reason_row (g_ptr_array_index (check->reasons, i)));
  return row;
}

static char *
signature_of (VigieMigrateSection *self)
{
  GString *text = g_string_new (NULL);
  guint n = self->checks != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->checks)) : 0;

  g_string_append_printf (text, "%d|%u|%s|", current_target (self),
                          gtk_drop_down_get_selected (self->verdict_dropdown),
                          current_endpoint (self) ? current_endpoint (self) : "");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMigrateCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

      g_string_append_printf (text, "%s/%s/%d/%d/%" G_GINT64_FORMAT "/%s/%u;", check->endpoint,
                              check->instance_id, check->target, check->verdict,
                              check->data_bytes, check->backup_path ? check->backup_path : "",
                              check->reasons->len);
    }
  return g_string_free (text, FALSE);
}

/* Makes the rows of the next @count guests shown, after those made. */
static void
append_rows (VigieMigrateSection *self,
             guint                count)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->checks));
  guint seen = 0, made = 0;

  for (guint i = 0; i < n && made < count; i++)
    {
      g_autoptr(VigieMigrateCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

      if (!shown (self, check) || seen++ < self->n_rows)
        continue;
      gtk_list_box_append (self->list, check_row (check));
      made++;
    }
  self->n_rows += made;
  if (self->n_rows < self->n_shown)
    {
      guint next = MIN (PAGE_ROWS, self->n_shown - self->n_rows);
      /* Translators: a button under the migration list; %u is how many more
       * guests it shows, %u the guests not shown yet */
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Show %u More (%u Left)",
                                                             "Show %u More (%u Left)", next),
                                                next, self->n_shown - self->n_rows);

      gtk_button_set_label (self->more_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), self->n_rows < self->n_shown);
}

static void
on_more_clicked (VigieMigrateSection *self)
{
  append_rows (self, PAGE_ROWS);
}

static void
rebuild (VigieMigrateSection *self)
{
  g_autofree char *signature = signature_of (self);
  guint counts[3] = { 0, 0, 0 };
  guint n = self->checks != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->checks)) : 0;
  guint rows = 0;
  guint keep;
  GtkWidget *child;

  if (g_strcmp0 (signature, self->signature) == 0)
    return;
  g_free (self->signature);
  self->signature = g_steal_pointer (&signature);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMigrateCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

      if (!shown (self, check))
        continue;
      counts[check->verdict]++;
      rows++;
    }
  /* As many rows as were shown before a refresh, a page after a new filter. */
  keep = MAX (PAGE_ROWS, self->n_rows);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;
  self->n_shown = rows;
  append_rows (self, keep);
  g_free (self->counts_text);
  /* Translators: verdict counts; the colon and "·" as your language writes them */
  self->counts_text = g_strdup_printf (_("Ready: %u · Needs work: %u · Blocked: %u"),
                                       counts[VIGIE_READINESS_READY],
                                       counts[VIGIE_READINESS_NEEDS_WORK],
                                       counts[VIGIE_READINESS_BLOCKED]);
  gtk_label_set_text (self->counts_label, self->counts_text);
  gtk_widget_set_visible (GTK_WIDGET (self->list), rows > 0);
  gtk_widget_set_visible (self->empty, rows == 0);
}

/* Another filter: the first page of its guests. */
static void
on_filter_changed (VigieMigrateSection *self)
{
  self->n_rows = 0;
  rebuild (self);
}

static void
update_endpoints (VigieMigrateSection *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *picked = g_strdup (current_endpoint (self));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->checks));
  guint selected = 0;
  gboolean same;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMigrateCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

      if (!g_ptr_array_find_with_equal_func (names, check->endpoint, g_str_equal, NULL))
        g_ptr_array_add (names, check->endpoint);
    }
  same = names->len + 1 == g_list_model_get_n_items (G_LIST_MODEL (self->endpoints));
  for (guint i = 0; same && i < names->len; i++)
    same = g_str_equal (names->pdata[i], gtk_string_list_get_string (self->endpoints, i + 1));
  if (same)
    return;
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->endpoints, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->endpoints)) - 1,
                          (const char *const *) names->pdata);
  for (guint i = 0; picked != NULL && names->pdata[i] != NULL; i++)
    if (g_str_equal (picked, names->pdata[i]))
      selected = i + 1;
  gtk_drop_down_set_selected (self->endpoint_dropdown, selected);
}

void
vigie_migrate_section_update (VigieMigrateSection *self,
                              GPtrArray           *inventories,
                              gint64               now,
                              double               rpo_hours)
{
  g_autoptr(GListStore) coverage = NULL;

  g_return_if_fail (VIGIE_IS_MIGRATE_SECTION (self));
  g_return_if_fail (inventories != NULL);

  coverage = vigie_coverage_compute (inventories, now, rpo_hours);
  g_clear_object (&self->checks);
  self->checks = vigie_migrate_check_all (inventories, G_LIST_MODEL (coverage),
                                          vigie_knowledge_get_default (), VIGIE_MIGRATE_TO_ALL,
                                          NULL);
  update_endpoints (self);
  rebuild (self);
}

const char *
vigie_migrate_section_get_counts_text (VigieMigrateSection *self)
{
  g_return_val_if_fail (VIGIE_IS_MIGRATE_SECTION (self), NULL);

  return self->counts_text;
}

static GtkDropDown *
dropdown_new (const char *const *items,
              const char        *label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (items));

  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  vigie_ui_name_drop_down_items (dropdown);
  return dropdown;
}

static void
vigie_migrate_section_dispose (GObject *object)
{
  VigieMigrateSection *self = (VigieMigrateSection *) object;

  g_clear_object (&self->checks);
  G_OBJECT_CLASS (vigie_migrate_section_parent_class)->dispose (object);
}

static void
vigie_migrate_section_finalize (GObject *object)
{
  VigieMigrateSection *self = (VigieMigrateSection *) object;

  g_free (self->signature);
  g_free (self->counts_text);
  G_OBJECT_CLASS (vigie_migrate_section_parent_class)->finalize (object);
}

static void
vigie_migrate_section_class_init (VigieMigrateSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_migrate_section_dispose;
  object_class->finalize = vigie_migrate_section_finalize;
}

static void
vigie_migrate_section_init (VigieMigrateSection *self)
{
  const char *targets[] = { _("To Proxmox VE"), _("To Incus"), NULL };
  const char *verdicts[] = { _("All Verdicts"), _("Ready"), _("Needs Work"), _("Blocked"),
                             NULL };
  const char *all[] = { _("All Endpoints"), NULL };
  GtkWidget *title = gtk_label_new (_("Migration Readiness"));
  GtkWidget *intro = gtk_label_new (_("What it takes to move each ESXi VM to Proxmox VE or "
                                      "Incus, and each Proxmox VE guest to Incus. Expand a "
                                      "guest for the reasons and their sources."));
  /* Three drop-downs side by side need about 440 px: they wrap when narrow. */
  GtkWidget *filters = vigie_wrap_box_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (self), title);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (self), intro);

  self->target_dropdown = dropdown_new (targets, _("Target"));
  self->verdict_dropdown = dropdown_new (verdicts, _("Verdict"));
  self->endpoints = gtk_string_list_new (all);
  self->endpoint_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->endpoints),
                                                              NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->endpoint_dropdown), _("Endpoint"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->endpoint_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Endpoint"), -1);
  vigie_ui_name_drop_down_items (self->endpoint_dropdown);
  vigie_wrap_box_append (VIGIE_WRAP_BOX (filters), GTK_WIDGET (self->target_dropdown));
  vigie_wrap_box_append (VIGIE_WRAP_BOX (filters), GTK_WIDGET (self->verdict_dropdown));
  vigie_wrap_box_append (VIGIE_WRAP_BOX (filters), GTK_WIDGET (self->endpoint_dropdown));
  gtk_widget_set_hexpand (GTK_WIDGET (filters), FALSE);
  gtk_box_append (GTK_BOX (self), filters);
  g_signal_connect_swapped (self->target_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->verdict_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->endpoint_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed), self);

  self->counts_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->counts_label, TRUE);
  gtk_label_set_xalign (self->counts_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->counts_label), "heading");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->counts_label));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Migration readiness"), -1);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->list));
  self->empty = gtk_label_new (_("No guest to move for this target and filter."));
  gtk_label_set_xalign (GTK_LABEL (self->empty), 0);
  gtk_widget_add_css_class (self->empty, "dim-label");
  gtk_box_append (GTK_BOX (self), self->empty);
  self->more_button = GTK_BUTTON (gtk_button_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->more_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->more_button), "pill");
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), FALSE);
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (on_more_clicked), self);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->more_button));

  self->checks = g_list_store_new (VIGIE_TYPE_MIGRATE_CHECK);
  rebuild (self);
}

GtkWidget *
vigie_migrate_section_new (void)
{
  return g_object_new (VIGIE_TYPE_MIGRATE_SECTION, NULL);
}
