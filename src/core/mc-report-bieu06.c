/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "mc-report-private.h"

/* Biểu số 06/VPCP/KSTT (TT 01/2020/TT-VPCP), "Tình hình, kết quả giải quyết TTHC tại cơ quan,
 * đơn vị trực tiếp giải quyết TTHC": 13 columns, a row per lĩnh vực (reports.md §1.7).
 *
 * The reference's counting rules (Thanh Hóa's SQL) leave dossiers out of every column (a
 * dossier stopped, withdrawn or waiting for fees), so the identities the form must satisfy
 * would fail. Here a dossier is counted once by what it was at the period's end:
 *  (3) received (NgayTiepNhan; not refused) by the last day, and not finished before the first;
 *  (4)/(5) received in the period, online (KenhThucHien 2) or not; (6) received before it;
 *  (7) finished in the period (resolved, returned, stopped or withdrawn: NgayKetThucXuLy),
 *      early (8), on the due day (9) or late (10), by date;
 *  (11) still open at the period's end, its due date on or after that day (12) or before (13),
 *      "that day" being today while the period runs.
 * So (3) = (4)+(5)+(6) = (7)+(11), (7) = (8)+(9)+(10) and (11) = (12)+(13) hold by construction,
 * and mc_report_bieu06_check() still checks them before anything is exported. */

enum
{
  C3, C4, C5, C6, C7, C8, C9, C10, C11, C12, C13,
};

/* The columns (3–13) a dossier counts in, as bits of (column − 3); 0 = out of the report. */
static guint
classify (const McReportData *data,
          const McReportRow  *row,
          gint64              from,
          gint64              to)
{
  gint64 reference = mc_report_reference_time (data, to);
  guint bits;

  if (!mc_report_row_received (row) || row->received_at >= to ||
      (mc_report_row_ended (row) && row->end_at < from))
    return 0;
  bits = 1 << C3;
  if (row->received_at >= from)
    bits |= 1 << (row->channel == MC_CHANNEL_ONLINE ? C4 : C5);
  else
    bits |= 1 << C6;
  if (mc_report_row_ended (row) && row->end_at < to)
    {
      gint64 end = mc_report_day (row->end_at), due = row->due_at ? mc_report_day (row->due_at) : end;

      bits |= 1 << C7;
      bits |= 1 << (end < due ? C8 : end == due ? C9 : C10);
    }
  else
    {
      bits |= 1 << C11;
      bits |= 1 << (row->due_at == 0 || mc_report_day (row->due_at) >= mc_report_day (reference) ? C12 : C13);
    }
  return bits;
}

typedef struct
{
  const McReportData *data;
} SortContext;

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const McReportData *data = ((SortContext *) user_data)->data;
  const McBieu06Row *x = a, *y = b;
  int c;

  if (x->source != y->source)
    {
      if (x->source < 0 || y->source < 0)
        return x->source < 0 ? 1 : -1;
      return g_strcmp0 (g_ptr_array_index (data->sources, x->source), g_ptr_array_index (data->sources, y->source));
    }
  /* A ministry's own row (its subtotal) comes after its lĩnh vực. */
  if (x->field < 0 || y->field < 0)
    return x->field < 0 ? (y->field < 0 ? 0 : 1) : -1;
  c = g_strcmp0 (g_ptr_array_index (data->fields, x->field), g_ptr_array_index (data->fields, y->field));
  return c;
}

/* Returns: (transfer full): the form for [@from, @to): with BY_FIELD a row per lĩnh vực and
 * per ministry a subtotal row after its lĩnh vực; with BY_SOURCE a row per ministry; the
 * total last. Ministries and lĩnh vực without a dossier counted have no row. */
McBieu06 *
mc_report_bieu06_compute (const McReportData *data,
                          gint64              from,
                          gint64              to,
                          McBieu06Rows        by)
{
  guint n_fields = data->fields->len + 1;  /* + the ministry's own row */
  g_autofree McBieu06Row *table = g_new0 (McBieu06Row, (gsize) data->sources->len * n_fields);
  McBieu06 *self = g_new0 (McBieu06, 1);
  McBieu06Row total = { -1, -1, { 0 } };
  SortContext context = { data };

  /* A row per (ministry, lĩnh vực) in a dense table: the indices are small and few. */
  self->from = from;
  self->to = to;
  self->rows = g_array_new (FALSE, TRUE, sizeof (McBieu06Row));
  for (guint i = 0; i < data->rows->len; i++)
    {
      const McReportRow *r = &g_array_index (data->rows, McReportRow, i);
      guint bits = classify (data, r, from, to);
      McBieu06Row *subtotal, *field_row;

      if (bits == 0)
        continue;
      subtotal = &table[r->source * n_fields];
      field_row = by == MC_BIEU06_BY_FIELD ? &table[r->source * n_fields + 1 + r->field] : NULL;
      for (int c = 0; c < MC_BIEU06_N_COUNTS; c++)
        if (bits & (1u << c))
          {
            subtotal->cells[c]++;
            total.cells[c]++;
            if (field_row != NULL)
              field_row->cells[c]++;
          }
    }
  for (guint s = 0; s < data->sources->len; s++)
    for (guint f = 0; f < n_fields; f++)
      {
        McBieu06Row row = table[s * n_fields + f];

        /* Every dossier counted is in column (3): a row without one has none. */
        if (row.cells[0] == 0)
          continue;
        row.source = s;
        row.field = (int) f - 1;
        g_array_append_val (self->rows, row);
      }
  g_array_sort_with_data (self->rows, compare_rows, &context);
  g_array_append_val (self->rows, total);
  return self;
}

void
mc_report_bieu06_free (McBieu06 *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rows);
  g_free (self);
}

/* The identities of the form (reports.md §1.7): (3) = (4)+(5)+(6), (7) = (8)+(9)+(10),
 * (11) = (12)+(13), (3) = (7)+(11), on every row. */
gboolean
mc_report_bieu06_check (const McBieu06  *self,
                        GError         **error)
{
  static const struct { int sum, first, n; const char *text; } identities[] = {
    { C3, C4, 3, "(3) = (4) + (5) + (6)" },
    { C7, C8, 3, "(7) = (8) + (9) + (10)" },
    { C11, C12, 2, "(11) = (12) + (13)" },
  };

  for (guint i = 0; i < self->rows->len; i++)
    {
      const McBieu06Row *row = &g_array_index (self->rows, McBieu06Row, i);

      for (gsize k = 0; k < G_N_ELEMENTS (identities); k++)
        {
          gint64 sum = 0;

          for (int c = 0; c < identities[k].n; c++)
            sum += row->cells[identities[k].first + c];
          if (sum != row->cells[identities[k].sum])
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Form 06 does not add up on row %u: %s"), i + 1, identities[k].text);
              return FALSE;
            }
        }
      if (row->cells[C3] != row->cells[C7] + row->cells[C11])
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Form 06 does not add up on row %u: %s"), i + 1, "(3) = (7) + (11)");
          return FALSE;
        }
    }
  return TRUE;
}

/* Returns: (transfer full): the ids (gint64) of the dossiers counted in column @column (3–13)
 * of the row of ministry @source (-1 any) and lĩnh vực @field (-1 any). */
GArray *
mc_report_bieu06_dossiers (const McReportData *data,
                           gint64              from,
                           gint64              to,
                           int                 source,
                           int                 field,
                           int                 column)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (column >= 3 && column <= 13, ids);
  for (guint i = 0; i < data->rows->len; i++)
    {
      const McReportRow *r = &g_array_index (data->rows, McReportRow, i);

      if ((source < 0 || r->source == (guint32) source) && (field < 0 || r->field == (guint32) field) &&
          (classify (data, r, from, to) & (1u << (column - 3))))
        g_array_append_val (ids, r->id);
    }
  return ids;
}

/* The column titles of the form, in Vietnamese as printed (1–13). */
const char *
mc_bieu06_column_title (int column)
{
  static const char *titles[] = {
    NULL, "STT", "Lĩnh vực, công việc giải quyết theo cấp", "Tổng số", "Trực tuyến",
    "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước", "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn",
    "Tổng số", "Trong hạn", "Quá hạn",
  };

  return column >= 1 && column <= 13 ? titles[column] : NULL;
}
