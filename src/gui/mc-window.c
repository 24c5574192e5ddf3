/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-action-window.h"
#include "mc-dossier-view.h"
#include "mc-format.h"
#include "mc-queue-counter.h"
#include "mc-queue-model.h"
#include "mc-queue-list.h"
#include "mc-sidebar.h"
#include "mc-store-calendar.h"
#include "mc-due-notifier.h"
#include "mc-sign-in-prompt.h"
#include "mc-store-settings.h"
#include "mc-sync-banner.h"
#include "mc-time.h"
#include "mc-window.h"

/* The main window: the views of the work queue (sidebar), the queue itself with its search
 * entry, and the dossier detail. Two nested leaflets fold it from three panes to one, so it
 * works from 1024×600 up: the detail goes over the list first, then the sidebar over both. */

#define SETTINGS_SCHEMA "io.github.motcua.MotCua"

/* How often the window looks for changes other connections (the sync engine, motcuactl) made:
 * PRAGMA data_version is a cheap read, so the counts stay live without a notification channel. */
#define POLL_SECONDS 2

struct _McWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwLeaflet *outer_leaflet;
  AdwLeaflet *inner_leaflet;
  GtkWidget *sidebar_pane;
  GtkWidget *list_pane;
  GtkWidget *detail_pane;
  McSidebar *sidebar;
  AdwWindowTitle *list_title;
  GtkSearchEntry *search_entry;
  McQueueList *queue_view;
  McDossierView *dossier_view;
  McSyncIndicator *sync_indicator;
  GtkWidget *training_badge;
  AdwFlap *side_flap;
  GtkWidget *side_panel_button;

  McStore *store;
  McStore *counter_store;
  McStore *order_store;
  McDueNotifier *due_notifier;
  McSignInPrompt *sign_in_prompt;
  McQueueModel *model;
  McQueueCounter *counter;
  GSettings *settings;
  guint poll_id;
  gboolean started;
  gint64 data_version;
  gint64 last_minute;
};

G_DEFINE_FINAL_TYPE (McWindow, mc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The views behind Ctrl+1…9: the ones a commune official opens most, not the sidebar's
 * order, which follows the workflow. */
static const McQueueView shortcut_views[9] = {
  MC_QUEUE_ALL, MC_QUEUE_WAITING, MC_QUEUE_RECEIVED, MC_QUEUE_PROCESSING,
  MC_QUEUE_SUPPLEMENT_REQUESTED, MC_QUEUE_DUE_TODAY, MC_QUEUE_DUE_SOON, MC_QUEUE_OVERDUE,
  MC_QUEUE_RESULT_READY,
};

static void
show_error (McWindow     *self,
            const GError *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
update_title (McWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint total = mc_queue_model_get_view_count (self->model);
  g_autofree char *shown_text = mc_format_count (shown);
  g_autofree char *total_text = mc_format_count (total);
  g_autofree char *subtitle = NULL;

  if (mc_queue_model_get_search (self->model) != NULL)
    /* TRANSLATORS: search results: "12 of 3,400 dossiers" */
    subtitle = g_strdup_printf (_("%s of %s dossiers"), shown_text, total_text);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s dossier", "%s dossiers", total), total_text);
  adw_window_title_set_title (self->list_title, mc_queue_view_label (mc_queue_model_get_view (self->model)));
  adw_window_title_set_subtitle (self->list_title, subtitle);
}

static void
refresh_counts (McWindow *self)
{
  mc_queue_counter_refresh (self->counter, mc_queue_model_get_view (self->model),
                            mc_queue_model_get_ministry (self->model));
}

static void
on_counts_updated (McWindow *self)
{
  mc_sidebar_update_counts (self->sidebar, self->counter);
}

static void
show_dossier (McWindow *self,
              gint64    id)
{
  g_autoptr(GError) error = NULL;

  if (id == mc_dossier_view_get_dossier_id (self->dossier_view))
    return;
  if (!mc_dossier_view_show (self->dossier_view, self->store, id, &error))
    show_error (self, error);
}

static void
on_selection_changed (McWindow *self)
{
  GtkSingleSelection *selection = mc_queue_list_get_selection (self->queue_view);
  guint position = gtk_single_selection_get_selected (selection);

  if (position != GTK_INVALID_LIST_POSITION)
    show_dossier (self, mc_queue_model_get_id (self->model, position));
}

/* After the list changed: the selection follows the shown dossier to its new position (and
 * the list scrolls to it), or goes, since the selected position may now hold another dossier,
 * and the list starts from the top. */
static void
on_model_updated (McWindow *self)
{
  GtkSingleSelection *selection = mc_queue_list_get_selection (self->queue_view);
  gint64 id = mc_dossier_view_get_dossier_id (self->dossier_view);
  guint position = id ? mc_queue_model_find (self->model, id) : GTK_INVALID_LIST_POSITION;

  if (position != GTK_INVALID_LIST_POSITION)
    mc_queue_list_select (self->queue_view, position);
  else
    {
      gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
      gtk_adjustment_set_value (mc_queue_list_get_vadjustment (self->queue_view), 0);
    }
  update_title (self);
}

static void
on_view_changed (McWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!mc_queue_model_set_view (self->model, mc_sidebar_get_view (self->sidebar), &error))
    show_error (self, error);
  refresh_counts (self);
  if (adw_leaflet_get_folded (self->outer_leaflet))
    adw_leaflet_set_visible_child (self->outer_leaflet, GTK_WIDGET (self->inner_leaflet));
}

static void
on_ministry_changed (McWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!mc_queue_model_set_ministry (self->model, mc_sidebar_get_ministry (self->sidebar), &error))
    show_error (self, error);
  refresh_counts (self);
}

static void
on_search_changed (McWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!mc_queue_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), &error))
    show_error (self, error);
}

/* Opens dossier @id: shows it, selects it in the list when the list holds it, and brings the
 * detail over the list on a narrow window. */
static void
open_dossier (McWindow *self,
              gint64    id)
{
  guint position = mc_queue_model_find (self->model, id);

  show_dossier (self, id);
  if (position != GTK_INVALID_LIST_POSITION)
    mc_queue_list_select (self->queue_view, position);
  if (adw_leaflet_get_folded (self->inner_leaflet))
    adw_leaflet_set_visible_child (self->inner_leaflet, self->detail_pane);
}

/* Enter in the search entry. A barcode scanner at the counter types the number printed on a
 * receipt and presses Enter: an exact dossier number or ID number opens that dossier (in any
 * view), and the text stays selected so the next scan replaces it. Otherwise Enter moves to
 * the first result. */
static void
on_search_activate (McWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* The entry filters after a short delay; the list must match what Enter acts on. */
  on_search_changed (self);
  id = mc_store_queue_find_exact (self->store, text, &error);
  if (id < 0)
    {
      show_error (self, error);
      return;
    }
  if (id > 0)
    {
      open_dossier (self, id);
      gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      mc_queue_list_select (self->queue_view, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
    }
}

static void
on_stop_search (McWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
}

static void
on_row_activated (McWindow *self,
                  guint     position)
{
  open_dossier (self, mc_queue_model_get_id (self->model, position));
  if (!adw_leaflet_get_folded (self->inner_leaflet))
    gtk_widget_child_focus (GTK_WIDGET (self->dossier_view), GTK_DIR_TAB_FORWARD);
}

/* Reads the office's calendar edits and working hours from the profile into every connection
 * the window counts deadlines with: at start, after the Preferences window changed them, and
 * after another program (motcuactl) did. */
static void
load_office (McWindow *self)
{
  McStore *stores[] = { self->store, self->counter_store, self->order_store };
  McDeadlineSettings settings;
  g_autoptr(GError) error = NULL;

  if (!mc_store_load_calendar (self->store, mc_store_queue_get_calendar (self->store), &error))
    {
      show_error (self, error);
      g_clear_error (&error);
    }
  if (!mc_store_load_deadline_settings (self->store, &settings, &error))
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    if (stores[i] != NULL)
      mc_store_queue_set_deadline_settings (stores[i], &settings);
}

static gboolean
poll_store (gpointer user_data)
{
  McWindow *self = user_data;
  gint64 version, minute = mc_time_now () / 60;
  g_autoptr(GError) error = NULL;

  if ((version = mc_store_queue_data_version (self->store)) != self->data_version)
    {
      self->data_version = version;
      load_office (self);
      if (!mc_queue_model_refresh (self->model, &error))
        show_error (self, error);
      update_title (self);
      refresh_counts (self);
    }
  else if (minute != self->last_minute)
    refresh_counts (self);  /* "due today" and "overdue" move with the clock */
  self->last_minute = minute;
  return G_SOURCE_CONTINUE;
}

static void
select_view_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  int n = g_variant_get_int32 (parameter);

  if (n >= 0 && n < MC_QUEUE_N_VIEWS)
    mc_sidebar_set_view (self->sidebar, n);
}

static void
shortcut_view_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  int n = g_variant_get_int32 (parameter);

  if (n >= 1 && n <= (int) G_N_ELEMENTS (shortcut_views))
    mc_sidebar_set_view (self->sidebar, shortcut_views[n - 1]);
}

static void
ministry_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  mc_sidebar_set_ministry (MC_WINDOW (widget)->sidebar, g_variant_get_string (parameter, NULL));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  if (adw_leaflet_get_folded (self->inner_leaflet))
    adw_leaflet_set_visible_child (self->inner_leaflet, self->list_pane);
  if (adw_leaflet_get_folded (self->outer_leaflet))
    adw_leaflet_set_visible_child (self->outer_leaflet, GTK_WIDGET (self->inner_leaflet));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
open_dossier_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_dossier (MC_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
open_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), g_variant_get_string (parameter, NULL));
  on_search_activate (self);
}

/* Escape: back from the detail to the list on a narrow window, else out of the search. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  if (adw_leaflet_get_folded (self->inner_leaflet) &&
      adw_leaflet_get_visible_child (self->inner_leaflet) == self->detail_pane)
    {
      adw_leaflet_set_visible_child (self->inner_leaflet, self->list_pane);
      gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
    }
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    on_stop_search (self);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  adw_leaflet_set_visible_child (self->outer_leaflet, self->sidebar_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar));
}

static void
mc_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.select-view", "i", select_view_action);
  gtk_widget_class_install_action (widget_class, "win.shortcut-view", "i", shortcut_view_action);
  gtk_widget_class_install_action (widget_class, "win.ministry", "s", ministry_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.open-dossier", "x", open_dossier_action);
  gtk_widget_class_install_action (widget_class, "win.open-number", "s", open_number_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  /* Processing actions, counter intake, forms, needs review and outbox (mc-action-window.c). */
  mc_action_window_class_actions_init (widget_class);

  /* Escape as a class binding, not an application accelerator: the search entry and popovers
   * see it first and keep their own meaning of it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
}

static void
load_settings (McWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* An uninstalled build without compiled schemas still runs, just without remembering. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE);
  if (schema == NULL)
    return;
  self->settings = g_settings_new (SETTINGS_SCHEMA);
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
mc_window_close_request (GtkWindow *window)
{
  McWindow *self = MC_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (mc_window_parent_class)->close_request (window);
}

static void
mc_window_constructed (GObject *object)
{
  McWindow *self = MC_WINDOW (object);
  const char *path;
  g_autoptr(McStore) counter_store = NULL;
  g_autoptr(McStore) order_store = NULL;
  g_autoptr(McCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (mc_window_parent_class)->constructed (object);

  /* Two more connections for the worker threads (counts, sort orders), opened here: opening
   * writes the procedure table, which must not look like another program's change later. */
  g_assert (MC_IS_STORE (self->store));
  mc_store_leave_checkpoints (self->store);
  path = mc_store_get_path (self->store);
  counter_store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);
  if (counter_store == NULL)
    g_error ("Cannot open a second connection to %s: %s", path, error->message);
  order_store = mc_store_open (path, MC_STORE_OPEN_EXISTING, NULL);

  /* The office's own days off and extra working days, for every deadline the window shows
   * and counts. */
  calendar = mc_calendar_new ();
  mc_store_queue_set_calendar (self->store, calendar);
  mc_store_queue_set_calendar (counter_store, calendar);
  if (order_store != NULL)
    mc_store_queue_set_calendar (order_store, calendar);
  self->counter_store = g_object_ref (counter_store);
  self->order_store = order_store ? g_object_ref (order_store) : NULL;
  load_office (self);
  self->due_notifier = mc_due_notifier_new (self->store);
  self->sign_in_prompt = mc_sign_in_prompt_new (self->toast_overlay, self->store);
  self->model = mc_queue_model_new (self->store, order_store);
  self->counter = mc_queue_counter_new (counter_store);
  g_signal_connect_object (self->counter, "updated", G_CALLBACK (on_counts_updated), self, G_CONNECT_SWAPPED);
  /* The outbox watchdog speaks after the counts (mc-action-window.c). */
  mc_action_window_watch (self);

  if (!mc_queue_model_set_view (self->model, mc_sidebar_get_view (self->sidebar), &error))
    show_error (self, error);
  mc_queue_list_set_model (self->queue_view, self->model);
  g_signal_connect_object (mc_queue_list_get_selection (self->queue_view), "notify::selected",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "updated", G_CALLBACK (on_model_updated), self, G_CONNECT_SWAPPED);
  update_title (self);

  self->data_version = mc_store_queue_data_version (self->store);
  self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_store, self);
}

static void
on_first_paint (GdkFrameClock *clock,
                McWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, self);
  refresh_counts (self);
  mc_queue_model_prepare (self->model);
  /* The morning notification of what is due, once the window is up. */
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    mc_due_notifier_start (self->due_notifier, G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

/* The counts and the sort orders are read in worker threads, but on two cores they would still
 * slow the first frame down: they start once it is on screen. */
static void
mc_window_map (GtkWidget *widget)
{
  McWindow *self = MC_WINDOW (widget);

  GTK_WIDGET_CLASS (mc_window_parent_class)->map (widget);
  if (!self->started)
    {
      self->started = TRUE;
      g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                               G_CALLBACK (on_first_paint), self, 0);
    }
}

static void
mc_window_dispose (GObject *object)
{
  McWindow *self = MC_WINDOW (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_WINDOW);
  g_clear_object (&self->counter);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_object (&self->counter_store);
  g_clear_object (&self->order_store);
  g_clear_object (&self->due_notifier);
  g_clear_object (&self->sign_in_prompt);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mc_window_parent_class)->dispose (object);
}

static void
mc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  McWindow *self = MC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  McWindow *self = MC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_window_class_init (McWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = mc_window_constructed;
  object_class->dispose = mc_window_dispose;
  object_class->get_property = mc_window_get_property;
  object_class->set_property = mc_window_set_property;
  window_class->close_request = mc_window_close_request;
  widget_class->map = mc_window_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MC_TYPE_SIDEBAR);
  g_type_ensure (MC_TYPE_QUEUE_LIST);
  g_type_ensure (MC_TYPE_DOSSIER_VIEW);
  g_type_ensure (MC_TYPE_SYNC_INDICATOR);
  g_type_ensure (MC_TYPE_SYNC_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, McWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, McWindow, outer_leaflet);
  gtk_widget_class_bind_template_child (widget_class, McWindow, inner_leaflet);
  gtk_widget_class_bind_template_child (widget_class, McWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, McWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, McWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, McWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, McWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, McWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, McWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, McWindow, training_badge);
  gtk_widget_class_bind_template_child (widget_class, McWindow, side_flap);
  gtk_widget_class_bind_template_child (widget_class, McWindow, side_panel_button);
  gtk_widget_class_bind_template_child (widget_class, McWindow, queue_view);
  gtk_widget_class_bind_template_child (widget_class, McWindow, dossier_view);

  mc_window_class_actions_init (widget_class);
}

static void
mc_window_init (McWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  load_settings (self);
  /* Typing anywhere in the list starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->queue_view));
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (on_search_activate),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (on_stop_search),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "notify::view", G_CALLBACK (on_view_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "notify::ministry", G_CALLBACK (on_ministry_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue_view, "activate", G_CALLBACK (on_row_activated),
                           self, G_CONNECT_SWAPPED);
}

McWindow *
mc_window_new (GtkApplication *application,
               McStore        *store)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MC_IS_STORE (store), NULL);

  return g_object_new (MC_TYPE_WINDOW, "application", application, "store", store, NULL);
}

/* After the office's calendar or hours changed in the profile (Preferences): every deadline
 * the window shows and counts follows at once. */
void
mc_window_reload_office (McWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_return_if_fail (MC_IS_WINDOW (self));

  load_office (self);
  if (!mc_queue_model_invalidate (self->model, &error))
    {
      show_error (self, error);
      g_clear_error (&error);
    }
  update_title (self);
  refresh_counts (self);
  /* The detail's time left is text made when it was shown. */
  if ((id = mc_dossier_view_get_dossier_id (self->dossier_view)) != 0 &&
      !mc_dossier_view_show (self->dossier_view, self->store, id, &error))
    show_error (self, error);
}

McStore *
mc_window_get_store (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return self->store;
}

McQueueModel *
mc_window_get_model (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return self->model;
}

McQueueCounter *
mc_window_get_counter (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return self->counter;
}

McSidebar *
mc_window_get_sidebar (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return self->sidebar;
}

McQueueList *
mc_window_get_queue_view (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return self->queue_view;
}

McDossierView *
mc_window_get_dossier_view (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return self->dossier_view;
}

GtkSearchEntry *
mc_window_get_search_entry (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return self->search_entry;
}

/* The application's sync engine, shown by the header bar's indicator and the offline banner. */
void
mc_window_set_sync_engine (McWindow     *self,
                           McSyncEngine *engine)
{
  g_return_if_fail (MC_IS_WINDOW (self));
  mc_sync_indicator_set_engine (self->sync_indicator, engine, self->store);
  mc_sign_in_prompt_set_engine (self->sign_in_prompt, engine);
}

McSyncIndicator *
mc_window_get_sync_indicator (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return self->sync_indicator;
}

/* Training mode is marked for as long as the window lives: a badge in the header bar and the
 * window's title, so that nobody mistakes the sandbox for the real queue. */
void
mc_window_set_training (McWindow *self,
                        gboolean  training)
{
  g_return_if_fail (MC_IS_WINDOW (self));
  gtk_widget_set_visible (self->training_badge, training);
  mc_due_notifier_set_training (self->due_notifier, training);
  /* TRANSLATORS: the window title in training mode */
  gtk_window_set_title (GTK_WINDOW (self), training ? _("Một Cửa — Training") : "Một Cửa");
}

McDueNotifier *
mc_window_get_due_notifier (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return self->due_notifier;
}

McSignInPrompt *
mc_window_get_sign_in_prompt (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return self->sign_in_prompt;
}

gboolean
mc_window_get_training (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), FALSE);
  return gtk_widget_get_visible (self->training_badge);
}

/* A panel beside the queue (the training exercises), opened and closed by a button of the
 * list's header bar; it folds over the queue on a narrow window. */
void
mc_window_set_side_panel (McWindow  *self,
                          GtkWidget *panel)
{
  g_return_if_fail (MC_IS_WINDOW (self));
  adw_flap_set_flap (self->side_flap, panel);
  gtk_widget_set_visible (self->side_panel_button, panel != NULL);
}

GtkWidget *
mc_window_get_side_panel (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return adw_flap_get_flap (self->side_flap);
}

void
mc_window_show_side_panel (McWindow *self,
                           gboolean  shown)
{
  g_return_if_fail (MC_IS_WINDOW (self));
  adw_flap_set_reveal_flap (self->side_flap, shown && adw_flap_get_flap (self->side_flap) != NULL);
}
