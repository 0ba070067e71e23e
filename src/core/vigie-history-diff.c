/* vigie-history-diff.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What changed between two snapshots (vigie-history.c), and the writers
 * of that list. An endpoint that failed on either side is not compared
 * instance by instance: what it holds is unknown, not removed.
 */

#define G_LOG_DOMAIN "vigie-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-clock.h"
#include "vigie-history.h"
#include "vigie-json.h"
#include "vigie-report.h"

static GHashTable *
endpoints_by_name (JsonNode *snapshot)
{
  GHashTable *map = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *root = vigie_json_node_object (snapshot);
  JsonArray *endpoints = root ? vigie_json_get_array (root, "endpoints") : NULL;
  guint n = endpoints ? json_array_get_length (endpoints) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *ep = vigie_json_node_object (json_array_get_element (endpoints, i));
      const char *name = ep ? vigie_json_get_string (ep, "name") : NULL;

      if (name != NULL)
        g_hash_table_insert (map, (gpointer) name, ep);
    }
  return map;
}

static GHashTable *
instances_by_key (JsonObject *endpoint)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *instances = vigie_json_get_array (endpoint, "instances");
  guint n = instances ? json_array_get_length (instances) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *inst = vigie_json_node_object (json_array_get_element (instances, i));
      const char *id = inst ? vigie_json_get_string (inst, "id") : NULL;
      const char *project = inst ? vigie_json_get_string (inst, "project") : NULL;

      if (id != NULL)
        g_hash_table_insert (map, g_strdup_printf ("%s\x1f%s", project ? project : "", id), inst);
    }
  return map;
}

static VigieChange *
change_new (VigieChangeKind  kind,
            const char      *endpoint,
            JsonObject      *instance,
            const char      *from,
            const char      *to)
{
  VigieChange *change = g_new0 (VigieChange, 1);

  change->kind = kind;
  change->endpoint = g_strdup (endpoint);
  if (instance != NULL)
    {
      change->instance_id = g_strdup (vigie_json_get_string (instance, "id"));
      change->project = g_strdup (vigie_json_get_string (instance, "project"));
      change->name = g_strdup (vigie_json_get_string (instance, "name"));
    }
  change->from = g_strdup (from);
  change->to = g_strdup (to);
  return change;
}

static gboolean
answered (JsonObject *endpoint)
{
  return g_strcmp0 (vigie_json_get_string (endpoint, "status"), "ok") == 0;
}

static void
diff_instances (GPtrArray  *changes,
                const char *endpoint,
                JsonObject *before,
                JsonObject *after)
{
  g_autoptr(GHashTable) old = instances_by_key (before);
  g_autoptr(GHashTable) now = instances_by_key (after);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *inst = value, *was = g_hash_table_lookup (old, key);
      const char *state = vigie_json_get_string (inst, "state");
      const char *backup = vigie_json_get_string (inst, "backup");

      if (was == NULL)
        {
          g_ptr_array_add (changes, change_new (VIGIE_CHANGE_INSTANCE_ADDED, endpoint, inst,
                                                NULL, state));
          continue;
        }
      if (g_strcmp0 (vigie_json_get_string (was, "state"), state) != 0)
        g_ptr_array_add (changes, change_new (VIGIE_CHANGE_STATE, endpoint, inst,
                                              vigie_json_get_string (was, "state"), state));
      /* Only when both runs looked at backups. */
      if (g_strcmp0 (vigie_json_get_string (was, "backup"), "protected") == 0 &&
          backup != NULL && g_strcmp0 (backup, "protected") != 0)
        g_ptr_array_add (changes, change_new (VIGIE_CHANGE_COVERAGE_LOST, endpoint, inst,
                                              "protected", backup));
    }
  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (now, key))
      g_ptr_array_add (changes, change_new (VIGIE_CHANGE_INSTANCE_REMOVED, endpoint, value,
                                            vigie_json_get_string (value, "state"), NULL));
}

static gint
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const VigieChange *x = *(VigieChange * const *) a, *y = *(VigieChange * const *) b;
  int c;

  if ((c = g_strcmp0 (x->endpoint, y->endpoint)) != 0)
    return c;
  /* Endpoint changes first, then instances by name and id. */
  if ((x->instance_id == NULL) != (y->instance_id == NULL))
    return x->instance_id == NULL ? -1 : 1;
  if ((c = g_strcmp0 (x->name, y->name)) != 0)
    return c;
  if ((c = g_strcmp0 (x->instance_id, y->instance_id)) != 0)
    return c;
  return (int) x->kind - (int) y->kind;
}

GPtrArray *
vigie_history_diff (JsonNode *before,
                    JsonNode *after)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_change_free);
  g_autoptr(GHashTable) old = endpoints_by_name (before);
  g_autoptr(GHashTable) now = endpoints_by_name (after);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *ep = value, *was = g_hash_table_lookup (old, key);
      const char *version = vigie_json_get_string (ep, "version");
      const char *old_version;

      if (was == NULL)
        {
          g_ptr_array_add (changes, change_new (VIGIE_CHANGE_ENDPOINT_ADDED, key, NULL, NULL,
                                                vigie_json_get_string (ep, "kind")));
          continue;
        }
      if (answered (was) && !answered (ep))
        {
          g_ptr_array_add (changes, change_new (VIGIE_CHANGE_ENDPOINT_UNREACHABLE, key, NULL,
                                                "ok", vigie_json_get_string (ep, "status")));
          continue;
        }
      old_version = vigie_json_get_string (was, "version");
      if (old_version != NULL && version != NULL && g_strcmp0 (old_version, version) != 0)
        g_ptr_array_add (changes, change_new (VIGIE_CHANGE_VERSION, key, NULL, old_version,
                                              version));
      if (answered (was) && answered (ep))
        diff_instances (changes, key, was, ep);
    }
  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (now, key))
      g_ptr_array_add (changes, change_new (VIGIE_CHANGE_ENDPOINT_REMOVED, key, NULL,
                                            vigie_json_get_string (value, "kind"), NULL));
  g_ptr_array_sort (changes, compare_changes);
  return changes;
}

/* ---- Writers ---- */

JsonNode *
vigie_history_changes_json (GPtrArray *changes,
                            gint64     since,
                            gint64     base_taken_at,
                            gint64     now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  vigie_json_add_string (builder, "schema", "vigie.changes/1");
  vigie_json_add_time (builder, "generated_at", now);
  vigie_json_add_time (builder, "since", since);
  vigie_json_add_time (builder, "compared_with", base_taken_at);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      VigieChange *c = g_ptr_array_index (changes, i);

      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "change", vigie_change_kind_to_string (c->kind));
      vigie_json_add_string (builder, "endpoint", c->endpoint);
      vigie_json_add_string (builder, "id", c->instance_id);
      vigie_json_add_string (builder, "project", c->project);
      vigie_json_add_string (builder, "name", c->name);
      vigie_json_add_string (builder, "from", c->from);
      vigie_json_add_string (builder, "to", c->to);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

GPtrArray *
vigie_history_changes_rows (GPtrArray *changes)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, g_strdupv ((char *[]) { _("CHANGE"), _("ENDPOINT"), _("INSTANCE"),
                                                 _("BEFORE"), _("AFTER"), NULL }));
  for (guint i = 0; i < changes->len; i++)
    {
      VigieChange *c = g_ptr_array_index (changes, i);
      g_autofree char *instance = NULL;
      char **row = g_new0 (char *, 6);

      if (c->instance_id != NULL)
        instance = c->project != NULL
                   ? g_strdup_printf ("%s (%s/%s)", c->name ? c->name : "", c->project,
                                      c->instance_id)
                   : g_strdup_printf ("%s (%s)", c->name ? c->name : "", c->instance_id);
      row[0] = g_strdup (vigie_change_kind_get_label (c->kind));
      row[1] = g_strdup (c->endpoint);
      row[2] = g_strdup (instance ? instance : "");
      row[3] = g_strdup (c->from ? c->from : "");
      row[4] = g_strdup (c->to ? c->to : "");
      g_ptr_array_add (rows, row);
    }
  return rows;
}

char *
vigie_history_changes_csv (GPtrArray *changes)
{
  GString *out = g_string_new ("change,endpoint,id,project,name,from,to\r\n");

  for (guint i = 0; i < changes->len; i++)
    {
      VigieChange *c = g_ptr_array_index (changes, i);
      const char *fields[] = { vigie_change_kind_to_string (c->kind), c->endpoint,
                               c->instance_id, c->project, c->name, c->from, c->to };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          if (f > 0)
            g_string_append_c (out, ',');
          vigie_csv_append_field (out, fields[f]);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

VigieReportDoc *
vigie_history_changes_doc (GPtrArray  *changes,
                           gint64      since,
                           gint64      base_taken_at,
                           gint64      now,
                           const char *lang)
{
  VigieReportDoc *doc = vigie_report_doc_new (_("What changed"), lang);
  g_autofree char *generated = vigie_format_time (now);
  g_autofree char *asked = vigie_format_time (since);
  g_autofree char *base = vigie_format_time (base_taken_at);
  g_autofree char *fact = NULL;

  fact = g_strdup_printf (_("Generated: %s"), generated ? generated : "");
  vigie_report_doc_add_fact (doc, fact);
  g_clear_pointer (&fact, g_free);
  fact = g_strdup_printf (_("Changes since: %s (compared with the inventory of %s)"),
                          asked ? asked : "", base ? base : "");
  vigie_report_doc_add_fact (doc, fact);
  if (changes->len == 0)
    vigie_report_doc_add_paragraph (doc, _("Nothing changed."));
  else
    vigie_report_doc_add_table (doc, vigie_history_changes_rows (changes));
  return doc;
}
