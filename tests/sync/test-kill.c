/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "mc-store-private.h"
#include "sync-test-util.h"

/* A sync killed with SIGKILL in the middle of a pull, again and again: the store stays
 * consistent (integrity_check) and each stored cursor is exactly as far as the stored data —
 * never past a dossier that is not stored. The child is this same program ("--child"), which
 * gets its secrets on stdin and prints a line per stored page. */

#define DIALECTS ((1u << MC_SIM_LGSP) | (1u << MC_SIM_FEED))

static void
child_changed (McSyncEngine *engine,
               const char   *source_id,
               gpointer      user_data)
{
  McSyncProgress p;

  mc_sync_engine_get_progress (engine, source_id, &p);
  if (p.state == MC_SYNC_STATE_SYNCING && p.pages > 0)
    {
      printf ("page %s %u\n", source_id, p.pages);
      fflush (stdout);
    }
}

static int
child_main (int    argc,
            char **argv)
{
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  char password[256] = "";

  if (argc != 5 || fgets (password, sizeof password, stdin) == NULL)
    return 2;
  g_strchomp (password);
  engine = mc_sync_engine_new (argv[2]);
  mc_sync_engine_set_page_size (engine, 100);
  for (int i = 3; i < 5; i++)
    {
      g_auto(GStrv) parts = g_strsplit (argv[i], "=", 3);  /* id=dialect=url */
      g_autoptr(McSource) source = mc_source_new (parts[0], "G00", parts[1], parts[0], parts[2], MC_SIM_UNIT_CODE, "canbo.xa");
      g_autoptr(GHashTable) secrets = sync_test_secrets (password);

      if (!mc_sync_engine_add_source (engine, source, secrets, &error))
        return 1;
    }
  g_signal_connect (engine, "source-changed", G_CALLBACK (child_changed), NULL);
  if (!sync_engine_run (engine, NULL, FALSE, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("done\n");
  return 0;
}

/* The dossiers of @dialect in the server's pull order, each with its position key. */
typedef struct
{
  char *number;
  char *version;
  guint64 seq;      /* feed */
} Served;

static void
served_free (Served *s)
{
  g_free (s->number);
  g_free (s->version);
  g_free (s);
}

static GPtrArray *
served_in_order (SyncFixture  *f,
                 McSimDialect  dialect)
{
  g_autoptr(GBytes) body = mc_sim_render_page (f->sim, dialect, 0, G_MAXUINT);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) served_free);
  JsonObject *root;
  JsonArray *items;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  items = dialect == MC_SIM_FEED ? json_object_get_array_member (root, "results")
                                 : json_object_get_array_member (json_object_get_object_member (root, "data"), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      Served *s = g_new0 (Served, 1);

      if (dialect == MC_SIM_FEED)
        {
          JsonObject *doc = json_object_get_object_member (o, "doc");

          s->number = g_strdup (json_object_get_string_member (doc, "ma_ho_so"));
          s->version = g_strdup (json_object_get_string_member (doc, "_rev"));
          s->seq = json_object_get_int_member (o, "seq");
        }
      else
        {
          s->number = g_strdup (json_object_get_string_member (o, "MaHoSo"));
          s->version = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (o, "PhienBan"));
        }
      g_ptr_array_add (out, s);
    }
  return out;
}

/* The stored data is exactly the prefix of the server's order up to the cursor. */
static void
assert_cursor_consistent (SyncFixture  *f,
                          McSimDialect  dialect)
{
  const char *source_id = mc_sim_dialect_source_id (dialect);
  g_autoptr(GPtrArray) served = served_in_order (f, dialect);
  g_autofree char *cursor = NULL;
  guint prefix = 0;

  g_assert_true (mc_store_sync_get_cursor (f->store, source_id, &cursor, NULL));
  if (cursor != NULL && dialect == MC_SIM_FEED)
    {
      guint64 seq = g_ascii_strtoull (cursor, NULL, 10);

      while (prefix < served->len && ((Served *) g_ptr_array_index (served, prefix))->seq <= seq)
        prefix++;
    }
  else if (cursor != NULL)
    {
      const char *number = strrchr (cursor, '|') + 1;

      while (prefix < served->len && !g_str_equal (((Served *) g_ptr_array_index (served, prefix))->number, number))
        prefix++;
      g_assert_cmpuint (prefix, <, served->len);
      prefix++;
    }
  g_test_message ("%s: cursor %s, %u before it", source_id, cursor ? cursor : "(none)", prefix);
  /* Before the cursor: stored, in the server's current version. After it: nothing stored in
   * its current version, which would be data committed ahead of its cursor (an item only
   * moves in the order when it changes, and then its version changes too). */
  for (guint i = 0; i < served->len; i++)
    {
      Served *s = g_ptr_array_index (served, i);
      g_autoptr(McDossier) d = sync_stored (f, source_id, s->number);

      if (i < prefix)
        {
          g_assert_nonnull (d);
          g_assert_cmpstr (d->server_version, ==, s->version);
        }
      else if (d != NULL)
        g_assert_cmpstr (d->server_version, !=, s->version);
    }
}

static GSubprocess *
spawn_child (SyncFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *url_lgsp = mc_sim_get_base_url (f->sim, MC_SIM_LGSP);
  g_autofree char *url_feed = mc_sim_get_base_url (f->sim, MC_SIM_FEED);
  g_autofree char *lgsp = g_strdup_printf ("g09=lgsp=%s", url_lgsp);
  g_autofree char *feed = g_strdup_printf ("g18=feed=%s", url_feed);
  GSubprocess *child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                         self, "--child", f->db_path, lgsp, feed, NULL);
  GOutputStream *in;

  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (child);
  g_assert_true (g_output_stream_write_all (in, MC_SIM_DEFAULT_PASSWORD "\n", strlen (MC_SIM_DEFAULT_PASSWORD) + 1,
                                            NULL, NULL, &error));
  g_output_stream_close (in, NULL, NULL);
  return child;
}

static void
test_kill_during_pull (void)
{
  SyncFixture f;
  g_autoptr(GError) error = NULL;
  guint kills = 0;

  sync_fixture_setup (&f, 12000, DIALECTS);
  /* A little latency spreads the pull over many pages and the kills over its stages. */
  sync_fixture_control (&f, "faults", "{\"dialect\":\"lgsp\",\"latency_ms\":15}");
  sync_fixture_control (&f, "faults", "{\"dialect\":\"feed\",\"latency_ms\":15}");

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(GSubprocess) child = spawn_child (&f);
      g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      guint wanted = 1 + g_test_rand_int_range (0, 4);
      guint seen = 0;
      char *line;

      while (seen < wanted && (line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
        {
          seen += g_str_has_prefix (line, "page ");
          g_free (line);
        }
      /* Somewhere inside the next page: a request, a parse or a transaction. */
      g_usleep (g_test_rand_int_range (0, 20000));
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);
      kills += g_subprocess_get_if_signaled (child);

      g_assert_true (mc_store_integrity_check (f.store, &error));
      g_assert_no_error (error);
      assert_cursor_consistent (&f, MC_SIM_LGSP);
      assert_cursor_consistent (&f, MC_SIM_FEED);
      /* The servers move on between runs, as they would. */
      sync_fixture_control (&f, "tick", "{\"submissions\":3,\"actions\":5,\"advance\":30}");
    }
  g_assert_cmpuint (kills, >=, 3);

  /* A run to the end after all that: everything, once. */
  {
    g_autoptr(GSubprocess) child = spawn_child (&f);

    g_assert_true (g_subprocess_wait_check (child, NULL, &error));
    g_assert_no_error (error);
  }
  sync_assert_matches (&f, MC_SIM_LGSP);
  sync_assert_matches (&f, MC_SIM_FEED);
  sync_fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("MC_NOW", "1780968600", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (argc > 1 && g_str_equal (argv[1], "--child"))
    return child_main (argc, argv);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/sync/kill/during-pull", test_kill_during_pull);
  return g_test_run ();
}
