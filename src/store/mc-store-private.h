/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "mc-calendar.h"
#include "mc-deadline.h"
#include "mc-store.h"

G_BEGIN_DECLS

struct _McStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  GHashTable *statements;  /* const char *sql (static) → sqlite3_stmt*, prepared once */
  int schema_version;

  /* The office's calendar edits and working hours as this connection last read them
   * (mc-store-settings.c), and the office_version they were read at (-1: not yet). */
  gint64 office_version;
  McCalendar *calendar;
  McDeadlineSettings deadline;
};

sqlite3_stmt *mc_store_prepare   (McStore     *self,
                                  const char  *sql,
                                  GError     **error);
/* mc-store-settings.c */
void          mc_store_office_refresh (McStore   *self);

/* mc-store-tx.c */
gboolean      mc_store_tx_begin  (McStore     *self,
                                  gboolean    *out_own,
                                  GError     **error);
gboolean      mc_store_tx_end    (McStore     *self,
                                  gboolean     own,
                                  gboolean     ok,
                                  GError     **error);

gboolean      mc_store_exec      (McStore     *self,
                                  const char  *sql,
                                  GError     **error);
gboolean      mc_store_step_done (McStore     *self,
                                  sqlite3_stmt *stmt,
                                  GError     **error);
gint64        mc_store_step_int64 (McStore     *self,
                                   sqlite3_stmt *stmt,
                                   const char  *what,
                                   GError     **error);
void          mc_store_set_error (McStore     *self,
                                  GError     **error,
                                  const char  *what);
gboolean      mc_store_migrate   (McStore     *self,
                                  int          target,
                                  GError     **error);
/* The columns a dossier row takes from an McDossier, in the order mc_store_bind_dossier()
 * binds them (18 parameters from @first on): the one place that lists them. */
#define MC_STORE_DOSSIER_COLUMNS \
  "procedure_code, procedure_name, field_code, applicant_name, applicant_kind, id_number, phone," \
  " address, channel, return_method, status, submitted_at, received_at, due_at, finished_at," \
  " returned_at, server_version, search"
#define MC_STORE_DOSSIER_VALUES "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
#define MC_STORE_DOSSIER_SET \
  "procedure_code = ?, procedure_name = ?, field_code = ?, applicant_name = ?, applicant_kind = ?," \
  " id_number = ?, phone = ?, address = ?, channel = ?, return_method = ?, status = ?," \
  " submitted_at = ?, received_at = ?, due_at = ?, finished_at = ?, returned_at = ?," \
  " server_version = ?, search = ?"
#define MC_STORE_DOSSIER_N_COLUMNS 18

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
McStore      *mc_store_open_at_version (const char *path,
                                        int         version,
                                        GError    **error);
void          mc_store_bind_text (sqlite3_stmt *stmt,
                                  int          index,
                                  const char  *text);
void          mc_store_bind_text_static (sqlite3_stmt *stmt,
                                         int           index,
                                         const char   *text);
void          mc_store_bind_time (sqlite3_stmt *stmt,
                                  int          index,
                                  gint64       unix_seconds);

G_END_DECLS
