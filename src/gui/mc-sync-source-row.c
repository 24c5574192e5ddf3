/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-format.h"
#include "mc-sync-source-row.h"

/* One ministry system in the sync popover: its pull (state, when it last synced, what went
 * wrong, how far a running sync has come), what of the official's work still waits for it,
 * and its own "Sync now" button. "Synced" and the check mark only when both are done. */

struct _McSyncSourceRow
{
  AdwActionRow parent_instance;

  GtkImage *state_icon;
  GtkSpinner *spinner;
  GtkButton *sync_button;

  char *source_id;
  McSyncState state;
  McSyncState settled;
};

G_DEFINE_FINAL_TYPE (McSyncSourceRow, mc_sync_source_row, ADW_TYPE_ACTION_ROW)

static const char *
state_icon_name (const McSourceStatus *s)
{
  if (mc_source_status_is_synced (s))
    return "emblem-ok-symbolic";
  switch (s->progress.state)
    {
    case MC_SYNC_STATE_SYNCING: return "emblem-synchronizing-symbolic";
    case MC_SYNC_STATE_OFFLINE: return "network-offline-symbolic";
    case MC_SYNC_STATE_SIGN_IN_NEEDED: return "dialog-password-symbolic";
    case MC_SYNC_STATE_ERROR: return "dialog-warning-symbolic";
    case MC_SYNC_STATE_IDLE:
    default: return s->review > 0 ? "dialog-warning-symbolic" : "mail-send-symbolic";
    }
}

static void
append_progress (GString              *text,
                 const McSyncProgress *p)
{
  g_autofree char *count = mc_format_count (p->dossiers);

  if (p->pages == 0)
    g_string_append (text, p->last_success == 0 ? _("First sync: connecting…") : _("Syncing: connecting…"));
  else if (p->last_success == 0 || p->full)
    /* TRANSLATORS: progress of a sync that reads everything; %u is a page number, %s a count */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Full sync: page %u, %s dossier so far",
                                               "Full sync: page %u, %s dossiers so far", p->dossiers),
                            p->pages, count);
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Syncing: page %u, %s dossier so far",
                                               "Syncing: page %u, %s dossiers so far", p->dossiers),
                            p->pages, count);
}

void
mc_sync_source_row_update (McSyncSourceRow      *self,
                           const McSourceStatus *s)
{
  const McSyncProgress *p = &s->progress;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *last = p->last_success > 0 ? mc_format_time (p->last_success) : NULL;
  g_autofree char *outbox = mc_sync_describe_outbox (s->waiting, s->checking, s->review);
  g_autofree char *said = NULL;  /* what the system said, as a sentence of its own line */
  gboolean syncing = p->state == MC_SYNC_STATE_SYNCING;

  g_return_if_fail (MC_IS_SYNC_SOURCE_ROW (self));

  self->state = p->state;
  self->settled = s->settled;

  /* The pull, unless it went well; then what waits, unless nothing does. */
  if (syncing)
    append_progress (text, p);
  else if (mc_source_status_is_synced (s))
    g_string_append (text, _("Synced"));
  else if (p->state != MC_SYNC_STATE_IDLE || outbox == NULL)
    g_string_append (text, mc_sync_state_label (p->state));
  if (outbox != NULL)
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "", outbox);

  g_string_append_c (text, '\n');
  if (last != NULL)
    /* TRANSLATORS: %s is a date and time */
    g_string_append_printf (text, _("Last synced %s"), last);
  else
    g_string_append (text, _("Never synced"));
  if (!syncing && (said = mc_format_system_message (p->message)) != NULL)
    g_string_append_printf (text, "\n%s", said);
  if (!syncing && p->retry_at > 0)
    {
      g_autofree char *when = mc_format_time (p->retry_at);

      /* TRANSLATORS: %s is a date and time */
      g_string_append_printf (text, "\n");
      g_string_append_printf (text, _("Next attempt %s"), when);
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), text->str);
  gtk_image_set_from_icon_name (self->state_icon, state_icon_name (s));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  mc_source_status_is_synced (s) ? _("Synced") : mc_sync_state_label (p->state), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), syncing);
  gtk_spinner_set_spinning (self->spinner, syncing);
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "warning");
  if (p->state == MC_SYNC_STATE_ERROR || p->state == MC_SYNC_STATE_SIGN_IN_NEEDED)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "error");
  else if (p->state == MC_SYNC_STATE_OFFLINE || s->review > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "warning");
}

const char *
mc_sync_source_row_get_source_id (McSyncSourceRow *self)
{
  g_return_val_if_fail (MC_IS_SYNC_SOURCE_ROW (self), NULL);
  return self->source_id;
}

McSyncState
mc_sync_source_row_get_state (McSyncSourceRow *self)
{
  g_return_val_if_fail (MC_IS_SYNC_SOURCE_ROW (self), MC_SYNC_STATE_IDLE);
  return self->state;
}

McSyncState
mc_sync_source_row_get_settled_state (McSyncSourceRow *self)
{
  g_return_val_if_fail (MC_IS_SYNC_SOURCE_ROW (self), MC_SYNC_STATE_IDLE);
  return self->settled;
}

static void
mc_sync_source_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MC_TYPE_SYNC_SOURCE_ROW);
  G_OBJECT_CLASS (mc_sync_source_row_parent_class)->dispose (object);
}

static void
mc_sync_source_row_finalize (GObject *object)
{
  g_free (MC_SYNC_SOURCE_ROW (object)->source_id);
  G_OBJECT_CLASS (mc_sync_source_row_parent_class)->finalize (object);
}

static void
mc_sync_source_row_class_init (McSyncSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_sync_source_row_dispose;
  object_class->finalize = mc_sync_source_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-sync-source-row.ui");
  gtk_widget_class_bind_template_child (widget_class, McSyncSourceRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, McSyncSourceRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, McSyncSourceRow, sync_button);
}

static void
mc_sync_source_row_init (McSyncSourceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

McSyncSourceRow *
mc_sync_source_row_new (const char *source_id,
                        const char *name)
{
  McSyncSourceRow *self = g_object_new (MC_TYPE_SYNC_SOURCE_ROW, "title", name, NULL);
  g_autofree char *label = NULL;

  self->source_id = g_strdup (source_id);
  /* The button syncs this source only: the indicator's "sync.now" takes the source id. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->sync_button), "s", source_id);
  /* TRANSLATORS: %s is the name of a ministry system */
  label = g_strdup_printf (_("Sync %s Now"), name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return self;
}
