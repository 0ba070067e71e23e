/* vigie-certificate-dialog.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-http-client.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_CERTIFICATE_DIALOG (vigie_certificate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VigieCertificateDialog, vigie_certificate_dialog, VIGIE,
                      CERTIFICATE_DIALOG, AdwMessageDialog)

/* Asks whether to trust @info. With @pinned (the fingerprint trusted so
 * far), it warns that the certificate changed, and "accept" is only enabled
 * once the person confirms they checked the new fingerprint. Responses:
 * "accept" and "cancel". */
VigieCertificateDialog *vigie_certificate_dialog_new        (GtkWindow                  *parent,
                                                             const char                 *endpoint_name,
                                                             const VigieCertificateInfo *info,
                                                             const char                 *pinned);
const char             *vigie_certificate_dialog_get_fingerprint (VigieCertificateDialog *self);

G_END_DECLS
