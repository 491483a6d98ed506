/* report-helpers.c - what the report tests share: logs analysed, reports written, PDF text read back
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
#include "analysis-helpers.h"
#include "report-helpers.h"

char *tmp_dir;

/* The folder the reports of one test program are written to. */
void
report_tests_init (const char *tmp_template)
{
  tmp_dir = g_dir_make_tmp (tmp_template, NULL);
  g_assert_nonnull (tmp_dir);
}

void
report_tests_cleanup (void)
{
  remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

/* pdftotext breaks lines where the PDF does; compare without whitespace. */
char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

gboolean
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
char *
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
char *
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

char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}


/* pdftotext of pages @first to @last (0: to the end). */
char *
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

int
pdf_pages (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", path);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return atoi (pages + 6);
}

char *
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

guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* pdftotext's lines put end to end, page breaks too. */
char *
without_line_ends (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != '\n' && *p != '\f')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

void
add_token (GPtrArray  *tokens,
           const char *value)
{
  if (value != NULL && strlen (value) >= 6 && strlen (value) < 200)
    g_ptr_array_add (tokens, (gpointer) value);
}

/* Every address, address:port and URI of @analysis that the report
 * shows is on one line of its extracted text: pdftotext starts a new line
 * wherever the PDF breaks one. */
void
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

/* Splits RFC 4180 CSV; fails the test on a malformed record. */
GPtrArray *
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

void
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

char *
fixture_text (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  g_assert_cmpuint (g_strv_length (parts), >, 1);
  return g_strjoinv (to, parts);
}

