/* vigie-esxi-fetch.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ESXi or vCenter inventory: one ContainerView over the root folder,
 * read in RetrievePropertiesEx pages (infrastructure first, then VMs), and
 * the licence, which decides whether changes are allowed.
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

/* fetch */

static const char * const vm_paths[] = {
  "name", "runtime.powerState", "runtime.host", "config.guestFullName", "guest.guestFullName",
  "config.hardware.numCPU", "config.hardware.memoryMB", "config.template", "config.uuid",
  "config.instanceUuid", "summary.storage.committed", "summary.quickStats.overallCpuUsage",
  "summary.quickStats.guestMemoryUsage", "snapshot", "guest.ipAddress", "guest.net",
  "guest.toolsRunningStatus", "config.firmware", "config.bootOptions",
  "config.changeTrackingEnabled", "config.hardware.device", "datastore",
  "summary.storage.uncommitted", NULL
};
static const char * const host_paths[] = {
  "name", "parent", "summary.config.product.version", "summary.config.product.build",
  "summary.hardware.numCpuCores", "summary.hardware.numCpuThreads", "summary.hardware.cpuMhz",
  "summary.hardware.numCpuPkgs",
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
 * (few, kept whole), then the VMs page by page, each VM turned into an
 * instance as it arrives (vigie-esxi-stream.c) and its XML freed at once, so
 * a large vCenter never sits in memory as XML, not even one page of it. */
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
  vigie_esxi_backend_call_full_async (self, "DestroyView",
                                      vigie_esxi_soap_destroy_view (data->view), FALSE, NULL,
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

/* Each VM as its reply arrives: an instance, and its XML is freed. */
static void
fetch_vm_cb (VigieEsxiObject *vm,
             gpointer         user_data)
{
  FetchData *data = user_data;
  g_autoptr(VigieInstance) instance = NULL;

  if (!g_str_equal (vm->type, "VirtualMachine"))
    return;
  instance = vigie_esxi_parse_vm (vm, data->host_names, data->host_mhz);
  vigie_inventory_add_instance (data->inventory, instance);
}

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
    {
      envelope = vigie_esxi_soap_retrieve_view (self->content->property_collector, data->view,
                                                vms, G_N_ELEMENTS (vms), PAGE_SIZE);
      vigie_esxi_backend_call_stream_async (self, "RetrievePropertiesEx", envelope,
                                            fetch_vm_cb, data, g_task_get_cancellable (task),
                                            fetch_page_cb, task);
      return;
    }
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
  /* The VMs went to fetch_vm_cb as they arrived; none are left here. */
  if (data->vm_pass)
    {
      for (guint i = 0; i < page->len; i++)
        fetch_vm_cb (g_ptr_array_index (page, i), data);
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
      if (data->vm_pass)
        vigie_esxi_backend_call_stream_async (self, "ContinueRetrievePropertiesEx",
                                              vigie_esxi_soap_continue_retrieve (collector,
                                                                                 token),
                                              fetch_vm_cb, data, g_task_get_cancellable (task),
                                              fetch_page_cb, g_object_ref (task));
      else
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

void
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

gboolean
vigie_esxi_backend_fetch_finish (VigieBackend  *backend,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
