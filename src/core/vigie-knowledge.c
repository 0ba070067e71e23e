/* vigie-knowledge.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-knowledge"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "vigie-json.h"
#include "vigie-knowledge.h"
#include "vigie-version.h"

#define KNOWLEDGE_RESOURCE "/io/github/vigie/Vigie/knowledge/knowledge.json"

struct _VigieKnowledge
{
  GObject     parent_instance;

  JsonNode   *root;
  JsonArray  *products;
  JsonArray  *claims;
  JsonArray  *migration;
};

G_DEFINE_FINAL_TYPE (VigieKnowledge, vigie_knowledge, G_TYPE_OBJECT)

static const char *status_names[] = { "unknown", "supported", "ending-soon", "end-of-support" };

const char *
vigie_support_status_to_string (VigieSupportStatus status)
{
  if ((guint) status >= G_N_ELEMENTS (status_names))
    return "unknown";
  return status_names[status];
}

const char *
vigie_support_status_describe (VigieSupportStatus status)
{
  switch (status)
    {
    case VIGIE_SUPPORT_SUPPORTED:
      return _("Supported");
    case VIGIE_SUPPORT_ENDING_SOON:
      return _("Support ending soon");
    case VIGIE_SUPPORT_END_OF_SUPPORT:
      return _("End of support");
    case VIGIE_SUPPORT_UNKNOWN:
    default:
      /* Translators: the support status of a version the knowledge base does not know */
      return _("Support unknown");
    }
}

void
vigie_support_free (VigieSupport *support)
{
  if (support == NULL)
    return;
  g_free (support->line_id);
  g_free (support->line);
  g_free (support->ends);
  g_free (support->latest);
  g_free (support->source);
  g_free (support);
}

static void
vigie_knowledge_finalize (GObject *object)
{
  VigieKnowledge *self = VIGIE_KNOWLEDGE (object);

  g_clear_pointer (&self->root, json_node_unref);
  G_OBJECT_CLASS (vigie_knowledge_parent_class)->finalize (object);
}

static void
vigie_knowledge_class_init (VigieKnowledgeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_knowledge_finalize;
}

static void
vigie_knowledge_init (VigieKnowledge *self)
{
}

VigieKnowledge *
vigie_knowledge_new_from_data (const char  *data,
                               gssize       length,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(VigieKnowledge) self = NULL;
  JsonObject *root;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;
  root = vigie_json_node_object (json_parser_get_root (parser));
  if (root == NULL ||
      g_strcmp0 (vigie_json_get_string (root, "schema"), "vigie.knowledge/1") != 0 ||
      vigie_json_get_array (root, "products") == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("This is not a Vigie knowledge base"));
      return NULL;
    }
  self = g_object_new (VIGIE_TYPE_KNOWLEDGE, NULL);
  self->root = json_node_ref (json_parser_get_root (parser));
  self->products = vigie_json_get_array (root, "products");
  self->claims = vigie_json_get_array (root, "claims");
  self->migration = vigie_json_get_array (root, "migration");
  return g_steal_pointer (&self);
}

VigieKnowledge *
vigie_knowledge_get_default (void)
{
  static VigieKnowledge *knowledge;
  static gsize loaded_once;

  if (g_once_init_enter (&loaded_once))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_resources_lookup_data (KNOWLEDGE_RESOURCE,
                                                         G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      VigieKnowledge *loaded = NULL;

      if (bytes != NULL)
        loaded = vigie_knowledge_new_from_data (g_bytes_get_data (bytes, NULL),
                                                g_bytes_get_size (bytes), &error);
      /* Compiled in and checked by the tests: failing here is a build bug. */
      if (loaded == NULL)
        g_error ("The built-in knowledge base does not load: %s", error->message);
      knowledge = loaded;
      g_once_init_leave (&loaded_once, 1);
    }
  return knowledge;
}

static void
preload_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  vigie_knowledge_get_default ();
  g_task_return_boolean (task, TRUE);
}

void
vigie_knowledge_preload (void)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, vigie_knowledge_preload);
  g_task_run_in_thread (task, preload_thread);
}

JsonArray *
vigie_knowledge_get_products (VigieKnowledge *self)
{
  g_return_val_if_fail (VIGIE_IS_KNOWLEDGE (self), NULL);
  return self->products;
}

JsonArray *
vigie_knowledge_get_migration (VigieKnowledge *self)
{
  g_return_val_if_fail (VIGIE_IS_KNOWLEDGE (self), NULL);

  return self->migration;
}

JsonArray *
vigie_knowledge_get_claims (VigieKnowledge *self)
{
  g_return_val_if_fail (VIGIE_IS_KNOWLEDGE (self), NULL);
  return self->claims;
}

static JsonObject *
element_object (JsonArray *array,
                guint      index)
{
  return vigie_json_node_object (json_array_get_element (array, index));
}

static gboolean
get_boolean (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static guint
array_length (JsonArray *array)
{
  return array != NULL ? json_array_get_length (array) : 0;
}

JsonObject *
vigie_knowledge_lookup_line (VigieKnowledge  *self,
                             const char      *line_id,
                             JsonObject     **product)
{
  g_return_val_if_fail (VIGIE_IS_KNOWLEDGE (self), NULL);
  g_return_val_if_fail (line_id != NULL, NULL);

  for (guint p = 0; p < array_length (self->products); p++)
    {
      JsonObject *prod = element_object (self->products, p);
      JsonArray *lines = prod ? vigie_json_get_array (prod, "lines") : NULL;

      for (guint l = 0; l < array_length (lines); l++)
        {
          JsonObject *line = element_object (lines, l);

          if (line != NULL && g_strcmp0 (vigie_json_get_string (line, "id"), line_id) == 0)
            {
              if (product != NULL)
                *product = prod;
              return line;
            }
        }
    }
  return NULL;
}

JsonObject *
vigie_knowledge_find_product (VigieKnowledge *self,
                              VigieKind       kind,
                              const char     *product_name)
{
  JsonObject *first = NULL;
  guint candidates = 0;

  g_return_val_if_fail (VIGIE_IS_KNOWLEDGE (self), NULL);

  for (guint p = 0; p < array_length (self->products); p++)
    {
      JsonObject *prod = element_object (self->products, p);
      JsonArray *names;

      if (prod == NULL ||
          g_strcmp0 (vigie_json_get_string (prod, "kind"), vigie_kind_to_string (kind)) != 0)
        continue;
      candidates++;
      if (first == NULL)
        first = prod;
      names = vigie_json_get_array (prod, "server");
      for (guint i = 0; product_name != NULL && i < array_length (names); i++)
        {
          const char *name = node_string (json_array_get_element (names, i));

          if (name != NULL && g_ascii_strcasecmp (name, product_name) == 0)
            return prod;
        }
    }
  /* A named product must be one the base knows (vCenter is not ESXi); an
   * endpoint that did not say is its kind's product when there is one. */
  return product_name == NULL && candidates == 1 ? first : NULL;
}

static gboolean
product_scheme (JsonObject         *product,
                VigieVersionScheme *scheme)
{
  return vigie_version_scheme_from_string (vigie_json_get_string (product, "scheme"),
                                           scheme);
}

static const char *
latest_version (JsonObject *line,
                const char *member)
{
  JsonObject *fact = vigie_json_get_object (line, member);
  JsonObject *value = fact ? vigie_json_get_object (fact, "value") : NULL;

  return value ? vigie_json_get_string (value, "version") : NULL;
}

static gboolean
parse_release (VigieVersionScheme  scheme,
               JsonObject         *line,
               const char         *member,
               VigieVersion       *version)
{
  JsonObject *fact = vigie_json_get_object (line, member);
  JsonObject *value = fact ? vigie_json_get_object (fact, "value") : NULL;

  if (value == NULL)
    return FALSE;
  /* The PBS scheme's build is its release; a release record's version is whole. */
  return vigie_version_parse (scheme, vigie_json_get_string (value, "version"),
                              scheme == VIGIE_VERSION_SCHEME_PBS ? NULL
                                : vigie_json_get_string (value, "build"),
                              version);
}

JsonObject *
vigie_knowledge_find_line (VigieKnowledge *self,
                           JsonObject     *product,
                           const char     *version,
                           const char     *build)
{
  VigieVersionScheme scheme;
  VigieVersion parsed;
  g_autofree char *key = NULL;
  JsonArray *lines;
  JsonObject *feature = NULL;

  g_return_val_if_fail (VIGIE_IS_KNOWLEDGE (self), NULL);

  if (product == NULL || !product_scheme (product, &scheme) ||
      !vigie_version_parse (scheme, version, build, &parsed))
    return NULL;
  key = vigie_version_line_key (&parsed);
  lines = vigie_json_get_array (product, "lines");
  for (guint l = 0; l < array_length (lines); l++)
    {
      JsonObject *line = element_object (lines, l);

      if (line == NULL || get_boolean (line, "edition"))
        continue;
      if (get_boolean (line, "feature"))
        feature = line;
      else if (g_strcmp0 (vigie_json_get_string (line, "key"), key) == 0)
        return line;
    }
  if (feature != NULL)
    {
      VigieVersion since;

      if (vigie_version_parse (scheme, vigie_json_get_string (feature, "since"), NULL,
                               &since) &&
          vigie_version_compare (&parsed, &since) >= 0)
        return feature;
    }
  return NULL;
}

/* "2026-08-31" → a valid GDate, or FALSE. */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day;
  char tail;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static void
utc_date (gint64  unix_seconds,
          GDate  *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (unix_seconds);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static VigieSupportStatus
status_from_date (const char *ends,
                  gint64      now)
{
  GDate end, today;
  int days;

  if (!parse_date (ends, &end))
    return VIGIE_SUPPORT_SUPPORTED;  /* no end announced */
  utc_date (now, &today);
  days = g_date_days_between (&today, &end);
  if (days < 0)
    return VIGIE_SUPPORT_END_OF_SUPPORT;
  if (days <= VIGIE_SUPPORT_WARNING_DAYS)
    return VIGIE_SUPPORT_ENDING_SOON;
  return VIGIE_SUPPORT_SUPPORTED;
}

static int
outdated (VigieVersionScheme  scheme,
          JsonObject         *line,
          const VigieVersion *running)
{
  VigieVersion latest, newest;
  int older = -1;

  if (parse_release (scheme, line, "latest", &latest))
    older = vigie_version_is_older (running, &latest);
  /* ESXi: the newest update whose build is known can prove an older build. */
  if (older != 1 && parse_release (scheme, line, "newest_build", &newest) &&
      vigie_version_is_older (running, &newest) == 1)
    older = 1;
  return older;
}

VigieSupport *
vigie_knowledge_support (VigieKnowledge *self,
                         VigieKind       kind,
                         const char     *product_name,
                         const char     *version,
                         const char     *build,
                         gint64          now)
{
  JsonObject *product, *line;

  g_return_val_if_fail (VIGIE_IS_KNOWLEDGE (self), NULL);

  product = vigie_knowledge_find_product (self, kind, product_name);
  line = vigie_knowledge_find_line (self, product, version, build);
  return vigie_knowledge_line_support (product, line, version, build, now);
}

VigieSupport *
vigie_knowledge_line_support (JsonObject *product,
                              JsonObject *line,
                              const char *version,
                              const char *build,
                              gint64      now)
{
  VigieSupport *support = g_new0 (VigieSupport, 1);
  JsonObject *eos;
  VigieVersionScheme scheme;
  VigieVersion running;

  support->status = VIGIE_SUPPORT_UNKNOWN;
  support->outdated = -1;
  if (line == NULL || product == NULL || !product_scheme (product, &scheme) ||
      !vigie_version_parse (scheme, version, build, &running))
    return support;

  eos = vigie_json_get_object (line, "end_of_support");
  support->line_id = g_strdup (vigie_json_get_string (line, "id"));
  support->line = g_strdup (vigie_json_get_string (line, "name"));
  support->ends = g_strdup (eos ? vigie_json_get_string (eos, "value") : NULL);
  support->source = g_strdup (eos ? vigie_json_get_string (eos, "source") : NULL);
  support->latest = g_strdup (latest_version (line, "latest"));
  support->outdated = outdated (scheme, line, &running);

  if (get_boolean (line, "feature"))
    {
      VigieVersion latest;

      /* A feature release is supported until the next one replaces it. */
      support->status = VIGIE_SUPPORT_SUPPORTED;
      if (parse_release (scheme, line, "latest", &latest))
        {
          running.n_parts = latest.n_parts = 2;
          running.build = latest.build = -1;
          if (vigie_version_compare (&running, &latest) < 0)
            support->status = VIGIE_SUPPORT_END_OF_SUPPORT;
        }
    }
  else
    support->status = status_from_date (support->ends, now);
  return support;
}

static gboolean
fact_date (JsonObject *line,
           const char *member,
           GDate      *date)
{
  JsonObject *fact = vigie_json_get_object (line, member);

  return parse_date (fact != NULL ? vigie_json_get_string (fact, "value") : NULL, date);
}

JsonObject *
vigie_knowledge_successor (VigieKnowledge *self,
                           const char     *line_id,
                           gint64          now)
{
  JsonObject *product = NULL, *line, *best = NULL;
  JsonArray *lines;
  GDate released, best_released;
  int best_rank = G_MAXINT;

  g_return_val_if_fail (VIGIE_IS_KNOWLEDGE (self), NULL);

  line = line_id != NULL ? vigie_knowledge_lookup_line (self, line_id, &product) : NULL;
  if (line == NULL || get_boolean (line, "edition") || get_boolean (line, "feature") ||
      !fact_date (line, "released", &released))
    return NULL;
  lines = vigie_json_get_array (product, "lines");
  g_date_clear (&best_released, 1);
  for (guint l = 0; l < array_length (lines); l++)
    {
      JsonObject *other = element_object (lines, l);
      JsonObject *eos;
      VigieSupportStatus status;
      GDate other_released;
      int rank;

      if (other == NULL || other == line || get_boolean (other, "edition") ||
          get_boolean (other, "feature") || !fact_date (other, "released", &other_released) ||
          g_date_compare (&other_released, &released) <= 0)
        continue;
      eos = vigie_json_get_object (other, "end_of_support");
      status = status_from_date (eos ? vigie_json_get_string (eos, "value") : NULL, now);
      if (status == VIGIE_SUPPORT_END_OF_SUPPORT)
        continue;
      /* The next step up that stays supported, rather than the newest line:
       * that is the upgrade the vendor documents. */
      rank = status == VIGIE_SUPPORT_SUPPORTED ? 0 : 1;
      if (best == NULL || rank < best_rank ||
          (rank == best_rank && g_date_compare (&other_released, &best_released) < 0))
        {
          best = other;
          best_rank = rank;
          best_released = other_released;
        }
    }
  return best;
}

JsonObject *
vigie_knowledge_get_fact (JsonObject *product,
                          JsonObject *line,
                          const char *name)
{
  JsonObject *facts;
  JsonObject *fact;

  g_return_val_if_fail (name != NULL, NULL);

  facts = line ? vigie_json_get_object (line, "facts") : NULL;
  fact = facts ? vigie_json_get_object (facts, name) : NULL;
  if (fact != NULL)
    return fact;
  facts = product ? vigie_json_get_object (product, "facts") : NULL;
  return facts ? vigie_json_get_object (facts, name) : NULL;
}

const char *
vigie_knowledge_text (JsonObject *text,
                      const char *lang)
{
  const char *value;

  if (text == NULL)
    return NULL;
  if (lang == NULL)
    {
      const char * const *names = g_get_language_names ();

      lang = "en";
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_has_prefix (names[i], "fr"))
          {
            lang = "fr";
            break;
          }
        else if (g_str_has_prefix (names[i], "en"))
          break;
    }
  value = vigie_json_get_string (text, lang);
  return value != NULL ? value : vigie_json_get_string (text, "en");
}
