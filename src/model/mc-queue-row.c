/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-queue-row.h"

/* One visible line of the queue. Rows exist only while GTK holds them: the model makes them on
 * demand, so a million dossiers never become a million objects. A row is the line at one
 * position of the list: when the list changes, the model gives the row the entry of its
 * position's new dossier and the row says "changed", so that GTK keeps its widgets (creating
 * the ~200 rows' widgets again costs more than a frame on GTK 4.8). */

struct _McQueueRow
{
  GObject parent_instance;

  McQueueEntry *entry;
  guint position;
};

G_DEFINE_FINAL_TYPE (McQueueRow, mc_queue_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mc_queue_row_finalize (GObject *object)
{
  McQueueRow *self = MC_QUEUE_ROW (object);

  g_clear_pointer (&self->entry, mc_queue_entry_free);
  G_OBJECT_CLASS (mc_queue_row_parent_class)->finalize (object);
}

static void
mc_queue_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  McQueueRow *self = MC_QUEUE_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, mc_queue_row_get_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_queue_row_class_init (McQueueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_queue_row_finalize;
  object_class->get_property = mc_queue_row_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The row now shows another dossier (or the same one, re-read). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mc_queue_row_init (McQueueRow *self)
{
}

/* Takes ownership of @entry. */
McQueueRow *
mc_queue_row_new (McQueueEntry *entry,
                  guint         position)
{
  McQueueRow *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (MC_TYPE_QUEUE_ROW, NULL);
  self->entry = entry;
  self->position = position;
  return self;
}

guint
mc_queue_row_get_position (McQueueRow *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_ROW (self), 0);
  return self->position;
}

/* Takes ownership of @entry; the previous entry is freed, so a pointer from
 * mc_queue_row_get_entry() is good only until the list changes. */
void
mc_queue_row_set_entry (McQueueRow   *self,
                        McQueueEntry *entry)
{
  gboolean new_id;

  g_return_if_fail (MC_IS_QUEUE_ROW (self));
  g_return_if_fail (entry != NULL);

  new_id = self->entry->id != entry->id;
  mc_queue_entry_free (self->entry);
  self->entry = entry;
  if (new_id)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  g_signal_emit (self, signals[CHANGED], 0);
}

gint64
mc_queue_row_get_id (McQueueRow *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_ROW (self), 0);
  return self->entry->id;
}

const McQueueEntry *
mc_queue_row_get_entry (McQueueRow *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_ROW (self), NULL);
  return self->entry;
}
