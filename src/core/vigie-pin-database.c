/* vigie-pin-database.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pin check lives in the TLS database, not after the request: a
 * certificate that the system's CAs verify never reaches the message's
 * accept-certificate signal (gotcha G19), so a check made there or after
 * the reply would let a CA-signed impostor read the request, cookies and
 * credentials included. GnuTLS asks the database while handshaking, for
 * every connection of the session: requests, websockets, reconnects.
 *
 * verify_chain runs in the handshake's thread: the pin and the inner
 * database are read under a lock.
 *
 * The system's CAs are loaded only when a certificate without a pin is
 * checked. glib-networking otherwise reads the whole CA bundle when the
 * first TLS connection is made, before libsoup hands it the session's
 * database, and a second time for that connection's credentials: about
 * 9 MB of parsed certificates in a process whose endpoints are all
 * pinned and never consult them. vigie_pin_database_install_default()
 * makes the process's default database a pin database without a pin,
 * which reads the system's on first use (system_database()).
 */

#define G_LOG_DOMAIN "vigie-http"

#include "config.h"

#include "vigie-http-client.h"
#include "vigie-pin-database.h"

struct _VigiePinDatabase
{
  GTlsDatabase  parent_instance;

  GMutex        lock;
  GTlsDatabase *inner;   /* NULL: the system's */
  char         *pin;
};

G_DEFINE_FINAL_TYPE (VigiePinDatabase, vigie_pin_database, G_TYPE_TLS_DATABASE)

/* The TLS backend's own default database (the system's CAs), loaded once,
 * on first use; never the process default, which may be a pin database. */
static GTlsDatabase *
system_database (void)
{
  static GMutex lock;
  static gboolean loaded;
  static GTlsDatabase *system;
  GTlsDatabase *database;

  g_mutex_lock (&lock);
  if (!loaded)
    {
      GTlsBackend *backend = g_tls_backend_get_default ();

      system = G_TLS_BACKEND_GET_INTERFACE (backend)->get_default_database (backend);
      loaded = TRUE;
    }
  database = system != NULL ? g_object_ref (system) : NULL;
  g_mutex_unlock (&lock);
  return database;
}

static GTlsDatabase *
dup_inner (VigiePinDatabase *self)
{
  GTlsDatabase *inner;

  g_mutex_lock (&self->lock);
  inner = self->inner != NULL ? g_object_ref (self->inner) : NULL;
  g_mutex_unlock (&self->lock);
  if (inner == NULL)
    inner = system_database ();
  return inner;
}

static GTlsCertificateFlags
vigie_pin_database_verify_chain (GTlsDatabase             *database,
                                 GTlsCertificate          *chain,
                                 const char               *purpose,
                                 GSocketConnectable       *identity,
                                 GTlsInteraction          *interaction,
                                 GTlsDatabaseVerifyFlags   flags,
                                 GCancellable             *cancellable,
                                 GError                  **error)
{
  VigiePinDatabase *self = VIGIE_PIN_DATABASE (database);
  g_autofree char *pin = vigie_pin_database_dup_pin (self);
  g_autoptr(GTlsDatabase) inner = NULL;

  if (pin != NULL)
    {
      g_autofree char *seen = vigie_certificate_fingerprint (chain);

      /* The pin is the user's decision about this very certificate: it
       * stands for the CA and the name checks (as a known_hosts entry
       * does), and nothing else is trusted in its place. */
      if (g_strcmp0 (seen, pin) == 0)
        return 0;
      g_debug ("certificate %s is not the pinned %s", seen ? seen : "?", pin);
      return G_TLS_CERTIFICATE_UNKNOWN_CA;
    }

  inner = dup_inner (self);
  if (inner == NULL)
    return G_TLS_CERTIFICATE_UNKNOWN_CA | g_tls_certificate_verify (chain, identity, NULL);
  return g_tls_database_verify_chain (inner, chain, purpose, identity, interaction, flags,
                                      cancellable, error);
}

/* The rest is the inner database's. */

static char *
vigie_pin_database_create_certificate_handle (GTlsDatabase    *database,
                                              GTlsCertificate *certificate)
{
  g_autoptr(GTlsDatabase) inner = dup_inner (VIGIE_PIN_DATABASE (database));

  return inner != NULL ? g_tls_database_create_certificate_handle (inner, certificate) : NULL;
}

static GTlsCertificate *
vigie_pin_database_lookup_certificate_for_handle (GTlsDatabase             *database,
                                                  const char               *handle,
                                                  GTlsInteraction          *interaction,
                                                  GTlsDatabaseLookupFlags   flags,
                                                  GCancellable             *cancellable,
                                                  GError                  **error)
{
  g_autoptr(GTlsDatabase) inner = dup_inner (VIGIE_PIN_DATABASE (database));

  if (inner == NULL)
    return NULL;
  return g_tls_database_lookup_certificate_for_handle (inner, handle, interaction, flags,
                                                       cancellable, error);
}

static GTlsCertificate *
vigie_pin_database_lookup_certificate_issuer (GTlsDatabase             *database,
                                              GTlsCertificate          *certificate,
                                              GTlsInteraction          *interaction,
                                              GTlsDatabaseLookupFlags   flags,
                                              GCancellable             *cancellable,
                                              GError                  **error)
{
  g_autoptr(GTlsDatabase) inner = dup_inner (VIGIE_PIN_DATABASE (database));

  if (inner == NULL)
    return NULL;
  return g_tls_database_lookup_certificate_issuer (inner, certificate, interaction, flags,
                                                   cancellable, error);
}

static GList *
vigie_pin_database_lookup_certificates_issued_by (GTlsDatabase             *database,
                                                  GByteArray               *issuer_raw_dn,
                                                  GTlsInteraction          *interaction,
                                                  GTlsDatabaseLookupFlags   flags,
                                                  GCancellable             *cancellable,
                                                  GError                  **error)
{
  g_autoptr(GTlsDatabase) inner = dup_inner (VIGIE_PIN_DATABASE (database));

  if (inner == NULL)
    return NULL;
  return g_tls_database_lookup_certificates_issued_by (inner, issuer_raw_dn, interaction, flags,
                                                       cancellable, error);
}

static void
vigie_pin_database_finalize (GObject *object)
{
  VigiePinDatabase *self = (VigiePinDatabase *) object;

  g_clear_object (&self->inner);
  g_free (self->pin);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (vigie_pin_database_parent_class)->finalize (object);
}

static void
vigie_pin_database_class_init (VigiePinDatabaseClass *klass)
{
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = vigie_pin_database_finalize;
  database_class->verify_chain = vigie_pin_database_verify_chain;
  database_class->create_certificate_handle = vigie_pin_database_create_certificate_handle;
  database_class->lookup_certificate_for_handle =
    vigie_pin_database_lookup_certificate_for_handle;
  database_class->lookup_certificate_issuer = vigie_pin_database_lookup_certificate_issuer;
  database_class->lookup_certificates_issued_by =
    vigie_pin_database_lookup_certificates_issued_by;
}

static void
vigie_pin_database_init (VigiePinDatabase *self)
{
  g_mutex_init (&self->lock);
}

VigiePinDatabase *
vigie_pin_database_new (GTlsDatabase *inner)
{
  VigiePinDatabase *self = g_object_new (VIGIE_TYPE_PIN_DATABASE, NULL);

  vigie_pin_database_set_inner (self, inner);
  return self;
}

void
vigie_pin_database_set_inner (VigiePinDatabase *self,
                              GTlsDatabase     *inner)
{
  g_return_if_fail (VIGIE_IS_PIN_DATABASE (self));
  g_return_if_fail (inner == NULL || G_IS_TLS_DATABASE (inner));
  g_return_if_fail (inner != G_TLS_DATABASE (self));

  g_mutex_lock (&self->lock);
  g_set_object (&self->inner, inner);
  g_mutex_unlock (&self->lock);
}

void
vigie_pin_database_set_pin (VigiePinDatabase *self,
                            const char       *fingerprint)
{
  g_return_if_fail (VIGIE_IS_PIN_DATABASE (self));

  g_mutex_lock (&self->lock);
  g_free (self->pin);
  self->pin = g_strdup (fingerprint);
  g_mutex_unlock (&self->lock);
}

char *
vigie_pin_database_dup_pin (VigiePinDatabase *self)
{
  char *pin;

  g_return_val_if_fail (VIGIE_IS_PIN_DATABASE (self), NULL);

  g_mutex_lock (&self->lock);
  pin = g_strdup (self->pin);
  g_mutex_unlock (&self->lock);
  return pin;
}

/**
 * vigie_pin_database_install_default:
 *
 * Makes the process's default TLS database one that reads the system's CAs
 * only when a certificate without a pin is checked (see the top of this
 * file). What it trusts is what the system's database trusts. Idempotent.
 */
void
vigie_pin_database_install_default (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      g_autoptr(VigiePinDatabase) lazy = vigie_pin_database_new (NULL);

      g_tls_backend_set_default_database (g_tls_backend_get_default (), G_TLS_DATABASE (lazy));
      g_once_init_leave (&installed, 1);
    }
}
