/* coverage-fixture.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inventories built by hand for the coverage tests (test-coverage,
 * test-coverage-report), on a fixed clock: 2026-11-25T18:00:00Z.
 */

#pragma once

#include "vigie-clock.h"
#include "vigie-coverage.h"
#include "vigie-report.h"

#define HOUR 3600

gint64           test_now        (void);
GPtrArray       *inventories_new (void);
VigieInventory  *inv_new         (GPtrArray         *inventories,
                                  const char        *name,
                                  VigieKind          kind,
                                  const char        *url);
VigieInstance   *add_instance    (VigieInventory    *inv,
                                  const char        *id,
                                  const char        *name,
                                  VigieInstanceType  type);
VigieStorage    *add_storage     (VigieInventory    *inv,
                                  const char        *name,
                                  const char        *type,
                                  const char        *server,
                                  const char        *datastore,
                                  const char        *namespace_);
char            *pbs_snapshot    (const char        *type,
                                  const char        *id,
                                  gint64             time);
VigieBackupItem *add_item        (VigieInventory    *inv,
                                  VigieBackupSource  source,
                                  const char        *location,
                                  const char        *target_type,
                                  const char        *target_id,
                                  gint64             time);
/* The row of (endpoint name, project, id); aborts the test without one. */
VigieCoverage   *find_row        (GListStore        *coverage,
                                  const char        *endpoint,
                                  const char        *project,
                                  const char        *id);
VigieInstance   *add_vm          (VigieInventory    *inv,
                                  const char        *moref,
                                  const char        *name,
                                  const char        *uuid,
                                  const char        *host);
VigieBackupItem *add_veeam       (VigieInventory    *veeam,
                                  const char        *moref,
                                  const char        *uuid,
                                  const char        *name,
                                  const char        *host,
                                  gint64             time);
