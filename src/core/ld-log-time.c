/* ld-log-time.c - the time stamps of client and server logs: parse, compute, format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-log-reader"

#include "config.h"

#include <string.h>

#include "ld-log-reader-private.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). Log times are local wall-clock times without a zone,
 * so they are kept as such and never converted. */
static gint64
days_from_civil (gint64 y,
                 unsigned m,
                 unsigned d)
{
  gint64 era;
  unsigned yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (unsigned) (y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

gint64
ld_time_from_civil (int year,
                    int month,
                    int day,
                    int hour,
                    int minute,
                    int second,
                    int msec)
{
  gint64 days = days_from_civil (year, month, day);

  return ((days * 24 + hour) * 60 + minute) * 60000 + (gint64) second * 1000 + msec;
}

/**
 * ld_time_format_iso_buf:
 * @time: log-local milliseconds
 * @buf: where to write it
 *
 * As ld_time_format_iso(), without an allocation.
 *
 * Returns: (nullable): @buf holding "2014-01-30T10:05:08.772", or %NULL for -1
 */
/* @v (below 100) as two digits at @p. */
static inline void
put_2 (char     *p,
       unsigned  v)
{
  static const char digits[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

  memcpy (p, digits + 2 * v, 2);
}

const char *
ld_time_format_iso_buf (gint64 time,
                        char   buf[LD_TIME_ISO_SIZE])
{
  gint64 days, z, era, y;
  unsigned doe, yoe, doy, mp, d, m;
  gint64 ms_of_day;

  if (time < 0)
    return NULL;
  days = time / 86400000;
  ms_of_day = time % 86400000;
  z = days + 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (unsigned) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = (gint64) yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  if (y < 0 || y > 9999)
    {
      g_snprintf (buf, LD_TIME_ISO_SIZE, "%04d-%02u-%02uT%02d:%02d:%02d.%03d",
                  (int) y, m, d,
                  (int) (ms_of_day / 3600000),
                  (int) (ms_of_day / 60000 % 60),
                  (int) (ms_of_day / 1000 % 60),
                  (int) (ms_of_day % 1000));
      return buf;
    }
  {
    /* Fixed width, written by hand two digits at a time: this runs for
     * every message of the JSON output, where printf was most of its cost. */
    unsigned ms = (unsigned) ms_of_day;
    unsigned msec = ms % 1000;

    put_2 (buf, (unsigned) y / 100);
    put_2 (buf + 2, (unsigned) y % 100);
    buf[4] = '-';
    put_2 (buf + 5, m);
    buf[7] = '-';
    put_2 (buf + 8, d);
    buf[10] = 'T';
    put_2 (buf + 11, ms / 3600000);
    buf[13] = ':';
    put_2 (buf + 14, ms / 60000 % 60);
    buf[16] = ':';
    put_2 (buf + 17, ms / 1000 % 60);
    buf[19] = '.';
    buf[20] = (char) ('0' + msec / 100);
    put_2 (buf + 21, msec % 100);
    buf[23] = '\0';
    return buf;
  }
}

/**
 * ld_time_format_iso:
 * @time: log-local milliseconds
 *
 * Returns: (transfer full) (nullable): "2014-01-30T10:05:08.772", or %NULL for -1
 */
char *
ld_time_format_iso (gint64 time)
{
  char buf[LD_TIME_ISO_SIZE];

  return g_strdup (ld_time_format_iso_buf (time, buf));
}

static inline gboolean
read_uint (const char **pp,
           const char  *end,
           int          min_digits,
           int          max_digits,
           int         *out)
{
  const char *p = *pp;
  int n = 0, v = 0;

  while (p < end && n < max_digits && g_ascii_isdigit (*p))
    {
      v = v * 10 + (*p - '0');
      p++;
      n++;
    }
  if (n < min_digits)
    return FALSE;
  *pp = p;
  *out = v;
  return TRUE;
}

static inline gboolean
is_leap_year (int y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Parses "MM/DD/YYYY?HH:MM:SS[.mmm]" as written by both formats (the client
 * separates date and time with '|', server traces with '-').  A stamp that
 * has the form but not a possible value (February 30, hour 25, a year
 * before 1970 that the log's times cannot hold) still matches: its time is
 * -1, so that the caller can say so instead of taking the line for text or
 * rolling February 30 over to March 2. */
gboolean
_ld_log_parse_datetime (const char **pp,
                        const char  *end,
                        char         sep,
                        gint64      *out_time)
{
  static const guint8 month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  const char *p = *pp;
  int mo, d, y, h, mi, s, ms = 0;

  if (!read_uint (&p, end, 1, 2, &mo) || p >= end || *p++ != '/' ||
      !read_uint (&p, end, 1, 2, &d) || p >= end || *p++ != '/' ||
      !read_uint (&p, end, 4, 4, &y) || p >= end || *p++ != sep ||
      !read_uint (&p, end, 1, 2, &h) || p >= end || *p++ != ':' ||
      !read_uint (&p, end, 2, 2, &mi) || p >= end || *p++ != ':' ||
      !read_uint (&p, end, 2, 2, &s))
    return FALSE;
  if (p < end && *p == '.')
    {
      int digits = 0;

      p++;
      while (p < end && g_ascii_isdigit (*p))
        {
          if (digits < 3)
            ms = ms * 10 + (*p - '0');
          digits++;
          p++;
        }
      while (digits > 0 && digits < 3)
        ms *= 10, digits++;
    }
  *pp = p;
  /* s == 60: a leap second, which Windows clocks do not write but which
   * is a possible time. */
  if (mo < 1 || mo > 12 || d < 1 || y < 1970 || h > 23 || mi > 59 || s > 60 ||
      d > month_days[mo - 1] + (mo == 2 && is_leap_year (y)))
    *out_time = -1;
  else
    *out_time = ld_time_from_civil (y, mo, d, h, mi, s, ms);
  return TRUE;
}

/**
 * ld_log_line_parse_prefix:
 * @line: a line without its terminator
 * @len: its length
 * @out_time: (out): the time, or -1 when the stamp names an impossible
 *   date or time (February 30, 25:00)
 * @out_tid: (out): the thread id, 0 when absent
 * @out_level: (out): the level word ("INFO")
 * @out_level_len: (out): its length
 * @out_text_offset: (out): where the text after "::" starts
 *
 * Recognises the client log prefix with any amount of spacing.
 *
 * Returns: %TRUE if @line carries the prefix
 */
gboolean
ld_log_line_parse_prefix (const char  *line,
                          gsize        len,
                          gint64      *out_time,
                          guint32     *out_tid,
                          const char **out_level,
                          gsize       *out_level_len,
                          gsize       *out_text_offset)
{
  const char *p = line;

  if (len < 20 || !g_ascii_isdigit (line[0]))
    return FALSE;
  if (!_ld_log_parse_datetime (&p, line + len, '|', out_time))
    return FALSE;
  return _ld_log_line_parse_after_stamp (line, len, p, out_tid, out_level, out_level_len, out_text_offset);
}

/**
 * _ld_log_line_parse_after_stamp:
 * @line: a line without its terminator
 * @len: its length
 * @p: where its time stamp ends
 * @out_tid: (out): as for ld_log_line_parse_prefix()
 * @out_level: (out): as for ld_log_line_parse_prefix()
 * @out_level_len: (out): as for ld_log_line_parse_prefix()
 * @out_text_offset: (out): as for ld_log_line_parse_prefix()
 *
 * The rest of ld_log_line_parse_prefix(), after the time stamp: for a
 * reader that knows the stamp's time without parsing it.
 *
 * Returns: %TRUE if the line carries the rest of the prefix
 */
gboolean
_ld_log_line_parse_after_stamp (const char  *line,
                                gsize        len,
                                const char  *p,
                                guint32     *out_tid,
                                const char **out_level,
                                gsize       *out_level_len,
                                gsize       *out_text_offset)
{
  const char *end = line + len;
  const char *colons, *lvl_end, *lvl;
  const char *limit;
  guint32 tid = 0;

  /* "PID:TID LEVEL ::" follows within a few dozen bytes: the first "::"
   * that starts before the limit's last byte, found a colon at a time
   * (two memchr() calls on most lines rather than a test of every byte). */
  limit = MIN (end, p + 80);
  colons = NULL;
  for (const char *c = p; c + 1 < limit && (c = memchr (c, ':', limit - 1 - c)) != NULL; c++)
    if (c[1] == ':')
      {
        colons = c;
        break;
      }
  if (colons == NULL)
    return FALSE;

  while (p < colons && *p == ' ')
    p++;
  {
    const char *colon = NULL;

    while (p < colons && *p != ' ')
      {
        if (*p == ':' && colon == NULL)
          colon = p;
        p++;
      }
    if (colon != NULL)
      {
        for (const char *c = colon + 1; c < p; c++)
          {
            /* g_ascii_xdigit_value() without the call, for every line. */
            int v = *c >= '0' && *c <= '9' ? *c - '0' :
                    *c >= 'a' && *c <= 'f' ? *c - 'a' + 10 :
                    *c >= 'A' && *c <= 'F' ? *c - 'A' + 10 : -1;
            if (v < 0)
              break;
            tid = tid * 16 + v;
          }
      }
  }

  lvl_end = colons;
  while (lvl_end > p && lvl_end[-1] == ' ')
    lvl_end--;
  lvl = lvl_end;
  while (lvl > p && lvl[-1] != ' ')
    lvl--;

  p = colons + 2;
  while (p < end && *p == ' ')
    p++;

  *out_tid = tid;
  *out_level = lvl;
  *out_level_len = lvl_end - lvl;
  *out_text_offset = p - line;
  return TRUE;
}
