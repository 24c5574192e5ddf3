/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "mc-alert.h"
#include "mc-file-strip-private.h"
#include "mc-official.h"
#include "mc-page-viewer.h"
#include "mc-scan-dialog.h"
#include "mc-store-blobs.h"
#include "mc-store-files.h"
#include "mc-thumbnail.h"

/* The files of one document of a dossier, as small pictures of their first page, with a
 * button to import files (or a drop of them) and one to scan them (McScanDialog). Every
 * file comes in as a GFile (mc_file_strip_add_file()), from a file chooser, a drop or a
 * scanner's PDF alike. Before the dossier exists (the intake, a result in the action dialog)
 * the files wait in the strip, copied into the profile in a thread meanwhile, with those
 * reused from the citizen's earlier dossiers, and the dialog attaches them with its action; on a stored dossier each is attached at once
 * (mc_store_attach_file()), in a thread: a large PDF is hashed and copied without freezing
 * the window. A file the ministry system lists is downloaded when its button is pressed
 * (by the sync engine, also in a thread). A picture opens the page viewer. */

#define THUMBNAIL_SIZE 56

G_DEFINE_FINAL_TYPE (McFileStrip, mc_file_strip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_N_FILES,
  PROP_N_THUMBNAILS,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  McFileStrip *strip;
  GtkPicture *picture;
} Drawing;

static void
thumbnail_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Drawing *d = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = mc_thumbnail_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (texture != NULL)
        gtk_picture_set_paintable (d->picture, GDK_PAINTABLE (texture));
      else
        gtk_widget_set_tooltip_text (GTK_WIDGET (d->picture), error->message);
      d->strip->n_thumbnails++;
      g_object_notify_by_pspec (G_OBJECT (d->strip), properties[PROP_N_THUMBNAILS]);
    }
  g_object_unref (d->picture);
  g_object_unref (d->strip);
  g_free (d);
}

/* Removes file @file_id, attached here, from the dossier (mc_store_remove_file(): audited;
 * refused while it is being sent). Its picture goes. */
gboolean
mc_file_strip_remove (McFileStrip  *self,
                      gint64        file_id,
                      GError      **error)
{
  g_autofree char *actor = NULL;
  GtkWidget *picture;

  g_return_val_if_fail (MC_IS_FILE_STRIP (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);
  actor = mc_official_name (self->store);
  if (!mc_store_remove_file (self->store, file_id, actor, error))
    return FALSE;
  if ((picture = g_hash_table_lookup (self->pictures, &file_id)) != NULL)
    {
      g_hash_table_remove (self->pictures, &file_id);
      gtk_box_remove (self->thumbnails, picture);
      mc_file_strip_count (self, -1);
    }
  return TRUE;
}

/* What a page viewer's "remove", and then the question, act on. The strip is not kept alive
 * for it: a strip gone (another dossier shown) has nothing left to remove. */
typedef struct
{
  GWeakRef strip;
  gint64 file_id;
} Removal;

static Removal *
removal_new (McFileStrip *strip,
             gint64       file_id)
{
  Removal *removal = g_new0 (Removal, 1);

  g_weak_ref_init (&removal->strip, strip);
  removal->file_id = file_id;
  return removal;
}

static void
removal_free (gpointer  data,
              GClosure *closure)
{
  Removal *removal = data;

  g_weak_ref_clear (&removal->strip);
  g_free (removal);
}

/* The question is the viewer's (its transient parent): the viewer goes with the file. */
static void
on_removal_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Removal          *removal)
{
  g_autoptr(McFileStrip) self = g_weak_ref_get (&removal->strip);
  GtkWindow *viewer = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove") || self == NULL || viewer == NULL)
    return;
  if (mc_file_strip_remove (self, removal->file_id, &error))
    gtk_window_destroy (viewer);
  else
    mc_alert (GTK_WIDGET (self), _("The file cannot be removed"), error->message);
}

/* Removing is said first: what stays where, and that it is recorded. */
static void
ask_removal (McPageViewer *viewer,
             Removal      *removal)
{
  g_autoptr(McFileStrip) self = g_weak_ref_get (&removal->strip);
  GtkWidget *dialog;

  if (self == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (viewer), _("Remove the File from the Dossier?"),
                                   _("It is no longer listed with the dossier here; a copy already "
                                     "sent stays on the ministry system. The removal is recorded in "
                                     "the audit log."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_removal_response),
                         removal_new (self, removal->file_id), removal_free, 0);
  mc_message_present (GTK_WINDOW (dialog));
}

/* What a picture's button opens: the file in the page viewer. */
typedef struct
{
  McFileStrip *strip;        /* not owned: the button is inside it */
  char *path;
  char *name;
  gint64 file_id;            /* attached here, so removable; or 0 */
} Thumbnail;

static void
thumbnail_free (gpointer  data,
                GClosure *closure)
{
  Thumbnail *t = data;

  g_free (t->path);
  g_free (t->name);
  g_free (t);
}

static void
open_viewer (GtkButton *button,
             Thumbnail *t)
{
  McFileStrip *self = t->strip;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkWidget *viewer = mc_page_viewer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, t->path, t->name);

  /* A file this office attached to the stored dossier can be removed from it. */
  if (t->file_id > 0 && self->store != NULL && self->dossier_id > 0)
    {
      mc_page_viewer_set_removable (MC_PAGE_VIEWER (viewer), TRUE);
      g_signal_connect_data (viewer, "remove", G_CALLBACK (ask_removal), removal_new (self, t->file_id),
                             removal_free, 0);
    }
  gtk_window_present (GTK_WINDOW (viewer));
}

/* One file more (@delta 1) or less (-1) shown. */
void
mc_file_strip_count (McFileStrip *self,
                     int          delta)
{
  self->n_files += delta;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FILES]);
}

void
mc_file_strip_set_busy (McFileStrip *self,
                        gboolean     busy)
{
  self->n_busy = busy ? self->n_busy + 1 : self->n_busy - 1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* A picture of @path's first page, named @name, marked @reused, after @sibling (NULL: last);
 * @file_id: the file's, when it is attached here (it can be removed then), or 0.
 * Returns: (transfer none): its button. */
GtkWidget *
mc_file_strip_add_thumbnail (McFileStrip *self,
                             const char  *path,
                             const char  *name,
                             gboolean     reused,
                             gint64       file_id,
                             GtkWidget   *sibling)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *picture = gtk_picture_new ();
  g_autofree char *tip = reused ? g_strdup_printf (_("%s (reused)"), name) : g_strdup (name);
  Drawing *d = g_new0 (Drawing, 1);
  Thumbnail *t = g_new0 (Thumbnail, 1);

  gtk_widget_set_size_request (picture, THUMBNAIL_SIZE * 3 / 4, THUMBNAIL_SIZE);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), picture);
  gtk_widget_add_css_class (button, "thumbnail");
  gtk_widget_set_tooltip_text (button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  *t = (Thumbnail) { self, g_strdup (path), g_strdup (name), file_id };
  g_signal_connect_data (button, "clicked", G_CALLBACK (open_viewer), t, thumbnail_free, 0);
  gtk_box_insert_child_after (self->thumbnails, button,
                              sibling ? sibling : gtk_widget_get_last_child (GTK_WIDGET (self->thumbnails)));
  if (file_id > 0)
    g_hash_table_insert (self->pictures, g_memdup2 (&file_id, sizeof file_id), button);

  d->strip = g_object_ref (self);
  d->picture = g_object_ref (GTK_PICTURE (picture));
  mc_thumbnail_async (path, THUMBNAIL_SIZE * 2, self->cancellable, thumbnail_done, d);
  return button;
}

/* A file of the store (attached here, or listed by the ministry system and downloaded). */
void
mc_file_strip_show_stored (McFileStrip   *self,
                           McStore       *store,
                           const McFile  *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (MC_IS_FILE_STRIP (self));
  if ((path = mc_store_file_content_path (store, file)) != NULL)
    {
      mc_file_strip_add_thumbnail (self, path, file->name, file->reused_from > 0,
                                   file->origin == MC_FILE_LOCAL ? file->id : 0, NULL);
      mc_file_strip_count (self, 1);
    }
  else
    {
      /* Listed by the system, not downloaded: its name, downloaded when pressed. */
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *label = gtk_label_new (file->name);
      g_autofree char *tip = g_strdup_printf (_("%s: on the ministry system, not downloaded yet. Download it"),
                                              file->name);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("folder-download-symbolic"));
      gtk_box_append (GTK_BOX (box), label);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "strip.download");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (file->id));
      gtk_box_append (self->thumbnails, button);
      mc_file_strip_count (self, 1);
    }
}

static void
tell_refusal (McFileStrip  *self,
              GError       *error)
{
  mc_alert (GTK_WIDGET (self), _("The file cannot be attached"), error->message);
}

/* Where a file comes in, whatever brought it: the file chooser, a drop, a scanner's PDF.
 * Anything but a PDF, JPEG or PNG is refused at once. On a stored dossier it is attached in a
 * thread (refused then with the reason, such as too large for the dossier's system: the
 * "busy" property says when it is done); before, it waits for the dialog's action. */
gboolean
mc_file_strip_add_file (McFileStrip  *self,
                        GFile        *file,
                        GError      **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFileInputStream) in = NULL;
  guint8 head[16] = { 0 };
  gsize n = 0;
  GtkWidget *picture;

  g_return_val_if_fail (MC_IS_FILE_STRIP (self), FALSE);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("“%s” is not a file on this computer"), name);
      return FALSE;
    }
  /* A few bytes, read here: the type is told before anything waits or is copied. */
  if (!(in = g_file_read (file, NULL, error))
      || !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &n, NULL, error))
    return FALSE;
  if (mc_file_type_sniff (head, n) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is not a PDF, JPEG or PNG file"), name);
      return FALSE;
    }
  if (self->store != NULL && self->dossier_id > 0)
    {
      mc_file_strip_attach_in_thread (self, path, name);
      return TRUE;
    }
  g_ptr_array_add (self->pending, g_object_ref (file));
  g_ptr_array_add (self->pending_kept, NULL);
  picture = mc_file_strip_add_thumbnail (self, path, name, FALSE, 0, NULL);
  mc_file_strip_count (self, 1);
  if (self->store != NULL)
    mc_file_strip_keep_pending (self, file, path, picture);
  return TRUE;
}

/* The scanner's PDF comes in as an imported one; the dialog keeps nothing of its own. */
static void
on_scanned (McScanDialog *dialog,
            GFile        *pdf,
            McFileStrip  *self)
{
  g_autoptr(GError) error = NULL;

  if (!mc_file_strip_add_file (self, pdf, &error))
    tell_refusal (self, error);
}

static void
scan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McFileStrip *self = MC_FILE_STRIP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  McScanDialog *dialog = mc_scan_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store);

  g_signal_connect_object (dialog, "scanned", G_CALLBACK (on_scanned), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_files (McFileStrip *self,
           GListModel  *files)
{
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autoptr(GError) error = NULL;

      if (!mc_file_strip_add_file (self, file, &error))
        {
          tell_refusal (self, error);
          return;
        }
    }
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  McFileStrip *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      add_files (self, files);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  McFileStrip *self = MC_FILE_STRIP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Attach Files"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF, JPEG and PNG files"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Attaches file @parameter of an earlier dossier of the same citizen (reuse, marked so). */
gboolean
mc_file_strip_reuse (McFileStrip  *self,
                     gint64        file_id,
                     GError      **error)
{
  g_autofree char *actor = NULL;
  McAttachInput in = { .reuse_from = file_id, .kind = MC_FILE_COMPONENT };
  g_autoptr(McFile) stored = NULL;
  gint64 id = 0;

  g_return_val_if_fail (MC_IS_FILE_STRIP (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);
  if (self->dossier_id == 0)
    {
      /* Before the dossier: shown, and attached with it. */
      g_autoptr(McFile) from = mc_store_get_file (self->store, file_id, error);
      g_autofree char *path = from ? mc_store_file_content_path (self->store, from) : NULL;

      if (from == NULL)
        return FALSE;
      for (guint i = 0; i < self->pending_reuse->len; i++)
        if (g_array_index (self->pending_reuse, gint64, i) == file_id)
          return TRUE;
      g_array_append_val (self->pending_reuse, file_id);
      if (path != NULL)
        mc_file_strip_add_thumbnail (self, path, from->name, TRUE, 0, NULL);
      mc_file_strip_count (self, 1);
      return TRUE;
    }
  actor = mc_official_name (self->store);
  in.component = self->document;
  if (!mc_store_attach_file (self->store, self->dossier_id, &in, actor, &id, error)
      || !(stored = mc_store_get_file (self->store, id, error)))
    return FALSE;
  /* The same content for this document is kept once (the store gives the existing file):
   * shown once. */
  if (g_hash_table_contains (self->pictures, &id))
    return TRUE;
  mc_file_strip_show_stored (self, self->store, stored);
  return TRUE;
}

static void
reuse_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!mc_file_strip_reuse (MC_FILE_STRIP (widget), g_variant_get_int64 (parameter), &error))
    tell_refusal (MC_FILE_STRIP (widget), error);
}

/* The files of the citizen's earlier dossiers this document may take (mc_store_reusable_files()):
 * offered in the reuse menu, hidden when there are none. */
void
mc_file_strip_set_reusable (McFileStrip *self,
                            GPtrArray   *files)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  g_return_if_fail (MC_IS_FILE_STRIP (self));
  for (guint i = 0; files && i < files->len; i++)
    {
      McFile *f = g_ptr_array_index (files, i);
      g_autofree char *label = f->component ? g_strdup_printf ("%s — %s", f->component, f->name) : g_strdup (f->name);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "strip.reuse", g_variant_new_int64 (f->id));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->reuse_button), G_MENU_MODEL (menu));
  gtk_widget_set_visible (self->reuse_button, files != NULL && files->len > 0 && self->store != NULL);
}

static void
download_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  mc_file_strip_download (MC_FILE_STRIP (widget), g_variant_get_int64 (parameter));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  McFileStrip *self = user_data;
  g_autoptr(GSList) list = gdk_file_list_get_files (g_value_get_boxed (value));
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  for (GSList *l = list; l; l = l->next)
    g_list_store_append (files, l->data);
  add_files (self, G_LIST_MODEL (files));
  return TRUE;
}

static void
blob_info_free (gpointer data)
{
  McBlobInfo *info = data;

  if (info != NULL)
    mc_blob_info_clear (info);
  g_free (info);
}

static void
mc_file_strip_dispose (GObject *object)
{
  McFileStrip *self = MC_FILE_STRIP (object);

  g_cancellable_cancel (self->cancellable);
  g_hash_table_remove_all (self->pictures);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_FILE_STRIP);
  g_clear_object (&self->store);
  g_clear_object (&self->engine);
  G_OBJECT_CLASS (mc_file_strip_parent_class)->dispose (object);
}

static void
mc_file_strip_finalize (GObject *object)
{
  McFileStrip *self = MC_FILE_STRIP (object);

  g_free (self->document);
  g_ptr_array_unref (self->pending);
  g_ptr_array_unref (self->pending_kept);
  g_array_unref (self->pending_reuse);
  g_hash_table_unref (self->pictures);
  g_clear_object (&self->job_store);   /* every job is over: each held the strip */
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (mc_file_strip_parent_class)->finalize (object);
}

static void
mc_file_strip_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  McFileStrip *self = MC_FILE_STRIP (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_string (value, self->document);
      break;
    case PROP_N_FILES:
      g_value_set_uint (value, self->n_files);
      break;
    case PROP_N_THUMBNAILS:
      g_value_set_uint (value, self->n_thumbnails);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_file_strip_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  McFileStrip *self = MC_FILE_STRIP (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_free (self->document);
      self->document = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_file_strip_class_init (McFileStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_file_strip_dispose;
  object_class->finalize = mc_file_strip_finalize;
  object_class->get_property = mc_file_strip_get_property;
  object_class->set_property = mc_file_strip_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_string ("document", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_FILES] =
    g_param_spec_uint ("n-files", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_THUMBNAILS] =
    g_param_spec_uint ("n-thumbnails", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-file-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, McFileStrip, box);
  gtk_widget_class_bind_template_child (widget_class, McFileStrip, thumbnails);
  gtk_widget_class_bind_template_child (widget_class, McFileStrip, import_button);
  gtk_widget_class_bind_template_child (widget_class, McFileStrip, reuse_button);
  gtk_widget_class_bind_template_child (widget_class, McFileStrip, scan_button);
  gtk_widget_class_install_action (widget_class, "strip.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "strip.reuse", "x", reuse_action);
  gtk_widget_class_install_action (widget_class, "strip.scan", NULL, scan_action);
  gtk_widget_class_install_action (widget_class, "strip.download", "x", download_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mc_file_strip_init (McFileStrip *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_kept = g_ptr_array_new_with_free_func (blob_info_free);
  self->pending_reuse = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pictures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_queue_init (&self->waiting_jobs);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
mc_file_strip_new (const char *document)
{
  return g_object_new (MC_TYPE_FILE_STRIP, "document", document, NULL);
}

const char *
mc_file_strip_get_document (McFileStrip *self)
{
  g_return_val_if_fail (MC_IS_FILE_STRIP (self), NULL);
  return self->document;
}

/* From now on, files added are attached to dossier @dossier_id at once; with @dossier_id 0,
 * they wait for the dossier, and the citizen's earlier files (@store's) can be reused. */
void
mc_file_strip_set_dossier (McFileStrip *self,
                           McStore     *store,
                           gint64       dossier_id)
{
  g_return_if_fail (MC_IS_FILE_STRIP (self));
  g_set_object (&self->store, store);
  self->dossier_id = dossier_id;
}

/* The engine that downloads the files the ministry system lists (NULL: none can be). */
void
mc_file_strip_set_sync_engine (McFileStrip  *self,
                               McSyncEngine *engine)
{
  g_return_if_fail (MC_IS_FILE_STRIP (self));
  g_set_object (&self->engine, engine);
}

/* Returns: (transfer none) (element-type GFile): the files waiting for the dossier. */
GPtrArray *
mc_file_strip_get_pending (McFileStrip *self)
{
  g_return_val_if_fail (MC_IS_FILE_STRIP (self), NULL);
  return self->pending;
}

/* Returns: (nullable) (transfer none): the content of pending file @i as kept in the profile,
 * NULL while it is being kept (or when the strip has no store). */
const McBlobInfo *
mc_file_strip_get_pending_kept (McFileStrip *self,
                                guint        i)
{
  g_return_val_if_fail (MC_IS_FILE_STRIP (self), NULL);
  g_return_val_if_fail (i < self->pending_kept->len, NULL);
  return g_ptr_array_index (self->pending_kept, i);
}

/* Returns: (transfer none) (element-type gint64): the earlier files reused, waiting for the
 * dossier. */
GArray *
mc_file_strip_get_pending_reuse (McFileStrip *self)
{
  g_return_val_if_fail (MC_IS_FILE_STRIP (self), NULL);
  return self->pending_reuse;
}

/* Returns: (nullable) (transfer none): the button of the picture of file @file_id, attached
 * here (it opens the page viewer, where the file can be removed). */
GtkWidget *
mc_file_strip_get_picture (McFileStrip *self,
                           gint64       file_id)
{
  g_return_val_if_fail (MC_IS_FILE_STRIP (self), NULL);
  return g_hash_table_lookup (self->pictures, &file_id);
}

/* Whether an attachment or a download is under way (property "busy"). */
gboolean
mc_file_strip_is_busy (McFileStrip *self)
{
  g_return_val_if_fail (MC_IS_FILE_STRIP (self), FALSE);
  return self->n_busy > 0;
}

guint
mc_file_strip_get_n_files (McFileStrip *self)
{
  g_return_val_if_fail (MC_IS_FILE_STRIP (self), 0);
  return self->n_files;
}

guint
mc_file_strip_get_n_thumbnails (McFileStrip *self)
{
  g_return_val_if_fail (MC_IS_FILE_STRIP (self), 0);
  return self->n_thumbnails;
}

/* The scanner's button, insensitive until scanning is wired (its "clicked" is to open the scan
 * dialog, whose PDF then goes to mc_file_strip_add_file()). */
GtkWidget *
mc_file_strip_get_scan_button (McFileStrip *self)
{
  g_return_val_if_fail (MC_IS_FILE_STRIP (self), NULL);
  return self->scan_button;
}
