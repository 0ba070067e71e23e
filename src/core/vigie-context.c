/* vigie-context.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include "vigie-context.h"

struct _VigieContext
{
  GObject           parent_instance;
  VigieSecretStore *secrets;
  VigieClock       *clock;
  GTlsDatabase     *tls_database;
  guint             timeout;
  double            rpo_hours;
};

G_DEFINE_FINAL_TYPE (VigieContext, vigie_context, G_TYPE_OBJECT)

static void
vigie_context_dispose (GObject *object)
{
  VigieContext *self = (VigieContext *) object;

  g_clear_object (&self->secrets);
  g_clear_object (&self->clock);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (vigie_context_parent_class)->dispose (object);
}

static void
vigie_context_class_init (VigieContextClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vigie_context_dispose;
}

static void
vigie_context_init (VigieContext *self)
{
  self->timeout = 30;
  self->rpo_hours = 24.0;
}

VigieContext *
vigie_context_new (VigieSecretStore *secrets,
                   VigieClock       *clock)
{
  VigieContext *self = g_object_new (VIGIE_TYPE_CONTEXT, NULL);

  self->secrets = secrets ? g_object_ref (secrets) : vigie_secret_store_new ();
  self->clock = clock ? g_object_ref (clock) : vigie_clock_new_system ();
  return self;
}

VigieSecretStore *
vigie_context_get_secret_store (VigieContext *self)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), NULL);
  return self->secrets;
}

VigieClock *
vigie_context_get_clock (VigieContext *self)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), NULL);
  return self->clock;
}

guint
vigie_context_get_timeout (VigieContext *self)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), 30);
  return self->timeout;
}

void
vigie_context_set_timeout (VigieContext *self,
                           guint         seconds)
{
  g_return_if_fail (VIGIE_IS_CONTEXT (self));
  self->timeout = seconds;
}

double
vigie_context_get_rpo_hours (VigieContext *self)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), 24.0);
  return self->rpo_hours;
}

void
vigie_context_set_rpo_hours (VigieContext *self,
                             double        hours)
{
  g_return_if_fail (VIGIE_IS_CONTEXT (self));
  g_return_if_fail (hours > 0);
  self->rpo_hours = hours;
}

GTlsDatabase *
vigie_context_get_tls_database (VigieContext *self)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), NULL);
  return self->tls_database;
}

/* Tests use a database that trusts nothing, so the pinning path is taken
 * even for a certificate a system CA would verify. */
void
vigie_context_set_tls_database (VigieContext *self,
                                GTlsDatabase *database)
{
  g_return_if_fail (VIGIE_IS_CONTEXT (self));
  g_set_object (&self->tls_database, database);
}
