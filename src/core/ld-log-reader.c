/* ld-log-reader.c - split a client or server log into SIP records, one pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client log (.uccapilog) writes every line with a prefix
 *   MM/DD/YYYY|HH:MM:SS.mmm PID:TID LEVEL :: text
 * and brackets each SIP message between an opening line
 *   Sending Packet - ip:port (From Local Address: ip:port) N bytes:
 *   Data Received -ip:port (To Local Address: ip:port) N bytes:
 * and its "End of ..." twin. The SIP start line is written with a prefix,
 * its headers and body without one. Server SIPStack traces are read by
 * ld-log-reader-server.c, the bytes made lines by ld-log-reader-text.c.
 * All without regular expressions: this sees every line of files of
 * hundreds of megabytes.
 *
 * Time stamps are checked as they come (impossible dates, time going back)
 * and a log rotated in the middle of a SIP message is joined with its next
 * file here (ld_log_reader_finish_keeping_cut(), ld_log_reader_continue_cut()).
 */
#define G_LOG_DOMAIN "ld-log-reader"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "ld-log-reader-private.h"
#include "ld-sip-message-private.h"

/* Time that goes back by less is the order in which threads wrote their
 * lines, not a clock that was changed. */
#define BACKWARDS_TOLERANCE_MS 2000

void
_ld_log_reader_add_problem (LdLogReader *self,
                            char        *text)
{
  if (self->problems->len < LD_LOG_READER_MAX_PROBLEMS)
    g_ptr_array_add (self->problems, text);
  else
    {
      self->problems_dropped++;
      g_free (text);
    }
}

#define add_problem _ld_log_reader_add_problem

LdLogReader *
ld_log_reader_new (LdRecordFunc record_func,
                   LdTraceFunc  trace_func,
                   gpointer     user_data)
{
  LdLogReader *self = g_new0 (LdLogReader, 1);

  self->record_func = record_func;
  self->trace_func = trace_func;
  self->user_data = user_data;
  self->iconv = (GIConv) -1;
  self->undecoded = g_string_new (NULL);
  self->carry = g_string_new (NULL);
  self->scratch = g_string_new (NULL);
  self->text = g_string_sized_new (4096);
  self->diag = g_string_new (NULL);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->first_time = -1;
  self->last_time = -1;
  self->prev_time = -1;
  self->clock_ms = -1;
  return self;
}

void
_ld_address_set (LdAddress  *a,
                 const char *s,
                 gsize       len)
{
  _ld_address_clear (a);
  a->set = TRUE;
  if (len < sizeof a->buf)
    {
      memcpy (a->buf, s, len);
      a->buf[len] = '\0';
    }
  else
    a->heap = g_strndup (s, len);
}

/* Moves @from's address into @to (cleared), leaving @from empty. */
static void
address_steal (LdAddress *to,
               LdAddress *from)
{
  _ld_address_clear (to);
  *to = *from;
  from->heap = NULL;
  from->set = FALSE;
}

/* A slot whose opening was moved to another: it holds nothing (its copy
 * of a heap pointer is not its own). Only the addresses' heads: clearing
 * the whole slot was a "rep stos" of 168 bytes a record. */
static inline void
pending_forget (LdPendingOpen *p)
{
  p->remote.heap = NULL;
  p->remote.set = FALSE;
  p->local.heap = NULL;
  p->local.set = FALSE;
}

static void
pending_clear (LdPendingOpen *p)
{
  _ld_address_clear (&p->remote);
  _ld_address_clear (&p->local);
}

void
ld_cut_record_free (LdCutRecord *cut)
{
  if (cut == NULL)
    return;
  g_free (cut->remote);
  g_free (cut->local);
  g_string_free (cut->text, TRUE);
  g_free (cut);
}

void
ld_log_reader_free (LdLogReader *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_pending; i++)
    pending_clear (&self->pending[i]);
  if (self->iconv != (GIConv) -1)
    g_iconv_close (self->iconv);
  g_string_free (self->undecoded, TRUE);
  g_string_free (self->carry, TRUE);
  g_string_free (self->scratch, TRUE);
  g_string_free (self->text, TRUE);
  g_string_free (self->diag, TRUE);
  g_ptr_array_unref (self->problems);
  _ld_address_clear (&self->rec_remote);
  _ld_address_clear (&self->rec_local);
  ld_cut_record_free (self->cut);
  g_free (self);
}

/* A SIP start line: "SIP/2.0 200 OK" or "METHOD uri SIP/2.0". */
gboolean
_ld_log_is_sip_start_line (const char *t,
                           gsize       len)
{
  if (LD_HAS_PREFIX (t, len, "SIP/2.0 "))
    return TRUE;
  while (len > 0 && (t[len - 1] == ' ' || t[len - 1] == '\t'))
    len--;
  if (len < 12 || !_ld_ascii_equal_n (t + len - 8, " SIP/2.0", 8))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (t[i] == ' ')
        return i > 0;
      if (!g_ascii_isalpha (t[i]) && t[i] != '-')
        return FALSE;
    }
  return FALSE;
}

/* Extracts remote, local from "Sending Packet - 1.2.3.4:5061 (From Local
 * Address: 10.0.0.1:1234) 1503 bytes" and its variants (the dash may or may
 * not be followed by a space), into @remote and @local, which hold nothing. */
static void
parse_packet_line (const char *t,
                   gsize       len,
                   LdAddress  *remote,
                   LdAddress  *local)
{
  const char *end = t + len;
  const char *dash = memchr (t, '-', len);
  const char *paren, *colon;

  if (dash == NULL)
    return;
  {
    const char *a = dash + 1;
    const char *b;

    while (a < end && *a == ' ')
      a++;
    b = a;
    while (b < end && *b != ' ' && *b != '(')
      b++;
    if (b > a)
      _ld_address_set (remote, a, b - a);
    paren = memchr (b, '(', end - b);
  }
  if (paren == NULL)
    return;
  colon = memchr (paren, ':', end - paren);
  if (colon != NULL)
    {
      const char *a = colon + 1;
      const char *b;

      while (a < end && *a == ' ')
        a++;
      b = a;
      while (b < end && *b != ')' && *b != ' ')
        b++;
      if (b > a)
        _ld_address_set (local, a, b - a);
    }
}

void
_ld_log_reader_clear_record_addresses (LdLogReader *self)
{
  _ld_address_clear (&self->rec_remote);
  _ld_address_clear (&self->rec_local);
}

void
_ld_log_reader_finish_record (LdLogReader *self,
                              gboolean     unterminated,
                              LdLogFormat  format)
{
  LdRecordInfo info = {
    .line = self->rec_line,
    .time = self->rec_time,
    .direction = self->rec_direction,
    .remote = _ld_address_get (&self->rec_remote),
    .local = _ld_address_get (&self->rec_local),
    .unterminated = unterminated,
    .truncated = self->rec_truncated,
    .format = format,
    .previous_input = self->continuing,
    .joined = self->continuing,
  };

  /* Its place in the file, when its text is its lines as they are. */
  if (self->track && self->rec_whole && !self->continuing && !self->rec_truncated &&
      format == LD_LOG_FORMAT_CLIENT && self->text->len > 0 &&
      self->rec_next - self->rec_off == self->text->len + self->rec_crs &&
      self->rec_next - self->rec_off <= G_MAXUINT32)
    {
      info.file_offset = self->rec_off;
      info.file_length = (guint32) (self->rec_next - self->rec_off);
    }
  self->rec_whole = FALSE;

  if (self->rec_truncated)
    add_problem (self, g_strdup_printf (_("The SIP message at line %llu is larger than %u MB; "
                                          "only its beginning was read."),
                                        (unsigned long long) self->rec_line,
                                        LD_LOG_READER_MAX_RECORD / (1024 * 1024)));
  if (self->continuing)
    {
      /* Said in this input's words: the previous one said where it ended. */
      add_problem (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "Line %llu of this file ends the SIP message that begins at "
                                                       "line %llu of the previous file: the log was rotated while "
                                                       "the message was written. The two halves were read as one "
                                                       "message.",
                                                       "Lines 1–%llu of this file end the SIP message that begins "
                                                       "at line %llu of the previous file: the log was rotated "
                                                       "while the message was written. The two halves were read "
                                                       "as one message.",
                                                       self->lines),
                                          (unsigned long long) self->lines, (unsigned long long) self->rec_line));
      self->continuing = FALSE;
      g_clear_pointer (&self->cut, ld_cut_record_free);
    }
  else if (unterminated)
    self->records_cut++;

  self->records++;
  if (self->record_func != NULL)
    self->record_func (&info, self->text->str, self->text->len, self->user_data);

  self->collecting = FALSE;
  self->server = LD_SERVER_NONE;
  g_string_truncate (self->text, 0);
  _ld_log_reader_clear_record_addresses (self);
  self->rec_truncated = FALSE;
}

/* With ld_log_reader_track_offsets(): a piece of the record's text, the
 * end of the line being handled, is its bytes as they are, where the
 * record's last line ended (LdLogReader.rec_whole). */
static void
note_piece (LdLogReader *self,
            const char  *p,
            gsize        len,
            gboolean     first)
{
  guint64 off;

  if (self->line_off == LD_NO_OFFSET || self->line_end == 0 || p < self->line_ptr ||
      p + len != self->line_ptr + self->line_len)
    {
      self->rec_whole = FALSE;
      return;
    }
  off = self->line_off + (guint64) (p - self->line_ptr);
  if (first)
    {
      self->rec_whole = TRUE;
      self->rec_off = off;
      self->rec_crs = 0;
    }
  else if (!self->rec_whole || off != self->rec_next)
    {
      self->rec_whole = FALSE;
      return;
    }
  self->rec_next = off + len + self->line_end;
  self->rec_crs += self->line_end == 2;
}

void
_ld_log_reader_append_text (LdLogReader *self,
                            const char  *p,
                            gsize        len)
{
  GString *t = self->text;

  if (G_UNLIKELY (self->track))
    note_piece (self, p, len, t->len == 0);
  if (self->rec_truncated)
    return;
  if (t->len + len + 1 > LD_LOG_READER_MAX_RECORD)
    {
      self->rec_truncated = TRUE;
      return;
    }
  /* g_string_append_len() costs a tenth of the whole run here; grow once
   * and copy. */
  if (t->len + len + 2 > t->allocated_len)
    {
      gsize old_len = t->len;

      g_string_set_size (t, MAX (t->allocated_len * 2, t->len + len + 2));
      g_string_truncate (t, old_len);
    }
  memcpy (t->str + t->len, p, len);
  t->len += len;
  t->str[t->len++] = '\n';
  t->str[t->len] = '\0';
}

static void
push_pending (LdLogReader *self,
              guint64      line,
              gint64       time,
              guint32      tid,
              LdDirection  direction,
              const char  *t,
              gsize        len)
{
  LdPendingOpen *p;

  if (self->n_pending == LD_LOG_READER_MAX_PENDING)
    {
      pending_clear (&self->pending[0]);
      memmove (&self->pending[0], &self->pending[1], sizeof (LdPendingOpen) * (LD_LOG_READER_MAX_PENDING - 1));
      self->n_pending--;
      pending_forget (&self->pending[self->n_pending]);
    }
  p = &self->pending[self->n_pending++];
  p->line = line;
  p->time = time;
  p->tid = tid;
  p->direction = direction;
  parse_packet_line (t, len, &p->remote, &p->local);
}

static int
find_pending (LdLogReader *self,
              guint32      tid)
{
  for (int i = (int) self->n_pending - 1; i >= 0; i--)
    if (self->pending[i].tid == tid)
      return i;
  return self->n_pending > 0 ? (int) self->n_pending - 1 : -1;
}

static void
drop_pending (LdLogReader *self,
              int          i)
{
  pending_clear (&self->pending[i]);
  memmove (&self->pending[i], &self->pending[i + 1], sizeof (LdPendingOpen) * (self->n_pending - i - 1));
  self->n_pending--;
  pending_forget (&self->pending[self->n_pending]);
}

static void
handle_client_line (LdLogReader *self,
                    gint64       time,
                    guint32      tid,
                    const char  *level,
                    const char  *t,
                    gsize        len)
{
  gboolean is_end = len > 0 && t[0] == 'E' && LD_HAS_PREFIX (t, len, "End of ");
  const char *u = is_end ? t + 7 : t;
  gsize ulen = is_end ? len - 7 : len;
  LdDirection dir = LD_DIRECTION_UNKNOWN;

  if (ulen > 0 && (u[0] == 'S' || u[0] == 's') && LD_HAS_PREFIX (u, ulen, "Sending Packet"))
    dir = LD_DIRECTION_SENT;
  else if (ulen > 0 && (u[0] == 'D' || u[0] == 'd') && LD_HAS_PREFIX (u, ulen, "Data Received"))
    dir = LD_DIRECTION_RECEIVED;

  if (self->format == LD_LOG_FORMAT_UNKNOWN)
    self->format = LD_LOG_FORMAT_CLIENT;

  if (is_end && dir != LD_DIRECTION_UNKNOWN)
    {
      if (self->collecting)
        {
          /* The closing line repeats the addresses, so a record whose
           * opening line was lost to rotation still gets them. */
          if (self->rec_direction == LD_DIRECTION_UNKNOWN)
            self->rec_direction = dir;
          if (!self->rec_remote.set && !self->rec_local.set)
            parse_packet_line (u, ulen, &self->rec_remote, &self->rec_local);
          _ld_log_reader_finish_record (self, FALSE, LD_LOG_FORMAT_CLIENT);
        }
      else
        {
          gboolean dropped = FALSE;

          /* A packet with no SIP in it (keep-alive CRLFs): forget its opening. */
          for (guint i = 0; i < self->n_pending; i++)
            if (self->pending[i].tid == tid && self->pending[i].direction == dir)
              {
                drop_pending (self, i);
                dropped = TRUE;
                break;
              }
          /* The file's first log line closes a message whose start line is
           * not in it: it starts inside that message, rotated from a file
           * that was not read with it. Said, so that the file is not taken
           * for a log without SIP. */
          if (!dropped && self->prefixed == 1 && self->leading_lines > 0)
            {
              self->starts_inside = TRUE;
              add_problem (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Line %llu of this file is the end of a SIP message "
                                                               "whose beginning is in the previous log file (the "
                                                               "log was rotated while the message was written). "
                                                               "Open that file together with this one to read the "
                                                               "message whole.",
                                                               "Lines 1–%llu of this file are the end of a SIP "
                                                               "message whose beginning is in the previous log "
                                                               "file (the log was rotated while the message was "
                                                               "written). Open that file together with this one to "
                                                               "read the message whole.",
                                                               self->leading_lines),
                                                  (unsigned long long) self->leading_lines));
            }
        }
      return;
    }

  if (self->collecting)
    _ld_log_reader_finish_record (self, TRUE, LD_LOG_FORMAT_CLIENT);

  if (!is_end && dir != LD_DIRECTION_UNKNOWN)
    {
      const char *colon = NULL;

      push_pending (self, self->lines, time, tid, dir, u, ulen);
      /* Tolerate a start line written on the opening line after "bytes:",
       * with at least one byte after it. Found from its 'y', which an
       * opening line seldom has elsewhere: memchr() crosses the line in a
       * few steps where memmem() took hundreds of instructions a line. */
      if (ulen > 6)
        {
          const char *y = u + 1;
          const char *last = u + ulen - 6;   /* "bytes:" must end before the line does */

          while (y <= last && (y = memchr (y, 'y', last + 1 - y)) != NULL)
            {
              if (memcmp (y - 1, "bytes:", 6) == 0)
                {
                  colon = y + 5;
                  break;
                }
              y++;
            }
        }
      if (colon != NULL)
        {
          while (colon < u + ulen && *colon == ' ')
            colon++;
          if (_ld_log_is_sip_start_line (colon, u + ulen - colon))
            handle_client_line (self, time, tid, level, colon, u + ulen - colon);
        }
      return;
    }

  if (_ld_log_is_sip_start_line (t, len))
    {
      int i = find_pending (self, tid);

      self->collecting = TRUE;
      g_string_truncate (self->text, 0);
      _ld_log_reader_clear_record_addresses (self);
      if (i >= 0)
        {
          LdPendingOpen *p = &self->pending[i];

          self->rec_line = p->line;
          self->rec_time = p->time;
          self->rec_direction = p->direction;
          address_steal (&self->rec_remote, &p->remote);
          address_steal (&self->rec_local, &p->local);
          drop_pending (self, i);
        }
      else
        {
          self->rec_line = self->lines;
          self->rec_time = time;
          self->rec_direction = LD_DIRECTION_UNKNOWN;
        }
      _ld_log_reader_append_text (self, t, len);
      return;
    }

  if (self->trace_func != NULL)
    self->trace_func (self->lines, time, level, t, len, self->user_data);
}

/* ---- Times ---------------------------------------------------------------- */

static char *
dup_time_text (gint64 time)
{
  char *iso = ld_time_format_iso (time);

  if (iso != NULL && strlen (iso) > 10)
    iso[10] = ' ';
  return iso;
}

/* Every time stamp read, in the order of the file: the range is the
 * earliest to the latest, so a clock that goes back never reverses it, and
 * going back is told as a problem of the input. */
void
_ld_log_reader_note_time (LdLogReader *self,
                          gint64       time,
                          const char  *stamp,
                          gsize        stamp_len)
{
  if (time < 0)
    {
      if (self->bad_times++ == 0)
        {
          self->bad_time_line = self->lines;
          g_strlcpy (self->bad_time_text, stamp, MIN (stamp_len + 1, sizeof self->bad_time_text));
        }
      return;
    }
  if (time == self->prev_time)
    return;
  if (self->prev_time >= 0 && time < self->prev_time - BACKWARDS_TOLERANCE_MS)
    {
      if (self->backs++ == 0)
        {
          self->back_line = self->lines;
          self->back_from = self->prev_time;
          self->back_to = time;
        }
    }
  self->prev_time = time;
  if (self->first_time < 0 || time < self->first_time)
    self->first_time = time;
  if (time > self->last_time)
    self->last_time = time;
}

static void
report_times (LdLogReader *self)
{
  if (self->bad_times > 0)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      g_string_printf (s, _("Line %llu has an impossible date or time (%s); its time is taken as unknown."),
                       (unsigned long long) self->bad_time_line, self->bad_time_text);
      if (self->bad_times > 1)
        {
          g_string_append_c (s, ' ');
          g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u more line has one.",
                                                  "%u more lines have one.", self->bad_times - 1),
                                  self->bad_times - 1);
        }
      add_problem (self, g_string_free (g_steal_pointer (&s), FALSE));
    }
  if (self->backs > 0)
    {
      g_autofree char *from = dup_time_text (self->back_from);
      g_autofree char *to = dup_time_text (self->back_to);
      g_autoptr(GString) s = g_string_new (NULL);
      gint64 d = (self->back_from - self->back_to) / 1000;

      g_string_printf (s, _("Time goes backwards at line %llu: %s follows %s, %lld:%02lld:%02lld earlier. The "
                            "computer's clock was changed (a daylight-saving change or a correction) or lines are "
                            "out of order; times on either side cannot be compared."),
                       (unsigned long long) self->back_line, to, from,
                       (long long) (d / 3600), (long long) (d / 60 % 60), (long long) (d % 60));
      if (self->backs > 1)
        {
          g_string_append_c (s, ' ');
          g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "It goes back %u more time.",
                                                  "It goes back %u more times.", self->backs - 1),
                                  self->backs - 1);
        }
      add_problem (self, g_string_free (g_steal_pointer (&s), FALSE));
    }
}

/* The milliseconds of the day in "HH:MM:SS.mmm" at @t, exactly so wide,
 * when it is a possible time; else -1. */
static gint64
fixed_time_of_day (const char *t)
{
  static const guint8 digit_at[] = { 0, 1, 3, 4, 6, 7, 9, 10, 11 };
  int h, mi, s;

  if (t[2] != ':' || t[5] != ':' || t[8] != '.')
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (digit_at); i++)
    if (!g_ascii_isdigit (t[digit_at[i]]))
      return -1;
  h = (t[0] - '0') * 10 + (t[1] - '0');
  mi = (t[3] - '0') * 10 + (t[4] - '0');
  s = (t[6] - '0') * 10 + (t[7] - '0');
  /* As _ld_log_parse_datetime() allows them (60: a leap second). */
  if (h > 23 || mi > 59 || s > 60)
    return -1;
  return ((gint64) h * 3600 + mi * 60 + s) * 1000 + (t[9] - '0') * 100 + (t[10] - '0') * 10 + (t[11] - '0');
}

/* fixed_time_of_day() of the stamp's "HH:MM:SS.mmm" at @t: lines written
 * in the same millisecond (a packet's opening line and its start line)
 * share it. */
static inline gint64
time_of_day_cached (LdLogReader *self,
                    const char  *t)
{
  gint64 ms;

  if (memcmp (t, self->clock, sizeof self->clock) == 0)
    return self->clock_ms;
  ms = fixed_time_of_day (t);
  memcpy (self->clock, t, sizeof self->clock);
  self->clock_ms = ms;
  return ms;
}

/* The rest of the prefix after a fixed-width stamp (at @line + 23), as a
 * recent line had it: a client writes from a few threads, each line's
 * "PID:TID LEVEL ::" the same as that thread's last. Those bytes decide
 * what _ld_log_line_parse_after_stamp() finds: the first "::" within them
 * is the first of the line (the search stops at the first), and the
 * thread and level lie before it. */
static inline gboolean
same_head (const char *a,
           const char *b,
           gsize       n)
{
  guint64 x, y;
  gsize i = 0;

  /* Eight bytes at a time, the last eight overlapping (n is at least
   * LD_PREFIX_HEAD_MIN): memcmp() of a length not known here is a call. */
  for (; i + 8 <= n; i += 8)
    {
      memcpy (&x, a + i, 8);
      memcpy (&y, b + i, 8);
      if (x != y)
        return FALSE;
    }
  if (i < n)
    {
      memcpy (&x, a + n - 8, 8);
      memcpy (&y, b + n - 8, 8);
      if (x != y)
        return FALSE;
    }
  return TRUE;
}

static inline const LdPrefixHead *
find_head (LdLogReader *self,
           const char  *line,
           gsize        len)
{
  for (guint i = 0; i < LD_PREFIX_HEADS; i++)
    {
      const LdPrefixHead *h = &self->heads[i];

      if (h->len > 0 && len >= 23 + (gsize) h->len && same_head (line + 23, h->text, h->len))
        return h;
    }
  return NULL;
}

static void
remember_head (LdLogReader *self,
               const char  *line,
               guint32      tid,
               const char  *level,
               gsize        level_len,
               gsize        off)
{
  LdPrefixHead *h;
  gsize end = off;

  /* Back over the spaces after "::" to just after it. */
  while (end > 23 && line[end - 1] == ' ')
    end--;
  if (end - 23 > LD_PREFIX_HEAD_MAX || end - 23 < LD_PREFIX_HEAD_MIN || line[end - 1] != ':' || line[end - 2] != ':')
    return;
  h = &self->heads[self->next_head];
  self->next_head = (self->next_head + 1) % LD_PREFIX_HEADS;
  h->len = (guint8) (end - 23);
  h->level_at = (guint8) (level - line);
  h->level_len = (guint8) level_len;
  h->tid = tid;
  memcpy (h->text, line + 23, h->len);
}

/* Consecutive lines mostly share their date: the fixed-width stamp
 * "MM/DD/YYYY|HH:MM:SS.mmm " of a line whose date is the previous stamp's
 * is the time of day after that date's midnight, and only the rest of the
 * prefix is parsed. Parsing the whole stamp was most of the cost of a line. */
static gboolean
prefix_parse_cached (LdLogReader *self,
                     const char  *line,
                     gsize        len,
                     gint64      *time,
                     guint32     *tid,
                     const char **level,
                     gsize       *level_len,
                     gsize       *off)
{
  gint64 of_day;

  if (len < 20 || !g_ascii_isdigit (line[0]))
    return FALSE;
  if (self->day_valid && len >= 24 && line[23] == ' ' && memcmp (line, self->day, sizeof self->day) == 0 &&
      (of_day = time_of_day_cached (self, line + 11)) >= 0)
    {
      const LdPrefixHead *h = find_head (self, line, len);

      if (h != NULL)
        {
          gsize p = 23 + h->len;

          while (p < len && line[p] == ' ')
            p++;
          *tid = h->tid;
          *level = line + h->level_at;
          *level_len = h->level_len;
          *off = p;
        }
      else if (_ld_log_line_parse_after_stamp (line, len, line + 23, tid, level, level_len, off))
        remember_head (self, line, *tid, *level, *level_len, *off);
      else
        return FALSE;
      *time = self->day_time + of_day;
      _ld_log_reader_note_time (self, *time, line, 23);
      return TRUE;
    }
  if (!ld_log_line_parse_prefix (line, len, time, tid, level, level_len, off))
    return FALSE;
  /* Cache only the fixed-width form, where the stamp is exactly 23 bytes,
   * and only a possible time: an impossible one is told for each line. */
  if (*time >= 0 && line[2] == '/' && line[5] == '/' && line[10] == '|' && len >= 24 && line[23] == ' ' &&
      (of_day = fixed_time_of_day (line + 11)) >= 0)
    {
      memcpy (self->day, line, sizeof self->day);
      self->day_time = *time - of_day;
      self->day_valid = TRUE;
    }
  {
    const char *bar = memchr (line, '|', MIN (len, 12));
    gsize stamp_len = 0;

    /* The stamp as written, for telling an impossible one. */
    if (bar != NULL)
      for (stamp_len = bar - line; stamp_len < len && line[stamp_len] != ' '; stamp_len++)
        ;
    _ld_log_reader_note_time (self, *time, line, stamp_len);
  }
  return TRUE;
}

/* ---- Rotation: a record cut at the end of one file, its rest at the start
 * of the next ---------------------------------------------------------------- */

/* The previous file's record is not continued here: it goes on as it was,
 * ahead of anything of this file, marked as the previous input's. */
static void
deliver_cut (LdLogReader *self)
{
  LdCutRecord *cut = g_steal_pointer (&self->cut);

  cut->info.previous_input = TRUE;
  cut->info.joined = FALSE;
  cut->info.cut_at_end = TRUE;
  self->records++;
  if (self->record_func != NULL)
    self->record_func (&cut->info, cut->text->str, cut->text->len, self->user_data);
  ld_cut_record_free (cut);
}

/* This file starts inside the previous file's last record: collect its
 * rest into it. Returns FALSE when it starts with a line of its own. */
static gboolean
begin_continuation (LdLogReader *self,
                    gboolean     own_line)
{
  LdCutRecord *cut = self->cut;

  if (own_line)
    {
      deliver_cut (self);
      return FALSE;
    }
  g_string_truncate (self->text, 0);
  g_string_append_len (self->text, cut->text->str, cut->text->len);
  /* The file ended inside a line: its first line here is the rest of it. */
  if (cut->partial_line && self->text->len > 0 && self->text->str[self->text->len - 1] == '\n')
    g_string_truncate (self->text, self->text->len - 1);
  self->cut_text_len = cut->text->len;
  self->rec_line = cut->info.line;
  self->rec_time = cut->info.time;
  self->rec_direction = cut->info.direction;
  self->rec_truncated = cut->info.truncated;
  _ld_address_clear (&self->rec_remote);
  _ld_address_clear (&self->rec_local);
  if (cut->remote != NULL)
    _ld_address_set (&self->rec_remote, cut->remote, strlen (cut->remote));
  if (cut->local != NULL)
    _ld_address_set (&self->rec_local, cut->local, strlen (cut->local));
  self->server = cut->server;
  self->collecting = TRUE;
  self->continuing = TRUE;
  return TRUE;
}

/* The file ended, or was found not to continue the record after all: the
 * record goes on as the previous file left it, and what was collected for
 * it here is dropped (lines before any log line, as anywhere else). */
static void
abandon_continuation (LdLogReader *self)
{
  self->continuing = FALSE;
  self->collecting = FALSE;
  self->server = LD_SERVER_NONE;
  g_string_truncate (self->text, 0);
  _ld_log_reader_clear_record_addresses (self);
  self->rec_truncated = FALSE;
  deliver_cut (self);
}

/* ---- Lines ----------------------------------------------------------------- */

#define handle_line _ld_log_reader_handle_line

/* What is not a log line nor a line of the record being read: a server
 * trace's lines, a byte-order mark where two files were joined into one
 * (or where an 8-bit log turns UTF-16), the first line after a rotation
 * cut. Apart, so that the common lines' path stays short. */
static G_GNUC_NO_INLINE void
handle_other_line (LdLogReader *self,
                   const char  *line,
                   gsize        len)
{
  if (self->cut != NULL && !self->continuing)
    {
      gint64 time;
      guint32 tid;
      const char *level;
      gsize level_len, off;
      gboolean prefixed = ld_log_line_parse_prefix (line, len, &time, &tid, &level, &level_len, &off);
      gboolean own = prefixed || _ld_log_reader_is_server_head (line, len) ||
                     (len >= 14 && memmem (line, len, "$$begin_record", 14) != NULL);

      /* The closing line of the previous file's record, alone: the file
       * was rotated just before it. */
      if (prefixed && self->cut->server == LD_SERVER_NONE && len - off > 7 &&
          LD_HAS_PREFIX (line + off, len - off, "End of "))
        own = FALSE;
      if (!begin_continuation (self, own) || prefixed)
        {
          /* Read as any line, now that the cut is settled. */
          self->lines--;
          handle_line (self, line, len);
          return;
        }
      if (self->server == LD_SERVER_NONE)
        _ld_log_reader_append_text (self, line, len);
      else
        _ld_log_reader_server_line (self, line, len);
      return;
    }

  if (len >= 2 && (guchar) line[0] >= 0xEF)
    {
      if (len >= 3 && (guchar) line[0] == 0xEF && (guchar) line[1] == 0xBB && (guchar) line[2] == 0xBF)
        {
          self->lines--;
          handle_line (self, line + 3, len - 3);
          return;
        }
      if (((guchar) line[0] == 0xFF && (guchar) line[1] == 0xFE) ||
          ((guchar) line[0] == 0xFE && (guchar) line[1] == 0xFF))
        {
          self->lines--;
          handle_line (self, line + 2, len - 2);
          return;
        }
    }

  if (self->server == LD_SERVER_NONE && self->collecting)
    {
      _ld_log_reader_append_text (self, line, len);
      return;
    }

  if (_ld_log_reader_is_server_head (line, len) ||
      (len >= 14 && memmem (line, len, "$$begin_record", 14) != NULL))
    {
      _ld_log_reader_server_begin (self, line, len);
      return;
    }

  if (self->server != LD_SERVER_NONE)
    _ld_log_reader_server_line (self, line, len);
  else if (self->prefixed == 0 && self->records == 0 && self->format == LD_LOG_FORMAT_UNKNOWN)
    self->leading_lines = self->lines;
}

void
_ld_log_reader_handle_line (LdLogReader *self,
                            const char  *line,
                            gsize        len)
{
  gint64 time;
  guint32 tid;
  const char *level;
  gsize level_len, off;

  self->lines++;

  if (G_UNLIKELY (self->cut != NULL && !self->continuing))
    {
      handle_other_line (self, line, len);
      return;
    }

  if (prefix_parse_cached (self, line, len, &time, &tid, &level, &level_len, &off))
    {
      char lvl[16];

      self->prefixed++;
      if (self->server != LD_SERVER_NONE)
        _ld_log_reader_server_end (self, FALSE);
      level_len = MIN (level_len, sizeof lvl - 1);
      memcpy (lvl, level, level_len);
      lvl[level_len] = '\0';
      handle_client_line (self, time, tid, lvl, line + off, len - off);
      return;
    }

  if (G_LIKELY (self->server == LD_SERVER_NONE && self->collecting && (len == 0 || (guchar) line[0] < 0xEF)))
    {
      _ld_log_reader_append_text (self, line, len);
      return;
    }

  handle_other_line (self, line, len);
}

/* A line that breaks the record being read (binary data): the record ends
 * there, as it would at the next log line. */
void
_ld_log_reader_interrupt_record (LdLogReader *self)
{
  if (self->continuing)
    abandon_continuation (self);
  else if (self->server != LD_SERVER_NONE)
    _ld_log_reader_server_end (self, FALSE);
  else if (self->collecting)
    _ld_log_reader_finish_record (self, TRUE, LD_LOG_FORMAT_CLIENT);
}

gboolean
ld_log_reader_feed (LdLogReader  *self,
                    const char   *data,
                    gsize         len,
                    GError      **error)
{
  _ld_log_reader_feed_bytes (self, data, len, FALSE);
  return TRUE;
}

/* ---- The end ------------------------------------------------------------ */

/* Everything but the record the file ended in, which is still open. */
static void
finish_lines (LdLogReader *self)
{
  _ld_log_reader_finish_text (self);
  if (self->continuing)
    abandon_continuation (self);
  else if (self->cut != NULL)
    deliver_cut (self);
  /* A diagnostic record the file ended in is whole enough to tell. */
  if (self->server == LD_SERVER_FIELDS)
    _ld_log_reader_server_end (self, FALSE);
}

static void
report_problems (LdLogReader *self)
{
  _ld_log_reader_report_damage (self);
  report_times (self);
  if (self->records_cut > 0)
    add_problem (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u SIP message had no closing line (the log was cut or rotated "
                                                     "while it was written); it was read up to the next log line.",
                                                     "%u SIP messages had no closing line (the log was cut or rotated "
                                                     "while they were written); each was read up to the next log line.",
                                                     self->records_cut),
                                        self->records_cut));
  if (self->problems_dropped > 0)
    g_ptr_array_add (self->problems, g_strdup_printf (_("%u more problems of the same kinds were not listed."),
                                                      self->problems_dropped));
}

gboolean
ld_log_reader_finish (LdLogReader  *self,
                      GError      **error)
{
  finish_lines (self);
  if (self->collecting)
    _ld_log_reader_finish_record (self, TRUE,
                                  self->server != LD_SERVER_NONE ? LD_LOG_FORMAT_SERVER : LD_LOG_FORMAT_CLIENT);
  report_problems (self);
  return TRUE;
}

/**
 * ld_log_reader_finish_keeping_cut:
 * @self: a reader
 *
 * As ld_log_reader_finish(), except for a SIP message the data ended in
 * (a log rotated or cut while the message was written): it is returned
 * instead of handed to the record function, for the next file to join
 * (ld_log_reader_continue_cut()) or for ld_cut_record_deliver().
 *
 * Returns: (transfer full) (nullable): the message the data ended in
 */
LdCutRecord *
ld_log_reader_finish_keeping_cut (LdLogReader *self)
{
  LdCutRecord *cut = NULL;

  finish_lines (self);
  if (self->collecting)
    {
      cut = g_new0 (LdCutRecord, 1);
      cut->remote = g_strdup (_ld_address_get (&self->rec_remote));
      cut->local = g_strdup (_ld_address_get (&self->rec_local));
      _ld_log_reader_clear_record_addresses (self);
      cut->info = (LdRecordInfo) {
        .line = self->rec_line,
        .time = self->rec_time,
        .direction = self->rec_direction,
        .remote = cut->remote,
        .local = cut->local,
        .unterminated = TRUE,
        .truncated = self->rec_truncated,
        .format = self->server != LD_SERVER_NONE ? LD_LOG_FORMAT_SERVER : LD_LOG_FORMAT_CLIENT,
      };
      cut->text = g_string_new_len (self->text->str, self->text->len);
      cut->server = self->server;
      cut->partial_line = self->last_line_partial;
      add_problem (self, g_strdup_printf (_("The file ends in the middle of the SIP message that begins at line "
                                            "%llu: the log was rotated or cut while the message was written."),
                                          (unsigned long long) self->rec_line));
      self->collecting = FALSE;
      self->server = LD_SERVER_NONE;
      g_string_truncate (self->text, 0);
    }
  report_problems (self);
  return cut;
}

/**
 * ld_log_reader_continue_cut:
 * @self: a reader that has not been fed yet
 * @cut: (transfer full): what ld_log_reader_finish_keeping_cut() returned
 *   for the file before this one
 *
 * When this file starts with the rest of @cut's message (lines without a
 * log prefix up to its closing line), the two are handed on as one record
 * marked previous_input and joined. Otherwise @cut is handed on as it
 * was, marked previous_input, before anything of this file.
 */
void
ld_log_reader_continue_cut (LdLogReader *self,
                            LdCutRecord *cut)
{
  g_return_if_fail (self->lines == 0 && self->cut == NULL);
  self->cut = cut;
}

/**
 * ld_log_reader_take_cut:
 * @self: a reader given a cut record, whose data is given up
 *
 * Returns: (transfer full) (nullable): the cut record given with
 *   ld_log_reader_continue_cut(), when it has not been handed on yet
 *   (joined or not): for the next input to continue
 */
LdCutRecord *
ld_log_reader_take_cut (LdLogReader *self)
{
  if (self->continuing)
    {
      self->continuing = FALSE;
      self->collecting = FALSE;
      self->server = LD_SERVER_NONE;
      g_string_truncate (self->text, 0);
      _ld_log_reader_clear_record_addresses (self);
    }
  return g_steal_pointer (&self->cut);
}

guint64
ld_cut_record_get_line (const LdCutRecord *cut)
{
  return cut->info.line;
}

/**
 * ld_cut_record_deliver:
 * @cut: (transfer full): a cut record no file continues
 * @record_func: where it goes
 * @user_data: for @record_func
 *
 * Hands @cut on as it is: unterminated, in its own input.
 */
void
ld_cut_record_deliver (LdCutRecord  *cut,
                       LdRecordFunc  record_func,
                       gpointer      user_data)
{
  cut->info.cut_at_end = TRUE;
  if (record_func != NULL)
    record_func (&cut->info, cut->text->str, cut->text->len, user_data);
  ld_cut_record_free (cut);
}

guint64 ld_log_reader_get_lines (LdLogReader *self) { return self->lines; }
guint64 ld_log_reader_get_prefixed_lines (LdLogReader *self) { return self->prefixed; }
guint ld_log_reader_get_records (LdLogReader *self) { return self->records; }
guint ld_log_reader_get_diagnostic_records (LdLogReader *self) { return self->diag_records; }
gboolean ld_log_reader_starts_inside_record (LdLogReader *self) { return self->starts_inside; }
gint64 ld_log_reader_get_first_time (LdLogReader *self) { return self->first_time; }
gint64 ld_log_reader_get_last_time (LdLogReader *self) { return self->last_time; }
LdLogFormat ld_log_reader_get_format (LdLogReader *self) { return self->format; }
LdTextEncoding ld_log_reader_get_encoding (LdLogReader *self) { return self->encoding; }

/**
 * ld_log_reader_get_problems:
 * @self: a reader
 *
 * Returns: (transfer none) (element-type utf8): what the reader had to work
 *   around, in words for the user
 */
GPtrArray *
ld_log_reader_get_problems (LdLogReader *self)
{
  return self->problems;
}
