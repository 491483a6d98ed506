/* ld-report.c - an analysis as a report for someone without LyncDiag: PDF, Markdown, CSV, JSON
 *
 * The report is what a network team or Microsoft support reads; this file
 * holds its options, the verdict and where it goes. ld-report-model.c
 * decides what it says (the causes in rank, their examples, the incident),
 * the writers (ld-report-pdf*.c, ld-report-markdown.c, ld-report-csv.c)
 * how it looks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-atomic-file.h"
#include "ld-error.h"
#include "ld-format.h"
#include "ld-input.h"
#include "ld-report-private.h"
#include "ld-wizard.h"

/**
 * ld_report_options_init:
 * @options: options to reset
 *
 * PDF on A4, not redacted, no wizard.
 */
void
ld_report_options_init (LdReportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->format = LD_REPORT_FORMAT_AUTO;
  options->paper = LD_REPORT_PAPER_A4;
}

/**
 * ld_report_format_from_path:
 * @path: an output file name
 *
 * Returns: the format its extension names, or %LD_REPORT_FORMAT_AUTO.
 */
LdReportFormat
ld_report_format_from_path (const char *path)
{
  const char *dot;

  if (path == NULL)
    return LD_REPORT_FORMAT_AUTO;
  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, '/') != NULL)
    return LD_REPORT_FORMAT_AUTO;
  dot++;
  if (g_ascii_strcasecmp (dot, "pdf") == 0)
    return LD_REPORT_FORMAT_PDF;
  if (g_ascii_strcasecmp (dot, "md") == 0 || g_ascii_strcasecmp (dot, "markdown") == 0 ||
      g_ascii_strcasecmp (dot, "txt") == 0)
    return LD_REPORT_FORMAT_MARKDOWN;
  if (g_ascii_strcasecmp (dot, "csv") == 0)
    return LD_REPORT_FORMAT_CSV;
  if (g_ascii_strcasecmp (dot, "json") == 0)
    return LD_REPORT_FORMAT_JSON;
  return LD_REPORT_FORMAT_AUTO;
}

/**
 * ld_report_format_from_string:
 * @name: "pdf", "md" (or "markdown"), "csv" or "json", any case
 * @out_format: (out): the format
 *
 * Returns: %FALSE for a name that is none of these.
 */
gboolean
ld_report_format_from_string (const char     *name,
                              LdReportFormat *out_format)
{
  static const struct { const char *name; LdReportFormat format; } names[] = {
    { "pdf", LD_REPORT_FORMAT_PDF },
    { "md", LD_REPORT_FORMAT_MARKDOWN },
    { "markdown", LD_REPORT_FORMAT_MARKDOWN },
    { "csv", LD_REPORT_FORMAT_CSV },
    { "json", LD_REPORT_FORMAT_JSON },
  };

  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i].name) == 0)
      {
        *out_format = names[i].format;
        return TRUE;
      }
  return FALSE;
}

/**
 * ld_report_format_to_string:
 *
 * Returns: the name --format takes ("pdf", "md", "csv", "json"), or "auto".
 */
const char *
ld_report_format_to_string (LdReportFormat format)
{
  switch (format)
    {
    case LD_REPORT_FORMAT_PDF: return "pdf";
    case LD_REPORT_FORMAT_MARKDOWN: return "md";
    case LD_REPORT_FORMAT_CSV: return "csv";
    case LD_REPORT_FORMAT_JSON: return "json";
    case LD_REPORT_FORMAT_AUTO:
    default: return "auto";
    }
}

/**
 * ld_report_format_get_extension:
 *
 * Returns: the file extension without the dot; "pdf" for %LD_REPORT_FORMAT_AUTO.
 */
const char *
ld_report_format_get_extension (LdReportFormat format)
{
  return format == LD_REPORT_FORMAT_AUTO ? "pdf" : ld_report_format_to_string (format);
}

/**
 * ld_report_paper_from_string:
 * @name: "a4" or "letter", any case
 * @out_paper: (out): the paper
 *
 * Returns: %FALSE for any other name.
 */
gboolean
ld_report_paper_from_string (const char    *name,
                             LdReportPaper *out_paper)
{
  if (name != NULL && g_ascii_strcasecmp (name, "a4") == 0)
    *out_paper = LD_REPORT_PAPER_A4;
  else if (name != NULL && g_ascii_strcasecmp (name, "letter") == 0)
    *out_paper = LD_REPORT_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/**
 * ld_report_step_free:
 * @step: (nullable) (transfer full): a step made by a #LdReportWizardFunc
 */
void
ld_report_step_free (LdReportStep *step)
{
  if (step == NULL)
    return;
  g_free (step->id);
  g_free (step->title);
  g_free (step->question);
  g_free (step->answer);
  g_free (step->evidence);
  g_free (step->text);
  g_free (step->measured);
  g_free (step);
}

/**
 * ld_report_cause_free:
 * @cause: (nullable) (transfer full): a cause made by a #LdReportWizardFunc
 */
void
ld_report_cause_free (LdReportCause *cause)
{
  if (cause == NULL)
    return;
  g_free (cause->title);
  g_free (cause->text);
  g_free (cause->id);
  g_free (cause->reason);
  g_free (cause);
}

/**
 * ld_report_collect_wizard:
 * @wizard: (type LdWizard): the wizard the user went through
 * @steps: (element-type LdReportStep): filled with the steps the answers lead through
 * @causes: (element-type LdReportCause): filled with the conclusion's causes
 *
 * A #LdReportWizardFunc for #LdWizard: set options->wizard to the wizard
 * and options->wizard_func to this. It copies, so a caller on another
 * thread can run it first and hand the copies over.
 */
void
ld_report_collect_wizard (gpointer   wizard,
                          GPtrArray *steps,
                          GPtrArray *causes)
{
  LdWizard *self = wizard;
  g_autoptr(GPtrArray) visible = NULL;
  const LdWizardConclusion *conclusion;
  LdAnalysis *analysis;

  g_return_if_fail (LD_IS_WIZARD (self));

  analysis = ld_wizard_get_analysis (self);
  visible = ld_wizard_dup_visible_steps (self);
  for (guint i = 0; i < visible->len; i++)
    {
      const LdWizardStep *ws = visible->pdata[i];
      LdReportStep *step = g_new0 (LdReportStep, 1);

      step->id = g_strdup (ws->id);
      step->title = ws->number ? g_strdup_printf ("%s. %s", ws->number, ws->title) : g_strdup (ws->title);
      step->question = g_strdup (ws->question);
      step->answer = g_strdup (ws->answer_label ? ws->answer_label : ws->answer);
      step->source = ws->source == LD_WIZARD_SOURCE_LOG ? LD_REPORT_ANSWER_FROM_LOG :
                     ws->source == LD_WIZARD_SOURCE_USER ? LD_REPORT_ANSWER_FROM_USER :
                     LD_REPORT_ANSWER_UNANSWERED;
      if (ws->evidence != NULL && ws->evidence->len > 0)
        {
          GString *ev = g_string_new (NULL);

          for (guint e = 0; e < ws->evidence->len; e++)
            {
              const LdEvidence *evidence = &g_array_index (ws->evidence, LdEvidence, e);
              g_autofree char *where = ld_evidence_dup_location (analysis, evidence);

              g_string_append_printf (ev, "%s%s", ev->len ? "\n" : "", where);
              if (evidence->excerpt != NULL)
                g_string_append_printf (ev, "  %s", evidence->excerpt);
            }
          step->evidence = g_string_free (ev, FALSE);
        }
      step->text = g_strdup (ws->text);
      /* The network check is evidence beside the question, never a user's answer. */
      step->measured = g_strdup (ws->measured);
      g_ptr_array_add (steps, step);
    }

  conclusion = ld_wizard_get_conclusion (self);
  for (guint i = 0; conclusion != NULL && conclusion->causes != NULL && i < conclusion->causes->len; i++)
    {
      const LdWizardCause *wc = conclusion->causes->pdata[i];
      LdReportCause *cause = g_new0 (LdReportCause, 1);
      GString *text = g_string_new (wc->reason);

      cause->title = g_strdup (wc->title);
      cause->id = g_strdup (wc->id);
      cause->reason = g_strdup (wc->reason);
      cause->status = wc->status == LD_CAUSE_SUPPORTED ? LD_REPORT_CAUSE_SUPPORTED :
                      wc->status == LD_CAUSE_CONTRADICTED ? LD_REPORT_CAUSE_CONTRADICTED :
                      LD_REPORT_CAUSE_UNKNOWN;
      for (guint a = 0; wc->actions != NULL && a < wc->actions->len; a++)
        g_string_append_printf (text, "%s%s", text->len ? " " : "", (const char *) wc->actions->pdata[a]);
      cause->text = text->len ? g_string_free (text, FALSE) : (g_string_free (text, TRUE), NULL);
      g_ptr_array_add (causes, cause);
    }
}

/**
 * ld_report_dup_wizard_answers:
 * @wizard: (type LdWizard): the wizard the user went through
 *
 * What the user answered, as `--answer` takes it ("plan=dedicated"), for
 * LdReportOptions.wizard_answers: a redacted report builds its steps from
 * a wizard over the redacted analysis and these answers. Call it where
 * the wizard lives (the main thread of the app).
 *
 * Returns: (transfer full) (array zero-terminated=1): the answers.
 */
char **
ld_report_dup_wizard_answers (gpointer wizard)
{
  GPtrArray *steps;
  GPtrArray *answers = g_ptr_array_new ();

  g_return_val_if_fail (LD_IS_WIZARD (wizard), NULL);

  steps = ld_wizard_get_steps (wizard);
  for (guint i = 0; i < steps->len; i++)
    {
      const LdWizardStep *step = steps->pdata[i];

      if (step->source == LD_WIZARD_SOURCE_USER && step->answer != NULL)
        g_ptr_array_add (answers, g_strdup_printf ("%s=%s", step->id, step->answer));
    }
  g_ptr_array_add (answers, NULL);
  return (char **) g_ptr_array_free (answers, FALSE);
}

/* Labels shared by every format, translated once here. */
const char *
_ld_report_severity_label (LdSeverity severity)
{
  switch (severity)
    {
    case LD_SEVERITY_ERROR: return _("Error");
    case LD_SEVERITY_WARNING: return _("Warning");
    case LD_SEVERITY_INFO:
    default: return _("Information");
    }
}

const char *
_ld_report_confidence_label (LdConfidence confidence)
{
  switch (confidence)
    {
    case LD_CONFIDENCE_HIGH: return _("high confidence");
    case LD_CONFIDENCE_MEDIUM: return _("medium confidence");
    case LD_CONFIDENCE_LOW:
    default: return _("low confidence");
    }
}

const char *
_ld_report_outcome_label (LdOutcome outcome)
{
  switch (outcome)
    {
    case LD_OUTCOME_SUCCEEDED: return _("succeeded");
    case LD_OUTCOME_FAILED: return _("failed");
    case LD_OUTCOME_CANCELLED: return _("cancelled");
    case LD_OUTCOME_NO_RESPONSE:
    default: return _("no response");
    }
}

const char *
_ld_report_answer_label (LdReportAnswerSource source)
{
  switch (source)
    {
    case LD_REPORT_ANSWER_FROM_LOG: return _("answered from the log");
    case LD_REPORT_ANSWER_FROM_USER: return _("answered by the user");
    case LD_REPORT_ANSWER_UNANSWERED:
    default: return _("not answered");
    }
}

const char *
_ld_report_cause_label (LdReportCauseStatus status)
{
  switch (status)
    {
    case LD_REPORT_CAUSE_SUPPORTED: return _("supported by the evidence");
    case LD_REPORT_CAUSE_CONTRADICTED: return _("ruled out by the evidence");
    case LD_REPORT_CAUSE_UNKNOWN:
    default: return _("not decided");
    }
}

/* Every string that comes from a log goes through here. A redacted
 * report's analysis holds pseudonyms already (its inputs were read
 * through the redactor): nothing is searched or replaced here. */
char *
_ld_report_str (LdReportContext *ctx,
                const char      *text)
{
  if (text == NULL)
    return g_strdup ("");
  return g_utf8_make_valid (text, -1);
}

/* @s (owned) cut after @max characters, at a space, ";" or "," near the
 * end when there is one, with a note of what was left out. */
static char *
cut_text (char  *s,
          glong  max)
{
  g_autofree char *owned = s;
  const char *cut;
  const char *soft = NULL;
  glong total, kept;

  /* (g_utf8_strlen()'s limit counts bytes, not characters.) */
  if (strlen (owned) <= (gsize) max || (total = g_utf8_strlen (owned, -1)) <= max)
    return g_steal_pointer (&owned);
  cut = g_utf8_offset_to_pointer (owned, max);
  for (const char *p = cut; p > owned && cut - p < 200; p--)
    if (*p == ' ' || *p == ';' || *p == ',')
      {
        soft = p + 1;
        break;
      }
  if (soft != NULL)
    cut = soft;
  kept = g_utf8_pointer_to_offset (owned, cut);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%.*s … [%ld more character left out here; the JSON export has the whole value]",
                                       "%.*s … [%ld more characters left out here; the JSON export has the whole value]",
                                       total - kept),
                          (int) (cut - owned), owned, (long) (total - kept));
}

/* A value from a log for the PDF and the Markdown: through
 * _ld_report_str(), then cut after LD_REPORT_MAX_VALUE_CHARS characters
 * with a note of what was left out. Redacted before it is cut, so a cut
 * never leaves a piece of a name the redactor would not recognise. */
char *
_ld_report_value (LdReportContext *ctx,
                  const char      *text)
{
  return cut_text (_ld_report_str (ctx, text), LD_REPORT_MAX_VALUE_CHARS);
}

/* The rules' and the wizard's prose, which quotes values from the logs:
 * redacted like them, cut only when far longer than any the rules write
 * (each value in it was already kept to LD_MAX_VALUE when read). */
char *
_ld_report_prose (LdReportContext *ctx,
                  const char      *text)
{
  return cut_text (_ld_report_str (ctx, text), 4 * LD_REPORT_MAX_VALUE_CHARS);
}

char *
_ld_report_dup_input_name (LdReportContext *ctx,
                           guint            index)
{
  GPtrArray *inputs = ld_analysis_get_inputs (ctx->analysis);
  const LdInput *in;

  if (index >= inputs->len)
    return g_strdup_printf (_("input %u"), index + 1);
  in = inputs->pdata[index];
  /* The folder (a pseudonym in a redacted report) says nothing to the reader. */
  if (ctx->redactor != NULL && in->member == NULL && in->path != NULL)
    {
      g_autofree char *base = g_path_get_basename (in->path);

      return _ld_report_value (ctx, base);
    }
  if (in->member != NULL)
    {
      g_autofree char *base = g_path_get_basename (in->path);
      g_autofree char *both = g_strdup_printf ("%s → %s", base, in->member);

      return _ld_report_value (ctx, both);
    }
  return _ld_report_value (ctx, in->path);
}

char *
_ld_report_dup_title (LdReportContext *ctx)
{
  return g_strdup (_("Lync / Skype for Business diagnostic report"));
}

/* Where the meanings come from, so support can check them. */
char *
_ld_report_dup_about (void)
{
  return g_strdup_printf (
    _("About this report: LyncDiag %s read the client (UCCAPI) or server (SIPStack) logs listed at the top "
      "and grouped their SIP messages into call and conference-join attempts. Times are the logs' own clock. "
      "Diagnostic codes are decoded from the ms-diagnostics tables of Lync Server and the client's "
      "ms-client-diagnostics codes; ICEWarn bits from the Lync Server 2010 Resource Kit, chapter 9. Evidence is "
      "quoted exactly as logged, with the file and line it came from."),
    PACKAGE_VERSION);
}

char *
_ld_report_dup_input_span (const LdInput *input)
{
  g_autofree char *first = ld_format_time (input->first_time);
  g_autofree char *last = ld_format_time (input->last_time);

  if (input->first_time < 0)
    return g_strdup (_("no time stamps"));
  /* Same day: write the date once. */
  if (input->last_time >= 0 && strncmp (first, last, 10) == 0)
    return g_strdup_printf ("%s – %s", first, last + 11);
  return g_strdup_printf ("%s – %s", first, last);
}

gboolean
_ld_report_attempt_failed (const LdAttempt *attempt)
{
  return attempt->outcome == LD_OUTCOME_FAILED || attempt->outcome == LD_OUTCOME_NO_RESPONSE;
}

/* "ms-client-diagnostics 23", or the SIP status when no diagnostic. */
char *
_ld_report_dup_attempt_code (const LdAttempt *attempt)
{
  const LdDiagnostic *diag = ld_attempt_get_primary_diagnostic (attempt);

  if (diag != NULL && diag->code >= 0)
    {
      if (diag->subcode >= 0)
        return g_strdup_printf ("%d.%d", diag->code, diag->subcode);
      return g_strdup_printf ("%d", diag->code);
    }
  return g_strdup ("");
}

void
_ld_report_progress (LdReportContext *ctx,
                     double           fraction)
{
  if (ctx->options->progress != NULL)
    ctx->options->progress (CLAMP (fraction, 0.0, 1.0), ctx->options->progress_data);
}

static char *
strip_final_period (const char *text)
{
  char *s = g_strstrip (g_strdup (text));
  gsize len = strlen (s);

  if (len > 0 && s[len - 1] == '.')
    s[len - 1] = '\0';
  return s;
}

static char *
dup_failed_modalities (GPtrArray *failed)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  guint n = 0;

  /* Three kinds say what failed; "What failed" on page 1 counts them all. */
  for (guint i = 0; i < failed->len; i++)
    {
      char *what = _ld_report_dup_what (failed->pdata[i]);

      if (!g_hash_table_add (seen, what))
        continue;
      if (n++ < 3)
        g_string_append_printf (s, "%s%s", s->len ? ", " : "", what);
    }
  if (n > 3)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " and %u other kind", " and %u other kinds", n - 3),
                            n - 3);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* A clean verdict over logs that were not all read is no all-clear: it
 * says so, and where they are named. */
static char *
with_skipped (LdAnalysis *analysis,
              char       *verdict)
{
  guint n = ld_analysis_get_skipped (analysis)->len;
  char *both;

  if (n == 0)
    return verdict;
  both = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s But %u input was not analysed and may hold the problem: see “Not analysed”.",
                                       "%s But %u inputs were not analysed and may hold the problem: see “Not analysed”.",
                                       n),
                          verdict, n);
  g_free (verdict);
  return both;
}

static char *
verdict_for (LdAnalysis *analysis,
             GPtrArray  *findings,
             GPtrArray  *failed)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdFinding *top = findings->len > 0 ? findings->pdata[0] : NULL;
  guint n_warn = 0;

  for (guint i = 0; i < findings->len; i++)
    if (((const LdFinding *) findings->pdata[i])->severity == LD_SEVERITY_WARNING)
      n_warn++;

  if (failed->len > 0 || (top != NULL && top->severity == LD_SEVERITY_ERROR))
    {
      g_autofree char *title = NULL;
      g_autofree char *modalities = dup_failed_modalities (failed);
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;

      if (top != NULL)
        {
          title = strip_final_period (top->title);
          first = g_strdup_printf (_("Problem found: %s."), title);
        }
      else
        first = g_strdup (_("Problem found."));

      if (failed->len > 0)
        second = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u of %u attempts failed (%s).",
                                               "%u of %u attempts failed (%s).",
                                               failed->len),
                                  failed->len, attempts->len, modalities);
      else
        second = g_strdup (_("No attempt failed, but the logs record an error; see the findings."));
      return g_strdup_printf ("%s %s", first, second);
    }

  if (n_warn > 0)
    {
      g_autofree char *title = strip_final_period (top->title);

      return with_skipped (analysis,
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "No attempt failed, but %u finding deserves a look: %s.",
                                                         "No attempt failed, but %u findings deserve a look, first: %s.",
                                                         n_warn),
                                            n_warn, title));
    }

  if (attempts->len == 0)
    return with_skipped (analysis,
                         g_strdup (_("No problem found, but the logs hold no sign-in, call, conference join or request to judge. "
                                     "Turn on logging in the client, reproduce the problem, then analyse the new log.")));

  return with_skipped (analysis,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "No problem found: the attempt in the logs succeeded and nothing points to a fault.",
                                                     "No problem found: all %u attempts in the logs succeeded and nothing points to a fault.",
                                                     attempts->len),
                                        attempts->len));
}

static GPtrArray *
sorted_findings (LdAnalysis *analysis)
{
  GPtrArray *all = ld_analysis_get_findings (analysis);
  GPtrArray *sorted = g_ptr_array_new ();

  /* The analysis ranks its findings (ld-findings.c); the report keeps that
   * order, so its verdict starts where the app's and the CLI's do. */
  for (guint i = 0; i < all->len; i++)
    g_ptr_array_add (sorted, all->pdata[i]);
  return sorted;
}

static GPtrArray *
failed_attempts (LdAnalysis *analysis)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  GPtrArray *failed = g_ptr_array_new ();

  for (guint i = 0; i < attempts->len; i++)
    if (_ld_report_attempt_failed (attempts->pdata[i]))
      g_ptr_array_add (failed, attempts->pdata[i]);
  return failed;
}

/**
 * ld_report_dup_verdict:
 * @analysis: a finished analysis (a redacted one gives a redacted verdict)
 *
 * The one or two sentences a report opens with, derived from the findings.
 *
 * Returns: (transfer full): the verdict.
 */
char *
ld_report_dup_verdict (LdAnalysis *analysis)
{
  g_autoptr(GPtrArray) findings = sorted_findings (analysis);
  g_autoptr(GPtrArray) failed = failed_attempts (analysis);

  g_return_val_if_fail (LD_IS_ANALYSIS (analysis), NULL);

  return verdict_for (analysis, findings, failed);
}

static void
context_clear (LdReportContext *ctx)
{
  _ld_report_model_clear (ctx);
  ctx->redactor = NULL;  /* the redacted analysis's */
  g_clear_object (&ctx->redacted);
  g_clear_pointer (&ctx->findings, g_ptr_array_unref);
  g_clear_pointer (&ctx->failed, g_ptr_array_unref);
  g_clear_pointer (&ctx->steps, g_ptr_array_unref);
  g_clear_pointer (&ctx->causes, g_ptr_array_unref);
  g_clear_pointer (&ctx->verdict, g_free);
  g_clear_pointer (&ctx->analysed_at, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdReportContext, context_clear)

/* Re-reading the logs for a redacted report is most of its work. */
static void
on_reread_progress (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  _ld_report_progress (user_data, 0.6 * (double) done / (double) MAX (total, 1));
}

/* Redaction seam: the troubleshooting steps of a redacted report come
 * from a wizard over the redacted analysis, with the user's answers; an
 * answer in the user's own words is left out (and looked for by the
 * check). The wizard the user went through holds real values. */
static void
redacted_wizard (LdReportContext *ctx)
{
  const LdReportOptions *options = ctx->options;
  g_autoptr(LdWizard) wizard = ld_wizard_new (ctx->analysis);
  g_auto(GStrv) answers = NULL;

  if (options->wizard_answers != NULL)
    answers = g_strdupv (options->wizard_answers);
  else if (options->wizard_func == ld_report_collect_wizard && options->wizard != NULL)
    answers = ld_report_dup_wizard_answers (options->wizard);
  for (guint i = 0; answers != NULL && answers[i] != NULL; i++)
    {
      const char *eq = strchr (answers[i], '=');
      g_autofree char *key = eq ? g_strndup (answers[i], eq - answers[i]) : NULL;
      const LdWizardStep *step = key ? ld_wizard_get_step (wizard, key) : NULL;
      const char *value = eq ? eq + 1 : NULL;
      gboolean choice = FALSE;

      if (step == NULL)
        continue;
      for (guint c = 0; c < step->n_choices; c++)
        if (g_strcmp0 (step->choices[c].key, value) == 0)
          choice = TRUE;
      if (!choice)
        {
          ld_redactor_add_user_text (ctx->redactor, value);
          value = ld_redact_get_withheld_text ();
        }
      ld_wizard_set_answer (wizard, key, value, NULL);
    }
  ld_report_collect_wizard (wizard, ctx->steps, ctx->causes);
}

/**
 * ld_report_render:
 * @analysis: a finished analysis
 * @options: format (not %LD_REPORT_FORMAT_AUTO: PDF then), paper, redaction, wizard
 * @cancellable: (nullable): checked between sections
 * @error: a #LD_ERROR on failure
 *
 * Safe to call from a worker thread as long as nobody changes @analysis.
 *
 * Returns: (transfer full) (nullable): the report's bytes.
 */
GBytes *
ld_report_render (LdAnalysis             *analysis,
                  const LdReportOptions  *options,
                  GCancellable           *cancellable,
                  GError                **error)
{
  g_auto(LdReportContext) ctx = { 0 };
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GBytes) bytes = NULL;
  LdReportFormat format;

  g_return_val_if_fail (LD_IS_ANALYSIS (analysis), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  format = options->format == LD_REPORT_FORMAT_AUTO ? LD_REPORT_FORMAT_PDF : options->format;
  ctx.options = options;
  ctx.cancellable = cancellable;

  _ld_report_progress (&ctx, 0.0);
  /* Redaction seam: a redacted report is made from the same inputs read
   * again through the redactor (ld-redact-analysis.c), so every value
   * below is a pseudonym before any sentence is composed. */
  if (options->redact && ld_analysis_get_redactor (analysis) == NULL)
    {
      ctx.redacted = ld_analysis_dup_redacted (analysis, on_reread_progress, &ctx, cancellable, error);
      if (ctx.redacted == NULL)
        return NULL;
      analysis = ctx.redacted;
    }
  ctx.analysis = analysis;
  ctx.redactor = ld_analysis_get_redactor (analysis);
  _ld_report_progress (&ctx, 0.6);

  ctx.findings = sorted_findings (analysis);
  ctx.failed = failed_attempts (analysis);
  for (guint i = 0; i < ctx.findings->len; i++)
    {
      const LdFinding *f = ctx.findings->pdata[i];

      if (f->severity == LD_SEVERITY_ERROR)
        ctx.n_errors++;
      else if (f->severity == LD_SEVERITY_WARNING)
        ctx.n_warnings++;
      else
        ctx.n_infos++;
    }
  ctx.verdict = verdict_for (analysis, ctx.findings, ctx.failed);

  ctx.steps = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_report_step_free);
  ctx.causes = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_report_cause_free);
  if (ctx.redactor != NULL && (options->wizard_answers != NULL || options->wizard != NULL))
    redacted_wizard (&ctx);
  else if (options->wizard != NULL && options->wizard_func != NULL)
    options->wizard_func (options->wizard, ctx.steps, ctx.causes);
  _ld_report_model_build (&ctx);

  now = options->analysed_at ? g_date_time_ref (options->analysed_at) : g_date_time_new_now_local ();
  ctx.analysed_at = ld_format_date_time_local (now);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  switch (format)
    {
    case LD_REPORT_FORMAT_PDF:
      bytes = _ld_report_render_pdf (&ctx, error);
      break;
    case LD_REPORT_FORMAT_MARKDOWN:
      {
        char *text = _ld_report_render_markdown (&ctx);

        bytes = g_bytes_new_take (text, strlen (text));
      }
      break;
    case LD_REPORT_FORMAT_CSV:
      {
        char *text = _ld_report_render_csv (&ctx);

        bytes = g_bytes_new_take (text, strlen (text));
      }
      break;
    case LD_REPORT_FORMAT_JSON:
    case LD_REPORT_FORMAT_AUTO:
    default:
      {
        char *text = ld_analysis_to_json (analysis, TRUE);

        bytes = g_bytes_new_take (text, strlen (text));
      }
      break;
    }
  if (bytes == NULL)
    return NULL;

  /* Redaction seam: fail closed. The finished report is looked through
   * for every value the redactor met in the logs, in every spelling the
   * format may give it; one survivor and nothing is published. */
  if (ctx.redactor != NULL)
    {
      gboolean clean;

      if (format == LD_REPORT_FORMAT_PDF)
        clean = ld_redactor_check_pdf (ctx.redactor, bytes, cancellable, error);
      else
        clean = ld_redactor_check_text (ctx.redactor, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                        cancellable, error);
      if (!clean)
        return NULL;
    }
  _ld_report_progress (&ctx, 1.0);
  return g_steal_pointer (&bytes);
}

/**
 * ld_report_write:
 * @analysis: a finished analysis
 * @options: what to write; %LD_REPORT_FORMAT_AUTO follows @out's extension
 * @out: the file to write; replaced atomically (temporary file, then rename)
 * @cancellable: (nullable): cancels before anything is replaced
 * @error: %LD_ERROR_WRITE when @out is an input or cannot be written
 *
 * Returns: %TRUE when @out holds the complete report.
 */
gboolean
ld_report_write (LdAnalysis             *analysis,
                 const LdReportOptions  *options,
                 GFile                  *out,
                 GCancellable           *cancellable,
                 GError                **error)
{
  LdReportOptions opts = *options;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (LD_IS_ANALYSIS (analysis), FALSE);
  g_return_val_if_fail (G_IS_FILE (out), FALSE);

  /* Before a byte is rendered or written: never over anything the user
   * named as an input, read or not, through any name. */
  if (!ld_analysis_check_output (analysis, out, error))
    return FALSE;

  if (opts.format == LD_REPORT_FORMAT_AUTO)
    {
      g_autofree char *base = g_file_get_basename (out);

      opts.format = ld_report_format_from_path (base);
    }

  bytes = ld_report_render (analysis, &opts, cancellable, error);
  if (bytes == NULL)
    return FALSE;

  /* A temporary file beside @out, flushed and renamed: a failed write, a
   * full disk or a signal never leaves half a report, nor touches a file
   * @out would have replaced. */
  return ld_atomic_file_replace_contents (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                          cancellable, error);
}
