/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-format.h"
#include "mc-sidebar.h"
#include "mc-source.h"

/* The views of the work queue, grouped as a one-stop shop works (reception, supplement,
 * processing, monitoring, return), each with its count, and below them the ministry filter.
 * The rows follow the enums' order, so a row's index is its view (or, in the ministry list,
 * 0 for all ministries and i + 1 for mc_queue_ministries[i]). */

struct _McSidebar
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkListBox *views_list;
  GtkListBox *ministries_list;

  GtkWidget *view_rows[MC_QUEUE_N_VIEWS];
  GtkLabel *view_counts[MC_QUEUE_N_VIEWS];
  GtkWidget *ministry_rows[MC_QUEUE_N_MINISTRIES + 1];
  GtkLabel *ministry_counts[MC_QUEUE_N_MINISTRIES + 1];

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
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  *out_count = GTK_LABEL (count);
  return row;
}

/* A group title above the first view of each group. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  McQueueView view = gtk_list_box_row_get_index (row);
  McQueueGroup group = mc_queue_view_group (view);
  GtkWidget *header;

  if (before != NULL && mc_queue_view_group (gtk_list_box_row_get_index (before)) == group)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  if (gtk_list_box_row_get_header (row) != NULL)
    return;
  header = gtk_label_new (mc_queue_group_label (group));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "sidebar-heading");
  gtk_list_box_row_set_header (row, header);
}

static void
on_view_selected (McSidebar     *self,
                  GtkListBoxRow *row)
{
  McQueueView view;

  if (row == NULL)
    return;
  view = gtk_list_box_row_get_index (row);
  if (view == self->view)
    return;
  self->view = view;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
on_ministry_selected (McSidebar     *self,
                      GtkListBoxRow *row)
{
  int index;
  const char *ministry;

  if (row == NULL)
    return;
  index = gtk_list_box_row_get_index (row);
  ministry = index == 0 ? NULL : mc_queue_ministries[index - 1];
  if (g_strcmp0 (ministry, self->ministry) == 0)
    return;
  g_free (self->ministry);
  self->ministry = g_strdup (ministry);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINISTRY]);
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
  gtk_widget_class_bind_template_child (widget_class, McSidebar, views_list);
  gtk_widget_class_bind_template_child (widget_class, McSidebar, ministries_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mcsidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mc_sidebar_init (McSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->view = MC_QUEUE_ALL;
  for (McQueueView v = 0; v < MC_QUEUE_N_VIEWS; v++)
    {
      self->view_rows[v] = make_row (mc_queue_view_label (v), &self->view_counts[v]);
      gtk_list_box_append (self->views_list, self->view_rows[v]);
    }
  gtk_list_box_set_header_func (self->views_list, update_header, NULL, NULL);

  self->ministry_rows[0] = make_row (_("All ministries"), &self->ministry_counts[0]);
  gtk_list_box_append (self->ministries_list, self->ministry_rows[0]);
  for (guint i = 0; i < MC_QUEUE_N_MINISTRIES; i++)
    {
      self->ministry_rows[i + 1] = make_row (mc_ministry_name (mc_queue_ministries[i]),
                                             &self->ministry_counts[i + 1]);
      gtk_list_box_append (self->ministries_list, self->ministry_rows[i + 1]);
    }

  gtk_list_box_select_row (self->views_list, GTK_LIST_BOX_ROW (self->view_rows[self->view]));
  gtk_list_box_select_row (self->ministries_list, GTK_LIST_BOX_ROW (self->ministry_rows[0]));
  g_signal_connect_object (self->views_list, "row-selected", G_CALLBACK (on_view_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ministries_list, "row-selected", G_CALLBACK (on_ministry_selected),
                           self, G_CONNECT_SWAPPED);
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

/* Selects @view's row; the "view" property follows through the row selection, so a click, the
 * keyboard and Ctrl+1…9 all take the same path. */
void
mc_sidebar_set_view (McSidebar   *self,
                     McQueueView  view)
{
  g_return_if_fail (MC_IS_SIDEBAR (self));
  g_return_if_fail (view < MC_QUEUE_N_VIEWS);

  gtk_list_box_select_row (self->views_list, GTK_LIST_BOX_ROW (self->view_rows[view]));
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
  gtk_list_box_select_row (self->ministries_list, GTK_LIST_BOX_ROW (self->ministry_rows[index]));
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
