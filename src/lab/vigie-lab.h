/* vigie-lab.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo lab: loopback servers that speak each product's real protocol,
 * so a class can use Vigie with no server at all. The servers share no
 * protocol code with the backends: a bug they shared would pass its tests.
 */

#pragma once

#include <libsoup/soup.h>

#include "vigie-enums.h"
#include "vigie-secret-store.h"

G_BEGIN_DECLS

typedef struct _VigieLabService VigieLabService;
typedef struct _VigieLab VigieLab;

/* One demo endpoint. The lab fills server, certificate, now and scale,
 * calls the kind's setup function, then listens and fills url and
 * fingerprint. The setup function adds handlers and sets the credentials
 * a client needs (user/token_id, secret, secret_purpose, client_cert_pem). */
struct _VigieLabService
{
  VigieKind           kind;
  char               *name;             /* lab-esxi, … */
  char               *path;             /* appended to the URL: "/sdk" for ESXi */
  char               *url;
  char               *fingerprint;      /* SHA-256 of the server certificate */
  char               *user;
  char               *token_id;
  char               *secret;
  VigieSecretPurpose  secret_purpose;
  char               *client_cert_pem;  /* Incus: the certificate Vigie presents */
  SoupServer         *server;
  GTlsCertificate    *certificate;
  gint64              now;              /* the lab's "now": demo data is relative to it */
  guint               scale;            /* about how many instances this one serves */
  guint               index;            /* n-th service of this kind (scale > 1) */
  VigieLab           *lab;              /* unowned; every service listens before any
                                         * setup runs, so siblings' url is known */
  gpointer            state;
  GDestroyNotify      state_free;
};

typedef gboolean (*VigieLabSetupFunc) (VigieLabService *service,
                                       GError         **error);

/* Each kind's server, in vigie-lab-<kind>.c. */
gboolean vigie_lab_esxi_setup    (VigieLabService *service, GError **error);
gboolean vigie_lab_proxmox_setup (VigieLabService *service, GError **error);
gboolean vigie_lab_incus_setup   (VigieLabService *service, GError **error);
/* A trust token that the lab-incus service accepts (for enrolment demos and tests). */
char    *vigie_lab_incus_make_token (VigieLabService *service);
/* Test hooks: answer like a server without instance_all_projects, or like
 * a two-member cluster (one offline); drop the /1.0/events listeners. */
void     vigie_lab_incus_set_legacy (VigieLabService *service, gboolean legacy);
void     vigie_lab_incus_set_clustered (VigieLabService *service, gboolean clustered);
void     vigie_lab_incus_drop_event_listeners (VigieLabService *service);
gboolean vigie_lab_pbs_setup     (VigieLabService *service, GError **error);
gboolean vigie_lab_veeam_setup   (VigieLabService *service, GError **error);

#define VIGIE_TYPE_LAB (vigie_lab_get_type ())

G_DECLARE_FINAL_TYPE (VigieLab, vigie_lab, VIGIE, LAB, GObject)

/* address must be a loopback address; port 0 picks free ports, otherwise
 * services listen on port, port+1, … */
VigieLab   *vigie_lab_new           (const char  *address,
                                     guint        port,
                                     guint        scale);
/* Put the scale's instances on one big endpoint of each kind, not many
 * small ones. Before vigie_lab_start(). */
void        vigie_lab_set_big       (VigieLab    *self,
                                     gboolean     big);
void        vigie_lab_set_now       (VigieLab    *self,
                                     gint64       unix_seconds);
gboolean    vigie_lab_start         (VigieLab    *self,
                                     GError     **error);
void        vigie_lab_stop          (VigieLab    *self);
/* VigieLabService*, in kind order (esxi, proxmox, pbs, incus, veeam). */
GPtrArray  *vigie_lab_get_services  (VigieLab    *self);
VigieLabService *vigie_lab_find_service (VigieLab *self,
                                     const char  *name);
gboolean    vigie_lab_address_is_loopback (const char *address);

G_END_DECLS
