/* ld-report-pdf.c - the report as a PDF: what goes on which page
 *
 * Page 1 is the incident: who, when, what they saw, what failed, the
 * causes in rank and what to do first, with who does it and how to check
 * it worked. Then each cause once, with one attempt decoded as its
 * example; the failures in one table; the attempts counted by kind, with
 * the timeline; the troubleshooting steps when asked for.
 *
 * The typesetting is ld-report-typeset.c's; the example's decode and call
 * flow are in ld-report-pdf-attempt.c. Pages are laid out in passes: a
 * pass notes where each anchor fell, the next writes "page N" and the
 * links with those numbers, and a pass is repeated if that moved anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-report"

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "ld-format.h"
#include "ld-redact.h"
#include "ld-report-pdf-private.h"
#include "ld-timeline.h"
#include "ld-wizard.h"

/* Failures listed on page 1 before the table of all of them takes over. */
#define GLANCE_ROWS 8
/* Causes named on page 1; the rest are in the causes section. */
#define PAGE1_CAUSES 6
/* First actions on page 1. */
#define FIRST_ACTIONS 3

static const LdRgb *
severity_color (LdSeverity severity)
{
  return severity == LD_SEVERITY_ERROR ? &ld_rgb_error : severity == LD_SEVERITY_WARNING ? &ld_rgb_warning
                                                                                        : &ld_rgb_info;
}

static const LdRgb *
outcome_color (LdOutcome outcome)
{
  return outcome == LD_OUTCOME_SUCCEEDED ? &ld_rgb_ok :
         outcome == LD_OUTCOME_FAILED ? &ld_rgb_error :
         outcome == LD_OUTCOME_NO_RESPONSE ? &ld_rgb_warning : &ld_rgb_muted;
}

static gboolean
cancelled (LdReportPdf *pdf)
{
  return g_cancellable_is_cancelled (pdf->ctx->cancellable);
}

/* ---- small blocks ---------------------------------------------------------- */

void
_ld_report_pdf_text (LdReportPdf *pdf,
                     const char  *str,
                     double       size,
                     const LdRgb *color,
                     double       space_after)
{
  LdBlockStyle style = { .space_after = space_after, .color = color, .leading = size * 0.15 };

  ld_typeset_paragraph (pdf->ts, str, LD_FACE_SANS, size, &style);
}

/* Label and value rows; an empty value leaves its row out. */
void
_ld_report_pdf_key_values (LdReportPdf        *pdf,
                           const char * const *pairs,
                           guint               n_pairs)
{
  g_autoptr(LdTable) table = ld_table_new (2, LD_PDF_SMALL_SIZE + 0.4);

  ld_table_set_column (table, 0, LD_COLUMN_MUTED | LD_COLUMN_NOWRAP);
  ld_table_set_zebra (table, FALSE);
  for (guint i = 0; i < n_pairs; i++)
    {
      const char *row[] = { pairs[2 * i], pairs[2 * i + 1] };

      if (row[1] != NULL && *row[1] != '\0')
        ld_table_add_row (table, row, NULL);
    }
  if (ld_table_get_n_rows (table) > 0)
    ld_typeset_table (pdf->ts, table);
  ld_typeset_space (pdf->ts, 5);
}

/* Text exactly as logged, in the monospace face. */
void
_ld_report_pdf_code (LdReportPdf *pdf,
                     const char  *str)
{
  LdBlockStyle style = { .background = &ld_rgb_code_bg, .pad = 4, .leading = 1, .space_after = 5 };

  ld_typeset_paragraph (pdf->ts, str, LD_FACE_MONO, LD_PDF_MONO_SIZE, &style);
}

/* Paragraphs, lists and two-column rows (ld-report-rich.c). */
static void
rich_text (LdReportPdf *pdf,
           const char  *str)
{
  g_autoptr(GPtrArray) blocks = _ld_report_parse_rich (str);
  g_autoptr(LdTable) rows = NULL;

  for (guint i = 0; i <= blocks->len; i++)
    {
      const LdReportBlock *b = i < blocks->len ? blocks->pdata[i] : NULL;
      const LdReportBlock *next = i + 1 < blocks->len ? blocks->pdata[i + 1] : NULL;
      LdBlockStyle style = { .leading = LD_PDF_BODY_SIZE * 0.15, .space_after = 2.5 };
      g_autofree char *marker = NULL;

      if (b != NULL && b->kind == LD_REPORT_BLOCK_ROW)
        {
          const char *cells[] = { b->key, b->text };

          if (rows == NULL)
            {
              rows = ld_table_new (2, LD_PDF_SMALL_SIZE + 0.4);
              ld_table_set_column (rows, 0, LD_COLUMN_MONO);
              ld_table_set_zebra (rows, FALSE);
            }
          ld_table_add_row (rows, cells, NULL);
          continue;
        }
      if (rows != NULL)
        {
          ld_typeset_table (pdf->ts, rows);
          ld_typeset_space (pdf->ts, 4);
          g_clear_pointer (&rows, ld_table_free);
        }
      if (b == NULL)
        break;
      /* What introduces a list or a table stays with its first item. */
      style.keep_with_next = next != NULL && next->kind != LD_REPORT_BLOCK_PARAGRAPH &&
                             b->kind == LD_REPORT_BLOCK_PARAGRAPH;
      switch (b->kind)
        {
        case LD_REPORT_BLOCK_BULLET:
          style.indent = 14;
          style.marker = "•";
          style.space_after = 1.5;
          break;
        case LD_REPORT_BLOCK_NUMBERED:
          marker = g_strdup_printf ("%d.", b->number);
          style.indent = 16;
          style.marker = marker;
          style.space_after = 1.5;
          break;
        case LD_REPORT_BLOCK_INDENTED:
          style.indent = 14;
          break;
        case LD_REPORT_BLOCK_PARAGRAPH:
        case LD_REPORT_BLOCK_ROW:
        default:
          break;
        }
      ld_typeset_paragraph (pdf->ts, b->text, LD_FACE_SANS, LD_PDF_BODY_SIZE, &style);
    }
}

/* ---- page furniture ------------------------------------------------------- */

static void
draw_plain (LdTypeset   *ts,
            const char  *str,
            double       size,
            double       x,
            double       top,
            gboolean     right,
            const LdRgb *color)
{
  g_autoptr(LdText) text = ld_text_new (size);
  LdLine line = { 0, 0, 0, FALSE };

  ld_text_append (text, LD_FACE_SANS, NULL, str);
  line.end = (guint) text->text->len;
  line.width = ld_metrics_text_width (ld_typeset_get_metrics (ts), LD_FACE_SANS, size, text->text->str, -1);
  ld_text_draw_line (text, ld_typeset_get_metrics (ts), ld_typeset_get_cairo (ts), &line,
                     right ? x - line.width : x, top, color);
}

static void
furniture (LdTypeset *ts,
           int        page,
           int        total,
           gpointer   user_data)
{
  LdReportPdf *pdf = user_data;
  cairo_t *cr = ld_typeset_get_cairo (ts);
  double left = ld_typeset_get_left (ts);
  double w = ld_typeset_get_width (ts);
  double bottom = ld_typeset_get_bottom (ts);
  g_autofree char *title = _ld_report_dup_title (pdf->ctx);
  g_autofree char *foot = g_strdup_printf (_("LyncDiag %s · analysed %s"), PACKAGE_VERSION, pdf->ctx->analysed_at);
  g_autofree char *number = g_strdup_printf (_("Page %d of %d"), page, total > 0 ? total : 99);

  if (page > 1)
    {
      draw_plain (ts, title, LD_PDF_SMALL_SIZE, left, 30, FALSE, &ld_rgb_muted);
      cairo_set_source_rgb (cr, ld_rgb_rule.r, ld_rgb_rule.g, ld_rgb_rule.b);
      cairo_rectangle (cr, left, 46, w, 0.6);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, ld_rgb_rule.r, ld_rgb_rule.g, ld_rgb_rule.b);
  cairo_rectangle (cr, left, bottom + 14, w, 0.6);
  cairo_fill (cr);
  draw_plain (ts, foot, LD_PDF_SMALL_SIZE, left, bottom + 20, FALSE, &ld_rgb_muted);
  draw_plain (ts, number, LD_PDF_SMALL_SIZE, left + w, bottom + 20, TRUE, &ld_rgb_muted);
}

/* ---- page 1: the incident ------------------------------------------------- */

static void
draw_verdict (LdReportPdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  gboolean problem = ctx->failed->len > 0 || ctx->n_errors > 0;
  const LdRgb *accent = problem ? &ld_rgb_error : ctx->n_warnings > 0 ? &ld_rgb_warning : &ld_rgb_ok;
  LdRgb tint = { 1 - (1 - accent->r) * 0.08, 1 - (1 - accent->g) * 0.08, 1 - (1 - accent->b) * 0.08 };
  LdBlockStyle style = { .background = &tint, .accent = accent, .pad = 10, .leading = 3, .space_after = 10 };
  LdText *text = ld_text_new (11.5);

  ld_text_append (text, LD_FACE_SANS_BOLD, accent, _("VERDICT"));
  ld_text_append (text, LD_FACE_SANS, NULL, "  ");
  ld_text_append (text, LD_FACE_SANS, NULL, ctx->verdict);
  ld_typeset_text (pdf->ts, text, &style);
}

static char *
dup_symptoms (LdReportContext *ctx)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < MIN (ctx->symptoms->len, 2); i++)
    {
      const LdReportSymptom *sym = ctx->symptoms->pdata[i];
      g_autofree char *time = ld_format_time (sym->time);

      if (s->len > 0)
        g_string_append (s, "\n");
      g_string_append_printf (s, _("“%s” (%s, line %llu)"), sym->text, time, (unsigned long long) sym->line);
      if (sym->count > 1)
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, ", shown %u time", ", shown %u times", sym->count),
                                sym->count);
    }
  if (ctx->symptoms->len > 2)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "\nand %u other message", "\nand %u other messages",
                                            ctx->symptoms->len - 2), ctx->symptoms->len - 2);
  return g_string_free (s, s->len == 0);
}

static char *
dup_logs (LdReportContext *ctx)
{
  GPtrArray *inputs = ld_analysis_get_inputs (ctx->analysis);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < MIN (inputs->len, 3); i++)
    {
      g_autofree char *name = _ld_report_dup_input_name (ctx, i);
      g_autofree char *span = _ld_report_dup_input_span (inputs->pdata[i]);

      g_string_append_printf (s, "%s%s (%s)", s->len ? "\n" : "", name, span);
    }
  if (inputs->len > 3)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "\nand %u more log", "\nand %u more logs", inputs->len - 3),
                            inputs->len - 3);
  return g_string_free (s, FALSE);
}

/* The inputs not analysed, with the reader's reason for each. */
static char *
dup_skipped (LdReportContext *ctx)
{
  guint more = 0;
  g_autoptr(GPtrArray) lines = _ld_report_dup_skipped (ctx, LD_REPORT_MAX_SKIPPED, &more);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (s, "%s%s", s->len ? "\n" : "", (const char *) lines->pdata[i]);
  if (more > 0)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                            "\nand %u more (“lyncdiag-cli analyze --json” lists every one)",
                                            "\nand %u more (“lyncdiag-cli analyze --json” lists every one)", more),
                            more);
  return g_string_free (s, s->len == 0);
}

static void
draw_facts (LdReportPdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  g_autofree char *who = NULL;
  g_autofree char *when = _ld_report_dup_when (ctx);
  g_autofree char *saw = dup_symptoms (ctx);
  g_autofree char *what = _ld_report_dup_what_failed (ctx);
  g_autofree char *logs = dup_logs (ctx);
  g_autofree char *skipped = dup_skipped (ctx);
  GPtrArray *inputs = ld_analysis_get_inputs (ctx->analysis);

  if (ctx->user != NULL && ctx->client != NULL)
    who = g_strdup_printf ("%s — %s", ctx->user, ctx->client);
  else if (ctx->user != NULL || ctx->client != NULL)
    who = g_strdup (ctx->user ? ctx->user : ctx->client);
  else
    who = g_strdup (_("not in the logs"));
  {
    const char *pairs[] = {
      _("User and client"), who,
      _("When"), when,
      _("What they saw"), saw,
      _("What failed"), what,
      _("Logs"), logs,
      _("Not analysed"), skipped,
    };

    _ld_report_pdf_key_values (pdf, pairs, G_N_ELEMENTS (pairs) / 2);
  }
  for (guint i = 0; i < inputs->len; i++)
    {
      const LdInput *in = inputs->pdata[i];

      for (guint p = 0; in->problems != NULL && p < in->problems->len; p++)
        {
          g_autofree char *name = _ld_report_dup_input_name (ctx, i);
          g_autofree char *problem = _ld_report_value (ctx, in->problems->pdata[p]);
          g_autofree char *line = g_strdup_printf ("%s: %s", name, problem);

          _ld_report_pdf_text (pdf, line, LD_PDF_SMALL_SIZE, &ld_rgb_warning, 2);
        }
    }
  /* Redaction seam: the legend is the redactor's words. */
  if (ctx->redactor != NULL)
    {
      g_autofree char *legend = ld_redact_dup_legend ();

      _ld_report_pdf_text (pdf, legend, LD_PDF_SMALL_SIZE, &ld_rgb_muted, 6);
    }
}

static char *
dup_cause_anchor (guint number)
{
  return g_strdup_printf ("cause-%u", number);
}

static void
draw_cause_list (LdReportPdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  const char *header[] = { "#", _("Cause"), _("How sure"), _("Attempts"), _("Page") };
  g_autoptr(LdTable) table = ld_table_new (5, LD_PDF_SMALL_SIZE + 0.4);
  g_autoptr(GString) notes = g_string_new (NULL);
  guint shown = 0, hidden = 0;

  if (ctx->groups->len == 0)
    return;
  ld_table_set_header (table, header);
  ld_table_set_column (table, 0, LD_COLUMN_RIGHT);
  ld_table_set_column (table, 3, LD_COLUMN_RIGHT);
  ld_table_set_column (table, 4, LD_COLUMN_RIGHT);
  for (guint i = 0; i < ctx->groups->len; i++)
    {
      const LdReportGroup *g = ctx->groups->pdata[i];
      g_autofree char *number = g_strdup_printf ("%u", g->number);
      g_autofree char *title = _ld_report_value (ctx, g->top->title);
      g_autofree char *sure = g_strdup_printf ("%s, %s", _ld_report_severity_label (g->top->severity),
                                               _ld_report_confidence_label (g->top->confidence));
      g_autofree char *count = g_strdup_printf ("%u", g->attempts->len);
      g_autofree char *anchor = dup_cause_anchor (g->number);
      g_autofree char *page = g_strdup_printf ("%d", MAX (ld_typeset_lookup_anchor (pdf->ts, anchor), 0));
      const char *cells[] = { number, title, sure, count, page };
      const LdRgb *colors[] = { NULL, NULL, severity_color (g->top->severity), NULL, &ld_rgb_muted };

      if (!_ld_report_group_is_problem (g))
        {
          g_string_append_printf (notes, "%s%u. %s", notes->len ? "; " : "", g->number, title);
          continue;
        }
      if (shown >= PAGE1_CAUSES)
        {
          hidden++;
          continue;
        }
      if (g->ruled_out)
        colors[2] = &ld_rgb_muted;
      ld_table_add_row (table, cells, colors);
      shown++;
    }
  ld_typeset_heading (pdf->ts, 3, _("Likely causes, most likely first"), NULL);
  if (shown > 0)
    ld_typeset_table (pdf->ts, table);
  else
    _ld_report_pdf_text (pdf, _("No cause to act on: the findings are notes."), LD_PDF_BODY_SIZE, NULL, 2);
  if (hidden > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more cause, under “Findings”.",
                                                            "… and %u more causes, under “Findings”.", hidden), hidden);

      _ld_report_pdf_text (pdf, more, LD_PDF_SMALL_SIZE, &ld_rgb_muted, 2);
    }
  if (notes->len > 0)
    {
      g_autofree char *line = g_strdup_printf (_("Also noted: %s."), notes->str);

      ld_typeset_space (pdf->ts, 2);
      _ld_report_pdf_text (pdf, line, LD_PDF_SMALL_SIZE, &ld_rgb_muted, 2);
    }
  ld_typeset_space (pdf->ts, 6);
}

/* One action as a list item: who, what, and how to check it. */
static void
draw_action (LdReportPdf     *pdf,
             guint            number,
             const char      *who,
             const char      *action,
             const char      *check,
             double           indent)
{
  LdText *text = ld_text_new (LD_PDF_BODY_SIZE);
  g_autofree char *marker = g_strdup_printf ("%u.", number);
  LdBlockStyle style = { .indent = indent, .marker = marker, .leading = LD_PDF_BODY_SIZE * 0.15,
                         .space_after = check ? 0.5 : 2.5, .keep_with_next = check != NULL };

  if (who != NULL)
    {
      ld_text_append (text, LD_FACE_SANS_BOLD, NULL, who);
      ld_text_append (text, LD_FACE_SANS_BOLD, NULL, ": ");
    }
  ld_text_append (text, LD_FACE_SANS, NULL, action);
  ld_typeset_text (pdf->ts, text, &style);
  if (check != NULL)
    {
      LdText *c = ld_text_new (LD_PDF_SMALL_SIZE + 0.4);
      LdBlockStyle cs = { .indent = indent, .leading = 1.5, .space_after = 3, .color = &ld_rgb_muted };

      ld_text_append (c, LD_FACE_SANS_BOLD, NULL, _("Check: "));
      ld_text_append (c, LD_FACE_SANS, NULL, check);
      ld_typeset_text (pdf->ts, c, &cs);
    }
}

static void
draw_first_actions (LdReportPdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;

  if (ctx->do_first->len == 0)
    return;
  ld_typeset_heading (pdf->ts, 3, _("Do first"), "do-first");
  for (guint i = 0; i < ctx->do_first->len; i++)
    {
      const LdReportGroup *g = ctx->do_first->pdata[i];
      g_autofree char *action = _ld_report_value (ctx, g->top->actions->pdata[0]);
      g_autofree char *check = _ld_report_dup_check (g->top, g->example);

      draw_action (pdf, i + 1, _ld_report_role_label (_ld_report_role_for (g->top, g->top->actions->pdata[0])), action, check, 16);
    }
  ld_typeset_space (pdf->ts, 6);
}

/* @rows: the attempts to list, in order. */
static void
draw_failure_table (LdReportPdf *pdf,
                    GPtrArray   *rows)
{
  LdReportContext *ctx = pdf->ctx;
  const char *header[] = { "#", _("Started"), _("What"), _("Other party"), _("Outcome"), _("Code"),
                           _("ICEWarn"), _("Cause") };
  g_autoptr(LdTable) table = ld_table_new (8, LD_PDF_SMALL_SIZE - 0.4);

  ld_table_set_header (table, header);
  /* One line a failure: only what and who may wrap. */
  ld_table_set_column (table, 0, LD_COLUMN_RIGHT | LD_COLUMN_NOWRAP);
  ld_table_set_column (table, 1, LD_COLUMN_NOWRAP);
  for (guint c = 4; c < 8; c++)
    ld_table_set_column (table, c, LD_COLUMN_NOWRAP);
  for (guint i = 0; i < rows->len; i++)
    {
      const LdAttempt *a = rows->pdata[i];
      g_autofree char *id = g_strdup_printf ("%u", a->id);
      g_autofree char *time = ld_format_time (a->start);
      g_autofree char *what = _ld_report_dup_what (a);
      g_autofree char *party = _ld_report_value (ctx, a->remote_party ? a->remote_party : a->target);
      g_autofree char *address = ld_sip_uri_dup_address (party);
      g_autofree char *code = _ld_report_dup_attempt_code (a);
      g_autofree char *ice = _ld_report_dup_ice_warn (a);
      g_autofree char *causes = _ld_report_dup_causes_cell (ctx, a);
      g_autofree char *status = NULL;
      const char *cells[8];
      const LdRgb *colors[8] = { NULL, NULL, NULL, NULL, outcome_color (a->outcome), &ld_rgb_error, NULL, NULL };

      if (*code == '\0' && a->status > 0)
        status = g_strdup_printf ("SIP %d", a->status);
      cells[0] = id;
      cells[1] = time;
      cells[2] = what;
      cells[3] = address ? address : party;
      cells[4] = _ld_report_outcome_label (a->outcome);
      cells[5] = *code ? code : status ? status : "—";
      cells[6] = *ice ? ice : "—";
      cells[7] = *causes ? causes : "—";
      ld_table_add_row (table, cells, colors);
    }
  ld_typeset_table (pdf->ts, table);
}

static int
compare_attempts (gconstpointer a,
                  gconstpointer b)
{
  const LdAttempt *x = *(const LdAttempt * const *) a;
  const LdAttempt *y = *(const LdAttempt * const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

/* Page 1 lists the examples of the causes first: the failures a reader
 * will look for, not the first ones in time. */
static void
draw_glance (LdReportPdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GHashTable) in = g_hash_table_new (NULL, NULL);

  /* One failure is told by "What failed" and decoded as the example. */
  if (ctx->failed->len <= 1 && ctx->groups->len > 0)
    return;
  if (ctx->failed->len == 0)
    return;
  for (guint i = 0; i < ctx->groups->len && rows->len < GLANCE_ROWS; i++)
    {
      const LdReportGroup *g = ctx->groups->pdata[i];

      if (g->example != NULL && _ld_report_attempt_failed (g->example) &&
          g_hash_table_add (in, (gpointer) g->example))
        g_ptr_array_add (rows, (gpointer) g->example);
    }
  for (guint i = 0; i < ctx->failed->len && rows->len < GLANCE_ROWS; i++)
    if (g_hash_table_add (in, ctx->failed->pdata[i]))
      g_ptr_array_add (rows, ctx->failed->pdata[i]);
  g_ptr_array_sort (rows, compare_attempts);
  ld_typeset_heading (pdf->ts, 3, ctx->failed->len > rows->len ? _("Failures at a glance: an example of each cause")
                                                               : _("Failures at a glance"), NULL);
  draw_failure_table (pdf, rows);
  if (ctx->failed->len > rows->len)
    {
      g_autofree char *page = _ld_report_pdf_dup_page_ref (pdf, "failures");
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "… and %u more, under “All failures” (%s).",
                                                            "… and %u more, under “All failures” (%s).",
                                                            ctx->failed->len - rows->len),
                                               ctx->failed->len - rows->len, page);
      LdBlockStyle style = { .space_before = 2, .color = &ld_rgb_muted, .link = "failures" };

      ld_typeset_paragraph (pdf->ts, more, LD_FACE_SANS, LD_PDF_SMALL_SIZE, &style);
    }
  ld_typeset_space (pdf->ts, 6);
}

static void
draw_incident (LdReportPdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  g_autofree char *title = _ld_report_dup_title (ctx);
  g_autofree char *sub = g_strdup_printf (_("Analysed on %s with LyncDiag %s"), ctx->analysed_at, PACKAGE_VERSION);
  LdBlockStyle title_style = { .space_after = 2 };

  ld_typeset_set_y (pdf->ts, ld_typeset_get_y (pdf->ts) - 12);
  ld_typeset_paragraph (pdf->ts, title, LD_FACE_SANS_BOLD, 16, &title_style);
  _ld_report_pdf_text (pdf, sub, LD_PDF_SMALL_SIZE + 0.4, &ld_rgb_muted, 10);
  draw_verdict (pdf);
  draw_facts (pdf);
  draw_cause_list (pdf);
  draw_first_actions (pdf);
  draw_glance (pdf);
}

/* ---- the causes ------------------------------------------------------------ */

static void
draw_cause (LdReportPdf         *pdf,
            const LdReportGroup *g)
{
  LdReportContext *ctx = pdf->ctx;
  const LdFinding *f = g->top;
  g_autofree char *anchor = dup_cause_anchor (g->number);
  g_autofree char *title = _ld_report_value (ctx, f->title);
  g_autofree char *numbered = g_strdup_printf ("%u. %s", g->number, title);
  g_autofree char *explanation = NULL;
  g_autofree char *attempts = _ld_report_dup_attempt_list (g->attempts, 12);
  g_autofree char *meta_rest = NULL;
  gboolean trimmed = FALSE;
  LdText *meta = ld_text_new (LD_PDF_SMALL_SIZE + 0.4);
  LdBlockStyle meta_style = { .space_after = 5, .color = &ld_rgb_muted, .keep_with_next = TRUE };

  ld_typeset_heading (pdf->ts, 2, numbered, anchor);
  ld_text_append (meta, LD_FACE_SANS_BOLD, severity_color (f->severity), _ld_report_severity_label (f->severity));
  if (g->attempts->len > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attempt: %s", "%u attempts: %s",
                                                             g->attempts->len), g->attempts->len, attempts);

      meta_rest = g_strdup_printf (" · %s · %s · %s", _ld_report_confidence_label (f->confidence), f->id, count);
    }
  else
    meta_rest = g_strdup_printf (" · %s · %s", _ld_report_confidence_label (f->confidence), f->id);
  ld_text_append (meta, LD_FACE_SANS, NULL, meta_rest);
  if (g->ruled_out)
    ld_text_append (meta, LD_FACE_SANS_BOLD, NULL, _(" · ruled out by the troubleshooting steps"));
  if (g->example != NULL && _ld_report_group_for_example (ctx, g) != g && _ld_report_group_for_example (ctx, g) != NULL)
    {
      g_autofree char *example_anchor = _ld_report_pdf_attempt_anchor (g->example->id);
      g_autofree char *page = _ld_report_pdf_dup_page_ref (pdf, example_anchor);
      g_autofree char *where = g_strdup_printf (_(" · example: attempt %u, decoded under finding %u (%s)"),
                                                g->example->id, _ld_report_group_for_example (ctx, g)->number, page);

      ld_text_append (meta, LD_FACE_SANS, NULL, where);
      meta_style.link = example_anchor;
      ld_typeset_text (pdf->ts, meta, &meta_style);
    }
  else
    ld_typeset_text (pdf->ts, meta, &meta_style);

  explanation = _ld_report_dup_explanation (ctx, g, &trimmed);
  if (*explanation != '\0')
    rich_text (pdf, explanation);

  if (f->actions != NULL && f->actions->len > 0 && !g->ruled_out)
    {
      guint first_on_page1 = 0;

      /* The first action is said once: on page 1 when it is there. */
      if (g_ptr_array_find (ctx->do_first, g, &first_on_page1))
        {
          g_autofree char *page = _ld_report_pdf_dup_page_ref (pdf, "do-first");
          LdText *what = ld_text_new (9.5);
          g_autofree char *first = g_strdup_printf (_("first, item %u of “Do first” (%s)"), first_on_page1 + 1, page);
          LdBlockStyle style = { .space_before = 5, .space_after = 1.5, .keep_with_next = TRUE, .link = "do-first" };

          ld_text_append (what, LD_FACE_SANS_BOLD, NULL, _("What to do"));
          ld_text_append (what, LD_FACE_SANS, &ld_rgb_muted, " — ");
          ld_text_append (what, LD_FACE_SANS, &ld_rgb_muted, first);
          ld_typeset_text (pdf->ts, what, &style);
        }
      else
        ld_typeset_heading (pdf->ts, 4, _("What to do"), NULL);
      for (guint a = g_ptr_array_find (ctx->do_first, g, NULL) ? 1 : 0; a < f->actions->len; a++)
        {
          g_autofree char *action = _ld_report_value (ctx, f->actions->pdata[a]);
          g_autofree char *check = a == 0 ? _ld_report_dup_check (f, g->example) : NULL;

          draw_action (pdf, a + 1, a == 0 ? _ld_report_role_label (_ld_report_role_for (f, f->actions->pdata[a])) : NULL,
                       action, check, 16);
        }
      ld_typeset_space (pdf->ts, 3);
    }

  /* Evidence that no attempt decodes: trace lines, a server's words. */
  for (guint e = 0, shown = 0; f->evidence != NULL && e < f->evidence->len && shown < 3; e++)
    {
      const LdEvidence *ev = &g_array_index (f->evidence, LdEvidence, e);
      g_autofree char *name = NULL;
      g_autofree char *where = NULL;
      g_autofree char *excerpt = NULL;
      LdBlockStyle keep = { .space_after = 1, .keep_with_next = TRUE, .color = &ld_rgb_muted };

      if (ev->attempt > 0 || ev->excerpt == NULL)
        continue;
      if (shown++ == 0)
        ld_typeset_heading (pdf->ts, 4, _("Evidence"), NULL);
      name = _ld_report_dup_input_name (ctx, ev->input);
      where = g_strdup_printf (_("%s, line %llu"), name, (unsigned long long) ev->line);
      excerpt = _ld_report_value (ctx, ev->excerpt);
      ld_typeset_paragraph (pdf->ts, where, LD_FACE_SANS, LD_PDF_SMALL_SIZE, &keep);
      _ld_report_pdf_code (pdf, excerpt);
    }

  _ld_report_pdf_example (pdf, g);

  if (g->attempts->len > 1 && ctx->failed->len > GLANCE_ROWS)
    {
      g_autofree char *page = _ld_report_pdf_dup_page_ref (pdf, "failures");
      g_autofree char *line = NULL;

      if (ctx->failed->len > LD_REPORT_MAX_FAILURES_LISTED)
        line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "This cause covers %u attempt; “All failures” (%s) counts them by what failed and its code.",
                                             "This cause covers %u attempts; “All failures” (%s) counts them by what failed and its code.",
                                             g->attempts->len),
                                g->attempts->len, page);
      else
        line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "This cause covers %u attempt; all are listed under “All failures” (%s).",
                                             "This cause covers %u attempts; all are listed under “All failures” (%s).",
                                             g->attempts->len),
                                g->attempts->len, page);
      LdBlockStyle style = { .space_before = 2, .space_after = 4, .color = &ld_rgb_muted, .link = "failures" };

      ld_typeset_paragraph (pdf->ts, line, LD_FACE_SANS, LD_PDF_SMALL_SIZE, &style);
    }
}

static void
draw_causes (LdReportPdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;

  if (ctx->groups->len == 0)
    return;
  ld_typeset_heading (pdf->ts, 1, _("Findings"), "causes");
  for (guint i = 0; i < ctx->groups->len; i++)
    {
      if (cancelled (pdf))
        return;
      draw_cause (pdf, ctx->groups->pdata[i]);
      if (ld_typeset_is_final (pdf->ts))
        _ld_report_progress (ctx, 0.5 + 0.4 * (i + 1) / ctx->groups->len);
    }
}

/* Many failures: the compact table, one row for the failures alike. */
static void
draw_failure_rows (LdReportPdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  g_autoptr(GPtrArray) rows = _ld_report_dup_failure_rows (ctx);
  const char *header[] = { _("Count"), _("What"), _("Outcome"), _("Code"), _("ICEWarn"), _("Cause"),
                           _("First and last"), _("Attempts") };
  g_autoptr(LdTable) table = ld_table_new (8, LD_PDF_SMALL_SIZE - 0.4);

  ld_table_set_header (table, header);
  ld_table_set_column (table, 0, LD_COLUMN_RIGHT | LD_COLUMN_NOWRAP);
  for (guint c = 1; c < 7; c++)
    ld_table_set_column (table, c, LD_COLUMN_NOWRAP);
  for (guint i = 0; i < rows->len; i++)
    {
      const LdReportFailureRow *r = rows->pdata[i];
      g_autofree char *count = g_strdup_printf ("%u", r->ids->len);
      g_autofree char *first = ld_format_time (r->first_time);
      g_autofree char *last = ld_format_time (r->last_time);
      g_autofree char *when = r->ids->len == 1 ? g_strdup (first) : g_strdup_printf ("%s\n%s", first, last);
      g_autofree char *ids = _ld_report_dup_attempt_list (r->ids, 6);
      const char *cells[] = { count, r->what, _ld_report_outcome_label (r->outcome), r->code, r->ice, r->causes,
                              when, ids };
      const LdRgb *colors[] = { NULL, NULL, outcome_color (r->outcome), &ld_rgb_error, NULL, NULL, NULL,
                                &ld_rgb_muted };

      ld_table_add_row (table, cells, colors);
    }
  ld_typeset_table (pdf->ts, table);
}

static void
draw_all_failures (LdReportPdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;

  if (ctx->failed->len <= GLANCE_ROWS)
    return;
  ld_typeset_heading (pdf->ts, 1, _("All failures"), "failures");
  if (ctx->failed->len > LD_REPORT_MAX_FAILURES_LISTED)
    {
      g_autofree char *intro = g_strdup_printf (_("The %u attempts that failed or got no answer, one row for those "
                                                  "alike in what failed, the outcome, the code, ICEWarn and the "
                                                  "cause; “Cause” refers to the numbered findings, times are when "
                                                  "the first and the last of them started (the INVITE, or the "
                                                  "request that opened it). The CSV and JSON exports, and the "
                                                  "Markdown written with --full, list every one."),
                                                ctx->failed->len);

      _ld_report_pdf_text (pdf, intro, LD_PDF_SMALL_SIZE + 0.4, &ld_rgb_muted, 4);
      draw_failure_rows (pdf);
      return;
    }
  _ld_report_pdf_text (pdf, _("Every attempt that failed or got no answer, in the order they started (the time of "
                              "the INVITE, or of the request that opened it); “Cause” refers to the numbered "
                              "findings. The CSV and JSON exports hold every attempt."),
                       LD_PDF_SMALL_SIZE + 0.4, &ld_rgb_muted, 4);
  draw_failure_table (pdf, ctx->failed);
}

/* ---- attempts and timeline -------------------------------------------------- */

typedef struct
{
  LdTimeline *timeline;
  double      height;
} TimelineDraw;

static void
paint_timeline (cairo_t *cr,
                gpointer data)
{
  TimelineDraw *td = data;

  ld_timeline_draw (td->timeline, cr, LD_PDF_PICTURE_WIDTH, td->height, FALSE);
}

/* The caption over the timeline, with its colours. */
static void
draw_timeline_caption (LdReportPdf *pdf)
{
  static const LdOutcome outcomes[] = {
    LD_OUTCOME_SUCCEEDED, LD_OUTCOME_FAILED, LD_OUTCOME_NO_RESPONSE, LD_OUTCOME_CANCELLED,
  };
  /* The timeline's colours (GNOME palette). */
  static const LdRgb swatch[] = {
    { 0.15, 0.64, 0.41 }, { 0.88, 0.11, 0.14 }, { 0.90, 0.65, 0.04 }, { 0.60, 0.60, 0.59 },
  };
  LdText *text = ld_text_new (LD_PDF_SMALL_SIZE);
  LdBlockStyle style = { .space_after = 4, .color = &ld_rgb_muted, .leading = 1.5, .keep_with_next = TRUE };

  ld_text_append (text, LD_FACE_SANS, NULL, _("Each bar is one attempt, from its opening request (a call's INVITE) to "
                                              "its end, in the lane of its kind; hatched bands are quiet stretches left "
                                              "out, each listed with its length under the picture."));
  ld_text_append (text, LD_FACE_SANS, NULL, "\n");
  for (gsize i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      ld_text_append (text, LD_FACE_SANS, &swatch[i], "■ ");
      ld_text_append (text, LD_FACE_SANS, NULL, _ld_report_outcome_label (outcomes[i]));
      ld_text_append (text, LD_FACE_SANS, NULL, "    ");
    }
  ld_typeset_text (pdf->ts, text, &style);
}

static void
draw_attempts (LdReportPdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  GPtrArray *attempts = ld_analysis_get_attempts (ctx->analysis);
  const char *header[] = { _("What"), _("Attempts"), _("Succeeded"), _("Failed"), _("No answer"), _("Cancelled") };
  g_autoptr(LdTable) table = ld_table_new (6, LD_PDF_SMALL_SIZE);
  g_autoptr(LdTimeline) timeline = NULL;
  TimelineDraw td;
  double scale = ld_typeset_get_width (pdf->ts) / LD_PDF_PICTURE_WIDTH;
  guint totals[4] = { 0 };
  g_autofree char *sentence = NULL;

  /* A log of two or three attempts needs no table and no timeline: they
   * are counted in a sentence. */
  if (attempts->len > 0 && attempts->len < 4)
    {
      g_autoptr(GString) kinds = g_string_new (NULL);

      ld_typeset_heading (pdf->ts, 2, _("Attempts"), "attempts");
      for (guint i = 0; i < ctx->tallies->len; i++)
        {
          const LdReportTally *t = &g_array_index (ctx->tallies, LdReportTally, i);
          g_autofree char *what = _ld_report_dup_tally_label (t);

          for (guint o = 0; o < 4; o++)
            if (t->outcomes[o] > 0)
              g_string_append_printf (kinds, "%s%s %s (%u)", kinds->len ? "; " : "", what,
                                      _ld_report_outcome_label (o), t->outcomes[o]);
        }
      sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attempt: %s. The CSV and JSON exports hold it.",
                                               "%u attempts: %s. The CSV and JSON exports hold every one.",
                                               attempts->len), attempts->len, kinds->str);
      _ld_report_pdf_text (pdf, sentence, LD_PDF_BODY_SIZE, NULL, 6);
      return;
    }
  ld_typeset_heading (pdf->ts, 1, _("Attempts and timeline"), "attempts");
  if (attempts->len == 0)
    {
      _ld_report_pdf_text (pdf, _("The logs hold no call or conference join."), LD_PDF_BODY_SIZE, NULL, 6);
      return;
    }
  for (guint i = 0; i < ctx->tallies->len; i++)
    for (guint o = 0; o < 4; o++)
      totals[o] += g_array_index (ctx->tallies, LdReportTally, i).outcomes[o];
  sentence = g_strdup_printf (_("%u attempts: %u succeeded, %u failed, %u got no answer, %u were cancelled. "
                                "Attempts that worked are counted here, not listed; the CSV and JSON exports hold "
                                "every attempt."),
                              attempts->len, totals[LD_OUTCOME_SUCCEEDED], totals[LD_OUTCOME_FAILED],
                              totals[LD_OUTCOME_NO_RESPONSE], totals[LD_OUTCOME_CANCELLED]);
  _ld_report_pdf_text (pdf, sentence, LD_PDF_BODY_SIZE, NULL, 4);

  ld_table_set_header (table, header);
  for (guint c = 1; c < 6; c++)
    ld_table_set_column (table, c, LD_COLUMN_RIGHT);
  ld_table_set_full_width (table, FALSE);
  for (guint i = 0; i < ctx->tallies->len; i++)
    {
      const LdReportTally *t = &g_array_index (ctx->tallies, LdReportTally, i);
      g_autofree char *what = _ld_report_dup_tally_label (t);
      g_autofree char *n = g_strdup_printf ("%u", t->total);
      g_autofree char *ok = g_strdup_printf ("%u", t->outcomes[LD_OUTCOME_SUCCEEDED]);
      g_autofree char *failed = g_strdup_printf ("%u", t->outcomes[LD_OUTCOME_FAILED]);
      g_autofree char *none = g_strdup_printf ("%u", t->outcomes[LD_OUTCOME_NO_RESPONSE]);
      g_autofree char *cancel = g_strdup_printf ("%u", t->outcomes[LD_OUTCOME_CANCELLED]);
      const char *cells[] = { what, n, ok, failed, none, cancel };
      const LdRgb *colors[] = { NULL, NULL, NULL, t->outcomes[LD_OUTCOME_FAILED] ? &ld_rgb_error : NULL,
                                t->outcomes[LD_OUTCOME_NO_RESPONSE] ? &ld_rgb_warning : NULL, NULL };

      ld_table_add_row (table, cells, colors);
    }
  ld_typeset_table (pdf->ts, table);
  ld_typeset_space (pdf->ts, 8);
  timeline = ld_timeline_new (ctx->analysis);
  ld_timeline_set_font_family (timeline, LD_REPORT_SANS);
  /* A page cannot be zoomed: the longest quiet stretches are left out,
   * few enough that each carries its length, and only lanes in use. */
  ld_timeline_set_max_gaps (timeline, 6);
  ld_timeline_set_used_lanes_only (timeline, TRUE);
  td.timeline = timeline;
  td.height = ld_timeline_get_height (timeline, 20);
  draw_timeline_caption (pdf);
  ld_typeset_picture (pdf->ts, LD_PDF_PICTURE_WIDTH, td.height, scale, paint_timeline, &td);
  {
    g_autofree char *gaps = ld_timeline_dup_gaps_text (timeline);

    /* Where a band is too narrow for its length, the words say it. */
    if (gaps != NULL)
      {
        g_autofree char *line = g_strdup_printf (_("Left out (hatched): %s."), gaps);

        ld_typeset_space (pdf->ts, 3);
        _ld_report_pdf_text (pdf, line, LD_PDF_SMALL_SIZE, &ld_rgb_muted, 2);
      }
  }
  ld_typeset_space (pdf->ts, 8);
}

/* ---- the troubleshooting steps ------------------------------------------------ */

static const char *
answer_source (const LdReportStep *s)
{
  return _ld_report_answer_label (s->source);
}

static void
draw_wizard (LdReportPdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  const char *header[] = { _("Step"), _("Answer"), _("From") };
  g_autoptr(LdTable) steps = ld_table_new (3, LD_PDF_SMALL_SIZE + 0.2);
  guint open = 0;

  if (ctx->steps->len == 0 && ctx->causes->len == 0)
    return;
  ld_typeset_heading (pdf->ts, 1, _("Troubleshooting steps"), "wizard");
  _ld_report_pdf_text (pdf, _("Microsoft's steps for this symptom, answered from the logs where they could be, "
                              "and by the person who ran LyncDiag."),
                       LD_PDF_SMALL_SIZE + 0.4, &ld_rgb_muted, 4);
  ld_table_set_header (steps, header);
  for (guint i = 0; i < ctx->steps->len; i++)
    {
      const LdReportStep *s = ctx->steps->pdata[i];
      g_autofree char *title = _ld_report_value (ctx, s->title);
      g_autofree char *given = s->answer ? _ld_report_value (ctx, s->answer) : g_strdup ("—");
      g_autofree char *measured = s->measured ? _ld_report_value (ctx, s->measured) : NULL;
      /* What the network check measured stands beside the answer, with where and when. */
      g_autofree char *answer = measured ? g_strdup_printf ("%s\n%s", given, measured) : g_strdup (given);
      const char *cells[] = { title, answer, answer_source (s) };
      const LdRgb *colors[] = { NULL, NULL, s->source == LD_REPORT_ANSWER_UNANSWERED ? &ld_rgb_warning
                                                                                     : &ld_rgb_muted };

      if (s->source == LD_REPORT_ANSWER_UNANSWERED)
        open++;
      ld_table_add_row (steps, cells, colors);
    }
  if (ctx->steps->len > 0)
    ld_typeset_table (pdf->ts, steps);
  ld_typeset_space (pdf->ts, 6);

  if (open > 0)
    {
      ld_typeset_heading (pdf->ts, 3, _("Still open: what to do to answer them"), NULL);
      for (guint i = 0; i < ctx->steps->len; i++)
        {
          const LdReportStep *s = ctx->steps->pdata[i];
          g_autofree char *title = NULL;
          g_autofree char *question = NULL;
          g_autofree char *text = NULL;

          if (s->source != LD_REPORT_ANSWER_UNANSWERED)
            continue;
          title = _ld_report_value (ctx, s->title);
          ld_typeset_heading (pdf->ts, 4, title, NULL);
          if (s->question != NULL)
            {
              question = _ld_report_value (ctx, s->question);
              _ld_report_pdf_text (pdf, question, LD_PDF_BODY_SIZE, &ld_rgb_muted, 2);
            }
          if (s->text != NULL)
            {
              text = _ld_report_prose (ctx, s->text);
              rich_text (pdf, text);
            }
        }
    }

  if (ctx->causes->len > 0)
    {
      const char *cheader[] = { _("Cause in the article"), _("Verdict"), _("Why") };
      g_autoptr(LdTable) causes = ld_table_new (3, LD_PDF_SMALL_SIZE + 0.2);

      ld_typeset_heading (pdf->ts, 3, _("The article's causes"), NULL);
      ld_table_set_header (causes, cheader);
      for (guint i = 0; i < ctx->causes->len; i++)
        {
          const LdReportCause *c = ctx->causes->pdata[i];
          g_autofree char *title = _ld_report_value (ctx, c->title);
          g_autofree char *why = _ld_report_dup_cause_why (ctx, c);
          const char *cells[] = { title, _ld_report_cause_label (c->status), why };
          const LdRgb *colors[] = { NULL, c->status == LD_REPORT_CAUSE_SUPPORTED ? &ld_rgb_error :
                                          c->status == LD_REPORT_CAUSE_CONTRADICTED ? &ld_rgb_ok : &ld_rgb_muted,
                                    NULL };

          ld_table_add_row (causes, cells, colors);
        }
      ld_typeset_table (pdf->ts, causes);
      ld_typeset_space (pdf->ts, 3);
  _ld_report_pdf_text (pdf, _("What to do for a supported cause is under “Findings”."), LD_PDF_SMALL_SIZE,
                           &ld_rgb_muted, 4);
    }
}

/* ---- about --------------------------------------------------------------------- */

static void
draw_about (LdReportPdf *pdf)
{
  g_autofree char *about = _ld_report_dup_about ();
  LdBlockStyle style = { .space_before = 6, .color = &ld_rgb_muted, .leading = 1 };
  g_autoptr(LdText) text = ld_text_new (LD_PDF_SMALL_SIZE - 0.5);

  /* A closing note, not worth a page of its own. */
  ld_text_append (text, LD_FACE_SANS, NULL, about);
  ld_typeset_flush (pdf->ts);
  if (ld_typeset_measure (pdf->ts, text, &style) + 10 > ld_typeset_get_space_left (pdf->ts))
    return;
  ld_typeset_space (pdf->ts, 8);
  ld_typeset_rule (pdf->ts, &ld_rgb_rule, 0.5);
  ld_typeset_text (pdf->ts, g_steal_pointer (&text), &style);
}

/* ---- passes ---------------------------------------------------------------------- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  if (closure != NULL)
    g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
render_pass (LdReportPdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;

  draw_incident (pdf);
  if (cancelled (pdf))
    return;
  draw_causes (pdf);
  if (cancelled (pdf))
    return;
  draw_all_failures (pdf);
  draw_attempts (pdf);
  draw_wizard (pdf);
  if (ctx->groups->len > 0 || ctx->steps->len > 0)
    draw_about (pdf);
  ld_typeset_finish (pdf->ts);
}

static void
paper_size (LdReportContext *ctx,
            double          *w,
            double          *h)
{
  if (ctx->options->paper == LD_REPORT_PAPER_LETTER)
    {
      *w = 612.0;
      *h = 792.0;
    }
  else
    {
      /* 210 x 297 mm in points, as pdfinfo names it "A4". */
      *w = 595.276;
      *h = 841.89;
    }
}

static PangoContext *
new_context (double dpi)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *fo = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, dpi);
  /* Hinted metrics would make line breaks depend on a screen grid. */
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, fo);
  cairo_font_options_destroy (fo);
  return context;
}

/* Runs one pass; returns its anchors and page count. */
static GHashTable *
run_pass (LdReportContext *ctx,
          LdMetrics       *text,
          LdMetrics       *diagrams,
          GByteArray      *sink,
          GHashTable      *known,
          int              known_pages,
          int             *out_pages,
          cairo_status_t  *out_status)
{
  double w, h;
  cairo_surface_t *surface;
  LdReportPdf pdf = { ctx, NULL, diagrams };
  GHashTable *anchors;

  paper_size (ctx, &w, &h);
  /* A pass that only finds the pages draws nowhere: the layout depends on
   * the metrics, not on the surface. */
  if (sink == NULL)
    surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  else
    {
      surface = cairo_pdf_surface_create_for_stream (append_bytes, sink, w, h);
      cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
    }
  if (sink != NULL)
    {
      g_autofree char *title = _ld_report_dup_title (ctx);
      g_autofree char *creator = g_strdup_printf ("LyncDiag %s", PACKAGE_VERSION);
      g_autoptr(GDateTime) now = ctx->options->analysed_at ? g_date_time_ref (ctx->options->analysed_at)
                                                           : g_date_time_new_now_local ();
      g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, ctx->verdict);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    }
  pdf.ts = ld_typeset_new (surface, text, w, h, 50.0, 50.0, 58.0, 50.0);
  ld_typeset_set_furniture (pdf.ts, furniture, &pdf);
  ld_typeset_set_known (pdf.ts, known, known_pages);
  ld_typeset_set_final (pdf.ts, sink != NULL);
  render_pass (&pdf);
  *out_pages = ld_typeset_get_page (pdf.ts);
  anchors = g_hash_table_ref (ld_typeset_get_anchors (pdf.ts));
  ld_typeset_free (pdf.ts);
  cairo_surface_finish (surface);
  *out_status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return anchors;
}

/* Same anchors on the same pages. */
static gboolean
same_pages (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const int *other = g_hash_table_lookup (b, key);

      /* The first member of an anchor's record is its page. */
      if (other == NULL || *other != *(const int *) value)
        return FALSE;
    }
  return TRUE;
}

GBytes *
_ld_report_render_pdf (LdReportContext *ctx,
                       GError         **error)
{
  PangoContext *text_context = new_context (72.0);
  PangoContext *diagram_context = new_context (96.0);
  LdMetrics *text = ld_metrics_new (text_context, LD_REPORT_SANS, LD_REPORT_MONO);
  LdMetrics *diagrams = ld_metrics_new (diagram_context, LD_REPORT_SANS, LD_REPORT_MONO);
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  int pages = 0;

  /* A first pass finds the pages; the final pass writes with their
   * numbers, and is run once more if the numbers moved anything. */
  known = run_pass (ctx, text, diagrams, NULL, NULL, 0, &pages, &status);
  _ld_report_progress (ctx, 0.5);
  for (int attempt = 0; attempt < 2 && !g_cancellable_is_cancelled (ctx->cancellable); attempt++)
    {
      g_autoptr(GHashTable) found = NULL;
      int found_pages = 0;

      g_clear_pointer (&bytes, g_byte_array_unref);
      bytes = g_byte_array_new ();
      found = run_pass (ctx, text, diagrams, bytes, known, pages, &found_pages, &status);
      if (found_pages == pages && same_pages (found, known))
        break;
      g_clear_pointer (&known, g_hash_table_unref);
      known = g_steal_pointer (&found);
      pages = found_pages;
    }
  ld_metrics_free (text);
  ld_metrics_free (diagrams);
  g_object_unref (text_context);
  g_object_unref (diagram_context);

  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE, _("Cannot draw the PDF report: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
