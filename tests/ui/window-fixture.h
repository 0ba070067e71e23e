/* window-fixture.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window over a test estate, for the window tests
 * (test-window.c, test-overview-sections.c).
 */

#pragma once

#include "vigie-test-backend.h"
#include "vigie-test-estate.h"
#include "vigie-test-util.h"
#include "vigie-window.h"

static gboolean have_display;

typedef struct {
  VigieTestEstate     estate;
  VigieWindow        *window;
} Fixture;

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (have_display)
    vigie_test_estate_init (&fixture->estate);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (!have_display)
    return;
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  vigie_test_spin (0.1);
  vigie_test_estate_clear (&fixture->estate);
}

static inline void
open_window (Fixture *fixture)
{
  fixture->window = vigie_window_new_for_store (fixture->estate.store, fixture->estate.context,
                                                NULL, vigie_test_backend_factory);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static inline GtkListBox *
endpoint_list (Fixture *fixture)
{
  return vigie_test_endpoint_list (GTK_WIDGET (fixture->window));
}
