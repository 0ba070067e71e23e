/* vigie-endpoint-form.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-backends.h"

G_BEGIN_DECLS

/* One field of the Add Endpoint form as the person filled it. */
typedef struct {
  const VigieBackendField *field;
  const char              *text;      /* NULL when empty */
  gboolean                 has_file;  /* FILE fields: a file was chosen */
  gboolean                 touched;   /* edited since the form was built */
  char                    *error;     /* out: what is wrong, NULL when fine */
} VigieFormField;

/* The visible hint under a field: its example and, for an address, the
 * port used when none is given. NULL when there is nothing to say. */
char      *vigie_endpoint_form_hint        (VigieKind                kind,
                                            const VigieBackendField *field);
/* How the kind signs in when it offers a choice, or NULL. */
const char *vigie_endpoint_form_explain    (VigieKind                kind);
void       vigie_endpoint_form_name_peek   (GtkWidget               *password_row);
/* A row of the boxed list that shows @hint under the row before it. */
GtkWidget *vigie_endpoint_form_hint_row_new (GtkWidget              *field_row,
                                             const char             *hint);
/* Shows @error (or the hint again when NULL) on a field and its hint row. */
void       vigie_endpoint_form_show_error  (GtkWidget               *field_row,
                                            GtkWidget               *hint_row,
                                            const char              *hint,
                                            const char              *error);
/* Whether the form can work: every required field filled, a usable
 * address, a complete way to sign in. Sets each field's error (shown only
 * for fields that were touched, and for an address that is wrong). With
 * @editing, empty secrets keep the stored ones. */
gboolean   vigie_endpoint_form_check       (VigieKind                kind,
                                            gboolean                 editing,
                                            VigieFormField          *fields,
                                            guint                    n_fields);
void       vigie_endpoint_form_whole_names (AdwComboRow             *row);
void       vigie_form_fields_clear         (VigieFormField          *fields,
                                            guint                    n_fields);

G_END_DECLS
