/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "mc-store.h"

G_BEGIN_DECLS

struct _McStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  GHashTable *statements;  /* const char *sql (static) → sqlite3_stmt*, prepared once */
  int schema_version;
};

sqlite3_stmt *mc_store_prepare   (McStore     *self,
                                  const char  *sql,
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
/* The columns mc_store_bind_report_fields() binds, in its order. */
#define MC_STORE_REPORT_COLUMNS \
  "payment_state, satisfaction, citizen_data, reused, from_store, digitised, e_result, files_known"
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

G_END_DECLS
