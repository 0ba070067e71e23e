/* vigie-compare-page.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Compare page: 2 to 4 columns (connected endpoints and product lines of
 * the knowledge base), hypervisors or backup solutions, weights from a preset
 * or a slider per criterion, and a report to export. The reasoning is the
 * engine's (vigie-compare*.c in core); this file chooses what it computes and
 * keeps the choices: the columns for the session, the mode and the weights in
 * GSettings. The sections are built by vigie-compare-sections.c.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vigie-compare-chart.h"
#include "vigie-compare-page-private.h"
#include "vigie-coverage.h"
#include "vigie-error.h"
#include "vigie-knowledge.h"
#include "vigie-prices-dialog.h"
#include "vigie-window.h"
#include "vigie-ui-util.h"
#include "vigie-instances-page-profile.h"

#define MAX_COLUMNS 4

G_DEFINE_FINAL_TYPE (VigieComparePage, vigie_compare_page, ADW_TYPE_BIN)

static const char *const mode_ids[] = { "hypervisors", "backup" };

/* Without endpoints, what a student would compare first. */
static const char *const default_lines[][2] = {
  { "proxmox-ve-9", "esxi-8" },
  { "pbs-4", "veeam-13" },
};


/* The engine's rule (kind_is_column in vigie-compare.c): which endpoints
 * are columns in a mode, the others only feed coverage and counts. */
static gboolean
kind_is_column (VigieCompareMode mode,
                VigieKind        kind)
{
  switch (kind)
    {
    case VIGIE_KIND_ESXI:
      return mode == VIGIE_COMPARE_HYPERVISORS;
    case VIGIE_KIND_PROXMOX:
    case VIGIE_KIND_INCUS:
      return TRUE;
    case VIGIE_KIND_PBS:
    case VIGIE_KIND_VEEAM:
      return mode == VIGIE_COMPARE_BACKUP;
    case VIGIE_KIND_UNKNOWN:
    default:
      return FALSE;
    }
}

static GPtrArray *
monitor_inventories (VigieComparePage *self)
{
  GPtrArray *inventories = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model;

  if (self->monitor == NULL)
    return inventories;
  model = vigie_monitor_get_inventories (self->monitor);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (inventories, g_list_model_get_item (model, i));
  vigie_coverage_note_fingerprints (inventories, vigie_monitor_get_store (self->monitor));
  return inventories;
}

static gboolean
keys_contain (GPtrArray  *keys,
              const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return TRUE;
  return FALSE;
}

/* The chosen columns, or by default every endpoint that is a column in this
 * mode (at most four), completed with product lines up to two. */
static GPtrArray *
effective_keys (VigieComparePage *self,
                GPtrArray        *inventories)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  if (self->keys[self->mode] != NULL)
    {
      for (guint i = 0; i < self->keys[self->mode]->len; i++)
        g_ptr_array_add (keys, g_strdup (g_ptr_array_index (self->keys[self->mode], i)));
      return keys;
    }
  for (guint i = 0; i < inventories->len && keys->len < MAX_COLUMNS; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);

      if (kind_is_column (self->mode, inv->kind) && inv->endpoint != NULL)
        g_ptr_array_add (keys, g_strdup (inv->endpoint));
    }
  for (guint i = 0; i < G_N_ELEMENTS (default_lines[0]) && keys->len < 2; i++)
    g_ptr_array_add (keys, g_strdup_printf ("product:%s", default_lines[self->mode][i]));
  return keys;
}

static char *
prices_path (VigieComparePage *self)
{
  return vigie_compare_page_config_path (self, "prices.json");
}

/* What the grid is built for: a refresh that keeps it updates in place. */
static char *
comparison_shape (VigieComparison *comparison)
{
  GString *shape = g_string_new (mode_ids[vigie_comparison_get_mode (comparison)]);

  for (guint c = 0; c < vigie_comparison_get_n_columns (comparison); c++)
    g_string_append_printf (shape, "|%s", vigie_comparison_get_column (comparison, c)->key);
  g_string_append_c (shape, '#');
  for (guint r = 0; r < vigie_comparison_get_n_criteria (comparison); r++)
    g_string_append_printf (shape, "|%s", vigie_comparison_get_criterion (comparison, r)->id);
  return g_string_free (shape, FALSE);
}

static void
restore_weights (VigieComparePage *self)
{
  const char *state = self->weights[self->mode];
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;

  if (state == NULL || *state == '\0')
    return;
  if (*state != '{')
    {
      if (!vigie_comparison_apply_preset (self->comparison, state, &error))
        g_debug ("Remembered weights ignored: %s", error->message);
      return;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, state, -1, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      !vigie_comparison_merge_weights (self->comparison,
                                       json_node_get_object (json_parser_get_root (parser)),
                                       &error))
    g_debug ("Remembered weights ignored: %s", error != NULL ? error->message : "not an object");
}

static void
save_weights (VigieComparePage *self)
{
  const char *preset = vigie_comparison_get_preset (self->comparison);
  GVariantBuilder builder;

  g_free (self->weights[self->mode]);
  self->weights[self->mode] = preset != NULL
                              ? g_strdup (preset)
                              : vigie_comparison_weights_to_string (self->comparison);
  if (self->settings == NULL)
    return;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint m = 0; m < G_N_ELEMENTS (mode_ids); m++)
    if (self->weights[m] != NULL)
      g_variant_builder_add (&builder, "{ss}", mode_ids[m], self->weights[m]);
  g_settings_set_value (self->settings, "compare-weights", g_variant_builder_end (&builder));
}

static void
update_preset_dropdown (VigieComparePage *self)
{
  const char *preset = vigie_comparison_get_preset (self->comparison);
  const char *const *presets = vigie_compare_presets ();
  guint selected = g_strv_length ((char **) presets);   /* "Custom" */

  for (guint i = 0; presets[i] != NULL; i++)
    if (g_strcmp0 (presets[i], preset) == 0)
      selected = i;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->preset_dropdown, selected);
  self->updating = FALSE;
}

static GtkWidget *
chip_new (const char *key,
          const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  /* Translators: the button that removes a column, %s is its name */
  g_autofree char *tooltip = g_strdup_printf (_("Remove %s"), title);

  gtk_widget_add_css_class (box, "vigie-chip");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_widget_set_margin_start (label, 10);
  gtk_widget_set_tooltip_text (label, title);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "compare.remove-column");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_string (key));
  gtk_box_append (GTK_BOX (box), remove);
  return box;
}

static void
update_chips (VigieComparePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_widget_unparent (child);
  for (guint c = 0; c < vigie_comparison_get_n_columns (self->comparison); c++)
    {
      const VigieCompareColumn *column = vigie_comparison_get_column (self->comparison, c);

      vigie_wrap_box_append (self->chips_box,
                             chip_new (column->key, vigie_compare_column_title (column)));
    }
}

static gboolean
line_fits_mode (VigieCompareMode  mode,
                JsonObject       *product)
{
  const char *category = json_object_get_string_member_with_default (product, "category", "");

  if (mode == VIGIE_COMPARE_HYPERVISORS)
    return g_str_equal (category, "hypervisor");
  return g_str_equal (category, "backup") || json_object_has_member (product, "backup");
}

/* What can still be added: the other endpoints, then the product lines. */
static void
update_add_menu (VigieComparePage *self,
                 GPtrArray        *inventories,
                 GPtrArray        *keys)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) endpoints = g_menu_new ();
  g_autoptr(GMenu) lines = g_menu_new ();
  JsonArray *products = vigie_knowledge_get_products (vigie_knowledge_get_default ());
  gboolean room = keys->len < MAX_COLUMNS;

  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);
      g_autoptr(GMenuItem) item = NULL;

      if (!kind_is_column (self->mode, inv->kind) || inv->endpoint == NULL ||
          keys_contain (keys, inv->endpoint))
        continue;
      item = g_menu_item_new (inv->endpoint, NULL);
      g_menu_item_set_action_and_target_value (item, "compare.add-column",
                                               g_variant_new_string (inv->endpoint));
      g_menu_append_item (endpoints, item);
    }
  for (guint p = 0; products != NULL && p < json_array_get_length (products); p++)
    {
      JsonObject *product = json_array_get_object_element (products, p);
      JsonArray *product_lines;

      if (product == NULL || !line_fits_mode (self->mode, product) ||
          !json_object_has_member (product, "lines"))
        continue;
      product_lines = json_object_get_array_member (product, "lines");
      for (guint l = 0; product_lines != NULL && l < json_array_get_length (product_lines); l++)
        {
          JsonObject *line = json_array_get_object_element (product_lines, l);
          const char *id = line ? json_object_get_string_member_with_default (line, "id", NULL)
                                : NULL;
          const char *name = line ? json_object_get_string_member_with_default (line, "name", id)
                                  : NULL;
          g_autofree char *key = id != NULL ? g_strdup_printf ("product:%s", id) : NULL;
          g_autoptr(GMenuItem) item = NULL;

          if (key == NULL || keys_contain (keys, key))
            continue;
          item = g_menu_item_new (name, NULL);
          g_menu_item_set_action_and_target_value (item, "compare.add-column",
                                                   g_variant_new_string (key));
          g_menu_append_item (lines, item);
        }
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (endpoints)) > 0)
    g_menu_append_section (menu, _("Endpoints"), G_MENU_MODEL (endpoints));
  g_menu_append_section (menu, _("Product Lines of the Knowledge Base"), G_MENU_MODEL (lines));
  gtk_menu_button_set_menu_model (self->add_button, G_MENU_MODEL (menu));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.add-column", room);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button),
                               room ? _("Add Column") : _("At most four columns"));
}

static void
set_draw_func (GtkDrawingArea         *area,
               GtkDrawingAreaDrawFunc  func,
               VigieComparison        *comparison)
{
  gtk_drawing_area_set_draw_func (area, func, g_object_ref (comparison), g_object_unref);
}

/* A new comparison for the mode, the columns and the weights; the engine
 * cannot drop a product line, so a change of columns starts again. */
/* The comparison, its empty state, or the migration readiness; the
 * comparison's own controls only with the comparison. */
static void
show_view (VigieComparePage *self)
{
  gboolean migrate = gtk_toggle_button_get_active (self->migrate_button);

  gtk_widget_set_visible (GTK_WIDGET (self->preset_dropdown), !migrate);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), !migrate);
  /* The "Columns" row: its label, the chips and the + button. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->chips_box)), !migrate);
  gtk_widget_set_visible (GTK_WIDGET (self->ranking_label), !migrate);
  if (migrate)
    gtk_stack_set_visible_child_name (self->stack, "migrate");
  else
    gtk_stack_set_visible_child_name (self->stack,
                                      vigie_comparison_get_n_columns (self->comparison) >= 2
                                      ? "content" : "empty");
}

void
vigie_compare_page_rebuild (VigieComparePage *self)
{
  g_autoptr(GPtrArray) inventories = monitor_inventories (self);
  g_autoptr(GPtrArray) keys = effective_keys (self, inventories);
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();
  g_autofree char *prices = prices_path (self);
  g_autofree char *shape = NULL;
  g_autoptr(GError) error = NULL;
  VigieContext *context = self->monitor ? vigie_monitor_get_context (self->monitor) : NULL;

  self->stale = FALSE;

  g_clear_object (&self->comparison);
  self->comparison = vigie_comparison_new (self->mode);
  if (context != NULL)
    {
      vigie_comparison_set_now (self->comparison,
                                vigie_clock_now (vigie_context_get_clock (context)));
      vigie_comparison_set_rpo_hours (self->comparison, vigie_context_get_rpo_hours (context));
    }
  else
    vigie_comparison_set_now (self->comparison, g_get_real_time () / G_USEC_PER_SEC);
  if (self->settings != NULL)
    vigie_comparison_set_rpo_hours (self->comparison,
                                    g_settings_get_double (self->settings, "rpo-hours"));
  if (prices != NULL && !vigie_comparison_load_prices_file (self->comparison, prices, &error))
    {
      GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), VIGIE_TYPE_WINDOW);

      if (window != NULL)
        vigie_window_show_toast (VIGIE_WINDOW (window), error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      if (g_str_has_prefix (key, "product:") &&
          !vigie_comparison_add_product (self->comparison, key + strlen ("product:"), &error))
        {
          g_debug ("Column %s left out: %s", key, error->message);
          g_clear_error (&error);
        }
    }
  restore_weights (self);
  vigie_compare_page_load_hardware_profile (self);
  if (self->profile_saved)
    vigie_comparison_set_hardware (self->comparison, &self->profile);
  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);

      if (!kind_is_column (self->mode, inv->kind) ||
          (inv->endpoint != NULL && keys_contain (keys, inv->endpoint)))
        g_ptr_array_add (selected, inv);
    }
  vigie_comparison_compute (self->comparison, selected);

  set_draw_func (self->totals_chart, vigie_compare_draw_totals, self->comparison);
  set_draw_func (self->cost_chart, vigie_compare_draw_costs, self->comparison);
  shape = comparison_shape (self->comparison);
  if (g_strcmp0 (shape, self->shape) == 0)
    /* A refresh: an open popover, the focus and the scroll position stay. */
    vigie_compare_page_update_grid (self);
  else
    {
      vigie_compare_page_build_grid (self);
      vigie_compare_page_build_claims (self);
      g_free (self->shape);
      self->shape = g_steal_pointer (&shape);
    }
  vigie_compare_page_build_costs (self);
  vigie_compare_page_update_profile_controls (self);
  vigie_compare_page_update_totals (self);
  update_preset_dropdown (self);
  update_chips (self);
  update_add_menu (self, inventories, keys);
  if (context != NULL)
    vigie_migrate_section_update (self->migrate_section, inventories,
                                  vigie_clock_now (vigie_context_get_clock (context)),
                                  self->settings != NULL
                                  ? g_settings_get_double (self->settings, "rpo-hours")
                                  : vigie_context_get_rpo_hours (context));
  show_view (self);
}

/* The page is built when it first shows, or when someone reads what it
 * holds: built at window creation, three times over (template, settings,
 * monitor), it was a sixth of the window's start-up at 2,000 guests. */
static void
ensure_built (VigieComparePage *self)
{
  if (self->stale || self->comparison == NULL)
    vigie_compare_page_rebuild (self);
}

/* Now if the page shows, else when it does. */
static void
queue_rebuild (VigieComparePage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else
    vigie_compare_page_rebuild (self);
}

void
vigie_compare_page_weight_changed (VigieComparePage *self,
                                   const char       *criterion_id,
                                   double            weight)
{
  vigie_comparison_set_weight (self->comparison, criterion_id, weight);
  save_weights (self);
  update_preset_dropdown (self);
  vigie_compare_page_update_totals (self);
}

/* Columns */

static GPtrArray *
current_keys (VigieComparePage *self)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; self->comparison && c < vigie_comparison_get_n_columns (self->comparison); c++)
    g_ptr_array_add (keys, g_strdup (vigie_comparison_get_column (self->comparison, c)->key));
  return keys;
}

void
vigie_compare_page_set_columns (VigieComparePage  *self,
                                const char *const *keys)
{
  g_return_if_fail (VIGIE_IS_COMPARE_PAGE (self));

  g_clear_pointer (&self->keys[self->mode], g_ptr_array_unref);
  self->keys[self->mode] = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; keys != NULL && keys[i] != NULL && i < MAX_COLUMNS; i++)
    if (!keys_contain (self->keys[self->mode], keys[i]))
      g_ptr_array_add (self->keys[self->mode], g_strdup (keys[i]));
  vigie_compare_page_rebuild (self);
}

void
vigie_compare_page_add_column (VigieComparePage *self,
                               const char       *key)
{
  g_autoptr(GPtrArray) keys = NULL;

  g_return_if_fail (VIGIE_IS_COMPARE_PAGE (self));
  g_return_if_fail (key != NULL);

  ensure_built (self);
  keys = current_keys (self);
  if (keys->len >= MAX_COLUMNS || keys_contain (keys, key))
    return;
  g_ptr_array_add (keys, g_strdup (key));
  g_ptr_array_add (keys, NULL);
  vigie_compare_page_set_columns (self, (const char *const *) keys->pdata);
}

void
vigie_compare_page_remove_column (VigieComparePage *self,
                                  const char       *key)
{
  g_autoptr(GPtrArray) keys = NULL;

  g_return_if_fail (VIGIE_IS_COMPARE_PAGE (self));
  g_return_if_fail (key != NULL);

  ensure_built (self);
  keys = current_keys (self);
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      g_ptr_array_remove_index (keys, i--);
  g_ptr_array_add (keys, NULL);
  vigie_compare_page_set_columns (self, (const char *const *) keys->pdata);
}

static void
add_column_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  vigie_compare_page_add_column (VIGIE_COMPARE_PAGE (widget), g_variant_get_string (parameter,
                                                                                     NULL));
}

static void
remove_column_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  vigie_compare_page_remove_column (VIGIE_COMPARE_PAGE (widget),
                                    g_variant_get_string (parameter, NULL));
}

/* Mode and presets */

void
vigie_compare_page_set_mode (VigieComparePage *self,
                             VigieCompareMode  mode)
{
  g_return_if_fail (VIGIE_IS_COMPARE_PAGE (self));
  g_return_if_fail (mode == VIGIE_COMPARE_HYPERVISORS || mode == VIGIE_COMPARE_BACKUP);

  if (self->mode == mode && self->comparison != NULL)
    return;
  self->mode = mode;
  self->updating = TRUE;
  gtk_toggle_button_set_active (mode == VIGIE_COMPARE_BACKUP ? self->backup_button
                                                             : self->hypervisors_button, TRUE);
  self->updating = FALSE;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "compare-mode", mode_ids[mode]);
  vigie_compare_page_rebuild (self);
}

VigieCompareMode
vigie_compare_page_get_mode (VigieComparePage *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARE_PAGE (self), VIGIE_COMPARE_HYPERVISORS);
  return self->mode;
}

static void
on_mode_toggled_cb (VigieComparePage *self,
                    GtkToggleButton  *button)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  if (button == self->migrate_button)
    {
      show_view (self);
      return;
    }
  vigie_compare_page_set_mode (self, button == self->backup_button ? VIGIE_COMPARE_BACKUP
                                                                   : VIGIE_COMPARE_HYPERVISORS);
}

void
vigie_compare_page_apply_preset (VigieComparePage *self,
                                 const char       *preset)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VIGIE_IS_COMPARE_PAGE (self));

  ensure_built (self);
  if (!vigie_comparison_apply_preset (self->comparison, preset, &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  save_weights (self);
  update_preset_dropdown (self);
  vigie_compare_page_update_totals (self);
}

static void
on_preset_selected_cb (VigieComparePage *self)
{
  const char *const *presets = vigie_compare_presets ();
  guint selected = gtk_drop_down_get_selected (self->preset_dropdown);

  if (self->updating || self->comparison == NULL ||
      selected >= g_strv_length ((char **) presets))
    return;
  vigie_compare_page_apply_preset (self, presets[selected]);
}

/* Export */

gboolean
vigie_compare_page_export (VigieComparePage  *self,
                           const char        *path,
                           GError           **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (VIGIE_IS_COMPARE_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ensure_built (self);
  lower = g_utf8_strdown (path, -1);
  if (g_str_has_suffix (lower, ".pdf"))
    return vigie_comparison_write_pdf (self->comparison, path, error);
  if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    text = vigie_comparison_to_html (self->comparison);
  else if (g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown"))
    text = vigie_comparison_to_markdown (self->comparison);
  else if (g_str_has_suffix (lower, ".csv"))
    text = vigie_comparison_to_csv (self->comparison);
  else
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("Name the report .pdf, .html, .md or .csv to choose its format"));
      return FALSE;
    }
  return g_file_set_contents (path, text, -1, error);
}

static const struct {
  const char *name;
  const char *pattern;
  const char *extension;
} export_formats[] = {
  { N_("PDF document"), "*.pdf", ".pdf" },
  { N_("Web page (HTML)"), "*.html", ".html" },
  { N_("Markdown"), "*.md", ".md" },
  { N_("Spreadsheet (CSV)"), "*.csv", ".csv" },
};

static void
on_export_response_cb (GtkNativeDialog  *dialog,
                       int               response,
                       VigieComparePage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileFilter *filter;
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), VIGIE_TYPE_WINDOW);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    basename = g_path_get_basename (path);
  if (basename != NULL && strchr (basename, '.') == NULL)
    {
      /* No extension: the chosen filter's. */
      filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      for (guint i = 0; filter != NULL && i < G_N_ELEMENTS (export_formats); i++)
        if (g_strcmp0 (gtk_file_filter_get_name (filter), _(export_formats[i].name)) == 0)
          {
            char *with = g_strconcat (path, export_formats[i].extension, NULL);

            g_free (path);
            path = with;
          }
    }
  if (path != NULL)
    {
      if (vigie_compare_page_export (self, path, &error))
        /* Translators: %s is a file name */
        message = g_strdup_printf (_("Report saved as %s"), path);
      else
        /* Translators: %s says why */
        message = g_strdup_printf (_("The report could not be saved: %s"), error->message);
      if (window != NULL)
        vigie_window_show_toast (VIGIE_WINDOW (window), message);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_export_button_clicked_cb (VigieComparePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export Report"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(export_formats[i].name));
      gtk_file_filter_add_pattern (filter, export_formats[i].pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  /* Translators: the suggested file name of an exported report */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("comparison.pdf"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
prices_changed (gpointer data)
{
  VigieComparePage *self = data;

  /* The page may have gone while the window was open. */
  if (self->comparison != NULL)
    vigie_compare_page_rebuild (self);
}

GtkWidget *
vigie_compare_page_edit_prices (VigieComparePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *path = prices_path (self);
  VigieContext *context = self->monitor ? vigie_monitor_get_context (self->monitor) : NULL;
  gint64 now = context != NULL ? vigie_clock_now (vigie_context_get_clock (context))
                               : g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (now);
  g_autofree char *date = g_date_time_format (when, "%Y-%m-%d");
  GtkWidget *window;

  g_return_val_if_fail (VIGIE_IS_COMPARE_PAGE (self), NULL);

  ensure_built (self);
  if (path == NULL || self->comparison == NULL)
    return NULL;
  window = vigie_prices_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    self->comparison, path, date, prices_changed, self);
  g_object_set_data_full (G_OBJECT (window), "vigie-page", g_object_ref (self), g_object_unref);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
on_prices_button_clicked_cb (VigieComparePage *self)
{
  vigie_compare_page_edit_prices (self);
}

/* GObject */

/* A refresh round while the page is hidden only marks it stale: the
 * comparison and the migration checks over 10,000 guests cost about half a
 * second of the main loop; they are made when the page shows or when
 * someone reads the comparison. */
static void
on_monitor_refreshed_cb (VigieComparePage *self)
{
  gint64 start;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  start = vigie_profile_begin ();
  vigie_compare_page_rebuild (self);
  if (start != 0)
    vigie_profile_log ("compare-rebuild", (g_get_monotonic_time () - start) / 1000.0, 0);
}

static void
on_map_cb (GtkWidget *widget)
{
  ensure_built (VIGIE_COMPARE_PAGE (widget));
}

static void
vigie_compare_page_dispose (GObject *object)
{
  VigieComparePage *self = (VigieComparePage *) object;

  g_clear_handle_id (&self->compact_idle, g_source_remove);
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_COMPARE_PAGE);
  g_clear_object (&self->comparison);
  for (guint m = 0; m < G_N_ELEMENTS (self->keys); m++)
    {
      g_clear_pointer (&self->keys[m], g_ptr_array_unref);
      g_clear_pointer (&self->weights[m], g_free);
    }
  g_clear_pointer (&self->ranges, g_hash_table_unref);
  g_clear_pointer (&self->total_labels, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->shape, g_free);
  g_clear_pointer (&self->profile_error, g_free);
  g_clear_pointer (&self->ranking_text, g_free);

  G_OBJECT_CLASS (vigie_compare_page_parent_class)->dispose (object);
}

static void
vigie_compare_page_class_init (VigieComparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_compare_page_dispose;
  widget_class->size_allocate = vigie_compare_page_size_allocate;
  widget_class->measure = vigie_ui_bin_measure;
  g_type_ensure (VIGIE_TYPE_MIGRATE_SECTION);

  g_type_ensure (VIGIE_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-compare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, hypervisors_button);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, backup_button);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, migrate_button);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, migrate_section);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, export_button);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, chips_box);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, ranking_label);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, stack);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, totals_chart);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, grid);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, counted_label);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, cost_chart);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, cost_box);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, prices_button);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, claims_list);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, hosts_spin);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, sockets_spin);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, cores_spin);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, live_hosts_button);
  gtk_widget_class_bind_template_child (widget_class, VigieComparePage, profile_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_prices_button_clicked_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_profile_changed_cb",
                                                G_CALLBACK (vigie_compare_page_on_profile_changed_cb));
  gtk_widget_class_bind_template_callback_full (
    widget_class, "on_live_hosts_button_clicked_cb",
    G_CALLBACK (vigie_compare_page_on_live_hosts_button_clicked_cb));

  gtk_widget_class_install_action (widget_class, "compare.add-column", "s", add_column_action);
  gtk_widget_class_install_action (widget_class, "compare.remove-column", "s",
                                   remove_column_action);
}

static void
vigie_compare_page_init (VigieComparePage *self)
{
  g_autoptr(GtkStringList) presets = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  /* The page allocates its child itself (vigie_compare_page_size_allocate). */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  self->ranges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->total_labels = g_ptr_array_new ();
  self->cells = g_ptr_array_new ();
  self->headers = g_ptr_array_new ();
  vigie_hardware_profile_init_default (&self->profile);
  for (const char *const *p = vigie_compare_presets (); *p != NULL; p++)
    gtk_string_list_append (presets, vigie_compare_preset_label (*p));
  /* Translators: the weights are no preset's any more */
  gtk_string_list_append (presets, _("Custom"));
  gtk_drop_down_set_model (self->preset_dropdown, G_LIST_MODEL (presets));
  g_signal_connect_object (self->preset_dropdown, "notify::selected",
                           G_CALLBACK (on_preset_selected_cb), self, G_CONNECT_SWAPPED);
  self->stale = TRUE;
}

GtkWidget *
vigie_compare_page_new (void)
{
  return g_object_new (VIGIE_TYPE_COMPARE_PAGE, NULL);
}

void
vigie_compare_page_set_monitor (VigieComparePage *self,
                                VigieMonitor     *monitor)
{
  g_return_if_fail (VIGIE_IS_COMPARE_PAGE (self));
  g_return_if_fail (VIGIE_IS_MONITOR (monitor));

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_set_object (&self->monitor, monitor);
  g_signal_connect_object (monitor, "refreshed", G_CALLBACK (on_monitor_refreshed_cb), self,
                           G_CONNECT_SWAPPED);
  queue_rebuild (self);
}

static void
on_rpo_changed_cb (VigieComparePage *self)
{
  queue_rebuild (self);
}

void
vigie_compare_page_set_settings (VigieComparePage *self,
                                 GSettings        *settings)
{
  g_autoptr(GVariant) weights = NULL;
  g_autofree char *mode = NULL;
  GVariantIter iter;
  const char *key, *value;

  g_return_if_fail (VIGIE_IS_COMPARE_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  weights = g_settings_get_value (settings, "compare-weights");
  g_variant_iter_init (&iter, weights);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    for (guint m = 0; m < G_N_ELEMENTS (mode_ids); m++)
      if (g_str_equal (key, mode_ids[m]))
        {
          g_free (self->weights[m]);
          self->weights[m] = g_strdup (value);
        }
  g_signal_connect_object (settings, "changed::rpo-hours", G_CALLBACK (on_rpo_changed_cb), self,
                           G_CONNECT_SWAPPED);
  mode = g_settings_get_string (settings, "compare-mode");
  self->mode = g_str_equal (mode, "backup") ? VIGIE_COMPARE_BACKUP : VIGIE_COMPARE_HYPERVISORS;
  self->updating = TRUE;
  gtk_toggle_button_set_active (self->mode == VIGIE_COMPARE_BACKUP ? self->backup_button
                                                                   : self->hypervisors_button,
                                TRUE);
  self->updating = FALSE;
  queue_rebuild (self);
}

VigieComparison *
vigie_compare_page_get_comparison (VigieComparePage *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARE_PAGE (self), NULL);
  ensure_built (self);
  return self->comparison;
}

GtkRange *
vigie_compare_page_get_weight_range (VigieComparePage *self,
                                     const char       *criterion_id)
{
  g_return_val_if_fail (VIGIE_IS_COMPARE_PAGE (self), NULL);
  ensure_built (self);
  return g_hash_table_lookup (self->ranges, criterion_id);
}

const char *
vigie_compare_page_get_ranking_text (VigieComparePage *self)
{
  g_return_val_if_fail (VIGIE_IS_COMPARE_PAGE (self), NULL);
  ensure_built (self);
  return self->ranking_text;
}
