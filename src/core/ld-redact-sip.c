/* ld-redact-sip.c - SIP headers rewritten by what each header is
 *
 * Every header of a record the analysis reads redacted goes through
 * _ld_redact_sip_headers(), by what the header IS in SIP (RFC 3261) and
 * in Lync's extensions ([MS-SIPRE], [MS-OCER], [MS-CONFAV]):
 *
 *  - the name-addr headers (From, To, Contact, Route…): display name,
 *    URI user and host, parameters (epid, tag, opaque GRUU ids,
 *    +sip.instance, maddr, received);
 *  - Via, Call-ID, the diagnostic headers and their media debug fields,
 *    User-Agent and Server (machine parts), authentication parameters,
 *    Warning, Reason and the headers of parameters;
 *  - headers of protocol tokens only (Allow, Supported, CSeq) as they are;
 *  - any other header: its value is withheld whole. A header whose
 *    structure is not known here is not passed through.
 *
 * Line breaks are kept, so every line number the analysis reports is the
 * log's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-redact"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ld-redact-private.h"

typedef enum
{
  H_WITHHELD,       /* unknown: the value goes whole */
  H_KEEP,           /* tokens of the protocol only (Allow, Supported, CSeq…) */
  H_NAME_ADDR,      /* [display name] <URI>;params, comma-separated */
  H_VIA,
  H_CALL_ID,
  H_TOKEN,          /* a generated id (ms-conversation-id) */
  H_CONTENT_LENGTH,
  H_DIAGNOSTIC,     /* code;reason="…";field="…" */
  H_PRODUCT,        /* User-Agent, Server */
  H_AUTH,           /* scheme param="…", … */
  H_WARNING,        /* code host "text" */
  H_PARAMS,         /* token;name=value;… */
  H_HOST,           /* a host or address */
  H_TEXT,           /* free text that may name things (Reason phrases) */
} HeaderKind;

typedef struct
{
  const char *name;
  HeaderKind  kind;
} HeaderDef;

/* Compact forms (RFC 3261 section 7.3.3 and the RFCs that add some) are
 * listed as such. */
static const HeaderDef headers[] = {
  { "from", H_NAME_ADDR }, { "f", H_NAME_ADDR }, { "to", H_NAME_ADDR }, { "t", H_NAME_ADDR },
  { "contact", H_NAME_ADDR }, { "m", H_NAME_ADDR }, { "route", H_NAME_ADDR },
  { "record-route", H_NAME_ADDR }, { "reply-to", H_NAME_ADDR }, { "referred-by", H_NAME_ADDR },
  { "b", H_NAME_ADDR }, { "refer-to", H_NAME_ADDR }, { "r", H_NAME_ADDR },
  { "p-asserted-identity", H_NAME_ADDR }, { "p-preferred-identity", H_NAME_ADDR },
  { "p-called-party-id", H_NAME_ADDR }, { "p-associated-uri", H_NAME_ADDR }, { "diversion", H_NAME_ADDR },
  { "history-info", H_NAME_ADDR }, { "path", H_NAME_ADDR }, { "service-route", H_NAME_ADDR },
  { "remote-party-id", H_NAME_ADDR }, { "ms-referred-by", H_NAME_ADDR }, { "alert-info", H_NAME_ADDR },
  { "call-info", H_NAME_ADDR }, { "error-info", H_NAME_ADDR }, { "ms-target-uri", H_NAME_ADDR },
  { "p-served-user", H_NAME_ADDR }, { "ms-forked-from", H_NAME_ADDR },
  { "via", H_VIA }, { "v", H_VIA },
  { "call-id", H_CALL_ID }, { "i", H_CALL_ID }, { "in-reply-to", H_CALL_ID }, { "replaces", H_CALL_ID },
  { "ms-conversation-id", H_TOKEN }, { "ms-correlation-id", H_TOKEN }, { "ms-session-id", H_TOKEN },
  { "content-length", H_CONTENT_LENGTH }, { "l", H_CONTENT_LENGTH },
  { "ms-diagnostics", H_DIAGNOSTIC }, { "ms-diagnostics-public", H_DIAGNOSTIC },
  { "ms-client-diagnostics", H_DIAGNOSTIC },
  { "user-agent", H_PRODUCT }, { "server", H_PRODUCT },
  { "www-authenticate", H_AUTH }, { "proxy-authenticate", H_AUTH }, { "authorization", H_AUTH },
  { "proxy-authorization", H_AUTH }, { "authentication-info", H_AUTH }, { "proxy-authentication-info", H_AUTH },
  { "warning", H_WARNING },
  { "reason", H_PARAMS }, { "ms-edge-proxy-message-trust", H_PARAMS }, { "ms-split-domain-info", H_PARAMS },
  { "ms-asserted-verification-level", H_PARAMS }, { "ms-application-via", H_PARAMS },
  { "ms-endpoint-location-data", H_PARAMS }, { "ms-keep-alive", H_PARAMS }, { "event", H_PARAMS },
  { "o", H_PARAMS }, { "subscription-state", H_PARAMS }, { "content-type", H_PARAMS }, { "c", H_PARAMS },
  { "content-disposition", H_PARAMS }, { "session-expires", H_PARAMS }, { "x", H_PARAMS },
  { "accept", H_PARAMS }, { "ms-user-logon-data", H_PARAMS }, { "ms-call-source", H_PARAMS },
  { "ms-routing-phase", H_PARAMS }, { "ms-target-class", H_PARAMS }, { "ms-exchange-command", H_PARAMS },
  { "ms-text-format", H_PARAMS }, { "ms-im-format", H_PARAMS }, { "retry-after", H_PARAMS },
  { "ms-subnet", H_HOST }, { "ms-trunking-peer", H_HOST }, { "ms-source-fqdn", H_HOST },
  { "cseq", H_KEEP }, { "max-forwards", H_KEEP }, { "content-encoding", H_KEEP }, { "e", H_KEEP },
  { "content-language", H_KEEP }, { "accept-encoding", H_KEEP }, { "accept-language", H_KEEP },
  { "allow", H_KEEP }, { "allow-events", H_KEEP }, { "u", H_KEEP }, { "supported", H_KEEP },
  { "k", H_KEEP }, { "require", H_KEEP }, { "proxy-require", H_KEEP }, { "unsupported", H_KEEP },
  { "expires", H_KEEP }, { "min-expires", H_KEEP }, { "min-se", H_KEEP }, { "priority", H_KEEP },
  { "timestamp", H_KEEP }, { "date", H_KEEP }, { "rseq", H_KEEP }, { "rack", H_KEEP },
  { "mime-version", H_KEEP }, { "ms-sensitivity", H_KEEP }, { "ms-early-media", H_KEEP },
  { "ms-accepted-content-id", H_KEEP }, { "content-transfer-encoding", H_KEEP },
  { "ms-request-timeout", H_KEEP }, { "ms-dialog-route-set-update", H_KEEP },
};

static HeaderKind
header_kind (const char *name,
             gsize       len)
{
  for (gsize i = 0; i < G_N_ELEMENTS (headers); i++)
    if (strlen (headers[i].name) == len && g_ascii_strncasecmp (name, headers[i].name, len) == 0)
      return headers[i].kind;
  return H_WITHHELD;
}

/* Split at @sep outside quotes and angle brackets. */
static gsize
split_end (const char *s,
           gsize       len,
           char        sep)
{
  gboolean q = FALSE;
  int angle = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '\\' && q && i + 1 < len)
        {
          i++;
          continue;
        }
      if (s[i] == '"')
        q = !q;
      else if (!q && s[i] == '<')
        angle++;
      else if (!q && s[i] == '>' && angle > 0)
        angle--;
      else if (!q && angle == 0 && s[i] == sep)
        return i;
    }
  return len;
}

/* ;name=value parameters of a header (not of a URI). */
static void
redact_header_params (LdRedactor *self,
                      GString    *out,
                      const char *s,
                      gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize j = i + split_end (s + i, len - i, ';');
      const char *eq = memchr (s + i, '=', j - i);

      if (eq == NULL)
        g_string_append_len (out, s + i, j - i);
      else
        {
          gsize nlen = eq - (s + i);
          const char *v = eq + 1;
          gsize vlen = s + j - v;

          g_string_append_len (out, s + i, nlen + 1);
          while (nlen > 0 && _ld_redact_is_space (s[i + nlen - 1]))
            nlen--;
          while (vlen > 0 && _ld_redact_is_space (*v))
            g_string_append_c (out, *v++), vlen--;
          if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"')
            {
              /* +sip.instance="<urn:uuid:…>", gruu="sip:…" */
              const char *in = v + 1;
              gsize in_len = vlen - 2;

              g_string_append_c (out, '"');
              if (in_len >= 2 && in[0] == '<' && in[in_len - 1] == '>')
                {
                  g_string_append_c (out, '<');
                  _ld_redact_value (self, out, s + i, nlen, in + 1, in_len - 2);
                  g_string_append_c (out, '>');
                }
              else if (nlen == 7 && g_ascii_strncasecmp (s + i, "methods", 7) == 0)
                g_string_append_len (out, in, in_len);
              else
                _ld_redact_value (self, out, s + i, nlen, in, in_len);
              g_string_append_c (out, '"');
            }
          else
            _ld_redact_param_value (self, out, s + i, nlen, v, vlen);
        }
      if (j < len)
        g_string_append_c (out, ';');
      i = j + 1;
    }
}

/* One name-addr or addr-spec with its header parameters. */
static void
redact_name_addr (LdRedactor *self,
                  GString    *out,
                  const char *s,
                  gsize       len)
{
  gsize lt = 0;
  gboolean q = FALSE;

  for (lt = 0; lt < len; lt++)
    {
      if (s[lt] == '\\' && q && lt + 1 < len)
        lt++;
      else if (s[lt] == '"')
        q = !q;
      else if (!q && s[lt] == '<')
        break;
    }
  if (lt < len)
    {
      const char *gt = memchr (s + lt, '>', len - lt);
      gsize uri_end = gt ? (gsize) (gt - s) : len;

      _ld_redact_display_name (self, out, s, lt);
      g_string_append_c (out, '<');
      if (_ld_redact_uri (self, out, s + lt + 1, uri_end - lt - 1) == 0)
        _ld_redact_value (self, out, "uri", 3, s + lt + 1, uri_end - lt - 1);
      if (gt != NULL)
        {
          g_string_append_c (out, '>');
          redact_header_params (self, out, gt + 1, s + len - gt - 1);
        }
      return;
    }
  {
    /* addr-spec: the parameters after it belong to the header. */
    gsize a = 0;
    gsize semi;

    while (a < len && _ld_redact_is_space (s[a]))
      g_string_append_c (out, s[a++]);
    semi = a + split_end (s + a, len - a, ';');
    if (_ld_redact_uri (self, out, s + a, semi - a) == 0)
      _ld_redact_value (self, out, "uri", 3, s + a, semi - a);
    if (semi < len)
      {
        g_string_append_c (out, ';');
        redact_header_params (self, out, s + semi + 1, len - semi - 1);
      }
  }
}

static void
redact_list (LdRedactor *self,
             GString    *out,
             const char *s,
             gsize       len,
             void      (*item) (LdRedactor *, GString *, const char *, gsize))
{
  gsize i = 0;

  while (i < len)
    {
      gsize j = i + split_end (s + i, len - i, ',');

      item (self, out, s + i, j - i);
      if (j < len)
        g_string_append_c (out, ',');
      i = j + 1;
    }
}

/* "SIP/2.0/TLS", "SIP/2.0/UDP": letters, digits, '/' and '.' after "SIP/". */
static gboolean
is_via_protocol (const char *s,
                 gsize       len)
{
  if (len < 4 || g_ascii_strncasecmp (s, "SIP/", 4) != 0)
    return FALSE;
  for (gsize i = 4; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '/' && s[i] != '.')
      return FALSE;
  return TRUE;
}

/* "SIP/2.0/TLS 192.168.1.20:50123;branch=…;received=…" */
static void
redact_via (LdRedactor *self,
            GString    *out,
            const char *s,
            gsize       len)
{
  gsize i = 0, j, semi;

  while (i < len && _ld_redact_is_space (s[i]))
    g_string_append_c (out, s[i++]);
  j = i;
  while (j < len && !_ld_redact_is_space (s[j]))
    j++;
  if (is_via_protocol (s + i, j - i))
    g_string_append_len (out, s + i, j - i);   /* SIP/2.0/TLS */
  else
    _ld_redact_text (self, out, s + i, j - i); /* not a protocol: read as any text */
  while (j < len && _ld_redact_is_space (s[j]))
    g_string_append_c (out, s[j++]);
  semi = j + split_end (s + j, len - j, ';');
  _ld_redact_hostport (self, out, s + j, semi - j);
  if (semi < len)
    {
      g_string_append_c (out, ';');
      redact_header_params (self, out, s + semi + 1, len - semi - 1);
    }
}

/* "code;reason=\"…\";field=\"…\"…" and the media debug fields inside. */
static void
redact_media_debug (LdRedactor *self,
                    GString    *out,
                    const char *s,
                    gsize       len)
{
  /* "application-sharing:ICEWarn=0x4000320,LocalSite=207.46.5.9:20702, …" */
  gsize i = 0;
  const char *colon = memchr (s, ':', len);
  const char *eq = memchr (s, '=', len);

  if (colon != NULL && (eq == NULL || colon < eq))
    {
      g_string_append_len (out, s, colon + 1 - s);
      i = colon + 1 - s;
    }
  while (i < len)
    {
      gsize j = i;
      const char *e;

      while (j < len && s[j] != ',')
        j++;
      e = memchr (s + i, '=', j - i);
      if (e == NULL)
        _ld_redact_value (self, out, NULL, 0, s + i, j - i);
      else
        {
          gsize a = i, nlen;

          while (a < (gsize) (e - s) && _ld_redact_is_space (s[a]))
            g_string_append_c (out, s[a++]);
          nlen = e - (s + a);
          g_string_append_len (out, s + a, nlen + 1);
          /* LocalSite, RemoteMR, BaseAddress: address:port. */
          if ((nlen >= 4 && g_ascii_strncasecmp (s + a + nlen - 4, "Site", 4) == 0) ||
              (nlen >= 2 && g_ascii_strncasecmp (s + a + nlen - 2, "MR", 2) == 0) ||
              (nlen >= 7 && g_ascii_strncasecmp (s + a + nlen - 7, "Address", 7) == 0 &&
               !(nlen == 10 && g_ascii_strncasecmp (s + a, "MacAddress", 10) == 0)))
            _ld_redact_hostport (self, out, e + 1, s + j - e - 1);
          else
            _ld_redact_value (self, out, s + a, nlen, e + 1, s + j - e - 1);
        }
      if (j < len)
        g_string_append_c (out, ',');
      i = j + 1;
    }
}

static void
redact_diagnostic (LdRedactor *self,
                   GString    *out,
                   const char *s,
                   gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize j = i + split_end (s + i, len - i, ';');
      const char *eq = memchr (s + i, '=', j - i);

      if (eq == NULL)
        _ld_redact_value (self, out, "code", 4, s + i, j - i);
      else
        {
          gsize a = i, nlen;
          const char *v = eq + 1;
          gsize vlen = s + j - v;
          gboolean quoted;

          while (a < (gsize) (eq - s) && _ld_redact_is_space (s[a]))
            g_string_append_c (out, s[a++]);
          nlen = eq - (s + a);
          g_string_append_len (out, s + a, nlen + 1);
          while (nlen > 0 && _ld_redact_is_space (s[a + nlen - 1]))
            nlen--;
          while (vlen > 0 && _ld_redact_is_space (*v))
            g_string_append_c (out, *v++), vlen--;
          quoted = vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"';
          /* The blog copies close with a typographic quote. */
          if (quoted)
            {
              g_string_append_c (out, '"');
              v++;
              vlen -= 2;
            }
          if ((nlen == 16 && (g_ascii_strncasecmp (s + a, "CallerMediaDebug", 16) == 0 ||
                              g_ascii_strncasecmp (s + a, "CalleeMediaDebug", 16) == 0)))
            redact_media_debug (self, out, v, vlen);
          else if ((nlen == 6 && g_ascii_strncasecmp (s + a, "reason", 6) == 0) ||
                   (nlen == 9 && g_ascii_strncasecmp (s + a, "ErrorType", 9) == 0) ||
                   (nlen == 4 && g_ascii_strncasecmp (s + a, "Text", 4) == 0) ||
                   (nlen == 11 && g_ascii_strncasecmp (s + a, "Description", 11) == 0))
            _ld_redact_text (self, out, v, vlen);
          else if (nlen == 7 && g_ascii_strncasecmp (s + a, "HRESULT", 7) == 0)
            _ld_redact_text (self, out, v, vlen);
          else
            _ld_redact_value (self, out, s + a, nlen, v, vlen);
          if (quoted)
            g_string_append_c (out, '"');
          /* An unterminated quote: the rest was the value. */
        }
      if (j < len)
        g_string_append_c (out, ';');
      i = j + 1;
    }
}

/* Product tokens and comments (RFC 3261 section 20.41): the products a
 * client or server is made of stay; a word that is neither a product
 * token nor a known word (a machine name) is a host. */
static void
redact_product (LdRedactor *self,
                GString    *out,
                const char *s,
                gsize       len)
{
  static const char * const words[] = {
    "microsoft", "lync", "skype", "for", "business", "office", "communicator", "beta", "windows",
    "mac", "ios", "android", "web", "app", "attendee", "online", "focus", "mediationserver", "mcu",
    "av-mcu", "as-mcu", "ccmcu", "conferencing", "server", "edge", "rtc", "rtcc", "ocs", "lcs",
    "uccapi", "uccp", "oc", "mras", "rtcs", "lync.", "x64", "x86", "64-bit", "32-bit", "basic",
    "phone", "edition", "plugin", "mobile", "ucwa", "teams", "client", "apps", "ms", "mscp",
    "pstn", "gateway", "sbc", "exchange", "um", "unified", "messaging", "service", "services",
    "trunking", "nt", "win32", "win64", "linux", "and", "the", "(", ")", "focusfactory",
  };
  gsize i = 0;

  while (i < len)
    {
      gsize j = i;

      if (_ld_redact_is_space (s[i]) || s[i] == '(' || s[i] == ')' || s[i] == ';' || s[i] == ',')
        {
          g_string_append_c (out, s[i]);
          i++;
          continue;
        }
      while (j < len && !_ld_redact_is_space (s[j]) && s[j] != '(' && s[j] != ')' && s[j] != ';' && s[j] != ',')
        j++;
      {
        const char *slash = memchr (s + i, '/', j - i);
        gboolean product = FALSE;

        if (slash != NULL)
          {
            /* "UCCAPI/15.0.4569.1503": a name and a version. */
            gboolean version = slash + 1 < s + j;

            for (const char *p = slash + 1; p < s + j; p++)
              if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
                version = FALSE;
            product = version;
            for (const char *p = s + i; p < slash; p++)
              if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
                product = FALSE;
          }
        if (product)
          {
            /* The product's name, if it is a machine's, still goes. */
            gboolean known = FALSE;

            for (gsize k = 0; k < G_N_ELEMENTS (words); k++)
              if (strlen (words[k]) == (gsize) (slash - (s + i)) &&
                  g_ascii_strncasecmp (words[k], s + i, slash - (s + i)) == 0)
                known = TRUE;
            if (known || !_ld_redact_is_random_token (s + i, slash - (s + i)))
              g_string_append_len (out, s + i, j - i);
            else
              {
                _ld_redact_value (self, out, NULL, 0, s + i, slash - (s + i));
                g_string_append_len (out, slash, s + j - slash);
              }
          }
        else
          {
            gboolean known = FALSE;
            gboolean version = TRUE;

            for (gsize k = 0; k < G_N_ELEMENTS (words); k++)
              if (strlen (words[k]) == j - i && g_ascii_strncasecmp (words[k], s + i, j - i) == 0)
                known = TRUE;
            for (gsize k = i; k < j; k++)
              if (!g_ascii_isdigit (s[k]) && s[k] != '.')
                version = FALSE;
            if (known || version)
              g_string_append_len (out, s + i, j - i);
            else if (memchr (s + i, '.', j - i) != NULL || memchr (s + i, '@', j - i) != NULL ||
                     memchr (s + i, ':', j - i) != NULL)
              _ld_redact_text (self, out, s + i, j - i);
            else
              g_string_append (out, _ld_redactor_host_label (self, s + i, j - i));
          }
      }
      i = j;
    }
}

/* NTLM and Kerberos blobs name the domain, the account and the machine. */
static void
redact_auth (LdRedactor *self,
             GString    *out,
             const char *s,
             gsize       len)
{
  static const char * const keep[] = {
    "qop", "version", "algorithm", "cnum", "snum", "crand", "srand", "rspauth", "response", "opaque",
    "nonce", "cnonce", "nc", "sensor", "stale",
  };
  gsize i = 0, j;

  while (i < len && _ld_redact_is_space (s[i]))
    g_string_append_c (out, s[i++]);
  j = i;
  while (j < len && !_ld_redact_is_space (s[j]) && s[j] != '=')
    j++;
  if (j < len && s[j] != '=')
    {
      g_string_append_len (out, s + i, j - i);  /* NTLM, Kerberos, TLS-DSK, Digest */
      i = j;
    }
  while (i < len)
    {
      gsize k = i + split_end (s + i, len - i, ',');
      const char *eq = memchr (s + i, '=', k - i);

      if (eq == NULL)
        g_string_append_len (out, s + i, k - i);
      else
        {
          gsize a = i, nlen;
          const char *v = eq + 1;
          gsize vlen = s + k - v;
          gboolean quoted;
          gboolean known = FALSE;

          while (a < (gsize) (eq - s) && _ld_redact_is_space (s[a]))
            g_string_append_c (out, s[a++]);
          nlen = eq - (s + a);
          g_string_append_len (out, s + a, nlen + 1);
          while (nlen > 0 && _ld_redact_is_space (s[a + nlen - 1]))
            nlen--;
          while (vlen > 0 && _ld_redact_is_space (*v))
            g_string_append_c (out, *v++), vlen--;
          quoted = vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"';
          if (quoted)
            {
              g_string_append_c (out, '"');
              v++;
              vlen -= 2;
            }
          for (gsize n = 0; n < G_N_ELEMENTS (keep); n++)
            if (strlen (keep[n]) == nlen && g_ascii_strncasecmp (keep[n], s + a, nlen) == 0)
              known = TRUE;
          if (nlen == 5 && g_ascii_strncasecmp (s + a, "realm", 5) == 0 &&
              vlen == 26 && memcmp (v, "SIP Communications Service", 26) == 0)
            g_string_append_len (out, v, vlen);
          else if (known && _ld_redact_is_random_token (v, vlen))
            g_string_append_len (out, v, vlen);
          else if (known && vlen <= 12 && strspn (v, "0123456789abcdefABCDEFx-,") == vlen)
            g_string_append_len (out, v, vlen);
          else if (known && vlen <= 16 && strspn (v, "abcdefghijklmnopqrstuvwxyz-") == vlen)
            g_string_append_len (out, v, vlen); /* qop="auth", algorithm */
          else if (nlen == 12 && g_ascii_strncasecmp (s + a, "gssapi-data", 11) == 0)
            _ld_redact_append_mark (out, v, vlen, LD_REDACTED_MARK);
          else
            _ld_redact_value (self, out, s + a, nlen, v, vlen);
          if (quoted)
            g_string_append_c (out, '"');
        }
      if (k < len)
        g_string_append_c (out, ',');
      i = k + 1;
    }
}

/* "399 host \"text\"" */
static void
redact_warning (LdRedactor *self,
                GString    *out,
                const char *s,
                gsize       len)
{
  gsize i = 0, j;

  while (i < len && _ld_redact_is_space (s[i]))
    g_string_append_c (out, s[i++]);
  j = i;
  while (j < len && g_ascii_isdigit (s[j]))
    j++;
  g_string_append_len (out, s + i, j - i);
  while (j < len && _ld_redact_is_space (s[j]))
    g_string_append_c (out, s[j++]);
  i = j;
  while (j < len && !_ld_redact_is_space (s[j]))
    j++;
  if (j > i)
    _ld_redact_hostport (self, out, s + i, j - i);
  _ld_redact_text (self, out, s + j, len - j);
}

static void
redact_call_id (LdRedactor *self,
                GString    *out,
                const char *s,
                gsize       len)
{
  gsize a = 0, b = len, semi;

  while (a < b && _ld_redact_is_space (s[a]))
    g_string_append_c (out, s[a++]);
  while (b > a && _ld_redact_is_space (s[b - 1]))
    b--;
  semi = a + split_end (s + a, b - a, ';');
  _ld_redact_token (self, out, LD_REDACT_TOKEN, s + a, semi - a);
  if (semi < b)
    {
      g_string_append_c (out, ';');
      redact_header_params (self, out, s + semi + 1, b - semi - 1);
    }
  g_string_append_len (out, s + b, len - b);
}

/* Values of Allow, Supported, CSeq…: tokens of the protocol, kept when
 * they are nothing else. */
static void
redact_keep (LdRedactor *self,
             GString    *out,
             const char *s,
             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (s[i] == '@' || (guchar) s[i] >= 0x80)
      {
        _ld_redact_text (self, out, s, len);
        return;
      }
  g_string_append_len (out, s, len);
}

/* "token;name=value;…" */
static void
redact_params_header (LdRedactor *self,
                      GString    *out,
                      const char *s,
                      gsize       len)
{
  gsize semi = split_end (s, len, ';');
  const char *eq = memchr (s, '=', semi);

  if (eq != NULL)
    {
      redact_header_params (self, out, s, len);
      return;
    }
  redact_keep (self, out, s, semi);
  if (semi < len)
    {
      g_string_append_c (out, ';');
      redact_header_params (self, out, s + semi + 1, len - semi - 1);
    }
}

/* A header's value, by what the header is. */
static void
redact_header_value (LdRedactor *self,
                     GString    *out,
                     HeaderKind  kind,
                     const char *name,
                     gsize       name_len,
                     const char *s,
                     gsize       len)
{
  switch (kind)
    {
    case H_KEEP:
      redact_keep (self, out, s, len);
      break;
    case H_NAME_ADDR:
      redact_list (self, out, s, len, redact_name_addr);
      break;
    case H_VIA:
      redact_list (self, out, s, len, redact_via);
      break;
    case H_CALL_ID:
      redact_call_id (self, out, s, len);
      break;
    case H_TOKEN:
      {
        gsize a = 0, b = len;

        while (a < b && _ld_redact_is_space (s[a]))
          g_string_append_c (out, s[a++]);
        while (b > a && _ld_redact_is_space (s[b - 1]))
          b--;
        _ld_redact_token (self, out, LD_REDACT_TOKEN, s + a, b - a);
        g_string_append_len (out, s + b, len - b);
      }
      break;
    case H_CONTENT_LENGTH:
      g_string_append_len (out, s, len);
      break;
    case H_DIAGNOSTIC:
      redact_diagnostic (self, out, s, len);
      break;
    case H_PRODUCT:
      redact_product (self, out, s, len);
      break;
    case H_AUTH:
      redact_auth (self, out, s, len);
      break;
    case H_WARNING:
      redact_list (self, out, s, len, redact_warning);
      break;
    case H_PARAMS:
      redact_params_header (self, out, s, len);
      break;
    case H_HOST:
      redact_list (self, out, s, len, _ld_redact_hostport);
      break;
    case H_TEXT:
      _ld_redact_text (self, out, s, len);
      break;
    case H_WITHHELD:
    default:
      {
        gsize a = 0;

        (void) name;
        (void) name_len;
        while (a < len && _ld_redact_is_space (s[a]))
          g_string_append_c (out, s[a++]);
        if (a < len)
          _ld_redact_append_mark (out, s + a, len - a, LD_REDACTED_MARK);
      }
      break;
    }
}

static guint
count_newlines (const char *s,
                gsize       len)
{
  guint n = 0;

  for (const char *p = s; (p = memchr (p, '\n', s + len - p)) != NULL; p++)
    n++;
  return n;
}

/**
 * _ld_redact_sip_headers:
 * @s: header lines ("Name: value\n"), continuation lines included, up to
 *   and without the empty line
 * @content_type: (out) (optional): the Content-Type's value, lower case
 *
 * Returns the value of Content-Length through _ld_redact_body()'s caller.
 */
void
_ld_redact_sip_headers (LdRedactor  *self,
                        GString     *out,
                        const char  *s,
                        gsize        len,
                        char       **content_type)
{
  gsize i = 0;

  while (i < len)
    {
      gsize line_end = i, end, start;
      const char *colon;

      /* The header runs to the end of the line and its continuations. */
      while (line_end < len && s[line_end] != '\n')
        line_end++;
      end = line_end;
      while (end + 1 < len && (s[end + 1] == ' ' || s[end + 1] == '\t'))
        {
          end++;
          while (end < len && s[end] != '\n')
            end++;
        }
      colon = memchr (s + i, ':', line_end - i);
      start = out->len;
      if (colon == NULL)
        {
          /* Not a header: as text. */
          _ld_redact_text (self, out, s + i, end - i);
        }
      else
        {
          gsize name_len = colon - (s + i);
          gsize value_end = end;
          HeaderKind kind;

          while (name_len > 0 && _ld_redact_is_space (s[i + name_len - 1]))
            name_len--;
          kind = header_kind (s + i, name_len);
          if (value_end > 0 && value_end > (gsize) (colon - s) + 1 && s[value_end - 1] == '\r')
            value_end--;
          g_string_append_len (out, s + i, colon + 1 - (s + i));
          if (content_type != NULL && (kind == H_PARAMS) &&
              ((name_len == 12 && g_ascii_strncasecmp (s + i, "content-type", 12) == 0) ||
               (name_len == 1 && g_ascii_tolower (s[i]) == 'c')))
            {
              g_free (*content_type);
              *content_type = g_ascii_strdown (colon + 1, s + value_end - colon - 1);
              g_strstrip (*content_type);
            }
          redact_header_value (self, out, kind, s + i, name_len, colon + 1, s + value_end - colon - 1);
          g_string_append_len (out, s + value_end, end - value_end);
        }
      /* A folded header replaced whole keeps its lines (empty continuation
       * lines), so every later line keeps its number in the record. */
      for (guint n_in = count_newlines (s + i, end - i), n_out = count_newlines (out->str + start, out->len - start);
           n_out < n_in; n_out++)
        g_string_append (out, "\n ");
      if (end < len)
        g_string_append_c (out, '\n');
      i = end + 1;
    }
}
