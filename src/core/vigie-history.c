/* vigie-history.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A snapshot keeps, per endpoint, what a diff needs and nothing more: its
 * status and version, and per instance its identity, type, state and
 * backup status. Snapshots are small JSON files named by the second they
 * were taken, so the directory listing is the index.
 */

#define G_LOG_DOMAIN "vigie-history"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vigie-clock.h"
#include "vigie-coverage.h"
#include "vigie-history.h"
#include "vigie-inventory.h"
#include "vigie-json.h"
#include "vigie-json-writer.h"

#define SCHEMA "vigie.history/1"
#define PREFIX "inventory-"
#define SUFFIX ".json"

void
vigie_change_free (VigieChange *change)
{
  if (change == NULL)
    return;
  g_free (change->endpoint);
  g_free (change->instance_id);
  g_free (change->project);
  g_free (change->name);
  g_free (change->from);
  g_free (change->to);
  g_free (change);
}

const char *
vigie_change_kind_to_string (VigieChangeKind kind)
{
  switch (kind)
    {
    case VIGIE_CHANGE_ENDPOINT_ADDED:       return "endpoint-added";
    case VIGIE_CHANGE_ENDPOINT_REMOVED:     return "endpoint-removed";
    case VIGIE_CHANGE_ENDPOINT_UNREACHABLE: return "endpoint-unreachable";
    case VIGIE_CHANGE_VERSION:              return "version";
    case VIGIE_CHANGE_INSTANCE_ADDED:       return "instance-added";
    case VIGIE_CHANGE_INSTANCE_REMOVED:     return "instance-removed";
    case VIGIE_CHANGE_STATE:                return "state";
    case VIGIE_CHANGE_COVERAGE_LOST:        return "coverage-lost";
    default:                                return "unknown";
    }
}

const char *
vigie_change_kind_get_label (VigieChangeKind kind)
{
  switch (kind)
    {
    case VIGIE_CHANGE_ENDPOINT_ADDED:       return _("Endpoint added");
    case VIGIE_CHANGE_ENDPOINT_REMOVED:     return _("Endpoint removed");
    case VIGIE_CHANGE_ENDPOINT_UNREACHABLE: return _("Endpoint no longer answers");
    case VIGIE_CHANGE_VERSION:              return _("Version changed");
    case VIGIE_CHANGE_INSTANCE_ADDED:       return _("Instance added");
    case VIGIE_CHANGE_INSTANCE_REMOVED:     return _("Instance removed");
    case VIGIE_CHANGE_STATE:                return _("State changed");
    case VIGIE_CHANGE_COVERAGE_LOST:        return _("Backup coverage lost");
    default:                                return _("Unknown");
    }
}

/* ---- Snapshots ---- */

static char *
instance_key (const char *endpoint,
              const char *project,
              const char *id)
{
  return g_strdup_printf ("%s\x1f%s\x1f%s", endpoint, project ? project : "", id);
}

static GHashTable *
coverage_by_instance (GListModel *coverage)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = coverage ? g_list_model_get_n_items (coverage) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieCoverage) c = g_list_model_get_item (coverage, i);

      if (c->endpoint != NULL && c->instance_id != NULL)
        g_hash_table_insert (map, instance_key (c->endpoint, c->project, c->instance_id),
                             (gpointer) vigie_backup_status_to_string (c->status));
    }
  return map;
}

/* The snapshot through @writer; in text, *@body is where what follows
 * "taken_at" starts: two snapshots of the same estate differ before it. */
static void
write_snapshot (VigieJsonWriter *writer,
                GPtrArray       *inventories,
                GListModel      *coverage,
                gint64           now,
                gsize           *body)
{
  g_autoptr(GHashTable) backup = coverage_by_instance (coverage);
  g_autofree char *taken_at = vigie_format_time (now);

  vigie_json_writer_begin_object (writer);
  vigie_json_writer_member (writer, "schema");
  vigie_json_writer_string (writer, SCHEMA);
  vigie_json_writer_member (writer, "taken_at");
  vigie_json_writer_string (writer, taken_at);
  if (body != NULL)
    *body = writer->out->len;
  vigie_json_writer_member (writer, "endpoints");
  vigie_json_writer_begin_array (writer);
  for (guint i = 0; inventories != NULL && i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (inv->instances));

      vigie_json_writer_begin_object (writer);
      vigie_json_writer_member (writer, "name");
      vigie_json_writer_string (writer, inv->endpoint);
      vigie_json_writer_member (writer, "kind");
      vigie_json_writer_string (writer, vigie_kind_to_string (inv->kind));
      vigie_json_writer_member (writer, "status");
      vigie_json_writer_string (writer, vigie_status_to_string (inv->status));
      vigie_json_writer_member (writer, "version");
      vigie_json_writer_string (writer, inv->version);
      vigie_json_writer_member (writer, "instances");
      vigie_json_writer_begin_array (writer);
      for (guint k = 0; k < n; k++)
        {
          g_autoptr(VigieInstance) inst = g_list_model_get_item (G_LIST_MODEL (inv->instances), k);

          vigie_json_writer_begin_object (writer);
          vigie_json_writer_member (writer, "id");
          vigie_json_writer_string (writer, inst->id);
          vigie_json_writer_member (writer, "project");
          vigie_json_writer_string (writer, inst->project);
          vigie_json_writer_member (writer, "name");
          vigie_json_writer_string (writer, inst->name);
          vigie_json_writer_member (writer, "type");
          vigie_json_writer_string (writer, vigie_instance_type_to_string (inst->type));
          vigie_json_writer_member (writer, "state");
          vigie_json_writer_string (writer, vigie_instance_state_to_string (inst->state));
          vigie_json_writer_member (writer, "template");
          vigie_json_writer_boolean (writer, inst->template);
          if (coverage != NULL)
            {
              g_autofree char *key = instance_key (inv->endpoint, inst->project, inst->id);

              vigie_json_writer_member (writer, "backup");
              vigie_json_writer_string (writer, g_hash_table_lookup (backup, key));
            }
          vigie_json_writer_end_object (writer);
        }
      vigie_json_writer_end_array (writer);
      vigie_json_writer_end_object (writer);
    }
  vigie_json_writer_end_array (writer);
  vigie_json_writer_end_object (writer);
}

JsonNode *
vigie_history_snapshot (GPtrArray  *inventories,
                        GListModel *coverage,
                        gint64      now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  VigieJsonWriter writer;

  vigie_json_writer_init_builder (&writer, builder);
  write_snapshot (&writer, inventories, coverage, now, NULL);
  return json_builder_get_root (builder);
}

/**
 * vigie_history_snapshot_text:
 * @body: (out) (optional): where the text stops depending on @now
 *
 * The file vigie_history_save() writes: vigie_history_snapshot()'s tree
 * as json-glib would print it, written straight as text (at 10,000 guests
 * the tree, its text and a second tree to compare were 24 MB of the app's
 * peak, each round).
 */
GString *
vigie_history_snapshot_text (GPtrArray  *inventories,
                             GListModel *coverage,
                             gint64      now,
                             gsize      *body)
{
  GString *text = g_string_sized_new (4096);
  VigieJsonWriter writer;

  vigie_json_writer_init_text (&writer, text, 0);
  write_snapshot (&writer, inventories, coverage, now, body);
  return text;
}

gint64
vigie_history_taken_at (JsonNode *snapshot)
{
  JsonObject *root = vigie_json_node_object (snapshot);

  return root ? vigie_parse_time (vigie_json_get_string (root, "taken_at")) : 0;
}

/* The seconds in a snapshot's file name, or -1 when it is not one. */
static gint64
file_seconds (const char *name)
{
  g_autofree char *digits = NULL;
  gint64 seconds;

  if (!g_str_has_prefix (name, PREFIX) || !g_str_has_suffix (name, SUFFIX))
    return -1;
  digits = g_strndup (name + strlen (PREFIX), strlen (name) - strlen (PREFIX) - strlen (SUFFIX));
  if (!g_ascii_string_to_signed (digits, 10, 0, G_MAXINT64, &seconds, NULL))
    return -1;
  return seconds;
}

static gint
compare_seconds (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The snapshots' times in @dir, oldest first; NULL when it cannot be read. */
static GArray *
list_snapshots (const char  *dir,
                GError     **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  GArray *times;
  const char *name;

  if (d == NULL)
    return NULL;
  times = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((name = g_dir_read_name (d)) != NULL)
    {
      gint64 seconds = file_seconds (name);

      if (seconds >= 0)
        g_array_append_val (times, seconds);
    }
  g_array_sort (times, compare_seconds);
  return times;
}

static char *
snapshot_path (const char *dir,
               gint64      seconds)
{
  g_autofree char *name = g_strdup_printf (PREFIX "%012" G_GINT64_FORMAT SUFFIX, seconds);

  return g_build_filename (dir, name, NULL);
}

gboolean
vigie_history_save (const char  *dir,
                    const char  *text,
                    gsize        length,
                    gint64       now,
                    GError     **error)
{
  g_autofree char *path = snapshot_path (dir, now);
  g_autoptr(GArray) times = NULL;
  gint64 oldest_kept = now - (gint64) VIGIE_HISTORY_KEEP_DAYS * 24 * 3600;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the history folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  if (!g_file_set_contents_full (path, text, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  /* Pruning is best effort: a file that cannot be removed stays. */
  times = list_snapshots (dir, NULL);
  for (guint i = 0; times != NULL && i + 1 < times->len; i++)
    {
      gint64 t = g_array_index (times, gint64, i);

      if (t < oldest_kept || times->len - i > VIGIE_HISTORY_KEEP)
        {
          g_autofree char *old = snapshot_path (dir, t);

          if (g_unlink (old) != 0)
            g_debug ("Cannot remove %s: %s", old, g_strerror (errno));
        }
    }
  return TRUE;
}

static JsonNode *
load_snapshot (const char *dir,
               gint64      seconds)
{
  g_autofree char *path = snapshot_path (dir, seconds);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize length;
  JsonObject *root;

  if (!g_file_get_contents (path, &text, &length, &error) ||
      (node = vigie_json_parse_bounded (text, length, &error)) == NULL)
    {
      g_debug ("Skipping %s: %s", path, error->message);
      return NULL;
    }
  root = vigie_json_node_object (node);
  if (root == NULL || g_strcmp0 (vigie_json_get_string (root, "schema"), SCHEMA) != 0 ||
      vigie_json_get_array (root, "endpoints") == NULL)
    {
      g_debug ("Skipping %s: not a %s snapshot", path, SCHEMA);
      return NULL;
    }
  return g_steal_pointer (&node);
}

JsonNode *
vigie_history_load_at (const char  *dir,
                       gint64       when,
                       gboolean    *exact,
                       GError     **error)
{
  g_autoptr(GArray) times = list_snapshots (dir, NULL);

  /* Newest at or before @when first, then the oldest after it. */
  for (guint i = times ? times->len : 0; i > 0; i--)
    {
      gint64 t = g_array_index (times, gint64, i - 1);
      JsonNode *node;

      if (t > when)
        continue;
      node = load_snapshot (dir, t);
      if (node != NULL)
        {
          if (exact)
            *exact = TRUE;
          return node;
        }
    }
  for (guint i = 0; times != NULL && i < times->len; i++)
    {
      gint64 t = g_array_index (times, gint64, i);
      JsonNode *node;

      if (t <= when)
        continue;
      node = load_snapshot (dir, t);
      if (node != NULL)
        {
          if (exact)
            *exact = FALSE;
          return node;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("No earlier inventory is recorded yet: run “vigiectl inventory” once, then again "
                 "with --since"));
  return NULL;
}

gboolean
vigie_history_parse_since (const char  *text,
                           gint64       now,
                           gint64      *when,
                           GError     **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = NULL;
  guint64 amount;
  char *end = NULL;
  int year, month, day;
  char tail;

  if (text != NULL && g_ascii_isdigit (*text))
    {
      amount = g_ascii_strtoull (text, &end, 10);
      if (end != NULL && end[0] != '\0' && end[1] == '\0' && strchr ("mhdw", end[0]) &&
          amount <= 100u * 365 * 24 * 60)
        {
          gint64 unit = end[0] == 'm' ? 60 : end[0] == 'h' ? 3600 : end[0] == 'd' ? 86400 : 604800;

          *when = now - (gint64) amount * unit;
          return TRUE;
        }
      if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3 &&
          strlen (text) == 10 &&
          (dt = g_date_time_new (local, year, month, day, 0, 0, 0)) != NULL)
        {
          *when = g_date_time_to_unix (dt);
          return TRUE;
        }
      dt = g_date_time_new_from_iso8601 (text, local);
      if (dt != NULL)
        {
          *when = g_date_time_to_unix (dt);
          return TRUE;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a time: use a date (2026-12-01), a date and time "
                 "(2026-12-01T08:00), or a duration back from now (90m, 36h, 7d, 2w)"),
               text ? text : "");
  return FALSE;
}
