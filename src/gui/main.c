/* main.c - starts the LyncDiag desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lyncdiag"

#include "config.h"

#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n.h>

#include "ld-win-application.h"
#include "lyncdiag.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LdWinApplication) app = NULL;
  int status;

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
   * page faults; peak resident memory 375-378 -> 365-368 MB.
   *
   * malloc is not asked for huge pages (glibc.malloc.hugetlb, which the app
   * once restarted itself to set): on a freshly booted virtual machine, a
   * huge page's first write makes the host back 2 MB at once, and the
   * window's own frames took those faults. The loading page's refreshes
   * of the 500 MB conference log cost 21-27 ms of the main thread with
   * them, 7-11 ms without; alternating runs (8 each): longest stall 27-54
   * -> 25-33 ms, fully loaded 921-1,018 -> 912-989 ms. The text store's
   * blocks, written by the reading threads, still ask (ld-text-store.c). */
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
