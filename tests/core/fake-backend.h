/* fake-backend.h
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fake backend that the monitor's tests share: it connects at once,
 * counts its reads, watches and unwatches, and can hold its reads until
 * the test releases them or until they are cancelled.
 */

#pragma once

#include "vigie-backend.h"
#include "vigie-endpoint-store.h"

G_BEGIN_DECLS

typedef enum {
  FAKE_HOLD_NONE,             /* reads return at once */
  FAKE_HOLD_UNTIL_RELEASE,    /* reads wait for fake_backend_release() */
  FAKE_HOLD_UNTIL_CANCELLED,  /* reads wait for their cancellable */
} FakeHold;

#define FAKE_TYPE_BACKEND (fake_backend_get_type ())
G_DECLARE_FINAL_TYPE (FakeBackend, fake_backend, FAKE, BACKEND, VigieBackend)

struct _FakeBackend
{
  VigieBackend  parent_instance;
  guint         fetches;
  guint         watches;
  guint         unwatches;
  GPtrArray    *held;     /* GTask, with the inventory as task data */
};

/* Set by the test, read when a read starts; reset it in the fixture. */
extern FakeHold fake_backend_hold;
/* The name of the one instance it reads ("web"). */
extern const char *fake_backend_instance_name;

VigieBackend *fake_backend_new     (VigieEndpoint *endpoint,
                                    VigieContext  *context);
void          fake_backend_release (FakeBackend   *self);

/* Where the monitor's tests start: an endpoint store in a scratch folder
 * and a context over an in-memory keyring whose endpoint deadline is
 * @timeout seconds. fake_estate_init() also resets fake_backend_hold and the
 * instance's name. */
typedef struct {
  char               *dir;
  VigieContext       *context;
  VigieEndpointStore *store;
} FakeEstate;

void           fake_estate_init  (FakeEstate  *estate,
                                  guint        timeout);
VigieEndpoint *fake_estate_add   (FakeEstate  *estate,
                                  const char  *name,
                                  VigieKind    kind,
                                  const char  *url);
void           fake_estate_clear (FakeEstate  *estate);

G_END_DECLS
