/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-a11y.h"
#include "mc-alert.h"
#include "mc-calendar-editor.h"
#include "mc-official.h"
#include "mc-store-calendar.h"
#include "mc-store-queue.h"
#include "mc-time.h"

/* The office calendar of one year, as the deadline engine counts it: every day off and extra
 * working day with where it comes from (rule, official table, this office). Edits go through
 * mc-store-calendar, which audits each one, into the profile, where every connection's calendar
 * (mc_store_get_calendar ()) reads it from; "changed" tells the window to recount. A rule or
 * official day off is "removed" by a local edit that cancels it, so the official table itself
 * is never changed and removing the edit brings the holiday back. */

struct _McCalendarEditor
{
  AdwPreferencesPage parent_instance;

  GtkSpinButton *year_spin;
  AdwEntryRow *date_row;
  AdwEntryRow *day_name_row;
  GtkListBox *days_list;

  McStore *store;
  int year;
  GHashTable *origins;   /* "YYYY-MM-DD" → the origin label of the day's row */
};

G_DEFINE_FINAL_TYPE (McCalendarEditor, mc_calendar_editor, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (McCalendarEditor *self,
            const GError     *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), mc_toast_new (error->message));
  else
    g_warning ("%s", error->message);
}

static char *
date_key (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static GtkWidget *
make_row (McCalendarEditor      *self,
          const McCalendarEntry *e)
{
  static const char *weekdays[] = {
    NULL, N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
  };
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *kind = gtk_label_new (mc_calendar_day_kind_label (e->kind));
  GtkWidget *origin = gtk_label_new (mc_calendar_source_label (e->source));
  g_autofree char *key = date_key (&e->date);
  /* TRANSLATORS: a day of the calendar: weekday, then DD/MM/YYYY */
  g_autofree char *title = g_strdup_printf (_("%s, %02d/%02d/%04d"),
                                            g_dgettext (GETTEXT_PACKAGE, weekdays[g_date_get_weekday (&e->date)]),
                                            g_date_get_day (&e->date), g_date_get_month (&e->date),
                                            g_date_get_year (&e->date));
  g_autofree char *description = g_strdup_printf ("%s, %s", mc_calendar_day_kind_label (e->kind),
                                                  mc_calendar_source_label (e->source));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (e->name != NULL && *e->name != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), e->name);
  gtk_widget_add_css_class (kind, e->kind == MC_CALENDAR_DAY_OFF ? "day-off" : "working-day");
  gtk_widget_add_css_class (origin, "dim-label");
  gtk_widget_add_css_class (origin, "caption");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), kind);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), origin);

  /* A day off can always be removed; a local extra working day or cancellation undone. */
  if (e->kind == MC_CALENDAR_DAY_OFF || e->source == MC_CALENDAR_SOURCE_LOCAL)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name (e->kind == MC_CALENDAR_DAY_OFF ? "user-trash-symbolic"
                                                                                      : "edit-undo-symbolic");
      const char *what = e->kind == MC_CALENDAR_DAY_OFF ? _("Remove this day off") : _("Undo this local change");
      g_autofree char *label = g_strdup_printf ("%s: %s", what, title);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, what);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "calendar.remove");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", key);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  g_hash_table_insert (self->origins, g_steal_pointer (&key), origin);
  return row;
}

static void
fill (McCalendarEditor *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *child;

  g_hash_table_remove_all (self->origins);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->days_list))) != NULL)
    gtk_list_box_remove (self->days_list, child);
  if (self->store == NULL)
    return;
  {
    g_autoptr(McCalendar) calendar = mc_store_get_calendar (self->store);

    entries = mc_calendar_list_year (calendar, self->year);
  }
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->days_list, make_row (self, g_ptr_array_index (entries, i)));
}

/* The edit is stored (every connection's calendar reads it): the list and the window follow. */
static void
after_edit (McCalendarEditor *self,
            const GDate      *date)
{
  if (date != NULL && g_date_get_year (date) != self->year)
    mc_calendar_editor_set_year (self, g_date_get_year (date));
  else
    fill (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_day (McCalendarEditor  *self,
         McCalendarDayKind  kind)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->day_name_row))));
  g_autofree char *actor = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;

  g_return_if_fail (self->store != NULL);

  if (!mc_time_parse_date (text, &date))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date: write it as DD/MM/YYYY"), text);
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
      show_error (self, error);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  actor = mc_official_name (self->store);
  if (!mc_store_set_calendar_edit (self->store, &date, kind, name, actor, &error))
    {
      show_error (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->day_name_row), "");
  after_edit (self, &date);
}

static void
add_day_off_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  add_day (MC_CALENDAR_EDITOR (widget), MC_CALENDAR_DAY_OFF);
}

static void
add_work_day_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  add_day (MC_CALENDAR_EDITOR (widget), MC_CALENDAR_DAY_WORK);
}

/* calendar.remove("YYYY-MM-DD"): a local edit goes; a rule or official day off is cancelled by
 * a local edit. */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  McCalendarEditor *self = MC_CALENDAR_EDITOR (widget);
  g_autoptr(McCalendarEntry) entry = NULL;
  g_autofree char *actor = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;
  gboolean ok;

  g_return_if_fail (self->store != NULL);

  if (!mc_time_parse_date (g_variant_get_string (parameter, NULL), &date))
    return;
  {
    g_autoptr(McCalendar) calendar = mc_store_get_calendar (self->store);

    entry = mc_calendar_get_entry (calendar, &date);
  }
  if (entry == NULL)
    return;
  actor = mc_official_name (self->store);
  if (entry->source == MC_CALENDAR_SOURCE_LOCAL)
    ok = mc_store_remove_calendar_edit (self->store, &date, actor, &error);
  else if (entry->kind == MC_CALENDAR_DAY_OFF)
    ok = mc_store_set_calendar_edit (self->store, &date, MC_CALENDAR_DAY_NOT_OFF, "", actor, &error);
  else
    return;
  if (!ok)
    show_error (self, error);
  after_edit (self, NULL);
}

static void
on_year_changed (McCalendarEditor *self)
{
  mc_calendar_editor_set_year (self, gtk_spin_button_get_value_as_int (self->year_spin));
}

static void
mc_calendar_editor_dispose (GObject *object)
{
  McCalendarEditor *self = MC_CALENDAR_EDITOR (object);

  g_clear_pointer (&self->origins, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_CALENDAR_EDITOR);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mc_calendar_editor_parent_class)->dispose (object);
}

static void
mc_calendar_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  McCalendarEditor *self = MC_CALENDAR_EDITOR (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_calendar_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  McCalendarEditor *self = MC_CALENDAR_EDITOR (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      mc_calendar_editor_set_year (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_calendar_editor_class_init (McCalendarEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_calendar_editor_dispose;
  object_class->get_property = mc_calendar_editor_get_property;
  object_class->set_property = mc_calendar_editor_set_property;

  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 1900, 2100, 2026,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after each stored edit: the deadlines of the office changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-calendar-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, McCalendarEditor, year_spin);
  gtk_widget_class_bind_template_child (widget_class, McCalendarEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, McCalendarEditor, day_name_row);
  gtk_widget_class_bind_template_child (widget_class, McCalendarEditor, days_list);

  gtk_widget_class_install_action (widget_class, "calendar.add-day-off", NULL, add_day_off_action);
  gtk_widget_class_install_action (widget_class, "calendar.add-work-day", NULL, add_work_day_action);
  gtk_widget_class_install_action (widget_class, "calendar.remove", "s", remove_action);
}

static void
mc_calendar_editor_init (McCalendarEditor *self)
{
  g_autoptr(GDateTime) now = mc_time_to_local (mc_time_now ());

  self->origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
  self->year = g_date_time_get_year (now);
  gtk_spin_button_set_value (self->year_spin, self->year);
  g_signal_connect_object (self->year_spin, "value-changed", G_CALLBACK (on_year_changed), self, G_CONNECT_SWAPPED);
}

/* Shows and edits the calendar of @store's profile (the one its queue counts with). */
void
mc_calendar_editor_set_store (McCalendarEditor *self,
                              McStore          *store)
{
  g_return_if_fail (MC_IS_CALENDAR_EDITOR (self));
  g_return_if_fail (store == NULL || MC_IS_STORE (store));

  g_set_object (&self->store, store);
  fill (self);
}

int
mc_calendar_editor_get_year (McCalendarEditor *self)
{
  g_return_val_if_fail (MC_IS_CALENDAR_EDITOR (self), 0);
  return self->year;
}

void
mc_calendar_editor_set_year (McCalendarEditor *self,
                             int               year)
{
  g_return_if_fail (MC_IS_CALENDAR_EDITOR (self));

  if (self->year == year)
    return;
  self->year = year;
  gtk_spin_button_set_value (self->year_spin, year);
  fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

GtkListBox *
mc_calendar_editor_get_list (McCalendarEditor *self)
{
  g_return_val_if_fail (MC_IS_CALENDAR_EDITOR (self), NULL);
  return self->days_list;
}

/* Returns: (nullable): the origin the list shows for @date ("rule", "official", "local", in
 * the official's language), NULL when the year shown has no entry on that day. */
const char *
mc_calendar_editor_get_origin_text (McCalendarEditor *self,
                                    const GDate      *date)
{
  g_autofree char *key = NULL;
  GtkLabel *origin;

  g_return_val_if_fail (MC_IS_CALENDAR_EDITOR (self), NULL);

  key = date_key (date);
  origin = g_hash_table_lookup (self->origins, key);
  return origin ? gtk_label_get_text (origin) : NULL;
}
