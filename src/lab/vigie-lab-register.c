/* vigie-lab-register.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-lab-register.h"

typedef struct {
  VigieEndpointStore *store;
  gboolean            ephemeral;
  guint               pending;
  GError             *error;
} RegisterData;

/* What a lab registered carries the option lab=true; the name alone
 * proves nothing. */
static gboolean
is_lab_endpoint (VigieEndpoint *endpoint)
{
  return g_strcmp0 (vigie_endpoint_get_option (endpoint, "lab"), "true") == 0 &&
         g_str_has_prefix (vigie_endpoint_get_name (endpoint), "lab-");
}

static void
register_data_free (RegisterData *data)
{
  g_clear_object (&data->store);
  g_clear_error (&data->error);
  g_free (data);
}

static void
finish_one (GTask *task)
{
  RegisterData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;
  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }
  if (!data->ephemeral)
    {
      g_autoptr(GError) error = NULL;

      if (!vigie_endpoint_store_save (data->store, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RegisterData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!vigie_secret_store_store_finish (VIGIE_SECRET_STORE (object), result, &error) &&
      data->error == NULL)
    data->error = g_steal_pointer (&error);
  finish_one (task);
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* An old lab entry without secrets is not an error. */
  vigie_secret_store_clear_finish (VIGIE_SECRET_STORE (object), result, NULL);
  finish_one (task);
}

void
vigie_lab_register_async (VigieLab            *lab,
                          VigieEndpointStore  *store,
                          VigieSecretStore    *secrets,
                          gboolean             ephemeral,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *services;
  RegisterData *data;
  guint n;

  g_return_if_fail (VIGIE_IS_LAB (lab));

  task = g_task_new (lab, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_lab_register_async);

  /* A person's own endpoint that takes a lab name is neither replaced nor
   * shadowed: say so and change nothing. */
  services = vigie_lab_get_services (lab);
  for (guint i = 0; i < services->len; i++)
    {
      VigieLabService *service = g_ptr_array_index (services, i);
      VigieEndpoint *taken = vigie_endpoint_store_find_by_name (store, service->name);

      if (taken != NULL && !is_lab_endpoint (taken))
        {
          g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                                   _("An endpoint named “%s” exists and was not made by the "
                                     "demo lab; rename or remove it first"), service->name);
          return;
        }
    }

  data = g_new0 (RegisterData, 1);
  data->store = g_object_ref (store);
  data->ephemeral = ephemeral;
  data->pending = 1;
  g_task_set_task_data (task, data, (GDestroyNotify) register_data_free);

  /* Replace what an earlier lab registered, and clear its secrets; a
   * person's own "lab-mine" stays. */
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(VigieEndpoint) old = g_list_model_get_item (G_LIST_MODEL (store), i - 1);

      if (!is_lab_endpoint (old))
        continue;
      data->pending++;
      vigie_secret_store_clear_async (secrets, vigie_endpoint_get_uuid (old), cancellable,
                                      cleared_cb, g_object_ref (task));
      vigie_endpoint_store_remove (store, old);
    }

  for (guint i = 0; i < services->len; i++)
    {
      VigieLabService *service = g_ptr_array_index (services, i);
      g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new (service->name, service->kind,
                                                              service->url);

      vigie_endpoint_set_fingerprint (endpoint, service->fingerprint);
      if (service->token_id != NULL)
        vigie_endpoint_set_token_id (endpoint, service->token_id);
      else
        vigie_endpoint_set_user (endpoint, service->user);
      if (service->client_cert_pem != NULL)
        vigie_endpoint_set_option (endpoint, "client-cert", service->client_cert_pem);
      vigie_endpoint_set_option (endpoint, "lab", "true");
      if (ephemeral)
        vigie_endpoint_set_option (endpoint, "ephemeral", "true");
      vigie_endpoint_store_add (store, endpoint, NULL);

      if (service->secret != NULL && ephemeral)
        vigie_secret_store_set_ephemeral (secrets, vigie_endpoint_get_uuid (endpoint),
                                          service->secret_purpose, service->secret);
      else if (service->secret != NULL)
        {
          g_autofree char *label = g_strdup_printf ("Vigie: %s", service->name);

          data->pending++;
          vigie_secret_store_store_async (secrets, vigie_endpoint_get_uuid (endpoint),
                                          service->secret_purpose, label, service->secret,
                                          cancellable, stored_cb, g_object_ref (task));
        }
    }
  finish_one (task);
}

gboolean
vigie_lab_register_finish (VigieLab      *lab,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, lab), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
