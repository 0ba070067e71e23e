/* vigie-coverage-diff.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counting a round's statuses, and what got worse between two rounds: an
 * instance that was protected and is not any more, a job whose last result
 * became failed. The app notifies those; first sightings are not news.
 */

#define G_LOG_DOMAIN "vigie-coverage"

#include "config.h"

#include <string.h>

#include "vigie-coverage.h"

void
vigie_coverage_summarize (GListModel           *coverage,
                          VigieCoverageSummary *summary)
{
  guint n;

  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  n = coverage != NULL ? g_list_model_get_n_items (coverage) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieCoverage) row = g_list_model_get_item (coverage, i);

      summary->instances++;
      switch (row->status)
        {
        case VIGIE_BACKUP_PROTECTED: summary->protected_++; break;
        case VIGIE_BACKUP_STALE: summary->stale++; break;
        case VIGIE_BACKUP_FAILED: summary->failed++; break;
        case VIGIE_BACKUP_UNPROTECTED:
        default: summary->unprotected++; break;
        }
    }
}

/* Diffing two rounds */

static char *
row_key (VigieCoverage *row)
{
  /* The instance's identity, so a renamed endpoint is not news. */
  return vigie_instance_key_build (row->endpoint_uuid != NULL ? row->endpoint_uuid
                                                              : row->endpoint,
                                   row->project, row->instance_id);
}

static char *
job_identity (VigieJob *job)
{
  const char *endpoint = job->endpoint_uuid != NULL ? job->endpoint_uuid : job->endpoint;

  return g_strconcat (endpoint != NULL ? endpoint : "", "\n",
                      job->id != NULL ? job->id : job->name, NULL);
}

void
vigie_coverage_change_free (VigieCoverageChange *change)
{
  if (change == NULL)
    return;
  g_free (change->endpoint);
  g_free (change->name);
  g_free (change->message);
  g_free (change);
}

GPtrArray *
vigie_coverage_diff (GListModel *old_coverage,
                     GListModel *new_coverage,
                     GListModel *old_jobs,
                     GListModel *new_jobs)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_coverage_change_free);
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n;

  if (old_coverage != NULL && new_coverage != NULL)
    {
      n = g_list_model_get_n_items (old_coverage);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieCoverage) row = g_list_model_get_item (old_coverage, i);

          g_hash_table_insert (before, row_key (row), GINT_TO_POINTER (row->status + 1));
        }
      n = g_list_model_get_n_items (new_coverage);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieCoverage) row = g_list_model_get_item (new_coverage, i);
          g_autofree char *key = row_key (row);
          int old_status = GPOINTER_TO_INT (g_hash_table_lookup (before, key)) - 1;
          VigieCoverageChange *change;

          /* An instance seen for the first time, or one that vanished
           * with its endpoint, is not news. */
          if (old_status != VIGIE_BACKUP_PROTECTED || row->status == VIGIE_BACKUP_PROTECTED)
            continue;
          change = g_new0 (VigieCoverageChange, 1);
          change->kind = VIGIE_COVERAGE_CHANGE_INSTANCE;
          change->endpoint = g_strdup (row->endpoint);
          change->name = g_strdup (row->instance_name);
          change->old_status = old_status;
          change->new_status = row->status;
          g_ptr_array_add (changes, change);
        }
    }

  if (old_jobs != NULL && new_jobs != NULL)
    {
      g_hash_table_remove_all (before);
      n = g_list_model_get_n_items (old_jobs);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieJob) job = g_list_model_get_item (old_jobs, i);

          g_hash_table_insert (before, job_identity (job), GINT_TO_POINTER (job->last_result + 1));
        }
      n = g_list_model_get_n_items (new_jobs);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieJob) job = g_list_model_get_item (new_jobs, i);
          g_autofree char *key = job_identity (job);
          int old_result = GPOINTER_TO_INT (g_hash_table_lookup (before, key)) - 1;
          VigieCoverageChange *change;

          if (old_result < 0 || old_result == VIGIE_JOB_FAILED ||
              job->last_result != VIGIE_JOB_FAILED)
            continue;
          change = g_new0 (VigieCoverageChange, 1);
          change->kind = VIGIE_COVERAGE_CHANGE_JOB;
          change->endpoint = g_strdup (job->endpoint);
          change->name = g_strdup (job->name != NULL ? job->name : job->id);
          change->message = g_strdup (job->message);
          g_ptr_array_add (changes, change);
        }
    }
  return changes;
}
