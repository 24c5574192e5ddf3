/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "mc-format.h"
#include "mc-queue-cell.h"
#include "mc-queue-row.h"
#include "mc-queue-list.h"
#include "mc-source.h"
#include "mc-store-calendar.h"
#include "mc-store-settings.h"
#include "mc-time.h"

/* The queue as a GtkColumnView over McQueueModel. Cells are single-line labels of a fixed
 * height (variable heights scroll badly on GTK 4.8). A header click sorts, but in SQLite: the
 * column view's own sorter only records which column the official chose, and the model asks
 * the store for the new order. */

typedef enum
{
  COLUMN_NUMBER,
  COLUMN_PROCEDURE,
  COLUMN_APPLICANT,
  COLUMN_MINISTRY,
  COLUMN_STATUS,
  COLUMN_RECEIVED,
  COLUMN_DUE,
  COLUMN_LEFT,
  COLUMN_SYNC,
  N_COLUMNS
} Column;

/* Which McQueueSort a column sorts by; -1: not sortable. */
static const int column_sorts[N_COLUMNS] = {
  [COLUMN_NUMBER] = MC_QUEUE_SORT_NUMBER,
  [COLUMN_PROCEDURE] = MC_QUEUE_SORT_PROCEDURE,
  [COLUMN_APPLICANT] = MC_QUEUE_SORT_APPLICANT,
  [COLUMN_MINISTRY] = MC_QUEUE_SORT_MINISTRY,
  [COLUMN_STATUS] = MC_QUEUE_SORT_STATUS,
  [COLUMN_RECEIVED] = MC_QUEUE_SORT_RECEIVED,
  [COLUMN_DUE] = MC_QUEUE_SORT_DUE,
  [COLUMN_LEFT] = MC_QUEUE_SORT_DUE,
  [COLUMN_SYNC] = -1,
};

struct _McQueueList
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkScrolledWindow *scroller;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;
  GtkColumnViewColumn *columns[N_COLUMNS];

  McQueueModel *model;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (McQueueList, mc_queue_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Finding the primary sort column of a GtkColumnViewSorter needs GTK 4.10. On 4.8 each
 * column's sorter is a custom sorter that, given two probes, writes its column into the first
 * one: the column view sorter asks its columns in priority order and stops at the first that
 * answers, so the probe learns the primary column, and the sign of the answer its direction. */
typedef struct
{
  int column;
} SortProbe;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ((SortProbe *) a)->column = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

static void
on_sorter_changed (McQueueList *self)
{
  SortProbe probe = { -1 }, other = { -1 };
  GtkOrdering order;
  g_autoptr(GError) error = NULL;

  if (self->model == NULL || self->column_view == NULL)
    return;
  order = gtk_sorter_compare (gtk_column_view_get_sorter (self->column_view), &probe, &other);
  if (probe.column < 0 || column_sorts[probe.column] < 0)
    return;
  if (!mc_queue_model_set_sort (self->model, column_sorts[probe.column],
                                order == GTK_ORDERING_LARGER, &error))
    g_warning ("Sorting the queue failed: %s", error->message);
}

static GQuark column_quark;
static GQuark list_quark;

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            McQueueList              *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (factory), column_quark));
  GtkWidget *child;

  if (column == COLUMN_SYNC)
    {
      child = gtk_image_new_from_icon_name ("emblem-synchronizing-symbolic");
      gtk_widget_set_halign (child, GTK_ALIGN_START);
    }
  else
    {
      child = mc_queue_cell_new ();
      if (column == COLUMN_RECEIVED || column == COLUMN_DUE || column == COLUMN_NUMBER)
        gtk_widget_add_css_class (child, "numeric");
    }
  gtk_list_item_set_child (item, child);
}

static void
fill_cell (GtkListItem *item,
           Column       column,
           McStore     *store)
{
  McQueueRow *row = gtk_list_item_get_item (item);
  const McQueueEntry *e = mc_queue_row_get_entry (row);
  GtkWidget *child = gtk_list_item_get_child (item);
  McQueueCell *cell = MC_IS_QUEUE_CELL (child) ? MC_QUEUE_CELL (child) : NULL;
  g_autofree char *text = NULL;
  McDeadlineSettings settings;
  McUrgency urgency;

  switch (column)
    {
    case COLUMN_NUMBER:
      mc_queue_cell_set_text (cell, e->number);
      return;
    case COLUMN_PROCEDURE:
      text = g_strdup_printf ("%s · %s", e->procedure_code ? e->procedure_code : "",
                              e->procedure_name ? e->procedure_name : "");
      mc_queue_cell_set_text (cell, text);
      return;
    case COLUMN_APPLICANT:
      mc_queue_cell_set_text (cell, e->applicant_name);
      return;
    case COLUMN_MINISTRY:
      mc_queue_cell_set_text (cell, e->ministry ? mc_ministry_name (e->ministry) : NULL);
      return;
    case COLUMN_STATUS:
      mc_queue_cell_set_text (cell, mc_status_is_valid (e->status) ? mc_status_label (e->status) : NULL);
      return;
    case COLUMN_RECEIVED:
      text = mc_format_time (e->received_at);
      mc_queue_cell_set_text (cell, text);
      return;
    case COLUMN_DUE:
      text = mc_format_time (e->due_at);
      mc_queue_cell_set_text (cell, text);
      return;
    case COLUMN_LEFT:
      {
        /* The office's own hours and calendar, as the Preferences window set them. */
        g_autoptr(McCalendar) calendar = store ? mc_store_get_calendar (store) : NULL;

        if (store != NULL)
          mc_store_get_deadline_settings (store, &settings);
        else
          mc_deadline_settings_init (&settings);
        text = mc_format_time_left_for (&settings, calendar, e->status, e->due_at, mc_time_now (), &urgency);
        mc_queue_cell_set_text (cell, text);
        mc_queue_cell_set_style (cell, mc_format_urgency_class (urgency));
      }
      return;
    case COLUMN_SYNC:
      gtk_widget_set_visible (child, e->n_unsynced > 0);
      if (e->n_unsynced > 0)
        {
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action not yet synced",
                                               "%u actions not yet synced", e->n_unsynced),
                                  e->n_unsynced);
          gtk_widget_set_tooltip_text (child, text);
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
        }
      return;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static McStore *
store_of (McQueueList *self)
{
  return self->model ? mc_queue_model_get_store (self->model) : NULL;
}

static void
on_row_changed (GtkListItem *item)
{
  McQueueList *self = g_object_get_qdata (G_OBJECT (item), list_quark);

  fill_cell (item, GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (item), column_quark)), store_of (self));
}

/* A row object stays bound while the list changes under it (see announce() in the model): the
 * cell follows its "changed" signal until it is unbound. */
static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           McQueueList              *self)
{
  gpointer column = g_object_get_qdata (G_OBJECT (factory), column_quark);

  g_object_set_qdata (G_OBJECT (item), column_quark, column);
  g_object_set_qdata (G_OBJECT (item), list_quark, self);
  g_signal_connect_object (gtk_list_item_get_item (item), "changed", G_CALLBACK (on_row_changed),
                           item, G_CONNECT_SWAPPED);
  fill_cell (item, GPOINTER_TO_INT (column), store_of (self));
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             McQueueList              *self)
{
  GObject *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_row_changed, item);
}

static void
update_empty_state (McQueueList *self)
{
  const char *search;
  g_autofree char *description = NULL;

  if (self->model == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }
  search = mc_queue_model_get_search (self->model);
  if (search != NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Dossiers"));
      description = g_strdup_printf (_("No dossier in this view matches “%s”. Check the spelling, "
                                       "or look in “All dossiers”. Diacritics are optional."), search);
      adw_status_page_set_description (self->empty_page, description);
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "folder-documents-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Dossiers Here"));
      adw_status_page_set_description (self->empty_page,
                                       _("This view is empty. Pick another view in the sidebar; new "
                                         "dossiers arrive here when the ministry systems sync."));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
on_activate (McQueueList *self,
             guint        position)
{
  g_signal_emit (self, signals[ACTIVATE], 0, position);
}

static void
mc_queue_list_dispose (GObject *object)
{
  McQueueList *self = MC_QUEUE_LIST (object);

  /* Disposing the columns changes the sorter: nothing to sort any more. */
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_QUEUE_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (mc_queue_list_parent_class)->dispose (object);
}

static void
mc_queue_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  McQueueList *self = MC_QUEUE_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_queue_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  McQueueList *self = MC_QUEUE_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      mc_queue_list_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
mc_queue_list_grab_focus (GtkWidget *widget)
{
  McQueueList *self = MC_QUEUE_LIST (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
mc_queue_list_class_init (McQueueListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_queue_list_dispose;
  object_class->get_property = mc_queue_list_get_property;
  object_class->set_property = mc_queue_list_set_property;
  widget_class->grab_focus = mc_queue_list_grab_focus;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MC_TYPE_QUEUE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Enter or a double click on a row: open that dossier. */
  signals[ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-queue-list.ui");
  gtk_widget_class_bind_template_child (widget_class, McQueueList, stack);
  gtk_widget_class_bind_template_child (widget_class, McQueueList, scroller);
  gtk_widget_class_bind_template_child (widget_class, McQueueList, column_view);
  gtk_widget_class_bind_template_child (widget_class, McQueueList, empty_page);
  gtk_widget_class_bind_template_child_full (widget_class, "number_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_NUMBER]));
  gtk_widget_class_bind_template_child_full (widget_class, "procedure_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_PROCEDURE]));
  gtk_widget_class_bind_template_child_full (widget_class, "applicant_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_APPLICANT]));
  gtk_widget_class_bind_template_child_full (widget_class, "ministry_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_MINISTRY]));
  gtk_widget_class_bind_template_child_full (widget_class, "status_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_STATUS]));
  gtk_widget_class_bind_template_child_full (widget_class, "received_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_RECEIVED]));
  gtk_widget_class_bind_template_child_full (widget_class, "due_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_DUE]));
  gtk_widget_class_bind_template_child_full (widget_class, "left_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_LEFT]));
  gtk_widget_class_bind_template_child_full (widget_class, "sync_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_SYNC]));
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mcqueuelist");

  column_quark = g_quark_from_static_string ("mc-queue-column");
  list_quark = g_quark_from_static_string ("mc-queue-list");
}

static void
mc_queue_list_init (McQueueList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (Column c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_object_set_qdata (G_OBJECT (factory), column_quark, GINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);
      gtk_column_view_column_set_factory (self->columns[c], factory);
      if (column_sorts[c] >= 0)
        {
          g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (c), NULL));

          gtk_column_view_column_set_sorter (self->columns[c], sorter);
        }
    }
  /* The store's default order, shown in the header before the first click. */
  gtk_column_view_sort_by_column (self->column_view, self->columns[COLUMN_RECEIVED], GTK_SORT_DESCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_activate),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
mc_queue_list_new (void)
{
  return g_object_new (MC_TYPE_QUEUE_LIST, NULL);
}

void
mc_queue_list_set_model (McQueueList  *self,
                         McQueueModel *model)
{
  g_return_if_fail (MC_IS_QUEUE_LIST (self));
  g_return_if_fail (model == NULL || MC_IS_QUEUE_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, update_empty_state, self);
  g_set_object (&self->model, model);
  g_clear_object (&self->selection);
  if (model != NULL)
    {
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (model)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      g_signal_connect_object (model, "updated", G_CALLBACK (update_empty_state),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GtkSingleSelection *
mc_queue_list_get_selection (McQueueList *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_LIST (self), NULL);
  return self->selection;
}

GtkColumnView *
mc_queue_list_get_column_view (McQueueList *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_LIST (self), NULL);
  return self->column_view;
}

GtkAdjustment *
mc_queue_list_get_vadjustment (McQueueList *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_LIST (self), NULL);
  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

/* The header a click on which sorts by @sort (the first such column). */
GtkColumnViewColumn *
mc_queue_list_get_sort_column (McQueueList *self,
                               McQueueSort  sort)
{
  g_return_val_if_fail (MC_IS_QUEUE_LIST (self), NULL);

  for (Column c = 0; c < N_COLUMNS; c++)
    if (column_sorts[c] == (int) sort)
      return self->columns[c];
  return NULL;
}

/* The GtkListView inside the column view, which owns the "list.*" actions. */
static GtkWidget *
inner_list (McQueueList *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* Selects the row at @position, scrolls to it and puts the keyboard focus on it, as if the
 * official had moved there with the arrow keys. */
void
mc_queue_list_select (McQueueList *self,
                      guint        position)
{
  GtkWidget *list;

  g_return_if_fail (MC_IS_QUEUE_LIST (self));

  if (self->selection == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;
  list = inner_list (self);
  if (list != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}
