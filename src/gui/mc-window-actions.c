/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-alert.h"
#include "mc-intake-dialog.h"
#include "mc-official.h"
#include "mc-store-settings.h"
#include "mc-store-register.h"
#include "mc-time.h"
#include "mc-window-private.h"

/* The window's actions ("win.…"): moving around the queue, and the official's work — the
 * processing actions of a dossier, the counter intake, the printed forms and the register,
 * the needs-review and outbox window. The dossier view's buttons, the menus, the accelerators
 * and the tests all take the same path. Every write goes through the store in one
 * transaction; what it changed comes back through the change stream (mc-window.c). */

/* Moving around */

/* The views behind Ctrl+1…9: the ones a commune official opens most, not the sidebar's
 * order, which follows the workflow. */
static const McQueueView shortcut_views[9] = {
  MC_QUEUE_ALL, MC_QUEUE_WAITING, MC_QUEUE_RECEIVED, MC_QUEUE_PROCESSING,
  MC_QUEUE_SUPPLEMENT_REQUESTED, MC_QUEUE_DUE_TODAY, MC_QUEUE_DUE_SOON, MC_QUEUE_OVERDUE,
  MC_QUEUE_RESULT_READY,
};

static void
select_view_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  int n = g_variant_get_int32 (parameter);

  if (n >= 0 && n < MC_QUEUE_N_VIEWS)
    mc_sidebar_set_view (self->sidebar, n);
}

static void
shortcut_view_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  int n = g_variant_get_int32 (parameter);

  if (n >= 1 && n <= (int) G_N_ELEMENTS (shortcut_views))
    mc_sidebar_set_view (self->sidebar, shortcut_views[n - 1]);
}

static void
ministry_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  mc_sidebar_set_ministry (MC_WINDOW (widget)->sidebar, g_variant_get_string (parameter, NULL));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  if (adw_leaflet_get_folded (self->inner_leaflet))
    adw_leaflet_set_visible_child (self->inner_leaflet, self->list_pane);
  if (adw_leaflet_get_folded (self->outer_leaflet))
    adw_leaflet_set_visible_child (self->outer_leaflet, GTK_WIDGET (self->content_stack));
  mc_window_show_queue (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
open_dossier_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  mc_window_open_dossier (MC_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
open_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), g_variant_get_string (parameter, NULL));
  mc_window_search_activate (self);
}

/* Escape: back from the detail to the list on a narrow window, else out of the search. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  if (adw_leaflet_get_folded (self->inner_leaflet) &&
      adw_leaflet_get_visible_child (self->inner_leaflet) == self->detail_pane)
    {
      adw_leaflet_set_visible_child (self->inner_leaflet, self->list_pane);
      gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
    }
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    mc_window_stop_search (self);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  adw_leaflet_set_visible_child (self->outer_leaflet, self->sidebar_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar));
}

/* The official */

typedef struct
{
  McWindow *window;
  GtkEditable *name;
  GtkEditable *title;
  char *action_name;
  GVariant *parameter;
} Ask;

static void
ask_free (gpointer  data,
          GClosure *closure)
{
  Ask *ask = data;

  g_object_unref (ask->window);
  g_free (ask->action_name);
  g_clear_pointer (&ask->parameter, g_variant_unref);
  g_free (ask);
}

static void
on_name_changed (GtkEditable      *name,
                 AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (name)));

  adw_message_dialog_set_response_enabled (dialog, "save", *text != '\0');
}

static void
on_ask_response (AdwMessageDialog *dialog,
                 const char       *response,
                 Ask              *ask)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (ask->name)));
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (ask->title)));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save") || *name == '\0')
    return;
  if (!mc_store_set_setting (ask->window->store, "official.name", name, name, &error) ||
      (*title != '\0' && !mc_store_set_setting (ask->window->store, "official.title", title, name, &error)))
    {
      mc_window_toast (ask->window, error->message);
      return;
    }
  /* What the official was about to do, now that the window knows who does it. */
  gtk_widget_activate_action_variant (GTK_WIDGET (ask->window), ask->action_name, ask->parameter);
}

/* Returns: TRUE when the profile names its official (official.name). Else asks for the full
 * name and title before the first action or print, since both are recorded with the action
 * and printed on forms the citizen signs, runs @action_name (@parameter) again once they are
 * given, and returns FALSE. */
static gboolean
official_known (McWindow   *self,
                const char *action_name,
                GVariant   *parameter)
{
  g_autofree char *name = mc_official_signer (self->store, NULL);
  GtkWidget *dialog, *box, *name_entry, *title_entry;
  Ask *ask;

  if (name != NULL)
    return TRUE;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Who Is Working?"),
                                   _("Your full name and title are recorded with every action and printed on the "
                                     "forms the citizen signs. They are kept in this profile; Preferences changes "
                                     "them."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  name_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (name_entry), _("Full name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (name_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Full name"), -1);
  title_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (title_entry), _("Title, for example Công chức Văn hóa - Xã hội"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (title_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  gtk_box_append (GTK_BOX (box), name_entry);
  gtk_box_append (GTK_BOX (box), title_entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Continue"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  ask = g_new0 (Ask, 1);
  ask->window = g_object_ref (self);
  ask->name = GTK_EDITABLE (name_entry);
  ask->title = GTK_EDITABLE (title_entry);
  ask->action_name = g_strdup (action_name);
  ask->parameter = parameter ? g_variant_ref_sink (parameter) : NULL;
  g_signal_connect_object (name_entry, "changed", G_CALLBACK (on_name_changed), dialog, 0);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_ask_response), ask, ask_free, 0);
  mc_message_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name_entry);
  return FALSE;
}

/* The forms */

/* Lays out @form of dossier @dossier_id with the office's settings. */
McPrintOperation *
mc_window_form (McWindow     *self,
                gint64        dossier_id,
                McPrintForm   form,
                GError      **error)
{
  g_autoptr(McDossier) d = NULL;
  McPrintLayout *layout;
  g_autofree char *name = NULL;
  g_autofree char *official = mc_official_signer (self->store, NULL);
  McPrintOptions options = { .official = official };

  if (!(d = mc_store_get_dossier (self->store, dossier_id, error)) ||
      !(layout = mc_print_stored_dossier (self->store, dossier_id, form, &options, error)))
    return NULL;
  /* The file a PDF is saved to is named as an official would: the form's title and the number. */
  name = g_strdup_printf ("%s - %s", mc_print_form_title (form), d->number);
  return mc_print_operation_new (layout, name);
}

static McPrintOperation *register_operation (McWindow    *self,
                                             const char  *from_text,
                                             const char  *to_text,
                                             GError     **error);

/* What a dialog offering to print keeps for its answer: a form of a dossier, or (with the
 * rows of its period) the register of the dossiers received. */
typedef struct
{
  McWindow *window;
  gint64 dossier_id;
  McPrintForm form;
  GtkEditable *from_row;      /* NULL but for the register */
  GtkEditable *to_row;
} Offer;

static void
offer_free (gpointer  data,
            GClosure *closure)
{
  Offer *offer = data;

  g_object_unref (offer->window);
  g_free (offer);
}

static void
on_offer_response (AdwMessageDialog *dialog,
                   const char       *response,
                   Offer            *offer)
{
  g_autoptr(McPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "print") && !g_str_equal (response, "pdf"))
    return;
  if (offer->from_row != NULL)
    operation = register_operation (offer->window, gtk_editable_get_text (offer->from_row),
                                    gtk_editable_get_text (offer->to_row), &error);
  else
    operation = mc_window_form (offer->window, offer->dossier_id, offer->form, &error);
  if (operation == NULL)
    mc_window_toast (offer->window, error->message);
  else if (g_str_equal (response, "print"))
    mc_print_operation_print (operation, GTK_WINDOW (offer->window));
  else
    mc_print_operation_save_pdf (operation, GTK_WINDOW (offer->window));
}

/* Gives @dialog the answers of an offer to print (@cancel, labelled @cancel_label, closes it)
 * and presents it, @offer (transfer full) answering. */
static void
present_offer (McWindow   *self,
               GtkWidget  *dialog,
               const char *cancel,
               const char *cancel_label,
               Offer      *offer)
{
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    cancel, cancel_label,
                                    "pdf", _("Save as _PDF…"),
                                    "print", _("_Print…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "print");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), cancel);
  offer->window = g_object_ref (self);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_offer_response), offer, offer_free, 0);
  mc_message_present (GTK_WINDOW (dialog));
}

/* Right after an action that calls for a form: print it or save it now, or later from the
 * dossier's Print menu. */
static void
offer_form (McWindow    *self,
            gint64       dossier_id,
            McPrintForm  form)
{
  g_autoptr(McDossier) d = mc_store_get_dossier (self->store, dossier_id, NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  Offer *offer;
  GtkWidget *dialog;

  if (d == NULL)
    return;
  /* TRANSLATORS: the form's title in Vietnamese (it is a legal document), then the dossier number */
  g_string_printf (body, _("“%s” for dossier %s is ready."), mc_print_form_title (form), d->number);
  if (d->provisional)
    g_string_append_printf (body, "\n\n%s",
                            _("The dossier has a provisional number until the ministry system assigns one, "
                              "and the form says so. Print it again from the dossier's Print menu once the "
                              "number is known."));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Print the Form?"), body->str);
  offer = g_new0 (Offer, 1);
  offer->dossier_id = dossier_id;
  offer->form = form;
  present_offer (self, dialog, "later", _("_Not Now"), offer);
}

static void
form_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  g_autoptr(McPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  const char *form_id;
  McPrintForm form;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &form_id);
  if (!mc_print_form_from_id (form_id, &form) || !official_known (self, action_name, parameter))
    return;
  if (!(operation = mc_window_form (self, id, form, &error)))
    mc_window_toast (self, error->message);
  else if (g_str_equal (action_name, "win.print-form"))
    mc_print_operation_print (operation, GTK_WINDOW (self));
  else if (g_str_equal (action_name, "win.preview-form"))
    mc_print_operation_run_preview (operation, GTK_WINDOW (self));
  else
    mc_print_operation_save_pdf (operation, GTK_WINDOW (self));
}

static void
toast_saved (McWindow   *self,
             const char *path)
{
  /* TRANSLATORS: a PDF was written to this path */
  g_autofree char *text = g_strdup_printf (_("Saved to %s"), path);

  mc_window_toast (self, text);
}

/* win.save-form-to((id, form, path)): writes the PDF without asking where (scripts, tests). */
static void
save_form_to_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  g_autoptr(McPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  const char *form_id, *path;
  McPrintForm form;
  gint64 id;

  g_variant_get (parameter, "(x&s&s)", &id, &form_id, &path);
  if (!mc_print_form_from_id (form_id, &form))
    return;
  if (!(operation = mc_window_form (self, id, form, &error)) || !mc_print_operation_write_pdf (operation, path, &error))
    mc_window_toast (self, error->message);
  else
    toast_saved (self, path);
}

/* The official's actions */

static void
on_action_applied (McActionDialog *dialog,
                   gint64          dossier_id,
                   int             action,
                   McWindow       *self)
{
  g_autofree char *text = NULL;
  McPrintForm form;

  /* TRANSLATORS: after an action: its name; the action waits in the outbox until synced */
  text = g_strdup_printf (_("%s: saved, waiting to be sent to the ministry system"), mc_action_label (action));
  mc_window_toast (self, text);
  if (mc_print_form_for_action (action, &form))
    offer_form (self, dossier_id, form);
}

/* Opens the dialog of @action on dossier @dossier_id. */
McActionDialog *
mc_window_open_action (McWindow *self,
                       gint64    dossier_id,
                       McAction  action)
{
  g_autoptr(McDossier) d = mc_store_get_dossier (self->store, dossier_id, NULL);
  McActionDialog *dialog;

  if (action == MC_ACTION_INVALID || d == NULL)
    return NULL;
  dialog = mc_action_dialog_new (GTK_WINDOW (self), self->store, dossier_id, action);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_action_applied), self, 0);
  mc_message_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
act_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  gint64 id;
  const char *action;

  g_variant_get (parameter, "(x&s)", &id, &action);
  if (official_known (MC_WINDOW (widget), action_name, parameter))
    mc_window_open_action (MC_WINDOW (widget), id, mc_action_from_id (action));
}

static void
on_intake_received (McIntakeDialog *dialog,
                    gint64          dossier_id,
                    McWindow       *self)
{
  McPrintForm form;

  mc_window_open_dossier (self, dossier_id);
  if (mc_print_form_for_action (MC_ACTION_RECEIVE, &form))
    offer_form (self, dossier_id, form);
}

static void
receive_new_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  McIntakeDialog *dialog;

  if (!official_known (self, action_name, parameter))
    return;
  dialog = mc_intake_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "received", G_CALLBACK (on_intake_received), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  mc_window_present_review (MC_WINDOW (widget), g_str_equal (action_name, "win.outbox") ? "outbox" : "review", 0);
}

/* win.review-entry(outbox id): the review window at that action's card. */
static void
review_entry_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  mc_window_present_review (MC_WINDOW (widget), "review", g_variant_get_int64 (parameter));
}

/* The register of dossiers received */

/* The register's period: two days typed as D/M/YYYY (or YYYY-MM-DD), as the command line
 * reads them (mc_time_parse_day()), the last one included. */
static gboolean
parse_period (const char  *from_text,
              const char  *to_text,
              gint64      *out_from,
              gint64      *out_to,
              char       **out_message)
{
  g_autoptr(GDateTime) last = NULL, next = NULL;

  if (!mc_time_parse_day (from_text, out_from) || !mc_time_parse_day (to_text, out_to))
    {
      *out_message = g_strdup (_("Write both days as DD/MM/YYYY, for example 01/11/2026"));
      return FALSE;
    }
  if (*out_to < *out_from)
    {
      *out_message = g_strdup (_("The last day is before the first one"));
      return FALSE;
    }
  last = mc_time_to_local (*out_to);
  next = g_date_time_add_days (last, 1);
  *out_to = g_date_time_to_unix (next);
  return TRUE;
}

static McPrintOperation *
register_operation (McWindow    *self,
                    const char  *from_text,
                    const char  *to_text,
                    GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_unref);
  g_autoptr(McPrintOffice) office = NULL;
  g_autofree char *message = NULL;
  McPrintLayout *layout;
  gint64 from, to;

  if (!parse_period (from_text, to_text, &from, &to, &message))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
      return NULL;
    }
  if (!(ids = mc_store_list_received (self->store, from, to, error)))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      McDossier *d = mc_store_get_dossier (self->store, g_array_index (ids, gint64, i), error);

      if (d == NULL)
        return NULL;
      g_ptr_array_add (dossiers, d);
    }
  if (!(office = mc_print_office_load (self->store, error)) ||
      !(layout = mc_print_register (office, dossiers, from, to, NULL, error)))
    return NULL;
  return mc_print_operation_new (layout, _("Register of dossiers received"));
}

/* win.save-register-to((from, to, path)): the register as PDF without asking where. */
static void
save_register_to_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  g_autoptr(McPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  const char *from_text, *to_text, *path;

  g_variant_get (parameter, "(&s&s&s)", &from_text, &to_text, &path);
  if (!(operation = register_operation (self, from_text, to_text, &error)) ||
      !mc_print_operation_write_pdf (operation, path, &error))
    mc_window_toast (self, error->message);
  else
    toast_saved (self, path);
}

static GtkWidget *
day_row (const char *title,
         GDateTime  *day)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *text = g_date_time_format (day, "%d/%m/%Y");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  return row;
}

/* The register of the dossiers received over a period, this month so far by default. */
static void
print_register_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  g_autoptr(GDateTime) today = mc_time_to_local (mc_time_now ());
  g_autoptr(GDateTime) first = g_date_time_add_days (today, 1 - g_date_time_get_day_of_month (today));
  Offer *offer = g_new0 (Offer, 1);
  GtkWidget *dialog, *list, *from_row, *to_row;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Register of Dossiers Received"),
                                   _("One line per dossier received over the period, both days included."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Period"), -1);
  from_row = day_row (_("From (DD/MM/YYYY)"), first);
  to_row = day_row (_("To (DD/MM/YYYY)"), today);
  gtk_list_box_append (GTK_LIST_BOX (list), from_row);
  gtk_list_box_append (GTK_LIST_BOX (list), to_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  offer->from_row = GTK_EDITABLE (from_row);
  offer->to_row = GTK_EDITABLE (to_row);
  present_offer (self, dialog, "cancel", _("_Cancel"), offer);
}

/* The reports (mc-report-view.c), read again each time they are shown; a dossier opened from
 * one of their lists comes back to the queue (show-queue, then open-dossier). */
static void
show_reports_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  McReportView *reports = mc_window_get_report_view (self);

  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (reports));
  if (adw_leaflet_get_folded (self->outer_leaflet))
    adw_leaflet_set_visible_child (self->outer_leaflet, GTK_WIDGET (self->content_stack));
  mc_report_view_refresh (reports);
}

static void
show_queue_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  mc_window_show_queue (MC_WINDOW (widget));
}

void
mc_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-reports", NULL, show_reports_action);
  gtk_widget_class_install_action (widget_class, "win.show-queue", NULL, show_queue_action);
  gtk_widget_class_install_action (widget_class, "win.select-view", "i", select_view_action);
  gtk_widget_class_install_action (widget_class, "win.shortcut-view", "i", shortcut_view_action);
  gtk_widget_class_install_action (widget_class, "win.ministry", "s", ministry_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.open-dossier", "x", open_dossier_action);
  gtk_widget_class_install_action (widget_class, "win.open-number", "s", open_number_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);

  gtk_widget_class_install_action (widget_class, "win.act", "(xs)", act_action);
  gtk_widget_class_install_action (widget_class, "win.print-form", "(xs)", form_action);
  gtk_widget_class_install_action (widget_class, "win.save-form", "(xs)", form_action);
  gtk_widget_class_install_action (widget_class, "win.preview-form", "(xs)", form_action);
  gtk_widget_class_install_action (widget_class, "win.save-form-to", "(xss)", save_form_to_action);
  gtk_widget_class_install_action (widget_class, "win.receive-new", NULL, receive_new_action);
  gtk_widget_class_install_action (widget_class, "win.print-register", NULL, print_register_action);
  gtk_widget_class_install_action (widget_class, "win.save-register-to", "(sss)", save_register_to_action);
  gtk_widget_class_install_action (widget_class, "win.needs-review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "win.outbox", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "win.review-entry", "x", review_entry_action);

  /* Escape as a class binding, not an application accelerator: the search entry and popovers
   * see it first and keep their own meaning of it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
}
