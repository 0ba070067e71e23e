/* test-backups-page.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "vigie-backend.h"
#include "vigie-backups-page.h"
#include "vigie-coverage-round.h"
#include "backups-fixture.h"
#include "vigie-test-util.h"

/* A Proxmox VE endpoint that answers from memory: VM 100 with one backup
 * at BACKUP_TIME, and a job whose result the test changes between rounds. */
#define FAKE_TYPE_BACKEND (fake_backend_get_type ())
G_DECLARE_FINAL_TYPE (FakeBackend, fake_backend, FAKE, BACKEND, VigieBackend)

struct _FakeBackend
{
  VigieBackend parent_instance;
};

G_DEFINE_FINAL_TYPE (FakeBackend, fake_backend, VIGIE_TYPE_BACKEND)

static VigieJobResult fake_job_result = VIGIE_JOB_SUCCESS;
static gint64 fake_backup_time;

static void
fake_backend_connect_async (VigieBackend        *backend,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_task_return_boolean (task, TRUE);
}

static gboolean
fake_backend_connect_finish (VigieBackend  *backend,
                             GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fake_backend_fetch_async (VigieBackend        *backend,
                          VigieFetchFlags      flags,
                          VigieInventory      *inventory,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  VigieJob *job;

  add_instance (inventory, "100", "web", VIGIE_INSTANCE_VM);
  fixture_backup (inventory, VIGIE_BACKUP_SOURCE_VZDUMP, "local", "vm", "100", fake_backup_time);
  job = fixture_job (inventory, "nightly", fake_job_result, fake_backup_time, 0);
  g_free (job->message);
  job->message = g_strdup ("disk full");
  g_task_return_boolean (task, TRUE);
}

static gboolean
fake_backend_fetch_finish (VigieBackend  *backend,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fake_backend_class_init (FakeBackendClass *klass)
{
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  backend_class->kind = VIGIE_KIND_PROXMOX;
  backend_class->connect_async = fake_backend_connect_async;
  backend_class->connect_finish = fake_backend_connect_finish;
  backend_class->fetch_async = fake_backend_fetch_async;
  backend_class->fetch_finish = fake_backend_fetch_finish;
}

static void
fake_backend_init (FakeBackend *self)
{
}

static VigieBackend *
fake_factory (VigieEndpoint *endpoint,
              VigieContext  *context)
{
  return g_object_new (FAKE_TYPE_BACKEND, "endpoint", endpoint, "context", context, NULL);
}

static VigieBackupsPage *
make_page (GtkWindow **window)
{
  g_autoptr(GPtrArray) invs = fixture_inventories ();
  g_autoptr(VigieClock) clock = vigie_clock_new_fixed (vigie_parse_time (FIXTURE_NOW));
  VigieBackupsPage *page = VIGIE_BACKUPS_PAGE (vigie_backups_page_new ());

  vigie_backups_page_set_clock (page, clock);
  vigie_backups_page_set_inventories (page, invs);
  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (*window, GTK_WIDGET (page));
  gtk_window_present (*window);
  return page;
}

static void
test_summary (void)
{
  GtkWindow *window;
  VigieBackupsPage *page = make_page (&window);

  g_assert_cmpuint (g_list_model_get_n_items (vigie_backups_page_get_coverage (page)), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (vigie_backups_page_get_visible (page)), ==, 7);
  /* Worst first. */
  {
    g_autoptr(VigieCoverage) first = g_list_model_get_item (vigie_backups_page_get_visible (page), 0);
    g_autoptr(VigieCoverage) last = g_list_model_get_item (vigie_backups_page_get_visible (page), 6);

    g_assert_cmpint (first->status, ==, VIGIE_BACKUP_FAILED);
    g_assert_cmpint (last->status, ==, VIGIE_BACKUP_PROTECTED);
  }
  g_assert_cmpstr (gtk_label_get_text (vigie_backups_page_get_summary_label (page, VIGIE_BACKUP_PROTECTED)),
                   ==, "● Protected: 3");
  g_assert_cmpstr (gtk_label_get_text (vigie_backups_page_get_summary_label (page, VIGIE_BACKUP_STALE)),
                   ==, "● Stale: 1");
  g_assert_cmpstr (gtk_label_get_text (vigie_backups_page_get_summary_label (page, VIGIE_BACKUP_UNPROTECTED)),
                   ==, "● Unprotected: 1");
  g_assert_cmpstr (gtk_label_get_text (vigie_backups_page_get_summary_label (page, VIGIE_BACKUP_FAILED)),
                   ==, "● Failed: 2");

  /* A stricter RPO turns the 10 h old one stale. */
  vigie_backups_page_set_rpo_hours (page, 8);
  g_assert_cmpstr (gtk_label_get_text (vigie_backups_page_get_summary_label (page, VIGIE_BACKUP_STALE)),
                   ==, "● Stale: 2");
  gtk_window_destroy (window);
}

static void
test_filter (void)
{
  GtkWindow *window;
  VigieBackupsPage *page = make_page (&window);
  GListModel *visible = vigie_backups_page_get_visible (page);
  g_autoptr(VigieCoverage) first = NULL;

  vigie_backups_page_set_filter (page, "GIT", -1);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  first = g_list_model_get_item (visible, 0);
  g_assert_cmpstr (first->instance_name, ==, "gitlab");

  vigie_backups_page_set_filter (page, NULL, VIGIE_BACKUP_FAILED);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 2);
  vigie_backups_page_set_filter (page, "post", VIGIE_BACKUP_FAILED);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  vigie_backups_page_set_filter (page, "post", VIGIE_BACKUP_PROTECTED);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  vigie_backups_page_set_filter (page, NULL, -1);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 7);
  gtk_window_destroy (window);
}

static void
test_details (void)
{
  GtkWindow *window;
  VigieBackupsPage *page = make_page (&window);
  GListModel *visible = vigie_backups_page_get_visible (page);
  GtkLabel *title = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                              VIGIE_TYPE_BACKUPS_PAGE,
                                                              "details_title"));
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                               VIGIE_TYPE_BACKUPS_PAGE,
                                                               "details_list"));
  guint rows = 0;

  vigie_backups_page_set_filter (page, "gitlab", -1);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (visible), 0);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "gitlab");
  /* Its good backup and the failed attempt after it. */
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      rows++;
  g_assert_cmpuint (rows, ==, 2);
  gtk_window_destroy (window);
}

static gboolean
match_label (GtkWidget *widget,
             gpointer   text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* Every Veeam job is listed with its type, not only backup jobs. */
static void
test_job_types (void)
{
  GtkWindow *window;
  VigieBackupsPage *page = make_page (&window);
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                               VIGIE_TYPE_BACKUPS_PAGE,
                                                               "jobs_list"));
  GtkWidget *row = vigie_test_find_widget (list, match_label, "DR replica");
  GtkWidget *kind;
  GtkWidget *result;

  g_assert_nonnull (row);
  while (row != NULL && !GTK_IS_LIST_BOX_ROW (row))
    row = gtk_widget_get_parent (row);
  g_assert_nonnull (row);
  kind = vigie_test_find_widget (row, match_label, "Replica");
  g_assert_nonnull (kind);
  /* Its type and its result are two cells with a separator between them,
   * not two words run together. */
  result = gtk_widget_get_next_sibling (kind);
  g_assert_true (GTK_IS_SEPARATOR (result));
  result = gtk_widget_get_next_sibling (result);
  g_assert_true (GTK_IS_LABEL (result));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (result)), ==, "Succeeded");
  gtk_window_destroy (window);
}

static void
on_refreshed (gboolean *done)
{
  *done = TRUE;
}

static void
refresh_and_wait (VigieMonitor *monitor)
{
  gboolean done = FALSE;
  gulong id = g_signal_connect_swapped (monitor, "refreshed", G_CALLBACK (on_refreshed), &done);

  vigie_monitor_refresh (monitor);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (monitor, id);
  /* The round's coverage is computed on a worker thread, then shown. */
  while (vigie_coverage_round_is_busy (vigie_coverage_round_get (monitor)))
    g_main_context_iteration (NULL, TRUE);
}

static void
on_changes (VigieBackupsPage *page,
            GPtrArray        *changes,
            GPtrArray        *seen)
{
  for (guint i = 0; i < changes->len; i++)
    {
      VigieCoverageChange *change = g_ptr_array_index (changes, i);

      g_ptr_array_add (seen, g_strdup (change->name));
    }
}

/* The page follows the monitor's rounds, and reports what got worse. */
/* A Proxmox endpoint in a scratch store, a fixed clock and a monitor the
 * page follows; its fake backend reports a backup made an hour ago. */
typedef struct {
  char               *dir;
  VigieEndpointStore *store;
  VigieClock         *clock;
  VigieContext       *context;
  VigieMonitor       *monitor;
  GtkWidget          *page;
} MonitorFixture;

static void
monitor_fixture_set_up (MonitorFixture *f,
                        gconstpointer   data)
{
  g_autoptr(VigieEndpoint) endpoint = vigie_endpoint_new ("pve1", VIGIE_KIND_PROXMOX,
                                                          "https://pve1.invalid:8006");
  g_autoptr(VigieSecretStore) secrets = vigie_secret_store_new_memory ();
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vigie-backups-page-XXXXXX", NULL);
  f->store = vigie_endpoint_store_new (f->dir);
  f->clock = vigie_clock_new_fixed (vigie_parse_time (FIXTURE_NOW));
  f->context = vigie_context_new (secrets, f->clock);
  fake_backup_time = vigie_clock_now (f->clock) - 3600;
  fake_job_result = VIGIE_JOB_SUCCESS;
  g_assert_true (vigie_endpoint_store_add (f->store, endpoint, &error));
  g_assert_no_error (error);
  f->monitor = vigie_monitor_new (f->store, f->context, fake_factory);
  vigie_monitor_set_flags (f->monitor, VIGIE_FETCH_INVENTORY | VIGIE_FETCH_BACKUPS);
  f->page = g_object_ref_sink (vigie_backups_page_new ());
  vigie_backups_page_set_monitor (VIGIE_BACKUPS_PAGE (f->page), f->monitor);
}

static void
monitor_fixture_tear_down (MonitorFixture *f,
                           gconstpointer   data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->page);
  g_clear_object (&f->monitor);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
test_monitor (MonitorFixture *f,
              gconstpointer   data)
{
  VigieMonitor *monitor = f->monitor;
  VigieClock *clock = f->clock;
  GtkWidget *page = f->page;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VigieCoverage) row = NULL;
  g_autoptr(GSettings) settings = NULL;

  g_signal_connect (page, "changes", G_CALLBACK (on_changes), seen);

  refresh_and_wait (monitor);
  g_assert_cmpuint (g_list_model_get_n_items (vigie_backups_page_get_coverage (VIGIE_BACKUPS_PAGE (page))), ==, 1);
  row = g_list_model_get_item (vigie_backups_page_get_coverage (VIGIE_BACKUPS_PAGE (page)), 0);
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  g_clear_object (&row);
  g_assert_cmpuint (seen->len, ==, 0);

  /* A day later, no new backup, and the job failed. */
  vigie_clock_advance (clock, 24 * 3600);
  fake_job_result = VIGIE_JOB_FAILED;
  refresh_and_wait (monitor);
  row = g_list_model_get_item (vigie_backups_page_get_coverage (VIGIE_BACKUPS_PAGE (page)), 0);
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_STALE);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "web");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "nightly");

  /* Still bad: no news, and the row shown is the same (not made again). */
  refresh_and_wait (monitor);
  g_assert_cmpuint (seen->len, ==, 2);
  {
    g_autoptr(VigieCoverage) again =
      g_list_model_get_item (vigie_backups_page_get_coverage (VIGIE_BACKUPS_PAGE (page)), 0);

    g_assert_true (again == row);
  }
  g_clear_object (&row);

  /* The page follows the "rpo-hours" setting. */
  settings = g_settings_new (APP_ID);
  vigie_backups_page_set_settings (VIGIE_BACKUPS_PAGE (page), settings);
  g_settings_set_double (settings, "rpo-hours", 48);
  row = g_list_model_get_item (vigie_backups_page_get_coverage (VIGIE_BACKUPS_PAGE (page)), 0);
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  g_settings_reset (settings, "rpo-hours");

  g_signal_handlers_disconnect_by_data (page, seen);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

/* When the hour changes, the rows whose age reads otherwise keep their
 * object and their cells, which show the new age (a row replaced for its
 * age alone made the list models go over every row again). */
static void
test_age_in_place (MonitorFixture *f,
                   gconstpointer   data)
{
  VigieMonitor *monitor = f->monitor;
  VigieClock *clock = f->clock;
  GtkWidget *page = f->page;
  g_autoptr(VigieCoverage) row = NULL;
  g_autoptr(VigieCoverage) again = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  VigieTestLabel wait = { GTK_WIDGET (window), "1 h", NULL };
  GtkWidget *cell;
  guint n_notified = 0;

  gtk_window_set_default_size (window, 1200, 700);
  gtk_window_set_child (window, page);
  gtk_window_present (window);

  refresh_and_wait (monitor);
  row = g_list_model_get_item (vigie_backups_page_get_coverage (VIGIE_BACKUPS_PAGE (page)), 0);
  g_assert_cmpint (row->status, ==, VIGIE_BACKUP_PROTECTED);
  g_assert_true (vigie_test_wait_until (vigie_test_label_shown, &wait, 60));
  cell = g_object_ref (wait.found);
  g_signal_connect (row, "notify::age-hours", G_CALLBACK (count_notify), &n_notified);

  /* An hour later, the same backup: the age reads “2 h”. */
  vigie_clock_advance (clock, 3600);
  refresh_and_wait (monitor);
  again = g_list_model_get_item (vigie_backups_page_get_coverage (VIGIE_BACKUPS_PAGE (page)), 0);
  g_assert_true (again == row);
  g_assert_cmpfloat_with_epsilon (row->age_hours, 2.0, 1e-6);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==, "2 h");

  /* A refresh a minute later reads alike: nothing to show again. */
  vigie_clock_advance (clock, 60);
  refresh_and_wait (monitor);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpfloat (row->age_hours, >, 2.0);

  g_signal_handlers_disconnect_by_data (row, &n_notified);
  g_object_unref (cell);
  gtk_window_destroy (window);
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) invs = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *page = vigie_backups_page_new ();

  g_object_ref_sink (page);
  g_ptr_array_add (invs, vigie_inventory_new ("pbs", VIGIE_KIND_PBS, "https://pbs:8007"));
  vigie_backups_page_set_inventories (VIGIE_BACKUPS_PAGE (page), invs);
  g_assert_cmpuint (g_list_model_get_n_items (vigie_backups_page_get_coverage (VIGIE_BACKUPS_PAGE (page))), ==, 0);
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/vigie/backups-page/summary", test_summary);
  g_test_add_func ("/vigie/backups-page/filter", test_filter);
  g_test_add_func ("/vigie/backups-page/details", test_details);
  g_test_add_func ("/vigie/backups-page/job-types", test_job_types);
  g_test_add ("/vigie/backups-page/monitor", MonitorFixture, NULL, monitor_fixture_set_up,
              test_monitor, monitor_fixture_tear_down);
  g_test_add ("/vigie/backups-page/age-in-place", MonitorFixture, NULL, monitor_fixture_set_up,
              test_age_in_place, monitor_fixture_tear_down);
  g_test_add_func ("/vigie/backups-page/empty", test_empty);

  return g_test_run ();
}
