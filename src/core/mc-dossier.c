/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-dossier.h"
#include "mc-fold.h"
#include "mc-id.h"

G_DEFINE_BOXED_TYPE (McDossier, mc_dossier, mc_dossier_ref, mc_dossier_unref)

const char *
mc_applicant_kind_label (McApplicantKind kind)
{
  switch (kind)
    {
    case MC_APPLICANT_CITIZEN: return _("Citizen");
    case MC_APPLICANT_ENTERPRISE: return _("Enterprise");
    case MC_APPLICANT_STATE_AGENCY: return _("State agency");
    case MC_APPLICANT_OTHER_ORGANIZATION: return _("Other organization");
    default: return _("Unknown");
    }
}

const char *
mc_channel_label (McChannel channel)
{
  switch (channel)
    {
    case MC_CHANNEL_IN_PERSON: return _("In person");
    case MC_CHANNEL_ONLINE: return _("Online");
    case MC_CHANNEL_POST: return _("By post");
    default: return _("Unknown");
    }
}

static const char *payment_ids[] = {
  [MC_PAYMENT_NOT_REQUIRED] = "not_required",
  [MC_PAYMENT_EXEMPT] = "exempt",
  [MC_PAYMENT_PENDING] = "pending",
  [MC_PAYMENT_PAID_ONLINE_PORTAL] = "paid_online_portal",
  [MC_PAYMENT_PAID_ONLINE_LOCAL] = "paid_online_local",
  [MC_PAYMENT_PAID_COUNTER] = "paid_counter",
  [MC_PAYMENT_CANCELLED] = "cancelled",
  [MC_PAYMENT_REFUNDED] = "refunded",
};

/* The stable English id the JSON output and the ministry dialects use; NULL for unknown. */
const char *
mc_payment_state_id (McPaymentState state)
{
  return state >= 0 && state <= MC_PAYMENT_LAST ? payment_ids[state] : NULL;
}

gboolean
mc_payment_state_from_id (const char     *id,
                          McPaymentState *out_state)
{
  int i = MC_ID_FIND (payment_ids, id);

  if (i >= 0)
    *out_state = i;
  return i >= 0;
}

const char *
mc_payment_state_label (McPaymentState state)
{
  switch (state)
    {
    case MC_PAYMENT_NOT_REQUIRED: return _("No fee");
    case MC_PAYMENT_EXEMPT: return _("Exempt");
    case MC_PAYMENT_PENDING: return _("Not paid yet");
    case MC_PAYMENT_PAID_ONLINE_PORTAL: return _("Paid online on the national portal");
    case MC_PAYMENT_PAID_ONLINE_LOCAL: return _("Paid online on the ministry’s gateway");
    case MC_PAYMENT_PAID_COUNTER: return _("Paid at the counter");
    case MC_PAYMENT_CANCELLED: return _("Payment cancelled");
    case MC_PAYMENT_REFUNDED: return _("Refunded");
    case MC_PAYMENT_UNKNOWN:
    default: return _("Not known");
    }
}

/* DuocThanhToanTrucTuyen 1 or 2: what 766 indicator 3.6 counts. */
gboolean
mc_payment_state_is_online (McPaymentState state)
{
  return state == MC_PAYMENT_PAID_ONLINE_PORTAL || state == MC_PAYMENT_PAID_ONLINE_LOCAL;
}

/* The payment state of a dossier whose system says only DuocThanhToanTrucTuyen (@online: 0,
 * 1 or 2) beside its fees: online 1 and 2 are the two online states; otherwise no fee (or only
 * zero fees) is "no fee", every fee paid is "paid at the counter", and anything else waits. */
McPaymentState
mc_payment_state_from_portal (const McDossier *d,
                              int              online)
{
  gboolean any = FALSE, all_paid = TRUE;

  if (online == 1)
    return MC_PAYMENT_PAID_ONLINE_PORTAL;
  if (online == 2)
    return MC_PAYMENT_PAID_ONLINE_LOCAL;
  for (guint i = 0; i < d->fees->len; i++)
    {
      McFee *fee = g_ptr_array_index (d->fees, i);

      if (fee->amount_vnd > 0)
        {
          any = TRUE;
          all_paid &= fee->paid;
        }
    }
  return !any ? MC_PAYMENT_NOT_REQUIRED : all_paid ? MC_PAYMENT_PAID_COUNTER : MC_PAYMENT_PENDING;
}

static const char *satisfaction_ids[] = {
  [MC_SATISFACTION_NOT_RATED] = "not_rated",
  [MC_SATISFACTION_SATISFIED] = "satisfied",
  [MC_SATISFACTION_NEUTRAL] = "neutral",
  [MC_SATISFACTION_DISSATISFIED] = "dissatisfied",
};

const char *
mc_satisfaction_id (McSatisfaction satisfaction)
{
  return satisfaction >= 0 && satisfaction <= MC_SATISFACTION_LAST ? satisfaction_ids[satisfaction] : NULL;
}

gboolean
mc_satisfaction_from_id (const char     *id,
                         McSatisfaction *out_satisfaction)
{
  int i = MC_ID_FIND (satisfaction_ids, id);

  if (i >= 0)
    *out_satisfaction = i;
  return i >= 0;
}

static void
document_free (gpointer data)
{
  McDocument *d = data;

  g_free (d->name);
  g_free (d);
}

static void
fee_free (gpointer data)
{
  McFee *f = data;

  g_free (f->name);
  g_free (f);
}

static void
supplement_free (gpointer data)
{
  McSupplement *s = data;

  g_free (s->items);
  g_free (s);
}

static void
result_free (gpointer data)
{
  McResult *r = data;

  g_free (r->name);
  g_free (r->number);
  g_free (r->code);
  g_free (r->file_url);
  g_free (r);
}

void
mc_file_free (McFile *f)
{
  if (f == NULL)
    return;

  g_free (f->remote_id);
  g_free (f->name);
  g_free (f->component);
  g_free (f->hash);
  g_free (f->remote_path);
  g_free (f->local_path);
  g_free (f->content_type);
  g_free (f->action_uuid);
  g_free (f->doc_number);
  g_free (f->signer);
  g_free (f);
}

static void
step_free (gpointer data)
{
  McStep *s = data;

  g_free (s->actor);
  g_free (s->unit);
  g_free (s->action);
  g_free (s->note);
  g_free (s);
}

static void
reschedule_free (McReschedule *r)
{
  g_free (r->actor);
  g_free (r->reason);
  g_free (r);
}

static void
intake_free (McIntakeRecord *r)
{
  g_free (r->proxy_name);
  g_free (r->proxy_id_number);
  g_free (r->proxy_phone);
  g_free (r->proxy_address);
  g_free (r->proxy_authorization);
  g_free (r);
}

static void
dossier_clear (McDossier *self)
{
  g_free (self->source_id);
  g_free (self->number);
  g_free (self->procedure_code);
  g_free (self->procedure_name);
  g_free (self->field_code);
  g_free (self->applicant_name);
  g_free (self->id_number);
  g_free (self->phone);
  g_free (self->address);
  g_free (self->server_version);
  g_ptr_array_unref (self->documents);
  g_ptr_array_unref (self->fees);
  g_ptr_array_unref (self->supplements);
  g_ptr_array_unref (self->results);
  g_ptr_array_unref (self->history);
  g_ptr_array_unref (self->files);
  g_clear_pointer (&self->reschedule, reschedule_free);
  g_clear_pointer (&self->intake, intake_free);
}

McDossier *
mc_dossier_new (void)
{
  McDossier *self = g_rc_box_new0 (McDossier);

  self->applicant_kind = MC_APPLICANT_CITIZEN;
  self->channel = MC_CHANNEL_IN_PERSON;
  self->return_method = MC_CHANNEL_IN_PERSON;
  self->status = MC_STATUS_SUBMITTED;
  self->payment = MC_PAYMENT_UNKNOWN;
  self->satisfaction = MC_SATISFACTION_UNKNOWN;
  self->citizen_data = MC_FLAG_UNKNOWN;
  self->reused = MC_FLAG_UNKNOWN;
  self->documents = g_ptr_array_new_with_free_func (document_free);
  self->fees = g_ptr_array_new_with_free_func (fee_free);
  self->supplements = g_ptr_array_new_with_free_func (supplement_free);
  self->results = g_ptr_array_new_with_free_func (result_free);
  self->history = g_ptr_array_new_with_free_func (step_free);
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_file_free);
  return self;
}

McDossier *
mc_dossier_ref (McDossier *self)
{
  return g_rc_box_acquire (self);
}

void
mc_dossier_unref (McDossier *self)
{
  g_rc_box_release_full (self, (GDestroyNotify) dossier_clear);
}

McDocument *
mc_dossier_add_document (McDossier  *self,
                         const char *name,
                         gboolean    is_copy,
                         int         count)
{
  McDocument *d = g_new0 (McDocument, 1);

  d->name = g_strdup (name);
  d->is_copy = is_copy;
  d->count = count;
  d->digitised = d->reused = d->from_store = MC_FLAG_UNKNOWN;
  g_ptr_array_add (self->documents, d);
  return d;
}

/* The form the counter recorded, else what is_copy says. */
McReceivedForm
mc_document_get_received (const McDocument *document)
{
  if (document->form > MC_RECEIVED_UNKNOWN && document->form < MC_RECEIVED_N_FORMS)
    return document->form;
  return document->is_copy ? MC_RECEIVED_COPY : MC_RECEIVED_ORIGINAL;
}

static const struct
{
  const char *id;
  const char *label;  /* as the forms print it, in Vietnamese whatever the interface language */
} document_forms[MC_RECEIVED_N_FORMS] = {
  [MC_RECEIVED_ORIGINAL] = { "original", "Bản chính" },
  [MC_RECEIVED_COPY] = { "copy", "Bản sao" },
  [MC_RECEIVED_CERTIFIED_COPY] = { "certified-copy", "Bản sao chứng thực" },
  [MC_RECEIVED_ELECTRONIC] = { "electronic", "Bản điện tử" },
};

const char *
mc_received_form_id (McReceivedForm form)
{
  return form < MC_RECEIVED_N_FORMS ? document_forms[form].id : NULL;
}

McReceivedForm
mc_received_form_from_id (const char *id)
{
  int f = MC_ID_FIND_MEMBER (document_forms, id, id);

  return f >= 0 ? (McReceivedForm) f : MC_RECEIVED_UNKNOWN;
}

/* The form's name in the interface language. */
const char *
mc_received_form_name (McReceivedForm form)
{
  switch (form)
    {
    case MC_RECEIVED_ORIGINAL: return _("Original");
    case MC_RECEIVED_COPY: return _("Copy");
    case MC_RECEIVED_CERTIFIED_COPY: return _("Certified copy");
    case MC_RECEIVED_ELECTRONIC: return _("Electronic copy");
    case MC_RECEIVED_UNKNOWN:
    case MC_RECEIVED_N_FORMS:
    default: return _("Unknown");
    }
}

/* The form's Vietnamese name, as the receipt prints it. */
const char *
mc_received_form_label (McReceivedForm form)
{
  return form > MC_RECEIVED_UNKNOWN && form < MC_RECEIVED_N_FORMS ? document_forms[form].label : NULL;
}

McReschedule *
mc_dossier_set_reschedule (McDossier  *self,
                           gint64      at,
                           const char *actor,
                           const char *reason,
                           gint64      due_before,
                           gint64      due_after)
{
  g_clear_pointer (&self->reschedule, reschedule_free);
  self->reschedule = g_new0 (McReschedule, 1);
  self->reschedule->at = at;
  self->reschedule->actor = g_strdup (actor);
  self->reschedule->reason = g_strdup (reason);
  self->reschedule->due_before = due_before;
  self->reschedule->due_after = due_after;
  return self->reschedule;
}

/* Returns: (transfer none): the dossier's intake record, a new empty one if it had none. */
McIntakeRecord *
mc_dossier_set_intake (McDossier *self)
{
  if (self->intake == NULL)
    self->intake = g_new0 (McIntakeRecord, 1);
  return self->intake;
}

McFee *
mc_dossier_add_fee (McDossier  *self,
                    const char *name,
                    gint64      amount_vnd,
                    gboolean    paid)
{
  McFee *f = g_new0 (McFee, 1);

  f->name = g_strdup (name);
  f->amount_vnd = amount_vnd;
  f->paid = paid;
  g_ptr_array_add (self->fees, f);
  return f;
}

McSupplement *
mc_dossier_add_supplement (McDossier  *self,
                           gint64      requested_at,
                           const char *items,
                           gint64      received_at)
{
  McSupplement *s = g_new0 (McSupplement, 1);

  s->requested_at = requested_at;
  s->items = g_strdup (items);
  s->received_at = received_at;
  g_ptr_array_add (self->supplements, s);
  return s;
}

McResult *
mc_dossier_add_result (McDossier  *self,
                       const char *name,
                       const char *number,
                       gint64      issued_at)
{
  McResult *r = g_new0 (McResult, 1);

  r->name = g_strdup (name);
  r->number = g_strdup (number);
  r->issued_at = issued_at;
  g_ptr_array_add (self->results, r);
  return r;
}

McStep *
mc_dossier_add_step (McDossier  *self,
                     gint64      at,
                     const char *actor,
                     const char *unit,
                     const char *action,
                     McStatus    status,
                     const char *note)
{
  McStep *s = g_new0 (McStep, 1);

  s->at = at;
  s->actor = g_strdup (actor);
  s->unit = g_strdup (unit);
  s->action = g_strdup (action);
  s->status = status;
  s->note = g_strdup (note);
  g_ptr_array_add (self->history, s);
  return s;
}

/* The folded text the full-text index holds for a dossier: every field an official may type
 * to find it. The dossier number is also indexed with its separators as spaces so that a
 * part of it ("0092637") matches as a token. */
char *
mc_dossier_search_text (const McDossier *self)
{
  GString *out = g_string_sized_new (256);
  const char *fields[] = {
    self->number, self->applicant_name, self->id_number, self->phone,
    self->address, self->procedure_code, self->procedure_name,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i] == NULL || *fields[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      mc_fold_append (out, fields[i]);
    }
  return g_string_free (out, FALSE);
}

/* @size: bytes, -1 when the system does not say. */
McFile *
mc_dossier_add_file (McDossier    *self,
                     McFileOrigin  origin,
                     McFileKind    kind,
                     const char   *name,
                     const char   *component,
                     gint64        size)
{
  McFile *f = g_new0 (McFile, 1);

  f->origin = origin;
  f->kind = kind;
  f->name = g_strdup (name);
  f->component = g_strdup (component);
  f->size = size;
  g_ptr_array_add (self->files, f);
  return f;
}

/* Folds a flag into a running "any of them": yes wins, then no, then unknown. */
static void
any_flag (McFlag *acc,
          McFlag  flag)
{
  if (flag == MC_FLAG_YES || (flag == MC_FLAG_NO && *acc == MC_FLAG_UNKNOWN))
    *acc = flag;
}

/* The facts the 766 indicators count (reports.md §1.3, §3.5): a component is digitised when
 * the system lists a file for it (at the counter, by post or online) or marks it digitised; a
 * result is electronic when a file or a link to one was issued. A file list that the system
 * sent, even empty, makes "no file" a known no. */
void
mc_dossier_get_facts (const McDossier *self,
                      McDossierFacts  *out)
{
  McFlag known = self->files_known ? MC_FLAG_NO : MC_FLAG_UNKNOWN;

  out->digitised = out->e_result = known;
  out->reused = self->reused;
  out->from_store = MC_FLAG_UNKNOWN;
  for (guint i = 0; i < self->files->len; i++)
    {
      McFile *f = g_ptr_array_index (self->files, i);

      any_flag (f->kind == MC_FILE_RESULT ? &out->e_result : &out->digitised, MC_FLAG_YES);
    }
  for (guint i = 0; i < self->documents->len; i++)
    {
      McDocument *d = g_ptr_array_index (self->documents, i);

      any_flag (&out->digitised, d->digitised);
      any_flag (&out->reused, d->reused);
      any_flag (&out->from_store, d->from_store);
    }
  for (guint i = 0; i < self->results->len; i++)
    {
      McResult *r = g_ptr_array_index (self->results, i);

      if (r->file_url != NULL && *r->file_url != '\0')
        any_flag (&out->e_result, MC_FLAG_YES);
    }
}

/* FNV-1a, 64 bits: a field at a time, each followed by a separator so that "ab","c" and
 * "a","bc" differ. */
static void
hash_bytes (guint64    *h,
            const void *data,
            gsize       len)
{
  const guint8 *p = data;

  for (gsize i = 0; i < len; i++)
    *h = (*h ^ p[i]) * G_GUINT64_CONSTANT (0x100000001B3);
  *h = (*h ^ 0x1F) * G_GUINT64_CONSTANT (0x100000001B3);
}

static void
hash_text (guint64    *h,
           const char *text)
{
  hash_bytes (h, text ? text : "\x01", text ? strlen (text) : 1);
}

static void
hash_int (guint64 *h,
          gint64   value)
{
  hash_bytes (h, &value, sizeof value);
}

/* Returns: a hash of everything @self holds but its local id, provisional flag and server
 * version: two copies of a dossier with the same fingerprint show the same thing. The
 * dialects without a version number stand for one with it (see mc-connector.c). */
guint64
mc_dossier_fingerprint (const McDossier *self)
{
  guint64 h = G_GUINT64_CONSTANT (0xCBF29CE484222325);
  const char *texts[] = {
    self->number, self->procedure_code, self->procedure_name, self->field_code, self->applicant_name,
    self->id_number, self->phone, self->address,
  };
  const gint64 values[] = {
    self->applicant_kind, self->channel, self->return_method, self->status, self->submitted_at,
    self->received_at, self->due_at, self->finished_at, self->returned_at,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    hash_text (&h, texts[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    hash_int (&h, values[i]);
  for (guint i = 0; i < self->documents->len; i++)
    {
      McDocument *x = g_ptr_array_index (self->documents, i);

      hash_text (&h, x->name);
      hash_int (&h, x->is_copy * 1000 + x->count);
    }
  for (guint i = 0; i < self->fees->len; i++)
    {
      McFee *x = g_ptr_array_index (self->fees, i);

      hash_text (&h, x->name);
      hash_int (&h, x->amount_vnd);
      hash_int (&h, x->paid);
    }
  for (guint i = 0; i < self->supplements->len; i++)
    {
      McSupplement *x = g_ptr_array_index (self->supplements, i);

      hash_text (&h, x->items);
      hash_int (&h, x->requested_at);
      hash_int (&h, x->received_at);
    }
  for (guint i = 0; i < self->results->len; i++)
    {
      McResult *x = g_ptr_array_index (self->results, i);

      hash_text (&h, x->name);
      hash_text (&h, x->number);
      hash_int (&h, x->issued_at);
    }
  for (guint i = 0; i < self->history->len; i++)
    {
      McStep *x = g_ptr_array_index (self->history, i);

      hash_int (&h, x->at);
      hash_text (&h, x->actor);
      hash_text (&h, x->unit);
      hash_text (&h, x->action);
      hash_int (&h, x->status);
      hash_text (&h, x->note);
    }
  return h;
}
