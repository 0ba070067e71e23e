/* vigie-endpoint-check.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An endpoint is only saved once it answered: the check runs the real
 * backend against a private context whose secret store lives in memory, so
 * that nothing reaches the keyring or the endpoint list before it worked.
 */

#define G_LOG_DOMAIN "vigie-backend"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "vigie-backends.h"
#include "vigie-endpoint-check.h"
#include "vigie-error.h"
#include "vigie-tls.h"

static const VigieSecretPurpose all_purposes[] = {
  VIGIE_SECRET_PASSWORD, VIGIE_SECRET_TOKEN, VIGIE_SECRET_CLIENT_KEY,
};

typedef struct {
  VigieEndpoint        *endpoint;   /* our copy */
  VigieContext         *outer;
  VigieContext         *context;    /* private, memory secrets */
  VigieSecretStore     *memory;
  VigieBackend         *backend;
  VigieCertificateInfo *presented;
  GHashTable           *given;      /* purpose → secret the caller typed, or NULL */
  gboolean              use_stored; /* fill the rest from the keyring */
  guint                 next_lookup;
  guint                 pending_stores;
} CheckData;

static void
check_data_free (CheckData *data)
{
  if (data->backend != NULL)
    vigie_backend_disconnect (data->backend);
  g_clear_object (&data->backend);
  g_clear_object (&data->endpoint);
  g_clear_object (&data->outer);
  g_clear_object (&data->context);
  g_clear_object (&data->memory);
  g_clear_pointer (&data->presented, vigie_certificate_info_free);
  g_clear_pointer (&data->given, g_hash_table_unref);
  g_free (data);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!vigie_backend_connect_finish (VIGIE_BACKEND (object), result, &error))
    {
      if (g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_UNTRUSTED) ||
          g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_CERTIFICATE_CHANGED))
        {
          VigieHttpClient *http = vigie_backend_get_http (data->backend);

          if (http != NULL)
            data->presented =
              vigie_certificate_info_copy (vigie_http_client_get_presented_certificate (http));
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
run_connect (GTask *task)
{
  CheckData *data = g_task_get_task_data (task);
  VigieKind kind = vigie_endpoint_get_kind (data->endpoint);

  data->backend = vigie_backend_new_for_endpoint (data->endpoint, data->context);
  if (data->backend == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NOT_SUPPORTED,
                               _("Vigie cannot talk to %s endpoints yet"),
                               vigie_kind_get_product_name (kind));
      g_object_unref (task);
      return;
    }
  vigie_backend_connect_async (data->backend, g_task_get_cancellable (task), connect_cb, task);
}

static void lookup_next (GTask *task);

static void
memory_store_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  CheckData *data = g_task_get_task_data (task);

  /* The memory store cannot fail. */
  vigie_secret_store_store_finish (VIGIE_SECRET_STORE (object), result, NULL);
  g_assert (data->pending_stores > 0);
  if (--data->pending_stores == 0)
    lookup_next (task);
}

static void
stored_lookup_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSecret) secret = NULL;
  VigieSecretPurpose purpose = all_purposes[data->next_lookup - 1];

  secret = vigie_secret_store_lookup_finish (VIGIE_SECRET_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  /* A keyring that cannot be read is not "no password stored": say what
   * failed rather than let the backend ask for credentials. */
  if (error != NULL)
    {
      g_debug ("stored %s unreadable: %s", vigie_secret_purpose_to_string (purpose),
               error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (secret != NULL)
    {
      data->pending_stores++;
      vigie_secret_store_store_async (data->memory, vigie_endpoint_get_uuid (data->endpoint),
                                      purpose, NULL, secret, NULL, memory_store_cb, task);
      return;
    }
  lookup_next (task);
}

/* Fills the purposes the caller did not type from the keyring, one by one,
 * then connects. next_lookup counts the purposes already looked at. */
static void
lookup_next (GTask *task)
{
  CheckData *data = g_task_get_task_data (task);

  while (data->use_stored && data->next_lookup < G_N_ELEMENTS (all_purposes))
    {
      VigieSecretPurpose purpose = all_purposes[data->next_lookup++];

      if (data->given != NULL && g_hash_table_contains (data->given, GINT_TO_POINTER (purpose)))
        continue;
      vigie_secret_store_lookup_async (vigie_context_get_secret_store (data->outer),
                                       vigie_endpoint_get_uuid (data->endpoint), purpose,
                                       g_task_get_cancellable (task), stored_lookup_cb, task);
      return;
    }
  run_connect (task);
}

void
vigie_endpoint_check_async (VigieEndpoint       *endpoint,
                            VigieContext        *context,
                            GHashTable          *secrets,
                            gboolean             use_stored_secrets,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  CheckData *data;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (VIGIE_IS_ENDPOINT (endpoint));
  g_return_if_fail (VIGIE_IS_CONTEXT (context));

  task = g_task_new (endpoint, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_endpoint_check_async);

  data = g_new0 (CheckData, 1);
  data->endpoint = vigie_endpoint_copy (endpoint);
  data->outer = g_object_ref (context);
  data->memory = vigie_secret_store_new_memory ();
  data->context = vigie_context_new (data->memory, vigie_context_get_clock (context));
  vigie_context_set_timeout (data->context, vigie_context_get_timeout (context));
  vigie_context_set_rpo_hours (data->context, vigie_context_get_rpo_hours (context));
  vigie_context_set_tls_database (data->context, vigie_context_get_tls_database (context));
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  data->use_stored = use_stored_secrets;
  data->given = secrets != NULL ? g_hash_table_ref (secrets) : NULL;

  /* One extra pending store so that lookup_next() runs once, after all. */
  data->pending_stores = 1;
  if (secrets != NULL)
    {
      g_hash_table_iter_init (&iter, secrets);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (value == NULL)
            continue;
          data->pending_stores++;
          vigie_secret_store_store_async (data->memory, vigie_endpoint_get_uuid (endpoint),
                                          GPOINTER_TO_INT (key), NULL, value, NULL,
                                          memory_store_cb, task);
        }
    }
  if (--data->pending_stores == 0)
    lookup_next (task);
}

gboolean
vigie_endpoint_check_finish (VigieEndpoint         *endpoint,
                             GAsyncResult          *result,
                             VigieCertificateInfo **presented,
                             GError               **error)
{
  CheckData *data;

  g_return_val_if_fail (g_task_is_valid (result, endpoint), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (presented != NULL)
    *presented = vigie_certificate_info_copy (data->presented);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  /* Incus enrolment pins the certificate its trust token names. */
  vigie_endpoint_set_fingerprint (endpoint, vigie_endpoint_get_fingerprint (data->endpoint));
  return TRUE;
}

/* Form helpers */

char *
vigie_endpoint_complete_url (VigieKind   kind,
                             const char *url)
{
  const char *port = vigie_backend_default_port (kind);
  const char *colon;

  g_return_val_if_fail (url != NULL, NULL);

  if (g_str_has_prefix (url, "unix:") || strstr (url, "://") != NULL)
    return g_strdup (url);
  colon = strrchr (url, ':');
  /* A bracketed IPv6 address has colons of its own. */
  if (port != NULL && (colon == NULL || (url[0] == '[' && strrchr (url, ']') > colon)))
    return g_strdup_printf ("https://%s:%s", url, port);
  return g_strdup_printf ("https://%s", url);
}

gboolean
vigie_endpoint_set_client_certificate (VigieEndpoint  *endpoint,
                                       GHashTable     *secrets,
                                       GBytes         *cert_data,
                                       const char     *key_pem,
                                       GError        **error)
{
  g_autofree char *cert_pem = NULL;
  g_autoptr(VigieSecret) key = NULL;
  g_autoptr(VigieSecret) both = NULL;
  g_autoptr(GTlsCertificate) pair = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (VIGIE_IS_ENDPOINT (endpoint), FALSE);
  g_return_val_if_fail (secrets != NULL, FALSE);
  g_return_val_if_fail (cert_data != NULL, FALSE);

  data = g_bytes_get_data (cert_data, &size);
  if (size > 0 && g_strstr_len (data, size, "-----BEGIN") != NULL)
    {
      if (key_pem == NULL)
        {
          g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                       _("A PEM client certificate needs its private key"));
          return FALSE;
        }
      cert_pem = g_strndup (data, size);
      key = g_strdup (key_pem);
    }
  else if (!vigie_tls_pkcs12_to_pem (cert_data, "", &cert_pem, &key, error))
    return FALSE;
  else if (key_pem != NULL)
    {
      vigie_secret_free (g_steal_pointer (&key));
      key = g_strdup (key_pem);
    }

  if (!vigie_tls_check_key_pair (cert_pem, key, error))
    return FALSE;
  both = g_strconcat (cert_pem, "\n", key, NULL);
  pair = g_tls_certificate_new_from_pem (both, -1, &local_error);
  if (pair == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("The client certificate and key cannot be used: %s"),
                   local_error->message);
      return FALSE;
    }
  vigie_endpoint_set_option (endpoint, VIGIE_ENDPOINT_OPTION_CLIENT_CERT, cert_pem);
  g_hash_table_replace (secrets, GINT_TO_POINTER (VIGIE_SECRET_CLIENT_KEY),
                        g_steal_pointer (&key));
  return TRUE;
}

gboolean
vigie_endpoint_prepare_enrolment (VigieEndpoint  *endpoint,
                                  GHashTable     *secrets,
                                  const char     *trust_token,
                                  GError        **error)
{
  g_autofree char *cert_pem = NULL;
  g_autoptr(VigieSecret) key_pem = NULL;
  g_autofree char *cn = g_strdup_printf ("vigie@%s", g_get_host_name ());

  g_return_val_if_fail (VIGIE_IS_ENDPOINT (endpoint), FALSE);
  g_return_val_if_fail (secrets != NULL, FALSE);
  g_return_val_if_fail (trust_token != NULL, FALSE);

  if (!vigie_tls_generate_self_signed (cn, VIGIE_KEY_EC_P384, NULL, NULL, 3650,
                                       &cert_pem, &key_pem, error))
    return FALSE;
  vigie_endpoint_set_option (endpoint, VIGIE_ENDPOINT_OPTION_CLIENT_CERT, cert_pem);
  g_hash_table_replace (secrets, GINT_TO_POINTER (VIGIE_SECRET_CLIENT_KEY),
                        g_steal_pointer (&key_pem));
  vigie_endpoint_set_option (endpoint, VIGIE_ENDPOINT_OPTION_ENROL_TOKEN, trust_token);
  return TRUE;
}
