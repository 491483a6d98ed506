/* ld-redact-xml.c - XML bodies and QoE reports: the markup stays, the values are judged
 *
 * Lync carries contact lists, presence, conference state and QoE reports
 * as XML ([MS-PRES], [MS-CONFINFO], [MS-QoE]). Their elements and
 * attribute names are the protocol's and stay; every attribute value and
 * every text is a value: a URI, an address or a name where the element or
 * attribute says so (name=, displayName, email), a number or a word of the
 * protocol kept, anything else withheld (ld-redact-text.c, _ld_redact_value).
 * One pass, no tree: a body of any size costs its length.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-redact"

#include "config.h"

#include <string.h>

#include "ld-redact-private.h"

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == ':' || c == '-' || c == '_' || c == '.' || (guchar) c >= 0x80;
}

/* Entities decoded, for judging the value; the result is escaped again. */
static char *
xml_unescape (const char *s,
              gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '&')
        {
          const char *semi = memchr (s + i, ';', MIN (len - i, 12));

          if (semi != NULL)
            {
              gsize n = semi - (s + i) + 1;

              if (n == 5 && memcmp (s + i, "&amp;", 5) == 0)
                g_string_append_c (out, '&');
              else if (n == 4 && memcmp (s + i, "&lt;", 4) == 0)
                g_string_append_c (out, '<');
              else if (n == 4 && memcmp (s + i, "&gt;", 4) == 0)
                g_string_append_c (out, '>');
              else if (n == 6 && memcmp (s + i, "&quot;", 6) == 0)
                g_string_append_c (out, '"');
              else if (n == 6 && memcmp (s + i, "&apos;", 6) == 0)
                g_string_append_c (out, '\'');
              else if (n > 3 && s[i + 1] == '#')
                {
                  gunichar c = s[i + 2] == 'x' || s[i + 2] == 'X'
                               ? (gunichar) g_ascii_strtoull (s + i + 3, NULL, 16)
                               : (gunichar) g_ascii_strtoull (s + i + 2, NULL, 10);

                  if (g_unichar_validate (c) && c != 0)
                    g_string_append_unichar (out, c);
                }
              else
                g_string_append_len (out, s + i, n);
              i += n - 1;
              continue;
            }
        }
      g_string_append_c (out, s[i]);
    }
  return g_string_free (out, FALSE);
}

static void
xml_append_escaped (GString    *out,
                    const char *s,
                    gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      switch (s[i])
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        default: g_string_append_c (out, s[i]); break;
        }
    }
}

/* The local name: "ci:entry" is "entry". */
static void
local_name (const char  *name,
            gsize        len,
            const char **local,
            gsize       *local_len)
{
  const char *colon = memchr (name, ':', len);

  *local = colon ? colon + 1 : name;
  *local_len = colon ? (gsize) (name + len - colon - 1) : len;
}

static gboolean
is_public_namespace (const char *s,
                     gsize       len)
{
  static const char * const prefixes[] = {
    "http://schemas.microsoft.com/", "https://schemas.microsoft.com/", "urn:", "http://www.w3.org/",
    "http://schemas.xmlsoap.org/", "http://schemas.openxmlformats.org/",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (len >= strlen (prefixes[i]) && g_ascii_strncasecmp (s, prefixes[i], strlen (prefixes[i])) == 0)
      return TRUE;
  return FALSE;
}

/* An attribute value or a text, by what names it. */
static void
xml_value (LdRedactor *self,
           GString    *out,
           const char *key,
           gsize       key_len,
           const char *s,
           gsize       len)
{
  g_autofree char *value = NULL;
  g_autoptr(GString) redacted = NULL;
  gsize a = 0, b = len;

  while (a < b && g_ascii_isspace (s[a]))
    a++;
  while (b > a && g_ascii_isspace (s[b - 1]))
    b--;
  if (a == b)
    {
      g_string_append_len (out, s, len);
      return;
    }
  g_string_append_len (out, s, a);
  if ((key_len == 5 && memcmp (key, "xmlns", 5) == 0) ||
      (key_len > 6 && memcmp (key, "xmlns:", 6) == 0))
    {
      if (is_public_namespace (s + a, b - a))
        g_string_append_len (out, s + a, b - a);
      else
        _ld_redact_append_mark (out, s + a, b - a, LD_REDACTED_MARK);   /* its line breaks stay */
      g_string_append_len (out, s + b, len - b);
      return;
    }
  if (memchr (s + a, '\n', b - a) != NULL)
    {
      /* Text over several lines: line by line, so line numbers stay. */
      for (gsize i = a; i < b;)
        {
          gsize j = i;
          g_autofree char *line = NULL;
          g_autoptr(GString) r = g_string_new (NULL);

          while (j < b && s[j] != '\n')
            j++;
          line = xml_unescape (s + i, j - i);
          _ld_redact_text (self, r, line, strlen (line));
          xml_append_escaped (out, r->str, r->len);
          if (j < b)
            g_string_append_c (out, '\n');
          i = j + 1;
        }
      g_string_append_len (out, s + b, len - b);
      return;
    }
  value = xml_unescape (s + a, b - a);
  redacted = g_string_new (NULL);
  {
    const char *local;
    gsize local_len;

    local_name (key, key_len, &local, &local_len);
    _ld_redact_value (self, redacted, local, local_len, value, strlen (value));
  }
  xml_append_escaped (out, redacted->str, redacted->len);
  g_string_append_len (out, s + b, len - b);
}

/* Attributes of a start tag, from after its name to before its '>'. */
static void
xml_attributes (LdRedactor *self,
                GString    *out,
                const char *s,
                gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize n;
      const char *name;
      gsize name_len;
      char q;
      gsize v;

      if (!is_name_char (s[i]))
        {
          g_string_append_c (out, s[i]);
          i++;
          continue;
        }
      n = i;
      while (n < len && is_name_char (s[n]))
        n++;
      name = s + i;
      name_len = n - i;
      g_string_append_len (out, name, name_len);
      i = n;
      while (i < len && g_ascii_isspace (s[i]))
        g_string_append_c (out, s[i++]);
      if (i >= len || s[i] != '=')
        continue;
      g_string_append_c (out, s[i++]);
      while (i < len && g_ascii_isspace (s[i]))
        g_string_append_c (out, s[i++]);
      if (i >= len || (s[i] != '"' && s[i] != '\''))
        continue;
      q = s[i];
      g_string_append_c (out, q);
      v = i + 1;
      i = v;
      while (i < len && s[i] != q)
        i++;
      xml_value (self, out, name, name_len, s + v, i - v);
      if (i < len)
        g_string_append_c (out, s[i++]);
    }
}

/**
 * _ld_redact_xml:
 * @s: XML text, possibly cut off or not well-formed: what cannot be read
 *   as markup is treated as text
 */
void
_ld_redact_xml (LdRedactor *self,
                GString    *out,
                const char *s,
                gsize       len)
{
  gsize i = 0;
  const char *element = "";
  gsize element_len = 0;

  while (i < len)
    {
      if (s[i] != '<')
        {
          gsize j = i;

          while (j < len && s[j] != '<')
            j++;
          xml_value (self, out, element, element_len, s + i, j - i);
          i = j;
          continue;
        }
      if (len - i >= 4 && memcmp (s + i, "<!--", 4) == 0)
        {
          const char *end = g_strstr_len (s + i + 4, len - i - 4, "-->");
          gsize e = end ? (gsize) (end - s) : len;

          g_string_append (out, "<!--");
          _ld_redact_text (self, out, s + i + 4, e - i - 4);
          if (end != NULL)
            g_string_append (out, "-->");
          i = end ? e + 3 : len;
          continue;
        }
      if (len - i >= 9 && memcmp (s + i, "<![CDATA[", 9) == 0)
        {
          const char *end = g_strstr_len (s + i + 9, len - i - 9, "]]>");
          gsize e = end ? (gsize) (end - s) : len;
          g_autoptr(GString) r = g_string_new (NULL);

          g_string_append (out, "<![CDATA[");
          _ld_redact_value (self, r, element, element_len, s + i + 9, e - i - 9);
          /* The text cannot end the section early. */
          for (gsize k = 0; k < r->len; k++)
            g_string_append_c (out, r->str[k] == ']' && k + 2 < r->len && r->str[k + 1] == ']' &&
                                    r->str[k + 2] == '>' ? ')' : r->str[k]);
          if (end != NULL)
            g_string_append (out, "]]>");
          i = end ? e + 3 : len;
          continue;
        }
      if (len - i >= 2 && (s[i + 1] == '?' || s[i + 1] == '!'))
        {
          /* <?xml version="1.0"?> and declarations: protocol, kept. */
          const char *gt = memchr (s + i, '>', len - i);
          gsize e = gt ? (gsize) (gt - s) + 1 : len;

          g_string_append_len (out, s + i, e - i);
          i = e;
          continue;
        }
      {
        gsize n = i + 1;
        gboolean closing = FALSE;
        const char *gt;
        gsize tag_end, attrs_end;

        if (n < len && s[n] == '/')
          closing = TRUE, n++;
        while (n < len && is_name_char (s[n]))
          n++;
        if (n == i + 1 + (closing ? 1 : 0))
          {
            /* A '<' that opens no tag: text. */
            g_autoptr(GString) r = g_string_new (NULL);

            _ld_redact_text (self, r, s + i, 1);
            g_string_append_len (out, r->str, r->len);
            i++;
            continue;
          }
        g_string_append_len (out, s + i, n - i);
        gt = memchr (s + n, '>', len - n);
        tag_end = gt ? (gsize) (gt - s) : len;
        attrs_end = tag_end;
        if (attrs_end > n && s[attrs_end - 1] == '/')
          attrs_end--;
        if (!closing)
          {
            local_name (s + i + 1, n - i - 1, &element, &element_len);
            xml_attributes (self, out, s + n, attrs_end - n);
          }
        else
          g_string_append_len (out, s + n, attrs_end - n);
        g_string_append_len (out, s + attrs_end, (gt ? tag_end + 1 : len) - attrs_end);
        i = gt ? tag_end + 1 : len;
      }
    }
}
