/* vigie-hardware-profile.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-compare"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "vigie-error.h"
#include "vigie-hardware-profile.h"
#include "vigie-json.h"

#define DEFAULT_CORES 16

static const char *const field_names[] = { "hosts", "sockets", "cores", "instances" };

static gint64 *
field (VigieHardwareProfile *profile,
       guint                 i)
{
  gint64 *fields[] = { &profile->hosts, &profile->sockets, &profile->cores,
                       &profile->instances };

  g_assert (i < G_N_ELEMENTS (fields));
  return fields[i];
}

void
vigie_hardware_profile_init_default (VigieHardwareProfile *profile)
{
  g_return_if_fail (profile != NULL);
  *profile = (VigieHardwareProfile) { 1, 1, DEFAULT_CORES, -1 };
}

static gboolean
count_ok (gint64   value,
          gboolean may_be_unset)
{
  return (value >= 0 && value <= VIGIE_HARDWARE_PROFILE_MAX) || (may_be_unset && value == -1);
}

gboolean
vigie_hardware_profile_check (const VigieHardwareProfile *profile,
                              GError                    **error)
{
  VigieHardwareProfile copy;

  g_return_val_if_fail (profile != NULL, FALSE);

  copy = *profile;
  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    if (!count_ok (*field (&copy, i), g_str_equal (field_names[i], "instances")))
      {
        g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                     /* Translators: %s is a field of the hardware profile ("hosts") */
                     _("“%s” must be a whole number from 0 to %d"), field_names[i],
                     VIGIE_HARDWARE_PROFILE_MAX);
        return FALSE;
      }
  return TRUE;
}

/* The file's object, or NULL with *error (NULL and no error: no file). */
static JsonObject *
read_object (const char  *path,
             GError     **error)
{
  g_autofree char *data = NULL;
  gsize size = 0;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (!g_file_get_contents (path, &data, &size, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG, _("%s cannot be read: %s"), path,
                   local_error->message);
      return NULL;
    }
  root = vigie_json_parse_bounded (data, size, &local_error);
  if (root == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG, _("%s cannot be read: %s"), path,
                   local_error->message);
      return NULL;
    }
  object = vigie_json_node_object (root);
  if (object == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG, _("%s must hold a JSON object"), path);
      return NULL;
    }
  return json_object_ref (object);
}

gboolean
vigie_hardware_profile_load (const char            *path,
                             VigieHardwareProfile  *profile,
                             gboolean              *found,
                             GError               **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) local_error = NULL;
  VigieHardwareProfile read;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  vigie_hardware_profile_init_default (profile);
  if (found != NULL)
    *found = FALSE;
  object = read_object (path, &local_error);
  if (object == NULL)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Nothing changes unless the whole file is good. */
  read = *profile;
  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    {
      gint64 value;

      if (!json_object_has_member (object, field_names[i]))
        continue;
      if (!vigie_json_get_int (object, field_names[i], &value) || !count_ok (value, FALSE))
        {
          g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG,
                       /* Translators: %s is a file, then a field of it ("hosts") */
                       _("%s: “%s” must be a whole number from 0 to %d"), path, field_names[i],
                       VIGIE_HARDWARE_PROFILE_MAX);
          return FALSE;
        }
      *field (&read, i) = value;
    }
  *profile = read;
  if (found != NULL)
    *found = TRUE;
  return TRUE;
}

gboolean
vigie_hardware_profile_save (const char                 *path,
                             const VigieHardwareProfile *profile,
                             GError                    **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  VigieHardwareProfile copy;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (!vigie_hardware_profile_check (profile, error))
    return FALSE;
  {
    VigieHardwareProfile on_disk;

    /* The same checks as reading it: a file that cannot be used is left alone. */
    if (vigie_hardware_profile_load (path, &on_disk, NULL, &local_error))
      object = read_object (path, &local_error);
  }
  if (local_error != NULL)
    {
      /* The user may have written it by hand: say so rather than lose it. */
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG,
                   /* Translators: the second %s says why the file cannot be read */
                   _("%s was not replaced, correct or remove it first: %s"), path,
                   local_error->message);
      return FALSE;
    }
  if (object == NULL)
    object = json_object_new ();

  copy = *profile;
  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    {
      gint64 value = *field (&copy, i);

      /* instances -1 is "not set here": the file's, if any, stays. */
      if (value >= 0)
        json_object_set_int_member (object, field_names[i], value);
    }
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (root, object);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG, _("%s cannot be written: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG, _("%s cannot be written: %s"), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
vigie_hardware_profile_remove (const char  *path,
                               GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_remove (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_CONFIG, _("%s cannot be removed: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
