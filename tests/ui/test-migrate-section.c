/* test-migrate-section.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Compare page's migration list at scale (issue 13): the counts cover
 * every guest, the rows are made a page at a time ("Show More"), a refresh
 * keeps as many rows as were shown, and a new filter starts from the first
 * page again.
 */

#include "config.h"

#include <adwaita.h>

#include "vigie-inventory.h"
#include "vigie-migrate-section.h"
#include "vigie-test-util.h"

#define N_GUESTS 250

static GPtrArray *
make_inventories (guint n)
{
  GPtrArray *inventories = g_ptr_array_new_with_free_func (g_object_unref);
  VigieInventory *inventory = vigie_inventory_new ("esxi-1", VIGIE_KIND_ESXI,
                                                   "https://esxi-1.invalid");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieInstance) instance = vigie_instance_new ();

      instance->id = g_strdup_printf ("vm-%u", i);
      instance->name = g_strdup_printf ("guest-%03u", i);
      instance->type = VIGIE_INSTANCE_VM;
      instance->state = VIGIE_STATE_RUNNING;
      instance->os = g_strdup ("Debian GNU/Linux 12 (64-bit)");
      instance->cpus = 2;
      instance->memory_bytes = 4 * (gint64) 1 << 30;
      vigie_inventory_add_instance (inventory, instance);
    }
  g_ptr_array_add (inventories, inventory);
  return inventories;
}

static GtkWidget *
find_child (GtkWidget *parent,
            GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (parent); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
      return child;
  return NULL;
}

static guint
n_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* The sum of the numbers in the counts line ("Ready: 3 · Needs work: 1 · …"). */
static guint
counted (VigieMigrateSection *section)
{
  const char *text = vigie_migrate_section_get_counts_text (section);
  guint sum = 0;

  g_assert_nonnull (text);
  for (const char *p = text; *p != '\0';)
    if (g_ascii_isdigit (*p))
      {
        char *end;

        sum += (guint) g_ascii_strtoull (p, &end, 10);
        p = end;
      }
    else
      p++;
  return sum;
}

static gboolean have_display;

static void
test_pages (void)
{
  g_autoptr(GPtrArray) inventories = NULL;
  GtkWidget *widget;
  VigieMigrateSection *section;
  GtkWidget *list, *more, *dropdown;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  inventories = make_inventories (N_GUESTS);
  widget = g_object_ref_sink (vigie_migrate_section_new ());
  section = VIGIE_MIGRATE_SECTION (widget);

  vigie_migrate_section_update (section, inventories, 1800000000, 24);
  list = find_child (widget, GTK_TYPE_LIST_BOX);
  more = find_child (widget, GTK_TYPE_BUTTON);
  g_assert_nonnull (list);
  g_assert_nonnull (more);

  /* Every guest counted, the first 100 made. */
  g_assert_cmpuint (counted (section), ==, N_GUESTS);
  g_assert_cmpuint (n_children (list), ==, 100);
  g_assert_true (gtk_widget_get_visible (more));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (more)), ==, "Show 100 More (150 Left)");

  g_signal_emit_by_name (more, "clicked");
  g_assert_cmpuint (n_children (list), ==, 200);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (more)), ==, "Show 50 More (50 Left)");

  /* A refresh with one guest more keeps the rows shown. */
  {
    g_autoptr(GPtrArray) again = make_inventories (N_GUESTS + 1);

    vigie_migrate_section_update (section, again, 1800000000, 24);
    g_assert_cmpuint (counted (section), ==, N_GUESTS + 1);
    g_assert_cmpuint (n_children (list), ==, 200);
  }

  g_signal_emit_by_name (more, "clicked");
  g_assert_cmpuint (n_children (list), ==, N_GUESTS + 1);
  g_assert_false (gtk_widget_get_visible (more));

  /* Another target: its first page. */
  dropdown = gtk_widget_get_first_child (gtk_widget_get_prev_sibling (gtk_widget_get_prev_sibling (list)));
  g_assert_true (GTK_IS_DROP_DOWN (dropdown));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  g_assert_cmpuint (n_children (list), ==, 100);
  g_assert_cmpuint (counted (section), ==, N_GUESTS + 1);

  g_object_unref (widget);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);
  have_display = vigie_test_init_display ();
  g_test_add_func ("/vigie/migrate-section/pages", test_pages);
  return g_test_run ();
}
