/* vigie-endpoint-remove.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Removing an endpoint: asked first, then the endpoint leaves the list and
 * its secrets the keyring.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-endpoint-dialog.h"
#include "vigie-secret-store.h"

typedef struct {
  GtkWindow          *parent;
  VigieContext       *context;
  VigieEndpointStore *store;
  VigieEndpoint      *endpoint;
} RemoveData;

static void
remove_data_clear (RemoveData *data)
{
  g_clear_object (&data->parent);
  g_clear_object (&data->context);
  g_clear_object (&data->store);
  g_clear_object (&data->endpoint);
}

static void
remove_data_unref (RemoveData *data)
{
  g_rc_box_release_full (data, (GDestroyNotify) remove_data_clear);
}

static void
remove_data_closure_notify (gpointer  data,
                            GClosure *closure)
{
  remove_data_unref (data);
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
secrets_cleared_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  RemoveData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_secret_store_clear_finish (VIGIE_SECRET_STORE (object), result, &error))
    {
      /* The endpoint is removed anyway: its secrets are keyed by its uuid,
       * which nothing will use again. */
      g_debug ("clearing the secrets of %s: %s", vigie_endpoint_get_uuid (data->endpoint),
               error->message);
      g_clear_error (&error);
    }
  vigie_endpoint_store_remove (data->store, data->endpoint);
  if (!vigie_endpoint_store_save (data->store, &error))
    show_error (data->parent, _("The Endpoint List Could Not Be Saved"), error->message);
  remove_data_unref (data);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  RemoveData *data = user_data;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  vigie_secret_store_clear_async (vigie_context_get_secret_store (data->context),
                                  vigie_endpoint_get_uuid (data->endpoint), NULL,
                                  secrets_cleared_cb, g_rc_box_acquire (data));
}

void
vigie_endpoint_dialog_confirm_remove (GtkWindow          *parent,
                                      VigieContext       *context,
                                      VigieEndpointStore *store,
                                      VigieEndpoint      *endpoint)
{
  GtkWidget *dialog;
  RemoveData *data;
  g_autofree char *heading = NULL;

  g_return_if_fail (VIGIE_IS_CONTEXT (context));
  g_return_if_fail (VIGIE_IS_ENDPOINT_STORE (store));
  g_return_if_fail (VIGIE_IS_ENDPOINT (endpoint));

  heading = g_strdup_printf (_("Remove “%s”?"), vigie_endpoint_get_name (endpoint));
  dialog = adw_message_dialog_new (parent, heading,
                                   _("Vigie forgets this endpoint and removes its credentials "
                                     "from the keyring. The server itself is not changed."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = g_rc_box_new0 (RemoveData);
  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  data->store = g_object_ref (store);
  data->endpoint = g_object_ref (endpoint);
  data->context = g_object_ref (context);
  /* The closure's reference goes with the dialog, answered or not. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remove_response), data,
                         remove_data_closure_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
