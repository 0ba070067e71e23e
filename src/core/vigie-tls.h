/* vigie-tls.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  VIGIE_KEY_EC_P256,
  VIGIE_KEY_EC_P384,
} VigieKeyType;

/* A self-signed certificate (GnuTLS): for the demo lab's servers, for
 * tests, and for Incus enrolment (Vigie's own client certificate).
 * san_ip/san_dns may be NULL. Days of validity from now-1h. */
gboolean vigie_tls_generate_self_signed (const char   *common_name,
                                         VigieKeyType  key_type,
                                         const char   *san_dns,
                                         const char   *san_ip,
                                         guint         days,
                                         char        **cert_pem,
                                         char        **key_pem,
                                         GError      **error);

/* Reads a PKCS#12 bundle (.pfx/.p12) into PEM certificate and key. */
gboolean vigie_tls_pkcs12_to_pem        (GBytes       *data,
                                         const char   *password,
                                         char        **cert_pem,
                                         char        **key_pem,
                                         GError      **error);

/* Whether @key_pem is the private key of @cert_pem (VIGIE_ERROR_INVALID
 * when either does not parse or they do not belong together). */
gboolean vigie_tls_check_key_pair      (const char   *cert_pem,
                                         const char   *key_pem,
                                         GError      **error);

G_END_DECLS
