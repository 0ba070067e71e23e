/* test-support.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The support status of each endpoint's version, on a fixed day: the
 * overview's badges and alert, and the sidebar's icon with its tooltip.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vigie-endpoint-row.h"
#include "vigie-test-backend.h"
#include "vigie-test-estate.h"
#include "vigie-test-util.h"
#include "vigie-ui-support.h"
#include "vigie-window.h"

static gboolean have_display;

typedef struct {
  char               *dir;
  VigieEndpointStore *store;
  VigieContext       *context;
  VigieWindow        *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(VigieSecretStore) secrets = NULL;
  g_autoptr(VigieClock) clock = NULL;

  if (!have_display)
    return;
  fixture->dir = g_dir_make_tmp ("vigie-test-XXXXXX", NULL);
  fixture->store = vigie_endpoint_store_new (fixture->dir);
  secrets = vigie_secret_store_new_memory ();
  /* data: the day the test runs on. */
  clock = vigie_clock_new_fixed (vigie_parse_time (data));
  fixture->context = vigie_context_new (secrets, clock);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (!have_display)
    return;
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  vigie_test_spin (0.1);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
add_endpoint (Fixture    *fixture,
              const char *name,
              const char *product,
              const char *version)
{
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new (name, VIGIE_KIND_PROXMOX,
                                                          "https://test.invalid");
  g_autoptr(GError) error = NULL;

  if (product != NULL)
    vigie_endpoint_set_option (endpoint, "test-product", product);
  if (version != NULL)
    vigie_endpoint_set_option (endpoint, "test-version", version);
  vigie_endpoint_store_add (fixture->store, endpoint, &error);
  g_assert_no_error (error);
}

static gboolean
all_rows_settled (gpointer data)
{
  GtkListBox *list = data;
  GtkListBoxRow *row;

  for (int i = 1; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (vigie_endpoint_row_get_status (VIGIE_ENDPOINT_ROW (row)) == VIGIE_UI_STATUS_PENDING)
      return FALSE;
  return TRUE;
}

static void
open_window (Fixture *fixture)
{
  GtkWidget *row;

  fixture->window = vigie_window_new_for_store (fixture->store, fixture->context, NULL,
                                                vigie_test_backend_factory);
  /* The narrow end of what Vigie supports. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  row = vigie_test_find_widget (GTK_WIDGET (fixture->window), vigie_test_match_type,
                                GSIZE_TO_POINTER (VIGIE_TYPE_ENDPOINT_ROW));
  g_assert_nonnull (row);
  g_assert_true (vigie_test_wait_until (all_rows_settled, gtk_widget_get_parent (row), 30));
}

static gboolean
match_group (GtkWidget *widget,
             gpointer   title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

static gboolean
match_css_class (GtkWidget *widget,
                 gpointer   css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static gboolean
match_support_icon (GtkWidget *widget,
                    gpointer   data)
{
  const char *name;

  if (!GTK_IS_IMAGE (widget) || !gtk_widget_get_visible (widget))
    return FALSE;
  name = gtk_image_get_icon_name (GTK_IMAGE (widget));
  return g_strcmp0 (name, "alarm-symbolic") == 0 ||
         g_strcmp0 (name, "emblem-important-symbolic") == 0;
}

static GtkWidget *
group_of (Fixture    *fixture,
          const char *name)
{
  GtkWidget *overview = GTK_WIDGET (vigie_window_get_overview_page (fixture->window));
  GtkWidget *group;

  g_assert_true (vigie_test_wait_overview_built (fixture->window));
  group = vigie_test_find_widget (overview, match_group, (gpointer) name);
  g_assert_nonnull (group);
  return group;
}

/* The badges' texts by the endpoint's name, joined by " | ". */
static char *
badges_of (Fixture    *fixture,
           const char *name)
{
  GtkWidget *box = adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group_of (fixture,
                                                                                             name)));
  g_autoptr(GString) text = g_string_new (NULL);

  if (box == NULL)
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_assert_true (gtk_widget_has_css_class (child, "vigie-badge"));
      g_string_append_printf (text, "%s%s", text->len > 0 ? " | " : "",
                              gtk_label_get_text (GTK_LABEL (child)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
alert_of (Fixture    *fixture,
          const char *name)
{
  return vigie_test_find_widget (group_of (fixture, name), match_css_class,
                                 "vigie-support-alert");
}

static GtkWidget *
sidebar_row (Fixture    *fixture,
             const char *name)
{
  GtkWidget *row = vigie_test_find_widget (GTK_WIDGET (fixture->window), vigie_test_match_type,
                                           GSIZE_TO_POINTER (VIGIE_TYPE_ENDPOINT_ROW));
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_parent (row));
  GtkListBoxRow *each;

  for (int i = 1; (each = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (vigie_endpoint_get_name (vigie_endpoint_row_get_endpoint (VIGIE_ENDPOINT_ROW (each))),
                   name) == 0)
      return GTK_WIDGET (each);
  g_assert_not_reached ();
}

static GtkWidget *
sidebar_icon (Fixture    *fixture,
              const char *name)
{
  return vigie_test_find_widget (sidebar_row (fixture, name), match_support_icon, NULL);
}

static void
assert_alert (GtkWidget  *alert,
              const char *title,
              const char *subtitle,
              const char *icon_name)
{
  GtkWidget *icon, *link;

  g_assert_nonnull (alert);
  g_assert_true (gtk_widget_get_mapped (alert));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (alert)), ==, title);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (alert)), ==, subtitle);
  icon = vigie_test_find_widget (alert, match_support_icon, NULL);
  g_assert_nonnull (icon);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, icon_name);
  link = vigie_test_find_widget (alert, vigie_test_match_type,
                                 GSIZE_TO_POINTER (GTK_TYPE_LINK_BUTTON));
  g_assert_nonnull (link);
  g_assert_true (g_str_has_prefix (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)), "https://"));
}

static void
test_statuses (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *badges = NULL;
  GtkWidget *icon, *update;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  add_endpoint (fixture, "eos", "Proxmox VE", "8.4.1");
  add_endpoint (fixture, "current", "Proxmox VE", "9.2.11");
  add_endpoint (fixture, "outdated", "Proxmox VE", "9.0.1");
  add_endpoint (fixture, "unknown", NULL, NULL);
  open_window (fixture);

  /* Past its end: a red badge, an alert naming the line, the day and the
   * next line, with the source; an icon in the sidebar that says the same. */
  badges = badges_of (fixture, "eos");
  g_assert_cmpstr (badges, ==, "End of support | Update available");
  assert_alert (alert_of (fixture, "eos"),
                "Proxmox VE 8 reached end of support on 31 August 2026.",
                "Upgrade to Proxmox VE 9.", "emblem-important-symbolic");
  icon = sidebar_icon (fixture, "eos");
  g_assert_nonnull (icon);
  g_assert_true (gtk_widget_get_mapped (icon));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, "emblem-important-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==,
                   "Proxmox VE 8: end of support since 31 August 2026");
  g_assert_true (gtk_widget_has_css_class (icon, "vigie-status-error"));

  /* Supported and up to date: a badge, nothing else. */
  g_clear_pointer (&badges, g_free);
  badges = badges_of (fixture, "current");
  g_assert_cmpstr (badges, ==, "Supported");
  g_assert_null (alert_of (fixture, "current"));
  g_assert_null (sidebar_icon (fixture, "current"));

  /* Supported but older than the line's latest release. */
  g_clear_pointer (&badges, g_free);
  badges = badges_of (fixture, "outdated");
  g_assert_cmpstr (badges, ==, "Supported | Update available");
  update = gtk_widget_get_last_child (adw_preferences_group_get_header_suffix (
                                        ADW_PREFERENCES_GROUP (group_of (fixture, "outdated"))));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (update), ==, "Version 9.2.11 is available");
  g_assert_null (alert_of (fixture, "outdated"));
  g_assert_null (sidebar_icon (fixture, "outdated"));

  /* A product the knowledge base does not know. */
  g_clear_pointer (&badges, g_free);
  badges = badges_of (fixture, "unknown");
  g_assert_cmpstr (badges, ==, "Support unknown");
  g_assert_null (alert_of (fixture, "unknown"));
  g_assert_null (sidebar_icon (fixture, "unknown"));
}

static void
test_ending_soon (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *badges = NULL;
  GtkWidget *icon;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  add_endpoint (fixture, "soon", "Proxmox VE", "8.4.21");
  open_window (fixture);

  badges = badges_of (fixture, "soon");
  g_assert_cmpstr (badges, ==, "Support ending soon");
  assert_alert (alert_of (fixture, "soon"),
                "Proxmox VE 8 reaches end of support on 31 August 2026, in 61 days.",
                "Plan the upgrade to Proxmox VE 9.", "alarm-symbolic");
  icon = sidebar_icon (fixture, "soon");
  g_assert_nonnull (icon);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==,
                   "Proxmox VE 8: support ends on 31 August 2026");
  g_assert_true (gtk_widget_has_css_class (icon, "vigie-status-warning"));
}

/* The words when the base names no line to move to, and the last days. */
static void
test_words (void)
{
  gint64 now = vigie_parse_time ("2026-12-06T12:00:00Z");
  VigieSupport feature = {
    .status = VIGIE_SUPPORT_END_OF_SUPPORT, .line_id = (char *) "incus-latest",
    .line = (char *) "Incus feature releases", .latest = (char *) "7.5.1", .outdated = 1,
  };
  VigieSupport orphan = {
    .status = VIGIE_SUPPORT_END_OF_SUPPORT, .line_id = (char *) "no-such-line",
    .line = (char *) "Some Line 1", .ends = (char *) "2026-01-01", .outdated = -1,
  };
  VigieSupport last_day = {
    .status = VIGIE_SUPPORT_ENDING_SOON, .line_id = (char *) "no-such-line",
    .line = (char *) "Some Line 2", .ends = (char *) "2026-12-06", .outdated = -1,
  };
  VigieSupport tomorrow = last_day;
  g_autofree char *text = NULL;

  tomorrow.ends = (char *) "2026-12-07";

  text = vigie_ui_support_message (&feature, now);
  g_assert_cmpstr (text, ==, "Incus feature releases: a newer release replaced this one, "
                   "which is no longer supported.");
  g_clear_pointer (&text, g_free);
  text = vigie_ui_support_advice (&feature, now);
  g_assert_cmpstr (text, ==, "Update to version 7.5.1.");
  g_clear_pointer (&text, g_free);
  text = vigie_ui_support_summary (&feature);
  g_assert_cmpstr (text, ==, "Incus feature releases: no longer supported");
  g_clear_pointer (&text, g_free);

  text = vigie_ui_support_advice (&orphan, now);
  g_assert_cmpstr (text, ==, "Upgrade to a supported release.");
  g_clear_pointer (&text, g_free);
  text = vigie_ui_support_message (&orphan, now);
  g_assert_cmpstr (text, ==, "Some Line 1 reached end of support on 1 January 2026.");
  g_clear_pointer (&text, g_free);

  text = vigie_ui_support_message (&last_day, now);
  g_assert_cmpstr (text, ==, "Some Line 2 reaches end of support on 6 December 2026, today.");
  g_clear_pointer (&text, g_free);
  text = vigie_ui_support_advice (&last_day, now);
  g_assert_cmpstr (text, ==, "Plan an upgrade to a supported release.");
  g_clear_pointer (&text, g_free);
  text = vigie_ui_support_message (&tomorrow, now);
  g_assert_cmpstr (text, ==, "Some Line 2 reaches end of support on 7 December 2026, in 1 day.");
  g_clear_pointer (&text, g_free);

  g_assert_null (vigie_ui_format_date ("2026-02-30"));
  g_assert_null (vigie_ui_format_date (NULL));
}

int
main (int   argc,
      char *argv[])
{
  /* The assertions read English words and English month names. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();

  g_test_add_func ("/vigie/support/words", test_words);
  g_test_add ("/vigie/support/statuses", Fixture, "2026-12-06T12:00:00Z",
              fixture_set_up, test_statuses, fixture_tear_down);
  g_test_add ("/vigie/support/ending-soon", Fixture, "2026-07-01T12:00:00Z",
              fixture_set_up, test_ending_soon, fixture_tear_down);
  return g_test_run ();
}
