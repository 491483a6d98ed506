/* ld-redact-value.c - the values of fields: by their key, by their shape, or withheld; paths and display names
 *
 * A field whose structure is known to the rewriters goes to them; any
 * other field's value is judged here: a URI, an address, a path, a GUID
 * by their shape; the value of a key that names someone (user=,
 * MacAddress=, ComputerName=) whatever it looks like; a number, a random
 * id or a word of the protocols kept; anything else withheld whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-redact"

#include "config.h"

#include <string.h>

#include "ld-redact-private.h"

/* Values of protocol fields that are words of the protocols, not of people. */
static const char * const protocol_words[] = {
  "true", "false", "yes", "no", "on", "off", "none", "null", "attendee", "presenter", "organizer",
  "success", "failure", "pending", "active", "terminated", "connected", "disconnected", "online",
  "offline", "busy", "away", "available", "idle", "internal", "external", "remote", "federated",
  "tls", "tcp", "udp", "audio", "video", "applicationsharing", "data", "chat", "focus", "phone",
  "intranet", "internet", "uac", "uas", "default", "unknown", "anonymous", "full", "partial",
  "inbound", "outbound", "sendrecv", "sendonly", "recvonly", "inactive", "host", "srflx", "relay",
  "prflx", "passive", "actpass", "unavailable",
};

/* Folders every Windows or MOSDAL path has: they name nobody. */
static const char * const known_folders[] = {
  "users", "appdata", "local", "locallow", "roaming", "microsoft", "office", "lync", "tracing",
  "program files", "program files (x86)", "programdata", "windows", "system32", "documents",
  "my documents", "desktop", "downloads", "temp", "tmp", "mosdal", "mosdal logs", "user_applications",
  "networking", "system", "logs", "log", "packages", "localstate", "lwaplugin", "skype for business",
  "microsoft.lyncmx_8wekyb3d8bbwe", "home", "tracing_old", "ocs", "communicator", "teams", "var", "etc",
  "usr", "opt", "c$", "admin$", "mosdal_report", "mnt", "media", "run", "srv", "root", "work", "data", "share", "shares",
  "reports", "report", "public", "default",
};

static gboolean
is_numeric_value (const char *s,
                  gsize       len)
{
  gsize i = 0;
  gboolean digit = FALSE;

  if (len >= 3 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    {
      for (i = 2; i < len; i++)
        if (!g_ascii_isxdigit (s[i]))
          return FALSE;
      return TRUE;
    }
  if (i < len && (s[i] == '+' || s[i] == '-'))
    i++;
  for (; i < len; i++)
    {
      if (g_ascii_isdigit (s[i]))
        digit = TRUE;
      else if (!strchr (".:,/-_ ", s[i]))
        return FALSE;
    }
  return digit;
}

static gboolean
is_known_file_name (const char *s,
                    gsize       len)
{
  static const char * const apps[] = { "lync", "communicator", "lwaplugin", "lyncmx", "skype" };
  g_autofree char *lower = g_ascii_strdown (s, len);
  const char *dash;

  if (g_str_equal (lower, "mosdalreport.zip"))
    return TRUE;
  /* APPNAME-uccapi-N.uccapilog[.bak] */
  dash = strstr (lower, "-uccapi-");
  if (dash == NULL)
    return FALSE;
  if (!_ld_redact_in_list (lower, dash - lower, apps, G_N_ELEMENTS (apps)))
    return FALSE;
  dash += 8;
  while (g_ascii_isdigit (*dash))
    dash++;
  return g_str_equal (dash, ".uccapilog") || g_str_equal (dash, ".uccapilog.bak");
}

static gboolean
is_version (const char *s,
            gsize       len)
{
  gboolean digit = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isdigit (s[i]))
        digit = TRUE;
      else if (s[i] != '.')
        return FALSE;
    }
  return digit;
}

/* One folder or file name of a path. */
static void
redact_segment (LdRedactor *self,
                GString    *out,
                const char *s,
                gsize       len,
                gboolean    after_users)
{
  const char *dot;

  if (len == 0 || (len == 1 && s[0] == '.') || (len == 2 && s[0] == '.' && s[1] == '.'))
    {
      g_string_append_len (out, s, len);
      return;
    }
  if (after_users)
    {
      g_string_append (out, _ld_redactor_user (self, s, len, NULL, 0));
      return;
    }
  if (_ld_redact_in_list (s, len, known_folders, G_N_ELEMENTS (known_folders)) || is_version (s, len) ||
      is_known_file_name (s, len))
    {
      g_string_append_len (out, s, len);
      return;
    }
  /* The parts of a name ("MOSDAL_Report_PC-JSMITH01", "jsmith-PC-JSMITH01")
   * are looked for too. */
  for (gsize a = 0; a < len;)
    {
      gsize b = a;

      while (b < len && !strchr ("_. ", s[b]))
        b++;
      if (b > a && b - a < len)
        _ld_redactor_collect (self, LD_REDACT_PATH, s + a, b - a);
      a = b + 1;
    }
  {
    /* A file: its stem gets the pseudonym; the rotation's number, .bak and
     * the extension stay, so "x-0.uccapilog" and "x-1.uccapilog.bak" are
     * still one log's files ("log-1-0.uccapilog", "log-1-1.uccapilog.bak"). */
    gsize end = len, stem_end;
    gboolean bak = len > 4 && g_ascii_strncasecmp (s + len - 4, ".bak", 4) == 0;

    if (bak)
      end -= 4;
    dot = g_strrstr_len (s, end, ".");
    if (dot != NULL && dot > s && s + end - dot - 1 <= 10 &&
        _ld_redact_is_file_extension (dot + 1, s + end - dot - 1))
      {
        g_autofree char *ext = g_ascii_strdown (dot, s + len - dot);
        const char *prefix = g_str_has_suffix (ext, "log") || bak ? "log-" : "file-";
        const char *p;

        stem_end = dot - s;
        while (stem_end > 0 && g_ascii_isdigit (s[stem_end - 1]))
          stem_end--;
        if (stem_end > 1 && stem_end < (gsize) (dot - s) && (s[stem_end - 1] == '-' || s[stem_end - 1] == '_'))
          stem_end--;
        else
          stem_end = dot - s;
        p = _ld_redactor_numbered (self, LD_REDACT_PATH, prefix, NULL, s, stem_end);
        g_string_append (out, p);
        g_string_append_len (out, s + stem_end, dot - s - stem_end);
        g_string_append (out, ext);
        return;
      }
  }
  g_string_append (out, _ld_redactor_numbered (self, LD_REDACT_PATH, "folder-", NULL, s, len));
}

/**
 * _ld_redact_path:
 * @s: a Windows ("C:\Users\jsmith\…"), UNC ("\\server\share\…") or
 *   Unix path, or a zip member's path
 *
 * Folders every installation has stay (Users, AppData, Lync, Tracing,
 * 16.0), the user's folder becomes the account's pseudonym, a UNC server
 * its host's, any other name "folder-N" or "log-N.uccapilog".
 */
void
_ld_redact_path (LdRedactor *self,
                 GString    *out,
                 const char *s,
                 gsize       len)
{
  gsize i = 0;
  gboolean after_users = FALSE;
  gsize start = out->len;

  if (len >= 2 && s[0] == '\\' && s[1] == '\\')
    {
      gsize j = 2;

      while (j < len && s[j] != '\\' && s[j] != '/')
        j++;
      g_string_append (out, "\\\\");
      _ld_redact_host (self, out, s + 2, j - 2);
      i = j;
    }
  else if (len >= 2 && g_ascii_isalpha (s[0]) && s[1] == ':')
    {
      g_string_append_len (out, s, 2);
      i = 2;
    }
  while (i < len)
    {
      gsize j = i;

      if (s[i] == '\\' || s[i] == '/')
        {
          g_string_append_c (out, s[i]);
          i++;
          continue;
        }
      while (j < len && s[j] != '\\' && s[j] != '/')
        j++;
      redact_segment (self, out, s + i, j - i, after_users);
      after_users = (j - i == 5 && g_ascii_strncasecmp (s + i, "users", 5) == 0) ||
                    (j - i == 4 && g_ascii_strncasecmp (s + i, "home", 4) == 0) ||
                    (j - i == 18 && g_ascii_strncasecmp (s + i, "documents and sett", 18) == 0);
      i = j;
    }
  /* The whole path is looked for too, when something of it was replaced. */
  if (out->len - start != len || memcmp (out->str + start, s, len) != 0)
    _ld_redactor_collect (self, LD_REDACT_PATH, s, len);
}

/**
 * _ld_redact_value:
 * @key: the name of the field or parameter (used to know what it is)
 * @s: its value, without quotes
 *
 * A field whose structure is not known is recognised by what its value
 * is (a URI, an address, a number); a value of a key that names someone
 * (user=, MacAddress=, ComputerName=) is replaced whatever it looks like;
 * what is neither a number nor a random id nor a word of the protocols
 * is replaced as a whole.
 */
void
_ld_redact_value (LdRedactor *self,
                  GString    *out,
                  const char *key,
                  gsize       key_len,
                  const char *s,
                  gsize       len)
{
  LdRedactKind kind = LD_REDACT_TOKEN;
  gboolean identifying = key != NULL && _ld_redact_key_kind (key, key_len, &kind);
  gsize a = 0, b = len, tail;

  if (len == 0)
    return;
  if (self->depth > 8)
    {
      /* A value nested in a value nested in … is not one a log holds. */
      _ld_redact_append_mark (out, s, len, LD_REDACTED_MARK);
      return;
    }
  while (a < b && _ld_redact_is_space (s[a]))
    g_string_append_c (out, s[a++]);
  while (b > a && _ld_redact_is_space (s[b - 1]))
    b--;
  if (a == b)
    {
      g_string_append_len (out, s + a, len - a);
      return;
    }
  self->depth++;
  tail = len - b;
  s += a;
  len = b - a;

  /* A GRUU's opaque value where it is not called so ("app:conf:…"). */
  if ((len > 9 && g_ascii_strncasecmp (s, "app:conf:", 9) == 0) ||
      (len > 10 && g_ascii_strncasecmp (s, "user:epid:", 10) == 0))
    {
      _ld_redact_opaque (self, out, s, len);
      goto done;
    }
  if (_ld_redact_uri (self, out, s, len) > 0)
    goto done;
  if (_ld_redact_is_ipv6 (s, len))
    {
      _ld_redact_host (self, out, s, len);
      goto done;
    }
  if (_ld_redact_parse_ipv4 (s, len) ||
      (memchr (s, ':', len) && !_ld_redact_is_mac (s, len) &&
       (_ld_redact_parse_ipv4 (s, (const char *) memchr (s, ':', len) - s) || (s[0] == '[' && memchr (s, ']', len)))))
    {
      _ld_redact_hostport (self, out, s, len);
      goto done;
    }
  if (_ld_redact_is_mac (s, len) || (identifying && kind == LD_REDACT_MAC))
    {
      const char *p = _ld_redactor_mac (self, s, len);

      _ld_redact_append_mark (out, s, len, p ? p : LD_REDACTED_MARK);
      goto done;
    }
  /* A GUID names a device where its key says so (+sip.instance, a device
   * id); elsewhere it is an id a program drew (a Call-ID, a conversation):
   * kept, unless the same GUID was met as a device's. */
  if (_ld_redact_is_guid (s, len))
    {
      const char *known = _ld_redactor_lookup_word (self, s, len);

      if (identifying && kind == LD_REDACT_ENDPOINT)
        g_string_append (out, _ld_redactor_guid (self, s, len));
      else
        g_string_append_len (out, known ? known : s, known ? (gssize) strlen (known) : (gssize) len);
      goto done;
    }
  if (_ld_redact_is_windows_path (s, len))
    {
      _ld_redact_path (self, out, s, len);
      goto done;
    }
  if (memchr (s, '@', len) != NULL && !memchr (s, ' ', len))
    {
      const char *at = memchr (s, '@', len);

      if (_ld_redact_is_host_name (at + 1, s + len - at - 1, TRUE) || _ld_redact_parse_ipv4 (at + 1, s + len - at - 1))
        {
          _ld_redact_user_part (self, out, s, at - s, at + 1, s + len - at - 1);
          g_string_append_c (out, '@');
          _ld_redact_host (self, out, at + 1, s + len - at - 1);
          goto done;
        }
    }
  if (identifying)
    {
      switch (kind)
        {
        case LD_REDACT_NAME:
          g_string_append (out, _ld_redactor_name (self, s, len));
          break;
        case LD_REDACT_HOST:
          if (memchr (s, ':', len))
            _ld_redact_hostport (self, out, s, len);
          else if (memchr (s, '.', len))
            _ld_redact_host (self, out, s, len);
          else
            g_string_append (out, _ld_redactor_host_label (self, s, len));
          break;
        case LD_REDACT_DOMAIN:
          if (memchr (s, '.', len))
            _ld_redact_host (self, out, s, len);
          else
            {
              const char *d = _ld_redactor_domain (self, s, len);
              const char *dot = d ? strchr (d, '.') : NULL;

              if (d == NULL)
                g_string_append_len (out, s, len);
              else
                g_string_append_len (out, d, dot ? dot - d : (gssize) strlen (d));
            }
          break;
        case LD_REDACT_PHONE:
          if (_ld_redact_looks_like_phone (s, len))
            g_string_append (out, _ld_redactor_phone (self, s, len));
          else
            g_string_append (out, _ld_redactor_simple (self, LD_REDACT_TOKEN, s, len));
          break;
        case LD_REDACT_PATH:
          _ld_redact_path (self, out, s, len);
          break;
        case LD_REDACT_USER:
          if (memchr (s, '\\', len))
            _ld_redact_text (self, out, s, len);
          else
            g_string_append (out, _ld_redactor_user (self, s, len, NULL, 0));
          break;
        default:
          g_string_append (out, _ld_redactor_simple (self, kind, s, len));
          break;
        }
      goto done;
    }
  /* A phone number is a number too: "+1 425 555 0199", "425-555-0199". */
  if (_ld_redact_is_phone_number (s, len))
    {
      g_string_append (out, _ld_redactor_phone (self, s, len));
      goto done;
    }
  if (is_numeric_value (s, len) || _ld_redact_is_random_token (s, len))
    {
      g_string_append_len (out, s, len);
      goto done;
    }
  if (_ld_redact_is_host_name (s, len, FALSE))
    {
      _ld_redact_host (self, out, s, len);
      goto done;
    }
  {
    /* Words: each must be one of the protocols' or the tool's, or a
     * learnt name (replaced); anything else goes. */
    gboolean plain = TRUE;
    gsize i = 0;

    while (i < len && plain)
      {
        gsize j = i;
        g_autofree char *folded = NULL;

        while (j < len && _ld_redact_word_char (s, j, len) > 0)
          j += _ld_redact_word_char (s, j, len);
        if (j == i)
          {
            if (!strchr (" -_.,/+()'&", s[i]))
              plain = FALSE;
            i++;
            continue;
          }
        folded = g_utf8_casefold (s + i, j - i);
        if (!_ld_redact_in_list (s + i, j - i, protocol_words, G_N_ELEMENTS (protocol_words)) &&
            !_ld_redact_is_vocabulary (folded) && _ld_redactor_lookup_word (self, s + i, j - i) == NULL)
          plain = FALSE;
        i = j;
      }
    if (plain)
      _ld_redact_words (self, out, s, len);
    else
      _ld_redact_append_mark (out, s, len, LD_REDACTED_MARK);
  }
done:
  /* The white space after the value, as written. */
  g_string_append_len (out, s + len, tail);
  self->depth--;
}

/**
 * _ld_redact_display_name:
 * @s: a display name as written before "<sip:…>", quoted or not, with
 *   the white space around it
 */
void
_ld_redact_display_name (LdRedactor *self,
                         GString    *out,
                         const char *s,
                         gsize       len)
{
  gsize a = 0, b = len;

  while (a < b && _ld_redact_is_space (s[a]))
    g_string_append_c (out, s[a++]);
  while (b > a && _ld_redact_is_space (s[b - 1]))
    b--;
  if (a < b)
    {
      const char *v = s + a;
      gsize vlen = b - a;
      gboolean quoted = vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"';
      GString *name = g_string_new (NULL);

      if (quoted)
        {
          /* RFC 3261 quoted-pair: "\x" is x. Read once, never re-escaped. */
          for (gsize i = 1; i + 1 < vlen; i++)
            {
              if (v[i] == '\\' && i + 2 < vlen)
                i++;
              g_string_append_c (name, v[i]);
            }
        }
      else
        g_string_append_len (name, v, vlen);
      g_strstrip (name->str);
      name->len = strlen (name->str);
      if (name->len == 0)
        g_string_append_len (out, v, vlen);
      else
        {
          const char *p = _ld_redactor_name (self, name->str, name->len);

          if (quoted)
            g_string_append_c (out, '"');
          _ld_redact_append_mark (out, v, vlen, p);
          if (quoted)
            g_string_append_c (out, '"');
        }
      g_string_free (name, TRUE);
    }
  g_string_append_len (out, s + b, len - b);
}

/* Words of a run ("jsmith-PC-JSMITH01"): the longest learnt name or value
 * at each word is replaced; other words stay. */
void
_ld_redact_words (LdRedactor *self,
                 GString    *out,
                 const char *s,
                 gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize ends[5];
      guint n_ends = 0;
      gsize j = i;
      const char *p = NULL;
      gsize used = 0;

      if (_ld_redact_word_char (s, i, len) == 0)
        {
          gsize n = _ld_redact_char_len (s, i, len);

          g_string_append_len (out, s + i, n);
          i += n;
          continue;
        }
      /* Up to five words joined by one space, '-', '_' or '.'. */
      while (n_ends < G_N_ELEMENTS (ends))
        {
          while (j < len && _ld_redact_word_char (s, j, len) > 0)
            j += _ld_redact_word_char (s, j, len);
          ends[n_ends++] = j;
          if (j + 1 < len && strchr (" -_.", s[j]) && _ld_redact_word_char (s, j + 1, len) > 0)
            j++;
          else
            break;
        }
      for (guint k = n_ends; k > 0 && p == NULL; k--)
        if (ends[k - 1] - i <= LD_REDACT_MAX_NEEDLE)
          {
            p = _ld_redactor_lookup_word (self, s + i, ends[k - 1] - i);
            used = ends[k - 1] - i;
          }
      if (p != NULL)
        {
          g_string_append (out, p);
          i += used;
        }
      else
        {
          g_string_append_len (out, s + i, ends[0] - i);
          i = ends[0];
        }
    }
}
