/* vigie-coverage-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the coverage computation (vigie-coverage.c) shares with the matching
 * of backups to instances (vigie-coverage-match.c): the engine's state, its
 * identity index and the matching of one backup item.
 */

#pragma once

#include "vigie-coverage.h"

G_BEGIN_DECLS

typedef struct {
  VigieBackupItem *item;      /* the view that represents it (PBS preferred) */
  VigieVerified    verified;  /* the best-known verification of any view */
} Distinct;

typedef struct {
  VigieInventory *inv;
  VigieInstance  *inst;
  VigieCoverage  *row;
  GHashTable     *distinct;   /* identity -> Distinct* */
  GHashTable     *failures;   /* identity -> VigieBackupItem* */
} Target;

typedef struct {
  GPtrArray  *inventories;
  GPtrArray  *targets;        /* Target* */
  GHashTable *by_inventory;   /* VigieInventory* -> GPtrArray of Target* (borrowed) */
  GHashTable *jobs;           /* "endpoint\nname-or-id" -> VigieJob* */
  GHashTable *index;          /* see index_key() -> GPtrArray of Target* (borrowed) */
  guint       n_esxi;
  /* Made on first use, for each backup item would otherwise compare every
   * storage of every endpoint (seconds at 10,000 guests): */
  GHashTable *pbs_of_storage; /* VigieStorage* -> its PBS VigieInventory* or NULL */
  GHashTable *pbs_users;      /* "pbs\ndatastore\nnamespace" -> GPtrArray of the
                               * Proxmox VigieInventory* writing there */
} Engine;

void  vigie_coverage_target_free    (Target          *target);
char *vigie_coverage_normalize_uuid (const char      *uuid);
/* kind is one of the index keys described in vigie-coverage-match.c. */
void  vigie_coverage_index_add      (Engine          *engine,
                                     char             kind,
                                     VigieInventory  *inv,
                                     const char      *value,
                                     gpointer         target);
/* Attributes item to its one instance, or flags every candidate ambiguous. */
void  vigie_coverage_match_item     (Engine          *engine,
                                     VigieBackupItem *item);

G_END_DECLS
