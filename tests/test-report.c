/* test-report.c - the report as its reader checks it: text in the PDF, paper, fonts (redaction: test-redact.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "lyncdiag.h"
#include "ld-format.h"
#include "ld-input.h"
#include "ld-ladder.h"
#include "ld-lines.h"
#include "ld-netcheck.h"
#include "ld-report.h"
#include "ld-report-typeset.h"
#include "ld-timeline.h"
#include "ld-wizard.h"
#include "report-helpers.h"

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

  verdict = ld_report_dup_verdict (analysis);
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
  GPtrArray *findings = ld_analysis_get_findings (analysis);

  g_assert_true (g_str_has_prefix (text, "# "));
  g_assert_nonnull (strstr (text, "## Likely causes"));
  g_assert_nonnull (strstr (text, "## Do first"));
  g_assert_nonnull (strstr (text, "## Findings"));
  /* The decode is a table, the call flow a table with the log's lines. */
  g_assert_nonnull (strstr (text, "| `0x4000000` |"));
  g_assert_nonnull (strstr (text, "| → to 52.112.1.10:443 | INVITE | 178 |"));
  g_assert_nonnull (strstr (text, "**[diagnostics]** | 253 |"));
  /* Lists and tables a tracker renders, not code blocks. */
  g_assert_null (strstr (text, "```"));
  g_assert_null (strstr (text, "\n    "));
  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = findings->pdata[i];

      /* Titles are escaped for Markdown; their ids are there. */
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
  options.format = LD_REPORT_FORMAT_MARKDOWN;
  md = ld_report_render (analysis, &options, NULL, NULL);
  text = g_strndup (g_bytes_get_data (md, NULL), g_bytes_get_size (md));
  g_assert_nonnull (strstr (text, "## Troubleshooting steps"));
  g_assert_nonnull (strstr (text, "Reproduce with one or several contacts"));
  g_assert_nonnull (strstr (text, "answered by the user"));

  if (!have_poppler ())
    return;
  options.format = LD_REPORT_FORMAT_PDF;
  pdf = ld_report_render (analysis, &options, NULL, NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  pdf_text = run_tool ("pdftotext", path);
  flat = squeeze (pdf_text);
  g_assert_nonnull (strstr (flat, "Troubleshootingsteps"));
  g_assert_nonnull (strstr (flat, "Reproducewithoneorseveralcontacts"));
  g_assert_nonnull (strstr (flat, "supportedbytheevidence"));
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


/* Page 1 is the incident: who, what they saw, the first action and who
 * does it; one failed call fits in three pages on both papers. */
static void
test_page_one (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("Lync-UccApi-0.UccApilog", NULL);
  static const LdReportPaper papers[] = { LD_REPORT_PAPER_A4, LD_REPORT_PAPER_LETTER };

  if (!have_poppler ())
    return;
  for (gsize p = 0; p < G_N_ELEMENTS (papers); p++)
    {
      g_autofree char *path = write_report (analysis, LD_REPORT_FORMAT_PDF, papers[p], FALSE,
                                            p == 0 ? "one-a4.pdf" : "one-letter.pdf");
      g_autofree char *page1 = pdf_text (path, 1, 1);
      g_autofree char *flat1 = squeeze (page1);
      g_autofree char *all = pdf_text (path, 1, 0);

      g_assert_nonnull (strstr (flat1, "sip:alice@contoso.com"));
      g_assert_nonnull (strstr (flat1, "Lync2013(15.0.4569.1503)"));
      g_assert_nonnull (strstr (flat1, "CannotstartDesktop/ApplicationSharingduetonetworkissues"));
      g_assert_nonnull (strstr (flat1, "Networkadmin:"));
      assert_page_one_acts (analysis, path);
      g_assert_cmpint (pdf_pages (path), <=, 3);
      assert_unbroken (analysis, all);
      /* Each call-flow arrow carries its log line. */
      g_assert_nonnull (strstr (all, "line 253"));
      /* The attempt starts at its INVITE, everywhere. */
      g_assert_nonnull (strstr (all, "2014-01-30 10:05:14.310, outgoing INVITE on line 178"));
      g_assert_null (strstr (all, "10:05:24.962 (log time)"));
    }
}

/* Each fixture's report: page 1 acts, nothing broken, one failure in 3 pages. */
static void
test_fixtures (void)
{
  static const char * const names[] = {
    "Communicator-uccapi-0.uccapilog", "findings-federation.uccapilog", "findings-meet-lync.uccapilog",
    "findings-udp-3478.uccapilog", "wizard-loopback-relay.uccapilog", "wizard-second-user.uccapilog",
    "sipstack-edge.log", "findings-contacts.uccapilog", "wizard-meeting-join.uccapilog",
  };

  if (!have_poppler ())
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(LdAnalysis) analysis = analyse (names[i], NULL);
      g_autofree char *name = g_strdup_printf ("fixture-%zu.pdf", i);
      g_autofree char *path = write_report (analysis, LD_REPORT_FORMAT_PDF, LD_REPORT_PAPER_LETTER, FALSE, name);
      g_autofree char *all = pdf_text (path, 1, 0);
      guint failed = 0;

      for (guint a = 0; a < ld_analysis_get_attempts (analysis)->len; a++)
        {
          const LdAttempt *att = ld_analysis_get_attempts (analysis)->pdata[a];

          failed += att->outcome == LD_OUTCOME_FAILED || att->outcome == LD_OUTCOME_NO_RESPONSE;
        }
      g_test_message ("%s: %d pages", names[i], pdf_pages (path));
      assert_page_one_acts (analysis, path);
      assert_unbroken (analysis, all);
      if (failed == 1)
        g_assert_cmpint (pdf_pages (path), <=, 3);
      /* Never "lasted 0 ms": an attempt without a response was not measured. */
      g_assert_null (strstr (all, "after 0 ms"));
    }
}

/* Cells a spreadsheet would run are escaped; a near-miss is not. */
static void
test_csv_formula (void)
{
  g_autofree char *base = fixture_text ("Lync-UccApi-0.UccApilog");
  static const struct { const char *reason; const char *cell; } cases[] = {
    { "=HYPERLINK(1)+cmd|' /C calc'!A0", "'=HYPERLINK(1)+cmd|' /C calc'!A0" },
    { "@SUM(1+1)", "'@SUM(1+1)" },
    { "+14255550100 called", "'+14255550100 called" },
    { "a=HYPERLINK(1) later", "a=HYPERLINK(1) later" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = replace (base, KB_REASON, cases[i].reason);
      g_autoptr(LdAnalysis) analysis = analyse_text ("csv.log", text);
      g_autofree char *name = g_strdup_printf ("f%zu.csv", i);
      g_autofree char *path = write_report (analysis, LD_REPORT_FORMAT_CSV, LD_REPORT_PAPER_A4, FALSE, name);
      g_autofree char *csv = read_text (path);
      g_autoptr(GPtrArray) rows = parse_csv (csv);
      GPtrArray *third = rows->pdata[3];

      g_assert_cmpstr (third->pdata[14], ==, cases[i].cell);
    }
}

/* An INVITE without a response: no duration anywhere. */
static void
test_no_response (void)
{
  g_autofree char *base = fixture_text ("Lync-UccApi-0.UccApilog");
  const char *invite = strstr (base, "INVITE sip:joe@contoso.com;gruu;opaque=app:conf:applicationsharing");
  const char *end = invite ? strstr (invite, "End of Sending Packet") : NULL;
  g_autofree char *cut = NULL;
  g_autoptr(LdAnalysis) analysis = NULL;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const LdAttempt *a;

  g_assert_nonnull (end);
  cut = g_strndup (base, strchr (end, '\n') + 1 - base);
  analysis = analyse_text ("cut.log", cut);
  a = ld_analysis_get_attempts (analysis)->pdata[2];
  g_assert_cmpint (a->outcome, ==, LD_OUTCOME_NO_RESPONSE);
  path = write_report (analysis, LD_REPORT_FORMAT_CSV, LD_REPORT_PAPER_A4, FALSE, "nr.csv");
  csv = read_text (path);
  rows = parse_csv (csv);
  g_assert_cmpstr (((GPtrArray *) rows->pdata[3])->pdata[9], ==, "no-response");
  g_assert_cmpstr (((GPtrArray *) rows->pdata[3])->pdata[3], ==, "");
  if (have_poppler ())
    {
      g_autofree char *pdf = write_report (analysis, LD_REPORT_FORMAT_PDF, LD_REPORT_PAPER_A4, FALSE, "nr.pdf");
      g_autofree char *text = pdf_text (pdf, 1, 0);

      g_assert_null (strstr (text, "0 ms"));
      g_assert_nonnull (strstr (text, "no final response to the INVITE"));
    }
}

/* The Markdown of one failure with the wizard fits a ticket field. */
static void
test_markdown_fits (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("Lync-UccApi-0.UccApilog", NULL);
  g_autoptr(LdWizard) wizard = ld_wizard_new (analysis);
  g_autoptr(GBytes) md = NULL;
  g_autofree char *text = NULL;
  LdReportOptions options;

  ld_report_options_init (&options);
  options.format = LD_REPORT_FORMAT_MARKDOWN;
  options.wizard = wizard;
  options.wizard_func = ld_report_collect_wizard;
  md = ld_report_render (analysis, &options, NULL, NULL);
  g_assert_cmpuint (g_bytes_get_size (md), <=, LD_REPORT_MARKDOWN_LIMIT);
  text = g_strndup (g_bytes_get_data (md, NULL), g_bytes_get_size (md));
  g_assert_nonnull (strstr (text, "## Troubleshooting steps"));
  g_assert_null (strstr (text, "```"));
  /* Said once: the decode of the example's bits appears once. */
  {
    const char *p = text;
    guint n = 0;

    while ((p = strstr (p, "TCP-TCP connectivity checks over the TURN server failed")) != NULL)
      {
        n++;
        p++;
      }
    g_assert_cmpuint (n, ==, 1);
  }
}

/* A blocked TCP path on an audio call is not checked by sharing again. */
static void
test_audio_facts (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("wizard-audio-fails.uccapilog", NULL);
  GPtrArray *findings = ld_analysis_get_findings (analysis);
  gboolean audio_tcp = FALSE;
  g_autofree char *md_path = NULL;
  g_autofree char *md = NULL;

  /* The fixture holds what the fact is about: a TCP finding on an audio call. */
  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = findings->pdata[i];

      for (guint a = 0; f->attempts != NULL && a < f->attempts->len; a++)
        {
          const LdAttempt *att = ld_analysis_get_attempt_by_id (analysis, g_array_index (f->attempts, guint, a));

          if (g_strcmp0 (f->id, "tcp-media-blocked") == 0 && att->modality == LD_MODALITY_AUDIO)
            audio_tcp = TRUE;
        }
    }
  g_assert_true (audio_tcp);
  md_path = write_report (analysis, LD_REPORT_FORMAT_MARKDOWN, LD_REPORT_PAPER_A4, FALSE, "audio.md");
  md = read_text (md_path);
  g_assert_null (strstr (md, "start sharing again"));
  if (have_poppler ())
    {
      g_autofree char *path = write_report (analysis, LD_REPORT_FORMAT_PDF, LD_REPORT_PAPER_A4, FALSE, "audio.pdf");
      g_autofree char *text = pdf_text (path, 1, 0);
      g_autofree char *flat = squeeze (text);

      g_assert_null (strstr (flat, "startsharingagain"));
      assert_unbroken (analysis, text);
    }
}

/* The network check, when it ran, says where and when it measured; it is
 * never "answered by the user". */
static void
test_network_measured (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("Lync-UccApi-0.UccApilog", NULL);
  g_autoptr(LdWizard) wizard = ld_wizard_new (analysis);
  g_autoptr(GPtrArray) targets = ld_wizard_dup_network_targets (wizard);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_netcheck_result_free);
  g_autoptr(GBytes) md = NULL;
  g_autofree char *text = NULL;
  const char *row;
  LdReportOptions options;

  g_assert_cmpuint (targets->len, >, 0);
  for (guint i = 0; i < targets->len; i++)
    {
      LdNetcheckResult *r = g_new0 (LdNetcheckResult, 1);

      r->target = ld_netcheck_target_copy (targets->pdata[i]);
      r->status = i == 0 ? LD_NETCHECK_TIMED_OUT : LD_NETCHECK_OPEN;
      r->measured_from = g_strdup ("pc-helpdesk");
      r->measured_at = g_get_real_time ();
      g_ptr_array_add (results, r);
    }
  ld_wizard_set_network_results (wizard, results);
  ld_report_options_init (&options);
  options.format = LD_REPORT_FORMAT_MARKDOWN;
  options.wizard = wizard;
  options.wizard_func = ld_report_collect_wizard;
  md = ld_report_render (analysis, &options, NULL, NULL);
  text = g_strndup (g_bytes_get_data (md, NULL), g_bytes_get_size (md));
  row = strstr (text, "| 3a. Network requirements |");
  g_assert_nonnull (row);
  {
    /* The wizard names the computer it ran on. */
    g_autofree char *where = g_strdup_printf ("Measured from %s at", g_get_host_name ());

    g_assert_nonnull (strstr (row, where));
  }
  g_assert_true (strstr (row, "answered by the user") == NULL ||
                 strstr (row, "answered by the user") > strchr (row, '\n'));
}

/* The inputs that were not analysed are named on page 1 of the PDF and
 * at the top of the Markdown, each with its reason, and a clean verdict
 * says the logs were not all read; past five, how many more. */
static void
test_skipped_inputs (void)
{
  g_autofree char *healthy = g_test_build_filename (G_TEST_DIST, "data", "healthy-audio.uccapilog", NULL);
  g_autofree char *empty = g_build_filename (tmp_dir, "skipped-empty.uccapilog", NULL);
  static const guint n_missing[] = { 0, 1, 8 };

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  for (gsize k = 0; k < G_N_ELEMENTS (n_missing); k++)
    {
      g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
      g_autoptr(GFile) good = g_file_new_for_path (healthy);
      g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *verdict = NULL;
      g_autofree char *md = NULL;
      g_autofree char *md_path = NULL;
      g_autofree char *name = g_strdup_printf ("skipped-%zu.md", k);
      g_autofree char *more = NULL;

      g_assert_true (ld_analysis_add_file (analysis, good, NULL, NULL));
      for (guint i = 0; i < n_missing[k]; i++)
        {
          g_autofree char *path = g_strdup_printf ("%s/missing-%u.uccapilog", tmp_dir, i);
          g_autoptr(GFile) file = g_file_new_for_path (path);
          g_autoptr(GError) error = NULL;

          g_assert_false (ld_analysis_add_file (analysis, file, NULL, &error));
          g_assert_nonnull (error);
        }
      if (n_missing[k] > 0)
        {
          g_autoptr(GFile) file = g_file_new_for_path (empty);

          ld_analysis_add_file (analysis, file, NULL, NULL);
        }
      ld_analysis_finish (analysis);
      for (guint i = 0; i < ld_analysis_get_skipped (analysis)->len; i++)
        g_ptr_array_add (reasons,
                         g_strdup (((const LdSkippedInput *) ld_analysis_get_skipped (analysis)->pdata[i])->reason));
      g_assert_cmpuint (reasons->len, ==, n_missing[k] > 0 ? n_missing[k] + 1 : 0);
      more = g_strdup_printf ("and %u more", reasons->len > 5 ? reasons->len - 5 : 0);

      verdict = ld_report_dup_verdict (analysis);
      g_assert_true (g_str_has_prefix (verdict, "No problem found"));
      md_path = write_report (analysis, LD_REPORT_FORMAT_MARKDOWN, LD_REPORT_PAPER_A4, FALSE, name);
      md = read_text (md_path);
      if (reasons->len == 0)
        {
          /* The near miss: everything was read, nothing is said. */
          g_assert_null (strstr (verdict, "not analysed"));
          g_assert_null (strstr (md, "Not analysed"));
        }
      else
        {
          g_assert_nonnull (strstr (verdict, "not analysed and may hold the problem"));
          g_assert_nonnull (strstr (md, "**Not analysed:**"));
          /* The first five by their reasons, the rest counted. */
          for (guint i = 0; i < MIN (reasons->len, 5); i++)
            {
              GString *escaped = g_string_new (NULL);

              for (const char *c = reasons->pdata[i]; *c; c++)
                {
                  if (strchr ("\\`*_[]<>|#~", *c) != NULL)
                    g_string_append_c (escaped, '\\');
                  g_string_append_c (escaped, *c);
                }
              g_assert_nonnull (strstr (md, escaped->str));
              g_string_free (escaped, TRUE);
            }
          if (reasons->len > 5)
            g_assert_nonnull (strstr (md, more));
          else
            g_assert_null (strstr (md, "more (“lyncdiag-cli analyze --json”"));
        }

      if (have_poppler ())
        {
          g_autofree char *pdf_name = g_strdup_printf ("skipped-%zu.pdf", k);
          g_autofree char *path = write_report (analysis, LD_REPORT_FORMAT_PDF, LD_REPORT_PAPER_LETTER, FALSE, pdf_name);
          g_autofree char *page1 = pdf_text (path, 1, 1);
          g_autofree char *flat = squeeze (page1);

          if (reasons->len == 0)
            g_assert_null (strstr (flat, "Notanalysed"));
          else
            {
              g_assert_nonnull (strstr (flat, "Notanalysed"));
              for (guint i = 0; i < MIN (reasons->len, 5); i++)
                {
                  g_autofree char *reason = squeeze (reasons->pdata[i]);

                  g_assert_nonnull (strstr (flat, reason));
                }
              if (reasons->len > 5)
                {
                  g_autofree char *reason = squeeze (reasons->pdata[5]);
                  g_autofree char *flat_more = squeeze (more);

                  g_assert_null (strstr (flat, reason));
                  g_assert_nonnull (strstr (flat, flat_more));
                }
            }
        }
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  report_tests_init ("ld-test-report-XXXXXX");

  g_test_add_func ("/core/report/format-from-path", test_format_from_path);
  g_test_add_func ("/core/report/pdf/content", test_pdf_content);
  g_test_add_func ("/core/report/pdf/letter", test_pdf_letter);
  g_test_add_func ("/core/report/pdf/healthy-is-short", test_healthy_is_short);
  g_test_add_func ("/core/report/csv", test_csv);
  g_test_add_func ("/core/report/markdown", test_markdown);
  g_test_add_func ("/core/report/never-overwrites-input", test_never_overwrites_input);
  g_test_add_func ("/core/report/unwritable", test_unwritable);
  g_test_add_func ("/core/report/wizard-steps", test_wizard_steps);
  g_test_add_func ("/core/report/cancelled", test_cancelled);
  g_test_add_func ("/core/report/pdf/page-one", test_page_one);
  g_test_add_func ("/core/report/pdf/fixtures", test_fixtures);
  g_test_add_func ("/core/report/csv/formula", test_csv_formula);
  g_test_add_func ("/core/report/no-response", test_no_response);
  g_test_add_func ("/core/report/markdown/fits", test_markdown_fits);
  g_test_add_func ("/core/report/facts/audio", test_audio_facts);
  g_test_add_func ("/core/report/wizard/network-measured", test_network_measured);
  g_test_add_func ("/core/report/skipped-inputs", test_skipped_inputs);

  status = g_test_run ();
  report_tests_cleanup ();
  return status;
}
