/* test-report.c - the report as its reader checks it: text in the PDF, paper, fonts, redaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lyncdiag.h"
#include "ld-redact.h"
#include "ld-report.h"

/* Values of the fixtures that must never reach a redacted report. */
static const char * const private_values[] = {
  "207.46.5.63", "joe@contoso.com", "alice", "contoso.com", "192.168.1.20", "Joe Bloggs",
  "52.112.1.10", "65.55.127.64", "11.1.111.11", "poolfe01", "contoso",
  "dave@fabrikam.com", "fabrikam", "carol", "192.168.20.203", "10.10.4.22", "198.51.100.20",
  "/work/", "tests/data",
};

static char *tmp_dir;

static LdAnalysis *
analyse (const char *name,
         ...)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  va_list ap;

  va_start (ap, name);
  for (const char *n = name; n != NULL; n = va_arg (ap, const char *))
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", n, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      g_assert_true (ld_analysis_add_file (analysis, file, NULL, &error));
      g_assert_no_error (error);
    }
  va_end (ap);
  ld_analysis_finish (analysis);
  return analysis;
}

/* pdftotext breaks lines where the PDF does; compare without whitespace. */
static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

static gboolean
have_poppler (void)
{
  g_autofree char *a = g_find_program_in_path ("pdftotext");
  g_autofree char *b = g_find_program_in_path ("pdfinfo");
  g_autofree char *c = g_find_program_in_path ("pdffonts");

  if (a == NULL || b == NULL || c == NULL)
    {
      g_test_skip ("poppler-utils (pdftotext, pdfinfo, pdffonts) not installed");
      return FALSE;
    }
  return TRUE;
}

/* pdftotext to standard output, or pdfinfo / pdffonts. */
static char *
run_tool (const char *tool,
          const char *path)
{
  const char *text_argv[] = { tool, "-enc", "UTF-8", path, "-", NULL };
  const char *info_argv[] = { tool, path, NULL };
  const char **argv = strcmp (tool, "pdftotext") == 0 ? text_argv : info_argv;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Writes into the test's folder; the name says the format and redaction
 * so each report of a test is kept apart. */
static char *
write_report (LdAnalysis     *analysis,
              LdReportFormat  format,
              LdReportPaper   paper,
              gboolean        redact,
              const char     *name)
{
  g_autofree char *base = g_strdup_printf ("%s%s-%s", redact ? "redacted-" : "",
                                           ld_report_format_to_string (format), name);
  char *path = g_build_filename (tmp_dir, base, NULL);
  g_autoptr(GFile) out = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LdReportOptions options;

  ld_report_options_init (&options);
  options.format = format;
  options.paper = paper;
  options.redact = redact;
  g_assert_true (ld_report_write (analysis, &options, out, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_format_from_path (void)
{
  LdReportFormat f = LD_REPORT_FORMAT_AUTO;
  LdReportPaper p = LD_REPORT_PAPER_A4;

  g_assert_cmpint (ld_report_format_from_path ("/tmp/x.PDF"), ==, LD_REPORT_FORMAT_PDF);
  g_assert_cmpint (ld_report_format_from_path ("ticket.md"), ==, LD_REPORT_FORMAT_MARKDOWN);
  g_assert_cmpint (ld_report_format_from_path ("a.csv"), ==, LD_REPORT_FORMAT_CSV);
  g_assert_cmpint (ld_report_format_from_path ("a.json"), ==, LD_REPORT_FORMAT_JSON);
  g_assert_cmpint (ld_report_format_from_path ("report"), ==, LD_REPORT_FORMAT_AUTO);
  g_assert_cmpint (ld_report_format_from_path ("dir.pdf/report"), ==, LD_REPORT_FORMAT_AUTO);
  g_assert_true (ld_report_format_from_string ("markdown", &f));
  g_assert_cmpint (f, ==, LD_REPORT_FORMAT_MARKDOWN);
  g_assert_false (ld_report_format_from_string ("docx", &f));
  g_assert_true (ld_report_paper_from_string ("Letter", &p));
  g_assert_cmpint (p, ==, LD_REPORT_PAPER_LETTER);
  g_assert_false (ld_report_paper_from_string ("a5", &p));
}

static void
test_redactor_stable (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autofree char *a = ld_redactor_redact (r, "From: \"Joe Bloggs\" <sip:joe@contoso.com>;tag=1");
  g_autofree char *b = ld_redactor_redact (r, "To: <sip:JOE@contoso.com>, via poolfe01.contoso.com:5061");
  g_autofree char *c = ld_redactor_redact (r, "LocalSite=192.168.1.20:50123,LocalMR=207.46.5.63:54829,Other=207.46.5.64");
  g_autofree char *d = ld_redactor_redact (r, "again 207.46.5.63 and 192.168.1.20, then Joe alone");
  g_autofree char *e = ld_redactor_redact (r, "tel:+14255550123 and sip:+14255550123@contoso.com;user=phone");
  g_autofree char *f = ld_redactor_redact (r, "fe80::1c2d:3e4f:5a6b:7c8d%12 and 2001:db8:0:0:1:0:0:1");

  g_assert_cmpstr (a, ==, "From: \"Person 1\" <sip:user1@domain1.example>;tag=1");
  /* Same address in another case, and the server keeps its domain. */
  g_assert_cmpstr (b, ==, "To: <sip:user1@domain1.example>, via host-1.domain1.example:5061");
  /* Private stays private-looking, public becomes documentation space. */
  g_assert_cmpstr (c, ==, "LocalSite=10.0.0.1:50123,LocalMR=203.0.113.1:54829,Other=203.0.113.2");
  g_assert_cmpstr (d, ==, "again 203.0.113.1 and 10.0.0.1, then Person 1 alone");
  g_assert_cmpstr (e, ==, "tel:phone-1 and sip:phone-1@domain1.example;user=phone");
  g_assert_null (strstr (f, "fe80"));
  g_assert_null (strstr (f, "2001:db8:0:0:1"));
  g_assert_nonnull (strstr (f, "2001:db8::1"));
}

static void
test_redactor_names (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autofree char *a = ld_redactor_redact (r, "Mary Major <sip:mary@fabrikam.com>;tag=9");
  g_autofree char *b = ld_redactor_redact (r, "<contact uri=\"sip:bob@fabrikam.com\" name=\"Bob Kelly\"/>");
  g_autofree char *c = ld_redactor_redact (r, "{\"from\": \"\\\"Bob Kelly\\\" <sip:bob@fabrikam.com>\"}");
  g_autofree char *d = ld_redactor_redact (r, "C:\\Users\\mary\\AppData and FABRIKAM\\bob");
  g_autofree char *e = ld_redactor_redact (r, "Contact: <sip:10.1.2.3:5061;transport=tls>");

  g_assert_cmpstr (a, ==, "Person 1 <sip:user1@domain1.example>;tag=9");
  g_assert_cmpstr (b, ==, "<contact uri=\"sip:user2@domain1.example\" name=\"Person 2\"/>");
  /* JSON: the escaped quotes stay, the name goes. */
  g_assert_cmpstr (c, ==, "{\"from\": \"\\\"Person 2\\\" <sip:user2@domain1.example>\"}");
  /* A first name, user part or domain label alone still names the same people. */
  g_assert_cmpstr (d, ==, "C:\\Users\\Person 1\\AppData and domain1\\user2");
  g_assert_cmpstr (e, ==, "Contact: <sip:10.0.0.1:5061;transport=tls>");
}

static void
test_redactor_add (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autofree char *out = NULL;

  g_assert_cmpstr (ld_redactor_add (r, LD_REDACT_ADDRESS, "joe@contoso.com"), ==, "user1@domain1.example");
  g_assert_cmpstr (ld_redactor_add (r, LD_REDACT_NAME, "Joe Bloggs"), ==, "Person 1");
  g_assert_cmpstr (ld_redactor_add (r, LD_REDACT_HOST, "LYNCFE01"), ==, "host-1");
  g_assert_cmpstr (ld_redactor_add (r, LD_REDACT_HOST, "edge.contoso.com"), ==, "host-2.domain1.example");
  /* Public services stay named. */
  g_assert_null (ld_redactor_add (r, LD_REDACT_HOST, "meet.lync.com"));
  out = ld_redactor_redact (r, "Joe Bloggs on lyncfe01 via edge.contoso.com as sip:joe@contoso.com");
  g_assert_cmpstr (out, ==, "Person 1 on host-1 via host-2.domain1.example as sip:user1@domain1.example");
  g_assert_cmpuint (ld_redactor_get_count (r), >=, 5);
}

static void
test_redactor_leaves_the_rest (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  const char *keep[] = {
    "Lync-UccApi-0.UccApilog line 253",
    "\"schema\": \"lyncdiag.analysis/1\"",
    "UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)",
    "2014-01-30 10:05:08.772 CUccLogger::Initialize",
    "usually TCP 443 or TCP/UDP 50000-59999 to the A/V Edge (or to meet.lync.com for Lync Online)",
    "LocalSite=xx.xx.xxx.x:xxx,LocalMR=xx.xx.xxx.xx:xx",
    "ICEWarn=0x4000320, PortRange=1025:65000",
    "Call failed.It was the user",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (keep); i++)
    {
      g_autofree char *out = ld_redactor_redact (r, keep[i]);

      g_assert_cmpstr (out, ==, keep[i]);
    }
}

/* A pseudonym must not be a real value of the log: a log that itself
 * uses 203.0.113.1 must not see another address renamed to it. */
static void
test_redactor_no_collision (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autofree char *a = ld_redactor_redact (r, "203.0.113.1 then 8.8.8.8");

  g_assert_cmpstr (a, ==, "203.0.113.2 then 203.0.113.3");
}

static void
test_pdf_content (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *info = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *flat_verdict = NULL;
  GPtrArray *findings = ld_analysis_get_findings (analysis);
  g_auto(GStrv) font_lines = NULL;
  guint n_fonts = 0;

  if (!have_poppler ())
    return;
  path = write_report (analysis, LD_REPORT_FORMAT_AUTO, LD_REPORT_PAPER_A4, FALSE, "report.pdf");
  text = run_tool ("pdftotext", path);
  flat = squeeze (text);

  verdict = ld_report_dup_verdict (analysis, NULL);
  g_assert_true (g_str_has_prefix (verdict, "Problem found"));
  flat_verdict = squeeze (verdict);
  g_assert_nonnull (strstr (flat, flat_verdict));

  g_assert_cmpuint (findings->len, >, 0);
  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = findings->pdata[i];
      g_autofree char *t = squeeze (f->title);

      if (strstr (flat, t) == NULL)
        g_error ("finding title “%s” not in the PDF text", f->title);
    }

  g_assert_nonnull (strstr (flat, "ms-client-diagnostics23"));
  g_assert_nonnull (strstr (flat, "ICEWarn=0x4000320"));
  for (gsize i = 0; i < 4; i++)
    {
      static const char * const bits[] = { "0x4000000TCP-TCP", "0x200TCPTURN", "0x100TCPNAT", "0x20Local" };

      if (strstr (flat, bits[i]) == NULL)
        g_error ("ICEWarn bit %s not decoded in the PDF text", bits[i]);
    }
  g_assert_nonnull (strstr (flat, "1025:65000"));           /* port range */
  g_assert_nonnull (strstr (flat, "207.46.5.63:54829"));    /* relay */
  g_assert_nonnull (strstr (flat, "Callflow"));             /* ladder heading */
  g_assert_nonnull (strstr (flat, "BYE[diagnostics]"));     /* the ladder's red row */
  g_assert_nonnull (strstr (flat, "Page1of"));

  info = run_tool ("pdfinfo", path);
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  g_assert_nonnull (strstr (info, "Title:           Lync / Skype for Business diagnostic report"));

  fonts = run_tool ("pdffonts", path);
  font_lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; font_lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;
      guint n = 0;

      if (*font_lines[i] == '\0')
        continue;
      /* name type... encoding emb sub uni object ID: "emb" is 5th from the end. */
      cols = g_strsplit_set (g_strstrip (font_lines[i]), " ", -1);
      for (guint c = 0; cols[c] != NULL; c++)
        {
          if (*cols[c] != '\0')
            cols[n++] = cols[c];
          else
            g_free (cols[c]);
        }
      cols[n] = NULL;
      g_assert_cmpuint (n, >=, 6);
      g_assert_cmpstr (cols[n - 5], ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

static void
test_pdf_letter (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("Communicator-uccapi-0.uccapilog", NULL);
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;
  path = write_report (analysis, LD_REPORT_FORMAT_PDF, LD_REPORT_PAPER_LETTER, FALSE, "letter.pdf");
  info = run_tool ("pdfinfo", path);
  g_assert_nonnull (strstr (info, "612 x 792 pts (letter)"));
  text = run_tool ("pdftotext", path);
  flat = squeeze (text);
  g_assert_nonnull (strstr (flat, "ms-client-diagnostics24"));
  g_assert_nonnull (strstr (flat, "ICEWarn=0x320"));
}

static void
test_healthy_is_short (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("healthy-audio.uccapilog", NULL);
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  const char *pages;

  if (!have_poppler ())
    return;
  path = write_report (analysis, LD_REPORT_FORMAT_PDF, LD_REPORT_PAPER_A4, FALSE, "healthy.pdf");
  info = run_tool ("pdfinfo", path);
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  g_assert_cmpint (atoi (pages + 6), <=, 2);
  text = run_tool ("pdftotext", path);
  flat = squeeze (text);
  g_assert_nonnull (strstr (flat, "Noproblemfound"));
  g_assert_null (strstr (flat, "Failedattempts"));
  g_assert_null (strstr (flat, "Problemfound:"));
}

static void
assert_clean (const char *what,
              const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (gsize i = 0; i < G_N_ELEMENTS (private_values); i++)
    {
      g_autofree char *needle = g_utf8_casefold (private_values[i], -1);

      if (strstr (folded, needle) != NULL)
        g_error ("%s: “%s” is still in the redacted report", what, private_values[i]);
    }
}

static void
test_redacted_everywhere (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("Lync-UccApi-0.UccApilog", "Communicator-uccapi-0.uccapilog", NULL);
  static const struct { LdReportFormat format; const char *name; } formats[] = {
    { LD_REPORT_FORMAT_PDF, "r.pdf" },
    { LD_REPORT_FORMAT_MARKDOWN, "r.md" },
    { LD_REPORT_FORMAT_CSV, "r.csv" },
    { LD_REPORT_FORMAT_JSON, "r.json" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *plain_path = NULL;
      g_autofree char *path = NULL;
      g_autofree char *plain = NULL;
      g_autofree char *text = NULL;

      if (formats[i].format == LD_REPORT_FORMAT_PDF && !have_poppler ())
        continue;
      plain_path = write_report (analysis, formats[i].format, LD_REPORT_PAPER_A4, FALSE, formats[i].name);
      path = write_report (analysis, formats[i].format, LD_REPORT_PAPER_A4, TRUE, formats[i].name);
      if (formats[i].format == LD_REPORT_FORMAT_PDF)
        {
          plain = run_tool ("pdftotext", plain_path);
          text = run_tool ("pdftotext", path);
        }
      else
        {
          plain = read_text (plain_path);
          text = read_text (path);
        }
      /* The needles are real: the plain report has them. */
      if (formats[i].format != LD_REPORT_FORMAT_CSV)
        g_assert_nonnull (strstr (plain, "207.46.5.63"));
      g_assert_nonnull (strstr (plain, "joe@contoso.com"));
      assert_clean (formats[i].name, text);
      /* The pseudonyms keep the report readable. */
      g_assert_nonnull (strstr (text, "@domain"));
      if (formats[i].format != LD_REPORT_FORMAT_CSV)
        g_assert_nonnull (strstr (text, "203.0.113."));
      if (formats[i].format != LD_REPORT_FORMAT_CSV)
        g_assert_nonnull (strstr (text, "0x4000320"));
    }
}

static void
test_redacted_json_is_json (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *path = write_report (analysis, LD_REPORT_FORMAT_JSON, LD_REPORT_PAPER_A4, TRUE, "r.json");
  g_autofree char *text = read_text (path);
  g_autofree char *plain = ld_analysis_to_json (analysis, TRUE);
  guint lines_a = 0, lines_b = 0;

  /* Same shape: only values changed, line for line. */
  for (const char *p = text; *p; p++)
    lines_a += *p == '\n';
  for (const char *p = plain; *p; p++)
    lines_b += *p == '\n';
  g_assert_cmpuint (lines_a, ==, lines_b);
  g_assert_nonnull (strstr (text, "\"schema\": \"lyncdiag.analysis/1\""));
}

/* Splits RFC 4180 CSV; fails the test on a malformed record. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      if (*p == '"')
        {
          for (p++; *p; p++)
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          g_assert_cmpint (*p, ==, '"');
          p++;
          g_assert_true (*p == ',' || *p == '\r');
        }
      else
        while (*p && *p != ',' && *p != '\r' && *p != '\n')
          g_string_append_c (field, *p++);

      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        p++;
      else
        {
          g_assert_cmpint (*p, ==, '\r');
          g_assert_cmpint (p[1], ==, '\n');
          p += 2;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static void
test_csv (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *path = write_report (analysis, LD_REPORT_FORMAT_AUTO, LD_REPORT_PAPER_A4, FALSE, "a.csv");
  g_autofree char *text = read_text (path);
  g_autoptr(GPtrArray) rows = parse_csv (text);
  GPtrArray *header, *third;

  g_assert_cmpuint (rows->len, ==, ld_analysis_get_attempts (analysis)->len + 1);
  header = rows->pdata[0];
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpuint (((GPtrArray *) rows->pdata[i])->len, ==, header->len);
  g_assert_cmpstr (header->pdata[0], ==, "attempt");
  third = rows->pdata[3];
  g_assert_cmpstr (third->pdata[5], ==, "application-sharing");
  g_assert_cmpstr (third->pdata[9], ==, "failed");
  g_assert_cmpstr (third->pdata[13], ==, "23");
  g_assert_cmpstr (third->pdata[15], ==, "0x4000320");
  g_assert_cmpstr (third->pdata[7], ==, "sip:joe@contoso.com;gruu;opaque=app:conf:applicationsharing:id:TF2497F37");
}

static void
test_markdown (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *path = write_report (analysis, LD_REPORT_FORMAT_AUTO, LD_REPORT_PAPER_A4, FALSE, "t.md");
  g_autofree char *text = read_text (path);
  g_autofree char *verdict = ld_report_dup_verdict (analysis, NULL);
  GPtrArray *findings = ld_analysis_get_findings (analysis);

  g_assert_true (g_str_has_prefix (text, "# "));
  g_assert_nonnull (strstr (text, "## Findings"));
  g_assert_nonnull (strstr (text, "## Failed attempts"));
  g_assert_nonnull (strstr (text, "| `0x4000000` |"));
  g_assert_nonnull (strstr (text, "```\n"));
  g_assert_nonnull (strstr (text, "-> 52.112.1.10:443"));
  (void) verdict;
  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = findings->pdata[i];

      /* Titles are escaped for Markdown; their words are there. */
      g_assert_nonnull (strstr (text, f->id));
    }
}

static void
test_never_overwrites_input (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ld-report-XXXXXX", NULL);
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", "healthy-audio.uccapilog", NULL);
  g_autofree char *copy = g_build_filename (dir, "in.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  LdReportOptions options;

  /* An input that happens to be named .pdf: the report must refuse it. */
  g_assert_true (g_file_get_contents (src, &before, NULL, NULL));
  g_assert_true (g_file_set_contents (copy, before, -1, NULL));
  file = g_file_new_for_path (copy);
  g_assert_true (ld_analysis_add_file (analysis, file, NULL, NULL));
  ld_analysis_finish (analysis);
  ld_report_options_init (&options);
  g_assert_false (ld_report_write (analysis, &options, file, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_WRITE);
  g_assert_true (g_file_get_contents (copy, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  g_unlink (copy);
  g_rmdir (dir);
}

static void
test_unwritable (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("healthy-audio.uccapilog", NULL);
  g_autoptr(GFile) out = g_file_new_for_path ("/nonexistent-dir/for/sure/report.pdf");
  g_autoptr(GError) error = NULL;
  LdReportOptions options;

  ld_report_options_init (&options);
  g_assert_false (ld_report_write (analysis, &options, out, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/for/sure/report.pdf"));
}

static void
fake_wizard (gpointer   wizard,
             GPtrArray *steps,
             GPtrArray *causes)
{
  LdReportStep *step = g_new0 (LdReportStep, 1);
  LdReportCause *cause = g_new0 (LdReportCause, 1);

  g_assert_cmpstr (wizard, ==, "wizard");
  step->id = g_strdup ("contacts");
  step->title = g_strdup ("Reproduce with one or several contacts");
  step->question = g_strdup ("Does it fail with every contact?");
  step->answer = g_strdup ("Only with joe@contoso.com");
  step->source = LD_REPORT_ANSWER_FROM_USER;
  g_ptr_array_add (steps, step);
  cause->title = g_strdup ("Ports 443 and 50000-59999 blocked");
  cause->status = LD_REPORT_CAUSE_SUPPORTED;
  g_ptr_array_add (causes, cause);
}

static void
test_wizard_steps (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("Lync-UccApi-0.UccApilog", NULL);
  LdReportOptions options;
  g_autoptr(GBytes) md = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ld-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "w.pdf", NULL);
  g_autofree char *pdf_text = NULL;
  g_autofree char *flat = NULL;

  ld_report_options_init (&options);
  options.wizard = (gpointer) "wizard";
  options.wizard_func = fake_wizard;
  options.redact = TRUE;
  options.format = LD_REPORT_FORMAT_MARKDOWN;
  md = ld_report_render (analysis, &options, NULL, NULL);
  text = g_strndup (g_bytes_get_data (md, NULL), g_bytes_get_size (md));
  g_assert_nonnull (strstr (text, "## Troubleshooting steps"));
  g_assert_nonnull (strstr (text, "Reproduce with one or several contacts"));
  g_assert_nonnull (strstr (text, "answered by the user"));
  g_assert_null (strstr (text, "joe@contoso.com"));

  if (!have_poppler ())
    return;
  options.format = LD_REPORT_FORMAT_PDF;
  pdf = ld_report_render (analysis, &options, NULL, NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  pdf_text = run_tool ("pdftotext", path);
  flat = squeeze (pdf_text);
  g_assert_nonnull (strstr (flat, "Troubleshootingsteps"));
  g_assert_nonnull (strstr (flat, "Reproducewithoneorseveralcontacts"));
  g_assert_nonnull (strstr (flat, "SUPPORTEDBYTHEEVIDENCE"));
  g_assert_null (strstr (flat, "joe@contoso.com"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_cancelled (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("Lync-UccApi-0.UccApilog", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  LdReportOptions options;

  ld_report_options_init (&options);
  g_cancellable_cancel (cancellable);
  bytes = ld_report_render (analysis, &options, cancellable, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("ld-test-report-XXXXXX", NULL);

  g_test_add_func ("/core/report/format-from-path", test_format_from_path);
  g_test_add_func ("/core/report/redactor/stable", test_redactor_stable);
  g_test_add_func ("/core/report/redactor/names", test_redactor_names);
  g_test_add_func ("/core/report/redactor/add", test_redactor_add);
  g_test_add_func ("/core/report/redactor/leaves-the-rest", test_redactor_leaves_the_rest);
  g_test_add_func ("/core/report/redactor/no-collision", test_redactor_no_collision);
  g_test_add_func ("/core/report/pdf/content", test_pdf_content);
  g_test_add_func ("/core/report/pdf/letter", test_pdf_letter);
  g_test_add_func ("/core/report/pdf/healthy-is-short", test_healthy_is_short);
  g_test_add_func ("/core/report/redacted-everywhere", test_redacted_everywhere);
  g_test_add_func ("/core/report/redacted-json-shape", test_redacted_json_is_json);
  g_test_add_func ("/core/report/csv", test_csv);
  g_test_add_func ("/core/report/markdown", test_markdown);
  g_test_add_func ("/core/report/never-overwrites-input", test_never_overwrites_input);
  g_test_add_func ("/core/report/unwritable", test_unwritable);
  g_test_add_func ("/core/report/wizard-steps", test_wizard_steps);
  g_test_add_func ("/core/report/cancelled", test_cancelled);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
    g_free (tmp_dir);
  }
  return status;
}
