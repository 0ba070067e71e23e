/* test-narrow.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window at 360 px, in English and in French (issue 14): over the demo
 * lab served in this process, the window's minimum width is at most 360 px
 * on every page, and at 360 px the sidebar folds away, no control of a
 * page's toolbars lies outside the window, and the Instances and Backups
 * tables turn into one-column lists (and back when wide); the Compare page,
 * in both of its modes, lays its criteria out compactly (the columns named
 * again under each theme, the modes on one line) and nothing on it lies
 * beyond the window's edges; the Add Endpoint dialog's title and the view
 * switcher bar's page titles are whole. When
 * the minimum is too wide, the widgets that ask for more than 360 px are
 * listed (deepest first), as an inspector would show them.
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vigie-backups-page.h"
#include "vigie-compare-chart.h"
#include "vigie-compare-page.h"
#include "vigie-endpoint-dialog.h"
#include "vigie-estate-summary.h"
#include "vigie-instances-page.h"
#include "vigie-lab.h"
#include "vigie-lab-register.h"
#include "vigie-window.h"
#include "vigie-test-util.h"

#define NARROW 360

static gboolean have_display;

static const char *const pages[] = { "overview", "instances", "backups", "compare", "terminals" };

typedef struct {
  char               *dir;
  VigieLab           *lab;
  VigieEndpointStore *store;
  VigieContext       *context;
  VigieWindow        *window;
  gboolean            registered;
  GError             *error;
} Fixture;

static void
registered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fixture *fixture = user_data;

  vigie_lab_register_finish (VIGIE_LAB (object), result, &fixture->error);
  fixture->registered = TRUE;
}

static gboolean
is_registered (gpointer data)
{
  return ((Fixture *) data)->registered;
}

/* Every endpoint has answered or failed. */
static gboolean
all_read (gpointer data)
{
  Fixture *fixture = data;
  GListModel *inventories = vigie_monitor_get_inventories (vigie_window_get_monitor (
                                                             fixture->window));
  guint n = g_list_model_get_n_items (inventories);

  if (n < vigie_lab_get_services (fixture->lab)->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieInventory) inventory = g_list_model_get_item (inventories, i);

      if (inventory->status == VIGIE_STATUS_OK && !vigie_estate_inventory_is_fetched (inventory))
        return FALSE;
    }
  return TRUE;
}

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VIGIE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* Makes gettext forget what it looked up in the other language. */
  textdomain (textdomain (NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(VigieSecretStore) secrets = NULL;

  if (!have_display)
    return;
  use_language (data);
  fixture->dir = g_dir_make_tmp ("vigie-narrow-XXXXXX", NULL);
  fixture->store = vigie_endpoint_store_new (fixture->dir);
  secrets = vigie_secret_store_new_memory ();
  fixture->context = vigie_context_new (secrets, NULL);
  fixture->lab = vigie_lab_new ("127.0.0.1", 0, 0);
  g_assert_true (vigie_lab_start (fixture->lab, &fixture->error));
  vigie_lab_register_async (fixture->lab, fixture->store, secrets, TRUE, NULL, registered_cb,
                            fixture);
  g_assert_true (vigie_test_wait_until (is_registered, fixture, 120));
  g_assert_no_error (fixture->error);

  fixture->window = vigie_window_new_for_store (fixture->store, fixture->context, NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (vigie_test_wait_until (all_read, fixture, 300));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (!have_display)
    return;
  g_clear_pointer ((GtkWindow **) &fixture->window, gtk_window_destroy);
  vigie_test_spin (0.2);
  vigie_lab_stop (fixture->lab);
  g_clear_object (&fixture->lab);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  g_clear_error (&fixture->error);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  use_language ("C");
}

static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* The widgets whose minimum is above @limit and none of whose children's
 * is: where the width comes from. */
static void
list_wide (GtkWidget *widget,
           int        limit,
           GString   *out,
           int        depth)
{
  gboolean child_wide = FALSE;

  if (!gtk_widget_get_visible (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && min_width (child) > limit)
      {
        child_wide = TRUE;
        list_wide (child, limit, out, depth + 1);
      }
  if (!child_wide)
    {
      const char *text = GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : NULL;

      g_string_append_printf (out, "\n  %s (%s%s%s%s) min %d, depth %d",
                              G_OBJECT_TYPE_NAME (widget), gtk_widget_get_name (widget),
                              text ? " “" : "", text ? text : "", text ? "”" : "",
                              min_width (widget), depth);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (gtk_widget_get_visible (child))
          {
            const char *t = GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child))
                            : GTK_IS_BUTTON (child) ? gtk_button_get_label (GTK_BUTTON (child))
                            : NULL;

            g_string_append_printf (out, "\n      child %s “%s” min %d", G_OBJECT_TYPE_NAME (child),
                                    t ? t : "", min_width (child));
          }
      for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL && !GTK_IS_WINDOW (up);
           up = gtk_widget_get_parent (up))
        g_string_append_printf (out, " < %s", G_OBJECT_TYPE_NAME (up));
    }
}

static gboolean
inside_scroller (GtkWidget *widget)
{
  return gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW) != NULL;
}

/* Controls of the page outside a scrolled area must lie inside the window. */
static void
check_controls_inside (GtkWidget *root,
                       GtkWidget *window,
                       GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if ((GTK_IS_BUTTON (child) || GTK_IS_MENU_BUTTON (child) || GTK_IS_DROP_DOWN (child) ||
           GTK_IS_SEARCH_ENTRY (child) || GTK_IS_ENTRY (child)) && !inside_scroller (child))
        {
          graphene_rect_t bounds;

          if (gtk_widget_compute_bounds (child, window, &bounds) &&
              (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > NARROW + 0.5))
            g_string_append_printf (out, "\n  %s at x %.0f, width %.0f",
                                    G_OBJECT_TYPE_NAME (child), bounds.origin.x,
                                    bounds.size.width);
        }
      check_controls_inside (child, window, out);
    }
}

/* Everything shown on the page, not only its controls, lies inside the
 * window sideways: nothing cut at the right edge. */
static void
check_all_inside (GtkWidget *root,
                  GtkWidget *window,
                  GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (child) || GTK_IS_POPOVER (child))
        continue;
      if (gtk_widget_compute_bounds (child, window, &bounds) && bounds.size.width > 0 &&
          (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > NARROW + 0.5))
        {
          const char *text = GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : "";

          g_string_append_printf (out, "\n  %s “%s” at x %.0f, width %.0f",
                                  G_OBJECT_TYPE_NAME (child), text, bounds.origin.x,
                                  bounds.size.width);
          continue;
        }
      check_all_inside (child, window, out);
    }
}

static gboolean
match_name (GtkWidget *widget,
            gpointer   name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
compare_compact (gpointer page)
{
  return vigie_compare_page_get_compact (page);
}

static gboolean
compare_wide (gpointer page)
{
  return !vigie_compare_page_get_compact (page);
}

static gboolean
match_css_class (GtkWidget *widget,
                 gpointer   css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

/* Compact, the grid has a column per compared column and no more: the
 * criteria's names and the totals' label span them, every cell and total
 * lies under its column's header. The headers are screens away: every
 * theme but the first names the columns again. */
static void
check_compact_grid (GtkWidget  *page,
                    guint       n_columns,
                    const char *language)
{
  GtkWidget *grid = vigie_test_find_widget (page, match_css_class,
                                            (gpointer) "vigie-compare-grid");
  VigieComparison *comparison = vigie_compare_page_get_comparison (VIGIE_COMPARE_PAGE (page));
  const char *last = vigie_compare_column_title (vigie_comparison_get_column (comparison,
                                                                              n_columns - 1));
  guint n_groups = 0, n_names = 0;

  g_assert_nonnull (grid);
  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int column, width;

      gtk_grid_query_child (GTK_GRID (grid), child, &column, NULL, &width, NULL);
      if (column + width > (int) n_columns)
        g_error ("At %d px (%s) the compact Compare grid of %u columns has a %s in grid "
                 "columns %d to %d", NARROW, language, n_columns, G_OBJECT_TYPE_NAME (child),
                 column, column + width - 1);
      if (gtk_widget_has_css_class (child, "vigie-compare-group"))
        n_groups++;
      else if (GTK_IS_LABEL (child) && column == (int) n_columns - 1 &&
               g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), last) == 0)
        n_names++;
    }
  g_assert_cmpuint (n_groups, >, 1);
  g_assert_cmpuint (n_names, ==, n_groups - 1);
}

/* Compact, the three mode buttons share a line, in French too. */
static void
check_modes_line (GtkWidget  *page,
                  const char *language)
{
  GtkWidget *modes = vigie_test_find_widget (page, match_css_class,
                                             (gpointer) "vigie-compare-modes");
  double y = -1;

  g_assert_nonnull (modes);
  for (GtkWidget *child = gtk_widget_get_first_child (modes); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (child, page, &bounds));
      if (y >= 0 && !G_APPROX_VALUE (bounds.origin.y, y, 0.5))
        g_error ("At %d px (%s) the Compare page's modes wrap: “%s” at y %.0f, not %.0f",
                 NARROW, language, gtk_button_get_label (GTK_BUTTON (child)),
                 bounds.origin.y, y);
      y = bounds.origin.y;
    }
}

/* At 360 px, in both modes: the page needs no sideways scrolling, its grid
 * is compact and no widget of it is beyond the window's edges. */
static void
check_compare_narrow (GtkWidget  *window,
                      const char *language)
{
  GtkWidget *page = vigie_test_find_widget (window, vigie_test_match_type,
                                            GSIZE_TO_POINTER (VIGIE_TYPE_COMPARE_PAGE));
  GtkWidget *scroller = vigie_test_find_widget (page, match_name,
                                                (gpointer) "compare-scroller");
  static const VigieCompareMode modes[] = { VIGIE_COMPARE_HYPERVISORS, VIGIE_COMPARE_BACKUP };

  g_assert_nonnull (scroller);
  gtk_widget_activate_action (window, "win.show-page", "s", "compare");
  g_assert_true (vigie_test_wait_until (compare_compact, page, 30));
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(GString) outside = g_string_new (NULL);
      GtkAdjustment *h;
      guint n_columns;

      vigie_compare_page_set_mode (VIGIE_COMPARE_PAGE (page), modes[m]);
      vigie_test_spin (0.3);
      gtk_test_widget_wait_for_draw (window);
      g_assert_true (vigie_test_wait_until (compare_compact, page, 30));
      gtk_test_widget_wait_for_draw (window);
      n_columns = vigie_comparison_get_n_columns (vigie_compare_page_get_comparison (
                                                    VIGIE_COMPARE_PAGE (page)));
      h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
      g_test_message ("Compare at %d px (%s), mode %u, %u columns: content %.0f of %.0f px",
                      NARROW, language, m, n_columns, gtk_adjustment_get_upper (h),
                      gtk_adjustment_get_page_size (h));
      if (gtk_adjustment_get_upper (h) > gtk_adjustment_get_page_size (h) + 0.5)
        g_error ("At %d px (%s) the Compare page of %u columns needs %.0f px, has %.0f", NARROW,
                 language, n_columns, gtk_adjustment_get_upper (h),
                 gtk_adjustment_get_page_size (h));
      check_compact_grid (page, n_columns, language);
      check_modes_line (page, language);
      check_all_inside (page, window, outside);
      if (outside->len > 0)
        g_error ("On the Compare page at %d px (%s), mode %u, cut at the edges:%s", NARROW,
                 language, m, outside->str);
    }
  vigie_compare_page_set_mode (VIGIE_COMPARE_PAGE (page), VIGIE_COMPARE_HYPERVISORS);
}

static gboolean
window_is_narrow (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) <= NARROW;
}

/* A label of the header bar that ellipsizes ("Ajouter u…"), or NULL. */
static GtkWidget *
cut_label (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))))
        return child;
      if ((found = cut_label (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
count_mapped_labels (GtkWidget *root,
                     guint     *n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          gtk_widget_get_width (child) > 0)
        (*n)++;
      count_mapped_labels (child, n);
    }
}

/* The bar shows a label for each of the five pages. */
static gboolean
bar_shown (gpointer bar)
{
  guint n = 0;

  count_mapped_labels (bar, &n);
  return n >= G_N_ELEMENTS (pages);
}

/* At 360 px the view switcher moves to a bar at the bottom, five buttons
 * side by side: each page's title is whole there ("Vue d’ens…" was cut). */
static void
check_switcher_bar (GtkWidget  *window,
                    const char *language)
{
  GtkWidget *bar = vigie_test_find_widget (window, vigie_test_match_type,
                                           GSIZE_TO_POINTER (ADW_TYPE_VIEW_SWITCHER_BAR));
  GtkWidget *cut;

  g_assert_nonnull (bar);
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  g_assert_true (vigie_test_wait_until (bar_shown, bar, 30));
  cut = cut_label (bar);
  if (cut != NULL)
    {
      GtkWidget *button = gtk_widget_get_ancestor (cut, GTK_TYPE_BUTTON);
      int natural = 0;

      gtk_widget_measure (cut, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_error ("At %d px (%s) the view switcher bar cuts “%s” (%d px wide, %d wanted; its "
               "button %d px of the bar's %d)", NARROW, language,
               gtk_label_get_text (GTK_LABEL (cut)), gtk_widget_get_width (cut), natural,
               button != NULL ? gtk_widget_get_width (button) : -1, gtk_widget_get_width (bar));
    }
}

/* The Add Endpoint dialog at 360 px: its whole title is shown. */
static void
check_dialog_title (Fixture    *fixture,
                    const char *language)
{
  VigieEndpointDialog *dialog = vigie_endpoint_dialog_new (GTK_WINDOW (fixture->window),
                                                           fixture->context, fixture->store,
                                                           NULL);
  GtkWidget *header;
  GtkWidget *cut;

  gtk_window_set_default_size (GTK_WINDOW (dialog), NARROW, 640);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (vigie_test_wait_until (window_is_narrow, dialog, 30));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  header = vigie_test_find_widget (GTK_WIDGET (dialog), vigie_test_match_type,
                                   GSIZE_TO_POINTER (ADW_TYPE_HEADER_BAR));
  g_assert_nonnull (header);
  cut = cut_label (header);
  if (cut != NULL)
    g_error ("At %d px (%s) the Add Endpoint dialog's title “%s” is cut", NARROW, language,
             gtk_label_get_text (GTK_LABEL (cut)));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
match_mapped (GtkWidget *widget,
              gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type)) &&
         gtk_widget_get_mapped (widget);
}

static gboolean
shows_list (gpointer page)
{
  return vigie_test_find_widget (page, match_mapped, GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW)) != NULL;
}

static gboolean
shows_table (gpointer page)
{
  return vigie_test_find_widget (page, match_mapped,
                                 GSIZE_TO_POINTER (GTK_TYPE_COLUMN_VIEW)) != NULL;
}

static gboolean
backups_compact (gpointer page)
{
  return vigie_backups_page_get_compact (page);
}

static gboolean
backups_wide (gpointer page)
{
  return !vigie_backups_page_get_compact (page);
}

static AdwViewStack *
view_stack (Fixture *fixture)
{
  return ADW_VIEW_STACK (vigie_test_find_widget (GTK_WIDGET (fixture->window),
                                                 vigie_test_match_type,
                                                 GSIZE_TO_POINTER (ADW_TYPE_VIEW_STACK)));
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *window;
  AdwLeaflet *leaflet;
  AdwViewStack *stack;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  window = GTK_WIDGET (fixture->window);
  stack = view_stack (fixture);

  /* Every page, with all endpoints then each one selected in the sidebar. */
  for (guint e = 0; e <= vigie_lab_get_services (fixture->lab)->len; e++)
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      g_autoptr(GString) wide = g_string_new (NULL);
      VigieLabService *service = e > 0 ? g_ptr_array_index (vigie_lab_get_services (fixture->lab),
                                                             e - 1) : NULL;
      int minimum;

      gtk_widget_activate_action (window, "win.show-endpoint", "(ss)",
                                  service != NULL ? service->name : "", pages[p]);
      gtk_widget_activate_action (window, "win.show-page", "s", pages[p]);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, pages[p]);
      minimum = min_width (window);
      if (minimum > NARROW)
        list_wide (window, NARROW - 40, wide, 0);
      g_test_message ("%s page, %s, %s: minimum width %d%s", pages[p],
                      service != NULL ? service->name : "all", (const char *) data, minimum,
                      wide->str);
      if (minimum > NARROW)
        g_error ("The window needs %d px on the %s page of %s (%s), more than %d:%s", minimum,
                 pages[p], service != NULL ? service->name : "all endpoints",
                 (const char *) data, NARROW, wide->str);
    }

  gtk_widget_activate_action (window, "win.show-endpoint", "(ss)", "", "overview");

  /* At 360 px: folded, and every page's controls in the window. */
  gtk_window_set_default_size (GTK_WINDOW (window), NARROW, 700);
  g_assert_true (vigie_test_wait_until (window_is_narrow, window, 30));
  gtk_test_widget_wait_for_draw (window);
  leaflet = ADW_LEAFLET (vigie_test_find_widget (window, vigie_test_match_type,
                                                 GSIZE_TO_POINTER (ADW_TYPE_LEAFLET)));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  check_switcher_bar (window, data);
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      g_autoptr(GString) outside = g_string_new (NULL);

      gtk_widget_activate_action (window, "win.show-page", "s", pages[p]);
      vigie_test_spin (0.3);
      gtk_test_widget_wait_for_draw (window);
      check_controls_inside (adw_view_stack_get_visible_child (stack), window, outside);
      if (outside->len > 0)
        g_error ("On the %s page at %d px (%s), controls outside the window:%s", pages[p],
                 NARROW, (const char *) data, outside->str);
    }

  check_compare_narrow (window, data);
  check_dialog_title (fixture, data);

  /* So is the Instances table: a list instead. */
  {
    GtkWidget *page = vigie_test_find_widget (window, vigie_test_match_type,
                                              GSIZE_TO_POINTER (VIGIE_TYPE_INSTANCES_PAGE));

    gtk_widget_activate_action (window, "win.show-page", "s", "instances");
    vigie_test_spin (0.3);
    gtk_test_widget_wait_for_draw (window);
    g_assert_true (vigie_test_wait_until (shows_list, page, 30));
    g_assert_null (vigie_test_find_widget (page, match_mapped, GSIZE_TO_POINTER (
                                             GTK_TYPE_COLUMN_VIEW)));
  }

  /* The coverage table is one column when narrow. */
  {
    GtkWidget *page = vigie_test_find_widget (window, vigie_test_match_type,
                                              GSIZE_TO_POINTER (VIGIE_TYPE_BACKUPS_PAGE));

    gtk_widget_activate_action (window, "win.show-page", "s", "backups");
    vigie_test_spin (0.3);
    gtk_test_widget_wait_for_draw (window);
    g_assert_true (vigie_test_wait_until (backups_compact, page, 30));
    gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
    vigie_test_spin (0.3);
    gtk_test_widget_wait_for_draw (window);
    g_assert_true (vigie_test_wait_until (backups_wide, page, 30));
    page = vigie_test_find_widget (window, vigie_test_match_type,
                                   GSIZE_TO_POINTER (VIGIE_TYPE_COMPARE_PAGE));
    gtk_widget_activate_action (window, "win.show-page", "s", "compare");
    g_assert_true (vigie_test_wait_until (compare_wide, page, 30));
    page = vigie_test_find_widget (window, vigie_test_match_type,
                                   GSIZE_TO_POINTER (VIGIE_TYPE_INSTANCES_PAGE));
    gtk_widget_activate_action (window, "win.show-page", "s", "instances");
    vigie_test_spin (0.3);
    gtk_test_widget_wait_for_draw (window);
    g_assert_true (vigie_test_wait_until (shows_table, page, 30));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();
  if (have_display)
    {
      /* What AdwApplication loads for the app. */
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (css, "/io/github/vigie/Vigie/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  g_test_add ("/vigie/narrow/english", Fixture, "en", fixture_set_up, test_narrow,
              fixture_tear_down);
  g_test_add ("/vigie/narrow/french", Fixture, "fr", fixture_set_up, test_narrow,
              fixture_tear_down);
  return g_test_run ();
}
