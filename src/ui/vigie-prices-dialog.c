/* vigie-prices-dialog.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Edit Prices…" on the Compare page: one group per compared product line
 * with its priced item, the amount and currency the user pays, and, for an
 * optional subscription, whether they subscribe. Save merges the changed
 * lines into prices.json (the other entries stay); Reset removes the file.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "vigie-knowledge.h"
#include "vigie-prices-dialog.h"
#include "vigie-ui-util.h"

typedef struct {
  char           *line_id;
  double          amount;
  char           *currency;
  gboolean        subscribe;
  GtkSpinButton  *amount_spin;
  GtkEntry       *currency_entry;
  GtkSwitch      *subscribe_switch;   /* NULL: not an optional subscription */
} PriceRow;

typedef struct {
  char               *path;
  char               *date;
  JsonObject         *file;      /* the file as read, or a new object */
  GPtrArray          *rows;      /* PriceRow* */
  GtkLabel           *error_label;
  VigiePricesChanged  changed;
  gpointer            data;
} PricesDialog;

static void
price_row_free (PriceRow *row)
{
  g_free (row->line_id);
  g_free (row->currency);
  g_free (row);
}

static void
prices_dialog_free (PricesDialog *dialog)
{
  g_free (dialog->path);
  g_free (dialog->date);
  g_clear_pointer (&dialog->file, json_object_unref);
  g_ptr_array_unref (dialog->rows);
  g_free (dialog);
}

/* A missing file is an empty one; one that is no JSON object is kept as
 * it is (NULL, @error set): saving over it would lose it. */
static JsonObject *
read_file (const char  *path,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return json_object_new ();
  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("It is no JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static JsonObject *
file_entry (JsonObject *file,
            const char *key)
{
  JsonNode *products = json_object_get_member (file, "products");
  JsonNode *entry;

  if (key == NULL || products == NULL || !JSON_NODE_HOLDS_OBJECT (products))
    return NULL;
  entry = json_object_get_member (json_node_get_object (products), key);
  return entry != NULL && JSON_NODE_HOLDS_OBJECT (entry) ? json_node_get_object (entry) : NULL;
}

/* The column's priced line: the first counted one with a price, else the
 * first optional subscription with one. */
static const VigieCompareCostLine *
priced_line (VigieComparison *comparison,
             const char      *column_key)
{
  GPtrArray *lines = vigie_comparison_get_cost_lines (comparison);
  const VigieCompareCostLine *optional = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      const VigieCompareCostLine *line = g_ptr_array_index (lines, i);

      if (!g_str_equal (line->column, column_key) || line->unit_price < 0 ||
          line->currency == NULL)
        continue;
      if (!line->optional && (line->unit_price > 0 || line->overridden))
        return line;
      if (line->optional && optional == NULL && line->unit_price > 0)
        optional = line;
    }
  return optional;
}

static gboolean
valid_currency (const char *text)
{
  if (strlen (text) != 3)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* What the user typed, in capitals and without spaces around. */
static char *
row_currency (PriceRow *row)
{
  char *text = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (row->currency_entry)), -1);

  return g_strstrip (text);
}

static void
show_error (PricesDialog *dialog,
            const char   *message)
{
  gtk_label_set_text (dialog->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (dialog->error_label), TRUE);
}

static void
on_save_clicked_cb (GtkButton *button,
                    GtkWindow *window)
{
  PricesDialog *dialog = g_object_get_data (G_OBJECT (window), "vigie-prices");
  JsonObject *products;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GError) error = NULL;

  if (dialog->file == NULL)
    return;
  if (json_object_has_member (dialog->file, "products") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (dialog->file, "products")))
    products = json_object_get_object_member (dialog->file, "products");
  else
    {
      products = json_object_new ();
      json_object_set_object_member (dialog->file, "products", products);
    }

  for (guint i = 0; i < dialog->rows->len; i++)
    {
      PriceRow *row = g_ptr_array_index (dialog->rows, i);
      g_autofree char *currency = row_currency (row);

      if (!valid_currency (currency))
        {
          g_autofree char *message =
            /* Translators: %s is what the user typed as a currency */
            g_strdup_printf (_("“%s” is no currency code: type three letters, such as EUR "
                               "or USD."), currency);

          gtk_widget_add_css_class (GTK_WIDGET (row->currency_entry), "error");
          gtk_widget_grab_focus (GTK_WIDGET (row->currency_entry));
          show_error (dialog, message);
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (row->currency_entry), "error");
    }

  for (guint i = 0; i < dialog->rows->len; i++)
    {
      PriceRow *row = g_ptr_array_index (dialog->rows, i);
      double amount = gtk_spin_button_get_value (row->amount_spin);
      g_autofree char *currency = row_currency (row);
      gboolean subscribe = row->subscribe_switch != NULL &&
                           gtk_switch_get_active (row->subscribe_switch);
      gboolean price_changed;
      JsonObject *entry;

      price_changed = fabs (amount - row->amount) > 0.005 ||
                      g_strcmp0 (currency, row->currency) != 0;
      if (!price_changed && subscribe == row->subscribe)
        continue;
      entry = file_entry (dialog->file, row->line_id);
      if (entry == NULL)
        {
          entry = json_object_new ();
          json_object_set_object_member (products, row->line_id, entry);
        }
      if (price_changed)
        {
          json_object_set_double_member (entry, "amount", amount);
          json_object_set_string_member (entry, "currency", currency);
        }
      if (subscribe)
        json_object_set_boolean_member (entry, "subscribe", TRUE);
      else if (json_object_has_member (entry, "subscribe"))
        json_object_remove_member (entry, "subscribe");
    }

  /* Translators: the source of the user's prices in reports, %s is a date */
  source = g_strdup_printf (_("Entered in Vigie on %s"), dialog->date);
  json_object_set_string_member (dialog->file, "source", source);
  root = json_node_init_object (json_node_alloc (), dialog->file);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  dir = g_path_get_dirname (dialog->path);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (dialog->path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &error))
    {
      g_autofree char *message =
        g_strdup_printf (_("Could not save your prices in %s: %s"), dialog->path,
                         error ? error->message : g_strerror (errno));

      show_error (dialog, message);
      return;
    }
  dialog->changed (dialog->data);
  gtk_window_destroy (window);
}

static void
on_reset_clicked_cb (GtkButton *button,
                     GtkWindow *window)
{
  PricesDialog *dialog = g_object_get_data (G_OBJECT (window), "vigie-prices");

  if (g_remove (dialog->path) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_autofree char *message = g_strdup_printf (_("Could not remove %s: %s"), dialog->path,
                                                  g_strerror (saved));

      show_error (dialog, message);
      return;
    }
  dialog->changed (dialog->data);
  gtk_window_destroy (window);
}

char *
vigie_prices_dialog_key (const VigieCompareColumn *column)
{
  JsonObject *product;

  if (column->line != NULL)
    return g_strdup (column->line);
  product = vigie_knowledge_find_product (vigie_knowledge_get_default (), column->kind,
                                          column->product);
  return g_strdup (product ? json_object_get_string_member_with_default (product, "id", NULL)
                           : NULL);
}

static char *
describe_current (const VigieCompareCostLine *line,
                  const VigieCompareCell     *cell)
{
  GString *text = g_string_new (NULL);

  /* Translators: a unit price, e.g. "Now 350.00 EUR" */
  g_string_printf (text, _("Now %.2f %s"), line->unit_price, line->currency);
  if (line->optional)
    g_string_append_printf (text, " · %s", _("optional subscription"));
  if (line->overridden)
    g_string_append_printf (text, " · %s", _("overridden"));
  else if (cell != NULL && g_strcmp0 (cell->confidence, "low") == 0)
    g_string_append_printf (text, " · %s", _("estimate"));
  /* A web page by its site: the whole address is on the Compare page. */
  if (line->source != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (line->source, G_URI_FLAGS_NONE, NULL);

      g_string_append_printf (text, " · %s",
                              uri != NULL && g_uri_get_host (uri) != NULL
                              ? g_uri_get_host (uri) : line->source);
    }
  return g_string_free (text, FALSE);
}

static void
add_line_group (PricesDialog        *dialog,
                AdwPreferencesPage  *page,
                VigieComparison     *comparison,
                guint                c)
{
  const VigieCompareColumn *column = vigie_comparison_get_column (comparison, c);
  const VigieCompareCostLine *line = priced_line (comparison, column->key);
  int criterion = vigie_comparison_find_criterion (comparison, "license_cost");
  const VigieCompareCell *cell = criterion >= 0
                                 ? vigie_comparison_get_cell (comparison, criterion, c) : NULL;
  JsonObject *entry;
  AdwPreferencesGroup *group;
  GtkWidget *row, *spin, *entry_widget;
  g_autofree char *current = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *key = vigie_prices_dialog_key (column);
  PriceRow *price;

  if (line == NULL || key == NULL)
    return;
  for (guint i = 0; i < dialog->rows->len; i++)
    if (g_str_equal (((PriceRow *) g_ptr_array_index (dialog->rows, i))->line_id, key))
      return;
  entry = file_entry (dialog->file, key);
  price = g_new0 (PriceRow, 1);
  price->line_id = g_strdup (key);
  price->amount = line->unit_price;
  price->currency = g_strdup (line->currency);
  price->subscribe = entry != NULL && json_object_has_member (entry, "subscribe") &&
                     json_object_get_boolean_member (entry, "subscribe");
  g_ptr_array_add (dialog->rows, price);

  /* A group's title is markup in libadwaita 1.2, as rows are by default,
   * and product lines have ampersands (Veeam Backup & Replication). */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  title = g_markup_escape_text (column->line_name ? column->line_name : column->key, -1);
  adw_preferences_group_set_title (group, title);
  adw_preferences_page_add (page, group);

  current = describe_current (line, cell);
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->item);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), current);
  spin = gtk_spin_button_new_with_range (0, 1000000, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), line->unit_price);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  name = g_strdup_printf ("amount:%s", key);
  gtk_widget_set_name (spin, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your price per unit"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  entry_widget = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry_widget), line->currency);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry_widget), 4);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry_widget), 4);
  gtk_entry_set_max_length (GTK_ENTRY (entry_widget), 3);
  gtk_widget_set_valign (entry_widget, GTK_ALIGN_CENTER);
  g_free (name);
  name = g_strdup_printf ("currency:%s", key);
  gtk_widget_set_name (entry_widget, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry_widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Currency"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry_widget);
  adw_preferences_group_add (group, row);
  price->amount_spin = GTK_SPIN_BUTTON (spin);
  price->currency_entry = GTK_ENTRY (entry_widget);

  if (line->optional || price->subscribe)
    {
      GtkWidget *toggle = gtk_switch_new ();

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Subscribe"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Count this optional subscription in the cost"));
      gtk_switch_set_active (GTK_SWITCH (toggle), price->subscribe);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      g_free (name);
      name = g_strdup_printf ("subscribe:%s", key);
      gtk_widget_set_name (toggle, name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (group, row);
      price->subscribe_switch = GTK_SWITCH (toggle);
    }
}

GtkWidget *
vigie_prices_dialog_new (GtkWindow          *parent,
                         VigieComparison    *comparison,
                         const char         *path,
                         const char         *date,
                         VigiePricesChanged  changed,
                         gpointer            data)
{
  PricesDialog *dialog = g_new0 (PricesDialog, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *reset_group = adw_preferences_group_new ();
  GtkWidget *reset = gtk_button_new_with_mnemonic (_("_Reset to List Prices"));
  GtkWidget *error_label = gtk_label_new (NULL);
  GtkWidget *intro = adw_preferences_group_new ();
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (VIGIE_IS_COMPARISON (comparison), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  dialog->path = g_strdup (path);
  dialog->date = g_strdup (date);
  dialog->file = read_file (path, &error);
  dialog->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) price_row_free);
  dialog->changed = changed;
  dialog->data = data;
  dialog->error_label = GTK_LABEL (error_label);
  g_object_set_data_full (G_OBJECT (window), "vigie-prices", dialog,
                          (GDestroyNotify) prices_dialog_free);

  gtk_window_set_title (GTK_WINDOW (window), _("Your Prices"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 560);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_name (save, "save");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_clicked_cb), window);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (intro),
    _("Type what you pay, such as your reseller’s quote. Reports then say the prices are "
      "yours. No currency is converted."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (intro));
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (intro), error_label);

  if (dialog->file == NULL)
    {
      g_autofree char *message =
        /* Translators: the prices file cannot be read, %s: its path, %s: why */
        g_strdup_printf (_("Your prices in %s cannot be read (%s): correct the file or reset "
                           "to list prices."), path, error->message);

      show_error (dialog, message);
      gtk_widget_set_sensitive (save, FALSE);
    }
  else
    for (guint c = 0; c < vigie_comparison_get_n_columns (comparison); c++)
      add_line_group (dialog, ADW_PREFERENCES_PAGE (page), comparison, c);
  if (dialog->file != NULL && dialog->rows->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No compared product has a published price to change."));

      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (intro), none);
      gtk_widget_set_sensitive (save, FALSE);
    }

  gtk_widget_set_name (reset, "reset");
  gtk_widget_set_halign (reset, GTK_ALIGN_START);
  gtk_widget_add_css_class (reset, "destructive-action");
  gtk_widget_set_sensitive (reset, g_file_test (path, G_FILE_TEST_EXISTS));
  g_signal_connect (reset, "clicked", G_CALLBACK (on_reset_clicked_cb), window);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (reset_group), reset);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (reset_group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);
  vigie_ui_fix_accessible_names (window);
  return window;
}
