/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-secrets.h"
#include "mc-source-editor.h"
#include "mc-combo-row.h"
#include "mc-dialog-util.h"

/* The form of one ministry system: add a new one or edit one (its id stays). It only collects
 * what the official typed; the sources page stores the source and hands the password to the
 * keyring (mc-secrets), so that nothing here outlives the dialog. "Save" is offered only once
 * the form is complete, as a message dialog cannot stay open on an error. */

static const char *const ministries[] = { "G16", "G03", "G09", "G18", "G21" };
/* In the order of the "kind of system" list (mc-source-editor.ui), which names them in words. */
static const char *const dialects[] = { "lgsp", "dvcqg", "rest", "feed", "legacy" };

struct _McSourceEditor
{
  AdwMessageDialog parent_instance;

  AdwEntryRow *id_row;
  AdwEntryRow *name_row;
  AdwComboRow *ministry_row;
  AdwComboRow *dialect_row;
  AdwEntryRow *url_row;
  AdwEntryRow *unit_row;
  AdwEntryRow *account_row;
  AdwEntryRow *password_row;
  AdwEntryRow *api_key_row;

  McSource *source;       /* the source edited; NULL when adding */
  GHashTable *taken_ids;  /* ids of the profile's sources, which a new one must not reuse */
};

G_DEFINE_FINAL_TYPE (McSourceEditor, mc_source_editor, ADW_TYPE_MESSAGE_DIALOG)

static char *
text_of (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static const char *
selected_dialect (McSourceEditor *self)
{
  guint i = adw_combo_row_get_selected (self->dialect_row);

  return i < G_N_ELEMENTS (dialects) ? dialects[i] : dialects[0];
}

static gboolean
valid_id (const char *id)
{
  if (*id == '\0')
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static const char *
selected_ministry (McSourceEditor *self)
{
  guint m = adw_combo_row_get_selected (self->ministry_row);

  return m < G_N_ELEMENTS (ministries) ? ministries[m] : ministries[0];
}

/* A new source's key: the one typed (scripts, tests), else made from its ministry ("g09",
 * then "g09-2"…), unique in the profile. */
static char *
new_id (McSourceEditor *self)
{
  g_autofree char *typed = text_of (self->id_row);
  g_autofree char *base = NULL;
  char *id;

  if (*typed)
    return g_steal_pointer (&typed);
  base = g_ascii_strdown (selected_ministry (self), -1);
  id = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (self->taken_ids, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  return id;
}

/* Save is enabled when the form makes a usable source; a new one also needs its password. */
static void
update_state (McSourceEditor *self)
{
  g_autofree char *id = new_id (self);
  g_autofree char *url = text_of (self->url_row);
  g_autofree char *unit = text_of (self->unit_row);
  g_autofree char *password = text_of (self->password_row);
  g_autofree char *api_key = text_of (self->api_key_row);
  const char *dialect = selected_dialect (self);
  gboolean rest = g_str_equal (dialect, "rest");
  gboolean id_ok = self->source != NULL || (valid_id (id) && !g_hash_table_contains (self->taken_ids, id));
  gboolean url_ok = g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://");
  gboolean ok = id_ok && url_ok && *unit &&
                (self->source != NULL || (*password && (!rest || *api_key)));

  gtk_widget_set_visible (GTK_WIDGET (self->api_key_row), rest);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 mc_secret_kind_label (mc_secret_kind_for_sign_in (dialect)));
  if (*id && !id_ok)
    gtk_widget_add_css_class (GTK_WIDGET (self->id_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->id_row), "error");
  if (*url && !url_ok)
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", ok);
}

static guint
index_of (const char *const *values,
          guint              n,
          const char        *value)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 0;
}

static void
fill (McSourceEditor *self)
{
  const McSource *s = self->source;

  if (s == NULL)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Add a Ministry System"));
      return;
    }
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), s->name);
  gtk_editable_set_text (GTK_EDITABLE (self->id_row), s->id);
  gtk_editable_set_editable (GTK_EDITABLE (self->id_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), s->name);
  adw_combo_row_set_selected (self->ministry_row, index_of (ministries, G_N_ELEMENTS (ministries), s->ministry));
  adw_combo_row_set_selected (self->dialect_row, index_of (dialects, G_N_ELEMENTS (dialects), s->dialect));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), s->base_url);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), s->unit_code);
  gtk_editable_set_text (GTK_EDITABLE (self->account_row), s->account ? s->account : "");
}

static void
mc_source_editor_finalize (GObject *object)
{
  McSourceEditor *self = MC_SOURCE_EDITOR (object);

  g_clear_pointer (&self->source, mc_source_free);
  g_clear_pointer (&self->taken_ids, g_hash_table_unref);
  G_OBJECT_CLASS (mc_source_editor_parent_class)->finalize (object);
}

static void
mc_source_editor_dispose (GObject *object)
{
  mc_dialog_dispose_template (GTK_WINDOW (object), MC_TYPE_SOURCE_EDITOR);
  G_OBJECT_CLASS (mc_source_editor_parent_class)->dispose (object);
}

static void
mc_source_editor_class_init (McSourceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_source_editor_dispose;
  object_class->finalize = mc_source_editor_finalize;

  g_type_ensure (MC_TYPE_COMBO_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-source-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, McSourceEditor, id_row);
  gtk_widget_class_bind_template_child (widget_class, McSourceEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, McSourceEditor, ministry_row);
  gtk_widget_class_bind_template_child (widget_class, McSourceEditor, dialect_row);
  gtk_widget_class_bind_template_child (widget_class, McSourceEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, McSourceEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, McSourceEditor, account_row);
  gtk_widget_class_bind_template_child (widget_class, McSourceEditor, password_row);
  gtk_widget_class_bind_template_child (widget_class, McSourceEditor, api_key_row);
}

static void
mc_source_editor_init (McSourceEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  AdwEntryRow *entries[7];

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (ministries); i++)
    gtk_string_list_append (names, mc_ministry_name (ministries[i]));
  adw_combo_row_set_model (self->ministry_row, G_LIST_MODEL (names));

  entries[0] = self->id_row;
  entries[1] = self->name_row;
  entries[2] = self->url_row;
  entries[3] = self->unit_row;
  entries[4] = self->account_row;
  entries[5] = self->password_row;
  entries[6] = self->api_key_row;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (entries[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entries[i])), -1);
      g_signal_connect_object (entries[i], "changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->dialect_row, "notify::selected", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ministry_row, "notify::selected", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
}

/* A dialog over @parent for a new source (@source NULL) or for editing @source. @existing
 * (element-type McSource): the profile's sources, whose ids a new one must not take. */
McSourceEditor *
mc_source_editor_new (GtkWindow      *parent,
                      GPtrArray      *existing,
                      const McSource *source)
{
  McSourceEditor *self = g_object_new (MC_TYPE_SOURCE_EDITOR, "transient-for", parent, NULL);

  self->source = source ? mc_source_copy (source) : NULL;
  self->taken_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; existing != NULL && i < existing->len; i++)
    g_hash_table_add (self->taken_ids, g_strdup (((McSource *) g_ptr_array_index (existing, i))->id));
  fill (self);
  update_state (self);
  return self;
}

gboolean
mc_source_editor_is_new (McSourceEditor *self)
{
  g_return_val_if_fail (MC_IS_SOURCE_EDITOR (self), FALSE);
  return self->source == NULL;
}

/* Returns: (transfer full): the source as the form describes it. */
McSource *
mc_source_editor_dup_source (McSourceEditor *self)
{
  g_autofree char *id = NULL;
  g_autofree char *name = text_of (self->name_row);
  g_autofree char *url = text_of (self->url_row);
  g_autofree char *unit = text_of (self->unit_row);
  g_autofree char *account = text_of (self->account_row);
  McSource *source;

  g_return_val_if_fail (MC_IS_SOURCE_EDITOR (self), NULL);

  id = self->source ? g_strdup (self->source->id) : new_id (self);
  source = mc_source_new (id, selected_ministry (self), selected_dialect (self),
                          *name ? name : mc_ministry_name (selected_ministry (self)), url, unit, account);
  source->enabled = self->source ? self->source->enabled : TRUE;
  return source;
}

/* Returns: (transfer full) (nullable): the password typed, NULL when none (keep the stored one).
 * Free it with mc_secrets_free (). */
char *
mc_source_editor_dup_password (McSourceEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  g_return_val_if_fail (MC_IS_SOURCE_EDITOR (self), NULL);
  return *text ? g_strdup (text) : NULL;
}

/* Returns: (transfer full) (nullable): the application key typed (rest only). */
char *
mc_source_editor_dup_api_key (McSourceEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->api_key_row));

  g_return_val_if_fail (MC_IS_SOURCE_EDITOR (self), NULL);
  return *text && g_str_equal (selected_dialect (self), "rest") ? g_strdup (text) : NULL;
}

/* Returns: (transfer none): the row of @field ("id", "name", "ministry", "dialect", "url",
 * "unit", "account", "password", "api-key"). */
GtkWidget *
mc_source_editor_get_row (McSourceEditor *self,
                          const char     *field)
{
  const struct { const char *field; gpointer row; } rows[] = {
    { "id", self->id_row }, { "name", self->name_row }, { "ministry", self->ministry_row },
    { "dialect", self->dialect_row }, { "url", self->url_row }, { "unit", self->unit_row },
    { "account", self->account_row }, { "password", self->password_row }, { "api-key", self->api_key_row },
  };

  g_return_val_if_fail (MC_IS_SOURCE_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].field, field))
      return rows[i].row;
  return NULL;
}
