/* vigie-action.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-action.h"

G_DEFINE_FINAL_TYPE (VigieAction, vigie_action, G_TYPE_OBJECT)

static void
vigie_action_finalize (GObject *object)
{
  VigieAction *self = (VigieAction *) object;

  g_free (self->id);
  g_free (self->label);
  g_free (self->reason);
  g_strfreev (self->params);

  G_OBJECT_CLASS (vigie_action_parent_class)->finalize (object);
}

static void
vigie_action_class_init (VigieActionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_action_finalize;
}

static void
vigie_action_init (VigieAction *self)
{
}

VigieAction *
vigie_action_new (const char *id,
                  const char *label,
                  gboolean    allowed,
                  const char *reason)
{
  VigieAction *self = g_object_new (VIGIE_TYPE_ACTION, NULL);

  self->id = g_strdup (id);
  self->label = g_strdup (label ? label : vigie_action_get_default_label (id));
  self->allowed = allowed;
  self->reason = g_strdup (reason);
  if (g_strcmp0 (id, VIGIE_ACTION_SNAPSHOT) == 0)
    self->params = g_strsplit ("name,description", ",", -1);
  else if (g_strcmp0 (id, VIGIE_ACTION_BACKUP) == 0)
    self->params = g_strsplit ("storage", ",", -1);
  return self;
}

const char *
vigie_action_get_default_label (const char *id)
{
  static const struct { const char *id; const char *label; } labels[] = {
    { VIGIE_ACTION_START, N_("Start") },
    { VIGIE_ACTION_STOP, N_("Power Off") },
    { VIGIE_ACTION_SHUTDOWN, N_("Shut Down") },
    { VIGIE_ACTION_REBOOT, N_("Reboot") },
    { VIGIE_ACTION_SUSPEND, N_("Suspend") },
    { VIGIE_ACTION_PAUSE, N_("Pause") },
    { VIGIE_ACTION_RESUME, N_("Resume") },
    { VIGIE_ACTION_SNAPSHOT, N_("Take Snapshot") },
    { VIGIE_ACTION_BACKUP, N_("Back Up Now") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].id, id) == 0)
      return _(labels[i].label);
  return id;
}
