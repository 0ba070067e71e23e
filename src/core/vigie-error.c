/* vigie-error.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "vigie-error.h"

G_DEFINE_QUARK (vigie-error-quark, vigie_error)

VigieStatus
vigie_error_to_status (const GError *error)
{
  if (error == NULL)
    return VIGIE_STATUS_OK;

  if (error->domain == VIGIE_ERROR)
    {
      switch ((VigieError) error->code)
        {
        case VIGIE_ERROR_UNREACHABLE: return VIGIE_STATUS_UNREACHABLE;
        case VIGIE_ERROR_TIMEOUT: return VIGIE_STATUS_TIMEOUT;
        case VIGIE_ERROR_AUTH_FAILED:
        case VIGIE_ERROR_NEEDS_CREDENTIALS: return VIGIE_STATUS_AUTH_FAILED;
        case VIGIE_ERROR_UNTRUSTED: return VIGIE_STATUS_UNTRUSTED;
        case VIGIE_ERROR_CERTIFICATE_CHANGED: return VIGIE_STATUS_CERTIFICATE_CHANGED;
        case VIGIE_ERROR_PROTOCOL: return VIGIE_STATUS_PROTOCOL_ERROR;
        case VIGIE_ERROR_FAILED:
        case VIGIE_ERROR_NOT_SUPPORTED:
        case VIGIE_ERROR_NOT_ALLOWED:
        case VIGIE_ERROR_INVALID:
        case VIGIE_ERROR_CONFIG:
        case VIGIE_ERROR_NOT_FOUND:
        default:
          return VIGIE_STATUS_ERROR;
        }
    }

  {
    g_autoptr(GError) mapped = vigie_error_from_gio (error);
    if (mapped->domain == VIGIE_ERROR)
      return vigie_error_to_status (mapped);
  }
  return VIGIE_STATUS_ERROR;
}

/* Maps a transport error (GIO, GResolver, GTls, libsoup) to the Vigie domain,
 * with a message a person can act on. The original message is kept after it. */
GError *
vigie_error_from_gio (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == VIGIE_ERROR)
    return g_error_copy (error);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_UNREACHABLE,
                        _("The server name could not be resolved (%s)"), error->message);

  if (error->domain == G_TLS_ERROR)
    {
      if (error->code == G_TLS_ERROR_BAD_CERTIFICATE)
        return g_error_new (VIGIE_ERROR, VIGIE_ERROR_UNTRUSTED,
                            _("The server’s certificate is not trusted (%s)"), error->message);
      return g_error_new (VIGIE_ERROR, VIGIE_ERROR_UNREACHABLE,
                          _("The secure connection failed (%s)"), error->message);
    }

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_TIMED_OUT:
          return g_error_new (VIGIE_ERROR, VIGIE_ERROR_TIMEOUT,
                              _("The server did not answer in time"));
        case G_IO_ERROR_CONNECTION_REFUSED:
        case G_IO_ERROR_HOST_NOT_FOUND:
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_CONNECTION_CLOSED:
        case G_IO_ERROR_NOT_FOUND:
        case G_IO_ERROR_PERMISSION_DENIED:
          return g_error_new (VIGIE_ERROR, VIGIE_ERROR_UNREACHABLE,
                              _("The server could not be reached (%s)"), error->message);
        case G_IO_ERROR_PARTIAL_INPUT:
          return g_error_new (VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                              _("The server’s reply was cut short"));
        case G_IO_ERROR_CANCELLED:
          return g_error_copy (error);
        default:
          break;
        }
      /* "Connection reset by peer" has no code of its own in GIO. */
      if (error->code == G_IO_ERROR_FAILED && strstr (error->message, "reset") != NULL)
        return g_error_new (VIGIE_ERROR, VIGIE_ERROR_UNREACHABLE,
                            _("The server could not be reached (%s)"), error->message);
    }

  if (error->domain == SOUP_SESSION_ERROR)
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                        _("The server’s reply could not be understood (%s)"), error->message);

  return g_error_new (VIGIE_ERROR, VIGIE_ERROR_FAILED, "%s", error->message);
}
