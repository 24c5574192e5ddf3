/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mc-fold.h"
#include "mc-store-audit.h"
#include "mc-store-outbox.h"
#include "mc-time.h"
#include "mc-training-exercises.h"

/* The exercises of a training session: what a trainee practises at a one-stop shop, each with
 * its goal, its steps and a check read from the training profile — its store and audit log —
 * so that "done" means done, not clicked. What the store cannot tell is noted here as it
 * happens: the forms printed (the print job's name), and when the trainer cut and restored a
 * ministry's connection. Progress lives beside the profile (training-progress.json) and goes
 * with it when the sandbox is reset; once done, an exercise stays done. */

#define PROGRESS_FILE "training-progress.json"

struct _McTrainingExercises
{
  GObject parent_instance;

  char *path;
  gint64 done[MC_EXERCISE_N];  /* when it was found done; 0 = not yet */
  JsonArray *printed;          /* {"form", "number", "at"} */
  JsonArray *outages;          /* {"source", "from", "to"} (to 0 while cut) */
  gint64 target_id;            /* the dossier to find without diacritics; 0 = not chosen yet */
  char *target_name;
};

G_DEFINE_FINAL_TYPE (McTrainingExercises, mc_training_exercises, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS,
};
static guint signals[N_SIGNALS];

static const struct {
  const char *id;
  const char *title;
  const char *goal;
  const char *steps[4];
} exercises[MC_EXERCISE_N] = {
  [MC_EXERCISE_RECEIVE] = { "receive", N_("Receive a Dossier at the Counter"),
    N_("A citizen brings a dossier to the counter: receive it and hand over the receipt with the date the result is due."),
    { N_("Click “Receive a New Dossier” (Ctrl+N)."),
      N_("Choose the procedure, type the applicant's name and ID number, and tick the documents handed in."),
      N_("Receive it, then print the receipt when Một Cửa offers it.") } },
  [MC_EXERCISE_SUPPLEMENT] = { "supplement", N_("Ask for a Supplement"),
    N_("A dossier lacks a document: ask the applicant for every missing item at once."),
    { N_("Open a dossier that is being processed."),
      N_("Choose “Request supplement” and list every missing item."),
      N_("Save: the dossier's deadline stops until the supplement arrives.") } },
  [MC_EXERCISE_FORWARD_RESOLVE] = { "forward-resolve", N_("Forward and Resolve"),
    N_("Take a received dossier through processing to its result."),
    { N_("Open a received dossier (the one you received at the counter, for instance)."),
      N_("Choose “Forward for processing”."),
      N_("Then choose “Resolve” and enter the result with its number.") } },
  [MC_EXERCISE_RETURN] = { "return", N_("Return the Result"),
    N_("The applicant comes for the result: hand it over and record how."),
    { N_("Open the view of results ready to return."),
      N_("Choose a dossier, then “Return result”."),
      N_("Say how it was returned: in person, online or by post.") } },
  [MC_EXERCISE_OUTAGE] = { "outage", N_("Work Through an Outage"),
    N_("A ministry system is down: keep working; Một Cửa sends your action when it is back."),
    { N_("Ask the trainer to cut the connection to one ministry system."),
      N_("While it is cut, take an action on a dossier of that ministry: it waits in the outbox."),
      N_("When the trainer restores the connection, watch the action leave the outbox.") } },
  [MC_EXERCISE_CONFLICT] = { "conflict", N_("Settle a Conflict"),
    N_("Another official changed a dossier you acted on: decide what becomes of your action."),
    { N_("Ask the trainer to cut a ministry's connection, then act on one of its dossiers."),
      N_("Ask the trainer to have another official edit that same dossier, then restore the connection."),
      N_("Open “Needs Review” and re-apply or drop your action.") } },
  [MC_EXERCISE_RESCHEDULE] = { "reschedule", N_("Reschedule with an Apology"),
    N_("A dossier will be late: set a new date and print the letter of apology."),
    { N_("Open a dossier being processed that is due soon or overdue."),
      N_("Choose “Reschedule with apology”, give the reason and the new date."),
      N_("Print the letter of apology when Một Cửa offers it.") } },
  [MC_EXERCISE_SEARCH] = { "search", N_("Find a Dossier Without Diacritics"),
    N_("A citizen gives their name at the counter: find their dossier, typing the name without diacritics."),
    /* The name is filled in once the dossier is chosen (mc_training_exercises_get_steps). */
    { NULL } },
};

/* Progress */

static void
save (McTrainingExercises *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "done");
  json_builder_begin_object (b);
  for (guint i = 0; i < MC_EXERCISE_N; i++)
    if (self->done[i] != 0)
      {
        json_builder_set_member_name (b, exercises[i].id);
        json_builder_add_int_value (b, self->done[i]);
      }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "target_id");
  json_builder_add_int_value (b, self->target_id);
  json_builder_set_member_name (b, "target_name");
  json_builder_add_string_value (b, self->target_name ? self->target_name : "");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_object_set_array_member (json_node_get_object (root), "printed", json_array_ref (self->printed));
  json_object_set_array_member (json_node_get_object (root), "outages", json_array_ref (self->outages));
  text = json_to_string (root, TRUE);
  if (!g_file_set_contents (self->path, text, -1, &error))
    g_warning ("Cannot keep the training progress: %s", error->message);
}

static void
load (McTrainingExercises *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *done;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    return;
  if (!json_parser_load_from_file (parser, self->path, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_warning ("Ignoring unreadable training progress in %s", self->path);
      return;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  done = json_object_get_object_member (root, "done");
  for (guint i = 0; done != NULL && i < MC_EXERCISE_N; i++)
    self->done[i] = json_object_get_int_member_with_default (done, exercises[i].id, 0);
  self->target_id = json_object_get_int_member_with_default (root, "target_id", 0);
  self->target_name = g_strdup (json_object_get_string_member_with_default (root, "target_name", ""));
  if (json_object_get_array_member (root, "printed") != NULL)
    {
      json_array_unref (self->printed);
      self->printed = json_array_ref (json_object_get_array_member (root, "printed"));
    }
  if (json_object_get_array_member (root, "outages") != NULL)
    {
      json_array_unref (self->outages);
      self->outages = json_array_ref (json_object_get_array_member (root, "outages"));
    }
}

/* The checks */

/* An action of the trainee's (queued: every action of the official is), from @from to @to. */
static gboolean
has_action (GPtrArray  *audit,
            const char *action,
            gint64      from,
            gint64      to)
{
  for (guint i = 0; i < audit->len; i++)
    {
      McAuditRecord *r = g_ptr_array_index (audit, i);

      if (g_str_equal (r->action, action) && g_strcmp0 (r->outcome, "queued") == 0 && r->at >= from && r->at <= to)
        return TRUE;
    }
  return FALSE;
}

/* An action of @action, then the printing of @form (the form it calls for). */
static gboolean
action_then_printed (McTrainingExercises *self,
                     GPtrArray           *audit,
                     const char          *action,
                     const char          *form)
{
  for (guint i = 0; i < json_array_get_length (self->printed); i++)
    {
      JsonObject *p = json_array_get_object_element (self->printed, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (p, "form", ""), form) == 0
          && has_action (audit, action, 0, json_object_get_int_member_with_default (p, "at", 0)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
forwarded_then_resolved (GPtrArray *audit)
{
  for (guint i = 0; i < audit->len; i++)
    {
      McAuditRecord *f = g_ptr_array_index (audit, i);

      if (!g_str_equal (f->action, "forward") || g_strcmp0 (f->outcome, "queued") != 0)
        continue;
      for (guint k = i + 1; k < audit->len; k++)
        {
          McAuditRecord *r = g_ptr_array_index (audit, k);

          if (r->dossier_id == f->dossier_id && g_str_equal (r->action, "resolve") && g_strcmp0 (r->outcome, "queued") == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* An action taken while its ministry was cut off, sent once the connection was back. */
static gboolean
sent_after_outage (McTrainingExercises  *self,
                   McStore              *store,
                   GError              **error)
{
  for (guint i = 0; i < json_array_get_length (self->outages); i++)
    {
      JsonObject *o = json_array_get_object_element (self->outages, i);
      gint64 from = json_object_get_int_member_with_default (o, "from", 0);
      gint64 to = json_object_get_int_member_with_default (o, "to", 0);
      McOutboxFilter filter = { .source_id = json_object_get_string_member_with_default (o, "source", ""),
                                .state = MC_OUTBOX_DONE };
      g_autoptr(GPtrArray) sent = NULL;

      if (to == 0)
        continue;
      if (!(sent = mc_store_outbox_list (store, &filter, error)))
        return FALSE;
      for (guint k = 0; k < sent->len; k++)
        {
          McOutboxEntry *e = g_ptr_array_index (sent, k);

          if (e->created_at >= from && e->created_at <= to)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
settled_conflict (GPtrArray *audit)
{
  for (guint i = 0; i < audit->len; i++)
    {
      McAuditRecord *r = g_ptr_array_index (audit, i);

      if (g_strcmp0 (r->outcome, "reapplied") == 0 || g_strcmp0 (r->outcome, "discarded") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
acted_on_target (McTrainingExercises *self,
                 GPtrArray           *audit)
{
  for (guint i = 0; self->target_id != 0 && i < audit->len; i++)
    {
      McAuditRecord *r = g_ptr_array_index (audit, i);

      if (r->dossier_id == self->target_id && g_strcmp0 (r->outcome, "queued") == 0)
        return TRUE;
    }
  return FALSE;
}

/* The dossier the search exercise asks for: one being processed, of a citizen whose name
 * has diacritics and is the only one of its kind, so that typing it plainly finds exactly it. */
static gboolean
choose_target (McTrainingExercises  *self,
               McStore              *store,
               GError              **error)
{
  McStoreFilter filter = { .status = MC_STATUS_PROCESSING };
  g_autoptr(GArray) ids = mc_store_list (store, &filter, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(McDossier) d = mc_store_get_dossier (store, g_array_index (ids, gint64, i), error);
      g_autofree char *folded = NULL, *lower = NULL;
      g_autoptr(GArray) hits = NULL;

      if (d == NULL)
        return FALSE;
      if (d->applicant_kind != MC_APPLICANT_CITIZEN)
        continue;
      folded = mc_fold_text (d->applicant_name);
      lower = g_utf8_strdown (d->applicant_name, -1);
      if (g_str_equal (folded, lower) || !(hits = mc_store_search (store, folded, 2, error)))
        continue;
      if (hits->len == 1 && g_array_index (hits, gint64, 0) == d->id)
        {
          self->target_id = d->id;
          g_free (self->target_name);
          self->target_name = g_strdup (d->applicant_name);
          return TRUE;
        }
    }
  return TRUE;
}

static gboolean
check (McTrainingExercises  *self,
       McExercise            exercise,
       McStore              *store,
       GPtrArray            *audit,
       gboolean             *out_done,
       GError              **error)
{
  switch (exercise)
    {
    case MC_EXERCISE_RECEIVE:
      *out_done = action_then_printed (self, audit, "receive-new", "receipt");
      return TRUE;
    case MC_EXERCISE_SUPPLEMENT:
      *out_done = has_action (audit, "request-supplement", 0, G_MAXINT64);
      return TRUE;
    case MC_EXERCISE_FORWARD_RESOLVE:
      *out_done = forwarded_then_resolved (audit);
      return TRUE;
    case MC_EXERCISE_RETURN:
      *out_done = has_action (audit, "return-result", 0, G_MAXINT64);
      return TRUE;
    case MC_EXERCISE_OUTAGE:
      *out_done = sent_after_outage (self, store, error);
      return error == NULL || *error == NULL;
    case MC_EXERCISE_CONFLICT:
      *out_done = settled_conflict (audit);
      return TRUE;
    case MC_EXERCISE_RESCHEDULE:
      *out_done = action_then_printed (self, audit, "reschedule", "apology");
      return TRUE;
    case MC_EXERCISE_SEARCH:
      *out_done = acted_on_target (self, audit);
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Looks at the profile again: the exercises newly done are marked so (and stay so), and
 * "changed" tells the panel. */
gboolean
mc_training_exercises_refresh (McTrainingExercises  *self,
                               McStore              *store,
                               GError              **error)
{
  g_autoptr(GPtrArray) audit = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (MC_IS_TRAINING_EXERCISES (self), FALSE);

  if (self->target_id == 0)
    {
      if (!choose_target (self, store, error))
        return FALSE;
      changed = self->target_id != 0;
    }
  if (!(audit = mc_store_audit_list (store, NULL, NULL, error)))
    return FALSE;
  for (McExercise e = 0; e < MC_EXERCISE_N; e++)
    {
      gboolean done = FALSE;

      if (self->done[e] != 0)
        continue;
      if (!check (self, e, store, audit, &done, error))
        return FALSE;
      if (done)
        {
          self->done[e] = mc_time_now ();
          changed = TRUE;
        }
    }
  if (changed)
    {
      save (self);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  return TRUE;
}

/* What happened outside the store */

/* A form was printed (@form_id as mc_print_form_id() names it, for dossier @number). */
void
mc_training_exercises_note_printed (McTrainingExercises *self,
                                    const char          *form_id,
                                    const char          *number)
{
  JsonObject *p = json_object_new ();

  g_return_if_fail (MC_IS_TRAINING_EXERCISES (self));
  json_object_set_string_member (p, "form", form_id);
  json_object_set_string_member (p, "number", number ? number : "");
  json_object_set_int_member (p, "at", mc_time_now ());
  json_array_add_object_element (self->printed, p);
  save (self);
}

/* The trainer cut (@connected FALSE) or restored a ministry's connection. */
void
mc_training_exercises_note_connection (McTrainingExercises *self,
                                       const char          *source_id,
                                       gboolean             connected)
{
  guint n = json_array_get_length (self->outages);
  JsonObject *last_open = NULL;

  g_return_if_fail (MC_IS_TRAINING_EXERCISES (self));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *o = json_array_get_object_element (self->outages, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "source", ""), source_id) == 0
          && json_object_get_int_member_with_default (o, "to", 0) == 0)
        last_open = o;
    }
  if (!connected && last_open == NULL)
    {
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "source", source_id);
      json_object_set_int_member (o, "from", mc_time_now ());
      json_object_set_int_member (o, "to", 0);
      json_array_add_object_element (self->outages, o);
    }
  else if (connected && last_open != NULL)
    json_object_set_int_member (last_open, "to", mc_time_now ());
  else
    return;
  save (self);
}

/* Forgets everything: a new sandbox (the file went with the old profile). */
void
mc_training_exercises_reset (McTrainingExercises *self)
{
  g_return_if_fail (MC_IS_TRAINING_EXERCISES (self));
  memset (self->done, 0, sizeof self->done);
  json_array_unref (self->printed);
  json_array_unref (self->outages);
  self->printed = json_array_new ();
  self->outages = json_array_new ();
  self->target_id = 0;
  g_clear_pointer (&self->target_name, g_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* What the panel shows */

const char *
mc_training_exercises_get_title (McTrainingExercises *self,
                                 McExercise           exercise)
{
  g_return_val_if_fail (exercise < MC_EXERCISE_N, NULL);
  return _(exercises[exercise].title);
}

const char *
mc_training_exercises_get_goal (McTrainingExercises *self,
                                McExercise           exercise)
{
  g_return_val_if_fail (exercise < MC_EXERCISE_N, NULL);
  return _(exercises[exercise].goal);
}

/* The search's steps name the dossier it chose (at the first refresh after the first sync). */
static void
search_steps (McTrainingExercises *self,
              GStrvBuilder        *builder)
{
  g_autofree char *plain = NULL, *type = NULL, *open = NULL;

  if (self->target_name == NULL || *self->target_name == '\0')
    {
      g_strv_builder_add (builder, _("Wait for the first sync: the exercise picks a dossier being processed."));
      return;
    }
  plain = mc_fold_text (self->target_name);
  /* TRANSLATORS: %s is a name without diacritics, as typed: “nguyen thi hang” */
  type = g_strdup_printf (_("Type “%s” in the search box, without diacritics."), plain);
  /* TRANSLATORS: %s is the citizen's name as written: “Nguyễn Thị Hằng” */
  open = g_strdup_printf (_("Open the dossier of %s."), self->target_name);
  g_strv_builder_add (builder, type);
  g_strv_builder_add (builder, open);
  g_strv_builder_add (builder, _("Record a processing step on it."));
}

/* Returns: (transfer full): the steps, translated. */
GStrv
mc_training_exercises_get_steps (McTrainingExercises *self,
                                 McExercise           exercise)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (MC_IS_TRAINING_EXERCISES (self), NULL);
  g_return_val_if_fail (exercise < MC_EXERCISE_N, NULL);

  if (exercise == MC_EXERCISE_SEARCH)
    search_steps (self, builder);
  for (guint i = 0; i < G_N_ELEMENTS (exercises[exercise].steps) && exercises[exercise].steps[i]; i++)
    g_strv_builder_add (builder, _(exercises[exercise].steps[i]));
  return g_strv_builder_end (builder);
}

gboolean
mc_training_exercises_is_done (McTrainingExercises *self,
                               McExercise           exercise)
{
  g_return_val_if_fail (MC_IS_TRAINING_EXERCISES (self), FALSE);
  g_return_val_if_fail (exercise < MC_EXERCISE_N, FALSE);
  return self->done[exercise] != 0;
}

guint
mc_training_exercises_count_done (McTrainingExercises *self)
{
  guint n = 0;

  g_return_val_if_fail (MC_IS_TRAINING_EXERCISES (self), 0);
  for (guint i = 0; i < MC_EXERCISE_N; i++)
    n += self->done[i] != 0;
  return n;
}

/* GObject */

static void
mc_training_exercises_finalize (GObject *object)
{
  McTrainingExercises *self = MC_TRAINING_EXERCISES (object);

  g_free (self->path);
  g_free (self->target_name);
  g_clear_pointer (&self->printed, json_array_unref);
  g_clear_pointer (&self->outages, json_array_unref);
  G_OBJECT_CLASS (mc_training_exercises_parent_class)->finalize (object);
}

static void
mc_training_exercises_class_init (McTrainingExercisesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_training_exercises_finalize;

  /* McTrainingExercises::changed: an exercise was done, or the steps changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mc_training_exercises_init (McTrainingExercises *self)
{
  self->printed = json_array_new ();
  self->outages = json_array_new ();
}

/* The exercises of the training profile in @profile_dir, with the progress kept there. */
McTrainingExercises *
mc_training_exercises_new (const char *profile_dir)
{
  McTrainingExercises *self = g_object_new (MC_TYPE_TRAINING_EXERCISES, NULL);

  self->path = g_build_filename (profile_dir, PROGRESS_FILE, NULL);
  load (self);
  return self;
}
