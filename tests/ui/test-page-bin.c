/* test-page-bin.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "vigie-page-bin.h"
#include "vigie-test-util.h"

typedef struct {
  VigiePageBin *bin;
  guint         before;
} Measured;

static gboolean
measured_again (gpointer data)
{
  Measured *m = data;

  return vigie_page_bin_get_n_measured (m->bin) > m->before;
}

static gboolean
laid_out (gpointer label)
{
  return gtk_widget_get_mapped (label) && gtk_widget_get_width (label) > 0;
}

/* A hidden page of the AdwViewStack does not measure its child when it
 * changes (the stack measures every page); shown, it is laid out. */
static void
test_hidden_not_measured (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *stack = adw_view_stack_new ();
  GtkWidget *shown = vigie_page_bin_new ();
  GtkWidget *hidden = vigie_page_bin_new ();
  GtkWidget *shown_label = gtk_label_new ("shown");
  GtkWidget *hidden_label = gtk_label_new ("hidden");
  Measured m = { VIGIE_PAGE_BIN (shown), 0 };
  guint hidden_before;

  adw_bin_set_child (ADW_BIN (shown), shown_label);
  adw_bin_set_child (ADW_BIN (hidden), hidden_label);
  adw_view_stack_add_named (ADW_VIEW_STACK (stack), shown, "shown");
  adw_view_stack_add_named (ADW_VIEW_STACK (stack), hidden, "hidden");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "shown");
  gtk_window_set_child (window, stack);
  gtk_window_present (window);
  g_assert_true (vigie_test_wait_until (laid_out, shown_label, 60));

  /* Both pages change: only the one shown is measured again. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("a longer text than before, %u", i);

      hidden_before = vigie_page_bin_get_n_measured (VIGIE_PAGE_BIN (hidden));
      m.before = vigie_page_bin_get_n_measured (m.bin);
      gtk_label_set_text (GTK_LABEL (hidden_label), text);
      gtk_label_set_text (GTK_LABEL (shown_label), text);
      g_assert_true (vigie_test_wait_until (measured_again, &m, 60));
      g_assert_cmpuint (vigie_page_bin_get_n_measured (VIGIE_PAGE_BIN (hidden)), ==,
                        hidden_before);
    }
  g_assert_false (gtk_widget_get_mapped (hidden_label));

  /* Shown, it is measured and laid out with what it holds now. */
  m.bin = VIGIE_PAGE_BIN (hidden);
  m.before = vigie_page_bin_get_n_measured (m.bin);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "hidden");
  g_assert_true (vigie_test_wait_until (measured_again, &m, 60));
  g_assert_true (vigie_test_wait_until (laid_out, hidden_label, 60));
  {
    int min = 0;

    gtk_widget_measure (hidden, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, >, 0);
  }

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

  g_test_add_func ("/vigie/page-bin/hidden-not-measured", test_hidden_not_measured);

  return g_test_run ();
}
