/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-a11y.h"
#include "mc-action-dialog.h"
#include "mc-combo-row.h"
#include "mc-file-strip.h"
#include "mc-official.h"
#include "mc-format.h"
#include "mc-store-files.h"
#include "mc-store-settings.h"
#include "mc-time.h"

/* The dialog of one processing action, built from what the action needs (mc_action_needs()):
 * only the groups it needs are shown. The store has the last word: its refusal (a missing
 * reason, an empty item, a due date that is not later) is shown inline, above the fields, and
 * the dialog stays open so the official can correct it. The same dialog edits a rejected
 * action before it is retried (mc_action_dialog_new_retry()). Completing a dossier records
 * its signed result as an e-result (a file scanned or imported, its date and signer) in the
 * same transaction as the action; returning it says how it was delivered. */

struct _McActionDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *title;
  GtkButton *apply_button;
  GtkLabel *dossier_label;
  GtkLabel *error_label;
  AdwPreferencesGroup *note_group;
  GtkTextView *note_view;
  GtkWidget *items_group;
  GtkListBox *items_list;
  AdwPreferencesGroup *due_group;
  AdwEntryRow *due_row;
  GtkWidget *method_group;
  AdwComboRow *method_row;
  AdwComboRow *delivery_row;
  GtkWidget *eresult_group;
  AdwActionRow *eresult_file_row;
  AdwEntryRow *signed_on_row;
  AdwEntryRow *signer_row;
  McFileStrip *eresult_files;
  GtkWidget *results_group;
  GtkListBox *results_list;
  GtkWidget *fee_group;
  AdwEntryRow *fee_name_row;
  AdwEntryRow *fee_amount_row;

  McStore *store;
  gint64 dossier_id;
  McAction action;
  GHashTable *result_numbers;   /* a result row → the entry of its document's number */
  gint64 outbox_id;   /* retry of a rejected action; 0 for a new action */
  gint64 current_due; /* the dossier's due date when the dialog opened; 0 when none */
};

G_DEFINE_FINAL_TYPE (McActionDialog, mc_action_dialog, ADW_TYPE_WINDOW)

enum {
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (McActionDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* What was said about the input no longer holds once the official changes it. */
static void
on_input_changed (McActionDialog *self)
{
  if (self->outbox_id == 0)
    show_error (self, NULL);
}

/* The due date's group says the current one and, for a date typed outside office hours, the
 * office time the appointment moves to: the official reads it before applying. */
static void
on_due_changed (McActionDialog *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->due_row)));
  g_autofree char *due = NULL, *current = NULL, *moved = NULL, *description = NULL;
  gint64 asked, to;

  on_input_changed (self);
  if (self->store == NULL)
    return;
  if (self->current_due != 0)
    {
      due = mc_format_time (self->current_due);
      current = g_strdup_printf (_("Currently due %s; the new date must be later."), due);
    }
  if (mc_time_parse (g_strstrip (text), &asked))
    moved = mc_store_due_moved (self->store, asked, &to);
  description = current && moved ? g_strdup_printf ("%s\n%s", current, moved)
                                 : g_strdup (current ? current : moved);
  adw_preferences_group_set_description (self->due_group, description);
}

static void
on_remove_row (GtkWidget *button,
               GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);

  if (GTK_IS_LIST_BOX (list))
    gtk_list_box_remove (GTK_LIST_BOX (list), row);
}

static GtkWidget *
remove_button (GtkWidget  *row,
               const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_row), row, 0);
  return button;
}

static GtkWidget *
add_item_row (McActionDialog *self,
              const char     *text)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *title = NULL;
  int n = 1;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->items_list)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  /* TRANSLATORS: the title of the n-th missing item of a supplement request */
  title = g_strdup_printf (_("Item %d"), n);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove_button (row, _("Remove this item")));
  g_signal_connect_object (row, "changed", G_CALLBACK (on_input_changed), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (self->items_list, row);
  return row;
}

static GtkWidget *
add_result_row (McActionDialog *self,
                const char     *name,
                const char     *number)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *number_entry = gtk_entry_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Document"));
  gtk_editable_set_text (GTK_EDITABLE (row), name ? name : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (number_entry), _("Document number"));
  gtk_editable_set_text (GTK_EDITABLE (number_entry), number ? number : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (number_entry), 10);
  gtk_widget_set_valign (number_entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (number_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Number of the result document"), -1);
  g_hash_table_insert (self->result_numbers, g_object_ref (row), g_object_ref (number_entry));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), number_entry);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove_button (row, _("Remove this document")));
  g_signal_connect_object (row, "changed", G_CALLBACK (on_input_changed), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (self->results_list, row);
  return row;
}

/* The texts of the rows of @list (and of their number entries when @numbers). */
static GStrv
collect_rows (McActionDialog *self,
              GtkListBox     *list,
              gboolean        numbers)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *entry = numbers ? g_hash_table_lookup (self->result_numbers, row) : row;

      if (ADW_IS_ENTRY_ROW (row) && entry != NULL)
        g_strv_builder_add (builder, gtk_editable_get_text (GTK_EDITABLE (entry)));
    }
  return g_strv_builder_end (builder);
}

static char *
note_text (McActionDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Reads the fields into @input (its strings owned by the out_ arrays). Returns FALSE with a
 * message for what cannot even be read (a date, an amount); the store checks the rest. */
static gboolean
read_input (McActionDialog  *self,
            McActionInput   *input,
            char           **out_note,
            GStrv           *out_items,
            GStrv           *out_results,
            GStrv           *out_numbers,
            char           **out_message)
{
  McActionNeeds needs = mc_action_needs (self->action);
  const char *due = gtk_editable_get_text (GTK_EDITABLE (self->due_row));
  const char *amount = gtk_editable_get_text (GTK_EDITABLE (self->fee_amount_row));

  *input = (McActionInput) { 0 };
  *out_note = note_text (self);
  input->note = *out_note;
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->fee_amount_row), "error");
  if (needs & MC_ACTION_NEEDS_ITEMS)
    input->items = (const char * const *) (*out_items = collect_rows (self, self->items_list, FALSE));
  if ((needs & MC_ACTION_NEEDS_DUE) && *g_strstrip ((char *) due) != '\0' && !mc_time_parse (due, &input->due_at))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->due_row), "error");
      *out_message = g_strdup_printf (_("“%s” is not a date: write it as DD/MM/YYYY HH:MM, for example 01/12/2026 16:00"), due);
      return FALSE;
    }
  if (needs & MC_ACTION_NEEDS_METHOD)
    {
      /* The combo's order; paper is the default the store assumes (NULL). */
      static const char *const deliveries[] = { NULL, "e-result", "both" };

      input->method = adw_combo_row_get_selected (self->method_row) + MC_CHANNEL_IN_PERSON;
      input->delivery = deliveries[MIN (adw_combo_row_get_selected (self->delivery_row), G_N_ELEMENTS (deliveries) - 1)];
    }
  if (needs & MC_ACTION_NEEDS_RESULTS)
    {
      input->results = (const char * const *) (*out_results = collect_rows (self, self->results_list, FALSE));
      input->result_numbers = (const char * const *) (*out_numbers = collect_rows (self, self->results_list, TRUE));
    }
  if (needs & MC_ACTION_NEEDS_FEE)
    {
      char *end = NULL;

      input->fee_name = gtk_editable_get_text (GTK_EDITABLE (self->fee_name_row));
      if (*amount != '\0')
        {
          input->fee_vnd = g_ascii_strtoll (amount, &end, 10);
          if (*end != '\0' || input->fee_vnd <= 0)
            {
              gtk_widget_add_css_class (GTK_WIDGET (self->fee_amount_row), "error");
              *out_message = g_strdup_printf (_("“%s” is not an amount: write the number of đồng in digits only"), amount);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* The signed result's files, attached to the dossier as its e-result under the first result
 * document's name and number, before the action that completes it. */
static gboolean
attach_eresult (McActionDialog       *self,
                const McActionInput  *input,
                const char           *actor,
                char                **out_message,
                GError              **error)
{
  GPtrArray *files = mc_file_strip_get_pending (self->eresult_files);
  const char *signed_on = gtk_editable_get_text (GTK_EDITABLE (self->signed_on_row));
  const char *name = input->results && input->results[0] ? input->results[0] : "";
  gint64 signed_at = 0;

  if (files->len == 0)
    return TRUE;
  gtk_widget_remove_css_class (GTK_WIDGET (self->signed_on_row), "error");
  if (*signed_on != '\0' && !mc_time_parse (signed_on, &signed_at))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->signed_on_row), "error");
      *out_message = g_strdup_printf (_("“%s” is not a date: write it as DD/MM/YYYY, for example 01/12/2026"), signed_on);
      return FALSE;
    }
  if (mc_store_is_blank (name))
    {
      *out_message = g_strdup (_("Name the result document the file is the electronic copy of"));
      return FALSE;
    }
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_file_get_path (g_ptr_array_index (files, i));
      McAttachInput in = {
        .path = path, .kept = mc_file_strip_get_pending_kept (self->eresult_files, i),
        .component = name, .kind = MC_FILE_RESULT,
        .doc_number = input->result_numbers && input->result_numbers[0] && *input->result_numbers[0]
                      ? input->result_numbers[0] : NULL,
        .doc_date = signed_at,
        .signer = mc_store_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->signer_row)))
                  ? NULL : gtk_editable_get_text (GTK_EDITABLE (self->signer_row)),
      };

      if (!mc_store_attach_file (self->store, self->dossier_id, &in, actor, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Applies the action (or retries the rejected one). Returns TRUE when the store took it: the
 * dialog emits "applied" and closes; else it shows why and stays. */
gboolean
mc_action_dialog_apply (McActionDialog *self)
{
  g_autofree char *note = NULL, *message = NULL, *actor = NULL, *unit = NULL;
  g_auto(GStrv) items = NULL, results = NULL, numbers = NULL;
  g_autoptr(GError) error = NULL;
  McActionInput input;
  gboolean ok;

  g_return_val_if_fail (MC_IS_ACTION_DIALOG (self), FALSE);

  if (!read_input (self, &input, &note, &items, &results, &numbers, &message))
    {
      show_error (self, message);
      return FALSE;
    }
  if (!(actor = mc_official_signer (self->store, &error)))
    {
      show_error (self, error->message);
      return FALSE;
    }
  input.unit = unit = mc_official_unit (self->store);
  if (self->outbox_id != 0)
    ok = mc_store_outbox_retry (self->store, self->outbox_id, &input, actor, &error);
  else
    /* The e-result and the action together, or nothing. */
    ok = mc_store_begin (self->store, &error)
         && attach_eresult (self, &input, actor, &message, &error)
         && mc_store_apply_action (self->store, self->dossier_id, self->action, &input, actor, &error)
         && mc_store_commit (self->store, &error);
  if (!ok)
    {
      if (self->outbox_id == 0)
        mc_store_rollback (self->store);
      show_error (self, message ? message : error->message);
      return FALSE;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[APPLIED], 0, self->dossier_id, (int) self->action);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  mc_action_dialog_apply (MC_ACTION_DIALOG (widget));
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_widget_grab_focus (add_item_row (MC_ACTION_DIALOG (widget), NULL));
}

static void
add_result_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_widget_grab_focus (add_result_row (MC_ACTION_DIALOG (widget), NULL, NULL));
}

/* What the note is called for each action: the legal reasons where the form prints them. */
static const char *
note_title (McAction action,
            gboolean needed)
{
  switch (action)
    {
    case MC_ACTION_REFUSE:
    case MC_ACTION_STOP:
    case MC_ACTION_WITHDRAW:
      return _("Reasons");
    case MC_ACTION_RESCHEDULE:
      return _("Reason for the delay (printed on the apology)");
    case MC_ACTION_RECORD_STEP:
      return _("What was done");
    default:
      return needed ? _("Note") : _("Note (optional)");
    }
}

/* Builds the dialog for the dossier and the action. */
static void
setup (McActionDialog *self)
{
  g_autoptr(McDossier) d = mc_store_get_dossier (self->store, self->dossier_id, NULL);
  McActionNeeds needs = mc_action_needs (self->action);
  const char *label = mc_action_label (self->action);

  adw_window_title_set_title (self->title, label);
  gtk_window_set_title (GTK_WINDOW (self), label);
  /* Named once, by the label's text (mc_a11y_name_mnemonic_buttons()). */
  gtk_button_set_label (self->apply_button, self->outbox_id ? _("_Retry") : label);
  if (d != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s · %s\n%s", d->number, d->applicant_name, d->procedure_name);

      adw_window_title_set_subtitle (self->title, d->number);
      gtk_label_set_text (self->dossier_label, text);
      self->current_due = d->due_at;
      if (d->due_at != 0)
        {
          g_autofree char *due = mc_format_time (d->due_at);

          gtk_editable_set_text (GTK_EDITABLE (self->due_row), due);
        }
      on_due_changed (self);
      if (d->return_method >= MC_CHANNEL_IN_PERSON && d->return_method <= MC_CHANNEL_POST)
        adw_combo_row_set_selected (self->method_row, d->return_method - MC_CHANNEL_IN_PERSON);
    }
  adw_preferences_group_set_title (self->note_group, note_title (self->action, needs & MC_ACTION_NEEDS_NOTE));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  note_title (self->action, needs & MC_ACTION_NEEDS_NOTE), -1);
  gtk_widget_set_visible (self->items_group, needs & MC_ACTION_NEEDS_ITEMS);
  gtk_widget_set_visible (GTK_WIDGET (self->due_group), needs & MC_ACTION_NEEDS_DUE);
  gtk_widget_set_visible (self->method_group, needs & MC_ACTION_NEEDS_METHOD);
  gtk_widget_set_visible (self->results_group, needs & MC_ACTION_NEEDS_RESULTS);
  /* A retry resends the action only: its e-result was attached with it. */
  gtk_widget_set_visible (self->eresult_group, (needs & MC_ACTION_NEEDS_RESULTS) && self->outbox_id == 0);
  gtk_widget_set_visible (self->fee_group, needs & MC_ACTION_NEEDS_FEE);
  if (needs & MC_ACTION_NEEDS_ITEMS)
    add_item_row (self, NULL);
  if (needs & MC_ACTION_NEEDS_RESULTS)
    add_result_row (self, NULL, NULL);
}

/* A rejected action's input, from its payload, to edit before the retry. */
static void
fill_from_payload (McActionDialog *self,
                   const char     *payload)
{
  g_autoptr(McActionPayload) p = mc_action_payload_from_json (payload, NULL);
  GtkWidget *child;

  if (p == NULL)
    return;
  if (p->note != NULL)
    mc_action_dialog_set_note (self, p->note);
  if (p->items != NULL)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_list))) != NULL)
        gtk_list_box_remove (self->items_list, child);
      for (guint i = 0; p->items[i]; i++)
        add_item_row (self, p->items[i]);
    }
  if (p->due_at != 0)
    {
      g_autofree char *text = mc_format_time (p->due_at);

      gtk_editable_set_text (GTK_EDITABLE (self->due_row), text);
    }
  if (p->method != 0)
    mc_action_dialog_set_method (self, p->method);
  if (p->delivery != NULL)
    mc_action_dialog_set_delivery (self, p->delivery);
  if (p->results != NULL)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
        gtk_list_box_remove (self->results_list, child);
      for (guint i = 0; p->results[i]; i++)
        add_result_row (self, p->results[i], p->result_numbers ? p->result_numbers[i] : "");
    }
  if (p->fee_name != NULL)
    {
      g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, p->fee_vnd);

      mc_action_dialog_set_fee (self, p->fee_name, amount);
    }
}

static void
mc_action_dialog_dispose (GObject *object)
{
  McActionDialog *self = MC_ACTION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_ACTION_DIALOG);
  g_clear_pointer (&self->result_numbers, g_hash_table_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mc_action_dialog_parent_class)->dispose (object);
}

static void
mc_action_dialog_class_init (McActionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_action_dialog_dispose;

  /* The store took the action: (dossier id, McAction). */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT);

  g_type_ensure (MC_TYPE_COMBO_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-action-dialog.ui");
  /* A screen reader announces it as a dialog over the main window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, title);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, dossier_label);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, note_group);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, items_group);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, items_list);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, due_group);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, method_group);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, delivery_row);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, eresult_group);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, eresult_file_row);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, signed_on_row);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, signer_row);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, results_group);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, results_list);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, fee_group);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, fee_name_row);
  gtk_widget_class_bind_template_child (widget_class, McActionDialog, fee_amount_row);

  gtk_widget_class_install_action (widget_class, "dialog.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "dialog.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "dialog.add-result", NULL, add_result_action);
  /* Ctrl+Enter applies from anywhere, the note included (where Enter is a new line). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mc_action_dialog_init (McActionDialog *self)
{
  self->result_numbers = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed", G_CALLBACK (on_input_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->due_row, "changed", G_CALLBACK (on_due_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fee_name_row, "changed", G_CALLBACK (on_input_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fee_amount_row, "changed", G_CALLBACK (on_input_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->signed_on_row, "changed", G_CALLBACK (on_input_changed), self, G_CONNECT_SWAPPED);
  /* Waits in the strip until the action is applied: a cancelled dialog keeps nothing. */
  self->eresult_files = MC_FILE_STRIP (mc_file_strip_new (NULL));
  adw_action_row_add_suffix (self->eresult_file_row, GTK_WIDGET (self->eresult_files));
}

/* A dialog for @action on dossier @dossier_id, modal on @parent. */
McActionDialog *
mc_action_dialog_new (GtkWindow *parent,
                      McStore   *store,
                      gint64     dossier_id,
                      McAction   action)
{
  McActionDialog *self;

  g_return_val_if_fail (MC_IS_STORE (store), NULL);
  g_return_val_if_fail (action > MC_ACTION_INVALID && action <= MC_ACTION_LAST, NULL);

  self = g_object_new (MC_TYPE_ACTION_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->dossier_id = dossier_id;
  self->action = action;
  /* The e-result's files wait for the action, kept in the profile meanwhile. */
  mc_file_strip_set_dossier (self->eresult_files, store, 0);
  setup (self);
  return self;
}

/* A dialog that edits the rejected outbox @entry and retries it. */
McActionDialog *
mc_action_dialog_new_retry (GtkWindow           *parent,
                            McStore             *store,
                            const McOutboxEntry *entry)
{
  McActionDialog *self;
  McAction action = mc_action_from_id (entry->action);

  g_return_val_if_fail (action != MC_ACTION_INVALID, NULL);

  self = g_object_new (MC_TYPE_ACTION_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->dossier_id = entry->dossier_id;
  self->action = action;
  self->outbox_id = entry->id;
  setup (self);
  fill_from_payload (self, entry->payload);
  if (entry->last_error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The ministry system refused it: %s"), entry->last_error);

      show_error (self, text);
    }
  return self;
}

McAction
mc_action_dialog_get_action (McActionDialog *self)
{
  g_return_val_if_fail (MC_IS_ACTION_DIALOG (self), MC_ACTION_INVALID);
  return self->action;
}

gint64
mc_action_dialog_get_dossier_id (McActionDialog *self)
{
  g_return_val_if_fail (MC_IS_ACTION_DIALOG (self), 0);
  return self->dossier_id;
}

/* Returns: (nullable): the message shown inline, NULL when none is. */
const char *
mc_action_dialog_get_error (McActionDialog *self)
{
  g_return_val_if_fail (MC_IS_ACTION_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

void
mc_action_dialog_set_note (McActionDialog *self,
                           const char     *note)
{
  g_return_if_fail (MC_IS_ACTION_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note ? note : "", -1);
}

/* Fills the first empty item row, or adds one. */
void
mc_action_dialog_add_item (McActionDialog *self,
                           const char     *item)
{
  g_return_if_fail (MC_IS_ACTION_DIALOG (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->items_list)); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ENTRY_ROW (row) && *gtk_editable_get_text (GTK_EDITABLE (row)) == '\0')
      {
        gtk_editable_set_text (GTK_EDITABLE (row), item);
        return;
      }
  add_item_row (self, item);
}

void
mc_action_dialog_set_due (McActionDialog *self,
                          const char     *text)
{
  g_return_if_fail (MC_IS_ACTION_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), text);
}

void
mc_action_dialog_set_method (McActionDialog *self,
                             McChannel       method)
{
  g_return_if_fail (MC_IS_ACTION_DIALOG (self));
  if (method >= MC_CHANNEL_IN_PERSON && method <= MC_CHANNEL_POST)
    adw_combo_row_set_selected (self->method_row, method - MC_CHANNEL_IN_PERSON);
}

/* Returns: the dossier's due date before the action (0 when none): a reschedule's apology
 * names the date that will be missed. */

/* Fills the first empty result row, or adds one. */
void
mc_action_dialog_add_result (McActionDialog *self,
                             const char     *name,
                             const char     *number)
{
  GtkWidget *row;

  g_return_if_fail (MC_IS_ACTION_DIALOG (self));

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->results_list)); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ENTRY_ROW (row) && *gtk_editable_get_text (GTK_EDITABLE (row)) == '\0')
      break;
  if (row == NULL)
    row = add_result_row (self, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), name);
  gtk_editable_set_text (GTK_EDITABLE (g_hash_table_lookup (self->result_numbers, row)), number ? number : "");
}

/* Returns: (transfer none): the strip of the signed result's files (a completion's e-result). */
McFileStrip *
mc_action_dialog_get_eresult_files (McActionDialog *self)
{
  g_return_val_if_fail (MC_IS_ACTION_DIALOG (self), NULL);
  return self->eresult_files;
}

/* The e-result's date of signing (DD/MM/YYYY) and signer. */
void
mc_action_dialog_set_signed (McActionDialog *self,
                             const char     *signed_on,
                             const char     *signer)
{
  g_return_if_fail (MC_IS_ACTION_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->signed_on_row), signed_on ? signed_on : "");
  gtk_editable_set_text (GTK_EDITABLE (self->signer_row), signer ? signer : "");
}

/* How the returned result was delivered: "paper", "e-result" or "both". */
void
mc_action_dialog_set_delivery (McActionDialog *self,
                               const char     *delivery)
{
  g_return_if_fail (MC_IS_ACTION_DIALOG (self));
  adw_combo_row_set_selected (self->delivery_row, g_strcmp0 (delivery, "e-result") == 0 ? 1
                                                  : g_strcmp0 (delivery, "both") == 0 ? 2 : 0);
}

void
mc_action_dialog_set_fee (McActionDialog *self,
                          const char     *name,
                          const char     *amount)
{
  g_return_if_fail (MC_IS_ACTION_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->fee_name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->fee_amount_row), amount ? amount : "");
}
