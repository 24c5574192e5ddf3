/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "gui-test-util.h"
#include "model-test-util.h"
#include "mc-window-private.h"

/* Takes --NAME=VALUE out of the arguments before GLib's test options (a test's own options). */
char *
mc_test_take_option (int        *argc,
                     char      **argv,
                     const char *name)
{
  g_autofree char *prefix = g_strdup_printf ("--%s=", name);

  for (int i = 1; i < *argc; i++)
    if (g_str_has_prefix (argv[i], prefix))
      {
        char *value = g_strdup (argv[i] + strlen (prefix));

        memmove (&argv[i], &argv[i + 1], (*argc - i) * sizeof (char *));
        (*argc)--;
        return value;
      }
  return NULL;
}

/* The window in Vietnamese whatever the machine's locale, from the catalog in @localedir:
 * LANGUAGE wins over LC_MESSAGES (but not over the plain "C" locale, hence C.UTF-8 in the
 * test environment). Call before the display is opened. */
void
mc_test_use_vietnamese (const char *localedir)
{
  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* TAP treats exit code 77 as an error: a missing display is a plan of zero tests. */
gboolean
mc_test_init_display (int    *argc,
                      char ***argv)
{
  /* The headless recipe (DESIGN.md), and a pinned "now" (a Tuesday, 10:00 in Vietnam) so that
   * the generated profile and the deadline views are the same on every run. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("MC_NOW", "2026-11-24 10:00", FALSE);
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display (run under xvfb-run -a)\n");
      return FALSE;
    }
  return TRUE;
}

/* Makes a profile with @n_dossiers sample dossiers through the real motcuactl (env MOTCUACTL),
 * with the test environment's pinned MC_NOW. */
char *
mc_test_make_profile (guint n_dossiers)
{
  return model_test_make_profile (n_dossiers);
}

void
mc_test_remove_profile (const char *dir)
{
  model_test_remove_profile (dir);
}

/* Closes every window of *@app and shuts it down as g_application_run() would at its end:
 * its sync engine and training simulator stop, so that nothing writes into a profile the test
 * then removes, or runs while the process exits. The application itself is left to the
 * process's end (*@app is cleared): GApplication warns when a registered one goes without
 * g_application_run(). */
void
mc_test_shut_down (McApplication **app)
{
  for (GList *l; (l = gtk_application_get_windows (GTK_APPLICATION (*app))) != NULL;)
    gtk_window_destroy (l->data);
  g_signal_emit_by_name (*app, "shutdown");
  g_assert_null (mc_application_get_training (*app));
  *app = NULL;
}

/* The real application (accelerators, style sheet, shortcuts window) and its window on
 * @profile_dir, presented. */
McWindow *
mc_test_open_window (McApplication **out_app,
                     const char     *profile_dir)
{
  g_autoptr(GError) error = NULL;
  McApplication *app = mc_application_new ();
  McWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  window = mc_application_open_profile (app, profile_dir, &error);
  g_assert_no_error (error);
  g_assert_true (MC_IS_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  *out_app = app;
  return window;
}

/* Runs the main loop until @condition holds; FALSE if @timeout_ms passed first. */
gboolean
mc_test_wait (McTestCondition condition,
              gpointer        data,
              guint           timeout_ms)
{
  return model_test_wait (condition, data, timeout_ms);
}

/* Returns: (nullable) (transfer none): @widget or its first descendant of @type. */
GtkWidget *
mc_test_find_widget (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mc_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Returns: (nullable) (transfer none): a visible window of @type. */
GtkWindow *
mc_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WINDOW (w);
    }
  return NULL;
}

/* Closes every message dialog (the offers to print a form after an action). */
void
mc_test_close_message_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (w))
        gtk_window_destroy (GTK_WINDOW (w));
    }
}

static void
after_paint (GdkFrameClock *clock,
             gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Waits until @widget's surface has painted a frame after everything queued so far. */
void
mc_test_wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong id;

  if (!mc_test_wait ((McTestCondition) gtk_widget_get_mapped, widget, 10000))
    g_error ("the widget was never mapped");
  clock = gtk_widget_get_frame_clock (widget);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), &painted);
  gtk_widget_queue_draw (widget);
  if (!mc_test_wait (is_true, &painted, 10000))
    g_error ("no frame painted within 10 s");
  g_signal_handler_disconnect (clock, id);
}

static gboolean
counts_ready (gpointer data)
{
  McQueueCounter *counter = ((McWindow *) data)->counter;

  return !mc_queue_counter_is_busy (counter) && mc_queue_counter_get_view_count (counter, MC_QUEUE_ALL) >= 0;
}

void
mc_test_wait_counts (McWindow *window)
{
  if (!mc_test_wait (counts_ready, window, 60000))
    g_error ("the sidebar counts never arrived");
}

static gboolean
prepared (gpointer data)
{
  return mc_queue_model_is_prepared (((McWindow *) data)->model);
}

void
mc_test_wait_prepared (McWindow *window)
{
  if (!mc_test_wait (prepared, window, 120000))
    g_error ("the queue orders were never loaded");
}

typedef struct
{
  McQueueModel *model;
  const char *text;
} SearchWait;

static gboolean
search_applied (gpointer data)
{
  SearchWait *w = data;

  return g_strcmp0 (mc_queue_model_get_search (w->model), w->text) == 0;
}

/* Types @text in the search entry as the official would (through GtkEditable) and waits for
 * the entry's search delay to apply it to the list. */
void
mc_test_search (McWindow   *window,
                const char *text)
{
  SearchWait w = { window->model, *text ? text : NULL };

  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), text);
  if (!mc_test_wait (search_applied, &w, 10000))
    g_error ("the search “%s” was never applied", text);
}

sqlite3 *
mc_test_open_db (const char *profile_dir)
{
  g_autofree char *path = g_build_filename (profile_dir, "motcua.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

char *
mc_test_query_text (sqlite3    *db,
                    const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

gint64
mc_test_query_int (sqlite3    *db,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

typedef struct
{
  GtkWidget *widget;
  GdkTexture *texture;
  gboolean done;
} Shot;

static void
take_shot (GdkFrameClock *clock,
           Shot          *shot)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (shot->widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (shot->widget));
  int width = gtk_widget_get_width (shot->widget);
  int height = gtk_widget_get_height (shot->widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node != NULL)
    shot->texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  shot->done = TRUE;
}

/* Renders @widget as it is on screen (its snapshot, through its own renderer) to a PNG. The
 * picture is taken right after a frame is painted, when every allocation is current: taken
 * between frames, a resize queued by an idle callback (the queue list's ministry column) would
 * make GTK snapshot containers without an allocation, and warn. */
gboolean
mc_test_save_png (GtkWidget  *widget,
                  const char *path)
{
  Shot shot = { widget, NULL, FALSE };
  g_autoptr(GdkTexture) texture = NULL;
  GdkFrameClock *clock;
  gulong id;

  if (!mc_test_wait ((McTestCondition) gtk_widget_get_mapped, widget, 10000))
    g_error ("the widget was never mapped");
  clock = gtk_widget_get_frame_clock (widget);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (take_shot), &shot);
  gtk_widget_queue_draw (widget);
  if (!mc_test_wait (is_true, &shot.done, 10000))
    g_error ("no frame painted within 10 s");
  g_signal_handler_disconnect (clock, id);
  texture = shot.texture;
  return texture != NULL && gdk_texture_save_to_png (texture, path);
}

/* Real key presses through the X server's XTEST extension, so that GTK's own key bindings
 * (arrows, Page keys, accelerators) run exactly as for a keyboard. libXtst has no pkg-config
 * file here, so it is opened at run time; FALSE when it or X11 is missing. */
typedef int (*FakeKeyFunc) (Display *, unsigned int, int, unsigned long);
typedef KeyCode (*KeysymToKeycodeFunc) (Display *, KeySym);
typedef int (*SyncFunc) (Display *, int);
typedef int (*SetInputFocusFunc) (Display *, Window, int, Time);

gboolean
mc_test_send_keys (GtkWidget *window,
                   guint      keyval,
                   guint      modifier_keyval,
                   guint      times)
{
  static void *xtst, *x11;
  FakeKeyFunc fake_key;
  KeysymToKeycodeFunc to_keycode;
  SyncFunc sync;
  SetInputFocusFunc set_input_focus;
  GdkDisplay *display = gtk_widget_get_display (window);
  Display *xdisplay;

  if (!GDK_IS_X11_DISPLAY (display))
    return FALSE;
  if (xtst == NULL)
    xtst = dlopen ("libXtst.so.6", RTLD_NOW);
  if (x11 == NULL)
    x11 = dlopen ("libX11.so.6", RTLD_NOW);
  if (xtst == NULL || x11 == NULL)
    return FALSE;
  fake_key = (FakeKeyFunc) dlsym (xtst, "XTestFakeKeyEvent");
  to_keycode = (KeysymToKeycodeFunc) dlsym (x11, "XKeysymToKeycode");
  sync = (SyncFunc) dlsym (x11, "XSync");
  set_input_focus = (SetInputFocusFunc) dlsym (x11, "XSetInputFocus");
  if (fake_key == NULL || to_keycode == NULL || sync == NULL || set_input_focus == NULL)
    return FALSE;

  xdisplay = gdk_x11_display_get_xdisplay (display);
  /* Without a window manager the keys go where the pointer is, which may be beside the
   * window on a large screen: they go to @window. */
  set_input_focus (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))),
                   RevertToParent, CurrentTime);
  for (guint i = 0; i < times; i++)
    {
      if (modifier_keyval)
        fake_key (xdisplay, to_keycode (xdisplay, modifier_keyval), True, 0);
      fake_key (xdisplay, to_keycode (xdisplay, keyval), True, 0);
      fake_key (xdisplay, to_keycode (xdisplay, keyval), False, 0);
      if (modifier_keyval)
        fake_key (xdisplay, to_keycode (xdisplay, modifier_keyval), False, 0);
      sync (xdisplay, False);
    }
  return TRUE;
}

/* The number in a count label, whatever the locale's grouping ("1.234", "1,234", "1234"). */
gint64
mc_test_parse_count (const char *text)
{
  gint64 n = 0;
  gboolean any = FALSE;

  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      {
        n = n * 10 + (*p - '0');
        any = TRUE;
      }
  return any ? n : -1;
}
