/* vigie-console.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include "vigie-console.h"

typedef struct
{
  gboolean closed;
  int      exit_status;
} VigieConsolePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (VigieConsole, vigie_console, G_TYPE_OBJECT)

enum {
  OUTPUT,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
vigie_console_class_init (VigieConsoleClass *klass)
{
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

void
vigie_console_emit_output (VigieConsole *self,
                           const guint8 *data,
                           gsize         length)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (VIGIE_IS_CONSOLE (self));

  if (length == 0)
    return;
  bytes = g_bytes_new (data, length);
  g_signal_emit (self, signals[OUTPUT], 0, bytes);
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
  priv->closed = TRUE;
  priv->exit_status = exit_status;
  g_signal_emit (self, signals[CLOSED], 0, exit_status, message);
}
