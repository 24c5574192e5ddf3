/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mc-sample.h"
#include "mc-sim-private.h"
#include "mc-time.h"

/* The ministry simulator's state: five back-ends' dossiers, their change order, sessions,
 * idempotent replies, the moving clock and the journal. Served by mc-sim-server.c in a thread
 * of its own (so a test or the GUI can embed it and still make blocking HTTP calls to it);
 * handlers and controls run in that thread, the lock guards what other threads read. */


G_DEFINE_FINAL_TYPE (McSim, mc_sim, G_TYPE_OBJECT)

static const McSimDialectClass *dialect_classes[MC_SIM_N_DIALECTS] = {
  [MC_SIM_DVCQG] = &mc_sim_dvcqg_class,
  [MC_SIM_LGSP] = &mc_sim_lgsp_class,
  [MC_SIM_REST] = &mc_sim_rest_class,
  [MC_SIM_FEED] = &mc_sim_feed_class,
  [MC_SIM_LEGACY] = &mc_sim_legacy_class,
};

const char *
mc_sim_dialect_name (McSimDialect dialect)
{
  g_return_val_if_fail (dialect < MC_SIM_N_DIALECTS, NULL);
  return dialect_classes[dialect]->name;
}

const char *
mc_sim_dialect_source_id (McSimDialect dialect)
{
  g_return_val_if_fail (dialect < MC_SIM_N_DIALECTS, NULL);
  return dialect_classes[dialect]->source_id;
}

gboolean
mc_sim_dialect_from_name (const char   *name,
                          McSimDialect *out_dialect)
{
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    if (g_strcmp0 (name, dialect_classes[i]->name) == 0 || g_strcmp0 (name, dialect_classes[i]->source_id) == 0)
      {
        *out_dialect = i;
        return TRUE;
      }
  return FALSE;
}

guint64
mc_sim_rng_next (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Records */

static void
record_free (McSimRecord *rec)
{
  g_clear_pointer (&rec->dossier, mc_dossier_unref);
  g_free (rec->remote_id);
  g_free (rec->cache);
  g_free (rec);
}

int
mc_sim_compare_records (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const McSimRecord *x = a, *y = b;
  const McSimDialectClass *klass = user_data;

  if (klass->seq_order)
    return x->seq < y->seq ? -1 : x->seq > y->seq;
  if (x->updated_at != y->updated_at)
    return x->updated_at < y->updated_at ? -1 : 1;
  return strcmp (x->dossier->number, y->dossier->number);
}

static int
compare_records_qsort (gconstpointer a,
                       gconstpointer b)
{
  const McSimRecord *x = *(McSimRecord * const *) a, *y = *(McSimRecord * const *) b;

  if (x->updated_at != y->updated_at)
    return x->updated_at < y->updated_at ? -1 : 1;
  return strcmp (x->dossier->number, y->dossier->number);
}

static gint64
last_change_of (const McDossier *d)
{
  gint64 t = MAX (d->submitted_at, d->received_at);

  for (guint i = 0; i < d->history->len; i++)
    t = MAX (t, ((McStep *) g_ptr_array_index (d->history, i))->at);
  return t;
}

static McSimRecord *
record_new (McSimService *svc,
            McDossier    *d)
{
  McSimRecord *rec = g_new0 (McSimRecord, 1);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, d->number, -1);

  rec->dossier = d;
  rec->remote_id = g_strdup_printf ("d%.19s", sum);
  rec->version = MAX (1, (guint) g_ascii_strtoull (d->server_version ? d->server_version : "1", NULL, 10));
  rec->updated_at = last_change_of (d);
  g_hash_table_insert (svc->by_number, d->number, rec);
  g_hash_table_insert (svc->by_remote_id, rec->remote_id, rec);
  return rec;
}

McSimRecord *
mc_sim_service_lookup (McSimService *svc,
                       const char   *number)
{
  return number ? g_hash_table_lookup (svc->by_number, number) : NULL;
}

/* The first record at or after @updated_at, in (update time, number) order. */
GSequenceIter *
mc_sim_service_first_at (McSimService *svc,
                         gint64        updated_at)
{
  McDossier probe_d = { .number = (char *) "" };
  McSimRecord probe = { .dossier = &probe_d, .updated_at = updated_at };

  return g_sequence_search (svc->order, &probe, mc_sim_compare_records, (gpointer) svc->klass);
}

GSequenceIter *
mc_sim_service_first_after_seq (McSimService *svc,
                                guint64       seq)
{
  McSimRecord probe = { .seq = seq + 1 };

  /* g_sequence_search puts an equal probe after its equals; step back over the one equal. */
  GSequenceIter *iter = g_sequence_search (svc->order, &probe, mc_sim_compare_records, (gpointer) svc->klass);

  if (!g_sequence_iter_is_begin (iter))
    {
      GSequenceIter *prev = g_sequence_iter_prev (iter);
      McSimRecord *rec = g_sequence_get (prev);

      if (rec->seq > seq)
        return prev;
    }
  return iter;
}

/* A change moves the record to the end of the pull order and makes any cached JSON stale. */
void
mc_sim_record_touch (McSimService *svc,
              McSimRecord  *rec,
              gint64        at)
{
  rec->seq = ++svc->seq;
  rec->updated_at = MAX (at, rec->updated_at + 1);
  rec->version++;
  g_clear_pointer (&rec->cache, g_free);
  g_sequence_sort_changed (rec->iter, mc_sim_compare_records, (gpointer) svc->klass);
}

/* @d, a changed copy of @rec's snapshot made at @now, takes its place: the record touched,
 * its version written into @d, the change counted under @key (nullable). Takes @d. */
void
mc_sim_record_replace (McSimService *svc,
                       McSimRecord  *rec,
                       McDossier    *d,
                       gint64        now,
                       const char   *key)
{
  /* The index is keyed by the dossier's own number string: re-key it on the copy before the
   * old one goes (g_hash_table_insert would keep the old, soon freed, key). */
  g_hash_table_replace (svc->by_number, d->number, rec);
  mc_dossier_unref (rec->dossier);
  rec->dossier = d;
  mc_sim_record_touch (svc, rec, now);
  g_free (d->server_version);
  d->server_version = g_strdup_printf ("%u", rec->version);
  if (key != NULL)
    mc_sim_count_action (svc->sim, key);
}

McSimCorrupt
mc_sim_begin_page (McSimService *svc,
                   McSimAnswer  *answer)
{
  McSimCorrupt kind = MC_SIM_CORRUPT_NONE;

  answer->is_pull = TRUE;
  if (svc->faults.corrupt_count > 0)
    {
      svc->faults.corrupt_count--;
      kind = svc->faults.corrupt;
    }
  else if (svc->faults.truncate > 0)
    {
      svc->faults.truncate--;
      kind = MC_SIM_CORRUPT_TRUNCATED;
    }
  answer->corrupt = kind;
  return kind;
}

void
mc_sim_service_render (McSimService *svc,
                       McSimRecord  *rec,
                       GString      *out,
                       McSimCorrupt  corrupt)
{
  if (corrupt >= MC_SIM_CORRUPT_WRONG_TYPE && corrupt <= MC_SIM_CORRUPT_BAD_DATE)
    {
      svc->klass->render_item (svc, rec, out, corrupt);
      return;
    }
  if (rec->cache == NULL)
    {
      GString *item = g_string_sized_new (2048);

      svc->klass->render_item (svc, rec, item, MC_SIM_CORRUPT_NONE);
      rec->cache = g_string_free (item, FALSE);
    }
  g_string_append (out, rec->cache);
}

/* Changes */

static void
add_step (McDossier  *d,
          gint64      at,
          const char *actor,
          McStatus    status,
          const char *note)
{
  mc_dossier_add_step (d, at, actor ?: MC_SIM_DEFAULT_ACTOR, "Bộ phận Một cửa", mc_status_step_name (status), status,
                       note);
}

/* Whether @target can follow @from through one allowed action of the national workflow. */
static gboolean
transition_reaches (McStatus from,
                    McStatus target)
{
  g_autoptr(GArray) actions = mc_transition_actions_from (from);

  for (guint i = 0; actions && i < actions->len; i++)
    if (mc_transition_target (from, g_array_index (actions, McAction, i)) == target)
      return TRUE;
  return FALSE;
}

/* Applies a change of status (or, with @target equal to the current one, a progress step
 * where the workflow allows one) by @actor (nullable: the client named no one). Returns FALSE,
 * changing nothing, if the workflow forbids it. */
gboolean
mc_sim_apply_status (McSimService *svc,
                     McSimRecord  *rec,
                     McStatus      target,
                     const char   *actor,
                     const char   *note,
                     const char   *key)
{
  McDossier *d;
  gint64 now = mc_sim_now (svc->sim);

  if (rec->deleted || !transition_reaches (rec->dossier->status, target))
    return FALSE;

  d = mc_sim_dossier_copy (rec->dossier);
  d->status = target;
  if (target == MC_STATUS_RECEIVED && d->received_at == 0)
    d->received_at = now;
  if (target == MC_STATUS_RESOLVED || target == MC_STATUS_STOPPED || target == MC_STATUS_WITHDRAWN
      || target == MC_STATUS_REFUSED)
    d->finished_at = now;
  if (target == MC_STATUS_RETURNED)
    d->returned_at = now;
  add_step (d, now, actor, target, note);
  mc_sim_record_replace (svc, rec, d, now, key);
  if (!svc->sim->replaying)
    {
      g_autoptr(JsonObject) event = mc_sim_service_event (svc, "change", d->number);

      json_object_set_int_member (event, "status", target);
      json_object_set_string_member (event, "actor", actor ?: MC_SIM_DEFAULT_ACTOR);
      if (note)
        json_object_set_string_member (event, "note", note);
      if (key)
        json_object_set_string_member (event, "key", key);
      mc_sim_record_event (svc->sim, event);
    }
  return TRUE;
}

/* A dossier a client created (a counter intake): a new record at the end of the pull order,
 * with the receiving step by @actor (nullable: the client named no one) in its history,
 * counted under @key (nullable). Takes @dossier. */
McSimRecord *
mc_sim_add_created (McSimService *svc,
                    McDossier    *dossier,
                    const char   *actor,
                    const char   *note,
                    const char   *key)
{
  gint64 now = mc_sim_now (svc->sim);
  McSimRecord *rec;

  add_step (dossier, now, actor, dossier->status, note);
  g_free (dossier->server_version);
  dossier->server_version = g_strdup ("1");
  rec = record_new (svc, dossier);
  rec->seq = ++svc->seq;
  rec->updated_at = MAX (rec->updated_at, now);
  rec->iter = g_sequence_insert_sorted (svc->order, rec, mc_sim_compare_records, (gpointer) svc->klass);
  if (key != NULL)
    mc_sim_count_action (svc->sim, key);
  return rec;
}

void
mc_sim_delete_locked (McSimService *svc,
                      McSimRecord  *rec)
{
  if (rec->deleted)
    return;
  if (!svc->klass->seq_order)
    {
      /* Timestamp-ordered back-ends simply stop listing it; the reconciliation notices. */
      g_hash_table_remove (svc->by_remote_id, rec->remote_id);
      g_hash_table_remove (svc->by_number, rec->dossier->number);
      g_sequence_remove (rec->iter);  /* frees the record */
      return;
    }
  rec->deleted = TRUE;
  mc_sim_record_touch (svc, rec, mc_sim_now (svc->sim));
}

/* "Cursor expiry" for the change-ordered back-ends: the server rebuilds its change index
 * (tombstones purged, every live dossier renumbered after the old head), so any sequence
 * handed out before is too old (410), while a walk from the start works. */
void
mc_sim_compact_locked (McSimService *svc)
{
  g_autoptr(GPtrArray) dead = g_ptr_array_new ();
  guint64 first = svc->seq + 1;

  if (svc->klass->seq_order)
    {
      for (GSequenceIter *it = g_sequence_get_begin_iter (svc->order); !g_sequence_iter_is_end (it);
           it = g_sequence_iter_next (it))
        {
          McSimRecord *rec = g_sequence_get (it);

          if (rec->deleted)
            g_ptr_array_add (dead, rec);
          else
            {
              rec->seq = ++svc->seq;  /* same order, so the sequence stays sorted */
              g_clear_pointer (&rec->cache, g_free);
            }
        }
      for (guint i = 0; i < dead->len; i++)
        {
          McSimRecord *rec = g_ptr_array_index (dead, i);

          g_hash_table_remove (svc->by_remote_id, rec->remote_id);
          g_hash_table_remove (svc->by_number, rec->dossier->number);
          g_sequence_remove (rec->iter);
        }
    }
  svc->oldest_seq = first;
  svc->cursor_epoch++;
}

void
mc_sim_count_action (McSim      *self,
                     const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->action_counts, key));

  g_hash_table_insert (self->action_counts, g_strdup (key), GUINT_TO_POINTER (n + 1));
}

gboolean
mc_sim_answer_replay (McSimService *svc,
                      const char   *key,
                      McSimAnswer  *answer)
{
  McSimReply *replay = key ? g_hash_table_lookup (svc->replies, key) : NULL;

  if (replay == NULL)
    {
      answer->key = g_strdup (key);
      return FALSE;
    }
  mc_sim_answer_json (answer, replay->status, "%s", replay->body);
  return TRUE;
}

static void
reply_free (McSimReply *reply)
{
  g_free (reply->body);
  g_free (reply);
}

/* Keeps @answer, once the dialect has given it, for the repeats of the request made under its
 * key (NULL: a request without a key, nothing to keep). */
void
mc_sim_remember (McSimService *svc,
                 McSimAnswer  *answer)
{
  McSimReply *reply;

  if (answer->key == NULL)
    return;
  reply = g_new0 (McSimReply, 1);
  reply->status = answer->status;
  reply->body = g_strdup (answer->body->str);
  g_hash_table_replace (svc->replies, g_steal_pointer (&answer->key), reply);
}

/* Sessions live in simulated time, so a test can expire them by moving the clock or by the
 * "faults" control's expire_sessions. */
char *
mc_sim_new_session (McSimService *svc)
{
  gint64 *expiry = g_new (gint64, 1);
  char *token = g_strdup_printf ("%s-%016" G_GINT64_MODIFIER "x", svc->klass->name, mc_sim_rng_next (&svc->rng));

  *expiry = mc_sim_now (svc->sim) + svc->faults.token_ttl;
  g_hash_table_insert (svc->sessions, g_strdup (token), expiry);
  return token;
}

gboolean
mc_sim_check_session (McSimService *svc,
                      const char   *token)
{
  gint64 *expiry = token ? g_hash_table_lookup (svc->sessions, token) : NULL;

  return expiry != NULL && *expiry > mc_sim_now (svc->sim);
}

/* The clock */

gint64
mc_sim_now (McSim *self)
{
  return self->base_now + (g_get_monotonic_time () - self->started_mono) / G_USEC_PER_SEC + self->advanced;
}

const char *
mc_sim_password (McSim *self)
{
  return self->password;
}

GMutex *
mc_sim_lock (McSim *self)
{
  return &self->lock;
}

McSimService *
mc_sim_service (McSim        *self,
                McSimDialect  dialect)
{
  if (dialect >= MC_SIM_N_DIALECTS || !(self->dialect_mask & (1u << dialect)))
    return NULL;
  return &self->services[dialect];
}

/* A journal event of @type about dossier @number of @svc's system, to be filled in and recorded. */
JsonObject *
mc_sim_service_event (McSimService *svc,
                      const char   *type,
                      const char   *number)
{
  JsonObject *event = json_object_new ();

  json_object_set_string_member (event, "type", type);
  json_object_set_string_member (event, "dialect", svc->klass->name);
  json_object_set_string_member (event, "number", number);
  return event;
}

void
mc_sim_record_event (McSim      *self,
                     JsonObject *event)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) gen = NULL;

  json_object_set_int_member (event, "at", mc_sim_now (self));
  json_array_add_object_element (self->events, json_object_ref (event));
  if (self->state_file == NULL)
    return;

  /* The journal is small (one line per change in a training session): rewriting it whole,
   * atomically, keeps the file always loadable. */
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, json_object_new ());
  json_object_set_int_member (json_node_get_object (root), "seed", self->seed);
  json_object_set_int_member (json_node_get_object (root), "dossiers", self->n_dossiers);
  json_object_set_array_member (json_node_get_object (root), "events", json_array_ref (self->events));
  gen = json_generator_new ();
  json_generator_set_root (gen, root);
  if (!json_generator_to_file (gen, self->state_file, NULL))
    g_warning ("Cannot write the simulator state to %s", self->state_file);
}

/* New online submissions arrive and other officials act: what "now moves" means. */
static McDossier *
new_submission (McSim *self,
                gint64 now)
{
  return mc_sample_make_submission (self->plan, self->next_index++, now);
}

static void
add_submission (McSim *self,
                gint64 now)
{
  McDossier *d = new_submission (self, now);
  McSimDialect dialect;
  McSimService *svc;
  McSimRecord *rec;

  if (d == NULL || !mc_sim_dialect_from_name (d->source_id, &dialect))
    return;
  svc = &self->services[dialect];
  if (g_hash_table_contains (svc->by_number, d->number))
    {
      mc_dossier_unref (d);
      return;
    }
  rec = record_new (svc, d);
  rec->seq = ++svc->seq;
  rec->updated_at = now;
  rec->iter = g_sequence_insert_sorted (svc->order, rec, mc_sim_compare_records, (gpointer) svc->klass);
}

static void
other_official_acts (McSim *self)
{
  for (guint tries = 0; tries < 32; tries++)
    {
      McSimService *svc = &self->services[mc_sim_rng_next (&self->rng) % MC_SIM_N_DIALECTS];
      gint n;
      McSimRecord *rec;
      g_autoptr(GArray) actions = NULL;

      if (!(self->dialect_mask & (1u << svc->dialect)) || (n = g_sequence_get_length (svc->order)) == 0)
        continue;
      rec = g_sequence_get (g_sequence_get_iter_at_pos (svc->order, mc_sim_rng_next (&self->rng) % n));
      actions = mc_transition_actions_from (rec->dossier->status);
      if (rec->deleted || actions == NULL || actions->len == 0)
        continue;
      if (mc_sim_apply_status (svc, rec,
                               mc_transition_target (rec->dossier->status,
                                                     g_array_index (actions, McAction, mc_sim_rng_next (&self->rng) % actions->len)),
                               "Cán bộ khác", NULL, NULL))
        return;
    }
}

void
mc_sim_tick_locked (McSim  *self,
                    guint   submissions,
                    guint   actions,
                    gint64  advance_seconds)
{
  self->advanced += MAX (advance_seconds, 0);
  for (guint i = 0; i < submissions; i++)
    add_submission (self, mc_sim_now (self));
  if (!self->replaying && (submissions > 0 || advance_seconds > 0))
    {
      g_autoptr(JsonObject) event = json_object_new ();

      /* New submissions replay from the seeded generator; the other officials' actions are
       * journaled one by one (as "change" events) since they depend on timing. */
      json_object_set_string_member (event, "type", "tick");
      json_object_set_int_member (event, "submissions", submissions);
      json_object_set_int_member (event, "advance", advance_seconds);
      mc_sim_record_event (self, event);
    }
  for (guint i = 0; i < actions; i++)
    other_official_acts (self);
}


/* Building and resetting the state */

static void
service_clear (McSimService *svc)
{
  g_clear_pointer (&svc->order, g_sequence_free);
  g_clear_pointer (&svc->by_remote_id, g_hash_table_unref);
  g_clear_pointer (&svc->by_number, g_hash_table_unref);
  g_clear_pointer (&svc->sessions, g_hash_table_unref);
  g_clear_pointer (&svc->refresh_tokens, g_hash_table_unref);
  g_clear_pointer (&svc->replies, g_hash_table_unref);
  g_clear_pointer (&svc->contents, g_hash_table_unref);
}

static void
build_state (McSim *self)
{
  GPtrArray *lists[MC_SIM_N_DIALECTS] = { NULL };

  self->base_now = mc_time_now ();
  self->started_mono = g_get_monotonic_time ();
  self->advanced = 0;
  self->next_index = self->n_dossiers;
  self->rng = self->seed;
  g_hash_table_remove_all (self->action_counts);

  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      McSimService *svc = &self->services[i];

      service_clear (svc);
      svc->sim = self;
      svc->dialect = i;
      svc->klass = dialect_classes[i];
      svc->order = g_sequence_new ((GDestroyNotify) record_free);
      svc->by_number = g_hash_table_new (g_str_hash, g_str_equal);
      svc->by_remote_id = g_hash_table_new (g_str_hash, g_str_equal);
      svc->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      svc->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      svc->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) reply_free);
      svc->contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
      svc->seq = svc->oldest_seq = svc->numbers = svc->uploads = 0;
      svc->rng = self->seed ^ (i + 1);
      lists[i] = g_ptr_array_new ();
    }

  /* The sample of the ministries served: a simulator of one ministry serves that ministry's
   * n dossiers, one of all five the commune's whole work (the same as init-sample's). */
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) ministries = NULL;

    for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
      if (self->dialect_mask & (1u << i))
        {
          g_autofree char *ministry = g_ascii_strup (dialect_classes[i]->source_id, -1);

          g_strv_builder_add (builder, ministry);
        }
    ministries = g_strv_builder_end (builder);
    g_clear_pointer (&self->plan, mc_sample_free);
    self->plan = mc_sample_new_for (self->seed, self->n_dossiers, self->base_now,
                                    self->dialect_mask == MC_SIM_ALL_DIALECTS ? NULL : (const char *const *) ministries);
  }
  for (guint64 index = 0; index < self->n_dossiers; index++)
    {
      McDossier *d = mc_sample_make (self->plan, index);
      McSimDialect dialect;

      if (!mc_sim_dialect_from_name (d->source_id, &dialect) || !(self->dialect_mask & (1u << dialect)))
        {
          mc_dossier_unref (d);
          continue;
        }
      mc_sim_sample_files (d);
      g_ptr_array_add (lists[dialect], record_new (&self->services[dialect], d));
    }
  /* Sequence numbers follow the update times, so both pull orders agree on the initial data. */
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      McSimService *svc = &self->services[i];

      g_ptr_array_sort (lists[i], compare_records_qsort);
      for (guint k = 0; k < lists[i]->len; k++)
        {
          McSimRecord *rec = g_ptr_array_index (lists[i], k);

          rec->seq = ++svc->seq;
          rec->iter = g_sequence_append (svc->order, rec);
        }
      g_ptr_array_unref (lists[i]);
    }
}

static void
replay_events (McSim     *self,
               JsonArray *events)
{
  self->replaying = TRUE;
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);
      const char *type = e ? mc_sim_object_string (e, "type") : NULL;
      McSimDialect dialect;
      McSimRecord *rec;

      if (type == NULL)
        continue;
      /* Replayed changes happen at the time they first happened. */
      self->advanced += MAX (0, mc_sim_object_int (e, "at", 0) - mc_sim_now (self));
      if (g_str_equal (type, "tick"))
        mc_sim_tick_locked (self, mc_sim_object_int (e, "submissions", 0), 0, 0);
      else if (mc_sim_dialect_from_name (mc_sim_object_string (e, "dialect"), &dialect)
               && mc_sim_service (self, dialect)
               && (rec = mc_sim_service_lookup (&self->services[dialect], mc_sim_object_string (e, "number"))))
        {
          if (g_str_equal (type, "change"))
            mc_sim_apply_status (&self->services[dialect], rec, mc_sim_object_int (e, "status", 0),
                                 mc_sim_object_string (e, "actor"), mc_sim_object_string (e, "note"),
                                 mc_sim_object_string (e, "key"));
          else if (g_str_equal (type, "upload"))
            mc_sim_replay_upload (&self->services[dialect], rec, e);
          else if (g_str_equal (type, "delete"))
            mc_sim_delete_locked (&self->services[dialect], rec);
        }
      json_array_add_object_element (self->events, json_object_ref (e));
    }
  self->replaying = FALSE;
}

void
mc_sim_reset_locked (McSim *self)
{
  g_clear_pointer (&self->events, json_array_unref);
  self->events = json_array_new ();
  build_state (self);
  if (self->state_file)
    g_unlink (self->state_file);
}

static void
load_state (McSim *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *events;

  build_state (self);
  if (self->state_file == NULL || !g_file_test (self->state_file, G_FILE_TEST_EXISTS))
    return;
  if (!json_parser_load_from_file (parser, self->state_file, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_warning ("Ignoring an unreadable simulator state file %s", self->state_file);
      return;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  events = json_object_get_array_member (root, "events");
  if (events != NULL)
    replay_events (self, events);
}

/* GObject */

static void
mc_sim_finalize (GObject *object)
{
  McSim *self = MC_SIM (object);

  mc_sim_stop (self);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      service_clear (&self->services[i]);
      g_clear_pointer (&self->services[i].faults.endpoint_errors, g_hash_table_unref);
    }
  g_clear_pointer (&self->action_counts, g_hash_table_unref);
  g_clear_pointer (&self->events, json_array_unref);
  g_clear_pointer (&self->plan, mc_sample_free);
  g_free (self->state_file);
  g_free (self->password);
  g_clear_object (&self->tls_certificate);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (mc_sim_parent_class)->finalize (object);
}

static void
mc_sim_class_init (McSimClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_sim_finalize;
}

static void
mc_sim_init (McSim *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->password = g_strdup (MC_SIM_DEFAULT_PASSWORD);
  self->action_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->events = json_array_new ();
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      self->services[i].faults.token_ttl = 3600;
      self->services[i].faults.retry_after = 2;
      self->services[i].faults.late_commit_ms = 3000;
    }
}

/* Creates the simulator with its state (generated, then the state file's journal replayed
 * when mc_sim_set_state_file() is called); nothing listens until mc_sim_start(). */
McSim *
mc_sim_new (guint64 seed,
            guint   n_dossiers,
            guint   dialect_mask)
{
  McSim *self = g_object_new (MC_TYPE_SIM, NULL);

  self->seed = seed;
  self->n_dossiers = n_dossiers;
  self->dialect_mask = dialect_mask & MC_SIM_ALL_DIALECTS;
  build_state (self);
  return self;
}

void
mc_sim_set_state_file (McSim      *self,
                       const char *path)
{
  g_return_if_fail (self->thread == NULL);
  g_free (self->state_file);
  self->state_file = g_strdup (path);
  g_clear_pointer (&self->events, json_array_unref);
  self->events = json_array_new ();
  load_state (self);
}

void
mc_sim_set_password (McSim      *self,
                     const char *password)
{
  g_free (self->password);
  self->password = g_strdup (password);
}

void
mc_sim_set_tls_certificate (McSim           *self,
                            GTlsCertificate *certificate)
{
  g_return_if_fail (self->thread == NULL);
  g_set_object (&self->tls_certificate, certificate);
}

void
mc_sim_set_activity (McSim *self,
                     guint  interval_seconds)
{
  g_return_if_fail (self->thread == NULL);
  self->activity_interval = interval_seconds;
}
