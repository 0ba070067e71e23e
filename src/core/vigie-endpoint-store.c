/* vigie-endpoint-store.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The endpoint list is a keyfile, one group per endpoint keyed by its UUID.
 * It is written with g_file_set_contents_full (temporary file + fsync +
 * rename), so a crash leaves either the old list or the new one, and mode
 * 0600 because it says which servers a person administers.
 */

#define G_LOG_DOMAIN "vigie-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vigie-endpoint-store.h"
#include "vigie-error.h"
#include "vigie-url-policy.h"

#define GROUP_PREFIX "endpoint "
#define OPTION_PREFIX "option-"

/* Options that hold a secret for the time of one add (e.g. the Incus
 * "enrol-token") are never written, whoever forgets to remove them. */
static const char *transient_options[] = { "enrol-token", "trust-token", "password",
                                           "token-secret", "client-key" };

static gboolean
is_transient_option (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (transient_options); i++)
    if (g_str_equal (key, transient_options[i]))
      return TRUE;
  return FALSE;
}

struct _VigieEndpointStore
{
  GObject    parent_instance;

  char      *config_dir;
  char      *path;
  GPtrArray *endpoints;
  gboolean   unreadable;  /* the last load failed and the file is still there */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieEndpointStore, vigie_endpoint_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return VIGIE_TYPE_ENDPOINT;
}

static guint
get_n_items (GListModel *model)
{
  return VIGIE_ENDPOINT_STORE (model)->endpoints->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  VigieEndpointStore *self = VIGIE_ENDPOINT_STORE (model);

  if (position >= self->endpoints->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->endpoints, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
vigie_endpoint_store_finalize (GObject *object)
{
  VigieEndpointStore *self = (VigieEndpointStore *) object;

  g_free (self->config_dir);
  g_free (self->path);
  g_ptr_array_unref (self->endpoints);

  G_OBJECT_CLASS (vigie_endpoint_store_parent_class)->finalize (object);
}

static void
vigie_endpoint_store_class_init (VigieEndpointStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_endpoint_store_finalize;
}

static void
vigie_endpoint_store_init (VigieEndpointStore *self)
{
  self->endpoints = g_ptr_array_new_with_free_func (g_object_unref);
}

VigieEndpointStore *
vigie_endpoint_store_new (const char *config_dir)
{
  VigieEndpointStore *self = g_object_new (VIGIE_TYPE_ENDPOINT_STORE, NULL);

  self->config_dir = config_dir != NULL ? g_strdup (config_dir)
                                        : g_build_filename (g_get_user_config_dir (), "vigie",
                                                            NULL);
  self->path = g_build_filename (self->config_dir, "endpoints.conf", NULL);
  return self;
}

const char *
vigie_endpoint_store_get_path (VigieEndpointStore *self)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT_STORE (self), NULL);
  return self->path;
}

static void
clear_all (VigieEndpointStore *self)
{
  guint n = self->endpoints->len;

  g_ptr_array_set_size (self->endpoints, 0);
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}

/* Reads endpoints from a keyfile; new_uuids for imports. */
static GPtrArray *
parse_keyfile (GKeyFile  *keyfile,
               gboolean   new_uuids,
               GError   **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) groups = g_key_file_get_groups (keyfile, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];
      g_autofree char *name = NULL;
      g_autofree char *kind_str = NULL;
      g_autofree char *url = NULL;
      g_auto(GStrv) keys = NULL;
      g_autoptr(VigieEndpoint) endpoint = NULL;
      VigieKind kind;

      if (!g_str_has_prefix (group, GROUP_PREFIX))
        continue;
      name = g_key_file_get_string (keyfile, group, "name", NULL);
      kind_str = g_key_file_get_string (keyfile, group, "kind", NULL);
      url = g_key_file_get_string (keyfile, group, "url", NULL);
      kind = vigie_kind_from_string (kind_str);
      /* An empty name or URL is none (the endpoint stores NULL for ""), and a
       * nameless endpoint could not be written back (found by fuzz-endpoints). */
      if (name == NULL || *name == '\0' || url == NULL || *url == '\0' ||
          kind == VIGIE_KIND_UNKNOWN)
        {
          g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG,
                       _("The endpoint “%s” has no name, URL or known kind"), group);
          return NULL;
        }
      endpoint = vigie_endpoint_new (name, kind, url);
      if (!new_uuids)
        vigie_endpoint_set_uuid (endpoint, group + strlen (GROUP_PREFIX));

      keys = g_key_file_get_keys (keyfile, group, NULL, NULL);
      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          g_autofree char *value = g_key_file_get_string (keyfile, group, keys[k], NULL);

          if (value == NULL)
            continue;
          if (g_str_equal (keys[k], "user"))
            vigie_endpoint_set_user (endpoint, value);
          else if (g_str_equal (keys[k], "token-id"))
            vigie_endpoint_set_token_id (endpoint, value);
          else if (g_str_equal (keys[k], "fingerprint"))
            vigie_endpoint_set_fingerprint (endpoint, value);
          else if (g_str_has_prefix (keys[k], OPTION_PREFIX))
            vigie_endpoint_set_option (endpoint, keys[k] + strlen (OPTION_PREFIX), value);
        }
      g_ptr_array_add (result, g_steal_pointer (&endpoint));
    }
  return g_steal_pointer (&result);
}

static GKeyFile *
build_keyfile (VigieEndpointStore *self,
               gboolean            with_pins)
{
  GKeyFile *keyfile = g_key_file_new ();

  g_key_file_set_comment (keyfile, NULL, NULL,
                          " Vigie endpoints. No password, token secret or private key is kept\n"
                          " here: they are in the keyring.", NULL);
  for (guint i = 0; i < self->endpoints->len; i++)
    {
      VigieEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);
      g_autofree char *group = NULL;
      g_auto(GStrv) options = NULL;

      /* The demo lab's endpoints live as long as the process that serves them. */
      if (g_strcmp0 (vigie_endpoint_get_option (endpoint, "ephemeral"), "true") == 0)
        continue;
      group = g_strconcat (GROUP_PREFIX, vigie_endpoint_get_uuid (endpoint), NULL);
      options = vigie_endpoint_list_options (endpoint);

      g_key_file_set_string (keyfile, group, "name", vigie_endpoint_get_name (endpoint));
      g_key_file_set_string (keyfile, group, "kind",
                             vigie_kind_to_string (vigie_endpoint_get_kind (endpoint)));
      g_key_file_set_string (keyfile, group, "url", vigie_endpoint_get_url (endpoint));
      if (vigie_endpoint_get_user (endpoint) != NULL)
        g_key_file_set_string (keyfile, group, "user", vigie_endpoint_get_user (endpoint));
      if (vigie_endpoint_get_token_id (endpoint) != NULL)
        g_key_file_set_string (keyfile, group, "token-id",
                               vigie_endpoint_get_token_id (endpoint));
      if (with_pins && vigie_endpoint_get_fingerprint (endpoint) != NULL)
        g_key_file_set_string (keyfile, group, "fingerprint",
                               vigie_endpoint_get_fingerprint (endpoint));
      for (guint k = 0; options[k] != NULL; k++)
        {
          g_autofree char *key = NULL;

          if (is_transient_option (options[k]))
            continue;
          key = g_strconcat (OPTION_PREFIX, options[k], NULL);
          g_key_file_set_string (keyfile, group, key,
                                 vigie_endpoint_get_option (endpoint, options[k]));
        }
    }
  return keyfile;
}

gboolean
vigie_endpoint_store_load (VigieEndpointStore  *self,
                           GError             **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) endpoints = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (VIGIE_IS_ENDPOINT_STORE (self), FALSE);

  clear_all (self);
  self->unreadable = FALSE;
  if (!g_file_get_contents (self->path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      /* Still there, maybe fine once readable again: never save over it. */
      self->unreadable = TRUE;
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG,
                   _("The endpoint list %s cannot be read: %s"), self->path,
                   local_error->message);
      return FALSE;
    }
  /* GKeyFile stops each line at a NUL and would read a zeroed file (a
   * crash during a write on some file systems) as an empty list. */
  if (memchr (contents, '\0', length) != NULL)
    g_set_error (&local_error, VIGIE_ERROR, VIGIE_ERROR_CONFIG,
                 _("it contains NUL bytes"));
  else if (g_key_file_load_from_data (keyfile, contents, length, G_KEY_FILE_KEEP_COMMENTS,
                                      &local_error))
    endpoints = parse_keyfile (keyfile, FALSE, &local_error);

  if (endpoints == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
      g_autofree char *aside = g_strdup_printf ("%s.%s.bak", self->path, stamp);

      /* Two damaged loads within a second must not replace the first copy. */
      for (guint n = 1; g_file_test (aside, G_FILE_TEST_EXISTS) && n < 1000; n++)
        {
          g_free (aside);
          aside = g_strdup_printf ("%s.%s-%u.bak", self->path, stamp, n);
        }
      /* Keep the damaged file for the person to repair; never overwrite it. */
      if (g_rename (self->path, aside) != 0)
        {
          self->unreadable = TRUE;
          g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG,
                       _("The endpoint list %s is damaged (%s) and could not be kept aside: %s"),
                       self->path, local_error->message, g_strerror (errno));
          return FALSE;
        }
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG,
                   _("The endpoint list was damaged (%s); it was kept as %s"),
                   local_error->message, aside);
      return FALSE;
    }

  for (guint i = 0; i < endpoints->len; i++)
    g_ptr_array_add (self->endpoints, g_object_ref (g_ptr_array_index (endpoints, i)));
  if (endpoints->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, endpoints->len);
  return TRUE;
}

gboolean
vigie_endpoint_store_save (VigieEndpointStore  *self,
                           GError             **error)
{
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (VIGIE_IS_ENDPOINT_STORE (self), FALSE);

  if (self->unreadable)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG,
                   _("The endpoint list %s could not be read, so it is not overwritten; "
                     "repair or move it first"), self->path);
      return FALSE;
    }
  if (g_mkdir_with_parents (self->config_dir, 0700) != 0)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG,
                   _("The folder %s cannot be made: %s"), self->config_dir, g_strerror (errno));
      return FALSE;
    }
  keyfile = build_keyfile (self, TRUE);
  data = g_key_file_to_data (keyfile, &length, NULL);
  if (!g_file_set_contents_full (self->path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT |
                                 G_FILE_SET_CONTENTS_DURABLE, 0600, error))
    return FALSE;
  return TRUE;
}

VigieEndpoint *
vigie_endpoint_store_find_by_name (VigieEndpointStore *self,
                                   const char         *name)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT_STORE (self), NULL);

  for (guint i = 0; i < self->endpoints->len; i++)
    {
      VigieEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);

      if (g_strcmp0 (vigie_endpoint_get_name (endpoint), name) == 0)
        return endpoint;
    }
  return NULL;
}

VigieEndpoint *
vigie_endpoint_store_find_by_uuid (VigieEndpointStore *self,
                                   const char         *uuid)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT_STORE (self), NULL);

  for (guint i = 0; i < self->endpoints->len; i++)
    {
      VigieEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);

      if (g_strcmp0 (vigie_endpoint_get_uuid (endpoint), uuid) == 0)
        return endpoint;
    }
  return NULL;
}

gboolean
vigie_endpoint_store_add (VigieEndpointStore  *self,
                          VigieEndpoint       *endpoint,
                          GError             **error)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT_STORE (self), FALSE);
  g_return_val_if_fail (VIGIE_IS_ENDPOINT (endpoint), FALSE);

  if (vigie_endpoint_store_find_by_name (self, vigie_endpoint_get_name (endpoint)) != NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("An endpoint named “%s” already exists"),
                   vigie_endpoint_get_name (endpoint));
      return FALSE;
    }
  g_ptr_array_add (self->endpoints, g_object_ref (endpoint));
  g_list_model_items_changed (G_LIST_MODEL (self), self->endpoints->len - 1, 0, 1);
  return TRUE;
}

gboolean
vigie_endpoint_store_replace (VigieEndpointStore  *self,
                              VigieEndpoint       *endpoint,
                              GError             **error)
{
  g_return_val_if_fail (VIGIE_IS_ENDPOINT_STORE (self), FALSE);

  for (guint i = 0; i < self->endpoints->len; i++)
    {
      VigieEndpoint *old = g_ptr_array_index (self->endpoints, i);
      VigieEndpoint *named = vigie_endpoint_store_find_by_name (self,
                                                                vigie_endpoint_get_name (endpoint));

      if (g_strcmp0 (vigie_endpoint_get_uuid (old), vigie_endpoint_get_uuid (endpoint)) != 0)
        continue;
      if (named != NULL && named != old)
        {
          g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                       _("An endpoint named “%s” already exists"),
                       vigie_endpoint_get_name (endpoint));
          return FALSE;
        }
      g_ptr_array_index (self->endpoints, i) = g_object_ref (endpoint);
      g_object_unref (old);
      g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
      return TRUE;
    }
  g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_NOT_FOUND, _("No such endpoint"));
  return FALSE;
}

gboolean
vigie_endpoint_store_remove (VigieEndpointStore *self,
                             VigieEndpoint      *endpoint)
{
  guint index;

  g_return_val_if_fail (VIGIE_IS_ENDPOINT_STORE (self), FALSE);

  if (!g_ptr_array_find (self->endpoints, endpoint, &index))
    return FALSE;
  g_ptr_array_remove_index (self->endpoints, index);
  g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);
  return TRUE;
}

char *
vigie_endpoint_store_export_to_data (VigieEndpointStore *self,
                                     gsize              *length)
{
  g_autoptr(GKeyFile) keyfile = NULL;

  g_return_val_if_fail (VIGIE_IS_ENDPOINT_STORE (self), NULL);

  /* Pins are public facts about the servers: a class gets them too. */
  keyfile = build_keyfile (self, TRUE);
  return g_key_file_to_data (keyfile, length, NULL);
}

int
vigie_endpoint_store_import_from_data (VigieEndpointStore  *self,
                                       const char          *data,
                                       gsize                length,
                                       GPtrArray           *skipped,
                                       GError             **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) endpoints = NULL;
  g_autoptr(GError) local_error = NULL;
  int added = 0;

  g_return_val_if_fail (VIGIE_IS_ENDPOINT_STORE (self), -1);

  if (!g_key_file_load_from_data (keyfile, data, length, G_KEY_FILE_NONE, &local_error) ||
      (endpoints = parse_keyfile (keyfile, TRUE, &local_error)) == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG,
                   _("This is not a Vigie endpoint list: %s"), local_error->message);
      return -1;
    }
  /* All or nothing: an address Vigie would refuse to talk to (plain http://
   * to another computer) refuses the file before anything is added. */
  for (guint i = 0; i < endpoints->len; i++)
    {
      VigieEndpoint *endpoint = g_ptr_array_index (endpoints, i);

      if (!vigie_endpoint_check_url (vigie_endpoint_get_url (endpoint), &local_error))
        {
          g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID, _("Endpoint “%s”: %s"),
                       vigie_endpoint_get_name (endpoint), local_error->message);
          return -1;
        }
    }
  for (guint i = 0; i < endpoints->len; i++)
    {
      VigieEndpoint *endpoint = g_ptr_array_index (endpoints, i);

      if (vigie_endpoint_store_add (self, endpoint, NULL))
        added++;
      else if (skipped != NULL)
        g_ptr_array_add (skipped, g_strdup (vigie_endpoint_get_name (endpoint)));
    }
  return added;
}
