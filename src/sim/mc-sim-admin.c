/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-sim-private.h"

/* The simulator's control surface: the admin endpoint (POST /admin/COMMAND with a JSON
 * object) and mc_sim_control() run the same commands, in the simulator's thread; and the
 * snapshots that tests, the benchmark and the trainer panel read from other threads. */

static McSimService *
service_arg (McSim       *self,
             JsonObject  *args,
             GError     **error)
{
  const char *name = mc_sim_object_string (args, "dialect");
  McSimDialect dialect;
  McSimService *svc;

  if (!mc_sim_dialect_from_name (name, &dialect) || !(svc = mc_sim_service (self, dialect)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“dialect” must name a dialect this simulator serves, not “%s”", name ? name : "");
      return NULL;
    }
  return svc;
}

static gboolean
has (JsonObject *args,
     const char *member)
{
  return json_object_has_member (args, member);
}

static double
double_arg (JsonObject *args,
            const char *member)
{
  JsonNode *node = json_object_get_member (args, member);

  return JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : 0;
}

static JsonNode *
faults (McSim       *self,
        JsonObject  *args,
        GError     **error)
{
  McSimService *svc = service_arg (self, args, error);
  McSimFaults *f;

  if (svc == NULL)
    return NULL;
  f = &svc->faults;
  if (has (args, "latency_ms"))
    f->latency_ms = mc_sim_object_int (args, "latency_ms", 0);
  if (has (args, "error_rate"))
    f->error_rate = double_arg (args, "error_rate");
  if (has (args, "endpoint_errors"))
    {
      JsonObject *rates = json_object_get_object_member (args, "endpoint_errors");
      g_autoptr(GList) members = rates ? json_object_get_members (rates) : NULL;

      g_clear_pointer (&f->endpoint_errors, g_hash_table_unref);
      f->endpoint_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (GList *l = members; l; l = l->next)
        {
          double *rate = g_new (double, 1);

          *rate = double_arg (rates, l->data);
          g_hash_table_insert (f->endpoint_errors, g_strdup (l->data), rate);
        }
    }
  if (has (args, "reset_after_commit"))
    f->reset_after_commit = mc_sim_object_int (args, "reset_after_commit", 0);
  if (has (args, "truncate"))
    f->truncate = mc_sim_object_int (args, "truncate", 0);
  if (has (args, "rate_limit"))
    f->rate_limit = mc_sim_object_int (args, "rate_limit", 0);
  if (has (args, "retry_after"))
    f->retry_after = mc_sim_object_int (args, "retry_after", 2);
  if (has (args, "html_login"))
    f->html_login = mc_sim_object_int (args, "html_login", 0);
  if (has (args, "late_commit"))
    f->late_commit = mc_sim_object_int (args, "late_commit", 0);
  if (has (args, "late_commit_ms"))
    f->late_commit_ms = mc_sim_object_int (args, "late_commit_ms", 3000);
  if (has (args, "late_commit_held"))
    f->late_commit_held = mc_sim_object_int (args, "late_commit_held", 0) != 0;
  if (has (args, "hang"))
    f->hang = mc_sim_object_int (args, "hang", 0);
  if (has (args, "update_time") || has (args, "spec_fields"))
    {
      /* The rendered items change with them. */
      if (has (args, "update_time"))
        f->update_time = mc_sim_object_int (args, "update_time", 0) != 0;
      if (has (args, "spec_fields"))
        f->spec_fields = mc_sim_object_int (args, "spec_fields", 0) != 0;
      for (GSequenceIter *it = g_sequence_get_begin_iter (svc->order); !g_sequence_iter_is_end (it);
           it = g_sequence_iter_next (it))
        g_clear_pointer (&((McSimRecord *) g_sequence_get (it))->cache, g_free);
    }
  if (has (args, "token_ttl"))
    f->token_ttl = mc_sim_object_int (args, "token_ttl", 3600);
  if (has (args, "corrupt"))
    {
      f->corrupt = mc_sim_corrupt_from_name (mc_sim_object_string (args, "corrupt"));
      f->corrupt_count = mc_sim_object_int (args, "count", 1);
    }
  if (mc_sim_object_int (args, "expire_sessions", 0))
    {
      g_hash_table_remove_all (svc->sessions);
      g_hash_table_remove_all (svc->refresh_tokens);
    }
  /* Every cursor handed out so far expires: the next pull with one gets 410. */
  if (mc_sim_object_int (args, "expire_cursors", 0))
    mc_sim_compact_locked (svc);
  if (has (args, "outage"))
    mc_sim_set_outage (self, svc->dialect, mc_sim_object_int (args, "outage", 0));
  return json_node_init_boolean (json_node_alloc (), TRUE);
}

static JsonNode *
change (McSim       *self,
        JsonObject  *args,
        gboolean     delete,
        GError     **error)
{
  McSimService *svc = service_arg (self, args, error);
  const char *number = mc_sim_object_string (args, "number");
  McSimRecord *rec;
  McStatus target;
  g_autoptr(JsonBuilder) b = NULL;

  if (svc == NULL)
    return NULL;
  if ((rec = mc_sim_service_lookup (svc, number)) == NULL || rec->deleted)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No dossier “%s” in %s", number ? number : "",
                   svc->klass->name);
      return NULL;
    }
  if (delete)
    {
      g_autoptr(JsonObject) event = mc_sim_service_event (svc, "delete", number);

      mc_sim_delete_locked (svc, rec);
      mc_sim_record_event (self, event);
      return json_node_init_boolean (json_node_alloc (), TRUE);
    }

  target = mc_sim_object_int (args, "status", 0);
  if (target == MC_STATUS_INVALID)
    {
      /* Any allowed move: what another official would do next. */
      g_autoptr(GArray) actions = mc_transition_actions_from (rec->dossier->status);

      if (actions && actions->len > 0)
        target = mc_transition_target (rec->dossier->status, g_array_index (actions, McAction, 0));
    }
  if (!mc_sim_apply_status (svc, rec, target, mc_sim_object_string (args, "actor") ?: "Cán bộ khác",
                            mc_sim_object_string (args, "note"), NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s cannot go from status %d to %d", number, rec->dossier->status, target);
      return NULL;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "number");
  json_builder_add_string_value (b, number);
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, rec->dossier->status);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, rec->version);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
state (McSim *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "now");
  json_builder_add_int_value (b, mc_sim_now (self));
  json_builder_set_member_name (b, "pending_commits");
  json_builder_add_int_value (b, self->pending_commits);
  json_builder_set_member_name (b, "dialects");
  json_builder_begin_object (b);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      McSimService *svc = mc_sim_service (self, i);

      if (svc == NULL)
        continue;
      json_builder_set_member_name (b, svc->klass->name);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, svc->klass->source_id);
      json_builder_set_member_name (b, "port");
      json_builder_add_int_value (b, svc->port);
      json_builder_set_member_name (b, "listening");
      json_builder_add_boolean_value (b, svc->listening);
      json_builder_set_member_name (b, "dossiers");
      json_builder_add_int_value (b, g_hash_table_size (svc->by_number));
      json_builder_set_member_name (b, "seq");
      json_builder_add_int_value (b, svc->seq);
      json_builder_set_member_name (b, "requests");
      json_builder_add_int_value (b, svc->n_requests);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Runs in the simulator's thread. */
JsonNode *
mc_sim_admin_command (McSim       *self,
                      const char  *command,
                      JsonObject  *args,
                      GError     **error)
{
  JsonNode *result = NULL;

  g_mutex_lock (mc_sim_lock (self));
  if (g_strcmp0 (command, "faults") == 0)
    result = faults (self, args, error);
  else if (g_strcmp0 (command, "change") == 0)
    result = change (self, args, FALSE, error);
  else if (g_strcmp0 (command, "delete") == 0)
    result = change (self, args, TRUE, error);
  else if (g_strcmp0 (command, "tick") == 0)
    {
      mc_sim_tick_locked (self, mc_sim_object_int (args, "submissions", 0),
                          mc_sim_object_int (args, "actions", 0), mc_sim_object_int (args, "advance", 0));
      result = state (self);
    }
  else if (g_strcmp0 (command, "reset") == 0)
    {
      mc_sim_reset_locked (self);
      result = state (self);
    }
  else if (g_strcmp0 (command, "actions") == 0)
    result = mc_sim_actions_locked (self);
  else if (g_strcmp0 (command, "state") == 0)
    result = state (self);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Unknown command “%s”", command ? command : "");
  g_mutex_unlock (mc_sim_lock (self));
  return result;
}

void
mc_sim_admin_handler (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  McSim *self = user_data;
  g_autoptr(JsonObject) args = mc_sim_parse_object (msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  char *text;

  if (args == NULL)
    args = json_object_new ();
  result = mc_sim_admin_command (self, g_str_has_prefix (path, "/admin/") ? path + 7 : "", args, &error);
  if (result == NULL)
    {
      g_autoptr(JsonObject) reply = json_object_new ();

      json_object_set_string_member (reply, "error", error->message);
      result = json_node_init_object (json_node_alloc (), reply);
    }
  json_generator_set_root (gen, result);
  text = json_generator_to_data (gen, NULL);
  soup_server_message_set_status (msg, error ? 400 : 200, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE, text, strlen (text));
}

/* Snapshots for other threads */

GPtrArray *
mc_sim_list_dossiers (McSim        *self,
                      McSimDialect  dialect)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_unref);
  McSimService *svc;

  g_mutex_lock (&self->lock);
  if ((svc = mc_sim_service (self, dialect)) != NULL)
    for (GSequenceIter *it = g_sequence_get_begin_iter (svc->order); !g_sequence_iter_is_end (it);
         it = g_sequence_iter_next (it))
      {
        McSimRecord *rec = g_sequence_get (it);

        if (!rec->deleted)
          g_ptr_array_add (out, mc_dossier_ref (rec->dossier));
      }
  g_mutex_unlock (&self->lock);
  return out;
}

McDossier *
mc_sim_get_dossier (McSim        *self,
                    McSimDialect  dialect,
                    const char   *number)
{
  McSimService *svc;
  McSimRecord *rec;
  McDossier *d = NULL;

  g_mutex_lock (&self->lock);
  if ((svc = mc_sim_service (self, dialect)) && (rec = mc_sim_service_lookup (svc, number)) && !rec->deleted)
    d = mc_dossier_ref (rec->dossier);
  g_mutex_unlock (&self->lock);
  return d;
}

guint
mc_sim_get_action_count (McSim      *self,
                         const char *key)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->action_counts, key));
  g_mutex_unlock (&self->lock);
  return n;
}

JsonNode *
mc_sim_actions_locked (McSim *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GHashTableIter it;
  gpointer key, value;

  json_builder_begin_object (b);
  g_hash_table_iter_init (&it, self->action_counts);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      json_builder_set_member_name (b, key);
      json_builder_add_int_value (b, GPOINTER_TO_UINT (value));
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

guint64
mc_sim_get_request_count (McSim        *self,
                          McSimDialect  dialect)
{
  guint64 n;

  g_return_val_if_fail (dialect < MC_SIM_N_DIALECTS, 0);
  g_mutex_lock (&self->lock);
  n = self->services[dialect].n_requests;
  g_mutex_unlock (&self->lock);
  return n;
}

/* The body the pull endpoint would send for records [@first, @first + @count) of the pull
 * order: the benchmark parses the same bytes without HTTP to measure the raw limit. */
GBytes *
mc_sim_render_page (McSim        *self,
                    McSimDialect  dialect,
                    guint         first,
                    guint         count)
{
  McSimService *svc;
  GString *items, *body;
  GSequenceIter *it;
  guint n = 0, total;

  g_mutex_lock (&self->lock);
  svc = mc_sim_service (self, dialect);
  g_return_val_if_fail (svc != NULL, NULL);
  total = g_sequence_get_length (svc->order);
  count = MIN (count, total - MIN (first, total));
  items = g_string_sized_new ((gsize) count * 1600);
  body = g_string_sized_new ((gsize) count * 1600 + 256);
  for (it = g_sequence_get_iter_at_pos (svc->order, first); !g_sequence_iter_is_end (it) && n < count;
       it = g_sequence_iter_next (it), n++)
    {
      if (n > 0)
        g_string_append_c (items, ',');
      mc_sim_service_render (svc, g_sequence_get (it), items, MC_SIM_CORRUPT_NONE);
    }
  svc->klass->render_page (svc, body, items->str, n, total - MIN (total, first), 1);
  g_mutex_unlock (&self->lock);
  g_string_free (items, TRUE);
  return g_string_free_to_bytes (body);
}
