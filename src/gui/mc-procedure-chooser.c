/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-catalog.h"
#include "mc-procedure-chooser.h"

/* A procedure of the catalogue, or all of them, chosen by typing: a button whose popover has
 * a search entry (the code, or words of the name without their diacritics, as at the counter)
 * over the matching procedures. A GtkDropDown of GTK 4.8 searches only by the start of a
 * label, which finds no procedure by the words an official remembers. The keyboard reaches
 * everything: Enter takes the first match, Tab and the arrows walk the list, Escape closes. */

struct _McProcedureChooser
{
  GtkWidget parent_instance;

  GtkMenuButton *button;
  GtkLabel *label;
  GtkPopover *popover;
  GtkSearchEntry *entry;
  GtkListBox *list;

  char *code;                    /* NULL: every procedure */
  GPtrArray *rows;               /* const McProcedure * of each row after "all", in order */
};

G_DEFINE_FINAL_TYPE (McProcedureChooser, mc_procedure_chooser, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
row_new (const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 52);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  return row;
}

static void
fill (McProcedureChooser *self)
{
  g_autoptr(GPtrArray) matches = mc_catalog_search (mc_catalog_get_default (),
                                                    gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->rows, 0);
  gtk_list_box_append (self->list, row_new (_("All procedures")));
  for (guint i = 0; i < matches->len; i++)
    {
      const McProcedure *proc = g_ptr_array_index (matches, i);
      /* TRANSLATORS: a procedure in a list: its code and its name */
      g_autofree char *text = g_strdup_printf (_("%s — %s"), proc->code, proc->name);

      gtk_list_box_append (self->list, row_new (text));
      g_ptr_array_add (self->rows, (gpointer) proc);
    }
}

static void
choose_row (McProcedureChooser *self,
            int                 index)
{
  const McProcedure *proc = index > 0 && (guint) index <= self->rows->len ? g_ptr_array_index (self->rows, index - 1) : NULL;

  mc_procedure_chooser_set_code (self, proc ? proc->code : NULL);
  gtk_popover_popdown (self->popover);
}

static void
on_row_activated (McProcedureChooser *self,
                  GtkListBoxRow      *row)
{
  choose_row (self, gtk_list_box_row_get_index (row));
}

/* Enter in the entry: the first match, or every procedure when nothing matches. */
static void
on_activate (McProcedureChooser *self)
{
  /* The list follows the text a moment later (search-changed): catch up first. */
  fill (self);
  choose_row (self, self->rows->len > 0 ? 1 : 0);
}

static void
on_popover_shown (McProcedureChooser *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  fill (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

const char *
mc_procedure_chooser_get_code (McProcedureChooser *self)
{
  g_return_val_if_fail (MC_IS_PROCEDURE_CHOOSER (self), NULL);
  return self->code;
}

/* @code: a procedure of the catalogue, or NULL for all of them. */
void
mc_procedure_chooser_set_code (McProcedureChooser *self,
                               const char         *code)
{
  const McProcedure *proc;

  g_return_if_fail (MC_IS_PROCEDURE_CHOOSER (self));
  proc = code ? mc_catalog_lookup (mc_catalog_get_default (), code) : NULL;
  if (proc != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s — %s"), proc->code, proc->name);

      gtk_label_set_label (self->label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), text);
    }
  else
    {
      gtk_label_set_label (self->label, _("All procedures"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Procedure"));
    }
  if (g_strcmp0 (self->code, proc ? proc->code : NULL) == 0)
    return;
  g_free (self->code);
  self->code = proc ? g_strdup (proc->code) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

static void
mc_procedure_chooser_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  McProcedureChooser *self = MC_PROCEDURE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_procedure_chooser_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  McProcedureChooser *self = MC_PROCEDURE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_CODE:
      mc_procedure_chooser_set_code (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_procedure_chooser_dispose (GObject *object)
{
  McProcedureChooser *self = MC_PROCEDURE_CHOOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_PROCEDURE_CHOOSER);
  G_OBJECT_CLASS (mc_procedure_chooser_parent_class)->dispose (object);
}

static void
mc_procedure_chooser_finalize (GObject *object)
{
  McProcedureChooser *self = MC_PROCEDURE_CHOOSER (object);

  g_free (self->code);
  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (mc_procedure_chooser_parent_class)->finalize (object);
}

static void
mc_procedure_chooser_class_init (McProcedureChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mc_procedure_chooser_get_property;
  object_class->set_property = mc_procedure_chooser_set_property;
  object_class->dispose = mc_procedure_chooser_dispose;
  object_class->finalize = mc_procedure_chooser_finalize;
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-procedure-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, McProcedureChooser, button);
  gtk_widget_class_bind_template_child (widget_class, McProcedureChooser, label);
  gtk_widget_class_bind_template_child (widget_class, McProcedureChooser, popover);
  gtk_widget_class_bind_template_child (widget_class, McProcedureChooser, entry);
  gtk_widget_class_bind_template_child (widget_class, McProcedureChooser, list);
}

static void
mc_procedure_chooser_init (McProcedureChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  mc_procedure_chooser_set_code (self, NULL);
  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (fill), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "stop-search", G_CALLBACK (gtk_popover_popdown), self->popover, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "show", G_CALLBACK (on_popover_shown), self, G_CONNECT_SWAPPED);
}
