/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-calendar.h"
#include "mc-deadline.h"
#include "mc-store.h"

G_BEGIN_DECLS

/* The views of the unified work queue, in the order and the groups a one-stop shop works in
 * (../shared/domain/queues.md). Each one is a WHERE clause in mc-store-queue.c: the window
 * lists and counts them through SQLite, never by loading dossiers into memory. */
typedef enum
{
  MC_QUEUE_WAITING,               /* reception: submitted online, not yet received */
  MC_QUEUE_RECEIVED,
  MC_QUEUE_REFUSED,
  MC_QUEUE_FORWARDED,             /* received today and already handed on */
  MC_QUEUE_SUPPLEMENT_REQUESTED,  /* supplement */
  MC_QUEUE_SUPPLEMENTED,
  MC_QUEUE_PROCESSING,            /* processing */
  MC_QUEUE_STOPPED,
  MC_QUEUE_FEE_REQUESTED,
  MC_QUEUE_RESULT_READY,
  MC_QUEUE_DUE_TODAY,             /* monitoring */
  MC_QUEUE_DUE_SOON,
  MC_QUEUE_OVERDUE,
  MC_QUEUE_ALL,
  MC_QUEUE_RETURN_IN_PERSON,      /* return */
  MC_QUEUE_RETURN_ONLINE,
  MC_QUEUE_RETURN_POST,
  MC_QUEUE_RETURNED,
  MC_QUEUE_WITHDRAWN,
  MC_QUEUE_N_VIEWS,
} McQueueView;

typedef enum
{
  MC_QUEUE_GROUP_RECEPTION,
  MC_QUEUE_GROUP_SUPPLEMENT,
  MC_QUEUE_GROUP_PROCESSING,
  MC_QUEUE_GROUP_MONITORING,
  MC_QUEUE_GROUP_RETURN,
  MC_QUEUE_N_GROUPS,
} McQueueGroup;

/* The sortable columns; time left sorts as the due date does. */
typedef enum
{
  MC_QUEUE_SORT_NUMBER,
  MC_QUEUE_SORT_PROCEDURE,
  MC_QUEUE_SORT_APPLICANT,
  MC_QUEUE_SORT_MINISTRY,
  MC_QUEUE_SORT_STATUS,
  MC_QUEUE_SORT_RECEIVED,
  MC_QUEUE_SORT_DUE,
  MC_QUEUE_N_SORTS,
} McQueueSort;

/* The five ministries a commune official works with, in the order the window lists them. */
#define MC_QUEUE_N_MINISTRIES 5
extern const char *const mc_queue_ministries[MC_QUEUE_N_MINISTRIES];

/* What one list shows. @now pins "now" for the deadline views (mc_time_now () normally). */
typedef struct
{
  McQueueView view;
  const char *ministry;  /* G03, G09, G16, G18, G21; NULL = all */
  McQueueSort sort;
  gboolean descending;
  gint64 now;
  guint limit;           /* the first @limit only; 0 = all */
} McQueueQuery;

/* One line of the queue: only what the columns show, read for the visible rows only. */
typedef struct
{
  gint64 id;
  char *number;
  char *procedure_code;
  char *procedure_name;
  char *applicant_name;
  char *ministry;
  McStatus status;
  gint64 received_at;  /* or the submission time while not yet received */
  gint64 due_at;
  guint n_unsynced;    /* actions in the outbox the ministry has not applied yet */
} McQueueEntry;

/* A dossier that shares the applicant's ID number with another one. */
typedef struct
{
  gint64 id;
  char *number;
  char *procedure_name;
  McStatus status;
  gint64 received_at;
} McQueueLink;

const char   *mc_queue_view_label      (McQueueView   view);
const char   *mc_queue_view_id         (McQueueView   view);
McQueueGroup  mc_queue_view_group      (McQueueView   view);
McQueueSort   mc_queue_view_default_sort (McQueueView view,
                                        gboolean     *out_descending);
const char   *mc_queue_group_label     (McQueueGroup  group);
void          mc_queue_bounds          (const McDeadlineSettings *settings,
                                        McCalendar   *calendar,
                                        gint64        now,
                                        gint64       *out_today_end,
                                        gint64       *out_soon_end);

GArray       *mc_store_queue_list      (McStore            *self,
                                        const McQueueQuery *query,
                                        GError            **error);
GArray       *mc_store_queue_order     (McStore            *self,
                                        McQueueSort         sort,
                                        GError            **error);
GArray       *mc_store_queue_members   (McStore            *self,
                                        McQueueView         view,
                                        const char         *ministry,
                                        gint64              now,
                                        GError            **error);
gint64        mc_store_queue_count     (McStore            *self,
                                        McQueueView         view,
                                        const char         *ministry,
                                        gint64              now,
                                        GError            **error);
gboolean      mc_store_queue_count_ministries (McStore     *self,
                                        McQueueView         view,
                                        gint64              now,
                                        gint64             *out_counts,
                                        GError            **error);
GArray       *mc_store_queue_search_ids (McStore           *self,
                                        const char         *text,
                                        GError            **error);
gboolean      mc_store_queue_search_mark (McStore          *self,
                                        const char         *text,
                                        gint64              first_id,
                                        gint64              last_id,
                                        guint8             *bits,
                                        gint64              max_id,
                                        GError            **error);
gboolean      mc_store_queue_search_splits (const char     *text);
void          mc_store_queue_use_small_cache (McStore      *self);
gint64        mc_store_queue_max_id    (McStore            *self,
                                        GError            **error);
gint64        mc_store_queue_find_exact (McStore           *self,
                                        const char         *text,
                                        GError            **error);
McQueueEntry *mc_store_queue_get_entry (McStore            *self,
                                        gint64              id,
                                        GError            **error);
void          mc_queue_entry_free      (McQueueEntry       *entry);
GPtrArray    *mc_store_queue_linked    (McStore            *self,
                                        gint64              id,
                                        GError            **error);
guint         mc_store_queue_unsynced  (McStore            *self,
                                        gint64              id,
                                        GError            **error);
gint64        mc_store_queue_data_version (McStore         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McQueueEntry, mc_queue_entry_free)

G_END_DECLS
