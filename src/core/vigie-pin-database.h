/* vigie-pin-database.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_PIN_DATABASE (vigie_pin_database_get_type ())

G_DECLARE_FINAL_TYPE (VigiePinDatabase, vigie_pin_database, VIGIE, PIN_DATABASE, GTlsDatabase)

/* A TLS database that decides during the handshake, before any request
 * byte is sent: with a pin, the server's certificate is trusted if and only
 * if its SHA-256 fingerprint is the pin; without one, @inner (the system's
 * CAs when NULL) decides. */
VigiePinDatabase *vigie_pin_database_new       (GTlsDatabase     *inner);
void              vigie_pin_database_set_inner (VigiePinDatabase *self,
                                                GTlsDatabase     *inner);
/* @fingerprint: lower-case hex SHA-256, or NULL for no pin. */
void              vigie_pin_database_set_pin   (VigiePinDatabase *self,
                                                const char       *fingerprint);
char             *vigie_pin_database_dup_pin   (VigiePinDatabase *self);
void              vigie_pin_database_install_default (void);

G_END_DECLS
