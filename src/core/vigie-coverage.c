/* vigie-coverage.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The coverage rows: one per hypervisor instance, with its distinct backups,
 * its newest one and a status against the RPO. Which backup belongs to
 * which instance is decided in vigie-coverage-match.c.
 */

#define G_LOG_DOMAIN "vigie-coverage"

#include "config.h"

#include <string.h>

#include "vigie-coverage-private.h"
#include "vigie-enum-types.h"
#include "vigie-kind.h"

enum {
  PROP_0,
  PROP_INSTANCE_NAME,
  PROP_STATUS,
  PROP_AGE_HOURS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (VigieCoverage, vigie_coverage, G_TYPE_OBJECT)

static void
vigie_coverage_finalize (GObject *object)
{
  VigieCoverage *self = (VigieCoverage *) object;

  g_free (self->endpoint);
  g_free (self->endpoint_uuid);
  g_free (self->instance_id);
  g_free (self->instance_name);
  g_free (self->project);
  g_free (self->source);
  g_clear_pointer (&self->backups, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_coverage_parent_class)->finalize (object);
}

static void
vigie_coverage_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VigieCoverage *self = VIGIE_COVERAGE (object);

  switch (prop_id)
    {
    case PROP_INSTANCE_NAME:
      g_value_set_string (value, self->instance_name);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_AGE_HOURS:
      g_value_set_double (value, self->age_hours);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_coverage_class_init (VigieCoverageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_coverage_finalize;
  object_class->get_property = vigie_coverage_get_property;

  properties[PROP_INSTANCE_NAME] =
    g_param_spec_string ("instance-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, VIGIE_TYPE_BACKUP_STATUS, VIGIE_BACKUP_UNPROTECTED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Notified when a row shown keeps its object but its age changes how it
   * reads (vigie_coverage_set_age_hours()): its cells update in place. */
  properties[PROP_AGE_HOURS] =
    g_param_spec_double ("age-hours", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_coverage_init (VigieCoverage *self)
{
  self->age_hours = -1;
}

VigieCoverage *
vigie_coverage_new (void)
{
  return g_object_new (VIGIE_TYPE_COVERAGE, NULL);
}

void
vigie_coverage_set_age_hours (VigieCoverage *self,
                              double         age_hours,
                              gboolean       notify)
{
  g_return_if_fail (VIGIE_IS_COVERAGE (self));

  if (self->age_hours == age_hours)
    return;
  self->age_hours = age_hours;
  if (notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGE_HOURS]);
}

/* The computation */

static gboolean
is_hypervisor (VigieKind kind)
{
  return vigie_kind_has_role (kind, VIGIE_ROLE_COMPUTE);
}

static char *
job_key (const char *endpoint,
         const char *name)
{
  return g_strconcat (endpoint != NULL ? endpoint : "", "\n", name, NULL);
}

static VigieJob *
find_job (Engine          *engine,
          VigieBackupItem *item)
{
  g_autofree char *key = NULL;

  if (item->job == NULL)
    return NULL;
  key = job_key (item->endpoint, item->job);
  return g_hash_table_lookup (engine->jobs, key);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const VigieBackupItem *ia = *(VigieBackupItem * const *) a;
  const VigieBackupItem *ib = *(VigieBackupItem * const *) b;

  return (ib->time > ia->time) - (ib->time < ia->time);
}

static void
finish_target (Engine *engine,
               Target *target,
               gint64  now,
               double  rpo_hours)
{
  VigieCoverage *row = target->row;
  Distinct *newest = NULL;
  GHashTableIter iter;
  gpointer value;
  VigieJob *job;

  if (target->distinct != NULL || target->failures != NULL)
    row->backups = g_ptr_array_new_with_free_func (g_object_unref);
  if (target->distinct != NULL)
    {
      g_hash_table_iter_init (&iter, target->distinct);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Distinct *distinct = value;

          g_ptr_array_add (row->backups, g_object_ref (distinct->item));
          row->backup_count++;
          if (newest == NULL || distinct->item->time > newest->item->time ||
              (distinct->item->time == newest->item->time &&
               distinct->item->source == VIGIE_BACKUP_SOURCE_PBS))
            newest = distinct;
        }
    }
  if (target->failures != NULL)
    {
      g_hash_table_iter_init (&iter, target->failures);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          VigieBackupItem *failure = value;

          g_ptr_array_add (row->backups, g_object_ref (failure));
          row->last_failure = MAX (row->last_failure, failure->time);
        }
    }
  if (row->backups != NULL)
    g_ptr_array_sort (row->backups, compare_newest_first);

  if (newest == NULL)
    {
      row->status = row->last_failure > 0 ? VIGIE_BACKUP_FAILED : VIGIE_BACKUP_UNPROTECTED;
      return;
    }

  row->last_backup = newest->item->time;
  row->age_hours = MAX (0, now - newest->item->time) / 3600.0;
  row->source = vigie_coverage_describe_source (newest->item);
  row->verified = newest->verified;

  job = find_job (engine, newest->item);
  if (job != NULL && job->last_result == VIGIE_JOB_FAILED && job->last_run > row->last_backup)
    row->last_failure = MAX (row->last_failure, job->last_run);

  /* The boundary: exactly RPO old still protects; one second more does not. */
  if (row->verified == VIGIE_VERIFIED_FAILED || row->last_failure > row->last_backup)
    row->status = VIGIE_BACKUP_FAILED;
  else if ((double) (now - row->last_backup) <= rpo_hours * 3600.0)
    row->status = VIGIE_BACKUP_PROTECTED;
  else
    row->status = VIGIE_BACKUP_STALE;
}

void
vigie_coverage_note_fingerprints (GPtrArray          *inventories,
                                  VigieEndpointStore *store)
{
  g_return_if_fail (inventories != NULL);
  g_return_if_fail (VIGIE_IS_ENDPOINT_STORE (store));

  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);
      VigieEndpoint *endpoint;
      const char *fingerprint;

      if (inv->kind != VIGIE_KIND_PBS ||
          (inv->extra != NULL && g_hash_table_contains (inv->extra, "fingerprint")))
        continue;
      endpoint = vigie_endpoint_store_find_by_name (store, inv->endpoint);
      fingerprint = endpoint != NULL ? vigie_endpoint_get_fingerprint (endpoint) : NULL;
      if (fingerprint != NULL && *fingerprint != '\0')
        vigie_resource_set_extra (&inv->extra, "fingerprint", fingerprint);
    }
}

GListStore *
vigie_coverage_compute (GPtrArray *inventories,
                        gint64     now,
                        double     rpo_hours)
{
  g_autoptr(GListStore) result = g_list_store_new (VIGIE_TYPE_COVERAGE);
  Engine engine = { 0 };

  g_return_val_if_fail (inventories != NULL, NULL);

  engine.inventories = inventories;
  engine.targets = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_coverage_target_free);
  engine.by_inventory = g_hash_table_new_full (NULL, NULL, NULL,
                                               (GDestroyNotify) g_ptr_array_unref);
  engine.jobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  engine.index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);
      GPtrArray *mine;
      guint n;

      n = g_list_model_get_n_items (G_LIST_MODEL (inv->jobs));
      for (guint k = 0; k < n; k++)
        {
          g_autoptr(VigieJob) job = g_list_model_get_item (G_LIST_MODEL (inv->jobs), k);

          if (job->name != NULL)
            g_hash_table_replace (engine.jobs, job_key (job->endpoint, job->name), job);
          if (job->id != NULL)
            g_hash_table_replace (engine.jobs, job_key (job->endpoint, job->id), job);
        }

      if (!is_hypervisor (inv->kind) || g_hash_table_contains (engine.by_inventory, inv))
        continue;
      if (inv->kind == VIGIE_KIND_ESXI)
        engine.n_esxi++;
      mine = g_ptr_array_new ();
      g_hash_table_insert (engine.by_inventory, inv, mine);
      n = g_list_model_get_n_items (G_LIST_MODEL (inv->instances));
      for (guint k = 0; k < n; k++)
        {
          Target *target = g_new0 (Target, 1);
          VigieCoverage *row = vigie_coverage_new ();

          target->inv = inv;
          target->inst = g_list_model_get_item (G_LIST_MODEL (inv->instances), k);
          target->row = row;
          row->endpoint = g_strdup (inv->endpoint);
          row->endpoint_uuid = g_strdup (inv->endpoint_uuid);
          row->instance_id = g_strdup (target->inst->id != NULL ? target->inst->id : "");
          row->instance_name = g_strdup (target->inst->name != NULL ? target->inst->name
                                                                    : row->instance_id);
          row->project = g_strdup (target->inst->project);
          row->type = target->inst->type;
          g_ptr_array_add (engine.targets, target);
          g_ptr_array_add (mine, target);
          vigie_coverage_index_add (&engine, 'i', inv, target->inst->id, target);
          if (inv->kind == VIGIE_KIND_ESXI)
            {
              g_autofree char *uuid = vigie_coverage_normalize_uuid (target->inst->uuid);

              vigie_coverage_index_add (&engine, 'u', NULL, uuid, target);
              vigie_coverage_index_add (&engine, 'm', NULL, target->inst->id, target);
              vigie_coverage_index_add (&engine, 'n', NULL, target->inst->name, target);
            }
        }
    }

  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (inv->backups));

      for (guint k = 0; k < n; k++)
        {
          g_autoptr(VigieBackupItem) item = g_list_model_get_item (G_LIST_MODEL (inv->backups), k);

          vigie_coverage_match_item (&engine, item);
        }
    }

  for (guint i = 0; i < engine.targets->len; i++)
    {
      Target *target = g_ptr_array_index (engine.targets, i);

      finish_target (&engine, target, now, rpo_hours);
      /* A template never runs: without a backup it is not an unprotected
       * guest. Its backups still count when it has some. */
      if (target->inst->template && target->row->status == VIGIE_BACKUP_UNPROTECTED)
        continue;
      g_list_store_append (result, target->row);
    }

  g_ptr_array_unref (engine.targets);
  g_hash_table_unref (engine.by_inventory);
  g_hash_table_unref (engine.jobs);
  g_hash_table_unref (engine.index);
  g_clear_pointer (&engine.pbs_of_storage, g_hash_table_unref);
  g_clear_pointer (&engine.pbs_users, g_hash_table_unref);
  return g_steal_pointer (&result);
}

/* Every data protection job is listed: backups, but also Veeam's replica,
 * backup copy, file and agent jobs. Only PBS's maintenance jobs (verify,
 * prune, sync, gc) are not. */
static gboolean
is_backup_job (VigieJob *job)
{
  static const char * const maintenance[] = { "verify", "prune", "sync", "gc", NULL };

  return job->kind == NULL || !g_strv_contains (maintenance, job->kind);
}

GListStore *
vigie_coverage_collect_jobs (GPtrArray *inventories)
{
  GListStore *jobs = g_list_store_new (VIGIE_TYPE_JOB);

  g_return_val_if_fail (inventories != NULL, jobs);

  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (inventories, i);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (inv->jobs));

      for (guint k = 0; k < n; k++)
        {
          g_autoptr(VigieJob) job = g_list_model_get_item (G_LIST_MODEL (inv->jobs), k);

          if (is_backup_job (job))
            g_list_store_append (jobs, job);
        }
    }
  return jobs;
}
