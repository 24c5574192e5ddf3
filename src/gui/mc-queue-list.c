/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "mc-format.h"
#include "mc-queue-cell.h"
#include "mc-queue-row.h"
#include "mc-queue-list.h"
#include "mc-source.h"
#include "mc-time.h"

/* The queue as a GtkColumnView over McQueueModel. Every row has two lines and the same height
 * (variable heights scroll badly on GTK 4.8): the dossier's number over its applicant, the
 * procedure over the status, the day received over the time, the time left (or how long it has
 * waited) over the due date. That fits a 1366-pixel screen beside the detail; a wider list also
 * shows the ministry, and gives the applicant's name room. Columns have fixed widths, measured
 * in the list's font from the widest text each must show whole (a status, a time left), so
 * nothing an official reads is cut and no width moves while scrolling. A header click sorts, but in SQLite: the column view's own
 * sorter only records which column the official chose, and the model asks the store for the
 * new order; each view opens in its own order (mc_queue_view_default_sort()). */

typedef enum
{
  COLUMN_NUMBER,
  COLUMN_PROCEDURE,
  COLUMN_MINISTRY,
  COLUMN_RECEIVED,
  COLUMN_LEFT,
  COLUMN_SYNC,
  N_COLUMNS
} Column;

/* Which McQueueSort a column sorts by; -1: not sortable. */
static const int column_sorts[N_COLUMNS] = {
  [COLUMN_NUMBER] = MC_QUEUE_SORT_NUMBER,
  [COLUMN_PROCEDURE] = MC_QUEUE_SORT_PROCEDURE,
  [COLUMN_MINISTRY] = MC_QUEUE_SORT_MINISTRY,
  [COLUMN_RECEIVED] = MC_QUEUE_SORT_RECEIVED,
  [COLUMN_LEFT] = MC_QUEUE_SORT_DUE,
  [COLUMN_SYNC] = -1,
};

/* The columns' names for the tests (mc_queue_list_get_cell_column()). */
static const char *const column_ids[N_COLUMNS] = {
  [COLUMN_NUMBER] = "number",
  [COLUMN_PROCEDURE] = "procedure",
  [COLUMN_MINISTRY] = "ministry",
  [COLUMN_RECEIVED] = "received",
  [COLUMN_LEFT] = "left",
  [COLUMN_SYNC] = "sync",
};

/* The cells' padding (style.css, and a pixel either side for the row's rounding) and what a
 * header adds to its title: padding and the sort arrow. */
#define CELL_PADDING 14
#define TITLE_EXTRA 34
/* The procedure's room below which the ministry column gives way. */
#define PROCEDURE_ROOM 420
/* The applicant's room under the number, where the list has it, in characters: an
 * organization's name ("Nhóm sinh hoạt tôn giáo tập trung ấp Hiệp Tâm") is long. */
#define APPLICANT_CHARS 48

/* What a column's factory is given: the list, and which of its columns it makes cells for. */
typedef struct
{
  McQueueList *list;
  Column column;
} ColumnSlot;

struct _McQueueList
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkScrolledWindow *scroller;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;
  GtkWidget *connect_button;
  GtkColumnViewColumn *columns[N_COLUMNS];
  ColumnSlot slots[N_COLUMNS];   /* what each column's factory is given */

  McQueueModel *model;
  GtkSliceListModel *slice;   /* the model's first screen until the first frame is painted */
  GtkSingleSelection *selection;

  int widths[N_COLUMNS];   /* for the procedure, its least width; for the number, the number's */
  int applicant_width;     /* what the number's column takes for a long applicant */
  char *widths_font;       /* the font they were measured in */
  guint fit_idle;          /* fits the columns to the list's width, see size_allocate() */
  guint widen_idle;        /* see show_whole_model() */
  gboolean painted;        /* the first frame with the list is on screen */
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

/* A screen reader announces a row by its name: the row widget belongs to GTK, which on 4.8
 * names it after its type, so the time-left cell (which has the time left at hand) names it
 * whenever it shows another dossier. */
static void
name_row (GtkWidget          *cell,
          const McQueueEntry *e,
          const char         *deadline)
{
  GtkWidget *row = gtk_widget_get_parent (cell);
  g_autoptr(GString) name = g_string_new (NULL);

  if (row != NULL)
    row = gtk_widget_get_parent (row);
  if (row == NULL)
    return;
  g_string_append (name, e->number ? e->number : "");
  if (e->applicant_name != NULL)
    g_string_append_printf (name, ", %s", e->applicant_name);
  if (e->procedure_name != NULL)
    g_string_append_printf (name, ", %s", e->procedure_name);
  if (mc_status_is_valid (e->status))
    g_string_append_printf (name, ", %s", mc_status_label (e->status));
  /* A dash (a closed dossier has no time left) is nothing to hear. */
  if (!g_str_equal (deadline, "—"))
    g_string_append_printf (name, ", %s", deadline);
  if (e->n_unsynced > 0)
    {
      g_string_append (name, ", ");
      g_string_append_printf (name, g_dngettext (GETTEXT_PACKAGE, "%u action not yet synced",
                                                 "%u actions not yet synced", e->n_unsynced),
                              e->n_unsynced);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str, -1);
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
  g_autofree char *text = NULL, *secondary = NULL;
  McUrgency urgency;

  switch (column)
    {
    case COLUMN_NUMBER:
      mc_queue_cell_set_lines (cell, e->number, e->applicant_name);
      return;
    case COLUMN_PROCEDURE:
      mc_queue_cell_set_lines (cell, e->procedure_name,
                               mc_status_is_valid (e->status) ? mc_status_label (e->status) : NULL);
      return;
    case COLUMN_MINISTRY:
      mc_queue_cell_set_lines (cell, e->ministry ? mc_ministry_name (e->ministry) : NULL, NULL);
      return;
    case COLUMN_RECEIVED:
      text = mc_format_date (e->received_at);
      secondary = mc_format_clock (e->received_at);
      mc_queue_cell_set_lines (cell, text, secondary);
      return;
    case COLUMN_LEFT:
      /* The time left, or for a dossier still waiting to be received how long it has waited
       * (e->received_at is its submission time then). */
      text = mc_format_deadline (store, e->status, e->received_at, e->due_at, mc_time_now (), &urgency);
      /* A dossier waiting to be received has no due date yet. */
      secondary = e->due_at && e->status != MC_STATUS_SUBMITTED ? mc_format_time (e->due_at) : NULL;
      mc_queue_cell_set_lines (cell, text, secondary);
      mc_queue_cell_set_style (cell, mc_format_urgency_class (urgency));
      name_row (child, e, text);
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

/* A cell of a column, from its setup to the end of its list item, and the row it follows.
 * GTK 4.8's GtkListItem holds nothing of ours and "bind" and "unbind" get only the item, so
 * the cell lives with the handler of its item's "notify::item". */
typedef struct
{
  GtkListItem *item;
  const ColumnSlot *slot;
  McQueueRow *row;          /* whose "changed" the cell follows */
  gulong changed_id;
} Cell;

static void
on_row_changed (Cell *cell)
{
  /* Only while the item shows the row still: a list item torn down may not say so. */
  if (gtk_list_item_get_item (cell->item) == (gpointer) cell->row)
    fill_cell (cell->item, cell->slot->column, store_of (cell->slot->list));
}

static void
leave_row (Cell *cell)
{
  if (cell->row == NULL)
    return;
  g_clear_signal_handler (&cell->changed_id, cell->row);
  g_clear_object (&cell->row);
}

/* A row object stays bound while the list changes under it (see announce() in the model): the
 * cell follows its "changed" signal until another row, or none, is bound. */
static void
follow_row (Cell *cell)
{
  McQueueRow *row = gtk_list_item_get_item (cell->item);

  if (row == cell->row)
    return;
  leave_row (cell);
  if (row != NULL)
    {
      cell->row = g_object_ref (row);
      cell->changed_id = g_signal_connect_swapped (row, "changed", G_CALLBACK (on_row_changed), cell);
    }
}

static void
cell_free (gpointer  data,
           GClosure *closure)
{
  Cell *cell = data;

  leave_row (cell);
  g_free (cell);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            const ColumnSlot         *slot)
{
  GtkWidget *child;
  Cell *cell;

  if (slot->column == COLUMN_SYNC)
    {
      child = gtk_image_new_from_icon_name ("emblem-synchronizing-symbolic");
      gtk_widget_set_halign (child, GTK_ALIGN_START);
    }
  else
    {
      child = mc_queue_cell_new ();
      if (slot->column != COLUMN_PROCEDURE && slot->column != COLUMN_MINISTRY)
        gtk_widget_add_css_class (child, "numeric");
    }
  /* The widget's name is its column's, for the tests (mc_queue_list_get_cell_column()) and
   * the inspector. */
  gtk_widget_set_name (child, column_ids[slot->column]);
  gtk_list_item_set_child (item, child);

  cell = g_new0 (Cell, 1);
  cell->item = item;
  cell->slot = slot;
  g_signal_connect_data (item, "notify::item", G_CALLBACK (follow_row), cell, cell_free, G_CONNECT_SWAPPED);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           const ColumnSlot         *slot)
{
  fill_cell (item, slot->column, store_of (slot->list));
}

/* GTK 4.8's list view makes, binds, styles and measures about 200 rows (a fixed number,
 * GTK_LIST_VIEW_MAX_LIST_ITEMS) whatever its height, the largest part of the window's first
 * frame at start-up. Until that frame is painted the list sees only as many rows as the
 * tallest screen can show (each row is at least a cell high); the whole model follows right
 * after, or as soon as anything else needs it (a new list, a selection). */
static guint
first_screen_rows (McQueueList *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  int height = 0, row = mc_queue_cell_height_for (GTK_WIDGET (self->column_view));

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      height = MAX (height, geometry.height);
    }
  if (height <= 0 || row <= 0)
    return G_MAXUINT;
  return height / row + 1;
}

static void
show_whole_model (McQueueList *self)
{
  self->painted = TRUE;
  g_clear_handle_id (&self->widen_idle, g_source_remove);
  if (self->slice != NULL)
    gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}

static gboolean
widen_idle_cb (gpointer data)
{
  McQueueList *self = data;

  self->widen_idle = 0;
  show_whole_model (self);
  return G_SOURCE_REMOVE;
}

/* After the first frame: the rest of the rows in an idle callback, once the frame is shown. */
static void
on_after_paint (GdkFrameClock *clock,
                McQueueList   *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  if (!self->painted && self->widen_idle == 0)
    self->widen_idle = g_idle_add (widen_idle_cb, self);
}

static void
mc_queue_list_map (GtkWidget *widget)
{
  McQueueList *self = MC_QUEUE_LIST (widget);

  GTK_WIDGET_CLASS (mc_queue_list_parent_class)->map (widget);
  if (!self->painted)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (on_after_paint), self, 0);
}

/* Whether the profile has a ministry system to bring dossiers in. */
static gboolean
has_sources (McQueueList *self)
{
  g_autoptr(GPtrArray) sources = store_of (self) ? mc_store_list_sources (store_of (self), NULL) : NULL;

  return sources == NULL || sources->len > 0;
}

static void
update_empty_state (McQueueList *self)
{
  const char *search;
  g_autofree char *description = NULL;
  gboolean no_source = FALSE;

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
  else if ((no_source = !has_sources (self)))
    {
      /* Nothing can arrive: what to do first, and the button that does it. */
      adw_status_page_set_icon_name (self->empty_page, "network-offline-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Ministry System Connected"));
      adw_status_page_set_description (self->empty_page,
                                       _("Dossiers come here from the ministry systems you work in. Connect "
                                         "them with the button below, or later in the main menu: Preferences, "
                                         "Ministry Systems."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "folder-documents-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Dossiers Here"));
      adw_status_page_set_description (self->empty_page,
                                       _("This view is empty. Pick another view in the sidebar; new "
                                         "dossiers arrive here when the ministry systems sync."));
    }
  gtk_widget_set_visible (self->connect_button, no_source);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
on_activate (McQueueList *self,
             guint        position)
{
  g_signal_emit (self, signals[ACTIVATE], 0, position);
}

/* Widths */

typedef enum
{
  TEXT_LINE = 0,             /* a cell's first line */
  TEXT_SECONDARY = 1 << 0,   /* its second line, smaller */
  TEXT_BOLD = 1 << 1,        /* a column's title; an overdue cell (style.css's .overdue) */
} TextKind;

static int
text_width (McQueueList *self,
            const char  *text,
            TextKind     kind)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->column_view), text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int width;

  /* Digits as the "numeric" cells draw them, all of one width. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (kind & TEXT_BOLD)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (kind & TEXT_SECONDARY)
    pango_attr_list_insert (attrs, pango_attr_scale_new (MC_QUEUE_CELL_SECONDARY_SCALE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* The width of a column: its title, and the widest of its first lines @lines and of its
 * second lines @secondary drawn in @weight (TEXT_LINE or TEXT_BOLD), each with its padding. */
static int
column_width (McQueueList        *self,
              Column              column,
              const char * const *lines,
              const char * const *secondary,
              TextKind            weight)
{
  int width = text_width (self, gtk_column_view_column_get_title (self->columns[column]), TEXT_BOLD) +
              (column_sorts[column] >= 0 ? TITLE_EXTRA : CELL_PADDING);

  for (; lines && *lines; lines++)
    width = MAX (width, text_width (self, *lines, weight) + CELL_PADDING);
  for (; secondary && *secondary; secondary++)
    width = MAX (width, text_width (self, *secondary, weight | TEXT_SECONDARY) + CELL_PADDING);
  return width;
}

static void
measure_widths (McQueueList *self)
{
  McDeadlineSettings settings;
  PangoFontMetrics *metrics;
  gint64 day, long_time;
  g_autofree char *left = NULL, *overdue = NULL, *waited = NULL;
  const char *statuses[MC_STATUS_RETURNED + 1] = { NULL };
  const char *ministries[MC_QUEUE_N_MINISTRIES + 1] = { NULL };
  /* Dossier numbers as the ministry systems make them. */
  const char *numbers[] = { "G00.00-00000000-0000000", NULL };
  const char *dates[] = { "00/00/0000", NULL };
  const char *clocks[] = { "00:00", NULL };
  g_autofree char *due = mc_format_time (86400);
  const char *dues[] = { due, NULL };

  for (McStatus status = MC_STATUS_SUBMITTED; status <= MC_STATUS_RETURNED; status++)
    statuses[status - 1] = mc_status_label (status);
  for (guint i = 0; i < MC_QUEUE_N_MINISTRIES; i++)
    ministries[i] = mc_ministry_name (mc_queue_ministries[i]);
  /* The longest time left: three-digit days and hours, or overdue by three-digit days
   * (mc_format_time_left_for() says whole days then); and the longest wait. */
  mc_deadline_settings_init (&settings);
  day = mc_deadline_day_seconds (&settings);
  long_time = 999 * day + (day / 3600 - 1) * 3600;
  left = mc_deadline_format_remaining (&settings, long_time);
  overdue = mc_deadline_format_remaining (&settings, -999 * day);
  waited = mc_format_waited (0, 999 * 86400 + 23 * 3600);

  self->widths[COLUMN_NUMBER] = column_width (self, COLUMN_NUMBER, numbers, NULL, TEXT_LINE);
  self->widths[COLUMN_PROCEDURE] = column_width (self, COLUMN_PROCEDURE, NULL, statuses, TEXT_LINE);
  self->widths[COLUMN_MINISTRY] = column_width (self, COLUMN_MINISTRY, ministries, NULL, TEXT_LINE);
  self->widths[COLUMN_RECEIVED] = column_width (self, COLUMN_RECEIVED, dates, clocks, TEXT_LINE);
  /* An overdue dossier's time left and due date are bold, the widest of all. */
  self->widths[COLUMN_LEFT] = MAX (column_width (self, COLUMN_LEFT, (const char *[]) { left, waited, NULL }, dues, TEXT_LINE),
                                   column_width (self, COLUMN_LEFT, (const char *[]) { overdue, NULL }, dues, TEXT_BOLD));
  /* The icon of the actions not yet synced. */
  self->widths[COLUMN_SYNC] = 16 + CELL_PADDING;
  metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self->column_view)), NULL, NULL);
  self->applicant_width = APPLICANT_CHARS * MC_QUEUE_CELL_SECONDARY_SCALE *
                          pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE + CELL_PADDING;
  pango_font_metrics_unref (metrics);
  for (Column c = 0; c < N_COLUMNS; c++)
    gtk_column_view_column_set_fixed_width (self->columns[c], self->widths[c]);
}

/* Measures the columns again when the font changed (the first time, a new font size). */
static void
update_widths (McQueueList *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->column_view));
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));

  if (g_strcmp0 (font, self->widths_font) == 0)
    return;
  g_free (self->widths_font);
  self->widths_font = g_steal_pointer (&font);
  measure_widths (self);
}

static void
mc_queue_list_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (MC_QUEUE_LIST (widget)->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* What the columns need with the procedure at its room, with the ministry's or without. */
static int
needed_width (McQueueList *self,
              gboolean     ministry)
{
  int needed = 0;

  for (Column c = 0; c < N_COLUMNS; c++)
    if (c != COLUMN_MINISTRY || ministry)
      needed += c == COLUMN_PROCEDURE ? MAX (self->widths[c], PROCEDURE_ROOM) : self->widths[c];
  return needed;
}

static gboolean
ministry_fits (McQueueList *self,
               int          width)
{
  return width >= needed_width (self, TRUE);
}

/* The number's column: the number, and what is left once the procedure has its room, up to
 * a long applicant's room (the procedure takes the rest). */
static int
number_width (McQueueList *self,
              int          width,
              gboolean     ministry)
{
  return self->widths[COLUMN_NUMBER] + CLAMP (width - needed_width (self, ministry), 0,
                                              MAX (self->applicant_width - self->widths[COLUMN_NUMBER], 0));
}

static gboolean
columns_fit (McQueueList *self,
             int          width)
{
  gboolean ministry = ministry_fits (self, width);

  return ministry == gtk_column_view_column_get_visible (self->columns[COLUMN_MINISTRY]) &&
         number_width (self, width, ministry) == gtk_column_view_column_get_fixed_width (self->columns[COLUMN_NUMBER]);
}

static gboolean
fit_columns (gpointer data)
{
  McQueueList *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  gboolean ministry = ministry_fits (self, width);

  self->fit_idle = 0;
  gtk_column_view_column_set_visible (self->columns[COLUMN_MINISTRY], ministry);
  gtk_column_view_column_set_fixed_width (self->columns[COLUMN_NUMBER], number_width (self, width, ministry));
  return G_SOURCE_REMOVE;
}

/* The ministry column shows only where the procedure keeps its room, and a wider list gives
 * the applicant under the number more room. Showing or hiding a column or changing its width
 * queues a resize up to the window, which must not happen while the window is being laid out
 * (GTK then paints containers whose new size is pending, and warns): the allocation only
 * notices that the columns should change, and an idle callback changes them, after this
 * frame, from the width the list has then. The scroller does not pass the column view's width
 * up (its horizontal policy is automatic), so the columns never change the window's least
 * width; the frame in between only scrolls sideways a little. test-layout checks both. */
static void
mc_queue_list_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  McQueueList *self = MC_QUEUE_LIST (widget);

  update_widths (self);
  /* Before the next frame: at the default idle priority a busy frame clock (an animation on
   * a loaded machine) could hold it back for as long as it runs. */
  if (!columns_fit (self, width) && self->fit_idle == 0)
    self->fit_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, fit_columns, self, NULL);
  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
}

/* The header shows the model's order, chosen by a click or by the view. */
static void
show_sort (McQueueList *self)
{
  McQueueSort sort;
  gboolean descending;
  GtkColumnViewColumn *column;

  mc_queue_model_get_sort (self->model, &sort, &descending);
  column = mc_queue_list_get_sort_column (self, sort);
  /* The column view would keep the previous column as a second key, with its arrow. */
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  if (column != NULL)
    gtk_column_view_sort_by_column (self->column_view, column, descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

static void
mc_queue_list_dispose (GObject *object)
{
  McQueueList *self = MC_QUEUE_LIST (object);

  /* Disposing the columns changes the sorter: nothing to sort any more. */
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_QUEUE_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->model);
  g_clear_pointer (&self->widths_font, g_free);
  g_clear_handle_id (&self->fit_idle, g_source_remove);
  g_clear_handle_id (&self->widen_idle, g_source_remove);
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

/* One Tab stop: Tab goes from any row to the next region (the arrow keys move between rows),
 * and coming back it lands on the row it left. GTK 4.8's list views walk their rows with Tab,
 * a trap at two thousand of them. */
static gboolean
mc_queue_list_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  if ((direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD) &&
      gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;
  return GTK_WIDGET_CLASS (mc_queue_list_parent_class)->focus (widget, direction);
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
  widget_class->focus = mc_queue_list_focus;
  widget_class->measure = mc_queue_list_measure;
  widget_class->size_allocate = mc_queue_list_size_allocate;
  widget_class->map = mc_queue_list_map;

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
  gtk_widget_class_bind_template_child (widget_class, McQueueList, connect_button);
  gtk_widget_class_bind_template_child_full (widget_class, "number_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_NUMBER]));
  gtk_widget_class_bind_template_child_full (widget_class, "procedure_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_PROCEDURE]));
  gtk_widget_class_bind_template_child_full (widget_class, "ministry_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_MINISTRY]));
  gtk_widget_class_bind_template_child_full (widget_class, "received_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_RECEIVED]));
  gtk_widget_class_bind_template_child_full (widget_class, "left_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_LEFT]));
  gtk_widget_class_bind_template_child_full (widget_class, "sync_column", FALSE,
                                             G_STRUCT_OFFSET (McQueueList, columns[COLUMN_SYNC]));
  gtk_widget_class_set_css_name (widget_class, "mcqueuelist");
}

static void
mc_queue_list_init (McQueueList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (Column c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      self->slots[c] = (ColumnSlot) { self, c };
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), &self->slots[c]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), &self->slots[c]);
      gtk_column_view_column_set_factory (self->columns[c], factory);
      if (column_sorts[c] >= 0)
        {
          g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (c), NULL));

          gtk_column_view_column_set_sorter (self->columns[c], sorter);
        }
    }
  /* The row of column titles: named for a screen reader, and no Tab stop (a click on a title
   * sorts). */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_set_focusable (child, FALSE);
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column titles"), -1);
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
    {
      g_signal_handlers_disconnect_by_func (self->model, show_whole_model, self);
      g_signal_handlers_disconnect_by_func (self->model, update_empty_state, self);
      g_signal_handlers_disconnect_by_func (self->model, show_sort, self);
    }
  g_set_object (&self->model, model);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  if (model != NULL)
    {
      self->slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (model)), 0,
                                              self->painted ? G_MAXUINT : first_screen_rows (self));
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      g_signal_connect_object (model, "updated", G_CALLBACK (show_whole_model),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "updated", G_CALLBACK (update_empty_state),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "notify::sort", G_CALLBACK (show_sort), self, G_CONNECT_SWAPPED);
    }
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  if (model != NULL)
    show_sort (self);
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

/* Returns: (nullable): the id of the column whose cell @cell is ("number", "procedure",
 * "ministry", "received", "left", "sync"), for the tests that check what a screen shows. */
const char *
mc_queue_list_get_cell_column (GtkWidget *cell)
{
  const char *name;

  g_return_val_if_fail (GTK_IS_WIDGET (cell), NULL);
  name = gtk_widget_get_name (cell);
  for (Column c = 0; c < N_COLUMNS; c++)
    if (g_str_equal (name, column_ids[c]))
      return column_ids[c];
  return NULL;
}

/* The profile's ministry systems changed: an empty list may now say something else. */
void
mc_queue_list_sources_changed (McQueueList *self)
{
  g_return_if_fail (MC_IS_QUEUE_LIST (self));
  update_empty_state (self);
}

/* Returns: (transfer none): the column whose id is @id, as mc_queue_list_get_cell_column(). */
GtkColumnViewColumn *
mc_queue_list_get_column (McQueueList *self,
                          const char  *id)
{
  g_return_val_if_fail (MC_IS_QUEUE_LIST (self), NULL);

  for (Column c = 0; c < N_COLUMNS; c++)
    if (g_str_equal (column_ids[c], id))
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

  show_whole_model (self);
  if (self->selection == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;
  list = inner_list (self);
  if (list != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}
