/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-store-actions.h"
#include "mc-store-outbox.h"
#include "model-test-util.h"

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
