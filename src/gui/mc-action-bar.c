/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-a11y.h"
#include "mc-action-bar.h"
#include "mc-print.h"
#include "mc-store-actions.h"
#include "mc-store-outbox.h"
#include "mc-sync-status.h"

/* The actions of the shown dossier, under its header: one button per action the status table
 * allows now (mc_store_actions_allowed(); the others are not shown at all), each opening the
 * action's dialog through "win.act", and the Print menu with every form of the dossier and
 * its control sheet. A dossier with an action waiting for the official's review takes no new
 * action: the bar says so instead, with the way to the action's review card. */

struct _McActionBar
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *review_box;
  GtkButton *review_button;
  GtkFlowBox *buttons;
  GtkMenuButton *print_button;

  GArray *actions;     /* McAction, the buttons' order */
};

G_DEFINE_FINAL_TYPE (McActionBar, mc_action_bar, GTK_TYPE_WIDGET)

static void
mc_action_bar_dispose (GObject *object)
{
  McActionBar *self = MC_ACTION_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_ACTION_BAR);
  g_clear_pointer (&self->actions, g_array_unref);
  G_OBJECT_CLASS (mc_action_bar_parent_class)->dispose (object);
}

/* The actions are one Tab stop: Tab goes on to the rest of the detail, the arrow keys move
 * between the actions. */
static gboolean
mc_action_bar_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  if ((direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD) &&
      gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;
  return GTK_WIDGET_CLASS (mc_action_bar_parent_class)->focus (widget, direction);
}

static void
mc_action_bar_class_init (McActionBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_action_bar_dispose;
  widget_class->focus = mc_action_bar_focus;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-action-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, McActionBar, box);
  gtk_widget_class_bind_template_child (widget_class, McActionBar, review_box);
  gtk_widget_class_bind_template_child (widget_class, McActionBar, review_button);
  gtk_widget_class_bind_template_child (widget_class, McActionBar, buttons);
  gtk_widget_class_bind_template_child (widget_class, McActionBar, print_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mcactionbar");
}

static void
mc_action_bar_init (McActionBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
  self->actions = g_array_new (FALSE, FALSE, sizeof (McAction));
}

/* The forms the dossier may have now (mc_print_form_allowed()), to print, to preview and to
 * save as PDF: three items, each opening the list of the forms' titles, so the menu is as
 * narrow as the longest title and as short as six forms. Empty when no form applies. */
static GMenuModel *
print_menu (const McDossier *d)
{
  GMenu *menu = g_menu_new ();
  const struct { const char *label; const char *action; } kinds[] = {
    { N_("_Print"), "win.print-form" },
    { N_("Pre_view"), "win.preview-form" },
    { N_("Save as _PDF"), "win.save-form" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GMenu) forms = g_menu_new ();

      for (McPrintForm form = 0; form < MC_PRINT_N_FORMS; form++)
        {
          /* The form's title is Vietnamese (a legal document). */
          g_autoptr(GMenuItem) item = NULL;

          if (!mc_print_form_allowed (form, d, NULL))
            continue;
          item = g_menu_item_new (mc_print_form_title (form), NULL);
          g_menu_item_set_action_and_target (item, kinds[i].action, "(xs)", d->id, mc_print_form_id (form));
          g_menu_append_item (forms, item);
        }
      if (g_menu_model_get_n_items (G_MENU_MODEL (forms)) > 0)
        g_menu_append_submenu (menu, _(kinds[i].label), G_MENU_MODEL (forms));
    }
  return G_MENU_MODEL (menu);
}

/* Returns: the outbox id of the dossier's first action waiting for the official's review, 0
 * when none, -1 when the outbox cannot be read (no action is offered then either). */
static gint64
first_review (McStore *store,
              gint64   dossier_id)
{
  McOutboxFilter filter = { .dossier_id = dossier_id, .state = -1 };
  g_autoptr(GPtrArray) entries = mc_store_outbox_list (store, &filter, NULL);

  if (entries == NULL)
    return -1;
  for (guint i = 0; i < entries->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (entries, i);

      if (mc_outbox_state_needs_review (e->state))
        return e->id;
    }
  return 0;
}

/* Shows the actions @store allows on @dossier now (NULL: none). */
void
mc_action_bar_set_dossier (McActionBar     *self,
                           McStore         *store,
                           const McDossier *dossier)
{
  g_autoptr(GArray) allowed = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  gint64 review = 0;
  GtkWidget *child;

  g_return_if_fail (MC_IS_ACTION_BAR (self));


  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->buttons))) != NULL)
    gtk_flow_box_remove (self->buttons, child);
  g_array_set_size (self->actions, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->print_button), dossier != NULL);
  if (dossier == NULL)
    return;

  menu = print_menu (dossier);
  gtk_menu_button_set_menu_model (self->print_button, menu);
  /* A dossier not received yet (or only submitted online) has no form to print. */
  gtk_widget_set_visible (GTK_WIDGET (self->print_button), g_menu_model_get_n_items (menu) > 0);
  review = first_review (store, dossier->id);
  gtk_widget_set_visible (self->review_box, review > 0);
  if (review > 0)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self->review_button), "x", review);
  if (review != 0 || !(allowed = mc_store_actions_allowed (store, dossier->id, NULL)))
    return;
  for (guint i = 0; i < allowed->len; i++)
    {
      McAction action = g_array_index (allowed, McAction, i);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *label = gtk_label_new (mc_action_label (action));

      /* A long action name wraps rather than widening the detail pane. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_button_set_child (GTK_BUTTON (button), label);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.act");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xs)", dossier->id, mc_action_id (action));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      mc_action_label (action), -1);
      /* The first allowed action is the usual next step of the workflow. */
      if (i == 0)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_flow_box_append (self->buttons, button);
      g_array_append_val (self->actions, action);
    }
}

/* Returns: (transfer full): the ids (mc_action_id()) of the actions offered, in order. */
GStrv
mc_action_bar_list_actions (McActionBar *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (MC_IS_ACTION_BAR (self), NULL);
  for (guint i = 0; i < self->actions->len; i++)
    g_strv_builder_add (builder, mc_action_id (g_array_index (self->actions, McAction, i)));
  return g_strv_builder_end (builder);
}

/* Returns: (transfer full): the ids of the forms the Print menu offers, in its order (those
 * of its first submenu, "Print": Preview and Save as PDF list the same forms); none when the
 * Print button is hidden. */
GStrv
mc_action_bar_list_forms (McActionBar *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GMenuModel) forms = NULL;
  GMenuModel *menu;

  g_return_val_if_fail (MC_IS_ACTION_BAR (self), NULL);
  menu = gtk_menu_button_get_menu_model (self->print_button);
  if (menu != NULL && gtk_widget_get_visible (GTK_WIDGET (self->print_button)) && g_menu_model_get_n_items (menu) > 0)
    forms = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SUBMENU);
  for (int i = 0; forms != NULL && i < g_menu_model_get_n_items (forms); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (forms, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE ("(xs)"));
      const char *form;

      if (target == NULL)
        continue;
      g_variant_get (target, "(x&s)", NULL, &form);
      g_strv_builder_add (builder, form);
    }
  return g_strv_builder_end (builder);
}

/* Returns: (transfer none) (nullable): the button of @action, if offered. */
GtkWidget *
mc_action_bar_get_button (McActionBar *self,
                          McAction     action)
{
  g_return_val_if_fail (MC_IS_ACTION_BAR (self), NULL);
  for (guint i = 0; i < self->actions->len; i++)
    if (g_array_index (self->actions, McAction, i) == action)
      {
        GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (self->buttons, i);

        return child ? gtk_flow_box_child_get_child (child) : NULL;
      }
  return NULL;
}
