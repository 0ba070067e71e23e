/* vigie-endpoint-check.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-backend.h"

G_BEGIN_DECLS

/**
 * vigie_endpoint_check_async:
 * @endpoint: an endpoint that may not be saved yet
 * @context: gives the timeout, the TLS database and the clock; its secret
 *   store is read only when @use_stored_secrets is set
 * @secrets: (nullable): GINT_TO_POINTER (VigieSecretPurpose) → secret, the
 *   credentials typed for this check; they stay in memory
 * @use_stored_secrets: fill the purposes @secrets lacks from the keyring
 *   (editing an endpoint whose secret fields were left empty)
 *
 * Connects and authenticates as the endpoint's backend would, without
 * saving anything: what `vigiectl endpoint add` and the Add Endpoint dialog
 * do before they save. Works on a copy of @endpoint.
 */
void     vigie_endpoint_check_async  (VigieEndpoint         *endpoint,
                                      VigieContext          *context,
                                      GHashTable            *secrets,
                                      gboolean               use_stored_secrets,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data);
/* On VIGIE_ERROR_UNTRUSTED or VIGIE_ERROR_CERTIFICATE_CHANGED, @presented
 * gets the certificate the server showed (for approval), when known. On
 * success, @endpoint gets the fingerprint the backend pinned (an Incus
 * trust token carries its server's). */
gboolean vigie_endpoint_check_finish (VigieEndpoint         *endpoint,
                                      GAsyncResult          *result,
                                      VigieCertificateInfo **presented,
                                      GError               **error);

/* "host" or "host:port" → https://host[:the kind's default port]; URLs with
 * a scheme and unix: paths are kept as they are. */
char    *vigie_endpoint_complete_url           (VigieKind      kind,
                                                const char    *url);

/* Form helpers shared by vigiectl and the app. @secrets maps
 * GINT_TO_POINTER (VigieSecretPurpose) to a secret freed with
 * vigie_secret_free().
 *
 * A client certificate: @cert_data is PEM (then @key_pem is needed) or a
 * PKCS#12 bundle without password (then @key_pem may be NULL). Checks that
 * the pair fits; puts the certificate in the "client-cert" option and the
 * key in @secrets as VIGIE_SECRET_CLIENT_KEY. */
gboolean vigie_endpoint_set_client_certificate (VigieEndpoint *endpoint,
                                                GHashTable    *secrets,
                                                GBytes        *cert_data,
                                                const char    *key_pem,
                                                GError       **error);
/* Incus enrolment: makes a key pair as above and puts the trust token in
 * the "enrol-token" option, in memory only: remove it before saving. The
 * backend's connect enrols the pair with it and pins the server
 * certificate the token names (refusing another pin already set). */
gboolean vigie_endpoint_prepare_enrolment      (VigieEndpoint *endpoint,
                                                GHashTable    *secrets,
                                                const char    *trust_token,
                                                GError       **error);

G_END_DECLS
