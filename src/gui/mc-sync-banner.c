/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-sync-banner.h"

/* The offline banner: shown when no ministry system can be reached (the sync indicator's
 * "offline", bound in the window's template), saying that work goes on and is sent later.
 * libadwaita 1.2 has no AdwBanner: a revealer and a styled box do the same. */

struct _McSyncBanner
{
  AdwBin parent_instance;

  GtkRevealer *revealer;

  McSyncEngine *engine;
};

G_DEFINE_FINAL_TYPE (McSyncBanner, mc_sync_banner, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REVEALED,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
mc_sync_banner_get_revealed (McSyncBanner *self)
{
  g_return_val_if_fail (MC_IS_SYNC_BANNER (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

void
mc_sync_banner_set_revealed (McSyncBanner *self,
                             gboolean      revealed)
{
  g_return_if_fail (MC_IS_SYNC_BANNER (self));

  revealed = !!revealed;
  if (gtk_revealer_get_reveal_child (self->revealer) == revealed)
    return;
  gtk_revealer_set_reveal_child (self->revealer, revealed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  McSyncBanner *self = MC_SYNC_BANNER (widget);

  if (self->engine != NULL)
    mc_sync_engine_sync_now (self->engine, NULL);
}

static void
mc_sync_banner_dispose (GObject *object)
{
  McSyncBanner *self = MC_SYNC_BANNER (object);

  g_clear_object (&self->engine);
  /* The bin's child is the template's: the bin lets go of it first, or both would unparent
   * it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_SYNC_BANNER);
  G_OBJECT_CLASS (mc_sync_banner_parent_class)->dispose (object);
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
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
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
    case PROP_REVEALED:
      mc_sync_banner_set_revealed (self, g_value_get_boolean (value));
      break;
    case PROP_ENGINE:
      if (g_set_object (&self->engine, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
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
  object_class->get_property = mc_sync_banner_get_property;
  object_class->set_property = mc_sync_banner_set_property;

  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The engine "Try Again" asks; bound from the sync indicator's. */
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, MC_TYPE_SYNC_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-sync-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, McSyncBanner, revealer);
  gtk_widget_class_install_action (widget_class, "banner.retry", NULL, retry_action);
}

static void
mc_sync_banner_init (McSyncBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
