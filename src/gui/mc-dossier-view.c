/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "mc-action-bar.h"
#include "mc-catalog.h"
#include "mc-dossier-view.h"
#include "mc-file-strip.h"
#include "mc-format.h"
#include "mc-source.h"
#include "mc-store-files.h"
#include "mc-store-queue.h"
#include "mc-time.h"

/* The detail of one dossier: everything the official needs at the counter or while processing
 * it, read from the store in one go when the dossier is shown. Nine groups of rows, refilled
 * for each dossier; one dossier has at most a few dozen rows, so rebuilding them is cheaper
 * than keeping widgets in sync. */

struct _McDossierView
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkScrolledWindow *scroller;
  GtkLabel *number_label;
  GtkLabel *procedure_label;
  GtkLabel *status_label;
  McActionBar *action_bar;
  GtkListBox *applicant_list;
  GtkListBox *procedure_list;
  GtkListBox *documents_list;
  GtkListBox *fees_list;
  GtkListBox *supplements_list;
  GtkListBox *results_list;
  GtkListBox *history_list;
  GtkListBox *linked_list;
  GtkListBox *source_list;
  GtkWidget *documents_group;
  GtkWidget *fees_group;
  GtkWidget *supplements_group;
  GtkWidget *results_group;
  GtkWidget *linked_group;

  McDossier *dossier;
  McSyncEngine *engine;      /* downloads the files a ministry system lists; may be NULL */
};

G_DEFINE_FINAL_TYPE (McDossierView, mc_dossier_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOSSIER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A row of the detail: what (@title) above its value (@subtitle). Data from the ministry is
 * plain text, never markup. It is read, not used: no Tab stop (the keyboard scrolls the pane),
 * and a screen reader says what and its value together. */
static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean has_value = subtitle != NULL && *subtitle != '\0';
  g_autofree char *name = has_value ? g_strdup_printf ("%s: %s", title ? title : "", subtitle) : NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (has_value)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name ? name : title ? title : "", -1);
  gtk_list_box_append (list, row);
  return row;
}

static void
add_time_row (GtkListBox *list,
              const char *title,
              gint64      t)
{
  g_autofree char *text = mc_format_time (t);

  if (t != 0)
    add_row (list, title, text);
}

static void
fill_header (McDossierView *self,
             McDossier     *d)
{
  g_autofree char *procedure = g_strdup_printf ("%s · %s", d->procedure_code, d->procedure_name);
  g_autofree char *number = NULL;

  if (d->provisional)
    /* TRANSLATORS: a dossier number given locally while offline, until the ministry assigns one */
    number = g_strdup_printf (_("%s (provisional)"), d->number);
  else
    number = g_strdup (d->number);
  gtk_label_set_text (self->number_label, number);
  gtk_label_set_text (self->procedure_label, procedure);
  gtk_label_set_text (self->status_label, mc_status_label (d->status));
}

static void
fill_applicant (McDossierView *self,
                McDossier     *d)
{
  add_row (self->applicant_list, _("Name"), d->applicant_name);
  add_row (self->applicant_list, _("Applicant type"), mc_applicant_kind_label (d->applicant_kind));
  if (d->id_number)
    add_row (self->applicant_list, _("ID number"), d->id_number);
  if (d->phone)
    add_row (self->applicant_list, _("Phone"), d->phone);
  if (d->address)
    add_row (self->applicant_list, _("Address"), d->address);
  if (d->intake != NULL && d->intake->proxy_name != NULL)
    {
      /* TRANSLATORS: the proxy's name, ID number and authorisation paper */
      g_autofree char *proxy = g_strdup_printf (_("%s, ID number %s, by %s"), d->intake->proxy_name,
                                                d->intake->proxy_id_number, d->intake->proxy_authorization);

      add_row (self->applicant_list, _("Filed by proxy"), proxy);
    }
}

static void
fill_procedure (McDossierView *self,
                McStore       *store,
                McDossier     *d)
{
  const McProcedure *p = mc_catalog_lookup_or_unknown (mc_catalog_get_default (), d->procedure_code);
  g_autofree char *left = NULL;
  McUrgency urgency;
  GtkWidget *row;

  add_row (self->procedure_list, _("Procedure"), d->procedure_name);
  if (p != NULL && p->unknown)
    add_row (self->procedure_list, _("Legal time limit"),
             _("Not in the catalog: the ministry system's due date applies"));
  else if (p != NULL)
    {
      g_autofree char *duration = mc_format_duration (p->duration, p->unit);
      /* TRANSLATORS: a time limit the catalog only assumed, as "15 working days" */
      g_autofree char *assumed = g_strdup_printf (_("%s (assumed: not published in the catalog)"), duration);

      add_row (self->procedure_list, _("Legal time limit"), p->duration_assumed ? assumed : duration);
    }
  add_row (self->procedure_list, _("Channel"), mc_channel_label (d->channel));
  add_row (self->procedure_list, _("Return method"), mc_channel_label (d->return_method));
  add_time_row (self->procedure_list, C_("date", "Submitted"), d->submitted_at);
  add_time_row (self->procedure_list, C_("date", "Received"), d->received_at);
  /* What the receipt prints as provisional; a procedure the catalog does not know has the
   * ministry system's date. */
  if (p != NULL && !p->unknown && mc_catalog_due_is_provisional (mc_catalog_get_default (), d))
    {
      g_autofree char *due = mc_format_time (d->due_at);
      /* TRANSLATORS: a due date computed from an assumed time limit, not yet checked */
      g_autofree char *text = g_strdup_printf (_("%s (provisional: check it against the procedure's time limit)"), due);

      gtk_widget_add_css_class (add_row (self->procedure_list, _("Due"), text), "warning");
    }
  else
    add_time_row (self->procedure_list, _("Due"), d->due_at);
  /* As the queue says it: a dossier waiting for reception has no clock yet, only how long it
   * has waited. */
  left = mc_format_deadline (store, d->status, d->submitted_at, d->due_at, mc_time_now (), &urgency);
  if (urgency == MC_URGENCY_WAITING)
    add_row (self->procedure_list, _("Waiting time"), left);
  else
    {
      row = add_row (self->procedure_list, _("Time left"), left);
      gtk_widget_add_css_class (row, mc_format_urgency_class (urgency));
    }
  add_time_row (self->procedure_list, _("Processing finished"), d->finished_at);
  add_time_row (self->procedure_list, _("Result returned on"), d->returned_at);
}

/* The files of @d that belong to document @name (NULL: to none of its documents). */
static McFileStrip *
files_strip (McDossierView *self,
             McStore       *store,
             McDossier     *d,
             const char    *name,
             GPtrArray     *reusable)
{
  McFileStrip *strip = MC_FILE_STRIP (mc_file_strip_new (name));

  mc_file_strip_set_sync_engine (strip, self->engine);
  for (guint i = 0; i < d->files->len; i++)
    {
      McFile *f = g_ptr_array_index (d->files, i);
      gboolean listed = FALSE;

      for (guint k = 0; name == NULL && k < d->documents->len; k++)
        listed |= g_strcmp0 (((McDocument *) g_ptr_array_index (d->documents, k))->name, f->component) == 0;
      if (name != NULL ? g_strcmp0 (f->component, name) == 0 : !listed)
        mc_file_strip_show_stored (strip, store, f);
    }
  mc_file_strip_set_dossier (strip, store, d->id);
  mc_file_strip_set_reusable (strip, reusable);
  return strip;
}

static void
fill_documents (McDossierView *self,
                McStore       *store,
                McDossier     *d)
{
  /* What the citizen's earlier dossiers have digitised, offered to each document. */
  g_autoptr(GPtrArray) reusable = d->id_number && *d->id_number
                                  ? mc_store_reusable_files (store, d->id_number, d->id, NULL) : NULL;
  McFileStrip *others = files_strip (self, store, d, NULL, NULL);

  for (guint i = 0; i < d->documents->len; i++)
    {
      McDocument *doc = g_ptr_array_index (d->documents, i);
      /* TRANSLATORS: a submitted document: "original", "copy"…, then how many */
      g_autofree char *what = g_strdup_printf (_("%s × %d"), mc_received_form_name (mc_document_get_received (doc)),
                                               doc->count);
      GtkWidget *row = add_row (self->documents_list, doc->name, what);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (files_strip (self, store, d, doc->name, reusable)));
    }
  /* What the ministry system lists under no document of the list (a scan of the whole
   * dossier, the result): shown, and attached there, under "Other files". */
  if (mc_file_strip_get_n_files (others) > 0)
    {
      GtkWidget *row = add_row (self->documents_list, _("Other files"), NULL);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (others));
    }
  else
    g_object_unref (g_object_ref_sink (others));
  gtk_widget_set_visible (self->documents_group, d->documents->len > 0);
}

static void
fill_fees (McDossierView *self,
           McDossier     *d)
{
  for (guint i = 0; i < d->fees->len; i++)
    {
      McFee *fee = g_ptr_array_index (d->fees, i);
      g_autofree char *amount = mc_format_money (fee->amount_vnd);
      g_autofree char *text = g_strdup_printf ("%s · %s", amount, fee->paid ? _("Paid") : _("Not paid"));

      add_row (self->fees_list, fee->name, text);
    }
  gtk_widget_set_visible (self->fees_group, d->fees->len > 0);
}

static void
fill_supplements (McDossierView *self,
                  McDossier     *d)
{
  for (guint i = 0; i < d->supplements->len; i++)
    {
      McSupplement *s = g_ptr_array_index (d->supplements, i);
      g_autofree char *requested = mc_format_time (s->requested_at);
      g_autofree char *received = mc_format_time (s->received_at);
      g_autofree char *title = g_strdup_printf (_("Requested %s"), requested);
      g_autofree char *state = s->received_at ? g_strdup_printf (_("Supplemented %s"), received)
                                              : g_strdup (_("Waiting for the applicant"));
      g_autofree char *text = g_strdup_printf ("%s\n%s", s->items, state);

      add_row (self->supplements_list, title, text);
    }
  gtk_widget_set_visible (self->supplements_group, d->supplements->len > 0);
}

static void
fill_results (McDossierView *self,
              McDossier     *d)
{
  for (guint i = 0; i < d->results->len; i++)
    {
      McResult *r = g_ptr_array_index (d->results, i);
      g_autofree char *issued = mc_format_time (r->issued_at);
      g_autofree char *text = g_strdup_printf ("%s · %s", r->number ? r->number : "—", issued);

      add_row (self->results_list, r->name, text);
    }
  gtk_widget_set_visible (self->results_group, d->results->len > 0);
}

/* QuaTrinhXuLy as a timeline, oldest first: when, what, who. */
static void
fill_history (McDossierView *self,
              McDossier     *d)
{
  for (guint i = 0; i < d->history->len; i++)
    {
      McStep *step = g_ptr_array_index (d->history, i);
      g_autofree char *when = mc_format_time (step->at);
      g_autoptr(GString) text = g_string_new (when);
      GtkWidget *row, *dot;

      if (step->actor)
        g_string_append_printf (text, " · %s", step->actor);
      if (step->unit)
        g_string_append_printf (text, " · %s", step->unit);
      if (mc_status_is_valid (step->status))
        g_string_append_printf (text, "\n%s", mc_status_label (step->status));
      if (step->note)
        g_string_append_printf (text, "\n%s", step->note);
      row = add_row (self->history_list, step->action, text->str);
      dot = gtk_image_new_from_icon_name ("media-record-symbolic");
      gtk_widget_add_css_class (dot, i + 1 == d->history->len ? "timeline-current" : "timeline-dot");
      gtk_accessible_update_property (GTK_ACCESSIBLE (dot), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Step"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), dot);
    }
}

static void
fill_linked (McDossierView *self,
             McStore       *store,
             McDossier     *d)
{
  g_autoptr(GPtrArray) links = mc_store_queue_linked (store, d->id, NULL);

  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      McQueueLink *link = g_ptr_array_index (links, i);
      g_autofree char *text = g_strdup_printf ("%s · %s", link->procedure_name, mc_status_label (link->status));
      GtkWidget *row = add_row (self->linked_list, link->number, text);

      gtk_widget_add_css_class (row, "linked");
      /* These open the other dossier: a place for the keyboard. The target first: a name
       * without it is checked at once, and warned about. */
      gtk_widget_set_focusable (row, TRUE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", link->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-dossier");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  gtk_widget_set_visible (self->linked_group, links != NULL && links->len > 0);
}

static void
fill_source (McDossierView *self,
             McStore       *store,
             McDossier     *d)
{
  g_autoptr(McSource) source = mc_store_get_source (store, d->source_id, NULL);
  guint unsynced = mc_store_queue_unsynced (store, d->id, NULL);
  g_autofree char *pending = NULL;

  if (source != NULL)
    {
      const char *ministry = mc_ministry_name (source->ministry);
      g_autofree char *system = g_str_equal (source->name, ministry) ? g_strdup (ministry)
                                : g_strdup_printf ("%s (%s)", source->name, ministry);

      add_row (self->source_list, _("Ministry system"), system);
    }
  add_row (self->source_list, _("Number in the ministry system"),
           d->provisional ? _("Not assigned yet") : d->number);
  if (unsynced == 0)
    pending = g_strdup (_("Everything is synced"));
  else
    pending = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action not yet synced",
                                            "%u actions not yet synced", unsynced), unsynced);
  add_row (self->source_list, _("Sync"), pending);
}

static void
mc_dossier_view_dispose (GObject *object)
{
  McDossierView *self = MC_DOSSIER_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_DOSSIER_VIEW);
  g_clear_pointer (&self->dossier, mc_dossier_unref);
  g_clear_object (&self->engine);
  G_OBJECT_CLASS (mc_dossier_view_parent_class)->dispose (object);
}

static void
mc_dossier_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  McDossierView *self = MC_DOSSIER_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOSSIER_ID:
      g_value_set_int64 (value, mc_dossier_view_get_dossier_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The pane is as wide as the window gives it (its width request), never as wide as its longest
 * text: its width does not jump from one dossier to the next, and wrapping labels wrap. */
static void
mc_dossier_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (MC_DOSSIER_VIEW (widget)->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = *minimum;
}

static void
mc_dossier_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  gtk_widget_allocate (GTK_WIDGET (MC_DOSSIER_VIEW (widget)->stack), width, height, baseline, NULL);
}

static void
mc_dossier_view_class_init (McDossierViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_dossier_view_dispose;
  object_class->get_property = mc_dossier_view_get_property;
  widget_class->measure = mc_dossier_view_measure;
  widget_class->size_allocate = mc_dossier_view_size_allocate;

  properties[PROP_DOSSIER_ID] =
    g_param_spec_int64 ("dossier-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-dossier-view.ui");
  gtk_widget_class_bind_template_child (widget_class, McDossierView, stack);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, scroller);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, number_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, procedure_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, status_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, action_bar);
  g_type_ensure (MC_TYPE_ACTION_BAR);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, applicant_list);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, procedure_list);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, documents_list);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, fees_list);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, supplements_list);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, results_list);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, history_list);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, linked_list);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, source_list);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, documents_group);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, fees_group);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, supplements_group);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, results_group);
  gtk_widget_class_bind_template_child (widget_class, McDossierView, linked_group);
  gtk_widget_class_set_css_name (widget_class, "mcdossierview");
}

static void
mc_dossier_view_init (McDossierView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mc_dossier_view_new (void)
{
  return g_object_new (MC_TYPE_DOSSIER_VIEW, NULL);
}

/* Shows dossier @id read from @store; 0 shows the empty state. */
gboolean
mc_dossier_view_show (McDossierView  *self,
                      McStore        *store,
                      gint64          id,
                      GError        **error)
{
  g_autoptr(McDossier) d = NULL;
  gboolean same;
  GtkListBox *lists[] = {
    self->applicant_list, self->procedure_list, self->documents_list, self->fees_list,
    self->supplements_list, self->results_list, self->history_list, self->linked_list,
    self->source_list,
  };

  g_return_val_if_fail (MC_IS_DOSSIER_VIEW (self), FALSE);
  g_return_val_if_fail (id == 0 || MC_IS_STORE (store), FALSE);

  if (id != 0 && (d = mc_store_get_dossier (store, id, error)) == NULL)
    return FALSE;
  if (self->dossier == NULL && d == NULL)
    return TRUE;
  same = self->dossier != NULL && d != NULL && self->dossier->id == d->id;

  g_clear_pointer (&self->dossier, mc_dossier_unref);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    clear_list (lists[i]);
  if (d != NULL)
    {
      fill_header (self, d);
      fill_applicant (self, d);
      fill_procedure (self, store, d);
      fill_documents (self, store, d);
      fill_fees (self, d);
      fill_supplements (self, d);
      fill_results (self, d);
      fill_history (self, d);
      fill_linked (self, store, d);
      fill_source (self, store, d);
      /* The actions the status table allows now, and the forms to print. */
      mc_action_bar_set_dossier (self->action_bar, store, d);
      /* Another dossier starts from its top; the same one read again stays where it was. */
      if (!same)
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
      self->dossier = g_steal_pointer (&d);
    }
  gtk_stack_set_visible_child_name (self->stack, self->dossier ? "dossier" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOSSIER_ID]);
  return TRUE;
}

/* Reads the shown dossier again from @store (it changed): the same place in it. A dossier
 * gone from the store leaves the empty state. */
gboolean
mc_dossier_view_reload (McDossierView  *self,
                        McStore        *store,
                        GError        **error)
{
  g_autoptr(GError) local = NULL;
  gint64 id;

  g_return_val_if_fail (MC_IS_DOSSIER_VIEW (self), FALSE);

  if ((id = mc_dossier_view_get_dossier_id (self)) == 0)
    return TRUE;
  if (mc_dossier_view_show (self, store, id, &local))
    return TRUE;
  if (g_error_matches (local, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND))
    return mc_dossier_view_show (self, store, 0, error);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* Returns: the shown dossier's id, 0 when none. */
gint64
mc_dossier_view_get_dossier_id (McDossierView *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_VIEW (self), 0);
  return self->dossier ? self->dossier->id : 0;
}

/* Returns: (transfer none) (nullable): the shown dossier. */
McDossier *
mc_dossier_view_get_dossier (McDossierView *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_VIEW (self), NULL);
  return self->dossier;
}

/* The engine that downloads, for the files strips, what a ministry system lists. */
void
mc_dossier_view_set_sync_engine (McDossierView *self,
                                 McSyncEngine  *engine)
{
  g_return_if_fail (MC_IS_DOSSIER_VIEW (self));
  g_set_object (&self->engine, engine);
}
