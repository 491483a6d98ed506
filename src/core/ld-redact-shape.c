/* ld-redact-shape.c - what a piece of a log is: character classes, hosts, addresses, ids, identifying keys
 *
 * The tests the redactor's rewriters share to tell, by its shape alone,
 * whether text is a host name (under any top-level domain), an IPv4 or
 * MAC address, a GUID, a Windows path, a phone number or a generated
 * token, and whether a field's key says its value names someone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-redact"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "ld-redact-private.h"

/* File extensions: "Lync-UccApi-0.UccApilog" in a trace line is a file,
 * not a host under the top-level domain "uccapilog". */
static const char * const file_extensions[] = {
  "log", "uccapilog", "bak", "txt", "xml", "dll", "exe", "cpp", "c", "h", "hpp", "cs", "zip", "etl",
  "json", "pdf", "ini", "cfg", "config", "svc", "aspx", "asmx", "htm", "html", "js", "css", "png", "jpg",
  "jpeg", "gif", "cab", "msi", "dat", "tmp", "sys", "evtx", "cer", "crt", "pfx", "wav", "wma", "mp4",
  "ps1", "bat", "cmd", "vbs", "lnk", "md", "csv", "ico", "mui", "ocx", "pst", "ost", "db", "sdb",
};

static const char * const uri_schemes[] = {
  "sip", "sips", "tel", "im", "pres", "mailto", "http", "https", "ftp", "ldap", "ldaps", "file",
  "urn", "ws", "wss", "net.tcp", "msrp", "msrps",
};

/* Keys whose value names someone or something, whatever it looks like. */
typedef struct
{
  const char   *key;
  LdRedactKind  kind;
} KeyKind;

static const KeyKind identifying_keys[] = {
  { "displayname", LD_REDACT_NAME }, { "display-name", LD_REDACT_NAME }, { "display_name", LD_REDACT_NAME },
  { "name", LD_REDACT_NAME }, { "friendlyname", LD_REDACT_NAME }, { "fullname", LD_REDACT_NAME },
  { "firstname", LD_REDACT_NAME }, { "lastname", LD_REDACT_NAME }, { "givenname", LD_REDACT_NAME },
  { "surname", LD_REDACT_NAME }, { "cn", LD_REDACT_NAME }, { "callername", LD_REDACT_NAME },
  { "calleename", LD_REDACT_NAME }, { "title", LD_REDACT_NAME }, { "company", LD_REDACT_NAME },
  { "department", LD_REDACT_NAME }, { "office", LD_REDACT_NAME },
  { "user", LD_REDACT_USER }, { "username", LD_REDACT_USER }, { "user-name", LD_REDACT_USER },
  { "userid", LD_REDACT_USER }, { "account", LD_REDACT_USER }, { "accountname", LD_REDACT_USER },
  { "samaccountname", LD_REDACT_USER }, { "login", LD_REDACT_USER }, { "logon", LD_REDACT_USER },
  { "upn", LD_REDACT_USER }, { "userprincipalname", LD_REDACT_USER }, { "owner", LD_REDACT_USER },
  { "sip", LD_REDACT_USER }, { "sipuri", LD_REDACT_USER }, { "uri", LD_REDACT_USER },
  { "email", LD_REDACT_USER }, { "mail", LD_REDACT_USER }, { "emailaddress", LD_REDACT_USER },
  { "targeturi", LD_REDACT_USER }, { "target-uri", LD_REDACT_USER }, { "appuri", LD_REDACT_USER },
  { "from", LD_REDACT_USER }, { "to", LD_REDACT_USER }, { "entity", LD_REDACT_USER },
  { "host", LD_REDACT_HOST }, { "hostname", LD_REDACT_HOST }, { "machine", LD_REDACT_HOST },
  { "machinename", LD_REDACT_HOST }, { "computer", LD_REDACT_HOST }, { "computername", LD_REDACT_HOST },
  { "server", LD_REDACT_HOST }, { "servername", LD_REDACT_HOST }, { "serverfqdn", LD_REDACT_HOST },
  { "fqdn", LD_REDACT_HOST }, { "fqdn1", LD_REDACT_HOST }, { "fqdn2", LD_REDACT_HOST },
  { "device", LD_REDACT_HOST }, { "devicename", LD_REDACT_HOST }, { "workstation", LD_REDACT_HOST },
  { "mrdnsu", LD_REDACT_HOST }, { "source", LD_REDACT_HOST }, { "peerserver", LD_REDACT_HOST },
  { "tls-target", LD_REDACT_HOST }, { "targetname", LD_REDACT_HOST }, { "responding-server", LD_REDACT_HOST },
  { "pool", LD_REDACT_HOST }, { "poolfqdn", LD_REDACT_HOST }, { "ms-fe", LD_REDACT_HOST },
  { "ms-ep-fqdn", LD_REDACT_HOST }, { "maddr", LD_REDACT_HOST }, { "received", LD_REDACT_HOST },
  { "domain", LD_REDACT_DOMAIN }, { "domainname", LD_REDACT_DOMAIN }, { "tenant", LD_REDACT_DOMAIN },
  { "tenantname", LD_REDACT_DOMAIN }, { "networkname", LD_REDACT_DOMAIN }, { "dnssuffix", LD_REDACT_DOMAIN },
  { "forest", LD_REDACT_DOMAIN }, { "realm", LD_REDACT_DOMAIN },
  { "macaddress", LD_REDACT_MAC }, { "mac", LD_REDACT_MAC }, { "physicaladdress", LD_REDACT_MAC },
  { "bssid", LD_REDACT_MAC },
  { "phone", LD_REDACT_PHONE }, { "phonenumber", LD_REDACT_PHONE }, { "tel", LD_REDACT_PHONE },
  { "telephone", LD_REDACT_PHONE }, { "mobile", LD_REDACT_PHONE }, { "lineuri", LD_REDACT_PHONE },
  { "ddi", LD_REDACT_PHONE }, { "did", LD_REDACT_PHONE }, { "ext", LD_REDACT_PHONE },
  { "conferenceid", LD_REDACT_MEETING }, { "confid", LD_REDACT_MEETING }, { "meetingid", LD_REDACT_MEETING },
  { "conf-id", LD_REDACT_MEETING }, { "pstnconferenceid", LD_REDACT_MEETING }, { "conference", LD_REDACT_MEETING },
  { "meeting", LD_REDACT_MEETING },
  { "epid", LD_REDACT_ENDPOINT }, { "endpointid", LD_REDACT_ENDPOINT }, { "instance", LD_REDACT_ENDPOINT },
  { "deviceid", LD_REDACT_ENDPOINT }, { "machineid", LD_REDACT_ENDPOINT }, { "sid", LD_REDACT_ENDPOINT },
  { "+sip.instance", LD_REDACT_ENDPOINT }, { "ms-opaque", LD_REDACT_ENDPOINT }, { "gruu", LD_REDACT_ENDPOINT },
  { "path", LD_REDACT_PATH }, { "file", LD_REDACT_PATH }, { "filename", LD_REDACT_PATH },
  { "folder", LD_REDACT_PATH }, { "dir", LD_REDACT_PATH }, { "directory", LD_REDACT_PATH },
  { "logfile", LD_REDACT_PATH },
};

gboolean
_ld_redact_in_list (const char         *s,
                    gsize               len,
                    const char * const *list,
                    gsize               n)
{
  char first;

  if (len == 0)
    return FALSE;
  /* Most words differ in their first letter: compare that first. */
  first = g_ascii_tolower (s[0]);
  for (gsize i = 0; i < n; i++)
    if (g_ascii_tolower (list[i][0]) == first && g_ascii_strncasecmp (s, list[i], len) == 0 && list[i][len] == '\0')
      return TRUE;
  return FALSE;
}

/* Whether @s is a file extension ("uccapilog", "log", "dll"). */
gboolean
_ld_redact_is_file_extension (const char *s,
                              gsize       len)
{
  return _ld_redact_in_list (s, len, file_extensions, G_N_ELEMENTS (file_extensions));
}

/* Whether @s is one of the URI schemes the rewriters know. */
gboolean
_ld_redact_is_uri_scheme (const char *s,
                          gsize       len)
{
  return _ld_redact_in_list (s, len, uri_schemes, G_N_ELEMENTS (uri_schemes));
}

gboolean
_ld_redact_key_kind (const char   *key,
                     gsize         len,
                     LdRedactKind *kind)
{
  char first;

  if (len == 0)
    return FALSE;
  first = g_ascii_tolower (key[0]);
  for (gsize i = 0; i < G_N_ELEMENTS (identifying_keys); i++)
    if (identifying_keys[i].key[0] == first && g_ascii_strncasecmp (key, identifying_keys[i].key, len) == 0 &&
        identifying_keys[i].key[len] == '\0')
      {
        *kind = identifying_keys[i].kind;
        return TRUE;
      }
  return FALSE;
}

/* Byte length of the character at @s[i] when it is a letter, digit or
 * mark (any script), else 0. */
gsize
_ld_redact_word_char (const char *s,
           gsize       i,
           gsize       len)
{
  guchar c = s[i];

  if (c < 0x80)
    return g_ascii_isalnum (c) ? 1 : 0;
  {
    const char *end = NULL;
    gunichar u = g_utf8_get_char_validated (s + i, len - i);

    if (u == (gunichar) -1 || u == (gunichar) -2)
      return 1; /* bytes of another encoding: part of the word */
    end = g_utf8_next_char (s + i);
    if (g_unichar_isalnum (u) || g_unichar_ismark (u))
      return end - (s + i);
    return 0;
  }
}

gboolean
_ld_redact_is_host_byte (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c >= 0x80;
}

gboolean
_ld_redact_is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/**
 * _ld_redact_append_mark:
 * @replacement: what takes the place of @orig
 *
 * Appends @replacement, then as many line breaks as @orig held (as header
 * continuations), so the log's line numbers stay right.
 */
void
_ld_redact_append_mark (GString    *out,
                        const char *orig,
                        gsize       len,
                        const char *replacement)
{
  g_string_append (out, replacement);
  for (gsize i = 0; i < len; i++)
    if (orig[i] == '\n')
      g_string_append (out, "\n ");
}

/**
 * _ld_redact_is_random_token:
 *
 * Whether @s is what software generates (tags, branches, Call-IDs,
 * hashes): letters and digits mixed, no run of five letters that could
 * spell a name. "83B20080" and "z9hG4bK4F2A1" are; "jsmith01", "PC042"
 * and "amy42" are not.
 */
gboolean
_ld_redact_is_random_token (const char *s,
                            gsize       len)
{
  guint run = 0, digits = 0;

  if (len < 8)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      guchar c = s[i];

      if (g_ascii_isdigit (c))
        {
          digits++;
          run = 0;
        }
      else if (g_ascii_isalpha (c))
        {
          if (++run >= 5)
            return FALSE;
        }
      else if (c == '-' || c == '.' || c == '+' || c == '/' || c == '=' || c == '_' || c == '~' ||
               c == '{' || c == '}')
        run = 0;
      else
        return FALSE;
    }
  return digits >= 2;
}

/* The dotted name at @s: labels of letters, digits, '-' and '_' (and
 * non-ASCII, IDN), one dot between labels. Returns its length. */
gsize
_ld_redact_host_span (const char *s,
           gsize       len,
           guint      *n_labels,
           gsize      *last_label)
{
  gsize i = 0, end = 0;
  guint n = 0;

  *last_label = 0;
  while (i < len && _ld_redact_is_host_byte (s[i]))
    {
      gsize start = i;

      while (i < len && _ld_redact_is_host_byte (s[i]))
        i++;
      n++;
      *last_label = start;
      end = i;
      if (i + 1 < len && s[i] == '.' && _ld_redact_is_host_byte (s[i + 1]))
        i++;
      else
        break;
    }
  *n_labels = n;
  return end;
}

/* A top-level domain: letters (any script) or punycode, not a number and
 * not a file extension. Any top-level domain: .health, .loc, .EU … */
gboolean
_ld_redact_tld_plausible (const char *s,
               gsize       len,
               gboolean    allow_file_extension)
{
  gboolean letters = TRUE;

  if (len < 2 || len > 63)
    return FALSE;
  if (len > 4 && g_ascii_strncasecmp (s, "xn--", 4) == 0)
    return TRUE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalpha (s[i]) && (guchar) s[i] < 0x80)
      letters = FALSE;
  if (!letters)
    return FALSE;
  return allow_file_extension || !_ld_redact_is_file_extension (s, len);
}

gboolean
_ld_redact_parse_ipv4 (const char *s,
            gsize       len)
{
  guint n = 0, v = 0, digits = 0;

  for (gsize i = 0; i <= len; i++)
    {
      if (i == len || s[i] == '.')
        {
          if (digits == 0 || digits > 3 || v > 255)
            return FALSE;
          n++;
          v = 0;
          digits = 0;
        }
      else if (g_ascii_isdigit (s[i]))
        v = v * 10 + (s[i] - '0'), digits++;
      else
        return FALSE;
    }
  return n == 4;
}

gboolean
_ld_redact_looks_like_phone (const char *s,
                       gsize       len)
{
  guint digits = 0;
  gsize i = 0;

  if (len > 0 && s[0] == '+')
    i = 1;
  for (; i < len; i++)
    {
      if (g_ascii_isdigit (s[i]))
        digits++;
      else if (!strchr (" ().-", s[i]))
        return FALSE;
    }
  return digits >= 3;
}

gboolean
_ld_redact_is_guid (const char *s,
         gsize       len)
{
  static const int groups[] = { 8, 4, 4, 4, 12 };
  gsize i = 0;

  if (len > 0 && s[0] == '{')
    {
      if (len != 38 || s[37] != '}')
        return FALSE;
      s++;
      len -= 2;
    }
  if (len != 36)
    return FALSE;
  for (guint g = 0; g < 5; g++)
    {
      for (int k = 0; k < groups[g]; k++, i++)
        if (!g_ascii_isxdigit (s[i]))
          return FALSE;
      if (g < 4 && s[i++] != '-')
        return FALSE;
    }
  return TRUE;
}

gboolean
_ld_redact_is_mac (const char *s,
        gsize       len)
{
  if (len == 17)
    {
      char sep = s[2];

      if (sep != '-' && sep != ':')
        return FALSE;
      for (gsize i = 0; i < 17; i++)
        if ((i % 3 == 2) ? s[i] != sep : !g_ascii_isxdigit (s[i]))
          return FALSE;
      return TRUE;
    }
  if (len == 14)
    {
      for (gsize i = 0; i < 14; i++)
        if ((i == 4 || i == 9) ? s[i] != '.' : !g_ascii_isxdigit (s[i]))
          return FALSE;
      return TRUE;
    }
  if (len == 12)
    {
      guint letters = 0;

      for (gsize i = 0; i < 12; i++)
        {
          if (!g_ascii_isxdigit (s[i]))
            return FALSE;
          letters += g_ascii_isalpha (s[i]) ? 1 : 0;
        }
      return letters > 0 && letters < 12;
    }
  return FALSE;
}

gboolean
_ld_redact_is_host_name (const char *s,
              gsize       len,
              gboolean    allow_file_extension)
{
  guint n;
  gsize last;
  gsize span = _ld_redact_host_span (s, len, &n, &last);

  return span == len && n >= 2 && _ld_redact_tld_plausible (s + last, len - last, allow_file_extension);
}

gboolean
_ld_redact_is_windows_path (const char *s,
                 gsize       len)
{
  return (len >= 3 && g_ascii_isalpha (s[0]) && s[1] == ':' && (s[2] == '\\' || s[2] == '/')) ||
         (len >= 3 && s[0] == '\\' && s[1] == '\\' && _ld_redact_is_host_byte (s[2]));
}

/* An IPv6 address, without brackets or zone. */
gboolean
_ld_redact_is_ipv6 (const char *s,
                    gsize       len)
{
  guint colons = 0;
  g_autofree char *text = NULL;
  g_autoptr(GInetAddress) addr = NULL;

  if (len < 2 || len > 45)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == ':')
        colons++;
      else if (!g_ascii_isxdigit (s[i]) && s[i] != '.')
        return FALSE;
    }
  if (colons < 2)
    return FALSE;
  text = g_strndup (s, len);
  addr = g_inet_address_new_from_string (text);
  return addr != NULL && g_inet_address_get_family (addr) == G_SOCKET_FAMILY_IPV6;
}

/* A token of a protocol (SDP's "IP4", "typ", "TCP-PASS", "x-data"):
 * letters, digits and '-', '_', '.', '+', '/', not a host name. */
gboolean
_ld_redact_is_protocol_token (const char *s,
                              gsize       len)
{
  if (len == 0 || len > 40)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && !strchr ("-_.+/", s[i]))
      return FALSE;
  return !_ld_redact_is_host_name (s, len, FALSE) && !_ld_redact_parse_ipv4 (s, len);
}

/* The bytes of the character at @s[i] (one for a byte that starts none). */
gsize
_ld_redact_char_len (const char *s,
                     gsize       i,
                     gsize       len)
{
  gsize n = g_utf8_skip[(guchar) s[i]];

  if (n <= 1 || i + n > len)
    return 1;
  for (gsize k = 1; k < n; k++)
    if (((guchar) s[i + k] & 0xC0) != 0x80)
      return 1;
  return n;
}

/* A phone number written as one: "+" and at least seven digits with the
 * usual separators, or North America's 3-3-4 digits. */
gboolean
_ld_redact_is_phone_number (const char *s,
                            gsize       len)
{
  static const char * const shapes[] = { "(ddd) ddd-dddd", "(ddd)ddd-dddd", "ddd-ddd-dddd", "ddd.ddd.dddd" };
  guint digits = 0;

  if (len >= 8 && s[0] == '+' && g_ascii_isdigit (s[1]) && g_ascii_isdigit (s[len - 1]))
    {
      for (gsize i = 1; i < len; i++)
        {
          if (g_ascii_isdigit (s[i]))
            digits++;
          else if (!strchr (" ()-.", s[i]))
            return FALSE;
        }
      return digits >= 7 && digits <= 15;
    }
  for (gsize k = 0; k < G_N_ELEMENTS (shapes); k++)
    {
      gsize n = strlen (shapes[k]);
      gboolean ok = n == len;

      for (gsize m = 0; ok && m < n; m++)
        ok = shapes[k][m] == 'd' ? g_ascii_isdigit (s[m]) : s[m] == shapes[k][m];
      if (ok)
        return TRUE;
    }
  return FALSE;
}
