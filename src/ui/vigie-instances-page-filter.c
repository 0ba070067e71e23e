/* vigie-instances-page-filter.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which instances the Instances page shows: the sidebar's endpoint, the
 * state drop-down and the search (src/core/vigie-search-query.c). The
 * search is parsed once per keystroke and each instance's fields were
 * case-folded once, so matching a row compares strings only.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include "vigie-instances-page-filter.h"
#include "vigie-search-query.h"

struct _VigieInstancesFilter
{
  GtkFilter         parent_instance;

  char             *endpoint;
  VigieStateFilter  state;
  VigieSearchQuery *query;     /* NULL when there is no term */
  GtkFilterChange   last_change; /* what the last search told the model, for tests */
};

G_DEFINE_FINAL_TYPE (VigieInstancesFilter, vigie_instances_filter, GTK_TYPE_FILTER)

static gboolean
match_state (VigieStateFilter  filter,
             VigieInstance    *instance)
{
  switch (filter)
    {
    case VIGIE_STATE_FILTER_RUNNING:
      return instance->state == VIGIE_STATE_RUNNING && !instance->template;
    case VIGIE_STATE_FILTER_STOPPED:
      /* A template is not a stopped guest. */
      return instance->state == VIGIE_STATE_STOPPED && !instance->template;
    case VIGIE_STATE_FILTER_OTHER:
      return instance->state != VIGIE_STATE_RUNNING && instance->state != VIGIE_STATE_STOPPED &&
             !instance->template;
    case VIGIE_STATE_FILTER_ALL:
    default:
      return TRUE;
    }
}

static gboolean
vigie_instances_filter_match (GtkFilter *filter,
                              gpointer   item)
{
  VigieInstancesFilter *self = VIGIE_INSTANCES_FILTER (filter);
  VigieInstance *instance = item;

  if (self->endpoint != NULL && g_strcmp0 (instance->endpoint, self->endpoint) != 0)
    return FALSE;
  if (!match_state (self->state, instance))
    return FALSE;
  return vigie_search_query_matches (self->query, instance);
}

static GtkFilterMatch
vigie_instances_filter_get_strictness (GtkFilter *filter)
{
  VigieInstancesFilter *self = VIGIE_INSTANCES_FILTER (filter);

  if (self->endpoint == NULL && self->state == VIGIE_STATE_FILTER_ALL && self->query == NULL)
    return GTK_FILTER_MATCH_ALL;
  return GTK_FILTER_MATCH_SOME;
}

static void
vigie_instances_filter_finalize (GObject *object)
{
  VigieInstancesFilter *self = VIGIE_INSTANCES_FILTER (object);

  g_free (self->endpoint);
  vigie_search_query_free (self->query);
  G_OBJECT_CLASS (vigie_instances_filter_parent_class)->finalize (object);
}

static void
vigie_instances_filter_class_init (VigieInstancesFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = vigie_instances_filter_finalize;
  filter_class->match = vigie_instances_filter_match;
  filter_class->get_strictness = vigie_instances_filter_get_strictness;
}

static void
vigie_instances_filter_init (VigieInstancesFilter *self)
{
}

VigieInstancesFilter *
vigie_instances_filter_new (void)
{
  return g_object_new (VIGIE_TYPE_INSTANCES_FILTER, NULL);
}

/* Each setter returns whether the filter changed (and said so). */
gboolean
vigie_instances_filter_set_endpoint (VigieInstancesFilter *self,
                                     const char           *endpoint)
{
  GtkFilterChange change;

  g_return_val_if_fail (VIGIE_IS_INSTANCES_FILTER (self), FALSE);

  if (g_strcmp0 (endpoint, self->endpoint) == 0)
    return FALSE;
  change = self->endpoint == NULL ? GTK_FILTER_CHANGE_MORE_STRICT
         : endpoint == NULL ? GTK_FILTER_CHANGE_LESS_STRICT
         : GTK_FILTER_CHANGE_DIFFERENT;
  g_free (self->endpoint);
  self->endpoint = g_strdup (endpoint);
  gtk_filter_changed (GTK_FILTER (self), change);
  return TRUE;
}

gboolean
vigie_instances_filter_set_state (VigieInstancesFilter *self,
                                  VigieStateFilter      state)
{
  GtkFilterChange change;

  g_return_val_if_fail (VIGIE_IS_INSTANCES_FILTER (self), FALSE);

  if (state == self->state)
    return FALSE;
  change = self->state == VIGIE_STATE_FILTER_ALL ? GTK_FILTER_CHANGE_MORE_STRICT
         : state == VIGIE_STATE_FILTER_ALL ? GTK_FILTER_CHANGE_LESS_STRICT
         : GTK_FILTER_CHANGE_DIFFERENT;
  self->state = state;
  gtk_filter_changed (GTK_FILTER (self), change);
  return TRUE;
}

gboolean
vigie_instances_filter_set_search (VigieInstancesFilter *self,
                                   const char           *text)
{
  g_autoptr(VigieSearchQuery) query = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_val_if_fail (VIGIE_IS_INSTANCES_FILTER (self), FALSE);

  query = vigie_search_query_parse (text);
  if (vigie_search_query_get_n_terms (query) == 0)
    g_clear_pointer (&query, vigie_search_query_free);
  /* "web " or "node:" select the same rows as before: nothing to redo. */
  if (vigie_search_query_equal (query, self->query))
    return FALSE;
  /* A letter typed looks again only at the rows shown, one erased only
   * at the rows hidden. */
  if (vigie_search_query_narrows (query, self->query))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (vigie_search_query_narrows (self->query, query))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  vigie_search_query_free (self->query);
  self->query = g_steal_pointer (&query);
  self->last_change = change;
  gtk_filter_changed (GTK_FILTER (self), change);
  return TRUE;
}

/* How the last new search was announced to the filter model: MORE_STRICT
 * when it could only narrow the rows shown, LESS_STRICT when it could only
 * widen them, DIFFERENT otherwise. */
GtkFilterChange
vigie_instances_filter_get_last_change (VigieInstancesFilter *self)
{
  g_return_val_if_fail (VIGIE_IS_INSTANCES_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
  return self->last_change;
}
