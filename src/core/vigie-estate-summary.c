/* vigie-estate-summary.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-estate"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "vigie-estate-summary.h"
#include "vigie-kind.h"

gboolean
vigie_estate_inventory_is_fetched (VigieInventory *inventory)
{
  /* The monitor's placeholder has status ok, no product and no latency. */
  if (inventory == NULL)
    return FALSE;
  return inventory->status != VIGIE_STATUS_OK || inventory->latency_ms >= 0 ||
         inventory->product != NULL;
}

static void
alert_free (VigieEstateAlert *alert)
{
  g_free (alert->endpoint);
  g_free (alert->subject);
  g_free (alert->title);
  g_free (alert->detail);
  g_free (alert);
}

static void
version_free (VigieEstateVersion *version)
{
  g_free (version->product);
  g_free (version->version);
  g_free (version->line);
  g_free (version->ends);
  g_free (version);
}

void
vigie_estate_summary_free (VigieEstateSummary *summary)
{
  if (summary == NULL)
    return;
  g_ptr_array_unref (summary->versions);
  g_ptr_array_unref (summary->alerts);
  g_free (summary);
}

char *
vigie_estate_alert_key (const VigieEstateAlert *alert)
{
  g_return_val_if_fail (alert != NULL, NULL);
  return g_strdup_printf ("%d\n%s\n%s", alert->kind, alert->endpoint,
                          alert->subject != NULL ? alert->subject : "");
}

static VigieEstateAlert *
add_alert (VigieEstateSummary *summary,
           VigieAlertKind      kind,
           gboolean            error,
           const char         *endpoint,
           const char         *subject,
           char               *title,
           char               *detail)
{
  VigieEstateAlert *alert = g_new0 (VigieEstateAlert, 1);

  alert->kind = kind;
  alert->error = error;
  alert->place = kind == VIGIE_ALERT_JOB_FAILED ? VIGIE_ALERT_PLACE_BACKUPS
                                                : VIGIE_ALERT_PLACE_ENDPOINT;
  alert->endpoint = g_strdup (endpoint);
  alert->subject = g_strdup (subject);
  alert->title = title;
  alert->detail = detail;
  g_ptr_array_add (summary->alerts, alert);
  return alert;
}

/* "31 August 2026" from "2026-08-31", as the rest of the app writes days. */
static char *
format_day (const char *iso_date)
{
  g_autoptr(GDateTime) time = NULL;
  guint year, month, day;
  char tail;

  if (iso_date == NULL || sscanf (iso_date, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  time = g_date_time_new_utc (year, month, day, 12, 0, 0);
  /* Translators: a day in a sentence, e.g. “31 August 2026”; the format of
   * g_date_time_format() (%-d day, %B month name, %Y year) */
  return time != NULL ? g_date_time_format (time, _("%-d %B %Y")) : NULL;
}

static void
count_endpoint (VigieEstateSummary *summary,
                VigieInventory     *inventory)
{
  summary->endpoints++;
  if (!vigie_estate_inventory_is_fetched (inventory))
    summary->endpoints_pending++;
  else if (inventory->status == VIGIE_STATUS_OK)
    summary->endpoints_ok++;
  else
    {
      const char *why = inventory->error != NULL ? inventory->error
                                                 : vigie_status_get_label (inventory->status);

      summary->endpoints_failing++;
      if (inventory->status == VIGIE_STATUS_CERTIFICATE_CHANGED)
        add_alert (summary, VIGIE_ALERT_CERTIFICATE_CHANGED, TRUE, inventory->endpoint, NULL,
                   /* Translators: %s is an endpoint name */
                   g_strdup_printf (_("The certificate of %s changed"), inventory->endpoint),
                   g_strdup (why));
      else
        add_alert (summary, VIGIE_ALERT_UNREACHABLE, TRUE, inventory->endpoint, NULL,
                   /* Translators: %s is an endpoint name */
                   g_strdup_printf (_("%s cannot be read"), inventory->endpoint),
                   g_strdup (why));
    }
}

static void
count_hosts (VigieEstateSummary *summary,
             VigieInventory     *inventory)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inventory->hosts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieHost) host = g_list_model_get_item (G_LIST_MODEL (inventory->hosts), i);

      summary->hosts++;
      switch (host->state)
        {
        case VIGIE_HOST_ONLINE:
          summary->hosts_online++;
          break;
        case VIGIE_HOST_OFFLINE:
          summary->hosts_offline++;
          add_alert (summary, VIGIE_ALERT_HOST_OFFLINE, TRUE, inventory->endpoint, host->name,
                     /* Translators: a host name, then its endpoint's name */
                     g_strdup_printf (_("Host %s of %s is offline"),
                                      host->name != NULL ? host->name : "?",
                                      inventory->endpoint),
                     NULL);
          break;
        case VIGIE_HOST_MAINTENANCE:
          summary->hosts_maintenance++;
          break;
        case VIGIE_HOST_UNKNOWN:
        default:
          break;
        }
    }
}

static void
count_instances (VigieEstateSummary *summary,
                 VigieInventory     *inventory)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inventory->instances));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieInstance) instance = NULL;

      instance = g_list_model_get_item (G_LIST_MODEL (inventory->instances), i);

      summary->instances++;
      if (instance->type == VIGIE_INSTANCE_CONTAINER)
        summary->containers++;
      else
        summary->vms++;
      /* A template never runs: it is not a stopped guest. */
      if (instance->template)
        summary->templates++;
      else if (instance->state == VIGIE_STATE_RUNNING)
        summary->running++;
      else if (instance->state == VIGIE_STATE_STOPPED)
        summary->stopped++;
      else if (instance->state == VIGIE_STATE_PAUSED || instance->state == VIGIE_STATE_SUSPENDED)
        summary->paused++;
      else
        summary->unknown++;
    }
}

static void
check_storage (VigieEstateSummary *summary,
               VigieInventory     *inventory)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inventory->storage));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieStorage) storage = g_list_model_get_item (G_LIST_MODEL (inventory->storage),
                                                                i);
      g_autofree char *used = NULL;
      g_autofree char *total = NULL;
      g_autofree char *subject = NULL;
      double fraction;

      if (storage->name == NULL || storage->total_bytes <= 0 || storage->used_bytes < 0)
        continue;
      fraction = (double) storage->used_bytes / (double) storage->total_bytes;
      if (fraction < VIGIE_ESTATE_STORAGE_FULL)
        continue;
      /* A shared storage is listed once per node: one alert. */
      subject = storage->host != NULL && !storage->shared
                ? g_strdup_printf ("%s (%s)", storage->name, storage->host)
                : g_strdup (storage->name);
      if (!g_hash_table_add (seen, g_strdup (subject)))
        continue;
      used = g_format_size_full (storage->used_bytes, G_FORMAT_SIZE_IEC_UNITS);
      total = g_format_size_full (storage->total_bytes, G_FORMAT_SIZE_IEC_UNITS);
      add_alert (summary, VIGIE_ALERT_STORAGE_FULL, fraction >= 0.98, inventory->endpoint,
                 subject,
                 /* Translators: a datastore, its endpoint and how full it is,
                  * e.g. “Datastore local (pve1) of lab-proxmox is 93 % full” */
                 g_strdup_printf (_("Datastore %s of %s is %.0f %% full"), subject,
                                  inventory->endpoint, fraction * 100.0),
                 /* Translators: storage use, e.g. “1.2 GiB of 10 GiB” */
                 g_strdup_printf (_("%s of %s"), used, total));
    }
}

static void
check_jobs (VigieEstateSummary *summary,
            VigieInventory     *inventory)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inventory->jobs));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieJob) job = g_list_model_get_item (G_LIST_MODEL (inventory->jobs), i);
      const char *name = job->name != NULL ? job->name : job->id;

      if (job->last_result != VIGIE_JOB_FAILED || name == NULL)
        continue;
      add_alert (summary, VIGIE_ALERT_JOB_FAILED, TRUE, inventory->endpoint, name,
                 /* Translators: a job name, then its endpoint's name */
                 g_strdup_printf (_("Job “%s” of %s failed"), name, inventory->endpoint),
                 g_strdup (job->message));
    }
}

static int
compare_versions (gconstpointer a,
                  gconstpointer b)
{
  const VigieEstateVersion *va = *(VigieEstateVersion **) a;
  const VigieEstateVersion *vb = *(VigieEstateVersion **) b;
  int cmp;

  if (va->kind != vb->kind)
    return (int) va->kind - (int) vb->kind;
  cmp = g_strcmp0 (va->product, vb->product);
  if (cmp != 0)
    return cmp;
  /* Oldest first: what needs an upgrade reads first. */
  return g_strcmp0 (va->version, vb->version);
}

static void
check_version (VigieEstateSummary *summary,
               GHashTable         *versions,
               VigieKnowledge     *knowledge,
               VigieInventory     *inventory,
               gint64              now)
{
  g_autoptr(VigieSupport) support = NULL;
  const char *product;
  g_autofree char *key = NULL;
  VigieEstateVersion *version;
  g_autofree char *day = NULL;

  if (inventory->version == NULL)
    return;
  product = inventory->product != NULL ? inventory->product
                                       : vigie_kind_get_product_name (inventory->kind);
  support = vigie_knowledge_support (knowledge, inventory->kind, inventory->product,
                                     inventory->version, inventory->build, now);
  key = g_strdup_printf ("%d\n%s\n%s", inventory->kind, product, inventory->version);
  version = g_hash_table_lookup (versions, key);
  if (version == NULL)
    {
      version = g_new0 (VigieEstateVersion, 1);
      version->kind = inventory->kind;
      version->product = g_strdup (product);
      version->version = g_strdup (inventory->version);
      version->support = support != NULL ? support->status : VIGIE_SUPPORT_UNKNOWN;
      version->line = support != NULL ? g_strdup (support->line) : NULL;
      version->ends = support != NULL ? g_strdup (support->ends) : NULL;
      g_hash_table_insert (versions, g_steal_pointer (&key), version);
      g_ptr_array_add (summary->versions, version);
    }
  version->endpoints++;

  if (support == NULL || support->line == NULL)
    return;
  day = format_day (support->ends);
  if (support->status == VIGIE_SUPPORT_END_OF_SUPPORT)
    add_alert (summary, VIGIE_ALERT_END_OF_SUPPORT, TRUE, inventory->endpoint, NULL,
               /* Translators: an endpoint name, then a version */
               g_strdup_printf (_("%s runs %s, out of support"), inventory->endpoint,
                                inventory->version),
               day != NULL
               /* Translators: a product line and a date, e.g.
                * “Proxmox VE 8: end of support since 31 August 2026” */
               ? g_strdup_printf (_("%s: end of support since %s"), support->line, day)
               /* Translators: a product line,
                * e.g. “Incus feature releases: no longer supported” */
               : g_strdup_printf (_("%s: no longer supported"), support->line));
  else if (support->status == VIGIE_SUPPORT_ENDING_SOON)
    add_alert (summary, VIGIE_ALERT_SUPPORT_ENDING, FALSE, inventory->endpoint, NULL,
               /* Translators: an endpoint name, then a version */
               g_strdup_printf (_("%s runs %s, whose support ends soon"), inventory->endpoint,
                                inventory->version),
               /* Translators: a product line and a date, e.g.
                * “Veeam Backup & Replication 12: support ends on 1 February 2027” */
               g_strdup_printf (_("%s: support ends on %s"), support->line,
                                day != NULL ? day : "?"));
}

/* What to look at first: an endpoint or a host gone, then full storage, then
 * failed jobs, then the upgrades to plan. */
static int
alert_rank (VigieAlertKind kind)
{
  static const VigieAlertKind order[] = {
    VIGIE_ALERT_UNREACHABLE, VIGIE_ALERT_CERTIFICATE_CHANGED, VIGIE_ALERT_HOST_OFFLINE,
    VIGIE_ALERT_STORAGE_FULL, VIGIE_ALERT_JOB_FAILED, VIGIE_ALERT_END_OF_SUPPORT,
    VIGIE_ALERT_SUPPORT_ENDING,
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (order[i] == kind)
      return i;
  return G_N_ELEMENTS (order);
}

static int
compare_alerts (gconstpointer a,
                gconstpointer b)
{
  const VigieEstateAlert *aa = *(VigieEstateAlert **) a;
  const VigieEstateAlert *ab = *(VigieEstateAlert **) b;
  int cmp;

  if (aa->error != ab->error)
    return aa->error ? -1 : 1;
  if (aa->kind != ab->kind)
    return alert_rank (aa->kind) - alert_rank (ab->kind);
  cmp = g_strcmp0 (aa->endpoint, ab->endpoint);
  return cmp != 0 ? cmp : g_strcmp0 (aa->subject, ab->subject);
}

GPtrArray *
vigie_estate_summary_answered (GPtrArray *inventories)
{
  GPtrArray *answered = g_ptr_array_new ();

  for (guint i = 0; inventories != NULL && i < inventories->len; i++)
    {
      VigieInventory *inventory = g_ptr_array_index (inventories, i);

      if (inventory->status == VIGIE_STATUS_OK && vigie_estate_inventory_is_fetched (inventory))
        g_ptr_array_add (answered, inventory);
    }
  return answered;
}

static VigieEstateSummary *
compute (GPtrArray                  *inventories,
         VigieKnowledge             *knowledge,
         gint64                      now,
         gboolean                    with_coverage,
         double                      rpo_hours,
         const VigieCoverageSummary *coverage)
{
  VigieEstateSummary *summary;
  g_autoptr(GHashTable) versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) answered = g_ptr_array_new ();

  g_return_val_if_fail (inventories != NULL, NULL);

  if (knowledge == NULL)
    knowledge = vigie_knowledge_get_default ();
  summary = g_new0 (VigieEstateSummary, 1);
  summary->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) version_free);
  summary->alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) alert_free);

  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inventory = g_ptr_array_index (inventories, i);

      g_return_val_if_fail (VIGIE_IS_INVENTORY (inventory), summary);
      count_endpoint (summary, inventory);
      if (inventory->status != VIGIE_STATUS_OK || !vigie_estate_inventory_is_fetched (inventory))
        continue;
      g_ptr_array_add (answered, inventory);
      count_hosts (summary, inventory);
      count_instances (summary, inventory);
      check_storage (summary, inventory);
      check_jobs (summary, inventory);
      check_version (summary, versions, knowledge, inventory, now);
    }
  if (with_coverage)
    {
      g_autoptr(GListStore) rows = vigie_coverage_compute (answered, now, rpo_hours);

      vigie_coverage_summarize (G_LIST_MODEL (rows), &summary->coverage);
      summary->coverage_known = TRUE;
    }
  else if (coverage != NULL)
    {
      summary->coverage = *coverage;
      summary->coverage_known = TRUE;
    }
  g_ptr_array_sort (summary->versions, compare_versions);
  g_ptr_array_sort (summary->alerts, compare_alerts);
  return summary;
}

VigieEstateSummary *
vigie_estate_summary_compute (GPtrArray      *inventories,
                              VigieKnowledge *knowledge,
                              gint64          now,
                              double          rpo_hours)
{
  return compute (inventories, knowledge, now, TRUE, rpo_hours, NULL);
}

VigieEstateSummary *
vigie_estate_summary_compute_with_coverage (GPtrArray                  *inventories,
                                            VigieKnowledge             *knowledge,
                                            gint64                      now,
                                            const VigieCoverageSummary *coverage)
{
  return compute (inventories, knowledge, now, FALSE, 0, coverage);
}
