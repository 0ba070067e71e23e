/* vigie-kind.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-kind"

#include "config.h"

#include "vigie-kind.h"

static VigieKindInfo infos[VIGIE_N_KINDS];
static VigieKindProvider provider;

void
vigie_kind_set_provider (VigieKindProvider kind_provider)
{
  provider = kind_provider;
}

void
vigie_kind_register (const VigieKindInfo *info)
{
  g_return_if_fail (info != NULL);
  g_return_if_fail (info->kind > VIGIE_KIND_UNKNOWN && info->kind < VIGIE_N_KINDS);

  infos[info->kind] = *info;
}

const VigieKindInfo *
vigie_kind_lookup (VigieKind kind)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      /* The provider reads the backends' classes, which never look kinds up. */
      if (provider != NULL)
        provider ();
      g_once_init_leave (&once, 1);
    }
  if (kind <= VIGIE_KIND_UNKNOWN || kind >= VIGIE_N_KINDS || infos[kind].kind != kind)
    return NULL;
  return &infos[kind];
}

gboolean
vigie_kind_has_role (VigieKind      kind,
                     VigieKindRoles role)
{
  const VigieKindInfo *info = vigie_kind_lookup (kind);

  return info != NULL && (info->roles & role) != 0;
}

gboolean
vigie_kind_has_capability (VigieKind             kind,
                           VigieKindCapabilities capability)
{
  const VigieKindInfo *info = vigie_kind_lookup (kind);

  return info != NULL && (info->capabilities & capability) != 0;
}

char *
vigie_kind_list_names (void)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (VigieKind kind = VIGIE_KIND_UNKNOWN + 1; kind < VIGIE_N_KINDS; kind++)
    {
      if (vigie_kind_lookup (kind) == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, vigie_kind_to_string (kind));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

const char *
vigie_kind_get_icon_name (VigieKind kind)
{
  const VigieKindInfo *info = vigie_kind_lookup (kind);

  return info != NULL && info->icon_name != NULL ? info->icon_name : "network-server-symbolic";
}
