/* vigie-overview-card.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One endpoint on the Overview: what it is, whether it answers (and if not,
 * why, in words), its hosts with their load, its instances, storage and
 * jobs, and the partial failures it reported. A refresh brings a new
 * inventory object: the card keeps its rows and changes what they say, so
 * that a refresh never folds, unfocuses or scrolls anything.
 * A section is made when it first has something to list and holds rows
 * only while unfolded (at 100 endpoints, folded rows and empty sections
 * were tens of MB of widgets): unfolding one fills it.
 * A card is built only when the Overview scrolls near it, and may be
 * dropped again far from it (vigie_overview_card_set_built()): until then
 * it is the endpoint's name at about the card's height, and keeps only the
 * newest inventory and which sections were unfolded.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-overview-card.h"
#include "vigie-overview-rows.h"
#include "vigie-ui-support.h"
#include "vigie-ui-util.h"

typedef void (*SectionUpdate) (VigieOverviewCard *self,
                               VigieInventory    *inventory);

typedef struct {
  AdwExpanderRow *expander;   /* NULL until the section first has rows */
  GtkRevealer    *revealer;   /* the expander's, or NULL */
  GHashTable     *rows;       /* key -> row, borrowed: the expander owns them */
  const char     *title;
  const char     *icon_name;
  SectionUpdate   update;
  gboolean        shown_once;
  gboolean        filling;    /* this update makes and sets its rows */
  gboolean        rows_shown; /* unfolded, or folding */
  gboolean        expanded;   /* kept while the card is not built */
} Section;

struct _VigieOverviewCard
{
  AdwBin               parent_instance;

  VigieMonitor        *monitor;
  char                *endpoint;
  VigieInventory      *inventory;
  gboolean             unfold_backups;
  gboolean             updating;
  guint                n_updates;   /* for tests */

  GtkWidget           *placeholder; /* until built, the card's child */
  gboolean             measured;    /* the placeholder has the height the
                                     * card had when it was dropped */
  AdwPreferencesGroup *group;       /* once built, the card's child */
  AdwActionRow        *status_row;
  GtkImage            *status_icon;
  GtkLabel            *latency;
  char                *badges_key;
  GtkWidget           *support_alert;
  char                *alert_key;
  AdwActionRow        *instances_row;
  AdwActionRow        *license_row;
  Section              hosts;
  Section              storage;
  Section              jobs;
  Section              warnings;
};

G_DEFINE_FINAL_TYPE (VigieOverviewCard, vigie_overview_card, ADW_TYPE_BIN)

/* sections: a folding row of keyed rows
 *
 * A section holds rows only while unfolded; from folding to the refresh
 * that drops them, its rows are hidden: a GtkRevealer measures its child
 * even when it shows none of it, so each change on the Overview laid out
 * the text of every folded row of every card again (2.5 of the 4 s of CPU
 * spent measuring labels during the first load at 10,000 guests). */

static void
section_show_rows (Section  *section,
                   gboolean  shown)
{
  GHashTableIter iter;
  gpointer row;

  if (section->rows_shown == shown)
    return;
  section->rows_shown = shown;
  g_hash_table_iter_init (&iter, section->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    gtk_widget_set_visible (row, shown);
}

/* Shown before unfolding; hidden once folded, after the animation. */
static void
on_section_expanded_cb (AdwExpanderRow *expander,
                        GParamSpec     *pspec,
                        Section        *section)
{
  section->expanded = adw_expander_row_get_expanded (expander);
  if (section->expanded)
    section_show_rows (section, TRUE);
  else if (section->revealer == NULL || !gtk_revealer_get_child_revealed (section->revealer))
    section_show_rows (section, FALSE);
}

static void
on_section_revealed_cb (GtkRevealer *revealer,
                        GParamSpec  *pspec,
                        Section     *section)
{
  if (!gtk_revealer_get_child_revealed (revealer) &&
      !adw_expander_row_get_expanded (section->expander))
    section_show_rows (section, FALSE);
}


static void
section_init (Section       *section,
              const char    *title,
              const char    *icon_name,
              SectionUpdate  update)
{
  section->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  section->title = title;
  section->icon_name = icon_name;
  section->update = update;
}

static Section *
sections_of (VigieOverviewCard *self,
             guint              i)
{
  Section *sections[] = { &self->hosts, &self->storage, &self->jobs, &self->warnings };

  return i < G_N_ELEMENTS (sections) ? sections[i] : NULL;
}

static void
on_section_expanded (AdwExpanderRow    *expander,
                     GParamSpec        *pspec,
                     VigieOverviewCard *self)
{
  Section *section;

  if (self->updating || !adw_expander_row_get_expanded (expander) ||
      self->inventory == NULL || self->inventory->status != VIGIE_STATUS_OK)
    return;
  for (guint i = 0; (section = sections_of (self, i)) != NULL; i++)
    if (section->expander == expander)
      {
        self->updating = TRUE;
        section->update (self, self->inventory);
        self->updating = FALSE;
      }
}

/* The section's expander, made in its place (sections keep their order,
 * under the status rows and the support alert). */
static void
section_make (VigieOverviewCard *self,
              Section           *section)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (self->status_row)));
  GtkWidget *before = GTK_WIDGET (self->license_row);
  Section *other;

  for (guint i = 0; (other = sections_of (self, i)) != section; i++)
    if (other->expander != NULL)
      before = GTK_WIDGET (other->expander);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), section->title);
  adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (expander), section->icon_name);
  gtk_list_box_insert (list, expander, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (before)) + 1);
  section->expander = ADW_EXPANDER_ROW (expander);
  g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (on_section_expanded), self,
                           0);
  section->revealer = vigie_overview_find_revealer (expander);
  vigie_overview_single_line_labels (expander);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_section_expanded_cb), section);
  if (section->revealer != NULL)
    g_signal_connect (section->revealer, "notify::child-revealed",
                      G_CALLBACK (on_section_revealed_cb), section);
}

/* Before the rows of this refresh: @n things to list, unfolded when first
 * shown if @unfold. Rows are made and set only while the section is
 * unfolded (section_row() returns NULL otherwise). */
static void
section_begin (VigieOverviewCard *self,
               Section           *section,
               guint              n,
               gboolean           unfold)
{
  section->filling = FALSE;
  if (n == 0)
    return;
  /* Made folded, then unfolded as first shown, or as it was before the
   * card was dropped. */
  if (section->expander == NULL)
    {
      section_make (self, section);
      adw_expander_row_set_expanded (section->expander,
                                     section->shown_once ? section->expanded : unfold);
      section->shown_once = TRUE;
    }
  section->filling = adw_expander_row_get_expanded (section->expander);
}

/* The row for @key, made by @create when new, or NULL when the section is
 * folded. @seen collects the keys of this refresh. */
static GtkWidget *
section_row (Section    *section,
             GHashTable *seen,
             const char *key,
             GtkWidget *(*create) (const char *key, gpointer data),
             gpointer    data)
{
  GtkWidget *row;

  g_hash_table_add (seen, g_strdup (key));
  if (!section->filling)
    return NULL;
  row = g_hash_table_lookup (section->rows, key);
  if (row == NULL)
    {
      row = create (key, data);
      /* The rows of an unfolded section were still 1.9 of the 3.3 s spent
       * measuring labels with the Overview shown during a first load at
       * 10,000 guests: one line each too. */
      if (ADW_IS_ACTION_ROW (row))
        {
          vigie_overview_single_line_labels (row);
          g_object_set_data (G_OBJECT (row), "vigie-one-line", GINT_TO_POINTER (TRUE));
        }
      gtk_widget_set_visible (row, section->rows_shown);
      adw_expander_row_add_row (section->expander, row);
      g_hash_table_insert (section->rows, g_strdup (key), row);
    }
  return row;
}

/* Drops the rows of keys not seen, and every row of a folded section. */
static void
section_finish (Section    *section,
                GHashTable *seen,
                const char *subtitle)
{
  GHashTableIter iter;
  gpointer key, row;

  if (section->expander == NULL)
    return;
  g_hash_table_iter_init (&iter, section->rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    if (!section->filling || !g_hash_table_contains (seen, key))
      {
        adw_expander_row_remove (section->expander, row);
        g_hash_table_iter_remove (&iter);
      }
  gtk_widget_set_visible (GTK_WIDGET (section->expander), g_hash_table_size (seen) > 0);
  if (g_strcmp0 (adw_expander_row_get_subtitle (section->expander), subtitle) != 0)
    adw_expander_row_set_subtitle (section->expander, subtitle != NULL ? subtitle : "");
}

/* The card is dropped: its widgets are gone, whether it was unfolded stays. */
static void
section_drop (Section *section)
{
  section->expander = NULL;
  section->revealer = NULL;
  section->filling = FALSE;
  section->rows_shown = FALSE;
  g_hash_table_remove_all (section->rows);
}

static void
section_hide (Section *section)
{
  if (section->expander != NULL)
    gtk_widget_set_visible (GTK_WIDGET (section->expander), FALSE);
}

static GHashTable *
seen_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* hosts */

static VigieEndpoint *
find_endpoint (VigieOverviewCard *self)
{
  return vigie_endpoint_store_find_by_name (vigie_monitor_get_store (self->monitor),
                                            self->endpoint);
}

static GtkWidget *
terminal_button (const char *icon_name,
                 const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return button;
}

static GtkWidget *
host_row_new (const char *key,
              gpointer    data)
{
  VigieOverviewCard *self = data;
  VigieEndpoint *endpoint = find_endpoint (self);
  VigieBackend *backend = endpoint ? vigie_monitor_get_backend (self->monitor, endpoint) : NULL;
  GtkWidget *row = vigie_overview_text_row_new (*key != '\0' ? key : _("Unnamed host"));
  GtkWidget *bars = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *cpu = vigie_overview_usage_new (_("CPU"));
  GtkWidget *memory = vigie_overview_usage_new (_("Memory"));

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (bars, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (bars), cpu);
  gtk_box_append (GTK_BOX (bars), memory);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bars);
  g_object_set_data (G_OBJECT (row), "vigie-cpu", cpu);
  g_object_set_data (G_OBJECT (row), "vigie-memory", memory);
  if (endpoint == NULL || *key == '\0')
    return row;

  /* A host's terminals: the product's own console when it has one (a
   * Proxmox node), and SSH. The window's actions open them. */
  if (backend != NULL && VIGIE_BACKEND_GET_CLASS (backend)->open_console_async != NULL &&
      vigie_kind_has_capability (vigie_endpoint_get_kind (endpoint), VIGIE_CAP_NODE_CONSOLE))
    {
      GtkWidget *button = terminal_button ("utilities-terminal-symbolic", _("Open Console"));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-node-console");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new ("(ss)",
                                                             vigie_endpoint_get_uuid (endpoint),
                                                             key));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_object_set_data (G_OBJECT (row), "vigie-console", button);
    }
  {
    GtkWidget *button = terminal_button ("network-server-symbolic", _("Open SSH Terminal"));

    /* The target first: an action without its parameter is a warning. */
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                            g_variant_new ("(ss)",
                                                           vigie_endpoint_get_uuid (endpoint),
                                                           key));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-ssh-host");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    g_object_set_data (G_OBJECT (row), "vigie-ssh", button);
  }
  g_object_set_data_full (G_OBJECT (row), "vigie-uuid",
                          g_strdup (vigie_endpoint_get_uuid (endpoint)), g_free);
  return row;
}

static void
set_reachable (GtkWidget *button,
               gboolean   reachable,
               const char *label)
{
  if (button == NULL)
    return;
  gtk_widget_set_sensitive (button, reachable);
  gtk_widget_set_tooltip_text (button, reachable ? label : _("The host is offline"));
}

static void
update_hosts (VigieOverviewCard *self,
              VigieInventory    *inventory)
{
  g_autoptr(GHashTable) seen = seen_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts));
  guint online = 0;
  g_autofree char *subtitle = NULL;

  section_begin (self, &self->hosts, n, n <= 4);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieHost) host = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), i);
      const char *key = host->name != NULL ? host->name : "";
      GtkWidget *row = section_row (&self->hosts, seen, key, host_row_new, self);
      g_autofree char *details = NULL;
      gboolean reachable = host->state != VIGIE_HOST_OFFLINE;
      GtkWidget *ssh;
      const char *uuid;

      if (host->state == VIGIE_HOST_ONLINE)
        online++;
      if (row == NULL)
        continue;
      details = vigie_overview_host_details (host);
      ssh = g_object_get_data (G_OBJECT (row), "vigie-ssh");
      uuid = g_object_get_data (G_OBJECT (row), "vigie-uuid");
      vigie_overview_set_subtitle (ADW_ACTION_ROW (row), details);
      vigie_overview_usage_set (g_object_get_data (G_OBJECT (row), "vigie-cpu"), host->cpu_usage);
      vigie_overview_usage_set (g_object_get_data (G_OBJECT (row), "vigie-memory"),
                 vigie_overview_fraction (host->memory_used_bytes, host->memory_bytes));
      set_reachable (g_object_get_data (G_OBJECT (row), "vigie-console"), reachable,
                     _("Open Console"));
      set_reachable (ssh, reachable, _("Open SSH Terminal"));
      /* A lone host is best reached at the endpoint's own address; cluster
       * nodes by their names. */
      if (ssh != NULL && uuid != NULL)
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (ssh),
                                                g_variant_new ("(ss)", uuid,
                                                               n == 1 ? "" : key));
    }
  /* Translators: hosts of an endpoint, e.g. “2 of 3 online” */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u online", "%u of %u online",
                                           n),
                              online, n);
  section_finish (&self->hosts, seen, subtitle);
}

/* storage: datastores, repositories, and how many backups each holds */

static GtkWidget *
storage_row_new (const char *key,
                 gpointer    data)
{
  GtkWidget *row = vigie_overview_text_row_new (key);
  GtkWidget *usage = vigie_overview_usage_new (_("Used"));

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), usage);
  g_object_set_data (G_OBJECT (row), "vigie-usage", usage);
  return row;
}

static void
update_storage (VigieOverviewCard *self,
                VigieInventory    *inventory)
{
  g_autoptr(GHashTable) seen = seen_new ();
  g_autoptr(GHashTable) backups = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inventory->storage));
  guint n_backups = g_list_model_get_n_items (G_LIST_MODEL (inventory->backups));
  gboolean backup_server = vigie_kind_has_role (inventory->kind, VIGIE_ROLE_BACKUP);
  gint64 used = 0, total = 0;
  g_autofree char *used_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *subtitle = NULL;

  section_begin (self, &self->storage, n, backup_server && self->unfold_backups);
  /* A backup server's datastores: how many backups each holds. */
  for (guint i = 0; backup_server && self->storage.filling && i < n_backups; i++)
    {
      g_autoptr(VigieBackupItem) item = g_list_model_get_item (G_LIST_MODEL (inventory->backups),
                                                               i);

      if (item->location != NULL && !item->failed)
        g_hash_table_insert (backups, item->location,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (
                                                 backups, item->location)) + 1));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieStorage) storage = g_list_model_get_item (G_LIST_MODEL (inventory->storage),
                                                                i);
      g_autofree char *s_used = vigie_ui_format_bytes (storage->used_bytes);
      g_autofree char *s_total = vigie_ui_format_bytes (storage->total_bytes);
      g_autofree char *line = NULL;
      g_autofree char *key = NULL;
      guint count = storage->name != NULL
                    ? GPOINTER_TO_UINT (g_hash_table_lookup (backups, storage->name)) : 0;
      GtkWidget *row;

      if (storage->name == NULL)
        continue;
      if (storage->used_bytes > 0)
        used += storage->used_bytes;
      if (storage->total_bytes > 0)
        total += storage->total_bytes;
      key = storage->host != NULL && !storage->shared
            ? g_strdup_printf ("%s (%s)", storage->name, storage->host)
            : g_strdup (storage->name);
      row = section_row (&self->storage, seen, key, storage_row_new, self);
      if (row == NULL)
        continue;
      if (count > 0)
        /* Translators: storage use and the backups it holds,
         * e.g. “1.2 GiB of 10 GiB · 12 backups” */
        line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s · %u backup",
                                             "%s of %s · %u backups", count),
                                s_used, s_total, count);
      else
        /* Translators: storage use, e.g. “1.2 GiB of 10 GiB” */
        line = g_strdup_printf (_("%s of %s"), s_used, s_total);
      vigie_overview_set_subtitle (ADW_ACTION_ROW (row), line);
      vigie_overview_usage_set (g_object_get_data (G_OBJECT (row), "vigie-usage"),
                 vigie_overview_fraction (storage->used_bytes, storage->total_bytes));
    }
  used_text = vigie_ui_format_bytes (used);
  total_text = vigie_ui_format_bytes (total);
  subtitle = g_strdup_printf (_("%s of %s"), used_text, total_text);
  section_finish (&self->storage, seen, subtitle);
}

/* jobs */

static GtkWidget *
job_row_new (const char *key,
             gpointer    data)
{
  GtkWidget *row = vigie_overview_text_row_new (key);
  GtkWidget *icon = gtk_image_new ();

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "vigie-icon", icon);
  return row;
}

static void
update_jobs (VigieOverviewCard *self,
             VigieInventory    *inventory)
{
  g_autoptr(GHashTable) seen = seen_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inventory->jobs));
  guint failed = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieJob) job = g_list_model_get_item (G_LIST_MODEL (inventory->jobs), i);

      if (job->last_result == VIGIE_JOB_FAILED && (job->name != NULL || job->id != NULL))
        failed++;
    }
  section_begin (self, &self->jobs, n,
                 failed > 0 || (self->unfold_backups &&
                                vigie_kind_has_role (inventory->kind, VIGIE_ROLE_BACKUP)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieJob) job = g_list_model_get_item (G_LIST_MODEL (inventory->jobs), i);
      const char *name = job->name != NULL ? job->name : job->id;
      GString *line = g_string_new (vigie_ui_job_result_label (job->last_result));
      g_autofree char *text = NULL;
      GtkWidget *row;
      GtkImage *icon;

      if (name == NULL)
        {
          g_string_free (line, TRUE);
          continue;
        }
      row = section_row (&self->jobs, seen, name, job_row_new, self);
      if (row == NULL)
        {
          g_string_free (line, TRUE);
          continue;
        }
      icon = g_object_get_data (G_OBJECT (row), "vigie-icon");
      if (job->last_run > 0)
        {
          g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (job->last_run);
          /* Translators: when a job last ran; the format of g_date_time_format() */
          g_autofree char *when = time != NULL ? g_date_time_format (time, _("%Y-%m-%d %H:%M"))
                                               : NULL;

          if (when != NULL)
            g_string_append_printf (line, " · %s", when);
        }
      if (job->kind != NULL)
        g_string_append_printf (line, " · %s", job->kind);
      if (job->schedule != NULL)
        g_string_append_printf (line, " · %s", job->schedule);
      if (job->last_result == VIGIE_JOB_FAILED && job->message != NULL)
        g_string_append_printf (line, "\n%s", job->message);
      text = g_string_free (line, FALSE);
      vigie_overview_set_subtitle (ADW_ACTION_ROW (row), text);
      vigie_ui_set_icon_status (icon, job->last_result == VIGIE_JOB_FAILED
                                      ? VIGIE_UI_STATUS_ERROR
                                      : job->last_result == VIGIE_JOB_WARNING
                                      ? VIGIE_UI_STATUS_WARNING : VIGIE_UI_STATUS_OK);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      vigie_ui_job_result_label (job->last_result), -1);
    }
  if (failed > 0)
    /* Translators: backup jobs, e.g. “1 of 4 failed” */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u failed",
                                             "%u of %u failed", n), failed, n);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job", "%u jobs", n), n);
  section_finish (&self->jobs, seen, subtitle);
}

/* warnings: partial failures, which the user came to read */

static GtkWidget *
warning_row_new (const char *key,
                 gpointer    data)
{
  GtkWidget *label = gtk_label_new (key);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
update_warnings (VigieOverviewCard *self,
                 VigieInventory    *inventory)
{
  g_autoptr(GHashTable) seen = seen_new ();
  g_autofree char *subtitle = NULL;
  guint n = inventory->warnings->len;

  section_begin (self, &self->warnings, n, n <= 3);
  for (guint i = 0; i < n; i++)
    section_row (&self->warnings, seen, g_ptr_array_index (inventory->warnings, i),
                 warning_row_new, self);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u part of the endpoint did not answer",
                                           "%u parts of the endpoint did not answer", n), n);
  section_finish (&self->warnings, seen, subtitle);
}

/* Whether the version is still supported: a badge by the endpoint's name, and
 * an alert under its status when the user has an upgrade to plan or to do. */
static void
update_support (VigieOverviewCard *self,
                VigieInventory    *inventory)
{
  VigieContext *context = vigie_monitor_get_context (self->monitor);
  g_autoptr(VigieSupport) support = vigie_ui_support_of_inventory (inventory, context);
  g_autofree char *badges_key = NULL;
  g_autofree char *message = NULL;
  g_autofree char *alert_key = NULL;
  gint64 now;

  now = context != NULL ? vigie_clock_now (vigie_context_get_clock (context))
                        : g_get_real_time () / G_USEC_PER_SEC;
  if (support != NULL)
    {
      badges_key = g_strdup_printf ("%d %d %s", support->status, support->outdated,
                                    support->latest != NULL ? support->latest : "");
      message = vigie_ui_support_message (support, now);
      if (message != NULL)
        alert_key = g_strdup_printf ("%d %s %s", support->status, message,
                                     support->source != NULL ? support->source : "");
    }
  if (g_strcmp0 (badges_key, self->badges_key) != 0)
    {
      g_free (self->badges_key);
      self->badges_key = g_steal_pointer (&badges_key);
      adw_preferences_group_set_header_suffix (self->group,
                                               support != NULL
                                               ? vigie_ui_support_badges_new (support) : NULL);
    }
  if (g_strcmp0 (alert_key, self->alert_key) != 0)
    {
      GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (self->status_row));

      g_free (self->alert_key);
      self->alert_key = g_steal_pointer (&alert_key);
      if (self->support_alert != NULL)
        gtk_list_box_remove (GTK_LIST_BOX (list), self->support_alert);
      self->support_alert = self->alert_key != NULL ? vigie_ui_support_alert_new (support, now)
                                                    : NULL;
      /* Right under the status, not after the sections. */
      if (self->support_alert != NULL)
        gtk_list_box_insert (GTK_LIST_BOX (list), self->support_alert, 1);
    }
}

static void
update_header (VigieOverviewCard *self,
               VigieInventory    *inventory)
{
  VigieEndpoint *endpoint = find_endpoint (self);
  VigieBackend *backend = endpoint ? vigie_monitor_get_backend (self->monitor, endpoint) : NULL;
  g_autofree char *product = vigie_ui_product_line (inventory);
  g_autofree char *status_text = vigie_ui_status_text (inventory, backend);
  g_autofree char *description = NULL;

  /* A group's description is markup in libadwaita 1.2, and products have
   * ampersands (Veeam Backup & Replication). */
  description = g_markup_printf_escaped ("%s · %s",
                                         product != NULL ? product
                                         : vigie_kind_get_product_name (inventory->kind),
                                         inventory->url);
  if (g_strcmp0 (adw_preferences_group_get_description (self->group), description) != 0)
    adw_preferences_group_set_description (self->group, description);
  vigie_overview_set_subtitle (self->status_row, status_text);
  vigie_ui_set_icon_status (self->status_icon, vigie_ui_endpoint_status (inventory, backend));
  if (inventory->status == VIGIE_STATUS_OK && inventory->latency_ms >= 0)
    {
      g_autofree char *latency = g_strdup_printf (_("%.0f ms"), inventory->latency_ms);

      gtk_label_set_text (self->latency, latency);
      gtk_widget_set_visible (GTK_WIDGET (self->latency), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->latency), FALSE);
}

static void
card_show (VigieOverviewCard *self,
           VigieInventory    *inventory)
{
  gboolean ok;

  ok = inventory->status == VIGIE_STATUS_OK;
  update_header (self, inventory);
  update_support (self, inventory);

  /* A failing endpoint keeps its rows hidden, not destroyed: what was
   * unfolded is unfolded again when it answers. */
  gtk_widget_set_visible (GTK_WIDGET (self->instances_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->license_row), ok && inventory->license != NULL);
  if (ok && inventory->license != NULL)
    vigie_overview_set_subtitle (self->license_row, inventory->license);
  if (ok && !vigie_kind_has_role (inventory->kind, VIGIE_ROLE_BACKUP) &&
      vigie_ui_inventory_is_fetched (inventory))
    {
      g_autofree char *counts = vigie_overview_instance_counts (inventory);

      vigie_overview_set_subtitle (self->instances_row, counts);
      gtk_widget_set_visible (GTK_WIDGET (self->instances_row), TRUE);
    }
  if (!ok)
    {
      section_hide (&self->hosts);
      section_hide (&self->storage);
      section_hide (&self->jobs);
      section_hide (&self->warnings);
      return;
    }
  self->updating = TRUE;
  update_hosts (self, inventory);
  update_storage (self, inventory);
  update_jobs (self, inventory);
  update_warnings (self, inventory);
  self->updating = FALSE;
}

void
vigie_overview_card_update (VigieOverviewCard *self,
                            VigieInventory    *inventory)
{
  g_return_if_fail (VIGIE_IS_OVERVIEW_CARD (self));
  g_return_if_fail (VIGIE_IS_INVENTORY (inventory));

  if (inventory == self->inventory)
    return;
  g_set_object (&self->inventory, inventory);
  self->n_updates++;
  if (self->group != NULL)
    card_show (self, inventory);
  else if (!self->measured)
    gtk_widget_set_size_request (self->placeholder, -1,
                                 vigie_overview_estimate_height (inventory));
}

const char *
vigie_overview_card_get_endpoint (VigieOverviewCard *self)
{
  g_return_val_if_fail (VIGIE_IS_OVERVIEW_CARD (self), NULL);
  return self->endpoint;
}

VigieInventory *
vigie_overview_card_get_inventory (VigieOverviewCard *self)
{
  g_return_val_if_fail (VIGIE_IS_OVERVIEW_CARD (self), NULL);
  return self->inventory;
}

guint
vigie_overview_card_get_n_updates (VigieOverviewCard *self)
{
  g_return_val_if_fail (VIGIE_IS_OVERVIEW_CARD (self), 0);
  return self->n_updates;
}

void
vigie_overview_card_set_unfold_backups (VigieOverviewCard *self,
                                        gboolean           unfold)
{
  g_return_if_fail (VIGIE_IS_OVERVIEW_CARD (self));
  self->unfold_backups = unfold;
}

static void
vigie_overview_card_dispose (GObject *object)
{
  VigieOverviewCard *self = (VigieOverviewCard *) object;

  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->monitor);
  g_clear_object (&self->inventory);

  G_OBJECT_CLASS (vigie_overview_card_parent_class)->dispose (object);
}

static void
vigie_overview_card_finalize (GObject *object)
{
  VigieOverviewCard *self = (VigieOverviewCard *) object;
  Section *sections[] = { &self->hosts, &self->storage, &self->jobs, &self->warnings };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_clear_pointer (&sections[i]->rows, g_hash_table_unref);
  g_free (self->endpoint);
  g_free (self->badges_key);
  g_free (self->alert_key);

  G_OBJECT_CLASS (vigie_overview_card_parent_class)->finalize (object);
}

static void card_build (VigieOverviewCard *self);

/* Tab reaches a card not built yet: it is built as the focus comes in,
 * and the Overview keeps it while it holds the focus. */
static gboolean
vigie_overview_card_focus (GtkWidget        *widget,
                           GtkDirectionType  direction)
{
  VigieOverviewCard *self = VIGIE_OVERVIEW_CARD (widget);

  if (self->group == NULL && (direction == GTK_DIR_TAB_FORWARD ||
                              direction == GTK_DIR_TAB_BACKWARD))
    card_build (self);
  return GTK_WIDGET_CLASS (vigie_overview_card_parent_class)->focus (widget, direction);
}

static void
vigie_overview_card_class_init (VigieOverviewCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_overview_card_dispose;
  object_class->finalize = vigie_overview_card_finalize;
  widget_class->focus = vigie_overview_card_focus;
}

static void
vigie_overview_card_init (VigieOverviewCard *self)
{
}

/* The card's widgets, showing the newest inventory. */
static void
card_build (VigieOverviewCard *self)
{
  g_autofree char *title = NULL;
  GtkWidget *row;

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  /* A group's title is markup in libadwaita 1.2. */
  title = g_markup_escape_text (self->endpoint, -1);
  adw_preferences_group_set_title (self->group, title);

  row = vigie_overview_text_row_new (_("Status"));
  self->status_icon = GTK_IMAGE (gtk_image_new ());
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (self->status_icon));
  self->latency = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->latency), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->latency), "numeric");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->latency), _("Time the last refresh took"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->latency));
  adw_preferences_group_add (self->group, row);
  self->status_row = ADW_ACTION_ROW (row);

  row = vigie_overview_text_row_new (_("Instances"));
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "computer-symbolic");
  gtk_widget_set_visible (row, FALSE);
  adw_preferences_group_add (self->group, row);
  self->instances_row = ADW_ACTION_ROW (row);
  row = vigie_overview_text_row_new (_("License"));
  gtk_widget_set_visible (row, FALSE);
  adw_preferences_group_add (self->group, row);
  self->license_row = ADW_ACTION_ROW (row);

  /* The card's name, product and address, and these rows, on one line
   * each (a row says the whole of it when hovered): at 10,000 guests the
   * wrapped text of 100 cards was laid out again for each width tried. */
  vigie_overview_single_line_labels (GTK_WIDGET (self->group));
  g_object_set_data (G_OBJECT (self->status_row), "vigie-one-line", GINT_TO_POINTER (TRUE));
  g_object_set_data (G_OBJECT (self->instances_row), "vigie-one-line", GINT_TO_POINTER (TRUE));
  g_object_set_data (G_OBJECT (self->license_row), "vigie-one-line", GINT_TO_POINTER (TRUE));

  /* Filled before it shows: what unfolds then does not grow in an
   * animation while the Overview scrolls. */
  if (self->inventory != NULL)
    card_show (self, self->inventory);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  self->placeholder = NULL;
}

/* The endpoint's name at about the card's height, for the widgets. */
static void
card_drop (VigieOverviewCard *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  Section *section;

  for (guint i = 0; (section = sections_of (self, i)) != NULL; i++)
    section_drop (section);
  self->group = NULL;
  self->status_row = self->instances_row = self->license_row = NULL;
  self->status_icon = NULL;
  self->latency = NULL;
  self->support_alert = NULL;
  g_clear_pointer (&self->badges_key, g_free);
  g_clear_pointer (&self->alert_key, g_free);
  /* The height it had, not an estimate, while it is away: a card far
   * above the view that changed size would move what the user reads. */
  self->placeholder = vigie_overview_placeholder_new (self->endpoint, height);
  self->measured = TRUE;
  adw_bin_set_child (ADW_BIN (self), self->placeholder);
}

/**
 * vigie_overview_card_set_built:
 *
 * Builds the card's widgets, or drops them for the endpoint's name at the
 * card's height: what the user unfolded is unfolded again when it is
 * built anew. A card with the focus is never dropped.
 */
void
vigie_overview_card_set_built (VigieOverviewCard *self,
                               gboolean           built)
{
  g_return_if_fail (VIGIE_IS_OVERVIEW_CARD (self));

  if (built == (self->group != NULL))
    return;
  if (built)
    card_build (self);
  else if (gtk_widget_get_focus_child (GTK_WIDGET (self)) == NULL)
    card_drop (self);
}

gboolean
vigie_overview_card_get_built (VigieOverviewCard *self)
{
  g_return_val_if_fail (VIGIE_IS_OVERVIEW_CARD (self), FALSE);
  return self->group != NULL;
}

GtkWidget *
vigie_overview_card_new (VigieMonitor *monitor,
                         const char   *endpoint_name)
{
  VigieOverviewCard *self;

  g_return_val_if_fail (VIGIE_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (endpoint_name != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_OVERVIEW_CARD, NULL);
  self->monitor = g_object_ref (monitor);
  self->endpoint = g_strdup (endpoint_name);
  self->placeholder = vigie_overview_placeholder_new (endpoint_name, -1);
  adw_bin_set_child (ADW_BIN (self), self->placeholder);
  section_init (&self->hosts, _("Hosts"), "network-server-symbolic", update_hosts);
  section_init (&self->storage, _("Storage"), "drive-harddisk-symbolic", update_storage);
  section_init (&self->jobs, _("Jobs"), "emblem-synchronizing-symbolic", update_jobs);
  section_init (&self->warnings, _("Warnings"), "dialog-warning-symbolic", update_warnings);
  return GTK_WIDGET (self);
}
