/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "mc-alert.h"
#include "mc-print-operation.h"
#include "mc-print-preview.h"

/* One laid-out form on its way to paper or to a PDF file. The pages were laid out once by
 * src/print (mc_print_dossier(), mc_print_register()), the same pages motcuactl writes: the
 * print operation only draws them on the printer's context, so what is printed and what is
 * saved are the same document. The object keeps itself alive while a dialog is open. */

struct _McPrintOperation
{
  GObject parent_instance;

  McPrintLayout *layout;
  char *name;
};

G_DEFINE_FINAL_TYPE (McPrintOperation, mc_print_operation, G_TYPE_OBJECT)

static void
mc_print_operation_finalize (GObject *object)
{
  McPrintOperation *self = MC_PRINT_OPERATION (object);

  g_clear_pointer (&self->layout, mc_print_layout_free);
  g_free (self->name);
  G_OBJECT_CLASS (mc_print_operation_parent_class)->finalize (object);
}

static void
mc_print_operation_class_init (McPrintOperationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_print_operation_finalize;
}

static void
mc_print_operation_init (McPrintOperation *self)
{
}

/* Takes @layout; @name is the job's name and the PDF file's suggested name (without .pdf). */
McPrintOperation *
mc_print_operation_new (McPrintLayout *layout,
                        const char    *name)
{
  McPrintOperation *self;

  g_return_val_if_fail (layout != NULL, NULL);

  self = g_object_new (MC_TYPE_PRINT_OPERATION, NULL);
  self->layout = layout;
  self->name = g_strdup (name ? name : "motcua");
  return self;
}

/* The job's name, which the saved PDF is named after. */
const char *
mc_print_operation_get_name (McPrintOperation *self)
{
  g_return_val_if_fail (MC_IS_PRINT_OPERATION (self), NULL);
  return self->name;
}

/* Shows the pages in the app's preview window, from which they can be printed or saved. */
static void
unref_operation (gpointer  data,
                 GClosure *closure)
{
  g_object_unref (data);
}

static void
on_preview_print (McPrintPreview   *preview,
                  GtkWindow        *parent,
                  McPrintOperation *self)
{
  mc_print_operation_print (self, parent);
}

static void
on_preview_save (McPrintPreview   *preview,
                 GtkWindow        *parent,
                 McPrintOperation *self)
{
  mc_print_operation_save_pdf (self, parent);
}

GtkWindow *
mc_print_operation_preview (McPrintOperation *self,
                            GtkWindow        *parent)
{
  McPrintPreview *preview;

  g_return_val_if_fail (MC_IS_PRINT_OPERATION (self), NULL);

  preview = mc_print_preview_new (parent, mc_print_operation_get_name (self), self->layout);
  /* The preview outlives no print: it holds the operation until it closes. */
  g_signal_connect_data (preview, "print", G_CALLBACK (on_preview_print), g_object_ref (self),
                         unref_operation, 0);
  g_signal_connect_data (preview, "save", G_CALLBACK (on_preview_save), g_object_ref (self),
                         unref_operation, 0);
  gtk_window_present (GTK_WINDOW (preview));
  return GTK_WINDOW (preview);
}

guint
mc_print_operation_get_n_pages (McPrintOperation *self)
{
  g_return_val_if_fail (MC_IS_PRINT_OPERATION (self), 0);
  return mc_print_layout_get_n_pages (self->layout);
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                McPrintOperation  *self)
{
  gtk_print_operation_set_n_pages (operation, (int) mc_print_layout_get_n_pages (self->layout));
}

/* The layout's pages are in points from the paper's corner: with the full page and points
 * as the unit, the context's cairo is in the same space, whatever the printer's resolution. */
static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              McPrintOperation  *self)
{
  mc_print_layout_draw_page (self->layout, gtk_print_context_get_cairo_context (context), page);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               McPrintOperation        *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      mc_alert (NULL, _("Printing Failed"), error ? error->message : "");
    }
  g_object_unref (operation);
  g_object_unref (self);
}

/* Whether GTK's print preview has its viewer: the command of the gtk-print-preview-command
 * setting (Evince on Debian), found in PATH. */
static gboolean
previewer_installed (void)
{
  g_autofree char *command = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *path = NULL;

  g_object_get (gtk_settings_get_default (), "gtk-print-preview-command", &command, NULL);
  if (command == NULL || !g_shell_parse_argv (command, NULL, &argv, NULL))
    return FALSE;
  path = g_find_program_in_path (argv[0]);
  return path != NULL;
}

static void
on_preview_ready (GtkPrintOperationPreview *preview,
                  GtkPrintContext          *context,
                  gpointer                  user_data)
{
  gtk_print_operation_preview_end_preview (preview);
}

/* "Preview" in the print dialog: without the viewer GTK would start, the pages show in the
 * app's own preview window. GTK still runs its preview pass, which needs a drawing surface,
 * and ends it at once. */
static gboolean
on_preview (GtkPrintOperation        *operation,
            GtkPrintOperationPreview *preview,
            GtkPrintContext          *context,
            GtkWindow                *parent,
            McPrintOperation         *self)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  if (previewer_installed ())
    return FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  gtk_print_context_set_cairo_context (context, cr, 72, 72);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_signal_connect (preview, "ready", G_CALLBACK (on_preview_ready), NULL);
  mc_print_operation_preview (self, parent);
  return TRUE;
}

/* A print operation of the form's pages: A4 in the layout's orientation. */
static GtkPrintOperation *
make_operation (McPrintOperation *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  double width, height;

  mc_print_layout_get_page_size (self->layout, &width, &height);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, self->name);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (on_begin_print), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_page), self, 0);
  g_signal_connect_object (operation, "preview", G_CALLBACK (on_preview), self, 0);
  return operation;
}

/* Runs @action (the print dialog, or the preview) on the form's pages over @parent. "done"
 * comes in every case, synchronous or not, and releases both references; its handler reports
 * an error. */
static void
run (McPrintOperation        *self,
     GtkPrintOperationAction  action,
     GtkWindow               *parent)
{
  GtkPrintOperation *operation = make_operation (self);

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  g_object_ref (self);
  gtk_print_operation_run (operation, action, parent, NULL);
}

/* Opens the print dialog (with its Preview) for the form on @parent. */
void
mc_print_operation_print (McPrintOperation *self,
                          GtkWindow        *parent)
{
  g_return_if_fail (MC_IS_PRINT_OPERATION (self));
  run (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent);
}

/* GTK's print preview of the form: the system's previewer, or else the app's own window. */
void
mc_print_operation_run_preview (McPrintOperation *self,
                                GtkWindow        *parent)
{
  g_return_if_fail (MC_IS_PRINT_OPERATION (self));
  run (self, GTK_PRINT_OPERATION_ACTION_PREVIEW, parent);
}

/* Runs the same print operation as mc_print_operation_print() without a dialog, exporting to
 * the PDF file @path (GTK's "Print to File"): the printing path, checked without a printer. */
gboolean
mc_print_operation_export (McPrintOperation  *self,
                           const char        *path,
                           GError           **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (MC_IS_PRINT_OPERATION (self), FALSE);

  operation = make_operation (self);
  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error) ==
         GTK_PRINT_OPERATION_RESULT_APPLY;
}

/* Writes the form to @path as PDF. */
gboolean
mc_print_operation_write_pdf (McPrintOperation  *self,
                              const char        *path,
                              GError           **error)
{
  g_return_val_if_fail (MC_IS_PRINT_OPERATION (self), FALSE);
  return mc_print_layout_write_pdf (self->layout, path, error);
}

static void
on_save_response (GtkNativeDialog  *chooser,
                  int               response,
                  McPrintOperation *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      path = g_file_get_path (file);
      if (path == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Choose a local folder"));
      if (error != NULL || !mc_print_layout_write_pdf (self->layout, path, &error))
        mc_alert (GTK_WIDGET (gtk_native_dialog_get_transient_for (chooser)), _("Cannot Save the PDF"),
                  error->message);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

/* Asks where to save the form as PDF (GtkFileChooserNative: the portal's dialog in Flatpak). */
void
mc_print_operation_save_pdf (McPrintOperation *self,
                             GtkWindow        *parent)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (MC_IS_PRINT_OPERATION (self));

  chooser = gtk_file_chooser_native_new (_("Save as PDF"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  /* A dossier number has dots and slashes the file system must not see as folders. */
  base = g_strdelimit (g_strdup (self->name), "/\\:", '-');
  name = g_strdup_printf ("%s.pdf", base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response), self, 0);
  g_object_ref (self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
