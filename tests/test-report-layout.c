/* test-report-layout.c - reports of big logs and huge values, line breaking, the call flow and the timeline
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

/* The @i-th early attempt of the test below, at @start. */
static LdEarlyAttempt *
early_attempt_new (guint  i,
                   gint64 start)
{
  LdEarlyAttempt *e = g_new0 (LdEarlyAttempt, 1);

  e->kind = i % 3 == 0 ? LD_ATTEMPT_CONFERENCE : LD_ATTEMPT_PEER_TO_PEER;
  e->modality = i % 3 == 0 ? LD_MODALITY_FOCUS : LD_MODALITY_AUDIO;
  e->start = start;
  e->target = g_strdup_printf ("sip:user%u@contoso.com", i);
  return e;
}

static int
compare_early_start (gconstpointer a,
                     gconstpointer b)
{
  const LdEarlyAttempt *x = *(LdEarlyAttempt * const *) a, *y = *(LdEarlyAttempt * const *) b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* Early attempts given to a timeline in steps, in reading order, as a
 * window refreshes its loading view: the picture, the left-out stretches
 * and what each point hits are those of a timeline of all of them at
 * once, in order of time. */
static void
test_timeline_early_added (void)
{
  /* Log-local ms: busy stretches hours apart, two the same instant, and
   * two attempts read out of order (a second file starting earlier): one
   * in the first stretch, one alone in the quiet between the first two. */
  static const gint64 starts[] = {
    1391076300000, 1391076310000, 1391076310000, 1391076325000,
    1391083500000, 1391083502000, 1391079900000, 1391076330000,
    1391090700000, 1391090705000, 1391090705000, 1391090790000,
  };
  static const guint steps[] = { 3, 6, 8, 12 };
  g_autoptr(GPtrArray) in_time = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_early_attempt_free);
  g_autoptr(GPtrArray) grown = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_early_attempt_free);
  g_autoptr(LdTimeline) whole = NULL;
  g_autoptr(LdTimeline) added = NULL;
  g_autofree char *gaps_whole = NULL;
  g_autofree char *gaps_added = NULL;
  cairo_surface_t *pictures[2];
  guint hits = 0;

  /* All of the attempts, in order of time (the sort is stable). */
  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    g_ptr_array_add (in_time, early_attempt_new (i, starts[i]));
  g_ptr_array_sort (in_time, compare_early_start);
  whole = ld_timeline_new_early (in_time);

  /* Given in steps: the array grows as a window's does. */
  for (guint i = 0; i < steps[0]; i++)
    g_ptr_array_add (grown, early_attempt_new (i, starts[i]));
  added = ld_timeline_new_early (grown);
  for (gsize s = 1; s < G_N_ELEMENTS (steps); s++)
    {
      for (guint i = grown->len; i < steps[s]; i++)
        g_ptr_array_add (grown, early_attempt_new (i, starts[i]));
      ld_timeline_add_early (added);
      g_assert_cmpuint (ld_timeline_get_n_attempts (added), ==, grown->len);
    }
  /* Told again with nothing new: nothing changes. */
  ld_timeline_add_early (added);

  g_assert_cmpuint (ld_timeline_get_n_attempts (added), ==, ld_timeline_get_n_attempts (whole));
  gaps_whole = ld_timeline_dup_gaps_text (whole);
  gaps_added = ld_timeline_dup_gaps_text (added);
  g_assert_nonnull (gaps_whole);
  g_assert_cmpstr (gaps_added, ==, gaps_whole);

  for (guint k = 0; k < 2; k++)
    {
      cairo_t *cr;

      pictures[k] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 760, 200);
      cr = cairo_create (pictures[k]);
      ld_timeline_draw (k == 0 ? whole : added, cr, 760, 200, FALSE);
      cairo_destroy (cr);
      cairo_surface_flush (pictures[k]);
    }
  g_assert_cmpint (cairo_image_surface_get_stride (pictures[0]), ==, cairo_image_surface_get_stride (pictures[1]));
  g_assert_true (memcmp (cairo_image_surface_get_data (pictures[0]), cairo_image_surface_get_data (pictures[1]),
                         (gsize) cairo_image_surface_get_stride (pictures[0]) * 200) == 0);
  cairo_surface_destroy (pictures[0]);
  cairo_surface_destroy (pictures[1]);

  /* Each attempt is where it is in the whole picture: the same one (by
   * what its summary says of it) at every point. */
  for (double x = ld_timeline_get_label_width (); x < 760; x += 1)
    for (double y = 0; y < 200; y += 4)
      {
        guint id = ld_timeline_hit (whole, x, y, 760, 200);
        guint other = ld_timeline_hit (added, x, y, 760, 200);

        g_assert_cmpuint (id == 0, ==, other == 0);
        if (id != 0)
          {
            g_autofree char *a = ld_timeline_dup_summary (whole, id);
            g_autofree char *b = ld_timeline_dup_summary (added, other);

            /* "Attempt N: …", N its place in the array given. */
            g_assert_nonnull (strchr (a, ':'));
            g_assert_nonnull (strchr (b, ':'));
            g_assert_cmpstr (strchr (a, ':'), ==, strchr (b, ':'));
            hits++;
          }
      }
  g_assert_cmpuint (hits, >, 0);
}

/* How many points of row @y of @picture, right of the labels, are grey
 * and darker than the row's background (read left of the plot), and how
 * many of those go on up and to the right at 45 degrees: hatching, not
 * a tick's vertical line nor a coloured bar. Sets *@first and *@last to
 * the leftmost and rightmost such diagonal point. */
static guint
count_hatching (cairo_surface_t *picture,
                int              y,
                int             *first,
                int             *last)
{
  const guchar *data = cairo_image_surface_get_data (picture);
  int stride = cairo_image_surface_get_stride (picture);
  int width = cairo_image_surface_get_width (picture);
  int plot_x = (int) ld_timeline_get_label_width ();
  const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
  const guint32 *above = (const guint32 *) (data + (gsize) (y - 1) * stride);
  int bg = row[plot_x - 2] & 0xff;
  guint diagonal = 0;

  *first = G_MAXINT;
  *last = -1;
#define GREY_MARK(p) (abs ((int) (((p) >> 16) & 0xff) - (int) ((p) & 0xff)) < 4 && \
                      abs ((int) (((p) >> 8) & 0xff) - (int) ((p) & 0xff)) < 4 && (int) ((p) & 0xff) < bg - 6)
  for (int x = plot_x + 1; x < width - 2; x++)
    {
      if (!GREY_MARK (row[x]))
        continue;
      /* A vertical line is as dark right above; a hatching line is one
       * to the right, and not right above. */
      if (GREY_MARK (above[x + 1]) && !GREY_MARK (above[x]))
        {
          diagonal++;
          *first = MIN (*first, x);
          *last = MAX (*last, x);
        }
    }
#undef GREY_MARK
  return diagonal;
}

/* Time left out is hatched, and only there: lines at 45 degrees, 6 pixels
 * apart, within the band between two busy stretches a day apart. Attempts
 * seconds apart leave nothing out, and nothing is hatched. */
static void
test_timeline_hatching (void)
{
  /* 2014-01-30 10:05, 10:05:20 and 2014-01-31 11:20, 11:20:20. */
  static const gint64 apart[] = { 1391076300000, 1391076320000, 1391167200000, 1391167220000 };
  static const gint64 close[] = { 1391076300000, 1391076310000, 1391076320000, 1391076330000 };

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GPtrArray) early = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_early_attempt_free);
      g_autoptr(LdTimeline) timeline = NULL;
      const gint64 *starts = k == 0 ? apart : close;
      cairo_surface_t *picture = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 760, 200);
      cairo_t *cr = cairo_create (picture);
      g_autofree char *gaps = NULL;
      guint lines = 0, hatched_rows = 0;
      int first = G_MAXINT, last = -1;

      for (guint i = 0; i < 4; i++)
        g_ptr_array_add (early, early_attempt_new (i, starts[i]));
      timeline = ld_timeline_new_early (early);
      gaps = ld_timeline_dup_gaps_text (timeline);
      g_assert_true ((gaps != NULL) == (k == 0));
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      ld_timeline_draw (timeline, cr, 760, 200, FALSE);
      cairo_destroy (cr);
      cairo_surface_flush (picture);

      /* Rows across the lanes, below the axis' labels. */
      for (int y = 60; y < 190; y += 10)
        {
          int f, l;
          guint n = count_hatching (picture, y, &f, &l);

          lines += n;
          hatched_rows += n >= 3;
          if (n > 0)
            {
              first = MIN (first, f);
              last = MAX (last, l);
            }
        }
      if (k == 0)
        {
          /* A line every six pixels of the band (24 pixels wide here),
           * on every row under the band's label. */
          g_assert_cmpuint (hatched_rows, >=, 11);
          /* A band, not the whole plot: the busy stretches are not hatched. */
          g_assert_cmpint (first, >, (int) ld_timeline_get_label_width () + 20);
          g_assert_cmpint (last, <, 760 - 30);
        }
      else
        g_assert_cmpuint (lines, ==, 0);
      cairo_surface_destroy (picture);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  report_tests_init ("ld-test-report-layout-XXXXXX");

  g_test_add_func ("/core/report/big-log", test_big_log);
  g_test_add_func ("/core/report/huge-values", test_huge_values);
  g_test_add_func ("/core/report/typeset/tall-row", test_tall_row);
  g_test_add_func ("/core/report/lines/breaks", test_line_breaks);
  g_test_add_func ("/core/report/ladder/labels", test_ladder_labels);
  g_test_add_func ("/core/report/timeline/days", test_timeline_days);
  g_test_add_func ("/core/report/heavy-log", test_heavy_log);
  g_test_add_func ("/core/report/value-16k", test_value_16k);
  g_test_add_func ("/core/report/timeline/years", test_timeline_years);
  g_test_add_func ("/core/report/timeline/early-added", test_timeline_early_added);
  g_test_add_func ("/core/report/timeline/hatching", test_timeline_hatching);

  status = g_test_run ();
  report_tests_cleanup ();
  return status;
}
