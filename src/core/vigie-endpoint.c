/* vigie-endpoint.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include "vigie-endpoint.h"

struct _VigieEndpoint
{
  GObject     parent_instance;

  char       *uuid;
  char       *name;
  VigieKind   kind;
  char       *url;
  char       *user;
  char       *token_id;
  char       *fingerprint;   /* lower-case hex SHA-256, no colons */
  GHashTable *options;
};

G_DEFINE_FINAL_TYPE (VigieEndpoint, vigie_endpoint, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_NAME,
  PROP_KIND,
  PROP_URL,
  PROP_USER,
  PROP_TOKEN_ID,
  PROP_FINGERPRINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
vigie_endpoint_finalize (GObject *object)
{
  VigieEndpoint *self = (VigieEndpoint *) object;

  g_free (self->uuid);
  g_free (self->name);
  g_free (self->url);
  g_free (self->user);
  g_free (self->token_id);
  g_free (self->fingerprint);
  g_hash_table_unref (self->options);

  G_OBJECT_CLASS (vigie_endpoint_parent_class)->finalize (object);
}

static void
vigie_endpoint_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VigieEndpoint *self = VIGIE_ENDPOINT (object);

  switch (prop_id)
    {
    case PROP_UUID: g_value_set_string (value, self->uuid); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_USER: g_value_set_string (value, self->user); break;
    case PROP_TOKEN_ID: g_value_set_string (value, self->token_id); break;
    case PROP_FINGERPRINT: g_value_set_string (value, self->fingerprint); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_endpoint_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VigieEndpoint *self = VIGIE_ENDPOINT (object);

  switch (prop_id)
    {
    case PROP_UUID: vigie_endpoint_set_uuid (self, g_value_get_string (value)); break;
    case PROP_NAME: vigie_endpoint_set_name (self, g_value_get_string (value)); break;
    case PROP_KIND: self->kind = g_value_get_int (value); break;
    case PROP_URL: vigie_endpoint_set_url (self, g_value_get_string (value)); break;
    case PROP_USER: vigie_endpoint_set_user (self, g_value_get_string (value)); break;
    case PROP_TOKEN_ID: vigie_endpoint_set_token_id (self, g_value_get_string (value)); break;
    case PROP_FINGERPRINT:
      vigie_endpoint_set_fingerprint (self, g_value_get_string (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_endpoint_class_init (VigieEndpointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_endpoint_finalize;
  object_class->get_property = vigie_endpoint_get_property;
  object_class->set_property = vigie_endpoint_set_property;

#define STR_PROP(id, nick) \
  properties[id] = g_param_spec_string (nick, NULL, NULL, NULL, \
                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | \
                                        G_PARAM_STATIC_STRINGS)
  STR_PROP (PROP_UUID, "uuid");
  STR_PROP (PROP_NAME, "name");
  STR_PROP (PROP_URL, "url");
  STR_PROP (PROP_USER, "user");
  STR_PROP (PROP_TOKEN_ID, "token-id");
  STR_PROP (PROP_FINGERPRINT, "fingerprint");
#undef STR_PROP
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, VIGIE_N_KINDS - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_endpoint_init (VigieEndpoint *self)
{
  self->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

VigieEndpoint *
vigie_endpoint_new (const char *name,
                    VigieKind   kind,
                    const char *url)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_object_new (VIGIE_TYPE_ENDPOINT,
                       "uuid", uuid,
                       "name", name,
                       "kind", kind,
                       "url", url,
                       NULL);
}

VigieEndpoint *
vigie_endpoint_copy (VigieEndpoint *self)
{
  VigieEndpoint *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (VIGIE_IS_ENDPOINT (self), NULL);

  copy = g_object_new (VIGIE_TYPE_ENDPOINT,
                       "uuid", self->uuid, "name", self->name, "kind", self->kind,
                       "url", self->url, "user", self->user, "token-id", self->token_id,
                       "fingerprint", self->fingerprint, NULL);
  g_hash_table_iter_init (&iter, self->options);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->options, g_strdup (key), g_strdup (value));
  return copy;
}

static gboolean
set_string (VigieEndpoint  *self,
            char          **field,
            const char     *value,
            guint           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

const char *
vigie_endpoint_get_uuid (VigieEndpoint *self)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT (self), NULL);
  return self->uuid;
}

void
vigie_endpoint_set_uuid (VigieEndpoint *self,
                         const char    *uuid)
{
  g_return_if_fail (VIGIE_IS_ENDPOINT (self));
  set_string (self, &self->uuid, uuid, PROP_UUID);
}

const char *
vigie_endpoint_get_name (VigieEndpoint *self)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT (self), NULL);
  return self->name;
}

void
vigie_endpoint_set_name (VigieEndpoint *self,
                         const char    *name)
{
  g_return_if_fail (VIGIE_IS_ENDPOINT (self));
  set_string (self, &self->name, name, PROP_NAME);
}

VigieKind
vigie_endpoint_get_kind (VigieEndpoint *self)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT (self), VIGIE_KIND_UNKNOWN);
  return self->kind;
}

const char *
vigie_endpoint_get_url (VigieEndpoint *self)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT (self), NULL);
  return self->url;
}

void
vigie_endpoint_set_url (VigieEndpoint *self,
                        const char    *url)
{
  g_return_if_fail (VIGIE_IS_ENDPOINT (self));
  set_string (self, &self->url, url, PROP_URL);
}

const char *
vigie_endpoint_get_user (VigieEndpoint *self)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT (self), NULL);
  return self->user;
}

void
vigie_endpoint_set_user (VigieEndpoint *self,
                         const char    *user)
{
  g_return_if_fail (VIGIE_IS_ENDPOINT (self));
  set_string (self, &self->user, user, PROP_USER);
}

const char *
vigie_endpoint_get_token_id (VigieEndpoint *self)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT (self), NULL);
  return self->token_id;
}

void
vigie_endpoint_set_token_id (VigieEndpoint *self,
                             const char    *token_id)
{
  g_return_if_fail (VIGIE_IS_ENDPOINT (self));
  set_string (self, &self->token_id, token_id, PROP_TOKEN_ID);
}

const char *
vigie_endpoint_get_fingerprint (VigieEndpoint *self)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT (self), NULL);
  return self->fingerprint;
}

void
vigie_endpoint_set_fingerprint (VigieEndpoint *self,
                                const char    *fingerprint)
{
  g_autofree char *normal = NULL;

  g_return_if_fail (VIGIE_IS_ENDPOINT (self));

  normal = fingerprint != NULL ? vigie_fingerprint_normalize (fingerprint) : NULL;
  set_string (self, &self->fingerprint, normal, PROP_FINGERPRINT);
}

const char *
vigie_endpoint_get_option (VigieEndpoint *self,
                           const char    *key)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT (self), NULL);
  return g_hash_table_lookup (self->options, key);
}

void
vigie_endpoint_set_option (VigieEndpoint *self,
                           const char    *key,
                           const char    *value)
{
  g_return_if_fail (VIGIE_IS_ENDPOINT (self));
  g_return_if_fail (key != NULL);

  if (value == NULL)
    g_hash_table_remove (self->options, key);
  else
    g_hash_table_insert (self->options, g_strdup (key), g_strdup (value));
}

GStrv
vigie_endpoint_list_options (VigieEndpoint *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GList) keys = NULL;

  g_return_val_if_fail (VIGIE_IS_ENDPOINT (self), NULL);

  keys = g_list_sort (g_hash_table_get_keys (self->options), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    g_strv_builder_add (builder, l->data);
  return g_strv_builder_end (builder);
}

/**
 * vigie_fingerprint_normalize:
 * @fingerprint: a SHA-256 fingerprint, hex, with or without colons or spaces
 *
 * Returns: (transfer full) (nullable): 64 lower-case hex digits, or %NULL
 *   when @fingerprint is not a SHA-256 fingerprint.
 */
char *
vigie_fingerprint_normalize (const char *fingerprint)
{
  GString *out;

  g_return_val_if_fail (fingerprint != NULL, NULL);

  /* Accept an "sha256:" or "SHA256=" prefix as openssl and others print it. */
  if (g_ascii_strncasecmp (fingerprint, "sha256", 6) == 0 &&
      (fingerprint[6] == ':' || fingerprint[6] == '=' || fingerprint[6] == ' '))
    fingerprint += 7;

  out = g_string_new (NULL);
  for (const char *p = fingerprint; *p != '\0'; p++)
    {
      if (*p == ':' || *p == ' ' || *p == '-')
        continue;
      if (!g_ascii_isxdigit (*p))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, g_ascii_tolower (*p));
    }
  if (out->len != 64)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* AA:BB:… as people compare fingerprints. */
char *
vigie_fingerprint_format (const char *fingerprint)
{
  g_autofree char *normal = NULL;
  GString *out;

  if (fingerprint == NULL || (normal = vigie_fingerprint_normalize (fingerprint)) == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; normal[i] != '\0'; i += 2)
    {
      if (i > 0)
        g_string_append_c (out, ':');
      g_string_append_c (out, g_ascii_toupper (normal[i]));
      g_string_append_c (out, g_ascii_toupper (normal[i + 1]));
    }
  return g_string_free (out, FALSE);
}
