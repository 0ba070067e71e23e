/* vigie-esxi-stream.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A RetrievePropertiesEx reply parsed as it arrives. A vCenter may answer
 * with every VM in one page (govmomi's simulator ignores maxObjects), tens
 * of megabytes of XML whose libxml2 tree takes several times that: here
 * each <objects> is handed out as soon as libxml2's push parser has closed
 * it, then freed, so only the object being read is ever a tree and the
 * reply itself is never kept.
 *
 * It runs on the caller's thread, chunk by chunk as libsoup reads them:
 * 64 KiB each, 1.6 ms of parsing and instance building on average (5,000
 * VMs, bench/RESULTS.md). The main loop dispatches between chunks, so a big
 * page never blocks it for long; a worker thread would have to hand each
 * object over, or build the instances there, for no shorter stall.
 */

#define G_LOG_DOMAIN "vigie-esxi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "vigie-error.h"
#include "vigie-esxi-soap.h"
#include "vigie-http-client.h"
#include "vigie-esxi-stream.h"

struct _VigieEsxiStream
{
  xmlParserCtxt       *ctxt;
  xmlNode             *returnval;   /* found once the parser is past it */
  VigieEsxiObjectFunc  func;
  gpointer             user_data;
  gboolean             failed;
  gsize                max_held;
  gsize                held;        /* bytes fed since an object was last freed */
};

VigieEsxiStream *
vigie_esxi_stream_new (VigieEsxiObjectFunc func,
                       gpointer            user_data)
{
  VigieEsxiStream *stream = g_new0 (VigieEsxiStream, 1);

  stream->func = func;
  stream->user_data = user_data;
  stream->max_held = VIGIE_HTTP_DEFAULT_MAX_RESPONSE;
  stream->ctxt = xmlCreatePushParserCtxt (NULL, NULL, NULL, 0, "reply.xml");
  /* The options vigie_esxi_parse_document() uses, for the same reasons. */
  xmlCtxtUseOptions (stream->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                   XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
  return stream;
}

void
vigie_esxi_stream_set_max_held (VigieEsxiStream *stream,
                                gsize            max_bytes)
{
  stream->max_held = max_bytes;
}

void
vigie_esxi_stream_free (VigieEsxiStream *stream)
{
  if (stream == NULL)
    return;
  if (stream->ctxt != NULL)
    {
      g_clear_pointer (&stream->ctxt->myDoc, xmlFreeDoc);
      xmlFreeParserCtxt (stream->ctxt);
    }
  g_free (stream);
}

static gboolean
is_vim (xmlNode    *node,
        const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         xmlStrEqual (node->ns->href, (const xmlChar *) VIGIE_ESXI_NS_VIM25) &&
         xmlStrEqual (node->name, (const xmlChar *) name);
}

static xmlNode *
first_element (xmlNode *node)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      return c;
  return NULL;
}

/* Envelope › Body › RetrievePropertiesExResponse › returnval: the others
 * are checked when the document is whole (vigie_esxi_parse_response). */
static xmlNode *
find_returnval (xmlDoc *doc)
{
  xmlNode *response = first_element (first_element (xmlDocGetRootElement (doc)));

  for (xmlNode *c = response != NULL ? response->children : NULL; c != NULL; c = c->next)
    if (is_vim (c, "returnval"))
      return c;
  return NULL;
}

/* Hands out and frees every <objects> the parser has closed, but never,
 * until the end, returnval's last child: libxml2's SAX handler appends the
 * next text to that node and keeps its length aside, so it must stay the
 * last child it knows. */
static void
harvest (VigieEsxiStream *stream,
         gboolean         final)
{
  xmlNode *open = stream->ctxt->node;
  xmlNode *c;

  if (stream->returnval == NULL)
    stream->returnval = find_returnval (stream->ctxt->myDoc);
  if (stream->returnval == NULL)
    return;
  /* The child of returnval still being parsed, if any. */
  while (open != NULL && open->parent != stream->returnval)
    open = open->parent;
  c = stream->returnval->children;
  while (c != NULL && c != open && (final || c->next != NULL))
    {
      xmlNode *next = c->next;

      if (is_vim (c, "objects"))
        {
          g_autoptr(VigieEsxiObject) object = vigie_esxi_parse_object_content (c);

          if (object != NULL)
            stream->func (object, stream->user_data);
          else
            g_debug ("skipping an object without a reference");
          g_clear_pointer (&object, vigie_esxi_object_free);
          xmlUnlinkNode (c);
          xmlFreeNode (c);
          stream->held = 0;
        }
      c = next;
    }
}

static gboolean
check (VigieEsxiStream *stream,
       int              code,
       gboolean         final,
       GError         **error)
{
  xmlDoc *doc = stream->ctxt->myDoc;

  /* No DTD at all (SOAP forbids one), checked before any text is read. */
  if (code != 0 || !stream->ctxt->wellFormed ||
      (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)))
    {
      stream->failed = TRUE;
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                   _("The server’s reply is not valid XML"));
      return FALSE;
    }
  if (doc != NULL)
    harvest (stream, final);
  return TRUE;
}

gboolean
vigie_esxi_stream_feed (const guint8  *data,
                        gsize          size,
                        gpointer       user_data,
                        GError       **error)
{
  VigieEsxiStream *stream = user_data;

  if (stream->failed || size > G_MAXINT)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                   _("The server’s reply is not valid XML"));
      return FALSE;
    }
  /* No cap on the whole reply, which is never kept (a vCenter may send
   * every VM in one page): on what is held, one object and whatever came
   * since the last one. The request's deadline ends an endless reply. */
  stream->held += size;
  if (stream->held > stream->max_held)
    {
      g_autofree char *limit = g_format_size (stream->max_held);

      stream->failed = TRUE;
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                   _("An object in the server’s reply is larger than %s"), limit);
      return FALSE;
    }
  return check (stream, xmlParseChunk (stream->ctxt, (const char *) data, (int) size, 0), FALSE, error);
}

xmlDoc *
vigie_esxi_stream_finish (VigieEsxiStream  *stream,
                          GError          **error)
{
  xmlDoc *doc;

  if (stream->failed)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                   _("The server’s reply is not valid XML"));
      return NULL;
    }
  if (!check (stream, xmlParseChunk (stream->ctxt, NULL, 0, 1), TRUE, error))
    return NULL;
  doc = g_steal_pointer (&stream->ctxt->myDoc);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL, _("The server sent an empty reply"));
      return NULL;
    }
  return doc;
}
