/* ld-redact-uri.c - SIP, tel and web URIs, hosts and addresses, parameters and ids, rewritten
 *
 * Each function writes a value with every identifying part replaced by
 * its pseudonym (ld-redact.c) and everything else as it was: a URI keeps
 * its scheme, port and the parameters SIP defines; a host its service
 * labels and the shape of its domain; a GRUU's opaque value the words
 * that say what it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-redact"

#include "config.h"

#include <string.h>

#include "ld-redact-private.h"

/* Where the registrable domain of a dotted name starts: the last two
 * labels, three under a country's second level ("contoso.co.uk") or a
 * tenant suffix ("contoso.onmicrosoft.com"). */
static gsize
registrable_start (const char *host,
                   gsize       len)
{
  gssize dots[4] = { -1, -1, -1, -1 };
  guint n = 0;

  for (gssize i = (gssize) len - 1; i >= 0 && n < 4; i--)
    if (host[i] == '.')
      dots[n++] = i;
  if (n == 0)
    return 0;
  if (n >= 2)
    {
      gsize tld_len = len - dots[0] - 1;
      gsize sld_len = dots[0] - dots[1] - 1;
      const char *sld = host + dots[1] + 1;

      if ((tld_len == 2 && (sld_len <= 3 || (sld_len == 2))) ||
          (g_ascii_strncasecmp (sld, "onmicrosoft.com", 15) == 0 && len - dots[1] - 1 == 15) ||
          (g_ascii_strncasecmp (sld, "sharepoint.com", 14) == 0 && len - dots[1] - 1 == 14))
        {
          if (tld_len == 2 && sld_len > 3)
            return dots[1] + 1;
          return n >= 3 ? (gsize) dots[2] + 1 : 0;
        }
      return dots[1] + 1;
    }
  return 0;
}

/**
 * _ld_redact_host:
 * @host: a host name, an IPv4 address, or an IPv6 address (bracketed or not)
 *
 * "PC-JSMITH01.acme.health" becomes "host-1.domain1.example": each label
 * of the machine its pseudonym, the domain its own; labels that name a
 * service (meet, sip, lyncdiscover) stay. Public service names stay whole.
 */
void
_ld_redact_host (LdRedactor *self,
                 GString    *out,
                 const char *host,
                 gsize       len)
{
  const char *p;
  gsize reg, end = len;
  gboolean trailing_dot = FALSE;

  if (len == 0)
    return;
  if (host[0] == '[' && host[len - 1] == ']')
    {
      p = _ld_redactor_ipv6 (self, host + 1, len - 2);
      g_string_append_c (out, '[');
      if (p != NULL)
        g_string_append (out, p);
      else if (memchr (host, ':', len) != NULL && g_ascii_isxdigit (host[1]))
        g_string_append_len (out, host + 1, len - 2);
      else
        g_string_append (out, LD_REDACTED_MARK);
      g_string_append_c (out, ']');
      return;
    }
  if (_ld_redact_parse_ipv4 (host, len))
    {
      p = _ld_redactor_ipv4 (self, host, len);
      g_string_append_len (out, p ? p : host, p ? (gssize) strlen (p) : (gssize) len);
      return;
    }
  if (memchr (host, ':', len) != NULL)
    {
      g_autofree char *zone = NULL;
      const char *pct = memchr (host, '%', len);
      gsize addr_len = pct ? (gsize) (pct - host) : len;

      p = _ld_redactor_ipv6 (self, host, addr_len);
      if (p != NULL)
        {
          g_string_append (out, p);
          if (pct != NULL)
            g_string_append_len (out, pct, len - addr_len);
        }
      else if (addr_len == 2 || (addr_len == 3 && host[2] == '1'))
        g_string_append_len (out, host, len);       /* "::" and "::1" */
      else
        g_string_append (out, LD_REDACTED_MARK);
      return;
    }
  while (end > 0 && host[end - 1] == '.')
    end--, trailing_dot = TRUE;
  if (end == 0)
    {
      g_string_append_len (out, host, len);
      return;
    }
  if (_ld_redact_domain_is_public (host, end))
    {
      g_string_append_len (out, host, len);
      return;
    }
  _ld_redactor_collect (self, LD_REDACT_HOST, host, end);
  reg = memchr (host, '.', end) ? registrable_start (host, end) : end;
  /* The labels of the machine or service. */
  for (gsize i = 0; i < reg;)
    {
      gsize j = i;

      while (j < reg && host[j] != '.')
        j++;
      if (j > i)
        {
          /* A service's label, in one case (DNS has none). */
          if (_ld_redact_label_is_generic (host + i, j - i))
            for (gsize k = i; k < j; k++)
              g_string_append_c (out, g_ascii_tolower (host[k]));
          else
            g_string_append (out, _ld_redactor_host_label (self, host + i, j - i));
        }
      if (j < reg)
        g_string_append_c (out, '.');
      i = j + 1;
    }
  if (reg < end)
    {
      p = _ld_redactor_domain (self, host + reg, end - reg);
      if (reg > 0 && (out->len == 0 || out->str[out->len - 1] != '.'))
        g_string_append_c (out, '.');
      g_string_append (out, p ? p : "");
      if (p == NULL)
        g_string_append_len (out, host + reg, end - reg);
    }
  if (trailing_dot)
    g_string_append_c (out, '.');
}

/**
 * _ld_redact_hostport:
 * @s: "host", "host:port", "[v6]:port", "v4::port" (Lync writes the
 *   relay so), or a bare IPv6 address
 */
void
_ld_redact_hostport (LdRedactor *self,
                     GString    *out,
                     const char *s,
                     gsize       len)
{
  gsize a = 0, b = len;
  const char *colon;

  while (a < b && _ld_redact_is_space (s[a]))
    g_string_append_c (out, s[a++]);
  while (b > a && _ld_redact_is_space (s[b - 1]))
    b--;
  if (a == b)
    {
      g_string_append_len (out, s + b, len - b);
      return;
    }
  if (s[a] == '[')
    {
      const char *close = memchr (s + a, ']', b - a);

      if (close != NULL)
        {
          _ld_redact_host (self, out, s + a, close + 1 - (s + a));
          g_string_append_len (out, close + 1, s + b - close - 1);
          g_string_append_len (out, s + b, len - b);
          return;
        }
    }
  {
    /* A bare IPv6 address, with or without a port after its last colon. */
    g_autofree char *whole = g_strndup (s + a, b - a);
    g_autoptr(GInetAddress) addr = NULL;
    const char *pct = strchr (whole, '%');

    if (pct == NULL && strchr (whole, ':') != strrchr (whole, ':'))
      addr = g_inet_address_new_from_string (whole);
    if (addr != NULL)
      {
        _ld_redact_host (self, out, s + a, b - a);
        g_string_append_len (out, s + b, len - b);
        return;
      }
  }
  colon = memchr (s + a, ':', b - a);
  if (colon != NULL)
    {
      const char *host_end = colon;
      const char *port = colon;
      gboolean digits = TRUE;

      while (port < s + b && *port == ':')
        port++;
      for (const char *q = port; q < s + b; q++)
        if (!g_ascii_isdigit (*q))
          digits = FALSE;
      if (digits)
        {
          _ld_redact_host (self, out, s + a, host_end - (s + a));
          g_string_append_len (out, host_end, s + b - host_end);
          g_string_append_len (out, s + b, len - b);
          return;
        }
      /* "host:something": the host as a host, the rest by what it is. */
      _ld_redact_host (self, out, s + a, host_end - (s + a));
      g_string_append_len (out, host_end, port - host_end);
      _ld_redact_value (self, out, NULL, 0, port, s + b - port);
      g_string_append_len (out, s + b, len - b);
      return;
    }
  _ld_redact_host (self, out, s + a, b - a);
  g_string_append_len (out, s + b, len - b);
}

/* The part of a user before its ";params" (tel-style user parts carry
 * ";phone-context=…" before the '@'). */
void
_ld_redact_user_part (LdRedactor *self,
             GString    *out,
             const char *user,
             gsize       len,
             const char *host,
             gsize       host_len)
{
  const char *semi = memchr (user, ';', len);
  gsize ulen = semi ? (gsize) (semi - user) : len;
  const char *colon = memchr (user, ':', ulen);
  g_autofree char *decoded = NULL;

  /* "user:password@" - the password goes. */
  if (colon != NULL)
    ulen = colon - user;
  decoded = g_uri_unescape_segment (user, user + ulen, NULL);
  if (decoded == NULL)
    decoded = g_strndup (user, ulen);
  if (_ld_redact_looks_like_phone (decoded, strlen (decoded)))
    g_string_append (out, _ld_redactor_phone (self, decoded, strlen (decoded)));
  else if (*decoded != '\0')
    {
      /* The domain of the address, for the key, as written; public or
       * not, the user part names someone. */
      g_string_append (out, _ld_redactor_user (self, decoded, strlen (decoded), host, host_len));
    }
  if (colon != NULL)
    g_string_append (out, ":" LD_REDACTED_MARK);
  if (semi != NULL)
    {
      /* ";phone-context=+1425" or "=contoso.com" */
      GString *params = g_string_new (NULL);

      _ld_redact_value (self, params, "phone-context", 13, semi + 1, user + len - semi - 1);
      g_string_append_c (out, ';');
      g_string_append_len (out, params->str, params->len);
      g_string_free (params, TRUE);
    }
}

/**
 * _ld_redact_param_value:
 * @name: a URI's or header's parameter name
 * @s: its value, without quotes
 *
 * The parameters whose meaning SIP and Lync define: tags and branches are
 * generated ids, epid and +sip.instance name an endpoint, opaque a GRUU,
 * maddr and received a host; any other by what its value is.
 */
void
_ld_redact_param_value (LdRedactor *self,
                        GString    *out,
                        const char *name,
                        gsize       nlen,
                        const char *s,
                        gsize       len)
{
#define IS(x) (nlen == strlen (x) && g_ascii_strncasecmp (name, x, nlen) == 0)
  if (IS ("tag") || IS ("branch") || IS ("ms-route-sig") || IS ("ms-received-cid") || IS ("ms-key-info") ||
      IS ("from-tag") || IS ("to-tag") || IS ("call-id") || IS ("ms-conversation-id"))
    _ld_redact_token (self, out, LD_REDACT_TOKEN, s, len);
  else if (IS ("epid") || IS ("ms-opaque"))
    g_string_append (out, _ld_redactor_simple (self, LD_REDACT_ENDPOINT, s, len));
  else if (IS ("opaque"))
    _ld_redact_opaque (self, out, s, len);
  else if (IS ("transport") || IS ("user") || IS ("lr") || IS ("method") || IS ("ttl") || IS ("expires") ||
           IS ("q") || IS ("proxy") || IS ("mobility") || IS ("rport") || IS ("ms-received-port") ||
           IS ("cause") || IS ("refresher") || IS ("purpose") || IS ("handling") || IS ("ms-role-rs-from") ||
           IS ("ms-role-rs-to") || IS ("ms-ent-dest") || IS ("retry-after") || IS ("duration") ||
           IS ("ms-media-location-type") || IS ("ms-source-type") || IS ("ms-source-network") ||
           IS ("ms-traffic-type") || IS ("ms-source-verified-user") || IS ("boundary") || IS ("charset") ||
           IS ("ms-client-diagnostics") || IS ("ms-diagnostics") || IS ("reason") || IS ("ms-fe-type"))
    {
      if (_ld_redact_is_random_token (s, len) || len <= 40)
        _ld_redact_value (self, out, NULL, 0, s, len);
      else
        _ld_redact_append_mark (out, s, len, LD_REDACTED_MARK);
    }
  else
    _ld_redact_value (self, out, name, nlen, s, len);
#undef IS
}

/* One ";name=value" of a URI or header. */
static void
redact_param (LdRedactor *self,
              GString    *out,
              const char *s,
              gsize       len)
{
  const char *eq = memchr (s, '=', len);
  gsize nlen = eq ? (gsize) (eq - s) : len;
  const char *v;
  gsize vlen;
  gboolean quoted = FALSE;

  g_string_append_len (out, s, eq ? nlen + 1 : len);
  if (eq == NULL)
    return;
  v = eq + 1;
  vlen = s + len - v;
  while (nlen > 0 && _ld_redact_is_space (s[nlen - 1]))
    nlen--;
  {
    gsize lead = 0;

    while (lead < vlen && _ld_redact_is_space (v[lead]))
      lead++;
    g_string_append_len (out, v, lead);
    v += lead;
    vlen -= lead;
  }
  if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"')
    {
      quoted = TRUE;
      g_string_append_c (out, '"');
      v++;
      vlen -= 2;
    }
  _ld_redact_param_value (self, out, s, nlen, v, vlen);
  if (quoted)
    g_string_append_c (out, '"');
}

/* ";a=b;c" after a URI's host, split outside quotes. */
static void
redact_params (LdRedactor *self,
               GString    *out,
               const char *s,
               gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize j = i;
      gboolean q = FALSE;

      while (j < len && (q || s[j] != ';'))
        {
          if (s[j] == '"')
            q = !q;
          j++;
        }
      redact_param (self, out, s + i, j - i);
      if (j < len)
        g_string_append_c (out, ';');
      i = j + 1;
    }
}

/* "?Replaces=…&Subject=…" of a SIP URI, or a URL's query. */
static void
redact_uri_headers (LdRedactor *self,
                    GString    *out,
                    const char *s,
                    gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize j = i;

      while (j < len && s[j] != '&')
        j++;
      redact_param (self, out, s + i, j - i);
      if (j < len)
        g_string_append_c (out, '&');
      i = j + 1;
    }
}

static gboolean
scheme_is (const char *s,
           gsize       len,
           const char *scheme)
{
  return strlen (scheme) == len && g_ascii_strncasecmp (s, scheme, len) == 0;
}

/* "urn:uuid:…" and the like. */
static void
redact_urn (LdRedactor *self,
            GString    *out,
            const char *s,
            gsize       len)
{
  if (len > 5 && g_ascii_strncasecmp (s, "uuid:", 5) == 0)
    {
      g_string_append_len (out, s, 5);
      g_string_append (out, _ld_redactor_guid (self, s + 5, len - 5));
    }
  else if ((len > 5 && g_ascii_strncasecmp (s, "ietf:", 5) == 0) ||
           (len > 20 && g_ascii_strncasecmp (s, "schemas-microsoft-com", 21) == 0) ||
           (len > 10 && g_ascii_strncasecmp (s, "microsoft:", 10) == 0))
    g_string_append_len (out, s, len);  /* protocol names */
  else
    _ld_redact_append_mark (out, s, len, LD_REDACTED_MARK);
}

/* "https://host:port/path?query#fragment": the host as a host, the rest
 * as one path pseudonym (a meeting link's path names the tenant, the
 * organiser and the meeting). */
static void
redact_url (LdRedactor *self,
            GString    *out,
            const char *s,
            gsize       len)
{
  gsize i = 0, host_start, host_end;
  const char *at;

  if (len >= 2 && s[0] == '/' && s[1] == '/')
    {
      g_string_append (out, "//");
      i = 2;
    }
  host_start = i;
  while (i < len && s[i] != '/' && s[i] != '?' && s[i] != '#')
    i++;
  host_end = i;
  at = memchr (s + host_start, '@', host_end - host_start);
  if (at != NULL)
    {
      /* user:password@ */
      g_string_append (out, _ld_redactor_user (self, s + host_start, at - (s + host_start), NULL, 0));
      g_string_append_c (out, '@');
      host_start = at + 1 - s;
    }
  _ld_redact_hostport (self, out, s + host_start, host_end - host_start);
  if (host_end < len)
    {
      const char *rest = s + host_end;
      gsize rest_len = len - host_end;

      if (rest_len == 1 && rest[0] == '/')
        g_string_append_c (out, '/');
      else
        {
          /* Every segment of the path names something for the check. */
          for (gsize a = 0; a < rest_len;)
            {
              gsize b = a;

              while (b < rest_len && !strchr ("/?&=#;", rest[b]))
                b++;
              if (b > a)
                _ld_redactor_collect (self, LD_REDACT_PATH, rest + a, b - a);
              a = b + 1;
            }
          g_string_append_c (out, '/');
          g_string_append (out, _ld_redactor_numbered (self, LD_REDACT_PATH, "path-", NULL, rest, rest_len));
        }
    }
}

/**
 * _ld_redact_uri:
 * @s: text starting with a URI's scheme
 * @len: the length of the URI (the caller knows where it ends)
 *
 * SIP, SIPS, tel, im, pres and mail URIs keep their scheme, parameters
 * and port; the user becomes "userN" (a phone number "+999…"), the host
 * as in _ld_redact_host(). Web URLs keep scheme and host (public ones),
 * and their path becomes "path-N". URIs of other schemes keep only the
 * scheme.
 *
 * Returns: @len, or 0 when @s does not start with a scheme.
 */
gsize
_ld_redact_uri (LdRedactor *self,
                GString    *out,
                const char *s,
                gsize       len)
{
  gsize i = 0, scheme_len;
  const char *rest;
  gsize rest_len;

  while (i < len && (g_ascii_isalnum (s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
    i++;
  if (i == 0 || i >= len || s[i] != ':' || !g_ascii_isalpha (s[0]))
    return 0;
  scheme_len = i;
  /* "contoso.com:gruu" is a host and a port, not a URI of the scheme
   * "contoso.com": only the schemes known here are URIs. */
  if (!_ld_redact_is_uri_scheme (s, scheme_len))
    return 0;
  g_string_append_len (out, s, scheme_len + 1);
  rest = s + scheme_len + 1;
  rest_len = len - scheme_len - 1;

  if (scheme_is (s, scheme_len, "sip") || scheme_is (s, scheme_len, "sips") ||
      scheme_is (s, scheme_len, "im") || scheme_is (s, scheme_len, "pres") ||
      scheme_is (s, scheme_len, "mailto"))
    {
      const char *q = memchr (rest, '?', rest_len);
      gsize body = q ? (gsize) (q - rest) : rest_len;
      const char *at = memchr (rest, '@', body);
      const char *host = at ? at + 1 : rest;
      gsize host_len, hp_len;
      const char *semi;

      semi = memchr (host, ';', rest + body - host);
      hp_len = semi ? (gsize) (semi - host) : (gsize) (rest + body - host);
      host_len = hp_len;
      /* The host without its port, for the address's key. */
      if (host_len > 0 && host[0] != '[')
        {
          const char *c = memchr (host, ':', host_len);

          if (c != NULL)
            host_len = c - host;
        }
      if (at != NULL)
        {
          _ld_redact_user_part (self, out, rest, at - rest, host, host_len);
          g_string_append_c (out, '@');
        }
      _ld_redact_hostport (self, out, host, hp_len);
      if (semi != NULL)
        {
          g_string_append_c (out, ';');
          redact_params (self, out, semi + 1, rest + body - semi - 1);
        }
      if (q != NULL)
        {
          g_string_append_c (out, '?');
          redact_uri_headers (self, out, q + 1, rest_len - body - 1);
        }
      return len;
    }
  if (scheme_is (s, scheme_len, "tel"))
    {
      const char *semi = memchr (rest, ';', rest_len);
      gsize nlen = semi ? (gsize) (semi - rest) : rest_len;

      if (nlen > 0)
        g_string_append (out, _ld_redactor_phone (self, rest, nlen));
      if (semi != NULL)
        {
          g_string_append_c (out, ';');
          redact_params (self, out, semi + 1, rest + rest_len - semi - 1);
        }
      return len;
    }
  if (scheme_is (s, scheme_len, "http") || scheme_is (s, scheme_len, "https") ||
      scheme_is (s, scheme_len, "ftp") || scheme_is (s, scheme_len, "ldap") ||
      scheme_is (s, scheme_len, "ldaps") || scheme_is (s, scheme_len, "ws") ||
      scheme_is (s, scheme_len, "wss") || scheme_is (s, scheme_len, "net.tcp") ||
      scheme_is (s, scheme_len, "file") || scheme_is (s, scheme_len, "msrp") ||
      scheme_is (s, scheme_len, "msrps"))
    {
      redact_url (self, out, rest, rest_len);
      return len;
    }
  if (scheme_is (s, scheme_len, "urn"))
    {
      redact_urn (self, out, rest, rest_len);
      return len;
    }
  /* Not reached: the scheme is one of those above. */
  g_assert_not_reached ();
  return len;
}

/**
 * _ld_redact_opaque:
 * @s: a GRUU's opaque value: "user:epid:Hs2b…", "app:conf:focus:id:TF24…",
 *   "state:T"
 *
 * The words that say what the GRUU is stay, the id becomes a pseudonym:
 * "user:epid:epid-1", "app:conf:focus:id:meeting-1".
 */
void
_ld_redact_opaque (LdRedactor *self,
                   GString    *out,
                   const char *s,
                   gsize       len)
{
  static const char * const words[] = {
    "app", "conf", "focus", "focusfactory", "audio-video", "applicationsharing", "application-sharing",
    "chat", "data-conf", "data", "phoneconf", "user", "epid", "id", "state", "srvr", "ext", "conf-id",
    "im", "av", "meeting", "voicemail", "gruu",
  };
  gsize i = 0;
  LdRedactKind kind = LD_REDACT_TOKEN;

  while (i < len)
    {
      gsize j = i;

      while (j < len && s[j] != ':')
        j++;
      if (!_ld_redact_in_list (s + i, j - i, words, G_N_ELEMENTS (words)))
        break;
      if ((j - i == 2 && g_ascii_strncasecmp (s + i, "id", 2) == 0) ||
          (j - i == 7 && g_ascii_strncasecmp (s + i, "conf-id", 7) == 0))
        kind = LD_REDACT_MEETING;
      else if (j - i == 4 && g_ascii_strncasecmp (s + i, "epid", 4) == 0)
        kind = LD_REDACT_ENDPOINT;
      g_string_append_len (out, s + i, MIN (j + 1, len) - i);
      i = j + 1;
    }
  if (i < len)
    g_string_append (out, _ld_redactor_simple (self, kind, s + i, len - i));
}

/**
 * _ld_redact_token:
 *
 * An id a program made: kept when it is random (it identifies a message,
 * not a person), replaced by "token-N" (or @kind's pseudonym) when it
 * could spell something; a host after '@' is a host.
 */
void
_ld_redact_token (LdRedactor   *self,
                  GString      *out,
                  LdRedactKind  kind,
                  const char   *s,
                  gsize         len)
{
  const char *at = memchr (s, '@', len);
  gsize local = at ? (gsize) (at - s) : len;

  if (local > 0)
    {
      if (kind == LD_REDACT_TOKEN && _ld_redact_is_random_token (s, local))
        g_string_append_len (out, s, local);
      else
        g_string_append (out, _ld_redactor_simple (self, kind, s, local));
    }
  if (at != NULL)
    {
      g_string_append_c (out, '@');
      _ld_redact_hostport (self, out, at + 1, len - local - 1);
    }
}
