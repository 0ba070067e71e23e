/* vigiectl-history.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every complete `inventory` or `backups` run is kept as a snapshot (see
 * vigie-history.h); `inventory --since TIME` prints what changed between
 * the snapshot of that time and now.
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-coverage.h"
#include "vigie-history.h"
#include "vigie-report.h"
#include "vigiectl.h"

/* With --config-dir, beside the endpoint list (so that a test or a second
 * setup has its own); else in the user's state folder. */
static char *
history_dir (Vigiectl *ctl)
{
  if (ctl->config_dir != NULL)
    return g_build_filename (ctl->config_dir, "history", NULL);
  return g_build_filename (g_get_user_state_dir (), "vigie", "history", NULL);
}

void
vigiectl_history_record (Vigiectl   *ctl,
                         GStrv       names,
                         GPtrArray  *inventories,
                         GListModel *coverage,
                         gint64      now)
{
  g_autofree char *dir = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;

  /* Only a run over every endpoint: a partial one would read as removals. */
  if (names != NULL && names[0] != NULL)
    return;
  dir = history_dir (ctl);
  /* Written as text: no tree of every instance beside the report's. */
  text = vigie_history_snapshot_text (inventories, coverage, now, NULL);
  if (!vigie_history_save (dir, text->str, text->len, now, &error))
    g_printerr ("vigiectl: %s\n", error->message);
}

static gboolean
keep_change (VigieChange *change,
             GStrv        names)
{
  return names == NULL || names[0] == NULL ||
         g_strv_contains ((const char * const *) names, change->endpoint);
}

int
vigiectl_inventory_since (Vigiectl   *ctl,
                          GStrv       names,
                          const char *since_text,
                          const char *format,
                          const char *path,
                          const char *lang)
{
  g_autoptr(GPtrArray) backends = NULL;
  g_autoptr(GPtrArray) inventories = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GListStore) coverage = NULL;
  g_autoptr(JsonNode) base = NULL;
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = history_dir (ctl);
  g_autofree char *output = NULL;
  gboolean exact = TRUE;
  gint64 now = vigie_clock_now (vigie_context_get_clock (ctl->context));
  gint64 since, base_taken_at;

  if (g_str_equal (since_text, "last"))
    since = now;
  else if (!vigie_history_parse_since (since_text, now, &since, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }

  backends = vigiectl_select_backends (ctl, names);
  if (backends == NULL)
    return VIGIECTL_EXIT_USAGE;
  /* The base is read before this run is recorded. */
  base = vigie_history_load_at (dir, since, &exact, &error);
  if (base == NULL)
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  base_taken_at = vigie_history_taken_at (base);
  if (!exact)
    {
      g_autofree char *taken = vigie_format_time (base_taken_at);

      g_printerr (_("vigiectl: no inventory was recorded that early; comparing with the "
                    "oldest one, of %s\n"), taken ? taken : "?");
    }

  inventories = vigiectl_fetch_with_backups (ctl, backends);
  coverage = vigie_coverage_compute (inventories, now,
                                     vigie_context_get_rpo_hours (ctl->context));
  current = vigie_history_snapshot (inventories, G_LIST_MODEL (coverage), now);
  vigiectl_history_record (ctl, names, inventories, G_LIST_MODEL (coverage), now);

  all = vigie_history_diff (base, current);
  changes = g_ptr_array_new ();
  for (guint i = 0; i < all->len; i++)
    if (keep_change (g_ptr_array_index (all, i), names))
      g_ptr_array_add (changes, g_ptr_array_index (all, i));

  if (g_str_equal (format, "markdown") || g_str_equal (format, "html") ||
      g_str_equal (format, "pdf"))
    {
      g_autoptr(VigieReportDoc) doc =
        vigie_history_changes_doc (changes, since, base_taken_at, now, lang);

      if (!vigiectl_write_document (doc, format, path))
        return VIGIECTL_EXIT_USAGE;
      return vigiectl_exit_status (inventories);
    }
  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonNode) root = vigie_history_changes_json (changes, since, base_taken_at, now);
      g_autofree char *json = vigie_json_to_string (root);

      output = g_strconcat (json, "\n", NULL);
    }
  else if (g_str_equal (format, "csv"))
    output = vigie_history_changes_csv (changes);
  else if (changes->len == 0)
    {
      g_autofree char *taken = vigie_format_time (base_taken_at);

      output = g_strdup_printf (_("Nothing changed since the inventory of %s.\n"),
                                taken ? taken : "?");
    }
  else
    {
      g_autoptr(GPtrArray) rows = vigie_history_changes_rows (changes);

      output = vigie_format_table (rows);
    }
  if (!vigiectl_write_output (path, output))
    return VIGIECTL_EXIT_USAGE;
  return vigiectl_exit_status (inventories);
}
