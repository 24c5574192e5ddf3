/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mc-a11y.h"
#include "mc-alert.h"
#include "mc-action-dialog.h"
#include "mc-official.h"
#include "mc-format.h"
#include "mc-review-window.h"
#include "mc-store-changes.h"
#include "mc-store-outbox.h"
#include "mc-time.h"

/* What waits for the ministry systems, and what waits for the official. "Needs review" has one
 * card per action the official must settle: in plain words, what the official did, what the
 * ministry system has now, and what each choice will do — the usual one first. When the
 * system already holds the state the official wanted, closing the action is the choice and
 * sending it again is not offered. The store audits each resolution; nothing leaves the outbox
 * silently. "Outbox" counts each ministry's actions (the counts that are not zero) and lists
 * the unfinished ones; the watchdog's warning heads both. The window is one per main window,
 * hidden when closed and shown again; it reads the store again whenever the change stream
 * says the outbox changed. */

#define MAX_ENTRIES 200      /* enough to see what is stuck; motcuactl outbox lists everything */
#define REFRESH_MIN_MS 250

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

  McStore *store;
  McSyncStatus *status;
  McStoreChanges *changes;
  GHashTable *cards;         /* outbox id → its card (a row of review_list) */
  guint n_review;
  guint refresh_id;
  gint64 refreshed_mono;
  gboolean stale;            /* changed while hidden */
  gint64 dropping;           /* the outbox id the confirmation is about */
};

G_DEFINE_FINAL_TYPE (McReviewWindow, mc_review_window, ADW_TYPE_WINDOW)

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
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The ministry's name of @source_id. Returns: (transfer none). */
static const char *
ministry_of (McReviewWindow *self,
             const char     *source_id)
{
  g_autoptr(McSource) source = mc_store_get_source (self->store, source_id, NULL);

  return mc_source_display_name (source);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

/* What the official did, in words: the action and the status it leads to, when, and the
 * official's input. */
static char *
describe_action (const McOutboxEntry   *e,
                 const McActionPayload *p)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *created = mc_format_time (e->created_at);
  McAction action = mc_action_from_id (e->action);

  g_string_append (text, action != MC_ACTION_INVALID ? mc_action_label (action) : _("An action"));
  if (p != NULL && mc_status_is_valid (p->target))
    g_string_append_printf (text, " → %s", mc_status_label (p->target));
  /* TRANSLATORS: when the official took the action */
  g_string_append_printf (text, "\n%s", created);
  if (p == NULL)
    return g_string_free (g_steal_pointer (&text), FALSE);
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

/* What the ministry system has now: the dossier's status there, or why it refused. */
static char *
describe_system (const McOutboxEntry *e,
                 McStatus             server_status,
                 JsonObject          *server)
{
  g_autofree char *said = NULL;

  if (e->state == MC_OUTBOX_REJECTED)
    {
      said = mc_format_system_message (e->last_error);
      /* TRANSLATORS: the ministry system's reason for refusing an action follows */
      return said ? g_strdup_printf (_("Its reason: %s"), said) : g_strdup (_("It gave no reason."));
    }
  if (e->state == MC_OUTBOX_APPLIED_TWICE)
    {
      said = mc_format_system_message (e->last_error);
      return said ? g_steal_pointer (&said) : g_strdup (mc_outbox_state_label (e->state));
    }
  said = mc_format_system_message (server ? json_object_get_string_member_with_default (server, "message", NULL) : NULL);
  if (mc_status_is_valid (server_status))
    return said ? g_strdup_printf ("%s\n%s", mc_status_label (server_status), said)
                : g_strdup (mc_status_label (server_status));
  return said ? g_steal_pointer (&said) : g_strdup (mc_outbox_state_label (e->state));
}

/* One choice of a card: its button and what it will do. */
static void
add_choice (GtkWidget  *choices,
            const char *label,
            const char *action,
            gint64      id,
            const char *css_class,
            const char *what)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  GtkWidget *explanation = label_new (what, "dim-label");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (button, 170, -1);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  gtk_widget_set_hexpand (explanation, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, what, -1);
  mc_a11y_name_mnemonic_buttons (button);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (row), explanation);
  gtk_box_append (GTK_BOX (choices), row);
}

static GtkWidget *
side_new (const char *title,
          const char *text,
          const char *css_class)
{
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_box_append (GTK_BOX (side), label_new (title, "heading"));
  gtk_box_append (GTK_BOX (side), label_new (text, css_class));
  return side;
}

static GtkWidget *
review_card (McReviewWindow      *self,
             const McOutboxEntry *e)
{
  g_autoptr(McActionPayload) payload = mc_action_payload_from_json (e->payload, NULL);
  g_autoptr(JsonParser) server_parser = json_parser_new ();
  JsonObject *server = parse_object (server_parser, e->server_state);
  McStatus target = payload ? payload->target : 0;
  McStatus before = payload ? payload->status_before : 0;
  McStatus server_status = server ? json_object_get_int_member_with_default (server, "status", 0) : 0;
  McAction action = mc_action_from_id (e->action);
  gboolean conflict = e->state == MC_OUTBOX_CONFLICT;
  /* Only an action that moves the dossier is done by the system being where it leads; a
   * step recorded on a status the dossier keeps is not. */
  gboolean already = conflict && mc_status_is_valid (target) && target != before && server_status == target;
  gboolean can_reapply = conflict && !already && mc_status_is_valid (server_status)
                         && mc_transition_allowed (server_status, action);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* TRANSLATORS: a review card's title: the dossier number, then the ministry's name */
  g_autofree char *title = g_strdup_printf (_("Dossier %s · %s"), e->dossier_number, ministry_of (self, e->source_id));
  g_autofree char *mine = describe_action (e, payload);
  g_autofree char *theirs = describe_system (e, server_status, server);
  g_autofree char *cannot = NULL;
  const char *situation;

  if (already)
    situation = _("The ministry system already shows what you wanted: nothing needs to be sent.");
  else if (conflict)
    situation = _("The dossier was changed on the ministry system after you acted on it.");
  else if (e->state == MC_OUTBOX_REJECTED)
    situation = _("The ministry system did not accept this action.");
  else
    situation = mc_outbox_state_label (e->state);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), label_new (title, "title-4"));
  gtk_box_append (GTK_BOX (box), label_new (situation, NULL));
  gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
  gtk_box_append (GTK_BOX (sides), side_new (_("What you did"), mine, NULL));
  gtk_box_append (GTK_BOX (sides), side_new (_("What the ministry system has now"), theirs,
                                             e->state == MC_OUTBOX_REJECTED ? "error" : NULL));
  gtk_box_append (GTK_BOX (box), sides);

  /* The usual choice first, and primary. */
  if (already)
    add_choice (choices, _("_Mark as Done"), "review.mark-done", e->id, "suggested-action",
                _("Closes the action without sending anything. The audit log keeps it."));
  else if (can_reapply)
    add_choice (choices, _("_Re-apply"), "review.reapply", e->id, "suggested-action",
                _("Sends your action again, on the dossier as the ministry system has it now."));
  else if (e->state == MC_OUTBOX_APPLIED_TWICE)
    add_choice (choices, _("_Ministry Asked to Correct"), "review.acknowledge", e->id, "suggested-action",
                _("The ministry system applied your action twice: ask it to correct its copy, then close "
                  "the action here. The audit log keeps who did so and when."));
  else if (e->state == MC_OUTBOX_REJECTED)
    add_choice (choices, _("_Edit and Retry…"), "review.retry", e->id, "suggested-action",
                _("Opens your action so that you can correct it, then sends it again."));
  if (conflict && !already && !can_reapply && mc_status_is_valid (server_status))
    /* TRANSLATORS: %s is the dossier's status on the ministry system */
    cannot = g_strdup_printf (_("Your action no longer applies to a dossier that is “%s”. Drop it: nothing is "
                                "sent, the dossier stays as the ministry system has it, and the audit log "
                                "keeps the action."), mc_status_label (server_status));
  if (!already && (conflict || e->state == MC_OUTBOX_REJECTED))
    add_choice (choices, _("_Drop the Action…"), "review.drop", e->id, cannot ? "suggested-action" : NULL,
                cannot ? cannot : _("Nothing is sent: the dossier stays as the ministry system has it. The audit "
                                    "log keeps the action."));
  add_choice (choices, _("_Open Dossier"), "review.open", e->dossier_id, "flat",
              _("Shows the dossier in the main window."));
  gtk_box_append (GTK_BOX (box), choices);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, situation, -1);
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

/* Returns: (nullable): each ministry's counts that are not zero; NULL when it has none. */
static char *
describe_counts (const McOutboxCounts *c)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *open = NULL;
  guint review = 0;

  for (McOutboxState s = 0; s < MC_OUTBOX_N_STATES; s++)
    if (mc_outbox_state_needs_review (s))
      review += c->n[s];
  open = mc_sync_describe_outbox (c->n[MC_OUTBOX_PENDING] + c->n[MC_OUTBOX_SENDING], c->n[MC_OUTBOX_IN_DOUBT], review);
  if (open != NULL)
    g_string_append (text, open);
  if (c->n[MC_OUTBOX_DONE] > 0)
    {
      g_string_append (text, text->len ? " · " : "");
      /* TRANSLATORS: actions the ministry system applied */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u applied", "%u applied", c->n[MC_OUTBOX_DONE]),
                              c->n[MC_OUTBOX_DONE]);
    }
  if (c->n[MC_OUTBOX_DISCARDED] > 0)
    {
      g_string_append (text, text->len ? " · " : "");
      /* TRANSLATORS: actions the official dropped */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u dropped", "%u dropped", c->n[MC_OUTBOX_DISCARDED]),
                              c->n[MC_OUTBOX_DISCARDED]);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
fill_outbox (McReviewWindow *self)
{
  g_autoptr(GPtrArray) counts = mc_store_outbox_counts (self->store, NULL);
  guint shown = 0, groups = 0;

  clear (self->counts_list);
  clear (self->entries_list);
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      McOutboxCounts *c = g_ptr_array_index (counts, i);
      g_autofree char *text = describe_counts (c);

      if (text == NULL)
        continue;
      add_text_row (self->counts_list, ministry_of (self, c->source_id), text);
      groups++;
    }
  for (McOutboxState s = 0; s < MC_OUTBOX_N_STATES && shown < MAX_ENTRIES; s++)
    {
      McOutboxFilter filter = { .state = s, .limit = MAX_ENTRIES - shown };
      g_autoptr(GPtrArray) entries = NULL;

      if (s == MC_OUTBOX_DONE || s == MC_OUTBOX_DISCARDED)
        continue;
      entries = mc_store_outbox_list (self->store, &filter, NULL);
      for (guint i = 0; entries != NULL && i < entries->len; i++, shown++)
        {
          McOutboxEntry *e = g_ptr_array_index (entries, i);
          McAction action = mc_action_from_id (e->action);
          g_autofree char *created = mc_format_time (e->created_at);
          g_autofree char *said = mc_format_system_message (e->last_error);
          g_autofree char *title = g_strdup_printf (_("Dossier %s · %s"), e->dossier_number,
                                                    action ? mc_action_label (action) : _("An action"));
          g_autoptr(GString) subtitle = g_string_new (NULL);

          /* TRANSLATORS: an outbox entry: its state, the ministry, when it was taken */
          g_string_printf (subtitle, _("%s · %s · taken %s"), mc_outbox_state_label (e->state),
                           ministry_of (self, e->source_id), created);
          if (e->attempts > 0)
            {
              g_string_append (subtitle, " · ");
              /* TRANSLATORS: how many times an action was sent */
              g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "sent %d time", "sent %d times",
                                                             e->attempts), e->attempts);
            }
          if (said != NULL)
            g_string_append_printf (subtitle, "\n%s", said);
          add_text_row (self->entries_list, title, subtitle->str);
        }
    }
  /* No ministry with an action yet: no group to show. */
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->counts_list), ADW_TYPE_PREFERENCES_GROUP),
                          groups > 0);
  if (shown == 0)
    add_text_row (self->entries_list, _("The outbox is empty"), _("Every action was applied by its ministry system."));
}

/* Reads the outbox again. */
void
mc_review_window_refresh (McReviewWindow *self)
{
  g_autofree char *warning = NULL;

  g_return_if_fail (MC_IS_REVIEW_WINDOW (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refreshed_mono = g_get_monotonic_time ();
  self->stale = FALSE;
  clear (self->review_list);
  g_hash_table_remove_all (self->cards);
  self->n_review = 0;
  for (McOutboxState s = 0; s < MC_OUTBOX_N_STATES; s++)
    {
      McOutboxFilter filter = { .state = s };
      g_autoptr(GPtrArray) entries = NULL;

      if (!mc_outbox_state_needs_review (s))
        continue;
      entries = mc_store_outbox_list (self->store, &filter, NULL);
      for (guint i = 0; entries != NULL && i < entries->len; i++, self->n_review++)
        {
          McOutboxEntry *e = g_ptr_array_index (entries, i);
          GtkWidget *card = review_card (self, e);

          gtk_list_box_append (self->review_list, card);
          g_hash_table_insert (self->cards, g_memdup2 (&e->id, sizeof e->id), card);
        }
    }
  gtk_stack_set_visible_child_name (self->review_stack, self->n_review ? "list" : "empty");
  adw_view_stack_page_set_badge_number (self->review_page, self->n_review);
  adw_view_stack_page_set_needs_attention (self->review_page, self->n_review > 0);

  fill_outbox (self);
  warning = mc_sync_status_dup_watchdog (self->status, mc_time_now (), mc_outbox_watchdog_minutes ());
  gtk_label_set_text (self->watchdog_label, warning ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->watchdog_label), warning != NULL);
}

static gboolean
refresh_cb (gpointer data)
{
  McReviewWindow *self = data;

  self->refresh_id = 0;
  mc_review_window_refresh (self);
  return G_SOURCE_REMOVE;
}

/* A push changes the outbox row by row: read it at most every REFRESH_MIN_MS, and not while
 * hidden. */
static void
on_store_changed (McReviewWindow    *self,
                  const McChangeSet *set)
{
  gint64 since;

  if (!(mc_change_set_get_flags (set) & (MC_CHANGE_OUTBOX | MC_CHANGE_SOURCES)))
    return;
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  if (self->refresh_id != 0)
    return;
  since = (g_get_monotonic_time () - self->refreshed_mono) / 1000;
  self->refresh_id = g_timeout_add (since >= REFRESH_MIN_MS ? 0 : REFRESH_MIN_MS - since, refresh_cb, self);
}

static void
mc_review_window_show (GtkWidget *widget)
{
  McReviewWindow *self = MC_REVIEW_WINDOW (widget);

  if (self->stale)
    mc_review_window_refresh (self);
  GTK_WIDGET_CLASS (mc_review_window_parent_class)->show (widget);
}

/* The official's @resolution of outbox row @id, signed by the official. */
static void
resolve (McReviewWindow *self,
         gint64          id,
         gboolean      (*resolution) (McStore *, gint64, const char *, GError **))
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = mc_official_signer (self->store, &error);

  if (actor == NULL || !resolution (self->store, id, actor, &error))
    mc_alert (GTK_WIDGET (self), _("Not Done"), error->message);
}

static void
reapply_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  resolve (MC_REVIEW_WINDOW (widget), g_variant_get_int64 (parameter), mc_store_outbox_reapply);
}

static void
acknowledge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  resolve (MC_REVIEW_WINDOW (widget), g_variant_get_int64 (parameter), mc_store_outbox_acknowledge);
}

/* The system already shows what the official wanted: the action is done without sending it. */
static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  resolve (MC_REVIEW_WINDOW (widget), g_variant_get_int64 (parameter), mc_store_outbox_mark_applied);
}

static void
on_drop_response (AdwMessageDialog *dialog,
                  const char       *response,
                  McReviewWindow   *self)
{
  if (g_str_equal (response, "drop"))
    resolve (self, self->dropping, mc_store_outbox_discard);
  self->dropping = 0;
}

static void
drop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McReviewWindow *self = MC_REVIEW_WINDOW (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Drop This Action?"),
                                              _("It will never be sent to the ministry system, and the dossier "
                                                "stays as the ministry system has it. The audit log keeps a record "
                                                "of the action and of its dropping."));

  self->dropping = g_variant_get_int64 (parameter);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep It"), "drop", _("_Drop It"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "drop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_drop_response), self, 0);
  mc_message_present (GTK_WINDOW (dialog));
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

  if (!(entry = mc_store_outbox_get (self->store, g_variant_get_int64 (parameter), &error)))
    {
      mc_alert (GTK_WIDGET (self), _("Not Done"), error->message);
      return;
    }
  if ((dialog = mc_action_dialog_new_retry (GTK_WINDOW (self), self->store, entry)) != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
}

/* The main window opens the dossier and comes forward. */
static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-dossier", "x", g_variant_get_int64 (parameter));
  gtk_window_present (parent);
}

static void
mc_review_window_dispose (GObject *object)
{
  McReviewWindow *self = MC_REVIEW_WINDOW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->changes != NULL)
    g_signal_handlers_disconnect_by_data (self->changes, self);
  g_clear_object (&self->changes);
  g_clear_object (&self->status);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_REVIEW_WINDOW);
  G_OBJECT_CLASS (mc_review_window_parent_class)->dispose (object);
}

static void
mc_review_window_finalize (GObject *object)
{
  g_clear_pointer (&MC_REVIEW_WINDOW (object)->cards, g_hash_table_unref);
  G_OBJECT_CLASS (mc_review_window_parent_class)->finalize (object);
}

static void
mc_review_window_class_init (McReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_review_window_dispose;
  object_class->finalize = mc_review_window_finalize;
  widget_class->show = mc_review_window_show;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-review-window.ui");
  /* A screen reader announces it as a dialog over the main window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, watchdog_label);
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, review_page);
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, review_stack);
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, review_list);
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, counts_list);
  gtk_widget_class_bind_template_child (widget_class, McReviewWindow, entries_list);

  gtk_widget_class_install_action (widget_class, "review.reapply", "x", reapply_action);
  gtk_widget_class_install_action (widget_class, "review.mark-done", "x", mark_done_action);
  gtk_widget_class_install_action (widget_class, "review.drop", "x", drop_action);
  gtk_widget_class_install_action (widget_class, "review.acknowledge", "x", acknowledge_action);
  gtk_widget_class_install_action (widget_class, "review.retry", "x", retry_action);
  gtk_widget_class_install_action (widget_class, "review.open", "x", open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mc_review_window_init (McReviewWindow *self)
{
  self->cards = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The needs-review and outbox window of @parent's profile, read through @store (the parent's
 * connection, in the main context); hidden, not destroyed, when closed. */
McReviewWindow *
mc_review_window_new (GtkWindow    *parent,
                      McStore      *store,
                      McSyncStatus *status)
{
  McReviewWindow *self;

  g_return_val_if_fail (MC_IS_STORE (store), NULL);
  g_return_val_if_fail (MC_IS_SYNC_STATUS (status), NULL);

  self = g_object_new (MC_TYPE_REVIEW_WINDOW, "transient-for", parent, "hide-on-close", TRUE, NULL);
  self->store = g_object_ref (store);
  self->status = g_object_ref (status);
  self->changes = g_object_ref (mc_store_get_changes (store));
  g_signal_connect_object (self->changes, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  mc_review_window_refresh (self);
  return self;
}

/* Shows "review" or "outbox". */
void
mc_review_window_show_page (McReviewWindow *self,
                            const char     *page)
{
  g_return_if_fail (MC_IS_REVIEW_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->stack, page ? page : "review");
}

/* Returns: (nullable) (transfer none): the card of outbox entry @outbox_id, if it needs
 * review. */
GtkWidget *
mc_review_window_get_card (McReviewWindow *self,
                           gint64          outbox_id)
{
  g_return_val_if_fail (MC_IS_REVIEW_WINDOW (self), NULL);
  return g_hash_table_lookup (self->cards, &outbox_id);
}

/* Brings the card of @outbox_id into view, with the focus on it. */
void
mc_review_window_show_entry (McReviewWindow *self,
                             gint64          outbox_id)
{
  GtkWidget *card;

  g_return_if_fail (MC_IS_REVIEW_WINDOW (self));
  if (self->stale || self->refresh_id != 0)
    mc_review_window_refresh (self);
  mc_review_window_show_page (self, "review");
  if ((card = mc_review_window_get_card (self, outbox_id)) != NULL)
    gtk_widget_grab_focus (card);
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
