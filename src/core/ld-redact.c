/* ld-redact.c - stable pseudonyms for the people and addresses in a report
 *
 * Logs name people (SIP URIs, display names, phone numbers) and their
 * networks (host names, IP addresses). A report sent outside the company
 * must not, yet it must still make sense: the same value always gets the
 * same pseudonym, private addresses stay private-looking, and a host keeps
 * its domain's pseudonym so "host-1.domain1.example" still reads as a
 * server of the user's own organisation.
 *
 * Two passes over every string written to a report:
 *  1. structural: one PCRE2 pattern finds addresses, IPs, host names,
 *     phone numbers and quoted display names wherever they are;
 *  2. literal: the bare values learnt in pass 1 or from the analysis
 *     (user parts, display names, domain labels, input folders), because
 *     they also appear on their own ("alice" in a path, "Joe" in a text).
 * The redactor built for an analysis first walks every string of it, so
 * pseudonyms are numbered in order of appearance in the logs and every
 * name is known before the first line of the report is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-redact"

#include "config.h"

#include <stdio.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <glib/gi18n-lib.h>

#include "ld-redact.h"

#define N_KINDS (LD_REDACT_FOLDER + 1)
/* Literals per compiled pattern; keeps each pattern far below PCRE2's
 * compiled-size limit however many names a log holds. */
#define LITERALS_PER_PATTERN 400

typedef struct
{
  char *key;        /* casefolded value */
  char *pseudonym;
} Literal;

struct _LdRedactor
{
  GHashTable *map;        /* "kind:normalised value" -> pseudonym */
  GHashTable *originals;  /* normalised values seen, to keep pseudonyms distinct from them */
  GHashTable *given;      /* pseudonyms handed out */
  guint       counters[N_KINDS];
  guint       public_ipv4;
  GPtrArray  *literals;   /* (element-type Literal) */
  GHashTable *literal_keys; /* casefolded literal -> Literal */
  GPtrArray  *literal_res;  /* (element-type pcre2_code) */
  gboolean    literals_dirty;
  pcre2_code *structural;
  guint       g_dname, g_dn, g_xname, g_xn, g_uname, g_un, g_addr, g_au, g_ad,
              g_ip4, g_ip6, g_host, g_phone;
};

/* Public services every Lync deployment talks to; naming them reveals
 * nothing about the user and keeps explanations ("meet.lync.com is
 * blocked") readable. */
static const char * const public_domains[] = {
  "lync.com", "microsoft.com", "microsoftonline.com", "office365.com", "office.com",
  "office.net", "skype.com", "skypeforbusiness.com", "outlook.com", "live.com",
  "windows.net", "w3.org", "ietf.org", "example.com", "example.net", "example.org",
  "example", "invalid",
};

/* Top-level domains that make "a.b" a host name rather than a file name
 * ("Lync-UccApi-0.UccApilog") or a dotted identifier ("lyncdiag.analysis"). */
static const char * const host_tlds[] = {
  "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "local", "lan",
  "corp", "internal", "intranet", "intra", "home", "ad", "priv", "private", "cloud",
  "online", "tech", "group", "company", "global", "world", "io", "co",
};

/* Words a bare user part or name may share with the report's own prose;
 * replacing them everywhere would garble the text, and inside an address
 * they are still replaced. */
static const char * const stop_words[] = {
  "sip", "sips", "tel", "user", "users", "admin", "administrator", "test", "conf", "focus",
  "chat", "audio", "video", "call", "calls", "meeting", "meet", "server", "service", "lync",
  "skype", "phone", "support", "help", "info", "mail", "office", "online", "edge", "pool",
  "data", "media", "sharing", "desktop", "application", "remote", "internal", "local",
  "public", "private", "network", "domain", "host", "person", "folder", "example", "the",
  "and", "for", "not", "none", "unknown", "anonymous", "contact", "conference", "web",
  "microsoft", "com", "net", "org", "www", "log", "logs", "tracing", "dialin", "voicemail",
};

static void
literal_free (gpointer data)
{
  Literal *lit = data;

  g_free (lit->key);
  g_free (lit->pseudonym);
  g_free (lit);
}

static void
code_free (gpointer data)
{
  pcre2_code_free (data);
}

static gboolean
str_in (const char         *s,
        const char * const *list,
        gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (s, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
domain_is_public (const char *host)
{
  gsize len = strlen (host);

  for (gsize i = 0; i < G_N_ELEMENTS (public_domains); i++)
    {
      gsize dl = strlen (public_domains[i]);

      if (g_ascii_strcasecmp (host, public_domains[i]) == 0)
        return TRUE;
      if (len > dl && host[len - dl - 1] == '.' &&
          g_ascii_strcasecmp (host + len - dl, public_domains[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

static const char structural_pattern[] =
  /* "Joe Bloggs" <sip:...> (RFC 3261 section 25.1 name-addr) */
  "(?<dname>\"(?<dn>[^\"\\r\\n<>]{1,100})\"(?=\\s*<(?:sips?|tel):))"
  /* name="Joe Bloggs" in contact lists, roster and conference XML */
  "|(?<xname>\\b(?i:name|displayName|display-name|displayname|friendlyName)=\\\\?\"(?<xn>[^\"\\r\\n<>]{1,100})\")"
  /* Joe Bloggs <sip:...> without quotes, at the start of a header value */
  "|(?<uname>(?:^|(?<=:\\s)|(?<=,\\s))(?<un>\\p{L}[\\p{L}\\p{M}'. -]{0,80}?)\\s*(?=<(?:sips?|tel):))"
  /* user@domain: SIP URIs, mail addresses, Call-IDs with a host */
  "|(?<addr>(?<![\\w.+'-])(?<au>[\\w.%+'-]{1,64})@(?<ad>"
    "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,62}"
    "|(?:\\d{1,3}\\.){3}\\d{1,3}))"
  "|(?<ip4>(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w]|\\.\\d))"
  "|(?<ip6>(?<![\\w:.])(?:"
    "(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
    "|(?:[0-9A-Fa-f]{1,4}:){1,7}:(?![0-9A-Fa-f])"
    "|(?:[0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}"
    "|(?:[0-9A-Fa-f]{1,4}:){1,5}(?::[0-9A-Fa-f]{1,4}){1,2}"
    "|(?:[0-9A-Fa-f]{1,4}:){1,4}(?::[0-9A-Fa-f]{1,4}){1,3}"
    "|(?:[0-9A-Fa-f]{1,4}:){1,3}(?::[0-9A-Fa-f]{1,4}){1,4}"
    "|(?:[0-9A-Fa-f]{1,4}:){1,2}(?::[0-9A-Fa-f]{1,4}){1,5}"
    "|[0-9A-Fa-f]{1,4}:(?::[0-9A-Fa-f]{1,4}){1,6}"
    "|::(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4}"
    ")(?![\\w:]))"
  "|(?<host>(?<![\\w.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{1,62}(?![\\w-]))"
  /* E.164 numbers as Lync writes them (tel:+14255550123, +1 425 555 0123) */
  "|(?<phone>(?<![\\w.+])\\+\\d[\\d ().-]{5,22}\\d(?!\\w))";

static guint
group (pcre2_code *code,
       const char *name)
{
  int n = pcre2_substring_number_from_name (code, (PCRE2_SPTR) name);

  g_assert (n > 0);
  return (guint) n;
}

/**
 * ld_redactor_new:
 *
 * Returns: (transfer full): a redactor that knows no value yet; it learns
 * them from the text it redacts.
 */
LdRedactor *
ld_redactor_new (void)
{
  LdRedactor *self = g_new0 (LdRedactor, 1);
  int err = 0;
  PCRE2_SIZE erroff = 0;

  self->map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->literals = g_ptr_array_new_with_free_func (literal_free);
  self->literal_keys = g_hash_table_new (g_str_hash, g_str_equal);
  self->literal_res = g_ptr_array_new_with_free_func (code_free);

  self->structural = pcre2_compile ((PCRE2_SPTR) structural_pattern, PCRE2_ZERO_TERMINATED,
                                    PCRE2_UTF | PCRE2_UCP,
                                    &err, &erroff, NULL);
  if (self->structural == NULL)
    {
      PCRE2_UCHAR msg[256];

      pcre2_get_error_message (err, msg, sizeof msg);
      g_error ("redaction pattern at %zu: %s", (size_t) erroff, (const char *) msg);
    }
  pcre2_jit_compile (self->structural, PCRE2_JIT_COMPLETE);

  self->g_dname = group (self->structural, "dname");
  self->g_dn = group (self->structural, "dn");
  self->g_xname = group (self->structural, "xname");
  self->g_xn = group (self->structural, "xn");
  self->g_uname = group (self->structural, "uname");
  self->g_un = group (self->structural, "un");
  self->g_addr = group (self->structural, "addr");
  self->g_au = group (self->structural, "au");
  self->g_ad = group (self->structural, "ad");
  self->g_ip4 = group (self->structural, "ip4");
  self->g_ip6 = group (self->structural, "ip6");
  self->g_host = group (self->structural, "host");
  self->g_phone = group (self->structural, "phone");
  return self;
}

/**
 * ld_redactor_free:
 * @self: (nullable) (transfer full): a redactor
 */
void
ld_redactor_free (LdRedactor *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->map);
  g_hash_table_unref (self->originals);
  g_hash_table_unref (self->given);
  g_hash_table_unref (self->literal_keys);
  g_ptr_array_unref (self->literals);
  g_ptr_array_unref (self->literal_res);
  pcre2_code_free (self->structural);
  g_free (self);
}

/**
 * ld_redactor_get_count:
 *
 * Returns: how many distinct values have a pseudonym.
 */
guint
ld_redactor_get_count (LdRedactor *self)
{
  return g_hash_table_size (self->map);
}

static gboolean
ipv4_is_private (const char *ip)
{
  guint a = 0, b = 0;

  if (sscanf (ip, "%u.%u", &a, &b) != 2)
    return FALSE;
  return a == 10 || a == 127 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) ||
         (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127) || a == 0;
}

/* The next pseudonym of @kind that is neither handed out already nor one
 * of the real values (a log may itself use 203.0.113.x or "host-1"). */
static char *
next_pseudonym (LdRedactor   *self,
                LdRedactKind  kind,
                const char   *value,
                const char   *suffix)
{
  for (;;)
    {
      g_autofree char *p = NULL;
      guint n;

      if (kind == LD_REDACT_IPV4 && !ipv4_is_private (value))
        {
          n = ++self->public_ipv4;
          if (n <= 254)
            p = g_strdup_printf ("203.0.113.%u", n);
          else if (n <= 508)
            p = g_strdup_printf ("198.51.100.%u", n - 254);
          else
            p = g_strdup_printf ("ip-%u", n - 508);
        }
      else
        {
          n = ++self->counters[kind];
          switch (kind)
            {
            case LD_REDACT_ADDRESS:
            case LD_REDACT_USER:
              p = g_strdup_printf ("user%u", n);
              break;
            case LD_REDACT_DOMAIN:
              p = g_strdup_printf ("domain%u.example", n);
              break;
            case LD_REDACT_HOST:
              p = g_strdup_printf ("host-%u%s%s", n, suffix ? "." : "", suffix ? suffix : "");
              break;
            case LD_REDACT_IPV4:
              p = g_strdup_printf ("10.0.%u.%u", (n - 1) / 254, (n - 1) % 254 + 1);
              break;
            case LD_REDACT_IPV6:
              p = g_strdup_printf ("2001:db8::%x", n);
              break;
            case LD_REDACT_PHONE:
              p = g_strdup_printf ("phone-%u", n);
              break;
            case LD_REDACT_NAME:
              p = g_strdup_printf (_("Person %u"), n);
              break;
            case LD_REDACT_FOLDER:
            default:
              p = g_strdup_printf ("folder-%u", n);
              break;
            }
        }
      if (!g_hash_table_contains (self->originals, p) && !g_hash_table_contains (self->given, p))
        {
          g_hash_table_add (self->given, g_strdup (p));
          return g_steal_pointer (&p);
        }
    }
}

static char *
normalise (LdRedactKind  kind,
           const char   *value)
{
  switch (kind)
    {
    case LD_REDACT_PHONE:
      {
        GString *s = g_string_new (NULL);

        for (const char *p = value; *p; p++)
          if (g_ascii_isdigit (*p))
            g_string_append_c (s, *p);
        return g_string_free (s, FALSE);
      }
    case LD_REDACT_NAME:
      {
        g_autofree char *stripped = g_strstrip (g_strdup (value));

        return g_utf8_casefold (stripped, -1);
      }
    case LD_REDACT_FOLDER:
      return g_strdup (value);
    default:
      return g_utf8_casefold (value, -1);
    }
}

static gboolean
is_phone_user (const char *user)
{
  guint digits = 0;
  const char *p = user;

  if (*p == '+')
    p++;
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!strchr (" ().-", *p))
        return FALSE;
    }
  return digits >= 7;
}

static void
add_literal (LdRedactor *self,
             const char *value,
             const char *pseudonym);

/* The registrable part of a host: the last two labels, or three under a
 * second-level country domain ("contoso.co.uk"). */
static const char *
host_domain (const char *host)
{
  const char *labels[4] = { NULL };
  int n = 0;

  for (const char *p = host + strlen (host); p > host; p--)
    if (p[-1] == '.')
      {
        labels[n++] = p;
        if (n == 3)
          break;
      }
  if (n < 1)
    return host;
  if (n >= 2)
    {
      gsize tld_len = strlen (labels[0]);
      gsize sld_len = labels[0] - labels[1] - 1;

      if (tld_len == 2 && sld_len <= 3)
        return n == 3 ? labels[2] : host;
    }
  return n >= 2 ? labels[1] : host;
}

static const char *
lookup_or_add (LdRedactor   *self,
               LdRedactKind  kind,
               const char   *value,
               const char   *suffix)
{
  g_autofree char *norm = normalise (kind, value);
  g_autofree char *key = g_strdup_printf ("%d:%s", kind, norm);
  const char *found = g_hash_table_lookup (self->map, key);
  char *p;

  if (found != NULL)
    return found;
  g_hash_table_add (self->originals, g_strdup (norm));
  p = next_pseudonym (self, kind, norm, suffix);
  g_hash_table_insert (self->map, g_steal_pointer (&key), p);
  return p;
}

static const char *
pseudonym_for_domain (LdRedactor *self,
                      const char *domain)
{
  const char *p = lookup_or_add (self, LD_REDACT_DOMAIN, domain, NULL);
  const char *dot = strchr (domain, '.');

  /* "contoso" alone shows up in NetBIOS names and NTLM realms. */
  if (dot != NULL && dot - domain >= 4)
    {
      g_autofree char *label = g_strndup (domain, dot - domain);
      g_autofree char *plabel = g_strndup (p, strchr (p, '.') - p);

      add_literal (self, label, plabel);
    }
  return p;
}

static const char *
pseudonym_for_host (LdRedactor *self,
                    const char *host)
{
  const char *domain;
  const char *dp;

  if (domain_is_public (host))
    return NULL;
  domain = host_domain (host);
  if (domain == host)
    return pseudonym_for_domain (self, host);
  dp = pseudonym_for_domain (self, domain);
  return lookup_or_add (self, LD_REDACT_HOST, host, dp);
}

static const char *
pseudonym_for_ipv4 (LdRedactor *self,
                    const char *ip)
{
  return lookup_or_add (self, LD_REDACT_IPV4, ip, NULL);
}

static gboolean
host_tld_ok (const char *host)
{
  const char *dot = strrchr (host, '.');
  const char *tld = dot ? dot + 1 : host;
  gsize len = strlen (tld);

  if (str_in (tld, host_tlds, G_N_ELEMENTS (host_tlds)))
    return TRUE;
  /* Country domains only in lower case: "failed.It" is a sentence. */
  if (len == 2 && g_ascii_islower (tld[0]) && g_ascii_islower (tld[1]))
    return TRUE;
  return FALSE;
}

static char *
pseudonym_for_address (LdRedactor *self,
                       const char *user,
                       const char *domain)
{
  const char *dp;
  const char *up;
  g_autofree char *full = g_strdup_printf ("%s@%s", user, domain);
  gboolean domain_is_ip = g_ascii_isdigit (domain[strlen (domain) - 1]);

  if (domain_is_ip)
    dp = pseudonym_for_ipv4 (self, domain);
  else
    {
      dp = pseudonym_for_host (self, domain);
      if (dp == NULL)
        dp = domain;
    }

  if (is_phone_user (user))
    up = lookup_or_add (self, LD_REDACT_PHONE, user, NULL);
  else
    {
      up = lookup_or_add (self, LD_REDACT_ADDRESS, full, NULL);
      if (g_utf8_strlen (user, -1) >= 3)
        add_literal (self, user, up);
    }
  return g_strdup_printf ("%s@%s", up, dp);
}

static const char *
pseudonym_for_name (LdRedactor *self,
                    const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name));
  g_auto(GStrv) words = NULL;
  const char *p;

  if (g_utf8_strlen (trimmed, -1) < 2)
    return NULL;
  p = lookup_or_add (self, LD_REDACT_NAME, trimmed, NULL);
  add_literal (self, trimmed, p);
  /* A first or last name on its own ("Joe") names the same person. */
  words = g_strsplit_set (trimmed, " ,", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (g_utf8_strlen (words[i], -1) >= 3)
      add_literal (self, words[i], p);
  return p;
}

static void
add_literal (LdRedactor *self,
             const char *value,
             const char *pseudonym)
{
  g_autofree char *key = g_utf8_casefold (value, -1);
  Literal *lit;

  if (g_utf8_strlen (key, -1) < 3 || str_in (key, stop_words, G_N_ELEMENTS (stop_words)))
    return;
  if (g_hash_table_contains (self->literal_keys, key))
    return;
  lit = g_new0 (Literal, 1);
  lit->key = g_steal_pointer (&key);
  lit->pseudonym = g_strdup (pseudonym);
  g_ptr_array_add (self->literals, lit);
  g_hash_table_insert (self->literal_keys, lit->key, lit);
  self->literals_dirty = TRUE;

  /* JSON writes " and \ escaped; the escaped spelling must go too. */
  if (strpbrk (value, "\"\\") != NULL)
    {
      GString *esc = g_string_new (NULL);

      for (const char *c = value; *c; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (esc, '\\');
          g_string_append_c (esc, *c);
        }
      add_literal (self, esc->str, pseudonym);
      g_string_free (esc, TRUE);
    }
}

/**
 * ld_redactor_add:
 * @kind: what @value is
 * @value: a value to hide
 *
 * Teaches the redactor a value it cannot find by itself (a display name
 * written without quotes, a machine name without a domain).
 *
 * Returns: (transfer none) (nullable): the pseudonym of @value, or %NULL when
 * the value is public or too short to hide safely.
 */
const char *
ld_redactor_add (LdRedactor   *self,
                 LdRedactKind  kind,
                 const char   *value)
{
  const char *p;

  g_return_val_if_fail (self != NULL, NULL);

  if (value == NULL || *value == '\0')
    return NULL;
  switch (kind)
    {
    case LD_REDACT_ADDRESS:
      {
        const char *at = strrchr (value, '@');
        g_autofree char *user = NULL;
        g_autofree char *full = NULL;

        if (at == NULL)
          return ld_redactor_add (self, LD_REDACT_USER, value);
        g_autofree char *folded = g_utf8_casefold (value, -1);
        g_autofree char *key = g_strconcat ("full:", folded, NULL);

        if ((p = g_hash_table_lookup (self->map, key)) != NULL)
          return p;
        user = g_strndup (value, at - value);
        full = pseudonym_for_address (self, user, at + 1);
        p = full;
        g_hash_table_insert (self->map, g_steal_pointer (&key), g_steal_pointer (&full));
        return p;
      }
    case LD_REDACT_USER:
      p = lookup_or_add (self, LD_REDACT_USER, value, NULL);
      add_literal (self, value, p);
      return p;
    case LD_REDACT_DOMAIN:
    case LD_REDACT_HOST:
      if (strchr (value, '.') != NULL)
        return pseudonym_for_host (self, value);
      /* A machine or NetBIOS name ("LYNCFE01"): only the literal pass finds it. */
      p = lookup_or_add (self, kind, value, NULL);
      add_literal (self, value, p);
      return p;
    case LD_REDACT_IPV4:
    case LD_REDACT_IPV6:
    case LD_REDACT_PHONE:
      p = lookup_or_add (self, kind, value, NULL);
      add_literal (self, value, p);
      return p;
    case LD_REDACT_NAME:
      return pseudonym_for_name (self, value);
    case LD_REDACT_FOLDER:
      p = lookup_or_add (self, kind, value, NULL);
      add_literal (self, value, p);
      return p;
    default:
      return NULL;
    }
}

static gboolean
matched (const PCRE2_SIZE *ov,
         guint             g)
{
  return ov[2 * g] != PCRE2_UNSET;
}

/* Appends @text[start..end) with the span of group @g replaced by
 * @pseudonym, so quotes and "name=" around a display name survive. */
static void
append_group_replaced (GString          *out,
                       const char       *text,
                       const PCRE2_SIZE *ov,
                       guint             g,
                       const char       *pseudonym)
{
  PCRE2_SIZE gs = ov[2 * g], ge = ov[2 * g + 1];

  /* A JSON-escaped closing quote leaves its backslash in the group. */
  if (ge > gs && text[ge - 1] == '\\')
    ge--;
  g_string_append_len (out, text + ov[0], gs - ov[0]);
  g_string_append (out, pseudonym);
  g_string_append_len (out, text + ge, ov[1] - ge);
}

static char *
dup_group (const char       *text,
           const PCRE2_SIZE *ov,
           guint             g)
{
  PCRE2_SIZE gs = ov[2 * g], ge = ov[2 * g + 1];

  if (ge > gs && text[ge - 1] == '\\')
    ge--;
  return g_strndup (text + gs, ge - gs);
}

static gboolean
name_is_plausible (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  /* Header values like "sip" or "Anonymous" are not people. */
  return !str_in (g_strstrip (folded), stop_words, G_N_ELEMENTS (stop_words));
}

static void
structural_pass (LdRedactor *self,
                 const char *text,
                 gsize       len,
                 GString    *out)
{
  pcre2_match_data *md = pcre2_match_data_create_from_pattern (self->structural, NULL);
  PCRE2_SIZE offset = 0;

  while (offset < len)
    {
      int rc = pcre2_match (self->structural, (PCRE2_SPTR) text, len, offset,
                            PCRE2_NO_UTF_CHECK, md, NULL);
      PCRE2_SIZE *ov;
      g_autofree char *value = NULL;
      const char *p = NULL;

      if (rc < 0)
        break;
      ov = pcre2_get_ovector_pointer (md);
      g_string_append_len (out, text + offset, ov[0] - offset);

      if (ov[1] == ov[0])
        {
          /* An empty match cannot happen with this pattern, but never loop. */
          gsize step = g_utf8_next_char (text + ov[0]) - (text + ov[0]);

          g_string_append_len (out, text + ov[0], step);
          offset = ov[0] + step;
          continue;
        }

      if (matched (ov, self->g_dname) || matched (ov, self->g_xname) || matched (ov, self->g_uname))
        {
          guint g = matched (ov, self->g_dname) ? self->g_dn :
                    matched (ov, self->g_xname) ? self->g_xn : self->g_un;

          value = dup_group (text, ov, g);
          p = name_is_plausible (value) ? pseudonym_for_name (self, value) : NULL;
          if (p != NULL)
            append_group_replaced (out, text, ov, g, p);
          else
            g_string_append_len (out, text + ov[0], ov[1] - ov[0]);
          if (p == NULL && matched (ov, self->g_uname))
            {
              /* Nothing replaced: let the rest of the text (the URI) be seen. */
              offset = ov[1];
              continue;
            }
        }
      else if (matched (ov, self->g_addr))
        {
          g_autofree char *user = dup_group (text, ov, self->g_au);
          g_autofree char *domain = dup_group (text, ov, self->g_ad);
          g_autofree char *rep = NULL;
          gboolean ok = TRUE;

          if (!g_ascii_isdigit (domain[strlen (domain) - 1]) && !host_tld_ok (domain))
            ok = FALSE;
          if (ok)
            {
              rep = pseudonym_for_address (self, user, domain);
              g_string_append (out, rep);
            }
          else
            {
              /* "name@host" with no real domain: still hide the host part if known. */
              g_string_append_len (out, text + ov[0], ov[1] - ov[0]);
            }
        }
      else if (matched (ov, self->g_ip4))
        {
          value = g_strndup (text + ov[0], ov[1] - ov[0]);
          g_string_append (out, pseudonym_for_ipv4 (self, value));
        }
      else if (matched (ov, self->g_ip6))
        {
          value = g_strndup (text + ov[0], ov[1] - ov[0]);
          /* "::" alone or a C++ scope ("Face::Add") has no digit. */
          if (strpbrk (value, "0123456789") != NULL && strstr (value, ":::") == NULL)
            g_string_append (out, lookup_or_add (self, LD_REDACT_IPV6, value, NULL));
          else
            g_string_append (out, value);
        }
      else if (matched (ov, self->g_host))
        {
          value = g_strndup (text + ov[0], ov[1] - ov[0]);
          /* "xx.xx.xxx.xx": already masked by whoever shared the log. */
          if (value[strspn (value, "xX.")] != '\0' && host_tld_ok (value) &&
              (p = pseudonym_for_host (self, value)) != NULL)
            g_string_append (out, p);
          else
            g_string_append (out, value);
        }
      else if (matched (ov, self->g_phone))
        {
          value = g_strndup (text + ov[0], ov[1] - ov[0]);
          if (is_phone_user (value))
            g_string_append (out, lookup_or_add (self, LD_REDACT_PHONE, value, NULL));
          else
            g_string_append (out, value);
        }
      else
        g_string_append_len (out, text + ov[0], ov[1] - ov[0]);

      offset = ov[1];
    }
  if (offset < len)
    g_string_append_len (out, text + offset, len - offset);
  pcre2_match_data_free (md);
}

static int
compare_literal_length (gconstpointer a,
                        gconstpointer b)
{
  const Literal *la = *(const Literal * const *) a;
  const Literal *lb = *(const Literal * const *) b;
  gsize na = strlen (la->key), nb = strlen (lb->key);

  return na < nb ? 1 : na > nb ? -1 : strcmp (la->key, lb->key);
}

static void
rebuild_literals (LdRedactor *self)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  g_ptr_array_set_size (self->literal_res, 0);
  self->literals_dirty = FALSE;
  for (guint i = 0; i < self->literals->len; i++)
    g_ptr_array_add (sorted, self->literals->pdata[i]);
  /* Longest first, so "Joe Bloggs" wins over "Joe". */
  g_ptr_array_sort (sorted, compare_literal_length);

  for (guint start = 0; start < sorted->len; start += LITERALS_PER_PATTERN)
    {
      g_autoptr(GString) pat = g_string_new ("(?<![\\p{L}\\p{N}_])(?:");
      int err = 0;
      PCRE2_SIZE erroff = 0;
      pcre2_code *code;

      for (guint i = start; i < sorted->len && i < start + LITERALS_PER_PATTERN; i++)
        {
          const Literal *lit = sorted->pdata[i];

          if (i > start)
            g_string_append_c (pat, '|');
          for (const char *c = lit->key; *c; c++)
            {
              if (!g_ascii_isalnum (*c) && !((guchar) *c & 0x80))
                g_string_append_c (pat, '\\');
              g_string_append_c (pat, *c);
            }
        }
      g_string_append (pat, ")(?![\\p{L}\\p{N}_])");
      code = pcre2_compile ((PCRE2_SPTR) pat->str, pat->len,
                            PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &erroff, NULL);
      if (code == NULL)
        continue;
      pcre2_jit_compile (code, PCRE2_JIT_COMPLETE);
      g_ptr_array_add (self->literal_res, code);
    }
}

static char *
literal_pass (LdRedactor *self,
              pcre2_code *code,
              const char *text)
{
  pcre2_match_data *md = pcre2_match_data_create_from_pattern (code, NULL);
  gsize len = strlen (text);
  GString *out = g_string_sized_new (len + 16);
  PCRE2_SIZE offset = 0;

  while (offset < len)
    {
      int rc = pcre2_match (code, (PCRE2_SPTR) text, len, offset, PCRE2_NO_UTF_CHECK, md, NULL);
      PCRE2_SIZE *ov;
      g_autofree char *key = NULL;
      const Literal *lit;

      if (rc < 0)
        break;
      ov = pcre2_get_ovector_pointer (md);
      g_string_append_len (out, text + offset, ov[0] - offset);
      key = g_utf8_casefold (text + ov[0], ov[1] - ov[0]);
      lit = g_hash_table_lookup (self->literal_keys, key);
      g_string_append (out, lit ? lit->pseudonym : "[redacted]");
      offset = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
  if (offset < len)
    g_string_append_len (out, text + offset, len - offset);
  pcre2_match_data_free (md);
  return g_string_free (out, FALSE);
}

/**
 * ld_redactor_redact:
 * @text: (nullable): text from a log or derived from it
 *
 * Works on any text, including JSON (escaped quotes are understood).
 *
 * Returns: (transfer full) (nullable): @text with every address, URI,
 * name and number it holds replaced by its pseudonym.
 */
char *
ld_redactor_redact (LdRedactor *self,
                    const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  char *result;

  g_return_val_if_fail (self != NULL, NULL);

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (text) + 16);
  structural_pass (self, text, strlen (text), out);
  if (self->literals_dirty)
    rebuild_literals (self);

  result = g_string_free (g_steal_pointer (&out), FALSE);
  for (guint i = 0; i < self->literal_res->len; i++)
    {
      char *next = literal_pass (self, self->literal_res->pdata[i], result);

      g_free (result);
      result = next;
    }
  return result;
}

static void
learn (LdRedactor *self,
       const char *text)
{
  g_autofree char *ignored = NULL;

  if (text == NULL || *text == '\0')
    return;
  ignored = ld_redactor_redact (self, text);
}

/**
 * ld_redactor_new_for_analysis:
 * @analysis: a finished analysis
 *
 * Walks every string of @analysis in log order, so pseudonyms are numbered
 * by first appearance and the same analysis always gives the same ones.
 *
 * Returns: (transfer full): a redactor that knows every value of @analysis.
 */
LdRedactor *
ld_redactor_new_for_analysis (LdAnalysis *analysis)
{
  LdRedactor *self = ld_redactor_new ();
  GPtrArray *inputs = ld_analysis_get_inputs (analysis);
  GPtrArray *messages = ld_analysis_get_messages (analysis);
  GPtrArray *events = ld_analysis_get_trace_events (analysis);
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  GPtrArray *findings = ld_analysis_get_findings (analysis);

  for (guint i = 0; i < inputs->len; i++)
    {
      const LdInput *in = inputs->pdata[i];

      if (in->path != NULL)
        {
          g_autofree char *dir = g_path_get_dirname (in->path);

          /* The folder often holds the user's name (C:\Users\alice\...). */
          if (strcmp (dir, ".") != 0 && strcmp (dir, "/") != 0)
            ld_redactor_add (self, LD_REDACT_FOLDER, dir);
          learn (self, in->path);
        }
      learn (self, in->member);
    }

  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *msg = messages->pdata[i];

      learn (self, msg->remote);
      learn (self, msg->local);
      for (guint h = 0; h < msg->n_headers; h++)
        learn (self, msg->headers[h].value);
      learn (self, msg->request_uri);
      learn (self, msg->body);
      /* Headers and body of a stripped message are only in its raw text. */
      if (msg->stripped)
        learn (self, msg->raw);
    }

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const LdTraceEvent *ev = events->pdata[i];

      learn (self, ev->text);
    }

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = attempts->pdata[i];

      learn (self, a->target);
      learn (self, a->remote_party);
      learn (self, a->call_id);
      for (guint d = 0; a->diagnostics != NULL && d < a->diagnostics->len; d++)
        {
          const LdDiagnostic *diag = a->diagnostics->pdata[d];

          learn (self, diag->raw);
        }
    }

  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = findings->pdata[i];

      learn (self, f->title);
      learn (self, f->detail);
      for (guint e = 0; f->evidence != NULL && e < f->evidence->len; e++)
        learn (self, g_array_index (f->evidence, LdEvidence, e).excerpt);
    }
  return self;
}
