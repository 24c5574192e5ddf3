/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-file-strip.h"

G_BEGIN_DECLS

/* McFileStrip spans two files: the widget (mc-file-strip.c) and its work in threads
 * (mc-file-strip-jobs.c). */

struct _McFileStrip
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkBox *thumbnails;
  GtkWidget *import_button;
  GtkWidget *reuse_button;
  GtkWidget *scan_button;

  char *document;
  McStore *store;            /* with @dossier_id: files are attached at once */
  McSyncEngine *engine;      /* downloads what the ministry system lists; may be NULL */
  gint64 dossier_id;         /* 0: files wait for the dossier */
  GPtrArray *pending;        /* GFile*, waiting for the dossier */
  GPtrArray *pending_kept;   /* McBlobInfo* of each (NULL until it is kept in the profile) */
  GArray *pending_reuse;     /* gint64, files of earlier dossiers waiting for the dossier */
  GHashTable *pictures;      /* gint64 file id → its picture's button: the files attached here */
  guint n_busy;              /* attachments and downloads running */
  McStore *job_store;        /* the connection attachments and keeps run on, one at a time */
  GQueue waiting_jobs;       /* Job*, after the one running (mc-file-strip-jobs.c) */
  gboolean job_running;
  guint n_files;
  guint n_thumbnails;        /* drawn so far */
  GCancellable *cancellable;
};

void       mc_file_strip_count            (McFileStrip  *self,
                                           int           delta);
void       mc_file_strip_set_busy         (McFileStrip  *self,
                                           gboolean      busy);
GtkWidget *mc_file_strip_add_thumbnail    (McFileStrip  *self,
                                           const char   *path,
                                           const char   *name,
                                           gboolean      reused,
                                           gint64        file_id,
                                           GtkWidget    *sibling);
void       mc_file_strip_attach_in_thread (McFileStrip  *self,
                                           const char   *path,
                                           const char   *name);
void       mc_file_strip_keep_pending     (McFileStrip  *self,
                                           GFile        *file,
                                           const char   *path,
                                           GtkWidget    *picture);

G_END_DECLS
