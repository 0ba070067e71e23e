/* vigie-action.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Action ids shared by every backend. */
#define VIGIE_ACTION_START    "start"
#define VIGIE_ACTION_STOP     "stop"       /* hard power off */
#define VIGIE_ACTION_SHUTDOWN "shutdown"   /* clean guest shutdown */
#define VIGIE_ACTION_REBOOT   "reboot"
#define VIGIE_ACTION_SUSPEND  "suspend"
#define VIGIE_ACTION_PAUSE    "pause"      /* freeze */
#define VIGIE_ACTION_RESUME   "resume"     /* unfreeze */
#define VIGIE_ACTION_SNAPSHOT "snapshot"   /* params: name, description */
#define VIGIE_ACTION_BACKUP   "backup"     /* params: storage */

#define VIGIE_TYPE_ACTION (vigie_action_get_type ())

G_DECLARE_FINAL_TYPE (VigieAction, vigie_action, VIGIE, ACTION, GObject)

/* One action on one resource and whether it may run now; when it may not,
 * the reason says why (for a tooltip or a CLI message). */
struct _VigieAction
{
  GObject   parent_instance;

  char     *id;
  char     *label;
  gboolean  allowed;
  char     *reason;
  GStrv     params;    /* names of the parameters it takes */
  gboolean  disruptive; /* stops or interrupts the guest: confirm before running it */
};

VigieAction *vigie_action_new          (const char *id,
                                        const char *label,
                                        gboolean    allowed,
                                        const char *reason);
const char  *vigie_action_get_default_label (const char *id);
gboolean     vigie_action_id_is_disruptive  (const char *id);
char        *vigie_action_format_progress   (const char *id,
                                             const char *label,
                                             const char *name);

G_END_DECLS
