/* vigie-esxi-parse.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions over vim25 SOAP replies (libxml2 documents): faults,
 * ServiceContent, RetrievePropertiesEx results, and the resource objects
 * built from them. Elements are matched by namespace and local name, value
 * types are read from xsi:type whatever its prefix, and a property that is
 * absent gives a null value, never a made-up one.
 */

#pragma once

#include <libxml/tree.h>

#include "vigie-resources.h"

G_BEGIN_DECLS

typedef struct {
  char *type;        /* vim fault type: "InvalidLogin", "NotAuthenticated", … */
  char *message;     /* faultstring; may name hosts or users: details only */
  char *privilege;   /* NoPermission/NotAuthenticated privilegeId, when given */
} VigieEsxiFault;

typedef struct {
  /* about */
  char *name;
  char *full_name;
  char *version;
  char *build;
  char *api_type;              /* "HostAgent" or "VirtualCenter" */
  char *api_version;
  char *product_line_id;
  char *instance_uuid;
  char *license_product_name;
  /* managed object references */
  char *root_folder;
  char *property_collector;
  char *view_manager;
  char *session_manager;
  char *license_manager;
} VigieEsxiServiceContent;

/* One ObjectContent of a RetrievePropertiesEx result. The values point into
 * the document, which must outlive it. */
typedef struct {
  char       *type;
  char       *moref;
  GHashTable *props;     /* path → xmlNode* (the <val> element) */
  GHashTable *missing;   /* path → fault type (missingSet) */
} VigieEsxiObject;

typedef enum {
  VIGIE_ESXI_TASK_UNKNOWN = 0,
  VIGIE_ESXI_TASK_QUEUED,
  VIGIE_ESXI_TASK_RUNNING,
  VIGIE_ESXI_TASK_SUCCESS,
  VIGIE_ESXI_TASK_ERROR,
} VigieEsxiTaskState;

void                     vigie_esxi_fault_free           (VigieEsxiFault *fault);
void                     vigie_esxi_service_content_free (VigieEsxiServiceContent *content);
void                     vigie_esxi_object_free          (VigieEsxiObject *object);
/* An empty GPtrArray of VigieEsxiObject* that frees them. */
GPtrArray               *vigie_esxi_object_array_new     (void);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieEsxiFault, vigie_esxi_fault_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieEsxiServiceContent, vigie_esxi_service_content_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieEsxiObject, vigie_esxi_object_free)

/* A whole reply; PROTOCOL error when it is not well-formed XML. */
xmlDoc                  *vigie_esxi_parse_document       (const char     *data,
                                                          gsize           size,
                                                          GError        **error);
/* The <METHODResponse> element of the body. When the body holds a
 * soapenv:Fault, returns NULL and sets *fault (error stays unset). */
xmlNode                 *vigie_esxi_parse_response       (xmlDoc         *doc,
                                                          const char     *method,
                                                          VigieEsxiFault **fault,
                                                          GError        **error);
VigieEsxiFault          *vigie_esxi_parse_fault          (xmlNode        *fault);
/* Maps a fault onto VIGIE_ERROR with a translated message. */
GError                  *vigie_esxi_fault_to_error       (const VigieEsxiFault *fault);

VigieEsxiServiceContent *vigie_esxi_parse_service_content (xmlNode       *response,
                                                          GError        **error);
/* The text of the first <returnval> (a moref, a ticket); NULL when none. */
char                    *vigie_esxi_parse_returnval_text (xmlNode        *response);
/* One <objects> (ObjectContent); NULL without a reference. Its properties
 * point into @objects. */
VigieEsxiObject         *vigie_esxi_parse_object_content  (xmlNode       *objects);
/* Appends VigieEsxiObject* to objects; *token is the paging token or NULL. */
gboolean                 vigie_esxi_parse_retrieve_result (xmlNode       *response,
                                                          GPtrArray      *objects,
                                                          char          **token,
                                                          GError        **error);

/* Property readers: FALSE / NULL when the property is absent or mistyped. */
char                    *vigie_esxi_object_get_string    (VigieEsxiObject *object,
                                                          const char     *path);
gboolean                 vigie_esxi_object_get_int       (VigieEsxiObject *object,
                                                          const char     *path,
                                                          gint64         *value);
gboolean                 vigie_esxi_object_get_bool      (VigieEsxiObject *object,
                                                          const char     *path,
                                                          gboolean       *value);
/* The property's <val> element, NULL when absent. */
xmlNode                 *vigie_esxi_object_get_node      (VigieEsxiObject *object,
                                                          const char     *path);
/* The xsi:type of an element, without its prefix; NULL when none. */
char                    *vigie_esxi_xsi_type             (xmlNode        *node);

/* host_names: HostSystem moref → name; host_mhz: moref → GINT_TO_POINTER
 * (MHz of one core), both may be NULL. */
VigieInstance           *vigie_esxi_parse_vm             (VigieEsxiObject *object,
                                                          GHashTable     *host_names,
                                                          GHashTable     *host_mhz);
/* vigie-esxi-parse-hardware.c: firmware, secure boot, CBT, controllers,
 * passthrough devices, datastores and provisioned size as instance extras. */
void                     vigie_esxi_parse_vm_hardware    (VigieEsxiObject *object,
                                                          VigieInstance  *instance);
/* Disks, NICs (with the guest's addresses) and snapshots one by one. */
void                     vigie_esxi_parse_vm_devices     (VigieEsxiObject *object,
                                                          VigieInstance   *instance);
/* cluster_names: ClusterComputeResource moref → name, may be NULL. */
VigieHost               *vigie_esxi_parse_host           (VigieEsxiObject *object,
                                                          GHashTable     *cluster_names);
/* host_names as for vigie_esxi_parse_vm; names the host of a local one. */
VigieStorage            *vigie_esxi_parse_datastore      (VigieEsxiObject *object,
                                                          GHashTable     *host_names);
/* From LicenseManager "licenses": the edition name (NULL when none) and
 * whether it is the free, read-only hypervisor licence. */
char                    *vigie_esxi_parse_license        (VigieEsxiObject *object,
                                                          gboolean       *is_free);
VigieEsxiTaskState       vigie_esxi_parse_task_info      (VigieEsxiObject *object,
                                                          char          **error_message,
                                                          char          **result);

G_END_DECLS
