/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-change-set.h"

G_BEGIN_DECLS

/* McChangeSet as the change stream (mc-store-changes.c) builds it: mutable until announced. */

struct _McChangeSet
{
  gatomicrefcount ref;
  McChangeFlags flags;
  gboolean external;
  gboolean all_dossiers;
  gboolean all_outbox;
  GHashTable *dossiers;         /* gint64* set */
  GHashTable *outbox_dossiers;  /* gint64* set */
  GHashTable *outbox_sources;   /* char* set */
  GPtrArray *new_work;          /* char*, sorted, NULL-terminated */
};

/* Sets of dossier or outbox ids. */
GHashTable  *mc_id_set_new                  (void);
void         mc_id_set_add                  (GHashTable        *set,
                                             gint64             id);

McChangeSet *mc_change_set_new              (void);
void         mc_change_set_add_dossier      (McChangeSet       *self,
                                             gint64             id);
void         mc_change_set_set_all_dossiers (McChangeSet       *self);
void         mc_change_set_add_outbox       (McChangeSet       *self,
                                             const char        *source_id,
                                             gint64             dossier_id);
void         mc_change_set_set_all_outbox   (McChangeSet       *self);
void         mc_change_set_add_new_work     (McChangeSet       *self,
                                             const char        *source_id);
void         mc_change_set_set_external     (McChangeSet       *self);
void         mc_change_set_merge            (McChangeSet       *self,
                                             const McChangeSet *other);

G_END_DECLS
