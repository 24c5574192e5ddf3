/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "mc-report-private.h"
#include "mc-catalog.h"
#include "mc-sample.h"
#include "mc-store-files.h"
#include "mc-store-private.h"
#include "mc-store-actions.h"
#include "mc-store-report.h"
#include "mc-time.h"

/* The counting rules of the reports on small stores built by hand, each dossier placed on one
 * side of one rule (../shared/domain/reports.md §1.3–1.7 and its edge cases), and Biểu 06's
 * identities on random stores. "Now" is pinned to 5 December 2026; the period is November. */

#define T(y, mo, d, h) mc_time_from_local ((y), (mo), (d), (h), 0)

static McStore *
new_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mc-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "motcua.db", NULL);
  McStore *store = mc_store_open (path, MC_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) sources = mc_sample_sources ();

  g_assert_no_error (error);
  for (guint i = 0; i < sources->len; i++)
    g_assert_true (mc_store_add_source (store, g_ptr_array_index (sources, i), NULL));
  return store;
}

static guint serial;

/* A received in-person dossier of procedure 1.012223 (15 working days, assumed). */
static McDossier *
dossier (McStatus status,
         gint64   received,
         gint64   due,
         gint64   end)
{
  McDossier *d = mc_dossier_new ();

  d->source_id = g_strdup ("g09");
  d->number = g_strdup_printf ("T-%04u", ++serial);
  d->procedure_code = g_strdup ("1.012223");
  d->procedure_name = g_strdup ("Thủ tục thử");
  d->field_code = g_strdup ("G09-LV01");
  d->applicant_name = g_strdup ("Nguyễn Văn An");
  d->status = status;
  d->submitted_at = received ? received - 600 : T (2026, 11, 2, 8);
  d->received_at = received;
  d->due_at = due;
  d->finished_at = end;
  return d;
}

static gint64
store_it (McStore   *store,
          McDossier *d)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_insert_dossier (store, d, &error));
  g_assert_no_error (error);
  return d->id;
}

static gint64
add (McStore  *store,
     McStatus  status,
     gint64    received,
     gint64    due,
     gint64    end)
{
  g_autoptr(McDossier) d = dossier (status, received, due, end);

  return store_it (store, d);
}

static void
november (McReportPeriod *p)
{
  g_assert_true (mc_report_period_parse ("2026-11", FALSE, p, NULL));
}

static McReportData *
load (McStore              *store,
      const McReportPeriod *p)
{
  g_autoptr(GError) error = NULL;
  McReportData *data = mc_store_report_load (store, p->start, p->end, &error);

  g_assert_no_error (error);
  return data;
}

static gboolean
listed (GArray *ids,
        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_periods (void)
{
  McReportPeriod p, q;
  g_autoptr(GError) error = NULL;

  november (&p);
  g_assert_cmpint (p.start, ==, T (2026, 11, 1, 0));
  g_assert_cmpint (p.end, ==, T (2026, 12, 1, 0));
  /* The cut-off: the 15th of the month before to the 14th. */
  g_assert_true (mc_report_period_parse ("2026-11", TRUE, &p, NULL));
  g_assert_cmpint (p.start, ==, T (2026, 10, 15, 0));
  g_assert_cmpint (p.end, ==, T (2026, 11, 15, 0));
  g_assert_true (mc_report_period_parse ("2026-01", TRUE, &p, NULL));
  g_assert_cmpint (p.start, ==, T (2025, 12, 15, 0));
  g_assert_true (mc_report_period_parse ("2026-Q1", TRUE, &p, NULL));
  g_assert_cmpint (p.start, ==, T (2025, 12, 15, 0));
  g_assert_cmpint (p.end, ==, T (2026, 3, 15, 0));
  g_assert_true (mc_report_period_parse ("2026-Q3", FALSE, &p, NULL));
  g_assert_cmpint (p.start, ==, T (2026, 7, 1, 0));
  g_assert_cmpint (p.end, ==, T (2026, 10, 1, 0));
  g_assert_true (mc_report_period_parse ("2026-H1", TRUE, &p, NULL));
  g_assert_cmpint (p.start, ==, T (2025, 12, 15, 0));
  g_assert_cmpint (p.end, ==, T (2026, 6, 15, 0));
  g_assert_true (mc_report_period_parse ("2026-9M", TRUE, &p, NULL));
  g_assert_cmpint (p.end, ==, T (2026, 9, 15, 0));
  g_assert_true (mc_report_period_parse ("2026", TRUE, &p, NULL));
  g_assert_cmpint (p.start, ==, T (2025, 12, 15, 0));
  g_assert_cmpint (p.end, ==, T (2026, 12, 15, 0));
  g_assert_true (mc_report_period_parse ("2026", FALSE, &p, NULL));
  g_assert_cmpint (p.end, ==, T (2027, 1, 1, 0));
  /* The 20th of November belongs to December's cut-off month, the 14th to November's. */
  mc_report_period_containing (MC_PERIOD_MONTH, TRUE, T (2026, 11, 20, 9), &q);
  g_assert_cmpint (q.index, ==, 12);
  mc_report_period_containing (MC_PERIOD_MONTH, TRUE, T (2026, 11, 14, 23), &q);
  g_assert_cmpint (q.index, ==, 11);
  mc_report_period_containing (MC_PERIOD_MONTH, TRUE, T (2026, 12, 20, 9), &q);
  g_assert_cmpint (q.year, ==, 2027);
  g_assert_cmpint (q.index, ==, 1);
  mc_report_period_previous (&q, &q);
  g_assert_cmpint (q.year, ==, 2026);
  g_assert_cmpint (q.index, ==, 12);
  g_assert_false (mc_report_period_parse ("2026-13", FALSE, &p, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
}

static void
test_progress_rules (void)
{
  g_autoptr(McStore) store = new_store ();
  g_autoptr(McReportData) data = NULL;
  g_autoptr(GArray) late = NULL;
  McReportPeriod p;
  McReport766 r;
  gint64 same_day, day_after, twice, asked_once, paused, open_ok, open_late, no_due_ok, no_due_late,
         refused, before, early;

  november (&p);
  /* Finished at 16:00 on its due day, due at 08:00: on time (by date, not by the minute). */
  same_day = add (store, MC_STATUS_RESOLVED, T (2026, 11, 2, 8), T (2026, 11, 10, 8), T (2026, 11, 10, 16));
  day_after = add (store, MC_STATUS_RETURNED, T (2026, 11, 2, 8), T (2026, 11, 10, 8), T (2026, 11, 11, 7));
  early = add (store, MC_STATUS_RESOLVED, T (2026, 11, 2, 8), T (2026, 11, 20, 8), T (2026, 11, 5, 9));
  {
    /* Asked for a supplement twice: late, even though finished early. */
    g_autoptr(McDossier) d = dossier (MC_STATUS_RESOLVED, T (2026, 11, 3, 8), T (2026, 11, 25, 17), T (2026, 11, 9, 10));

    mc_dossier_add_supplement (d, T (2026, 11, 4, 8), "Ảnh", T (2026, 11, 5, 8));
    mc_dossier_add_supplement (d, T (2026, 11, 6, 8), "Ảnh", T (2026, 11, 7, 8));
    twice = store_it (store, d);
  }
  {
    /* Asked once and the citizen never came back: it ends at the request, before its due day. */
    g_autoptr(McDossier) d = dossier (MC_STATUS_SUPPLEMENT_REQUESTED, T (2026, 11, 3, 8), T (2026, 11, 12, 17), 0);

    mc_dossier_add_supplement (d, T (2026, 11, 5, 9), "Ảnh", 0);
    asked_once = store_it (store, d);
  }
  {
    /* Its supplement kept the clock still for 5 days, and the system moved its due date by
     * them (from the 12th to the 17th): finished on the 16th, on time. */
    g_autoptr(McDossier) d = dossier (MC_STATUS_RESOLVED, T (2026, 11, 2, 8), T (2026, 11, 17, 17), T (2026, 11, 16, 10));

    mc_dossier_add_supplement (d, T (2026, 11, 4, 8), "Ảnh", T (2026, 11, 9, 8));
    paused = store_it (store, d);
  }
  /* Open at the period's end: on time while its due date has not passed. */
  open_ok = add (store, MC_STATUS_PROCESSING, T (2026, 11, 20, 8), T (2026, 12, 4, 17), 0);
  open_late = add (store, MC_STATUS_PROCESSING, T (2026, 11, 2, 8), T (2026, 11, 27, 17), 0);
  /* No due date: 15 working days from receipt is the procedure's limit. */
  no_due_ok = add (store, MC_STATUS_RESOLVED, T (2026, 11, 2, 8), 0, T (2026, 11, 10, 8));
  no_due_late = add (store, MC_STATUS_RESOLVED, T (2026, 11, 2, 8), 0, T (2026, 11, 30, 8));
  /* Refused (never received) and finished before the period: not counted at all. */
  refused = add (store, MC_STATUS_REFUSED, T (2026, 11, 3, 8), T (2026, 11, 4, 8), T (2026, 11, 3, 9));
  before = add (store, MC_STATUS_RETURNED, T (2026, 10, 1, 8), T (2026, 10, 20, 8), T (2026, 10, 25, 8));
  /* Still in progress from October, due in November, finished in December: late in November. */
  add (store, MC_STATUS_RESOLVED, T (2026, 10, 20, 8), T (2026, 11, 6, 17), T (2026, 12, 2, 9));

  data = load (store, &p);
  mc_report_766_compute (data, &p, MC_REPORT_FILTER_ALL, &r);
  g_assert_cmpint (r.values[MC_IND_2_1].denominator, ==, 11);
  g_assert_cmpint (r.values[MC_IND_2_1].numerator, ==, 6);
  late = mc_report_766_dossiers (data, &p, MC_REPORT_FILTER_ALL, MC_IND_2_1, MC_DRILL_MISSED);
  g_assert_cmpuint (late->len, ==, 5);
  g_assert_true (listed (late, day_after));
  g_assert_true (listed (late, twice));
  g_assert_true (listed (late, open_late));
  g_assert_true (listed (late, no_due_late));
  g_assert_false (listed (late, same_day));
  g_assert_false (listed (late, early));
  g_assert_false (listed (late, asked_once));
  g_assert_false (listed (late, paused));
  g_assert_false (listed (late, open_ok));
  g_assert_false (listed (late, no_due_ok));
  g_assert_false (listed (late, refused));
  g_assert_false (listed (late, before));
  /* The longest overdue first. */
  g_assert_cmpint (g_array_index (late, gint64, 0), ==, serial);
  /* No threshold stated: the points follow the ratio. */
  g_assert_cmpfloat_with_epsilon (r.values[MC_IND_2_1].points, 20.0 * 6 / 11, 1e-9);
  /* 5.4's overdue part: 1 − late rate (no ratings here). */
  g_assert_cmpint (r.values[MC_IND_5_4].numerator, ==, 6);
  g_assert_cmpfloat_with_epsilon (r.values[MC_IND_5_4].points, MIN (6.0, (6.0 / 11) * 6 / 0.9), 1e-9);
  /* 2.2: started in the period and completed (the six resolved ones received in November). */
  g_assert_cmpint (r.values[MC_IND_2_2].denominator, ==, 7);
}

/* A pause counts once (issue 21). The store's actions move the due date by the working time
 * a supplement or a fee kept the clock still; rule 2.1 compares the end with that due date and
 * takes no pause off the end again. Built through the store's own actions, so the due date is
 * the one the queue shows. */
static void
test_pause_counted_once (void)
{
  static const char *items[] = { "Ảnh 4x6", NULL };
  g_autoptr(McStore) store = new_store ();
  g_autoptr(McReportData) data = NULL;
  g_autoptr(GArray) late = NULL;
  g_autoptr(McDossier) moved = NULL;
  g_autoptr(GError) error = NULL;
  McReportPeriod p;
  McReport766 r;
  gint64 supplement, fee, due_day;
  const struct { gint64 *id; McAction action; McActionInput in; } steps[] = {
    /* Asked on Tuesday the 3rd at 09:00, back on Monday the 9th at 09:00: 4 working days
     * still. Due on the 10th, moved to the 16th; finished on the 18th: late by two days. With
     * the pause taken off the end as well (the 12th) it would pass as on time. */
    { &supplement, MC_ACTION_REQUEST_SUPPLEMENT, { .at = T (2026, 11, 3, 9), .items = items } },
    { &supplement, MC_ACTION_SUPPLEMENT_RECEIVED, { .at = T (2026, 11, 9, 9) } },
    { &supplement, MC_ACTION_RESOLVE, { .at = T (2026, 11, 18, 10), .results = items } },
    /* A fee asked on the 4th, paid on the 6th at 09:00 (2 working days): due on the 10th,
     * moved to the 12th; finished on the 13th: late. */
    { &fee, MC_ACTION_REQUEST_FEE, { .at = T (2026, 11, 4, 9), .fee_name = "Lệ phí", .fee_vnd = 50000 } },
    { &fee, MC_ACTION_FEE_PAID, { .at = T (2026, 11, 6, 9) } },
    { &fee, MC_ACTION_RESOLVE, { .at = T (2026, 11, 13, 10), .results = items } },
  };

  november (&p);
  supplement = add (store, MC_STATUS_PROCESSING, T (2026, 11, 2, 8), T (2026, 11, 10, 17), 0);
  fee = add (store, MC_STATUS_PROCESSING, T (2026, 11, 2, 8), T (2026, 11, 10, 17), 0);
  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_assert_true (mc_store_apply_action (store, *steps[i].id, steps[i].action, &steps[i].in, "Cán bộ thử", &error));
      g_assert_no_error (error);
    }
  moved = mc_store_get_dossier (store, supplement, NULL);
  due_day = mc_report_day (moved->due_at);
  g_assert_cmpint (due_day, ==, mc_report_day (T (2026, 11, 16, 12)));

  data = load (store, &p);
  mc_report_766_compute (data, &p, MC_REPORT_FILTER_ALL, &r);
  g_assert_cmpint (r.values[MC_IND_2_1].denominator, ==, 2);
  g_assert_cmpint (r.values[MC_IND_2_1].numerator, ==, 0);
  late = mc_report_766_dossiers (data, &p, MC_REPORT_FILTER_ALL, MC_IND_2_1, MC_DRILL_MISSED);
  g_assert_true (listed (late, supplement));
  g_assert_true (listed (late, fee));
  /* Biểu 06 agrees: both finished late, column (10). */
  {
    g_autoptr(McBieu06) form = mc_report_bieu06_compute (data, p.start, p.end, MC_BIEU06_BY_SOURCE);
    McBieu06Row *total = &g_array_index (form->rows, McBieu06Row, form->rows->len - 1);

    g_assert_cmpint (total->cells[10 - 3], ==, 2);
  }
}

static void
test_data_missing_is_a_dash (void)
{
  g_autoptr(McStore) store = new_store ();
  g_autoptr(McReportData) data = NULL;
  McReportPeriod p;
  McReport766 r;

  november (&p);
  add (store, MC_STATUS_PROCESSING, T (2026, 11, 2, 8), T (2026, 11, 25, 8), 0);
  add (store, MC_STATUS_PROCESSING, T (2026, 11, 3, 8), T (2026, 11, 25, 8), 0);
  data = load (store, &p);
  mc_report_766_compute (data, &p, MC_REPORT_FILTER_ALL, &r);
  /* No system said anything of population data, reuse, payments or files: "—", not 0%. */
  for (int k = MC_IND_3_6; k <= MC_IND_4_5B; k++)
    {
      g_assert_cmpint (r.values[k].denominator, ==, 0);
      g_assert_true (isnan (r.values[k].ratio));
      g_assert_true (isnan (r.values[k].points));
    }
  g_assert_cmpint (r.values[MC_IND_4_5B].scope, ==, 2);
  g_assert_false (isnan (r.values[MC_IND_2_1].ratio));
  /* A group none of whose indicators had data scores "—" too (payment: 3.6; digitisation: 4.x). */
  g_assert_true (isnan (r.group_points[4]));
  g_assert_true (isnan (r.group_points[5]));
  g_assert_false (isnan (r.group_points[2]));
  /* The total counts only what could be computed. */
  g_assert_cmpfloat_with_epsilon (r.total, r.values[MC_IND_2_1].points + r.values[MC_IND_5_4].points, 1e-9);
}

static void
test_digitisation_payment_flags (void)
{
  g_autoptr(McStore) store = new_store ();
  g_autoptr(McReportData) data = NULL;
  g_autoptr(McDossier) back = NULL;
  McReportPeriod p;
  McReport766 r;
  McDossier *d;
  McFile file = { MC_FILE_LOCAL, MC_FILE_COMPONENT, NULL, (char *) "scan.pdf", NULL, 1000, NULL, NULL, (char *) "/tmp/scan.pdf" };
  gint64 local_scan;

  november (&p);
  /* Paid online on the portal, a digitised component, a citizen verified with VNeID. */
  d = dossier (MC_STATUS_PROCESSING, T (2026, 11, 2, 8), T (2026, 11, 25, 8), 0);
  d->payment = MC_PAYMENT_PAID_ONLINE_PORTAL;
  d->citizen_data = MC_FLAG_YES;
  d->files_known = TRUE;
  mc_dossier_add_document (d, "Tờ khai", FALSE, 1)->digitised = MC_FLAG_YES;
  store_it (store, d);
  mc_dossier_unref (d);
  /* Resolved with components on file but no electronic result: not digitised in full (4.2),
   * no e-result (4.1). Paid at the counter: counted in 3.6's denominator only. */
  d = dossier (MC_STATUS_RESOLVED, T (2026, 11, 2, 8), T (2026, 11, 25, 8), T (2026, 11, 6, 8));
  d->payment = MC_PAYMENT_PAID_COUNTER;
  d->citizen_data = MC_FLAG_NO;
  d->files_known = TRUE;
  mc_dossier_add_file (d, MC_FILE_REMOTE, MC_FILE_COMPONENT, "ho-so.pdf", "TP01", 2000);
  mc_dossier_add_result (d, "Quyết định", "12/QĐ", T (2026, 11, 6, 8));
  store_it (store, d);
  mc_dossier_unref (d);
  /* Resolved with an electronic result (a link) and its components on file: both count. */
  d = dossier (MC_STATUS_RETURNED, T (2026, 11, 3, 8), T (2026, 11, 25, 8), T (2026, 11, 7, 8));
  d->payment = MC_PAYMENT_NOT_REQUIRED;
  d->files_known = TRUE;
  mc_dossier_add_file (d, MC_FILE_REMOTE, MC_FILE_COMPONENT, "ho-so.pdf", "TP01", 2000);
  mc_dossier_add_result (d, "Quyết định", "13/QĐ", T (2026, 11, 7, 8))->file_url = g_strdup ("/kq/13.pdf");
  store_it (store, d);
  mc_dossier_unref (d);
  /* The system listed no file: a known "not digitised", until the counter scans one. */
  d = dossier (MC_STATUS_PROCESSING, T (2026, 11, 4, 8), T (2026, 11, 25, 8), 0);
  d->files_known = TRUE;
  local_scan = store_it (store, d);
  mc_dossier_unref (d);
  data = load (store, &p);
  mc_report_766_compute (data, &p, MC_REPORT_FILTER_ALL, &r);
  g_assert_cmpint (r.values[MC_IND_3_6].denominator, ==, 2);
  g_assert_cmpint (r.values[MC_IND_3_6].numerator, ==, 1);
  g_assert_cmpint (r.values[MC_IND_4_1].denominator, ==, 2);
  g_assert_cmpint (r.values[MC_IND_4_1].numerator, ==, 1);
  g_assert_cmpint (r.values[MC_IND_4_2].denominator, ==, 4);
  g_assert_cmpint (r.values[MC_IND_4_2].numerator, ==, 2);
  g_assert_cmpint (r.values[MC_IND_4_5B].denominator, ==, 2);
  g_assert_cmpint (r.values[MC_IND_4_5B].numerator, ==, 1);
  /* 4.2's threshold is 80%: 50% earns 50/80 of its 4 points. */
  g_assert_cmpfloat_with_epsilon (r.values[MC_IND_4_2].points, 4 * 0.5 / 0.8, 1e-9);
  /* 3.3: no online dossier, so none counts: 0 of 4. */
  g_assert_cmpint (r.values[MC_IND_3_3].numerator, ==, 0);
  g_assert_cmpint (r.values[MC_IND_3_3].denominator, ==, 4);

  /* A scan at the counter (a local file) makes it digitised, and survives in the store. */
  g_assert_true (mc_store_add_local_file (store, local_scan, &file, NULL));
  g_clear_pointer (&data, mc_report_data_free);
  data = load (store, &p);
  mc_report_766_compute (data, &p, MC_REPORT_FILTER_ALL, &r);
  g_assert_cmpint (r.values[MC_IND_4_2].numerator, ==, 3);
  back = mc_store_get_dossier (store, local_scan, NULL);
  g_assert_cmpuint (back->files->len, ==, 1);
  g_assert_cmpint (((McFile *) g_ptr_array_index (back->files, 0))->origin, ==, MC_FILE_LOCAL);
}

static void
test_fields_round_trip (void)
{
  g_autoptr(McStore) store = new_store ();
  g_autoptr(McDossier) d = mc_sample_dossier (MC_SAMPLE_DEFAULT_SEED, 41, T (2026, 12, 5, 10));
  g_autoptr(McDossier) back = NULL;
  McDossierFacts a, b;

  store_it (store, d);
  back = mc_store_get_dossier (store, d->id, NULL);
  g_assert_cmpint (back->payment, ==, d->payment);
  g_assert_cmpint (back->satisfaction, ==, d->satisfaction);
  g_assert_cmpint (back->citizen_data, ==, d->citizen_data);
  g_assert_cmpint (back->files_known, ==, d->files_known);
  g_assert_cmpuint (back->files->len, ==, d->files->len);
  g_assert_cmpuint (back->documents->len, ==, d->documents->len);
  for (guint i = 0; i < d->documents->len; i++)
    g_assert_cmpint (((McDocument *) g_ptr_array_index (back->documents, i))->digitised, ==,
                     ((McDocument *) g_ptr_array_index (d->documents, i))->digitised);
  mc_dossier_get_facts (d, &a);
  mc_dossier_get_facts (back, &b);
  g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
}

/* Every procedure of the catalogue has its lĩnh vực; a dossier of a procedure the catalogue
 * does not know keeps the code its system sent, and one without any is "not determined". */
static void
test_field_names (void)
{
  g_autoptr(McStore) store = new_store ();
  g_autoptr(McReportData) data = NULL;
  McCatalog *catalog = mc_catalog_get_default ();
  McReportPeriod p;
  McDossier *d;
  int unknown, none;

  for (guint i = 0; i < mc_catalog_get_n_procedures (catalog); i++)
    g_assert_nonnull (mc_report_procedure_field (mc_catalog_get_procedure (catalog, i)->code));
  november (&p);
  d = dossier (MC_STATUS_PROCESSING, T (2026, 11, 2, 8), T (2026, 11, 25, 8), 0);
  g_free (d->procedure_code);
  d->procedure_code = g_strdup ("9.999999");
  store_it (store, d);
  mc_dossier_unref (d);
  d = dossier (MC_STATUS_PROCESSING, T (2026, 11, 2, 8), T (2026, 11, 25, 8), 0);
  g_free (d->procedure_code);
  d->procedure_code = g_strdup ("9.999998");
  g_clear_pointer (&d->field_code, g_free);
  store_it (store, d);
  mc_dossier_unref (d);
  data = load (store, &p);
  unknown = mc_report_data_find (data, 'f', "G09-LV01");
  none = mc_report_data_find (data, 'f', "");
  g_assert_cmpint (unknown, >=, 0);
  g_assert_cmpint (none, >=, 0);
  {
    g_autofree char *a = mc_report_field_title (data, unknown);
    g_autofree char *b = mc_report_field_title (data, none);

    g_assert_cmpstr (a, ==, "Lĩnh vực G09-LV01");
    g_assert_cmpstr (b, ==, "Lĩnh vực chưa xác định");
  }
}

static void
test_bieu06_columns (void)
{
  g_autoptr(McStore) store = new_store ();
  g_autoptr(McReportData) data = NULL;
  g_autoptr(McBieu06) form = NULL;
  McReportPeriod p;
  McBieu06Row *total;
  McDossier *d;

  november (&p);
  /* From October, still open, overdue at the period's end: (6), (11), (13). */
  add (store, MC_STATUS_PROCESSING, T (2026, 10, 20, 8), T (2026, 11, 10, 17), 0);
  /* Online in November, finished on its due day (later in the day): (4), (7), (9). */
  d = dossier (MC_STATUS_RETURNED, T (2026, 11, 2, 8), T (2026, 11, 10, 8), T (2026, 11, 10, 16));
  d->channel = MC_CHANNEL_ONLINE;
  store_it (store, d);
  mc_dossier_unref (d);
  /* By post, withdrawn early: (5), (7), (8). */
  d = dossier (MC_STATUS_WITHDRAWN, T (2026, 11, 3, 8), T (2026, 11, 20, 8), T (2026, 11, 5, 8));
  d->channel = MC_CHANNEL_POST;
  store_it (store, d);
  mc_dossier_unref (d);
  /* Refused, and received in December: nowhere. */
  add (store, MC_STATUS_REFUSED, T (2026, 11, 4, 8), T (2026, 11, 5, 8), T (2026, 11, 4, 9));
  add (store, MC_STATUS_PROCESSING, T (2026, 12, 1, 8), T (2026, 12, 10, 8), 0);

  data = load (store, &p);
  form = mc_report_bieu06_compute (data, p.start, p.end, MC_BIEU06_BY_FIELD);
  g_assert_true (mc_report_bieu06_check (form, NULL));
  total = &g_array_index (form->rows, McBieu06Row, form->rows->len - 1);
  {
    static const gint64 expected[MC_BIEU06_N_COUNTS] = { 3, 1, 1, 1, 2, 1, 1, 0, 1, 0, 1 };

    g_assert_cmpmem (total->cells, sizeof total->cells, expected, sizeof expected);
  }
  /* One ministry, one field: its row, the ministry's subtotal, the total. The field is named
   * by the procedure's lĩnh vực in the catalogue, not by the code the system sent. */
  g_assert_cmpuint (form->rows->len, ==, 3);
  {
    g_autofree char *title = mc_report_field_title (data, g_array_index (form->rows, McBieu06Row, 0).field);

    g_assert_cmpstr (title, ==, "Công tác dân tộc");
  }
  {
    g_autoptr(GArray) overdue = mc_report_bieu06_dossiers (data, p.start, p.end, -1, -1, 13);

    g_assert_cmpuint (overdue->len, ==, 1);
  }
}

/* Random dossiers in every status and at every date around a random period: the identities
 * hold on every row, and (3) is what plain SQL counts (a finished dossier without an end date
 * counts as still open). */
static void
test_bieu06_identities_random (void)
{
  g_autoptr(McStore) store = new_store ();
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());
  static const char *sources[] = { "g03", "g09", "g16", "g18", "g21" };

  g_assert_true (mc_store_begin (store, NULL));
  for (int i = 0; i < 3000; i++)
    {
      gint64 received = T (2026, 6, 1, 8) + g_rand_int_range (rand, 0, 200) * 86400 + g_rand_int_range (rand, 0, 9 * 3600);
      McStatus status = g_rand_int_range (rand, 1, 11);
      gboolean ended = status >= MC_STATUS_WITHDRAWN && status != MC_STATUS_FEE_REQUESTED;
      g_autoptr(McDossier) d = dossier (status, g_rand_int_range (rand, 0, 20) ? received : 0,
                                        g_rand_int_range (rand, 0, 15) ? received + g_rand_int_range (rand, 1, 30) * 86400 : 0,
                                        ended && g_rand_int_range (rand, 0, 20) ? received + g_rand_int_range (rand, 0, 40) * 86400 : 0);

      g_free (d->source_id);
      d->source_id = g_strdup (sources[g_rand_int_range (rand, 0, 5)]);
      g_free (d->field_code);
      d->field_code = g_rand_int_range (rand, 0, 10) ? g_strdup_printf ("%s-LV%02d", d->source_id, g_rand_int_range (rand, 1, 6)) : NULL;
      d->channel = g_rand_int_range (rand, 1, 4);
      if (status == MC_STATUS_SUPPLEMENT_REQUESTED || !g_rand_int_range (rand, 0, 8))
        mc_dossier_add_supplement (d, received + 86400, "Ảnh", g_rand_boolean (rand) ? received + 3 * 86400 : 0);
      store_it (store, d);
    }
  g_assert_true (mc_store_commit (store, NULL));

  for (int k = 0; k < 20; k++)
    {
      gint64 from = T (2026, 6, 1, 0) + g_rand_int_range (rand, 0, 200) * 86400;
      gint64 to = from + g_rand_int_range (rand, 1, 120) * 86400;
      g_autoptr(McReportData) data = mc_store_report_load (store, from, to, NULL);
      g_autoptr(McBieu06) form = mc_report_bieu06_compute (data, from, to, k % 2 ? MC_BIEU06_BY_SOURCE : MC_BIEU06_BY_FIELD);
      g_autoptr(GError) error = NULL;
      McBieu06Row *total = &g_array_index (form->rows, McBieu06Row, form->rows->len - 1);
      g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) FROM dossiers WHERE received_at IS NOT NULL AND status NOT IN (1, 3) AND received_at < %"
        G_GINT64_FORMAT " AND NOT (status IN (7, 8, 9, 10) AND coalesce(finished_at, returned_at, %" G_GINT64_FORMAT ") < %"
        G_GINT64_FORMAT ")",
        to, from, from);
      gint64 sums[MC_BIEU06_N_COUNTS] = { 0 };

      g_assert_true (mc_report_bieu06_check (form, &error));
      g_assert_no_error (error);
      /* Read in two halves at once (as a big profile is), the form is the same. */
      {
        g_autoptr(McReportData) halves = NULL;
        g_autoptr(McBieu06) again = NULL;
        McReportPeriod p = { MC_PERIOD_MONTH, 2026, 1, FALSE, from, to };
        McReport766 a, b;

        mc_store_report_set_split_threshold (10);
        halves = mc_store_report_load (store, from, to, NULL);
        mc_store_report_set_split_threshold (200000);
        g_assert_cmpuint (halves->rows->len, ==, data->rows->len);
        again = mc_report_bieu06_compute (halves, from, to, k % 2 ? MC_BIEU06_BY_SOURCE : MC_BIEU06_BY_FIELD);
        g_assert_cmpuint (again->rows->len, ==, form->rows->len);
        g_assert_cmpmem (again->rows->data, again->rows->len * sizeof (McBieu06Row),
                         form->rows->data, form->rows->len * sizeof (McBieu06Row));
        mc_report_766_compute (data, &p, MC_REPORT_FILTER_ALL, &a);
        mc_report_766_compute (halves, &p, MC_REPORT_FILTER_ALL, &b);
        for (int i = 0; i < MC_N_LOCAL_INDICATORS; i++)
          {
            g_assert_cmpint (a.values[i].numerator, ==, b.values[i].numerator);
            g_assert_cmpint (a.values[i].denominator, ==, b.values[i].denominator);
          }
      }
      g_assert_cmpint (total->cells[0], ==, mc_store_step_int64 (store, mc_store_prepare (store, sql, NULL), "count", NULL));
      /* The ministries add up to the total. */
      for (guint i = 0; i + 1 < form->rows->len; i++)
        {
          McBieu06Row *row = &g_array_index (form->rows, McBieu06Row, i);

          if (row->field < 0)
            for (int c = 0; c < MC_BIEU06_N_COUNTS; c++)
              sums[c] += row->cells[c];
        }
      g_assert_cmpmem (sums, sizeof sums, total->cells, sizeof total->cells);
    }
  g_rand_free (rand);
}

static void
test_indicator_table (void)
{
  double total = 0, local = 0;

  for (guint i = 0; i < mc_report_get_n_indicators (); i++)
    {
      const McIndicator *ind = mc_report_get_indicator (i);

      total += ind->points;
      if (ind->computed != MC_COMPUTED_PORTAL)
        local += ind->points;
      g_assert_nonnull (ind->provenance);
      g_assert_cmpstr (ind->provenance, !=, "");
    }
  /* 100 points in six groups (18, 20, 12, 10, 22, 18); the portal alone scores 38 of them. */
  g_assert_cmpfloat (total, ==, 100);
  g_assert_cmpfloat (local, ==, 62);
  g_assert_cmpfloat (mc_report_group_points (5), ==, 22);
  g_assert_cmpfloat (mc_report_local_indicator (MC_IND_4_2)->threshold, ==, 0.8);
  g_assert_cmpfloat (mc_report_score (mc_report_local_indicator (MC_IND_3_3), 0.6), ==, 12);
  g_assert_cmpfloat (mc_report_score (mc_report_local_indicator (MC_IND_3_3), 0.25), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("MC_NOW", "2026-12-05 10:00", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/periods", test_periods);
  g_test_add_func ("/report/indicator-table", test_indicator_table);
  g_test_add_func ("/report/progress-rules", test_progress_rules);
  g_test_add_func ("/report/pause-counted-once", test_pause_counted_once);
  g_test_add_func ("/report/missing-data-is-a-dash", test_data_missing_is_a_dash);
  g_test_add_func ("/report/digitisation-payment-flags", test_digitisation_payment_flags);
  g_test_add_func ("/report/fields-round-trip", test_fields_round_trip);
  g_test_add_func ("/report/field-names", test_field_names);
  g_test_add_func ("/report/bieu06-columns", test_bieu06_columns);
  g_test_add_func ("/report/bieu06-identities-random", test_bieu06_identities_random);
  return g_test_run ();
}
