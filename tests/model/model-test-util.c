/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "cli-test-util.h"
#include "mc-store-actions.h"
#include "mc-store-outbox.h"
#include "mc-sync-setup.h"
#include "model-test-util.h"

/* A new profile of @n_dossiers sample dossiers, made as an official would: motcuactl
 * init-sample (the program MOTCUACTL names). Returns: its directory. */
char *
model_test_make_profile (guint n_dossiers)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("motcua-test-XXXXXX", &error);
  g_autofree char *count = g_strdup_printf ("%u", n_dossiers);
  g_auto(CliRun) r = { 0 };

  g_assert_no_error (error);
  CLI_RUN (&r, dir, NULL, "init-sample", "--dossiers", count);
  if (r.status != 0)
    g_error ("motcuactl init-sample failed with status %d:\n%s", r.status, r.err);
  return g_steal_pointer (&dir);
}

void
model_test_remove_profile (const char *dir)
{
  const char *names[] = { "motcua.db", "motcua.db-wal", "motcua.db-shm", "motcua.db.push-lock" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds, at most @timeout_ms. */
gboolean
model_test_wait (ModelTestCondition condition,
                 gpointer           data,
                 guint              timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, timed_out, &expired);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return condition (data);
}

/* Runs what the main loop has ready (the announcements of commits already made). */
void
model_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  gboolean done;
  McSyncEngine *engine;
  GError *error;
} Setup;

static gboolean
setup_done (gpointer data)
{
  return ((Setup *) data)->done;
}

static void
engine_ready (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Setup *setup = user_data;

  setup->engine = mc_sync_setup_engine_finish (result, &setup->error);
  setup->done = TRUE;
}

/* The engine the application would make for @store's profile, its "sim:" systems served by
 * @sim; not started. */
McSyncEngine *
model_test_setup_engine (McStore *store,
                         McSim   *sim)
{
  Setup setup = { 0 };

  mc_sync_setup_engine_async (store, sim, NULL, engine_ready, &setup);
  if (!model_test_wait (setup_done, &setup, 60000) || setup.engine == NULL)
    g_error ("no sync engine: %s", setup.error ? setup.error->message : "timed out");
  return setup.engine;
}

/* Takes @action on dossier @number as another process, another official: motcuactl act
 * (MOTCUACTL). */
void
model_test_motcuactl_act (const char *profile_dir,
                          const char *number,
                          McAction    action)
{
  g_auto(CliRun) r = { 0 };

  CLI_RUN (&r, profile_dir, NULL, "act", number, mc_action_id (action), "--official", "Trần Văn Đức");
  if (r.status != 0)
    g_error ("motcuactl act failed with status %d:\n%s", r.status, r.err);
}

static void
on_changed (McStoreChanges *changes,
            McChangeSet    *set,
            ChangeLog      *log)
{
  g_ptr_array_add (log->sets, mc_change_set_ref (set));
  log->thread = g_thread_self ();
}

void
change_log_start (ChangeLog *log,
                  McStore   *store)
{
  log->changes = g_object_ref (mc_store_get_changes (store));
  log->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_change_set_unref);
  g_signal_connect (log->changes, "changed", G_CALLBACK (on_changed), log);
}

/* Forgets what was announced until now, after letting it arrive. */
void
change_log_clear (ChangeLog *log)
{
  model_test_drain ();
  g_ptr_array_set_size (log->sets, 0);
}

void
change_log_stop (ChangeLog *log)
{
  g_signal_handlers_disconnect_by_data (log->changes, log);
  g_clear_object (&log->changes);
  g_clear_pointer (&log->sets, g_ptr_array_unref);
}

/* Returns: the dossiers announced, sorted, or NULL when one announcement had "all". */
GArray *
change_log_dossiers (ChangeLog *log)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < log->sets->len; i++)
    {
      g_autoptr(GArray) ids = mc_change_set_dup_dossiers (g_ptr_array_index (log->sets, i));

      if (ids == NULL)
        {
          g_array_unref (all);
          return NULL;
        }
      for (guint k = 0; k < ids->len; k++)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < all->len && !seen; j++)
            seen = g_array_index (all, gint64, j) == g_array_index (ids, gint64, k);
          if (!seen)
            g_array_append_val (all, g_array_index (ids, gint64, k));
        }
    }
  return all;
}

gboolean
change_log_outbox (ChangeLog  *log,
                   const char *source_id)
{
  for (guint i = 0; i < log->sets->len; i++)
    if (mc_change_set_has_outbox (g_ptr_array_index (log->sets, i), source_id))
      return TRUE;
  return FALSE;
}

gboolean
change_log_dossier_outbox (ChangeLog *log,
                           gint64     dossier_id)
{
  for (guint i = 0; i < log->sets->len; i++)
    if (mc_change_set_has_dossier_outbox (g_ptr_array_index (log->sets, i), dossier_id))
      return TRUE;
  return FALSE;
}

gboolean
change_log_new_work (ChangeLog  *log,
                     const char *source_id)
{
  for (guint i = 0; i < log->sets->len; i++)
    {
      const char * const *work = mc_change_set_get_new_work (g_ptr_array_index (log->sets, i));

      if (source_id == NULL ? work[0] != NULL : g_strv_contains (work, source_id))
        return TRUE;
    }
  return FALSE;
}

McChangeFlags
change_log_flags (ChangeLog *log)
{
  McChangeFlags flags = 0;

  for (guint i = 0; i < log->sets->len; i++)
    flags |= mc_change_set_get_flags (g_ptr_array_index (log->sets, i));
  return flags;
}

gboolean
change_log_external (ChangeLog *log)
{
  for (guint i = 0; i < log->sets->len; i++)
    if (mc_change_set_is_external (g_ptr_array_index (log->sets, i)))
      return TRUE;
  return FALSE;
}

/* A dossier of @source_id with nothing waiting to be sent, and an action the status table
 * allows on it that needs no input; its local id. */
gint64
model_test_pick (McStore     *store,
                 const char  *source_id,
                 McAction    *out_action,
                 char       **out_number)
{
  McStoreFilter filter = { .source_id = source_id };
  g_autoptr(GArray) ids = mc_store_list (store, &filter, NULL);

  g_assert_nonnull (ids);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GArray) allowed = NULL;

      if (mc_store_dossier_unsynced (store, id, NULL) != 0)
        continue;
      allowed = mc_store_actions_allowed (store, id, NULL);
      for (guint k = 0; allowed != NULL && k < allowed->len; k++)
        {
          McAction action = g_array_index (allowed, McAction, k);

          if (mc_action_needs (action) == 0)
            {
              if (out_number != NULL)
                {
                  g_autoptr(McDossier) d = mc_store_get_dossier (store, id, NULL);

                  *out_number = g_strdup (d->number);
                }
              *out_action = action;
              return id;
            }
        }
    }
  g_error ("no dossier of %s to act on", source_id);
}

void
model_test_act (McStore  *store,
                gint64    dossier_id,
                McAction  action)
{
  McActionInput input = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_apply_action (store, dossier_id, action, &input, "Nguyễn Thị Lan", &error));
  g_assert_no_error (error);
}

/* A notification server of the test's own on the private session bus (org.gtk.Notifications,
 * the interface GIO's GNotification speaks to GNOME Shell): the real notification goes over
 * D-Bus, and the test reads what arrived. */
static const char notifications_xml[] =
  "<node><interface name='org.gtk.Notifications'>"
  "<method name='AddNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='a{sv}' direction='in'/></method>"
  "<method name='RemoveNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/></method>"
  "</interface></node>";

static GPtrArray *received;  /* GVariant a{sv}: the notifications, in order */

static void
notifications_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *path,
                    const char            *interface,
                    const char            *method,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  if (g_str_equal (method, "AddNotification"))
    g_ptr_array_add (received, g_variant_get_child_value (parameters, 2));
  g_dbus_method_invocation_return_value (invocation, NULL);
}

/* Returns: whether the server is up (there is a session bus and the name was ours). */
gboolean
model_test_serve_notifications (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_call, NULL, NULL, { 0 } };
  /* Held for the whole run: the last reference to the shared connection would close it, and
   * the name with it. */
  static GDBusConnection *bus;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint result = 0;

  received = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return FALSE;
  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName", g_variant_new ("(su)", "org.gtk.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  return result == 1;
}

static gboolean
received_at_least (gpointer data)
{
  return received->len >= GPOINTER_TO_UINT (data);
}

/* Returns: how many notifications reached the server. */
guint
model_test_n_notifications (void)
{
  return received ? received->len : 0;
}

/* Waits for the @n-th notification; the last one says the counts, in English, and opens the
 * more urgent view. */
void
model_test_assert_notified (guint  n,
                            gint64 due_today,
                            gint64 overdue)
{
  GVariant *last;
  g_autofree char *body = NULL;
  g_autofree char *expected = NULL;
  const char *title = NULL, *action = NULL, *target = NULL;
  g_autoptr(GVariant) target_value = NULL;

  g_assert_true (model_test_wait (received_at_least, GUINT_TO_POINTER (n), 10000));
  last = g_ptr_array_index (received, received->len - 1);
  g_assert_true (g_variant_lookup (last, "title", "&s", &title));
  g_assert_cmpstr (title, ==, "Dossiers due");
  g_assert_true (g_variant_lookup (last, "body", "s", &body));
  expected = g_strdup_printf ("%d %s due today, %d %s overdue.", (int) due_today,
                              due_today == 1 ? "dossier is" : "dossiers are", (int) overdue, overdue == 1 ? "is" : "are");
  g_assert_cmpstr (body, ==, expected);
  g_assert_true (g_variant_lookup (last, "default-action", "&s", &action));
  g_assert_cmpstr (action, ==, "app.show-view");
  target_value = g_variant_lookup_value (last, "default-action-target", NULL);
  g_assert_nonnull (target_value);
  if (g_variant_is_of_type (target_value, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *inner = g_variant_get_variant (target_value);

      g_variant_unref (target_value);
      target_value = inner;
    }
  target = g_variant_get_string (target_value, NULL);
  g_assert_cmpstr (target, ==, overdue > 0 ? "overdue" : "due-today");
}
