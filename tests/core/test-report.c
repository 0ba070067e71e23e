/* test-report.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report writers' building blocks, directly: the null conventions of
 * the JSON helpers, printable text, CSV fields and numbers. (Whole reports
 * are checked against the contract in test-backend, test-coverage and the
 * CLI tests.)
 */

#include "config.h"

#include <math.h>

#include "vigie-clock.h"
#include "vigie-inventory.h"
#include "vigie-report.h"
#include "vigie-resources.h"

static char *
object_of (void (*fill) (JsonBuilder *builder))
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_builder_begin_object (builder);
  fill (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
fill_nulls (JsonBuilder *builder)
{
  vigie_json_add_string (builder, "s", NULL);
  vigie_json_add_int (builder, "i", VIGIE_UNSET);
  vigie_json_add_fraction (builder, "f", -1.0);
  vigie_json_add_fraction (builder, "nan", NAN);
  vigie_json_add_time (builder, "t", 0);
}

static void
fill_values (JsonBuilder *builder)
{
  vigie_json_add_string (builder, "s", "");
  vigie_json_add_int (builder, "i", 0);
  vigie_json_add_fraction (builder, "f", 0.5);
  vigie_json_add_time (builder, "t", 86400);
}

/* What a backend did not report is null, never 0, "" or a made-up date;
 * what it reported as 0 or "" stays so. */
static void
test_json_nulls (void)
{
  g_autofree char *nulls = object_of (fill_nulls);
  g_autofree char *values = object_of (fill_values);
  g_autofree char *day = vigie_format_time (86400);
  g_autofree char *expected = g_strdup_printf ("{\"s\":\"\",\"i\":0,\"f\":0.5,\"t\":\"%s\"}", day);

  g_assert_cmpstr (nulls, ==, "{\"s\":null,\"i\":null,\"f\":null,\"nan\":null,\"t\":null}");
  g_assert_cmpstr (day, ==, "1970-01-02T00:00:00Z");
  g_assert_cmpstr (values, ==, expected);
}

/* Text from servers printed on a terminal: controls and bad UTF-8 made
 * visible, the rest (including non-ASCII) unchanged. */
static void
test_printable (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { "été", "été" },
    { "a\x1b[2Jb", "a\\x1b[2Jb" },
    { "tab\there", "tab\\x09here" },
    { "del\x7f", "del\\x7f" },
    { "c1\xc2\x9b", "c1\\u009b" },
    { "bad\xff", "bad\xef\xbf\xbd" },
  };
  g_autofree char *empty = vigie_report_printable (NULL);

  g_assert_cmpstr (empty, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = vigie_report_printable (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_csv_fields (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "=1+1", "\"'=1+1\"" },
    { "-3", "\"'-3\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      vigie_csv_append_field (out, cases[i].in);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
  {
    g_autoptr(GString) out = g_string_new (NULL);

    /* A number Vigie formatted stays a number; NULL is an empty field. */
    vigie_csv_append_number (out, "-3");
    vigie_csv_append_field (out, NULL);
    g_assert_cmpstr (out->str, ==, "-3");
  }
}

/* Every member an instance can have: numbers, fractions, null and empty
 * lists, devices, text with quotes, control characters and UTF-8. */
static VigieInstance *
full_instance (void)
{
  VigieInstance *instance = vigie_instance_new ();
  VigieDisk *disk = vigie_disk_new ();
  VigieNic *nic = vigie_nic_new ();
  VigieNic *bare = vigie_nic_new ();
  VigieSnapshot *snapshot = vigie_snapshot_new ();

  instance->id = g_strdup ("vm-101");
  instance->name = g_strdup ("db \\ «prod» \t\x01\x7f");
  instance->type = VIGIE_INSTANCE_VM;
  instance->state = VIGIE_STATE_RUNNING;
  instance->host = g_strdup ("esx-1");
  instance->os = g_strdup ("Debian GNU/Linux 12 (64-bit)");
  instance->cpus = 4;
  instance->memory_bytes = G_GINT64_CONSTANT (8589934592);
  instance->memory_used_bytes = 0;
  instance->cpu_usage = 0.1;
  instance->disk_bytes = G_GINT64_CONSTANT (107374182400);
  instance->snapshots = 1;
  instance->template = TRUE;
  instance->uuid = g_strdup ("4211c0de-0000-0000-0000-000000000001");
  g_ptr_array_add (instance->addresses, g_strdup ("10.0.0.5"));
  g_ptr_array_add (instance->addresses, g_strdup ("fe80::1"));
  g_ptr_array_add (instance->tags, g_strdup ("prod"));
  instance->disks = vigie_disk_array_new ();
  disk->label = g_strdup ("Hard disk 1");
  disk->path = g_strdup ("[ds \"1\"] db/db.vmdk");
  disk->capacity_bytes = G_GINT64_CONSTANT (107374182400);
  disk->thin = 1;
  g_ptr_array_add (instance->disks, disk);
  instance->nics = vigie_nic_array_new ();
  nic->label = g_strdup ("Network adapter 1");
  nic->mac = g_strdup ("00:50:56:00:00:01");
  nic->connected = 0;
  vigie_nic_add_address (nic, "10.0.0.5");
  g_ptr_array_add (instance->nics, nic);
  g_ptr_array_add (instance->nics, bare);
  instance->snapshot_list = vigie_snapshot_array_new ();
  snapshot->name = g_strdup ("before\nupgrade");
  snapshot->time = 1764093600;
  snapshot->quiesced = VIGIE_UNSET;
  g_ptr_array_add (instance->snapshot_list, snapshot);
  return instance;
}

/* The inventory document written one instance at a time is the very text
 * of the whole tree: endpoints with none, one or several instances, line
 * breaks in names (escaped, never raw), and names that look like the
 * placeholder the instances are printed in place of. */
static void
test_inventory_json_text (void)
{
  g_autoptr(GPtrArray) inventories = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint n = 0; n < 4; n++)
    {
      g_autoptr(GPtrArray) some = g_ptr_array_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *whole = NULL;
      g_autoptr(GString) text = NULL;

      for (guint i = 0; i < inventories->len; i++)
        g_ptr_array_add (some, g_ptr_array_index (inventories, i));
      root = vigie_report_inventory_json (some, 86400);
      whole = vigie_json_to_string (root);
      text = vigie_report_inventory_json_text (some, 86400);
      g_assert_cmpstr (text->str, ==, whole);

      {
        g_autofree char *name = g_strdup_printf ("lab-%u\nline two", n);
        VigieInventory *inventory = vigie_inventory_new (name, VIGIE_KIND_PROXMOX,
                                                         "https://127.0.0.1:8006");
        g_autoptr(VigieInstance) instance = vigie_instance_new ();

        instance->name = g_strdup ("vm \"one\"\n{\n}");
        /* The first endpoint has no instance, the others one more each. */
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(VigieInstance) another = vigie_instance_new ();

            another->name = g_strdup_printf ("vigie-slot-%u", i);
            another->os = g_strdup ("\"vigie-slot-\"");
            vigie_inventory_add_instance (inventory, another);
          }
        if (n > 0)
          vigie_inventory_add_instance (inventory, instance);
        if (n == 2)
          {
            g_autoptr(VigieInstance) full = full_instance ();

            vigie_inventory_add_instance (inventory, full);
          }
        vigie_inventory_add_warning (inventory, "warning\n%u", n);
        g_ptr_array_add (inventories, inventory);
      }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vigie/report/json-nulls", test_json_nulls);
  g_test_add_func ("/vigie/report/printable", test_printable);
  g_test_add_func ("/vigie/report/csv-fields", test_csv_fields);
  g_test_add_func ("/vigie/report/inventory-json-text", test_inventory_json_text);
  return g_test_run ();
}
