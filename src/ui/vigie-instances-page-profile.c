/* vigie-instances-page-profile.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Timings of the Instances page for bench/ui-instances.sh, on stderr when
 * VIGIE_PROFILE=1: model updates, filter and sort durations, the time until
 * the next frame is painted, and a main-loop stall probe. Nothing is
 * measured (not even a clock read) when the variable is unset.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <time.h>

#include "vigie-instances-page-profile.h"

/* The probe ticks this often; a tick that comes late by more than
 * STALL_REPORT_MS was a stall of the main loop. */
#define PROBE_INTERVAL_MS 5
#define STALL_REPORT_MS   20

static gint64 probe_last;
static gint64 probe_last_cpu;
static gint64 probe_max;
static gint64 cpu_start;

/* The main thread's own CPU time: on a loaded machine the wall time of a
 * filter or a sort also counts the other processes. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Starts timing one synchronous step: the wall clock (returned) and the
 * main thread's CPU time (logged with the step). 0 when not profiling. */
gint64
vigie_profile_begin (void)
{
  if (!vigie_profile_enabled ())
    return 0;
  cpu_start = thread_cpu_us ();
  return g_get_monotonic_time ();
}

gboolean
vigie_profile_enabled (void)
{
  static int enabled = -1;

  if (enabled < 0)
    enabled = g_strcmp0 (g_getenv ("VIGIE_PROFILE"), "1") == 0;
  return enabled;
}

void
vigie_profile_log (const char *event,
                   double      ms,
                   guint       rows)
{
  static gint64 origin;
  gint64 now;

  if (!vigie_profile_enabled ())
    return;
  now = g_get_monotonic_time ();
  if (origin == 0)
    origin = now;
  {
    /* In C notation whatever the locale, for the bench's parser. */
    char t[G_ASCII_DTOSTR_BUF_SIZE], m[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];

    char mono[G_ASCII_DTOSTR_BUF_SIZE];

    /* mono=: the monotonic clock, to place the bench's stack samples. */
    g_printerr ("vigie-profile: t=%s event=%s ms=%s rows=%u cpu=%s mono=%s\n",
                g_ascii_formatd (t, sizeof t, "%.3f", (now - origin) / 1e6), event,
                g_ascii_formatd (m, sizeof m, "%.2f", ms), rows,
                g_ascii_formatd (c, sizeof c, "%.2f",
                                 cpu_start != 0 ? (thread_cpu_us () - cpu_start) / 1000.0 : 0.0),
                g_ascii_formatd (mono, sizeof mono, "%.3f", now / 1e6));
  }
  cpu_start = 0;
}

typedef struct {
  char   *event;
  gint64  start_us;
  guint   rows;
  gulong  handler;
  GdkFrameClock *clock;
} Pending;

static void
on_after_paint (GdkFrameClock *clock,
                Pending       *pending)
{
  vigie_profile_log (pending->event, (g_get_monotonic_time () - pending->start_us) / 1000.0,
                     pending->rows);
  g_signal_handler_disconnect (clock, pending->handler);
  g_object_unref (pending->clock);
  g_free (pending->event);
  g_free (pending);
}

/* Logs @event with the time from @start_us until the end of the next frame
 * painted for @widget's surface: what a user waits for. */
void
vigie_profile_until_painted (GtkWidget  *widget,
                             const char *event,
                             gint64      start_us,
                             guint       rows)
{
  GtkNative *native;
  GdkFrameClock *clock;
  Pending *pending;

  /* No widget: a page being disposed heard of a last change. */
  if (!vigie_profile_enabled () || widget == NULL)
    return;
  /* The window's clock: the list itself is not realized until shown. */
  native = gtk_widget_get_native (widget);
  clock = native != NULL ? gtk_widget_get_frame_clock (GTK_WIDGET (native)) : NULL;
  if (clock == NULL)
    return;
  pending = g_new0 (Pending, 1);
  pending->event = g_strdup (event);
  pending->start_us = start_us;
  pending->rows = rows;
  pending->clock = g_object_ref (clock);
  pending->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), pending);
  gtk_widget_queue_draw (widget);
}

/* A stall is logged with the main thread's CPU time during it (cpu=): on a
 * loaded machine the wall time also counts the time the thread waited for a
 * CPU, the CPU time is what the app itself spent. */
static gboolean
probe_tick (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 now_cpu = thread_cpu_us ();
  gint64 late = (now - probe_last) / 1000 - PROBE_INTERVAL_MS;

  if (late > probe_max)
    probe_max = late;
  if (late >= STALL_REPORT_MS)
    {
      cpu_start = probe_last_cpu;
      vigie_profile_log ("stall", late, 0);
    }
  probe_last = now;
  probe_last_cpu = now_cpu;
  return G_SOURCE_CONTINUE;
}

/* The probe runs at the highest priority, so it is late only when
 * something held the loop for that long. */
void
vigie_profile_start_probe (void)
{
  static gboolean started;

  if (!vigie_profile_enabled () || started)
    return;
  started = TRUE;
  probe_last = g_get_monotonic_time ();
  probe_last_cpu = thread_cpu_us ();
  g_timeout_add_full (G_PRIORITY_HIGH, PROBE_INTERVAL_MS, probe_tick, NULL, NULL);
}

/* VIGIE_PROFILE_MEASURE=1: the main thread's CPU time spent measuring
 * labels (where GTK lays out their text), by the widgets that hold them,
 * printed every two seconds. perf's stacks end in GTK's static functions,
 * which name no widget. */

typedef void (*MeasureFunc) (GtkWidget *, GtkOrientation, int, int *, int *, int *, int *);

static MeasureFunc label_measure;
static GHashTable *measure_cost;   /* owner path → gint64[2]: CPU µs, calls */
static int         measure_depth;

static char *
measure_owner (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);
  guint named = 0;

  for (GtkWidget *w = widget; w != NULL && named < 4; w = gtk_widget_get_parent (w))
    {
      const char *type = G_OBJECT_TYPE_NAME (w);

      if (w == widget || g_str_has_prefix (type, "Vigie") || g_str_has_prefix (type, "Adw") ||
          g_str_equal (type, "GtkRevealer") ||
          g_str_equal (type, "GtkListItemWidget") || g_str_equal (type, "GtkColumnViewRowWidget"))
        {
          if (path->len > 0)
            g_string_append (path, " < ");
          g_string_append (path, type);
          if (w != widget)
            named++;
        }
    }
  return g_string_free (path, FALSE);
}

static void
label_measure_wrap (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  gint64 start = measure_depth == 0 ? thread_cpu_us () : 0;

  measure_depth++;
  label_measure (widget, orientation, for_size, minimum, natural, minimum_baseline,
                 natural_baseline);
  measure_depth--;
  if (measure_depth == 0)
    {
      char *owner = measure_owner (widget);
      gint64 *cost = g_hash_table_lookup (measure_cost, owner);

      if (cost == NULL)
        {
          cost = g_new0 (gint64, 2);
          g_hash_table_insert (measure_cost, owner, cost);
        }
      else
        g_free (owner);
      cost[0] += thread_cpu_us () - start;
      cost[1]++;
    }
}

static int
compare_cost (gconstpointer a,
              gconstpointer b,
              gpointer      table)
{
  gint64 *ca = g_hash_table_lookup (table, *(const char **) a);
  gint64 *cb = g_hash_table_lookup (table, *(const char **) b);

  return (ca[0] < cb[0]) - (ca[0] > cb[0]);
}

static gboolean
measure_report (gpointer user_data)
{
  static gint64 last_total;
  g_autofree gpointer *owners = NULL;
  guint n;
  gint64 total = 0;

  owners = g_hash_table_get_keys_as_array (measure_cost, &n);
  for (guint i = 0; i < n; i++)
    total += ((gint64 *) g_hash_table_lookup (measure_cost, owners[i]))[0];
  if (total == last_total)
    return G_SOURCE_CONTINUE;
  last_total = total;
  g_qsort_with_data (owners, n, sizeof (gpointer), compare_cost, measure_cost);
  g_printerr ("vigie-measure: total %.1f ms\n", total / 1000.0);
  for (guint i = 0; i < n && i < 12; i++)
    {
      gint64 *cost = g_hash_table_lookup (measure_cost, owners[i]);

      g_printerr ("vigie-measure:   %8.1f ms %7" G_GINT64_FORMAT " calls  %s\n",
                  cost[0] / 1000.0, cost[1], (const char *) owners[i]);
    }
  return G_SOURCE_CONTINUE;
}

void
vigie_profile_start_measure (void)
{
  GtkWidgetClass *klass;

  if (g_strcmp0 (g_getenv ("VIGIE_PROFILE_MEASURE"), "1") != 0 || label_measure != NULL)
    return;
  klass = g_type_class_ref (GTK_TYPE_LABEL);
  label_measure = klass->measure;
  klass->measure = label_measure_wrap;
  measure_cost = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_timeout_add_seconds (2, measure_report, NULL);
}
