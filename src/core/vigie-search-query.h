/* vigie-search-query.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-resources.h"

G_BEGIN_DECLS

typedef enum {
  VIGIE_SEARCH_ANY = 0,   /* free text: any field */
  VIGIE_SEARCH_NAME,
  VIGIE_SEARCH_NODE,      /* node: or host: */
  VIGIE_SEARCH_STATE,
  VIGIE_SEARCH_TAG,
  VIGIE_SEARCH_TYPE,
  VIGIE_SEARCH_PROJECT,
  VIGIE_SEARCH_ENDPOINT,
  VIGIE_SEARCH_OS,
  VIGIE_SEARCH_ID,        /* id: or vmid:, also the UUID */
  VIGIE_SEARCH_IP,
} VigieSearchField;

typedef struct {
  VigieSearchField  field;
  char             *value;    /* case-folded, never empty */
  gboolean          negate;   /* written -key:value or -word */
} VigieSearchTerm;

typedef struct _VigieSearchQuery VigieSearchQuery;

typedef enum {
  VIGIE_SORT_NAME = 0,
  VIGIE_SORT_HOST,
  VIGIE_SORT_ENDPOINT,
  VIGIE_SORT_OS,
  VIGIE_SORT_ADDRESS,
  VIGIE_N_SORT_KEYS
} VigieSortKey;

/* What the search looks at in one instance, case-folded once, and its
 * sort keys (case-folded, compared with vigie_natural_compare ()), each
 * made the first time it is needed: a refresh of 10,000 instances sorted
 * by name makes 10,000 name keys, not five times as many. */
typedef struct {
  char     *identity;         /* vigie_instance_identity () */
  gboolean  folded;           /* the fields below are filled */
  char     *name;
  char     *id;
  char     *uuid;
  char     *host;
  char     *endpoint;
  char     *project;
  char     *os;               /* the raw value and its words */
  char    **addresses;
  char    **tags;
  char     *sort[VIGIE_N_SORT_KEYS];
  guint     sorted;           /* bit per VigieSortKey made (a NULL key is valid) */
} VigieInstanceKeys;

VigieSearchQuery        *vigie_search_query_parse     (const char              *text);
void                     vigie_search_query_free      (VigieSearchQuery        *query);
guint                    vigie_search_query_get_n_terms (const VigieSearchQuery *query);
const VigieSearchTerm   *vigie_search_query_get_term  (const VigieSearchQuery  *query,
                                                       guint                    index);
gboolean                 vigie_search_query_equal     (const VigieSearchQuery  *a,
                                                       const VigieSearchQuery  *b);
gboolean                 vigie_search_query_narrows   (const VigieSearchQuery  *query,
                                                       const VigieSearchQuery  *wider);
gboolean                 vigie_search_query_matches   (const VigieSearchQuery  *query,
                                                       VigieInstance           *instance);

const VigieInstanceKeys *vigie_instance_get_keys      (VigieInstance           *instance);
const char              *vigie_instance_get_identity  (VigieInstance           *instance);
const char              *vigie_instance_get_sort_key  (VigieInstance           *instance,
                                                       VigieSortKey             key);
int                      vigie_natural_compare        (const char              *a,
                                                       const char              *b);
char                    *vigie_instance_identity      (const char              *endpoint,
                                                       const char              *project,
                                                       const char              *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieSearchQuery, vigie_search_query_free)

G_END_DECLS
