/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-a11y.h"
#include "mc-alert.h"
#include "mc-accounts.h"
#include "mc-sync-error.h"
#include "mc-secrets.h"
#include "mc-sign-in-dialog.h"
#include "mc-sign-in.h"
#include "mc-source-page.h"
#include "mc-source-store.h"
#include "mc-store-sync.h"
#include "mc-sync-setup.h"

/* The ministry systems of the profile: add, edit, disable or remove one, sign in to it, and
 * test its connection. The test says in plain words what failed (mc-connection-test), and a
 * certificate the system trust store refuses can be pinned only from the dialog that showed
 * its fingerprint. Passwords go from the forms to the keyring (mc-secrets) and nowhere else. */

/* The least width of a connection test's outcome beside a system's name, in characters. */
#define STATUS_CHARS 16

struct _McSourcePage
{
  AdwPreferencesPage parent_instance;

  GtkListBox *sources_list;
  GtkWidget *sources_group;
  GtkWidget *empty_group;

  McStore *store;
  McSecrets *keyring;
  McSyncEngine *engine;
  McTraining *training;    /* training mode: its simulator answers the training systems */
  GHashTable *statuses;   /* source id → the last outcome shown for it */
  GHashTable *reports;    /* source id → McConnectionReport of its last test */
  GHashTable *rows;       /* source id → its row (unowned; the list holds it) */
  GHashTable *status_labels;  /* source id → its row's outcome label (unowned) */
  GHashTable *switch_ids;     /* its row's "sync" switch (unowned) → source id */
  char *dialog_source;    /* the source the open report or removal dialog is about */
  McSourceEditor *editor; /* weak: the open add/edit dialog */
  GCancellable *cancellable;
  guint busy;
};

G_DEFINE_FINAL_TYPE (McSourcePage, mc_source_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  McSourcePage *self;
  McSource *source;
  char *password;         /* to keep, wiped once kept */
  char *api_key;
} Job;

static Job *
job_new (McSourcePage   *self,
         const McSource *source)
{
  Job *job = g_new0 (Job, 1);

  job->self = g_object_ref (self);
  job->source = mc_source_copy (source);
  self->busy++;
  return job;
}

static void
job_free (Job *job)
{
  job->self->busy--;
  g_object_unref (job->self);
  mc_source_free (job->source);
  mc_secrets_free (job->password);
  mc_secrets_free (job->api_key);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static GtkWindow *
parent_window (McSourcePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (McSourcePage *self,
       const char   *text)
{
  GtkWindow *window = parent_window (self);

  if (ADW_IS_PREFERENCES_WINDOW (window))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), mc_toast_new (text));
}

/* A short name for each outcome of "Test connection"; the report's summary says the rest. */
static const char *
result_heading (McConnectionResult result)
{
  switch (result)
    {
    case MC_CONNECTION_OK: return _("Connected");
    case MC_CONNECTION_UNREACHABLE: return _("Address unreachable");
    case MC_CONNECTION_CERTIFICATE: return _("TLS certificate invalid");
    case MC_CONNECTION_WRONG_PASSWORD: return _("Wrong password");
    case MC_CONNECTION_UNIT_UNKNOWN: return _("Unit code unknown");
    case MC_CONNECTION_WRONG_DIALECT: return _("Not the expected dialect");
    case MC_CONNECTION_FAILED:
    default: return _("The system reported an error");
    }
}

/* A row gives its suffixes their least width, and a wrapping label's is one word ("Connected"
 * on three lines, over the row's subtitle): a short outcome keeps one line, a longer one wraps
 * in a column of STATUS_CHARS, and no outcome takes no room. */
static void
show_status (GtkLabel   *label,
             const char *text)
{
  gtk_label_set_text (label, text);
  gtk_label_set_width_chars (label, MIN ((int) g_utf8_strlen (text ? text : "", -1), STATUS_CHARS));
}

static void
set_status (McSourcePage *self,
            const char   *id,
            const char   *text)
{
  GtkLabel *label = g_hash_table_lookup (self->status_labels, id);

  g_hash_table_replace (self->statuses, g_strdup (id), g_strdup (text));
  if (label != NULL)
    show_status (label, text);
}

static void fill (McSourcePage *self);

static void
on_enabled_changed (GtkSwitch    *sw,
                    GParamSpec   *pspec,
                    McSourcePage *self)
{
  const char *id = g_hash_table_lookup (self->switch_ids, sw);
  g_autoptr(GError) error = NULL;

  if (!mc_store_set_source_enabled (self->store, id, gtk_switch_get_active (sw), &error))
    toast (self, error->message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GMenuModel *
row_menu (const char *id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  const struct { GMenu *menu; const char *label; const char *action; } items[] = {
    { section, N_("_Edit…"), "sources.edit" },
    { section, N_("_Sign In…"), "sources.sign-in" },
    { section, N_("_Test Connection"), "sources.test" },
    { danger, N_("_Remove…"), "sources.remove" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_string (id));
      g_menu_append_item (items[i].menu, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));
  return G_MENU_MODEL (menu);
}

static GtkWidget *
make_row (McSourcePage   *self,
          const McSource *s)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *sw = gtk_switch_new ();
  /* Not a button itself: its inner button is, named after it. */
  GtkWidget *menu_button = g_object_new (GTK_TYPE_MENU_BUTTON, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  g_autoptr(GMenuModel) menu = row_menu (s->id);
  /* The training systems' stored addresses are placeholders for the simulator's. */
  const char *address = g_str_has_prefix (s->base_url, MC_SYNC_SIM_PREFIX) ? _("simulated for training")
                                                                             : s->base_url;
  /* TRANSLATORS: a ministry system's line: ministry · address · unit code */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · unit code %s"), mc_ministry_name (s->ministry),
                                               address, s->unit_code);
  /* TRANSLATORS: %s is a ministry system's name */
  g_autofree char *sync_label = g_strdup_printf (_("Sync %s"), s->name);
  /* TRANSLATORS: %s is a ministry system's name */
  g_autofree char *menu_label = g_strdup_printf (_("Actions for %s"), s->name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (status), 22);
  show_status (GTK_LABEL (status), g_hash_table_lookup (self->statuses, s->id));
  gtk_label_set_xalign (GTK_LABEL (status), 1);
  gtk_widget_add_css_class (status, "caption");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);

  gtk_switch_set_active (GTK_SWITCH (sw), s->enabled);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (sw, sync_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, sync_label, -1);
  g_hash_table_insert (self->switch_ids, sw, g_strdup (s->id));
  g_signal_connect_object (sw, "notify::active", G_CALLBACK (on_enabled_changed), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, menu_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  g_hash_table_insert (self->status_labels, g_strdup (s->id), status);
  return row;
}

static void
fill (McSourcePage *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->status_labels);
  g_hash_table_remove_all (self->switch_ids);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_list))) != NULL)
    gtk_list_box_remove (self->sources_list, child);
  if (self->store == NULL)
    return;
  if ((sources = mc_store_list_sources (self->store, &error)) == NULL)
    {
      toast (self, error->message);
      return;
    }
  /* None yet (a first start): what to do instead of an empty list. */
  gtk_widget_set_visible (self->empty_group, sources->len == 0);
  gtk_widget_set_visible (self->sources_group, sources->len > 0);
  for (guint i = 0; i < sources->len; i++)
    {
      McSource *s = g_ptr_array_index (sources, i);
      GtkWidget *row = make_row (self, s);

      g_hash_table_insert (self->rows, g_strdup (s->id), row);
      gtk_list_box_append (self->sources_list, row);
    }
}

static McSource *
lookup_source (McSourcePage *self,
               GVariant     *parameter)
{
  g_autoptr(GError) error = NULL;
  McSource *source = mc_store_get_source (self->store, g_variant_get_string (parameter, NULL), &error);

  if (source == NULL)
    toast (self, error->message);
  return source;
}

/* Add and edit */

static void
keep_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  char *password = job->password, *api_key = job->api_key;
  GError *error = NULL;
  /* An edit without a new password may still point the source at another address, unit or
   * account: the kept sessions belonged to the old one, so they go (a new sign-in follows). */
  gboolean ok = password == NULL && api_key == NULL
                  ? mc_secrets_clear_tokens_sync (job->self->keyring, job->source->id, cancellable, &error)
                  : mc_sign_in_keep (job->self->keyring, job->source, password, api_key, cancellable, &error);

  if (password != NULL)
    memset (password, 0, strlen (password));
  if (api_key != NULL)
    memset (api_key, 0, strlen (api_key));
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_kept (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  McSourcePage *self = MC_SOURCE_PAGE (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, job->source->id, error->message);
      return;
    }
  set_status (self, job->source->id, job->password != NULL || job->api_key != NULL
                                        ? _("Password kept in the keyring") : _("Saved"));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_editor_response (McSourceEditor *editor,
                    const char     *response,
                    McSourcePage   *self)
{
  g_autoptr(McSource) source = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  char *password, *api_key;
  Job *job;
  gboolean ok;

  if (!g_str_equal (response, "save"))
    return;
  source = mc_source_editor_dup_source (editor);
  ok = mc_source_editor_is_new (editor) ? mc_store_add_source (self->store, source, &error)
                                        : mc_store_update_source (self->store, source, &error);
  if (!ok)
    {
      toast (self, error->message);
      return;
    }
  fill (self);
  g_signal_emit (self, signals[CHANGED], 0);
  password = mc_source_editor_dup_password (editor);
  api_key = mc_source_editor_dup_api_key (editor);
  if (password == NULL && api_key == NULL && mc_source_editor_is_new (editor))
    return;
  /* The keyring call blocks on D-Bus: a thread, and the form's text is wiped there. */
  task = g_task_new (self, self->cancellable, on_kept, NULL);
  job = job_new (self, source);
  job->password = password;
  job->api_key = api_key;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  set_status (self, source->id, password != NULL || api_key != NULL ? _("Keeping the password…") : _("Saving…"));
  g_task_run_in_thread (task, keep_in_thread);
}

static void
open_editor (McSourcePage   *self,
             const McSource *source)
{
  g_autoptr(GPtrArray) sources = mc_store_list_sources (self->store, NULL);
  McSourceEditor *editor = mc_source_editor_new (parent_window (self), sources, source);

  g_signal_connect_object (editor, "response", G_CALLBACK (on_editor_response), self, 0);
  g_set_weak_pointer (&self->editor, editor);
  mc_message_present (GTK_WINDOW (editor));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (MC_SOURCE_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McSourcePage *self = MC_SOURCE_PAGE (widget);
  g_autoptr(McSource) source = lookup_source (self, parameter);

  if (source != NULL)
    open_editor (self, source);
}

/* Sign in */

static void
on_signed_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;

  if (mc_sign_in_dialog_submit_finish (result, &error))
    set_status (job->self, job->source->id, _("Signed in"));
  else if (g_error_matches (error, MC_SYNC_ERROR, MC_SYNC_ERROR_AUTH))
    set_status (job->self, job->source->id, result_heading (MC_CONNECTION_WRONG_PASSWORD));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (job->self, job->source->id, error->message);
}

static void
on_sign_in_response (McSignInDialog *dialog,
                     const char     *response,
                     McSourcePage   *self)
{
  if (!g_str_equal (response, "sign-in"))
    return;
  set_status (self, mc_sign_in_dialog_get_source (dialog)->id, _("Signing in…"));
  mc_sign_in_dialog_submit_async (dialog, self->engine, self->keyring, self->cancellable, on_signed_in,
                                  job_new (self, mc_sign_in_dialog_get_source (dialog)));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  McSourcePage *self = MC_SOURCE_PAGE (widget);
  g_autoptr(McSource) source = lookup_source (self, parameter);
  McSignInDialog *dialog;

  if (source == NULL)
    return;
  dialog = mc_sign_in_dialog_new (parent_window (self), source);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_sign_in_response), self, 0);
  mc_message_present (GTK_WINDOW (dialog));
}

/* Test connection */

static void run_test (McSourcePage *self, const McSource *source);

static void
on_report_response (AdwMessageDialog *dialog,
                    const char       *response,
                    McSourcePage     *self)
{
  g_autofree char *id = g_steal_pointer (&self->dialog_source);
  const McConnectionReport *report = id ? g_hash_table_lookup (self->reports, id) : NULL;
  g_autoptr(McSource) source = NULL;
  g_autoptr(GError) error = NULL;

  /* The pin is the fingerprint the official was shown, not whatever the server sends next. */
  if (!g_str_equal (response, "trust") || report == NULL || report->fingerprint == NULL)
    return;
  if (!mc_store_set_source_pin (self->store, id, report->fingerprint, &error) ||
      (source = mc_store_get_source (self->store, id, &error)) == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
  run_test (self, source);
}

static void
show_report (McSourcePage             *self,
             const McSource           *source,
             const McConnectionReport *report)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), result_heading (report->result), NULL);
  g_autofree char *body = report->detail ? g_strdup_printf ("%s\n\n%s", report->summary, report->detail)
                                         : g_strdup (report->summary);

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (report->result == MC_CONNECTION_CERTIFICATE && report->fingerprint != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "trust", _("_Trust This Certificate"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "trust",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_free (self->dialog_source);
  self->dialog_source = g_strdup (source->id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_report_response), self, 0);
  mc_message_present (GTK_WINDOW (dialog));
}

static void
on_tested (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  McSourcePage *self = job->self;
  g_autoptr(GError) error = NULL;
  McConnectionReport *report = mc_connection_test_finish (result, &error);

  if (report == NULL)
    return;
  g_hash_table_replace (self->reports, g_strdup (job->source->id), report);
  set_status (self, job->source->id, result_heading (report->result));
  show_report (self, job->source, report);
}

static void
on_secrets_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  McSourcePage *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) secrets = mc_secrets_load_source_finish (MC_SECRETS (object), result, &error);
  McSource *source;

  if (secrets == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, job->source->id, error->message);
      return;
    }
  /* The job rides along with the test: the source is read before it goes. */
  source = job->source;
  mc_connection_test_async (source, secrets, self->cancellable, on_tested, g_steal_pointer (&job));
}

/* A training system answers from the simulator of training mode, with its sample account:
 * nothing in the keyring. */
static gboolean
run_training_test (McSourcePage   *self,
                   const McSource *source)
{
  McTraining *training = self->training;
  g_autoptr(GHashTable) secrets = NULL;
  g_autoptr(McSource) resolved = NULL;

  if (!g_str_has_prefix (source->base_url, MC_SYNC_SIM_PREFIX))
    return FALSE;
  if (training == NULL ||
      !(resolved = mc_sync_setup_training_source (mc_training_get_sim (training), source, &secrets)))
    set_status (self, source->id, _("A training system: it answers in training mode only"));
  else
    mc_connection_test_async (resolved, secrets, self->cancellable, on_tested, job_new (self, source));
  return TRUE;
}

static void
run_test (McSourcePage   *self,
          const McSource *source)
{
  g_hash_table_remove (self->reports, source->id);
  set_status (self, source->id, _("Testing…"));
  if (run_training_test (self, source))
    return;
  mc_secrets_load_source_async (self->keyring, source, self->cancellable, on_secrets_loaded,
                                job_new (self, source));
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McSourcePage *self = MC_SOURCE_PAGE (widget);
  g_autoptr(McSource) source = lookup_source (self, parameter);

  if (source != NULL)
    run_test (self, source);
}

/* Remove */

static void
removed (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(McSourcePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mc_accounts_remove_source_finish (MC_STORE (object), result, &error))
    {
      toast (self, error->message);
      return;
    }
  fill (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    McSourcePage     *self)
{
  g_autofree char *id = g_steal_pointer (&self->dialog_source);

  if (!g_str_equal (response, "remove") || id == NULL)
    return;
  /* Its dossiers, cursor and credentials go with it (mc-accounts); actions not yet sent keep
   * it, since they must not be lost. */
  g_hash_table_remove (self->statuses, id);
  g_hash_table_remove (self->reports, id);
  mc_accounts_remove_source_async (self->store, id, NULL, removed, g_object_ref (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  McSourcePage *self = MC_SOURCE_PAGE (widget);
  g_autoptr(McSource) source = lookup_source (self, parameter);
  GtkWidget *dialog;

  if (source == NULL)
    return;
  /* TRANSLATORS: %s is a ministry system's name */
  dialog = adw_message_dialog_new (parent_window (self), NULL,
                                   _("Its dossiers are removed from this computer and its password from the "
                                     "keyring. The ministry system itself keeps everything."));
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove %s?"), source->name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_free (self->dialog_source);
  self->dialog_source = g_strdup (source->id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  mc_message_present (GTK_WINDOW (dialog));
}

static void
mc_source_page_dispose (GObject *object)
{
  McSourcePage *self = MC_SOURCE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_SOURCE_PAGE);
  g_clear_weak_pointer (&self->editor);
  g_clear_object (&self->store);
  g_clear_object (&self->keyring);
  g_clear_object (&self->engine);
  g_clear_object (&self->training);
  G_OBJECT_CLASS (mc_source_page_parent_class)->dispose (object);
}

static void
mc_source_page_finalize (GObject *object)
{
  McSourcePage *self = MC_SOURCE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->statuses);
  g_hash_table_unref (self->reports);
  g_hash_table_unref (self->rows);
  g_hash_table_unref (self->status_labels);
  g_hash_table_unref (self->switch_ids);
  g_free (self->dialog_source);
  G_OBJECT_CLASS (mc_source_page_parent_class)->finalize (object);
}

static void
mc_source_page_class_init (McSourcePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_source_page_dispose;
  object_class->finalize = mc_source_page_finalize;

  /* Emitted when a source was added, changed, enabled, disabled or removed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-source-page.ui");
  gtk_widget_class_bind_template_child (widget_class, McSourcePage, sources_list);
  gtk_widget_class_bind_template_child (widget_class, McSourcePage, sources_group);
  gtk_widget_class_bind_template_child (widget_class, McSourcePage, empty_group);

  gtk_widget_class_install_action (widget_class, "sources.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "sources.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "sources.sign-in", "s", sign_in_action);
  gtk_widget_class_install_action (widget_class, "sources.test", "s", test_action);
  gtk_widget_class_install_action (widget_class, "sources.remove", "s", remove_action);
}

static void
mc_source_page_init (McSourcePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
  self->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) mc_connection_report_free);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->status_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->switch_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->cancellable = g_cancellable_new ();
}

void
mc_source_page_set_store (McSourcePage *self,
                          McStore      *store)
{
  g_return_if_fail (MC_IS_SOURCE_PAGE (self));
  g_return_if_fail (MC_IS_STORE (store));

  g_set_object (&self->store, store);
  g_clear_object (&self->keyring);
  self->keyring = mc_secrets_new (mc_store_get_path (store));
  fill (self);
}

/* The engine that syncs the profile, when it runs: signing in then resumes that source; and
 * training mode, when it is on: its simulator answers a connection test of a training system. */
void
mc_source_page_set_sync (McSourcePage *self,
                         McSyncEngine *engine,
                         McTraining   *training)
{
  g_return_if_fail (MC_IS_SOURCE_PAGE (self));
  g_set_object (&self->engine, engine);
  g_set_object (&self->training, training);
}

/* Returns: (transfer none) (nullable): the add or edit dialog, while it is open. */
McSourceEditor *
mc_source_page_get_editor (McSourcePage *self)
{
  g_return_val_if_fail (MC_IS_SOURCE_PAGE (self), NULL);
  return self->editor;
}

GtkWidget *
mc_source_page_get_row (McSourcePage *self,
                        const char   *source_id)
{
  g_return_val_if_fail (MC_IS_SOURCE_PAGE (self), NULL);
  return g_hash_table_lookup (self->rows, source_id);
}

/* Returns: (nullable): the status the row of @source_id shows (the last test's outcome…). */
const char *
mc_source_page_get_status (McSourcePage *self,
                           const char   *source_id)
{
  GtkLabel *label;

  g_return_val_if_fail (MC_IS_SOURCE_PAGE (self), NULL);

  label = g_hash_table_lookup (self->status_labels, source_id);
  return label ? gtk_label_get_text (label) : NULL;
}

const McConnectionReport *
mc_source_page_get_report (McSourcePage *self,
                           const char   *source_id)
{
  g_return_val_if_fail (MC_IS_SOURCE_PAGE (self), NULL);
  return g_hash_table_lookup (self->reports, source_id);
}

/* TRUE while a keyring call, a sign-in or a test runs. */
gboolean
mc_source_page_is_busy (McSourcePage *self)
{
  g_return_val_if_fail (MC_IS_SOURCE_PAGE (self), FALSE);
  return self->busy > 0;
}
