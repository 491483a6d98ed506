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


/* pdftotext of pages @first to @last (0: to the end). */
static char *
pdf_text (const char *path,
          int         first,
          int         last)
{
  g_autofree char *f = g_strdup_printf ("%d", first);
  g_autofree char *l = g_strdup_printf ("%d", last);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", f, "-l", l, path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (last == 0)
    {
      argv[5] = path;
      argv[6] = "-";
      argv[7] = NULL;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static int
pdf_pages (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", path);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return atoi (pages + 6);
}

static char *
render_to_file (LdAnalysis            *analysis,
                const LdReportOptions *options,
                const char            *name)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  bytes = ld_report_render (analysis, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return path;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* pdftotext's lines put end to end, page breaks too. */
static char *
without_line_ends (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != '\n' && *p != '\f')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

static void
add_token (GPtrArray  *tokens,
           const char *value)
{
  if (value != NULL && strlen (value) >= 6 && strlen (value) < 200)
    g_ptr_array_add (tokens, (gpointer) value);
}

/* Every address, address:port and URI of @analysis that the report
 * shows is on one line of its extracted text: pdftotext starts a new line
 * wherever the PDF breaks one. */
static void
assert_unbroken (LdAnalysis *analysis,
                 const char *text)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *flat = squeeze (text);
  g_autofree char *lines_joined = without_line_ends (text);
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  guint checked = 0;

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = attempts->pdata[i];

      add_token (tokens, a->target);
      if (a->remote_party != NULL)
        {
          char *address = ld_sip_uri_dup_address (a->remote_party);

          g_ptr_array_add (owned, address);
          add_token (tokens, address);
        }
      for (guint m = 0; a->messages != NULL && m < a->messages->len; m++)
        {
          const LdSipMessage *msg = a->messages->pdata[m];

          add_token (tokens, msg->remote);
          add_token (tokens, msg->local);
        }
      for (guint d = 0; a->diagnostics != NULL && d < a->diagnostics->len; d++)
        {
          const LdDiagnostic *diag = a->diagnostics->pdata[d];

          for (guint m = 0; m < diag->media->len; m++)
            {
              const LdMediaDebug *media = diag->media->pdata[m];

              for (guint f = 0; f < media->fields->len; f++)
                {
                  const LdField *field = media->fields->pdata[f];

                  if (strchr (field->value, '.') != NULL)
                    add_token (tokens, field->value);
                }
            }
        }
    }
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *token = tokens->pdata[i];
      g_autofree char *squeezed = squeeze (token);
      guint whole, joined;

      if (strstr (flat, squeezed) == NULL)
        continue;
      /* Every place it is shown, not only one: with the line ends taken
       * out, a token broken across two lines is found once more. */
      whole = count (text, token);
      joined = count (lines_joined, token);
      if (joined > whole)
        g_error ("“%s” is broken across lines in the report (%u of %u places)", token, joined - whole, joined);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
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


static void
assert_page_one_acts (LdAnalysis *analysis,
                      const char *path)
{
  g_autofree char *page1 = pdf_text (path, 1, 1);
  g_autofree char *flat1 = squeeze (page1);
  GPtrArray *findings = ld_analysis_get_findings (analysis);
  const LdFinding *top = NULL;
  g_autofree char *action = NULL;

  /* The top cause: the most severe, most certain finding. */
  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = findings->pdata[i];

      if (top == NULL || f->severity < top->severity ||
          (f->severity == top->severity && f->confidence < top->confidence))
        top = f;
    }
  g_assert_nonnull (top);
  g_assert_cmpuint (top->actions->len, >, 0);
  action = squeeze (top->actions->pdata[0]);
  if (strstr (flat1, action) == NULL)
    g_error ("page 1 lacks the top cause's first action “%s”", (const char *) top->actions->pdata[0]);
  g_assert_nonnull (strstr (flat1, "Dofirst"));
  g_assert_nonnull (strstr (flat1, "Check:"));
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

static char *
gen_log_mix (int         size_mb,
             int         seed,
             const char *mix)
{
  g_autofree char *gen = g_test_build_filename (G_TEST_BUILT, "ld-gen-log", NULL);
  g_autofree char *size = g_strdup_printf ("%d", size_mb);
  g_autofree char *seed_s = g_strdup_printf ("--seed=%d", seed);
  g_autofree char *mix_s = g_strdup_printf ("--mix=%s", mix);
  g_autofree char *name = g_strdup_printf ("gen-%s-%d.log", mix, seed);
  char *path = g_build_filename (tmp_dir, name, NULL);
  const char *argv[] = { gen, "--size", size, seed_s, mix_s, "-o", path, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return path;
}

static char *
gen_log (int size_mb,
         int seed)
{
  return gen_log_mix (size_mb, seed, "typical");
}

/* A big log with over a hundred failures: well under 25 pages, each
 * cause once, the Markdown in a ticket field, --full with everything. */
static void
test_big_log (void)
{
  /* 30 MB of seed 7: more failures than a ticket field holds in full. */
  g_autofree char *log = gen_log (30, 7);
  g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GFile) file = g_file_new_for_path (log);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) md = NULL;
  g_autoptr(GBytes) full = NULL;
  g_autofree char *full_text = NULL;
  LdReportOptions options;
  guint failed = 0;
  GPtrArray *attempts;

  g_assert_true (ld_analysis_add_file (analysis, file, NULL, &error));
  ld_analysis_finish (analysis);
  attempts = ld_analysis_get_attempts (analysis);
  for (guint i = 0; i < attempts->len; i++)
    failed += ((const LdAttempt *) attempts->pdata[i])->outcome == LD_OUTCOME_FAILED ||
              ((const LdAttempt *) attempts->pdata[i])->outcome == LD_OUTCOME_NO_RESPONSE;
  g_assert_cmpuint (failed, >=, 100);

  ld_report_options_init (&options);
  options.format = LD_REPORT_FORMAT_MARKDOWN;
  md = ld_report_render (analysis, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (md), <=, LD_REPORT_MARKDOWN_LIMIT);
  options.full = TRUE;
  full = ld_report_render (analysis, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (full), >, LD_REPORT_MARKDOWN_LIMIT);
  full_text = g_strndup (g_bytes_get_data (full, NULL), g_bytes_get_size (full));
  {
    g_autofree char *cut = g_strndup (g_bytes_get_data (md, NULL), g_bytes_get_size (md));

    /* What was left out is said, and where to find it. */
    g_assert_nonnull (strstr (cut, "Shortened to fit a ticket field"));
    g_assert_nonnull (strstr (cut, "--full"));
    g_assert_null (strstr (full_text, "Shortened to fit a ticket field"));
  }
  /* --full lists every failure. */
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = attempts->pdata[i];
      g_autofree char *row = g_strdup_printf ("\n| %u | ", a->id);

      if (a->outcome == LD_OUTCOME_FAILED)
        g_assert_nonnull (strstr (full_text, row));
    }
  g_assert_null (strstr (full_text, "```"));

  if (!have_poppler ())
    return;
  {
    g_autofree char *path = write_report (analysis, LD_REPORT_FORMAT_PDF, LD_REPORT_PAPER_A4, FALSE, "big.pdf");
    g_autofree char *all = pdf_text (path, 1, 0);

    g_test_message ("20 MB log: %d pages, Markdown %zu bytes (--full %zu)", pdf_pages (path),
                    g_bytes_get_size (md), g_bytes_get_size (full));
    g_assert_cmpint (pdf_pages (path), <=, 20);
    assert_page_one_acts (analysis, path);
    assert_unbroken (analysis, all);
    /* Attempts that worked are counted, not listed. */
    {
      g_autofree char *flat = squeeze (all);

      g_assert_nonnull (strstr (flat, "Attemptsthatworkedarecountedhere,notlisted"));
    }
  }
}

/* A failure-heavy log (the generator's conference mix: hundreds of
 * failed joins): the PDF stays well under 25 pages on both papers, its
 * failures in the compact table (one row for those alike, every failure
 * counted once); the Markdown fits a ticket field with the same table,
 * and --full lists each failure. Seed 5 was not used to tune it. */
static void
test_heavy_log (void)
{
  g_autofree char *log = gen_log_mix (20, 5, "conference");
  g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GFile) file = g_file_new_for_path (log);
  g_autoptr(GBytes) md = NULL;
  g_autoptr(GBytes) full = NULL;
  g_autofree char *md_text = NULL;
  g_autofree char *full_text = NULL;
  GPtrArray *attempts;
  LdReportOptions options;
  guint failed = 0, counted = 0, left_out = 0;
  const char *table;

  g_assert_true (ld_analysis_add_file (analysis, file, NULL, NULL));
  ld_analysis_finish (analysis);
  attempts = ld_analysis_get_attempts (analysis);
  for (guint i = 0; i < attempts->len; i++)
    failed += ((const LdAttempt *) attempts->pdata[i])->outcome == LD_OUTCOME_FAILED ||
              ((const LdAttempt *) attempts->pdata[i])->outcome == LD_OUTCOME_NO_RESPONSE;
  g_assert_cmpuint (failed, >=, 300);

  ld_report_options_init (&options);
  options.format = LD_REPORT_FORMAT_MARKDOWN;
  md = ld_report_render (analysis, &options, NULL, NULL);
  g_assert_cmpuint (g_bytes_get_size (md), <=, LD_REPORT_MARKDOWN_LIMIT);
  md_text = g_strndup (g_bytes_get_data (md, NULL), g_bytes_get_size (md));
  /* The compact table: its counts add up to the failures (with those the
   * cut note says are left out). */
  table = strstr (md_text, "one row for those alike");
  g_assert_nonnull (table);
  table = strstr (table, "|---:|");
  g_assert_nonnull (table);
  for (const char *row = strstr (table, "\n| "); row != NULL && g_ascii_isdigit (row[3]); row = strstr (row + 1, "\n| "))
    counted += (guint) g_ascii_strtoull (row + 3, NULL, 10);
  {
    const char *note = strstr (md_text, " failures are not in the table");

    if (note == NULL)
      note = strstr (md_text, " failure is not in the table");
    if (note != NULL)
      {
        while (note > md_text && g_ascii_isdigit (note[-1]))
          note--;
        left_out = (guint) g_ascii_strtoull (note, NULL, 10);
      }
  }
  g_assert_cmpuint (counted + left_out, ==, failed);
  g_assert_cmpuint (counted, >, 0);

  options.full = TRUE;
  full = ld_report_render (analysis, &options, NULL, NULL);
  full_text = g_strndup (g_bytes_get_data (full, NULL), g_bytes_get_size (full));
  g_assert_null (strstr (full_text, "one row for those alike"));
  {
    char *section = strstr (full_text, "\n## All failures");
    char *end = NULL;

    g_assert_nonnull (section);
    end = strstr (section + 1, "\n## ");
    if (end != NULL)
      *end = '\0';
    /* Each failure a row, and only the failures. */
    for (guint i = 0; i < attempts->len; i++)
      {
        const LdAttempt *a = attempts->pdata[i];
        g_autofree char *row = g_strdup_printf ("\n| %u | ", a->id);

        if (a->outcome == LD_OUTCOME_FAILED || a->outcome == LD_OUTCOME_NO_RESPONSE)
          g_assert_nonnull (strstr (section, row));
        else
          g_assert_null (strstr (section, row));
      }
  }

  if (!have_poppler ())
    return;
  for (int paper = 0; paper < 2; paper++)
    {
      g_autofree char *path = write_report (analysis, LD_REPORT_FORMAT_PDF, paper ? LD_REPORT_PAPER_LETTER : LD_REPORT_PAPER_A4,
                                            FALSE, paper ? "heavy-letter.pdf" : "heavy-a4.pdf");
      g_autofree char *all = pdf_text (path, 1, 0);
      g_autofree char *flat = squeeze (all);
      g_autofree char *intro = g_strdup_printf ("The%uattemptsthatfailedorgotnoanswer,onerowforthosealike", failed);

      g_test_message ("heavy log, %s: %d pages, %u failures, Markdown %zu bytes", paper ? "Letter" : "A4",
                      pdf_pages (path), failed, g_bytes_get_size (md));
      g_assert_cmpint (pdf_pages (path), <=, 20);
      g_assert_nonnull (strstr (flat, intro));
      /* The 51007 of a 200 OK, beside the failure's code, is said in a
       * line and quoted, not decoded as if it explained anything. */
      g_assert_nonnull (strstr (flat, "Information,notanerror:Calleemediaconnectivitydiagnosisinfo."));
      g_assert_null (strstr (flat, "Theansweringclientreportshowitsmediaconnectionwassetup"));
      assert_page_one_acts (analysis, path);
      assert_unbroken (analysis, all);
    }
}

static char *
fixture_text (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  g_assert_cmpuint (g_strv_length (parts), >, 1);
  return g_strjoinv (to, parts);
}

static LdAnalysis *
analyse_text (const char *name,
              const char *text)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_analysis_add_data (analysis, name, text, strlen (text), &error));
  g_assert_no_error (error);
  ld_analysis_finish (analysis);
  return analysis;
}

#define KB_REASON "Call failed to establish due to a media connectivity failure when one endpoint is internal and the other is remote"

/* A 128 KB reason and a 64 KB URI are laid out in linear time: the
 * report comes within seconds, the value cut with a note. */
static void
test_huge_values (void)
{
  g_autofree char *base = fixture_text ("Lync-UccApi-0.UccApilog");
  g_autofree char *big = g_strnfill (128 * 1024, 'x');
  g_autofree char *uri = g_strnfill (64 * 1024, 'A');
  g_autofree char *with_reason = replace (base, KB_REASON, big);
  g_autofree char *with_uri = replace (base, "id:TF2497F37", uri);
  const char *texts[] = { with_reason, with_uri };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(LdAnalysis) analysis = analyse_text ("huge.log", texts[i]);
      static const LdReportFormat formats[] = { LD_REPORT_FORMAT_PDF, LD_REPORT_FORMAT_MARKDOWN };

      for (gsize f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autoptr(GTimer) timer = g_timer_new ();
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) error = NULL;
          LdReportOptions options;

          ld_report_options_init (&options);
          options.format = formats[f];
          bytes = ld_report_render (analysis, &options, NULL, &error);
          g_assert_no_error (error);
          /* Minutes before; well under a second now. Generous for a loaded machine. */
          g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 15.0);
          if (formats[f] == LD_REPORT_FORMAT_MARKDOWN)
            {
              g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

              g_assert_nonnull (strstr (text, "more characters left out here"));
              g_assert_cmpuint (g_bytes_get_size (bytes), <=, LD_REPORT_MARKDOWN_LIMIT);
            }
          else if (have_poppler ())
            {
              g_autofree char *path = render_to_file (analysis, &options, "huge.pdf");
              g_autofree char *text = pdf_text (path, 1, 0);
              g_autofree char *flat = squeeze (text);

              g_assert_nonnull (strstr (flat, "morecharactersleftouthere"));
              g_assert_cmpint (pdf_pages (path), <=, 6);
            }
        }
    }
}

/* A 16 KB value (LD_MAX_VALUE, the most a log value keeps) in the
 * reason and the called URI, in the shapes that stress a line breaker: no
 * break at all, a break every other character (spaces, ";", ","),
 * two-byte and combining characters. Each report is laid out in well
 * under a second of processor time (a quadratic layout took 12 s). */
static void
test_value_16k (void)
{
  g_autofree char *base = fixture_text ("Lync-UccApi-0.UccApilog");
  static const char * const units[] = { "x", "a ", "a;", "a,", "ä", "e\xcc\x81", "sip:u@h.example.com:5061;x, " };

  for (gsize u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr(GString) value = g_string_new (NULL);
      g_autofree char *uri = NULL;
      g_autofree char *with_reason = NULL;
      g_autofree char *text = NULL;
      g_autoptr(LdAnalysis) analysis = NULL;

      while (value->len + strlen (units[u]) <= 16 * 1024 - 32)
        g_string_append (value, units[u]);
      uri = g_strdup_printf ("sip:%s@contoso.com", value->str);
      with_reason = replace (base, KB_REASON, value->str);
      text = replace (with_reason, "sip:joe@contoso.com", uri);
      analysis = analyse_text ("value-16k.log", text);
      for (int f = 0; f < 2; f++)
        {
          LdReportOptions options;
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) error = NULL;
          clock_t start = clock ();
          double seconds;

          ld_report_options_init (&options);
          options.format = f == 0 ? LD_REPORT_FORMAT_PDF : LD_REPORT_FORMAT_MARKDOWN;
          bytes = ld_report_render (analysis, &options, NULL, &error);
          g_assert_no_error (error);
          seconds = (double) (clock () - start) / CLOCKS_PER_SEC;
          g_test_message ("16 KB of “%s”, %s: %.3f s", units[u], f == 0 ? "PDF" : "Markdown", seconds);
          /* About 0.1 s here; generous for sanitizers. */
          g_assert_cmpfloat (seconds, <, 5.0);
          if (f == 1)
            g_assert_cmpuint (g_bytes_get_size (bytes), <=, LD_REPORT_MARKDOWN_LIMIT);
        }
    }
}

/* A table row taller than a page continues on the next one: no line of
 * it is lost. */
static void
test_tall_row (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "tall.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  LdMetrics *metrics;
  LdTypeset *ts;
  g_autoptr(LdTable) table = ld_table_new (2, 8);
  g_autoptr(GString) words = g_string_new (NULL);
  const char *header[] = { "Label", "Value" };
  g_autofree char *text = NULL;
  guint found = 0;

  pango_cairo_context_set_resolution (context, 72);
  metrics = ld_metrics_new (context, LD_REPORT_SANS, LD_REPORT_MONO);
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (words, "w%u ", i);
  ld_table_set_header (table, header);
  {
    const char *row[] = { "Reason", words->str };

    ld_table_add_row (table, row, NULL);
  }
  ts = ld_typeset_new (surface, metrics, 595, 842, 56, 56, 64, 56);
  ld_typeset_paragraph (ts, "Before the table", LD_FACE_SANS, 9, NULL);
  ld_typeset_table (ts, table);
  ld_typeset_paragraph (ts, "After the table", LD_FACE_SANS, 9, NULL);
  ld_typeset_finish (ts);
  g_assert_cmpint (ld_typeset_get_page (ts), >, 1);
  ld_typeset_free (ts);
  ld_metrics_free (metrics);
  g_object_unref (context);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  if (!have_poppler ())
    return;
  text = pdf_text (path, 1, 0);
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *w = g_strdup_printf ("w%u ", i);
      g_autofree char *w_end = g_strdup_printf ("w%u\n", i);

      found += strstr (text, w) != NULL || strstr (text, w_end) != NULL;
    }
  g_assert_cmpuint (found, ==, 3000);
  g_assert_nonnull (strstr (text, "After the table"));
}

/* A line breaks after a space, ";" or ",", never inside an address, an
 * address:port or a URI; only a token wider than a line is cut, marked. */
static void
test_line_breaks (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  LdMetrics *metrics;
  static const char * const tokens[] = {
    "LocalSite=207.46.5.9:20702,", "RemoteSite=11.1.111.11:62198,", "RemoteMR=65.55.127.64:51184,",
    "sip:joe@contoso.com;gruu;opaque=app:conf:applicationsharing:id:TF2497F37", "[2001:db8::1]:5061",
  };
  g_autofree char *joined = NULL;
  g_autoptr(GString) all = g_string_new (NULL);

  pango_cairo_context_set_resolution (context, 72);
  metrics = ld_metrics_new (context, LD_REPORT_SANS, LD_REPORT_MONO);
  for (gsize i = 0; i < G_N_ELEMENTS (tokens); i++)
    g_string_append_printf (all, "%s%s", i ? " " : "", tokens[i]);
  for (double width = 120; width <= 600; width += 37)
    {
      g_autoptr(LdText) text = ld_text_new (8);
      g_autoptr(GArray) lines = NULL;

      ld_text_append (text, LD_FACE_MONO, NULL, all->str);
      lines = ld_text_break (text, metrics, width);
      for (guint l = 0; l < lines->len; l++)
        {
          const LdLine *line = &g_array_index (lines, LdLine, l);
          g_autofree char *piece = g_strndup (text->text->str + line->start, line->end - line->start);

          /* Each line is whole tokens, unless a token is wider than the line. */
          for (gsize t = 0; t < G_N_ELEMENTS (tokens); t++)
            {
              double w = ld_metrics_text_width (metrics, LD_FACE_MONO, 8, tokens[t], -1);
              const char *at = strstr (all->str, tokens[t]);
              guint start = (guint) (at - all->str), end = start + (guint) strlen (tokens[t]);

              if (w <= width && line->start > start && line->start < end)
                g_error ("width %.0f: a line starts inside “%s”: “%s”", width, tokens[t], piece);
            }
          g_assert_cmpfloat (line->width, <=, width + 0.01);
        }
    }

  /* A megabyte without a place to break: linear, cut and marked. */
  {
    g_autofree char *huge = g_strnfill (1024 * 1024, 'x');
    g_autoptr(LdText) text = ld_text_new (8);
    g_autoptr(GArray) lines = NULL;
    g_autoptr(GTimer) timer = g_timer_new ();
    gsize total = 0;

    ld_text_append (text, LD_FACE_SANS, NULL, huge);
    lines = ld_text_break (text, metrics, 400);
    g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 5.0);
    g_assert_cmpuint (lines->len, >, 1000);
    for (guint l = 0; l < lines->len; l++)
      {
        const LdLine *line = &g_array_index (lines, LdLine, l);

        total += line->end - line->start;
        g_assert_true (line->cut || l + 1 == lines->len);
      }
    g_assert_cmpuint (total, ==, 1024 * 1024);
  }
  ld_metrics_free (metrics);
  g_object_unref (context);
}

/* Ladder labels sit between two lifelines and are never cut. */
static void
test_ladder_labels (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("Lync-UccApi-0.UccApilog", "findings-federation.uccapilog", NULL);
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  LdMetrics *metrics;
  guint rows = 0;

  pango_cairo_context_set_resolution (context, 96);
  metrics = ld_metrics_new (context, LD_REPORT_SANS, LD_REPORT_MONO);
  for (guint i = 0; i < attempts->len; i++)
    for (double width = 500; width <= 900; width += 200)
      {
        g_autoptr(LdLadder) ladder = ld_ladder_new (attempts->pdata[i], width, metrics);
        double x[3];

        ld_ladder_get_lifelines (ladder, x);
        for (guint r = 0; r < ld_ladder_get_n_rows (ladder); r++)
          {
            double x0, x1;
            gboolean cut;

            ld_ladder_get_label_extents (ladder, r, &x0, &x1, &cut);
            g_assert_false (cut);
            g_assert_true ((x0 > x[0] && x1 < x[1]) || (x0 > x[1] && x1 < x[2]));
            rows++;
          }
      }
  g_assert_cmpuint (rows, >, 10);
  ld_metrics_free (metrics);
  g_object_unref (context);
}

/* A timeline across midnight says the dates, and the quiet stretch it
 * leaves out carries its length. */
static void
test_timeline_days (void)
{
  g_autoptr(GPtrArray) early = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_early_attempt_free);
  g_autofree char *path = g_build_filename (tmp_dir, "timeline.pdf", NULL);
  g_autoptr(LdTimeline) timeline = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autofree char *text = NULL;
  /* 2014-01-30 10:05, 10:07 and 2014-01-31 11:20, as log-local ms. */
  static const gint64 starts[] = { 1391076300000, 1391076420000, 1391167200000 };

  for (gsize i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      LdEarlyAttempt *e = g_new0 (LdEarlyAttempt, 1);

      e->kind = LD_ATTEMPT_CONFERENCE;
      e->modality = LD_MODALITY_APPLICATION_SHARING;
      e->start = starts[i];
      e->target = g_strdup ("sip:joe@contoso.com");
      g_ptr_array_add (early, e);
    }
  timeline = ld_timeline_new_early (early);
  ld_timeline_set_max_gaps (timeline, 6);
  ld_timeline_set_used_lanes_only (timeline, TRUE);
  surface = cairo_pdf_surface_create (path, 760, 200);
  cr = cairo_create (surface);
  ld_timeline_draw (timeline, cr, 760, ld_timeline_get_height (timeline, 40), FALSE);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  if (!have_poppler ())
    return;
  text = pdf_text (path, 1, 1);
  g_assert_nonnull (strstr (text, "2014-01-30"));
  g_assert_nonnull (strstr (text, "2014-01-31"));
  /* 10:07 + padding to 11:20 next day, less padding: 25 h 12 min. */
  g_assert_nonnull (strstr (text, "25 h 12 min"));
}

/* Logs years apart: the picture labels the longest left-out stretch and
 * dates the stretch that no tick falls in; the line under it gives every
 * stretch's length and ends. Attempts seconds apart leave nothing out. */
static void
test_timeline_years (void)
{
  g_autoptr(LdAnalysis) apart = analyse ("Lync-UccApi-0.UccApilog", "wizard-audio-fails.uccapilog",
                                         "findings-federation.uccapilog", NULL);
  g_autoptr(LdTimeline) timeline = ld_timeline_new (apart);
  g_autofree char *gaps = NULL;
  g_autofree char *picture = g_build_filename (tmp_dir, "timeline-years.pdf", NULL);
  cairo_surface_t *surface;
  cairo_t *cr;

  ld_timeline_set_max_gaps (timeline, 6);
  ld_timeline_set_used_lanes_only (timeline, TRUE);
  gaps = ld_timeline_dup_gaps_text (timeline);
  g_assert_nonnull (gaps);
  /* 2013-03-12 to 2014-01-30, and on to 2017-03-02: in days, with their ends. */
  g_assert_nonnull (strstr (gaps, " days "));
  g_assert_nonnull (strstr (gaps, "2013-03-12"));
  g_assert_nonnull (strstr (gaps, "– 2014-01-30"));
  g_assert_nonnull (strstr (gaps, "– 2017-03-02"));
  g_assert_null (strstr (gaps, "h 5 min"));

  surface = cairo_pdf_surface_create (picture, 760, 200);
  cr = cairo_create (surface);
  ld_timeline_draw (timeline, cr, 760, ld_timeline_get_height (timeline, 40), FALSE);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  if (!have_poppler ())
    return;
  {
    g_autofree char *text = pdf_text (picture, 1, 1);

    /* The longest stretch (2014 to 2017) is labelled in the picture. */
    g_assert_nonnull (strstr (text, "1126 days"));
    g_assert_nonnull (strstr (text, "2014-01-30"));
  }
  {
    g_autofree char *path = write_report (apart, LD_REPORT_FORMAT_PDF, LD_REPORT_PAPER_A4, FALSE, "years.pdf");
    g_autofree char *text = pdf_text (path, 1, 0);
    g_autofree char *flat = squeeze (text);
    g_autofree char *line = g_strdup_printf ("Leftout(hatched):%s.", gaps);
    g_autofree char *flat_line = squeeze (line);

    g_assert_nonnull (strstr (flat, flat_line));
  }
  {
    /* Four attempts ten seconds apart leave nothing out. */
    g_autoptr(GPtrArray) early = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_early_attempt_free);
    g_autoptr(LdTimeline) close = NULL;

    for (guint i = 0; i < 4; i++)
      {
        LdEarlyAttempt *e = g_new0 (LdEarlyAttempt, 1);

        e->kind = LD_ATTEMPT_PEER_TO_PEER;
        e->modality = LD_MODALITY_AUDIO;
        e->start = 1391076300000 + i * 10000;
        e->target = g_strdup ("sip:joe@contoso.com");
        g_ptr_array_add (early, e);
      }
    close = ld_timeline_new_early (early);
    ld_timeline_set_max_gaps (close, 6);
    g_assert_null (ld_timeline_dup_gaps_text (close));
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
  g_test_add_func ("/core/report/pdf/page-one", test_page_one);
  g_test_add_func ("/core/report/pdf/fixtures", test_fixtures);
  g_test_add_func ("/core/report/big-log", test_big_log);
  g_test_add_func ("/core/report/huge-values", test_huge_values);
  g_test_add_func ("/core/report/typeset/tall-row", test_tall_row);
  g_test_add_func ("/core/report/lines/breaks", test_line_breaks);
  g_test_add_func ("/core/report/ladder/labels", test_ladder_labels);
  g_test_add_func ("/core/report/timeline/days", test_timeline_days);
  g_test_add_func ("/core/report/csv/formula", test_csv_formula);
  g_test_add_func ("/core/report/no-response", test_no_response);
  g_test_add_func ("/core/report/markdown/fits", test_markdown_fits);
  g_test_add_func ("/core/report/facts/audio", test_audio_facts);
  g_test_add_func ("/core/report/wizard/network-measured", test_network_measured);
  g_test_add_func ("/core/report/skipped-inputs", test_skipped_inputs);
  g_test_add_func ("/core/report/heavy-log", test_heavy_log);
  g_test_add_func ("/core/report/value-16k", test_value_16k);
  g_test_add_func ("/core/report/timeline/years", test_timeline_years);

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
