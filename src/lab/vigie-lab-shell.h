/* vigie-lab-shell.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo lab's terminal: a small make-believe shell behind the Proxmox
 * node shell and the Incus exec sessions. Students meet it first, so it
 * behaves like one: echo, line editing (Backspace, Ctrl+U, Ctrl+C,
 * Ctrl+L, Ctrl+D), a prompt with the machine's name, a few commands with
 * plausible output, and `exit`. It only ever answers with text: nothing
 * runs.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LabShell LabShell;

/* @host: the prompt's machine name; @system: a PRETTY_NAME such as
 * "Debian GNU/Linux 12 (bookworm)". */
LabShell *lab_shell_new   (const char *host,
                           const char *system);
void      lab_shell_free  (LabShell   *shell);
/* The welcome text and the first prompt. */
char     *lab_shell_start (LabShell   *shell);
/* Feeds what the terminal typed (any split) and appends the echo and the
 * commands' output to @out. TRUE once the user has left (exit, logout,
 * Ctrl+D on an empty line): the caller closes the session. */
gboolean  lab_shell_feed  (LabShell   *shell,
                           const char *data,
                           gsize       length,
                           GString    *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabShell, lab_shell_free)

G_END_DECLS
