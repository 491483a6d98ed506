/* ld-redact-record.c - a record, a trace line or an input's name, rewritten as the reader hands it over
 *
 * The analysis reads its inputs through these filters when it redacts
 * (ld-analysis.c calls them from its reading callbacks): a record's start
 * line and headers (ld-redact-sip.c), its body by Content-Type (SDP line
 * by line, XML by element and attribute, multipart part by part, text
 * bodies withheld), a trace line as free text (ld-redact-text.c), an
 * input's path and zip member by their folders and file names.
 *
 * Line breaks are kept, so every line number the analysis reports is the
 * log's; Content-Length follows the rewritten body, so the parser splits
 * messages where it did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-redact"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ld-analysis-private.h"
#include "ld-redact-private.h"

/* ---- Bodies ----------------------------------------------------------- */

static void
redact_lines_withheld (GString    *out,
                       const char *s,
                       gsize       len)
{
  for (gsize i = 0; i < len;)
    {
      gsize j = i;

      while (j < len && s[j] != '\n')
        j++;
      if (j > i && !(j - i == 1 && s[i] == '\r'))
        g_string_append (out, LD_REDACTED_MARK);
      if (j < len)
        g_string_append_c (out, '\n');
      i = j + 1;
    }
}

/* One SDP line's value, token by token. */
static void
redact_sdp_tokens (LdRedactor *self,
                   GString    *out,
                   const char *attr,
                   gsize       attr_len,
                   const char *s,
                   gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize j = i;

      if (s[i] == ' ' || s[i] == '\r' || s[i] == '\t' || s[i] == '/')
        {
          g_string_append_c (out, s[i]);
          i++;
          continue;
        }
      while (j < len && s[j] != ' ' && s[j] != '\r' && s[j] != '\t' && s[j] != '/')
        j++;
      /* "IN", "IP4", "typ", "raddr", "TCP-PASS": SDP's own words stay,
       * unless a name learnt elsewhere is one. */
      if (_ld_redact_is_protocol_token (s + i, j - i) && _ld_redactor_lookup_word (self, s + i, j - i) == NULL)
        g_string_append_len (out, s + i, j - i);
      else
        _ld_redact_value (self, out, attr, attr_len, s + i, j - i);
      i = j;
    }
}

/* RFC 4566, with Lync's candidates ([MS-ICE2]) and crypto keys. */
static void
redact_sdp (LdRedactor *self,
            GString    *out,
            const char *s,
            gsize       len)
{
  for (gsize i = 0; i < len;)
    {
      gsize j = i;

      while (j < len && s[j] != '\n')
        j++;
      if (j - i >= 2 && s[i + 1] == '=')
        {
          char type = s[i];
          const char *v = s + i + 2;
          gsize vlen = j - i - 2;

          g_string_append_len (out, s + i, 2);
          switch (type)
            {
            case 'v': case 't': case 'b': case 'm': case 'r': case 'z':
              g_string_append_len (out, v, vlen);
              break;
            case 's':
              if ((vlen == 7 && memcmp (v, "session", 7) == 0) || (vlen >= 1 && (v[0] == '-' || v[0] == ' ')))
                g_string_append_len (out, v, vlen);
              else
                redact_sdp_tokens (self, out, "s", 1, v, vlen);
              break;
            case 'o':
              {
                /* o=username sess-id version IN IP4 address */
                const char *sp = memchr (v, ' ', vlen);

                if (sp != NULL && !(sp - v == 1 && v[0] == '-'))
                  {
                    g_string_append (out, _ld_redactor_user (self, v, sp - v, NULL, 0));
                    redact_sdp_tokens (self, out, "o", 1, sp, v + vlen - sp);
                  }
                else
                  redact_sdp_tokens (self, out, "o", 1, v, vlen);
              }
              break;
            case 'a':
              {
                const char *colon = memchr (v, ':', vlen);
                gsize name_len = colon ? (gsize) (colon - v) : vlen;

                g_string_append_len (out, v, colon ? name_len + 1 : vlen);
                if (colon == NULL)
                  break;
                if (name_len == 6 && memcmp (v, "crypto", 6) == 0)
                  {
                    /* "1 AES_CM_128_HMAC_SHA1_80 inline:KEY|2^31|1:1": the key is a secret. */
                    const char *inl = g_strstr_len (colon, v + vlen - colon, "inline:");

                    if (inl != NULL)
                      {
                        const char *kend = inl + 7;

                        while (kend < v + vlen && *kend != '|' && *kend != ' ' && *kend != '\r')
                          kend++;
                        g_string_append_len (out, colon + 1, inl + 7 - colon - 1);
                        g_string_append (out, LD_REDACTED_MARK);
                        g_string_append_len (out, kend, v + vlen - kend);
                      }
                    else
                      g_string_append_len (out, colon + 1, v + vlen - colon - 1);
                  }
                else if ((name_len == 6 && memcmp (v, "rtpmap", 6) == 0) ||
                         (name_len == 4 && memcmp (v, "fmtp", 4) == 0) ||
                         (name_len == 7 && memcmp (v, "rtcp-fb", 7) == 0) ||
                         (name_len == 6 && memcmp (v, "x-caps", 6) == 0))
                  g_string_append_len (out, colon + 1, v + vlen - colon - 1);
                else if (name_len == 4 && memcmp (v, "path", 4) == 0)
                  redact_sdp_tokens (self, out, "uri", 3, colon + 1, v + vlen - colon - 1);
                else
                  redact_sdp_tokens (self, out, v, name_len, colon + 1, v + vlen - colon - 1);
              }
              break;
            case 'c':
            case 'k':
            default:
              redact_sdp_tokens (self, out, &type, 1, v, vlen);
              break;
            }
        }
      else if (j > i)
        _ld_redact_text (self, out, s + i, j - i);
      if (j < len)
        g_string_append_c (out, '\n');
      i = j + 1;
    }
}

static char *
multipart_boundary (const char *content_type)
{
  const char *b = content_type ? strstr (content_type, "boundary=") : NULL;
  const char *end;

  if (b == NULL)
    return NULL;
  b += 9;
  if (*b == '"')
    {
      b++;
      end = strchr (b, '"');
    }
  else
    {
      end = b;
      while (*end && *end != ';' && *end != ' ')
        end++;
    }
  return end && end > b ? g_strndup (b, end - b) : NULL;
}

static void
redact_multipart (LdRedactor *self,
                  GString    *out,
                  const char *boundary,
                  const char *s,
                  gsize       len)
{
  g_autofree char *delim = g_strconcat ("--", boundary, NULL);
  gsize dl = strlen (delim);
  gsize i = 0;

  while (i < len)
    {
      gsize j = i;
      const char *next;

      while (j < len && s[j] != '\n')
        j++;
      if (j - i >= dl && memcmp (s + i, delim, dl) == 0)
        {
          g_string_append_len (out, s + i, j - i);
          if (j < len)
            g_string_append_c (out, '\n');
          i = j + 1;
          continue;
        }
      /* A part: headers, an empty line, a body up to the next delimiter. */
      next = i < len ? g_strstr_len (s + i, len - i, delim) : NULL;
      {
        gsize part_end = next ? (gsize) (next - s) : len;
        gsize h_end = i;
        g_autofree char *ct = NULL;

        while (h_end < part_end)
          {
            gsize e = h_end;

            while (e < part_end && s[e] != '\n')
              e++;
            if (e == h_end || (e == h_end + 1 && s[h_end] == '\r'))
              break;
            h_end = e + 1;
          }
        if (h_end > i)
          {
            _ld_redact_sip_headers (self, out, s + i, h_end - i - 1, &ct);
            g_string_append_c (out, '\n');
          }
        _ld_redact_body (self, out, ct, s + h_end, part_end - h_end);
        i = part_end;
      }
    }
}

/**
 * _ld_redact_body:
 * @content_type: (nullable): the message's Content-Type, lower case
 */
void
_ld_redact_body (LdRedactor *self,
                 GString    *out,
                 const char *content_type,
                 const char *s,
                 gsize       len)
{
  gsize first = 0;

  while (first < len && _ld_redact_is_space (s[first]))
    first++;
  if (first == len)
    {
      g_string_append_len (out, s, len);
      return;
    }
  if (content_type != NULL && g_str_has_prefix (content_type, "multipart/"))
    {
      g_autofree char *boundary = multipart_boundary (content_type);

      if (boundary != NULL)
        {
          redact_multipart (self, out, boundary, s, len);
          return;
        }
    }
  if ((content_type != NULL && strstr (content_type, "sdp") != NULL) ||
      (content_type == NULL && len > 2 && s[first] == 'v' && s[first + 1] == '='))
    {
      redact_sdp (self, out, s, len);
      return;
    }
  if ((content_type != NULL && strstr (content_type, "xml") != NULL) || s[first] == '<')
    {
      _ld_redact_xml (self, out, s, len);
      return;
    }
  /* Instant messages and anything else: not the logs' business to show. */
  redact_lines_withheld (out, s, len);
}

/* ---- Records ------------------------------------------------------------ */

static gboolean
is_sip_start (const char *s,
              gsize       len)
{
  gsize n = 0;

  while (n < len && s[n] != '\n')
    n++;
  if (n > 0 && s[n - 1] == '\r')
    n--;
  return (n > 8 && g_ascii_strncasecmp (s, "SIP/2.0 ", 8) == 0) ||
         (n > 8 && g_ascii_strncasecmp (s + n - 8, " SIP/2.0", 8) == 0);
}

/* "INVITE sip:… SIP/2.0" or "SIP/2.0 404 Not Found". */
static void
redact_start_line (LdRedactor *self,
                   GString    *out,
                   const char *s,
                   gsize       len)
{
  gsize end = len;

  if (end > 0 && s[end - 1] == '\r')
    end--;
  if (end > 8 && g_ascii_strncasecmp (s, "SIP/2.0 ", 8) == 0)
    {
      gsize i = 8;

      while (i < end && (g_ascii_isdigit (s[i]) || s[i] == ' '))
        i++;
      g_string_append_len (out, s, i);
      _ld_redact_text (self, out, s + i, end - i);
    }
  else
    {
      const char *sp = memchr (s, ' ', end);
      gsize uri_end = end - 8;

      if (sp == NULL || (gsize) (sp - s) >= uri_end)
        {
          _ld_redact_text (self, out, s, end);
        }
      else
        {
          g_string_append_len (out, s, sp + 1 - s);
          if (_ld_redact_uri (self, out, sp + 1, s + uri_end - sp - 1) == 0)
            _ld_redact_value (self, out, "uri", 3, sp + 1, s + uri_end - sp - 1);
          g_string_append_len (out, s + uri_end, end - uri_end);
        }
    }
  g_string_append_len (out, s + end, len - end);
}

/* Where the parser ends a body of Content-Length @want (ld-sip-message.c,
 * body_end_for_length(): a lone LF counts as the CRLF it was on the
 * wire; a count the log does not reach, or followed by white space only,
 * ends at the record's end). Kept in step with it: a rewritten body must
 * end where the original did. */
static const char *
body_end_like_parser (guint64     want,
                      const char *body,
                      const char *end)
{
  guint64 have = 0;
  const char *p = body;

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
  while (p > body && p < end && ((guchar) *p & 0xC0) == 0x80)
    p--;
  for (const char *q = p; q < end; q++)
    if (!g_ascii_isspace (*q))
      return p;
  return end;
}

/* The bytes @s would be on the wire, as the parser counts them. */
static guint64
wire_length (const char *s,
             gsize       len)
{
  guint64 n = len;

  for (gsize i = 0; i < len; i++)
    if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
      n++;
  return n;
}

/* One message from @s; returns the bytes it used. */
static gsize
redact_message (LdRedactor *self,
                GString    *out,
                const char *s,
                gsize       len)
{
  gsize line_end = 0, h_start, h_end, body_start, body_len;
  g_autofree char *content_type = NULL;
  gssize cl_pos = -1;
  gsize cl_len = 0;
  guint64 content_length = 0;
  gboolean has_cl = FALSE;
  gsize body_out_start;
  guint64 old_len;

  while (line_end < len && s[line_end] != '\n')
    line_end++;
  redact_start_line (self, out, s, line_end);
  if (line_end >= len)
    return len;
  g_string_append_c (out, '\n');
  h_start = line_end + 1;

  /* The headers end at the first empty line. */
  h_end = h_start;
  while (h_end < len)
    {
      gsize e = h_end;

      while (e < len && s[e] != '\n')
        e++;
      if (e == h_end || (e == h_end + 1 && s[h_end] == '\r'))
        break;
      /* Content-Length, as the parser reads it. */
      if ((e - h_end > 15 && g_ascii_strncasecmp (s + h_end, "Content-Length:", 15) == 0) ||
          (e - h_end > 2 && (s[h_end] == 'l' || s[h_end] == 'L') && s[h_end + 1] == ':'))
        {
          const char *v = (const char *) memchr (s + h_end, ':', e - h_end) + 1;

          while (v < s + e && *v == ' ')
            v++;
          if (v < s + e && g_ascii_isdigit (*v))
            {
              has_cl = TRUE;
              content_length = g_ascii_strtoull (v, NULL, 10);
            }
        }
      h_end = e + 1;
    }
  if (h_end > len)
    h_end = len;
  {
    gsize before = out->len;
    /* The headers' text without the line break that ends them, if one does:
     * a record cut off in its last header keeps that header whole. */
    gsize h_len = h_end > h_start ? h_end - h_start - (s[h_end - 1] == '\n') : 0;

    _ld_redact_sip_headers (self, out, s + h_start, h_len, &content_type);
    if (h_end > h_start && h_end <= len && s[h_end - 1] == '\n')
      g_string_append_c (out, '\n');
    /* Where the Content-Length value was written. */
    if (has_cl)
      {
        for (gsize k = before; k + 2 < out->len; k++)
          if ((k == before || out->str[k - 1] == '\n') &&
              ((out->len - k > 15 && g_ascii_strncasecmp (out->str + k, "Content-Length:", 15) == 0) ||
               ((out->str[k] == 'l' || out->str[k] == 'L') && out->str[k + 1] == ':')))
            {
              gsize v = k + (out->str[k + 1] == ':' ? 2 : 15);

              while (v < out->len && out->str[v] == ' ')
                v++;
              cl_pos = v;
              while (v < out->len && g_ascii_isdigit (out->str[v]))
                v++;
              cl_len = v - cl_pos;
              break;
            }
      }
  }
  if (h_end >= len)
    return len;

  /* The empty line, then the body. */
  {
    gsize e = h_end;

    while (e < len && s[e] != '\n')
      e++;
    g_string_append_len (out, s + h_end, e - h_end);
    if (e < len)
      g_string_append_c (out, '\n');
    body_start = MIN (e + 1, len);
  }
  body_len = len - body_start;
  if (has_cl)
    body_len = body_end_like_parser (content_length, s + body_start, s + len) - (s + body_start);
  body_out_start = out->len;
  old_len = wire_length (s + body_start, body_len);
  _ld_redact_body (self, out, content_type, s + body_start, body_len);
  if (has_cl && cl_pos >= 0)
    {
      /* The count changes by what the body's wire length did. */
      gint64 delta = (gint64) wire_length (out->str + body_out_start, out->len - body_out_start) - (gint64) old_len;
      g_autofree char *value = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                (guint64) MAX ((gint64) content_length + delta, 0));

      g_string_erase (out, cl_pos, cl_len);
      g_string_insert (out, cl_pos, value);
    }
  return body_start + body_len;
}

/* Bytes of another encoding are made UTF-8 as the analysis would show
 * them, so what is collected is what the report would print. */
static const char *
as_utf8 (const char  *text,
         gsize        len,
         char       **owned,
         gsize       *out_len)
{
  *owned = NULL;
  *out_len = len;
  if (memchr (text, '\0', len) == NULL &&
      (ld_text_is_plain_ascii (text, len) || g_utf8_validate_len (text, len, NULL)))
    return text;
  *owned = ld_text_dup_utf8 (text, len);
  *out_len = strlen (*owned);
  return *owned;
}

/**
 * _ld_redactor_filter_record:
 * @info: the record as the reader found it
 * @out_info: (out): the same with its addresses' pseudonyms
 * @out_len: (out): the length of the rewritten record
 *
 * Returns: (transfer none): the rewritten record, valid until the next call.
 */
const char *
_ld_redactor_filter_record (LdRedactor         *self,
                            const LdRecordInfo *info,
                            const char         *text,
                            gsize               len,
                            LdRecordInfo       *out_info,
                            gsize              *out_len)
{
  g_autofree char *owned = NULL;
  const char *s = as_utf8 (text, len, &owned, &len);
  GString *out = self->record;
  gsize i = 0;

  g_string_truncate (out, 0);
  *out_info = *info;
  g_clear_pointer (&self->remote, g_free);
  g_clear_pointer (&self->local, g_free);
  if (info->remote != NULL)
    {
      g_string_truncate (self->scratch, 0);
      _ld_redact_hostport (self, self->scratch, info->remote, strlen (info->remote));
      self->remote = g_strdup (self->scratch->str);
    }
  if (info->local != NULL)
    {
      g_string_truncate (self->scratch, 0);
      _ld_redact_hostport (self, self->scratch, info->local, strlen (info->local));
      self->local = g_strdup (self->scratch->str);
    }
  out_info->remote = self->remote;
  out_info->local = self->local;

  while (i < len)
    {
      gsize used;

      if (!is_sip_start (s + i, len - i))
        {
          /* Not a message (or what follows one): each line as text. */
          for (gsize a = i; a < len;)
            {
              gsize b = a;

              while (b < len && s[b] != '\n')
                b++;
              _ld_redact_text (self, out, s + a, b - a);
              if (b < len)
                g_string_append_c (out, '\n');
              a = b + 1;
            }
          break;
        }
      used = redact_message (self, out, s + i, len - i);
      if (used == 0)
        used = len - i;
      i += used;
      /* White space between two messages of one record stays. */
      while (i < len && _ld_redact_is_space (s[i]))
        g_string_append_c (out, s[i++]);
    }
  *out_len = out->len;
  return out->str;
}

/**
 * _ld_redactor_filter_trace:
 * @text: the text of a prefixed log line that is not SIP
 *
 * Returns: (transfer none): the rewritten text, valid until the next call.
 */
const char *
_ld_redactor_filter_trace (LdRedactor *self,
                           const char *text,
                           gsize       len,
                           gsize      *out_len)
{
  g_autofree char *owned = NULL;
  const char *s = as_utf8 (text, len, &owned, &len);
  GString *out = self->record;
  const char *lt = NULL;

  g_string_truncate (out, 0);
  /* QoE reports and other XML on one line. */
  for (gsize i = 0; i + 1 < len; i++)
    if (s[i] == '<' && (g_ascii_isalpha (s[i + 1]) || s[i + 1] == '?'))
      {
        lt = s + i;
        break;
      }
  if (lt != NULL && len > 0 && (s[len - 1] == '>' || (len > 1 && s[len - 2] == '>')))
    {
      _ld_redact_text (self, out, s, lt - s);
      _ld_redact_xml (self, out, lt, s + len - lt);
    }
  else
    _ld_redact_text (self, out, s, len);
  *out_len = out->len;
  return out->str;
}

/**
 * _ld_redactor_dup_input_path:
 * @path: an input's path as the user would type it
 *
 * Returns: (transfer full): "folder-N/Lync-UccApi-0.UccApilog", or
 *   "folder-N/log-M.uccapilog" when the file's own name is not one the
 *   client writes (it may name the user or the machine).
 */
char *
_ld_redactor_dup_input_path (LdRedactor *self,
                             const char *path)
{
  g_autofree char *base = NULL;
  g_autofree char *dir = NULL;
  GString *out = g_string_new (NULL);
  const char *slash;

  if (path == NULL)
    return NULL;
  slash = strrchr (path, '/');
  if (slash == NULL)
    slash = strrchr (path, '\\');
  if (slash != NULL)
    {
      dir = g_strndup (path, slash - path);
      base = g_strdup (slash + 1);
      _ld_redactor_collect (self, LD_REDACT_PATH, path, -1);
      if (*dir != '\0')
        {
          /* Its folders are looked for one by one; the whole is one pseudonym. */
          g_auto(GStrv) segments = g_strsplit_set (dir, "/\\", -1);

          for (guint i = 0; segments[i] != NULL; i++)
            _ld_redactor_collect (self, LD_REDACT_PATH, segments[i], -1);
          g_string_append (out, _ld_redactor_numbered (self, LD_REDACT_PATH, "folder-", NULL, dir, strlen (dir)));
        }
      g_string_append_c (out, '/');
    }
  else
    base = g_strdup (path);
  _ld_redact_path (self, out, base, strlen (base));
  return g_string_free (out, FALSE);
}

/**
 * _ld_redactor_dup_member:
 * @member: (nullable): a zip member's path ("MOSDAL_Report_PC-JSMITH01/…")
 *
 * Returns: (transfer full) (nullable): the path with every folder and
 *   file name that is not one every MOSDAL report has replaced.
 */
char *
_ld_redactor_dup_member (LdRedactor *self,
                         const char *member)
{
  GString *out;

  if (member == NULL)
    return NULL;
  out = g_string_new (NULL);
  _ld_redact_path (self, out, member, strlen (member));
  return g_string_free (out, FALSE);
}

/* Every spelling of @name in @text becomes @pseudonym. */
static void
replace_name (GString    *text,
              const char *name,
              const char *pseudonym)
{
  gsize nl;

  if (name == NULL || *name == '\0' || pseudonym == NULL)
    return;
  nl = strlen (name);
  for (gsize i = 0; i + nl <= text->len;)
    {
      if (memcmp (text->str + i, name, nl) == 0)
        {
          g_string_erase (text, i, nl);
          g_string_insert (text, i, pseudonym);
          i += strlen (pseudonym);
        }
      else
        i++;
    }
}

/**
 * _ld_redactor_filter_skipped:
 * @path: (inout): a skipped input's path, becomes its pseudonym
 * @member: (inout) (nullable): its zip member, becomes its pseudonym
 * @reason: (inout): the sentence saying why, which names them
 *
 * The reason was composed from the path and member (by the reader's own
 * messages): their spellings in it are the values just replaced, so they
 * are replaced the same way. The output check looks for anything else.
 */
void
_ld_redactor_filter_skipped (LdRedactor  *self,
                             char       **path,
                             char       **member,
                             char       **reason)
{
  g_autofree char *real_path = g_steal_pointer (path);
  g_autofree char *real_member = g_steal_pointer (member);
  GString *r = g_string_new (*reason);
  g_autofree char *display_member = NULL;

  *path = _ld_redactor_dup_input_path (self, real_path);
  *member = _ld_redactor_dup_member (self, real_member);
  if (real_member != NULL)
    display_member = ld_text_dup_display_name (real_member, strlen (real_member));
  /* The longest spelling first: the member's path holds its name. */
  replace_name (r, real_member, *member);
  replace_name (r, display_member, *member);
  replace_name (r, real_path, *path);
  if (real_path != NULL)
    {
      g_autofree char *base = g_path_get_basename (real_path);
      g_autofree char *pbase = *path ? g_path_get_basename (*path) : NULL;

      replace_name (r, base, pbase);
    }
  g_free (*reason);
  *reason = g_string_free (r, FALSE);
}
