/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mc-a11y.h"
#include "mc-scan-dialog.h"
#include "mc-store-settings.h"

/* Scanning the papers a citizen hands over: the scanner chosen in Preferences (or another for
 * this time), a document preset, the flatbed or the feeder, "Scan" for a new document and "Scan
 * Another Page" to add the next sheet (or the next batch from the feeder), a preview of every page, "Stop Scanning" during a scan, and "Keep", which saves
 * the pages as one PDF and gives it to whoever opened the dialog:
 *
 *   void scanned (McScanDialog *dialog, GFile *pdf, gpointer user_data)
 *
 * The PDF is written in the directory of mc_scan_dialog_set_directory() (by default the
 * user's cache, motcua/scans, mode 0700), under a new name each time; the receiver imports it
 * and may delete it. The dialog closes itself once "scanned" has been emitted. Scanning and
 * saving run in threads (McScanner): the window stays responsive. */

struct _McScanDialog
{
  AdwWindow parent_instance;

  AdwComboRow *device_row;
  AdwComboRow *preset_row;
  GtkSwitch *feeder_switch;
  GtkButton *stop_button;
  GtkProgressBar *progress_bar;
  GtkLabel *status_label;
  GtkFlowBox *page_box;

  McStore *store;
  char *directory;
  GPtrArray *devices;        /* McScanDevice, in the order of device_row */
  McScanner *scanner;        /* for the device of the current document */
  GCancellable *cancellable; /* of the running scan or save */
  GFile *output;             /* what the running save writes */
  gboolean saving;
};

G_DEFINE_FINAL_TYPE (McScanDialog, mc_scan_dialog, ADW_TYPE_WINDOW)

enum {
  SCANNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  guint dpi;
  McScanMode mode;
} presets[] = {
  { MC_SCAN_DPI_LOW, MC_SCAN_MODE_GRAY },
  { MC_SCAN_DPI_HIGH, MC_SCAN_MODE_GRAY },
  { MC_SCAN_DPI_LOW, MC_SCAN_MODE_COLOR },
  { MC_SCAN_DPI_HIGH, MC_SCAN_MODE_COLOR },
};

static gboolean
is_busy (McScanDialog *self)
{
  return self->saving || (self->scanner != NULL && mc_scanner_get_busy (self->scanner));
}

static guint
n_pages (McScanDialog *self)
{
  return self->scanner != NULL ? mc_scanner_get_n_pages (self->scanner) : 0;
}

static void
set_status (McScanDialog *self,
            const char   *text,
            gboolean      is_error)
{
  gtk_label_set_text (self->status_label, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
update_actions (McScanDialog *self)
{
  gboolean busy = is_busy (self);
  gboolean device = self->devices != NULL && self->devices->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.start", device && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.more", device && !busy && n_pages (self) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.stop", busy && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.keep", !busy && n_pages (self) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), busy && !self->saving);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->device_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->feeder_switch), !busy);
}

static void
on_page_added (McScanner    *scanner,
               guint         index,
               McScanDialog *self)
{
  g_autoptr(GBytes) jpeg = mc_scanner_get_thumbnail (scanner, index);
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (jpeg, NULL);
  g_autofree char *label = g_strdup_printf (_("Page %u"), index + 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

  gtk_widget_set_size_request (picture, 120, 160);
  gtk_widget_add_css_class (picture, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  gtk_flow_box_append (self->page_box, box);
}

static void
on_progress (McScanner    *scanner,
             guint         page,
             guint64       bytes,
             guint64       expected,
             McScanDialog *self)
{
  g_autofree char *text = NULL;

  if (expected > 0)
    {
      guint percent = MIN (bytes, expected) * 100 / expected;

      text = g_strdup_printf (_("Scanning page %u… %u%%"), page, percent);
      gtk_progress_bar_set_fraction (self->progress_bar, percent / 100.0);
    }
  else
    {
      text = g_strdup_printf (_("Scanning page %u…"), page);
      gtk_progress_bar_pulse (self->progress_bar);
    }
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
clear_pages (McScanDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->page_box))) != NULL)
    gtk_flow_box_remove (self->page_box, child);
}

/* The scanner of the device selected now: a new document when the device changed. */
static McScanner *
selected_scanner (McScanDialog *self)
{
  guint i = adw_combo_row_get_selected (self->device_row);
  McScanDevice *device;

  if (self->devices == NULL || i >= self->devices->len)
    return NULL;
  device = g_ptr_array_index (self->devices, i);
  if (self->scanner == NULL || !g_str_equal (mc_scanner_get_device (self->scanner), device->name))
    {
      if (self->scanner != NULL)
        g_signal_handlers_disconnect_by_data (self->scanner, self);
      g_clear_object (&self->scanner);
      clear_pages (self);
      self->scanner = mc_scanner_new (device->name);
      g_signal_connect_object (self->scanner, "page-added", G_CALLBACK (on_page_added), self, 0);
      g_signal_connect_object (self->scanner, "progress", G_CALLBACK (on_progress), self, 0);
    }
  return self->scanner;
}

static void
on_scanned (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(McScanDialog) self = data;
  g_autoptr(GError) error = NULL;
  guint added = 0;
  g_autofree char *text = NULL;

  mc_scanner_scan_finish (MC_SCANNER (source), result, &added, &error);
  g_clear_object (&self->cancellable);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;  /* closed during the scan */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, _("Scanning was stopped. The pages shown are kept; press Scan to start again."), FALSE);
  else if (error != NULL && n_pages (self) > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s. The %u page scanned before is kept.",
                                           "%s. The %u pages scanned before are kept.",
                                           n_pages (self)),
                              error->message, n_pages (self));
      set_status (self, text, TRUE);
    }
  else if (error != NULL)
    set_status (self, error->message, TRUE);
  else
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u page scanned. Put the next page on the scanner and press Scan Another Page, or Keep.",
                                           "%u pages scanned. Put the next page on the scanner and press Scan Another Page, or Keep.",
                                           n_pages (self)),
                              n_pages (self));
      set_status (self, text, FALSE);
    }
  update_actions (self);
}

/* The flatbed: one page a press, the official turns or changes the sheet. The feeder: every
 * sheet in it (up to FEEDER_MAX_PAGES). */
#define FEEDER_MAX_PAGES 100

static void
start_scan (McScanDialog *self,
            gboolean      new_document)
{
  McScanner *scanner = selected_scanner (self);
  guint preset = adw_combo_row_get_selected (self->preset_row);

  if (scanner == NULL || is_busy (self))
    return;
  if (new_document)
    {
      mc_scanner_clear (scanner);
      clear_pages (self);
    }
  preset = MIN (preset, G_N_ELEMENTS (presets) - 1);
  mc_scanner_set_resolution (scanner, presets[preset].dpi);
  mc_scanner_set_mode (scanner, presets[preset].mode);
  mc_scanner_set_feeder (scanner, gtk_switch_get_active (self->feeder_switch));
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting the scanner…"));
  set_status (self, "", FALSE);
  mc_scanner_scan_async (scanner, mc_scanner_get_feeder (scanner) ? FEEDER_MAX_PAGES : 1,
                         self->cancellable, on_scanned, g_object_ref (self));
  update_actions (self);
}

static void
start_action (GtkWidget  *widget,
              const char *action,
              GVariant   *param)
{
  start_scan (MC_SCAN_DIALOG (widget), TRUE);
}

static void
more_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  start_scan (MC_SCAN_DIALOG (widget), FALSE);
}

static void
stop_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  McScanDialog *self = MC_SCAN_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(McScanDialog) self = data;
  g_autoptr(GFile) file = g_steal_pointer (&self->output);
  g_autoptr(GError) error = NULL;
  gboolean saved = mc_scanner_save_finish (MC_SCANNER (source), result, &error);

  self->saving = FALSE;
  g_clear_object (&self->cancellable);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      /* Closed during the save: nothing is kept, even a save that ended first. */
      if (saved)
        g_file_delete (file, NULL, NULL);
      return;
    }
  update_actions (self);
  if (!saved)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, error->message, TRUE);
      return;
    }
  g_signal_emit (self, signals[SCANNED], 0, file);
  gtk_window_close (GTK_WINDOW (self));
}

static void
keep_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  McScanDialog *self = MC_SCAN_DIALOG (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("scan-%s-%08x.pdf", stamp, g_random_int ());
  g_autofree char *path = g_build_filename (self->directory, name, NULL);

  if (is_busy (self) || n_pages (self) == 0)
    return;
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *text = g_strdup_printf (_("Cannot write in “%s”: %s"), self->directory, g_strerror (saved));

      set_status (self, text, TRUE);
      return;
    }
  self->output = g_file_new_for_path (path);
  self->saving = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_text (self->progress_bar, _("Saving…"));
  gtk_progress_bar_pulse (self->progress_bar);
  update_actions (self);
  mc_scanner_save_async (self->scanner, self->output, self->cancellable, on_saved, g_object_ref (self));
}

static void
close_action (GtkWidget  *widget,
              const char *action,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Closing stops what runs: nothing is kept unless Keep finished. */
static gboolean
mc_scan_dialog_close_request (GtkWindow *window)
{
  McScanDialog *self = MC_SCAN_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (mc_scan_dialog_parent_class)->close_request (window);
}

static void
on_devices (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(McScanDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *preferred = NULL;
  guint selected = 0;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  self->devices = mc_scan_list_devices_finish (result, &error);
  if (self->devices == NULL)
    {
      set_status (self, error->message, TRUE);
      update_actions (self);
      return;
    }
  if (self->store != NULL)
    preferred = mc_store_get_setting (self->store, "scanner.device", NULL);
  for (guint i = 0; i < self->devices->len; i++)
    {
      McScanDevice *d = g_ptr_array_index (self->devices, i);
      g_autofree char *label = mc_scan_device_label (d);

      gtk_string_list_append (labels, label);
      if (g_strcmp0 (preferred, d->name) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->device_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->device_row, selected);
  if (self->devices->len == 0)
    set_status (self, _("No scanner was found. Check that it is connected and switched on, then open this window again."), TRUE);
  else
    set_status (self, _("Put the first page on the scanner and press Scan."), FALSE);
  update_actions (self);
}

static void
mc_scan_dialog_constructed (GObject *object)
{
  McScanDialog *self = MC_SCAN_DIALOG (object);

  G_OBJECT_CLASS (mc_scan_dialog_parent_class)->constructed (object);
  set_status (self, _("Looking for scanners…"), FALSE);
  update_actions (self);
  mc_scan_list_devices_async (NULL, on_devices, g_object_ref (self));
}

static void
mc_scan_dialog_dispose (GObject *object)
{
  McScanDialog *self = MC_SCAN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->scanner != NULL)
    g_signal_handlers_disconnect_by_data (self->scanner, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_SCAN_DIALOG);
  g_clear_object (&self->scanner);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->output);
  g_clear_object (&self->store);
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  G_OBJECT_CLASS (mc_scan_dialog_parent_class)->dispose (object);
}

static void
mc_scan_dialog_finalize (GObject *object)
{
  g_free (MC_SCAN_DIALOG (object)->directory);
  G_OBJECT_CLASS (mc_scan_dialog_parent_class)->finalize (object);
}

static void
mc_scan_dialog_class_init (McScanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = mc_scan_dialog_constructed;
  object_class->dispose = mc_scan_dialog_dispose;
  object_class->finalize = mc_scan_dialog_finalize;
  window_class->close_request = mc_scan_dialog_close_request;

  /* McScanDialog::scanned: (pdf: GFile) the document kept, one PDF of every page. */
  signals[SCANNED] = g_signal_new ("scanned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-scan-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, McScanDialog, device_row);
  gtk_widget_class_bind_template_child (widget_class, McScanDialog, preset_row);
  gtk_widget_class_bind_template_child (widget_class, McScanDialog, feeder_switch);
  gtk_widget_class_bind_template_child (widget_class, McScanDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, McScanDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, McScanDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, McScanDialog, page_box);

  gtk_widget_class_install_action (widget_class, "scan.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "scan.more", NULL, more_action);
  gtk_widget_class_install_action (widget_class, "scan.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "scan.keep", NULL, keep_action);
  gtk_widget_class_install_action (widget_class, "scan.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "scan.close", NULL);
}

static void
mc_scan_dialog_init (McScanDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
  self->directory = g_build_filename (g_get_user_cache_dir (), "motcua", "scans", NULL);
}

/* Returns: (transfer none): the dialog (GTK owns its windows) over @parent, with the scanner of the profile's
 * "scanner.device" setting selected when it is connected (@store may be NULL: the first
 * scanner found). Connect to "scanned", then present it. */
McScanDialog *
mc_scan_dialog_new (GtkWindow *parent,
                    McStore   *store)
{
  McScanDialog *self = g_object_new (MC_TYPE_SCAN_DIALOG, "transient-for", parent, NULL);

  /* Read when the device list comes back, after this returns. */
  self->store = store != NULL ? g_object_ref (store) : NULL;
  return self;
}

/* Where "Keep" writes the PDF (created 0700 when missing). */
void
mc_scan_dialog_set_directory (McScanDialog *self,
                              const char   *directory)
{
  g_return_if_fail (MC_IS_SCAN_DIALOG (self));
  g_return_if_fail (directory != NULL);
  g_free (self->directory);
  self->directory = g_strdup (directory);
}

/* Returns: (transfer none) (nullable): the scanner of the document shown (tests). */
McScanner *
mc_scan_dialog_get_scanner (McScanDialog *self)
{
  g_return_val_if_fail (MC_IS_SCAN_DIALOG (self), NULL);
  return self->scanner;
}

/* Returns: the scanners found, 0 while they are still looked for. */
guint
mc_scan_dialog_get_n_devices (McScanDialog *self)
{
  g_return_val_if_fail (MC_IS_SCAN_DIALOG (self), 0);
  return self->devices != NULL ? self->devices->len : 0;
}
