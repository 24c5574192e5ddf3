/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-queue-model.h"

G_BEGIN_DECLS

/* McQueueModel spans two files: mc-queue-model.c (the list, search, announcements) and
 * mc-queue-model-orders.c (the sort orders kept in memory and read in a worker thread). */

/* Row ids packed in as many bits as the largest needs (20 at a million dossiers): the seven
 * sort orders are most of the queue's memory, 17.5 MB packed where 32-bit ids took 28. */
typedef struct
{
  guint n;
  guint bits;
  guint64 mask;
  guint64 *words;
} McPackedIds;

static inline guint32
mc_packed_ids_get (const McPackedIds *p,
                   guint              i)
{
  guint64 bit = (guint64) i * p->bits;
  guint64 word = bit / 64;
  guint shift = bit % 64;
  guint64 v = p->words[word] >> shift;

  if (shift + p->bits > 64)
    v |= p->words[word + 1] << (64 - shift);
  return (guint32) (v & p->mask);
}

void mc_packed_ids_free (McPackedIds *p);

/* The searches of a name's first keystrokes — one letter ("n", "t"…) or the consonant cluster
 * a Vietnamese syllable starts with ("ng", "th"…) — match most of a big table and cost the
 * most (reading ~800,000 row ids out of FTS5 at a million dossiers). They are read with the
 * sort orders, each as a bitmap by row id: 125 KB apiece at a million dossiers, for those
 * found in at least one dossier in 8 (the others are quick to search anyway). Digits, which
 * a scanner types whole, are left to SQLite. */
#define MC_QUEUE_N_LETTERS 36   /* a–z, then ch, gh, gi, kh, ng, nh, ph, qu, th, tr: folded (mc_fold_text()) */

typedef struct
{
  guint8 *bits[MC_QUEUE_N_LETTERS];   /* NULL for a letter found in fewer than one in 8 */
  gint64 max_id;
} McLetterHits;

void mc_letter_hits_free (McLetterHits *letters);
int  mc_letter_index     (const char   *search);

struct _McQueueModel
{
  GObject parent_instance;

  McStore *store;
  McQueueView view;
  char *ministry;
  McQueueSort sort;
  gboolean descending;
  char *search;

  /* Row ids in 32 bits (the sort orders' width too): at a million dossiers each array is 4 MB
   * where gint64 took 8, and the search's pass over the view reads half the memory. */
  GArray *view_ids;     /* guint32: the whole view, in order (or its first page, see below) */
  GArray *ids;          /* guint32: what is shown; view_ids itself when not searching */
  guint n_items;        /* what GTK was told; ids->len, or partial_total */

  /* Before the sort orders are in memory, a big view is first read only as far as its first
   * page, with its size from an index count: the window shows rows a hundred milliseconds
   * sooner at a million dossiers. The rest comes with the orders, or at once when something
   * needs it (a search, a position past the page). */
  guint partial_total;
  GThread *count_ahead;   /* see mc_queue_model_count_ahead() */

  /* The last search's hits as a bitmap indexed by row id, kept while only the view or the
   * sort changes: switching views during a search then costs no full-text query. */
  char *hits_text;
  guint8 *hits;
  gint64 hits_max_id;

  GHashTable *rows;     /* position → McQueueRow (weak): every row still alive somewhere */

  /* Every dossier in each sort key's order, read in a worker thread on a connection of its
   * own. With them a view is ordered by one pass over the key's order with the view's members
   * as a filter; without them (at start-up, after a change) SQLite orders. */
  McStore *order_store;
  McPackedIds *orders[MC_QUEUE_N_SORTS];
  /* Read with the orders; dropped as soon as the data changes (letters_stamp), until the
   * next read brings them again: a stale bitmap would hide a new dossier from a search. */
  McLetterHits *letters;
  int letters_stamp;          /* atomic: the worker thread stops reading when it moves */
  GCancellable *cancellable;
  guint generation;
  gboolean loading;
  gboolean reload_orders;
  gboolean refresh_pending;   /* the next load also shows the view again */
  gint64 refreshed_mono;      /* when the last refresh started */
  guint refresh_timer;        /* a refresh held back, see mc_queue_model_apply_changes() */
};

GArray  *mc_queue_model_order_view      (McQueueModel  *self,
                                         GArray        *members,
                                         const char    *ministry,
                                         gint64         now,
                                         GError       **error);
gboolean mc_queue_model_complete        (McQueueModel  *self,
                                         GError       **error);
gboolean mc_queue_model_show_ordered    (McQueueModel  *self,
                                         GArray        *members,
                                         GError       **error);
void     mc_queue_model_notify_prepared (McQueueModel  *self);
void     mc_queue_model_drop_letters    (McQueueModel  *self);
void     mc_queue_model_reread_rows     (McQueueModel  *self,
                                         const McChangeSet *set);

G_END_DECLS
