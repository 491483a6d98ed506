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
 * its headers and body without one. Server SIPStack traces instead wrap
 * each message in $$begin_record ... $$end_record with "Start-Line:" and
 * "Message-Body:" fields. Both are read here without regular expressions:
 * this loop sees every byte of files of hundreds of megabytes.
 */
#define G_LOG_DOMAIN "ld-log-reader"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "ld-log-reader-private.h"

#define MAX_PENDING 8
#define MAX_PROBLEMS 50

typedef struct
{
  guint64     line;
  gint64      time;
  guint32     tid;
  LdDirection direction;
  char       *remote;
  char       *local;
} Pending;

typedef enum
{
  SERVER_NONE,
  SERVER_FIELDS,
  SERVER_START_CONT,
  SERVER_HEADERS,
  SERVER_BODY,
} ServerState;

struct _LdLogReader
{
  LdRecordFunc   record_func;
  LdTraceFunc    trace_func;
  gpointer       user_data;

  /* Decoding */
  gboolean       detected;
  LdTextEncoding encoding;
  GIConv         iconv;
  GString       *undecoded;
  gboolean       cr_only;
  gboolean       terminator_decided;
  GString       *head;

  /* Line assembly */
  GString       *carry;
  gboolean       skipping;
  guint64        skipping_line;
  gsize          skipped_bytes;

  /* Statistics */
  guint64        lines;
  guint64        prefixed;
  guint          records;
  gint64         first_time;
  gint64         last_time;
  LdLogFormat    format;
  GPtrArray     *problems;
  guint          problems_dropped;
  guint          records_cut;

  /* Client records */
  Pending        pending[MAX_PENDING];
  guint          n_pending;
  gboolean       collecting;
  GString       *text;
  guint64        rec_line;
  gint64         rec_time;
  LdDirection    rec_direction;
  char          *rec_remote;
  char          *rec_local;
  gboolean       rec_truncated;

  /* Server records */
  ServerState    server;

  /* The last time stamp parsed */
  char           stamp[23];
  gint64         stamp_time;
  gboolean       stamp_valid;
};

static void
add_problem (LdLogReader *self,
             char        *text)
{
  if (self->problems->len < MAX_PROBLEMS)
    g_ptr_array_add (self->problems, text);
  else
    {
      self->problems_dropped++;
      g_free (text);
    }
}

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
  self->head = g_string_new (NULL);
  self->carry = g_string_new (NULL);
  self->text = g_string_sized_new (4096);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->first_time = -1;
  self->last_time = -1;
  return self;
}

static void
pending_clear (Pending *p)
{
  g_clear_pointer (&p->remote, g_free);
  g_clear_pointer (&p->local, g_free);
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
  g_string_free (self->head, TRUE);
  g_string_free (self->carry, TRUE);
  g_string_free (self->text, TRUE);
  g_ptr_array_unref (self->problems);
  g_free (self->rec_remote);
  g_free (self->rec_local);
  g_free (self);
}

static inline gboolean
has_prefix_ci (const char *s,
               gsize       len,
               const char *prefix,
               gsize       plen)
{
  if (len < plen)
    return FALSE;
  /* Inline, without g_ascii_tolower() (a call per character, 4 % of the
   * CLI's run): this runs for every log line that opens or closes a
   * record. */
  for (gsize i = 0; i < plen; i++)
    {
      char a = s[i], b = prefix[i];

      if (a >= 'A' && a <= 'Z')
        a += 'a' - 'A';
      if (b >= 'A' && b <= 'Z')
        b += 'a' - 'A';
      if (a != b)
        return FALSE;
    }
  return TRUE;
}

#define HAS_PREFIX(s, len, lit) has_prefix_ci ((s), (len), lit, sizeof lit - 1)

/* A SIP start line: "SIP/2.0 200 OK" or "METHOD uri SIP/2.0". */
static gboolean
is_sip_start_line (const char *t,
                   gsize       len)
{
  if (HAS_PREFIX (t, len, "SIP/2.0 "))
    return TRUE;
  while (len > 0 && (t[len - 1] == ' ' || t[len - 1] == '\t'))
    len--;
  if (len < 12 || g_ascii_strncasecmp (t + len - 8, " SIP/2.0", 8) != 0)
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
 * not be followed by a space). */
static void
parse_packet_line (const char *t,
                   gsize       len,
                   char      **remote,
                   char      **local)
{
  const char *end = t + len;
  const char *dash = memchr (t, '-', len);
  const char *paren, *colon;

  *remote = NULL;
  *local = NULL;
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
      *remote = g_strndup (a, b - a);
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
        *local = g_strndup (a, b - a);
    }
}

static void
clear_record_addresses (LdLogReader *self)
{
  g_clear_pointer (&self->rec_remote, g_free);
  g_clear_pointer (&self->rec_local, g_free);
}

static void
finish_record (LdLogReader *self,
               gboolean     unterminated,
               LdLogFormat  format)
{
  LdRecordInfo info = {
    .line = self->rec_line,
    .time = self->rec_time,
    .direction = self->rec_direction,
    .remote = self->rec_remote,
    .local = self->rec_local,
    .unterminated = unterminated,
    .truncated = self->rec_truncated,
    .format = format,
  };

  if (self->rec_truncated)
    add_problem (self, g_strdup_printf (_("The SIP message at line %llu is larger than %u MB; "
                                          "only its beginning was read."),
                                        (unsigned long long) self->rec_line,
                                        LD_LOG_READER_MAX_RECORD / (1024 * 1024)));
  if (unterminated)
    self->records_cut++;

  self->records++;
  if (self->record_func != NULL)
    self->record_func (&info, self->text->str, self->text->len, self->user_data);

  self->collecting = FALSE;
  self->server = SERVER_NONE;
  g_string_truncate (self->text, 0);
  clear_record_addresses (self);
  self->rec_truncated = FALSE;
}

static void
append_text (LdLogReader *self,
             const char  *p,
             gsize        len)
{
  GString *t = self->text;

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
  Pending *p;

  if (self->n_pending == MAX_PENDING)
    {
      pending_clear (&self->pending[0]);
      memmove (&self->pending[0], &self->pending[1], sizeof (Pending) * (MAX_PENDING - 1));
      self->n_pending--;
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
  memmove (&self->pending[i], &self->pending[i + 1], sizeof (Pending) * (self->n_pending - i - 1));
  self->n_pending--;
}

static void
handle_client_line (LdLogReader *self,
                    gint64       time,
                    guint32      tid,
                    const char  *level,
                    const char  *t,
                    gsize        len)
{
  gboolean is_end = len > 0 && t[0] == 'E' && HAS_PREFIX (t, len, "End of ");
  const char *u = is_end ? t + 7 : t;
  gsize ulen = is_end ? len - 7 : len;
  LdDirection dir = LD_DIRECTION_UNKNOWN;

  if (ulen > 0 && (u[0] == 'S' || u[0] == 's') && HAS_PREFIX (u, ulen, "Sending Packet"))
    dir = LD_DIRECTION_SENT;
  else if (ulen > 0 && (u[0] == 'D' || u[0] == 'd') && HAS_PREFIX (u, ulen, "Data Received"))
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
          if (self->rec_remote == NULL && self->rec_local == NULL)
            parse_packet_line (u, ulen, &self->rec_remote, &self->rec_local);
          finish_record (self, FALSE, LD_LOG_FORMAT_CLIENT);
        }
      else
        {
          /* A packet with no SIP in it (keep-alive CRLFs): forget its opening. */
          for (guint i = 0; i < self->n_pending; i++)
            if (self->pending[i].tid == tid && self->pending[i].direction == dir)
              {
                drop_pending (self, i);
                break;
              }
        }
      return;
    }

  if (self->collecting)
    finish_record (self, TRUE, LD_LOG_FORMAT_CLIENT);

  if (!is_end && dir != LD_DIRECTION_UNKNOWN)
    {
      const char *colon = NULL;

      push_pending (self, self->lines, time, tid, dir, u, ulen);
      /* Tolerate a start line written on the opening line after "bytes:". */
      for (gsize i = 0; i + 6 < ulen; i++)
        if (u[i] == 'b' && memcmp (u + i, "bytes:", 6) == 0)
          {
            colon = u + i + 6;
            break;
          }
      if (colon != NULL)
        {
          while (colon < u + ulen && *colon == ' ')
            colon++;
          if (is_sip_start_line (colon, u + ulen - colon))
            handle_client_line (self, time, tid, level, colon, u + ulen - colon);
        }
      return;
    }

  if (is_sip_start_line (t, len))
    {
      int i = find_pending (self, tid);

      self->collecting = TRUE;
      g_string_truncate (self->text, 0);
      clear_record_addresses (self);
      if (i >= 0)
        {
          Pending *p = &self->pending[i];

          self->rec_line = p->line;
          self->rec_time = p->time;
          self->rec_direction = p->direction;
          self->rec_remote = g_steal_pointer (&p->remote);
          self->rec_local = g_steal_pointer (&p->local);
          drop_pending (self, i);
        }
      else
        {
          self->rec_line = self->lines;
          self->rec_time = time;
          self->rec_direction = LD_DIRECTION_UNKNOWN;
        }
      append_text (self, t, len);
      return;
    }

  if (self->trace_func != NULL)
    self->trace_func (self->lines, time, level, t, len, self->user_data);
}

static const char *
find_lit (const char *s,
          gsize       len,
          const char *lit,
          gsize       litlen)
{
  if (s == NULL || len < litlen)
    return NULL;
  return memmem (s, len, lit, litlen);
}

static gboolean
server_field (const char *line,
              gsize       len,
              const char *name,
              const char **value,
              gsize      *value_len)
{
  gsize n = strlen (name);

  if (len < n + 1 || g_ascii_strncasecmp (line, name, n) != 0 || line[n] != ':')
    return FALSE;
  *value = line + n + 1;
  *value_len = len - n - 1;
  while (*value_len > 0 && **value == ' ')
    (*value)++, (*value_len)--;
  return TRUE;
}

static void
handle_server_begin (LdLogReader *self,
                     const char  *line,
                     gsize        len)
{
  const char *dc = find_lit (line, len, "::", 2);
  gint64 time = -1;

  if (self->collecting)
    finish_record (self, TRUE, LD_LOG_FORMAT_SERVER);
  if (self->format == LD_LOG_FORMAT_UNKNOWN)
    self->format = LD_LOG_FORMAT_SERVER;

  /* "TL_INFO(TF_PROTOCOL) [0]06E4.0EB4::01/18/2012-05:00:43.101.00005386 (...)" */
  if (dc != NULL)
    {
      const char *p = dc + 2;
      if (!_ld_log_parse_datetime (&p, line + len, '-', &time))
        time = -1;
    }
  if (time >= 0)
    {
      if (self->first_time < 0)
        self->first_time = time;
      self->last_time = time;
    }

  self->server = SERVER_FIELDS;
  self->collecting = FALSE;
  g_string_truncate (self->text, 0);
  self->rec_line = self->lines;
  self->rec_time = time;
  self->rec_direction = LD_DIRECTION_UNKNOWN;
  clear_record_addresses (self);
}

static void
handle_server_line (LdLogReader *self,
                    const char  *line,
                    gsize        len)
{
  const char *v;
  gsize vlen;

  if (HAS_PREFIX (line, len, "$$end_record") ||
      (len >= 12 && memcmp (line + len - 12, "$$end_record", 12) == 0))
    {
      if (self->server >= SERVER_HEADERS)
        finish_record (self, FALSE, LD_LOG_FORMAT_SERVER);
      /* A diagnostic record (no Start-Line) ends here without a message. */
      clear_record_addresses (self);
      self->server = SERVER_NONE;
      self->collecting = FALSE;
      return;
    }

  switch (self->server)
    {
    case SERVER_FIELDS:
      if (server_field (line, len, "Start-Line", &v, &vlen))
        {
          g_string_truncate (self->text, 0);
          append_text (self, v, vlen);
          self->collecting = TRUE;
          /* Some renderings wrap a long start line onto the next line. */
          self->server = is_sip_start_line (v, vlen) ? SERVER_HEADERS : SERVER_START_CONT;
        }
      else if (server_field (line, len, "Direction", &v, &vlen))
        {
          if (HAS_PREFIX (v, vlen, "incoming"))
            self->rec_direction = LD_DIRECTION_RECEIVED;
          else if (HAS_PREFIX (v, vlen, "outgoing"))
            self->rec_direction = LD_DIRECTION_SENT;
        }
      else if (server_field (line, len, "Peer", &v, &vlen) && self->rec_remote == NULL)
        self->rec_remote = g_strndup (v, vlen);
      else if (self->trace_func != NULL &&
               (server_field (line, len, "Text", &v, &vlen) ||
                server_field (line, len, "Result-Code", &v, &vlen)))
        self->trace_func (self->lines, self->rec_time, "SERVER", v, vlen, self->user_data);
      break;

    case SERVER_START_CONT:
      if (self->text->len > 0)
        g_string_truncate (self->text, self->text->len - 1);
      g_string_append_c (self->text, ' ');
      append_text (self, line, len);
      self->server = SERVER_HEADERS;
      break;

    case SERVER_HEADERS:
      if (server_field (line, len, "Message-Body", &v, &vlen))
        {
          g_string_append_c (self->text, '\n');
          if (!(vlen == 1 && v[0] == '-'))
            append_text (self, v, vlen);
          self->server = SERVER_BODY;
        }
      else
        append_text (self, line, len);
      break;

    case SERVER_BODY:
      append_text (self, line, len);
      break;

    case SERVER_NONE:
    default:
      break;
    }
}

/* Consecutive lines mostly share their time stamp: compare the 23 bytes of
 * "MM/DD/YYYY|HH:MM:SS.mmm" with the previous line's before parsing them. */
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
  if (len < 20 || !g_ascii_isdigit (line[0]))
    return FALSE;
  if (self->stamp_valid && len >= 24 && memcmp (line, self->stamp, 23) == 0 && line[23] == ' ')
    {
      const char *p = line + 23;
      const char *end = line + MIN (len, 23 + 80);
      const char *colons = NULL;
      const char *lvl, *lvl_end;
      const char *c;
      guint32 t = 0;

      while (p < end && *p == ' ')
        p++;
      /* PID:TID */
      while (p < end && *p != ':' && *p != ' ')
        p++;
      if (p < end && *p == ':')
        {
          for (c = p + 1; c < end && g_ascii_isxdigit (*c); c++)
            t = t * 16 + g_ascii_xdigit_value (*c);
          p = c;
        }
      for (c = p; c + 1 < end; c++)
        if (c[0] == ':' && c[1] == ':')
          {
            colons = c;
            break;
          }
      if (colons == NULL)
        return FALSE;
      lvl_end = colons;
      while (lvl_end > p && lvl_end[-1] == ' ')
        lvl_end--;
      lvl = lvl_end;
      while (lvl > p && lvl[-1] != ' ')
        lvl--;
      p = colons + 2;
      while (p < line + len && *p == ' ')
        p++;
      *time = self->stamp_time;
      *tid = t;
      *level = lvl;
      *level_len = lvl_end - lvl;
      *off = p - line;
      return TRUE;
    }
  if (!ld_log_line_parse_prefix (line, len, time, tid, level, level_len, off))
    return FALSE;
  /* Cache only the fixed-width form, where the stamp is exactly 23 bytes. */
  self->stamp_valid = line[2] == '/' && line[5] == '/' && line[10] == '|' && line[19] == '.' &&
                      g_ascii_isdigit (line[22]) && line[23] == ' ';
  if (self->stamp_valid)
    {
      memcpy (self->stamp, line, 23);
      self->stamp_time = *time;
    }
  return TRUE;
}

static void
handle_line (LdLogReader *self,
             const char  *line,
             gsize        len)
{
  gint64 time;
  guint32 tid;
  const char *level;
  gsize level_len, off;

  while (len > 0 && line[len - 1] == '\r')
    len--;
  self->lines++;

  if (prefix_parse_cached (self, line, len, &time, &tid, &level, &level_len, &off))
    {
      char lvl[16];

      self->prefixed++;
      if (self->first_time < 0)
        self->first_time = time;
      self->last_time = time;
      if (self->server != SERVER_NONE)
        {
          if (self->collecting)
            finish_record (self, TRUE, LD_LOG_FORMAT_SERVER);
          self->server = SERVER_NONE;
        }
      level_len = MIN (level_len, sizeof lvl - 1);
      memcpy (lvl, level, level_len);
      lvl[level_len] = '\0';
      handle_client_line (self, time, tid, lvl, line + off, len - off);
      return;
    }

  if (self->server == SERVER_NONE && self->collecting)
    {
      append_text (self, line, len);
      return;
    }

  if (len >= 14 && find_lit (line, len, "$$begin_record", 14) != NULL)
    {
      handle_server_begin (self, line, len);
      return;
    }

  if (self->server != SERVER_NONE)
    handle_server_line (self, line, len);
}

static void
handle_long_line_start (LdLogReader *self)
{
  self->skipping = TRUE;
  self->skipping_line = self->lines;
  self->skipped_bytes = 0;
}

static void
handle_long_line_end (LdLogReader *self)
{
  add_problem (self, g_strdup_printf (_("Line %llu is longer than %u MB (%llu bytes more); "
                                        "only its beginning was read."),
                                      (unsigned long long) self->skipping_line,
                                      LD_LOG_READER_MAX_LINE / (1024 * 1024),
                                      (unsigned long long) self->skipped_bytes));
  self->skipping = FALSE;
}

/* Splits UTF-8 (or ANSI) bytes into lines, copying only the pieces of lines
 * that straddle two chunks. */
static void
process_text (LdLogReader *self,
              const char  *data,
              gsize        len)
{
  const char *p = data;
  const char *end = data + len;
  char term = self->cr_only ? '\r' : '\n';

  while (p < end)
    {
      const char *nl = memchr (p, term, end - p);
      const char *stop = nl ? nl : end;

      if (self->skipping)
        {
          self->skipped_bytes += stop - p;
          if (nl != NULL)
            {
              handle_long_line_end (self);
              g_string_truncate (self->carry, 0);
            }
          p = nl ? nl + 1 : end;
          continue;
        }

      if (self->carry->len > 0 || nl == NULL)
        {
          gsize room = LD_LOG_READER_MAX_LINE - self->carry->len;
          gsize take = MIN ((gsize) (stop - p), room);

          g_string_append_len (self->carry, p, take);
          if ((gsize) (stop - p) > room)
            {
              /* Keep what fits, hand it on as the line, and skip the rest. */
              handle_line (self, self->carry->str, self->carry->len);
              g_string_truncate (self->carry, 0);
              handle_long_line_start (self);
              self->skipped_bytes = (stop - p) - take;
              if (nl != NULL)
                handle_long_line_end (self);
              p = nl ? nl + 1 : end;
              continue;
            }
          if (nl == NULL)
            break;
          handle_line (self, self->carry->str, self->carry->len);
          g_string_truncate (self->carry, 0);
          p = nl + 1;
          continue;
        }

      handle_line (self, p, stop - p);
      p = nl + 1;
    }
}

static void
detect_encoding (LdLogReader *self,
                 const guchar *b,
                 gsize         len)
{
  const char *from = NULL;

  self->detected = TRUE;
  if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
    self->encoding = LD_TEXT_ENCODING_UTF8_BOM;
  else if (len >= 2 && b[0] == 0xFF && b[1] == 0xFE)
    self->encoding = LD_TEXT_ENCODING_UTF16LE, from = "UTF-16LE";
  else if (len >= 2 && b[0] == 0xFE && b[1] == 0xFF)
    self->encoding = LD_TEXT_ENCODING_UTF16BE, from = "UTF-16BE";
  else if (len >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0)
    self->encoding = LD_TEXT_ENCODING_UTF16LE, from = "UTF-16LE";
  else if (len >= 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0)
    self->encoding = LD_TEXT_ENCODING_UTF16BE, from = "UTF-16BE";
  else
    self->encoding = LD_TEXT_ENCODING_UTF8;

  if (from != NULL)
    self->iconv = g_iconv_open ("UTF-8", from);
}

/* A file with carriage returns and no line feed at all ends its lines with
 * CR alone (classic Mac editors); anywhere else a CR is stray. The first
 * 64 KB decide, before any line is handed on. */
static void
process_decoded (LdLogReader *self,
                 const char  *data,
                 gsize        len,
                 gboolean     at_end)
{
  g_autoptr(GString) head = NULL;

  if (self->terminator_decided)
    {
      process_text (self, data, len);
      return;
    }

  g_string_append_len (self->head, data, len);
  if (memchr (data, '\n', len) != NULL)
    self->cr_only = FALSE;
  else if (self->head->len >= 65536 || at_end)
    self->cr_only = memchr (self->head->str, '\r', self->head->len) != NULL;
  else
    return;

  self->terminator_decided = TRUE;
  head = g_steal_pointer (&self->head);
  self->head = g_string_new (NULL);
  process_text (self, head->str, head->len);
}

static void
convert_utf16 (LdLogReader *self,
               const char  *data,
               gsize        len,
               gboolean     at_end)
{
  g_string_append_len (self->undecoded, data, len);

  while (self->undecoded->len > 0)
    {
      gchar *in = self->undecoded->str;
      gsize in_left = self->undecoded->len;
      gsize out_size = in_left * 2 + 16;
      g_autofree char *out = g_malloc (out_size);
      gchar *outp = out;
      gsize out_left = out_size;
      gsize r = g_iconv (self->iconv, &in, &in_left, &outp, &out_left);
      int err = errno;

      process_decoded (self, out, outp - out, at_end);
      g_string_erase (self->undecoded, 0, self->undecoded->len - in_left);

      if (r != (gsize) -1)
        break;
      if (err == EILSEQ)
        {
          /* A lone surrogate: show U+FFFD and step over the code unit. */
          process_decoded (self, "\xEF\xBF\xBD", 3, at_end);
          g_string_erase (self->undecoded, 0, MIN (2, self->undecoded->len));
          continue;
        }
      if (err == EINVAL)
        {
          if (at_end)
            {
              add_problem (self, g_strdup (_("The file ends in the middle of a UTF-16 character "
                                             "(an odd number of bytes); the last byte was ignored.")));
              g_string_truncate (self->undecoded, 0);
            }
          break;
        }
      if (err != E2BIG)
        break;
    }
}

static void
feed_bytes (LdLogReader *self,
            const char  *data,
            gsize        len,
            gboolean     at_end)
{
  g_autoptr(GString) head = NULL;

  if (!self->detected)
    {
      /* Four bytes decide the encoding (BOM, or NULs of BOM-less UTF-16). */
      if (self->undecoded->len + len < 4 && !at_end)
        {
          g_string_append_len (self->undecoded, data, len);
          return;
        }
      if (self->undecoded->len > 0)
        {
          head = g_string_new_len (self->undecoded->str, self->undecoded->len);
          g_string_append_len (head, data, len);
          g_string_truncate (self->undecoded, 0);
          data = head->str;
          len = head->len;
        }
      detect_encoding (self, (const guchar *) data, len);
      if (self->encoding == LD_TEXT_ENCODING_UTF8_BOM)
        data += 3, len -= 3;
      else if (self->iconv != (GIConv) -1 && len >= 2 &&
               (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
        data += 2, len -= 2;
    }

  if (self->iconv != (GIConv) -1)
    convert_utf16 (self, data, len, at_end);
  else
    process_decoded (self, data, len, at_end);
}

gboolean
ld_log_reader_feed (LdLogReader  *self,
                    const char   *data,
                    gsize         len,
                    GError      **error)
{
  feed_bytes (self, data, len, FALSE);
  return TRUE;
}

gboolean
ld_log_reader_finish (LdLogReader  *self,
                      GError      **error)
{
  feed_bytes (self, "", 0, TRUE);
  if (self->skipping)
    handle_long_line_end (self);
  else if (self->carry->len > 0)
    {
      handle_line (self, self->carry->str, self->carry->len);
      g_string_truncate (self->carry, 0);
    }
  if (self->collecting)
    finish_record (self, TRUE, self->server != SERVER_NONE ? LD_LOG_FORMAT_SERVER : LD_LOG_FORMAT_CLIENT);
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
  return TRUE;
}

guint64 ld_log_reader_get_lines (LdLogReader *self) { return self->lines; }
guint64 ld_log_reader_get_prefixed_lines (LdLogReader *self) { return self->prefixed; }
guint ld_log_reader_get_records (LdLogReader *self) { return self->records; }
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
