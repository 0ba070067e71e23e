/* vigie-tls.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-tls"

#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <time.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs12.h>
#include <gnutls/x509.h>

#include "vigie-error.h"
#include "vigie-tls.h"

static gboolean
check (int       ret,
       GError  **error,
       const char *what)
{
  if (ret >= 0)
    return TRUE;
  g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_FAILED, "%s: %s", what, gnutls_strerror (ret));
  return FALSE;
}

static char *
datum_to_string (gnutls_datum_t *datum)
{
  char *str = g_strndup ((const char *) datum->data, datum->size);

  gnutls_free (datum->data);
  datum->data = NULL;
  return str;
}

gboolean
vigie_tls_generate_self_signed (const char    *common_name,
                                VigieKeyType   key_type,
                                const char    *san_dns,
                                const char    *san_ip,
                                guint          days,
                                char         **cert_pem,
                                char         **key_pem,
                                GError       **error)
{
  gnutls_x509_privkey_t key = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t out = { NULL, 0 };
  g_autofree char *dn = NULL;
  const char *err_pos = NULL;
  guint8 serial[16];
  time_t now = time (NULL);
  gboolean ok = FALSE;
  gnutls_ecc_curve_t curve = key_type == VIGIE_KEY_EC_P384 ? GNUTLS_ECC_CURVE_SECP384R1
                                                           : GNUTLS_ECC_CURVE_SECP256R1;

  g_return_val_if_fail (common_name != NULL, FALSE);

  for (guint i = 0; i < sizeof serial; i++)
    serial[i] = g_random_int_range (0, 256);
  serial[0] &= 0x7f;

  dn = g_strdup_printf ("CN=%s,O=Vigie", common_name);
  if (!check (gnutls_x509_privkey_init (&key), error, "privkey") ||
      !check (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                            GNUTLS_CURVE_TO_BITS (curve), 0), error, "generate") ||
      !check (gnutls_x509_crt_init (&crt), error, "crt") ||
      !check (gnutls_x509_crt_set_version (crt, 3), error, "version") ||
      !check (gnutls_x509_crt_set_serial (crt, serial, sizeof serial), error, "serial") ||
      !check (gnutls_x509_crt_set_activation_time (crt, now - 3600), error, "activation") ||
      !check (gnutls_x509_crt_set_expiration_time (crt, now + (time_t) days * 86400), error,
              "expiration") ||
      !check (gnutls_x509_crt_set_dn (crt, dn, &err_pos), error, "dn") ||
      !check (gnutls_x509_crt_set_issuer_dn (crt, dn, &err_pos), error, "issuer") ||
      !check (gnutls_x509_crt_set_key (crt, key), error, "key") ||
      !check (gnutls_x509_crt_set_basic_constraints (crt, 0, -1), error, "constraints") ||
      !check (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE), error, "usage"))
    goto out;

  if (san_dns != NULL &&
      !check (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, san_dns,
                                                    strlen (san_dns), GNUTLS_FSAN_APPEND),
              error, "san"))
    goto out;
  if (san_ip != NULL)
    {
      guint8 addr[16];
      int family = strchr (san_ip, ':') ? AF_INET6 : AF_INET;

      if (inet_pton (family, san_ip, addr) == 1 &&
          !check (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, addr,
                                                        family == AF_INET6 ? 16 : 4,
                                                        GNUTLS_FSAN_APPEND),
                  error, "san ip"))
        goto out;
    }
  if (!check (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0), error, "sign"))
    goto out;

  if (!check (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &out), error, "export"))
    goto out;
  *cert_pem = datum_to_string (&out);
  /* PKCS#8, as openssl 3 writes it: GTlsCertificate reads it fine. */
  if (!check (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL,
                                                 GNUTLS_PKCS_PLAIN, &out), error, "export key"))
    {
      g_clear_pointer (cert_pem, g_free);
      goto out;
    }
  *key_pem = datum_to_string (&out);
  ok = TRUE;

out:
  if (crt != NULL)
    gnutls_x509_crt_deinit (crt);
  if (key != NULL)
    gnutls_x509_privkey_deinit (key);
  return ok;
}

gboolean
vigie_tls_pkcs12_to_pem (GBytes      *data,
                         const char  *password,
                         char       **cert_pem,
                         char       **key_pem,
                         GError     **error)
{
  gnutls_pkcs12_t p12 = NULL;
  gnutls_x509_privkey_t key = NULL;
  gnutls_x509_crt_t *chain = NULL;
  unsigned int chain_len = 0;
  gnutls_datum_t in;
  gnutls_datum_t out = { NULL, 0 };
  gboolean ok = FALSE;
  int ret;

  in.data = (unsigned char *) g_bytes_get_data (data, NULL);
  in.size = g_bytes_get_size (data);

  if (!check (gnutls_pkcs12_init (&p12), error, "pkcs12"))
    return FALSE;
  ret = gnutls_pkcs12_import (p12, &in, GNUTLS_X509_FMT_DER, 0);
  if (ret < 0)
    ret = gnutls_pkcs12_import (p12, &in, GNUTLS_X509_FMT_PEM, 0);
  if (ret < 0)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("This is not a PKCS#12 file (%s)"), gnutls_strerror (ret));
      goto out;
    }
  if (password != NULL && gnutls_pkcs12_verify_mac (p12, password) < 0)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("The PKCS#12 password is wrong"));
      goto out;
    }
  ret = gnutls_pkcs12_simple_parse (p12, password ? password : "", &key, &chain, &chain_len,
                                    NULL, NULL, NULL, 0);
  if (ret < 0 || key == NULL || chain_len == 0)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("The PKCS#12 file holds no certificate with its key (%s)"),
                   ret < 0 ? gnutls_strerror (ret) : "");
      goto out;
    }
  if (!check (gnutls_x509_crt_export2 (chain[0], GNUTLS_X509_FMT_PEM, &out), error, "export"))
    goto out;
  *cert_pem = datum_to_string (&out);
  if (!check (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL,
                                                 GNUTLS_PKCS_PLAIN, &out), error, "export key"))
    {
      g_clear_pointer (cert_pem, g_free);
      goto out;
    }
  *key_pem = datum_to_string (&out);
  ok = TRUE;

out:
  for (unsigned int i = 0; i < chain_len; i++)
    gnutls_x509_crt_deinit (chain[i]);
  gnutls_free (chain);
  if (key != NULL)
    gnutls_x509_privkey_deinit (key);
  gnutls_pkcs12_deinit (p12);
  return ok;
}

gboolean
vigie_tls_check_key_pair (const char  *cert_pem,
                          const char  *key_pem,
                          GError     **error)
{
  gnutls_x509_crt_t crt = NULL;
  gnutls_x509_privkey_t key = NULL;
  gnutls_datum_t cert_datum = { (unsigned char *) cert_pem, cert_pem ? strlen (cert_pem) : 0 };
  gnutls_datum_t key_datum = { (unsigned char *) key_pem, key_pem ? strlen (key_pem) : 0 };
  unsigned char crt_id[64], key_id[64];
  size_t crt_id_size = sizeof crt_id, key_id_size = sizeof key_id;
  gboolean ok = FALSE;

  g_return_val_if_fail (cert_pem != NULL && key_pem != NULL, FALSE);

  if (gnutls_x509_crt_init (&crt) < 0 || gnutls_x509_privkey_init (&key) < 0)
    goto out;
  if (gnutls_x509_crt_import (crt, &cert_datum, GNUTLS_X509_FMT_PEM) < 0)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("The certificate is not a PEM X.509 certificate"));
      goto out;
    }
  if (gnutls_x509_privkey_import2 (key, &key_datum, GNUTLS_X509_FMT_PEM, NULL, 0) < 0)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("The private key is not an unencrypted PEM key"));
      goto out;
    }
  if (gnutls_x509_crt_get_key_id (crt, GNUTLS_KEYID_USE_SHA256, crt_id, &crt_id_size) < 0 ||
      gnutls_x509_privkey_get_key_id (key, GNUTLS_KEYID_USE_SHA256, key_id, &key_id_size) < 0 ||
      crt_id_size != key_id_size || memcmp (crt_id, key_id, crt_id_size) != 0)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("The private key does not belong to the certificate"));
      goto out;
    }
  ok = TRUE;

out:
  if (!ok && error != NULL && *error == NULL)
    g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_FAILED, _("GnuTLS cannot be used"));
  if (crt != NULL)
    gnutls_x509_crt_deinit (crt);
  if (key != NULL)
    gnutls_x509_privkey_deinit (key);
  return ok;
}
