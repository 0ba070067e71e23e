/* vigie-coverage-match.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Matching uses the strongest identity available, and never guesses: an
 * item that could belong to two instances is attributed to neither and both
 * are flagged ambiguous.
 *
 *  - vzdump (what Proxmox VE sees in its storage): its own endpoint, by VMID.
 *  - PBS group vm/100 in datastore D, namespace NS, on a PBS whose URL is
 *    host H, port P: the Proxmox VE endpoints with a storage of type pbs
 *    whose server is H (port P, default 8007), datastore D and namespace NS
 *    (NULL and "" are the root), then the instance with that VMID and type.
 *    The storage's fingerprint equal to the PBS certificate's (inventory
 *    extra "fingerprint") also identifies the server.
 *  - Veeam: ESXi VMs by UUID; else by moref (narrowed by target_host when
 *    several ESXi VMs share it); else by name when that name is unique
 *    across every ESXi endpoint.
 *  - Incus: its own endpoint, by project and name.
 *
 * One snapshot seen through a PVE pbs storage and through PBS itself gets
 * the same identity (PBS endpoint, datastore, namespace, type/id/time), so
 * it is counted once and its source is the PBS one.
 */

#define G_LOG_DOMAIN "vigie-coverage"

#include "config.h"

#include <string.h>

#include "vigie-clock.h"
#include "vigie-coverage-private.h"

#define PBS_DEFAULT_PORT 8007

/* Host names and addresses */

static char *
normalize_host (const char *host)
{
  g_autofree char *lower = NULL;
  gsize len;

  if (host == NULL)
    return NULL;
  if (host[0] == '[')
    {
      const char *end = strchr (host, ']');

      lower = g_ascii_strdown (host + 1, end != NULL ? end - host - 1 : -1);
    }
  else
    lower = g_ascii_strdown (host, -1);
  len = strlen (lower);
  if (len > 0 && lower[len - 1] == '.')
    lower[len - 1] = '\0';
  return g_steal_pointer (&lower);
}

/* "host", "host:port", "[v6]:port" or a bare IPv6 address. */
static char *
split_host_port (const char *text,
                 int        *port)
{
  const char *colon;

  *port = -1;
  if (text == NULL || *text == '\0')
    return NULL;
  if (text[0] == '[')
    {
      const char *end = strchr (text, ']');

      if (end != NULL && end[1] == ':')
        *port = atoi (end + 2);
      return normalize_host (text);
    }
  colon = strchr (text, ':');
  if (colon != NULL && strchr (colon + 1, ':') == NULL)
    {
      g_autofree char *host = g_strndup (text, colon - text);

      *port = atoi (colon + 1);
      return normalize_host (host);
    }
  return normalize_host (text);
}

/* Exact (case-insensitive) match, or a short name against the first label
 * of a fully qualified one ("pbs" and "pbs.lab.example"). No DNS here: this
 * is pure code, and a lookup would block. */
static gboolean
hosts_match (const char *a,
             const char *b)
{
  const char *short_name, *long_name;
  gsize len;

  if (a == NULL || b == NULL)
    return FALSE;
  if (g_str_equal (a, b))
    return TRUE;
  if (g_hostname_is_ip_address (a) || g_hostname_is_ip_address (b))
    return FALSE;
  if (strchr (a, '.') == NULL)
    short_name = a, long_name = b;
  else if (strchr (b, '.') == NULL)
    short_name = b, long_name = a;
  else
    return FALSE;
  len = strlen (short_name);
  return strncmp (long_name, short_name, len) == 0 && long_name[len] == '.';
}

static char *
url_host (const char *url,
          int        *port)
{
  g_autoptr(GUri) uri = NULL;

  *port = -1;
  if (url == NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  *port = g_uri_get_port (uri);
  return normalize_host (g_uri_get_host (uri));
}

static gboolean
namespaces_equal (const char *a,
                  const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* PBS and PVE name types vm/ct/host; some backends say qemu/lxc/container. */
static const char *
normalize_target_type (const char *type)
{
  if (type == NULL)
    return NULL;
  if (g_str_equal (type, "qemu") || g_str_equal (type, "vm"))
    return "vm";
  if (g_str_equal (type, "lxc") || g_str_equal (type, "ct") || g_str_equal (type, "container"))
    return "ct";
  return type;
}

static gboolean
type_fits (const char    *target_type,
           VigieInstance *inst)
{
  const char *type = normalize_target_type (target_type);

  if (type == NULL)
    return TRUE;
  if (g_str_equal (type, "vm"))
    return inst->type == VIGIE_INSTANCE_VM;
  if (g_str_equal (type, "ct"))
    return inst->type == VIGIE_INSTANCE_CONTAINER;
  return FALSE;  /* "host" groups are not instances */
}

/* Lookups by identity, so that matching stays linear in the number of
 * backups even for labs of many thousand instances:
 *   'i' inventory + instance id, and for ESXi VMs across endpoints
 *   'u' normalized UUID, 'm' moref, 'n' name. */
static char *
index_key (char            kind,
           VigieInventory *inv,
           const char     *value)
{
  return g_strdup_printf ("%c\n%p\n%s", kind, kind == 'i' ? (gpointer) inv : NULL, value);
}

char *
vigie_coverage_normalize_uuid (const char *uuid)
{
  GString *out;

  if (uuid == NULL || *uuid == '\0')
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = uuid; *p != '\0'; p++)
    if (*p != '-' && *p != '{' && *p != '}')
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

void
vigie_coverage_index_add (Engine         *engine,
                          char            kind,
                          VigieInventory *inv,
                          const char     *value,
                          gpointer        target)
{
  g_autofree char *key = NULL;
  GPtrArray *list;

  if (value == NULL)
    return;
  key = index_key (kind, inv, value);
  list = g_hash_table_lookup (engine->index, key);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (engine->index, g_steal_pointer (&key), list);
    }
  g_ptr_array_add (list, target);
}

static GPtrArray *
index_get (Engine         *engine,
           char            kind,
           VigieInventory *inv,
           const char     *value)
{
  g_autofree char *key = NULL;

  if (value == NULL)
    return NULL;
  key = index_key (kind, inv, value);
  return g_hash_table_lookup (engine->index, key);
}

void
vigie_coverage_target_free (Target *target)
{
  g_clear_pointer (&target->distinct, g_hash_table_unref);
  g_clear_pointer (&target->failures, g_hash_table_unref);
  g_clear_object (&target->inst);
  g_clear_object (&target->row);
  g_free (target);
}

/* The inventory that reported @item: by its endpoint's uuid, by name only
 * for an item made outside an inventory. */
static VigieInventory *
find_inventory (Engine          *engine,
                VigieBackupItem *item)
{
  for (guint i = 0; i < engine->inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (engine->inventories, i);

      if (item->endpoint_uuid != NULL ? g_strcmp0 (inv->endpoint_uuid, item->endpoint_uuid) == 0
                                      : (item->endpoint != NULL &&
                                         g_strcmp0 (inv->endpoint, item->endpoint) == 0))
        return inv;
    }
  return NULL;
}

static VigieStorage *
find_storage (VigieInventory *inv,
              const char     *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inv->storage));

  for (guint i = 0; name != NULL && i < n; i++)
    {
      g_autoptr(VigieStorage) storage = g_list_model_get_item (G_LIST_MODEL (inv->storage), i);

      if (g_strcmp0 (storage->name, name) == 0)
        return storage;
    }
  return NULL;
}

static gboolean
is_pbs_storage (VigieStorage *storage)
{
  return storage != NULL && g_strcmp0 (storage->type, "pbs") == 0;
}

static gboolean
fingerprints_equal (const char *a,
                    const char *b)
{
  g_autofree char *na = NULL;
  g_autofree char *nb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  na = vigie_fingerprint_normalize (a);
  nb = vigie_fingerprint_normalize (b);
  if (na != NULL && nb != NULL)
    return g_str_equal (na, nb);
  /* Not SHA-256 (a backend's own spelling): compare hex digits only. */
  while (*a != '\0' || *b != '\0')
    {
      while (*a == ':')
        a++;
      while (*b == ':')
        b++;
      if (g_ascii_tolower (*a) != g_ascii_tolower (*b))
        return FALSE;
      if (*a == '\0')
        break;
      a++, b++;
    }
  return TRUE;
}

/* Does this PVE pbs storage write into that PBS, datastore and namespace?
 * The PBS is known by the host and port of its URL, or by its certificate
 * fingerprint (when its inventory's extra "fingerprint" has it), which
 * survives a storage configured by IP address and an endpoint by name. */
static gboolean
storage_points_at (VigieStorage   *storage,
                   VigieInventory *pbs,
                   const char     *datastore,
                   const char     *namespace_)
{
  g_autofree char *server = NULL;
  g_autofree char *pbs_host = NULL;
  int pbs_port;
  int port;

  if (!is_pbs_storage (storage) || pbs == NULL)
    return FALSE;
  if (g_strcmp0 (storage->pbs_datastore, datastore) != 0 ||
      !namespaces_equal (storage->pbs_namespace, namespace_))
    return FALSE;
  if (pbs->extra != NULL &&
      fingerprints_equal (storage->pbs_fingerprint,
                          g_hash_table_lookup (pbs->extra, "fingerprint")))
    return TRUE;
  pbs_host = url_host (pbs->url, &pbs_port);
  if (pbs_host == NULL)
    return FALSE;
  server = split_host_port (storage->pbs_server, &port);
  if (port <= 0 && storage->pbs_port > 0)
    port = (int) storage->pbs_port;
  if (port <= 0)
    port = PBS_DEFAULT_PORT;
  if (pbs_port <= 0)
    pbs_port = PBS_DEFAULT_PORT;
  return port == pbs_port && hosts_match (server, pbs_host);
}

/* The PBS endpoint (any status) a PVE pbs storage writes into, if we know it. */
static VigieInventory *
pbs_for_storage (Engine       *engine,
                 VigieStorage *storage)
{
  gpointer found = NULL;

  if (engine->pbs_of_storage == NULL)
    engine->pbs_of_storage = g_hash_table_new (NULL, NULL);
  else if (g_hash_table_lookup_extended (engine->pbs_of_storage, storage, NULL, &found))
    return found;
  for (guint i = 0; i < engine->inventories->len && found == NULL; i++)
    {
      VigieInventory *inv = g_ptr_array_index (engine->inventories, i);

      if (inv->kind == VIGIE_KIND_PBS &&
          storage_points_at (storage, inv, storage->pbs_datastore, storage->pbs_namespace))
        found = inv;
    }
  g_hash_table_insert (engine->pbs_of_storage, storage, found);
  return found;
}

/* "vm/100/1764093600": the part of a PBS snapshot's identity that both
 * views agree on, whatever their volid spelling ("STORE:backup/vm/100/T",
 * "vm/100/T", "ns/x/vm/100/T"). Fields win over what the volid says. */
static char *
snapshot_identity (VigieBackupItem *item)
{
  const char *type = normalize_target_type (item->target_type);
  const char *id = item->target_id;
  gint64 time = item->time;
  g_auto(GStrv) parts = NULL;

  if (item->volid != NULL)
    {
      const char *tail = strstr (item->volid, ":backup/");
      guint n;

      parts = g_strsplit (tail != NULL ? tail + strlen (":backup/") : item->volid, "/", -1);
      n = g_strv_length (parts);
      if (n >= 3 && vigie_parse_time (parts[n - 1]) > 0)
        {
          if (type == NULL)
            type = normalize_target_type (parts[n - 3]);
          if (id == NULL)
            id = parts[n - 2];
          if (time <= 0)
            time = vigie_parse_time (parts[n - 1]);
        }
    }
  if (type != NULL && id != NULL && time > 0)
    return g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT, type, id, time);
  return NULL;
}

/* An identity that is equal for two views of one backup. */
static char *
item_identity (Engine          *engine,
               VigieBackupItem *item)
{
  g_autofree char *snapshot = snapshot_identity (item);
  const char *fallback = item->volid;
  g_autofree char *own = NULL;

  if (fallback == NULL)
    fallback = own = g_strdup_printf ("%s|%s|%s|%" G_GINT64_FORMAT, item->location,
                                      item->target_id, item->target_name, item->time);

  if (item->source == VIGIE_BACKUP_SOURCE_PBS)
    return g_strdup_printf ("pbs|%s|%s|%s|%s", item->endpoint, item->location,
                            item->namespace_ ? item->namespace_ : "",
                            snapshot ? snapshot : fallback);

  if (item->source == VIGIE_BACKUP_SOURCE_VZDUMP)
    {
      VigieInventory *inv = find_inventory (engine, item);
      VigieStorage *storage = inv != NULL ? find_storage (inv, item->location) : NULL;

      if (is_pbs_storage (storage))
        {
          VigieInventory *pbs = pbs_for_storage (engine, storage);

          if (pbs != NULL)
            return g_strdup_printf ("pbs|%s|%s|%s|%s", pbs->endpoint, storage->pbs_datastore,
                                    storage->pbs_namespace ? storage->pbs_namespace : "",
                                    snapshot ? snapshot : fallback);
          return g_strdup_printf ("pbs@%s|%s|%s|%s", storage->pbs_server, storage->pbs_datastore,
                                  storage->pbs_namespace ? storage->pbs_namespace : "",
                                  snapshot ? snapshot : fallback);
        }
    }
  return g_strdup_printf ("%s|%s|%s", vigie_backup_source_to_string (item->source),
                          item->endpoint, fallback);
}

char *
vigie_coverage_describe_source (VigieBackupItem *item)
{
  const char *where = item->location != NULL ? item->location : "";

  g_return_val_if_fail (VIGIE_IS_BACKUP_ITEM (item), NULL);

  switch (item->source)
    {
    case VIGIE_BACKUP_SOURCE_PBS:
      if (item->namespace_ != NULL && *item->namespace_ != '\0')
        return g_strdup_printf ("pbs:%s/%s/%s", item->endpoint, where, item->namespace_);
      return g_strdup_printf ("pbs:%s/%s", item->endpoint, where);
    case VIGIE_BACKUP_SOURCE_VEEAM:
      return g_strdup_printf ("veeam:%s/%s", item->endpoint,
                              item->location != NULL ? item->location
                                                     : item->job != NULL ? item->job : "");
    case VIGIE_BACKUP_SOURCE_INCUS:
      return g_strdup_printf ("incus:%s", item->endpoint);
    case VIGIE_BACKUP_SOURCE_VZDUMP:
    default:
      return g_strdup_printf ("vzdump:%s/%s", item->endpoint, where);
    }
}

static void
add_candidates_by_id (Engine          *engine,
                      VigieInventory  *inv,
                      VigieBackupItem *item,
                      GPtrArray       *candidates)
{
  GPtrArray *targets = index_get (engine, 'i', inv, item->target_id);

  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      Target *target = g_ptr_array_index (targets, i);

      if (type_fits (item->target_type, target->inst) &&
          !g_ptr_array_find (candidates, target, NULL))
        g_ptr_array_add (candidates, target);
    }
}

static void
candidates_vzdump (Engine          *engine,
                   VigieBackupItem *item,
                   GPtrArray       *candidates)
{
  VigieInventory *inv = find_inventory (engine, item);

  if (inv != NULL && inv->kind == VIGIE_KIND_PROXMOX)
    add_candidates_by_id (engine, inv, item, candidates);
}

/* The Proxmox VE endpoints with a storage that writes into @pbs's
 * @datastore and @namespace_, in the inventories' order. */
static GPtrArray *
pbs_users (Engine         *engine,
           VigieInventory *pbs,
           const char     *datastore,
           const char     *namespace_)
{
  /* A NULL datastore matches only NULL; a NULL namespace is the root "". */
  g_autofree char *key = g_strdup_printf ("%p\n%s%s\n%s", (gpointer) pbs,
                                          datastore ? "=" : "!", datastore ? datastore : "",
                                          namespace_ ? namespace_ : "");
  GPtrArray *users;

  if (engine->pbs_users == NULL)
    engine->pbs_users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
  users = g_hash_table_lookup (engine->pbs_users, key);
  if (users != NULL)
    return users;
  users = g_ptr_array_new ();
  for (guint i = 0; i < engine->inventories->len; i++)
    {
      VigieInventory *inv = g_ptr_array_index (engine->inventories, i);
      guint n;

      if (inv->kind != VIGIE_KIND_PROXMOX)
        continue;
      n = g_list_model_get_n_items (G_LIST_MODEL (inv->storage));
      for (guint k = 0; k < n; k++)
        {
          g_autoptr(VigieStorage) storage = g_list_model_get_item (G_LIST_MODEL (inv->storage), k);

          if (storage_points_at (storage, pbs, datastore, namespace_))
            {
              g_ptr_array_add (users, inv);
              break;
            }
        }
    }
  g_hash_table_insert (engine->pbs_users, g_steal_pointer (&key), users);
  return users;
}

static void
candidates_pbs (Engine          *engine,
                VigieBackupItem *item,
                GPtrArray       *candidates)
{
  VigieInventory *pbs = find_inventory (engine, item);
  GPtrArray *users;

  if (pbs == NULL)
    return;
  users = pbs_users (engine, pbs, item->location, item->namespace_);
  for (guint i = 0; i < users->len; i++)
    add_candidates_by_id (engine, g_ptr_array_index (users, i), item, candidates);
}

static gboolean
target_on_host (Target     *target,
                const char *host)
{
  g_autofree char *wanted = normalize_host (host);
  g_autofree char *inst_host = normalize_host (target->inst->host);
  g_autofree char *endpoint_host = NULL;
  int port;

  endpoint_host = url_host (target->inv->url, &port);
  return hosts_match (wanted, inst_host) || hosts_match (wanted, endpoint_host) ||
         g_strcmp0 (host, target->inv->endpoint) == 0;
}

/* Returns TRUE when the only candidate is a guess: matched by name alone
 * while the backup names a host that is not the instance's. */
static gboolean
candidates_veeam (Engine          *engine,
                  VigieBackupItem *item,
                  GPtrArray       *candidates)
{
  g_autofree char *uuid = vigie_coverage_normalize_uuid (item->target_uuid);
  GPtrArray *by_uuid = index_get (engine, 'u', NULL, uuid);
  GPtrArray *by_name;

  /* Agent backups of hosts, NAS shares… are not ESXi VMs. */
  if (item->target_type != NULL && g_strcmp0 (normalize_target_type (item->target_type), "vm") != 0)
    return FALSE;

  /* 1. BIOS or instance UUID: unique in practice, and across vCenters. */
  if (by_uuid != NULL)
    {
      g_ptr_array_extend (candidates, by_uuid, NULL, NULL);
      return FALSE;
    }

  /* 2. moref: unique only within one vCenter or ESXi host. */
  if (item->target_id != NULL)
    {
      GPtrArray *found = index_get (engine, 'm', NULL, item->target_id);
      g_autoptr(GPtrArray) by_moref = g_ptr_array_new ();
      g_autoptr(GPtrArray) on_host = g_ptr_array_new ();

      if (found != NULL)
        g_ptr_array_extend (by_moref, found, NULL, NULL);
      for (guint i = 0; item->target_host != NULL && i < by_moref->len; i++)
        if (target_on_host (g_ptr_array_index (by_moref, i), item->target_host))
          g_ptr_array_add (on_host, g_ptr_array_index (by_moref, i));

      if (on_host->len > 0)
        {
          g_ptr_array_extend (candidates, on_host, NULL, NULL);
          return FALSE;
        }
      if (by_moref->len == 1)
        {
          Target *target = g_ptr_array_index (by_moref, 0);

          /* With several ESXi endpoints, a moref alone may be another
           * vCenter's vm-42: accept it only if the name agrees. */
          if (engine->n_esxi <= 1 || item->target_name == NULL ||
              g_strcmp0 (item->target_name, target->inst->name) == 0)
            {
              g_ptr_array_add (candidates, target);
              return FALSE;
            }
        }
      else if (by_moref->len > 1)
        {
          g_ptr_array_extend (candidates, by_moref, NULL, NULL);
          return FALSE;
        }
    }

  /* 3. Name, only when unique across every ESXi endpoint — and not when the
   * backup says its VM ran on a host that is not this instance's: a VM of
   * the same name elsewhere is another VM until proven otherwise. */
  by_name = index_get (engine, 'n', NULL, item->target_name);
  if (by_name != NULL)
    g_ptr_array_extend (candidates, by_name, NULL, NULL);
  return by_name != NULL && by_name->len == 1 && item->target_host != NULL &&
         !target_on_host (g_ptr_array_index (by_name, 0), item->target_host);
}

static void
candidates_incus (Engine          *engine,
                  VigieBackupItem *item,
                  GPtrArray       *candidates)
{
  VigieInventory *inv = find_inventory (engine, item);
  const char *name = item->target_id != NULL ? item->target_id : item->target_name;
  const char *project = item->target_project != NULL ? item->target_project : "default";
  GPtrArray *targets = inv != NULL ? index_get (engine, 'i', inv, name) : NULL;

  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      Target *target = g_ptr_array_index (targets, i);
      const char *inst_project = target->inst->project != NULL ? target->inst->project : "default";

      if (g_str_equal (project, inst_project))
        g_ptr_array_add (candidates, target);
    }
}

static void
attribute (Engine          *engine,
           Target          *target,
           VigieBackupItem *item)
{
  g_autofree char *identity = item_identity (engine, item);
  Distinct *distinct;

  /* Made for the instances that have backups only. */
  if (item->failed && target->failures == NULL)
    target->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  else if (!item->failed && target->distinct == NULL)
    target->distinct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (item->failed)
    {
      if (!g_hash_table_contains (target->failures, identity))
        g_hash_table_insert (target->failures, g_steal_pointer (&identity), item);
      return;
    }

  distinct = g_hash_table_lookup (target->distinct, identity);
  if (distinct == NULL)
    {
      distinct = g_new0 (Distinct, 1);
      distinct->item = item;
      distinct->verified = item->verified;
      g_hash_table_insert (target->distinct, g_steal_pointer (&identity), distinct);
      return;
    }
  /* The PBS view names where the backup really is, and knows its
   * verification best; a failed verification in any view wins. */
  if (item->source == VIGIE_BACKUP_SOURCE_PBS && distinct->item->source != VIGIE_BACKUP_SOURCE_PBS)
    distinct->item = item;
  if (item->verified == VIGIE_VERIFIED_FAILED || distinct->verified == VIGIE_VERIFIED_NONE)
    distinct->verified = item->verified;
}

void
vigie_coverage_match_item (Engine          *engine,
                           VigieBackupItem *item)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  VigieInventory *reporter = find_inventory (engine, item);
  gboolean doubtful = FALSE;

  /* PBS backups only count when that PBS answered ("connected"). */
  if (reporter != NULL && reporter->status != VIGIE_STATUS_OK &&
      item->source == VIGIE_BACKUP_SOURCE_PBS)
    return;

  switch (item->source)
    {
    case VIGIE_BACKUP_SOURCE_VZDUMP:
      candidates_vzdump (engine, item, candidates);
      break;
    case VIGIE_BACKUP_SOURCE_PBS:
      candidates_pbs (engine, item, candidates);
      break;
    case VIGIE_BACKUP_SOURCE_VEEAM:
      doubtful = candidates_veeam (engine, item, candidates);
      break;
    case VIGIE_BACKUP_SOURCE_INCUS:
      candidates_incus (engine, item, candidates);
      break;
    default:
      break;
    }

  if (candidates->len == 1 && !doubtful)
    attribute (engine, g_ptr_array_index (candidates, 0), item);
  else if (candidates->len > 0)
    {
      g_debug ("%s backup of %s (%s) matches %u instances: not attributed",
               vigie_backup_source_to_string (item->source),
               item->target_name ? item->target_name : "-",
               item->target_id ? item->target_id : "-", candidates->len);
      for (guint i = 0; i < candidates->len; i++)
        ((Target *) g_ptr_array_index (candidates, i))->row->ambiguous = TRUE;
    }
}
