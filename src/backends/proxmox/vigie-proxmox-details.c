/* vigie-proxmox-details.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The per-guest details of a Proxmox VE cluster, read a few guests per
 * refresh and kept between refreshes. A guest's config carries a digest of
 * its configuration file, which holds its snapshots too: while the digest
 * stays the same, the snapshots are not read again.
 *
 * The replies are kept as compact JSON text and read again when applied to
 * the next refresh's guests: their json-glib trees were about 40 MB at
 * 3,300 guests (bench/RESULTS.md), the text a few MB.
 */

#define G_LOG_DOMAIN "vigie-proxmox"

#include "config.h"

#include "vigie-json.h"
#include "vigie-proxmox-details.h"
#include "vigie-proxmox-parse.h"
#include "vigie-proxmox-parse-private.h"

typedef struct {
  char     *signature;   /* the resources line when last read */
  char     *digest;      /* of the config */
  char     *config;      /* the replies, as JSON text */
  char     *snapshots;
  char     *interfaces;  /* NULL when the guest was not running */
  gboolean  agent;
  guint64   round;       /* the refresh that last read it */
} Entry;

struct _VigieProxmoxDetails
{
  GHashTable *entries;   /* "qemu/100" → Entry */
  guint64     round;
};

typedef struct {
  VigieInstance *instance;
  Entry         *entry;
  guint          rank;   /* 0 never read, 1 changed since, 2 known */
  guint          index;
} Candidate;

static void
entry_free (Entry *entry)
{
  g_free (entry->signature);
  g_free (entry->digest);
  g_free (entry->config);
  g_free (entry->snapshots);
  g_free (entry->interfaces);
  g_free (entry);
}

VigieProxmoxDetails *
vigie_proxmox_details_new (void)
{
  VigieProxmoxDetails *self = g_new0 (VigieProxmoxDetails, 1);

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) entry_free);
  return self;
}

void
vigie_proxmox_details_free (VigieProxmoxDetails *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->entries);
  g_free (self);
}

static gboolean
is_lxc (VigieInstance *instance)
{
  return instance->type == VIGIE_INSTANCE_CONTAINER;
}

static char *
key_of (VigieInstance *instance)
{
  return g_strdup_printf ("%s/%s", is_lxc (instance) ? "lxc" : "qemu", instance->id);
}

/* What /cluster/resources says that a change of config or state shows in. */
static char *
signature_of (VigieInstance *instance)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s|%d|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%"
                          G_GINT64_FORMAT "|%d", instance->host ? instance->host : "",
                          instance->state, instance->name ? instance->name : "", instance->cpus,
                          instance->memory_bytes, instance->disk_bytes, instance->template);
  for (guint i = 0; instance->tags != NULL && i < instance->tags->len; i++)
    g_string_append_printf (text, "|%s", (const char *) g_ptr_array_index (instance->tags, i));
  return g_string_free (text, FALSE);
}

/* A reply kept, read again; NULL for none (or one that does not parse,
 * which cannot happen for text json-glib wrote). */
static JsonNode *
reread (const char *text)
{
  return text != NULL ? vigie_json_parse_bounded (text, strlen (text), NULL) : NULL;
}

static void
keep (char     **text,
      JsonNode  *node)
{
  g_free (*text);
  *text = node != NULL ? json_to_string (node, FALSE) : NULL;
}

static void
apply_snapshots (VigieInstance *instance,
                 JsonNode      *snapshots)
{
  instance->snapshots = vigie_proxmox_count_snapshots (snapshots);
  vigie_proxmox_apply_snapshot_list (instance, snapshots);
}

static void
apply_interfaces (VigieInstance *instance,
                  JsonNode      *interfaces)
{
  if (is_lxc (instance))
    vigie_proxmox_apply_lxc_interfaces (instance, interfaces);
  else
    vigie_proxmox_apply_agent_interfaces (instance, interfaces);
}

static void
apply_entry (VigieInstance *instance,
             Entry         *entry)
{
  g_autoptr(JsonNode) config = reread (entry->config);
  g_autoptr(JsonNode) snapshots = reread (entry->snapshots);

  if (config != NULL && is_lxc (instance))
    vigie_proxmox_apply_lxc_config (instance, config);
  else if (config != NULL)
    vigie_proxmox_apply_qemu_config (instance, config, NULL);
  if (snapshots != NULL)
    apply_snapshots (instance, snapshots);
  if (entry->interfaces != NULL && instance->state == VIGIE_STATE_RUNNING)
    {
      g_autoptr(JsonNode) interfaces = reread (entry->interfaces);

      if (interfaces != NULL)
        apply_interfaces (instance, interfaces);
    }
}

static gint
candidate_compare (gconstpointer a,
                   gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;
  guint64 ra = ca->entry ? ca->entry->round : 0;
  guint64 rb = cb->entry ? cb->entry->round : 0;

  if (ca->rank != cb->rank)
    return ca->rank < cb->rank ? -1 : 1;
  if (ra != rb)
    return ra < rb ? -1 : 1;
  return ca->index < cb->index ? -1 : ca->index > cb->index;
}

/* The most requests reading this guest can take. */
static guint
cost_of (Candidate *candidate)
{
  VigieInstance *instance = candidate->instance;
  gboolean addresses = instance->state == VIGIE_STATE_RUNNING &&
                       (is_lxc (instance) || candidate->entry == NULL || candidate->entry->agent);

  return 2 + (addresses ? 1 : 0);
}

GPtrArray *
vigie_proxmox_details_plan (VigieProxmoxDetails *self,
                            GPtrArray           *guests,
                            guint               *budget,
                            guint               *pending)
{
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) candidates = g_array_sized_new (FALSE, FALSE, sizeof (Candidate), guests->len);
  GPtrArray *read = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key;
  guint allowed;
  guint spent = 0;
  guint i;

  self->round++;
  allowed = MAX (VIGIE_PROXMOX_DETAILS_MIN,
                 (guests->len * VIGIE_PROXMOX_DETAILS_PERCENT + 99) / 100);
  *pending = 0;

  for (i = 0; i < guests->len; i++)
    {
      VigieInstance *instance = g_ptr_array_index (guests, i);
      char *k = key_of (instance);
      Candidate candidate = { instance, g_hash_table_lookup (self->entries, k), 2, i };

      g_hash_table_add (present, k);
      if (candidate.entry == NULL)
        candidate.rank = 0;
      else
        {
          g_autofree char *signature = signature_of (instance);

          if (g_strcmp0 (signature, candidate.entry->signature) != 0)
            candidate.rank = 1;
        }
      g_array_append_val (candidates, candidate);
    }

  /* Guests that are gone. */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (present, key))
      g_hash_table_iter_remove (&iter);

  g_array_sort (candidates, candidate_compare);
  for (i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);
      guint cost = cost_of (candidate);

      if (spent + cost > allowed)
        break;
      spent += cost;
      g_ptr_array_add (read, g_object_ref (candidate->instance));
    }
  for (; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);

      if (candidate->entry != NULL)
        apply_entry (candidate->instance, candidate->entry);
      if (candidate->rank < 2)
        {
          candidate->instance->details_pending = TRUE;
          (*pending)++;
        }
    }
  *budget = allowed;
  return read;
}

static Entry *
entry_for (VigieProxmoxDetails *self,
           VigieInstance       *instance)
{
  g_autofree char *key = key_of (instance);
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      g_hash_table_insert (self->entries, g_steal_pointer (&key), entry);
    }
  return entry;
}

gboolean
vigie_proxmox_details_set_config (VigieProxmoxDetails *self,
                                  VigieInstance       *instance,
                                  JsonNode            *config,
                                  gboolean             agent)
{
  Entry *entry = entry_for (self, instance);
  JsonObject *object = vigie_proxmox_node_get_object (config);
  const char *digest = vigie_proxmox_json_get_string (object, "digest");
  gboolean changed = digest == NULL || g_strcmp0 (digest, entry->digest) != 0;

  g_free (entry->signature);
  entry->signature = signature_of (instance);
  g_free (entry->digest);
  entry->digest = g_strdup (digest);
  keep (&entry->config, config);
  g_clear_pointer (&entry->interfaces, g_free);
  entry->agent = agent;
  entry->round = self->round;
  if (!changed && entry->snapshots != NULL)
    {
      g_autoptr(JsonNode) snapshots = reread (entry->snapshots);

      if (snapshots != NULL)
        apply_snapshots (instance, snapshots);
    }
  return changed || entry->snapshots == NULL;
}

gboolean
vigie_proxmox_details_has_snapshots (VigieProxmoxDetails *self,
                                     VigieInstance       *instance)
{
  g_autofree char *key = key_of (instance);
  Entry *entry = g_hash_table_lookup (self->entries, key);

  return entry != NULL && entry->snapshots != NULL;
}

void
vigie_proxmox_details_set_snapshots (VigieProxmoxDetails *self,
                                     VigieInstance       *instance,
                                     JsonNode            *snapshots)
{
  Entry *entry = entry_for (self, instance);

  keep (&entry->snapshots, snapshots);
  apply_snapshots (instance, snapshots);
}

void
vigie_proxmox_details_set_interfaces (VigieProxmoxDetails *self,
                                      VigieInstance       *instance,
                                      JsonNode            *interfaces)
{
  Entry *entry = entry_for (self, instance);

  keep (&entry->interfaces, interfaces);
  apply_interfaces (instance, interfaces);
}
