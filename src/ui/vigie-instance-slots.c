/* vigie-instance-slots.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows the Instances list shows, as slots: the slot at position i
 * holds whatever instance the filtered, sorted list has at i. GTK 4.8's
 * list views drop the row widgets of the items that leave and make new
 * ones (up to 200 rows of nine cells) for the items that come: a search
 * letter or a sort over 10,000 instances spent 100–250 ms of CPU on that.
 * Slots stay when the list changes, so their rows stay too and only
 * their cells' texts are set again; only a longer or shorter list adds
 * or removes slots, at the end.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include "vigie-instance-slots.h"

struct _VigieInstanceSlot
{
  GObject        parent_instance;

  VigieInstance *instance;
};

G_DEFINE_FINAL_TYPE (VigieInstanceSlot, vigie_instance_slot, G_TYPE_OBJECT)

enum {
  SLOT_CHANGED,
  N_SLOT_SIGNALS
};

static guint slot_signals[N_SLOT_SIGNALS];

static void
vigie_instance_slot_finalize (GObject *object)
{
  VigieInstanceSlot *self = VIGIE_INSTANCE_SLOT (object);

  g_clear_object (&self->instance);
  G_OBJECT_CLASS (vigie_instance_slot_parent_class)->finalize (object);
}

static void
vigie_instance_slot_class_init (VigieInstanceSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_instance_slot_finalize;

  /**
   * VigieInstanceSlot::changed:
   *
   * The slot holds another instance: its row's cells are bound again.
   */
  slot_signals[SLOT_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
}

static void
vigie_instance_slot_init (VigieInstanceSlot *self)
{
}

VigieInstance *
vigie_instance_slot_get_instance (VigieInstanceSlot *slot)
{
  g_return_val_if_fail (VIGIE_IS_INSTANCE_SLOT (slot), NULL);
  return slot->instance;
}

/* the slots */

struct _VigieInstanceSlots
{
  GObject     parent_instance;

  GListModel *instances;
  GPtrArray  *slots;     /* one per instance; NULL until asked for */
};

static void vigie_instance_slots_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieInstanceSlots, vigie_instance_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      vigie_instance_slots_list_model_init))

static GType
vigie_instance_slots_get_item_type (GListModel *model)
{
  return VIGIE_TYPE_INSTANCE_SLOT;
}

static guint
vigie_instance_slots_get_n_items (GListModel *model)
{
  return VIGIE_INSTANCE_SLOTS (model)->slots->len;
}

static gpointer
vigie_instance_slots_get_item (GListModel *model,
                               guint       position)
{
  VigieInstanceSlots *self = VIGIE_INSTANCE_SLOTS (model);
  VigieInstanceSlot *slot;

  if (position >= self->slots->len)
    return NULL;
  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      slot = g_object_new (VIGIE_TYPE_INSTANCE_SLOT, NULL);
      slot->instance = g_list_model_get_item (self->instances, position);
      g_ptr_array_index (self->slots, position) = slot;
    }
  return g_object_ref (slot);
}

static void
vigie_instance_slots_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = vigie_instance_slots_get_item_type;
  iface->get_n_items = vigie_instance_slots_get_n_items;
  iface->get_item = vigie_instance_slots_get_item;
}

/* The slots from @position on hold other instances now: those made so far
 * take theirs, and the list grows or shrinks at its end. */
static void
on_instances_changed (VigieInstanceSlots *self,
                      guint               position,
                      guint               removed,
                      guint               added,
                      GListModel         *instances)
{
  guint before = self->slots->len;
  guint after = g_list_model_get_n_items (instances);

  g_assert (after == before - removed + added);
  if (after < before)
    g_ptr_array_remove_range (self->slots, after, before - after);
  else
    g_ptr_array_set_size (self->slots, after);
  for (guint i = position; i < MIN (before, after); i++)
    {
      VigieInstanceSlot *slot = g_ptr_array_index (self->slots, i);
      VigieInstance *instance;

      if (slot == NULL)
        continue;
      instance = g_list_model_get_item (instances, i);
      if (instance == slot->instance)
        {
          g_object_unref (instance);
          continue;
        }
      g_object_unref (slot->instance);
      slot->instance = instance;
      g_signal_emit (slot, slot_signals[SLOT_CHANGED], 0);
    }
  if (after != before)
    g_list_model_items_changed (G_LIST_MODEL (self), MIN (before, after),
                                before > after ? before - after : 0,
                                after > before ? after - before : 0);
}

static void
vigie_instance_slots_dispose (GObject *object)
{
  VigieInstanceSlots *self = VIGIE_INSTANCE_SLOTS (object);

  if (self->instances != NULL)
    g_signal_handlers_disconnect_by_data (self->instances, self);
  g_clear_object (&self->instances);
  G_OBJECT_CLASS (vigie_instance_slots_parent_class)->dispose (object);
}

static void
vigie_instance_slots_finalize (GObject *object)
{
  VigieInstanceSlots *self = VIGIE_INSTANCE_SLOTS (object);

  g_ptr_array_unref (self->slots);
  G_OBJECT_CLASS (vigie_instance_slots_parent_class)->finalize (object);
}

static void
vigie_instance_slots_class_init (VigieInstanceSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_instance_slots_dispose;
  object_class->finalize = vigie_instance_slots_finalize;
}

static void
unref_slot (gpointer slot)
{
  /* The slots not made yet are NULL. */
  if (slot != NULL)
    g_object_unref (slot);
}

static void
vigie_instance_slots_init (VigieInstanceSlots *self)
{
  self->slots = g_ptr_array_new_with_free_func (unref_slot);
}

/* The slots over @instances, a list of VigieInstance. */
VigieInstanceSlots *
vigie_instance_slots_new (GListModel *instances)
{
  VigieInstanceSlots *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (instances), NULL);

  self = g_object_new (VIGIE_TYPE_INSTANCE_SLOTS, NULL);
  self->instances = g_object_ref (instances);
  g_ptr_array_set_size (self->slots, g_list_model_get_n_items (instances));
  g_signal_connect_object (instances, "items-changed", G_CALLBACK (on_instances_changed), self,
                           G_CONNECT_SWAPPED);
  return self;
}
