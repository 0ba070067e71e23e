/* vigie-instances-page-actions.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The actions of the Instances page's selection. For one instance they are
 * its backend's capability model as is; for many, one action per id, which
 * may run when it may run on at least one of them, and says on how many and
 * why not on the others (the bulk run skips those, giving the reason); and
 * what the details pane says of many selected.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-instances-page-actions.h"

/* By identity (it survives a rename); by name only for an instance made
 * outside an inventory. */
VigieBackend *
vigie_instances_backend_for (VigieMonitor  *monitor,
                             VigieInstance *instance)
{
  VigieEndpointStore *store;
  VigieEndpoint *endpoint = NULL;

  g_return_val_if_fail (VIGIE_IS_MONITOR (monitor), NULL);

  if (instance == NULL)
    return NULL;
  store = vigie_monitor_get_store (monitor);
  if (instance->endpoint_uuid != NULL)
    endpoint = vigie_endpoint_store_find_by_uuid (store, instance->endpoint_uuid);
  else if (instance->endpoint != NULL)
    endpoint = vigie_endpoint_store_find_by_name (store, instance->endpoint);
  return endpoint != NULL ? vigie_monitor_get_backend (monitor, endpoint) : NULL;
}

typedef struct {
  VigieAction *first;       /* as the first instance that lists it has it */
  guint        allowed;
  char        *refused;     /* the first refusal: “name: reason” */
} Merged;

static void
merged_free (gpointer data)
{
  Merged *merged = data;

  g_object_unref (merged->first);
  g_free (merged->refused);
  g_free (merged);
}

static const char *
instance_name (VigieInstance *instance)
{
  return instance->name != NULL ? instance->name : instance->id;
}

/**
 * vigie_instances_merge_actions:
 * @instances: (element-type VigieInstance): the selection, not empty
 *
 * Returns: (transfer full) (element-type VigieAction): the actions on
 * @instances, in the order their backends list them
 */
GPtrArray *
vigie_instances_merge_actions (VigieMonitor *monitor,
                               GPtrArray    *instances)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       merged_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GPtrArray *actions = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (VIGIE_IS_MONITOR (monitor), actions);
  g_return_val_if_fail (instances != NULL && instances->len > 0, actions);

  if (instances->len == 1)
    {
      VigieBackend *backend = vigie_instances_backend_for (monitor,
                                                           g_ptr_array_index (instances, 0));
      g_autoptr(GListModel) list = NULL;

      if (backend == NULL)
        return actions;
      list = vigie_backend_list_actions (backend, g_ptr_array_index (instances, 0));
      n = g_list_model_get_n_items (list);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (actions, g_list_model_get_item (list, i));
      return actions;
    }

  for (guint i = 0; i < instances->len; i++)
    {
      VigieInstance *instance = g_ptr_array_index (instances, i);
      VigieBackend *backend = vigie_instances_backend_for (monitor, instance);
      g_autoptr(GListModel) list = NULL;

      if (backend == NULL)
        continue;
      list = vigie_backend_list_actions (backend, instance);
      n = g_list_model_get_n_items (list);
      for (guint k = 0; k < n; k++)
        {
          g_autoptr(VigieAction) action = g_list_model_get_item (list, k);
          Merged *merged = g_hash_table_lookup (by_id, action->id);

          if (merged == NULL)
            {
              merged = g_new0 (Merged, 1);
              merged->first = g_object_ref (action);
              g_hash_table_insert (by_id, action->id, merged);
              g_ptr_array_add (order, action->id);
            }
          if (action->allowed)
            merged->allowed++;
          else if (merged->refused == NULL)
            /* Translators: an instance that refuses an action, and why */
            merged->refused = g_strdup_printf (_("“%s”: %s"), instance_name (instance),
                                               action->reason != NULL ? action->reason : "");
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      Merged *merged = g_hash_table_lookup (by_id, g_ptr_array_index (order, i));
      g_autofree char *reason = NULL;
      VigieAction *action;

      if (merged->allowed == instances->len)
        reason = NULL;
      else if (merged->allowed == 0)
        /* Translators: %s is one instance's refusal, e.g. “web-01”: it is stopped */
        reason = g_strdup_printf (_("Not allowed on any of them; %s"),
                                  merged->refused != NULL ? merged->refused : "");
      else if (merged->refused != NULL)
        /* Translators: %u of %u are instances; %s is one refusal, e.g.
         * “web-01”: it is stopped */
        reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Runs on %u of %u instance; not on %s",
                                               "Runs on %u of %u instances; not on %s",
                                               instances->len),
                                  merged->allowed, instances->len, merged->refused);
      else
        /* The others' backends do not list it (ESXi has no suspend). */
        reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Runs on %u of %u instance; the others do not "
                                               "offer it",
                                               "Runs on %u of %u instances; the others do not "
                                               "offer it", instances->len),
                                  merged->allowed, instances->len);
      action = vigie_action_new (merged->first->id, merged->first->label, merged->allowed > 0,
                                 reason);
      g_ptr_array_add (actions, action);
    }
  return actions;
}

/* For the details pane when many are selected: how many, where, in which
 * states. */
void
vigie_instances_describe_selection (GPtrArray  *instances,
                                    char      **title_out,
                                    char      **body_out)
{
  guint n = instances->len;
  g_autoptr(GHashTable) endpoints = g_hash_table_new (g_str_hash, g_str_equal);
  guint running = 0, stopped = 0, other = 0;
  g_autofree char *title = NULL;
  g_autofree char *states = NULL;
  g_autofree char *where = NULL;
  g_autofree char *body = NULL;

  for (guint i = 0; i < instances->len; i++)
    {
      VigieInstance *instance = g_ptr_array_index (instances, i);

      if (instance->endpoint != NULL)
        g_hash_table_add (endpoints, instance->endpoint);
      if (instance->state == VIGIE_STATE_RUNNING)
        running++;
      else if (instance->state == VIGIE_STATE_STOPPED)
        stopped++;
      else
        other++;
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Instance Selected",
                                        "%u Instances Selected", n), n);
  /* Translators: the states of the selected instances */
  states = g_strdup_printf (_("%u running, %u stopped, %u other"), running, stopped, other);
  /* Translators: %u counts endpoints */
  where = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "On %u endpoint", "On %u endpoints",
                                        g_hash_table_size (endpoints)),
                           g_hash_table_size (endpoints));
  body = g_strdup_printf ("%s\n%s\n\n%s", states, where,
                          _("The Actions menu acts on all of them. Ctrl-click adds or removes "
                            "an instance, Shift-click a range, Ctrl+A selects every instance "
                            "shown."));
  *title_out = g_steal_pointer (&title);
  *body_out = g_steal_pointer (&body);
}
