/* vigie-test-util.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers shared by the UI tests.
 */

#pragma once

#include <adwaita.h>

typedef gboolean (*VigieTestCondition) (gpointer data);

/* Runs the main loop until @condition holds or @seconds pass. */
static inline gboolean
vigie_test_wait_until (VigieTestCondition condition,
                       gpointer           data,
                       double             seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static inline void
vigie_test_spin (double seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

typedef gboolean (*VigieTestWidgetMatch) (GtkWidget *widget,
                                          gpointer   data);

/* Depth first: the first widget under @root (included) that matches. */
static inline GtkWidget *
vigie_test_find_widget (GtkWidget            *root,
                        VigieTestWidgetMatch  match,
                        gpointer              data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = vigie_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A label on screen (mapped) whose text is @text. */
static inline gboolean
vigie_test_match_mapped_label (GtkWidget *widget,
                               gpointer   text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* For vigie_test_label_shown(): the text looked for under @root, and the
 * label found. */
typedef struct {
  GtkWidget  *root;
  const char *text;
  GtkWidget  *found;
} VigieTestLabel;

/* A VigieTestCondition: a mapped label under @data's root reads its text. */
static inline gboolean
vigie_test_label_shown (gpointer data)
{
  VigieTestLabel *label = data;

  label->found = vigie_test_find_widget (label->root, vigie_test_match_mapped_label,
                                         (gpointer) label->text);
  return label->found != NULL;
}

static inline gboolean
vigie_test_label_gone (gpointer data)
{
  return !vigie_test_label_shown (data);
}

static inline gboolean
vigie_test_match_status_page (GtkWidget *widget,
                              gpointer   title)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

static inline gboolean
vigie_test_match_button (GtkWidget *widget,
                         gpointer   label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static inline gboolean
vigie_test_match_type (GtkWidget *widget,
                       gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* widget tests need a display; without one they skip. */
static inline gboolean
vigie_test_init_display (void)
{
  if (!gtk_init_check ())
    return FALSE;
  adw_init ();
  return TRUE;
}
