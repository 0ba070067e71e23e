/* vigie-esxi-parse.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-esxi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <string.h>

#include "vigie-error.h"
#include "vigie-esxi-parse.h"
#include "vigie-esxi-soap.h"

#define MIB (G_GINT64_CONSTANT (1024) * 1024)

/* Element matching: the namespace, then the local name. ns == NULL is for
 * SOAP 1.1's unqualified fault members (faultcode, faultstring, detail),
 * which some servers qualify anyway. */
static gboolean
is_element (xmlNode    *node,
            const char *ns,
            const char *name)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (!xmlStrEqual (node->name, (const xmlChar *) name))
    return FALSE;
  if (ns == NULL)
    return node->ns == NULL ||
           xmlStrEqual (node->ns->href, (const xmlChar *) VIGIE_ESXI_NS_SOAPENV);
  return node->ns != NULL && xmlStrEqual (node->ns->href, (const xmlChar *) ns);
}

static xmlNode *
child (xmlNode    *node,
       const char *ns,
       const char *name)
{
  if (node == NULL)
    return NULL;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (is_element (c, ns, name))
      return c;
  return NULL;
}

static xmlNode *
vim_child (xmlNode    *node,
           const char *name)
{
  return child (node, VIGIE_ESXI_NS_VIM25, name);
}

static gboolean
has_element_children (xmlNode *node)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      return TRUE;
  return FALSE;
}

/* The text of a simple element; NULL for a missing or complex one. */
static char *
text_of (xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL || has_element_children (node))
    return NULL;
  content = xmlNodeGetContent (node);
  if (content == NULL)
    return NULL;
  text = g_strdup ((const char *) content);
  xmlFree (content);
  return text;
}

static char *
vim_child_text (xmlNode    *node,
                const char *name)
{
  return text_of (vim_child (node, name));
}

static gboolean
parse_int (const char *text,
           gint64     *value)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  return g_ascii_string_to_signed (copy, 10, G_MININT64, G_MAXINT64, value, NULL);
}

static gboolean
parse_bool (const char *text,
            gboolean   *value)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (g_str_equal (copy, "true") || g_str_equal (copy, "1"))
    *value = TRUE;
  else if (g_str_equal (copy, "false") || g_str_equal (copy, "0"))
    *value = FALSE;
  else
    return FALSE;
  return TRUE;
}

char *
vigie_esxi_xsi_type (xmlNode *node)
{
  xmlChar *value;
  const char *colon;
  char *type;

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return NULL;
  /* By namespace, so xsi:type and XMLSchema-instance:type are the same. */
  value = xmlGetNsProp (node, (const xmlChar *) "type", (const xmlChar *) VIGIE_ESXI_NS_XSI);
  if (value == NULL)
    return NULL;
  colon = strchr ((const char *) value, ':');
  type = g_strdup (colon != NULL ? colon + 1 : (const char *) value);
  xmlFree (value);
  return type;
}

/* The plain (unqualified) type attribute of a moref. */
static char *
moref_type (xmlNode *node)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) "type");
  char *type;

  if (value == NULL)
    return NULL;
  type = g_strdup ((const char *) value);
  xmlFree (value);
  return type;
}

/* free functions */

void
vigie_esxi_fault_free (VigieEsxiFault *fault)
{
  if (fault == NULL)
    return;
  g_free (fault->type);
  g_free (fault->message);
  g_free (fault->privilege);
  g_free (fault);
}

void
vigie_esxi_service_content_free (VigieEsxiServiceContent *content)
{
  if (content == NULL)
    return;
  g_free (content->name);
  g_free (content->full_name);
  g_free (content->version);
  g_free (content->build);
  g_free (content->api_type);
  g_free (content->api_version);
  g_free (content->product_line_id);
  g_free (content->instance_uuid);
  g_free (content->license_product_name);
  g_free (content->root_folder);
  g_free (content->property_collector);
  g_free (content->view_manager);
  g_free (content->session_manager);
  g_free (content->license_manager);
  g_free (content);
}

void
vigie_esxi_object_free (VigieEsxiObject *object)
{
  if (object == NULL)
    return;
  g_free (object->type);
  g_free (object->moref);
  g_clear_pointer (&object->props, g_hash_table_unref);
  g_clear_pointer (&object->missing, g_hash_table_unref);
  g_free (object);
}

GPtrArray *
vigie_esxi_object_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_esxi_object_free);
}

/* envelope and faults */

xmlDoc *
vigie_esxi_parse_document (const char  *data,
                           gsize        size,
                           GError     **error)
{
  xmlDoc *doc;

  if (data == NULL || size == 0)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL, _("The server sent an empty reply"));
      return NULL;
    }
  if (size > G_MAXINT)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                   _("The server’s reply is too large"));
      return NULL;
    }
  /* No XML_PARSE_HUGE: libxml2 then refuses nesting deeper than 256 levels
   * and oversized text nodes itself (tested), so the tree walks below stay
   * shallow. No XML_PARSE_NOENT, and no DTD at all (SOAP forbids one): an
   * internal subset could declare entities that expand a billion times when
   * the text of a node is read. */
  doc = xmlReadMemory (data, (int) size, "reply.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                       XML_PARSE_NOCDATA);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL || doc->intSubset != NULL ||
      doc->extSubset != NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                   _("The server’s reply is not valid XML"));
      return NULL;
    }
  return doc;
}

VigieEsxiFault *
vigie_esxi_parse_fault (xmlNode *fault_node)
{
  VigieEsxiFault *fault = g_new0 (VigieEsxiFault, 1);
  xmlNode *detail;

  fault->message = text_of (child (fault_node, NULL, "faultstring"));
  detail = child (fault_node, NULL, "detail");
  for (xmlNode *c = detail != NULL ? detail->children : NULL; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      fault->type = vigie_esxi_xsi_type (c);
      if (fault->type == NULL && g_str_has_suffix ((const char *) c->name, "Fault"))
        fault->type = g_strndup ((const char *) c->name,
                                 strlen ((const char *) c->name) - strlen ("Fault"));
      else if (fault->type == NULL)
        fault->type = g_strdup ((const char *) c->name);
      fault->privilege = vim_child_text (c, "privilegeId");
      break;
    }
  return fault;
}

GError *
vigie_esxi_fault_to_error (const VigieEsxiFault *fault)
{
  const char *type = fault->type != NULL ? fault->type : "";

  g_debug ("fault %s: %s", type, fault->message ? fault->message : "");
  if (g_str_equal (type, "InvalidLogin"))
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED,
                        _("The user name or password was refused"));
  if (g_str_equal (type, "NotAuthenticated"))
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED,
                        _("The session is not authenticated"));
  if (g_str_equal (type, "NoPermission"))
    return fault->privilege != NULL
           ? g_error_new (VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED,
                          _("Permission denied: the privilege %s is missing"), fault->privilege)
           : g_error_new (VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED, _("Permission denied"));
  if (g_str_equal (type, "RestrictedVersion"))
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_NOT_ALLOWED,
                        _("The host’s licence does not allow changes through the API"));
  if (g_str_equal (type, "ManagedObjectNotFound"))
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_NOT_FOUND,
                        _("The object no longer exists on the server"));
  if (g_str_equal (type, "InvalidPowerState") || g_str_equal (type, "InvalidState"))
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_FAILED,
                        _("The virtual machine is not in a state that allows this"));
  if (g_str_equal (type, "ToolsUnavailable"))
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_FAILED,
                        _("VMware Tools are not running in the guest"));
  if (g_str_equal (type, "TaskInProgress"))
    return g_error_new (VIGIE_ERROR, VIGIE_ERROR_FAILED,
                        _("Another task is running on this object"));
  return g_error_new (VIGIE_ERROR, VIGIE_ERROR_FAILED, _("The server reported a fault (%s)"),
                      *type != '\0' ? type : _("unknown"));
}

xmlNode *
vigie_esxi_parse_response (xmlDoc          *doc,
                           const char      *method,
                           VigieEsxiFault **fault,
                           GError         **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *body;
  g_autofree char *response = g_strconcat (method, "Response", NULL);

  if (!is_element (root, VIGIE_ESXI_NS_SOAPENV, "Envelope") ||
      (body = child (root, VIGIE_ESXI_NS_SOAPENV, "Body")) == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                   _("The server’s reply is not a SOAP envelope"));
      return NULL;
    }
  for (xmlNode *c = body->children; c != NULL; c = c->next)
    {
      if (is_element (c, VIGIE_ESXI_NS_SOAPENV, "Fault"))
        {
          *fault = vigie_esxi_parse_fault (c);
          return NULL;
        }
      if (is_element (c, VIGIE_ESXI_NS_VIM25, response))
        return c;
    }
  g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
               _("The server’s reply has no %s"), response);
  return NULL;
}

/* ServiceContent */

VigieEsxiServiceContent *
vigie_esxi_parse_service_content (xmlNode  *response,
                                  GError  **error)
{
  g_autoptr(VigieEsxiServiceContent) content = g_new0 (VigieEsxiServiceContent, 1);
  xmlNode *returnval = vim_child (response, "returnval");
  xmlNode *about = vim_child (returnval, "about");

  content->root_folder = vim_child_text (returnval, "rootFolder");
  content->property_collector = vim_child_text (returnval, "propertyCollector");
  content->view_manager = vim_child_text (returnval, "viewManager");
  content->session_manager = vim_child_text (returnval, "sessionManager");
  content->license_manager = vim_child_text (returnval, "licenseManager");
  content->name = vim_child_text (about, "name");
  content->full_name = vim_child_text (about, "fullName");
  content->version = vim_child_text (about, "version");
  content->build = vim_child_text (about, "build");
  content->api_type = vim_child_text (about, "apiType");
  content->api_version = vim_child_text (about, "apiVersion");
  content->product_line_id = vim_child_text (about, "productLineId");
  content->instance_uuid = vim_child_text (about, "instanceUuid");
  content->license_product_name = vim_child_text (about, "licenseProductName");

  if (about == NULL || content->root_folder == NULL || content->property_collector == NULL ||
      content->view_manager == NULL || content->session_manager == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                   _("The server’s service content lacks the inventory managers"));
      return NULL;
    }
  return g_steal_pointer (&content);
}

char *
vigie_esxi_parse_returnval_text (xmlNode *response)
{
  return vim_child_text (response, "returnval");
}

/* RetrievePropertiesEx */

VigieEsxiObject *
vigie_esxi_parse_object_content (xmlNode *objects)
{
  g_autoptr(VigieEsxiObject) object = g_new0 (VigieEsxiObject, 1);
  xmlNode *obj = vim_child (objects, "obj");

  object->moref = text_of (obj);
  object->type = obj != NULL ? moref_type (obj) : NULL;
  if (object->moref == NULL || object->type == NULL)
    return NULL;
  object->props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  object->missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (xmlNode *c = objects->children; c != NULL; c = c->next)
    {
      if (is_element (c, VIGIE_ESXI_NS_VIM25, "propSet"))
        {
          g_autofree char *name = vim_child_text (c, "name");
          xmlNode *val = vim_child (c, "val");

          if (name != NULL && val != NULL)
            g_hash_table_replace (object->props, g_steal_pointer (&name), val);
        }
      else if (is_element (c, VIGIE_ESXI_NS_VIM25, "missingSet"))
        {
          g_autofree char *path = vim_child_text (c, "path");
          xmlNode *fault = vim_child (vim_child (c, "fault"), "fault");
          char *type = vigie_esxi_xsi_type (fault);

          if (path != NULL)
            g_hash_table_replace (object->missing, g_steal_pointer (&path),
                                  type != NULL ? type : g_strdup ("unknown"));
          else
            g_free (type);
        }
    }
  return g_steal_pointer (&object);
}

gboolean
vigie_esxi_parse_retrieve_result (xmlNode    *response,
                                  GPtrArray  *objects,
                                  char      **token,
                                  GError    **error)
{
  xmlNode *returnval = vim_child (response, "returnval");

  *token = NULL;
  /* No returnval: nothing matched, which is an empty result. */
  if (returnval == NULL)
    return TRUE;
  for (xmlNode *c = returnval->children; c != NULL; c = c->next)
    {
      if (is_element (c, VIGIE_ESXI_NS_VIM25, "objects"))
        {
          VigieEsxiObject *object = vigie_esxi_parse_object_content (c);

          if (object != NULL)
            g_ptr_array_add (objects, object);
          else
            g_debug ("skipping an object without a reference");
        }
      else if (is_element (c, VIGIE_ESXI_NS_VIM25, "token") && *token == NULL)
        {
          *token = text_of (c);
          if (*token != NULL && **token == '\0')
            g_clear_pointer (token, g_free);
        }
    }
  return TRUE;
}

/* property readers */

static xmlNode *
get_val (VigieEsxiObject *object,
         const char      *path)
{
  if (object == NULL || object->props == NULL)
    return NULL;
  return g_hash_table_lookup (object->props, path);
}

xmlNode *
vigie_esxi_object_get_node (VigieEsxiObject *object,
                            const char      *path)
{
  return get_val (object, path);
}

char *
vigie_esxi_object_get_string (VigieEsxiObject *object,
                              const char      *path)
{
  return text_of (get_val (object, path));
}

gboolean
vigie_esxi_object_get_int (VigieEsxiObject *object,
                           const char      *path,
                           gint64          *value)
{
  g_autofree char *text = vigie_esxi_object_get_string (object, path);

  return parse_int (text, value);
}

gboolean
vigie_esxi_object_get_bool (VigieEsxiObject *object,
                            const char      *path,
                            gboolean        *value)
{
  g_autofree char *text = vigie_esxi_object_get_string (object, path);

  return parse_bool (text, value);
}

static gint64
get_int_or_unset (VigieEsxiObject *object,
                  const char      *path,
                  gint64           scale)
{
  gint64 value;

  if (!vigie_esxi_object_get_int (object, path, &value) || value < 0)
    return VIGIE_UNSET;
  if (scale > 1 && value > G_MAXINT64 / scale)
    return VIGIE_UNSET;
  return value * scale;
}

static char *
get_nonempty_string (VigieEsxiObject *object,
                     const char      *path)
{
  char *text = vigie_esxi_object_get_string (object, path);

  if (text != NULL && *g_strstrip (text) == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* resources */

static gint64
count_snapshots (xmlNode *node,
                 guint    depth)
{
  gint64 count = 0;

  /* A snapshot tree deeper than this is not a real one. */
  if (depth > 256)
    return 0;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (is_element (c, VIGIE_ESXI_NS_VIM25, "rootSnapshotList") ||
        is_element (c, VIGIE_ESXI_NS_VIM25, "childSnapshotList") ||
        is_element (c, VIGIE_ESXI_NS_VIM25, "VirtualMachineSnapshotTree"))
      count += 1 + count_snapshots (c, depth + 1);
  return count;
}

static void
add_guest_addresses (VigieInstance   *instance,
                     VigieEsxiObject *object)
{
  g_autofree char *primary = get_nonempty_string (object, "guest.ipAddress");
  xmlNode *net = get_val (object, "guest.net");

  if (primary != NULL)
    vigie_instance_add_address (instance, primary);
  for (xmlNode *nic = net != NULL ? net->children : NULL; nic != NULL; nic = nic->next)
    {
      if (nic->type != XML_ELEMENT_NODE)
        continue;
      for (xmlNode *a = nic->children; a != NULL; a = a->next)
        {
          g_autofree char *address = NULL;

          if (!is_element (a, VIGIE_ESXI_NS_VIM25, "ipAddress"))
            continue;
          address = text_of (a);
          if (address == NULL || *g_strstrip (address) == '\0')
            continue;
          if (!g_ptr_array_find_with_equal_func (instance->addresses, address,
                                                 g_str_equal, NULL))
            vigie_instance_add_address (instance, address);
        }
    }
}

VigieInstance *
vigie_esxi_parse_vm (VigieEsxiObject *object,
                     GHashTable      *host_names,
                     GHashTable      *host_mhz)
{
  g_autoptr(VigieInstance) instance = vigie_instance_new ();
  g_autofree char *power = NULL;
  g_autofree char *host = NULL;
  g_autofree char *tools = NULL;
  g_autofree char *bios_uuid = NULL;
  g_autofree char *instance_uuid = NULL;
  xmlNode *snapshot;
  gboolean template_ = FALSE;
  gint64 cpu_mhz;

  g_return_val_if_fail (object != NULL, NULL);

  instance->id = g_strdup (object->moref);
  instance->type = VIGIE_INSTANCE_VM;
  instance->name = vigie_esxi_object_get_string (object, "name");

  power = vigie_esxi_object_get_string (object, "runtime.powerState");
  if (g_strcmp0 (power, "poweredOn") == 0)
    instance->state = VIGIE_STATE_RUNNING;
  else if (g_strcmp0 (power, "poweredOff") == 0)
    instance->state = VIGIE_STATE_STOPPED;
  else if (g_strcmp0 (power, "suspended") == 0)
    instance->state = VIGIE_STATE_SUSPENDED;
  else
    instance->state = VIGIE_STATE_UNKNOWN;

  instance->os = get_nonempty_string (object, "config.guestFullName");
  if (instance->os == NULL)
    instance->os = get_nonempty_string (object, "guest.guestFullName");

  instance->cpus = get_int_or_unset (object, "config.hardware.numCPU", 1);
  if (instance->cpus == VIGIE_UNSET)
    instance->cpus = get_int_or_unset (object, "summary.config.numCpu", 1);
  instance->memory_bytes = get_int_or_unset (object, "config.hardware.memoryMB", MIB);
  if (instance->memory_bytes == VIGIE_UNSET)
    instance->memory_bytes = get_int_or_unset (object, "summary.config.memorySizeMB", MIB);
  if (instance->state == VIGIE_STATE_RUNNING)
    instance->memory_used_bytes = get_int_or_unset (object,
                                                    "summary.quickStats.guestMemoryUsage", MIB);
  instance->disk_bytes = get_int_or_unset (object, "summary.storage.committed", 1);

  /* No snapshot property means no snapshot; one the server could not read
   * (missingSet) means unknown. */
  snapshot = get_val (object, "snapshot");
  if (snapshot != NULL)
    instance->snapshots = count_snapshots (snapshot, 0);
  else if (g_hash_table_contains (object->missing, "snapshot"))
    instance->snapshots = VIGIE_UNSET;
  else
    instance->snapshots = 0;

  add_guest_addresses (instance, object);

  if (vigie_esxi_object_get_bool (object, "config.template", &template_))
    instance->template = template_;

  bios_uuid = get_nonempty_string (object, "config.uuid");
  instance_uuid = get_nonempty_string (object, "config.instanceUuid");
  instance->uuid = g_strdup (bios_uuid != NULL ? bios_uuid : instance_uuid);
  if (bios_uuid != NULL)
    vigie_resource_set_extra (&instance->extra, "bios_uuid", bios_uuid);
  if (instance_uuid != NULL)
    vigie_resource_set_extra (&instance->extra, "instance_uuid", instance_uuid);

  vigie_esxi_parse_vm_hardware (object, instance);
  vigie_esxi_parse_vm_devices (object, instance);

  tools = get_nonempty_string (object, "guest.toolsRunningStatus");
  if (tools != NULL)
    vigie_resource_set_extra (&instance->extra, "tools", tools);

  host = get_nonempty_string (object, "runtime.host");
  if (host != NULL)
    {
      const char *name = host_names != NULL ? g_hash_table_lookup (host_names, host) : NULL;

      instance->host = g_strdup (name);
      vigie_resource_set_extra (&instance->extra, "host_moref", host);
    }

  /* quickStats CPU is MHz over the whole VM: a fraction of its vCPUs at the
   * host's core speed. */
  cpu_mhz = get_int_or_unset (object, "summary.quickStats.overallCpuUsage", 1);
  if (cpu_mhz != VIGIE_UNSET && instance->cpus > 0 && host != NULL && host_mhz != NULL)
    {
      gint64 core_mhz = GPOINTER_TO_INT (g_hash_table_lookup (host_mhz, host));

      if (core_mhz > 0)
        instance->cpu_usage = CLAMP ((double) cpu_mhz / (double) (core_mhz * instance->cpus),
                                     0.0, 1.0);
    }

  return g_steal_pointer (&instance);
}

VigieHost *
vigie_esxi_parse_host (VigieEsxiObject *object,
                       GHashTable      *cluster_names)
{
  g_autoptr(VigieHost) host = vigie_host_new ();
  g_autofree char *connection = NULL;
  xmlNode *parent;
  gboolean maintenance = FALSE;
  gboolean have_maintenance;
  gint64 mhz, used_mhz, used_mb;

  g_return_val_if_fail (object != NULL, NULL);

  host->name = vigie_esxi_object_get_string (object, "name");
  host->version = get_nonempty_string (object, "summary.config.product.version");
  host->build = get_nonempty_string (object, "summary.config.product.build");
  host->cpu_cores = get_int_or_unset (object, "summary.hardware.numCpuCores", 1);
  host->cpu_threads = get_int_or_unset (object, "summary.hardware.numCpuThreads", 1);
  host->cpu_sockets = get_int_or_unset (object, "summary.hardware.numCpuPkgs", 1);
  host->memory_bytes = get_int_or_unset (object, "summary.hardware.memorySize", 1);
  host->uptime_seconds = get_int_or_unset (object, "summary.quickStats.uptime", 1);

  mhz = get_int_or_unset (object, "summary.hardware.cpuMhz", 1);
  used_mhz = get_int_or_unset (object, "summary.quickStats.overallCpuUsage", 1);
  if (mhz > 0 && host->cpu_cores > 0 && used_mhz != VIGIE_UNSET)
    host->cpu_usage = CLAMP ((double) used_mhz / (double) (mhz * host->cpu_cores), 0.0, 1.0);
  used_mb = get_int_or_unset (object, "summary.quickStats.overallMemoryUsage", MIB);
  host->memory_used_bytes = used_mb;

  connection = get_nonempty_string (object, "runtime.connectionState");
  have_maintenance = vigie_esxi_object_get_bool (object, "runtime.inMaintenanceMode",
                                                 &maintenance);
  if (g_strcmp0 (connection, "connected") == 0)
    host->state = have_maintenance && maintenance ? VIGIE_HOST_MAINTENANCE : VIGIE_HOST_ONLINE;
  else if (g_strcmp0 (connection, "disconnected") == 0 ||
           g_strcmp0 (connection, "notResponding") == 0)
    host->state = VIGIE_HOST_OFFLINE;
  else if (have_maintenance && maintenance)
    host->state = VIGIE_HOST_MAINTENANCE;
  else
    host->state = VIGIE_HOST_UNKNOWN;
  if (connection != NULL)
    vigie_resource_set_extra (&host->extra, "connection_state", connection);

  host->cpu_model = get_nonempty_string (object, "summary.hardware.cpuModel");
  vigie_resource_set_extra (&host->extra, "moref", object->moref);

  parent = get_val (object, "parent");
  if (parent != NULL && cluster_names != NULL)
    {
      g_autofree char *type = moref_type (parent);
      g_autofree char *ref = text_of (parent);

      if (g_strcmp0 (type, "ClusterComputeResource") == 0 && ref != NULL &&
          g_hash_table_lookup (cluster_names, ref) != NULL)
        vigie_resource_set_extra (&host->extra, "cluster",
                                  g_hash_table_lookup (cluster_names, ref));
    }

  return g_steal_pointer (&host);
}

VigieStorage *
vigie_esxi_parse_datastore (VigieEsxiObject *object,
                            GHashTable      *host_names)
{
  g_autoptr(VigieStorage) storage = vigie_storage_new ();
  g_autofree char *url = NULL;
  gboolean flag = FALSE;
  gint64 free_bytes;

  g_return_val_if_fail (object != NULL, NULL);

  storage->name = vigie_esxi_object_get_string (object, "name");
  storage->type = get_nonempty_string (object, "summary.type");
  storage->total_bytes = get_int_or_unset (object, "summary.capacity", 1);
  free_bytes = get_int_or_unset (object, "summary.freeSpace", 1);
  if (storage->total_bytes != VIGIE_UNSET && free_bytes != VIGIE_UNSET &&
      free_bytes <= storage->total_bytes)
    storage->used_bytes = storage->total_bytes - free_bytes;
  if (vigie_esxi_object_get_bool (object, "summary.multipleHostAccess", &flag))
    storage->shared = flag;
  if (vigie_esxi_object_get_bool (object, "summary.accessible", &flag))
    storage->active = flag;
  /* A local datastore is mounted on one host: name it. */
  if (!storage->shared && host_names != NULL)
    {
      xmlNode *mounts = get_val (object, "host");
      g_autofree char *only = NULL;
      guint n = 0;

      for (xmlNode *m = mounts != NULL ? mounts->children : NULL; m != NULL; m = m->next)
        {
          if (m->type != XML_ELEMENT_NODE)
            continue;
          n++;
          g_free (only);
          only = vim_child_text (m, "key");
        }
      if (n == 1 && only != NULL && g_hash_table_lookup (host_names, only) != NULL)
        storage->host = g_strdup (g_hash_table_lookup (host_names, only));
    }
  url = get_nonempty_string (object, "summary.url");
  if (url != NULL)
    vigie_resource_set_extra (&storage->extra, "url", url);
  vigie_resource_set_extra (&storage->extra, "moref", object->moref);
  return g_steal_pointer (&storage);
}

char *
vigie_esxi_parse_license (VigieEsxiObject *object,
                          gboolean        *is_free)
{
  xmlNode *licenses = get_val (object, "licenses");
  g_autofree char *name = NULL;
  g_autofree char *edition = NULL;

  *is_free = FALSE;
  for (xmlNode *c = licenses != NULL ? licenses->children : NULL; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      name = vim_child_text (c, "name");
      edition = vim_child_text (c, "editionKey");
      if (name != NULL || edition != NULL)
        break;
    }
  if (name == NULL && edition == NULL)
    return NULL;
  /* The free "vSphere Hypervisor" licence has edition esxBasic; older ones
   * say "free" in their edition or name. It makes the API read-only. */
  if (edition != NULL && (g_str_has_prefix (edition, "esxBasic") ||
                          g_strrstr (edition, "free") != NULL))
    *is_free = TRUE;
  if (name != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if (g_strrstr (lower, "free") != NULL)
        *is_free = TRUE;
    }
  return g_strdup (name != NULL ? name : edition);
}

VigieEsxiTaskState
vigie_esxi_parse_task_info (VigieEsxiObject  *object,
                            char            **error_message,
                            char            **result)
{
  g_autofree char *state = vigie_esxi_object_get_string (object, "info.state");
  xmlNode *error = get_val (object, "info.error");

  if (error_message != NULL)
    {
      *error_message = error != NULL ? vim_child_text (error, "localizedMessage") : NULL;
      if (error != NULL && *error_message == NULL)
        *error_message = vigie_esxi_xsi_type (vim_child (error, "fault"));
    }
  if (result != NULL)
    *result = vigie_esxi_object_get_string (object, "info.result");

  if (g_strcmp0 (state, "queued") == 0)
    return VIGIE_ESXI_TASK_QUEUED;
  if (g_strcmp0 (state, "running") == 0)
    return VIGIE_ESXI_TASK_RUNNING;
  if (g_strcmp0 (state, "success") == 0)
    return VIGIE_ESXI_TASK_SUCCESS;
  if (g_strcmp0 (state, "error") == 0)
    return VIGIE_ESXI_TASK_ERROR;
  return VIGIE_ESXI_TASK_UNKNOWN;
}
