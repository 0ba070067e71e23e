/* vigie-lab-esxi.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include "vigie-lab.h"

/* Not written yet: every request gets 501 until the esxi issue lands. */
static void
not_implemented (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_IMPLEMENTED, NULL);
}

gboolean
vigie_lab_esxi_setup (VigieLabService *service,
                      GError         **error)
{
  service->user = g_strdup ("root");
  service->secret = g_strdup ("vigie-lab");
  soup_server_add_handler (service->server, NULL, not_implemented, NULL, NULL);
  return TRUE;
}
