/* vigie-lab-esxi.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A demo standalone ESXi host speaking enough vim25 SOAP at /sdk for the
 * ESXi backend: RetrieveServiceContent, Login/Logout with the
 * vmware_soap_session cookie, CreateContainerView/DestroyView,
 * RetrievePropertiesEx (paged when maxObjects asks for it) and
 * ContinueRetrievePropertiesEx, power and snapshot methods whose tasks
 * change the demo state, and AcquireCloneTicket.
 *
 * Written apart from the backend on purpose: requests are read with
 * libxml2 by local name, replies are written with GString.
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "vigie-lab.h"
#include "vigie-lab-esxi-private.h"

#define SESSION_COOKIE "vmware_soap_session"

typedef struct {
  GPtrArray  *objects;   /* char* "Type\tmoref" */
  GPtrArray  *paths;     /* GStrv per type: "Type\tpath" pairs */
  guint       offset;
  guint       page;
} LabPending;

static void
pending_free (LabPending *pending)
{
  g_ptr_array_unref (pending->objects);
  g_ptr_array_unref (pending->paths);
  g_free (pending);
}

static void
lab_free (LabEsxi *lab)
{
  g_free (lab->user);
  g_free (lab->password);
  g_hash_table_unref (lab->sessions);
  g_ptr_array_unref (lab->vms);
  g_hash_table_unref (lab->tasks);
  g_hash_table_unref (lab->pending);
  g_free (lab);
}

static void
begin_envelope (GString *out)
{
  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<soapenv:Envelope xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\""
                   " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                   " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
                   " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n<soapenv:Body>\n");
}

static void
end_envelope (GString *out)
{
  g_string_append (out, "\n</soapenv:Body>\n</soapenv:Envelope>\n");
}

static void
send_xml (SoupServerMessage *msg,
          guint              status,
          GString           *out)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/xml; charset=utf-8", SOUP_MEMORY_COPY,
                                    out->str, out->len);
}

static void
send_fault (SoupServerMessage *msg,
            const char        *type,
            const char        *message,
            const char        *inner)
{
  g_autoptr(GString) out = g_string_new (NULL);

  begin_envelope (out);
  g_string_append (out, "<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>");
  vigie_lab_esxi_escape (out, message);
  g_string_append_printf (out, "</faultstring><detail><%sFault xmlns=\"urn:vim25\" "
                          "xsi:type=\"%s\">%s</%sFault></detail></soapenv:Fault>",
                          type, type, inner != NULL ? inner : "", type);
  end_envelope (out);
  send_xml (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, out);
}

static void
send_response (SoupServerMessage *msg,
               const char        *method,
               const char        *returnval)
{
  g_autoptr(GString) out = g_string_new (NULL);

  begin_envelope (out);
  g_string_append_printf (out, "<%sResponse xmlns=\"urn:vim25\">%s</%sResponse>", method,
                          returnval != NULL ? returnval : "", method);
  end_envelope (out);
  send_xml (msg, SOUP_STATUS_OK, out);
}

/* request reading: by local name, the lab is lenient */

/* The first child element called name; with name NULL, the first child. */
static xmlNode *
elem (xmlNode    *parent,
      const char *name)
{
  for (xmlNode *c = parent != NULL ? parent->children : NULL; c != NULL; c = c->next)
    {
      if (name == NULL)
        return c;
      if (c->type == XML_ELEMENT_NODE && g_str_equal ((const char *) c->name, name))
        return c;
    }
  return NULL;
}

static char *
elem_text (xmlNode    *parent,
           const char *name)
{
  xmlNode *node = elem (parent, name);
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  text = g_strdup ((const char *) content);
  xmlFree (content);
  return text;
}

static char *
attr (xmlNode    *node,
      const char *name)
{
  xmlChar *value = node != NULL ? xmlGetProp (node, (const xmlChar *) name) : NULL;
  char *text = g_strdup ((const char *) value);

  if (value != NULL)
    xmlFree (value);
  return text;
}

static void
send_page (LabEsxi           *lab,
           SoupServerMessage *msg,
           const char        *method,
           LabPending        *pending)
{
  g_autoptr(GString) ret = g_string_new ("<returnval>");
  guint end = pending->page > 0 ? MIN (pending->offset + pending->page, pending->objects->len)
                                : pending->objects->len;

  if (end < pending->objects->len)
    {
      g_autofree char *token = g_strdup_printf ("%u", ++lab->next_token);
      LabPending *rest = g_new0 (LabPending, 1);

      rest->objects = g_ptr_array_ref (pending->objects);
      rest->paths = g_ptr_array_ref (pending->paths);
      rest->offset = end;
      rest->page = pending->page;
      g_hash_table_replace (lab->pending, g_strdup (token), rest);
      g_string_append_printf (ret, "<token>%s</token>", token);
    }
  for (guint i = pending->offset; i < end; i++)
    {
      g_auto(GStrv) ref = g_strsplit (g_ptr_array_index (pending->objects, i), "\t", 2);

      vigie_lab_esxi_write_object (lab, ret, ref[0], ref[1], pending->paths);
    }
  g_string_append (ret, "</returnval>");
  send_response (msg, method, pending->objects->len > 0 ? ret->str : NULL);
}

static void
retrieve_properties (LabEsxi           *lab,
                     SoupServerMessage *msg,
                     xmlNode           *call)
{
  xmlNode *spec = elem (call, "specSet");
  xmlNode *object_set = elem (spec, "objectSet");
  xmlNode *obj = elem (object_set, "obj");
  g_autofree char *obj_type = attr (obj, "type");
  g_autofree char *obj_ref = elem_text (object_set, "obj");
  g_autofree char *max = elem_text (elem (call, "options"), "maxObjects");
  LabPending pending = { 0 };

  pending.objects = g_ptr_array_new_with_free_func (g_free);
  pending.paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  pending.page = max != NULL ? (guint) g_ascii_strtoull (max, NULL, 10) : 0;

  for (xmlNode *p = spec != NULL ? spec->children : NULL; p != NULL; p = p->next)
    {
      g_autofree char *type = NULL;

      if (p->type != XML_ELEMENT_NODE || !g_str_equal ((const char *) p->name, "propSet"))
        continue;
      type = elem_text (p, "type");
      for (xmlNode *path = p->children; path != NULL; path = path->next)
        if (path->type == XML_ELEMENT_NODE && g_str_equal ((const char *) path->name, "pathSet"))
          {
            xmlChar *text = xmlNodeGetContent (path);
            char **pair = g_new0 (char *, 3);

            pair[0] = g_strdup (type);
            pair[1] = g_strdup ((const char *) text);
            xmlFree (text);
            g_ptr_array_add (pending.paths, pair);
          }
      if (g_strcmp0 (obj_type, "ContainerView") == 0 && type != NULL)
        vigie_lab_esxi_add_objects (lab, pending.objects, type);
    }
  if (g_strcmp0 (obj_type, "ContainerView") != 0 && obj_type != NULL && obj_ref != NULL)
    {
      if (g_str_equal (obj_type, "Task") && !g_hash_table_contains (lab->tasks, obj_ref))
        {
          send_fault (msg, "ManagedObjectNotFound", "The object has already been deleted or "
                      "has not been completely created", NULL);
          goto out;
        }
      g_ptr_array_add (pending.objects, g_strdup_printf ("%s\t%s", obj_type, obj_ref));
    }
  send_page (lab, msg, "RetrievePropertiesEx", &pending);
out:
  g_ptr_array_unref (pending.objects);
  g_ptr_array_unref (pending.paths);
}

/* actions */

static char *
new_task (LabEsxi    *lab,
          const char *error,
          const char *result_type,
          const char *result)
{
  LabTask *task = g_new0 (LabTask, 1);
  char *moref = g_strdup_printf ("haTask-%u", ++lab->next_task);

  task->state = g_strdup (error != NULL ? "error" : "success");
  task->error = g_strdup (error);
  task->result_type = g_strdup (result_type);
  task->result = g_strdup (result);
  g_hash_table_replace (lab->tasks, g_strdup (moref), task);
  return moref;
}

static void
reply_task (SoupServerMessage *msg,
            const char        *method,
            char              *moref)
{
  g_autofree char *ret = g_strdup_printf ("<returnval type=\"Task\">%s</returnval>", moref);

  g_free (moref);
  send_response (msg, method, ret);
}

static void
vm_method (LabEsxi           *lab,
           SoupServerMessage *msg,
           const char        *method,
           xmlNode           *call)
{
  g_autofree char *this = elem_text (call, "_this");
  LabVm *vm = vigie_lab_esxi_find_vm (lab, this);
  gboolean on;

  if (vm == NULL)
    {
      send_fault (msg, "ManagedObjectNotFound", "The object has already been deleted", NULL);
      return;
    }
  on = g_str_equal (vm->power, "poweredOn");

  if (g_str_equal (method, "PowerOnVM_Task"))
    {
      if (on || vm->template_)
        {
          reply_task (msg, method, new_task (lab, vm->template_ ? "Templates cannot be powered on."
                                             : "The attempted operation cannot be performed in "
                                               "the current state (Powered on).", NULL, NULL));
          return;
        }
      g_free (vm->power);
      vm->power = g_strdup ("poweredOn");
      if (vm->tools && vm->ip == NULL)
        vm->ip = g_strdup_printf ("192.168.50.%s", vm->moref);
      reply_task (msg, method, new_task (lab, NULL, NULL, NULL));
    }
  else if (g_str_equal (method, "PowerOffVM_Task") || g_str_equal (method, "SuspendVM_Task"))
    {
      gboolean suspend = g_str_equal (method, "SuspendVM_Task");

      if (suspend ? !on : g_str_equal (vm->power, "poweredOff"))
        {
          reply_task (msg, method, new_task (lab, "The attempted operation cannot be performed "
                                             "in the current state.", NULL, NULL));
          return;
        }
      g_free (vm->power);
      vm->power = g_strdup (suspend ? "suspended" : "poweredOff");
      reply_task (msg, method, new_task (lab, NULL, NULL, NULL));
    }
  else if (g_str_equal (method, "ShutdownGuest") || g_str_equal (method, "RebootGuest"))
    {
      if (!on)
        {
          send_fault (msg, "InvalidPowerState", "The attempted operation cannot be performed in "
                      "the current state (Powered off).", NULL);
          return;
        }
      if (!vm->tools)
        {
          send_fault (msg, "ToolsUnavailable", "Cannot complete operation because VMware Tools "
                      "is not running in this virtual machine.", NULL);
          return;
        }
      if (g_str_equal (method, "ShutdownGuest"))
        {
          g_free (vm->power);
          vm->power = g_strdup ("poweredOff");
        }
      send_response (msg, method, NULL);
    }
  else if (g_str_equal (method, "CreateSnapshot_Task"))
    {
      g_autofree char *name = elem_text (call, "name");
      g_autofree char *description = elem_text (call, "description");
      g_autofree char *ref = NULL;
      LabSnapshot *snapshot;

      if (name == NULL || *name == '\0')
        {
          send_fault (msg, "InvalidArgument", "A specified parameter was not correct: name", NULL);
          return;
        }
      snapshot = vigie_lab_esxi_snapshot_new (lab, name, description,
                                              g_get_real_time () / G_USEC_PER_SEC);
      if (vm->current != NULL)
        g_ptr_array_add (vm->current->children, snapshot);
      else
        g_ptr_array_add (vm->snapshots, snapshot);
      vm->current = snapshot;
      ref = g_strdup_printf ("%s-snapshot-%d", vm->moref, snapshot->id);
      reply_task (msg, method, new_task (lab, NULL, "VirtualMachineSnapshot", ref));
    }
}

/* the handler */

static char *
session_of (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Cookie");
  g_auto(GStrv) parts = NULL;

  if (header == NULL)
    return NULL;
  parts = g_strsplit (header, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (g_str_has_prefix (part, SESSION_COOKIE "="))
        {
          const char *value = part + strlen (SESSION_COOKIE "=");
          gsize len = strlen (value);

          if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
            return g_strndup (value + 1, len - 2);
          return g_strdup (value);
        }
    }
  return NULL;
}

static const char service_content[] =
  "<returnval>"
  "<rootFolder type=\"Folder\">ha-folder-root</rootFolder>"
  "<propertyCollector type=\"PropertyCollector\">ha-property-collector</propertyCollector>"
  "<viewManager type=\"ViewManager\">ViewManager</viewManager>"
  "<about><name>VMware ESXi</name><fullName>VMware ESXi 8.0.3 build-24022510</fullName>"
  "<vendor>VMware, Inc.</vendor><version>8.0.3</version><build>24022510</build>"
  "<localeVersion>INTL</localeVersion><localeBuild>000</localeBuild><osType>vmnix-x86</osType>"
  "<productLineId>embeddedEsx</productLineId><apiType>HostAgent</apiType>"
  "<apiVersion>8.0.3.0</apiVersion><licenseProductName>VMware ESX Server</licenseProductName>"
  "<licenseProductVersion>8.0</licenseProductVersion></about>"
  "<setting type=\"OptionManager\">HostAgentSettings</setting>"
  "<userDirectory type=\"UserDirectory\">ha-user-directory</userDirectory>"
  "<sessionManager type=\"SessionManager\">ha-sessionmgr</sessionManager>"
  "<authorizationManager type=\"AuthorizationManager\">ha-authmgr</authorizationManager>"
  "<perfManager type=\"PerformanceManager\">ha-perfmgr</perfManager>"
  "<eventManager type=\"EventManager\">ha-eventmgr</eventManager>"
  "<taskManager type=\"TaskManager\">ha-taskmgr</taskManager>"
  "<licenseManager type=\"LicenseManager\">ha-license-manager</licenseManager>"
  "<searchIndex type=\"SearchIndex\">ha-searchindex</searchIndex>"
  "</returnval>";

static void
handle_sdk (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  LabEsxi *lab = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *session = NULL;
  const char *method;
  xmlDoc *doc;
  xmlNode *call = NULL;

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  doc = xmlReadMemory (g_bytes_get_data (body, NULL), (int) g_bytes_get_size (body), "request.xml",
                       NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  for (xmlNode *c = doc != NULL ? elem (elem (xmlDocGetRootElement (doc), "Body"), NULL) : NULL;
       c != NULL && call == NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      call = c;
  if (call == NULL)
    {
      send_fault (msg, "InvalidRequest", "Unable to parse the request", NULL);
      g_clear_pointer (&doc, xmlFreeDoc);
      return;
    }
  method = (const char *) call->name;
  session = session_of (msg);

  if (g_str_equal (method, "RetrieveServiceContent"))
    send_response (msg, method, service_content);
  else if (g_str_equal (method, "Login"))
    {
      g_autofree char *user = elem_text (call, "userName");
      g_autofree char *password = elem_text (call, "password");

      if (g_strcmp0 (user, lab->user) == 0 && g_strcmp0 (password, lab->password) == 0)
        {
          g_autofree char *id = g_uuid_string_random ();
          /* Quoted like a real host's; not Secure, so plain-HTTP tests work. */
          g_autofree char *cookie = g_strdup_printf (SESSION_COOKIE "=\"%s\"; Path=/; HttpOnly",
                                                     id);
          g_autofree char *login_time =
            vigie_lab_esxi_iso_time (g_get_real_time () / G_USEC_PER_SEC);
          g_autofree char *ret = g_strdup_printf ("<returnval><key>%s</key><userName>%s"
                                                  "</userName><fullName>Administrator</fullName>"
                                                  "<loginTime>%s</loginTime><locale>en</locale>"
                                                  "<messageLocale>en</messageLocale>"
                                                  "<extensionSession>false</extensionSession>"
                                                  "</returnval>", id, lab->user, login_time);

          g_hash_table_replace (lab->sessions, g_strdup (id), g_strdup (user));
          soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                       "Set-Cookie", cookie);
          send_response (msg, method, ret);
        }
      else
        send_fault (msg, "InvalidLogin", "Cannot complete login due to an incorrect user name "
                    "or password.", NULL);
    }
  else if (session == NULL || !g_hash_table_contains (lab->sessions, session))
    send_fault (msg, "NotAuthenticated", "",
                "<object type=\"Folder\">ha-folder-root</object><privilegeId>System.View"
                "</privilegeId>");
  else if (g_str_equal (method, "Logout"))
    {
      g_hash_table_remove (lab->sessions, session);
      send_response (msg, method, NULL);
    }
  else if (g_str_equal (method, "TerminateSession"))
    {
      for (xmlNode *c = call->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && g_str_equal ((const char *) c->name, "sessionId"))
          {
            xmlChar *id = xmlNodeGetContent (c);

            g_hash_table_remove (lab->sessions, (const char *) id);
            xmlFree (id);
          }
      send_response (msg, method, NULL);
    }
  else if (g_str_equal (method, "CurrentTime"))
    {
      g_autofree char *now = vigie_lab_esxi_iso_time (g_get_real_time () / G_USEC_PER_SEC);
      g_autofree char *ret = g_strdup_printf ("<returnval>%s</returnval>", now);

      send_response (msg, method, ret);
    }
  else if (g_str_equal (method, "CreateContainerView"))
    {
      g_autofree char *ret = g_strdup_printf ("<returnval type=\"ContainerView\">session[%s]%u"
                                              "</returnval>", session, ++lab->next_view);

      send_response (msg, method, ret);
    }
  else if (g_str_equal (method, "DestroyView"))
    send_response (msg, method, NULL);
  else if (g_str_equal (method, "RetrievePropertiesEx"))
    retrieve_properties (lab, msg, call);
  else if (g_str_equal (method, "ContinueRetrievePropertiesEx"))
    {
      g_autofree char *token = elem_text (call, "token");
      LabPending *pending = token != NULL ? g_hash_table_lookup (lab->pending, token) : NULL;

      if (pending == NULL)
        send_fault (msg, "InvalidArgument", "A specified parameter was not correct: token", NULL);
      else
        {
          send_page (lab, msg, method, pending);
          g_hash_table_remove (lab->pending, token);
        }
    }
  else if (g_str_equal (method, "AcquireCloneTicket"))
    {
      g_autofree char *ticket = g_uuid_string_random ();
      g_autofree char *ret = g_strdup_printf ("<returnval>cst-%s</returnval>", ticket);

      send_response (msg, method, ret);
    }
  else if (g_str_has_suffix (method, "VM_Task") || g_str_equal (method, "ShutdownGuest") ||
           g_str_equal (method, "RebootGuest") || g_str_equal (method, "CreateSnapshot_Task"))
    vm_method (lab, msg, method, call);
  else
    {
      g_autofree char *text = g_strdup_printf ("Method %s is not implemented by the lab", method);

      send_fault (msg, "MethodNotFound", text, NULL);
    }
  xmlFreeDoc (doc);
}

static void
handle_versions (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  static const char versions[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<namespaces version=\"1.0\"><namespace>"
    "<name>urn:vim25</name><version>8.0.3.0</version><priorVersions><version>8.0.2.0</version>"
    "<version>7.0.3.0</version></priorVersions></namespace></namespaces>\n";

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_STATIC, versions,
                                    strlen (versions));
}

gboolean
vigie_lab_esxi_setup (VigieLabService *service,
                      GError         **error)
{
  LabEsxi *lab = g_new0 (LabEsxi, 1);

  lab->user = g_strdup ("root");
  lab->password = g_strdup ("vigie-lab");
  lab->now = service->now > 0 ? service->now : g_get_real_time () / G_USEC_PER_SEC;
  lab->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lab->vms = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_lab_esxi_vm_free);
  lab->tasks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) vigie_lab_esxi_task_free);
  lab->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) pending_free);
  vigie_lab_esxi_populate (lab, service->scale);

  service->path = g_strdup ("/sdk");
  service->user = g_strdup (lab->user);
  service->secret = g_strdup (lab->password);
  service->secret_purpose = VIGIE_SECRET_PASSWORD;
  service->state = lab;
  service->state_free = (GDestroyNotify) lab_free;
  soup_server_add_handler (service->server, "/sdk/vimServiceVersions.xml", handle_versions,
                           NULL, NULL);
  soup_server_add_handler (service->server, "/sdk", handle_sdk, lab, NULL);
  return TRUE;
}
