/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "mc-format.h"
#include "mc-report-drill.h"
#include "mc-store-queue.h"
#include "mc-time.h"

/* The dossiers behind a number of a report, the ones that cost the most first (the caller's
 * order); a row opens its dossier in the queue of the window the report belongs to. At most
 * DRILL_ROWS rows: the rest is said in the subtitle. */

#define DRILL_ROWS 500

struct _McReportDrill
{
  GtkWindow parent_instance;

  GArray *ids;                   /* gint64: the dossier of each row, in order */
};

G_DEFINE_FINAL_TYPE (McReportDrill, mc_report_drill, GTK_TYPE_WINDOW)

static void
on_row_activated (McReportDrill *self,
                  GtkListBoxRow *row)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  int index = gtk_list_box_row_get_index (row);
  gint64 id;

  if (parent == NULL || index < 0 || (guint) index >= self->ids->len)
    return;
  id = g_array_index (self->ids, gint64, index);
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-queue", NULL);
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-dossier", "x", id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Returns: (transfer none): a new window over @parent listing the dossiers @ids (gint64) of
 * @store, to be presented; it is destroyed with @parent. */
GtkWindow *
mc_report_drill_new (GtkWindow  *parent,
                     McStore    *store,
                     const char *title,
                     GArray     *ids)
{
  McReportDrill *self = g_object_new (MC_TYPE_REPORT_DRILL, "title", title, "default-width", 720, "default-height", 560,
                                      "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *window_title = adw_window_title_new (title, NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *count = mc_format_count (ids->len);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), window_title);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);
  if (ids->len > DRILL_ROWS)
    subtitle = g_strdup_printf (_("The first %u of %s dossiers, the oldest due date first"), DRILL_ROWS, count);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s dossier, the oldest due date first",
                                             "%s dossiers, the oldest due date first", ids->len), count);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (window_title), subtitle);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  for (guint i = 0; i < MIN (ids->len, DRILL_ROWS); i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(McQueueEntry) entry = mc_store_queue_get_entry (store, id, NULL);
      GtkWidget *row;
      g_autofree char *due = NULL;
      g_autofree char *line = NULL;

      if (entry == NULL)
        continue;
      due = entry->due_at ? mc_time_format_short (entry->due_at) : g_strdup ("—");
      /* TRANSLATORS: a dossier in a report's list: applicant — procedure — due date */
      line = g_strdup_printf (_("%s — %s — due %s"), entry->applicant_name, entry->procedure_name, due);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->number);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_array_append_val (self->ids, id);
    }
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_window_set_child (GTK_WINDOW (self), scroller);
  return GTK_WINDOW (self);
}

static void
mc_report_drill_finalize (GObject *object)
{
  McReportDrill *self = MC_REPORT_DRILL (object);

  g_array_unref (self->ids);
  G_OBJECT_CLASS (mc_report_drill_parent_class)->finalize (object);
}

static void
mc_report_drill_class_init (McReportDrillClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_report_drill_finalize;
}

static void
mc_report_drill_init (McReportDrill *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}
