/* vigie-version.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-version"

#include "config.h"

#include <string.h>

#include "vigie-version.h"

static const char *scheme_names[] = { "esxi", "proxmox", "pbs", "incus", "lxd", "veeam" };

gboolean
vigie_version_scheme_from_string (const char         *name,
                                  VigieVersionScheme *scheme)
{
  g_return_val_if_fail (scheme != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (scheme_names); i++)
    if (g_str_equal (name, scheme_names[i]))
      {
        *scheme = i;
        return TRUE;
      }
  return FALSE;
}

/* Reads one run of digits; FALSE when there is none or it does not fit. */
static gboolean
read_number (const char **p,
             gint64      *value)
{
  guint64 number = 0;
  const char *start = *p;

  while (g_ascii_isdigit (**p))
    {
      if (number > G_MAXINT64 / 10 - 10)
        return FALSE;
      number = number * 10 + (guint64) (**p - '0');
      (*p)++;
    }
  *value = (gint64) number;
  return *p > start;
}

static gboolean
parse_build (const char *text,
             gint64     *build)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *p = copy;

  return read_number (&p, build) && *p == '\0';
}

/* Numbers separated by '.', or also '-' where the scheme uses it (Proxmox VE
 * 7 "7.4-20", ESXi's full "8.0.3-0.70.24674464"). */
static gboolean
split_numbers (const char *text,
               gboolean    dashes,
               gint64     *numbers,
               guint       max,
               guint      *n,
               int        *dash_at)
{
  const char *p = text;

  *n = 0;
  *dash_at = -1;
  for (;;)
    {
      if (*n >= max || !read_number (&p, &numbers[*n]))
        return FALSE;
      (*n)++;
      if (*p == '\0')
        return TRUE;
      if (*p == '-' && dashes && *dash_at < 0)
        *dash_at = *n;
      else if (*p != '.')
        return FALSE;
      p++;
    }
}

gboolean
vigie_version_parse (VigieVersionScheme  scheme,
                     const char         *text,
                     const char         *build,
                     VigieVersion       *version)
{
  g_autofree char *copy = NULL;
  gint64 numbers[8];
  guint n = 0;
  int dash_at = -1;
  guint keep;

  g_return_val_if_fail (version != NULL, FALSE);

  memset (version, 0, sizeof *version);
  version->scheme = scheme;
  version->build = -1;
  if (text == NULL || (guint) scheme >= G_N_ELEMENTS (scheme_names))
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (!split_numbers (copy, scheme == VIGIE_VERSION_SCHEME_ESXI ||
                            scheme == VIGIE_VERSION_SCHEME_PROXMOX,
                      numbers, G_N_ELEMENTS (numbers), &n, &dash_at))
    return FALSE;

  switch (scheme)
    {
    case VIGIE_VERSION_SCHEME_ESXI:
      if (dash_at >= 0)
        {
          /* 8.0.3-0.70.24674464: the version, then patch level and build. */
          if (dash_at != 3 || n < 4)
            return FALSE;
          version->build = numbers[n - 1];
          keep = 3;
        }
      else if (n == 5 && numbers[0] >= 9)
        {
          /* X.Y.Z.EEHH.build */
          version->build = numbers[4];
          keep = 4;
        }
      else
        keep = n;
      if (keep < 2 || keep > 4)
        return FALSE;
      break;

    case VIGIE_VERSION_SCHEME_PROXMOX:
      keep = n;
      if (keep < 2 || keep > 3)
        return FALSE;
      break;

    case VIGIE_VERSION_SCHEME_PBS:
      keep = n;
      if (keep == 2 && build != NULL && *build != '\0')
        {
          /* /version's version "4.1" and release "2" make 4.1.2. */
          if (!parse_build (build, &numbers[2]))
            return FALSE;
          keep = 3;
          build = NULL;
        }
      if (keep < 2 || keep > 3)
        return FALSE;
      break;

    case VIGIE_VERSION_SCHEME_INCUS:
    case VIGIE_VERSION_SCHEME_LXD:
      keep = n;
      if (keep < 2 || keep > 3)
        return FALSE;
      break;

    case VIGIE_VERSION_SCHEME_VEEAM:
    default:
      keep = n;
      if (keep < 2 || keep > 4)
        return FALSE;
      break;
    }

  if (build != NULL && *build != '\0' && scheme == VIGIE_VERSION_SCHEME_ESXI &&
      !parse_build (build, &version->build))
    return FALSE;

  version->n_parts = keep;
  memcpy (version->parts, numbers, keep * sizeof (gint64));
  return TRUE;
}

static gint64
part (const VigieVersion *v,
      guint               i)
{
  return i < v->n_parts ? v->parts[i] : 0;
}

int
vigie_version_compare (const VigieVersion *a,
                       const VigieVersion *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, 0);

  for (guint i = 0; i < VIGIE_VERSION_MAX_PARTS; i++)
    if (part (a, i) != part (b, i))
      return part (a, i) < part (b, i) ? -1 : 1;
  if (a->build >= 0 && b->build >= 0 && a->build != b->build)
    return a->build < b->build ? -1 : 1;
  return 0;
}

int
vigie_version_is_older (const VigieVersion *version,
                        const VigieVersion *other)
{
  guint common;

  g_return_val_if_fail (version != NULL && other != NULL, -1);

  common = MIN (version->n_parts, other->n_parts);
  for (guint i = 0; i < common; i++)
    if (version->parts[i] != other->parts[i])
      return version->parts[i] < other->parts[i] ? 1 : 0;

  /* Elsewhere a missing part is 0 (Incus 7.5 is 7.5.0), but ESXi may report
   * 9.0.2 for 9.0.2.0100: there the shorter one says too little. */
  for (guint i = common; i < other->n_parts; i++)
    if (other->parts[i] != 0)
      return version->scheme == VIGIE_VERSION_SCHEME_ESXI ? -1 : 1;

  if (version->build >= 0 && other->build >= 0)
    return version->build < other->build ? 1 : 0;
  if (version->build >= 0 || other->build >= 0)
    return -1;
  return 0;
}

char *
vigie_version_line_key (const VigieVersion *version)
{
  g_return_val_if_fail (version != NULL, NULL);

  switch (version->scheme)
    {
    case VIGIE_VERSION_SCHEME_PROXMOX:
    case VIGIE_VERSION_SCHEME_PBS:
    case VIGIE_VERSION_SCHEME_VEEAM:
      return g_strdup_printf ("%" G_GINT64_FORMAT, version->parts[0]);
    case VIGIE_VERSION_SCHEME_ESXI:
    case VIGIE_VERSION_SCHEME_INCUS:
    case VIGIE_VERSION_SCHEME_LXD:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT,
                              version->parts[0], part (version, 1));
    }
}

char *
vigie_version_to_string (const VigieVersion *version)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (version != NULL, NULL);

  for (guint i = 0; i < version->n_parts; i++)
    {
      if (i > 0)
        g_string_append_c (out, '.');
      /* ESX 9's EEHH keeps its four digits: 9.0.1.0101. */
      if (version->scheme == VIGIE_VERSION_SCHEME_ESXI && i == 3)
        g_string_append_printf (out, "%04" G_GINT64_FORMAT, version->parts[i]);
      else
        g_string_append_printf (out, "%" G_GINT64_FORMAT, version->parts[i]);
    }
  if (version->build >= 0)
    g_string_append_printf (out, " (%" G_GINT64_FORMAT ")", version->build);
  return g_string_free (out, FALSE);
}
