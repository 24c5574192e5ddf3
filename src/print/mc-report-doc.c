/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mc-report-doc.h"

/* The lines the PDF, XLSX and CSV of a report share, and the numbers as a form prints them. */

static void
line_free (gpointer data)
{
  McBieu06Line *line = data;

  g_free (line->number);
  g_free (line->label);
  g_free (line);
}

static const char *roman[] = {
  "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
};

static McBieu06Line *
add_line (GPtrArray        *lines,
          McReportLineKind  kind,
          char             *number,
          char             *label,
          const gint64     *cells)
{
  McBieu06Line *line = g_new0 (McBieu06Line, 1);

  line->kind = kind;
  line->source = line->field = -1;
  line->number = number;
  line->label = label;
  memcpy (line->cells, cells, sizeof line->cells);
  g_ptr_array_add (lines, line);
  return line;
}

GPtrArray *
mc_bieu06_lines (const McReportData *data,
                 const McBieu06     *form,
                 GHashTable         *source_names)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (line_free);
  McBieu06Line *total;
  guint n_groups = 0;

  for (guint i = 0; i < form->rows->len; i++)
    {
      const McBieu06Row *row = &g_array_index (form->rows, McBieu06Row, i);
      const char *id, *name;
      McBieu06Line *group;
      guint n = 0;

      if (row->source < 0 || row->field >= 0)
        continue;
      id = g_ptr_array_index (data->sources, row->source);
      name = source_names ? g_hash_table_lookup (source_names, id) : NULL;
      group = add_line (lines, MC_REPORT_LINE_GROUP,
                        g_strdup (n_groups < G_N_ELEMENTS (roman) ? roman[n_groups] : "…"),
                        g_strdup (name ? name : id), row->cells);   /* the ministry by its name, not the source id */
      n_groups++;
      group->source = row->source;
      group->first_item = lines->len;
      for (guint k = 0; k < form->rows->len; k++)
        {
          const McBieu06Row *f = &g_array_index (form->rows, McBieu06Row, k);
          McBieu06Line *item;

          if (f->source != row->source || f->field < 0)
            continue;
          item = add_line (lines, MC_REPORT_LINE_ITEM, g_strdup_printf ("%u", ++n),
                           mc_report_field_title (data, f->field), f->cells);
          item->source = f->source;
          item->field = f->field;
        }
      group->n_items = n;
    }
  total = add_line (lines, MC_REPORT_LINE_TOTAL, g_strdup (""), g_strdup ("Tổng cộng"),
                    g_array_index (form->rows, McBieu06Row, form->rows->len - 1).cells);
  total->first_group = 0;
  total->n_groups = n_groups;
  return lines;
}

/* Returns: (transfer full): McReport766Line: per group its line then its indicators, then
 * the total. */
GArray *
mc_report_766_lines (const McReport766 *report)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (McReport766Line));

  for (int g = 1; g <= MC_REPORT_N_GROUPS; g++)
    {
      McReport766Line line = { NULL, g, NULL };

      g_array_append_val (lines, line);
      for (guint i = 0; i < mc_report_get_n_indicators (); i++)
        {
          const McIndicator *ind = mc_report_get_indicator (i);

          if (ind->group != g)
            continue;
          line.indicator = ind;
          line.value = ind->local >= 0 ? &report->values[ind->local] : NULL;
          g_array_append_val (lines, line);
        }
    }
  {
    McReport766Line total = { NULL, 0, NULL };

    g_array_append_val (lines, total);
  }
  return lines;
}

/* "87,5%" as Vietnamese forms write it; "—" when there was nothing to count. */
char *
mc_report_format_ratio (double ratio)
{
  g_autofree char *text = NULL;

  if (isnan (ratio))
    return g_strdup ("—");
  text = g_strdup_printf ("%.1f%%", ratio * 100.0);
  return g_strdelimit (g_steal_pointer (&text), ".", ',');
}

char *
mc_report_format_points (double points)
{
  g_autofree char *text = NULL;

  if (isnan (points))
    return g_strdup ("—");
  text = g_strdup_printf ("%.2f", points);
  return g_strdelimit (g_steal_pointer (&text), ".", ',');
}

/* "7,2": days with one decimal, written the Vietnamese way like the ratios. */
char *
mc_report_format_days (double days)
{
  if (isnan (days))
    return g_strdup ("—");
  return g_strdelimit (g_strdup_printf ("%.1f", days), ".", ',');
}

/* What the notes column says of an indicator: who computes it, and how much data it had. */
char *
mc_report_766_note (const McIndicator      *indicator,
                    const McIndicatorValue *value)
{
  if (value == NULL)
    return g_strdup ("Cổng DVCQG tính (không có dữ liệu tại xã)");
  if (value->denominator == 0 && value->scope > 0)
    return g_strdup_printf ("Các hệ thống chưa cung cấp dữ liệu cho %" G_GINT64_FORMAT " hồ sơ", value->scope);
  if (value->denominator < value->scope)
    return g_strdup_printf ("Có dữ liệu %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " hồ sơ%s", value->denominator,
                            value->scope, indicator->computed == MC_COMPUTED_PARTIAL ? "; tính một phần" : "");
  if (indicator->computed == MC_COMPUTED_PARTIAL)
    return g_strdup ("Tính một phần (thiếu phản ánh, kiến nghị): điểm tối đa có thể");
  if (indicator->local == MC_IND_2_2)
    return g_strdup ("Ngày; chỉ theo dõi");
  return g_strdup ("");
}
