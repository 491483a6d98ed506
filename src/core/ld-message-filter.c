/* ld-message-filter.c - the message browser's query language: fields, NOT, OR, time ranges
 *
 * What a support engineer types in sngrep's or Snooper's filter, in one
 * line:
 *
 *   method:INVITE status:4xx OR status:5xx NOT ua:OCS after:10:05
 *
 * Terms are separated by spaces and all must hold; OR between two terms
 * makes either do (so OR binds tighter than the implied AND: the line
 * above is INVITE, and 4xx or 5xx, and not from an OCS, and from 10:05 on);
 * NOT or a leading '-' turns a term round. Double quotes keep spaces in one
 * value (reason:"media connectivity").
 *
 * A term is free text (a regular expression when it is one and compiles,
 * else the text itself; any case) looked for in the message as logged, or
 * a field:
 *   from: to: callid: ua:     the header contains the value (ua: is
 *                              User-Agent or Server)
 *   method:                    the request's method, or the CSeq method of
 *                              a response
 *   status:486 4xx 400-499     a response's status
 *   code:23                    a diagnostic header (ms-diagnostics,
 *                              ms-client-diagnostics, …) carries this code
 *   cseq:2 cseq:INVITE         the CSeq number or method
 *   reason:                    the status phrase, a Reason header or a
 *                              diagnostic header contains the value
 *   ip:10.0.0.5 ip:10.0.0.     the address the message went to or came from
 *                              (a value ending in '.' or ':' is a prefix)
 *   header:Name=value header:Name
 *                              any header, by name (compact forms too)
 *   dir:sent dir:received
 *   after:10:05 before:10:06:30 time:10:05..10:07 time:2014-01-30
 *                              a time of day (on any day of the log) or a
 *                              date and time (2014-01-30T10:05); a range
 *                              ends with the last millisecond of its upper
 *                              value as written (10:07 includes 10:07:59)
 * An unknown prefix is free text: sip:alice@contoso.com is looked for as
 * written.
 *
 * Nothing here knows GTK: the app's message list asks it whether a
 * message matches, and where in the text to highlight what matched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-message-filter"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-diagnostic.h"
#include "ld-message-filter.h"

G_DEFINE_QUARK (ld-message-filter-error-quark, ld_message_filter_error)

#define MS_PER_DAY ((gint64) 24 * 60 * 60 * 1000)

typedef enum
{
  TERM_TEXT,
  TERM_FROM,
  TERM_TO,
  TERM_CALL_ID,
  TERM_METHOD,
  TERM_STATUS,
  TERM_CODE,
  TERM_UA,
  TERM_IP,
  TERM_CSEQ,
  TERM_REASON,
  TERM_HEADER,
  TERM_DIR,
  TERM_TIME,
} TermKind;

typedef struct
{
  TermKind  kind;
  gboolean  negated;
  char     *value;      /* as typed (unquoted) */
  char     *header;     /* TERM_HEADER: the header's name, long form */
  GRegex   *regex;      /* TERM_TEXT, and the value of the fields that contain */
  GRegex   *highlight;  /* what to mark in the text of a message it matches, or NULL */
  int       lo, hi;     /* TERM_STATUS: the range; TERM_CSEQ: the number or -1 */
  LdDirection direction;
  gint64    t_lo, t_hi; /* TERM_TIME: first and last millisecond that match */
  gboolean  time_of_day;
  gboolean  wraps;      /* a range of times of day that goes round midnight */
} Term;

struct _LdMessageFilter
{
  GPtrArray *clauses;   /* (element-type GPtrArray of Term): all must hold, one term of each */
  char      *note;
};

static void
term_free (Term *term)
{
  g_free (term->value);
  g_free (term->header);
  g_clear_pointer (&term->regex, g_regex_unref);
  g_clear_pointer (&term->highlight, g_regex_unref);
  g_free (term);
}

void
ld_message_filter_free (LdMessageFilter *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->clauses);
  g_free (self->note);
  g_free (self);
}

/* Header names ----------------------------------------------------------- */

/* RFC 3261 section 7.3.3 and the extensions that define compact forms
 * (RFC 3265 o/u, RFC 3515 r, RFC 3892 b, RFC 4028 x, RFC 3841 a/j/d). */
static const struct { char compact; const char *name; } compact_forms[] = {
  { 'i', "Call-ID" }, { 'f', "From" }, { 't', "To" }, { 'v', "Via" }, { 'm', "Contact" },
  { 'l', "Content-Length" }, { 'c', "Content-Type" }, { 'e', "Content-Encoding" },
  { 'k', "Supported" }, { 's', "Subject" }, { 'o', "Event" }, { 'u', "Allow-Events" },
  { 'r', "Refer-To" }, { 'b', "Referred-By" }, { 'x', "Session-Expires" },
  { 'a', "Accept-Contact" }, { 'j', "Reject-Contact" }, { 'd', "Request-Disposition" },
};

static gboolean
header_name_is (const char *name,
                gsize       len,
                const char *wanted)
{
  if (len == 1)
    for (guint i = 0; i < G_N_ELEMENTS (compact_forms); i++)
      if (g_ascii_tolower (name[0]) == compact_forms[i].compact)
        return g_ascii_strcasecmp (compact_forms[i].name, wanted) == 0;
  return strlen (wanted) == len && g_ascii_strncasecmp (name, wanted, len) == 0;
}

/* Called for each header; returns TRUE to stop. */
typedef gboolean (*HeaderFunc) (const char *name,
                                gsize       name_len,
                                const char *value,
                                gsize       value_len,
                                gpointer    data);

/* Every header of @msg, from its parsed headers, or from its text when it
 * was stripped to that (see ld_sip_message_strip()): up to the blank line,
 * a folded line carried on under the name of the line before. */
static gboolean
foreach_header (const LdSipMessage *msg,
                const char         *text,
                HeaderFunc          func,
                gpointer            data)
{
  const char *line, *name = NULL;
  gsize name_len = 0;

  if (msg->headers != NULL || text == NULL)
    {
      for (guint i = 0; i < msg->n_headers; i++)
        if (func (msg->headers[i].name, strlen (msg->headers[i].name),
                  msg->headers[i].value, strlen (msg->headers[i].value), data))
          return TRUE;
      return FALSE;
    }

  /* The first line is the request or status line. */
  line = text + strcspn (text, "\n");
  while (*line == '\n')
    {
      const char *start = line + 1;
      const char *eol = start + strcspn (start, "\n");
      const char *end = eol > start && eol[-1] == '\r' ? eol - 1 : eol;
      const char *colon;

      line = eol;
      if (end == start)
        break;
      if ((*start == ' ' || *start == '\t') && name != NULL)
        {
          while (start < end && (*start == ' ' || *start == '\t'))
            start++;
          if (func (name, name_len, start, end - start, data))
            return TRUE;
          continue;
        }
      colon = memchr (start, ':', end - start);
      if (colon == NULL)
        {
          name = NULL;
          continue;
        }
      name = start;
      name_len = colon - start;
      while (name_len > 0 && (name[name_len - 1] == ' ' || name[name_len - 1] == '\t'))
        name_len--;
      colon++;
      while (colon < end && (*colon == ' ' || *colon == '\t'))
        colon++;
      if (func (name, name_len, colon, end - colon, data))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  const Term *term;
  const char *name;   /* wanted header, or NULL for any diagnostic header */
  const char *also;   /* a second name that counts (Server beside User-Agent) */
  gboolean    diag;   /* the diagnostic headers count too */
} HeaderQuery;

static gboolean
contains (const GRegex *regex,
          const char   *text,
          gssize        len)
{
  return text != NULL && g_regex_match_full (regex, text, len, 0, 0, NULL, NULL);
}

static gboolean
is_diag_header (const char *name,
                gsize       len)
{
  g_autofree char *copy = g_strndup (name, len);
  LdDiagHeader which;

  return ld_diag_header_from_name (copy, &which);
}

static gboolean
header_value_matches (const char *name,
                      gsize       name_len,
                      const char *value,
                      gsize       value_len,
                      gpointer    data)
{
  HeaderQuery *q = data;
  gboolean named = (q->name != NULL && header_name_is (name, name_len, q->name)) ||
                   (q->also != NULL && header_name_is (name, name_len, q->also)) ||
                   (q->diag && is_diag_header (name, name_len));

  if (!named)
    return FALSE;
  return q->term->regex == NULL || contains (q->term->regex, value, value_len);
}

/* code:23 matches the number at the start of a diagnostic header, the way
 * these headers are written ("23;reason=…", "52001; reason=…"). */
static gboolean
header_has_code (const char *name,
                 gsize       name_len,
                 const char *value,
                 gsize       value_len,
                 gpointer    data)
{
  const Term *term = data;
  gsize n = strlen (term->value);

  if (!is_diag_header (name, name_len))
    return FALSE;
  return value_len >= n && strncmp (value, term->value, n) == 0 &&
         (value_len == n || !g_ascii_isdigit (value[n]));
}

/* Matching --------------------------------------------------------------- */

/* The address part of "10.0.0.5:5061" or "[2001:db8::1]:443". */
static gboolean
address_matches (const char *address,
                 const char *wanted)
{
  gsize wanted_len = strlen (wanted);
  const char *host = address;
  gsize host_len;
  const char *colon;

  if (address == NULL)
    return FALSE;
  /* ip:10.0.0. or ip:10.0.0.5: is a prefix of the whole address. */
  if (wanted_len > 0 && (wanted[wanted_len - 1] == '.' || wanted[wanted_len - 1] == ':'))
    return g_ascii_strncasecmp (address, wanted, wanted_len) == 0;
  if (g_ascii_strcasecmp (address, wanted) == 0)
    return TRUE;
  if (*host == '[')
    {
      const char *close = strchr (host, ']');

      host++;
      host_len = close != NULL ? (gsize) (close - host) : strlen (host);
    }
  else
    {
      colon = strrchr (host, ':');
      /* More than one colon and no brackets: an IPv6 address alone. */
      host_len = colon != NULL && strchr (host, ':') == colon ? (gsize) (colon - host) : strlen (host);
    }
  if (*wanted == '[' && wanted_len > 2 && wanted[wanted_len - 1] == ']')
    {
      wanted++;
      wanted_len -= 2;
    }
  return host_len == wanted_len && g_ascii_strncasecmp (host, wanted, wanted_len) == 0;
}

static gboolean
text_matches (const Term         *term,
              const LdSipMessage *msg,
              const char         *text)
{
  g_autofree char *summary = NULL;

  if (text != NULL)
    return contains (term->regex, text, -1);
  /* Only its summary was kept. */
  summary = ld_sip_message_dup_summary (msg);
  return contains (term->regex, summary, -1);
}

static gboolean
time_matches (const Term         *term,
              const LdSipMessage *msg)
{
  gint64 t = msg->time;

  if (t < 0)
    return FALSE;
  if (!term->time_of_day)
    return t >= term->t_lo && t <= term->t_hi;
  t %= MS_PER_DAY;
  /* time:23:50..00:10 goes round midnight. */
  if (term->wraps)
    return t >= term->t_lo || t <= term->t_hi;
  return t >= term->t_lo && t <= term->t_hi;
}

static gboolean
term_matches (const Term         *term,
              const LdSipMessage *msg,
              const char         *text)
{
  HeaderQuery q = { term, NULL, NULL, FALSE };

  switch (term->kind)
    {
    case TERM_TEXT:
      return text_matches (term, msg, text);
    case TERM_FROM:
      return contains (term->regex, msg->from, -1);
    case TERM_TO:
      return contains (term->regex, msg->to, -1);
    case TERM_CALL_ID:
      return contains (term->regex, msg->call_id, -1);
    case TERM_METHOD:
      return msg->method != NULL && g_ascii_strcasecmp (msg->method, term->value) == 0;
    case TERM_STATUS:
      return !msg->is_request && msg->status >= term->lo && msg->status <= term->hi;
    case TERM_CODE:
      return msg->diag_count > 0 && foreach_header (msg, text, header_has_code, (gpointer) term);
    case TERM_UA:
      q.name = "User-Agent";
      q.also = "Server";
      return foreach_header (msg, text, header_value_matches, &q);
    case TERM_IP:
      return address_matches (msg->remote, term->value) || address_matches (msg->local, term->value);
    case TERM_CSEQ:
      if (term->lo >= 0 && msg->cseq != (guint32) term->lo)
        return FALSE;
      return term->header == NULL || (msg->method != NULL && g_ascii_strcasecmp (msg->method, term->header) == 0);
    case TERM_REASON:
      if (!msg->is_request && contains (term->regex, msg->reason, -1))
        return TRUE;
      q.name = "Reason";
      q.diag = msg->diag_count > 0;
      return foreach_header (msg, text, header_value_matches, &q);
    case TERM_HEADER:
      q.name = term->header;
      return foreach_header (msg, text, header_value_matches, &q);
    case TERM_DIR:
      return msg->direction == term->direction;
    case TERM_TIME:
      return time_matches (term, msg);
    default:
      return FALSE;
    }
}

/* Whether @term reads the message's whole text (its words, or the headers
 * of a message that keeps only its text). */
static gboolean
term_reads_text (const Term *term)
{
  switch (term->kind)
    {
    case TERM_TEXT:
    case TERM_CODE:
    case TERM_UA:
    case TERM_REASON:
    case TERM_HEADER:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * ld_message_filter_needs_text:
 * @self: a filter
 *
 * Returns: whether ld_message_filter_match() reads the messages' texts:
 *   when not, it may be given %NULL for them
 */
gboolean
ld_message_filter_needs_text (const LdMessageFilter *self)
{
  for (guint c = 0; c < self->clauses->len; c++)
    {
      GPtrArray *clause = g_ptr_array_index (self->clauses, c);

      for (guint t = 0; t < clause->len; t++)
        if (term_reads_text (g_ptr_array_index (clause, t)))
          return TRUE;
    }
  return FALSE;
}

/**
 * ld_message_filter_match:
 * @self: a filter
 * @msg: a message
 * @text: (nullable): its whole text (ld_message_texts_get()), or %NULL when
 *   it was not kept, or ld_message_filter_needs_text() says it is not read
 *
 * Returns: %TRUE when @msg holds every term of the query (one of each
 *   group joined by OR); an empty query matches every message
 */
gboolean
ld_message_filter_match (const LdMessageFilter *self,
                         const LdSipMessage    *msg,
                         const char            *text)
{
  for (guint c = 0; c < self->clauses->len; c++)
    {
      GPtrArray *clause = g_ptr_array_index (self->clauses, c);
      gboolean any = FALSE;

      for (guint t = 0; t < clause->len && !any; t++)
        {
          const Term *term = g_ptr_array_index (clause, t);

          any = term_matches (term, msg, text) != term->negated;
        }
      if (!any)
        return FALSE;
    }
  return TRUE;
}

gboolean
ld_message_filter_is_empty (const LdMessageFilter *self)
{
  return self->clauses->len == 0;
}

/**
 * ld_message_filter_get_note:
 * @self: a filter
 *
 * Returns: (nullable): a sentence for the user about how the query was
 *   read (text that is not a valid regular expression is looked for as
 *   written), or %NULL
 */
const char *
ld_message_filter_get_note (const LdMessageFilter *self)
{
  return self->note;
}

/**
 * ld_message_filter_find_highlight:
 * @self: a filter
 * @text: the text of a message that matched
 * @from: byte offset to look from
 * @start: (out): where the next thing to mark starts
 * @end: (out): and where it ends
 *
 * What a view marks in a matching message: the free text, the values of
 * the fields looked for, the diagnostic header of a code:, the status line
 * of a status:. Terms turned round with NOT mark nothing.
 *
 * Returns: %TRUE when something to mark was found at or after @from
 */
gboolean
ld_message_filter_find_highlight (const LdMessageFilter *self,
                                  const char            *text,
                                  gsize                  from,
                                  gsize                 *start,
                                  gsize                 *end)
{
  gsize len = strlen (text);
  gboolean found = FALSE;

  for (guint c = 0; c < self->clauses->len; c++)
    {
      GPtrArray *clause = g_ptr_array_index (self->clauses, c);

      for (guint t = 0; t < clause->len; t++)
        {
          const Term *term = g_ptr_array_index (clause, t);
          gsize pos = from;

          if (term->negated || term->highlight == NULL)
            continue;
          while (pos <= len)
            {
              g_autoptr(GMatchInfo) info = NULL;
              int s, e;

              if (!g_regex_match_full (term->highlight, text, len, pos, 0, &info, NULL) ||
                  !g_match_info_fetch_pos (info, 0, &s, &e))
                break;
              if (e > s)
                {
                  if (!found || (gsize) s < *start || ((gsize) s == *start && (gsize) e > *end))
                    {
                      *start = s;
                      *end = e;
                      found = TRUE;
                    }
                  break;
                }
              /* An empty match marks nothing: look past it. */
              pos = (gsize) s + 1;
            }
        }
    }
  return found;
}

/* Parsing ---------------------------------------------------------------- */

static const struct { const char *prefix; TermKind kind; } fields[] = {
  { "from", TERM_FROM }, { "to", TERM_TO }, { "callid", TERM_CALL_ID }, { "call-id", TERM_CALL_ID },
  { "method", TERM_METHOD }, { "status", TERM_STATUS }, { "code", TERM_CODE },
  { "ua", TERM_UA }, { "user-agent", TERM_UA }, { "ip", TERM_IP }, { "cseq", TERM_CSEQ },
  { "reason", TERM_REASON }, { "header", TERM_HEADER }, { "dir", TERM_DIR },
  { "after", TERM_TIME }, { "before", TERM_TIME }, { "time", TERM_TIME },
};

static GRegex *
literal_regex (const char *value)
{
  g_autofree char *escaped = g_regex_escape_string (value, -1);

  return g_regex_new (escaped, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
}

/* Text looks like a pattern when it uses what patterns are made of. */
static gboolean
looks_like_regex (const char *text)
{
  return strpbrk (text, "\\^$*+?()[]{}|") != NULL;
}

/* "10:05", "10:05:14", "10:05:14.310"; "2014-01-30", "2014-01-30T10:05…".
 * Sets the first and last millisecond the value stands for, as written. */
static gboolean
parse_time (const char *text,
            gint64     *first,
            gint64     *last,
            gboolean   *time_of_day)
{
  guint year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0;
  gint64 unit = MS_PER_DAY;
  gint64 base = 0;
  const char *p = text;
  int n = 0;

  *time_of_day = TRUE;
  if (strlen (text) >= 10 && text[4] == '-' && text[7] == '-')
    {
      GDate date, epoch;

      if (sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &n) != 3 || n != 10 ||
          !g_date_valid_dmy (day, month, year))
        return FALSE;
      g_date_clear (&date, 1);
      g_date_clear (&epoch, 1);
      g_date_set_dmy (&date, day, month, year);
      g_date_set_dmy (&epoch, 1, 1, 1970);
      base = (gint64) (g_date_get_julian (&date) - g_date_get_julian (&epoch)) * MS_PER_DAY;
      *time_of_day = FALSE;
      p = text + 10;
      if (*p == '\0')
        {
          *first = base;
          *last = base + MS_PER_DAY - 1;
          return TRUE;
        }
      if (*p != 'T' && *p != 't' && *p != ' ')
        return FALSE;
      p++;
    }

  /* hh:mm, then :ss, then .mmm */
  if (!g_ascii_isdigit (p[0]) || sscanf (p, "%2u:%2u%n", &hour, &minute, &n) != 2 || hour > 23 || minute > 59)
    return FALSE;
  p += n;
  unit = 60 * 1000;
  if (*p == ':')
    {
      if (!g_ascii_isdigit (p[1]) || sscanf (p, ":%2u%n", &second, &n) != 1 || second > 59)
        return FALSE;
      p += n;
      unit = 1000;
      if (*p == '.' || *p == ',')
        {
          const char *digits = ++p;
          guint scale = 100;

          for (; g_ascii_isdigit (*p) && p - digits < 3; p++, scale /= 10)
            ms += (guint) (*p - '0') * scale;
          if (p == digits)
            return FALSE;
          unit = scale == 0 ? 1 : scale;
        }
    }
  if (*p != '\0')
    return FALSE;
  *first = base + (((gint64) hour * 60 + minute) * 60 + second) * 1000 + ms;
  *last = *first + unit - 1;
  return TRUE;
}

static gboolean
set_time_term (Term        *term,
               const char  *field,
               GError     **error)
{
  const char *value = term->value;
  gint64 lo_first, lo_last, hi_first, hi_last;
  gboolean lo_day, hi_day;
  const char *dots = strstr (value, "..");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (g_strcmp0 (field, "time") == 0)
    {
      if (dots != NULL)
        {
          a = g_strndup (value, dots - value);
          b = g_strdup (dots + 2);
        }
      else if (strchr (value, '-') != NULL && (strlen (value) < 5 || value[4] != '-'))
        {
          /* 10:05-10:07: times of day only, dates have dashes of their own. */
          const char *dash = strchr (value, '-');
          a = g_strndup (value, dash - value);
          b = g_strdup (dash + 1);
        }
      else
        {
          a = g_strdup (value);
          b = g_strdup (value);
        }
      if (parse_time (a, &lo_first, &lo_last, &lo_day) && parse_time (b, &hi_first, &hi_last, &hi_day) &&
          lo_day == hi_day)
        {
          term->t_lo = lo_first;
          term->t_hi = hi_last;
          term->time_of_day = lo_day;
          term->wraps = lo_day && term->t_lo > term->t_hi;
          if (lo_day || term->t_lo <= term->t_hi)
            return TRUE;
        }
      g_set_error (error, LD_MESSAGE_FILTER_ERROR, LD_MESSAGE_FILTER_ERROR_VALUE,
                   _("time: takes a time or a range, e.g. time:10:05, time:10:05..10:07 or "
                     "time:2014-01-30T10:05..2014-01-30T10:07"));
      return FALSE;
    }

  if (!parse_time (value, &lo_first, &lo_last, &lo_day))
    {
      g_set_error (error, LD_MESSAGE_FILTER_ERROR, LD_MESSAGE_FILTER_ERROR_VALUE,
                   _("%s: takes a time of day or a date and time, e.g. %s:10:05, %s:10:05:30.250 or "
                     "%s:2014-01-30T10:05"), field, field, field, field);
      return FALSE;
    }
  term->time_of_day = lo_day;
  if (g_strcmp0 (field, "after") == 0)
    {
      term->t_lo = lo_first;
      term->t_hi = lo_day ? MS_PER_DAY - 1 : G_MAXINT64;
    }
  else
    {
      /* before: is strictly before the value as written (so
       * before:00:00 matches nothing: lo > hi without wrapping). */
      term->t_lo = lo_day ? 0 : G_MININT64;
      term->t_hi = lo_first - 1;
    }
  return TRUE;
}

static gboolean
parse_status (Term        *term,
              GError     **error)
{
  const char *v = term->value;
  guint64 a = 0, b = 0;
  const char *dash = strchr (v, '-');

  if (strlen (v) == 3 && g_ascii_isdigit (v[0]) && (v[1] == 'x' || v[1] == 'X') && (v[2] == 'x' || v[2] == 'X'))
    {
      term->lo = (v[0] - '0') * 100;
      term->hi = term->lo + 99;
      return TRUE;
    }
  if (dash != NULL)
    {
      g_autofree char *first = g_strndup (v, dash - v);

      if (g_ascii_string_to_unsigned (first, 10, 100, 699, &a, NULL) &&
          g_ascii_string_to_unsigned (dash + 1, 10, 100, 699, &b, NULL) && a <= b)
        {
          term->lo = (int) a;
          term->hi = (int) b;
          return TRUE;
        }
    }
  else if (g_ascii_string_to_unsigned (v, 10, 100, 699, &a, NULL))
    {
      term->lo = term->hi = (int) a;
      return TRUE;
    }
  g_set_error (error, LD_MESSAGE_FILTER_ERROR, LD_MESSAGE_FILTER_ERROR_VALUE,
               _("status: takes a response code, a class or a range, e.g. status:486, status:4xx or status:400-499"));
  return FALSE;
}

static gboolean
parse_cseq (Term        *term,
            GError     **error)
{
  g_auto(GStrv) parts = g_strsplit_set (term->value, " \t", -1);
  guint64 n = 0;

  term->lo = -1;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (g_ascii_isdigit (parts[i][0]) && term->lo < 0 &&
          g_ascii_string_to_unsigned (parts[i], 10, 0, G_MAXINT32, &n, NULL))
        term->lo = (int) n;
      else if (g_ascii_isalpha (parts[i][0]) && term->header == NULL)
        term->header = g_strdup (parts[i]);
      else
        {
          g_set_error (error, LD_MESSAGE_FILTER_ERROR, LD_MESSAGE_FILTER_ERROR_VALUE,
                       _("cseq: takes a number, a method or both, e.g. cseq:2, cseq:INVITE or cseq:\"2 INVITE\""));
          return FALSE;
        }
    }
  return TRUE;
}

/* Marks a whole line that starts with @name: (any case). */
static GRegex *
header_line_regex (const char *name)
{
  g_autofree char *escaped = g_regex_escape_string (name, -1);
  g_autofree char *pattern = g_strdup_printf ("^%s[ \\t]*:[^\\r\\n]*", escaped);

  return g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_MULTILINE | G_REGEX_OPTIMIZE, 0, NULL);
}

static Term *
parse_field (TermKind     kind,
             const char  *field,
             const char  *value,
             GError     **error)
{
  Term *term = g_new0 (Term, 1);

  term->kind = kind;
  term->value = g_strdup (value);
  if (*value == '\0')
    {
      g_set_error (error, LD_MESSAGE_FILTER_ERROR, LD_MESSAGE_FILTER_ERROR_VALUE,
                   _("%s: needs a value after the colon"), field);
      term_free (term);
      return NULL;
    }

  switch (kind)
    {
    case TERM_FROM:
    case TERM_TO:
    case TERM_CALL_ID:
    case TERM_UA:
    case TERM_REASON:
    case TERM_IP:
      term->regex = literal_regex (value);
      term->highlight = literal_regex (value);
      break;
    case TERM_METHOD:
      {
        g_autofree char *escaped = g_regex_escape_string (value, -1);
        g_autofree char *pattern = g_strdup_printf ("\\b%s\\b", escaped);

        term->highlight = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
        break;
      }
    case TERM_STATUS:
      if (!parse_status (term, error))
        {
          term_free (term);
          return NULL;
        }
      term->highlight = g_regex_new ("\\ASIP/2\\.0[ \\t]+[0-9]{3}[^\\r\\n]*", G_REGEX_OPTIMIZE, 0, NULL);
      break;
    case TERM_CODE:
      {
        g_autofree char *pattern = NULL;

        if (!g_ascii_isdigit (value[0]) || strspn (value, "0123456789") != strlen (value) || strlen (value) > 9)
          {
            g_set_error (error, LD_MESSAGE_FILTER_ERROR, LD_MESSAGE_FILTER_ERROR_VALUE,
                         _("code: takes the number of a diagnostic code, e.g. code:23 or code:52001"));
            term_free (term);
            return NULL;
          }
        pattern = g_strdup_printf ("^(ms-diagnostics|ms-client-diagnostics|ms-diagnostics-public)"
                                   "[ \\t]*:[ \\t]*%s(?![0-9])[^\\r\\n]*", value);
        term->highlight = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_MULTILINE | G_REGEX_OPTIMIZE, 0, NULL);
        break;
      }
    case TERM_CSEQ:
      if (!parse_cseq (term, error))
        {
          term_free (term);
          return NULL;
        }
      term->highlight = header_line_regex ("CSeq");
      break;
    case TERM_HEADER:
      {
        const char *eq = strchr (value, '=');
        g_autofree char *name = g_strstrip (eq ? g_strndup (value, eq - value) : g_strdup (value));

        if (*name == '\0')
          {
            g_set_error (error, LD_MESSAGE_FILTER_ERROR, LD_MESSAGE_FILTER_ERROR_VALUE,
                         _("header: takes a header's name and, after =, what its value contains, "
                           "e.g. header:Supported=ms-benotify or header:P-Asserted-Identity"));
            term_free (term);
            return NULL;
          }
        /* A compact name stands for its long form. */
        for (guint i = 0; strlen (name) == 1 && i < G_N_ELEMENTS (compact_forms); i++)
          if (g_ascii_tolower (name[0]) == compact_forms[i].compact)
            {
              g_free (name);
              name = g_strdup (compact_forms[i].name);
              break;
            }
        term->header = g_steal_pointer (&name);
        if (eq != NULL && eq[1] != '\0')
          {
            term->regex = literal_regex (eq + 1);
            term->highlight = literal_regex (eq + 1);
          }
        else
          term->highlight = header_line_regex (term->header);
        break;
      }
    case TERM_DIR:
      if (g_ascii_strcasecmp (value, "sent") == 0 || g_ascii_strcasecmp (value, "out") == 0)
        term->direction = LD_DIRECTION_SENT;
      else if (g_ascii_strcasecmp (value, "received") == 0 || g_ascii_strcasecmp (value, "in") == 0)
        term->direction = LD_DIRECTION_RECEIVED;
      else
        {
          g_set_error (error, LD_MESSAGE_FILTER_ERROR, LD_MESSAGE_FILTER_ERROR_VALUE,
                       _("dir: takes sent or received"));
          term_free (term);
          return NULL;
        }
      break;
    case TERM_TIME:
      if (!set_time_term (term, field, error))
        {
          term_free (term);
          return NULL;
        }
      break;
    case TERM_TEXT:
    default:
      g_assert_not_reached ();
    }
  return term;
}

static Term *
parse_text (LdMessageFilter *self,
            const char      *value)
{
  Term *term = g_new0 (Term, 1);

  term->kind = TERM_TEXT;
  term->value = g_strdup (value);
  if (looks_like_regex (value))
    {
      g_autoptr(GError) error = NULL;

      term->regex = g_regex_new (value, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
      if (term->regex == NULL && self->note == NULL)
        /* Not a valid pattern: look for the text as typed, and say so in
         * case a pattern was meant. */
        self->note = g_strdup_printf (_("Searching for the plain text: %s"), error->message);
    }
  if (term->regex == NULL)
    term->regex = literal_regex (value);
  term->highlight = g_regex_ref (term->regex);
  return term;
}

typedef struct
{
  char     *text;    /* unquoted */
  gboolean  quoted;  /* some of it was in quotes: never an operator */
} Token;

static void
token_clear (gpointer data)
{
  g_free (((Token *) data)->text);
}

/* Splits at spaces outside double quotes; a quote left open runs to the
 * end of the line (the user is still typing it). */
static GArray *
tokenize (const char *query)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  const char *p = query;

  g_array_set_clear_func (tokens, token_clear);
  while (*p != '\0')
    {
      GString *text;
      gboolean quoted = FALSE, in_quote = FALSE;
      Token token;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      text = g_string_new (NULL);
      while (*p != '\0' && (in_quote || !g_ascii_isspace (*p)))
        {
          if (*p == '"')
            {
              in_quote = !in_quote;
              quoted = TRUE;
            }
          else
            g_string_append_c (text, *p);
          p++;
        }
      token.text = g_string_free (text, FALSE);
      token.quoted = quoted;
      g_array_append_val (tokens, token);
    }
  return tokens;
}

static Term *
parse_term (LdMessageFilter  *self,
            const Token      *token,
            gboolean         *negate,
            GError          **error)
{
  const char *text = token->text;
  const char *colon;

  /* -term, but not a lone "-" or a negative-looking number. */
  if (text[0] == '-' && text[1] != '\0' && !g_ascii_isdigit (text[1]) && !token->quoted)
    {
      *negate = !*negate;
      text++;
    }
  colon = strchr (text, ':');
  if (colon != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      if (strlen (fields[i].prefix) == (gsize) (colon - text) &&
          g_ascii_strncasecmp (text, fields[i].prefix, colon - text) == 0)
        return parse_field (fields[i].kind, fields[i].prefix, colon + 1, error);
  if (*text == '\0')
    return NULL;
  return parse_text (self, text);
}

/**
 * ld_message_filter_new:
 * @query: what the user typed (see the top of ld-message-filter.c)
 * @error: a #LD_MESSAGE_FILTER_ERROR saying what in @query is wrong
 *
 * Returns: (transfer full) (nullable): the filter, or %NULL with @error set
 */
LdMessageFilter *
ld_message_filter_new (const char  *query,
                       GError     **error)
{
  g_autoptr(LdMessageFilter) self = g_new0 (LdMessageFilter, 1);
  g_autoptr(GArray) tokens = tokenize (query != NULL ? query : "");
  GPtrArray *clause = NULL;
  gboolean pending_or = FALSE, negate = FALSE;
  GError *local_error = NULL;

  self->clauses = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < tokens->len; i++)
    {
      const Token *token = &g_array_index (tokens, Token, i);
      Term *term;

      if (!token->quoted && (strcmp (token->text, "OR") == 0 || strcmp (token->text, "|") == 0))
        {
          if (clause == NULL || pending_or || negate)
            {
              g_set_error (error, LD_MESSAGE_FILTER_ERROR, LD_MESSAGE_FILTER_ERROR_SYNTAX,
                           _("OR needs a term on each side, e.g. status:486 OR status:603"));
              return NULL;
            }
          pending_or = TRUE;
          continue;
        }
      if (!token->quoted && strcmp (token->text, "NOT") == 0)
        {
          negate = !negate;
          continue;
        }
      term = parse_term (self, token, &negate, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (term == NULL)
        continue;
      term->negated = negate;
      negate = FALSE;
      if (!pending_or)
        {
          clause = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
          g_ptr_array_add (self->clauses, clause);
        }
      g_ptr_array_add (clause, term);
      pending_or = FALSE;
    }
  if (pending_or || negate)
    {
      g_set_error (error, LD_MESSAGE_FILTER_ERROR, LD_MESSAGE_FILTER_ERROR_SYNTAX,
                   pending_or ? _("OR needs a term on each side, e.g. status:486 OR status:603")
                              : _("NOT needs a term after it, e.g. NOT method:OPTIONS"));
      return NULL;
    }
  return g_steal_pointer (&self);
}
