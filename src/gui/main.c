/* main.c - starts the LyncDiag desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lyncdiag"

#include "config.h"

#include <locale.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#if defined(__linux__) && defined(__GLIBC__)
#include <unistd.h>
#endif

#include <glib/gi18n.h>

#include "ld-win-application.h"
#include "lyncdiag.h"

#if defined(__linux__) && defined(__GLIBC__)
/* What GLIBC_TUNABLES was before the restart below: "=" and its value, or
 * "-" for none. */
#define SAVED_TUNABLES "LYNCDIAG_SAVED_GLIBC_TUNABLES"

/* Whether Linux gives huge pages to memory that asks for them (its
 * "madvise" mode, Debian's and Fedora's default). In "always" mode all
 * memory gets them anyway, in "never" none does. */
static gboolean
huge_pages_on_request (void)
{
  g_autofree char *mode = NULL;

  return g_file_get_contents ("/sys/kernel/mm/transparent_hugepage/enabled", &mode, NULL, NULL) &&
         strstr (mode, "[madvise]") != NULL;
}

/* The first write to a page of memory costs a page fault, in which the
 * system clears the page: for every 4 KB, unless the memory asked for huge
 * pages (2 MB). On the virtual machines LyncDiag is measured on a fault
 * costs about 11 µs (2.8 ms per MB of 4 KB pages), and loading a large
 * log writes to some 200 MB of fresh memory, in the analysis and in GTK.
 * Its own large blocks ask for huge pages (ld-text-store.c); glibc's
 * malloc asks for them for everything else when its glibc.malloc.hugetlb
 * tunable is 1, which it reads only when the program starts. So the app
 * starts itself again with it, once, before anything else, unless
 * GLIBC_TUNABLES already says either way; programs it starts get
 * GLIBC_TUNABLES as it was. The restart costs about 25 ms (the libraries
 * are loaded twice): on a 20 MB log the whole run, from start to fully
 * loaded, takes as long as before (0.63-0.69 s, 5 runs each), on large
 * logs it saves more than that. Measured in the window,
 * alternating runs (3 each): fully loaded on the 500 MB typical log
 * 1,143-1,270 -> 1,052-1,184 ms, on the conference-heavy one 1,523-1,561
 * -> 1,459-1,493 ms; longest stall 47-53 -> 40-50 ms; peak resident
 * memory the same (294 and 288 MB, 397 and 409 MB). The command line does
 * not restart: there it made
 * analysing 4 % faster and its peak 3 MB larger, and its limit is 100 MB. */
static void
restart_with_huge_pages (char **argv)
{
  /* Copied: setting a variable may free the string getenv() gave. */
  g_autofree char *tunables = g_strdup (g_getenv ("GLIBC_TUNABLES"));
  g_autofree char *saved = g_strdup (g_getenv (SAVED_TUNABLES));
  g_autofree char *with = NULL;
  g_autofree char *before = NULL;
  g_autofree char *self_path = NULL;

  if (saved != NULL)
    {
      /* Restarted: the tunable is read; what the app starts gets the
       * environment it was given. */
      if (saved[0] == '=')
        g_setenv ("GLIBC_TUNABLES", saved + 1, TRUE);
      else
        g_unsetenv ("GLIBC_TUNABLES");
      g_unsetenv (SAVED_TUNABLES);
      return;
    }
  if ((tunables != NULL && strstr (tunables, "glibc.malloc.hugetlb") != NULL) || !huge_pages_on_request ())
    return;

  /* The program's own file, by its name: started as /proc/self/exe, the
   * process would be named "exe" (ps, top, a system monitor). */
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL || !g_str_has_prefix (self_path, "/") || g_str_has_suffix (self_path, " (deleted)"))
    return;
  before = tunables != NULL ? g_strconcat ("=", tunables, NULL) : g_strdup ("-");
  with = tunables != NULL && *tunables != '\0' ? g_strconcat (tunables, ":glibc.malloc.hugetlb=1", NULL)
                                                : g_strdup ("glibc.malloc.hugetlb=1");
  g_setenv (SAVED_TUNABLES, before, TRUE);
  g_setenv ("GLIBC_TUNABLES", with, TRUE);
  execv (self_path, argv);
  /* Not restarted: it runs as it is. */
  if (tunables != NULL)
    g_setenv ("GLIBC_TUNABLES", tunables, TRUE);
  else
    g_unsetenv ("GLIBC_TUNABLES");
  g_unsetenv (SAVED_TUNABLES);
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LdWinApplication) app = NULL;
  int status;

#if defined(__linux__) && defined(__GLIBC__)
  restart_with_huge_pages (argv);
#endif
#ifdef __GLIBC__
  /* Memory the window frees stays for what it allocates next. Left to
   * itself, glibc gives blocks of a few megabytes back to the system when
   * they are freed and maps fresh ones for the next: the image a frame that
   * draws all of the window is made in (4 MB at 1280×800) came from fresh
   * memory, whose page faults were a third of the document's first frame,
   * the longest of a load. With these thresholds, blocks under 32 MB come
   * from the heap, and the heap keeps up to 128 MB of free memory at its
   * end. Measured on the 500 MB conference log: that frame's paint
   * 29-37 ms -> 20-24 ms of main-thread processor time, 1,750 -> 800-1,000
   * page faults; peak resident memory 375-378 -> 365-368 MB. */
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 128 * 1024 * 1024);
#endif
  setlocale (LC_ALL, "");
  ld_i18n_init ();

  g_set_application_name ("LyncDiag");
  app = ld_win_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status != 0 ? status : ld_win_application_get_status (app);
}
