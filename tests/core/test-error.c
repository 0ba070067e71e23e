/* test-error.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libsoup/soup.h>

#include "vigie-error.h"

static void
test_vigie_codes (void)
{
  static const struct {
    VigieError  code;
    VigieStatus status;
    const char *name;
  } cases[] = {
    { VIGIE_ERROR_UNREACHABLE, VIGIE_STATUS_UNREACHABLE, "unreachable" },
    { VIGIE_ERROR_TIMEOUT, VIGIE_STATUS_TIMEOUT, "timeout" },
    { VIGIE_ERROR_AUTH_FAILED, VIGIE_STATUS_AUTH_FAILED, "auth-failed" },
    { VIGIE_ERROR_UNTRUSTED, VIGIE_STATUS_UNTRUSTED, "untrusted" },
    { VIGIE_ERROR_CERTIFICATE_CHANGED, VIGIE_STATUS_CERTIFICATE_CHANGED, "certificate-changed" },
    { VIGIE_ERROR_PROTOCOL, VIGIE_STATUS_PROTOCOL_ERROR, "protocol-error" },
    { VIGIE_ERROR_FAILED, VIGIE_STATUS_ERROR, "error" },
    { VIGIE_ERROR_NOT_SUPPORTED, VIGIE_STATUS_ERROR, "error" },
    { VIGIE_ERROR_NOT_ALLOWED, VIGIE_STATUS_ERROR, "error" },
    { VIGIE_ERROR_NEEDS_CREDENTIALS, VIGIE_STATUS_AUTH_FAILED, "auth-failed" },
    { VIGIE_ERROR_INVALID, VIGIE_STATUS_ERROR, "error" },
    { VIGIE_ERROR_CONFIG, VIGIE_STATUS_ERROR, "error" },
    { VIGIE_ERROR_NOT_FOUND, VIGIE_STATUS_ERROR, "error" },
  };

  g_assert_cmpint (vigie_error_to_status (NULL), ==, VIGIE_STATUS_OK);
  g_assert_cmpstr (vigie_status_to_string (VIGIE_STATUS_OK), ==, "ok");
  /* Every code of the enum is listed above. */
  g_assert_cmpint (G_N_ELEMENTS (cases), ==, VIGIE_ERROR_NOT_FOUND);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (VIGIE_ERROR, cases[i].code, "x");
      VigieStatus status = vigie_error_to_status (error);

      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_cmpstr (vigie_status_to_string (status), ==, cases[i].name);
      g_assert_cmpint (vigie_status_from_string (cases[i].name), ==, cases[i].status);
    }
}

static void
test_gio_codes (void)
{
  static const struct {
    GQuark      domain;
    int         code;
    const char *message;
    VigieStatus status;
  } cases[] = {
    { 0, G_IO_ERROR_CONNECTION_REFUSED, "Connection refused", VIGIE_STATUS_UNREACHABLE },
    { 0, G_IO_ERROR_HOST_NOT_FOUND, "nope", VIGIE_STATUS_UNREACHABLE },
    { 0, G_IO_ERROR_NETWORK_UNREACHABLE, "nope", VIGIE_STATUS_UNREACHABLE },
    { 0, G_IO_ERROR_TIMED_OUT, "slow", VIGIE_STATUS_TIMEOUT },
    { 0, G_IO_ERROR_PARTIAL_INPUT, "short", VIGIE_STATUS_PROTOCOL_ERROR },
    { 0, G_IO_ERROR_FAILED, "Connection reset by peer", VIGIE_STATUS_UNREACHABLE },
    { 0, G_IO_ERROR_FAILED, "something else", VIGIE_STATUS_ERROR },
    { 1, G_RESOLVER_ERROR_NOT_FOUND, "no such host", VIGIE_STATUS_UNREACHABLE },
    { 2, G_TLS_ERROR_BAD_CERTIFICATE, "bad", VIGIE_STATUS_UNTRUSTED },
    { 2, G_TLS_ERROR_HANDSHAKE, "handshake", VIGIE_STATUS_UNREACHABLE },
    { 3, SOUP_SESSION_ERROR_PARSING, "garbage", VIGIE_STATUS_PROTOCOL_ERROR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GQuark domain = cases[i].domain == 0 ? G_IO_ERROR
                    : cases[i].domain == 1 ? G_RESOLVER_ERROR
                    : cases[i].domain == 2 ? G_TLS_ERROR : SOUP_SESSION_ERROR;
      g_autoptr(GError) error = g_error_new_literal (domain, cases[i].code, cases[i].message);
      g_autoptr(GError) mapped = vigie_error_from_gio (error);

      g_test_message ("case %u: %s", i, cases[i].message);
      g_assert_cmpint (vigie_error_to_status (error), ==, cases[i].status);
      g_assert_true (mapped->domain == VIGIE_ERROR);
      g_assert_cmpint (vigie_error_to_status (mapped), ==, cases[i].status);
    }
}

static void
test_cancelled_stays_cancelled (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
  g_autoptr(GError) mapped = vigie_error_from_gio (error);

  g_assert_error (mapped, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/error/vigie-codes", test_vigie_codes);
  g_test_add_func ("/vigie/error/gio-codes", test_gio_codes);
  g_test_add_func ("/vigie/error/cancelled", test_cancelled_stays_cancelled);

  return g_test_run ();
}
