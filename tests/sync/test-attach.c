/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include "mc-store-actions.h"
#include "mc-store-blobs.h"
#include "mc-store-audit.h"
#include "mc-store-files.h"
#include "sync-test-util.h"

/* Attaching files as outbox actions, against the simulator: stored once in the profile (by
 * SHA-256), refused over the dialect's limit before anything is queued, sent once in every
 * dialect even when the connection is cut after the system stored it (keyed dialects answer
 * the repeat; dvcqg and legacy are settled by the dossier's list of files), sent before the
 * actions queued after it on the same dossier, resumed after a kill, and never sent when the
 * kept content changed on disk. */

#define N_DOSSIERS 250

static McSimDialect
dialect_of (gconstpointer data)
{
  return GPOINTER_TO_UINT (data);
}

/* A PDF of @size bytes (at least its header), different for each @seed, written in the
 * test's directory. */
static char *
write_pdf (SyncFixture *f,
           guint        seed,
           gsize        size)
{
  g_autofree char *name = g_strdup_printf ("scan-%u.pdf", seed);
  char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *head = g_strdup_printf ("%%PDF-1.4\n%% seed %u\n", seed);
  g_autofree char *data = g_malloc0 (MAX (size, strlen (head)));
  g_autoptr(GError) error = NULL;

  memcpy (data, head, strlen (head));
  g_assert_true (g_file_set_contents (path, data, MAX (size, strlen (head)), &error));
  g_assert_no_error (error);
  return path;
}

/* A received dossier of @dialect, stored locally (after the first sync). */
static McDossier *
some_dossier (SyncFixture  *f,
              McSimDialect  dialect,
              guint         nth)
{
  g_autoptr(GPtrArray) served = mc_sim_list_dossiers (f->sim, dialect);

  for (guint i = 0; i < served->len; i++)
    {
      McDossier *s = g_ptr_array_index (served, i);

      if ((s->status == MC_STATUS_RECEIVED || s->status == MC_STATUS_PROCESSING) && nth-- == 0)
        return sync_stored (f, s->source_id, s->number);
    }
  g_assert_not_reached ();
}

/* A simulator of @mask's dialects and a profile that pulled them all. */
static McSyncEngine *
setup_synced (SyncFixture *f,
              guint        mask)
{
  g_autoptr(GError) error = NULL;
  McSyncEngine *engine;

  sync_fixture_setup (f, N_DOSSIERS, mask);
  engine = sync_fixture_engine (f, mask);
  g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
  g_assert_no_error (error);
  return engine;
}

static McOutboxEntry *
entry_of (SyncFixture *f,
          const char  *uuid)
{
  g_autoptr(GPtrArray) all = mc_store_outbox_list (f->store, NULL, NULL);

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (((McOutboxEntry *) g_ptr_array_index (all, i))->uuid, uuid))
      return g_ptr_array_steal_index (all, i);
  g_assert_not_reached ();
}

static char *
attach (SyncFixture *f,
        gint64       dossier_id,
        const char  *path,
        gint64      *out_id)
{
  McAttachInput in = { .path = path, .component = "Tờ khai", .kind = MC_FILE_COMPONENT };
  g_autoptr(GError) error = NULL;
  g_autoptr(McFile) file = NULL;

  g_assert_true (mc_store_attach_file (f->store, dossier_id, &in, "Nguyễn Văn An", out_id, &error));
  g_assert_no_error (error);
  file = mc_store_get_file (f->store, *out_id, &error);
  g_assert_no_error (error);
  return g_strdup (file->action_uuid);
}

static void
sync_until_settled (SyncFixture  *f,
                    McSyncEngine *engine,
                    const char   *uuid)
{
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(McOutboxEntry) e = NULL;
      g_autoptr(GError) error = NULL;

      sync_engine_run (engine, NULL, FALSE, &error);
      e = entry_of (f, uuid);
      if (e->state != MC_OUTBOX_PENDING && e->state != MC_OUTBOX_IN_DOUBT && e->state != MC_OUTBOX_SENDING)
        return;
    }
}

/* Sent once under a cut connection, then the dossier's next action (which expects the
 * version after the file) goes through too; the system lists the file, and its copy comes
 * back as a remote file beside the office's own. */
static void
test_once_under_reset (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) d = NULL;
  g_autoptr(McOutboxEntry) e = NULL;
  g_autoptr(McOutboxEntry) next = NULL;
  g_autoptr(GArray) allowed = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *name = NULL;
  gint64 file_id = 0;

  engine = setup_synced (&f, 1u << dialect);
  d = some_dossier (&f, dialect, 0);
  path = write_pdf (&f, 1, 3000);
  name = g_path_get_basename (path);
  uuid = attach (&f, d->id, path, &file_id);
  /* An action after it, on the same dossier: it must leave after the file, on its version. */
  allowed = mc_store_actions_allowed (f.store, d->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (allowed->len, >, 0);
  {
    McActionInput in = { .note = "Đã số hóa hồ sơ", .due_at = d->due_at + 86400 };
    McAction action = MC_ACTION_INVALID;

    for (guint i = 0; i < allowed->len; i++)
      if (g_array_index (allowed, McAction, i) == MC_ACTION_FORWARD
          || g_array_index (allowed, McAction, i) == MC_ACTION_RECORD_STEP)
        action = g_array_index (allowed, McAction, i);
    g_assert_cmpint (action, !=, MC_ACTION_INVALID);
    g_assert_true (mc_store_apply_action (f.store, d->id, action, &in, "Nguyễn Văn An", &error));
    g_assert_no_error (error);
  }
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"reset_after_commit\":1}", mc_sim_dialect_name (dialect));
  sync_until_settled (&f, engine, uuid);
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"reset_after_commit\":0}", mc_sim_dialect_name (dialect));
  sync_engine_run (engine, NULL, FALSE, NULL);

  e = entry_of (&f, uuid);
  g_assert_cmpstr (mc_outbox_state_id (e->state), ==, "done");
  g_assert_cmpuint (mc_sim_count_files (f.sim, dialect, d->number, name), ==, 1);
  /* The action queued after it is done as well: not a conflict with the file's change. */
  rows = mc_store_outbox_list (f.store, NULL, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      McOutboxEntry *x = g_ptr_array_index (rows, i);

      g_assert_cmpstr (mc_outbox_state_id (x->state), ==, "done");
      if (!g_str_equal (x->action, "attach"))
        g_assert_cmpuint (sync_applied_count (&f, dialect, x, d->number), ==, 1);
    }
  sync_fixture_teardown (&f);
}

/* Killed anywhere while it uploads, resumed by a new process: the file is there once. */
static void
test_kill_and_resume (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(GError) error = NULL;
  guint kills = 0;

  /* The engine goes before any child (it would hold the push lock). */
  g_object_unref (setup_synced (&f, 1u << dialect));
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"latency_ms\":40}", mc_sim_dialect_name (dialect));
  for (guint run = 0; run < 4; run++)
    {
      g_autoptr(McDossier) d = some_dossier (&f, dialect, run);
      g_autofree char *path = write_pdf (&f, 100 + run, 400000);
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *uuid = NULL;
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(McOutboxEntry) e = NULL;
      gint64 file_id;

      uuid = attach (&f, d->id, path, &file_id);
      child = sync_spawn_child (&f, 1u << dialect, 0);
      /* Somewhere in the upload: the latency holds each request 40 ms. */
      g_usleep ((20 + g_test_rand_int_range (0, 100)) * 1000);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);
      kills += g_subprocess_get_if_signaled (child);

      g_clear_object (&child);
      child = sync_spawn_child (&f, 1u << dialect, 0);
      g_assert_true (g_subprocess_wait_check (child, NULL, &error));
      g_assert_no_error (error);
      e = entry_of (&f, uuid);
      g_test_message ("run %u: %s after %d attempts", run, mc_outbox_state_id (e->state), e->attempts);
      g_assert_cmpstr (mc_outbox_state_id (e->state), ==, "done");
      g_assert_cmpuint (mc_sim_count_files (f.sim, dialect, d->number, name), ==, 1);
    }
  g_assert_cmpuint (kills, >, 0);
  sync_fixture_teardown (&f);
}

/* dvcqg and legacy have no key: an upload whose answer was lost is in doubt, and the look-up
 * of the dossier's files (name, size) settles it without sending it again. */
static void
test_in_doubt_listing (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) d = NULL;
  g_autoptr(McOutboxEntry) e = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *uuid = NULL;
  gint64 file_id;

  engine = setup_synced (&f, 1u << dialect);
  d = some_dossier (&f, dialect, 1);
  path = write_pdf (&f, 7, 5000);
  name = g_path_get_basename (path);
  uuid = attach (&f, d->id, path, &file_id);
  /* Every answer to a write is lost: the upload stays in doubt until a look-up finds it. */
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"reset_after_commit\":100}", mc_sim_dialect_name (dialect));
  sync_engine_run (engine, NULL, FALSE, NULL);
  e = entry_of (&f, uuid);
  g_assert_cmpstr (mc_outbox_state_id (e->state), ==, "done");
  g_assert_cmpuint (mc_sim_count_files (f.sim, dialect, d->number, name), ==, 1);
  g_assert_cmpint (e->attempts, >=, 1);
  sync_fixture_teardown (&f);
}

/* Over the limit of the dossier's system: refused at once, nothing kept or queued. */
static void
test_too_big (void)
{
  SyncFixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(McDossier) portal = NULL;
  g_autoptr(McDossier) rest = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *six = NULL;
  g_autofree char *eleven = NULL;
  McAttachInput in = { .component = "Tờ khai" };
  gint64 id = 0;

  engine = setup_synced (&f, (1u << MC_SIM_DVCQG) | (1u << MC_SIM_REST));
  portal = some_dossier (&f, MC_SIM_DVCQG, 0);
  rest = some_dossier (&f, MC_SIM_REST, 0);
  six = write_pdf (&f, 6, 6 * 1024 * 1024);
  eleven = write_pdf (&f, 11, 11 * 1024 * 1024);
  before = mc_store_outbox_list (f.store, NULL, NULL);

  in.path = six;  /* the portal takes 5 MB */
  g_assert_false (mc_store_attach_file (f.store, portal->id, &in, "Nguyễn Văn An", &id, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "5 MB"));
  g_clear_error (&error);
  in.path = eleven;  /* the others 10 MB */
  g_assert_false (mc_store_attach_file (f.store, rest->id, &in, "Nguyễn Văn An", &id, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  in.path = six;  /* 6 MB is within REST's */
  g_assert_true (mc_store_attach_file (f.store, rest->id, &in, "Nguyễn Văn An", &id, &error));
  g_assert_no_error (error);

  after = mc_store_outbox_list (f.store, NULL, NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  sync_fixture_teardown (&f);
}

static guint
count_blobs (const char *dir)
{
  g_autoptr(GDir) top = g_dir_open (dir, 0, NULL);
  const char *sub;
  guint n = 0;

  while (top && (sub = g_dir_read_name (top)))
    {
      g_autofree char *path = g_build_filename (dir, sub, NULL);
      g_autoptr(GDir) inner = g_dir_open (path, 0, NULL);
      const char *name;

      while (inner && (name = g_dir_read_name (inner)))
        {
          g_autofree char *blob = g_build_filename (path, name, NULL);
          struct stat st;

          g_assert_cmpint (g_stat (blob, &st), ==, 0);
          g_assert_cmpint (st.st_mode & 0777, ==, 0600);
          n++;
        }
    }
  return n;
}

/* The same content is kept once, whatever it is attached to; attached twice to the same
 * document it is one file and one action. */
static void
test_content_addressed (void)
{
  SyncFixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(McDossier) a = NULL;
  g_autoptr(McDossier) b = NULL;
  g_autoptr(McDossier) again = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *blobs = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  guint local = 0;
  gint64 first = 0, second = 0, third = 0;

  engine = setup_synced (&f, 1u << MC_SIM_LGSP);
  a = some_dossier (&f, MC_SIM_LGSP, 0);
  b = some_dossier (&f, MC_SIM_LGSP, 1);
  path = write_pdf (&f, 3, 20000);
  /* The same bytes under another name, elsewhere. */
  copy = g_build_filename (f.dir, "ban-sao.pdf", NULL);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));
  before = mc_store_outbox_list (f.store, NULL, NULL);

  g_free (attach (&f, a->id, path, &first));
  g_free (attach (&f, a->id, copy, &second));
  g_assert_cmpint (first, ==, second);
  g_free (attach (&f, b->id, copy, &third));
  g_assert_cmpint (third, !=, first);

  after = mc_store_outbox_list (f.store, NULL, NULL);
  g_assert_cmpuint (after->len, ==, before->len + 2);
  blobs = mc_store_blob_dir (f.store);
  g_assert_cmpuint (count_blobs (blobs), ==, 1);
  again = mc_store_get_dossier (f.store, a->id, &error);
  for (guint i = 0; i < again->files->len; i++)
    local += ((McFile *) g_ptr_array_index (again->files, i))->origin == MC_FILE_LOCAL;
  g_assert_cmpuint (local, ==, 1);
  {
    McDossierFacts facts;

    mc_dossier_get_facts (again, &facts);
    g_assert_cmpint (facts.digitised, ==, MC_FLAG_YES);
  }
  sync_fixture_teardown (&f);
}

/* A file kept when it came in (the intake's strip, in a thread) is attached without being read
 * again: its row has the kept content's hash even if the original changed since; a kept
 * content gone from the profile is read afresh. */
static void
test_kept_beforehand (void)
{
  SyncFixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(McDossier) d = NULL;
  g_autoptr(McFile) file = NULL;
  g_autoptr(McFile) fresh = NULL;
  g_auto(McBlobInfo) kept = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *other = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  gint64 id = 0;

  engine = setup_synced (&f, 1u << MC_SIM_REST);
  d = some_dossier (&f, MC_SIM_REST, 0);
  path = write_pdf (&f, 4, 9000);
  g_assert_true (mc_store_put_blob (f.store, path, 0, &kept, &error));
  g_assert_no_error (error);
  /* The original is replaced by other bytes after it was kept. */
  other = write_pdf (&f, 5, 7000);
  g_assert_true (g_file_get_contents (other, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  {
    McAttachInput in = { .path = path, .kept = &kept, .component = "Tờ khai", .kind = MC_FILE_COMPONENT };

    g_assert_true (mc_store_attach_file (f.store, d->id, &in, "Cán bộ", &id, &error));
    g_assert_no_error (error);
  }
  file = mc_store_get_file (f.store, id, &error);
  g_assert_cmpstr (file->hash, ==, kept.hash);
  g_assert_cmpint (file->size, ==, kept.size);
  /* Gone from the profile: read from the file as it is now. */
  {
    g_autofree char *blob = mc_store_blob_path (f.store, kept.hash);
    McAttachInput in = { .path = path, .kept = &kept, .component = "Đơn", .kind = MC_FILE_COMPONENT };

    g_assert_cmpint (g_remove (blob), ==, 0);
    g_assert_true (mc_store_attach_file (f.store, d->id, &in, "Cán bộ", &id, &error));
    g_assert_no_error (error);
  }
  fresh = mc_store_get_file (f.store, id, &error);
  g_assert_cmpstr (fresh->hash, !=, kept.hash);
  g_assert_cmpint (fresh->size, ==, (gint64) len);
  sync_fixture_teardown (&f);
}

/* Removing a file: refused while it waits to be sent, and for a file the system attached;
 * once sent, removed from the dossier (no longer digitised by it) with an audit entry. */
static void
test_remove (void)
{
  SyncFixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(McDossier) d = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autoptr(McOutboxEntry) e = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gint64 id = 0;

  engine = setup_synced (&f, 1u << MC_SIM_REST);
  d = some_dossier (&f, MC_SIM_REST, 0);
  path = write_pdf (&f, 11, 6000);
  uuid = attach (&f, d->id, path, &id);
  g_assert_false (mc_store_remove_file (f.store, id, "Nguyễn Văn An", &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  sync_engine_run (engine, NULL, FALSE, NULL);
  e = entry_of (&f, uuid);
  g_assert_cmpstr (mc_outbox_state_id (e->state), ==, "done");
  g_assert_true (mc_store_remove_file (f.store, id, "Nguyễn Văn An", &error));
  g_assert_no_error (error);
  after = mc_store_get_dossier (f.store, d->id, &error);
  for (guint i = 0; i < after->files->len; i++)
    g_assert_cmpint (((McFile *) g_ptr_array_index (after->files, i))->id, !=, id);
  audit = mc_store_audit_list (f.store, "remove-file", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  for (guint i = 0; i < after->files->len; i++)
    {
      McFile *listed = g_ptr_array_index (after->files, i);

      if (listed->origin == MC_FILE_REMOTE)
        {
          g_assert_false (mc_store_remove_file (f.store, listed->id, "Nguyễn Văn An", &error));
          g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
          g_clear_error (&error);
          break;
        }
    }
  sync_fixture_teardown (&f);
}

/* The kept content changed on disk after it was attached: the hash read again before the
 * send does not match, and the action is parked with the reason, never sent. */
static void
test_changed_on_disk (void)
{
  SyncFixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(McDossier) d = NULL;
  g_autoptr(McFile) file = NULL;
  g_autoptr(McOutboxEntry) e = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *blob = NULL;
  gint64 id;

  engine = setup_synced (&f, 1u << MC_SIM_REST);
  d = some_dossier (&f, MC_SIM_REST, 0);
  path = write_pdf (&f, 9, 8000);
  name = g_path_get_basename (path);
  uuid = attach (&f, d->id, path, &id);
  file = mc_store_get_file (f.store, id, &error);
  blob = mc_store_blob_path (f.store, file->hash);
  g_assert_cmpint (g_chmod (blob, 0600), ==, 0);
  g_assert_true (g_file_set_contents (blob, "%PDF-1.4\nsomething else\n", -1, NULL));

  sync_engine_run (engine, NULL, FALSE, NULL);
  e = entry_of (&f, uuid);
  g_assert_cmpstr (mc_outbox_state_id (e->state), ==, "rejected");
  g_assert_nonnull (strstr (e->last_error, "changed on disk"));
  g_assert_cmpuint (mc_sim_count_files (f.sim, MC_SIM_REST, d->number, name), ==, 0);
  sync_fixture_teardown (&f);
}

/* A file the system lists, downloaded on demand, is kept by its SHA-256 and stays downloaded
 * when the dossier comes again with the next pull (another official changed it). */
static void
test_download_kept (void)
{
  SyncFixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(McSyncEngine) engine = setup_synced (&f, 1u << MC_SIM_LGSP);
  g_autoptr(McConnector) c = sync_fixture_connector (&f, MC_SIM_LGSP, NULL);
  g_autoptr(GPtrArray) served = mc_sim_list_dossiers (f.sim, MC_SIM_LGSP);
  g_autoptr(McDossier) d = NULL;
  g_autoptr(McDossier) again = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *path = NULL;
  McFile *listed = NULL;

  for (guint i = 0; i < served->len && d == NULL; i++)
    {
      McDossier *s = g_ptr_array_index (served, i);

      if (s->files->len > 0 && s->status == MC_STATUS_PROCESSING)
        d = sync_stored (&f, s->source_id, s->number);
    }
  g_assert_nonnull (d);
  listed = g_ptr_array_index (d->files, 0);
  g_assert_cmpint (listed->origin, ==, MC_FILE_REMOTE);
  g_assert_null (listed->local_path);
  content = mc_connector_download (c, listed, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mc_store_keep_download (f.store, listed->id, content, &error));
  g_assert_no_error (error);

  sync_fixture_control (&f, "change", "{\"dialect\":\"lgsp\",\"number\":\"%s\",\"status\":4,"
                        "\"note\":\"Bổ sung ý kiến\"}", d->number);
  g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
  again = mc_store_get_dossier (f.store, d->id, &error);
  g_assert_cmpuint (again->history->len, >, d->history->len);
  listed = g_ptr_array_index (again->files, 0);
  path = mc_store_file_content_path (f.store, listed);
  g_assert_nonnull (path);
  {
    g_autofree char *data = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (path, &data, &len, NULL));
    g_assert_cmpmem (data, len, g_bytes_get_data (content, NULL), g_bytes_get_size (content));
  }
  sync_fixture_teardown (&f);
}

typedef struct
{
  guint pending;
} Downloads;

static void
downloaded (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Downloads *w = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_sync_engine_download_finish (MC_SYNC_ENGINE (object), result, &error));
  g_assert_no_error (error);
  w->pending--;
}

static gboolean
downloads_too_slow (gpointer data)
{
  g_error ("the downloads did not end");
  return G_SOURCE_REMOVE;
}

/* Downloads @files[@from..@to) through @engine at once, and waits for them all. */
static void
download_all (McSyncEngine *engine,
              GPtrArray    *files,
              guint         from,
              guint         to)
{
  Downloads w = { to - from };
  guint timeout = g_timeout_add_seconds (60, downloads_too_slow, NULL);

  for (guint i = from; i < to; i++)
    mc_sync_engine_download_async (engine, mc_sim_dialect_source_id (MC_SIM_LGSP),
                                   ((McFile *) g_ptr_array_index (files, i))->id, NULL, downloaded, &w);
  while (w.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* Files the system lists, downloaded through the engine: two at once (one of them on a
 * connection of its own), one after them (on the connection they kept), one after the engine
 * stopped (which dropped that connection). Each is kept, as the system lists it. */
static void
test_engine_downloads (void)
{
  SyncFixture f;
  g_autoptr(McSyncEngine) engine = setup_synced (&f, 1u << MC_SIM_LGSP);
  g_autoptr(GPtrArray) served = mc_sim_list_dossiers (f.sim, MC_SIM_LGSP);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_file_free);

  for (guint i = 0; i < served->len && files->len < 4; i++)
    {
      McDossier *s = g_ptr_array_index (served, i);
      g_autoptr(McDossier) d = s->files->len > 0 ? sync_stored (&f, s->source_id, s->number) : NULL;
      McFile *listed = d ? g_ptr_array_index (d->files, 0) : NULL;

      if (listed != NULL && listed->origin == MC_FILE_REMOTE && listed->local_path == NULL)
        g_ptr_array_add (files, mc_store_get_file (f.store, listed->id, NULL));
    }
  g_assert_cmpuint (files->len, ==, 4);
  download_all (engine, files, 0, 2);
  download_all (engine, files, 2, 3);
  mc_sync_engine_stop (engine);
  download_all (engine, files, 3, 4);
  for (guint i = 0; i < files->len; i++)
    {
      McFile *listed = g_ptr_array_index (files, i);
      g_autoptr(McFile) kept = mc_store_get_file (f.store, listed->id, NULL);
      g_autofree char *path = mc_store_file_content_path (f.store, kept);
      GStatBuf st;

      g_assert_nonnull (path);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_size, ==, listed->size);
    }
  sync_fixture_teardown (&f);
}

static void
add_for_each_dialect (const char    *name,
                      GTestDataFunc  func)
{
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/attach/%s/%s", mc_sim_dialect_name (i), name);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), func);
    }
}

int
main (int    argc,
      char **argv)
{
  int child = sync_test_init (&argc, &argv);

  if (child >= 0)
    return child;
  add_for_each_dialect ("once-under-reset", test_once_under_reset);
  add_for_each_dialect ("kill-and-resume", test_kill_and_resume);
  g_test_add_data_func ("/attach/dvcqg/in-doubt-listing", GUINT_TO_POINTER (MC_SIM_DVCQG), test_in_doubt_listing);
  g_test_add_data_func ("/attach/legacy/in-doubt-listing", GUINT_TO_POINTER (MC_SIM_LEGACY), test_in_doubt_listing);
  g_test_add_func ("/attach/too-big", test_too_big);
  g_test_add_func ("/attach/content-addressed", test_content_addressed);
  g_test_add_func ("/attach/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/attach/kept-beforehand", test_kept_beforehand);
  g_test_add_func ("/attach/remove", test_remove);
  g_test_add_func ("/attach/download-kept", test_download_kept);
  g_test_add_func ("/attach/engine-downloads", test_engine_downloads);
  return g_test_run ();
}
