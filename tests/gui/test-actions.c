/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "mc-action-bar.h"
#include "mc-action-dialog.h"
#include "mc-catalog.h"
#include "mc-format.h"
#include "mc-intake-dialog.h"
#include "mc-page-viewer.h"
#include "mc-queue-row.h"
#include "mc-review-window.h"
#include "mc-store-actions.h"
#include "mc-store-blobs.h"
#include "mc-store-audit.h"
#include "mc-store-outbox.h"
#include "mc-store-settings.h"
#include "mc-store-sync.h"
#include "mc-time.h"
#include "mc-print-preview.h"
#include "mc-window-private.h"

/* The official's work in the window, on a generated profile: the actions offered for each
 * status, an action dialog refusing and then applying, the counter intake, the needs-review
 * page resolving a conflict and a rejection, and a form saved as PDF. The store and plain SQL
 * check what the window did. */

#define N_DOSSIERS 400

static struct {
  char *profile;
  McApplication *app;
  McWindow *window;
  McStore *store;   /* the test's own connection */
  sqlite3 *db;      /* a raw one, for facts independent of the store */
  gint64 received_id;
} fx;

static char *
build_path (const char *name)
{
  return g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", "gui", name, NULL);
}

/* The visible toplevel of @type opened last, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

static void
close_offers (void)
{
  GtkWindow *offer;

  while ((offer = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    {
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (offer), "later");
      gtk_window_destroy (offer);
    }
}

static gint64
dossier_in_status (McStatus status)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM dossiers WHERE status = %d AND id NOT IN "
                                          "(SELECT dossier_id FROM outbox) ORDER BY id LIMIT 1", status);

  return mc_test_query_int (fx.db, sql);
}

static void
open_dossier (gint64 id)
{
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.open-dossier", "x", id);
  g_assert_cmpint (mc_dossier_view_get_dossier_id (fx.window->dossier_view), ==, id);
}

static McActionBar *
action_bar (void)
{
  GtkWidget *bar = mc_test_find_widget (GTK_WIDGET (fx.window->dossier_view), MC_TYPE_ACTION_BAR);

  g_assert_nonnull (bar);
  return MC_ACTION_BAR (bar);
}

/* For a dossier in each status: the buttons are exactly the store's allowed actions, every one
 * a transition of the status table, and none of the others is shown. */
static void
test_allowed (void)
{
  for (McStatus status = MC_STATUS_FIRST; status <= MC_STATUS_LAST; status++)
    {
      gint64 id = dossier_in_status (status);
      g_autoptr(GArray) allowed = NULL;
      g_auto(GStrv) offered = NULL;

      if (id <= 0)
        continue;
      open_dossier (id);
      allowed = mc_store_actions_allowed (fx.store, id, NULL);
      offered = mc_action_bar_list_actions (action_bar ());
      g_test_message ("%s: %u actions", mc_status_label (status), g_strv_length (offered));
      g_assert_cmpuint (g_strv_length (offered), ==, allowed->len);
      for (guint i = 0; i < allowed->len; i++)
        g_assert_cmpstr (offered[i], ==, mc_action_id (g_array_index (allowed, McAction, i)));
      for (McAction a = MC_ACTION_INVALID + 1; a <= MC_ACTION_LAST; a++)
        {
          GtkWidget *button = mc_action_bar_get_button (action_bar (), a);

          if (!mc_transition_allowed (status, a))
            g_assert_null (button);
          else if (button != NULL)
            g_assert_true (gtk_widget_get_visible (button));
        }
      if (mc_status_is_final (status))
        g_assert_cmpuint (g_strv_length (offered), ==, 0);
    }
  /* A dossier just submitted online can at least be received or refused. */
  open_dossier (dossier_in_status (MC_STATUS_SUBMITTED));
  g_assert_nonnull (mc_action_bar_get_button (action_bar (), MC_ACTION_RECEIVE));
  g_assert_nonnull (mc_action_bar_get_button (action_bar (), MC_ACTION_REFUSE));
  g_assert_null (mc_action_bar_get_button (action_bar (), MC_ACTION_RETURN_RESULT));
  {
    g_autofree char *shot = build_path ("screenshot-action-bar.png");

    mc_test_wait_frame (GTK_WIDGET (fx.window));
    g_assert_true (mc_test_save_png (GTK_WIDGET (fx.window), shot));
    g_test_message ("screenshot: %s", shot);
  }
}

/* The Print menu offers the forms the dossier may have now: a returned dossier no refusal,
 * apology or stop notice; a refused one only the refusal; one just submitted online none. */
static void
test_print_menu (void)
{
  static const struct { McStatus status; const char *forms; } expected[] = {
    { MC_STATUS_RETURNED, "receipt control" },
    { MC_STATUS_REFUSED, "refusal" },
    { MC_STATUS_SUBMITTED, "" },
    { MC_STATUS_SUPPLEMENT_REQUESTED, "receipt supplement control" },
    { MC_STATUS_STOPPED, "stop control" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gint64 id = dossier_in_status (expected[i].status);
      g_auto(GStrv) offered = NULL;
      g_autofree char *joined = NULL;

      if (id <= 0)
        continue;
      open_dossier (id);
      offered = mc_action_bar_list_forms (action_bar ());
      joined = g_strjoinv (" ", offered);
      g_test_message ("%s: %s", mc_status_label (expected[i].status), joined);
      g_assert_cmpstr (joined, ==, expected[i].forms);
    }
}

static McActionDialog *
open_action (gint64      id,
             const char *action)
{
  GtkWindow *dialog;

  open_dossier (id);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.act", "(xs)", id, action);
  dialog = find_toplevel (MC_TYPE_ACTION_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (mc_action_id (mc_action_dialog_get_action (MC_ACTION_DIALOG (dialog))), ==, action);
  return MC_ACTION_DIALOG (dialog);
}

static const McQueueEntry *
queue_entry (gint64    id,
             GObject **out_row)
{
  McQueueModel *model = fx.window->model;
  guint position = mc_queue_model_find (model, id);

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  *out_row = g_list_model_get_item (G_LIST_MODEL (model), position);
  return mc_queue_row_get_entry (MC_QUEUE_ROW (*out_row));
}

typedef struct
{
  gint64 id;
  McStatus status;
} Shown;

static gboolean
shown_is (gpointer data)
{
  Shown *shown = data;
  McDossier *d = mc_dossier_view_get_dossier (fx.window->dossier_view);
  guint position = mc_queue_model_find (fx.window->model, shown->id);
  g_autoptr(GObject) row = NULL;

  if (d == NULL || d->id != shown->id || d->status != shown->status || position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  row = g_list_model_get_item (G_LIST_MODEL (fx.window->model), position);
  return mc_queue_row_get_entry (MC_QUEUE_ROW (row))->status == shown->status;
}

/* Waits until the detail and the queue show dossier @id in @status. */
static void
wait_shown (gint64   id,
            McStatus status)
{
  Shown shown = { id, status };

  g_assert_true (mc_test_wait (shown_is, &shown, 20000));
}

/* A supplement request: refused without items (the message shown), applied with them. */
static void
test_dialog (void)
{
  gint64 id = dossier_in_status (MC_STATUS_PROCESSING);
  g_autofree char *sql = NULL;
  g_autofree char *shot = build_path ("screenshot-action-dialog.png");
  g_autoptr(GObject) row = NULL;
  McActionDialog *dialog;

  g_assert_cmpint (id, >, 0);
  dialog = open_action (id, "request-supplement");
  g_assert_null (mc_action_dialog_get_error (dialog));
  g_assert_false (mc_action_dialog_apply (dialog));   /* one empty item row */
  g_assert_cmpstr (mc_action_dialog_get_error (dialog), ==, "A missing item is empty: describe it or remove it");
  g_assert_true (find_toplevel (MC_TYPE_ACTION_DIALOG) == GTK_WINDOW (dialog));

  /* Editing takes the message away; an item left empty brings it back. */
  mc_action_dialog_add_item (dialog, "Bản sao Giấy khai sinh có chứng thực");
  g_assert_null (mc_action_dialog_get_error (dialog));
  mc_action_dialog_set_note (dialog, "Bổ sung trong 5 ngày làm việc");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.add-item", NULL);
  g_assert_false (mc_action_dialog_apply (dialog));
  g_assert_cmpstr (mc_action_dialog_get_error (dialog), ==, "A missing item is empty: describe it or remove it");
  mc_test_wait_frame (GTK_WIDGET (dialog));
  g_assert_true (mc_test_save_png (GTK_WIDGET (dialog), shot));
  g_test_message ("screenshot: %s", shot);
  mc_action_dialog_add_item (dialog, "Ảnh 4x6 chụp trong 6 tháng gần nhất");
  g_assert_true (mc_action_dialog_apply (dialog));

  sql = g_strdup_printf ("SELECT status FROM dossiers WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (mc_test_query_int (fx.db, sql), ==, MC_STATUS_SUPPLEMENT_REQUESTED);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE dossier_id = %" G_GINT64_FORMAT
                         " AND action = 'request-supplement' AND state = 'pending'", id);
  g_assert_cmpint (mc_test_query_int (fx.db, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE dossier_id = %" G_GINT64_FORMAT
                         " AND action = 'request-supplement'", id);
  g_assert_cmpint (mc_test_query_int (fx.db, sql), ==, 1);
  /* The queue shows the new state as soon as the change stream tells it, with the
   * not-yet-synced marker; so does the view. */
  wait_shown (id, MC_STATUS_SUPPLEMENT_REQUESTED);
  g_assert_cmpint (queue_entry (id, &row)->status, ==, MC_STATUS_SUPPLEMENT_REQUESTED);
  g_assert_cmpuint (mc_queue_row_get_entry (MC_QUEUE_ROW (row))->n_unsynced, ==, 1);
  g_assert_cmpint (mc_dossier_view_get_dossier (fx.window->dossier_view)->status, ==,
                   MC_STATUS_SUPPLEMENT_REQUESTED);
  /* The supplement request is a form: offered at once. */
  g_assert_nonnull (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  close_offers ();
}

/* Whether a preferences group under @widget has a description containing @text. */
static gboolean
group_says (GtkWidget  *widget,
            const char *text)
{
  const char *description = ADW_IS_PREFERENCES_GROUP (widget)
                            ? adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)) : NULL;

  if (description != NULL && strstr (description, text) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (group_says (c, text))
      return TRUE;
  return FALSE;
}

/* A reschedule needs a readable, later due date; one typed for a closed office moves to the
 * next office time, as the dialog says before it is applied. */
static void
test_reschedule (void)
{
  gint64 id = dossier_in_status (MC_STATUS_PROCESSING);
  g_autoptr(McDossier) before = mc_store_get_dossier (fx.store, id, NULL);
  g_autoptr(McDossier) after = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *later_text = NULL;
  McActionDialog *dialog = open_action (id, "reschedule");

  mc_action_dialog_set_note (dialog, "Chờ ý kiến của cơ quan phối hợp");
  mc_action_dialog_set_due (dialog, "ngày mai");
  g_assert_false (mc_action_dialog_apply (dialog));
  g_assert_nonnull (strstr (mc_action_dialog_get_error (dialog), "DD/MM/YYYY HH:MM"));
  mc_action_dialog_set_due (dialog, "2020-01-02 08:00");
  g_assert_false (mc_action_dialog_apply (dialog));
  g_test_message ("earlier due: %s", mc_action_dialog_get_error (dialog));
  g_assert_nonnull (mc_action_dialog_get_error (dialog));

  {
    g_autoptr(GDateTime) due = mc_time_to_local (before->due_at);
    later = g_date_time_add_days (due, 7);  /* the same weekday and hour: in office hours */
  }
  later_text = g_date_time_format (later, "%Y-%m-%d 16:00");
  mc_action_dialog_set_due (dialog, later_text);
  g_assert_false (group_says (GTK_WIDGET (dialog), "outside office hours"));
  g_free (later_text);
  later_text = g_date_time_format (later, "%Y-%m-%d 22:00");
  mc_action_dialog_set_due (dialog, later_text);
  g_assert_true (group_says (GTK_WIDGET (dialog), "outside office hours"));
  g_assert_true (mc_action_dialog_apply (dialog));
  after = mc_store_get_dossier (fx.store, id, NULL);
  g_assert_cmpint (after->due_at, >, before->due_at);
  g_assert_true (mc_store_due_moved (fx.store, after->due_at, &(gint64) { 0 }) == NULL);   /* an office time */
  g_assert_nonnull (strstr (((McStep *) g_ptr_array_index (after->history, after->history->len - 1))->note,
                            "outside office hours"));
  g_assert_nonnull (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));   /* the apology */
  close_offers ();
}

/* Resolve with its result documents, then return the result by the chosen method. */
static void
test_resolve_and_return (void)
{
  gint64 id = dossier_in_status (MC_STATUS_PROCESSING);
  g_autoptr(McDossier) after = NULL;
  McActionDialog *dialog = open_action (id, "resolve");

  g_assert_false (mc_action_dialog_apply (dialog));
  g_assert_cmpstr (mc_action_dialog_get_error (dialog), ==, "A result document has no name");
  mc_action_dialog_add_result (dialog, "Giấy chứng nhận câu lạc bộ thể thao cơ sở", "123/GCN-UBND");
  g_assert_true (mc_action_dialog_apply (dialog));
  close_offers ();

  dialog = open_action (id, "return-result");
  mc_action_dialog_set_method (dialog, MC_CHANNEL_POST);
  g_assert_true (mc_action_dialog_apply (dialog));
  close_offers ();
  after = mc_store_get_dossier (fx.store, id, NULL);
  g_assert_cmpint (after->status, ==, MC_STATUS_RETURNED);
  g_assert_cmpuint (after->results->len, ==, 1);
  g_assert_cmpstr (((McResult *) g_ptr_array_index (after->results, 0))->number, ==, "123/GCN-UBND");
  g_assert_cmpint (after->return_method, ==, MC_CHANNEL_POST);
}

static GtkWidget *find_action_button (GtkWidget  *widget,
                                      const char *action_name);

static McIntakeDialog *
open_intake (void)
{
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.receive-new", NULL);
  dialog = find_toplevel (MC_TYPE_INTAKE_DIALOG);
  g_assert_nonnull (dialog);
  return MC_INTAKE_DIALOG (dialog);
}

static void
on_received (McIntakeDialog *dialog,
             gint64          id,
             gint64         *out_id)
{
  *out_id = id;
}

/* Confirms @dialog on the pinned day, 24 November 2026 — Vietnamese Culture Day, a day off
 * since 2026: the window asks before receiving, and receives once the official says so.
 * Returns: the new dossier's id. */
static gint64
confirm_after_hours (McIntakeDialog *dialog)
{
  gint64 id = 0;
  GtkWindow *ask;

  g_signal_connect (dialog, "received", G_CALLBACK (on_received), &id);
  g_assert_cmpint (mc_intake_dialog_confirm (dialog), ==, 0);
  ask = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (ask);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (ask)), "outside office hours"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (ask), "receive");
  return id;
}

/* A procedure of a ministry the sample profile has a system for, found by a folded search. */
static const McProcedure *
sample_procedure (void)
{
  g_autoptr(GPtrArray) found = mc_catalog_search (mc_catalog_get_default (), "cau lac bo the thao");

  g_assert_nonnull (found);
  for (guint i = 0; i < found->len; i++)
    {
      const McProcedure *p = g_ptr_array_index (found, i);

      if (!g_str_equal (p->ministry, "LT"))
        return p;
    }
  g_assert_not_reached ();
}

/* A real two-page PDF, as a scanner's software writes one. */
static char *
write_scan (void)
{
  char *path = build_path ("test-actions-scan.pdf");
  cairo_surface_t *pdf = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (pdf);

  for (int page = 0; page < 2; page++)
    {
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_rectangle (cr, 60, 60 + page * 100, 400, 40);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (pdf);
  return path;
}

static gboolean
page_drawn (gpointer data)
{
  return !mc_page_viewer_is_loading (data);
}

static gboolean
strip_idle (gpointer data)
{
  return !mc_file_strip_is_busy (data);
}

static gboolean
thumbnail_drawn (gpointer data)
{
  return mc_file_strip_get_n_thumbnails (data) > 0;
}

static void
test_receive_new (void)
{
  McCatalog *catalog = mc_catalog_get_default ();
  const McProcedure *proc = sample_procedure ();
  g_autofree char *valid_id = g_strdup_printf ("0%s190000123", mc_catalog_get_province_code (catalog, 0));
  g_autofree char *shot = build_path ("screenshot-receive-new.png");
  g_autofree char *expected_due = NULL, *shown_due = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *number = NULL, *kept_hash = NULL;
  const char *documents[] = { "Đơn đề nghị công nhận câu lạc bộ thể thao cơ sở", NULL };
  McIntake intake = { .procedure_code = proc->code, .applicant_name = "Nguyễn Thị Hồng Nhung",
                      .id_number = valid_id, .documents = documents, .fee_vnd = -1 };
  McIntakeDialog *dialog = open_intake ();
  McDossierView *view = fx.window->dossier_view;
  gint64 id;

  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fx.app), "win.receive-new");

  g_assert_cmpstr (accels[0], ==, "<Control>n");
  /* Searched without diacritics, as typed at the counter. */
  mc_intake_dialog_search (dialog, "CÂU LẠC BỘ thể thao");
  g_assert_cmpuint (mc_intake_dialog_get_n_matches (dialog), >, 0);
  mc_intake_dialog_search (dialog, proc->code);
  g_assert_true (mc_intake_dialog_select_procedure (dialog, proc->code));
  mc_intake_dialog_add_document (dialog, documents[0]);
  /* The form digitised at the counter: imported as a file (a scan comes the same way). */
  {
    g_autofree char *scan = write_scan ();
    g_autoptr(GFile) file = g_file_new_for_path (scan);
    g_autoptr(GError) error = NULL;
    McFileStrip *strip;

    g_assert_true (mc_intake_dialog_add_file (dialog, documents[0], file, &error));
    g_assert_no_error (error);
    strip = mc_intake_dialog_get_files (dialog, documents[0]);
    g_assert_cmpuint (mc_file_strip_get_n_files (strip), ==, 1);
    g_assert_true (mc_test_wait (thumbnail_drawn, strip, 10000));
    /* Copied into the profile and hashed in a thread while the official goes on. */
    g_assert_true (mc_test_wait (strip_idle, strip, 10000));
    g_assert_nonnull (mc_file_strip_get_pending_kept (strip, 0));
    kept_hash = g_strdup (mc_file_strip_get_pending_kept (strip, 0)->hash);
    {
      g_autofree char *blob = mc_store_blob_path (fx.store, kept_hash);

      g_assert_true (g_file_test (blob, G_FILE_TEST_IS_REGULAR));
    }
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (mc_file_strip_get_scan_button (strip))), ==,
                     "strip.scan");
    /* Its pages, in the viewer. */
    {
      GtkWidget *viewer = mc_page_viewer_new (GTK_WINDOW (dialog), scan, "scan");

      /* Opened and drawn in a thread. */
      g_assert_true (mc_page_viewer_is_loading (MC_PAGE_VIEWER (viewer)));
      g_assert_true (mc_test_wait (page_drawn, viewer, 10000));
      g_assert_cmpint (mc_page_viewer_get_n_pages (MC_PAGE_VIEWER (viewer)), ==, 2);
      g_assert_true (gtk_widget_activate_action (viewer, "viewer.next", NULL));
      g_assert_cmpint (mc_page_viewer_get_page (MC_PAGE_VIEWER (viewer)), ==, 1);
      g_assert_true (mc_test_wait (page_drawn, viewer, 10000));
      gtk_widget_activate_action (viewer, "viewer.next", NULL);  /* past the last page: stays */
      g_assert_cmpint (mc_page_viewer_get_page (MC_PAGE_VIEWER (viewer)), ==, 1);
      gtk_window_destroy (GTK_WINDOW (viewer));
    }
  }

  mc_intake_dialog_set_applicant (dialog, intake.applicant_name, "12345");
  g_assert_false (mc_intake_dialog_continue (dialog));
  g_assert_cmpstr (mc_intake_dialog_get_error (dialog), ==, "The ID number must have exactly 12 digits");
  mc_intake_dialog_set_applicant (dialog, intake.applicant_name, "099190000123");
  g_assert_false (mc_intake_dialog_continue (dialog));
  g_assert_cmpstr (mc_intake_dialog_get_error (dialog), ==, "The ID number starts with 099, which is not a province code");
  g_assert_false (mc_intake_dialog_is_confirming (dialog));
  {
    g_autofree char *form_shot = build_path ("screenshot-receive-new-refused.png");

    mc_test_wait_frame (GTK_WIDGET (dialog));
    g_assert_true (mc_test_save_png (GTK_WIDGET (dialog), form_shot));
    g_test_message ("screenshot: %s", form_shot);
  }

  mc_intake_dialog_set_applicant (dialog, intake.applicant_name, valid_id);
  /* Filed by proxy: named, identified and authorised, or not taken. */
  mc_intake_dialog_set_proxy (dialog, " ", NULL, NULL);
  g_assert_false (mc_intake_dialog_continue (dialog));
  g_assert_nonnull (strstr (mc_intake_dialog_get_error (dialog), "proxy's full name"));
  mc_intake_dialog_set_proxy (dialog, "Trần Văn Tâm", "12345", "Giấy ủy quyền số 7/UQ ngày 20/11/2026");
  g_assert_false (mc_intake_dialog_continue (dialog));
  g_assert_nonnull (strstr (mc_intake_dialog_get_error (dialog), "proxy's ID number"));
  mc_intake_dialog_set_proxy (dialog, "Trần Văn Tâm", valid_id, "Giấy ủy quyền số 7/UQ ngày 20/11/2026");
  g_assert_true (mc_intake_dialog_continue (dialog));
  g_assert_null (mc_intake_dialog_get_error (dialog));
  g_assert_true (mc_intake_dialog_is_confirming (dialog));
  /* The procedure's 15 working days are only assumed by the catalog: the date is marked
   * provisional, and the dossier is received once the official checked it. */
  g_assert_true (proc->duration_assumed);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (mc_intake_dialog_get_due_group (dialog))), "Provisional"));
  g_assert_false (mc_due_group_get_ready (mc_intake_dialog_get_due_group (dialog)));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (dialog), "intake.confirm")));
  g_assert_cmpint (mc_intake_dialog_confirm (dialog), ==, 0);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  mc_due_group_set_due (mc_intake_dialog_get_due_group (dialog), NULL, TRUE);
  g_assert_true (mc_due_group_get_ready (mc_intake_dialog_get_due_group (dialog)));
  g_assert_true (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (dialog), "intake.confirm")));
  /* The due date shown before confirming is the store's for the same input. */
  expected_due = mc_format_time (mc_store_intake_preview (fx.store, &intake, NULL));
  g_assert_cmpstr (mc_intake_dialog_get_due_text (dialog), ==, expected_due);
  mc_test_wait_frame (GTK_WIDGET (dialog));
  g_assert_true (mc_test_save_png (GTK_WIDGET (dialog), shot));
  g_test_message ("screenshot: %s (due %s)", shot, expected_due);

  id = confirm_after_hours (dialog);
  g_assert_cmpint (id, >, 0);
  sql = g_strdup_printf ("SELECT number FROM dossiers WHERE id = %" G_GINT64_FORMAT " AND provisional = 1", id);
  number = mc_test_query_text (fx.db, sql);
  g_assert_nonnull (number);
  g_assert_true (g_str_has_prefix (number, "TAM."));
  /* Opened, marked provisional, and the receipt offered. */
  g_assert_cmpint (mc_dossier_view_get_dossier_id (view), ==, id);
  g_assert_true (mc_dossier_view_get_dossier (view)->provisional);
  /* The proxy and the checked date are kept: the receipt names the one and prints the other firm. */
  g_assert_nonnull (mc_dossier_view_get_dossier (view)->intake);
  g_assert_cmpstr (mc_dossier_view_get_dossier (view)->intake->proxy_name, ==, "Trần Văn Tâm");
  g_assert_true (mc_dossier_view_get_dossier (view)->intake->due_confirmed);
  g_assert_false (mc_catalog_due_is_provisional (catalog, mc_dossier_view_get_dossier (view)));
  shown_due = mc_format_time (mc_dossier_view_get_dossier (view)->due_at);
  g_assert_cmpstr (shown_due, ==, expected_due);
  g_assert_nonnull (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  close_offers ();
  /* The file is kept with the dossier, for its document, and waits to be sent. */
  {
    g_autofree char *files = g_strdup_printf ("SELECT count(*) FROM dossier_files WHERE dossier_id = %" G_GINT64_FORMAT
                                              " AND origin = 'local' AND component = '%s'"
                                              " AND content_type = 'application/pdf' AND hash = '%s'",
                                              id, documents[0], kept_hash);
    g_autofree char *queued = g_strdup_printf ("SELECT count(*) FROM outbox WHERE dossier_id = %" G_GINT64_FORMAT
                                               " AND action = 'attach' AND state = 'pending'", id);

    g_assert_cmpint (mc_test_query_int (fx.db, files), ==, 1);
    g_assert_cmpint (mc_test_query_int (fx.db, queued), ==, 1);
  }
  fx.received_id = id;
}

/* The citizen comes again: the form digitised for the first dossier is offered, and reused. */
static void
test_reuse (void)
{
  McCatalog *catalog = mc_catalog_get_default ();
  g_autofree char *valid_id = g_strdup_printf ("0%s190000123", mc_catalog_get_province_code (catalog, 0));
  const char *documents[] = { "Đơn đề nghị công nhận câu lạc bộ thể thao cơ sở", NULL };
  const McProcedure *proc = sample_procedure ();
  McIntakeDialog *dialog = open_intake ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first_sql = g_strdup_printf ("SELECT id FROM dossier_files WHERE dossier_id = %" G_GINT64_FORMAT
                                                " AND origin = 'local'", fx.received_id);
  g_autofree char *reused_sql = NULL;
  gint64 first, again;
  McFileStrip *strip;

  g_assert_cmpint (fx.received_id, >, 0);
  first = mc_test_query_int (fx.db, first_sql);
  mc_intake_dialog_search (dialog, proc->code);
  g_assert_true (mc_intake_dialog_select_procedure (dialog, proc->code));
  mc_intake_dialog_add_document (dialog, documents[0]);
  mc_intake_dialog_set_applicant (dialog, "Nguyễn Thị Hồng Nhung", valid_id);
  g_assert_true (mc_intake_dialog_continue (dialog));
  /* Corrected rather than checked: a Saturday moves to Monday's opening, and the summary says so. */
  mc_due_group_set_due (mc_intake_dialog_get_due_group (dialog), "not a date", FALSE);
  g_assert_false (mc_due_group_get_ready (mc_intake_dialog_get_due_group (dialog)));
  mc_due_group_set_due (mc_intake_dialog_get_due_group (dialog), "05/12/2026 10:00", FALSE);
  g_assert_true (mc_due_group_get_ready (mc_intake_dialog_get_due_group (dialog)));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (mc_intake_dialog_get_due_group (dialog))), "07/12/2026 07:00"));
  again = confirm_after_hours (dialog);
  g_assert_cmpint (again, >, 0);
  close_offers ();
  {
    g_autoptr(McDossier) d = mc_store_get_dossier (fx.store, again, NULL);
    g_autofree char *due = mc_time_format_short (d->due_at);

    g_assert_cmpstr (due, ==, "07/12/2026 07:00");
    g_assert_true (d->intake->due_confirmed);
    g_assert_null (d->intake->proxy_name);
  }
  g_assert_cmpint (mc_dossier_view_get_dossier_id (fx.window->dossier_view), ==, again);
  strip = MC_FILE_STRIP (mc_test_find_widget (GTK_WIDGET (fx.window->dossier_view), MC_TYPE_FILE_STRIP));
  g_assert_nonnull (strip);
  g_assert_cmpstr (mc_file_strip_get_document (strip), ==, documents[0]);
  g_assert_true (mc_file_strip_reuse (strip, first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mc_file_strip_get_n_files (strip), ==, 1);
  /* Taken twice: kept and shown once. */
  g_assert_true (mc_file_strip_reuse (strip, first, &error));
  g_assert_cmpuint (mc_file_strip_get_n_files (strip), ==, 1);
  reused_sql = g_strdup_printf ("SELECT count(*) FROM dossier_files WHERE dossier_id = %" G_GINT64_FORMAT
                                " AND reused_from = %" G_GINT64_FORMAT, again, first);
  g_assert_cmpint (mc_test_query_int (fx.db, reused_sql), ==, 1);
}

/* The citizen's digitised form is offered in the intake dialog once the ID number is typed,
 * and reused there: the new dossier has it, marked reused, without importing it again. */
static void
test_reuse_at_intake (void)
{
  McCatalog *catalog = mc_catalog_get_default ();
  g_autofree char *valid_id = g_strdup_printf ("0%s190000123", mc_catalog_get_province_code (catalog, 0));
  const char *document = "Đơn đề nghị công nhận câu lạc bộ thể thao cơ sở";
  const McProcedure *proc = sample_procedure ();
  McIntakeDialog *dialog = open_intake ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first_sql = g_strdup_printf ("SELECT id FROM dossier_files WHERE dossier_id = %" G_GINT64_FORMAT
                                                " AND origin = 'local'", fx.received_id);
  g_autofree char *reused_sql = NULL;
  GtkWidget *reuse_button;
  gint64 first, again;
  McFileStrip *strip;

  g_assert_cmpint (fx.received_id, >, 0);
  first = mc_test_query_int (fx.db, first_sql);
  mc_intake_dialog_search (dialog, proc->code);
  g_assert_true (mc_intake_dialog_select_procedure (dialog, proc->code));
  mc_intake_dialog_add_document (dialog, document);
  strip = mc_intake_dialog_get_files (dialog, document);
  reuse_button = mc_test_find_widget (GTK_WIDGET (strip), GTK_TYPE_MENU_BUTTON);
  /* Not offered before the citizen is known. */
  g_assert_false (gtk_widget_get_visible (reuse_button));
  mc_intake_dialog_set_applicant (dialog, "Nguyễn Thị Hồng Nhung", valid_id);
  g_assert_true (gtk_widget_get_visible (reuse_button));
  g_assert_true (mc_file_strip_reuse (strip, first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mc_file_strip_get_n_files (strip), ==, 1);
  g_assert_true (mc_test_wait (thumbnail_drawn, strip, 10000));
  g_assert_true (mc_intake_dialog_continue (dialog));
  mc_due_group_set_due (mc_intake_dialog_get_due_group (dialog), NULL, TRUE);   /* the assumed date, checked */
  again = confirm_after_hours (dialog);
  g_assert_cmpint (again, >, 0);
  close_offers ();
  reused_sql = g_strdup_printf ("SELECT count(*) FROM dossier_files WHERE dossier_id = %" G_GINT64_FORMAT
                                " AND reused_from = %" G_GINT64_FORMAT " AND component = '%s'", again, first, document);
  g_assert_cmpint (mc_test_query_int (fx.db, reused_sql), ==, 1);
  /* Shown on the open dossier, from the store. */
  strip = MC_FILE_STRIP (mc_test_find_widget (GTK_WIDGET (fx.window->dossier_view), MC_TYPE_FILE_STRIP));
  g_assert_nonnull (strip);
  g_assert_cmpuint (mc_file_strip_get_n_files (strip), ==, 1);
}

/* An import on an open dossier is attached in a thread: the strip is busy, then shows it. */
static void
test_attach_in_thread (void)
{
  gint64 id = dossier_in_status (MC_STATUS_PROCESSING);
  g_autofree char *scan = write_scan ();
  g_autoptr(GFile) file = g_file_new_for_path (scan);
  g_autoptr(GFile) text = NULL;
  g_autofree char *text_path = build_path ("test-actions-note.txt");
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM dossier_files WHERE dossier_id = %" G_GINT64_FORMAT
                                          " AND origin = 'local'", id);
  g_autoptr(GError) error = NULL;
  McFileStrip *strip;
  guint before;

  open_dossier (id);
  strip = MC_FILE_STRIP (mc_test_find_widget (GTK_WIDGET (fx.window->dossier_view), MC_TYPE_FILE_STRIP));
  g_assert_nonnull (strip);
  before = mc_file_strip_get_n_files (strip);
  /* Not a PDF, JPEG or PNG: refused at once, nothing queued. */
  g_assert_true (g_file_set_contents (text_path, "not a scan", -1, NULL));
  text = g_file_new_for_path (text_path);
  g_assert_false (mc_file_strip_add_file (strip, text, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (mc_file_strip_add_file (strip, file, &error));
  g_assert_no_error (error);
  g_assert_true (mc_file_strip_is_busy (strip));
  g_assert_true (mc_test_wait (strip_idle, strip, 10000));
  g_assert_cmpint (mc_test_query_int (fx.db, sql), ==, 1);
  /* The view may have been rebuilt by the store's change: the strip shown now has the file. */
  strip = MC_FILE_STRIP (mc_test_find_widget (GTK_WIDGET (fx.window->dossier_view), MC_TYPE_FILE_STRIP));
  g_assert_cmpuint (mc_file_strip_get_n_files (strip), ==, before + 1);
  g_assert_true (mc_test_wait (thumbnail_drawn, strip, 10000));
}

#ifndef __SANITIZE_ADDRESS__
static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}
#endif

static GtkDropTarget *
drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        return GTK_DROP_TARGET (c);
    }
  g_assert_not_reached ();
}

/* Files dropped on a document's strip, as from the file manager: a PDF waits for the dossier;
 * a text file is refused with a message. The file chooser's "Attach" takes the chosen files. */
static void
test_drop_and_choose (void)
{
  const McProcedure *proc = sample_procedure ();
  const char *document = "Đơn đề nghị công nhận câu lạc bộ thể thao cơ sở";
  McIntakeDialog *dialog = open_intake ();
  g_autofree char *scan = write_scan ();
  g_autofree char *text_path = build_path ("test-actions-dropped.txt");
  g_autoptr(GFile) pdf = g_file_new_for_path (scan);
  g_autoptr(GFile) text = g_file_new_for_path (text_path);
  GValue value = G_VALUE_INIT;
  gboolean taken = FALSE;
  McFileStrip *strip;
  GtkWindow *chooser;

  g_assert_true (g_file_set_contents (text_path, "not a scan", -1, NULL));
  mc_intake_dialog_search (dialog, proc->code);
  g_assert_true (mc_intake_dialog_select_procedure (dialog, proc->code));
  mc_intake_dialog_add_document (dialog, document);
  strip = mc_intake_dialog_get_files (dialog, document);
  g_assert_cmpuint (mc_file_strip_get_n_files (strip), ==, 0);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array ((GFile *[]) { pdf }, 1));
  g_signal_emit_by_name (drop_target (GTK_WIDGET (strip)), "drop", &value, 10.0, 10.0, &taken);
  g_value_unset (&value);
  g_assert_true (taken);
  g_assert_cmpuint (mc_file_strip_get_n_files (strip), ==, 1);
  g_assert_cmpuint (mc_file_strip_get_pending (strip)->len, ==, 1);

  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array ((GFile *[]) { text }, 1));
  g_signal_emit_by_name (drop_target (GTK_WIDGET (strip)), "drop", &value, 10.0, 10.0, &taken);
  g_value_unset (&value);
  g_assert_cmpuint (mc_file_strip_get_n_files (strip), ==, 1);
  g_assert_nonnull (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  mc_test_close_message_dialogs ();

  /* The chooser (GTK's own dialog here, without a portal): the chosen PDF comes in. Not under
   * AddressSanitizer: GTK's chooser leaks in libcloudproviders and in its folder enumeration,
   * which no suppression names without hiding ours. */
#ifndef __SANITIZE_ADDRESS__
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (strip), "strip.import", NULL));
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), pdf, NULL));
  /* Selected once the chooser has read the folder. */
  g_assert_true (mc_test_wait (chooser_has_file, chooser, 10000));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_cmpuint (mc_file_strip_get_n_files (strip), ==, 2);
#else
  (void) chooser;
  g_test_message ("the file chooser is not driven under AddressSanitizer");
#endif
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Completing records the signed result as an e-result (imported, its number, date and signer)
 * in the action's transaction; a cancelled dialog keeps nothing; returning says it went to the
 * citizen's data store. A return as e-result of a dossier with none is refused inline. */
static void
test_eresult (void)
{
  gint64 id = dossier_in_status (MC_STATUS_PROCESSING);
  g_autofree char *scan = write_scan ();
  g_autoptr(GFile) file = g_file_new_for_path (scan);
  g_autoptr(GError) error = NULL;
  g_autofree char *files_sql = g_strdup_printf ("SELECT count(*) FROM dossier_files WHERE dossier_id = %" G_GINT64_FORMAT
                                                " AND origin = 'local'", id);
  g_autofree char *result_sql = g_strdup_printf ("SELECT count(*) FROM dossier_files WHERE dossier_id = %" G_GINT64_FORMAT
                                                 " AND kind = 'result' AND doc_number = '45/GCN-UBND'"
                                                 " AND signer = 'Trần Văn Bình' AND doc_date > 0"
                                                 " AND component = 'Giấy chứng nhận'", id);
  g_autofree char *queued_sql = g_strdup_printf ("SELECT group_concat(action, ',') FROM (SELECT action FROM outbox"
                                                 " WHERE dossier_id = %" G_GINT64_FORMAT " ORDER BY id)", id);
  g_autofree char *delivery_sql = g_strdup_printf ("SELECT delivery FROM dossiers WHERE id = %" G_GINT64_FORMAT, id);
  g_autofree char *queued = NULL, *delivery = NULL;
  McActionDialog *dialog = open_action (id, "resolve");
  gint64 other;

  /* Cancelled: nothing kept. */
  mc_action_dialog_add_result (dialog, "Giấy chứng nhận", "45/GCN-UBND");
  g_assert_true (mc_file_strip_add_file (mc_action_dialog_get_eresult_files (dialog), file, &error));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (mc_test_query_int (fx.db, files_sql), ==, 0);

  dialog = open_action (id, "resolve");
  mc_action_dialog_add_result (dialog, "Giấy chứng nhận", "45/GCN-UBND");
  g_assert_true (mc_file_strip_add_file (mc_action_dialog_get_eresult_files (dialog), file, &error));
  g_assert_no_error (error);
  mc_action_dialog_set_signed (dialog, "31/02/2026", "Trần Văn Bình");
  g_assert_false (mc_action_dialog_apply (dialog));
  g_assert_nonnull (strstr (mc_action_dialog_get_error (dialog), "is not a date"));
  g_assert_cmpint (mc_test_query_int (fx.db, files_sql), ==, 0);
  mc_action_dialog_set_signed (dialog, "02/12/2026", "Trần Văn Bình");
  g_assert_true (mc_action_dialog_apply (dialog));
  close_offers ();
  g_assert_cmpint (mc_test_query_int (fx.db, result_sql), ==, 1);
  queued = mc_test_query_text (fx.db, queued_sql);
  g_assert_cmpstr (queued, ==, "attach,resolve");

  dialog = open_action (id, "return-result");
  mc_action_dialog_set_delivery (dialog, "e-result");
  g_assert_true (mc_action_dialog_apply (dialog));
  close_offers ();
  delivery = mc_test_query_text (fx.db, delivery_sql);
  g_assert_cmpstr (delivery, ==, "e-result");

  /* Completed on paper only: its return cannot claim an e-result. */
  other = dossier_in_status (MC_STATUS_PROCESSING);
  dialog = open_action (other, "resolve");
  mc_action_dialog_add_result (dialog, "Giấy chứng nhận", NULL);
  g_assert_true (mc_action_dialog_apply (dialog));
  close_offers ();
  dialog = open_action (other, "return-result");
  mc_action_dialog_set_delivery (dialog, "both");
  g_assert_false (mc_action_dialog_apply (dialog));
  g_assert_nonnull (strstr (mc_action_dialog_get_error (dialog), "no electronic result"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* "Save as PDF" without the file chooser: the PDF's text has the dossier number. */
static void
test_save_pdf (void)
{
  g_autofree char *path = build_path ("test-actions-receipt.pdf");
  g_autofree char *text = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT number FROM dossiers WHERE id = %" G_GINT64_FORMAT, fx.received_id);
  g_autofree char *number = mc_test_query_text (fx.db, sql);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  int status;

  g_assert_cmpint (fx.received_id, >, 0);
  g_remove (path);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.save-form-to", "(xss)", fx.received_id, "receipt", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &text, NULL, &status, &error))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (text, number));
  g_assert_nonnull (strstr (text, "Nguyễn Thị Hồng Nhung"));
  /* The form digitised at the counter is marked on the receipt. */
  g_assert_nonnull (strstr (text, "(đã số"));  /* the column may wrap the mark */
}

static McPrintPreview *
find_preview (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (MC_IS_PRINT_PREVIEW (window))
        return MC_PRINT_PREVIEW (window);
    }
  return NULL;
}

static gboolean
preview_shown (gpointer data)
{
  return find_preview () != NULL;
}

/* The print menu's Preview, on a machine without GTK's previewer (none is named that exists):
 * the form's pages show in the app, drawn as they print. */
static void
test_preview (void)
{
  McPrintPreview *preview;

  g_object_set (gtk_settings_get_default (), "gtk-print-preview-command", "mc-no-such-previewer %f", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.preview-form", "(xs)", fx.received_id, "receipt");
  if (!mc_test_wait (preview_shown, NULL, 20000))
    g_error ("Preview showed no window");
  preview = find_preview ();
  g_assert_cmpuint (mc_print_preview_get_n_pages (preview), >=, 1);
  mc_test_wait_frame (GTK_WIDGET (preview));
  gtk_window_destroy (GTK_WINDOW (preview));
}

/* The print path itself (GtkPrintOperation drawing the layout's pages), exported to a file as
 * "Print to File" does: the same pages, the number on them. */
static void
test_print_export (void)
{
  g_autofree char *path = build_path ("test-actions-control.pdf");
  g_autofree char *sql = g_strdup_printf ("SELECT number FROM dossiers WHERE id = %" G_GINT64_FORMAT, fx.received_id);
  g_autofree char *number = mc_test_query_text (fx.db, sql);
  g_autofree char *text = NULL, *info = NULL;
  g_autoptr(McPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  const char *text_argv[] = { "pdftotext", path, "-", NULL };
  const char *info_argv[] = { "pdfinfo", path, NULL };

  g_remove (path);
  operation = mc_window_form (fx.window, fx.received_id, MC_PRINT_FORM_CONTROL, &error);
  g_assert_no_error (error);
  g_assert_true (mc_print_operation_export (operation, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  if (!g_spawn_sync (NULL, (char **) text_argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &text, NULL, NULL, NULL) ||
      !g_spawn_sync (NULL, (char **) info_argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &info, NULL, NULL, NULL))
    {
      g_test_skip ("pdftotext or pdfinfo (poppler-utils) is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, number));
  g_assert_nonnull (strstr (info, "Pages:"));
  g_assert_cmpint (g_ascii_strtoll (strstr (info, "Pages:") + 6, NULL, 10), ==,
                   mc_print_operation_get_n_pages (operation));
}

/* The register of the dossiers received today lists the one received at the counter. */
static void
test_register (void)
{
  g_autofree char *path = build_path ("test-actions-register.pdf");
  g_autofree char *sql = g_strdup_printf ("SELECT number FROM dossiers WHERE id = %" G_GINT64_FORMAT, fx.received_id);
  g_autofree char *number = mc_test_query_text (fx.db, sql);
  g_autoptr(GDateTime) today = mc_time_to_local (mc_time_now ());
  g_autofree char *day = g_date_time_format (today, "%Y-%m-%d");
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", path, "-", NULL };

  g_remove (path);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.save-register-to", "(sss)", day, day, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &text, NULL, NULL, NULL))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, number));
  /* A period that ends before it starts is refused: no file. */
  g_remove (path);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.save-register-to", "(sss)", day, "2020-01-01", path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The register's dialog answers "pdf" with the register of the period its rows say, saved
 * where the official chooses, and a period it cannot read with a message instead. */
static void
test_register_dialog (void)
{
#ifndef __SANITIZE_ADDRESS__
  GtkWindow *dialog, *chooser;
  GtkWidget *from_row;
  g_autofree char *name = NULL;

  close_offers ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.print-register", NULL));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  from_row = mc_test_find_widget (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (from_row);

  gtk_editable_set_text (GTK_EDITABLE (from_row), "32/13/2026");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "pdf");
  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));

  /* Days and months with one digit, as officials often write them. */
  gtk_editable_set_text (GTK_EDITABLE (from_row), "1/1/2020");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "pdf");
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, "Register of dossiers received.pdf");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  gtk_window_destroy (dialog);
#else
  g_test_message ("the file chooser is not driven under AddressSanitizer");
#endif
}

static gint64
queue_and_send (McAction    action,
                McStatus    status,
                const char *note)
{
  gint64 id = dossier_in_status (status);
  McActionInput input = { .note = note };
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 outbox_id;

  g_assert_true (mc_store_apply_action (fx.store, id, action, &input, "Người khác", &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT max(id) FROM outbox WHERE dossier_id = %" G_GINT64_FORMAT, id);
  outbox_id = mc_test_query_int (fx.db, sql);
  g_assert_true (mc_store_outbox_mark_sending (fx.store, outbox_id, &error));
  g_assert_no_error (error);
  return outbox_id;
}

static char *
outbox_state (gint64 outbox_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT state FROM outbox WHERE id = %" G_GINT64_FORMAT, outbox_id);

  return mc_test_query_text (fx.db, sql);
}

static gint64
audit_count (const char *outcome)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE outcome = '%s'", outcome);

  return mc_test_query_int (fx.db, sql);
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkButton *
review_button (void)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (fx.window), "win.needs-review");

  g_assert_nonnull (button);
  return GTK_BUTTON (button);
}

static gboolean
review_label_is (gpointer data)
{
  return g_strcmp0 (gtk_button_get_label (review_button ()), data) == 0;
}

static gboolean
n_review_is (gpointer data)
{
  McReviewWindow *review = MC_REVIEW_WINDOW (find_toplevel (MC_TYPE_REVIEW_WINDOW));

  return review != NULL && mc_review_window_get_n_review (review) == GPOINTER_TO_UINT (data);
}

/* Conflicts and a rejection made through the store's outbox API, settled from the page. */
static void
test_needs_review (void)
{
  g_autoptr(GError) error = NULL;
  gint64 a = queue_and_send (MC_ACTION_RECORD_STEP, MC_STATUS_PROCESSING, "Lấy ý kiến phòng Tư pháp");
  gint64 b = queue_and_send (MC_ACTION_RECORD_STEP, MC_STATUS_PROCESSING, "Thẩm định hồ sơ");
  gint64 c = queue_and_send (MC_ACTION_REFUSE, MC_STATUS_SUBMITTED, "Thiếu giấy tờ");
  g_autofree char *state = NULL;
  gint64 reapplied = audit_count ("reapplied"), discarded = audit_count ("discarded");
  gint64 retried = audit_count ("retried");
  McReviewWindow *review;
  GtkWindow *confirm;
  McActionDialog *dialog;

  g_assert_true (mc_store_outbox_mark_conflict (fx.store, a, MC_STATUS_PROCESSING, "v-2", "Cán bộ khác đã cập nhật", &error));
  g_assert_true (mc_store_outbox_mark_conflict (fx.store, b, MC_STATUS_PROCESSING, "v-3", NULL, &error));
  g_assert_true (mc_store_outbox_mark_rejected (fx.store, c, "Lý do từ chối phải nêu rõ giấy tờ còn thiếu", &error));
  g_assert_no_error (error);

  /* The window's button counts them, told by the change stream. */
  g_assert_true (mc_test_wait (review_label_is, (gpointer) "Needs Review (3)", 20000));

  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.needs-review", NULL);
  review = MC_REVIEW_WINDOW (find_toplevel (MC_TYPE_REVIEW_WINDOW));
  g_assert_nonnull (review);
  g_assert_cmpuint (mc_review_window_get_n_review (review), ==, 3);
  {
    g_autofree char *shot = build_path ("screenshot-needs-review.png");

    mc_test_wait_frame (GTK_WIDGET (review));
    g_assert_true (mc_test_save_png (GTK_WIDGET (review), shot));
    g_test_message ("screenshot: %s", shot);
  }

  /* Re-apply on the server's new state. */
  gtk_widget_activate_action (GTK_WIDGET (review), "review.reapply", "x", a);
  g_assert_cmpstr ((state = outbox_state (a)), ==, "pending");
  g_assert_cmpint (audit_count ("reapplied"), ==, reapplied + 1);
  g_assert_true (mc_test_wait (n_review_is, GUINT_TO_POINTER (2), 20000));

  /* Drop, after a confirmation that can be declined. */
  gtk_widget_activate_action (GTK_WIDGET (review), "review.drop", "x", b);
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "keep");
  gtk_window_destroy (confirm);
  g_assert_cmpstr ((g_free (state), state = outbox_state (b)), ==, "conflict");
  gtk_widget_activate_action (GTK_WIDGET (review), "review.drop", "x", b);
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "drop");
  gtk_window_destroy (confirm);
  g_assert_cmpstr ((g_free (state), state = outbox_state (b)), ==, "discarded");
  g_assert_cmpint (audit_count ("discarded"), ==, discarded + 1);

  /* Edit and retry the rejected one: the server's message is shown, an empty reason refused. */
  gtk_widget_activate_action (GTK_WIDGET (review), "review.retry", "x", c);
  dialog = MC_ACTION_DIALOG (find_toplevel (MC_TYPE_ACTION_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (mc_action_dialog_get_error (dialog), "giấy tờ còn thiếu"));
  mc_action_dialog_set_note (dialog, " ");
  g_assert_false (mc_action_dialog_apply (dialog));
  mc_action_dialog_set_note (dialog, "Thiếu tờ khai theo mẫu số 01");
  g_assert_true (mc_action_dialog_apply (dialog));
  g_assert_cmpstr ((g_free (state), state = outbox_state (c)), ==, "pending");
  g_assert_cmpint (audit_count ("retried"), ==, retried + 1);
  g_assert_true (mc_test_wait (n_review_is, GUINT_TO_POINTER (0), 20000));
  g_assert_true (mc_store_audit_verify (fx.store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mc_test_wait (review_label_is, (gpointer) "Needs Review", 20000));
  gtk_window_close (GTK_WINDOW (review));
}

/* With no official named in the profile, the first action asks who is working before its
 * dialog opens, records the name and title, then goes on; nothing is recorded as the login. */
static void
test_official_asked (void)
{
  gint64 id = dossier_in_status (MC_STATUS_RECEIVED);
  g_autoptr(GError) error = NULL;
  GtkWindow *ask;
  GtkWidget *box;
  g_autofree char *name = NULL;

  g_assert_cmpint (id, >, 0);
  g_assert_true (mc_store_unset_setting (fx.store, "official.name", "test", &error));
  g_assert_no_error (error);
  close_offers ();
  open_dossier (id);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.act", "(xs)", id, "forward");
  g_assert_null (find_toplevel (MC_TYPE_ACTION_DIALOG));
  ask = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (ask);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (ask), "save"));
  box = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (ask));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (box)), "  Võ Thị Kim Chi ");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_last_child (box)), "Công chức Văn hóa - Xã hội");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (ask), "save"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (ask), "save");
  gtk_window_destroy (ask);
  g_assert_true (mc_store_lookup_setting (fx.store, "official.name", &name, &error));
  g_assert_cmpstr (name, ==, "Võ Thị Kim Chi");
  /* And the action it was about to take opens. */
  g_assert_nonnull (find_toplevel (MC_TYPE_ACTION_DIALOG));
  gtk_window_destroy (find_toplevel (MC_TYPE_ACTION_DIALOG));
}

/* The watchdog speaks once entries have waited past the set time although their system was
 * reached since. */
static void
test_watchdog (void)
{
  g_autoptr(GPtrArray) counts = mc_store_outbox_counts (fx.store, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *early = NULL, *unreached = NULL, *late = NULL;
  g_autoptr(McSource) source = NULL;
  McOutboxCounts *waiting = NULL;

  for (guint i = 0; i < counts->len; i++)
    if (((McOutboxCounts *) g_ptr_array_index (counts, i))->oldest_unfinished_at != 0)
      waiting = g_ptr_array_index (counts, i);
  g_assert_nonnull (waiting);
  g_assert_cmpuint (mc_outbox_watchdog_minutes (), ==, 30);
  early = mc_sync_status_dup_watchdog (fx.window->sync_status, waiting->oldest_unfinished_at + 10 * 60, 30);
  g_assert_null (early);
  unreached = mc_sync_status_dup_watchdog (fx.window->sync_status, waiting->oldest_unfinished_at + 31 * 60, 30);
  g_assert_null (unreached);
  g_assert_true (mc_store_sync_mark_success (fx.store, waiting->source_id, waiting->oldest_unfinished_at + 60, &error));
  g_assert_no_error (error);
  late = mc_sync_status_dup_watchdog (fx.window->sync_status, waiting->oldest_unfinished_at + 31 * 60, 30);
  g_assert_nonnull (late);
  /* Named by its ministry, never by the source's id. */
  source = mc_store_get_source (fx.store, waiting->source_id, NULL);
  g_assert_nonnull (strstr (late, mc_source_display_name (source)));
  g_assert_null (strstr (late, waiting->source_id));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mc_test_init_display (&argc, &argv))
    return 0;
  g_test_init (&argc, &argv, NULL);

  fx.profile = mc_test_make_profile (N_DOSSIERS);
  fx.window = mc_test_open_window (&fx.app, fx.profile);
  {
    g_autofree char *path = g_build_filename (fx.profile, "motcua.db", NULL);
    fx.store = mc_store_open (path, MC_STORE_OPEN_EXISTING, NULL);
  }
  fx.db = mc_test_open_db (fx.profile);
  mc_test_wait_frame (GTK_WIDGET (fx.window));

  g_test_add_func ("/actions/allowed", test_allowed);
  g_test_add_func ("/actions/print-menu", test_print_menu);
  g_test_add_func ("/actions/dialog", test_dialog);
  g_test_add_func ("/actions/reschedule", test_reschedule);
  g_test_add_func ("/actions/resolve-and-return", test_resolve_and_return);
  g_test_add_func ("/actions/receive-new", test_receive_new);
  g_test_add_func ("/actions/save-pdf", test_save_pdf);
  g_test_add_func ("/actions/print-export", test_print_export);
  g_test_add_func ("/actions/preview", test_preview);
  g_test_add_func ("/actions/register", test_register);
  g_test_add_func ("/actions/register-dialog", test_register_dialog);
  g_test_add_func ("/actions/needs-review", test_needs_review);
  g_test_add_func ("/actions/watchdog", test_watchdog);
  g_test_add_func ("/actions/official-asked", test_official_asked);
  g_test_add_func ("/actions/reuse", test_reuse);
  g_test_add_func ("/actions/reuse-at-intake", test_reuse_at_intake);
  g_test_add_func ("/actions/attach-in-thread", test_attach_in_thread);
  g_test_add_func ("/actions/eresult", test_eresult);
  g_test_add_func ("/actions/drop-and-choose", test_drop_and_choose);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (fx.window));
  sqlite3_close (fx.db);
  g_clear_object (&fx.store);
  g_clear_object (&fx.app);
  mc_test_remove_profile (fx.profile);
  g_free (fx.profile);
  return status;
}
