/* fault-proxy.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A TLS reverse proxy on 127.0.0.1 in front of one demo lab service: it
 * passes the conversation through unchanged until it is armed, then
 * answers every request with one fault, written byte by byte on the socket
 * (cut bodies, garbage, silence, resets), which a SoupServer cannot do.
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum {
  FAULT_TRUNCATE,       /* Content-Length says more than is sent */
  FAULT_GARBAGE,        /* not HTTP at all */
  FAULT_OVERSIZE,       /* a body over the client's size limit */
  FAULT_HANG,           /* reads the request, never answers */
  FAULT_RESET,          /* reads the request, resets the connection */
  FAULT_UNAUTHORIZED,   /* 401 (ESXi: a NotAuthenticated SOAP fault) */
  FAULT_UNAVAILABLE,    /* 503 */
  FAULT_CERTIFICATE,    /* new connections get another certificate */
  FAULT_SLOW,           /* answers right, each after SLOW_DELAY_MS */
  N_FAULTS
} Fault;

#define SLOW_DELAY_MS 3000

typedef struct _FaultProxy FaultProxy;

FaultProxy *fault_proxy_new          (const char      *upstream_url,
                                      const char      *upstream_fingerprint,
                                      GTlsCertificate *upstream_client_cert,
                                      gboolean         soap);
void        fault_proxy_free         (FaultProxy      *self);
const char *fault_proxy_get_url      (FaultProxy      *self);
const char *fault_proxy_get_fingerprint (FaultProxy   *self);
/* From now on every request gets @fault. */
void        fault_proxy_arm          (FaultProxy      *self,
                                      Fault            fault);
/* From now on every request that may change something (not a GET, not a
 * SOAP query) gets @fault; reads pass through. Only the faulty requests
 * are counted. */
void        fault_proxy_arm_writes   (FaultProxy      *self,
                                      Fault            fault);
/* Requests seen since arming: all of them, those that were logins (a
 * ticket, a token or a SOAP Login), and those with @method. */
guint       fault_proxy_count        (FaultProxy      *self,
                                      const char      *what);
/* Requests with @method sent again (same path and body) since arming. */
guint       fault_proxy_count_repeats (FaultProxy     *self,
                                      const char      *method);
const char *fault_name               (Fault            fault);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaultProxy, fault_proxy_free)

G_END_DECLS
