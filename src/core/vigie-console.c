/* vigie-console.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "vigie-console.h"

/* Held output goes out in pieces, so that a reader can pause again. */
#define RELEASE_CHUNK (64 * 1024)

typedef struct
{
  gboolean    closed;
  int         exit_status;
  gboolean    paused;
  GByteArray *held;        /* output that came while paused */
  guint64     skipped;     /* bytes dropped past VIGIE_CONSOLE_MAX_HELD */
  guint       release_id;
} VigieConsolePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (VigieConsole, vigie_console, G_TYPE_OBJECT)

enum {
  OUTPUT,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_bytes (VigieConsole *self,
            const guint8 *data,
            gsize         length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);

  g_signal_emit (self, signals[OUTPUT], 0, bytes);
}

static void
emit_skipped_notice (VigieConsole *self)
{
  VigieConsolePrivate *priv = vigie_console_get_instance_private (self);
  g_autofree char *size = g_format_size (priv->skipped);
  g_autofree char *notice = NULL;
  g_autofree char *line = NULL;

  /* Translators: shown in a terminal; %s is a size such as “12.5 MB” */
  notice = g_strdup_printf (_("[%s of output skipped: it came faster than it could be shown]"),
                            size);
  priv->skipped = 0;
  line = g_strconcat ("\r\n", notice, "\r\n", NULL);
  emit_bytes (self, (const guint8 *) line, strlen (line));
}

/* Emits what was held, a piece at a time, while the reader wants more. */
static gboolean
release_held (gpointer user_data)
{
  VigieConsole *self = user_data;
  VigieConsolePrivate *priv = vigie_console_get_instance_private (self);
  g_autoptr(GByteArray) piece = NULL;
  gsize length;

  if (priv->paused)
    {
      priv->release_id = 0;
      return G_SOURCE_REMOVE;
    }
  length = MIN (priv->held->len, RELEASE_CHUNK);
  if (length > 0)
    {
      piece = g_byte_array_sized_new (length);
      g_byte_array_append (piece, priv->held->data, length);
      g_byte_array_remove_range (priv->held, 0, length);
      emit_bytes (self, piece->data, piece->len);
    }
  else if (priv->skipped > 0)
    emit_skipped_notice (self);
  if (priv->held->len > 0 || priv->skipped > 0)
    return G_SOURCE_CONTINUE;
  priv->release_id = 0;
  return G_SOURCE_REMOVE;
}

static void
vigie_console_finalize (GObject *object)
{
  VigieConsolePrivate *priv = vigie_console_get_instance_private (VIGIE_CONSOLE (object));

  g_clear_handle_id (&priv->release_id, g_source_remove);
  g_clear_pointer (&priv->held, g_byte_array_unref);
  G_OBJECT_CLASS (vigie_console_parent_class)->finalize (object);
}

static void
vigie_console_class_init (VigieConsoleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_console_finalize;
  signals[OUTPUT] = g_signal_new ("output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT,
                                  G_TYPE_STRING);
}

static void
vigie_console_init (VigieConsole *self)
{
  VigieConsolePrivate *priv = vigie_console_get_instance_private (self);

  priv->exit_status = -1;
  priv->held = g_byte_array_new ();
}

void
vigie_console_write (VigieConsole *self,
                     const guint8 *data,
                     gsize         length)
{
  VigieConsolePrivate *priv = vigie_console_get_instance_private (self);

  g_return_if_fail (VIGIE_IS_CONSOLE (self));

  if (!priv->closed && VIGIE_CONSOLE_GET_CLASS (self)->write != NULL)
    VIGIE_CONSOLE_GET_CLASS (self)->write (self, data, length);
}

void
vigie_console_resize (VigieConsole *self,
                      guint         columns,
                      guint         rows)
{
  VigieConsolePrivate *priv = vigie_console_get_instance_private (self);

  g_return_if_fail (VIGIE_IS_CONSOLE (self));

  if (!priv->closed && VIGIE_CONSOLE_GET_CLASS (self)->resize != NULL)
    VIGIE_CONSOLE_GET_CLASS (self)->resize (self, columns, rows);
}

void
vigie_console_close (VigieConsole *self)
{
  VigieConsolePrivate *priv = vigie_console_get_instance_private (self);

  g_return_if_fail (VIGIE_IS_CONSOLE (self));

  if (!priv->closed && VIGIE_CONSOLE_GET_CLASS (self)->close != NULL)
    VIGIE_CONSOLE_GET_CLASS (self)->close (self);
}

gboolean
vigie_console_is_closed (VigieConsole *self)
{
  VigieConsolePrivate *priv = vigie_console_get_instance_private (self);

  g_return_val_if_fail (VIGIE_IS_CONSOLE (self), TRUE);
  return priv->closed;
}

int
vigie_console_get_exit_status (VigieConsole *self)
{
  VigieConsolePrivate *priv = vigie_console_get_instance_private (self);

  g_return_val_if_fail (VIGIE_IS_CONSOLE (self), -1);
  return priv->exit_status;
}

/**
 * vigie_console_set_paused:
 *
 * Pauses or resumes the "output" signal: for a reader whose buffer is
 * full. While paused, output is held (see %VIGIE_CONSOLE_MAX_HELD); it is
 * emitted from the main loop after resuming, never from this call.
 */
void
vigie_console_set_paused (VigieConsole *self,
                          gboolean      paused)
{
  VigieConsolePrivate *priv = vigie_console_get_instance_private (self);

  g_return_if_fail (VIGIE_IS_CONSOLE (self));

  paused = !!paused;
  if (priv->paused == paused)
    return;
  priv->paused = paused;
  if (VIGIE_CONSOLE_GET_CLASS (self)->set_paused != NULL)
    VIGIE_CONSOLE_GET_CLASS (self)->set_paused (self, paused);
  if (!paused && (priv->held->len > 0 || priv->skipped > 0) && priv->release_id == 0)
    priv->release_id = g_idle_add (release_held, self);
}

gboolean
vigie_console_get_paused (VigieConsole *self)
{
  VigieConsolePrivate *priv = vigie_console_get_instance_private (self);

  g_return_val_if_fail (VIGIE_IS_CONSOLE (self), FALSE);
  return priv->paused;
}

/* How many bytes of output wait for the reader to resume. */
gsize
vigie_console_get_held (VigieConsole *self)
{
  VigieConsolePrivate *priv = vigie_console_get_instance_private (self);

  g_return_val_if_fail (VIGIE_IS_CONSOLE (self), 0);
  return priv->held->len;
}

void
vigie_console_emit_output (VigieConsole *self,
                           const guint8 *data,
                           gsize         length)
{
  VigieConsolePrivate *priv = vigie_console_get_instance_private (self);

  g_return_if_fail (VIGIE_IS_CONSOLE (self));

  if (length == 0)
    return;
  /* Held output first, in order. */
  if (priv->paused || priv->held->len > 0 || priv->skipped > 0)
    {
      gsize room = VIGIE_CONSOLE_MAX_HELD - MIN (priv->held->len, VIGIE_CONSOLE_MAX_HELD);

      /* Once full, skip until the reader has caught up and been told. */
      if (priv->skipped == 0 && length <= room)
        g_byte_array_append (priv->held, data, length);
      else
        priv->skipped += length;
      if (!priv->paused && priv->release_id == 0)
        priv->release_id = g_idle_add (release_held, self);
      return;
    }
  emit_bytes (self, data, length);
}

void
vigie_console_emit_closed (VigieConsole *self,
                           int           exit_status,
                           const char   *message)
{
  VigieConsolePrivate *priv = vigie_console_get_instance_private (self);

  g_return_if_fail (VIGIE_IS_CONSOLE (self));

  if (priv->closed)
    return;
  /* The last words of the session before its end, paused or not. */
  g_clear_handle_id (&priv->release_id, g_source_remove);
  if (priv->held->len > 0)
    emit_bytes (self, priv->held->data, priv->held->len);
  g_byte_array_set_size (priv->held, 0);
  if (priv->skipped > 0)
    emit_skipped_notice (self);
  priv->closed = TRUE;
  priv->exit_status = exit_status;
  g_signal_emit (self, signals[CLOSED], 0, exit_status, message);
}
