/* vigie-enums.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-enums.h"
#include "vigie-kind.h"

static const char *kinds[] = { NULL, "esxi", "proxmox", "incus", "pbs", "veeam" };
static const char *statuses[] = {
  "ok", "unreachable", "timeout", "auth-failed", "untrusted",
  "certificate-changed", "protocol-error", "error"
};

const char *
vigie_kind_to_string (VigieKind kind)
{
  if (kind <= VIGIE_KIND_UNKNOWN || kind >= VIGIE_N_KINDS)
    return "unknown";
  return kinds[kind];
}

VigieKind
vigie_kind_from_string (const char *str)
{
  if (str == NULL)
    return VIGIE_KIND_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strcasecmp (str, kinds[i]) == 0)
      return i;
  return VIGIE_KIND_UNKNOWN;
}

const char *
vigie_kind_get_product_name (VigieKind kind)
{
  const VigieKindInfo *info = vigie_kind_lookup (kind);

  if (info == NULL || info->product_name == NULL)
    return _("Unknown");
  return info->product_name;
}

const char *
vigie_status_to_string (VigieStatus status)
{
  if ((guint) status >= G_N_ELEMENTS (statuses))
    return "error";
  return statuses[status];
}

VigieStatus
vigie_status_from_string (const char *str)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (str, statuses[i]))
      return i;
  return VIGIE_STATUS_ERROR;
}

const char *
vigie_instance_type_to_string (VigieInstanceType type)
{
  return type == VIGIE_INSTANCE_CONTAINER ? "container" : "vm";
}

const char *
vigie_instance_state_to_string (VigieInstanceState state)
{
  switch (state)
    {
    case VIGIE_STATE_RUNNING: return "running";
    case VIGIE_STATE_STOPPED: return "stopped";
    case VIGIE_STATE_PAUSED: return "paused";
    case VIGIE_STATE_SUSPENDED: return "suspended";
    case VIGIE_STATE_UNKNOWN:
    default: return "unknown";
    }
}

const char *
vigie_host_state_to_string (VigieHostState state)
{
  switch (state)
    {
    case VIGIE_HOST_ONLINE: return "online";
    case VIGIE_HOST_OFFLINE: return "offline";
    case VIGIE_HOST_MAINTENANCE: return "maintenance";
    case VIGIE_HOST_UNKNOWN:
    default: return "unknown";
    }
}

const char *
vigie_backup_status_to_string (VigieBackupStatus status)
{
  switch (status)
    {
    case VIGIE_BACKUP_PROTECTED: return "protected";
    case VIGIE_BACKUP_STALE: return "stale";
    case VIGIE_BACKUP_FAILED: return "failed";
    case VIGIE_BACKUP_UNPROTECTED:
    default: return "unprotected";
    }
}

const char *
vigie_job_result_to_string (VigieJobResult result)
{
  switch (result)
    {
    case VIGIE_JOB_SUCCESS: return "success";
    case VIGIE_JOB_WARNING: return "warning";
    case VIGIE_JOB_FAILED: return "failed";
    case VIGIE_JOB_RUNNING: return "running";
    case VIGIE_JOB_NONE:
    default: return "none";
    }
}

const char *
vigie_verified_to_string (VigieVerified verified)
{
  switch (verified)
    {
    case VIGIE_VERIFIED_OK: return "ok";
    case VIGIE_VERIFIED_FAILED: return "failed";
    case VIGIE_VERIFIED_NONE:
    default: return "none";
    }
}

const char *
vigie_status_get_label (VigieStatus status)
{
  switch (status)
    {
    case VIGIE_STATUS_OK: return _("Connected");
    case VIGIE_STATUS_UNREACHABLE: return _("Unreachable");
    case VIGIE_STATUS_TIMEOUT: return _("Timed out");
    case VIGIE_STATUS_AUTH_FAILED: return _("Authentication failed");
    case VIGIE_STATUS_UNTRUSTED: return _("Untrusted certificate");
    case VIGIE_STATUS_CERTIFICATE_CHANGED: return _("Certificate changed");
    case VIGIE_STATUS_PROTOCOL_ERROR: return _("Protocol error");
    case VIGIE_STATUS_ERROR:
    default: return _("Error");
    }
}

const char *
vigie_instance_state_get_label (VigieInstanceState state)
{
  switch (state)
    {
    case VIGIE_STATE_RUNNING: return _("Running");
    case VIGIE_STATE_STOPPED: return _("Stopped");
    case VIGIE_STATE_PAUSED: return _("Paused");
    case VIGIE_STATE_SUSPENDED: return _("Suspended");
    case VIGIE_STATE_UNKNOWN:
    default: return _("Unknown");
    }
}

const char *
vigie_backup_status_get_label (VigieBackupStatus status)
{
  switch (status)
    {
    case VIGIE_BACKUP_PROTECTED: return _("Protected");
    case VIGIE_BACKUP_STALE: return _("Stale");
    case VIGIE_BACKUP_FAILED: return _("Failed");
    case VIGIE_BACKUP_UNPROTECTED:
    default: return _("Unprotected");
    }
}
