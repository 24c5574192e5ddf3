/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-format.h"
#include "mc-sidebar.h"
#include "mc-source.h"

/* The views of the work queue — all dossiers first, then grouped as a one-stop shop works
 * (reception, supplement, processing, monitoring, return) — each with its count, and below them
 * the ministry filter. Each group is a list under its heading, so that a screen reader reads
 * the heading first and names the list by it.
 *
 * The sidebar is one stop for Tab: only one row at a time can take the focus (the current
 * view's, or the last one the arrows reached), the arrow keys move between all the rows, and
 * Enter, Space or a click chooses a row. Moving the focus never changes the view. */

struct _McSidebar
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkWidget *content;

  GtkWidget *view_rows[MC_QUEUE_N_VIEWS];
  GtkLabel *view_counts[MC_QUEUE_N_VIEWS];
  GtkWidget *ministry_rows[MC_QUEUE_N_MINISTRIES + 1];   /* 0: all, i + 1: mc_queue_ministries[i] */
  GtkLabel *ministry_counts[MC_QUEUE_N_MINISTRIES + 1];
  GPtrArray *rows;         /* every row from top to bottom: the arrow keys' order */
  GtkWidget *focus_row;    /* the row Tab stops at */

  McQueueView view;
  char *ministry;
};

G_DEFINE_FINAL_TYPE (McSidebar, mc_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_MINISTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
make_row (const char  *title,
          GtkLabel   **out_count)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *count = gtk_label_new ("…");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  /* Room for "99.999" from the start: the sidebar keeps its width as counts arrive. */
  gtk_label_set_width_chars (GTK_LABEL (count), 6);
  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  *out_count = GTK_LABEL (count);
  return row;
}

/* The one row Tab stops at; @grab: and the focus goes there. */
static void
move_focus (McSidebar *self,
            GtkWidget *row,
            gboolean   grab)
{
  if (self->focus_row != row)
    {
      if (self->focus_row != NULL)
        gtk_widget_set_focusable (self->focus_row, FALSE);
      gtk_widget_set_focusable (row, TRUE);
      self->focus_row = row;
    }
  if (grab)
    gtk_widget_grab_focus (row);
}

/* Brings @row into sight (the current view after Ctrl+1…9, for instance). */
static void
scroll_to (McSidebar *self,
           GtkWidget *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  graphene_rect_t bounds;

  if (gtk_widget_compute_bounds (row, self->content, &bounds))
    gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
}

/* Shows @row as the chosen one of @rows (selected, to the eye and to a screen reader). */
static void
mark_chosen (GtkWidget **rows,
             guint       n_rows,
             GtkWidget  *row)
{
  for (guint i = 0; i < n_rows; i++)
    {
      if (rows[i] == row)
        gtk_widget_set_state_flags (rows[i], GTK_STATE_FLAG_SELECTED, FALSE);
      else
        gtk_widget_unset_state_flags (rows[i], GTK_STATE_FLAG_SELECTED);
      gtk_accessible_update_state (GTK_ACCESSIBLE (rows[i]), GTK_ACCESSIBLE_STATE_SELECTED, rows[i] == row, -1);
    }
}

static void
choose_view (McSidebar   *self,
             McQueueView  view)
{
  mark_chosen (self->view_rows, MC_QUEUE_N_VIEWS, self->view_rows[view]);
  if (view == self->view)
    return;
  self->view = view;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
choose_ministry (McSidebar *self,
                 guint      index)
{
  const char *ministry = index == 0 ? NULL : mc_queue_ministries[index - 1];

  mark_chosen (self->ministry_rows, MC_QUEUE_N_MINISTRIES + 1, self->ministry_rows[index]);
  if (g_strcmp0 (ministry, self->ministry) == 0)
    return;
  g_free (self->ministry);
  self->ministry = g_strdup (ministry);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINISTRY]);
}

/* Enter, Space or a click on a row: what it stands for is its place in view_rows or
 * ministry_rows. */
static void
on_row_activated (McSidebar     *self,
                  GtkListBoxRow *row)
{
  move_focus (self, GTK_WIDGET (row), TRUE);
  for (McQueueView v = 0; v < MC_QUEUE_N_VIEWS; v++)
    if (self->view_rows[v] == GTK_WIDGET (row))
      {
        choose_view (self, v);
        return;
      }
  for (guint i = 0; i <= MC_QUEUE_N_MINISTRIES; i++)
    if (self->ministry_rows[i] == GTK_WIDGET (row))
      {
        choose_ministry (self, i);
        return;
      }
}

/* The arrow keys (and Home, End, Page Up, Page Down) move the focus through every row. */
static gboolean
on_key_pressed (McSidebar       *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  guint index, last = self->rows->len - 1;
  int target;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 || focus == NULL ||
      !g_ptr_array_find (self->rows, focus, &index))
    return GDK_EVENT_PROPAGATE;
  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up: target = (int) index - 1; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: target = (int) index + 1; break;
    case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up: target = (int) index - 8; break;
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down: target = (int) index + 8; break;
    case GDK_KEY_Home: case GDK_KEY_KP_Home: target = 0; break;
    case GDK_KEY_End: case GDK_KEY_KP_End: target = last; break;
    default: return GDK_EVENT_PROPAGATE;
    }
  move_focus (self, g_ptr_array_index (self->rows, CLAMP (target, 0, (int) last)), TRUE);
  return GDK_EVENT_STOP;
}

/* A list of rows under an optional heading, which names it. */
static GtkListBox *
add_list (McSidebar  *self,
          const char *heading,
          const char *accessible_label)
{
  GtkWidget *list = gtk_list_box_new ();

  if (heading != NULL)
    {
      GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "label", heading, "xalign", 0.0f,
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);

      gtk_widget_add_css_class (label, "sidebar-heading");
      gtk_box_append (GTK_BOX (self->content), label);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->content), list);
  return GTK_LIST_BOX (list);
}

static void
add_view_row (McSidebar   *self,
              GtkListBox  *list,
              McQueueView  view)
{
  self->view_rows[view] = make_row (mc_queue_view_label (view), &self->view_counts[view]);
  gtk_list_box_append (list, self->view_rows[view]);
  g_ptr_array_add (self->rows, self->view_rows[view]);
}

static void
mc_sidebar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MC_TYPE_SIDEBAR);
  G_OBJECT_CLASS (mc_sidebar_parent_class)->dispose (object);
}

static void
mc_sidebar_finalize (GObject *object)
{
  McSidebar *self = MC_SIDEBAR (object);

  g_free (self->ministry);
  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (mc_sidebar_parent_class)->finalize (object);
}

static void
mc_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McSidebar *self = MC_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_int (value, self->view);
      break;
    case PROP_MINISTRY:
      g_value_set_string (value, self->ministry);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_sidebar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  McSidebar *self = MC_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      mc_sidebar_set_view (self, g_value_get_int (value));
      break;
    case PROP_MINISTRY:
      mc_sidebar_set_ministry (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
mc_sidebar_grab_focus (GtkWidget *widget)
{
  McSidebar *self = MC_SIDEBAR (widget);

  return self->focus_row != NULL && gtk_widget_grab_focus (self->focus_row);
}

static void
mc_sidebar_class_init (McSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_sidebar_dispose;
  object_class->finalize = mc_sidebar_finalize;
  object_class->get_property = mc_sidebar_get_property;
  object_class->set_property = mc_sidebar_set_property;

  properties[PROP_VIEW] =
    g_param_spec_int ("view", NULL, NULL, 0, MC_QUEUE_N_VIEWS - 1, MC_QUEUE_ALL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MINISTRY] =
    g_param_spec_string ("ministry", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, McSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, McSidebar, content);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mcsidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  widget_class->grab_focus = mc_sidebar_grab_focus;
}

static void
mc_sidebar_init (McSidebar *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkListBox *list;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();

  /* All dossiers first: the view the window opens on is in sight at any height. */
  list = add_list (self, NULL, _("Work queue views"));
  add_view_row (self, list, MC_QUEUE_ALL);
  for (McQueueGroup g = 0; g < MC_QUEUE_N_GROUPS; g++)
    {
      list = add_list (self, mc_queue_group_label (g), NULL);
      for (McQueueView v = 0; v < MC_QUEUE_N_VIEWS; v++)
        if (v != MC_QUEUE_ALL && mc_queue_view_group (v) == g)
          add_view_row (self, list, v);
    }

  list = add_list (self, _("Ministries"), NULL);
  for (guint i = 0; i <= MC_QUEUE_N_MINISTRIES; i++)
    {
      self->ministry_rows[i] = make_row (i == 0 ? _("All ministries") : mc_ministry_name (mc_queue_ministries[i - 1]),
                                         &self->ministry_counts[i]);
      gtk_list_box_append (list, self->ministry_rows[i]);
      g_ptr_array_add (self->rows, self->ministry_rows[i]);
    }

  self->view = MC_QUEUE_ALL;
  choose_view (self, self->view);
  choose_ministry (self, 0);
  move_focus (self, self->view_rows[self->view], FALSE);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
mc_sidebar_new (void)
{
  return g_object_new (MC_TYPE_SIDEBAR, NULL);
}

McQueueView
mc_sidebar_get_view (McSidebar *self)
{
  g_return_val_if_fail (MC_IS_SIDEBAR (self), MC_QUEUE_ALL);
  return self->view;
}

/* Chooses @view (Ctrl+1…9, a notification): its row is marked, in sight, and where Tab stops. */
void
mc_sidebar_set_view (McSidebar   *self,
                     McQueueView  view)
{
  g_return_if_fail (MC_IS_SIDEBAR (self));
  g_return_if_fail (view < MC_QUEUE_N_VIEWS);

  move_focus (self, self->view_rows[view], FALSE);
  scroll_to (self, self->view_rows[view]);
  choose_view (self, view);
}

const char *
mc_sidebar_get_ministry (McSidebar *self)
{
  g_return_val_if_fail (MC_IS_SIDEBAR (self), NULL);
  return self->ministry;
}

/* @ministry: a code of mc_queue_ministries, or NULL (or "") for all. */
void
mc_sidebar_set_ministry (McSidebar  *self,
                         const char *ministry)
{
  guint index = 0;

  g_return_if_fail (MC_IS_SIDEBAR (self));

  for (guint i = 0; ministry != NULL && i < MC_QUEUE_N_MINISTRIES; i++)
    if (g_str_equal (ministry, mc_queue_ministries[i]))
      index = i + 1;
  choose_ministry (self, index);
}

static void
set_count (GtkWidget  *row,
           GtkLabel   *label,
           const char *title,
           gint64      count)
{
  g_autofree char *text = mc_format_count (count);
  g_autofree char *accessible = NULL;

  gtk_label_set_text (label, text);
  /* TRANSLATORS: a sidebar row read by a screen reader: a view or ministry, then its count */
  accessible = g_strdup_printf (_("%s, %s dossiers"), title, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

void
mc_sidebar_update_counts (McSidebar      *self,
                          McQueueCounter *counter)
{
  g_return_if_fail (MC_IS_SIDEBAR (self));
  g_return_if_fail (MC_IS_QUEUE_COUNTER (counter));

  for (McQueueView v = 0; v < MC_QUEUE_N_VIEWS; v++)
    set_count (self->view_rows[v], self->view_counts[v], mc_queue_view_label (v),
               mc_queue_counter_get_view_count (counter, v));
  set_count (self->ministry_rows[0], self->ministry_counts[0], _("All ministries"),
             mc_queue_counter_get_ministry_count (counter, MC_QUEUE_N_MINISTRIES));
  for (guint i = 0; i < MC_QUEUE_N_MINISTRIES; i++)
    set_count (self->ministry_rows[i + 1], self->ministry_counts[i + 1],
               mc_ministry_name (mc_queue_ministries[i]),
               mc_queue_counter_get_ministry_count (counter, i));
}

/* What the sidebar shows as @view's count (for tests and the accessibility tree). */
const char *
mc_sidebar_get_view_count_text (McSidebar   *self,
                                McQueueView  view)
{
  g_return_val_if_fail (MC_IS_SIDEBAR (self), NULL);
  g_return_val_if_fail (view < MC_QUEUE_N_VIEWS, NULL);
  return gtk_label_get_text (self->view_counts[view]);
}

/* @index: 0 for all ministries, i + 1 for mc_queue_ministries[i]. */
const char *
mc_sidebar_get_ministry_count_text (McSidebar *self,
                                    int        index)
{
  g_return_val_if_fail (MC_IS_SIDEBAR (self), NULL);
  g_return_val_if_fail (index >= 0 && index <= MC_QUEUE_N_MINISTRIES, NULL);
  return gtk_label_get_text (self->ministry_counts[index]);
}
