/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mc-sample.h"
#include "mc-store.h"
#include "mc-store-settings.h"
#include "mc-training.h"
#include "mc-training-exercises.h"

/* Training mode: a profile of its own (never the official's), the five ministry systems
 * simulated in this process on loopback from the same sample seed, and the trainer's fault
 * controls over them. The profile keeps "sim:…" addresses; the simulator's real ports are
 * resolved at each start (mc-sync-setup.c). The simulator keeps its changes in a journal
 * beside the profile, so a restarted session finds the same ministry systems. */

#define STATE_FILE "simulator.json"
#define PROGRESS_FILE "training-progress.json"
/* Kept across sandbox resets: the introduction is for a first start, not for each new sandbox. */
#define INTRO_FILE "training-introduced"

struct _McTraining
{
  GObject parent_instance;

  char *profile_dir;
  McSim *sim;
  McSyncEngine *engine;
  McTrainingExercises *exercises;
  GHashTable *cut;        /* source ids whose connection is cut */
  GHashTable *failing;    /* source id → 1 in N requests failing (guint N) */
};

G_DEFINE_FINAL_TYPE (McTraining, mc_training, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS,
};
static guint signals[N_SIGNALS];

static gboolean
control (McTraining  *self,
         const char  *command,
         GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (4, 5);

static gboolean
control (McTraining  *self,
         const char  *command,
         GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *args = NULL;
  g_autoptr(JsonNode) result = NULL;
  va_list ap;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);
  result = mc_sim_control (self->sim, command, args, error);
  return result != NULL;
}

/* Source ids are short ASCII keys ("g09"), safe inside the JSON the controls take. */
static gboolean
is_training_source (const char *source_id)
{
  McSimDialect dialect;

  return source_id != NULL && g_str_is_ascii (source_id) && strchr (source_id, '"') == NULL
         && mc_sim_dialect_from_name (source_id, &dialect);
}

static gboolean
check_source (const char  *source_id,
              GError     **error)
{
  if (is_training_source (source_id))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("No training ministry system “%s”"),
               source_id ? source_id : "");
  return FALSE;
}

/* The trainer's change is seen at once: the engine tries that ministry now, as its timer or
 * a returning network would a little later. */
static void
poke (McTraining *self,
      const char *source_id)
{
  g_signal_emit (self, signals[CHANGED], 0, source_id);
  if (self->engine != NULL)
    mc_sync_engine_sync_now (self->engine, source_id);
}

McTraining *
mc_training_new (const char *profile_dir)
{
  McTraining *self = g_object_new (MC_TYPE_TRAINING, NULL);

  self->profile_dir = g_strdup (profile_dir);
  return self;
}

const char *
mc_training_get_profile_dir (McTraining *self)
{
  g_return_val_if_fail (MC_IS_TRAINING (self), NULL);
  return self->profile_dir;
}

McSim *
mc_training_get_sim (McTraining *self)
{
  g_return_val_if_fail (MC_IS_TRAINING (self), NULL);
  return self->sim;
}

/* Creates the profile with the five sample ministry systems when it is not there (the
 * dossiers come from the first sync, as from real ministry systems), and the office of the
 * sample's commune: the forms it prints name that commune, its unit and its official. */
static gboolean
ensure_profile (McTraining  *self,
                GError     **error)
{
  g_autofree char *path = mc_store_profile_path (self->profile_dir);
  g_autoptr(McStore) store = mc_store_open (path, MC_STORE_OPEN_CREATE, error);

  /* TRANSLATORS: who set the training profile's office settings, in its audit log */
  return store != NULL && mc_store_add_sample_profile (store, MC_SAMPLE_DEFAULT_SEED, _("Training"), error);
}

/* New online submissions arrive and other officials act every so often, as in a real office;
 * MC_TRAINING_ACTIVITY (seconds, 0 = never) changes the pace, for demonstrations and tests. */
static guint
activity_interval (void)
{
  const char *env = g_getenv ("MC_TRAINING_ACTIVITY");

  return env ? (guint) g_ascii_strtoull (env, NULL, 10) : 600;
}

/* MC_TRAINING_DOSSIERS serves another number of dossiers (a large office, the 100,000-dossier
 * responsiveness check); the default is MC_TRAINING_DOSSIERS. */
static guint
n_dossiers (void)
{
  const char *env = g_getenv ("MC_TRAINING_DOSSIERS");

  return env ? (guint) g_ascii_strtoull (env, NULL, 10) : MC_TRAINING_DOSSIERS;
}

gboolean
mc_training_start (McTraining  *self,
                   GError     **error)
{
  g_autofree char *state = NULL;

  g_return_val_if_fail (MC_IS_TRAINING (self), FALSE);
  g_return_val_if_fail (self->sim == NULL, FALSE);

  if (!ensure_profile (self, error))
    return FALSE;
  self->exercises = mc_training_exercises_new (self->profile_dir);
  state = g_build_filename (self->profile_dir, STATE_FILE, NULL);
  self->sim = mc_sim_new (MC_SAMPLE_DEFAULT_SEED, n_dossiers (), MC_SIM_ALL_DIALECTS);
  mc_sim_set_state_file (self->sim, state);
  mc_sim_set_activity (self->sim, activity_interval ());
  if (!mc_sim_start (self->sim, 0, error))
    {
      g_clear_object (&self->sim);
      return FALSE;
    }
  return TRUE;
}

void
mc_training_set_engine (McTraining   *self,
                        McSyncEngine *engine)
{
  g_return_if_fail (MC_IS_TRAINING (self));
  g_set_object (&self->engine, engine);
}

gboolean
mc_training_get_connected (McTraining *self,
                           const char *source_id)
{
  g_return_val_if_fail (MC_IS_TRAINING (self), FALSE);
  return !g_hash_table_contains (self->cut, source_id);
}

/* Cutting a connection closes the ministry's port: connections are refused, as when its
 * system or the line to it is down. */
gboolean
mc_training_set_connected (McTraining  *self,
                           const char  *source_id,
                           gboolean     connected,
                           GError     **error)
{
  g_return_val_if_fail (MC_IS_TRAINING (self), FALSE);

  if (!check_source (source_id, error)
      || !control (self, "faults", error, "{\"dialect\":\"%s\",\"outage\":%d}", source_id, !connected))
    return FALSE;
  if (connected)
    g_hash_table_remove (self->cut, source_id);
  else
    g_hash_table_add (self->cut, g_strdup (source_id));
  if (self->exercises != NULL)
    mc_training_exercises_note_connection (self->exercises, source_id, connected);
  poke (self, source_id);
  return TRUE;
}

/* How many requests to @source_id it takes for one to fail: 0 when none fails. */
guint
mc_training_get_failing (McTraining *self,
                         const char *source_id)
{
  g_return_val_if_fail (MC_IS_TRAINING (self), 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->failing, source_id));
}

/* One request in @one_in (on average) fails with a server error, as a ministry system with a
 * fault does; 1 makes every request fail, 0 none. */
gboolean
mc_training_set_failing (McTraining  *self,
                         const char  *source_id,
                         guint        one_in,
                         GError     **error)
{
  char rate[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (MC_IS_TRAINING (self), FALSE);

  /* JSON's decimal point whatever the locale: under vi_VN printf writes "0,333333". */
  g_ascii_formatd (rate, sizeof rate, "%.6f", one_in ? 1.0 / one_in : 0.0);
  if (!check_source (source_id, error)
      || !control (self, "faults", error, "{\"dialect\":\"%s\",\"error_rate\":%s}", source_id, rate))
    return FALSE;
  if (one_in > 0)
    g_hash_table_insert (self->failing, g_strdup (source_id), GUINT_TO_POINTER (one_in));
  else
    g_hash_table_remove (self->failing, source_id);
  poke (self, source_id);
  return TRUE;
}

/* The ministry forgets every session: the next request must sign in again, which the
 * connector does by itself. */
gboolean
mc_training_expire_session (McTraining  *self,
                            const char  *source_id,
                            GError     **error)
{
  g_return_val_if_fail (MC_IS_TRAINING (self), FALSE);

  if (!check_source (source_id, error)
      || !control (self, "faults", error, "{\"dialect\":\"%s\",\"expire_sessions\":1}", source_id))
    return FALSE;
  poke (self, source_id);
  return TRUE;
}

/* Another official moves dossier @number on to its next status on the ministry's side: the
 * next sync brings the change, or a conflict with the trainee's own pending action. */
gboolean
mc_training_change_dossier (McTraining  *self,
                            const char  *source_id,
                            const char  *number,
                            McStatus    *out_status,
                            GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) args = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *text = NULL;
  g_autoptr(McDossier) served = NULL;
  g_autoptr(GArray) actions = NULL;
  McStatus target = MC_STATUS_INVALID;
  McSimDialect dialect;

  g_return_val_if_fail (MC_IS_TRAINING (self), FALSE);

  if (!check_source (source_id, error))
    return FALSE;
  /* A visible move: the first next step that changes the status as the ministry has it
   * (forwarding keeps "processing", which a trainee would not notice). */
  mc_sim_dialect_from_name (source_id, &dialect);
  if ((served = mc_sim_get_dossier (self->sim, dialect, number)) != NULL
      && (actions = mc_transition_actions_from (served->status)) != NULL)
    for (guint i = 0; i < actions->len && target == MC_STATUS_INVALID; i++)
      if (mc_transition_target (served->status, g_array_index (actions, McAction, i)) != served->status)
        target = mc_transition_target (served->status, g_array_index (actions, McAction, i));
  /* The number comes from the store: built as JSON, never pasted into it. */
  json_builder_begin_object (b);
  if (target != MC_STATUS_INVALID)
    {
      json_builder_set_member_name (b, "status");
      json_builder_add_int_value (b, target);
    }
  json_builder_set_member_name (b, "dialect");
  json_builder_add_string_value (b, source_id);
  json_builder_set_member_name (b, "number");
  json_builder_add_string_value (b, number);
  json_builder_end_object (b);
  args = json_builder_get_root (b);
  json_generator_set_root (gen, args);
  text = json_generator_to_data (gen, NULL);
  if (!(result = mc_sim_control (self->sim, "change", text, error)))
    return FALSE;
  if (out_status != NULL && JSON_NODE_HOLDS_OBJECT (result))
    *out_status = json_object_get_int_member_with_default (json_node_get_object (result), "status", 0);
  poke (self, source_id);
  return TRUE;
}

static void
remove_profile_files (McTraining *self)
{
  /* With the audit anchors and the damage mark beside the database (mc-store-audit-export.c,
   * mc-store-check.c): a new profile starts a new audit log. */
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal", ".anchors", ".damaged" };
  g_autofree char *path = mc_store_profile_path (self->profile_dir);
  g_autofree char *progress = g_build_filename (self->profile_dir, PROGRESS_FILE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_unlink (progress);
}

/* Back to the starting state: the simulator's data and faults as at first start, and a new
 * training profile. The caller has closed every window on the profile and stopped its sync
 * engine first (connections still open keep reading the removed file, harmlessly). */
gboolean
mc_training_reset_sandbox (McTraining  *self,
                           GError     **error)
{
  g_autoptr(GPtrArray) sources = mc_sample_sources ();

  g_return_val_if_fail (MC_IS_TRAINING (self), FALSE);

  if (!control (self, "reset", error, "{}"))
    return FALSE;
  for (guint i = 0; i < sources->len; i++)
    {
      const char *id = ((McSource *) g_ptr_array_index (sources, i))->id;

      if (!control (self, "faults", error, "{\"dialect\":\"%s\",\"outage\":0,\"error_rate\":0}", id))
        return FALSE;
    }
  g_hash_table_remove_all (self->cut);
  g_hash_table_remove_all (self->failing);
  remove_profile_files (self);
  if (self->exercises != NULL)
    mc_training_exercises_reset (self->exercises);
  if (!ensure_profile (self, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0, NULL);
  return TRUE;
}

/* The exercises of this training profile (NULL until started). */
McTrainingExercises *
mc_training_get_exercises (McTraining *self)
{
  g_return_val_if_fail (MC_IS_TRAINING (self), NULL);
  return self->exercises;
}

/* TRUE the first time it is asked for this training profile's directory (then never again,
 * sandbox resets included): when the introduction to training is shown. */
gboolean
mc_training_take_first_start (McTraining *self)
{
  g_autofree char *marker = NULL;

  g_return_val_if_fail (MC_IS_TRAINING (self), FALSE);
  marker = g_build_filename (self->profile_dir, INTRO_FILE, NULL);
  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    return FALSE;
  if (!g_file_set_contents (marker, "", 0, NULL))
    g_warning ("Cannot write %s", marker);
  return TRUE;
}

static void
mc_training_dispose (GObject *object)
{
  McTraining *self = MC_TRAINING (object);

  g_clear_object (&self->exercises);
  g_clear_object (&self->engine);
  if (self->sim != NULL)
    mc_sim_stop (self->sim);
  g_clear_object (&self->sim);
  G_OBJECT_CLASS (mc_training_parent_class)->dispose (object);
}

static void
mc_training_finalize (GObject *object)
{
  McTraining *self = MC_TRAINING (object);

  g_clear_pointer (&self->cut, g_hash_table_unref);
  g_clear_pointer (&self->failing, g_hash_table_unref);
  g_free (self->profile_dir);
  G_OBJECT_CLASS (mc_training_parent_class)->finalize (object);
}

static void
mc_training_class_init (McTrainingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_training_dispose;
  object_class->finalize = mc_training_finalize;

  /* McTraining::changed: a fault of one source (its id) or, with NULL, of every source. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
mc_training_init (McTraining *self)
{
  self->cut = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->failing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
