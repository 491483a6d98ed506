/* ld-sip-message.c - parse one SIP message (RFC 3261 section 7) from log text; its fields and headers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-sip"

#include "config.h"

#include <string.h>

#include "ld-analysis-private.h"
#include "ld-error.h"
#include "ld-sip-message.h"
#include "ld-sip-message-private.h"
#include "ld-sip-message-head.h"
#include "ld-string-set.h"
#include "ld-text-store.h"
#include "ld-value-cap.h"

static LdSipMessage *parse_message (const char *text, gsize len, gboolean known_valid, GError **error);

/* RFC 3261 section 7.3.3 compact forms, plus the ones RFC 3265/3515/3903
 * added that Lync sends (o, u, r). */
static const struct { char compact; const char *name; } compact_forms[] = {
  { 'i', "Call-ID" },
  { 'f', "From" },
  { 't', "To" },
  { 'm', "Contact" },
  { 'l', "Content-Length" },
  { 'c', "Content-Type" },
  { 'v', "Via" },
  { 'k', "Supported" },
  { 's', "Subject" },
  { 'e', "Content-Encoding" },
  { 'o', "Event" },
  { 'u', "Allow-Events" },
  { 'r', "Refer-To" },
};

/**
 * _ld_sip_expand_compact:
 * @name: a header name as written
 * @len: its length
 *
 * Returns: (nullable): the long form of a compact header name (RFC 3261
 *   7.3.3: "i" is Call-ID), or %NULL when @name is none
 */
const char *
_ld_sip_expand_compact (const char *name,
                        gsize       len)
{
  if (len != 1)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (compact_forms); i++)
    if (g_ascii_tolower (name[0]) == compact_forms[i].compact)
      return compact_forms[i].name;
  return NULL;
}

/* summary_field() of a name already trimmed. */
static inline SummaryField
summary_field_trimmed (const char *name,
                       gsize       len)
{
  if (len == 0)
    return FIELD_NONE;
  /* Every name of a message comes here, so it is told by its first letter
   * and length before a comparison (the compact forms: RFC 3261 7.3.3,
   * as _ld_sip_expand_compact() has them). */
  switch (name[0] | 0x20)
    {
    case 'i':
      return len == 1 ? FIELD_CALL_ID : FIELD_NONE;
    case 'l':
      return len == 1 ? FIELD_CONTENT_LENGTH : FIELD_NONE;
    case 'c':
      if (len == 7 && _ld_ascii_equal_n (name, "Call-ID", 7))
        return FIELD_CALL_ID;
      if (len == 4 && _ld_ascii_equal_n (name, "CSeq", 4))
        return FIELD_CSEQ;
      if (len == 14 && _ld_ascii_equal_n (name, "Content-Length", 14))
        return FIELD_CONTENT_LENGTH;
      return FIELD_NONE;
    case 'f':
      return len == 1 || (len == 4 && _ld_ascii_equal_n (name, "From", 4)) ? FIELD_FROM : FIELD_NONE;
    case 't':
      return len == 1 || (len == 2 && _ld_ascii_equal_n (name, "To", 2)) ? FIELD_TO : FIELD_NONE;
    case 'm':
      if (len == 14 && _ld_ascii_equal_n (name, "ms-diagnostics", 14))
        return FIELD_DIAGNOSTIC;
      if (len == 21 && (_ld_ascii_equal_n (name, "ms-diagnostics-public", 21) ||
                        _ld_ascii_equal_n (name, "ms-client-diagnostics", 21)))
        return FIELD_DIAGNOSTIC;
      return FIELD_NONE;
    default:
      return FIELD_NONE;
    }
}

static SummaryField
summary_field (const char *name,
               gsize       len)
{
  /* Trimmed as strip_dup() trims a header name. */
  while (len > 0 && g_ascii_isspace (*name))
    name++, len--;
  while (len > 0 && g_ascii_isspace (name[len - 1]))
    len--;
  return summary_field_trimmed (name, len);
}

static void
clear_header (gpointer data)
{
  LdHeader *h = data;

  g_free (h->name);
  g_free (h->value);
}

/* The headers of a message that owns them. */
static void
free_headers (LdSipMessage *msg)
{
  for (guint i = 0; i < msg->n_headers; i++)
    clear_header (&msg->headers[i]);
  g_clear_pointer (&msg->headers, g_free);
  msg->n_headers = 0;
}

void
ld_sip_message_free (LdSipMessage *msg)
{
  if (msg == NULL)
    return;
  /* A stripped or compacted message's text lives in its analysis's
   * string chunk. */
  if (msg->stripped || msg->compacted)
    {
      /* A stored one's headers are in the store with it. */
      if (!msg->stored)
        {
          g_free (msg->headers);
          g_free (msg);
        }
      return;
    }
  free_headers (msg);
  g_free (msg->raw);
  g_free (msg->remote);
  g_free (msg->local);
  g_free (msg->method);
  g_free (msg->request_uri);
  g_free (msg->reason);
  g_free (msg->call_id);
  g_free (msg->from);
  g_free (msg->to);
  g_free (msg->from_tag);
  g_free (msg->to_tag);
  g_free (msg->body);
  g_free (msg);
}

/* Headers whose value differs from message to message (Via, CSeq and the
 * diagnostics, as @name spells them): stored as they are, without looking
 * for an equal one first. */
static gboolean
is_unique_header (const char   *name,
                  gsize         len,
                  SummaryField  field)
{
  switch (field)
    {
    case FIELD_CSEQ:
      return strcmp (name, "CSeq") == 0;
    case FIELD_DIAGNOSTIC:
      return strcmp (name, "ms-client-diagnostics") == 0 || strcmp (name, "ms-diagnostics") == 0 ||
             strcmp (name, "ms-diagnostics-public") == 0;
    case FIELD_NONE:
      return len == 3 && strcmp (name, "Via") == 0;
    case FIELD_CALL_ID:
    case FIELD_FROM:
    case FIELD_TO:
    case FIELD_CONTENT_LENGTH:
    default:
      return FALSE;
    }
}

/**
 * _ld_string_chunk_take:
 * @strings: a string chunk
 * @owned: (transfer full) (nullable): a string
 * @shared: whether equal strings are likely: then it is stored once
 *
 * Moves @owned into @strings and frees it.
 *
 * Returns: (nullable): the copy in @strings
 */
char *
_ld_string_chunk_take (GStringChunk *strings,
                       char         *owned,
                       gboolean      shared)
{
  char *kept;

  if (owned == NULL)
    return NULL;
  kept = shared ? g_string_chunk_insert_const (strings, owned) : g_string_chunk_insert (strings, owned);
  g_free (owned);
  return kept;
}

/* Moves @field (a copy of a header's value) into @strings: as @kept, that
 * header's value already there, when the two are equal. Looking it up
 * again would hash it a second time. */
static void
take_field_like (char        **field,
                 const char   *kept,
                 GStringChunk *strings)
{
  if (*field != NULL && kept != NULL && strcmp (*field, kept) == 0)
    {
      g_free (*field);
      *field = (char *) kept;
      return;
    }
  *field = _ld_string_chunk_take (strings, *field, TRUE);
}

/* Moves the string fields, which repeat across a dialog or the whole log,
 * into @strings, each value once. @call_id, @from and @to are the values
 * of those headers already in @strings, if known. */
static void
take_fields (LdSipMessage *msg,
             GStringChunk *strings,
             const char   *call_id,
             const char   *from,
             const char   *to)
{
  char **fields[] = {
    &msg->remote, &msg->local, &msg->method, &msg->request_uri, &msg->reason,
    &msg->from_tag, &msg->to_tag,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    *fields[i] = _ld_string_chunk_take (strings, *fields[i], TRUE);
  take_field_like (&msg->call_id, call_id, strings);
  take_field_like (&msg->from, from, strings);
  take_field_like (&msg->to, to, strings);
}

/**
 * _ld_sip_message_compact:
 * @msg: a parsed message that is kept with its headers
 * @strings: where its text moves to; must outlive @msg
 *
 * Moves the header names and values, every string field, the body and the
 * raw text (when kept) into @strings, and the headers into an array of
 * their exact size. Parsed, a message holds some forty small allocations;
 * a 500 MB log keeps some 65,000 call messages, and the allocator's
 * bookkeeping of so many pieces took more memory than their text. Names,
 * addresses, From, To, Call-ID, User-Agent and the like repeat across a
 * dialog or the whole log, and are stored once. The fields keep their
 * values; only where they point changes.
 */
void
_ld_sip_message_compact (LdSipMessage *msg,
                         GStringChunk *strings)
{
  const char *call_id = NULL, *from = NULL, *to = NULL;

  g_return_if_fail (msg != NULL && !msg->stripped && !msg->compacted);

  for (guint i = 0; i < msg->n_headers; i++)
    {
      LdHeader *h = &msg->headers[i];
      gsize name_len = strlen (h->name);
      SummaryField field = summary_field (h->name, name_len);

      h->name = _ld_string_chunk_take (strings, h->name, TRUE);
      h->value = _ld_string_chunk_take (strings, h->value,
                                        !is_unique_header (h->name, name_len, field));
      /* The first of each, as the parser took the fields from. */
      if (field == FIELD_CALL_ID && call_id == NULL)
        call_id = h->value;
      else if (field == FIELD_FROM && from == NULL)
        from = h->value;
      else if (field == FIELD_TO && to == NULL)
        to = h->value;
    }
  take_fields (msg, strings, call_id, from, to);
  msg->body = _ld_string_chunk_take (strings, msg->body, msg->body != NULL && *msg->body == '\0');
  msg->raw = _ld_string_chunk_take (strings, msg->raw, FALSE);
  msg->compacted = TRUE;
}

/**
 * ld_sip_message_strip:
 * @msg: a message whose raw text is kept
 * @strings: where the summary fields move to, deduplicated; must outlive
 *   @msg
 *
 * Drops the parsed headers and the body copy of a message that is kept
 * only to be shown, e.g. presence traffic in the message browser: its raw
 * text already holds both, and the analysis never reads them. The summary
 * fields (method, status, From, To, Call-ID, tags) stay, moved into
 * @strings, where the addresses and URIs that presence traffic repeats
 * thousands of times are stored once; the raw text moves there too, one
 * allocation per large block instead of one per message. Together this
 * more than halves the memory such a message takes.
 */
void
ld_sip_message_strip (LdSipMessage *msg,
                      GStringChunk *strings)
{
  g_return_if_fail (msg != NULL && msg->raw != NULL && !msg->stripped && !msg->compacted);

  free_headers (msg);
  g_free (msg->body);
  msg->body = (char *) "";
  take_fields (msg, strings, NULL, NULL, NULL);
  msg->raw = _ld_string_chunk_take (strings, msg->raw, FALSE);
  msg->stripped = TRUE;
}

/* One more diagnostic header counted in @msg, up to what the count holds. */
static inline void
count_diagnostic (LdSipMessage *msg)
{
  if (msg->diag_count < LD_SIP_MAX_DIAG_COUNT)
    msg->diag_count++;
}

/* Returns the length of the line starting at @p (without its terminator)
 * and stores where the next line starts. Accepts LF, CRLF and a stray CR. */
static gsize
next_line (const char  *p,
           const char  *end,
           const char **next)
{
  const char *q = memchr (p, '\n', end - p);
  const char *r;

  /* memchr() rather than a loop over every byte: this runs over every
   * line of every message. */
  if (q == NULL)
    q = end;
  r = memchr (p, '\r', q - p);
  if (r != NULL)
    q = r;
  /* A run of CRs before an LF (editors doubling CRs) ends one line; a CR
   * alone ends a line too. */
  r = q;
  while (r < end && *r == '\r')
    r++;
  if (r < end && *r == '\n')
    *next = r + 1;
  else if (q < end)
    *next = q + 1;
  else
    *next = end;
  return q - p;
}

/* As g_ascii_strtoull (@s, @endp, 10), which a number of a few digits,
 * as CSeq and Content-Length mostly are, does not need. */
static guint64
read_decimal (const char *s,
              char      **endp)
{
  guint64 n = 0;
  const char *p = s;

  /* Nineteen digits cannot overflow. */
  while (g_ascii_isdigit (*p) && p - s < 19)
    n = n * 10 + (guint64) (*p++ - '0');
  if (p == s || g_ascii_isdigit (*p))
    return g_ascii_strtoull (s, endp, 10);
  *endp = (char *) p;
  return n;
}

static char *
strip_dup (const char *s,
           gsize       len)
{
  while (len > 0 && g_ascii_isspace (*s))
    s++, len--;
  while (len > 0 && g_ascii_isspace (s[len - 1]))
    len--;
  return g_strndup (s, len);
}

static gboolean
is_blank (const char *s,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t')
      return FALSE;
  return TRUE;
}

static char *
strip_trailing_newlines (const char *s,
                         gsize       len)
{
  while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
    len--;
  return g_strndup (s, len);
}

/* RFC 3261 7.4.1 / 20.14: Content-Length counts the body's bytes on the
 * wire. Logs write lines with LF or CRLF, so an LF not preceded by CR is
 * counted as the CRLF it was sent as. When the count ends before the record
 * does and what follows is more than white space, the body stops there (a
 * second message may follow in the same record); when the count is wrong
 * (larger than what was logged), the record boundary wins. */
static const char *
body_end_for_length (const char *cl,
                     const char *body,
                     const char *end)
{
  guint64 want, have = 0;
  char *endp = NULL;
  const char *p;

  if (cl == NULL)
    return end;
  want = read_decimal (cl, &endp);
  if (endp == cl)
    return end;
  /* Logs may have turned CRLF into LF: a lone LF counts as the two bytes
   * it was on the wire. A run between line feeds counts byte for byte. */
  p = body;
  while (p < end && have < want)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize run = (nl != NULL ? nl : end) - p;

      if (have + run >= want)
        {
          p += want - have;
          have = want;
          break;
        }
      have += run;
      p += run;
      if (nl == NULL)
        break;
      have += (p == body || p[-1] != '\r') ? 2 : 1;
      p++;
    }
  if (have < want)
    return end;
  /* A wrong count must not cut a UTF-8 character in half. */
  while (p > body && p < end && ((guchar) *p & 0xC0) == 0x80)
    p--;
  for (const char *q = p; q < end; q++)
    if (!g_ascii_isspace (*q))
      return p;
  return end;
}

/* What a start line holds, as read_start_line() finds it in place. */
typedef struct
{
  gboolean    is_request;
  int         status;      /* a status line's */
  const char *reason;      /* where its reason starts */
  const char *method_end;  /* a request's: the space after the method */
  const char *version;     /* the space before "SIP/2.0" */
} StartLine;

typedef enum
{
  START_LINE_OK,
  START_LINE_BAD_STATUS,
  START_LINE_NONE,
  START_LINE_BAD_METHOD,
} StartLineCheck;

/* Reads a start line (NUL-terminated, white space trimmed) without
 * copying any of it. The parsers and the peek all decide here, so a
 * record the peek keeps is one they accept. */
static StartLineCheck
read_start_line (const char *line,
                 StartLine  *out)
{
  if (_ld_ascii_equal_n (line, "SIP/2.0 ", 8))
    {
      const char *p = line + 8;
      char *endp = NULL;
      guint64 status;

      while (*p == ' ')
        p++;
      status = read_decimal (p, &endp);
      if (endp == p || status < 100 || status > 699)
        return START_LINE_BAD_STATUS;
      out->is_request = FALSE;
      out->status = (int) status;
      out->reason = endp;
      return START_LINE_OK;
    }
  else
    {
      const char *sp1 = strchr (line, ' ');
      const char *sp2 = sp1 ? strrchr (sp1 + 1, ' ') : NULL;

      if (sp1 == NULL || sp1 == line || sp2 == NULL || sp2 <= sp1 + 1 ||
          !_ld_ascii_equal_n (sp2 + 1, "SIP/2.0", 7))
        return START_LINE_NONE;
      for (const char *c = line; c < sp1; c++)
        if (!g_ascii_isalpha (*c) && *c != '-' && *c != '_')
          return START_LINE_BAD_METHOD;
      out->is_request = TRUE;
      out->method_end = sp1;
      out->version = sp2;
      return START_LINE_OK;
    }
}

static gboolean
parse_start_line (LdSipMessage *msg,
                  const char   *line,
                  GError      **error)
{
  StartLine start;

  switch (read_start_line (line, &start))
    {
    case START_LINE_OK:
      break;
    case START_LINE_BAD_STATUS:
      g_set_error (error, LD_ERROR, LD_ERROR_PARSE, "Status line has no valid status code: %.80s", line);
      return FALSE;
    case START_LINE_BAD_METHOD:
      g_set_error (error, LD_ERROR, LD_ERROR_PARSE, "Not a SIP method: %.80s", line);
      return FALSE;
    case START_LINE_NONE:
    default:
      g_set_error (error, LD_ERROR, LD_ERROR_PARSE, "Not a SIP request or status line: %.80s", line);
      return FALSE;
    }
  msg->is_request = start.is_request;
  if (start.is_request)
    {
      msg->method = g_ascii_strup (line, start.method_end - line);
      msg->request_uri = ld_value_cap_take (strip_dup (start.method_end + 1, start.version - start.method_end - 1));
    }
  else
    {
      msg->status = start.status;
      msg->reason = ld_value_cap_take (g_strstrip (g_strdup (start.reason)));
    }
  return TRUE;
}

/**
 * ld_sip_message_parse:
 * @text: the message as logged: start line, headers, empty line, body
 * @len: length of @text in bytes
 * @error: return location for a #GError
 *
 * Parses a SIP message. Bytes that are not valid UTF-8 are replaced in the
 * parsed fields; the body is taken up to the end of @text (the log record
 * boundary), because Content-Length counts wire bytes and logs rewrite line
 * endings.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL if @text does not
 *   start with a SIP start line.
 */
LdSipMessage *
ld_sip_message_parse (const char  *text,
                      gsize        len,
                      GError     **error)
{
  return parse_message (text, len, FALSE, error);
}

/* For the analysis, which has already made @text valid UTF-8 without NUL:
 * validating every message twice cost a quarter of the run time. */
LdSipMessage *
_ld_sip_message_parse_valid (const char  *text,
                             gsize        len,
                             GError     **error)
{
  return parse_message (text, len, TRUE, error);
}

/* A header value as strip_dup() would make it, without the copy. */
static void
trim_span (const char **s,
           gsize       *len)
{
  while (*len > 0 && g_ascii_isspace (**s))
    (*s)++, (*len)--;
  while (*len > 0 && g_ascii_isspace ((*s)[*len - 1]))
    (*len)--;
}

/* Copies @len bytes at @s into @buf (of @size bytes) as a string; FALSE
 * when they do not fit. */
static gboolean
span_to_buffer (const char *s,
                gsize       len,
                char       *buf,
                gsize       size)
{
  if (len >= size)
    return FALSE;
  memcpy (buf, s, len);
  buf[len] = '\0';
  return TRUE;
}

/* Stores a span in @strings once however often it comes. */
char *
_ld_sip_chunk_span (GStringChunk *strings,
                    const char   *s,
                    gsize         len)
{
  char buf[512];
  g_autofree char *big = NULL;

  if (!span_to_buffer (s, len, buf, sizeof buf))
    {
      big = ld_value_cap_dup (s, len);
      return g_string_chunk_insert_const (strings, big);
    }
  return g_string_chunk_insert_const (strings, buf);
}

/* As parse_start_line() and _ld_sip_take_start_line() make a start line's parts,
 * from @line (a copy of it, trimmed, of @line_len bytes, which this
 * changes) straight into @set. */
static gboolean
store_start_line (LdSipMessage *msg,
                  char         *line,
                  gsize         line_len,
                  LdStringSet  *set)
{
  StartLine start;
  const char *s;
  gsize n;

  if (read_start_line (line, &start) != START_LINE_OK)
    return FALSE;
  msg->is_request = start.is_request;
  if (!start.is_request)
    {
      msg->status = start.status;
      s = start.reason;
      n = line + line_len - s;
      trim_span (&s, &n);
      msg->reason = (char *) _ld_string_set_add (set, s, n, NULL);
      return TRUE;
    }
  /* A method is letters, '-' and '_' (read_start_line()). */
  for (char *c = line; c < start.method_end; c++)
    if (*c >= 'a' && *c <= 'z')
      *c -= 'a' - 'A';
  msg->method = (char *) _ld_string_set_add (set, line, start.method_end - line, NULL);
  s = start.method_end + 1;
  n = start.version - s;
  trim_span (&s, &n);
  msg->request_uri = (char *) _ld_string_set_add (set, s, n, NULL);
  return TRUE;
}

/* As next_line(), for text without a CR. */
static inline gsize
next_line_lf (const char  *p,
              const char  *end,
              const char **next)
{
  const char *q = memchr (p, '\n', end - p);

  if (q == NULL)
    {
      *next = end;
      return end - p;
    }
  *next = q + 1;
  return q - p;
}

/* Reads the start line of @text into @msg (parse_start_line(), or with
 * @set store_start_line()), its headers into @head (@every_header: all of
 * them, else only those the fields come from), and the fields as
 * parse_message() takes them from the headers: Call-ID, From and To as
 * spans, the CSeq, the number of diagnostics, where the body ends.
 * Returns FALSE when only parse_message() reads it right: a start line or
 * a field over 2 KB, a header folded over lines (a skipped one aside),
 * more than 32 headers to keep, or (@every_header) a value over
 * LD_MAX_VALUE. */
gboolean
_ld_sip_read_head (const char   *text,
                   gsize         len,
                   gboolean      every_header,
                   GStringChunk *strings,
                   LdStringSet  *set,
                   gboolean      no_cr,
                   LdSipMessage *msg,
                   Head         *head)
{
  const char *p = text;
  const char *end = text + len;
  const char *next;
  const char *start, *cl = NULL;
  gsize line_len, start_len, cl_len = 0;
  gboolean any = FALSE, last_skipped = FALSE;
  /* Most logged messages have no CR left (a log writes LF, or the reader
   * took out those of CRLF): one look for any spares one a line. */
  gboolean has_cr = !no_cr && memchr (text, '\r', len) != NULL;
  char buf[2048];

#define NEXT_LINE(p) (has_cr ? next_line ((p), end, &next) : next_line_lf ((p), end, &next))
  memset (head, 0, G_STRUCT_OFFSET (Head, headers));
  /* parse_message() declines it, with an error. */
  if (len > G_MAXUINT32)
    return FALSE;
  /* As parse_message(), step by step. */
  while (p < end)
    {
      line_len = NEXT_LINE (p);
      if (line_len > 0)
        break;
      p = next;
    }
  start_len = NEXT_LINE (p);
  start = p;
  trim_span (&start, &start_len);
  if (!span_to_buffer (start, start_len, buf, sizeof buf))
    return FALSE;
  if (set != NULL ? !store_start_line (msg, buf, start_len, set) : !parse_start_line (msg, buf, NULL))
    return FALSE;
  p = next;

  while (p < end)
    {
      const char *colon;
      HeaderSpan h;

      line_len = NEXT_LINE (p);
      if (is_blank (p, line_len))
        {
          p = next;
          break;
        }
      if ((*p == ' ' || *p == '\t') && any)
        {
          /* Folded: fine for a header skipped anyway, not for one kept. */
          if (!last_skipped)
            return FALSE;
          p = next;
          continue;
        }
      colon = memchr (p, ':', line_len);
      if (colon == NULL || colon == p)
        break;
      any = TRUE;
      h.name = p;
      h.name_len = colon - p;
      trim_span (&h.name, &h.name_len);
      h.field = summary_field_trimmed (h.name, h.name_len);
      last_skipped = !every_header && h.field == FIELD_NONE;
      if (last_skipped)
        {
          p = next;
          continue;
        }
      h.value = colon + 1;
      h.len = line_len - (colon + 1 - p);
      trim_span (&h.value, &h.len);
      p = next;
      if ((every_header && h.len > LD_MAX_VALUE) || head->n_headers == G_N_ELEMENTS (head->headers))
        return FALSE;
      head->headers[head->n_headers++] = h;
    }
#undef NEXT_LINE
  head->body = p;

  msg->cseq = 0;
  msg->time = -1;
  for (guint i = 0; i < head->n_headers; i++)
    {
      const char *v = head->headers[i].value;
      gsize vlen = head->headers[i].len;

      switch (head->headers[i].field)
        {
        case FIELD_CALL_ID:
          if (head->call_id == NULL)
            head->call_id = v, head->call_id_len = vlen;
          break;
        case FIELD_FROM:
          if (head->from == NULL)
            head->from = v, head->from_len = vlen;
          break;
        case FIELD_TO:
          if (head->to == NULL)
            head->to = v, head->to_len = vlen;
          break;
        case FIELD_CONTENT_LENGTH:
          if (cl == NULL)
            cl = v, cl_len = vlen;
          break;
        case FIELD_DIAGNOSTIC:
          count_diagnostic (msg);
          break;
        case FIELD_CSEQ:
          if (msg->cseq == 0)
            {
              char *endp = NULL;
              guint64 n;

              if (!span_to_buffer (v, vlen, buf, sizeof buf))
                return FALSE;
              n = read_decimal (buf, &endp);
              msg->cseq = (guint32) MIN (n, G_MAXUINT32);
              if (endp != NULL && msg->method == NULL && head->cseq_method == NULL)
                {
                  g_strstrip (endp);
                  for (char *c = endp; *c != '\0'; c++)
                    *c = g_ascii_toupper (*c);
                  head->cseq_method = set != NULL ? (char *) _ld_string_set_add (set, endp, strlen (endp), NULL)
                                                  : g_string_chunk_insert_const (strings, endp);
                }
            }
          break;
        case FIELD_NONE:
        default:
          break;
        }
    }

  head->body_end = end;
  /* With @set, @text is a message whose end the peek found already
   * (_ld_sip_message_parse_deferred()). */
  if (cl != NULL && set == NULL)
    {
      if (!span_to_buffer (cl, cl_len, buf, sizeof buf))
        return FALSE;
      head->body_end = body_end_for_length (buf, head->body, end);
    }
  msg->consumed = head->body_end - text;
  return TRUE;
}

/* Frees what parse_start_line() made for @msg, which is not kept. */
static LdSipMessage *
drop_start_line (LdSipMessage *msg)
{
  g_clear_pointer (&msg->method, g_free);
  g_clear_pointer (&msg->request_uri, g_free);
  g_clear_pointer (&msg->reason, g_free);
  return NULL;
}

/* The start line's parts (parse_start_line() made them) into @strings,
 * and a response's method from its CSeq. */
void
_ld_sip_take_start_line (LdSipMessage *msg,
                         GStringChunk *strings,
                         const Head   *head)
{
  if (msg->is_request)
    {
      msg->method = _ld_string_chunk_take (strings, msg->method, TRUE);
      msg->request_uri = _ld_string_chunk_take (strings, msg->request_uri, TRUE);
    }
  else
    {
      msg->reason = _ld_string_chunk_take (strings, msg->reason, TRUE);
      msg->method = head->cseq_method;
    }
  if (msg->method == NULL)
    msg->method = g_string_chunk_insert_const (strings, "");
}

/* The tag of @value (a From or To in @strings), in @strings: the end of
 * @value itself where the tag ends it, as it mostly does, else a copy
 * (stored once however often it comes when @shared). */
char *
_ld_sip_party_tag (GStringChunk *strings,
                   const char   *value,
                   gboolean      shared)
{
  char buf[512];
  gsize len;
  const char *tag = _ld_sip_header_find_param (value, "tag", &len);

  if (tag == NULL)
    return NULL;
  if (tag[len] == '\0')
    return (char *) tag;
  if (!shared)
    return g_string_chunk_insert_len (strings, tag, len);
  if (span_to_buffer (tag, len, buf, sizeof buf))
    return g_string_chunk_insert_const (strings, buf);
  return _ld_string_chunk_take (strings, g_strndup (tag, len), TRUE);
}

/* A value in @strings: stored once however often it comes, or (@unique, a
 * value that differs from message to message) as it is, as
 * _ld_sip_message_compact() stores a header's value. */
static char *
chunk_value (GStringChunk *strings,
             const char   *s,
             gsize         len,
             gboolean      unique)
{
  return unique ? g_string_chunk_insert_len (strings, s, len) : _ld_sip_chunk_span (strings, s, len);
}

/* Whether the span @s of @len bytes is the string @kept. */
static inline gboolean
span_is (const char *s,
         gsize       len,
         const char *kept)
{
  return kept != NULL && strncmp (kept, s, len) == 0 && kept[len] == '\0';
}

/* A value that repeats within a dialog and hardly outside it (its Call-ID,
 * a From or To with its tag): @same's when equal, else stored as it is.
 * Looking each one up in @strings' table of every distinct value cost a
 * hash of it, and the table's entries for a large log some megabytes. */
static char *
dialog_value (GStringChunk *strings,
              const char   *s,
              gsize         len,
              const char   *same)
{
  if (span_is (s, len, same))
    return (char *) same;
  if (len > LD_MAX_VALUE)
    {
      g_autofree char *big = ld_value_cap_dup (s, len);

      return g_string_chunk_insert (strings, big);
    }
  return g_string_chunk_insert_len (strings, s, len);
}

/* A From or To and its tag: those of @same's From or To when equal (the
 * parties swap with the direction of a request), else stored. */
static void
dialog_party (GStringChunk       *strings,
              const char         *s,
              gsize               len,
              const LdSipMessage *same,
              char              **value,
              char              **tag)
{
  if (same != NULL && span_is (s, len, same->from))
    {
      *value = same->from;
      *tag = same->from_tag;
      return;
    }
  if (same != NULL && span_is (s, len, same->to))
    {
      *value = same->to;
      *tag = same->to_tag;
      return;
    }
  *value = dialog_value (strings, s, len, NULL);
  *tag = _ld_sip_party_tag (strings, *value, FALSE);
}

/**
 * _ld_sip_message_parse_compact:
 * @text: valid UTF-8 without NUL, as for _ld_sip_message_parse_valid()
 * @len: its length
 * @strings: the analysis's string chunk, as for _ld_sip_message_compact()
 * @store: (nullable): where the message and its headers go, as one
 *   allocation: then it is freed with @store (ld_sip_message_free() leaves
 *   it), also when it is not kept after all
 * @filter: which headers and body lines are kept
 * @same_dialog: (nullable): a message of the same dialog kept before,
 *   compacted: its Call-ID, From and To (and their tags) are shared where
 *   equal
 *
 * Parses a message straight into what _ld_sip_message_parse_valid(),
 * dropping the headers and body lines @filter refuses, and then
 * _ld_sip_message_compact() leave of it: the same fields, headers and body,
 * in @strings, with no raw text. Without the message browser every
 * message of a call is kept so; the full parse made and freed some forty
 * strings for each, most of them for headers nothing reads, and on a
 * conference-heavy log that was most of the analysing thread's work.
 * And a large log keeps some 175,000 such messages: in @store, each one
 * takes no bookkeeping of the allocator, and its headers (one diagnostic,
 * say) none of their own.
 *
 * Returns: (transfer full) (nullable): the compacted message, or %NULL
 *   when @text is not a SIP message or has what only the full parser
 *   handles (a header folded over lines, a value cut at %LD_MAX_VALUE, more
 *   than 32 headers, a start line or a name too long for the stack): then
 *   parse it fully and compact it
 */
LdSipMessage *
_ld_sip_message_parse_compact (const char            *text,
                               gsize                  len,
                               GStringChunk          *strings,
                               LdTextStore           *store,
                               const LdSipKeepFilter *filter,
                               const LdSipMessage    *same_dialog)
{
  LdSipMessage parsed = { 0 };
  LdSipMessage *msg = &parsed;
  Head head;
  LdHeader kept[G_N_ELEMENTS (head.headers)];
  guint n_kept = 0;
  gsize body_len;
  char buf[2048];

  if (!_ld_sip_read_head (text, len, TRUE, strings, NULL, FALSE, msg, &head))
    return drop_start_line (msg);

  /* The headers @filter keeps, named and stored as compacting stores them. */
  for (guint i = 0; i < head.n_headers; i++)
    {
      const HeaderSpan *h = &head.headers[i];
      const char *name = _ld_sip_expand_compact (h->name, h->name_len);

      if (name == NULL)
        {
          if (!span_to_buffer (h->name, h->name_len, buf, sizeof buf))
            return drop_start_line (msg);
          name = buf;
        }
      if (!filter->keep_header (name, h->value, h->len))
        continue;
      kept[n_kept].name = g_string_chunk_insert_const (strings, name);
      /* A diagnostic's value is stored once, as _ld_analysis_compact_message()
       * stores it: a log repeats them in thousands of calls. */
      kept[n_kept].value = chunk_value (strings, h->value, h->len,
                                        h->field != FIELD_DIAGNOSTIC && is_unique_header (name, strlen (name), h->field));
      n_kept++;
    }

  /* The body as strip_trailing_newlines() leaves it, then what @filter keeps. */
  body_len = head.body_end - head.body;
  while (body_len > 0 && (head.body[body_len - 1] == '\n' || head.body[body_len - 1] == '\r'))
    body_len--;
  if (body_len == 0)
    msg->body = g_string_chunk_insert_const (strings, "");
  else
    {
      g_autoptr(GString) body = g_string_sized_new (body_len + 1);

      filter->keep_body (head.body, body_len, body);
      msg->body = body->len == 0 ? g_string_chunk_insert_const (strings, "")
                                 : g_string_chunk_insert_len (strings, body->str, body->len);
    }

  _ld_sip_take_start_line (msg, strings, &head);
  if (head.call_id != NULL)
    msg->call_id = dialog_value (strings, head.call_id, head.call_id_len,
                                 same_dialog != NULL ? same_dialog->call_id : NULL);
  if (head.from != NULL)
    dialog_party (strings, head.from, head.from_len, same_dialog, &msg->from, &msg->from_tag);
  if (head.to != NULL)
    dialog_party (strings, head.to, head.to_len, same_dialog, &msg->to, &msg->to_tag);
  msg->compacted = TRUE;
  msg->n_headers = n_kept;

  /* The headers follow the struct in @store. */
  if (store != NULL)
    {
      msg = _ld_text_store_alloc (store, sizeof parsed + sizeof (LdHeader) * n_kept);
      *msg = parsed;
      msg->stored = TRUE;
      if (n_kept > 0)
        msg->headers = memcpy (msg + 1, kept, sizeof (LdHeader) * n_kept);
      return msg;
    }
  msg = g_memdup2 (&parsed, sizeof parsed);
  if (n_kept > 0)
    msg->headers = g_memdup2 (kept, sizeof (LdHeader) * n_kept);
  return msg;
}

/**
 * _ld_sip_message_peek_length:
 * @text: as for _ld_sip_message_parse_stripped()
 * @len: its length
 *
 * How many bytes of @text the first message takes, as the parsers find
 * it (headers, then the body its Content-Length gives, else the rest),
 * without parsing a field: so a record can be kept to be parsed later.
 * The start line is checked as the parsers check it, so a message found
 * here is one they accept.
 *
 * Returns: that length, or 0 when @text is no message (its start line is
 *   none) or only a parse can tell (a folded line, a start line of over
 *   2 KB)
 */
gsize
_ld_sip_message_peek_length (const char *text,
                             gsize       len)
{
  const char *p = text;
  const char *end = text + len;
  const char *next;
  const char *cl = NULL;
  gsize line_len, cl_len = 0;
  char buf[64];
  char start_buf[2048];
  StartLine start;

  while (p < end)
    {
      line_len = next_line (p, end, &next);
      if (line_len > 0)
        break;
      p = next;
    }
  if (p == end)
    return 0;
  line_len = next_line (p, end, &next);
  trim_span (&p, &line_len);
  if (!span_to_buffer (p, line_len, start_buf, sizeof start_buf) ||
      read_start_line (start_buf, &start) != START_LINE_OK)
    return 0;
  p = next;

  while (p < end)
    {
      const char *colon;

      line_len = next_line (p, end, &next);
      if (is_blank (p, line_len))
        {
          p = next;
          break;
        }
      if (*p == ' ' || *p == '\t')
        return 0;
      colon = memchr (p, ':', line_len);
      if (colon == NULL || colon == p)
        break;
      if (cl == NULL && summary_field (p, colon - p) == FIELD_CONTENT_LENGTH)
        {
          cl = colon + 1;
          cl_len = line_len - (colon + 1 - p);
          trim_span (&cl, &cl_len);
        }
      p = next;
    }

  if (cl == NULL)
    return len;
  if (cl_len >= sizeof buf)
    return 0;
  memcpy (buf, cl, cl_len);
  buf[cl_len] = '\0';
  return body_end_for_length (buf, p, end) - text;
}

/* The headers parse_message() collects, with what each one is for the
 * fields: its name is classified once, as it is read. */
typedef struct
{
  LdHeader     *headers;
  SummaryField *fields;
  guint         len;
  guint         size;
  LdHeader      headers_stack[32];
  SummaryField  fields_stack[32];
} HeaderList;

static void
header_list_add (HeaderList   *list,
                 LdHeader      h,
                 SummaryField  field)
{
  if (list->len == list->size)
    {
      guint size = list->size * 2;

      if (list->headers == list->headers_stack)
        {
          list->headers = g_memdup2 (list->headers_stack, sizeof (LdHeader) * list->len);
          list->fields = g_memdup2 (list->fields_stack, sizeof (SummaryField) * list->len);
        }
      list->headers = g_renew (LdHeader, list->headers, size);
      list->fields = g_renew (SummaryField, list->fields, size);
      list->size = size;
    }
  list->headers[list->len] = h;
  list->fields[list->len] = field;
  list->len++;
}

static void
header_list_clear (HeaderList *list)
{
  for (guint i = 0; i < list->len; i++)
    clear_header (&list->headers[i]);
  list->len = 0;
  if (list->headers != list->headers_stack)
    {
      g_free (list->headers);
      g_free (list->fields);
    }
}

/* One header value never larger than LD_MAX_VALUE: a longer one is cut
 * with a mark that says how long it was (ld-value-cap.c). @last_len is the
 * length of its value as it is. */
static void
cap_last_header (HeaderList *list,
                 gsize       last_len,
                 gsize       folded_over)
{
  LdHeader *last;

  if (list->len == 0 || (folded_over == 0 && last_len <= LD_MAX_VALUE))
    return;
  last = &list->headers[list->len - 1];
  last->value = ld_value_cut (last->value, LD_MAX_VALUE, strlen (last->value) + folded_over);
}

static LdSipMessage *
parse_message (const char  *text,
               gsize        len,
               gboolean     known_valid,
               GError     **error)
{
  gsize last_len = 0;        /* of the last header's value */
  gsize folded_over = 0;     /* bytes folded onto it past LD_MAX_VALUE */
  g_autoptr(LdSipMessage) msg = g_new0 (LdSipMessage, 1);
  g_autofree char *valid = NULL;
  g_autofree char *start_line = NULL;
  HeaderList headers;
  const char *p, *end, *next;
  const char *content_length = NULL;
  gsize line_len;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (known_valid)
    ;
  else if (!g_utf8_validate_len (text, len, NULL))
    {
      valid = g_utf8_make_valid (text, len);
      text = valid;
      len = strlen (valid);
    }
  else if (memchr (text, '\0', len) != NULL)
    {
      /* NUL bytes inside a header would silently cut C strings short;
       * show them instead as the replacement character. */
      GString *s = g_string_sized_new (len);
      for (gsize i = 0; i < len; i++)
        {
          if (text[i] == '\0')
            g_string_append (s, "\xEF\xBF\xBD");
          else
            g_string_append_c (s, text[i]);
        }
      len = s->len;
      valid = g_string_free (s, FALSE);
      text = valid;
    }
  /* What it uses must fit LdSipMessage.consumed. A log's records are far
   * shorter (LD_LOG_READER_MAX_RECORD). */
  if (len > G_MAXUINT32)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_PARSE, "Text of %" G_GSIZE_FORMAT " bytes is too long for one SIP message",
                   len);
      return NULL;
    }

  p = text;
  end = text + len;

  /* Skip blank lines a logger may have put before the start line. */
  while (p < end)
    {
      line_len = next_line (p, end, &next);
      if (line_len > 0)
        break;
      p = next;
    }

  line_len = next_line (p, end, &next);
  start_line = strip_dup (p, line_len);
  if (!parse_start_line (msg, start_line, error))
    return NULL;
  p = next;

  /* On the stack for the usual dozen headers: a message used to cost a
   * growing array and two copies of every name. */
  headers.headers = headers.headers_stack;
  headers.fields = headers.fields_stack;
  headers.len = 0;
  headers.size = G_N_ELEMENTS (headers.headers_stack);
  msg->cseq = 0;
  msg->time = -1;

  while (p < end)
    {
      const char *colon;
      const char *canon;
      const char *name;
      gsize name_len;
      LdHeader h;

      line_len = next_line (p, end, &next);
      if (is_blank (p, line_len))
        {
          p = next;
          break;
        }
      if ((*p == ' ' || *p == '\t') && headers.len > 0)
        {
          /* RFC 3261 7.3.1: a line starting with white space continues the
           * previous header; it is folded into one space. */
          g_autofree char *cont = strip_dup (p, line_len);
          if (*cont != '\0')
            {
              LdHeader *last = &headers.headers[headers.len - 1];
              gsize cont_len = strlen (cont);

              /* Past LD_MAX_VALUE only counted: thousands of folded lines
               * must not copy the value again each time. */
              if (last_len > LD_MAX_VALUE)
                folded_over += 1 + cont_len;
              else
                {
                  char *joined = g_strconcat (last->value, " ", cont, NULL);
                  g_free (last->value);
                  last->value = joined;
                  last_len += 1 + cont_len;
                }
            }
          p = next;
          continue;
        }
      colon = memchr (p, ':', line_len);
      if (colon == NULL || colon == p)
        {
          /* Not a header: the header block ended without its empty line
           * (a record cut short); treat the rest as body. */
          break;
        }
      /* The name trimmed as strip_dup() trims it, copied once. */
      name = p;
      name_len = colon - p;
      while (name_len > 0 && g_ascii_isspace (*name))
        name++, name_len--;
      while (name_len > 0 && g_ascii_isspace (name[name_len - 1]))
        name_len--;
      canon = _ld_sip_expand_compact (name, name_len);
      h.name = canon ? g_strdup (canon) : g_strndup (name, name_len);
      h.value = strip_dup (colon + 1, line_len - (colon + 1 - p));
      cap_last_header (&headers, last_len, folded_over);
      folded_over = 0;
      last_len = strlen (h.value);
      header_list_add (&headers, h, summary_field (name, name_len));
      p = next;
    }
  cap_last_header (&headers, last_len, folded_over);

  /* The fields, from the values as they are now (unfolded and capped). */
  for (guint i = 0; i < headers.len; i++)
    {
      const char *value = headers.headers[i].value;

      switch (headers.fields[i])
        {
        case FIELD_CALL_ID:
          if (msg->call_id == NULL)
            msg->call_id = g_strdup (value);
          break;
        case FIELD_FROM:
          if (msg->from == NULL)
            msg->from = g_strdup (value);
          break;
        case FIELD_TO:
          if (msg->to == NULL)
            msg->to = g_strdup (value);
          break;
        case FIELD_CSEQ:
          if (msg->cseq == 0)
            {
              char *endp = NULL;
              guint64 n = g_ascii_strtoull (value, &endp, 10);

              msg->cseq = (guint32) MIN (n, G_MAXUINT32);
              if (endp != NULL && msg->method == NULL)
                {
                  g_autofree char *m = g_strstrip (g_strdup (endp));
                  msg->method = g_ascii_strup (m, -1);
                }
            }
          break;
        case FIELD_CONTENT_LENGTH:
          if (content_length == NULL)
            content_length = value;
          break;
        case FIELD_DIAGNOSTIC:
          count_diagnostic (msg);
          break;
        case FIELD_NONE:
        default:
          break;
        }
    }

  {
    const char *body_end = body_end_for_length (content_length, p, end);

    msg->body = strip_trailing_newlines (p, body_end - p);
    msg->consumed = body_end - text;
  }

  /* The message owns them from here, in an array of their exact size. */
  msg->n_headers = headers.len;
  if (headers.len > 0)
    msg->headers = g_memdup2 (headers.headers, sizeof (LdHeader) * headers.len);
  headers.len = 0;
  header_list_clear (&headers);

  if (msg->from != NULL)
    msg->from_tag = ld_sip_header_dup_param (msg->from, "tag");
  if (msg->to != NULL)
    msg->to_tag = ld_sip_header_dup_param (msg->to, "tag");
  if (msg->method == NULL)
    msg->method = g_strdup ("");

  msg->raw = g_strndup (text, msg->consumed);

  return g_steal_pointer (&msg);
}
