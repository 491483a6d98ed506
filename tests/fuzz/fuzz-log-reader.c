/* fuzz-log-reader.c - libFuzzer harness: the record splitter, fed in odd-sized pieces, cut in two files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lyncdiag.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
on_record (const LdRecordInfo *info,
           const char         *text,
           gsize               len,
           gpointer            user_data)
{
  gsize *total = user_data;

  /* Touch every byte so ASan sees any read past the end. */
  for (gsize i = 0; i < len; i++)
    *total += (guchar) text[i];
  if (info->remote != NULL)
    *total += strlen (info->remote);
}

static void
on_trace (guint64     line,
          gint64      time,
          const char *level,
          const char *text,
          gsize       len,
          gpointer    user_data)
{
  gsize *total = user_data;

  for (gsize i = 0; i < len; i++)
    *total += (guchar) text[i];
  *total += strlen (level);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  gsize total = 0;
  LdLogReader *reader;
  LdLogReader *next;
  LdCutRecord *cut;
  gsize chunk, split;

  if (size < 2)
    return 0;
  /* The first byte picks the read size, so lines and characters straddle
   * reads in every possible way; the second where the data is cut in two
   * files, as log rotation cuts them, the second file continuing the
   * first's last record. */
  chunk = 1 + data[0] % 97;
  data += 2, size -= 2;
  split = size * data[-1] / 255;
  reader = ld_log_reader_new (on_record, on_trace, &total);
  for (gsize off = 0; off < split; off += chunk)
    ld_log_reader_feed (reader, (const char *) data + off, MIN (chunk, split - off), NULL);
  cut = ld_log_reader_finish_keeping_cut (reader);
  g_assert (ld_log_reader_get_lines (reader) <= split + 1);
  ld_log_reader_free (reader);

  next = ld_log_reader_new (on_record, on_trace, &total);
  if (cut != NULL)
    ld_log_reader_continue_cut (next, cut);
  for (gsize off = split; off < size; off += chunk)
    ld_log_reader_feed (next, (const char *) data + off, MIN (chunk, size - off), NULL);
  ld_log_reader_finish (next, NULL);
  g_assert (ld_log_reader_get_lines (next) <= size - split + 1);
  ld_log_reader_free (next);
  return 0;
}
