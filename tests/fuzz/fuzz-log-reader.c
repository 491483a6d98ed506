/* fuzz-log-reader.c - libFuzzer harness: the record splitter, fed in odd-sized pieces
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

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  gsize total = 0;
  LdLogReader *reader;
  gsize chunk;

  if (size == 0)
    return 0;
  /* The first byte picks the read size, so lines and characters straddle
   * reads in every possible way. */
  chunk = 1 + data[0] % 97;
  data++, size--;
  reader = ld_log_reader_new (on_record, NULL, &total);
  for (gsize off = 0; off < size; off += chunk)
    ld_log_reader_feed (reader, (const char *) data + off, MIN (chunk, size - off), NULL);
  ld_log_reader_finish (reader, NULL);
  g_assert (ld_log_reader_get_lines (reader) <= size + 1);
  ld_log_reader_free (reader);
  return 0;
}
