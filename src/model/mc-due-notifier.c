/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-due-notifier.h"
#include "mc-store-queue.h"
#include "mc-store-settings.h"
#include "mc-time.h"

/* The morning notification: how many dossiers are due today and how many are overdue, at
 * start-up and each morning, once a day per profile; activating it opens the matching view
 * (app.show-view). The last day shown is remembered in GSettings, keyed by the profile's
 * database, so that restarting the application the same day says nothing new. In training the
 * clock may be moved at will: there it is shown once per session at most.
 *
 * The counts are the queue's own (mc_store_queue_count () of the "due-today" and "overdue"
 * views, with the office calendar and hours of the profile), read on a connection of their own
 * in a worker thread: a large profile must not stall the window at start-up. */

#define SETTINGS_SCHEMA "io.github.motcua.MotCua"
#define SETTINGS_KEY "due-notification-days"
/* How often to look whether a new working morning began: a timer to the next morning would
 * miss a suspended laptop and a moved MC_NOW. */
#define TICK_SECONDS 60

struct _McDueNotifier
{
  GObject parent_instance;

  McStore *store;
  GApplication *application;  /* weak */
  GSettings *settings;
  char *last_day;             /* when GSettings has no schema (uninstalled build) */
  gboolean training;
  gboolean busy;
  guint n_sent;
  guint tick_id;
  char *checked_day;          /* the day the last check ran for */
  GNotification *last;
  gint64 last_due_today;
  gint64 last_overdue;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (McDueNotifier, mc_due_notifier, G_TYPE_OBJECT)

/* Whether this process already notified: a training session may reset its sandbox (a new
 * window, a new notifier) and move its clock, and still hears it once. */
static gboolean sent_this_session;

enum {
  PROP_0,
  PROP_TRAINING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
today (void)
{
  g_autoptr(GDateTime) local = mc_time_to_local (mc_time_now ());

  return g_date_time_format (local, "%Y-%m-%d");
}

static char *
dup_last_day (McDueNotifier *self)
{
  const char *profile = mc_store_get_path (self->store);
  g_autoptr(GVariant) days = NULL;
  char *day = NULL;

  if (self->settings == NULL)
    return g_strdup (self->last_day);
  days = g_settings_get_value (self->settings, SETTINGS_KEY);
  g_variant_lookup (days, profile, "s", &day);
  return day;
}

static void
set_last_day (McDueNotifier *self,
              const char    *day)
{
  const char *profile = mc_store_get_path (self->store);
  g_autoptr(GVariant) days = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key, *value;

  if (self->settings == NULL)
    {
      g_free (self->last_day);
      self->last_day = g_strdup (day);
      return;
    }
  days = g_settings_get_value (self->settings, SETTINGS_KEY);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, days);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, profile))
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_variant_builder_add (&builder, "{ss}", profile, day);
  g_settings_set_value (self->settings, SETTINGS_KEY, g_variant_builder_end (&builder));
}

/* The worker */

typedef struct
{
  char *path;
  gint64 now;
  char *day;
  GDBusConnection *bus;       /* the application's, to look for a notification service */
  gint64 counts[2];
  gboolean can_notify;
} Count;

static void
count_free (Count *count)
{
  g_free (count->path);
  g_free (count->day);
  g_clear_object (&count->bus);
  g_free (count);
}

static gboolean
name_has_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* Whether a notification would reach anyone: GIO warns on every notification it cannot
 * deliver, and a desktop without a notification service (a kiosk, a headless test) is no
 * reason to fill the log each morning. Inside Flatpak the portal always answers. */
static gboolean
notification_service_exists (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) names = NULL;
  const char *name;

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return TRUE;
  if (bus == NULL)
    return FALSE;
  if (name_has_owner (bus, "org.gtk.Notifications") || name_has_owner (bus, "org.freedesktop.Notifications"))
    return TRUE;
  /* A notification daemon may start on demand. */
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "ListActivatableNames", NULL, G_VARIANT_TYPE ("(as)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(as)", &names);
  while (g_variant_iter_next (names, "&s", &name))
    if (g_str_equal (name, "org.freedesktop.Notifications"))
      return TRUE;
  return FALSE;
}

static void
count_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Count *count = task_data;
  GError *error = NULL;
  g_autoptr(McStore) store = mc_store_open (count->path, MC_STORE_OPEN_EXISTING, &error);

  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if ((count->counts[0] = mc_store_queue_count (store, MC_QUEUE_DUE_TODAY, NULL, count->now, &error)) < 0 ||
      (count->counts[1] = mc_store_queue_count (store, MC_QUEUE_OVERDUE, NULL, count->now, &error)) < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  count->can_notify = notification_service_exists (count->bus);
  g_task_return_boolean (task, TRUE);
}

static GNotification *
build_notification (gint64 due_today,
                    gint64 overdue)
{
  GNotification *notification = g_notification_new (_("Dossiers due"));
  g_autofree char *due_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d dossier is due today",
                                                            "%d dossiers are due today", due_today),
                                               (int) due_today);
  g_autofree char *overdue_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d is overdue",
                                                                "%d are overdue", overdue),
                                                   (int) overdue);
  /* TRANSLATORS: the morning notification: "12 dossiers are due today, 3 are overdue." */
  g_autofree char *body = g_strdup_printf (_("%s, %s."), due_text, overdue_text);

  g_notification_set_body (notification, body);
  /* The more urgent view first: overdue dossiers are already late. */
  g_notification_set_default_action_and_target (notification, "app.show-view", "s",
                                                overdue > 0 ? mc_queue_view_id (MC_QUEUE_OVERDUE)
                                                            : mc_queue_view_id (MC_QUEUE_DUE_TODAY));
  if (overdue > 0)
    {
      g_notification_add_button_with_target (notification, _("Show Overdue"), "app.show-view", "s",
                                             mc_queue_view_id (MC_QUEUE_OVERDUE));
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
    }
  if (due_today > 0)
    g_notification_add_button_with_target (notification, _("Show Due Today"), "app.show-view", "s",
                                           mc_queue_view_id (MC_QUEUE_DUE_TODAY));
  return notification;
}

static void
on_counted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  McDueNotifier *self = MC_DUE_NOTIFIER (object);
  Count *count = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot count the dossiers due: %s", error->message);
      return;
    }
  if (!count->can_notify)
    {
      g_debug ("No notification service: %" G_GINT64_FORMAT " due today, %" G_GINT64_FORMAT " overdue not shown",
               count->counts[0], count->counts[1]);
      return;
    }
  /* Nothing due and nothing late: nothing to say, and the day is done all the same. */
  set_last_day (self, count->day);
  if (count->counts[0] == 0 && count->counts[1] == 0)
    return;
  g_clear_object (&self->last);
  self->last = build_notification (count->counts[0], count->counts[1]);
  self->last_due_today = count->counts[0];
  self->last_overdue = count->counts[1];
  if (self->application != NULL)
    g_application_send_notification (self->application, "due", self->last);
  sent_this_session = TRUE;
  self->n_sent++;
  g_signal_emit (self, signals[SENT], 0, count->counts[0], count->counts[1]);
}

/* Counts and notifies unless today's notification was already given (or, in training, this
 * session's). */
void
mc_due_notifier_check (McDueNotifier *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *day = NULL;
  g_autofree char *last = NULL;
  Count *count;

  g_return_if_fail (MC_IS_DUE_NOTIFIER (self));

  day = today ();
  g_free (self->checked_day);
  self->checked_day = g_strdup (day);
  if (self->busy || (self->training && sent_this_session))
    return;
  last = dup_last_day (self);
  if (g_strcmp0 (last, day) == 0)
    return;

  count = g_new0 (Count, 1);
  count->path = g_strdup (mc_store_get_path (self->store));
  count->now = mc_time_now ();
  count->day = g_steal_pointer (&day);
  if (self->application != NULL && g_application_get_dbus_connection (self->application) != NULL)
    count->bus = g_object_ref (g_application_get_dbus_connection (self->application));
  self->busy = TRUE;
  task = g_task_new (self, self->cancellable, on_counted, NULL);
  g_task_set_task_data (task, count, (GDestroyNotify) count_free);
  g_task_run_in_thread (task, count_in_thread);
}

/* A new day once its office morning has begun: the notification of that morning. */
static gboolean
tick (gpointer user_data)
{
  McDueNotifier *self = user_data;
  g_autofree char *day = today ();
  g_autoptr(GDateTime) local = mc_time_to_local (mc_time_now ());
  McDeadlineSettings settings;

  mc_store_get_deadline_settings (self->store, &settings);
  if (g_strcmp0 (day, self->checked_day) != 0 &&
      g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local) >= settings.morning_start)
    mc_due_notifier_check (self);
  return G_SOURCE_CONTINUE;
}

static void
mc_due_notifier_dispose (GObject *object)
{
  McDueNotifier *self = MC_DUE_NOTIFIER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_weak_pointer (&self->application);
  G_OBJECT_CLASS (mc_due_notifier_parent_class)->dispose (object);
}

static void
mc_due_notifier_finalize (GObject *object)
{
  McDueNotifier *self = MC_DUE_NOTIFIER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->last);
  g_clear_object (&self->cancellable);
  g_free (self->last_day);
  g_free (self->checked_day);
  G_OBJECT_CLASS (mc_due_notifier_parent_class)->finalize (object);
}

static void
mc_due_notifier_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TRAINING:
      g_value_set_boolean (value, MC_DUE_NOTIFIER (object)->training);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_due_notifier_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TRAINING:
      mc_due_notifier_set_training (MC_DUE_NOTIFIER (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_due_notifier_class_init (McDueNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_due_notifier_dispose;
  object_class->finalize = mc_due_notifier_finalize;
  object_class->get_property = mc_due_notifier_get_property;
  object_class->set_property = mc_due_notifier_set_property;

  properties[PROP_TRAINING] =
    g_param_spec_boolean ("training", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after a notification was sent, with the counts it gave. */
  signals[SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
}

static void
mc_due_notifier_init (McDueNotifier *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  self->cancellable = g_cancellable_new ();
  /* An uninstalled build without compiled schemas remembers the day in memory only. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, SETTINGS_KEY))
    self->settings = g_settings_new (SETTINGS_SCHEMA);
}

/* @store: the window's connection (its profile's calendar and office hours count). */
McDueNotifier *
mc_due_notifier_new (McStore *store)
{
  McDueNotifier *self;

  g_return_val_if_fail (MC_IS_STORE (store), NULL);

  self = g_object_new (MC_TYPE_DUE_NOTIFIER, NULL);
  self->store = g_object_ref (store);
  return self;
}

/* The start-up check, then one each morning, notifying through @application. */
void
mc_due_notifier_start (McDueNotifier *self,
                       GApplication  *application)
{
  g_return_if_fail (MC_IS_DUE_NOTIFIER (self));
  g_return_if_fail (G_IS_APPLICATION (application));

  g_set_weak_pointer (&self->application, application);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick, self);
  mc_due_notifier_check (self);
}

gboolean
mc_due_notifier_is_busy (McDueNotifier *self)
{
  g_return_val_if_fail (MC_IS_DUE_NOTIFIER (self), FALSE);
  return self->busy;
}

gboolean
mc_due_notifier_get_training (McDueNotifier *self)
{
  g_return_val_if_fail (MC_IS_DUE_NOTIFIER (self), FALSE);
  return self->training;
}

void
mc_due_notifier_set_training (McDueNotifier *self,
                              gboolean       training)
{
  g_return_if_fail (MC_IS_DUE_NOTIFIER (self));

  training = !!training;
  if (self->training == training)
    return;
  self->training = training;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINING]);
}

guint
mc_due_notifier_get_n_sent (McDueNotifier *self)
{
  g_return_val_if_fail (MC_IS_DUE_NOTIFIER (self), 0);
  return self->n_sent;
}

/* Returns: (transfer none) (nullable): the last notification sent, and its counts. */
GNotification *
mc_due_notifier_get_last (McDueNotifier *self,
                          gint64        *out_due_today,
                          gint64        *out_overdue)
{
  g_return_val_if_fail (MC_IS_DUE_NOTIFIER (self), NULL);

  if (out_due_today != NULL)
    *out_due_today = self->last_due_today;
  if (out_overdue != NULL)
    *out_overdue = self->last_overdue;
  return self->last;
}

/* Returns: (transfer full) (nullable): the day (YYYY-MM-DD) the profile was last told about. */
char *
mc_due_notifier_dup_last_day (McDueNotifier *self)
{
  g_return_val_if_fail (MC_IS_DUE_NOTIFIER (self), NULL);
  return dup_last_day (self);
}
