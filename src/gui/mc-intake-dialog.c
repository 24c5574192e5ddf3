/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-alert.h"
#include "mc-a11y.h"
#include "mc-action-dialog.h"
#include "mc-combo-row.h"
#include "mc-due-group.h"
#include "mc-official.h"
#include "mc-catalog.h"
#include "mc-file-strip.h"
#include "mc-format.h"
#include "mc-intake-dialog.h"
#include "mc-combo-row.h"
#include "mc-store-actions.h"
#include "mc-store-files.h"

/* Receiving a new dossier at the counter, in two steps: the form (procedure found by code or
 * name with the catalog's folded search, the applicant, the documents ticked, the fee), then
 * a summary with the due date the store computes (mc_store_intake_preview()) for the official
 * to tell the applicant before confirming. The dossier is received in one transaction with a
 * provisional number, which the ministry's number replaces when it syncs. Whatever is wrong
 * is said inline; the ID number is checked as it is typed. */

/* At most this many matches are listed: more means the official should type more. */
#define MAX_MATCHES 8

/* The documents almost every procedure asks for, offered to tick; any other is typed. Their
 * names are printed on the Vietnamese receipt, so they are Vietnamese data, not UI text. */
static const char *const common_documents[] = {
  "Tờ khai / Đơn đề nghị theo mẫu",
  "Bản sao Căn cước / giấy tờ tùy thân",
  "Giấy ủy quyền (nếu nộp thay)",
};

struct _McIntakeDialog
{
  AdwWindow parent_instance;

  GtkWidget *back_button;
  GtkWidget *cancel_button;
  GtkWidget *continue_button;
  GtkWidget *confirm_button;
  GtkStack *stack;
  GtkScrolledWindow *form_scroller;
  GtkLabel *error_label;
  GtkSearchEntry *procedure_entry;
  GtkListBox *procedure_list;
  GtkLabel *chosen_label;
  AdwEntryRow *name_row;
  AdwComboRow *kind_row;
  AdwEntryRow *id_row;
  GtkLabel *id_error_label;
  AdwEntryRow *phone_row;
  AdwEntryRow *address_row;
  GtkListBox *documents_list;
  AdwEntryRow *other_document_row;
  AdwEntryRow *fee_row;
  GtkSwitch *fee_paid_switch;
  AdwComboRow *method_row;
  GtkSwitch *proxy_switch;
  AdwEntryRow *proxy_name_row;
  AdwEntryRow *proxy_id_row;
  AdwEntryRow *proxy_phone_row;
  AdwEntryRow *proxy_address_row;
  AdwEntryRow *proxy_paper_row;
  AdwStatusPage *confirm_page;
  GtkListBox *summary_list;
  McDueGroup *due_group;

  McStore *store;
  char *procedure_code;
  GPtrArray *matches;      /* const McProcedure *, the procedure list's rows in order */
  GArray *documents;       /* Document, the documents list's rows but the last */
  gboolean after_hours;    /* the official confirmed a reception outside office hours */
  GArray *forms;           /* McReceivedForm and count of each ticked document, as last read */
  GArray *counts;
  gint64 due_at;           /* computed by the store */
  char *due_text;
  GPtrArray *reusable;     /* McFile*, what the applicant's earlier dossiers have digitised */
};

/* A document the applicant may hand in, its tick, and the files digitised from it. */
typedef struct
{
  char *name;
  GtkCheckButton *check;   /* owned by its row */
  GtkDropDown *form;       /* original, copy, certified copy, electronic */
  GtkSpinButton *count;
  McFileStrip *files;      /* owned by its row */
} Document;

G_DEFINE_FINAL_TYPE (McIntakeDialog, mc_intake_dialog, ADW_TYPE_WINDOW)

enum {
  RECEIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (McIntakeDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  /* The message is at the top of the form: it must not wait out of sight below. */
  if (message != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->form_scroller), 0);
}

static void
on_files_added (McFileStrip    *files,
                GParamSpec     *pspec,
                GtkCheckButton *check)
{
  if (mc_file_strip_get_n_files (files) > 0)
    gtk_check_button_set_active (check, TRUE);
}

/* A document's strip offers the applicant's earlier digitised files (reuse, marked so). */
static void
offer_reuse (McIntakeDialog *self,
             McFileStrip    *files)
{
  if (self->store == NULL)
    return;
  mc_file_strip_set_dossier (files, self->store, 0);
  mc_file_strip_set_reusable (files, self->reusable);
}

static GtkWidget *
add_document_row (McIntakeDialog *self,
                  const char     *name,
                  gboolean        active)
{
  const char *forms[MC_RECEIVED_N_FORMS];
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *files = mc_file_strip_new (name);
  GtkWidget *form, *count;
  g_autofree char *form_label = NULL, *count_label = NULL;

  /* What the receipt prints of each document: the dropdown's items in McReceivedForm order. */
  for (McReceivedForm f = MC_RECEIVED_ORIGINAL; f < MC_RECEIVED_N_FORMS; f++)
    forms[f - MC_RECEIVED_ORIGINAL] = mc_received_form_name (f);
  forms[MC_RECEIVED_N_FORMS - 1] = NULL;
  form = gtk_drop_down_new_from_strings (forms);
  count = gtk_spin_button_new_with_range (1, 99, 1);
  gtk_widget_set_valign (form, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  /* TRANSLATORS: accessible names of a document's form (original, copy…) and count */
  form_label = g_strdup_printf (_("Form of %s"), name);
  count_label = g_strdup_printf (_("Number of %s"), name);
  mc_combo_row_name_drop_down (GTK_DROP_DOWN (form), form_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (count), GTK_ACCESSIBLE_PROPERTY_LABEL, count_label, -1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), form);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), files);
  /* Which also names the check box after the row. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  /* A document digitised was handed in. */
  g_signal_connect_object (files, "notify::n-files", G_CALLBACK (on_files_added), check, 0);
  offer_reuse (self, MC_FILE_STRIP (files));
  g_array_append_val (self->documents, ((Document) { g_strdup (name), GTK_CHECK_BUTTON (check), GTK_DROP_DOWN (form),
                                                     GTK_SPIN_BUTTON (count), MC_FILE_STRIP (files) }));
  /* Before the "other document" entry, which stays last. */
  gtk_list_box_insert (self->documents_list, row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->other_document_row)));
  return row;
}

static GStrv
ticked_documents (McIntakeDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_array_set_size (self->forms, 0);
  g_array_set_size (self->counts, 0);
  for (guint i = 0; i < self->documents->len; i++)
    {
      Document *doc = &g_array_index (self->documents, Document, i);
      McReceivedForm form = gtk_drop_down_get_selected (doc->form) + MC_RECEIVED_ORIGINAL;
      int count = gtk_spin_button_get_value_as_int (doc->count);

      if (!gtk_check_button_get_active (doc->check))
        continue;
      g_strv_builder_add (builder, doc->name);
      g_array_append_val (self->forms, form);
      g_array_append_val (self->counts, count);
    }
  return g_strv_builder_end (builder);
}

static void
on_other_document_apply (McIntakeDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->other_document_row))));

  if (*name != '\0')
    add_document_row (self, name, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->other_document_row), "");
}

/* The procedure's own documents (the catalog's list), offered to tick with the form and count
 * the procedure asks for; what is shown at the counter and handed back is not collected. */
static void
propose_documents (McIntakeDialog    *self,
                   const McProcedure *proc)
{
  for (guint i = 0; proc->documents != NULL && i < proc->documents->len; i++)
    {
      const McProcedureDocument *doc = g_ptr_array_index (proc->documents, i);
      McReceivedForm form = doc->form == MC_DOCUMENT_COPY ? MC_RECEIVED_COPY
                            : doc->form == MC_DOCUMENT_CERTIFIED_COPY ? MC_RECEIVED_CERTIFIED_COPY
                            : MC_RECEIVED_ORIGINAL;
      gboolean listed = FALSE;
      Document *row;

      for (guint k = 0; k < self->documents->len && !listed; k++)
        listed = g_str_equal (g_array_index (self->documents, Document, k).name, doc->name);
      if (listed || doc->form == MC_DOCUMENT_SHOWN)
        continue;
      add_document_row (self, doc->name, FALSE);
      row = &g_array_index (self->documents, Document, self->documents->len - 1);
      gtk_drop_down_set_selected (row->form, form - MC_RECEIVED_ORIGINAL);
      gtk_spin_button_set_value (row->count, MAX (doc->count, 1));
    }
}

static void
set_procedure (McIntakeDialog    *self,
               const McProcedure *proc)
{
  g_autofree char *chosen = NULL;

  if (proc == NULL || g_strcmp0 (proc->code, self->procedure_code) == 0)
    return;
  g_free (self->procedure_code);
  self->procedure_code = g_strdup (proc->code);
  /* TRANSLATORS: the procedure chosen at the counter: its code and name */
  chosen = g_strdup_printf (_("Chosen: %s · %s"), proc->code, proc->name);
  gtk_label_set_text (self->chosen_label, chosen);
  propose_documents (self, proc);
  /* The catalog's fee, which the official may change (an exemption, a reduced fee). */
  if (proc->fee_vnd >= 0)
    {
      g_autofree char *fee = g_strdup_printf ("%" G_GINT64_FORMAT, proc->fee_vnd);

      gtk_editable_set_text (GTK_EDITABLE (self->fee_row), fee);
    }
}

static void
on_procedure_selected (McIntakeDialog *self,
                       GtkListBoxRow  *row)
{
  if (row != NULL && (guint) gtk_list_box_row_get_index (row) < self->matches->len)
    set_procedure (self, g_ptr_array_index (self->matches, gtk_list_box_row_get_index (row)));
}

/* Lists the procedures matching the search; a single match is chosen at once. */
void
mc_intake_dialog_search (McIntakeDialog *self,
                         const char     *text)
{
  g_autoptr(GPtrArray) matches = NULL;
  GtkWidget *child;

  g_return_if_fail (MC_IS_INTAKE_DIALOG (self));

  /* Called from the entry, or with the text to show in it (the entry then calls again). */
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->procedure_entry))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->procedure_entry), text ? text : "");
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->procedure_list))) != NULL)
    gtk_list_box_remove (self->procedure_list, child);
  g_ptr_array_set_size (self->matches, 0);
  if (text == NULL || *text == '\0')
    return;
  matches = mc_catalog_search (mc_catalog_get_default (), text);
  for (guint i = 0; matches != NULL && i < matches->len && i < MAX_MATCHES; i++)
    {
      const McProcedure *proc = g_ptr_array_index (matches, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *duration = mc_format_duration (proc->duration, proc->unit);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", proc->code, mc_ministry_name (proc->ministry), duration);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), proc->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      g_ptr_array_add (self->matches, (gpointer) proc);
      gtk_list_box_append (self->procedure_list, row);
      if (g_strcmp0 (proc->code, self->procedure_code) == 0)
        gtk_list_box_select_row (self->procedure_list, GTK_LIST_BOX_ROW (row));
    }
  if (matches != NULL && matches->len == 1)
    gtk_list_box_select_row (self->procedure_list, gtk_list_box_get_row_at_index (self->procedure_list, 0));
}

static void
on_search_changed (McIntakeDialog *self)
{
  mc_intake_dialog_search (self, gtk_editable_get_text (GTK_EDITABLE (self->procedure_entry)));
}

/* The ID number is checked as soon as it can be judged: any non-digit at once, the length
 * and the province once 12 characters are typed (a partial number is not an error yet). */
static gboolean
check_id (McIntakeDialog *self,
          gboolean        final)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->id_row));
  g_autoptr(GError) error = NULL;
  gboolean citizen = adw_combo_row_get_selected (self->kind_row) == 0;
  gboolean judge = final || strlen (text) >= 12 || strspn (text, "0123456789") != strlen (text);
  gboolean ok = !citizen || !judge || mc_validate_id_number (text, &error);

  gtk_label_set_text (self->id_error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->id_error_label), !ok);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->id_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->id_row), "error");
  return ok;
}

static void
on_id_changed (McIntakeDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->id_row));
  gboolean known = check_id (self, FALSE) && strlen (text) == 12 && adw_combo_row_get_selected (self->kind_row) == 0;

  /* Once the citizen is known, what their earlier dossiers have digitised is offered. */
  g_clear_pointer (&self->reusable, g_ptr_array_unref);
  if (known && self->store != NULL)
    self->reusable = mc_store_reusable_files (self->store, text, 0, NULL);
  for (guint i = 0; i < self->documents->len; i++)
    offer_reuse (self, g_array_index (self->documents, Document, i).files);
}

/* Fills @intake from the form (borrowing its strings, @out_documents owns the list). */
static gboolean
read_intake (McIntakeDialog  *self,
             McIntake        *intake,
             GStrv           *out_documents,
             char           **out_message)
{
  const char *fee = gtk_editable_get_text (GTK_EDITABLE (self->fee_row));
  char *end = NULL;

  *intake = (McIntake) { 0 };
  intake->procedure_code = self->procedure_code;
  intake->applicant_name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  intake->applicant_kind = adw_combo_row_get_selected (self->kind_row) + MC_APPLICANT_CITIZEN;
  intake->id_number = gtk_editable_get_text (GTK_EDITABLE (self->id_row));
  intake->phone = gtk_editable_get_text (GTK_EDITABLE (self->phone_row));
  intake->address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
  intake->documents = (const char * const *) (*out_documents = ticked_documents (self));
  intake->document_forms = (const McReceivedForm *) self->forms->data;
  intake->document_counts = (const int *) self->counts->data;
  intake->fee_paid = gtk_switch_get_active (self->fee_paid_switch);
  intake->return_method = adw_combo_row_get_selected (self->method_row) + MC_CHANNEL_IN_PERSON;
  intake->fee_vnd = -1;
  if (gtk_switch_get_active (self->proxy_switch))
    {
      intake->proxy_name = gtk_editable_get_text (GTK_EDITABLE (self->proxy_name_row));
      intake->proxy_id_number = gtk_editable_get_text (GTK_EDITABLE (self->proxy_id_row));
      intake->proxy_phone = gtk_editable_get_text (GTK_EDITABLE (self->proxy_phone_row));
      intake->proxy_address = gtk_editable_get_text (GTK_EDITABLE (self->proxy_address_row));
      intake->proxy_authorization = gtk_editable_get_text (GTK_EDITABLE (self->proxy_paper_row));
      if (strspn (intake->proxy_name, " \t") == strlen (intake->proxy_name))
        {
          *out_message = g_strdup (_("Enter the proxy's full name, or switch off “Filed by proxy”"));
          return FALSE;
        }
    }
  if (*fee != '\0')
    {
      intake->fee_vnd = g_ascii_strtoll (fee, &end, 10);
      if (*end != '\0' || intake->fee_vnd < 0)
        {
          *out_message = g_strdup_printf (_("“%s” is not an amount: write the fee in đồng, digits only"), fee);
          return FALSE;
        }
    }
  return TRUE;
}

static void
add_summary_row (McIntakeDialog *self,
                 const char     *title,
                 const char     *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value && *value ? value : "—");
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (self->summary_list, row);
}

static void
show_page (McIntakeDialog *self,
           gboolean        confirm)
{
  gtk_stack_set_visible_child_name (self->stack, confirm ? "confirm" : "form");
  gtk_widget_set_visible (self->back_button, confirm);
  gtk_widget_set_visible (self->cancel_button, !confirm);
  gtk_widget_set_visible (self->continue_button, !confirm);
  gtk_widget_set_visible (self->confirm_button, confirm);
  gtk_widget_grab_focus (confirm ? self->confirm_button : GTK_WIDGET (self->procedure_entry));
}

/* The due date can be read and, computed from an assumed duration, was checked or corrected. */
static void
on_due_ready (McIntakeDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.confirm", mc_due_group_get_ready (self->due_group));
}

/* Checks the form and computes the due date; on success shows the summary to confirm. */
gboolean
mc_intake_dialog_continue (McIntakeDialog *self)
{
  g_auto(GStrv) documents = NULL;
  g_autofree char *message = NULL, *description = NULL;
  g_autoptr(GError) error = NULL;
  const McProcedure *proc;
  GtkWidget *child;
  McIntake intake;

  g_return_val_if_fail (MC_IS_INTAKE_DIALOG (self), FALSE);

  if (!read_intake (self, &intake, &documents, &message))
    {
      show_error (self, message);
      return FALSE;
    }
  /* The ID number's own message first, by its field, and at the top. */
  if (!check_id (self, TRUE))
    {
      show_error (self, gtk_label_get_text (self->id_error_label));
      return FALSE;
    }
  if (!(self->due_at = mc_store_intake_preview (self->store, &intake, &error)))
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  g_free (self->due_text);
  self->due_text = mc_format_time (self->due_at);
  proc = mc_catalog_lookup (mc_catalog_get_default (), self->procedure_code);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_list))) != NULL)
    gtk_list_box_remove (self->summary_list, child);
  add_summary_row (self, _("Procedure"), proc->name);
  add_summary_row (self, _("Applicant"), intake.applicant_name);
  add_summary_row (self, _("ID number"), intake.id_number);
  {
    g_autofree char *list = g_strjoinv ("\n", documents);

    add_summary_row (self, _("Documents received"), list);
  }
  if (intake.proxy_name != NULL)
    add_summary_row (self, _("Filed by proxy"), intake.proxy_name);
  mc_due_group_set (self->due_group, self->store, self->due_at, proc);
  on_due_ready (self);
  /* TRANSLATORS: on the confirmation of an intake: the due date to tell the applicant */
  description = g_strdup_printf (_("The result is due %s. The dossier gets a provisional number until the "
                                   "ministry system assigns its own; the receipt says so."), self->due_text);
  adw_status_page_set_description (self->confirm_page, description);
  show_page (self, TRUE);
  return TRUE;
}

/* The files waiting in the ticked documents' strips, imported or reused, attached to the new
 * dossier @id. */
static gboolean
attach_files (McIntakeDialog  *self,
              gint64           id,
              const char      *actor,
              GError         **error)
{
  for (guint i = 0; i < self->documents->len; i++)
    {
      Document *doc = &g_array_index (self->documents, Document, i);
      GPtrArray *files = mc_file_strip_get_pending (doc->files);

      for (guint k = 0; gtk_check_button_get_active (doc->check) && k < files->len; k++)
        {
          g_autofree char *path = g_file_get_path (g_ptr_array_index (files, k));
          McAttachInput in = { .path = path, .kept = mc_file_strip_get_pending_kept (doc->files, k),
                               .component = doc->name, .kind = MC_FILE_COMPONENT };

          if (!mc_store_attach_file (self->store, id, &in, actor, NULL, error))
            return FALSE;
        }
      for (guint k = 0; gtk_check_button_get_active (doc->check) && k < mc_file_strip_get_pending_reuse (doc->files)->len; k++)
        {
          McAttachInput in = { .reuse_from = g_array_index (mc_file_strip_get_pending_reuse (doc->files), gint64, k),
                               .component = doc->name, .kind = MC_FILE_COMPONENT };

          if (!mc_store_attach_file (self->store, id, &in, actor, NULL, error))
            return FALSE;
        }
    }
  return TRUE;
}

static void
on_after_hours_response (AdwMessageDialog *dialog,
                         const char       *response,
                         McIntakeDialog   *self)
{
  if (!g_str_equal (response, "receive"))
    return;
  self->after_hours = TRUE;
  mc_intake_dialog_confirm (self);
}

/* A reception outside office hours or on a day off is taken once the official says so. */
static void
ask_after_hours (McIntakeDialog *self,
                 const char     *message)
{
  /* Over the main window: receiving closes this dialog, which must not take the question
   * with it while it answers. */
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkWidget *dialog = adw_message_dialog_new (parent ? parent : GTK_WINDOW (self),
                                              _("Receive Outside Office Hours?"), message);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "receive", _("_Receive"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "receive", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_after_hours_response), self, 0);
  mc_message_present (GTK_WINDOW (dialog));
}

/* Receives the dossier. Returns: its id, 0 with the reason shown when the store refused. */
gint64
mc_intake_dialog_confirm (McIntakeDialog *self)
{
  g_auto(GStrv) documents = NULL;
  g_autofree char *message = NULL, *actor = NULL, *unit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) d = NULL;
  McIntake intake;
  gint64 id;

  g_return_val_if_fail (MC_IS_INTAKE_DIALOG (self), 0);

  if (!read_intake (self, &intake, &documents, &message))
    {
      show_page (self, FALSE);
      show_error (self, message);
      return 0;
    }
  if (!(actor = mc_official_signer (self->store, &error)))
    {
      show_page (self, FALSE);
      show_error (self, error->message);
      return 0;
    }
  if (!mc_due_group_get (self->due_group, &intake.due_at, &intake.due_confirmed))
    return 0;
  intake.unit = unit = mc_official_unit (self->store);
  intake.after_hours = self->after_hours;
  /* The dossier and its files together, or nothing: a file refused (too large for the
   * ministry system, not a PDF, JPEG or PNG) is said before anything is kept. */
  if (!mc_store_begin (self->store, &error)
      || !(d = mc_store_receive_new (self->store, &intake, actor, &error))
      || !attach_files (self, d->id, actor, &error)
      || !mc_store_commit (self->store, &error))
    {
      mc_store_rollback (self->store);
      if (g_error_matches (error, MC_STORE_ERROR, MC_STORE_ERROR_UNCONFIRMED))
        ask_after_hours (self, error->message);
      else
        {
          show_page (self, FALSE);
          show_error (self, error->message);
        }
      return 0;
    }
  id = d->id;
  g_signal_emit (self, signals[RECEIVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
  return id;
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  mc_intake_dialog_continue (MC_INTAKE_DIALOG (widget));
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  mc_intake_dialog_confirm (MC_INTAKE_DIALOG (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_page (MC_INTAKE_DIALOG (widget), FALSE);
}

static void
mc_intake_dialog_dispose (GObject *object)
{
  McIntakeDialog *self = MC_INTAKE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_INTAKE_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mc_intake_dialog_parent_class)->dispose (object);
}

static void
mc_intake_dialog_finalize (GObject *object)
{
  McIntakeDialog *self = MC_INTAKE_DIALOG (object);

  g_free (self->procedure_code);
  g_free (self->due_text);
  g_clear_pointer (&self->reusable, g_ptr_array_unref);
  g_ptr_array_unref (self->matches);
  g_array_unref (self->documents);
  g_array_unref (self->forms);
  g_array_unref (self->counts);
  G_OBJECT_CLASS (mc_intake_dialog_parent_class)->finalize (object);
}

static void
mc_intake_dialog_class_init (McIntakeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_intake_dialog_dispose;
  object_class->finalize = mc_intake_dialog_finalize;

  /* The dossier was received: its id. */
  signals[RECEIVED] = g_signal_new ("received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (MC_TYPE_COMBO_ROW);
  g_type_ensure (MC_TYPE_DUE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-intake-dialog.ui");
  /* A screen reader announces it as a dialog over the main window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, continue_button);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, form_scroller);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, procedure_entry);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, procedure_list);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, chosen_label);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, id_row);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, id_error_label);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, documents_list);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, other_document_row);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, fee_row);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, fee_paid_switch);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, confirm_page);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, summary_list);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, proxy_switch);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, proxy_name_row);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, proxy_id_row);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, proxy_phone_row);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, proxy_address_row);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, proxy_paper_row);
  gtk_widget_class_bind_template_child (widget_class, McIntakeDialog, due_group);

  gtk_widget_class_install_action (widget_class, "intake.continue", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "intake.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "intake.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "intake.continue", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
document_clear (gpointer data)
{
  g_free (((Document *) data)->name);
}

static void
mc_intake_dialog_init (McIntakeDialog *self)
{
  self->matches = g_ptr_array_new ();
  self->documents = g_array_new (FALSE, FALSE, sizeof (Document));
  self->forms = g_array_new (FALSE, FALSE, sizeof (McReceivedForm));
  self->counts = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_set_clear_func (self->documents, document_clear);
  gtk_widget_init_template (GTK_WIDGET (self));
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (common_documents); i++)
    add_document_row (self, common_documents[i], FALSE);
  g_signal_connect_object (self->procedure_entry, "search-changed", G_CALLBACK (on_search_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->procedure_list, "row-selected", G_CALLBACK (on_procedure_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->id_row, "changed", G_CALLBACK (on_id_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (on_id_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->other_document_row, "apply", G_CALLBACK (on_other_document_apply),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->other_document_row, "entry-activated", G_CALLBACK (on_other_document_apply),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->due_group, "notify::ready", G_CALLBACK (on_due_ready), self, G_CONNECT_SWAPPED);
}

McIntakeDialog *
mc_intake_dialog_new (GtkWindow *parent,
                      McStore   *store)
{
  McIntakeDialog *self;

  g_return_val_if_fail (MC_IS_STORE (store), NULL);

  self = g_object_new (MC_TYPE_INTAKE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  for (guint i = 0; i < self->documents->len; i++)
    offer_reuse (self, g_array_index (self->documents, Document, i).files);
  return self;
}

guint
mc_intake_dialog_get_n_matches (McIntakeDialog *self)
{
  g_return_val_if_fail (MC_IS_INTAKE_DIALOG (self), 0);
  return self->matches->len;
}

/* Chooses the listed match with @code. */
gboolean
mc_intake_dialog_select_procedure (McIntakeDialog *self,
                                   const char     *code)
{
  g_return_val_if_fail (MC_IS_INTAKE_DIALOG (self), FALSE);

  for (guint i = 0; i < self->matches->len; i++)
    if (g_strcmp0 (((const McProcedure *) g_ptr_array_index (self->matches, i))->code, code) == 0)
      {
        gtk_list_box_select_row (self->procedure_list, gtk_list_box_get_row_at_index (self->procedure_list, i));
        return TRUE;
      }
  return FALSE;
}

void
mc_intake_dialog_set_applicant (McIntakeDialog *self,
                                const char     *name,
                                const char     *id_number)
{
  g_return_if_fail (MC_IS_INTAKE_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->id_row), id_number);
}

/* Ticks the listed document @name, or adds it ticked. */
void
mc_intake_dialog_add_document (McIntakeDialog *self,
                               const char     *name)
{
  g_return_if_fail (MC_IS_INTAKE_DIALOG (self));

  for (guint i = 0; i < self->documents->len; i++)
    if (g_str_equal (g_array_index (self->documents, Document, i).name, name))
      {
        gtk_check_button_set_active (g_array_index (self->documents, Document, i).check, TRUE);
        return;
      }
  add_document_row (self, name, TRUE);
}

/* Where a file for document @name comes in (imported, dropped or scanned): it waits in the
 * document's strip until the dossier is received; the document is ticked, added if needed. */
gboolean
mc_intake_dialog_add_file (McIntakeDialog  *self,
                           const char      *name,
                           GFile           *file,
                           GError         **error)
{
  g_return_val_if_fail (MC_IS_INTAKE_DIALOG (self), FALSE);

  mc_intake_dialog_add_document (self, name);
  for (guint i = 0; i < self->documents->len; i++)
    if (g_str_equal (g_array_index (self->documents, Document, i).name, name))
      return mc_file_strip_add_file (g_array_index (self->documents, Document, i).files, file, error);
  g_return_val_if_reached (FALSE);
}

/* Returns: (transfer none): the file strip of document @name, NULL if it is not listed. */
McFileStrip *
mc_intake_dialog_get_files (McIntakeDialog *self,
                            const char     *name)
{
  g_return_val_if_fail (MC_IS_INTAKE_DIALOG (self), NULL);

  for (guint i = 0; i < self->documents->len; i++)
    if (g_str_equal (g_array_index (self->documents, Document, i).name, name))
      return g_array_index (self->documents, Document, i).files;
  return NULL;
}

gboolean
mc_intake_dialog_is_confirming (McIntakeDialog *self)
{
  g_return_val_if_fail (MC_IS_INTAKE_DIALOG (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "confirm") == 0;
}

gint64
mc_intake_dialog_get_due (McIntakeDialog *self)
{
  g_return_val_if_fail (MC_IS_INTAKE_DIALOG (self), 0);
  return mc_intake_dialog_is_confirming (self) ? self->due_at : 0;
}

/* Returns: (nullable): the due date as the summary shows it. */
const char *
mc_intake_dialog_get_due_text (McIntakeDialog *self)
{
  g_return_val_if_fail (MC_IS_INTAKE_DIALOG (self), NULL);
  return mc_intake_dialog_is_confirming (self) ? self->due_text : NULL;
}

/* Files the dossier by proxy: @name (NULL: the applicant in person), the proxy's ID number
 * and the paper that authorises them. */
void
mc_intake_dialog_set_proxy (McIntakeDialog *self,
                            const char     *name,
                            const char     *id_number,
                            const char     *authorization)
{
  g_return_if_fail (MC_IS_INTAKE_DIALOG (self));
  gtk_switch_set_active (self->proxy_switch, name != NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->proxy_name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->proxy_id_row), id_number ? id_number : "");
  gtk_editable_set_text (GTK_EDITABLE (self->proxy_paper_row), authorization ? authorization : "");
}

/* Returns: (transfer none): the summary's due date, which the official checks or corrects. */
McDueGroup *
mc_intake_dialog_get_due_group (McIntakeDialog *self)
{
  g_return_val_if_fail (MC_IS_INTAKE_DIALOG (self), NULL);
  return self->due_group;
}

/* Returns: (nullable): the message shown inline, NULL when none is. */
const char *
mc_intake_dialog_get_error (McIntakeDialog *self)
{
  g_return_val_if_fail (MC_IS_INTAKE_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}
