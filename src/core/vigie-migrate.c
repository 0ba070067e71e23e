/* vigie-migrate.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The readiness rules of docs/migrate.md. Each fact a rule reads comes from
 * an instance field or extra that the backends fill only when the server
 * said it; a missing one gives an "unknown" reason, never a guess.
 */

#define G_LOG_DOMAIN "vigie-migrate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-json.h"
#include "vigie-migrate.h"

G_DEFINE_FINAL_TYPE (VigieMigrateCheck, vigie_migrate_check, G_TYPE_OBJECT)

static void
reason_free (VigieMigrateReason *reason)
{
  g_free (reason->rule);
  g_free (reason->text);
  g_free (reason->detail);
  g_free (reason->source);
  g_free (reason->checked);
  g_free (reason);
}

static void
vigie_migrate_check_finalize (GObject *object)
{
  VigieMigrateCheck *self = VIGIE_MIGRATE_CHECK (object);

  g_free (self->endpoint);
  g_free (self->instance_id);
  g_free (self->name);
  g_free (self->os);
  g_ptr_array_unref (self->reasons);
  g_free (self->backup_path);

  G_OBJECT_CLASS (vigie_migrate_check_parent_class)->finalize (object);
}

static void
vigie_migrate_check_class_init (VigieMigrateCheckClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_migrate_check_finalize;
}

static void
vigie_migrate_check_init (VigieMigrateCheck *self)
{
  self->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);
  self->data_bytes = VIGIE_UNSET;
}

const char *
vigie_migrate_target_to_string (VigieMigrateTarget target)
{
  return target == VIGIE_MIGRATE_TO_INCUS ? "incus" : "proxmox";
}

const char *
vigie_migrate_target_describe (VigieMigrateTarget target)
{
  return target == VIGIE_MIGRATE_TO_INCUS ? "Incus" : "Proxmox VE";
}

const char *
vigie_readiness_to_string (VigieReadiness verdict)
{
  switch (verdict)
    {
    case VIGIE_READINESS_READY:
      return "ready";
    case VIGIE_READINESS_NEEDS_WORK:
      return "needs-work";
    case VIGIE_READINESS_BLOCKED:
    default:
      return "blocked";
    }
}

const char *
vigie_readiness_describe (VigieReadiness verdict)
{
  switch (verdict)
    {
    case VIGIE_READINESS_READY:
      /* Translators: a migration verdict */
      return _("ready");
    case VIGIE_READINESS_NEEDS_WORK:
      /* Translators: a migration verdict */
      return _("needs work");
    case VIGIE_READINESS_BLOCKED:
    default:
      /* Translators: a migration verdict */
      return _("blocked");
    }
}

const char *
vigie_reason_level_to_string (VigieReasonLevel level)
{
  switch (level)
    {
    case VIGIE_REASON_NOTE:
      return "note";
    case VIGIE_REASON_UNKNOWN:
      return "unknown";
    case VIGIE_REASON_NEEDS_WORK:
      return "needs-work";
    case VIGIE_REASON_BLOCKS:
    default:
      return "blocked";
    }
}

/* ---- Reading the rules ---- */

typedef struct {
  GPtrArray          *rules;      /* JsonObject*, borrowed */
  const char         *lang;
  VigieMigrateCheck  *check;
  const char         *pair;       /* "esxi>proxmox" */
} Ctx;

static JsonObject *
find_rule (Ctx        *ctx,
           const char *id)
{
  for (guint i = 0; i < ctx->rules->len; i++)
    {
      JsonObject *rule = g_ptr_array_index (ctx->rules, i);
      JsonArray *pairs = vigie_json_get_array (rule, "pairs");

      if (g_strcmp0 (vigie_json_get_string (rule, "id"), id) != 0 || pairs == NULL)
        continue;
      for (guint j = 0; j < json_array_get_length (pairs); j++)
        if (g_strcmp0 (json_array_get_string_element (pairs, j), ctx->pair) == 0)
          return rule;
    }
  return NULL;
}

static VigieReasonLevel
level_of (const char *value)
{
  if (g_strcmp0 (value, "blocked") == 0)
    return VIGIE_REASON_BLOCKS;
  if (g_strcmp0 (value, "needs-work") == 0)
    return VIGIE_REASON_NEEDS_WORK;
  return VIGIE_REASON_NOTE;
}

/* Adds the rule's reason (known = TRUE) or its "unknown" text. A rule that
 * does not apply to this pair adds nothing. */
static void
add_reason (Ctx        *ctx,
            const char *id,
            gboolean    known,
            const char *detail)
{
  JsonObject *rule = find_rule (ctx, id);
  JsonObject *fact;
  VigieMigrateReason *reason;
  const char *text;

  if (rule == NULL || (fact = vigie_json_get_object (rule, "reason")) == NULL)
    return;
  text = known ? vigie_knowledge_text (vigie_json_get_object (fact, "text"), ctx->lang)
               : vigie_knowledge_text (vigie_json_get_object (rule, "unknown"), ctx->lang);
  if (text == NULL)
    return;
  reason = g_new0 (VigieMigrateReason, 1);
  reason->rule = g_strdup (id);
  reason->level = known ? level_of (vigie_json_get_string (fact, "value")) : VIGIE_REASON_UNKNOWN;
  reason->text = g_strdup (text);
  reason->detail = g_strdup (detail);
  reason->source = g_strdup (vigie_json_get_string (fact, "source"));
  reason->checked = g_strdup (vigie_json_get_string (fact, "checked"));
  g_ptr_array_add (ctx->check->reasons, reason);
}

static const char *
extra (VigieInstance *instance,
       const char    *key)
{
  return instance->extra != NULL ? g_hash_table_lookup (instance->extra, key) : NULL;
}

/* TRUE/FALSE, or -1 when the extra is absent or not a boolean. */
static int
extra_bool (VigieInstance *instance,
            const char    *key)
{
  const char *value = extra (instance, key);

  if (g_strcmp0 (value, "true") == 0)
    return TRUE;
  if (g_strcmp0 (value, "false") == 0)
    return FALSE;
  return -1;
}

/* -1 when unknown. */
static int
is_windows (VigieInstance *instance,
            VigieKind      kind)
{
  g_autofree char *os = NULL;

  if (instance->os == NULL || *instance->os == '\0')
    return -1;
  os = g_ascii_strdown (instance->os, -1);
  if (strstr (os, "windows") != NULL)
    return TRUE;
  /* Proxmox VE's ostype: win7…win11, w2k, w2k3, w2k8, wxp, wvista. */
  if (kind == VIGIE_KIND_PROXMOX)
    return g_str_has_prefix (os, "win") || g_str_has_prefix (os, "w2k") ||
           g_str_equal (os, "wxp") || g_str_equal (os, "wvista");
  return FALSE;
}

static VigieStorage *
find_datastore (VigieInventory *inventory,
                const char     *moref)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inventory->storage));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieStorage) storage =
        g_list_model_get_item (G_LIST_MODEL (inventory->storage), i);

      if (storage->extra != NULL &&
          g_strcmp0 (g_hash_table_lookup (storage->extra, "moref"), moref) == 0)
        return storage;
    }
  return NULL;
}

/* TRUE when a datastore of the VM is vSAN, FALSE when none is, -1 when
 * the datastores or one of their types is not known. */
static int
on_vsan (VigieInventory *inventory,
         VigieInstance  *instance,
         char          **names)
{
  const char *list = extra (instance, "datastores");
  g_auto(GStrv) morefs = NULL;
  gboolean unknown = FALSE;

  if (list == NULL)
    return -1;
  morefs = g_strsplit (list, ",", -1);
  for (guint i = 0; morefs[i] != NULL; i++)
    {
      VigieStorage *storage;

      if (*morefs[i] == '\0')
        continue;
      storage = find_datastore (inventory, morefs[i]);
      if (storage == NULL || storage->type == NULL)
        unknown = TRUE;
      else if (g_ascii_strcasecmp (storage->type, "vsan") == 0)
        {
          *names = g_strdup (storage->name);
          return TRUE;
        }
    }
  return unknown ? -1 : FALSE;
}

/* "endpoint\nid" of every instance with a good Veeam backup in @coverage:
 * read once for all the checks (a scan of the coverage for each guest was
 * quadratic, 9 s of CPU at 10,000 guests). */
static GHashTable *
veeam_backed (GListModel *coverage)
{
  GHashTable *backed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = coverage != NULL ? g_list_model_get_n_items (coverage) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieCoverage) row = g_list_model_get_item (coverage, i);
      guint m = row->backups != NULL ? row->backups->len : 0;

      for (guint j = 0; j < m; j++)
        {
          VigieBackupItem *item = g_ptr_array_index (row->backups, j);

          if (item->source == VIGIE_BACKUP_SOURCE_VEEAM && !item->failed)
            {
              g_hash_table_add (backed, g_strdup_printf ("%s\n%s", row->endpoint ? row->endpoint : "",
                                                         row->instance_id ? row->instance_id : ""));
              break;
            }
        }
    }
  return backed;
}

static const char *
backup_path (GHashTable    *veeam,
             const char    *endpoint,
             VigieInstance *instance)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", endpoint ? endpoint : "",
                                          instance->id ? instance->id : "");

  return g_hash_table_contains (veeam, key) ? "veeam" : NULL;
}

/* ---- The rules ---- */

static void
check_firmware (Ctx            *ctx,
                VigieInstance  *instance,
                VigieMigrateTarget target)
{
  const char *firmware = extra (instance, "firmware");
  int secure_boot = extra_bool (instance, "secure_boot");

  if (target == VIGIE_MIGRATE_TO_INCUS)
    {
      if (firmware == NULL)
        add_reason (ctx, "firmware-bios-incus", FALSE, NULL);
      else if (g_str_equal (firmware, "bios"))
        add_reason (ctx, "firmware-bios-incus", TRUE, "bios");
      return;
    }
  if (firmware == NULL)
    add_reason (ctx, "firmware-efi", FALSE, NULL);
  else if (g_str_equal (firmware, "efi"))
    {
      add_reason (ctx, "firmware-efi", TRUE, "efi");
      if (secure_boot < 0)
        add_reason (ctx, "secure-boot", FALSE, NULL);
      else if (secure_boot)
        add_reason (ctx, "secure-boot", TRUE, NULL);
    }
}

static void
check_vm (Ctx                *ctx,
          VigieInventory     *inventory,
          VigieInstance      *instance,
          VigieMigrateTarget  target)
{
  gboolean incus = target == VIGIE_MIGRATE_TO_INCUS;
  const char *passthrough = extra (instance, "passthrough");
  const char *controllers = extra (instance, "controllers");
  int windows = is_windows (instance, inventory->kind);

  if (instance->template)
    add_reason (ctx, "template", TRUE, NULL);

  if (passthrough == NULL)
    add_reason (ctx, "passthrough", FALSE, NULL);
  else if (g_strcmp0 (passthrough, "0") != 0)
    add_reason (ctx, "passthrough", TRUE, passthrough);

  if (instance->snapshots == VIGIE_UNSET)
    add_reason (ctx, "snapshots", FALSE, NULL);
  else if (instance->snapshots > 0)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, instance->snapshots);

      add_reason (ctx, "snapshots", TRUE, n);
    }

  check_firmware (ctx, instance, target);

  if (inventory->kind != VIGIE_KIND_ESXI)
    return;

  if (!incus)
    {
      g_autofree char *vsan_name = NULL;
      int vsan = on_vsan (inventory, instance, &vsan_name);

      if (vsan < 0)
        add_reason (ctx, "vsan", FALSE, NULL);
      else if (vsan)
        add_reason (ctx, "vsan", TRUE, vsan_name);
    }

  if (windows < 0)
    add_reason (ctx, incus ? "windows-virtio-incus" : "windows-virtio", FALSE, NULL);
  else if (windows)
    add_reason (ctx, incus ? "windows-virtio-incus" : "windows-virtio", TRUE, NULL);

  if (controllers == NULL)
    add_reason (ctx, incus ? "controller-incus" : "controller", FALSE, NULL);
  else if (*controllers != '\0')
    add_reason (ctx, incus ? "controller-incus" : "controller", TRUE, controllers);

  if (g_strcmp0 (extra (instance, "tools"), "guestToolsRunning") == 0)
    add_reason (ctx, "vmware-tools", TRUE, NULL);
  if (extra_bool (instance, "cbt") == FALSE)
    add_reason (ctx, "cbt", TRUE, NULL);
  if (!incus && inventory->extra != NULL &&
      g_strcmp0 (g_hash_table_lookup (inventory->extra, "api_type"), "VirtualCenter") == 0)
    add_reason (ctx, "vcenter", TRUE, NULL);
}

static int
by_level (gconstpointer a,
          gconstpointer b)
{
  const VigieMigrateReason *ra = *(VigieMigrateReason * const *) a;
  const VigieMigrateReason *rb = *(VigieMigrateReason * const *) b;

  return (int) rb->level - (int) ra->level;
}

static VigieMigrateCheck *
check_one (GPtrArray          *rules,
           const char         *lang,
           VigieInventory     *inventory,
           VigieInstance      *instance,
           VigieMigrateTarget  target,
           GHashTable         *veeam)
{
  g_autoptr(VigieMigrateCheck) check = g_object_new (VIGIE_TYPE_MIGRATE_CHECK, NULL);
  g_autofree char *pair = g_strdup_printf ("%s>%s", vigie_kind_to_string (inventory->kind),
                                           vigie_migrate_target_to_string (target));
  Ctx ctx = { rules, lang, check, pair };
  const char *provisioned = extra (instance, "provisioned_bytes");
  gint64 bytes;

  check->endpoint = g_strdup (inventory->endpoint);
  check->kind = inventory->kind;
  check->instance_id = g_strdup (instance->id);
  check->name = g_strdup (instance->name);
  check->type = instance->type;
  check->os = g_strdup (instance->os);
  check->target = target;

  if (provisioned != NULL &&
      g_ascii_string_to_signed (provisioned, 10, 0, G_MAXINT64, &bytes, NULL))
    check->data_bytes = bytes;
  else if (instance->disk_bytes >= 0)
    check->data_bytes = instance->disk_bytes;

  if (instance->type == VIGIE_INSTANCE_CONTAINER)
    {
      add_reason (&ctx, "lxc-container", TRUE, NULL);
      if (instance->template)
        add_reason (&ctx, "template", TRUE, NULL);
    }
  else
    check_vm (&ctx, inventory, instance, target);

  if (target == VIGIE_MIGRATE_TO_INCUS)
    add_reason (&ctx, "disk-image-incus", TRUE, NULL);
  else if (backup_path (veeam, inventory->endpoint, instance) != NULL)
    {
      check->backup_path = g_strdup ("veeam");
      add_reason (&ctx, "veeam-restore", TRUE, NULL);
    }

  g_ptr_array_sort (check->reasons, by_level);
  check->verdict = VIGIE_READINESS_READY;
  for (guint i = 0; i < check->reasons->len; i++)
    {
      VigieMigrateReason *reason = g_ptr_array_index (check->reasons, i);

      if (reason->level == VIGIE_REASON_BLOCKS)
        check->verdict = VIGIE_READINESS_BLOCKED;
      else if (reason->level == VIGIE_REASON_NEEDS_WORK &&
               check->verdict == VIGIE_READINESS_READY)
        check->verdict = VIGIE_READINESS_NEEDS_WORK;
    }
  return g_steal_pointer (&check);
}

GListStore *
vigie_migrate_check_all (GPtrArray      *inventories,
                         GListModel     *coverage,
                         VigieKnowledge *knowledge,
                         guint           targets,
                         const char     *lang)
{
  GListStore *store = g_list_store_new (VIGIE_TYPE_MIGRATE_CHECK);
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();
  g_autoptr(GHashTable) veeam = NULL;
  JsonArray *array;

  g_return_val_if_fail (inventories != NULL, store);
  g_return_val_if_fail (VIGIE_IS_KNOWLEDGE (knowledge), store);

  veeam = veeam_backed (coverage);
  array = vigie_knowledge_get_migration (knowledge);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *rule = vigie_json_node_object (json_array_get_element (array, i));

      if (rule != NULL)
        g_ptr_array_add (rules, rule);
    }

  for (guint i = 0; i < inventories->len; i++)
    {
      VigieInventory *inventory = g_ptr_array_index (inventories, i);
      guint n;

      if (inventory->kind != VIGIE_KIND_ESXI && inventory->kind != VIGIE_KIND_PROXMOX)
        continue;
      n = g_list_model_get_n_items (G_LIST_MODEL (inventory->instances));
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(VigieInstance) instance =
            g_list_model_get_item (G_LIST_MODEL (inventory->instances), j);

          for (guint t = VIGIE_MIGRATE_TO_PROXMOX; t <= VIGIE_MIGRATE_TO_INCUS; t <<= 1)
            {
              g_autoptr(VigieMigrateCheck) check = NULL;

              if (!(targets & t) ||
                  (t == VIGIE_MIGRATE_TO_PROXMOX && inventory->kind == VIGIE_KIND_PROXMOX))
                continue;
              check = check_one (rules, lang, inventory, instance, t, veeam);
              g_list_store_append (store, check);
            }
        }
    }
  return store;
}
