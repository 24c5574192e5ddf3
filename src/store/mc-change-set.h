/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a committed transaction changed, by kind. */
typedef enum
{
  MC_CHANGE_DOSSIERS = 1 << 0,  /* dossiers and what hangs on them (documents, history, …) */
  MC_CHANGE_OUTBOX   = 1 << 1,  /* actions queued, sent, settled */
  MC_CHANGE_SETTINGS = 1 << 2,  /* the office's settings */
  MC_CHANGE_CALENDAR = 1 << 3,  /* the office's days off and extra working days */
  MC_CHANGE_SOURCES  = 1 << 4,  /* the ministry systems configured */
  MC_CHANGE_SYNC     = 1 << 5,  /* cursors, last successes, held server copies */
} McChangeFlags;

#define MC_CHANGE_ALL (MC_CHANGE_DOSSIERS | MC_CHANGE_OUTBOX | MC_CHANGE_SETTINGS | MC_CHANGE_CALENDAR \
                       | MC_CHANGE_SOURCES | MC_CHANGE_SYNC)

/* One announcement of the change stream (mc-store-changes.h): the union of the transactions
 * committed since the last one. Immutable. */
typedef struct _McChangeSet McChangeSet;

#define MC_TYPE_CHANGE_SET (mc_change_set_get_type ())
GType         mc_change_set_get_type          (void) G_GNUC_CONST;
McChangeSet  *mc_change_set_ref               (McChangeSet       *self);
void          mc_change_set_unref             (McChangeSet       *self);
McChangeFlags mc_change_set_get_flags         (const McChangeSet *self);
gboolean      mc_change_set_is_external       (const McChangeSet *self);
gboolean      mc_change_set_has_dossier       (const McChangeSet *self,
                                               gint64             dossier_id);
gboolean      mc_change_set_has_all_dossiers  (const McChangeSet *self);
gboolean      mc_change_set_has_dossier_outbox (const McChangeSet *self,
                                               gint64             dossier_id);
gboolean      mc_change_set_has_outbox        (const McChangeSet *self,
                                               const char        *source_id);
const char * const *mc_change_set_get_new_work (const McChangeSet *self);
GArray       *mc_change_set_dup_dossiers      (const McChangeSet *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McChangeSet, mc_change_set_unref)

G_END_DECLS
