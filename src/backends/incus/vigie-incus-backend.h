/* vigie-incus-backend.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-backend.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_INCUS_BACKEND (vigie_incus_backend_get_type ())

G_DECLARE_FINAL_TYPE (VigieIncusBackend, vigie_incus_backend, VIGIE, INCUS_BACKEND, VigieBackend)

/*
 * Where the credentials live: the client certificate (PEM) in the
 * endpoint's "client-cert" option, its private key (PEM) in the keyring
 * under VIGIE_SECRET_CLIENT_KEY. A "unix:" URL needs neither.
 *
 * The add flow (`vigiectl endpoint add`, the Add-endpoint dialog):
 *
 * - existing files (--client-cert FILE [--client-key FILE], PEM or
 *   PKCS#12): vigie_incus_import_files() gives the PEM pair;
 *   vigie_incus_backend_set_client_pem() on a backend for the new endpoint
 *   lets you connect and verify before saving; then save the endpoint with
 *   option "client-cert" = cert PEM and store the key in the keyring.
 * - a trust token (--trust-token TOKEN, --trust-token-stdin):
 *   vigie_endpoint_prepare_enrolment() makes a key pair (certificate in
 *   "client-cert", key in the check's secrets) and puts the token in the
 *   "enrol-token" option, in memory only. Connecting then pins the server
 *   certificate the token names (refusing a different pin already set),
 *   checks the server shows it, POSTs /1.0/certificates with the token and
 *   reads /1.0, which must say "trusted"; the option is cleared once used.
 *   vigie_endpoint_check_finish() copies the pin back, so the saved
 *   endpoint has it; the endpoint store never writes "enrol-token". No
 *   --fingerprint or --trust-on-first-use is needed.
 *   vigie_incus_backend_enrol_async() does the same with a key pair of its
 *   own, for callers that hold a backend rather than an endpoint check.
 */

/* Present this certificate and key (PEM) instead of reading the endpoint's
 * "client-cert" option and the keyring; for the add flow before saving. */
gboolean  vigie_incus_backend_set_client_pem     (VigieIncusBackend   *self,
                                                  const char          *cert_pem,
                                                  const char          *key_pem,
                                                  GError             **error);

void      vigie_incus_backend_enrol_async        (VigieIncusBackend   *self,
                                                  const char          *token,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean  vigie_incus_backend_enrol_finish       (VigieIncusBackend   *self,
                                                  GAsyncResult        *result,
                                                  char               **cert_pem,
                                                  char               **key_pem,
                                                  GError             **error);

void      vigie_incus_backend_watch_events       (VigieIncusBackend   *self);
void      vigie_incus_backend_unwatch_events     (VigieIncusBackend   *self);
gboolean  vigie_incus_backend_is_watching_events (VigieIncusBackend   *self);

/* Existing certificates, for the add flow (no I/O but reading the files). */
gboolean  vigie_incus_import_pem                 (const char          *cert_pem,
                                                  const char          *key_pem,
                                                  char               **out_cert_pem,
                                                  char               **out_key_pem,
                                                  GError             **error);
gboolean  vigie_incus_import_pkcs12              (GBytes              *data,
                                                  const char          *password,
                                                  char               **out_cert_pem,
                                                  char               **out_key_pem,
                                                  GError             **error);
gboolean  vigie_incus_import_files               (const char          *cert_path,
                                                  const char          *key_path,
                                                  const char          *password,
                                                  char               **out_cert_pem,
                                                  char               **out_key_pem,
                                                  GError             **error);
/* The https:// URL to reach the server named in a trust token, or NULL. */
char     *vigie_incus_token_get_url              (const char          *token);

G_END_DECLS
