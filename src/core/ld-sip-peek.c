/* ld-sip-peek.c - what a SIP message is, without parsing it; method names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader asks this of every message of a log: its start line and the
 * few headers that say which exchange it belongs to and whether it needs
 * a full parse (ld-sip-message.c). Also the method names both use.
 */
#define G_LOG_DOMAIN "ld-sip"

#include "config.h"

#include <string.h>

#include "ld-analysis-private.h"
#include "ld-sip-message-private.h"
#include "ld-sip-message.h"

static const struct { const char *name; LdSipMethod method; } method_names[] = {
  { "INVITE", LD_SIP_METHOD_INVITE },       { "ACK", LD_SIP_METHOD_ACK },
  { "BYE", LD_SIP_METHOD_BYE },             { "CANCEL", LD_SIP_METHOD_CANCEL },
  { "REGISTER", LD_SIP_METHOD_REGISTER },   { "SUBSCRIBE", LD_SIP_METHOD_SUBSCRIBE },
  { "NOTIFY", LD_SIP_METHOD_NOTIFY },       { "BENOTIFY", LD_SIP_METHOD_BENOTIFY },
  { "SERVICE", LD_SIP_METHOD_SERVICE },     { "MESSAGE", LD_SIP_METHOD_MESSAGE },
  { "INFO", LD_SIP_METHOD_INFO },           { "REFER", LD_SIP_METHOD_REFER },
  { "OPTIONS", LD_SIP_METHOD_OPTIONS },     { "PUBLISH", LD_SIP_METHOD_PUBLISH },
  { "UPDATE", LD_SIP_METHOD_UPDATE },       { "PRACK", LD_SIP_METHOD_PRACK },
  { "NEGOTIATE", LD_SIP_METHOD_NEGOTIATE },
};

/* ASCII lower case, inline: the peek compares a handful of header names
 * per message of a log of a million messages. */
static inline char
lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
}

/* @s, in any case, equals @word (lower case). */
static inline gboolean
equal_lower (const char *s,
             const char *word,
             gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (lower (s[i]) != word[i])
      return FALSE;
  return TRUE;
}

/**
 * ld_sip_method_from_string:
 * @method: a method name, any case
 * @len: its length, or -1 when NUL-terminated
 *
 * Returns: the method, %LD_SIP_METHOD_OTHER for one LyncDiag does not tell apart
 */
LdSipMethod
ld_sip_method_from_string (const char *method,
                           gssize      len)
{
  static const struct { const char *lower; LdSipMethod method; } by_length[][4] = {
    [3] = { { "ack", LD_SIP_METHOD_ACK }, { "bye", LD_SIP_METHOD_BYE } },
    [4] = { { "info", LD_SIP_METHOD_INFO } },
    [5] = { { "refer", LD_SIP_METHOD_REFER }, { "prack", LD_SIP_METHOD_PRACK } },
    [6] = { { "invite", LD_SIP_METHOD_INVITE }, { "cancel", LD_SIP_METHOD_CANCEL },
            { "notify", LD_SIP_METHOD_NOTIFY }, { "update", LD_SIP_METHOD_UPDATE } },
    [7] = { { "service", LD_SIP_METHOD_SERVICE }, { "message", LD_SIP_METHOD_MESSAGE },
            { "options", LD_SIP_METHOD_OPTIONS }, { "publish", LD_SIP_METHOD_PUBLISH } },
    [8] = { { "register", LD_SIP_METHOD_REGISTER }, { "benotify", LD_SIP_METHOD_BENOTIFY } },
    [9] = { { "subscribe", LD_SIP_METHOD_SUBSCRIBE }, { "negotiate", LD_SIP_METHOD_NEGOTIATE } },
  };

  if (method == NULL)
    return LD_SIP_METHOD_OTHER;
  if (len < 0)
    len = strlen (method);
  if ((gsize) len >= G_N_ELEMENTS (by_length))
    return LD_SIP_METHOD_OTHER;
  /* As written on the wire, the usual case: a constant memcmp is a load
   * or two. */
#define IS(name) (len == sizeof (name) - 1 && memcmp (method, name, sizeof (name) - 1) == 0)
  switch (method[0])
    {
    case 'S':
      if (IS ("SUBSCRIBE")) return LD_SIP_METHOD_SUBSCRIBE;
      if (IS ("SERVICE")) return LD_SIP_METHOD_SERVICE;
      break;
    case 'B':
      if (IS ("BENOTIFY")) return LD_SIP_METHOD_BENOTIFY;
      if (IS ("BYE")) return LD_SIP_METHOD_BYE;
      break;
    case 'N':
      if (IS ("NOTIFY")) return LD_SIP_METHOD_NOTIFY;
      break;
    case 'I':
      if (IS ("INVITE")) return LD_SIP_METHOD_INVITE;
      break;
    case 'R':
      if (IS ("REGISTER")) return LD_SIP_METHOD_REGISTER;
      break;
    case 'A':
      if (IS ("ACK")) return LD_SIP_METHOD_ACK;
      break;
    default:
      break;
    }
#undef IS
  for (guint i = 0; i < G_N_ELEMENTS (by_length[0]) && by_length[len][i].lower != NULL; i++)
    if (lower (method[0]) == by_length[len][i].lower[0] && equal_lower (method, by_length[len][i].lower, len))
      return by_length[len][i].method;
  return LD_SIP_METHOD_OTHER;
}

/**
 * ld_sip_method_to_string:
 * @method: a method
 *
 * Returns: its name as on the wire ("SUBSCRIBE"), "" for %LD_SIP_METHOD_OTHER
 */
const char *
ld_sip_method_to_string (LdSipMethod method)
{
  for (guint i = 0; i < G_N_ELEMENTS (method_names); i++)
    if (method_names[i].method == method)
      return method_names[i].name;
  return "";
}

/* A span's white space trimmed, as trim_span() with its ends. */
static inline void
peek_trim (const char **s,
           const char **e)
{
  while (*s < *e && g_ascii_isspace (**s))
    (*s)++;
  while (*e > *s && g_ascii_isspace ((*e)[-1]))
    (*e)--;
}

static inline gboolean
span_has_prefix (const char *s,
                 const char *e,
                 const char *prefix,
                 gsize       len)
{
  return (gsize) (e - s) >= len && _ld_ascii_equal_n (s, prefix, len);
}

/**
 * _ld_sip_message_peek:
 * @text: a record's text, starting with a SIP start line
 * @len: its length
 * @out: (out caller-allocates): what the first message is
 *
 * Reads a message's start line and the few headers that say which
 * exchange it belongs to and whether it needs a full parse (Call-ID, CSeq,
 * the diagnostic headers, Event, Content-Type, Content-Length), without
 * copying anything: most of a log is presence traffic whose fields are
 * never shown, and this is all an analysis asks of it. Header names are
 * read as the parsers read them (any case, compact forms, white space
 * before the colon); a folded line is only flagged, for a parser to read.
 *
 * Returns: %FALSE when @text starts with no start line
 */
gboolean
_ld_sip_message_peek (const char *text,
                      gsize       len,
                      LdSipPeek  *out)
{
  const char *end = text + len;
  const char *nl = memchr (text, '\n', MIN (len, 4096));
  const char *line_end = nl != NULL ? nl : text + MIN (len, 4096);
  const char *sp_method_end = text;
  const char *p;

  memset (out, 0, sizeof *out);
  while (line_end > text && (line_end[-1] == '\r' || line_end[-1] == ' '))
    line_end--;
  /* As looks_like_sip_start() in the analysis, which counts messages. */
  if (line_end - text <= 8)
    return FALSE;
  if (equal_lower (text, "sip/2.0 ", 8))
    {
      const char *d = text + 8;
      int status = 0;

      while (d < line_end && *d == ' ')
        d++;
      for (guint n = 0; d < line_end && g_ascii_isdigit (*d) && n < 4; d++, n++)
        status = status * 10 + (*d - '0');
      out->is_request = FALSE;
      out->status = status;
    }
  else if (equal_lower (line_end - 8, " sip/2.0", 8))
    {
      const char *sp = memchr (text, ' ', line_end - text);

      out->is_request = TRUE;
      out->method = ld_sip_method_from_string (text, sp - text);
      sp_method_end = sp;
    }
  else
    return FALSE;

  p = nl != NULL ? nl + 1 : end;
  while (p < end)
    {
      const char *le = memchr (p, '\n', end - p);
      const char *next = le != NULL ? le + 1 : end;
      const char *q, *ne, *v, *ve;
      char c;
      gsize n;

      if (le == NULL)
        le = end;
      c = p < le ? *p : '\n';
      if ((guchar) c <= ' ')
        {
          /* A line of white space only is the empty line (as is_blank()):
           * the body follows. */
          q = p;
          while (q < le && (*q == '\r' || *q == ' ' || *q == '\t'))
            q++;
          if (q == le)
            {
              out->body = next;
              break;
            }
          if (c == ' ' || c == '\t')
            {
              out->flags |= LD_SIP_PEEK_FOLDED;
              p = next;
              continue;
            }
        }
      /* Header names as Lync writes them are compared at once (a constant
       * memcmp is a load or two); any other spelling of a wanted name
       * (another case, white space before the colon, a compact form) is
       * read below as the parsers read it. Most lines are neither. */
#define HAS(name) (le - p >= (gssize) sizeof (name) - 1 && memcmp (p, name, sizeof (name) - 1) == 0)
      switch (c)
        {
        case 'C':
          if (HAS ("Call-ID:"))
            {
              v = p + 8;
              ve = le;
              goto call_id;
            }
          if (HAS ("CSeq:"))
            {
              v = p + 5;
              ve = le;
              goto cseq;
            }
          if (HAS ("Content-Length:"))
            {
              v = p + 15;
              ve = le;
              goto content_length;
            }
          if (HAS ("Content-Type:"))
            {
              v = p + 13;
              ve = le;
              goto content_type;
            }
          if (HAS ("Contact:") || HAS ("Content-Disposition:") || HAS ("Content-Transfer-Encoding:"))
            {
              p = next;
              continue;
            }
          break;
        case 'm':
          if (HAS ("ms-diagnostics:") || HAS ("ms-diagnostics-public:") || HAS ("ms-client-diagnostics:"))
            {
              out->flags |= LD_SIP_PEEK_DIAGNOSTIC;
              p = next;
              continue;
            }
          if (HAS ("ms-"))
            {
              p = next;
              continue;
            }
          break;
        case 'E':
          if (HAS ("Event:"))
            {
              v = p + 6;
              ve = le;
              goto event;
            }
          if (HAS ("Expires:"))
            {
              p = next;
              continue;
            }
          break;
        case 'M':
          if (HAS ("Max-Forwards:"))
            {
              p = next;
              continue;
            }
          break;
        case 'c':
        case 'e':
        case 'i':
        case 'l':
        case 'o':
        case 'I':
        case 'L':
        case 'O':
          break;
        default:
          p = next;
          continue;
        }
#undef HAS
      c = lower (c);
      /* The name: the names wanted are short, so the colon is looked for
       * only as far. */
      for (q = p; q < le && *q != ':' && q - p < 24; q++)
        ;
      if (q == le || *q != ':')
        {
          /* No colon: the headers ended without their empty line (as the
           * parsers read it), unless it is only further on. */
          if (q == le || memchr (q, ':', le - q) == NULL)
            break;
          p = next;
          continue;
        }
      ne = q;
      while (ne > p && g_ascii_isspace (ne[-1]))
        ne--;
      n = ne - p;
      v = q + 1;
      ve = le;
      switch (n)
        {
        case 1:
          /* The compact forms of RFC 3261 7.3.3 that matter here. */
          if (c == 'i')
            goto call_id;
          if (c == 'o')
            goto event;
          if (c == 'c')
            goto content_type;
          if (c == 'l')
            goto content_length;
          break;
        case 4:
          if (equal_lower (p, "cseq", 4))
            {
            cseq:
              if (out->cseq != 0)
                break;
              {
              const char *d, *m;
              guint64 number = 0;

              peek_trim (&v, &ve);
              for (d = v; d < ve && g_ascii_isdigit (*d); d++)
                number = MIN (number * 10 + (guint64) (*d - '0'), G_MAXUINT32);
              out->cseq = (guint32) number;
              while (d < ve && g_ascii_isspace (*d))
                d++;
              m = d;
              while (d < ve && !g_ascii_isspace (*d))
                d++;
              /* A request's CSeq names its own method. */
              if (out->is_request && (gsize) (d - m) == (gsize) (sp_method_end - text) &&
                  memcmp (m, text, d - m) == 0)
                out->cseq_method = out->method;
              else
                out->cseq_method = ld_sip_method_from_string (m, d - m);
              }
            }
          break;
        case 5:
          if (equal_lower (p, "event", 5))
            {
            event:
              /* [MS-SIPREGE] 3.5.1.4: the registrar's NOTIFY on a sign-out. */
              peek_trim (&v, &ve);
              if (span_has_prefix (v, ve, "registration-notify", 19))
                out->flags |= LD_SIP_PEEK_REGISTRATION_EVENT;
            }
          break;
        case 7:
          if (lower (p[1]) == 'a' && equal_lower (p, "call-id", 7))
            {
            call_id:
              if (out->call_id == NULL)
                {
                  /* A CR ends the value, as next_line() ends a line. */
                  const char *cr = memchr (v, '\r', ve - v);

                  if (cr != NULL)
                    ve = cr;
                  peek_trim (&v, &ve);
                  out->call_id = v;
                  out->call_id_len = ve - v;
                }
            }
          break;
        case 12:
          if (equal_lower (p, "content-type", 12))
            {
            content_type:
              peek_trim (&v, &ve);
              if (span_has_prefix (v, ve, "text/registration-event", 23))
                out->flags |= LD_SIP_PEEK_REGISTRATION_EVENT;
            }
          break;
        case 14:
          if (c == 'm' && equal_lower (p, "ms-diagnostics", 14))
            out->flags |= LD_SIP_PEEK_DIAGNOSTIC;
          else if (c == 'c' && equal_lower (p, "content-length", 14))
            {
            content_length:
              if (!out->has_content_length)
                {
                  guint64 number = 0;

                  peek_trim (&v, &ve);
                  for (const char *d = v; d < ve && g_ascii_isdigit (*d); d++)
                    number = MIN (number * 10 + (guint64) (*d - '0'), G_MAXUINT32);
                  out->content_length = (guint32) number;
                  out->has_content_length = TRUE;
                }
            }
          break;
        case 21:
          if (equal_lower (p, "ms-diagnostics-public", 21) || equal_lower (p, "ms-client-diagnostics", 21))
            out->flags |= LD_SIP_PEEK_DIAGNOSTIC;
          break;
        default:
          break;
        }
      p = next;
    }
  if (!out->is_request)
    out->method = out->cseq_method;
  if (out->call_id != NULL)
    out->call_hash = _ld_call_id_hash (out->call_id, out->call_id_len);
  return TRUE;
}
