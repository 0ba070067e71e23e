/* vigie-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base class of every backend: it owns the endpoint's HTTP client, the
 * connection state the sidebar binds to, and the rules every endpoint
 * follows whatever its kind — one endpoint is bounded by the timeout as a
 * whole, and a failure becomes a status in its inventory, never a crash of
 * the others.
 */

#define G_LOG_DOMAIN "vigie-backend"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-backend.h"
#include "vigie-deadline.h"
#include "vigie-enum-types.h"
#include "vigie-error.h"

typedef struct
{
  VigieEndpoint        *endpoint;
  VigieContext         *context;
  VigieHttpClient      *http;
  VigieConnectionState  state;
  /* This round's re-authentication after a 401 (see vigie_backend_reauth). */
  enum { REAUTH_NONE, REAUTH_RUNNING, REAUTH_DONE, REAUTH_FAILED } reauth;
  gboolean              auth_lost;
} VigieBackendPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (VigieBackend, vigie_backend, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENDPOINT,
  PROP_CONTEXT,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  WATCH_CONNECTED,
  WATCH_LOST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_fingerprint_changed (VigieEndpoint *endpoint,
                        GParamSpec    *pspec,
                        VigieBackend  *self)
{
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);

  if (priv->http != NULL)
    vigie_http_client_set_pinned_fingerprint (priv->http,
                                              vigie_endpoint_get_fingerprint (endpoint));
}

static void
vigie_backend_dispose (GObject *object)
{
  VigieBackend *self = (VigieBackend *) object;
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);

  g_clear_object (&priv->http);
  g_clear_object (&priv->endpoint);
  g_clear_object (&priv->context);

  G_OBJECT_CLASS (vigie_backend_parent_class)->dispose (object);
}

static void
vigie_backend_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VigieBackend *self = VIGIE_BACKEND (object);
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ENDPOINT: g_value_set_object (value, priv->endpoint); break;
    case PROP_CONTEXT: g_value_set_object (value, priv->context); break;
    case PROP_STATE: g_value_set_enum (value, priv->state); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_backend_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VigieBackend *self = VIGIE_BACKEND (object);
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      priv->endpoint = g_value_dup_object (value);
      g_signal_connect_object (priv->endpoint, "notify::fingerprint",
                               G_CALLBACK (on_fingerprint_changed), self, 0);
      break;
    case PROP_CONTEXT: priv->context = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_backend_class_init (VigieBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_backend_dispose;
  object_class->get_property = vigie_backend_get_property;
  object_class->set_property = vigie_backend_set_property;

  properties[PROP_ENDPOINT] =
    g_param_spec_object ("endpoint", NULL, NULL, VIGIE_TYPE_ENDPOINT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VIGIE_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, VIGIE_TYPE_CONNECTION_STATE,
                       VIGIE_CONNECTION_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* See VigieBackendClass.watch. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[WATCH_CONNECTED] = g_signal_new ("watch-connected", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
  signals[WATCH_LOST] = g_signal_new ("watch-lost", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vigie_backend_init (VigieBackend *self)
{
}

VigieEndpoint *
vigie_backend_get_endpoint (VigieBackend *self)
{
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);

  g_return_val_if_fail (VIGIE_IS_BACKEND (self), NULL);
  return priv->endpoint;
}

VigieContext *
vigie_backend_get_context (VigieBackend *self)
{
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);

  g_return_val_if_fail (VIGIE_IS_BACKEND (self), NULL);
  return priv->context;
}

VigieKind
vigie_backend_get_kind (VigieBackend *self)
{
  g_return_val_if_fail (VIGIE_IS_BACKEND (self), VIGIE_KIND_UNKNOWN);
  return VIGIE_BACKEND_GET_CLASS (self)->kind;
}

/**
 * vigie_backend_get_http:
 *
 * Returns: (transfer none) (nullable): the endpoint's HTTP client, made on
 *   first use with the endpoint's pin and the context's timeout; %NULL when
 *   the endpoint's URL is unusable.
 */
VigieHttpClient *
vigie_backend_get_http (VigieBackend *self)
{
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);

  g_return_val_if_fail (VIGIE_IS_BACKEND (self), NULL);

  if (priv->http == NULL)
    {
      g_autoptr(GError) error = NULL;

      priv->http = vigie_http_client_new (vigie_endpoint_get_url (priv->endpoint), &error);
      if (priv->http == NULL)
        {
          g_debug ("%s: %s", vigie_endpoint_get_name (priv->endpoint), error->message);
          return NULL;
        }
      vigie_http_client_set_pinned_fingerprint (priv->http,
                                                vigie_endpoint_get_fingerprint (priv->endpoint));
      if (priv->context != NULL)
        {
          vigie_http_client_set_timeout (priv->http, vigie_context_get_timeout (priv->context));
          if (vigie_context_get_tls_database (priv->context) != NULL)
            vigie_http_client_set_tls_database (priv->http,
                                                vigie_context_get_tls_database (priv->context));
        }
    }
  return priv->http;
}

VigieConnectionState
vigie_backend_get_state (VigieBackend *self)
{
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);

  g_return_val_if_fail (VIGIE_IS_BACKEND (self), VIGIE_CONNECTION_DISCONNECTED);
  return priv->state;
}

void
vigie_backend_set_state (VigieBackend         *self,
                         VigieConnectionState  state)
{
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);

  g_return_if_fail (VIGIE_IS_BACKEND (self));

  if (priv->state == state)
    return;
  priv->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const VigieBackendField *
vigie_backend_class_get_fields (VigieBackendClass *klass)
{
  g_return_val_if_fail (VIGIE_IS_BACKEND_CLASS (klass), NULL);
  return klass->fields;
}

static VigieConnectionState
state_for_error (const GError *error)
{
  if (g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_UNTRUSTED) ||
      g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED))
    return VIGIE_CONNECTION_UNTRUSTED;
  if (g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED) ||
      g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS))
    return VIGIE_CONNECTION_NEEDS_CREDENTIALS;
  return VIGIE_CONNECTION_FAILED;
}

/* connect: bounded by the endpoint's timeout like a fetch, since logging
 * in may take several requests that are each bounded only by themselves. */

typedef struct {
  VigieDeadline deadline;
  gboolean      done;
} ConnectData;

static void
connect_data_free (ConnectData *data)
{
  vigie_deadline_clear (&data->deadline);
  g_free (data);
}

static void
connect_complete (GTask  *task,
                  GError *error)
{
  VigieBackend *self = g_task_get_source_object (task);
  ConnectData *data = g_task_get_task_data (task);

  if (data->done)
    {
      g_clear_error (&error);
      return;
    }
  data->done = TRUE;
  vigie_deadline_stop (&data->deadline);
  if (error == NULL)
    {
      vigie_backend_set_state (self, VIGIE_CONNECTION_CONNECTED);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    vigie_backend_set_state (self, state_for_error (error));
  else
    vigie_backend_set_state (self, VIGIE_CONNECTION_DISCONNECTED);
  g_task_return_error (task, error);
}

static gboolean
on_connect_deadline (gpointer user_data)
{
  GTask *task = user_data;
  VigieBackend *self = g_task_get_source_object (task);

  /* Answer now; the deadline cancels the backend's login right after. */
  connect_complete (task, g_error_new (VIGIE_ERROR, VIGIE_ERROR_TIMEOUT,
                                       _("The endpoint did not answer within %u seconds"),
                                       vigie_context_get_timeout (vigie_backend_get_context (self))));
  return G_SOURCE_REMOVE;
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  VigieBackend *self = VIGIE_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  VIGIE_BACKEND_GET_CLASS (self)->connect_finish (self, result, &error);
  connect_complete (task, error);
}

void
vigie_backend_connect_async (VigieBackend        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  ConnectData *data;

  g_return_if_fail (VIGIE_IS_BACKEND (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_backend_connect_async);

  if (vigie_backend_get_http (self) == NULL)
    {
      vigie_backend_set_state (self, VIGIE_CONNECTION_FAILED);
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                               _("“%s” is not a usable address"),
                               vigie_endpoint_get_url (vigie_backend_get_endpoint (self)));
      return;
    }
  if (VIGIE_BACKEND_GET_CLASS (self)->connect_async == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED,
                               _("Vigie cannot talk to %s endpoints yet"),
                               vigie_kind_to_string (vigie_backend_get_kind (self)));
      return;
    }
  data = g_new0 (ConnectData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) connect_data_free);
  vigie_deadline_start (&data->deadline, cancellable,
                        priv->context ? vigie_context_get_timeout (priv->context) : 30,
                        on_connect_deadline, task);
  priv->reauth = REAUTH_NONE;
  vigie_backend_set_state (self, VIGIE_CONNECTION_CONNECTING);
  VIGIE_BACKEND_GET_CLASS (self)->connect_async (self, data->deadline.cancellable, connect_cb,
                                                 g_steal_pointer (&task));
}

gboolean
vigie_backend_connect_finish (VigieBackend  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* re-authentication */

VigieReauth
vigie_backend_reauth (VigieBackend *self,
                      gboolean      may_login)
{
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);

  g_return_val_if_fail (VIGIE_IS_BACKEND (self), VIGIE_REAUTH_GIVE_UP);

  if (may_login)
    switch (priv->reauth)
      {
      case REAUTH_NONE:
        priv->reauth = REAUTH_RUNNING;
        return VIGIE_REAUTH_LOGIN;
      case REAUTH_RUNNING:
        /* The backend joins the login in flight. */
        return VIGIE_REAUTH_LOGIN;
      case REAUTH_DONE:
        return VIGIE_REAUTH_RETRY;
      case REAUTH_FAILED:
      default:
        break;
      }
  g_debug ("%s: the server refused the session again, giving up",
           vigie_endpoint_get_name (priv->endpoint));
  priv->auth_lost = TRUE;
  return VIGIE_REAUTH_GIVE_UP;
}

void
vigie_backend_reauth_done (VigieBackend *self,
                           const GError *error)
{
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);

  g_return_if_fail (VIGIE_IS_BACKEND (self));

  if (priv->reauth != REAUTH_RUNNING)
    return;
  priv->reauth = error == NULL ? REAUTH_DONE : REAUTH_FAILED;
  if (g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED))
    priv->auth_lost = TRUE;
}

/* fetch */

typedef struct {
  VigieInventory  *inventory;
  VigieFetchFlags  flags;
  VigieDeadline    deadline;        /* the endpoint as a whole */
  gint64           started;
  gboolean         done;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  vigie_deadline_clear (&data->deadline);
  g_clear_object (&data->inventory);
  g_free (data);
}

static void
fetch_complete (GTask        *task,
                const GError *error)
{
  FetchData *data = g_task_get_task_data (task);

  if (data->done)
    return;
  data->done = TRUE;
  vigie_deadline_stop (&data->deadline);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }
  if (error != NULL)
    vigie_inventory_set_error (data->inventory, error);
  if (data->inventory->latency_ms < 0 && error == NULL)
    data->inventory->latency_ms = (g_get_monotonic_time () - data->started) / 1000.0;
  g_task_return_pointer (task, g_object_ref (data->inventory), g_object_unref);
}

static gboolean
on_fetch_deadline (gpointer user_data)
{
  GTask *task = user_data;
  VigieBackend *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  error = g_error_new (VIGIE_ERROR, VIGIE_ERROR_TIMEOUT,
                       _("The endpoint did not answer within %u seconds"),
                       vigie_context_get_timeout (vigie_backend_get_context (self)));
  vigie_backend_set_state (self, VIGIE_CONNECTION_FAILED);
  /* Answer now; the deadline cancels the backend's work right after. */
  fetch_complete (task, error);
  return G_SOURCE_REMOVE;
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  VigieBackend *self = VIGIE_BACKEND (object);
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (VIGIE_BACKEND_GET_CLASS (self)->fetch_finish (self, result, &error) && priv->auth_lost)
    /* A call refused the session after the one new login: whatever the
     * other calls said, the credentials no longer work. */
    error = g_error_new (VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED,
                         _("The server stopped accepting the credentials during the refresh"));
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    vigie_backend_set_state (self, state_for_error (error));
  fetch_complete (task, error);
}

static void
fetch_run (GTask *task)
{
  VigieBackend *self = g_task_get_source_object (task);
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);
  FetchData *data = g_task_get_task_data (task);

  priv->reauth = REAUTH_NONE;
  priv->auth_lost = FALSE;
  VIGIE_BACKEND_GET_CLASS (self)->fetch_async (self, data->flags, data->inventory,
                                               data->deadline.cancellable, fetch_cb, task);
}

static void
fetch_connect_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  VigieBackend *self = VIGIE_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!vigie_backend_connect_finish (self, result, &error))
    {
      fetch_complete (task, error);
      return;
    }
  fetch_run (g_steal_pointer (&task));
}

void
vigie_backend_fetch_async (VigieBackend        *self,
                           VigieFetchFlags      flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  FetchData *data;
  guint timeout;

  g_return_if_fail (VIGIE_IS_BACKEND (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_backend_fetch_async);

  data = g_new0 (FetchData, 1);
  data->flags = flags;
  data->started = g_get_monotonic_time ();
  data->inventory = vigie_inventory_new (vigie_endpoint_get_name (priv->endpoint),
                                         vigie_backend_get_kind (self),
                                         vigie_endpoint_get_url (priv->endpoint));
  /* Before the backend fills it: every resource added takes it too. */
  data->inventory->endpoint_uuid = g_strdup (vigie_endpoint_get_uuid (priv->endpoint));
  timeout = priv->context ? vigie_context_get_timeout (priv->context) : 30;
  vigie_deadline_start (&data->deadline, cancellable, timeout, on_fetch_deadline, task);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  if (VIGIE_BACKEND_GET_CLASS (self)->fetch_async == NULL)
    {
      g_autoptr(GError) error =
        g_error_new (VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED,
                     _("Vigie cannot talk to %s endpoints yet"),
                     vigie_kind_to_string (vigie_backend_get_kind (self)));
      fetch_complete (task, error);
      return;
    }

  if (priv->state != VIGIE_CONNECTION_CONNECTED)
    vigie_backend_connect_async (self, data->deadline.cancellable, fetch_connect_cb,
                                 g_steal_pointer (&task));
  else
    fetch_run (g_steal_pointer (&task));
}

VigieInventory *
vigie_backend_fetch_finish (VigieBackend  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* actions */

GListModel *
vigie_backend_list_actions (VigieBackend  *self,
                            VigieInstance *instance)
{
  g_return_val_if_fail (VIGIE_IS_BACKEND (self), NULL);

  if (VIGIE_BACKEND_GET_CLASS (self)->list_actions == NULL)
    return G_LIST_MODEL (g_list_store_new (VIGIE_TYPE_ACTION));
  return VIGIE_BACKEND_GET_CLASS (self)->list_actions (self, instance);
}

void
vigie_backend_run_action_async (VigieBackend        *self,
                                VigieInstance       *instance,
                                const char          *action,
                                GHashTable          *params,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (VIGIE_IS_BACKEND (self));
  g_return_if_fail (action != NULL);

  if (VIGIE_BACKEND_GET_CLASS (self)->run_action_async == NULL)
    {
      g_task_report_new_error (self, callback, user_data, vigie_backend_run_action_async,
                               VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED,
                               _("This endpoint offers no actions"));
      return;
    }
  VIGIE_BACKEND_GET_CLASS (self)->run_action_async (self, instance, action, params,
                                                    cancellable, callback, user_data);
}

char *
vigie_backend_run_action_finish (VigieBackend  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (VIGIE_IS_BACKEND (self), NULL);

  if (g_async_result_is_tagged (result, vigie_backend_run_action_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return VIGIE_BACKEND_GET_CLASS (self)->run_action_finish (self, result, error);
}

void
vigie_backend_open_console_async (VigieBackend        *self,
                                  const char          *target,
                                  VigieInstance       *instance,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (VIGIE_IS_BACKEND (self));

  if (VIGIE_BACKEND_GET_CLASS (self)->open_console_async == NULL)
    {
      g_task_report_new_error (self, callback, user_data, vigie_backend_open_console_async,
                               VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED,
                               _("This endpoint offers no console of its own; use SSH"));
      return;
    }
  VIGIE_BACKEND_GET_CLASS (self)->open_console_async (self, target, instance, cancellable,
                                                      callback, user_data);
}

VigieConsole *
vigie_backend_open_console_finish (VigieBackend  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (VIGIE_IS_BACKEND (self), NULL);

  if (g_async_result_is_tagged (result, vigie_backend_open_console_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return VIGIE_BACKEND_GET_CLASS (self)->open_console_finish (self, result, error);
}

void
vigie_backend_disconnect (VigieBackend *self)
{
  g_return_if_fail (VIGIE_IS_BACKEND (self));

  if (VIGIE_BACKEND_GET_CLASS (self)->disconnect != NULL)
    VIGIE_BACKEND_GET_CLASS (self)->disconnect (self);
  vigie_backend_set_state (self, VIGIE_CONNECTION_DISCONNECTED);
}

/* push updates */

gboolean
vigie_backend_watch (VigieBackend *self)
{
  g_return_val_if_fail (VIGIE_IS_BACKEND (self), FALSE);

  if (VIGIE_BACKEND_GET_CLASS (self)->watch == NULL)
    return FALSE;
  VIGIE_BACKEND_GET_CLASS (self)->watch (self);
  return TRUE;
}

void
vigie_backend_unwatch (VigieBackend *self)
{
  g_return_if_fail (VIGIE_IS_BACKEND (self));

  if (VIGIE_BACKEND_GET_CLASS (self)->unwatch != NULL)
    VIGIE_BACKEND_GET_CLASS (self)->unwatch (self);
}

void
vigie_backend_emit_changed (VigieBackend *self)
{
  g_return_if_fail (VIGIE_IS_BACKEND (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

void
vigie_backend_emit_watch_connected (VigieBackend *self)
{
  g_return_if_fail (VIGIE_IS_BACKEND (self));
  g_signal_emit (self, signals[WATCH_CONNECTED], 0);
}

void
vigie_backend_emit_watch_lost (VigieBackend *self)
{
  g_return_if_fail (VIGIE_IS_BACKEND (self));
  g_signal_emit (self, signals[WATCH_LOST], 0);
}

/* secrets */

static void
lookup_secret_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = vigie_secret_store_lookup_finish (VIGIE_SECRET_STORE (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) vigie_secret_free);
}

void
vigie_backend_lookup_secret_async (VigieBackend       *self,
                                   VigieSecretPurpose  purpose,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIGIE_IS_BACKEND (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_backend_lookup_secret_async);
  if (priv->context == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  vigie_secret_store_lookup_async (vigie_context_get_secret_store (priv->context),
                                   vigie_endpoint_get_uuid (priv->endpoint), purpose,
                                   cancellable, lookup_secret_cb, g_steal_pointer (&task));
}

char *
vigie_backend_lookup_secret_finish (VigieBackend  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A host name (letters, digits, '-', '_', dots; no label starting with
 * '-'), or an IPv4/IPv6 address. Host names come from servers (a cluster's
 * node list, a VM's reported name): nothing that ssh could read as an
 * option or a second argument gets through. */
static gboolean
ssh_host_is_valid (const char *host)
{
  g_autofree char *ascii = NULL;
  g_auto(GStrv) labels = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;
  if (g_hostname_is_ip_address (host))
    return TRUE;
  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL || strlen (ascii) > 253)
    return FALSE;
  labels = g_strsplit (ascii, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *label = labels[i];

      /* One trailing dot (an absolute name) is fine, an empty label is not. */
      if (*label == '\0' && (labels[i + 1] != NULL || i == 0))
        return FALSE;
      if (*label == '-' || strlen (label) > 63)
        return FALSE;
      for (const char *p = label; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
          return FALSE;
    }
  return TRUE;
}

/* A login name from a setting or an endpoint option: printable, no space,
 * not an option. */
static gboolean
ssh_user_is_valid (const char *user)
{
  if (*user == '-' || !g_utf8_validate (user, -1, NULL))
    return FALSE;
  for (const char *p = user; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return FALSE;
    }
  return TRUE;
}

GStrv
vigie_backend_build_ssh_argv (VigieBackend  *self,
                              const char    *host,
                              const char    *user,
                              GError       **error)
{
  VigieBackendPrivate *priv = vigie_backend_get_instance_private (self);
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (VIGIE_IS_BACKEND (self), NULL);

  if (host == NULL)
    {
      uri = g_uri_parse (vigie_endpoint_get_url (priv->endpoint), G_URI_FLAGS_NONE, NULL);
      host = uri != NULL ? g_uri_get_host (uri) : NULL;
    }
  if (host == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED,
                   _("“%s” has no host name to connect to"),
                   vigie_endpoint_get_name (priv->endpoint));
      return NULL;
    }
  if (!ssh_host_is_valid (host))
    {
      g_autofree char *shown = g_strescape (host, NULL);

      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("“%s” is not a host name or address that SSH can be opened to"), shown);
      return NULL;
    }
  if (user != NULL && *user != '\0' && !ssh_user_is_valid (user))
    {
      g_autofree char *shown = g_strescape (user, NULL);

      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("“%s” is not a user name SSH can log in as"), shown);
      return NULL;
    }
  /* -l keeps the user apart from the host (a user may contain '@'), and
   * "--" ends the options before the host. */
  g_strv_builder_add (argv, "ssh");
  if (user != NULL && *user != '\0')
    g_strv_builder_add_many (argv, "-l", user, NULL);
  g_strv_builder_add_many (argv, "--", host, NULL);
  return g_strv_builder_end (argv);
}
