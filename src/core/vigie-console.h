/* vigie-console.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_CONSOLE (vigie_console_get_type ())

G_DECLARE_DERIVABLE_TYPE (VigieConsole, vigie_console, VIGIE, CONSOLE, GObject)

/* What a paused console holds at most before it skips output. */
#define VIGIE_CONSOLE_MAX_HELD (8 * 1024 * 1024)

/**
 * VigieConsole:
 *
 * A byte stream to a shell on a host or in an instance, spoken over the
 * product's own protocol (Incus exec websockets, Proxmox termproxy). The
 * terminal page bridges it into a VTE terminal without knowing the backend.
 *
 * Signals: "output" (GBytes *data) for bytes to show; "closed" (int
 * exit_status, const char *message) once, when the session ends (exit
 * status -1 when unknown).
 *
 * Flow control: a reader that cannot keep up pauses the console. A
 * subclass whose transport can stop reading does so in set_paused; what
 * still arrives is held (up to %VIGIE_CONSOLE_MAX_HELD bytes, then skipped
 * with a notice in the stream) and emitted once the reader resumes.
 */
struct _VigieConsoleClass
{
  GObjectClass parent_class;

  void (*write)  (VigieConsole *self,
                  const guint8 *data,
                  gsize         length);
  void (*resize) (VigieConsole *self,
                  guint         columns,
                  guint         rows);
  void (*close)  (VigieConsole *self);
  void (*set_paused) (VigieConsole *self,
                      gboolean      paused);

  gpointer padding[3];
};

void      vigie_console_write        (VigieConsole *self,
                                      const guint8 *data,
                                      gsize         length);
void      vigie_console_resize       (VigieConsole *self,
                                      guint         columns,
                                      guint         rows);
void      vigie_console_close        (VigieConsole *self);
gboolean  vigie_console_is_closed    (VigieConsole *self);
int       vigie_console_get_exit_status (VigieConsole *self);
void      vigie_console_set_paused   (VigieConsole *self,
                                      gboolean      paused);
gboolean  vigie_console_get_paused   (VigieConsole *self);
gsize     vigie_console_get_held     (VigieConsole *self);

/* For subclasses. */
void      vigie_console_emit_output  (VigieConsole *self,
                                      const guint8 *data,
                                      gsize         length);
void      vigie_console_emit_closed  (VigieConsole *self,
                                      int           exit_status,
                                      const char   *message);

G_END_DECLS
