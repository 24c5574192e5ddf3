/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mc-action-window.h"
#include "mc-format.h"
#include "mc-review-window.h"
#include "mc-store-outbox.h"
#include "mc-store-sync.h"
#include "mc-time.h"

/* What waits for the ministry systems, and what waits for the official. "Needs review" lists
 * the conflicts (the dossier changed on the server since the action was decided) and the
 * rejections (the server refused it), each with the local action beside the server's state or
 * message: re-apply on the new state, edit and retry, or discard (after a confirmation). The
 * store audits each resolution; nothing leaves the outbox silently. "Outbox" counts the
 * entries of each ministry system by state and lists the unfinished ones, and the watchdog
 * warns when entries have waited longer than the set time although their system was reached
 * since they were queued. */

#define SETTINGS_SCHEMA "io.github.motcua.MotCua"
#define WATCHDOG_KEY "outbox-watchdog-minutes"
#define DEFAULT_WATCHDOG_MINUTES 30
/* Enough to see what is stuck; the command line lists everything (motcuactl outbox). */
#define MAX_ENTRIES 200

struct _McReviewWindow
{
  AdwWindow parent_instance;

  GtkLabel *watchdog_label;
  AdwViewStack *stack;
  AdwViewStackPage *review_page;
  GtkStack *review_stack;
  GtkListBox *review_list;
  GtkListBox *counts_list;
  GtkListBox *entries_list;

  McWindow *window;   /* weak */
  guint n_review;
};

G_DEFINE_FINAL_TYPE (McReviewWindow, mc_review_window, ADW_TYPE_WINDOW)

/* The app setting "outbox-watchdog-minutes" (30 when the schema is not installed). */
guint
mc_review_watchdog_minutes (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE) : NULL;
  g_autoptr(GSettings) settings = NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, WATCHDOG_KEY))
    return DEFAULT_WATCHDOG_MINUTES;
  settings = g_settings_new (SETTINGS_SCHEMA);
  return MAX (g_settings_get_uint (settings, WATCHDOG_KEY), 1);
}

/* Returns: (nullable): the watchdog's warning, NULL when every outbox drains. A source counts
 * as reachable when a sync with it succeeded after its oldest waiting entry was queued: the
 * entry should have gone then. A source never reached is the sync indicator's business. */
char *
mc_review_watchdog_message (McStore *store,
                            gint64   now,
                            guint    minutes)
{
  g_autoptr(GPtrArray) counts = mc_store_outbox_counts (store, NULL);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      McOutboxCounts *c = g_ptr_array_index (counts, i);
      gint64 reached;

      if (c->oldest_unfinished_at == 0 || now - c->oldest_unfinished_at < (gint64) minutes * 60)
        continue;
      reached = mc_store_sync_last_success (store, c->source_id, NULL);
      if (reached <= c->oldest_unfinished_at)
        continue;
      g_string_append_printf (names, "%s%s", names->len ? ", " : "", c->source_id);
    }
  if (names->len == 0)
    return NULL;
  /* TRANSLATORS: the outbox watchdog: the minutes, then the ministry systems' ids */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Actions have waited more than %u minute to be sent although the ministry system was reached since: %s. Look at the outbox.",
                                       "Actions have waited more than %u minutes to be sent although the ministry system was reached since: %s. Look at the outbox.",
                                       minutes), minutes, names->str);
}

static void
clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The local action in words: its target state and the official's input. */
static char *
describe_payload (const McOutboxEntry *e)
{
  g_autoptr(McActionPayload) p = mc_action_payload_from_json (e->payload, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *created = mc_format_time (e->created_at);
  McAction action = mc_action_from_id (e->action);

  g_string_append (text, action != MC_ACTION_INVALID ? mc_action_label (action) : e->action);
  if (p == NULL)
    return g_string_free (g_steal_pointer (&text), FALSE);
  if (mc_status_is_valid (p->target))
    g_string_append_printf (text, " → %s", mc_status_label (p->target));
  g_string_append_printf (text, "\n%s · %s", created, p->actor ? p->actor : "");
  if (p->note != NULL)
    g_string_append_printf (text, "\n%s", p->note);
  for (guint i = 0; p->items && p->items[i]; i++)
    g_string_append_printf (text, "\n• %s", p->items[i]);
  if (p->due_at != 0)
    {
      g_autofree char *due_text = mc_format_time (p->due_at);

      g_string_append_printf (text, "\n%s %s", _("New due date:"), due_text);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The server's side: its state of a conflicting dossier, or its refusal. */
static char *
describe_server (const McOutboxEntry *e)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *o;

  if (e->state == MC_OUTBOX_REJECTED)
    /* TRANSLATORS: the ministry system's message refusing an action follows */
    return g_strdup_printf (_("Refused: %s"), e->last_error ? e->last_error : _("no message"));
  if (e->state == MC_OUTBOX_APPLIED_TWICE)
    return g_strdup (e->last_error ? e->last_error : "—");
  if (e->server_state == NULL || !json_parser_load_from_data (parser, e->server_state, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (e->last_error ? e->last_error : "—");
  o = json_node_get_object (json_parser_get_root (parser));
  if (mc_status_is_valid (json_object_get_int_member_with_default (o, "status", 0)))
    g_string_append (text, mc_status_label (json_object_get_int_member (o, "status")));
  if (json_object_get_string_member_with_default (o, "version", NULL) != NULL)
    g_string_append_printf (text, "\n%s %s", _("Version"), json_object_get_string_member (o, "version"));
  if (json_object_get_string_member_with_default (o, "message", NULL) != NULL)
    g_string_append_printf (text, "\n%s", json_object_get_string_member (o, "message"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
button_new (const char *label,
            const char *action,
            gint64      id,
            const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  return button;
}

static GtkWidget *
review_row (const McOutboxEntry *e)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *local = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *server = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *title = g_strdup_printf ("%s · %s", e->dossier_number, mc_outbox_state_label (e->state));
  g_autofree char *mine = describe_payload (e);
  g_autofree char *theirs = describe_server (e);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), label_new (title, "heading"));
  gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
  gtk_box_append (GTK_BOX (local), label_new (_("Your action"), "dim-label"));
  gtk_box_append (GTK_BOX (local), label_new (mine, NULL));
  gtk_box_append (GTK_BOX (server), label_new (_("The ministry system now"), "dim-label"));
  gtk_box_append (GTK_BOX (server), label_new (theirs, e->state == MC_OUTBOX_REJECTED ? "error" : NULL));
  gtk_box_append (GTK_BOX (sides), local);
  gtk_box_append (GTK_BOX (sides), server);
  gtk_box_append (GTK_BOX (box), sides);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), button_new (_("_Open Dossier"), "review.open", e->dossier_id, "flat"));
  if (e->state == MC_OUTBOX_APPLIED_TWICE)
    {
      /* Applied, twice: nothing to send or discard, the ministry corrects its copy. */
      gtk_box_append (GTK_BOX (buttons), button_new (_("_Ministry Asked to Correct"), "review.acknowledge", e->id,
                                                     "suggested-action"));
    }
  else
    {
      gtk_box_append (GTK_BOX (buttons), button_new (_("_Discard…"), "review.discard", e->id, "destructive-action"));
      if (e->state == MC_OUTBOX_CONFLICT)
        gtk_box_append (GTK_BOX (buttons), button_new (_("_Re-apply"), "review.reapply", e->id, "suggested-action"));
      else
        gtk_box_append (GTK_BOX (buttons), button_new (_("_Edit and Retry…"), "review.retry", e->id, "suggested-action"));
    }
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static void
add_text_row (GtkListBox *list,
              const char *title,
              const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (list, row);
}

static void
fill_outbox (McReviewWindow *self,
             McStore        *store)
{
  g_autoptr(GPtrArray) counts = mc_store_outbox_counts (store, NULL);
  const McOutboxState unfinished[] = {
    MC_OUTBOX_PENDING, MC_OUTBOX_SENDING, MC_OUTBOX_IN_DOUBT, MC_OUTBOX_CONFLICT, MC_OUTBOX_REJECTED,
    MC_OUTBOX_APPLIED_TWICE,
  };
  guint shown = 0;

  clear (self->counts_list);
  clear (self->entries_list);
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      McOutboxCounts *c = g_ptr_array_index (counts, i);
      g_autoptr(GString) text = g_string_new (NULL);

      for (McOutboxState s = 0; s < MC_OUTBOX_N_STATES; s++)
        g_string_append_printf (text, "%s%s %u", text->len ? " · " : "", mc_outbox_state_label (s), c->n[s]);
      add_text_row (self->counts_list, c->source_id, text->str);
    }
  for (guint s = 0; s < G_N_ELEMENTS (unfinished) && shown < MAX_ENTRIES; s++)
    {
      McOutboxFilter filter = { .state = unfinished[s], .limit = MAX_ENTRIES - shown };
      g_autoptr(GPtrArray) entries = mc_store_outbox_list (store, &filter, NULL);

      for (guint i = 0; entries != NULL && i < entries->len; i++, shown++)
        {
          McOutboxEntry *e = g_ptr_array_index (entries, i);
          McAction action = mc_action_from_id (e->action);
          g_autofree char *created = mc_format_time (e->created_at);
          g_autofree char *title = g_strdup_printf ("%s · %s", e->dossier_number,
                                                    action ? mc_action_label (action) : e->action);
          /* TRANSLATORS: an outbox entry: state, system, when queued, attempts, last error */
          g_autofree char *subtitle = g_strdup_printf (_("%s · %s · queued %s · %d attempts%s%s"),
                                                       mc_outbox_state_label (e->state), e->source_id, created,
                                                       e->attempts, e->last_error ? "\n" : "",
                                                       e->last_error ? e->last_error : "");

          add_text_row (self->entries_list, title, subtitle);
        }
    }
  if (shown == 0)
    add_text_row (self->entries_list, _("The outbox is empty"), _("Every action was applied by its ministry system."));
}

/* Reads the outbox again. */
void
mc_review_window_refresh (McReviewWindow *self)
{
  McStore *store;
  g_autofree char *warning = NULL;
  g_autofree char *title = NULL;
  const McOutboxState states[] = { MC_OUTBOX_CONFLICT, MC_OUTBOX_REJECTED, MC_OUTBOX_APPLIED_TWICE };

  g_return_if_fail (MC_IS_REVIEW_WINDOW (self));
  if (self->window == NULL)
    return;
  store = mc_window_get_store (self->window);

  clear (self->review_list);
  self->n_review = 0;
  for (guint s = 0; s < G_N_ELEMENTS (states); s++)
    {
      McOutboxFilter filter = { .state = states[s] };
      g_autoptr(GPtrArray) entries = mc_store_outbox_list (store, &filter, NULL);

      for (guint i = 0; entries != NULL && i < entries->len; i++, self->n_review++)
        gtk_list_box_append (self->review_list, review_row (g_ptr_array_index (entries, i)));
    }
  gtk_stack_set_visible_child_name (self->review_stack, self->n_review ? "list" : "empty");
  adw_view_stack_page_set_badge_number (self->review_page, self->n_review);
  adw_view_stack_page_set_needs_attention (self->review_page, self->n_review > 0);

  fill_outbox (self, store);
  warning = mc_review_watchdog_message (store, mc_time_now (), mc_review_watchdog_minutes ());
  gtk_label_set_text (self->watchdog_label, warning ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->watchdog_label), warning != NULL);
}

static void
after_resolution (McReviewWindow *self)
{
  if (self->window != NULL)
    mc_action_window_refresh (self->window);
  mc_review_window_refresh (self);
}

static void
show_failure (McReviewWindow *self,
              const GError   *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Not Done"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A resolution that needs no confirmation, on the outbox row the action names. */
static void
resolve (McReviewWindow *self,
         GVariant       *parameter,
         gboolean      (*resolution) (McStore *, gint64, const char *, GError **))
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;

  if (self->window == NULL)
    return;
  actor = mc_action_actor (mc_window_get_store (self->window));
  if (!resolution (mc_window_get_store (self->window), g_variant_get_int64 (parameter), actor, &error))
    show_failure (self, error);
  after_resolution (self);
}

static void
reapply_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  resolve (MC_REVIEW_WINDOW (widget), parameter, mc_store_outbox_reapply);
}

static void
acknowledge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  resolve (MC_REVIEW_WINDOW (widget), parameter, mc_store_outbox_acknowledge);
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     McReviewWindow   *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "outbox-id"));

  if (!g_str_equal (response, "discard") || self->window == NULL)
    return;
  actor = mc_action_actor (mc_window_get_store (self->window));
  if (!mc_store_outbox_discard (mc_window_get_store (self->window), id, actor, &error))
    show_failure (self, error);
  after_resolution (self);
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  McReviewWindow *self = MC_REVIEW_WINDOW (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard This Action?"),
                                              _("It will never be sent to the ministry system, and the dossier "
                                                "stays as the ministry system has it. The audit log keeps a record "
                                                "of the action and of its discarding."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "outbox-id", GSIZE_TO_POINTER ((gsize) g_variant_get_int64 (parameter)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_retried (McReviewWindow *self)
{
  after_resolution (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  McReviewWindow *self = MC_REVIEW_WINDOW (widget);
  g_autoptr(McOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  McActionDialog *dialog;

  if (self->window == NULL)
    return;
  if (!(entry = mc_store_outbox_get (mc_window_get_store (self->window), g_variant_get_int64 (parameter), &error)))
    {
      show_failure (self, error);
      return;
    }
  dialog = mc_action_dialog_new_retry (GTK_WINDOW (self), mc_window_get_store (self->window), entry);
  if (dialog == NULL)
    return;
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_retried), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McReviewWindow *self = MC_REVIEW_WINDOW (widget);

  if (self->window == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self->window), "win.open-dossier", "x", g_variant_get_int64 (parameter));
  gtk_window_present (GTK_WINDOW (self->window));
}

static void
mc_review_window_dispose (GObject *object)
{
  McReviewWindow *self = MC_REVIEW_WINDOW (object);

  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_REVIEW_WINDOW);
  G_OBJECT_CLASS (mc_review_window_parent_class)->dispose (object);
}

static void
mc_review_window_class_init (McReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_review_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, watchdog_label);
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, review_page);
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, review_stack);
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, review_list);
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, counts_list);
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, entries_list);

  gtk_widget_class_install_action (widget_class, "review.reapply", "x", reapply_action);
  gtk_widget_class_install_action (widget_class, "review.discard", "x", discard_action);
  gtk_widget_class_install_action (widget_class, "review.acknowledge", "x", acknowledge_action);
  gtk_widget_class_install_action (widget_class, "review.retry", "x", retry_action);
  gtk_widget_class_install_action (widget_class, "review.open", "x", open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mc_review_window_init (McReviewWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
on_destroy (McReviewWindow *self)
{
  if (self->window != NULL)
    g_object_set_data (G_OBJECT (self->window), "mc-review-window", NULL);
}

/* Shows the window's needs-review and outbox page ("review" or "outbox"), one per window. */
McReviewWindow *
mc_review_window_present (McWindow   *window,
                          const char *page)
{
  McReviewWindow *self = g_object_get_data (G_OBJECT (window), "mc-review-window");

  g_return_val_if_fail (MC_IS_WINDOW (window), NULL);

  if (self == NULL)
    {
      self = g_object_new (MC_TYPE_REVIEW_WINDOW, "transient-for", window, "destroy-with-parent", TRUE, NULL);
      g_set_weak_pointer (&self->window, window);
      /* The window's counts are refreshed whenever the store changed: so is this page. */
      g_signal_connect_object (mc_window_get_counter (window), "updated", G_CALLBACK (mc_review_window_refresh),
                               self, G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (window), "mc-review-window", self);
      g_signal_connect (self, "destroy", G_CALLBACK (on_destroy), NULL);
    }
  adw_view_stack_set_visible_child_name (self->stack, page ? page : "review");
  mc_review_window_refresh (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

guint
mc_review_window_get_n_review (McReviewWindow *self)
{
  g_return_val_if_fail (MC_IS_REVIEW_WINDOW (self), 0);
  return self->n_review;
}

/* Returns: (nullable): the watchdog's warning shown, NULL when none. */
const char *
mc_review_window_get_watchdog (McReviewWindow *self)
{
  g_return_val_if_fail (MC_IS_REVIEW_WINDOW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->watchdog_label)) ? gtk_label_get_text (self->watchdog_label) : NULL;
}
