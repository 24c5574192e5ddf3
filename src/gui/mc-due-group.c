/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-due-group.h"
#include "mc-format.h"
#include "mc-store-actions.h"
#include "mc-time.h"

/* The appointment on the counter's summary: the due date the store computed, which the
 * official may correct (a date typed for a closed office moves to the next office time, as
 * the group says) and, computed from a duration the catalog only assumes, must check: the
 * receipt prints it as firm once the official has. "ready" says whether the dossier can be
 * received with it. */

struct _McDueGroup
{
  AdwPreferencesGroup parent_instance;

  AdwEntryRow *due_row;
  GtkWidget *check_row;
  GtkCheckButton *check;

  McStore *store;
  gint64 computed;
  char *assumed_note;   /* why the computed date is provisional; NULL when it is not */
  gboolean ready;
};

G_DEFINE_FINAL_TYPE (McDueGroup, mc_due_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The appointment as typed: @out_due is 0 when it is the computed one. Returns FALSE when it
 * is not a date. */
static gboolean
read_due (McDueGroup *self,
          gint64     *out_due)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->due_row))));
  gint64 due = 0;

  *out_due = 0;
  if (!mc_time_parse (text, &due))
    return FALSE;
  if (due != self->computed)
    *out_due = due;
  return TRUE;
}

static void
update (McDueGroup *self)
{
  g_autofree char *moved = NULL, *description = NULL;
  gint64 corrected, to;
  gboolean readable = read_due (self, &corrected);
  gboolean checked = gtk_check_button_get_active (self->check);
  gboolean ready = readable && (self->assumed_note == NULL || corrected != 0 || checked);

  if (self->store != NULL && readable && corrected != 0)
    moved = mc_store_due_moved (self->store, corrected, &to);
  description = self->assumed_note && moved ? g_strdup_printf ("%s\n%s", self->assumed_note, moved)
                                            : g_strdup (self->assumed_note ? self->assumed_note : moved);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  if (readable)
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->due_row), "error");
  if (readable && !ready)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_row), "warning");
  if (ready != self->ready)
    {
      self->ready = ready;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
}

/* Shows the date the store computed for @procedure, unchecked; a duration the catalog only
 * assumes is said to be so, and asks for the check. */
void
mc_due_group_set (McDueGroup        *self,
                  McStore           *store,
                  gint64             computed,
                  const McProcedure *procedure)
{
  g_autofree char *text = mc_format_time (computed);

  g_return_if_fail (MC_IS_DUE_GROUP (self));
  g_set_object (&self->store, store);
  self->computed = computed;
  g_clear_pointer (&self->assumed_note, g_free);
  if (procedure != NULL && procedure->duration_assumed)
    {
      g_autofree char *duration = mc_format_duration (procedure->duration, procedure->unit);

      /* TRANSLATORS: %s is a time limit such as "15 working days" */
      self->assumed_note = g_strdup_printf (_("Provisional: the catalog has no published time limit for this "
                                              "procedure, the date is computed from an assumed %s. Check it "
                                              "against the procedure's published time limit and correct it if "
                                              "needed."), duration);
    }
  gtk_widget_set_visible (self->check_row, self->assumed_note != NULL);
  gtk_check_button_set_active (self->check, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), text);
  update (self);
}

/* The official checked the computed date (@checked), or typed another (@text, NULL to keep
 * the one shown). */
void
mc_due_group_set_due (McDueGroup *self,
                      const char *text,
                      gboolean    checked)
{
  g_return_if_fail (MC_IS_DUE_GROUP (self));
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->due_row), text);
  gtk_check_button_set_active (self->check, checked);
}

gboolean
mc_due_group_get_ready (McDueGroup *self)
{
  g_return_val_if_fail (MC_IS_DUE_GROUP (self), FALSE);
  return self->ready;
}

/* Returns: whether the dossier can be received with the date shown; then @out_due is the
 * official's own date (0: the computed one) and @out_checked whether it was checked. */
gboolean
mc_due_group_get (McDueGroup *self,
                  gint64     *out_due,
                  gboolean   *out_checked)
{
  g_return_val_if_fail (MC_IS_DUE_GROUP (self), FALSE);
  update (self);
  read_due (self, out_due);
  *out_checked = gtk_check_button_get_active (self->check);
  return self->ready;
}

static void
mc_due_group_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  McDueGroup *self = MC_DUE_GROUP (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_due_group_dispose (GObject *object)
{
  McDueGroup *self = MC_DUE_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_DUE_GROUP);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mc_due_group_parent_class)->dispose (object);
}

static void
mc_due_group_finalize (GObject *object)
{
  g_free (MC_DUE_GROUP (object)->assumed_note);
  G_OBJECT_CLASS (mc_due_group_parent_class)->finalize (object);
}

static void
mc_due_group_class_init (McDueGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mc_due_group_get_property;
  object_class->dispose = mc_due_group_dispose;
  object_class->finalize = mc_due_group_finalize;

  /* Whether the dossier can be received with the date shown. */
  properties[PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-due-group.ui");
  gtk_widget_class_bind_template_child (widget_class, McDueGroup, due_row);
  gtk_widget_class_bind_template_child (widget_class, McDueGroup, check_row);
  gtk_widget_class_bind_template_child (widget_class, McDueGroup, check);
}

static void
mc_due_group_init (McDueGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->due_row, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->check, "toggled", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
}
