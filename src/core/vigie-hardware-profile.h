/* vigie-hardware-profile.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hardware profile a comparison is priced for when it should not (or
 * cannot) count the live hosts: hosts × CPU sockets per host × cores per
 * socket, and the instances. Kept in $config_dir/hardware.json, shared by
 * vigiectl compare and the Compare page (docs/compare.md, "Hardware
 * profile"). GTK-free.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A hardware profile: hosts × sockets per host × cores per socket. */
typedef struct {
  gint64 hosts;
  gint64 sockets;
  gint64 cores;
  gint64 instances;       /* -1: 10 per host */
} VigieHardwareProfile;

/* The largest count a profile takes, for every field. */
#define VIGIE_HARDWARE_PROFILE_MAX 100000

/* One host with one 16-core CPU, instances 10 per host. */
void      vigie_hardware_profile_init_default (VigieHardwareProfile       *profile);
/* Every count a whole number from 0 to VIGIE_HARDWARE_PROFILE_MAX
 * (instances may be -1); VIGIE_ERROR_INVALID naming the field otherwise. */
gboolean  vigie_hardware_profile_check        (const VigieHardwareProfile *profile,
                                               GError                    **error);
/* Reads path over the default profile. A missing file is no error: *found
 * is FALSE and profile the default. A file that cannot be read, is not a
 * JSON object or holds a bad count is VIGIE_ERROR_CONFIG, naming the file. */
gboolean  vigie_hardware_profile_load         (const char                 *path,
                                               VigieHardwareProfile       *profile,
                                               gboolean                   *found,
                                               GError                    **error);
/* Writes profile to path atomically, keeping the file's other members (and
 * its instances when profile's are -1). A file there that cannot be read is
 * not written over (VIGIE_ERROR_CONFIG). */
gboolean  vigie_hardware_profile_save         (const char                 *path,
                                               const VigieHardwareProfile *profile,
                                               GError                    **error);
/* Removes path so that the live hosts are counted again; a missing file is
 * no error. */
gboolean  vigie_hardware_profile_remove       (const char                 *path,
                                               GError                    **error);

G_END_DECLS
