/* ld-redact.c - the redactor's table: which real values were met, their pseudonyms, what to check
 *
 * A redacted report is built from an analysis whose inputs were read
 * through the redactor (ld-redact-sip.c): every value that identifies a
 * person, a machine or a tenant is replaced where the log holds it, by
 * what the value IS in the log's structure, before the analysis parses a
 * record. This file keeps the table those rewriters share:
 *
 *  - one pseudonym per real value and kind, the same in every format and
 *    case-insensitively (SIP and DNS names are compared without case in
 *    Lync); pseudonyms keep what the analysis reasons with: private and
 *    public addresses stay so, addresses of one /24 stay in one /24, a
 *    host keeps its domain, a meeting keeps its conference URI's shape;
 *  - every real value met, as a needle for the output check
 *    (ld-redact-scan.c), which refuses a report that still holds one;
 *  - the words of names, accounts and machines, so the free text of trace
 *    lines is rewritten too.
 *
 * Pseudonyms are never real values: the redacted analysis is read twice,
 * the first pass only learns the values (ld-redact-analysis.c), and the
 * second hands out pseudonyms that none of them equals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-redact"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-redact-private.h"

/* More needles than this and the check could not be done in bounded
 * memory: the check refuses instead (see ld-redact-scan.c). */
#define MAX_NEEDLES 2000000

typedef struct
{
  guint    a, b, c;      /* the pseudonym network, a.b.c.0/24 or 2001:db8:c::/64 */
  guint    next_host;    /* hosts handed out in it */
  gpointer overflow;     /* (NetSlot) the next network for the same real one */
} NetSlot;

/* Public services every Lync deployment talks to. Naming them identifies
 * no one, and the explanations need them ("meet.lync.com is blocked").
 * A tenant's own name under them (contoso.onmicrosoft.com) is not on this
 * list: those suffixes are handled in _ld_redactor_domain(). */
static const char * const public_domains[] = {
  "lync.com", "microsoft.com", "microsoftonline.com", "microsoftonline-p.com", "office365.com",
  "office.com", "office.net", "skype.com", "skypeforbusiness.com", "outlook.com", "live.com",
  "windows.net", "windowsupdate.com", "msocsp.com", "digicert.com", "verisign.com", "verisign.net",
  "symcb.com", "public-trust.com", "msftncsi.com", "w3.org", "ietf.org", "xmlsoap.org",
  "openxmlformats.org", "example.com", "example.net", "example.org", "example", "invalid", "test",
  "localhost", "teams.microsoft.com", "msedge.net", "trafficmanager.net",
};

/* Labels that name a service, not a machine or a person: kept in a host
 * name so "meet.contoso.com" still reads as (and is judged as) a meeting
 * host, "sip.contoso.com" as the SIP access name. */
static const char * const generic_labels[] = {
  "meet", "dialin", "sip", "sipinternal", "sipexternal", "lyncdiscover", "lyncdiscoverinternal",
  "webdir", "sipdir", "sipfed", "scheduler", "admin", "av", "avedge", "edge", "accessedge",
  "webconf", "autodiscover", "mail", "www", "lync", "sfb", "web", "webext", "webint",
  "webcon", "conf", "pool", "fe", "proxy", "online", "sipfederationtls", "_sip", "_sipfederationtls",
  "_tcp", "_tls", "_sipinternaltls", "_sipinternal", "_udp", "corp", "ad", "internal", "intranet", "local",
  "lan", "int", "prod", "dmz", "ext", "extern", "intern",
};

/* Suffixes under which the next label is the tenant. */
static const char * const tenant_suffixes[] = {
  "onmicrosoft.com", "sharepoint.com", "mail.onmicrosoft.com",
};

static void
net_slot_free (gpointer data)
{
  g_free (data);
}

/**
 * ld_redactor_new:
 *
 * Returns: (transfer full): an empty redactor; the reading path fills it
 *   (see ld_analysis_dup_redacted()).
 */
LdRedactor *
ld_redactor_new (void)
{
  LdRedactor *self = g_new0 (LdRedactor, 1);

  for (guint k = 0; k < LD_REDACT_N_KINDS; k++)
    self->maps[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->reserved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->needles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->ipv4_nets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ipv6_nets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->net_slots = g_ptr_array_new_with_free_func (net_slot_free);
  self->prefix_counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->record = g_string_new (NULL);
  self->scratch = g_string_new (NULL);
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
  for (guint k = 0; k < LD_REDACT_N_KINDS; k++)
    g_hash_table_unref (self->maps[k]);
  g_hash_table_unref (self->given);
  g_hash_table_unref (self->reserved);
  g_hash_table_unref (self->needles);
  g_hash_table_unref (self->words);
  g_hash_table_unref (self->ipv4_nets);
  g_hash_table_unref (self->ipv6_nets);
  g_ptr_array_unref (self->net_slots);
  g_hash_table_unref (self->prefix_counters);
  g_string_free (self->record, TRUE);
  g_string_free (self->scratch, TRUE);
  g_free (self->remote);
  g_free (self->local);
  g_free (self);
}

/**
 * ld_redactor_get_n_values:
 *
 * Returns: how many distinct identifying values (and parts of them) the
 *   output check looks for.
 */
guint
ld_redactor_get_n_values (LdRedactor *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return g_hash_table_size (self->needles);
}

/**
 * ld_redact_kind_get_label:
 *
 * Returns: the kind of value in words, for a message that must not
 *   name the value ("a person's name").
 */
const char *
ld_redact_kind_get_label (LdRedactKind kind)
{
  switch (kind)
    {
    case LD_REDACT_NAME: return _("a person’s name");
    case LD_REDACT_USER: return _("a user name or SIP address");
    case LD_REDACT_DOMAIN: return _("a domain or tenant name");
    case LD_REDACT_HOST: return _("a server or computer name");
    case LD_REDACT_PHONE: return _("a phone number");
    case LD_REDACT_IPV4: return _("an IPv4 address");
    case LD_REDACT_IPV6: return _("an IPv6 address");
    case LD_REDACT_MAC: return _("a MAC address");
    case LD_REDACT_ENDPOINT: return _("an endpoint or device id");
    case LD_REDACT_MEETING: return _("a meeting id or meeting link");
    case LD_REDACT_TOKEN: return _("an identifier from the logs");
    case LD_REDACT_PATH: return _("a file, folder or web address path");
    case LD_REDACT_TEXT: return _("words of an answer given in your own words");
    case LD_REDACT_N_KINDS:
    default: return _("a value from the logs");
    }
}

/**
 * ld_redact_dup_legend:
 *
 * The sentence a redacted report opens with. Its examples use N for the
 * number, so none of them is a pseudonym the report also uses.
 *
 * Returns: (transfer full): the legend.
 */
char *
ld_redact_dup_legend (void)
{
  return g_strdup (_("Redacted: people, accounts, SIP addresses, phone numbers, domains, server and computer "
                     "names, IP and MAC addresses, endpoint and meeting ids, file names and free-text answers "
                     "are replaced where the logs hold them, before this report was written: Person N, "
                     "userN@domainN.example, host-N.domainN.example, 10.N.N.N (private) and 203.0.113.N "
                     "(public) addresses, meeting-N. The same value always has the same pseudonym, and "
                     "the report was checked for every value of the logs before it was saved. Public "
                     "Microsoft service names (meet.lync.com and the like) are kept."));
}

/**
 * ld_redact_get_withheld_text:
 *
 * Returns: what a redacted report shows in place of an answer given in
 *   the user's own words.
 */
const char *
ld_redact_get_withheld_text (void)
{
  return _("(an answer in your own words, left out of the redacted report)");
}

/* ---- Normalising -------------------------------------------------------- */

/* Format characters (bidirectional overrides, zero-width joiners, soft
 * hyphens) change nothing a reader sees, so they must not hide a value
 * from the check either. */
static gboolean
is_invisible (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_FORMAT;
}

/* Casefolded, invisible characters dropped, white space collapsed,
 * trimmed; at most LD_REDACT_MAX_NEEDLE bytes, cut at a character. */
static char *fold_full (const char *s, gssize len, gboolean *cut);

static char *
fold (const char *s,
      gssize      len)
{
  return fold_full (s, len, NULL);
}

/* @cut: (out) (optional): whether the result is only the value's start */
static char *
fold_full (const char *s,
           gssize      len,
           gboolean   *cut)
{
  g_autofree char *valid = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = FALSE;
  gboolean ascii = TRUE;

  if (len < 0)
    len = strlen (s);
  /* Most values are ASCII: lower case is their casefold. */
  for (gssize i = 0; i < len && ascii; i++)
    if ((guchar) s[i] >= 0x80 || s[i] == '\0')
      ascii = FALSE;
  if (ascii)
    {
      out = g_string_sized_new (MIN (len, LD_REDACT_MAX_NEEDLE) + 1);
      for (gssize i = 0; i < len; i++)
        {
          if (g_ascii_isspace (s[i]))
            {
              space = out->len > 0;
              continue;
            }
          if (out->len + 2 > LD_REDACT_MAX_NEEDLE)
            {
              if (cut != NULL)
                *cut = TRUE;
              break;
            }
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, g_ascii_tolower (s[i]));
        }
      return g_string_free (out, FALSE);
    }
  valid = g_utf8_make_valid (s, len);
  folded = g_utf8_casefold (valid, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_invisible (c))
        continue;
      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (out->len + 6 > LD_REDACT_MAX_NEEDLE)
        {
          if (cut != NULL)
            *cut = TRUE;
          break;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_single_word (const char *folded)
{
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)) && *p != '\'')
      return FALSE;
  return TRUE;
}

static gboolean
has_alnum (const char *folded)
{
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
add_needle (LdRedactor   *self,
            LdRedactKind  kind,
            LdNeedleMode  mode,
            char         *owned)
{
  if (g_hash_table_contains (self->needles, owned))
    {
      g_free (owned);
      return;
    }
  if (g_hash_table_size (self->needles) >= MAX_NEEDLES)
    {
      self->overflow = TRUE;
      g_free (owned);
      return;
    }
  g_hash_table_insert (self->needles, owned, GUINT_TO_POINTER ((kind << 8) | mode));
}

/**
 * _ld_redactor_collect:
 * @kind: what @value is
 * @value: a real value of the logs, as written there
 *
 * Remembers @value for the output check and keeps pseudonyms from being
 * equal to it. A single word the tool also uses in its own sentences
 * ("may", "port", "edge") is not looked for on its own: the check could
 * not tell it from the report's English, and alone it identifies no one;
 * the values it is part of still are.
 */
void
_ld_redactor_collect (LdRedactor   *self,
                      LdRedactKind  kind,
                      const char   *value,
                      gssize        len)
{
  g_autofree char *folded = NULL;
  gboolean cut = FALSE;

  if (value == NULL)
    return;
  if (len < 0)
    len = strlen (value);
  if (len == 0)
    return;

  if (kind == LD_REDACT_PHONE)
    {
      GString *digits = g_string_new (NULL);

      for (gssize i = 0; i < len && digits->len < 32; i++)
        if (g_ascii_isdigit (value[i]))
          g_string_append_c (digits, value[i]);
      /* "+1 425 555 0199" and "(425) 555-0199" are one number: its last
       * ten digits (national prefixes and country codes vary). */
      if (digits->len > 10)
        g_string_erase (digits, 0, digits->len - 10);
      if (digits->len >= 7)
        {
          g_hash_table_add (self->reserved, g_strdup (digits->str));
          add_needle (self, kind, LD_NEEDLE_DIGITS, g_string_free (digits, FALSE));
        }
      else
        g_string_free (digits, TRUE);
      return;
    }

  folded = fold_full (value, len, &cut);
  if (!has_alnum (folded))
    return;
  g_hash_table_add (self->reserved, g_strdup (folded));
  /* A value longer than a needle is looked for by its start, which may
   * end inside a word. */
  if (cut)
    {
      add_needle (self, kind, LD_NEEDLE_STRONG | LD_NEEDLE_PREFIX, g_steal_pointer (&folded));
      return;
    }
  if (is_single_word (folded))
    {
      if (g_utf8_strlen (folded, -1) < 3 || _ld_redact_is_vocabulary (folded))
        return;
      add_needle (self, kind, LD_NEEDLE_WORD, g_steal_pointer (&folded));
      return;
    }
  if (strlen (folded) < 3)
    return;
  add_needle (self, kind, LD_NEEDLE_STRONG, g_steal_pointer (&folded));
}

/**
 * _ld_redactor_learn_word:
 * @word: a word that names someone or something on its own (a first
 *   name, an account, a machine, a domain's label)
 * @key: the key of the value it belongs to, in @kind's map
 *
 * Free text (trace lines) is rewritten word by word with these.
 */
void
_ld_redactor_learn_word (LdRedactor   *self,
                         LdRedactKind  kind,
                         const char   *word,
                         gssize        len,
                         const char   *key)
{
  g_autofree char *folded = fold (word, len);

  if (g_utf8_strlen (folded, -1) < 3 || _ld_redact_is_vocabulary (folded) || !has_alnum (folded))
    return;
  if (g_hash_table_contains (self->words, folded))
    return;
  g_hash_table_insert (self->words, g_steal_pointer (&folded),
                       g_strdup_printf ("%c%s", 'a' + (int) kind, key));
}

/**
 * _ld_redactor_lookup_word:
 *
 * Returns: (nullable): the pseudonym that replaces @word in free text.
 */
const char *
_ld_redactor_lookup_word (LdRedactor *self,
                          const char *word,
                          gsize       len)
{
  g_autofree char *folded = NULL;
  const char *entry;
  LdRedactKind kind;
  const char *p;

  if (len < 3 || g_hash_table_size (self->words) == 0)
    return NULL;
  folded = fold (word, len);
  entry = g_hash_table_lookup (self->words, folded);
  if (entry == NULL)
    return NULL;
  kind = (LdRedactKind) (entry[0] - 'a');
  p = _ld_redactor_pseudonym (self, kind, entry + 1);
  return p;
}

/* ---- Handing out pseudonyms ------------------------------------------ */

static gboolean
usable (LdRedactor *self,
        const char *candidate)
{
  g_autofree char *folded = fold (candidate, -1);

  return !g_hash_table_contains (self->reserved, folded) && !g_hash_table_contains (self->given, folded);
}

static void
give (LdRedactor *self,
      const char *pseudonym)
{
  g_hash_table_add (self->given, fold (pseudonym, -1));
}

/* "prefixN" for @kind, the first that is no real value. */
static char *
numbered (LdRedactor   *self,
          LdRedactKind  kind,
          const char   *prefix)
{
  for (;;)
    {
      g_autofree char *p = g_strdup_printf ("%s%u", prefix, ++self->counters[kind]);

      if (usable (self, p))
        {
          give (self, p);
          return g_steal_pointer (&p);
        }
    }
}

static const char *
remember (LdRedactor   *self,
          LdRedactKind  kind,
          char         *owned_key,
          char         *owned_pseudonym)
{
  g_hash_table_insert (self->maps[kind], owned_key, owned_pseudonym);
  return owned_pseudonym;
}

/**
 * _ld_redactor_pseudonym:
 * @key: a key of @kind's map (as the functions below make them)
 *
 * Returns: (nullable): the pseudonym of an already known value, or, for
 *   a word learnt in the first pass, the one it gets now.
 */
const char *
_ld_redactor_pseudonym (LdRedactor   *self,
                        LdRedactKind  kind,
                        const char   *key)
{
  const char *p = g_hash_table_lookup (self->maps[kind], key);

  if (p != NULL)
    return p;
  switch (kind)
    {
    case LD_REDACT_NAME:
      return _ld_redactor_name (self, key, strlen (key));
    case LD_REDACT_DOMAIN:
      {
        /* A bare label stands for the domain: "CONTOSO\jsmith". */
        const char *d = _ld_redactor_domain (self, key, strlen (key));
        g_autofree char *label = NULL;
        const char *dot;

        if (d == NULL)
          return NULL;
        dot = strchr (d, '.');
        label = g_strconcat ("label:", key, NULL);
        p = g_hash_table_lookup (self->maps[LD_REDACT_DOMAIN], label);
        if (p != NULL)
          return p;
        return remember (self, LD_REDACT_DOMAIN, g_steal_pointer (&label),
                         dot ? g_strndup (d, dot - d) : g_strdup (d));
      }
    case LD_REDACT_USER:
      {
        const char *at = strrchr (key, '@');

        if (at != NULL)
          return _ld_redactor_user (self, key, at - key, at + 1, strlen (at + 1));
        return _ld_redactor_user (self, key, strlen (key), NULL, 0);
      }
    case LD_REDACT_HOST:
      return _ld_redactor_host_label (self, key, strlen (key));
    case LD_REDACT_ENDPOINT:
      if (_ld_redact_is_guid (key, strlen (key)))
        return _ld_redactor_guid (self, key, strlen (key));
      return _ld_redactor_simple (self, kind, key, strlen (key));
    default:
      return _ld_redactor_simple (self, kind, key, strlen (key));
    }
}

/**
 * _ld_redactor_numbered:
 * @prefix: what the pseudonym starts with ("folder-", "file-")
 * @suffix: (nullable): what it ends with (".log")
 *
 * Returns: "prefixN" + @suffix for @value: one per value and prefix.
 */
const char *
_ld_redactor_numbered (LdRedactor   *self,
                       LdRedactKind  kind,
                       const char   *prefix,
                       const char   *suffix,
                       const char   *value,
                       gsize         len)
{
  g_autofree char *folded = fold (value, len);
  g_autofree char *key = g_strconcat (prefix, "\x1f", folded, suffix, NULL);
  const char *p = g_hash_table_lookup (self->maps[kind], key);

  if (p != NULL)
    return p;
  _ld_redactor_collect (self, kind, value, len);
  /* An endpoint's or a meeting's id met again in free text is the same. */
  if (kind == LD_REDACT_ENDPOINT || kind == LD_REDACT_MEETING)
    _ld_redactor_learn_word (self, kind, folded, -1, folded);
  for (;;)
    {
      /* Each prefix counts on its own: "folder-1", "log-1.uccapilog". */
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->prefix_counters, prefix)) + 1;
      g_autofree char *candidate = g_strdup_printf ("%s%u%s", prefix, n, suffix ? suffix : "");
      g_autofree char *stem = g_strdup_printf ("%s%u", prefix, n);

      g_hash_table_insert (self->prefix_counters, g_strdup (prefix), GUINT_TO_POINTER (n));

      if (usable (self, candidate) && usable (self, stem))
        {
          give (self, candidate);
          give (self, stem);
          return remember (self, kind, g_steal_pointer (&key), g_steal_pointer (&candidate));
        }
    }
}

/**
 * _ld_redactor_simple:
 *
 * Returns: the pseudonym of an id that has no structure to keep:
 *   "epid-N", "meeting-N", "token-N", "folder-N".
 */
const char *
_ld_redactor_simple (LdRedactor   *self,
                     LdRedactKind  kind,
                     const char   *value,
                     gsize         len)
{
  switch (kind)
    {
    case LD_REDACT_ENDPOINT: return _ld_redactor_numbered (self, kind, "epid-", NULL, value, len);
    case LD_REDACT_MEETING: return _ld_redactor_numbered (self, kind, "meeting-", NULL, value, len);
    case LD_REDACT_PATH: return _ld_redactor_numbered (self, kind, "folder-", NULL, value, len);
    case LD_REDACT_PHONE: return _ld_redactor_phone (self, value, len);
    case LD_REDACT_NAME: return _ld_redactor_name (self, value, len);
    case LD_REDACT_HOST: return _ld_redactor_host_label (self, value, len);
    case LD_REDACT_USER: return _ld_redactor_user (self, value, len, NULL, 0);
    case LD_REDACT_TOKEN:
    default: return _ld_redactor_numbered (self, kind, "token-", NULL, value, len);
    }
}

/**
 * _ld_redactor_name:
 *
 * Returns: "Person N" for a display name; its words, on their own, stand
 *   for the same person in free text.
 */
const char *
_ld_redactor_name (LdRedactor *self,
                   const char *name,
                   gsize       len)
{
  g_autofree char *key = fold (name, len);
  const char *p = g_hash_table_lookup (self->maps[LD_REDACT_NAME], key);
  const char *w, *end;

  if (p != NULL)
    return p;
  _ld_redactor_collect (self, LD_REDACT_NAME, name, len);
  _ld_redactor_learn_word (self, LD_REDACT_NAME, key, -1, key);
  /* "Doe, Jane (Contoso)" or "CORP\jdoe": each word names her too. */
  for (w = key; *w; w = end)
    {
      while (*w && !g_unichar_isalnum (g_utf8_get_char (w)))
        w = g_utf8_next_char (w);
      end = w;
      while (*end && g_unichar_isalnum (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      if (end > w)
        {
          _ld_redactor_collect (self, LD_REDACT_NAME, w, end - w);
          _ld_redactor_learn_word (self, LD_REDACT_NAME, w, end - w, key);
        }
    }
  {
    char *pseudonym;

    for (;;)
      {
        pseudonym = g_strdup_printf ("Person %u", ++self->counters[LD_REDACT_NAME]);
        if (usable (self, pseudonym))
          break;
        g_free (pseudonym);
      }
    give (self, pseudonym);
    return remember (self, LD_REDACT_NAME, g_steal_pointer (&key), pseudonym);
  }
}

/**
 * _ld_redactor_user:
 * @domain: (nullable): the domain of the address, or %NULL for an account
 *
 * Returns: "userN": one per address; an account with no domain gets the
 *   pseudonym of the address it was first seen in, when there was one.
 */
const char *
_ld_redactor_user (LdRedactor *self,
                   const char *user,
                   gsize       user_len,
                   const char *domain,
                   gsize       domain_len)
{
  g_autofree char *fu = fold (user, user_len);
  g_autofree char *fd = domain ? fold (domain, domain_len) : NULL;
  g_autofree char *key = fd ? g_strconcat (fu, "@", fd, NULL) : g_strdup (fu);
  const char *p = g_hash_table_lookup (self->maps[LD_REDACT_USER], key);

  if (p != NULL)
    return p;
  if (fd == NULL)
    {
      const char *entry = g_hash_table_lookup (self->words, fu);

      /* Known from an address: the same person. */
      if (entry != NULL && entry[0] - 'a' == LD_REDACT_USER && strcmp (entry + 1, fu) != 0)
        {
          p = _ld_redactor_pseudonym (self, LD_REDACT_USER, entry + 1);
          if (p != NULL)
            return remember (self, LD_REDACT_USER, g_steal_pointer (&key), g_strdup (p));
        }
    }
  _ld_redactor_collect (self, LD_REDACT_USER, user, user_len);
  _ld_redactor_learn_word (self, LD_REDACT_USER, user, user_len, key);
  /* "john.smith" and "jsmith-adm": their parts name him too. */
  for (const char *w = fu, *end; *w; w = end)
    {
      while (*w && !g_unichar_isalnum (g_utf8_get_char (w)))
        w = g_utf8_next_char (w);
      end = w;
      while (*end && g_unichar_isalnum (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      if (end > w && (w != fu || *end != '\0'))
        _ld_redactor_collect (self, LD_REDACT_USER, w, end - w);
    }
  if (fd != NULL)
    {
      g_autofree char *full = g_strconcat (fu, "@", fd, NULL);

      _ld_redactor_collect (self, LD_REDACT_USER, full, -1);
    }
  return remember (self, LD_REDACT_USER, g_steal_pointer (&key), numbered (self, LD_REDACT_USER, "user"));
}

/**
 * _ld_redactor_host_label:
 *
 * Returns: "host-N" for a machine's or server's own label ("PC-JSMITH01",
 *   "poolfe01"), the same wherever the label appears.
 */
const char *
_ld_redactor_host_label (LdRedactor *self,
                         const char *label,
                         gsize       len)
{
  g_autofree char *key = fold (label, len);
  const char *p = g_hash_table_lookup (self->maps[LD_REDACT_HOST], key);

  if (p != NULL)
    return p;
  _ld_redactor_collect (self, LD_REDACT_HOST, label, len);
  _ld_redactor_learn_word (self, LD_REDACT_HOST, key, -1, key);
  /* "PC-JSMITH01": "jsmith01" and "jsmith" name the user too. */
  for (const char *w = key, *end; *w; w = end)
    {
      while (*w && !g_unichar_isalnum (g_utf8_get_char (w)))
        w = g_utf8_next_char (w);
      end = w;
      while (*end && g_unichar_isalnum (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      if (end > w && (w != key || *end != '\0'))
        _ld_redactor_collect (self, LD_REDACT_HOST, w, end - w);
    }
  return remember (self, LD_REDACT_HOST, g_steal_pointer (&key), numbered (self, LD_REDACT_HOST, "host-"));
}

/* ---- Domains ------------------------------------------------------------ */

static gboolean
has_suffix_label (const char *host,
                  gsize       len,
                  const char *suffix)
{
  gsize sl = strlen (suffix);

  if (len == sl)
    return g_ascii_strncasecmp (host, suffix, sl) == 0;
  return len > sl && host[len - sl - 1] == '.' && g_ascii_strncasecmp (host + len - sl, suffix, sl) == 0;
}

/**
 * _ld_redact_domain_is_public:
 *
 * Returns: whether @host is a public service name kept in a redacted
 *   report (meet.lync.com, *.microsoft.com, example.com …).
 */
gboolean
_ld_redact_domain_is_public (const char *host,
                             gsize       len)
{
  while (len > 0 && host[len - 1] == '.')
    len--;
  for (gsize i = 0; i < G_N_ELEMENTS (tenant_suffixes); i++)
    if (has_suffix_label (host, len, tenant_suffixes[i]) && len > strlen (tenant_suffixes[i]))
      return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (public_domains); i++)
    if (has_suffix_label (host, len, public_domains[i]))
      return TRUE;
  return FALSE;
}

/**
 * _ld_redact_label_is_generic:
 *
 * Returns: whether a host label names a service rather than a machine.
 */
gboolean
_ld_redact_label_is_generic (const char *label,
                             gsize       len)
{
  for (gsize i = 0; i < G_N_ELEMENTS (generic_labels); i++)
    if (strlen (generic_labels[i]) == len && g_ascii_strncasecmp (label, generic_labels[i], len) == 0)
      return TRUE;
  return FALSE;
}

/**
 * _ld_redactor_domain:
 * @domain: a registrable domain ("acme.health", "corp.contoso.loc" gives
 *   "contoso.loc" to this), or a single label standing for one
 *
 * Returns: (nullable): "domainN.example", or %NULL for a public domain.
 */
const char *
_ld_redactor_domain (LdRedactor *self,
                     const char *domain,
                     gsize       len)
{
  g_autofree char *key = NULL;
  const char *p;
  const char *dot;

  while (len > 0 && domain[len - 1] == '.')
    len--;
  if (len == 0 || _ld_redact_domain_is_public (domain, len))
    return NULL;
  key = fold (domain, len);
  p = g_hash_table_lookup (self->maps[LD_REDACT_DOMAIN], key);
  if (p != NULL)
    return p;
  _ld_redactor_collect (self, LD_REDACT_DOMAIN, domain, len);
  /* The domain's own label names the tenant ("acmehealth", "contoso"):
   * NetBIOS domains and free text use it alone. The top-level domain
   * does not. */
  dot = memchr (key, '.', strlen (key));
  if (dot != NULL)
    {
      _ld_redactor_collect (self, LD_REDACT_DOMAIN, key, dot - key);
      _ld_redactor_learn_word (self, LD_REDACT_DOMAIN, key, dot - key, key);
    }
  for (;;)
    {
      g_autofree char *label = g_strdup_printf ("domain%u", ++self->counters[LD_REDACT_DOMAIN]);
      g_autofree char *candidate = g_strconcat (label, ".example", NULL);

      if (usable (self, label) && usable (self, candidate))
        {
          give (self, label);
          give (self, candidate);
          return remember (self, LD_REDACT_DOMAIN, g_steal_pointer (&key), g_steal_pointer (&candidate));
        }
    }
}

/* ---- Addresses ---------------------------------------------------------- */

static gboolean
ipv4_parse (const char *s,
            gsize       len,
            guint       o[4])
{
  guint n = 0, v = 0, digits = 0;

  for (gsize i = 0; i <= len; i++)
    {
      if (i == len || s[i] == '.')
        {
          if (digits == 0 || digits > 3 || v > 255 || n >= 4)
            return FALSE;
          o[n++] = v;
          v = 0;
          digits = 0;
        }
      else if (g_ascii_isdigit (s[i]))
        {
          v = v * 10 + (s[i] - '0');
          digits++;
        }
      else
        return FALSE;
    }
  return n == 4;
}

static NetSlot *
net_slot_new (LdRedactor *self)
{
  NetSlot *slot = g_new0 (NetSlot, 1);

  g_ptr_array_add (self->net_slots, slot);
  return slot;
}

/* The n-th public documentation or benchmark network: addresses no one
 * is reached at (RFC 5737, RFC 2544), then the reserved 240/4. */
static void
public_net (guint n, guint *a, guint *b, guint *c)
{
  static const guint doc[3][3] = { { 203, 0, 113 }, { 198, 51, 100 }, { 192, 0, 2 } };

  if (n < 3)
    *a = doc[n][0], *b = doc[n][1], *c = doc[n][2];
  else if (n < 3 + 512)
    *a = 198, *b = 18 + (n - 3) / 256, *c = (n - 3) % 256;
  else
    *a = 240 + ((n - 515) >> 16) % 15, *b = ((n - 515) >> 8) & 255, *c = (n - 515) & 255;
}

/**
 * _ld_redactor_ipv4:
 *
 * Returns: (nullable): the pseudonym of an IPv4 address, or %NULL for one
 *   that identifies nothing (loopback, unspecified, broadcast, multicast,
 *   link-local) or is no address.
 */
const char *
_ld_redactor_ipv4 (LdRedactor *self,
                   const char *ip,
                   gsize       len)
{
  guint o[4];
  g_autofree char *key = NULL;
  g_autofree char *net_key = NULL;
  const char *p;
  NetSlot *slot;
  gboolean private;

  if (!ipv4_parse (ip, len, o))
    return NULL;
  if (o[0] == 0 || o[0] == 127 || o[0] >= 224 || (o[0] == 169 && o[1] == 254))
    return NULL;
  key = g_strdup_printf ("%u.%u.%u.%u", o[0], o[1], o[2], o[3]);
  p = g_hash_table_lookup (self->maps[LD_REDACT_IPV4], key);
  if (p != NULL)
    return p;
  _ld_redactor_collect (self, LD_REDACT_IPV4, key, -1);
  if (strlen (key) != len || memcmp (key, ip, len) != 0)
    _ld_redactor_collect (self, LD_REDACT_IPV4, ip, len);

  private = o[0] == 10 || (o[0] == 172 && o[1] >= 16 && o[1] <= 31) || (o[0] == 192 && o[1] == 168) ||
            (o[0] == 100 && o[1] >= 64 && o[1] <= 127);
  net_key = g_strdup_printf ("%u.%u.%u", o[0], o[1], o[2]);
  slot = g_hash_table_lookup (self->ipv4_nets, net_key);
  if (slot == NULL)
    {
      slot = net_slot_new (self);
      g_hash_table_insert (self->ipv4_nets, g_steal_pointer (&net_key), slot);
      goto fresh;
    }
  for (;;)
    {
      while (slot->next_host < 254)
        {
          g_autofree char *candidate = g_strdup_printf ("%u.%u.%u.%u", slot->a, slot->b, slot->c,
                                                        ++slot->next_host);
          if (usable (self, candidate))
            {
              give (self, candidate);
              return remember (self, LD_REDACT_IPV4, g_steal_pointer (&key), g_steal_pointer (&candidate));
            }
        }
      if (slot->overflow != NULL)
        {
          slot = slot->overflow;
          continue;
        }
      slot->overflow = net_slot_new (self);
      slot = slot->overflow;
    fresh:
      if (private)
        {
          guint n = self->n_private_nets++;

          slot->a = 10, slot->b = (n >> 8) & 255, slot->c = n & 255;
        }
      else
        public_net (self->n_public_nets++, &slot->a, &slot->b, &slot->c);
    }
}

/**
 * _ld_redactor_ipv6:
 *
 * Returns: (nullable): "2001:db8:N::H", one N per real /64, or %NULL for
 *   the unspecified and loopback addresses and text that is no address.
 */
const char *
_ld_redactor_ipv6 (LdRedactor *self,
                   const char *ip,
                   gsize       len)
{
  g_autofree char *text = g_strndup (ip, len);
  g_autoptr(GInetAddress) addr = NULL;
  g_autofree char *key = NULL;
  g_autofree char *net_key = NULL;
  const guint8 *bytes;
  const char *p;
  NetSlot *slot;

  addr = g_inet_address_new_from_string (text);
  if (addr == NULL || g_inet_address_get_family (addr) != G_SOCKET_FAMILY_IPV6)
    return NULL;
  if (g_inet_address_get_is_any (addr) || g_inet_address_get_is_loopback (addr) ||
      g_inet_address_get_is_multicast (addr))
    return NULL;
  key = g_inet_address_to_string (addr);
  p = g_hash_table_lookup (self->maps[LD_REDACT_IPV6], key);
  if (p != NULL)
    return p;
  _ld_redactor_collect (self, LD_REDACT_IPV6, key, -1);
  _ld_redactor_collect (self, LD_REDACT_IPV6, ip, len);
  bytes = g_inet_address_to_bytes (addr);
  net_key = g_strdup_printf ("%02x%02x%02x%02x%02x%02x%02x%02x", bytes[0], bytes[1], bytes[2], bytes[3],
                             bytes[4], bytes[5], bytes[6], bytes[7]);
  slot = g_hash_table_lookup (self->ipv6_nets, net_key);
  if (slot == NULL)
    {
      slot = net_slot_new (self);
      slot->c = ++self->n_ipv6_nets;
      g_hash_table_insert (self->ipv6_nets, g_steal_pointer (&net_key), slot);
    }
  for (;;)
    {
      g_autofree char *candidate = g_strdup_printf ("2001:db8:%x::%x", slot->c, ++slot->next_host);

      if (usable (self, candidate))
        {
          give (self, candidate);
          return remember (self, LD_REDACT_IPV6, g_steal_pointer (&key), g_steal_pointer (&candidate));
        }
    }
}

/**
 * _ld_redactor_mac:
 *
 * Returns: (nullable): a locally administered MAC address written as
 *   @mac was (separator and case), or %NULL for text that is no MAC.
 */
const char *
_ld_redactor_mac (LdRedactor *self,
                  const char *mac,
                  gsize       len)
{
  char hex[13];
  guint n = 0;
  char sep = 0;
  gboolean upper = FALSE;
  const char *p;
  g_autofree char *key = NULL;

  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isxdigit (mac[i]))
        {
          if (n >= 12)
            return NULL;
          upper |= g_ascii_isupper (mac[i]);
          hex[n++] = g_ascii_tolower (mac[i]);
        }
      else if (sep == 0 || sep == mac[i])
        sep = mac[i];
      else
        return NULL;
    }
  if (n != 12)
    return NULL;
  hex[12] = '\0';
  key = g_strdup_printf ("%s%c%c", hex, sep ? sep : '_', upper ? 'U' : 'l');
  p = g_hash_table_lookup (self->maps[LD_REDACT_MAC], key);
  if (p != NULL)
    return p;
  _ld_redactor_collect (self, LD_REDACT_MAC, hex, 12);
  _ld_redactor_collect (self, LD_REDACT_MAC, mac, len);
  {
    /* The same MAC written otherwise gets the same number. */
    g_autofree char *num_key = g_strconcat ("#", hex, NULL);
    guint num;
    const char *known = g_hash_table_lookup (self->maps[LD_REDACT_MAC], num_key);
    GString *s = g_string_new (NULL);

    if (known != NULL)
      num = (guint) strtoul (known, NULL, 10);
    else
      {
        num = ++self->counters[LD_REDACT_MAC];
        g_hash_table_insert (self->maps[LD_REDACT_MAC], g_steal_pointer (&num_key), g_strdup_printf ("%u", num));
      }
    {
      guint8 b[6] = { 0x02, 0, 0, (num >> 16) & 0xff, (num >> 8) & 0xff, num & 0xff };

      for (guint i = 0; i < 6; i++)
        {
          if (sep == '.' && (i == 2 || i == 4))
            g_string_append_c (s, '.');
          else if (sep != 0 && sep != '.' && i > 0)
            g_string_append_c (s, sep);
          g_string_append_printf (s, upper ? "%02X" : "%02x", b[i]);
        }
    }
    give (self, s->str);
    return remember (self, LD_REDACT_MAC, g_steal_pointer (&key), g_string_free (s, FALSE));
  }
}

/**
 * _ld_redactor_phone:
 *
 * Returns: "+999" and eight digits: the country code +999 is not
 *   assigned, so no one can be called at a pseudonym. The same digits
 *   get the same pseudonym in any notation.
 */
const char *
_ld_redactor_phone (LdRedactor *self,
                    const char *number,
                    gsize       len)
{
  GString *digits = g_string_new (NULL);
  const char *p;

  for (gsize i = 0; i < len; i++)
    if (g_ascii_isdigit (number[i]))
      g_string_append_c (digits, number[i]);
  /* One number however it is written: see _ld_redactor_collect(). */
  if (digits->len > 10)
    g_string_erase (digits, 0, digits->len - 10);
  p = g_hash_table_lookup (self->maps[LD_REDACT_PHONE], digits->str);
  if (p != NULL)
    {
      g_string_free (digits, TRUE);
      return p;
    }
  _ld_redactor_collect (self, LD_REDACT_PHONE, number, len);
  for (;;)
    {
      g_autofree char *candidate = g_strdup_printf ("+999%08u", ++self->counters[LD_REDACT_PHONE]);

      if (usable (self, candidate + 1))
        {
          give (self, candidate + 1);
          return remember (self, LD_REDACT_PHONE, g_string_free (digits, FALSE), g_steal_pointer (&candidate));
        }
    }
}

/**
 * _ld_redactor_guid:
 *
 * Returns: a GUID of the same shape ("{…}", case) numbered from 1.
 */
const char *
_ld_redactor_guid (LdRedactor *self,
                   const char *guid,
                   gsize       len)
{
  g_autofree char *key = g_ascii_strdown (guid, len);
  const char *p = g_hash_table_lookup (self->maps[LD_REDACT_ENDPOINT], key);
  gboolean upper = FALSE;
  GString *s;
  guint n;

  if (p != NULL)
    return p;
  _ld_redactor_collect (self, LD_REDACT_ENDPOINT, guid, len);
  /* Met again in free text, it is the same device. */
  _ld_redactor_learn_word (self, LD_REDACT_ENDPOINT, key, -1, key);
  for (gsize i = 0; i < len; i++)
    upper |= g_ascii_isupper (guid[i]);
  n = ++self->counters[LD_REDACT_ENDPOINT];
  s = g_string_new (NULL);
  for (gsize i = 0, hex = 0; i < len; i++)
    {
      if (g_ascii_isxdigit (guid[i]))
        {
          /* The last twelve digits count; the rest are zeros. */
          guint shift = (guint) (31 - MIN (hex, 31));
          guint digit = shift < 8 ? (n >> (shift * 4)) & 0xf : 0;

          g_string_append_c (s, (upper ? "0123456789ABCDEF" : "0123456789abcdef")[digit]);
          hex++;
        }
      else
        g_string_append_c (s, guid[i]);
    }
  give (self, s->str);
  return remember (self, LD_REDACT_ENDPOINT, g_steal_pointer (&key), g_string_free (s, FALSE));
}

/* ---- Passes ------------------------------------------------------------- */

/**
 * _ld_redactor_seed_from:
 * @learnt: the redactor of the first pass over the same inputs
 *
 * Every value @learnt met is reserved (no pseudonym may equal it) and its
 * words are known from the start, so free text before a name's first SIP
 * message is rewritten too.
 */
void
_ld_redactor_seed_from (LdRedactor *self,
                        LdRedactor *learnt)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, learnt->reserved);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (self->reserved, g_strdup (key));
  g_hash_table_iter_init (&iter, learnt->words);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (self->words, key))
      g_hash_table_insert (self->words, g_strdup (key), g_strdup (value));
}

/**
 * ld_redactor_add_user_text:
 * @text: (nullable): something the user typed that a redacted report
 *   leaves out (a free-text wizard answer)
 *
 * Its words are looked for by the output check like the logs' values.
 */
void
ld_redactor_add_user_text (LdRedactor *self,
                           const char *text)
{
  const char *w, *end;

  g_return_if_fail (self != NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;
  _ld_redactor_collect (self, LD_REDACT_TEXT, text, -1);
  for (w = text; *w; w = end)
    {
      while (*w && g_unichar_isspace (g_utf8_get_char (w)))
        w = g_utf8_next_char (w);
      end = w;
      while (*end && !g_unichar_isspace (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      if (end > w)
        {
          const char *a = w, *b = end;

          /* "PC042," and "(Jane" are "PC042" and "Jane". */
          while (a < b && !g_unichar_isalnum (g_utf8_get_char (a)))
            a = g_utf8_next_char (a);
          while (b > a && !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (b))))
            b = g_utf8_prev_char (b);
          if (b > a)
            _ld_redactor_collect (self, LD_REDACT_TEXT, a, b - a);
        }
    }
}
