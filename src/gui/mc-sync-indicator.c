/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-format.h"
#include "mc-sync-indicator.h"

/* The sync indicator in the header bar: one icon for how the ministry systems stand as a
 * whole, and a popover with one row per system (state, last sync, error, progress, "Sync
 * now"). It only reads the engine's state and asks the engine to sync: the UI never talks to
 * the network. Its "offline" property (no system can be reached) drives the offline banner. */

struct _McSyncIndicator
{
  AdwBin parent_instance;

  GtkMenuButton *button;
  GtkPopover *popover;
  GtkLabel *summary_label;
  GtkListBox *source_list;

  McSyncEngine *engine;
  GHashTable *rows;        /* source id → McSyncSourceRow (owned by the list) */
  char *summary;
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

/* The whole from the parts: one source down is a warning, not "offline" — the others still
 * sync (DESIGN.md: one ministry down never marks the whole app offline). */
static void
update_summary (McSyncIndicator *self)
{
  GHashTableIter it;
  gpointer value;
  guint n = 0, syncing = 0, unreachable = 0, problems = 0;
  guint64 so_far = 0;
  const char *icon;

  g_hash_table_iter_init (&it, self->rows);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      McSyncSourceRow *row = value;
      McSyncState settled = mc_sync_source_row_get_settled_state (row);

      n++;
      if (mc_sync_source_row_get_state (row) == MC_SYNC_STATE_SYNCING)
        {
          McSyncProgress p;

          syncing++;
          if (mc_sync_engine_get_progress (self->engine, mc_sync_source_row_get_source_id (row), &p))
            so_far += p.dossiers;
        }
      if (settled == MC_SYNC_STATE_OFFLINE)
        unreachable++;
      if (settled != MC_SYNC_STATE_IDLE)
        problems++;
    }

  g_free (self->summary);
  if (n == 0)
    {
      self->summary = g_strdup (_("No ministry system is connected"));
      icon = "network-offline-symbolic";
    }
  else if (unreachable == n)
    {
      self->summary = g_strdup (_("No ministry system can be reached"));
      icon = "network-offline-symbolic";
    }
  else if (syncing > 0 && so_far == 0)
    {
      self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Syncing %u ministry system…",
                                                    "Syncing %u ministry systems…", syncing), syncing);
      icon = "emblem-synchronizing-symbolic";
    }
  else if (syncing > 0)
    {
      /* An initial sync is long: the count says it is moving. */
      g_autofree char *count = mc_format_count (so_far);

      /* TRANSLATORS: %s is a count of dossiers received so far by the running syncs */
      self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Syncing: %s dossier received so far",
                                                    "Syncing: %s dossiers received so far", so_far), count);
      icon = "emblem-synchronizing-symbolic";
    }
  else if (problems > 0)
    {
      /* TRANSLATORS: "2 of 5 ministry systems need attention" */
      self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u ministry systems needs attention",
                                                    "%u of %u ministry systems need attention", problems),
                                       problems, n);
      icon = "dialog-warning-symbolic";
    }
  else
    {
      self->summary = g_strdup (_("All ministry systems are up to date"));
      icon = "emblem-ok-symbolic";
    }

  gtk_menu_button_set_icon_name (self->button, icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), self->summary);
  gtk_label_set_text (self->summary_label, self->summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sync Status"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.now", n > 0);
  set_offline (self, n > 0 && unreachable == n);
}

static void
on_source_changed (McSyncIndicator *self,
                   const char      *source_id)
{
  McSyncSourceRow *row = g_hash_table_lookup (self->rows, source_id);
  McSyncProgress progress;

  if (row == NULL || !mc_sync_engine_get_progress (self->engine, source_id, &progress))
    return;
  mc_sync_source_row_update (row, &progress);
  update_summary (self);
}

static void
clear_rows (McSyncIndicator *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->source_list))) != NULL)
    gtk_list_box_remove (self->source_list, child);
  g_hash_table_remove_all (self->rows);
}

/* Shows @engine's sources, named as @store names them. */
void
mc_sync_indicator_set_engine (McSyncIndicator *self,
                              McSyncEngine    *engine,
                              McStore         *store)
{
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (MC_IS_SYNC_INDICATOR (self));
  g_return_if_fail (engine == NULL || MC_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  clear_rows (self);

  if (engine != NULL)
    {
      ids = mc_sync_engine_list_sources (engine);
      for (guint i = 0; ids[i] != NULL; i++)
        {
          g_autoptr(McSource) source = store ? mc_store_get_source (store, ids[i], NULL) : NULL;
          McSyncSourceRow *row = mc_sync_source_row_new (ids[i], source ? source->name : ids[i]);
          McSyncProgress progress;

          if (mc_sync_engine_get_progress (engine, ids[i], &progress))
            mc_sync_source_row_update (row, &progress);
          gtk_list_box_append (self->source_list, GTK_WIDGET (row));
          g_hash_table_insert (self->rows, g_strdup (ids[i]), row);
        }
      g_signal_connect_object (engine, "source-changed", G_CALLBACK (on_source_changed), self, G_CONNECT_SWAPPED);
    }
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

McSyncEngine *
mc_sync_indicator_get_engine (McSyncIndicator *self)
{
  g_return_val_if_fail (MC_IS_SYNC_INDICATOR (self), NULL);
  return self->engine;
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

const char *
mc_sync_indicator_get_summary (McSyncIndicator *self)
{
  g_return_val_if_fail (MC_IS_SYNC_INDICATOR (self), NULL);
  return self->summary;
}

/* "sync.now" with a source id, or "" for every source. */
static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  McSyncIndicator *self = MC_SYNC_INDICATOR (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (self->engine != NULL)
    mc_sync_engine_sync_now (self->engine, *id ? id : NULL);
}

static void
mc_sync_indicator_dispose (GObject *object)
{
  McSyncIndicator *self = MC_SYNC_INDICATOR (object);

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
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
      g_value_set_object (value, self->engine);
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
  update_summary (self);
}
