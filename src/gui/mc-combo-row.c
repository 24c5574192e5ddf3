/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-combo-row.h"

/* A combo row over a GtkStringList whose choices a screen reader can name: GTK 4.8 names no
 * list item after what it shows, so the items of the popup (the text and a check mark on the
 * chosen one, as libadwaita draws them) and the one showing the choice in the row are named
 * here. */

struct _McComboRow
{
  AdwComboRow parent_instance;
};

G_DEFINE_FINAL_TYPE (McComboRow, mc_combo_row, ADW_TYPE_COMBO_ROW)

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  in_popup)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_start (check, 6);
  gtk_widget_set_visible (check, in_popup != NULL);
  if (in_popup == NULL)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
update_check (McComboRow  *self,
              GParamSpec  *pspec,
              GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, adw_combo_row_get_selected_item (ADW_COMBO_ROW (self)) == gtk_list_item_get_item (item));
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           McComboRow               *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  gpointer object = gtk_list_item_get_item (item);
  const char *text = GTK_IS_STRING_OBJECT (object) ? gtk_string_object_get_string (object) : "";
  GtkWidget *row = gtk_widget_get_parent (box);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)), text);
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_signal_connect_object (self, "notify::selected-item", G_CALLBACK (update_check), item, 0);
  update_check (self, NULL, item);
}

static void
unbind_item (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             McComboRow               *self)
{
  g_signal_handlers_disconnect_by_func (self, update_check, item);
}

static void
mc_combo_row_class_init (McComboRowClass *klass)
{
}

static GtkListItemFactory *
new_factory (McComboRow *self,
             gboolean    in_popup)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), GINT_TO_POINTER (in_popup));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_item), self);
  return factory;
}

static void
mc_combo_row_init (McComboRow *self)
{
  g_autoptr(GtkListItemFactory) current = new_factory (self, FALSE);
  g_autoptr(GtkListItemFactory) popup = new_factory (self, TRUE);

  adw_combo_row_set_factory (ADW_COMBO_ROW (self), current);
  adw_combo_row_set_list_factory (ADW_COMBO_ROW (self), popup);
}

/* The same trouble with a plain GtkDropDown: GTK 4.8 makes it a combo box holding the toggle
 * button that takes the focus, and names neither. Both are named @name. */
void
mc_combo_row_name_drop_down (GtkDropDown *dropdown,
                             const char  *name)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (GTK_IS_TOGGLE_BUTTON (button))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}
