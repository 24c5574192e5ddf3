/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-scan-page.h"
#include "mc-scan-sane.h"
#include "mc-scanner.h"

/* A scanner through SANE, as the counter uses it: a document preset (200 or 300 dpi, grey or
 * colour), pages scanned one after another (from the feeder, or one pass of the flatbed each)
 * and kept in memory as JPEG, then saved as one PDF.
 *
 * Every SANE call that can block runs in a GTask thread; the device is opened at the start of
 * each scan and closed at its end, so that a scanner unplugged and plugged back in works again
 * at the next scan. Cancelling calls sane_cancel() while the scan's thread reads (SANE allows it
 * at any time), from a short thread of its own: the backend's sane_read() then returns
 * CANCELLED.
 *
 * Pages reach the object as they are finished. A scan that stops on an error — the device
 * gone, a jam, the cover open — returns the error and keeps every page finished before it, so
 * the official can keep them or scan the rest; only the page being read is lost. A cancelled
 * scan keeps its finished pages the same way; the page being read is dropped. Saving writes a
 * temporary file beside the target and renames it (mc-scan-page.c): a cancelled or failed save
 * leaves no file. */

struct _McScanner
{
  GObject parent_instance;

  char *device;
  guint resolution;
  McScanMode mode;
  gboolean feeder;
  GPtrArray *options;     /* backend options set by name: name, value, name, value… in the
                           * order given (one option can make another active) */
  GPtrArray *pages;       /* McScanPage */
  gboolean busy;

  /* The open handle, read by the cancel handler from another thread (cancelling: how many
   * sane_cancel() calls use it now); in_use from the opening to the closing of the device by
   * a scan's thread. */
  GMutex lock;
  GCond released;
  SANE_Handle handle;
  guint cancelling;
  gboolean in_use;
};

G_DEFINE_FINAL_TYPE (McScanner, mc_scanner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DEVICE,
  PROP_RESOLUTION,
  PROP_MODE,
  PROP_FEEDER,
  PROP_N_PAGES,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROGRESS,
  PAGE_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One scan (a thread) ----------------------------------------------------------------------- */

typedef struct
{
  McScanner *self;        /* owned by the task */
  char *device;
  guint max_pages;
  guint resolution;
  McScanMode mode;
  gboolean feeder;
  GPtrArray *options;
  guint first_page;       /* pages the document had before: progress counts on from there */
  GMainContext *context;

  /* Shared with the main context: finished pages not yet handed over, and progress. */
  GMutex lock;
  GPtrArray *finished;
  guint added;
  guint page;
  guint64 bytes;
  guint64 expected;
  gboolean pending;
} ScanRun;

static void
scan_run_free (ScanRun *run)
{
  g_free (run->device);
  g_ptr_array_unref (run->options);
  g_main_context_unref (run->context);
  g_ptr_array_unref (run->finished);
  g_mutex_clear (&run->lock);
  g_free (run);
}

/* In the main context: the pages finished so far join the document, in order, and the latest
 * progress is told once. Called from an idle and from the finish, so that the pages are all
 * there when the caller reads them. */
static void
flush_run (ScanRun *run)
{
  McScanner *self = run->self;
  g_autoptr(GPtrArray) pages = NULL;
  guint page;
  guint64 bytes, expected;
  gboolean pending;

  g_mutex_lock (&run->lock);
  pages = g_steal_pointer (&run->finished);
  run->finished = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_scan_page_unref);
  pending = run->pending;
  run->pending = FALSE;
  page = run->page;
  bytes = run->bytes;
  expected = run->expected;
  g_mutex_unlock (&run->lock);

  for (guint i = 0; i < pages->len; i++)
    {
      g_ptr_array_add (self->pages, g_steal_pointer (&pages->pdata[i]));
      g_signal_emit (self, signals[PAGE_ADDED], 0, self->pages->len - 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
    }
  if (pending)
    g_signal_emit (self, signals[PROGRESS], 0, page, bytes, expected);
}

static gboolean
flush_run_idle (gpointer data)
{
  flush_run (g_task_get_task_data (data));
  return G_SOURCE_REMOVE;
}

/* From the thread: wakes the main context unless a wake-up is already waiting, so that a fast
 * scanner sends one update per main-loop turn, not one per read. */
static void
post_locked (GTask   *task,
             ScanRun *run)
{
  GSource *source;

  if (run->pending)
    return;
  run->pending = TRUE;
  /* An idle source, never g_main_context_invoke(): that would run the flush right here when
   * this thread can acquire the context, under run->lock. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, flush_run_idle, g_object_ref (task), g_object_unref);
  g_source_set_static_name (source, "[motcua] scan progress");
  g_source_attach (source, run->context);
  g_source_unref (source);
}

static gpointer
cancel_thread (gpointer data)
{
  g_autoptr(McScanner) self = data;
  SANE_Handle handle;

  g_mutex_lock (&self->lock);
  if ((handle = self->handle) != NULL)
    self->cancelling++;
  g_mutex_unlock (&self->lock);
  if (handle == NULL)
    return NULL;
  sane_cancel (handle);
  g_mutex_lock (&self->lock);
  self->cancelling--;
  g_cond_broadcast (&self->released);
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* In the thread that cancels (the main thread, for a button): sane_cancel() goes to a thread
 * of its own, since backends may wait in it for their reader to stop; the window must not. */
static void
on_cancelled (GCancellable *cancellable,
              McScanner    *self)
{
  g_thread_unref (g_thread_new ("mc-scan-cancel", cancel_thread, g_object_ref (self)));
}

static gboolean
open_device (ScanRun   *run,
             double    *out_dpi,
             GError   **error)
{
  SANE_Handle handle = NULL;
  SANE_Status status = mc_scan_sane_open (run->device, &handle);

  if (status != SANE_STATUS_GOOD)
    {
      if (status == SANE_STATUS_DEVICE_BUSY)
        mc_scan_set_status_error (error, status, run->device);
      else
        g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_NO_DEVICE,
                     _("The scanner “%s” cannot be opened: %s"), run->device, sane_strstatus (status));
      return FALSE;
    }
  g_mutex_lock (&run->self->lock);
  run->self->handle = handle;
  g_mutex_unlock (&run->self->lock);
  return mc_scan_apply_preset (handle, run->device, run->mode, run->feeder, run->options,
                               run->resolution, out_dpi, error);
}

static void
close_device (McScanner *self)
{
  SANE_Handle handle;

  g_mutex_lock (&self->lock);
  while (self->cancelling > 0)  /* the handle stays valid until sane_cancel() returns */
    g_cond_wait (&self->released, &self->lock);
  handle = g_steal_pointer (&self->handle);
  g_mutex_unlock (&self->lock);
  if (handle != NULL)
    mc_scan_sane_close (handle);
}

/* Reads one frame to its end. Returns: (transfer full) (nullable): the pixels. */
static guint8 *
read_frame (GTask                 *task,
            ScanRun               *run,
            SANE_Handle            handle,
            const SANE_Parameters *params,
            gsize                 *out_size,
            GError               **error)
{
  gsize expected = params->lines > 0 ? (gsize) params->bytes_per_line * params->lines : 0;
  gsize capacity = expected > 0 ? expected : (gsize) params->bytes_per_line * 1024;
  g_autofree guint8 *data = g_malloc (capacity);
  gsize size = 0;

  for (;;)
    {
      SANE_Int n = 0;
      SANE_Status status;

      if (size == capacity)
        data = g_realloc (data, capacity *= 2);
      status = sane_read (handle, data + size, MIN (capacity - size, 1 << 20), &n);
      if (status == SANE_STATUS_EOF)
        break;
      if (status != SANE_STATUS_GOOD)
        {
          if (status == SANE_STATUS_CANCELLED || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Scanning was cancelled"));
          else
            mc_scan_set_status_error (error, status, run->device);
          return NULL;
        }
      size += n;
      g_mutex_lock (&run->lock);
      run->bytes = size;
      post_locked (task, run);
      g_mutex_unlock (&run->lock);
    }
  *out_size = size;
  return g_steal_pointer (&data);
}

/* Scans one page into @run->finished. FALSE with no error: the feeder is empty. */
static gboolean
scan_page (GTask     *task,
           ScanRun   *run,
           guint      index,
           double     dpi,
           GError   **error)
{
  SANE_Handle handle = run->self->handle;
  SANE_Parameters params;
  SANE_Status status;
  g_autofree guint8 *data = NULL;
  gsize size = 0;
  McScanFrame frame;
  McScanPage *page;

  g_mutex_lock (&run->lock);
  run->page = run->first_page + index + 1;
  run->bytes = 0;
  run->expected = 0;
  post_locked (task, run);
  g_mutex_unlock (&run->lock);

  status = sane_start (handle);
  if (status == SANE_STATUS_NO_DOCS && index > 0)
    return FALSE;  /* the feeder has given all its sheets */
  if (status == SANE_STATUS_GOOD)
    status = sane_get_parameters (handle, &params);
  if (status != SANE_STATUS_GOOD)
    {
      if (status == SANE_STATUS_CANCELLED)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Scanning was cancelled"));
      else
        mc_scan_set_status_error (error, status, run->device);
      return FALSE;
    }
  if ((params.format != SANE_FRAME_GRAY && params.format != SANE_FRAME_RGB) || !params.last_frame
      || (params.depth != 1 && params.depth != 8 && params.depth != 16)
      || (params.format == SANE_FRAME_RGB && params.depth == 1) || params.pixels_per_line <= 0)
    {
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_UNSUPPORTED,
                   _("The scanner “%s” sends its pages in a form this program cannot read (frame %d, depth %d)"),
                   run->device, params.format, params.depth);
      return FALSE;
    }
  g_mutex_lock (&run->lock);
  run->expected = params.lines > 0 ? (guint64) params.bytes_per_line * params.lines : 0;
  g_mutex_unlock (&run->lock);

  if (!(data = read_frame (task, run, handle, &params, &size, error)))
    return FALSE;
  frame = (McScanFrame) {
    .data = data,
    .bytes_per_line = params.bytes_per_line,
    .width = params.pixels_per_line,
    .height = size / params.bytes_per_line,
    .channels = params.format == SANE_FRAME_RGB ? 3 : 1,
    .depth = params.depth,
  };
  if (frame.height == 0)
    {
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_DEVICE_LOST,
                   _("The scanner “%s” sent an empty page"), run->device);
      return FALSE;
    }
  if (!(page = mc_scan_page_encode (&frame, dpi, error)))
    return FALSE;
  g_mutex_lock (&run->lock);
  g_ptr_array_add (run->finished, page);
  run->added++;
  post_locked (task, run);
  g_mutex_unlock (&run->lock);
  return TRUE;
}

#define RELEASE_TIMEOUT_S 10

/* One scan at a time on a device: a scan waits until the one before has let the device go. */
static gboolean
claim_device (McScanner   *self,
              const char  *device,
              GError     **error)
{
  gint64 end = g_get_monotonic_time () + RELEASE_TIMEOUT_S * G_TIME_SPAN_SECOND;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  while (self->in_use)
    if (!g_cond_wait_until (&self->released, &self->lock, end))
      {
        g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_BUSY,
                     _("The scanner “%s” has not finished its last scan; switch it off and on again"),
                     device);
        return FALSE;
      }
  self->in_use = TRUE;
  return TRUE;
}

static void
release_device (McScanner *self)
{
  g_mutex_lock (&self->lock);
  self->in_use = FALSE;
  g_cond_broadcast (&self->released);
  g_mutex_unlock (&self->lock);
}

static gpointer
release_thread (gpointer data)
{
  g_autoptr(McScanner) self = data;

  if (self->handle != NULL)
    sane_cancel (self->handle);  /* the end of a batch, whatever ended it */
  close_device (self);
  release_device (self);
  mc_scan_sane_close_done ();
  return NULL;
}

static void
scan_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  ScanRun *run = data;
  GError *error = NULL;
  gulong handler = 0;
  double dpi = 0;

  if (!claim_device (run->self, run->device, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (open_device (run, &dpi, &error))
    {
      if (cancellable != NULL)
        handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), run->self, NULL);
      for (guint i = 0; i < run->max_pages && error == NULL; i++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, &error))
            break;
          if (!scan_page (task, run, i, dpi, &error))
            break;
        }
      g_cancellable_disconnect (cancellable, handler);
    }
  /* The device is let go in a thread of its own, so that the answer does not wait for it (a
   * GTask answers once its thread function returns): a backend's sane_cancel() can take long,
   * or never return — SANE's own test backend stops its reader thread with an asynchronous
   * pthread_cancel, which can leave that thread deadlocked in malloc. The next scan of this
   * scanner waits for the release, within a bound. */
  mc_scan_sane_close_pending ();
  g_thread_unref (g_thread_new ("mc-scan-release", release_thread, g_object_ref (run->self)));
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Scans up to @max_pages pages and adds them to the document: from the feeder until it is
 * empty, or one flatbed pass each. "progress" (page, bytes read, bytes expected or 0) and
 * "page-added" are emitted in the thread-default main context of the caller. */
void
mc_scanner_scan_async (McScanner           *self,
                       guint                max_pages,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ScanRun *run;

  g_return_if_fail (MC_IS_SCANNER (self));
  g_return_if_fail (max_pages > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_scanner_scan_async);
  /* The cancel handler reaches sane_cancel() itself; GTask must not answer first. */
  g_task_set_return_on_cancel (task, FALSE);
  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, _("A scan is already running"));
      return;
    }
  run = g_new0 (ScanRun, 1);
  run->self = self;
  run->device = g_strdup (self->device);
  run->max_pages = max_pages;
  run->resolution = self->resolution;
  run->mode = self->mode;
  run->feeder = self->feeder;
  /* The thread reads its own copy: the options may change for the next scan meanwhile. */
  run->options = g_ptr_array_new_full (self->options->len, g_free);
  for (guint i = 0; i < self->options->len; i++)
    g_ptr_array_add (run->options, g_strdup (self->options->pdata[i]));
  run->first_page = self->pages->len;
  run->context = g_main_context_ref_thread_default ();
  run->finished = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_scan_page_unref);
  g_mutex_init (&run->lock);
  g_task_set_task_data (task, run, (GDestroyNotify) scan_run_free);

  self->busy = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_task_run_in_thread (task, scan_thread);
}

/* Returns: TRUE when the scan ended normally. On an error (G_IO_ERROR_CANCELLED, or
 * MC_SCAN_ERROR) the pages finished before it are in the document all the same, and
 * @out_added counts them. */
gboolean
mc_scanner_scan_finish (McScanner     *self,
                        GAsyncResult  *result,
                        guint         *out_added,
                        GError       **error)
{
  ScanRun *run;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (run != NULL)
    {
      flush_run (run);
      if (out_added)
        *out_added = run->added;
      self->busy = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  else if (out_added)
    *out_added = 0;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The document ---------------------------------------------------------------------------- */

guint
mc_scanner_get_n_pages (McScanner *self)
{
  g_return_val_if_fail (MC_IS_SCANNER (self), 0);
  return self->pages->len;
}

/* Returns: (transfer full): a small JPEG of @page for a preview (GdkTexture reads it). */
GBytes *
mc_scanner_get_thumbnail (McScanner *self,
                          guint      page)
{
  g_return_val_if_fail (MC_IS_SCANNER (self), NULL);
  g_return_val_if_fail (page < self->pages->len, NULL);
  return g_bytes_ref (((McScanPage *) g_ptr_array_index (self->pages, page))->thumbnail);
}

/* Drops every page (a new document). */
void
mc_scanner_clear (McScanner *self)
{
  g_return_if_fail (MC_IS_SCANNER (self));
  if (self->pages->len == 0)
    return;
  g_ptr_array_set_size (self->pages, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
}

/* Writes the pages as one PDF at @output, whole or not at all (mc_scan_pages_write_pdf). */
gboolean
mc_scanner_save (McScanner     *self,
                 GFile         *output,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (MC_IS_SCANNER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (output), FALSE);

  if (!(path = g_file_get_path (output)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("A scan can only be saved to a local file"));
      return FALSE;
    }
  return mc_scan_pages_write_pdf (self->pages, path, cancellable, error);
}

typedef struct
{
  GPtrArray *pages;   /* the pages at the call: scanning more does not change what is saved */
  GFile *output;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_ptr_array_unref (data->pages);
  g_object_unref (data->output);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autofree char *path = g_file_get_path (data->output);
  GError *error = NULL;

  if (path == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("A scan can only be saved to a local file"));
  else if (!mc_scan_pages_write_pdf (data->pages, path, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
mc_scanner_save_async (McScanner           *self,
                       GFile               *output,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (MC_IS_SCANNER (self));
  g_return_if_fail (G_IS_FILE (output));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_scanner_save_async);
  data = g_new0 (SaveData, 1);
  /* Pages never change once made, only join or leave the document: the thread holds its own
   * references, so clearing the document meanwhile does not touch what is being saved. */
  data->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_scan_page_unref);
  for (guint i = 0; i < self->pages->len; i++)
    g_ptr_array_add (data->pages, mc_scan_page_ref (g_ptr_array_index (self->pages, i)));
  data->output = g_object_ref (output);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
mc_scanner_save_finish (McScanner     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The object ----------------------------------------------------------------------------- */

McScanner *
mc_scanner_new (const char *device)
{
  g_return_val_if_fail (device != NULL && *device != '\0', NULL);
  return g_object_new (MC_TYPE_SCANNER, "device", device, NULL);
}

const char *
mc_scanner_get_device (McScanner *self)
{
  g_return_val_if_fail (MC_IS_SCANNER (self), NULL);
  return self->device;
}

guint
mc_scanner_get_resolution (McScanner *self)
{
  g_return_val_if_fail (MC_IS_SCANNER (self), 0);
  return self->resolution;
}

/* The next scan's resolution in dpi; the device takes the nearest it offers. */
void
mc_scanner_set_resolution (McScanner *self,
                           guint      dpi)
{
  g_return_if_fail (MC_IS_SCANNER (self));
  g_return_if_fail (dpi > 0);
  if (self->resolution == dpi)
    return;
  self->resolution = dpi;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
}

McScanMode
mc_scanner_get_mode (McScanner *self)
{
  g_return_val_if_fail (MC_IS_SCANNER (self), MC_SCAN_MODE_GRAY);
  return self->mode;
}

void
mc_scanner_set_mode (McScanner  *self,
                     McScanMode  mode)
{
  g_return_if_fail (MC_IS_SCANNER (self));
  if (self->mode == mode)
    return;
  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

gboolean
mc_scanner_get_feeder (McScanner *self)
{
  g_return_val_if_fail (MC_IS_SCANNER (self), FALSE);
  return self->feeder;
}

/* Whether the next scans take the sheets from the automatic document feeder (until it is
 * empty, up to the pages asked for) rather than from the flatbed. */
void
mc_scanner_set_feeder (McScanner *self,
                       gboolean   feeder)
{
  g_return_if_fail (MC_IS_SCANNER (self));
  feeder = !!feeder;
  if (self->feeder == feeder)
    return;
  self->feeder = feeder;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDER]);
}

/* A backend option for the next scans, by its SANE name, written as text (scanimage's
 * options: "source" "ADF Duplex", "brightness" "10"); NULL @value forgets it. They are set in
 * the order given, after the preset's mode and source and before its resolution. An option the device
 * does not have, or has inactive, fails the scan, with its name. SANE backends keep an
 * option's value from one opening to the next: forgetting it here does not reset it there. */
void
mc_scanner_set_option (McScanner  *self,
                       const char *name,
                       const char *value)
{
  g_return_if_fail (MC_IS_SCANNER (self));
  g_return_if_fail (name != NULL);

  for (guint i = 0; i + 1 < self->options->len; i += 2)
    if (g_str_equal (self->options->pdata[i], name))
      {
        if (value == NULL)
          g_ptr_array_remove_range (self->options, i, 2);
        else
          {
            g_free (self->options->pdata[i + 1]);
            self->options->pdata[i + 1] = g_strdup (value);
          }
        return;
      }
  if (value != NULL)
    {
      g_ptr_array_add (self->options, g_strdup (name));
      g_ptr_array_add (self->options, g_strdup (value));
    }
}

gboolean
mc_scanner_get_busy (McScanner *self)
{
  g_return_val_if_fail (MC_IS_SCANNER (self), FALSE);
  return self->busy;
}

static void
mc_scanner_finalize (GObject *object)
{
  McScanner *self = MC_SCANNER (object);

  close_device (self);
  g_free (self->device);
  g_ptr_array_unref (self->options);
  g_ptr_array_unref (self->pages);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->released);
  G_OBJECT_CLASS (mc_scanner_parent_class)->finalize (object);
}

static void
mc_scanner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McScanner *self = MC_SCANNER (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      g_value_set_string (value, self->device);
      break;
    case PROP_RESOLUTION:
      g_value_set_uint (value, self->resolution);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_FEEDER:
      g_value_set_boolean (value, self->feeder);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, self->pages->len);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_scanner_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  McScanner *self = MC_SCANNER (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      self->device = g_value_dup_string (value);
      break;
    case PROP_RESOLUTION:
      mc_scanner_set_resolution (self, g_value_get_uint (value));
      break;
    case PROP_MODE:
      mc_scanner_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_FEEDER:
      mc_scanner_set_feeder (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_scanner_class_init (McScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_scanner_finalize;
  object_class->get_property = mc_scanner_get_property;
  object_class->set_property = mc_scanner_set_property;

  properties[PROP_DEVICE] =
    g_param_spec_string ("device", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESOLUTION] =
    g_param_spec_uint ("resolution", NULL, NULL, 1, 4800, MC_SCAN_DPI_HIGH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, MC_TYPE_SCAN_MODE, MC_SCAN_MODE_GRAY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FEEDER] =
    g_param_spec_boolean ("feeder", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* McScanner::progress: (page, bytes read of that page, bytes expected or 0 when unknown). */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT64, G_TYPE_UINT64);
  /* McScanner::page-added: (index of the new page). */
  signals[PAGE_ADDED] =
    g_signal_new ("page-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
mc_scanner_init (McScanner *self)
{
  self->resolution = MC_SCAN_DPI_HIGH;
  self->mode = MC_SCAN_MODE_GRAY;
  self->options = g_ptr_array_new_with_free_func (g_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_scan_page_unref);
  g_mutex_init (&self->lock);
  g_cond_init (&self->released);
}
