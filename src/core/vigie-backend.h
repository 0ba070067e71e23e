/* vigie-backend.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-action.h"
#include "vigie-console.h"
#include "vigie-context.h"
#include "vigie-endpoint.h"
#include "vigie-http-client.h"
#include "vigie-inventory.h"
#include "vigie-kind.h"

G_BEGIN_DECLS

typedef enum {
  VIGIE_FETCH_INVENTORY = 1 << 0,
  VIGIE_FETCH_BACKUPS   = 1 << 1,
} VigieFetchFlags;

typedef enum {
  VIGIE_CONNECTION_DISCONNECTED = 0,
  VIGIE_CONNECTION_CONNECTING,
  VIGIE_CONNECTION_NEEDS_CREDENTIALS,
  VIGIE_CONNECTION_UNTRUSTED,
  VIGIE_CONNECTION_CONNECTED,
  VIGIE_CONNECTION_FAILED,
} VigieConnectionState;

typedef enum {
  VIGIE_FIELD_TEXT = 0,
  VIGIE_FIELD_URL,
  VIGIE_FIELD_SECRET,      /* goes to the keyring, never shown back */
  VIGIE_FIELD_FILE,        /* a path whose content is read at add time */
} VigieFieldType;

/* One field of the Add-endpoint form and of `vigiectl endpoint add`. */
typedef struct {
  const char     *key;          /* "url", "user", "password", "token-id", "token-secret", … */
  const char     *label;        /* N_()-marked */
  VigieFieldType  type;
  gboolean        required;
  const char     *placeholder;  /* N_()-marked, may be NULL */
} VigieBackendField;

#define VIGIE_TYPE_BACKEND (vigie_backend_get_type ())

G_DECLARE_DERIVABLE_TYPE (VigieBackend, vigie_backend, VIGIE, BACKEND, GObject)

struct _VigieBackendClass
{
  GObjectClass parent_class;

  /* What the kind is; the backends' registry copies these into the kind
   * table (vigie-kind.h) that the views and the engines ask. */
  VigieKind                 kind;
  const VigieBackendField  *fields;        /* NULL-key terminated */
  const char               *default_port;  /* for URLs given as a bare host */
  const char               *product_name;  /* not translated */
  const char               *icon_name;
  VigieKindRoles            roles;
  VigieKindCapabilities     capabilities;

  /* Authenticate and read product and version. */
  void             (*connect_async)       (VigieBackend        *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  gboolean         (*connect_finish)      (VigieBackend        *self,
                                           GAsyncResult        *result,
                                           GError             **error);
  /* Fill an inventory (already named, with kind and URL). Return FALSE with
   * an error when the endpoint failed as a whole; partial failures are
   * warnings in the inventory. */
  void             (*fetch_async)         (VigieBackend        *self,
                                           VigieFetchFlags      flags,
                                           VigieInventory      *inventory,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  gboolean         (*fetch_finish)        (VigieBackend        *self,
                                           GAsyncResult        *result,
                                           GError             **error);
  /* The capability model: every action with allowed/reason. */
  GListModel      *(*list_actions)        (VigieBackend        *self,
                                           VigieInstance       *instance);
  void             (*run_action_async)    (VigieBackend        *self,
                                           VigieInstance       *instance,
                                           const char          *action,
                                           GHashTable          *params,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  char            *(*run_action_finish)   (VigieBackend        *self,
                                           GAsyncResult        *result,
                                           GError             **error);
  /* A terminal over the product's own protocol. target is a host (node)
   * name when instance is NULL. */
  void             (*open_console_async)  (VigieBackend        *self,
                                           const char          *target,
                                           VigieInstance       *instance,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  VigieConsole    *(*open_console_finish) (VigieBackend        *self,
                                           GAsyncResult        *result,
                                           GError             **error);
  void             (*disconnect)          (VigieBackend        *self);
  /* Push updates (VIGIE_CAP_EVENTS): listen to the product's event stream,
   * emit "changed" when the endpoint changed, "watch-connected" each time
   * the stream is (re)established and "watch-lost" once when it dropped —
   * the backend does not reconnect by itself: the caller calls watch again,
   * with its own backoff. unwatch stops and emits nothing more. */
  void             (*watch)               (VigieBackend        *self);
  void             (*unwatch)             (VigieBackend        *self);

  gpointer padding[6];
};

VigieEndpoint        *vigie_backend_get_endpoint       (VigieBackend        *self);
VigieContext         *vigie_backend_get_context        (VigieBackend        *self);
VigieHttpClient      *vigie_backend_get_http           (VigieBackend        *self);
VigieKind             vigie_backend_get_kind           (VigieBackend        *self);
VigieConnectionState  vigie_backend_get_state          (VigieBackend        *self);
void                  vigie_backend_set_state          (VigieBackend        *self,
                                                        VigieConnectionState state);
const VigieBackendField *vigie_backend_class_get_fields (VigieBackendClass  *klass);

void                  vigie_backend_connect_async      (VigieBackend        *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean              vigie_backend_connect_finish     (VigieBackend        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Connects when needed, then fetches; never fails but for cancellation: an
 * endpoint that fails as a whole gives an inventory with its status and
 * error. The endpoint as a whole is bounded by the context's timeout. */
void                  vigie_backend_fetch_async        (VigieBackend        *self,
                                                        VigieFetchFlags      flags,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
VigieInventory       *vigie_backend_fetch_finish       (VigieBackend        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
GListModel           *vigie_backend_list_actions       (VigieBackend        *self,
                                                        VigieInstance       *instance);
void                  vigie_backend_run_action_async   (VigieBackend        *self,
                                                        VigieInstance       *instance,
                                                        const char          *action,
                                                        GHashTable          *params,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
char                 *vigie_backend_run_action_finish  (VigieBackend        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void                  vigie_backend_open_console_async (VigieBackend        *self,
                                                        const char          *target,
                                                        VigieInstance       *instance,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
VigieConsole         *vigie_backend_open_console_finish (VigieBackend       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void                  vigie_backend_disconnect         (VigieBackend        *self);
/* FALSE when the backend cannot push updates. */
gboolean              vigie_backend_watch              (VigieBackend        *self);
void                  vigie_backend_unwatch            (VigieBackend        *self);
/* For subclasses that watch. */
void                  vigie_backend_emit_changed       (VigieBackend        *self);
void                  vigie_backend_emit_watch_connected (VigieBackend      *self);
void                  vigie_backend_emit_watch_lost    (VigieBackend        *self);

/* For subclasses: the endpoint's secret from the keyring; NULL (no error)
 * when there is none. */
void                  vigie_backend_lookup_secret_async  (VigieBackend      *self,
                                                          VigieSecretPurpose purpose,
                                                          GCancellable      *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer           user_data);
char                 *vigie_backend_lookup_secret_finish (VigieBackend      *self,
                                                          GAsyncResult      *result,
                                                          GError           **error);
/* For subclasses: what to do when a call is answered "not authenticated"
 * (401, an expired session) in the middle of a session. One refresh round
 * (a fetch, a connect) logs in again at most once: the first such call gets
 * LOGIN, calls that meet the renewed session get RETRY (send once more), and
 * a call answered so again (may_login FALSE: already retried, or nothing to
 * log in with) gets GIVE_UP — the round then ends `auth-failed` even when
 * the call was a secondary one. A backend reports the end of its login with
 * vigie_backend_reauth_done(). */
typedef enum {
  VIGIE_REAUTH_LOGIN,
  VIGIE_REAUTH_RETRY,
  VIGIE_REAUTH_GIVE_UP,
} VigieReauth;

VigieReauth           vigie_backend_reauth               (VigieBackend      *self,
                                                          gboolean           may_login);
void                  vigie_backend_reauth_done          (VigieBackend      *self,
                                                          const GError      *error);
/* argv for an SSH session to @host (NULL: the endpoint's own host) as
 * @user (NULL or "": ssh's default). NULL with VIGIE_ERROR_INVALID when
 * the host is not a host name or IP address, or the user could be read as
 * an option (they come from servers and settings). */
GStrv                 vigie_backend_build_ssh_argv       (VigieBackend      *self,
                                                          const char        *host,
                                                          const char        *user,
                                                          GError           **error);

G_END_DECLS
