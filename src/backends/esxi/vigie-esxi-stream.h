/* vigie-esxi-stream.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "vigie-esxi-parse.h"

G_BEGIN_DECLS

/* Called for each complete <objects> of a RetrievePropertiesEx reply, in
 * order; @object and the nodes it points into are freed when it returns. */
typedef void (*VigieEsxiObjectFunc) (VigieEsxiObject *object,
                                     gpointer         user_data);

typedef struct _VigieEsxiStream VigieEsxiStream;

VigieEsxiStream *vigie_esxi_stream_new    (VigieEsxiObjectFunc  func,
                                           gpointer             user_data);
/* What the stream may hold at once (one object, and whatever came since the
 * last one), VIGIE_HTTP_DEFAULT_MAX_RESPONSE unless set; more fails the
 * feed with VIGIE_ERROR_PROTOCOL. */
void             vigie_esxi_stream_set_max_held (VigieEsxiStream *stream,
                                                 gsize            max_bytes);
void             vigie_esxi_stream_free   (VigieEsxiStream     *stream);
/* A VigieHttpSink: parses a chunk of the reply. */
gboolean         vigie_esxi_stream_feed   (const guint8        *data,
                                           gsize                size,
                                           gpointer             stream,
                                           GError             **error);
/* The end of the reply: the document without the objects already handed
 * out (the envelope, the token), or NULL with VIGIE_ERROR_PROTOCOL. */
xmlDoc          *vigie_esxi_stream_finish (VigieEsxiStream     *stream,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieEsxiStream, vigie_esxi_stream_free)

G_END_DECLS
