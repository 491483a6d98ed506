/* test-report.c - the report as its reader checks it: text in the PDF, paper, fonts (redaction: test-redact.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lyncdiag.h"
#include "ld-report.h"

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
  g_autofree char *verdict = ld_report_dup_verdict (analysis);
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
  g_assert_nonnull (strstr (flat, "SUPPORTEDBYTHEEVIDENCE"));
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
  g_test_add_func ("/core/report/pdf/content", test_pdf_content);
  g_test_add_func ("/core/report/pdf/letter", test_pdf_letter);
  g_test_add_func ("/core/report/pdf/healthy-is-short", test_healthy_is_short);
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
