/* vigie-endpoint.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-enums.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ENDPOINT (vigie_endpoint_get_type ())

/* Option keys shared by the add flows (vigiectl, the app) and backends.
 *
 * "client-cert": the PEM certificate of a TLS client key pair (Incus). Its
 *   private key is in the keyring as VIGIE_SECRET_CLIENT_KEY.
 * "enrol-token": an Incus trust token. It is a secret: the add flows set it
 *   on the in-memory endpoint handed to vigie_endpoint_check_async() only,
 *   the Incus backend's connect uses it (with the client certificate above)
 *   to enrol, and the flows remove it before saving. The endpoint store never
 *   writes it even if it is left behind. */
#define VIGIE_ENDPOINT_OPTION_CLIENT_CERT "client-cert"
#define VIGIE_ENDPOINT_OPTION_ENROL_TOKEN "enrol-token"

G_DECLARE_FINAL_TYPE (VigieEndpoint, vigie_endpoint, VIGIE, ENDPOINT, GObject)

VigieEndpoint *vigie_endpoint_new              (const char    *name,
                                                VigieKind      kind,
                                                const char    *url);
VigieEndpoint *vigie_endpoint_copy             (VigieEndpoint *self);
const char    *vigie_endpoint_get_uuid         (VigieEndpoint *self);
void           vigie_endpoint_set_uuid         (VigieEndpoint *self,
                                                const char    *uuid);
const char    *vigie_endpoint_get_name         (VigieEndpoint *self);
void           vigie_endpoint_set_name         (VigieEndpoint *self,
                                                const char    *name);
VigieKind      vigie_endpoint_get_kind         (VigieEndpoint *self);
const char    *vigie_endpoint_get_url          (VigieEndpoint *self);
void           vigie_endpoint_set_url          (VigieEndpoint *self,
                                                const char    *url);
const char    *vigie_endpoint_get_user         (VigieEndpoint *self);
void           vigie_endpoint_set_user         (VigieEndpoint *self,
                                                const char    *user);
const char    *vigie_endpoint_get_token_id     (VigieEndpoint *self);
void           vigie_endpoint_set_token_id     (VigieEndpoint *self,
                                                const char    *token_id);
const char    *vigie_endpoint_get_fingerprint  (VigieEndpoint *self);
void           vigie_endpoint_set_fingerprint  (VigieEndpoint *self,
                                                const char    *fingerprint);
const char    *vigie_endpoint_get_option       (VigieEndpoint *self,
                                                const char    *key);
void           vigie_endpoint_set_option       (VigieEndpoint *self,
                                                const char    *key,
                                                const char    *value);
GStrv          vigie_endpoint_list_options     (VigieEndpoint *self);

char          *vigie_fingerprint_normalize     (const char    *fingerprint);
char          *vigie_fingerprint_format        (const char    *fingerprint);

G_END_DECLS
