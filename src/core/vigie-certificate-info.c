/* vigie-certificate-info.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a server's certificate says, for the approval dialog and messages
 * (declared in vigie-http-client.h).
 */

#define G_LOG_DOMAIN "vigie-http"

#include "config.h"

#include "vigie-http-client.h"

char *
vigie_certificate_fingerprint (GTlsCertificate *cert)
{
  g_autoptr(GByteArray) der = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (cert), NULL);

  g_object_get (cert, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}

VigieCertificateInfo *
vigie_certificate_info_new_from_certificate (GTlsCertificate *cert)
{
  VigieCertificateInfo *info = g_new0 (VigieCertificateInfo, 1);
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;

  info->fingerprint = vigie_certificate_fingerprint (cert);
  info->subject = g_tls_certificate_get_subject_name (cert);
  info->issuer = g_tls_certificate_get_issuer_name (cert);
  before = g_tls_certificate_get_not_valid_before (cert);
  after = g_tls_certificate_get_not_valid_after (cert);
  info->not_before = before != NULL ? g_date_time_to_unix (before) : 0;
  info->not_after = after != NULL ? g_date_time_to_unix (after) : 0;
  return info;
}

VigieCertificateInfo *
vigie_certificate_info_copy (const VigieCertificateInfo *info)
{
  VigieCertificateInfo *copy;

  if (info == NULL)
    return NULL;
  copy = g_new0 (VigieCertificateInfo, 1);
  copy->subject = g_strdup (info->subject);
  copy->issuer = g_strdup (info->issuer);
  copy->not_before = info->not_before;
  copy->not_after = info->not_after;
  copy->fingerprint = g_strdup (info->fingerprint);
  return copy;
}

void
vigie_certificate_info_free (VigieCertificateInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->subject);
  g_free (info->issuer);
  g_free (info->fingerprint);
  g_free (info);
}
