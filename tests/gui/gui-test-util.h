/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "mc-application.h"

G_BEGIN_DECLS

/* What every GUI test needs: a display (or a TAP skip), a generated profile, the real
 * application and window on it, and ways to wait on the main loop for a condition. */

typedef gboolean (*McTestCondition) (gpointer data);

char          *mc_test_take_option      (int          *argc,
                                         char         **argv,
                                         const char   *name);
void           mc_test_use_vietnamese   (const char   *localedir);
gboolean       mc_test_init_display     (int          *argc,
                                         char       ***argv);
char          *mc_test_make_profile     (guint         n_dossiers);
void           mc_test_remove_profile   (const char   *dir);
McWindow      *mc_test_open_window      (McApplication **out_app,
                                         const char    *profile_dir);
void           mc_test_shut_down        (McApplication **app);
gboolean       mc_test_wait             (McTestCondition condition,
                                         gpointer       data,
                                         guint          timeout_ms);
void           mc_test_wait_frame       (GtkWidget    *widget);
GtkWindow     *mc_test_find_toplevel    (GType         type);
GtkWidget     *mc_test_find_widget      (GtkWidget    *widget,
                                         GType         type);
void           mc_test_close_message_dialogs (void);
void           mc_test_wait_counts      (McWindow     *window);
void           mc_test_wait_prepared    (McWindow     *window);
void           mc_test_search           (McWindow     *window,
                                         const char   *text);
sqlite3       *mc_test_open_db          (const char   *profile_dir);
char          *mc_test_query_text       (sqlite3      *db,
                                         const char   *sql);
gint64         mc_test_query_int        (sqlite3      *db,
                                         const char   *sql);
gboolean       mc_test_save_png         (GtkWidget    *widget,
                                         const char   *path);
gboolean       mc_test_send_keys        (GtkWidget    *window,
                                         guint         keyval,
                                         guint         modifier_keyval,
                                         guint         times);
gint64         mc_test_parse_count      (const char   *text);

G_END_DECLS
