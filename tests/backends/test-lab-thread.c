/* test-lab-thread.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's demo lab runs in a thread of its own, with its own main
 * context: it answers while the app's main loop is blocked (a lab on the
 * app's context could not), and stopping it closes its servers and joins
 * the thread.
 */

#include "config.h"

#include <libsoup/soup.h>

#include "vigie-lab-thread.h"

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  if (!vigie_lab_thread_start_finish (VIGIE_LAB_THREAD (object), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "started");
}

static VigieLabThread *
start_lab (void)
{
  VigieLabThread *lab = vigie_lab_thread_new ("127.0.0.1", 0, 0);
  GError *done = NULL;

  vigie_lab_thread_start_async (lab, NULL, started_cb, &done);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (done, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_error_free (done);
  g_assert_nonnull (vigie_lab_thread_get_lab (lab));
  return lab;
}

static gboolean
accept_any (SoupMessage          *msg,
            GTlsCertificate      *certificate,
            GTlsCertificateFlags  errors,
            gpointer              data)
{
  return TRUE;  /* the lab's own self-signed certificate, on loopback */
}

/* A synchronous GET: the calling thread's main context does not run until
 * it returns. The session's timeout only guards against a hang. */
static guint
get_blocking (const char  *url,
              GError     **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 120, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;

  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any), NULL);
  body = soup_session_send_and_read (session, msg, NULL, error);
  return body != NULL ? soup_message_get_status (msg) : 0;
}

static char *
version_url (VigieLabThread *lab)
{
  VigieLabService *pbs = vigie_lab_find_service (vigie_lab_thread_get_lab (lab), "lab-pbs");

  g_assert_nonnull (pbs);
  return g_strconcat (pbs->url, "/api2/json/version", NULL);
}

static void
test_answers_while_main_blocked (void)
{
  g_autoptr(VigieLabThread) lab = start_lab ();
  g_autofree char *url = version_url (lab);
  g_autoptr(GError) error = NULL;
  guint status;

  g_assert_true (vigie_lab_thread_get_context (lab) != g_main_context_default ());
  /* The main context is not iterated during the request: only a lab
   * served from elsewhere can answer it. Unauthenticated, it says 401. */
  status = get_blocking (url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_UNAUTHORIZED);
}

static void
test_stop (void)
{
  g_autoptr(VigieLabThread) lab = start_lab ();
  g_autofree char *url = version_url (lab);
  g_autoptr(VigieLabThread) idle = vigie_lab_thread_new ("127.0.0.1", 0, 0);
  g_autoptr(GError) error = NULL;

  vigie_lab_thread_stop (lab);
  g_assert_null (vigie_lab_thread_get_lab (lab));
  /* Its servers are gone with it. */
  g_assert_cmpuint (get_blocking (url, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  /* Twice, or never started: nothing to do. */
  vigie_lab_thread_stop (lab);
  vigie_lab_thread_stop (idle);
}

/* An address that is not loopback: the start fails, the thread still ends. */
static void
test_refused_address (void)
{
  g_autoptr(VigieLabThread) lab = vigie_lab_thread_new ("192.0.2.1", 0, 0);
  GError *done = NULL;

  vigie_lab_thread_start_async (lab, NULL, started_cb, &done);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (g_error_matches (done, G_IO_ERROR, G_IO_ERROR_EXISTS));
  g_error_free (done);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/lab-thread/answers-while-main-blocked",
                   test_answers_while_main_blocked);
  g_test_add_func ("/vigie/lab-thread/stop", test_stop);
  g_test_add_func ("/vigie/lab-thread/refused-address", test_refused_address);
  return g_test_run ();
}
