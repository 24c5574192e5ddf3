/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "mc-alert.h"
#include "mc-file-strip-private.h"
#include "mc-official.h"
#include "mc-store-files.h"

/* McFileStrip's work in threads (mc-file-strip.c is the widget): attaching a file to the stored
 * dossier, keeping a file that waits for the dossier in the profile, and downloading a file
 * the ministry system lists. Each has a placeholder in the strip (a spinner, or the file's
 * picture or button) and makes the strip "busy" until it ends; a strip disposed meanwhile
 * cancels what is left to do on the main loop (the work itself is done: a file the official
 * attached is attached).
 *
 * Attaching and keeping write to the store: they run one after the other, each in a thread,
 * on one connection of the strip's own (never the window's, which the main loop needs),
 * opened by the first and reused by the next. The download is the sync engine's. */

/* Something under way in the strip (an attachment, a download): a spinner and what it is. */
static GtkWidget *
busy_box (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* A job of the strip in a thread (an attachment, a download): its placeholder in the strip. */
typedef struct _Job Job;

/* What a job does in its thread, on the thread's own connection @store. */
typedef gboolean (*JobWork) (McStore  *store,
                             Job      *job,
                             GError  **error);

struct _Job
{
  McFileStrip *strip;
  GtkWidget *placeholder;
  McAttachInput in;
  char *path;
  char *actor;
  char *db_path;             /* the thread's own connection, and the dossier, as when it began */
  gint64 dossier_id;
  gint64 id;
  GFile *file;               /* a file waiting for the dossier, kept in the profile meanwhile */
  McBlobInfo kept;
  GtkWidget *idle;           /* a download button's own content, while it shows a spinner */
  McStore *store;            /* the strip's connection for the thread; NULL: the thread opens it */
  JobWork work;
  GAsyncReadyCallback done;
};

static void
job_free (Job *job)
{
  g_object_unref (job->strip);
  g_object_unref (job->placeholder);
  g_free (job->path);
  g_free (job->actor);
  g_free (job->db_path);
  g_clear_object (&job->file);
  mc_blob_info_clear (&job->kept);
  g_clear_object (&job->idle);
  g_clear_object (&job->store);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static Job *
job_new (McFileStrip *self,
         GtkWidget   *placeholder)
{
  Job *job = g_new0 (Job, 1);

  job->strip = g_object_ref (self);
  job->placeholder = g_object_ref (placeholder);
  job->db_path = g_strdup (mc_store_get_path (self->store));
  job->dossier_id = self->dossier_id;
  mc_file_strip_set_busy (self, TRUE);
  return job;
}

/* The job's end: the placeholder gives way to the stored file's picture (not after dispose). */
static void
job_done (Job        *job,
          gboolean    ok,
          GError     *error,
          gboolean    counted,
          const char *heading)
{
  McFileStrip *self = job->strip;
  g_autoptr(McFile) stored = NULL;
  g_autoptr(GError) local_error = NULL;

  mc_file_strip_set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (ok && (stored = mc_store_get_file (self->store, job->id, &local_error)) != NULL)
    {
      g_autofree char *path = mc_store_file_content_path (self->store, stored);

      if (path != NULL)
        {
          mc_file_strip_add_thumbnail (self, path, stored->name, stored->reused_from > 0,
                                       stored->origin == MC_FILE_LOCAL ? stored->id : 0, job->placeholder);
          if (!counted)
            mc_file_strip_count (self, 1);
          gtk_box_remove (self->thumbnails, job->placeholder);
          return;
        }
      g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The content of “%s” is missing"), stored->name);
    }
  if (!counted)
    gtk_box_remove (self->thumbnails, job->placeholder);
  else
    gtk_widget_set_sensitive (job->placeholder, TRUE);
  mc_alert (GTK_WIDGET (self), heading, (error ? error : local_error)->message);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if ((job->store == NULL && !(job->store = mc_store_open (job->db_path, MC_STORE_OPEN_EXISTING, &error)))
      || !job->work (job->store, job, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
job_start (Job *job)
{
  McFileStrip *self = job->strip;
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, job->done, NULL);

  self->job_running = TRUE;
  /* Another profile only if the strip was given another store meanwhile. */
  if (self->job_store != NULL && g_strcmp0 (mc_store_get_path (self->job_store), job->db_path) != 0)
    g_clear_object (&self->job_store);
  job->store = self->job_store ? g_object_ref (self->job_store) : NULL;
  /* Freed by @done, on the main thread: the thread may drop the task's last reference, and the
   * job holds widgets. */
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, job_thread);
}

/* Runs @job's @work in a thread once the jobs queued before it are done; @done then has it
 * as the task's data: it calls job_next() first, and frees it. */
static void
job_run_in_thread (Job                 *job,
                   JobWork              work,
                   GAsyncReadyCallback  done)
{
  job->work = work;
  job->done = done;
  if (job->strip->job_running)
    g_queue_push_tail (&job->strip->waiting_jobs, job);
  else
    job_start (job);
}

/* @job's thread is over: the strip keeps the connection it opened, and the next job starts
 * (after a dispose too: its work is the official's). */
static void
job_next (Job *job)
{
  McFileStrip *self = job->strip;
  Job *next;

  if (self->job_store == NULL && job->store != NULL)
    self->job_store = g_object_ref (job->store);
  self->job_running = FALSE;
  if ((next = g_queue_pop_head (&self->waiting_jobs)) != NULL)
    job_start (next);
}

static gboolean
attach_work (McStore  *store,
             Job      *job,
             GError  **error)
{
  return mc_store_attach_file (store, job->dossier_id, &job->in, job->actor, &job->id, error);
}

static void
attach_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Job) job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  job_next (job);
  job_done (job, ok, error, FALSE, _("The file cannot be attached"));
}

/* @path attached to the stored dossier in a thread: a placeholder meanwhile, then its picture
 * (or the refusal). */
void
mc_file_strip_attach_in_thread (McFileStrip *self,
                                const char  *path,
                                const char  *name)
{
  GtkWidget *placeholder = busy_box (name);
  Job *job = job_new (self, placeholder);

  gtk_widget_set_tooltip_text (placeholder, _("Attaching…"));
  gtk_box_append (self->thumbnails, placeholder);
  job->path = g_strdup (path);
  job->actor = mc_official_name (self->store);
  job->in = (McAttachInput) { .path = job->path, .component = self->document, .kind = MC_FILE_COMPONENT };
  job_run_in_thread (job, attach_work, attach_done);
}

/* At most what the most generous ministry system takes; the dossier's own limit is checked
 * when it is attached. */
static gboolean
keep_work (McStore  *store,
           Job      *job,
           GError  **error)
{
  return mc_store_put_blob (store, job->path, mc_dialect_max_file_size (NULL), &job->kept, error);
}

static void
keep_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Job) job = g_task_get_task_data (G_TASK (result));
  McFileStrip *self = job->strip;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);
  guint i;

  job_next (job);
  mc_file_strip_set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || !g_ptr_array_find (self->pending, job->file, &i))
    return;
  if (ok)
    {
      McBlobInfo *kept = g_new0 (McBlobInfo, 1);

      *kept = job->kept;
      job->kept = (McBlobInfo) { 0 };
      g_ptr_array_index (self->pending_kept, i) = kept;
      return;
    }
  /* Unreadable, or larger than any ministry system takes: not kept, said at once. */
  g_ptr_array_remove_index (self->pending, i);
  g_ptr_array_remove_index (self->pending_kept, i);
  gtk_box_remove (self->thumbnails, job->placeholder);
  mc_file_strip_count (self, -1);
  mc_alert (GTK_WIDGET (self), _("The file cannot be attached"), error->message);
}

/* A file waiting for the dossier is copied into the profile and hashed now, in a thread: the
 * dialog's action then attaches it without reading it again (McAttachInput.kept). */
void
mc_file_strip_keep_pending (McFileStrip *self,
                            GFile       *file,
                            const char  *path,
                            GtkWidget   *picture)
{
  Job *job = job_new (self, picture);

  job->file = g_object_ref (file);
  job->path = g_strdup (path);
  job_run_in_thread (job, keep_work, keep_done);
}

static void
download_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = mc_sync_engine_download_finish (MC_SYNC_ENGINE (source), result, &error);

  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_button_set_child (GTK_BUTTON (job->placeholder), job->idle);
  job_done (job, ok, error, TRUE, _("The file cannot be downloaded"));
}

/* Downloads file @file_id, listed by the dossier's ministry system, in a thread (the sync
 * engine of mc_file_strip_set_sync_engine()) and keeps it: the button shows a spinner meanwhile, then the
 * file's picture takes its place. */
void
mc_file_strip_download (McFileStrip *self,
                        gint64       file_id)
{
  g_autoptr(McDossier) d = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button = NULL;
  Job *job;

  g_return_if_fail (MC_IS_FILE_STRIP (self));
  g_return_if_fail (self->store != NULL);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnails)); c; c = gtk_widget_get_next_sibling (c))
    {
      GVariant *target = GTK_IS_ACTIONABLE (c) ? gtk_actionable_get_action_target_value (GTK_ACTIONABLE (c)) : NULL;

      if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_INT64) && g_variant_get_int64 (target) == file_id)
        button = c;
    }
  if (button == NULL || !gtk_widget_get_sensitive (button))
    return;  /* not listed here, or already under way */
  if (!(d = mc_store_get_dossier (self->store, self->dossier_id, &error)))
    {
      mc_alert (GTK_WIDGET (self), _("The file cannot be downloaded"), error->message);
      return;
    }
  if (self->engine == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                   _("Một Cửa is not connected to the ministry system of this file: check its sign-in in "
                     "Preferences → Ministry systems"));
      mc_alert (GTK_WIDGET (self), _("The file cannot be downloaded"), error->message);
      return;
    }
  job = job_new (self, button);
  job->id = file_id;
  job->idle = g_object_ref (gtk_button_get_child (GTK_BUTTON (button)));
  gtk_button_set_child (GTK_BUTTON (button), busy_box (_("Downloading…")));
  gtk_widget_set_sensitive (button, FALSE);
  mc_sync_engine_download_async (self->engine, d->source_id, file_id, self->cancellable, download_done, job);
}
