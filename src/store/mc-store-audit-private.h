/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-store-audit.h"
#include "mc-store-private.h"

G_BEGIN_DECLS

#define MC_AUDIT_MAC_SIZE 32

/* The columns every MAC covers, in this order (the mac column itself aside). */
#define MC_AUDIT_COLUMNS \
  "id, at, server_at, actor, dossier_id, dossier_number, action, status_before, status_after," \
  " outcome, detail"
#define MC_AUDIT_N_COLUMNS 11

/* The triggers that keep the log append-only through SQLite: no row's content changes, a mac
 * is written once (sealing), nothing is deleted, and the head never goes back. The schema's
 * migration creates them from these texts and mc_store_audit_check () compares them with
 * what the database holds, so that a dropped or weakened trigger is seen. */
#define MC_AUDIT_TRIGGER_NO_UPDATE \
  "CREATE TRIGGER audit_no_update BEFORE UPDATE OF " MC_AUDIT_COLUMNS " ON audit" \
  " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
#define MC_AUDIT_TRIGGER_SEAL_ONCE \
  "CREATE TRIGGER audit_seal_once BEFORE UPDATE OF mac ON audit WHEN OLD.mac IS NOT NULL" \
  " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
#define MC_AUDIT_TRIGGER_NO_DELETE \
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit" \
  " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
#define MC_AUDIT_TRIGGER_HEAD_NO_DELETE \
  "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head" \
  " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
#define MC_AUDIT_TRIGGER_HEAD_FORWARD \
  "CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head" \
  " WHEN NEW.entries < OLD.entries OR NEW.sealed < OLD.sealed OR NEW.id IS NOT OLD.id" \
  " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"

/* The head as stored (audit_head), its MACs decoded. */
typedef struct
{
  gint64 entries;
  gint64 sealed;
  gboolean has_last;
  guint8 last_mac[MC_AUDIT_MAC_SIZE];
  char *seal;                 /* hex, NULL before the first sealed entry */
  char *key_id;
} McAuditHead;

/* One anchor: at @at the log had @count sealed entries, the last with MAC @mac. */
typedef struct
{
  gint64 at;
  gint64 count;
  guint8 mac[MC_AUDIT_MAC_SIZE];
  char *where;                /* "FILE line N", for messages */
} McAuditAnchor;

GBytes   *mc_store_audit_key       (McStore        *self);
gboolean  mc_store_audit_read_head (McStore        *self,
                                    McAuditHead    *head,
                                    GError        **error);
void      mc_audit_head_clear      (McAuditHead    *head);
char     *mc_audit_anchor_line     (GBytes         *key,
                                    gint64          at,
                                    gint64          count,
                                    const guint8   *mac);
GPtrArray *mc_audit_read_anchors   (const char     *path,
                                    GBytes         *key,
                                    GError        **error);
gboolean  mc_audit_hex_decode      (const char     *hex,
                                    guint8         *out);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (McAuditHead, mc_audit_head_clear)

G_END_DECLS
