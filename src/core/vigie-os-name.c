/* vigie-os-name.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Words for the operating-system codes some products report instead of a
 * name: Proxmox VE's `ostype` (`l26`, `win11` for VMs, the distribution for
 * containers). ESXi and Incus report names already; those pass through.
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-os-name.h"

static const struct {
  const char *code;
  const char *name;
} os_names[] = {
  /* Proxmox VE VMs (qm.conf `ostype`) */
  /* Translators: Proxmox VE's "l26", a guest OS type */
  { "l26", N_("Linux (kernel 2.6 or later)") },
  /* Translators: Proxmox VE's "l24", a guest OS type */
  { "l24", N_("Linux (kernel 2.4)") },
  { "win11", N_("Windows 11 or Server 2022/2025") },
  { "win10", N_("Windows 10 or Server 2016/2019") },
  { "win8", N_("Windows 8 or Server 2012") },
  { "win7", N_("Windows 7 or Server 2008 R2") },
  { "wvista", "Windows Vista" },
  { "w2k8", N_("Windows Vista or Server 2008") },
  { "w2k3", "Windows Server 2003" },
  { "w2k", "Windows 2000" },
  { "wxp", "Windows XP" },
  { "solaris", N_("Solaris or illumos") },
  /* Translators: Proxmox VE's "other", a guest OS type */
  { "other", N_("Other operating system") },
  /* Proxmox VE containers (pct.conf `ostype`) */
  { "alpine", "Alpine Linux" },
  { "archlinux", "Arch Linux" },
  { "centos", "CentOS" },
  { "debian", "Debian" },
  { "devuan", "Devuan" },
  { "fedora", "Fedora" },
  { "gentoo", "Gentoo" },
  { "nixos", "NixOS" },
  { "opensuse", "openSUSE" },
  { "ubuntu", "Ubuntu" },
  /* Translators: Proxmox VE's "unmanaged" container OS type */
  { "unmanaged", N_("Unmanaged (set up by hand)") },
};

/* The words for a known code, translated; NULL when @os is not a code
 * (then it is a name already). */
const char *
vigie_os_name_describe (const char *os)
{
  if (os == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (os_names); i++)
    if (g_str_equal (os, os_names[i].code))
      return g_dgettext (GETTEXT_PACKAGE, os_names[i].name);
  return NULL;
}

/* What to show for @os: the words for a code, else @os itself. */
const char *
vigie_os_name_display (const char *os)
{
  const char *words = vigie_os_name_describe (os);

  return words != NULL ? words : os;
}
