/* vigie-error.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-enums.h"

G_BEGIN_DECLS

#define VIGIE_ERROR (vigie_error_quark ())

/**
 * VigieError:
 *
 * The one error domain of Vigie's core and backends. The first codes map
 * one to one to the contract's endpoint statuses (see vigie_error_to_status());
 * messages are translated and meant for people.
 */
typedef enum {
  VIGIE_ERROR_UNREACHABLE = 1,
  VIGIE_ERROR_TIMEOUT,
  VIGIE_ERROR_AUTH_FAILED,
  VIGIE_ERROR_UNTRUSTED,
  VIGIE_ERROR_CERTIFICATE_CHANGED,
  VIGIE_ERROR_PROTOCOL,
  VIGIE_ERROR_FAILED,
  /* Not endpoint statuses: */
  VIGIE_ERROR_NOT_SUPPORTED,     /* this backend or product cannot do it */
  VIGIE_ERROR_NOT_ALLOWED,       /* the credentials lack the privilege */
  VIGIE_ERROR_NEEDS_CREDENTIALS, /* no secret in the keyring for it */
  VIGIE_ERROR_INVALID,           /* bad input from the user */
  VIGIE_ERROR_CONFIG,            /* unreadable configuration */
  VIGIE_ERROR_NOT_FOUND,
} VigieError;

GQuark      vigie_error_quark      (void);
VigieStatus vigie_error_to_status  (const GError *error);
GError     *vigie_error_from_gio   (const GError *error);

G_END_DECLS
