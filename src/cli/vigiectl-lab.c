/* vigiectl-lab.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "vigie-lab-register.h"
#include "vigiectl.h"

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
vigiectl_lab (Vigiectl *ctl,
              int       argc,
              char    **argv)
{
  g_autofree char *listen = NULL;
  int port = 0;
  int scale = 0;
  gboolean big = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieLab) lab = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  GPtrArray *services;
  g_autoptr(GAsyncResult) result = NULL;
  const GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      N_("Loopback address to listen on (default: 127.0.0.1)"), N_("ADDR") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_("First port (default: free ports)"), N_("PORT") },
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale,
      N_("About this many instances, over more endpoints"), N_("N") },
    { "big", 0, 0, G_OPTION_ARG_NONE, &big,
      N_("Put them on one big endpoint of each kind"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Serve the demo lab on loopback until interrupted"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  if (port < 0 || port > 65535 || scale < 0)
    {
      vigiectl_error (_("--port and --scale take positive numbers"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (listen == NULL)
    listen = g_strdup ("127.0.0.1");
  if (!vigie_lab_address_is_loopback (listen))
    {
      vigiectl_error (_("the demo lab listens on loopback only, not on “%s”"), listen);
      return VIGIECTL_EXIT_USAGE;
    }
  if (!vigiectl_load_store (ctl))
    return VIGIECTL_EXIT_USAGE;

  lab = vigie_lab_new (listen, port, scale);
  vigie_lab_set_big (lab, big);
  /* Under VIGIE_NOW the demo data is dated from that time too, so that a
   * script sees the same backups as stale or fresh on any day. */
  if (g_getenv ("VIGIE_NOW") != NULL)
    vigie_lab_set_now (lab, vigie_clock_now (vigie_context_get_clock (ctl->context)));
  if (!vigie_lab_start (lab, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  vigie_lab_register_async (lab, ctl->store, vigie_context_get_secret_store (ctl->context),
                            FALSE, NULL, vigiectl_result_cb, &result);
  if (!vigie_lab_register_finish (lab, vigiectl_wait_result (&result), &error))
    {
      vigiectl_error (_("the lab endpoints could not be registered: %s"), error->message);
      return VIGIECTL_EXIT_USAGE;
    }

  services = vigie_lab_get_services (lab);
  for (guint i = 0; i < services->len; i++)
    {
      VigieLabService *service = g_ptr_array_index (services, i);

      g_print ("%s %s %s\n", service->name, vigie_kind_to_string (service->kind), service->url);
    }
  g_print ("ready\n");
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);
  vigie_lab_stop (lab);
  return VIGIECTL_EXIT_OK;
}
