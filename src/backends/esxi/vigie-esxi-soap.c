/* vigie-esxi-soap.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-esxi"

#include "config.h"

#include "vigie-esxi-soap.h"

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

GString *
vigie_esxi_soap_begin (const char *method,
                       const char *this_type,
                       const char *this_value)
{
  GString *request = g_string_new (NULL);

  g_string_append_printf (request, "<vim25:%s>", method);
  vigie_esxi_soap_add_moref (request, "_this", this_type, this_value);
  return request;
}

void
vigie_esxi_soap_add_text (GString    *request,
                          const char *element,
                          const char *text)
{
  g_string_append_printf (request, "<vim25:%s>", element);
  append_escaped (request, text);
  g_string_append_printf (request, "</vim25:%s>", element);
}

void
vigie_esxi_soap_add_moref (GString    *request,
                           const char *element,
                           const char *type,
                           const char *value)
{
  g_string_append_printf (request, "<vim25:%s type=\"", element);
  append_escaped (request, type);
  g_string_append (request, "\">");
  append_escaped (request, value);
  g_string_append_printf (request, "</vim25:%s>", element);
}

void
vigie_esxi_soap_add_raw (GString    *request,
                         const char *xml)
{
  g_string_append (request, xml);
}

char *
vigie_esxi_soap_end (GString    *request,
                     const char *method)
{
  g_autoptr(GString) body = request;
  GString *envelope = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_string_append (envelope,
                   "<soapenv:Envelope"
                   " xmlns:soapenv=\"" VIGIE_ESXI_NS_SOAPENV "\""
                   " xmlns:xsi=\"" VIGIE_ESXI_NS_XSI "\""
                   " xmlns:vim25=\"" VIGIE_ESXI_NS_VIM25 "\">"
                   "<soapenv:Body>");
  g_string_append_len (envelope, body->str, body->len);
  g_string_append_printf (envelope, "</vim25:%s></soapenv:Body></soapenv:Envelope>", method);
  return g_string_free (envelope, FALSE);
}

char *
vigie_esxi_soap_retrieve_service_content (void)
{
  GString *r = vigie_esxi_soap_begin ("RetrieveServiceContent", "ServiceInstance",
                                      "ServiceInstance");

  return vigie_esxi_soap_end (r, "RetrieveServiceContent");
}

char *
vigie_esxi_soap_login (const char *session_manager,
                       const char *user,
                       const char *password)
{
  GString *r = vigie_esxi_soap_begin ("Login", "SessionManager", session_manager);

  vigie_esxi_soap_add_text (r, "userName", user);
  vigie_esxi_soap_add_text (r, "password", password);
  return vigie_esxi_soap_end (r, "Login");
}

char *
vigie_esxi_soap_logout (const char *session_manager)
{
  return vigie_esxi_soap_end (vigie_esxi_soap_begin ("Logout", "SessionManager",
                                                     session_manager),
                              "Logout");
}

char *
vigie_esxi_soap_create_container_view (const char         *view_manager,
                                       const char         *root_folder,
                                       const char * const *types)
{
  GString *r = vigie_esxi_soap_begin ("CreateContainerView", "ViewManager", view_manager);

  vigie_esxi_soap_add_moref (r, "container", "Folder", root_folder);
  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    vigie_esxi_soap_add_text (r, "type", types[i]);
  vigie_esxi_soap_add_text (r, "recursive", "true");
  return vigie_esxi_soap_end (r, "CreateContainerView");
}

char *
vigie_esxi_soap_destroy_view (const char *view)
{
  return vigie_esxi_soap_end (vigie_esxi_soap_begin ("DestroyView", "ContainerView", view),
                              "DestroyView");
}

static void
add_prop_spec (GString            *r,
               const char         *type,
               const char * const *paths)
{
  g_string_append (r, "<vim25:propSet>");
  vigie_esxi_soap_add_text (r, "type", type);
  vigie_esxi_soap_add_text (r, "all", "false");
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    vigie_esxi_soap_add_text (r, "pathSet", paths[i]);
  g_string_append (r, "</vim25:propSet>");
}

char *
vigie_esxi_soap_retrieve_view (const char              *property_collector,
                               const char              *view,
                               const VigieEsxiPropSpec *specs,
                               guint                    n_specs,
                               guint                    max_objects)
{
  GString *r = vigie_esxi_soap_begin ("RetrievePropertiesEx", "PropertyCollector",
                                      property_collector);

  g_string_append (r, "<vim25:specSet>");
  for (guint i = 0; i < n_specs; i++)
    add_prop_spec (r, specs[i].type, specs[i].paths);
  /* The spec govmomi builds for a ContainerView: skip the view itself,
   * traverse its "view" property. */
  g_string_append (r, "<vim25:objectSet>");
  vigie_esxi_soap_add_moref (r, "obj", "ContainerView", view);
  vigie_esxi_soap_add_text (r, "skip", "true");
  g_string_append (r, "<vim25:selectSet xsi:type=\"vim25:TraversalSpec\">");
  vigie_esxi_soap_add_text (r, "name", "traverseView");
  vigie_esxi_soap_add_text (r, "type", "ContainerView");
  vigie_esxi_soap_add_text (r, "path", "view");
  vigie_esxi_soap_add_text (r, "skip", "false");
  g_string_append (r, "</vim25:selectSet></vim25:objectSet></vim25:specSet><vim25:options>");
  if (max_objects > 0)
    g_string_append_printf (r, "<vim25:maxObjects>%u</vim25:maxObjects>", max_objects);
  g_string_append (r, "</vim25:options>");
  return vigie_esxi_soap_end (r, "RetrievePropertiesEx");
}

char *
vigie_esxi_soap_retrieve_object (const char         *property_collector,
                                 const char         *type,
                                 const char         *moref,
                                 const char * const *paths)
{
  GString *r = vigie_esxi_soap_begin ("RetrievePropertiesEx", "PropertyCollector",
                                      property_collector);

  g_string_append (r, "<vim25:specSet>");
  add_prop_spec (r, type, paths);
  g_string_append (r, "<vim25:objectSet>");
  vigie_esxi_soap_add_moref (r, "obj", type, moref);
  g_string_append (r, "</vim25:objectSet></vim25:specSet><vim25:options/>");
  return vigie_esxi_soap_end (r, "RetrievePropertiesEx");
}

char *
vigie_esxi_soap_continue_retrieve (const char *property_collector,
                                   const char *token)
{
  GString *r = vigie_esxi_soap_begin ("ContinueRetrievePropertiesEx", "PropertyCollector",
                                      property_collector);

  vigie_esxi_soap_add_text (r, "token", token);
  return vigie_esxi_soap_end (r, "ContinueRetrievePropertiesEx");
}

char *
vigie_esxi_soap_vm_method (const char *method,
                           const char *vm)
{
  return vigie_esxi_soap_end (vigie_esxi_soap_begin (method, "VirtualMachine", vm), method);
}

char *
vigie_esxi_soap_create_snapshot (const char *vm,
                                 const char *name,
                                 const char *description)
{
  GString *r = vigie_esxi_soap_begin ("CreateSnapshot_Task", "VirtualMachine", vm);

  vigie_esxi_soap_add_text (r, "name", name);
  if (description != NULL)
    vigie_esxi_soap_add_text (r, "description", description);
  vigie_esxi_soap_add_text (r, "memory", "false");
  vigie_esxi_soap_add_text (r, "quiesce", "false");
  return vigie_esxi_soap_end (r, "CreateSnapshot_Task");
}

char *
vigie_esxi_soap_acquire_clone_ticket (const char *session_manager)
{
  return vigie_esxi_soap_end (vigie_esxi_soap_begin ("AcquireCloneTicket", "SessionManager",
                                                     session_manager),
                              "AcquireCloneTicket");
}
