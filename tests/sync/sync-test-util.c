/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc-catalog.h"
#include "mc-store-actions.h"
#include "mc-store-audit.h"
#include "mc-store-private.h"
#include "mc-store-push.h"
#include "sync-test-util.h"

/* Shared by the sync tests: a real simulator on loopback, a real SQLite profile, real HTTP. */

void
sync_fixture_setup (SyncFixture *f,
                    guint        n_dossiers,
                    guint        dialect_mask)
{
  g_autoptr(GError) error = NULL;

  f->sim = mc_sim_new (20260609, n_dossiers, dialect_mask);
  g_assert_true (mc_sim_start (f->sim, 0, &error));
  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("motcua-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "motcua.db", NULL);
  f->store = mc_store_open (f->db_path, MC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    if (dialect_mask & (1u << i))
      {
        g_autoptr(McSource) s = sync_fixture_source (f, i);

        g_assert_true (mc_store_add_source (f->store, s, &error));
        g_assert_no_error (error);
        /* No write of this simulator commits late unless a test says so ("late_commit"): an
         * action in doubt is settled by the first look-up. Those tests set their own. */
        g_assert_true (mc_store_set_source_settle (f->store, s->id, 0, &error));
        g_assert_no_error (error);
      }
}

void
sync_fixture_teardown (SyncFixture *f)
{
  g_autofree char *wal = g_strconcat (f->db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db_path, "-shm", NULL);
  g_autofree char *lock = g_strconcat (f->db_path, ".push-lock", NULL);

  g_clear_object (&f->store);
  mc_sim_stop (f->sim);
  g_clear_object (&f->sim);
  g_unlink (f->db_path);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (lock);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

McSource *
sync_fixture_source (SyncFixture  *f,
                     McSimDialect  dialect)
{
  static const char *ministries[] = { "G03", "G09", "G16", "G18", "G21" };
  static const char *names[] = { "Giáo dục và Đào tạo", "Nội vụ", "Văn hóa, Thể thao và Du lịch", "Y tế",
                                 "Dân tộc và Tôn giáo" };
  g_autofree char *url = mc_sim_get_base_url (f->sim, dialect);

  return mc_source_new (mc_sim_dialect_source_id (dialect), ministries[dialect], mc_sim_dialect_name (dialect),
                        names[dialect], url, MC_SIM_UNIT_CODE, "canbo.xa");
}

GHashTable *
sync_test_secrets (const char *password)
{
  GHashTable *secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (secrets, g_strdup ("password"), g_strdup (password ? password : MC_SIM_DEFAULT_PASSWORD));
  g_hash_table_insert (secrets, g_strdup ("api-key"), g_strdup (MC_SIM_DEFAULT_API_KEY));
  return secrets;
}

McConnector *
sync_fixture_connector (SyncFixture  *f,
                        McSimDialect  dialect,
                        const char   *password)
{
  g_autoptr(McSource) source = sync_fixture_source (f, dialect);
  g_autoptr(GHashTable) secrets = sync_test_secrets (password);
  g_autoptr(GError) error = NULL;
  McConnector *c = mc_connector_new (source, secrets, &error);

  g_assert_no_error (error);
  return c;
}

void
sync_fixture_control (SyncFixture *f,
                      const char  *command,
                      const char  *format,
                      ...)
{
  g_autofree char *args = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  va_list ap;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);
  result = mc_sim_control (f->sim, command, args, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
}

/* Pulls page after page into the store, as the engine does, without the engine. */
gboolean
sync_pull_all (SyncFixture  *f,
               McConnector  *connector,
               guint        *out_pages,
               GError      **error)
{
  const char *source_id = mc_connector_get_source (connector)->id;
  g_autofree char *cursor = NULL;
  guint pages = 0;

  if (!mc_store_sync_get_cursor (f->store, source_id, &cursor, error))
    return FALSE;
  for (;;)
    {
      g_autoptr(McPullPage) page = mc_connector_pull (connector, cursor, NULL, error);
      McStoreSyncPage sp = { 0 };

      if (page == NULL)
        return FALSE;
      sp.dossiers = page->dossiers;
      sp.remote_ids = page->remote_ids;
      sp.tombstones = page->tombstones;
      sp.tombstones_by_remote_id = page->tombstones_by_remote_id;
      if (!mc_store_sync_apply_page (f->store, source_id, &sp, page->cursor, NULL, NULL, error))
        return FALSE;
      pages++;
      g_free (cursor);
      cursor = g_strdup (page->cursor);
      if (!page->more)
        break;
    }
  if (out_pages)
    *out_pages = pages;
  return TRUE;
}

McSyncEngine *
sync_fixture_engine (SyncFixture *f,
                     guint        dialect_mask)
{
  McSyncEngine *engine = mc_sync_engine_new (f->db_path);

  mc_sync_engine_set_page_size (engine, 50);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    if (dialect_mask & (1u << i))
      {
        g_autoptr(McSource) s = sync_fixture_source (f, i);
        g_autoptr(GHashTable) secrets = sync_test_secrets (NULL);
        g_autoptr(GError) error = NULL;

        g_assert_true (mc_sync_engine_add_source (engine, s, secrets, &error));
        g_assert_no_error (error);
      }
  return engine;
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
} Wait;

static void
engine_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = mc_sync_engine_sync_finish (MC_SYNC_ENGINE (object), result, &w->error);
  w->done = TRUE;
}

gboolean
sync_engine_run (McSyncEngine  *engine,
                 const char    *source_id,
                 gboolean       full,
                 GError       **error)
{
  Wait w = { 0 };

  mc_sync_engine_sync_async (engine, source_id, full, NULL, engine_done, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  if (w.error)
    g_propagate_error (error, w.error);
  return w.ok;
}

gint64
sync_count (SyncFixture *f,
            const char  *source_id)
{
  McStoreFilter filter = { .source_id = source_id };
  g_autoptr(GError) error = NULL;
  gint64 n = mc_store_count (f->store, &filter, &error);

  g_assert_no_error (error);
  return n;
}

McDossier *
sync_stored (SyncFixture *f,
             const char  *source_id,
             const char  *number)
{
  sqlite3_stmt *stmt = mc_store_prepare (f->store, "SELECT id FROM dossiers WHERE source_id = ? AND number = ?", NULL);
  gint64 id = 0;

  mc_store_bind_text (stmt, 1, source_id);
  mc_store_bind_text (stmt, 2, number);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id ? mc_store_get_dossier (f->store, id, NULL) : NULL;
}

/* The legacy back-end has one "organization" kind: enterprises come back as organizations. */
static McApplicantKind
expected_kind (McSimDialect    dialect,
               McApplicantKind kind)
{
  if (dialect == MC_SIM_LEGACY && kind == MC_APPLICANT_ENTERPRISE)
    return MC_APPLICANT_OTHER_ORGANIZATION;
  return kind;
}

/* Every dossier the simulator serves is stored, field for field, through the dialect's
 * mapping (statuses, dates, kinds, children); and nothing else is stored for that source. */
void
sync_assert_matches (SyncFixture  *f,
                     McSimDialect  dialect)
{
  g_autoptr(GPtrArray) served = mc_sim_list_dossiers (f->sim, dialect);
  const char *source_id = mc_sim_dialect_source_id (dialect);

  g_assert_cmpint (sync_count (f, source_id), ==, served->len);
  for (guint i = 0; i < served->len; i++)
    {
      McDossier *want = g_ptr_array_index (served, i);
      g_autoptr(McDossier) got = sync_stored (f, source_id, want->number);

      g_assert_nonnull (got);
      g_assert_cmpstr (got->procedure_code, ==, want->procedure_code);
      g_assert_cmpstr (got->procedure_name, ==, want->procedure_name);
      g_assert_cmpstr (got->applicant_name, ==, want->applicant_name);
      g_assert_cmpstr (got->id_number, ==, want->id_number);
      g_assert_cmpstr (got->phone, ==, want->phone);
      g_assert_cmpstr (got->address, ==, want->address);
      g_assert_cmpint (got->applicant_kind, ==, expected_kind (dialect, want->applicant_kind));
      g_assert_cmpint (got->channel, ==, want->channel);
      g_assert_cmpint (got->return_method, ==, want->return_method);
      g_assert_cmpint (got->status, ==, want->status);
      g_assert_cmpint (got->submitted_at, ==, want->submitted_at);
      g_assert_cmpint (got->received_at, ==, want->received_at);
      g_assert_cmpint (got->due_at, ==, want->due_at);
      g_assert_cmpint (got->finished_at, ==, want->finished_at);
      g_assert_cmpint (got->returned_at, ==, want->returned_at);
      g_assert_cmpuint (got->documents->len, ==, want->documents->len);
      g_assert_cmpuint (got->fees->len, ==, want->fees->len);
      g_assert_cmpuint (got->supplements->len, ==, want->supplements->len);
      g_assert_cmpuint (got->results->len, ==, want->results->len);
      g_assert_cmpuint (got->history->len, ==, want->history->len);
      for (guint k = 0; k < want->history->len; k++)
        {
          McStep *a = g_ptr_array_index (got->history, k), *b = g_ptr_array_index (want->history, k);

          g_assert_cmpint (a->at, ==, b->at);
          g_assert_cmpint (a->status, ==, b->status);
          if (dialect == MC_SIM_DVCQG)
            {
              /* The portal keeps one text per step (NoiDungXuLy): what was sent with it. */
              g_assert_cmpstr (a->action, ==, mc_status_step_name (b->status));
              g_assert_cmpstr (a->note, ==, b->note ? b->note : b->action);
            }
          else
            {
              g_assert_cmpstr (a->action, ==, b->action);
              g_assert_cmpstr (a->note, ==, b->note);
            }
        }
      for (guint k = 0; k < want->fees->len; k++)
        {
          McFee *a = g_ptr_array_index (got->fees, k), *b = g_ptr_array_index (want->fees, k);

          g_assert_cmpint (a->amount_vnd, ==, b->amount_vnd);
          g_assert_cmpint (a->paid, ==, b->paid);
        }
      for (guint k = 0; k < want->documents->len; k++)
        {
          McDocument *a = g_ptr_array_index (got->documents, k), *b = g_ptr_array_index (want->documents, k);

          g_assert_cmpstr (a->name, ==, b->name);
          g_assert_cmpint (a->is_copy, ==, b->is_copy);
          g_assert_cmpint (a->count, ==, b->count);
        }
    }
}

/* How many times the simulator applied the outbox row @e (its counters, by key): every key
 * generation of the row (the official's retries), and for a dossier created in the portal
 * dialect, its number (@number: the ministry's). */
guint
sync_applied_count (SyncFixture         *f,
                    McSimDialect         dialect,
                    const McOutboxEntry *e,
                    const char          *number)
{
  guint n = 0;

  for (guint generation = 0; generation < 64; generation++)
    {
      g_autofree char *key = generation ? g_strdup_printf ("%s:%s.%u", mc_sim_dialect_name (dialect), e->uuid, generation)
                                        : g_strdup_printf ("%s:%s", mc_sim_dialect_name (dialect), e->uuid);

      n += mc_sim_get_action_count (f->sim, key);
    }
  if (dialect == MC_SIM_DVCQG && strstr (e->payload, "\"create\":true") != NULL)
    {
      g_autofree char *key = g_strdup_printf ("dvcqg:create:%s", number);

      n += mc_sim_get_action_count (f->sim, key);
    }
  return n;
}

/* The child that syncs a profile in a process of its own, to be killed: this same test
 * program, run as "PROGRAM --child DB TIMEOUT ID=MINISTRY=DIALECT=URL…", with the password on
 * standard input. It prints "start" before it syncs and "done" after. */
int
sync_child_main (int    argc,
                 char **argv)
{
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  char password[256] = "";

  if (argc < 5 || fgets (password, sizeof password, stdin) == NULL)
    return 2;
  g_strchomp (password);
  engine = mc_sync_engine_new (argv[2]);
  if (atoi (argv[3]) > 0)
    mc_sync_engine_set_request_timeout (engine, atoi (argv[3]));
  for (int i = 4; i < argc; i++)
    {
      g_auto(GStrv) parts = g_strsplit (argv[i], "=", 4);
      g_autoptr(McSource) source = mc_source_new (parts[0], parts[1], parts[2], parts[0], parts[3], MC_SIM_UNIT_CODE,
                                                  "canbo.xa");
      g_autoptr(GHashTable) secrets = sync_test_secrets (password);

      if (!mc_sync_engine_add_source (engine, source, secrets, &error))
        return 1;
    }
  printf ("start\n");
  fflush (stdout);
  if (!sync_engine_run (engine, NULL, FALSE, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("done\n");
  return 0;
}

/* Starts the child on @f's profile for the sources of @dialect_mask (@timeout: the requests'
 * timeout in seconds, 0 the default) and returns once it printed "start". */
GSubprocess *
sync_spawn_child (SyncFixture *f,
                  guint        dialect_mask,
                  guint        timeout)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *timeout_text = g_strdup_printf ("%u", timeout);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr(GDataInputStream) lines = NULL;
  g_auto(GStrv) argv = NULL;
  GSubprocess *child;
  GOutputStream *in;
  char *line;

  g_strv_builder_add_many (b, self, "--child", f->db_path, timeout_text, NULL);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    if (dialect_mask & (1u << i))
      {
        g_autoptr(McSource) s = sync_fixture_source (f, i);
        g_autofree char *spec = g_strdup_printf ("%s=%s=%s=%s", s->id, s->ministry, s->dialect, s->base_url);

        g_strv_builder_add (b, spec);
      }
  argv = g_strv_builder_end (b);
  child = g_subprocess_newv ((const char * const *) argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                             &error);
  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (child);
  g_assert_true (g_output_stream_write_all (in, MC_SIM_DEFAULT_PASSWORD "\n", strlen (MC_SIM_DEFAULT_PASSWORD) + 1,
                                            NULL, NULL, &error));
  g_output_stream_close (in, NULL, NULL);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      gboolean started = g_str_equal (line, "start");

      g_free (line);
      if (started)
        break;
    }
  return child;
}

/* An integer of the simulator's "state" (top level), e.g. "pending_commits". */
gint64
sync_sim_state (SyncFixture *f,
                const char  *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) state = mc_sim_control (f->sim, "state", "{}", &error);

  g_assert_no_error (error);
  return json_object_get_int_member (json_node_get_object (state), member);
}

/* Whether no write taken by the simulator (@f) waits to be committed late: for
 * sync_wait_until(). */
gboolean
sync_sim_no_late_write (gpointer f)
{
  return sync_sim_state (f, "pending_commits") == 0;
}

/* The start of the tests whose program is also the child that syncs (sync_child_main()):
 * "now" pinned, no proxy. Returns: the child's exit status when this is the child, else -1
 * after g_test_init(). */
int
sync_test_init (int    *argc,
                char ***argv)
{
  g_setenv ("MC_NOW", "1780968600", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (*argc > 1 && g_str_equal ((*argv)[1], "--child"))
    return sync_child_main (*argc, *argv);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  return -1;
}

/* Waits, polling, until @done (@data) holds; fails the test after @seconds. */
void
sync_wait_until (gboolean   (*done) (gpointer data),
                 gpointer     data,
                 guint        seconds,
                 const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("waited %u s for %s", seconds, what);
      g_usleep (20 * 1000);
    }
}

/* A new dossier received at the counter for @dialect's system, offline. */
void
sync_intake (SyncFixture  *f,
             McSimDialect  dialect)
{
  static const char *documents[] = { "Tờ khai", NULL };
  McCatalog *catalog = mc_catalog_get_default ();
  g_autoptr(McSource) source = sync_fixture_source (f, dialect);
  g_autoptr(McDossier) d = NULL;
  g_autoptr(GError) error = NULL;
  McIntake in = { .source_id = source->id, .applicant_name = "Vi Văn Hùng", .id_number = "001190000123",
                  .documents = documents, .fee_vnd = -1 };

  for (guint i = 0; i < mc_catalog_get_n_procedures (catalog) && in.procedure_code == NULL; i++)
    if (g_str_equal (mc_catalog_get_procedure (catalog, i)->ministry, source->ministry))
      in.procedure_code = mc_catalog_get_procedure (catalog, i)->code;
  d = mc_store_receive_new (f->store, &in, SYNC_TEST_ACTOR, &error);
  g_assert_no_error (error);
}

/* One action the workflow allows on a random dossier of @dialect, with what it needs. */
gboolean
sync_random_action (SyncFixture  *f,
                    McSimDialect  dialect)
{
  static const char *items[] = { "Sơ đồ thửa đất", NULL };
  static const char *results[] = { "Quyết định", NULL };
  McStoreFilter filter = { .source_id = mc_sim_dialect_source_id (dialect) };
  g_autoptr(GArray) ids = mc_store_list (f->store, &filter, NULL);

  for (guint tries = 0; ids && ids->len > 0 && tries < 50; tries++)
    {
      gint64 id = g_array_index (ids, gint64, g_test_rand_int_range (0, ids->len));
      g_autoptr(GArray) allowed = mc_store_actions_allowed (f->store, id, NULL);
      g_autoptr(McDossier) d = NULL;
      g_autoptr(GError) error = NULL;
      McActionInput in = { .note = "Đã xem xét", .items = items, .results = results, .method = MC_CHANNEL_ONLINE,
                           .fee_name = "Lệ phí", .fee_vnd = 20000 };
      McAction action;

      if (allowed == NULL || allowed->len == 0)
        continue;
      action = g_array_index (allowed, McAction, g_test_rand_int_range (0, allowed->len));
      d = mc_store_get_dossier (f->store, id, NULL);
      in.due_at = d->due_at + 3 * 86400;
      g_assert_true (mc_store_apply_action (f->store, id, action, &in, SYNC_TEST_ACTOR, &error));
      g_assert_no_error (error);
      return TRUE;
    }
  return FALSE;
}

/* After anything: the database is whole and the audit chain verifies. */
void
sync_assert_consistent (SyncFixture *f)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (mc_store_integrity_check (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (mc_store_audit_verify (f->store, &n, &error));
  g_assert_no_error (error);
}
