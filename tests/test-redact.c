/* test-redact.c - redacted reports of a realistic log re-homed under many tenants, in every format
 *
 * tests/data/redact/tenant.uccapilog.in (see its README) is filled with
 * each identity of the table below: tenants under many top-level domains
 * and in any letter case, IDN and Unicode names, right-to-left overrides,
 * very long names, users named after English words. Each log is analysed
 * from a file whose path names the user and the machine, and from a
 * MOSDAL zip whose member folder names the machine; every format is
 * written redacted, with and without the troubleshooting steps (and an
 * answer in the user's own words), and checked by this test's own search
 * (not the redactor's) for every value it put in, in every spelling; the
 * report's English must be that of the unredacted report, and the
 * redacted analysis must judge the log as the unredacted one does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-redact"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <zip.h>

#include "lyncdiag.h"
#include "ld-error.h"
#include "ld-redact-private.h"
#include "ld-report.h"
#include "ld-wizard.h"

typedef struct
{
  const char *name;
  const char *T, *TL, *AD, *NB, *F;        /* tenant, its label, AD domain, NetBIOS domain, partner */
  const char *U1, *ACC, *N1, *PC;          /* the user: SIP user, Windows account, name, computer */
  const char *U2, *N2, *U3, *N3, *U4, *N4, *N5;
  const char *PHONE, *PHONE1, *PHONEF, *MID, *MAC, *EPID;
  const char *english[16];                 /* names that are words of the report's English */
} Identity;

static char *long_name;

static Identity identities[] = {
  { "health", "acme.health", "acmehealth", "corp.contoso.loc", "CONTOSO", "northwindtraders.bank",
    "john.smith", "jsmith", "John Smith", "PC-JSMITH01",
    "jane.doe", "Jane Doe", "zoe.lambert", "Zoë Lambert-Åström", "mayflower", "May Flowers", "Reception Desk",
    "+14255550199", "+14255550100", "+1 (425) 555-0199", "TF2497F37", "00-15-5D-0A-0B-0C",
    "Hs2bXq0u1FqC3Y7Y0c1b5AAA", { "reception", "desk", "may" } },
  { "english-words", "ACME-GROUP.EU", "acmegroup", "ad.acmegrp.local", "ACMEGRP", "finanz.xyz",
    "will", "port", "Will Port", "WS0042",
    "may", "Edge Call", "user", "Can Not", "call", "\u202Eredro\u202C Anna Bell", "The Help Desk",
    "+4930123456789", "+493012345600", "+49 30 1234 56789", "8XKQ2M7P", "3c:52:82:1a:2b:3c",
    "mV2VibmVCl-rGn-asKt9hQAB", { "will", "port", "may", "call", "edge", "can", "not", "user", "the", "help", "desk" } },
  { "idn", "xn--bcher-kva.app", "buecher", "intern.louvre.museum", "LOUVRE", "bücher.law",
    "françois.müller", "fmuller", "François Müller", "LAPTOP-FM-7",
    "edge", "Ödön von Horváth", "li.wei", "李伟", "failed", "محمد الأحمد", NULL /* long */,
    "+33142345678", "+33142345600", "+33 1 42 34 56 78", "ABCD1234", "a4c3.f0e1.d2b3",
    "JLcBefPLmVK_0AQYJ-UEiAAA", { "edge", "failed", "von" } },
  { "solutions", "acme.solutions", "acmesol", "corp.acme.solutions", "ACMESOL", "tools.dev",
    "a.very.long.user.name.with.many.parts.for.testing", "avlun", "Dr. Åsa Øberg-Lindqvist (CFO)", "DESKTOP-7Q2M4K",
    "lea.dubois", "Léa Dubois", "not", "Sven O'Neill", "error", "Zoë", "Front Office",
    "+442071234567", "+442071234500", "+44 20 7123 4567", "Q9Z8Y7X6", "F0-DE-F1-12-34-56",
    "Kx9bXq0u1FqC3Y7Y0c1b5AAA", { "error", "not", "front", "office", "very", "long", "user", "name", "with",
                                  "many", "parts", "for", "testing", "desktop" } },
  { "museum", "smith.law", "smithlaw", "dc01.smithlaw.pro", "SMITHLAW", "louvre.museum",
    "s.jones", "sjones", "Sarah Jones", "SJONES-NB",
    "j.lee", "Jae-won Lee", "k.nakamura", "中村 健", "r.garcia", "Rosa García", "Night Shift",
    "+81312345678", "+81312345600", "03-1234-5678", "LAW2024X", "001122334455",
    "Zz9bXq0u1FqC3Y7Y0c1b5AAA", { "night", "shift" } },
};

static char *tmp_dir;

/* ---- Making the corpus ------------------------------------------------------ */

static void
replace_all (GString    *s,
             const char *needle,
             const char *value)
{
  gsize nl = strlen (needle), vl = strlen (value);

  for (gsize i = 0; i + nl <= s->len;)
    {
      if (memcmp (s->str + i, needle, nl) == 0)
        {
          g_string_erase (s, i, nl);
          g_string_insert (s, i, value);
          i += vl;
        }
      else
        i++;
    }
}

static gboolean
is_prefixed (const char *line)
{
  return strlen (line) > 11 && g_ascii_isdigit (line[0]) && line[2] == '/' && line[10] == '|';
}

/* Each "Content-Length: @@CL@@" becomes its body's wire length (a log's
 * LF is the wire's CRLF). */
static void
fix_content_lengths (GString *s)
{
  g_auto(GStrv) lines = g_strsplit (s->str, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strcmp (lines[i], "Content-Length: @@CL@@") == 0)
        {
          guint j = i + 1;
          gsize wire = 0;

          while (lines[j] != NULL && *lines[j] != '\0')
            j++;
          for (j++; lines[j] != NULL && !is_prefixed (lines[j]); j++)
            wire += strlen (lines[j]) + 2;
          g_string_append_printf (out, "Content-Length: %zu\n", wire);
          continue;
        }
      g_string_append (out, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append_c (out, '\n');
    }
  g_string_assign (s, out->str);
  g_string_free (out, TRUE);
}

static char *
instantiate (const Identity *id)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "redact", "tenant.uccapilog.in", NULL);
  g_autofree char *template = NULL;
  GString *s;
  const struct { const char *key; const char *value; } subs[] = {
    { "@@T@@", id->T }, { "@@TL@@", id->TL }, { "@@AD@@", id->AD }, { "@@NB@@", id->NB }, { "@@F@@", id->F },
    { "@@U1@@", id->U1 }, { "@@ACC@@", id->ACC }, { "@@N1@@", id->N1 }, { "@@PC@@", id->PC },
    { "@@U2@@", id->U2 }, { "@@N2@@", id->N2 }, { "@@U3@@", id->U3 }, { "@@N3@@", id->N3 },
    { "@@U4@@", id->U4 }, { "@@N4@@", id->N4 }, { "@@N5@@", id->N5 ? id->N5 : long_name },
    { "@@PHONE1@@", id->PHONE1 }, { "@@PHONEF@@", id->PHONEF }, { "@@PHONE@@", id->PHONE },
    { "@@MID@@", id->MID }, { "@@MAC@@", id->MAC }, { "@@EPID@@", id->EPID },
  };

  g_assert_true (g_file_get_contents (path, &template, NULL, NULL));
  s = g_string_new (template);
  for (gsize i = 0; i < G_N_ELEMENTS (subs); i++)
    replace_all (s, subs[i].key, subs[i].value);
  fix_content_lengths (s);
  g_assert_null (strstr (s->str, "@@"));
  return g_string_free (s, FALSE);
}

/* The log as a helpdesk receives it: in a folder of the user's, under a
 * file name that names the user and the computer. */
static char *
write_log (const Identity *id,
           const char     *text)
{
  g_autofree char *dir = g_build_filename (tmp_dir, id->name, "Users", id->ACC, "Documents", NULL);
  g_autofree char *base = g_strdup_printf ("%s-%s.uccapilog", id->ACC, id->PC);
  char *path = g_build_filename (dir, base, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* A MOSDAL report: the log under a folder named after the computer. */
static char *
write_zip (const Identity *id,
           const char     *text)
{
  g_autofree char *dir = g_build_filename (tmp_dir, id->name, NULL);
  g_autofree char *base = g_strdup_printf ("MOSDALREPORT_%s.zip", id->PC);
  g_autofree char *member = g_strdup_printf ("MOSDAL_Report_%s/User_Applications/Lync/Tracing/Lync-UccApi-0.UccApilog",
                                             id->PC);
  char *path = g_build_filename (dir, base, NULL);
  zip_t *za;
  zip_source_t *src;
  int err = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  za = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  g_assert_nonnull (za);
  src = zip_source_buffer (za, text, strlen (text), 0);
  g_assert_nonnull (src);
  g_assert_cmpint (zip_file_add (za, member, src, ZIP_FL_ENC_UTF_8), >=, 0);
  g_assert_cmpint (zip_close (za), ==, 0);
  return path;
}

static LdAnalysis *
analyse (const char *path)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_analysis_add_file (analysis, file, NULL, &error));
  g_assert_no_error (error);
  ld_analysis_finish (analysis);
  return analysis;
}

/* ---- What must not survive ---------------------------------------------------- */

typedef enum { V_STRONG, V_WORD, V_DIGITS } Mode;

typedef struct
{
  char *value;   /* casefolded */
  Mode  mode;
} Value;

static void
value_free (gpointer data)
{
  Value *v = data;

  g_free (v->value);
  g_free (v);
}

static gboolean
english (const Identity *id,
         const char     *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (id->english) && id->english[i] != NULL; i++)
    if (g_ascii_strcasecmp (id->english[i], word) == 0)
      return TRUE;
  return FALSE;
}

static void
add_value (GPtrArray      *values,
           const Identity *id,
           const char     *value,
           Mode            mode)
{
  Value *v;
  g_autofree char *folded = NULL;

  if (value == NULL || *value == '\0')
    return;
  folded = g_utf8_casefold (value, -1);
  if (mode == V_WORD && (g_utf8_strlen (folded, -1) < 4 || english (id, folded)))
    return;
  v = g_new0 (Value, 1);
  v->value = g_steal_pointer (&folded);
  v->mode = mode;
  g_ptr_array_add (values, v);
}

/* The words of a name or address that name someone on their own. */
static void
add_words (GPtrArray      *values,
           const Identity *id,
           const char     *text)
{
  g_auto(GStrv) words = g_regex_split_simple ("[^\\p{L}\\p{N}]+", text, 0, 0);

  for (guint i = 0; words[i] != NULL; i++)
    add_value (values, id, words[i], V_WORD);
}

static GPtrArray *
values_of (const Identity *id)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (value_free);
  const char *names[] = { id->N1, id->N2, id->N3, id->N4, id->N5 ? id->N5 : long_name };
  const char *addresses[][2] = { { id->U1, id->T }, { id->U2, id->T }, { id->U3, id->F }, { id->U4, id->T } };
  const char *ad_hosts[] = { "sfbfe01", "sfbpool1", "sfbfe1", "avedge01", "sfbmed01", "fs01", "sipinternal" };
  const char *ips[] = { "10.20.4.57", "10.20.30.40", "203.0.113.250", "207.46.5.9", "207.46.5.63", "11.1.111.11",
                        "65.55.127.64", "192.168.100.1", "80.187.111.135", "80.60.22.20", "2001:4898:a800:1012::57" };
  const char *ids[] = { "5f2c3a1e-8a1b-5c2d-9e4f-0a1b2c3d4e5f", "6f1a2b3c4d", "1b2c3d4e5f", "c21eec507a",
                        "d3470f2e1d", "mV1VibmVCl-rGn-asKt9hQAA", "Ci.R221ef00" };
  GString *mac = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      add_value (values, id, names[i], V_STRONG);
      add_words (values, id, names[i]);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autofree char *a = g_strdup_printf ("%s@%s", addresses[i][0], addresses[i][1]);

      add_value (values, id, a, V_STRONG);
      if (strchr (addresses[i][0], '.'))
        add_value (values, id, addresses[i][0], V_STRONG);
      add_words (values, id, addresses[i][0]);
    }
  add_value (values, id, id->T, V_STRONG);
  add_value (values, id, id->F, V_STRONG);
  add_value (values, id, id->AD, V_STRONG);
  /* The domains' own labels name the tenants ("acme" of acme.health);
   * the top-level domains do not. */
  for (const char *d[] = { id->T, id->F, NULL }, **p = d; *p; p++)
    {
      g_auto(GStrv) labels = g_strsplit (*p, ".", -1);
      guint n = g_strv_length (labels);

      if (n >= 2)
        add_value (values, id, labels[n - 2], V_WORD);
    }
  add_value (values, id, id->TL, V_WORD);
  add_value (values, id, id->NB, V_WORD);
  add_value (values, id, id->ACC, V_WORD);
  add_value (values, id, id->PC, V_STRONG);
  add_words (values, id, id->PC);
  for (gsize i = 0; i < G_N_ELEMENTS (ad_hosts); i++)
    {
      g_autofree char *h = g_strdup_printf ("%s.%s", ad_hosts[i], id->AD);

      add_value (values, id, h, V_STRONG);
    }
  {
    g_autofree char *a = g_strdup_printf ("vcse.sub.%s", id->F);
    g_autofree char *b = g_strdup_printf ("vcse.edge.%s", id->F);
    g_autofree char *c = g_strdup_printf ("%s\\%s", id->NB, id->ACC);
    g_autofree char *d = g_strdup_printf ("%s/%s/%s", id->TL, id->U2, id->MID);
    g_autofree char *e = g_strdup_printf ("%s-%s.uccapilog", id->ACC, id->PC);
    g_autofree char *f = g_strdup_printf ("MOSDAL_Report_%s", id->PC);

    add_value (values, id, a, V_STRONG);
    add_value (values, id, b, V_STRONG);
    add_value (values, id, c, V_STRONG);
    add_value (values, id, d, V_STRONG);
    add_value (values, id, e, V_STRONG);
    add_value (values, id, f, V_STRONG);
    add_value (values, id, tmp_dir, V_STRONG);
  }
  for (gsize i = 0; i < G_N_ELEMENTS (ips); i++)
    add_value (values, id, ips[i], V_STRONG);
  for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
    add_value (values, id, ids[i], V_STRONG);
  add_value (values, id, id->MID, V_STRONG);
  add_value (values, id, id->EPID, V_STRONG);
  add_value (values, id, id->MAC, V_STRONG);
  for (const char *p = id->MAC; *p; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (mac, *p);
  add_value (values, id, mac->str, V_STRONG);
  g_string_free (mac, TRUE);
  for (const char *phone[] = { id->PHONE, id->PHONE1, NULL }, **p = phone; *p; p++)
    {
      GString *digits = g_string_new (NULL);

      for (const char *c = *p; *c; c++)
        if (g_ascii_isdigit (*c))
          g_string_append_c (digits, *c);
      /* National notation drops the country code: its last 9 digits. */
      add_value (values, id, digits->str + MAX (0, (int) digits->len - 9), V_DIGITS);
      g_string_free (digits, TRUE);
    }
  return values;
}

/* ---- Searching a report -------------------------------------------------------- */

static gboolean
is_word_char (const char *s,
              gsize       len,
              gssize      i)
{
  gunichar c;

  if (i < 0 || (gsize) i >= len)
    return FALSE;
  while (i > 0 && ((guchar) s[i] & 0xC0) == 0x80)
    i--;
  c = g_utf8_get_char_validated (s + i, len - i);
  return c != (gunichar) -1 && c != (gunichar) -2 && g_unichar_isalnum (c);
}

static gboolean
found_in (const char *hay,
          const Value *v)
{
  gsize len = strlen (hay), vl = strlen (v->value);

  for (const char *p = strstr (hay, v->value); p != NULL; p = strstr (p + 1, v->value))
    {
      gsize at = p - hay;
      gboolean start_ok = !is_word_char (v->value, vl, 0) || !is_word_char (hay, len, (gssize) at - 1);
      gboolean end_ok = !is_word_char (v->value, vl, vl - 1) || !is_word_char (hay, len, at + vl);

      if (v->mode == V_DIGITS)
        end_ok = at + vl >= len || !g_ascii_isdigit (hay[at + vl]);
      if (start_ok && end_ok)
        return TRUE;
    }
  return FALSE;
}

/* The spellings the formats give: escapes undone, percent-encoding
 * undone, invisible characters and line breaks dropped, digits alone. */
static GPtrArray *
views_of (const char *text,
          gboolean    pdf)
{
  GPtrArray *views = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) bidi = g_regex_new ("[\\x{200B}-\\x{200F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}\\x{00AD}]",
                                        0, 0, NULL);
  g_autofree char *clean = g_regex_replace_literal (bidi, text, -1, 0, "", 0, NULL);
  g_autofree char *json = g_strcompress (clean);
  g_autoptr(GRegex) md = g_regex_new ("\\\\([[:punct:]])", 0, 0, NULL);
  g_autofree char *md_text = g_regex_replace (md, clean, -1, 0, "\\1", 0, NULL);
  g_autofree char *percent = g_uri_unescape_string (clean, NULL);
  GString *digits = g_string_new (NULL);

  g_ptr_array_add (views, g_utf8_casefold (clean, -1));
  if (g_utf8_validate (json, -1, NULL))
    g_ptr_array_add (views, g_utf8_casefold (json, -1));
  g_ptr_array_add (views, g_utf8_casefold (md_text, -1));
  if (percent != NULL && g_utf8_validate (percent, -1, NULL))
    g_ptr_array_add (views, g_utf8_casefold (percent, -1));
  if (pdf)
    {
      GString *joined = g_string_new (NULL);

      /* A value wrapped across lines. */
      for (const char *p = clean; *p; p++)
        if (*p != '\n' && *p != '\f')
          g_string_append_c (joined, *p);
      g_ptr_array_add (views, g_utf8_casefold (joined->str, -1));
      g_string_free (joined, TRUE);
    }
  for (const char *p = clean; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (!strchr (" ()+-./", *p) && digits->len > 0 && digits->str[digits->len - 1] != '|')
        g_string_append_c (digits, '|');
    }
  g_ptr_array_add (views, g_string_free (digits, FALSE));
  return views;
}

static void
assert_clean (const char *what,
              const char *text,
              gboolean    pdf,
              GPtrArray  *values)
{
  g_autoptr(GPtrArray) views = views_of (text, pdf);

  for (guint i = 0; i < values->len; i++)
    {
      const Value *v = values->pdata[i];

      for (guint k = 0; k < views->len; k++)
        {
          gboolean digits_view = k == views->len - 1;

          if ((v->mode == V_DIGITS) != digits_view)
            continue;
          if (found_in (views->pdata[k], v))
            g_error ("%s: “%s” survived (view %u)", what, v->value, k);
        }
    }
}

static gboolean
have_pdftotext (void)
{
  g_autofree char *p = g_find_program_in_path ("pdftotext");

  return p != NULL;
}

static char *
pdf_text (GBytes     *bytes,
          const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  char *out = NULL;
  int status = 0;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);
  return out;
}

/* ---- The report's English ----------------------------------------------------- */

/* Words of the report's sentences: letters only, between spaces or
 * sentence punctuation (a word inside an address or URI is a value). */
static GHashTable *
prose_words_full (const char *text,
                  gboolean    skip_line_edges)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = text;

  while (*p)
    {
      const char *start, *end;
      gunichar before = 0;
      gboolean letters = TRUE;

      while (*p && !g_unichar_isalpha (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p && (g_unichar_isalnum (g_utf8_get_char (p)) || *p == '\'' || *p == '@' || *p == '.' ||
                    *p == ':' || *p == '-' || *p == '_' || *p == '/' || *p == '\\'))
        {
          if (!g_unichar_isalpha (g_utf8_get_char (p)))
            letters = FALSE;
          p = g_utf8_next_char (p);
        }
      end = p;
      /* "failed." ends a sentence; "failed.It" is not a word. */
      while (end > start && (end[-1] == '.' || end[-1] == ':'))
        end--;
      if (end > start)
        {
          gboolean only_letters = TRUE;

          for (const char *q = start; q < end; q = g_utf8_next_char (q))
            if (!g_unichar_isalpha (g_utf8_get_char (q)) && *q != '\'')
              only_letters = FALSE;
          if (start > text)
            before = g_utf8_get_char (g_utf8_prev_char (start));
          gboolean edge = (start == text || start[-1] == '\n' || *end == '\n' || *end == '\0' ||
                           (*end == ' ' && end[1] == '\n'));

          if (only_letters && before != '@' && before != ':' && before != '/' && before != '\\' && before != '=' &&
              !(skip_line_edges && edge))
            {
              char *w = g_strndup (start, end - start);
              gpointer n = g_hash_table_lookup (counts, w);

              g_hash_table_replace (counts, w, GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
            }
        }
      (void) letters;
      if (p == start && *p != '\0')
        p = g_utf8_next_char (p);
    }
  return counts;
}

static GHashTable *
prose_words (const char *text)
{
  return prose_words_full (text, FALSE);
}

/* Words a report may change: pseudonyms' and the identity's own. */
static gboolean
value_word (const char     *word,
            const Identity *id,
            GPtrArray      *values)
{
  static const char * const pseudonym_words[] = {
    "Person", "redacted", "example", "folder", "log", "path", "meeting", "epid", "token", "host", "user", "domain",
    "file", "corp", "ad", "intern",
  };
  g_autofree char *folded = g_utf8_casefold (word, -1);

  for (gsize i = 0; i < G_N_ELEMENTS (pseudonym_words); i++)
    if (g_ascii_strcasecmp (word, pseudonym_words[i]) == 0)
      return TRUE;
  if (english (id, folded))
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    {
      const Value *v = values->pdata[i];
      g_autofree char *escaped = g_regex_escape_string (folded, -1);
      g_autofree char *pattern = g_strdup_printf ("(^|[^\\p{L}])%s([^\\p{L}]|$)", escaped);

      if (strcmp (v->value, folded) == 0 || g_regex_match_simple (pattern, v->value, 0, 0))
        return TRUE;
    }
  return FALSE;
}

/* The redacted report says what the unredacted one says: every word of
 * its sentences is there as often, whoever is called may or will. */
static void
assert_same_english (const char     *what,
                     const char     *plain,
                     const char     *redacted,
                     const Identity *id,
                     GPtrArray      *values)
{
  g_autoptr(GHashTable) a = prose_words (plain);
  g_autoptr(GHashTable) b = prose_words (redacted);
  g_autofree char *legend_text = ld_redact_dup_legend ();
  g_autoptr(GHashTable) legend = prose_words (legend_text);
  GHashTableIter iter;
  gpointer key, value;

  /* The redacted report adds its legend, once. */
  g_hash_table_iter_init (&iter, legend);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (b, key));

      g_assert_cmpuint (n, >=, GPOINTER_TO_UINT (value));
      if (n == GPOINTER_TO_UINT (value))
        g_hash_table_remove (b, key);
      else
        g_hash_table_replace (b, g_strdup (key), GUINT_TO_POINTER (n - GPOINTER_TO_UINT (value)));
    }

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (b, key));

      if (n != GPOINTER_TO_UINT (value) && !value_word (key, id, values))
        g_error ("%s: the word “%s” is %u times in the report, %u times redacted", what, (char *) key,
                 GPOINTER_TO_UINT (value), n);
    }
  g_hash_table_iter_init (&iter, b);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (a, key) && !value_word (key, id, values))
      g_error ("%s: the redacted report has a word the report has not: “%s”", what, (char *) key);
}

/* "New-CsAllowedDomain" wrapped at its hyphen is "NewCsAllowedDomain" to
 * pdftotext, which joins hyphenated lines: not a word of the prose. */
static gboolean
camel_case (const char *word)
{
  for (const char *p = word + 1; *p; p++)
    if (g_ascii_isupper (*p) && g_ascii_islower (p[-1]))
      return TRUE;
  return FALSE;
}

/* "tls-target" wrapped at its hyphen is "tlstarget" to pdftotext too:
 * the word is the other text's hyphenated word. */
static gboolean
hyphen_joined (const char *word,
               const char *other_text)
{
  gsize len = strlen (word);

  for (gsize i = 1; i < len; i++)
    {
      g_autofree char *hyphenated = g_strdup_printf ("%.*s-%s", (int) i, word, word + i);

      if (strstr (other_text, hyphenated) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* A PDF wraps its lines where its text's lengths make it: a value's
 * pseudonym moves words to other lines, and a long value is cut into
 * pieces at a line's end. Every word inside a line of one is a word of
 * the other. */
static void
assert_same_pdf_words (const char     *what,
                       const char     *plain,
                       const char     *redacted,
                       const Identity *id,
                       GPtrArray      *values)
{
  const char *texts[2] = { plain, redacted };

  for (guint t = 0; t < 2; t++)
    {
      g_autoptr(GHashTable) inner = prose_words_full (texts[t], TRUE);
      g_autoptr(GHashTable) other = prose_words (texts[1 - t]);
      g_autofree char *legend = ld_redact_dup_legend ();
      g_autoptr(GHashTable) legend_words = prose_words (legend);
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, inner);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (other, key) && !value_word (key, id, values) && !camel_case (key) &&
            !hyphen_joined (key, texts[1 - t]) && !(t == 1 && g_hash_table_contains (legend_words, key)))
          {
            const char *at = strstr (texts[t], key);
            g_autofree char *context = at ? g_strndup (MAX (at - 40, texts[t]), 80) : NULL;

            g_error ("%s: the word “%s” is only in the %s report (…%s…)", what, (char *) key,
                     t ? "redacted" : "unredacted", context ? context : "");
          }
    }
}

/* ---- The redacted analysis judges as the real one ------------------------------- */

static void
assert_same_judgement (LdAnalysis *plain,
                       LdAnalysis *redacted)
{
  GPtrArray *pa = ld_analysis_get_attempts (plain), *ra = ld_analysis_get_attempts (redacted);
  GPtrArray *pf = ld_analysis_get_findings (plain), *rf = ld_analysis_get_findings (redacted);

  g_assert_cmpuint (pa->len, ==, ra->len);
  for (guint i = 0; i < pa->len; i++)
    {
      const LdAttempt *x = pa->pdata[i], *y = ra->pdata[i];

      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpint (x->modality, ==, y->modality);
      g_assert_cmpint (x->outcome, ==, y->outcome);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpuint (x->messages->len, ==, y->messages->len);
      g_assert_cmpuint (x->diagnostics->len, ==, y->diagnostics->len);
      for (guint m = 0; m < x->messages->len; m++)
        g_assert_cmpuint (((LdSipMessage *) x->messages->pdata[m])->line, ==,
                          ((LdSipMessage *) y->messages->pdata[m])->line);
    }
  g_assert_cmpuint (pf->len, ==, rf->len);
  for (guint i = 0; i < pf->len; i++)
    {
      const LdFinding *x = pf->pdata[i], *y = rf->pdata[i];

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpint (x->severity, ==, y->severity);
      g_assert_cmpint (x->confidence, ==, y->confidence);
    }
}

/* ---- The tests ---------------------------------------------------------------- */

static GBytes *
render (LdAnalysis    *analysis,
        LdReportFormat format,
        gboolean       redact,
        LdWizard      *wizard)
{
  LdReportOptions options;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  ld_report_options_init (&options);
  options.format = format;
  options.redact = redact;
  if (wizard != NULL)
    {
      options.wizard = wizard;
      options.wizard_func = ld_report_collect_wizard;
    }
  bytes = ld_report_render (analysis, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static char *
text_of (GBytes        *bytes,
         LdReportFormat format,
         const char    *name)
{
  if (format == LD_REPORT_FORMAT_PDF)
    return pdf_text (bytes, name);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
check_identity (gconstpointer data)
{
  const Identity *id = data;
  g_autofree char *text = instantiate (id);
  g_autofree char *log_path = write_log (id, text);
  g_autofree char *zip_path = write_zip (id, text);
  g_autoptr(GPtrArray) values = values_of (id);
  static const LdReportFormat formats[] = {
    LD_REPORT_FORMAT_MARKDOWN, LD_REPORT_FORMAT_JSON, LD_REPORT_FORMAT_CSV, LD_REPORT_FORMAT_PDF,
  };
  const char *inputs[] = { log_path, zip_path };

  for (gsize in = 0; in < G_N_ELEMENTS (inputs); in++)
    {
      g_autoptr(LdAnalysis) analysis = analyse (inputs[in]);
      g_autoptr(LdAnalysis) redacted = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(LdWizard) wizard = ld_wizard_new (analysis);
      g_autofree char *answer = g_strdup_printf ("Only calls with %s … from host PC042", id->N2);

      redacted = ld_analysis_dup_redacted (analysis, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      assert_same_judgement (analysis, redacted);
      g_assert_true (ld_wizard_set_answer (wizard, LD_WIZARD_STEP_CONTACTS, "several", NULL));
      g_assert_true (ld_wizard_set_answer (wizard, LD_WIZARD_STEP_COMMON, answer, NULL));
      g_assert_true (ld_wizard_set_answer (wizard, LD_WIZARD_STEP_PLAN, "on-premises", NULL));

      for (gsize f = 0; f < G_N_ELEMENTS (formats); f++)
        for (int with_wizard = 0; with_wizard <= 1; with_wizard++)
          {
            g_autofree char *what = g_strdup_printf ("%s, %s, %s%s", id->name, in ? "zip" : "log",
                                                     ld_report_format_to_string (formats[f]),
                                                     with_wizard ? ", wizard" : "");
            g_autofree char *name = g_strdup_printf ("%s-%d-%d.pdf", id->name, (int) in, with_wizard);
            g_autoptr(GBytes) plain_bytes = NULL;
            g_autoptr(GBytes) bytes = NULL;
            g_autofree char *plain = NULL;
            g_autofree char *red = NULL;

            if (formats[f] == LD_REPORT_FORMAT_PDF && !have_pdftotext ())
              continue;
            /* The troubleshooting steps are in PDF and Markdown. */
            if (with_wizard && (formats[f] == LD_REPORT_FORMAT_JSON || formats[f] == LD_REPORT_FORMAT_CSV))
              continue;
            bytes = render (analysis, formats[f], TRUE, with_wizard ? wizard : NULL);
            red = text_of (bytes, formats[f], name);
            assert_clean (what, red, formats[f] == LD_REPORT_FORMAT_PDF, values);
            if (with_wizard)
              {
                g_assert_nonnull (strstr (red, formats[f] == LD_REPORT_FORMAT_PDF ? "your own" : "your own words"));
                g_assert_null (strstr (red, "PC042"));
              }
            if (formats[f] == LD_REPORT_FORMAT_MARKDOWN || formats[f] == LD_REPORT_FORMAT_PDF)
              {
                plain_bytes = render (analysis, formats[f], FALSE, NULL);
                plain = text_of (plain_bytes, formats[f], name);
                {
                  /* Kept beside the test's other files (removed when it passes). */
                  g_autofree char *base = g_strdup_printf ("%s.%s", what, "plain.txt");
                  g_autofree char *dump = g_build_filename (tmp_dir, base, NULL);
                  g_autofree char *base2 = g_strdup_printf ("%s.%s", what, "redacted.txt");
                  g_autofree char *dump2 = g_build_filename (tmp_dir, base2, NULL);

                  g_file_set_contents (dump, plain, -1, NULL);
                  g_file_set_contents (dump2, red, -1, NULL);
                }
                if (with_wizard)
                  ;
                else if (formats[f] == LD_REPORT_FORMAT_PDF)
                  assert_same_pdf_words (what, plain, red, id, values);
                else
                  assert_same_english (what, plain, red, id, values);
              }
          }
    }
}

/* The GUI's path: the app holds the real analysis; the file is re-read for
 * the redacted export, and a file that went away is said so. */
static void
test_input_gone (void)
{
  g_autofree char *text = instantiate (&identities[0]);
  g_autofree char *path = g_build_filename (tmp_dir, "gone.uccapilog", NULL);
  g_autoptr(LdAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  LdReportOptions options;
  GBytes *bytes;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  analysis = analyse (path);
  g_unlink (path);
  ld_report_options_init (&options);
  options.format = LD_REPORT_FORMAT_MARKDOWN;
  options.redact = TRUE;
  bytes = ld_report_render (analysis, &options, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, LD_ERROR, LD_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "gone.uccapilog"));
  g_assert_nonnull (strstr (error->message, "cannot be read any more"));
}

/* Cancelling stops the re-reading. */
static void
test_cancelled (void)
{
  g_autoptr(LdAnalysis) analysis = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  LdReportOptions options;

  analysis = analyse (path);
  ld_report_options_init (&options);
  options.format = LD_REPORT_FORMAT_PDF;
  options.redact = TRUE;
  g_cancellable_cancel (cancellable);
  g_assert_null (ld_report_render (analysis, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Fail closed: a report holding a value of the logs is refused, naming
 * the kind of value and not the value. An answer in the user's own words
 * that the report also happens to say cannot be told from a leak. */
static void
test_refused (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  g_autoptr(LdAnalysis) analysis = analyse (path);
  g_autoptr(LdWizard) wizard = ld_wizard_new (analysis);
  g_autoptr(GError) error = NULL;
  LdReportOptions options;

  g_assert_true (ld_wizard_set_answer (wizard, LD_WIZARD_STEP_CONTACTS, "several", NULL));
  g_assert_true (ld_wizard_set_answer (wizard, LD_WIZARD_STEP_COMMON, "Local connectivity failed", NULL));
  ld_report_options_init (&options);
  options.format = LD_REPORT_FORMAT_MARKDOWN;
  options.redact = TRUE;
  options.wizard = wizard;
  options.wizard_func = ld_report_collect_wizard;
  g_assert_null (ld_report_render (analysis, &options, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_REDACTION);
  g_assert_nonnull (strstr (error->message, "your own words"));
  g_assert_null (strstr (error->message, "Local connectivity"));
}

/* The wizard's answers a redacted export takes from the app's wizard. */
static void
test_wizard_answers (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  g_autoptr(LdAnalysis) analysis = analyse (path);
  g_autoptr(LdWizard) wizard = ld_wizard_new (analysis);
  g_auto(GStrv) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  LdReportOptions options;

  g_assert_true (ld_wizard_set_answer (wizard, LD_WIZARD_STEP_PLAN, "dedicated", NULL));
  g_assert_true (ld_wizard_set_answer (wizard, LD_WIZARD_STEP_CONTACTS, "several", NULL));
  g_assert_true (ld_wizard_set_answer (wizard, LD_WIZARD_STEP_COMMON, "joe's laptop JOE-PC7", NULL));
  answers = ld_report_dup_wizard_answers (wizard);
  g_assert_true (g_strv_contains ((const char * const *) answers, "plan=dedicated"));
  g_assert_true (g_strv_contains ((const char * const *) answers, "common=joe's laptop JOE-PC7"));

  ld_report_options_init (&options);
  options.format = LD_REPORT_FORMAT_MARKDOWN;
  options.redact = TRUE;
  options.wizard_answers = answers;
  bytes = ld_report_render (analysis, &options, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "Office 365 dedicated"));
  g_assert_nonnull (strstr (text, ld_redact_get_withheld_text ()));
  g_assert_null (strstr (text, "JOE-PC7"));
}

/* A message cut between two rotated logs is joined by the reader and
 * redacted whole; a skipped input is named by its pseudonyms. */
static void
test_rotation_and_skipped (void)
{
  g_autofree char *rotation = g_test_build_filename (G_TEST_DIST, "data", "rotation", NULL);
  g_autofree char *encrypted = g_test_build_filename (G_TEST_DIST, "data", "encrypted.zip", NULL);
  g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(LdAnalysis) redacted = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) a = g_file_new_for_path (rotation);
  g_autoptr(GFile) b = g_file_new_for_path (encrypted);
  g_autofree char *json = NULL;
  g_autofree char *folded = NULL;
  static const char * const gone[] = { "steven", "stejanss", "skype.lab", "vcse", "10.55.186", "encrypted.zip",
                                       "rotation", "c21eec507a" };

  g_assert_true (ld_analysis_add_file (analysis, a, NULL, NULL));
  g_assert_false (ld_analysis_add_file (analysis, b, NULL, NULL));
  ld_analysis_finish (analysis);
  g_assert_cmpuint (ld_analysis_get_skipped (analysis)->len, ==, 1);
  redacted = ld_analysis_dup_redacted (analysis, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_judgement (analysis, redacted);
  g_assert_cmpuint (ld_analysis_get_skipped (redacted)->len, ==, 1);
  json = ld_analysis_to_json (redacted, TRUE);
  folded = g_utf8_casefold (json, -1);
  for (gsize i = 0; i < G_N_ELEMENTS (gone); i++)
    if (strstr (folded, gone[i]) != NULL)
      g_error ("“%s” survived:\n%s", gone[i], json);
  g_assert_nonnull (strstr (json, "is encrypted and was not read"));
  /* The joined message went through the redactor: the values of its second
   * half (in the newer file) were met. */
  g_assert_true (g_hash_table_contains (ld_analysis_get_redactor (redacted)->needles, "vcse.sub.cms.steven.lab"));
  for (guint i = 0; i < ld_analysis_get_inputs (analysis)->len; i++)
    {
      const LdInput *x = ld_analysis_get_inputs (analysis)->pdata[i];
      const LdInput *y = ld_analysis_get_inputs (redacted)->pdata[i];

      g_assert_cmpuint (x->sip_messages, ==, y->sip_messages);
      g_assert_cmpuint (x->lines, ==, y->lines);
      g_assert_cmpuint (x->problems->len, ==, y->problems->len);
    }
  g_assert_true (ld_redactor_check_text (ld_analysis_get_redactor (redacted), json, strlen (json), NULL, NULL));
}

typedef struct
{
  guint64 done;
  guint64 total;
  guint   calls;
} Told;

static void
record_progress (guint64  done,
                 guint64  total,
                 gpointer user_data)
{
  Told *told = user_data;

  g_assert_cmpuint (done, >=, told->done);
  told->done = done;
  told->total = total;
  told->calls++;
}

/* The redacted report loads through the loader every front end uses: the
 * rotated files named newest first are read oldest first both times, so
 * the message cut between them is read whole and the inputs line up. */
static void
test_same_loader (void)
{
  g_autofree char *newer = g_test_build_filename (G_TEST_DIST, "data", "rotation", "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *older = g_test_build_filename (G_TEST_DIST, "data", "rotation", "Lync-UccApi-1.UccApilog", NULL);
  g_autoptr(LdLoader) loader = ld_loader_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GFile) a = g_file_new_for_path (newer);
  g_autoptr(GFile) b = g_file_new_for_path (older);
  g_autoptr(LdAnalysis) analysis = NULL;
  g_autoptr(LdAnalysis) redacted = NULL;
  g_autoptr(GError) error = NULL;
  Told told = { 0, 0, 0 };

  ld_loader_add_file (loader, a);
  ld_loader_add_file (loader, b);
  analysis = ld_loader_load (loader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ld_analysis_get_inputs (analysis)->len, ==, 2);
  redacted = ld_analysis_dup_redacted (analysis, record_progress, &told, NULL, &error);
  g_assert_no_error (error);
  assert_same_judgement (analysis, redacted);
  for (guint i = 0; i < 2; i++)
    {
      const LdInput *x = ld_analysis_get_inputs (analysis)->pdata[i];
      const LdInput *y = ld_analysis_get_inputs (redacted)->pdata[i];

      g_assert_cmpuint (x->sip_messages, ==, y->sip_messages);
      g_assert_cmpuint (x->lines, ==, y->lines);
    }
  /* Both passes told their progress, never going back, ending at the whole. */
  g_assert_cmpuint (told.calls, >=, 2);
  g_assert_cmpuint (told.done, >, 0);
  g_assert_cmpuint (told.done, ==, told.total);
}

int
main (int    argc,
      char **argv)
{
  GString *name = g_string_new ("Dr. ");
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("ld-test-redact-XXXXXX", NULL);
  /* A very long display name, to be wrapped and never cut in a value. */
  for (guint i = 0; i < 24; i++)
    g_string_append_printf (name, "Maximiliane%c Wolkenstein-Rodenegg ", 'A' + i);
  g_strchomp (name->str);
  long_name = g_string_free (name, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (identities); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/redact/corpus/%s", identities[i].name);

      g_test_add_data_func (path, &identities[i], check_identity);
    }
  g_test_add_func ("/core/redact/input-gone", test_input_gone);
  g_test_add_func ("/core/redact/cancelled", test_cancelled);
  g_test_add_func ("/core/redact/refused", test_refused);
  g_test_add_func ("/core/redact/wizard-answers", test_wizard_answers);
  g_test_add_func ("/core/redact/rotation-and-skipped", test_rotation_and_skipped);
  g_test_add_func ("/core/redact/same-loader", test_same_loader);

  status = g_test_run ();
  if (status == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);

      (void) system (cmd);
    }
  g_free (long_name);
  return status;
}
