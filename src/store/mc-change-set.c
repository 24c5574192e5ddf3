/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-change-set-private.h"

/* One announcement of the change stream: which dossiers (by id, or "all" past MAX_DOSSIERS),
 * which sources' outboxes and which dossiers' outbox rows, which sources have new work (rows
 * never tried), which other kinds of data; or "external": another process wrote, anything may
 * have changed. */

#define MAX_DOSSIERS 4096   /* listed one by one; more is "all dossiers" */

G_DEFINE_BOXED_TYPE (McChangeSet, mc_change_set, mc_change_set_ref, mc_change_set_unref)

GHashTable *
mc_id_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

void
mc_id_set_add (GHashTable *set,
               gint64      id)
{
  if (!g_hash_table_contains (set, &id))
    g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

McChangeSet *
mc_change_set_new (void)
{
  McChangeSet *self = g_new0 (McChangeSet, 1);

  g_atomic_ref_count_init (&self->ref);
  self->dossiers = mc_id_set_new ();
  self->outbox_dossiers = mc_id_set_new ();
  self->outbox_sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->new_work = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->new_work, NULL);
  return self;
}

McChangeSet *
mc_change_set_ref (McChangeSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
mc_change_set_unref (McChangeSet *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_hash_table_unref (self->dossiers);
  g_hash_table_unref (self->outbox_dossiers);
  g_hash_table_unref (self->outbox_sources);
  g_ptr_array_unref (self->new_work);
  g_free (self);
}

void
mc_change_set_set_all_dossiers (McChangeSet *self)
{
  self->flags |= MC_CHANGE_DOSSIERS;
  self->all_dossiers = TRUE;
  g_hash_table_remove_all (self->dossiers);
}

void
mc_change_set_add_dossier (McChangeSet *self,
                           gint64       id)
{
  self->flags |= MC_CHANGE_DOSSIERS;
  if (self->all_dossiers)
    return;
  mc_id_set_add (self->dossiers, id);
  if (g_hash_table_size (self->dossiers) > MAX_DOSSIERS)
    mc_change_set_set_all_dossiers (self);
}

void
mc_change_set_add_outbox (McChangeSet *self,
                          const char  *source_id,
                          gint64       dossier_id)
{
  self->flags |= MC_CHANGE_OUTBOX;
  if (self->all_outbox)
    return;
  if (!g_hash_table_contains (self->outbox_sources, source_id))
    g_hash_table_add (self->outbox_sources, g_strdup (source_id));
  mc_id_set_add (self->outbox_dossiers, dossier_id);
  if (g_hash_table_size (self->outbox_dossiers) > MAX_DOSSIERS)
    {
      self->all_outbox = TRUE;
      g_hash_table_remove_all (self->outbox_dossiers);
      g_hash_table_remove_all (self->outbox_sources);
    }
}

void
mc_change_set_set_all_outbox (McChangeSet *self)
{
  self->flags |= MC_CHANGE_OUTBOX;
  self->all_outbox = TRUE;
  g_hash_table_remove_all (self->outbox_dossiers);
  g_hash_table_remove_all (self->outbox_sources);
}

void
mc_change_set_add_new_work (McChangeSet *self,
                            const char  *source_id)
{
  guint at = 0;

  /* Sorted, with its NULL terminator last. */
  for (; at + 1 < self->new_work->len; at++)
    {
      int cmp = strcmp (g_ptr_array_index (self->new_work, at), source_id);

      if (cmp == 0)
        return;
      if (cmp > 0)
        break;
    }
  g_ptr_array_insert (self->new_work, at, g_strdup (source_id));
}

void
mc_change_set_set_external (McChangeSet *self)
{
  self->external = TRUE;
  self->flags = MC_CHANGE_ALL;
  mc_change_set_set_all_dossiers (self);
  mc_change_set_set_all_outbox (self);
}

/* Adds @other into @self. */
void
mc_change_set_merge (McChangeSet       *self,
                     const McChangeSet *other)
{
  GHashTableIter it;
  gpointer key;

  if (other->external)
    mc_change_set_set_external (self);
  self->flags |= other->flags;
  if (other->all_dossiers)
    mc_change_set_set_all_dossiers (self);
  g_hash_table_iter_init (&it, other->dossiers);
  while (g_hash_table_iter_next (&it, &key, NULL))
    mc_change_set_add_dossier (self, *(gint64 *) key);
  if (other->all_outbox)
    mc_change_set_set_all_outbox (self);
  else if (!self->all_outbox)
    {
      g_hash_table_iter_init (&it, other->outbox_sources);
      while (g_hash_table_iter_next (&it, &key, NULL))
        if (!g_hash_table_contains (self->outbox_sources, key))
          g_hash_table_add (self->outbox_sources, g_strdup (key));
      g_hash_table_iter_init (&it, other->outbox_dossiers);
      while (g_hash_table_iter_next (&it, &key, NULL))
        mc_id_set_add (self->outbox_dossiers, *(gint64 *) key);
    }
  for (guint i = 0; i + 1 < other->new_work->len; i++)
    mc_change_set_add_new_work (self, g_ptr_array_index (other->new_work, i));
}

McChangeFlags
mc_change_set_get_flags (const McChangeSet *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->flags;
}

/* Returns: whether this comes from another process: everything may have changed, and no id
 * is known. */
gboolean
mc_change_set_is_external (const McChangeSet *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->external;
}

/* Returns: whether dossier @dossier_id (its row, or a document, step, fee… of it) may have
 * changed. */
gboolean
mc_change_set_has_dossier (const McChangeSet *self,
                           gint64             dossier_id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (!(self->flags & MC_CHANGE_DOSSIERS))
    return FALSE;
  return self->all_dossiers || g_hash_table_contains (self->dossiers, &dossier_id);
}

/* Returns: whether the dossiers changed are too many to name (a sync's pages, another
 * process). */
gboolean
mc_change_set_has_all_dossiers (const McChangeSet *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return (self->flags & MC_CHANGE_DOSSIERS) && self->all_dossiers;
}

/* Returns: (transfer full) (nullable): the ids of the dossiers changed, NULL when they are
 * too many to name. */
GArray *
mc_change_set_dup_dossiers (const McChangeSet *self)
{
  GArray *ids;
  GHashTableIter it;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);
  if (mc_change_set_has_all_dossiers (self))
    return NULL;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (self->dossiers));
  g_hash_table_iter_init (&it, self->dossiers);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  return ids;
}

/* Returns: whether an outbox row of dossier @dossier_id may have changed (queued, sent,
 * parked for review, settled). */
gboolean
mc_change_set_has_dossier_outbox (const McChangeSet *self,
                                  gint64             dossier_id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (!(self->flags & MC_CHANGE_OUTBOX))
    return FALSE;
  return self->all_outbox || g_hash_table_contains (self->outbox_dossiers, &dossier_id);
}

/* Returns: whether the outbox of @source_id (NULL: of any source) may have changed. */
gboolean
mc_change_set_has_outbox (const McChangeSet *self,
                          const char        *source_id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (!(self->flags & MC_CHANGE_OUTBOX))
    return FALSE;
  return source_id == NULL || self->all_outbox || g_hash_table_contains (self->outbox_sources, source_id);
}

/* Returns: (array zero-terminated=1) (transfer none): the sources with new work, sorted:
 * actions queued (or queued again by the official) that were never tried. Whatever the push
 * side does to a row it has tried is not new work, so that the sync engine, which pushes on
 * new work, does not chase its own writes. */
const char * const *
mc_change_set_get_new_work (const McChangeSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->new_work->pdata;
}
