/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mc-store-audit-private.h"
#include "mc-time.h"

/* The audit log is keyed and anchored. Each entry is sealed with a MAC: HMAC-SHA256, under a
 * key of the profile kept in the Secret Service, over the MAC of the entry before it and every
 * column of the entry in a typed encoding (NULL is not 0, an integer is not the text of one).
 * The head (audit_head) records how many entries there are, how many are sealed and the last
 * MAC, and is sealed itself; anchors — the sealed head at a time — are written outside the
 * database (a file beside it, and every exported CSV). So an entry edited (even with every
 * MAC after it recomputed: that needs the key), forged, removed from the middle or the end,
 * a log emptied and its head reset, or a database put back from an older copy, are all seen
 * by mc_store_audit_check (), which names the first entry that is wrong.
 *
 * The keyring may be locked or absent when an action is taken: the entry is never lost for
 * that. It is written unsealed, in the action's own transaction, and sealed — in order — by
 * the next append of a process that has the key. Until then it is only as safe as any row of
 * the database; the check reports how many such entries end the log. */

#define ANCHOR_EVERY_ENTRIES 20
#define ANCHOR_EVERY_SECONDS 600

static GMutex keys_lock;
static GHashTable *keys;   /* real database path → GBytes key */

void
mc_store_set_audit_key (McStore *self,
                        GBytes  *key)
{
  g_return_if_fail (MC_IS_STORE (self));
  g_return_if_fail (key == NULL || g_bytes_get_size (key) == MC_AUDIT_KEY_SIZE);

  g_mutex_lock (&keys_lock);
  if (keys == NULL)
    keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  if (key != NULL)
    g_hash_table_replace (keys, g_strdup (self->real_path), g_bytes_ref (key));
  else
    g_hash_table_remove (keys, self->real_path);
  g_mutex_unlock (&keys_lock);
}

GBytes *
mc_store_audit_key (McStore *self)
{
  GBytes *key = NULL;

  g_mutex_lock (&keys_lock);
  if (keys != NULL && (key = g_hash_table_lookup (keys, self->real_path)))
    g_bytes_ref (key);
  g_mutex_unlock (&keys_lock);
  return key;
}

gboolean
mc_store_audit_has_key (McStore *self)
{
  g_autoptr(GBytes) key = mc_store_audit_key (self);

  return key != NULL;
}

gboolean
mc_audit_hex_decode (const char *hex,
                     guint8     *out)
{
  if (hex == NULL || strlen (hex) != 2 * MC_AUDIT_MAC_SIZE)
    return FALSE;
  for (guint i = 0; i < MC_AUDIT_MAC_SIZE; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]), lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = hi << 4 | lo;
    }
  return TRUE;
}

static char *
hex_encode (const guint8 *mac)
{
  char *hex = g_malloc (2 * MC_AUDIT_MAC_SIZE + 1);

  for (guint i = 0; i < MC_AUDIT_MAC_SIZE; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", mac[i]);
  return hex;
}

/* The typed encoding: a tag, then 8 big-endian bytes (an integer, a real's bits, or a length
 * followed by the bytes). No two different values, or sequences of values, encode alike. */
static void
feed_tagged (GHmac        *h,
             char          tag,
             guint64       word,
             const guint8 *bytes)
{
  guint8 buf[9] = { tag };

  for (int i = 0; i < 8; i++)
    buf[1 + i] = word >> (56 - 8 * i);
  g_hmac_update (h, buf, sizeof buf);
  if (bytes != NULL && word > 0)
    g_hmac_update (h, bytes, word);
}

static void
feed_int (GHmac  *h,
          gint64  value)
{
  feed_tagged (h, 'I', (guint64) value, NULL);
}

static void
feed_column (GHmac        *h,
             sqlite3_stmt *stmt,
             int           col)
{
  switch (sqlite3_column_type (stmt, col))
    {
    case SQLITE_INTEGER:
      feed_int (h, sqlite3_column_int64 (stmt, col));
      break;
    case SQLITE_FLOAT:
      {
        double d = sqlite3_column_double (stmt, col);
        guint64 bits;

        memcpy (&bits, &d, sizeof bits);
        feed_tagged (h, 'R', bits, NULL);
      }
      break;
    case SQLITE_TEXT:
      feed_tagged (h, 'T', sqlite3_column_bytes (stmt, col), sqlite3_column_text (stmt, col));
      break;
    case SQLITE_BLOB:
      feed_tagged (h, 'B', sqlite3_column_bytes (stmt, col), sqlite3_column_blob (stmt, col));
      break;
    default:
      feed_tagged (h, 'N', 0, NULL);
      break;
    }
}

static GHmac *
hmac_new (GBytes     *key,
          const char *domain)
{
  GHmac *h = g_hmac_new (G_CHECKSUM_SHA256, g_bytes_get_data (key, NULL), g_bytes_get_size (key));

  g_hmac_update (h, (const guchar *) domain, strlen (domain) + 1);
  return h;
}

static void
hmac_finish (GHmac  *h,
             guint8 *out)
{
  gsize len = MC_AUDIT_MAC_SIZE;

  g_hmac_get_digest (h, out, &len);
  g_hmac_unref (h);
}

/* The MAC of the row @stmt is on (its first MC_AUDIT_N_COLUMNS columns), chained to @prev
 * (NULL for the first entry). */
static void
entry_mac (GBytes       *key,
           const guint8 *prev,
           sqlite3_stmt *stmt,
           guint8       *out)
{
  static const guint8 genesis[MC_AUDIT_MAC_SIZE];
  GHmac *h = hmac_new (key, "motcua-audit-entry-v1");

  g_hmac_update (h, prev ? prev : genesis, MC_AUDIT_MAC_SIZE);
  for (int col = 0; col < MC_AUDIT_N_COLUMNS; col++)
    feed_column (h, stmt, col);
  hmac_finish (h, out);
}

static char *
head_seal (GBytes       *key,
           gint64        sealed,
           const guint8 *last_mac)
{
  GHmac *h = hmac_new (key, "motcua-audit-head-v1");
  guint8 mac[MC_AUDIT_MAC_SIZE];

  feed_int (h, sealed);
  g_hmac_update (h, last_mac, MC_AUDIT_MAC_SIZE);
  hmac_finish (h, mac);
  return hex_encode (mac);
}

/* Names the key without revealing it: a log sealed with another key says so, instead of
 * looking tampered with everywhere. */
static char *
key_id (GBytes *key)
{
  GHmac *h = hmac_new (key, "motcua-audit-key-id-v1");
  guint8 mac[MC_AUDIT_MAC_SIZE];
  g_autofree char *hex = NULL;

  hmac_finish (h, mac);
  hex = hex_encode (mac);
  return g_strndup (hex, 16);
}

/* One anchor as a line of text; its own MAC keeps it from being forged. */
char *
mc_audit_anchor_line (GBytes       *key,
                      gint64        at,
                      gint64        count,
                      const guint8 *mac)
{
  GHmac *h = hmac_new (key, "motcua-audit-anchor-v1");
  guint8 anchor_mac[MC_AUDIT_MAC_SIZE];
  g_autofree char *mac_hex = hex_encode (mac);
  g_autofree char *anchor_hex = NULL;

  feed_int (h, at);
  feed_int (h, count);
  g_hmac_update (h, mac, MC_AUDIT_MAC_SIZE);
  hmac_finish (h, anchor_mac);
  anchor_hex = hex_encode (anchor_mac);
  return g_strdup_printf ("motcua-audit-anchor v1 %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %s",
                          at, count, mac_hex, anchor_hex);
}

void
mc_audit_head_clear (McAuditHead *head)
{
  g_clear_pointer (&head->seal, g_free);
  g_clear_pointer (&head->key_id, g_free);
}

gboolean
mc_store_audit_read_head (McStore      *self,
                          McAuditHead  *head,
                          GError      **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT entries, sealed, last_mac, seal, key_id FROM audit_head WHERE id = 1", error);
  int rc;

  *head = (McAuditHead) { 0 };
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      head->entries = sqlite3_column_int64 (stmt, 0);
      head->sealed = sqlite3_column_int64 (stmt, 1);
      head->has_last = mc_audit_hex_decode ((const char *) sqlite3_column_text (stmt, 2), head->last_mac);
      head->seal = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      head->key_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                 _("%s: the record of the audit log's end was removed"), self->path);
  else
    mc_store_set_error (self, error, N_("reading the audit log"));
  return FALSE;
}

gboolean
mc_store_audit_is_sealed (McStore  *self,
                          GError  **error)
{
  g_auto(McAuditHead) head = { 0 };

  if (!mc_store_audit_read_head (self, &head, error))
    return FALSE;
  return head.key_id != NULL || head.sealed > 0;
}

typedef struct
{
  gint64 id;
  guint8 mac[MC_AUDIT_MAC_SIZE];
} Sealing;

/* Seals the entries not sealed yet, oldest first, and the head: inside the caller's write
 * transaction. A log sealed with another key is left as it is (the check says why). */
static gboolean
seal_pending (McStore  *self,
              GBytes   *key,
              GError  **error)
{
  g_auto(McAuditHead) head = { 0 };
  g_autofree char *id = key_id (key);
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (Sealing));
  g_autofree char *seal = NULL;
  sqlite3_stmt *stmt;
  guint8 last[MC_AUDIT_MAC_SIZE];
  gboolean has_last;
  int rc;

  if (!mc_store_audit_read_head (self, &head, error))
    return FALSE;
  if (head.key_id != NULL && !g_str_equal (head.key_id, id))
    return TRUE;
  has_last = head.has_last;
  memcpy (last, head.last_mac, sizeof last);

  stmt = mc_store_prepare (self, "SELECT " MC_AUDIT_COLUMNS " FROM audit WHERE mac IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Sealing s = { .id = sqlite3_column_int64 (stmt, 0) };

      entry_mac (key, has_last ? last : NULL, stmt, s.mac);
      memcpy (last, s.mac, sizeof last);
      has_last = TRUE;
      g_array_append_val (done, s);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the audit log"));
      return FALSE;
    }
  if (done->len == 0)
    return TRUE;

  for (guint i = 0; i < done->len; i++)
    {
      Sealing *s = &g_array_index (done, Sealing, i);
      g_autofree char *hex = hex_encode (s->mac);

      stmt = mc_store_prepare (self, "UPDATE audit SET mac = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      mc_store_bind_text (stmt, 1, hex);
      sqlite3_bind_int64 (stmt, 2, s->id);
      if (!mc_store_step_done (self, stmt, error))
        return FALSE;
    }
  {
    g_autofree char *last_hex = hex_encode (last);

    seal = head_seal (key, head.sealed + done->len, last);
    stmt = mc_store_prepare (self,
      "UPDATE audit_head SET sealed = sealed + ?, last_mac = ?, seal = ?, key_id = ? WHERE id = 1", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, done->len);
    mc_store_bind_text (stmt, 2, last_hex);
    mc_store_bind_text (stmt, 3, seal);
    mc_store_bind_text (stmt, 4, id);
    return mc_store_step_done (self, stmt, error);
  }
}

/* Appends @entry to the log. It must run inside the caller's transaction (mc_store_begin),
 * the one that makes the change being audited: the change and its audit row commit together
 * or not at all, and the write lock taken at BEGIN IMMEDIATE keeps the chain from changing
 * under us. With the key at hand the entry (and any left unsealed before it) is sealed in
 * the same transaction; without it, it waits unsealed. */
gboolean
mc_store_audit_append (McStore             *self,
                       const McAuditEntry  *entry,
                       GError             **error)
{
  g_autoptr(GBytes) key = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry->actor != NULL && entry->action != NULL && entry->outcome != NULL, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);

  stmt = mc_store_prepare (self,
    "INSERT INTO audit (at, actor, dossier_id, dossier_number, action, status_before, status_after,"
    " outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry->at ? entry->at : mc_time_now ());
  mc_store_bind_text (stmt, 2, entry->actor);
  if (entry->dossier_id != 0)
    sqlite3_bind_int64 (stmt, 3, entry->dossier_id);
  mc_store_bind_text (stmt, 4, entry->dossier_number);
  mc_store_bind_text (stmt, 5, entry->action);
  if (entry->status_before != 0)
    sqlite3_bind_int (stmt, 6, entry->status_before);
  if (entry->status_after != 0)
    sqlite3_bind_int (stmt, 7, entry->status_after);
  mc_store_bind_text (stmt, 8, entry->outcome);
  mc_store_bind_text (stmt, 9, entry->detail);
  if (!mc_store_step_done (self, stmt, error))
    return FALSE;

  stmt = mc_store_prepare (self, "UPDATE audit_head SET entries = entries + 1 WHERE id = 1", error);
  if (stmt == NULL || !mc_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                   _("%s: the record of the audit log's end was removed"), self->path);
      return FALSE;
    }
  self->audit_appended = TRUE;
  key = mc_store_audit_key (self);
  return key == NULL || seal_pending (self, key, error);
}

/* Ends the transaction (mc_store_begin) of a change to the office's own data, not to a
 * dossier: appends its "done" entry (@at 0 = now) and commits, or rolls everything back. */
gboolean
mc_store_audit_commit (McStore     *self,
                       gint64       at,
                       const char  *actor,
                       const char  *action,
                       const char  *detail,
                       GError     **error)
{
  McAuditEntry audit = { .at = at, .actor = actor, .action = action, .outcome = "done", .detail = detail };

  if (mc_store_audit_append (self, &audit, error) && mc_store_commit (self, error))
    return TRUE;
  mc_store_rollback (self);
  return FALSE;
}

/* After a commit that appended entries: an anchor of the committed head, when the last one
 * is old enough or far enough behind. Best effort: the entries are committed already, and a
 * profile directory that cannot take the file loses only that extra safeguard. */
void
mc_store_audit_anchor_if_due (McStore *self)
{
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GPtrArray) anchors = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_auto(McAuditHead) head = { 0 };
  McAuditAnchor *last = NULL;

  if (!self->audit_appended)
    return;
  self->audit_appended = FALSE;
  if (!(key = mc_store_audit_key (self)) || !mc_store_audit_read_head (self, &head, NULL) || head.sealed == 0)
    return;
  path = mc_store_audit_anchor_path (self);
  anchors = mc_audit_read_anchors (path, NULL, NULL);
  if (anchors != NULL && anchors->len > 0)
    last = g_ptr_array_index (anchors, anchors->len - 1);
  if (last != NULL && head.sealed < last->count + ANCHOR_EVERY_ENTRIES
      && (head.sealed == last->count || mc_time_now () - last->at < ANCHOR_EVERY_SECONDS))
    return;
  if (!mc_store_audit_write_anchor (self, &error))
    g_debug ("No audit anchor written: %s", error->message);
}

/* The columns of the audit table as this version made them: an added, removed or retyped
 * column is a change of the log the MACs alone would not show. */
static const char *expected_columns =
  "id INTEGER 0 1|at INTEGER 1 0|server_at INTEGER 0 0|actor TEXT 1 0|dossier_id INTEGER 0 0|"
  "dossier_number TEXT 0 0|action TEXT 1 0|status_before INTEGER 0 0|status_after INTEGER 0 0|"
  "outcome TEXT 1 0|detail TEXT 0 0|mac TEXT 0 0|";

static gboolean
check_schema (McStore  *self,
              GError  **error)
{
  static const struct { const char *name, *sql; } triggers[] = {
    { "audit_no_update", MC_AUDIT_TRIGGER_NO_UPDATE },
    { "audit_seal_once", MC_AUDIT_TRIGGER_SEAL_ONCE },
    { "audit_no_delete", MC_AUDIT_TRIGGER_NO_DELETE },
    { "audit_head_no_delete", MC_AUDIT_TRIGGER_HEAD_NO_DELETE },
    { "audit_head_forward", MC_AUDIT_TRIGGER_HEAD_FORWARD },
  };
  g_autoptr(GString) columns = g_string_new (NULL);
  sqlite3_stmt *stmt;

  stmt = mc_store_prepare (self, "SELECT name, type, \"notnull\", pk FROM pragma_table_info('audit')", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (columns, "%s %s %d %d|", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3));
  sqlite3_reset (stmt);
  if (!g_str_equal (columns->str, expected_columns))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                   _("%s: the columns of the audit log were changed"), self->path);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    {
      gboolean same;

      stmt = mc_store_prepare (self, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", error);
      if (stmt == NULL)
        return FALSE;
      mc_store_bind_text_static (stmt, 1, triggers[i].name);
      same = sqlite3_step (stmt) == SQLITE_ROW
             && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), triggers[i].sql) == 0;
      sqlite3_reset (stmt);
      if (!same)
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                       _("%s: the audit log's protection “%s” was removed or changed"), self->path,
                       triggers[i].name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
altered (McStore  *self,
         GError  **error,
         gint64    id)
{
  g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
               _("%s: the audit log was altered at entry %lld"), self->path, (long long) id);
  return FALSE;
}

/* Anchors by count, for the walk. */
static GHashTable *
anchors_by_count (GPtrArray *anchors)
{
  GHashTable *by_count = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; anchors && i < anchors->len; i++)
    {
      McAuditAnchor *a = g_ptr_array_index (anchors, i);

      g_hash_table_insert (by_count, &a->count, a);
    }
  return by_count;
}

static gboolean
anchor_failed (McStore             *self,
               const McAuditAnchor *a,
               gint64               sealed,
               GError             **error)
{
  g_autofree char *when = mc_time_format_iso (a->at);

  if (a->count > sealed)
    g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                 _("%s: the audit log had %lld entries on %s (%s) and has %lld sealed entries now: "
                   "entries were removed or the log was reset"),
                 self->path, (long long) a->count, when, a->where, (long long) sealed);
  else
    g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                 _("%s: entry %lld of the audit log is not the one anchored on %s (%s): the log was "
                   "rewritten"), self->path, (long long) a->count, when, a->where);
  return FALSE;
}

static gboolean
load_anchors (McStore     *self,
              GBytes      *key,
              const char  *extra,
              GPtrArray  **out,
              GError     **error)
{
  g_autofree char *path = mc_store_audit_anchor_path (self);
  g_autoptr(GPtrArray) all = NULL;

  if (!(all = mc_audit_read_anchors (path, key, error)))
    return FALSE;
  if (extra != NULL)
    {
      g_autoptr(GPtrArray) more = mc_audit_read_anchors (extra, key, error);

      if (more == NULL)
        return FALSE;
      if (more->len == 0 && !g_file_test (extra, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("No file %s"), extra);
          return FALSE;
        }
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&more));
    }
  *out = g_steal_pointer (&all);
  return TRUE;
}

/* Walks the whole log: its schema and triggers, every entry's id and MAC in order, the head,
 * and the anchors outside the database (@extra_anchors: one more file, such as an exported
 * CSV). Returns FALSE with MC_STORE_ERROR_CORRUPT naming the first entry that is wrong.
 * Without the key, and not @require_key, the MACs and anchors are left unchecked. */
static gboolean
check_log (McStore        *self,
           const char     *extra_anchors,
           gboolean        require_key,
           McAuditReport  *out_report,
           GError        **error)
{
  g_autoptr(GBytes) key = mc_store_audit_key (self);
  g_autoptr(GPtrArray) anchors = NULL;
  g_autoptr(GHashTable) by_count = NULL;
  g_auto(McAuditHead) head = { 0 };
  g_autofree char *id = NULL;
  McAuditReport report = { 0 };
  guint8 last[MC_AUDIT_MAC_SIZE];
  gint64 n = 0, sealed = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if (!check_schema (self, error) || !mc_store_audit_read_head (self, &head, error))
    return FALSE;
  if (key == NULL && require_key && (head.sealed > 0 || head.key_id != NULL))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("%s: the audit log is sealed with the profile's key, which is not at hand (is the "
                     "keyring unlocked?)"), self->path);
      return FALSE;
    }
  if (key != NULL && head.key_id != NULL && !g_str_equal (head.key_id, id = key_id (key)))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("%s: the audit log was sealed with another key than the profile's key in the keyring"),
                   self->path);
      return FALSE;
    }
  if (key != NULL && !load_anchors (self, key, extra_anchors, &anchors, error))
    return FALSE;
  by_count = anchors_by_count (anchors);

  stmt = mc_store_prepare (self, "SELECT " MC_AUDIT_COLUMNS ", mac FROM audit ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row_id = sqlite3_column_int64 (stmt, 0);
      const char *mac_hex = (const char *) sqlite3_column_text (stmt, MC_AUDIT_N_COLUMNS);
      guint8 stored[MC_AUDIT_MAC_SIZE], computed[MC_AUDIT_MAC_SIZE];
      McAuditAnchor *anchor;

      n++;
      /* Ids run 1, 2, 3…: a gap is an entry removed, whatever the MACs say. */
      if (sqlite3_column_type (stmt, 0) != SQLITE_INTEGER || row_id != n)
        {
          sqlite3_reset (stmt);
          return altered (self, error, MIN (row_id, n));
        }
      if (mac_hex == NULL)
        continue;
      /* A sealed entry after an unsealed one: sealing goes in order, so it was not us. */
      if (sealed != n - 1 || !mc_audit_hex_decode (mac_hex, stored))
        {
          sqlite3_reset (stmt);
          return altered (self, error, row_id);
        }
      if (key != NULL)
        entry_mac (key, sealed ? last : NULL, stmt, computed);
      if (key != NULL && memcmp (stored, computed, sizeof stored) != 0)
        {
          sqlite3_reset (stmt);
          return altered (self, error, row_id);
        }
      memcpy (last, stored, sizeof last);
      sealed++;
      if ((anchor = g_hash_table_lookup (by_count, &sealed)) && memcmp (anchor->mac, last, sizeof last) != 0)
        {
          sqlite3_reset (stmt);
          return anchor_failed (self, anchor, sealed, error);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the audit log"));
      return FALSE;
    }

  /* The head: it ends where the log ends, and only the key could have sealed it. */
  if (n > head.entries)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                   _("%s: the audit log has entries the record of its end does not count, from entry "
                     "%lld on"), self->path, (long long) head.entries + 1);
      return FALSE;
    }
  if (head.entries != n || head.sealed != sealed || (sealed > 0) != head.has_last
      || (sealed > 0 && memcmp (head.last_mac, last, sizeof last) != 0))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                   _("%s: the audit log was cut after entry %lld (%lld entries were written)"),
                   self->path, (long long) n, (long long) head.entries);
      return FALSE;
    }
  if (sealed > 0 && key != NULL)
    {
      g_autofree char *seal = head_seal (key, sealed, last);

      if (g_strcmp0 (seal, head.seal) != 0)
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                       _("%s: the record of the audit log's end was forged"), self->path);
          return FALSE;
        }
    }
  for (guint i = 0; anchors && i < anchors->len; i++)
    {
      McAuditAnchor *a = g_ptr_array_index (anchors, i);

      if (a->count > sealed)
        return anchor_failed (self, a, sealed, error);
    }

  report.entries = n;
  report.unsealed = n - sealed;
  report.anchors = anchors ? anchors->len : 0;
  if (out_report != NULL)
    *out_report = report;
  return TRUE;
}

gboolean
mc_store_audit_check (McStore        *self,
                      const char     *extra_anchors,
                      McAuditReport  *out_report,
                      GError        **error)
{
  return check_log (self, extra_anchors, TRUE, out_report, error);
}

/* What can be checked with what is at hand: everything with the key (registered in this
 * process), the log's structure alone without it (its schema and triggers, ids, the order of
 * sealing, the head's counts). "motcuactl audit verify" asks for the key. */
gboolean
mc_store_audit_verify (McStore  *self,
                       guint    *out_n_entries,
                       GError  **error)
{
  McAuditReport report;

  if (!check_log (self, NULL, FALSE, &report, error))
    return FALSE;
  if (out_n_entries != NULL)
    *out_n_entries = report.entries;
  return TRUE;
}
