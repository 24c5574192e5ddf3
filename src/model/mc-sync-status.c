/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-format.h"
#include "mc-store-changes.h"
#include "mc-store-outbox.h"
#include "mc-store-sync.h"
#include "mc-sync-status.h"

/* What the header's sync indicator and the offline banners say, read from where it is true:
 * each ministry system's pull from the sync engine, and what still waits for it from the
 * outbox, counted again whenever the change stream says the outbox changed. "Synced" is said
 * of a system only when its last sync ended well and nothing of the official's waits for it.
 * GLib only, so that its words are tested without a display. */

#define RECOUNT_MIN_MS 250   /* a push changes the outbox row by row: count at most this often */
#define SETTINGS_SCHEMA "io.github.motcua.MotCua"
#define WATCHDOG_KEY "outbox-watchdog-minutes"
#define DEFAULT_WATCHDOG_MINUTES 30

struct _McSyncStatus
{
  GObject parent_instance;

  McStore *store;            /* the window's connection, read in the main context */
  McStoreChanges *changes;
  McSyncEngine *engine;
  GPtrArray *sources;        /* McSourceStatus*, by source id */
  gint64 counted_mono;       /* when the outbox was last counted */
  guint recount_id;
};

G_DEFINE_FINAL_TYPE (McSyncStatus, mc_sync_status, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
source_status_free (McSourceStatus *s)
{
  g_free (s->source_id);
  g_free (s->ministry);
  g_free ((char *) s->progress.message);
  g_free (s);
}

/* Returns: whether nothing of the official's waits for the system and its last sync ended
 * well. */
gboolean
mc_source_status_is_synced (const McSourceStatus *s)
{
  return s->in_engine && s->settled == MC_SYNC_STATE_IDLE && s->progress.last_success > 0
         && s->waiting + s->checking + s->review == 0;
}

/* Returns: whether the system could not be reached the last time it was tried. */
gboolean
mc_source_status_is_cut (const McSourceStatus *s)
{
  return s->in_engine && s->settled == MC_SYNC_STATE_OFFLINE;
}

/* Returns: (nullable): what still waits, in words ("3 actions waiting to be sent · 1 being
 * checked again · 1 needs review"), only the counts that are not zero; NULL when nothing
 * waits. */
char *
mc_sync_describe_outbox (guint waiting,
                         guint checking,
                         guint review)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (waiting > 0)
    /* TRANSLATORS: the official's actions not yet sent to a ministry system */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u action waiting to be sent",
                                               "%u actions waiting to be sent", waiting), waiting);
  if (checking > 0)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: actions sent without an answer, being looked up on the ministry system */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u being checked again",
                                                 "%u being checked again", checking), checking);
    }
  if (review > 0)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: actions waiting for the official's decision (Needs Review) */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u needs review", "%u need review", review),
                              review);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Returns: whether an action in @state waits for the official: neither on its way, nor in
 * doubt, nor finished. A state added later counts here rather than being hidden. */
gboolean
mc_outbox_state_needs_review (McOutboxState state)
{
  return state != MC_OUTBOX_PENDING && state != MC_OUTBOX_SENDING && state != MC_OUTBOX_IN_DOUBT
         && state != MC_OUTBOX_DONE && state != MC_OUTBOX_DISCARDED;
}

/* Returns: (nullable): the same, what needs the official first, then what is being checked,
 * then what waits: where it is cut short (the header), the first words matter most. */
char *
mc_sync_describe_outbox_urgent_first (guint waiting,
                                      guint checking,
                                      guint review)
{
  g_autofree char *r = mc_sync_describe_outbox (0, 0, review);
  g_autofree char *c = mc_sync_describe_outbox (0, checking, 0);
  g_autofree char *w = mc_sync_describe_outbox (waiting, 0, 0);
  const char *parts[] = { r, c, w };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL)
      g_string_append_printf (text, "%s%s", text->len ? " · " : "", parts[i]);
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Which count an outbox state adds to. */
static void
count_state (McSourceStatus *s,
             McOutboxState   state,
             guint           n)
{
  if (state == MC_OUTBOX_PENDING || state == MC_OUTBOX_SENDING)
    s->waiting += n;
  else if (state == MC_OUTBOX_IN_DOUBT)
    s->checking += n;
  else if (mc_outbox_state_needs_review (state))
    s->review += n;
}

/* Returns: (transfer none): the ministry's name ("Health"), which officials know their systems
 * by, never the source's id; the source's own name for a ministry not known. */
const char *
mc_source_display_name (const McSource *source)
{
  const char *name = source ? mc_ministry_name (source->ministry) : NULL;

  if (name == NULL || (source->ministry && g_str_equal (name, source->ministry)))
    name = source && source->name ? g_intern_string (source->name) : _("Ministry system");
  return name;
}

static McSourceStatus *
find (McSyncStatus *self,
      const char   *source_id)
{
  for (guint i = 0; i < self->sources->len; i++)
    {
      McSourceStatus *s = g_ptr_array_index (self->sources, i);

      if (g_str_equal (s->source_id, source_id))
        return s;
    }
  return NULL;
}

static void
take_progress (McSyncStatus   *self,
               McSourceStatus *s)
{
  McSyncProgress p;

  s->in_engine = self->engine != NULL && mc_sync_engine_get_progress (self->engine, s->source_id, &p);
  g_free ((char *) s->progress.message);
  if (!s->in_engine)
    {
      memset (&s->progress, 0, sizeof s->progress);
      return;
    }
  s->progress = p;
  s->progress.message = g_strdup (p.message);
  if (p.state != MC_SYNC_STATE_SYNCING)
    s->settled = p.state;
}

/* Reads the outbox counts and the engine's sources again: the systems shown are the engine's
 * and any other still holding unfinished actions (a system switched off). */
void
mc_sync_status_refresh (McSyncStatus *self)
{
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MC_IS_SYNC_STATUS (self));

  g_clear_handle_id (&self->recount_id, g_source_remove);
  self->counted_mono = g_get_monotonic_time ();
  if (!(counts = mc_store_outbox_counts (self->store, &error)))
    {
      g_warning ("Cannot count the outbox: %s", error->message);
      return;
    }
  old = g_steal_pointer (&self->sources);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_status_free);
  for (guint i = 0; i < counts->len; i++)
    {
      McOutboxCounts *c = g_ptr_array_index (counts, i);
      g_autoptr(McSource) source = mc_store_get_source (self->store, c->source_id, NULL);
      McSourceStatus *s = g_new0 (McSourceStatus, 1);

      s->source_id = g_strdup (c->source_id);
      s->ministry = g_strdup (source ? source->ministry : NULL);
      s->name = mc_source_display_name (source);
      for (guint k = 0; k < MC_OUTBOX_N_STATES; k++)
        count_state (s, k, c->n[k]);
      for (guint k = 0; k < old->len; k++)
        if (g_str_equal (((McSourceStatus *) g_ptr_array_index (old, k))->source_id, s->source_id))
          s->settled = ((McSourceStatus *) g_ptr_array_index (old, k))->settled;
      take_progress (self, s);
      if (s->in_engine || s->waiting + s->checking + s->review > 0)
        g_ptr_array_add (self->sources, s);
      else
        source_status_free (s);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
recount_cb (gpointer data)
{
  McSyncStatus *self = data;

  self->recount_id = 0;
  mc_sync_status_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (McSyncStatus      *self,
                  const McChangeSet *set)
{
  gint64 since;

  if (!(mc_change_set_get_flags (set) & (MC_CHANGE_OUTBOX | MC_CHANGE_SOURCES)) || self->recount_id != 0)
    return;
  since = (g_get_monotonic_time () - self->counted_mono) / 1000;
  if (since >= RECOUNT_MIN_MS)
    mc_sync_status_refresh (self);
  else
    self->recount_id = g_timeout_add (RECOUNT_MIN_MS - since, recount_cb, self);
}

static void
on_source_changed (McSyncStatus *self,
                   const char   *source_id)
{
  McSourceStatus *s = find (self, source_id);

  if (s == NULL)
    {
      mc_sync_status_refresh (self);
      return;
    }
  take_progress (self, s);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
mc_sync_status_dispose (GObject *object)
{
  McSyncStatus *self = MC_SYNC_STATUS (object);

  g_clear_handle_id (&self->recount_id, g_source_remove);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  if (self->changes != NULL)
    g_signal_handlers_disconnect_by_data (self->changes, self);
  g_clear_object (&self->changes);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mc_sync_status_parent_class)->dispose (object);
}

static void
mc_sync_status_finalize (GObject *object)
{
  g_clear_pointer (&MC_SYNC_STATUS (object)->sources, g_ptr_array_unref);
  G_OBJECT_CLASS (mc_sync_status_parent_class)->finalize (object);
}

static void
mc_sync_status_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, MC_SYNC_STATUS (object)->engine);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_sync_status_class_init (McSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_sync_status_dispose;
  object_class->finalize = mc_sync_status_finalize;
  object_class->get_property = mc_sync_status_get_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, MC_TYPE_SYNC_ENGINE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* McSyncStatus::changed: a system's pull or outbox changed, or the systems did. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 0);
}

static void
mc_sync_status_init (McSyncStatus *self)
{
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_status_free);
}

/* The status of @store's profile, read through @store (used in the main context only). */
McSyncStatus *
mc_sync_status_new (McStore *store)
{
  McSyncStatus *self;

  g_return_val_if_fail (MC_IS_STORE (store), NULL);

  self = g_object_new (MC_TYPE_SYNC_STATUS, NULL);
  self->store = g_object_ref (store);
  self->changes = g_object_ref (mc_store_get_changes (store));
  g_signal_connect_object (self->changes, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  mc_sync_status_refresh (self);
  return self;
}

McSyncEngine *
mc_sync_status_get_engine (McSyncStatus *self)
{
  g_return_val_if_fail (MC_IS_SYNC_STATUS (self), NULL);
  return self->engine;
}

/* The engine whose pulls are shown (NULL: none, the systems are not synced). */
void
mc_sync_status_set_engine (McSyncStatus *self,
                           McSyncEngine *engine)
{
  g_return_if_fail (MC_IS_SYNC_STATUS (self));
  g_return_if_fail (engine == NULL || MC_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_object (engine, "source-changed", G_CALLBACK (on_source_changed), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < self->sources->len; i++)
    ((McSourceStatus *) g_ptr_array_index (self->sources, i))->settled = MC_SYNC_STATE_IDLE;
  mc_sync_status_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

guint
mc_sync_status_get_n_sources (McSyncStatus *self)
{
  g_return_val_if_fail (MC_IS_SYNC_STATUS (self), 0);
  return self->sources->len;
}

const McSourceStatus *
mc_sync_status_get_source (McSyncStatus *self,
                           guint         index)
{
  g_return_val_if_fail (MC_IS_SYNC_STATUS (self), NULL);
  g_return_val_if_fail (index < self->sources->len, NULL);
  return g_ptr_array_index (self->sources, index);
}

/* Returns: (nullable): the status of @source_id, NULL when it is neither synced nor holding
 * unfinished actions. */
const McSourceStatus *
mc_sync_status_lookup (McSyncStatus *self,
                       const char   *source_id)
{
  g_return_val_if_fail (MC_IS_SYNC_STATUS (self), NULL);
  return source_id != NULL ? find (self, source_id) : NULL;
}

void
mc_sync_status_get_totals (McSyncStatus *self,
                           guint        *out_waiting,
                           guint        *out_checking,
                           guint        *out_review)
{
  guint waiting = 0, checking = 0, review = 0;

  g_return_if_fail (MC_IS_SYNC_STATUS (self));
  for (guint i = 0; i < self->sources->len; i++)
    {
      McSourceStatus *s = g_ptr_array_index (self->sources, i);

      waiting += s->waiting;
      checking += s->checking;
      review += s->review;
    }
  if (out_waiting)
    *out_waiting = waiting;
  if (out_checking)
    *out_checking = checking;
  if (out_review)
    *out_review = review;
}

static char *
cut_names (McSyncStatus *self,
           const char   *ministry,
           const char   *source_id,
           guint        *out_n_cut,
           guint        *out_n)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = 0, cut = 0;

  for (guint i = 0; i < self->sources->len; i++)
    {
      McSourceStatus *s = g_ptr_array_index (self->sources, i);

      if (!s->in_engine || (ministry && g_strcmp0 (s->ministry, ministry) != 0)
          || (source_id && !g_str_equal (s->source_id, source_id)))
        continue;
      n++;
      if (!mc_source_status_is_cut (s))
        continue;
      cut++;
      /* TRANSLATORS: the separator between ministry names */
      g_string_append_printf (names, "%s%s", names->len ? _(", ") : "", s->name);
    }
  *out_n_cut = cut;
  *out_n = n;
  return cut > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

/* Returns: (nullable): the banner for the systems of @ministry (NULL: every ministry) or of
 * @source_id (NULL: every source) that cannot be reached, NULL when each can. */
char *
mc_sync_status_dup_cut_notice (McSyncStatus *self,
                               const char   *ministry,
                               const char   *source_id)
{
  g_autofree char *names = NULL;
  guint cut, n;

  g_return_val_if_fail (MC_IS_SYNC_STATUS (self), NULL);

  if (!(names = cut_names (self, ministry, source_id, &cut, &n)))
    return NULL;
  if (ministry == NULL && source_id == NULL && cut == n && n > 1)
    return g_strdup (_("No ministry system can be reached. Your work continues here and will be sent when "
                       "the connection returns."));
  /* TRANSLATORS: %s names the ministries whose systems cannot be reached ("Health") */
  return g_strdup_printf (_("%s cannot be reached — your actions are saved and will be sent when the "
                            "connection returns"), names);
}

/* Returns: the whole in words, its first line what matters most, and the icon that says it:
 * a check mark only when every system is synced. */
char *
mc_sync_status_dup_summary (McSyncStatus  *self,
                            const char   **out_icon_name)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *outbox = NULL;
  g_autofree char *cut = NULL;
  guint waiting, checking, review, n = 0, n_cut, first = 0, problems = 0, synced = 0;
  guint64 so_far = 0;
  const char *icon;

  g_return_val_if_fail (MC_IS_SYNC_STATUS (self), NULL);

  mc_sync_status_get_totals (self, &waiting, &checking, &review);
  outbox = mc_sync_describe_outbox (waiting, checking, review);
  cut = cut_names (self, NULL, NULL, &n_cut, &n);
  for (guint i = 0; i < self->sources->len; i++)
    {
      McSourceStatus *s = g_ptr_array_index (self->sources, i);

      if (!s->in_engine)
        continue;
      synced += mc_source_status_is_synced (s);
      if (s->progress.state == MC_SYNC_STATE_SYNCING && s->progress.last_success == 0)
        {
          first++;
          so_far += s->progress.dossiers;
        }
      if (s->settled != MC_SYNC_STATE_IDLE && !mc_source_status_is_cut (s))
        problems++;
    }

  if (n == 0 && outbox == NULL)
    {
      g_string_append (text, _("No ministry system is connected"));
      icon = "network-offline-symbolic";
    }
  else if (n > 0 && synced == n && outbox == NULL)
    {
      g_string_append (text, _("Synced"));
      icon = "emblem-ok-symbolic";
    }
  else
    {
      if (n_cut > 0 && n_cut == n)
        g_string_append (text, _("No ministry system can be reached"));
      else if (n_cut > 0)
        /* TRANSLATORS: %s names the ministries whose systems cannot be reached */
        g_string_append_printf (text, _("%s cannot be reached"), cut);
      else if (first > 0 && so_far == 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Syncing %u ministry system…",
                                                   "Syncing %u ministry systems…", first), first);
      else if (first > 0)
        {
          /* A first sync is long: the count says it is moving. */
          g_autofree char *count = mc_format_count (so_far);

          /* TRANSLATORS: %s is a count of dossiers received so far by the running syncs */
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Syncing: %s dossier received so far",
                                                     "Syncing: %s dossiers received so far", so_far), count);
        }
      else if (problems > 0)
        /* TRANSLATORS: "2 of 5 ministry systems need attention" */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u of %u ministry systems needs attention",
                                                   "%u of %u ministry systems need attention", problems),
                                problems, n);
      if (outbox != NULL)
        g_string_append_printf (text, "%s%s", text->len ? "\n" : "", outbox);
      if (text->len == 0)
        g_string_append (text, _("Not synced yet"));
      if (n_cut > 0 && n_cut == n)
        icon = "network-offline-symbolic";
      else if (n_cut > 0 || problems > 0 || review > 0)
        icon = "dialog-warning-symbolic";
      else if (first == 0 && outbox != NULL)
        icon = "mail-send-symbolic";
      else
        icon = "emblem-synchronizing-symbolic";
    }
  if (out_icon_name)
    *out_icon_name = icon;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The app setting "outbox-watchdog-minutes" (30 when the schema is not installed). */
guint
mc_outbox_watchdog_minutes (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE) : NULL;
  g_autoptr(GSettings) settings = NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, WATCHDOG_KEY))
    return DEFAULT_WATCHDOG_MINUTES;
  settings = g_settings_new (SETTINGS_SCHEMA);
  return MAX (g_settings_get_uint (settings, WATCHDOG_KEY), 1);
}

/* Returns: (nullable): the outbox watchdog's warning, NULL when every outbox drains. A
 * system counts as reachable when a sync with it succeeded after its oldest waiting action
 * was queued: the action should have gone then. A system never reached is the indicator's
 * business. */
char *
mc_sync_status_dup_watchdog (McSyncStatus *self,
                             gint64        now,
                             guint         minutes)
{
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_val_if_fail (MC_IS_SYNC_STATUS (self), NULL);

  counts = mc_store_outbox_counts (self->store, NULL);
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      McOutboxCounts *c = g_ptr_array_index (counts, i);
      g_autoptr(McSource) source = NULL;

      if (c->oldest_unfinished_at == 0 || now - c->oldest_unfinished_at < (gint64) minutes * 60
          || mc_store_sync_last_success (self->store, c->source_id, NULL) <= c->oldest_unfinished_at)
        continue;
      source = mc_store_get_source (self->store, c->source_id, NULL);
      g_string_append_printf (names, "%s%s", names->len ? _(", ") : "", mc_source_display_name (source));
    }
  if (names->len == 0)
    return NULL;
  /* TRANSLATORS: the outbox watchdog: the minutes, then the ministries' names */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Actions have waited more than %u minute to be sent although the ministry system was reached since: %s. Look at the outbox.",
                                       "Actions have waited more than %u minutes to be sent although the ministry system was reached since: %s. Look at the outbox.",
                                       minutes), minutes, names->str);
}
