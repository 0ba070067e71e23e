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
  self->disruptive = vigie_action_id_is_disruptive (id);
  if (g_strcmp0 (id, VIGIE_ACTION_SNAPSHOT) == 0)
    self->params = g_strsplit ("name,description", ",", -1);
  else if (g_strcmp0 (id, VIGIE_ACTION_BACKUP) == 0)
    self->params = g_strsplit ("storage", ",", -1);
  return self;
}

/* What the UI says of each action; disruptive ones stop or interrupt the
 * guest (and whatever it serves), so they are confirmed before they run. */
static const struct {
  const char *id;
  const char *label;
  const char *progress;
  gboolean    disruptive;
} action_info[] = {
  /* Translators: a toast while the action runs; %s is an instance name */
  { VIGIE_ACTION_START, N_("Start"), N_("Starting “%s”…"), FALSE },
  { VIGIE_ACTION_STOP, N_("Power Off"), N_("Powering off “%s”…"), TRUE },
  { VIGIE_ACTION_SHUTDOWN, N_("Shut Down"), N_("Shutting down “%s”…"), TRUE },
  { VIGIE_ACTION_REBOOT, N_("Reboot"), N_("Rebooting “%s”…"), TRUE },
  { VIGIE_ACTION_SUSPEND, N_("Suspend"), N_("Suspending “%s”…"), TRUE },
  { VIGIE_ACTION_PAUSE, N_("Pause"), N_("Pausing “%s”…"), TRUE },
  { VIGIE_ACTION_RESUME, N_("Resume"), N_("Resuming “%s”…"), FALSE },
  { VIGIE_ACTION_SNAPSHOT, N_("Take Snapshot"), N_("Taking a snapshot of “%s”…"), FALSE },
  { VIGIE_ACTION_BACKUP, N_("Back Up Now"), N_("Backing up “%s”…"), FALSE },
};

static int
find_info (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_info); i++)
    if (g_strcmp0 (action_info[i].id, id) == 0)
      return i;
  return -1;
}

const char *
vigie_action_get_default_label (const char *id)
{
  int i = find_info (id);

  return i >= 0 ? _(action_info[i].label) : id;
}

/**
 * vigie_action_id_is_disruptive:
 *
 * Whether the action @id stops or interrupts the guest it runs on (power
 * off, shut down, reboot, suspend, pause). Unknown ids are not.
 */
gboolean
vigie_action_id_is_disruptive (const char *id)
{
  int i = find_info (id);

  return i >= 0 && action_info[i].disruptive;
}

/**
 * vigie_action_format_progress:
 * @label: (nullable): the action's label, for an id without a sentence of its own
 *
 * Returns: (transfer full): what to say while @id runs on @name, e.g.
 *   “Shutting down “web-01”…”.
 */
char *
vigie_action_format_progress (const char *id,
                              const char *label,
                              const char *name)
{
  int i = find_info (id);

  if (i >= 0)
    return g_strdup_printf (_(action_info[i].progress), name);
  /* Translators: an action has started, e.g. “Shut Down “web-01”…” */
  return g_strdup_printf (_("%s “%s”…"), label != NULL ? label : id, name);
}
