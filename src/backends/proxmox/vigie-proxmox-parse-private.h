/* vigie-proxmox-parse-private.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Node accessors shared by the parser files: each returns NULL for a
 * missing node or one of the wrong type.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonArray  *vigie_proxmox_node_get_array         (JsonNode   *node);
JsonObject *vigie_proxmox_node_get_object        (JsonNode   *node);
JsonObject *vigie_proxmox_array_get_object       (JsonArray  *array,
                                                  guint       i);
/* A string member, or a number member spelled as a string (vmid). */
char       *vigie_proxmox_json_dup_id            (JsonObject *object,
                                                  const char *member);
/* A non-negative integer member (number or string), else VIGIE_UNSET. */
gint64      vigie_proxmox_json_get_int_or_unset  (JsonObject *object,
                                                  const char *member);

G_END_DECLS
