/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-a11y.h"
#include "mc-format.h"
#include "mc-sync-indicator.h"

/* The sync indicator in the header bar: an icon for how the ministry systems stand as a
 * whole (a check mark only when everything is synced) beside what of the official's work
 * still waits ("3 actions waiting to be sent"), and a popover with one row per system (pull,
 * what waits for it, "Sync now"). It shows McSyncStatus, read from the engine and the
 * outbox, and asks the engine to sync: the UI never talks to the network. Its "offline"
 * property (no system can be reached) is for whoever needs the whole picture. */

struct _McSyncIndicator
{
  AdwBin parent_instance;

  GtkMenuButton *button;
  GtkImage *icon;
  GtkLabel *label;
  GtkPopover *popover;
  GtkLabel *summary_label;
  GtkListBox *source_list;

  McSyncStatus *status;
  GHashTable *rows;        /* source id → McSyncSourceRow (owned by the list) */
  char *summary;
  char *outbox;            /* what the label says, with plain spaces */
  gboolean offline;
};

G_DEFINE_FINAL_TYPE (McSyncIndicator, mc_sync_indicator, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_OFFLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_offline (McSyncIndicator *self,
             gboolean         offline)
{
  if (self->offline == offline)
    return;
  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

static void
clear_rows (McSyncIndicator *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->source_list))) != NULL)
    gtk_list_box_remove (self->source_list, child);
  g_hash_table_remove_all (self->rows);
}

/* The header has little room: the label takes two short lines, broken only between its parts
 * ("1 needs review · 3 actions waiting to be sent"), never inside one. */
static void
set_label (GtkLabel   *label,
           const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, " · ", -1);
  g_autoptr(GString) shown = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (parts[i], " ", -1);
      g_autofree char *glued = g_strjoinv ("\u00a0", words);

      g_string_append_printf (shown, "%s%s", i > 0 ? " · " : "", glued);
    }
  gtk_label_set_text (label, shown->str);
}

/* The rows follow the systems shown, in the status's order; the summary the whole. */
static void
update (McSyncIndicator *self)
{
  guint n = self->status ? mc_sync_status_get_n_sources (self->status) : 0;
  guint waiting = 0, checking = 0, review = 0, cut = 0, in_engine = 0;
  g_autofree char *outbox = NULL;
  const char *icon = "network-offline-symbolic";
  gboolean same = g_hash_table_size (self->rows) == n;

  for (guint i = 0; i < n && same; i++)
    same = g_hash_table_contains (self->rows, mc_sync_status_get_source (self->status, i)->source_id);
  if (!same)
    clear_rows (self);
  for (guint i = 0; i < n; i++)
    {
      const McSourceStatus *s = mc_sync_status_get_source (self->status, i);
      McSyncSourceRow *row = g_hash_table_lookup (self->rows, s->source_id);

      if (row == NULL)
        {
          row = mc_sync_source_row_new (s->source_id, s->name);
          gtk_list_box_append (self->source_list, GTK_WIDGET (row));
          g_hash_table_insert (self->rows, g_strdup (s->source_id), row);
        }
      mc_sync_source_row_update (row, s);
      in_engine += s->in_engine;
      cut += mc_source_status_is_cut (s);
    }

  g_free (self->summary);
  if (self->status != NULL)
    {
      self->summary = mc_sync_status_dup_summary (self->status, &icon);
      mc_sync_status_get_totals (self->status, &waiting, &checking, &review);
      outbox = mc_sync_describe_outbox_urgent_first (waiting, checking, review);
    }
  else
    self->summary = g_strdup (_("No ministry system is connected"));
  gtk_image_set_from_icon_name (self->icon, icon);
  g_free (self->outbox);
  self->outbox = g_strdup (outbox ? outbox : "");
  set_label (self->label, self->outbox);
  gtk_widget_set_visible (GTK_WIDGET (self->label), outbox != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), self->summary);
  gtk_label_set_text (self->summary_label, self->summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sync Status"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary, -1);
  gtk_widget_remove_css_class (GTK_WIDGET (self->button), "warning");
  if (review > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "warning");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.now", in_engine > 0);
  set_offline (self, in_engine > 0 && cut == in_engine);
}

static void
on_engine_changed (McSyncIndicator *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

/* Shows @status (the window's). */
void
mc_sync_indicator_set_status (McSyncIndicator *self,
                              McSyncStatus    *status)
{
  g_return_if_fail (MC_IS_SYNC_INDICATOR (self));
  g_return_if_fail (MC_IS_SYNC_STATUS (status));

  if (self->status == status)
    return;
  if (self->status != NULL)
    g_signal_handlers_disconnect_by_data (self->status, self);
  g_set_object (&self->status, status);
  g_signal_connect_object (status, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (status, "notify::engine", G_CALLBACK (on_engine_changed), self, G_CONNECT_SWAPPED);
  update (self);
  on_engine_changed (self);
}

McSyncEngine *
mc_sync_indicator_get_engine (McSyncIndicator *self)
{
  g_return_val_if_fail (MC_IS_SYNC_INDICATOR (self), NULL);
  return self->status ? mc_sync_status_get_engine (self->status) : NULL;
}

gboolean
mc_sync_indicator_get_offline (McSyncIndicator *self)
{
  g_return_val_if_fail (MC_IS_SYNC_INDICATOR (self), FALSE);
  return self->offline;
}

GtkMenuButton *
mc_sync_indicator_get_button (McSyncIndicator *self)
{
  g_return_val_if_fail (MC_IS_SYNC_INDICATOR (self), NULL);
  return self->button;
}

McSyncSourceRow *
mc_sync_indicator_get_row (McSyncIndicator *self,
                           const char      *source_id)
{
  g_return_val_if_fail (MC_IS_SYNC_INDICATOR (self), NULL);
  return g_hash_table_lookup (self->rows, source_id);
}

/* Returns: the whole in words, as the tooltip and the popover say it. */
const char *
mc_sync_indicator_get_summary (McSyncIndicator *self)
{
  g_return_val_if_fail (MC_IS_SYNC_INDICATOR (self), NULL);
  return self->summary;
}

/* Returns: what the header shows beside the icon: what still waits, what needs the official
 * first; "" when nothing does. */
const char *
mc_sync_indicator_get_label (McSyncIndicator *self)
{
  g_return_val_if_fail (MC_IS_SYNC_INDICATOR (self), NULL);
  return self->outbox ? self->outbox : "";
}

/* "sync.now" with a source id, or "" for every source. */
static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  McSyncIndicator *self = MC_SYNC_INDICATOR (widget);
  McSyncEngine *engine = mc_sync_indicator_get_engine (self);
  const char *id = g_variant_get_string (parameter, NULL);

  if (engine != NULL)
    mc_sync_engine_sync_now (engine, *id ? id : NULL);
}

static void
mc_sync_indicator_dispose (GObject *object)
{
  McSyncIndicator *self = MC_SYNC_INDICATOR (object);

  if (self->status != NULL)
    g_signal_handlers_disconnect_by_data (self->status, self);
  g_clear_object (&self->status);
  /* The bin's child is the template's: the bin lets go of it first, or both would unparent
   * it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_SYNC_INDICATOR);
  G_OBJECT_CLASS (mc_sync_indicator_parent_class)->dispose (object);
}

static void
mc_sync_indicator_finalize (GObject *object)
{
  McSyncIndicator *self = MC_SYNC_INDICATOR (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_free (self->summary);
  g_free (self->outbox);
  G_OBJECT_CLASS (mc_sync_indicator_parent_class)->finalize (object);
}

static void
mc_sync_indicator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  McSyncIndicator *self = MC_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, mc_sync_indicator_get_engine (self));
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_sync_indicator_class_init (McSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_sync_indicator_dispose;
  object_class->finalize = mc_sync_indicator_finalize;
  object_class->get_property = mc_sync_indicator_get_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, MC_TYPE_SYNC_ENGINE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MC_TYPE_SYNC_SOURCE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, popover);
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, summary_label);
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, source_list);

  gtk_widget_class_install_action (widget_class, "sync.now", "s", sync_now_action);
}

static void
mc_sync_indicator_init (McSyncIndicator *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
  update (self);
}
