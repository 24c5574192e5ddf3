/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-a11y.h"
#include "mc-sync-banner.h"

/* The banner of a ministry system that cannot be reached: over the list (the systems of the
 * ministry it shows, every one when it shows all) and over the open dossier (its system). It
 * names the ministry and says that work goes on and is sent later; "Try Again" tries the
 * systems it names. libadwaita 1.2 has no AdwBanner: a revealer and a styled box do the same.
 * It takes the width of its pane and never asks for more, its text wraps (the label's
 * max-width-chars): a banner that comes and goes must not widen the pane under it. */

struct _McSyncBanner
{
  AdwBin parent_instance;

  GtkRevealer *revealer;
  GtkLabel *label;

  McSyncStatus *status;
  char *ministry;     /* only the systems of this ministry ("G18"); NULL every one */
  char *source_id;    /* only this system; NULL every one, or none if per_dossier */
  gboolean per_dossier;
};

G_DEFINE_FINAL_TYPE (McSyncBanner, mc_sync_banner, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REVEALED,
  PROP_PER_DOSSIER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (McSyncBanner *self)
{
  g_autofree char *text = NULL;
  gboolean revealed;

  if (self->status != NULL && (!self->per_dossier || self->source_id != NULL))
    text = mc_sync_status_dup_cut_notice (self->status, self->ministry, self->source_id);
  revealed = text != NULL;
  /* The text stays while the banner slides out. */
  if (text != NULL)
    gtk_label_set_text (self->label, text);
  if (gtk_revealer_get_reveal_child (self->revealer) == revealed)
    return;
  gtk_revealer_set_reveal_child (self->revealer, revealed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

void
mc_sync_banner_set_status (McSyncBanner *self,
                           McSyncStatus *status)
{
  g_return_if_fail (MC_IS_SYNC_BANNER (self));
  g_return_if_fail (MC_IS_SYNC_STATUS (status));

  if (self->status != NULL)
    g_signal_handlers_disconnect_by_data (self->status, self);
  g_set_object (&self->status, status);
  g_signal_connect_object (status, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

/* The list of @ministry's dossiers ("G18"), or of every ministry's (NULL). */
void
mc_sync_banner_set_ministry (McSyncBanner *self,
                             const char   *ministry)
{
  g_return_if_fail (MC_IS_SYNC_BANNER (self));
  g_free (self->ministry);
  self->ministry = g_strdup (ministry);
  update (self);
}

/* A dossier of @source_id is shown (NULL: none; a banner over a dossier then says nothing). */
void
mc_sync_banner_set_source_id (McSyncBanner *self,
                              const char   *source_id)
{
  g_return_if_fail (MC_IS_SYNC_BANNER (self));
  g_free (self->source_id);
  self->source_id = g_strdup (source_id);
  update (self);
}

gboolean
mc_sync_banner_get_revealed (McSyncBanner *self)
{
  g_return_val_if_fail (MC_IS_SYNC_BANNER (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

/* Returns: what the banner says (or said last, while it slides out). */
const char *
mc_sync_banner_get_text (McSyncBanner *self)
{
  g_return_val_if_fail (MC_IS_SYNC_BANNER (self), NULL);
  return gtk_label_get_text (self->label);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  McSyncBanner *self = MC_SYNC_BANNER (widget);
  McSyncEngine *engine = self->status ? mc_sync_status_get_engine (self->status) : NULL;

  if (engine == NULL)
    return;
  for (guint i = 0; i < mc_sync_status_get_n_sources (self->status); i++)
    {
      const McSourceStatus *s = mc_sync_status_get_source (self->status, i);

      if (mc_source_status_is_cut (s) && (!self->ministry || g_strcmp0 (self->ministry, s->ministry) == 0)
          && (!self->source_id || g_str_equal (self->source_id, s->source_id)))
        mc_sync_engine_sync_now (engine, s->source_id);
    }
}

static void
mc_sync_banner_dispose (GObject *object)
{
  McSyncBanner *self = MC_SYNC_BANNER (object);

  if (self->status != NULL)
    g_signal_handlers_disconnect_by_data (self->status, self);
  g_clear_object (&self->status);
  /* The bin's child is the template's: the bin lets go of it first, or both would unparent
   * it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_SYNC_BANNER);
  G_OBJECT_CLASS (mc_sync_banner_parent_class)->dispose (object);
}

static void
mc_sync_banner_finalize (GObject *object)
{
  McSyncBanner *self = MC_SYNC_BANNER (object);

  g_free (self->ministry);
  g_free (self->source_id);
  G_OBJECT_CLASS (mc_sync_banner_parent_class)->finalize (object);
}

static void
mc_sync_banner_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  McSyncBanner *self = MC_SYNC_BANNER (object);

  switch (prop_id)
    {
    case PROP_REVEALED:
      g_value_set_boolean (value, mc_sync_banner_get_revealed (self));
      break;
    case PROP_PER_DOSSIER:
      g_value_set_boolean (value, self->per_dossier);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_sync_banner_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  McSyncBanner *self = MC_SYNC_BANNER (object);

  switch (prop_id)
    {
    case PROP_PER_DOSSIER:
      self->per_dossier = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_sync_banner_class_init (McSyncBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_sync_banner_dispose;
  object_class->finalize = mc_sync_banner_finalize;
  object_class->get_property = mc_sync_banner_get_property;
  object_class->set_property = mc_sync_banner_set_property;

  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Over one dossier: its system only (mc_sync_banner_set_source_id()), nothing over none. */
  properties[PROP_PER_DOSSIER] =
    g_param_spec_boolean ("per-dossier", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-sync-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, McSyncBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, McSyncBanner, label);
  gtk_widget_class_install_action (widget_class, "banner.retry", NULL, retry_action);
}

static void
mc_sync_banner_init (McSyncBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
}
