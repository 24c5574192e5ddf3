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

/* TaiLieuNop[] */
typedef struct
{
  char *name;
  gboolean is_copy;  /* bản sao (copy) rather than bản chính (original) */
  int count;
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
} McResult;

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

  GPtrArray *documents;    /* McDocument */
  GPtrArray *fees;         /* McFee */
  GPtrArray *supplements;  /* McSupplement */
  GPtrArray *results;      /* McResult */
  GPtrArray *history;      /* McStep, oldest first */
} McDossier;

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

char       *mc_dossier_search_text    (const McDossier *self);
guint64     mc_dossier_fingerprint    (const McDossier *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McDossier, mc_dossier_unref)

G_END_DECLS
