/* vigie-url-policy.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Whether Vigie may talk to @url at all: https://HOST[:PORT][/PATH],
 * unix:PATH, or plain http:// to this computer only (localhost,
 * 127.0.0.0/8, ::1). Everything that takes an address from a user or a
 * file goes through it: the HTTP client, `vigiectl endpoint add|import`
 * and the Add Endpoint dialog. Fails with a translated
 * VIGIE_ERROR_INVALID. */
gboolean  vigie_endpoint_check_url  (const char  *url,
                                     GError     **error);

/* Whether @host names this computer (localhost, 127.0.0.0/8, ::1). */
gboolean  vigie_host_is_loopback    (const char  *host);

/* Whether @a and @b are the same origin: scheme, host and port (a missing
 * port is the scheme's default). */
gboolean  vigie_uri_same_origin     (GUri        *a,
                                     GUri        *b);

/* @text (a URL, a path with a query, or a log line holding one) with the
 * values of secret query parameters (tickets, secrets, tokens, passwords)
 * replaced by "[redacted]". */
char     *vigie_http_redact_url     (const char  *text);

/* Sets @body as the request body of @message, a POST that only reads (a
 * SOAP query), and marks it safe to send again after a 502, 503 or 504, as
 * a GET is. Never use it for a request that may change anything on the
 * server. */
void      vigie_http_message_set_read_only_body (SoupMessage *message,
                                                 const char  *content_type,
                                                 GBytes      *body);
/* Whether @message only reads: GET, HEAD, or a read-only body. */
gboolean  vigie_http_message_is_read_only  (SoupMessage *message);
/* Before @message is sent again: its read-only body, if any, set anew (a
 * body stream is read once). */
void      vigie_http_message_rewind (SoupMessage *message);

G_END_DECLS
