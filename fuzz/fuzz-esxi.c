/* fuzz-esxi.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vim25 SOAP replies: the XML document, its envelope and fault, and every
 * parser of a response body, down to each object's VM, host, datastore,
 * licence and task readers.
 */

#include "config.h"

#include <libxml/parser.h>

#include "fuzz-common.h"
#include "esxi/vigie-esxi-parse.h"
#include "esxi/vigie-esxi-stream.h"

static const char *methods[] = {
  "RetrieveServiceContent", "RetrievePropertiesEx", "ContinueRetrievePropertiesEx", "Login",
  "CreateContainerView", "PowerOnVM_Task",
};

/* Every reader on one object; also a VigieEsxiObjectFunc, for the objects
 * the stream hands out while their nodes exist. */
static void
parse_object (VigieEsxiObject *object,
              gpointer         user_data)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) mhz = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(VigieInstance) vm = NULL;
  g_autoptr(VigieInstance) bare = NULL;
  g_autoptr(VigieHost) host = NULL;
  g_autoptr(VigieStorage) store = NULL;
  g_autofree char *license = NULL, *message = NULL, *result = NULL, *name = NULL;
  gboolean is_free = FALSE, flag = FALSE;
  gint64 number = 0;

  g_hash_table_insert (names, (gpointer) "host-10", (gpointer) "esx1");
  g_hash_table_insert (mhz, (gpointer) "host-10", GINT_TO_POINTER (2400));
  vm = vigie_esxi_parse_vm (object, names, mhz);
  bare = vigie_esxi_parse_vm (object, NULL, NULL);
  host = vigie_esxi_parse_host (object, names);
  store = vigie_esxi_parse_datastore (object, names);
  license = vigie_esxi_parse_license (object, &is_free);
  vigie_esxi_parse_task_info (object, &message, &result);
  name = vigie_esxi_object_get_string (object, "name");
  vigie_esxi_object_get_int (object, "summary.hardware.numCpuCores", &number);
  vigie_esxi_object_get_bool (object, "config.template", &flag);
}

/* The same bytes as a reply read as it arrives, in two chunks: the stream
 * frees each object's nodes from a tree parsed with compact text nodes. */
static void
parse_streamed (const uint8_t *data,
                size_t         size)
{
  VigieEsxiStream *stream = vigie_esxi_stream_new (parse_object, NULL);
  gsize half = size / 2;
  xmlDoc *doc = NULL;

  if (vigie_esxi_stream_feed (data, half, stream, NULL) &&
      vigie_esxi_stream_feed (data + half, size - half, stream, NULL))
    doc = vigie_esxi_stream_finish (stream, NULL);
  g_clear_pointer (&doc, xmlFreeDoc);
  vigie_esxi_stream_free (stream);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  xmlDoc *doc;

  parse_streamed (data, size);
  doc = vigie_esxi_parse_document ((const char *) data, size, NULL);

  if (doc == NULL)
    return 0;
  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autoptr(VigieEsxiFault) fault = NULL;
      g_autoptr(VigieEsxiServiceContent) content = NULL;
      g_autoptr(GPtrArray) objects = vigie_esxi_object_array_new ();
      g_autofree char *text = NULL, *token = NULL;
      xmlNode *response = vigie_esxi_parse_response (doc, methods[m], &fault, NULL);

      if (fault != NULL)
        {
          GError *error = vigie_esxi_fault_to_error (fault);

          g_clear_error (&error);
        }
      if (response == NULL)
        continue;
      content = vigie_esxi_parse_service_content (response, NULL);
      text = vigie_esxi_parse_returnval_text (response);
      if (vigie_esxi_parse_retrieve_result (response, objects, &token, NULL))
        g_ptr_array_foreach (objects, (GFunc) parse_object, NULL);
    }
  xmlFreeDoc (doc);
  return 0;
}
