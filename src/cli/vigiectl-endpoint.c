/* vigiectl-endpoint.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <glib/gi18n.h>

#include "vigiectl.h"

int
vigiectl_endpoint (Vigiectl *ctl,
                  int       argc,
                  char    **argv)
{
  vigiectl_error (_("“%s” is not available in this version yet"), "endpoint");
  return VIGIECTL_EXIT_USAGE;
}
