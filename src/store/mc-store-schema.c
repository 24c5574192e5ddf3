/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-catalog.h"
#include "mc-store-audit-private.h"

/* The migration ladder. migrations[i] takes a database from schema version i to i + 1, and
 * PRAGMA user_version records where it stands. A step is never edited once released: a change
 * is a new step, so every older profile climbs the same ladder. */
static const char *migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE sources ("
  "  id TEXT PRIMARY KEY,"
  "  ministry TEXT NOT NULL,"
  "  dialect TEXT NOT NULL CHECK (dialect IN ('lgsp','dvcqg','rest','feed','legacy')),"
  "  name TEXT NOT NULL,"
  "  base_url TEXT NOT NULL,"
  "  unit_code TEXT NOT NULL,"
  "  account TEXT NOT NULL DEFAULT '',"
  "  enabled INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE TABLE procedures ("
  "  code TEXT PRIMARY KEY,"
  "  ministry TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  duration INTEGER NOT NULL,"
  "  unit TEXT NOT NULL,"
  "  duration_assumed INTEGER NOT NULL,"
  "  fee_vnd INTEGER,"
  "  provenance TEXT NOT NULL"
  ");"
  "CREATE TABLE dossiers ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id TEXT NOT NULL REFERENCES sources(id),"
  "  number TEXT NOT NULL,"
  "  provisional INTEGER NOT NULL DEFAULT 0,"
  "  procedure_code TEXT NOT NULL,"
  "  procedure_name TEXT NOT NULL,"
  "  field_code TEXT,"
  "  applicant_name TEXT NOT NULL,"
  "  applicant_kind INTEGER NOT NULL,"
  "  id_number TEXT,"
  "  phone TEXT,"
  "  address TEXT,"
  "  channel INTEGER NOT NULL,"
  "  return_method INTEGER NOT NULL,"
  "  status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),"
  "  submitted_at INTEGER,"
  "  received_at INTEGER,"
  "  due_at INTEGER,"
  "  finished_at INTEGER,"
  "  returned_at INTEGER,"
  "  server_version TEXT,"
  "  search TEXT NOT NULL,"
  "  UNIQUE (source_id, number)"
  ");"
  "CREATE INDEX dossiers_number ON dossiers(number COLLATE NOCASE);"
  "CREATE INDEX dossiers_id_number ON dossiers(id_number);"
  "CREATE INDEX dossiers_status_due ON dossiers(status, due_at);"
  "CREATE INDEX dossiers_received ON dossiers(received_at);"
  "CREATE INDEX dossiers_due ON dossiers(due_at);"
  /* External-content FTS5 over the folded search column; the prefix indexes keep one- to
   * three-letter prefix queries fast, which is what typing in the search entry produces. */
  "CREATE VIRTUAL TABLE dossier_fts USING fts5(search, content='dossiers', content_rowid='id',"
  "  prefix='1 2 3');"
  "CREATE TRIGGER dossiers_fts_insert AFTER INSERT ON dossiers BEGIN"
  "  INSERT INTO dossier_fts(rowid, search) VALUES (new.id, new.search);"
  "END;"
  "CREATE TRIGGER dossiers_fts_delete AFTER DELETE ON dossiers BEGIN"
  "  INSERT INTO dossier_fts(dossier_fts, rowid, search) VALUES ('delete', old.id, old.search);"
  "END;"
  "CREATE TRIGGER dossiers_fts_update AFTER UPDATE OF search ON dossiers BEGIN"
  "  INSERT INTO dossier_fts(dossier_fts, rowid, search) VALUES ('delete', old.id, old.search);"
  "  INSERT INTO dossier_fts(rowid, search) VALUES (new.id, new.search);"
  "END;"
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  is_copy INTEGER NOT NULL,"
  "  count INTEGER NOT NULL"
  ");"
  "CREATE INDEX documents_dossier ON documents(dossier_id);"
  "CREATE TABLE fees ("
  "  id INTEGER PRIMARY KEY,"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  amount_vnd INTEGER NOT NULL,"
  "  paid INTEGER NOT NULL"
  ");"
  "CREATE INDEX fees_dossier ON fees(dossier_id);"
  "CREATE TABLE supplements ("
  "  id INTEGER PRIMARY KEY,"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
  "  requested_at INTEGER,"
  "  items TEXT NOT NULL,"
  "  received_at INTEGER"
  ");"
  "CREATE INDEX supplements_dossier ON supplements(dossier_id);"
  "CREATE TABLE results ("
  "  id INTEGER PRIMARY KEY,"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  number TEXT,"
  "  issued_at INTEGER"
  ");"
  "CREATE INDEX results_dossier ON results(dossier_id);"
  "CREATE TABLE history ("
  "  id INTEGER PRIMARY KEY,"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  actor TEXT,"
  "  unit TEXT,"
  "  action TEXT NOT NULL,"
  "  status INTEGER,"
  "  note TEXT"
  ");"
  "CREATE INDEX history_dossier ON history(dossier_id);"
  /* The outbox: one row per action committed locally, until the ministry has applied it. */
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  source_id TEXT NOT NULL REFERENCES sources(id),"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
  "  action TEXT NOT NULL,"
  "  payload TEXT NOT NULL,"
  "  payload_version INTEGER NOT NULL DEFAULT 1,"
  "  base_version TEXT,"
  "  state TEXT NOT NULL DEFAULT 'pending'"
  "    CHECK (state IN ('pending','sending','in_doubt','done','conflict','rejected')),"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX outbox_dossier ON outbox(dossier_id, id);"
  "CREATE INDEX outbox_state ON outbox(state);"
  /* The audit log is append-only: the triggers make an UPDATE or DELETE fail from any client
   * that goes through SQLite's normal paths; the hash chain catches the rest. */
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  server_at INTEGER,"
  "  actor TEXT NOT NULL,"
  "  dossier_id INTEGER,"
  "  dossier_number TEXT,"
  "  action TEXT NOT NULL,"
  "  status_before INTEGER,"
  "  status_after INTEGER,"
  "  outcome TEXT NOT NULL,"
  "  detail TEXT,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL"
  ");"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
  "  SELECT RAISE(ABORT, 'the audit log is append-only');"
  "END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
  "  SELECT RAISE(ABORT, 'the audit log is append-only');"
  "END;"
  "CREATE TABLE sync_cursors ("
  "  source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,"
  "  cursor TEXT,"
  "  updated_at INTEGER NOT NULL"
  ");"
  /* Local calendar edits of this office: days off added or removed, extra working days. */
  "CREATE TABLE calendar_days ("
  "  date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
  "  kind TEXT NOT NULL CHECK (kind IN ('off','work','not_off')),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  changed_at INTEGER NOT NULL"
  ");",
  /* 1 → 2: the work queue window. One index per sort key, so that ordering a view of a million
   * dossiers walks an index instead of sorting; (status, receipt) serves the per-status views in
   * their default order, and (source_id, status) the ministry filter. */
  "CREATE INDEX dossiers_queue_received ON dossiers(coalesce(received_at, submitted_at));"
  "CREATE INDEX dossiers_queue_status_received ON dossiers(status, coalesce(received_at, submitted_at));"
  "CREATE INDEX dossiers_queue_applicant ON dossiers(applicant_name);"
  "CREATE INDEX dossiers_queue_procedure ON dossiers(procedure_code);"
  "CREATE INDEX dossiers_queue_source ON dossiers(source_id, status);",
  /* 2 → 3: the office settings that printed forms show (unit name, signature titles, legal
   * citation); mc-store-settings.c knows the keys and their defaults. */
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");",
  /* 3 → 4: pulling from the ministries. remote_id is a dialect's own id where it is not MaHoSo
   * (REST tombstones name only it). sync_held records a server change not applied because the
   * dossier has local actions still to send: never silently overwritten, settled by the outbox.
   * last_success is what the sync indicator shows. */
  "ALTER TABLE dossiers ADD COLUMN remote_id TEXT;"
  "CREATE INDEX dossiers_remote_id ON dossiers(source_id, remote_id) WHERE remote_id IS NOT NULL;"
  "CREATE TABLE sync_held ("
  "  dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,"
  "  server_version TEXT,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  held_at INTEGER NOT NULL"
  ");"
  "ALTER TABLE sync_cursors ADD COLUMN last_success INTEGER;",
  /* 4 → 5: processing actions (mc-store-actions.c, mc-store-outbox.c). rescheduled: the one
   * reschedule a dossier may have. The outbox is rebuilt (SQLite cannot change a CHECK) to add
   * the "discarded" state, so that an action the official gives up stays visible instead of
   * being deleted, and server_state, the server's status and version a conflicting action is
   * shown beside. Rows keep their ids. */
  "ALTER TABLE dossiers ADD COLUMN rescheduled INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE outbox_v5 ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  source_id TEXT NOT NULL REFERENCES sources(id),"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
  "  action TEXT NOT NULL,"
  "  payload TEXT NOT NULL,"
  "  payload_version INTEGER NOT NULL DEFAULT 1,"
  "  base_version TEXT,"
  "  state TEXT NOT NULL DEFAULT 'pending'"
  "    CHECK (state IN ('pending','sending','in_doubt','done','conflict','rejected','discarded')),"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  server_state TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "INSERT INTO outbox_v5 (id, uuid, source_id, dossier_id, action, payload, payload_version,"
  "  base_version, state, attempts, last_error, created_at, updated_at)"
  "  SELECT id, uuid, source_id, dossier_id, action, payload, payload_version, base_version, state,"
  "  attempts, last_error, created_at, updated_at FROM outbox;"
  "DROP TABLE outbox;"
  "ALTER TABLE outbox_v5 RENAME TO outbox;"
  "CREATE INDEX outbox_dossier ON outbox(dossier_id, id);"
  "CREATE INDEX outbox_state ON outbox(state);",
  /* 5 → 6: the work queue's "to return" views (result ready, by return method) without reading
   * a table row per dossier. */
  "CREATE INDEX dossiers_queue_status_return ON dossiers(status, return_method);",
  /* 6 → 7: the insert trigger of the full-text index goes. A trigger makes every dossier insert
   * a multi-statement write, so SQLite wraps it in a statement savepoint, and FTS5 flushes its
   * pending terms at each savepoint release: a tiny index segment per dossier, three times the
   * cost of the insert. The store now indexes a new dossier itself, in the same transaction
   * (mc_store_index_dossier), and FTS5 batches a whole page. Updates and deletes are rare and
   * keep their triggers. */
  "DROP TRIGGER dossiers_fts_insert;",
  /* 7 → 8: a source's pinned TLS certificate: the SHA-256 fingerprint ("AB:CD:…") of the one
   * certificate the official accepted after seeing it, for a ministry system whose certificate
   * the system trust store does not vouch for. NULL: the trust store alone decides. Not a
   * secret (anyone connecting sees the certificate), so it may live in SQLite. */
  "ALTER TABLE sources ADD COLUMN pinned_certificate TEXT;",
  /* 8 → 9: the head of the audit chain (how many entries, the last hash), written with every
   * entry. The chain alone shows an entry edited or removed from the middle; entries cut off
   * its end leave a shorter chain that is still whole, and only a record kept beside it shows
   * that. */
  "CREATE TABLE audit_head ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  entries INTEGER NOT NULL,"
  "  last_hash TEXT NOT NULL"
  ");"
  "INSERT INTO audit_head (id, entries, last_hash)"
  "  SELECT 1, count(*), coalesce((SELECT hash FROM audit ORDER BY id DESC LIMIT 1),"
  "    '0000000000000000000000000000000000000000000000000000000000000000') FROM audit;"
  "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head BEGIN"
  "  SELECT RAISE(ABORT, 'the audit log is append-only');"
  "END;",
  /* 9 → 10 (issue 16): the audit log keyed and anchored (mc-store-audit.c). Each entry gets a
   * MAC under the profile's key (NULL until sealed), replacing the plain hash chain; the head
   * records how many entries are sealed, the last MAC and its own seal; the triggers are
   * re-created from the texts the check compares them with, and let a MAC be written once.
   * The application id marks the file as a Một Cửa database. */
  "DROP TRIGGER audit_no_update;"
  "DROP TRIGGER audit_no_delete;"
  "DROP TRIGGER audit_head_no_delete;"
  "ALTER TABLE audit DROP COLUMN prev_hash;"
  "ALTER TABLE audit DROP COLUMN hash;"
  "ALTER TABLE audit ADD COLUMN mac TEXT;"
  "ALTER TABLE audit_head DROP COLUMN last_hash;"
  "ALTER TABLE audit_head ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE audit_head ADD COLUMN last_mac TEXT;"
  "ALTER TABLE audit_head ADD COLUMN seal TEXT;"
  "ALTER TABLE audit_head ADD COLUMN key_id TEXT;"
  MC_AUDIT_TRIGGER_NO_UPDATE ";"
  MC_AUDIT_TRIGGER_SEAL_ONCE ";"
  MC_AUDIT_TRIGGER_NO_DELETE ";"
  MC_AUDIT_TRIGGER_HEAD_NO_DELETE ";"
  MC_AUDIT_TRIGGER_HEAD_FORWARD ";"
  "PRAGMA application_id = " G_STRINGIFY (MC_STORE_APPLICATION_ID) ";",
  /* 10 → 11 (issue 21, reports): what the 766 indicators count. On the dossier, what its ministry
   * system says (payment_state McPaymentState, satisfaction McSatisfaction, citizen_data 0/1)
   * and the facts derived from its children (reused, from_store, digitised, e_result: see
   * mc_dossier_get_facts), so that a year of a million dossiers is counted from one table;
   * NULL everywhere means "the system does not say", which a report shows as "—", not as 0.
   * files_known: the system listed the dossier's files (maybe none). Per component the
   * portal's flags (DuocSoHoa, DuocTaiSuDung, DuocLayTuKhoDMQG), per result its document code
   * and file link. dossier_files: the files of a dossier, pulled metadata (origin 'remote',
   * replaced with each pull) and files of this office (origin 'local': scanned or attached at
   * the counter, e-results recorded on completion; kept across pulls). */
  "ALTER TABLE dossiers ADD COLUMN payment_state INTEGER;"
  "ALTER TABLE dossiers ADD COLUMN satisfaction INTEGER;"
  "ALTER TABLE dossiers ADD COLUMN citizen_data INTEGER;"
  "ALTER TABLE dossiers ADD COLUMN reused INTEGER;"
  "ALTER TABLE dossiers ADD COLUMN from_store INTEGER;"
  "ALTER TABLE dossiers ADD COLUMN digitised INTEGER;"
  "ALTER TABLE dossiers ADD COLUMN e_result INTEGER;"
  "ALTER TABLE dossiers ADD COLUMN files_known INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE documents ADD COLUMN digitised INTEGER;"
  "ALTER TABLE documents ADD COLUMN reused INTEGER;"
  "ALTER TABLE documents ADD COLUMN from_store INTEGER;"
  "ALTER TABLE results ADD COLUMN code TEXT;"
  "ALTER TABLE results ADD COLUMN file_url TEXT;"
  "CREATE TABLE dossier_files ("
  "  id INTEGER PRIMARY KEY,"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
  "  origin TEXT NOT NULL CHECK (origin IN ('remote','local')),"
  "  kind TEXT NOT NULL CHECK (kind IN ('component','result')),"
  "  remote_id TEXT,"
  "  name TEXT NOT NULL,"
  "  component TEXT,"
  "  size INTEGER,"
  "  hash TEXT,"
  "  remote_path TEXT,"
  "  local_path TEXT,"
  "  added_at INTEGER"
  ");"
  "CREATE INDEX dossier_files_dossier ON dossier_files(dossier_id, origin);",
  /* 11 → 12 (issue 13, at most once against back-ends we did not write). The outbox is rebuilt
   * (SQLite cannot change a CHECK) for the state "applied_twice" (a late write found beside
   * its resend: flagged for the official, never silent) and three columns: sent_at, the wall
   * time of the last send, written durably before the request leaves, so that a look-up
   * concludes "not applied" only once the source's settle time has passed since it; resent,
   * set when an action in doubt was concluded not applied and is sent again; verify_at, when
   * such an action, once done, is looked up again for a late first write. Each source has its
   * settle time (settle_seconds). office_version counts the changes of the office's settings
   * and calendar edits, so that every connection rereads them when they change (mc_store_get_
   * calendar(), mc_store_get_deadline_settings()). Rows keep their ids. */
  "CREATE TABLE outbox_v10 ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  source_id TEXT NOT NULL REFERENCES sources(id),"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
  "  action TEXT NOT NULL,"
  "  payload TEXT NOT NULL,"
  "  payload_version INTEGER NOT NULL DEFAULT 1,"
  "  base_version TEXT,"
  "  state TEXT NOT NULL DEFAULT 'pending'"
  "    CHECK (state IN ('pending','sending','in_doubt','done','conflict','rejected','discarded',"
  "                     'applied_twice')),"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  server_state TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  sent_at INTEGER,"
  "  resent INTEGER NOT NULL DEFAULT 0,"
  "  verify_at INTEGER"
  ");"
  "INSERT INTO outbox_v10 (id, uuid, source_id, dossier_id, action, payload, payload_version,"
  "  base_version, state, attempts, last_error, server_state, created_at, updated_at)"
  "  SELECT id, uuid, source_id, dossier_id, action, payload, payload_version, base_version, state,"
  "  attempts, last_error, server_state, created_at, updated_at FROM outbox;"
  "DROP TABLE outbox;"
  "ALTER TABLE outbox_v10 RENAME TO outbox;"
  "CREATE INDEX outbox_dossier ON outbox(dossier_id, id);"
  "CREATE INDEX outbox_state ON outbox(state);"
  "CREATE INDEX outbox_verify ON outbox(verify_at) WHERE verify_at IS NOT NULL;"
  "ALTER TABLE sources ADD COLUMN settle_seconds INTEGER NOT NULL DEFAULT 600;"
  "CREATE TABLE office_version ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  version INTEGER NOT NULL"
  ");"
  "INSERT INTO office_version (id, version) VALUES (1, 0);"
  "CREATE TRIGGER settings_changed_insert AFTER INSERT ON settings BEGIN"
  "  UPDATE office_version SET version = version + 1;"
  "END;"
  "CREATE TRIGGER settings_changed_update AFTER UPDATE ON settings BEGIN"
  "  UPDATE office_version SET version = version + 1;"
  "END;"
  "CREATE TRIGGER settings_changed_delete AFTER DELETE ON settings BEGIN"
  "  UPDATE office_version SET version = version + 1;"
  "END;"
  "CREATE TRIGGER calendar_changed_insert AFTER INSERT ON calendar_days BEGIN"
  "  UPDATE office_version SET version = version + 1;"
  "END;"
  "CREATE TRIGGER calendar_changed_update AFTER UPDATE ON calendar_days BEGIN"
  "  UPDATE office_version SET version = version + 1;"
  "END;"
  "CREATE TRIGGER calendar_changed_delete AFTER DELETE ON calendar_days BEGIN"
  "  UPDATE office_version SET version = version + 1;"
  "END;",
  /* 12 → 13 (issue 17, forms an official signs): reschedules, the one reschedule with apology
   * of a dossier as the official made it here (when, who, the reason, the due date missed and
   * the new one), kept apart from the history a pull replaces: the letter of apology prints
   * it. documents.form: what the counter received of each document (McReceivedForm: original,
   * copy, certified copy, electronic); NULL for what a ministry system sent. */
  "CREATE TABLE reschedules ("
  "  dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  due_before INTEGER NOT NULL,"
  "  due_after INTEGER NOT NULL"
  ");"
  "ALTER TABLE documents ADD COLUMN form INTEGER;",
  /* 13 → 14 (issue 20, digitisation at the counter). dossier_files holds the contents too:
   * a local file's hash names its content in the profile's blobs (files/ab/abcd…, SHA-256),
   * and a remote file downloaded on demand gets the blob's path in local_path. content_type
   * (PDF, JPEG, PNG); reused_from, the file of an earlier dossier of the same citizen it was
   * taken from; action_uuid, the outbox action that sends it; removed_at, a removal (an
   * audited action; the row stays for the audit). The same content is attached once per
   * document of a dossier. An e-result carries its document's number, date and signer; a
   * dossier returned records how the result was delivered (delivery: paper, e-result). */
  "ALTER TABLE dossier_files ADD COLUMN content_type TEXT;"
  "ALTER TABLE dossier_files ADD COLUMN reused_from INTEGER REFERENCES dossier_files(id);"
  "ALTER TABLE dossier_files ADD COLUMN action_uuid TEXT;"
  "ALTER TABLE dossier_files ADD COLUMN removed_at INTEGER;"
  "ALTER TABLE dossier_files ADD COLUMN doc_number TEXT;"
  "ALTER TABLE dossier_files ADD COLUMN doc_date INTEGER;"
  "ALTER TABLE dossier_files ADD COLUMN signer TEXT;"
  "CREATE UNIQUE INDEX dossier_files_local_content ON dossier_files(dossier_id, kind, IFNULL(component, ''), hash)"
  "  WHERE origin = 'local' AND removed_at IS NULL;"
  "ALTER TABLE dossiers ADD COLUMN delivery TEXT;",
  /* 14 → 15 (issue 17, the receipt of a dossier filed by proxy). intakes: what the counter
   * recorded of a dossier it received beyond the ministry's dossier, kept apart from what a
   * pull replaces: the proxy who handed it in for the applicant (name, ID number, phone,
   * address, the authorisation paper; NULL when the applicant came in person), and whether
   * the official confirmed a due date computed from an assumed duration. */
  "CREATE TABLE intakes ("
  "  dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,"
  "  proxy_name TEXT,"
  "  proxy_id_number TEXT,"
  "  proxy_phone TEXT,"
  "  proxy_address TEXT,"
  "  proxy_authorization TEXT,"
  "  due_confirmed INTEGER NOT NULL DEFAULT 0"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == MC_STORE_SCHEMA_VERSION);

static char *
procedure_line (const char *code,
                const char *ministry,
                const char *name,
                int         duration,
                const char *unit,
                int         assumed,
                gint64      fee,
                const char *provenance)
{
  return g_strdup_printf ("%s|%s|%s|%d|%s|%d|%" G_GINT64_FORMAT "|%s", code, ministry, name, duration, unit,
                          assumed, fee, provenance ? provenance : "");
}

/* TRUE when the procedure table already mirrors the catalog: an open that has nothing to
 * change writes nothing (a read command must not change the file). */
static gboolean
procedures_current (McStore *self)
{
  McCatalog *catalog = mc_catalog_get_default ();
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean same = TRUE;

  if (sqlite3_prepare_v2 (self->db, "SELECT code, ministry, name, duration, unit, duration_assumed,"
                          " coalesce(fee_vnd, -1), provenance FROM procedures", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (stored, procedure_line ((const char *) sqlite3_column_text (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1),
                                              (const char *) sqlite3_column_text (stmt, 2),
                                              sqlite3_column_int (stmt, 3),
                                              (const char *) sqlite3_column_text (stmt, 4),
                                              sqlite3_column_int (stmt, 5), sqlite3_column_int64 (stmt, 6),
                                              (const char *) sqlite3_column_text (stmt, 7)));
  sqlite3_finalize (stmt);
  for (guint i = 0; same && i < mc_catalog_get_n_procedures (catalog); i++)
    {
      const McProcedure *p = mc_catalog_get_procedure (catalog, i);
      g_autofree char *line = procedure_line (p->code, p->ministry, p->name, p->duration,
                                              mc_duration_unit_id (p->unit), p->duration_assumed,
                                              p->fee_vnd >= 0 ? p->fee_vnd : -1, p->provenance);

      same = g_hash_table_contains (stored, line);
    }
  return same;
}

/* The procedure table mirrors the catalog shipped with this version; refreshed on every open
 * so that a corrected duration reaches old profiles too. */
static gboolean
refresh_procedures (McStore  *self,
                    GError  **error)
{
  McCatalog *catalog = mc_catalog_get_default ();
  sqlite3_stmt *stmt;

  for (guint i = 0; i < mc_catalog_get_n_procedures (catalog); i++)
    {
      const McProcedure *p = mc_catalog_get_procedure (catalog, i);

      stmt = mc_store_prepare (self,
                               "INSERT OR REPLACE INTO procedures (code, ministry, name, duration,"
                               " unit, duration_assumed, fee_vnd, provenance)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      mc_store_bind_text (stmt, 1, p->code);
      mc_store_bind_text (stmt, 2, p->ministry);
      mc_store_bind_text (stmt, 3, p->name);
      sqlite3_bind_int (stmt, 4, p->duration);
      mc_store_bind_text (stmt, 5, mc_duration_unit_id (p->unit));
      sqlite3_bind_int (stmt, 6, p->duration_assumed);
      if (p->fee_vnd >= 0)
        sqlite3_bind_int64 (stmt, 7, p->fee_vnd);
      mc_store_bind_text (stmt, 8, p->provenance);
      if (!mc_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static int
read_version (McStore  *self,
              GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "PRAGMA user_version", error);
  int version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    mc_store_set_error (self, error, N_("reading the schema version"));
  sqlite3_reset (stmt);
  if (version > MC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Một Cửa (schema %d, this version knows %d)"),
                   self->path, version, MC_STORE_SCHEMA_VERSION);
      return -1;
    }
  return version;
}

/* Climbs to @target (MC_STORE_SCHEMA_VERSION, or an older step for the migration tests). A
 * database already there, with the catalog's procedures, is not written at all. */
gboolean
mc_store_migrate (McStore  *self,
                  int       target,
                  GError  **error)
{
  int version = read_version (self, error);

  if (version < 0)
    return FALSE;
  if (version >= target && (version < 1 || self->read_only || procedures_current (self)))
    {
      self->schema_version = version;
      return TRUE;
    }
  if (self->read_only)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_READ_ONLY,
                   _("%s needs to be upgraded by this version of Một Cửa, but it can only be read"), self->path);
      return FALSE;
    }

  if (!mc_store_begin (self, error))
    return FALSE;
  /* Again under the write lock: another process may have climbed meanwhile. */
  if ((version = read_version (self, error)) < 0)
    {
      mc_store_rollback (self);
      return FALSE;
    }
  for (; version < target; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!mc_store_exec (self, migrations[version], error) || !mc_store_exec (self, bump, error))
        {
          mc_store_rollback (self);
          return FALSE;
        }
    }
  self->schema_version = version;

  if (version >= 1 && !refresh_procedures (self, error))
    {
      mc_store_rollback (self);
      return FALSE;
    }
  return mc_store_commit (self, error);
}
