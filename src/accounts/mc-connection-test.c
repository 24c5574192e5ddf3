/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-connection-test.h"
#include "mc-connector.h"

/* Test connection: one sign-in and one page of one dossier, through the source's own
 * connector, so that the test fails exactly where a sync would. The connector's error code
 * says what failed; this file turns it into words the official can act on. */

void
mc_connection_report_free (McConnectionReport *report)
{
  if (report == NULL)
    return;
  g_free (report->summary);
  g_free (report->detail);
  g_free (report->fingerprint);
  g_free (report);
}

/* Stable names, for scripts (motcuactl sources test --json). */
const char *
mc_connection_result_name (McConnectionResult result)
{
  static const char *names[] = {
    [MC_CONNECTION_OK] = "ok",
    [MC_CONNECTION_UNREACHABLE] = "unreachable",
    [MC_CONNECTION_CERTIFICATE] = "certificate",
    [MC_CONNECTION_WRONG_PASSWORD] = "wrong-password",
    [MC_CONNECTION_UNIT_UNKNOWN] = "unit-unknown",
    [MC_CONNECTION_WRONG_DIALECT] = "wrong-dialect",
    [MC_CONNECTION_FAILED] = "failed",
  };

  return result < G_N_ELEMENTS (names) ? names[result] : "failed";
}

static McConnectionResult
classify (const GError *error)
{
  if (error->domain != MC_SYNC_ERROR)
    return MC_CONNECTION_FAILED;
  switch (error->code)
    {
    case MC_SYNC_ERROR_OFFLINE:
    case MC_SYNC_ERROR_NO_ANSWER:
      return MC_CONNECTION_UNREACHABLE;
    case MC_SYNC_ERROR_CERTIFICATE:
      return MC_CONNECTION_CERTIFICATE;
    case MC_SYNC_ERROR_AUTH:
      return MC_CONNECTION_WRONG_PASSWORD;
    case MC_SYNC_ERROR_UNIT_UNKNOWN:
      return MC_CONNECTION_UNIT_UNKNOWN;
    case MC_SYNC_ERROR_MALFORMED:
    case MC_SYNC_ERROR_NOT_FOUND:
      /* A web page, another envelope, or no such endpoint: another kind of system. */
      return MC_CONNECTION_WRONG_DIALECT;
    default:
      return MC_CONNECTION_FAILED;
    }
}

static char *
summary_for (McConnectionResult  result,
             const McSource     *source,
             const char         *fingerprint)
{
  switch (result)
    {
    case MC_CONNECTION_OK:
      /* The feed dialect takes no unit code: there is none to confirm. */
      if (g_strcmp0 (source->dialect, "feed") == 0)
        return g_strdup_printf (_("Connected: %s accepted the account and listed its dossiers."), source->name);
      return g_strdup_printf (_("Connected: %s accepted the account and listed the dossiers of unit %s."),
                              source->name, source->unit_code);
    case MC_CONNECTION_UNREACHABLE:
      return g_strdup_printf (_("The address %s cannot be reached. Check the address and the network."),
                              source->base_url);
    case MC_CONNECTION_CERTIFICATE:
      return g_strdup_printf (_("The TLS certificate of %s is not trusted. Its SHA-256 fingerprint is %s. "
                                "Accept it only if the ministry's technical staff confirm this fingerprint."),
                              source->name, fingerprint ? fingerprint : _("unknown"));
    case MC_CONNECTION_WRONG_PASSWORD:
      return g_strdup_printf (g_strcmp0 (source->dialect, "lgsp") == 0
                              ? _("The client id or client secret of %s was refused.")
                              : _("The user name, password or application key of %s was refused."),
                              source->account);
    case MC_CONNECTION_UNIT_UNKNOWN:
      return g_strdup_printf (_("The system does not know the unit code %s."), source->unit_code);
    case MC_CONNECTION_WRONG_DIALECT:
      /* The kind as the editor names it is the window's; the dialect's id is no word for it. */
      return g_strdup (_("The address answers, but not as a system of the chosen kind. Check the address and "
                         "the kind of system."));
    case MC_CONNECTION_FAILED:
    default:
      return g_strdup (_("The system answered with an error."));
    }
}

McConnectionReport *
mc_connection_test_sync (const McSource *source,
                         GHashTable     *secrets,
                         GCancellable   *cancellable)
{
  McConnectionReport *report = g_new0 (McConnectionReport, 1);
  g_autoptr(McConnector) connector = NULL;
  g_autoptr(McPullPage) page = NULL;
  g_autoptr(GError) error = NULL;

  if ((connector = mc_connector_new (source, secrets, &error)))
    {
      mc_connector_set_page_size (connector, 1);
      if (mc_connector_sign_in (connector, cancellable, &error))
        page = mc_connector_pull (connector, NULL, cancellable, &error);
    }
  if (error == NULL)
    report->result = MC_CONNECTION_OK;
  else
    {
      report->result = classify (error);
      report->detail = g_strdup (error->message);
      if (report->result == MC_CONNECTION_CERTIFICATE && connector != NULL)
        report->fingerprint = g_strdup (mc_connector_get_refused_certificate (connector));
    }
  report->summary = summary_for (report->result, source, report->fingerprint);
  return report;
}

typedef struct
{
  McSource *source;
  GHashTable *secrets;
} TestData;

static void
wipe_free (char *secret)
{
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
test_data_free (TestData *data)
{
  mc_source_free (data->source);
  g_hash_table_unref (data->secrets);
  g_free (data);
}

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TestData *data = task_data;
  McConnectionReport *report = mc_connection_test_sync (data->source, data->secrets, cancellable);

  if (g_task_return_error_if_cancelled (task))
    mc_connection_report_free (report);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) mc_connection_report_free);
}

void
mc_connection_test_async (const McSource      *source,
                          GHashTable          *secrets,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  TestData *data = g_new0 (TestData, 1);
  GHashTableIter it;
  gpointer key, value;

  g_task_set_source_tag (task, mc_connection_test_async);
  data->source = mc_source_copy (source);
  /* A copy the thread owns; the connector copies it again and wipes its own. */
  data->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) wipe_free);
  g_hash_table_iter_init (&it, secrets);
  while (g_hash_table_iter_next (&it, &key, &value))
    g_hash_table_insert (data->secrets, g_strdup (key), g_strdup (value));
  g_task_set_task_data (task, data, (GDestroyNotify) test_data_free);
  g_task_run_in_thread (task, test_thread);
}

McConnectionReport *
mc_connection_test_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
