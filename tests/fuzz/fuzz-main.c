/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>

#include "fuzz.h"

/* The plain driver: runs a harness on every file of the corpus directories (or files) given,
 * as an ordinary test with any compiler. The same harnesses, linked with clang's libFuzzer
 * instead (build-aux/dev fuzz), explore new inputs. TAP: one line a directory. */

static guint
run_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)))
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      /* In a stable order, so that a failure is found again where it was. */
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        n += run_path (g_ptr_array_index (names, i));
      return n;
    }
  if (!g_file_get_contents (path, &data, &len, &error))
    g_error ("%s", error->message);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
  return 1;
}

int
main (int    argc,
      char **argv)
{
  LLVMFuzzerInitialize (&argc, &argv);
  printf ("1..%d\n", argc - 1);
  for (int i = 1; i < argc; i++)
    {
      guint n = run_path (argv[i]);

      printf ("%s %d - %u inputs of %s\n", n > 0 ? "ok" : "not ok", i, n, argv[i]);
    }
  return 0;
}
