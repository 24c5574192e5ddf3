/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  print_test_tools_missing (const char  *const *tools,
                                    char              **out_reason);
char     *print_test_run           (const char  *const *argv,
                                    int                *out_status);
char     *print_test_pdf_text      (const char         *pdf,
                                    int                 first_page,
                                    int                 last_page);
char     *print_test_pdf_column    (const char         *pdf,
                                    double              x,
                                    double              width);
int       print_test_pdf_pages     (const char         *pdf);
char     *print_test_pdf_page_size (const char         *pdf);
char     *print_test_normalize     (const char         *text);
gboolean  print_test_contains      (const char         *haystack,
                                    const char         *needle);
char     *print_test_vn_date       (gint64              unix_seconds);

G_END_DECLS
