/* vigie-context.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-clock.h"
#include "vigie-secret-store.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_CONTEXT (vigie_context_get_type ())

G_DECLARE_FINAL_TYPE (VigieContext, vigie_context, VIGIE, CONTEXT, GObject)

/* What core and backends need from their surroundings, passed in rather
 * than fetched from an application singleton, so tests build their own. */
VigieContext     *vigie_context_new                  (VigieSecretStore *secrets,
                                                      VigieClock       *clock);
VigieSecretStore *vigie_context_get_secret_store     (VigieContext     *self);
VigieClock       *vigie_context_get_clock            (VigieContext     *self);
guint             vigie_context_get_timeout          (VigieContext     *self);
void              vigie_context_set_timeout          (VigieContext     *self,
                                                      guint             seconds);
double            vigie_context_get_rpo_hours        (VigieContext     *self);
void              vigie_context_set_rpo_hours        (VigieContext     *self,
                                                      double            hours);
GTlsDatabase     *vigie_context_get_tls_database     (VigieContext     *self);
void              vigie_context_set_tls_database     (VigieContext     *self,
                                                      GTlsDatabase     *database);

G_END_DECLS
