/* vigie-lab.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-http-client.h"
#include "vigie-lab.h"
#include "vigie-tls.h"

struct _VigieLab
{
  GObject    parent_instance;

  char      *address;
  guint      port;
  guint      scale;
  gboolean   big;
  gint64     now;
  GPtrArray *services;
  gboolean   started;
};

G_DEFINE_FINAL_TYPE (VigieLab, vigie_lab, G_TYPE_OBJECT)

static void
service_free (VigieLabService *service)
{
  if (service->server != NULL)
    soup_server_disconnect (service->server);
  if (service->state_free != NULL && service->state != NULL)
    service->state_free (service->state);
  g_clear_object (&service->server);
  g_clear_object (&service->certificate);
  g_free (service->name);
  g_free (service->path);
  g_free (service->url);
  g_free (service->fingerprint);
  g_free (service->user);
  g_free (service->token_id);
  g_free (service->secret);
  g_free (service->client_cert_pem);
  g_free (service);
}

static void
vigie_lab_finalize (GObject *object)
{
  VigieLab *self = (VigieLab *) object;

  g_ptr_array_unref (self->services);
  g_free (self->address);

  G_OBJECT_CLASS (vigie_lab_parent_class)->finalize (object);
}

static void
vigie_lab_class_init (VigieLabClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_lab_finalize;
}

static void
vigie_lab_init (VigieLab *self)
{
  self->services = g_ptr_array_new_with_free_func ((GDestroyNotify) service_free);
  self->now = g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
vigie_lab_address_is_loopback (const char *address)
{
  g_autoptr(GInetAddress) inet = NULL;

  if (address == NULL)
    return FALSE;
  inet = g_inet_address_new_from_string (address);
  return inet != NULL && g_inet_address_get_is_loopback (inet);
}

VigieLab *
vigie_lab_new (const char *address,
               guint       port,
               guint       scale)
{
  VigieLab *self = g_object_new (VIGIE_TYPE_LAB, NULL);

  self->address = g_strdup (address ? address : "127.0.0.1");
  self->port = port;
  self->scale = MAX (scale, 1);
  return self;
}

void
vigie_lab_set_big (VigieLab *self,
                   gboolean  big)
{
  g_return_if_fail (VIGIE_IS_LAB (self));
  g_return_if_fail (!self->started);
  self->big = big;
}

void
vigie_lab_set_now (VigieLab *self,
                   gint64    unix_seconds)
{
  g_return_if_fail (VIGIE_IS_LAB (self));
  self->now = unix_seconds;
}

static const struct {
  VigieKind          kind;
  const char        *name;
  VigieLabSetupFunc  setup;
} lab_kinds[] = {
  { VIGIE_KIND_ESXI, "lab-esxi", vigie_lab_esxi_setup },
  { VIGIE_KIND_PROXMOX, "lab-proxmox", vigie_lab_proxmox_setup },
  { VIGIE_KIND_PBS, "lab-pbs", vigie_lab_pbs_setup },
  { VIGIE_KIND_INCUS, "lab-incus", vigie_lab_incus_setup },
  { VIGIE_KIND_VEEAM, "lab-veeam", vigie_lab_veeam_setup },
};

static gboolean
listen_service (VigieLab        *self,
                VigieLabService *service,
                guint            port,
                GError         **error)
{
  g_autofree char *cert_pem = NULL;
  g_autofree char *key_pem = NULL;
  g_autofree char *pem = NULL;
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (self->address);
  g_autoptr(GSocketAddress) address = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *host = NULL;

  if (!vigie_tls_generate_self_signed (service->name, VIGIE_KEY_EC_P256, "localhost",
                                       self->address, 365, &cert_pem, &key_pem, error))
    return FALSE;
  pem = g_strconcat (cert_pem, key_pem, NULL);
  service->certificate = g_tls_certificate_new_from_pem (pem, -1, error);
  if (service->certificate == NULL)
    return FALSE;
  service->fingerprint = vigie_certificate_fingerprint (service->certificate);
  service->server = soup_server_new ("tls-certificate", service->certificate,
                                     "server-header", "vigie-lab ", NULL);

  address = g_inet_socket_address_new (inet, port);
  if (!soup_server_listen (service->server, address, SOUP_SERVER_LISTEN_HTTPS, error))
    return FALSE;
  uris = soup_server_get_uris (service->server);
  host = g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6
           ? g_strdup_printf ("[%s]", self->address) : g_strdup (self->address);
  /* Without the path for now: the setup function may set one. */
  service->url = g_strdup_printf ("https://%s:%d", host, g_uri_get_port (uris->data));
  return TRUE;
}

static gboolean
setup_service (VigieLab        *self,
               VigieLabService *service,
               GError         **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (lab_kinds); i++)
    if (lab_kinds[i].kind == service->kind && !lab_kinds[i].setup (service, error))
      return FALSE;
  if (service->path != NULL)
    {
      char *url = g_strconcat (service->url, service->path, NULL);

      g_free (service->url);
      service->url = url;
    }
  return TRUE;
}

gboolean
vigie_lab_start (VigieLab  *self,
                 GError   **error)
{
  guint per_kind;
  guint next_port;

  g_return_val_if_fail (VIGIE_IS_LAB (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  if (!vigie_lab_address_is_loopback (self->address))
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("The demo lab listens on loopback only, not on “%s”"), self->address);
      return FALSE;
    }

  /* --scale N: about N instances over more endpoints (with --big, on one
   * big endpoint of each kind); the plain lab has one endpoint of each kind. */
  per_kind = self->scale > 100 && !self->big ? (self->scale + 499) / 500 : 1;
  next_port = self->port;
  for (guint i = 0; i < G_N_ELEMENTS (lab_kinds); i++)
    {
      for (guint n = 0; n < per_kind; n++)
        {
          VigieLabService *service = g_new0 (VigieLabService, 1);

          service->kind = lab_kinds[i].kind;
          service->name = n == 0 ? g_strdup (lab_kinds[i].name)
                                 : g_strdup_printf ("%s-%u", lab_kinds[i].name, n + 1);
          service->now = self->now;
          service->index = n;
          service->scale = self->scale > 100 ? self->scale / (per_kind * 3) : 0;
          service->lab = self;
          g_ptr_array_add (self->services, service);
          if (!listen_service (self, service, next_port, error))
            {
              g_prefix_error (error, "%s: ", service->name);
              vigie_lab_stop (self);
              return FALSE;
            }
          if (next_port != 0)
            next_port++;
        }
    }
  for (guint i = 0; i < self->services->len; i++)
    {
      VigieLabService *service = g_ptr_array_index (self->services, i);

      if (!setup_service (self, service, error))
        {
          g_prefix_error (error, "%s: ", service->name);
          vigie_lab_stop (self);
          return FALSE;
        }
    }
  self->started = TRUE;
  return TRUE;
}

void
vigie_lab_stop (VigieLab *self)
{
  g_return_if_fail (VIGIE_IS_LAB (self));

  g_ptr_array_set_size (self->services, 0);
  self->started = FALSE;
}

GPtrArray *
vigie_lab_get_services (VigieLab *self)
{
  g_return_val_if_fail (VIGIE_IS_LAB (self), NULL);
  return self->services;
}

VigieLabService *
vigie_lab_find_service (VigieLab   *self,
                        const char *name)
{
  g_return_val_if_fail (VIGIE_IS_LAB (self), NULL);

  for (guint i = 0; i < self->services->len; i++)
    {
      VigieLabService *service = g_ptr_array_index (self->services, i);

      if (g_strcmp0 (service->name, name) == 0)
        return service;
    }
  return NULL;
}
