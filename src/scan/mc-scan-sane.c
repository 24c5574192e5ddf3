/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sane/saneopts.h>
#include <string.h>

#include "mc-scan-sane.h"

/* What McScanner needs of SANE, in SANE's terms: initialisation, errors in words an official
 * understands, the device list, and the document preset set through the standard options
 * ("mode", "source", "resolution") whatever each backend calls their values. */

G_DEFINE_BOXED_TYPE (McScanDevice, mc_scan_device, mc_scan_device_copy, mc_scan_device_free)

/* sane_init once for the process. The device list and sane_open go through the frontend's
 * dll backend, whose tables are not safe to use from two threads at once. */
static GMutex sane_lock;
/* Devices this process is still letting go (closes running in threads of their own): a new
 * opening that SANE finds busy waits for them rather than failing as if another program held
 * the scanner. Guarded by sane_lock. */
static guint pending_closes;
static GCond closes_done;

static SANE_Status
ensure_sane (void)
{
  static gsize done = 0;
  static SANE_Status status;

  if (g_once_init_enter (&done))
    {
      SANE_Int version;

      status = sane_init (&version, NULL);
      g_once_init_leave (&done, 1);
    }
  return status;
}

void
mc_scan_set_status_error (GError      **error,
                          SANE_Status   status,
                          const char   *device)
{
  const char *why = sane_strstatus (status);

  switch (status)
    {
    case SANE_STATUS_DEVICE_BUSY:
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_BUSY,
                   _("The scanner “%s” is in use by another program"), device);
      break;
    case SANE_STATUS_JAMMED:
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_JAMMED,
                   _("The paper is jammed in the scanner “%s”"), device);
      break;
    case SANE_STATUS_COVER_OPEN:
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_COVER_OPEN,
                   _("The cover of the scanner “%s” is open"), device);
      break;
    case SANE_STATUS_NO_DOCS:
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_NO_DOCUMENT,
                   _("There is no document in the scanner “%s”"), device);
      break;
    case SANE_STATUS_IO_ERROR:
    case SANE_STATUS_EOF:
    case SANE_STATUS_ACCESS_DENIED:
      /* What a backend returns when the device goes away under it (USB unplugged, network
       * scanner off): the device is not answering any more. */
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_DEVICE_LOST,
                   _("The scanner “%s” stopped responding (%s); check that it is on and connected"),
                   device, why);
      break;
    default:
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_FAILED,
                   _("The scanner “%s” failed: %s"), device, why);
    }
}

/* Devices ------------------------------------------------------------------------------- */

McScanDevice *
mc_scan_device_copy (const McScanDevice *device)
{
  McScanDevice *copy = g_new0 (McScanDevice, 1);

  copy->name = g_strdup (device->name);
  copy->vendor = g_strdup (device->vendor);
  copy->model = g_strdup (device->model);
  copy->type = g_strdup (device->type);
  return copy;
}

void
mc_scan_device_free (McScanDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->name);
  g_free (device->vendor);
  g_free (device->model);
  g_free (device->type);
  g_free (device);
}

/* Returns: (transfer full): what an official recognises: "Canon LiDE 300 (genesys:…)". */
char *
mc_scan_device_label (const McScanDevice *device)
{
  return g_strdup_printf ("%s %s (%s)", device->vendor, device->model, device->name);
}

/* Returns: (transfer full) (element-type McScanDevice): the scanners SANE finds, local and
 * on the network; may take seconds (network backends probe). */
GPtrArray *
mc_scan_list_devices (GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_scan_device_free);
  g_autoptr(GMutexLocker) locker = NULL;
  const SANE_Device **devices = NULL;
  SANE_Status status;

  if ((status = ensure_sane ()) != SANE_STATUS_GOOD)
    {
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_FAILED,
                   _("Scanning is not available: %s"), sane_strstatus (status));
      return NULL;
    }
  locker = g_mutex_locker_new (&sane_lock);
  if ((status = sane_get_devices (&devices, SANE_FALSE)) != SANE_STATUS_GOOD)
    {
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_FAILED,
                   _("The scanners cannot be listed: %s"), sane_strstatus (status));
      return NULL;
    }
  for (gsize i = 0; devices[i] != NULL; i++)
    {
      McScanDevice d = {
        (char *) devices[i]->name, (char *) devices[i]->vendor,
        (char *) devices[i]->model, (char *) devices[i]->type,
      };

      g_ptr_array_add (list, mc_scan_device_copy (&d));
    }
  return g_steal_pointer (&list);
}

static void
list_devices_thread (GTask        *task,
                     gpointer      source,
                     gpointer      data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *list = mc_scan_list_devices (&error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

void
mc_scan_list_devices_async (GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, mc_scan_list_devices_async);
  g_task_run_in_thread (task, list_devices_thread);
}

GPtrArray *
mc_scan_list_devices_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Options -------------------------------------------------------------------------------- */

static int
find_option (SANE_Handle  handle,
             const char  *name,
             const SANE_Option_Descriptor **out_desc)
{
  SANE_Int n = 0;

  if (sane_control_option (handle, 0, SANE_ACTION_GET_VALUE, &n, NULL) != SANE_STATUS_GOOD)
    return -1;
  for (SANE_Int i = 1; i < n; i++)
    {
      const SANE_Option_Descriptor *d = sane_get_option_descriptor (handle, i);

      if (d != NULL && d->name != NULL && g_str_equal (d->name, name) && SANE_OPTION_IS_ACTIVE (d->cap))
        {
          *out_desc = d;
          return i;
        }
    }
  return -1;
}

/* The allowed value nearest @dpi (ties go up: more detail, never less). */
static double
nearest_resolution (const SANE_Option_Descriptor *d,
                    double                        dpi)
{
  gboolean fixed = d->type == SANE_TYPE_FIXED;

  if (d->constraint_type == SANE_CONSTRAINT_RANGE)
    {
      const SANE_Range *r = d->constraint.range;
      double min = fixed ? SANE_UNFIX (r->min) : r->min, max = fixed ? SANE_UNFIX (r->max) : r->max;
      double quant = fixed ? SANE_UNFIX (r->quant) : r->quant;

      dpi = CLAMP (dpi, min, max);
      if (quant > 0)
        dpi = min + quant * (gint64) ((dpi - min) / quant + 0.5);
      return MIN (dpi, max);
    }
  if (d->constraint_type == SANE_CONSTRAINT_WORD_LIST)
    {
      const SANE_Word *w = d->constraint.word_list;
      double best = dpi, best_distance = G_MAXDOUBLE;

      for (SANE_Int i = 1; i <= w[0]; i++)
        {
          double v = fixed ? SANE_UNFIX (w[i]) : w[i];
          double distance = ABS (v - dpi);

          if (distance < best_distance || (distance == best_distance && v > best))
            {
              best = v;
              best_distance = distance;
            }
        }
      return best;
    }
  return dpi;
}

/* Sets the resolution to the allowed value nearest @dpi and returns the one the device took
 * (a backend may round it again), which is what sizes the pages. */
static gboolean
apply_resolution (SANE_Handle   handle,
                  guint         dpi,
                  const char   *device,
                  double       *out_dpi,
                  GError      **error)
{
  const SANE_Option_Descriptor *d = NULL;
  int i = find_option (handle, SANE_NAME_SCAN_RESOLUTION, &d);
  SANE_Word value;
  SANE_Status status;

  if (i < 0 || (d->type != SANE_TYPE_INT && d->type != SANE_TYPE_FIXED))
    {
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_UNSUPPORTED,
                   _("The scanner “%s” does not let its resolution be chosen"), device);
      return FALSE;
    }
  if (SANE_OPTION_IS_SETTABLE (d->cap))
    {
      double want = nearest_resolution (d, dpi);

      value = d->type == SANE_TYPE_FIXED ? SANE_FIX (want) : (SANE_Word) want;
      if ((status = sane_control_option (handle, i, SANE_ACTION_SET_VALUE, &value, NULL)) != SANE_STATUS_GOOD)
        {
          mc_scan_set_status_error (error, status, device);
          return FALSE;
        }
    }
  if ((status = sane_control_option (handle, i, SANE_ACTION_GET_VALUE, &value, NULL)) != SANE_STATUS_GOOD)
    {
      mc_scan_set_status_error (error, status, device);
      return FALSE;
    }
  *out_dpi = d->type == SANE_TYPE_FIXED ? SANE_UNFIX (value) : value;
  return *out_dpi > 0;
}

/* Sets the string option @name to the first value of its list that contains one of @words
 * (case-insensitive), a value with @avoid in it only when there is no other. *out_found is
 * FALSE when the device has no such settable option or value. */
static gboolean
choose_value (SANE_Handle          handle,
              const char          *name,
              const char *const   *words,
              const char          *avoid,
              const char          *device,
              gboolean            *out_found,
              GError             **error)
{
  const SANE_Option_Descriptor *d = NULL;
  int i = find_option (handle, name, &d);
  const char *best = NULL;
  g_autofree char *value = NULL;
  SANE_Status status;

  *out_found = FALSE;
  if (i < 0 || d->type != SANE_TYPE_STRING || d->constraint_type != SANE_CONSTRAINT_STRING_LIST
      || !SANE_OPTION_IS_SETTABLE (d->cap))
    return TRUE;
  for (const SANE_String_Const *s = d->constraint.string_list; *s != NULL; s++)
    {
      g_autofree char *folded = g_ascii_strdown (*s, -1);
      gboolean match = FALSE;

      for (gsize w = 0; words[w] != NULL && !match; w++)
        match = strstr (folded, words[w]) != NULL;
      if (!match)
        continue;
      if (avoid == NULL || strstr (folded, avoid) == NULL)
        {
          best = *s;
          break;
        }
      if (best == NULL)
        best = *s;
    }
  if (best == NULL)
    return TRUE;
  value = g_malloc0 (d->size);
  g_strlcpy (value, best, d->size);
  if ((status = sane_control_option (handle, i, SANE_ACTION_SET_VALUE, value, NULL)) != SANE_STATUS_GOOD)
    {
      mc_scan_set_status_error (error, status, device);
      return FALSE;
    }
  *out_found = TRUE;
  return TRUE;
}

/* Backends name their modes freely ("Gray", "Grayscale", "True Gray", "Color", "24bit Color"):
 * the first that says grey or colour. A device without a mode option scans in its only one. */
static gboolean
apply_mode (SANE_Handle   handle,
            McScanMode    mode,
            const char   *device,
            GError      **error)
{
  static const char *const gray[] = { "gray", "grey", NULL };
  static const char *const color[] = { "color", "colour", NULL };
  const SANE_Option_Descriptor *d = NULL;
  gboolean found;

  if (!choose_value (handle, SANE_NAME_SCAN_MODE, mode == MC_SCAN_MODE_COLOR ? color : gray, NULL,
                     device, &found, error))
    return FALSE;
  if (found || find_option (handle, SANE_NAME_SCAN_MODE, &d) < 0)
    return TRUE;
  g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_UNSUPPORTED,
               mode == MC_SCAN_MODE_COLOR ? _("The scanner “%s” cannot scan in colour")
                                          : _("The scanner “%s” cannot scan in grey"),
               device);
  return FALSE;
}

/* The feeder ("ADF", "ADF Front", "Automatic Document Feeder"; one side rather than duplex)
 * or the flatbed. A device that has no source option has only one: fine for the flatbed. */
static gboolean
apply_source (SANE_Handle   handle,
              gboolean      feeder,
              const char   *device,
              GError      **error)
{
  static const char *const adf[] = { "adf", "feeder", "automatic document", NULL };
  static const char *const flatbed[] = { "flatbed", NULL };
  gboolean found;

  if (!choose_value (handle, SANE_NAME_SCAN_SOURCE, feeder ? adf : flatbed, "duplex", device, &found, error))
    return FALSE;
  if (found || !feeder)
    return TRUE;
  g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_UNSUPPORTED,
               _("The scanner “%s” has no document feeder"), device);
  return FALSE;
}

/* A backend option given by name and written as text ("source" = "ADF Duplex"). */
static gboolean
apply_named_option (SANE_Handle   handle,
                    const char   *name,
                    const char   *text,
                    const char   *device,
                    GError      **error)
{
  const SANE_Option_Descriptor *d = NULL;
  int i = find_option (handle, name, &d);
  g_autofree char *buffer = NULL;
  SANE_Status status;
  SANE_Word word;
  void *value = &word;

  if (i < 0 || !SANE_OPTION_IS_SETTABLE (d->cap))
    {
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_UNSUPPORTED,
                   _("The scanner “%s” has no option “%s” that can be set"), device, name);
      return FALSE;
    }
  switch (d->type)
    {
    case SANE_TYPE_BOOL:
      word = g_ascii_strcasecmp (text, "yes") == 0 || g_ascii_strcasecmp (text, "true") == 0
             || g_str_equal (text, "1");
      break;
    case SANE_TYPE_INT:
      word = (SANE_Word) g_ascii_strtoll (text, NULL, 10);
      break;
    case SANE_TYPE_FIXED:
      word = SANE_FIX (g_ascii_strtod (text, NULL));
      break;
    case SANE_TYPE_STRING:
      buffer = g_malloc0 (d->size);
      g_strlcpy (buffer, text, d->size);
      value = buffer;
      break;
    default:
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_UNSUPPORTED,
                   _("The scanner “%s” has no option “%s” that can be set"), device, name);
      return FALSE;
    }
  if ((status = sane_control_option (handle, i, SANE_ACTION_SET_VALUE, value, NULL)) != SANE_STATUS_GOOD)
    {
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_UNSUPPORTED,
                   _("The scanner “%s” refused “%s” for its option “%s”: %s"),
                   device, text, name, sane_strstatus (status));
      return FALSE;
    }
  return TRUE;
}

/* Opens @device. Returns: SANE's status. */
SANE_Status
mc_scan_sane_open (const char  *device,
                   SANE_Handle *out_handle)
{
  SANE_Status status = ensure_sane ();

  if (status != SANE_STATUS_GOOD)
    return status;
  g_mutex_lock (&sane_lock);
  {
    gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

    while ((status = sane_open (device, out_handle)) == SANE_STATUS_DEVICE_BUSY && pending_closes > 0)
      if (!g_cond_wait_until (&closes_done, &sane_lock, end))
        break;
  }
  g_mutex_unlock (&sane_lock);
  return status;
}

/* Called before a close is handed to a thread of its own; mc_scan_sane_close_done() after it. */
void
mc_scan_sane_close_pending (void)
{
  g_mutex_lock (&sane_lock);
  pending_closes++;
  g_mutex_unlock (&sane_lock);
}

void
mc_scan_sane_close_done (void)
{
  g_mutex_lock (&sane_lock);
  pending_closes--;
  g_cond_broadcast (&closes_done);
  g_mutex_unlock (&sane_lock);
}

void
mc_scan_sane_close (SANE_Handle handle)
{
  g_mutex_lock (&sane_lock);
  sane_close (handle);
  g_mutex_unlock (&sane_lock);
}

/* The preset on an open device: mode and source first (a backend may change its resolutions
 * with them), then the backend options given by name, in their order, then the resolution,
 * read back into @out_dpi (what sizes the pages). */
gboolean
mc_scan_apply_preset (SANE_Handle   handle,
                      const char   *device,
                      McScanMode    mode,
                      gboolean      feeder,
                      GPtrArray    *options,
                      guint         dpi,
                      double       *out_dpi,
                      GError      **error)
{
  if (!apply_mode (handle, mode, device, error) || !apply_source (handle, feeder, device, error))
    return FALSE;
  for (guint i = 0; i + 1 < options->len; i += 2)
    if (!apply_named_option (handle, options->pdata[i], options->pdata[i + 1], device, error))
      return FALSE;
  return apply_resolution (handle, dpi, device, out_dpi, error);
}
