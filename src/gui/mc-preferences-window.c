/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-alert.h"
#include "mc-preferences-window.h"
#include "mc-a11y.h"
#include "mc-combo-row.h"
#include "mc-official.h"
#include "mc-scanner.h"
#include "mc-store-settings.h"

/* The Preferences window: the official's identity, the office's settings (hours, deadlines,
 * what the printed forms say), the office calendar and the ministry systems. Everything here
 * belongs to the profile, so it is stored in the profile's settings table (audited, as the
 * forms and deadlines depend on it), never in GSettings. A change applies at once: the main
 * window recounts its deadline views and redraws the time left. */

struct _McPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow *name_row;
  AdwEntryRow *title_row;
  AdwEntryRow *department_row;
  AdwEntryRow *parent_row;
  AdwEntryRow *unit_row;
  AdwEntryRow *place_row;
  AdwEntryRow *phone_row;
  AdwEntryRow *receiver_title_row;
  AdwEntryRow *applicant_title_row;
  AdwEntryRow *head_title_row;
  AdwEntryRow *legal_basis_row;
  AdwEntryRow *morning_row;
  AdwEntryRow *afternoon_row;
  GtkSpinButton *due_soon_spin;
  GtkSwitch *saturday_switch;
  AdwComboRow *scanner_row;
  McCalendarEditor *calendar_editor;
  McSourcePage *source_page;

  McWindow *window;
  GStrv scanner_names;  /* the SANE name of each item of scanner_row; "" for none */
};

G_DEFINE_FINAL_TYPE (McPreferencesWindow, mc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_WINDOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Which setting of mc-store-settings each entry row edits. */
static const struct {
  const char *key;
  gsize offset;
} entry_keys[] = {
  { "official.name", G_STRUCT_OFFSET (McPreferencesWindow, name_row) },
  { "official.title", G_STRUCT_OFFSET (McPreferencesWindow, title_row) },
  { "official.department", G_STRUCT_OFFSET (McPreferencesWindow, department_row) },
  { "office.parent", G_STRUCT_OFFSET (McPreferencesWindow, parent_row) },
  { "office.unit", G_STRUCT_OFFSET (McPreferencesWindow, unit_row) },
  { "office.place", G_STRUCT_OFFSET (McPreferencesWindow, place_row) },
  { "office.phone", G_STRUCT_OFFSET (McPreferencesWindow, phone_row) },
  { "form.receiver-title", G_STRUCT_OFFSET (McPreferencesWindow, receiver_title_row) },
  { "form.applicant-title", G_STRUCT_OFFSET (McPreferencesWindow, applicant_title_row) },
  { "form.head-title", G_STRUCT_OFFSET (McPreferencesWindow, head_title_row) },
  { "form.legal-basis", G_STRUCT_OFFSET (McPreferencesWindow, legal_basis_row) },
  { "hours.morning", G_STRUCT_OFFSET (McPreferencesWindow, morning_row) },
  { "hours.afternoon", G_STRUCT_OFFSET (McPreferencesWindow, afternoon_row) },
};

#define ENTRY_ROW(self, i) (*(AdwEntryRow **) G_STRUCT_MEMBER_P (self, entry_keys[i].offset))

static McStore *
get_store (McPreferencesWindow *self)
{
  return mc_window_get_store (self->window);
}

static void
show_error (McPreferencesWindow *self,
            const GError        *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), mc_toast_new (error->message));
}

/* Writes @value (NULL or empty: back to the default) to @key; the deadline settings take
 * effect in the main window at once, through the store's change stream. */
static gboolean
save_setting (McPreferencesWindow *self,
              const char          *key,
              const char          *value)
{
  McStore *store = get_store (self);
  g_autofree char *actor = mc_official_name (store);
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;

  if (!mc_store_lookup_setting (store, key, &stored, &error))
    goto fail;
  if (value == NULL || *value == '\0')
    {
      if (stored != NULL && !mc_store_unset_setting (store, key, actor, &error))
        goto fail;
    }
  else if (g_strcmp0 (stored, value) != 0 && !mc_store_set_setting (store, key, value, actor, &error))
    goto fail;
  return TRUE;

fail:
  show_error (self, error);
  return FALSE;
}

static void
load_entry (McPreferencesWindow *self,
            AdwEntryRow         *row,
            const char          *key)
{
  g_autofree char *value = mc_store_get_setting (get_store (self), key, NULL);

  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
}

/* Returns: the setting @row edits. */
static const char *
row_key (McPreferencesWindow *self,
         AdwEntryRow         *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (entry_keys); i++)
    if (ENTRY_ROW (self, i) == row)
      return entry_keys[i].key;
  g_return_val_if_reached (NULL);
}

static void
on_entry_apply (AdwEntryRow         *row,
                McPreferencesWindow *self)
{
  const char *key = row_key (self, row);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (save_setting (self, key, text))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      /* An emptied field shows the default it went back to. */
      load_entry (self, row, key);
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static void
on_due_soon_changed (GtkSpinButton       *spin,
                     McPreferencesWindow *self)
{
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));

  save_setting (self, "deadline.due-soon-hours", value);
}

static void
on_saturday_changed (GtkSwitch           *sw,
                     GParamSpec          *pspec,
                     McPreferencesWindow *self)
{
  save_setting (self, "reception.saturday-morning", gtk_switch_get_active (sw) ? "true" : "false");
}

static void
on_scanner_selected (AdwComboRow         *row,
                     GParamSpec          *pspec,
                     McPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (row);

  if (self->scanner_names != NULL && i < g_strv_length (self->scanner_names))
    save_setting (self, "scanner.device", self->scanner_names[i]);
}

/* The scanners SANE finds (it may take seconds: network backends probe), with the one chosen
 * before kept in the list even when it is not connected now. */
static void
on_scanners_listed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(McPreferencesWindow) self = data;
  g_autoptr(GPtrArray) devices = mc_scan_list_devices_finish (result, NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autofree char *chosen = NULL;
  guint selected = 0, n = 1;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->window == NULL)
    return;
  chosen = mc_store_get_setting (get_store (self), "scanner.device", NULL);
  gtk_string_list_append (labels, _("None"));
  g_strv_builder_add (names, "");
  for (guint i = 0; devices != NULL && i < devices->len; i++, n++)
    {
      McScanDevice *d = g_ptr_array_index (devices, i);
      g_autofree char *label = mc_scan_device_label (d);

      gtk_string_list_append (labels, label);
      g_strv_builder_add (names, d->name);
      if (g_strcmp0 (chosen, d->name) == 0)
        selected = n;
    }
  if (chosen != NULL && *chosen != '\0' && selected == 0)
    {
      g_autofree char *label = g_strdup_printf (_("%s (not connected)"), chosen);

      gtk_string_list_append (labels, label);
      g_strv_builder_add (names, chosen);
      selected = n;
    }
  g_strfreev (self->scanner_names);
  self->scanner_names = g_strv_builder_end (names);
  adw_combo_row_set_model (self->scanner_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->scanner_row, selected);
  g_signal_connect_object (self->scanner_row, "notify::selected", G_CALLBACK (on_scanner_selected), self, 0);
}

/* Fills the rows from the profile before any handler is connected, so that loading writes
 * nothing. */
static void
load (McPreferencesWindow *self)
{
  McStore *store = get_store (self);
  McDeadlineSettings settings;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (entry_keys); i++)
    {
      AdwEntryRow *row = ENTRY_ROW (self, i);
      const McSettingInfo *info = mc_settings_lookup (entry_keys[i].key);

      load_entry (self, row, entry_keys[i].key);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), g_dgettext (GETTEXT_PACKAGE, info->summary));
      /* Named by its title (the row is labelled by it), described by what the key is for. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      g_dgettext (GETTEXT_PACKAGE, info->summary), -1);
      g_signal_connect_object (row, "apply", G_CALLBACK (on_entry_apply), self, 0);
    }
  if (!mc_store_load_deadline_settings (store, &settings, &error))
    {
      show_error (self, error);
      mc_deadline_settings_init (&settings);
    }
  gtk_spin_button_set_value (self->due_soon_spin, settings.due_soon_seconds / 3600);
  gtk_switch_set_active (self->saturday_switch, settings.saturday_morning_reception);
  g_signal_connect_object (self->due_soon_spin, "value-changed", G_CALLBACK (on_due_soon_changed), self, 0);
  g_signal_connect_object (self->saturday_switch, "notify::active", G_CALLBACK (on_saturday_changed), self, 0);

  mc_calendar_editor_set_store (self->calendar_editor, store);
  mc_source_page_set_store (self->source_page, store);
  mc_scan_list_devices_async (NULL, on_scanners_listed, g_object_ref (self));
}

static void
mc_preferences_window_constructed (GObject *object)
{
  McPreferencesWindow *self = MC_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (mc_preferences_window_parent_class)->constructed (object);

  g_assert (MC_IS_WINDOW (self->window));
  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (self->window));
  gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (GTK_WINDOW (self->window)));
  load (self);
}

static void
mc_preferences_window_dispose (GObject *object)
{
  McPreferencesWindow *self = MC_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->window);
  g_clear_pointer (&self->scanner_names, g_strfreev);
  G_OBJECT_CLASS (mc_preferences_window_parent_class)->dispose (object);
}

static void
mc_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  McPreferencesWindow *self = MC_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_value_set_object (value, self->window);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  McPreferencesWindow *self = MC_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      self->window = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_preferences_window_class_init (McPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mc_preferences_window_constructed;
  object_class->dispose = mc_preferences_window_dispose;
  object_class->get_property = mc_preferences_window_get_property;
  object_class->set_property = mc_preferences_window_set_property;

  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL, MC_TYPE_WINDOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MC_TYPE_CALENDAR_EDITOR);
  g_type_ensure (MC_TYPE_COMBO_ROW);
  g_type_ensure (MC_TYPE_SOURCE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-preferences-window.ui");
  /* A screen reader announces it as a dialog over the main window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, title_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, department_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, parent_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, place_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, receiver_title_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, applicant_title_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, head_title_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, legal_basis_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, morning_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, afternoon_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, due_soon_spin);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, saturday_switch);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, scanner_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, calendar_editor);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, source_page);
}

static void
mc_preferences_window_init (McPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mc_a11y_name_first_of_type (GTK_WIDGET (self), GTK_TYPE_SEARCH_ENTRY, _("Search Preferences"));
}

McPreferencesWindow *
mc_preferences_window_new (McWindow *window)
{
  g_return_val_if_fail (MC_IS_WINDOW (window), NULL);

  return g_object_new (MC_TYPE_PREFERENCES_WINDOW, "window", window, NULL);
}

McWindow *
mc_preferences_window_get_window (McPreferencesWindow *self)
{
  g_return_val_if_fail (MC_IS_PREFERENCES_WINDOW (self), NULL);
  return self->window;
}

/* Returns: (transfer none) (nullable): the row that edits the setting @key (tests, and a
 * future "jump to this setting" from an error message). */
GtkWidget *
mc_preferences_window_get_row (McPreferencesWindow *self,
                               const char          *key)
{
  g_return_val_if_fail (MC_IS_PREFERENCES_WINDOW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entry_keys); i++)
    if (g_str_equal (entry_keys[i].key, key))
      return GTK_WIDGET (ENTRY_ROW (self, i));
  if (g_str_equal (key, "deadline.due-soon-hours"))
    return GTK_WIDGET (self->due_soon_spin);
  if (g_str_equal (key, "reception.saturday-morning"))
    return GTK_WIDGET (self->saturday_switch);
  if (g_str_equal (key, "scanner.device"))
    return GTK_WIDGET (self->scanner_row);
  return NULL;
}

/* The engine that syncs the profile (NULL when none runs): signing in from the sources page
 * then resumes the source at once; training mode (NULL outside it) tests its systems. */
void
mc_preferences_window_set_sync (McPreferencesWindow *self,
                                McSyncEngine        *engine,
                                McTraining          *training)
{
  g_return_if_fail (MC_IS_PREFERENCES_WINDOW (self));
  mc_source_page_set_sync (self->source_page, engine, training);
}

McCalendarEditor *
mc_preferences_window_get_calendar_editor (McPreferencesWindow *self)
{
  g_return_val_if_fail (MC_IS_PREFERENCES_WINDOW (self), NULL);
  return self->calendar_editor;
}

McSourcePage *
mc_preferences_window_get_source_page (McPreferencesWindow *self)
{
  g_return_val_if_fail (MC_IS_PREFERENCES_WINDOW (self), NULL);
  return self->source_page;
}
