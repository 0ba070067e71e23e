/* fake-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fake-backend.h"
#include "vigie-secret-store.h"

G_DEFINE_FINAL_TYPE (FakeBackend, fake_backend, VIGIE_TYPE_BACKEND)

FakeHold fake_backend_hold;
const char *fake_backend_instance_name = "web";

static void
fake_connect_async (VigieBackend        *backend,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_task_return_boolean (task, TRUE);
}

static gboolean
fake_finish (VigieBackend  *backend,
             GAsyncResult  *result,
             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What it read: the endpoint's name and URL as the backend saw them when
 * the read started, and one instance. */
static void
fill (FakeBackend    *self,
      VigieInventory *inventory)
{
  VigieEndpoint *endpoint = vigie_backend_get_endpoint (VIGIE_BACKEND (self));
  g_autoptr(VigieInstance) instance = vigie_instance_new ();

  inventory->product = g_strdup_printf ("read as %s at %s", vigie_endpoint_get_name (endpoint),
                                        vigie_endpoint_get_url (endpoint));
  instance->id = g_strdup ("100");
  instance->name = g_strdup (fake_backend_instance_name);
  instance->project = g_strdup ("prod");
  vigie_inventory_add_instance (inventory, instance);
}

/* Held reads whose cancellable fired return cancelled. */
static void
on_held_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  FakeBackend *self = user_data;

  for (guint i = self->held->len; i > 0; i--)
    {
      GTask *task = g_ptr_array_index (self->held, i - 1);

      if (g_task_get_cancellable (task) == cancellable)
        {
          g_autoptr(GTask) stolen = g_ptr_array_steal_index (self->held, i - 1);

          g_task_return_error_if_cancelled (stolen);
        }
    }
}

static void
fake_fetch_async (VigieBackend        *backend,
                  VigieFetchFlags      flags,
                  VigieInventory      *inventory,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  FakeBackend *self = FAKE_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  self->fetches++;
  if (fake_backend_hold != FAKE_HOLD_NONE)
    {
      g_task_set_task_data (task, g_object_ref (inventory), g_object_unref);
      g_ptr_array_add (self->held, g_steal_pointer (&task));
      if (fake_backend_hold == FAKE_HOLD_UNTIL_CANCELLED)
        g_cancellable_connect (cancellable, G_CALLBACK (on_held_cancelled), self, NULL);
      return;
    }
  fill (self, inventory);
  g_task_return_boolean (task, TRUE);
}

/* Returns the reads held so far: cancelled ones as such, the others read. */
void
fake_backend_release (FakeBackend *self)
{
  g_autoptr(GPtrArray) held = g_steal_pointer (&self->held);

  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < held->len; i++)
    {
      GTask *task = g_ptr_array_index (held, i);

      if (!g_task_return_error_if_cancelled (task))
        {
          fill (self, g_task_get_task_data (task));
          g_task_return_boolean (task, TRUE);
        }
    }
}

static void
fake_watch (VigieBackend *backend)
{
  FAKE_BACKEND (backend)->watches++;
}

static void
fake_unwatch (VigieBackend *backend)
{
  FAKE_BACKEND (backend)->unwatches++;
}

static void
fake_backend_finalize (GObject *object)
{
  g_ptr_array_unref (FAKE_BACKEND (object)->held);
  G_OBJECT_CLASS (fake_backend_parent_class)->finalize (object);
}

static void
fake_backend_class_init (FakeBackendClass *klass)
{
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = fake_backend_finalize;
  backend_class->kind = VIGIE_KIND_INCUS;
  backend_class->connect_async = fake_connect_async;
  backend_class->connect_finish = fake_finish;
  backend_class->fetch_async = fake_fetch_async;
  backend_class->fetch_finish = fake_finish;
  backend_class->watch = fake_watch;
  backend_class->unwatch = fake_unwatch;
}

static void
fake_backend_init (FakeBackend *self)
{
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
}

VigieBackend *
fake_backend_new (VigieEndpoint *endpoint,
                  VigieContext  *context)
{
  return g_object_new (FAKE_TYPE_BACKEND, "endpoint", endpoint, "context", context, NULL);
}

void
fake_estate_init (FakeEstate *estate,
                  guint       timeout)
{
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();

  fake_backend_hold = FAKE_HOLD_NONE;
  fake_backend_instance_name = "web";
  estate->context = vigie_context_new (secrets, NULL);
  vigie_context_set_timeout (estate->context, timeout);
  estate->dir = g_dir_make_tmp ("vigie-fake-estate-XXXXXX", NULL);
  g_assert_nonnull (estate->dir);
  estate->store = vigie_endpoint_store_new (estate->dir);
}

/* Returns the endpoint added (a reference for the caller). */
VigieEndpoint *
fake_estate_add (FakeEstate *estate,
                 const char *name,
                 VigieKind   kind,
                 const char *url)
{
  VigieEndpoint *endpoint = vigie_endpoint_new (name, kind, url);

  g_assert_true (vigie_endpoint_store_add (estate->store, endpoint, NULL));
  return endpoint;
}

/* Call it once whatever holds the store (the monitor) is gone. */
void
fake_estate_clear (FakeEstate *estate)
{
  g_autofree char *path = g_build_filename (estate->dir, "endpoints.conf", NULL);

  g_clear_object (&estate->store);
  g_clear_object (&estate->context);
  g_remove (path);
  g_rmdir (estate->dir);
  g_clear_pointer (&estate->dir, g_free);
}
