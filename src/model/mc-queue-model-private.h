/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-queue-model.h"

G_BEGIN_DECLS

/* McQueueModel spans two files: mc-queue-model.c (the list, search, announcements) and
 * mc-queue-model-orders.c (the sort orders kept in memory and read in a worker thread). */

struct _McQueueModel
{
  GObject parent_instance;

  McStore *store;
  McQueueView view;
  char *ministry;
  McQueueSort sort;
  gboolean descending;
  char *search;

  GArray *view_ids;     /* gint64: the whole view, in order (or its first page, see below) */
  GArray *ids;          /* gint64: what is shown; view_ids itself when not searching */
  guint n_items;        /* what GTK was told; ids->len, or partial_total */

  /* Before the sort orders are in memory, a big view is first read only as far as its first
   * page, with its size from an index count: the window shows rows a hundred milliseconds
   * sooner at a million dossiers. The rest comes with the orders, or at once when something
   * needs it (a search, a position past the page). */
  guint partial_total;

  /* The last search's hits as a bitmap indexed by row id, kept while only the view or the
   * sort changes: switching views during a search then costs no full-text query. */
  char *hits_text;
  guint8 *hits;
  gint64 hits_max_id;

  GHashTable *rows;     /* position → McQueueRow (weak): every row still alive somewhere */

  /* Every dossier in each sort key's order (guint32 ids), read in a worker thread on a
   * connection of its own. With them a view is ordered by one pass over the key's order with
   * the view's members as a filter; without them (at start-up, after a change) SQLite orders. */
  McStore *order_store;
  GArray *orders[MC_QUEUE_N_SORTS];
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
void     mc_queue_model_reread_rows     (McQueueModel  *self,
                                         const McChangeSet *set);

G_END_DECLS
