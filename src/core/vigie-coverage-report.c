/* vigie-coverage-report.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "vigie.backups/1" document (../contract/backups.schema.json) and its
 * table and CSV views.
 */

#define G_LOG_DOMAIN "vigie-coverage"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "vigie-clock.h"
#include "vigie-coverage.h"
#include "vigie-report.h"

/* Two decimals: 1 s is 0.0003 h, so a row one second past the RPO may read
 * the same age as one exactly at it; the status tells them apart. */
static double
round_hours (double hours)
{
  return round (hours * 100) / 100;
}

char *
vigie_format_age (double hours)
{
  if (hours < 0)
    return g_strdup ("-");
  if (hours < 1)
    /* Translators: an age in minutes, keep it short */
    return g_strdup_printf (_("%d min"), (int) (hours * 60));
  if (hours < 48)
    /* Translators: an age in hours, keep it short */
    return g_strdup_printf (_("%d h"), (int) hours);
  /* Translators: an age in days, keep it short */
  return g_strdup_printf (_("%d d"), (int) (hours / 24));
}

static void
add_coverage_row (JsonBuilder   *builder,
                  VigieCoverage *row)
{
  json_builder_begin_object (builder);
  vigie_json_add_string (builder, "endpoint", row->endpoint);
  vigie_json_add_string (builder, "instance_id", row->instance_id);
  vigie_json_add_string (builder, "instance_name", row->instance_name);
  vigie_json_add_string (builder, "project", row->project);
  vigie_json_add_string (builder, "type", vigie_instance_type_to_string (row->type));
  vigie_json_add_time (builder, "last_backup", row->last_backup);
  json_builder_set_member_name (builder, "age_hours");
  if (row->age_hours < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, round_hours (row->age_hours));
  vigie_json_add_string (builder, "source", row->source);
  json_builder_set_member_name (builder, "backup_count");
  json_builder_add_int_value (builder, row->backup_count);
  vigie_json_add_string (builder, "verified", vigie_verified_to_string (row->verified));
  vigie_json_add_string (builder, "status", vigie_backup_status_to_string (row->status));
  json_builder_set_member_name (builder, "ambiguous");
  json_builder_add_boolean_value (builder, row->ambiguous);
  json_builder_end_object (builder);
}

static void
add_job (JsonBuilder *builder,
         VigieJob    *job)
{
  json_builder_begin_object (builder);
  vigie_json_add_string (builder, "endpoint", job->endpoint ? job->endpoint : "");
  vigie_json_add_string (builder, "name", job->name ? job->name : job->id ? job->id : "");
  vigie_json_add_string (builder, "id", job->id);
  /* Beyond the contract: "backup", "replica", "backup-copy", … */
  vigie_json_add_string (builder, "type", job->kind);
  json_builder_set_member_name (builder, "enabled");
  if (job->enabled < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, job->enabled != 0);
  vigie_json_add_string (builder, "schedule", job->schedule);
  vigie_json_add_string (builder, "last_result", vigie_job_result_to_string (job->last_result));
  vigie_json_add_time (builder, "last_run", job->last_run);
  vigie_json_add_time (builder, "next_run", job->next_run);
  vigie_json_add_string (builder, "message", job->message);
  json_builder_end_object (builder);
}

JsonNode *
vigie_report_backups_json (GPtrArray  *inventories,
                           GListModel *coverage,
                           GListModel *jobs,
                           double      rpo_hours,
                           gint64      now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  VigieCoverageSummary summary;
  guint n;

  g_return_val_if_fail (inventories != NULL, NULL);

  json_builder_begin_object (builder);
  vigie_json_add_string (builder, "schema", "vigie.backups/1");
  vigie_json_add_time (builder, "generated_at", now);
  json_builder_set_member_name (builder, "rpo_hours");
  json_builder_add_double_value (builder, rpo_hours);

  json_builder_set_member_name (builder, "endpoints");
  json_builder_begin_array (builder);
  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);

      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "name", inv->endpoint);
      vigie_json_add_string (builder, "kind", vigie_kind_to_string (inv->kind));
      vigie_json_add_string (builder, "status", vigie_status_to_string (inv->status));
      vigie_json_add_string (builder, "error", inv->status == VIGIE_STATUS_OK ? NULL : inv->error);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "coverage");
  json_builder_begin_array (builder);
  n = coverage != NULL ? g_list_model_get_n_items (coverage) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieCoverage) row = g_list_model_get_item (coverage, i);

      add_coverage_row (builder, row);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "jobs");
  json_builder_begin_array (builder);
  n = jobs != NULL ? g_list_model_get_n_items (jobs) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieJob) job = g_list_model_get_item (jobs, i);

      add_job (builder, job);
    }
  json_builder_end_array (builder);

  vigie_coverage_summarize (coverage, &summary);
  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "instances");
  json_builder_add_int_value (builder, summary.instances);
  json_builder_set_member_name (builder, "protected");
  json_builder_add_int_value (builder, summary.protected_);
  json_builder_set_member_name (builder, "stale");
  json_builder_add_int_value (builder, summary.stale);
  json_builder_set_member_name (builder, "unprotected");
  json_builder_add_int_value (builder, summary.unprotected);
  json_builder_set_member_name (builder, "failed");
  json_builder_add_int_value (builder, summary.failed);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
dash (const char *value)
{
  return g_strdup (value != NULL && *value != '\0' ? value : "-");
}

static char *
format_short_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds <= 0)
    return g_strdup ("-");
  dt = g_date_time_new_from_unix_utc (unix_seconds);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%MZ") : g_strdup ("-");
}

GPtrArray *
vigie_report_backups_rows (GListModel *coverage)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n;

  g_ptr_array_add (rows, g_strsplit (_("ENDPOINT|ID|NAME|TYPE|STATUS|LAST BACKUP|AGE|SOURCE|"
                                        "COUNT|VERIFIED"), "|", -1));
  n = coverage != NULL ? g_list_model_get_n_items (coverage) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieCoverage) row = g_list_model_get_item (coverage, i);
      GStrv cols = g_new0 (char *, 11);

      cols[0] = g_strdup (row->endpoint);
      cols[1] = row->project != NULL ? g_strdup_printf ("%s/%s", row->project, row->instance_id)
                                     : dash (row->instance_id);
      cols[2] = dash (row->instance_name);
      cols[3] = g_strdup (vigie_instance_type_to_string (row->type));
      cols[4] = row->ambiguous
                  ? g_strdup_printf ("%s (%s)", vigie_backup_status_to_string (row->status),
                                     _("ambiguous"))
                  : g_strdup (vigie_backup_status_to_string (row->status));
      cols[5] = format_short_time (row->last_backup);
      cols[6] = vigie_format_age (row->age_hours);
      cols[7] = dash (row->source);
      cols[8] = g_strdup_printf ("%u", row->backup_count);
      cols[9] = g_strdup (vigie_verified_to_string (row->verified));
      g_ptr_array_add (rows, cols);
    }
  return rows;
}

GPtrArray *
vigie_report_jobs_rows (GListModel *jobs)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n = jobs != NULL ? g_list_model_get_n_items (jobs) : 0;

  g_ptr_array_add (rows, g_strsplit (_("ENDPOINT|JOB|TYPE|ENABLED|SCHEDULE|"
                                        "LAST RESULT|LAST RUN|NEXT RUN"), "|", -1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieJob) job = g_list_model_get_item (jobs, i);
      GStrv cols = g_new0 (char *, 9);

      cols[0] = dash (job->endpoint);
      cols[1] = dash (job->name != NULL ? job->name : job->id);
      cols[2] = dash (job->kind);
      cols[3] = g_strdup (job->enabled < 0 ? "-" : job->enabled ? _("yes") : _("no"));
      cols[4] = dash (job->schedule);
      cols[5] = g_strdup (vigie_job_result_to_string (job->last_result));
      cols[6] = format_short_time (job->last_run);
      cols[7] = format_short_time (job->next_run);
      g_ptr_array_add (rows, cols);
    }
  return rows;
}

char *
vigie_report_backups_summary (GListModel *coverage)
{
  VigieCoverageSummary summary;

  vigie_coverage_summarize (coverage, &summary);
  return g_strdup_printf (_("%u instances: %u protected, %u stale, %u unprotected, %u failed\n"),
                          summary.instances, summary.protected_, summary.stale,
                          summary.unprotected, summary.failed);
}

char *
vigie_report_backups_table (GPtrArray  *inventories,
                            GListModel *coverage,
                            GListModel *jobs)
{
  g_autoptr(GPtrArray) rows = vigie_report_backups_rows (coverage);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *table = NULL;
  g_autofree char *summary = NULL;

  table = vigie_format_table (rows);
  g_string_append (out, table);

  for (guint i = 0; inventories != NULL && i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);

      g_autofree char *endpoint = NULL;
      g_autofree char *reason = NULL;

      if (inv->status == VIGIE_STATUS_OK)
        continue;
      /* Outside the table, and the reason may quote the server. */
      endpoint = vigie_report_printable (inv->endpoint);
      reason = vigie_report_printable (inv->error);
      g_string_append_printf (out, _("%s: %s: %s\n"), endpoint,
                              vigie_status_to_string (inv->status), reason);
    }

  if (jobs != NULL && g_list_model_get_n_items (jobs) > 0)
    {
      g_autoptr(GPtrArray) job_rows = vigie_report_jobs_rows (jobs);
      g_autofree char *jobs_table = vigie_format_table (job_rows);

      g_string_append_c (out, '\n');
      g_string_append (out, jobs_table);
    }

  summary = vigie_report_backups_summary (coverage);
  g_string_append_c (out, '\n');
  g_string_append (out, summary);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
vigie_report_backups_csv (GListModel *coverage)
{
  GString *out = g_string_new ("endpoint,instance_id,instance_name,project,type,last_backup,"
                               "age_hours,source,backup_count,verified,status,ambiguous\r\n");
  guint n = coverage != NULL ? g_list_model_get_n_items (coverage) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieCoverage) row = g_list_model_get_item (coverage, i);
      g_autofree char *last = vigie_format_time (row->last_backup);
      g_autofree char *age = NULL;
      g_autofree char *count = g_strdup_printf ("%u", row->backup_count);
      const char *fields[12];

      if (row->age_hours >= 0)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          age = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", round_hours (row->age_hours)));
        }
      fields[0] = row->endpoint;
      fields[1] = row->instance_id;
      fields[2] = row->instance_name;
      fields[3] = row->project;
      fields[4] = vigie_instance_type_to_string (row->type);
      fields[5] = last;
      fields[6] = age;
      fields[7] = row->source;
      fields[8] = count;
      fields[9] = vigie_verified_to_string (row->verified);
      fields[10] = vigie_backup_status_to_string (row->status);
      fields[11] = row->ambiguous ? "true" : "false";
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          if (f > 0)
            g_string_append_c (out, ',');
          /* age_hours, backup_count */
          if (f == 6 || f == 8)
            vigie_csv_append_number (out, fields[f]);
          else
            vigie_csv_append_field (out, fields[f]);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}
