/* vigie-lab-incus-json.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON the lab's Incus server answers with: envelopes, instances,
 * state, backups, operations (doc/rest-api.yaml).
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <string.h>

#include "vigie-lab-incus-private.h"

/* Replies */

char *
lab_incus_iso_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

void
lab_incus_reply (SoupServerMessage *msg,
                 guint              status,
                 JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

/* Starts {"type":"sync",…,"metadata": — the caller adds the metadata value. */
JsonBuilder *
lab_incus_sync_begin (void)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "sync");
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "Success");
  json_builder_set_member_name (b, "status_code");
  json_builder_add_int_value (b, 200);
  json_builder_set_member_name (b, "operation");
  json_builder_add_string_value (b, "");
  json_builder_set_member_name (b, "error_code");
  json_builder_add_int_value (b, 0);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, "");
  json_builder_set_member_name (b, "metadata");
  return b;
}

void
lab_incus_sync_end (SoupServerMessage *msg,
                    JsonBuilder       *b)
{
  json_builder_end_object (b);
  lab_incus_reply (msg, SOUP_STATUS_OK, b);
}

void
lab_incus_reply_error (SoupServerMessage *msg,
                       guint              status,
                       const char        *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "error");
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_set_member_name (b, "error_code");
  json_builder_add_int_value (b, status);
  json_builder_set_member_name (b, "metadata");
  json_builder_add_null_value (b);
  json_builder_end_object (b);
  lab_incus_reply (msg, status, b);
}

int
lab_incus_status_code_of (const char *status)
{
  if (g_str_equal (status, "Running"))
    return 103;
  if (g_str_equal (status, "Frozen"))
    return 110;
  return 102;
}

char *
lab_incus_instance_url (LabInstance *instance)
{
  if (g_str_equal (instance->project, "default"))
    return g_strdup_printf ("/1.0/instances/%s", instance->name);
  return g_strdup_printf ("/1.0/instances/%s?project=%s", instance->name, instance->project);
}

void
lab_incus_add_state (JsonBuilder *b,
                     LabInstance *instance)
{
  gboolean up = !g_str_equal (instance->status, "Stopped");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, instance->status);
  json_builder_set_member_name (b, "status_code");
  json_builder_add_int_value (b, lab_incus_status_code_of (instance->status));
  json_builder_set_member_name (b, "cpu");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "usage");
  /* Busy 10 % to 50 % of its CPUs, so two samples give a usage. */
  json_builder_add_int_value (b, up ? instance->cpu_ns +
                                      (g_get_monotonic_time () - instance->born_us) * 1000 *
                                      instance->cpus * (gint64) (instance->address % 5 + 1) / 10
                                    : 0);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "memory");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "usage");
  json_builder_add_int_value (b, up ? instance->memory / 3 : 0);
  json_builder_set_member_name (b, "usage_peak");
  json_builder_add_int_value (b, up ? instance->memory / 2 : 0);
  json_builder_set_member_name (b, "swap_usage");
  json_builder_add_int_value (b, 0);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "disk");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "root");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "usage");
  json_builder_add_int_value (b, instance->disk / 4);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "network");
  if (!up)
    json_builder_add_null_value (b);
  else
    {
      g_autofree char *v4 = g_strdup_printf ("10.66.0.%u", instance->address);
      g_autofree char *v6 = g_strdup_printf ("fd42:66::%x", instance->address);
      g_autofree char *mac = g_strdup_printf ("00:16:3e:00:00:%02x", instance->address & 0xff);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "lo");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "addresses");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "family");
      json_builder_add_string_value (b, "inet");
      json_builder_set_member_name (b, "address");
      json_builder_add_string_value (b, "127.0.0.1");
      json_builder_set_member_name (b, "netmask");
      json_builder_add_string_value (b, "8");
      json_builder_set_member_name (b, "scope");
      json_builder_add_string_value (b, "local");
      json_builder_end_object (b);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "loopback");
      json_builder_end_object (b);
      if (instance->address != 0)
        {
          json_builder_set_member_name (b, "eth0");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "addresses");
          json_builder_begin_array (b);
          for (guint i = 0; i < 2; i++)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "family");
              json_builder_add_string_value (b, i == 0 ? "inet" : "inet6");
              json_builder_set_member_name (b, "address");
              json_builder_add_string_value (b, i == 0 ? v4 : v6);
              json_builder_set_member_name (b, "netmask");
              json_builder_add_string_value (b, i == 0 ? "24" : "64");
              json_builder_set_member_name (b, "scope");
              json_builder_add_string_value (b, "global");
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_set_member_name (b, "hwaddr");
          json_builder_add_string_value (b, mac);
          json_builder_set_member_name (b, "state");
          json_builder_add_string_value (b, "up");
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, "broadcast");
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "pid");
  json_builder_add_int_value (b, up ? 1000 + instance->address : 0);
  json_builder_set_member_name (b, "processes");
  json_builder_add_int_value (b, up ? 12 : 0);
  json_builder_end_object (b);
}

void
lab_incus_add_backups (JsonBuilder *b,
                       LabInstance *instance,
                       gboolean     full)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < instance->backups->len; i++)
    {
      const char *entry = g_ptr_array_index (instance->backups, i);
      const char *at = strchr (entry, '@');
      g_autofree char *name = g_strndup (entry, at - entry);
      g_autofree char *created = lab_incus_iso_time (g_ascii_strtoll (at + 1, NULL, 10));

      if (!full)
        {
          g_autofree char *url = g_strdup_printf ("/1.0/instances/%s/backups/%s",
                                                  instance->name, name);

          json_builder_add_string_value (b, url);
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "created_at");
      json_builder_add_string_value (b, created);
      json_builder_set_member_name (b, "expires_at");
      json_builder_add_string_value (b, "0001-01-01T00:00:00Z");
      json_builder_set_member_name (b, "instance_only");
      json_builder_add_boolean_value (b, FALSE);
      json_builder_set_member_name (b, "optimized_storage");
      json_builder_add_boolean_value (b, FALSE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

void
lab_incus_add_instance (JsonBuilder *b,
                        LabIncus    *lab,
                        LabInstance *instance,
                        int          recursion)
{
  g_autofree char *cpus = g_strdup_printf ("%d", instance->cpus);
  g_autofree char *memory = g_strdup_printf ("%" G_GINT64_FORMAT "MiB", instance->memory / MIB);
  g_autofree char *disk = g_strdup_printf ("%" G_GINT64_FORMAT "GiB", instance->disk / GIB);
  g_autofree char *created = lab_incus_iso_time (lab->service->now - 86400 * 40);

  if (recursion < 1)
    {
      g_autofree char *url = lab_incus_instance_url (instance);

      json_builder_add_string_value (b, url);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, instance->name);
  json_builder_set_member_name (b, "project");
  json_builder_add_string_value (b, instance->project);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, instance->vm ? "virtual-machine" : "container");
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, instance->status);
  json_builder_set_member_name (b, "status_code");
  json_builder_add_int_value (b, lab_incus_status_code_of (instance->status));
  json_builder_set_member_name (b, "architecture");
  json_builder_add_string_value (b, "x86_64");
  json_builder_set_member_name (b, "location");
  json_builder_add_string_value (b, "none");
  json_builder_set_member_name (b, "created_at");
  json_builder_add_string_value (b, created);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, "");
  for (guint pass = 0; pass < 2; pass++)
    {
      json_builder_set_member_name (b, pass == 0 ? "config" : "expanded_config");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "image.os");
      json_builder_add_string_value (b, instance->os);
      json_builder_set_member_name (b, "image.release");
      json_builder_add_string_value (b, instance->release);
      json_builder_set_member_name (b, "limits.cpu");
      json_builder_add_string_value (b, cpus);
      json_builder_set_member_name (b, "limits.memory");
      json_builder_add_string_value (b, memory);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "expanded_devices");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "root");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "disk");
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, "/");
  json_builder_set_member_name (b, "pool");
  json_builder_add_string_value (b, "default");
  json_builder_set_member_name (b, "size");
  json_builder_add_string_value (b, disk);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "eth0");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "nic");
  json_builder_set_member_name (b, "network");
  json_builder_add_string_value (b, "incusbr0");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "eth0");
  json_builder_end_object (b);
  json_builder_end_object (b);
  if (recursion >= 2)
    {
      json_builder_set_member_name (b, "state");
      lab_incus_add_state (b, instance);
      json_builder_set_member_name (b, "snapshots");
      if (instance->snapshots->len == 0)
        json_builder_add_null_value (b);
      else
        {
          json_builder_begin_array (b);
          for (guint i = 0; i < instance->snapshots->len; i++)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "name");
              json_builder_add_string_value (b, g_ptr_array_index (instance->snapshots, i));
              json_builder_set_member_name (b, "created_at");
              json_builder_add_string_value (b, created);
              json_builder_set_member_name (b, "stateful");
              json_builder_add_boolean_value (b, FALSE);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      json_builder_set_member_name (b, "backups");
      lab_incus_add_backups (b, instance, TRUE);
    }
  json_builder_end_object (b);
}

/* Operations */

LabOperation *
lab_incus_new_operation (LabIncus   *lab,
                         const char *klass,
                         const char *resource)
{
  LabOperation *op = g_new0 (LabOperation, 1);

  lab->serial++;
  op->id = g_strdup_printf ("0c1a%04x-6c4b-4d2e-9f3a-%012x", lab->serial, lab->serial * 7919);
  op->klass = g_strdup (klass);
  op->status = g_strdup ("Success");
  op->code = 200;
  op->resource = g_strdup (resource);
  op->return_code = -1;
  op->sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_replace (lab->operations, op->id, op);
  return op;
}

void
lab_incus_add_operation (JsonBuilder  *b,
                         LabOperation *op)
{
  g_autofree char *now = lab_incus_iso_time (g_get_real_time () / G_USEC_PER_SEC);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, op->id);
  json_builder_set_member_name (b, "class");
  json_builder_add_string_value (b, op->klass);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_string_value (b, now);
  json_builder_set_member_name (b, "updated_at");
  json_builder_add_string_value (b, now);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, op->status);
  json_builder_set_member_name (b, "status_code");
  json_builder_add_int_value (b, op->code);
  json_builder_set_member_name (b, "resources");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "instances");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, op->resource);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "metadata");
  json_builder_begin_object (b);
  if (op->secret_data != NULL)
    {
      json_builder_set_member_name (b, "fds");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "0");
      json_builder_add_string_value (b, op->secret_data);
      json_builder_set_member_name (b, "control");
      json_builder_add_string_value (b, op->secret_control);
      json_builder_end_object (b);
    }
  if (op->return_code >= 0)
    {
      json_builder_set_member_name (b, "return");
      json_builder_add_int_value (b, op->return_code);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "may_cancel");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "err");
  json_builder_add_string_value (b, op->err ? op->err : "");
  json_builder_set_member_name (b, "location");
  json_builder_add_string_value (b, "none");
  json_builder_end_object (b);
}

void
lab_incus_reply_async (SoupServerMessage *msg,
                       LabOperation      *op)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *url = g_strdup_printf ("/1.0/operations/%s", op->id);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "async");
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "Operation created");
  json_builder_set_member_name (b, "status_code");
  json_builder_add_int_value (b, 100);
  json_builder_set_member_name (b, "operation");
  json_builder_add_string_value (b, url);
  json_builder_set_member_name (b, "metadata");
  lab_incus_add_operation (b, op);
  json_builder_end_object (b);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", url);
  lab_incus_reply (msg, SOUP_STATUS_ACCEPTED, b);
}
