/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <stdlib.h>

#include "mc-calendar.h"
#include "mc-catalog.h"
#include "mc-deadline.h"
#include "mc-id.h"
#include "mc-report-private.h"
#include "mc-tsv.h"

/* The 766 indicators a commune can compute from its own dossiers, each rule as
 * ../shared/domain/reports.md gives it (F766, via §1.3–1.5), and the indicator table
 * (data/report-766.tsv: points, thresholds, official names, provenance). */

/* The report rows */

McReportData *
mc_report_data_new (gint64 now)
{
  McReportData *self = g_new0 (McReportData, 1);

  self->rows = g_array_new (FALSE, TRUE, sizeof (McReportRow));
  self->sources = g_ptr_array_new_with_free_func (g_free);
  self->procedures = g_ptr_array_new_with_free_func (g_free);
  self->fields = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < 3; i++)
    self->index[i] = g_hash_table_new (g_str_hash, g_str_equal);
  self->now = now;
  return self;
}

void
mc_report_data_free (McReportData *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rows);
  g_ptr_array_unref (self->sources);
  g_ptr_array_unref (self->procedures);
  g_ptr_array_unref (self->fields);
  for (int i = 0; i < 3; i++)
    g_hash_table_unref (self->index[i]);
  g_free (self);
}

static GPtrArray *
table_of (McReportData *self,
          char          table,
          GHashTable  **out_index)
{
  int i = table == 's' ? 0 : table == 'p' ? 1 : 2;

  *out_index = self->index[i];
  return i == 0 ? self->sources : i == 1 ? self->procedures : self->fields;
}

/* The index of @text in table @table ('s' sources, 'p' procedures, 'f' fields), added if new.
 * Called three times per dossier when a year is read: a plain string hash, nothing more. */
guint32
mc_report_data_intern (McReportData *self,
                       char          table,
                       const char   *text)
{
  GHashTable *index;
  GPtrArray *strings = table_of (self, table, &index);
  gpointer value;
  char *copy;

  text = text ? text : "";
  if ((value = g_hash_table_lookup (index, text)) != NULL)
    return GPOINTER_TO_UINT (value) - 1;
  copy = g_strdup (text);
  g_ptr_array_add (strings, copy);
  g_hash_table_insert (index, copy, GUINT_TO_POINTER (strings->len));
  return strings->len - 1;
}

/* Returns: the index of @text in @table, -1 if no dossier has it. */
int
mc_report_data_find (McReportData *self,
                     char          table,
                     const char   *text)
{
  GHashTable *index;
  gpointer value;

  table_of (self, table, &index);
  value = g_hash_table_lookup (index, text ? text : "");
  return value ? (int) GPOINTER_TO_UINT (value) - 1 : -1;
}

/* A new row, blank but for its source, procedure and field; the caller fills the rest. */
McReportRow *
mc_report_data_add (McReportData *self,
                    const char   *source_id,
                    const char   *procedure_code,
                    const char   *field_code)
{
  McReportRow *row;

  g_array_set_size (self->rows, self->rows->len + 1);
  row = &g_array_index (self->rows, McReportRow, self->rows->len - 1);
  row->source = mc_report_data_intern (self, 's', source_id);
  row->procedure = mc_report_data_intern (self, 'p', procedure_code);
  row->field = mc_report_data_intern (self, 'f', field_code);
  row->payment = MC_PAYMENT_UNKNOWN;
  row->satisfaction = MC_SATISFACTION_UNKNOWN;
  row->citizen_data = row->reused = row->from_store = row->digitised = row->e_result = MC_FLAG_UNKNOWN;
  return row;
}

/* Moves @other's rows to the end of @self (read in two parts at once). */
void
mc_report_data_append (McReportData *self,
                       McReportData *other)
{
  GPtrArray *tables[3] = { other->sources, other->procedures, other->fields };
  const char names[3] = { 's', 'p', 'f' };
  guint32 *map[3];
  guint start = self->rows->len;

  for (int t = 0; t < 3; t++)
    {
      map[t] = g_new (guint32, MAX (tables[t]->len, 1));
      for (guint i = 0; i < tables[t]->len; i++)
        map[t][i] = mc_report_data_intern (self, names[t], g_ptr_array_index (tables[t], i));
    }
  g_array_append_vals (self->rows, other->rows->data, other->rows->len);
  for (guint i = start; i < self->rows->len; i++)
    {
      McReportRow *row = &g_array_index (self->rows, McReportRow, i);

      row->source = map[0][row->source];
      row->procedure = map[1][row->procedure];
      row->field = map[2][row->field];
    }
  for (int t = 0; t < 3; t++)
    g_free (map[t]);
}

/* The lĩnh vực of the catalogue's procedures (data/procedure-fields.tsv): code → name, and
 * the names as a set. */
typedef struct
{
  GHashTable *by_procedure;
  GHashTable *names;
} Fields;

static const Fields *
fields (void)
{
  static Fields *f;

  if (g_once_init_enter (&f))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = mc_tsv_load_resource ("/io/github/motcua/core/procedure-fields.tsv", 4, &error);
      Fields *n = g_new0 (Fields, 1);

      if (rows == NULL)
        g_error ("procedure-fields.tsv: %s", error->message);
      n->by_procedure = g_hash_table_new (g_str_hash, g_str_equal);
      n->names = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < rows->len; i++)
        {
          char **cols = g_ptr_array_index (rows, i);
          char *name = g_strdup (cols[1]);

          g_hash_table_insert (n->by_procedure, g_strdup (cols[0]), name);
          g_hash_table_add (n->names, name);
        }
      g_once_init_leave (&f, n);
    }
  return f;
}

/* Returns: the lĩnh vực the national TTHC database files procedure @code under, NULL if the
 * catalogue does not know it. */
const char *
mc_report_procedure_field (const char *code)
{
  return code ? g_hash_table_lookup (fields ()->by_procedure, code) : NULL;
}

/* Returns: (transfer full): the lĩnh vực of Biểu 06's row @field as the form prints it: its
 * name, or the code a ministry system sent for a procedure the catalogue does not know. */
char *
mc_report_field_title (const McReportData *data,
                       guint               field)
{
  const char *text;

  g_return_val_if_fail (field < data->fields->len, NULL);
  text = g_ptr_array_index (data->fields, field);
  if (*text == '\0')
    return g_strdup ("Lĩnh vực chưa xác định");
  if (g_hash_table_contains (fields ()->names, text))
    return g_strdup (text);
  return g_strdup_printf ("Lĩnh vực %s", text);
}

/* After the rows are in: a dossier's lĩnh vực is its procedure's in the catalogue, the code
 * its system sent only for a procedure the catalogue does not know (systems name their own
 * codes, and Biểu 06 is read by field name). A dossier without NgayHenTra gets the due date
 * its procedure's duration gives from its receipt (F766 rule 6 compares the processing time
 * with the procedure's maximum); one whose procedure is unknown keeps none and counts as on
 * time. */
void
mc_report_data_complete (McReportData *self)
{
  McCatalog *catalog = mc_catalog_get_default ();
  McCalendar *calendar = mc_calendar_get_default ();
  guint n_procedures = self->procedures->len;
  g_autofree int *field_of = g_new (int, MAX (n_procedures, 1));

  for (guint p = 0; p < n_procedures; p++)
    {
      const char *name = mc_report_procedure_field (g_ptr_array_index (self->procedures, p));

      field_of[p] = name ? (int) mc_report_data_intern (self, 'f', name) : -1;
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      McReportRow *row = &g_array_index (self->rows, McReportRow, i);
      const McProcedure *proc;

      if (field_of[row->procedure] >= 0)
        row->field = field_of[row->procedure];
      if (row->due_at != 0 || row->received_at == 0)
        continue;
      proc = mc_catalog_lookup (catalog, g_ptr_array_index (self->procedures, row->procedure));
      if (proc != NULL)
        {
          row->due_at = mc_deadline_due (NULL, calendar, row->received_at, proc->duration, proc->unit);
          row->due_computed = TRUE;
        }
    }
}

/* The indicator table */

static const struct
{
  const char *id;
  const char *label;
} labels[] = {
  { "1.1", N_("Procedures published on time") },
  { "1.2", N_("Procedures updated and made public on time") },
  { "1.3", N_("Procedures published with every part") },
  { "1.4", N_("Dossiers synchronised to the national portal") },
  { "2.1", N_("Dossiers processed early or on time") },
  { "2.2", N_("Average processing time") },
  { "3.1", N_("Procedures offered as online services") },
  { "3.2", N_("Online services that received dossiers") },
  { "3.3", N_("Dossiers submitted online") },
  { "3.5", N_("Fee-charging procedures payable on the national portal") },
  { "3.6", N_("Dossiers paid online") },
  { "4.1", N_("Dossiers with an electronic result") },
  { "4.2", N_("Dossiers digitised") },
  { "4.3", N_("Dossiers reusing digitised data") },
  { "4.4", N_("Dossiers using the citizen’s data store") },
  { "4.5a", N_("Procedures connected to the population database") },
  { "4.5b", N_("Dossiers using population data") },
  { "4.6", N_("Electronic certified copies provided") },
  { "5.1", N_("Feedback by category") },
  { "5.2", N_("Feedback handled on time") },
  { "5.3", N_("Satisfaction with feedback handling") },
  { "5.4", N_("Satisfaction with dossier handling") },
};

static const char *local_ids[MC_N_LOCAL_INDICATORS] = {
  [MC_IND_2_1] = "2.1", [MC_IND_2_2] = "2.2", [MC_IND_3_3] = "3.3", [MC_IND_3_6] = "3.6",
  [MC_IND_4_1] = "4.1", [MC_IND_4_2] = "4.2", [MC_IND_4_3] = "4.3", [MC_IND_4_4] = "4.4",
  [MC_IND_4_5B] = "4.5b", [MC_IND_5_4] = "5.4",
};

typedef struct
{
  GPtrArray *indicators;          /* McIndicator */
  const McIndicator *local[MC_N_LOCAL_INDICATORS];
  double group_points[MC_REPORT_N_GROUPS + 1];
} Table;

static McComputed
computed_from_id (const char *id)
{
  if (g_str_equal (id, "local"))
    return MC_COMPUTED_LOCAL;
  if (g_str_equal (id, "partial"))
    return MC_COMPUTED_PARTIAL;
  return MC_COMPUTED_PORTAL;
}

/* The table ships in the core's resources and is checked by the tests: a broken row is a
 * build that must not run. */
static const Table *
table (void)
{
  static Table *t;

  if (g_once_init_enter (&t))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = mc_tsv_load_resource ("/io/github/motcua/core/report-766.tsv", 7, &error);
      Table *n = g_new0 (Table, 1);

      if (rows == NULL)
        g_error ("report-766.tsv: %s", error->message);
      n->indicators = g_ptr_array_new ();
      for (guint i = 0; i < rows->len; i++)
        {
          char **cols = g_ptr_array_index (rows, i);
          McIndicator *ind = g_new0 (McIndicator, 1);

          ind->id = g_strdup (cols[0]);
          ind->group = atoi (cols[1]);
          ind->points = g_ascii_strtod (cols[2], NULL);
          ind->threshold = *cols[3] ? g_ascii_strtod (cols[3], NULL) / 100.0 : 0;
          ind->computed = computed_from_id (cols[4]);
          ind->official_name = g_strdup (cols[5]);
          ind->provenance = g_strdup (cols[6]);
          if (ind->group < 1 || ind->group > MC_REPORT_N_GROUPS)
            g_error ("report-766.tsv: indicator %s has no group 1–6", ind->id);
          if ((ind->local = MC_ID_FIND (local_ids, ind->id)) >= 0)
            n->local[ind->local] = ind;
          n->group_points[ind->group] += ind->points;
          g_ptr_array_add (n->indicators, ind);
        }
      for (int k = 0; k < MC_N_LOCAL_INDICATORS; k++)
        if (n->local[k] == NULL || n->local[k]->computed == MC_COMPUTED_PORTAL)
          g_error ("report-766.tsv: indicator %s is computed here but not listed as such", local_ids[k]);
      g_once_init_leave (&t, n);
    }
  return t;
}

guint
mc_report_get_n_indicators (void)
{
  return table ()->indicators->len;
}

/* The indicators in the portal's order, those only the portal computes included. */
const McIndicator *
mc_report_get_indicator (guint index)
{
  g_return_val_if_fail (index < table ()->indicators->len, NULL);
  return g_ptr_array_index (table ()->indicators, index);
}

const McIndicator *
mc_report_local_indicator (McIndicatorId id)
{
  g_return_val_if_fail (id < MC_N_LOCAL_INDICATORS, NULL);
  return table ()->local[id];
}

/* A short name in the window's language; the official Vietnamese name is official_name. */
const char *
mc_report_indicator_label (const McIndicator *indicator)
{
  int i = MC_ID_FIND_MEMBER (labels, id, indicator->id);

  return i >= 0 ? _(labels[i].label) : indicator->official_name;
}

const char *
mc_report_group_label (int group)
{
  switch (group)
    {
    case 1: return _("Transparency");
    case 2: return _("Progress");
    case 3: return _("Online services");
    case 4: return _("Online payment");
    case 5: return _("Digitisation");
    case 6: return _("Satisfaction");
    default: return "";
    }
}

/* The group's name as the national portal shows it, for the printed and exported reports
 * (Vietnamese whatever the window's language). */
const char *
mc_report_group_official_name (int group)
{
  static const char *names[] = {
    "", "Công khai, minh bạch", "Tiến độ giải quyết", "Dịch vụ công trực tuyến", "Thanh toán trực tuyến",
    "Số hóa hồ sơ", "Mức độ hài lòng",
  };

  return group >= 1 && group <= MC_REPORT_N_GROUPS ? names[group] : "";
}

double
mc_report_group_points (int group)
{
  g_return_val_if_fail (group >= 1 && group <= MC_REPORT_N_GROUPS, 0);
  return table ()->group_points[group];
}

/* F766: R ≥ T earns the full points, else R × points ÷ T; with no threshold stated, the
 * points follow the ratio (T = 100%). */
double
mc_report_score (const McIndicator *indicator,
                 double             ratio)
{
  double t = indicator->threshold > 0 ? indicator->threshold : 1.0;

  if (isnan (ratio))
    return NAN;
  return ratio >= t ? indicator->points : ratio * indicator->points / t;
}

/* Returns: (transfer full): what a printed or exported 766 table says it covers: the period
 * (@period, its official label) and, when the table was narrowed to them, the ministry system
 * named @system and the procedure @procedure_code (Vietnamese, as the forms print). */
char *
mc_report_scope_label (const char *period,
                       const char *system,
                       const char *procedure_code)
{
  const McProcedure *proc = procedure_code ? mc_catalog_lookup (mc_catalog_get_default (), procedure_code) : NULL;
  GString *label = g_string_new (period);

  if (system == NULL && procedure_code == NULL)
    return g_string_free (label, FALSE);
  g_string_append (label, "; chỉ tính hồ sơ");
  if (system != NULL)
    g_string_append_printf (label, " của hệ thống %s", system);
  if (procedure_code != NULL)
    g_string_append_printf (label, " thuộc thủ tục %s%s%s", procedure_code, proc ? " – " : "", proc ? proc->name : "");
  return g_string_free (label, FALSE);
}

/* The rules */

/* The day in Vietnam time: deadlines are compared by date, not by the minute (reports.md
 * §1.4: Thanh Hóa's CONVERT(DATE, …), and the warning about Biểu 06's datetimes). */
gint64
mc_report_day (gint64 t)
{
  return (t + 7 * 3600) / 86400 - (t + 7 * 3600 < 0 && (t + 7 * 3600) % 86400 != 0);
}

gboolean
mc_report_row_received (const McReportRow *row)
{
  return row->received_at != 0 && row->status != MC_STATUS_SUBMITTED && row->status != MC_STATUS_REFUSED;
}

gboolean
mc_report_row_ended (const McReportRow *row)
{
  return row->end_at != 0 && (row->status == MC_STATUS_WITHDRAWN || row->status == MC_STATUS_STOPPED ||
                              row->status == MC_STATUS_RESOLVED || row->status == MC_STATUS_RETURNED);
}

static gboolean
row_resolved (const McReportRow *row)
{
  return row->status == MC_STATUS_RESOLVED || row->status == MC_STATUS_RETURNED;
}

/* What "the end of the period" means for a dossier still open at it: the period's end, or
 * now while the period is still running. */
gint64
mc_report_reference_time (const McReportData *data,
                          gint64              end)
{
  return data->now > 0 && data->now < end ? data->now : end - 1;
}

/* The time a completed supplement kept the clock still, counted from the receipt: a
 * supplement asked for before the dossier was received delays the receipt itself, and its
 * due date runs from the complete dossier. */
static gint64
row_pause (const McReportRow *row)
{
  return row->supplement_at >= row->received_at ? row->paused : 0;
}

/* Rule 2.1 (reports.md §1.4), for a dossier in its scope: TRUE if processed early or on time.
 * The end time is the first terminal state's (NgayKetThucXuLy); a dossier still open at the
 * period's end is measured at it; a supplement requested once and not answered ends it at
 * the request; requested twice, it is late. The end is compared with the due date by date.
 *
 * F766 takes a completed supplement's pause off the end time because DVCQG compares with the
 * first NgayHenTra. The store's due date is the current one: the supplement-received and
 * fee-paid actions move it by the working time the clock stood (mc-store-actions.c), and a
 * ministry sends its current NgayHenTra, which the queue compares with too. Taking the pause
 * off again would count it twice (issue 21). Only a due date computed here from the
 * procedure's duration has not moved, so there the pause is taken off the end. */
gboolean
mc_report_row_on_time (const McReportRow *row,
                       gint64             reference)
{
  gint64 end;

  if (row->n_supplements >= 2)
    return FALSE;
  if (mc_report_row_ended (row) && row->end_at <= reference)
    end = row->end_at;
  else if (row->n_supplements == 1 && row->supplement_open && row->supplement_at <= reference)
    end = row->supplement_at;
  else
    end = reference;
  if (row->due_at == 0)
    return TRUE;
  return mc_report_day (end - (row->due_computed ? row_pause (row) : 0)) <= mc_report_day (row->due_at);
}

static gboolean
filter_match (const McReportRow *row,
              McReportFilter     filter)
{
  return (filter.source < 0 || row->source == (guint32) filter.source) &&
         (filter.procedure < 0 || row->procedure == (guint32) filter.procedure);
}

/* What every indicator asks of a dossier in a period, worked out once per dossier. */
typedef struct
{
  const McReportRow *row;
  gboolean received_in;       /* received in the period */
  gboolean scope;             /* received or processed in the period (2.1, 5.4) */
  gboolean resolved;
  gboolean on_time;           /* rule 2.1, for a dossier in scope */
} Facts;

static void
facts_init (Facts                *f,
            const McReportRow    *row,
            const McReportPeriod *period,
            gint64                reference)
{
  gboolean received = mc_report_row_received (row);

  f->row = row;
  f->received_in = received && row->received_at >= period->start && row->received_at < period->end;
  f->scope = received && row->received_at < period->end && !(mc_report_row_ended (row) && row->end_at < period->start);
  f->resolved = received && row_resolved (row);
  f->on_time = f->scope && mc_report_row_on_time (row, reference);
}

/* Whether the dossier is in the denominator ("known": its data is there) and numerator of
 * @ind; FALSE when the indicator does not count it at all. */
static gboolean
classify (const Facts          *f,
          const McReportPeriod *period,
          McIndicatorId         ind,
          gboolean             *out_known,
          gboolean             *out_counted)
{
  const McReportRow *row = f->row;

  *out_known = TRUE;
  *out_counted = FALSE;
  switch (ind)
    {
    case MC_IND_2_1:
      /* Received or processed in the period, still open ones included. */
      *out_counted = f->on_time;
      return f->scope;

    case MC_IND_5_4:
      /* 100% − (overdue rate + dislike rate): the dossiers neither late nor rated "dissatisfied". */
      *out_counted = f->on_time && row->satisfaction != MC_SATISFACTION_DISSATISFIED;
      return f->scope;

    case MC_IND_2_2:
      /* Completed dossiers whose processing started in the period. */
      *out_counted = TRUE;
      return f->received_in && f->resolved && row->end_at != 0;

    case MC_IND_3_3:
      /* Online (KenhThucHien 2) with an electronic result, among those received in the period. */
      if (row->channel == MC_CHANNEL_ONLINE)
        {
          *out_known = row->e_result != MC_FLAG_UNKNOWN;
          *out_counted = row->e_result == MC_FLAG_YES;
        }
      return f->received_in;

    case MC_IND_3_6:
      /* Paid online (DuocThanhToanTrucTuyen 1 or 2) among the dossiers with a fee to pay. */
      *out_known = row->payment != MC_PAYMENT_UNKNOWN;
      *out_counted = mc_payment_state_is_online (row->payment);
      return f->received_in && row->payment != MC_PAYMENT_NOT_REQUIRED && row->payment != MC_PAYMENT_EXEMPT;

    case MC_IND_4_1:
      /* An electronic result among the dossiers resolved in the period. */
      *out_known = row->e_result != MC_FLAG_UNKNOWN;
      *out_counted = row->e_result == MC_FLAG_YES;
      return f->resolved && row->end_at >= period->start && row->end_at < period->end;

    case MC_IND_4_2:
      /* Components digitised and, once there is a result, an electronic one. */
      *out_known = row->digitised != MC_FLAG_UNKNOWN && (!f->resolved || row->e_result != MC_FLAG_UNKNOWN);
      *out_counted = row->digitised == MC_FLAG_YES && (!f->resolved || row->e_result == MC_FLAG_YES);
      return f->received_in;

    case MC_IND_4_3:
    case MC_IND_4_4:
    case MC_IND_4_5B:
      {
        gint8 flag = ind == MC_IND_4_3 ? row->reused : ind == MC_IND_4_4 ? row->from_store : row->citizen_data;

        *out_known = flag != MC_FLAG_UNKNOWN;
        *out_counted = flag == MC_FLAG_YES;
        return f->received_in;
      }

    case MC_N_LOCAL_INDICATORS:
    default:
      return FALSE;
    }
}

static void
finish (McIndicatorValue  *v,
        const McIndicator *ind)
{
  if (v->denominator == 0)
    {
      v->ratio = v->points = NAN;
      if (ind->local != MC_IND_2_2)
        v->value = NAN;
      return;
    }
  v->ratio = (double) v->numerator / (double) v->denominator;
  v->points = ind->local == MC_IND_2_2 ? 0 : mc_report_score (ind, v->ratio);
  if (ind->local != MC_IND_2_2)
    v->value = v->ratio;
}

void
mc_report_766_compute (const McReportData   *data,
                       const McReportPeriod *period,
                       McReportFilter        filter,
                       McReport766          *out)
{
  gint64 reference = mc_report_reference_time (data, period->end);
  double days = 0;

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < data->rows->len; i++)
    {
      const McReportRow *row = &g_array_index (data->rows, McReportRow, i);
      Facts f;

      if (!filter_match (row, filter))
        continue;
      facts_init (&f, row, period, reference);
      if (!f.received_in && !f.scope && !f.resolved)
        continue;
      if (f.received_in)
        out->channel[row->channel <= 3 ? row->channel : 0]++;
      for (int k = 0; k < MC_N_LOCAL_INDICATORS; k++)
        {
          gboolean known, counted;

          if (!classify (&f, period, k, &known, &counted))
            continue;
          out->values[k].scope++;
          if (!known)
            continue;
          out->values[k].denominator++;
          out->values[k].numerator += counted;
          if (k == MC_IND_2_2)
            days += (double) MAX (row->end_at - row->received_at - row_pause (row), 0) / 86400.0;
        }
    }
  out->values[MC_IND_2_2].value = out->values[MC_IND_2_2].denominator ? days / out->values[MC_IND_2_2].denominator : NAN;
  for (int g = 0; g <= MC_REPORT_N_GROUPS; g++)
    out->group_points[g] = NAN;
  for (int k = 0; k < MC_N_LOCAL_INDICATORS; k++)
    {
      const McIndicator *ind = mc_report_local_indicator (k);

      finish (&out->values[k], ind);
      out->group_max[ind->group] += ind->points;
      out->total_max += ind->points;
      if (!isnan (out->values[k].points))
        {
          out->group_points[ind->group] = (isnan (out->group_points[ind->group]) ? 0 : out->group_points[ind->group]) +
                                          out->values[k].points;
          out->total += out->values[k].points;
        }
    }
}

static int
compare_days_late (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const McReportRow *x = *(const McReportRow **) a, *y = *(const McReportRow **) b;
  gint64 lx = x->due_at ? x->due_at : G_MAXINT64, ly = y->due_at ? y->due_at : G_MAXINT64;

  return lx < ly ? -1 : lx > ly ? 1 : (x->id > y->id) - (x->id < y->id);
}

/* Returns: (transfer full): the ids (gint64) of the dossiers behind a number of the 766
 * table, the oldest due date first (so the longest overdue, which cost the most, lead). */
GArray *
mc_report_766_dossiers (const McReportData   *data,
                        const McReportPeriod *period,
                        McReportFilter        filter,
                        McIndicatorId         indicator,
                        McDrill               drill)
{
  gint64 reference = mc_report_reference_time (data, period->end);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < data->rows->len; i++)
    {
      const McReportRow *row = &g_array_index (data->rows, McReportRow, i);
      gboolean known, counted;
      Facts f;

      if (!filter_match (row, filter))
        continue;
      facts_init (&f, row, period, reference);
      if (!classify (&f, period, indicator, &known, &counted) || !known)
        continue;
      if ((drill == MC_DRILL_NUMERATOR && !counted) || (drill == MC_DRILL_MISSED && counted))
        continue;
      g_ptr_array_add (rows, (gpointer) row);
    }
  g_ptr_array_sort_with_data (rows, compare_days_late, NULL);
  for (guint i = 0; i < rows->len; i++)
    g_array_append_val (ids, ((const McReportRow *) g_ptr_array_index (rows, i))->id);
  return ids;
}
