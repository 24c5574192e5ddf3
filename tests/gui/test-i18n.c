/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "gui-test-util.h"
#include "mc-file-strip.h"
#include "mc-intake-dialog.h"
#include "mc-store-files.h"
#include "mc-store-settings.h"
#include "mc-window-private.h"

/* The window in Vietnamese (LANGUAGE=vi, the catalog from MC_LOCALEDIR) shows no English.
 * "English" is learnt from the translations themselves (env MC_TEST_PO): a word of an msgid
 * that no msgstr uses is English-only, and no visible text of the window may contain one. */

static GHashTable *english_words;   /* lowercase word → the msgid it came from */
static GPtrArray *offenders;

static char *
unquote_po (const char *line)
{
  const char *start = strchr (line, '"');
  const char *end = strrchr (line, '"');

  g_autofree char *quoted = NULL;

  if (start == NULL || end == start)
    return g_strdup ("");
  quoted = g_strndup (start + 1, end - start - 1);
  return g_strcompress (quoted);
}

static void
add_words (GHashTable *set,
           const char *text,
           const char *origin)
{
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text;; p++)
    {
      if (g_ascii_isalpha (*p))
        {
          g_string_append_c (word, g_ascii_tolower (*p));
          continue;
        }
      /* Format directives (%s, %d, %u) are not words. */
      if (word->len >= 3 && !(p - word->len > text && p[-(int) word->len - 1] == '%'))
        g_hash_table_insert (set, g_strdup (word->str), g_strdup (origin));
      g_string_truncate (word, 0);
      if (*p == '\0')
        break;
    }
}

/* Reads msgid/msgstr pairs (multi-line strings, plurals) from @path. */
static void
learn_english (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) vietnamese = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) msgids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) current = g_string_new (NULL);
  enum { NONE, ID, STR } state = NONE;
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *l = lines[i];
      g_autofree char *text = NULL;

      if (g_str_has_prefix (l, "msgid") || g_str_has_prefix (l, "msgstr") || g_str_has_prefix (l, "msgctxt") || *l == '\0' || *l == '#')
        {
          if (current->len > 0)
            add_words (state == ID ? msgids : vietnamese, current->str, current->str);
          g_string_truncate (current, 0);
          state = g_str_has_prefix (l, "msgid") ? ID : g_str_has_prefix (l, "msgstr") ? STR : NONE;
        }
      if (state != NONE && strchr (l, '"') != NULL)
        {
          text = unquote_po (l);
          g_string_append (current, text);
        }
    }
  g_hash_table_iter_init (&iter, msgids);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (vietnamese, key))
      g_hash_table_insert (english_words, g_strdup (key), g_strdup (value));
}

static void
check_text (const char *text,
            const char *where)
{
  g_autoptr(GHashTable) words = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (text == NULL || *text == '\0')
    return;
  words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  add_words (words, text, text);
  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_contains (english_words, key))
      g_ptr_array_add (offenders, g_strdup_printf ("%s “%s” (the word “%s” of “%s”)", where, text,
                                                   (char *) key, (char *) g_hash_table_lookup (english_words, key)));
}

static void
check_menu (GMenuModel *menu)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        check_text (label, "menu item");
      if (section != NULL)
        check_menu (section);
    }
}

/* Everything a sighted user can read: labels, tooltips, placeholders, column titles, menus. */
static void
walk (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    check_text (gtk_label_get_text (GTK_LABEL (widget)), "label");
  check_text (gtk_widget_get_tooltip_text (widget), "tooltip");
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      g_autofree char *placeholder = NULL;

      /* Its insides (the clear icon's tooltip) are GTK's strings, translated by GTK. */
      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      check_text (placeholder, "placeholder");
      return;
    }
  if (GTK_IS_COLUMN_VIEW (widget))
    {
      GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (widget));

      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

          check_text (gtk_column_view_column_get_title (column), "column title");
        }
    }
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    check_menu (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    walk (child);
}

static void
check_window (gpointer window)
{
  g_ptr_array_set_size (offenders, 0);
  walk (GTK_WIDGET (window));
  for (guint i = 0; i < offenders->len; i++)
    g_test_message ("English in the Vietnamese window: %s", (char *) g_ptr_array_index (offenders, i));
  g_assert_cmpuint (offenders->len, ==, 0);
}

/* Names and addresses are data, not interface: “Long” is a given name, “Hoa” a place. Every
 * word the profile's data uses is taken out of the English vocabulary. */
static void
forget_data_words (const char *profile)
{
  static const char *queries[] = {
    "SELECT applicant_name || ' ' || coalesce(address, '') || ' ' || procedure_name FROM dossiers",
    "SELECT coalesce(actor, '') || ' ' || coalesce(unit, '') || ' ' || action || ' ' || coalesce(note, '') FROM history",
    "SELECT name FROM documents UNION SELECT name FROM fees UNION SELECT name FROM results UNION SELECT items FROM supplements",
    "SELECT name FROM sources",
    "SELECT name FROM dossier_files",  /* file names: the ministry's and the office's */
  };
  sqlite3 *db = mc_test_open_db (profile);
  g_autoptr(GHashTable) data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[i], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        add_words (data, (const char *) sqlite3_column_text (stmt, 0), "");
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  g_hash_table_iter_init (&iter, data);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_remove (english_words, key);
}

static GtkWidget *drawn_strip;

/* Whether a file strip of @widget's descendants has drawn a picture (kept in drawn_strip). */
static gboolean
thumbnails_drawn (gpointer widget)
{
  if (MC_IS_FILE_STRIP (widget) && mc_file_strip_get_n_thumbnails (widget) > 0)
    {
      drawn_strip = widget;
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (thumbnails_drawn (child))
      return TRUE;
  return FALSE;
}

static void
test_vietnamese (void)
{
  g_autofree char *profile = mc_test_make_profile (800);
  g_autoptr(McApplication) app = NULL;
  McWindow *window;
  GtkEditable *entry;

  /* The catalog really is Vietnamese: a string of the window, a core one and a plural. */
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "queue", "All dossiers"), !=, "All dossiers");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "status", "Processing"), ==, "Đang xử lý");

  forget_data_words (profile);
  window = mc_test_open_window (&app, profile);
  mc_test_wait_counts (window);
  mc_test_wait_frame (GTK_WIDGET (window));
  check_window (window);

  /* With a dossier in the detail pane, and with a search that finds nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-view", "i", MC_QUEUE_PROCESSING);
  mc_queue_list_select (window->queue_view, 0);
  g_assert_cmpint (mc_dossier_view_get_dossier_id (window->dossier_view), >, 0);
  mc_test_wait_frame (GTK_WIDGET (window));
  check_window (window);
  /* With a file attached to the dossier's first document: its picture, the buttons' tips. */
  {
    McDossier *d = mc_dossier_view_get_dossier (window->dossier_view);
    g_autofree char *scan = g_build_filename (profile, "scan.pdf", NULL);
    g_autofree char *shot = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                              "gui", "screenshot-files-vi.png", NULL);
    cairo_surface_t *pdf = cairo_pdf_surface_create (scan, 595, 842);
    cairo_t *cr = cairo_create (pdf);
    McAttachInput in = { .path = scan, .kind = MC_FILE_COMPONENT };
    g_autoptr(GError) error = NULL;

    cairo_rectangle (cr, 60, 60, 400, 300);
    cairo_fill (cr);
    cairo_show_page (cr);
    cairo_destroy (cr);
    cairo_surface_destroy (pdf);
    g_assert_cmpuint (d->documents->len, >, 0);
    in.component = ((McDocument *) g_ptr_array_index (d->documents, 0))->name;
    g_assert_true (mc_store_attach_file (window->store, d->id, &in, "Cán bộ", NULL, &error));
    g_assert_no_error (error);
    g_assert_true (mc_dossier_view_reload (window->dossier_view, window->store, &error));
    g_assert_true (mc_test_wait (thumbnails_drawn, window->dossier_view, 10000));
    /* The store's change may refill the detail meanwhile: the strip is found again, and used
     * before the main loop runs. */
    mc_test_wait_frame (GTK_WIDGET (window));
    g_assert_true (mc_test_wait (thumbnails_drawn, window->dossier_view, 10000));
    {
      /* The documents in sight, for the screenshot. */
      GtkWidget *scroller = gtk_widget_get_ancestor (drawn_strip, GTK_TYPE_SCROLLED_WINDOW);
      graphene_point_t at;

      if (scroller && gtk_widget_compute_point (drawn_strip, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                                &GRAPHENE_POINT_INIT (0, 0), &at))
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), at.y - 120);
    }
    mc_test_wait_frame (GTK_WIDGET (window));
    check_window (window);
    g_assert_true (mc_test_save_png (GTK_WIDGET (window), shot));
    g_test_message ("screenshot: %s", shot);
  }
  /* The counter's summary of a dossier filed by proxy, for a procedure whose time limit the
   * catalog only assumes: the provisional date, the check and the proxy, in Vietnamese. */
  {
    McIntakeDialog *intake;

    g_assert_true (mc_store_set_setting (window->store, "official.name", "Lê Thị Hạnh", "Lê Thị Hạnh", NULL));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.receive-new", NULL);
    intake = MC_INTAKE_DIALOG (mc_test_find_toplevel (MC_TYPE_INTAKE_DIALOG));
    g_assert_nonnull (intake);
    mc_intake_dialog_search (intake, "2.000794");
    g_assert_true (mc_intake_dialog_select_procedure (intake, "2.000794"));
    mc_intake_dialog_add_document (intake, "Đơn đề nghị công nhận câu lạc bộ thể thao cơ sở");
    mc_intake_dialog_set_applicant (intake, "Nguyễn Văn An", "046190000123");
    mc_intake_dialog_set_proxy (intake, "Trần Thị Bích", "046190000456", "Giấy ủy quyền số 12/UQ ngày 20/11/2026");
    g_assert_true (mc_intake_dialog_continue (intake));
    mc_test_wait_frame (GTK_WIDGET (intake));
    check_window (intake);
    gtk_window_destroy (GTK_WINDOW (intake));
  }

  entry = GTK_EDITABLE (window->search_entry);
  mc_test_search (window, "khongtimthay");
  mc_test_wait_frame (GTK_WIDGET (window));
  check_window (window);
  gtk_editable_set_text (entry, "");

  gtk_window_destroy (GTK_WINDOW (window));
  mc_test_remove_profile (profile);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = mc_test_take_option (&argc, argv, "localedir");
  g_autofree char *po = mc_test_take_option (&argc, argv, "po");
  int status;

  mc_test_use_vietnamese (localedir);

  if (!mc_test_init_display (&argc, &argv))
    return 0;
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (po);
  g_assert_nonnull (localedir);

  english_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  offenders = g_ptr_array_new_with_free_func (g_free);
  learn_english (po);
  g_assert_cmpuint (g_hash_table_size (english_words), >, 50);

  g_test_add_func ("/i18n/vietnamese-window", test_vietnamese);
  status = g_test_run ();
  g_hash_table_unref (english_words);
  g_ptr_array_unref (offenders);
  return status;
}
