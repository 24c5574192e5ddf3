/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-a11y.h"

/* GTK 4.8 names a button whose label has a mnemonic ("_Cancel") twice over AT-SPI: by the
 * accessible label it sets to the raw text, underscore included, and again by the label widget
 * the mnemonic makes it labelled by ("Cancel"), so a screen reader says "_Cancel Cancel". The
 * label widget alone names it, and follows the text as it changes; the raw accessible label
 * goes, whenever GTK sets it again (on every change of the text). GTK 4.10 no longer sets it. */
static void
drop_raw_label (GtkButton *button)
{
  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* Names every button with a mnemonic under @root (@root too) by its label's text alone, now and
 * after any change of its label. Called once per widget, after its template is built, and on a
 * button made later. */
void
mc_a11y_name_mnemonic_buttons (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mc_a11y_name_mnemonic_buttons (child);
  /* A button already followed has the handler: connecting it once is enough. */
  if (!GTK_IS_BUTTON (root) ||
      g_signal_handler_find (root, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, drop_raw_label, NULL) != 0)
    return;
  drop_raw_label (GTK_BUTTON (root));
  g_signal_connect (root, "notify::label", G_CALLBACK (drop_raw_label), NULL);
  g_signal_connect (root, "notify::use-underline", G_CALLBACK (drop_raw_label), NULL);
}

/* Names the first widget of @type under @root @name: a part that a libadwaita widget builds and
 * leaves unnamed (AdwPreferencesWindow's search entry). */
void
mc_a11y_name_first_of_type (GtkWidget  *root,
                            GType       type,
                            const char *name)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();

  g_ptr_array_add (todo, root);
  for (guint i = 0; i < todo->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (todo, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          return;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (todo, child);
    }
}

/* GTK 4.8 presents every page of a stack to a screen reader, the pages not shown too. */
static void
hide_unless_shown (GtkStack   *stack,
                   GParamSpec *pspec,
                   GtkWidget  *page)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_STATE_HIDDEN,
                               gtk_stack_get_visible_child (stack) != page, -1);
}

static void
name_shortcuts_parts (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_shortcuts_parts (child);
  if (GTK_IS_SEARCH_ENTRY (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search Shortcuts"), -1);
  /* The menu of sections shows only with more than one section. Its own toggle is labelled by
   * the menu button. */
  else if (GTK_IS_MENU_BUTTON (widget))
    {
      GtkWidget *stack = gtk_widget_get_parent (widget);

      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Shortcut Sections"), -1);
      if (GTK_IS_STACK (stack))
        {
          hide_unless_shown (GTK_STACK (stack), NULL, widget);
          g_signal_connect_object (stack, "notify::visible-child", G_CALLBACK (hide_unless_shown), widget, 0);
        }
    }
  else if (GTK_IS_TOGGLE_BUTTON (widget) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search Shortcuts"), -1);
    }
}

/* GTK 4.8 builds the shortcuts window with its search entry, the button that shows it and the
 * menu of sections unnamed (the button is "labelled" by its icon, named after its type). */
void
mc_a11y_name_shortcuts_window (GtkShortcutsWindow *window)
{
  name_shortcuts_parts (GTK_WIDGET (window));
}
