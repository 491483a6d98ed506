/* ld-redact-text.c - free text: trace lines and reason phrases, every value found by its shape
 *
 * A trace line has no structure to rely on: _ld_redact_text() finds the
 * values in it by their shape (a URI, a user@host, an IP or MAC address,
 * a dotted host name under any top-level domain, a Windows path or
 * DOMAIN\user, a phone number, a GUID, the value of a key that names
 * someone) and replaces every word learnt as a name, an account or a
 * machine; the words around them stay as written.
 *
 * Work is bounded: each character is examined a bounded number of times;
 * text that would need more is withheld whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-redact"

#include "config.h"

#include <string.h>

#include "ld-redact-private.h"

/* Recognisers may look at each character of a value this many times. */
#define WORK_PER_BYTE 48

static gboolean
is_run_char (const char *s,
             gsize       i,
             gsize       len)
{
  return s[i] == '-' || s[i] == '_' || _ld_redact_word_char (s, i, len) > 0;
}

/* The start of the character before @i, or -1. */
static gssize
prev_char (const char *s,
           gsize       i)
{
  if (i == 0)
    return -1;
  i--;
  while (i > 0 && ((guchar) s[i] & 0xC0) == 0x80)
    i--;
  return (gssize) i;
}

static gboolean
at_boundary (const char *s,
             gsize       i,
             gsize       len)
{
  gssize p = prev_char (s, i);

  return p < 0 || (_ld_redact_word_char (s, p, len) == 0 && s[p] != '-' && s[p] != '_' && s[p] != '.' && s[p] != '@');
}

static gboolean
spend (LdRedactor *self,
       gsize       n)
{
  self->work += n;
  return self->work <= self->work_limit;
}

/* The end of a free-text token at @i: up to white space or a quote or
 * bracket that cannot be part of a value. */
static gsize
token_end (const char *s,
           gsize       i,
           gsize       len)
{
  while (i < len && !_ld_redact_is_space (s[i]) && !strchr ("\"'<>()[]{}|`,", s[i]))
    i++;
  return i;
}

/* Sentence punctuation after a value is not part of it. */
static gsize
trim_trailing (const char *s,
               gsize       start,
               gsize       end)
{
  while (end > start && strchr (".,;:!?", s[end - 1]))
    end--;
  return end;
}

static gsize
try_scheme_uri (LdRedactor *self,
                GString    *out,
                const char *s,
                gsize       i,
                gsize       len)
{
  gsize j = i, end;

  while (j < len && (g_ascii_isalnum (s[j]) || s[j] == '.' || s[j] == '+' || s[j] == '-'))
    j++;
  if (j >= len || s[j] != ':' || !_ld_redact_is_uri_scheme (s + i, j - i))
    return 0;
  end = token_end (s, j, len);
  /* "sip:…>" and "(https://…)" end at their bracket; a SIP URI's params
   * may hold quotes ("+sip.instance=\"<urn:…>\"") only inside name-addrs,
   * which the SIP rewriter handles. */
  end = trim_trailing (s, j + 1, end);
  if (end <= j + 1)
    return 0;
  return _ld_redact_uri (self, out, s + i, end - i);
}

static gsize
try_ip (LdRedactor *self,
        GString    *out,
        const char *s,
        gsize       i,
        gsize       len)
{
  gsize j = i;
  const char *p;

  if (s[i] == '[')
    {
      const char *close = memchr (s + i, ']', MIN (len - i, 64));

      if (close == NULL)
        return 0;
      {
        g_autofree char *inner = g_strndup (s + i + 1, close - s - i - 1);
        g_autoptr(GInetAddress) addr = g_inet_address_new_from_string (inner);

        if (addr == NULL)
          return 0;
      }
      _ld_redact_host (self, out, s + i, close + 1 - (s + i));
      return close + 1 - (s + i);
    }
  /* IPv4 */
  while (j < len && (g_ascii_isdigit (s[j]) || s[j] == '.'))
    j++;
  if (j > i && _ld_redact_parse_ipv4 (s + i, j - i) && (j >= len || !g_ascii_isalnum (s[j])))
    {
      p = _ld_redactor_ipv4 (self, s + i, j - i);
      g_string_append_len (out, p ? p : s + i, p ? (gssize) strlen (p) : (gssize) (j - i));
      return j - i;
    }
  /* IPv6: hex digits and colons (and an IPv4 tail), at least two colons. */
  j = i;
  {
    guint colons = 0;
    gboolean digit = FALSE;

    while (j < len && j - i < 64 && (g_ascii_isxdigit (s[j]) || s[j] == ':' || s[j] == '.'))
      {
        colons += s[j] == ':';
        digit |= g_ascii_isdigit (s[j]);
        j++;
      }
    while (j > i && (s[j - 1] == '.' || (s[j - 1] == ':' && !(j - i >= 2 && s[j - 2] == ':'))))
      j--;
    if (colons >= 2 && digit && (j >= len || !g_ascii_isalnum (s[j])))
      {
        g_autofree char *text = g_strndup (s + i, j - i);
        g_autoptr(GInetAddress) addr = g_inet_address_new_from_string (text);
        gsize zone_end = j;

        if (addr == NULL)
          return 0;
        if (j < len && s[j] == '%')
          {
            zone_end = j + 1;
            while (zone_end < len && g_ascii_isalnum (s[zone_end]))
              zone_end++;
          }
        _ld_redact_host (self, out, s + i, zone_end - i);
        return zone_end - i;
      }
  }
  return 0;
}

/* "+1 (425) 555-0123", "+14255550123", "(425) 555-0123", "425-555-0123". */
static gsize
try_phone (LdRedactor *self,
           GString    *out,
           const char *s,
           gsize       i,
           gsize       len)
{
  gsize j = i, last_digit = i;
  guint digits = 0;

  if (s[i] == '+')
    {
      j++;
      if (j >= len || !g_ascii_isdigit (s[j]))
        return 0;
      while (j < len && j - i < 32 && (g_ascii_isdigit (s[j]) || strchr (" ().-", s[j])))
        {
          if (g_ascii_isdigit (s[j]))
            digits++, last_digit = j + 1;
          j++;
        }
      if (digits < 7 || (last_digit < len && g_ascii_isalnum (s[last_digit])))
        return 0;
      g_string_append (out, _ld_redactor_phone (self, s + i, last_digit - i));
      return last_digit - i;
    }
  /* North American notation: 3, 3 and 4 digits. */
  {
    static const char * const shapes[] = { "(ddd) ddd-dddd", "(ddd)ddd-dddd", "ddd-ddd-dddd", "ddd.ddd.dddd" };

    for (gsize k = 0; k < G_N_ELEMENTS (shapes); k++)
      {
        gsize n = strlen (shapes[k]);
        gboolean ok = i + n <= len;

        for (gsize m = 0; ok && m < n; m++)
          ok = shapes[k][m] == 'd' ? g_ascii_isdigit (s[i + m]) : s[i + m] == shapes[k][m];
        if (ok && (i + n >= len || !g_ascii_isalnum (s[i + n])))
          {
            g_string_append (out, _ld_redactor_phone (self, s + i, n));
            return n;
          }
      }
  }
  return 0;
}

/* "key=value", "key: value", "key=\"value\"" where the key names someone. */
static gsize
try_key_value (LdRedactor *self,
               GString    *out,
               const char *s,
               gsize       i,
               gsize       len)
{
  gsize j = i, v, vend;
  LdRedactKind kind;
  char quote = 0;

  while (j < len && (g_ascii_isalnum (s[j]) || s[j] == '-' || s[j] == '_' || s[j] == '.' || s[j] == '+'))
    j++;
  if (j == i || j >= len || (s[j] != '=' && s[j] != ':') || !_ld_redact_key_kind (s + i, j - i, &kind))
    return 0;
  v = j + 1;
  while (v < len && s[v] == ' ' && s[j] == ':')
    v++;
  if (v < len && (s[v] == '"' || s[v] == '\''))
    quote = s[v++];
  vend = v;
  if (quote)
    {
      while (vend < len && s[vend] != quote)
        vend++;
    }
  else
    {
      /* A name may have spaces only when quoted; a URI runs to its end. */
      while (vend < len && !_ld_redact_is_space (s[vend]) && !strchr (",;\"'<>()[]{}|&", s[vend]))
        vend++;
      vend = trim_trailing (s, v, vend);
    }
  if (vend == v)
    return 0;
  g_string_append_len (out, s + i, v - i);
  _ld_redact_value (self, out, s + i, j - i, s + v, vend - v);
  if (quote && vend < len)
    {
      g_string_append_c (out, quote);
      vend++;
    }
  return vend - i;
}

/* DOMAIN\user (not a drive letter, not a path). */
static gsize
try_domain_user (LdRedactor *self,
                 GString    *out,
                 const char *s,
                 gsize       i,
                 gsize       len)
{
  gsize j = i, k;

  while (j < len && j - i <= 64 && (g_ascii_isalnum (s[j]) || s[j] == '-' || s[j] == '_' || s[j] == '.'))
    j++;
  if (j == i || j >= len || s[j] != '\\' || j + 1 >= len || j - i > 63)
    return 0;
  if (j - i == 1 || (j + 1 < len && s[j + 1] == '\\'))
    return 0;
  k = j + 1;
  while (k < len && (_ld_redact_word_char (s, k, len) > 0 || s[k] == '-' || s[k] == '_' || s[k] == '.' || s[k] == '$'))
    k += _ld_redact_word_char (s, k, len) > 0 ? _ld_redact_word_char (s, k, len) : 1;
  k = trim_trailing (s, j + 1, k);
  if (k == j + 1 || (k < len && s[k] == '\\'))
    return 0;
  {
    const char *d;
    const char *dot;

    if (memchr (s + i, '.', j - i))
      _ld_redact_host (self, out, s + i, j - i);
    else
      {
        g_autofree char *label = g_utf8_casefold (s + i, j - i);

        d = _ld_redactor_pseudonym (self, LD_REDACT_DOMAIN, label);
        dot = d ? strchr (d, '.') : NULL;
        g_string_append_len (out, d ? d : LD_REDACTED_MARK,
                             d ? (dot ? dot - d : (gssize) strlen (d)) : -1);
      }
  }
  g_string_append_c (out, '\\');
  g_string_append (out, _ld_redactor_user (self, s + j + 1, k - j - 1, NULL, 0));
  return k - i;
}

/* user@host, not inside a URI (those are handled with their scheme). */
static gsize
try_address (LdRedactor *self,
             GString    *out,
             const char *s,
             gsize       i,
             gsize       len)
{
  gsize j = i, at, hend;
  guint n;
  gsize last;

  while (j < len && j - i <= 256 && (_ld_redact_word_char (s, j, len) > 0 || strchr (".%+'-_", s[j])))
    j += _ld_redact_word_char (s, j, len) > 0 ? _ld_redact_word_char (s, j, len) : 1;
  if (j == i || j >= len || s[j] != '@')
    return 0;
  at = j;
  hend = at + 1 + _ld_redact_host_span (s + at + 1, len - at - 1, &n, &last);
  if (hend == at + 1)
    return 0;
  if (!(n >= 2 && _ld_redact_tld_plausible (s + at + 1 + last, hend - at - 1 - last, TRUE)) &&
      !_ld_redact_parse_ipv4 (s + at + 1, hend - at - 1) && n != 1)
    return 0;
  _ld_redact_user_part (self, out, s + i, at - i, s + at + 1, hend - at - 1);
  g_string_append_c (out, '@');
  _ld_redact_host (self, out, s + at + 1, hend - at - 1);
  return hend - i;
}

/* A dotted host name under any top-level domain, with a path after it
 * when it is a link without its scheme ("meet.lync.com/acme/jsmith/X"). */
static gsize
try_host (LdRedactor *self,
          GString    *out,
          const char *s,
          gsize       i,
          gsize       len)
{
  guint n;
  gsize last;
  gsize span = _ld_redact_host_span (s + i, len - i, &n, &last);

  if (n < 2 || !_ld_redact_tld_plausible (s + i + last, span - last, FALSE))
    return 0;
  if (i + span < len && (s[i + span] == '@' || _ld_redact_word_char (s, i + span, len) > 0))
    return 0;
  _ld_redact_host (self, out, s + i, span);
  if (i + span < len && s[i + span] == '/')
    {
      gsize end = trim_trailing (s, i + span, token_end (s, i + span, len));

      if (end > i + span + 1)
        {
          _ld_redactor_collect (self, LD_REDACT_PATH, s + i + span + 1, end - i - span - 1);
          g_string_append_c (out, '/');
          g_string_append (out, _ld_redactor_numbered (self, LD_REDACT_PATH, "path-", NULL,
                                                       s + i + span, end - i - span));
          return end - i;
        }
    }
  return span;
}

/**
 * _ld_redact_text:
 * @s: free text: a trace line, a reason phrase, a field of unknown
 *   structure that reads as text
 *
 * Every value recognised by its shape, and every learnt word, is
 * replaced; the words around them stay as written.
 */
void
_ld_redact_text (LdRedactor *self,
                 GString    *out,
                 const char *s,
                 gsize       len)
{
  gsize i = 0;
  guint64 saved_work = self->work, saved_limit = self->work_limit;

  if (self->depth > 8)
    {
      _ld_redact_append_mark (out, s, len, LD_REDACTED_MARK);
      return;
    }
  self->depth++;
  self->work = 0;
  self->work_limit = (guint64) len * WORK_PER_BYTE + 4096;
  while (i < len)
    {
      guchar c = s[i];
      gsize used = 0;
      gsize wc;

      if (!spend (self, 1))
        {
          /* Text built to make the recognisers slow: the rest goes whole. */
          _ld_redact_append_mark (out, s + i, len - i, LD_REDACTED_MARK);
          break;
        }
      wc = _ld_redact_word_char (s, i, len);
      if (wc == 0 && c != '+' && c != '\\' && c != '(' && c != '[' && c != '{')
        {
          /* A whole character: a recogniser never starts inside one. */
          gsize n = _ld_redact_char_len (s, i, len);

          g_string_append_len (out, s + i, n);
          i += n;
          continue;
        }
      if (at_boundary (s, i, len))
        {
          gsize tend = token_end (s, i, len);

          spend (self, (tend - i) * 8);
          if (c == '\\' || (wc > 0 && i + 2 < len && s[i + 1] == ':' && s[i + 2] == '\\'))
            {
              if (_ld_redact_is_windows_path (s + i, len - i))
                {
                  gsize end = i + 2;

                  /* A path may hold spaces ("Program Files"): to the end
                   * of the token, then on while the next word continues it. */
                  end = trim_trailing (s, i, token_end (s, i, len));
                  _ld_redact_path (self, out, s + i, end - i);
                  used = end - i;
                }
            }
          /* GUIDs: a device's, met in a record, is replaced; any other
           * is an id a program drew, as a Call-ID is, and stays. */
          if (used == 0 && c == '{' && i + 38 <= len && _ld_redact_is_guid (s + i, 38))
            {
              const char *known = _ld_redactor_lookup_word (self, s + i, 38);

              g_string_append_len (out, known ? known : s + i, known ? (gssize) strlen (known) : 38);
              used = 38;
            }
          if (used == 0 && wc > 0)
            used = try_scheme_uri (self, out, s, i, len);
          if (used == 0 && wc > 0 && i + 36 <= len && _ld_redact_is_guid (s + i, 36) &&
              (i + 36 == len || !g_ascii_isalnum (s[i + 36])))
            {
              const char *known = _ld_redactor_lookup_word (self, s + i, 36);

              g_string_append_len (out, known ? known : s + i, known ? (gssize) strlen (known) : 36);
              used = 36;
            }
          if (used == 0 && (wc > 0))
            {
              gsize m;

              for (m = 17; m >= 12 && used == 0; m--)
                if (i + m <= len && _ld_redact_is_mac (s + i, m) && (m != 12 || i + m == len || !g_ascii_isalnum (s[i + m])) &&
                    (i + m == len || !g_ascii_isxdigit (s[i + m])) &&
                    (i + m == len || !(s[i + m] == ':' || s[i + m] == '-')))
                  {
                    const char *p = _ld_redactor_mac (self, s + i, m);

                    if (p != NULL)
                      {
                        g_string_append (out, p);
                        used = m;
                      }
                  }
            }
          if (used == 0 && (wc > 0 || c == '['))
            used = try_ip (self, out, s, i, len);
          if (used == 0 && wc > 0)
            used = try_key_value (self, out, s, i, len);
          if (used == 0 && wc > 0)
            used = try_address (self, out, s, i, len);
          if (used == 0 && wc > 0)
            used = try_host (self, out, s, i, len);
          if (used == 0 && wc > 0)
            used = try_domain_user (self, out, s, i, len);
          if (used == 0 && (c == '+' || c == '(' || g_ascii_isdigit (c)))
            used = try_phone (self, out, s, i, len);
        }
      if (used > 0)
        {
          i += used;
          continue;
        }
      if (wc == 0)
        {
          gsize n = _ld_redact_char_len (s, i, len);

          g_string_append_len (out, s + i, n);
          i += n;
          continue;
        }
      {
        /* A run of words: learnt names and accounts go. */
        gsize j = i;

        while (j < len && (is_run_char (s, j, len) || (s[j] == ' ' && j + 1 < len && _ld_redact_word_char (s, j + 1, len) > 0 &&
                                                       j - i < 256)))
          j += _ld_redact_word_char (s, j, len) > 0 ? _ld_redact_word_char (s, j, len) : 1;
        /* The run stops before a word that starts a value ("host=…"). */
        {
          gsize k = i;

          while (k < j)
            {
              gsize w = k;

              while (w < j && s[w] != ' ')
                w++;
              if (k > i && w < len && (s[w] == '=' || s[w] == ':' || s[w] == '@' || s[w] == '.' || s[w] == '\\'))
                {
                  j = k - 1;
                  break;
                }
              k = w + 1;
            }
        }
        if (j <= i)
          j = i + MAX (wc, 1);
        spend (self, (j - i) * 4);
        _ld_redact_words (self, out, s + i, j - i);
        i = j;
      }
    }
  self->work = saved_work;
  self->work_limit = saved_limit;
  self->depth--;
}
