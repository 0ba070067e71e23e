/* vigiectl-action.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vigiectl action ACTION TARGET...: one action on many instances, through
 * the bulk action engine (contract 1.1, "Actions").
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "vigie-bulk-action.h"
#include "vigie-report.h"
#include "vigiectl.h"

/* The contract's action names, and the capability model's ids they run. */
static const struct {
  const char *name;
  const char *id;
  gboolean    destructive;   /* confirmed unless --yes (contract: stop, reboot) */
} actions[] = {
  { "start", VIGIE_ACTION_START, FALSE },
  { "shutdown", VIGIE_ACTION_SHUTDOWN, FALSE },
  { "stop", VIGIE_ACTION_STOP, TRUE },
  { "reboot", VIGIE_ACTION_REBOOT, TRUE },
  { "suspend", VIGIE_ACTION_SUSPEND, FALSE },
  { "resume", VIGIE_ACTION_RESUME, FALSE },
  { "snapshot", VIGIE_ACTION_SNAPSHOT, FALSE },
  { "backup", VIGIE_ACTION_BACKUP, FALSE },
};

typedef struct {
  char          *text;      /* as the user wrote it */
  VigieEndpoint *endpoint;  /* the store's */
  char          *project;   /* Incus only */
  char          *id;
} Target;

static void
target_free (Target *target)
{
  g_free (target->text);
  g_free (target->project);
  g_free (target->id);
  g_free (target);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Target, target_free)

/* ENDPOINT/ID, or ENDPOINT/PROJECT/NAME on Incus (ENDPOINT/NAME: the
 * default project). Prints why and returns NULL when it is not one. */
static Target *
parse_target (Vigiectl   *ctl,
              const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "/", 0);
  g_autoptr(Target) target = NULL;
  guint n = g_strv_length (parts);
  VigieEndpoint *endpoint;
  gboolean incus;

  for (guint i = 0; i < n; i++)
    if (*parts[i] == '\0')
      n = 0;
  if (n < 2 || n > 3)
    {
      vigiectl_error (_("“%s” is not a target: write ENDPOINT/ID, or ENDPOINT/PROJECT/NAME "
                        "on Incus"), text);
      return NULL;
    }
  endpoint = vigie_endpoint_store_find_by_name (ctl->store, parts[0]);
  if (endpoint == NULL)
    {
      vigiectl_error (_("no endpoint named “%s”"), parts[0]);
      return NULL;
    }
  incus = vigie_endpoint_get_kind (endpoint) == VIGIE_KIND_INCUS;
  if (n == 3 && !incus)
    {
      vigiectl_error (_("“%s” is not a target: only Incus instances have a project "
                        "(ENDPOINT/ID)"), text);
      return NULL;
    }
  target = g_new0 (Target, 1);
  target->text = g_strdup (text);
  target->endpoint = endpoint;
  target->project = incus ? g_strdup (n == 3 ? parts[1] : "default") : NULL;
  target->id = g_strdup (parts[n - 1]);
  return g_steal_pointer (&target);
}

/* KEY=VALUE for a parameter the action takes. */
static gboolean
parse_params (const char  *id,
              GStrv        given,
              GHashTable  *params)
{
  g_autoptr(VigieAction) action = vigie_action_new (id, NULL, TRUE, NULL);

  for (guint i = 0; given != NULL && given[i] != NULL; i++)
    {
      const char *eq = strchr (given[i], '=');
      g_autofree char *key = NULL;

      if (eq == NULL || eq == given[i])
        {
          vigiectl_error (_("--param takes KEY=VALUE, not “%s”"), given[i]);
          return FALSE;
        }
      key = g_strndup (given[i], eq - given[i]);
      if (action->params == NULL || !g_strv_contains ((const char * const *) action->params, key))
        {
          g_autofree char *known = action->params != NULL
                                     ? g_strjoinv (", ", action->params) : NULL;

          if (known != NULL)
            /* Translators: the action's parameters follow, e.g. “name, description” */
            vigiectl_error (_("this action takes no parameter “%s” (it takes: %s)"),
                            key, known);
          else
            vigiectl_error (_("this action takes no parameter “%s”"), key);
          return FALSE;
        }
      g_hash_table_replace (params, g_steal_pointer (&key), g_strdup (eq + 1));
    }
  if (g_str_equal (id, VIGIE_ACTION_SNAPSHOT) && !g_hash_table_contains (params, "name"))
    {
      vigiectl_error (_("a snapshot needs a name: --param name=NAME"));
      return FALSE;
    }
  return TRUE;
}

/* Asks on the terminal; FALSE (with the reason printed) without one. */
static gboolean
confirm (const char *label,
         GPtrArray  *targets)
{
  g_autoptr(GString) question = g_string_new (NULL);
  char answer[64];

  if (!isatty (STDIN_FILENO))
    {
      /* Translators: %s is an action, e.g. “Power Off” */
      vigiectl_error (_("%s stops or interrupts the guests: nothing was done; confirm with "
                        "--yes (there is no terminal to ask on)"), label);
      return FALSE;
    }
  for (guint i = 0; i < targets->len; i++)
    {
      Target *target = g_ptr_array_index (targets, i);
      g_autofree char *printable = vigie_report_printable (target->text);

      g_string_append_printf (question, "  %s\n", printable);
    }
  /* Translators: %s is an action, e.g. “Power Off”; answered with y or n
   * (or the answer translated below) */
  g_string_append_printf (question, g_dngettext (GETTEXT_PACKAGE, "%s %u instance? [y/N] ",
                                                 "%s %u instances? [y/N] ", targets->len),
                          label, targets->len);
  fputs (question->str, stderr);
  fflush (stderr);
  if (fgets (answer, sizeof answer, stdin) != NULL)
    {
      g_strstrip (answer);
      if (g_ascii_strcasecmp (answer, "y") == 0 || g_ascii_strcasecmp (answer, "yes") == 0 ||
          /* Translators: the short “yes” answer typed at the [y/N] question */
          g_utf8_collate (answer, C_("answer", "y")) == 0 ||
          /* Translators: the long “yes” answer typed at the [y/N] question */
          g_utf8_collate (answer, C_("answer", "yes")) == 0)
        return TRUE;
    }
  vigiectl_error (_("nothing was done"));
  return FALSE;
}

static VigieInventory *
inventory_for (GPtrArray     *inventories,
               VigieEndpoint *endpoint)
{
  for (guint i = 0; inventories != NULL && i < inventories->len; i++)
    {
      VigieInventory *inventory = g_ptr_array_index (inventories, i);

      if (g_strcmp0 (inventory->endpoint_uuid, vigie_endpoint_get_uuid (endpoint)) == 0)
        return inventory;
    }
  return NULL;
}

/* By its id, else by a name that only one instance has (a student's VM is
 * known by its name more than by its VMID). Returns a reference. */
static VigieInstance *
find_instance (VigieInventory *inventory,
               Target         *target)
{
  GListModel *instances = G_LIST_MODEL (inventory->instances);
  g_autoptr(VigieInstance) by_name = NULL;
  guint n = g_list_model_get_n_items (instances);
  guint named = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieInstance) instance = g_list_model_get_item (instances, i);

      if (target->project != NULL && g_strcmp0 (instance->project, target->project) != 0)
        continue;
      if (g_strcmp0 (instance->id, target->id) == 0)
        return g_steal_pointer (&instance);
      if (g_strcmp0 (instance->name, target->id) == 0)
        {
          g_set_object (&by_name, instance);
          named++;
        }
    }
  return named == 1 ? g_steal_pointer (&by_name) : NULL;
}

static void
on_item_finished (VigieBulkAction *bulk,
                  guint            index,
                  gpointer         user_data)
{
  g_autofree char *label = vigie_report_printable (vigie_bulk_action_get_label (bulk, index));
  g_autofree char *reason = NULL;
  const char *raw = NULL;

  switch (vigie_bulk_action_get_status (bulk, index, &raw))
    {
    case VIGIE_BULK_OK:
      g_print ("%s ok\n", label);
      break;
    case VIGIE_BULK_NOT_ALLOWED:
      reason = vigie_report_printable (raw != NULL ? raw : "");
      /* The words ok, failed and not allowed are the contract's: not translated. */
      g_print ("%s not allowed: %s\n", label, reason);
      break;
    case VIGIE_BULK_PENDING:
    case VIGIE_BULK_RUNNING:
    case VIGIE_BULK_FAILED:
    default:
      reason = vigie_report_printable (raw != NULL ? raw : "");
      g_print ("%s failed: %s\n", label, reason);
      break;
    }
}

static void
add_targets (VigieBulkAction *bulk,
             GPtrArray       *targets,
             GPtrArray       *backends,
             GPtrArray       *inventories)
{
  for (guint i = 0; i < targets->len; i++)
    {
      Target *target = g_ptr_array_index (targets, i);
      VigieInventory *inventory = inventory_for (inventories, target->endpoint);
      const char *uuid = vigie_endpoint_get_uuid (target->endpoint);
      VigieBackend *backend = NULL;
      g_autoptr(VigieInstance) instance = NULL;

      for (guint b = 0; b < backends->len; b++)
        {
          VigieBackend *candidate = g_ptr_array_index (backends, b);

          if (candidate != NULL &&
              g_strcmp0 (vigie_endpoint_get_uuid (vigie_backend_get_endpoint (candidate)),
                         uuid) == 0)
            backend = candidate;
        }

      if (inventory == NULL || backend == NULL)
        vigie_bulk_action_add_failed (bulk, target->text, _("This endpoint offers no actions"));
      else if (inventory->status != VIGIE_STATUS_OK)
        vigie_bulk_action_add_failed (bulk, target->text,
                                      inventory->error != NULL ? inventory->error
                                                               : _("The endpoint did not answer"));
      else if ((instance = find_instance (inventory, target)) == NULL)
        {
          g_autofree char *reason =
            /* Translators: %s is what the user asked for: an id or a name */
            g_strdup_printf (_("No instance “%s” on this endpoint"), target->id);

          vigie_bulk_action_add_failed (bulk, target->text, reason);
        }
      else
        vigie_bulk_action_add (bulk, target->text, backend, instance);
    }
}

int
vigiectl_action (Vigiectl *ctl,
                 int       argc,
                 char    **argv)
{
  gboolean yes = FALSE;
  g_auto(GStrv) given = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) backends = NULL;
  g_autoptr(GPtrArray) inventories = NULL;
  g_autoptr(VigieBulkAction) bulk = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *id = NULL;
  gboolean destructive = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask for a confirmation"), NULL },
    { "param", 0, 0, G_OPTION_ARG_STRING_ARRAY, &given,
      N_("A parameter of the action, e.g. name=before-exam (repeatable)"), N_("KEY=VALUE") },
    { NULL }
  };

  context = g_option_context_new (N_("ACTION TARGET…"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Runs one action on every target, a few at once.\n\n"
                                  "Actions: start, shutdown, stop, reboot, suspend, resume, "
                                  "snapshot (--param name=NAME), backup.\n"
                                  "Targets: ENDPOINT/ID, or ENDPOINT/PROJECT/NAME on Incus.\n"
                                  "stop and reboot are confirmed unless --yes.\n"
                                  "Exit status: 0 when every target succeeded, 2 when one "
                                  "failed or was not allowed, 1 on bad usage."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  if (argc < 3)
    {
      vigiectl_error (_("action needs an action and at least one target: "
                        "vigiectl action ACTION TARGET…"));
      return VIGIECTL_EXIT_USAGE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (argv[1], actions[i].name))
      {
        id = actions[i].id;
        destructive = actions[i].destructive;
      }
  if (id == NULL)
    {
      vigiectl_error (_("unknown action “%s” (start, shutdown, stop, reboot, suspend, resume, "
                        "snapshot or backup)"), argv[1]);
      return VIGIECTL_EXIT_USAGE;
    }
  if (!parse_params (id, given, params))
    return VIGIECTL_EXIT_USAGE;
  if (!vigiectl_load_store (ctl))
    return VIGIECTL_EXIT_USAGE;

  /* Every target is checked before anything runs. */
  for (int i = 2; i < argc; i++)
    {
      Target *target = parse_target (ctl, argv[i]);
      const char *name;

      if (target == NULL)
        return VIGIECTL_EXIT_USAGE;
      g_ptr_array_add (targets, target);
      name = vigie_endpoint_get_name (target->endpoint);
      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_strdup (name));
    }
  if (destructive && !yes && !confirm (vigie_action_get_default_label (id), targets))
    return VIGIECTL_EXIT_USAGE;

  g_ptr_array_add (names, NULL);
  backends = vigiectl_select_backends (ctl, (GStrv) names->pdata);
  if (backends == NULL)
    return VIGIECTL_EXIT_USAGE;
  /* The instances as the backends know them (node, type, state), which
   * actions and their capability model need. */
  inventories = vigiectl_fetch (ctl, backends, VIGIE_FETCH_INVENTORY);

  bulk = vigie_bulk_action_new (id, params);
  add_targets (bulk, targets, backends, inventories);
  g_signal_connect (bulk, "item-finished", G_CALLBACK (on_item_finished), NULL);
  vigie_bulk_action_run_async (bulk, NULL, vigiectl_result_cb, &result);
  return vigie_bulk_action_run_finish (bulk, vigiectl_wait_result (&result), NULL)
         ? VIGIECTL_EXIT_OK : VIGIECTL_EXIT_PARTIAL;
}
