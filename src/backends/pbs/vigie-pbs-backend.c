/* vigie-pbs-backend.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Proxmox Backup Server at https://HOST:8007/api2/json.
 *
 * Authentication: an API token (header "PBSAPIToken=USER@REALM!TOKEN:SECRET",
 * with a colon, unlike Proxmox VE) or a user and password (ticket from
 * /access/ticket sent as the PBSAuthCookie cookie, plus the CSRF token; the
 * ticket lives two hours, so we log in again after RENEW_AFTER seconds of the
 * context's clock).
 *
 * What an inventory holds: product "Proxmox Backup Server", version
 * /version's version.release ("4.1.2"), build the repoid; one host, the
 * server itself (/nodes/localhost/status, named after the URL's host); one
 * storage per datastore (/admin/datastore + /status/datastore-usage).
 *
 * With VIGIE_FETCH_BACKUPS, one VigieBackupItem per snapshot of every
 * namespace of every datastore: source PBS, location = datastore,
 * namespace_ (NULL for the root), target_type "vm"/"ct"/"host", target_id
 * the backup-id (the VMID for Proxmox VE guests), time, size, verified,
 * protected_, volid "TYPE/ID/RFC3339". target_name and target_uuid stay
 * NULL: PBS does not know them. Failed "backup" tasks become items with
 * failed = TRUE and the group of their worker id ("store1:vm/100"). Verify,
 * prune, sync jobs and per-datastore garbage collection become VigieJobs
 * (kind "verify", "prune", "sync", "gc") with their last result.
 */

#define G_LOG_DOMAIN "vigie-pbs"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-json.h"
#include "vigie-error.h"
#include "vigie-fetch-plan.h"
#include "vigie-session.h"
#include "vigie-pbs-backend.h"
#include "vigie-pbs-parse.h"

#define API "/api2/json"
/* Tickets are valid for two hours; renew well before. */
#define RENEW_AFTER (60 * 60)
/* How far back failed backup tasks are looked for. */
#define TASK_WINDOW (14 * 24 * 60 * 60)
/* Requests in flight at once during a fetch. */
#define MAX_IN_FLIGHT 6

struct _VigiePbsBackend
{
  VigieBackend  parent_instance;

  char         *secret;
  gboolean      use_token;
  VigieSession *session;     /* the ticket: renewed, shared, retried once after a 401 */

  char         *version;
  char         *build;
};

G_DEFINE_FINAL_TYPE (VigiePbsBackend, vigie_pbs_backend, VIGIE_TYPE_BACKEND)

static const VigieBackendField fields[] = {
  { "url", N_("Address"), VIGIE_FIELD_URL, TRUE, N_("https://host") },
  { "user", N_("User"), VIGIE_FIELD_TEXT, FALSE, N_("root@pam") },
  { "password", N_("Password"), VIGIE_FIELD_SECRET, FALSE, NULL },
  { "token-id", N_("API token ID"), VIGIE_FIELD_TEXT, FALSE, N_("user@realm!token") },
  { "token-secret", N_("API token secret"), VIGIE_FIELD_SECRET, FALSE, NULL },
  { NULL }
};

static char *
endpoint_host (VigiePbsBackend *self)
{
  VigieEndpoint *endpoint = vigie_backend_get_endpoint (VIGIE_BACKEND (self));
  g_autoptr(GUri) uri = g_uri_parse (vigie_endpoint_get_url (endpoint), G_URI_FLAGS_NONE, NULL);

  return uri != NULL ? g_strdup (g_uri_get_host (uri)) : NULL;
}

/* Authentication */

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigieHttpClient *http = VIGIE_HTTP_CLIENT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *csrf = NULL;

  root = vigie_http_client_request_json_finish (http, result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!vigie_pbs_parse_ticket (root, &ticket, &csrf))
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server’s login reply has no ticket"));
      return;
    }
  if (!vigie_http_client_set_cookie (http, "PBSAuthCookie", ticket))
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_FAILED,
                               _("Cannot keep the login ticket for this address"));
      return;
    }
  vigie_http_client_set_header (http, "CSRFPreventionToken", csrf);
  g_task_return_boolean (task, TRUE);
}

/* The session's login hook. */
static void
login_async (VigieBackend        *backend,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  VigiePbsBackend *self = VIGIE_PBS_BACKEND (backend);
  VigieEndpoint *endpoint = vigie_backend_get_endpoint (backend);
  VigieHttpClient *http = vigie_backend_get_http (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *form = NULL;

  g_task_set_source_tag (task, login_async);
  user = g_uri_escape_string (vigie_endpoint_get_user (endpoint), NULL, TRUE);
  password = g_uri_escape_string (self->secret, NULL, TRUE);
  form = g_strdup_printf ("username=%s&password=%s", user, password);
  body = g_bytes_new (form, strlen (form));
  /* Leave no copy of the password behind in freed memory. */
  memset (form, 0, strlen (form));
  memset (password, 0, strlen (password));
  vigie_http_client_request_json_async (http, "POST", API "/access/ticket", body,
                                        "application/x-www-form-urlencoded",
                                        cancellable, login_cb, g_steal_pointer (&task));
}

static gboolean
login_finish (VigieBackend  *backend,
              GAsyncResult  *result,
              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* connect: secret, authentication, /version */

static void
version_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigiePbsBackend *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *repoid = NULL;
  g_autofree char *version = NULL;

  root = vigie_session_request_json_finish (VIGIE_SESSION (object), result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  version = vigie_pbs_parse_version (root, &repoid);
  if (version == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                               _("The server did not say which version it runs; "
                                 "is it a Proxmox Backup Server?"));
      return;
    }
  g_free (self->version);
  self->version = g_steal_pointer (&version);
  g_free (self->build);
  self->build = g_steal_pointer (&repoid);
  g_task_return_boolean (task, TRUE);
}

static void
get_version (GTask *task)
{
  VigiePbsBackend *self = g_task_get_source_object (task);

  /* With a password, the session logs in first. */
  vigie_session_request_json_async (self->session, "GET", API "/version", NULL, NULL,
                                    g_task_get_cancellable (task), version_cb, task);
}

static void
secret_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VigiePbsBackend *self = VIGIE_PBS_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  VigieEndpoint *endpoint = vigie_backend_get_endpoint (VIGIE_BACKEND (self));
  VigieHttpClient *http = vigie_backend_get_http (VIGIE_BACKEND (self));
  char *secret;

  secret = vigie_backend_lookup_secret_finish (VIGIE_BACKEND (self), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (secret == NULL)
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS,
                               self->use_token ? _("No API token secret is stored for “%s”")
                                               : _("No password is stored for “%s”"),
                               vigie_endpoint_get_name (endpoint));
      return;
    }
  g_clear_pointer (&self->secret, vigie_secret_free);
  self->secret = secret;
  vigie_session_reset (self->session);
  vigie_session_set_static (self->session, self->use_token);
  if (self->use_token)
    {
      g_autofree char *value = g_strdup_printf ("PBSAPIToken=%s:%s",
                                                vigie_endpoint_get_token_id (endpoint),
                                                self->secret);

      vigie_http_client_set_header (http, "Authorization", value);
    }
  get_version (g_steal_pointer (&task));
}

static void
vigie_pbs_backend_connect_async (VigieBackend        *backend,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  VigiePbsBackend *self = VIGIE_PBS_BACKEND (backend);
  VigieEndpoint *endpoint = vigie_backend_get_endpoint (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  const char *token_id = vigie_endpoint_get_token_id (endpoint);

  g_task_set_source_tag (task, vigie_pbs_backend_connect_async);
  self->use_token = token_id != NULL && *token_id != '\0';
  if (!self->use_token && (vigie_endpoint_get_user (endpoint) == NULL ||
                           *vigie_endpoint_get_user (endpoint) == '\0'))
    {
      g_task_return_new_error (task, VIGIE_ERROR, VIGIE_ERROR_NEEDS_CREDENTIALS,
                               _("“%s” has neither an API token nor a user"),
                               vigie_endpoint_get_name (endpoint));
      return;
    }
  vigie_backend_lookup_secret_async (backend,
                                     self->use_token ? VIGIE_SECRET_TOKEN : VIGIE_SECRET_PASSWORD,
                                     cancellable, secret_cb, g_steal_pointer (&task));
}

static gboolean
vigie_pbs_backend_connect_finish (VigieBackend  *backend,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* fetch: the calls run a few at a time in one phase (handlers add the
 * per-datastore ones); the inventory is assembled when the last one has
 * answered. A failure of /admin/datastore fails the whole endpoint; any
 * other is a warning. */

typedef struct _Fetch Fetch;
typedef struct _Request Request;
typedef void (*ReplyFunc) (Fetch         *fetch,
                           Request       *request,
                           JsonNode      *root,
                           const GError  *error);

struct _Fetch
{
  VigiePbsBackend *self;
  VigieFetchPlan  *plan;
  VigieInventory  *inventory;
  VigieFetchFlags  flags;
  JsonNode        *store_list;
  JsonNode        *store_usage;
  char            *host;
};

struct _Request
{
  char      *path;
  char      *store;
  char      *ns;
};

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->plan);
  g_clear_object (&fetch->inventory);
  g_clear_pointer (&fetch->store_list, json_node_unref);
  g_clear_pointer (&fetch->store_usage, json_node_unref);
  g_free (fetch->host);
  g_free (fetch);
}

static void
fetch_fail (Fetch        *fetch,
            const GError *error)
{
  vigie_fetch_plan_fail (fetch->plan, error);
}

static void
fetch_warn (Fetch        *fetch,
            Request      *request,
            const GError *error)
{
  vigie_inventory_add_warning (fetch->inventory, "%s: %s", request->path, error->message);
}

static void
request_free (Request *request)
{
  g_free (request->path);
  g_free (request->store);
  g_free (request->ns);
  g_free (request);
}

static void
plan_send (VigieFetchPlan      *plan,
           const char          *path,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  Fetch *fetch = vigie_fetch_plan_get_user_data (plan);
  g_autofree char *url = g_strconcat (API, path, NULL);

  vigie_session_request_json_async (fetch->self->session, "GET", url, NULL, NULL, cancellable,
                                    callback, user_data);
}

static gpointer
plan_receive (VigieFetchPlan  *plan,
              GObject         *source,
              GAsyncResult    *result,
              GError         **error)
{
  g_autoptr(JsonNode) root = NULL;

  root = vigie_session_request_json_finish (VIGIE_SESSION (source), result, NULL, error);
  /* A 200 reply without "data" is not a PBS reply. */
  if (root != NULL && vigie_pbs_reply_data (root) == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_PROTOCOL, _("The server’s reply has no data"));
      return NULL;
    }
  return g_steal_pointer (&root);
}

static const VigieFetchOps plan_ops = {
  plan_send, plan_receive, (GDestroyNotify) json_node_unref
};

static void on_store_list (Fetch        *fetch,
                           Request      *request,
                           JsonNode     *root,
                           const GError *error);

static void fetch_get (Fetch      *fetch,
                       ReplyFunc   func,
                       const char *store,
                       const char *ns,
                       const char *format,
                       ...) G_GNUC_PRINTF (5, 6);

static void
fetch_get (Fetch      *fetch,
           ReplyFunc   func,
           const char *store,
           const char *ns,
           const char *format,
           ...)
{
  Request *request = g_new0 (Request, 1);
  va_list args;

  va_start (args, format);
  request->path = g_strdup_vprintf (format, args);
  va_end (args);
  request->store = g_strdup (store);
  request->ns = g_strdup (ns);
  vigie_fetch_plan_add_handler (fetch->plan, NULL,
                                func == on_store_list ? VIGIE_FETCH_FATAL : VIGIE_FETCH_WARN,
                                (VigieFetchHandler) func, request, (GDestroyNotify) request_free,
                                request->path);
}

static char *
escape (const char *text)
{
  return g_uri_escape_string (text != NULL ? text : "", NULL, TRUE);
}

static void
on_node_status (Fetch        *fetch,
                Request      *request,
                JsonNode     *root,
                const GError *error)
{
  g_autoptr(VigieHost) host = NULL;

  if (error != NULL)
    {
      fetch_warn (fetch, request, error);
      return;
    }
  host = vigie_pbs_parse_node_status (root, fetch->host);
  if (host == NULL)
    return;
  host->version = g_strdup (fetch->self->version);
  host->build = g_strdup (fetch->self->build);
  vigie_inventory_add_host (fetch->inventory, host);
}

static void
on_usage (Fetch        *fetch,
          Request      *request,
          JsonNode     *root,
          const GError *error)
{
  if (error != NULL)
    fetch_warn (fetch, request, error);
  else
    fetch->store_usage = json_node_ref (root);
}

static void
on_snapshots (Fetch        *fetch,
              Request      *request,
              JsonNode     *root,
              const GError *error)
{
  g_autoptr(GPtrArray) items = NULL;

  if (error != NULL)
    {
      fetch_warn (fetch, request, error);
      return;
    }
  items = vigie_pbs_parse_snapshots (root, request->store, request->ns);
  for (guint i = 0; i < items->len; i++)
    vigie_inventory_add_backup (fetch->inventory, g_ptr_array_index (items, i));
}

static void
on_namespaces (Fetch        *fetch,
               Request      *request,
               JsonNode     *root,
               const GError *error)
{
  g_autoptr(GPtrArray) namespaces = NULL;
  g_autofree char *store = escape (request->store);

  if (error != NULL)
    {
      /* Servers before namespaces (PBS < 2.2) have only the root. */
      g_debug ("%s: %s", request->path, error->message);
      fetch_get (fetch, on_snapshots, request->store, NULL,
                 "/admin/datastore/%s/snapshots", store);
      return;
    }
  namespaces = vigie_pbs_parse_namespaces (root);
  if (namespaces->len == 0)
    g_ptr_array_add (namespaces, g_strdup (""));
  for (guint i = 0; i < namespaces->len; i++)
    {
      const char *ns = g_ptr_array_index (namespaces, i);
      g_autofree char *escaped = escape (ns);

      fetch_get (fetch, on_snapshots, request->store, ns,
                 "/admin/datastore/%s/snapshots?ns=%s", store, escaped);
    }
}

static void
add_jobs (Fetch      *fetch,
          JsonNode   *root,
          const char *kind)
{
  g_autoptr(GPtrArray) jobs = vigie_pbs_parse_jobs (root, kind);

  for (guint i = 0; i < jobs->len; i++)
    vigie_inventory_add_job (fetch->inventory, g_ptr_array_index (jobs, i));
}

static void
on_jobs (Fetch        *fetch,
         Request      *request,
         JsonNode     *root,
         const GError *error)
{
  const char *kind = request->ns;

  if (error != NULL)
    fetch_warn (fetch, request, error);
  else
    add_jobs (fetch, root, kind);
}

static void
copy_member (JsonObject  *object,
             const char  *name,
             JsonNode    *node,
             gpointer     user_data)
{
  if (g_strcmp0 (name, "store") != 0)
    json_object_set_member (user_data, name, json_node_copy (node));
}

/* One datastore's GC status, on servers without /admin/gc: wrap it as a
 * one-element list so the job parser reads it. */
static void
on_store_gc (Fetch        *fetch,
             Request      *request,
             JsonNode     *root,
             const GError *error)
{
  g_autoptr(JsonNode) list = NULL;
  JsonNode *data;
  JsonArray *array;
  JsonObject *copy;
  JsonObject *wrapper;

  if (error != NULL)
    {
      fetch_warn (fetch, request, error);
      return;
    }
  data = vigie_pbs_reply_data (root);
  if (vigie_json_node_object (data) == NULL)
    return;
  copy = json_object_new ();
  json_object_set_string_member (copy, "store", request->store);
  json_object_foreach_member (json_node_get_object (data), copy_member, copy);
  array = json_array_new ();
  json_array_add_object_element (array, copy);
  wrapper = json_object_new ();
  json_object_set_array_member (wrapper, "data", array);
  list = json_node_init_object (json_node_alloc (), wrapper);
  json_object_unref (wrapper);
  add_jobs (fetch, list, "gc");
}

/* GET /admin/datastore/STORE/WHAT for every datastore of the list. */
static void
fetch_per_store (Fetch      *fetch,
                 ReplyFunc   func,
                 const char *what)
{
  JsonArray *stores = json_node_get_array (vigie_pbs_reply_data (fetch->store_list));

  for (guint i = 0; i < json_array_get_length (stores); i++)
    {
      JsonObject *store = vigie_json_node_object (json_array_get_element (stores, i));
      const char *name = vigie_json_get_string (store, "store");
      g_autofree char *escaped = NULL;

      if (name == NULL)
        continue;
      escaped = escape (name);
      fetch_get (fetch, func, name, NULL, "/admin/datastore/%s/%s", escaped, what);
    }
}

static void
on_gc (Fetch        *fetch,
       Request      *request,
       JsonNode     *root,
       const GError *error)
{
  if (error == NULL)
    {
      add_jobs (fetch, root, "gc");
      return;
    }
  if (fetch->store_list == NULL)
    {
      fetch_warn (fetch, request, error);
      return;
    }
  /* /admin/gc is recent (PBS 3.3); older servers answer per datastore. */
  fetch_per_store (fetch, on_store_gc, "gc");
}

static void
on_tasks (Fetch        *fetch,
          Request      *request,
          JsonNode     *root,
          const GError *error)
{
  g_autoptr(GPtrArray) items = NULL;

  if (error != NULL)
    {
      fetch_warn (fetch, request, error);
      return;
    }
  items = vigie_pbs_parse_failed_backups (root);
  for (guint i = 0; i < items->len; i++)
    vigie_inventory_add_backup (fetch->inventory, g_ptr_array_index (items, i));
}

static void
on_store_list (Fetch        *fetch,
               Request      *request,
               JsonNode     *root,
               const GError *error)
{
  if (error != NULL)
    {
      fetch_fail (fetch, error);
      return;
    }
  if (vigie_json_node_array (vigie_pbs_reply_data (root)) == NULL)
    {
      g_autoptr(GError) local = g_error_new (VIGIE_ERROR, VIGIE_ERROR_PROTOCOL,
                                             _("The server’s datastore list is not a list"));
      fetch_fail (fetch, local);
      return;
    }
  fetch->store_list = json_node_ref (root);
  if ((fetch->flags & VIGIE_FETCH_BACKUPS) == 0)
    return;

  fetch_per_store (fetch, on_namespaces, "namespace");
  fetch_get (fetch, on_gc, NULL, NULL, "/admin/gc");
}

static void
fetch_start (Fetch *fetch)
{
  VigieInventory *inventory = fetch->inventory;
  VigiePbsBackend *self = fetch->self;

  g_free (inventory->product);
  inventory->product = g_strdup ("Proxmox Backup Server");
  g_free (inventory->version);
  inventory->version = g_strdup (self->version);
  g_free (inventory->build);
  inventory->build = g_strdup (self->build);

  fetch_get (fetch, on_store_list, NULL, NULL, "/admin/datastore");
  fetch_get (fetch, on_usage, NULL, NULL, "/status/datastore-usage");
  fetch_get (fetch, on_node_status, NULL, NULL, "/nodes/localhost/status");
  if (fetch->flags & VIGIE_FETCH_BACKUPS)
    {
      gint64 since = vigie_backend_now (VIGIE_BACKEND (self)) - TASK_WINDOW;

      fetch_get (fetch, on_tasks, NULL, NULL,
                 "/nodes/localhost/tasks?typefilter=backup&errors=1&limit=0&since=%"
                 G_GINT64_FORMAT, since);
      fetch_get (fetch, on_jobs, NULL, "verify", "/admin/verify");
      fetch_get (fetch, on_jobs, NULL, "prune", "/admin/prune");
      fetch_get (fetch, on_jobs, NULL, "sync", "/admin/sync");
    }
}

/* Phase 1: every call; phase 2: the datastores from the list and usage. */
static gboolean
on_phase (VigieFetchPlan *plan,
          guint           phase,
          gpointer        user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GPtrArray) stores = NULL;

  if (phase == 1)
    {
      fetch_start (fetch);
      return TRUE;
    }
  stores = vigie_pbs_parse_datastores (fetch->store_list, fetch->store_usage, fetch->host);
  for (guint i = 0; i < stores->len; i++)
    vigie_inventory_add_storage (fetch->inventory, g_ptr_array_index (stores, i));
  return FALSE;
}

static void
vigie_pbs_backend_fetch_async (VigieBackend        *backend,
                               VigieFetchFlags      flags,
                               VigieInventory      *inventory,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  VigiePbsBackend *self = VIGIE_PBS_BACKEND (backend);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Fetch *fetch = g_new0 (Fetch, 1);

  g_task_set_source_tag (task, vigie_pbs_backend_fetch_async);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  fetch->self = self;
  fetch->plan = vigie_fetch_plan_new (&plan_ops, MAX_IN_FLIGHT, fetch);
  /* HTTP/1.1: a connection, and its TLS handshake, per request in flight. */
  vigie_fetch_plan_set_per_connection (fetch->plan, VIGIE_FETCH_REQUESTS_PER_CONNECTION);
  fetch->inventory = g_object_ref (inventory);
  fetch->flags = flags;
  fetch->host = endpoint_host (self);
  /* The session renews the ticket before the first call when it is due. */
  vigie_fetch_plan_run_task (fetch->plan, on_phase, task);
}

static gboolean
vigie_pbs_backend_fetch_finish (VigieBackend  *backend,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
vigie_pbs_backend_disconnect (VigieBackend *backend)
{
  VigiePbsBackend *self = VIGIE_PBS_BACKEND (backend);

  vigie_session_reset (self->session);
}

static void
vigie_pbs_backend_finalize (GObject *object)
{
  VigiePbsBackend *self = VIGIE_PBS_BACKEND (object);

  g_clear_pointer (&self->secret, vigie_secret_free);
  g_clear_object (&self->session);
  g_free (self->version);
  g_free (self->build);

  G_OBJECT_CLASS (vigie_pbs_backend_parent_class)->finalize (object);
}

static void
vigie_pbs_backend_class_init (VigiePbsBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VigieBackendClass *backend_class = VIGIE_BACKEND_CLASS (klass);

  object_class->finalize = vigie_pbs_backend_finalize;

  backend_class->kind = VIGIE_KIND_PBS;
  backend_class->fields = fields;
  backend_class->default_port = "8007";
  backend_class->product_name = "Proxmox Backup Server";
  backend_class->icon_name = "drive-harddisk-symbolic";
  backend_class->roles = VIGIE_ROLE_BACKUP;
  backend_class->capabilities = VIGIE_CAP_BACKUPS;
  backend_class->connect_async = vigie_pbs_backend_connect_async;
  backend_class->connect_finish = vigie_pbs_backend_connect_finish;
  backend_class->fetch_async = vigie_pbs_backend_fetch_async;
  backend_class->fetch_finish = vigie_pbs_backend_fetch_finish;
  backend_class->disconnect = vigie_pbs_backend_disconnect;
}

static void
vigie_pbs_backend_init (VigiePbsBackend *self)
{
  self->session = vigie_session_new (VIGIE_BACKEND (self), RENEW_AFTER, login_async,
                                     login_finish);
}
