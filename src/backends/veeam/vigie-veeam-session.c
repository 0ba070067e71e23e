/* vigie-veeam-session.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The REST session of the Veeam backend: the x-api-version negotiation,
 * OAuth2 tokens (password grant, refresh grant on expiry and on 401) and
 * GETs of documents and of whole paginated collections.
 */

#define G_LOG_DOMAIN "vigie-veeam"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-error.h"
#include "vigie-json.h"
#include "vigie-veeam-parse.h"
#include "vigie-veeam-private.h"

#define PAGE_LIMIT 200
#define MAX_PAGES 10000
/* Refresh this long before the access token expires. */
#define EXPIRY_MARGIN 60

/* Newest first: the revisions this client understands. */
static const char * const known_revisions[] = {
  "1.2-rev1", "1.2-rev0", "1.1-rev2", "1.1-rev1", "1.1-rev0", "1.0-rev2", "1.0-rev1", NULL
};

const char *
vigie_veeam_newest_revision (void)
{
  return known_revisions[0];
}

static VigieHttpClient *
http (VigieVeeamBackend *self)
{
  return vigie_backend_get_http (VIGIE_BACKEND (self));
}

static char *
body_text (GBytes *body)
{
  gsize size = 0;
  const char *data = body ? g_bytes_get_data (body, &size) : NULL;

  return data != NULL ? g_strndup (data, size) : g_strdup ("");
}

/* One HTTP exchange: status and body, transport errors only. */

typedef struct {
  SoupMessage *message;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_clear_object (&exchange->message);
  g_free (exchange);
}

static void
exchange_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GBytes *body;

  body = vigie_http_client_send_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  if (body == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, body, (GDestroyNotify) g_bytes_unref);
}

static void
exchange_async (VigieVeeamBackend   *self,
                const char          *method,
                const char          *path,
                const char          *form,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Exchange *exchange = g_new0 (Exchange, 1);
  SoupMessageHeaders *headers;

  g_task_set_source_tag (task, exchange_async);
  exchange->message = vigie_http_client_new_message (http (self), method, path);
  g_task_set_task_data (task, exchange, (GDestroyNotify) exchange_free);
  headers = soup_message_get_request_headers (exchange->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "x-api-version", self->revision);
  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (exchange->message,
                                                "application/x-www-form-urlencoded", bytes);
    }
  else if (self->access_token != NULL)
    {
      g_autofree char *bearer = g_strdup_printf ("Bearer %s", self->access_token);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  vigie_http_client_send_async (http (self), exchange->message, cancellable, exchange_cb,
                                g_steal_pointer (&task));
}

static GBytes *
exchange_finish (VigieVeeamBackend  *self,
                 GAsyncResult       *result,
                 guint              *status,
                 char              **reason,
                 GError            **error)
{
  Exchange *exchange = g_task_get_task_data (G_TASK (result));

  *status = soup_message_get_status (exchange->message);
  if (reason != NULL)
    *reason = g_strdup (soup_message_get_reason_phrase (exchange->message));
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Tokens */

typedef struct {
  gboolean refresh;
  guint    attempts;
} TokenData;

static void token_send (GTask *task);

static const char *
pick_revision (GPtrArray  *offered,
               const char *current)
{
  for (guint i = 0; known_revisions[i] != NULL; i++)
    {
      if (g_strcmp0 (known_revisions[i], current) == 0)
        continue;
      for (guint k = 0; k < offered->len; k++)
        if (g_str_equal (g_ptr_array_index (offered, k), known_revisions[i]))
          return known_revisions[i];
    }
  return NULL;
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  VigieVeeamBackend *self = VIGIE_VEEAM_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  TokenData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  gint64 expires_in = 0;
  guint status = 0;

  body = exchange_finish (self, result, &status, &reason, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (status == SOUP_STATUS_BAD_REQUEST)
    {
      g_autofree char *text = body_text (body);
      g_autoptr(GPtrArray) offered = vigie_veeam_parse_revisions (text);

      if (offered->len > 0 && strstr (text, "ersion") != NULL)
        {
          const char *next = pick_revision (offered, self->revision);

          if (next == NULL || ++data->attempts > G_N_ELEMENTS (known_revisions))
            {
              g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                                       _("The server supports none of the REST API revisions "
                                         "Vigie knows (it offers: %s)"),
                                       text);
              return;
            }
          g_debug ("revision %s refused, trying %s", self->revision, next);
          g_free (self->revision);
          self->revision = g_strdup (next);
          token_send (g_steal_pointer (&task));
          return;
        }
    }
  /* OAuth2 refuses a grant with 400 (invalid_grant) as well as 401. */
  if (status == SOUP_STATUS_BAD_REQUEST || status == SOUP_STATUS_UNAUTHORIZED ||
      status == SOUP_STATUS_FORBIDDEN)
    {
      g_autoptr(JsonNode) error_root = vigie_json_parse_bytes (body, NULL);
      const char *description = vigie_json_get_string (vigie_json_node_object (error_root),
                                                       "error_description");
      g_autoptr(GError) base = NULL;

      /* OAuth2 puts the words in error_description, "error" is a code. */
      if (description != NULL && *description != '\0')
        g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED,
                                 _("The server refused the credentials (%u %s)"),
                                 status, description);
      else
        {
          base = vigie_http_status_error (SOUP_STATUS_UNAUTHORIZED, reason, body);
          g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED,
                                   "%s", base->message);
        }
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, vigie_http_status_error (status, reason, body));
      return;
    }
  root = vigie_json_parse_bytes (body, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!vigie_veeam_parse_token (root, &access, &refresh, &expires_in))
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server’s token reply has no access token"));
      return;
    }
  g_free (self->access_token);
  self->access_token = g_steal_pointer (&access);
  if (refresh != NULL)
    {
      g_free (self->refresh_token);
      self->refresh_token = g_steal_pointer (&refresh);
    }
  /* Renewed a minute ahead; without expires_in, only after a 401. */
  vigie_session_set_lifetime (self->session,
                              expires_in > 0 ? (guint) MAX (expires_in - EXPIRY_MARGIN, 1) : 0);
  g_task_return_boolean (task, TRUE);
}

static void
token_send (GTask *task)
{
  VigieVeeamBackend *self = g_task_get_source_object (task);
  TokenData *data = g_task_get_task_data (task);
  VigieEndpoint *endpoint = vigie_backend_get_endpoint (VIGIE_BACKEND (self));
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autofree char *form = NULL;

  if (data->refresh)
    {
      g_autofree char *token = g_uri_escape_string (self->refresh_token, NULL, TRUE);

      form = g_strdup_printf ("grant_type=refresh_token&refresh_token=%s", token);
    }
  else
    {
      g_autofree char *user = g_uri_escape_string (vigie_endpoint_get_user (endpoint), NULL, TRUE);
      g_autofree char *password = g_uri_escape_string (self->password, NULL, TRUE);

      form = g_strdup_printf ("grant_type=password&username=%s&password=%s", user, password);
    }
  g_clear_pointer (&self->access_token, g_free);
  exchange_async (self, "POST", "/api/oauth2/token", form, cancellable, token_cb,
                  task);
  memset (form, 0, strlen (form));
}

static void
token_async (VigieVeeamBackend   *self,
             gboolean             refresh,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  TokenData *data = g_new0 (TokenData, 1);

  g_task_set_source_tag (task, token_async);
  data->refresh = refresh && self->refresh_token != NULL;
  g_task_set_task_data (task, data, g_free);
  token_send (task);
}

static gboolean
token_finish (VigieVeeamBackend  *self,
              GAsyncResult       *result,
              GError            **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The login hook: refresh the access token, log in with the password when
 * the refresh is refused. */

static void
login_password_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!token_finish (VIGIE_VEEAM_BACKEND (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
login_refresh_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  VigieVeeamBackend *self = VIGIE_VEEAM_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (token_finish (self, result, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (!g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_AUTH_FAILED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_debug ("refresh refused (%s), logging in again", error->message);
  g_clear_pointer (&self->refresh_token, g_free);
  token_async (self, FALSE, cancellable, login_password_cb, g_steal_pointer (&task));
}

void
vigie_veeam_login_async (VigieBackend        *backend,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  VigieVeeamBackend *self = VIGIE_VEEAM_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, vigie_veeam_login_async);
  if (self->refresh_token != NULL)
    token_async (self, TRUE, cancellable, login_refresh_cb, g_steal_pointer (&task));
  else
    token_async (self, FALSE, cancellable, login_password_cb, g_steal_pointer (&task));
}

gboolean
vigie_veeam_login_finish (VigieBackend  *backend,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
vigie_veeam_prepare_message (VigieBackend *backend,
                             SoupMessage  *message)
{
  VigieVeeamBackend *self = VIGIE_VEEAM_BACKEND (backend);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_headers_replace (headers, "x-api-version", self->revision);
  if (self->access_token != NULL)
    {
      g_autofree char *bearer = g_strdup_printf ("Bearer %s", self->access_token);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }
}

/* GET a JSON document through the session (renewed once on 401). */

static void
get_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  root = vigie_session_request_json_finish (VIGIE_SESSION (object), result, NULL, &error);
  if (root == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
}

void
vigie_veeam_get_async (VigieVeeamBackend   *self,
                       const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, vigie_veeam_get_async);
  vigie_session_request_json_async (self->session, "GET", path, NULL, NULL, cancellable, get_cb,
                                    task);
}

JsonNode *
vigie_veeam_get_finish (VigieVeeamBackend  *self,
                        GAsyncResult       *result,
                        GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Every page of a collection, as one array. */

typedef struct {
  char      *path;
  JsonArray *items;
  gint64     skip;
  guint      pages;
} PagesData;

static void
pages_data_free (PagesData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->items, json_array_unref);
  g_free (data);
}

static void pages_next (GTask *task);

static void
pages_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PagesData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *page;
  gint64 total;
  guint n;

  root = vigie_veeam_get_finish (VIGIE_VEEAM_BACKEND (object), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!vigie_veeam_parse_page (root, &page, &total))
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server’s reply to %s is not a collection"), data->path);
      return;
    }
  n = json_array_get_length (page);
  for (guint i = 0; i < n; i++)
    json_array_add_element (data->items, json_node_copy (json_array_get_element (page, i)));
  data->skip += n;
  data->pages++;
  if (n == 0 || total < 0 || data->skip >= total || data->pages >= MAX_PAGES)
    {
      g_task_return_pointer (task, json_array_ref (data->items), (GDestroyNotify) json_array_unref);
      return;
    }
  pages_next (g_steal_pointer (&task));
}

static void
pages_next (GTask *task)
{
  VigieVeeamBackend *self = g_task_get_source_object (task);
  PagesData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autofree char *path = NULL;

  path = g_strdup_printf ("%s%cskip=%" G_GINT64_FORMAT "&limit=%d", data->path,
                          strchr (data->path, '?') ? '&' : '?', data->skip, PAGE_LIMIT);
  vigie_veeam_get_async (self, path, cancellable, pages_cb, task);
}

void
vigie_veeam_get_all_async (VigieVeeamBackend   *self,
               const char          *path,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  PagesData *data = g_new0 (PagesData, 1);

  g_task_set_source_tag (task, vigie_veeam_get_all_async);
  data->path = g_strdup (path);
  data->items = json_array_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) pages_data_free);
  pages_next (task);
}

JsonArray *
vigie_veeam_get_all_finish (VigieVeeamBackend  *self,
                GAsyncResult       *result,
                GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
