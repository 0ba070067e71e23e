/* vigie-esxi-soap.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vim25 SOAP request bodies. Every value that goes into a request (morefs,
 * user names, passwords, tokens, snapshot names) is XML-escaped here.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VIGIE_ESXI_NS_VIM25   "urn:vim25"
#define VIGIE_ESXI_NS_SOAPENV "http://schemas.xmlsoap.org/soap/envelope/"
#define VIGIE_ESXI_NS_XSI     "http://www.w3.org/2001/XMLSchema-instance"

/* A request under construction: <vim25:METHOD><vim25:_this type=…>…</…>. */
GString *vigie_esxi_soap_begin          (const char  *method,
                                         const char  *this_type,
                                         const char  *this_value);
void     vigie_esxi_soap_add_text       (GString     *request,
                                         const char  *element,
                                         const char  *text);
void     vigie_esxi_soap_add_moref      (GString     *request,
                                         const char  *element,
                                         const char  *type,
                                         const char  *value);
void     vigie_esxi_soap_add_raw        (GString     *request,
                                         const char  *xml);
/* Closes the method element and wraps it into an envelope. */
char    *vigie_esxi_soap_end            (GString     *request,
                                         const char  *method);

char    *vigie_esxi_soap_retrieve_service_content (void);
char    *vigie_esxi_soap_login          (const char  *session_manager,
                                         const char  *user,
                                         const char  *password);
char    *vigie_esxi_soap_logout         (const char  *session_manager);
char    *vigie_esxi_soap_create_container_view (const char         *view_manager,
                                         const char         *root_folder,
                                         const char * const *types);
char    *vigie_esxi_soap_destroy_view   (const char  *view);

/* One property set: a type and its paths, for retrieve_properties. */
typedef struct {
  const char         *type;
  const char * const *paths;
} VigieEsxiPropSpec;

/* Over every object of a container view (view != NULL), or one object. */
char    *vigie_esxi_soap_retrieve_view  (const char              *property_collector,
                                         const char              *view,
                                         const VigieEsxiPropSpec *specs,
                                         guint                    n_specs,
                                         guint                    max_objects);
char    *vigie_esxi_soap_retrieve_object (const char         *property_collector,
                                         const char         *type,
                                         const char         *moref,
                                         const char * const *paths);
char    *vigie_esxi_soap_continue_retrieve (const char *property_collector,
                                         const char  *token);
char    *vigie_esxi_soap_vm_method      (const char  *method,
                                         const char  *vm);
char    *vigie_esxi_soap_create_snapshot (const char *vm,
                                         const char  *name,
                                         const char  *description);
char    *vigie_esxi_soap_acquire_clone_ticket (const char *session_manager);

G_END_DECLS
