/* vigie-instances-page-bulk.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One action on every selected instance, with the engine `vigiectl action`
 * uses (VigieBulkAction: bounded concurrency, the capability model checked
 * per item). It asks once — a snapshot's name, a backup's storage — in a
 * confirmation naming how many instances and on which endpoints (Cancel the
 * default when the action stops or interrupts guests), then shows a window
 * with one row per instance that follows each task to its end.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-bulk-action.h"
#include "vigie-instances-page-bulk.h"
#include "vigie-ui-util.h"

/* results */

typedef struct {
  VigieMonitor    *monitor;
  VigieBulkAction *bulk;
  char            *label;       /* the action's */
  GtkLabel        *heading;     /* NULL once the window is closed */
  GPtrArray       *rows;        /* GtkWidget, by item */
  GPtrArray       *statuses;    /* GtkLabel, by item */
  GPtrArray       *titles;      /* char*, by item: “name on endpoint” */
  GPtrArray       *uuids;       /* char*, the endpoints to read again */
} Results;

static void
results_clear (Results *results)
{
  g_object_unref (results->monitor);
  g_object_unref (results->bulk);
  g_free (results->label);
  g_ptr_array_unref (results->rows);
  g_ptr_array_unref (results->statuses);
  g_ptr_array_unref (results->titles);
  g_ptr_array_unref (results->uuids);
}

static void
results_release (gpointer results)
{
  g_rc_box_release_full (results, (GDestroyNotify) results_clear);
}

static void
show_status (Results *results,
             guint    index)
{
  const char *reason = NULL;
  VigieBulkStatus status = vigie_bulk_action_get_status (results->bulk, index, &reason);
  static const char *classes[] = { "dim-label", "success", "error", "warning" };
  GtkWidget *label;
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;
  const char *css;

  if (results->heading == NULL || index >= results->statuses->len)
    return;
  label = g_ptr_array_index (results->statuses, index);
  switch (status)
    {
    case VIGIE_BULK_OK:
      text = g_strdup (_("Done"));
      css = "success";
      break;
    case VIGIE_BULK_FAILED:
      /* Translators: an item's outcome in the results of a bulk action */
      text = g_strdup_printf (_("Failed: %s"), reason != NULL ? reason : _("unknown error"));
      css = "error";
      break;
    case VIGIE_BULK_NOT_ALLOWED:
      /* Translators: an item's outcome in the results of a bulk action */
      text = g_strdup_printf (_("Not allowed: %s"), reason != NULL ? reason : "");
      css = "warning";
      break;
    case VIGIE_BULK_RUNNING:
      text = g_strdup (_("Running…"));
      css = "dim-label";
      break;
    case VIGIE_BULK_PENDING:
    default:
      text = g_strdup (_("Waiting"));
      css = "dim-label";
      break;
    }
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
  gtk_widget_add_css_class (label, css);
  gtk_label_set_text (GTK_LABEL (label), text);
  /* Translators: one row of a bulk action's results: “web-01 on lab-esxi: Done” */
  accessible = g_strdup_printf (_("%s: %s"), (char *) g_ptr_array_index (results->titles, index),
                                text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (results->rows, index)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
show_progress (Results  *results,
               gboolean  finished)
{
  guint n = vigie_bulk_action_get_n_items (results->bulk);
  guint counts[VIGIE_BULK_NOT_ALLOWED + 1] = { 0 };
  g_autofree char *text = NULL;

  if (results->heading == NULL)
    return;
  for (guint i = 0; i < n; i++)
    counts[vigie_bulk_action_get_status (results->bulk, i, NULL)]++;
  if (finished)
    /* Translators: the end of a bulk action; the counts are of instances */
    text = g_strdup_printf (_("Finished: %u done, %u failed, %u not allowed"),
                            counts[VIGIE_BULK_OK], counts[VIGIE_BULK_FAILED],
                            counts[VIGIE_BULK_NOT_ALLOWED]);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u instance finished",
                                         "%u of %u instances finished", n),
                            counts[VIGIE_BULK_OK] + counts[VIGIE_BULK_FAILED]
                            + counts[VIGIE_BULK_NOT_ALLOWED], n);
  gtk_label_set_text (results->heading, text);
}

static void
on_item_finished (VigieBulkAction *bulk,
                  guint            index,
                  Results         *results)
{
  /* A task starting is not signalled: the rows still waiting may run now. */
  for (guint i = 0; i < vigie_bulk_action_get_n_items (bulk); i++)
    show_status (results, i);
  show_progress (results, FALSE);
}

static void
results_closure_notify (gpointer  results,
                        GClosure *closure)
{
  results_release (results);
}

static void
on_results_window_destroy (GtkWidget *window,
                           Results   *results)
{
  results->heading = NULL;
}

static void
bulk_ran_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Results *results = user_data;
  VigieEndpointStore *store = vigie_monitor_get_store (results->monitor);
  g_autoptr(GError) error = NULL;

  vigie_bulk_action_run_finish (VIGIE_BULK_ACTION (object), result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      for (guint i = 0; i < vigie_bulk_action_get_n_items (results->bulk); i++)
        show_status (results, i);
      show_progress (results, TRUE);
      /* Read again only the endpoints it ran on. */
      for (guint i = 0; i < results->uuids->len; i++)
        {
          VigieEndpoint *endpoint =
            vigie_endpoint_store_find_by_uuid (store, g_ptr_array_index (results->uuids, i));

          if (endpoint != NULL)
            vigie_monitor_refresh_endpoint (results->monitor, endpoint);
        }
    }
  g_signal_handlers_disconnect_by_data (results->bulk, results);
  results_release (results);
}

static GtkWidget *
results_row (Results    *results,
             const char *name,
             const char *endpoint)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *subtitle = gtk_label_new (endpoint);
  GtkWidget *status = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (names), title);
  gtk_box_append (GTK_BOX (names), subtitle);
  gtk_widget_set_hexpand (names, TRUE);
  gtk_box_append (GTK_BOX (box), names);
  gtk_label_set_xalign (GTK_LABEL (status), 1);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (status), 40);
  gtk_label_set_selectable (GTK_LABEL (status), TRUE);
  gtk_box_append (GTK_BOX (box), status);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_ptr_array_add (results->rows, row);
  g_ptr_array_add (results->statuses, status);
  /* Translators: an instance and its endpoint, e.g. “web-01 on lab-esxi” */
  g_ptr_array_add (results->titles, g_strdup_printf (_("%s on %s"), name, endpoint));
  return row;
}

static void
show_results (GtkWidget *widget,
              Results   *results)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *window = adw_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *heading = gtk_label_new (NULL);
  g_autofree char *title = NULL;

  /* Translators: the title of a bulk action's results window, %s the action */
  title = g_strdup_printf (_("%s: Results"), results->label);
  gtk_window_set_title (GTK_WINDOW (window), title);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 480);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());

  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_widget_set_margin_bottom (body, 12);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (body), heading);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Results per instance"), -1);
  for (guint i = 0; i < vigie_bulk_action_get_n_items (results->bulk); i++)
    {
      const char *label = vigie_bulk_action_get_label (results->bulk, i);
      g_auto(GStrv) parts = g_strsplit (label != NULL ? label : "", "\n", 2);

      gtk_list_box_append (GTK_LIST_BOX (list),
                           results_row (results, parts[0] != NULL ? parts[0] : "",
                                        parts[0] != NULL && parts[1] != NULL ? parts[1] : ""));
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (body), scrolled);
  gtk_box_append (GTK_BOX (content), body);
  adw_window_set_content (ADW_WINDOW (window), content);

  results->heading = GTK_LABEL (heading);
  g_signal_connect_data (window, "destroy", G_CALLBACK (on_results_window_destroy),
                         g_rc_box_acquire (results), results_closure_notify, 0);
  for (guint i = 0; i < results->rows->len; i++)
    show_status (results, i);
  show_progress (results, FALSE);
  gtk_window_present (GTK_WINDOW (window));
}

/* asking */

typedef struct {
  GtkWidget     *widget;
  VigieMonitor  *monitor;
  GCancellable  *cancellable;
  GPtrArray     *instances;
  VigieAction   *action;
  GtkEditable   *name_entry;
  GtkEditable   *description_entry;
  GtkEditable   *storage_entry;
} AskData;

static void
ask_data_free (gpointer user_data,
               GClosure *closure)
{
  AskData *data = user_data;

  g_object_unref (data->widget);
  g_object_unref (data->monitor);
  g_clear_object (&data->cancellable);
  g_ptr_array_unref (data->instances);
  g_object_unref (data->action);
  g_free (data);
}

static VigieEndpoint *
endpoint_for_instance (VigieMonitor  *monitor,
                       VigieInstance *instance)
{
  VigieEndpointStore *store = vigie_monitor_get_store (monitor);

  if (instance->endpoint_uuid != NULL)
    return vigie_endpoint_store_find_by_uuid (store, instance->endpoint_uuid);
  if (instance->endpoint != NULL)
    return vigie_endpoint_store_find_by_name (store, instance->endpoint);
  return NULL;
}

static void
start (AskData    *data,
       GHashTable *params)
{
  Results *results = g_rc_box_new0 (Results);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  results->monitor = g_object_ref (data->monitor);
  results->bulk = vigie_bulk_action_new (data->action->id, params);
  results->label = g_strdup (data->action->label);
  results->rows = g_ptr_array_new ();
  results->statuses = g_ptr_array_new ();
  results->titles = g_ptr_array_new_with_free_func (g_free);
  results->uuids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < data->instances->len; i++)
    {
      VigieInstance *instance = g_ptr_array_index (data->instances, i);
      VigieEndpoint *endpoint = endpoint_for_instance (data->monitor, instance);
      VigieBackend *backend = endpoint != NULL ? vigie_monitor_get_backend (data->monitor,
                                                                            endpoint) : NULL;
      /* The results window splits it again: name, then endpoint. */
      g_autofree char *label = g_strdup_printf ("%s\n%s",
                                                instance->name != NULL ? instance->name
                                                                       : instance->id,
                                                instance->endpoint != NULL ? instance->endpoint
                                                                           : "");

      if (backend == NULL)
        vigie_bulk_action_add_failed (results->bulk, label, _("This endpoint offers no actions"));
      else
        {
          const char *uuid = vigie_endpoint_get_uuid (endpoint);

          vigie_bulk_action_add (results->bulk, label, backend, instance);
          if (!g_hash_table_contains (seen, uuid))
            {
              g_hash_table_add (seen, (gpointer) uuid);
              g_ptr_array_add (results->uuids, g_strdup (uuid));
            }
        }
    }
  show_results (data->widget, results);
  g_signal_connect (results->bulk, "item-finished", G_CALLBACK (on_item_finished), results);
  vigie_bulk_action_run_async (results->bulk, data->cancellable, bulk_ran_cb, results);
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     AskData          *data)
{
  g_autoptr(GHashTable) params = NULL;

  if (g_strcmp0 (response, "run") != 0)
    return;
  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (data->name_entry != NULL)
    g_hash_table_insert (params, g_strdup ("name"),
                         g_strdup (gtk_editable_get_text (data->name_entry)));
  if (data->description_entry != NULL)
    g_hash_table_insert (params, g_strdup ("description"),
                         g_strdup (gtk_editable_get_text (data->description_entry)));
  /* Empty: each endpoint's own default storage. */
  if (data->storage_entry != NULL && *gtk_editable_get_text (data->storage_entry) != '\0')
    g_hash_table_insert (params, g_strdup ("storage"),
                         g_strdup (gtk_editable_get_text (data->storage_entry)));
  start (data, params);
}

/* “lab-esxi (10), lab-proxmox (10), lab-incus (10)”, in selection order. */
static char *
where (GPtrArray *instances)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < instances->len; i++)
    {
      VigieInstance *instance = g_ptr_array_index (instances, i);
      const char *endpoint = instance->endpoint != NULL ? instance->endpoint : "?";
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, endpoint));

      if (n == 0)
        g_ptr_array_add (order, (gpointer) endpoint);
      g_hash_table_insert (counts, (gpointer) endpoint, GUINT_TO_POINTER (n + 1));
    }
  for (guint i = 0; i < order->len; i++)
    {
      const char *endpoint = g_ptr_array_index (order, i);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s (%u)", endpoint,
                              GPOINTER_TO_UINT (g_hash_table_lookup (counts, endpoint)));
    }
  return g_string_free (text, FALSE);
}

/**
 * vigie_instances_bulk_run:
 * @widget: where the dialogs belong
 * @instances: (element-type VigieInstance): the selected instances
 * @action: the action, as the capability model lists it (label, parameters)
 *
 * Confirms, asks the parameters once, then runs @action on every one of
 * @instances and shows the results per instance.
 */
void
vigie_instances_bulk_run (GtkWidget    *widget,
                          VigieMonitor *monitor,
                          GPtrArray    *instances,
                          VigieAction  *action,
                          GCancellable *cancellable)
{
  GtkRoot *root;
  AdwMessageDialog *dialog;
  AskData *data;
  g_autofree char *heading = NULL;
  g_autofree char *places = NULL;
  g_autofree char *where_text = NULL;
  g_autofree char *body = NULL;
  const char *consequence;
  const char *skipped;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (VIGIE_IS_MONITOR (monitor));
  g_return_if_fail (instances != NULL && instances->len > 0);
  g_return_if_fail (VIGIE_IS_ACTION (action));

  data = g_new0 (AskData, 1);
  data->widget = g_object_ref (widget);
  data->monitor = g_object_ref (monitor);
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  data->instances = g_ptr_array_ref (instances);
  data->action = g_object_ref (action);

  root = gtk_widget_get_root (widget);
  /* Translators: the heading of a bulk action's confirmation, e.g.
   * “Shut Down: 5 Instances?”; %s is the action */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u Instance?",
                                          "%s: %u Instances?", instances->len),
                             action->label, instances->len);
  places = where (instances);
  if (g_strcmp0 (action->id, VIGIE_ACTION_STOP) == 0)
    consequence = _("Each guest stops at once, as if unplugged: what it has not saved is lost.");
  else if (action->disruptive)
    consequence = _("Each guest is stopped or interrupted, and what it serves with it.");
  else
    consequence = NULL;
  /* Translators: %s lists endpoints with counts, e.g. “lab-esxi (10), lab-incus (2)” */
  where_text = g_strdup_printf (_("On %s."), places);
  skipped = _("Where the action is not allowed, the instance is skipped and its reason "
              "listed.");
  body = consequence != NULL ? g_strjoin (" ", where_text, consequence, skipped, NULL)
                             : g_strjoin (" ", where_text, skipped, NULL);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  if (g_strcmp0 (action->id, VIGIE_ACTION_SNAPSHOT) == 0 ||
      g_strcmp0 (action->id, VIGIE_ACTION_BACKUP) == 0)
    {
      GtkWidget *list = gtk_list_box_new ();

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      if (g_strcmp0 (action->id, VIGIE_ACTION_SNAPSHOT) == 0)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *suggested = g_date_time_format (now, "vigie-%Y%m%d-%H%M%S");

          gtk_list_box_append (GTK_LIST_BOX (list),
                               vigie_ui_entry_row_new (_("Name"), suggested, &data->name_entry));
          gtk_list_box_append (GTK_LIST_BOX (list),
                               vigie_ui_entry_row_new (_("Description"), NULL, &data->description_entry));
        }
      else
        gtk_list_box_append (GTK_LIST_BOX (list),
                             vigie_ui_entry_row_new (_("Storage (empty: each endpoint’s default)"), NULL,
                                        &data->storage_entry));
      adw_message_dialog_set_extra_child (dialog, list);
    }
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "run", action->label, NULL);
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* What stops guests is never the default: no Enter typed ahead runs it. */
  if (action->disruptive)
    {
      adw_message_dialog_set_response_appearance (dialog, "run", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
    }
  else
    {
      adw_message_dialog_set_response_appearance (dialog, "run", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "run");
    }
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response), data,
                         ask_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
