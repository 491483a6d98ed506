/* test-log-reader.c - record splitting: prefixes, framing, rotation cuts, encodings, server traces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
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
  gboolean    previous_input;
  gboolean    joined;
  char       *text;
} Rec;

typedef struct
{
  guint64 line;
  gint64  time;
  char   *level;
  char   *text;
} Trace;

static void
trace_free (gpointer data)
{
  Trace *t = data;

  g_free (t->level);
  g_free (t->text);
  g_free (t);
}

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
  r->previous_input = info->previous_input;
  r->joined = info->joined;
  r->text = g_strndup (text, len);
  g_ptr_array_add (user_data, r);
}

static void
collect_trace (guint64     line,
               gint64      time,
               const char *level,
               const char *text,
               gsize       len,
               gpointer    user_data)
{
  Trace *t = g_new0 (Trace, 1);

  t->line = line;
  t->time = time;
  t->level = g_strdup (level);
  t->text = g_strndup (text, len);
  g_ptr_array_add (user_data, t);
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


typedef struct
{
  GPtrArray *recs;    /* Rec */
  GPtrArray *traces;  /* Trace */
} Sink;

static void
sink_record (const LdRecordInfo *info,
             const char         *text,
             gsize               len,
             gpointer            user_data)
{
  collect (info, text, len, ((Sink *) user_data)->recs);
}

static void
sink_trace (guint64     line,
            gint64      time,
            const char *level,
            const char *text,
            gsize       len,
            gpointer    user_data)
{
  collect_trace (line, time, level, text, len, ((Sink *) user_data)->traces);
}

static Sink *
sink_new (void)
{
  Sink *k = g_new0 (Sink, 1);

  k->recs = g_ptr_array_new_with_free_func (rec_free);
  k->traces = g_ptr_array_new_with_free_func (trace_free);
  return k;
}

static void
sink_free (Sink *k)
{
  g_ptr_array_unref (k->recs);
  g_ptr_array_unref (k->traces);
  g_free (k);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sink, sink_free)

/* A reader on @sink fed @data in @chunk-byte pieces, not finished. */
static LdLogReader *
feed_sink (Sink       *sink,
           const char *data,
           gsize       len,
           gsize       chunk)
{
  LdLogReader *reader = ld_log_reader_new (sink_record, sink_trace, sink);

  for (gsize off = 0; off < len; off += chunk)
    ld_log_reader_feed (reader, data + off, MIN (chunk, len - off), NULL);
  return reader;
}

/* Whether one of @reader's problems contains every one of the words. */
static gboolean
has_problem (LdLogReader *reader,
             ...)
{
  GPtrArray *problems = ld_log_reader_get_problems (reader);

  for (guint i = 0; i < problems->len; i++)
    {
      const char *p = g_ptr_array_index (problems, i);
      gboolean all = TRUE;
      va_list ap;

      va_start (ap, reader);
      for (const char *w = va_arg (ap, const char *); w != NULL; w = va_arg (ap, const char *))
        all &= strstr (p, w) != NULL;
      va_end (ap);
      if (all)
        return TRUE;
    }
  return FALSE;
}

static Rec *
rec_at (GPtrArray *recs,
        guint      i)
{
  g_assert_cmpuint (i, <, recs->len);
  return g_ptr_array_index (recs, i);
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
  /* The "::" must start within 79 bytes of the stamp's end (ld-log-time.c):
   * a level padded to put it at the 79th byte is a prefix, at the 80th
   * not; a lone ':' before it (the thread's) and one at the end are not
   * "::". */
  for (guint pad = 71; pad <= 75; pad++)
    {
      g_autofree char *padded = g_strdup_printf ("10/12/2017|10:09:58.021 1:2 %*s:: x", (int) pad, "INFO");
      g_autofree char *cut = g_strdup_printf ("10/12/2017|10:09:58.021 1:2 %*s:", (int) pad, "INFO");
      /* " 1:2 " and the padded level after the stamp: "::" at 5 + pad. */
      gboolean within = 5 + pad + 1 < 80;

      g_assert_cmpint (ld_log_line_parse_prefix (padded, strlen (padded), &time, &tid, &level, &level_len, &off), ==,
                       within);
      if (within)
        {
          g_assert_cmpuint (tid, ==, 2);
          g_assert_cmpint (strncmp (level, "INFO", level_len), ==, 0);
          g_assert_cmpstr (padded + off, ==, "x");
        }
      g_assert_false (ld_log_line_parse_prefix (cut, strlen (cut), &time, &tid, &level, &level_len, &off));
    }
  /* The prefix's form with an impossible value is still a log line, whose
   * time is unknown: February 30 must not become March 2. */
  g_assert_true (ld_log_line_parse_prefix ("13/45/2013|03:17:30.168 1:2 INFO :: x", 37, &time, &tid, &level,
                                           &level_len, &off));
  g_assert_cmpint (time, ==, -1);
  g_assert_true (ld_log_line_parse_prefix ("02/30/2014|10:00:00.000 1:2 INFO :: x", 37, &time, &tid, &level,
                                           &level_len, &off));
  g_assert_cmpint (time, ==, -1);
  g_assert_true (ld_log_line_parse_prefix ("02/29/2015|10:00:00.000 1:2 INFO :: x", 37, &time, &tid, &level,
                                           &level_len, &off));
  g_assert_cmpint (time, ==, -1);
  g_assert_true (ld_log_line_parse_prefix ("04/31/2014|10:00:00.000 1:2 INFO :: x", 37, &time, &tid, &level,
                                           &level_len, &off));
  g_assert_cmpint (time, ==, -1);
  g_assert_true (ld_log_line_parse_prefix ("04/16/2013|24:00:00.000 1:2 INFO :: x", 37, &time, &tid, &level,
                                           &level_len, &off));
  g_assert_cmpint (time, ==, -1);
  /* Near misses: February 29 of a leap year (and of 2000), the last day of
   * a 31-day month, a leap second. */
  {
    static const struct { const char *line; const char *iso; } ok[] = {
      { "02/29/2016|10:00:00.000 1:2 INFO :: x", "2016-02-29T10:00:00.000" },
      { "02/29/2000|23:59:59.999 1:2 INFO :: x", "2000-02-29T23:59:59.999" },
      { "12/31/2014|00:00:00.000 1:2 INFO :: x", "2014-12-31T00:00:00.000" },
      { "06/30/2015|23:59:60.000 1:2 INFO :: x", "2015-07-01T00:00:00.000" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
      {
        g_autofree char *got = NULL;

        g_assert_true (ld_log_line_parse_prefix (ok[i].line, strlen (ok[i].line), &time, &tid, &level,
                                                 &level_len, &off));
        got = ld_time_format_iso (time);
        g_assert_cmpstr (got, ==, ok[i].iso);
      }
  }
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
  /* Its first lines end a message begun in another file; its last message
   * has no closing line. */
  g_assert_cmpuint (ld_log_reader_get_problems (reader)->len, ==, 2);
  g_assert_true (ld_log_reader_starts_inside_record (reader));
  g_assert_true (has_problem (reader, "Lines 1–2 of this file are the end of a SIP message", NULL));
  g_assert_true (has_problem (reader, "1 SIP message had no closing line", NULL));
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

/* The reader takes a line's "PID:TID LEVEL ::" from a recent line with
 * the same bytes there (prefix_parse_cached()): every line must still read
 * as ld_log_line_parse_prefix() reads it alone. Lines of a few threads,
 * levels, spacings and separators, some cut short, some past the cache's
 * 40 bytes, some in another form of stamp. */
static void
test_prefix_heads (void)
{
  static const char *const stamps[] = { "04/16/2013|03:17:31.000", "04/16/2013|03:17:31.250", "04/17/2013|00:00:01.002",
                                        "4/16/2013|3:17:31.5" };
  static const char *const threads[] = { "1F68:C14", "1F68:C145", "1F68:c14", "1F69:C14", "1F68:", "1F68", "" };
  static const char *const levels[] = { "INFO", "INFO ", "ERROR", "TL_INFO", "IN:FO", "", "INFO                 "
                                        "                    " };
  static const char *const seps[] = { "::", ":: ", "::   ", ": :", "::::", ":" };
  static const char *const texts[] = { "hello", "", "CUccLogger::Trace - x::y", "  spaced", "ShowError" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (25);
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func (trace_free);
  guint64 n = 0;

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *line = g_strdup_printf ("%s %s %s %s%s", stamps[g_rand_int_range (rand, 0, 4)],
                                               threads[g_rand_int_range (rand, 0, G_N_ELEMENTS (threads))],
                                               levels[g_rand_int_range (rand, 0, G_N_ELEMENTS (levels))],
                                               seps[g_rand_int_range (rand, 0, G_N_ELEMENTS (seps))],
                                               texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))]);
      gsize len = strlen (line);
      gint64 time;
      guint32 tid;
      const char *level;
      gsize level_len, off;

      if (g_rand_int_range (rand, 0, 6) == 0)
        len = g_rand_int_range (rand, 20, len + 1);
      g_string_append_len (data, line, len);
      g_string_append (data, g_rand_boolean (rand) ? "\r\n" : "\n");
      n++;
      if (ld_log_line_parse_prefix (line, len, &time, &tid, &level, &level_len, &off))
        {
          Trace *t = g_new0 (Trace, 1);

          t->line = n;
          t->time = time;
          t->level = g_strndup (level, MIN (level_len, 15));
          t->text = g_strndup (line + off, len - off);
          g_ptr_array_add (want, t);
        }
    }

  for (gsize chunk = 7; chunk < 8192; chunk *= 16)
    {
      g_autoptr(Sink) sink = sink_new ();
      LdLogReader *reader = feed_sink (sink, data->str, data->len, chunk);

      ld_log_reader_finish (reader, NULL);
      ld_log_reader_free (reader);
      g_assert_cmpuint (sink->recs->len, ==, 0);
      g_assert_cmpuint (sink->traces->len, ==, want->len);
      for (guint i = 0; i < want->len; i++)
        {
          const Trace *a = g_ptr_array_index (want, i);
          const Trace *b = g_ptr_array_index (sink->traces, i);

          g_assert_cmpuint (a->line, ==, b->line);
          g_assert_cmpint (a->time, ==, b->time);
          g_assert_cmpstr (a->level, ==, b->level);
          g_assert_cmpstr (a->text, ==, b->text);
        }
    }
}

/* Threads whose "PID:TID LEVEL ::" differ in the TID's last digit only, or
 * one being the other with a digit more: each start line takes its own
 * thread's opening line, whose addresses (one longer than is kept in
 * place, LdAddress) it has whole. */
static void
test_threads_alike (void)
{
  const char data[] =
    "04/16/2013|03:17:31.000 1F68:C14 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1) 99 bytes:\n"
    "04/16/2013|03:17:31.000 1F68:C145 INFO :: Data Received -[2001:db8:85a3:1234:5678:8a2e:370:7334]:5061 "
    "(To Local Address: pool-frontend-server-01.internal.contoso.example.com:5061) 50 bytes:\n"
    "04/16/2013|03:17:31.000 1F68:C15 INFO :: Data Received -10.0.0.3:443 (To Local Address: 10.0.0.2:3) 50 bytes:\n"
    "04/16/2013|03:17:31.001 1F68:C145 INFO :: SIP/2.0 200 OK\n"
    "Call-ID: c145\n"
    "\n"
    "04/16/2013|03:17:31.001 1F68:C15 INFO :: SIP/2.0 180 Ringing\n"
    "Call-ID: c15\n"
    "\n"
    "04/16/2013|03:17:31.001 1F68:C14 INFO :: INFO sip:x@y SIP/2.0\n"
    "Call-ID: c14\n"
    "\n";
  g_autoptr(GPtrArray) recs = read_all (data, sizeof data - 1, 4096, NULL);

  g_assert_cmpuint (recs->len, ==, 3);
  g_assert_cmpstr (rec_at (recs, 0)->remote, ==, "[2001:db8:85a3:1234:5678:8a2e:370:7334]:5061");
  g_assert_cmpstr (rec_at (recs, 0)->local, ==, "pool-frontend-server-01.internal.contoso.example.com:5061");
  g_assert_cmpuint (rec_at (recs, 0)->line, ==, 2);
  g_assert_cmpstr (rec_at (recs, 1)->remote, ==, "10.0.0.3:443");
  g_assert_cmpuint (rec_at (recs, 1)->line, ==, 3);
  g_assert_cmpint (rec_at (recs, 2)->direction, ==, LD_DIRECTION_SENT);
  g_assert_cmpstr (rec_at (recs, 2)->remote, ==, "10.0.0.1:5061");
  g_assert_cmpstr (rec_at (recs, 2)->local, ==, "10.0.0.2:1");
  g_assert_cmpuint (rec_at (recs, 2)->line, ==, 1);
}

/* A start line written on the opening line after "bytes:" is read as the
 * record's first line; "bytes:" ending the line, or without its colon, is
 * no start line (a 'y' before it, in "gateway", is passed over). */
static void
test_start_on_opening_line (void)
{
  const char data[] =
    "04/16/2013|03:17:31.000 1F68:C14 INFO :: Data Received -gateway.contoso.com:443 (To Local Address: "
    "10.0.0.2:1) 99 bytes: SIP/2.0 200 OK\n"
    "Call-ID: on-opening-line\n"
    "\n"
    "04/16/2013|03:17:31.002 1F68:C14 INFO :: End of Data Received -gateway.contoso.com:443 (To Local Address: "
    "10.0.0.2:1) 99 bytes\n"
    "04/16/2013|03:17:32.000 1F68:C14 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1) 9 bytes:\n"
    "04/16/2013|03:17:32.000 1F68:C14 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1) 9 bytes "
    "INFO sip:x SIP/2.0\n"
    "Call-ID: not-a-record\n";
  g_autoptr(GPtrArray) recs = read_all (data, sizeof data - 1, 4096, NULL);

  g_assert_cmpuint (recs->len, ==, 1);
  g_assert_cmpint (rec_at (recs, 0)->direction, ==, LD_DIRECTION_RECEIVED);
  g_assert_cmpstr (rec_at (recs, 0)->remote, ==, "gateway.contoso.com:443");
  g_assert_cmpstr (rec_at (recs, 0)->text, ==, "SIP/2.0 200 OK\nCall-ID: on-opening-line\n\n");
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


/* ---- Damaged text (issue 22) ------------------------------------------ */

/* The records of @data, and the reader's line count, fed in @chunk bytes. */
static GPtrArray *
read_lines (const char *data,
            gsize       len,
            gsize       chunk,
            guint64    *lines,
            LdLogReader **out_reader)
{
  LdLogReader *reader = NULL;
  GPtrArray *recs = read_all (data, len, chunk, &reader);

  *lines = ld_log_reader_get_lines (reader);
  if (out_reader != NULL)
    *out_reader = reader;
  else
    ld_log_reader_free (reader);
  return recs;
}

static char *
with_line_ends (const char *lf_text,
                const char * const *ends)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = lf_text; *p; p++)
    {
      if (*p != '\n')
        {
          g_string_append_c (out, *p);
          continue;
        }
      g_string_append (out, ends[n % 4]);
      n++;
    }
  return g_string_free (out, FALSE);
}

static void
test_mixed_line_ends (void)
{
  /* The records with LF alone, and the same with every kind of line end
   * mixed: CRLF, CR alone, CR CR LF (CRLF through a text-mode stream). */
  g_autofree char *lf = g_strdup (two_records);
  static const char * const all_lf[] = { "\n", "\n", "\n", "\n" };
  static const char * const mixed[] = { "\r\n", "\r", "\n", "\r\r\n" };
  static const char * const cr_only[] = { "\r", "\r", "\r", "\r" };
  g_autofree char *ref_text = NULL;
  g_autofree char *plain = NULL;
  guint64 ref_lines = 0;
  gsize chunks[] = { 1, 2, 3, 4096 };

  for (char *p = lf, *q = lf; ; q++)
    {
      /* two_records is CRLF: make it LF alone first. */
      if (*q != '\r')
        *p++ = *q;
      if (*q == '\0')
        break;
    }
  plain = with_line_ends (lf, all_lf);
  {
    g_autoptr(GPtrArray) recs = read_lines (plain, strlen (plain), 4096, &ref_lines, NULL);
    g_assert_cmpuint (recs->len, ==, 2);
    ref_text = g_strdup (rec_at (recs, 0)->text);
    g_assert_cmpstr (ref_text, ==, "OPTIONS sip:a@b SIP/2.0\nCall-ID: one\n\n");
  }
  for (guint e = 0; e < 2; e++)
    for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
      {
        g_autofree char *data = with_line_ends (lf, e == 0 ? mixed : cr_only);
        guint64 lines = 0;
        LdLogReader *reader = NULL;
        g_autoptr(GPtrArray) recs = read_lines (data, strlen (data), chunks[c], &lines, &reader);

        g_assert_cmpuint (recs->len, ==, 2);
        /* Same lines, same record text: the empty line between headers and
         * body survives, and no line end makes an extra empty line. */
        g_assert_cmpuint (lines, ==, ref_lines);
        g_assert_cmpstr (rec_at (recs, 0)->text, ==, ref_text);
        g_assert_cmpuint (rec_at (recs, 1)->line, ==, 6);
        g_assert_false (rec_at (recs, 0)->unterminated);
        g_assert_cmpuint (ld_log_reader_get_problems (reader)->len, ==, 0);
        ld_log_reader_free (reader);
      }
}

static void
test_scattered_nuls (void)
{
  GString *data = g_string_new (NULL);
  g_autoptr(GPtrArray) recs = NULL;
  LdLogReader *reader = NULL;
  g_autofree char *text = NULL;

  /* NULs inside a log line's prefix, in a header and in the body. */
  g_string_append (data, "04/16/2013|03:17:31.555 1F68:C14 INFO  :: Data Received -192.168.100.100:5061 "
                         "(To Local Address: 192.168.103.35:20323) 1096 bytes:\n");
  g_string_append_len (data, "04/16/2013|03:17:31.555 1F68:C14 INFO  :: SIP/2.0 4\0" "88 Not Acceptable Here\n", 75);
  g_string_append_len (data, "Call-ID: o\0ne\n", 14);
  g_string_append_len (data, "ms-client-diagnostics: 52017;reason=\"Encryption levels do\0nt match\"\n", 68);
  g_string_append (data, "\n04/16/2013|03:17:31.556 1F68:C14 INFO  :: End of Data Received -192.168.100.100:5061 "
                         "(To Local Address: 192.168.103.35:20323) 1096 bytes\n");
  recs = read_all (data->str, data->len, 5, &reader);
  g_assert_cmpuint (recs->len, ==, 1);
  text = g_strdup (rec_at (recs, 0)->text);
  g_assert_true (g_str_has_prefix (text, "SIP/2.0 488 Not Acceptable Here\nCall-ID: one\n"));
  g_assert_nonnull (strstr (text, "reason=\"Encryption levels dont match\""));
  g_assert_false (rec_at (recs, 0)->unterminated);
  g_assert_true (has_problem (reader, "Line 2 ", "NUL", "3 in all", NULL));
  ld_log_reader_free (reader);
  g_string_free (data, TRUE);
}

static void
test_zero_block (void)
{
  /* A block of zeros where a crash left the end of one line and the start
   * of the next: the following log line is found after the zeros. */
  GString *data = g_string_new (two_records);
  g_autoptr(GPtrArray) recs = NULL;
  LdLogReader *reader = NULL;
  gsize cut = strstr (data->str, "04/16/2013|03:17:31.555") - data->str - 2;

  g_string_truncate (data, cut);
  for (guint i = 0; i < 512; i++)
    g_string_append_c (data, '\0');
  g_string_append (data, strstr (two_records, "04/16/2013|03:17:31.555"));
  recs = read_all (data->str, data->len, 64, &reader);
  g_assert_cmpuint (recs->len, ==, 2);
  g_assert_cmpint (rec_at (recs, 1)->direction, ==, LD_DIRECTION_RECEIVED);
  g_assert_true (g_str_has_prefix (rec_at (recs, 1)->text, "SIP/2.0 200 OK\n"));
  g_assert_true (has_problem (reader, "After line 5", "512 zero bytes", NULL));
  g_assert_false (has_problem (reader, "UTF-16", NULL));
  ld_log_reader_free (reader);

  /* Zeros on lines of their own. */
  g_string_assign (data, two_records);
  g_string_insert_len (data, strstr (data->str, "04/16/2013|03:17:31.555") - data->str,
                       "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\n", 21);
  {
    LdLogReader *r2 = NULL;
    g_autoptr(GPtrArray) recs2 = read_all (data->str, data->len, 7, &r2);

    g_assert_cmpuint (recs2->len, ==, 2);
    g_assert_true (has_problem (r2, "After line 5", "20 zero bytes", NULL));
    ld_log_reader_free (r2);
  }
  g_string_free (data, TRUE);
}

static void
test_binary_run (void)
{
  /* Binary data (here: the bytes 0..255 three times) in the middle of the
   * 200 OK's headers, then the log goes on. */
  GString *data = g_string_new (NULL);
  g_autoptr(GPtrArray) recs = NULL;
  LdLogReader *reader = NULL;
  const char *at = strstr (two_records, "Call-ID: one\r\n\r\n04/16/2013|03:17:31.556");

  g_string_append_len (data, two_records, at - two_records);
  g_string_append (data, "Call-ID: one\r\n");
  for (guint k = 0; k < 3; k++)
    for (guint b = 0; b < 256; b++)
      g_string_append_c (data, (char) b);
  g_string_append (data, "\r\n");
  g_string_append (data, two_records);
  recs = read_all (data->str, data->len, 4096, &reader);

  g_assert_cmpuint (recs->len, ==, 4);
  /* The 200 OK is read up to the binary data, and said to be cut. */
  g_assert_true (g_str_has_prefix (rec_at (recs, 1)->text, "SIP/2.0 200 OK\nCall-ID: one\n"));
  g_assert_true (rec_at (recs, 1)->unterminated);
  g_assert_cmpstr (rec_at (recs, 2)->text, ==, "OPTIONS sip:a@b SIP/2.0\nCall-ID: one\n\n");
  g_assert_false (rec_at (recs, 3)->unterminated);
  g_assert_true (has_problem (reader, "binary data", "Lines 9–", "begins at line 6", "up to line 8", NULL));
  ld_log_reader_free (reader);
  g_string_free (data, TRUE);

  /* Near miss: a tab, and one stray control byte in a long line, are text. */
  {
    g_autoptr(GString) text = g_string_new (two_records);
    LdLogReader *r2 = NULL;
    g_autoptr(GPtrArray) recs2 = NULL;

    g_string_replace (text, "Call-ID: one", "Call-ID:\tone", 1);
    g_string_replace (text, "OPTIONS sip:a@b SIP/2.0", "OPTIONS sip:a@b SIP/2.0", 1);
    g_string_replace (text, "(To Local Address: 192.168.103.35:20323) 1096 bytes:",
                      "(To Local Address: 192.168.103.35:20323) 1096 bytes:\x1b", 1);
    recs2 = read_all (text->str, text->len, 4096, &r2);
    g_assert_cmpuint (recs2->len, ==, 2);
    g_assert_cmpstr (rec_at (recs2, 0)->text, ==, "OPTIONS sip:a@b SIP/2.0\nCall-ID:\tone\n\n");
    g_assert_cmpuint (ld_log_reader_get_problems (r2)->len, ==, 0);
    ld_log_reader_free (r2);
  }
}

static void
test_utf16_half_way (void)
{
  /* The first record in 8-bit text, the second in UTF-16, with and
   * without a byte-order mark where it changes, in both byte orders. */
  const char *second = strstr (two_records, "04/16/2013|03:17:31.555");

  for (guint v = 0; v < 12; v++)
    {
      gsize chunk = v < 4 ? 13 : v < 8 ? 1 : 4096;
      GString *data = g_string_new_len (two_records, second - two_records);
      g_autofree char *u16 = NULL;
      gsize len = 0;
      g_autoptr(GPtrArray) recs = NULL;
      LdLogReader *reader = NULL;

      u16 = g_convert (second, -1, v & 1 ? "UTF-16BE" : "UTF-16LE", "UTF-8", NULL, &len, NULL);
      if (v & 2)
        g_string_append_len (data, v & 1 ? "\xFE\xFF" : "\xFF\xFE", 2);
      g_string_append_len (data, u16, len);
      recs = read_all (data->str, data->len, chunk, &reader);
      g_assert_cmpuint (recs->len, ==, 2);
      g_assert_cmpuint (rec_at (recs, 1)->line, ==, 6);
      g_assert_cmpuint (ld_log_reader_get_lines (reader), ==, 10);
      g_assert_cmpint (rec_at (recs, 1)->direction, ==, LD_DIRECTION_RECEIVED);
      g_assert_cmpstr (rec_at (recs, 1)->text, ==, "SIP/2.0 200 OK\nCall-ID: one\n\n");
      g_assert_true (has_problem (reader, "Lines 6–10 are UTF-16", "changes at line 6", NULL));
      g_assert_cmpuint (ld_log_reader_get_problems (reader)->len, ==, 1);
      g_assert_cmpint (ld_log_reader_get_encoding (reader), ==, LD_TEXT_ENCODING_UTF8);
      ld_log_reader_free (reader);
      g_string_free (data, TRUE);
    }
}

static void
test_utf16le_without_bom (void)
{
  g_autofree char *u16 = NULL;
  gsize len = 0;
  g_autoptr(GPtrArray) recs = NULL;
  LdLogReader *reader = NULL;

  u16 = g_convert (two_records, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
  recs = read_all (u16, len, 3, &reader);
  g_assert_cmpint (ld_log_reader_get_encoding (reader), ==, LD_TEXT_ENCODING_UTF16LE);
  g_assert_cmpuint (recs->len, ==, 2);
  g_assert_cmpstr (rec_at (recs, 0)->remote, ==, "192.168.100.100:5061");
  g_assert_cmpuint (ld_log_reader_get_problems (reader)->len, ==, 0);
  ld_log_reader_free (reader);
}


static void
test_utf16_then_8bit (void)
{
  /* A UTF-16 log (with its BOM) to which 8-bit text was appended. */
  const char *second = strstr (two_records, "04/16/2013|03:17:31.555");
  gsize chunks[] = { 1, 7, 4096 };

  for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
    {
      g_autofree char *head = g_strndup (two_records, second - two_records);
      g_autofree char *u16 = NULL;
      gsize len = 0;
      GString *data = g_string_new ("\xFF\xFE");
      g_autoptr(GPtrArray) recs = NULL;
      LdLogReader *reader = NULL;

      u16 = g_convert (head, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
      g_string_append_len (data, u16, len);
      g_string_append (data, second);
      recs = read_all (data->str, data->len, chunks[c], &reader);
      g_assert_cmpint (ld_log_reader_get_encoding (reader), ==, LD_TEXT_ENCODING_UTF16LE);
      g_assert_cmpuint (recs->len, ==, 2);
      g_assert_cmpstr (rec_at (recs, 0)->text, ==, "OPTIONS sip:a@b SIP/2.0\nCall-ID: one\n\n");
      g_assert_cmpstr (rec_at (recs, 1)->text, ==, "SIP/2.0 200 OK\nCall-ID: one\n\n");
      g_assert_cmpuint (rec_at (recs, 1)->line, ==, 6);
      g_assert_true (has_problem (reader, "changes from UTF-16 to 8-bit text at line 6", NULL));
      ld_log_reader_free (reader);
      g_string_free (data, TRUE);
    }

  /* Near miss: UTF-16 text in another script (a display name in Chinese,
   * U+4E0A U+4E2D, whose code units are two ASCII bytes each, one of them a
   * line feed) is UTF-16. */
  {
    g_autoptr(GString) text = g_string_new (two_records);
    g_autofree char *u16 = NULL;
    gsize len = 0;
    GString *data = g_string_new ("\xFF\xFE");
    g_autoptr(GPtrArray) recs = NULL;
    LdLogReader *reader = NULL;

    g_string_replace (text, "Call-ID: one", "From: \"\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\xE4\xB8\x8A\xE4\xB8\xAD\" <sip:a@b>\r\nCall-ID: one", 0);
    u16 = g_convert (text->str, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
    g_string_append_len (data, u16, len);
    recs = read_all (data->str, data->len, 4096, &reader);
    g_assert_cmpuint (recs->len, ==, 2);
    g_assert_true (g_str_has_prefix (rec_at (recs, 0)->text, "OPTIONS sip:a@b SIP/2.0\nFrom: \"\xE4\xB8\x8A\xE4\xB8\xAD"));
    g_assert_cmpuint (ld_log_reader_get_problems (reader)->len, ==, 0);
    ld_log_reader_free (reader);
    g_string_free (data, TRUE);
  }
}

/* ---- Times (issue 22) ------------------------------------------------- */

static const char *
problem_with (LdLogReader *reader,
              const char  *word)
{
  GPtrArray *problems = ld_log_reader_get_problems (reader);

  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), word) != NULL)
      return g_ptr_array_index (problems, i);
  return NULL;
}

static void
test_impossible_date (void)
{
  g_autoptr(GString) data = g_string_new (two_records);
  g_autoptr(GPtrArray) recs = NULL;
  LdLogReader *reader = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  /* The 200 OK's opening and start lines say February 30. */
  g_string_replace (data, "04/16/2013|03:17:31.555", "02/30/2013|03:17:31.555", 0);
  recs = read_all (data->str, data->len, 4096, &reader);
  g_assert_cmpuint (recs->len, ==, 2);
  g_assert_cmpint (rec_at (recs, 1)->time, ==, -1);
  g_assert_true (g_str_has_prefix (rec_at (recs, 1)->text, "SIP/2.0 200 OK\n"));
  g_assert_true (has_problem (reader, "Line 6 ", "impossible date", "02/30/2013|03:17:31.555", "1 more line", NULL));
  first = ld_time_format_iso (ld_log_reader_get_first_time (reader));
  last = ld_time_format_iso (ld_log_reader_get_last_time (reader));
  g_assert_cmpstr (first, ==, "2013-04-16T03:17:30.168");
  g_assert_cmpstr (last, ==, "2013-04-16T03:17:31.556");
  ld_log_reader_free (reader);

  /* Near miss: February 29 of a leap year. */
  {
    g_autoptr(GString) leap = g_string_new (two_records);
    LdLogReader *r2 = NULL;
    g_autoptr(GPtrArray) recs2 = NULL;

    g_string_replace (leap, "04/16/2013|", "02/29/2016|", 0);
    recs2 = read_all (leap->str, leap->len, 4096, &r2);
    g_assert_cmpuint (recs2->len, ==, 2);
    g_assert_cmpint (rec_at (recs2, 1)->time, >, 0);
    g_assert_cmpuint (ld_log_reader_get_problems (r2)->len, ==, 0);
    ld_log_reader_free (r2);
  }
}

/* The reader takes a stamp whose date is the previous stamp's as a time
 * of that day without parsing the date again: every time must still be
 * the one the whole stamp says, and an impossible time of the same day
 * must still be told. */
static void
test_times_of_one_day (void)
{
  /* All on one day: the second record's time to the millisecond. */
  {
    g_autoptr(GPtrArray) recs = NULL;
    LdLogReader *reader = NULL;

    recs = read_all (two_records, strlen (two_records), 4096, &reader);
    g_assert_cmpuint (recs->len, ==, 2);
    g_assert_cmpint (rec_at (recs, 0)->time, ==, ld_time_from_civil (2013, 4, 16, 3, 17, 30, 168));
    g_assert_cmpint (rec_at (recs, 1)->time, ==, ld_time_from_civil (2013, 4, 16, 3, 17, 31, 555));
    g_assert_cmpint (ld_log_reader_get_last_time (reader), ==, ld_time_from_civil (2013, 4, 16, 3, 17, 31, 556));
    ld_log_reader_free (reader);
  }
  /* Hour 25 on the same day as the lines before: impossible, and told. */
  {
    g_autoptr(GString) data = g_string_new (two_records);
    g_autoptr(GPtrArray) recs = NULL;
    LdLogReader *reader = NULL;

    g_string_replace (data, "04/16/2013|03:17:31.555", "04/16/2013|25:17:31.555", 0);
    recs = read_all (data->str, data->len, 4096, &reader);
    g_assert_cmpuint (recs->len, ==, 2);
    g_assert_cmpint (rec_at (recs, 1)->time, ==, -1);
    g_assert_true (has_problem (reader, "Line 6 ", "impossible date", "04/16/2013|25:17:31.555", NULL));
    ld_log_reader_free (reader);
  }
  /* Near misses: a leap second of that day, and the next day. */
  {
    g_autoptr(GString) data = g_string_new (two_records);
    g_autoptr(GPtrArray) recs = NULL;
    LdLogReader *reader = NULL;

    g_string_replace (data, "04/16/2013|03:17:31.555", "04/16/2013|23:59:60.250", 0);
    g_string_replace (data, "04/16/2013|03:17:31.556", "04/17/2013|00:00:01.002", 0);
    recs = read_all (data->str, data->len, 4096, &reader);
    g_assert_cmpuint (recs->len, ==, 2);
    g_assert_cmpint (rec_at (recs, 1)->time, ==, ld_time_from_civil (2013, 4, 16, 23, 59, 60, 250));
    g_assert_cmpint (ld_log_reader_get_last_time (reader), ==, ld_time_from_civil (2013, 4, 17, 0, 0, 1, 2));
    g_assert_cmpuint (ld_log_reader_get_problems (reader)->len, ==, 0);
    ld_log_reader_free (reader);
  }
}

static void
test_time_backwards (void)
{
  g_autoptr(GString) data = g_string_new (two_records);
  g_autoptr(GPtrArray) recs = NULL;
  LdLogReader *reader = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  const char *p;

  /* The clock goes back an hour between the two records. */
  g_string_replace (data, "04/16/2013|03:17:31.", "04/16/2013|02:17:31.", 0);
  recs = read_all (data->str, data->len, 4096, &reader);
  g_assert_cmpuint (recs->len, ==, 2);
  p = problem_with (reader, "backwards");
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (p, "line 6:"));
  g_assert_nonnull (strstr (p, "2013-04-16 02:17:31.555 follows 2013-04-16 03:17:30.169"));
  g_assert_nonnull (strstr (p, "0:59:58 earlier"));
  /* The range is the earliest to the latest time, never reversed. */
  first = ld_time_format_iso (ld_log_reader_get_first_time (reader));
  last = ld_time_format_iso (ld_log_reader_get_last_time (reader));
  g_assert_cmpstr (first, ==, "2013-04-16T02:17:31.555");
  g_assert_cmpstr (last, ==, "2013-04-16T03:17:30.169");
  ld_log_reader_free (reader);

  /* Near miss: threads writing their lines a few hundred ms out of order. */
  {
    g_autoptr(GString) jitter = g_string_new (two_records);
    LdLogReader *r2 = NULL;
    g_autoptr(GPtrArray) recs2 = NULL;

    g_string_replace (jitter, "04/16/2013|03:17:31.555", "04/16/2013|03:17:29.555", 0);
    recs2 = read_all (jitter->str, jitter->len, 4096, &r2);
    g_assert_cmpuint (recs2->len, ==, 2);
    g_assert_null (problem_with (r2, "backwards"));
    ld_log_reader_free (r2);
  }
}


/* ---- Server diagnostic records (issue 19) ----------------------------- */

static LdLogReader *
read_fixture (const char *name,
              Sink       *sink,
              gsize       chunk)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  LdLogReader *reader;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", name, NULL), &contents, &len,
                                      NULL));
  reader = feed_sink (sink, contents, len, chunk);
  ld_log_reader_finish (reader, NULL);
  return reader;
}

static void
test_server_diagnostics (void)
{
  gsize chunks[] = { 1, 7, 65536 };

  for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
    {
      g_autoptr(Sink) sink = sink_new ();
      LdLogReader *reader = read_fixture ("sipstack-edge-federation.log", sink, chunks[c]);
      Trace *srv, *cert;
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      g_assert_cmpint (ld_log_reader_get_format (reader), ==, LD_LOG_FORMAT_SERVER);
      g_assert_cmpuint (sink->recs->len, ==, 0);
      g_assert_cmpuint (sink->traces->len, ==, 2);
      g_assert_cmpuint (ld_log_reader_get_diagnostic_records (reader), ==, 2);
      srv = g_ptr_array_index (sink->traces, 0);
      cert = g_ptr_array_index (sink->traces, 1);
      g_assert_cmpstr (srv->level, ==, "TL_WARN");
      g_assert_cmpuint (srv->line, ==, 8);
      g_assert_nonnull (strstr (srv->text, "same domain Result-Code: 0xc3e93d6f SIPPROXY_E_EPROUTING"));
      g_assert_nonnull (strstr (srv->text, "\nSIP-Call-ID: f1b3ad5d-183b-4632-b210-c2f9bec71960\n"));
      g_assert_true (g_str_has_suffix (srv->text, "\nData: domain =\" acano.steven.lab \"; fqdn1 =\" vcse.steven.lab :5061\""));
      g_assert_cmpstr (cert->level, ==, "TL_ERROR");
      g_assert_cmpuint (cert->line, ==, 17);
      g_assert_nonnull (strstr (cert->text, "SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH"));
      {
        g_autofree char *iso = ld_time_format_iso (cert->time);
        g_assert_cmpstr (iso, ==, "2017-03-02T06:30:40.025");
      }
      /* Earliest to latest, although the file's order goes back in time,
       * which is told. */
      first = ld_time_format_iso (ld_log_reader_get_first_time (reader));
      last = ld_time_format_iso (ld_log_reader_get_last_time (reader));
      g_assert_cmpstr (first, ==, "2017-03-02T06:30:40.025");
      g_assert_cmpstr (last, ==, "2017-03-02T07:10:46.230");
      g_assert_true (has_problem (reader, "backwards at line 17", NULL));
      ld_log_reader_free (reader);
    }

  /* A record longer than the reader keeps (here: the Cisco record with a
   * line of 70 000 x's added, a size test and no value) is said, and its
   * first fields still read. */
  {
    g_autofree char *contents = NULL;
    gsize len = 0;
    g_autoptr(GString) big = NULL;
    g_autoptr(Sink) sink = sink_new ();
    LdLogReader *reader;
    char *pad = g_strnfill (70000, 'x');

    g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "sipstack-edge-federation.log", NULL),
                                        &contents, &len, NULL));
    big = g_string_new (contents);
    {
      char *at = strstr (big->str, "SIP-CSeq: 2066245576 INVITE\n");
      gsize off = at - big->str + strlen ("SIP-CSeq: 2066245576 INVITE\n");

      g_string_insert (big, off, "\n");
      g_string_insert (big, off, pad);
    }
    g_free (pad);
    reader = feed_sink (sink, big->str, big->len, 4096);
    ld_log_reader_finish (reader, NULL);
    g_assert_cmpuint (sink->traces->len, ==, 2);
    g_assert_nonnull (strstr (((Trace *) g_ptr_array_index (sink->traces, 0))->text, "SIP-Call-ID: f1b3ad5d"));
    g_assert_true (has_problem (reader, "record at line 8 is longer than 64 KB", NULL));
    ld_log_reader_free (reader);
  }

  /* A head line without "$$begin_record" opens a record too; the TL_INFO
   * protocol record before it is a SIP message, not a diagnostic. */
  {
    g_autoptr(Sink) sink = sink_new ();
    LdLogReader *reader = read_fixture ("sipstack-ocs-routing.log", sink, 5);
    Trace *t;

    g_assert_cmpuint (sink->recs->len, ==, 1);
    g_assert_true (g_str_has_prefix (rec_at (sink->recs, 0)->text, "OPTIONS sip:Options_User@fabrikam.com SIP/2.0\n"));
    g_assert_cmpuint (sink->traces->len, ==, 1);
    t = g_ptr_array_index (sink->traces, 0);
    g_assert_cmpstr (t->level, ==, "TL_ERROR");
    g_assert_cmpuint (t->line, ==, 25);
    g_assert_nonnull (strstr (t->text, "\nResult-Code: 0xc3e93c5e SIPPROXY_E_ROUTING\n"));
    g_assert_nonnull (strstr (t->text, "\nSIP-CSeq: 1 OPTIONS"));
    g_assert_cmpuint (ld_log_reader_get_problems (reader)->len, ==, 0);
    ld_log_reader_free (reader);
  }
}


/* ---- Rotation: a record cut between two files (issue 19) --------------- */

static const char rot_head[] =
  "04/16/2013|03:17:30.168 1F68:C14 INFO :: Sending Packet - 192.168.100.100:5061 (From Local Address: 192.168.103.35:20323) 1503 bytes:\r\n"
  "04/16/2013|03:17:30.168 1F68:C14 INFO :: OPTIONS sip:a@b SIP/2.0\r\n"
  "Call-ID: one\r\n"
  "\r\n"
  "04/16/2013|03:17:30.169 1F68:C14 INFO :: End of Sending Packet - 192.168.100.100:5061 (From Local Address: 192.168.103.35:20323) 1503 bytes\r\n"
  "04/16/2013|03:17:31.555 1F68:C14 INFO  :: Data Received -192.168.100.100:5061 (To Local Address: 192.168.103.35:20323) 1096 bytes:\r\n"
  "04/16/2013|03:17:31.555 1F68:C14 INFO  :: SIP/2.0 504 Server time-out\r\n"
  "From: <sip:a@b>;tag=1\r\n";

static const char rot_tail[] =
  "Call-ID: one\r\n"
  "CSeq: 1 OPTIONS\r\n"
  /* Cisco TAC document 212383 (see tests/data/sipstack-edge-federation.log). */
  "ms-diagnostics: 1009; reason =\"No match for domain in DNS SRV results\"; domain =\" cms.steven.lab \"; fqdn1 =\" vcse.sub.cms.steven.lab :5061\";source=\"sip.skype.lab\"\r\n"
  "\r\n"
  "04/16/2013|03:17:31.556 1F68:C14 INFO  :: End of Data Received -192.168.100.100:5061 (To Local Address: 192.168.103.35:20323) 1096 bytes\r\n";

static const char rot_own[] =
  "04/16/2013|03:17:40.000 1F68:C14 INFO :: Sending Packet - 192.168.100.100:5061 (From Local Address: 192.168.103.35:20323) 99 bytes:\r\n"
  "04/16/2013|03:17:40.000 1F68:C14 INFO :: BYE sip:a@b SIP/2.0\r\n"
  "Call-ID: two\r\n"
  "\r\n"
  "04/16/2013|03:17:40.001 1F68:C14 INFO :: End of Sending Packet - 192.168.100.100:5061 (From Local Address: 192.168.103.35:20323) 99 bytes\r\n";

/* Reads @first as one file and @second as the next, the way the analysis
 * does with rotated files; @chunk bytes at a time. */
static void
read_rotated (const char   *first,
              gsize         first_len,
              const char   *second,
              gsize         second_len,
              gsize         chunk,
              Sink         *sink1,
              Sink         *sink2,
              LdLogReader **r1,
              LdLogReader **r2)
{
  LdCutRecord *cut;

  *r1 = feed_sink (sink1, first, first_len, chunk);
  cut = ld_log_reader_finish_keeping_cut (*r1);
  *r2 = ld_log_reader_new (sink_record, sink_trace, sink2);
  if (cut != NULL)
    ld_log_reader_continue_cut (*r2, cut);
  for (gsize off = 0; off < second_len; off += chunk)
    ld_log_reader_feed (*r2, second + off, MIN (chunk, second_len - off), NULL);
  ld_log_reader_finish (*r2, NULL);
}

static void
test_rotation_join (void)
{
  gsize chunks[] = { 1, 5, 65536 };

  for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
    {
      g_autoptr(Sink) s1 = sink_new ();
      g_autoptr(Sink) s2 = sink_new ();
      g_autoptr(GString) second = g_string_new (rot_tail);
      LdLogReader *r1, *r2;
      Rec *joined;

      g_string_append (second, rot_own);
      read_rotated (rot_head, sizeof rot_head - 1, second->str, second->len, chunks[c], s1, s2, &r1, &r2);
      /* The first file's half is not handed on by it, but said. */
      g_assert_cmpuint (s1->recs->len, ==, 1);
      g_assert_true (has_problem (r1, "ends in the middle of the SIP message that begins at line 6", NULL));
      g_assert_cmpuint (s2->recs->len, ==, 2);
      joined = rec_at (s2->recs, 0);
      g_assert_true (joined->previous_input);
      g_assert_true (joined->joined);
      g_assert_false (joined->unterminated);
      g_assert_cmpuint (joined->line, ==, 6);
      g_assert_cmpint (joined->direction, ==, LD_DIRECTION_RECEIVED);
      g_assert_cmpstr (joined->remote, ==, "192.168.100.100:5061");
      g_assert_cmpstr (joined->text, ==, "SIP/2.0 504 Server time-out\nFrom: <sip:a@b>;tag=1\nCall-ID: one\n"
                                         "CSeq: 1 OPTIONS\n"
                                         "ms-diagnostics: 1009; reason =\"No match for domain in DNS SRV results\"; domain =\" cms.steven.lab \"; "
                                         "fqdn1 =\" vcse.sub.cms.steven.lab :5061\";source=\"sip.skype.lab\"\n\n");
      g_assert_false (rec_at (s2->recs, 1)->previous_input);
      g_assert_cmpuint (rec_at (s2->recs, 1)->line, ==, 6);
      g_assert_true (has_problem (r2, "Lines 1–5 of this file end the SIP message that begins at line 6 of the "
                                  "previous file", NULL));
      ld_log_reader_free (r1);
      ld_log_reader_free (r2);
    }
}

static void
test_rotation_partial_line (void)
{
  /* The first file ends inside a header line: the next starts with its rest. */
  g_autoptr(Sink) s1 = sink_new ();
  g_autoptr(Sink) s2 = sink_new ();
  g_autoptr(GString) first = g_string_new (rot_head);
  LdLogReader *r1, *r2;
  const char *second = strstr (rot_tail, "one\r\n");

  g_string_append (first, "Call-ID: ");
  read_rotated (first->str, first->len, second, strlen (second), 3, s1, s2, &r1, &r2);
  g_assert_cmpuint (s2->recs->len, ==, 1);
  g_assert_true (rec_at (s2->recs, 0)->joined);
  g_assert_true (g_str_has_prefix (rec_at (s2->recs, 0)->text,
                                   "SIP/2.0 504 Server time-out\nFrom: <sip:a@b>;tag=1\nCall-ID: one\nCSeq:"));
  ld_log_reader_free (r1);
  ld_log_reader_free (r2);
}

static void
test_rotation_closing_line_only (void)
{
  /* Rotated just before the closing line: the next file starts with it. */
  g_autoptr(Sink) s1 = sink_new ();
  g_autoptr(Sink) s2 = sink_new ();
  g_autoptr(GString) first = g_string_new (rot_head);
  LdLogReader *r1, *r2;
  const char *closing = strstr (rot_tail, "04/16/2013");

  g_string_append_len (first, rot_tail, closing - rot_tail);
  read_rotated (first->str, first->len, closing, strlen (closing), 4096, s1, s2, &r1, &r2);
  g_assert_cmpuint (s2->recs->len, ==, 1);
  g_assert_true (rec_at (s2->recs, 0)->joined);
  g_assert_false (rec_at (s2->recs, 0)->unterminated);
  g_assert_nonnull (strstr (rec_at (s2->recs, 0)->text, "ms-diagnostics: 1009"));
  g_assert_true (has_problem (r2, "Line 1 of this file ends the SIP message that begins at line 6", NULL));
  ld_log_reader_free (r1);
  ld_log_reader_free (r2);
}

static void
test_rotation_not_continued (void)
{
  /* Near misses: the next file starts with a log line of its own, is
   * empty, or is not a log at all. The first half goes on as it is, marked
   * as the previous file's and cut, ahead of the new file's records. */
  const char *seconds[] = { rot_own, "", "not a log\nat all\n" };

  for (guint i = 0; i < G_N_ELEMENTS (seconds); i++)
    {
      g_autoptr(Sink) s1 = sink_new ();
      g_autoptr(Sink) s2 = sink_new ();
      LdLogReader *r1, *r2;
      Rec *half;

      read_rotated (rot_head, sizeof rot_head - 1, seconds[i], strlen (seconds[i]), 7, s1, s2, &r1, &r2);
      g_assert_cmpuint (s2->recs->len, ==, i == 0 ? 2 : 1);
      half = rec_at (s2->recs, 0);
      g_assert_true (half->previous_input);
      g_assert_false (half->joined);
      g_assert_true (half->unterminated);
      g_assert_cmpuint (half->line, ==, 6);
      g_assert_cmpstr (half->text, ==, "SIP/2.0 504 Server time-out\nFrom: <sip:a@b>;tag=1\n");
      g_assert_false (has_problem (r2, "of this file end", NULL));
      if (i == 0)
        g_assert_false (rec_at (s2->recs, 1)->previous_input);
      ld_log_reader_free (r1);
      ld_log_reader_free (r2);
    }

  /* A file that simply ends after a complete record keeps nothing back. */
  {
    LdLogReader *r = ld_log_reader_new (NULL, NULL, NULL);

    ld_log_reader_feed (r, rot_own, sizeof rot_own - 1, NULL);
    g_assert_null (ld_log_reader_finish_keeping_cut (r));
    g_assert_cmpuint (ld_log_reader_get_problems (r)->len, ==, 0);
    /* …and a file that starts with a record of its own is no cut. */
    g_assert_false (ld_log_reader_starts_inside_record (r));
    ld_log_reader_free (r);
  }
}

static void
test_rotation_server_record (void)
{
  /* A server trace rotated inside a protocol record. */
  g_autofree char *contents = NULL;
  gsize len = 0;
  const char *cut_at;
  g_autoptr(Sink) s1 = sink_new ();
  g_autoptr(Sink) s2 = sink_new ();
  LdLogReader *r1, *r2;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "sipstack-ocs-routing.log", NULL),
                                      &contents, &len, NULL));
  cut_at = strstr (contents, "VIA: SIP/2.0/TLS");
  read_rotated (contents, cut_at - contents, cut_at, len - (cut_at - contents), 11, s1, s2, &r1, &r2);
  g_assert_cmpuint (s1->recs->len, ==, 0);
  g_assert_cmpuint (s2->recs->len, ==, 1);
  g_assert_true (rec_at (s2->recs, 0)->joined);
  g_assert_cmpuint (rec_at (s2->recs, 0)->line, ==, 7);
  g_assert_true (g_str_has_prefix (rec_at (s2->recs, 0)->text, "OPTIONS sip:Options_User@fabrikam.com SIP/2.0\n"));
  g_assert_nonnull (strstr (rec_at (s2->recs, 0)->text, "MAX-FORWARDS: 70\nVIA: SIP/2.0/TLS"));
  g_assert_cmpuint (s2->traces->len, ==, 1);
  ld_log_reader_free (r1);
  ld_log_reader_free (r2);
}

/* The JSON's times, written two digits at a time, against GLib's calendar
 * and printf: days from 1970 to 9999 and times across the day, and the
 * edges (midnight, the last millisecond of a day, of a year, of 9999). */
static void
test_time_iso (void)
{
  const gint64 day = 86400000;
  const gint64 last_day = 2932896;   /* 9999-12-31 */
  char buf[LD_TIME_ISO_SIZE];

  for (gint64 days = 0; days <= last_day; days += days < 800 ? 1 : 13)
    for (guint k = 0; k < 3; k++)
      {
        gint64 of_day = k == 0 ? 0 : k == 1 ? day - 1 : (days * 7919 + 123) % day;
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (days * 86400);
        g_autofree char *want = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03d",
                                                 g_date_time_get_year (dt), g_date_time_get_month (dt),
                                                 g_date_time_get_day_of_month (dt), (int) (of_day / 3600000),
                                                 (int) (of_day / 60000 % 60), (int) (of_day / 1000 % 60),
                                                 (int) (of_day % 1000));

        g_assert_cmpstr (ld_time_format_iso_buf (days * day + of_day, buf), ==, want);
      }
  g_assert_cmpstr (ld_time_format_iso_buf (last_day * day + day - 1, buf), ==, "9999-12-31T23:59:59.999");
  g_assert_cmpstr (ld_time_format_iso_buf (0, buf), ==, "1970-01-01T00:00:00.000");
  g_assert_null (ld_time_format_iso_buf (-1, buf));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/uccapi/prefix", test_prefix);
  g_test_add_func ("/core/uccapi/time-iso", test_time_iso);
  g_test_add_func ("/core/uccapi/record-split", test_records);
  g_test_add_func ("/core/uccapi/cut-by-rotation", test_cut_by_rotation);
  g_test_add_func ("/core/uccapi/interleaved-threads", test_interleaved_threads);
  g_test_add_func ("/core/uccapi/threads-alike", test_threads_alike);
  g_test_add_func ("/core/uccapi/start-on-opening-line", test_start_on_opening_line);
  g_test_add_func ("/core/uccapi/prefix-heads", test_prefix_heads);
  g_test_add_func ("/core/uccapi/utf16", test_utf16);
  g_test_add_func ("/core/uccapi/utf16-odd-bytes", test_utf16_odd);
  g_test_add_func ("/core/uccapi/bom-and-cr-only", test_bom_and_cr_only);
  g_test_add_func ("/core/uccapi/long-line", test_long_line);
  g_test_add_func ("/core/sipstack/records", test_server_trace);
  g_test_add_func ("/core/sipstack/diagnostic-records", test_server_diagnostics);
  g_test_add_func ("/core/rotation/join", test_rotation_join);
  g_test_add_func ("/core/rotation/partial-line", test_rotation_partial_line);
  g_test_add_func ("/core/rotation/closing-line-only", test_rotation_closing_line_only);
  g_test_add_func ("/core/rotation/not-continued", test_rotation_not_continued);
  g_test_add_func ("/core/rotation/server-record", test_rotation_server_record);
  g_test_add_func ("/core/reading/mixed-line-ends", test_mixed_line_ends);
  g_test_add_func ("/core/reading/scattered-nuls", test_scattered_nuls);
  g_test_add_func ("/core/reading/zero-block", test_zero_block);
  g_test_add_func ("/core/reading/binary-run", test_binary_run);
  g_test_add_func ("/core/reading/utf16-half-way", test_utf16_half_way);
  g_test_add_func ("/core/reading/utf16le-without-bom", test_utf16le_without_bom);
  g_test_add_func ("/core/reading/utf16-then-8bit", test_utf16_then_8bit);
  g_test_add_func ("/core/reading/impossible-date", test_impossible_date);
  g_test_add_func ("/core/reading/times-of-one-day", test_times_of_one_day);
  g_test_add_func ("/core/reading/time-backwards", test_time_backwards);
  return g_test_run ();
}
