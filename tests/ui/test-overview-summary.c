/* test-overview-summary.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview's alerts: a row is kept while its alert is there with the
 * same text (endpoints answering one after the other add alerts without
 * making the others' rows again), in the summary's order, the detail on
 * one line and the title wrapped.
 */

#include "config.h"

#include <adwaita.h>

#include "vigie-overview-summary.h"
#include "vigie-test-util.h"

static void
alert_free (gpointer data)
{
  VigieEstateAlert *alert = data;

  g_free (alert->endpoint);
  g_free (alert->subject);
  g_free (alert->title);
  g_free (alert->detail);
  g_free (alert);
}

static VigieEstateAlert *
alert_new (gboolean    error,
           const char *endpoint,
           const char *title,
           const char *detail)
{
  VigieEstateAlert *alert = g_new0 (VigieEstateAlert, 1);

  alert->kind = VIGIE_ALERT_HOST_OFFLINE;
  alert->error = error;
  alert->place = VIGIE_ALERT_PLACE_ENDPOINT;
  alert->endpoint = g_strdup (endpoint);
  alert->subject = g_strdup ("pve1");
  alert->title = g_strdup (title);
  alert->detail = g_strdup (detail);
  return alert;
}

/* Shows the alerts given as (endpoint, detail) pairs, all errors, each
 * titled with its endpoint. */
static void
show (VigieOverviewSummary *summary_widget,
      ...)
{
  g_autoptr(VigieEstateSummary) summary = g_new0 (VigieEstateSummary, 1);
  va_list args;
  const char *endpoint;

  summary->versions = g_ptr_array_new ();
  summary->alerts = g_ptr_array_new_with_free_func (alert_free);
  va_start (args, summary_widget);
  while ((endpoint = va_arg (args, const char *)) != NULL)
    {
      const char *detail = va_arg (args, const char *);
      g_ptr_array_add (summary->alerts, alert_new (TRUE, endpoint, endpoint, detail));
    }
  va_end (args);
  vigie_overview_summary_show (summary_widget, summary);
}

static GtkWidget *
row (VigieOverviewSummary *summary,
     guint                 i)
{
  GPtrArray *rows = vigie_overview_summary_get_alert_rows (summary);

  g_assert_cmpuint (i, <, rows->len);
  return g_ptr_array_index (rows, i);
}

static const char *
row_endpoint (VigieOverviewSummary *summary,
              guint                 i)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row (summary, i)));
}

/* The rows follow the summary's order, in the list too. */
static void
assert_order (VigieOverviewSummary *summary,
              ...)
{
  GPtrArray *rows = vigie_overview_summary_get_alert_rows (summary);
  va_list args;
  const char *endpoint;
  guint n = 0;

  va_start (args, summary);
  while ((endpoint = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpstr (row_endpoint (summary, n), ==, endpoint);
      if (n > 0)
        g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row (summary, n))), ==,
                         gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row (summary, n - 1))) + 1);
      n++;
    }
  va_end (args);
  g_assert_cmpuint (rows->len, ==, n);
}

/* Whether the labels of @css_class under @widget wrap: 1 if any does, 0 if
 * none does, -1 if there is none. */
static int
labels_wrap (GtkWidget  *widget,
             const char *css_class)
{
  int found = -1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int wraps = GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, css_class)
                  ? gtk_label_get_wrap (GTK_LABEL (child)) : labels_wrap (child, css_class);

      found = MAX (found, wraps);
    }
  return found;
}

static void
test_alert_rows_kept (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  VigieOverviewSummary *summary = VIGIE_OVERVIEW_SUMMARY (vigie_overview_summary_new ());
  GtkWidget *a, *b, *c;

  gtk_window_set_child (window, GTK_WIDGET (summary));
  show (summary, "alpha", "since 3 May", "bravo", "since 4 May", NULL);
  assert_order (summary, "alpha", "bravo", NULL);
  a = row (summary, 0);
  b = row (summary, 1);
  /* A row dropped is finalized: these become NULL. */
  g_object_add_weak_pointer (G_OBJECT (a), (gpointer *) &a);

  /* An endpoint answers with an alert that sorts between: the two rows
   * there are the same widgets, the new one in its place. */
  show (summary, "alpha", "since 3 May", "charlie", "since 5 May", "bravo", "since 4 May",
        NULL);
  assert_order (summary, "alpha", "charlie", "bravo", NULL);
  g_assert_true (row (summary, 0) == a);
  g_assert_true (row (summary, 2) == b);
  c = row (summary, 1);

  /* The same alerts again: nothing made. */
  show (summary, "alpha", "since 3 May", "charlie", "since 5 May", "bravo", "since 4 May",
        NULL);
  g_assert_true (row (summary, 0) == a && row (summary, 1) == c && row (summary, 2) == b);

  /* An alert whose text changed is shown anew, the others kept. */
  show (summary, "alpha", "since 3 May", "charlie", "since 5 May", "bravo", "since 2 May",
        NULL);
  assert_order (summary, "alpha", "charlie", "bravo", NULL);
  g_assert_true (row (summary, 0) == a && row (summary, 1) == c);
  g_assert_true (row (summary, 2) != b);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (summary, 2))), ==,
                   "since 2 May");
  b = row (summary, 2);
  g_object_add_weak_pointer (G_OBJECT (b), (gpointer *) &b);

  /* Gone, and moved: the order is the summary's. */
  show (summary, "bravo", "since 2 May", "charlie", "since 5 May", NULL);
  assert_order (summary, "bravo", "charlie", NULL);
  g_assert_true (row (summary, 0) == b && row (summary, 1) == c);
  g_assert_null (a);

  /* The detail on one line, the title wrapped (a narrow window shows what
   * is wrong), the whole alert in the row's tooltip. */
  g_assert_cmpint (labels_wrap (b, "subtitle"), ==, 0);
  g_assert_cmpint (labels_wrap (b, "title"), ==, 1);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (b), ==, "bravo\nsince 2 May");

  show (summary, NULL);
  g_assert_cmpuint (vigie_overview_summary_get_alert_rows (summary)->len, ==, 0);
  g_assert_null (b);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!vigie_test_init_display ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  g_test_add_func ("/vigie/overview-summary/alert-rows-kept", test_alert_rows_kept);

  return g_test_run ();
}
