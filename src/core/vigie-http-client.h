/* vigie-http-client.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "vigie-json.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_HTTP_CLIENT (vigie_http_client_get_type ())

G_DECLARE_FINAL_TYPE (VigieHttpClient, vigie_http_client, VIGIE, HTTP_CLIENT, GObject)

/* What a server's certificate says, for the approval dialog and messages. */
typedef struct {
  char   *subject;
  char   *issuer;
  gint64  not_before;   /* Unix seconds, 0 when unknown */
  gint64  not_after;
  char   *fingerprint;  /* SHA-256, lower-case hex */
} VigieCertificateInfo;

VigieCertificateInfo *vigie_certificate_info_new_from_certificate (GTlsCertificate *cert);
VigieCertificateInfo *vigie_certificate_info_copy (const VigieCertificateInfo *info);
void                  vigie_certificate_info_free (VigieCertificateInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieCertificateInfo, vigie_certificate_info_free)
char                 *vigie_certificate_fingerprint (GTlsCertificate *cert);

#define VIGIE_HTTP_DEFAULT_MAX_RESPONSE (64 * 1024 * 1024)

VigieHttpClient *vigie_http_client_new                 (const char       *base_url,
                                                        GError          **error);
const char      *vigie_http_client_get_base_url        (VigieHttpClient  *self);
/* Checked during every TLS handshake, before any request byte is sent. A
 * change applies to the next request: no connection made before it is
 * reused. */
void             vigie_http_client_set_pinned_fingerprint (VigieHttpClient *self,
                                                        const char       *fingerprint);
const char      *vigie_http_client_get_pinned_fingerprint (VigieHttpClient *self);
void             vigie_http_client_set_timeout         (VigieHttpClient  *self,
                                                        guint             seconds);
guint            vigie_http_client_get_timeout         (VigieHttpClient  *self);
gboolean         vigie_http_client_prefers_few_connections (VigieHttpClient *self);
/* The largest reply body kept whole (VIGIE_HTTP_DEFAULT_MAX_RESPONSE): a
 * bigger one fails with VIGIE_ERROR_PROTOCOL. A body given to a sink is
 * not kept and not capped here: the sink caps what it holds. */
void             vigie_http_client_set_max_response_size (VigieHttpClient *self,
                                                        gsize             max_bytes);
gsize            vigie_http_client_get_max_response_size (VigieHttpClient *self);
void             vigie_http_client_set_client_certificate (VigieHttpClient *self,
                                                        GTlsCertificate  *certificate);
/* The CAs that decide for an endpoint without a pin (tests; NULL: the
 * system's). */
void             vigie_http_client_set_tls_database    (VigieHttpClient  *self,
                                                        GTlsDatabase     *database);
void             vigie_http_client_set_header          (VigieHttpClient  *self,
                                                        const char       *name,
                                                        const char       *value);
SoupSession     *vigie_http_client_get_session         (VigieHttpClient  *self);
/* A session cookie for this server (login tickets). The session's cookie jar
 * owns the Cookie header: a header set by hand would be overwritten. */
gboolean         vigie_http_client_set_cookie          (VigieHttpClient  *self,
                                                        const char       *name,
                                                        const char       *value);
/* Forgets the cookies named @name, or every cookie when @name is NULL. */
void             vigie_http_client_forget_cookies      (VigieHttpClient  *self,
                                                        const char       *name);
/* The certificate the server presented on the last refused connection. */
const VigieCertificateInfo *vigie_http_client_get_presented_certificate (VigieHttpClient *self);

SoupMessage     *vigie_http_client_new_message         (VigieHttpClient  *self,
                                                        const char       *method,
                                                        const char       *path);
/* A message that asks for JSON and carries @body, if any, as @content_type
 * (application/json when NULL). */
SoupMessage     *vigie_http_client_new_json_message    (VigieHttpClient  *self,
                                                        const char       *method,
                                                        const char       *path,
                                                        GBytes           *body,
                                                        const char       *content_type);
void             vigie_http_client_send_async          (VigieHttpClient  *self,
                                                        SoupMessage      *message,
                                                        GCancellable     *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer          user_data);
/* Takes a chunk of a reply's body, lent for the call only (the next chunk
 * is read into the same memory); FALSE with @error stops the transfer. */
typedef gboolean (*VigieHttpSink) (const guint8  *data,
                                   gsize          size,
                                   gpointer       user_data,
                                   GError       **error);

void             vigie_http_client_send_to_sink_async  (VigieHttpClient  *self,
                                                        SoupMessage      *message,
                                                        VigieHttpSink     sink,
                                                        gpointer          sink_data,
                                                        GCancellable     *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer          user_data);
/* Fails only on transport errors (mapped to VIGIE_ERROR); the HTTP status is
 * the message's. */
GBytes          *vigie_http_client_send_finish         (VigieHttpClient  *self,
                                                        GAsyncResult     *result,
                                                        GError          **error);

/* A request whose reply is JSON; fails on a non-2xx status with the server's
 * reason (401/403 → VIGIE_ERROR_AUTH_FAILED, others → FAILED) and on a reply
 * that does not parse (PROTOCOL). body may be NULL. */
void             vigie_http_client_request_json_async  (VigieHttpClient  *self,
                                                        const char       *method,
                                                        const char       *path,
                                                        GBytes           *body,
                                                        const char       *content_type,
                                                        GCancellable     *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer          user_data);
JsonNode        *vigie_http_client_request_json_finish (VigieHttpClient  *self,
                                                        GAsyncResult     *result,
                                                        guint            *status,
                                                        GError          **error);

void             vigie_http_client_websocket_async     (VigieHttpClient  *self,
                                                        SoupMessage      *message,
                                                        const char * const *protocols,
                                                        GCancellable     *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer          user_data);
SoupWebsocketConnection *vigie_http_client_websocket_finish (VigieHttpClient *self,
                                                        GAsyncResult     *result,
                                                        GError          **error);

/* Helpers shared by every backend. */
GError          *vigie_http_status_error               (guint             status,
                                                        const char       *reason,
                                                        GBytes           *body);
JsonNode        *vigie_json_parse_bytes                (GBytes           *bytes,
                                                        GError          **error);

/* A reply at least this big is parsed in a worker thread. Below it a parse
 * costs well under a millisecond; above it, at 256 KiB as it was, the demo
 * lab's Incus and Proxmox VE replies of 100 to 170 guests were parsed on
 * the main thread, together a tenth of its time in a refresh of 100
 * endpoints. */
#define VIGIE_JSON_THREAD_MIN_SIZE (16 * 1024)

/* As vigie_json_parse_bytes(), in a worker thread for a big reply; the
 * callback runs in the caller's thread-default main context. */
void             vigie_json_parse_bytes_async          (GBytes           *bytes,
                                                        GCancellable     *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer          user_data);
JsonNode        *vigie_json_parse_bytes_finish         (GAsyncResult     *result,
                                                        GError          **error);
/* As vigie_json_parse_split() (vigie-json.h), in a worker thread for a big
 * reply: @member is a static string, @func runs in that thread. */
void             vigie_json_parse_split_async          (GBytes           *bytes,
                                                        const char       *member,
                                                        VigieJsonElementFunc func,
                                                        gpointer          func_data,
                                                        GDestroyNotify    element_free,
                                                        GCancellable     *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer          user_data);
JsonNode        *vigie_json_parse_split_finish         (GAsyncResult     *result,
                                                        GPtrArray       **elements,
                                                        GError          **error);
/* A callback for vigie_json_parse_bytes_async() whose user_data is a GTask
 * (owned): returns the parsed JsonNode, or the error, through that task. */
void             vigie_json_parse_bytes_return_cb      (GObject          *object,
                                                        GAsyncResult     *result,
                                                        gpointer          task);
/* Tests: called by every vigie_json_parse_bytes(), in the thread that
 * parses, with the reply's size. Set it before any request is made. */
typedef void   (*VigieJsonParseHook)                   (gsize             size,
                                                        gpointer          user_data);
void             vigie_json_set_parse_hook             (VigieJsonParseHook hook,
                                                        gpointer          user_data);
char            *vigie_http_redact_header_line         (const char       *line);

G_END_DECLS
