/* vigie-test-backend.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In-process stand-ins for the UI tests: a backend that answers at once
 * with a synthetic inventory, and a console that echoes what it is sent.
 */

#pragma once

#include "vigie-backend.h"
#include "vigie-console.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_TEST_BACKEND (vigie_test_backend_get_type ())
G_DECLARE_FINAL_TYPE (VigieTestBackend, vigie_test_backend, VIGIE, TEST_BACKEND, VigieBackend)

#define VIGIE_TYPE_ECHO_CONSOLE (vigie_echo_console_get_type ())
G_DECLARE_FINAL_TYPE (VigieEchoConsole, vigie_echo_console, VIGIE, ECHO_CONSOLE, VigieConsole)

/* The endpoint option "test-instances" says how many instances to report
 * (default 3). Instance i is named vm-%05d, is running when i % 3 == 0,
 * stopped when i % 3 == 1 and paused otherwise; its OS is "Windows Server
 * 2022" for odd i and "Debian 12" for even i; its address 10.A.B.C with
 * A.B.C the three low bytes of i. "test-instance-name" names instance 0
 * and "test-storage-name" the one storage (default "local"). */
VigieBackend     *vigie_test_backend_factory        (VigieEndpoint    *endpoint,
                                                     VigieContext     *context);
const char       *vigie_test_backend_get_last_action (VigieTestBackend *self);
const char       *vigie_test_backend_get_last_param (VigieTestBackend *self,
                                                     const char       *key);
guint             vigie_test_backend_get_n_fetches  (VigieTestBackend *self);
void              vigie_test_backend_hold_actions   (VigieTestBackend *self);
gboolean          vigie_test_backend_has_held_action (VigieTestBackend *self);
void              vigie_test_backend_end_action     (VigieTestBackend *self,
                                                     const char       *error_message);

VigieEchoConsole *vigie_echo_console_new            (void);
GByteArray       *vigie_echo_console_get_received   (VigieEchoConsole *self);
guint             vigie_echo_console_get_columns    (VigieEchoConsole *self);
guint             vigie_echo_console_get_rows       (VigieEchoConsole *self);
gboolean          vigie_echo_console_get_close_called (VigieEchoConsole *self);

G_END_DECLS
