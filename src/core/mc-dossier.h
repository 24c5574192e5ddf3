/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mc-status.h"

G_BEGIN_DECLS

/* LoaiDoiTuong, in the national portal's numbering. */
typedef enum
{
  MC_APPLICANT_CITIZEN = 1,
  MC_APPLICANT_ENTERPRISE = 2,
  MC_APPLICANT_STATE_AGENCY = 3,
  MC_APPLICANT_OTHER_ORGANIZATION = 4,
} McApplicantKind;

/* KenhThucHien; also how a result is returned. */
typedef enum
{
  MC_CHANNEL_IN_PERSON = 1,
  MC_CHANNEL_ONLINE = 2,
  MC_CHANNEL_POST = 3,
} McChannel;

const char *mc_applicant_kind_label (McApplicantKind kind);
const char *mc_channel_label        (McChannel channel);

/* What a ministry system says about a fact the reports count (a component digitised, an
 * account verified with VNeID, …): a system that does not carry the fact leaves it unknown,
 * which a report shows as "—", never as "no". */
typedef enum
{
  MC_FLAG_UNKNOWN = -1,
  MC_FLAG_NO = 0,
  MC_FLAG_YES = 1,
} McFlag;

/* The payment of a dossier's fees (../shared/domain/reports.md §4.2). The portal's
 * DuocThanhToanTrucTuyen 1 and 2 are the two "paid online" states. */
typedef enum
{
  MC_PAYMENT_UNKNOWN = -1,          /* the ministry system does not say */
  MC_PAYMENT_NOT_REQUIRED = 0,      /* no fee */
  MC_PAYMENT_EXEMPT = 1,            /* đối tượng miễn phí */
  MC_PAYMENT_PENDING = 2,           /* chưa / chờ thanh toán */
  MC_PAYMENT_PAID_ONLINE_PORTAL = 3, /* paid on the Cổng DVCQG (DuocThanhToanTrucTuyen 1) */
  MC_PAYMENT_PAID_ONLINE_LOCAL = 4, /* paid on the ministry's or the province's gateway (2) */
  MC_PAYMENT_PAID_COUNTER = 5,      /* cash or transfer at the counter */
  MC_PAYMENT_CANCELLED = 6,
  MC_PAYMENT_REFUNDED = 7,
  MC_PAYMENT_LAST = MC_PAYMENT_REFUNDED,
} McPaymentState;

/* The citizen's rating of how the dossier was handled, where a ministry system records one. */
typedef enum
{
  MC_SATISFACTION_UNKNOWN = -1,     /* the ministry system does not carry ratings */
  MC_SATISFACTION_NOT_RATED = 0,
  MC_SATISFACTION_SATISFIED = 1,    /* rất hài lòng, hài lòng */
  MC_SATISFACTION_NEUTRAL = 2,      /* bình thường */
  MC_SATISFACTION_DISSATISFIED = 3, /* không hài lòng: what 766 indicator 5.4 counts */
  MC_SATISFACTION_LAST = MC_SATISFACTION_DISSATISFIED,
} McSatisfaction;

const char *mc_payment_state_id       (McPaymentState state);
gboolean    mc_payment_state_from_id  (const char     *id,
                                       McPaymentState *out_state);
const char *mc_payment_state_label    (McPaymentState state);
gboolean    mc_payment_state_is_online (McPaymentState state);
const char *mc_satisfaction_id        (McSatisfaction satisfaction);

gboolean    mc_satisfaction_from_id   (const char     *id,
                                       McSatisfaction *out_satisfaction);

/* What the counter received of a document: the receipt prints it. */
typedef enum
{
  MC_RECEIVED_UNKNOWN,          /* not recorded (a ministry system's is_copy says which) */
  MC_RECEIVED_ORIGINAL,         /* bản chính */
  MC_RECEIVED_COPY,             /* bản sao */
  MC_RECEIVED_CERTIFIED_COPY,   /* bản sao chứng thực */
  MC_RECEIVED_ELECTRONIC,       /* bản điện tử */
  MC_RECEIVED_N_FORMS,
} McReceivedForm;

const char    *mc_received_form_id      (McReceivedForm form);
McReceivedForm mc_received_form_from_id (const char    *id);
const char    *mc_received_form_label   (McReceivedForm form);
const char    *mc_received_form_name    (McReceivedForm form);

/* TaiLieuNop[] */
typedef struct
{
  char *name;
  gboolean is_copy;  /* bản sao (copy) rather than bản chính (original) */
  McReceivedForm form; /* as the counter recorded it; UNKNOWN for what a ministry system sent */
  int count;
  McFlag digitised;  /* DuocSoHoa: an electronic copy of the component was made */
  McFlag reused;     /* DuocTaiSuDung: taken from data digitised for an earlier dossier */
  McFlag from_store; /* DuocLayTuKhoDMQG: taken from the citizen's data store on the portal */
} McDocument;

/* DanhSachLePhi[] */
typedef struct
{
  char *name;
  gint64 amount_vnd;
  gboolean paid;
} McFee;

/* DanhSachHoSoBoSung[] */
typedef struct
{
  gint64 requested_at;  /* unix seconds; 0 = unknown */
  char *items;          /* every missing item, one per line */
  gint64 received_at;   /* 0 while waiting */
} McSupplement;

/* DanhSachGiayToKetQua[] */
typedef struct
{
  char *name;
  char *number;
  gint64 issued_at;
  char *code;        /* MaGiayToKetQua, the portal's result document code */
  char *file_url;    /* DuongDanTepTinKetQua: an electronic result was issued */
} McResult;

/* Where a dossier's file is known from: the ministry system's file list (its metadata pulled
 * with the dossier, the content fetched on demand) or this office (scanned or attached at the
 * counter, recorded on completion). */
typedef enum
{
  MC_FILE_REMOTE = 0,
  MC_FILE_LOCAL = 1,
} McFileOrigin;

/* TPHS (a component of the dossier) or KQ (a result). */
typedef enum
{
  MC_FILE_COMPONENT = 0,
  MC_FILE_RESULT = 1,
} McFileKind;

/* A file of the dossier (TepDinhKem, DanhSachTepDinhKem, files, tep_dinh_kem, taiLieu). */
typedef struct
{
  McFileOrigin origin;
  McFileKind kind;
  char *remote_id;   /* the system's own id of the file (MaTep, id), if it has one */
  char *name;
  char *component;   /* the component's code or name (MaThanhPhan), for a TPHS */
  gint64 size;       /* bytes; -1 = unknown */
  char *hash;        /* "sha256:…" or "md5:…", as the system gives it; NULL = none */
  char *remote_path; /* where the system serves it (DuongDan, href, url) */
  char *local_path;  /* the content on this computer; NULL until fetched or scanned */
  /* As the store keeps it (0 / NULL elsewhere) */
  gint64 id;
  char *content_type;
  gint64 reused_from;  /* the file of an earlier dossier it was taken from (reuse) */
  char *action_uuid;   /* a local file: the outbox action that sends it */
  char *doc_number;    /* an e-result: its document's number (số ký hiệu), date and signer */
  gint64 doc_date;
  char *signer;
} McFile;

/* The one reschedule with apology of a dossier, as the official recorded it here: what the
 * letter of apology says (the reason, the due date missed and the new one). */
typedef struct
{
  gint64 at;
  char *actor;
  char *reason;
  gint64 due_before;
  gint64 due_after;
} McReschedule;

/* What the counter recorded of a dossier it received, beyond what the ministry system keeps:
 * who handed it in for the applicant (the receipt, Mẫu 01, names the proxy) and whether the
 * official confirmed a due date computed from an assumed duration. */
typedef struct
{
  char *proxy_name;           /* NULL: the applicant filed it in person */
  char *proxy_id_number;
  char *proxy_phone;
  char *proxy_address;
  char *proxy_authorization;  /* the authorisation paper: "Giấy ủy quyền số 12/UQ ngày 01/03/2026" */
  gboolean due_confirmed;     /* the official checked (or corrected) the due date at the counter */
} McIntakeRecord;

/* QuaTrinhXuLy[] */
typedef struct
{
  gint64 at;
  char *actor;
  char *unit;
  char *action;
  McStatus status;
  char *note;
} McStep;

/* A dossier (hồ sơ) as the canonical model holds it, whatever ministry dialect it came from.
 * A plain reference-counted value: cheap to create by the million in the generator and the
 * store, and free of any GTK. Times are unix seconds (0 = unset); dates are shown in Vietnam
 * time (UTC+7) by mc-time. */
typedef struct
{
  gint64 id;               /* local row id; 0 until stored */
  char *source_id;         /* the configured ministry system it belongs to */
  char *number;            /* MaHoSo */
  gboolean provisional;    /* number assigned locally, offline, until the ministry gives one */
  char *procedure_code;    /* MaTTHC */
  char *procedure_name;    /* TenTTHC */
  char *field_code;        /* MaLinhVuc */
  char *applicant_name;    /* ChuHoSo */
  McApplicantKind applicant_kind;
  char *id_number;         /* SoDinhDanh */
  char *phone;             /* SoDienThoai */
  char *address;           /* DiaChi */
  McChannel channel;       /* KenhThucHien */
  McChannel return_method;
  McStatus status;         /* TrangThaiHoSo */
  gint64 submitted_at;     /* NgayNopHoSo */
  gint64 received_at;      /* NgayTiepNhan */
  gint64 due_at;           /* NgayHenTra */
  gint64 finished_at;      /* NgayKetThucXuLy */
  gint64 returned_at;      /* NgayTra */
  char *server_version;    /* the ministry's version, etag or revision */

  /* What the ministry system says for the 766 indicators (../shared/domain/reports.md). */
  McPaymentState payment;  /* from DuocThanhToanTrucTuyen and the fees, or the system's own state */
  McSatisfaction satisfaction;
  McFlag citizen_data;     /* TaiKhoanDuocXacThucVoiVNeID or a population-database link (4.5) */
  McFlag reused;           /* HoSoCoThanhPhanSoHoa: a component reuses digitised data (4.3) */
  gboolean files_known;    /* the system listed the dossier's files (the list may be empty) */

  GPtrArray *documents;    /* McDocument */
  GPtrArray *fees;         /* McFee */
  GPtrArray *supplements;  /* McSupplement */
  GPtrArray *results;      /* McResult */
  GPtrArray *history;      /* McStep, oldest first */
  GPtrArray *files;        /* McFile */
  McReschedule *reschedule; /* NULL: not rescheduled from this office */
  McIntakeRecord *intake;  /* NULL: not received at this office's counter */
} McDossier;

/* The facts the 766 indicators read, derived from the fields above: what the store keeps in
 * the dossier's row, so that a year of a million dossiers is counted without its children. */
typedef struct
{
  McFlag digitised;        /* a component has a file, or is marked digitised (4.2) */
  McFlag e_result;         /* a result has a file or a link to one (4.1) */
  McFlag reused;           /* a component reuses digitised data (4.3) */
  McFlag from_store;       /* a component comes from the citizen's data store (4.4) */
} McDossierFacts;

#define MC_TYPE_DOSSIER (mc_dossier_get_type ())

GType      mc_dossier_get_type        (void) G_GNUC_CONST;
McDossier *mc_dossier_new             (void);
McDossier *mc_dossier_ref             (McDossier  *self);
void       mc_dossier_unref           (McDossier  *self);

McDocument *mc_dossier_add_document   (McDossier  *self,
                                       const char *name,
                                       gboolean    is_copy,
                                       int         count);
McFee      *mc_dossier_add_fee        (McDossier  *self,
                                       const char *name,
                                       gint64      amount_vnd,
                                       gboolean    paid);
McSupplement *mc_dossier_add_supplement (McDossier *self,
                                       gint64      requested_at,
                                       const char *items,
                                       gint64      received_at);
McResult   *mc_dossier_add_result     (McDossier  *self,
                                       const char *name,
                                       const char *number,
                                       gint64      issued_at);
McStep     *mc_dossier_add_step       (McDossier  *self,
                                       gint64      at,
                                       const char *actor,
                                       const char *unit,
                                       const char *action,
                                       McStatus    status,
                                       const char *note);

McReschedule *mc_dossier_set_reschedule (McDossier *self,
                                       gint64      at,
                                       const char *actor,
                                       const char *reason,
                                       gint64      due_before,
                                       gint64      due_after);
McIntakeRecord *mc_dossier_set_intake (McDossier *self);
McReceivedForm mc_document_get_received   (const McDocument *document);

void        mc_file_free              (McFile     *file);
McFile     *mc_dossier_add_file       (McDossier  *self,
                                       McFileOrigin origin,
                                       McFileKind  kind,
                                       const char *name,
                                       const char *component,
                                       gint64      size);
void        mc_dossier_get_facts      (const McDossier *self,
                                       McDossierFacts  *out_facts);
McPaymentState mc_payment_state_from_portal (const McDossier *d,
                                          int              online);

char       *mc_dossier_search_text    (const McDossier *self);
guint64     mc_dossier_fingerprint    (const McDossier *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McDossier, mc_dossier_unref)

G_END_DECLS
