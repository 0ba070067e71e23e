/* vigie-backups-page-compute.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Backups page's coverage: after a refresh round, the one computed on a
 * worker thread by the monitor's VigieCoverageRound (shared with the
 * Overview); computed here, on the main thread, when the page is given
 * inventories or another RPO. Shown by replacing only the rows that
 * changed, in one splice: with 10,000 instances, replacing every row made
 * the filter and sort models go over all of them again.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include "vigie-backups-page-private.h"
#include "vigie-backups-rows.h"
#include "vigie-instances-page-profile.h"

static gboolean
has_hypervisor (GPtrArray *inventories)
{
  for (guint i = 0; inventories != NULL && i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);

      if (vigie_kind_has_role (inv->kind, VIGIE_ROLE_COMPUTE))
        return TRUE;
    }
  return FALSE;
}

static char *
coverage_key (VigieCoverage *row)
{
  return g_strdup_printf ("%s\n%s\n%s", row->endpoint, row->project ? row->project : "",
                          row->instance_id);
}

/* What vigie_format_age() shows: the same for two ages shown alike. */
static gint64
age_shown (double hours)
{
  if (hours < 0)
    return -1;
  if (hours < 1)
    return (gint64) (hours * 60);
  if (hours < 48)
    return 1000 + (gint64) hours;
  return 100000 + (gint64) (hours / 24);
}

static gboolean
same_backups (GPtrArray *a,
              GPtrArray *b)
{
  guint n = a != NULL ? a->len : 0;

  if (n != (b != NULL ? b->len : 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      VigieBackupItem *x = g_ptr_array_index (a, i);
      VigieBackupItem *y = g_ptr_array_index (b, i);

      if (x != y &&
          (x->source != y->source || x->time != y->time || x->size != y->size ||
           x->verified != y->verified || x->failed != y->failed ||
           x->protected_ != y->protected_ || g_strcmp0 (x->endpoint, y->endpoint) != 0 ||
           g_strcmp0 (x->location, y->location) != 0 ||
           g_strcmp0 (x->namespace_, y->namespace_) != 0 ||
           g_strcmp0 (x->target_name, y->target_name) != 0 ||
           g_strcmp0 (x->job, y->job) != 0 || g_strcmp0 (x->volid, y->volid) != 0))
        return FALSE;
    }
  return TRUE;
}

/* Whether @old filters and sorts like @row, and shows alike but for its
 * age. */
static gboolean
same_row (VigieCoverage *old,
          VigieCoverage *row)
{
  return old->type == row->type && old->status == row->status &&
         old->last_backup == row->last_backup && old->backup_count == row->backup_count &&
         old->verified == row->verified && old->ambiguous == row->ambiguous &&
         old->last_failure == row->last_failure &&
         (old->age_hours < 0) == (row->age_hours < 0) &&
         g_strcmp0 (old->endpoint, row->endpoint) == 0 &&
         g_strcmp0 (old->endpoint_uuid, row->endpoint_uuid) == 0 &&
         g_strcmp0 (old->instance_id, row->instance_id) == 0 &&
         g_strcmp0 (old->instance_name, row->instance_name) == 0 &&
         g_strcmp0 (old->project, row->project) == 0 &&
         g_strcmp0 (old->source, row->source) == 0 &&
         same_backups (old->backups, row->backups);
}

/* Coverage rows alike keep the one shown, with the age it has now (it
 * grew by as much for every row: the order by age stays right). When the
 * hour changes, the age reads otherwise on rows here and there: their
 * cells show it again in place (replacing them, 3,000 rows at 10,000
 * guests, cost 170-320 ms). */
static gboolean
keep_row (gpointer old,
          gpointer row)
{
  VigieCoverage *shown = old;
  double age = ((VigieCoverage *) row)->age_hours;

  if (!same_row (shown, row))
    return FALSE;
  vigie_coverage_set_age_hours (shown, age, age_shown (shown->age_hours) != age_shown (age));
  return TRUE;
}

static gboolean
same_strings (GPtrArray *a,
              GPtrArray *b)
{
  if ((a != NULL ? a->len : 0) != (b != NULL ? b->len : 0))
    return FALSE;
  for (guint i = 0; a != NULL && i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
keep_job (gpointer old_job,
          gpointer new_job)
{
  VigieJob *old = old_job, *job = new_job;

  return old->enabled == job->enabled && old->last_result == job->last_result &&
         old->last_run == job->last_run && old->next_run == job->next_run &&
         old->all_targets == job->all_targets &&
         g_strcmp0 (old->endpoint, job->endpoint) == 0 &&
         g_strcmp0 (old->endpoint_uuid, job->endpoint_uuid) == 0 &&
         g_strcmp0 (old->id, job->id) == 0 && g_strcmp0 (old->name, job->name) == 0 &&
         g_strcmp0 (old->kind, job->kind) == 0 && g_strcmp0 (old->schedule, job->schedule) == 0 &&
         g_strcmp0 (old->message, job->message) == 0 &&
         g_strcmp0 (old->storage, job->storage) == 0 && g_strcmp0 (old->node, job->node) == 0 &&
         same_strings (old->targets, job->targets);
}

static void
splice_from (GListStore *shown,
             GListModel *rows,
             guint       position,
             guint       removed,
             guint       added)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (added, g_object_unref);

  for (guint i = position; i < position + added; i++)
    g_ptr_array_add (items, g_list_model_get_item (rows, i));
  g_list_store_splice (shown, position, removed, items->pdata, items->len);
}

/* The rows from the first that changed to the last replaced in one
 * splice; the others keep their objects (and their widgets). Not one
 * splice per run of changed rows: each makes the sort model go over every
 * row again (100 splices at 10,000 rows cost 2.4 s of CPU). */
static void
update_rows (GListStore *shown,
             GListModel *rows,
             gboolean  (*keep) (gpointer old,
                                gpointer row))
{
  guint n = g_list_model_get_n_items (rows);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (shown));
  guint first = G_MAXUINT, end = 0;

  if (n_shown != n)
    {
      splice_from (shown, rows, 0, n_shown, n);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) old = g_list_model_get_item (G_LIST_MODEL (shown), i);
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);

      if (!keep (old, row))
        {
          first = MIN (first, i);
          end = i + 1;
        }
    }
  if (first != G_MAXUINT)
    splice_from (shown, rows, first, end - first, end - first);
}

/* Shows @coverage and @jobs. @changes: what got worse since @diffed, or
 * NULL to find out here when notify. */
static void
apply (VigieBackupsPage *self,
       GListStore       *coverage,
       GListStore       *jobs,
       GListModel       *diffed,
       GPtrArray        *changes,
       gboolean          notify)
{
  g_autoptr(GPtrArray) own_changes = NULL;
  g_autofree char *selected_key = NULL;
  VigieCoverage *selected;
  guint n;

  if (notify)
    {
      if (changes == NULL || diffed == NULL ||
          diffed != G_LIST_MODEL (self->previous_coverage))
        changes = own_changes = vigie_coverage_diff (G_LIST_MODEL (self->previous_coverage),
                                                     G_LIST_MODEL (coverage),
                                                     G_LIST_MODEL (self->previous_jobs),
                                                     G_LIST_MODEL (jobs));
      if (changes->len > 0)
        vigie_backups_page_emit_changes (self, changes);
    }
  /* The previous round's rows are freed off the main thread. */
  if (self->previous_coverage != coverage)
    {
      vigie_drop_later (g_steal_pointer (&self->previous_coverage), g_object_unref);
      self->previous_coverage = g_object_ref (coverage);
    }
  if (self->previous_jobs != jobs)
    {
      vigie_drop_later (g_steal_pointer (&self->previous_jobs), g_object_unref);
      self->previous_jobs = g_object_ref (jobs);
    }

  /* Keep the selected instance selected across refreshes. */
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL && adw_flap_get_reveal_flap (self->flap))
    selected_key = coverage_key (selected);

  update_rows (self->coverage, G_LIST_MODEL (coverage), keep_row);
  update_rows (self->jobs, G_LIST_MODEL (jobs), keep_job);
  vigie_backups_page_update_all (self);
  gtk_stack_set_visible_child_name (self->stack,
                                    has_hypervisor (self->inventories) ? "content" : "empty");

  if (selected_key != NULL)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieCoverage) row = g_list_model_get_item (G_LIST_MODEL (self->selection), i);
          g_autofree char *key = coverage_key (row);

          if (g_str_equal (key, selected_key))
            {
              gtk_single_selection_set_selected (self->selection, i);
              vigie_backups_page_show_details (self, row);
              return;
            }
        }
    }
  adw_flap_set_reveal_flap (self->flap, FALSE);
}

void
vigie_backups_page_recompute (VigieBackupsPage *self,
                              gboolean          notify)
{
  g_autoptr(GListStore) coverage = NULL;
  g_autoptr(GListStore) jobs = NULL;
  gint64 now;

  if (self->inventories == NULL)
    self->inventories = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->clock == NULL)
    self->clock = vigie_clock_new_system ();
  now = vigie_clock_now (self->clock);
  coverage = vigie_coverage_compute (self->inventories, now, self->rpo_hours);
  jobs = vigie_coverage_collect_jobs (self->inventories);
  apply (self, coverage, jobs, NULL, NULL, notify);
}

void
vigie_backups_page_take_inventories (VigieBackupsPage *self)
{
  GListModel *model = vigie_monitor_get_inventories (self->monitor);
  guint n = g_list_model_get_n_items (model);

  g_clear_pointer (&self->inventories, g_ptr_array_unref);
  self->inventories = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->inventories, g_list_model_get_item (model, i));
  vigie_coverage_note_fingerprints (self->inventories, vigie_monitor_get_store (self->monitor));
}

/* A refresh round's coverage, computed off the main thread. */
static void
on_round_computed_cb (VigieBackupsPage *self)
{
  const VigieCoverageResult *result = vigie_coverage_round_get_result (self->round);
  gint64 start;

  /* The Overview asks for some between rounds: the page shows rounds. */
  if (result == NULL || !result->end_of_round)
    return;
  start = vigie_profile_begin ();
  /* The last reference to the previous round's inventories, often. */
  vigie_drop_later (g_steal_pointer (&self->inventories), (GDestroyNotify) g_ptr_array_unref);
  self->inventories = g_ptr_array_ref (result->inventories);
  if (result->rpo_hours == self->rpo_hours && result->clock != NULL &&
      result->clock == self->clock)
    {
      apply (self, result->coverage, result->jobs, result->diffed, result->changes, TRUE);
      self->n_applied++;
    }
  else
    /* Another RPO or clock than the monitor's (set on the page itself). */
    vigie_backups_page_recompute (self, TRUE);
  if (start != 0)
    vigie_profile_log ("backups-recompute", (g_get_monotonic_time () - start) / 1000.0, 0);
}

void
vigie_backups_page_follow_round (VigieBackupsPage *self)
{
  if (self->round != NULL)
    g_signal_handlers_disconnect_by_data (self->round, self);
  self->round = vigie_coverage_round_get (self->monitor);
  g_signal_connect_object (self->round, "computed", G_CALLBACK (on_round_computed_cb), self,
                           G_CONNECT_SWAPPED);
}
