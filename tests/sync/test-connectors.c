/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "mc-connector-private.h"
#include "mc-time.h"
#include "mc-wire-time.h"
#include "sync-test-util.h"

/* Each connector against the simulator over real loopback HTTP: sign-in, paging, mappings,
 * expiry and re-sign-in, 410, 429, malformed answers, changes and tombstones, push and look-up.
 * Every test runs once per dialect (the test data is the dialect). */

#define N_DOSSIERS 300

static McSimDialect
dialect_of (gconstpointer data)
{
  return GPOINTER_TO_UINT (data);
}

/* A connector's message is read under the ministry's name (the sync popover's row, a review
 * card, the engine's sum, which names the ministry): it names no source id, no dialect, no
 * HTTP status and no socket error, which go to the debug log. */
static void
assert_plain_words (const GError *error,
                    McSimDialect  dialect)
{
  g_autofree char *dialect_word = g_strdup_printf ("\\b%s\\b", mc_sim_dialect_name (dialect));

  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, mc_sim_dialect_source_id (dialect)));
  g_assert_false (g_regex_match_simple (dialect_word, error->message, G_REGEX_CASELESS, 0));
  g_assert_null (strstr (error->message, "HTTP"));
  /* Nor the system library's own words about sockets (GIO's, untranslated): those go to the log. */
  g_assert_false (g_regex_match_simple ("Could not connect|Connection refused|Socket I/O|Error receiving",
                                        error->message, 0, 0));
}

static void
test_sign_in (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McConnector) good = NULL;
  g_autoptr(McConnector) bad = NULL;
  g_autoptr(GError) error = NULL;

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  good = sync_fixture_connector (&f, dialect, NULL);
  g_assert_true (mc_connector_sign_in (good, NULL, &error));
  g_assert_no_error (error);

  bad = sync_fixture_connector (&f, dialect, "sai-mat-khau");
  g_assert_false (mc_connector_sign_in (bad, NULL, &error));
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_AUTH);
  /* The error says what happened in plain words, never the password. */
  assert_plain_words (error, dialect);
  g_assert_null (strstr (error->message, "sai-mat-khau"));
  g_clear_error (&error);

  /* A pull with bad credentials is "sign-in needed", too. */
  g_assert_null (mc_connector_pull (bad, NULL, NULL, &error));
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_AUTH);
  sync_fixture_teardown (&f);
}

static void
test_pull_paged (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) served = NULL;
  guint pages = 0;
  guint64 before;

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  served = mc_sim_list_dossiers (f.sim, dialect);
  g_assert_cmpuint (served->len, >, 30);
  c = sync_fixture_connector (&f, dialect, NULL);
  mc_connector_set_page_size (c, 7);
  g_assert_true (sync_pull_all (&f, c, &pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pages, >=, served->len / 7);
  sync_assert_matches (&f, dialect);

  /* Nothing new: one request (the sign-in is done), nothing changes. The dialects read by a
   * time window read again what changed in its margin: one page of the usual size. */
  if (dialect == MC_SIM_DVCQG || dialect == MC_SIM_LEGACY)
    mc_connector_set_page_size (c, 500);
  before = mc_sim_get_request_count (f.sim, dialect);
  g_assert_true (sync_pull_all (&f, c, &pages, &error));
  g_assert_cmpuint (mc_sim_get_request_count (f.sim, dialect) - before, ==, 1);
  g_assert_cmpuint (pages, ==, 1);
  sync_fixture_teardown (&f);
}

/* Drives dossiers so that every status 1–10 is served, then checks each maps back. */
static void
test_every_status (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) served = NULL;
  gboolean seen[MC_STATUS_LAST + 1] = { FALSE };

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  c = sync_fixture_connector (&f, dialect, NULL);
  g_assert_true (sync_pull_all (&f, c, NULL, &error));
  sync_fixture_control (&f, "tick", "{\"submissions\":3,\"advance\":10}");
  served = mc_sim_list_dossiers (f.sim, dialect);
  {
    guint count[MC_STATUS_LAST + 1] = { 0 };
    g_autoptr(GHashTable) moved = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < served->len; i++)
      count[((McDossier *) g_ptr_array_index (served, i))->status]++;
    /* For each status nobody is in, move a dossier there from a status with others in it
     * (once: the list is a snapshot, a moved dossier's status in it is no longer true). */
    for (McStatus target = MC_STATUS_RECEIVED; target <= MC_STATUS_LAST; target++)
      for (guint i = 0; count[target] == 0 && i < served->len; i++)
        {
          McDossier *d = g_ptr_array_index (served, i);
          g_autoptr(GArray) actions = mc_transition_actions_from (d->status);
          gboolean reaches = FALSE;

          for (guint k = 0; actions && k < actions->len; k++)
            reaches |= mc_transition_target (d->status, g_array_index (actions, McAction, k)) == target;
          if (reaches && d->status != target && count[d->status] >= 2 && !g_hash_table_contains (moved, d->number))
            {
              sync_fixture_control (&f, "change", "{\"dialect\":\"%s\",\"number\":\"%s\",\"status\":%d}",
                                    mc_sim_dialect_name (dialect), d->number, target);
              g_hash_table_add (moved, d->number);
              count[d->status]--;
              count[target]++;
            }
        }
  }
  g_assert_true (sync_pull_all (&f, c, NULL, &error));
  g_assert_no_error (error);
  sync_assert_matches (&f, dialect);
  g_clear_pointer (&served, g_ptr_array_unref);
  served = mc_sim_list_dossiers (f.sim, dialect);
  for (guint i = 0; i < served->len; i++)
    seen[((McDossier *) g_ptr_array_index (served, i))->status] = TRUE;
  for (McStatus s = MC_STATUS_FIRST; s <= MC_STATUS_LAST; s++)
    g_assert_true (seen[s]);
  sync_fixture_teardown (&f);
}

/* The wire itself, against the spec's tables: a symmetric mistake in the simulator and the
 * connector would pass the round trip above, not this. */
static void
test_wire_format (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) served = NULL;
  g_autofree char *text = NULL;
  McDossier *first;
  g_autofree char *expected_status = NULL;
  g_autofree char *expected_date = NULL;
  static const char *rest_names[] = { NULL, "submitted", "received", "refused", "in_progress",
    "supplement_requested", "fee_requested", "withdrawn", "stopped", "resolved", "returned" };
  static const char *feed_names[] = { NULL, "CHO_TIEP_NHAN", "DA_TIEP_NHAN", "TU_CHOI", "DANG_XU_LY",
    "CHO_BO_SUNG", "CHO_NGHIA_VU_TAI_CHINH", "RUT_HO_SO", "DUNG_XU_LY", "DA_CO_KET_QUA", "DA_TRA_KET_QUA" };
  static const int legacy_codes[] = { -1, 0, 1, 7, 2, 3, 4, 8, 9, 5, 6 };

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  served = mc_sim_list_dossiers (f.sim, dialect);
  body = mc_sim_render_page (f.sim, dialect, 0, 1);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  /* The first in pull order is the oldest change. */
  first = NULL;
  for (guint i = 0; i < served->len; i++)
    if (strstr (text, ((McDossier *) g_ptr_array_index (served, i))->number))
      first = g_ptr_array_index (served, i);
  g_assert_nonnull (first);
  switch (dialect)
    {
    case MC_SIM_LGSP:
      expected_status = g_strdup_printf ("\"TrangThaiHoSo\":%d,", first->status);
      expected_date = mc_wire_time_format (MC_WIRE_TIME_LGSP, first->submitted_at);
      g_assert_nonnull (strstr (text, "\"code\":\"0\""));
      break;
    case MC_SIM_DVCQG:
      expected_status = g_strdup_printf ("\"TrangThaiHoSo\":\"%d\"", first->status);
      expected_date = mc_wire_time_format (MC_WIRE_TIME_DVCQG, first->submitted_at);
      g_assert_nonnull (strstr (text, "\"error_code\":\"00\""));
      break;
    case MC_SIM_REST:
      expected_status = g_strdup_printf ("\"status\":\"%s\"", rest_names[first->status]);
      expected_date = mc_wire_time_format (MC_WIRE_TIME_ISO8601, first->submitted_at);
      g_assert_nonnull (strstr (text, "\"has_more\":"));
      break;
    case MC_SIM_FEED:
      expected_status = g_strdup_printf ("\"trang_thai\":\"%s\"", feed_names[first->status]);
      expected_date = g_strdup_printf ("\"ngay_nop\":%" G_GINT64_FORMAT "000", first->submitted_at);
      g_assert_nonnull (strstr (text, "\"last_seq\":"));
      break;
    case MC_SIM_LEGACY:
    default:
      expected_status = g_strdup_printf ("\"trangThai\":%d,", legacy_codes[first->status]);
      expected_date = mc_wire_time_format (MC_WIRE_TIME_LEGACY, first->submitted_at);
      g_assert_nonnull (strstr (text, "\"status\":\"OK\""));
      break;
    }
  g_assert_nonnull (strstr (text, expected_status));
  g_assert_nonnull (strstr (text, expected_date));
  sync_fixture_teardown (&f);
}

static void
test_dates (void)
{
  /* 2026-06-09 08:30:00 in Vietnam is 01:30:00 UTC. */
  const gint64 t = 1780968600;
  gint64 out = 0;
  g_autofree char *lgsp = mc_wire_time_format (MC_WIRE_TIME_LGSP, t);
  g_autofree char *dvcqg = mc_wire_time_format (MC_WIRE_TIME_DVCQG, t);
  g_autofree char *legacy = mc_wire_time_format (MC_WIRE_TIME_LEGACY, t);
  g_autofree char *iso = mc_wire_time_format (MC_WIRE_TIME_ISO8601, t);

  g_assert_cmpstr (lgsp, ==, "2026-06-09 08:30:00");
  g_assert_cmpstr (dvcqg, ==, "20260609083000");
  g_assert_cmpstr (legacy, ==, "09/06/2026 08:30:00");
  g_assert_cmpstr (iso, ==, "2026-06-09T08:30:00+07:00");
  g_assert_true (mc_wire_time_parse (MC_WIRE_TIME_ISO8601, "2026-06-09T01:30:00Z", &out));
  g_assert_cmpint (out, ==, t);
  g_assert_true (mc_wire_time_parse (MC_WIRE_TIME_ISO8601, "2026-06-09T10:30:00.250+09:00", &out));
  g_assert_cmpint (out, ==, t);
  g_assert_true (mc_wire_time_parse (MC_WIRE_TIME_LEGACY, "29/02/2028 00:00:00", &out));
  g_assert_false (mc_wire_time_parse (MC_WIRE_TIME_LEGACY, "29/02/2026 00:00:00", &out));
  g_assert_false (mc_wire_time_parse (MC_WIRE_TIME_LEGACY, "2026-06-09 08:30:00", &out));
  g_assert_false (mc_wire_time_parse (MC_WIRE_TIME_LGSP, "2026-02-31 08:00:00", &out));
  g_assert_false (mc_wire_time_parse (MC_WIRE_TIME_LGSP, "2026-06-09 24:00:00", &out));
  g_assert_false (mc_wire_time_parse (MC_WIRE_TIME_DVCQG, "2026060908300", &out));
  g_assert_false (mc_wire_time_parse (MC_WIRE_TIME_ISO8601, "2026-06-09T08:30:00", &out));
  /* Offsets without the colon or the minutes, and HH:MM, are ISO 8601 too; no offset is not. */
  out = 0;
  g_assert_true (mc_wire_time_parse (MC_WIRE_TIME_ISO8601, "2026-06-09T08:30:00+0700", &out));
  g_assert_cmpint (out, ==, t);
  out = 0;
  g_assert_true (mc_wire_time_parse (MC_WIRE_TIME_ISO8601, "2026-06-09T08:30:00+07", &out));
  g_assert_cmpint (out, ==, t);
  out = 0;
  g_assert_true (mc_wire_time_parse (MC_WIRE_TIME_ISO8601, "2026-06-09T08:30+07:00", &out));
  g_assert_cmpint (out, ==, t);
  g_assert_true (mc_wire_time_parse (MC_WIRE_TIME_ISO8601, "2026-06-09T03:00:00-0430", &out));
  g_assert_cmpint (out, ==, t + 6 * 60 * 60);  /* 07:30 UTC */
  g_assert_false (mc_wire_time_parse (MC_WIRE_TIME_ISO8601, "2026-06-09T08:30", &out));
  g_assert_false (mc_wire_time_parse (MC_WIRE_TIME_ISO8601, "2026-06-09T08:30:00+7", &out));
  g_assert_false (mc_wire_time_parse (MC_WIRE_TIME_ISO8601, "2026-06-09T08:30:00+07:0", &out));

  /* A listing's lower bound: always a date in the dialect's format, the epoch for a first read
   * (the page gives no empty form). */
  {
    g_autofree char *since = mc_connector_since (MC_WIRE_TIME_DVCQG, t);
    g_autofree char *everything = mc_connector_since (MC_WIRE_TIME_LEGACY, 0);
    g_autofree char *first = mc_connector_since (MC_WIRE_TIME_LGSP, 0);
    g_autofree char *first_dvcqg = mc_connector_since (MC_WIRE_TIME_DVCQG, 0);

    g_assert_cmpstr (since, ==, dvcqg);
    g_assert_cmpstr (everything, ==, "01/01/1970 07:00:00");
    g_assert_cmpstr (first, ==, "1970-01-01 07:00:00");
    g_assert_cmpstr (first_dvcqg, ==, "19700101070000");
  }
}

static void
test_expiry (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  c = sync_fixture_connector (&f, dialect, NULL);
  g_assert_true (sync_pull_all (&f, c, NULL, &error));

  /* Every session and token dies on the server; the connector signs in again by itself. */
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"expire_sessions\":true}", mc_sim_dialect_name (dialect));
  sync_fixture_control (&f, "tick", "{\"submissions\":3,\"actions\":3,\"advance\":60}");
  g_assert_true (sync_pull_all (&f, c, NULL, &error));
  g_assert_no_error (error);
  sync_assert_matches (&f, dialect);

  /* Tokens that live one second: after two, the next call finds its token expired. */
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"token_ttl\":1,\"expire_sessions\":true}",
                        mc_sim_dialect_name (dialect));
  g_assert_true (sync_pull_all (&f, c, NULL, &error));
  sync_fixture_control (&f, "tick", "{\"submissions\":2,\"advance\":5}");
  g_assert_true (sync_pull_all (&f, c, NULL, &error));
  g_assert_no_error (error);
  sync_assert_matches (&f, dialect);
  sync_fixture_teardown (&f);
}

static void
test_html_login_page (void)
{
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;
  guint64 before;

  sync_fixture_setup (&f, N_DOSSIERS, 1u << MC_SIM_LEGACY);
  c = sync_fixture_connector (&f, MC_SIM_LEGACY, NULL);
  g_assert_true (sync_pull_all (&f, c, NULL, &error));
  /* The next answer is the HTML login page with HTTP 200: recognized, logged in again. */
  sync_fixture_control (&f, "faults", "{\"dialect\":\"legacy\",\"html_login\":1}");
  sync_fixture_control (&f, "tick", "{\"submissions\":2,\"advance\":30}");
  before = mc_sim_get_request_count (f.sim, MC_SIM_LEGACY);
  g_assert_true (sync_pull_all (&f, c, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mc_sim_get_request_count (f.sim, MC_SIM_LEGACY) - before, ==, 3); /* page, login, page */
  sync_assert_matches (&f, MC_SIM_LEGACY);

  /* The page forever (a locked account): sign-in needed, not a JSON error. */
  sync_fixture_control (&f, "faults", "{\"dialect\":\"legacy\",\"html_login\":100}");
  g_assert_false (sync_pull_all (&f, c, NULL, &error));
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_AUTH);
  sync_fixture_teardown (&f);
}

static void
test_rate_limit (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  c = sync_fixture_connector (&f, dialect, NULL);
  g_assert_true (mc_connector_sign_in (c, NULL, &error));
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"rate_limit\":1,\"retry_after\":7}",
                        mc_sim_dialect_name (dialect));
  g_assert_false (sync_pull_all (&f, c, NULL, &error));
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpuint (mc_connector_get_retry_after (c), ==, 7);
  g_assert_cmpint (sync_count (&f, mc_sim_dialect_source_id (dialect)), ==, 0);
  g_clear_error (&error);
  g_assert_true (sync_pull_all (&f, c, NULL, &error));
  sync_assert_matches (&f, dialect);
  sync_fixture_teardown (&f);
}

static void
test_server_errors (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  c = sync_fixture_connector (&f, dialect, NULL);
  g_assert_true (mc_connector_sign_in (c, NULL, &error));
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"error_rate\":1.0}", mc_sim_dialect_name (dialect));
  g_assert_false (sync_pull_all (&f, c, NULL, &error));
  g_assert_true (g_error_matches (error, MC_SYNC_ERROR, MC_SYNC_ERROR_SERVER)
                 || g_error_matches (error, MC_SYNC_ERROR, MC_SYNC_ERROR_RATE_LIMITED));
  assert_plain_words (error, dialect);
  g_clear_error (&error);

  /* An outage is a refused connection: offline. */
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"error_rate\":0,\"outage\":true}", mc_sim_dialect_name (dialect));
  g_assert_false (sync_pull_all (&f, c, NULL, &error));
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_OFFLINE);
  assert_plain_words (error, dialect);
  g_clear_error (&error);
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"outage\":false}", mc_sim_dialect_name (dialect));
  g_assert_true (sync_pull_all (&f, c, NULL, &error));
  g_assert_no_error (error);
  sync_assert_matches (&f, dialect);
  sync_fixture_teardown (&f);
}

/* Every malformed answer: a clear error, nothing stored, the cursor unmoved. */
static void
test_malformed (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  static const char *kinds[] = {
    "invalid_json", "truncated", "wrong_type", "unknown_status", "missing_field", "bad_date", "oversized",
  };
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;
  const char *source_id = mc_sim_dialect_source_id (dialect);

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  c = sync_fixture_connector (&f, dialect, NULL);
  mc_connector_set_page_size (c, 20);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *cursor = NULL;

      sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"corrupt\":\"%s\",\"count\":1}",
                            mc_sim_dialect_name (dialect), kinds[i]);
      g_assert_false (sync_pull_all (&f, c, NULL, &error));
      g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED);
      g_test_message ("%s:", kinds[i]);
      assert_plain_words (error, dialect);
      g_clear_error (&error);
      g_assert_cmpint (sync_count (&f, source_id), ==, 0);
      g_assert_true (mc_store_sync_get_cursor (f.store, source_id, &cursor, NULL));
      g_assert_null (cursor);
    }
  /* The "truncated body" fault, distinct from corruption, in the middle of a sync. */
  {
    g_autoptr(McPullPage) first = mc_connector_pull (c, NULL, NULL, &error);

    g_assert_nonnull (first);
  }
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"truncate\":1}", mc_sim_dialect_name (dialect));
  g_assert_false (sync_pull_all (&f, c, NULL, &error));
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_true (sync_pull_all (&f, c, NULL, &error));
  g_assert_no_error (error);
  sync_assert_matches (&f, dialect);
  g_assert_true (mc_store_integrity_check (f.store, &error));
  sync_fixture_teardown (&f);
}

static void
test_changes_and_tombstones (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) served = NULL;
  const char *gone;

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  engine = sync_fixture_engine (&f, 1u << dialect);
  g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
  g_assert_no_error (error);

  served = mc_sim_list_dossiers (f.sim, dialect);
  gone = ((McDossier *) g_ptr_array_index (served, 3))->number;
  sync_fixture_control (&f, "delete", "{\"dialect\":\"%s\",\"number\":\"%s\"}", mc_sim_dialect_name (dialect), gone);
  sync_fixture_control (&f, "tick", "{\"submissions\":5,\"actions\":8,\"advance\":120}");
  g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
  g_assert_no_error (error);
  if (dialect == MC_SIM_REST || dialect == MC_SIM_FEED)
    {
      /* Tombstones in the change feed. */
      sync_assert_matches (&f, dialect);
    }
  else
    {
      /* No tombstones in these dialects: the reconciliation (a full walk) finds it gone. */
      g_autoptr(McDossier) still = sync_stored (&f, mc_sim_dialect_source_id (dialect), gone);

      g_assert_nonnull (still);
      g_assert_true (sync_engine_run (engine, NULL, TRUE, &error));
      sync_assert_matches (&f, dialect);
    }
  sync_fixture_teardown (&f);
}

static void
test_push_and_lookup (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) served = NULL;
  g_autoptr(McDossier) before = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autofree char *key = NULL;
  McPushRequest request = { 0 };
  McPushResult result = { 0 };
  McDossier *target = NULL;
  gboolean keyed = dialect == MC_SIM_LGSP || dialect == MC_SIM_REST || dialect == MC_SIM_FEED;

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  c = sync_fixture_connector (&f, dialect, NULL);
  served = mc_sim_list_dossiers (f.sim, dialect);
  for (guint i = 0; i < served->len && target == NULL; i++)
    if (((McDossier *) g_ptr_array_index (served, i))->status == MC_STATUS_PROCESSING)
      target = g_ptr_array_index (served, i);
  g_assert_nonnull (target);
  before = mc_connector_lookup (c, target->number, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (before->status, ==, MC_STATUS_PROCESSING);

  request.uuid = "6f1c2c3e-4b5a-4d7e-9f00-112233445566";
  request.number = target->number;
  request.action = MC_ACTION_RESOLVE;
  request.target = MC_STATUS_RESOLVED;
  request.base_version = before->server_version;
  request.note = "Đã giải quyết";
  request.actor = "Nguyễn Thị Hằng";
  g_assert_true (mc_connector_push (c, &request, &result, NULL, &error));
  g_assert_no_error (error);
  key = g_strdup_printf ("%s:%s", mc_sim_dialect_name (dialect), request.uuid);
  g_assert_cmpuint (mc_sim_get_action_count (f.sim, key), ==, 1);
  after = mc_connector_lookup (c, target->number, NULL, &error);
  g_assert_cmpint (after->status, ==, MC_STATUS_RESOLVED);
  g_assert_cmpstr (after->server_version, !=, before->server_version);
  mc_push_result_clear (&result);

  if (keyed)
    {
      /* The same key again: the first answer, applied once. */
      g_assert_true (mc_connector_push (c, &request, &result, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (mc_sim_get_action_count (f.sim, key), ==, 1);
      mc_push_result_clear (&result);

      /* A new action on the old version: a conflict. */
      request.uuid = "0a0b0c0d-0000-4000-8000-000000000001";
      request.action = MC_ACTION_RETURN_RESULT;
      request.target = MC_STATUS_RETURNED;
      g_assert_false (mc_connector_push (c, &request, &result, NULL, &error));
      g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_CONFLICT);
      assert_plain_words (error, dialect);
      g_clear_error (&error);
    }
  else
    {
      /* Without keys the reference in the note shows the action in the history. */
      McStep *last = g_ptr_array_index (after->history, after->history->len - 1);

      g_assert_nonnull (strstr (last->note, request.uuid));
    }
  /* An action the workflow forbids is rejected. */
  request.uuid = "0a0b0c0d-0000-4000-8000-000000000002";
  request.action = MC_ACTION_RECEIVE;
  request.target = MC_STATUS_RECEIVED;
  request.base_version = after->server_version;
  g_assert_false (mc_connector_push (c, &request, &result, NULL, &error));
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_REJECTED);
  assert_plain_words (error, dialect);
  sync_fixture_teardown (&f);
}

/* The server applies the action and the connection breaks before the answer: the client
 * cannot know (in doubt); the simulator counts it once, and a look-up shows it applied. */
static void
test_lost_acknowledgement (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) served = NULL;
  g_autoptr(McDossier) before = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autofree char *key = NULL;
  McPushRequest request = { 0 };
  McPushResult result = { 0 };
  McDossier *target = NULL;

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  c = sync_fixture_connector (&f, dialect, NULL);
  served = mc_sim_list_dossiers (f.sim, dialect);
  for (guint i = 0; i < served->len && target == NULL; i++)
    if (((McDossier *) g_ptr_array_index (served, i))->status == MC_STATUS_PROCESSING)
      target = g_ptr_array_index (served, i);
  before = mc_connector_lookup (c, target->number, NULL, &error);
  g_assert_no_error (error);
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"reset_after_commit\":1}", mc_sim_dialect_name (dialect));
  request.uuid = "7e57a11e-0000-4000-8000-00000000a0a0";
  request.number = target->number;
  request.action = MC_ACTION_STOP;
  request.target = MC_STATUS_STOPPED;
  request.base_version = before->server_version;
  request.actor = "Trần Văn Đức";
  /* libsoup sends an idempotent PUT again by itself on a fresh connection: the feed's
   * X-Request-Id makes that repeat return the first answer, so it may even succeed. */
  if (!mc_connector_push (c, &request, &result, NULL, &error) || dialect != MC_SIM_FEED)
    g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_NO_ANSWER);
  mc_push_result_clear (&result);
  key = g_strdup_printf ("%s:%s", mc_sim_dialect_name (dialect), request.uuid);
  g_assert_cmpuint (mc_sim_get_action_count (f.sim, key), ==, 1);
  g_clear_error (&error);
  after = mc_connector_lookup (c, target->number, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->status, ==, MC_STATUS_STOPPED);
  sync_fixture_teardown (&f);
}

typedef struct
{
  McSim *sim;
  const char *number;
} Later;

static gpointer
change_later (gpointer data)
{
  Later *later = data;
  g_autofree char *args = g_strdup_printf ("{\"dialect\":\"feed\",\"number\":\"%s\"}", later->number);
  g_autoptr(JsonNode) result = NULL;

  g_usleep (300000);
  result = mc_sim_control (later->sim, "change", args, NULL);
  return NULL;
}

/* feed=longpoll waits for the next change, then answers with it. */
static void
test_feed_longpoll (void)
{
  SyncFixture f;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) login = NULL;
  g_autoptr(SoupMessage) poll = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) served = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;
  GThread *thread;
  Later later = { NULL, NULL };
  gint64 start;
  guint64 head;

  sync_fixture_setup (&f, N_DOSSIERS, 1u << MC_SIM_FEED);
  base = mc_sim_get_base_url (f.sim, MC_SIM_FEED);
  url = g_strdup_printf ("%s/token", base);
  login = soup_message_new ("POST", url);
  {
    static const char creds[] = "{\"username\":\"a\",\"password\":\"" MC_SIM_DEFAULT_PASSWORD "\"}";
    g_autoptr(GBytes) request = g_bytes_new_static (creds, strlen (creds));

    soup_message_set_request_body_from_bytes (login, "application/json", request);
  }
  body = soup_session_send_and_read (session, login, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  auth = g_strdup_printf ("Bearer %s", json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "access_token"));

  served = mc_sim_list_dossiers (f.sim, MC_SIM_FEED);
  head = served->len;  /* the initial sequence numbers are 1…n */
  g_free (url);
  url = g_strdup_printf ("%s/changes?since=%" G_GUINT64_FORMAT "&feed=longpoll&timeout=5000", base, head);
  poll = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (poll), "Authorization", auth);
  /* A dossier another official can still move on (most of the sample's are finished). */
  for (guint i = 0; i < served->len && later.number == NULL; i++)
    if (!mc_status_is_final (((McDossier *) g_ptr_array_index (served, i))->status))
      later = (Later) { f.sim, ((McDossier *) g_ptr_array_index (served, i))->number };
  g_assert_nonnull (later.number);
  thread = g_thread_new ("later", change_later, &later);
  start = g_get_monotonic_time ();
  g_clear_pointer (&body, g_bytes_unref);
  body = soup_session_send_and_read (session, poll, NULL, &error);
  g_thread_join (thread);
  g_assert_no_error (error);
  /* It waited for the change (not the whole timeout) and carries it. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 250000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4000000);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_assert_nonnull (strstr (text, later.number));
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "last_seq"), ==, head + 1);
  sync_fixture_teardown (&f);
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  return strcmp ((*(McDossier * const *) a)->number, (*(McDossier * const *) b)->number);
}

/* The simulator's state survives a restart through its state file, and its admin endpoint
 * answers over HTTP like the in-process control. */
static void
test_sim_state_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("motcua-sim-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "state.json", NULL);
  g_autoptr(McSim) first = mc_sim_new (7, 200, MC_SIM_ALL_DIALECTS);
  g_autoptr(McSim) second = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *url = NULL;

  mc_sim_set_state_file (first, path);
  g_assert_true (mc_sim_start (first, 0, &error));
  admin = mc_sim_get_admin_url (first);
  url = g_strdup_printf ("%s/tick", admin);
  msg = soup_message_new ("POST", url);
  {
    g_autoptr(GBytes) args = g_bytes_new_static ("{\"submissions\":4,\"actions\":6,\"advance\":60}", 42);

    soup_message_set_request_body_from_bytes (msg, "application/json", args);
  }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  result = mc_sim_control (first, "state", "{}", &error);
  g_assert_nonnull (result);
  mc_sim_stop (first);

  second = mc_sim_new (7, 200, MC_SIM_ALL_DIALECTS);
  mc_sim_set_state_file (second, path);
  for (guint d = 0; d < MC_SIM_N_DIALECTS; d++)
    {
      g_clear_pointer (&a, g_ptr_array_unref);
      g_clear_pointer (&b, g_ptr_array_unref);
      a = mc_sim_list_dossiers (first, d);
      b = mc_sim_list_dossiers (second, d);
      g_ptr_array_sort (a, compare_numbers);
      g_ptr_array_sort (b, compare_numbers);
      g_assert_cmpuint (a->len, ==, b->len);
      for (guint i = 0; i < a->len; i++)
        {
          McDossier *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

          g_assert_cmpstr (x->number, ==, y->number);
          g_assert_cmpint (x->status, ==, y->status);
          g_assert_cmpuint (x->history->len, ==, y->history->len);
        }
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* A back-end written from the page by other hands, which answers where our simulator would
 * not: a SoupServer on loopback, in a thread of its own, that answers each request with the
 * first row of its table whose method and path match (and whose query holds @query). */
typedef struct
{
  const char *method, *path, *query;
  guint status;
  const char *type, *body;     /* type NULL: an empty body */
  const char *header, *value;  /* one more response header, or NULL */
  guint times;                 /* the row answers that many times, 0: always */
} StubRow;

typedef struct
{
  const StubRow *rows;
  guint used[32];
  guint n_logins;
  GMutex lock;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  SoupServer *server;
  char *url;
} Stub;

static void
stub_handle (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           data)
{
  Stub *stub = data;
  const char *method = soup_server_message_get_method (msg);
  const char *q = g_uri_get_query (soup_server_message_get_uri (msg));

  g_mutex_lock (&stub->lock);
  stub->n_logins += g_str_equal (path, "/login") || g_str_equal (path, "/token") || g_str_equal (path, "/v1/sessions");
  for (guint i = 0; stub->rows[i].method; i++)
    {
      const StubRow *row = &stub->rows[i];

      if (!g_str_equal (method, row->method) || !g_str_equal (path, row->path)
          || (row->query && !(q && strstr (q, row->query))) || (row->times && stub->used[i] >= row->times))
        continue;
      stub->used[i]++;
      soup_server_message_set_status (msg, row->status, NULL);
      if (SOUP_STATUS_IS_REDIRECTION (row->status))
        soup_message_headers_append (soup_server_message_get_response_headers (msg), "Location", "/");
      if (row->header)
        soup_message_headers_append (soup_server_message_get_response_headers (msg), row->header, row->value);
      if (row->type)
        soup_server_message_set_response (msg, row->type, SOUP_MEMORY_STATIC, row->body, strlen (row->body));
      g_mutex_unlock (&stub->lock);
      return;
    }
  g_mutex_unlock (&stub->lock);
  g_test_message ("stub: no row for %s %s?%s", method, path, q ? q : "");
  soup_server_message_set_status (msg, 501, NULL);
}

static gpointer
stub_thread (gpointer data)
{
  Stub *stub = data;

  g_main_context_push_thread_default (stub->context);
  g_main_loop_run (stub->loop);
  g_main_context_pop_thread_default (stub->context);
  return NULL;
}

static void
stub_start (Stub          *stub,
            const StubRow *rows)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  memset (stub, 0, sizeof *stub);
  stub->rows = rows;
  for (guint i = 0; rows[i].method; i++)
    g_assert_cmpuint (i, <, G_N_ELEMENTS (stub->used));
  g_mutex_init (&stub->lock);
  stub->context = g_main_context_new ();
  stub->loop = g_main_loop_new (stub->context, FALSE);
  g_main_context_push_thread_default (stub->context);
  stub->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (stub->server, NULL, stub_handle, stub, NULL);
  g_assert_true (soup_server_listen_local (stub->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  g_main_context_pop_thread_default (stub->context);
  uris = soup_server_get_uris (stub->server);
  stub->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  stub->thread = g_thread_new ("stub", stub_thread, stub);
}

static void
stub_stop (Stub *stub)
{
  g_main_loop_quit (stub->loop);
  g_thread_join (stub->thread);
  g_clear_object (&stub->server);
  g_main_loop_unref (stub->loop);
  g_main_context_unref (stub->context);
  g_mutex_clear (&stub->lock);
  g_free (stub->url);
}

/* A connector of @dialect in front of @url (no server needed to parse a page). */
static McConnector *
stub_connector (const char *url,
                const char *dialect)
{
  g_autoptr(McSource) source = mc_source_new ("g99", "G99", dialect, "Bộ thử", url, MC_SIM_UNIT_CODE, "canbo.xa");
  g_autoptr(GHashTable) secrets = sync_test_secrets (NULL);
  g_autoptr(GError) error = NULL;
  McConnector *c = mc_connector_new (source, secrets, &error);

  g_assert_no_error (error);
  return c;
}

#define REST_ITEM(ID, CODE) "{\"id\":\"" ID "\",\"code\":\"" CODE "\",\"procedureCode\":\"P1\",\"applicant\":{\"name\":\"A\"}," \
  "\"status\":\"in_progress\",\"etag\":\"W/\\\"1\\\"\"}"
#define JSON "application/json"

/* Pushes an action on @number (rest: the dossier id @number too) and checks the error code
 * (0: applied) and the version the connector reads from the answer. */
static void
assert_push (McConnector *c,
             const char  *number,
             int          code,
             const char  *version)
{
  McPushRequest request = { .uuid = "5a1e0000-0000-4000-8000-000000000001", .number = number, .remote_id = number,
                            .action = MC_ACTION_RESOLVE, .target = MC_STATUS_RESOLVED, .base_version = "W/\"1\"",
                            .note = "ghi chú", .actor = SYNC_TEST_ACTOR };
  McPushResult result = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok = mc_connector_push (c, &request, &result, NULL, &error);

  g_test_message ("%s: %s", number, error ? error->message : "applied");
  if (code == 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpstr (result.server_version, ==, version);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, MC_SYNC_ERROR, code);
      if (version != NULL)
        g_assert_nonnull (strstr (error->message, version));  /* the system's own words */
    }
  mc_push_result_clear (&result);
}

static void
assert_upload (McConnector *c,
               const char  *number,
               int          code)
{
  g_autoptr(GBytes) content = g_bytes_new_static ("%PDF-1.4", 8);
  McUploadRequest request = { .uuid = "5a1e0000-0000-4000-8000-000000000002", .number = number, .remote_id = number,
                              .base_version = "W/\"1\"", .name = "don.pdf", .content_type = "application/pdf",
                              .kind = MC_FILE_COMPONENT, .content = content };
  McUploadResult result = { 0 };
  g_autoptr(GError) error = NULL;

  if (code == 0)
    g_assert_true (mc_connector_upload (c, &request, &result, NULL, &error));
  else
    g_assert_false (mc_connector_upload (c, &request, &result, NULL, &error));
  if (code == 0)
    g_assert_no_error (error);
  else
    g_assert_error (error, MC_SYNC_ERROR, code);
  mc_upload_result_clear (&result);
}

/* rest: only a 2xx applies an action (a 403 or 409 with a JSON body is a refusal, in the
 * system's words); a 2xx without a body does, its version from the ETag header. */
static void
test_rest_action_replies (void)
{
  static const StubRow rows[] = {
    { "POST", "/v1/sessions", NULL, 201, JSON, "{\"token\":\"t\",\"expires_at\":\"2026-06-09T09:30:00+07:00\"}" },
    { "POST", "/v1/dossiers/d403/actions", NULL, 403, JSON, "{\"error\":\"forbidden\",\"message\":\"Không có quyền\"}" },
    { "POST", "/v1/dossiers/d409/actions", NULL, 409, JSON, "{\"error\":\"busy\",\"message\":\"Đang xử lý\"}" },
    { "POST", "/v1/dossiers/d412/actions", NULL, 412, JSON, "{\"error\":\"stale\"}" },
    { "POST", "/v1/dossiers/d204/actions", NULL, 204, NULL, NULL, "ETag", "W/\"9\"" },
    { "POST", "/v1/dossiers/d200/actions", NULL, 200, JSON, "{\"ok\":true}", "ETag", "W/\"8\"" },
    { "POST", "/v1/dossiers/d403/files", NULL, 403, JSON, "{\"error\":\"forbidden\"}" },
    { "POST", "/v1/dossiers/d415/files", NULL, 415, JSON, "{\"error\":\"type\"}" },
    { NULL }
  };
  Stub stub;
  g_autoptr(McConnector) c = NULL;

  stub_start (&stub, rows);
  c = stub_connector (stub.url, "rest");
  assert_push (c, "d403", MC_SYNC_ERROR_REJECTED, "Không có quyền");
  assert_push (c, "d409", MC_SYNC_ERROR_REJECTED, "Đang xử lý");
  assert_push (c, "d412", MC_SYNC_ERROR_CONFLICT, NULL);
  assert_push (c, "d204", 0, "W/\"9\"");
  assert_push (c, "d200", 0, "W/\"8\"");
  assert_upload (c, "d403", MC_SYNC_ERROR_REJECTED);
  assert_upload (c, "d415", MC_SYNC_ERROR_REJECTED);
  g_clear_object (&c);
  stub_stop (&stub);
}

/* feed: the same, with 409 a conflict; the new revision in _rev (the page's word) or rev. */
static void
test_feed_action_replies (void)
{
  static const StubRow rows[] = {
    { "POST", "/token", NULL, 200, JSON, "{\"access_token\":\"a\",\"refresh_token\":\"r\",\"expires_in\":3600}" },
    { "PUT", "/dossiers/N415/status", NULL, 415, JSON, "{\"error\":\"unsupported\",\"reason\":\"Sai kiểu\"}" },
    { "PUT", "/dossiers/N422/status", NULL, 422, JSON, "{\"error\":\"invalid\",\"reason\":\"Không hợp lệ\"}" },
    { "PUT", "/dossiers/N412/status", NULL, 412, JSON, "{\"error\":\"precondition\"}" },
    { "PUT", "/dossiers/N409/status", NULL, 409, JSON, "{\"error\":\"conflict\"}" },
    { "PUT", "/dossiers/N204/status", NULL, 204 },
    { "PUT", "/dossiers/NREV/status", NULL, 200, JSON, "{\"ok\":true,\"_rev\":\"8-ab\"}" },
    { "PUT", "/dossiers/N403/files/don.pdf", NULL, 403, JSON, "{\"error\":\"forbidden\"}" },
    { "PUT", "/dossiers/N201/files/don.pdf", NULL, 201 },
    { NULL }
  };
  Stub stub;
  g_autoptr(McConnector) c = NULL;

  stub_start (&stub, rows);
  c = stub_connector (stub.url, "feed");
  assert_push (c, "N415", MC_SYNC_ERROR_REJECTED, "Sai kiểu");
  assert_push (c, "N422", MC_SYNC_ERROR_REJECTED, "Không hợp lệ");
  assert_push (c, "N412", MC_SYNC_ERROR_REJECTED, NULL);
  assert_push (c, "N409", MC_SYNC_ERROR_CONFLICT, NULL);
  assert_push (c, "N204", 0, NULL);
  assert_push (c, "NREV", 0, "8-ab");
  assert_upload (c, "N403", MC_SYNC_ERROR_REJECTED);
  assert_upload (c, "N201", 0);
  g_clear_object (&c);
  stub_stop (&stub);
}

/* A file's address given whole ("Download GET {url}") is fetched as it is on the system's own
 * server, and not at all on another one (the request carries the session). */
static void
test_whole_file_address (void)
{
  static const StubRow rows[] = {
    { "POST", "/token", NULL, 200, JSON, "{\"access_token\":\"a\",\"refresh_token\":\"r\",\"expires_in\":3600}" },
    { "GET", "/files/don.pdf", NULL, 200, "application/pdf", "%PDF-1.4" },
    { NULL }
  };
  Stub stub;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *here = NULL;
  McFile file = { .name = (char *) "don.pdf", .size = 8 };

  stub_start (&stub, rows);
  c = stub_connector (stub.url, "feed");
  here = g_strconcat (stub.url, g_str_has_suffix (stub.url, "/") ? "" : "/", "files/don.pdf", NULL);
  file.remote_path = here;
  content = mc_connector_download (c, &file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (content, NULL), g_bytes_get_size (content), "%PDF-1.4", 8);
  g_clear_pointer (&content, g_bytes_unref);

  file.remote_path = (char *) "http://192.0.2.1/files/don.pdf";
  g_assert_null (mc_connector_download (c, &file, NULL, &error));
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_REJECTED);
  g_clear_object (&c);
  stub_stop (&stub);
}

/* legacy: a login that answers 302 with its cookie keeps it; any HTML answer to a JSON request
 * is the expired session (signed in again), whether or not it links to /login. */
static void
test_legacy_login_and_html (void)
{
  static const StubRow rows[] = {
    { "POST", "/login", NULL, 302, NULL, NULL, "Set-Cookie", "SESSIONID=abc; Path=/; HttpOnly" },
    { "GET", "/", NULL, 200, "text/html", "<html><body>Trang chủ</body></html>" },
    { "GET", "/HoSo/DanhSach", NULL, 200, "text/html", "\n <html><body>Phiên đã hết hạn</body></html>", NULL, NULL, 1 },
    { "GET", "/HoSo/DanhSach", NULL, 200, JSON, "{\"status\":\"OK\",\"errorMessage\":null,\"total\":0,\"data\":[]}" },
    { NULL }
  };
  Stub stub;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(McPullPage) page = NULL;
  g_autoptr(GError) error = NULL;

  stub_start (&stub, rows);
  c = stub_connector (stub.url, "legacy");
  g_assert_true (mc_connector_sign_in (c, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mc_connector_get_base (c)->session, ==, "SESSIONID=abc");
  page = mc_connector_pull (c, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (stub.n_logins, ==, 2);
  g_clear_object (&c);
  stub_stop (&stub);
}

/* legacy: the probe that tells a refusal from a failure asks from the epoch, as every read
 * does; a back-end that refuses an empty tuNgay must not turn "no such dossier" into a fault. */
static void
test_legacy_probe_date (void)
{
  static const StubRow rows[] = {
    { "POST", "/login", NULL, 200, JSON, "{\"status\":\"OK\"}", "Set-Cookie", "SESSIONID=abc; Path=/" },
    { "GET", "/HoSo/ChiTiet", NULL, 200, JSON, "{\"status\":\"ERROR\",\"errorMessage\":\"Không tìm thấy\"}" },
    { "GET", "/HoSo/DanhSach", "tuNgay=&", 200, JSON, "{\"status\":\"ERROR\",\"errorMessage\":\"Sai ngày\"}" },
    { "GET", "/HoSo/DanhSach", NULL, 200, JSON, "{\"status\":\"OK\",\"errorMessage\":null,\"total\":0,\"data\":[]}" },
    { NULL }
  };
  Stub stub;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(McDossier) d = NULL;
  g_autoptr(GError) error = NULL;

  stub_start (&stub, rows);
  c = stub_connector (stub.url, "legacy");
  d = mc_connector_lookup (c, "000.00.15.H38-260609-0000", NULL, &error);
  g_assert_null (d);
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_NOT_FOUND);
  g_clear_object (&c);
  stub_stop (&stub);
}

/* rest: "code" is no parameter of the page; a back-end that ignores it lists from the start.
 * The look-up takes the item with that code, following the cursor, or says none. */
static void
test_rest_lookup_pages (void)
{
  static const StubRow rows[] = {
    { "POST", "/v1/sessions", NULL, 201, JSON, "{\"token\":\"t\",\"expires_at\":\"2026-06-09T09:30:00+07:00\"}" },
    { "GET", "/v1/dossiers", "cursor=c2", 200, JSON,
      "{\"items\":[" REST_ITEM ("i2", "X2") "],\"next_cursor\":\"c3\",\"has_more\":false}" },
    { "GET", "/v1/dossiers", NULL, 200, JSON,
      "{\"items\":[" REST_ITEM ("i1", "X1") "],\"next_cursor\":\"c2\",\"has_more\":true}" },
    { NULL }
  };
  Stub stub;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(McDossier) d = NULL;
  g_autoptr(GError) error = NULL;

  stub_start (&stub, rows);
  c = stub_connector (stub.url, "rest");
  d = mc_connector_lookup (c, "X2", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d->number, ==, "X2");
  g_clear_pointer (&d, mc_dossier_unref);
  d = mc_connector_lookup (c, "X9", NULL, &error);
  g_assert_null (d);
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_NOT_FOUND);
  g_clear_object (&c);
  stub_stop (&stub);
}

static McPullPage *
parse_text (McConnector  *c,
            const char   *text,
            GError      **error)
{
  g_autoptr(GBytes) body = g_bytes_new_static (text, strlen (text));

  return mc_connector_parse_page (c, NULL, body, error);
}

/* An optional date or number sent as "" is none (required ones stay required); identifiers
 * and cursors may be JSON numbers. */
static void
test_lenient_fields (void)
{
  g_autoptr(McConnector) rest = stub_connector ("http://127.0.0.1:9", "rest");
  g_autoptr(McConnector) feed = stub_connector ("http://127.0.0.1:9", "feed");
  g_autoptr(McConnector) legacy = stub_connector ("http://127.0.0.1:9", "legacy");
  g_autoptr(McPullPage) page = NULL;
  g_autoptr(GError) error = NULL;
  McDossier *d;

  page = parse_text (rest, "{\"items\":[{\"id\":12345,\"code\":\"X1\",\"procedureCode\":\"P1\",\"applicant\":{\"name\":\"A\"},"
                     "\"status\":\"received\",\"etag\":\"W/\\\"1\\\"\",\"receivedAt\":\"2026-06-09T08:30+0700\","
                     "\"dueAt\":\"\",\"returnedAt\":\"\"}],\"next_cursor\":987,\"has_more\":false}", &error);
  g_assert_no_error (error);
  d = g_ptr_array_index (page->dossiers, 0);
  g_assert_cmpint (d->due_at, ==, 0);
  g_assert_cmpint (d->received_at, ==, 1780968600);
  g_assert_cmpstr (g_ptr_array_index (page->remote_ids, 0), ==, "12345");
  g_assert_cmpstr (page->cursor, ==, "987");
  g_clear_pointer (&page, mc_pull_page_free);

  page = parse_text (feed, "{\"results\":[{\"seq\":1,\"id\":\"N1\",\"doc\":{\"_rev\":\"1-a\",\"ma_ho_so\":\"N1\","
                     "\"ma_tthc\":\"P1\",\"chu_ho_so\":{\"ho_ten\":\"A\",\"loai_doi_tuong\":\"\"},"
                     "\"trang_thai\":\"DANG_XU_LY\",\"han_xu_ly\":\"\"}}],\"last_seq\":1}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (((McDossier *) g_ptr_array_index (page->dossiers, 0))->due_at, ==, 0);
  g_clear_pointer (&page, mc_pull_page_free);

  page = parse_text (legacy, "{\"status\":\"OK\",\"total\":1,\"data\":[{\"maHoSo\":\"L1\",\"maThuTuc\":\"P1\","
                     "\"chuHoSo\":\"A\",\"trangThai\":2,\"ngayNhan\":\"09/06/2026 08:30:00\",\"hanTra\":\"\"}]}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (((McDossier *) g_ptr_array_index (page->dossiers, 0))->due_at, ==, 0);
  g_clear_pointer (&page, mc_pull_page_free);

  /* A required date sent as "" is still missing. */
  page = parse_text (legacy, "{\"status\":\"OK\",\"total\":1,\"data\":[{\"maHoSo\":\"L1\",\"maThuTuc\":\"P1\","
                     "\"chuHoSo\":\"A\",\"trangThai\":2,\"lichSu\":[{\"thoiGian\":\"\"}]}]}", &error);
  g_assert_null (page);
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED);
}

static McStep *
first_step (McPullPage *page,
            guint       i)
{
  McDossier *d = g_ptr_array_index (page->dossiers, 0);

  g_assert_cmpuint (d->history->len, >, i);
  return g_ptr_array_index (d->history, i);
}

/* The history is read alike in rest, feed and legacy (mc_parse_history()): a status by name
 * or by code (an unknown one is none), legacy's step named after its status when it gives no
 * name, and a step with two problems reports the one its dialect reads first. */
static void
test_history_steps (void)
{
  g_autoptr(McConnector) rest = stub_connector ("http://127.0.0.1:9", "rest");
  g_autoptr(McConnector) feed = stub_connector ("http://127.0.0.1:9", "feed");
  g_autoptr(McConnector) legacy = stub_connector ("http://127.0.0.1:9", "legacy");
  g_autoptr(McPullPage) page = NULL;
  g_autoptr(GError) error = NULL;
  McStep *s;

  page = parse_text (rest, "{\"items\":[{\"id\":1,\"code\":\"X1\",\"procedureCode\":\"P1\",\"applicant\":{\"name\":\"A\"},"
                     "\"status\":\"received\",\"etag\":\"1\",\"history\":[{\"at\":\"2026-06-09T08:30+0700\","
                     "\"actor\":\"B\",\"unit\":\"U\",\"action\":\"Tiếp nhận\",\"note\":\"n\",\"status\":\"received\"},"
                     "{\"at\":\"2026-06-09T08:31+0700\",\"action\":\"?\",\"status\":\"nope\"}]}],"
                     "\"next_cursor\":\"1\",\"has_more\":false}", &error);
  g_assert_no_error (error);
  s = first_step (page, 0);
  g_assert_cmpint (s->at, ==, 1780968600);
  g_assert_cmpstr (s->actor, ==, "B");
  g_assert_cmpstr (s->unit, ==, "U");
  g_assert_cmpstr (s->action, ==, "Tiếp nhận");
  g_assert_cmpstr (s->note, ==, "n");
  g_assert_cmpint (s->status, ==, MC_STATUS_RECEIVED);
  g_assert_cmpint (first_step (page, 1)->status, ==, MC_STATUS_INVALID);
  g_clear_pointer (&page, mc_pull_page_free);

  page = parse_text (feed, "{\"results\":[{\"seq\":1,\"id\":\"N1\",\"doc\":{\"_rev\":\"1-a\",\"ma_ho_so\":\"N1\","
                     "\"ma_tthc\":\"P1\",\"chu_ho_so\":{\"ho_ten\":\"A\"},\"trang_thai\":\"DANG_XU_LY\","
                     "\"lich_su\":[{\"thoi_diem\":1780968600000,\"hanh_dong\":\"Xử lý\",\"don_vi\":\"U\","
                     "\"trang_thai\":\"DANG_XU_LY\"}]}}],\"last_seq\":1}", &error);
  g_assert_no_error (error);
  s = first_step (page, 0);
  g_assert_cmpint (s->at, ==, 1780968600);
  g_assert_cmpstr (s->action, ==, "Xử lý");
  g_assert_cmpstr (s->unit, ==, "U");
  g_assert_null (s->actor);
  g_assert_cmpint (s->status, ==, MC_STATUS_PROCESSING);
  g_clear_pointer (&page, mc_pull_page_free);

  page = parse_text (legacy, "{\"status\":\"OK\",\"total\":1,\"data\":[{\"maHoSo\":\"L1\",\"maThuTuc\":\"P1\","
                     "\"chuHoSo\":\"A\",\"trangThai\":2,\"lichSu\":[{\"thoiGian\":\"09/06/2026 08:30:00\","
                     "\"trangThai\":1,\"nguoiXuLy\":\"B\"},{\"thoiGian\":\"09/06/2026 08:31:00\",\"trangThai\":42,"
                     "\"noiDung\":\"Y\"}]}]}", &error);
  g_assert_no_error (error);
  s = first_step (page, 0);
  g_assert_cmpint (s->at, ==, 1780968600);
  g_assert_cmpstr (s->actor, ==, "B");
  g_assert_cmpint (s->status, ==, MC_STATUS_RECEIVED);
  g_assert_cmpstr (s->action, ==, mc_status_step_name (MC_STATUS_RECEIVED));
  s = first_step (page, 1);
  g_assert_cmpint (s->status, ==, MC_STATUS_INVALID);
  g_assert_cmpstr (s->action, ==, "Y");
  g_clear_pointer (&page, mc_pull_page_free);

  /* Two problems in one step: rest and feed read the status before the time, legacy after. */
  page = parse_text (rest, "{\"items\":[{\"id\":1,\"code\":\"X1\",\"procedureCode\":\"P1\",\"applicant\":{\"name\":\"A\"},"
                     "\"status\":\"received\",\"etag\":\"1\",\"history\":[{\"action\":\"a\",\"status\":true}]}],"
                     "\"next_cursor\":\"1\",\"has_more\":false}", &error);
  g_assert_null (page);
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "“status” should be text"));
  g_clear_error (&error);
  page = parse_text (feed, "{\"results\":[{\"seq\":1,\"id\":\"N1\",\"doc\":{\"_rev\":\"1-a\",\"ma_ho_so\":\"N1\","
                     "\"ma_tthc\":\"P1\",\"chu_ho_so\":{\"ho_ten\":\"A\"},\"trang_thai\":\"DANG_XU_LY\","
                     "\"lich_su\":[{\"hanh_dong\":\"a\",\"trang_thai\":[]}]}}],\"last_seq\":1}", &error);
  g_assert_null (page);
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "“trang_thai” should be text"));
  g_clear_error (&error);
  page = parse_text (legacy, "{\"status\":\"OK\",\"total\":1,\"data\":[{\"maHoSo\":\"L1\",\"maThuTuc\":\"P1\","
                     "\"chuHoSo\":\"A\",\"trangThai\":2,\"lichSu\":[{\"trangThai\":\"x\"}]}]}", &error);
  g_assert_null (page);
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "“thoiGian” is missing"));
}

static void
add_for_each_dialect (const char    *name,
                      GTestDataFunc  func)
{
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/sync/%s/%s", mc_sim_dialect_name (i), name);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), func);
    }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("MC_NOW", "1780968600", TRUE);
  /* Loopback needs no proxy, and the isolated test dirs hold no desktop proxy settings. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/sync/dates", test_dates);
  add_for_each_dialect ("sign-in", test_sign_in);
  add_for_each_dialect ("pull-paged", test_pull_paged);
  add_for_each_dialect ("every-status", test_every_status);
  add_for_each_dialect ("wire-format", test_wire_format);
  add_for_each_dialect ("expiry", test_expiry);
  add_for_each_dialect ("rate-limit", test_rate_limit);
  add_for_each_dialect ("server-errors", test_server_errors);
  add_for_each_dialect ("malformed", test_malformed);
  add_for_each_dialect ("changes", test_changes_and_tombstones);
  add_for_each_dialect ("push-lookup", test_push_and_lookup);
  add_for_each_dialect ("lost-acknowledgement", test_lost_acknowledgement);
  g_test_add_func ("/sync/legacy/html-login-page", test_html_login_page);
  g_test_add_func ("/sync/sim/state-file", test_sim_state_file);
  g_test_add_func ("/sync/feed/longpoll", test_feed_longpoll);
  g_test_add_func ("/sync/rest/action-replies", test_rest_action_replies);
  g_test_add_func ("/sync/feed/action-replies", test_feed_action_replies);
  g_test_add_func ("/sync/whole-file-address", test_whole_file_address);
  g_test_add_func ("/sync/legacy/login-and-html", test_legacy_login_and_html);
  g_test_add_func ("/sync/legacy/probe-date", test_legacy_probe_date);
  g_test_add_func ("/sync/rest/lookup-pages", test_rest_lookup_pages);
  g_test_add_func ("/sync/lenient-fields", test_lenient_fields);
  g_test_add_func ("/sync/history-steps", test_history_steps);
  return g_test_run ();
}
