/* vigie-report.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "vigie-clock.h"
#include "vigie-json-writer.h"
#include "vigie-knowledge.h"
#include "vigie-report.h"

void
vigie_json_add_string (JsonBuilder *builder,
                       const char  *member,
                       const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

void
vigie_json_add_int (JsonBuilder *builder,
                    const char  *member,
                    gint64       value)
{
  json_builder_set_member_name (builder, member);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value);
}

void
vigie_json_add_fraction (JsonBuilder *builder,
                         const char  *member,
                         double       value)
{
  json_builder_set_member_name (builder, member);
  if (value < 0 || isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

void
vigie_json_add_time (JsonBuilder *builder,
                     const char  *member,
                     gint64       unix_seconds)
{
  g_autofree char *text = vigie_format_time (unix_seconds);

  vigie_json_add_string (builder, member, text);
}

char *
vigie_json_to_string (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
add_strings (JsonBuilder *builder,
             const char  *member,
             GPtrArray   *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static void
add_host (JsonBuilder *builder,
          VigieHost   *host)
{
  json_builder_begin_object (builder);
  vigie_json_add_string (builder, "name", host->name);
  vigie_json_add_string (builder, "state", vigie_host_state_to_string (host->state));
  vigie_json_add_string (builder, "version", host->version);
  vigie_json_add_string (builder, "build", host->build);
  vigie_json_add_int (builder, "cpu_cores", host->cpu_cores);
  vigie_json_add_int (builder, "cpu_threads", host->cpu_threads);
  vigie_json_add_int (builder, "cpu_sockets", host->cpu_sockets);
  vigie_json_add_fraction (builder, "cpu_usage", host->cpu_usage);
  vigie_json_add_int (builder, "memory_bytes", host->memory_bytes);
  vigie_json_add_int (builder, "memory_used_bytes", host->memory_used_bytes);
  vigie_json_add_int (builder, "uptime_seconds", host->uptime_seconds);
  json_builder_end_object (builder);
}

/* What an instance holds goes through a VigieJsonWriter: into the tree's
 * builder, or straight as text, one instance after another, when the
 * document is printed (vigie_report_inventory_json_emit()). */

static void
write_string (VigieJsonWriter *writer,
              const char      *member,
              const char      *value)
{
  vigie_json_writer_member (writer, member);
  vigie_json_writer_string (writer, value);
}

static void
write_int (VigieJsonWriter *writer,
           const char      *member,
           gint64           value)
{
  vigie_json_writer_member (writer, member);
  if (value < 0)
    vigie_json_writer_null (writer);
  else
    vigie_json_writer_int (writer, value);
}

static void
write_fraction (VigieJsonWriter *writer,
                const char      *member,
                double           value)
{
  vigie_json_writer_member (writer, member);
  if (value < 0 || isnan (value))
    vigie_json_writer_null (writer);
  else
    vigie_json_writer_double (writer, value);
}

static void
write_time (VigieJsonWriter *writer,
            const char      *member,
            gint64           unix_seconds)
{
  g_autofree char *text = vigie_format_time (unix_seconds);

  write_string (writer, member, text);
}

static void
write_strings (VigieJsonWriter *writer,
               const char      *member,
               GPtrArray       *strings)
{
  vigie_json_writer_member (writer, member);
  vigie_json_writer_begin_array (writer);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    vigie_json_writer_string (writer, g_ptr_array_index (strings, i));
  vigie_json_writer_end_array (writer);
}

static void
write_tristate (VigieJsonWriter *writer,
                const char      *member,
                int              value)
{
  vigie_json_writer_member (writer, member);
  if (value == VIGIE_UNSET)
    vigie_json_writer_null (writer);
  else
    vigie_json_writer_boolean (writer, value != 0);
}

/* Disks, NICs and snapshots one by one: members only when the backend read
 * them, so that a missing list stays "unknown" and [] means "none". */
static void
write_devices (VigieJsonWriter *writer,
               VigieInstance   *inst)
{
  if (inst->disks != NULL)
    {
      vigie_json_writer_member (writer, "disks");
      vigie_json_writer_begin_array (writer);
      for (guint i = 0; i < inst->disks->len; i++)
        {
          VigieDisk *disk = g_ptr_array_index (inst->disks, i);

          vigie_json_writer_begin_object (writer);
          write_string (writer, "label", disk->label);
          write_string (writer, "path", disk->path);
          write_string (writer, "storage", disk->storage);
          write_int (writer, "capacity_bytes", disk->capacity_bytes);
          write_string (writer, "controller", disk->controller);
          write_string (writer, "mode", disk->mode);
          write_tristate (writer, "thin", disk->thin);
          vigie_json_writer_end_object (writer);
        }
      vigie_json_writer_end_array (writer);
    }
  if (inst->nics != NULL)
    {
      vigie_json_writer_member (writer, "nics");
      vigie_json_writer_begin_array (writer);
      for (guint i = 0; i < inst->nics->len; i++)
        {
          VigieNic *nic = g_ptr_array_index (inst->nics, i);

          vigie_json_writer_begin_object (writer);
          write_string (writer, "label", nic->label);
          write_string (writer, "adapter", nic->adapter);
          write_string (writer, "network", nic->network);
          write_string (writer, "mac", nic->mac);
          write_tristate (writer, "connected", nic->connected);
          write_strings (writer, "addresses", nic->addresses);
          vigie_json_writer_end_object (writer);
        }
      vigie_json_writer_end_array (writer);
    }
  if (inst->snapshot_list != NULL)
    {
      vigie_json_writer_member (writer, "snapshot_list");
      vigie_json_writer_begin_array (writer);
      for (guint i = 0; i < inst->snapshot_list->len; i++)
        {
          VigieSnapshot *snapshot = g_ptr_array_index (inst->snapshot_list, i);

          vigie_json_writer_begin_object (writer);
          write_string (writer, "name", snapshot->name);
          write_string (writer, "description", snapshot->description);
          write_time (writer, "time", snapshot->time);
          write_string (writer, "state", snapshot->state);
          write_tristate (writer, "quiesced", snapshot->quiesced);
          vigie_json_writer_end_object (writer);
        }
      vigie_json_writer_end_array (writer);
    }
}

static void
write_instance (VigieJsonWriter *writer,
                VigieInstance   *inst)
{
  vigie_json_writer_begin_object (writer);
  write_string (writer, "id", inst->id ? inst->id : "");
  write_string (writer, "name", inst->name ? inst->name : "");
  write_string (writer, "type", vigie_instance_type_to_string (inst->type));
  write_string (writer, "state", vigie_instance_state_to_string (inst->state));
  write_string (writer, "host", inst->host);
  write_string (writer, "project", inst->project);
  write_string (writer, "os", inst->os);
  write_int (writer, "cpus", inst->cpus);
  write_int (writer, "memory_bytes", inst->memory_bytes);
  write_int (writer, "memory_used_bytes", inst->memory_used_bytes);
  write_fraction (writer, "cpu_usage", inst->cpu_usage);
  write_int (writer, "disk_bytes", inst->disk_bytes);
  write_int (writer, "snapshots", inst->snapshots);
  write_strings (writer, "addresses", inst->addresses);
  write_strings (writer, "tags", inst->tags);
  vigie_json_writer_member (writer, "template");
  vigie_json_writer_boolean (writer, inst->template);
  write_string (writer, "uuid", inst->uuid);
  write_devices (writer, inst);
  vigie_json_writer_end_object (writer);
}

static void
add_storage (JsonBuilder  *builder,
             VigieStorage *storage)
{
  json_builder_begin_object (builder);
  vigie_json_add_string (builder, "name", storage->name ? storage->name : "");
  vigie_json_add_string (builder, "type", storage->type);
  vigie_json_add_string (builder, "host", storage->host);
  vigie_json_add_int (builder, "total_bytes", storage->total_bytes);
  vigie_json_add_int (builder, "used_bytes", storage->used_bytes);
  json_builder_set_member_name (builder, "shared");
  json_builder_add_boolean_value (builder, storage->shared);
  json_builder_end_object (builder);
}

static void
add_list (JsonBuilder *builder,
          const char  *member,
          GListModel  *model,
          void       (*add) (JsonBuilder *, gpointer))
{
  guint n = g_list_model_get_n_items (model);

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      add (builder, item);
    }
  json_builder_end_array (builder);
}

static void
add_inventory (JsonBuilder    *builder,
               VigieInventory *inv,
               gint64          now,
               const char     *instances_slot)
{
  json_builder_begin_object (builder);
  vigie_json_add_string (builder, "name", inv->endpoint);
  vigie_json_add_string (builder, "kind", vigie_kind_to_string (inv->kind));
  vigie_json_add_string (builder, "url", inv->url ? inv->url : "");
  vigie_json_add_string (builder, "status", vigie_status_to_string (inv->status));
  vigie_json_add_string (builder, "error", inv->error);
  vigie_json_add_string (builder, "product", inv->product);
  vigie_json_add_string (builder, "version", inv->version);
  vigie_json_add_string (builder, "build", inv->build);
  vigie_json_add_string (builder, "api_version", inv->api_version);
  vigie_json_add_string (builder, "license", inv->license);
  json_builder_set_member_name (builder, "latency_ms");
  if (inv->latency_ms < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, round (inv->latency_ms * 10) / 10);
  add_list (builder, "hosts", G_LIST_MODEL (inv->hosts), (gpointer) add_host);
  if (instances_slot != NULL)
    vigie_json_add_string (builder, "instances", instances_slot);
  else
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (inv->instances));
      VigieJsonWriter writer;

      vigie_json_writer_init_builder (&writer, builder);
      json_builder_set_member_name (builder, "instances");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieInstance) instance = g_list_model_get_item (G_LIST_MODEL (inv->instances),
                                                                     i);

          write_instance (&writer, instance);
        }
      json_builder_end_array (builder);
    }
  add_list (builder, "storage", G_LIST_MODEL (inv->storage), (gpointer) add_storage);
  add_strings (builder, "warnings", inv->warnings);
  vigie_report_add_support (builder, inv, now);
  json_builder_end_object (builder);
}

JsonNode *
vigie_report_inventory_json (GPtrArray *inventories,
                             gint64     now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  vigie_json_add_string (builder, "schema", "vigie.inventory/1");
  vigie_json_add_time (builder, "generated_at", now);
  json_builder_set_member_name (builder, "endpoints");
  json_builder_begin_array (builder);
  for (guint i = 0; i < inventories->len; i++)
    add_inventory (builder, g_ptr_array_index (inventories, i), now, NULL);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Emits @part, a JSON text json-glib printed alone (at depth 0), as a value
 * at @depth: every line after its first indented two spaces a level. Safe
 * because JSON strings hold no raw line breaks. */
static void
emit_indented (const char      *part,
               gsize            length,
               guint            depth,
               VigieReportEmit  emit,
               gpointer         user_data)
{
  const char *end = part + length;

  while (part < end)
    {
      const char *line_end = memchr (part, '\n', end - part);

      if (line_end == NULL)
        {
          emit (part, end - part, user_data);
          return;
        }
      emit (part, line_end - part + 1, user_data);
      for (guint i = 0; i < depth; i++)
        emit ("  ", 2, user_data);
      part = line_end + 1;
    }
}

static char *
node_text (JsonBuilder *builder)
{
  g_autoptr(JsonNode) node = json_builder_get_root (builder);

  return vigie_json_to_string (node);
}

/* One endpoint, at depth 2 of the document, with its instances printed one
 * at a time: json-glib prints the endpoint with a string in their place,
 * unique to this run so that no server's text can be taken for it, and
 * each instance goes where its array would be, as json-glib lays arrays
 * out ("[", each element on its own lines, "," between, "]"; "[]" when
 * empty). */
static void
emit_inventory (VigieInventory  *inv,
                gint64           now,
                VigieReportEmit  emit,
                gpointer         user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *slot = g_strconcat ("vigie-slot-", uuid, NULL);
  g_autofree char *quoted = g_strconcat ("\"", slot, "\"", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) buffer = NULL;
  const char *at;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inv->instances));

  add_inventory (builder, inv, now, slot);
  text = node_text (builder);
  at = strstr (text, quoted);
  g_assert (at != NULL);

  emit_indented (text, at - text, 2, emit, user_data);
  emit (n > 0 ? "[\n" : "[]", 2, user_data);
  /* One call of @emit per instance, not one per line and level; each
   * written as text, at its depth, with no tree. */
  buffer = g_string_sized_new (4096);
  for (guint i = 0; i < n; i++)
    {
      VigieInstance *instance = g_list_model_get_item (G_LIST_MODEL (inv->instances), i);
      VigieJsonWriter writer;

      g_string_truncate (buffer, 0);
      g_string_append_len (buffer, "        ", 8);
      vigie_json_writer_init_text (&writer, buffer, 4);
      write_instance (&writer, instance);
      g_object_unref (instance);
      if (i + 1 < n)
        g_string_append_c (buffer, ',');
      g_string_append_c (buffer, '\n');
      emit (buffer->str, buffer->len, user_data);
    }
  if (n > 0)
    emit ("      ]", 7, user_data);
  at += strlen (quoted);
  emit_indented (at, strlen (at), 2, emit, user_data);
}

/**
 * vigie_report_inventory_json_emit:
 * @emit: called with each piece of the text, in order
 *
 * The text of vigie_json_to_string (vigie_report_inventory_json ()), built
 * one instance at a time: the JSON tree of 1,000 instances and the copies
 * of its text take several times the text's size; here only one
 * instance's tree exists at once, and the text need not be held at all.
 * The document around the endpoints is json-glib's own (with a null where
 * they go).
 */
void
vigie_report_inventory_json_emit (GPtrArray       *inventories,
                                  gint64           now,
                                  VigieReportEmit  emit,
                                  gpointer         user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *frame_text = NULL;
  const char *slot;

  if (inventories->len == 0)
    {
      /* json-glib's own form of an empty array. */
      g_autoptr(JsonNode) root = vigie_report_inventory_json (inventories, now);
      g_autofree char *whole = vigie_json_to_string (root);

      emit (whole, strlen (whole), user_data);
      return;
    }

  json_builder_begin_object (builder);
  vigie_json_add_string (builder, "schema", "vigie.inventory/1");
  vigie_json_add_time (builder, "generated_at", now);
  json_builder_set_member_name (builder, "endpoints");
  json_builder_begin_array (builder);
  json_builder_add_null_value (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  frame_text = node_text (builder);
  slot = g_strrstr (frame_text, "null");
  g_assert (slot != NULL);

  emit (frame_text, slot - frame_text, user_data);
  for (guint i = 0; i < inventories->len; i++)
    {
      if (i > 0)
        emit (",\n    ", 6, user_data);
      emit_inventory (g_ptr_array_index (inventories, i), now, emit, user_data);
    }
  slot += strlen ("null");
  emit (slot, strlen (slot), user_data);
}

static void
append_to_string (const char *text,
                  gsize       length,
                  gpointer    user_data)
{
  g_string_append_len (user_data, text, length);
}

/**
 * vigie_report_inventory_json_text:
 *
 * The text of vigie_report_inventory_json_emit(), whole.
 */
GString *
vigie_report_inventory_json_text (GPtrArray *inventories,
                                  gint64     now)
{
  GString *text = g_string_new (NULL);

  vigie_report_inventory_json_emit (inventories, now, append_to_string, text);
  return text;
}


/* Names, messages and versions come from the servers: a name holding
 * ESC [ … would drive the terminal that prints a table, and one starting
 * with "=" would be a formula in the spreadsheet that opens a CSV file. */

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
}

/* Appends @value, valid UTF-8, with its control characters written as
 * visible escapes: \xNN for C0 and DEL, \u00NN for C1. @keep lists the
 * controls kept as they are. */
static void
append_printable (GString    *out,
                  const char *value,
                  const char *keep)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_control (c) || (c < 0x80 && strchr (keep, (int) c) != NULL))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else if (c < 0x80)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_printf (out, "\\u%04x", c);
    }
}

char *
vigie_report_printable (const char *value)
{
  GString *out = g_string_new (NULL);

  if (value != NULL)
    append_printable (out, value, "");
  return g_string_free (out, FALSE);
}

/**
 * vigie_csv_append_field:
 *
 * Appends a text field: quoted per RFC 4180 when needed; control
 * characters other than tab, CR and LF (which quoting carries) escaped as
 * in tables; and, as OWASP advises against formula injection, a field
 * starting with =, +, -, @, tab or CR gets a leading ' and quotes. Numbers
 * go through vigie_csv_append_number(), so -3 stays a number.
 */
void
vigie_csv_append_field (GString    *out,
                        const char *value)
{
  g_autoptr(GString) text = NULL;
  gboolean formula;

  if (value == NULL)
    return;
  text = g_string_new (NULL);
  append_printable (text, value, "\t\r\n");
  formula = text->len > 0 && strchr ("=+-@\t\r", text->str[0]) != NULL;
  if (!formula && strpbrk (text->str, ",\"\r\n") == NULL)
    {
      g_string_append (out, text->str);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text->str; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* A number Vigie formatted itself: written as it is. */
void
vigie_csv_append_number (GString    *out,
                         const char *value)
{
  if (value != NULL)
    g_string_append (out, value);
}

char *
vigie_format_bytes (gint64 bytes)
{
  g_autofree char *size = NULL;
  g_auto(GStrv) parts = NULL;

  if (bytes < 0)
    return g_strdup ("-");
  size = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
  /* GLib puts a no-break space before the unit: a terminal in the C locale
   * prints it as "?", and scripts split on plain spaces anyway. */
  parts = g_strsplit (size, "\u00a0", -1);
  return g_strjoinv (" ", parts);
}

char *
vigie_format_table (GPtrArray *rows)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (guint));
  GString *out = g_string_new (NULL);

  /* Every cell printable first: the widths are those of what is shown. */
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv cols = g_ptr_array_index (rows, r);

      for (guint c = 0; cols[c] != NULL; c++)
        {
          char *printable = vigie_report_printable (cols[c]);

          g_free (cols[c]);
          cols[c] = printable;
        }
    }
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv cols = g_ptr_array_index (rows, r);

      for (guint c = 0; cols[c] != NULL; c++)
        {
          guint len = g_utf8_strlen (cols[c], -1);

          if (c >= widths->len)
            g_array_set_size (widths, c + 1);
          g_array_index (widths, guint, c) = MAX (g_array_index (widths, guint, c), len);
        }
    }
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv cols = g_ptr_array_index (rows, r);

      for (guint c = 0; cols[c] != NULL; c++)
        {
          g_string_append (out, cols[c]);
          if (cols[c + 1] != NULL)
            for (guint pad = g_utf8_strlen (cols[c], -1); pad < g_array_index (widths, guint, c) + 2; pad++)
              g_string_append_c (out, ' ');
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
dash (const char *value)
{
  return g_strdup (value != NULL && *value != '\0' ? value : "-");
}

void
vigie_report_inventory_rows (GPtrArray  *inventories,
                             gint64      now,
                             GPtrArray **endpoints_out,
                             GPtrArray **instances_out)
{
  GPtrArray *endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *instances = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (endpoints, g_strsplit (_("ENDPOINT|KIND|STATUS|PRODUCT|VERSION|SUPPORT|HOSTS|INSTANCES|STORAGE"), "|", -1));
  g_ptr_array_add (instances, g_strsplit (_("ENDPOINT|ID|NAME|TYPE|STATE|HOST|CPUS|MEMORY|OS"), "|", -1));

  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (inv->instances));
      GStrv row = g_new0 (char *, 10);

      row[0] = g_strdup (inv->endpoint);
      row[1] = g_strdup (vigie_kind_to_string (inv->kind));
      row[2] = inv->status == VIGIE_STATUS_OK
                 ? g_strdup ("ok")
                 : g_strdup_printf ("%s: %s", vigie_status_to_string (inv->status),
                                    inv->error ? inv->error : "");
      row[3] = dash (inv->product);
      row[4] = dash (inv->version);
      row[5] = vigie_report_support_cell (inv, now);
      row[6] = g_strdup_printf ("%u", g_list_model_get_n_items (G_LIST_MODEL (inv->hosts)));
      row[7] = g_strdup_printf ("%u", n);
      row[8] = g_strdup_printf ("%u", g_list_model_get_n_items (G_LIST_MODEL (inv->storage)));
      g_ptr_array_add (endpoints, row);

      for (guint k = 0; k < n; k++)
        {
          g_autoptr(VigieInstance) inst = g_list_model_get_item (G_LIST_MODEL (inv->instances), k);
          GStrv irow = g_new0 (char *, 10);

          irow[0] = g_strdup (inv->endpoint);
          irow[1] = dash (inst->id);
          irow[2] = dash (inst->name);
          irow[3] = g_strdup (vigie_instance_type_to_string (inst->type));
          irow[4] = g_strdup (vigie_instance_state_to_string (inst->state));
          irow[5] = dash (inst->host);
          irow[6] = inst->cpus >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, inst->cpus)
                                    : g_strdup ("-");
          irow[7] = vigie_format_bytes (inst->memory_bytes);
          irow[8] = dash (inst->os);
          g_ptr_array_add (instances, irow);
        }
    }
  *endpoints_out = endpoints;
  *instances_out = instances;
}

char *
vigie_report_inventory_table (GPtrArray *inventories,
                              gint64     now)
{
  g_autoptr(GPtrArray) endpoints = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autofree char *top = NULL;
  g_autofree char *bottom = NULL;

  vigie_report_inventory_rows (inventories, now, &endpoints, &instances);
  top = vigie_format_table (endpoints);
  bottom = vigie_format_table (instances);
  return g_strconcat (top, "\n", bottom, NULL);
}

static char *
join_strings (GPtrArray  *strings,
              const char *separator)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < strings->len; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, g_ptr_array_index (strings, i));
    }
  return g_string_free (out, FALSE);
}

char *
vigie_report_inventory_csv (GPtrArray *inventories)
{
  GString *out = g_string_new ("endpoint,kind,status,id,name,type,state,host,project,os,cpus,"
                               "memory_bytes,disk_bytes,snapshots,addresses,tags,template\r\n");

  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (inv->instances));

      for (guint k = 0; k < n; k++)
        {
          g_autoptr(VigieInstance) inst = g_list_model_get_item (G_LIST_MODEL (inv->instances), k);
          g_autofree char *cpus = inst->cpus >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, inst->cpus) : NULL;
          g_autofree char *mem = inst->memory_bytes >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, inst->memory_bytes) : NULL;
          g_autofree char *disk = inst->disk_bytes >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, inst->disk_bytes) : NULL;
          g_autofree char *snaps = inst->snapshots >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, inst->snapshots) : NULL;
          g_autofree char *addrs = NULL;
          g_autofree char *tags = NULL;
          const char *fields[17];

          addrs = join_strings (inst->addresses, " ");
          tags = join_strings (inst->tags, ";");

          fields[0] = inv->endpoint;
          fields[1] = vigie_kind_to_string (inv->kind);
          fields[2] = vigie_status_to_string (inv->status);
          fields[3] = inst->id;
          fields[4] = inst->name;
          fields[5] = vigie_instance_type_to_string (inst->type);
          fields[6] = vigie_instance_state_to_string (inst->state);
          fields[7] = inst->host;
          fields[8] = inst->project;
          fields[9] = inst->os;
          fields[10] = cpus;
          fields[11] = mem;
          fields[12] = disk;
          fields[13] = snaps;
          fields[14] = addrs;
          fields[15] = tags;
          fields[16] = inst->template ? "true" : "false";
          for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
            {
              if (f > 0)
                g_string_append_c (out, ',');
              /* cpus, memory_bytes, disk_bytes, snapshots */
              if (f >= 10 && f <= 13)
                vigie_csv_append_number (out, fields[f]);
              else
                vigie_csv_append_field (out, fields[f]);
            }
          g_string_append (out, "\r\n");
        }
    }
  return g_string_free (out, FALSE);
}
