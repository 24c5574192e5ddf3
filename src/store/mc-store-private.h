/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "mc-calendar.h"
#include "mc-deadline.h"
#include "mc-store.h"

G_BEGIN_DECLS

typedef struct _McPendingChanges McPendingChanges;
typedef struct _McStoreChanges McStoreChanges;   /* mc-store-changes.h */

struct _McStore
{
  GObject parent_instance;

  char *path;
  char *real_path;         /* absolute, free of symbolic links: names the profile */
  sqlite3 *db;
  GHashTable *statements;  /* const char *sql (static) → sqlite3_stmt*, prepared once */
  int schema_version;
  gboolean read_only;
  gboolean damaged;        /* SQLite reported corruption: nothing more is written */
  gboolean audit_appended; /* since the last commit: an anchor may be due */
  int autocheckpoint;      /* WAL pages after which a commit copies them back; 0 never */
  McStoreChanges *changes; /* the change stream of the database file (mc-store-changes.c) */
  McPendingChanges *pending;  /* what the open transaction wrote, for the stream */

  /* The office's calendar edits and working hours as this connection last read them
   * (mc-store-settings.c), and the office_version they were read at (-1: not yet). */
  gint64 office_version;
  McCalendar *calendar;
  McDeadlineSettings deadline;
};

/* PRAGMA application_id of a Một Cửa database ("MoCu"). */
#define MC_STORE_APPLICATION_ID 1299137397

sqlite3_stmt *mc_store_prepare   (McStore     *self,
                                  const char  *sql,
                                  GError     **error);
/* mc-store-settings.c */
void          mc_store_office_refresh (McStore   *self);

/* mc-store-tx.c */
gboolean      mc_store_begin_read (McStore    *self,
                                   GError    **error);
gboolean      mc_store_tx_begin  (McStore     *self,
                                  gboolean    *out_own,
                                  GError     **error);
gboolean      mc_store_tx_end    (McStore     *self,
                                  gboolean     own,
                                  gboolean     ok,
                                  GError     **error);
/* mc-store-audit.c */
gboolean      mc_store_audit_commit (McStore     *self,
                                     gint64       at,
                                     const char  *actor,
                                     const char  *action,
                                     const char  *detail,
                                     GError     **error);

gboolean      mc_store_exec      (McStore     *self,
                                  const char  *sql,
                                  GError     **error);
gboolean      mc_store_insert_reschedule (McStore            *self,
                                          gint64              dossier_id,
                                          const McReschedule *reschedule,
                                          GError            **error);
gboolean      mc_store_step_done (McStore     *self,
                                  sqlite3_stmt *stmt,
                                  GError     **error);
gboolean      mc_store_step_row  (McStore     *self,
                                  sqlite3_stmt *stmt,
                                  const char  *what,
                                  GError     **error,
                                  const char  *not_found,
                                  ...) G_GNUC_PRINTF (5, 6);
gint64        mc_store_step_int64 (McStore     *self,
                                   sqlite3_stmt *stmt,
                                   const char  *what,
                                   GError     **error);
gint64        mc_store_step_id   (McStore     *self,
                                  sqlite3_stmt *stmt,
                                  GError     **error);
void          mc_store_set_error (McStore     *self,
                                  GError     **error,
                                  const char  *what);
gboolean      mc_store_migrate   (McStore     *self,
                                  int          target,
                                  GError     **error);
/* The columns mc_store_bind_report_fields() binds, in its order. */
#define MC_STORE_REPORT_COLUMNS \
  "payment_state, satisfaction, citizen_data, reused, from_store, digitised, e_result, files_known"
#define MC_STORE_REPORT_N_COLUMNS 8
/* The columns a dossier row takes from an McDossier, in the order mc_store_bind_dossier()
 * binds them (MC_STORE_DOSSIER_N_COLUMNS parameters from @first on, the report fields last):
 * the one place that lists them. */
#define MC_STORE_DOSSIER_COLUMNS \
  "procedure_code, procedure_name, field_code, applicant_name, applicant_kind, id_number, phone," \
  " address, channel, return_method, status, submitted_at, received_at, due_at, finished_at," \
  " returned_at, server_version, search, " MC_STORE_REPORT_COLUMNS
#define MC_STORE_DOSSIER_VALUES "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
/* UPDATE … SET (columns) = (values): SQLite's row-value form, from the same list. */
#define MC_STORE_DOSSIER_SET "(" MC_STORE_DOSSIER_COLUMNS ") = (" MC_STORE_DOSSIER_VALUES ")"
#define MC_STORE_DOSSIER_N_COLUMNS (18 + MC_STORE_REPORT_N_COLUMNS)

void          mc_store_bind_dossier (sqlite3_stmt    *stmt,
                                     int              first,
                                     const McDossier *dossier,
                                     const char      *search);
gboolean      mc_store_insert_children (McStore   *self,
                                        McDossier *dossier,
                                        GError   **error);
gboolean      mc_store_index_dossier (McStore     *self,
                                      gint64       id,
                                      const char  *search,
                                      GError     **error);
gboolean      mc_store_check_source_url (const McSource *source,
                                         GError        **error);
gboolean      mc_store_step_source_change (McStore      *self,
                                           sqlite3_stmt *stmt,
                                           const char   *id,
                                           GError      **error);
void          mc_store_audit_anchor_if_due (McStore *self);
void          mc_store_note_damage (McStore     *self);
gboolean      mc_store_refuse_damaged (McStore  *self,
                                       GError  **error);
McStore      *mc_store_open_at_version (const char *path,
                                        int         version,
                                        GError    **error);
void          mc_store_bind_text (sqlite3_stmt *stmt,
                                  int          index,
                                  const char  *text);
void          mc_store_bind_text_static (sqlite3_stmt *stmt,
                                         int           index,
                                         const char   *text);
void          mc_store_bind_report_fields (sqlite3_stmt    *stmt,
                                           int              first,
                                           const McDossier *d);
gboolean      mc_store_refresh_local_facts (McStore   *self,
                                            gint64     dossier_id,
                                            GError   **error);
void          mc_store_report_set_split_threshold (gint64 n);
void          mc_store_bind_time (sqlite3_stmt *stmt,
                                  int          index,
                                  gint64       unix_seconds);
void          mc_store_bind_number (sqlite3_stmt *stmt,
                                    int           index,
                                    gint64        value,
                                    gboolean      known);
void          mc_store_set_autocheckpoint (McStore *self,
                                           int      pages);
void          mc_store_changes_attach (McStore *self);
void          mc_store_changes_detach (McStore *self);

G_END_DECLS
