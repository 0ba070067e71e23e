/* vigie-secret-store.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Passwords, token secrets and private keys live in the Secret Service
 * keyring (libsecret), one item per endpoint UUID and purpose, and nowhere
 * else. Every call is asynchronous: the app never blocks on the keyring.
 * The memory variant exists for tests and for the demo lab's own process.
 */

#define G_LOG_DOMAIN "vigie-secret"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "vigie-error.h"
#include "vigie-secret-store.h"

struct _VigieSecretStore
{
  GObject     parent_instance;
  GHashTable *memory;     /* "uuid/purpose" -> secret, or NULL for the keyring */
  GHashTable *ephemeral;  /* "uuid/purpose" -> secret, looked up first */
  /* One Secret Service proxy and session for every lookup: libsecret opens
   * a new one (a Diffie-Hellman exchange on both sides) for each call made
   * before its first one is ready, which is every endpoint of a refresh. */
  SecretService *service;
  GPtrArray     *waiting;  /* Lookup, while the service is being reached */
};

G_DEFINE_FINAL_TYPE (VigieSecretStore, vigie_secret_store, G_TYPE_OBJECT)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.vigie.Vigie.Secret", SECRET_SCHEMA_NONE,
    {
      { "uuid", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "purpose", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  return &schema;
}

const char *
vigie_secret_purpose_to_string (VigieSecretPurpose purpose)
{
  switch (purpose)
    {
    case VIGIE_SECRET_TOKEN: return "token";
    case VIGIE_SECRET_CLIENT_KEY: return "client-key";
    case VIGIE_SECRET_PASSWORD:
    default: return "password";
    }
}

gboolean
vigie_secret_purpose_for_field (const char         *field_key,
                                VigieSecretPurpose *purpose)
{
  VigieSecretPurpose p;

  if (g_strcmp0 (field_key, "password") == 0)
    p = VIGIE_SECRET_PASSWORD;
  else if (g_strcmp0 (field_key, "token-secret") == 0)
    p = VIGIE_SECRET_TOKEN;
  else if (g_strcmp0 (field_key, "client-key") == 0)
    p = VIGIE_SECRET_CLIENT_KEY;
  else
    return FALSE;
  if (purpose != NULL)
    *purpose = p;
  return TRUE;
}

void
vigie_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
vigie_secret_store_finalize (GObject *object)
{
  VigieSecretStore *self = (VigieSecretStore *) object;

  g_clear_pointer (&self->memory, g_hash_table_unref);
  g_clear_pointer (&self->ephemeral, g_hash_table_unref);
  g_clear_object (&self->service);
  g_warn_if_fail (self->waiting == NULL);

  G_OBJECT_CLASS (vigie_secret_store_parent_class)->finalize (object);
}

static void
vigie_secret_store_class_init (VigieSecretStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_secret_store_finalize;
}

static void
vigie_secret_store_init (VigieSecretStore *self)
{
  self->ephemeral = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) vigie_secret_free);
}

static char *
make_key (const char         *uuid,
          VigieSecretPurpose  purpose)
{
  return g_strdup_printf ("%s/%s", uuid, vigie_secret_purpose_to_string (purpose));
}

void
vigie_secret_store_set_ephemeral (VigieSecretStore   *self,
                                  const char         *uuid,
                                  VigieSecretPurpose  purpose,
                                  const char         *secret)
{
  g_return_if_fail (VIGIE_IS_SECRET_STORE (self));
  g_return_if_fail (uuid != NULL);

  if (secret == NULL)
    {
      g_autofree char *key = make_key (uuid, purpose);
      g_hash_table_remove (self->ephemeral, key);
    }
  else
    g_hash_table_insert (self->ephemeral, make_key (uuid, purpose), g_strdup (secret));
}

VigieSecretStore *
vigie_secret_store_new (void)
{
  return g_object_new (VIGIE_TYPE_SECRET_STORE, NULL);
}

VigieSecretStore *
vigie_secret_store_new_memory (void)
{
  VigieSecretStore *self = g_object_new (VIGIE_TYPE_SECRET_STORE, NULL);

  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) vigie_secret_free);
  return self;
}

static GError *
keyring_error (const GError *error)
{
  return g_error_new (VIGIE_ERROR, VIGIE_ERROR_FAILED,
                      _("The keyring could not be used: %s"), error->message);
}

/* store */

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
vigie_secret_store_store_async (VigieSecretStore   *self,
                                const char         *uuid,
                                VigieSecretPurpose  purpose,
                                const char         *label,
                                const char         *secret,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIGIE_IS_SECRET_STORE (self));
  g_return_if_fail (uuid != NULL);
  g_return_if_fail (secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_secret_store_store_async);

  if (self->memory != NULL)
    {
      g_hash_table_insert (self->memory,
                           g_strdup_printf ("%s/%s", uuid, vigie_secret_purpose_to_string (purpose)),
                           g_strdup (secret));
      g_task_return_boolean (task, TRUE);
      return;
    }

  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT,
                         label != NULL ? label : "Vigie", secret, cancellable,
                         store_cb, g_steal_pointer (&task),
                         "uuid", uuid,
                         "purpose", vigie_secret_purpose_to_string (purpose),
                         NULL);
}

gboolean
vigie_secret_store_store_finish (VigieSecretStore  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* lookup */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
}

static void
service_lookup_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SecretValue *value;

  value = secret_service_lookup_finish (SECRET_SERVICE (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else if (value == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_return_pointer (task, secret_value_unref_to_password (value, NULL),
                           (GDestroyNotify) secret_password_free);
}

typedef struct {
  GTask      *task;
  GHashTable *attributes;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  if (lookup == NULL)
    return;
  g_clear_object (&lookup->task);
  g_clear_pointer (&lookup->attributes, g_hash_table_unref);
  g_free (lookup);
}

/* Takes @lookup. Without the shared service (it could not be reached),
 * libsecret is asked the usual way, and says why it failed. */
static void
lookup_start (VigieSecretStore *self,
              Lookup           *lookup)
{
  GTask *task = g_steal_pointer (&lookup->task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (self->service != NULL)
    secret_service_lookup (self->service, get_schema (), lookup->attributes, cancellable,
                           service_lookup_cb, task);
  else
    secret_password_lookupv (get_schema (), lookup->attributes, cancellable, lookup_cb, task);
  lookup_free (lookup);
}

static void
service_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(VigieSecretStore) self = user_data;
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);
  g_autoptr(GError) error = NULL;

  self->service = secret_service_get_finish (result, &error);
  if (self->service == NULL)
    g_debug ("No shared Secret Service: %s", error->message);
  for (guint i = 0; i < waiting->len; i++)
    lookup_start (self, g_steal_pointer (&g_ptr_array_index (waiting, i)));
}

void
vigie_secret_store_lookup_async (VigieSecretStore   *self,
                                 const char         *uuid,
                                 VigieSecretPurpose  purpose,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  Lookup *lookup;

  g_return_if_fail (VIGIE_IS_SECRET_STORE (self));
  g_return_if_fail (uuid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_secret_store_lookup_async);

  {
    g_autofree char *key = make_key (uuid, purpose);
    const char *held = g_hash_table_lookup (self->ephemeral, key);

    if (held != NULL)
      {
        g_task_set_task_data (task, GINT_TO_POINTER (1), NULL);
        g_task_return_pointer (task, g_strdup (held), (GDestroyNotify) vigie_secret_free);
        return;
      }
  }

  if (self->memory != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%s/%s", uuid,
                                              vigie_secret_purpose_to_string (purpose));
      g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->memory, key)),
                             (GDestroyNotify) vigie_secret_free);
      return;
    }

  lookup = g_new0 (Lookup, 1);
  lookup->task = g_steal_pointer (&task);
  lookup->attributes = secret_attributes_build (get_schema (),
                                                "uuid", uuid,
                                                "purpose", vigie_secret_purpose_to_string (purpose),
                                                NULL);
  if (self->service != NULL)
    {
      lookup_start (self, lookup);
      return;
    }
  if (self->waiting == NULL)
    {
      self->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) lookup_free);
      secret_service_get (SECRET_SERVICE_OPEN_SESSION, NULL, service_cb, g_object_ref (self));
    }
  g_ptr_array_add (self->waiting, lookup);
}

char *
vigie_secret_store_lookup_finish (VigieSecretStore  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  char *secret;
  char *copy;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  secret = g_task_propagate_pointer (G_TASK (result), error);
  if (secret == NULL)
    return NULL;
  /* libsecret hands out non-pageable memory; give callers one allocator. */
  copy = g_strdup (secret);
  if (self->memory != NULL || g_task_get_task_data (G_TASK (result)) != NULL)
    vigie_secret_free (secret);
  else
    secret_password_free (secret);
  return copy;
}

/* clear */

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
vigie_secret_store_clear_async (VigieSecretStore   *self,
                                const char         *uuid,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIGIE_IS_SECRET_STORE (self));
  g_return_if_fail (uuid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_secret_store_clear_async);

  for (VigieSecretPurpose p = VIGIE_SECRET_PASSWORD; p <= VIGIE_SECRET_CLIENT_KEY; p++)
    {
      g_autofree char *key = make_key (uuid, p);
      g_hash_table_remove (self->ephemeral, key);
    }

  if (self->memory != NULL)
    {
      for (VigieSecretPurpose p = VIGIE_SECRET_PASSWORD; p <= VIGIE_SECRET_CLIENT_KEY; p++)
        {
          g_autofree char *key = g_strdup_printf ("%s/%s", uuid,
                                                  vigie_secret_purpose_to_string (p));
          g_hash_table_remove (self->memory, key);
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Matching on uuid alone clears every purpose in one call. */
  secret_password_clear (get_schema (), cancellable, clear_cb, g_steal_pointer (&task),
                         "uuid", uuid, NULL);
}

gboolean
vigie_secret_store_clear_finish (VigieSecretStore  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
