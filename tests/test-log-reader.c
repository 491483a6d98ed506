/* test-log-reader.c - record splitting: prefixes, framing, rotation cuts, encodings, server traces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lyncdiag.h"

typedef struct
{
  guint64     line;
  gint64      time;
  LdDirection direction;
  char       *remote;
  char       *local;
  gboolean    unterminated;
  char       *text;
} Rec;

static void
rec_free (gpointer data)
{
  Rec *r = data;

  g_free (r->remote);
  g_free (r->local);
  g_free (r->text);
  g_free (r);
}

static void
collect (const LdRecordInfo *info,
         const char         *text,
         gsize               len,
         gpointer            user_data)
{
  Rec *r = g_new0 (Rec, 1);

  r->line = info->line;
  r->time = info->time;
  r->direction = info->direction;
  r->remote = g_strdup (info->remote);
  r->local = g_strdup (info->local);
  r->unterminated = info->unterminated;
  r->text = g_strndup (text, len);
  g_ptr_array_add (user_data, r);
}

/* Feeds @data in chunks of @chunk bytes, to exercise lines and characters
 * that straddle two reads. */
static GPtrArray *
read_all (const char *data,
          gsize       len,
          gsize       chunk,
          LdLogReader **out_reader)
{
  GPtrArray *recs = g_ptr_array_new_with_free_func (rec_free);
  LdLogReader *reader = ld_log_reader_new (collect, NULL, recs);

  for (gsize off = 0; off < len; off += chunk)
    ld_log_reader_feed (reader, data + off, MIN (chunk, len - off), NULL);
  ld_log_reader_finish (reader, NULL);
  if (out_reader)
    *out_reader = reader;
  else
    ld_log_reader_free (reader);
  return recs;
}

static const char two_records[] =
  "04/16/2013|03:17:30.168 1F68:C14 INFO :: Sending Packet - 192.168.100.100:5061 (From Local Address: 192.168.103.35:20323) 1503 bytes:\r\n"
  "04/16/2013|03:17:30.168 1F68:C14 INFO :: OPTIONS sip:a@b SIP/2.0\r\n"
  "Call-ID: one\r\n"
  "\r\n"
  "04/16/2013|03:17:30.169 1F68:C14 INFO :: End of Sending Packet - 192.168.100.100:5061 (From Local Address: 192.168.103.35:20323) 1503 bytes\r\n"
  "04/16/2013|03:17:31.555 1F68:C14 INFO  :: Data Received -192.168.100.100:5061 (To Local Address: 192.168.103.35:20323) 1096 bytes:\r\n"
  "04/16/2013|03:17:31.555 1F68:C14 INFO  :: SIP/2.0 200 OK\r\n"
  "Call-ID: one\r\n"
  "\r\n"
  "04/16/2013|03:17:31.556 1F68:C14 INFO  :: End of Data Received -192.168.100.100:5061 (To Local Address: 192.168.103.35:20323) 1096 bytes\r\n";

static void
test_prefix (void)
{
  const char *line = "10/12/2017|10:09:58.021 10B0:10B4 INFO  :: BYE sip:x SIP/2.0";
  gint64 time;
  guint32 tid;
  const char *level;
  gsize level_len, off;
  g_autofree char *iso = NULL;

  g_assert_true (ld_log_line_parse_prefix (line, strlen (line), &time, &tid, &level, &level_len, &off));
  iso = ld_time_format_iso (time);
  g_assert_cmpstr (iso, ==, "2017-10-12T10:09:58.021");
  g_assert_cmpuint (tid, ==, 0x10B4);
  g_assert_cmpint (level_len, ==, 4);
  g_assert_cmpint (strncmp (level, "INFO", 4), ==, 0);
  g_assert_cmpstr (line + off, ==, "BYE sip:x SIP/2.0");

  g_assert_false (ld_log_line_parse_prefix ("Call-ID: 04/16/2013", 19, &time, &tid, &level, &level_len, &off));
  g_assert_false (ld_log_line_parse_prefix ("13/45/2013|03:17:30.168 1:2 INFO :: x", 37, &time, &tid, &level,
                                            &level_len, &off));
}

static void
test_records (void)
{
  gsize chunks[] = { 1, 3, 7, 64, 4096 };

  for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
    {
      g_autoptr(GPtrArray) recs = read_all (two_records, sizeof two_records - 1, chunks[c], NULL);
      Rec *a, *b;

      g_assert_cmpuint (recs->len, ==, 2);
      a = g_ptr_array_index (recs, 0);
      b = g_ptr_array_index (recs, 1);
      g_assert_cmpuint (a->line, ==, 1);
      g_assert_cmpint (a->direction, ==, LD_DIRECTION_SENT);
      g_assert_cmpstr (a->remote, ==, "192.168.100.100:5061");
      g_assert_cmpstr (a->local, ==, "192.168.103.35:20323");
      g_assert_false (a->unterminated);
      g_assert_cmpstr (a->text, ==, "OPTIONS sip:a@b SIP/2.0\nCall-ID: one\n\n");
      g_assert_cmpuint (b->line, ==, 6);
      g_assert_cmpint (b->direction, ==, LD_DIRECTION_RECEIVED);
      g_assert_cmpstr (b->remote, ==, "192.168.100.100:5061");
      g_assert_true (g_str_has_prefix (b->text, "SIP/2.0 200 OK\n"));
    }
}

static void
test_cut_by_rotation (void)
{
  /* The file starts inside a record (no opening, no start line) and ends
   * inside another (no closing line). */
  const char data[] =
    "Call-ID: lost-head\n"
    "\n"
    "04/16/2013|03:17:29.000 1F68:C14 INFO :: End of Data Received -10.0.0.1:5061 (To Local Address: 10.0.0.2:1) 99 bytes\n"
    "04/16/2013|03:17:30.000 1F68:C14 INFO :: SIP/2.0 180 Ringing\n"
    "Call-ID: no-opening\n"
    "\n"
    "04/16/2013|03:17:30.001 1F68:C14 INFO :: End of Data Received -10.0.0.1:5061 (To Local Address: 10.0.0.2:1) 99 bytes\n"
    "04/16/2013|03:17:31.000 1F68:C14 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1) 99 bytes:\n"
    "04/16/2013|03:17:31.000 1F68:C14 INFO :: BYE sip:x@y SIP/2.0\n"
    "Call-ID: no-closing\n";
  LdLogReader *reader = NULL;
  g_autoptr(GPtrArray) recs = read_all (data, sizeof data - 1, 4096, &reader);
  Rec *a, *b;

  g_assert_cmpuint (recs->len, ==, 2);
  a = g_ptr_array_index (recs, 0);
  b = g_ptr_array_index (recs, 1);
  /* Addresses and direction recovered from the closing line. */
  g_assert_cmpint (a->direction, ==, LD_DIRECTION_RECEIVED);
  g_assert_cmpstr (a->remote, ==, "10.0.0.1:5061");
  g_assert_cmpuint (a->line, ==, 4);
  g_assert_false (a->unterminated);
  g_assert_true (b->unterminated);
  g_assert_cmpint (b->direction, ==, LD_DIRECTION_SENT);
  g_assert_true (g_str_has_suffix (b->text, "Call-ID: no-closing\n"));
  g_assert_cmpuint (ld_log_reader_get_problems (reader)->len, ==, 1);
  ld_log_reader_free (reader);
}

static void
test_interleaved_threads (void)
{
  /* Another thread writes a line between the opening line and the start line. */
  const char data[] =
    "04/16/2013|03:17:31.000 1F68:C14 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1) 99 bytes:\n"
    "04/16/2013|03:17:31.000 1F68:D00 INFO :: Data Received -10.0.0.9:443 (To Local Address: 10.0.0.2:2) 50 bytes:\n"
    "04/16/2013|03:17:31.001 1F68:C14 INFO :: INFO sip:x@y SIP/2.0\n"
    "Call-ID: thread-c14\n"
    "\n"
    "04/16/2013|03:17:31.002 1F68:C14 INFO :: End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1) 99 bytes\n"
    "04/16/2013|03:17:31.003 1F68:D00 INFO :: SIP/2.0 200 OK\n"
    "Call-ID: thread-d00\n"
    "\n"
    "04/16/2013|03:17:31.004 1F68:D00 INFO :: End of Data Received -10.0.0.9:443 (To Local Address: 10.0.0.2:2) 50 bytes\n";
  g_autoptr(GPtrArray) recs = read_all (data, sizeof data - 1, 4096, NULL);
  Rec *a, *b;

  g_assert_cmpuint (recs->len, ==, 2);
  a = g_ptr_array_index (recs, 0);
  b = g_ptr_array_index (recs, 1);
  g_assert_cmpint (a->direction, ==, LD_DIRECTION_SENT);
  g_assert_cmpstr (a->remote, ==, "10.0.0.1:5061");
  g_assert_cmpuint (a->line, ==, 1);
  g_assert_cmpint (b->direction, ==, LD_DIRECTION_RECEIVED);
  g_assert_cmpstr (b->remote, ==, "10.0.0.9:443");
  g_assert_cmpuint (b->line, ==, 2);
}

static void
test_utf16 (void)
{
  gsize sizes[] = { 1, 5, 4096 };

  for (guint be = 0; be < 2; be++)
    for (guint c = 0; c < G_N_ELEMENTS (sizes); c++)
      {
        g_autofree char *u16 = NULL;
        gsize len = 0;
        g_autoptr(GString) buf = g_string_new (NULL);
        g_autoptr(GPtrArray) recs = NULL;

        u16 = g_convert (two_records, -1, be ? "UTF-16BE" : "UTF-16LE", "UTF-8", NULL, &len, NULL);
        g_assert_nonnull (u16);
        g_string_append_len (buf, be ? "\xFE\xFF" : "\xFF\xFE", 2);
        g_string_append_len (buf, u16, len);
        recs = read_all (buf->str, buf->len, sizes[c], NULL);
        g_assert_cmpuint (recs->len, ==, 2);
        g_assert_cmpstr (((Rec *) g_ptr_array_index (recs, 0))->remote, ==, "192.168.100.100:5061");
      }
}

static void
test_utf16_odd (void)
{
  LdLogReader *reader = NULL;
  g_autofree char *u16 = NULL;
  gsize len = 0;
  g_autoptr(GString) buf = g_string_new ("\xFF\xFE");
  g_autoptr(GPtrArray) recs = NULL;

  u16 = g_convert (two_records, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
  g_string_append_len (buf, u16, len);
  g_string_append_c (buf, 'x');
  recs = read_all (buf->str, buf->len, 4096, &reader);
  g_assert_cmpuint (recs->len, ==, 2);
  g_assert_cmpuint (ld_log_reader_get_problems (reader)->len, ==, 1);
  ld_log_reader_free (reader);
}

static void
test_bom_and_cr_only (void)
{
  g_autoptr(GString) bom = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GPtrArray) recs = NULL;
  g_autoptr(GPtrArray) recs2 = NULL;
  g_autofree char *cr = g_strdup (two_records);

  g_string_append (bom, two_records);
  recs = read_all (bom->str, bom->len, 2, NULL);
  g_assert_cmpuint (recs->len, ==, 2);
  g_assert_cmpuint (((Rec *) g_ptr_array_index (recs, 0))->line, ==, 1);

  /* Old Mac line ends: CR alone. */
  for (char *p = cr; *p; p++)
    if (*p == '\n')
      *p = '\r';
  recs2 = read_all (cr, strlen (cr), 4096, NULL);
  g_assert_cmpuint (recs2->len, ==, 2);
}

static void
test_long_line (void)
{
  LdLogReader *reader = NULL;
  gsize big = LD_LOG_READER_MAX_LINE * 3 + 17;
  g_autoptr(GString) buf = g_string_sized_new (big + sizeof two_records);
  g_autoptr(GPtrArray) recs = NULL;

  g_string_append (buf, two_records);
  for (gsize i = 0; i < big; i++)
    g_string_append_c (buf, 'A');
  g_string_append_c (buf, '\n');
  g_string_append (buf, two_records);
  recs = read_all (buf->str, buf->len, 65536, &reader);
  g_assert_cmpuint (recs->len, ==, 4);
  g_assert_cmpuint (ld_log_reader_get_lines (reader), ==, 21);
  g_assert_cmpuint (ld_log_reader_get_problems (reader)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (ld_log_reader_get_problems (reader), 0), "Line 11"));
  ld_log_reader_free (reader);
}

static void
test_server_trace (void)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GPtrArray) recs = NULL;
  LdLogReader *reader = NULL;
  Rec *a, *c;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "sipstack-edge.log", NULL),
                                      &contents, &len, NULL));
  recs = read_all (contents, len, 100, &reader);
  g_assert_cmpint (ld_log_reader_get_format (reader), ==, LD_LOG_FORMAT_SERVER);
  g_assert_cmpuint (recs->len, ==, 3);
  a = g_ptr_array_index (recs, 0);
  g_assert_cmpint (a->direction, ==, LD_DIRECTION_RECEIVED);
  g_assert_cmpstr (a->remote, ==, "lyncservr.contoso.com:61182");
  g_assert_true (g_str_has_prefix (a->text, "OPTIONS sip:Options_User@fabrikam.com SIP/2.0\nTo:"));
  c = g_ptr_array_index (recs, 2);
  g_assert_cmpint (c->direction, ==, LD_DIRECTION_SENT);
  g_assert_true (g_str_has_prefix (c->text, "SIP/2.0 504 Server time-out\n"));
  {
    g_autofree char *iso = ld_time_format_iso (a->time);
    g_assert_cmpstr (iso, ==, "2012-01-18T05:00:43.101");
  }
  ld_log_reader_free (reader);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/uccapi/prefix", test_prefix);
  g_test_add_func ("/core/uccapi/record-split", test_records);
  g_test_add_func ("/core/uccapi/cut-by-rotation", test_cut_by_rotation);
  g_test_add_func ("/core/uccapi/interleaved-threads", test_interleaved_threads);
  g_test_add_func ("/core/uccapi/utf16", test_utf16);
  g_test_add_func ("/core/uccapi/utf16-odd-bytes", test_utf16_odd);
  g_test_add_func ("/core/uccapi/bom-and-cr-only", test_bom_and_cr_only);
  g_test_add_func ("/core/uccapi/long-line", test_long_line);
  g_test_add_func ("/core/sipstack/records", test_server_trace);
  return g_test_run ();
}
