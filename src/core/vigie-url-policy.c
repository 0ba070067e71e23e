/* vigie-url-policy.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which addresses Vigie talks to, and what of them it may log. Plain
 * http:// carries passwords, tickets and cookies in the clear, so it is for
 * this computer only (a test peer, a local proxy); anything else is https://
 * or a Unix socket. Which requests only read, and may be sent again.
 */

#define G_LOG_DOMAIN "vigie-http"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "vigie-error.h"
#include "vigie-http-client.h"
#include "vigie-url-policy.h"

gboolean
vigie_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;
  /* GUri keeps the brackets of an IPv6 literal off, users may not. */
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    bare = g_strndup (host + 1, strlen (host) - 2);
  address = g_inet_address_new_from_string (bare != NULL ? bare : host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
vigie_endpoint_check_url (const char  *url,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (url != NULL, FALSE);

  if (g_str_has_prefix (url, "unix:"))
    {
      const char *path = url + strlen ("unix:");

      while (path[0] == '/' && path[1] == '/')
        path++;
      if (*path != '\0')
        return TRUE;
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("“%s” names no socket path"), url);
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_PATH, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("“%s” is not an https:// or unix: address"), url);
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !vigie_host_is_loopback (host))
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   /* Translators: %s is an address such as http://10.0.0.1:8006 */
                   _("“%s” uses plain http://, which would send passwords and tickets "
                     "unencrypted: use https:// (plain http:// is allowed only to this "
                     "computer: localhost, 127.0.0.1, ::1)"), url);
      return FALSE;
    }
  return TRUE;
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

gboolean
vigie_uri_same_origin (GUri *a,
                       GUri *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_uri_get_scheme (a) != NULL && g_uri_get_scheme (b) != NULL &&
         g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_uri_get_host (a) != NULL && g_uri_get_host (b) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         effective_port (a) == effective_port (b);
}

/* Parameter names whose values are credentials: Proxmox's vncticket and
 * PVEAuthCookie, Incus's exec secret, OAuth tokens, signatures. */
static gboolean
is_secret_parameter (const char *name,
                     gsize       length)
{
  static const char *words[] = {
    "ticket", "secret", "token", "password", "passwd", "auth", "key", "sig", "csrf", "session",
  };
  g_autofree char *lower = g_ascii_strdown (name, length);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

char *
vigie_http_redact_url (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  p = text;
  while (*p != '\0')
    {
      const char *query = strchr (p, '?');

      if (query == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, query + 1 - p);
      p = query + 1;
      /* One query: up to a fragment, a space (a log line) or the end. */
      while (*p != '\0' && *p != '#' && *p != ' ')
        {
          gsize span = strcspn (p, "&# ");
          const char *equals = memchr (p, '=', span);

          if (equals != NULL && is_secret_parameter (p, equals - p))
            {
              g_string_append_len (out, p, equals + 1 - p);
              g_string_append (out, "[redacted]");
            }
          else
            g_string_append_len (out, p, span);
          p += span;
          if (*p == '&')
            g_string_append_c (out, *p++);
        }
    }
  return g_string_free (out, FALSE);
}

/* Log lines of HTTP traffic: secret headers go whole, queries are redacted. */

static const char *secret_headers[] = {
  "authorization", "cookie", "set-cookie", "csrfpreventiontoken",
  "x-api-key", "x-auth-token", "proxy-authorization",
};

char *
vigie_http_redact_header_line (const char *line)
{
  const char *colon;

  if (line == NULL)
    return NULL;
  colon = strchr (line, ':');
  if (colon != NULL)
    {
      g_autofree char *name = g_ascii_strdown (line, colon - line);

      g_strstrip (name);
      for (guint i = 0; i < G_N_ELEMENTS (secret_headers); i++)
        if (g_str_equal (name, secret_headers[i]))
          return NULL;
      /* PVEAPIToken=…, PBSAPIToken=…, Bearer … in any other header. */
      if (strstr (line, "APIToken") != NULL || strstr (line, "Bearer ") != NULL)
        return NULL;
    }
  /* The request line and Location: console tickets ride in queries. */
  return vigie_http_redact_url (line);
}

typedef struct {
  char   *content_type;
  GBytes *body;
} ReadOnlyBody;

static void
read_only_body_free (ReadOnlyBody *data)
{
  g_free (data->content_type);
  g_bytes_unref (data->body);
  g_free (data);
}

static GQuark
read_only_quark (void)
{
  return g_quark_from_static_string ("vigie-http-read-only");
}

void
vigie_http_message_set_read_only_body (SoupMessage *message,
                                       const char  *content_type,
                                       GBytes      *body)
{
  ReadOnlyBody *data;

  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (body != NULL);

  data = g_new0 (ReadOnlyBody, 1);
  data->content_type = g_strdup (content_type);
  data->body = g_bytes_ref (body);
  soup_message_set_request_body_from_bytes (message, content_type, body);
  g_object_set_qdata_full (G_OBJECT (message), read_only_quark (), data,
                           (GDestroyNotify) read_only_body_free);
}

gboolean
vigie_http_message_is_read_only (SoupMessage *message)
{
  const char *method;

  g_return_val_if_fail (SOUP_IS_MESSAGE (message), FALSE);

  method = soup_message_get_method (message);
  return g_strcmp0 (method, "GET") == 0 || g_strcmp0 (method, "HEAD") == 0 ||
         g_object_get_qdata (G_OBJECT (message), read_only_quark ()) != NULL;
}

void
vigie_http_message_rewind (SoupMessage *message)
{
  ReadOnlyBody *data;

  g_return_if_fail (SOUP_IS_MESSAGE (message));

  data = g_object_get_qdata (G_OBJECT (message), read_only_quark ());
  if (data != NULL)
    soup_message_set_request_body_from_bytes (message, data->content_type, data->body);
}
