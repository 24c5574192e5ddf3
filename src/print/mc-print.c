/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-id.h"
#include "mc-print-private.h"
#include "mc-store-register.h"
#include "mc-store-settings.h"
#include "mc-time.h"

/* The forms, the office settings they print, and the blocks every form shares: the national
 * heading beside the unit's name, the place and date, the title, the applicant, the
 * signatures. Forms follow the layout of the one-stop-shop forms (Circular 03/2025/TT-VPCP,
 * formerly 01/2018/TT-VPCP) without citing a form number: the citation is the office's
 * setting form.legal-basis (see ../shared/domain/forms.md). */

#define HEADING_SIZE 10.5
#define TITLE_SIZE 13.0
#define HEADING_LEFT 0.44
#define UNIT_SIZE 10.0
#define DOTTED_LINE 17.0

G_DEFINE_QUARK (mc-print-error-quark, mc_print_error)

static const struct
{
  const char *id;
  const char *title;
  const char *code;   /* of its number, "Số: …/PTC-TTPVHCC" (../shared/domain/forms.md §2) */
} forms[MC_PRINT_N_FORMS] = {
  [MC_PRINT_FORM_RECEIPT] = { "receipt", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "TNHS" },
  [MC_PRINT_FORM_SUPPLEMENT] = { "supplement", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "PBS" },
  [MC_PRINT_FORM_REFUSAL] = { "refusal", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "PTC" },
  [MC_PRINT_FORM_APOLOGY] = { "apology", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "PXL" },
  [MC_PRINT_FORM_STOP] = { "stop", "Thông báo dừng giải quyết hồ sơ", "TBD" },
  [MC_PRINT_FORM_CONTROL] = { "control", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "PKS" },
};

/* The number of each form's legal model, by the circular the office follows (forms.md §1.1):
 * Phụ lục I of Thông tư 03/2025/TT-VPCP, or Thông tư 01/2018/TT-VPCP, which some provinces
 * still print and which had no stop notice. */
static const struct
{
  const char *numbering;
  const char *basis;
  const char *models[MC_PRINT_N_FORMS + 1];  /* the last: the register */
} numberings[] = {
  { "2025", "Phụ lục I, Thông tư số 03/2025/TT-VPCP", { "01", "02", "03", "04", "05", "06", "07" } },
  { "2018", "Thông tư số 01/2018/TT-VPCP", { "01", "02", "03", "04", NULL, "05", "06" } },
};

/* "Mẫu số 06 - Phụ lục I, Thông tư số 03/2025/TT-VPCP" for @form (MC_PRINT_N_FORMS: the
 * register), or NULL when the office's numbering has no model for it. */
static char *
model_line (const McPrintOffice *office,
            guint                form)
{
  for (guint i = 0; i < G_N_ELEMENTS (numberings); i++)
    if (g_str_equal (numberings[i].numbering, office->numbering) && numberings[i].models[form] != NULL)
      return g_strdup_printf ("Mẫu số %s - %s", numberings[i].models[form], numberings[i].basis);
  return NULL;
}

MC_ID_DEFINE_FUNCTIONS (McPrintForm, mc_print_form_id, mc_print_form_from_id, forms, id)

/* The form's Vietnamese title, as printed (in capitals) on it. */
const char *
mc_print_form_title (McPrintForm form)
{
  g_return_val_if_fail (form < MC_PRINT_N_FORMS, NULL);
  return forms[form].title;
}

/* When each form may be issued (../shared/domain/forms.md §11), the one place that says so:
 * the window's Print menu offers only these, motcuactl print and mc_print_dossier() refuse the
 * others with the reason. A receipt is for a dossier the office received and has not refused,
 * stopped or seen withdrawn; a supplement request while the supplement is awaited; a refusal
 * for a refused dossier; an apology once the dossier was rescheduled, until its result is
 * ready; a stop notice once processing stopped or the applicant withdrew, before any result;
 * the control sheet for any dossier the office received. */
#define S(status) (1u << (status))
#define OPEN (S (MC_STATUS_RECEIVED) | S (MC_STATUS_PROCESSING) | S (MC_STATUS_SUPPLEMENT_REQUESTED) \
              | S (MC_STATUS_FEE_REQUESTED))

static const struct
{
  guint statuses;        /* S (status) of each status in which the form may be issued */
  gboolean received;     /* and only for a dossier the office received */
  gboolean rescheduled;  /* and only after the reschedule with apology */
} rules[MC_PRINT_N_FORMS] = {
  [MC_PRINT_FORM_RECEIPT] = { OPEN | S (MC_STATUS_RESOLVED) | S (MC_STATUS_RETURNED), TRUE, FALSE },
  [MC_PRINT_FORM_SUPPLEMENT] = { S (MC_STATUS_SUPPLEMENT_REQUESTED), FALSE, FALSE },
  [MC_PRINT_FORM_REFUSAL] = { S (MC_STATUS_REFUSED), FALSE, FALSE },
  [MC_PRINT_FORM_APOLOGY] = { OPEN, FALSE, TRUE },
  [MC_PRINT_FORM_STOP] = { S (MC_STATUS_STOPPED) | S (MC_STATUS_WITHDRAWN), FALSE, FALSE },
  [MC_PRINT_FORM_CONTROL] = { OPEN | S (MC_STATUS_WITHDRAWN) | S (MC_STATUS_STOPPED) | S (MC_STATUS_RESOLVED)
                              | S (MC_STATUS_RETURNED), TRUE, FALSE },
};

#undef OPEN
#undef S

/* Returns: whether @form may be issued for @dossier now; FALSE with MC_PRINT_ERROR_NOT_APPLICABLE
 * and the reason, for the official, when not. */
gboolean
mc_print_form_allowed (McPrintForm      form,
                       const McDossier *d,
                       GError         **error)
{
  const char *status;

  g_return_val_if_fail (form < MC_PRINT_N_FORMS && d != NULL, FALSE);

  if (mc_status_is_valid (d->status) && (rules[form].statuses & (1u << d->status))
      && (!rules[form].received || d->received_at != 0) && (!rules[form].rescheduled || d->reschedule != NULL))
    return TRUE;
  status = mc_status_is_valid (d->status) ? mc_status_label (d->status) : "?";
  switch (form)
    {
    case MC_PRINT_FORM_RECEIPT:
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_NOT_APPLICABLE,
                   _("A receipt is issued only for a dossier received and not refused, stopped or withdrawn: "
                     "dossier %s is “%s”"), d->number, status);
      break;
    case MC_PRINT_FORM_SUPPLEMENT:
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_NOT_APPLICABLE,
                   _("A supplement request is issued only while a supplement is requested: dossier %s is “%s”"),
                   d->number, status);
      break;
    case MC_PRINT_FORM_REFUSAL:
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_NOT_APPLICABLE,
                   _("A refusal is issued only for a refused dossier: dossier %s is “%s”"), d->number, status);
      break;
    case MC_PRINT_FORM_APOLOGY:
      if (mc_status_is_valid (d->status) && (rules[form].statuses & (1u << d->status)))
        g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_NOT_APPLICABLE,
                     _("Dossier %s was not rescheduled: a letter of apology is issued only after “Reschedule "
                       "with apology”, which sets the new due date it promises"), d->number);
      else
        g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_NOT_APPLICABLE,
                     _("A letter of apology is issued only before the result is ready: dossier %s is “%s”"),
                     d->number, status);
      break;
    case MC_PRINT_FORM_STOP:
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_NOT_APPLICABLE,
                   _("A stop notice is issued only for a dossier stopped or withdrawn before its result: "
                     "dossier %s is “%s”"), d->number, status);
      break;
    case MC_PRINT_FORM_CONTROL:
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_NOT_APPLICABLE,
                   _("A control sheet is kept only for a dossier the office received: dossier %s is “%s”"),
                   d->number, status);
      break;
    case MC_PRINT_N_FORMS:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* The form an action calls for, which the window offers right after it. */
gboolean
mc_print_form_for_action (McAction     action,
                          McPrintForm *out_form)
{
  switch (action)
    {
    case MC_ACTION_RECEIVE: *out_form = MC_PRINT_FORM_RECEIPT; return TRUE;
    case MC_ACTION_REQUEST_SUPPLEMENT: *out_form = MC_PRINT_FORM_SUPPLEMENT; return TRUE;
    case MC_ACTION_REFUSE: *out_form = MC_PRINT_FORM_REFUSAL; return TRUE;
    case MC_ACTION_RESCHEDULE: *out_form = MC_PRINT_FORM_APOLOGY; return TRUE;
    case MC_ACTION_STOP: *out_form = MC_PRINT_FORM_STOP; return TRUE;
    case MC_ACTION_FORWARD: *out_form = MC_PRINT_FORM_CONTROL; return TRUE;
    default: return FALSE;
    }
}

/* Office settings */

static char **
office_field (McPrintOffice *office,
              const char    *key)
{
  static const struct { const char *key; gsize offset; } fields[] = {
    { "office.parent", G_STRUCT_OFFSET (McPrintOffice, parent) },
    { "office.unit", G_STRUCT_OFFSET (McPrintOffice, unit) },
    { "office.place", G_STRUCT_OFFSET (McPrintOffice, place) },
    { "office.commune", G_STRUCT_OFFSET (McPrintOffice, commune) },
    { "office.phone", G_STRUCT_OFFSET (McPrintOffice, phone) },
    { "office.official", G_STRUCT_OFFSET (McPrintOffice, official) },
    { "form.receiver-title", G_STRUCT_OFFSET (McPrintOffice, receiver_title) },
    { "form.applicant-title", G_STRUCT_OFFSET (McPrintOffice, applicant_title) },
    { "form.head-title", G_STRUCT_OFFSET (McPrintOffice, head_title) },
    { "form.legal-basis", G_STRUCT_OFFSET (McPrintOffice, legal_basis) },
    { "form.numbering", G_STRUCT_OFFSET (McPrintOffice, numbering) },
    { "form.apology-title", G_STRUCT_OFFSET (McPrintOffice, apology_title) },
  };

  int i = MC_ID_FIND_MEMBER (fields, key, key);

  return i >= 0 ? G_STRUCT_MEMBER_P (office, fields[i].offset) : NULL;
}

/* The settings' defaults: what an office that set nothing prints. */
McPrintOffice *
mc_print_office_new_default (void)
{
  McPrintOffice *office = g_new0 (McPrintOffice, 1);
  const McSettingInfo *known;
  guint n;

  known = mc_settings_known (&n);
  for (guint i = 0; i < n; i++)
    {
      char **field = office_field (office, known[i].key);

      if (field != NULL)
        *field = g_strdup (known[i].default_value);
    }
  return office;
}

McPrintOffice *
mc_print_office_load (McStore  *store,
                      GError  **error)
{
  g_autoptr(McPrintOffice) office = mc_print_office_new_default ();
  const McSettingInfo *known;
  guint n;

  known = mc_settings_known (&n);
  for (guint i = 0; i < n; i++)
    {
      char **field = office_field (office, known[i].key);
      char *value;

      if (field == NULL)
        continue;
      if (!(value = mc_store_get_setting (store, known[i].key, error)))
        return NULL;
      g_free (*field);
      *field = g_strstrip (value);
    }
  return g_steal_pointer (&office);
}

void
mc_print_office_free (McPrintOffice *office)
{
  if (office == NULL)
    return;
  g_free (office->parent);
  g_free (office->unit);
  g_free (office->place);
  g_free (office->commune);
  g_free (office->phone);
  g_free (office->official);
  g_free (office->receiver_title);
  g_free (office->applicant_title);
  g_free (office->head_title);
  g_free (office->legal_basis);
  g_free (office->numbering);
  g_free (office->apology_title);
  g_free (office);
}

/* "QUẢNG ĐIỀN" → "Quảng Điền": a place name in running text, every syllable capitalised. */
static void
append_title_case (GString    *out,
                   const char *upper)
{
  g_autofree char *lower = g_utf8_strdown (upper, -1);
  gboolean start = TRUE;

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, start ? g_unichar_toupper (c) : c);
      start = g_unichar_isspace (c);
    }
}

static const char *commune_kinds[] = { "XÃ ", "PHƯỜNG ", "THỊ TRẤN ", "ĐẶC KHU " };

/* "XÃ QUẢNG ĐIỀN" in the parent authority "ỦY BAN NHÂN DÂN XÃ QUẢNG ĐIỀN", or NULL. */
static const char *
parent_commune (const McPrintOffice *office)
{
  static const char *prefixes[] = { "ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ", "UBND " };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (office->parent, prefixes[i]))
      return office->parent + strlen (prefixes[i]);
  return NULL;
}

/* " xã Quảng Điền" for "XÃ QUẢNG ĐIỀN"; nothing for what is not a commune's name. */
static void
append_commune (GString    *out,
                const char *upper)
{
  for (guint i = 0; i < G_N_ELEMENTS (commune_kinds); i++)
    if (g_str_has_prefix (upper, commune_kinds[i]))
      {
        g_autofree char *kind = g_utf8_strdown (commune_kinds[i], -1);

        g_string_append_printf (out, " %s", kind);
        append_title_case (out, upper + strlen (commune_kinds[i]));
        return;
      }
}

/* The office as running text names it ("Trung tâm Phục vụ hành chính công xã Quảng Điền"),
 * never the model's placeholder "cơ quan, đơn vị": the unit's name, which the heading prints
 * in capitals, then the commune, from the unit's name when it carries it, else the setting
 * office.commune, else from the parent authority ("ỦY BAN NHÂN DÂN XÃ QUẢNG ĐIỀN"). Returns:
 * (transfer full): the name. */
char *
mc_print_agency (const McPrintOffice *office)
{
  static const char *units[] = {
    "Trung tâm Phục vụ hành chính công", "Bộ phận Tiếp nhận và Trả kết quả", "Bộ phận Một cửa",
  };
  GString *out = g_string_new (NULL);
  const char *rest = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (units) && rest == NULL; i++)
    {
      g_autofree char *upper = g_utf8_strup (units[i], -1);

      if (g_str_has_prefix (office->unit, upper))
        {
          g_string_append (out, units[i]);
          rest = office->unit + strlen (upper);
        }
    }
  if (rest == NULL && *office->unit == '\0')
    rest = "";
  if (rest == NULL)
    {
      /* An unknown unit: its name in sentence case. */
      g_autofree char *lower = g_utf8_strdown (office->unit, -1);

      g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (lower)));
      g_string_append (out, g_utf8_next_char (lower));
      rest = "";
    }
  while (*rest == ' ')
    rest++;
  /* "… CÔNG XÃ": the kind of commune without its name, which the parent authority gives. */
  for (guint i = 0; i < G_N_ELEMENTS (commune_kinds); i++)
    if (strncmp (rest, commune_kinds[i], strlen (commune_kinds[i]) - 1) == 0
        && rest[strlen (commune_kinds[i]) - 1] == '\0')
      rest = "";
  if (*rest == '\0' && *office->commune != '\0')
    g_string_append_printf (out, " %s", office->commune);
  else
    append_commune (out, *rest == '\0' && parent_commune (office) != NULL ? parent_commune (office) : rest);
  return g_string_free (out, FALSE);
}

/* The authority that resolves the commune's dossiers, as a register names it: "UBND xã Quảng
 * Điền", from the parent authority; the office's own name when none is set. */
char *
mc_print_authority (const McPrintOffice *office)
{
  const char *commune = parent_commune (office);
  GString *out;

  if (*office->commune != '\0')
    return g_strdup_printf ("UBND %s", office->commune);
  if (commune == NULL)
    return mc_print_agency (office);
  out = g_string_new ("UBND");
  append_commune (out, commune);
  return g_string_free (out, FALSE);
}

/* Shared blocks */

/* The national heading: the unit on the left under its parent authority, with the form's
 * number to fill in ("Số: ……/PTC-TTPVHCC"), the national name and motto on the right, each
 * with its short rule; then the place and date under the motto. */
static void
heading (McPrintLayout       *layout,
         const McPrintOffice *office,
         const char          *code,
         gint64               printed_at)
{
  g_autofree char *left = *office->parent != '\0'
                          ? g_markup_printf_escaped ("%s\n<b>%s</b>", office->parent, office->unit)
                          : g_markup_printf_escaped ("<b>%s</b>", office->unit);
  g_autofree char *date = mc_print_date (printed_at);
  g_autofree char *dated = NULL;
  g_autofree char *number = NULL;
  McPrintBox boxes[2] = {
    /* A little smaller than the national name: "ỦY BAN NHÂN DÂN XÃ …" on one line. */
    { HEADING_LEFT, left, UNIT_SIZE, PANGO_ALIGN_CENTER, 0, FALSE },
    { 1 - HEADING_LEFT, "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>\n<b>Độc lập - Tự do - Hạnh phúc</b>",
      HEADING_SIZE, PANGO_ALIGN_CENTER, 0, FALSE },
  };
  McPrintLine last[2];

  mc_print_layout_boxes (layout, 2, boxes, last);
  mc_print_layout_rule (layout, last[0].x + last[0].width / 4, last[0].y + 2, last[0].width / 2);
  mc_print_layout_rule (layout, last[1].x, last[1].y + 2, last[1].width);
  mc_print_layout_space (layout, 8);

  if (*office->place != '\0')
    dated = g_markup_printf_escaped ("<i>%s, %s</i>", office->place, date);
  else
    dated = g_markup_printf_escaped ("<i>N%s</i>", date + 1);  /* "Ngày …" starts the line */
  number = g_markup_printf_escaped ("Số: ………/%s%s", code,
                                    g_str_has_prefix (office->unit, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG") ? "-TTPVHCC" : "");
  boxes[0].markup = code != NULL ? number : "";
  boxes[1].markup = dated;
  boxes[1].size = MC_PRINT_BODY_SIZE;
  mc_print_layout_boxes (layout, 2, boxes, NULL);
}

/* The heading, the form's title (@title, plain text, printed in capitals) and @subtitle
 * (markup), and the office's legal citation when it has one, from the layout's current
 * position (a new page). */
static void
form_heading (McPrintLayout       *layout,
              const McPrintOffice *office,
              guint                form,
              const char          *code,
              const char          *title,
              const char          *subtitle,
              gint64               printed_at)
{
  g_autofree char *upper = g_utf8_strup (title, -1);
  g_autofree char *model = form <= MC_PRINT_N_FORMS ? model_line (office, form) : NULL;

  if (model != NULL)
    {
      mc_print_layout_paragraphf (layout, MC_PRINT_TABLE_SIZE - 1, PANGO_ALIGN_RIGHT, 0, "<i>%s</i>", model);
      mc_print_layout_space (layout, 4);
    }
  heading (layout, office, code, printed_at);
  mc_print_layout_space (layout, 14);
  mc_print_layout_paragraphf (layout, TITLE_SIZE, PANGO_ALIGN_CENTER, 0, "<b>%s</b>", upper);
  if (subtitle != NULL)
    mc_print_layout_paragraph (layout, 0, PANGO_ALIGN_CENTER, 0, subtitle);
  if (*office->legal_basis != '\0')
    {
      mc_print_layout_space (layout, 2);
      mc_print_layout_paragraphf (layout, MC_PRINT_TABLE_SIZE, PANGO_ALIGN_CENTER, 0, "<i>%s</i>",
                                  office->legal_basis);
    }
  mc_print_layout_space (layout, 10);
}

/* A new layout whose first page has the heading and the title (see form_heading()); @code is
 * that of the form's number (NULL: none). */
McPrintLayout *
mc_print_form_begin (const McPrintOffice *office,
                     McPrintOrientation   orientation,
                     double               body_size,
                     guint                form,
                     const char          *code,
                     const char          *title,
                     const char          *subtitle,
                     gint64               printed_at)
{
  McPrintLayout *layout = mc_print_layout_new (orientation, body_size);

  mc_print_layout_set_title (layout, title);
  form_heading (layout, office, form, code, title, subtitle, printed_at);
  return layout;
}

/* Printed offline, a dossier carries a number the ministry system has not given yet: the
 * citizen must know that the number on the paper may change. */
void
mc_print_provisional_note (McPrintLayout   *layout,
                           const McDossier *dossier)
{
  McPrintBox box = { 1, NULL, MC_PRINT_TABLE_SIZE, PANGO_ALIGN_LEFT, 0, TRUE };
  g_autofree char *markup = NULL;

  if (!dossier->provisional)
    return;
  markup = g_markup_printf_escaped ("<b>SỐ HỒ SƠ TẠM THỜI: %s.</b> Hồ sơ được tiếp nhận khi chưa kết nối "
                                    "được hệ thống giải quyết thủ tục hành chính; số hồ sơ chính thức sẽ được "
                                    "cấp khi kết nối trở lại. Phiếu này được in lại với số chính thức.",
                                    dossier->number);
  box.markup = markup;
  mc_print_layout_boxes (layout, 1, &box, NULL);
  mc_print_layout_space (layout, 8);
}

/* "Label: value", or the label and dots to fill in by hand when the value is unknown. */
void
mc_print_field (McPrintLayout *layout,
                const char    *label,
                const char    *value)
{
  if (value != NULL && *value != '\0')
    mc_print_layout_paragraphf (layout, 0, PANGO_ALIGN_LEFT, 0, "%s: %s", label, value);
  else
    mc_print_layout_paragraphf (layout, 0, PANGO_ALIGN_LEFT, 0, "%s: %s", label,
                                "………………………………………………………………………");
  mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
}

/* Who the dossier is from and what it asks for. */
void
mc_print_applicant (McPrintLayout   *layout,
                    const McDossier *d)
{
  g_autofree char *procedure = g_strdup_printf ("%s (mã thủ tục %s)", d->procedure_name, d->procedure_code);

  mc_print_layout_paragraphf (layout, 0, PANGO_ALIGN_LEFT, 0, "%s: <b>%s</b>",
                              mc_print_applicant_label (d->applicant_kind), d->applicant_name);
  mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
  mc_print_field (layout, d->applicant_kind == MC_APPLICANT_CITIZEN ? "Số định danh cá nhân" : "Mã số định danh",
                  d->id_number);
  mc_print_field (layout, "Địa chỉ", d->address);
  mc_print_field (layout, "Số điện thoại", d->phone);
  mc_print_field (layout, "Nội dung yêu cầu giải quyết", procedure);
}

static void
dotted_lines (McPrintLayout *layout,
              guint          n)
{
  static const double dash[] = { 0.8, 2.4 };

  for (guint i = 0; i < n; i++)
    {
      cairo_t *cr;
      double y;

      mc_print_layout_keep (layout, DOTTED_LINE);
      cr = mc_print_layout_get_cairo (layout);
      y = mc_print_layout_get_y (layout) + DOTTED_LINE - 3;
      cairo_save (cr);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      mc_print_layout_rule (layout, mc_print_layout_get_left (layout), y, mc_print_layout_get_width (layout));
      cairo_restore (cr);
      mc_print_layout_space (layout, DOTTED_LINE);
    }
}

/* @items one per line, numbered; dotted lines to write on when there is none. */
void
mc_print_items (McPrintLayout *layout,
                const char    *items)
{
  g_auto(GStrv) lines = g_strsplit (items ? items : "", "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      mc_print_layout_paragraphf (layout, 0, PANGO_ALIGN_LEFT, 14, "%u. %s", ++n, lines[i]);
      mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
    }
  if (n == 0)
    dotted_lines (layout, 3);
}

static char *
signature_block (const char *title,
                 const char *name,
                 gboolean    seal)
{
  if (title == NULL)
    return g_strdup ("");
  /* Room for the handwritten signature (and the seal) between the title and the name. */
  return g_markup_printf_escaped ("<b>%s</b>\n<i>%s</i>\n\n\n\n\n<b>%s</b>", title,
                                  seal ? "(Ký, ghi rõ họ tên và đóng dấu)" : "(Ký và ghi rõ họ tên)",
                                  name ? name : "");
}

/* Two signature blocks side by side, kept on one page; a NULL title leaves its side empty. */
void
mc_print_signatures (McPrintLayout *layout,
                     const char    *left_title,
                     const char    *left_name,
                     const char    *right_title,
                     const char    *right_name,
                     gboolean       seal)
{
  g_autofree char *left = signature_block (left_title, left_name, FALSE);
  g_autofree char *right = signature_block (right_title, right_name, seal);
  McPrintBox boxes[2] = {
    { 0.5, left, 0, PANGO_ALIGN_CENTER, 0, FALSE },
    { 0.5, right, 0, PANGO_ALIGN_CENTER, 0, FALSE },
  };

  mc_print_layout_space (layout, 12);
  mc_print_layout_boxes (layout, 2, boxes, NULL);
}

/* The latest step of the history that put the dossier in @status, or NULL. */
const McStep *
mc_print_last_step (const McDossier *d,
                    McStatus         status)
{
  for (guint i = d->history->len; i > 0; i--)
    {
      const McStep *step = g_ptr_array_index (d->history, i - 1);

      if (step->status == status)
        return step;
    }
  return NULL;
}

/* The name under the signature of the official who put the dossier in @status (received it,
 * refused it, asked for a supplement): the office's setting office.official when it has one,
 * else the official the history names for that step. */
const char *
mc_print_official_for (const McPrintOffice *office,
                       const McDossier     *d,
                       McStatus             status)
{
  const McStep *step = mc_print_last_step (d, status);

  if (*office->official != '\0')
    return office->official;
  return step != NULL && step->actor != NULL ? step->actor : "";
}

/* The title @form prints under. The apology was renamed in 2025: it follows the office's
 * numbering, unless the office set a title of its own. */
static const char *
title_of (const McPrintOffice *office,
          McPrintForm          form)
{
  if (form == MC_PRINT_FORM_APOLOGY && *office->apology_title != '\0')
    return office->apology_title;
  if (form == MC_PRINT_FORM_APOLOGY && !g_str_equal (office->numbering, "2018"))
    return "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết";
  return forms[form].title;
}

/* One copy of @form on @layout from its current (new) page: heading, title and body. */
static gboolean
form_copy (McPrintLayout        *layout,
           const McPrintOffice  *office,
           const McDossier      *d,
           McPrintForm           form,
           const McPrintOptions *options,
           const char           *copy,
           GError              **error)
{
  g_autofree char *subtitle = copy != NULL
    ? g_markup_printf_escaped ("Mã hồ sơ: <b>%s</b>%s\n<i>(%s)</i>", d->number, d->provisional ? " (số tạm thời)" : "", copy)
    : g_markup_printf_escaped ("Mã hồ sơ: <b>%s</b>%s", d->number, d->provisional ? " (số tạm thời)" : "");

  form_heading (layout, office, form, forms[form].code, title_of (office, form), subtitle,
                options->printed_at ? options->printed_at : mc_time_now ());
  mc_print_provisional_note (layout, d);
  switch (form)
    {
    case MC_PRINT_FORM_RECEIPT:
      return mc_print_receipt (layout, office, d, options, error);
    case MC_PRINT_FORM_SUPPLEMENT:
      mc_print_supplement (layout, office, d, options);
      return TRUE;
    case MC_PRINT_FORM_REFUSAL:
      mc_print_refusal (layout, office, d, options);
      return TRUE;
    case MC_PRINT_FORM_APOLOGY:
      mc_print_apology (layout, office, d, options);
      return TRUE;
    case MC_PRINT_FORM_STOP:
      mc_print_stop (layout, office, d, options);
      return TRUE;
    case MC_PRINT_FORM_CONTROL:
      mc_print_control (layout, office, d);
      return TRUE;
    case MC_PRINT_N_FORMS:
    default:
      g_assert_not_reached ();
    }
}

/* Lays out @form for @dossier. The receipt is made in two copies (liên): one the office keeps
 * with the control sheet, one the applicant takes home. Returns: (transfer full): the pages,
 * or NULL with @error set when the form may not be issued for the dossier now
 * (mc_print_form_allowed()). */
McPrintLayout *
mc_print_dossier (const McPrintOffice   *office,
                  const McDossier       *d,
                  McPrintForm            form,
                  const McPrintOptions  *options,
                  GError               **error)
{
  static const char *receipt_copies[] = { "Liên 1: Lưu tại Bộ phận tiếp nhận", "Liên 2: Giao người nộp hồ sơ" };
  McPrintOptions defaults = { 0 };
  g_autoptr(McPrintLayout) layout = NULL;
  g_autofree char *footer = NULL;

  g_return_val_if_fail (office != NULL && d != NULL, NULL);
  g_return_val_if_fail (form < MC_PRINT_N_FORMS, NULL);

  if (options == NULL)
    options = &defaults;
  if (!mc_print_form_allowed (form, d, error))
    return NULL;

  layout = mc_print_layout_new (MC_PRINT_PORTRAIT, MC_PRINT_BODY_SIZE);
  mc_print_layout_set_title (layout, title_of (office, form));
  footer = g_strdup_printf ("%s — hồ sơ %s", title_of (office, form), d->number);
  mc_print_layout_set_footer (layout, footer);
  if (form != MC_PRINT_FORM_RECEIPT)
    return form_copy (layout, office, d, form, options, NULL, error) ? g_steal_pointer (&layout) : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (receipt_copies); i++)
    {
      if (i > 0)
        mc_print_layout_new_page (layout);
      if (!form_copy (layout, office, d, form, options, receipt_copies[i], error))
        return NULL;
    }
  return g_steal_pointer (&layout);
}

/* Lays out @form for the stored dossier @dossier_id with the profile's office settings and the
 * dossier's place in the register: what the window and motcuactl print. */
McPrintLayout *
mc_print_stored_dossier (McStore               *store,
                         gint64                 dossier_id,
                         McPrintForm            form,
                         const McPrintOptions  *options,
                         GError               **error)
{
  g_autoptr(McDossier) d = NULL;
  g_autoptr(McPrintOffice) office = NULL;
  g_autofree char *book = NULL;
  McPrintOptions filled = { 0 };

  if (options != NULL)
    filled = *options;
  if (!(d = mc_store_get_dossier (store, dossier_id, error)) || !(office = mc_print_office_load (store, error))
      || !mc_store_register_position (store, dossier_id, &book, &filled.register_row, error))
    return NULL;
  filled.register_book = book;
  if (*office->official == '\0' && filled.official != NULL && *filled.official != '\0')
    {
      g_free (office->official);
      office->official = g_strdup (filled.official);
    }
  return mc_print_dossier (office, d, form, &filled, error);
}
