/* vigie-enums.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The normalised values of the outside contract (../contract), with their
 * exact spellings. Every backend maps its product's values onto these.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A value that the backend does not provide: JSON null. */
#define VIGIE_UNSET (-1)

typedef enum {
  VIGIE_KIND_UNKNOWN = 0,
  VIGIE_KIND_ESXI,
  VIGIE_KIND_PROXMOX,
  VIGIE_KIND_INCUS,
  VIGIE_KIND_PBS,
  VIGIE_KIND_VEEAM,
  VIGIE_N_KINDS /*< skip >*/
} VigieKind;

/* Endpoint status: one per VigieError code, plus ok. */
typedef enum {
  VIGIE_STATUS_OK = 0,
  VIGIE_STATUS_UNREACHABLE,
  VIGIE_STATUS_TIMEOUT,
  VIGIE_STATUS_AUTH_FAILED,
  VIGIE_STATUS_UNTRUSTED,
  VIGIE_STATUS_CERTIFICATE_CHANGED,
  VIGIE_STATUS_PROTOCOL_ERROR,
  VIGIE_STATUS_ERROR,
} VigieStatus;

typedef enum {
  VIGIE_INSTANCE_VM = 0,
  VIGIE_INSTANCE_CONTAINER,
} VigieInstanceType;

typedef enum {
  VIGIE_STATE_UNKNOWN = 0,
  VIGIE_STATE_RUNNING,
  VIGIE_STATE_STOPPED,
  VIGIE_STATE_PAUSED,
  VIGIE_STATE_SUSPENDED,
} VigieInstanceState;

typedef enum {
  VIGIE_HOST_UNKNOWN = 0,
  VIGIE_HOST_ONLINE,
  VIGIE_HOST_OFFLINE,
  VIGIE_HOST_MAINTENANCE,
} VigieHostState;

typedef enum {
  VIGIE_BACKUP_UNPROTECTED = 0,
  VIGIE_BACKUP_PROTECTED,
  VIGIE_BACKUP_STALE,
  VIGIE_BACKUP_FAILED,
} VigieBackupStatus;

typedef enum {
  VIGIE_JOB_NONE = 0,
  VIGIE_JOB_SUCCESS,
  VIGIE_JOB_WARNING,
  VIGIE_JOB_FAILED,
  VIGIE_JOB_RUNNING,
} VigieJobResult;

typedef enum {
  VIGIE_VERIFIED_NONE = 0,
  VIGIE_VERIFIED_OK,
  VIGIE_VERIFIED_FAILED,
} VigieVerified;

const char         *vigie_kind_to_string            (VigieKind          kind);
VigieKind           vigie_kind_from_string          (const char        *str);
const char         *vigie_kind_get_product_name     (VigieKind          kind);
const char         *vigie_status_to_string          (VigieStatus        status);
VigieStatus         vigie_status_from_string        (const char        *str);
const char         *vigie_instance_type_to_string   (VigieInstanceType  type);
const char         *vigie_instance_state_to_string  (VigieInstanceState state);
const char         *vigie_host_state_to_string      (VigieHostState     state);
const char         *vigie_backup_status_to_string   (VigieBackupStatus  status);
const char         *vigie_job_result_to_string      (VigieJobResult     result);
const char         *vigie_verified_to_string        (VigieVerified      verified);

/* Translated, for people (the *_to_string ones are the contract's spellings). */
const char         *vigie_status_get_label          (VigieStatus        status);
const char         *vigie_instance_state_get_label  (VigieInstanceState state);
const char         *vigie_backup_status_get_label   (VigieBackupStatus  status);

G_END_DECLS
