/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "mc-a11y.h"
#include "mc-alert.h"
#include "mc-format.h"
#include "mc-store-calendar.h"
#include "mc-store-settings.h"
#include "mc-thread.h"
#include "mc-time.h"
#include "mc-window-private.h"

/* The main window: the views of the work queue (sidebar), the queue itself with its search
 * entry, and the dossier detail. Two nested leaflets fold it from three panes to one, so it
 * works from 1024×600 up: the detail goes over the list first, then the sidebar over both.
 *
 * What it shows follows the store's change stream (mc-store-changes.c): whatever wrote — the
 * window's own actions, the sync engine, the Preferences, another program on the profile —
 * the list, the counts, the open dossier, the sync indicator and the review window read the
 * store again when the stream says what changed. Nothing is refreshed by hand after a write.
 * The actions are in mc-window-actions.c. */

#define SETTINGS_SCHEMA "io.github.motcua.MotCua"

G_DEFINE_FINAL_TYPE (McWindow, mc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_COUNTER_STORE,
  PROP_ORDER_STORE,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
mc_window_toast (McWindow   *self,
                 const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, mc_toast_new (text));
}

static void
show_error (McWindow     *self,
            const GError *error)
{
  mc_window_toast (self, error->message);
}

static void
update_title (McWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint total = mc_queue_model_get_view_count (self->model);
  g_autofree char *shown_text = mc_format_count (shown);
  g_autofree char *total_text = mc_format_count (total);
  const char *ministry = mc_queue_model_get_ministry (self->model);
  g_autofree char *count = NULL;
  g_autofree char *subtitle = NULL;

  if (mc_queue_model_get_search (self->model) != NULL)
    /* TRANSLATORS: search results: "12 of 3,400 dossiers" */
    count = g_strdup_printf (_("%s of %s dossiers"), shown_text, total_text);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s dossier", "%s dossiers", total), total_text);
  /* TRANSLATORS: the list's subtitle when one ministry is chosen: the count, then the ministry */
  subtitle = ministry ? g_strdup_printf (_("%s · %s"), count, mc_ministry_name (ministry)) : g_steal_pointer (&count);
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

/* Shows dossier @id in the detail pane, and the banner of its ministry system. */
static void
show_dossier (McWindow *self,
              gint64    id)
{
  g_autoptr(GError) error = NULL;
  McDossier *d;

  if (id == mc_dossier_view_get_dossier_id (self->dossier_view))
    return;
  if (!mc_dossier_view_show (self->dossier_view, self->store, id, &error))
    show_error (self, error);
  d = mc_dossier_view_get_dossier (self->dossier_view);
  mc_sync_banner_set_source_id (self->dossier_banner, d ? d->source_id : NULL);
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

/* Back from the reports to the queue, if the reports are shown. */
void
mc_window_show_queue (McWindow *self)
{
  if (gtk_stack_get_visible_child (self->content_stack) != GTK_WIDGET (self->inner_leaflet))
    gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (self->inner_leaflet));
}

static void
on_view_changed (McWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!mc_queue_model_set_view (self->model, mc_sidebar_get_view (self->sidebar), &error))
    show_error (self, error);
  refresh_counts (self);
  if (adw_leaflet_get_folded (self->outer_leaflet))
    adw_leaflet_set_visible_child (self->outer_leaflet, GTK_WIDGET (self->content_stack));
  mc_window_show_queue (self);
}

static void
on_ministry_changed (McWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *ministry = mc_sidebar_get_ministry (self->sidebar);

  if (!mc_queue_model_set_ministry (self->model, ministry, &error))
    show_error (self, error);
  mc_sync_banner_set_ministry (self->list_banner, ministry);
  refresh_counts (self);
  update_title (self);
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
void
mc_window_open_dossier (McWindow *self,
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
void
mc_window_search_activate (McWindow *self)
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
      /* The list shows what the detail shows: a dossier outside the current view or ministry
       * brings the list to all dossiers, where the search finds it. */
      if (mc_queue_model_find (self->model, id) == MC_QUEUE_MODEL_NOT_FOUND)
        {
          mc_sidebar_set_ministry (self->sidebar, NULL);
          mc_sidebar_set_view (self->sidebar, MC_QUEUE_ALL);
        }
      mc_window_open_dossier (self, id);
      gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      mc_queue_list_select (self->queue_view, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
    }
}

void
mc_window_stop_search (McWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
}

static void
on_row_activated (McWindow *self,
                  guint     position)
{
  mc_window_open_dossier (self, mc_queue_model_get_id (self->model, position));
  if (!adw_leaflet_get_folded (self->inner_leaflet))
    gtk_widget_child_focus (GTK_WIDGET (self->dossier_view), GTK_DIR_TAB_FORWARD);
}

/* Receiving a dossier registers it with its ministry's system: without any system enabled
 * there is nowhere to register it, and the button says so. */
static void
update_sources (McWindow *self)
{
  g_autoptr(GPtrArray) sources = mc_store_list_sources (self->store, NULL);
  gboolean any = FALSE;

  for (guint i = 0; sources != NULL && i < sources->len && !any; i++)
    any = ((McSource *) g_ptr_array_index (sources, i))->enabled;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.receive-new", any);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->receive_button),
                               any ? _("Receive a dossier at the counter (Ctrl+N)")
                                   : _("Add a ministry system first: main menu, Preferences, Ministry Systems"));
}

/* What a commit changed, wherever it was made. The office's calendar or hours move every
 * deadline: everything is read again. Otherwise the list follows the dossiers named (the
 * queue model decides how), the counts any dossier change, the detail its own dossier and
 * outbox — a conflict parked on it shows there at once. */
static void
on_store_changed (McWindow          *self,
                  const McChangeSet *set)
{
  McChangeFlags flags = mc_change_set_get_flags (set);
  gboolean office = (flags & (MC_CHANGE_SETTINGS | MC_CHANGE_CALENDAR)) != 0;
  gint64 shown = mc_dossier_view_get_dossier_id (self->dossier_view);
  g_autoptr(GError) error = NULL;

  if (flags & MC_CHANGE_SOURCES)
    update_sources (self);
  if (office ? !mc_queue_model_invalidate (self->model, &error) : !mc_queue_model_apply_changes (self->model, set, &error))
    {
      show_error (self, error);
      g_clear_error (&error);
    }
  if (office || (flags & MC_CHANGE_DOSSIERS))
    {
      update_title (self);
      refresh_counts (self);
    }
  if (shown != 0 && (office || mc_change_set_has_dossier (set, shown) || mc_change_set_has_dossier_outbox (set, shown))
      && !mc_dossier_view_reload (self->dossier_view, self->store, &error))
    show_error (self, error);
}

/* "Due today" and "overdue" move with the clock. */
static gboolean
minute_cb (gpointer data)
{
  McWindow *self = data;
  gint64 minute = mc_time_now () / 60;

  if (minute != self->last_minute)
    refresh_counts (self);
  self->last_minute = minute;
  return G_SOURCE_CONTINUE;
}

/* The footer's "Needs Review" says how many actions wait for the official; and the outbox
 * watchdog's warning, as a toast when it starts, with a way to the outbox — once per
 * episode, so that it does not nag. */
static void
on_sync_status_changed (McWindow *self)
{
  g_autofree char *label = NULL;
  g_autofree char *warning = NULL;
  guint review;
  AdwToast *toast;

  mc_sync_status_get_totals (self->sync_status, NULL, NULL, &review);
  /* TRANSLATORS: a button: how many actions need the official's review */
  label = review ? g_strdup_printf (_("Needs Review (%u)"), review) : g_strdup (_("Needs Review"));
  gtk_button_set_label (self->review_button, label);
  if (review)
    gtk_widget_add_css_class (GTK_WIDGET (self->review_button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->review_button), "warning");

  warning = mc_sync_status_dup_watchdog (self->sync_status, mc_time_now (), mc_outbox_watchdog_minutes ());
  if (warning == NULL || self->watchdog_warned)
    {
      self->watchdog_warned = warning != NULL;
      return;
    }
  self->watchdog_warned = TRUE;
  toast = mc_toast_new (warning);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Outbox"));
  adw_toast_set_action_name (toast, "win.outbox");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The needs-review and outbox window, one per window: made on first use, hidden when closed
 * and shown again; at @outbox_id's card when not 0. */
void
mc_window_present_review (McWindow   *self,
                          const char *page,
                          gint64      outbox_id)
{
  if (self->review_window == NULL)
    self->review_window = g_object_ref_sink (mc_review_window_new (GTK_WINDOW (self), self->store, self->sync_status));
  mc_review_window_show_page (self->review_window, page);
  gtk_window_present (GTK_WINDOW (self->review_window));
  if (outbox_id != 0)
    mc_review_window_show_entry (self->review_window, outbox_id);
}

/* Once the window is on screen: asked before, a window manager such as Openbox lets it open
 * at its default size. */
static void
maximize_on_map (GtkWindow *window)
{
  g_signal_handlers_disconnect_by_func (window, maximize_on_map, NULL);
  gtk_window_maximize (window);
}

/* The queue's columns are laid out to fit a whole screen of 1366 px beside the detail
 * (test-layout), not the default 1200 px window: on such a screen, the common one of a commune
 * office, the first start takes the whole screen. Later starts keep what the official chose. */
static gboolean
first_start_on_small_screen (McWindow *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  g_autoptr(GVariant) saved = g_settings_get_user_value (self->settings, "window-width");
  GdkRectangle geometry;

  if (saved != NULL || monitor == NULL)
    return FALSE;
  gdk_monitor_get_geometry (monitor, &geometry);
  return geometry.width < 1600;
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
  if (g_settings_get_boolean (self->settings, "window-maximized") || first_start_on_small_screen (self))
    g_signal_connect (self, "map", G_CALLBACK (maximize_on_map), NULL);
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

/* The profile's database, checked once in the background after the first frame (SQLite's
 * checks, as before a command writes; a quick one on a large file): a damaged file is marked,
 * never written again, and the official is told what to do. Nothing the official does waits
 * for it, yet at a million dossiers it reads the whole file (1.8 GB) for seconds, and on two
 * cores it slowed the first searches typed meanwhile by half: it runs in a thread of its own
 * at the lowest priority (not in GLib's shared pool: a pool thread could not be given its
 * priority back, raising it again needs a privilege). */
static gpointer
check_thread (gpointer data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = NULL;

  mc_thread_set_priority (MC_THREAD_IDLE);
  store = mc_store_open (g_task_get_task_data (task), MC_STORE_OPEN_EXISTING, &error);
  if (store != NULL)
    mc_store_queue_use_small_cache (store);
  if (store == NULL || !mc_store_check (store, FALSE, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
  return NULL;
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  McWindow *self = MC_WINDOW (source);
  g_autoptr(GError) error = NULL;
  gboolean sound = g_task_propagate_boolean (G_TASK (result), &error);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  /* The morning notification of what is due reads the file too: only once it is known sound
   * (a damaged one is the dialog's to tell, not a warning's). */
  if (sound)
    {
      if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
        mc_due_notifier_start (self->due_notifier, G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      return;
    }
  mc_alert (GTK_WIDGET (self), _("The Data File Is Damaged"), error->message);
}

static void
check_database (McWindow *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_checked, NULL);

  g_task_set_source_tag (task, check_database);
  g_task_set_task_data (task, g_strdup (mc_store_get_path (self->store)), g_free);
  g_thread_unref (g_thread_new ("mc-check", check_thread, g_steal_pointer (&task)));
}

static void
mc_window_constructed (GObject *object)
{
  McWindow *self = MC_WINDOW (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (mc_window_parent_class)->constructed (object);

  g_assert (MC_IS_STORE (self->store) && MC_IS_STORE (self->counter_store));
  mc_store_leave_checkpoints (self->store);
  self->changes = g_object_ref (mc_store_get_changes (self->store));
  self->due_notifier = mc_due_notifier_new (self->store);
  self->sign_in_prompt = mc_sign_in_prompt_new (self->toast_overlay, self->store);
  if (self->model == NULL)
    self->model = mc_queue_model_new (self->store, self->order_store);
  self->counter = mc_queue_counter_new (self->counter_store);
  self->sync_status = mc_sync_status_new (self->store);
  g_signal_connect_object (self->counter, "updated", G_CALLBACK (on_counts_updated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_status, "changed", G_CALLBACK (on_sync_status_changed), self,
                           G_CONNECT_SWAPPED);
  mc_sync_indicator_set_status (self->sync_indicator, self->sync_status);
  mc_sync_banner_set_status (self->list_banner, self->sync_status);
  mc_sync_banner_set_status (self->dossier_banner, self->sync_status);
  on_sync_status_changed (self);
  update_sources (self);

  if (!mc_queue_model_set_view (self->model, mc_sidebar_get_view (self->sidebar), &error))
    show_error (self, error);
  mc_queue_list_set_model (self->queue_view, self->model);
  g_signal_connect_object (mc_queue_list_get_selection (self->queue_view), "notify::selected",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "updated", G_CALLBACK (on_model_updated), self, G_CONNECT_SWAPPED);
  update_title (self);

  /* Every writer's commits, and other programs' (motcuactl) through the data version. */
  g_signal_connect_object (self->changes, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  mc_store_changes_watch_others (self->changes);
  self->last_minute = mc_time_now () / 60;
  self->minute_id = g_timeout_add_seconds (10, minute_cb, self);
}

static void
on_first_paint (GdkFrameClock *clock,
                McWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, self);
  refresh_counts (self);
  mc_queue_model_prepare (self->model);
  /* Then the morning notification of what is due (on_checked()). */
  check_database (self);
}

/* The counts, the sort orders and the database check run in worker threads, but on two cores
 * they would still slow the first frame down (the check reads the whole file: at a million
 * dossiers it took a third of the start-up's CPU): they start once it is on screen. */
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

  g_clear_handle_id (&self->minute_id, g_source_remove);
  if (self->changes != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->changes, self);
      mc_store_changes_unwatch_others (self->changes);
      g_clear_object (&self->changes);
    }
  if (self->review_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->review_window));
  g_clear_object (&self->review_window);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_WINDOW);
  g_clear_object (&self->counter);
  g_clear_object (&self->model);
  g_clear_object (&self->sync_status);
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
    case PROP_COUNTER_STORE:
      g_value_set_object (value, self->counter_store);
      break;
    case PROP_ORDER_STORE:
      g_value_set_object (value, self->order_store);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
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
    case PROP_COUNTER_STORE:
      self->counter_store = g_value_dup_object (value);
      break;
    case PROP_ORDER_STORE:
      self->order_store = g_value_dup_object (value);
      break;
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
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

#ifdef __GLIBC__
  /* The queue's id arrays and bitmaps are megabytes each at a million dossiers, made and freed
   * on every view switch and search. glibc raises its mmap threshold to the size of the first
   * such block freed, and from then on keeps them in the heap, where the freed ones fragment
   * and stay resident: a fixed threshold gives them back to the system when freed (the peak
   * RSS of the queue benchmark at a million dossiers drops by 7-9 MB). */
  mallopt (M_MMAP_THRESHOLD, 1024 * 1024);
#endif
  object_class->constructed = mc_window_constructed;
  object_class->dispose = mc_window_dispose;
  object_class->get_property = mc_window_get_property;
  object_class->set_property = mc_window_set_property;
  window_class->close_request = mc_window_close_request;
  widget_class->map = mc_window_map;

  /* The connection for the main loop; the counts' worker's; the sort orders' worker's
   * (optional: SQLite sorts without it). */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTER_STORE] =
    g_param_spec_object ("counter-store", NULL, NULL, MC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER_STORE] =
    g_param_spec_object ("order-store", NULL, NULL, MC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The queue over "store" (NULL: the window makes it). */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MC_TYPE_QUEUE_MODEL,
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
  gtk_widget_class_bind_template_child (widget_class, McWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, McWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, McWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, McWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, McWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, McWindow, receive_button);
  gtk_widget_class_bind_template_child (widget_class, McWindow, review_button);
  gtk_widget_class_bind_template_child (widget_class, McWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, McWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, McWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, McWindow, list_banner);
  gtk_widget_class_bind_template_child (widget_class, McWindow, dossier_banner);
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
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (self));

  load_settings (self);
  /* Typing anywhere in the list starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->queue_view));
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (mc_window_search_activate),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (mc_window_stop_search),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "notify::view", G_CALLBACK (on_view_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "notify::ministry", G_CALLBACK (on_ministry_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue_view, "activate", G_CALLBACK (on_row_activated),
                           self, G_CONNECT_SWAPPED);
}

/* Returns: (nullable): the window of @store's profile, or NULL with @error set when the
 * connections for its worker threads cannot be opened. */
McWindow *
mc_window_new (GtkApplication  *application,
               McStore         *store,
               GError         **error)
{
  const char *path;
  g_autoptr(McStore) counter_store = NULL;
  g_autoptr(McStore) order_store = NULL;
  g_autoptr(McQueueModel) model = NULL;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MC_IS_STORE (store), NULL);

  path = mc_store_get_path (store);
  if (!(counter_store = mc_store_open (path, MC_STORE_OPEN_EXISTING, error)))
    return NULL;
  mc_store_queue_use_small_cache (counter_store);
  /* Without it the queue is sorted by SQLite, only slower. */
  if ((order_store = mc_store_open (path, MC_STORE_OPEN_EXISTING, NULL)) != NULL)
    mc_store_queue_use_small_cache (order_store);
  model = mc_queue_model_new (store, order_store);
  /* The sidebar opens on all dossiers: counted on the counts' connection (idle until the first
   * frame) while the window makes its widgets. */
  mc_queue_model_count_ahead (model, counter_store, MC_QUEUE_ALL);
  return g_object_new (MC_TYPE_WINDOW, "application", application, "store", store,
                       "counter-store", counter_store, "order-store", order_store, "model", model, NULL);
}

/* The reports, in the content stack beside the queue. Made the first time they are shown:
 * most days they are not, and their widgets were a tenth of the window's (6 ms of CPU of the
 * first frame). Each connection reads the office's days off, extra working days and hours from
 * the profile itself (mc_store_get_calendar (), mc_store_get_deadline_settings ()). */
McReportView *
mc_window_get_report_view (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  if (self->report_view == NULL)
    {
      self->report_view = g_object_new (MC_TYPE_REPORT_VIEW, NULL);
      mc_report_view_set_store (self->report_view, self->store);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->report_view), "reports");
    }
  return self->report_view;
}

McStore *
mc_window_get_store (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return self->store;
}

/* Returns: the id of the dossier the detail shows, 0 when none. */
gint64
mc_window_get_shown_dossier (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), 0);
  return mc_dossier_view_get_dossier_id (self->dossier_view);
}

/* The application's sync engine, shown by the header bar's indicator and the banners. */
void
mc_window_set_sync_engine (McWindow     *self,
                           McSyncEngine *engine)
{
  g_return_if_fail (MC_IS_WINDOW (self));
  mc_sync_status_set_engine (self->sync_status, engine);
  mc_sign_in_prompt_set_engine (self->sign_in_prompt, engine);
  mc_dossier_view_set_sync_engine (self->dossier_view, engine);
  /* A new engine: the profile's ministry systems may have changed. */
  mc_queue_list_sources_changed (self->queue_view);
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
