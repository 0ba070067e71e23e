/* vigie-esxi-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * VMware ESXi and vCenter over the vim25 SOAP API: RetrieveServiceContent,
 * SessionManager.Login (the vmware_soap_session cookie lives in the HTTP
 * client's cookie jar), then one ContainerView over the root folder and a
 * RetrievePropertiesEx/ContinueRetrievePropertiesEx loop for the whole
 * inventory. Morefs always come from ServiceContent: they differ between
 * ESXi (ha-*) and vCenter.
 */

#define G_LOG_DOMAIN "vigie-esxi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-error.h"
#include "vigie-esxi-private.h"
#include "vigie-esxi-soap.h"

/* Objects per RetrievePropertiesEx page; the server may send fewer. */
#define PAGE_SIZE 500

struct _VigieEsxiBackend
{
  VigieBackend             parent_instance;

  VigieEsxiServiceContent *content;
  char                    *soap_action;
  char                    *restriction;
  GPtrArray               *login_waiters;   /* GTask*, while a Login runs */
};

G_DEFINE_FINAL_TYPE (VigieEsxiBackend, vigie_esxi_backend, VIGIE_TYPE_BACKEND)

static const VigieBackendField fields[] = {
  { "url", N_("Address"), VIGIE_FIELD_URL, TRUE, N_("https://host") },
  { "user", N_("User"), VIGIE_FIELD_TEXT, TRUE, N_("root") },
  { "password", N_("Password"), VIGIE_FIELD_SECRET, TRUE, NULL },
  { NULL }
};

void
vigie_esxi_reply_free (VigieEsxiReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->doc, xmlFreeDoc);
  g_free (reply);
}

VigieEsxiServiceContent *
vigie_esxi_backend_get_content (VigieEsxiBackend *self)
{
  return self->content;
}

const char *
vigie_esxi_backend_get_restriction (VigieEsxiBackend *self)
{
  return self->restriction;
}

void
vigie_esxi_backend_set_restricted (VigieEsxiBackend *self,
                                   const char       *reason)
{
  g_free (self->restriction);
  self->restriction = g_strdup (reason);
}

/* Wipes a request that may hold a password before freeing it. */
static void
envelope_free (char *envelope)
{
  if (envelope == NULL)
    return;
  memset (envelope, 0, strlen (envelope));
  g_free (envelope);
}

static void login_async (VigieEsxiBackend    *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data);
static gboolean login_finish (VigieEsxiBackend *self,
                              GAsyncResult     *result,
                              GError          **error);

/* one call */

typedef struct {
  char        *method;
  char        *envelope;
  SoupMessage *message;
  gboolean     may_relogin;
  gboolean     retried;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->method);
  envelope_free (data->envelope);
  g_clear_object (&data->message);
  g_free (data);
}

static void call_send (GTask *task);

static void
call_relogin_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!login_finish (VIGIE_ESXI_BACKEND (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  call_send (g_object_ref (task));
}

static void
call_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigieEsxiBackend *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieEsxiFault) fault = NULL;
  g_autoptr(VigieEsxiReply) reply = g_new0 (VigieEsxiReply, 1);
  const char *text;
  const char *reason;
  gsize size = 0;
  guint status;

  body = vigie_http_client_send_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  status = soup_message_get_status (data->message);
  reason = soup_message_get_reason_phrase (data->message);
  text = g_bytes_get_data (body, &size);
  g_debug ("%s: HTTP %u, %" G_GSIZE_FORMAT " bytes", data->method, status, size);

  /* SOAP faults come with HTTP 500; anything else that is not 200 is an
   * HTTP-level failure (proxy, wrong path, overload). */
  if (status != SOUP_STATUS_OK && status != SOUP_STATUS_INTERNAL_SERVER_ERROR)
    {
      g_task_return_error (task, vigie_http_status_error (status, reason, body));
      return;
    }
  reply->doc = vigie_esxi_parse_document (text, size, &error);
  if (reply->doc == NULL)
    {
      if (status != SOUP_STATUS_OK)
        g_task_return_error (task, vigie_http_status_error (status, reason, NULL));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  reply->response = vigie_esxi_parse_response (reply->doc, data->method, &fault, &error);
  if (fault != NULL)
    {
      if (g_strcmp0 (fault->type, "NotAuthenticated") == 0 && data->may_relogin &&
          !data->retried)
        {
          g_debug ("%s: session expired, logging in again", data->method);
          data->retried = TRUE;
          login_async (self, g_task_get_cancellable (task), call_relogin_cb,
                       g_object_ref (task));
          return;
        }
      if (g_strcmp0 (fault->type, "RestrictedVersion") == 0)
        vigie_esxi_backend_set_restricted (self, _("The host’s licence (free ESXi) makes the "
                                                   "API read-only"));
      g_task_return_error (task, vigie_esxi_fault_to_error (fault));
      return;
    }
  /* A 500 that is not a SOAP fault is the web server's, not the API's. */
  if (status != SOUP_STATUS_OK)
    {
      g_task_return_error (task, vigie_http_status_error (status, reason, NULL));
      return;
    }
  if (reply->response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) vigie_esxi_reply_free);
}

/* The SOAP endpoint: the URL's own path, or /sdk when it has none. */
static const char *
sdk_path (VigieHttpClient *http)
{
  g_autoptr(GUri) uri = g_uri_parse (vigie_http_client_get_base_url (http),
                                     G_URI_FLAGS_NONE, NULL);
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;

  if (path == NULL || path[0] == '\0' || g_str_equal (path, "/"))
    return "/sdk";
  return "";
}

static void
call_send (GTask *task)
{
  VigieEsxiBackend *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  VigieHttpClient *http = vigie_backend_get_http (VIGIE_BACKEND (self));
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *headers;
  char *copy;

  if (http == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                               _("The endpoint’s address is not usable"));
      g_object_unref (task);
      return;
    }
  g_clear_object (&data->message);
  data->message = vigie_http_client_new_message (http, "POST", sdk_path (http));
  headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (headers, "SOAPAction",
                                self->soap_action ? self->soap_action : "\"urn:vim25\"");
  /* The copy the request reads is wiped too when libsoup lets it go. */
  copy = g_strdup (data->envelope);
  bytes = g_bytes_new_with_free_func (copy, strlen (copy), (GDestroyNotify) envelope_free, copy);
  soup_message_set_request_body_from_bytes (data->message, "text/xml; charset=utf-8", bytes);
  vigie_http_client_send_async (http, data->message, g_task_get_cancellable (task),
                                call_sent_cb, task);
}

static void
call_async (VigieEsxiBackend    *self,
            const char          *method,
            char                *envelope,
            gboolean             may_relogin,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);

  g_task_set_source_tag (task, vigie_esxi_backend_call_async);
  data->method = g_strdup (method);
  data->envelope = envelope;
  data->may_relogin = may_relogin;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  call_send (task);
}

void
vigie_esxi_backend_call_async (VigieEsxiBackend    *self,
                               const char          *method,
                               char                *envelope,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  call_async (self, method, envelope, TRUE, cancellable, callback, user_data);
}

VigieEsxiReply *
vigie_esxi_backend_call_finish (VigieEsxiBackend  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* login */

/* One login at a time: calls that find the session expired together wait
 * for the same new session rather than each logging in. */
static void
login_complete (VigieEsxiBackend *self,
                const GError     *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->login_waiters);

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);
  g_autoptr(VigieEsxiReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = vigie_esxi_backend_call_finish (self, result, &error);
  login_complete (self, error);
}

/* A Login that carries a still-valid session cookie is refused by some
 * servers (vcsim): forget the old session first. */
static void
forget_session (VigieEsxiBackend *self)
{
  VigieHttpClient *http = vigie_backend_get_http (VIGIE_BACKEND (self));
  SoupSessionFeature *jar;
  GSList *cookies;

  if (http == NULL)
    return;
  jar = soup_session_get_feature (vigie_http_client_get_session (http), SOUP_TYPE_COOKIE_JAR);
  if (jar == NULL)
    return;
  cookies = soup_cookie_jar_all_cookies (SOUP_COOKIE_JAR (jar));
  for (GSList *l = cookies; l != NULL; l = l->next)
    if (g_strcmp0 (soup_cookie_get_name (l->data), "vmware_soap_session") == 0)
      soup_cookie_jar_delete_cookie (SOUP_COOKIE_JAR (jar), l->data);
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
}

static void
login_secret_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSecret) password = NULL;
  const char *user;

  password = vigie_backend_lookup_secret_finish (VIGIE_BACKEND (self), result, &error);
  if (error != NULL)
    {
      login_complete (self, error);
      return;
    }
  user = vigie_endpoint_get_user (vigie_backend_get_endpoint (VIGIE_BACKEND (self)));
  if (password == NULL || user == NULL || *user == '\0' || self->content == NULL)
    {
      g_autoptr(GError) missing =
        g_error_new (VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS,
                     _("No user name and password are stored for this endpoint"));

      login_complete (self, missing);
      return;
    }
  forget_session (self);
  call_async (self, "Login",
              vigie_esxi_soap_login (self->content->session_manager, user, password),
              FALSE, NULL, login_cb, NULL);
}

static void
login_async (VigieEsxiBackend    *self,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, login_async);
  if (self->login_waiters != NULL)
    {
      g_ptr_array_add (self->login_waiters, task);
      return;
    }
  self->login_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->login_waiters, task);
  vigie_backend_lookup_secret_async (VIGIE_BACKEND (self), VIGIE_SECRET_PASSWORD, NULL,
                                     login_secret_cb, NULL);
}

static gboolean
login_finish (VigieEsxiBackend  *self,
              GAsyncResult      *result,
              GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* connect */

static void
connect_login_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!login_finish (VIGIE_ESXI_BACKEND (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
connect_content_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(VigieEsxiReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  VigieEsxiServiceContent *content;

  reply = vigie_esxi_backend_call_finish (self, result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  content = vigie_esxi_parse_service_content (reply->response, &error);
  if (content == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_pointer (&self->content, vigie_esxi_service_content_free);
  self->content = content;
  /* Later calls ask for the version the server speaks (a vCenter answers
   * older clients with a reduced ServiceContent). */
  g_free (self->soap_action);
  self->soap_action = content->api_version != NULL
                      ? g_strdup_printf ("\"urn:vim25/%s\"", content->api_version)
                      : NULL;
  g_debug ("%s %s (%s), API %s", content->name, content->version, content->api_type,
           content->api_version);
  login_async (self, g_task_get_cancellable (task), connect_login_cb, g_object_ref (task));
}

static void
vigie_esxi_backend_connect_async (VigieBackend        *backend,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (backend);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, vigie_esxi_backend_connect_async);
  call_async (self, "RetrieveServiceContent", vigie_esxi_soap_retrieve_service_content (),
              FALSE, cancellable, connect_content_cb, task);
}

static gboolean
vigie_esxi_backend_connect_finish (VigieBackend  *backend,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ensure_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_backend_connect_finish (VIGIE_BACKEND (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
vigie_esxi_backend_ensure_async (VigieEsxiBackend    *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, vigie_esxi_backend_ensure_async);
  if (self->content != NULL &&
      vigie_backend_get_state (VIGIE_BACKEND (self)) == VIGIE_CONNECTION_CONNECTED)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  vigie_backend_connect_async (VIGIE_BACKEND (self), cancellable, ensure_cb, task);
}

gboolean
vigie_esxi_backend_ensure_finish (VigieEsxiBackend  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* fetch */

static const char * const vm_paths[] = {
  "name", "runtime.powerState", "runtime.host", "config.guestFullName", "guest.guestFullName",
  "config.hardware.numCPU", "config.hardware.memoryMB", "config.template", "config.uuid",
  "config.instanceUuid", "summary.storage.committed", "summary.quickStats.overallCpuUsage",
  "summary.quickStats.guestMemoryUsage", "snapshot", "guest.ipAddress", "guest.net",
  "guest.toolsRunningStatus", NULL
};
static const char * const host_paths[] = {
  "name", "parent", "summary.config.product.version", "summary.config.product.build",
  "summary.hardware.numCpuCores", "summary.hardware.numCpuThreads", "summary.hardware.cpuMhz",
  "summary.hardware.cpuModel", "summary.hardware.memorySize",
  "summary.quickStats.overallCpuUsage", "summary.quickStats.overallMemoryUsage",
  "summary.quickStats.uptime", "runtime.connectionState", "runtime.inMaintenanceMode", NULL
};
static const char * const datastore_paths[] = {
  "name", "summary.type", "summary.capacity", "summary.freeSpace",
  "summary.multipleHostAccess", "summary.accessible", "summary.url", "host", NULL
};
static const char * const name_paths[] = { "name", NULL };
static const char * const license_paths[] = { "licenses", NULL };
static const char * const view_types[] = {
  "VirtualMachine", "HostSystem", "Datastore", "Network", "ClusterComputeResource", NULL
};

/* Two passes over one view: hosts, clusters, datastores and networks first
 * (few, kept whole), then the VMs page by page, each page turned into
 * instances and freed at once, so a large vCenter never sits in memory as
 * XML. */
typedef struct {
  VigieInventory *inventory;
  VigieFetchFlags flags;
  char           *view;
  gboolean        vm_pass;
  GPtrArray      *docs;        /* first pass: xmlDoc*, which objects point into */
  GPtrArray      *objects;     /* first pass: VigieEsxiObject* */
  GHashTable     *host_names;  /* HostSystem moref → name */
  GHashTable     *host_mhz;    /* HostSystem moref → MHz of one core */
  guint           pages;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_clear_object (&data->inventory);
  g_free (data->view);
  g_clear_pointer (&data->objects, g_ptr_array_unref);
  g_clear_pointer (&data->docs, g_ptr_array_unref);
  g_clear_pointer (&data->host_names, g_hash_table_unref);
  g_clear_pointer (&data->host_mhz, g_hash_table_unref);
  g_free (data);
}

static void
destroy_view_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VigieEsxiReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = vigie_esxi_backend_call_finish (VIGIE_ESXI_BACKEND (object), result, &error);
  if (reply == NULL)
    g_debug ("DestroyView: %s", error->message);
}

/* Frees the server-side view whatever happened; nobody waits for it. */
static void
fetch_destroy_view (GTask *task)
{
  VigieEsxiBackend *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);

  if (data->view == NULL)
    return;
  call_async (self, "DestroyView", vigie_esxi_soap_destroy_view (data->view), FALSE, NULL,
              destroy_view_cb, NULL);
  g_clear_pointer (&data->view, g_free);
}

static void
fetch_fail (GTask  *task,
            GError *error)
{
  fetch_destroy_view (task);
  g_task_return_error (task, error);
}

/* After the first pass: hosts, datastores, and the names VMs refer to. */
static void
fetch_build_infrastructure (FetchData *data)
{
  VigieInventory *inventory = data->inventory;
  g_autoptr(GHashTable) clusters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint networks = 0;
  g_autofree char *n_networks = NULL;
  g_autofree char *n_clusters = NULL;

  for (guint i = 0; i < data->objects->len; i++)
    {
      VigieEsxiObject *object = g_ptr_array_index (data->objects, i);

      if (g_str_equal (object->type, "ClusterComputeResource"))
        {
          char *name = vigie_esxi_object_get_string (object, "name");

          if (name != NULL)
            g_hash_table_replace (clusters, object->moref, name);
        }
      else if (g_str_equal (object->type, "HostSystem"))
        {
          char *name = vigie_esxi_object_get_string (object, "name");
          gint64 mhz;

          if (name != NULL)
            g_hash_table_replace (data->host_names, g_strdup (object->moref), name);
          if (vigie_esxi_object_get_int (object, "summary.hardware.cpuMhz", &mhz) &&
              mhz > 0 && mhz < G_MAXINT)
            g_hash_table_replace (data->host_mhz, g_strdup (object->moref),
                                  GINT_TO_POINTER ((int) mhz));
        }
    }

  for (guint i = 0; i < data->objects->len; i++)
    {
      VigieEsxiObject *object = g_ptr_array_index (data->objects, i);

      if (g_str_equal (object->type, "HostSystem"))
        {
          g_autoptr(VigieHost) host = vigie_esxi_parse_host (object, clusters);

          vigie_inventory_add_host (inventory, host);
        }
      else if (g_str_equal (object->type, "Datastore"))
        {
          g_autoptr(VigieStorage) storage = vigie_esxi_parse_datastore (object,
                                                                        data->host_names);

          vigie_inventory_add_storage (inventory, storage);
        }
      else if (g_str_equal (object->type, "Network") ||
               g_str_equal (object->type, "DistributedVirtualPortgroup") ||
               g_str_equal (object->type, "OpaqueNetwork"))
        networks++;
    }

  n_networks = g_strdup_printf ("%u", networks);
  vigie_resource_set_extra (&inventory->extra, "networks", n_networks);
  if (g_hash_table_size (clusters) > 0)
    {
      n_clusters = g_strdup_printf ("%u", g_hash_table_size (clusters));
      vigie_resource_set_extra (&inventory->extra, "clusters", n_clusters);
    }
  g_ptr_array_set_size (data->objects, 0);
  g_ptr_array_set_size (data->docs, 0);
}

static void fetch_page_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
fetch_retrieve (GTask *task)
{
  VigieEsxiBackend *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  const VigieEsxiPropSpec infrastructure[] = {
    { "HostSystem", host_paths },
    { "Datastore", datastore_paths },
    { "Network", name_paths },
    { "ClusterComputeResource", name_paths },
  };
  const VigieEsxiPropSpec vms[] = {
    { "VirtualMachine", vm_paths },
  };
  char *envelope;

  if (data->vm_pass)
    envelope = vigie_esxi_soap_retrieve_view (self->content->property_collector, data->view,
                                              vms, G_N_ELEMENTS (vms), PAGE_SIZE);
  else
    envelope = vigie_esxi_soap_retrieve_view (self->content->property_collector, data->view,
                                              infrastructure, G_N_ELEMENTS (infrastructure),
                                              PAGE_SIZE);
  vigie_esxi_backend_call_async (self, "RetrievePropertiesEx", envelope,
                                 g_task_get_cancellable (task), fetch_page_cb, task);
}

static void
fetch_page_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(VigieEsxiReply) reply = NULL;
  g_autoptr(GPtrArray) page = vigie_esxi_object_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  const char *collector = self->content->property_collector;

  reply = vigie_esxi_backend_call_finish (self, result, &error);
  if (reply == NULL ||
      !vigie_esxi_parse_retrieve_result (reply->response,
                                         data->vm_pass ? page : data->objects, &token, &error))
    {
      fetch_fail (task, g_steal_pointer (&error));
      return;
    }
  data->pages++;
  if (data->vm_pass)
    {
      for (guint i = 0; i < page->len; i++)
        {
          VigieEsxiObject *vm = g_ptr_array_index (page, i);
          g_autoptr(VigieInstance) instance = NULL;

          if (!g_str_equal (vm->type, "VirtualMachine"))
            continue;
          instance = vigie_esxi_parse_vm (vm, data->host_names, data->host_mhz);
          vigie_inventory_add_instance (data->inventory, instance);
        }
    }
  else
    {
      /* The objects point into this page's document. */
      g_ptr_array_add (data->docs, g_steal_pointer (&reply->doc));
    }

  if (token != NULL)
    {
      /* A server that keeps sending tokens with nothing new is broken. */
      if (data->pages > 100000)
        {
          fetch_fail (task, g_error_new (VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                                         _("The server keeps paging its reply")));
          return;
        }
      vigie_esxi_backend_call_async (self, "ContinueRetrievePropertiesEx",
                                     vigie_esxi_soap_continue_retrieve (collector, token),
                                     g_task_get_cancellable (task), fetch_page_cb,
                                     g_object_ref (task));
      return;
    }
  if (!data->vm_pass)
    {
      fetch_build_infrastructure (data);
      data->vm_pass = TRUE;
      fetch_retrieve (g_object_ref (task));
      return;
    }
  g_debug ("%u pages", data->pages);
  fetch_destroy_view (task);
  g_task_return_boolean (task, TRUE);
}

static void
fetch_view_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(VigieEsxiReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = vigie_esxi_backend_call_finish (self, result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->view = vigie_esxi_parse_returnval_text (reply->response);
  if (data->view == NULL || *data->view == '\0')
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server did not create the inventory view"));
      return;
    }
  fetch_retrieve (g_object_ref (task));
}

static void
fetch_inventory (GTask *task)
{
  VigieEsxiBackend *self = g_task_get_source_object (task);

  vigie_esxi_backend_call_async (self, "CreateContainerView",
                                 vigie_esxi_soap_create_container_view (self->content->view_manager,
                                                                        self->content->root_folder,
                                                                        view_types),
                                 g_task_get_cancellable (task), fetch_view_cb, task);
}

static gboolean
is_fatal (const GError *error)
{
  /* Without the session or the server, the endpoint failed as a whole;
   * a refused or broken secondary read is only a warning. */
  return error->domain != VIGIE_ERROR ||
         (error->code != VIGIE_ERROR_NOT_ALLOWED && error->code != VIGIE_ERROR_FAILED &&
          error->code != VIGIE_ERROR_NOT_FOUND);
}

static void
fetch_license_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(VigieEsxiReply) reply = NULL;
  g_autoptr(GPtrArray) objects = vigie_esxi_object_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  reply = vigie_esxi_backend_call_finish (self, result, &error);
  if (reply == NULL && is_fatal (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (reply == NULL)
    {
      /* A read-only account gets NoPermission here: the licence is unknown. */
      vigie_inventory_add_warning (data->inventory, _("The licence could not be read: %s"),
                                   error->message);
    }
  else if (vigie_esxi_parse_retrieve_result (reply->response, objects, &token, NULL) &&
           objects->len > 0)
    {
      VigieEsxiObject *object = g_ptr_array_index (objects, 0);
      gboolean is_free = FALSE;
      char *license = vigie_esxi_parse_license (object, &is_free);

      g_free (data->inventory->license);
      data->inventory->license = license;
      if (is_free)
        vigie_esxi_backend_set_restricted (self, _("The host’s licence (free ESXi) makes the "
                                                   "API read-only"));
      else
        vigie_esxi_backend_set_restricted (self, NULL);
      if (license == NULL && g_hash_table_size (object->missing) > 0)
        vigie_inventory_add_warning (data->inventory, _("The licence could not be read: %s"),
                                     _("permission denied"));
    }

  if ((data->flags & VIGIE_FETCH_INVENTORY) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  fetch_inventory (g_object_ref (task));
}

static void
vigie_esxi_backend_fetch_async (VigieBackend        *backend,
                                VigieFetchFlags      flags,
                                VigieInventory      *inventory,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (backend);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  FetchData *data = g_new0 (FetchData, 1);
  VigieEsxiServiceContent *content = self->content;

  g_task_set_source_tag (task, vigie_esxi_backend_fetch_async);
  data->inventory = g_object_ref (inventory);
  data->flags = flags;
  data->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) xmlFreeDoc);
  data->objects = vigie_esxi_object_array_new ();
  data->host_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data->host_mhz = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  if (content == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_FAILED, _("Not connected"));
      g_object_unref (task);
      return;
    }

  g_free (inventory->product);
  inventory->product = g_strdup (content->name);
  g_free (inventory->version);
  inventory->version = g_strdup (content->version);
  g_free (inventory->build);
  inventory->build = g_strdup (content->build);
  g_free (inventory->api_version);
  inventory->api_version = g_strdup (content->api_version);
  if (content->api_type != NULL)
    vigie_resource_set_extra (&inventory->extra, "api_type", content->api_type);
  if (content->full_name != NULL)
    vigie_resource_set_extra (&inventory->extra, "full_name", content->full_name);

  if (content->license_manager == NULL)
    {
      if ((flags & VIGIE_FETCH_INVENTORY) != 0)
        fetch_inventory (task);
      else
        {
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
        }
      return;
    }
  vigie_esxi_backend_call_async (self, "RetrievePropertiesEx",
                                 vigie_esxi_soap_retrieve_object (content->property_collector,
                                                                  "LicenseManager",
                                                                  content->license_manager,
                                                                  license_paths),
                                 cancellable, fetch_license_cb, task);
}

static gboolean
vigie_esxi_backend_fetch_finish (VigieBackend  *backend,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* disconnect */

static void
logout_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VigieEsxiReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = vigie_esxi_backend_call_finish (VIGIE_ESXI_BACKEND (object), result, &error);
  if (reply == NULL)
    g_debug ("Logout: %s", error->message);
}

static void
vigie_esxi_backend_disconnect (VigieBackend *backend)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (backend);

  if (self->content == NULL)
    return;
  if (vigie_backend_get_state (backend) == VIGIE_CONNECTION_CONNECTED)
    call_async (self, "Logout", vigie_esxi_soap_logout (self->content->session_manager),
                FALSE, NULL, logout_cb, NULL);
  g_clear_pointer (&self->content, vigie_esxi_service_content_free);
}

static void
vigie_esxi_backend_finalize (GObject *object)
{
  VigieEsxiBackend *self = VIGIE_ESXI_BACKEND (object);

  g_clear_pointer (&self->content, vigie_esxi_service_content_free);
  g_free (self->soap_action);
  g_free (self->restriction);

  G_OBJECT_CLASS (vigie_esxi_backend_parent_class)->finalize (object);
}

static void
vigie_esxi_backend_class_init (VigieEsxiBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  object_class->finalize = vigie_esxi_backend_finalize;

  backend_class->kind = VIGIE_KIND_ESXI;
  backend_class->fields = fields;
  backend_class->default_port = "443";
  backend_class->connect_async = vigie_esxi_backend_connect_async;
  backend_class->connect_finish = vigie_esxi_backend_connect_finish;
  backend_class->fetch_async = vigie_esxi_backend_fetch_async;
  backend_class->fetch_finish = vigie_esxi_backend_fetch_finish;
  backend_class->list_actions = vigie_esxi_backend_list_actions;
  backend_class->run_action_async = vigie_esxi_backend_run_action_async;
  backend_class->run_action_finish = vigie_esxi_backend_run_action_finish;
  backend_class->open_console_async = vigie_esxi_backend_open_console_async;
  backend_class->open_console_finish = vigie_esxi_backend_open_console_finish;
  backend_class->disconnect = vigie_esxi_backend_disconnect;
}

static void
vigie_esxi_backend_init (VigieEsxiBackend *self)
{
}
