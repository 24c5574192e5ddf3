/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc-alert.h"
#include "mc-combo-row.h"
#include "mc-format.h"
#include "mc-procedure-chooser.h"
#include "mc-report-chart.h"
#include "mc-report-doc.h"
#include "mc-report-drill.h"
#include "mc-report-view.h"
#include "mc-store-report.h"
#include "mc-time.h"

/* "Báo cáo": the commune's 766 score for a period with each group's points, each indicator
 * over the last twelve periods, the ministries side by side, and Biểu 06 as a table; every
 * number opens the list of the dossiers behind it, and a dossier of that list opens in the
 * queue. The year of dossiers behind it is read and counted in a worker thread, on its own
 * connection, so the window keeps answering while a million dossiers are counted. */

#define N_PERIODS 12

struct _McReportView
{
  GtkWidget parent_instance;

  GtkWidget *box;                /* the template's root: bound, so that disposing unparents it */
  GtkSpinner *spinner;
  GtkDropDown *kind_dropdown;
  GtkLabel *period_label;
  GtkCheckButton *cutoff_check;
  GtkDropDown *ministry_dropdown;
  McProcedureChooser *procedure_chooser;
  GtkBox *index_box;
  GtkBox *bieu06_box;
  AdwViewStack *stack;
  gboolean bieu06_stale;         /* the form's grid is built when its page is first shown */

  McStore *store;
  GPtrArray *sources;            /* McSource, in the ministry drop-down's order after "all" */
  McReportPeriod period;
  GCancellable *cancellable;
  GtkWindow *drill_window;
  gboolean export_bieu06;      /* what the open export chooser writes: Biểu 06, else the 766 table */

  /* The last result: kept for drill-downs. */
  McReportData *data;
  McReportPeriod periods[N_PERIODS];
  McReport766 reports[N_PERIODS];
  McReport766 *by_source;        /* one per data->sources */
  McReportFilter filter;
  char *shown_source;            /* what the filter is: the ministry system's id, NULL = all */
  char *shown_procedure;         /* and the procedure's code, NULL = all */
  McBieu06 *form;
  GPtrArray *lines;
};

G_DEFINE_FINAL_TYPE (McReportView, mc_report_view, GTK_TYPE_WIDGET)

/* The work of a worker thread. */
typedef struct
{
  char *path;
  char *source;                  /* the ministry filter; NULL = all */
  char *procedure;               /* the procedure filter (MaTTHC); NULL = all */
  McReportPeriod periods[N_PERIODS];
  McReportData *data;
  McReport766 reports[N_PERIODS];
  McReport766 *by_source;
  McReportFilter filter;
  McBieu06 *form;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->source);
  g_free (job->procedure);
  g_clear_pointer (&job->data, mc_report_data_free);
  g_free (job->by_source);
  g_clear_pointer (&job->form, mc_report_bieu06_free);
  g_free (job);
}

static void
compute (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  McReportPeriod *current = &job->periods[N_PERIODS - 1];
  g_autoptr(McStore) store = NULL;
  GError *error = NULL;

  if (!(store = mc_store_open (job->path, MC_STORE_OPEN_EXISTING, &error)) ||
      !(job->data = mc_store_report_load (store, job->periods[0].start, current->end, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  /* A system or a procedure without a dossier matches nothing: "—", not everything. */
  job->filter = MC_REPORT_FILTER_ALL;
  if (job->source != NULL)
    {
      int i = mc_report_data_find (job->data, 's', job->source);

      job->filter.source = i >= 0 ? i : G_MAXINT;
    }
  if (job->procedure != NULL)
    {
      int i = mc_report_data_find (job->data, 'p', job->procedure);

      job->filter.procedure = i >= 0 ? i : G_MAXINT;
    }
  for (guint p = 0; p < N_PERIODS; p++)
    mc_report_766_compute (job->data, &job->periods[p], job->filter, &job->reports[p]);
  /* The ministries side by side, for the procedure chosen. */
  job->by_source = g_new0 (McReport766, MAX (job->data->sources->len, 1));
  for (guint s = 0; s < job->data->sources->len; s++)
    mc_report_766_compute (job->data, current, (McReportFilter) { (int) s, job->filter.procedure }, &job->by_source[s]);
  job->form = mc_report_bieu06_compute (job->data, current->start, current->end, MC_BIEU06_BY_FIELD);
  g_task_return_boolean (task, TRUE);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
label_new (const char *text,
           const char *css_class,
           float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A number that opens the list of its dossiers: report.drill with @target. */
static GtkWidget *
drill_button (const char *text,
              const char *target,
              const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_label (text);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "numeric");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "report.drill");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static const char *
source_name (McReportView *self,
             const char   *id)
{
  for (guint i = 0; self->sources && i < self->sources->len; i++)
    {
      McSource *s = g_ptr_array_index (self->sources, i);

      if (g_str_equal (s->id, id))
        return s->name;
    }
  return id;
}

static void
build_indicator (McReportView      *self,
                 const McIndicator *ind)
{
  const McIndicatorValue *v = &self->reports[N_PERIODS - 1].values[ind->local];
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *numbers = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *chart = mc_report_chart_new ();
  g_autofree char *title = g_strdup_printf ("%s  %s", ind->id, mc_report_indicator_label (ind));
  g_autofree char *note = mc_report_766_note (ind, v);
  g_autofree char *ratio = NULL;
  g_autofree char *points = NULL;
  g_autofree char *target_missed = g_strdup_printf ("766:%d:%d", ind->local, MC_DRILL_MISSED);
  g_autofree char *target_all = g_strdup_printf ("766:%d:%d", ind->local, MC_DRILL_DENOMINATOR);
  g_autofree char *of_text = NULL;
  g_autofree char *missed_text = NULL;
  g_autofree char *count = NULL;
  double values[N_PERIODS];
  g_auto(GStrv) labels = g_new0 (char *, N_PERIODS + 1);
  gboolean days = ind->local == MC_IND_2_2;

  gtk_widget_add_css_class (row, "card");
  gtk_box_append (GTK_BOX (text), label_new (title, "heading", 0));
  gtk_box_append (GTK_BOX (text), label_new (ind->official_name, "dim-label", 0));
  if (*note)
    gtk_box_append (GTK_BOX (text), label_new (note, "caption", 0));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_margin_start (text, 12);
  gtk_widget_set_margin_top (text, 8);
  gtk_widget_set_margin_bottom (text, 8);

  if (days && !isnan (v->value))
    {
      g_autofree char *n = mc_report_format_days (v->value);

      /* TRANSLATORS: an average processing time, the number already formatted ("7,2") */
      ratio = g_strdup_printf (_("%s days"), n);
    }
  else if (days)
    ratio = g_strdup ("—");
  else
    ratio = mc_report_format_ratio (v->ratio);
  points = mc_report_format_points (v->points);
  gtk_box_append (GTK_BOX (numbers), label_new (ratio, "title-2", 1));
  if (!days)
    {
      g_autofree char *pts = g_strdup_printf (_("%s of %g points"), points, ind->points);
      g_autofree char *missed_count = mc_format_count (v->denominator - v->numerator);

      gtk_box_append (GTK_BOX (numbers), label_new (pts, "dim-label", 1));
      /* TRANSLATORS: the dossiers an indicator does not count as met (late, not digitised…) */
      missed_text = g_strdup_printf (_("%s not met"), missed_count);
      gtk_box_append (GTK_BOX (numbers), drill_button (missed_text, target_missed,
                                                       _("The dossiers that cost points, longest overdue first")));
    }
  count = mc_format_count (v->denominator);
  /* TRANSLATORS: the dossiers an indicator counts */
  of_text = g_strdup_printf (_("of %s dossiers"), count);
  gtk_box_append (GTK_BOX (numbers), drill_button (of_text, target_all, _("Every dossier this indicator counts")));
  gtk_widget_set_valign (numbers, GTK_ALIGN_CENTER);

  for (guint p = 0; p < N_PERIODS; p++)
    {
      values[p] = days ? self->reports[p].values[ind->local].value : self->reports[p].values[ind->local].ratio;
      labels[p] = mc_report_period_short_label (&self->periods[p]);
    }
  mc_report_chart_set_values (MC_REPORT_CHART (chart), N_PERIODS, values, (const char **) labels, ind->threshold, !days);
  gtk_widget_set_size_request (chart, 220, 72);
  gtk_widget_set_margin_end (chart, 12);
  gtk_widget_set_margin_top (chart, 8);
  gtk_widget_set_margin_bottom (chart, 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), numbers);
  gtk_box_append (GTK_BOX (row), chart);
  gtk_box_append (self->index_box, row);
}

/* The ministries side by side: a row each, a column per indicator. */
static void
build_comparison (McReportView *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  int col = 1;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_box_append (self->index_box, label_new (_("By ministry system"), "title-4", 0));
  gtk_grid_attach (GTK_GRID (grid), label_new (_("Points"), "heading", 1), col++, 0, 1, 1);
  for (int k = 0; k < MC_N_LOCAL_INDICATORS; k++)
    {
      GtkWidget *head = label_new (mc_report_local_indicator (k)->id, "heading", 1);

      gtk_widget_set_tooltip_text (head, mc_report_indicator_label (mc_report_local_indicator (k)));
      gtk_grid_attach (GTK_GRID (grid), head, col++, 0, 1, 1);
    }
  for (guint s = 0; s < self->data->sources->len; s++)
    {
      const McReport766 *r = &self->by_source[s];
      g_autofree char *total = mc_report_format_points (r->total);

      gtk_grid_attach (GTK_GRID (grid), label_new (source_name (self, g_ptr_array_index (self->data->sources, s)), NULL, 0),
                       0, s + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), label_new (total, "numeric", 1), 1, s + 1, 1, 1);
      for (int k = 0; k < MC_N_LOCAL_INDICATORS; k++)
        {
          const McIndicatorValue *v = &r->values[k];
          g_autofree char *text = k == MC_IND_2_2 ? mc_report_format_days (v->value) : mc_report_format_ratio (v->ratio);
          g_autofree char *target = g_strdup_printf ("766s:%u:%d:%d", s, k, MC_DRILL_DENOMINATOR);

          gtk_grid_attach (GTK_GRID (grid), drill_button (text, target, mc_report_indicator_label (mc_report_local_indicator (k))),
                           k + 2, s + 1, 1, 1);
        }
    }
  /* Ten columns of figures: on a narrow window they scroll, the page does not widen. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_box_append (self->index_box, scroller);
}

static void
build_index (McReportView *self)
{
  const McReport766 *r = &self->reports[N_PERIODS - 1];
  g_autofree char *score = mc_report_format_points (r->total);
  g_autofree char *headline = g_strdup_printf (_("%s of %g points computed here"), score, r->total_max);
  g_autofree char *portal = g_strdup_printf (_("The national portal scores the other %g points (publication, feedback, "
                                               "catalogue): they are not computed from the commune’s dossiers."),
                                             100 - r->total_max);
  GtkWidget *groups = gtk_flow_box_new ();

  clear_box (self->index_box);
  gtk_box_append (self->index_box, label_new (headline, "title-1", 0));
  gtk_box_append (self->index_box, label_new (portal, "dim-label", 0));
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (groups), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (groups), 6);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (groups), TRUE);
  for (int g = 1; g <= MC_REPORT_N_GROUPS; g++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      g_autofree char *got = mc_report_format_points (r->group_points[g]);
      g_autofree char *of = g_strdup_printf (_("of %g (%g here)"), mc_report_group_points (g), r->group_max[g]);

      gtk_widget_add_css_class (card, "card");
      gtk_box_append (GTK_BOX (card), label_new (mc_report_group_label (g), "heading", 0.5));
      gtk_box_append (GTK_BOX (card), label_new (got, "title-2", 0.5));
      gtk_box_append (GTK_BOX (card), label_new (of, "dim-label", 0.5));
      gtk_widget_set_margin_top (card, 0);
      gtk_flow_box_append (GTK_FLOW_BOX (groups), card);
    }
  gtk_box_append (self->index_box, groups);
  for (guint i = 0; i < mc_report_get_n_indicators (); i++)
    if (mc_report_get_indicator (i)->local >= 0)
      build_indicator (self, mc_report_get_indicator (i));
  build_comparison (self);

  gtk_box_append (self->index_box, label_new (_("Scored only on the national portal"), "title-4", 0));
  for (guint i = 0; i < mc_report_get_n_indicators (); i++)
    {
      const McIndicator *ind = mc_report_get_indicator (i);
      g_autofree char *line = NULL;

      if (ind->local >= 0)
        continue;
      line = g_strdup_printf (_("%s  %s — %g points"), ind->id, mc_report_indicator_label (ind), ind->points);
      gtk_box_append (self->index_box, label_new (line, NULL, 0));
    }
}

/* Biểu 06 in a grid with the form's merged header. */
static void
build_bieu06 (McReportView *self)
{
  static const struct { int row, col, rows, cols; const char *title; } header[] = {
    { 0, 0, 3, 1, "STT" }, { 0, 1, 3, 1, "Lĩnh vực, công việc giải quyết theo cấp" },
    { 0, 2, 1, 4, "Số hồ sơ nhận giải quyết" }, { 0, 6, 1, 4, "Số hồ sơ đã giải quyết" },
    { 0, 10, 1, 3, "Số lượng hồ sơ đang giải quyết" }, { 1, 2, 2, 1, "Tổng số" }, { 1, 3, 1, 2, "Trong đó" },
    { 1, 5, 2, 1, "Từ kỳ trước" }, { 1, 6, 2, 1, "Tổng số" }, { 1, 7, 2, 1, "Trước hạn" },
    { 1, 8, 2, 1, "Đúng hạn" }, { 1, 9, 2, 1, "Quá hạn" }, { 1, 10, 2, 1, "Tổng số" },
    { 1, 11, 2, 1, "Trong hạn" }, { 1, 12, 2, 1, "Quá hạn" }, { 2, 3, 1, 1, "Trực tuyến" },
    { 2, 4, 1, 1, "Trực tiếp, dịch vụ bưu chính" },
  };
  GtkWidget *grid = gtk_grid_new ();
  g_autofree char *first = mc_report_date (self->form->from);
  g_autofree char *last = mc_report_date (self->form->to - 1);
  g_autofree char *title = g_strdup_printf ("Biểu số 06/VPCP/KSTT — kỳ báo cáo từ ngày %s đến ngày %s", first, last);

  clear_box (self->bieu06_box);
  gtk_box_append (self->bieu06_box, label_new (title, "heading", 0));
  gtk_box_append (self->bieu06_box, label_new (_("Every number opens its dossiers. The form’s identities are checked "
                                                 "before it is exported."), "dim-label", 0));
  gtk_widget_add_css_class (grid, "report-form");
  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  for (gsize i = 0; i < G_N_ELEMENTS (header); i++)
    {
      GtkWidget *cell = label_new (header[i].title, "heading", 0.5);

      gtk_label_set_max_width_chars (GTK_LABEL (cell), header[i].col == 1 ? 28 : 11);
      if (header[i].col == 1)
        gtk_widget_set_size_request (cell, 240, -1);
      gtk_grid_attach (GTK_GRID (grid), cell, header[i].col, header[i].row, header[i].cols, header[i].rows);
    }
  for (int c = 0; c < 13; c++)
    {
      g_autofree char *n = g_strdup_printf ("(%d)", c + 1);

      gtk_grid_attach (GTK_GRID (grid), label_new (n, "dim-label", 0.5), c, 3, 1, 1);
    }
  for (guint i = 0; i < self->lines->len; i++)
    {
      McBieu06Line *line = g_ptr_array_index (self->lines, i);
      int row = 4 + (int) i;
      const char *style = line->kind == MC_REPORT_LINE_ITEM ? NULL : "heading";

      gtk_grid_attach (GTK_GRID (grid), label_new (line->number, style, 0.5), 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), label_new (line->label, style, 0), 1, row, 1, 1);
      for (int c = 0; c < MC_BIEU06_N_COUNTS; c++)
        {
          g_autofree char *n = mc_format_count (line->cells[c]);
          g_autofree char *target = g_strdup_printf ("06:%d:%d:%d", line->source, line->field, c + 3);
          GtkWidget *button = drill_button (n, target, mc_bieu06_column_title (c + 3));

          gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (button)), GTK_ALIGN_END);
          if (style != NULL)
            {
              gtk_widget_add_css_class (button, "subtotal");
              gtk_widget_add_css_class (gtk_button_get_child (GTK_BUTTON (button)), "heading");
            }
          gtk_grid_attach (GTK_GRID (grid), button, c + 2, row, 1, 1);
        }
    }
  gtk_box_append (self->bieu06_box, grid);
}

static void
on_page_changed (McReportView *self)
{
  if (self->bieu06_stale && self->form != NULL &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "bieu06") == 0)
    {
      self->bieu06_stale = FALSE;
      build_bieu06 (self);
    }
}

static void
on_computed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  McReportView *self = MC_REPORT_VIEW (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) names = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_spinner_stop (self->spinner);
          clear_box (self->index_box);
          gtk_box_append (self->index_box, label_new (error->message, "error", 0));
        }
      return;
    }
  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->data, mc_report_data_free);
  g_clear_pointer (&self->form, mc_report_bieu06_free);
  g_clear_pointer (&self->by_source, g_free);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  self->data = g_steal_pointer (&job->data);
  self->form = g_steal_pointer (&job->form);
  self->by_source = g_steal_pointer (&job->by_source);
  self->filter = job->filter;
  g_free (self->shown_source);
  self->shown_source = g_steal_pointer (&job->source);
  g_free (self->shown_procedure);
  self->shown_procedure = g_steal_pointer (&job->procedure);
  memcpy (self->periods, job->periods, sizeof self->periods);
  memcpy (self->reports, job->reports, sizeof self->reports);
  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; self->sources && i < self->sources->len; i++)
    {
      McSource *s = g_ptr_array_index (self->sources, i);

      g_hash_table_insert (names, s->id, s->name);
    }
  self->lines = mc_bieu06_lines (self->data, self->form, names);
  build_index (self);
  /* A grid of a thousand buttons: built when the page is shown, not with every refresh. */
  self->bieu06_stale = TRUE;
  on_page_changed (self);
}

void
mc_report_view_refresh (McReportView *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  guint ministry = gtk_drop_down_get_selected (self->ministry_dropdown);
  Job *job;

  g_return_if_fail (MC_IS_REPORT_VIEW (self));
  /* Nothing before the window gave the store, nor while it is not shown: a million dossiers
   * are counted only when someone looks. */
  if (self->store == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  label = mc_report_period_label (&self->period);
  gtk_label_set_label (self->period_label, label);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (Job, 1);
  job->path = g_strdup (mc_store_get_path (self->store));
  if (ministry != GTK_INVALID_LIST_POSITION && ministry > 0 && ministry <= self->sources->len)
    job->source = g_strdup (((McSource *) g_ptr_array_index (self->sources, ministry - 1))->id);
  job->procedure = g_strdup (mc_procedure_chooser_get_code (self->procedure_chooser));
  job->periods[N_PERIODS - 1] = self->period;
  for (int p = N_PERIODS - 2; p >= 0; p--)
    mc_report_period_previous (&job->periods[p + 1], &job->periods[p]);
  gtk_spinner_start (self->spinner);
  task = g_task_new (self, self->cancellable, on_computed, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, compute);
}

gboolean
mc_report_view_is_loading (McReportView *self)
{
  return gtk_spinner_get_spinning (self->spinner);
}

/* The points computed here for the period shown, NAN before the first result. */
double
mc_report_view_get_score (McReportView *self)
{
  return self->data ? self->reports[N_PERIODS - 1].total : NAN;
}

GtkWindow *
mc_report_view_get_drill_window (McReportView *self)
{
  return self->drill_window;
}

static void
set_period_kind (McReportView *self)
{
  McPeriodKind kind = gtk_drop_down_get_selected (self->kind_dropdown);
  gboolean cutoff = gtk_check_button_get_active (self->cutoff_check);

  mc_report_period_containing (kind, cutoff, MIN (mc_time_now (), self->period.end - 1), &self->period);
  mc_report_view_refresh (self);
}

static void
step_period (McReportView *self,
             int           direction)
{
  McReportPeriod next = self->period;

  if (direction < 0)
    mc_report_period_previous (&self->period, &self->period);
  else
    {
      /* The period after: the one that holds the day after this one ends. */
      mc_report_period_containing (self->period.kind, self->period.cutoff, self->period.end, &next);
      if (next.start > mc_time_now ())
        return;
      self->period = next;
    }
  mc_report_view_refresh (self);
}

static void
previous_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  step_period (MC_REPORT_VIEW (widget), -1);
}

static void
next_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  step_period (MC_REPORT_VIEW (widget), 1);
}

/* The dossiers behind a number in a window of their own, over the report's. */
static void
show_drill (McReportView *self,
            const char   *title,
            GArray       *ids)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->drill_window != NULL)
    gtk_window_destroy (self->drill_window);
  self->drill_window = mc_report_drill_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, title, ids);
  g_object_add_weak_pointer (G_OBJECT (self->drill_window), (gpointer *) &self->drill_window);
  gtk_window_present (self->drill_window);
}

/* "766:IND:DRILL", "766s:SOURCE:IND:DRILL" or "06:SOURCE:FIELD:COLUMN". */
static void
drill_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  McReportView *self = MC_REPORT_VIEW (widget);
  g_auto(GStrv) parts = g_strsplit (g_variant_get_string (parameter, NULL), ":", -1);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *title = NULL;
  guint n = g_strv_length (parts);

  if (self->data == NULL || n < 4 - g_str_equal (parts[0], "766"))
    return;
  if (g_str_equal (parts[0], "766") || g_str_equal (parts[0], "766s"))
    {
      gboolean per_source = g_str_equal (parts[0], "766s");
      McReportFilter filter = self->filter;
      int ind = atoi (parts[1 + per_source]);
      McDrill drill = atoi (parts[2 + per_source]);

      if (ind < 0 || ind >= MC_N_LOCAL_INDICATORS)
        return;
      if (per_source)
        filter = (McReportFilter) { atoi (parts[1]), self->filter.procedure };
      ids = mc_report_766_dossiers (self->data, &self->periods[N_PERIODS - 1], filter, ind, drill);
      title = g_strdup_printf (drill == MC_DRILL_MISSED ? _("%s %s: not met") : _("%s %s: counted"),
                               mc_report_local_indicator (ind)->id, mc_report_indicator_label (mc_report_local_indicator (ind)));
    }
  else
    {
      int column = atoi (parts[3]);

      ids = mc_report_bieu06_dossiers (self->data, self->form->from, self->form->to, atoi (parts[1]), atoi (parts[2]), column);
      /* TRANSLATORS: a drill-down from Form 06: "Form 06, column (10): Quá hạn" */
      title = g_strdup_printf (_("Form 06, column (%d): %s"), column, mc_bieu06_column_title (column));
    }
  show_drill (self, title, ids);
}

static void
on_export_chosen (GtkNativeDialog *chooser,
                  int              response,
                  McReportView    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(McPrintOffice) office = NULL;
  g_autoptr(GError) error = NULL;
  gboolean bieu06 = self->export_bieu06;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL && self->data != NULL)
    {
      g_autofree char *official = mc_report_period_official_label (&self->periods[N_PERIODS - 1]);
      /* The table says what it was narrowed to. */
      g_autofree char *label = mc_report_scope_label (official, self->shown_source ? source_name (self, self->shown_source) : NULL,
                                                      self->shown_procedure);
      gboolean ok;

      /* The form's identities are checked before it leaves the program. */
      if (!(office = mc_print_office_load (self->store, &error)))
        ok = FALSE;
      else if (bieu06)
        ok = mc_report_bieu06_check (self->form, &error) &&
             mc_report_write_bieu06 (path, office, self->lines, self->form->from, self->form->to, &error);
      else
        ok = mc_report_write_766 (path, office, &self->reports[N_PERIODS - 1], label, &error);
      if (!ok)
        mc_alert (GTK_WIDGET (self), _("The report could not be exported"), error->message);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  McReportView *self = MC_REPORT_VIEW (widget);
  gboolean bieu06 = g_str_equal (name, "report.export-bieu06");
  GtkFileChooserNative *chooser;
  g_autofree char *id = NULL;
  g_autofree char *file_name = NULL;
  static const char *types[][2] = {
    { N_("Spreadsheet (XLSX)"), "*.xlsx" }, { N_("Comma-separated values (CSV)"), "*.csv" }, { N_("PDF"), "*.pdf" },
  };

  if (self->data == NULL)
    return;
  chooser = gtk_file_chooser_native_new (bieu06 ? _("Export Form 06") : _("Export the 766 Table"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(types[i][0]));
      gtk_file_filter_add_pattern (filter, types[i][1]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  id = mc_report_period_id (&self->periods[N_PERIODS - 1]);
  file_name = g_strdup_printf ("%s-%s.xlsx", bieu06 ? "bieu06" : "chi-so-766", id);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  self->export_bieu06 = bieu06;
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
mc_report_view_set_store (McReportView *self,
                          McStore      *store)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_if_fail (MC_IS_REPORT_VIEW (self));
  mc_report_period_containing (MC_PERIOD_MONTH, FALSE, mc_time_now (), &self->period);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  self->sources = mc_store_list_sources (store, NULL);
  if (self->sources == NULL)
    self->sources = g_ptr_array_new ();
  gtk_string_list_append (names, _("All ministry systems"));
  for (guint i = 0; i < self->sources->len; i++)
    gtk_string_list_append (names, ((McSource *) g_ptr_array_index (self->sources, i))->name);
  gtk_drop_down_set_model (self->ministry_dropdown, G_LIST_MODEL (names));
}

static void
mc_report_view_dispose (GObject *object)
{
  McReportView *self = MC_REPORT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->drill_window != NULL)
    gtk_window_destroy (self->drill_window);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_REPORT_VIEW);
  g_clear_object (&self->store);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->data, mc_report_data_free);
  g_clear_pointer (&self->form, mc_report_bieu06_free);
  g_clear_pointer (&self->by_source, g_free);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->shown_source, g_free);
  g_clear_pointer (&self->shown_procedure, g_free);
  G_OBJECT_CLASS (mc_report_view_parent_class)->dispose (object);
}

static void
mc_report_view_class_init (McReportViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mc_report_view_dispose;
  g_type_ensure (MC_TYPE_PROCEDURE_CHOOSER);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-report-view.ui");
  gtk_widget_class_bind_template_child (widget_class, McReportView, box);
  gtk_widget_class_bind_template_child (widget_class, McReportView, spinner);
  gtk_widget_class_bind_template_child (widget_class, McReportView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, McReportView, period_label);
  gtk_widget_class_bind_template_child (widget_class, McReportView, cutoff_check);
  gtk_widget_class_bind_template_child (widget_class, McReportView, ministry_dropdown);
  gtk_widget_class_bind_template_child (widget_class, McReportView, procedure_chooser);
  gtk_widget_class_bind_template_child (widget_class, McReportView, index_box);
  gtk_widget_class_bind_template_child (widget_class, McReportView, bieu06_box);
  gtk_widget_class_bind_template_child (widget_class, McReportView, stack);
  gtk_widget_class_install_action (widget_class, "report.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "report.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "report.drill", "s", drill_action);
  gtk_widget_class_install_action (widget_class, "report.export-766", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "report.export-bieu06", NULL, export_action);
}

static void
mc_report_view_init (McReportView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Named as their tooltips say. */
  mc_combo_row_name_drop_down (self->kind_dropdown, gtk_widget_get_tooltip_text (GTK_WIDGET (self->kind_dropdown)));
  mc_combo_row_name_drop_down (self->ministry_dropdown,
                               gtk_widget_get_tooltip_text (GTK_WIDGET (self->ministry_dropdown)));
  g_signal_connect_object (self->kind_dropdown, "notify::selected", G_CALLBACK (set_period_kind), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cutoff_check, "notify::active", G_CALLBACK (set_period_kind), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ministry_dropdown, "notify::selected", G_CALLBACK (mc_report_view_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->procedure_chooser, "notify::code", G_CALLBACK (mc_report_view_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (on_page_changed), self, G_CONNECT_SWAPPED);
}
