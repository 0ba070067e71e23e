/* vigie-secret-store.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  VIGIE_SECRET_PASSWORD = 0,     /* user password */
  VIGIE_SECRET_TOKEN,            /* API token secret */
  VIGIE_SECRET_CLIENT_KEY,       /* PEM private key of a TLS client certificate */
} VigieSecretPurpose;

#define VIGIE_TYPE_SECRET_STORE (vigie_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (VigieSecretStore, vigie_secret_store, VIGIE, SECRET_STORE, GObject)

const char       *vigie_secret_purpose_to_string   (VigieSecretPurpose  purpose);
/* The purpose of a VIGIE_FIELD_SECRET/FILE form field ("password",
 * "token-secret", "client-key"); FALSE for fields that are not kept. */
gboolean          vigie_secret_purpose_for_field   (const char         *field_key,
                                                    VigieSecretPurpose *purpose);

VigieSecretStore *vigie_secret_store_new           (void);
VigieSecretStore *vigie_secret_store_new_memory    (void);

void              vigie_secret_store_store_async   (VigieSecretStore   *self,
                                                    const char         *uuid,
                                                    VigieSecretPurpose  purpose,
                                                    const char         *label,
                                                    const char         *secret,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
gboolean          vigie_secret_store_store_finish  (VigieSecretStore   *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
void              vigie_secret_store_lookup_async  (VigieSecretStore   *self,
                                                    const char         *uuid,
                                                    VigieSecretPurpose  purpose,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
/* Returns NULL with no error when there is no such secret. Free with
 * vigie_secret_free() (it wipes the memory). */
char             *vigie_secret_store_lookup_finish (VigieSecretStore   *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
/* Clears every secret of the endpoint. */
void              vigie_secret_store_clear_async   (VigieSecretStore   *self,
                                                    const char         *uuid,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
gboolean          vigie_secret_store_clear_finish  (VigieSecretStore   *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);

/* A secret held in this process only (the demo lab's throwaway
 * credentials): found first by lookups, never written to the keyring. */
void              vigie_secret_store_set_ephemeral (VigieSecretStore   *self,
                                                    const char         *uuid,
                                                    VigieSecretPurpose  purpose,
                                                    const char         *secret);

void              vigie_secret_free                (char               *secret);

typedef char VigieSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieSecret, vigie_secret_free)

G_END_DECLS
