/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-action-window.h"
#include "mc-intake-dialog.h"
#include "mc-review-window.h"
#include "mc-store-outbox.h"
#include "mc-store-register.h"
#include "mc-time.h"

/* The official's work on the window: the processing actions of the shown dossier, the counter
 * intake, the printed forms and the register, the needs-review and outbox page. The actions
 * are the window's ("win.…") so that the dossier view's buttons, the menus, the accelerators
 * and the tests all take the same path. Every write goes through the store in one
 * transaction; the window is then refreshed at once, since its own writes do not show up in
 * its poll of PRAGMA data_version (which only sees other connections). */

static void
toast (McWindow   *window,
       const char *text)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));

  /* The content is the toast overlay, perhaps under a banner of another part of the window. */
  while (content != NULL && !ADW_IS_TOAST_OVERLAY (content))
    content = gtk_widget_get_first_child (content);
  if (content != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (content), adw_toast_new (text));
  else
    g_warning ("%s", text);
}

/* Shows what the store holds now: the list (with the not-yet-synced marker), the counts, the
 * detail. */
void
mc_action_window_refresh (McWindow *window)
{
  McQueueModel *model = mc_window_get_model (window);
  McDossierView *view = mc_window_get_dossier_view (window);
  g_autoptr(GError) error = NULL;
  gint64 id = mc_dossier_view_get_dossier_id (view);

  if (!mc_queue_model_invalidate (model, &error))
    {
      toast (window, error->message);
      g_clear_error (&error);
    }
  mc_queue_counter_refresh (mc_window_get_counter (window), mc_queue_model_get_view (model),
                            mc_queue_model_get_ministry (model));
  if (id != 0 && !mc_dossier_view_show (view, mc_window_get_store (window), id, &error))
    toast (window, error->message);
}

/* Lays out @form of dossier @dossier_id with the office's settings. */
McPrintOperation *
mc_action_window_form (McWindow     *window,
                       gint64        dossier_id,
                       McPrintForm   form,
                       gint64        previous_due_at,
                       GError      **error)
{
  McStore *store = mc_window_get_store (window);
  g_autoptr(McDossier) d = NULL;
  g_autoptr(McPrintOffice) office = NULL;
  McPrintOptions options = { .previous_due_at = previous_due_at };
  McPrintLayout *layout;
  g_autofree char *name = NULL;

  if (!(d = mc_store_get_dossier (store, dossier_id, error)) || !(office = mc_print_office_load (store, error)) ||
      !(layout = mc_print_dossier (office, d, form, &options, error)))
    return NULL;
  name = g_strdup_printf ("%s %s", mc_print_form_id (form), d->number);
  return mc_print_operation_new (layout, name);
}

typedef struct
{
  McWindow *window;
  gint64 dossier_id;
  McPrintForm form;
  gint64 previous_due_at;
} Offer;

static void
on_offer_response (AdwMessageDialog *dialog,
                   const char       *response,
                   Offer            *offer)
{
  g_autoptr(McPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "print") || g_str_equal (response, "pdf"))
    {
      operation = mc_action_window_form (offer->window, offer->dossier_id, offer->form, offer->previous_due_at, &error);
      if (operation == NULL)
        toast (offer->window, error->message);
      else if (g_str_equal (response, "print"))
        mc_print_operation_print (operation, GTK_WINDOW (offer->window));
      else
        mc_print_operation_save_pdf (operation, GTK_WINDOW (offer->window));
    }
}

static void
offer_free (gpointer data,
            GClosure *closure)
{
  Offer *offer = data;

  g_object_unref (offer->window);
  g_free (offer);
}

/* Right after an action that calls for a form: print it or save it now, or later from the
 * dossier's Print menu. */
void
mc_action_window_offer_form (McWindow    *window,
                             gint64       dossier_id,
                             McPrintForm  form,
                             gint64       previous_due_at)
{
  g_autoptr(McDossier) d = mc_store_get_dossier (mc_window_get_store (window), dossier_id, NULL);
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
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Print the Form?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Not Now"),
                                    "pdf", _("Save as _PDF…"),
                                    "print", _("_Print…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "print");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  offer = g_new0 (Offer, 1);
  offer->window = g_object_ref (window);
  offer->dossier_id = dossier_id;
  offer->form = form;
  offer->previous_due_at = previous_due_at;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_offer_response), offer, offer_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_action_applied (McActionDialog *dialog,
                   gint64          dossier_id,
                   int             action,
                   McWindow       *window)
{
  g_autofree char *text = NULL;
  McPrintForm form;
  gint64 previous_due = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "previous-due"));

  mc_action_window_refresh (window);
  /* TRANSLATORS: after an action: its name; the action waits in the outbox until synced */
  text = g_strdup_printf (_("%s: saved, waiting to be sent to the ministry system"), mc_action_label (action));
  toast (window, text);
  if (mc_print_form_for_action (action, &form))
    mc_action_window_offer_form (window, dossier_id, form, previous_due);
}

/* Opens the dialog of @action on dossier @dossier_id. */
McActionDialog *
mc_action_window_open_action (McWindow *window,
                              gint64    dossier_id,
                              McAction  action)
{
  McStore *store = mc_window_get_store (window);
  g_autoptr(McDossier) d = mc_store_get_dossier (store, dossier_id, NULL);
  McActionDialog *dialog;

  if (action == MC_ACTION_INVALID || d == NULL)
    return NULL;
  dialog = mc_action_dialog_new (GTK_WINDOW (window), store, dossier_id, action);
  /* The apology names the date that will be missed: the one before the reschedule. */
  g_object_set_data (G_OBJECT (dialog), "previous-due", GSIZE_TO_POINTER ((gsize) d->due_at));
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_action_applied), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
  mc_action_window_open_action (MC_WINDOW (widget), id, mc_action_from_id (action));
}

static void
form_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McWindow *window = MC_WINDOW (widget);
  g_autoptr(McPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  const char *form_id;
  McPrintForm form;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &form_id);
  if (!mc_print_form_from_id (form_id, &form))
    return;
  if (!(operation = mc_action_window_form (window, id, form, 0, &error)))
    toast (window, error->message);
  else if (g_str_equal (action_name, "win.print-form"))
    mc_print_operation_print (operation, GTK_WINDOW (window));
  else
    mc_print_operation_save_pdf (operation, GTK_WINDOW (window));
}

/* win.save-form-to((id, form, path)): writes the PDF without asking where (scripts, tests). */
static void
save_form_to_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  McWindow *window = MC_WINDOW (widget);
  g_autoptr(McPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  const char *form_id, *path;
  McPrintForm form;
  gint64 id;

  g_variant_get (parameter, "(x&s&s)", &id, &form_id, &path);
  if (!mc_print_form_from_id (form_id, &form))
    return;
  if (!(operation = mc_action_window_form (window, id, form, 0, &error)) ||
      !mc_print_operation_write_pdf (operation, path, &error))
    toast (window, error->message);
  else
    {
      /* TRANSLATORS: a PDF was written to this path */
      g_autofree char *text = g_strdup_printf (_("Saved to %s"), path);

      toast (window, text);
    }
}

static void
on_intake_received (McIntakeDialog *dialog,
                    gint64          dossier_id,
                    McWindow       *window)
{
  McPrintForm form;

  mc_action_window_refresh (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-dossier", "x", dossier_id);
  if (mc_print_form_for_action (MC_ACTION_RECEIVE, &form))
    mc_action_window_offer_form (window, dossier_id, form, 0);
}

static void
receive_new_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McWindow *window = MC_WINDOW (widget);
  McIntakeDialog *dialog = mc_intake_dialog_new (GTK_WINDOW (window), mc_window_get_store (window));

  g_signal_connect_object (dialog, "received", G_CALLBACK (on_intake_received), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  McWindow *window = MC_WINDOW (widget);

  mc_review_window_present (window, g_str_equal (action_name, "win.outbox") ? "outbox" : "review");
}

/* The register's period: two days typed as YYYY-MM-DD, the last one included. */
static gboolean
parse_period (const char  *from_text,
              const char  *to_text,
              gint64      *out_from,
              gint64      *out_to,
              char       **out_message)
{
  g_autoptr(GDateTime) last = NULL, next = NULL;

  if (strlen (from_text) != 10 || !mc_time_parse (from_text, out_from) ||
      strlen (to_text) != 10 || !mc_time_parse (to_text, out_to))
    {
      *out_message = g_strdup (_("Write both days as YYYY-MM-DD, for example 2026-11-01"));
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
register_operation (McWindow    *window,
                    gint64       from,
                    gint64       to,
                    GError     **error)
{
  McStore *store = mc_window_get_store (window);
  g_autoptr(GArray) ids = mc_store_list_received (store, from, to, error);
  g_autoptr(GPtrArray) dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_unref);
  g_autoptr(McPrintOffice) office = NULL;
  McPrintLayout *layout;

  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      McDossier *d = mc_store_get_dossier (store, g_array_index (ids, gint64, i), error);

      if (d == NULL)
        return NULL;
      g_ptr_array_add (dossiers, d);
    }
  if (!(office = mc_print_office_load (store, error)) ||
      !(layout = mc_print_register (office, dossiers, from, to, NULL, error)))
    return NULL;
  return mc_print_operation_new (layout, _("Register of dossiers received"));
}

static void
on_register_response (AdwMessageDialog *dialog,
                      const char       *response,
                      McWindow         *window)
{
  GtkEditable *from_row = g_object_get_data (G_OBJECT (dialog), "from");
  GtkEditable *to_row = g_object_get_data (G_OBJECT (dialog), "to");
  g_autoptr(McPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 from, to;

  if (!g_str_equal (response, "print") && !g_str_equal (response, "pdf"))
    return;
  if (!parse_period (gtk_editable_get_text (from_row), gtk_editable_get_text (to_row), &from, &to, &message))
    {
      toast (window, message);
      return;
    }
  if (!(operation = register_operation (window, from, to, &error)))
    toast (window, error->message);
  else if (g_str_equal (response, "print"))
    mc_print_operation_print (operation, GTK_WINDOW (window));
  else
    mc_print_operation_save_pdf (operation, GTK_WINDOW (window));
}

/* win.save-register-to((from, to, path)): the register as PDF without asking where. */
static void
save_register_to_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  McWindow *window = MC_WINDOW (widget);
  g_autoptr(McPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *from_text, *to_text, *path;
  gint64 from, to;

  g_variant_get (parameter, "(&s&s&s)", &from_text, &to_text, &path);
  if (!parse_period (from_text, to_text, &from, &to, &message))
    toast (window, message);
  else if (!(operation = register_operation (window, from, to, &error)) ||
           !mc_print_operation_write_pdf (operation, path, &error))
    toast (window, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Saved to %s"), path);

      toast (window, text);
    }
}

static GtkWidget *
day_row (const char *title,
         GDateTime  *day)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

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
  McWindow *window = MC_WINDOW (widget);
  g_autoptr(GDateTime) today = mc_time_to_local (mc_time_now ());
  g_autoptr(GDateTime) first = g_date_time_add_days (today, 1 - g_date_time_get_day_of_month (today));
  GtkWidget *dialog, *list, *from_row, *to_row;

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Register of Dossiers Received"),
                                   _("One line per dossier received over the period, both days included."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Period"), -1);
  from_row = day_row (_("From (YYYY-MM-DD)"), first);
  to_row = day_row (_("To (YYYY-MM-DD)"), today);
  gtk_list_box_append (GTK_LIST_BOX (list), from_row);
  gtk_list_box_append (GTK_LIST_BOX (list), to_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "from", from_row);
  g_object_set_data (G_OBJECT (dialog), "to", to_row);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "pdf", _("Save as _PDF…"),
                                    "print", _("_Print…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "print");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_register_response), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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

/* The window's "Needs Review" button says how many actions wait for the official. */
static void
update_review_button (McWindow *window)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (window), "win.needs-review");
  g_autoptr(GPtrArray) counts = mc_store_outbox_counts (mc_window_get_store (window), NULL);
  g_autofree char *label = NULL;
  guint n = 0;

  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      McOutboxCounts *c = g_ptr_array_index (counts, i);

      n += c->n[MC_OUTBOX_CONFLICT] + c->n[MC_OUTBOX_REJECTED] + c->n[MC_OUTBOX_APPLIED_TWICE];
    }
  if (button == NULL)
    return;
  /* TRANSLATORS: a button: how many actions need the official's review */
  label = n ? g_strdup_printf (_("Needs Review (%u)"), n) : g_strdup (_("Needs Review"));
  gtk_button_set_label (GTK_BUTTON (button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (n)
    gtk_widget_add_css_class (button, "warning");
  else
    gtk_widget_remove_css_class (button, "warning");
}

/* After each refresh of the counts (the store changed, or a minute passed): the outbox
 * watchdog's warning, as a toast when it starts, with a way to the outbox; once per episode,
 * so that it does not nag every two seconds. */
static void
on_counts_updated (McWindow *window)
{
  g_autofree char *warning = mc_review_watchdog_message (mc_window_get_store (window), mc_time_now (),
                                                         mc_review_watchdog_minutes ());
  gboolean warned = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), "mc-watchdog-warned"));
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  AdwToast *t;

  update_review_button (window);
  g_object_set_data (G_OBJECT (window), "mc-watchdog-warned", GINT_TO_POINTER (warning != NULL));
  if (warning == NULL || warned)
    return;
  while (content != NULL && !ADW_IS_TOAST_OVERLAY (content))
    content = gtk_widget_get_first_child (content);
  if (content == NULL)
    return;
  t = adw_toast_new (warning);
  adw_toast_set_timeout (t, 0);
  adw_toast_set_button_label (t, _("_Outbox"));
  adw_toast_set_action_name (t, "win.outbox");
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (content), t);
}

/* Starts the outbox watchdog of @window. */
void
mc_action_window_watch (McWindow *window)
{
  g_signal_connect_object (mc_window_get_counter (window), "updated", G_CALLBACK (on_counts_updated),
                           window, G_CONNECT_SWAPPED);
}

void
mc_action_window_class_actions_init (GtkWidgetClass *window_class)
{
  gtk_widget_class_install_action (window_class, "win.act", "(xs)", act_action);
  gtk_widget_class_install_action (window_class, "win.print-form", "(xs)", form_action);
  gtk_widget_class_install_action (window_class, "win.save-form", "(xs)", form_action);
  gtk_widget_class_install_action (window_class, "win.save-form-to", "(xss)", save_form_to_action);
  gtk_widget_class_install_action (window_class, "win.receive-new", NULL, receive_new_action);
  gtk_widget_class_install_action (window_class, "win.print-register", NULL, print_register_action);
  gtk_widget_class_install_action (window_class, "win.save-register-to", "(sss)", save_register_to_action);
  gtk_widget_class_install_action (window_class, "win.needs-review", NULL, review_action);
  gtk_widget_class_install_action (window_class, "win.outbox", NULL, review_action);
}
