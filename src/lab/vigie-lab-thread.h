/* vigie-lab-thread.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-lab.h"

G_BEGIN_DECLS

/**
 * VigieLabThread:
 *
 * A demo lab served from a thread of its own, with its own GMainContext:
 * the app's main loop never runs the lab's servers, so the lab answers
 * while the app is busy, and the app never waits for the lab. The lab is
 * made, started, stopped and freed in that thread; once started, the
 * caller only reads its services (their URLs, fingerprints and secrets do
 * not change). Finalizing the object stops the lab and joins the thread.
 */
#define VIGIE_TYPE_LAB_THREAD (vigie_lab_thread_get_type ())

G_DECLARE_FINAL_TYPE (VigieLabThread, vigie_lab_thread, VIGIE, LAB_THREAD, GObject)

/* As vigie_lab_new(); nothing runs before start. */
VigieLabThread *vigie_lab_thread_new          (const char      *address,
                                               guint            port,
                                               guint            scale);
/* Starts the thread and the lab in it; completes in the caller's
 * thread-default context once the lab listens (or failed to). */
void            vigie_lab_thread_start_async  (VigieLabThread  *self,
                                               GCancellable    *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer         user_data);
gboolean        vigie_lab_thread_start_finish (VigieLabThread  *self,
                                               GAsyncResult    *result,
                                               GError         **error);
/* The started lab (NULL before): read its services, nothing else. */
VigieLab       *vigie_lab_thread_get_lab      (VigieLabThread  *self);
/* The context the lab's servers run in (tests). */
GMainContext   *vigie_lab_thread_get_context  (VigieLabThread  *self);
/* Stops the lab in its thread and joins it; idempotent. */
void            vigie_lab_thread_stop         (VigieLabThread  *self);

G_END_DECLS
